//! Why an import file could not be read at all (per-item problems go into the
//! [`ImportReport`](crate::import::ImportReport) instead).

use crate::import::limits::{
    MAX_ARCHIVE_BYTES, MAX_COMPRESSION_RATIO, MAX_ENTRY_BYTES, MAX_XML_NODES, describe_bytes,
};
use std::io;

/// Why an import file could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The `.qdpx` archive, or its project file, cannot be opened.
    #[error("not a REFI-QDA archive: {0}")]
    Archive(ArchiveError),
    /// An entry of the archive passes one of the import's limits (a possible zip bomb).
    #[error("{0}")]
    Limit(ArchiveError),
    /// The project or codebook XML is not well-formed.
    #[error("the project XML cannot be read: {0}")]
    Xml(#[from] roxmltree::Error),
    /// The XML has more nodes than an import reads ([`MAX_XML_NODES`]).
    #[error(
        "the project XML has more than {MAX_XML_NODES} nodes (elements and texts), the most an import reads; nothing was imported"
    )]
    TooManyNodes,
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
    /// An entry unpacks to more than [`MAX_ENTRY_BYTES`].
    #[error(
        "entry `{entry}` unpacks to more than {} (the limit per entry); refused as a possible zip bomb, nothing was imported",
        describe_bytes(MAX_ENTRY_BYTES)
    )]
    EntryTooLarge {
        /// The entry's name in the archive.
        entry: String,
    },
    /// The entries read so far unpack to more than [`MAX_ARCHIVE_BYTES`] together.
    #[error(
        "the archive unpacks to more than {} (the limit per archive) at entry `{entry}`; refused as a possible zip bomb, nothing was imported",
        describe_bytes(MAX_ARCHIVE_BYTES)
    )]
    ArchiveTooLarge {
        /// The entry that went past the limit.
        entry: String,
    },
    /// An entry unpacks to more than [`MAX_COMPRESSION_RATIO`] times its compressed size.
    #[error(
        "entry `{entry}` unpacks to more than {MAX_COMPRESSION_RATIO} times its compressed size of {} (the limit of the compression ratio); refused as a possible zip bomb, nothing was imported",
        describe_bytes(*.compressed)
    )]
    CompressionRatio {
        /// The entry's name in the archive.
        entry: String,
        /// Its compressed size in bytes.
        compressed: u64,
    },
}

impl From<ArchiveError> for ImportError {
    /// A limit refusal is [`ImportError::Limit`], anything else [`ImportError::Archive`].
    fn from(error: ArchiveError) -> Self {
        if error.is_limit() {
            Self::Limit(error)
        } else {
            Self::Archive(error)
        }
    }
}

impl ArchiveError {
    /// Is this a refusal by one of the import limits (a possible zip bomb)?
    /// Such an error refuses the whole import, not just one document.
    pub fn is_limit(&self) -> bool {
        matches!(
            self,
            Self::EntryTooLarge { .. }
                | Self::ArchiveTooLarge { .. }
                | Self::CompressionRatio { .. }
        )
    }
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
