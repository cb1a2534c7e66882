//! "Code the hits": the topics, stance, holder and target to apply, whether to
//! code the hits, their sentences or their paragraphs, and the buttons that
//! apply them to the chosen hits or to all, as one undoable edit.

use super::results::SearchResults;
use super::state::SearchPanelState;
use crate::app::intent::Intent;
use crate::app::widgets::{Picker, actor_picker_ui, stance_picker_ui, topics_checklist_ui};
use crate::model::now_timestamp;
use crate::model::search::autocode::{AutoCodePlan, CodingScope, plan_auto_code};
use crate::model::workspace::Workspace;

/// The collapsible auto-coding form; an applied plan is pushed as one [`Intent::ApplyEdit`].
pub(super) fn coding_ui(
    ui: &mut egui::Ui,
    state: &mut SearchPanelState,
    workspace: &Workspace,
    coder: &str,
    intents: &mut Vec<Intent>,
) {
    egui::CollapsingHeader::new("Code the hits")
        .id_salt("search-coding")
        .default_open(false)
        .show(ui, |ui| {
            codes_ui(ui, state, workspace);
            ui.horizontal_wrapped(|ui| {
                ui.label("Code");
                for scope in CodingScope::ALL {
                    ui.radio_value(&mut state.scope, scope, scope.label());
                }
            });
            let ready = !state.coding.is_empty();
            let Some(results) = &mut state.results else {
                return;
            };
            let Some(only_selected) = apply_buttons_ui(ui, results, ready) else {
                return;
            };
            let hits = results.chosen_hits(only_selected);
            let planned = plan_auto_code(
                workspace,
                &hits,
                state.scope,
                &state.coding,
                coder,
                &now_timestamp(),
            );
            state.message = Some(match planned {
                Ok(plan) => {
                    let message = plan_message(&plan);
                    if !plan.edit.is_noop() {
                        intents.push(Intent::ApplyEdit(Box::new(plan.edit)));
                    }
                    message
                }
                Err(error) => error.to_string(),
            });
        });
}

/// The topics, stance, holder and target pickers.
fn codes_ui(ui: &mut egui::Ui, state: &mut SearchPanelState, workspace: &Workspace) {
    let codebook = &workspace.project.codebook;
    ui.horizontal_wrapped(|ui| {
        topics_checklist_ui(ui, codebook, &mut state.coding.topics);
        let stance = Picker::new("search-coding-stance", Some("no stance"));
        stance_picker_ui(ui, &stance, codebook, &mut state.coding.stance);
        let holder = Picker::new("search-coding-holder", Some("no holder"));
        actor_picker_ui(ui, &holder, codebook, &mut state.coding.holder);
        let target = Picker::new("search-coding-target", Some("no target"));
        actor_picker_ui(ui, &target, codebook, &mut state.coding.target);
    });
}

/// Select all/none and the two Apply buttons; returns `Some(only the selected)` when one was clicked.
fn apply_buttons_ui(ui: &mut egui::Ui, results: &mut SearchResults, ready: bool) -> Option<bool> {
    let (selected, total) = (results.selected_count(), results.hit_count());
    let mut apply = None;
    ui.horizontal_wrapped(|ui| {
        if ui.button("Select all").clicked() {
            results.select_all(true);
        }
        if ui.button("Select none").clicked() {
            results.select_all(false);
        }
        if ui
            .add_enabled(
                ready && selected > 0,
                egui::Button::new(format!("Apply to {selected} selected")),
            )
            .clicked()
        {
            apply = Some(true);
        }
        if ui
            .add_enabled(
                ready && total > 0,
                egui::Button::new(format!("Apply to all {total}")),
            )
            .on_hover_text("One step: Undo removes it all")
            .clicked()
        {
            apply = Some(false);
        }
    });
    apply
}

/// "Coded 3 new and 1 existing passages; 2 already had these codes"
fn plan_message(plan: &AutoCodePlan) -> String {
    let mut message = format!(
        "Coded {} new and {} existing passages",
        plan.created, plan.updated
    );
    if plan.already_coded > 0 {
        message.push_str(&format!("; {} already had these codes", plan.already_coded));
    }
    if plan.unavailable > 0 {
        message.push_str(&format!("; {} hits could not be coded", plan.unavailable));
    }
    message
}
