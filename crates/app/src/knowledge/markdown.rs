//! Safe Markdown: practice descriptions are written by outside contributors, so raw HTML is
//! shown as text and only web and mail links survive.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

/// Renders Markdown to HTML that is safe to insert into a page.
pub fn to_safe_html(markdown: &str) -> String {
    let mut open_links_dropped = Vec::new();
    let events = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
    .filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Image { dest_url, .. }) => {
            // Images would load from anywhere; show the address as a link-free text.
            Some(Event::Text(dest_url))
        }
        Event::End(TagEnd::Image) => None,
        Event::Start(Tag::Link { dest_url, .. }) if !is_safe_link(&dest_url) => {
            open_links_dropped.push(true);
            None
        }
        Event::Start(link @ Tag::Link { .. }) => {
            open_links_dropped.push(false);
            Some(Event::Start(link))
        }
        Event::End(TagEnd::Link) => match open_links_dropped.pop() {
            Some(true) => None,
            _ => Some(Event::End(TagEnd::Link)),
        },
        other => Some(other),
    });
    let mut output = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut output, events);
    output
}

/// The text of a Markdown document without markup, for indexing and feeds.
pub fn to_plain_text(markdown: &str) -> String {
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new(markdown) {
        match event {
            Event::Text(part) | Event::Code(part) => text.push_str(&part),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_safe_link(url: &CowStr<'_>) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["https://", "http://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = to_safe_html("Hello <script>alert(1)</script> *world*");
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(html.contains("<em>world</em>"), "{html}");
    }

    #[test]
    fn only_web_and_mail_links_survive() {
        let html =
            to_safe_html("[a](https://example.org) [b](javascript:alert(1)) [c](mailto:x@y.z)");
        assert!(
            html.contains(r#"<a href="https://example.org">a</a>"#),
            "{html}"
        );
        assert!(!html.contains("javascript"), "{html}");
        assert!(html.contains(" b "), "{html}");
        assert!(html.contains(r#"href="mailto:x@y.z""#), "{html}");
    }

    #[test]
    fn images_become_text() {
        let html = to_safe_html("![x](https://tracker.example/p.gif)");
        assert!(!html.contains("<img"), "{html}");
    }

    #[test]
    fn plain_text_drops_markup() {
        assert_eq!(
            to_plain_text("# Title\n\nSome **bold** text"),
            "Title Some bold text"
        );
    }
}
