//! The real Gloss window (`GlossApp`) driven through egui_kittest like a user
//! would: widgets found by AccessKit role and label, text selected with the
//! mouse, the tag popup and shortcuts operated by keyboard, files checked on disk.
//!
//! Each test works on its own copy of the sample project in a temporary folder;
//! the user's data and config folders point to a temporary folder too. Time
//! that matters (autosave) runs on a manual clock the test advances: no test
//! waits on wall time.

mod actors;
mod agreement;
mod analysis;
mod charts;
mod coders;
mod coding;
mod commands;
mod corpus_search;
mod dialogs;
mod docked;
mod fixture;
mod focus;
mod fonts;
mod footnotes;
mod hostile;
mod import;
mod layout;
mod network_graph;
mod opening;
mod over_time_analysis;
mod pdf_pages;
mod polish;
mod popup;
mod review;
mod saving;
#[cfg(feature = "snapshots")]
mod snapshots;
