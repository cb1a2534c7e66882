//! Imports: each takes the bytes of a file and a project and returns an
//! [`ImportPlan`] (document files to write, one undoable edit, a per-item
//! report). Nothing here touches the file system: the caller writes the files
//! (through `storage`) and applies the edit. `export` goes the other way; the
//! REFI-QDA vocabulary both share lives in `refi_qda`.
//!
//! - [`dispatch`]: [`detect_import_format`] and [`plan_import`], the entry points.
//! - [`format`]: [`ImportFormat`], with command-line names and menu labels.
//! - [`plan`], [`error`]: what an import returns, and why it may fail.
//! - [`limits`]: how much an import reads before refusing (zip bombs, XML floods).
//! - [`document_path`]: safe paths for documents an import brings.
//! - [`csv_table`], [`codebook_csv`], [`taguette`]: the CSV importers.
//! - [`topics`]: merging imported topics into the codebook (every importer).
//! - [`qdpx`]: REFI-QDA projects (`.qdpx`) and codebooks (`.qdc`).

pub mod codebook_csv;
pub mod csv_table;
pub mod dispatch;
pub mod document_path;
pub mod error;
pub mod format;
pub mod limits;
pub mod plan;
pub mod qdpx;
pub mod taguette;
pub mod topics;

pub use dispatch::{detect_import_format, plan_import};
pub use error::{ArchiveError, CsvReadError, ImportError};
pub use format::{ImportFormat, UnknownImportFormat};
pub use plan::{ImportPlan, ImportReport, NewDocumentFile};
