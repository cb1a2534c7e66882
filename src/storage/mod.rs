//! All file-system, environment and process access of Gloss: scanning a folder and
//! reading documents, opening and atomically saving project files with rotating
//! backups and a change check, the lock that keeps two instances from clobbering one
//! project, the user's data/config folders, and the files the command line reads
//! and writes.
//!
//! The core (`model`) never touches the file system; this module feeds it bytes
//! and writes the strings it produces. `documents.rs` hands the core canonical
//! text of every document format (extracting through `crate::extract`, cached by
//! `extraction_cache.rs`).

mod atomic_write;
mod backups;
mod companion_files;
mod documents;
mod environment;
mod error;
mod extraction_cache;
mod file_stamp;
mod git_setup;
mod leftovers;
mod lock;
mod project_file;
mod project_paths;
mod rescue;
mod user_dirs;
mod user_files;

pub use atomic_write::write_atomically;
pub use backups::BackupPolicy;
pub use companion_files::{backup_path, lock_path};
pub use documents::{
    FolderScan, LoadProgress, MAX_DOCUMENT_BYTES, SkippedFile, read_document,
    read_document_in_project, read_original_files, scan_folder,
};
pub use environment::{coder_name_from_environment, explicit_coder_from_environment};
pub use error::{DocumentError, SkipReason, StorageError};
pub use file_stamp::{DiskState, FileStamp};
pub use git_setup::{add_git_attributes_line, set_git_config};
pub use lock::ProjectLock;
pub use project_file::{
    OpenedProject, ProjectLocation, RelocatedDocument, open_project, open_project_with_progress,
    read_project_file, save_project, save_project_expecting, save_project_with_backup,
};
pub use project_paths::is_safe_relative_path;
pub use rescue::{rescue_copies, write_rescue_copy};
pub use user_dirs::{UserDirs, write_sample};
pub use user_files::{
    FolderEntry, PathKind, create_project_folder, first_taken, home_folder, list_folder, path_kind,
    read_file, read_text_file, write_new_documents,
};
