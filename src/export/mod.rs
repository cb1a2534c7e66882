//! Exports of coded passages. Each format turns the project into bytes written
//! to any `io::Write`; the window and `gloss export` call the same functions
//! ([`export`]), with the same [`RetrievalFilter`], so both give identical files.
//!
//! Imports (`qdpx`, `codebook_csv`, `taguette`) go the other way: they take the
//! bytes of a file and return what to add to a project plus a per-item report;
//! writing files stays with `cli.rs`/`storage.rs`.

pub mod codebook_csv;
pub mod csv;
pub mod import_plan;
pub mod jsonl;
pub mod qdpx;
pub mod report;
pub mod table;
pub mod taguette;
pub mod topic_import;
pub mod w3c;
pub mod xlsx;

use crate::model::annotation::{ANCHOR_CONTEXT_CHARS, Annotation};
use crate::model::document::DocumentRecord;
use crate::model::ids::DocumentId;
use crate::model::query::{RetrievalFilter, retrieve};
use crate::model::workspace::Workspace;
use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

/// How many chars of context the tabular and report exports show on each side.
pub const REPORT_CONTEXT_CHARS: usize = 80;

/// One annotation resolved to names and its exact text, shared by the formats.
///
/// The serialised form (the `jsonl` export) has exactly the keys `id, document,
/// start, end, text, topics, stance, holder, target, memo, coder, created,
/// modified`; the other fields are for the other formats.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ExcerptRow {
    pub id: String,
    /// The document's path relative to the project, `/`-separated.
    pub document: String,
    pub start: usize,
    pub end: usize,
    /// Exactly the canonical-text slice `[start, end)` (the stored quote if the file is missing).
    pub text: String,
    pub topics: Vec<String>,
    pub stance: Option<String>,
    pub holder: Option<String>,
    pub target: Option<String>,
    pub memo: String,
    pub coder: String,
    pub created: String,
    pub modified: String,
    /// The document's title (its `title` attribute, else its file name).
    #[serde(skip)]
    pub title: String,
    /// The document's attributes (outlet, date, …; `title` included).
    #[serde(skip)]
    pub attributes: BTreeMap<String, String>,
    /// Up to [`REPORT_CONTEXT_CHARS`] chars before the passage.
    #[serde(skip)]
    pub context_before: String,
    /// Up to [`REPORT_CONTEXT_CHARS`] chars after the passage.
    #[serde(skip)]
    pub context_after: String,
}

impl ExcerptRow {
    pub fn from_annotation(workspace: &Workspace, annotation: &Annotation) -> Self {
        let record = workspace.project.document(&annotation.document);
        Self::with_document(workspace, annotation, record)
    }

    fn with_document(
        workspace: &Workspace,
        annotation: &Annotation,
        record: Option<&DocumentRecord>,
    ) -> Self {
        let codebook = &workspace.project.codebook;
        let document = record.map_or_else(|| annotation.document.to_string(), |d| d.path.clone());
        let loaded = workspace.text(&annotation.document);
        let text = loaded
            .and_then(|loaded| loaded.text.slice(annotation.range()))
            .unwrap_or(&annotation.anchor.exact)
            .to_string();
        let (context_before, context_after) = match loaded {
            Some(loaded) if loaded.text.slice(annotation.range()).is_some() => (
                loaded
                    .text
                    .context_before(annotation.start, REPORT_CONTEXT_CHARS)
                    .to_string(),
                loaded
                    .text
                    .context_after(annotation.end, REPORT_CONTEXT_CHARS)
                    .to_string(),
            ),
            _ => (
                annotation.anchor.prefix.clone(),
                annotation.anchor.suffix.clone(),
            ),
        };
        Self {
            id: annotation.id.to_string(),
            document,
            start: annotation.start.0,
            end: annotation.end.0,
            text,
            topics: annotation
                .topics
                .iter()
                .map(|t| codebook.topic_name(t).to_string())
                .collect(),
            stance: annotation
                .stance
                .as_ref()
                .map(|s| codebook.stance_name(s).to_string()),
            holder: annotation
                .holder
                .as_ref()
                .map(|a| codebook.actor_name(a).to_string()),
            target: annotation
                .target
                .as_ref()
                .map(|a| codebook.actor_name(a).to_string()),
            memo: annotation.memo.clone(),
            coder: annotation.coder.clone(),
            created: annotation.created.clone(),
            modified: annotation.modified.clone(),
            title: record.map_or_else(
                || annotation.document.to_string(),
                |d| d.title().to_string(),
            ),
            attributes: record.map(|d| d.attributes.clone()).unwrap_or_default(),
            context_before,
            context_after,
        }
    }

    /// Every annotation of the project, in document order.
    pub fn all(workspace: &Workspace) -> Vec<Self> {
        Self::matching(workspace, &RetrievalFilter::default())
    }

    /// The annotations that pass `filter`, in its sort order.
    pub fn matching(workspace: &Workspace, filter: &RetrievalFilter) -> Vec<Self> {
        let documents: HashMap<&DocumentId, &DocumentRecord> = workspace
            .project
            .documents
            .iter()
            .map(|d| (&d.id, d))
            .collect();
        let annotations = retrieve(workspace, filter);
        let build = |chunk: &[&Annotation]| -> Vec<Self> {
            chunk
                .iter()
                .map(|a| Self::with_document(workspace, a, documents.get(&a.document).copied()))
                .collect()
        };
        // Large exports build their rows on every core.
        let threads = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .clamp(1, 8);
        if threads == 1 || annotations.len() < 10_000 {
            return build(&annotations);
        }
        let chunk_length = annotations.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let work: Vec<_> = annotations
                .chunks(chunk_length)
                .map(|chunk| (chunk, scope.spawn(|| build(chunk))))
                .collect();
            let mut rows = Vec::with_capacity(annotations.len());
            for (chunk, handle) in work {
                // A worker that failed has its chunk built again here, so no row is lost.
                rows.extend(handle.join().unwrap_or_else(|_| build(chunk)));
            }
            rows
        })
    }
}

