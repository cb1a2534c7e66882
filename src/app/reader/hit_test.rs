//! Hit testing: from a point in the text to a char offset (and the glyph or the
//! annotations under it), and from offsets back to rectangles (the caret, a
//! glyph's row, the rows a range covers), all through the paragraphs' galleys.
//!
//! Text coordinates have x from the text's left edge and y from its top.

use crate::app::reader::state::ReaderState;
use crate::model::ids::AnnotationId;
use crate::model::text::{CanonicalText, CharOffset, CharRange};
use egui::epaint::text::CharIndex;
use egui::epaint::text::cursor::CCursor;
use egui::{Galley, Pos2, Rect, pos2, vec2};
use std::ops::Range;

impl ReaderState {
    /// Screen rectangle (zero width, one row high) of the caret position before
    /// `offset`, as laid out in the last frame; `None` if that paragraph is not on screen.
    pub fn char_screen_rect(&self, offset: CharOffset) -> Option<Rect> {
        let geometry = self.geometry?;
        let paragraph = self.paragraphs.paragraph_of(offset);
        let range = self.paragraphs.range_of(paragraph)?;
        let top = self.layouts.cached_top(paragraph)?;
        let local = match self.layouts.cached(paragraph, &self.annotations) {
            Some(galley) => {
                galley.pos_from_cursor(CCursor::new(offset.0.saturating_sub(range.start.0)))
            }
            None if range.is_empty() => {
                Rect::from_min_size(Pos2::ZERO, vec2(0.0, self.layouts.height_of(paragraph)))
            }
            None => return None,
        };
        Some(local.translate(geometry.text_origin.to_vec2() + vec2(0.0, top)))
    }

    /// The char offset at a point in text coordinates.
    pub(super) fn offset_at(
        &mut self,
        ctx: &egui::Context,
        text: &CanonicalText,
        point: Pos2,
    ) -> CharOffset {
        if point.y < 0.0 {
            return CharOffset(0);
        }
        if point.y >= self.layouts.total_height_points() {
            return CharOffset(text.len_chars());
        }
        let paragraph = self.layouts.paragraph_at_y(point.y);
        let Some(range) = self.paragraphs.range_of(paragraph) else {
            return CharOffset(text.len_chars());
        };
        let top = self.layouts.top_of(paragraph);
        match self.galley(ctx, paragraph, text) {
            Some(galley) => {
                let cursor = galley.cursor_from_pos(vec2(point.x, point.y - top));
                CharOffset((range.start.0 + cursor.index.0).min(range.end.0))
            }
            None => range.start,
        }
    }

    /// Is a text point over a glyph (not in the empty end of a row)? Returns its offset.
    pub(super) fn glyph_at(
        &mut self,
        ctx: &egui::Context,
        text: &CanonicalText,
        point: Pos2,
    ) -> Option<CharOffset> {
        if point.y < 0.0 || point.y >= self.layouts.total_height_points() {
            return None;
        }
        let paragraph = self.layouts.paragraph_at_y(point.y);
        let range = self.paragraphs.range_of(paragraph)?;
        let top = self.layouts.top_of(paragraph);
        let galley = self.galley(ctx, paragraph, text)?;
        let local = vec2(point.x, point.y - top);
        let mut index = 0;
        for row in &galley.rows {
            let rect = row.rect();
            if local.y >= rect.min.y && local.y < rect.max.y {
                if local.x < rect.min.x || local.x > rect.max.x {
                    return None;
                }
                let column = row.char_at(local.x - row.pos.x).0;
                let column = column.min(row.char_count_excluding_newline().0.saturating_sub(1));
                return Some(CharOffset(range.start.0 + index + column));
            }
            index += row.char_count_including_newline().0;
        }
        None
    }

    /// The annotations covering the glyph at a text point, shortest first.
    pub(super) fn annotations_at_point(
        &mut self,
        ctx: &egui::Context,
        text: &CanonicalText,
        point: Pos2,
    ) -> Vec<AnnotationId> {
        let Some(glyph) = self.glyph_at(ctx, text, point) else {
            return Vec::new();
        };
        self.annotations
            .at_offset(self.paragraphs.paragraph_of(glyph), glyph)
            .into_iter()
            .map(|annotation| annotation.id.clone())
            .collect()
    }

    /// Text-coordinate rectangle (zero width) at the caret position before `offset`.
    pub(super) fn caret_rect(
        &mut self,
        ctx: &egui::Context,
        text: &CanonicalText,
        offset: CharOffset,
    ) -> Rect {
        let paragraph = self.paragraphs.paragraph_of(offset);
        let top = self.layouts.top_of(paragraph);
        let start = self.paragraphs.range_of(paragraph).map_or(0, |p| p.start.0);
        match self.galley(ctx, paragraph, text) {
            Some(galley) => galley
                .pos_from_cursor(CCursor::new(offset.0.saturating_sub(start)))
                .translate(vec2(0.0, top)),
            None => {
                Rect::from_min_size(pos2(0.0, top), vec2(0.0, self.layouts.height_of(paragraph)))
            }
        }
    }

    /// Text-coordinate rectangles covering `range` within the visible paragraphs.
    pub(super) fn range_rects(
        &mut self,
        ctx: &egui::Context,
        text: &CanonicalText,
        range: CharRange,
        visible: Range<usize>,
    ) -> Vec<Rect> {
        let mut rects = Vec::new();
        if range.is_empty() {
            return rects;
        }
        let first = self.paragraphs.paragraph_of(range.start).max(visible.start);
        let last = self
            .paragraphs
            .paragraph_of(CharOffset(range.end.0.saturating_sub(1)))
            .min(visible.end.saturating_sub(1));
        for paragraph in first..=last {
            let Some(paragraph_range) = self.paragraphs.range_of(paragraph) else {
                break;
            };
            let top = self.layouts.top_of(paragraph);
            let Some(galley) = self.galley(ctx, paragraph, text) else {
                continue;
            };
            let local_start = range.start.0.saturating_sub(paragraph_range.start.0);
            let local_end = range
                .end
                .0
                .min(paragraph_range.end.0)
                .saturating_sub(paragraph_range.start.0);
            for rect in row_rects(&galley, local_start, local_end) {
                rects.push(rect.translate(vec2(0.0, top)));
            }
        }
        rects
    }

    /// Ends of the word around `offset` (letters, digits, apostrophes and hyphens inside words).
    pub(super) fn word_at(&self, text: &CanonicalText, offset: CharOffset) -> CharRange {
        let paragraph = self.paragraphs.paragraph_of(offset);
        let Some(range) = self.paragraphs.range_of(paragraph) else {
            return CharRange::new(offset.0, offset.0);
        };
        let chars: Vec<char> = text.slice_clamped(range).chars().collect();
        let is_word =
            |c: char| c.is_alphanumeric() || c == '\'' || c == '’' || c == '-' || c == '_';
        let local = offset.0.saturating_sub(range.start.0).min(chars.len());
        if chars.get(local).is_none_or(|c| !is_word(*c)) {
            return CharRange::new(offset.0, (offset.0 + 1).min(range.end.0));
        }
        let mut start = local;
        while start > 0 && is_word(chars[start - 1]) {
            start -= 1;
        }
        let mut end = local;
        while end < chars.len() && is_word(chars[end]) {
            end += 1;
        }
        CharRange::new(range.start.0 + start, range.start.0 + end)
    }
}

/// Rectangles (galley coordinates) of chars `[start, end)` of a one-paragraph galley, one per row.
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
    }
    rects
}
