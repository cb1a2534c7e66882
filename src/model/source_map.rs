//! The map between a reflowed canonical text and the raw text its extractor
//! read (for a PDF: each page's lines as `pdf-extract` gave them, before
//! headers were dropped, lines joined, hyphens repaired and ligatures spelled
//! out). It is what a citation can point back to, the raw line a passage was
//! printed on, and the basis for PDF highlight coordinates later.
//!
//! Compact: a list of [`Span`]s, each a run of canonical chars and the run of
//! raw chars it came from, never one entry per char. Both sides count chars
//! ([`CharOffset`]); the raw text's chars are counted in the raw text.
//! Raw chars in no span (a running header, a page number, a repaired
//! hyphen and its line break, collapsed whitespace) were dropped.

use crate::model::text::{CanonicalText, CharOffset, CharRange};

/// How the canonical chars of a [`Span`] relate to its raw chars.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpanKind {
    /// The same chars, one for one: canonical char `text.start + k` is raw
    /// char `raw.start + k`.
    Copied,
    /// Made from the raw run as a whole: a ligature spelled out (`fi` ← `ﬁ`),
    /// a whitespace run collapsed to one space, an NFC composition, a line
    /// break become the space that joins two lines or the blank line between
    /// two paragraphs. The raw run may be empty (a char with no raw source).
    Replaced,
}

/// A run of canonical chars and the raw chars it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// The canonical chars.
    pub text: CharRange,
    /// The raw chars (of [`SourceMap::raw_text`]).
    pub raw: CharRange,
    /// How the two relate.
    pub kind: SpanKind,
}

/// Where one page starts in the raw text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawPage {
    /// Its first raw char.
    pub start: CharOffset,
    /// Its label, as [`crate::model::structure::PageStart`] has it.
    pub label: String,
}

/// One raw line a passage came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawLine {
    /// The label of the page the line is on.
    pub page: String,
    /// The line's number on its page, from 1 (every raw line counts, headers too).
    pub number: usize,
    /// The line's raw chars (without its line break).
    pub range: CharRange,
    /// Its text.
    pub text: String,
}

/// The raw text, its pages and the spans that map the canonical text onto it.
#[derive(Clone, Debug, Default)]
pub struct SourceMap {
    raw: CanonicalText,
    pages: Vec<RawPage>,
    /// In canonical order, contiguous, covering the whole canonical text.
    spans: Vec<Span>,
    /// Indices of the spans with raw chars, ordered by their raw start.
    by_raw: Vec<usize>,
}

impl PartialEq for SourceMap {
    fn eq(&self, other: &Self) -> bool {
        self.raw.as_str() == other.raw.as_str()
            && self.pages == other.pages
            && self.spans == other.spans
    }
}

impl Eq for SourceMap {}

impl SourceMap {
    /// The map of canonical `text` onto `raw` (lines ended by `\n`, pages at
    /// `pages`), or `None` when the parts do not fit together: spans not
    /// contiguous from the text's start to its end, a raw range outside the
    /// raw text, a [`SpanKind::Copied`] span whose chars differ, pages out of
    /// order. (A cache entry is checked this way before it is used.)
    pub fn new(raw: String, pages: Vec<RawPage>, spans: Vec<Span>, text: &str) -> Option<Self> {
        let raw = CanonicalText::new(raw);
        let raw_len = raw.len_chars();
        // The text is walked once, span by span, in order.
        let mut text_chars = text.chars();
        let mut expected = CharOffset(0);
        for span in &spans {
            let fits = span.text.start == expected
                && span.text.start <= span.text.end
                && span.raw.start <= span.raw.end
                && span.raw.end.0 <= raw_len;
            if !fits {
                return None;
            }
            let length = span.text.len_chars();
            if span.kind == SpanKind::Copied {
                let same = length == span.raw.len_chars()
                    && raw
                        .slice(span.raw)?
                        .chars()
                        .eq(text_chars.by_ref().take(length));
                if !same {
                    return None;
                }
            } else if text_chars.by_ref().take(length).count() != length {
                return None;
            }
            expected = span.text.end;
        }
        if text_chars.next().is_some() {
            return None;
        }
        let ordered = pages.windows(2).all(|pair| pair[0].start <= pair[1].start);
        if !ordered || pages.iter().any(|p| p.start.0 > raw_len) {
            return None;
        }
        let mut by_raw: Vec<usize> = (0..spans.len())
            .filter(|&index| !spans[index].raw.is_empty())
            .collect();
        by_raw.sort_by_key(|&index| {
            (
                spans[index].raw.start,
                spans[index].kind != SpanKind::Copied,
            )
        });
        Some(Self {
            raw,
            pages,
            spans,
            by_raw,
        })
    }

