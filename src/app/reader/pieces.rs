//! A paragraph as the reader draws it: its body galley (the running text) and,
//! when note blocks (footnotes) interrupt it, a second galley with the notes,
//! set apart below the body — smaller, indented, under a thin rule.
//!
//! The paragraph's chars are split into segments in text order, each shown in
//! one of the two galleys: the text before a note and the text that resumes
//! after it follow each other in the body galley (so the paragraph reads as one
//! and reflows as one), and the notes with the whitespace around them follow
//! each other in the notes galley. Every canonical offset is in exactly one
//! segment, so every char can be hit, selected, highlighted and found; a
//! segment maps its chars to its galley's char indices linearly (nothing is
//! added or dropped), and the geometry here (caret rectangles, offsets at a
//! point, the rectangles of a range) goes through that map.
//!
//! Coordinates are the paragraph's: x from the text's left edge, y from the
//! paragraph's top.

use crate::model::text::{CanonicalText, CharOffset, CharRange};
use egui::epaint::text::CharIndex;
use egui::epaint::text::cursor::CCursor;
use egui::{Galley, Pos2, Rect, Vec2, pos2, vec2};
use std::sync::Arc;

/// Which galley a segment is drawn in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The running text.
    Body,
    /// The note blocks, below the running text.
    Notes,
}

/// A run of the paragraph's chars shown in one galley.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment {
    /// The chars, in the document's text.
    pub chars: CharRange,
    /// The galley they are in.
    pub part: Part,
    /// Char index of the first of them in that galley.
    pub galley_start: usize,
}

/// Splits a paragraph (its chars, local indices) into body and note segments,
/// in text order, given the local ranges of the notes in it (in text order).
///
/// Notes with only whitespace between them form one run, shown together. The
/// body before a run keeps one whitespace char after its last word (so the
/// text that resumes after the run follows with a space); the run takes the
/// rest of the whitespace around it, so the body shows no gap. Returns local
/// ranges; an empty paragraph gives no segments.
pub fn split_segments(chars: &[char], notes: &[CharRange]) -> Vec<(CharRange, Part)> {
    let len = chars.len();
    let mut segments = Vec::new();
    let mut cursor = 0;
    let mut index = 0;
    while index < notes.len() {
        let start = notes[index].start.0.clamp(cursor, len);
        let mut end = notes[index].end.0.clamp(start, len);
        while let Some(next) = notes.get(index + 1)
            && next.start.0 >= end
            && next.start.0 <= len
            && chars[end..next.start.0].iter().all(|c| c.is_whitespace())
        {
            end = next.end.0.clamp(next.start.0, len);
            index += 1;
        }
        index += 1;
        let mut before = start;
        while before > cursor && chars[before - 1].is_whitespace() {
            before -= 1;
        }
        let run_start = if before == cursor || before == start {
            before.max(cursor).min(start)
        } else {
            before + 1
        };
        let mut run_end = end;
        while run_end < len && chars[run_end].is_whitespace() {
            run_end += 1;
        }
        if run_start > cursor {
            segments.push((CharRange::new(cursor, run_start), Part::Body));
        }
        if run_end > run_start {
            segments.push((CharRange::new(run_start, run_end), Part::Notes));
        }
        cursor = run_end;
    }
    if cursor < len {
        segments.push((CharRange::new(cursor, len), Part::Body));
    }
    segments
}

/// One laid-out paragraph: its galleys, where they sit, and the map from its
/// chars to theirs.
#[derive(Debug)]
pub struct ParagraphLayout {
    /// The paragraph's chars in the document's text.
    pub range: CharRange,
    /// The running text, at (0, 0); `None` for a paragraph that is only notes.
    pub body: Option<Arc<Galley>>,
    /// The notes, at `notes_origin`.
    pub notes: Option<Arc<Galley>>,
    /// Where the notes galley's top-left corner is.
    pub notes_origin: Pos2,
    /// The note blocks' ranges (document offsets), for their accessibility nodes.
    pub note_ranges: Vec<CharRange>,
    /// Every char of the paragraph in exactly one segment, in text order.
    segments: Vec<Segment>,
    /// Height of the whole paragraph.
    pub height: f32,
}

