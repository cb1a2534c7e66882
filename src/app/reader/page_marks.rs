//! Page markers of a paged document (PDF): where a page starts, a thin rule
//! along the top of that row to the end of the measure (and a tick before the
//! page's first char when it starts inside a row), with the page's citation
//! (`p. 12`) at the rule's right end, and an accessibility label.
//!
//! Cheap per frame: only the visible paragraphs are looked at, each with a
//! binary search in the page list; nothing is laid out (the label is one short
//! galley per marker in view) and the text's layout is unchanged.

use crate::app::reader::frame::{Placement, TextFrame};
use crate::app::reader::state::ReaderState;
use crate::app::theme;
use crate::model::structure::PageSpan;
use egui::{Align2, FontId, Painter, Rect, Sense, Stroke, Theme, pos2, vec2};

/// The label's size relative to the reading size.
const LABEL_SCALE: f32 = 0.6;

/// Paints the markers of the pages that start in the visible paragraphs.
pub(super) fn page_marks_ui(
    ui: &egui::Ui,
    painter: &Painter,
    state: &mut ReaderState,
    frame: &TextFrame<'_>,
    placement: &Placement,
) {
    let Some(loaded) = frame.workspace.text(frame.document) else {
        return;
    };
    let pages = &loaded.structure.pages;
    if pages.is_empty() {
        return;
    }
    let theme = if frame.params.dark_mode {
        Theme::Dark
    } else {
        Theme::Light
    };
    let color = theme::text_colors(theme).secondary;
    let font = FontId::proportional(frame.params.font_size_points * LABEL_SCALE);
    let right = placement.text_left + frame.params.wrap_width_points;
    for paragraph in placement.visible.clone() {
        let Some(range) = state.paragraphs.range_of(paragraph) else {
            continue;
        };
        let first = pages.partition_point(|page| page.start < range.start);
        let starts_here = pages[first..]
            .iter()
            .take_while(|page| page.start < range.end || page.start == range.start);
        let marks: Vec<_> = starts_here.cloned().collect();
        if marks.is_empty() {
            continue;
        }
        let top = placement.text_origin.y + state.layouts.top_of(paragraph);
        let galley = state.galley(&frame.ctx, paragraph, frame.text);
        for page in marks {
            let local = galley.as_ref().map_or(Rect::ZERO, |layout| {
                layout.caret_rect(layout.shown_at(page.start))
            });
            let y = top + local.min.y;
            let x = placement.text_left + local.min.x;
            // Inside a row, a tick down it at the page's first char; the rule along the row's top.
            if local.min.x > 0.5 {
                painter.line_segment(
                    [pos2(x, y), pos2(x, y + local.height())],
                    Stroke::new(1.0, color),
                );
            }
            painter.line_segment([pos2(x, y), pos2(right, y)], Stroke::new(1.0, color));
            let citation = PageSpan {
                first: page.label.clone(),
                last: page.label.clone(),
            }
            .citation();
            let label_rect = painter.text(
                pos2(right + 4.0, y),
                Align2::LEFT_CENTER,
                &citation,
                font.clone(),
                color,
            );
            let id = frame.reader_id.with(("page", page.start.0));
            ui.interact(
                label_rect.union(Rect::from_min_size(pos2(x, y - 1.0), vec2(1.0, 2.0))),
                id,
                Sense::hover(),
            );
            frame.ctx.accesskit_node_builder(id, |node| {
                node.set_role(egui::accesskit::Role::Note);
                node.set_label(format!("page {}: {citation}", page.label));
            });
        }
    }
}
