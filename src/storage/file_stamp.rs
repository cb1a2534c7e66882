//! Change detection: what a project file looked like when Gloss last read or wrote
//! it, so that a save can tell whether another program changed it since.
//!
//! The stamp is taken from the same open file handle the bytes were read from (or
//! written to), never from a second look at the path, and a save compares it with
//! the file's stamp now in one place ([`check_unchanged`]).

use super::error::StorageError;
use std::fs::{self, Metadata};
use std::path::Path;
use std::time::SystemTime;

/// The recorded state of a file: its length and modification time. A file whose
/// stamp differs from the recorded one was changed, or replaced, by someone else.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileStamp {
    /// Length of the file.
    pub size_bytes: u64,
    /// Last modification time as the file system reports it.
    pub modified: SystemTime,
}

impl FileStamp {
    /// The stamp in `metadata`; `None` when the platform reports no modification time.
    pub(crate) fn from_metadata(metadata: &Metadata) -> Option<Self> {
        Some(Self {
            size_bytes: metadata.len(),
            modified: metadata.modified().ok()?,
        })
    }

    /// The stamp of the file at `path` now; `None` when there is no file to examine.
    pub fn of_file(path: &Path) -> Option<Self> {
        fs::metadata(path)
            .ok()
            .and_then(|metadata| Self::from_metadata(&metadata))
    }
}

/// Refuses when the file at `project_file` exists and its stamp is not `expected`.
/// A file that is gone is not "changed" (saving writes it again).
pub(crate) fn check_unchanged(
    project_file: &Path,
    expected: &FileStamp,
) -> Result<(), StorageError> {
    match FileStamp::of_file(project_file) {
        Some(now) if now != *expected => Err(StorageError::ChangedOnDisk {
            path: project_file.to_path_buf(),
        }),
        _ => Ok(()),
    }
}
