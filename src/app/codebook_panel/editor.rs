//! The editor of the selected entry below the list: name (rename), parent and
//! merge of a topic, polarity of a stance, kind and owner of an actor
//! (`actor_fields.rs`), colour, description, and the
//! button that asks to delete it. Every change is returned as an edit.

use super::actor_fields::actor_fields_ui;
use super::entries::{describe, description_of, name_of, use_count};
use super::list::SWATCH_POINTS;
use super::state::{CodebookPanel, DeletionChoice, PendingDeletion};
use crate::app::intent::Intent;
use crate::app::theme::code_color;
use crate::app::widgets::{Picker, topic_picker_ui};
use crate::model::codebook::{Codebook, CodebookKind, Color, Stance, Topic};
use crate::model::edit::Edit;
use crate::model::operations;
use crate::model::project::Project;
use egui::{RichText, Role, Sense, Vec2, WidgetInfo};

/// Accessible label of the name field of the selected entry.
pub const NAME_FIELD_LABEL: &str = "Name of the selected entry";
/// Accessible label of the description field of the selected entry.
pub const DESCRIPTION_FIELD_LABEL: &str = "Description of the selected entry";

impl CodebookPanel {
    /// Refills the name and description fields for another entry, or when the
    /// entry changed elsewhere (undo, the palette).
    fn follow(&mut self, kind: CodebookKind, id: &str, name: &str, description: &str) {
        let key = (kind, id.to_owned());
        if self.name_buffer_for.as_ref() != Some(&key) {
            self.name_buffer_for = Some(key);
            self.merge_target = None;
            self.kind_buffer.clear();
            self.name_buffer_source.clear();
            self.description_buffer_source = None;
        }
        if self.name_buffer_source != name {
            self.name_buffer = name.to_owned();
            self.name_buffer_source = name.to_owned();
        }
        if self.description_buffer_source.as_deref() != Some(description) {
            self.description_buffer = description.to_owned();
            self.description_buffer_source = Some(description.to_owned());
        }
    }
}

/// Room the editor's labels ("Merge into") and the grid's spacing take.
const EDITOR_LABEL_POINTS: f32 = 96.0;

/// Editor of the selected entry: name, colour, parent, polarity, merge, delete.
pub(super) fn entry_editor_ui(
    ui: &mut egui::Ui,
    panel: &mut CodebookPanel,
    project: &Project,
    kind: CodebookKind,
    id: &str,
    intents: &mut Vec<Intent>,
) {
    let codebook = &project.codebook;
    let Some(current_name) = name_of(codebook, kind, id) else {
        return;
    };
    let current_description = description_of(codebook, kind, id).unwrap_or_default();
    panel.follow(kind, id, &current_name, &current_description);
    // Fields as wide as the panel leaves beside their labels (a width that does
    // not depend on the grid's own columns, so the grid settles at once).
    let field_width = (ui.available_width() - EDITOR_LABEL_POINTS).max(100.0);
    egui::Grid::new("codebook-editor")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            ui.label("Name");
            rename_ui(ui, panel, project, kind, &current_name, intents);
            ui.end_row();
            match kind {
                CodebookKind::Topic => {
                    topic_fields_ui(ui, panel, project, id, field_width, intents);
                }
                CodebookKind::Stance => stance_fields_ui(ui, project, id, intents),
                CodebookKind::Actor => {
                    actor_fields_ui(ui, panel, project, id, field_width, intents);
                }
            }
        });
    colour_row_ui(ui, codebook, kind, id, intents);
    let description = ui
        .add(
            egui::TextEdit::multiline(&mut panel.description_buffer)
                .hint_text("Description: when to use it…")
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .accessible_name(DESCRIPTION_FIELD_LABEL);
    if description.lost_focus()
        && panel.description_buffer.trim() != current_description
        && let Some(edit) = describe(codebook, kind, id, &panel.description_buffer)
    {
        intents.push(Intent::ApplyEdit(Box::new(edit)));
    }
    ui.add_space(4.0);
    let count = use_count(project, kind, id);
    // Wraps in a narrow panel rather than pushing the button out of it.
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("Used by {count} annotation(s)")).weak());
        if ui.button(format!("Delete {kind}…")).clicked() {
            panel.deletion = Some(PendingDeletion {
                kind,
                id: id.to_owned(),
                name: current_name.clone(),
                users: count,
                choice: DeletionChoice::default(),
                replacement: None,
                just_opened: true,
            });
        }
    });
}

/// The name field and its Rename button (Enter renames too).
fn rename_ui(
    ui: &mut egui::Ui,
    panel: &mut CodebookPanel,
    project: &Project,
    kind: CodebookKind,
    current_name: &str,
    intents: &mut Vec<Intent>,
) {
    ui.horizontal(|ui| {
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut panel.name_buffer)
                    .desired_width(ui.available_width() - 80.0),
            )
            .accessible_name(NAME_FIELD_LABEL);
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let changed = panel.name_buffer.trim() != current_name;
        let rename = ui.add_enabled(changed, egui::Button::new("Rename"));
        if (rename.clicked() || entered) && changed {
            match operations::rename(project, kind, current_name, &panel.name_buffer) {
                Ok(edit) => intents.push(Intent::ApplyEdit(Box::new(edit))),
                Err(error) => intents.push(Intent::ReportError(error.to_string())),
            }
        }
    });
}

