//! The dialog that asks what happens to the annotations of a deleted entry:
//! keep them without it, replace it with another entry, or delete them.

use super::entries::entries_of;
use super::state::{CodebookPanel, DeletionChoice, PendingDeletion};
use crate::app::intent::Intent;
use crate::app::widgets::{Picker, choice_picker_ui};
use crate::model::codebook::{Codebook, CodebookKind};
use crate::model::operations::{self, RemovalPolicy};
use crate::model::workspace::Workspace;
use egui::RichText;

/// The dialog, while a deletion waits for the user's choice; returns the deletion's edit.
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
            choices_ui(ui, pending, &project.codebook);
        }
        if pending.kind == CodebookKind::Topic {
            ui.label(RichText::new("Its sub-topics move up one level.").weak());
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui
                .add_enabled(pending.policy().is_some(), egui::Button::new("Delete"))
                .clicked()
                && let Some(policy) = pending.policy()
            {
                match operations::remove(project, pending.kind, &pending.name, &policy) {
                    Ok(edit) => intents.push(Intent::ApplyEdit(Box::new(edit))),
                    Err(error) => intents.push(Intent::ReportError(error.to_string())),
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

impl PendingDeletion {
    /// What the chosen option does to the annotations (`None`: no replacement chosen yet).
    fn policy(&self) -> Option<RemovalPolicy> {
        match (self.users, self.choice) {
            (0, _) | (_, DeletionChoice::Detach) => Some(RemovalPolicy::Detach),
            (_, DeletionChoice::DeleteAnnotations) => Some(RemovalPolicy::DeleteAnnotations),
            (_, DeletionChoice::Replace) => {
                self.replacement.clone().map(RemovalPolicy::ReplaceWith)
            }
        }
    }
}

/// The three options for the annotations that use the entry.
fn choices_ui(ui: &mut egui::Ui, pending: &mut PendingDeletion, codebook: &Codebook) {
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
        let options = entries_of(codebook, pending.kind);
        let chosen_name = pending
            .replacement
            .as_ref()
            .and_then(|r| options.iter().find(|(id, _)| id == r))
            .map(|(_, name)| name.clone());
        let others = options.into_iter().filter(|(id, _)| *id != pending.id);
        let picker = Picker::new("codebook-delete-replacement", None)
            .placeholder("choose…")
            .named("Replacement");
        if choice_picker_ui(
            ui,
            &picker,
            &mut pending.replacement,
            chosen_name.as_deref(),
            others,
        ) {
            pending.choice = DeletionChoice::Replace;
        }
    });
    ui.radio_value(
        &mut pending.choice,
        DeletionChoice::DeleteAnnotations,
        format!("Delete the {} annotation(s)", pending.users),
    );
}
