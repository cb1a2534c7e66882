//! The window's own file and folder picker, used when no system file dialog
//! can be shown (no XDG desktop portal, as on many minimal and tiling
//! desktops): a path field, the folder's listing (folders first, files
//! filtered by extension), Up to the parent folder, and keys for all of it:
//! ↑/↓ move, Enter opens a folder or chooses, Alt+↑ goes up, Escape cancels.

use crate::storage::{self, FolderEntry, PathKind};
use egui::{Key, Modifiers, RichText};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Accessible label of the picker's path field.
pub const PATH_LABEL: &str = "File or folder path";
/// The button that picks what the path field (or the ticked files) name.
pub const CHOOSE_LABEL: &str = "Choose";
/// The button that goes to the parent folder.
pub const UP_LABEL: &str = "Up";

/// What the picker picks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PickerMode {
    /// One folder (it may not exist yet when [`PickerRequest::new_folder_allowed`]).
    Folder,
    /// One existing file.
    File,
    /// One or more existing files (rows are ticked).
    Files,
    /// A file name to write, existing or not.
    Save,
}

/// What to ask: title, mode, extensions and the proposed file name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PickerRequest {
    /// The picker's title ("Import…").
    pub title: String,
    /// Folder, file, files or save.
    pub mode: PickerMode,
    /// Extensions shown (lowercase, without the dot); empty: every file.
    pub extensions: Vec<&'static str>,
    /// The file name proposed when saving.
    pub file_name: String,
    /// May a folder that does not exist yet be chosen (a new project's folder)?
    pub new_folder_allowed: bool,
}

/// How the picker ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PickerOutcome {
    /// These paths were chosen (one, except in [`PickerMode::Files`]).
    Picked(Vec<PathBuf>),
    /// The user cancelled.
    Cancelled,
}

/// The open picker: where it is, what it lists, what is typed and ticked.
#[derive(Debug)]
pub struct FilePicker {
    request: PickerRequest,
    folder: PathBuf,
    entries: Vec<FolderEntry>,
    problem: Option<String>,
    path_text: String,
    highlighted: Option<usize>,
    /// Scroll the highlighted row into view (once, after a key moved it).
    scroll_to_highlighted: bool,
    ticked: BTreeSet<PathBuf>,
    show_all_files: bool,
    focus_path_field: bool,
}

impl FilePicker {
    /// A picker for `request` showing `start_folder`.
    pub fn new(request: PickerRequest, start_folder: PathBuf) -> Self {
        let mut picker = Self {
            request,
            folder: PathBuf::new(),
            entries: Vec::new(),
            problem: None,
            path_text: String::new(),
            highlighted: None,
            scroll_to_highlighted: false,
            ticked: BTreeSet::new(),
            show_all_files: false,
            focus_path_field: true,
        };
        picker.navigate(start_folder);
        picker
    }

    /// What the picker was asked.
    pub fn request(&self) -> &PickerRequest {
        &self.request
    }

    /// The folder listed.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Lists `folder` and puts it (with the proposed name when saving) in the path field.
    fn navigate(&mut self, folder: PathBuf) {
        match storage::list_folder(&folder) {
            Ok(entries) => {
                self.entries = entries;
                self.problem = None;
                self.folder = folder;
            }
            Err(error) => {
                self.problem = Some(error.to_string());
                if self.folder.as_os_str().is_empty() {
                    self.folder = folder;
                }
            }
        }
        self.highlighted = None;
        self.path_text = match self.request.mode {
            PickerMode::Save => self.folder.join(&self.request.file_name),
            PickerMode::Folder => self.folder.clone(),
            PickerMode::File | PickerMode::Files => {
                let mut text = self.folder.clone().into_os_string();
                text.push(std::path::MAIN_SEPARATOR_STR);
                PathBuf::from(text)
            }
        }
        .display()
        .to_string();
    }

    fn go_up(&mut self) {
        if let Some(parent) = self.folder.parent() {
            self.navigate(parent.to_path_buf());
        }
    }

