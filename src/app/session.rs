//! An open project in the window: the workspace, where it lives, the lock that
//! keeps other Gloss instances out, and everything about saving it (dirty
//! tracking, autosave timing, save errors). Opening runs on a background thread
//! ([`Loading`]) so a large folder never freezes the window; the thread is
//! spawned here and only calls `storage::open_project_with_progress`.
//!
//! Time comes from the app's [`Clock`], so tests move autosave forward without waiting.

use crate::app::clock::Clock;
use crate::model::check::structural_problems;
use crate::model::edit::{Edit, EditError};
use crate::model::workspace::Workspace;
use crate::storage::{
    self, BackupPolicy, DiskState, FileStamp, LoadProgress, OpenedProject, ProjectLocation,
    ProjectLock, SkippedFile, StorageError,
};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Autosave this long after the last edit.
pub const AUTOSAVE_DELAY: Duration = Duration::from_secs(2);
/// After a failed autosave, try again no sooner than this.
const AUTOSAVE_RETRY_DELAY: Duration = Duration::from_secs(15);

/// Why a project could not be opened, edited or saved; shown to the user once,
/// by the app, in the status bar or on the welcome screen.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    /// Another Gloss holds the project's lock, or the project file is read-only, so
    /// this window only reads it.
    #[error("This project is read-only here (open in another Gloss, or its file is read-only).")]
    ReadOnly,
    /// Another Gloss took the lock of a new project before its first save here.
    #[error("{} is open in another Gloss; not saved", path.display())]
    TakenByAnother {
        /// The project file.
        path: PathBuf,
    },
    /// Reading or writing the project or its documents failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// The edit does not fit the project (stale, missing or duplicate entity).
    #[error(transparent)]
    Edit(#[from] EditError),
    /// The opening thread could not be started.
    #[error("{}: cannot start reading it ({source})", path.display())]
    NoLoadingThread {
        /// The folder or file to open.
        path: PathBuf,
        /// Why the thread did not start.
        source: std::io::Error,
    },
    /// The opening thread ended without an answer (it panicked).
    #[error("{}: opening failed unexpectedly", path.display())]
    LoadingFailed {
        /// The folder or file being opened.
        path: PathBuf,
    },
}

/// A project being opened on a background thread.
pub struct Loading {
    /// The folder or project file being opened.
    pub path: PathBuf,
    /// When opening started (on the app's clock), for the elapsed seconds shown.
    pub started: Instant,
    /// How many document files the folder holds, once counted (0 before).
    progress: Arc<LoadProgress>,
    receiver: mpsc::Receiver<Result<OpenedProject, StorageError>>,
}

impl Loading {
    /// Starts opening `path` on its thread; `ctx` is asked to repaint when it is done.
    pub fn start(path: PathBuf, ctx: &egui::Context, clock: &Clock) -> Result<Self, SessionError> {
        let (sender, receiver) = mpsc::channel();
        let thread_path = path.clone();
        let thread_ctx = ctx.clone();
        let progress = Arc::new(LoadProgress::default());
        let thread_progress = Arc::clone(&progress);
        let spawned = std::thread::Builder::new()
            .name("gloss-open-project".into())
            .spawn(move || {
                let result = storage::open_project_with_progress(&thread_path, &thread_progress);
                // The window may have closed meanwhile; then nobody needs the result.
                let _ = sender.send(result);
                thread_ctx.request_repaint();
            });
        match spawned {
            Ok(_) => Ok(Self {
                path,
                started: clock.now(),
                progress,
                receiver,
            }),
            Err(source) => Err(SessionError::NoLoadingThread { path, source }),
        }
    }

    /// (documents read, documents in all); the total is 0 while the folder is still listed.
    pub fn progress(&self) -> (usize, usize) {
        self.progress.snapshot()
    }

    /// The result once the thread is done.
    pub fn poll(&self) -> Option<Result<OpenedProject, SessionError>> {
        match self.receiver.try_recv() {
            Ok(result) => Some(result.map_err(SessionError::from)),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(Err(self.failed())),
        }
    }

    /// Blocks up to `timeout` for the result (for tests and scripts that drive the
    /// window without a display); `None` when the thread is still reading.
    pub fn wait(&self, timeout: Duration) -> Option<Result<OpenedProject, SessionError>> {
        match self.receiver.recv_timeout(timeout) {
            Ok(result) => Some(result.map_err(SessionError::from)),
            Err(mpsc::RecvTimeoutError::Timeout) => None,
            Err(mpsc::RecvTimeoutError::Disconnected) => Some(Err(self.failed())),
        }
    }

    fn failed(&self) -> SessionError {
        SessionError::LoadingFailed {
            path: self.path.clone(),
        }
    }
}