    /// The raw text: every page's lines, each ended by `\n`.
    pub fn raw_text(&self) -> &str {
        self.raw.as_str()
    }

    /// Where each page starts in the raw text (every page, empty ones too).
    pub fn raw_pages(&self) -> &[RawPage] {
        &self.pages
    }

    /// The spans in canonical order.
    pub fn spans(&self) -> &[Span] {
        &self.spans
    }

    /// The span holding canonical char `offset`.
    pub fn span_at(&self, offset: CharOffset) -> Option<&Span> {
        let after = self.spans.partition_point(|span| span.text.start <= offset);
        let span = self.spans.get(after.checked_sub(1)?)?;
        span.text.contains(offset).then_some(span)
    }

    /// The raw chars canonical char `offset` came from: one char when it was
    /// copied, the whole raw run of its span when it was replaced (possibly empty).
    pub fn raw_range_of(&self, offset: CharOffset) -> Option<CharRange> {
        let span = self.span_at(offset)?;
        Some(match span.kind {
            SpanKind::Copied => {
                let at = span.raw.start.0 + (offset.0 - span.text.start.0);
                CharRange::new(at, at + 1)
            }
            SpanKind::Replaced => span.raw,
        })
    }

    /// The raw runs a canonical range came from, in canonical order; runs
    /// that touch are merged (a repaired hyphen leaves a gap, a footnote set
    /// after its paragraph comes from earlier raw text).
    pub fn raw_ranges(&self, range: CharRange) -> Vec<CharRange> {
        let first = self
            .spans
            .partition_point(|span| span.text.end <= range.start);
        let mut out: Vec<CharRange> = Vec::new();
        for span in self.spans[first..]
            .iter()
            .take_while(|span| span.text.start < range.end)
        {
            let raw = match span.kind {
                SpanKind::Copied => {
                    let start = range.start.0.max(span.text.start.0) - span.text.start.0;
                    let end = range.end.0.min(span.text.end.0) - span.text.start.0;
                    CharRange::new(span.raw.start.0 + start, span.raw.start.0 + end)
                }
                SpanKind::Replaced => span.raw,
            };
            if raw.is_empty() {
                continue;
            }
            match out.last_mut() {
                Some(last) if last.end == raw.start => last.end = raw.end,
                _ => out.push(raw),
            }
        }
        out
    }

    /// The canonical char raw char `raw` became: exact for a copied char, the
    /// first char of its span for a replaced one; `None` for a dropped char.
    pub fn text_offset(&self, raw: CharOffset) -> Option<CharOffset> {
        let after = self
            .by_raw
            .partition_point(|&index| self.spans[index].raw.start <= raw);
        // Spans with raw chars do not overlap, except a replaced line break
        // that two spans may both stand for: look back over the few candidates.
        self.by_raw[..after]
            .iter()
            .rev()
            .take(4)
            .map(|&index| &self.spans[index])
            .filter(|span| span.raw.contains(raw))
            .min_by_key(|span| span.kind != SpanKind::Copied)
            .map(|span| match span.kind {
                SpanKind::Copied => CharOffset(span.text.start.0 + (raw.0 - span.raw.start.0)),
                SpanKind::Replaced => span.text.start,
            })
    }

    /// The index in [`Self::raw_pages`] of the page holding raw char `raw`.
    pub fn page_index_at(&self, raw: CharOffset) -> Option<usize> {
        self.pages
            .partition_point(|page| page.start <= raw)
            .checked_sub(1)
    }

    /// The raw lines a canonical range came from, in raw order, each once.
    pub fn raw_lines(&self, range: CharRange) -> Vec<RawLine> {
        let mut starts: Vec<CharOffset> = self
            .raw_ranges(range)
            .iter()
            .flat_map(|run| self.line_starts(*run))
            .collect();
        starts.sort();
        starts.dedup();
        starts
            .into_iter()
            .filter_map(|start| self.line_at(start))
            .collect()
    }