/// Space between the body and the notes (the rule is in its middle), in line heights.
pub const NOTES_GAP_LINES: f32 = 0.5;
/// Space below the notes, in line heights.
const NOTES_BOTTOM_LINES: f32 = 0.3;

impl ParagraphLayout {
    /// Puts the galleys in place: the body on top, the notes below it,
    /// indented by `notes_indent`.
    pub fn new(
        range: CharRange,
        segments: Vec<Segment>,
        body: Option<Arc<Galley>>,
        notes: Option<Arc<Galley>>,
        note_ranges: Vec<CharRange>,
        line_height: f32,
        notes_indent: f32,
    ) -> Self {
        let body_height = body.as_ref().map_or(0.0, |galley| galley.rect.height());
        let gap = if body.is_some() {
            (line_height * NOTES_GAP_LINES).round()
        } else {
            (line_height * NOTES_BOTTOM_LINES).round()
        };
        let notes_origin = pos2(notes_indent, body_height + gap);
        let height = match &notes {
            Some(notes) => {
                notes_origin.y + notes.rect.height() + (line_height * NOTES_BOTTOM_LINES).round()
            }
            None => body_height,
        };
        Self {
            range,
            body,
            notes,
            notes_origin,
            note_ranges,
            segments,
            height,
        }
    }

    /// Does the paragraph show notes set apart?
    pub fn has_notes(&self) -> bool {
        self.notes.is_some()
    }

    /// The running text without the notes (for the paragraph's accessibility label).
    pub fn body_text(&self, text: &CanonicalText) -> String {
        self.segments
            .iter()
            .filter(|segment| segment.part == Part::Body)
            .map(|segment| text.slice_clamped(segment.chars))
            .collect()
    }

    /// The body's rectangle (empty at the top for a paragraph that is only notes).
    pub fn body_rect(&self) -> Rect {
        self.body.as_ref().map_or(Rect::ZERO, |galley| galley.rect)
    }

    /// The y of the rule above the notes.
    pub fn rule_y(&self) -> f32 {
        let body_bottom = self.body_rect().bottom();
        ((body_bottom + self.notes_origin.y) / 2.0).round()
    }

    /// A part's galley and where it sits.
    fn galley(&self, part: Part) -> Option<(&Arc<Galley>, Vec2)> {
        match part {
            Part::Body => self.body.as_ref().map(|galley| (galley, Vec2::ZERO)),
            Part::Notes => self
                .notes
                .as_ref()
                .map(|galley| (galley, self.notes_origin.to_vec2())),
        }
    }

    /// The segment holding `offset` (at a boundary, the one that starts there;
    /// the paragraph's end is in the last one).
    fn segment_of(&self, offset: CharOffset) -> Option<&Segment> {
        let after = self
            .segments
            .partition_point(|segment| segment.chars.start <= offset);
        self.segments.get(after.saturating_sub(1))
    }

    /// The document offset of char index `index` in a part's galley (at a
    /// boundary between two segments, the start of the later one).
    fn offset_of(&self, part: Part, index: usize) -> CharOffset {
        let mut found = None;
        for segment in self.segments.iter().filter(|s| s.part == part) {
            if segment.galley_start > index {
                break;
            }
            found = Some(segment);
        }
        found.map_or(self.range.start, |segment| {
            let local = (index - segment.galley_start).min(segment.chars.len_chars());
            CharOffset(segment.chars.start.0 + local)
        })
    }

    /// The part a point is over: the notes from just below the body's last row.
    fn part_at(&self, point: Pos2) -> Part {
        match (&self.body, &self.notes) {
            (Some(_), Some(_)) if point.y >= self.rule_y() => Part::Notes,
            (None, Some(_)) => Part::Notes,
            _ => Part::Body,
        }
    }