/// Every export format, for `gloss export --format` and the window's Export menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum ExportFormat {
    /// One row per annotation, UTF-8 with BOM (opens in Excel and LibreOffice).
    Csv,
    /// One row per annotation in an Excel workbook.
    Xlsx,
    /// Readable report grouped by topic then document (Markdown).
    Md,
    /// Readable report grouped by topic then document (one self-contained HTML file).
    Html,
    /// One JSON object per annotation per line.
    Jsonl,
    /// W3C Web Annotation Data Model (JSON-LD).
    W3c,
    /// The codebook's topics with counts (CSV).
    CodebookCsv,
    /// The codebook as REFI-QDA `.qdc`.
    Qdc,
    /// The whole project as REFI-QDA `.qdpx` (NVivo, ATLAS.ti, MAXQDA, QualCoder…).
    Qdpx,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 9] = [
        ExportFormat::Csv,
        ExportFormat::Xlsx,
        ExportFormat::Md,
        ExportFormat::Html,
        ExportFormat::Jsonl,
        ExportFormat::W3c,
        ExportFormat::CodebookCsv,
        ExportFormat::Qdc,
        ExportFormat::Qdpx,
    ];

    /// Menu label.
    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::Csv => "Excerpts as CSV…",
            ExportFormat::Xlsx => "Excerpts as Excel workbook…",
            ExportFormat::Md => "Report as Markdown…",
            ExportFormat::Html => "Report as HTML…",
            ExportFormat::Jsonl => "Excerpts as JSON Lines…",
            ExportFormat::W3c => "W3C Web Annotations (JSON-LD)…",
            ExportFormat::CodebookCsv => "Codebook as CSV…",
            ExportFormat::Qdc => "Codebook as REFI-QDA (.qdc)…",
            ExportFormat::Qdpx => "Project as REFI-QDA (.qdpx)…",
        }
    }

    /// File name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv | ExportFormat::CodebookCsv => "csv",
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Md => "md",
            ExportFormat::Html => "html",
            ExportFormat::Jsonl => "jsonl",
            ExportFormat::W3c => "jsonld",
            ExportFormat::Qdc => "qdc",
            ExportFormat::Qdpx => "qdpx",
        }
    }

    /// A default file name for the save dialog.
    pub fn default_file_name(self, project_name: &str) -> String {
        let stem = match self {
            ExportFormat::CodebookCsv | ExportFormat::Qdc => format!("{project_name}-codebook"),
            ExportFormat::Md | ExportFormat::Html => format!("{project_name}-report"),
            ExportFormat::Qdpx => project_name.to_string(),
            _ => format!("{project_name}-excerpts"),
        };
        format!("{stem}.{}", self.extension())
    }

    /// Whether the retrieval filter decides what is exported (the codebook formats ignore it).
    pub fn uses_filter(self) -> bool {
        !matches!(self, ExportFormat::CodebookCsv | ExportFormat::Qdc)
    }
}

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

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write the export: {0}")]
    Io(#[from] io::Error),
    #[error("cannot build the workbook: {0}")]
    Xlsx(String),
    #[error("cannot build the archive: {0}")]
    Zip(String),
    #[error("nothing to export: {0}")]
    Empty(String),
}

/// Writes `format` for the annotations that pass `filter`.
pub fn export(
    workspace: &Workspace,
    format: ExportFormat,
    filter: &RetrievalFilter,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> Result<ExportReport, ExportError> {
    let rows = || ExcerptRow::matching(workspace, filter);
    let report_for = |count: usize| ExportReport {
        annotations: count,
        notes: Vec::new(),
    };
    match format {
        ExportFormat::Csv => {
            let rows = rows();
            csv::write_csv(&rows, out)?;
            Ok(report_for(rows.len()))
        }
        ExportFormat::Xlsx => {
            let rows = rows();
            xlsx::write_xlsx(&rows, filter, workspace, options, out)
        }
        ExportFormat::Md => {
            let count = report::write_markdown(workspace, filter, options, out)?;
            Ok(report_for(count))
        }
        ExportFormat::Html => {
            let count = report::write_html(workspace, filter, options, out)?;
            Ok(report_for(count))
        }
        ExportFormat::Jsonl => {
            let rows = rows();
            jsonl::write_jsonl(&rows, out)?;
            Ok(report_for(rows.len()))
        }
        ExportFormat::W3c => {
            let count = w3c::write_w3c(workspace, filter, options, out)?;
            Ok(report_for(count))
        }
        ExportFormat::CodebookCsv => {
            codebook_csv::write_codebook_csv(&workspace.project, out)?;
            Ok(report_for(0))
        }
        ExportFormat::Qdc => {
            qdpx::write_qdc(&workspace.project, out)?;
            Ok(report_for(0))
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
    let mut bytes = Vec::new();
    let report = export(workspace, format, filter, options, &mut bytes)?;
    Ok((bytes, report))
}

/// The context chars a W3C TextQuoteSelector carries on each side.
pub const QUOTE_CONTEXT_CHARS: usize = ANCHOR_CONTEXT_CHARS;
