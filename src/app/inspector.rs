//! The inspector: the selected annotation with its exact quote, document and
//! position, all its codes (topics, stance, holder, target) and memo as
//! editable fields, its coder and timestamps, and a delete button.
//!
//! Each change is returned as [`Intent::UpdateAnnotation`]; the memo is sent
//! when its field loses focus, so typing makes one undo step, not one per key.

use crate::app::intent::Intent;
use crate::app::theme::{MISSING_CODE_COLOR, code_color};
use crate::app::widgets::{Picker, actor_picker_ui, stance_picker_ui, topic_picker_ui};
use crate::model::annotation::Annotation;
use crate::model::codebook::Codebook;
use crate::model::ids::{AnnotationId, TopicId};
use crate::model::workspace::Workspace;
use egui::{RichText, WidgetInfo};

/// Accessible label of the memo field.
pub const MEMO_LABEL: &str = "Memo of the selected annotation";
/// Label of the delete button.
pub const DELETE_LABEL: &str = "Delete annotation";
/// Quotes longer than this are shortened in the inspector (the full text is in the tooltip).
const QUOTE_PREVIEW_CHARS: usize = 600;

/// What the inspector keeps between frames: the memo being typed.
#[derive(Debug, Default)]
pub struct Inspector {
    memo_buffer: String,
    memo_for: Option<AnnotationId>,
    /// The memo when the buffer was filled; a different memo now means it
    /// changed elsewhere (undo) and the buffer is refilled.
    memo_source: String,
}

impl Inspector {
    /// The edit for a memo typed but not yet committed (the field still has
    /// focus), so that saving or closing the window keeps it.
    pub fn uncommitted_memo(&self, workspace: &Workspace) -> Option<Intent> {
        let annotation = workspace.annotation(self.memo_for.as_ref()?)?;
        (self.memo_buffer != annotation.memo && self.memo_source == annotation.memo).then(|| {
            let text = self.memo_buffer.clone();
            changed(annotation, |a| a.memo = text)
        })
    }

    /// Refills the memo field for another annotation, or when the memo changed elsewhere (undo).
    fn follow(&mut self, annotation: &Annotation) {
        if self.memo_for.as_ref() != Some(&annotation.id) || self.memo_source != annotation.memo {
            self.memo_buffer = annotation.memo.clone();
            self.memo_source = annotation.memo.clone();
            self.memo_for = Some(annotation.id.clone());
        }
    }
}

/// A copy of `annotation` with `change` made and `modified` set to now.
fn changed(annotation: &Annotation, change: impl FnOnce(&mut Annotation)) -> Intent {
    let mut after = annotation.clone();
    change(&mut after);
    after.modified = crate::model::now_timestamp();
    Intent::UpdateAnnotation(Box::new(after))
}

/// Room the labels of the inspector's fields take (the longest is "Target").
const FIELD_LABEL_POINTS: f32 = 64.0;

/// Draws the selected annotation (or a hint when none is); returns its changes.
pub fn inspector_ui(
    ui: &mut egui::Ui,
    inspector: &mut Inspector,
    workspace: &Workspace,
    selected: Option<&AnnotationId>,
    read_only: bool,
) -> Vec<Intent> {
    let mut intents = Vec::new();
    let Some(annotation) = selected.and_then(|id| workspace.annotation(id)) else {
        inspector.memo_for = None;
        ui.label(
            RichText::new(
                "No annotation selected.\n\nSelect a passage in the reader to code it, or click a highlight to see and edit its codes here.",
            )
            .weak(),
        );
        return intents;
    };
    inspector.follow(annotation);
    quote_ui(ui, annotation);
    header_ui(ui, workspace, annotation, read_only, &mut intents);
    ui.add_space(6.0);
    let codebook = &workspace.project.codebook;
    ui.add_enabled_ui(!read_only, |ui| {
        // The fields wrap inside the panel: the grid never gets wider than it.
        let field_width = (ui.available_width() - FIELD_LABEL_POINTS).max(80.0);
        egui::Grid::new("inspector-fields")
            .num_columns(2)
            .spacing([10.0, 8.0])
            .max_col_width(field_width)
            .show(ui, |ui| {
                ui.label("Topics");
                ui.vertical(|ui| {
                    ui.set_max_width(field_width);
                    topics_field_ui(ui, codebook, annotation, &mut intents);
                });
                ui.end_row();
                codes_fields_ui(ui, codebook, annotation, &mut intents);
                ui.label("Memo");
                ui.vertical(|ui| {
                    ui.set_max_width(field_width);
                    memo_field_ui(ui, inspector, annotation, &mut intents);
                });
                ui.end_row();
            });
    });
    ui.add_space(8.0);
    provenance_ui(ui, annotation);
    intents
}

/// The quote in a frame, shortened when long.
fn quote_ui(ui: &mut egui::Ui, annotation: &Annotation) {
    let quote: String = annotation
        .anchor
        .exact
        .chars()
        .take(QUOTE_PREVIEW_CHARS)
        .collect();
    let shortened = quote.len() < annotation.anchor.exact.len();
    egui::Frame::new()
        .fill(ui.visuals().faint_bg_color)
        .inner_margin(egui::Margin::same(10))
        .corner_radius(6)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let shown = if shortened {
                format!("“{quote}…”")
            } else {
                format!("“{quote}”")
            };
            ui.label(RichText::new(shown).italics());
        });
}

