//! Gloss: a desktop reading application for qualitative research.
//!
//! - [`model`]: the pure core (no egui, no file I/O).
//! - [`storage`]: all file I/O.
//! - [`export`]: export formats, shared by the window and the command line.
//! - [`cli`]: the command-line contract.
//! - [`app`]: the egui/eframe window.

pub mod app;
pub mod cli;
pub mod export;
pub mod model;
pub mod sample;
pub mod storage;
