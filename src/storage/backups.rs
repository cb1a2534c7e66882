//! Rotating backups of a project file (`.gloss-backups/gloss.json.1` … `.3`),
//! taken before a save when the newest one is older than a few minutes.

use super::companion_files::{backup_folder, backup_path};
use super::error::{StorageError, io_error};
use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// How many rotating backups of a project file are kept.
const BACKUP_COUNT: usize = 3;
/// A new backup is taken when the newest one is older than this.
const BACKUP_MIN_AGE: Duration = Duration::from_secs(5 * 60);

/// Copies the current project file to backup 1 (shifting older ones) when the
/// newest backup is older than [`BACKUP_MIN_AGE`] at `now`.
pub(crate) fn rotate_backups(project_file: &Path, now: SystemTime) -> Result<(), StorageError> {
    if !project_file.is_file() {
        return Ok(());
    }
    let newest = backup_path(project_file, 1);
    let fresh = fs::metadata(&newest)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|taken| now.duration_since(taken).ok())
        .is_some_and(|age| age < BACKUP_MIN_AGE);
    if fresh {
        return Ok(());
    }
    let folder = backup_folder(project_file);
    fs::create_dir_all(&folder).map_err(io_error(&folder))?;
    for n in (1..BACKUP_COUNT).rev() {
        let from = backup_path(project_file, n);
        if from.exists() {
            let to = backup_path(project_file, n + 1);
            fs::rename(&from, &to).map_err(io_error(&to))?;
        }
    }
    fs::copy(project_file, &newest).map_err(io_error(&newest))?;
    Ok(())
}
