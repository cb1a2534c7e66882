//! The codebook panel: topics as a tree with colour swatches and use counts,
//! the stance scale and the actors. Everything can be created, renamed and
//! deleted; topics can also be recoloured, re-parented and merged. Deleting an
//! entry that annotations use asks what should happen to them.
//!
//! The panel never changes the project: it builds edits with
//! `model::operations` and returns them as [`Intent::ApplyEdit`], so each change
//! is one undoable step.

use crate::app::intent::Intent;
use crate::app::theme;
use crate::model::codebook::{Codebook, CodebookKind, Color};
use crate::model::edit::Edit;
use crate::model::ids::TopicId;
use crate::model::operations::{self, RemovalPolicy};
use crate::model::project::Project;
use crate::model::workspace::Workspace;
use egui::{Align, Color32, Layout, RichText, Role, Sense, Vec2, WidgetInfo};

/// Accessible label of the name field of the selected entry.
pub const NAME_FIELD_LABEL: &str = "Name of the selected entry";
/// Accessible label of the description field of the selected entry.
pub const DESCRIPTION_FIELD_LABEL: &str = "Description of the selected entry";
/// Accessible label of the field that names a new entry.
pub const NEW_NAME_FIELD_LABEL: &str = "Name of a new entry";
/// Size of a colour swatch.
const SWATCH_POINTS: f32 = 12.0;
/// Height kept for the editor of the selected entry below the list.
const EDITOR_HEIGHT_POINTS: f32 = 320.0;
/// Indentation of one level of the topic tree.
const TREE_INDENT_POINTS: f32 = 14.0;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CodebookTab {
    #[default]
    Topics,
    Stances,
    Actors,
}

/// What to do with the annotations that use an entry being deleted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum DeletionChoice {
    #[default]
    Detach,
    Replace,
    DeleteAnnotations,
}

/// A deletion waiting for the user's choice in the dialog.
#[derive(Clone, Debug)]
struct PendingDeletion {
    kind: CodebookKind,
    id: String,
    name: String,
    users: usize,
    choice: DeletionChoice,
    replacement: Option<String>,
    /// The click that opened the dialog must not also count as a click outside it.
    just_opened: bool,
}

#[derive(Debug, Default)]
pub struct CodebookPanel {
    pub tab: CodebookTab,
    /// Topic use counts and what they were counted for, so the tree does not
    /// rescan every annotation each frame.
    topic_counts: Option<(
        CountsKey,
        std::collections::HashMap<crate::model::ids::TopicId, usize>,
    )>,
    /// The selected entry (kind, id).
    pub selected: Option<(CodebookKind, String)>,
    /// Scroll the selected entry into view next frame.
    pub scroll_to_selected: bool,
    name_buffer: String,
    name_buffer_for: Option<(CodebookKind, String)>,
    /// The entry's name when the buffer was filled; a different name now means
    /// it changed elsewhere (undo, the palette) and the buffer is refilled.
    name_buffer_source: String,
    description_buffer: String,
    /// The description when its buffer was filled (see `name_buffer_source`).
    description_buffer_source: Option<String>,
    new_name: String,
    merge_target: Option<TopicId>,
    deletion: Option<PendingDeletion>,
}

impl CodebookPanel {
    /// Selects a topic and scrolls to it.
    pub fn reveal_topic(&mut self, topic: &TopicId) {
        self.tab = CodebookTab::Topics;
        self.selected = Some((CodebookKind::Topic, topic.0.clone()));
        self.scroll_to_selected = true;
    }

    fn is_selected(&self, kind: CodebookKind, id: &str) -> bool {
        self.selected
            .as_ref()
            .is_some_and(|(k, selected)| *k == kind && selected == id)
    }

    fn select(&mut self, kind: CodebookKind, id: &str) {
        self.selected = Some((kind, id.to_string()));
    }
}

fn name_of(codebook: &Codebook, kind: CodebookKind, id: &str) -> Option<String> {
    match kind {
        CodebookKind::Topic => codebook.topic(&id.into()).map(|t| t.name.clone()),
        CodebookKind::Stance => codebook.stance(&id.into()).map(|s| s.name.clone()),
        CodebookKind::Actor => codebook.actor(&id.into()).map(|a| a.name.clone()),
    }
}

