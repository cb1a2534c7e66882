//! An open project in the window: the workspace, where it lives, the lock that
//! keeps other Gloss instances out, and everything about saving it (dirty
//! tracking, autosave timing, save errors). Opening runs on a background thread
//! ([`Loading`]) so a large folder never freezes the window.

use crate::model::edit::Edit;
use crate::model::workspace::Workspace;
use crate::storage::{
    self, FileStamp, LoadProgress, OpenedProject, ProjectLocation, ProjectLock, SkippedFile,
    StorageError,
};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Autosave this long after the last edit.
pub const AUTOSAVE_DELAY: Duration = Duration::from_secs(2);
/// After a failed autosave, try again no sooner than this.
const AUTOSAVE_RETRY_DELAY: Duration = Duration::from_secs(15);

/// A project being opened on a background thread.
pub struct Loading {
    pub path: PathBuf,
    pub started: Instant,
    /// How many document files the folder holds, once counted (0 before).
    progress: Arc<LoadProgress>,
    receiver: mpsc::Receiver<Result<OpenedProject, StorageError>>,
}

impl Loading {
    /// Starts opening `path`; `ctx` is asked to repaint when it is done.
    pub fn start(path: PathBuf, ctx: &egui::Context) -> Self {
        let (sender, receiver) = mpsc::channel();
        let thread_path = path.clone();
        let thread_ctx = ctx.clone();
        let progress = Arc::new(LoadProgress::default());
        let thread_progress = Arc::clone(&progress);
        let spawned = std::thread::Builder::new()
            .name("gloss-open-project".into())
            .spawn(move || {
                let result = storage::open_project_with_progress(&thread_path, &thread_progress);
                let _ = sender.send(result);
                thread_ctx.request_repaint();
            });
        if let Err(error) = spawned {
            // The receiver then reports a disconnect, handled in `poll`.
            eprintln!("gloss: cannot start the loading thread: {error}");
        }
        Self {
            path,
            started: Instant::now(),
            progress,
            receiver,
        }
    }

    /// (documents read, documents in all); the total is 0 while the folder is still listed.
    pub fn progress(&self) -> (usize, usize) {
        self.progress.snapshot()
    }

    /// The result once the thread is done.
    pub fn poll(&self) -> Option<Result<OpenedProject, String>> {
        match self.receiver.try_recv() {
            Ok(result) => Some(result.map_err(|error| error.to_string())),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(Err(format!(
                "{}: opening failed unexpectedly",
                self.path.display()
            ))),
        }
    }
}

/// The state of the project file relative to memory, for the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    /// Edits not written yet (autosave pending).
    Unsaved,
    /// The last save failed; the edits are in memory.
    Failed(String),
    ReadOnly,
}

pub struct Session {
    pub location: ProjectLocation,
    pub workspace: Workspace,
    /// Files of the folder that could not be read.
    pub skipped: Vec<SkippedFile>,
    /// Documents the project lists whose files are gone or unreadable.
    pub missing: Vec<SkippedFile>,
    /// Why the project is read-only (another Gloss holds its lock), if it is.
    pub read_only_reason: Option<String>,
    lock: Option<ProjectLock>,
    file_exists: bool,
    modified_on_disk: Option<FileStamp>,
    saved_revision: u64,
    last_edit_at: Option<Instant>,
    last_save_error: Option<String>,
    last_failed_save_at: Option<Instant>,
}

impl Session {
    /// Takes over an opened project; locks an existing project file (read-only
    /// if another Gloss holds it). A project without a file is locked at its first save.
    pub fn new(opened: OpenedProject) -> Self {
        let mut read_only_reason = None;
        let mut lock = None;
        if opened.file_exists {
            match ProjectLock::acquire(&opened.location.project_file) {
                Ok(acquired) => lock = Some(acquired),
                Err(StorageError::Locked { .. }) => {
                    read_only_reason = Some(
                        "This project is open in another Gloss window or command. It is shown read-only; close it there and reopen it here to edit."
                            .to_string(),
                    )
                }
                // The lock file cannot be created (read-only folder): saving will report it.
                Err(_) => {}
            }
        }
        let saved_revision = opened.workspace.project.revision;
        Self {
            location: opened.location,
            workspace: opened.workspace,
            skipped: opened.skipped,
            missing: opened.missing,
            read_only_reason,
            lock,
            file_exists: opened.file_exists,
            modified_on_disk: opened.on_disk,
            saved_revision,
            last_edit_at: None,
            last_save_error: None,
            last_failed_save_at: None,
        }
    }