/// The state of the project file relative to memory, for the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveState {
    /// The file holds every edit.
    Saved,
    /// Edits not written yet (autosave pending).
    Unsaved,
    /// The last save failed (the message says why); the edits are in memory.
    Failed(String),
    /// Another Gloss holds the lock; nothing is written from here.
    ReadOnly,
}

/// The open project: workspace, location, lock and save bookkeeping.
pub struct Session {
    /// The project file and its folder.
    pub location: ProjectLocation,
    /// The project, its loaded texts and the undo history.
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
    clock: Clock,
    last_edit_at: Option<Instant>,
    /// Why the last save failed, as the status bar shows it (cleared by a good save).
    last_save_failure: Option<String>,
    last_failed_save_at: Option<Instant>,
    /// Opening repaired the file (passages re-anchored, documents found at a new
    /// path): its next save keeps a backup of it as it was, however fresh the last one.
    back_up_before_next_save: bool,
}

/// How many of a broken file's problems the read-only banner names.
const BANNER_PROBLEMS_MAX: usize = 3;

/// Why a hand-edited project file with structural problems (duplicate ids,
/// unknown references, ranges past the end, parent loops) is opened read-only:
/// saving over it would write the broken state back without a word, as
/// `gloss`'s editing commands refuse to. `None` when the file is sound.
fn broken_file_reason(workspace: &Workspace) -> Option<String> {
    let problems = structural_problems(&workspace.project, &workspace.texts);
    if problems.is_empty() {
        return None;
    }
    let mut reason = format!(
        "The project file has {} problem(s) that a hand edit or another program left; it is shown read-only so that nothing is written over it. Fix them in the file (`gloss check` lists them all) and reopen it:",
        problems.len()
    );
    for problem in problems.iter().take(BANNER_PROBLEMS_MAX) {
        reason.push_str("\n• ");
        reason.push_str(&problem.message);
    }
    if problems.len() > BANNER_PROBLEMS_MAX {
        reason.push_str(&format!(
            "\n… and {} more",
            problems.len() - BANNER_PROBLEMS_MAX
        ));
    }
    Some(reason)
}

