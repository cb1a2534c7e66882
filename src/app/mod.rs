//! The egui/eframe window of Gloss.
//!
//! [`GlossApp`] (in `shell/`) owns the open project and applies what the
//! panels ask for ([`intent::Intent`]); each panel lives in its own file or
//! folder and only reads the workspace; `widgets/` holds what several panels
//! draw. [`run_window`] starts the native window.

pub mod agreement_view;
pub mod analysis_view;
pub mod annotation_list;
pub mod clock;
pub mod codebook_panel;
pub mod coder_compare;
pub mod coder_filter;
pub mod coder_prompt;
pub mod commands;
pub mod conflicts_view;
pub mod documents;
pub mod file_picker;
pub mod import_dialog;
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
    CLOSE_WITHOUT_SAVING, GlossApp, KEEP_OPEN, PathPurpose, Preferences, SAVE_COPY_AND_CLOSE,
    StartTarget, Startup, UNSAVED_WINDOW_TITLE,
};

use std::path::PathBuf;

/// Why the window could not run.
#[derive(Debug, thiserror::Error)]
pub enum WindowError {
    /// eframe could not create the window (no display, no graphics adapter…).
    #[error("the window could not be opened: {0}")]
    Eframe(#[from] eframe::Error),
}

/// How the native window is made: title, size, icon, drag and drop,
/// system fonts as the fallback for scripts the bundled fonts lack (CJK…),
/// and its settings in the user's config folder (`GLOSS_CONFIG_DIR` when set).
pub fn native_options() -> eframe::NativeOptions {
    native_options_with(crate::storage::UserDirs::locate().as_ref())
}

/// [`native_options`] with the user's folders given: the window's settings go
/// to `user_dirs`' config folder (eframe's own default without one).
pub fn native_options_with(user_dirs: Option<&crate::storage::UserDirs>) -> eframe::NativeOptions {
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
    let persistence_path = user_dirs.and_then(|dirs| match dirs.window_settings_file() {
        Ok(file) => Some(file),
        Err(error) => {
            eprintln!("gloss: window settings stay in eframe's default folder: {error}");
            None
        }
    });
    eframe::NativeOptions {
        viewport,
        system_font_fallback: true,
        persistence_path,
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

#[cfg(test)]
mod tests {
    use super::native_options_with;
    use crate::storage::UserDirs;

    #[test]
    fn window_settings_go_to_the_config_folder_never_the_data_folder() {
        let dir = tempfile::tempdir().expect("temp dir");
        let dirs = UserDirs {
            data: dir.path().join("data"),
            config: dir.path().join("config (GLOSS_CONFIG_DIR)"),
        };
        let options = native_options_with(Some(&dirs));
        let file = options.persistence_path.expect("a settings file");
        assert_eq!(file.parent(), Some(dirs.config.as_path()));
        assert!(
            dirs.config.is_dir(),
            "the config folder is created for eframe"
        );
        assert!(!dirs.data.exists(), "nothing goes to the data folder");
    }
}
