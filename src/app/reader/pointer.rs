//! The pointer over the text: the cursor shape, dragging to select or to move an
//! end of the selected annotation, clicking (caret, Shift+click extends, a click
//! on a passage selects its annotation and cycles through overlapping ones),
//! double-clicking a word, right-clicking for the context menu, and hovering a
//! passage for its codes.

use crate::app::intent::Intent;
use crate::app::reader::frame::{Placement, TextFrame};
use crate::app::reader::index::AnnotationView;
use crate::app::reader::margin::ResizeHandle;
use crate::app::reader::popup::{annotation_tooltip_ui, context_menu_ui};
use crate::app::reader::state::{DragMode, ReaderState, TextSelection};
use crate::model::text::CharRange;
use egui::{CursorIcon, PointerButton, Pos2, Response, vec2};

/// How close (points) the pointer must be to a resize handle to grab it.
const HANDLE_GRAB_POINTS: f32 = 8.0;
/// Fastest scroll per frame while a drag is held beyond the top or bottom edge.
const DRAG_SCROLL_MAX_POINTS: f32 = 40.0;

/// What the pointer can act on this frame.
pub(super) struct PointerTargets<'a> {
    pub(super) frame: &'a TextFrame<'a>,
    pub(super) placement: &'a Placement,
    /// The text's interaction response (click and drag).
    pub(super) response: &'a Response,
    /// The selected annotation, if it is in this document.
    pub(super) selected_view: Option<&'a AnnotationView>,
    /// Its resize handles on screen.
    pub(super) handles: &'a [ResizeHandle],
}

impl PointerTargets<'_> {
    fn handle_near(&self, pos: Pos2) -> Option<ResizeHandle> {
        self.handles
            .iter()
            .find(|handle| handle.knob.distance(pos) <= HANDLE_GRAB_POINTS)
            .copied()
    }
}

/// Everything the pointer does to the text this frame.
pub(super) fn pointer_ui(
    ui: &egui::Ui,
    state: &mut ReaderState,
    targets: &PointerTargets<'_>,
    intents: &mut Vec<Intent>,
) {
    let pointer = targets.frame.ctx.input(|input| input.pointer.latest_pos());
    cursor_shape(targets, pointer);
    drag_ui(ui, state, targets, pointer, intents);
    click_ui(state, targets, pointer, intents);
    let frame = targets.frame;
    targets.response.context_menu(|ui| {
        context_menu_ui(ui, state, frame.workspace, intents);
    });
    tooltip_ui(state, targets, pointer);
}

/// A resize arrow over a handle, a text cursor over the text.
fn cursor_shape(targets: &PointerTargets<'_>, pointer: Option<Pos2>) {
    let Some(pos) = pointer else {
        return;
    };
    if !targets.response.contains_pointer() {
        return;
    }
    let text_left = targets.placement.text_left;
    if targets.handle_near(pos).is_some() {
        targets
            .frame
            .ctx
            .set_cursor_icon(CursorIcon::ResizeHorizontal);
    } else if pos.x >= text_left && pos.x <= text_left + targets.frame.params.wrap_width_points {
        targets.frame.ctx.set_cursor_icon(CursorIcon::Text);
    }
}

/// A primary drag: starts a selection or grabs a handle, follows the pointer
/// (scrolling at the edges), and on release opens the tag popup or resizes.
fn drag_ui(
    ui: &egui::Ui,
    state: &mut ReaderState,
    targets: &PointerTargets<'_>,
    pointer: Option<Pos2>,
    intents: &mut Vec<Intent>,
) {
    let (frame, placement, response) = (targets.frame, targets.placement, targets.response);
    if response.drag_started_by(PointerButton::Primary) {
        let origin = frame
            .ctx
            .input(|input| input.pointer.press_origin())
            .or(pointer)
            .unwrap_or(placement.text_origin);
        state.popup = None;
        if let (Some(handle), Some(annotation)) =
            (targets.handle_near(origin), targets.selected_view)
        {
            state.drag = DragMode::Resizing {
                id: annotation.id.clone(),
                fixed: handle.fixed,
            };
            state.selection = Some(TextSelection {
                anchor: handle.fixed,
                caret: handle.moving,
            });
        } else {
            let offset = state.offset_at(&frame.ctx, frame.text, placement.to_text(origin));
            state.drag = DragMode::Selecting;
            state.selection = Some(TextSelection::caret_at(offset));
        }
        response.request_focus();
    }
    if response.dragged_by(PointerButton::Primary)
        && let Some(pos) = pointer
        && state.drag != DragMode::None
    {
        let offset = state.offset_at(&frame.ctx, frame.text, placement.to_text(pos));
        if let Some(selection) = &mut state.selection {
            selection.caret = offset;
        }
        // Scroll while dragging beyond the top or bottom edge.
        let edge = frame.params.line_height_points();
        let clip = placement.clip;
        if pos.y < clip.top() + edge {
            ui.scroll_with_delta(vec2(
                0.0,
                (clip.top() + edge - pos.y).min(DRAG_SCROLL_MAX_POINTS),
            ));
            frame.ctx.request_repaint();
        } else if pos.y > clip.bottom() - edge {
            ui.scroll_with_delta(vec2(
                0.0,
                -(pos.y - clip.bottom() + edge).min(DRAG_SCROLL_MAX_POINTS),
            ));
            frame.ctx.request_repaint();
        }
    }
    if response.drag_stopped() {
        drag_stopped(state, intents);
    }
}

