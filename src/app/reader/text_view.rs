//! The text itself, for one frame: lays out the paragraphs in view (keeping the
//! one in the middle steady), paints them with their highlights, the find marks,
//! the margin bars, the selected annotation's frame, the text selection and the
//! caret, then lets the pointer and the keyboard act on it.

use crate::app::intent::Intent;
use crate::app::reader::find::find_marks_ui;
use crate::app::reader::frame::{
    Placement, SIDE_MARGIN_POINTS, TOP_PADDING_POINTS, TextFrame, content_height_points,
};
use crate::app::reader::keyboard::keyboard_ui;
use crate::app::reader::margin::{
    lanes_width_points, margin_bars_empty_ui, margin_bars_ui, selected_annotation_ui,
};
use crate::app::reader::page_marks::page_marks_ui;
use crate::app::reader::pieces::ParagraphLayout;
use crate::app::reader::pointer::{PointerTargets, pointer_ui};
use crate::app::reader::state::{Geometry, ReaderState};
use crate::app::theme;
use egui::{Painter, Pos2, Rect, Sense, Stroke, pos2, vec2};
use std::ops::Range;

/// How many times the visible paragraphs are laid out again while their
/// measured heights move the paragraph in the middle of the view.
const LAYOUT_SETTLE_ROUNDS: usize = 4;
/// Length of the rule above a paragraph's notes, in ems of the reading size.
const NOTE_RULE_EMS: f32 = 6.0;

/// The text inside the scroll area's `viewport` (content coordinates).
pub(super) fn text_ui(
    ui: &mut egui::Ui,
    viewport: Rect,
    frame: &TextFrame<'_>,
    state: &mut ReaderState,
    intents: &mut Vec<Intent>,
) {
    let content_rect = ui.max_rect();
    let free = content_rect.width() - frame.params.wrap_width_points;
    let lanes_width = lanes_width_points(state.annotations.lane_count);
    let text_left = content_rect.left() + (free / 2.0).max(lanes_width + SIDE_MARGIN_POINTS);
    let (visible, shift) = lay_out_visible(state, frame, viewport);

    let text_top = content_rect.top() + TOP_PADDING_POINTS - shift;
    let full_rect = Rect::from_min_size(
        content_rect.min,
        vec2(
            content_rect.width(),
            content_height_points(&mut state.layouts),
        ),
    );
    ui.allocate_rect(full_rect, Sense::hover());
    let clip = ui.clip_rect();
    let response = ui.interact(
        clip.intersect(full_rect),
        frame.reader_id,
        Sense::click_and_drag(),
    );
    let placement = Placement {
        text_left,
        text_origin: pos2(text_left, text_top),
        clip,
        visible,
    };
    state.geometry = Some(Geometry {
        text_origin: placement.text_origin,
        clip,
    });
    frame.ctx.accesskit_node_builder(frame.reader_id, |node| {
        node.set_role(egui::accesskit::Role::Document);
        node.set_label(
            frame
                .workspace
                .document(frame.document)
                .map_or("Document", |d| d.title()),
        );
    });

    // Paint the find hits behind the text, then the paragraphs and their margin bars.
    let painter = ui.painter_at(clip);
    find_marks_ui(&painter, state, frame, &placement);
    paragraphs_ui(ui, &painter, state, frame, &placement);
    page_marks_ui(ui, &painter, state, frame, &placement);

    let selected_view = frame.selected.and_then(|id| state.selected_view(id));
    let handles = selected_view.as_ref().map_or_else(Vec::new, |annotation| {
        selected_annotation_ui(&painter, state, frame, &placement, annotation)
    });
    selection_ui(&painter, state, frame, &placement, response.has_focus());

    let targets = PointerTargets {
        frame,
        placement: &placement,
        response: &response,
        selected_view: selected_view.as_ref(),
        handles: &handles,
    };
    pointer_ui(ui, state, &targets, intents);
    keyboard_ui(ui, state, frame, &response, viewport, intents);
    // Keep the tops current so `char_screen_rect` works between frames.
    state.layouts.tops_points();
}

/// Lays out the paragraphs in view; keeps the paragraph in the middle of the
/// view where it was even if paragraphs above it turned out taller than
/// estimated. Returns the visible paragraphs and how far the text moved.
fn lay_out_visible(
    state: &mut ReaderState,
    frame: &TextFrame<'_>,
    viewport: Rect,
) -> (Range<usize>, f32) {
    let view_top = viewport.min.y - TOP_PADDING_POINTS;
    let view_bottom = viewport.max.y - TOP_PADDING_POINTS;
    let anchor = state.layouts.paragraph_at_y((view_top + view_bottom) / 2.0);
    let anchor_top_before = state.layouts.top_of(anchor);
    let mut shift = 0.0;
    let mut visible = 0..0;
    for _ in 0..LAYOUT_SETTLE_ROUNDS {
        visible = state
            .layouts
            .paragraphs_in(view_top + shift, view_bottom + shift);
        for paragraph in visible.clone() {
            state.galley(&frame.ctx, paragraph, frame.text);
        }
        let new_shift = state.layouts.top_of(anchor) - anchor_top_before;
        let again = state
            .layouts
            .paragraphs_in(view_top + new_shift, view_bottom + new_shift);
        let settled = again == visible && new_shift == shift;
        shift = new_shift;
        if settled {
            break;
        }
    }
    // At the very top the text stays at the top (larger headings measured there
    // would otherwise scroll the start of the document out of view).
    let at_top = viewport.min.y <= 0.0;
    if state.pending_reveal.is_none() && shift != 0.0 && anchor > 0 && !at_top {
        state.scroll_correction_points = shift;
    } else {
        shift = 0.0;
    }
    (visible, shift)
}

