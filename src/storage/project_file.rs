//! The project file: where a project lives, opening it (reading the file and every
//! document, adding new documents of the folder in memory) and saving it (change
//! check, backup, atomic write).
//!
//! A project file that is a symbolic link is read and written through the link (the
//! target is replaced atomically, the link stays); a dangling link, a folder or a
//! special file in its place is refused, never replaced by a new empty project. A
//! read-only project file opens read-only and is never overwritten. Document paths
//! must stay inside the project folder (see `project_paths.rs`).

use super::atomic_write::{parent_folder, write_atomically_stamped};
use super::backups::{BackupPolicy, rotate_backups};
use super::companion_files::DEFAULT_PROJECT_FILE_NAME;
use super::documents::{
    LoadProgress, SkippedFile, read_document_in_project, scan_folder_with_progress,
};
use super::error::{SkipReason, StorageError, io_error};
use super::file_stamp::{DiskState, FileStamp, check_unchanged};
use super::project_paths::{is_safe_relative_path, real_folder, resolves_inside};
use crate::model::anchor::DocumentReport;
use crate::model::codebook::Codebook;
use crate::model::document::{DocumentRecord, LoadedText};
use crate::model::format::{project_from_bytes, project_to_json};
use crate::model::ids::DocumentId;
use crate::model::project::Project;
use crate::model::workspace::Workspace;
use std::collections::HashMap;
use std::fs::{self, File, Metadata, OpenOptions};
use std::io::{self, Read as _};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The name exports give a project whose folder has no name.
const FALLBACK_PROJECT_NAME: &str = "gloss";

/// Where a project lives: its file (which may not exist yet) and its folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProjectLocation {
    /// The JSON file (`<folder>/gloss.json` unless a file was named).
    pub project_file: PathBuf,
    /// The folder whose documents the project holds.
    pub folder: PathBuf,
}

impl ProjectLocation {
    /// A folder means `<folder>/gloss.json`; anything else is the project file itself.
    pub fn resolve(path: &Path) -> Result<Self, StorageError> {
        if path.is_dir() {
            let folder = path.to_path_buf();
            return Ok(Self {
                project_file: folder.join(DEFAULT_PROJECT_FILE_NAME),
                folder,
            });
        }
        if !path.exists() {
            if path.is_symlink() {
                return Err(dangling(path));
            }
            return Err(StorageError::NotFound {
                path: path.to_path_buf(),
            });
        }
        Ok(Self {
            project_file: path.to_path_buf(),
            folder: parent_folder(path),
        })
    }

    /// The name exports give the project: its folder's real name (so `.` is named
    /// too), else `gloss`.
    pub fn project_name(&self) -> String {
        self.folder
            .canonicalize()
            .ok()
            .as_deref()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| FALLBACK_PROJECT_NAME.to_owned())
    }
}

/// A listed document found again at another path by its content (SHA-256).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelocatedDocument {
    /// The path the project listed (`/`-separated, relative to the project).
    pub from: String,
    /// Where a file with the same content is now.
    pub to: String,
}

/// An opened project with what was noticed while opening it.
#[derive(Debug)]
pub struct OpenedProject {
    /// Where the project lives.
    pub location: ProjectLocation,
    /// The project and the texts of its documents.
    pub workspace: Workspace,
    /// Files in the folder that could not be loaded, with reasons.
    pub skipped: Vec<SkippedFile>,
    /// Documents the project lists whose files are gone or unreadable.
    pub missing: Vec<SkippedFile>,
    /// Documents found in the folder and added to the project in memory.
    pub added_documents: usize,
    /// Listed documents whose file was gone from its path but found elsewhere in
    /// the folder with the same content (moved or renamed): their records point
    /// at the new path in memory (saved with the next change), and their
    /// annotations stay with them.
    pub relocated: Vec<RelocatedDocument>,
    /// False when no project file existed yet (it is written at the first change).
    pub file_exists: bool,
    /// The project file's stamp when it was read, for [`save_project`]'s change check.
    pub on_disk: Option<FileStamp>,
    /// Documents whose text changed since the project recorded it: their
    /// annotations were re-anchored in memory (one undoable edit, not saved yet).
    pub reanchored: Vec<DocumentReport>,
    /// The workspace's revision that equals the file on disk (before re-anchoring).
    pub revision_on_disk: u64,
    /// The project file exists but may not be written (its permissions): show it,
    /// never save it.
    pub read_only: bool,
}

impl OpenedProject {
    /// What the project file was when read, for [`save_project_expecting`].
    pub fn disk_state(&self) -> DiskState {
        DiskState::of(self.file_exists, self.on_disk)
    }
}

/// The error for a link at `path` whose target does not exist.
fn dangling(path: &Path) -> StorageError {
    StorageError::DanglingLink {
        path: path.to_path_buf(),
        target: fs::read_link(path).unwrap_or_default(),
    }
}