/// The end of a drag: a selection opens the tag popup, a moved end resizes.
fn drag_stopped(state: &mut ReaderState, intents: &mut Vec<Intent>) {
    match std::mem::take(&mut state.drag) {
        DragMode::Selecting => {
            state.open_tag_popup();
        }
        DragMode::Resizing { id, fixed } => {
            if let Some(selection) = state.selection.take() {
                let range = CharRange {
                    start: fixed.min(selection.caret),
                    end: fixed.max(selection.caret),
                };
                let unchanged = state
                    .annotations
                    .position(&id)
                    .map(|index| state.annotations.annotations[index].range)
                    == Some(range);
                if !range.is_empty() && !unchanged {
                    intents.push(Intent::ResizeAnnotation { id, range });
                }
            }
        }
        DragMode::None => {}
    }
}

/// Double-click selects a word and opens the tag popup; a click places the
/// caret (Shift+click extends) and selects the annotation under it; a
/// right-click remembers the annotation under it for the context menu.
fn click_ui(
    state: &mut ReaderState,
    targets: &PointerTargets<'_>,
    pointer: Option<Pos2>,
    intents: &mut Vec<Intent>,
) {
    let (frame, placement, response) = (targets.frame, targets.placement, targets.response);
    let Some(pos) = pointer else {
        return;
    };
    let point = placement.to_text(pos);
    if response.double_clicked() {
        let offset = state.offset_at(&frame.ctx, frame.text, point);
        let word = state.word_at(frame.text, offset);
        state.selection = Some(TextSelection {
            anchor: word.start,
            caret: word.end,
        });
        state.open_tag_popup();
    } else if response.clicked_by(PointerButton::Primary) {
        response.request_focus();
        state.popup = None;
        let shift_held = frame.ctx.input(|input| input.modifiers.shift);
        let offset = state.offset_at(&frame.ctx, frame.text, point);
        match (shift_held, state.selection) {
            (true, Some(selection)) => {
                state.selection = Some(TextSelection {
                    anchor: selection.anchor,
                    caret: offset,
                });
            }
            _ => {
                state.selection = Some(TextSelection::caret_at(offset));
                let under = state.annotations_at_point(&frame.ctx, frame.text, point);
                if under.is_empty() {
                    if frame.selected.is_some() {
                        intents.push(Intent::ClearSelection);
                    }
                } else {
                    // Clicking again cycles through overlapping annotations.
                    let next = frame
                        .selected
                        .and_then(|id| under.iter().position(|a| a == id))
                        .map_or(0, |position| (position + 1) % under.len());
                    intents.push(Intent::SelectAnnotation(under[next].clone()));
                }
            }
        }
    }
    if response.secondary_clicked() {
        state.context_annotation = state
            .annotations_at_point(&frame.ctx, frame.text, point)
            .into_iter()
            .next();
    }
}

/// The codes of the passage under the pointer, in a tooltip.
fn tooltip_ui(state: &mut ReaderState, targets: &PointerTargets<'_>, pointer: Option<Pos2>) {
    let (frame, response) = (targets.frame, targets.response);
    if state.drag != DragMode::None || state.popup.is_some() || !response.contains_pointer() {
        return;
    }
    let Some(pos) = pointer else {
        return;
    };
    let under = state.annotations_at_point(&frame.ctx, frame.text, targets.placement.to_text(pos));
    if !under.is_empty() {
        response.clone().on_hover_ui_at_pointer(|ui| {
            annotation_tooltip_ui(ui, frame.workspace, &under);
        });
    }
}