    /// Where the text at `offset` is seen to start: past the whitespace after a
    /// run of notes, the text that resumes in the body (a page that starts
    /// there is marked there, not below the notes).
    pub fn shown_at(&self, offset: CharOffset) -> CharOffset {
        let Some(position) = self
            .segments
            .iter()
            .position(|segment| segment.chars.contains(offset))
        else {
            return offset;
        };
        let segment = &self.segments[position];
        let after_notes = self
            .note_ranges
            .iter()
            .filter(|note| segment.chars.contains(note.start))
            .all(|note| note.end <= offset);
        match self.segments.get(position + 1) {
            Some(next) if segment.part == Part::Notes && after_notes => next.chars.start,
            _ => offset,
        }
    }

    /// Zero-width rectangle of the caret position before `offset`.
    pub fn caret_rect(&self, offset: CharOffset) -> Rect {
        let Some(segment) = self.segment_of(offset) else {
            return Rect::from_min_size(Pos2::ZERO, vec2(0.0, self.height));
        };
        let Some((galley, origin)) = self.galley(segment.part) else {
            return Rect::ZERO;
        };
        let local = offset
            .0
            .clamp(segment.chars.start.0, segment.chars.end.0)
            .saturating_sub(segment.chars.start.0);
        galley
            .pos_from_cursor(CCursor::new(segment.galley_start + local))
            .translate(origin)
    }

    /// The offset nearest to a point (for carets and drags).
    pub fn offset_at(&self, point: Pos2) -> CharOffset {
        let part = self.part_at(point);
        let Some((galley, origin)) = self.galley(part) else {
            return self.range.start;
        };
        let cursor = galley.cursor_from_pos(point - origin.to_pos2());
        self.offset_of(part, cursor.index.0).min(self.range.end)
    }

    /// The offset of the glyph under a point, if it is over one (not the empty end of a row).
    pub fn glyph_at(&self, point: Pos2) -> Option<CharOffset> {
        let part = self.part_at(point);
        let (galley, origin) = self.galley(part)?;
        let local = point - origin;
        let mut index = 0;
        for row in &galley.rows {
            let rect = row.rect();
            if local.y >= rect.min.y && local.y < rect.max.y {
                if local.x < rect.min.x || local.x > rect.max.x {
                    return None;
                }
                let column = row.char_at(local.x - row.pos.x).0;
                let column = column.min(row.char_count_excluding_newline().0.saturating_sub(1));
                return Some(self.offset_of(part, index + column));
            }
            index += row.char_count_including_newline().0;
        }
        None
    }

    /// Rectangles covering `range` (document offsets), one per row and segment.
    pub fn range_rects(&self, range: CharRange) -> Vec<Rect> {
        let mut rects = Vec::new();
        for segment in &self.segments {
            let from = range.start.max(segment.chars.start);
            let to = range.end.min(segment.chars.end);
            if from >= to {
                continue;
            }
            let Some((galley, origin)) = self.galley(segment.part) else {
                continue;
            };
            let start = segment.galley_start + (from.0 - segment.chars.start.0);
            let end = segment.galley_start + (to.0 - segment.chars.start.0);
            rects.extend(
                row_rects(galley, start, end)
                    .into_iter()
                    .map(|rect| rect.translate(origin)),
            );
        }
        rects
    }
}

