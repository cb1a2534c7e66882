//! The result list: one header row per document (fold, choose all its hits,
//! open it) and one keyword-in-context row per hit (choose it, open it at the
//! hit). Only the rows in view are drawn.

use super::results::{DocumentResult, Row, SearchResults};
use super::snapshot::SnapshotDocument;
use super::state::SearchPanelState;
use crate::app::intent::Intent;
use crate::model::search::{SearchHit, keyword_in_context};
use crate::model::text::CharRange;
use egui::text::LayoutJob;
use egui::{Color32, FontId, RichText, Sense, TextFormat};

/// Fewest chars of context kept on each side of a hit, however narrow the pane.
const MIN_CONTEXT_CHARS: usize = 12;
/// Height of one result row (document header or hit line).
const ROW_HEIGHT_POINTS: f32 = 22.0;

/// How hit lines look, resolved once per frame.
struct HitLineStyle {
    font: FontId,
    text_color: Color32,
    weak_color: Color32,
    hit_color: Color32,
    hit_background: Color32,
    /// Chars of context taken on each side of a hit: enough to fill the line.
    context_chars: usize,
    /// Chars of context kept before a hit, so it stays in view on a narrow panel.
    before_chars: usize,
}

impl HitLineStyle {
    fn of(ui: &egui::Ui) -> Self {
        let font = egui::TextStyle::Body.resolve(ui.style());
        // The context fills the row (about half an em per char); the hit sits at
        // about two fifths of it, so that it stays in view on a narrow pane.
        let row_width = ui.available_width() - 60.0;
        let line_chars = (row_width / (font.size * 0.5)).max(1.0) as usize;
        let visuals = ui.visuals();
        Self {
            text_color: visuals.text_color(),
            weak_color: visuals.weak_text_color(),
            hit_background: visuals.selection.bg_fill,
            hit_color: visuals.strong_text_color(),
            context_chars: line_chars.max(MIN_CONTEXT_CHARS),
            before_chars: (line_chars * 2 / 5).max(MIN_CONTEXT_CHARS),
            font,
        }
    }

    fn format(&self, color: Color32, background: Color32) -> TextFormat {
        TextFormat {
            font_id: self.font.clone(),
            color,
            background,
            ..Default::default()
        }
    }
}

/// The scrolling list of the results shown.
pub(super) fn results_ui(
    ui: &mut egui::Ui,
    state: &mut SearchPanelState,
    intents: &mut Vec<Intent>,
) {
    let Some(results) = &mut state.results else {
        return;
    };
    results.rebuild_rows();
    let mut toggled_document = None;
    let style = HitLineStyle::of(ui);
    let mut opened = None;
    let SearchResults {
        snapshot,
        documents,
        rows,
        opened: opened_before,
        ..
    } = results;
    egui::ScrollArea::vertical()
        .id_salt("search-results")
        .auto_shrink([false, false])
        .show_rows(ui, ROW_HEIGHT_POINTS, rows.len(), |ui, visible| {
            for row in rows[visible].iter().copied() {
                let (Row::Document(d) | Row::Hit(d, _)) = row;
                let Some(document) = documents.get_mut(d) else {
                    continue;
                };
                let Some(source) = snapshot.documents.get(document.position) else {
                    continue;
                };
                match row {
                    Row::Document(_) => {
                        if document_row_ui(ui, document, source, intents) {
                            toggled_document = Some(d);
                        }
                    }
                    Row::Hit(_, h) => {
                        let marked = *opened_before == Some(row);
                        if hit_row_ui(ui, &style, marked, document, h, source, intents) {
                            opened = Some(row);
                        }
                    }
                }
            }
        });
    if opened.is_some() {
        results.opened = opened;
    }
    if let Some(d) = toggled_document {
        results.toggle_expanded(d);
    }
}

