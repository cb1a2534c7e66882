//! The rows in view: a colour bar per topic, the excerpt in its context (the
//! excerpt highlighted, wrapped to two lines; "More" shows all of it), and the
//! document's title with the codes. A click opens the passage in the reader
//! and selects it. Rows are drawn only in view; an expanded row keeps the
//! height it took when last drawn.

use super::state::RetrievalState;
use crate::app::intent::Intent;
use crate::app::widgets::{actors_text, flatten_whitespace, topic_colors, topics_text};
use crate::model::annotation::Annotation;
use crate::model::codebook::Codebook;
use crate::model::workspace::Workspace;
use egui::text::{LayoutJob, TextWrapping};
use egui::{FontId, Sense, TextFormat, Vec2};

/// Chars of context shown on each side of an excerpt in a row.
const ROW_CONTEXT_CHARS: usize = 60;
/// Lines of the excerpt a row shows until "More" is clicked.
const COLLAPSED_LINES: usize = 2;
/// Height of one excerpt line.
const LINE_POINTS: f32 = 19.0;
/// Height of the line with the title and codes, and the padding.
const META_POINTS: f32 = 26.0;
/// Height of a row that is not expanded.
const ROW_HEIGHT_POINTS: f32 = COLLAPSED_LINES as f32 * LINE_POINTS + META_POINTS;

/// The rows of `rows` (indices into the project's annotations) in view.
pub(super) fn rows_ui(
    ui: &mut egui::Ui,
    state: &mut RetrievalState,
    workspace: &Workspace,
    rows: &[usize],
    intents: &mut Vec<Intent>,
) {
    let annotations = &workspace.project.annotations;
    // Tops of the rows (expanded rows are taller); cheap even for 100,000 rows.
    let mut tops = Vec::with_capacity(rows.len() + 1);
    let mut y = 0.0;
    for index in rows {
        tops.push(y);
        y += annotations
            .get(*index)
            .and_then(|a| state.expanded.get(&a.id).copied())
            .unwrap_or(ROW_HEIGHT_POINTS);
    }
    tops.push(y);
    egui::ScrollArea::vertical()
        .id_salt("retrieval-rows")
        .auto_shrink([false, false])
        .show_viewport(ui, |ui, viewport| {
            ui.set_height(y);
            let origin = ui.min_rect().min;
            let width = ui.available_width();
            let first = tops
                .partition_point(|top| *top <= viewport.min.y)
                .saturating_sub(1);
            for (row, index) in rows.iter().enumerate().skip(first) {
                let (Some(top), Some(bottom)) = (tops.get(row), tops.get(row + 1)) else {
                    break;
                };
                if *top > viewport.max.y {
                    break;
                }
                let Some(annotation) = annotations.get(*index) else {
                    continue;
                };
                let rect = egui::Rect::from_min_size(
                    origin + Vec2::new(0.0, *top),
                    Vec2::new(width, bottom - top),
                );
                let mut row_ui = ui.new_child(egui::UiBuilder::new().max_rect(rect).id_salt(row));
                result_row_ui(&mut row_ui, state, workspace, annotation, intents);
            }
        });
}

/// The excerpt in its context, the excerpt highlighted, wrapped to `max_rows`
/// lines (0: all of it).
fn excerpt_job(
    workspace: &Workspace,
    annotation: &Annotation,
    width: f32,
    max_rows: usize,
    ui: &egui::Ui,
) -> LayoutJob {
    let visuals = ui.visuals();
    let font = FontId::proportional(14.0);
    let context_format = TextFormat::simple(font.clone(), visuals.weak_text_color());
    let excerpt_format = TextFormat {
        background: visuals.selection.bg_fill.gamma_multiply(0.45),
        ..TextFormat::simple(font, visuals.strong_text_color())
    };
    let (before, exact, after) = match workspace.text(&annotation.document) {
        Some(loaded) if loaded.text.slice(annotation.range()).is_some() => (
            loaded
                .text
                .context_before(annotation.start, ROW_CONTEXT_CHARS),
            loaded.text.slice(annotation.range()).unwrap_or_default(),
            loaded.text.context_after(annotation.end, ROW_CONTEXT_CHARS),
        ),
        _ => (
            annotation.anchor.prefix.as_str(),
            annotation.anchor.exact.as_str(),
            annotation.anchor.suffix.as_str(),
        ),
    };
    // Keep only the last few words before the excerpt so that it starts near the left.
    let before = flatten_whitespace(before);
    let before_tail: String = {
        let chars: Vec<char> = before.chars().collect();
        chars[chars.len().saturating_sub(24)..].iter().collect()
    };
    let mut job = LayoutJob::default();
    job.append(&format!("…{before_tail} "), 0.0, context_format.clone());
    job.append(&flatten_whitespace(exact), 0.0, excerpt_format);
    job.append(
        &format!(" {}…", flatten_whitespace(after)),
        0.0,
        context_format,
    );
    job.wrap = TextWrapping {
        max_width: width,
        max_rows: if max_rows == 0 { usize::MAX } else { max_rows },
        break_anywhere: false,
        overflow_character: Some('…'),
    };
    job
}

