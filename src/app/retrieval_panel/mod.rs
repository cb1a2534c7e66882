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

/// Width of the filter column.
const FILTER_COLUMN_POINTS: f32 = 260.0;

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
    toolbar_ui(ui, &mut state.filter, &mut intents);
    let codebook = &workspace.project.codebook;
    ui.label(
        RichText::new(format!(
            "{} of {} annotations · {}",
            cache.counts.matching,
            cache.counts.total,
            state
                .filter
                .describe(codebook, &workspace.project.documents)
        ))
        .weak(),
    );
    ui.separator();
    egui::Panel::left("retrieval-filters")
        .resizable(true)
        .default_size(FILTER_COLUMN_POINTS)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("retrieval-filter-scroll")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    filters::filters_ui(ui, state, workspace, &cache.counts);
                });
        });
    if cache.rows.is_empty() {
        ui.add_space(12.0);
        ui.label(RichText::new("No coded passage matches these filters.").weak());
    } else {
        egui::ScrollArea::vertical()
            .id_salt("retrieval-rows")
            .auto_shrink([false, false])
            .show_rows(
                ui,
                rows::ROW_HEIGHT_POINTS,
                cache.rows.len(),
                |ui, range| {
                    for index in &cache.rows[range] {
                        if let Some(annotation) = workspace.project.annotations.get(*index) {
                            rows::result_row_ui(ui, workspace, annotation, &mut intents);
                        }
                    }
                },
            );
    }
    state.cache = Some(cache);
    intents
}

/// Text query, where it looks, sort order, clear, export.
fn toolbar_ui(ui: &mut egui::Ui, filter: &mut RetrievalFilter, intents: &mut Vec<Intent>) {
    ui.horizontal_wrapped(|ui| {
        let query = egui::TextEdit::singleline(&mut filter.text)
            .hint_text("Search excerpts and memos")
            .desired_width(220.0);
        ui.add(query);
        egui::ComboBox::new("retrieval-text-scope", "look in")
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
        egui::ComboBox::new("retrieval-sort", "order")
            .selected_text(filter.sort.label())
            .show_ui(ui, |ui| {
                for order in SortOrder::ALL {
                    ui.selectable_value(&mut filter.sort, order, order.label());
                }
            });
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
