//! Change detection: what a project file looked like when Gloss last read or wrote
//! it, so that a save can tell whether another program changed it since.
//!
//! The stamp is taken from the same open file handle the bytes were read from (or
//! written to), never from a second look at the path, and a save compares it with
//! the file's stamp now in one place ([`check_unchanged`]). A stamp is the length,
//! the modification time and (on Unix) the file's identity (device and inode): an
//! atomic save by any program gives the file a new inode, so a replacement is seen
//! even when length and time happen to match. "No file yet" is a state like any
//! other ([`DiskState::Absent`]): a file that appeared since is a change too.

use super::error::StorageError;
use std::fs::{self, Metadata};
use std::path::Path;
use std::time::SystemTime;

/// The recorded state of a file: its length, modification time and identity. A file
/// whose stamp differs from the recorded one was changed, or replaced, by someone else.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileStamp {
    /// Length of the file.
    pub size_bytes: u64,
    /// Last modification time as the file system reports it.
    pub modified: SystemTime,
    /// (device, inode) on Unix; `None` where the platform does not say.
    identity: Option<(u64, u64)>,
}

impl FileStamp {
    /// The stamp in `metadata`; `None` when the platform reports no modification time.
    pub(crate) fn from_metadata(metadata: &Metadata) -> Option<Self> {
        Some(Self {
            size_bytes: metadata.len(),
            modified: metadata.modified().ok()?,
            identity: identity(metadata),
        })
    }

    /// The stamp of the file at `path` now (following links); `None` when there is
    /// no file to examine.
    pub fn of_file(path: &Path) -> Option<Self> {
        fs::metadata(path)
            .ok()
            .and_then(|metadata| Self::from_metadata(&metadata))
    }
}

#[cfg(unix)]
fn identity(metadata: &Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt as _;
    Some((metadata.dev(), metadata.ino()))
}

#[cfg(not(unix))]
fn identity(_metadata: &Metadata) -> Option<(u64, u64)> {
    None
}

/// What a project file was when Gloss read (or last wrote) it, for the change check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiskState {
    /// There was no project file (it is created at the first save): a file that
    /// appeared since is a change.
    Absent,
    /// There was a file with this stamp.
    Present(FileStamp),
    /// Not known (the platform gave no stamp, or the caller skips the check).
    Unknown,
}

impl DiskState {
    /// The state of a project file that existed (`file_exists`) with `stamp`.
    pub fn of(file_exists: bool, stamp: Option<FileStamp>) -> Self {
        match (file_exists, stamp) {
            (false, _) => Self::Absent,
            (true, Some(stamp)) => Self::Present(stamp),
            (true, None) => Self::Unknown,
        }
    }
}

/// Refuses when the file at `project_file` is no longer in the `expected` state: a
/// file appeared where there was none, or its stamp differs. A file that is gone
/// is not "changed" (saving writes it again; nothing of anyone is lost).
pub(crate) fn check_unchanged(
    project_file: &Path,
    expected: &DiskState,
) -> Result<(), StorageError> {
    let now = FileStamp::of_file(project_file);
    let changed = match (expected, now) {
        (DiskState::Unknown, _) | (_, None) => false,
        (DiskState::Absent, Some(_)) => true,
        (DiskState::Present(expected), Some(now)) => now != *expected,
    };
    if changed {
        return Err(StorageError::ChangedOnDisk {
            path: project_file.to_path_buf(),
        });
    }
    Ok(())
}