    /// Does a file's name end in one of the requested extensions (or are all shown)?
    fn shows_file(&self, name: &str) -> bool {
        if self.show_all_files || self.request.extensions.is_empty() {
            return true;
        }
        let lower = name.to_lowercase();
        self.request
            .extensions
            .iter()
            .any(|extension| lower.ends_with(&format!(".{extension}")))
    }

    /// The rows listed: every folder, and the files the filter lets through
    /// (when a folder is asked for, its files are listed greyed, to recognise it).
    fn visible(&self) -> Vec<FolderEntry> {
        self.entries
            .iter()
            .filter(|entry| entry.is_folder || self.shows_file(&entry.name))
            .cloned()
            .collect()
    }

    /// A folder row opens it; a file row is chosen (or ticked, for several files).
    fn activate(&mut self, entry: &FolderEntry) -> Option<PickerOutcome> {
        if entry.is_folder {
            self.navigate(entry.path.clone());
            return None;
        }
        match self.request.mode {
            PickerMode::Files => {
                if !self.ticked.remove(&entry.path) {
                    self.ticked.insert(entry.path.clone());
                }
                None
            }
            PickerMode::File | PickerMode::Save => {
                Some(PickerOutcome::Picked(vec![entry.path.clone()]))
            }
            PickerMode::Folder => None,
        }
    }

    /// What the path field (or the ticked files) choose; a path that cannot be
    /// chosen says why. With `open_typed_folder` (Enter), a typed folder that is
    /// not the one listed is opened instead of chosen.
    fn submit(&mut self, open_typed_folder: bool) -> Option<PickerOutcome> {
        if self.request.mode == PickerMode::Files && !self.ticked.is_empty() {
            return Some(PickerOutcome::Picked(self.ticked.iter().cloned().collect()));
        }
        let typed = PathBuf::from(self.path_text.trim());
        let kind = storage::path_kind(&typed);
        let listed = typed == self.folder;
        if kind == Some(PathKind::Folder)
            && !listed
            && (open_typed_folder || self.request.mode != PickerMode::Folder)
        {
            self.navigate(typed);
            return None;
        }
        let problem = match (self.request.mode, kind) {
            (PickerMode::Folder, Some(PathKind::Folder)) => None,
            (PickerMode::Folder, None) if self.request.new_folder_allowed => None,
            (PickerMode::Folder, _) => Some("Choose a folder that exists."),
            (PickerMode::File | PickerMode::Files, Some(PathKind::File)) => None,
            (PickerMode::File | PickerMode::Files, _) => Some("Choose a file that exists."),
            (PickerMode::Save, Some(PathKind::Folder)) => Some("Type a file name to save to."),
            (PickerMode::Save, _) => None,
        };
        match problem {
            Some(problem) => {
                self.problem = Some(problem.to_owned());
                None
            }
            None => Some(PickerOutcome::Picked(vec![typed])),
        }
    }

    /// The picker's own keys: ↑/↓ move, Enter opens or chooses, Alt+↑ goes up.
    fn handle_keys(&mut self, ctx: &egui::Context, rows: &[FolderEntry]) -> Option<PickerOutcome> {
        // Alt+↑ first: `consume_key` ignores an extra Alt, so ↑ would take it.
        let (parent, down, up, enter, escape) = ctx.input_mut(|input| {
            (
                input.consume_key(Modifiers::ALT, Key::ArrowUp),
                input.consume_key(Modifiers::NONE, Key::ArrowDown),
                input.consume_key(Modifiers::NONE, Key::ArrowUp),
                input.consume_key(Modifiers::NONE, Key::Enter),
                input.consume_key(Modifiers::NONE, Key::Escape),
            )
        });
        if escape {
            return Some(PickerOutcome::Cancelled);
        }
        if parent {
            self.go_up();
            return None;
        }
        let last = rows.len().checked_sub(1);
        if down {
            self.highlighted = match (self.highlighted, last) {
                (_, None) => None,
                (None, Some(_)) => Some(0),
                (Some(index), Some(last)) => Some((index + 1).min(last)),
            };
        }
        if up {
            self.highlighted = self.highlighted.and_then(|index| index.checked_sub(1));
        }
        self.scroll_to_highlighted |= up || down;
        if enter {
            return match self.highlighted.and_then(|index| rows.get(index)) {
                Some(entry) => self.activate(entry),
                None => {
                    // Typing goes on in the path field after a typed folder opened.
                    self.focus_path_field = true;
                    self.submit(true)
                }
            };
        }
        None
    }
}

