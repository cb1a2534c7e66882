//! Building an extracted text block by block, with its structure: the
//! extractors of Word, OpenDocument, HTML and EPUB give blocks (paragraphs,
//! headings, list items, table rows, notes) and the builder lays them out as
//! the canonical text (blocks apart by a blank line; list items and table rows
//! one per line) and records headings and notes at their char ranges.

use crate::extract::extracted::Extracted;
use crate::model::structure::{DocumentStructure, Heading, NoteBlock, SourceFormat};
use crate::model::text::CharRange;

/// What a block is, which decides how it is set apart from the one before.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph of running text.
    Paragraph,
    /// A heading of a level (1 = title/chapter).
    Heading(u8),
    /// One item of a list (its bullet or number included in the text).
    ListItem,
    /// One row of a table (cells apart by tabs).
    TableRow,
    /// A note (footnote, endnote) with its marker.
    Note,
}

/// A note to set after its paragraph: its marker and text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingNote {
    /// The marker as the text shows it (`"1"`, `"ii"`).
    pub marker: String,
    /// The note's text.
    pub text: String,
}

/// The canonical text under construction.
pub struct TextBuilder {
    text: String,
    chars: usize,
    last: Option<BlockKind>,
    structure: DocumentStructure,
}

impl TextBuilder {
    /// An empty text of `format`.
    pub fn new(format: SourceFormat) -> Self {
        Self {
            text: String::new(),
            chars: 0,
            last: None,
            structure: DocumentStructure::of_format(format),
        }
    }

    /// Adds a block; whitespace is tidied (runs of spaces and line breaks
    /// inside a block kept as they came, ends trimmed) and an empty block is
    /// dropped. Returns the block's range, if it was added.
    pub fn block(&mut self, kind: BlockKind, content: &str) -> Option<CharRange> {
        let content = clean(content);
        if content.is_empty() {
            return None;
        }
        if let Some(last) = self.last {
            let tight = matches!(
                (last, kind),
                (BlockKind::ListItem, BlockKind::ListItem)
                    | (BlockKind::TableRow, BlockKind::TableRow)
                    | (BlockKind::Note, BlockKind::Note)
            );
            self.push(if tight { "\n" } else { "\n\n" });
        }
        let start = self.chars;
        self.push(&content);
        let range = CharRange::new(start, self.chars);
        self.last = Some(kind);
        if let BlockKind::Heading(level) = kind {
            self.structure.headings.push(Heading {
                level: level.clamp(1, 9),
                range,
            });
        }
        Some(range)
    }

    /// Adds notes as note blocks, each `[marker] text`.
    pub fn notes(&mut self, notes: &[PendingNote]) {
        for note in notes {
            let content = format!("[{}] {}", note.marker, clean(&note.text));
            if let Some(range) = self.block(BlockKind::Note, &content) {
                self.structure.notes.push(NoteBlock {
                    range,
                    marker: Some(note.marker.clone()),
                });
            }
        }
    }

    /// Records a metadata value (trimmed; an empty value or a key already set is skipped).
    pub fn metadata(&mut self, key: &str, value: &str) {
        let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
        if value.is_empty() || self.structure.metadata.iter().any(|(k, _)| k == key) {
            return;
        }
        self.structure.metadata.push((key.to_owned(), value));
    }

    /// True while nothing has been added.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The finished text and structure.
    pub fn finish(self) -> Extracted {
        Extracted {
            text: self.text,
            structure: self.structure,
        }
    }

    fn push(&mut self, piece: &str) {
        self.text.push_str(piece);
        self.chars += piece.chars().count();
    }
}

/// A block's text as the canonical text holds it: CR and other control
/// chars (but tab and LF) dropped, no-break spaces kept, ends trimmed, no
/// blank lines inside (they would split the block).
pub fn clean(content: &str) -> String {
    let mut out = String::with_capacity(content.len());
    for c in content.chars() {
        match c {
            '\r' => {}
            '\n' if out.ends_with('\n') => {}
            '\t' | '\n' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    let trimmed = out.trim_matches(|c: char| c.is_whitespace() && c != '\u{a0}');
    trimmed
        .split('\n')
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Collapses runs of whitespace (spaces, tabs, line breaks) to one space, as
/// HTML and XML text runs are shown.
pub fn collapse_whitespace(text: &str, out: &mut String) {
    for c in text.chars() {
        if c.is_whitespace() && c != '\u{a0}' {
            if !out.is_empty() && !out.ends_with([' ', '\n', '\t']) {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

/// Lower-case Roman numerals (endnote markers): 1 → `i`, 14 → `xiv`.
pub fn roman(mut number: usize) -> String {
    const NUMERALS: [(usize, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (value, numeral) in NUMERALS {
        while number >= value {
            out.push_str(numeral);
            number -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_apart_by_a_blank_line_and_list_items_by_a_line() {
        let mut builder = TextBuilder::new(SourceFormat::Docx);
        builder.block(BlockKind::Heading(1), " Title ");
        builder.block(BlockKind::Paragraph, "");
        builder.block(BlockKind::ListItem, "• one");
        builder.block(BlockKind::ListItem, "• два");
        builder.notes(&[PendingNote {
            marker: "1".into(),
            text: "A note.".into(),
        }]);
        let extracted = builder.finish();
        assert_eq!(extracted.text, "Title\n\n• one\n• два\n\n[1] A note.");
        assert_eq!(extracted.structure.headings[0].range, CharRange::new(0, 5));
        assert_eq!(extracted.structure.notes[0].range, CharRange::new(20, 31));
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(roman(1), "i");
        assert_eq!(roman(4), "iv");
        assert_eq!(roman(14), "xiv");
        assert_eq!(roman(1999), "mcmxcix");
    }

    #[test]
    fn cleaning_drops_controls_and_blank_lines_inside() {
        assert_eq!(clean("  a\r\n\n\nb \u{7} "), "a\nb");
    }
}
