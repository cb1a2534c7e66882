//! The left margin and the selected annotation's frame: one coloured bar per
//! annotation beside the lines it covers (one lane per overlapping annotation),
//! and the selected annotation's outline with its two resize handles.

use crate::app::reader::frame::{Placement, TextFrame};
use crate::app::reader::index::AnnotationView;
use crate::app::reader::params::LayoutParams;
use crate::app::reader::pieces::ParagraphLayout;
use crate::app::reader::state::ReaderState;
use crate::app::theme;
use crate::model::text::CharOffset;
use egui::{Color32, Painter, Pos2, Rect, Stroke, StrokeKind, pos2, vec2};

/// Width of one margin bar and the gap between lanes.
const LANE_WIDTH_POINTS: f32 = 3.0;
const LANE_GAP_POINTS: f32 = 3.0;
/// Gap between the text and the nearest margin lane.
const LANE_OFFSET_POINTS: f32 = 14.0;
/// At most this many lanes are drawn; deeper overlaps share the last lane.
const MAX_LANES: usize = 8;

/// Width the margin bars take beside the text, for `lane_count` lanes.
pub(super) fn lanes_width_points(lane_count: usize) -> f32 {
    LANE_OFFSET_POINTS + lane_count.min(MAX_LANES) as f32 * (LANE_WIDTH_POINTS + LANE_GAP_POINTS)
}

/// Screen x of the right edge of lane `lane` for text starting at `text_left`.
fn lane_x(text_left: f32, lane: usize) -> f32 {
    text_left
        - LANE_OFFSET_POINTS
        - lane.min(MAX_LANES - 1) as f32 * (LANE_WIDTH_POINTS + LANE_GAP_POINTS)
}

/// Bars in the left margin for the annotations overlapping a laid-out
/// paragraph: from the top of the first row an annotation covers to the bottom
/// of its last (in the body or in the notes below it), or to the paragraph's
/// edge where it runs on into the next or from the previous one.
pub(super) fn margin_bars_ui(
    painter: &Painter,
    state: &ReaderState,
    paragraph: usize,
    layout: &ParagraphLayout,
    paragraph_rect: Rect,
    params: &LayoutParams,
) {
    let range = layout.range;
    for &index in state.annotations.in_paragraph(paragraph) {
        let annotation = &state.annotations.annotations[index as usize];
        let rows = layout.range_rects(annotation.range);
        let (Some(first), Some(last)) = (
            rows.iter().map(|rect| rect.min.y).reduce(f32::min),
            rows.iter().map(|rect| rect.max.y).reduce(f32::max),
        ) else {
            continue;
        };
        let y0 = if annotation.range.start >= range.start {
            first
        } else {
            0.0
        };
        let y1 = if annotation.range.end <= range.end {
            last
        } else {
            paragraph_rect.height()
        };
        let x = lane_x(paragraph_rect.left(), annotation.lane);
        let inset = params.line_height_points() * 0.12;
        let top_inset = if annotation.range.start >= range.start {
            inset
        } else {
            0.0
        };
        let bottom_inset = if annotation.range.end <= range.end {
            inset
        } else {
            0.0
        };
        let bar = Rect::from_min_max(
            pos2(x - LANE_WIDTH_POINTS, paragraph_rect.top() + y0 + top_inset),
            pos2(x, paragraph_rect.top() + y1 - bottom_inset),
        );
        painter.rect_filled(bar, 1.0, annotation.main_color);
    }
}

/// Bars through an empty paragraph (a blank line inside a long annotation).
pub(super) fn margin_bars_empty_ui(
    painter: &Painter,
    state: &ReaderState,
    paragraph: usize,
    paragraph_rect: Rect,
) {
    for &index in state.annotations.in_paragraph(paragraph) {
        let annotation = &state.annotations.annotations[index as usize];
        let x = lane_x(paragraph_rect.left(), annotation.lane);
        let bar = Rect::from_min_max(
            pos2(x - LANE_WIDTH_POINTS, paragraph_rect.top()),
            pos2(x, paragraph_rect.bottom()),
        );
        painter.rect_filled(bar, 0.0, annotation.main_color);
    }
}

/// A resize handle of the selected annotation, where the pointer can grab it.
#[derive(Clone, Copy, Debug)]
pub(super) struct ResizeHandle {
    /// Screen position of the handle's knob.
    pub(super) knob: Pos2,
    /// The annotation end this handle moves.
    pub(super) moving: CharOffset,
    /// The other end, which stays.
    pub(super) fixed: CharOffset,
}

/// Outlines the selected annotation (or, while one of its ends is dragged, the
/// range it would get) and draws its resize handles when not dragging; returns
/// the handles on screen.
pub(super) fn selected_annotation_ui(
    painter: &Painter,
    state: &mut ReaderState,
    frame: &TextFrame<'_>,
    placement: &Placement,
    annotation: &AnnotationView,
) -> Vec<ResizeHandle> {
    let mut handles = Vec::new();
    let preview = state.resize_preview();
    let range = preview.unwrap_or(annotation.range);
    let color = theme::selected_passage_outline(annotation.main_color, frame.params.dark_mode);
    let rects = state.range_rects(&frame.ctx, frame.text, range, placement.visible.clone());
    for rect in &rects {
        painter.rect_stroke(
            placement.to_screen(*rect).expand2(vec2(1.5, 0.0)),
            2.0,
            Stroke::new(1.5, color),
            StrokeKind::Outside,
        );
    }
    if preview.is_some() {
        return handles;
    }
    for (moving, fixed, at_start) in [
        (range.start, range.end, true),
        (range.end, range.start, false),
    ] {
        if !placement
            .visible
            .contains(&state.paragraphs.paragraph_of(moving))
        {
            continue;
        }
        let caret = placement.to_screen(state.caret_rect(&frame.ctx, frame.text, moving));
        handle_ui(painter, caret, at_start, color);
        let knob = if at_start {
            caret.left_top()
        } else {
            caret.left_bottom()
        };
        handles.push(ResizeHandle {
            knob,
            moving,
            fixed,
        });
    }
    handles
}

/// A resize handle: a bar along the caret and a knob at its outer end.
fn handle_ui(painter: &Painter, caret: Rect, at_start: bool, color: Color32) {
    painter.line_segment(
        [caret.center_top(), caret.center_bottom()],
        Stroke::new(2.0, color),
    );
    let knob = if at_start {
        caret.center_top()
    } else {
        caret.center_bottom()
    };
    painter.circle(knob, 4.0, color, Stroke::new(1.5, theme::RESIZE_KNOB_RING));
}
