//! The menu bar, generated from the [`Command`] table: each command appears in
//! its menu (or submenu, like File ▸ Export) with its label and shortcut. File
//! also lists recent projects; Edit names what Undo and Redo would do.

use crate::app::commands::{Command, Menu};
use crate::app::intent::Intent;
use crate::app::theme::ThemeChoice;
use std::path::PathBuf;

/// What the menus need to know about the app to label and enable entries.
pub struct MenuContext<'a> {
    /// What Undo would undo ("add annotation").
    pub undo_label: Option<String>,
    /// What Redo would redo.
    pub redo_label: Option<String>,
    /// Is a project open?
    pub has_project: bool,
    /// Is an annotation selected?
    pub has_selection: bool,
    /// Is the project open and not read-only?
    pub can_edit: bool,
    /// Recently opened projects, newest first.
    pub recent_projects: &'a [PathBuf],
    /// The theme chosen (for its check mark).
    pub theme: ThemeChoice,
    /// Is the left panel shown (check mark)?
    pub show_left_panel: bool,
    /// Is the right panel shown (check mark)?
    pub show_right_panel: bool,
    /// Were there files that could not be read?
    pub has_problems: bool,
}

impl MenuContext<'_> {
    /// The label of a command as the menu shows it ("Undo add annotation").
    fn label(&self, command: Command) -> String {
        match (command, &self.undo_label, &self.redo_label) {
            (Command::Undo, Some(label), _) => format!("Undo {label}"),
            (Command::Redo, _, Some(label)) => format!("Redo {label}"),
            _ => command.label().to_owned(),
        }
    }

    /// Can the command run now (greyed out otherwise)?
    fn is_enabled(&self, command: Command) -> bool {
        match command {
            Command::Undo => self.can_edit && self.undo_label.is_some(),
            Command::Redo => self.can_edit && self.redo_label.is_some(),
            Command::Save
            | Command::NextDocument
            | Command::PreviousDocument
            | Command::Export(_)
            | Command::ExportAnalysisReport => self.has_project,
            Command::Import | Command::AddDocuments => self.can_edit,
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

/// The menu bar: File, Edit, View and Help from the command table; returns the chosen commands.
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
                menu_entries_ui(ui, context, menu, &mut intents);
            });
        }
    });
    intents
}

/// The commands of one menu, with separators, submenus and the recent projects.
fn menu_entries_ui(
    ui: &mut egui::Ui,
    context: &MenuContext<'_>,
    menu: Menu,
    intents: &mut Vec<Intent>,
) {
    let mut submenus_drawn: Vec<&str> = Vec::new();
    for command in Command::ALL.into_iter().filter(|c| c.menu() == menu) {
        if command == Command::Quit
            || command == Command::ThemeFollowSystem
            || command == Command::ToggleLeftPanel
        {
            ui.separator();
        }
        match command.submenu() {
            Some(submenu) if submenus_drawn.contains(&submenu) => {}
            Some(submenu) => {
                submenus_drawn.push(submenu);
                submenu_ui(ui, context, submenu, intents);
            }
            None => command_button_ui(ui, context, command, intents),
        }
        if command == Command::OpenProjectFile {
            recent_menu_ui(ui, context, intents);
            ui.separator();
        }
    }
}

/// A submenu holding every command that names it (File ▸ Export).
fn submenu_ui(
    ui: &mut egui::Ui,
    context: &MenuContext<'_>,
    submenu: &str,
    intents: &mut Vec<Intent>,
) {
    let commands: Vec<Command> = Command::ALL
        .into_iter()
        .filter(|c| c.submenu() == Some(submenu))
        .collect();
    let any_enabled = commands.iter().any(|c| context.is_enabled(*c));
    ui.add_enabled_ui(any_enabled, |ui| {
        ui.menu_button(submenu, |ui| {
            for command in commands {
                command_button_ui(ui, context, command, intents);
            }
        });
    });
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
