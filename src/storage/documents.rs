//! The documents of a project folder: finding them (recursive scan), reading and
//! decoding each file, on all cores, with progress for the window.
//!
//! Only regular files are opened, up to [`MAX_DOCUMENT_BYTES`]: a FIFO would hang
//! the read and a link to `/dev/zero` never end. A document-named entry that is not
//! read (a FIFO, a device, a link that cannot be followed or that leads outside the
//! folder) is listed as skipped with the reason, never dropped silently.
//!
//! Every format `SourceFormat::from_file_name` names is read: plain text and
//! Markdown are decoded as they are; the others (PDF, Word…) go through
//! `crate::extract`, their text kept in the project's extraction cache. A file
//! whose text cannot be extracted (a scan, an encrypted PDF) is skipped with
//! the reason, never loaded as an empty document.

use super::error::{DocumentError, SkipReason};
use super::extraction_cache::ExtractionCache;
use super::project_paths::{is_safe_relative_path, resolves_inside};
use crate::extract::{self, Extracted};
use crate::model::decode::{LineEndings, decode_bytes};
use crate::model::document::{LoadedText, sha256_hex};
use crate::model::ids::DocumentId;
use crate::model::structure::SourceFormat;
use crate::model::text::CanonicalText;
use crate::model::workspace::Workspace;
use std::collections::HashMap;
use std::fs::{self, File, FileType, Metadata};
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The largest document file Gloss opens (256 MiB); a larger one is skipped with
/// a message saying so.
pub const MAX_DOCUMENT_BYTES: u64 = 256 << 20;

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

/// Like [`relative_slash_path`], but bytes of a name that are not UTF-8 text
/// are shown as `\xNN` rather than replaced, so two such names stay apart.
fn escaped_relative_path(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative
        .components()
        .map(|c| escaped_name(c.as_os_str()))
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(unix)]
fn escaped_name(name: &std::ffi::OsStr) -> String {
    use std::os::unix::ffi::OsStrExt as _;
    name.as_bytes()
        .utf8_chunks()
        .map(|chunk| {
            let invalid: String = chunk
                .invalid()
                .iter()
                .map(|byte| format!("\\x{byte:02X}"))
                .collect();
            format!("{}{invalid}", chunk.valid())
        })
        .collect()
}

#[cfg(not(unix))]
fn escaped_name(name: &std::ffi::OsStr) -> String {
    name.to_string_lossy().into_owned()
}

fn has_document_extension(path: &Path) -> bool {
    source_format(path).is_some()
}

/// The format a document's file name says, if Gloss reads it.
fn source_format(path: &Path) -> Option<SourceFormat> {
    // Lossy: a name with bytes that are not UTF-8 still has its extension.
    path.file_name()
        .and_then(|name| SourceFormat::from_file_name(&name.to_string_lossy()))
}

/// Lists candidate document files under `root` (recursive, hidden entries and
/// symlinked folders skipped), sorted by relative path. `real_root` is `root`'s
/// real location (a linked file must resolve inside it); document-named entries
/// that are not regular files are reported in the second list.
fn list_document_files(root: &Path, real_root: &Path) -> (Vec<PathBuf>, Vec<SkippedFile>) {
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
            } else if has_document_extension(&path) {
                match classify_file(&path, file_type, real_root) {
                    Ok(()) => files.push(path),
                    Err(Some(reason)) => skipped.push(SkippedFile {
                        path: relative_slash_path(root, &path),
                        reason,
                    }),
                    Err(None) => {}
                }
            }
        }
    }
    files.sort();
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    (files, skipped)
}

/// Is a document-named entry a file to read? `Err(Some(reason))`: skipped and
/// reported; `Err(None)`: a link to a folder, skipped silently as folder links are.
fn classify_file(
    path: &Path,
    file_type: FileType,
    real_root: &Path,
) -> Result<(), Option<SkipReason>> {
    if file_type.is_file() {
        return Ok(());
    }
    if !file_type.is_symlink() {
        return Err(Some(not_regular(file_type).into()));
    }
    let target = fs::metadata(path).map_err(|error| Some(SkipReason::BrokenLink(error)))?;
    if target.is_dir() {
        return Err(None);
    }
    if !target.is_file() {
        return Err(Some(not_regular(target.file_type()).into()));
    }
    if !resolves_inside(real_root, path) {
        return Err(Some(SkipReason::OutsideProject));
    }
    Ok(())
}

/// The error for something that is not a regular file, naming what it is.
fn not_regular(file_type: FileType) -> DocumentError {
    DocumentError::NotRegularFile {
        kind: kind_of(file_type),
    }
}

/// A short name of what a non-regular file is ("FIFO", "device", …).
fn kind_of(file_type: FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if file_type.is_fifo() {
            return "FIFO";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "device";
        }
        if file_type.is_socket() {
            return "socket";
        }
    }
    if file_type.is_dir() {
        "folder"
    } else {
        "special file"
    }
}

/// Refuses what is not a regular file, or is larger than [`MAX_DOCUMENT_BYTES`].
fn check_openable(metadata: &Metadata) -> Result<(), DocumentError> {
    if !metadata.is_file() {
        return Err(not_regular(metadata.file_type()));
    }
    if metadata.len() > MAX_DOCUMENT_BYTES {
        return Err(DocumentError::TooLarge {
            size_bytes: metadata.len(),
            limit_bytes: MAX_DOCUMENT_BYTES,
        });
    }
    Ok(())
}

