//! Export from the window: the bytes `gloss export` writes, for what the
//! coded-passages view retrieves, asked where with a save dialog (or the
//! window's own picker), then built and written atomically on a background
//! job (`jobs::export_to_file`) so the window stays responsive; the status bar
//! says when it is done.

use super::app::GlossApp;
use super::background::Job;
use super::jobs::{ExportResult, export_to_file};
use super::path_request::PathPurpose;
use crate::export::{ExportFormat, ExportOptions};
use crate::model::workspace::Workspace;
use std::path::PathBuf;
use std::time::Duration;

impl GlossApp {
    /// Exports what the coded-passages view retrieves (its filter; all annotations
    /// without one): asks where first.
    pub(super) fn export(&mut self, format: ExportFormat) {
        if self.session.is_none() {
            return self.report_error("No project open.");
        }
        if self.export_job.is_some() {
            return self.report_error("An export is still running; wait for it to finish.");
        }
        self.ask_for_path(PathPurpose::Export(format));
    }

    /// Starts building and writing the export to `path` on a background job.
    pub(super) fn start_export(&mut self, format: ExportFormat, path: PathBuf) {
        let Some(session) = &self.session else {
            return self.report_error("No project open.");
        };
        // A snapshot: the user may go on editing while the export is written.
        let workspace = Workspace::new(
            session.workspace.project.clone(),
            session.workspace.texts.clone(),
        );
        let filter = self.retrieval.filter.clone();
        let folder = session.location.folder.clone();
        let options = ExportOptions {
            project_name: self.project_name(),
            now: crate::model::now_timestamp(),
        };
        let label = format!(
            "Exporting {}",
            crate::app::commands::Command::Export(format)
                .label()
                .trim_end_matches('…')
                .to_lowercase()
        );
        let job = Job::start(label, &self.ctx, &self.clock, move |_| {
            export_to_file(&workspace, format, &filter, &options, (&path, &folder))
        });
        match job {
            Ok(job) => self.export_job = Some(job),
            Err(error) => self.report_error(format!("The export could not start: {error}")),
        }
    }

    /// Takes the export's result once it is written.
    pub(super) fn poll_export(&mut self) {
        let Some(result) = self.export_job.as_ref().and_then(Job::poll) else {
            return;
        };
        self.export_job = None;
        self.finish_export(result);
    }

    fn finish_export(&mut self, result: Option<ExportResult>) {
        match result {
            Some(Ok(message)) => self.report(message),
            Some(Err(error)) => self.report_error(format!("Not exported: {error}")),
            None => self.report_error("The export stopped unexpectedly; nothing was written."),
        }
    }

    /// Is an export being written in the background?
    pub fn is_exporting(&self) -> bool {
        self.export_job.is_some()
    }

    /// Waits up to `timeout` for a running export and takes its result in
    /// (without drawing a frame); returns whether no export runs any more.
    pub fn wait_for_export(&mut self, timeout: Duration) -> bool {
        if let Some(result) = self.export_job.as_ref().and_then(|job| job.wait(timeout)) {
            self.export_job = None;
            self.finish_export(result);
        }
        self.export_job.is_none()
    }
}
