//! The pure core of Gloss: document text and offsets, codebook, annotations,
//! edits with inverses, checks and the project file's JSON form.
//!
//! Invariant: nothing under `model` touches egui, eframe or the file system.
//! `tests/it/architecture.rs` fails if that changes.

pub(crate) mod annotation;
pub(crate) mod check;
mod clock;
pub(crate) mod codebook;
pub(crate) mod decode;
pub(crate) mod document;
pub(crate) mod edit;
pub(crate) mod format;
pub(crate) mod ids;
pub(crate) mod operations;
pub(crate) mod project;
pub(crate) mod query;
pub(crate) mod search;
pub(crate) mod text;
pub(crate) mod workspace;

pub(crate) use clock::now_timestamp;
