//! The pure core of Gloss: document text and offsets, codebook, annotations,
//! edits with inverses, checks and the project file's JSON form.
//!
//! Invariant: nothing under `model` touches egui, eframe or the file system.
//! `tests/it/architecture.rs` fails if that changes.

pub mod agreement;
pub mod analysis;
pub mod anchor;
pub mod annotation;
mod batch;
pub mod check;
mod clock;
pub mod codebook;
mod conflict_edit;
pub mod decode;
pub mod document;
pub mod edit;
mod edit_error;
pub mod format;
pub mod ids;
pub mod merge;
pub mod operations;
pub mod project;
pub mod query;
pub mod search;
pub mod source_map;
pub mod structure;
pub mod text;
pub mod unknown_keys;
pub mod workspace;

pub use clock::now_timestamp;
