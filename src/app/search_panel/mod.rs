//! The corpus search panel (Ctrl+Shift+F): a query box with its options,
//! results grouped by document as keyword-in-context lines, docked beside the
//! reader (a click opens the hit in the reader, marked with the other hits of
//! that document; the context fills the pane's width), checkboxes to choose hits, saved searches, and
//! "code the hits" that applies topics, a stance, its holder and its target to
//! the hits (or their sentences or paragraphs) as one undoable edit.
//!
//! The window never waits for a search: it runs on a background thread
//! (`background.rs`, the one place this panel spawns one) over a snapshot of
//! the corpus texts (`snapshot.rs`), sends each document's hits as soon as they
//! are found, shows progress and stops when cancelled or superseded (every
//! change of the query starts a new search). The folded indexes are built on
//! that thread once per fold options and kept with the snapshot until the
//! documents change.
//!
//! Rooms: `state.rs` (what the panel keeps, starting and receiving searches),
//! `results.rs` (hits per document, chosen hits, rows), `query_form.rs`,
//! `status.rs`, `auto_coding.rs` and `results_list.rs` (the parts drawn).

mod auto_coding;
mod background;
mod query_form;
mod results;
mod results_list;
mod snapshot;
mod state;
mod status;
#[cfg(test)]
mod tests;

pub use query_form::QUERY_FIELD_LABEL;
pub use state::SearchPanelState;

use crate::app::intent::Intent;
use crate::model::workspace::Workspace;

/// Draws the panel (query, saved searches, status, "code the hits"); returns
/// what the app should do. `coder` is written on the annotations that "code
/// the hits" creates. The hits themselves are [`search_results_ui`], docked
/// beside the reader.
pub fn search_panel_ui(
    ui: &mut egui::Ui,
    state: &mut SearchPanelState,
    workspace: &Workspace,
    coder: &str,
) -> Vec<Intent> {
    let mut intents = Vec::new();
    state.receive();
    query_form::query_ui(ui, state);
    search_if_needed(ui, state, workspace);
    query_form::saved_searches_ui(ui, state);
    status::status_ui(ui, state);
    if state
        .results
        .as_ref()
        .is_some_and(|r| !r.documents.is_empty())
    {
        ui.separator();
        auto_coding::coding_ui(ui, state, workspace, coder, &mut intents);
    }
    intents
}

/// The results of the last search, keyword in context, grouped by document;
/// a click opens the hit in the reader with every hit of its document marked.
pub fn search_results_ui(
    ui: &mut egui::Ui,
    state: &mut SearchPanelState,
    workspace: &Workspace,
) -> Vec<Intent> {
    let mut intents = Vec::new();
    state.receive();
    search_if_needed(ui, state, workspace);
    if state
        .results
        .as_ref()
        .is_some_and(|r| !r.documents.is_empty())
    {
        status::status_ui(ui, state);
        ui.separator();
        results_list::results_ui(ui, state, &mut intents);
    } else {
        status::status_ui(ui, state);
        ui.label(
            egui::RichText::new("Search the corpus from the Search tab (Ctrl+Shift+F).").weak(),
        );
    }
    intents
}

/// A changed query, a saved search chosen, or documents added, removed or
/// changed on disk: search again.
fn search_if_needed(ui: &egui::Ui, state: &mut SearchPanelState, workspace: &Workspace) {
    if state.needs_search(workspace) {
        state.start(workspace, ui.ctx());
    }
}
