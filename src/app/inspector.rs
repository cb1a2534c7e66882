//! The inspector: the selected annotation with its exact quote, document and
//! position, all its codes (topics, stance, holder, target) and memo as
//! editable fields, its coder and timestamps, and a delete button.
//!
//! Each change is returned as [`Intent::UpdateAnnotation`]; the memo is sent
//! when its field loses focus, so typing makes one undo step, not one per key.

use crate::app::intent::Intent;
use crate::app::theme;
use crate::model::annotation::Annotation;
use crate::model::ids::{ActorId, AnnotationId, TopicId};
use crate::model::workspace::Workspace;
use egui::{RichText, WidgetInfo};

/// Accessible label of the memo field.
pub const MEMO_LABEL: &str = "Memo of the selected annotation";
/// Label of the delete button.
pub const DELETE_LABEL: &str = "Delete annotation";
/// Quotes longer than this are shortened in the inspector (the full text is in the tooltip).
const QUOTE_PREVIEW_CHARS: usize = 600;

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
}

/// A copy of `annotation` with `change` made and `modified` set to now.
fn changed(annotation: &Annotation, change: impl FnOnce(&mut Annotation)) -> Intent {
    let mut after = annotation.clone();
    change(&mut after);
    after.modified = crate::model::now_timestamp();
    Intent::UpdateAnnotation(Box::new(after))
}

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
    // Refill the memo field for another annotation, or when the memo changed elsewhere (undo).
    if inspector.memo_for.as_ref() != Some(&annotation.id)
        || inspector.memo_source != annotation.memo
    {
        inspector.memo_buffer = annotation.memo.clone();
        inspector.memo_source = annotation.memo.clone();
        inspector.memo_for = Some(annotation.id.clone());
    }
    let codebook = &workspace.project.codebook;

    // The quote.
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
    ui.add_space(6.0);

    ui.add_enabled_ui(!read_only, |ui| {
        egui::Grid::new("inspector-fields")
            .num_columns(2)
            .spacing([10.0, 8.0])
            .show(ui, |ui| {
                ui.label("Topics");
                ui.vertical(|ui| {
                    let mut remove: Option<TopicId> = None;
                    ui.horizontal_wrapped(|ui| {
                        for topic_id in &annotation.topics {
                            let color = codebook
                                .topic(topic_id)
                                .map_or(theme::MISSING_CODE_COLOR, |t| theme::code_color(t.color));
                            let name = codebook.topic_name(topic_id);
                            egui::Frame::new()
                                .fill(color.gamma_multiply(0.25))
                                .stroke(egui::Stroke::new(1.0, color))
                                .corner_radius(10)
                                .inner_margin(egui::Margin::symmetric(7, 1))
                                .show(ui, |ui| {
                                    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
                                    ui.horizontal(|ui| {
                                        ui.spacing_mut().item_spacing.x = 3.0;
                                        ui.label(RichText::new(name).small());
                                        let remove_button = ui
                                            .add(
                                                egui::Button::new(RichText::new("×").small())
                                                    .frame(false),
                                            )
                                            .on_hover_text("Remove this topic");
                                        let remove_label = format!("Remove topic {name}");
                                        remove_button.widget_info(|| {
                                            WidgetInfo::labeled(
                                                egui::Role::Button,
                                                true,
                                                &remove_label,
                                            )
                                        });
                                        if remove_button.clicked() {
                                            remove = Some(topic_id.clone());
                                        }
                                    });
                                });
                        }
                    });
                    if let Some(topic) = remove {
                        intents.push(changed(annotation, |a| a.topics.retain(|t| t != &topic)));
                    }
                    let mut add: Option<TopicId> = None;
                    egui::ComboBox::from_id_salt("inspector-add-topic")
                        .selected_text("Add topic…")
                        .width(ui.available_width().min(220.0))
                        .show_ui(ui, |ui| {
                            for (depth, topic) in codebook.topic_tree() {
                                if annotation.topics.contains(&topic.id) {
                                    continue;
                                }
                                let label = format!("{}{}", "  ".repeat(depth), topic.name);
                                if ui.selectable_label(false, label).clicked() {
                                    add = Some(topic.id.clone());
                                }
                            }
                        })
                        .response
                        .accessible_name("Add topic");
                    if let Some(topic) = add {
                        intents.push(changed(annotation, |a| a.topics.push(topic)));
                    }
                });
                ui.end_row();

                ui.label("Stance");
                let stance_name = annotation
                    .stance
                    .as_ref()
                    .map_or("(none)", |s| codebook.stance_name(s));
                let mut new_stance = None;
                egui::ComboBox::from_id_salt("inspector-stance")
                    .selected_text(stance_name)
                    .show_ui(ui, |ui| {
                        if ui
                            .selectable_label(annotation.stance.is_none(), "(none)")
                            .clicked()
                        {
                            new_stance = Some(None);
                        }
                        for stance in &codebook.stances {
                            let chosen = annotation.stance.as_ref() == Some(&stance.id);
                            if ui.selectable_label(chosen, &stance.name).clicked() {
                                new_stance = Some(Some(stance.id.clone()));
                            }
                        }
                    })
                    .response
                    .accessible_name("Stance");
                if let Some(stance) = new_stance
                    && stance != annotation.stance
                {
                    intents.push(changed(annotation, |a| a.stance = stance));
                }
                ui.end_row();

                for (label, current) in [
                    ("Holder", &annotation.holder),
                    ("Target", &annotation.target),
                ] {
                    ui.label(label);
                    if let Some(actor) = actor_choice_ui(ui, label, workspace, current)
                        && &actor != current
                    {
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

                ui.label("Memo");
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
                ui.end_row();
            });
    });

    ui.add_space(8.0);
    let weak = |text: String| RichText::new(text).small().weak();
    if !annotation.coder.is_empty() {
        ui.label(weak(format!("Coder: {}", annotation.coder)));
    }
    ui.label(weak(format!("Created: {}", annotation.created)));
    if annotation.modified != annotation.created {
        ui.label(weak(format!("Modified: {}", annotation.modified)));
    }
    intents
}

/// A combo box of actors; returns the new choice when one was clicked.
fn actor_choice_ui(
    ui: &mut egui::Ui,
    label: &str,
    workspace: &Workspace,
    current: &Option<ActorId>,
) -> Option<Option<ActorId>> {
    let codebook = &workspace.project.codebook;
    let mut choice = None;
    let selected_text = current
        .as_ref()
        .map_or("(none)", |a| codebook.actor_name(a));
    egui::ComboBox::from_id_salt(("inspector-actor", label))
        .selected_text(selected_text)
        .show_ui(ui, |ui| {
            if ui.selectable_label(current.is_none(), "(none)").clicked() {
                choice = Some(None);
            }
            for actor in &codebook.actors {
                let chosen = current.as_ref() == Some(&actor.id);
                if ui.selectable_label(chosen, &actor.name).clicked() {
                    choice = Some(Some(actor.id.clone()));
                }
            }
        })
        .response
        .accessible_name(label);
    choice
}
