//! The tag popup: a small keyboard-first panel that appears at a fresh text
//! selection (or at "Edit codes…") to choose an annotation's codes.
//!
//! Keys (shown in the popup's footer):
//! - type to fuzzy-search topics, stances and actors; ↑/↓ move, Enter picks the
//!   highlighted result (a topic toggles, a stance is set, an actor becomes holder
//!   or target);
//! - with an empty search: `1`–`9` toggle the first nine topics, each stance's
//!   letter (first free letter of its name, e.g. `S` supportive) sets the stance,
//!   `H` / `T` search actors for the holder / target, `/` searches names that
//!   start with one of those letters;
//! - Enter with an empty search confirms, Escape backs out of an actor search or cancels;
//! - a typed name the codebook does not have is offered as the last row, "Create
//!   topic …" (or "Create actor …" for the holder or target); picking it adds the
//!   code to the coding, and confirming adds code and annotation as one undo step.
//!
//! The popup has a fixed size while it is open and sits beside the passage,
//! inside the window, never over the passage's last line (`place.rs`).
//!
//! `picks.rs` holds the popup's state and what it offers, `keys.rs` its keys,
//! `place.rs` where it goes, `view.rs` what it draws.

mod keys;
mod picks;
mod place;
mod view;

pub(crate) use picks::{TagPopupOutcome, TagPopupState};
pub use picks::{numbered_topics, stance_keys};
pub(crate) use place::PopupAnchor;
pub use view::SEARCH_LABEL;
pub(crate) use view::tag_popup_ui;