/// Rectangles (galley coordinates) of chars `[start, end)` of a galley, one per row.
fn row_rects(galley: &Galley, start: usize, end: usize) -> Vec<Rect> {
    let mut rects = Vec::new();
    let mut index = 0;
    for row in &galley.rows {
        let count = row.char_count_excluding_newline().0;
        let (row_start, row_end) = (index, index + count);
        let (from, to) = (start.max(row_start), end.min(row_end));
        if from < to {
            let x0 = row.pos.x + row.x_offset(CharIndex(from - row_start));
            let x1 = row.pos.x + row.x_offset(CharIndex(to - row_start));
            rects.push(Rect::from_min_max(
                pos2(x0, row.min_y()),
                pos2(x1, row.max_y()),
            ));
        }
        index += row.char_count_including_newline().0;
        if index >= end {
            break;
        }
    }
    rects
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str, notes: &[(usize, usize)]) -> Vec<(String, Part)> {
        let chars: Vec<char> = text.chars().collect();
        let notes: Vec<CharRange> = notes.iter().map(|&(s, e)| CharRange::new(s, e)).collect();
        split_segments(&chars, &notes)
            .into_iter()
            .map(|(range, part)| (chars[range.start.0..range.end.0].iter().collect(), part))
            .collect()
    }

    #[test]
    fn a_note_run_takes_the_whitespace_around_it_but_one_space() {
        let text = "the “friend”, \n\n \n24  Note one.\n\n25  Two.  \n followed by";
        let note_one = text.find("24").unwrap_or(0);
        let one_end = note_one + "24  Note one.".len();
        let two = text.find("25").unwrap_or(0);
        let chars = |bytes: usize| text[..bytes].chars().count();
        let segments = split(
            text,
            &[
                (chars(note_one), chars(one_end)),
                (chars(two), chars(two + "25  Two.".len())),
            ],
        );
        assert_eq!(
            segments,
            vec![
                ("the “friend”, ".to_owned(), Part::Body),
                (
                    "\n\n \n24  Note one.\n\n25  Two.  \n ".to_owned(),
                    Part::Notes
                ),
                ("followed by".to_owned(), Part::Body),
            ]
        );
    }

    #[test]
    fn notes_alone_or_at_the_end_have_no_empty_body() {
        assert_eq!(
            split("[1] A note.", &[(0, 11)]),
            vec![("[1] A note.".to_owned(), Part::Notes)]
        );
        assert_eq!(
            split("text\n1  Note. ", &[(5, 13)]),
            vec![
                ("text\n".to_owned(), Part::Body),
                ("1  Note. ".to_owned(), Part::Notes)
            ]
        );
        assert_eq!(split("", &[]), vec![]);
        assert_eq!(split("plain", &[]), vec![("plain".to_owned(), Part::Body)]);
    }

    #[test]
    fn two_runs_with_text_between_are_two_note_segments() {
        let text = "a\n1  N.\nb\n2  M.\nc";
        let segments = split(text, &[(2, 7), (10, 15)]);
        let parts: Vec<Part> = segments.iter().map(|(_, part)| *part).collect();
        assert_eq!(
            parts,
            vec![Part::Body, Part::Notes, Part::Body, Part::Notes, Part::Body]
        );
        let joined: String = segments.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(joined, text);
    }

    #[test]
    fn a_page_that_starts_after_the_notes_is_shown_where_the_text_resumes() {
        let segment = |start, end, part, galley_start| Segment {
            chars: CharRange::new(start, end),
            part,
            galley_start,
        };
        let layout = ParagraphLayout::new(
            CharRange::new(0, 30),
            vec![
                segment(0, 5, Part::Body, 0),
                segment(5, 20, Part::Notes, 0),
                segment(20, 30, Part::Body, 5),
            ],
            None,
            None,
            vec![CharRange::new(8, 18)],
            20.0,
            10.0,
        );
        assert_eq!(layout.shown_at(CharOffset(19)), CharOffset(20));
        assert_eq!(layout.shown_at(CharOffset(18)), CharOffset(20));
        assert_eq!(layout.shown_at(CharOffset(10)), CharOffset(10));
        assert_eq!(layout.shown_at(CharOffset(6)), CharOffset(6));
        assert_eq!(layout.shown_at(CharOffset(3)), CharOffset(3));
        assert_eq!(layout.offset_of(Part::Body, 5), CharOffset(20));
        assert_eq!(layout.offset_of(Part::Body, 4), CharOffset(4));
        assert_eq!(layout.offset_of(Part::Notes, 3), CharOffset(8));
    }
}
