//! What an export needs besides the workspace and the filter, and what it
//! returns: [`ExportOptions`], [`ExportReport`], [`ExportError`].

use std::io;

/// What an export needs besides the workspace and the filter.
#[derive(Clone, Debug)]
pub struct ExportOptions {
    /// Shown as the report's and the REFI-QDA project's name.
    pub project_name: String,
    /// RFC 3339 timestamp written into the files.
    pub now: String,
}

/// What an export did, and what the user should know about the result.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportReport {
    /// Annotations written (0 for codebook formats).
    pub annotations: usize,
    /// Readable remarks (e.g. what another QDA tool will and will not see).
    pub notes: Vec<String>,
}

impl ExportReport {
    /// A report of `annotations` written, with nothing to remark.
    pub(crate) fn written(annotations: usize) -> Self {
        Self {
            annotations,
            notes: Vec::new(),
        }
    }
}

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Writing the bytes failed.
    #[error("cannot write the export: {0}")]
    Io(#[from] io::Error),
    /// The Excel writer refused the workbook.
    #[error("cannot build the workbook: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// The zip writer refused the `.qdpx` archive.
    #[error("cannot build the archive: {0}")]
    Zip(#[from] zip::result::ZipError),
    /// A REFI-QDA codebook needs at least one code.
    #[error(
        "nothing to export: the codebook is empty: a REFI-QDA codebook needs at least one code"
    )]
    EmptyCodebook,
}
