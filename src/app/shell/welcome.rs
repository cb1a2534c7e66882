//! What the reading area shows when it has no document to read: the welcome
//! screen (open a folder, a project file, the sample or a recent project; the
//! last opening error), the loading screen with its progress, and the banners
//! above the reader (read-only, files that could not be read).

use super::start::OpenError;
use crate::app::commands::Command;
use crate::app::intent::Intent;
use crate::app::menus::recent_label;
use crate::app::session::Loading;
use crate::app::status_bar::group_thousands;
use crate::app::theme;
use egui::{Align, Layout, RichText};
use std::path::PathBuf;
use std::time::Duration;

/// The welcome screen; returns what the user chose to open.
pub fn welcome_ui(
    ui: &mut egui::Ui,
    open_error: Option<&(PathBuf, OpenError)>,
    recent_projects: &[PathBuf],
) -> Vec<Intent> {
    let mut intents = Vec::new();
    let dark = ui.visuals().dark_mode;
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * 0.22);
        ui.heading("Gloss");
        ui.label(RichText::new("Read, highlight and code your documents.").weak());
        ui.add_space(16.0);
        if let Some((path, error)) = open_error {
            let error_color = theme::error_color(dark);
            ui.label(
                RichText::new(format!("Could not open {}", path.display()))
                    .strong()
                    .color(error_color),
            );
            ui.add(egui::Label::new(RichText::new(error.to_string()).color(error_color)).wrap());
            ui.add_space(12.0);
        }
        if ui.button("Open folder…").clicked() {
            intents.push(Intent::Command(Command::OpenFolder));
        }
        if ui.button("Open project file…").clicked() {
            intents.push(Intent::Command(Command::OpenProjectFile));
        }
        if ui.button("Open the sample project").clicked() {
            intents.push(Intent::OpenSample);
        }
        if !recent_projects.is_empty() {
            ui.add_space(12.0);
            ui.label(RichText::new("Recent").weak());
            for path in recent_projects {
                if ui
                    .link(recent_label(path))
                    .on_hover_text(path.display().to_string())
                    .clicked()
                {
                    intents.push(Intent::OpenProject(path.clone()));
                }
            }
        }
    });
    intents
}

/// "Opening …" with a spinner, the documents read so far and the seconds spent.
pub fn loading_ui(ui: &mut egui::Ui, loading: &Loading, elapsed: Duration) {
    ui.centered_and_justified(|ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(ui.available_height() * 0.35);
            ui.spinner();
            ui.label(format!("Opening {}…", loading.path.display()));
            let (files_done, files_total) = loading.progress();
            if files_total > 0 {
                ui.add(
                    egui::ProgressBar::new(files_done as f32 / files_total as f32)
                        .desired_width(320.0)
                        .text(format!(
                            "Read {} of {} documents",
                            group_thousands(files_done),
                            group_thousands(files_total)
                        )),
                );
                // Progress comes from another thread: keep the bar moving.
                ui.ctx().request_repaint_after(Duration::from_millis(100));
            }
            let elapsed_seconds = elapsed.as_secs();
            if elapsed_seconds >= 1 {
                ui.label(RichText::new(format!("{elapsed_seconds} s")).small().weak());
            }
        });
    });
}

/// A full-width banner with a message.
pub fn banner_ui(ui: &mut egui::Ui, text: &str) {
    egui::Frame::new()
        .fill(theme::banner_fill(ui.visuals().dark_mode))
        .inner_margin(egui::Margin::symmetric(12, 8))
        .corner_radius(6)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.add(egui::Label::new(text).wrap());
        });
    ui.add_space(4.0);
}

/// What the user did with the problems banner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BannerAction {
    /// Nothing this frame.
    None,
    /// "Show problems" was clicked.
    Show,
    /// "Dismiss" was clicked.
    Dismiss,
}

/// The banner that says how many files could not be read, with its two buttons.
pub fn problems_banner_ui(ui: &mut egui::Ui, problems: usize) -> BannerAction {
    let mut action = BannerAction::None;
    egui::Frame::new()
        .fill(theme::banner_fill(ui.visuals().dark_mode))
        .inner_margin(egui::Margin::symmetric(12, 6))
        .corner_radius(6)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.label(format!(
                    "{problems} file(s) could not be read or are missing."
                ));
                ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                    if ui.small_button("Dismiss").clicked() {
                        action = BannerAction::Dismiss;
                    }
                    if ui.small_button("Show problems").clicked() {
                        action = BannerAction::Show;
                    }
                });
            });
        });
    ui.add_space(4.0);
    action
}