fn description_of(codebook: &Codebook, kind: CodebookKind, id: &str) -> Option<String> {
    match kind {
        CodebookKind::Topic => codebook.topic(&id.into()).map(|t| t.description.clone()),
        CodebookKind::Stance => codebook.stance(&id.into()).map(|s| s.description.clone()),
        CodebookKind::Actor => codebook.actor(&id.into()).map(|a| a.description.clone()),
    }
}

/// The edit that gives an entry a new description.
fn describe(codebook: &Codebook, kind: CodebookKind, id: &str, description: &str) -> Option<Edit> {
    let description = description.trim().to_string();
    match kind {
        CodebookKind::Topic => codebook.topic(&id.into()).map(|t| Edit::Topic {
            before: Some(t.clone()),
            after: Some(crate::model::codebook::Topic {
                description,
                ..t.clone()
            }),
        }),
        CodebookKind::Stance => codebook.stance(&id.into()).map(|s| Edit::Stance {
            before: Some(s.clone()),
            after: Some(crate::model::codebook::Stance {
                description,
                ..s.clone()
            }),
        }),
        CodebookKind::Actor => codebook.actor(&id.into()).map(|a| Edit::Actor {
            before: Some(a.clone()),
            after: Some(crate::model::codebook::Actor {
                description,
                ..a.clone()
            }),
        }),
    }
}

/// How many annotations use an entry.
fn use_count(project: &Project, kind: CodebookKind, id: &str) -> usize {
    project
        .annotations
        .iter()
        .filter(|a| match kind {
            CodebookKind::Topic => a.topics.iter().any(|t| t.0 == id),
            CodebookKind::Stance => a.stance.as_ref().is_some_and(|s| s.0 == id),
            CodebookKind::Actor => {
                a.holder.as_ref().is_some_and(|h| h.0 == id)
                    || a.target.as_ref().is_some_and(|t| t.0 == id)
            }
        })
        .count()
}

fn error_intent(error: impl std::fmt::Display) -> Intent {
    Intent::ReportError(error.to_string())
}

pub fn codebook_ui(
    ui: &mut egui::Ui,
    panel: &mut CodebookPanel,
    workspace: &Workspace,
) -> Vec<Intent> {
    let mut intents = Vec::new();
    let project = &workspace.project;
    ui.horizontal(|ui| {
        for (tab, label) in [
            (CodebookTab::Topics, "Topics"),
            (CodebookTab::Stances, "Stances"),
            (CodebookTab::Actors, "Actors"),
        ] {
            ui.selectable_value(&mut panel.tab, tab, label);
        }
    });
    ui.separator();
    let kind = match panel.tab {
        CodebookTab::Topics => CodebookKind::Topic,
        CodebookTab::Stances => CodebookKind::Stance,
        CodebookTab::Actors => CodebookKind::Actor,
    };
    new_entry_ui(ui, panel, project, kind, &mut intents);
    ui.add_space(4.0);

    // The list, then the editor of the selected entry below it.
    let selected_here = panel
        .selected
        .as_ref()
        .filter(|(k, id)| *k == kind && name_of(&project.codebook, kind, id).is_some())
        .cloned();
    let list_height = if selected_here.is_some() {
        (ui.available_height() - EDITOR_HEIGHT_POINTS).max(120.0)
    } else {
        ui.available_height()
    };
    egui::ScrollArea::vertical()
        .id_salt(("codebook-list", panel.tab as u8))
        .max_height(list_height)
        .auto_shrink([false, true])
        .show(ui, |ui| match panel.tab {
            CodebookTab::Topics => topic_tree_ui(ui, panel, project),
            CodebookTab::Stances => {
                for stance in &project.codebook.stances {
                    let count = use_count(project, CodebookKind::Stance, stance.id.as_str());
                    let detail = match stance.polarity.signum() {
                        1 => format!("+{}", stance.polarity),
                        _ => stance.polarity.to_string(),
                    };
                    entry_row_ui(
                        ui,
                        panel,
                        CodebookKind::Stance,
                        stance.id.as_str(),
                        &stance.name,
                        Some(theme::code_color(stance.color)),
                        0,
                        &format!("{detail}   {count}"),
                        &stance.description,
                    );
                }
            }
            CodebookTab::Actors => {
                for actor in &project.codebook.actors {
                    let count = use_count(project, CodebookKind::Actor, actor.id.as_str());
                    entry_row_ui(
                        ui,
                        panel,
                        CodebookKind::Actor,
                        actor.id.as_str(),
                        &actor.name,
                        None,
                        0,
                        &count.to_string(),
                        &actor.description,
                    );
                }
            }
        });
    if let Some((kind, id)) = selected_here {
        ui.separator();
        egui::ScrollArea::vertical()
            .id_salt("codebook-editor-scroll")
            .auto_shrink([false, true])
            .show(ui, |ui| {
                entry_editor_ui(ui, panel, project, kind, &id, &mut intents)
            });
    }
    intents
}