/// A document's header row; returns whether its fold button was clicked.
fn document_row_ui(
    ui: &mut egui::Ui,
    document: &mut DocumentResult,
    source: &SnapshotDocument,
    intents: &mut Vec<Intent>,
) -> bool {
    let mut toggled = false;
    ui.horizontal(|ui| {
        ui.set_height(ROW_HEIGHT_POINTS);
        let arrow = if document.expanded { "-" } else { "+" };
        toggled = ui
            .small_button(arrow)
            .on_hover_text("Show or hide the hits")
            .clicked();
        let mut all = document.selected.iter().all(|s| *s);
        let choose_all = ui
            .checkbox(&mut all, "")
            .on_hover_text("Choose every hit of this document");
        ui.ctx().accesskit_node_builder(choose_all.id, |node| {
            node.set_label("Choose every hit of this document");
        });
        if choose_all.changed() {
            document.selected.fill(all);
        }
        let count = document.hits.len();
        ui.weak(if count == 1 {
            "1 hit".to_owned()
        } else {
            format!("{count} hits")
        });
        let title = ui.add(
            egui::Label::new(RichText::new(&source.title).strong())
                .truncate()
                .sense(Sense::click()),
        );
        if title.on_hover_text("Open the document").clicked()
            && let Some(first) = document.hits.first()
        {
            intents.push(show_hit(document, source, first.range));
        }
    });
    toggled
}

/// One hit: its checkbox and its keyword-in-context line (a click opens it;
/// `marked`: the hit the reader shows). Returns whether it was opened.
fn hit_row_ui(
    ui: &mut egui::Ui,
    style: &HitLineStyle,
    marked: bool,
    document: &mut DocumentResult,
    index: usize,
    source: &SnapshotDocument,
    intents: &mut Vec<Intent>,
) -> bool {
    let (Some(hit), Some(selected)) = (
        document.hits.get(index).copied(),
        document.selected.get_mut(index),
    ) else {
        return false;
    };
    if marked {
        let row = egui::Rect::from_min_size(
            ui.cursor().min,
            egui::vec2(ui.available_width(), ROW_HEIGHT_POINTS),
        );
        ui.painter()
            .rect_filled(row, 4, style.hit_background.gamma_multiply(0.35));
    }
    let opened = ui
        .horizontal(|ui| {
            ui.set_height(ROW_HEIGHT_POINTS);
            ui.add_space(22.0);
            let choose = ui.checkbox(selected, "");
            ui.ctx()
                .accesskit_node_builder(choose.id, |node| node.set_label("Choose this hit"));
            let line = ui.add(
                egui::Label::new(hit_line_job(style, source, &hit))
                    .truncate()
                    .sense(Sense::click()),
            );
            line.on_hover_text(format!("Open at char {} in the reader", hit.range.start.0))
                .clicked()
        })
        .inner;
    if opened {
        intents.push(show_hit(document, source, hit.range));
    }
    opened
}

/// Opens `current` in the reader with every hit of its document marked.
fn show_hit(document: &DocumentResult, source: &SnapshotDocument, current: CharRange) -> Intent {
    Intent::ShowSearchHit {
        document: source.id.clone(),
        hits: document.hits.iter().map(|hit| hit.range).collect(),
        current,
    }
}

/// "…context before HIT context after…  (1 edit)"
fn hit_line_job(style: &HitLineStyle, source: &SnapshotDocument, hit: &SearchHit) -> LayoutJob {
    let mut context = keyword_in_context(&source.text, hit.range, style.context_chars).one_line();
    let extra = context
        .before
        .chars()
        .count()
        .saturating_sub(style.before_chars);
    if let Some((cut, _)) = context.before.char_indices().nth(extra) {
        context.before.replace_range(..cut, "");
    }
    let mut job = LayoutJob::default();
    let plain = Color32::TRANSPARENT;
    job.append(
        &format!("…{}", context.before),
        0.0,
        style.format(style.weak_color, plain),
    );
    job.append(
        &context.hit,
        0.0,
        style.format(style.hit_color, style.hit_background),
    );
    job.append(
        &format!("{}…", context.after),
        0.0,
        style.format(style.text_color, plain),
    );
    if hit.edits > 0 {
        job.append(
            &format!(
                "  ({} edit{})",
                hit.edits,
                if hit.edits == 1 { "" } else { "s" }
            ),
            0.0,
            style.format(style.weak_color, plain),
        );
    }
    job
}
