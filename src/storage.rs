//! All file I/O of Gloss: scanning a folder, reading documents, opening and
//! atomically saving project files with rotating backups, the lock that keeps
//! two instances from clobbering one project, and the user's data/config dirs.
//!
//! The core (`model`) never touches the file system; this module feeds it bytes
//! and writes the strings it produces.

use crate::model::decode::decode_bytes;
use crate::model::document::{DocumentRecord, LoadedText};
use crate::model::format::{FormatError, project_from_json, project_to_json};
use crate::model::ids::DocumentId;
use crate::model::project::Project;
use crate::model::workspace::Workspace;
use std::collections::HashMap;
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime};

/// Default name of the project file created in a folder.
pub const DEFAULT_PROJECT_FILE_NAME: &str = "gloss.json";
/// How many rotating backups of a project file are kept.
pub const BACKUP_COUNT: usize = 3;
/// A new backup is taken when the newest one is older than this.
const BACKUP_MIN_AGE: Duration = Duration::from_secs(5 * 60);
/// File name endings read as documents.
pub const DOCUMENT_EXTENSIONS: [&str; 2] = ["txt", "md"];

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Format {
        path: PathBuf,
        #[source]
        source: FormatError,
    },
    #[error("{path} does not exist")]
    NotFound { path: PathBuf },
    #[error(
        "{path} is open in another Gloss window or command{holder}; close it there first (nothing was written)"
    )]
    Locked { path: PathBuf, holder: String },
    #[error(
        "{path} was changed on disk by another program since it was opened; not overwriting it (your edits are kept in memory)"
    )]
    ChangedOnDisk { path: PathBuf },
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> StorageError + '_ {
    move |source| StorageError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// A file found while scanning a folder that is not loaded as a document.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct SkippedFile {
    /// Relative to the scanned folder, `/`-separated.
    pub path: String,
    pub reason: String,
}

/// The documents of a folder, read and decoded.
#[derive(Debug, Default)]
pub struct FolderScan {
    /// (relative path, loaded text), sorted by path.
    pub documents: Vec<(String, LoadedText)>,
    pub skipped: Vec<SkippedFile>,
}

/// Relative, `/`-separated form of `path` under `root`.
pub fn relative_slash_path(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn has_document_extension(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        DOCUMENT_EXTENSIONS
            .iter()
            .any(|d| d.eq_ignore_ascii_case(e))
    })
}

/// Lists candidate document files under `root` (recursive, hidden entries and
/// symlinked folders skipped), sorted by relative path.
pub fn list_document_files(root: &Path) -> (Vec<PathBuf>, Vec<SkippedFile>) {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let entries = match fs::read_dir(&folder) {
            Ok(entries) => entries,
            Err(error) => {
                skipped.push(SkippedFile {
                    path: relative_slash_path(root, &folder),
                    reason: format!("folder cannot be read: {error}"),
                });
                continue;
            }
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let Ok(file_type) = entry.file_type() else {
                continue;
            };
            if file_type.is_dir() {
                pending.push(path);
            } else if has_document_extension(&path) && (file_type.is_file() || path.is_file()) {
                files.push(path);
            }
        }
    }
    files.sort();
    (files, skipped)
}

/// Reads and decodes one document file.
pub fn read_document(path: &Path) -> Result<LoadedText, String> {
    let bytes = fs::read(path).map_err(|error| format!("cannot be read: {error}"))?;
    let decoded = decode_bytes(&bytes).map_err(|reason| reason.to_string())?;
    Ok(LoadedText::from_decoded(decoded, &bytes))
}

/// How far the opening of a folder has come; shared with a progress display.
#[derive(Debug, Default)]
pub struct LoadProgress {
    pub files_total: AtomicUsize,
    pub files_done: AtomicUsize,
}

impl LoadProgress {
    /// (files done, files in all); the total is 0 while the folder is still being listed.
    pub fn snapshot(&self) -> (usize, usize) {
        (
            self.files_done.load(Ordering::Relaxed),
            self.files_total.load(Ordering::Relaxed),
        )
    }
}

/// Reads many documents on all cores; results keep the input order.
pub fn read_documents(paths: &[PathBuf]) -> Vec<Result<LoadedText, String>> {
    read_documents_with_progress(paths, &LoadProgress::default())
}

