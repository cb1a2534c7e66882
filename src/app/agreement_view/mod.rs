//! The agreement view, docked beside the reader (issue 13): pick two or more
//! coders, the topics, the documents and the segment overlap; it shows per
//! topic and overall percent agreement and Cohen's kappa per pair and
//! Krippendorff's alpha (character level), MAXQDA's segment view, and stance,
//! holder and target agreement: the figures `gloss agreement` prints, from the
//! same `model::agreement`. Under them, the disagreement walk-through
//! (`walk.rs`) steps through each run of passages where two coders differ,
//! and settles it (take A, take B, keep both) as one undoable edit.
//!
//! `state.rs` caches the report and the disagreement list per project
//! revision and choices; `figures.rs` draws the tables.

mod figures;
mod state;
mod walk;

pub use figures::{figure_text, percent_text, topic_row_name};
pub use state::AgreementState;
pub use walk::{KEEP_BOTH_LABEL, take_label};

use crate::app::intent::Intent;
use crate::model::ids::{DocumentId, TopicId};
use crate::model::workspace::Workspace;
use egui::RichText;

/// The agreement view. Returns what the user asked for (show a passage, an edit).
pub fn agreement_view_ui(
    ui: &mut egui::Ui,
    state: &mut AgreementState,
    workspace: &Workspace,
) -> Vec<Intent> {
    state.pick_defaults(workspace);
    pickers_ui(ui, state, workspace);
    ui.separator();
    let mut intents = Vec::new();
    egui::ScrollArea::vertical()
        .id_salt("agreement-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            match state.report(workspace) {
                Some(report) => figures::figures_ui(ui, report, workspace),
                None => {
                    ui.label(
                        RichText::new("Pick at least two coders to compare their coding.").weak(),
                    );
                    return;
                }
            }
            ui.add_space(8.0);
            ui.separator();
            intents.extend(walk::walk_ui(ui, state, workspace));
        });
    intents
}

/// Coders (check boxes), topics and documents (menus of check boxes), overlap.
fn pickers_ui(ui: &mut egui::Ui, state: &mut AgreementState, workspace: &Workspace) {
    let names = state.coder_names(workspace).to_vec();
    ui.horizontal_wrapped(|ui| {
        ui.label("Coders");
        if names.len() < 2 {
            ui.label(RichText::new("this project has annotations of fewer than two coders").weak());
        }
        for name in &names {
            let mut on = state.coders.contains(name);
            if ui.checkbox(&mut on, name).changed() {
                state.picked = true;
                if on {
                    state.coders.push(name.clone());
                } else {
                    state.coders.retain(|c| c != name);
                }
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        // The lists are gathered only while their menu is open, not every frame.
        let project = &workspace.project;
        let topics = CheckMenu {
            label: "Topics",
            all: "every topic coded",
            name_of: |id: &TopicId| project.codebook.topic_name(id).to_owned(),
            options: || project.codebook.topics.iter().map(|t| t.id.clone()).collect(),
        };
        check_menu_ui(ui, &topics, &mut state.topics);
        let documents = CheckMenu {
            label: "Documents",
            all: "every document",
            name_of: |id: &DocumentId| {
                let record = project.document(id);
                record.map_or_else(|| id.to_string(), |d| d.path.clone())
            },
            options: || project.documents.iter().map(|d| d.id.clone()).collect(),
        };
        check_menu_ui(ui, &documents, &mut state.documents);
        let name = ui.label("Segment overlap");
        ui.add(
            egui::DragValue::new(&mut state.overlap_percent)
                .range(0.0..=100.0)
                .speed(1.0)
                .suffix(" %"),
        )
        .labelled_by(name.id)
        .on_hover_text(
            "Segment view: a passage is agreed when the other coder's passage shares this share of the chars either covers",
        );
    });
}

/// A menu of check boxes: none checked means `all`.
struct CheckMenu<'a, N, O> {
    /// The menu's name.
    label: &'a str,
    /// What no check means.
    all: &'a str,
    /// An option's name.
    name_of: N,
    /// The options, in menu order.
    options: O,
}

fn check_menu_ui<T, N, O>(ui: &mut egui::Ui, menu: &CheckMenu<'_, N, O>, chosen: &mut Vec<T>)
where
    T: Clone + PartialEq,
    N: Fn(&T) -> String,
    O: Fn() -> Vec<T>,
{
    let name = ui.label(menu.label);
    let shown = match chosen.as_slice() {
        [] => menu.all.to_owned(),
        [one] => (menu.name_of)(one),
        many => format!("{} chosen", many.len()),
    };
    let combo = egui::ComboBox::from_id_salt(("agreement-menu", menu.label))
        .selected_text(shown)
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
        .show_ui(ui, |ui| {
            if ui.selectable_label(chosen.is_empty(), menu.all).clicked() {
                chosen.clear();
            }
            for id in (menu.options)() {
                let mut on = chosen.contains(&id);
                if ui.checkbox(&mut on, (menu.name_of)(&id)).changed() {
                    if on {
                        chosen.push(id);
                    } else {
                        chosen.retain(|c| *c != id);
                    }
                }
            }
        })
        .response
        .labelled_by(name.id);
    let label = menu.label.to_owned();
    ui.ctx()
        .accesskit_node_builder(combo.id, |node| node.set_label(label));
}
