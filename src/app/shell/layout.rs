//! The layout of the window: menu bar, status bar, the left panel
//! (documents, codebook, search), the right panel (inspector, annotation
//! list), the reading area, and the overlays (codebook deletion dialog,
//! palette, coded passages, windows). Each panel gets what it reads and
//! returns intents. #11's docked views (egui_tiles) and responsive layout
//! replace the fixed panels here.

use super::app::GlossApp;
use super::preferences::LeftTab;
use super::welcome::{BannerAction, banner_ui, loading_ui, problems_banner_ui, welcome_ui};
use super::windows::{drop_overlay_ui, windows_ui};
use crate::app::annotation_list::annotation_list_ui;
use crate::app::codebook_panel::{codebook_ui, deletion_dialog_ui};
use crate::app::commands::Command;
use crate::app::documents::documents_ui;
use crate::app::inspector::inspector_ui;
use crate::app::intent::Intent;
use crate::app::menus::{MenuContext, menu_bar_ui};
use crate::app::palette::palette_ui;
use crate::app::reader::{ReaderSettings, reader_ui};
use crate::app::retrieval_panel::retrieval_panel_ui;
use crate::app::review_panel::{REVIEW_TITLE, ReviewContext, review_count, review_ui};
use crate::app::search_panel::search_panel_ui;
use crate::app::session::Session;
use crate::app::status_bar::{StatusBarAction, StatusLine, status_bar_ui};
use crate::app::theme;
use egui::RichText;

impl GlossApp {
    /// The panels and the reading area; returns their intents.
    pub(super) fn panels_ui(&mut self, ui: &mut egui::Ui) -> Vec<Intent> {
        let mut intents = Vec::new();
        egui::Panel::top("menu-bar").show(ui, |ui| {
            intents.extend(menu_bar_ui(ui, &self.menu_context()));
        });
        egui::Panel::bottom("status-bar").show(ui, |ui| {
            match status_bar_ui(ui, &self.status_line()) {
                Some(StatusBarAction::DismissNotice) => self.notice = None,
                Some(StatusBarAction::OpenReview) => {
                    intents.push(Intent::Command(Command::ReviewAnchors));
                }
                None => {}
            }
        });
        let window_width = ui.ctx().content_rect().width();
        if self.preferences.show_left_panel && self.session.is_some() {
            egui::Panel::left("left-panel")
                .resizable(true)
                .default_size((window_width * 0.22).clamp(200.0, 320.0))
                .size_range(200.0..=520.0)
                .show(ui, |ui| self.left_panel_ui(ui, &mut intents));
        }
        if self.preferences.show_right_panel && self.session.is_some() {
            egui::Panel::right("right-panel")
                .resizable(true)
                .default_size((window_width * 0.25).clamp(240.0, 360.0))
                .size_range(240.0..=560.0)
                .show(ui, |ui| self.right_panel_ui(ui, &mut intents));
        }
        let reading_fill = theme::reading_background(ui.visuals().dark_mode);
        egui::CentralPanel::default_margins()
            .frame(egui::Frame::central_panel(ui.style()).fill(reading_fill))
            .show(ui, |ui| self.central_ui(ui, &mut intents));
        intents
    }

    /// What draws over the panels: the codebook's deletion dialog, the palette,
    /// the coded-passages window, the other windows, the drop overlay.
    pub(super) fn overlays_ui(&mut self, ctx: &egui::Context) -> Vec<Intent> {
        let mut intents = Vec::new();
        if let Some(session) = &self.session {
            intents.extend(deletion_dialog_ui(
                ctx,
                &mut self.codebook_panel,
                &session.workspace,
            ));
        }
        let workspace = self.session.as_ref().map(|s| &s.workspace);
        intents.extend(palette_ui(
            ctx,
            &mut self.palette,
            workspace,
            self.search_panel.saved_searches(),
        ));
        if self.windows.retrieval
            && let Some(session) = &self.session
        {
            egui::Window::new("Coded passages")
                .open(&mut self.windows.retrieval)
                .default_size([1000.0, 640.0])
                .show(ctx, |ui| {
                    intents.extend(retrieval_panel_ui(
                        ui,
                        &mut self.retrieval,
                        &session.workspace,
                    ));
                });
        }
        if self.windows.review
            && let Some(session) = &self.session
        {
            let reader_selection = self
                .current_document
                .as_ref()
                .zip(self.reader_state.selection());
            let context = ReviewContext {
                workspace: &session.workspace,
                reader_selection,
                read_only: session.is_read_only(),
            };
            egui::Window::new(REVIEW_TITLE)
                .open(&mut self.windows.review)
                .default_size([640.0, 480.0])
                .show(ctx, |ui| intents.extend(review_ui(ui, &context)));
        }
        windows_ui(ctx, &mut self.windows, self.session.as_ref());
        drop_overlay_ui(ctx);
        intents
    }

