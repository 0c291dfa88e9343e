//! Charts drawn on the server as SVG: no script, a few kilobytes, readable right to left.
//!
//! Every chart is an image with a title; the page shows the same numbers in a table beside it.
//! Series differ by dash pattern as well as by colour, so colour is never the only cue. In a
//! right-to-left page the horizontal axis is mirrored: bars grow leftwards from labels on the
//! right, and time runs from right to left.

use std::fmt::Write;

/// Which way the page reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    LeftToRight,
    RightToLeft,
}

/// One bar: its label and value, or `None` when the value is suppressed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub value: Option<i64>,
}

/// One line of a line chart, a value per point of the horizontal axis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    pub name: String,
    pub values: Vec<i64>,
}

/// How big to draw, and the words a chart needs besides its data.
#[derive(Debug, Clone, Copy)]
pub struct Frame<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub width: i64,
    pub direction: Direction,
    /// Shown in place of a suppressed bar.
    pub suppressed: &'a str,
}

const COLOURS: [&str; 4] = ["#1d4f91", "#b3461b", "#2f6b2f", "#6b3f8f"];
const DASHES: [&str; 4] = ["", "6 3", "2 3", "8 3 2 3"];
const ROW: i64 = 24;
const LABEL_WIDTH: i64 = 150;

/// Horizontal bars, one row each, with the value written after the bar.
pub fn bar_chart(frame: &Frame<'_>, bars: &[Bar]) -> String {
    let height = ROW * bars.len().max(1) as i64 + 8;
    let max = bars
        .iter()
        .filter_map(|b| b.value)
        .max()
        .unwrap_or(0)
        .max(1);
    let plot = frame.width - LABEL_WIDTH - 60;
    let mut svg = open(frame, height);
    for (row, bar) in bars.iter().enumerate() {
        let y = row as i64 * ROW + 4;
        let label_x = mirror(frame, LABEL_WIDTH - 8, 0);
        let _ = write!(
            svg,
            r#"<text x="{label_x}" y="{}" text-anchor="{}">{}</text>"#,
            y + 16,
            anchor(frame, true),
            escape(&bar.label)
        );
        let length = bar.value.map_or(0, |value| value * plot / max);
        let x = mirror(frame, LABEL_WIDTH, length);
        let _ = write!(
            svg,
            r#"<rect x="{x}" y="{}" width="{length}" height="{}" fill="{}"/>"#,
            y + 3,
            ROW - 8,
            COLOURS[0]
        );
        let value_x = mirror(frame, LABEL_WIDTH + length + 6, 0);
        let value = bar
            .value
            .map_or_else(|| frame.suppressed.to_owned(), |v| v.to_string());
        let _ = write!(
            svg,
            r#"<text x="{value_x}" y="{}" text-anchor="{}">{}</text>"#,
            y + 16,
            anchor(frame, false),
            escape(&value)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Lines over labelled points (e.g. months), with a legend naming each line.
pub fn line_chart(frame: &Frame<'_>, points: &[String], series: &[Series]) -> String {
    let legend = ROW * series.len() as i64;
    let plot_height = 140;
    let height = plot_height + 40 + legend;
    let (left, plot_width) = (40, frame.width - 60);
    let max = series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1);
    let step = plot_width / (points.len().max(2) as i64 - 1);
    let x_of = |index: usize| mirror(frame, left + index as i64 * step, 0);
    let y_of = |value: i64| 10 + plot_height - value * plot_height / max;
    let mut svg = open(frame, height);
    let axis_start = mirror(frame, left, 0);
    let axis_end = mirror(frame, left + plot_width, 0);
    let _ = write!(
        svg,
        r##"<line x1="{axis_start}" y1="{0}" x2="{axis_end}" y2="{0}" stroke="#555"/><text x="{axis_start}" y="14" text-anchor="{1}">{max}</text>"##,
        10 + plot_height,
        anchor(frame, false),
    );
    let labelled = label_every(points.len(), plot_width);
    for (index, point) in points.iter().enumerate().filter(|(i, _)| i % labelled == 0) {
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}" text-anchor="middle">{}</text>"#,
            x_of(index),
            plot_height + 28,
            escape(point)
        );
    }
    for (number, line) in series.iter().enumerate() {
        let coordinates: Vec<String> = line
            .values
            .iter()
            .enumerate()
            .map(|(index, value)| format!("{},{}", x_of(index), y_of(*value)))
            .collect();
        let (colour, dash) = (
            COLOURS[number % COLOURS.len()],
            DASHES[number % DASHES.len()],
        );
        let _ = write!(
            svg,
            r#"<polyline points="{}" fill="none" stroke="{colour}" stroke-width="2" stroke-dasharray="{dash}"/>"#,
            coordinates.join(" ")
        );
        let y = plot_height + 40 + number as i64 * ROW;
        let (x1, x2) = (mirror(frame, left, 0), mirror(frame, left + 30, 0));
        let _ = write!(
            svg,
            r#"<line x1="{x1}" y1="{y}" x2="{x2}" y2="{y}" stroke="{colour}" stroke-width="2" stroke-dasharray="{dash}"/><text x="{}" y="{}" text-anchor="{}">{}</text>"#,
            mirror(frame, left + 38, 0),
            y + 5,
            anchor(frame, false),
            escape(&line.name)
        );
    }
    svg.push_str("</svg>");
    svg
}

