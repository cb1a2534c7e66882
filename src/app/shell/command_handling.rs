//! Running commands (from menus, the palette, buttons and shortcuts): the
//! shortcut dispatch over the command table, and what each command does.

use super::app::GlossApp;
use super::path_request::PathPurpose;
use super::preferences::LeftTab;
use super::responsive::DockView;
use crate::app::commands::{Command, bindings_most_specific_first, yields_to_text_fields};
use crate::app::theme::{self, ThemeChoice};
use crate::model::merge::unify::unify_same_names;
use egui::ViewportCommand;

impl GlossApp {
    /// Runs `command` as if its menu entry had been chosen.
    pub(super) fn run_command(&mut self, command: Command) {
        match command {
            Command::OpenFolder => self.ask_for_path(PathPurpose::OpenFolder),
            Command::OpenProjectFile => self.ask_for_path(PathPurpose::OpenProjectFile),
            Command::Import => self.import(),
            Command::AddDocuments => self.add_documents(),
            Command::SetCoder => self.ask_for_coder(None),
            Command::UseSystemFileDialogs => self.use_system_file_dialogs(),
            Command::Save => self.save_now(),
            Command::Export(format) => self.export(format),
            Command::ExportAnalysisReport => self.export_analysis_report(),
            Command::Undo | Command::Redo => self.undo_or_redo(command == Command::Undo),
            Command::ZoomIn => self.zoom_by(theme::READER_FONT_STEP_POINTS),
            Command::ZoomOut => self.zoom_by(-theme::READER_FONT_STEP_POINTS),
            Command::ZoomReset => {
                self.preferences.reader_font_points = theme::DEFAULT_READER_FONT_POINTS;
            }
            Command::CommandPalette => self.palette.toggle(),
            Command::DeleteSelectedAnnotation => {
                if let Some(id) = self.selected.clone() {
                    self.delete_annotation(&id);
                }
            }
            Command::NextDocument => self.step_document(1),
            Command::PreviousDocument => self.step_document(-1),
            Command::Quit => self.ctx.send_viewport_cmd(ViewportCommand::Close),
            Command::ThemeFollowSystem => self.set_theme(ThemeChoice::FollowSystem),
            Command::ThemeLight => self.set_theme(ThemeChoice::Light),
            Command::ThemeDark => self.set_theme(ThemeChoice::Dark),
            Command::ToggleLeftPanel => self.preferences.show_left_panel ^= true,
            Command::ToggleRightPanel => self.preferences.show_right_panel ^= true,
            Command::ShowProblems => self.windows.problems = true,
            Command::KeyboardShortcuts => self.windows.shortcuts = true,
            Command::About => self.windows.about = true,
            Command::RetrievePassages => self.preferences.dock.open(DockView::CodedPassages),
            Command::Analysis => self.preferences.dock.open(DockView::Analysis),
            Command::CompareCoders => {
                self.coder_compare.open_on(self.current_document.as_ref());
                self.preferences.dock.open(DockView::CompareCoders);
            }
            Command::Agreement => self.preferences.dock.open(DockView::Agreement),
            Command::NextDisagreement | Command::PreviousDisagreement => {
                self.preferences.dock.open(DockView::Agreement);
                if let Some(session) = &self.session {
                    let step = if command == Command::NextDisagreement {
                        1
                    } else {
                        -1
                    };
                    self.agreement.step(&session.workspace, step);
                }
            }
            Command::MergeConflicts => self.preferences.dock.open(DockView::Conflicts),
            Command::UnifyCodebookNames => self.unify_codebook_names(),
            Command::ReviewAnchors => self.windows.review = true,
            Command::SearchCorpus => {
                self.preferences.show_left_tab(LeftTab::Search);
                self.search_panel.focus();
            }
            Command::FindInDocument => self.reader_state.open_find(),
            Command::FindNext => self.reader_state.find_next(),
            Command::FindPrevious => self.reader_state.find_previous(),
            Command::CodeSelection | Command::CopySelection | Command::ClearSelection => {
                if let Some(session) = &self.session
                    && let Some(intent) = self.reader_state.run_command(
                        &self.ctx,
                        &session.workspace,
                        command,
                        self.selected.as_ref(),
                    )
                {
                    self.apply_intent(intent);
                }
            }
        }
    }