/// The document's title, the position, and the delete button.
fn header_ui(
    ui: &mut egui::Ui,
    workspace: &Workspace,
    annotation: &Annotation,
    read_only: bool,
    intents: &mut Vec<Intent>,
) {
    let document_title = workspace
        .document(&annotation.document)
        .map_or(annotation.document.as_str(), |d| d.title());
    ui.horizontal(|ui| {
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
            if ui
                .add_enabled(!read_only, egui::Button::new(DELETE_LABEL).small())
                .on_hover_text("Delete (Del); undo with Ctrl+Z")
                .clicked()
            {
                intents.push(Intent::DeleteAnnotation(annotation.id.clone()));
            }
            ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
                ui.add(egui::Label::new(RichText::new(document_title).small().strong()).truncate());
                ui.label(
                    RichText::new(format!(
                        "chars {}–{} ({} chars)",
                        annotation.start.0,
                        annotation.end.0,
                        annotation.range().len_chars()
                    ))
                    .small()
                    .weak(),
                );
            });
        });
    });
}

/// The topics as removable chips, and the picker that adds one.
fn topics_field_ui(
    ui: &mut egui::Ui,
    codebook: &Codebook,
    annotation: &Annotation,
    intents: &mut Vec<Intent>,
) {
    let mut remove: Option<TopicId> = None;
    // One chip a line: chips never run out of the panel, long names are shortened.
    ui.vertical(|ui| {
        for topic_id in &annotation.topics {
            if topic_chip_ui(ui, codebook, topic_id) {
                remove = Some(topic_id.clone());
            }
        }
    });
    if let Some(topic) = remove {
        intents.push(changed(annotation, |a| a.topics.retain(|t| t != &topic)));
    }
    let mut add: Option<TopicId> = None;
    let picker = Picker::new("inspector-add-topic", None)
        .placeholder("Add topic…")
        .named("Add topic")
        .width(ui.available_width().min(220.0));
    if topic_picker_ui(ui, &picker, codebook, &mut add, |topic| {
        !annotation.topics.contains(&topic.id)
    }) && let Some(topic) = add
    {
        intents.push(changed(annotation, |a| a.topics.push(topic)));
    }
}

/// One topic as a coloured chip with a × button; returns whether × was clicked.
fn topic_chip_ui(ui: &mut egui::Ui, codebook: &Codebook, topic_id: &TopicId) -> bool {
    let color = codebook
        .topic(topic_id)
        .map_or(MISSING_CODE_COLOR, |t| code_color(t.color));
    let name = codebook.topic_name(topic_id);
    let mut remove = false;
    egui::Frame::new()
        .fill(color.gamma_multiply(0.25))
        .stroke(egui::Stroke::new(1.0, color))
        .corner_radius(10)
        .inner_margin(egui::Margin::symmetric(7, 1))
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.spacing_mut().item_spacing.x = 3.0;
                let name_width = (ui.available_width() - 20.0).max(24.0);
                ui.scope(|ui| {
                    ui.set_max_width(name_width);
                    ui.add(egui::Label::new(RichText::new(name).small()).truncate());
                });
                let remove_button = ui
                    .add(egui::Button::new(RichText::new("×").small()).frame(false))
                    .on_hover_text("Remove this topic");
                let remove_label = format!("Remove topic {name}");
                remove_button
                    .widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, &remove_label));
                remove = remove_button.clicked();
            });
        });
    remove
}

/// The stance, holder and target rows of the grid.
fn codes_fields_ui(
    ui: &mut egui::Ui,
    codebook: &Codebook,
    annotation: &Annotation,
    intents: &mut Vec<Intent>,
) {
    ui.label("Stance");
    let mut stance = annotation.stance.clone();
    let picker = Picker::new("inspector-stance", Some("(none)")).named("Stance");
    if stance_picker_ui(ui, &picker, codebook, &mut stance) {
        intents.push(changed(annotation, |a| a.stance = stance));
    }
    ui.end_row();
    for (label, current) in [
        ("Holder", &annotation.holder),
        ("Target", &annotation.target),
    ] {
        ui.label(label);
        let mut actor = current.clone();
        let picker = Picker::new(("inspector-actor", label), Some("(none)")).named(label);
        if actor_picker_ui(ui, &picker, codebook, &mut actor) {
            let is_holder = label == "Holder";
            intents.push(changed(annotation, |a| {
                if is_holder {
                    a.holder = actor;
                } else {
                    a.target = actor;
                }
            }));
        }
        ui.end_row();
    }
}

/// The memo field; its text is committed when it loses focus.
fn memo_field_ui(
    ui: &mut egui::Ui,
    inspector: &mut Inspector,
    annotation: &Annotation,
    intents: &mut Vec<Intent>,
) {
    let memo = ui
        .add(
            egui::TextEdit::multiline(&mut inspector.memo_buffer)
                .hint_text("Notes on this passage…")
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .accessible_name(MEMO_LABEL);
    if memo.lost_focus() && inspector.memo_buffer != annotation.memo {
        let text = inspector.memo_buffer.clone();
        intents.push(changed(annotation, |a| a.memo = text));
    }
}

/// Coder and timestamps, small and weak.
fn provenance_ui(ui: &mut egui::Ui, annotation: &Annotation) {
    let weak = |text: String| RichText::new(text).small().weak();
    if !annotation.coder.is_empty() {
        ui.label(weak(format!("Coder: {}", annotation.coder)));
    }
    ui.label(weak(format!("Created: {}", annotation.created)));
    if annotation.modified != annotation.created {
        ui.label(weak(format!("Modified: {}", annotation.modified)));
    }
}
