//! The merge conflicts view, docked beside the reader: every conflict the
//! project records (`gloss merge`, git's merge driver) with what it is about
//! (entity, field), ours, theirs and base, and which side the project holds
//! now; "Keep ours" and "Take theirs" resolve it as one undoable edit that
//! also removes the record (`model::merge::resolve`). Codebook entries that
//! share a name after a merge can be unified from here too; they are
//! listed once per project state, not each frame.

use crate::app::commands::Command;
use crate::app::intent::Intent;
use crate::model::merge::conflict::{EntityKind, Kept, MergeConflict};
use crate::model::merge::resolve::{resolve_conflict, side_value};
use crate::model::merge::{NameClash, name_clashes};
use crate::model::project::Project;
use crate::model::workspace::Workspace;
use egui::RichText;
use serde_json::Value;

/// The longest value shown; longer ones are cut.
const VALUE_MAX_CHARS: usize = 300;

/// The accessible name of a resolve button: "Keep ours: annotation ann-1 memo".
pub fn resolve_button_name(side: Kept, conflict: &MergeConflict) -> String {
    let verb = match side {
        Kept::Ours => "Keep ours",
        Kept::Theirs => "Take theirs",
    };
    format!("{verb}: {}", what(conflict))
}

/// "annotation ann-1 memo", "topic topic-x (deleted on one side)".
fn what(conflict: &MergeConflict) -> String {
    let field = conflict
        .field
        .as_deref()
        .unwrap_or("(deleted on one side, changed on the other)");
    if conflict.id.is_empty() {
        format!("{} {field}", conflict.kind)
    } else {
        format!("{} {} {field}", conflict.kind, conflict.id)
    }
}

/// Identifies a project state: revision, codebook sizes and the first
/// document's id (revisions restart at 0 for every project opened).
type ProjectKey = (u64, [usize; 3], Option<String>);

fn project_key(project: &Project) -> ProjectKey {
    let codebook = &project.codebook;
    (
        project.revision,
        [
            codebook.topics.len(),
            codebook.stances.len(),
            codebook.actors.len(),
        ],
        project.documents.first().map(|d| d.id.0.clone()),
    )
}

/// What the view keeps between frames.
#[derive(Debug, Default)]
pub struct ConflictsView {
    /// Same-name codebook entries and the project state they were found in.
    clashes: Option<(ProjectKey, Vec<NameClash>)>,
}

impl ConflictsView {
    /// Codebook entries sharing a name, found again only when the project changed.
    fn clashes(&mut self, project: &Project) -> &[NameClash] {
        let key = project_key(project);
        if self.clashes.as_ref().is_none_or(|(k, _)| *k != key) {
            self.clashes = Some((key, name_clashes(&project.codebook)));
        }
        self.clashes.as_ref().map_or(&[], |(_, c)| c.as_slice())
    }
}

/// The list of conflicts; returns the edits (or errors) asked for.
pub fn conflicts_view_ui(
    ui: &mut egui::Ui,
    view: &mut ConflictsView,
    workspace: &Workspace,
) -> Vec<Intent> {
    let mut intents = Vec::new();
    let project = &workspace.project;
    let clashes = view.clashes(project);
    if !clashes.is_empty() {
        ui.horizontal_wrapped(|ui| {
            let names: Vec<String> = clashes
                .iter()
                .map(|c| format!("{} “{}”", c.kind, c.name))
                .collect();
            ui.label(format!(
                "{} name(s) are shared by entries with different ids: {}",
                clashes.len(),
                names.join(", ")
            ));
            if ui.button(Command::UnifyCodebookNames.label()).clicked() {
                intents.push(Intent::Command(Command::UnifyCodebookNames));
            }
        });
        ui.separator();
    }
    if project.conflicts.is_empty() {
        ui.label(RichText::new("No merge conflicts are recorded.").weak());
        return intents;
    }
    ui.label(format!(
        "{} merge conflict(s): the project holds one side's value; keep it or take the other's (each undoable).",
        project.conflicts.len()
    ));
    egui::ScrollArea::vertical()
        .id_salt("conflicts-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (index, conflict) in project.conflicts.iter().enumerate() {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    conflict_ui(ui, project, index, conflict, &mut intents);
                });
            }
        });
    intents
}

fn conflict_ui(
    ui: &mut egui::Ui,
    project: &Project,
    index: usize,
    conflict: &MergeConflict,
    intents: &mut Vec<Intent>,
) {
    ui.label(RichText::new(entity_text(project, conflict)).strong());
    ui.label(match &conflict.field {
        Some(field) => format!("field: {field}"),
        None => "deleted on one side, changed on the other".to_owned(),
    });
    for (name, side) in [("Ours", Kept::Ours), ("Theirs", Kept::Theirs)] {
        let held = if conflict.kept == side {
            " (held now)"
        } else {
            ""
        };
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("{name}{held}:")).strong());
            ui.label(value_text(side_value(conflict, side)));
        });
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Base:").weak());
        ui.label(RichText::new(value_text(&conflict.base)).weak());
    });
    ui.horizontal(|ui| {
        for (text, side) in [("Keep ours", Kept::Ours), ("Take theirs", Kept::Theirs)] {
            let response = ui.button(text);
            let name = resolve_button_name(side, conflict);
            ui.ctx()
                .accesskit_node_builder(response.id, |node| node.set_label(name));
            if response.clicked() {
                intents.push(match resolve_conflict(project, index, side) {
                    Ok(edit) => Intent::ApplyEdit(Box::new(edit)),
                    Err(error) => Intent::ReportError(format!("Not resolved: {error}")),
                });
            }
        }
    });
}

/// What the conflict is about, in words: "annotation “Health and…” (ann-1)".
fn entity_text(project: &Project, conflict: &MergeConflict) -> String {
    let id = conflict.id.as_str();
    let codebook = &project.codebook;
    let name = match conflict.kind {
        EntityKind::Annotation => project
            .annotation(&id.into())
            .map(|a| format!("“{}”", cut(&a.anchor.exact))),
        EntityKind::Document => project.document(&id.into()).map(|d| d.path.clone()),
        EntityKind::Topic => codebook.topic(&id.into()).map(|t| t.name.clone()),
        EntityKind::Stance => codebook.stance(&id.into()).map(|s| s.name.clone()),
        EntityKind::Actor => codebook.actor(&id.into()).map(|a| a.name.clone()),
        EntityKind::Project => Some("the project file".to_owned()),
    };
    match name {
        Some(name) if id.is_empty() => format!("{} {name}", conflict.kind),
        Some(name) => format!("{} {name} ({id})", conflict.kind),
        None => format!("{} {id}", conflict.kind),
    }
}

/// A recorded value: text as it is, `(absent)` for null, other JSON compact.
fn value_text(value: &Value) -> String {
    match value {
        Value::Null => "(absent)".to_owned(),
        Value::String(text) if text.is_empty() => "(empty)".to_owned(),
        Value::String(text) => cut(text),
        other => cut(&other.to_string()),
    }
}

fn cut(text: &str) -> String {
    if text.chars().count() <= VALUE_MAX_CHARS {
        text.to_owned()
    } else {
        let head: String = text.chars().take(VALUE_MAX_CHARS).collect();
        format!("{head}…")
    }
}