/// Like [`read_documents`], counting finished files in `progress`.
pub fn read_documents_with_progress(
    paths: &[PathBuf],
    progress: &LoadProgress,
) -> Vec<Result<LoadedText, String>> {
    progress.files_total.store(paths.len(), Ordering::Relaxed);
    let read_one = |path: &PathBuf| {
        let result = read_document(path);
        progress.files_done.fetch_add(1, Ordering::Relaxed);
        result
    };
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8);
    if threads == 1 || paths.len() < 4 {
        return paths.iter().map(read_one).collect();
    }
    let chunk_len = paths.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = paths
            .chunks(chunk_len)
            .map(|chunk| {
                scope.spawn(move || chunk.iter().map(|p| read_document(p)).collect::<Vec<_>>())
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join()
                    .unwrap_or_else(|_| vec![Err("reading this file crashed".to_string())])
            })
            .collect()
    })
}

/// Scans a folder and reads every document in it. One bad file never stops the rest.
pub fn scan_folder(root: &Path) -> FolderScan {
    scan_folder_with_progress(root, &LoadProgress::default())
}

/// Like [`scan_folder`], counting finished files in `progress`.
pub fn scan_folder_with_progress(root: &Path, progress: &LoadProgress) -> FolderScan {
    let (paths, mut skipped) = list_document_files(root);
    let mut documents = Vec::with_capacity(paths.len());
    for (path, result) in paths
        .iter()
        .zip(read_documents_with_progress(&paths, progress))
    {
        let relative = relative_slash_path(root, path);
        match result {
            Ok(loaded) => documents.push((relative, loaded)),
            Err(reason) => skipped.push(SkippedFile {
                path: relative,
                reason,
            }),
        }
    }
    FolderScan { documents, skipped }
}

/// Where a project lives: its file (which may not exist yet) and its folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProjectLocation {
    pub project_file: PathBuf,
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
            return Err(StorageError::NotFound {
                path: path.to_path_buf(),
            });
        }
        let folder = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        Ok(Self {
            project_file: path.to_path_buf(),
            folder,
        })
    }
}

/// An opened project with what was noticed while opening it.
#[derive(Debug)]
pub struct OpenedProject {
    pub location: ProjectLocation,
    pub workspace: Workspace,
    /// Files in the folder that could not be loaded, with reasons.
    pub skipped: Vec<SkippedFile>,
    /// Documents the project lists whose files are gone or unreadable.
    pub missing: Vec<SkippedFile>,
    /// Documents found in the folder and added to the project in memory.
    pub added_documents: usize,
    /// False when no project file existed yet (it is written at the first change).
    pub file_exists: bool,
    /// Modification time of the project file when it was read.
    pub modified_on_disk: Option<SystemTime>,
}

impl OpenedProject {
    /// True when the in-memory project differs from the file (new folder documents, no file yet).
    pub fn needs_first_save(&self) -> bool {
        !self.file_exists || self.added_documents > 0
    }
}

/// Reads and parses a project file.
pub fn read_project_file(path: &Path) -> Result<Project, StorageError> {
    let bytes = fs::read(path).map_err(io_error(path))?;
    let text = String::from_utf8(bytes).map_err(|error| StorageError::Format {
        path: path.to_path_buf(),
        source: FormatError::Syntax {
            line: 1,
            column: 1,
            message: format!("not UTF-8 text ({error})"),
        },
    })?;
    project_from_json(&text).map_err(|source| StorageError::Format {
        path: path.to_path_buf(),
        source,
    })
}

/// Opens a folder or project file: reads the project (or starts a new one in
/// memory), loads every document it lists, and adds new documents of the folder.
/// Never writes anything.
pub fn open_project(path: &Path) -> Result<OpenedProject, StorageError> {
    open_project_with_progress(path, &LoadProgress::default())
}

