//! The lock that keeps two Gloss instances (windows or commands) from writing one
//! project: an exclusive lock on `.gloss.json.lock` beside the project file (beside
//! the real file, when the project file is a symbolic link).
//!
//! An editing command takes the lock before it reads the project and keeps it until
//! its save is done, so commands run one after another and none works on a stale
//! copy; while another command holds it, a command waits on a helper thread
//! (`gloss-wait-for-lock`) for a few seconds. Whoever takes the lock also removes the
//! temporary files killed saves left (see `leftovers.rs`).

use super::atomic_write::parent_folder;
use super::companion_files::{backup_folder, lock_path};
use super::error::{StorageError, creation_error, io_error};
use super::leftovers::remove_stale_temporaries;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, SystemTime};

/// An exclusive lock on a project file, held while a window or command may write it.
/// The operating system releases it when the process ends, even when killed.
#[derive(Debug)]
pub struct ProjectLock {
    _file: File,
}

impl ProjectLock {
    /// Takes the lock of `project_file`, or says which process holds it
    /// ([`StorageError::Locked`]). The holder writes its process id into the lock file.
    pub fn acquire(project_file: &Path) -> Result<Self, StorageError> {
        Self::acquire_waiting(project_file, Duration::ZERO)
    }

    /// Like [`acquire`](Self::acquire), but while another Gloss holds the lock, waits
    /// for up to `patience` (another command's edit is usually done in moments). The
    /// wait blocks a helper thread on the lock; when it gives up, that thread takes and
    /// at once drops the lock whenever it comes free, so this is for short-lived
    /// commands, not the window.
    pub fn acquire_waiting(project_file: &Path, patience: Duration) -> Result<Self, StorageError> {
        let guarded = guarded_file(project_file);
        let path = lock_path(&guarded);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(&path)
            .map_err(|error| {
                // A lock file that exists but cannot be opened is its own problem.
                if path.exists() {
                    io_error(&path)(error)
                } else {
                    creation_error(&parent_folder(&path), &path)(error)
                }
            })?;
        let locked = match file.try_lock() {
            Ok(()) => file,
            Err(TryLockError::WouldBlock) if !patience.is_zero() => wait_for_lock(file, patience)
                .map_err(io_error(&path))?
                .ok_or_else(|| StorageError::Locked {
                    path: project_file.to_path_buf(),
                    holder: holder_of(&path),
                })?,
            Err(TryLockError::WouldBlock) => {
                return Err(StorageError::Locked {
                    path: project_file.to_path_buf(),
                    holder: holder_of(&path),
                });
            }
            Err(TryLockError::Error(source)) => return Err(StorageError::Io { path, source }),
        };
        Ok(Self::holding(locked, project_file, &guarded))
    }

    /// The lock, once `file` holds it: names this process in it and removes what
    /// killed saves left (beside the file saves write, and in the backups folder).
    fn holding(mut file: File, project_file: &Path, guarded: &Path) -> Self {
        let _ = file.set_len(0);
        let _ = writeln!(file, "{}", std::process::id());
        let now = SystemTime::now();
        remove_stale_temporaries(&parent_folder(guarded), now);
        if guarded != project_file {
            remove_stale_temporaries(&parent_folder(project_file), now);
        }
        remove_stale_temporaries(&backup_folder(project_file), now);
        Self { _file: file }
    }
}

/// The file a lock guards: the project file, or the file a link at its path
/// names, so that two links to one project file (in two folders) share one
/// lock beside the real file. A dangling link guards its own path (opening it
/// is refused anyway).
fn guarded_file(project_file: &Path) -> PathBuf {
    if project_file.is_symlink() {
        return fs::canonicalize(project_file).unwrap_or_else(|_| project_file.to_path_buf());
    }
    project_file.to_path_buf()
}

/// Blocks on `file`'s lock on a helper thread for up to `patience`: the locked file,
/// or `None` when the time ran out.
fn wait_for_lock(file: File, patience: Duration) -> std::io::Result<Option<File>> {
    let (sender, receiver) = mpsc::channel();
    std::thread::Builder::new()
        .name("gloss-wait-for-lock".into())
        .spawn(move || {
            let result = file.lock().map(|()| file);
            // Nobody waits any more: dropping the file releases the lock at once.
            let _ = sender.send(result);
        })?;
    match receiver.recv_timeout(patience) {
        Ok(result) => result.map(Some),
        Err(_) => Ok(None),
    }
}

/// ` (process N)` when the lock file names its holder, else empty.
fn holder_of(lock_file: &Path) -> String {
    fs::read_to_string(lock_file)
        .ok()
        .map(|pid| pid.trim().to_owned())
        .filter(|pid| !pid.is_empty())
        .map(|pid| format!(" (process {pid})"))
        .unwrap_or_default()
}
