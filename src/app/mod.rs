//! The egui/eframe window of Gloss.
//!
//! [`GlossApp`] (in `shell/`) owns the open project and applies what the
//! panels ask for ([`intent::Intent`]); each panel lives in its own file or
//! folder and only reads the workspace; `widgets/` holds what several panels
//! draw. [`run_window`] starts the native window.

pub mod annotation_list;
pub mod clock;
pub mod codebook_panel;
pub mod commands;
pub mod documents;
pub mod inspector;
pub mod intent;
pub mod menus;
pub mod palette;
pub mod reader;
pub mod retrieval_panel;
pub mod review_panel;
pub mod search_panel;
pub mod session;
pub mod shell;
pub mod status_bar;
pub mod theme;
pub mod widgets;

pub use shell::{
    CLOSE_WITHOUT_SAVING, GlossApp, KEEP_OPEN, Preferences, SAVE_COPY_AND_CLOSE, StartTarget,
    Startup, UNSAVED_WINDOW_TITLE,
};

use std::path::PathBuf;

/// Why the window could not run.
#[derive(Debug, thiserror::Error)]
pub enum WindowError {
    /// eframe could not create the window (no display, no graphics adapter…).
    #[error("the window could not be opened: {0}")]
    Eframe(#[from] eframe::Error),
}

/// How the native window is made: title, size, icon, drag and drop, and
/// system fonts as the fallback for scripts the bundled fonts lack (CJK…).
pub fn native_options() -> eframe::NativeOptions {
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
    eframe::NativeOptions {
        viewport,
        system_font_fallback: true,
        ..Default::default()
    }
}

/// Opens the window on `path` (a folder or project file); without one, on the
/// most recent project or else the bundled sample. Returns when the window closes.
pub fn run_window(path: Option<PathBuf>) -> Result<(), WindowError> {
    let start = match path {
        Some(path) => StartTarget::Path(path),
        None => StartTarget::RecentOrSample,
    };
    eframe::run_native(
        "Gloss",
        native_options(),
        Box::new(move |cc| Ok(Box::new(GlossApp::new(cc, start)))),
    )?;
    Ok(())
}