/// "Title · Topic, Topic · stance (holder → target)"
fn meta_line(workspace: &Workspace, codebook: &Codebook, annotation: &Annotation) -> String {
    let title = workspace
        .document(&annotation.document)
        .map_or_else(|| annotation.document.to_string(), |d| d.title().to_owned());
    let mut parts = vec![title];
    let topics = topics_text(codebook, &annotation.topics);
    if !topics.is_empty() {
        parts.push(topics);
    }
    let stance = annotation.stance.as_ref().map(|s| codebook.stance_name(s));
    let actors = actors_text(
        codebook,
        annotation.holder.as_ref(),
        annotation.target.as_ref(),
    );
    match (stance, actors) {
        (Some(s), Some(a)) => parts.push(format!("{s} ({a})")),
        (Some(s), None) => parts.push(s.to_owned()),
        (None, Some(a)) => parts.push(a),
        (None, None) => {}
    }
    parts.join(" · ")
}

fn result_row_ui(
    ui: &mut egui::Ui,
    state: &mut RetrievalState,
    workspace: &Workspace,
    annotation: &Annotation,
    intents: &mut Vec<Intent>,
) {
    let codebook = &workspace.project.codebook;
    let expanded = state.expanded.contains_key(&annotation.id);
    let rect = ui.max_rect();
    let response = ui.interact(rect, ui.scope_id().with("row"), Sense::click());
    if state.opened.as_ref() == Some(&annotation.id) {
        // The passage the reader beside the list shows.
        ui.painter()
            .rect_filled(rect, 4, ui.visuals().selection.bg_fill.gamma_multiply(0.35));
    } else if response.hovered() {
        ui.painter().rect_filled(
            rect,
            4,
            ui.visuals()
                .widgets
                .hovered
                .weak_bg_fill
                .gamma_multiply(0.5),
        );
    }
    // One colour bar per topic along the left edge.
    let colors = topic_colors(codebook, &annotation.topics);
    for (index, color) in colors.iter().enumerate() {
        let bar = egui::Rect::from_min_size(
            egui::pos2(rect.left() + 2.0 + index as f32 * 4.0, rect.top() + 5.0),
            Vec2::new(3.0, rect.height() - 10.0),
        );
        ui.painter().rect_filled(bar, 1, *color);
    }
    let text_left = rect.left() + 8.0 + colors.len().max(1) as f32 * 4.0;
    let more_width = 44.0;
    let text_width = (rect.right() - text_left - 6.0).max(40.0);
    let max_rows = if expanded { 0 } else { COLLAPSED_LINES };
    let galley = ui
        .painter()
        .layout_job(excerpt_job(workspace, annotation, text_width, max_rows, ui));
    let elided = galley.elided;
    let excerpt_height = galley.size().y;
    ui.painter().galley(
        egui::pos2(text_left, rect.top() + 4.0),
        galley,
        ui.visuals().text_color(),
    );
    let meta_top = rect.top()
        + 4.0
        + if expanded {
            excerpt_height
        } else {
            COLLAPSED_LINES as f32 * LINE_POINTS
        };
    let mut meta = LayoutJob::simple_singleline(
        meta_line(workspace, codebook, annotation),
        FontId::proportional(12.0),
        ui.visuals().weak_text_color(),
    );
    meta.wrap = TextWrapping::truncate_at_width((text_width - more_width).max(20.0));
    let galley = ui.painter().layout_job(meta);
    ui.painter().galley(
        egui::pos2(text_left, meta_top + 2.0),
        galley,
        ui.visuals().weak_text_color(),
    );
    let label = annotation.anchor.exact.clone();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    if elided || expanded {
        let more_rect = egui::Rect::from_min_size(
            egui::pos2(rect.right() - more_width, meta_top),
            Vec2::new(more_width - 4.0, 18.0),
        );
        more_ui(ui, state, annotation, more_rect);
    }
    if expanded {
        let height = (excerpt_height + META_POINTS + 4.0).max(ROW_HEIGHT_POINTS);
        if let Some(known) = state.expanded.get_mut(&annotation.id)
            && (*known - height).abs() > 0.5
        {
            *known = height;
            ui.ctx().request_repaint();
        }
    }
    if response.clicked() {
        state.opened = Some(annotation.id.clone());
        intents.push(Intent::OpenDocument {
            document: annotation.document.clone(),
            reveal: Some(annotation.range()),
        });
        intents.push(Intent::SelectAnnotation(annotation.id.clone()));
    }
    response
        .on_hover_text(annotation.memo.trim().to_owned())
        .on_hover_cursor(egui::CursorIcon::PointingHand);
}

/// "More" (show the whole excerpt) or "Less" (fold it) at `rect`.
fn more_ui(
    ui: &mut egui::Ui,
    state: &mut RetrievalState,
    annotation: &Annotation,
    rect: egui::Rect,
) {
    let expanded = state.expanded.contains_key(&annotation.id);
    let text = if expanded { "Less" } else { "More" };
    let more = ui.put(rect, egui::Button::new(text).small().frame(false));
    if more
        .on_hover_text("Show the whole excerpt or fold it")
        .clicked()
    {
        if expanded {
            state.expanded.remove(&annotation.id);
        } else {
            state
                .expanded
                .insert(annotation.id.clone(), ROW_HEIGHT_POINTS);
        }
    }
}