/// The "new entry" field with its Add button(s).
fn new_entry_ui(
    ui: &mut egui::Ui,
    panel: &mut CodebookPanel,
    project: &Project,
    kind: CodebookKind,
    intents: &mut Vec<Intent>,
) {
    ui.horizontal(|ui| {
        let hint = match kind {
            CodebookKind::Topic => "New topic…",
            CodebookKind::Stance => "New stance…",
            CodebookKind::Actor => "New actor…",
        };
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut panel.new_name)
                    .hint_text(hint)
                    .desired_width(ui.available_width() - 60.0),
            )
            .accessible_name(NEW_NAME_FIELD_LABEL);
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let add = ui.add_enabled(!panel.new_name.trim().is_empty(), egui::Button::new("Add"));
        if (add.clicked() || entered) && !panel.new_name.trim().is_empty() {
            let name = panel.new_name.trim().to_string();
            let result = match kind {
                CodebookKind::Topic => {
                    operations::add_topic(project, &name, None, None).map(|(e, id)| (e, id.0))
                }
                CodebookKind::Stance => {
                    operations::add_stance(project, &name, 0, None).map(|(e, id)| (e, id.0))
                }
                CodebookKind::Actor => {
                    operations::add_actor(project, &name).map(|(e, id)| (e, id.0))
                }
            };
            match result {
                Ok((edit, id)) => {
                    intents.push(Intent::ApplyEdit(Box::new(edit)));
                    panel.new_name.clear();
                    panel.select(kind, &id);
                    panel.scroll_to_selected = true;
                }
                Err(error) => intents.push(error_intent(error)),
            }
        }
    });
}

/// Identifies a project state: revision, annotation count and first document id
/// (revisions restart at 0 for every project opened).
type CountsKey = (u64, usize, Option<String>);

fn counts_key(project: &Project) -> CountsKey {
    (
        project.revision,
        project.annotations.len(),
        project.documents.first().map(|d| d.id.0.clone()),
    )
}

fn topic_tree_ui(ui: &mut egui::Ui, panel: &mut CodebookPanel, project: &Project) {
    if project.codebook.topics.is_empty() {
        ui.label(RichText::new("No topics yet. Name one above and press Add.").weak());
    }
    let key = counts_key(project);
    if panel
        .topic_counts
        .as_ref()
        .is_none_or(|(counted, _)| *counted != key)
    {
        panel.topic_counts = Some((key, project.topic_use_counts()));
    }
    // Taken out while rows borrow the panel, put back after the loop.
    let (counted_at, counts) = panel.topic_counts.take().unwrap_or_default();
    for (depth, topic) in project.codebook.topic_tree() {
        let count = counts.get(&topic.id).copied().unwrap_or(0);
        entry_row_ui(
            ui,
            panel,
            CodebookKind::Topic,
            topic.id.as_str(),
            &topic.name,
            Some(theme::code_color(topic.color)),
            depth,
            &count.to_string(),
            &topic.description,
        );
    }
    panel.topic_counts = Some((counted_at, counts));
}

