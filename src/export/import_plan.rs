//! What an import produces: new document files to write, one undoable edit
//! for the project, and a report with one line per item that could not be
//! mapped exactly. Shared by the REFI-QDA, codebook and Taguette importers.
//!
//! Importers never touch the file system; the caller writes `new_files`
//! (relative paths made safe by [`safe_document_path`]) and applies `edit`.

use crate::model::edit::Edit;
use crate::model::project::Project;
use std::collections::HashSet;

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
    pub new_files: Vec<NewDocumentFile>,
    /// All changes as one batch (undoable as one step); `None` when nothing changes.
    pub edit: Option<Edit>,
    pub report: ImportReport,
}

/// Why an import file could not be read at all.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ImportError {
    #[error("not a REFI-QDA archive: {0}")]
    Archive(String),
    #[error("the project XML cannot be read: {0}")]
    Xml(String),
    #[error("{0}")]
    Csv(String),
    #[error("{0}")]
    Invalid(String),
}

/// Windows device names that cannot be file names.
const RESERVED_NAMES: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// One path component made safe on every platform.
fn safe_component(component: &str) -> String {
    let cleaned: String = component
        .chars()
        .map(|c| match c {
            '<' | '>' | ':' | '"' | '|' | '?' | '*' | '\\' | '/' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    let trimmed = cleaned
        .trim()
        .trim_start_matches('.')
        .trim_end_matches(['.', ' '])
        .to_string();
    let stem = trimmed.split('.').next().unwrap_or("").to_lowercase();
    if RESERVED_NAMES.contains(&stem.as_str()) {
        format!("_{trimmed}")
    } else {
        trimmed
    }
}

/// A relative document path inside the project folder for an imported name:
/// no absolute part, no `..`, no hidden or reserved names, a `.txt` or `.md`
/// ending, and not colliding (case-insensitively) with `taken`.
pub fn safe_document_path(name: &str, taken: &HashSet<String>) -> String {
    let components: Vec<String> = name
        .split(['/', '\\'])
        .filter(|c| !c.is_empty() && *c != "." && *c != "..")
        .map(safe_component)
        .filter(|c| !c.is_empty())
        .collect();
    let mut path = if components.is_empty() {
        "document".to_string()
    } else {
        components.join("/")
    };
    let lower = path.to_lowercase();
    if !(lower.ends_with(".txt") || lower.ends_with(".md")) {
        path.push_str(".txt");
    }
    if !taken.contains(&path.to_lowercase()) {
        return path;
    }
    let (stem, extension) = match path.rfind('.') {
        Some(dot) => (path[..dot].to_string(), path[dot..].to_string()),
        None => (path.clone(), String::new()),
    };
    (2..)
        .map(|n| format!("{stem} ({n}){extension}"))
        .find(|candidate| !taken.contains(&candidate.to_lowercase()))
        .unwrap_or(path)
}

/// Lowercased paths of the project's documents (for [`safe_document_path`]).
pub fn taken_paths(project: &Project) -> HashSet<String> {
    project
        .documents
        .iter()
        .map(|d| d.path.to_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imported_names_stay_inside_the_folder() {
        let taken = HashSet::new();
        assert_eq!(
            safe_document_path("../../etc/passwd", &taken),
            "etc/passwd.txt"
        );
        assert_eq!(safe_document_path("/abs/x.txt", &taken), "abs/x.txt");
        assert_eq!(safe_document_path("C:\\temp\\a.md", &taken), "C_/temp/a.md");
        assert_eq!(safe_document_path(".hidden", &taken), "hidden.txt");
        assert_eq!(safe_document_path("con.txt", &taken), "_con.txt");
        assert_eq!(safe_document_path("", &taken), "document.txt");
        let taken: HashSet<String> = ["interview.txt".to_string()].into();
        assert_eq!(
            safe_document_path("Interview.txt", &taken),
            "Interview (2).txt"
        );
    }
}

/// What an import file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFormat {
    /// A REFI-QDA project archive (NVivo, ATLAS.ti, MAXQDA, QualCoder, Gloss…).
    Qdpx,
    /// A REFI-QDA codebook.
    Qdc,
    /// A codebook CSV: Gloss's (topic, parent, colour, description) or Taguette's (tag, …).
    CodebookCsv,
    /// A Taguette highlights CSV (id, document, tag, content).
    Taguette,
}

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
        let (headers, _) = crate::export::codebook_csv::read_csv_table(bytes).ok()?;
        if crate::export::taguette::is_highlights_header(&headers) {
            return Some(ImportFormat::Taguette);
        }
        if headers.iter().any(|h| h == "topic" || h == "tag") {
            return Some(ImportFormat::CodebookCsv);
        }
    }
    None
}

/// Reads an import file of `format` and plans its import into `workspace`.
/// `codebook` is Taguette's codebook CSV (only used with [`ImportFormat::Taguette`]).
pub fn plan_import(
    format: ImportFormat,
    bytes: &[u8],
    codebook: Option<&[u8]>,
    workspace: &crate::model::workspace::Workspace,
    coder: &str,
    now: &str,
) -> Result<ImportPlan, ImportError> {
    let codebook_of_project = &workspace.project.codebook;
    match format {
        ImportFormat::Qdpx => crate::export::qdpx::import_qdpx(bytes, workspace, now),
        ImportFormat::Qdc => crate::export::qdpx::import_qdc(bytes, codebook_of_project),
        ImportFormat::CodebookCsv => {
            crate::export::codebook_csv::import_codebook_csv(bytes, codebook_of_project)
        }
        ImportFormat::Taguette => {
            crate::export::taguette::import_taguette(bytes, codebook, workspace, coder, now)
        }
    }
}
