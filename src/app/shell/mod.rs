//! The shell: [`GlossApp`], the window around the panels. It owns the open
//! project (`session::Session`) and is the one place that changes it: the
//! panels draw and return intents, the shell applies them.
//!
//! Rooms, in the order of a frame:
//! - `app.rs`: the `GlossApp` struct, construction, what tests may read,
//!   `eframe::App` (poll background work → shortcuts → panels → overlays →
//!   apply intents → title and autosave).
//! - `preferences.rs`: window preferences in eframe storage (never the project
//!   or its undo history), the coder's name and the file-picker choice among them.
//! - `start.rs`: what the window starts with (target, clock, user folders,
//!   coder) and why opening fails; `opening.rs`: recent projects, the sample,
//!   background loading, taking over an opened project.
//! - `file_dialogs.rs`: asking for a path: the system dialog on its own
//!   thread, or the window's own picker (`app::file_picker`) when none can be
//!   shown (remembered); `export.rs`: export from the window, written on a
//!   background job (`analysis_export.rs`: the analysis table shown); `importing.rs`: File ▸ Import… and Add documents…
//!   (background job, one undoable edit, a per-item report);
//!   `background.rs`: those jobs, `jobs.rs` their work; `path_request.rs`:
//!   what a path is for and the system dialog; `coder.rs`: who is coding (asked at the
//!   first edit when unknown); `dialogs.rs`: drawing them over the window.
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
//! Threads: the shell spawns the system-dialog thread (`path_request.rs`) and
//! background jobs (`background.rs`: export, import, adding documents);
//! opening a project runs on `session::Loading`'s thread.

mod analysis_export;
mod app;
mod background;
mod coder;
mod command_handling;
mod dialogs;
mod dock;
mod export;
mod file_dialogs;
mod housekeeping;
mod importing;
mod intents;
mod jobs;
mod layout;
mod opening;
mod path_request;
mod preferences;
mod responsive;
mod start;
mod unsaved;
mod welcome;
mod windows;

pub use app::GlossApp;
pub use layout::{LEFT_DRAWER_LABEL, RIGHT_DRAWER_LABEL};
pub use path_request::PathPurpose;
pub use preferences::{LeftTab, Preferences};
pub use responsive::{DockLayout, DockView, Drawer, LayoutRects};
pub use start::{OpenError, StartTarget, Startup};
pub use unsaved::{CLOSE_WITHOUT_SAVING, KEEP_OPEN, SAVE_COPY_AND_CLOSE, UNSAVED_WINDOW_TITLE};
