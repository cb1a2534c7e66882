//! A command's failure, typed, with the exit code it maps to (the table in
//! `gloss --help`). `main.rs` prints it once as `gloss: <message>`.

use crate::export::ExportError;
use crate::import::ImportError;
use crate::model::analysis::UnknownLevel;
use crate::model::codebook::{BlankActorKind, ColorParseError};
use crate::model::edit::EditError;
use crate::model::operations::OperationError;
use crate::model::search::SearchError;
use crate::storage::StorageError;
use std::path::PathBuf;

/// `check` found problems.
pub const EXIT_PROBLEMS_FOUND: u8 = 1;
/// The project or a document cannot be read (also: the window cannot open).
pub const EXIT_UNREADABLE: u8 = 3;
/// The request was refused; nothing was written.
pub const EXIT_REFUSED: u8 = 4;
/// The project or an output could not be written.
pub const EXIT_UNWRITABLE: u8 = 5;

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The project, a document or an input file cannot be read (exit 3).
    #[error(transparent)]
    Read(StorageError),
    /// The request was refused; nothing was written (exit 4).
    #[error(transparent)]
    Refused(#[from] Refusal),
    /// The project or an output file could not be written (exit 5).
    #[error(transparent)]
    Write(StorageError),
    /// Standard output could not be written (exit 5).
    #[error("cannot write output: {0}")]
    Output(#[source] std::io::Error),
    /// `check` found problems, printed one per line on stderr (exit 1).
    #[error("{count} problem(s) found")]
    ProblemsFound {
        /// How many lines were printed.
        count: usize,
    },
}

impl CliError {
    /// The process exit code for this failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::ProblemsFound { .. } => EXIT_PROBLEMS_FOUND,
            Self::Read(_) => EXIT_UNREADABLE,
            Self::Refused(_) => EXIT_REFUSED,
            Self::Write(_) | Self::Output(_) => EXIT_UNWRITABLE,
        }
    }
}

impl From<OperationError> for CliError {
    fn from(error: OperationError) -> Self {
        Self::Refused(Refusal::Operation(error))
    }
}

impl From<EditError> for CliError {
    fn from(error: EditError) -> Self {
        Self::Refused(Refusal::Edit(error))
    }
}

/// Why a request was refused (exit 4).
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    /// A codebook name is unknown, taken or in use.
    #[error(transparent)]
    Operation(#[from] OperationError),
    /// The project refused the change.
    #[error(transparent)]
    Edit(#[from] EditError),
    /// `--color` is not `#RRGGBB`.
    #[error(transparent)]
    Color(#[from] ColorParseError),
    /// The search query is empty or not a valid regular expression.
    #[error(transparent)]
    Search(#[from] SearchError),
    /// The export could not be made.
    #[error(transparent)]
    Export(#[from] ExportError),
    /// The file to import is not what its format says.
    #[error("{file}: {source}")]
    Import {
        /// The file given to `import`.
        file: PathBuf,
        /// What is wrong with it.
        source: ImportError,
    },
    /// One line of an `import-annotations` file is refused (and so is the whole file).
    #[error("{file}:{line_number}: {problem}")]
    Line {
        /// The JSON Lines file.
        file: PathBuf,
        /// 1-based.
        line_number: usize,
        /// What is wrong with that line.
        problem: Box<LineProblem>,
    },
    /// `--level` names no actor level.
    #[error(transparent)]
    Level(#[from] UnknownLevel),
    /// An actor kind is blank.
    #[error(transparent)]
    ActorKind(#[from] BlankActorKind),
    /// `analyze` flags that do not fit the table asked for.
    #[error("{0}")]
    AnalysisOptions(String),
    /// No document has this path in the project.
    #[error("no document `{0}` in the project (see `gloss stats`)")]
    UnknownDocument(String),
    /// No annotation has this id in the project.
    #[error("no annotation `{0}` in the project (see `gloss export --format jsonl`)")]
    UnknownAnnotation(String),
    /// `origin` without a passage.
    #[error("give --annotation ID, or --doc PATH --start N")]
    NoPassage,
    /// `origin` on a document whose text was not reflowed from extracted lines.
    #[error("`{0}` has no extracted lines to show: only a PDF's text is reflowed from them")]
    NoSourceMap(String),
    /// The document is listed but its text could not be loaded.
    #[error("document `{0}` could not be read")]
    UnreadableDocument(String),
    /// The requested char range is empty or runs past the document.
    #[error("range {start}..{end} is not inside `{document}` (0..{len_chars} chars) or is empty")]
    RangeOutside {
        /// First char asked for.
        start: usize,
        /// One past the last char asked for.
        end: usize,
        /// The document's path.
        document: String,
        /// The document's length.
        len_chars: usize,
    },
    /// `--attr` without `=`.
    #[error("--attr `{0}` is not of the form KEY=VALUE")]
    NotKeyValue(String),
    /// `import` without `--format` and a file whose kind cannot be told.
    #[error("cannot tell what {0} is; pass --format qdpx, qdc, codebook-csv or taguette")]
    UnknownImportFormat(PathBuf),
    /// An import would replace a file that is already in the project folder.
    #[error("{0} already exists and is not this document; nothing was written")]
    FileExists(PathBuf),
}

/// What is wrong with one line of an `import-annotations` file.
#[derive(Debug, thiserror::Error)]
pub enum LineProblem {
    /// Not a JSON object with the fields of `annotate`.
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    /// Well-formed but refused (unknown name, range outside the document…).
    #[error(transparent)]
    Refused(Refusal),
}
