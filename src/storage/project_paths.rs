//! Keeping reads and writes inside the project: a document path in a project file
//! must be relative and stay below the project folder (no absolute path, no drive,
//! no `..`), a document reached through a link must still be inside the folder's
//! real location, and a file an import writes is created only below the project's
//! real folder, never through a link that leaves it.

use super::error::{StorageError, io_error};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Is `path` a relative, `/`-separated path that stays inside its folder on every
/// platform? Refused: empty, absolute (`/x`, `\x`), a Windows drive (`C:x`), a `..`
/// part, a NUL byte.
pub fn is_safe_relative_path(path: &str) -> bool {
    let bytes = path.as_bytes();
    let drive = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    !path.is_empty()
        && !drive
        && !path.starts_with(['/', '\\'])
        && !path.contains('\0')
        && path.split(['/', '\\']).all(|part| part != "..")
}

/// The real (link-free, absolute) location of the project folder.
pub(crate) fn real_folder(folder: &Path) -> Result<PathBuf, StorageError> {
    fs::canonicalize(folder).map_err(io_error(folder))
}

/// Does `path` (following every link) lie inside `real_folder`? A path that cannot
/// be resolved is not.
pub(crate) fn resolves_inside(real_folder: &Path, path: &Path) -> bool {
    fs::canonicalize(path).is_ok_and(|real| real.starts_with(real_folder))
}

/// Creates the folders that `relative` (a safe relative path) needs below `folder`,
/// refusing any existing part that is a link leading out of the folder's real
/// location; returns the path to write, inside the real folder.
pub(crate) fn prepare_path_inside(folder: &Path, relative: &str) -> Result<PathBuf, StorageError> {
    let outside = || StorageError::OutsideProject {
        path: folder.join(relative),
    };
    if !is_safe_relative_path(relative) {
        return Err(outside());
    }
    let real = real_folder(folder)?;
    let parts: Vec<&str> = relative
        .split(['/', '\\'])
        .filter(|part| !part.is_empty() && *part != ".")
        .collect();
    let Some((file_name, parents)) = parts.split_last() else {
        return Err(outside());
    };
    let mut current = real.clone();
    for part in parents {
        current.push(part);
        match fs::symlink_metadata(&current) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                let target = fs::canonicalize(&current).map_err(io_error(&current))?;
                if !target.starts_with(&real) || !target.is_dir() {
                    return Err(outside());
                }
                current = target;
            }
            Ok(metadata) if metadata.is_dir() => {}
            Ok(_) => {
                return Err(StorageError::Io {
                    path: current,
                    source: io::Error::new(io::ErrorKind::NotADirectory, "not a folder"),
                });
            }
            Err(error) if error.kind() == io::ErrorKind::NotFound => match fs::create_dir(&current)
            {
                Ok(()) => {}
                Err(error)
                    if error.kind() == io::ErrorKind::AlreadyExists
                        && fs::symlink_metadata(&current).is_ok_and(|m| m.is_dir()) => {}
                Err(error) => return Err(io_error(&current)(error)),
            },
            Err(error) => return Err(io_error(&current)(error)),
        }
    }
    Ok(current.join(file_name))
}