/// Draws the picker as a modal dialog that fits the window; returns how it ended.
pub fn file_picker_ui(ctx: &egui::Context, picker: &mut FilePicker) -> Option<PickerOutcome> {
    let rows = picker.visible();
    let mut outcome = None;
    let screen = ctx.content_rect();
    let width = (screen.width() - 48.0).clamp(280.0, 640.0);
    let list_height = (screen.height() - 260.0).clamp(80.0, 360.0);
    let modal = egui::Modal::new(egui::Id::unique("gloss-file-picker")).show(ctx, |ui| {
        ui.set_width(width);
        ui.heading(&picker.request.title);
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            ui.label("Path");
            if ui
                .button(UP_LABEL)
                .on_hover_text("Parent folder (Alt+↑)")
                .clicked()
            {
                picker.go_up();
            }
            let field = ui
                .add(egui::TextEdit::singleline(&mut picker.path_text).desired_width(f32::INFINITY))
                .accessible_name(PATH_LABEL);
            if picker.focus_path_field {
                field.request_focus();
                picker.focus_path_field = false;
            }
            if field.changed() {
                picker.highlighted = None;
            }
        });
        if let Some(problem) = &picker.problem {
            ui.label(
                RichText::new(problem)
                    .color(crate::app::theme::error_color(ui.visuals().dark_mode)),
            );
        }
        ui.add_space(4.0);
        outcome = listing_ui(ui, picker, &rows, list_height);
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if !picker.request.extensions.is_empty() && picker.request.mode != PickerMode::Folder {
                let extensions = picker
                    .request
                    .extensions
                    .iter()
                    .map(|e| format!(".{e}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                ui.checkbox(&mut picker.show_all_files, "Show all files")
                    .on_hover_text(format!("Otherwise only {extensions}"));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button(CHOOSE_LABEL).clicked() {
                    outcome = picker.submit(false);
                }
                if ui.button("Cancel").clicked() {
                    outcome = Some(PickerOutcome::Cancelled);
                }
                if picker.request.mode == PickerMode::Files && !picker.ticked.is_empty() {
                    ui.label(RichText::new(format!("{} ticked", picker.ticked.len())).weak());
                }
            });
        });
    });
    // Keys after the path field took this frame's typing, so Enter acts on all of it.
    if outcome.is_none() {
        let rows = picker.visible();
        outcome = picker.handle_keys(ctx, &rows);
    }
    if outcome.is_none() && modal.should_close() {
        outcome = Some(PickerOutcome::Cancelled);
    }
    outcome
}

/// The folder's rows: click a folder to open it, a file to choose (or tick) it.
fn listing_ui(
    ui: &mut egui::Ui,
    picker: &mut FilePicker,
    rows: &[FolderEntry],
    height: f32,
) -> Option<PickerOutcome> {
    let mut outcome = None;
    egui::Frame::new()
        .fill(ui.visuals().extreme_bg_color)
        .inner_margin(4.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("file-picker-listing")
                .min_scrolled_height(height)
                .max_height(height)
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    if rows.is_empty() {
                        ui.label(RichText::new("Nothing to choose here.").weak());
                    }
                    for (index, entry) in rows.iter().enumerate() {
                        let label = if entry.is_folder {
                            format!("{}/", entry.name)
                        } else if picker.request.mode == PickerMode::Files {
                            let tick = if picker.ticked.contains(&entry.path) {
                                "☑"
                            } else {
                                "☐"
                            };
                            format!("{tick} {}", entry.name)
                        } else {
                            entry.name.clone()
                        };
                        let highlighted = picker.highlighted == Some(index);
                        let choosable =
                            entry.is_folder || picker.request.mode != PickerMode::Folder;
                        let response = ui.add_enabled(
                            choosable,
                            egui::Button::selectable(highlighted, label)
                                .truncate()
                                .min_size(egui::vec2(ui.available_width(), 0.0)),
                        );
                        if highlighted && picker.scroll_to_highlighted {
                            response.scroll_to_me(None);
                            picker.scroll_to_highlighted = false;
                        }
                        if response.clicked() {
                            picker.highlighted = Some(index);
                            outcome = picker.activate(entry);
                        }
                    }
                });
        });
    outcome
}

