//! The codebook panel: topics as a tree with colour swatches and use counts,
//! the stance scale and the actors. Everything can be created, renamed and
//! deleted; topics can also be recoloured, re-parented and merged, actors given
//! a kind and an actor they belong to. Deleting an
//! entry that annotations use asks what should happen to them.
//!
//! The panel never changes the project: it builds edits with
//! `model::operations` and returns them as [`Intent::ApplyEdit`], so each change
//! is one undoable step. Rooms: `state.rs` (what it keeps), `entries.rs` (one
//! entry by kind and id), `list.rs` (tabs, new entry, the list), `editor.rs`
//! (the selected entry), `actor_fields.rs` (an actor's kind and owner),
//! `deletion.rs` (the deletion dialog).

mod actor_fields;
mod deletion;
mod editor;
mod entries;
mod list;
mod state;

pub use actor_fields::{BELONGS_TO_PICKER_LABEL, KIND_PICKER_LABEL, OWN_KIND_FIELD_LABEL};
pub use deletion::deletion_dialog_ui;
pub use editor::{DESCRIPTION_FIELD_LABEL, NAME_FIELD_LABEL};
pub use list::{ACTOR_KIND_FILTER_LABEL, NEW_NAME_FIELD_LABEL, TOPIC_COUNTS_CAPTION};
pub use state::CodebookPanel;

use crate::app::intent::Intent;
use crate::model::codebook::CodebookKind;
use crate::model::workspace::Workspace;

/// Height kept for the editor of the selected entry below the list.
const EDITOR_HEIGHT_POINTS: f32 = 320.0;

/// Draws the panel: tabs, the new-entry field, the list, the selected entry's editor.
pub fn codebook_ui(
    ui: &mut egui::Ui,
    panel: &mut CodebookPanel,
    workspace: &Workspace,
) -> Vec<Intent> {
    let mut intents = Vec::new();
    let project = &workspace.project;
    list::tabs_ui(ui, panel);
    ui.separator();
    let kind = panel.tab.kind();
    list::new_entry_ui(ui, panel, project, kind, &mut intents);
    if kind == CodebookKind::Actor {
        list::actor_filter_ui(ui, panel, project);
    }
    ui.add_space(4.0);

    // The list, then the editor of the selected entry below it.
    let selected_here = panel
        .selected
        .as_ref()
        .filter(|(k, id)| *k == kind && entries::name_of(&project.codebook, kind, id).is_some())
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
        .show(ui, |ui| list::entries_ui(ui, panel, project));
    if let Some((kind, id)) = selected_here {
        ui.separator();
        egui::ScrollArea::vertical()
            .id_salt("codebook-editor-scroll")
            .auto_shrink([false, true])
            .show(ui, |ui| {
                editor::entry_editor_ui(ui, panel, project, kind, &id, &mut intents);
            });
    }
    intents
}
