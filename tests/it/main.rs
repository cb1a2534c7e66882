//! Gloss's one integration-test binary: every suite is a module here, so the
//! whole egui/wgpu stack is linked once (not once per file).
//!
//! Run one suite with `cargo test --test it ui::` (or `cli::`, `export::`…).
#![allow(
    unsafe_code,
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that panics on a broken expectation is the point of a test"
)]

/// Intercoder agreement against an independent implementation's figures.
mod agreement;
/// Analysis tables (`gloss analyze`) and actor roll-up on the sample.
mod analysis;
/// Re-anchoring annotations when their documents change.
mod anchoring;
/// The architecture's invariants, checked over `src/`.
mod architecture;
/// The command-line contract, running the real `gloss` binary.
mod cli;
/// The core model, the project file and storage.
mod core_model;
/// Documents other than plain text (PDF): extraction, pages, cache, exports.
mod documents;
/// Every export and import format, read back by independent readers.
mod export;
/// Faults: random kills of large saves, read-only places, a full disk, odd names.
mod faults;
/// Figures (SVG, PNG) and the HTML analysis report (`gloss analyze --report`).
mod figures;
/// Word, OpenDocument, HTML, EPUB extraction; Markdown styles; footnote blocks.
mod formats;
/// Driving the reading view through egui_kittest: the helpers every suite shares.
mod harness;
/// Hostile and lossy REFI-QDA imports: limits, duplicates, nothing lost silently.
mod import_safety;
/// Merging projects: `gloss merge`, `--unrelated`, and `git merge` through the driver.
mod merge;
/// Random and mutated input to the decoder and the importers.
mod mutated_input;
/// The reading view driven through egui_kittest.
mod reader;
/// Corpus search, find in document and auto-coding.
mod search;
/// Nothing coded is lost: concurrent edits, backups, links, permissions, special files.
mod storage_safety;
/// The whole window (`GlossApp`) driven through egui_kittest.
mod ui;
