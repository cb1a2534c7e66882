//! What an import produces: new document files to write, one undoable edit
//! for the project, and a report with one line per item that could not be
//! mapped exactly. Every importer returns an [`ImportPlan`].
//!
//! Importers never touch the file system; the caller writes `new_files`
//! (relative paths made safe by
//! [`safe_document_path`](crate::import::document_path::safe_document_path))
//! and applies `edit`.

use crate::model::edit::Edit;

/// A document text to write into the project folder before applying the edit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewDocumentFile {
    /// Relative, `/`-separated, without `..` or absolute parts.
    pub path: String,
    /// Canonical text (LF line ends), written as UTF-8 without BOM.
    pub text: String,
}

/// What an import found, for the user.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// One-line totals ("3 documents, 12 topics, 40 annotations imported").
    pub summary: String,
    /// One line per item that could not be mapped or placed exactly.
    pub problems: Vec<String>,
}

/// The result of reading an import file against a project.
#[derive(Clone, Debug, Default)]
pub struct ImportPlan {
    /// Document texts to write first (only REFI-QDA projects bring documents).
    pub new_files: Vec<NewDocumentFile>,
    /// All changes as one batch (undoable as one step); `None` when nothing changes.
    pub edit: Option<Edit>,
    /// Totals and per-item problems.
    pub report: ImportReport,
}

impl ImportPlan {
    /// A plan that brings no files: `edits` as one batch named `label` (none when empty).
    pub(crate) fn edits_only(label: &str, edits: Vec<Edit>, report: ImportReport) -> Self {
        Self {
            new_files: Vec::new(),
            edit: (!edits.is_empty()).then(|| Edit::batch(label, edits)),
            report,
        }
    }
}
