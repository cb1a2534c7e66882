//! File dialogs that never fail silently: the window's own file and folder
//! picker, driven by keyboard and mouse through AccessKit, opens what it
//! picks; a project that cannot be opened says why.

use super::fixture::{open_app, press, sample_copy, ui_shows, wait_until_loaded};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use gloss::app::GlossApp;
use gloss::app::PathPurpose;
use gloss::app::file_picker::{CHOOSE_LABEL, PATH_LABEL};
use std::path::Path;

/// Replaces the picker's path field with `path`.
pub(super) fn type_path(harness: &mut Harness<'static, GlossApp>, path: &Path) {
    harness.get_by_label(PATH_LABEL).focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_label(PATH_LABEL)
        .type_text(&path.display().to_string());
    harness.run();
}

/// Types `path` into the picker and clicks Choose.
pub(super) fn choose_path(harness: &mut Harness<'static, GlossApp>, path: &Path) {
    type_path(harness, path);
    harness
        .get_by_role_and_label(Role::Button, CHOOSE_LABEL)
        .click();
    harness.step();
}

#[test]
fn ctrl_o_with_the_in_app_picker_opens_the_folder_typed() {
    let first = sample_copy();
    let second = sample_copy();
    let mut harness = open_app(first.path());
    harness.state_mut().use_in_app_file_picker();
    press(&mut harness, Modifiers::COMMAND, Key::O);
    assert_eq!(
        harness.state().file_picker_purpose(),
        Some(PathPurpose::OpenFolder)
    );
    assert!(ui_shows(&harness, "Open a folder of documents"));
    choose_path(&mut harness, second.path());
    wait_until_loaded(&mut harness);
    let opened = &harness
        .state()
        .session()
        .expect("a project")
        .location
        .folder;
    assert_eq!(
        opened.canonicalize().expect("folder"),
        second.path().canonicalize().expect("folder")
    );
    assert_eq!(harness.state().file_picker_purpose(), None);
}

#[test]
fn the_picker_is_usable_by_keyboard_alone() {
    let first = sample_copy();
    let outer = tempfile::tempdir().expect("temp dir");
    let project = outer.path().join("interviews");
    gloss::storage::write_sample(&project).expect("sample");
    let mut harness = open_app(first.path());
    harness.state_mut().use_in_app_file_picker();
    // Open project file (Ctrl+Shift+O): only gloss.json and folders are listed.
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
    type_path(&mut harness, outer.path());
    press(&mut harness, Modifiers::NONE, Key::Enter); // opens the typed folder
    press(&mut harness, Modifiers::NONE, Key::ArrowDown); // "interviews/"
    press(&mut harness, Modifiers::NONE, Key::Enter); // into it
    assert!(ui_shows(&harness, "gloss.json"));
    assert!(
        !ui_shows(&harness, "global-times"),
        "documents are filtered out when a project file is asked for"
    );
    press(&mut harness, Modifiers::NONE, Key::ArrowDown); // gloss.json
    harness.key_press(Key::Enter); // chosen: the project starts opening
    harness.step();
    wait_until_loaded(&mut harness);
    let opened = harness.state().session().expect("a project").project_file();
    assert_eq!(
        opened.canonicalize().expect("file"),
        project.join("gloss.json").canonicalize().expect("file")
    );
}

#[test]
fn escape_closes_the_picker_and_alt_up_goes_to_the_parent_folder() {
    let folder = sample_copy();
    let mut harness = open_app(folder.path());
    harness.state_mut().use_in_app_file_picker();
    press(&mut harness, Modifiers::COMMAND, Key::O);
    let inner = folder.path().join("inner");
    std::fs::create_dir(&inner).expect("mkdir");
    type_path(&mut harness, &inner);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    press(&mut harness, Modifiers::ALT, Key::ArrowUp);
    assert!(ui_shows(&harness, "inner/"), "back in the project folder");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert_eq!(harness.state().file_picker_purpose(), None);
    assert!(
        harness.state().workspace().is_some(),
        "the project stays open"
    );
}

#[test]
fn a_project_that_cannot_be_opened_from_the_picker_says_why() {
    let folder = sample_copy();
    let broken = tempfile::tempdir().expect("temp dir");
    std::fs::write(broken.path().join("gloss.json"), "{ not json").expect("write");
    let mut harness = open_app(folder.path());
    harness.state_mut().use_in_app_file_picker();
    press(&mut harness, Modifiers::COMMAND, Key::O);
    choose_path(&mut harness, broken.path());
    wait_until_loaded(&mut harness);
    assert!(ui_shows(&harness, "Could not open"));
    assert!(
        harness.state().workspace().is_some(),
        "the old project stays open"
    );
}

#[test]
fn open_folder_on_a_new_path_creates_the_folder_and_opens_an_empty_project() {
    let folder = sample_copy();
    let outer = tempfile::tempdir().expect("temp dir");
    let new_project = outer.path().join("new study");
    let mut harness = open_app(folder.path());
    harness.state_mut().use_in_app_file_picker();
    press(&mut harness, Modifiers::COMMAND, Key::O);
    choose_path(&mut harness, &new_project);
    wait_until_loaded(&mut harness);
    assert!(new_project.is_dir());
    let workspace = harness.state().workspace().expect("a project");
    assert!(workspace.project.documents.is_empty());
    assert_eq!(
        harness
            .state()
            .session()
            .expect("a project")
            .location
            .folder
            .canonicalize()
            .expect("folder"),
        new_project.canonicalize().expect("folder")
    );
}

#[test]
fn when_no_system_dialog_can_be_shown_the_window_says_so_and_keeps_using_its_own_picker() {
    let folder = sample_copy();
    let mut harness = open_app(folder.path());
    assert!(!harness.state().preferences().in_app_file_picker);
    harness
        .state_mut()
        .system_dialog_failed(PathPurpose::OpenFolder);
    harness.run();
    assert!(
        ui_shows(&harness, "No system file dialog"),
        "said in the status bar"
    );
    assert_eq!(
        harness.state().file_picker_purpose(),
        Some(PathPurpose::OpenFolder),
        "the picker shows at once"
    );
    assert!(
        harness.state().preferences().in_app_file_picker,
        "remembered in the preferences"
    );
    press(&mut harness, Modifiers::NONE, Key::Escape);
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
    assert_eq!(
        harness.state().file_picker_purpose(),
        Some(PathPurpose::OpenProjectFile),
        "the next dialog is the window's own at once"
    );
    press(&mut harness, Modifiers::NONE, Key::Escape);
    harness
        .state_mut()
        .apply_intent(gloss::app::intent::Intent::Command(
            gloss::app::commands::Command::UseSystemFileDialogs,
        ));
    assert!(
        !harness.state().preferences().in_app_file_picker,
        "File ▸ Use the system file dialogs again switches back"
    );
}
