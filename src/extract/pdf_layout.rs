//! The lines of a PDF's pages (as the PDF reader found them, in reading order)
//! → the canonical text: repeated headers and footers and bare page numbers
//! dropped, hard-wrapped lines joined into paragraphs (blank line between
//! paragraphs; no space where a line of Chinese or Japanese joins the next),
//! end-of-line hyphenation repaired, ligatures (ﬁ, ﬂ…) spelled out and the
//! text NFC-normalised; footnotes (small lines at a page's foot that start
//! with a marker) set after the paragraph they interrupt, as note blocks, so
//! that paragraph stays whole. Every char is laid out as a [`Traced`] one, so
//! the text comes with its [`SourceMap`] back to the lines. Pure: lines in,
//! text out.

use super::traced::{Origin, Traced, extend_spans};
use crate::model::source_map::{RawPage, SourceMap, Span};
use crate::model::structure::{NoteBlock, PageStart};
use crate::model::text::{CharOffset, CharRange};
use std::collections::HashMap;

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

/// The text laid out from the pages, with where each page starts, the notes
/// and the map back to the raw text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Laid {
    /// The canonical text.
    pub text: String,
    /// One entry per page that has text, in order.
    pub pages: Vec<PageStart>,
    /// The footnote blocks.
    pub notes: Vec<NoteBlock>,
    /// The canonical text's map onto the raw text (every page's lines, each
    /// ended by `\n`); `None` only if the layout broke its own map (a bug).
    pub map: Option<SourceMap>,
}

/// A line being laid out: its normalised text traced to the raw text.
#[derive(Clone, Debug)]
struct Line {
    text: Traced,
    top: f32,
    size: f32,
}

/// How many lines at each end of a page may be a header or footer.
const EDGE_LINES: usize = 2;
/// A gap between baselines this many times the page's usual line spacing ends a paragraph.
const PARAGRAPH_GAP: f32 = 1.5;
/// A line this much smaller than the page's body text may be a footnote.
const NOTE_SIZE_RATIO: f32 = 0.9;

/// Lays out `pages` as one text (see the module doc). The raw text is every
/// page's lines in order, each ended by `\n`.
pub fn lay_out(pages: &[PdfPage]) -> Laid {
    let repeated = repeated_edges(pages);
    let mut out = Writer::default();
    let mut raw = String::new();
    let mut raw_chars = 0;
    let mut raw_pages = Vec::with_capacity(pages.len());
    for page in pages {
        raw_pages.push(RawPage {
            start: CharOffset(raw_chars),
            label: page.label.clone(),
        });
        let mut lines = Vec::with_capacity(page.lines.len());
        for (index, line) in page.lines.iter().enumerate() {
            let raw_start = raw_chars;
            raw.push_str(&line.text);
            raw.push('\n');
            raw_chars += line.text.chars().count() + 1;
            let edge = index < EDGE_LINES || index + EDGE_LINES >= page.lines.len();
            if edge && (repeated.contains(&edge_key(&line.text)) || is_page_number(line, page)) {
                continue;
            }
            let text = Traced::normalised_line(&line.text, raw_start);
            if !text.is_empty() {
                lines.push(Line {
                    text,
                    top: line.top,
                    size: line.size,
                });
            }
        }
        if lines.is_empty() {
            continue;
        }
        let (body, notes) = split_notes(lines);
        out.page(&page.label, &body);
        out.pending_notes.extend(notes);
    }
    out.finish(raw, raw_pages)
}

