//! Export from the window: the bytes `gloss export` writes, for what the
//! coded-passages view retrieves, asked where with a save dialog and written
//! atomically through `storage`. (Exports run on the UI thread for now; #11
//! moves them off it, here.)

use super::file_dialogs::{DialogAnswer, SaveRequest, ask_save_path};
use crate::app::clock::Clock;
use crate::app::commands::Command;
use crate::export::{ExportError, ExportFormat, ExportOptions, export_to_bytes};
use crate::model::query::RetrievalFilter;
use crate::model::workspace::Workspace;
use crate::storage::{self, StorageError};
use std::path::Path;

/// How an export from the window ended, when nothing failed.
#[derive(Debug, PartialEq, Eq)]
pub enum ExportOutcome {
    /// Written; the message says where and how much.
    Written(String),
    /// The user closed the save dialog.
    Cancelled,
    /// No save dialog could be shown; the message says what to do instead.
    NoDialog(&'static str),
}

/// Why an export from the window failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportFailure {
    /// The format could not be built (e.g. nothing to export).
    #[error(transparent)]
    Export(#[from] ExportError),
    /// The file could not be written.
    #[error(transparent)]
    Write(#[from] StorageError),
}

/// Builds the export of `format` for `filter`, asks where to save it, writes it.
/// The project folder names the default file ("sample-excerpts.csv").
pub fn export_with_dialog(
    workspace: &Workspace,
    project_folder: &Path,
    format: ExportFormat,
    filter: &RetrievalFilter,
    clock: &Clock,
) -> Result<ExportOutcome, ExportFailure> {
    let project_name = project_folder
        .file_name()
        .map_or_else(|| "gloss".to_owned(), |n| n.to_string_lossy().into_owned());
    let options = ExportOptions {
        project_name: project_name.clone(),
        now: crate::model::now_timestamp(),
    };
    let (bytes, report) = export_to_bytes(workspace, format, filter, &options)?;
    let file_name = format.default_file_name(&project_name);
    let request = SaveRequest {
        title: Command::Export(format).label().trim_end_matches('…'),
        file_name: &file_name,
        extension: format.extension(),
    };
    let path = match ask_save_path(&request, clock) {
        DialogAnswer::Picked(path) => path,
        DialogAnswer::Cancelled => return Ok(ExportOutcome::Cancelled),
        DialogAnswer::Failed(message) => return Ok(ExportOutcome::NoDialog(message)),
    };
    storage::write_atomically(&path, &bytes)?;
    let mut message = if format.uses_filter() {
        format!(
            "Exported {} annotations to {}",
            report.annotations,
            path.display()
        )
    } else {
        format!("Exported to {}", path.display())
    };
    if let Some(risk) = report.notes.iter().find(|n| n.starts_with("Risk")) {
        message.push_str(&format!(" — {risk}"));
    }
    Ok(ExportOutcome::Written(message))
}
