//! The egui/eframe window of Gloss.
//!
//! [`GlossApp`] owns the open project and applies what the panels ask for
//! ([`intent::Intent`]); each panel lives in its own file and only reads the
//! workspace. [`run_window`] starts the native window.

pub mod annotation_list;
pub mod codebook_panel;
pub mod commands;
pub mod documents;
pub mod gloss_app;
pub mod inspector;
pub mod intent;
pub mod menus;
pub mod palette;
pub mod reader;
pub mod retrieval_panel;
pub mod search_panel;
pub mod session;
pub mod status_bar;
pub mod theme;

pub use gloss_app::{GlossApp, Preferences, StartTarget};

use std::path::PathBuf;

/// Opens the window on `path` (a folder or project file); without one, on the
/// most recent project or else the bundled sample. Returns when the window closes.
pub fn run_window(path: Option<PathBuf>) -> Result<(), String> {
    let start = match path {
        Some(path) => StartTarget::Path(path),
        None => StartTarget::RecentOrSample,
    };
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Gloss")
        .with_app_id("gloss")
        .with_inner_size([1280.0, 820.0])
        .with_min_inner_size([720.0, 480.0])
        .with_drag_and_drop(true);
    match eframe::icon_data::from_png_bytes(theme::ICON_PNG) {
        Ok(icon) => viewport = viewport.with_icon(icon),
        Err(error) => eprintln!("gloss: the app icon could not be decoded: {error}"),
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    eframe::run_native(
        "Gloss",
        options,
        Box::new(move |cc| Ok(Box::new(GlossApp::new(cc, start)))),
    )
    .map_err(|error| format!("the window could not be opened: {error}"))
}