    fn menu_context(&self) -> MenuContext<'_> {
        let history = self.workspace().map(|w| &w.history);
        MenuContext {
            undo_label: history.and_then(|h| h.undo_label()),
            redo_label: history.and_then(|h| h.redo_label()),
            has_project: self.session.is_some(),
            has_selection: self.selected.is_some(),
            can_edit: self.can_edit(),
            recent_projects: &self.recent_projects,
            theme: self.preferences.theme,
            show_left_panel: self.preferences.show_left_panel,
            show_right_panel: self.preferences.show_right_panel,
            has_problems: self
                .session
                .as_ref()
                .is_some_and(|s| !s.skipped.is_empty() || !s.missing.is_empty()),
        }
    }

    fn status_line(&self) -> StatusLine<'_> {
        let workspace = self.workspace();
        let document = self.current_document.as_ref();
        StatusLine {
            document_title: document
                .and_then(|d| workspace.and_then(|w| w.document(d)))
                .map(|d| d.title()),
            document_chars: document
                .and_then(|d| workspace.and_then(|w| w.text(d)))
                .map(|t| t.text.len_chars()),
            document_annotations: document
                .and_then(|d| workspace.map(|w| w.project.annotations_of(d).count())),
            save_state: self.session.as_ref().map(Session::save_state),
            to_review: workspace.map_or(0, review_count),
            notice: self.notice.as_ref(),
            now: self.clock.now(),
        }
    }

    /// The tabs, then the documents, the codebook or the search.
    fn left_panel_ui(&mut self, ui: &mut egui::Ui, intents: &mut Vec<Intent>) {
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let tab = &mut self.preferences.left_tab;
            ui.selectable_value(tab, LeftTab::Documents, "Documents");
            ui.selectable_value(tab, LeftTab::Codebook, "Codebook");
            ui.selectable_value(tab, LeftTab::Search, "Search");
        });
        ui.separator();
        let Some(session) = &self.session else {
            ui.label(RichText::new("No project open.").weak());
            return;
        };
        let workspace = &session.workspace;
        intents.extend(match self.preferences.left_tab {
            LeftTab::Documents => documents_ui(
                ui,
                &mut self.documents_panel,
                workspace,
                self.current_document.as_ref(),
            ),
            LeftTab::Codebook => codebook_ui(ui, &mut self.codebook_panel, workspace),
            LeftTab::Search => search_panel_ui(ui, &mut self.search_panel, workspace, &self.coder),
        });
    }

    /// The inspector above, the current document's annotations below.
    fn right_panel_ui(&mut self, ui: &mut egui::Ui, intents: &mut Vec<Intent>) {
        let Some(session) = &self.session else {
            return;
        };
        let read_only = session.is_read_only();
        ui.add_space(6.0);
        ui.heading("Inspector");
        ui.add_space(2.0);
        let inspector_height = (ui.available_height() * 0.58).max(160.0);
        egui::ScrollArea::vertical()
            .id_salt("inspector-scroll")
            .max_height(inspector_height)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                intents.extend(inspector_ui(
                    ui,
                    &mut self.inspector,
                    &session.workspace,
                    self.selected.as_ref(),
                    read_only,
                ));
            });
        ui.separator();
        let count = self
            .current_document
            .as_ref()
            .map_or(0, |d| session.workspace.project.annotations_of(d).count());
        ui.label(RichText::new(format!("Annotations in this document ({count})")).strong());
        ui.add_space(2.0);
        intents.extend(annotation_list_ui(
            ui,
            &session.workspace,
            self.current_document.as_ref(),
            self.selected.as_ref(),
            &mut self.scroll_list_to_selected,
        ));
    }

    /// The reading area: loading screen, banners, then the reader or the welcome screen.
    fn central_ui(&mut self, ui: &mut egui::Ui, intents: &mut Vec<Intent>) {
        if let Some(loading) = &self.loading {
            loading_ui(ui, loading, self.clock.since(loading.started));
            return;
        }
        let Some(session) = &self.session else {
            intents.extend(welcome_ui(
                ui,
                self.open_error.as_ref(),
                &self.recent_projects,
            ));
            return;
        };
        if let Some(reason) = &session.read_only_reason {
            banner_ui(ui, &format!("Read-only. {reason}"));
        }
        if self.problems_banner {
            let problems = session.skipped.len() + session.missing.len();
            match problems_banner_ui(ui, problems) {
                BannerAction::Show => intents.push(Intent::Command(Command::ShowProblems)),
                BannerAction::Dismiss => self.problems_banner = false,
                BannerAction::None => {}
            }
        }
        let Some(document) = self.current_document.clone() else {
            ui.centered_and_justified(|ui| {
                ui.label(RichText::new("This project has no documents yet. Add .txt files to its folder and open it again.").weak());
            });
            return;
        };
        let settings = ReaderSettings {
            font_size_points: self.preferences.reader_font_points,
            dark_mode: ui.visuals().dark_mode,
        };
        intents.extend(reader_ui(
            ui,
            &mut self.reader_state,
            &session.workspace,
            &document,
            &settings,
            self.selected.as_ref(),
        ));
    }
}