fn open(frame: &Frame<'_>, height: i64) -> String {
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {height}" width="{w}" height="{height}" role="img" aria-labelledby="{id}-title" font-family="sans-serif" font-size="12"><title id="{id}-title">{title}</title>"#,
        w = frame.width,
        id = escape(frame.id),
        title = escape(frame.title),
    )
}

/// The x of something `length` wide starting at `x` from the reading edge.
fn mirror(frame: &Frame<'_>, x: i64, length: i64) -> i64 {
    match frame.direction {
        Direction::LeftToRight => x,
        Direction::RightToLeft => frame.width - x - length,
    }
}

/// Text that ends at its x (labels before a bar) or starts at it (values after a bar).
fn anchor(frame: &Frame<'_>, ends_at_x: bool) -> &'static str {
    match (frame.direction, ends_at_x) {
        (Direction::LeftToRight, true) | (Direction::RightToLeft, false) => "end",
        _ => "start",
    }
}

/// The room one axis label (a month such as `2026-11`, at 12 px) needs, with a gap.
const AXIS_LABEL_WIDTH: i64 = 64;

/// Label every n-th point so that labels never overlap on an axis `plot_width` wide.
fn label_every(points: usize, plot_width: i64) -> usize {
    let fitting = usize::try_from(plot_width / AXIS_LABEL_WIDTH)
        .unwrap_or(1)
        .max(1);
    points.div_ceil(fitting).max(1)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(direction: Direction) -> Frame<'static> {
        Frame {
            id: "c",
            title: "Cases <opened>",
            width: 400,
            direction,
            suppressed: "hidden",
        }
    }

    #[test]
    fn bars_are_escaped_titled_and_suppressed_values_are_words() {
        let bars = [
            Bar {
                label: "A&B".into(),
                value: Some(10),
            },
            Bar {
                label: "C".into(),
                value: None,
            },
        ];
        let svg = bar_chart(&frame(Direction::LeftToRight), &bars);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("<title id=\"c-title\">Cases &lt;opened&gt;</title>"));
        assert!(svg.contains(">A&amp;B</text>"));
        assert!(svg.contains(">hidden</text>"));
        assert!(svg.contains(">10</text>"));
    }

    #[test]
    fn right_to_left_mirrors_the_bars() {
        let bars = [Bar {
            label: "A".into(),
            value: Some(10),
        }];
        let ltr = bar_chart(&frame(Direction::LeftToRight), &bars);
        let rtl = bar_chart(&frame(Direction::RightToLeft), &bars);
        assert!(ltr.contains(&format!("<rect x=\"{LABEL_WIDTH}\"")));
        // The longest bar spans the plot, 400 - 150 - 60 = 190 wide, ending at 400 - 150.
        assert!(rtl.contains("<rect x=\"60\" y=\"7\" width=\"190\""));
    }

    #[test]
    fn axis_labels_of_a_small_chart_leave_room_between_them() {
        let months: Vec<String> = (1..=12).map(|month| format!("2026-{month:02}")).collect();
        let small = Frame {
            width: 300,
            ..frame(Direction::LeftToRight)
        };
        let svg = line_chart(&small, &months, &[]);
        let labels = months
            .iter()
            .filter(|month| svg.contains(month.as_str()))
            .count();
        assert!((2..=4).contains(&labels), "{labels} labels on 240 px");
        let wide = Frame {
            width: 640,
            ..frame(Direction::LeftToRight)
        };
        let svg = line_chart(&wide, &months, &[]);
        assert!(
            months
                .iter()
                .filter(|month| svg.contains(month.as_str()))
                .count()
                >= 6
        );
    }

    #[test]
    fn lines_have_a_legend_and_differ_by_dash_as_well_as_colour() {
        let points: Vec<String> = (1..=12).map(|m| format!("2026-{m:02}")).collect();
        let series = [
            Series {
                name: "opened".into(),
                values: (0..12).collect(),
            },
            Series {
                name: "closed".into(),
                values: vec![1; 12],
            },
        ];
        let svg = line_chart(&frame(Direction::LeftToRight), &points, &series);
        assert_eq!(svg.matches("<polyline").count(), 2);
        assert!(svg.contains(">opened</text>") && svg.contains(">closed</text>"));
        assert!(svg.contains("stroke-dasharray=\"6 3\""));
        assert!(svg.contains(">2026-01</text>") && !svg.contains(">2026-02</text>"));
    }
}