/// What is at the project file's path: nothing (`None`), or a regular file (directly
/// or through a link) with its metadata. Anything else is refused.
fn project_file_metadata(path: &Path) -> Result<Option<Metadata>, StorageError> {
    let own = match fs::symlink_metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(io_error(path)(error)),
    };
    let metadata = if own.file_type().is_symlink() {
        fs::metadata(path).map_err(|error| {
            if error.kind() == io::ErrorKind::NotFound {
                dangling(path)
            } else {
                io_error(path)(error)
            }
        })?
    } else {
        own
    };
    if !metadata.is_file() {
        return Err(StorageError::NotAFile {
            path: path.to_path_buf(),
            kind: if metadata.is_dir() {
                "folder"
            } else {
                "special file"
            },
        });
    }
    Ok(Some(metadata))
}

/// May the (existing, regular) project file not be written? Its permissions allow no
/// writing (mode 444, even for an administrator), or opening it for writing is refused.
fn is_read_only(path: &Path, metadata: &Metadata) -> bool {
    metadata.permissions().readonly()
        || OpenOptions::new()
            .write(true)
            .open(path)
            .is_err_and(|error| error.kind() == io::ErrorKind::PermissionDenied)
}

/// Refuses a project whose document paths leave the project folder.
fn check_document_paths(path: &Path, project: &Project) -> Result<(), StorageError> {
    match project
        .documents
        .iter()
        .find(|record| !is_safe_relative_path(&record.path))
    {
        Some(record) => Err(StorageError::UnsafeDocumentPath {
            path: path.to_path_buf(),
            document: record.path.clone(),
        }),
        None => Ok(()),
    }
}

/// Reads and parses a project file, with its stamp taken from the same handle.
fn read_project_file_stamped(path: &Path) -> Result<(Project, Option<FileStamp>), StorageError> {
    let mut file = File::open(path).map_err(io_error(path))?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(io_error(path))?;
    let stamp = file
        .metadata()
        .ok()
        .and_then(|metadata| FileStamp::from_metadata(&metadata));
    let project = project_from_bytes(&bytes).map_err(|source| StorageError::Format {
        path: path.to_path_buf(),
        source,
    })?;
    Ok((project, stamp))
}

/// Reads and parses a project file.
pub fn read_project_file(path: &Path) -> Result<Project, StorageError> {
    read_project_file_stamped(path).map(|(project, _)| project)
}

/// Opens a folder or project file: reads the project (or starts a new one in
/// memory), loads every document it lists, adds new documents of the folder, and
/// re-anchors the annotations of documents whose text changed (in memory, as
/// one undoable edit: [`crate::model::anchor`]). Never writes anything.
pub fn open_project(path: &Path) -> Result<OpenedProject, StorageError> {
    open_project_with_progress(path, &LoadProgress::default())
}

/// Like [`open_project`], counting the folder's files in `progress` as they are read.
pub fn open_project_with_progress(
    path: &Path,
    progress: &LoadProgress,
) -> Result<OpenedProject, StorageError> {
    let location = ProjectLocation::resolve(path)?;
    let metadata = project_file_metadata(&location.project_file)?;
    let file_exists = metadata.is_some();
    let read_only = metadata
        .as_ref()
        .is_some_and(|metadata| is_read_only(&location.project_file, metadata));
    let (mut project, on_disk) = if file_exists {
        read_project_file_stamped(&location.project_file)?
    } else {
        // A new project: its codebook starts with the default stance scale.
        let project = Project {
            codebook: Codebook::for_new_project(),
            ..Project::default()
        };
        (project, None)
    };
    check_document_paths(&location.project_file, &project)?;
    let real = real_folder(&location.folder)?;
    let scan = scan_folder_with_progress(&location.folder, progress);
    let mut found: HashMap<String, LoadedText> = scan.documents.into_iter().collect();
    let mut skipped = scan.skipped;
    let (mut texts, mut missing) = load_listed_documents(
        &project,
        (&location.folder, &real),
        &mut found,
        &mut skipped,
    );
    let relocated = relocate_moved_documents(&mut project, &mut texts, &mut missing, &mut found);
    let added_documents = found.len();
    add_new_documents(&mut project, &mut texts, found);
    project.sort_canonically();
    let mut workspace = Workspace::new(project, texts);
    let revision_on_disk = workspace.project.revision;
    let reanchored =
        workspace
            .reanchor_changed_documents()
            .map_err(|source| StorageError::Reanchoring {
                path: location.project_file.clone(),
                source,
            })?;
    Ok(OpenedProject {
        location,
        workspace,
        skipped,
        missing,
        added_documents,
        relocated,
        file_exists,
        on_disk,
        reanchored,
        revision_on_disk,
        read_only,
    })
}