/// Like [`open_project`], counting the folder's files in `progress` as they are read.
pub fn open_project_with_progress(
    path: &Path,
    progress: &LoadProgress,
) -> Result<OpenedProject, StorageError> {
    let location = ProjectLocation::resolve(path)?;
    let file_exists = location.project_file.is_file();
    let (mut project, modified_on_disk) = if file_exists {
        let project = read_project_file(&location.project_file)?;
        let modified = fs::metadata(&location.project_file)
            .and_then(|m| m.modified())
            .ok();
        (project, modified)
    } else {
        (Project::default(), None)
    };

    let scan = scan_folder_with_progress(&location.folder, progress);
    let mut texts: HashMap<DocumentId, LoadedText> = HashMap::new();
    let mut missing = Vec::new();
    let mut found: HashMap<String, LoadedText> = scan.documents.into_iter().collect();
    let mut skipped = scan.skipped;

    for record in &project.documents {
        if let Some(loaded) = found.remove(&record.path) {
            texts.insert(record.id.clone(), loaded);
            continue;
        }
        // Listed but not found by the scan (other extension, hidden folder, or gone).
        let full_path = location.folder.join(&record.path);
        match read_document(&full_path) {
            Ok(loaded) => {
                skipped.retain(|s| s.path != record.path);
                texts.insert(record.id.clone(), loaded);
            }
            Err(reason) => missing.push(SkippedFile {
                path: record.path.clone(),
                reason: if full_path.exists() {
                    reason
                } else {
                    "file not found".to_string()
                },
            }),
        }
    }

    let mut new_paths: Vec<String> = found.keys().cloned().collect();
    new_paths.sort();
    let added_documents = new_paths.len();
    for path in new_paths {
        if let Some(loaded) = found.remove(&path) {
            let record = DocumentRecord::new(&path, &loaded.sha256);
            texts.insert(record.id.clone(), loaded);
            project.documents.push(record);
        }
    }
    project.sort_canonically();

    Ok(OpenedProject {
        location,
        workspace: Workspace::new(project, texts),
        skipped,
        missing,
        added_documents,
        file_exists,
        modified_on_disk,
    })
}

/// An exclusive lock on a project file, held while a window or command may write it.
/// The operating system releases it when the process ends, even when killed.
#[derive(Debug)]
pub struct ProjectLock {
    _file: File,
    pub path: PathBuf,
}

/// Path of the lock file that guards `project_file`.
pub fn lock_path(project_file: &Path) -> PathBuf {
    let name = project_file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| DEFAULT_PROJECT_FILE_NAME.to_string());
    project_file.with_file_name(format!(".{name}.lock"))
}

impl ProjectLock {
    pub fn acquire(project_file: &Path) -> Result<Self, StorageError> {
        let path = lock_path(project_file);
        let mut file = fs::OpenOptions::new()
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
                Ok(Self { _file: file, path })
            }
            Err(fs::TryLockError::WouldBlock) => {
                let holder = fs::read_to_string(&path)
                    .ok()
                    .map(|pid| pid.trim().to_string())
                    .filter(|pid| !pid.is_empty())
                    .map(|pid| format!(" (process {pid})"))
                    .unwrap_or_default();
                Err(StorageError::Locked {
                    path: project_file.to_path_buf(),
                    holder,
                })
            }
            Err(fs::TryLockError::Error(source)) => Err(StorageError::Io { path, source }),
        }
    }
}

/// Folder of a project file's rotating backups.
pub fn backup_folder(project_file: &Path) -> PathBuf {
    project_file.with_file_name(".gloss-backups")
}

/// Path of backup number `n` (1 = newest).
pub fn backup_path(project_file: &Path, n: usize) -> PathBuf {
    let name = project_file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| DEFAULT_PROJECT_FILE_NAME.to_string());
    backup_folder(project_file).join(format!("{name}.{n}"))
}

/// Copies the current project file to backup 1 (shifting older ones) when the
/// newest backup is older than a few minutes.
fn rotate_backups(project_file: &Path) -> Result<(), StorageError> {
    if !project_file.is_file() {
        return Ok(());
    }
    let newest = backup_path(project_file, 1);
    let fresh = fs::metadata(&newest)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| SystemTime::now().duration_since(t).ok())
        .is_some_and(|age| age < BACKUP_MIN_AGE);
    if fresh {
        return Ok(());
    }
    let folder = backup_folder(project_file);
    fs::create_dir_all(&folder).map_err(io_error(&folder))?;
    for n in (1..BACKUP_COUNT).rev() {
        let from = backup_path(project_file, n);
        if from.exists() {
            let to = backup_path(project_file, n + 1);
            fs::rename(&from, &to).map_err(io_error(&to))?;
        }
    }
    fs::copy(project_file, &newest).map_err(io_error(&newest))?;
    Ok(())
}

