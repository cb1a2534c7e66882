//! `GlossApp`: the window's state and the one place where intents from the
//! panels are applied to the project (through `Workspace::apply`, so every
//! change can be undone), commands are run, projects are opened and saved.
//!
//! Frame order: poll background work (opening, file dialogs) → dropped files →
//! shortcuts → close request → panels (menu, status bar, left, right, reader)
//! → overlays (palette, dialogs) → apply the frame's intents → title and autosave.

use crate::app::annotation_list::annotation_list_ui;
use crate::app::codebook_panel::{CodebookPanel, codebook_ui, deletion_dialog_ui};
use crate::app::commands::{Command, KeyScope};
use crate::app::documents::{DocumentsPanel, documents_ui};
use crate::app::inspector::{Inspector, inspector_ui};
use crate::app::intent::Intent;
use crate::app::menus::{MenuContext, menu_bar_ui};
use crate::app::palette::{Palette, palette_ui};
use crate::app::reader::{ReaderSettings, ReaderState, reader_ui};
use crate::app::retrieval_panel::{RetrievalState, retrieval_panel_ui};
use crate::app::search_panel::{SearchPanelState, search_panel_ui};
use crate::app::session::{Loading, Session};
use crate::app::status_bar::{Notice, StatusLine, status_bar_ui};
use crate::app::theme::{self, ThemeChoice};
use crate::model::annotation::{Annotation, TextAnchor};
use crate::model::edit::Edit;
use crate::model::ids::{AnnotationId, DocumentId};
use crate::model::text::CharRange;
use crate::model::workspace::Workspace;
use crate::storage::UserDirs;
use egui::{Align, Layout, RichText, ViewportCommand};
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Instant;

/// Key of the window preferences in eframe's storage.
const PREFERENCES_KEY: &str = "gloss-window-preferences";

/// What the window opens when it starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StartTarget {
    /// A folder or project file (the command-line argument).
    Path(PathBuf),
    /// The most recent project, else the bundled sample.
    RecentOrSample,
    /// Nothing: the welcome screen.
    Nothing,
}

/// Which list the left panel shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum LeftTab {
    #[default]
    Documents,
    Codebook,
    Search,
}

/// Window preferences kept between runs (never the project or its undo history).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Preferences {
    pub reader_font_points: f32,
    pub theme: ThemeChoice,
    pub show_left_panel: bool,
    pub show_right_panel: bool,
    pub left_tab: LeftTab,
    /// Named corpus searches; they also appear in the command palette.
    #[serde(default)]
    pub saved_searches: Vec<crate::model::search::SavedSearch>,
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            reader_font_points: theme::DEFAULT_READER_FONT_POINTS,
            theme: ThemeChoice::FollowSystem,
            show_left_panel: true,
            show_right_panel: true,
            left_tab: LeftTab::Documents,
            saved_searches: Vec::new(),
        }
    }
}

/// Which native file dialog is open on its thread.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DialogKind {
    Folder,
    ProjectFile,
}

pub struct GlossApp {
    ctx: egui::Context,
    session: Option<Session>,
    loading: Option<Loading>,
    /// The last project that failed to open, and why (shown when nothing is open).
    open_error: Option<(PathBuf, String)>,
    preferences: Preferences,
    user_dirs: Option<UserDirs>,
    recent_projects: Vec<PathBuf>,
    current_document: Option<DocumentId>,
    reader_state: ReaderState,
    selected: Option<AnnotationId>,
    scroll_list_to_selected: bool,
    documents_panel: DocumentsPanel,
    codebook_panel: CodebookPanel,
    search_panel: SearchPanelState,
    retrieval: RetrievalState,
    show_retrieval: bool,
    inspector: Inspector,
    palette: Palette,
    notice: Option<Notice>,
    show_problems: bool,
    problems_banner: bool,
    show_shortcuts: bool,
    show_about: bool,
    file_dialog: Option<mpsc::Receiver<Option<PathBuf>>>,
    file_dialog_started: Option<Instant>,
    window_title: String,
}

/// A dialog that returns nothing faster than this was never shown (no desktop
/// portal, no display): a person cannot cancel that quickly.
const DIALOG_FAILED_WITHIN: std::time::Duration = std::time::Duration::from_millis(150);