    /// Runs the commands whose shortcuts were pressed (most specific first);
    /// while a text field has focus, those that mean something there wait. Only a
    /// text field holds them back: the reader, a button or a list with the focus
    /// (after the tag popup closed, after a click on a highlight) does not.
    pub(super) fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        let typing = ctx.text_edit_focused();
        for (shortcut, command) in bindings_most_specific_first() {
            if typing && yields_to_text_fields(command, &shortcut) {
                continue;
            }
            if ctx.input_mut(|input| input.consume_shortcut(&shortcut)) {
                self.run_command(command);
            }
        }
    }

    fn set_theme(&mut self, choice: ThemeChoice) {
        self.preferences.theme = choice;
        self.ctx.set_theme(choice.preference());
    }

    fn zoom_by(&mut self, step_points: f32) {
        self.preferences.reader_font_points = (self.preferences.reader_font_points + step_points)
            .clamp(theme::MIN_READER_FONT_POINTS, theme::MAX_READER_FONT_POINTS);
    }

    /// Shows the document `step` places after the current one (wrapping around).
    fn step_document(&mut self, step: isize) {
        let Some(workspace) = self.workspace() else {
            return;
        };
        let documents = &workspace.project.documents;
        if documents.is_empty() {
            return;
        }
        let current = self
            .current_document
            .as_ref()
            .and_then(|id| documents.iter().position(|d| &d.id == id));
        let next = match current {
            Some(index) => (index as isize + step).rem_euclid(documents.len() as isize) as usize,
            None => 0,
        };
        let id = documents[next].id.clone();
        self.show_document(id, None);
    }

    /// Unifies same-name codebook entries in one edit and says what was unified.
    fn unify_codebook_names(&mut self) {
        let Some(workspace) = self.workspace() else {
            return;
        };
        let plan = match unify_same_names(&workspace.project) {
            Ok(plan) => plan,
            Err(error) => return self.report_error(format!("Not unified: {error}")),
        };
        let Some(edit) = plan.edit else {
            return self.report("No codebook entries share a name.");
        };
        let names: Vec<String> = plan
            .unified
            .iter()
            .map(|u| {
                format!(
                    "{} “{}” ({} entries, {} annotation(s))",
                    u.kind,
                    u.name,
                    u.merged.len() + 1,
                    u.annotations
                )
            })
            .collect();
        let Some(session) = &mut self.session else {
            return;
        };
        match session.apply(edit) {
            Ok(()) => self.report(format!("Unified {}", names.join(", "))),
            Err(error) => self.report_error(format!("Not unified: {error}")),
        }
    }

    fn save_now(&mut self) {
        self.commit_uncommitted_memo();
        let Some(session) = &mut self.session else {
            return;
        };
        if session.is_read_only() {
            self.report_error("This project is read-only here; nothing was saved.");
            return;
        }
        match session.save() {
            Ok(()) => {
                let path = session.project_file().display().to_string();
                self.report(format!("Saved {path}"));
            }
            Err(error) => self.report_error(format!(
                "Not saved (your edits are kept in memory): {error}"
            )),
        }
    }

    fn undo_or_redo(&mut self, undo: bool) {
        let Some(session) = &mut self.session else {
            return;
        };
        let result = if undo { session.undo() } else { session.redo() };
        match result {
            Ok(Some(label)) => {
                let verb = if undo { "Undid" } else { "Redid" };
                self.report(format!("{verb} {label}"));
            }
            Ok(None) => {}
            Err(error) => self.report_error(format!(
                "Could not {}: {error}",
                if undo { "undo" } else { "redo" }
            )),
        }
    }
}
