//! Rotating backups of a project file (`.gloss-backups/gloss.json.1` … `.3`),
//! taken before a save when the newest one is older than a few minutes.
//!
//! A backup is written like the project file (temporary file, then rename), so a
//! kill or a full disk never leaves a torn one; and only sound backups (complete
//! JSON) are kept when they shift down: a torn or empty one left by an older Gloss
//! or another program is dropped, never kept in place of a good copy, and never
//! counts as the fresh one. A backup has its project file's mode and group.

use super::atomic_write::StagedWrite;
use super::companion_files::{backup_folder, backup_path};
use super::error::{StorageError, io_error};
use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// How many rotating backups of a project file are kept.
const BACKUP_COUNT: usize = 3;
/// A new backup is taken when the newest one is older than this.
const BACKUP_MIN_AGE: Duration = Duration::from_secs(5 * 60);

/// Is the file at `path` a complete JSON document (not a torn or empty copy)?
fn is_sound(path: &Path) -> bool {
    fs::read(path)
        .is_ok_and(|bytes| serde_json::from_slice::<serde::de::IgnoredAny>(&bytes).is_ok())
}

/// Is backup 1 sound and younger than [`BACKUP_MIN_AGE`] at `now`?
fn newest_is_fresh(project_file: &Path, now: SystemTime) -> bool {
    let newest = backup_path(project_file, 1);
    let young = fs::metadata(&newest)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|taken| now.duration_since(taken).ok())
        .is_some_and(|age| age < BACKUP_MIN_AGE);
    young && is_sound(&newest)
}

/// When a save takes a backup of the file it replaces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BackupPolicy {
    /// When the newest backup is older than a few minutes (or not sound).
    WhenDue,
    /// Always: the save replaces a file that Gloss repaired on load (a
    /// hand-edited file), which must stay recoverable as it was.
    Always,
}

/// Copies the current project file to backup 1 (shifting the older sound ones down)
/// when `policy` says so: always, or when the newest backup is not a sound one
/// younger than [`BACKUP_MIN_AGE`] at `now`. The new copy is on disk before
/// anything shifts: a failure (a full disk) leaves the old backups as they were.
pub(crate) fn rotate_backups(
    project_file: &Path,
    now: SystemTime,
    policy: BackupPolicy,
) -> Result<(), StorageError> {
    if !project_file.is_file()
        || (policy == BackupPolicy::WhenDue && newest_is_fresh(project_file, now))
    {
        return Ok(());
    }
    let contents = fs::read(project_file).map_err(io_error(project_file))?;
    let folder = backup_folder(project_file);
    fs::create_dir_all(&folder).map_err(io_error(&folder))?;
    let newest = backup_path(project_file, 1);
    let staged = StagedWrite::stage_with_permissions_of(&newest, &contents, project_file)?;
    let sound: Vec<usize> = (1..=BACKUP_COUNT)
        .filter(|&n| is_sound(&backup_path(project_file, n)))
        .collect();
    // Sound backup `sound[i]` becomes number i + 2, from the oldest kept down, so no
    // kept copy is overwritten before it has moved; what is left below them (torn
    // copies, the oldest beyond the count) is removed, and the new copy becomes 1.
    let kept = sound.len().min(BACKUP_COUNT - 1);
    for (i, &from) in sound.iter().enumerate().take(kept).rev() {
        let to = i + 2;
        if from != to {
            let target = backup_path(project_file, to);
            fs::rename(backup_path(project_file, from), &target).map_err(io_error(&target))?;
        }
    }
    for n in (kept + 2)..=BACKUP_COUNT {
        let stale = backup_path(project_file, n);
        if stale.exists() {
            fs::remove_file(&stale).map_err(io_error(&stale))?;
        }
    }
    staged.commit().map(|_| ())
}