impl GlossApp {
    /// Builds the app (fonts, style, preferences) and starts opening `start`.
    pub fn new(cc: &eframe::CreationContext<'_>, start: StartTarget) -> Self {
        let ctx = cc.egui_ctx.clone();
        theme::install(&ctx);
        let preferences: Preferences = cc
            .storage
            .and_then(|storage| eframe::get_value(storage, PREFERENCES_KEY))
            .unwrap_or_default();
        ctx.set_theme(preferences.theme.preference());
        let saved_searches_at_start = preferences.saved_searches.clone();
        let user_dirs = UserDirs::locate();
        let recent_projects = user_dirs
            .as_ref()
            .map(UserDirs::recent_projects)
            .unwrap_or_default();
        let mut app = Self {
            ctx,
            session: None,
            loading: None,
            open_error: None,
            preferences,
            user_dirs,
            recent_projects,
            current_document: None,
            reader_state: ReaderState::default(),
            selected: None,
            scroll_list_to_selected: false,
            documents_panel: DocumentsPanel::default(),
            codebook_panel: CodebookPanel::default(),
            search_panel: SearchPanelState::with_saved_searches(saved_searches_at_start),
            retrieval: RetrievalState::default(),
            show_retrieval: false,
            inspector: Inspector::default(),
            palette: Palette::default(),
            notice: None,
            show_problems: false,
            problems_banner: false,
            show_shortcuts: false,
            show_about: false,
            file_dialog: None,
            file_dialog_started: None,
            window_title: String::new(),
        };
        match start {
            StartTarget::Path(path) => app.open_path(path),
            StartTarget::RecentOrSample => app.open_recent_or_sample(),
            StartTarget::Nothing => {}
        }
        app
    }

    // ----- Accessors (used by the tests) -----

    /// Is a project being opened in the background?
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    pub fn workspace(&self) -> Option<&Workspace> {
        self.session.as_ref().map(|s| &s.workspace)
    }

    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    pub fn current_document(&self) -> Option<&DocumentId> {
        self.current_document.as_ref()
    }

    pub fn selected_annotation(&self) -> Option<&AnnotationId> {
        self.selected.as_ref()
    }

    pub fn open_error(&self) -> Option<&str> {
        self.open_error.as_ref().map(|(_, error)| error.as_str())
    }

    /// The reading view's state (selection, tag popup, screen positions).
    pub fn reader_state(&self) -> &ReaderState {
        &self.reader_state
    }

    pub fn reader_state_mut(&mut self) -> &mut ReaderState {
        &mut self.reader_state
    }

    pub fn preferences(&self) -> &Preferences {
        &self.preferences
    }

    /// Clears the status bar message.
    pub fn dismiss_notice(&mut self) {
        self.notice = None;
    }

    /// The latest message of the status bar.
    pub fn notice_text(&self) -> Option<&str> {
        self.notice.as_ref().map(|n| n.text.as_str())
    }

    /// Applies an intent as if a panel had returned it.
    pub fn apply_intent(&mut self, intent: Intent) {
        match intent {
            Intent::OpenDocument { document, reveal } => self.show_document(document, reveal),
            Intent::SelectAnnotation(id) => self.select_annotation(id),
            Intent::ClearSelection => self.selected = None,
            Intent::CreateAnnotation {
                document,
                range,
                coding,
            } => self.create_annotation(&document, range, coding),
            Intent::UpdateAnnotation(after) => {
                let before = self
                    .workspace()
                    .and_then(|w| w.annotation(&after.id))
                    .cloned();
                match before {
                    Some(before) => self.apply_edit(Edit::change_annotation(before, *after)),
                    None => self.report_error("That annotation no longer exists."),
                }
            }
            Intent::ResizeAnnotation { id, range } => self.resize_annotation(&id, range),
            Intent::DeleteAnnotation(id) => self.delete_annotation(&id),
            Intent::Command(command) => self.run_command(command),
            Intent::ApplyEdit(edit) => self.apply_edit(*edit),
            Intent::RevealTopic(topic) => {
                self.preferences.show_left_panel = true;
                self.preferences.left_tab = LeftTab::Codebook;
                self.codebook_panel.reveal_topic(&topic);
            }
            Intent::ReportError(message) => self.report_error(message),
            Intent::OpenProject(path) => self.open_path(path),
            Intent::RunSavedSearch(saved) => {
                self.preferences.show_left_panel = true;
                self.preferences.left_tab = LeftTab::Search;
                self.search_panel.run_saved(&saved);
            }
            Intent::Export { format, filter } => self.export_with_dialog(format, &filter),
        }
    }

