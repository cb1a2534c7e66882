//! The report of an import or of adding documents: what was brought in, in one
//! line, then one line per item that could not be mapped or was skipped, and
//! how to take it back (one Ctrl+Z). Shown as a window that fits the screen
//! and scrolls; Escape or Close dismisses it.

use egui::{Key, Modifiers, RichText};

/// The report window's close button.
pub const CLOSE_LABEL: &str = "Close";

/// What the report window shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemReport {
    /// The window's title ("Imported sample.qdpx", "Added documents").
    pub heading: String,
    /// One line of totals.
    pub summary: String,
    /// One line per item that could not be mapped exactly or was skipped.
    pub problems: Vec<String>,
    /// Was the project changed (so Ctrl+Z takes it back)?
    pub changed: bool,
}

/// Draws the report while `report` holds one; clears it when closed.
pub fn item_report_ui(ctx: &egui::Context, report: &mut Option<ItemReport>) {
    let Some(shown) = report.as_ref() else {
        return;
    };
    let mut close = ctx.input_mut(|input| input.consume_key(Modifiers::NONE, Key::Escape));
    let screen = ctx.content_rect();
    let mut open = true;
    egui::Window::new(&shown.heading)
        .id(egui::Id::unique("gloss-item-report"))
        .open(&mut open)
        .collapsible(false)
        .default_width((screen.width() - 48.0).clamp(260.0, 560.0))
        .max_height((screen.height() - 96.0).max(160.0))
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            ui.label(&shown.summary);
            if shown.changed {
                ui.label(RichText::new("Undo (Ctrl+Z) takes all of it back in one step.").weak());
            }
            if !shown.problems.is_empty() {
                ui.add_space(6.0);
                ui.label(
                    RichText::new(format!(
                        "Not brought in exactly ({}):",
                        shown.problems.len()
                    ))
                    .strong(),
                );
                egui::ScrollArea::vertical()
                    .max_height((screen.height() - 280.0).max(80.0))
                    .show(ui, |ui| {
                        for problem in &shown.problems {
                            ui.label(format!("• {problem}"));
                        }
                    });
            }
            ui.add_space(6.0);
            if ui.button(CLOSE_LABEL).clicked() {
                close = true;
            }
        });
    if close || !open {
        *report = None;
    }
}
