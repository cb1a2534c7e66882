//! Opening projects: what the window opens at start (a path, the most recent
//! project or the sample), the background loading (`session::Loading`), and
//! taking over an opened project (the old one saved first, the view reset,
//! the recent list updated). #11's import and add-documents flows start here.

use super::app::GlossApp;
use super::start::{OpenError, StartTarget};
use crate::app::agreement_view::AgreementState;
use crate::app::codebook_panel::CodebookPanel;
use crate::app::coder_compare::CoderCompareState;
use crate::app::coder_filter::ProjectCoders;
use crate::app::inspector::Inspector;
use crate::app::reader::ReaderState;
use crate::app::retrieval_panel::RetrievalState;
use crate::app::session::{Loading, Session, SessionError};
use crate::storage::OpenedProject;
use std::path::PathBuf;

impl GlossApp {
    pub(super) fn open_start_target(&mut self, start: StartTarget) {
        match start {
            StartTarget::Path(path) => self.open_path(path),
            StartTarget::RecentOrSample => self.open_recent_or_sample(),
            StartTarget::Nothing => {}
        }
    }

    /// Opens a folder or project file on a background thread. The current
    /// project is saved first; if that fails, nothing else happens.
    pub(super) fn open_path(&mut self, path: PathBuf) {
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
        match Loading::start(path.clone(), &self.ctx, &self.clock) {
            Ok(loading) => self.loading = Some(loading),
            Err(error) => self.show_open_error(path, error),
        }
    }

    fn open_recent_or_sample(&mut self) {
        match crate::storage::first_taken(&self.recent_projects) {
            Some(recent) => self.open_path(recent.clone()),
            None => self.open_sample(),
        }
    }

    /// Opens the user's copy of the sample project, installing it on first use.
    pub(super) fn open_sample(&mut self) {
        let Some(dirs) = &self.user_dirs else {
            self.open_error = Some((PathBuf::from("sample"), OpenError::NoDataFolder));
            return;
        };
        match dirs.install_sample() {
            Ok(project_file) => self.open_path(project_file),
            Err(error) => self.open_error = Some((dirs.sample_folder(), error.into())),
        }
    }

    /// Takes in the background opening's result, once it is there.
    pub(super) fn poll_loading(&mut self) {
        if let Some(result) = self.loading.as_ref().and_then(Loading::poll) {
            self.finish_loading(result);
        }
    }

    /// Ends the loading with its result: the project is taken over, or the error shown.
    pub(super) fn finish_loading(&mut self, result: Result<OpenedProject, SessionError>) {
        let Some(loading) = self.loading.take() else {
            return;
        };
        match result {
            Ok(opened) => self.take_over(opened),
            Err(error) => self.show_open_error(loading.path, error),
        }
    }

    /// Why `path` did not open: in the status bar over an open project, else on the welcome screen.
    fn show_open_error(&mut self, path: PathBuf, error: SessionError) {
        if self.session.is_some() {
            self.report_error(format!("Could not open {}: {error}", path.display()));
        } else {
            self.open_error = Some((path, error.into()));
        }
    }

    /// Makes `opened` the open project: saves and closes the old one, resets the view.
    fn take_over(&mut self, opened: OpenedProject) {
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
        let relocated = opened.relocated.len();
        let session = Session::new(opened, self.clock.clone());
        self.remember_recent(&session);
        self.reset_view(&session);
        let documents = session.workspace.project.documents.len();
        let problems = session.skipped.len() + session.missing.len();
        self.problems_banner = problems > 0;
        let name = session.location.folder.display().to_string();
        let mut notes = rescued_note(&crate::storage::rescue_copies(&session.location.folder));
        let conflicts = session.workspace.project.conflicts.len();
        if conflicts > 0 {
            notes.push_str(&format!(
                " {conflicts} merge conflict(s) are recorded for review: View ▸ Merge conflicts, or the button in the status bar (see docs/merging.md)."
            ));
        }
        self.session = Some(session);
        if problems > 0 {
            self.report_error(format!(
                "Opened {name}: {documents} documents; {problems} file(s) could not be read (see Help, Problems while opening).{notes}"
            ));
        } else {
            let moved = match relocated {
                0 => String::new(),
                1 => " 1 document was found at a new path.".to_owned(),
                n => format!(" {n} documents were found at new paths."),
            };
            let text = format!("Opened {name}: {documents} documents.{moved}{notes}");
            if notes.is_empty() {
                self.report(text);
            } else {
                // Stays until dismissed: rescued edits or merge conflicts wait for review.
                self.report_error(text);
            }
        }
    }

    /// Puts the project (its file, or its folder before the first save) first in the recent list.
    fn remember_recent(&mut self, session: &Session) {
        let remembered = if session.has_project_file() {
            session.project_file()
        } else {
            &session.location.folder
        };
        if let Some(dirs) = &self.user_dirs {
            // The recent list is a convenience; failing to write it is not worth an error.
            let _ = dirs.remember_recent(remembered);
            self.recent_projects = dirs.recent_projects();
        }
    }

    /// The first document, nothing selected, the panels' state of the old project forgotten.
    fn reset_view(&mut self, session: &Session) {
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
        self.retrieval = RetrievalState::default();
        self.project_coders = ProjectCoders::default();
        self.coder_compare = CoderCompareState::default();
        self.agreement = AgreementState::default();
        self.documents_panel.filter.clear();
        self.open_error = None;
    }
}

/// " 1 copy of edits that could not be saved is beside it: …", or "" when none.
fn rescued_note(copies: &[String]) -> String {
    match copies {
        [] => String::new(),
        [one] => format!(
            " A copy of edits that could not be saved earlier is beside it: {one} (File ▸ Open project file to look at it)."
        ),
        [.., newest] => format!(
            " {} copies of edits that could not be saved earlier are beside it, the newest {newest} (File ▸ Open project file to look at them).",
            copies.len()
        ),
    }
}
