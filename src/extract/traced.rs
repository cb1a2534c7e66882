//! A string being laid out with the raw chars each of its chars came from,
//! and its compression into the [`Span`]s of a
//! [`SourceMap`](crate::model::source_map::SourceMap). `pdf_layout` builds
//! every line, paragraph and note as a [`Traced`], so that its canonical text
//! keeps a map back to the raw text.

use crate::model::source_map::{Span, SpanKind};
use crate::model::text::{CharOffset, CharRange};
use unicode_normalization::UnicodeNormalization as _;
use unicode_normalization::char::canonical_combining_class;

/// Where one canonical char came from: a raw run, copied (one char, the same)
/// or replaced (the char was made from the run; the run may be empty).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Origin {
    raw: usize,
    raw_len: usize,
    copied: bool,
}

impl Origin {
    /// The raw char at `raw`, copied.
    pub(crate) fn copied(raw: usize) -> Self {
        Self {
            raw,
            raw_len: 1,
            copied: true,
        }
    }

    /// Made from the raw run `[raw, raw + raw_len)`.
    pub(crate) fn replaced(raw: usize, raw_len: usize) -> Self {
        Self {
            raw,
            raw_len,
            copied: false,
        }
    }

    fn end(&self) -> usize {
        self.raw + self.raw_len
    }
}

/// A string with the origin of each char.
#[derive(Clone, Debug, Default)]
pub(crate) struct Traced {
    /// The text.
    pub(crate) text: String,
    origins: Vec<Origin>,
    /// The raw offset of the line break after the last line appended.
    pub(crate) line_end: usize,
}

impl Traced {
    /// An empty string whose (future) last line ends at raw `line_end`.
    pub(crate) fn ending_at(line_end: usize) -> Self {
        Self {
            line_end,
            ..Self::default()
        }
    }

    /// Appends `c` from `origin`.
    pub(crate) fn push(&mut self, c: char, origin: Origin) {
        self.text.push(c);
        self.origins.push(origin);
    }

    /// Appends another traced string (its chars keep their origins).
    pub(crate) fn push_traced(&mut self, other: &Self) {
        self.text.push_str(&other.text);
        self.origins.extend_from_slice(&other.origins);
    }

    /// Removes the last char.
    pub(crate) fn pop(&mut self) -> Option<char> {
        self.origins.pop();
        self.text.pop()
    }

    /// The number of chars.
    pub(crate) fn len_chars(&self) -> usize {
        self.origins.len()
    }

    /// True when there is no char.
    pub(crate) fn is_empty(&self) -> bool {
        self.origins.is_empty()
    }

    /// The line `text` (raw chars from `raw_start` on) normalised: ligatures
    /// spelled out, whitespace and control runs as one space, trimmed, NFC.
    /// Its line break is the raw char after the line.
    pub(crate) fn normalised_line(text: &str, raw_start: usize) -> Self {
        let mut out = Self::ending_at(raw_start + text.chars().count());
        // A whitespace run not yet written: its start, length and whether it is one ' '.
        let mut space: Option<(usize, usize, bool)> = None;
        for (index, c) in text.chars().enumerate() {
            let raw = raw_start + index;
            if c.is_whitespace() || c.is_control() {
                space = Some(match space {
                    None => (raw, 1, c == ' '),
                    Some((start, len, _)) => (start, len + 1, false),
                });
                continue;
            }
            if let Some((start, len, single)) = space.take()
                && !out.is_empty()
            {
                let origin = if single {
                    Origin::copied(start)
                } else {
                    Origin::replaced(start, len)
                };
                out.push(' ', origin);
            }
            match ligature(c) {
                Some(spelled) => {
                    for letter in spelled.chars() {
                        out.push(letter, Origin::replaced(raw, 1));
                    }
                }
                None => out.push(c, Origin::copied(raw)),
            }
        }
        out.composed()
    }

