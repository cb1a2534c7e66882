//! Gloss: a desktop reading application for qualitative research.
//!
//! - [`model`]: the pure core (no egui, no file I/O).
//! - [`storage`]: all file I/O.
//! - [`extract`]: the text and structure of PDF, Word, OpenDocument, HTML, EPUB files (pure).
//! - [`export`]: export formats, shared by the window and the command line.
//! - [`import`]: import formats (REFI-QDA, codebook CSV, Taguette) as plans of edits.
//! - [`cli`]: the command-line contract.
//! - [`app`]: the egui/eframe window.

pub mod app;
pub mod cli;
pub mod export;
pub mod extract;
pub mod import;
pub mod model;
pub(crate) mod refi_qda;
pub mod sample;
pub mod storage;
