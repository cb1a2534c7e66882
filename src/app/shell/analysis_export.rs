//! Export of the analysis table shown, from the analysis view's Export menu:
//! the CSV or XLSX `gloss analyze --csv/--xlsx` writes (`export::analysis`),
//! asked where with a save dialog (or the window's own picker), then written
//! atomically on a background job, the same slot and status-bar message as
//! every other export from the window.

use super::app::GlossApp;
use super::background::Job;
use super::jobs::{ExportFailure, ExportResult};
use super::path_request::PathPurpose;
use crate::app::analysis_view::TableFile;
use crate::export::analysis::{AnalysisAbout, write_analysis_csv, write_analysis_xlsx};
use crate::export::{ExportError, ExportOptions};
use crate::model::analysis::AnalysisTable;
use crate::storage;
use std::path::{Path, PathBuf};

impl GlossApp {
    /// Exports the analysis table shown: asks where first.
    pub(super) fn export_analysis_table(&mut self, file: TableFile) {
        if self.session.is_none() {
            return self.report_error("No project open.");
        }
        if self.export_job.is_some() {
            return self.report_error("An export is still running; wait for it to finish.");
        }
        if self.analysis.shown_table().is_none() {
            return self.report_error("No analysis table is shown.");
        }
        self.ask_for_path(PathPurpose::AnalysisTable(file));
    }

    /// Writes the table shown (as it is now) to `path` on a background job.
    pub(super) fn start_analysis_table_export(&mut self, file: TableFile, path: PathBuf) {
        let Some((table, about)) = self.analysis.shown_table() else {
            return self.report_error("No analysis table is shown.");
        };
        let options = ExportOptions {
            project_name: self.project_name(),
            now: crate::model::now_timestamp(),
        };
        let label = format!("Exporting the analysis table as {}", file.extension());
        let job = Job::start(label, &self.ctx, &self.clock, move |_| {
            write_table_file(&table, &about, &options, file, &path)
        });
        match job {
            Ok(job) => self.export_job = Some(job),
            Err(error) => self.report_error(format!("The export could not start: {error}")),
        }
    }
}

/// Builds the file's bytes and writes them to `path`.
fn write_table_file(
    table: &AnalysisTable,
    about: &AnalysisAbout,
    options: &ExportOptions,
    file: TableFile,
    path: &Path,
) -> ExportResult {
    let mut bytes = Vec::new();
    match file {
        TableFile::Csv => {
            write_analysis_csv(table, &mut bytes).map_err(ExportError::from)?;
        }
        TableFile::Xlsx => {
            write_analysis_xlsx(table, about, options, &mut bytes)?;
        }
    }
    storage::write_atomically(path, &bytes).map_err(ExportFailure::from)?;
    Ok(format!(
        "Exported the table ({} rows) to {}",
        table.rows.len(),
        path.display()
    ))
}
