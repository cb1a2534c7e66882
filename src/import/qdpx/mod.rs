//! Reading REFI-QDA (QDA-XML 1.0): a `.qdpx` archive into an
//! [`ImportPlan`](crate::import::ImportPlan) for a project, and a `.qdc`
//! codebook into codebook edits. The vocabulary shared with the writer
//! (names, note formats, offset units) is in `refi_qda`; `docs/refi-qda.md`
//! has the mapping.
//!
//! Lenient by design, because real files differ from the standard: the inner
//! file may be `project.qde` or any single `*.qde`; the text folder `sources/`
//! or `Sources/`; XML and texts may carry a BOM (UTF-8 or UTF-16); element
//! names are matched without their namespace (codebook `0:4` and `1.0` both
//! occur). Only `internal://` text paths are read, and only from inside the
//! archive: no path in the file is ever followed on disk.
//!
//! Offsets: the unit comes from the `origin` attribute, is then checked
//! against the text (quotes held in a selection's `name`, word boundaries),
//! and every selection that cannot be placed exactly is reported.
//!
//! Files by job: `archive` (entries of the zip), `xml` (lenient XML and text
//! decoding), `metadata` (users, variables, notes), `codebook`, `sources`,
//! `unit_choice`, `documents`, `known` (what the project holds already, so
//! that importing twice adds nothing twice), `selections`, then `project`
//! (the whole `.qdpx`) and `qdc`. Every archive entry and XML file is read
//! within the limits of [`crate::import::limits`].

mod archive;
mod codebook;
mod documents;
mod known;
mod metadata;
mod project;
mod qdc;
mod selections;
mod sources;
mod unit_choice;
mod xml;

pub use project::import_qdpx;
pub use qdc::import_qdc;