/// Parent and merge of a topic.
fn topic_fields_ui(
    ui: &mut egui::Ui,
    panel: &mut CodebookPanel,
    project: &Project,
    id: &str,
    field_width: f32,
    intents: &mut Vec<Intent>,
) {
    let codebook = &project.codebook;
    let Some(topic) = codebook.topic(&id.into()) else {
        return;
    };
    ui.label("Parent");
    let mut parent = topic.parent.clone();
    let picker = Picker::new("topic-parent", Some("(top level)"))
        .named("Parent topic")
        .width(field_width);
    if topic_picker_ui(ui, &picker, codebook, &mut parent, |candidate| {
        !codebook.would_cycle(&topic.id, &candidate.id)
    }) {
        intents.push(Intent::ApplyEdit(Box::new(Edit::Topic {
            before: Some(topic.clone()),
            after: Some(Topic {
                parent,
                ..topic.clone()
            }),
        })));
    }
    ui.end_row();

    ui.label("Merge into");
    // The picker above its button: both fit a narrow panel.
    ui.vertical(|ui| {
        let picker = Picker::new("topic-merge", None)
            .placeholder("choose a topic…")
            .named("Merge into topic")
            .width(field_width);
        topic_picker_ui(
            ui,
            &picker,
            codebook,
            &mut panel.merge_target,
            |candidate| candidate.id != topic.id,
        );
        let merge = ui
            .add_enabled(panel.merge_target.is_some(), egui::Button::new("Merge"))
            .on_hover_text(
                "Annotations with this topic get the chosen one; this topic is removed.",
            );
        if merge.clicked()
            && let Some(target) = panel.merge_target.take()
        {
            let target_name = codebook.topic_name(&target).to_owned();
            match operations::merge_topics(project, &topic.name, &target_name) {
                Ok(edit) => {
                    intents.push(Intent::ApplyEdit(Box::new(edit)));
                    panel.selected = Some((CodebookKind::Topic, target.0.clone()));
                }
                Err(error) => intents.push(Intent::ReportError(error.to_string())),
            }
        }
    });
    ui.end_row();
}

/// Polarity of a stance.
fn stance_fields_ui(ui: &mut egui::Ui, project: &Project, id: &str, intents: &mut Vec<Intent>) {
    let Some(stance) = project.codebook.stance(&id.into()) else {
        return;
    };
    ui.label("Polarity");
    ui.horizontal(|ui| {
        for (polarity, label, tip) in [
            (-2, "-2", "strongly critical"),
            (-1, "-1", "critical"),
            (0, "0", "neutral or mixed"),
            (1, "+1", "supportive"),
            (2, "+2", "strongly supportive"),
        ] {
            let chosen = stance.polarity == polarity;
            if ui
                .selectable_label(chosen, label)
                .on_hover_text(tip)
                .clicked()
                && !chosen
            {
                intents.push(Intent::ApplyEdit(Box::new(Edit::Stance {
                    before: Some(stance.clone()),
                    after: Some(Stance {
                        polarity,
                        ..stance.clone()
                    }),
                })));
            }
        }
    });
    ui.end_row();
}

/// "Colour" and the swatches of a topic or stance, on their own full-width row.
fn colour_row_ui(
    ui: &mut egui::Ui,
    codebook: &Codebook,
    kind: CodebookKind,
    id: &str,
    intents: &mut Vec<Intent>,
) {
    let edit = match kind {
        CodebookKind::Topic => codebook.topic(&id.into()).and_then(|topic| {
            color_choice_ui(ui, topic.color).map(|color| Edit::Topic {
                before: Some(topic.clone()),
                after: Some(Topic {
                    color,
                    ..topic.clone()
                }),
            })
        }),
        CodebookKind::Stance => codebook.stance(&id.into()).and_then(|stance| {
            color_choice_ui(ui, stance.color).map(|color| Edit::Stance {
                before: Some(stance.clone()),
                after: Some(Stance {
                    color,
                    ..stance.clone()
                }),
            })
        }),
        CodebookKind::Actor => None,
    };
    if let Some(edit) = edit {
        intents.push(Intent::ApplyEdit(Box::new(edit)));
    }
}

/// "Colour" and a row of palette swatches; returns the clicked colour if it differs.
fn color_choice_ui(ui: &mut egui::Ui, current: Color) -> Option<Color> {
    let mut chosen = None;
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        ui.label("Colour");
        ui.add_space(8.0);
        let mut colors: Vec<Color> = (0..12).map(Color::palette).collect();
        if !colors.contains(&current) {
            colors.insert(0, current);
        }
        for color in colors {
            let (rect, response) =
                ui.allocate_exact_size(Vec2::splat(SWATCH_POINTS + 6.0), Sense::click());
            let is_current = color == current;
            ui.painter()
                .rect_filled(rect.shrink(2.0), 3, code_color(color));
            if is_current {
                ui.painter().rect_stroke(
                    rect,
                    4,
                    egui::Stroke::new(2.0, ui.visuals().strong_text_color()),
                    egui::StrokeKind::Inside,
                );
            } else if response.hovered() {
                ui.painter().rect_stroke(
                    rect,
                    4,
                    egui::Stroke::new(1.0, ui.visuals().text_color()),
                    egui::StrokeKind::Inside,
                );
            }
            let label = format!("Colour {color}");
            response.widget_info(|| WidgetInfo::selected(Role::Button, true, is_current, &label));
            if response.on_hover_text(color.to_string()).clicked() && !is_current {
                chosen = Some(color);
            }
        }
    });
    chosen
}
