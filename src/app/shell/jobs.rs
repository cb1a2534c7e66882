//! The work of background jobs, without the window: building and writing an
//! export (a figure, the analysis report), reading/planning/writing an import (as `gloss import` does), and
//! copying documents into the project folder. Each returns what the window
//! applies on the UI thread (one undoable edit) and reports.

use super::background::JobProgress;
use crate::app::import_dialog::ItemReport;
use crate::export::figure::{
    FigureChoices, FigureError, FigureFormat, PRINT_DPI, figure_svg, png_from_svg,
};
use crate::export::report::{AnalysisReportChoices, write_analysis_html};
use crate::export::{
    ExportError, ExportFormat, ExportOptions, SourceFiles, export_to_bytes_with_originals,
};
use crate::extract;
use crate::import::{ImportPlan, NewDocumentFile, detect_import_format, plan_import};
use crate::model::document::{DocumentRecord, LoadedText};
use crate::model::edit::Edit;
use crate::model::query::RetrievalFilter;
use crate::model::structure::SourceFormat;
use crate::model::workspace::Workspace;
use crate::storage::{self, StorageError};
use std::path::{Path, PathBuf};

/// Why an export from the window failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportFailure {
    /// The format could not be built (e.g. nothing to export).
    #[error(transparent)]
    Export(#[from] ExportError),
    /// The file could not be written.
    #[error(transparent)]
    Write(#[from] StorageError),
    /// The figure could not be rendered.
    #[error(transparent)]
    Figure(#[from] FigureError),
}

/// What an export job hands back: the message for the status bar, or why it failed.
pub type ExportResult = Result<String, ExportFailure>;

/// Builds the export of `format` for `filter` from `workspace` and writes it to `path`;
/// returns the message saying where and how much. A `.qdpx` archive also
/// stores the original PDF/Word files read from the project's `folder`.
pub(super) fn export_to_file(
    workspace: &Workspace,
    format: ExportFormat,
    filter: &RetrievalFilter,
    options: &ExportOptions,
    (path, folder): (&Path, &Path),
) -> ExportResult {
    let originals = if format == ExportFormat::Qdpx {
        storage::read_original_files(folder, workspace)
    } else {
        SourceFiles::new()
    };
    let (bytes, report) =
        export_to_bytes_with_originals(workspace, format, filter, options, &originals)?;
    storage::write_atomically(path, &bytes)?;
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
    Ok(message)
}

/// Draws the figure of `choices` for `filter`, as SVG or as a PNG at print
/// resolution, and writes it to `path`.
pub(super) fn figure_to_file(
    workspace: &Workspace,
    filter: &RetrievalFilter,
    choices: &FigureChoices,
    format: FigureFormat,
    path: &Path,
) -> ExportResult {
    let svg = figure_svg(workspace, filter, choices);
    let bytes = match format {
        FigureFormat::Svg => svg.into_bytes(),
        FigureFormat::Png => png_from_svg(&svg, PRINT_DPI)?,
    };
    storage::write_atomically(path, &bytes)?;
    Ok(format!(
        "Exported the chart as {} to {}",
        format.name(),
        path.display()
    ))
}

/// Builds the HTML analysis report for `filter` and writes it to `path`.
pub(super) fn analysis_report_to_file(
    workspace: &Workspace,
    filter: &RetrievalFilter,
    choices: &AnalysisReportChoices,
    options: &ExportOptions,
    path: &Path,
) -> ExportResult {
    let mut bytes = Vec::new();
    let annotations = write_analysis_html(workspace, filter, choices, options, &mut bytes)
        .map_err(ExportError::Io)?;
    storage::write_atomically(path, &bytes)?;
    Ok(format!(
        "Exported the analysis report of {annotations} annotations to {}",
        path.display()
    ))
}

/// What a background import or add hands back to the window.
pub struct ProjectJobDone {
    /// The edit to apply as one step (`None`: nothing changes).
    pub(super) edit: Option<Edit>,
    /// Texts of the documents written, by their path in the project.
    pub(super) texts: Vec<(String, LoadedText)>,
    /// What the report window says.
    pub(super) report: ItemReport,
}

/// The report of a job that changed nothing and why.
fn refused(heading: String, why: String) -> ProjectJobDone {
    ProjectJobDone {
        edit: None,
        texts: Vec::new(),
        report: ItemReport {
            heading,
            summary: why,
            problems: Vec::new(),
            changed: false,
        },
    }
}

/// The file name of `path` for messages.
pub(super) fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Reads, plans and writes an import into `folder` (a snapshot of the project as `workspace`).
pub(super) fn import_in_background(
    file: &Path,
    folder: &Path,
    workspace: &Workspace,
    coder: &str,
    progress: &JobProgress,
) -> ProjectJobDone {
    let heading = format!("Imported {}", file_name(file));
    progress.set_total(3);
    let bytes = match storage::read_file(file) {
        Ok(bytes) => bytes,
        Err(error) => return refused(heading, format!("Nothing imported: {error}")),
    };
    progress.step();
    let Some(format) = detect_import_format(&file_name(file), &bytes) else {
        return refused(
            heading,
            "Nothing imported: this is not a REFI-QDA project (.qdpx) or codebook (.qdc), a codebook CSV (a topic column) or a Taguette highlights CSV.".to_owned(),
        );
    };
    let now = crate::model::now_timestamp();
    let plan = match plan_import(format, &bytes, None, workspace, coder, &now) {
        Ok(plan) => plan,
        Err(error) => return refused(heading, format!("Nothing imported: {error}")),
    };
    progress.step();
    let ImportPlan {
        new_files,
        edit,
        report,
    } = plan;
    let targets: Vec<PathBuf> = new_files.iter().map(|f| folder.join(&f.path)).collect();
    if let Some(taken) = storage::first_taken(&targets) {
        return refused(
            heading,
            format!(
                "Nothing imported: {} exists already in the project folder (import into a new folder, or move it away).",
                taken.display()
            ),
        );
    }
    let documents = new_files
        .iter()
        .map(|f| (f.path.as_str(), f.text.as_bytes()));
    if let Err(error) = storage::write_new_documents(folder, documents) {
        return refused(heading, format!("Nothing imported: {error}"));
    }
    progress.step();
    let texts = new_files
        .into_iter()
        .map(|NewDocumentFile { path, text }| {
            let loaded = LoadedText::from_string(&text);
            (path, loaded)
        })
        .collect();
    ProjectJobDone {
        report: ItemReport {
            heading,
            summary: report.summary,
            problems: report.problems,
            changed: edit.is_some(),
        },
        edit,
        texts,
    }
}

/// Copies `files` into `folder` (skipping, with a reason, what is not a
/// document, cannot be read or would replace a file or record there) and
/// returns one edit that adds their records.
pub(super) fn add_in_background(
    files: &[PathBuf],
    folder: &Path,
    known_paths: &[String],
    progress: &JobProgress,
) -> ProjectJobDone {
    progress.set_total(files.len());
    let mut problems = Vec::new();
    let mut edits = Vec::new();
    let mut texts = Vec::new();
    for file in files {
        progress.step();
        let name = file_name(file);
        // The formats the folder scan reads.
        if SourceFormat::from_file_name(&name).is_none() {
            problems.push(format!(
                "{name}: not a document Gloss reads (.txt, .md, .pdf, .docx, .odt, .html, .epub, .rtf); skipped"
            ));
            continue;
        }
        if known_paths.iter().any(|p| p == &name)
            || storage::path_kind(&folder.join(&name)).is_some()
        {
            problems.push(format!(
                "{name}: the project folder has a file of this name already; skipped"
            ));
            continue;
        }
        let loaded = match storage::read_document_in_project(file, folder) {
            Ok(loaded) => loaded,
            Err(error) => {
                problems.push(format!("{name}: {error}; skipped"));
                continue;
            }
        };
        let copied = storage::read_file(file).and_then(|bytes| {
            storage::write_new_documents(folder, [(name.as_str(), bytes.as_slice())])
        });
        if let Err(error) = copied {
            problems.push(format!("{name}: not copied ({error}); skipped"));
            continue;
        }
        let mut record = DocumentRecord::new(&name, &loaded.sha256);
        record
            .attributes
            .extend(extract::metadata_attributes(&loaded.structure));
        edits.push(Edit::Document {
            before: None,
            after: Some(record),
        });
        texts.push((name, loaded));
    }
    let added = edits.len();
    let summary = match added {
        1 => "1 document copied into the project folder and added.".to_owned(),
        n => format!("{n} documents copied into the project folder and added."),
    };
    ProjectJobDone {
        edit: (added > 0).then(|| Edit::batch(format!("add {added} document(s)"), edits)),
        texts,
        report: ItemReport {
            heading: "Added documents".to_owned(),
            summary,
            problems,
            changed: added > 0,
        },
    }
}
