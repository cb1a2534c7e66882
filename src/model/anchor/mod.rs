//! Re-anchoring: when a document's text changes, every annotation of it is
//! found again from its stored [`TextAnchor`] (quote, 32-char prefix and
//! suffix) and its old position, in four steps:
//!
//! 1. the quote is still at the stored offsets: **exact**, kept;
//! 2. the exact quote is elsewhere: of its occurrences, the one whose
//!    surroundings match the stored prefix and suffix over the most chars,
//!    then the one nearest the old position (shifted as far as the annotations
//!    before it moved): **moved**;
//! 3. an approximate match (Myers' bit-parallel matching, long quotes through
//!    pieces, with at most half the quote's length in edits and never more
//!    than [`MAX_FUZZY_EDITS`]), scored on the quote's edits, the prefix's and
//!    suffix's edits and the distance from the old position, near the old
//!    position first and in the whole text only when nothing is near: **fuzzy**, for review;
//! 4. otherwise **orphaned**: the annotation keeps its last offsets, its quote
//!    and its codes; it is never deleted.
//!
//! The result is one undoable batch [`Edit`](crate::model::edit::Edit) that
//! updates ranges, anchors (re-captured from the new text), statuses and the
//! documents' checksums, and a report per document. Pure: text in, edits out.
//!
//! [`TextAnchor`]: crate::model::annotation::TextAnchor

mod approximate;
mod locate;
mod reanchor;
pub mod status;

pub use locate::MAX_FUZZY_EDITS;
pub use reanchor::{
    DocumentReport, REANCHOR_LABEL, Reanchoring, needs_reanchoring, reanchor_annotations,
    reanchor_changed_documents,
};
pub use status::{AnchorStatus, StatusCounts};
