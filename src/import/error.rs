//! Why an import file could not be read at all (per-item problems go into the
//! [`ImportReport`](crate::import::ImportReport) instead).

use std::io;

/// Why an import file could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The `.qdpx` archive, or its project file, cannot be opened.
    #[error("not a REFI-QDA archive: {0}")]
    Archive(#[from] ArchiveError),
    /// The project or codebook XML is not well-formed.
    #[error("the project XML cannot be read: {0}")]
    Xml(#[from] roxmltree::Error),
    /// The XML is well-formed but is not what the format says it is.
    #[error("the project XML cannot be read: the root element is <{found}>, not <{expected}>")]
    WrongRoot {
        /// The root element's local name.
        found: String,
        /// The root element the format requires.
        expected: &'static str,
    },
    /// The CSV cannot be read, or lacks the column it needs.
    #[error(transparent)]
    Csv(#[from] CsvReadError),
    /// Taguette's codebook CSV (given beside the highlights) cannot be read.
    #[error("codebook: {0}")]
    TaguetteCodebook(#[source] CsvReadError),
    /// A CSV given as Taguette highlights lacks their columns.
    #[error(
        "not a Taguette highlights CSV: expected the columns id, document, tag, content; found {}",
        .found.join(", ")
    )]
    NotTaguetteHighlights {
        /// The header row that was found.
        found: Vec<String>,
    },
}

/// Why a `.qdpx` archive or one of its entries cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    /// Not a zip archive, or a damaged one.
    #[error(transparent)]
    Zip(#[from] zip::result::ZipError),
    /// An entry cannot be decompressed.
    #[error(transparent)]
    Io(#[from] io::Error),
    /// No project file in the archive.
    #[error("it holds no project.qde (nor any *.qde file)")]
    NoProjectFile,
    /// Several `*.qde` files and none is `project.qde`.
    #[error("it holds several .qde files and none is named project.qde: {}", .0.join(", "))]
    SeveralProjectFiles(Vec<String>),
    /// An `internal://` path climbs out of the archive's sources folder.
    #[error("the path leaves the archive's sources folder")]
    LeavesSources,
}

/// Why a CSV could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum CsvReadError {
    /// Not CSV (or not UTF-8).
    #[error("not a CSV file: {0}")]
    Syntax(#[from] csv::Error),
    /// The header row has no column of the needed name.
    #[error("the CSV has no `{wanted}` column (found: {})", .found.join(", "))]
    MissingColumn {
        /// The column that is needed.
        wanted: &'static str,
        /// The header row that was found.
        found: Vec<String>,
    },
}
