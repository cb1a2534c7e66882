//! Telling what an import file is and handing it to its importer: the one
//! entry point the command line (and later the window) calls.

use crate::import::codebook_csv::import_codebook_csv;
use crate::import::csv_table::CsvTable;
use crate::import::error::ImportError;
use crate::import::format::ImportFormat;
use crate::import::plan::ImportPlan;
use crate::import::qdpx::{import_qdc, import_qdpx};
use crate::import::taguette::{import_taguette, is_highlights_header};
use crate::model::workspace::Workspace;

/// Tells the format from the file name and, for CSV, its header row.
pub fn detect_import_format(file_name: &str, bytes: &[u8]) -> Option<ImportFormat> {
    let lower = file_name.to_lowercase();
    if lower.ends_with(".qdpx") || bytes.starts_with(b"PK\x03\x04") {
        return Some(ImportFormat::Qdpx);
    }
    if lower.ends_with(".qdc") {
        return Some(ImportFormat::Qdc);
    }
    if lower.ends_with(".csv") {
        let headers = CsvTable::read(bytes).ok()?.headers;
        if is_highlights_header(&headers) {
            return Some(ImportFormat::Taguette);
        }
        if headers.iter().any(|h| h == "topic" || h == "tag") {
            return Some(ImportFormat::CodebookCsv);
        }
    }
    None
}

/// Reads an import file of `format` and plans its import into `workspace`.
/// `codebook` is Taguette's codebook CSV (only used with [`ImportFormat::Taguette`]);
/// `coder` and `now` mark passages that carry no coder or time of their own.
pub fn plan_import(
    format: ImportFormat,
    bytes: &[u8],
    codebook: Option<&[u8]>,
    workspace: &Workspace,
    coder: &str,
    now: &str,
) -> Result<ImportPlan, ImportError> {
    let codebook_of_project = &workspace.project.codebook;
    match format {
        ImportFormat::Qdpx => import_qdpx(bytes, workspace, now),
        ImportFormat::Qdc => import_qdc(bytes, codebook_of_project),
        ImportFormat::CodebookCsv => import_codebook_csv(bytes, codebook_of_project),
        ImportFormat::Taguette => import_taguette(bytes, codebook, workspace, coder, now),
    }
}
