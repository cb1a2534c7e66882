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

/// One entry of a folder listing for the window's own file picker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FolderEntry {
    /// The file or folder name.
    pub name: String,
    /// Its full path.
    pub path: PathBuf,
    /// Is it a folder (following links)?
    pub is_folder: bool,
}

/// What is at a path, for the file picker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathKind {
    /// A folder (or a link to one).
    Folder,
    /// Anything else that exists.
    File,
}

/// What is at `path`, if anything.
pub fn path_kind(path: &Path) -> Option<PathKind> {
    let metadata = fs::metadata(path).ok()?;
    Some(if metadata.is_dir() {
        PathKind::Folder
    } else {
        PathKind::File
    })
}

/// The entries of `folder` without hidden ones (names starting with a dot):
/// folders first, then files, each sorted by name ignoring case.
pub fn list_folder(folder: &Path) -> Result<Vec<FolderEntry>, StorageError> {
    let mut entries = Vec::new();
    for entry in fs::read_dir(folder).map_err(io_error(folder))? {
        let Ok(entry) = entry else { continue };
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let is_folder = fs::metadata(&path).is_ok_and(|m| m.is_dir());
        entries.push(FolderEntry {
            name,
            path,
            is_folder,
        });
    }
    entries.sort_by(|a, b| {
        b.is_folder
            .cmp(&a.is_folder)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
            .then_with(|| a.name.cmp(&b.name))
    });
    Ok(entries)
}

/// The user's home folder, where the file picker starts without a project.
pub fn home_folder() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|dirs| dirs.home_dir().to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::{PathKind, list_folder, path_kind};

    #[test]
    fn a_folder_lists_folders_first_by_name_without_hidden_entries() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("b.txt"), "b").expect("write");
        std::fs::write(dir.path().join("A.qdpx"), "a").expect("write");
        std::fs::write(dir.path().join(".hidden"), "h").expect("write");
        std::fs::create_dir(dir.path().join("zeta")).expect("mkdir");
        let names: Vec<(String, bool)> = list_folder(dir.path())
            .expect("list")
            .into_iter()
            .map(|e| (e.name, e.is_folder))
            .collect();
        assert_eq!(
            names,
            [
                ("zeta".to_owned(), true),
                ("A.qdpx".to_owned(), false),
                ("b.txt".to_owned(), false)
            ]
        );
        assert_eq!(path_kind(dir.path()), Some(PathKind::Folder));
        assert_eq!(path_kind(&dir.path().join("b.txt")), Some(PathKind::File));
        assert_eq!(path_kind(&dir.path().join("nothing")), None);
        assert!(list_folder(&dir.path().join("nothing")).is_err());
    }
}
