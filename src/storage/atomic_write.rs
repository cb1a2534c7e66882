//! The one way Gloss writes a file: a temporary file beside the target, flushed to
//! disk, then renamed over it. A crash leaves the old or the new file, never a mix.

use super::error::{StorageError, io_error};
use super::file_stamp::FileStamp;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Prefix of the temporary files a write leaves only when killed mid-way.
const TEMPORARY_PREFIX: &str = ".gloss-saving-";

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
/// from the temporary file before the rename, which keeps length and time).
pub(crate) fn write_atomically_stamped(
    path: &Path,
    contents: &[u8],
) -> Result<Option<FileStamp>, StorageError> {
    let folder = parent_folder(path);
    let mut temp = tempfile::Builder::new()
        .prefix(TEMPORARY_PREFIX)
        .tempfile_in(&folder)
        .map_err(io_error(&folder))?;
    temp.write_all(contents).map_err(io_error(path))?;
    temp.as_file().sync_all().map_err(io_error(path))?;
    let stamp = temp
        .as_file()
        .metadata()
        .ok()
        .and_then(|metadata| FileStamp::from_metadata(&metadata));
    temp.persist(path).map_err(|error| StorageError::Io {
        path: path.to_path_buf(),
        source: error.error,
    })?;
    #[cfg(unix)]
    if let Ok(dir) = std::fs::File::open(&folder) {
        let _ = dir.sync_all();
    }
    Ok(stamp)
}
