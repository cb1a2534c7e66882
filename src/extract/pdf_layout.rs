//! The lines of a PDF's pages (as the PDF reader found them, in reading order)
//! → the canonical text: repeated headers and footers and bare page numbers
//! dropped, hard-wrapped lines joined into paragraphs (blank line between
//! paragraphs), end-of-line hyphenation repaired, ligatures (ﬁ, ﬂ…) spelled
//! out and the text NFC-normalised; footnotes (small lines at a page's foot
//! that start with a marker) set after the paragraph they interrupt, as note
//! blocks, so that paragraph stays whole. Pure: lines in, text out.

use crate::model::structure::{NoteBlock, PageStart};
use crate::model::text::{CharOffset, CharRange};
use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization as _;

/// One line of a page.
#[derive(Clone, Debug, PartialEq)]
pub struct PdfLine {
    /// The line's text as extracted.
    pub text: String,
    /// Its baseline's distance from the page's top, in points (grows down the page).
    pub top: f32,
    /// Its font size in points (0 when unknown).
    pub size: f32,
}

/// One page: its label (printed label or number) and its lines in reading order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PdfPage {
    /// The page's label as a citation gives it.
    pub label: String,
    /// Its lines in reading order.
    pub lines: Vec<PdfLine>,
}

/// The text laid out from the pages, with where each page starts and the notes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Laid {
    /// The canonical text.
    pub text: String,
    /// One entry per page that has text, in order.
    pub pages: Vec<PageStart>,
    /// The footnote blocks.
    pub notes: Vec<NoteBlock>,
}

/// How many lines at each end of a page may be a header or footer.
const EDGE_LINES: usize = 2;
/// A gap between baselines this many times the page's usual line spacing ends a paragraph.
const PARAGRAPH_GAP: f32 = 1.5;
/// A line this much smaller than the page's body text may be a footnote.
const NOTE_SIZE_RATIO: f32 = 0.9;

/// Lays out `pages` as one text (see the module doc).
pub fn lay_out(pages: &[PdfPage]) -> Laid {
    let repeated = repeated_edges(pages);
    let mut out = Writer::default();
    for page in pages {
        let lines: Vec<PdfLine> = page
            .lines
            .iter()
            .enumerate()
            .filter(|(index, line)| {
                let edge = *index < EDGE_LINES || *index + EDGE_LINES >= page.lines.len();
                !(edge && (repeated.contains(&edge_key(&line.text)) || is_page_number(line, page)))
            })
            .map(|(_, line)| PdfLine {
                text: normalise(&line.text),
                ..line.clone()
            })
            .filter(|line| !line.text.is_empty())
            .collect();
        if lines.is_empty() {
            continue;
        }
        let (body, notes) = split_notes(&lines);
        out.page(&page.label, &body);
        out.pending_notes.extend(notes);
    }
    out.finish()
}

/// Ligatures spelled out, whitespace runs as one space, NFC, trimmed.
fn normalise(text: &str) -> String {
    let mut spelled = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{FB00}' => spelled.push_str("ff"),
            '\u{FB01}' => spelled.push_str("fi"),
            '\u{FB02}' => spelled.push_str("fl"),
            '\u{FB03}' => spelled.push_str("ffi"),
            '\u{FB04}' => spelled.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => spelled.push_str("st"),
            c if c.is_whitespace() || c.is_control() => spelled.push(' '),
            c => spelled.push(c),
        }
    }
    let collapsed = spelled.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed.nfc().collect()
}

