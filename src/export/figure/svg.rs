//! A small SVG writer: the document frame (size, white background, title,
//! one font), rectangles, lines, paths, text, a legend swatch, and the
//! caption written under every figure (the filter, wrapped). Every text from
//! the project goes through [`escape_xml`].

use super::fonts::FONT_FAMILY;
use std::fmt::Write as _;

/// Width of every figure, in SVG user units (CSS pixels): 800 is 8.3 inches
/// at 96 per inch, 2500 pixels at 300 dpi.
pub(super) const FIGURE_WIDTH: f32 = 800.0;
/// Space around a figure's content.
pub(super) const MARGIN: f32 = 24.0;
/// Average advance of a character, as a share of the font size (Noto Sans,
/// mixed case): enough to lay labels out without measuring glyphs.
const CHAR_WIDTH_EM: f32 = 0.56;
/// Text colour.
pub(super) const INK: &str = "#1d1d1f";
/// Secondary text and axes.
pub(super) const MUTED: &str = "#5f6368";
/// Grid lines.
pub(super) const GRID: &str = "#dadce0";

/// Escapes text for XML content and attribute values, dropping the
/// characters XML 1.0 does not allow (control characters, lone surrogates
/// cannot occur in a `str`).
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The estimated width of `text` at `size` (user units).
pub(super) fn text_width(text: &str, size: f32) -> f32 {
    text.chars().count() as f32 * size * CHAR_WIDTH_EM
}

/// `text` cut to at most `width` (estimated) at `size`, with "…" when cut.
pub(super) fn fit_text(text: &str, size: f32, width: f32) -> String {
    let max_chars = (width / (size * CHAR_WIDTH_EM)).floor().max(2.0) as usize;
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max_chars - 1).collect();
    cut.push('…');
    cut
}

/// Words of `text` in lines no wider than `width` at `size`.
pub(super) fn wrap(text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if text_width(&candidate, size) > width && !line.is_empty() {
            lines.push(std::mem::replace(&mut line, word.to_owned()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Where a text is anchored.
#[derive(Clone, Copy)]
pub(super) enum Anchor {
    Start,
    Middle,
    End,
}

/// How a text looks.
#[derive(Clone, Copy)]
pub(super) struct TextStyle<'a> {
    pub(super) size: f32,
    pub(super) anchor: Anchor,
    pub(super) bold: bool,
    pub(super) fill: &'a str,
}

impl TextStyle<'static> {
    /// Plain text of `size`, anchored at its start.
    pub(super) fn plain(size: f32) -> Self {
        Self {
            size,
            anchor: Anchor::Start,
            bold: false,
            fill: INK,
        }
    }
}

impl<'a> TextStyle<'a> {
    pub(super) fn anchored(self, anchor: Anchor) -> Self {
        Self { anchor, ..self }
    }
    pub(super) fn bold(self) -> Self {
        Self { bold: true, ..self }
    }
    pub(super) fn fill(self, fill: &'a str) -> Self {
        TextStyle { fill, ..self }
    }
}

/// An SVG document being written.
pub(super) struct Svg {
    body: String,
    width: f32,
}

impl Svg {
    /// An empty document `width` wide (its height is known at the end).
    pub(super) fn new(width: f32) -> Self {
        Self {
            body: String::new(),
            width,
        }
    }

    /// The document's width.
    pub(super) fn width(&self) -> f32 {
        self.width
    }

    /// Raw markup (already escaped).
    pub(super) fn raw(&mut self, markup: &str) {
        self.body.push_str(markup);
        self.body.push('\n');
    }

    /// A filled rectangle; `title` becomes its tooltip (`<title>`).
    pub(super) fn rect(&mut self, at: [f32; 2], size: [f32; 2], fill: &str, title: Option<&str>) {
        let _ = write!(
            self.body,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{}\"",
            at[0],
            at[1],
            size[0].max(0.0),
            size[1].max(0.0),
            escape_xml(fill)
        );
        match title {
            Some(title) => {
                let _ = writeln!(self.body, "><title>{}</title></rect>", escape_xml(title));
            }
            None => self.body.push_str("/>\n"),
        }
    }

    /// A straight line.
    pub(super) fn line(&mut self, from: [f32; 2], to: [f32; 2], stroke: &str, width: f32) {
        let _ = writeln!(
            self.body,
            "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{}\" stroke-width=\"{width:.2}\"/>",
            from[0],
            from[1],
            to[0],
            to[1],
            escape_xml(stroke)
        );
    }

    /// One line of text at `at` (its baseline).
    pub(super) fn text(&mut self, at: [f32; 2], style: TextStyle<'_>, text: &str) {
        let anchor = match style.anchor {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        };
        let weight = if style.bold {
            " font-weight=\"bold\""
        } else {
            ""
        };
        let _ = writeln!(
            self.body,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"{:.1}\" text-anchor=\"{anchor}\" fill=\"{}\"{weight}>{}</text>",
            at[0],
            at[1],
            style.size,
            escape_xml(style.fill),
            escape_xml(text)
        );
    }

    /// A legend entry at `at` (top left): a swatch of `fill` and `label`;
    /// returns the x after it.
    pub(super) fn legend_entry(&mut self, at: [f32; 2], fill: &str, label: &str) -> f32 {
        let size = 11.0;
        self.rect([at[0], at[1] - 9.0], [10.0, 10.0], fill, None);
        self.text([at[0] + 14.0, at[1]], TextStyle::plain(size), label);
        at[0] + 14.0 + text_width(label, size) + 16.0
    }

    /// The caption under the figure: each of `lines` wrapped to the width,
    /// from `y` on; returns the y under it.
    pub(super) fn caption(&mut self, y: f32, lines: &[String]) -> f32 {
        let size = 10.5;
        let mut y = y;
        for line in lines {
            for wrapped in wrap(line, size, self.width - 2.0 * MARGIN) {
                y += size * 1.45;
                self.text([MARGIN, y], TextStyle::plain(size).fill(MUTED), &wrapped);
            }
        }
        y
    }

    /// The finished document, `height` high, titled `title`.
    pub(super) fn finish(self, height: f32, title: &str) -> String {
        let (width, height) = (self.width.ceil(), height.ceil());
        let mut svg = String::with_capacity(self.body.len() + 512);
        let _ = writeln!(
            svg,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"{}\" role=\"img\">",
            escape_xml(FONT_FAMILY)
        );
        let _ = writeln!(svg, "<title>{}</title>", escape_xml(title));
        let _ = writeln!(
            svg,
            "<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>"
        );
        svg.push_str(&self.body);
        svg.push_str("</svg>\n");
        svg
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_text_and_drops_what_xml_forbids() {
        assert_eq!(
            escape_xml("<a b=\"x\">&'\u{1}\u{7}Vučić"),
            "&lt;a b=&quot;x&quot;&gt;&amp;&apos;Vučić"
        );
    }

    #[test]
    fn long_labels_are_cut_with_an_ellipsis_and_short_ones_kept() {
        assert_eq!(fit_text("Economy", 10.0, 200.0), "Economy");
        let cut = fit_text("A very long topic name indeed", 10.0, 56.0);
        assert_eq!(cut, "A very lo…");
    }

    #[test]
    fn wrapping_keeps_every_word_in_order() {
        let lines = wrap("one two three four five six", 10.0, 60.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.join(" "), "one two three four five six");
    }
}
