//! The REFI-QDA exchange standard (QDA-XML 1.0) as both directions see it: the
//! names, GUIDs, offset units and note formats that `export::qdpx` writes and
//! `import::qdpx` reads back. Neither side owns this module; both use it.
//!
//! - [`names`]: namespaces, the names of our notes and grouping codes.
//! - [`guid`]: stable GUIDs derived from Gloss ids (reproducible exports).
//! - [`units`]: how tools count selection positions, and their conversion.
//! - [`codebook_note`]: the JSON project note that keeps Gloss ids and polarities.
//! - [`notes`]: the per-selection stance note and the polarity line of a `.qdc`.
//! - [`selection_name`]: the quote a selection's `name` carries.

pub mod codebook_note;
pub mod guid;
pub mod names;
pub mod notes;
pub mod selection_name;
pub mod units;
