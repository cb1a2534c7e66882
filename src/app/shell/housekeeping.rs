//! What happens every frame besides the panels: status messages, dropped
//! files (a folder or project opens, an import file is imported), the close request (save first, or stay open), autosave on the app's
//! clock, and the window title.

use super::app::GlossApp;
use crate::app::status_bar::Notice;
use egui::ViewportCommand;

impl GlossApp {
    /// Shows an error in the status bar until dismissed.
    pub(super) fn report_error(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            is_error: true,
            at: self.clock.now(),
        });
    }

    /// Shows a message in the status bar for a few seconds.
    pub(super) fn report(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            is_error: false,
            at: self.clock.now(),
        });
    }

    /// Opens the first folder or file dropped onto the window.
    pub(super) fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|input| {
            input
                .raw
                .dropped_files
                .first()
                .map(|f| f.path().to_path_buf())
        });
        if let Some(path) = dropped {
            // An import file dropped onto an open project is imported (File ▸ Import…).
            let is_import_file = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                ["qdpx", "qdc", "csv"]
                    .iter()
                    .any(|known| known.eq_ignore_ascii_case(e))
            });
            if is_import_file && self.session.is_some() {
                self.start_import(path);
            } else {
                self.open_path(path);
            }
        }
    }

    /// Saves before the window closes; cancels the close if saving fails.
    pub(super) fn handle_close_request(&mut self, ctx: &egui::Context) {
        if !ctx.input(|input| input.viewport().close_requested()) {
            return;
        }
        if self.closing_without_saving {
            return;
        }
        self.commit_uncommitted_memo();
        let Some(session) = &mut self.session else {
            return;
        };
        if let Err(error) = session.save_if_dirty() {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.report_error(format!(
                "The window stays open because saving failed: {error}. Your edits are kept in memory."
            ));
            self.unsaved_on_close = Some(error.to_string());
        }
    }

    /// Saves when autosave is due; otherwise asks for a frame when it will be.
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        let Some(session) = &mut self.session else {
            return;
        };
        match session.autosave_wait() {
            Some(wait) if wait.is_zero() => {
                if let Err(error) = session.save() {
                    self.report_error(format!("Autosave failed (edits kept in memory): {error}"));
                }
            }
            Some(wait) => ctx.request_repaint_after(wait),
            None => {}
        }
    }

    /// "• gloss.json (sample) [read-only] — Gloss", sent to the window when it changes.
    pub(super) fn update_title(&mut self, ctx: &egui::Context) {
        let title = match &self.session {
            Some(session) => {
                let dirty = if session.is_dirty() { "• " } else { "" };
                let folder = session
                    .location
                    .folder
                    .file_name()
                    .map(|n| format!(" ({})", n.to_string_lossy()))
                    .unwrap_or_default();
                let read_only = if session.is_read_only() {
                    " [read-only]"
                } else {
                    ""
                };
                format!("{dirty}{}{folder}{read_only} — Gloss", session.file_name())
            }
            None => "Gloss".to_owned(),
        };
        if title != self.window_title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }
}
