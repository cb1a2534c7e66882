//! Clean-up of what killed saves leave behind: the `.gloss-saving-XXXXXX`
//! temporary files of [`atomic_write`](super::atomic_write) in a project's folder
//! and its backups folder. Run only by the holder of the project's lock (no other
//! Gloss saves there meanwhile), and only on Gloss's own files that nobody has
//! written for [`STALE_AFTER`] (an export into the folder, which takes no lock, is
//! never that slow).

use super::atomic_write::TEMPORARY_PREFIX;
use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// A temporary file untouched for this long belongs to a save that was killed.
pub(crate) const STALE_AFTER: Duration = Duration::from_secs(10 * 60);
/// Length of the random part of a temporary file's name.
const RANDOM_SUFFIX_LEN: usize = 6;

/// Is `name` one of Gloss's temporary file names (prefix and six letters or digits)?
fn is_gloss_temporary(name: &str) -> bool {
    name.strip_prefix(TEMPORARY_PREFIX).is_some_and(|suffix| {
        suffix.len() == RANDOM_SUFFIX_LEN && suffix.bytes().all(|b| b.is_ascii_alphanumeric())
    })
}

/// Removes Gloss's stale temporary files directly in `folder` (regular files only,
/// never links or folders); returns how many were removed. Errors are ignored: a
/// file that cannot be removed is left for the next time.
pub(crate) fn remove_stale_temporaries(folder: &Path, now: SystemTime) -> usize {
    let Ok(entries) = fs::read_dir(folder) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        if !entry.file_name().to_str().is_some_and(is_gloss_temporary) {
            continue;
        }
        // `DirEntry::metadata` does not follow links.
        let Ok(metadata) = entry.metadata() else {
            continue;
        };
        let stale = metadata
            .modified()
            .ok()
            .and_then(|modified| now.duration_since(modified).ok())
            .is_some_and(|age| age >= STALE_AFTER);
        if metadata.is_file() && stale && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}
