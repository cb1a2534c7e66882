//! The menu bar, generated from the [`Command`] table: each command appears in
//! its menu with its label and shortcut. File also lists recent projects; Edit
//! names what Undo and Redo would do.

use crate::app::commands::{Command, Menu};
use crate::app::intent::Intent;
use crate::app::theme::ThemeChoice;
use std::path::PathBuf;

/// What the menus need to know about the app to label and enable entries.
pub struct MenuContext<'a> {
    pub undo_label: Option<String>,
    pub redo_label: Option<String>,
    pub has_project: bool,
    pub has_selection: bool,
    pub can_edit: bool,
    pub recent_projects: &'a [PathBuf],
    pub theme: ThemeChoice,
    pub show_left_panel: bool,
    pub show_right_panel: bool,
    pub has_problems: bool,
}

impl MenuContext<'_> {
    /// The label of a command as the menu shows it ("Undo add annotation").
    pub fn label(&self, command: Command) -> String {
        match (command, &self.undo_label, &self.redo_label) {
            (Command::Undo, Some(label), _) => format!("Undo {label}"),
            (Command::Redo, _, Some(label)) => format!("Redo {label}"),
            _ => command.label().to_string(),
        }
    }

    pub fn is_enabled(&self, command: Command) -> bool {
        match command {
            Command::Undo => self.can_edit && self.undo_label.is_some(),
            Command::Redo => self.can_edit && self.redo_label.is_some(),
            Command::Save | Command::NextDocument | Command::PreviousDocument => self.has_project,
            Command::DeleteSelectedAnnotation => self.can_edit && self.has_selection,
            Command::ShowProblems => self.has_problems,
            _ => true,
        }
    }

    /// Is a toggle-like command currently on (for a check mark)?
    fn is_checked(&self, command: Command) -> Option<bool> {
        match command {
            Command::ThemeFollowSystem => Some(self.theme == ThemeChoice::FollowSystem),
            Command::ThemeLight => Some(self.theme == ThemeChoice::Light),
            Command::ThemeDark => Some(self.theme == ThemeChoice::Dark),
            Command::ToggleLeftPanel => Some(self.show_left_panel),
            Command::ToggleRightPanel => Some(self.show_right_panel),
            _ => None,
        }
    }
}

fn command_button_ui(
    ui: &mut egui::Ui,
    context: &MenuContext<'_>,
    command: Command,
    intents: &mut Vec<Intent>,
) {
    let label = match context.is_checked(command) {
        Some(true) => format!("✔ {}", context.label(command)),
        Some(false) => format!("    {}", context.label(command)),
        None => context.label(command),
    };
    let mut button = egui::Button::new(label);
    if let Some(shortcut) = command.shortcut_text(ui.ctx()) {
        button = button.shortcut_text(shortcut);
    }
    if ui
        .add_enabled(context.is_enabled(command), button)
        .clicked()
    {
        intents.push(Intent::Command(command));
        ui.close();
    }
}

pub fn menu_bar_ui(ui: &mut egui::Ui, context: &MenuContext<'_>) -> Vec<Intent> {
    let mut intents = Vec::new();
    egui::MenuBar::new().ui(ui, |ui| {
        for (menu, title) in [
            (Menu::File, "File"),
            (Menu::Edit, "Edit"),
            (Menu::View, "View"),
            (Menu::Help, "Help"),
        ] {
            ui.menu_button(title, |ui| {
                ui.set_min_width(240.0);
                for command in Command::ALL.into_iter().filter(|c| c.menu() == menu) {
                    if command == Command::Quit {
                        ui.separator();
                    }
                    if command == Command::ThemeFollowSystem || command == Command::ToggleLeftPanel
                    {
                        ui.separator();
                    }
                    command_button_ui(ui, context, command, &mut intents);
                    if command == Command::OpenProjectFile {
                        recent_menu_ui(ui, context, &mut intents);
                    }
                }
            });
        }
    });
    intents
}

fn recent_menu_ui(ui: &mut egui::Ui, context: &MenuContext<'_>, intents: &mut Vec<Intent>) {
    ui.add_enabled_ui(!context.recent_projects.is_empty(), |ui| {
        ui.menu_button("Open recent", |ui| {
            for path in context.recent_projects {
                let label = recent_label(path);
                if ui
                    .button(label)
                    .on_hover_text(path.display().to_string())
                    .clicked()
                {
                    intents.push(Intent::OpenProject(path.clone()));
                    ui.close();
                }
            }
        });
    });
}

/// "sample/gloss.json" for a recent project path: folder and file name.
pub fn recent_label(path: &std::path::Path) -> String {
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let folder = path
        .parent()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned());
    match folder {
        Some(folder) => format!("{folder}/{file}"),
        None => path.display().to_string(),
    }
}
