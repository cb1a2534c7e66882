//! The lock that keeps two Gloss instances (windows or commands) from writing one
//! project: an exclusive lock on `.gloss.json.lock` beside the project file.

use super::companion_files::lock_path;
use super::error::{StorageError, io_error};
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::Write as _;
use std::path::Path;

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
        let path = lock_path(project_file);
        let mut file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(&path)
            .map_err(io_error(&path))?;
        match file.try_lock() {
            Ok(()) => {
                let _ = file.set_len(0);
                let _ = writeln!(file, "{}", std::process::id());
                Ok(Self { _file: file })
            }
            Err(TryLockError::WouldBlock) => {
                let holder = fs::read_to_string(&path)
                    .ok()
                    .map(|pid| pid.trim().to_owned())
                    .filter(|pid| !pid.is_empty())
                    .map(|pid| format!(" (process {pid})"))
                    .unwrap_or_default();
                Err(StorageError::Locked {
                    path: project_file.to_path_buf(),
                    holder,
                })
            }
            Err(TryLockError::Error(source)) => Err(StorageError::Io { path, source }),
        }
    }
}
