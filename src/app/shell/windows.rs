//! The windows over the main view: keyboard shortcuts (F1), problems while
//! opening, about; and the overlay shown while files are dragged over the
//! window. Every window is made by [`fitted_window`]: never larger than the
//! window it opens in, its content scrolls. Coded passages and search results
//! are docked views (`dock.rs`), not windows.

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

/// Room kept around a window inside the main window (title bar, edges).
const WINDOW_MARGIN_POINTS: f32 = 24.0;

/// A window titled `title` that opens at `default_size` (or smaller) and can
/// never be larger than the main window: its contents must scroll.
pub fn fitted_window<'a>(
    ctx: &egui::Context,
    title: &'a str,
    default_size: [f32; 2],
) -> egui::Window<'a> {
    let room = ctx.content_rect().shrink(WINDOW_MARGIN_POINTS);
    let max = egui::vec2(room.width().max(120.0), (room.height() - 32.0).max(80.0));
    egui::Window::new(title)
        .constrain(true)
        .default_size(egui::vec2(
            default_size[0].min(max.x),
            default_size[1].min(max.y),
        ))
        .max_size(max)
        .default_pos(room.min + egui::vec2(24.0, 24.0))
}

/// The height a window's scrolling content may take (the window fits the screen).
fn scroll_height(ctx: &egui::Context) -> f32 {
    (ctx.content_rect().height() - 2.0 * WINDOW_MARGIN_POINTS - 64.0).max(80.0)
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
    fitted_window(ctx, "Problems while opening", [520.0, 420.0])
        .open(open)
        .show(ctx, |ui| {
            let Some(session) = session else {
                ui.label("No project open.");
                return;
            };
            if session.skipped.is_empty() && session.missing.is_empty() {
                ui.label("Every file was read.");
            }
            egui::ScrollArea::vertical()
                .max_height(scroll_height(ctx))
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
    fitted_window(ctx, "Keyboard shortcuts", [460.0, 560.0])
        .open(open)
        .show(ctx, |ui| {
            // The list is longer than a small window: it scrolls inside the window.
            egui::ScrollArea::vertical()
                .max_height(scroll_height(ctx))
                .auto_shrink([false, true])
                .show(ui, |ui| {
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
    fitted_window(ctx, "About Gloss", [360.0, 160.0])
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
