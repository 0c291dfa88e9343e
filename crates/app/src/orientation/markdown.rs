//! Participant content is Markdown; it is rendered to HTML with raw HTML escaped and only safe
//! link targets kept, so content imported from anywhere cannot inject markup or scripts.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, html};

/// Renders Markdown to HTML that is safe to insert into a page.
pub fn render_safe(markdown: &str) -> String {
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
    .map(|event| match event {
        // Raw HTML becomes visible text, escaped by the renderer.
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        other => other,
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, parser);
    out
}

/// Keeps web, mail and local links; anything else (`javascript:`, `data:`, ...) becomes `#`.
fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    let lower = url.trim_start().to_ascii_lowercase();
    let has_scheme = lower.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.contains('/') && !scheme.contains('?') && !scheme.contains('#')
    });
    let allowed = !has_scheme
        || lower.starts_with("https:")
        || lower.starts_with("http:")
        || lower.starts_with("mailto:");
    if allowed { url } else { CowStr::Borrowed("#") }
}

#[cfg(test)]
mod tests {
    use super::render_safe;

    #[test]
    fn markdown_renders_and_raw_html_is_escaped() {
        let html = render_safe(
            "# Title\n\n**bold** <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>",
        );
        assert!(html.contains("<h1>Title</h1>"));
        assert!(html.contains("<strong>bold</strong>"));
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;"));
        assert!(!html.contains("<img"));
    }

    #[test]
    fn only_safe_link_targets_survive() {
        assert!(render_safe("[a](javascript:alert(1))").contains("href=\"#\""));
        assert!(render_safe("[a](JavaScript:alert(1))").contains("href=\"#\""));
        assert!(
            render_safe("[a](https://example.org/x)").contains("href=\"https://example.org/x\"")
        );
        assert!(render_safe("[a](/verify/abc)").contains("href=\"/verify/abc\""));
        assert!(render_safe("![i](data:image/svg+xml,x)").contains("src=\"#\""));
    }
}