/// One selectable row: swatch, name, and a right-aligned detail (the count).
#[allow(clippy::too_many_arguments)]
fn entry_row_ui(
    ui: &mut egui::Ui,
    panel: &mut CodebookPanel,
    kind: CodebookKind,
    id: &str,
    name: &str,
    color: Option<Color32>,
    depth: usize,
    detail: &str,
    description: &str,
) {
    let selected = panel.is_selected(kind, id);
    let row_height = 24.0;
    let (rect, response) =
        ui.allocate_exact_size(Vec2::new(ui.available_width(), row_height), Sense::click());
    let visuals = ui.visuals();
    if selected {
        ui.painter()
            .rect_filled(rect, 4, visuals.selection.bg_fill.gamma_multiply(0.6));
    } else if response.hovered() {
        ui.painter().rect_filled(
            rect,
            4,
            visuals.widgets.hovered.weak_bg_fill.gamma_multiply(0.5),
        );
    }
    let mut x = rect.left() + 6.0 + depth as f32 * TREE_INDENT_POINTS;
    if let Some(color) = color {
        let swatch = egui::Rect::from_center_size(
            egui::pos2(x + SWATCH_POINTS / 2.0, rect.center().y),
            Vec2::splat(SWATCH_POINTS),
        );
        ui.painter().rect_filled(swatch, 3, color);
        x += SWATCH_POINTS + 8.0;
    }
    let text_color = visuals.text_color();
    let detail_galley = ui.painter().layout_no_wrap(
        detail.to_string(),
        egui::TextStyle::Small.resolve(ui.style()),
        visuals.weak_text_color(),
    );
    let name_width = (rect.right() - 10.0 - detail_galley.size().x - x - 6.0).max(10.0);
    let mut job = egui::text::LayoutJob::simple_singleline(
        name.to_string(),
        egui::TextStyle::Body.resolve(ui.style()),
        text_color,
    );
    job.wrap = egui::text::TextWrapping::truncate_at_width(name_width);
    let name_galley = ui.painter().layout_job(job);
    ui.painter().galley(
        egui::pos2(x, rect.center().y - name_galley.size().y / 2.0),
        name_galley,
        text_color,
    );
    ui.painter().galley(
        egui::pos2(
            rect.right() - 8.0 - detail_galley.size().x,
            rect.center().y - detail_galley.size().y / 2.0,
        ),
        detail_galley,
        visuals.weak_text_color(),
    );
    response.widget_info(|| WidgetInfo::selected(Role::Button, true, selected, name));
    if selected && panel.scroll_to_selected {
        response.scroll_to_me(Some(Align::Center));
        panel.scroll_to_selected = false;
    }
    let response = if description.is_empty() {
        response
    } else {
        response.on_hover_text(description)
    };
    if response.clicked() {
        panel.select(kind, id);
    }
}

/// Editor of the selected entry: name, colour, parent, polarity, merge, delete.
fn entry_editor_ui(
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
    let key = (kind, id.to_string());
    if panel.name_buffer_for.as_ref() != Some(&key) {
        panel.name_buffer_for = Some(key);
        panel.merge_target = None;
        panel.name_buffer_source.clear();
        panel.description_buffer_source = None;
    }
    if panel.name_buffer_source != current_name {
        panel.name_buffer = current_name.clone();
        panel.name_buffer_source = current_name.clone();
    }
    let current_description = description_of(codebook, kind, id).unwrap_or_default();
    if panel.description_buffer_source.as_ref() != Some(&current_description) {
        panel.description_buffer = current_description.clone();
        panel.description_buffer_source = Some(current_description.clone());
    }
    egui::Grid::new("codebook-editor")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            ui.label("Name");
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
                    match operations::rename(project, kind, &current_name, &panel.name_buffer) {
                        Ok(edit) => intents.push(Intent::ApplyEdit(Box::new(edit))),
                        Err(error) => intents.push(error_intent(error)),
                    }
                }
            });
            ui.end_row();

            match kind {
                CodebookKind::Topic => topic_fields_ui(ui, panel, project, id, intents),
                CodebookKind::Stance => stance_fields_ui(ui, project, id, intents),
                CodebookKind::Actor => {}
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
    ui.horizontal(|ui| {
        ui.label(RichText::new(format!("Used by {count} annotation(s)")).weak());
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if ui.button(format!("Delete {kind}…")).clicked() {
                panel.deletion = Some(PendingDeletion {
                    kind,
                    id: id.to_string(),
                    name: current_name.clone(),
                    users: count,
                    choice: DeletionChoice::default(),
                    replacement: None,
                    just_opened: true,
                });
            }
        });
    });
}