/// Ligatures spelled out, whitespace runs as one space, NFC, trimmed.
fn normalise(text: &str) -> String {
    Traced::normalised_line(text, 0).text
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
fn body_size(lines: &[Line]) -> f32 {
    let mut counts: HashMap<i32, usize> = HashMap::new();
    for line in lines {
        *counts.entry((line.size * 2.0).round() as i32).or_default() += line.text.text.len();
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
fn split_notes(mut lines: Vec<Line>) -> (Vec<Line>, Vec<(String, Traced)>) {
    let body = body_size(&lines);
    let small = |line: &Line| body > 0.0 && line.size > 0.0 && line.size < body * NOTE_SIZE_RATIO;
    let mut start = lines.len();
    while start > 0 && small(&lines[start - 1]) {
        start -= 1;
    }
    while start < lines.len() && note_marker(&lines[start].text.text).is_none() {
        start += 1;
    }
    if start == lines.len() || start == 0 {
        return (lines, Vec::new());
    }
    let mut notes: Vec<(String, Traced)> = Vec::new();
    for line in lines.drain(start..) {
        match (note_marker(&line.text.text), notes.last_mut()) {
            (None, Some((_, text))) => join_line(text, &line.text),
            (marker, _) => notes.push((marker.unwrap_or_default(), line.text)),
        }
    }
    (lines, notes)
}

/// Appends a wrapped line to a paragraph: a hyphen at the end of a word before
/// a lower-case letter is a line-end hyphenation and goes; a line of Chinese
/// or Japanese joins the next without a space; otherwise a space, which
/// stands for the raw line break.
fn join_line(paragraph: &mut Traced, line: &Traced) {
    if !paragraph.is_empty() {
        let next = line.text.chars().next();
        let next_lower = next.is_some_and(char::is_lowercase);
        let mut tail = paragraph.text.chars().rev();
        let (last, before) = (tail.next(), tail.next());
        let hyphen = matches!(last, Some('-' | '\u{00AD}' | '\u{2010}'));
        let unspaced = last.is_some_and(is_unspaced_script) || next.is_some_and(is_unspaced_script);
        if hyphen && next_lower && before.is_some_and(char::is_alphabetic) {
            paragraph.pop();
        } else if last != Some('\u{00AD}')
            && !(last == Some('-') && before.is_some_and(char::is_alphabetic))
            && !unspaced
        {
            paragraph.push(' ', Origin::replaced(paragraph.line_end, 1));
        }
    }
    paragraph.push_traced(line);
    paragraph.line_end = line.line_end;
}

/// A char of a script written without spaces between words (Chinese,
/// Japanese; not Korean, which spaces its words), or CJK punctuation.
fn is_unspaced_script(c: char) -> bool {
    matches!(u32::from(c),
        0x2E80..=0x2FDF // radicals
        | 0x3000..=0x303F // CJK symbols and punctuation
        | 0x3040..=0x30FF // hiragana, katakana
        | 0x3100..=0x312F // bopomofo
        | 0x31A0..=0x31FF // bopomofo extended, strokes, katakana extension
        | 0x3400..=0x4DBF // ideographs, extension A
        | 0x4E00..=0x9FFF // ideographs
        | 0xF900..=0xFAFF // compatibility ideographs
        | 0xFE30..=0xFE4F // compatibility forms
        | 0xFF00..=0xFF60 // fullwidth forms
        | 0xFF61..=0xFF9F // halfwidth katakana
        | 0xFFE0..=0xFFE6 // fullwidth signs
        | 0x20000..=0x3FFFF) // ideographs, extensions B and on
}

/// Does a paragraph that ends a page run on to the next page?
fn runs_on(paragraph: &str) -> bool {
    !paragraph.ends_with([
        '.', '!', '?', ':', ';', '"', '”', '»', ')', '。', '！', '？', '：', '；', '」', '』', '）',
    ])
}

/// Builds the text paragraph by paragraph, keeping page starts, notes and the map.
#[derive(Default)]
struct Writer {
    text: String,
    chars: usize,
    /// The map's spans of `text`.
    spans: Vec<Span>,
    /// The raw line break after the last paragraph written.
    last_line_end: usize,
    /// The paragraph being built (not yet in `text`).
    open: Traced,
    pages: Vec<PageStart>,
    notes: Vec<NoteBlock>,
    /// Footnotes waiting for the open paragraph to end.
    pending_notes: Vec<(String, Traced)>,
    /// Pages that start inside `open`: label and char offset in `open`.
    pages_in_open: Vec<(String, usize)>,
}

impl Writer {
    /// Lays out one page's body lines.
    fn page(&mut self, label: &str, lines: &[Line]) {
        let spacing = usual_spacing(lines);
        if !self.open.is_empty() && !runs_on(&self.open.text) {
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
                let at = self.open.len_chars() - line.text.len_chars();
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

    /// Writes a paragraph after a blank line (which stands for the raw line
    /// break after the paragraph before); returns its first char.
    fn push_paragraph(&mut self, paragraph: &Traced) -> usize {
        if self.chars > 0 {
            let mut blank = Traced::default();
            let line_break = Origin::replaced(self.last_line_end, 1);
            blank.push('\n', line_break);
            blank.push('\n', line_break);
            extend_spans(&mut self.spans, self.chars, &blank);
            self.text.push_str("\n\n");
            self.chars += 2;
        }
        let start = self.chars;
        self.text.push_str(&paragraph.text);
        extend_spans(&mut self.spans, start, paragraph);
        self.chars += paragraph.len_chars();
        self.last_line_end = paragraph.line_end;
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

    fn finish(mut self, raw: String, raw_pages: Vec<RawPage>) -> Laid {
        self.close_paragraph();
        let map = SourceMap::new(raw, raw_pages, self.spans, &self.text);
        debug_assert!(map.is_some(), "the layout's map fits its texts");
        Laid {
            text: self.text,
            pages: self.pages,
            notes: self.notes,
            map,
        }
    }
}

/// The usual distance between the baselines of a page's consecutive lines.
fn usual_spacing(lines: &[Line]) -> f32 {
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
    use crate::model::source_map::SpanKind;

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

    /// Every copied char is its raw char and maps back to itself; every raw
    /// char that maps to a copied char is that char's raw char.
    fn assert_round_trips(laid: &Laid) -> &SourceMap {
        let map = laid.map.as_ref().expect("a map");
        let text: Vec<char> = laid.text.chars().collect();
        let raw: Vec<char> = map.raw_text().chars().collect();
        for (i, c) in text.iter().enumerate() {
            let span = map.span_at(CharOffset(i)).expect("every char has a span");
            let range = map.raw_range_of(CharOffset(i)).expect("a raw range");
            if span.kind == SpanKind::Copied {
                assert_eq!(raw[range.start.0], *c, "char {i}");
                assert_eq!(map.text_offset(range.start), Some(CharOffset(i)));
            }
        }
        for j in 0..raw.len() {
            if let Some(i) = map.text_offset(CharOffset(j))
                && map.span_at(i).expect("span").kind == SpanKind::Copied
            {
                assert_eq!(map.raw_range_of(i), Some(CharRange::new(j, j + 1)));
            }
        }
        map
    }

    #[test]
    fn the_text_maps_back_to_the_raw_lines() {
        let laid = lay_out(&[
            page(
                "1",
                &[
                    "Report",
                    "",
                    "The ﬁrst resist-",
                    "ance\tgrew and",
                    "",
                    "~¹ A note, 2021.",
                ],
            ),
            page("2", &["Report", "", "went on.", "", "2"]),
        ]);
        assert_eq!(
            laid.text,
            "The first resistance grew and went on.\n\n¹ A note, 2021."
        );
        let map = assert_round_trips(&laid);
        assert_eq!(
            map.raw_text(),
            "Report\nThe ﬁrst resist-\nance\tgrew and\n¹ A note, 2021.\nReport\nwent on.\n2\n"
        );
        let raw_of = |needle: &str| {
            let start = laid.text.find(needle).expect("needle");
            let start = laid.text[..start].chars().count();
            let range = CharRange::new(start, start + needle.chars().count());
            map.raw_ranges(range)
                .iter()
                .map(|run| {
                    map.raw_text()
                        .chars()
                        .skip(run.start.0)
                        .take(run.len_chars())
                        .collect()
                })
                .collect::<Vec<String>>()
        };
        // The ligature, the repaired hyphen (its "-\n" dropped), the tab, the
        // join across the page (the page's header dropped), the moved note.
        assert_eq!(raw_of("first"), ["ﬁrst"]);
        assert_eq!(raw_of("resistance grew"), ["resist", "ance\tgrew"]);
        assert_eq!(raw_of("and went"), ["and\n", "went"]);
        assert_eq!(raw_of("¹ A note"), ["¹ A note"]);
        let lines: Vec<(String, usize, String)> = map
            .raw_lines(CharRange::new(15, 28))
            .into_iter()
            .map(|line| (line.page, line.number, line.text))
            .collect();
        assert_eq!(
            lines,
            [
                ("1".to_owned(), 2, "The ﬁrst resist-".to_owned()),
                ("1".to_owned(), 3, "ance\tgrew and".to_owned())
            ]
        );
        // Dropped raw chars: the header, the hyphen, the page number.
        assert_eq!(map.text_offset(CharOffset(0)), None);
        assert_eq!(map.text_offset(CharOffset(22)), None);
        assert_eq!(map.raw_pages()[1].label, "2");
    }

    #[test]
    fn chinese_and_japanese_lines_join_without_a_space() {
        let laid = lay_out(&[page(
            "1",
            &[
                "小型水电站在河谷中引起了",
                "当地居民的反对。",
                "日本語の文章も",
                "あります。Gloss",
                "reads it.",
            ],
        )]);
        assert_eq!(
            laid.text,
            "小型水电站在河谷中引起了当地居民的反对。日本語の文章もあります。Gloss reads it."
        );
        assert_round_trips(&laid);
        // Korean spaces its words: its lines join with a space.
        let korean = lay_out(&[page("1", &["한국어 문장도", "있습니다."])]);
        assert_eq!(korean.text, "한국어 문장도 있습니다.");
    }

    #[test]
    fn ligatures_are_spelled_out_and_text_is_nfc() {
        assert_eq!(normalise("ﬂow  of e\u{301}"), "flow of é");
    }

    /// Words with every case the layout treats apart: ligatures, hyphens,
    /// combining marks, jamo, whitespace runs, note markers, page numbers, CJK.
    const WORDS: [&str; 18] = [
        "The",
        "ﬁrst",
        "resist-",
        "ance",
        "e\u{301}te",
        "\t",
        " ",
        "¹",
        "7",
        "小型水电",
        "站。",
        "한국어",
        "\u{1112}\u{1161}\u{11AB}",
        "well-",
        "Known",
        "ﬂow.",
        "Report",
        "i",
    ];

    proptest::proptest! {
        #[test]
        fn every_layout_maps_back_to_its_lines(
            pages in proptest::collection::vec(
                proptest::collection::vec(
                    (proptest::collection::vec(0..WORDS.len(), 1..7), 0u8..4, proptest::bool::ANY),
                    0..10,
                ),
                1..4,
            )
        ) {
            use unicode_normalization::UnicodeNormalization as _;
            let pages: Vec<PdfPage> = pages
                .iter()
                .enumerate()
                .map(|(index, rows)| {
                    let mut top = 40.0;
                    let lines = rows
                        .iter()
                        .map(|(words, gap, small)| {
                            top += if *gap == 0 { 30.0 } else { 12.0 };
                            PdfLine {
                                text: words.iter().map(|&w| WORDS[w]).collect::<Vec<_>>().join(" "),
                                top,
                                size: if *small { 7.0 } else { 10.0 },
                            }
                        })
                        .collect();
                    PdfPage { label: (index + 1).to_string(), lines }
                })
                .collect();
            let laid = lay_out(&pages);
            let map = assert_round_trips(&laid);
            let text: Vec<char> = laid.text.chars().collect();
            let raw: Vec<char> = map.raw_text().chars().collect();
            for span in map.spans().iter().filter(|span| span.kind == SpanKind::Replaced) {
                let canonical: String = text[span.text.start.0..span.text.end.0].iter().collect();
                let source: String = raw[span.raw.start.0..span.raw.end.0].iter().collect();
                let blank = |s: &str| s.chars().all(|c| c.is_whitespace() || c.is_control());
                proptest::prop_assert!(
                    (blank(&canonical) && blank(&source) && !source.is_empty())
                        || canonical.nfkc().eq(source.nfkc()),
                    "{:?} replaced {:?}", canonical, source
                );
            }
        }
    }
}
