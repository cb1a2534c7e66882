//! Canonical text and the one boundary between char offsets and byte offsets.
//!
//! Everything Gloss stores or exchanges counts positions in Unicode scalar values
//! (Rust `char`s) of a document's canonical text, half-open `[start, end)`.
//! Rust strings are indexed by UTF-8 bytes, so the conversion happens here and
//! nowhere else: [`CharOffset`] and [`ByteOffset`] are distinct types, and only
//! [`CanonicalText`] turns one into the other.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// A position counted in Unicode scalar values of a canonical text.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct CharOffset(pub usize);

/// A position counted in UTF-8 bytes of a canonical text. Never stored in a file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ByteOffset(pub usize);

/// A half-open range `[start, end)` of char offsets.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct CharRange {
    /// First char of the range, in Unicode scalar values of the canonical text.
    pub start: CharOffset,
    /// One past the last char; a range with `end <= start` is empty.
    pub end: CharOffset,
}

impl CharRange {
    /// The range `[start_chars, end_chars)` in chars; the order is not checked
    /// (a reversed range is simply empty).
    pub fn new(start_chars: usize, end_chars: usize) -> Self {
        Self {
            start: CharOffset(start_chars),
            end: CharOffset(end_chars),
        }
    }

    /// How many chars the range covers; 0 when it is empty or reversed.
    pub fn len_chars(&self) -> usize {
        self.end.0.saturating_sub(self.start.0)
    }

    /// True when the range covers no char (`end <= start`).
    pub fn is_empty(&self) -> bool {
        self.end.0 <= self.start.0
    }

    /// Do the two ranges share a char? Ranges that only touch
    /// (`self.end == other.start`) do not overlap.
    pub fn overlaps(&self, other: &Self) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Is the char at `offset` inside the range (`start <= offset < end`)?
    pub fn contains(&self, offset: CharOffset) -> bool {
        self.start <= offset && offset < self.end
    }
}

/// A half-open range of byte offsets, only ever produced by [`CanonicalText`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ByteRange {
    /// First byte of the range, in UTF-8 bytes of the canonical text; a char boundary.
    pub start: ByteOffset,
    /// One past the last byte; a char boundary, never before `start`.
    pub end: ByteOffset,
}

impl ByteRange {
    /// The same range as a `std` range, to slice the canonical `str` with.
    pub fn as_std(&self) -> std::ops::Range<usize> {
        self.start.0..self.end.0
    }
}

/// How many chars lie between two entries of the checkpoint index.
const CHARS_PER_CHECKPOINT: usize = 64;

/// A document's text after decoding and line-ending normalisation, with an index
/// that converts char offsets to byte offsets in O(1) amortised time.
#[derive(Clone, Debug, Default)]
pub struct CanonicalText {
    text: String,
    len_chars: usize,
    /// `byte_at_checkpoint[i]` is the byte offset of char `i * CHARS_PER_CHECKPOINT`.
    /// Empty when the text is pure ASCII (bytes and chars coincide).
    byte_at_checkpoint: Vec<usize>,
}

impl PartialEq for CanonicalText {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl CanonicalText {
    /// Wraps a string that is already canonical (see [`crate::model::decode`]).
    pub fn new(text: String) -> Self {
        if text.is_ascii() {
            let len_chars = text.len();
            return Self {
                text,
                len_chars,
                byte_at_checkpoint: Vec::new(),
            };
        }
        let mut byte_at_checkpoint = Vec::with_capacity(text.len() / CHARS_PER_CHECKPOINT + 1);
        let mut len_chars = 0;
        for (byte_index, _) in text.char_indices() {
            if len_chars % CHARS_PER_CHECKPOINT == 0 {
                byte_at_checkpoint.push(byte_index);
            }
            len_chars += 1;
        }
        Self {
            text,
            len_chars,
            byte_at_checkpoint,
        }
    }

    /// The whole canonical text (LF line endings, no byte-order mark).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Length in chars (Unicode scalar values): the offset of the end of the text.
    pub fn len_chars(&self) -> usize {
        self.len_chars
    }

    /// Length in UTF-8 bytes.
    pub fn len_bytes(&self) -> usize {
        self.text.len()
    }

    /// True when the text has no char at all.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The whole text as a char range.
    pub fn full_range(&self) -> CharRange {
        CharRange::new(0, self.len_chars)
    }

    /// Byte offset of a char offset; `None` past the end.
    pub fn byte_offset(&self, offset: CharOffset) -> Option<ByteOffset> {
        let chars = offset.0;
        if chars > self.len_chars {
            return None;
        }
        if self.byte_at_checkpoint.is_empty() {
            return Some(ByteOffset(chars));
        }
        if chars == self.len_chars {
            return Some(ByteOffset(self.text.len()));
        }
        let checkpoint = chars / CHARS_PER_CHECKPOINT;
        let base_byte = self.byte_at_checkpoint[checkpoint];
        let skip = chars - checkpoint * CHARS_PER_CHECKPOINT;
        let byte = self.text[base_byte..]
            .char_indices()
            .nth(skip)
            .map(|(delta, _)| base_byte + delta)
            .unwrap_or(self.text.len());
        Some(ByteOffset(byte))
    }