    /// Exports with a native save dialog; the bytes are those of `gloss export`.
    fn export_with_dialog(
        &mut self,
        format: crate::export::ExportFormat,
        filter: &crate::model::query::RetrievalFilter,
    ) {
        let Some(session) = &self.session else {
            return self.report_error("No project open.");
        };
        let project_name = session
            .location
            .folder
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "gloss".to_string());
        let options = crate::export::ExportOptions {
            project_name: project_name.clone(),
            now: crate::model::now_timestamp(),
        };
        let (bytes, report) =
            match crate::export::export_to_bytes(&session.workspace, format, filter, &options) {
                Ok(result) => result,
                Err(error) => return self.report_error(error.to_string()),
            };
        let started = Instant::now();
        let chosen = rfd::FileDialog::new()
            .set_title(format.label().trim_end_matches('…'))
            .set_file_name(format.default_file_name(&project_name))
            .add_filter(format.extension(), &[format.extension()])
            .save_file();
        let Some(path) = chosen else {
            if started.elapsed() < DIALOG_FAILED_WITHIN {
                self.report_error(
                    "No file dialog could be shown (an XDG desktop portal is needed); use `gloss export` instead.",
                );
            }
            return;
        };
        match crate::storage::write_atomically(&path, &bytes) {
            Ok(()) => {
                let mut message = format!("Exported to {}", path.display());
                if format.uses_filter() {
                    message = format!(
                        "Exported {} annotations to {}",
                        report.annotations,
                        path.display()
                    );
                }
                if let Some(risk) = report.notes.iter().find(|n| n.starts_with("Risk")) {
                    message.push_str(&format!(" — {risk}"));
                }
                self.report(message);
            }
            Err(error) => self.report_error(error.to_string()),
        }
    }

    // ----- Messages -----

    fn report_error(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            is_error: true,
            at: Instant::now(),
        });
    }

    fn report(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            is_error: false,
            at: Instant::now(),
        });
    }

    // ----- Opening -----

    /// Opens a folder or project file on a background thread. The current
    /// project is saved first; if that fails, nothing else happens.
    pub fn open_path(&mut self, path: PathBuf) {
        self.commit_uncommitted_memo();
        if let Some(session) = &mut self.session
            && let Err(error) = session.save_if_dirty()
        {
            self.report_error(format!(
                "Did not open {}: the current project could not be saved ({error}).",
                path.display()
            ));
            return;
        }
        self.loading = Some(Loading::start(path, &self.ctx));
    }

    fn open_recent_or_sample(&mut self) {
        if let Some(recent) = self.recent_projects.iter().find(|p| p.exists()).cloned() {
            self.open_path(recent);
            return;
        }
        self.open_sample();
    }

    fn open_sample(&mut self) {
        let Some(dirs) = &self.user_dirs else {
            self.open_error = Some((
                PathBuf::from("sample"),
                "No data folder for the sample project (set GLOSS_DATA_DIR).".into(),
            ));
            return;
        };
        match dirs.install_sample() {
            Ok(project_file) => self.open_path(project_file),
            Err(error) => self.open_error = Some((dirs.sample_folder(), error.to_string())),
        }
    }

    fn poll_loading(&mut self) {
        let Some(result) = self.loading.as_ref().and_then(Loading::poll) else {
            return;
        };
        let Some(loading) = self.loading.take() else {
            return;
        };
        match result {
            Ok(opened) => {
                // Edits made while loading are saved, and the old project's lock is
                // released before the new one is taken (it may be the same project).
                self.commit_uncommitted_memo();
                if let Some(old) = &mut self.session
                    && let Err(error) = old.save_if_dirty()
                {
                    self.report_error(format!(
                        "Did not switch projects: the current one could not be saved ({error})."
                    ));
                    return;
                }
                self.session = None;
                let session = Session::new(opened);
                let remembered = if session.project_file().is_file() {
                    session.project_file().to_path_buf()
                } else {
                    session.location.folder.clone()
                };
                if let Some(dirs) = &self.user_dirs {
                    // The recent list is a convenience; failing to write it is not worth an error.
                    let _ = dirs.remember_recent(&remembered);
                    self.recent_projects = dirs.recent_projects();
                }
                let documents = session.workspace.project.documents.len();
                let problems = session.skipped.len() + session.missing.len();
                self.current_document = session
                    .workspace
                    .project
                    .documents
                    .first()
                    .map(|d| d.id.clone());
                self.reader_state = ReaderState::default();
                self.selected = None;
                self.codebook_panel = CodebookPanel::default();
                self.inspector = Inspector::default();
                self.documents_panel.filter.clear();
                self.open_error = None;
                self.problems_banner = problems > 0;
                let name = session.location.folder.display().to_string();
                self.session = Some(session);
                if problems > 0 {
                    self.report_error(format!(
                        "Opened {name}: {documents} documents; {problems} file(s) could not be read (see Help, Problems while opening)."
                    ));
                } else {
                    self.report(format!("Opened {name}: {documents} documents."));
                }
            }
            Err(error) => {
                let message = format!("Could not open {}: {error}", loading.path.display());
                if self.session.is_some() {
                    self.report_error(message);
                } else {
                    self.open_error = Some((loading.path, error));
                }
            }
        }
    }

    /// Shows a native folder or file dialog on its own thread.
    fn start_file_dialog(&mut self, kind: DialogKind) {
        if self.file_dialog.is_some() {
            return;
        }
        let (sender, receiver) = mpsc::channel();
        let ctx = self.ctx.clone();
        let start_folder = self.session.as_ref().map(|s| s.location.folder.clone());
        let spawned = std::thread::Builder::new()
            .name("gloss-file-dialog".into())
            .spawn(move || {
                let mut dialog = rfd::FileDialog::new();
                if let Some(folder) = start_folder {
                    dialog = dialog.set_directory(folder);
                }
                let picked = match kind {
                    DialogKind::Folder => {
                        dialog.set_title("Open a folder of documents").pick_folder()
                    }
                    DialogKind::ProjectFile => dialog
                        .set_title("Open a Gloss project file")
                        .add_filter("Gloss project", &["json"])
                        .pick_file(),
                };
                let _ = sender.send(picked);
                ctx.request_repaint();
            });
        match spawned {
            Ok(_) => {
                self.file_dialog = Some(receiver);
                self.file_dialog_started = Some(Instant::now());
            }
            Err(error) => self.report_error(format!("The file dialog could not be shown: {error}")),
        }
    }

    fn poll_file_dialog(&mut self) {
        let Some(receiver) = &self.file_dialog else {
            return;
        };
        match receiver.try_recv() {
            Ok(Some(path)) => {
                self.file_dialog = None;
                self.open_path(path);
            }
            Ok(None) => {
                self.file_dialog = None;
                let instant_failure = self
                    .file_dialog_started
                    .is_some_and(|started| started.elapsed() < DIALOG_FAILED_WITHIN);
                if instant_failure {
                    self.report_error(
                        "The file dialog could not be shown (is a desktop portal running?). Drop a folder onto the window, or start Gloss with: gloss PATH",
                    );
                }
            }
            Err(mpsc::TryRecvError::Empty) => {}
            Err(mpsc::TryRecvError::Disconnected) => {
                self.file_dialog = None;
                self.report_error(
                    "The file dialog could not be shown. Open a folder from the command line instead: gloss PATH",
                );
            }
        }
    }

    // ----- Editing -----

    fn can_edit(&self) -> bool {
        self.session.as_ref().is_some_and(|s| !s.is_read_only())
    }

    fn apply_edit(&mut self, edit: Edit) {
        let Some(session) = &mut self.session else {
            return;
        };
        if let Err(error) = session.apply(edit) {
            self.report_error(format!("Not changed: {error}"));
        }
    }

    fn create_annotation(
        &mut self,
        document: &DocumentId,
        range: CharRange,
        coding: crate::app::intent::Coding,
    ) {
        let Some(session) = &mut self.session else {
            return;
        };
        let now = crate::model::now_timestamp();
        let annotation = session
            .workspace
            .new_annotation(
                document,
                range,
                &crate::storage::coder_name_from_environment(),
                &now,
            )
            .map(|annotation| annotation.with_coding(coding, &now));
        match annotation {
            Ok(annotation) => {
                let id = annotation.id.clone();
                match session.apply(Edit::add_annotation(annotation)) {
                    Ok(()) => {
                        self.selected = Some(id);
                        self.scroll_list_to_selected = true;
                    }
                    Err(error) => self.report_error(format!("Not coded: {error}")),
                }
            }
            Err(error) => self.report_error(format!("Not coded: {error}")),
        }
    }

    fn resize_annotation(&mut self, id: &AnnotationId, range: CharRange) {
        let Some(workspace) = self.workspace() else {
            return;
        };
        let Some(before) = workspace.annotation(id).cloned() else {
            return;
        };
        let anchor = workspace
            .text(&before.document)
            .and_then(|loaded| TextAnchor::capture(&loaded.text, range));
        match anchor {
            Some(anchor) if !range.is_empty() => {
                let after = Annotation {
                    start: range.start,
                    end: range.end,
                    anchor,
                    modified: crate::model::now_timestamp(),
                    ..before.clone()
                };
                self.apply_edit(Edit::change_annotation(before, after));
            }
            _ => self.report_error("That range is outside the document."),
        }
    }

    fn delete_annotation(&mut self, id: &AnnotationId) {
        let Some(before) = self.workspace().and_then(|w| w.annotation(id)).cloned() else {
            return;
        };
        self.apply_edit(Edit::remove_annotation(before));
        if self.selected.as_ref() == Some(id) {
            self.selected = None;
        }
    }

    fn show_document(&mut self, document: DocumentId, reveal: Option<CharRange>) {
        if self.current_document.as_ref() != Some(&document) {
            self.current_document = Some(document.clone());
            self.reader_state = ReaderState::default();
            let selected_elsewhere = self
                .selected
                .as_ref()
                .and_then(|id| self.workspace().and_then(|w| w.annotation(id)))
                .is_some_and(|a| a.document != document);
            if selected_elsewhere {
                self.selected = None;
            }
        }
        if let Some(range) = reveal {
            self.reader_state.reveal(range);
        }
    }

    fn select_annotation(&mut self, id: AnnotationId) {
        let Some(annotation) = self.workspace().and_then(|w| w.annotation(&id)).cloned() else {
            return;
        };
        self.show_document(annotation.document.clone(), None);
        self.reader_state.reveal(annotation.range());
        self.selected = Some(id);
        self.scroll_list_to_selected = true;
    }

    // ----- Commands -----

    pub fn run_command(&mut self, command: Command) {
        match command {
            Command::OpenFolder => self.start_file_dialog(DialogKind::Folder),
            Command::OpenProjectFile => self.start_file_dialog(DialogKind::ProjectFile),
            Command::Save => self.save_now(),
            Command::Undo | Command::Redo => self.undo_or_redo(command == Command::Undo),
            Command::ZoomIn => self.zoom_by(theme::READER_FONT_STEP_POINTS),
            Command::ZoomOut => self.zoom_by(-theme::READER_FONT_STEP_POINTS),
            Command::ZoomReset => {
                self.preferences.reader_font_points = theme::DEFAULT_READER_FONT_POINTS
            }
            Command::CommandPalette => {
                if self.palette.open {
                    self.palette.open = false;
                } else {
                    self.palette.show();
                }
            }
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
            Command::ShowProblems => self.show_problems = true,
            Command::KeyboardShortcuts => self.show_shortcuts = true,
            Command::About => self.show_about = true,
            Command::RetrievePassages => self.show_retrieval = true,
            Command::SearchCorpus => {
                self.preferences.show_left_panel = true;
                self.preferences.left_tab = LeftTab::Search;
                self.search_panel.focus();
            }
            Command::FindInDocument => self.reader_state.open_find(),
            Command::FindNext => self.reader_state.find_next(),
            Command::FindPrevious => self.reader_state.find_previous(),
            // reader
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

    fn set_theme(&mut self, choice: ThemeChoice) {
        self.preferences.theme = choice;
        self.ctx.set_theme(choice.preference());
    }

    fn zoom_by(&mut self, step_points: f32) {
        self.preferences.reader_font_points = (self.preferences.reader_font_points + step_points)
            .clamp(theme::MIN_READER_FONT_POINTS, theme::MAX_READER_FONT_POINTS);
    }

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

    /// Applies a memo still being typed in the inspector, before saving.
    fn commit_uncommitted_memo(&mut self) {
        let pending = self
            .session
            .as_ref()
            .filter(|s| !s.is_read_only())
            .and_then(|s| self.inspector.uncommitted_memo(&s.workspace));
        if let Some(intent) = pending {
            self.apply_intent(intent);
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

    // ----- Per-frame housekeeping -----

    /// Runs the commands whose shortcuts were pressed (most specific first).
    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        let typing = ctx.egui_wants_keyboard_input();
        let mut bindings: Vec<(egui::KeyboardShortcut, Command)> = Command::ALL
            .into_iter()
            .filter(|command| command.key_scope() == KeyScope::Window)
            .flat_map(|command| {
                command
                    .shortcut()
                    .into_iter()
                    .chain(command.alternative_shortcuts().iter().copied())
                    .map(move |shortcut| (shortcut, command))
            })
            .collect();
        let modifier_count = |m: egui::Modifiers| {
            [m.alt, m.ctrl, m.shift, m.mac_cmd, m.command]
                .iter()
                .filter(|b| **b)
                .count()
        };
        bindings.sort_by_key(|(shortcut, _)| std::cmp::Reverse(modifier_count(shortcut.modifiers)));
        for (shortcut, command) in bindings {
            let text_sensitive = matches!(
                command,
                Command::Undo | Command::Redo | Command::DeleteSelectedAnnotation
            ) || shortcut.modifiers.is_none();
            if typing && text_sensitive {
                continue;
            }
            if ctx.input_mut(|input| input.consume_shortcut(&shortcut)) {
                self.run_command(command);
            }
        }
    }

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|input| {
            input
                .raw
                .dropped_files
                .first()
                .map(|f| f.path().to_path_buf())
        });
        if let Some(path) = dropped {
            self.open_path(path);
        }
    }

    /// Saves before the window closes; cancels the close if saving fails.
    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if !ctx.input(|input| input.viewport().close_requested()) {
            return;
        }
        self.commit_uncommitted_memo();
        let Some(session) = &mut self.session else {
            return;
        };
        if let Err(error) = session.save_if_dirty() {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.report_error(format!(
                "The window stays open because saving failed: {error}. Your edits are kept in memory."
            ));
        }
    }

    fn autosave(&mut self, ctx: &egui::Context) {
        let Some(session) = &mut self.session else {
            return;
        };
        match session.autosave_wait(Instant::now()) {
            Some(wait) if wait.is_zero() => {
                if let Err(error) = session.save() {
                    self.report_error(format!("Autosave failed (edits kept in memory): {error}"));
                }
            }
            Some(wait) => ctx.request_repaint_after(wait),
            None => {}
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = match &self.session {
            Some(session) => {
                let dirty = if session.is_dirty() { "• " } else { "" };
                let folder = session
                    .location
                    .folder
                    .file_name()
                    .map(|n| format!(" ({})", n.to_string_lossy()))
                    .unwrap_or_default();
                let read_only = if session.is_read_only() {
                    " [read-only]"
                } else {
                    ""
                };
                format!("{dirty}{}{folder}{read_only} — Gloss", session.file_name())
            }
            None => "Gloss".to_string(),
        };
        if title != self.window_title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }

    /// The title the window shows ("• gloss.json (sample) — Gloss").
    pub fn window_title(&self) -> &str {
        &self.window_title
    }

    // ----- Panels -----

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
            notice: self.notice.as_ref(),
        }
    }

    fn left_panel_ui(&mut self, ui: &mut egui::Ui, intents: &mut Vec<Intent>) {
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            ui.selectable_value(
                &mut self.preferences.left_tab,
                LeftTab::Documents,
                "Documents",
            );
            ui.selectable_value(
                &mut self.preferences.left_tab,
                LeftTab::Codebook,
                "Codebook",
            );
            ui.selectable_value(&mut self.preferences.left_tab, LeftTab::Search, "Search");
        });
        ui.separator();
        let Some(session) = &self.session else {
            ui.label(RichText::new("No project open.").weak());
            return;
        };
        match self.preferences.left_tab {
            LeftTab::Documents => intents.extend(documents_ui(
                ui,
                &mut self.documents_panel,
                &session.workspace,
                self.current_document.as_ref(),
            )),
            LeftTab::Codebook => intents.extend(codebook_ui(
                ui,
                &mut self.codebook_panel,
                &session.workspace,
            )),
            LeftTab::Search => intents.extend(search_panel_ui(
                ui,
                &mut self.search_panel,
                &session.workspace,
            )),
        }
    }

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

    fn central_ui(&mut self, ui: &mut egui::Ui, intents: &mut Vec<Intent>) {
        if let Some(loading) = &self.loading {
            ui.centered_and_justified(|ui| {
                ui.vertical_centered(|ui| {
                    ui.add_space(ui.available_height() * 0.35);
                    ui.spinner();
                    ui.label(format!("Opening {}…", loading.path.display()));
                    let (files_done, files_total) = loading.progress();
                    if files_total > 0 {
                        ui.add(
                            egui::ProgressBar::new(files_done as f32 / files_total as f32)
                                .desired_width(320.0)
                                .text(format!(
                                    "Read {} of {} documents",
                                    crate::app::status_bar::group_thousands(files_done),
                                    crate::app::status_bar::group_thousands(files_total)
                                )),
                        );
                        // Progress comes from another thread: keep the bar moving.
                        ui.ctx()
                            .request_repaint_after(std::time::Duration::from_millis(100));
                    }
                    let elapsed_seconds = loading.started.elapsed().as_secs();
                    if elapsed_seconds >= 1 {
                        ui.label(RichText::new(format!("{elapsed_seconds} s")).small().weak());
                    }
                });
            });
            return;
        }
        let dark = ui.visuals().dark_mode;
        if let Some(session) = &self.session {
            if let Some(reason) = &session.read_only_reason {
                banner_ui(ui, dark, &format!("Read-only. {reason}"));
            }
            if self.problems_banner {
                let problems = session.skipped.len() + session.missing.len();
                let mut dismissed = false;
                let mut show = false;
                banner_with_buttons_ui(
                    ui,
                    dark,
                    &format!("{problems} file(s) could not be read or are missing."),
                    &mut show,
                    &mut dismissed,
                );
                if show {
                    self.show_problems = true;
                }
                if dismissed {
                    self.problems_banner = false;
                }
            }
        }
        let Some(session) = &self.session else {
            self.welcome_ui(ui, intents);
            return;
        };
        let Some(document) = self.current_document.clone() else {
            ui.centered_and_justified(|ui| {
                ui.label(RichText::new("This project has no documents yet. Add .txt files to its folder and open it again.").weak());
            });
            return;
        };
        let settings = ReaderSettings {
            font_size_points: self.preferences.reader_font_points,
            dark_mode: dark,
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

    fn welcome_ui(&mut self, ui: &mut egui::Ui, intents: &mut Vec<Intent>) {
        let dark = ui.visuals().dark_mode;
        ui.vertical_centered(|ui| {
            ui.add_space(ui.available_height() * 0.22);
            ui.heading("Gloss");
            ui.label(RichText::new("Read, highlight and code your documents.").weak());
            ui.add_space(16.0);
            if let Some((path, error)) = &self.open_error {
                ui.label(
                    RichText::new(format!("Could not open {}", path.display()))
                        .strong()
                        .color(theme::error_color(dark)),
                );
                ui.add(
                    egui::Label::new(RichText::new(error).color(theme::error_color(dark))).wrap(),
                );
                ui.add_space(12.0);
            }
            if ui.button("Open folder…").clicked() {
                intents.push(Intent::Command(Command::OpenFolder));
            }
            if ui.button("Open project file…").clicked() {
                intents.push(Intent::Command(Command::OpenProjectFile));
            }
            if ui.button("Open the sample project").clicked() {
                self.open_sample();
            }
            if !self.recent_projects.is_empty() {
                ui.add_space(12.0);
                ui.label(RichText::new("Recent").weak());
                for path in &self.recent_projects {
                    if ui
                        .link(crate::app::menus::recent_label(path))
                        .on_hover_text(path.display().to_string())
                        .clicked()
                    {
                        intents.push(Intent::OpenProject(path.clone()));
                    }
                }
            }
        });
    }

    fn dialogs_ui(&mut self, ctx: &egui::Context) {
        if self.show_problems {
            let mut open = true;
            egui::Window::new("Problems while opening")
                .open(&mut open)
                .default_width(520.0)
                .show(ctx, |ui| {
                    let Some(session) = &self.session else {
                        ui.label("No project open.");
                        return;
                    };
                    if session.skipped.is_empty() && session.missing.is_empty() {
                        ui.label("Every file was read.");
                    }
                    egui::ScrollArea::vertical()
                        .max_height(360.0)
                        .show(ui, |ui| {
                            for (heading, files) in [
                                (
                                    "Missing documents (listed in the project, not readable now)",
                                    &session.missing,
                                ),
                                (
                                    "Skipped files (in the folder, not loaded)",
                                    &session.skipped,
                                ),
                            ] {
                                if files.is_empty() {
                                    continue;
                                }
                                ui.label(RichText::new(heading).strong());
                                for file in files {
                                    ui.horizontal_wrapped(|ui| {
                                        ui.label(RichText::new(&file.path).monospace());
                                        ui.label(RichText::new(file.reason.to_string()).weak());
                                    });
                                }
                                ui.add_space(8.0);
                            }
                        });
                });
            self.show_problems = open;
        }
        if self.show_shortcuts {
            let mut open = true;
            egui::Window::new("Keyboard shortcuts")
                .open(&mut open)
                .default_width(460.0)
                .show(ctx, |ui| {
                    egui::Grid::new("shortcut-grid")
                        .striped(true)
                        .show(ui, |ui| {
                            for command in Command::ALL {
                                if let Some(shortcut) = command.shortcut_text(ctx) {
                                    ui.label(command.label());
                                    ui.label(RichText::new(shortcut).monospace());
                                    ui.end_row();
                                }
                            }
                            for (action, keys) in READER_KEYS {
                                ui.label(*action);
                                ui.label(RichText::new(*keys).monospace());
                                ui.end_row();
                            }
                        });
                });
            self.show_shortcuts = open;
        }
        if self.show_about {
            let mut open = true;
            egui::Window::new("About Gloss")
                .open(&mut open)
                .collapsible(false)
                .resizable(false)
                .show(ctx, |ui| {
                    ui.heading(format!("Gloss {}", env!("CARGO_PKG_VERSION")));
                    ui.label(env!("CARGO_PKG_DESCRIPTION"));
                    ui.label(
                        RichText::new("Fonts: Noto Sans, SIL Open Font License 1.1.")
                            .small()
                            .weak(),
                    );
                });
            self.show_about = open;
        }
    }

    fn drop_overlay_ui(&self, ctx: &egui::Context) {
        let hovering = ctx.input(|input| !input.raw.hovered_files.is_empty());
        if !hovering {
            return;
        }
        let screen = ctx.content_rect();
        let painter = ctx.layer_painter(egui::LayerId::new(
            egui::Order::Foreground,
            egui::Id::unique("drop-overlay"),
        ));
        painter.rect_filled(screen, 0, theme::drop_overlay_fill());
        painter.text(
            screen.center(),
            egui::Align2::CENTER_CENTER,
            "Drop a folder or project file to open it",
            egui::FontId::proportional(22.0),
            theme::DROP_OVERLAY_TEXT,
        );
    }
}

/// Reader keys documented in the shortcuts window (the tag popup defines them).
const READER_KEYS: &[(&str, &str)] = &[
    (
        "Code the selected text",
        "select with mouse or Shift+arrows",
    ),
    ("Toggle one of the first nine topics", "1 – 9"),
    ("Set a stance", "its letter (shown in the popup)"),
    ("Choose holder / target", "H / T"),
    ("Confirm / cancel the popup", "Enter / Esc"),
];

fn banner_ui(ui: &mut egui::Ui, dark: bool, text: &str) {
    egui::Frame::new()
        .fill(theme::banner_fill(dark))
        .inner_margin(egui::Margin::symmetric(12, 8))
        .corner_radius(6)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.add(egui::Label::new(text).wrap());
        });
    ui.add_space(4.0);
}

