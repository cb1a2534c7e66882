//! Exports of coded passages. Each format turns the project into bytes written
//! to any `io::Write`; the window and `gloss export` call the same functions
//! ([`export`]), with the same [`RetrievalFilter`], so both give identical files.
//! Imports (the other direction) live in `import`.
//!
//! - [`format`]: [`ExportFormat`], with command-line names and menu labels.
//! - [`options`]: [`ExportOptions`] in, [`ExportReport`] or [`ExportError`] out.
//! - [`passage`], [`coding_names`], [`row`], [`table`]: one annotation's text
//!   and context, its codes by name, its row, and the table's columns →
//!   [`csv`], [`xlsx`], [`jsonl`].
//! - [`report`]: readable Markdown and HTML reports from one report model.
//! - [`w3c`]: W3C Web Annotations; [`codebook_csv`]; [`qdpx`]: REFI-QDA.
//! - [`analysis`]: analysis tables (`gloss analyze`) as CSV and XLSX.

pub mod analysis;
pub mod codebook_csv;
pub mod coding_names;
pub mod csv;
pub mod figure;
pub mod format;
pub mod jsonl;
pub mod options;
mod parallel;
pub mod passage;
pub mod qdpx;
pub mod report;
pub mod row;
pub mod table;
pub mod w3c;
pub mod xlsx;

pub use format::{ExportFormat, UnknownExportFormat};
pub use options::{ExportError, ExportOptions, ExportReport};
pub use qdpx::SourceFiles;
pub use row::ExcerptRow;

use crate::model::query::RetrievalFilter;
use crate::model::workspace::Workspace;
use std::io::Write;

/// Writes `format` for the annotations that pass `filter`.
pub fn export(
    workspace: &Workspace,
    format: ExportFormat,
    filter: &RetrievalFilter,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> Result<ExportReport, ExportError> {
    let rows = || ExcerptRow::matching(workspace, filter);
    match format {
        ExportFormat::Csv => {
            let rows = rows();
            csv::write_csv(&rows, out)?;
            Ok(ExportReport::written(rows.len()))
        }
        ExportFormat::Xlsx => xlsx::write_xlsx(&rows(), filter, workspace, options, out),
        ExportFormat::Md => Ok(ExportReport::written(report::write_markdown(
            workspace, filter, options, out,
        )?)),
        ExportFormat::Html => Ok(ExportReport::written(report::write_html(
            workspace, filter, options, out,
        )?)),
        ExportFormat::Jsonl => {
            let rows = rows();
            jsonl::write_jsonl(&rows, out)?;
            Ok(ExportReport::written(rows.len()))
        }
        ExportFormat::W3c => Ok(ExportReport::written(w3c::write_w3c(
            workspace, filter, options, out,
        )?)),
        ExportFormat::CodebookCsv => {
            codebook_csv::write_codebook_csv(&workspace.project, out)?;
            Ok(ExportReport::written(0))
        }
        ExportFormat::Qdc => {
            qdpx::write_qdc(&workspace.project, out)?;
            Ok(ExportReport::written(0))
        }
        ExportFormat::Qdpx => qdpx::write_qdpx(workspace, filter, options, out),
    }
}

/// [`export`] into memory (the window writes the bytes where the save dialog says).
pub fn export_to_bytes(
    workspace: &Workspace,
    format: ExportFormat,
    filter: &RetrievalFilter,
    options: &ExportOptions,
) -> Result<(Vec<u8>, ExportReport), ExportError> {
    export_to_bytes_with_originals(workspace, format, filter, options, &SourceFiles::new())
}

/// Like [`export_to_bytes`]; a `.qdpx` export also stores the original files
/// in `originals` (PDF, Word) beside the texts. Other formats ignore them.
pub fn export_to_bytes_with_originals(
    workspace: &Workspace,
    format: ExportFormat,
    filter: &RetrievalFilter,
    options: &ExportOptions,
    originals: &SourceFiles,
) -> Result<(Vec<u8>, ExportReport), ExportError> {
    let mut bytes = Vec::new();
    let report = if format == ExportFormat::Qdpx {
        qdpx::write_qdpx_with_originals(workspace, filter, options, originals, &mut bytes)?
    } else {
        export(workspace, format, filter, options, &mut bytes)?
    };
    Ok((bytes, report))
}