/// Colour, parent and merge of a topic.
fn topic_fields_ui(
    ui: &mut egui::Ui,
    panel: &mut CodebookPanel,
    project: &Project,
    id: &str,
    intents: &mut Vec<Intent>,
) {
    let codebook = &project.codebook;
    let Some(topic) = codebook.topic(&id.into()) else {
        return;
    };
    ui.label("Parent");
    let parent_name = topic
        .parent
        .as_ref()
        .map_or("(top level)", |p| codebook.topic_name(p));
    let mut new_parent: Option<Option<TopicId>> = None;
    egui::ComboBox::from_id_salt("topic-parent")
        .selected_text(parent_name)
        .width(ui.available_width() - 8.0)
        .show_ui(ui, |ui| {
            if ui
                .selectable_label(topic.parent.is_none(), "(top level)")
                .clicked()
            {
                new_parent = Some(None);
            }
            for (depth, candidate) in codebook.topic_tree() {
                if codebook.would_cycle(&topic.id, &candidate.id) {
                    continue;
                }
                let label = format!("{}{}", "  ".repeat(depth), candidate.name);
                let is_parent = topic.parent.as_ref() == Some(&candidate.id);
                if ui.selectable_label(is_parent, label).clicked() {
                    new_parent = Some(Some(candidate.id.clone()));
                }
            }
        })
        .response
        .accessible_name("Parent topic");
    if let Some(parent) = new_parent
        && parent != topic.parent
    {
        let mut after = topic.clone();
        after.parent = parent;
        intents.push(Intent::ApplyEdit(Box::new(Edit::Topic {
            before: Some(topic.clone()),
            after: Some(after),
        })));
    }
    ui.end_row();

    ui.label("Merge into");
    ui.horizontal(|ui| {
        let target_name = panel
            .merge_target
            .as_ref()
            .map_or("choose a topic…", |t| codebook.topic_name(t));
        egui::ComboBox::from_id_salt("topic-merge")
            .selected_text(target_name)
            .width(ui.available_width() - 80.0)
            .show_ui(ui, |ui| {
                for (depth, candidate) in codebook.topic_tree() {
                    if candidate.id == topic.id {
                        continue;
                    }
                    let label = format!("{}{}", "  ".repeat(depth), candidate.name);
                    let chosen = panel.merge_target.as_ref() == Some(&candidate.id);
                    if ui.selectable_label(chosen, label).clicked() {
                        panel.merge_target = Some(candidate.id.clone());
                    }
                }
            })
            .response
            .accessible_name("Merge into topic");
        let merge = ui
            .add_enabled(panel.merge_target.is_some(), egui::Button::new("Merge"))
            .on_hover_text(
                "Annotations with this topic get the chosen one; this topic is removed.",
            );
        if merge.clicked()
            && let Some(target) = panel.merge_target.take()
        {
            let target_name = codebook.topic_name(&target).to_string();
            match operations::merge_topics(project, &topic.name, &target_name) {
                Ok(edit) => {
                    intents.push(Intent::ApplyEdit(Box::new(edit)));
                    panel.selected = Some((CodebookKind::Topic, target.0.clone()));
                }
                Err(error) => intents.push(error_intent(error)),
            }
        }
    });
    ui.end_row();
}