fn banner_with_buttons_ui(
    ui: &mut egui::Ui,
    dark: bool,
    text: &str,
    show: &mut bool,
    dismissed: &mut bool,
) {
    egui::Frame::new()
        .fill(theme::banner_fill(dark))
        .inner_margin(egui::Margin::symmetric(12, 6))
        .corner_radius(6)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.label(text);
                ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                    if ui.small_button("Dismiss").clicked() {
                        *dismissed = true;
                    }
                    if ui.small_button("Show problems").clicked() {
                        *show = true;
                    }
                });
            });
        });
    ui.add_space(4.0);
}

impl eframe::App for GlossApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.poll_loading();
        self.poll_file_dialog();
        self.handle_dropped_files(ctx);
        self.handle_close_request(ctx);
        if self.loading.is_some() || self.file_dialog.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.handle_shortcuts(&ctx);
        let mut intents = Vec::new();

        egui::Panel::top("menu-bar").show(ui, |ui| {
            let context = self.menu_context();
            intents.extend(menu_bar_ui(ui, &context));
        });
        egui::Panel::bottom("status-bar").show(ui, |ui| {
            let line = self.status_line();
            if status_bar_ui(ui, &line) {
                self.notice = None;
            }
        });
        let window_width = ctx.content_rect().width();
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

        if let Some(session) = &self.session {
            intents.extend(deletion_dialog_ui(
                &ctx,
                &mut self.codebook_panel,
                &session.workspace,
            ));
        }
        let workspace = self.session.as_ref().map(|s| &s.workspace);
        intents.extend(palette_ui(
            &ctx,
            &mut self.palette,
            workspace,
            self.search_panel.saved_searches(),
        ));
        if self.show_retrieval
            && let Some(session) = &self.session
        {
            let mut open = true;
            egui::Window::new("Coded passages")
                .open(&mut open)
                .default_size([1000.0, 640.0])
                .show(&ctx, |ui| {
                    intents.extend(retrieval_panel_ui(
                        ui,
                        &mut self.retrieval,
                        &session.workspace,
                    ));
                });
            self.show_retrieval = open;
        }
        self.dialogs_ui(&ctx);
        self.drop_overlay_ui(&ctx);

        for intent in intents {
            self.apply_intent(intent);
        }
        self.update_title(&ctx);
        self.autosave(&ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.preferences.saved_searches = self.search_panel.saved_searches().to_vec();
        eframe::set_value(storage, PREFERENCES_KEY, &self.preferences);
    }

    fn on_exit(&mut self) {
        // Last resort: the close request normally saved already.
        self.commit_uncommitted_memo();
        if let Some(session) = &mut self.session
            && let Err(error) = session.save_if_dirty()
        {
            eprintln!("gloss: could not save on exit: {error}");
        }
    }
}
