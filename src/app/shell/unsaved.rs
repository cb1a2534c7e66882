//! The way out when the project cannot be saved and the window is asked to
//! close: the close is cancelled, and this window offers to write the edits to a
//! rescue copy (then close), to close without them, or to stay open. Without it
//! a project whose file another program changed could neither be saved nor closed.

use super::app::GlossApp;
use egui::{Align2, RichText, ViewportCommand};

/// The title of the window (tests find its buttons under it).
pub const UNSAVED_WINDOW_TITLE: &str = "Your edits are not saved";
/// The button that writes a rescue copy and closes.
pub const SAVE_COPY_AND_CLOSE: &str = "Save a copy and close";
/// The button that closes and drops the unsaved edits.
pub const CLOSE_WITHOUT_SAVING: &str = "Close without saving";
/// The button that keeps the window open.
pub const KEEP_OPEN: &str = "Keep the window open";

/// What the user chose in the window.
enum Choice {
    SaveCopyAndClose,
    CloseWithoutSaving,
    KeepOpen,
}

impl GlossApp {
    /// Draws the window while a close waits on unsaved edits, and acts on the choice.
    pub(super) fn unsaved_on_close_ui(&mut self, ctx: &egui::Context) {
        let Some(failure) = self.unsaved_on_close.clone() else {
            return;
        };
        let folder = self
            .session
            .as_ref()
            .map(|s| s.location.folder.display().to_string())
            .unwrap_or_default();
        let mut choice = None;
        egui::Window::new(UNSAVED_WINDOW_TITLE)
            .collapsible(false)
            .resizable(false)
            .anchor(Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                ui.set_max_width(420.0);
                ui.label(format!("Saving the project failed: {failure}"));
                ui.add_space(6.0);
                ui.label(format!(
                    "A copy holds every edit of this window in a new file beside the project ({folder}), named gloss-unsaved-<time>.json; open it with File ▸ Open project file. The project file itself is left as it is."
                ));
                ui.add_space(8.0);
                ui.horizontal_wrapped(|ui| {
                    if ui.button(RichText::new(SAVE_COPY_AND_CLOSE).strong()).clicked() {
                        choice = Some(Choice::SaveCopyAndClose);
                    }
                    if ui.button(CLOSE_WITHOUT_SAVING).clicked() {
                        choice = Some(Choice::CloseWithoutSaving);
                    }
                    if ui.button(KEEP_OPEN).clicked()
                        || ui.input(|input| input.key_pressed(egui::Key::Escape))
                    {
                        choice = Some(Choice::KeepOpen);
                    }
                });
            });
        match choice {
            Some(Choice::SaveCopyAndClose) => self.save_rescue_copy_and_close(ctx),
            Some(Choice::CloseWithoutSaving) => {
                self.unsaved_on_close = None;
                self.closing_without_saving = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            Some(Choice::KeepOpen) => self.unsaved_on_close = None,
            None => {}
        }
    }

    /// Writes the rescue copy (project folder first, else the user's data folder);
    /// closes only when it was written.
    fn save_rescue_copy_and_close(&mut self, ctx: &egui::Context) {
        let Some(session) = &self.session else {
            return;
        };
        let fallback = self
            .user_dirs
            .as_ref()
            .map(|dirs| dirs.data.join("rescued"));
        match session.save_rescue_copy(fallback.as_deref()) {
            Ok(path) => {
                eprintln!("gloss: unsaved edits written to {}", path.display());
                self.rescued_to = Some(path);
                self.unsaved_on_close = None;
                self.closing_without_saving = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            Err(error) => {
                self.unsaved_on_close = Some(format!(
                    "{error}; the copy could not be written either. Free some space or fix the folder's permissions and try again"
                ));
            }
        }
    }
}
