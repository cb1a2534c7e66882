//! The docked views: coded passages (retrieval) and corpus-search results open
//! as tabs of one pane beside the reader (or under it in a narrow window, see
//! `responsive.rs`), never over it. Which tabs are open, the active one and
//! the pane's size are window preferences (eframe storage). The analysis view
//! docks here too; a click on its cell shows the passages behind it in the
//! coded-passages tab. So do the comparison of two coders, the agreement view
//! and the merge conflicts.
//!
//! Escape while working in the pane (after a click in it) gives the keyboard
//! back to the reader; the tab's × closes it.

use super::app::GlossApp;
use super::responsive::DockView;
use crate::app::agreement_view::agreement_view_ui;
use crate::app::analysis_view::{AnalysisIntent, analysis_view_ui};
use crate::app::coder_compare::coder_compare_ui;
use crate::app::conflicts_view::conflicts_view_ui;
use crate::app::intent::Intent;
use crate::app::retrieval_panel::retrieval_panel_ui;
use crate::app::search_panel::search_results_ui;
use egui::{Key, Modifiers, RichText};

/// What the tab strip was asked to do.
enum TabAction {
    Show(DockView),
    Close(DockView),
}

impl GlossApp {
    /// The pane: its tab strip, then the shown view.
    pub(super) fn dock_ui(&mut self, ui: &mut egui::Ui, intents: &mut Vec<Intent>) {
        let shown = self.preferences.dock.shown();
        let mut action = None;
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            for view in self.preferences.dock.open.clone() {
                let tab = ui.selectable_label(shown == Some(view), view.title());
                if tab.clicked() {
                    action = Some(TabAction::Show(view));
                }
                let close_label = format!("Close {}", view.title().to_lowercase());
                let close = ui.small_button("×");
                ui.ctx()
                    .accesskit_node_builder(close.id, |node| node.set_label(close_label.clone()));
                let close = close.on_hover_text(close_label);
                if close.clicked() {
                    action = Some(TabAction::Close(view));
                }
                ui.add_space(8.0);
            }
        });
        ui.separator();
        match action {
            Some(TabAction::Show(view)) => self.preferences.dock.active = Some(view),
            Some(TabAction::Close(view)) => self.preferences.dock.close(view),
            None => {}
        }
        let Some(session) = &self.session else {
            ui.label(RichText::new("No project open.").weak());
            return;
        };
        match self.preferences.dock.shown() {
            Some(DockView::CodedPassages) => {
                self.retrieval.set_current_coder(&self.coder);
                intents.extend(retrieval_panel_ui(
                    ui,
                    &mut self.retrieval,
                    &session.workspace,
                ));
            }
            Some(DockView::SearchResults) => {
                intents.extend(search_results_ui(
                    ui,
                    &mut self.search_panel,
                    &session.workspace,
                ));
            }
            Some(DockView::Analysis) => {
                let asked = analysis_view_ui(
                    ui,
                    &mut self.analysis,
                    &mut self.analysis_chart,
                    &session.workspace,
                    &self.retrieval.filter,
                );
                for intent in asked {
                    match intent {
                        AnalysisIntent::DrillDown {
                            ids,
                            label,
                            actor_level,
                        } => {
                            self.retrieval.show_exactly(ids, label);
                            self.retrieval.filter.actor_level = actor_level;
                            self.preferences.dock.open(DockView::CodedPassages);
                        }
                        AnalysisIntent::ExportFigure { figure, format } => {
                            self.export_figure(figure, format);
                        }
                        AnalysisIntent::Export(file) => self.export_analysis_table(file),
                    }
                }
            }
            Some(DockView::CompareCoders) => {
                let coders = self.project_coders.refresh(&session.workspace);
                intents.extend(coder_compare_ui(
                    ui,
                    &mut self.coder_compare,
                    &session.workspace,
                    coders,
                    &self.coder,
                ));
            }
            Some(DockView::Agreement) => {
                intents.extend(agreement_view_ui(
                    ui,
                    &mut self.agreement,
                    &session.workspace,
                ));
            }
            Some(DockView::Conflicts) => intents.extend(conflicts_view_ui(
                ui,
                &mut self.conflicts_view,
                &session.workspace,
            )),
            None => {}
        }
    }

    /// Escape in an open drawer closes it; Escape after working in the pane
    /// gives the keyboard back to the reader. Runs before the
    /// shortcuts, so that Escape here does not also clear the selection.
    pub(super) fn handle_dock_escape(&mut self, ctx: &egui::Context) {
        let pointer_pressed_at = ctx.input(|input| {
            input
                .pointer
                .any_pressed()
                .then(|| input.pointer.interact_pos())
                .flatten()
        });
        if let Some(at) = pointer_pressed_at {
            self.working_in_dock = self.layout_rects.dock.is_some_and(|rect| rect.contains(at));
        }
        let escape_for_us = self.working_in_dock || self.drawer.is_some();
        if escape_for_us && ctx.input_mut(|input| input.consume_key(Modifiers::NONE, Key::Escape)) {
            ctx.memory_mut(|memory| {
                if let Some(focused) = memory.focused() {
                    memory.surrender_focus(focused);
                }
            });
            // A closed drawer leaves the keyboard free (for every shortcut); the
            // docked views hand it to the reader.
            if self.drawer.take().is_none() {
                self.reader_state.focus_text();
            }
            self.working_in_dock = false;
        }
    }
}
