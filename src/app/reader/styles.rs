//! How a paragraph's structure changes its galley: Markdown headings larger,
//! emphasis in italics, strong emphasis deeper, links and code marked, the
//! markup characters faint; note blocks (footnotes) smaller and faint on rows
//! of their own inside the paragraph they interrupt. Nothing here
//! adds or removes a char, so every offset stays exact.

use crate::app::theme;
use crate::model::structure::{DocumentStructure, InlineStyle, NoteBlock, StyledRange};
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
            notes: structure
                .notes
                .iter()
                .filter(|n| overlaps(n.range))
                .collect(),
        }
    }

    /// Nothing to change (plain text without notes).
    #[cfg(test)]
    pub fn none() -> Self {
        Self {
            styles: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// Every range where the look may change.
    pub fn ranges(&self) -> impl Iterator<Item = CharRange> + '_ {
        self.styles
            .iter()
            .map(|s| s.range)
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
        // Markup is faint whatever else it is part of.
        if self
            .styles
            .iter()
            .any(|s| s.style == InlineStyle::Markup && s.range.contains(offset))
        {
            format.color = faint;
        }
        // A note is smaller and faint. (Not indented: egui shifts a row that
        // breaks inside a long word, such as a URL, left by a section's leading space.)
        if self.notes.iter().any(|n| n.range.contains(offset)) {
            scale = NOTE_SCALE;
            format.color = faint;
        }
        scale
    }

    /// The paragraph's text as the galley shows it: line breaks as spaces (the
    /// text reflows), but the last break before each note and before the text
    /// that resumes after it, which set the note on rows of its own.
    pub fn reflowed(&self, paragraph_text: &str, start: CharOffset) -> String {
        let mut chars: Vec<char> = paragraph_text.chars().collect();
        let mut keep = vec![false; chars.len()];
        for note in &self.notes {
            let note_start = note.range.start.0.saturating_sub(start.0);
            let note_end = note.range.end.0.saturating_sub(start.0).min(chars.len());
            // The last `\n` in the whitespace before the note.
            let mut index = note_start.min(chars.len());
            while index > 0 && chars[index - 1].is_whitespace() {
                index -= 1;
                if chars[index] == '\n' {
                    keep[index] = true;
                    break;
                }
            }
            // The last `\n` in the whitespace after it, if text follows in this paragraph.
            let after = chars[note_end..]
                .iter()
                .position(|c| !c.is_whitespace())
                .map(|skip| note_end + skip);
            if let Some(resume) = after
                && let Some(newline) = chars[note_end..resume].iter().rposition(|c| *c == '\n')
            {
                keep[note_end + newline] = true;
            }
        }
        for (c, keep) in chars.iter_mut().zip(keep) {
            if *c == '\n' && !keep {
                *c = ' ';
            }
        }
        chars.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_get_rows_of_their_own_and_the_rest_reflows() {
        let text = "runs on\n\n \n1  Ibid.\nmore\n the text goes on\nand on";
        let structure = DocumentStructure {
            notes: vec![NoteBlock {
                range: CharRange::new(11, 24),
                marker: Some("1".into()),
            }],
            ..DocumentStructure::default()
        };
        let paragraph = ParagraphStructure::of(&structure, CharRange::new(0, 49));
        assert_eq!(
            paragraph.reflowed(text, CharOffset(0)),
            "runs on   \n1  Ibid. more\n the text goes on and on"
        );
        assert_eq!(
            ParagraphStructure::none().reflowed(text, CharOffset(0)),
            "runs on    1  Ibid. more  the text goes on and on"
        );
    }
}
