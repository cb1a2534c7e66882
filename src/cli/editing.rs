//! How the commands that change a project open and save it: lock against other
//! Gloss instances first, then read, apply edits, save with the changed-on-disk
//! check, release. Because the lock comes before the read, two commands never
//! work on the same stale copy: each sees every edit saved before it.

use super::error::CliError;
use super::output::Output;
use crate::storage::{
    self, BackupPolicy, OpenedProject, ProjectLocation, ProjectLock, StorageError,
};
use std::path::Path;
use std::time::Duration;

/// How long an editing command waits for another Gloss command to finish with the
/// project before giving up (exit 5). A window keeps its lock: that one is reported.
pub(crate) const LOCK_PATIENCE: Duration = Duration::from_secs(3);

/// Opens a project read-only (`stats`, `check`, `export`, `search`, `codebook list`).
pub(crate) fn open(path: &Path) -> Result<OpenedProject, CliError> {
    storage::open_project(path).map_err(CliError::Read)
}

/// A project opened for editing: locked against other instances until dropped.
pub(crate) struct ProjectForEdit {
    /// The project as read (after the lock was taken).
    pub(crate) opened: OpenedProject,
    _lock: ProjectLock,
}

impl ProjectForEdit {
    /// Takes the project's lock (a lock still held after [`LOCK_PATIENCE`]: exit 5),
    /// then reads the project. A read-only project file is refused (exit 5); a
    /// project with the problems of
    /// [`structural_problems`](crate::model::check::structural_problems) too (exit 4).
    pub(crate) fn open(path: &Path) -> Result<Self, CliError> {
        let location = ProjectLocation::resolve(path).map_err(CliError::Read)?;
        let lock = ProjectLock::acquire_waiting(&location.project_file, LOCK_PATIENCE)
            .map_err(CliError::Write)?;
        let opened = open(path)?;
        if opened.read_only {
            return Err(CliError::Write(StorageError::ReadOnlyFile {
                path: opened.location.project_file,
            }));
        }
        crate::model::check::ensure_editable(&opened.workspace.project, &opened.workspace.texts)
            .map_err(|error| CliError::Refused(error.into()))?;
        Ok(Self {
            opened,
            _lock: lock,
        })
    }

    /// Writes the project back, refusing if another program changed it since it was read.
    /// When opening repaired the file (passages re-anchored, documents found
    /// at a new path), a backup of the file as it was is always taken and each
    /// repair is reported on standard error.
    pub(crate) fn save(&self, output: &mut Output<'_>) -> Result<(), CliError> {
        let repairs = self.repairs();
        let policy = if repairs.is_empty() {
            BackupPolicy::WhenDue
        } else {
            BackupPolicy::Always
        };
        let project_file = &self.opened.location.project_file;
        storage::save_project_with_backup(
            project_file,
            &self.opened.workspace.project,
            self.opened.disk_state(),
            policy,
        )
        .map_err(CliError::Write)?;
        for repair in &repairs {
            output.remark(repair);
        }
        if !repairs.is_empty() {
            output.remark(&format!(
                "the file as it was before these repairs is kept as {}",
                storage::backup_path(project_file, 1).display()
            ));
        }
        Ok(())
    }

    /// One line per repair made on opening, saved with this edit.
    fn repairs(&self) -> Vec<String> {
        let opened = &self.opened;
        let moved = opened.relocated.iter().map(|moved| {
            format!(
                "{}: found at {} (same content); its annotations follow it (saved)",
                moved.from, moved.to
            )
        });
        let reanchored = opened.reanchored.iter().map(|report| {
            format!(
                "{}: its passages were not at their offsets (the file changed, or the project file was edited); re-anchored: {} (saved)",
                report.path, report.counts
            )
        });
        moved.chain(reanchored).collect()
    }
}