#[cfg(test)]
mod tests {
    use super::{FilePicker, PickerMode, PickerOutcome, PickerRequest};

    fn request(mode: PickerMode) -> PickerRequest {
        PickerRequest {
            title: "Import…".into(),
            mode,
            extensions: vec!["qdpx", "csv"],
            file_name: "out.csv".into(),
            new_folder_allowed: false,
        }
    }

    #[test]
    fn the_listing_filters_files_by_extension_and_folders_open_on_activation() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("notes.txt"), "x").expect("write");
        std::fs::write(dir.path().join("project.QDPX"), "x").expect("write");
        std::fs::create_dir(dir.path().join("inner")).expect("mkdir");
        std::fs::write(dir.path().join("inner").join("codes.csv"), "x").expect("write");
        let mut picker = FilePicker::new(request(PickerMode::File), dir.path().to_path_buf());
        let names: Vec<String> = picker.visible().into_iter().map(|e| e.name).collect();
        assert_eq!(names, ["inner", "project.QDPX"]);
        picker.show_all_files = true;
        assert_eq!(picker.visible().len(), 3);
        let inner = picker.visible()[0].clone();
        assert_eq!(picker.activate(&inner), None);
        assert_eq!(picker.folder(), dir.path().join("inner"));
        let codes = picker.visible()[0].clone();
        assert_eq!(
            picker.activate(&codes),
            Some(PickerOutcome::Picked(vec![
                dir.path().join("inner").join("codes.csv")
            ]))
        );
        picker.go_up();
        assert_eq!(picker.folder(), dir.path());
    }

    #[test]
    fn a_typed_path_opens_a_folder_chooses_a_file_and_says_why_not_otherwise() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(dir.path().join("inner")).expect("mkdir");
        std::fs::write(dir.path().join("a.csv"), "x").expect("write");
        let mut picker = FilePicker::new(request(PickerMode::File), dir.path().to_path_buf());
        picker.path_text = dir.path().join("inner").display().to_string();
        assert_eq!(picker.submit(true), None);
        assert_eq!(picker.folder(), dir.path().join("inner"));
        picker.path_text = dir.path().join("missing.csv").display().to_string();
        assert_eq!(picker.submit(true), None);
        assert!(picker.problem.is_some());
        picker.path_text = dir.path().join("a.csv").display().to_string();
        assert_eq!(
            picker.submit(true),
            Some(PickerOutcome::Picked(vec![dir.path().join("a.csv")]))
        );
    }

    #[test]
    fn saving_proposes_the_file_name_in_the_listed_folder_and_a_new_folder_can_be_chosen() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut picker = FilePicker::new(request(PickerMode::Save), dir.path().to_path_buf());
        assert_eq!(
            picker.submit(true),
            Some(PickerOutcome::Picked(vec![dir.path().join("out.csv")]))
        );
        let mut folder_request = request(PickerMode::Folder);
        folder_request.new_folder_allowed = true;
        let mut picker = FilePicker::new(folder_request, dir.path().to_path_buf());
        picker.path_text = dir.path().join("new project").display().to_string();
        assert_eq!(
            picker.submit(true),
            Some(PickerOutcome::Picked(vec![dir.path().join("new project")]))
        );
    }
}
