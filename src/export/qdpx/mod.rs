//! Writing REFI-QDA (the QDA-XML standard 1.0): the `.qdpx` project archive
//! and the `.qdc` codebook, strictly (`project.qde`, `sources/<GUID>.txt` in
//! UTF-8 with LF, namespaces `urn:QDA-XML:project:1.0` /
//! `urn:QDA-XML:codebook:1.0`, no empty containers, schema child order).
//! `import::qdpx` reads both back; the vocabulary both share is `refi_qda`.
//!
//! Mapping (details in `docs/refi-qda.md`):
//! - documents → `TextSource` named by their path, text in `sources/<GUID>.txt`
//!   (UTF-8, LF), attributes → `Variables` + `VariableValue`; a PDF whose
//!   original file is given → `PDFSource` (the file) with the text as its
//!   `Representation`; a Word file → the `.docx` as the `richTextPath`;
//! - topics → codes with their hierarchy, colours and descriptions;
//! - the stance scale → codes under a non-codable `Stance` code; actors →
//!   codes under `Actors › Holder` and `Actors › Target`;
//! - annotations → `PlainTextSelection` (code points, end exclusive) with one
//!   `Coding` per topic, stance, holder and target; the memo as a `Memo` note;
//!   stance/holder/target also as a `Gloss stance` note; coders → `Users`;
//! - a project note `Gloss codebook` (JSON) keeps ids and stance polarities so
//!   that our importer restores the project exactly.
//!
//! Every GUID is derived from the Gloss id, so exports are reproducible.
//! Files: `xml` (escaping), `codes` (the codebook), `document` (one source and
//! its selections), `project` (the archive), `qdc` (the codebook file).

mod codes;
mod document;
mod project;
mod qdc;
mod xml;

pub use document::SourceFiles;
pub use project::{project_qde, write_qdpx, write_qdpx_with_originals};
pub use qdc::write_qdc;
