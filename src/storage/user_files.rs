//! Files the user hands to Gloss or asks it to write outside the project file:
//! import inputs, export outputs, the folder of a new project and the documents
//! an import adds to it.

use super::atomic_write::write_atomically;
use super::error::{StorageError, io_error};
use super::project_paths::prepare_path_inside;
use std::fs;
use std::path::{Path, PathBuf};

/// The whole contents of `path`.
pub fn read_file(path: &Path) -> Result<Vec<u8>, StorageError> {
    fs::read(path).map_err(io_error(path))
}

/// The whole contents of `path` as UTF-8 text (an error names the file otherwise).
pub fn read_text_file(path: &Path) -> Result<String, StorageError> {
    fs::read_to_string(path).map_err(io_error(path))
}

/// Creates the folder of a new project at `path` when nothing is there yet; a path
/// ending in `.json` names a project file, whose folder must exist already.
pub fn create_project_folder(path: &Path) -> Result<(), StorageError> {
    let is_project_file = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if path.exists() || is_project_file {
        return Ok(());
    }
    fs::create_dir_all(path).map_err(io_error(path))
}

/// The first of `paths` where something exists already (a new file would
/// replace it; the window opens the most recent project still on disk).
pub fn first_taken<'a>(paths: impl IntoIterator<Item = &'a PathBuf>) -> Option<&'a PathBuf> {
    paths.into_iter().find(|path| path.exists())
}

/// Writes new documents of a project atomically, each at its `/`-separated path
/// below `folder`, creating the folders they need. Every path is checked first: a
/// path or a link that would put any of them outside the project's real folder is
/// refused ([`StorageError::OutsideProject`]) before a document is written.
pub fn write_new_documents<'a>(
    folder: &Path,
    documents: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> Result<(), StorageError> {
    let prepared = documents
        .into_iter()
        .map(|(relative, contents)| Ok((prepare_path_inside(folder, relative)?, contents)))
        .collect::<Result<Vec<_>, StorageError>>()?;
    for (target, contents) in prepared {
        write_atomically(&target, contents)?;
    }
    Ok(())
}
