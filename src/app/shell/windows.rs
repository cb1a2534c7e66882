//! The windows over the main view: keyboard shortcuts (F1), problems while
//! opening, about, and the coded-passages window; and the overlay shown while
//! files are dragged over the window. #12's analysis views and #13's agreement
//! and merge-conflict views open as windows here until #11 docks them.

use crate::app::commands::Command;
use crate::app::reader::caret_key_help;
use crate::app::session::Session;
use crate::app::theme;
use crate::storage::SkippedFile;
use egui::RichText;

/// Which windows are open.
#[derive(Debug, Default)]
pub struct Windows {
    /// Problems while opening (unreadable and missing files).
    pub problems: bool,
    /// Keyboard shortcuts (F1).
    pub shortcuts: bool,
    /// About Gloss.
    pub about: bool,
    /// Coded passages: retrieval with filters, and export.
    pub retrieval: bool,
    /// The queue of re-anchored passages to review.
    pub review: bool,
}

/// Reader keys documented in the shortcuts window (the tag popup defines them).
const TAG_POPUP_KEYS: &[(&str, &str)] = &[
    (
        "Code the selected text",
        "select with mouse or Shift+arrows",
    ),
    ("Toggle one of the first nine topics", "1 – 9"),
    ("Set a stance", "its letter (shown in the popup)"),
    ("Choose holder / target", "H / T"),
    ("Confirm / cancel the popup", "Enter / Esc"),
];

/// The rows of the shortcuts window after the commands: the reader's caret keys
/// (named as on this platform), then the tag popup's keys.
fn reader_key_rows(ctx: &egui::Context) -> Vec<(String, String)> {
    let caret_rows = caret_key_help(ctx)
        .into_iter()
        .map(|(action, keys)| (action.to_owned(), keys));
    let popup_rows = TAG_POPUP_KEYS
        .iter()
        .map(|(action, keys)| ((*action).to_owned(), (*keys).to_owned()));
    caret_rows.chain(popup_rows).collect()
}

/// Problems, shortcuts and about, each when open.
pub fn windows_ui(ctx: &egui::Context, windows: &mut Windows, session: Option<&Session>) {
    if windows.problems {
        problems_window_ui(ctx, &mut windows.problems, session);
    }
    if windows.shortcuts {
        shortcuts_window_ui(ctx, &mut windows.shortcuts);
    }
    if windows.about {
        about_window_ui(ctx, &mut windows.about);
    }
}

/// The files that could not be read when the project opened.
fn problems_window_ui(ctx: &egui::Context, open: &mut bool, session: Option<&Session>) {
    egui::Window::new("Problems while opening")
        .open(open)
        .default_width(520.0)
        .show(ctx, |ui| {
            let Some(session) = session else {
                ui.label("No project open.");
                return;
            };
            if session.skipped.is_empty() && session.missing.is_empty() {
                ui.label("Every file was read.");
            }
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .show(ui, |ui| {
                    files_ui(
                        ui,
                        "Missing documents (listed in the project, not readable now)",
                        &session.missing,
                    );
                    files_ui(
                        ui,
                        "Skipped files (in the folder, not loaded)",
                        &session.skipped,
                    );
                });
        });
}

/// A heading and its files with the reason for each (nothing when empty).
fn files_ui(ui: &mut egui::Ui, heading: &str, files: &[SkippedFile]) {
    if files.is_empty() {
        return;
    }
    ui.label(RichText::new(heading).strong());
    for file in files {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(&file.path).monospace());
            ui.label(RichText::new(file.reason.to_string()).weak());
        });
    }
    ui.add_space(8.0);
}
/// Every command's shortcut (from the command table), then the reader's keys.
fn shortcuts_window_ui(ctx: &egui::Context, open: &mut bool) {
    egui::Window::new("Keyboard shortcuts")
        .open(open)
        .default_width(460.0)
        .show(ctx, |ui| {
            // The list is longer than a small window: it scrolls inside the window.
            egui::ScrollArea::vertical().show(ui, |ui| {
                egui::Grid::new("shortcut-grid")
                    .striped(true)
                    .show(ui, |ui| {
                        for command in Command::ALL {
                            if let Some(shortcut) = command.shortcut_text(ctx) {
                                ui.label(command.full_label());
                                ui.label(RichText::new(shortcut).monospace());
                                ui.end_row();
                            }
                        }
                        for (action, keys) in reader_key_rows(ctx) {
                            ui.label(action);
                            ui.label(RichText::new(keys).monospace());
                            ui.end_row();
                        }
                    });
            });
        });
}

fn about_window_ui(ctx: &egui::Context, open: &mut bool) {
    egui::Window::new("About Gloss")
        .open(open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.heading(format!("Gloss {}", env!("CARGO_PKG_VERSION")));
            ui.label(env!("CARGO_PKG_DESCRIPTION"));
            ui.label(
                RichText::new("Fonts: Noto Sans, SIL Open Font License 1.1.")
                    .small()
                    .weak(),
            );
        });
}

/// A dark veil with a hint while files are dragged over the window.
pub fn drop_overlay_ui(ctx: &egui::Context) {
    let hovering = ctx.input(|input| !input.raw.hovered_files.is_empty());
    if !hovering {
        return;
    }
    let screen = ctx.content_rect();
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("drop-overlay"),
    ));
    painter.rect_filled(screen, 0, theme::drop_overlay_fill());
    painter.text(
        screen.center(),
        egui::Align2::CENTER_CENTER,
        "Drop a folder or project file to open it",
        egui::FontId::proportional(22.0),
        theme::DROP_OVERLAY_TEXT,
    );
}