    /// The first char of every line a raw run touches.
    fn line_starts(&self, run: CharRange) -> Vec<CharOffset> {
        let text = self.raw.slice_clamped(run);
        let mut starts = vec![self.line_start(run.start)];
        let mut at = run.start.0;
        for c in text.chars() {
            at += 1;
            if c == '\n' && at < run.end.0 {
                starts.push(CharOffset(at));
            }
        }
        starts
    }

    /// The first char of the line holding raw char `raw`.
    fn line_start(&self, raw: CharOffset) -> CharOffset {
        let before = self.raw.slice_clamped(CharRange::new(0, raw.0));
        let back = before.chars().rev().take_while(|c| *c != '\n').count();
        CharOffset(raw.0.min(self.raw.len_chars()) - back)
    }

    /// The raw line starting at `start`, with its page and number.
    fn line_at(&self, start: CharOffset) -> Option<RawLine> {
        let page_index = self.page_index_at(start)?;
        let page = &self.pages[page_index];
        let rest = self
            .raw
            .slice(CharRange::new(start.0, self.raw.len_chars()))?;
        let text: String = rest.chars().take_while(|c| *c != '\n').collect();
        let before = self.raw.slice(CharRange::new(page.start.0, start.0))?;
        let number = before.chars().filter(|c| *c == '\n').count() + 1;
        let length = text.chars().count();
        Some(RawLine {
            page: page.label.clone(),
            number,
            range: CharRange::new(start.0, start.0 + length),
            text,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: (usize, usize), raw: (usize, usize), kind: SpanKind) -> Span {
        Span {
            text: CharRange::new(text.0, text.1),
            raw: CharRange::new(raw.0, raw.1),
            kind,
        }
    }

    /// Raw: a header line, "resist-" / "ance ﬁne" on page 1; canonical "resistance fine".
    fn map() -> SourceMap {
        let raw = "Header\nresist-\nance ﬁne\n".to_owned();
        let pages = vec![RawPage {
            start: CharOffset(0),
            label: "1".into(),
        }];
        let spans = vec![
            span((0, 6), (7, 13), SpanKind::Copied),
            span((6, 11), (15, 20), SpanKind::Copied),
            span((11, 13), (20, 21), SpanKind::Replaced),
            span((13, 15), (21, 23), SpanKind::Copied),
        ];
        SourceMap::new(raw, pages, spans, "resistance fine").expect("valid map")
    }

    #[test]
    fn canonical_chars_map_to_their_raw_chars_and_back() {
        let map = map();
        assert_eq!(map.raw_range_of(CharOffset(0)), Some(CharRange::new(7, 8)));
        assert_eq!(
            map.raw_range_of(CharOffset(6)),
            Some(CharRange::new(15, 16))
        );
        // Both chars of the spelled-out ligature come from the one raw ﬁ.
        assert_eq!(
            map.raw_range_of(CharOffset(12)),
            Some(CharRange::new(20, 21))
        );
        assert_eq!(map.text_offset(CharOffset(20)), Some(CharOffset(11)));
        // The header and the repaired hyphen were dropped.
        assert_eq!(map.text_offset(CharOffset(2)), None);
        assert_eq!(map.text_offset(CharOffset(13)), None);
        assert_eq!(map.text_offset(CharOffset(16)), Some(CharOffset(7)));
        assert_eq!(
            map.raw_ranges(CharRange::new(3, 9)),
            vec![CharRange::new(10, 13), CharRange::new(15, 18)]
        );
        let lines: Vec<(usize, String)> = map
            .raw_lines(CharRange::new(3, 9))
            .into_iter()
            .map(|line| (line.number, line.text))
            .collect();
        assert_eq!(lines, vec![(2, "resist-".into()), (3, "ance ﬁne".into())]);
    }

    #[test]
    fn a_map_that_does_not_fit_its_texts_is_refused() {
        let page = || {
            vec![RawPage {
                start: CharOffset(0),
                label: "1".into(),
            }]
        };
        let copied = |text, raw| vec![span(text, raw, SpanKind::Copied)];
        assert!(SourceMap::new("abc\n".into(), page(), copied((0, 3), (0, 3)), "abc").is_some());
        // A copied span whose chars differ, one past the raw text, one short of the text.
        assert!(SourceMap::new("abd\n".into(), page(), copied((0, 3), (0, 3)), "abc").is_none());
        assert!(SourceMap::new("ab".into(), page(), copied((0, 3), (0, 3)), "abc").is_none());
        assert!(SourceMap::new("abc\n".into(), page(), copied((0, 2), (0, 2)), "abc").is_none());
    }
}
