//! [`reader_ui`], the reading view for one frame: the find bar, the scroll area
//! (scrolled to a pending reveal, or corrected when laid-out paragraphs turned
//! out taller than estimated), the text inside it, the find ticks beside it and
//! the tag popup over it.

use crate::app::intent::Intent;
use crate::app::reader::find::{find_bar_ui, find_ticks_ui};
use crate::app::reader::frame::{
    MEASURE_EMS, SIDE_MARGIN_POINTS, TOP_PADDING_POINTS, TextFrame, content_height_points,
};
use crate::app::reader::index::codebook_colors_hash;
use crate::app::reader::margin::lanes_width_points;
use crate::app::reader::params::LayoutParams;
use crate::app::reader::popup::popup_ui;
use crate::app::reader::state::{REVEAL_FRAMES, ReaderSettings, ReaderState};
use crate::app::reader::text_view::text_ui;
use crate::model::ids::{AnnotationId, DocumentId};
use crate::model::workspace::Workspace;
use egui::RichText;

/// Smallest and largest reading size the reader draws, whatever the settings say.
const FONT_RANGE_POINTS: (f32, f32) = (8.0, 48.0);
/// The measure never gets narrower than this many ems.
const MIN_MEASURE_EMS: f32 = 8.0;

/// Shows the document and returns what the user asked for.
pub fn reader_ui(
    ui: &mut egui::Ui,
    state: &mut ReaderState,
    workspace: &Workspace,
    document: &DocumentId,
    settings: &ReaderSettings,
    selected: Option<&AnnotationId>,
) -> Vec<Intent> {
    let mut intents = Vec::new();
    let Some(loaded) = workspace.text(document) else {
        ui.centered_and_justified(|ui| {
            ui.label(RichText::new("The text of this document is not loaded.").weak());
        });
        return intents;
    };
    let text = &loaded.text;
    state.prepare(workspace, document, text);
    let ctx = ui.ctx().clone();
    let params = layout_params(ui, state, workspace, settings);
    state
        .layouts
        .begin_frame(&ctx, params, text, &state.paragraphs);
    let frame = TextFrame {
        ctx,
        reader_id: ui.scope_id().with("gloss-reader"),
        workspace,
        document,
        text,
        params,
        selected,
    };

    if state.find_bar.open {
        find_bar_ui(ui, frame.reader_id.with("find-bar"), state, document, text);
    }
    state.update_find(document, text);
    let scroll_area = scroll_area(ui, state, &frame);
    let output = scroll_area.show_viewport(ui, |ui, viewport| {
        text_ui(ui, viewport, &frame, state, &mut intents);
    });
    state.last_scroll_offset_points = output.state.clamped_offset().y;
    if state.find_bar.open {
        let content_height = content_height_points(&mut state.layouts);
        find_ticks_ui(
            ui,
            state,
            output.inner_rect,
            content_height,
            settings.dark_mode,
        );
    }
    popup_ui(&frame, state, &mut intents);
    intents
}

/// The layout of this frame: the measure fits the room beside the margin bars.
fn layout_params(
    ui: &egui::Ui,
    state: &ReaderState,
    workspace: &Workspace,
    settings: &ReaderSettings,
) -> LayoutParams {
    let font_size_points = settings
        .font_size_points
        .clamp(FONT_RANGE_POINTS.0, FONT_RANGE_POINTS.1);
    let lanes_width = lanes_width_points(state.annotations.lane_count);
    let scrollbar_points = ui.spacing().scroll.allocated_width();
    let room =
        ui.available_width() - scrollbar_points - 2.0 * SIDE_MARGIN_POINTS - 2.0 * lanes_width;
    let wrap_width_points = (font_size_points * MEASURE_EMS)
        .min(room)
        .max(font_size_points * MIN_MEASURE_EMS)
        .round();
    LayoutParams {
        wrap_width_points,
        font_size_points,
        dark_mode: settings.dark_mode,
        pixels_per_point: ui.ctx().pixels_per_point(),
        codebook_colors_hash: codebook_colors_hash(&workspace.project.codebook),
    }
}

/// The reader's scroll area, scrolled to a pending reveal (over a few frames, as
/// estimated heights become exact) or by the correction the last frame asked for.
fn scroll_area(ui: &egui::Ui, state: &mut ReaderState, frame: &TextFrame<'_>) -> egui::ScrollArea {
    let scroll_area = egui::ScrollArea::vertical()
        .id_salt(("gloss-reader-scroll", frame.document.as_str()))
        .auto_shrink(false);
    let view_height = ui.available_height();
    if let Some(range) = state.pending_reveal.take() {
        let first_reveal_frame = state.reveal_frames_left == REVEAL_FRAMES;
        state.reveal_frames_left = state.reveal_frames_left.saturating_sub(1);
        if state.reveal_frames_left > 0 {
            state.pending_reveal = Some(range);
            frame.ctx.request_repaint();
        }
        // Either end may be the higher one (a range from a note to the text after it).
        let first = state.caret_rect(&frame.ctx, frame.text, range.start);
        let last = state.caret_rect(&frame.ctx, frame.text, range.end);
        let start_y = TOP_PADDING_POINTS + first.min.y.min(last.min.y);
        let end_y = TOP_PADDING_POINTS + first.max.y.max(last.max.y);
        let top = state.last_scroll_offset_points;
        let visible = start_y >= top && end_y <= top + view_height;
        state.scroll_correction_points = 0.0;
        if visible && state.geometry.is_some() && first_reveal_frame {
            return scroll_area;
        }
        let offset = if end_y - start_y < view_height * 0.6 {
            start_y - view_height * 0.3
        } else {
            start_y - frame.params.font_size_points * 3.0
        };
        let max_offset = (content_height_points(&mut state.layouts) - view_height).max(0.0);
        scroll_area.vertical_scroll_offset(offset.clamp(0.0, max_offset))
    } else if state.scroll_correction_points != 0.0 {
        let max_offset = (content_height_points(&mut state.layouts) - view_height).max(0.0);
        let offset = state.last_scroll_offset_points + state.scroll_correction_points;
        state.scroll_correction_points = 0.0;
        scroll_area.vertical_scroll_offset(offset.clamp(0.0, max_offset))
    } else {
        scroll_area
    }
}
