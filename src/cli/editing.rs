//! How the commands that change a project open and save it: read, lock against
//! other Gloss instances, apply edits, save with the changed-on-disk check.

use super::error::CliError;
use crate::storage::{self, OpenedProject, ProjectLock};
use std::path::Path;

/// Opens a project read-only (`stats`, `check`, `export`, `search`, `codebook list`).
pub(crate) fn open(path: &Path) -> Result<OpenedProject, CliError> {
    storage::open_project(path).map_err(CliError::Read)
}

/// A project opened for editing: locked against other instances until dropped.
pub(crate) struct ProjectForEdit {
    /// The project as read.
    pub(crate) opened: OpenedProject,
    _lock: ProjectLock,
}

impl ProjectForEdit {
    /// Reads the project, then takes its lock (a held lock: exit 5). Refuses
    /// (exit 4) a project with the problems of
    /// [`structural_problems`](crate::model::check::structural_problems).
    pub(crate) fn open(path: &Path) -> Result<Self, CliError> {
        let opened = open(path)?;
        let lock = ProjectLock::acquire(&opened.location.project_file).map_err(CliError::Write)?;
        crate::model::check::ensure_editable(&opened.workspace.project, &opened.workspace.texts)
            .map_err(|error| CliError::Refused(error.into()))?;
        Ok(Self {
            opened,
            _lock: lock,
        })
    }

    /// Writes the project back, refusing if another program changed it since it was read.
    pub(crate) fn save(&self) -> Result<(), CliError> {
        storage::save_project(
            &self.opened.location.project_file,
            &self.opened.workspace.project,
            self.opened.on_disk,
        )
        .map(|_| ())
        .map_err(CliError::Write)
    }
}
