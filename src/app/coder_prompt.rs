//! The "who is coding?" dialog: one name field, prefilled, confirmed with
//! Enter or the button, dismissed with Escape or Cancel. It fits any window
//! and returns what the user answered; the shell remembers the name.

use egui::{Key, Modifiers, RichText};

/// Title of the dialog that asks who is coding.
pub const CODER_PROMPT_TITLE: &str = "Who is coding?";
/// Accessible label of its name field.
pub const CODER_NAME_LABEL: &str = "Your name as coder";
/// Its confirm button.
pub const CODER_CONFIRM_LABEL: &str = "Use this name";

/// The open prompt: the name typed, and whether an edit waits for it.
#[derive(Debug)]
pub struct CoderPrompt {
    /// The name in the field.
    pub name: String,
    /// Does an annotation wait for the answer (said in the dialog)?
    pub edit_waits: bool,
    focus_requested: bool,
}

impl CoderPrompt {
    /// A prompt prefilled with `name`.
    pub fn new(name: String, edit_waits: bool) -> Self {
        Self {
            name,
            edit_waits,
            focus_requested: true,
        }
    }
}

/// What the user answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CoderAnswer {
    /// This name (trimmed, not empty).
    Name(String),
    /// Cancelled.
    Cancelled,
}

/// Draws the prompt; returns the answer once given.
pub fn coder_prompt_ui(ctx: &egui::Context, prompt: &mut CoderPrompt) -> Option<CoderAnswer> {
    let (mut confirm, mut cancel) = ctx.input_mut(|input| {
        (
            input.consume_key(Modifiers::NONE, Key::Enter),
            input.consume_key(Modifiers::NONE, Key::Escape),
        )
    });
    let width = (ctx.content_rect().width() - 48.0).clamp(240.0, 420.0);
    egui::Modal::new(egui::Id::unique("gloss-coder-prompt")).show(ctx, |ui| {
        ui.set_width(width);
        ui.heading(CODER_PROMPT_TITLE);
        ui.label("Every annotation records who made it. Gloss remembers the name (Edit ▸ Who is coding… changes it)");
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            ui.label("Name");
            let field = ui
                .add(egui::TextEdit::singleline(&mut prompt.name).desired_width(f32::INFINITY))
                .accessible_name(CODER_NAME_LABEL);
            if prompt.focus_requested {
                field.request_focus();
                prompt.focus_requested = false;
            }
        });
        if prompt.edit_waits {
            ui.label(RichText::new("Your annotation is made once you confirm.").weak());
        }
        ui.horizontal(|ui| {
            let valid = !prompt.name.trim().is_empty();
            if ui
                .add_enabled(valid, egui::Button::new(CODER_CONFIRM_LABEL))
                .clicked()
            {
                confirm = true;
            }
            if ui.button("Cancel").clicked() {
                cancel = true;
            }
        });
    });
    let name = prompt.name.trim();
    if confirm && !name.is_empty() {
        Some(CoderAnswer::Name(name.to_owned()))
    } else if cancel {
        Some(CoderAnswer::Cancelled)
    } else {
        None
    }
}
