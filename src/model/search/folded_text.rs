//! A text folded once ([`FoldedText`]) and the map from folded positions back
//! to exact char ranges of the source ([`PositionMapper`]).
//!
//! [`FoldedText`] keeps the folded string and a checkpoint every
//! [`CHARS_PER_CHECKPOINT`] source chars; [`PositionMapper`] re-folds from the
//! nearest checkpoint to find which source char produced a folded byte, so a
//! hit in the folded text becomes an exact char range of the source, always
//! covering whole source chars.

use super::fold::{FoldOptions, fold_char_into, is_combining_mark, is_word_char};
use std::ops::Range;

/// How many source chars lie between two checkpoints of the position map.
const CHARS_PER_CHECKPOINT: usize = 64;

/// Where the folding of one run of source chars starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Checkpoint {
    /// Byte offset in the folded string of the output of source char `i * CHARS_PER_CHECKPOINT`.
    folded_byte: usize,
    /// Byte offset of that source char in the source string.
    source_byte: usize,
}

/// A text folded once, with the map back to its source. Cheap to rebuild;
/// the app keeps one per document and fold options.
#[derive(Clone, Debug, Default)]
pub(super) struct FoldedText {
    folded: String,
    options: FoldOptions,
    checkpoints: Vec<Checkpoint>,
    source_len_bytes: usize,
}

impl FoldedText {
    /// Folds `source` char by char, noting a checkpoint every [`CHARS_PER_CHECKPOINT`] chars.
    pub(super) fn new(source: &str, options: FoldOptions) -> Self {
        let mut folded = String::with_capacity(source.len() + source.len() / 16);
        let mut checkpoints = Vec::with_capacity(source.len() / CHARS_PER_CHECKPOINT + 1);
        let mut previous = None;
        let mut chars = source.char_indices().peekable();
        let mut char_index = 0usize;
        while let Some((byte, c)) = chars.next() {
            if char_index.is_multiple_of(CHARS_PER_CHECKPOINT) {
                checkpoints.push(Checkpoint {
                    folded_byte: folded.len(),
                    source_byte: byte,
                });
            }
            let next = chars.peek().map(|&(_, next)| next);
            fold_char_into(c, previous, next, options, &mut folded);
            previous = Some(c);
            char_index += 1;
        }
        Self {
            folded,
            options,
            checkpoints,
            source_len_bytes: source.len(),
        }
    }

    /// The folded text that searches run on.
    pub(super) fn as_str(&self) -> &str {
        &self.folded
    }

    /// The folding this text was made with.
    pub(super) fn options(&self) -> FoldOptions {
        self.options
    }

    /// Was this folded from `source` (same length; a cheap guard against mix-ups)?
    pub(super) fn is_folded_from(&self, source: &str) -> bool {
        self.source_len_bytes == source.len()
    }

    /// A mapper from folded positions to source positions.
    pub(super) fn mapper<'a>(&'a self, source: &'a str) -> PositionMapper<'a> {
        PositionMapper {
            folded: self,
            source,
            cursor: Cursor::default(),
            scratch: String::with_capacity(16),
        }
    }
}

/// The source char that produced some folded bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct SourceChar {
    /// Its index in chars of the source.
    char_index: usize,
    /// Its byte offset in the source.
    source_byte: usize,
    char: char,
    /// Its folded output is `folded[folded_start..folded_end]`.
    folded_start: usize,
    folded_end: usize,
}

/// A hit mapped back to the source: whole source chars.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct SourceSpan {
    /// Char offsets in the source, half-open.
    pub(super) chars: Range<usize>,
    /// Byte offsets in the source, half-open.
    pub(super) bytes: Range<usize>,
    /// Do the folded bytes start and end exactly where source chars' foldings
    /// do (rather than inside the `lj` of a `љ`)?
    pub(super) aligned: bool,
}

#[derive(Clone, Copy, Debug, Default)]
struct Cursor {
    char_index: usize,
    source_byte: usize,
    folded_byte: usize,
    previous: Option<char>,
}

/// Maps folded byte offsets to source chars, fast when asked in increasing order.
pub(super) struct PositionMapper<'a> {
    folded: &'a FoldedText,
    source: &'a str,
    cursor: Cursor,
    scratch: String,
}