/// The texts of the documents `project` lists: from the folder scan (`found`), else
/// read directly (another extension or a hidden folder) when the file lies inside
/// the folder's real location `real`, else reported missing.
fn load_listed_documents(
    project: &Project,
    (folder, real): (&Path, &Path),
    found: &mut HashMap<String, LoadedText>,
    skipped: &mut Vec<SkippedFile>,
) -> (HashMap<DocumentId, LoadedText>, Vec<SkippedFile>) {
    let mut texts = HashMap::new();
    let mut missing = Vec::new();
    for record in &project.documents {
        if let Some(loaded) = found.remove(&record.path) {
            texts.insert(record.id.clone(), loaded);
            continue;
        }
        let full_path = folder.join(&record.path);
        if full_path.exists() && !resolves_inside(real, &full_path) {
            missing.push(SkippedFile {
                path: record.path.clone(),
                reason: SkipReason::OutsideProject,
            });
            continue;
        }
        match read_document_in_project(&full_path, folder) {
            Ok(loaded) => {
                skipped.retain(|s| s.path != record.path);
                texts.insert(record.id.clone(), loaded);
            }
            Err(error) => missing.push(SkippedFile {
                path: record.path.clone(),
                reason: if full_path.exists() {
                    error.into()
                } else {
                    SkipReason::NotFound
                },
            }),
        }
    }
    (texts, missing)
}

/// Finds each listed document whose file is not at its path among the folder's
/// unlisted files by content: when exactly one unlisted file has its SHA-256
/// (or several do and one has the same file name), the record moves to that
/// path and keeps its id, so its annotations stay with it. Ambiguous or
/// unmatched documents stay missing.
fn relocate_moved_documents(
    project: &mut Project,
    texts: &mut HashMap<DocumentId, LoadedText>,
    missing: &mut Vec<SkippedFile>,
    found: &mut HashMap<String, LoadedText>,
) -> Vec<RelocatedDocument> {
    let file_name = |path: &str| path.rsplit('/').next().unwrap_or(path).to_owned();
    let mut relocated = Vec::new();
    for record in &mut project.documents {
        let is_gone = missing
            .iter()
            .any(|m| m.path == record.path && matches!(m.reason, SkipReason::NotFound));
        if !is_gone || record.sha256.is_empty() {
            continue;
        }
        let mut candidates: Vec<&String> = found
            .iter()
            .filter(|(_, loaded)| loaded.sha256 == record.sha256)
            .map(|(path, _)| path)
            .collect();
        if candidates.len() > 1 {
            candidates.retain(|path| file_name(path) == file_name(&record.path));
        }
        let [new_path] = candidates.as_slice() else {
            continue;
        };
        let new_path = (*new_path).clone();
        let Some(loaded) = found.remove(&new_path) else {
            continue;
        };
        missing.retain(|m| m.path != record.path);
        relocated.push(RelocatedDocument {
            from: std::mem::replace(&mut record.path, new_path.clone()),
            to: new_path,
        });
        texts.insert(record.id.clone(), loaded);
    }
    relocated
}

/// Adds the folder's documents the project does not list yet, sorted by path.
fn add_new_documents(
    project: &mut Project,
    texts: &mut HashMap<DocumentId, LoadedText>,
    found: HashMap<String, LoadedText>,
) {
    let mut new_documents: Vec<(String, LoadedText)> = found.into_iter().collect();
    new_documents.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, loaded) in new_documents {
        let mut record = DocumentRecord::new(&path, &loaded.sha256);
        record
            .attributes
            .extend(crate::extract::metadata_attributes(&loaded.structure));
        texts.insert(record.id.clone(), loaded);
        project.documents.push(record);
    }
}

/// Saves a project: refuses when the file is no longer `expected` (pass `None` to
/// skip that check), takes a backup, writes atomically. Returns the new stamp.
pub fn save_project(
    project_file: &Path,
    project: &Project,
    expected: Option<FileStamp>,
) -> Result<Option<FileStamp>, StorageError> {
    save_project_expecting(
        project_file,
        project,
        expected.map_or(DiskState::Unknown, DiskState::Present),
    )
}

/// Saves a project that was `expected` on disk (absent, or with a stamp): refuses
/// when that changed ([`StorageError::ChangedOnDisk`]), when the file is read-only,
/// or a dangling link; takes a backup; writes atomically, through a link to its
/// target. Returns the new stamp.
pub fn save_project_expecting(
    project_file: &Path,
    project: &Project,
    expected: DiskState,
) -> Result<Option<FileStamp>, StorageError> {
    save_project_with_backup(project_file, project, expected, BackupPolicy::WhenDue)
}

/// Like [`save_project_expecting`], taking a backup of the replaced file as
/// `policy` says ([`BackupPolicy::Always`] for a file repaired on load).
pub fn save_project_with_backup(
    project_file: &Path,
    project: &Project,
    expected: DiskState,
    policy: BackupPolicy,
) -> Result<Option<FileStamp>, StorageError> {
    let target = write_target(project_file)?;
    if let Some(metadata) = project_file_metadata(project_file)?
        && is_read_only(&target, &metadata)
    {
        return Err(StorageError::ReadOnlyFile {
            path: project_file.to_path_buf(),
        });
    }
    check_unchanged(&target, &expected)?;
    rotate_backups(project_file, SystemTime::now(), policy)?;
    write_atomically_stamped(&target, project_to_json(project).as_bytes())
}

/// Where a save writes: the project file, or the real file a link at its path names.
fn write_target(project_file: &Path) -> Result<PathBuf, StorageError> {
    if project_file.is_symlink() {
        return fs::canonicalize(project_file).map_err(|_| dangling(project_file));
    }
    Ok(project_file.to_path_buf())
}
