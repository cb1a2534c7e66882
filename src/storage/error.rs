//! What can go wrong in storage, typed: [`StorageError`] for project files and the
//! files the user names, [`DocumentError`] and [`SkipReason`] for single documents
//! (kept per file, since one bad file never stops the others).

use crate::model::decode::NotText;
use crate::model::format::FormatError;
use std::io;
use std::path::{Path, PathBuf};

/// A project file, or a file the user asked to read or write, could not be used.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// The operating system refused to read or write `path`.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder that failed.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: io::Error,
    },
    /// The project file is not a Gloss project this version can read.
    #[error("{path}: {source}")]
    Format {
        /// The project file.
        path: PathBuf,
        /// Where and why parsing stopped.
        #[source]
        source: FormatError,
    },
    /// Neither a folder nor a file exists at `path`.
    #[error("{path} does not exist")]
    NotFound {
        /// The path that was asked for.
        path: PathBuf,
    },
    /// Another Gloss window or command holds the project's lock.
    #[error(
        "{path} is open in another Gloss window or command{holder}; close it there first (nothing was written)"
    )]
    Locked {
        /// The project file.
        path: PathBuf,
        /// ` (process N)` when the holder wrote its id into the lock file, else empty.
        holder: String,
    },
    /// The project file is no longer what was read (or last written), so saving would lose
    /// another program's changes.
    #[error(
        "{path} was changed on disk by another program since it was opened; not overwriting it (your edits are kept in memory)"
    )]
    ChangedOnDisk {
        /// The project file.
        path: PathBuf,
    },
    /// Re-anchoring the annotations of changed documents could not be applied
    /// (a bug: refused steps are left out, so this should not happen).
    #[error("{path}: re-anchoring the annotations of changed documents failed: {source}")]
    Reanchoring {
        /// The project file.
        path: PathBuf,
        /// What the project refused.
        #[source]
        source: crate::model::edit::EditError,
    },
}

/// A closure turning an `io::Error` about `path` into a [`StorageError::Io`].
pub(crate) fn io_error(path: &Path) -> impl FnOnce(io::Error) -> StorageError + '_ {
    move |source| StorageError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Why one document file could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// The file could not be read.
    #[error("cannot be read: {0}")]
    Unreadable(#[source] io::Error),
    /// The bytes are not text (binary content).
    #[error(transparent)]
    NotText(#[from] NotText),
    /// The thread that read it panicked (a bug; the other files are still loaded).
    #[error("reading this file crashed")]
    ReaderCrashed,
}

/// Why a file of the folder, or a document the project lists, is not loaded.
#[derive(Debug, thiserror::Error)]
pub enum SkipReason {
    /// A sub-folder could not be listed; its files are not seen.
    #[error("folder cannot be read: {0}")]
    FolderUnreadable(#[source] io::Error),
    /// The file was found but could not be loaded.
    #[error(transparent)]
    Document(#[from] DocumentError),
    /// The project lists the document but its file is gone.
    #[error("file not found")]
    NotFound,
}

impl serde::Serialize for SkipReason {
    /// The readable sentence (as `gloss stats --json` prints it).
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}
