//! What the reader's commands do (those of [`Command::key_scope`] `Reader`:
//! code the selection, copy it, clear it), whether they come from the reader's
//! keys, its context menu or the app's command palette.

use crate::app::commands::Command;
use crate::app::intent::Intent;
use crate::app::reader::state::{ReaderState, TextSelection};
use crate::model::ids::AnnotationId;
use crate::model::workspace::Workspace;

impl ReaderState {
    /// Runs one of the reader's commands; `selected` is the annotation the app has
    /// selected. Returns what the app must do (Escape with no text selected clears
    /// the selected annotation). The window's commands do nothing here.
    pub fn run_command(
        &mut self,
        ctx: &egui::Context,
        workspace: &Workspace,
        command: Command,
        selected: Option<&AnnotationId>,
    ) -> Option<Intent> {
        match command {
            Command::CodeSelection => {
                self.open_tag_popup();
            }
            Command::CopySelection => {
                let text = self
                    .document
                    .as_ref()
                    .and_then(|document| workspace.text(document));
                if let (Some(range), Some(loaded)) = (self.selection(), text) {
                    ctx.copy_text(loaded.text.slice_clamped(range).to_owned());
                }
            }
            Command::ClearSelection => {
                if self.selection().is_some() {
                    self.selection = self.selection.map(|s| TextSelection::caret_at(s.caret));
                } else if selected.is_some() {
                    return Some(Intent::ClearSelection);
                }
            }
            _ => {}
        }
        None
    }
}
