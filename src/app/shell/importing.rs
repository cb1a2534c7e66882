//! Import and add documents from the window (File ▸ Import…, File ▸ Add
//! documents…). The file is read, planned and the new document files written
//! on a background job (`jobs.rs`); the window then applies the plan's edit as
//! ONE undoable step, puts the new texts beside it, and shows a per-item report.

use super::app::GlossApp;
use super::background::Job;
use super::jobs::{ProjectJobDone, add_in_background, file_name, import_in_background};
use super::path_request::PathPurpose;
use crate::app::import_dialog::ItemReport;
use crate::model::workspace::Workspace;
use crate::storage;
use std::path::PathBuf;
use std::time::Duration;

impl GlossApp {
    /// Asks for the file to import (File ▸ Import…).
    pub(super) fn import(&mut self) {
        if self.refuse_project_job() {
            return;
        }
        self.ask_for_path(PathPurpose::Import);
    }

    /// Asks for the documents to add (File ▸ Add documents…).
    pub(super) fn add_documents(&mut self) {
        if self.refuse_project_job() {
            return;
        }
        self.ask_for_path(PathPurpose::AddDocuments);
    }

    /// Says why no import or add can start now (none open, read-only, one running).
    fn refuse_project_job(&mut self) -> bool {
        let why = match &self.session {
            None => {
                Some("Open a folder first (File ▸ Open folder…); imports go into the open project.")
            }
            Some(session) if session.is_read_only() => {
                Some("This project is read-only here; nothing can be imported.")
            }
            Some(_) if self.project_job.is_some() => {
                Some("An import is still running; wait for it to finish.")
            }
            Some(_) => None,
        };
        if let Some(why) = why {
            self.report_error(why);
        }
        why.is_some()
    }

    /// A snapshot of the open project and its folder, for a background job.
    fn snapshot(&self) -> Option<(Workspace, PathBuf)> {
        self.session.as_ref().map(|session| {
            (
                Workspace::new(
                    session.workspace.project.clone(),
                    session.workspace.texts.clone(),
                ),
                session.location.folder.clone(),
            )
        })
    }

    /// Imports `file` into the open project on a background job.
    pub(super) fn start_import(&mut self, file: PathBuf) {
        if self.refuse_project_job() {
            return;
        }
        let Some((workspace, folder)) = self.snapshot() else {
            return;
        };
        let coder = if self.coder.is_empty() {
            storage::coder_name_from_environment()
        } else {
            self.coder.clone()
        };
        let label = format!("Importing {}", file_name(&file));
        let job_folder = folder.clone();
        let job = Job::start(label, &self.ctx, &self.clock, move |progress| {
            import_in_background(&file, &job_folder, &workspace, &coder, progress)
        });
        self.start_project_job(job, folder);
    }

    /// Copies `files` into the project folder and adds them, on a background job.
    pub(super) fn start_adding_documents(&mut self, files: Vec<PathBuf>) {
        if self.refuse_project_job() {
            return;
        }
        let Some((workspace, folder)) = self.snapshot() else {
            return;
        };
        let known: Vec<String> = workspace
            .project
            .documents
            .iter()
            .map(|d| d.path.clone())
            .collect();
        let label = format!("Adding {} document(s)", files.len());
        let job_folder = folder.clone();
        let job = Job::start(label, &self.ctx, &self.clock, move |progress| {
            add_in_background(&files, &job_folder, &known, progress)
        });
        self.start_project_job(job, folder);
    }

    /// Keeps the running job and the folder it writes into.
    fn start_project_job(&mut self, job: std::io::Result<Job<ProjectJobDone>>, folder: PathBuf) {
        match job {
            Ok(job) => self.project_job = Some((folder, job)),
            Err(error) => self.report_error(format!("Could not start: {error}")),
        }
    }

    /// Takes a finished import or add in.
    pub(super) fn poll_project_job(&mut self) {
        if let Some(result) = self.project_job.as_ref().and_then(|(_, job)| job.poll()) {
            self.finish_project_job(result);
        }
    }

    /// Waits up to `timeout` for a running import or add and takes it in
    /// (without drawing); returns whether none runs any more.
    pub fn wait_for_import(&mut self, timeout: Duration) -> bool {
        if let Some(result) = self
            .project_job
            .as_ref()
            .and_then(|(_, job)| job.wait(timeout))
        {
            self.finish_project_job(result);
        }
        self.project_job.is_none()
    }

    /// The report of the last import or add, while it shows.
    pub fn item_report(&self) -> Option<&ItemReport> {
        self.item_report.as_ref()
    }

    /// Applies the job's edit as one undoable step and puts its texts beside it,
    /// only to the project it was planned for (another may have been opened meanwhile).
    fn finish_project_job(&mut self, result: Option<ProjectJobDone>) {
        let job_folder = self.project_job.take().map(|(folder, _)| folder);
        let Some(done) = result else {
            return self.report_error("The import stopped unexpectedly; the project is unchanged.");
        };
        let ProjectJobDone {
            edit,
            texts,
            mut report,
        } = done;
        let Some(session) = self
            .session
            .as_mut()
            .filter(|s| Some(&s.location.folder) == job_folder.as_ref())
        else {
            return self.report_error(format!(
                "{}: not applied, another project was opened meanwhile (its files stay in {}).",
                report.heading,
                job_folder.map_or_else(String::new, |f| f.display().to_string())
            ));
        };
        if let Some(edit) = edit {
            if let Err(error) = session.apply(edit) {
                report
                    .problems
                    .insert(0, format!("The project was not changed: {error}"));
                report.changed = false;
                report.summary =
                    "Nothing imported (the project changed meanwhile; try again).".to_owned();
            } else {
                for (path, text) in texts {
                    let id = session
                        .workspace
                        .project
                        .documents
                        .iter()
                        .find(|d| d.path == path)
                        .map(|d| d.id.clone());
                    if let Some(id) = id {
                        session.workspace.texts.insert(id, text);
                    }
                }
            }
        }
        if self.current_document.is_none() {
            self.current_document = session
                .workspace
                .project
                .documents
                .first()
                .map(|d| d.id.clone());
        }
        let message = format!("{}: {}", report.heading, report.summary);
        if report.changed {
            self.report(message);
        } else {
            self.report_error(message);
        }
        self.item_report = Some(report);
    }
}