/// The visible paragraphs with their highlights, their margin bars, and one
/// accessibility node each (and one per note set apart below a paragraph).
fn paragraphs_ui(
    ui: &egui::Ui,
    painter: &Painter,
    state: &mut ReaderState,
    frame: &TextFrame<'_>,
    placement: &Placement,
) {
    let fallback_color = frame.params.text_color();
    for paragraph in placement.visible.clone() {
        let top = state.layouts.top_of(paragraph);
        let height = state.layouts.height_of(paragraph);
        let Some(range) = state.paragraphs.range_of(paragraph) else {
            continue;
        };
        let layout = state.galley(&frame.ctx, paragraph, frame.text);
        let paragraph_rect = Rect::from_min_size(
            pos2(placement.text_left, placement.text_origin.y + top),
            vec2(frame.params.wrap_width_points, height),
        );
        let Some(layout) = &layout else {
            margin_bars_empty_ui(painter, state, paragraph, paragraph_rect);
            continue;
        };
        if let Some(body) = &layout.body {
            painter.galley(paragraph_rect.min, body.clone(), fallback_color);
        }
        margin_bars_ui(
            painter,
            state,
            paragraph,
            layout,
            paragraph_rect,
            &frame.params,
        );
        let paragraph_id = frame.reader_id.with(("paragraph", paragraph));
        let body_rect = if layout.has_notes() {
            layout.body_rect().translate(paragraph_rect.min.to_vec2())
        } else {
            paragraph_rect
        };
        ui.interact(body_rect, paragraph_id, Sense::hover());
        frame.ctx.accesskit_node_builder(paragraph_id, |node| {
            node.set_role(egui::accesskit::Role::Paragraph);
            node.set_label(if layout.has_notes() {
                layout.body_text(frame.text)
            } else {
                frame.text.slice_clamped(range).to_owned()
            });
        });
        if layout.has_notes() {
            notes_ui(ui, painter, layout, frame, paragraph_rect.min);
        }
    }
}

/// The notes set apart below a paragraph: a short thin rule, the notes galley,
/// and one accessibility node (a footnote) per note.
fn notes_ui(
    ui: &egui::Ui,
    painter: &Painter,
    layout: &ParagraphLayout,
    frame: &TextFrame<'_>,
    paragraph_origin: Pos2,
) {
    let Some(notes) = &layout.notes else {
        return;
    };
    let color = theme::reading_faint(frame.params.dark_mode);
    let left = paragraph_origin.x + layout.notes_origin.x;
    let rule_y = paragraph_origin.y + layout.rule_y() + 0.5;
    let rule_length = (frame.params.font_size_points * NOTE_RULE_EMS).round();
    // The rule parts notes from the text above them (a note on its own, as
    // Word's notes after a paragraph are, needs none).
    if layout.body.is_some() {
        painter.line_segment(
            [pos2(left, rule_y), pos2(left + rule_length, rule_y)],
            Stroke::new(1.0, color),
        );
    }
    painter.galley(
        paragraph_origin + layout.notes_origin.to_vec2(),
        notes.clone(),
        frame.params.text_color(),
    );
    for note in &layout.note_ranges {
        let Some(rect) = layout
            .range_rects(*note)
            .into_iter()
            .reduce(|a, b| a.union(b))
        else {
            continue;
        };
        let id = frame.reader_id.with(("note", note.start.0));
        ui.interact(
            rect.translate(paragraph_origin.to_vec2()),
            id,
            Sense::hover(),
        );
        frame.ctx.accesskit_node_builder(id, |node| {
            node.set_role(egui::accesskit::Role::DocFootnote);
            node.set_label(frame.text.slice_clamped(*note).replace('\n', " "));
        });
    }
}

/// The text selection's fill and, while the text has the focus and no popup is
/// open, the caret (not while an annotation end is dragged).
fn selection_ui(
    painter: &Painter,
    state: &mut ReaderState,
    frame: &TextFrame<'_>,
    placement: &Placement,
    has_focus: bool,
) {
    let Some(selection) = state.selection else {
        return;
    };
    if state.resize_preview().is_some() {
        return;
    }
    let fill = theme::text_selection_fill(frame.params.dark_mode);
    for rect in state.range_rects(
        &frame.ctx,
        frame.text,
        selection.range(),
        placement.visible.clone(),
    ) {
        painter.rect_filled(placement.to_screen(rect), 0.0, fill);
    }
    if has_focus && state.popup.is_none() {
        let caret = placement.to_screen(state.caret_rect(&frame.ctx, frame.text, selection.caret));
        let inset = (caret.height() - frame.params.font_size_points * 1.25).max(0.0) / 2.0;
        painter.line_segment(
            [
                caret.center_top() + vec2(0.0, inset),
                caret.center_bottom() - vec2(0.0, inset),
            ],
            Stroke::new(1.5, frame.params.text_color()),
        );
    }
}