impl PositionMapper<'_> {
    fn jump_to_checkpoint_before(&mut self, folded_byte: usize) {
        let checkpoints = &self.folded.checkpoints;
        let after = checkpoints.partition_point(|c| c.folded_byte <= folded_byte);
        let index = after.saturating_sub(1);
        let Some(checkpoint) = checkpoints.get(index) else {
            self.cursor = Cursor::default();
            return;
        };
        self.cursor = Cursor {
            char_index: index * CHARS_PER_CHECKPOINT,
            source_byte: checkpoint.source_byte,
            folded_byte: checkpoint.folded_byte,
            previous: self
                .source
                .get(..checkpoint.source_byte)
                .and_then(|before| before.chars().next_back()),
        };
    }

    /// The source char whose folding contains folded byte `folded_byte`;
    /// `None` past the end of the folded text.
    fn locate(&mut self, folded_byte: usize) -> Option<SourceChar> {
        if folded_byte >= self.folded.folded.len() {
            return None;
        }
        let next_checkpoint = self.cursor.char_index / CHARS_PER_CHECKPOINT + 1;
        let far_ahead = self
            .folded
            .checkpoints
            .get(next_checkpoint)
            .is_some_and(|c| c.folded_byte <= folded_byte);
        if folded_byte < self.cursor.folded_byte || far_ahead {
            self.jump_to_checkpoint_before(folded_byte);
        }
        loop {
            let rest = self.source.get(self.cursor.source_byte..)?;
            let mut chars = rest.chars();
            let c = chars.next()?;
            let next = chars.next();
            self.scratch.clear();
            fold_char_into(
                c,
                self.cursor.previous,
                next,
                self.folded.options,
                &mut self.scratch,
            );
            let folded_end = self.cursor.folded_byte + self.scratch.len();
            if folded_end > folded_byte {
                return Some(SourceChar {
                    char_index: self.cursor.char_index,
                    source_byte: self.cursor.source_byte,
                    char: c,
                    folded_start: self.cursor.folded_byte,
                    folded_end,
                });
            }
            self.cursor = Cursor {
                char_index: self.cursor.char_index + 1,
                source_byte: self.cursor.source_byte + c.len_utf8(),
                folded_byte: folded_end,
                previous: Some(c),
            };
        }
    }

    /// The whole source chars that produced `folded[range]`, followed by any
    /// combining marks of the last one; `None` for an empty or out-of-range range.
    pub(super) fn source_span(&mut self, range: Range<usize>) -> Option<SourceSpan> {
        if range.start >= range.end {
            return None;
        }
        let first = self.locate(range.start)?;
        let last = self.locate(range.end - 1)?;
        let mut end_char = last.char_index + 1;
        let mut end_byte = last.source_byte + last.char.len_utf8();
        if !self.folded.options.diacritic_sensitive {
            for c in self.source.get(end_byte..).unwrap_or("").chars() {
                if !is_combining_mark(c) {
                    break;
                }
                end_char += 1;
                end_byte += c.len_utf8();
            }
        }
        Some(SourceSpan {
            chars: first.char_index..end_char,
            bytes: first.source_byte..end_byte,
            aligned: first.folded_start == range.start && last.folded_end == range.end,
        })
    }

    /// Is the source span a whole word (no word char glued on either side)?
    pub(super) fn is_whole_word(&self, bytes: &Range<usize>) -> bool {
        let before = self
            .source
            .get(..bytes.start)
            .and_then(|s| s.chars().next_back());
        let inside = self.source.get(bytes.clone()).unwrap_or("");
        let after = self.source.get(bytes.end..).and_then(|s| s.chars().next());
        let glued = |outside: Option<char>, edge: Option<char>| {
            outside.is_some_and(is_word_char) && edge.is_some_and(is_word_char)
        };
        !glued(before, inside.chars().next()) && !glued(after, inside.chars().next_back())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mapper_finds_the_source_char_of_every_folded_byte() {
        let source = "Ђ a\u{030C}  习近平 ЉУ 👩‍👩‍👧".repeat(30);
        let folded = FoldedText::new(&source, FoldOptions::default());
        let mut mapper = folded.mapper(&source);
        let mut previous_char = 0;
        for byte in 0..folded.as_str().len() {
            let found = mapper.locate(byte).expect("inside");
            assert!(found.char_index >= previous_char);
            assert!(found.folded_start <= byte && byte < found.folded_end);
            previous_char = found.char_index;
        }
        // And in decreasing order, which jumps back through checkpoints.
        for byte in (0..folded.as_str().len()).rev().step_by(7) {
            let found = mapper.locate(byte).expect("inside");
            assert!(found.folded_start <= byte && byte < found.folded_end);
        }
    }
}
