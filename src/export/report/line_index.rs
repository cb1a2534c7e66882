//! Line numbers of char offsets in a document: the byte offsets of its line
//! breaks, found once, then a binary search per offset, so a report citing
//! thousands of passages in a long document reads the document only once.

use crate::model::text::{CanonicalText, CharOffset};

/// Where the line breaks of one document are.
#[derive(Clone, Debug, Default)]
pub(super) struct LineIndex {
    /// Byte offsets of every `\n`, ascending.
    newline_bytes: Vec<usize>,
}

impl LineIndex {
    /// Finds the line breaks of `text` (LF only: canonical text has no CR).
    pub(super) fn new(text: &CanonicalText) -> Self {
        Self {
            newline_bytes: memchr::memchr_iter(b'\n', text.as_str().as_bytes()).collect(),
        }
    }

    /// The 1-based line on which `offset` lies in `text` (the text this index was
    /// built from); `None` past the end of the text.
    pub(super) fn line_of(&self, text: &CanonicalText, offset: CharOffset) -> Option<usize> {
        let byte = text.byte_offset(offset)?.0;
        Some(
            self.newline_bytes
                .partition_point(|&newline| newline < byte)
                + 1,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_count_the_breaks_before_the_offset() {
        let text = CanonicalText::new("ab\nВучић\n\nlast".to_owned());
        let index = LineIndex::new(&text);
        let naive = |offset: usize| {
            let chars: String = text.as_str().chars().take(offset).collect();
            chars.matches('\n').count() + 1
        };
        for offset in 0..=text.len_chars() {
            assert_eq!(
                index.line_of(&text, CharOffset(offset)),
                Some(naive(offset)),
                "offset {offset}"
            );
        }
        assert_eq!(index.line_of(&text, CharOffset(text.len_chars() + 1)), None);
    }
}