/// Colour and polarity of a stance.
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
                let mut after = stance.clone();
                after.polarity = polarity;
                intents.push(Intent::ApplyEdit(Box::new(Edit::Stance {
                    before: Some(stance.clone()),
                    after: Some(after),
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
                after: Some(crate::model::codebook::Topic {
                    color,
                    ..topic.clone()
                }),
            })
        }),
        CodebookKind::Stance => codebook.stance(&id.into()).and_then(|stance| {
            color_choice_ui(ui, stance.color).map(|color| Edit::Stance {
                before: Some(stance.clone()),
                after: Some(crate::model::codebook::Stance {
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
                .rect_filled(rect.shrink(2.0), 3, theme::code_color(color));
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

/// The dialog that asks what happens to annotations of a deleted entry.
pub fn deletion_dialog_ui(
    ctx: &egui::Context,
    panel: &mut CodebookPanel,
    workspace: &Workspace,
) -> Vec<Intent> {
    let mut intents = Vec::new();
    let Some(pending) = panel.deletion.as_mut() else {
        return intents;
    };
    let project = &workspace.project;
    let mut close = false;
    let modal = egui::Modal::new(egui::Id::unique("codebook-delete")).show(ctx, |ui| {
        ui.set_width(420.0);
        ui.heading(format!("Delete {} “{}”?", pending.kind, pending.name));
        ui.add_space(4.0);
        if pending.users == 0 {
            ui.label("No annotation uses it.");
        } else {
            ui.label(format!(
                "{} annotation(s) use it. What should happen to them?",
                pending.users
            ));
            ui.radio_value(
                &mut pending.choice,
                DeletionChoice::Detach,
                format!("Keep the annotations, without this {}", pending.kind),
            );
            ui.horizontal(|ui| {
                ui.radio_value(
                    &mut pending.choice,
                    DeletionChoice::Replace,
                    "Replace it with",
                );
                let options: Vec<(String, String)> = match pending.kind {
                    CodebookKind::Topic => project
                        .codebook
                        .topics
                        .iter()
                        .map(|t| (t.id.0.clone(), t.name.clone()))
                        .collect(),
                    CodebookKind::Stance => project
                        .codebook
                        .stances
                        .iter()
                        .map(|s| (s.id.0.clone(), s.name.clone()))
                        .collect(),
                    CodebookKind::Actor => project
                        .codebook
                        .actors
                        .iter()
                        .map(|a| (a.id.0.clone(), a.name.clone()))
                        .collect(),
                };
                let selected_name = pending
                    .replacement
                    .as_ref()
                    .and_then(|r| options.iter().find(|(id, _)| id == r))
                    .map_or("choose…".to_string(), |(_, name)| name.clone());
                egui::ComboBox::from_id_salt("codebook-delete-replacement")
                    .selected_text(selected_name)
                    .show_ui(ui, |ui| {
                        for (option_id, option_name) in &options {
                            if *option_id == pending.id {
                                continue;
                            }
                            let chosen = pending.replacement.as_ref() == Some(option_id);
                            if ui.selectable_label(chosen, option_name).clicked() {
                                pending.replacement = Some(option_id.clone());
                                pending.choice = DeletionChoice::Replace;
                            }
                        }
                    })
                    .response
                    .accessible_name("Replacement");
            });
            ui.radio_value(
                &mut pending.choice,
                DeletionChoice::DeleteAnnotations,
                format!("Delete the {} annotation(s)", pending.users),
            );
        }
        if pending.kind == CodebookKind::Topic {
            ui.label(RichText::new("Its sub-topics move up one level.").weak());
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let policy = match (pending.users, pending.choice) {
                (0, _) => Some(RemovalPolicy::Detach),
                (_, DeletionChoice::Detach) => Some(RemovalPolicy::Detach),
                (_, DeletionChoice::DeleteAnnotations) => Some(RemovalPolicy::DeleteAnnotations),
                (_, DeletionChoice::Replace) => {
                    pending.replacement.clone().map(RemovalPolicy::ReplaceWith)
                }
            };
            if ui
                .add_enabled(policy.is_some(), egui::Button::new("Delete"))
                .clicked()
                && let Some(policy) = policy
            {
                match operations::remove(project, pending.kind, &pending.name, &policy) {
                    Ok(edit) => intents.push(Intent::ApplyEdit(Box::new(edit))),
                    Err(error) => intents.push(error_intent(error)),
                }
                close = true;
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
    });
    let just_opened = std::mem::replace(&mut pending.just_opened, false);
    if close || (modal.should_close() && !just_opened) {
        panel.deletion = None;
    }
    intents
}
