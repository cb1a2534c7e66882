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
    /// The project file is a symbolic link whose target does not exist; Gloss does not
    /// start a new, empty project in its place.
    #[error(
        "{path} is a link to {target}, which does not exist; restore the file or the link (nothing was written)"
    )]
    DanglingLink {
        /// The project file (the link).
        path: PathBuf,
        /// Where the link points.
        target: PathBuf,
    },
    /// Something that is not a regular file (a folder, a FIFO, a device) has the
    /// project file's name.
    #[error("{path} is a {kind}, not a project file")]
    NotAFile {
        /// The project file's path.
        path: PathBuf,
        /// What is there instead ("folder", "FIFO", …).
        kind: &'static str,
    },
    /// The project file's permissions allow no writing (mode 444): it is opened
    /// read-only and never overwritten.
    #[error(
        "{path} is read-only (its permissions allow no writing); it is opened read-only and nothing was written"
    )]
    ReadOnlyFile {
        /// The project file.
        path: PathBuf,
    },
    /// No file can be created in the project's folder (its permissions, or a
    /// read-only file system): neither the lock nor a save's temporary file.
    #[error(
        "{folder} is read-only (no file can be created in it: {source}); the project cannot be saved there and nothing was written"
    )]
    ReadOnlyFolder {
        /// The folder.
        folder: PathBuf,
        /// What the system said.
        #[source]
        source: io::Error,
    },
    /// Writing a file's new contents failed (a full disk, a file-size limit, an
    /// I/O error) before it replaced anything: the file at `path` is as it was.
    #[error(
        "{path} could not be written ({source}); nothing was replaced, the file there is as it was"
    )]
    NotWritten {
        /// The file that was to be replaced.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: io::Error,
    },
    /// The project lists a document whose path is absolute or climbs out of the
    /// project folder with `..`; Gloss refuses to read files outside the project.
    #[error(
        "{path}: document path \"{document}\" is outside the project folder (absolute or with ..); fix or remove it (nothing was read)"
    )]
    UnsafeDocumentPath {
        /// The project file.
        path: PathBuf,
        /// The document path as the project file gives it.
        document: String,
    },
    /// A file to be written would land outside the project's real folder (through a
    /// link, or a path that climbs out of it).
    #[error("{path} is outside the project folder (through a link or ..); nothing was written")]
    OutsideProject {
        /// The path that was to be written.
        path: PathBuf,
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

/// The error for a file that cannot be created in `folder`: a read-only
/// folder is named as such, any other failure as the file's I/O error.
pub(crate) fn creation_error(folder: &Path, file: &Path) -> impl FnOnce(io::Error) -> StorageError {
    let (folder, file) = (folder.to_path_buf(), file.to_path_buf());
    move |source| match source.kind() {
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
            StorageError::ReadOnlyFolder { folder, source }
        }
        _ => StorageError::Io { path: file, source },
    }
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
    /// It is not a regular file (a FIFO, a device, a socket), so it is not opened
    /// (reading one could hang or never end).
    #[error("is a {kind}, not a regular file; not opened")]
    NotRegularFile {
        /// What it is ("FIFO", "device", …).
        kind: &'static str,
    },
    /// It is larger than a document may be.
    #[error(
        "is {} MB, more than the {} MB a document may have; not opened",
        size_bytes.div_ceil(1 << 20),
        limit_bytes >> 20
    )]
    TooLarge {
        /// The file's length.
        size_bytes: u64,
        /// The limit ([`MAX_DOCUMENT_BYTES`](super::MAX_DOCUMENT_BYTES)).
        limit_bytes: u64,
    },
    /// Its text could not be extracted (a scanned or encrypted PDF, a damaged
    /// file, a format this version does not read).
    #[error(transparent)]
    NotExtracted(#[from] crate::extract::ExtractError),
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
    /// A symbolic link that cannot be followed (its target is gone, or it is a loop).
    #[error("link cannot be followed: {0}")]
    BrokenLink(#[source] io::Error),
    /// The file is (through a link) outside the project folder, so it is not read.
    #[error("leads outside the project folder (through a link); not read")]
    OutsideProject,
    /// Its name would read as a drive or a path outside the folder on another system
    /// (`C:x.txt`, `..\\x.txt`), so a project holding it could not be opened there.
    #[error("name reads as a path outside the folder on some systems; not loaded")]
    UnsafeName,
    /// The project lists the document but its file is gone.
    #[error("file not found")]
    NotFound,
    /// Its name differs from an earlier file's only in bytes that are not UTF-8
    /// text: both would read as the same document, so only the first is loaded.
    #[error(
        "its name differs from \"{first}\" only in bytes that are not UTF-8 text; only that file is loaded (rename this one to open it)"
    )]
    SameNameAs {
        /// The loaded file, its invalid bytes shown as `\xNN`.
        first: String,
    },
}

impl serde::Serialize for SkipReason {
    /// The readable sentence (as `gloss stats --json` prints it).
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}
