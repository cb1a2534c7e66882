//! The documents panel: the project's documents with title, an attributes line
//! (outlet · date · author) and annotation counts, and a fuzzy filter box that
//! matches title, path and attributes.

use crate::app::intent::Intent;
use crate::model::document::{DocumentRecord, attribute};
use crate::model::ids::DocumentId;
use crate::model::workspace::Workspace;
use egui::{Align, Layout, RichText, Role, Sense, WidgetInfo};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::collections::HashMap;

/// Up to this many documents, titles wrap to show in full; beyond, rows are one line.
const FULL_TITLES_UP_TO: usize = 200;
/// Height of the two one-line texts of a compact row.
const COMPACT_CONTENT_POINTS: f32 = 38.0;
/// Inner margin above and below a row's texts.
const ROW_MARGIN_POINTS: f32 = 6.0;

/// Accessible label of the filter box.
pub const FILTER_LABEL: &str = "Filter documents";

/// What the documents panel keeps between frames.
#[derive(Debug, Default)]
pub struct DocumentsPanel {
    /// The filter typed (cleared when another project opens).
    pub filter: String,
}

/// The "outlet · date · author" line under a title.
fn attributes_line(record: &DocumentRecord) -> String {
    [attribute::OUTLET, attribute::DATE, attribute::AUTHOR]
        .iter()
        .filter_map(|key| record.attribute(key))
        .filter(|value| !value.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The text the filter matches against: title, path and all attribute values.
fn haystack(record: &DocumentRecord) -> String {
    let mut text = format!("{} {}", record.title(), record.path);
    for value in record.attributes.values() {
        text.push(' ');
        text.push_str(value);
    }
    text
}

/// Documents matching `filter` (all, in project order, when it is empty),
/// best matches first.
fn filtered_documents<'a>(workspace: &'a Workspace, filter: &str) -> Vec<&'a DocumentRecord> {
    let filter = filter.trim();
    let documents = &workspace.project.documents;
    if filter.is_empty() {
        return documents.iter().collect();
    }
    let matcher = SkimMatcherV2::default().ignore_case();
    let words: Vec<&str> = filter.split_whitespace().collect();
    let mut scored: Vec<(i64, usize, &DocumentRecord)> = documents
        .iter()
        .enumerate()
        .filter_map(|(index, record)| {
            let text = haystack(record);
            // Every word must match; the scores add up.
            words
                .iter()
                .map(|word| matcher.fuzzy_match(&text, word))
                .sum::<Option<i64>>()
                .map(|score| (score, index, record))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, _, record)| record).collect()
}

/// Number of annotations per document.
fn annotation_counts(workspace: &Workspace) -> HashMap<&DocumentId, usize> {
    let mut counts = HashMap::new();
    for annotation in &workspace.project.annotations {
        *counts.entry(&annotation.document).or_insert(0) += 1;
    }
    counts
}

