//! The shell: [`GlossApp`], the window around the panels. It owns the open
//! project (`session::Session`) and is the one place that changes it: the
//! panels draw and return intents, the shell applies them.
//!
//! Rooms, in the order of a frame:
//! - `app.rs`: the `GlossApp` struct, construction, what tests may read,
//!   `eframe::App` (poll background work → shortcuts → panels → overlays →
//!   apply intents → title and autosave).
//! - `preferences.rs`: window preferences in eframe storage (never the project
//!   or its undo history). #11's coder identity is kept with them.
//! - `start.rs`: what the window starts with (target, clock, user folders,
//!   coder) and why opening fails; `opening.rs`: recent projects, the sample,
//!   background loading, taking over an opened project. #11's import and add-documents
//!   flows start here.
//! - `file_dialogs.rs`: native open dialogs on their own thread, the save
//!   dialog; `export.rs`: export from the window. #11's in-app file picker
//!   replaces `file_dialogs.rs` and moves `export.rs` off the UI thread.
//! - `intents.rs`: applying intents (edits, selection, showing a document).
//! - `command_handling.rs`: shortcuts and what each command does.
//! - `housekeeping.rs`: messages, dropped files, the close request, autosave,
//!   the title; `unsaved.rs`: the way out when a close meets edits that cannot
//!   be saved (a rescue copy, close anyway, stay).
//! - `layout.rs`: the panels, drawers and overlays, sized by `responsive.rs`
//!   (the reader's minimum, the panels' ranges, when panels become drawers);
//!   `dock.rs`: the docked views beside the reader (coded passages, search
//!   results, #12's analysis views); `welcome.rs`: the welcome and
//!   loading screens and the banners; `windows.rs`: shortcuts (F1), problems,
//!   about, and #13's agreement windows (every window fits the screen or scrolls).
//!
//! Threads: the shell spawns only the open-dialog thread (`file_dialogs.rs`);
//! opening a project runs on `session::Loading`'s thread.

mod app;
mod command_handling;
mod dock;
mod export;
mod file_dialogs;
mod housekeeping;
mod intents;
mod layout;
mod opening;
mod preferences;
mod responsive;
mod start;
mod unsaved;
mod welcome;
mod windows;

pub use app::GlossApp;
pub use layout::{LEFT_DRAWER_LABEL, RIGHT_DRAWER_LABEL};
pub use preferences::{LeftTab, Preferences};
pub use responsive::{DockLayout, DockView, Drawer, LayoutRects};
pub use start::{OpenError, StartTarget, Startup};
pub use unsaved::{CLOSE_WITHOUT_SAVING, KEEP_OPEN, SAVE_COPY_AND_CLOSE, UNSAVED_WINDOW_TITLE};
