//! Hit testing: from a point in the text to a char offset (and the glyph or the
//! annotations under it), and from offsets back to rectangles (the caret, a
//! glyph's row, the rows a range covers), all through the paragraphs' layouts
//! (which map offsets to the body or the notes galley).
//!
//! Text coordinates have x from the text's left edge and y from its top.

use crate::app::reader::state::ReaderState;
use crate::model::ids::AnnotationId;
use crate::model::text::{CanonicalText, CharOffset, CharRange};
use egui::{Pos2, Rect, pos2, vec2};
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
            Some(layout) => layout.caret_rect(offset),
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
            Some(layout) => layout
                .offset_at(pos2(point.x, point.y - top))
                .clamp(range.start, range.end),
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
        let top = self.layouts.top_of(paragraph);
        let layout = self.galley(ctx, paragraph, text)?;
        layout.glyph_at(pos2(point.x, point.y - top))
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
        match self.galley(ctx, paragraph, text) {
            Some(layout) => layout.caret_rect(offset).translate(vec2(0.0, top)),
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
            let top = self.layouts.top_of(paragraph);
            let Some(layout) = self.galley(ctx, paragraph, text) else {
                continue;
            };
            for rect in layout.range_rects(range) {
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