    /// The text in NFC; chars that composition changed map to the raw run of
    /// their group: a base char with its combining marks, joined with the
    /// groups next to it that it composes with (Hangul jamo are all base chars).
    fn composed(self) -> Self {
        if unicode_normalization::is_nfc(&self.text) {
            return self;
        }
        let whole: String = self.text.nfc().collect();
        let chars: Vec<char> = self.text.chars().collect();
        let nfc = |range: std::ops::Range<usize>| -> String {
            chars[range].iter().copied().nfc().collect()
        };
        // Clusters start at a char of combining class 0.
        let mut bounds: Vec<usize> = (0..chars.len())
            .filter(|&i| i == 0 || canonical_combining_class(chars[i]) == 0)
            .collect();
        bounds.push(chars.len());
        // Groups: clusters, a cluster joined to the group before when the two compose.
        let mut groups: Vec<(usize, usize, String)> = Vec::new();
        for pair in bounds.windows(2) {
            let cluster = nfc(pair[0]..pair[1]);
            match groups.last_mut() {
                Some((start, end, composed))
                    if nfc(*start..pair[1]) != format!("{composed}{cluster}") =>
                {
                    *end = pair[1];
                    *composed = nfc(*start..pair[1]);
                }
                _ => groups.push((pair[0], pair[1], cluster)),
            }
        }
        let mut out = Self::ending_at(self.line_end);
        if groups
            .iter()
            .map(|(_, _, nfc)| nfc.as_str())
            .collect::<String>()
            != whole
        {
            // Never seen: the whole line as one run.
            let run = span_of(&self.origins);
            for c in whole.chars() {
                out.push(c, run);
            }
            return out;
        }
        for (start, end, nfc) in groups {
            let same = nfc.chars().eq(chars[start..end].iter().copied());
            let run = span_of(&self.origins[start..end]);
            for (offset, c) in nfc.chars().enumerate() {
                out.push(
                    c,
                    if same {
                        self.origins[start + offset]
                    } else {
                        run
                    },
                );
            }
        }
        out
    }
}

/// The raw run from the first origin's start to the last one's end, as one replaced run.
fn span_of(origins: &[Origin]) -> Origin {
    match (origins.first(), origins.last()) {
        (Some(first), Some(last)) => {
            Origin::replaced(first.raw, last.end().saturating_sub(first.raw))
        }
        _ => Origin::replaced(0, 0),
    }
}

/// A ligature's letters.
fn ligature(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{FB00}' => "ff",
        '\u{FB01}' => "fi",
        '\u{FB02}' => "fl",
        '\u{FB03}' => "ffi",
        '\u{FB04}' => "ffl",
        '\u{FB05}' | '\u{FB06}' => "st",
        _ => return None,
    })
}

/// Appends the spans of `traced` (whose first char is canonical char
/// `text_start`) to `spans`, merging runs: copied chars whose raw chars
/// follow each other, replaced chars from the same raw run.
pub(crate) fn extend_spans(spans: &mut Vec<Span>, text_start: usize, traced: &Traced) {
    for (index, origin) in traced.origins.iter().enumerate() {
        let at = text_start + index;
        if let Some(last) = spans.last_mut()
            && last.text.end.0 == at
        {
            let follows =
                origin.copied && last.kind == SpanKind::Copied && last.raw.end.0 == origin.raw;
            let same_run = !origin.copied
                && last.kind == SpanKind::Replaced
                && last.raw == CharRange::new(origin.raw, origin.end());
            if follows || same_run {
                last.text.end = CharOffset(at + 1);
                if follows {
                    last.raw.end = CharOffset(origin.end());
                }
                continue;
            }
        }
        spans.push(Span {
            text: CharRange::new(at, at + 1),
            raw: CharRange::new(origin.raw, origin.end()),
            kind: if origin.copied {
                SpanKind::Copied
            } else {
                SpanKind::Replaced
            },
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans_of(traced: &Traced) -> Vec<(usize, usize, usize, usize, bool)> {
        let mut spans = Vec::new();
        extend_spans(&mut spans, 0, traced);
        spans
            .iter()
            .map(|s| {
                (
                    s.text.start.0,
                    s.text.end.0,
                    s.raw.start.0,
                    s.raw.end.0,
                    s.kind == SpanKind::Copied,
                )
            })
            .collect()
    }

    #[test]
    fn a_line_is_normalised_with_each_char_traced_to_its_raw_run() {
        // Raw from char 10: two leading spaces, "ﬂow", a tab run, "e" + combining acute.
        let line = Traced::normalised_line("  ﬂow \t of e\u{301}", 10);
        assert_eq!(line.text, "flow of é");
        assert_eq!(line.line_end, 23);
        assert_eq!(
            spans_of(&line),
            vec![
                (0, 2, 12, 13, false), // fl ← ﬂ
                (2, 4, 13, 15, true),  // ow
                (4, 5, 15, 18, false), // " \t " → " "
                (5, 8, 18, 21, true),  // "of " (a single space is copied)
                (8, 9, 21, 23, false), // é ← e + ◌́
            ]
        );
    }

    #[test]
    fn jamo_that_compose_across_clusters_map_to_their_run() {
        // "e" + combining acute, a tab, decomposed 한 (three conjoining jamo, each a base
        // char), "국": NFC composes é within a cluster and 한 across base chars; each
        // maps to its own raw run, the rest stays copied (the case proptest found).
        let line = Traced::normalised_line("e\u{301}te\t\u{1112}\u{1161}\u{11AB}국", 0);
        assert_eq!(line.text, "éte 한국");
        assert_eq!(
            spans_of(&line),
            vec![
                (0, 1, 0, 2, false),
                (1, 3, 2, 4, true),
                (3, 4, 4, 5, false),
                (4, 5, 5, 8, false),
                (5, 6, 8, 9, true)
            ]
        );
    }
}
