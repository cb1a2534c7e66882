//! How a paragraph's structure changes its galley: Markdown headings larger,
//! emphasis in italics, strong emphasis deeper, links and code marked, the
//! markup characters faint; note blocks (footnotes) smaller and faint (set
//! apart below the paragraph they interrupt: see `pieces.rs`). Nothing here
//! adds or removes a char, so every offset stays exact.

use crate::app::theme;
use crate::model::structure::{DocumentStructure, Heading, InlineStyle, NoteBlock, StyledRange};
use crate::model::text::{CharOffset, CharRange};
use egui::text::TextFormat;
use egui::{FontFamily, Stroke};

/// Font size of a heading of each level, as a multiple of the reading size.
const HEADING_SCALE: [f32; 6] = [1.5, 1.3, 1.15, 1.05, 1.0, 1.0];
/// Font size of a note, as a multiple of the reading size.
const NOTE_SCALE: f32 = 0.82;

/// The styles and notes that overlap one paragraph.
pub struct ParagraphStructure<'s> {
    styles: Vec<&'s StyledRange>,
    /// Headings the structure names (Word, OpenDocument, HTML, EPUB): set
    /// like Markdown's, which are also styles.
    headings: Vec<&'s Heading>,
    notes: Vec<&'s NoteBlock>,
}

impl<'s> ParagraphStructure<'s> {
    /// The parts of `structure` that overlap `range`.
    pub fn of(structure: &'s DocumentStructure, range: CharRange) -> Self {
        let overlaps = |r: CharRange| r.start < range.end && r.end > range.start;
        Self {
            styles: structure
                .styles
                .iter()
                .filter(|s| overlaps(s.range))
                .collect(),
            headings: structure
                .headings
                .iter()
                .filter(|h| overlaps(h.range))
                .collect(),
            notes: structure
                .notes
                .iter()
                .filter(|n| overlaps(n.range))
                .collect(),
        }
    }

    /// Every range where the look may change.
    pub fn ranges(&self) -> impl Iterator<Item = CharRange> + '_ {
        self.styles
            .iter()
            .map(|s| s.range)
            .chain(self.headings.iter().map(|h| h.range))
            .chain(self.notes.iter().map(|n| n.range))
    }

    /// Changes `format` (at the reading size) for the run starting at
    /// `offset`: its colour, italics, font family; returns the run's font size
    /// as a multiple of the reading size, which the layout applies.
    pub fn apply(&self, offset: CharOffset, dark_mode: bool, format: &mut TextFormat) -> f32 {
        let size = format.font_id.size;
        let faint = theme::reading_faint(dark_mode);
        let mut scale: f32 = 1.0;
        for styled in self.styles.iter().filter(|s| s.range.contains(offset)) {
            match styled.style {
                InlineStyle::Heading(level) => {
                    let index = usize::from(level.clamp(1, 6)) - 1;
                    scale = scale.max(HEADING_SCALE[index]);
                    format.color = theme::reading_strong(dark_mode);
                }
                InlineStyle::Emphasis => format.italics = true,
                InlineStyle::Strong => {
                    format.color = theme::reading_strong(dark_mode);
                    format.extra_letter_spacing = size * 0.02;
                }
                InlineStyle::Link => {
                    format.color = theme::reading_link(dark_mode);
                    format.underline = Stroke::new(1.0, theme::reading_link(dark_mode));
                }
                InlineStyle::Code => format.font_id.family = FontFamily::Monospace,
                InlineStyle::Markup => {}
            }
        }
        for heading in self.headings.iter().filter(|h| h.range.contains(offset)) {
            let index = usize::from(heading.level.clamp(1, 6)) - 1;
            scale = scale.max(HEADING_SCALE[index]);
            format.color = theme::reading_strong(dark_mode);
        }
        // Markup is faint whatever else it is part of.
        if self
            .styles
            .iter()
            .any(|s| s.style == InlineStyle::Markup && s.range.contains(offset))
        {
            format.color = faint;
        }
        // A note is smaller and faint (its galley is indented as a whole).
        if self.notes.iter().any(|n| n.range.contains(offset)) {
            scale = NOTE_SCALE;
            format.color = faint;
        }
        scale
    }

    /// The ranges of the note blocks that overlap the paragraph, in text order.
    pub fn note_ranges(&self) -> impl Iterator<Item = CharRange> + '_ {
        self.notes.iter().map(|n| n.range)
    }

    /// Is `offset` inside a note block?
    pub fn in_note(&self, offset: CharOffset) -> bool {
        self.notes.iter().any(|n| n.range.contains(offset))
    }
}