/// A header/footer line's key: digits and roman numerals stand for any page number.
fn edge_key(text: &str) -> String {
    text.split_whitespace()
        .map(|word| {
            if word.chars().all(|c| c.is_ascii_digit()) || is_roman(word) {
                "#"
            } else {
                word
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_roman(word: &str) -> bool {
    !word.is_empty()
        && word.len() <= 6
        && word
            .chars()
            .all(|c| matches!(c.to_ascii_lowercase(), 'i' | 'v' | 'x' | 'l' | 'c'))
}

/// A line that is only the page's number (or label), as footers print it.
fn is_page_number(line: &PdfLine, page: &PdfPage) -> bool {
    let text = line
        .text
        .trim()
        .trim_matches(|c| c == '-' || c == '–' || c == ' ');
    !text.is_empty() && (text == page.label || text.chars().all(|c| c.is_ascii_digit()))
}

/// The edge-line keys that recur on at least half the pages (and on two or more).
fn repeated_edges(pages: &[PdfPage]) -> Vec<String> {
    if pages.len() < 2 {
        return Vec::new();
    }
    let mut counts: HashMap<String, usize> = HashMap::new();
    for page in pages {
        let n = page.lines.len();
        let mut keys: Vec<String> = page
            .lines
            .iter()
            .enumerate()
            .filter(|(i, _)| *i < EDGE_LINES || *i + EDGE_LINES >= n)
            .map(|(_, line)| edge_key(&normalise(&line.text)))
            .filter(|key| !key.is_empty())
            .collect();
        keys.sort();
        keys.dedup();
        for key in keys {
            *counts.entry(key).or_default() += 1;
        }
    }
    let threshold = pages.len().div_ceil(2).max(2);
    let mut repeated: Vec<String> = counts
        .into_iter()
        .filter(|(_, count)| *count >= threshold)
        .map(|(key, _)| key)
        .collect();
    repeated.sort();
    repeated
}

/// The usual font size of a page's lines (the most common, rounded).
fn body_size(lines: &[PdfLine]) -> f32 {
    let mut counts: HashMap<i32, usize> = HashMap::new();
    for line in lines {
        *counts.entry((line.size * 2.0).round() as i32).or_default() += line.text.len();
    }
    counts
        .into_iter()
        .max_by_key(|&(size, count)| (count, size))
        .map_or(0.0, |(size, _)| size as f32 / 2.0)
}

/// The marker a footnote line starts with (`1`, `¹`, `*`), if it has one.
fn note_marker(text: &str) -> Option<String> {
    let superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹";
    let marker: String = text
        .chars()
        .take_while(|c| c.is_ascii_digit() || superscripts.contains(*c) || *c == '*')
        .collect();
    (!marker.is_empty() && marker.chars().count() <= 3).then_some(marker)
}

/// The page's body lines and its footnotes (each a marker and its joined text):
/// the trailing run of lines smaller than the body whose first line has a marker.
fn split_notes(lines: &[PdfLine]) -> (Vec<PdfLine>, Vec<(String, String)>) {
    let body = body_size(lines);
    let small =
        |line: &PdfLine| body > 0.0 && line.size > 0.0 && line.size < body * NOTE_SIZE_RATIO;
    let mut start = lines.len();
    while start > 0 && small(&lines[start - 1]) {
        start -= 1;
    }
    while start < lines.len() && note_marker(&lines[start].text).is_none() {
        start += 1;
    }
    if start == lines.len() || start == 0 {
        return (lines.to_vec(), Vec::new());
    }
    let mut notes: Vec<(String, String)> = Vec::new();
    for line in &lines[start..] {
        match (note_marker(&line.text), notes.last_mut()) {
            (None, Some((_, text))) => join_line(text, &line.text),
            (marker, _) => notes.push((marker.unwrap_or_default(), line.text.clone())),
        }
    }
    (lines[..start].to_vec(), notes)
}

/// Appends a wrapped line to a paragraph: a hyphen at the end of a word before
/// a lower-case letter is a line-end hyphenation and goes; otherwise a space.
fn join_line(paragraph: &mut String, line: &str) {
    if paragraph.is_empty() {
        paragraph.push_str(line);
        return;
    }
    let next_lower = line.chars().next().is_some_and(char::is_lowercase);
    let mut tail = paragraph.chars().rev();
    let (last, before) = (tail.next(), tail.next());
    let hyphen = matches!(last, Some('-' | '\u{00AD}' | '\u{2010}'));
    if hyphen && next_lower && before.is_some_and(char::is_alphabetic) {
        paragraph.pop();
    } else if last != Some('\u{00AD}')
        && !(last == Some('-') && before.is_some_and(char::is_alphabetic))
    {
        paragraph.push(' ');
    }
    paragraph.push_str(line);
}

/// Does a paragraph that ends a page run on to the next page?
fn runs_on(paragraph: &str) -> bool {
    !paragraph.ends_with(['.', '!', '?', ':', ';', '"', '”', '»', ')'])
}

/// Builds the text paragraph by paragraph, keeping page starts and notes.
#[derive(Default)]
struct Writer {
    text: String,
    chars: usize,
    /// The paragraph being built (not yet in `text`).
    open: String,
    pages: Vec<PageStart>,
    notes: Vec<NoteBlock>,
    /// Footnotes waiting for the open paragraph to end.
    pending_notes: Vec<(String, String)>,
    /// Pages that start inside `open`: label and char offset in `open`.
    pages_in_open: Vec<(String, usize)>,
}

impl Writer {
    /// Lays out one page's body lines.
    fn page(&mut self, label: &str, lines: &[PdfLine]) {
        let spacing = usual_spacing(lines);
        if !self.open.is_empty() && !runs_on(&self.open) {
            self.close_paragraph();
        }
        if self.open.is_empty() {
            self.pages.push(PageStart {
                start: CharOffset(self.chars + self.separator_len()),
                label: label.to_owned(),
            });
        }
        let mut first = !self.open.is_empty();
        let mut previous_top: Option<f32> = None;
        for line in lines {
            let gap = previous_top.map(|top| line.top - top);
            if gap.is_some_and(|gap| spacing > 0.0 && (gap > spacing * PARAGRAPH_GAP || gap < 0.0))
            {
                self.close_paragraph();
            }
            join_line(&mut self.open, &line.text);
            if first {
                // The page starts inside the open paragraph, where this line's text does.
                let at = self.open.chars().count() - line.text.chars().count();
                self.pages_in_open.push((label.to_owned(), at));
                first = false;
            }
            previous_top = Some(line.top);
        }
    }

    /// Chars between the text so far and the next paragraph (a blank line).
    fn separator_len(&self) -> usize {
        if self.chars == 0 { 0 } else { 2 }
    }

    fn push_paragraph(&mut self, paragraph: &str) -> usize {
        if self.chars > 0 {
            self.text.push_str("\n\n");
            self.chars += 2;
        }
        let start = self.chars;
        self.text.push_str(paragraph);
        self.chars += paragraph.chars().count();
        start
    }

    /// Ends the open paragraph and sets the notes that waited for it after it.
    fn close_paragraph(&mut self) {
        if !self.open.is_empty() {
            let open = std::mem::take(&mut self.open);
            let start = self.push_paragraph(&open);
            for (label, at) in std::mem::take(&mut self.pages_in_open) {
                self.pages.push(PageStart {
                    start: CharOffset(start + at),
                    label,
                });
            }
        }
        for (marker, note) in std::mem::take(&mut self.pending_notes) {
            let start = self.push_paragraph(&note);
            self.notes.push(NoteBlock {
                range: CharRange::new(start, self.chars),
                marker: (!marker.is_empty()).then_some(marker),
            });
        }
    }

    fn finish(mut self) -> Laid {
        self.close_paragraph();
        Laid {
            text: self.text,
            pages: self.pages,
            notes: self.notes,
        }
    }
}

/// The usual distance between the baselines of a page's consecutive lines.
fn usual_spacing(lines: &[PdfLine]) -> f32 {
    let mut gaps: Vec<f32> = lines
        .windows(2)
        .map(|pair| pair[1].top - pair[0].top)
        .filter(|gap| *gap > 0.5)
        .collect();
    if gaps.is_empty() {
        return 0.0;
    }
    gaps.sort_by(f32::total_cmp);
    gaps[(gaps.len() - 1) / 2]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page of lines 12 points apart at size 10; `""` leaves a blank line's gap.
    fn page(label: &str, rows: &[&str]) -> PdfPage {
        let mut lines = Vec::new();
        let mut top = 40.0;
        for row in rows {
            if !row.is_empty() {
                let (size, text) = match row.strip_prefix('~') {
                    Some(note) => (7.0, note),
                    None => (10.0, *row),
                };
                lines.push(PdfLine {
                    text: text.to_owned(),
                    top,
                    size,
                });
            }
            top += 12.0;
        }
        PdfPage {
            label: label.to_owned(),
            lines,
        }
    }

    #[test]
    fn wrapped_lines_join_and_line_end_hyphens_go() {
        let laid = lay_out(&[page(
            "1",
            &[
                "The ﬁrst resist-",
                "ance grew; the well-",
                "Known case.",
                "",
                "Next.",
            ],
        )]);
        assert_eq!(
            laid.text,
            "The first resistance grew; the well-Known case.\n\nNext."
        );
    }

    #[test]
    fn repeated_headers_and_page_numbers_are_dropped() {
        let pages: Vec<PdfPage> = (1..=3)
            .map(|n| {
                let number = n.to_string();
                let body = format!("Body of page {n}.");
                page(&number, &["Annual report 2021", "", &body, "", &number])
            })
            .collect();
        let laid = lay_out(&pages);
        assert_eq!(
            laid.text,
            "Body of page 1.\n\nBody of page 2.\n\nBody of page 3."
        );
        let starts: Vec<usize> = laid.pages.iter().map(|p| p.start.0).collect();
        assert_eq!(starts, vec![0, 17, 34]);
        assert_eq!(&laid.text[17..32], "Body of page 2.");
    }

    #[test]
    fn a_paragraph_runs_on_across_pages_and_its_footnote_follows_it() {
        let laid = lay_out(&[
            page(
                "1",
                &[
                    "It began in the",
                    "valley¹ and",
                    "",
                    "",
                    "~¹ Interview, 2021.",
                ],
            ),
            page("2", &["went on.", "", "Then more", "of it."]),
        ]);
        assert_eq!(
            laid.text,
            "It began in the valley¹ and went on.\n\n¹ Interview, 2021.\n\nThen more of it."
        );
        // Page 2 starts at "went", inside the paragraph.
        let start = laid.pages[1].start.0;
        assert_eq!(
            laid.text.chars().skip(start).take(4).collect::<String>(),
            "went"
        );
        assert_eq!(laid.notes.len(), 1);
        let note = &laid.notes[0];
        assert_eq!(note.marker.as_deref(), Some("¹"));
        let note_text: String = laid
            .text
            .chars()
            .skip(note.range.start.0)
            .take(note.range.end.0 - note.range.start.0)
            .collect();
        assert_eq!(note_text, "¹ Interview, 2021.");
    }

    #[test]
    fn ligatures_are_spelled_out_and_text_is_nfc() {
        assert_eq!(normalise("ﬂow  of e\u{301}"), "flow of é");
    }
}