impl Session {
    /// Takes over an opened project; locks an existing project file (read-only
    /// if another Gloss holds it). A project without a file is locked at its first save.
    pub fn new(opened: OpenedProject, clock: Clock) -> Self {
        let mut read_only_reason = None;
        let mut lock = None;
        if opened.read_only {
            read_only_reason = Some(
                "The project file is read-only (its permissions allow no writing). It is shown read-only; make it writable and reopen it to edit.".to_owned(),
            );
        } else if let Some(reason) = broken_file_reason(&opened.workspace) {
            // Not locked: the user may repair the file while it is shown.
            read_only_reason = Some(reason);
        } else if opened.file_exists {
            match ProjectLock::acquire(&opened.location.project_file) {
                Ok(acquired) => lock = Some(acquired),
                Err(StorageError::Locked { .. }) => {
                    read_only_reason = Some(
                        "This project is open in another Gloss window or command. It is shown read-only; close it there and reopen it here to edit.".to_owned(),
                    );
                }
                // The lock file cannot be created (read-only folder): saving will report it.
                Err(_) => {}
            }
        }
        // Re-anchoring on open is an unsaved edit, so it is saved like any other.
        let saved_revision = opened.revision_on_disk;
        let back_up_before_next_save =
            opened.file_exists && (!opened.reanchored.is_empty() || !opened.relocated.is_empty());
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
            clock,
            last_edit_at: None,
            last_save_failure: None,
            last_failed_save_at: None,
            back_up_before_next_save,
        }
    }

    /// The project file (it may not exist before the first save).
    pub fn project_file(&self) -> &Path {
        &self.location.project_file
    }

    /// Was the project file on disk when the project was opened (or saved since)?
    pub fn has_project_file(&self) -> bool {
        self.file_exists
    }

    /// "gloss.json" (the file name shown in the title).
    pub fn file_name(&self) -> String {
        self.location.project_file.file_name().map_or_else(
            || self.location.project_file.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        )
    }

    /// Does another Gloss hold the lock (so nothing is edited or written here)?
    pub fn is_read_only(&self) -> bool {
        self.read_only_reason.is_some()
    }

    /// Are there edits that are not in the project file yet?
    pub fn is_dirty(&self) -> bool {
        self.workspace.project.revision != self.saved_revision
    }

    /// Saved, unsaved, failed or read-only, for the status bar.
    pub fn save_state(&self) -> SaveState {
        if self.is_read_only() {
            SaveState::ReadOnly
        } else if let Some(failure) = &self.last_save_failure {
            SaveState::Failed(failure.clone())
        } else if self.is_dirty() {
            SaveState::Unsaved
        } else {
            SaveState::Saved
        }
    }

    fn refuse_if_read_only(&self) -> Result<(), SessionError> {
        match &self.read_only_reason {
            Some(_) => Err(SessionError::ReadOnly),
            None => Ok(()),
        }
    }

    /// Applies an edit through the workspace (so it can be undone).
    pub fn apply(&mut self, edit: Edit) -> Result<(), SessionError> {
        self.refuse_if_read_only()?;
        self.workspace.apply(edit)?;
        self.last_edit_at = Some(self.clock.now());
        Ok(())
    }

    /// Undoes the last edit; returns its label (`None`: nothing to undo).
    pub fn undo(&mut self) -> Result<Option<String>, SessionError> {
        self.refuse_if_read_only()?;
        let label = self.workspace.undo()?;
        if label.is_some() {
            self.last_edit_at = Some(self.clock.now());
        }
        Ok(label)
    }

    /// Redoes the last undone edit; returns its label (`None`: nothing to redo).
    pub fn redo(&mut self) -> Result<Option<String>, SessionError> {
        self.refuse_if_read_only()?;
        let label = self.workspace.redo()?;
        if label.is_some() {
            self.last_edit_at = Some(self.clock.now());
        }
        Ok(label)
    }

    /// Writes the project file (taking the lock first for a new project).
    /// On failure the edits stay in memory and the status bar shows why.
    pub fn save(&mut self) -> Result<(), SessionError> {
        self.refuse_if_read_only()?;
        let result = self.save_inner();
        match &result {
            Ok(()) => {
                self.last_save_failure = None;
                self.last_failed_save_at = None;
            }
            Err(error) => {
                self.last_save_failure = Some(error.to_string());
                self.last_failed_save_at = Some(self.clock.now());
            }
        }
        result
    }

    fn save_inner(&mut self) -> Result<(), SessionError> {
        if self.lock.is_none() {
            match ProjectLock::acquire(&self.location.project_file) {
                Ok(lock) => self.lock = Some(lock),
                Err(StorageError::Locked { .. }) => {
                    self.read_only_reason = Some(
                        "Another Gloss started editing this project; this window is now read-only. Your unsaved edits are still here.".to_owned(),
                    );
                    return Err(SessionError::TakenByAnother {
                        path: self.location.project_file.clone(),
                    });
                }
                Err(error) => return Err(error.into()),
            }
        }
        let expected = DiskState::of(self.file_exists, self.modified_on_disk);
        let revision = self.workspace.project.revision;
        let policy = if self.back_up_before_next_save {
            BackupPolicy::Always
        } else {
            BackupPolicy::WhenDue
        };
        let modified = storage::save_project_with_backup(
            &self.location.project_file,
            &self.workspace.project,
            expected,
            policy,
        )?;
        self.back_up_before_next_save = false;
        self.modified_on_disk = modified;
        self.file_exists = true;
        self.saved_revision = revision;
        Ok(())
    }

    /// Writes the project as it is in memory to a new rescue file (see
    /// `storage::write_rescue_copy`): in the project's folder, else in
    /// `fallback_folder`. The session stays unsaved: the project file is untouched.
    pub fn save_rescue_copy(
        &self,
        fallback_folder: Option<&Path>,
    ) -> Result<PathBuf, SessionError> {
        let mut folders = vec![self.location.folder.as_path()];
        folders.extend(fallback_folder);
        let stamp = crate::model::now_timestamp();
        Ok(storage::write_rescue_copy(
            &folders,
            &self.workspace.project,
            &stamp,
        )?)
    }

    /// Saves when dirty, without the change-on-disk and retry logic of autosave.
    pub fn save_if_dirty(&mut self) -> Result<(), SessionError> {
        if self.is_dirty() && !self.is_read_only() {
            self.save()
        } else {
            Ok(())
        }
    }

    /// How long until autosave should run; `Some(ZERO)` when it is due now,
    /// `None` when nothing needs saving.
    pub fn autosave_wait(&self) -> Option<Duration> {
        if !self.is_dirty() || self.is_read_only() {
            return None;
        }
        let after_edit = self.last_edit_at.map_or(Duration::ZERO, |at| {
            AUTOSAVE_DELAY.saturating_sub(self.clock.since(at))
        });
        let after_failure = match (self.last_failed_save_at, self.last_edit_at) {
            (Some(failed), Some(edit)) if failed >= edit => {
                AUTOSAVE_RETRY_DELAY.saturating_sub(self.clock.since(failed))
            }
            _ => Duration::ZERO,
        };
        Some(after_edit.max(after_failure))
    }
}