    pub fn project_file(&self) -> &Path {
        &self.location.project_file
    }

    /// "gloss.json" (the file name shown in the title).
    pub fn file_name(&self) -> String {
        self.location
            .project_file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.location.project_file.display().to_string())
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only_reason.is_some()
    }

    /// Are there edits that are not in the project file yet?
    pub fn is_dirty(&self) -> bool {
        self.workspace.project.revision != self.saved_revision
    }

    pub fn save_state(&self) -> SaveState {
        if self.is_read_only() {
            SaveState::ReadOnly
        } else if let Some(error) = &self.last_save_error {
            SaveState::Failed(error.clone())
        } else if self.is_dirty() {
            SaveState::Unsaved
        } else {
            SaveState::Saved
        }
    }

    fn refuse_if_read_only(&self) -> Result<(), String> {
        match &self.read_only_reason {
            Some(_) => Err("This project is read-only here (open in another Gloss).".to_string()),
            None => Ok(()),
        }
    }

    /// Applies an edit through the workspace (so it can be undone).
    pub fn apply(&mut self, edit: Edit) -> Result<(), String> {
        self.refuse_if_read_only()?;
        self.workspace
            .apply(edit)
            .map_err(|error| error.to_string())?;
        self.last_edit_at = Some(Instant::now());
        Ok(())
    }

    /// Undoes the last edit; returns its label.
    pub fn undo(&mut self) -> Result<Option<String>, String> {
        self.refuse_if_read_only()?;
        let label = self.workspace.undo().map_err(|error| error.to_string())?;
        if label.is_some() {
            self.last_edit_at = Some(Instant::now());
        }
        Ok(label)
    }

    pub fn redo(&mut self) -> Result<Option<String>, String> {
        self.refuse_if_read_only()?;
        let label = self.workspace.redo().map_err(|error| error.to_string())?;
        if label.is_some() {
            self.last_edit_at = Some(Instant::now());
        }
        Ok(label)
    }

    /// Writes the project file (taking the lock first for a new project).
    /// On failure the edits stay in memory and the error is kept for the status bar.
    pub fn save(&mut self) -> Result<(), String> {
        self.refuse_if_read_only()?;
        let result = self.save_inner();
        match &result {
            Ok(()) => {
                self.last_save_error = None;
                self.last_failed_save_at = None;
            }
            Err(error) => {
                self.last_save_error = Some(error.clone());
                self.last_failed_save_at = Some(Instant::now());
            }
        }
        result
    }

    fn save_inner(&mut self) -> Result<(), String> {
        if self.lock.is_none() {
            match ProjectLock::acquire(&self.location.project_file) {
                Ok(lock) => self.lock = Some(lock),
                Err(StorageError::Locked { .. }) => {
                    self.read_only_reason = Some(
                        "Another Gloss started editing this project; this window is now read-only. Your unsaved edits are still here."
                            .to_string(),
                    );
                    return Err(format!(
                        "{} is open in another Gloss; not saved",
                        self.location.project_file.display()
                    ));
                }
                Err(error) => return Err(error.to_string()),
            }
        }
        let expected = if self.file_exists {
            self.modified_on_disk
        } else {
            None
        };
        let revision = self.workspace.project.revision;
        let modified = storage::save_project(
            &self.location.project_file,
            &self.workspace.project,
            expected,
        )
        .map_err(|error| error.to_string())?;
        self.modified_on_disk = modified;
        self.file_exists = true;
        self.saved_revision = revision;
        Ok(())
    }

    /// Saves when dirty, without the change-on-disk and retry logic of autosave.
    pub fn save_if_dirty(&mut self) -> Result<(), String> {
        if self.is_dirty() && !self.is_read_only() {
            self.save()
        } else {
            Ok(())
        }
    }

    /// How long until autosave should run; `Some(ZERO)` when it is due now,
    /// `None` when nothing needs saving.
    pub fn autosave_wait(&self, now: Instant) -> Option<Duration> {
        if !self.is_dirty() || self.is_read_only() {
            return None;
        }
        let after_edit = self
            .last_edit_at
            .map_or(Duration::ZERO, |at| AUTOSAVE_DELAY.saturating_sub(now - at));
        let after_failure = match (self.last_failed_save_at, self.last_edit_at) {
            (Some(failed), Some(edit)) if failed >= edit => {
                AUTOSAVE_RETRY_DELAY.saturating_sub(now - failed)
            }
            _ => Duration::ZERO,
        };
        Some(after_edit.max(after_failure))
    }
}
