//! The one way Gloss writes a file: a temporary file beside the target, flushed to
//! disk, then renamed over it. A crash leaves the old or the new file, never a mix.
//!
//! Permissions: a new file gets the user's normal permissions (0666 less the umask,
//! as any program's new file); a file that is replaced keeps its mode and, where the
//! user may set it, its group. The rename replaces the name itself: a symbolic link
//! at `path` is replaced, not followed (the project file follows its link on
//! purpose, in `project_file.rs`; an import must never write through one).

use super::error::{StorageError, creation_error, io_error};
use super::file_stamp::FileStamp;
use std::fs::{self, Metadata};
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Prefix of the temporary files a write leaves only when killed mid-way.
pub(crate) const TEMPORARY_PREFIX: &str = ".gloss-saving-";

/// The folder `path` lives in (`.` for a bare file name).
pub(crate) fn parent_folder(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Writes `contents` to `path` atomically (see the module doc).
pub fn write_atomically(path: &Path, contents: &[u8]) -> Result<(), StorageError> {
    write_atomically_stamped(path, contents).map(|_| ())
}

/// Like [`write_atomically`], returning the stamp of the file as written (taken
/// from the temporary file before the rename, which keeps length, time and inode).
pub(crate) fn write_atomically_stamped(
    path: &Path,
    contents: &[u8],
) -> Result<Option<FileStamp>, StorageError> {
    StagedWrite::stage(path, contents)?.commit()
}

/// A write whose bytes are on disk in a temporary file beside the target, not yet
/// renamed over it. Dropped without [`commit`](Self::commit), it removes its file.
pub(crate) struct StagedWrite {
    temp: tempfile::NamedTempFile,
    target: PathBuf,
    stamp: Option<FileStamp>,
}

impl StagedWrite {
    /// Writes `contents` to a temporary file beside `path` and flushes it to disk.
    pub(crate) fn stage(path: &Path, contents: &[u8]) -> Result<Self, StorageError> {
        Self::stage_with_permissions_of(path, contents, path)
    }

    /// Like [`stage`](Self::stage), the new file taking the mode and group of the file
    /// at `model` (a backup those of its project file), or the user's defaults when
    /// there is none.
    pub(crate) fn stage_with_permissions_of(
        path: &Path,
        contents: &[u8],
        model: &Path,
    ) -> Result<Self, StorageError> {
        let folder = parent_folder(path);
        let existing = fs::metadata(model).ok().filter(Metadata::is_file);
        let mut builder = tempfile::Builder::new();
        builder.prefix(TEMPORARY_PREFIX);
        set_creation_mode(&mut builder, existing.is_some());
        let mut temp = builder
            .tempfile_in(&folder)
            .map_err(creation_error(&folder, &folder))?;
        if let Some(existing) = &existing {
            keep_permissions(temp.as_file(), existing).map_err(io_error(path))?;
        }
        let not_written = |source| StorageError::NotWritten {
            path: path.to_path_buf(),
            source,
        };
        temp.as_file_mut()
            .write_all(contents)
            .map_err(not_written)?;
        temp.as_file().sync_all().map_err(not_written)?;
        let stamp = temp
            .as_file()
            .metadata()
            .ok()
            .and_then(|metadata| FileStamp::from_metadata(&metadata));
        Ok(Self {
            temp,
            target: path.to_path_buf(),
            stamp,
        })
    }

    /// Renames the temporary file over the target; returns the stamp of what was written.
    pub(crate) fn commit(self) -> Result<Option<FileStamp>, StorageError> {
        let Self {
            temp,
            target,
            stamp,
        } = self;
        temp.persist(&target).map_err(|error| StorageError::Io {
            path: target.clone(),
            source: error.error,
        })?;
        sync_folder(&parent_folder(&target));
        Ok(stamp)
    }
}

/// A new file is created 0666 less the umask (the operating system applies it); a
/// replacement starts private (0600) and gets the old file's mode before any byte.
#[cfg(unix)]
fn set_creation_mode(builder: &mut tempfile::Builder<'_, '_>, replaces_a_file: bool) {
    use std::os::unix::fs::PermissionsExt as _;
    if !replaces_a_file {
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
}

#[cfg(not(unix))]
fn set_creation_mode(_builder: &mut tempfile::Builder<'_, '_>, _replaces_a_file: bool) {}

/// Gives the temporary file the replaced file's mode and (where allowed) group.
#[cfg(unix)]
fn keep_permissions(temp: &fs::File, existing: &Metadata) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt as _;
    // Only the owner or root may change a file's group, and only to one of their
    // groups; when that is refused the file keeps the user's group.
    let _ = std::os::unix::fs::fchown(temp, None, Some(existing.gid()));
    temp.set_permissions(existing.permissions())
}

/// Elsewhere a new file's attributes come from its folder; nothing to copy.
#[cfg(not(unix))]
fn keep_permissions(_temp: &fs::File, _existing: &Metadata) -> std::io::Result<()> {
    Ok(())
}

/// Flushes the folder entry of a rename to disk (Unix; elsewhere the rename is enough).
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}
