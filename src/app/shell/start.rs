//! What the window starts with: the target to open first and everything it
//! would otherwise take from the environment ([`Startup`]: clock, user
//! folders, coder), and why opening a project can fail ([`OpenError`]).

use crate::app::clock::Clock;
use crate::app::session::SessionError;
use crate::storage::{StorageError, UserDirs};
use std::path::PathBuf;

/// What the window opens when it starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StartTarget {
    /// A folder or project file (the command-line argument).
    Path(PathBuf),
    /// The most recent project, else the bundled sample.
    RecentOrSample,
    /// Nothing: the welcome screen.
    Nothing,
}

/// Why the window could not open a project (shown on the welcome screen).
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// Neither `GLOSS_DATA_DIR` nor a user data folder is known, so the sample has no place.
    #[error("No data folder for the sample project (set GLOSS_DATA_DIR).")]
    NoDataFolder,
    /// The sample could not be written into the data folder.
    #[error(transparent)]
    SampleNotInstalled(#[from] StorageError),
    /// Reading the project or its documents failed.
    #[error(transparent)]
    Session(#[from] SessionError),
}

/// What the window starts with, besides eframe's context: everything it would
/// otherwise take from the environment, so tests (and #11's coder identity) can set it.
pub struct Startup {
    /// What to open first.
    pub target: StartTarget,
    /// Where autosave, messages and the loading screen read the time.
    pub clock: Clock,
    /// The user's data folder (the sample) and config folder (recent projects);
    /// `None`: neither is known, so no sample and no recent list.
    pub user_dirs: Option<UserDirs>,
    /// Written as the coder of the annotations made in the window; empty:
    /// not known yet (the window asks at the first edit, unless the preferences know it).
    pub coder: String,
}

impl Startup {
    /// Opens `target` on the system clock, with the user's folders and coder
    /// name as the environment gives them (`GLOSS_DATA_DIR`, `GLOSS_CODER`; a
    /// login name alone is only offered when the window asks who is coding).
    pub fn from_environment(target: StartTarget) -> Self {
        Self {
            target,
            clock: Clock::system(),
            user_dirs: UserDirs::locate(),
            coder: crate::storage::explicit_coder_from_environment().unwrap_or_default(),
        }
    }
}
