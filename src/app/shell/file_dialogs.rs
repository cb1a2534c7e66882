//! Asking for a path: the system file dialog (`path_request.rs`), or the
//! window's own picker (`app::file_picker`). When no system dialog can be
//! shown (no XDG desktop portal, no display) the window says so, switches to
//! its own picker for good (remembered in the preferences) and shows it at
//! once: no dialog fails silently.

use super::app::GlossApp;
use super::path_request::{DialogAnswer, NativeDialog, PathPurpose};
use crate::app::file_picker::{FilePicker, PickerOutcome, PickerRequest, file_picker_ui};
use std::path::PathBuf;

impl GlossApp {
    /// Uses the window's own file picker from now on instead of the system
    /// dialog (what the window does by itself when no system dialog can be
    /// shown; tests call it to drive the picker through AccessKit).
    pub fn use_in_app_file_picker(&mut self) {
        self.preferences.in_app_file_picker = true;
    }

    /// Goes back to the system's file dialogs (File menu), e.g. after a desktop
    /// portal was installed; if none can be shown, the window switches again.
    pub(super) fn use_system_file_dialogs(&mut self) {
        self.preferences.in_app_file_picker = false;
        self.report("File dialogs: the system's from now on");
    }

    /// The window's own picker, while it shows: what it asks for.
    pub fn file_picker_purpose(&self) -> Option<PathPurpose> {
        self.file_picker.as_ref().map(|(purpose, _)| *purpose)
    }

    /// Asks for a path for `purpose`: the system dialog, or the window's own picker.
    pub(super) fn ask_for_path(&mut self, purpose: PathPurpose) {
        if self.file_dialog.is_some() || self.file_picker.is_some() {
            return;
        }
        let request = purpose.request(&self.project_name());
        if self.preferences.in_app_file_picker {
            self.show_file_picker(purpose, request);
            return;
        }
        let start_folder = self.start_folder();
        match NativeDialog::start(
            purpose,
            request.clone(),
            start_folder,
            &self.ctx,
            &self.clock,
        ) {
            Ok(dialog) => self.file_dialog = Some(dialog),
            Err(error) => {
                self.report_error(format!(
                    "The system file dialog could not start ({error}); using Gloss's own file picker."
                ));
                self.show_file_picker(purpose, request);
            }
        }
    }

    /// Where a dialog starts: the project folder, else the home folder.
    fn start_folder(&self) -> Option<PathBuf> {
        self.session
            .as_ref()
            .map(|s| s.location.folder.clone())
            .or_else(crate::storage::home_folder)
    }

    /// The project folder's name ("sample"), naming exports.
    pub(super) fn project_name(&self) -> String {
        self.session
            .as_ref()
            .and_then(|s| s.location.folder.file_name())
            .map_or_else(|| "gloss".to_owned(), |n| n.to_string_lossy().into_owned())
    }

    fn show_file_picker(&mut self, purpose: PathPurpose, request: PickerRequest) {
        let start = self.start_folder().unwrap_or_else(|| PathBuf::from("/"));
        self.file_picker = Some((purpose, FilePicker::new(request, start)));
    }

    /// Takes the system dialog's answer; when none could be shown, says so,
    /// remembers to use the window's own picker and shows it.
    pub(super) fn poll_file_dialog(&mut self) {
        let Some(answer) = self.file_dialog.as_ref().and_then(|d| d.poll(&self.clock)) else {
            return;
        };
        let Some(dialog) = self.file_dialog.take() else {
            return;
        };
        match answer {
            DialogAnswer::Picked(paths) => self.path_chosen(dialog.purpose, paths),
            DialogAnswer::Cancelled => {}
            DialogAnswer::Failed => self.system_dialog_failed(dialog.purpose),
        }
    }

    /// What the window does when the system dialog for `purpose` could not be
    /// shown: says so, uses its own picker from now on (remembered) and shows it
    /// at once. (Tests call it directly: the system dialog cannot fail on demand.)
    pub fn system_dialog_failed(&mut self, purpose: PathPurpose) {
        self.use_in_app_file_picker();
        self.report(
            "No system file dialog (no desktop portal): using Gloss's own picker from now on",
        );
        let request = purpose.request(&self.project_name());
        self.show_file_picker(purpose, request);
    }

    /// Draws the window's own picker while it shows, and acts on its answer.
    pub(super) fn file_picker_ui(&mut self, ctx: &egui::Context) {
        let Some((purpose, picker)) = &mut self.file_picker else {
            return;
        };
        let purpose = *purpose;
        match file_picker_ui(ctx, picker) {
            Some(PickerOutcome::Picked(paths)) => {
                self.file_picker = None;
                self.path_chosen(purpose, paths);
            }
            Some(PickerOutcome::Cancelled) => self.file_picker = None,
            None => {}
        }
    }

    /// Does what the path was asked for.
    fn path_chosen(&mut self, purpose: PathPurpose, mut paths: Vec<PathBuf>) {
        match purpose {
            PathPurpose::OpenFolder => {
                if let Some(path) = paths.pop() {
                    // A folder typed in the picker that does not exist yet starts a new project.
                    match crate::storage::create_project_folder(&path) {
                        Ok(()) => self.open_path(path),
                        Err(error) => self.report_error(format!("Could not open: {error}")),
                    }
                }
            }
            PathPurpose::OpenProjectFile => {
                if let Some(path) = paths.pop() {
                    self.open_path(path);
                }
            }
            PathPurpose::Export(format) => {
                if let Some(path) = paths.pop() {
                    self.start_export(format, path);
                }
            }
            PathPurpose::Figure(figure, format) => {
                if let Some(path) = paths.pop() {
                    self.start_figure_export(figure, format, path);
                }
            }
            PathPurpose::AnalysisReport => {
                if let Some(path) = paths.pop() {
                    self.start_report_export(path);
                }
            }
            PathPurpose::AnalysisTable(file) => {
                if let Some(path) = paths.pop() {
                    self.start_analysis_table_export(file, path);
                }
            }
            PathPurpose::Import => {
                if let Some(path) = paths.pop() {
                    self.start_import(path);
                }
            }
            PathPurpose::AddDocuments => self.start_adding_documents(paths),
        }
    }
}