    /// Char offset of a byte offset; `None` past the end or inside a UTF-8 sequence.
    pub fn char_offset(&self, offset: ByteOffset) -> Option<CharOffset> {
        let byte = offset.0;
        if byte > self.text.len() || !self.text.is_char_boundary(byte) {
            return None;
        }
        if self.byte_at_checkpoint.is_empty() {
            return Some(CharOffset(byte));
        }
        let checkpoint = match self.byte_at_checkpoint.binary_search(&byte) {
            Ok(exact) => return Some(CharOffset(exact * CHARS_PER_CHECKPOINT)),
            Err(insert_at) => insert_at - 1,
        };
        let base_byte = self.byte_at_checkpoint[checkpoint];
        let extra = self.text[base_byte..byte].chars().count();
        Some(CharOffset(checkpoint * CHARS_PER_CHECKPOINT + extra))
    }

    /// Byte range of a char range; `None` if either end is out of range or reversed.
    pub fn byte_range(&self, range: CharRange) -> Option<ByteRange> {
        if range.start > range.end {
            return None;
        }
        Some(ByteRange {
            start: self.byte_offset(range.start)?,
            end: self.byte_offset(range.end)?,
        })
    }

    /// Char range of a byte range; `None` if either end is not a char boundary.
    pub fn char_range(&self, range: ByteRange) -> Option<CharRange> {
        Some(CharRange {
            start: self.char_offset(range.start)?,
            end: self.char_offset(range.end)?,
        })
    }

    /// The text of a char range; `None` if the range is out of bounds.
    pub fn slice(&self, range: CharRange) -> Option<&str> {
        self.byte_range(range)
            .map(|bytes| &self.text[bytes.as_std()])
    }

    /// The text of a char range clamped to the text (for display and context).
    pub fn slice_clamped(&self, range: CharRange) -> &str {
        let end = CharOffset(range.end.0.min(self.len_chars));
        let start = CharOffset(range.start.0.min(end.0));
        self.slice(CharRange { start, end }).unwrap_or("")
    }

    /// Up to `max_chars` chars before `offset`.
    pub fn context_before(&self, offset: CharOffset, max_chars: usize) -> &str {
        self.slice_clamped(CharRange {
            start: CharOffset(offset.0.saturating_sub(max_chars)),
            end: offset,
        })
    }

    /// Up to `max_chars` chars from `offset` on.
    pub fn context_after(&self, offset: CharOffset, max_chars: usize) -> &str {
        self.slice_clamped(CharRange {
            start: offset,
            end: CharOffset(offset.0.saturating_add(max_chars)),
        })
    }
}

/// `text` with every control character (escape, line break, tab, C1 controls)
/// written as a Rust-style escape (`\u{1b}`, `\n`), for names put into a
/// one-line message. Text without control characters is returned unchanged.
pub fn escape_control_chars(text: &str) -> Cow<'_, str> {
    escape_controls_except(text, |_| false)
}

/// `text` made safe to print to a terminal: like [`escape_control_chars`], but
/// line feeds and tabs are kept, so that multi-line output stays multi-line
/// while escape sequences and carriage returns can no longer rewrite the screen.
pub fn escape_for_terminal(text: &str) -> Cow<'_, str> {
    escape_controls_except(text, |c| matches!(c, '\n' | '\t'))
}

fn escape_controls_except(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    let escaped = |c: char| c.is_control() && !keep(c);
    if !text.chars().any(escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if escaped(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped_and_other_text_kept() {
        assert_eq!(escape_control_chars("a\u{1b}[2Jb\nc"), "a\\u{1b}[2Jb\\nc");
        assert_eq!(escape_control_chars("\u{9b}"), "\\u{9b}");
        assert!(matches!(
            escape_control_chars("Vučić 习近平"),
            Cow::Borrowed(_)
        ));
        assert_eq!(
            escape_for_terminal("a\tb\nc\u{1b}[2J\r"),
            "a\tb\nc\\u{1b}[2J\\r"
        );
    }

    #[test]
    fn ascii_offsets_coincide() {
        let text = CanonicalText::new("hello".into());
        assert_eq!(text.byte_offset(CharOffset(3)), Some(ByteOffset(3)));
        assert_eq!(text.byte_offset(CharOffset(6)), None);
    }

    #[test]
    fn multibyte_offsets() {
        let text = CanonicalText::new("Vučić i Вучић 习近平 👩‍👩‍👧".into());
        assert_eq!(text.slice(CharRange::new(0, 5)), Some("Vučić"));
        assert_eq!(text.slice(CharRange::new(8, 13)), Some("Вучић"));
        assert_eq!(text.slice(CharRange::new(14, 17)), Some("习近平"));
        assert_eq!(text.char_offset(ByteOffset(3)), None, "inside č");
        assert_eq!(text.len_chars(), 23);
    }
}
