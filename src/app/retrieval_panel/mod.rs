//! The retrieval panel: every coded segment of the corpus, filtered by topic
//! (any of / all of, with or without sub-topics), stance, holder, target,
//! document, document attribute, coder and a text query on excerpt or memo,
//! sorted by document order, topic, date or stance. Each filter value shows
//! how many annotations it would give. A row shows the excerpt in its context,
//! the document's title and the codes; a click opens the passage in the reader.
//! "Export…" offers the export commands; the app exports exactly the rows in
//! view, with this panel's filter (same code as `gloss export`).
//!
//! The filtering itself is `model::query` (pure, shared with the command line);
//! results are cached per filter and project revision (`state.rs`), and the
//! list draws only the rows in view (`rows.rs`), so 100,000 annotations stay
//! smooth. The filter column is `filters.rs`.

mod filters;
mod rows;
mod state;

pub use state::RetrievalState;

use crate::app::commands::{Command, EXPORT_SUBMENU};
use crate::app::intent::Intent;
use crate::model::query::{RetrievalFilter, SortOrder, TextScope};
use crate::model::workspace::Workspace;
use egui::RichText;

/// Accessible name of the text query field (shown as "Find" before it).
pub const FIND_LABEL: &str = "Find in coded passages";
/// Accessible name of the ✕ that drops the analysis cell's passages filter.
pub const SHOW_ALL_LABEL: &str = "Show all passages, not only the cell's";
/// Width of the filter column.
const FILTER_COLUMN_POINTS: f32 = 260.0;
/// Below this width the filters fold into a section above the passages.
const SIDE_BY_SIDE_MIN_POINTS: f32 = 640.0;

/// The retrieval panel. Returns what the user asked for (open a passage, export).
pub fn retrieval_panel_ui(
    ui: &mut egui::Ui,
    state: &mut RetrievalState,
    workspace: &Workspace,
) -> Vec<Intent> {
    let mut intents = Vec::new();
    state.refresh(workspace);
    // Taken out for the frame (the filter column borrows the state); put back at the end.
    let Some(cache) = state.cache.take() else {
        return intents;
    };
    let side_by_side = ui.available_width() >= SIDE_BY_SIDE_MIN_POINTS;
    toolbar_ui(ui, state, side_by_side, &mut intents);
    let codebook = &workspace.project.codebook;
    ui.add(
        egui::Label::new(
            RichText::new(format!(
                "{} of {} annotations · {}",
                cache.counts.matching,
                cache.counts.total,
                state
                    .filter
                    .describe(codebook, &workspace.project.documents)
            ))
            .weak(),
        )
        .wrap(),
    );
    chosen_ui(ui, state, cache.counts.matching);
    ui.separator();
    if side_by_side {
        egui::Panel::left("retrieval-filters")
            .resizable(true)
            .default_size(FILTER_COLUMN_POINTS)
            .size_range(200.0..=360.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("retrieval-filter-scroll")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        filters::filters_ui(ui, state, workspace, &cache.counts);
                    });
            });
    } else if state.show_filters {
        egui::ScrollArea::vertical()
            .id_salt("retrieval-filter-scroll")
            .max_height((ui.available_height() * 0.5).max(80.0))
            .auto_shrink([false, true])
            .show(ui, |ui| {
                filters::filters_ui(ui, state, workspace, &cache.counts);
            });
        ui.separator();
    }
    if cache.rows.is_empty() {
        ui.add_space(12.0);
        ui.label(RichText::new("No coded passage matches these filters.").weak());
    } else {
        rows::rows_ui(ui, state, workspace, &cache.rows, &mut intents);
    }
    state.cache = Some(cache);
    intents
}

/// "Showing the 5 passages behind Economy × supportive ✕" while the filter
/// names exactly which annotations (a drill-down from the analysis view).
fn chosen_ui(ui: &mut egui::Ui, state: &mut RetrievalState, matching: usize) {
    if state.filter.annotation_ids.is_none() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        let passages = if matching == 1 { "passage" } else { "passages" };
        ui.label(format!(
            "Showing the {matching} {passages} behind {}",
            state.chosen_label
        ));
        let clear = ui.small_button("✕");
        ui.ctx()
            .accesskit_node_builder(clear.id, |node| node.set_label(SHOW_ALL_LABEL));
        if clear.on_hover_text(SHOW_ALL_LABEL).clicked() {
            state.filter.annotation_ids = None;
            state.filter.actor_level = None;
        }
    });
}

/// Text query, where it looks, sort order, filters (narrow pane), clear,
/// export; each label before its control.
fn toolbar_ui(
    ui: &mut egui::Ui,
    state: &mut RetrievalState,
    side_by_side: bool,
    intents: &mut Vec<Intent>,
) {
    let filter = &mut state.filter;
    ui.horizontal_wrapped(|ui| {
        let find = ui.label("Find");
        let query = egui::TextEdit::singleline(&mut filter.text)
            .hint_text("words in excerpts or memos")
            .desired_width(180.0);
        let field = ui.add(query).labelled_by(find.id);
        ui.ctx()
            .accesskit_node_builder(field.id, |node| node.set_label(FIND_LABEL));
        let scope_label = ui.label("in");
        let scope = egui::ComboBox::from_id_salt("retrieval-text-scope")
            .selected_text(match filter.text_scope {
                TextScope::ExcerptOrMemo => "excerpt or memo",
                TextScope::Excerpt => "excerpt",
                TextScope::Memo => "memo",
            })
            .show_ui(ui, |ui| {
                ui.selectable_value(
                    &mut filter.text_scope,
                    TextScope::ExcerptOrMemo,
                    "excerpt or memo",
                );
                ui.selectable_value(&mut filter.text_scope, TextScope::Excerpt, "excerpt");
                ui.selectable_value(&mut filter.text_scope, TextScope::Memo, "memo");
            });
        let scope = scope.response.labelled_by(scope_label.id);
        ui.ctx().accesskit_node_builder(scope.id, |node| {
            node.set_label("Look in");
        });
    });
    ui.horizontal_wrapped(|ui| {
        let order_label = ui.label("Order");
        let order = egui::ComboBox::from_id_salt("retrieval-sort")
            .selected_text(filter.sort.label())
            .show_ui(ui, |ui| {
                for order in SortOrder::ALL {
                    ui.selectable_value(&mut filter.sort, order, order.label());
                }
            });
        let order = order.response.labelled_by(order_label.id);
        ui.ctx()
            .accesskit_node_builder(order.id, |node| node.set_label("Order"));
        if !side_by_side {
            let label = if state.show_filters {
                "Hide filters"
            } else {
                "Filters…"
            };
            if ui.selectable_label(state.show_filters, label).clicked() {
                state.show_filters = !state.show_filters;
            }
        }
        if ui
            .add_enabled(!filter.is_empty(), egui::Button::new("Clear filters"))
            .clicked()
        {
            let sort = filter.sort;
            *filter = RetrievalFilter {
                sort,
                ..RetrievalFilter::default()
            };
        }
        // The File ▸ Export commands: the app exports with this panel's filter.
        ui.menu_button("Export…", |ui| {
            for command in Command::ALL
                .into_iter()
                .filter(|c| c.submenu() == Some(EXPORT_SUBMENU))
            {
                if ui.button(command.label()).clicked() {
                    intents.push(Intent::Command(command));
                    ui.close();
                }
            }
        });
    });
}