/// Reads and decodes one document file: a regular file (following links) of at
/// most [`MAX_DOCUMENT_BYTES`]; anything else is refused before it is opened.
/// A PDF, Word… file is extracted (without the cache: see
/// [`read_document_in_project`]); a file of another name is decoded as text.
pub fn read_document(path: &Path) -> Result<LoadedText, DocumentError> {
    read_document_with_cache(path, None)
}

/// Like [`read_document`], keeping extracted texts in the extraction cache of
/// the project whose folder is `project_folder`.
pub fn read_document_in_project(
    path: &Path,
    project_folder: &Path,
) -> Result<LoadedText, DocumentError> {
    read_document_with_cache(
        path,
        Some(&ExtractionCache::of_project_folder(project_folder)),
    )
}

/// Reads one document, using `cache` for extracted formats when given.
pub(crate) fn read_document_with_cache(
    path: &Path,
    cache: Option<&ExtractionCache>,
) -> Result<LoadedText, DocumentError> {
    let bytes = read_bytes(path)?;
    match source_format(path) {
        Some(format) if !format.is_text() => load_extracted(format, &bytes, cache),
        format => {
            let format = format.unwrap_or_default();
            let decoded = decode_bytes(&bytes)?;
            let mut loaded = LoadedText::from_decoded(decoded, &bytes);
            loaded.structure = extract::text_structure(format, loaded.text.as_str());
            Ok(loaded)
        }
    }
}

/// The text of a file of an extracted format: from the cache when it holds
/// this source (its hash), format and extractor version, else extracted (and cached).
fn load_extracted(
    format: SourceFormat,
    bytes: &[u8],
    cache: Option<&ExtractionCache>,
) -> Result<LoadedText, DocumentError> {
    let sha256 = sha256_hex(bytes);
    let version = extract::extractor_version(format);
    let cached = cache.and_then(|cache| cache.get(&sha256, format, version));
    let extracted = match cached {
        Some(extracted) => extracted,
        None => {
            let extracted = extract::extract(format, bytes)?;
            if let Some(cache) = cache {
                cache.put(&sha256, format, version, &extracted);
            }
            extracted
        }
    };
    let Extracted { text, structure } = extracted;
    let line_endings = if text.contains('\n') {
        LineEndings::Lf
    } else {
        LineEndings::None
    };
    Ok(LoadedText {
        text: CanonicalText::new(text),
        encoding: "UTF-8".to_owned(),
        line_endings,
        had_replacements: false,
        replacements: 0,
        sha256,
        size_bytes: bytes.len() as u64,
        structure,
    })
}

/// The bytes of a document file: a regular file of at most [`MAX_DOCUMENT_BYTES`].
fn read_bytes(path: &Path) -> Result<Vec<u8>, DocumentError> {
    check_openable(&fs::metadata(path).map_err(DocumentError::Unreadable)?)?;
    let file = File::open(path).map_err(DocumentError::Unreadable)?;
    // Checked again on the open handle, in case the path was replaced meanwhile.
    let metadata = file.metadata().map_err(DocumentError::Unreadable)?;
    check_openable(&metadata)?;
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.take(MAX_DOCUMENT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(DocumentError::Unreadable)?;
    let read_len = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read_len > MAX_DOCUMENT_BYTES {
        return Err(DocumentError::TooLarge {
            size_bytes: read_len,
            limit_bytes: MAX_DOCUMENT_BYTES,
        });
    }
    Ok(bytes)
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
    cache: &ExtractionCache,
    progress: &LoadProgress,
) -> Vec<Result<LoadedText, DocumentError>> {
    progress.files_total.store(paths.len(), Ordering::Relaxed);
    let read_one = |path: &PathBuf| {
        let result = read_document_with_cache(path, Some(cache));
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
    let real_root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let (paths, mut skipped) = list_document_files(root, &real_root);
    let cache = ExtractionCache::of_project_folder(root);
    let mut documents = Vec::with_capacity(paths.len());
    let mut first_of_name: HashMap<String, String> = HashMap::new();
    for (path, result) in paths
        .iter()
        .zip(read_documents_with_progress(&paths, &cache, progress))
    {
        let relative = relative_slash_path(root, path);
        if let Some(first) = first_of_name.get(&relative) {
            skipped.push(SkippedFile {
                path: escaped_relative_path(root, path),
                reason: SkipReason::SameNameAs {
                    first: first.clone(),
                },
            });
            continue;
        }
        first_of_name.insert(relative.clone(), escaped_relative_path(root, path));
        if !is_safe_relative_path(&relative) {
            skipped.push(SkippedFile {
                path: relative,
                reason: SkipReason::UnsafeName,
            });
            continue;
        }
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

/// The original files of the documents whose text was extracted (PDF, Word…),
/// read from the project folder `folder`, for an archive export that stores
/// them (REFI-QDA). A file that cannot be read, or no longer has the bytes its
/// text was extracted from (its SHA-256), is left out.
pub fn read_original_files(folder: &Path, workspace: &Workspace) -> HashMap<DocumentId, Vec<u8>> {
    workspace
        .project
        .documents
        .iter()
        .filter_map(|record| {
            let loaded = workspace.text(&record.id)?;
            if loaded.structure.format.is_text() || !is_safe_relative_path(&record.path) {
                return None;
            }
            let bytes = read_bytes(&folder.join(&record.path)).ok()?;
            (sha256_hex(&bytes) == loaded.sha256).then(|| (record.id.clone(), bytes))
        })
        .collect()
}
