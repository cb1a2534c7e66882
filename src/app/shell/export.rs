//! Export from the window: the bytes `gloss export` writes, for what the
//! coded-passages view retrieves, asked where with a save dialog (or the
//! window's own picker), then built and written atomically on a background
//! job (`jobs::export_to_file`) so the window stays responsive; the status bar
//! says when it is done. Figures of the analysis view (SVG, PNG) and the HTML
//! analysis report go the same way, with the analysis view's choices.

use super::app::GlossApp;
use super::background::Job;
use super::jobs::{ExportResult, analysis_report_to_file, export_to_file, figure_to_file};
use super::path_request::PathPurpose;
use crate::export::figure::{FigureChoices, FigureFormat, FigureKind};
use crate::export::report::AnalysisReportChoices;
use crate::export::{ExportFormat, ExportOptions};
use crate::model::query::RetrievalFilter;
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

    /// Exports a figure of the analysis view: asks where first.
    pub(super) fn export_figure(&mut self, figure: FigureKind, format: FigureFormat) {
        if self.can_start_export() {
            self.ask_for_path(PathPurpose::Figure(figure, format));
        }
    }

    /// Exports the HTML analysis report: asks where first.
    pub(super) fn export_analysis_report(&mut self) {
        if self.can_start_export() {
            self.ask_for_path(PathPurpose::AnalysisReport);
        }
    }

    /// Is a project open and no export running? Says why not.
    fn can_start_export(&mut self) -> bool {
        if self.session.is_none() {
            self.report_error("No project open.");
            return false;
        }
        if self.export_job.is_some() {
            self.report_error("An export is still running; wait for it to finish.");
            return false;
        }
        true
    }

    /// A snapshot of the workspace and the analysis view's filter (the
    /// coded-passages filter without a drill-down's ids), for a job.
    fn analysis_snapshot(&self) -> Option<(Workspace, RetrievalFilter)> {
        let session = self.session.as_ref()?;
        let workspace = Workspace::new(
            session.workspace.project.clone(),
            session.workspace.texts.clone(),
        );
        let filter = RetrievalFilter {
            annotation_ids: None,
            ..self.retrieval.filter.clone()
        };
        Some((workspace, filter))
    }

    /// Starts drawing the figure with the analysis view's choices and writing it to `path`.
    pub(super) fn start_figure_export(
        &mut self,
        figure: FigureKind,
        format: FigureFormat,
        path: PathBuf,
    ) {
        let Some((workspace, filter)) = self.analysis_snapshot() else {
            return self.report_error("No project open.");
        };
        let choices = FigureChoices {
            kind: figure,
            level: self.analysis.level.clone(),
            period: self.analysis.period,
            date_key: self.analysis.date_key.clone(),
            over_time_by: self.analysis.over_time_dimension(),
            over_time_form: self.analysis_chart.over_time_form,
        };
        let label = format!("Exporting the chart as {}", format.name());
        let job = Job::start(label, &self.ctx, &self.clock, move |_| {
            figure_to_file(&workspace, &filter, &choices, format, &path)
        });
        match job {
            Ok(job) => self.export_job = Some(job),
            Err(error) => self.report_error(format!("The export could not start: {error}")),
        }
    }

    /// Starts building the HTML analysis report and writing it to `path`.
    pub(super) fn start_report_export(&mut self, path: PathBuf) {
        let Some((workspace, filter)) = self.analysis_snapshot() else {
            return self.report_error("No project open.");
        };
        let choices = AnalysisReportChoices {
            level: self.analysis.level.clone(),
            attribute: self.analysis.attribute.clone(),
            period: self.analysis.period,
            date_key: self.analysis.date_key.clone(),
            over_time_by: self.analysis.over_time_dimension(),
            over_time_form: self.analysis_chart.over_time_form,
        };
        let options = ExportOptions {
            project_name: self.project_name(),
            now: crate::model::now_timestamp(),
        };
        let job = Job::start(
            "Exporting the analysis report".to_owned(),
            &self.ctx,
            &self.clock,
            move |_| analysis_report_to_file(&workspace, &filter, &choices, &options, &path),
        );
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
