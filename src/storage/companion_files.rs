//! Where Gloss keeps its own files beside a project: the project file's default name,
//! the lock file (`.gloss.json.lock`), the backups folder (`.gloss-backups/`) and the
//! extraction cache (`.gloss-cache/extracted/`). One
//! place names them, so the lock, the backups and (later) the clean-up of leftovers
//! agree on every path.

use std::path::{Path, PathBuf};

/// Name of the project file in a folder.
pub(crate) const DEFAULT_PROJECT_FILE_NAME: &str = "gloss.json";

/// The project file's own name (`gloss.json` when the path has none).
fn project_file_name(project_file: &Path) -> String {
    project_file.file_name().map_or_else(
        || DEFAULT_PROJECT_FILE_NAME.to_owned(),
        |name| name.to_string_lossy().into_owned(),
    )
}

/// Path of the lock file that guards `project_file`.
pub fn lock_path(project_file: &Path) -> PathBuf {
    project_file.with_file_name(format!(".{}.lock", project_file_name(project_file)))
}

/// Folder of a project file's rotating backups.
pub(crate) fn backup_folder(project_file: &Path) -> PathBuf {
    project_file.with_file_name(".gloss-backups")
}

/// Path of backup number `n` (1 = newest).
pub fn backup_path(project_file: &Path, n: usize) -> PathBuf {
    backup_folder(project_file).join(format!("{}.{n}", project_file_name(project_file)))
}

/// Folder of the extraction cache beside a project's documents (in the
/// project's folder; hidden, so the folder scan passes it by).
pub(crate) fn extraction_cache_folder(project_folder: &Path) -> PathBuf {
    project_folder.join(".gloss-cache").join("extracted")
}
