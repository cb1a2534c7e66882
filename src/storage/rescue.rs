//! Rescue copies: when the project file cannot be saved (changed by another
//! program, a full disk, a folder gone read-only) the window's edits are written
//! to a new file instead of being lost when the window closes. A rescue copy is a
//! complete project file; written beside the project, it opens with the same
//! documents (its paths are relative to its folder).

use super::atomic_write::write_atomically;
use super::error::StorageError;
use crate::model::format::project_to_json;
use crate::model::project::Project;
use std::fs;
use std::path::{Path, PathBuf};

/// How every rescue copy's name starts.
const RESCUE_PREFIX: &str = "gloss-unsaved-";

/// How many numbered names are tried when a rescue name is taken already.
const NAME_ATTEMPTS_MAX: u32 = 100;

/// Writes `project` to a new file named `gloss-unsaved-<stamp>.json` in the first
/// of `folders` where that works (the project's folder first, then e.g. the
/// user's data folder), never replacing a file. `stamp` is a timestamp; the
/// characters a file name cannot hold are replaced. Returns the file written, or
/// the last folder's error.
pub fn write_rescue_copy(
    folders: &[&Path],
    project: &Project,
    stamp: &str,
) -> Result<PathBuf, StorageError> {
    let json = project_to_json(project);
    let stamp: String = stamp
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let mut last_error = None;
    for folder in folders {
        if let Err(error) = fs::create_dir_all(folder) {
            last_error = Some(StorageError::Io {
                path: folder.to_path_buf(),
                source: error,
            });
            continue;
        }
        let Some(path) = free_name(folder, &stamp) else {
            continue;
        };
        match write_atomically(&path, json.as_bytes()) {
            Ok(()) => return Ok(path),
            Err(error) => last_error = Some(error),
        }
    }
    Err(last_error.unwrap_or_else(|| StorageError::Io {
        path: folders
            .first()
            .map_or_else(PathBuf::new, |f| f.to_path_buf()),
        source: std::io::Error::other("no folder to write a rescue copy in"),
    }))
}

/// `gloss-unsaved-<stamp>.json`, or `…-2.json`, `…-3.json`: the first name not taken.
fn free_name(folder: &Path, stamp: &str) -> Option<PathBuf> {
    (1..=NAME_ATTEMPTS_MAX)
        .map(|attempt| {
            let suffix = if attempt == 1 {
                String::new()
            } else {
                format!("-{attempt}")
            };
            folder.join(format!("{RESCUE_PREFIX}{stamp}{suffix}.json"))
        })
        .find(|path| fs::symlink_metadata(path).is_err())
}

/// The rescue copies in `folder` (file names, sorted), so that opening the
/// project can say they are there. An unreadable folder has none.
pub fn rescue_copies(folder: &Path) -> Vec<String> {
    let Ok(entries) = fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| name.starts_with(RESCUE_PREFIX) && name.ends_with(".json"))
        .collect();
    names.sort();
    names
}