/// The filter box and the matching documents; returns the one clicked (or the
/// best match on Enter) as [`Intent::OpenDocument`].
pub fn documents_ui(
    ui: &mut egui::Ui,
    panel: &mut DocumentsPanel,
    workspace: &Workspace,
    current: Option<&DocumentId>,
) -> Vec<Intent> {
    let mut intents = Vec::new();
    let filter_response = ui
        .add(
            egui::TextEdit::singleline(&mut panel.filter)
                .hint_text("Filter documents…")
                .desired_width(f32::INFINITY),
        )
        .accessible_name(FILTER_LABEL);
    let documents = filtered_documents(workspace, &panel.filter);
    let counts = annotation_counts(workspace);
    if filter_response.lost_focus()
        && ui.input(|i| i.key_pressed(egui::Key::Enter))
        && let Some(first) = documents.first()
    {
        intents.push(Intent::OpenDocument {
            document: first.id.clone(),
            reveal: None,
        });
    }
    ui.add_space(4.0);
    if documents.is_empty() {
        let message = if workspace.project.documents.is_empty() {
            "No documents. Put .txt or .md files in the project folder."
        } else {
            "No document matches the filter."
        };
        ui.label(RichText::new(message).weak());
        return intents;
    }
    let mut row_ui = |ui: &mut egui::Ui, record: &DocumentRecord, compact: bool| {
        let count = counts.get(&record.id).copied().unwrap_or(0);
        let is_current = current == Some(&record.id);
        if document_row_ui(ui, record, count, is_current, compact).clicked() {
            intents.push(Intent::OpenDocument {
                document: record.id.clone(),
                reveal: None,
            });
        }
    };
    let scroll = egui::ScrollArea::vertical()
        .id_salt("documents-list")
        .auto_shrink([false, false]);
    if documents.len() <= FULL_TITLES_UP_TO {
        scroll.show(ui, |ui| {
            for record in &documents {
                row_ui(ui, record, false);
            }
        });
    } else {
        // Many documents: one-line rows of equal height, and only the visible ones are built.
        let row_height = COMPACT_CONTENT_POINTS + 2.0 * ROW_MARGIN_POINTS;
        scroll.show_rows(ui, row_height, documents.len(), |ui, rows| {
            for record in &documents[rows] {
                row_ui(ui, record, true);
            }
        });
    }
    intents
}

/// One row: title (wrapped, or truncated when `compact`), attributes line,
/// annotation count.
fn document_row_ui(
    ui: &mut egui::Ui,
    record: &DocumentRecord,
    annotation_count: usize,
    is_current: bool,
    compact: bool,
) -> egui::Response {
    let title = record.title().to_owned();
    let attributes = attributes_line(record);
    let width = ui.available_width();
    let count_text = annotation_count.to_string();
    let background = ui.painter().add(egui::Shape::Noop);
    let inner = egui::Frame::new()
        .inner_margin(egui::Margin::symmetric(8, ROW_MARGIN_POINTS as i8))
        .corner_radius(6)
        .show(ui, |ui| {
            ui.set_width(width - 16.0);
            if compact {
                ui.set_height(COMPACT_CONTENT_POINTS);
            }
            ui.horizontal(|ui| {
                ui.with_layout(Layout::right_to_left(Align::Min), |ui| {
                    let count_label = RichText::new(&count_text).small();
                    let count_label = if annotation_count == 0 {
                        count_label.weak()
                    } else {
                        count_label.strong()
                    };
                    ui.label(count_label)
                        .on_hover_text(format!("{annotation_count} annotation(s)"));
                    ui.with_layout(Layout::top_down(Align::Min), |ui| {
                        ui.add(
                            egui::Label::new(RichText::new(&title).strong())
                                .wrap_mode(if compact {
                                    egui::TextWrapMode::Truncate
                                } else {
                                    egui::TextWrapMode::Wrap
                                })
                                .selectable(false),
                        );
                        if !attributes.is_empty() {
                            ui.add(
                                egui::Label::new(RichText::new(&attributes).small().weak())
                                    .truncate()
                                    .selectable(false),
                            );
                        }
                    });
                });
            });
        });
    let response = ui.interact(
        inner.response.rect,
        ui.scope_id().with(("document-row", record.id.as_str())),
        Sense::click(),
    );
    let visuals = ui.visuals();
    let fill = if is_current {
        Some(visuals.selection.bg_fill.gamma_multiply(0.55))
    } else if response.hovered() {
        Some(visuals.widgets.hovered.weak_bg_fill.gamma_multiply(0.6))
    } else {
        None
    };
    if let Some(fill) = fill {
        ui.painter().set(
            background,
            egui::Shape::rect_filled(inner.response.rect, 6, fill),
        );
    }
    response.widget_info(|| WidgetInfo::selected(Role::Button, true, is_current, &title));
    response.on_hover_text(&record.path)
}
