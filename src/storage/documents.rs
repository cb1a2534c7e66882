//! The documents of a project folder: finding them (recursive scan), reading and
//! decoding each file, on all cores, with progress for the window.

use super::error::{DocumentError, SkipReason};
use crate::model::decode::decode_bytes;
use crate::model::document::LoadedText;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// File name endings read as documents.
const DOCUMENT_EXTENSIONS: [&str; 2] = ["txt", "md"];
/// At most this many threads read documents.
const MAX_READER_THREADS: usize = 8;
/// Fewer files than this are read on the calling thread.
const MIN_FILES_FOR_THREADS: usize = 4;

/// A file found while scanning a folder (or listed by the project) that is not loaded.
#[derive(Debug, serde::Serialize)]
pub struct SkippedFile {
    /// Relative to the scanned folder, `/`-separated.
    pub path: String,
    /// Why it is not loaded (serialised as its sentence).
    pub reason: SkipReason,
}

/// The documents of a folder, read and decoded.
#[derive(Debug, Default)]
pub struct FolderScan {
    /// (relative path, loaded text), sorted by path.
    pub documents: Vec<(String, LoadedText)>,
    /// Files and folders that could not be loaded, with reasons.
    pub skipped: Vec<SkippedFile>,
}

/// Relative, `/`-separated form of `path` under `root`.
pub(crate) fn relative_slash_path(root: &Path, path: &Path) -> String {
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
fn list_document_files(root: &Path) -> (Vec<PathBuf>, Vec<SkippedFile>) {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let entries = match fs::read_dir(&folder) {
            Ok(entries) => entries,
            Err(error) => {
                skipped.push(SkippedFile {
                    path: relative_slash_path(root, &folder),
                    reason: SkipReason::FolderUnreadable(error),
                });
                continue;
            }
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if entry.file_name().to_string_lossy().starts_with('.') {
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
pub fn read_document(path: &Path) -> Result<LoadedText, DocumentError> {
    let bytes = fs::read(path).map_err(DocumentError::Unreadable)?;
    let decoded = decode_bytes(&bytes)?;
    Ok(LoadedText::from_decoded(decoded, &bytes))
}

/// How far the opening of a folder has come; shared with a progress display.
#[derive(Debug, Default)]
pub struct LoadProgress {
    /// Document files found (0 while the folder is still being listed).
    pub files_total: AtomicUsize,
    /// Document files read so far, loaded or not.
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

/// Reads many documents on all cores, counting finished files in `progress`;
/// results keep the input order.
fn read_documents_with_progress(
    paths: &[PathBuf],
    progress: &LoadProgress,
) -> Vec<Result<LoadedText, DocumentError>> {
    progress.files_total.store(paths.len(), Ordering::Relaxed);
    let read_one = |path: &PathBuf| {
        let result = read_document(path);
        progress.files_done.fetch_add(1, Ordering::Relaxed);
        result
    };
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, MAX_READER_THREADS);
    if threads == 1 || paths.len() < MIN_FILES_FOR_THREADS {
        return paths.iter().map(read_one).collect();
    }
    let chunk_len = paths.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = paths
            .chunks(chunk_len)
            .map(|chunk| {
                (
                    chunk.len(),
                    scope.spawn(move || chunk.iter().map(read_one).collect::<Vec<_>>()),
                )
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|(len, handle)| {
                handle.join().unwrap_or_else(|_| {
                    (0..len)
                        .map(|_| Err(DocumentError::ReaderCrashed))
                        .collect()
                })
            })
            .collect()
    })
}

/// Scans a folder and reads every document in it. One bad file never stops the rest.
pub fn scan_folder(root: &Path) -> FolderScan {
    scan_folder_with_progress(root, &LoadProgress::default())
}

/// Like [`scan_folder`], counting finished files in `progress`.
pub(crate) fn scan_folder_with_progress(root: &Path, progress: &LoadProgress) -> FolderScan {
    let (paths, mut skipped) = list_document_files(root);
    let mut documents = Vec::with_capacity(paths.len());
    for (path, result) in paths
        .iter()
        .zip(read_documents_with_progress(&paths, progress))
    {
        let relative = relative_slash_path(root, path);
        match result {
            Ok(loaded) => documents.push((relative, loaded)),
            Err(error) => skipped.push(SkippedFile {
                path: relative,
                reason: error.into(),
            }),
        }
    }
    FolderScan { documents, skipped }
}