/// Writes `contents` to `path` atomically: a temporary file beside it, flushed
/// to disk, then renamed over. A crash leaves the old or the new file, never a mix.
pub fn write_atomically(path: &Path, contents: &[u8]) -> Result<(), StorageError> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".gloss-saving-")
        .tempfile_in(&folder)
        .map_err(io_error(&folder))?;
    temp.write_all(contents).map_err(io_error(path))?;
    temp.as_file().sync_all().map_err(io_error(path))?;
    temp.persist(path).map_err(|error| StorageError::Io {
        path: path.to_path_buf(),
        source: error.error,
    })?;
    #[cfg(unix)]
    if let Ok(dir) = File::open(&folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Saves a project: refuses when the file changed on disk since `expected_modified`
/// (pass `None` to skip that check), takes a backup, writes atomically.
/// Returns the file's new modification time.
pub fn save_project(
    project_file: &Path,
    project: &Project,
    expected_modified: Option<SystemTime>,
) -> Result<Option<SystemTime>, StorageError> {
    if let Some(expected) = expected_modified {
        let on_disk = fs::metadata(project_file).and_then(|m| m.modified()).ok();
        if on_disk.is_some_and(|t| t != expected) {
            return Err(StorageError::ChangedOnDisk {
                path: project_file.to_path_buf(),
            });
        }
    }
    rotate_backups(project_file)?;
    write_atomically(project_file, project_to_json(project).as_bytes())?;
    Ok(fs::metadata(project_file).and_then(|m| m.modified()).ok())
}

/// The user's folders for Gloss: data (the sample project) and config (recent projects).
/// `GLOSS_DATA_DIR` and `GLOSS_CONFIG_DIR` override them (tests, portable installs).
pub struct UserDirs {
    pub data: PathBuf,
    pub config: PathBuf,
}

impl UserDirs {
    pub fn locate() -> Option<Self> {
        let project_dirs = directories::ProjectDirs::from("org", "Gloss", "Gloss");
        let data = std::env::var_os("GLOSS_DATA_DIR")
            .map(PathBuf::from)
            .or_else(|| project_dirs.as_ref().map(|d| d.data_dir().to_path_buf()))?;
        let config = std::env::var_os("GLOSS_CONFIG_DIR")
            .map(PathBuf::from)
            .or_else(|| project_dirs.as_ref().map(|d| d.config_dir().to_path_buf()))?;
        Some(Self { data, config })
    }

    fn recent_file(&self) -> PathBuf {
        self.config.join("recent.json")
    }

    /// Recently opened projects, newest first (missing or unreadable list: empty).
    pub fn recent_projects(&self) -> Vec<PathBuf> {
        fs::read_to_string(self.recent_file())
            .ok()
            .and_then(|text| serde_json::from_str::<Vec<PathBuf>>(&text).ok())
            .unwrap_or_default()
    }

    /// Puts `path` at the front of the recent list (kept to ten entries).
    pub fn remember_recent(&self, path: &Path) -> Result<(), StorageError> {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        let mut recent = self.recent_projects();
        recent.retain(|p| p != &path);
        recent.insert(0, path);
        recent.truncate(10);
        fs::create_dir_all(&self.config).map_err(io_error(&self.config))?;
        let text = serde_json::to_string_pretty(&recent).unwrap_or_else(|_| "[]".into());
        write_atomically(&self.recent_file(), text.as_bytes())
    }

    /// Folder that holds the user's copy of the sample project.
    pub fn sample_folder(&self) -> PathBuf {
        self.data.join("sample")
    }

    /// Writes the bundled sample into the data folder unless it is there already
    /// (so the user's edits to it are kept). Returns the sample project file.
    pub fn install_sample(&self) -> Result<PathBuf, StorageError> {
        let folder = self.sample_folder();
        let project_file = folder.join(DEFAULT_PROJECT_FILE_NAME);
        if project_file.is_file() {
            return Ok(project_file);
        }
        write_sample(&folder)?;
        Ok(project_file)
    }
}

/// Writes the bundled sample corpus and project into `folder` (documents that
/// exist already are kept). Returns the project file.
pub fn write_sample(folder: &Path) -> Result<PathBuf, StorageError> {
    fs::create_dir_all(folder).map_err(io_error(folder))?;
    for (name, contents) in crate::sample::SAMPLE_DOCUMENTS {
        let path = folder.join(name);
        if !path.exists() {
            write_atomically(&path, contents.as_bytes())?;
        }
    }
    let project_file = folder.join(DEFAULT_PROJECT_FILE_NAME);
    write_atomically(&project_file, crate::sample::SAMPLE_PROJECT_JSON.as_bytes())?;
    Ok(project_file)
}

/// The first of `paths` that exists on disk (the window opens the most recent
/// project that is still there).
pub fn first_existing(paths: &[PathBuf]) -> Option<&Path> {
    paths
        .iter()
        .map(PathBuf::as_path)
        .find(|path| path.exists())
}

/// The name written as an annotation's coder when none is given: `GLOSS_CODER`,
/// else the login name (`USER`, `USERNAME`), else empty. The one place that reads it.
pub fn coder_name_from_environment() -> String {
    std::env::var("GLOSS_CODER")
        .or_else(|_| std::env::var("USER"))
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_default()
}
