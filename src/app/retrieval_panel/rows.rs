//! One result row: a colour bar per topic, the excerpt in its context (the
//! excerpt highlighted, one line), and the document's title with the codes.
//! A click opens the passage in the reader and selects it.

use crate::app::intent::Intent;
use crate::app::widgets::{actors_text, flatten_whitespace, topic_colors, topics_text};
use crate::model::annotation::Annotation;
use crate::model::codebook::Codebook;
use crate::model::workspace::Workspace;
use egui::text::{LayoutJob, TextWrapping};
use egui::{FontId, Sense, TextFormat, Vec2};

/// Chars of context shown on each side of an excerpt in a row.
const ROW_CONTEXT_CHARS: usize = 60;
/// Height of one result row (two lines of text and padding).
pub(super) const ROW_HEIGHT_POINTS: f32 = 46.0;

/// The excerpt in its context, the excerpt highlighted, cut to one line.
fn excerpt_job(
    workspace: &Workspace,
    annotation: &Annotation,
    width: f32,
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
        max_rows: 1,
        break_anywhere: true,
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

pub(super) fn result_row_ui(
    ui: &mut egui::Ui,
    workspace: &Workspace,
    annotation: &Annotation,
    intents: &mut Vec<Intent>,
) {
    let codebook = &workspace.project.codebook;
    let width = ui.available_width();
    let (rect, response) =
        ui.allocate_exact_size(Vec2::new(width, ROW_HEIGHT_POINTS), Sense::click());
    if response.hovered() {
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
    let text_width = (rect.right() - text_left - 6.0).max(40.0);
    let galley = ui
        .painter()
        .layout_job(excerpt_job(workspace, annotation, text_width, ui));
    ui.painter().galley(
        egui::pos2(text_left, rect.top() + 5.0),
        galley,
        ui.visuals().text_color(),
    );
    let mut meta = LayoutJob::simple_singleline(
        meta_line(workspace, codebook, annotation),
        FontId::proportional(12.0),
        ui.visuals().weak_text_color(),
    );
    meta.wrap = TextWrapping::truncate_at_width(text_width);
    let galley = ui.painter().layout_job(meta);
    ui.painter().galley(
        egui::pos2(text_left, rect.top() + 26.0),
        galley,
        ui.visuals().weak_text_color(),
    );
    let label = annotation.anchor.exact.clone();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    if response.clicked() {
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
