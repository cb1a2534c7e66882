//! Import and add documents through the window: File ▸ Import… brings the
//! sample's own REFI-QDA export into a new folder (counts match, one Ctrl+Z
//! takes it all back), File ▸ Add documents… copies files into the project
//! folder with a per-item report.

use super::dialogs::{choose_path, type_path};
use super::fixture::{open_app, press, sample_copy, ui_shows};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use gloss::app::file_picker::CHOOSE_LABEL;
use gloss::app::{GlossApp, PathPurpose};
use gloss::export::{ExportFormat, ExportOptions, export_to_bytes};
use gloss::model::query::RetrievalFilter;
use std::time::Duration;

/// (documents, topics, annotations) of the open project.
fn counts(harness: &Harness<'static, GlossApp>) -> (usize, usize, usize) {
    let project = &harness.state().workspace().expect("a project").project;
    (
        project.documents.len(),
        project.codebook.topics.len(),
        project.annotations.len(),
    )
}

/// Waits for the background import and draws its result.
fn wait_for_import(harness: &mut Harness<'static, GlossApp>) {
    assert!(
        harness.state_mut().wait_for_import(Duration::from_secs(30)),
        "the import did not finish in time"
    );
    harness.run();
}

/// Clicks File, then the entry `label`.
fn file_menu(harness: &mut Harness<'static, GlossApp>, label: &str) {
    harness.get_by_role_and_label(Role::Button, "File").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, label).click();
    harness.run();
}

#[test]
fn the_samples_own_qdpx_imports_into_a_new_folder_with_matching_counts_and_one_undo() {
    let sample = sample_copy();
    let opened = gloss::storage::open_project(sample.path()).expect("sample");
    let expected = (
        opened.workspace.project.documents.len(),
        opened.workspace.project.codebook.topics.len(),
        opened.workspace.project.annotations.len(),
    );
    let options = ExportOptions {
        project_name: "sample".into(),
        now: "2026-12-03T00:00:00Z".into(),
    };
    let (bytes, _) = export_to_bytes(
        &opened.workspace,
        ExportFormat::Qdpx,
        &RetrievalFilter::default(),
        &options,
    )
    .expect("export");
    let exports = tempfile::tempdir().expect("temp dir");
    let qdpx = exports.path().join("sample.qdpx");
    std::fs::write(&qdpx, bytes).expect("write");
    drop(opened);

    // Through the window: Ctrl+O on a folder that does not exist yet, then File ▸ Import….
    let outer = tempfile::tempdir().expect("temp dir");
    let new_folder = outer.path().join("imported study");
    let mut harness = open_app(sample.path());
    harness.state_mut().use_in_app_file_picker();
    press(&mut harness, Modifiers::COMMAND, Key::O);
    choose_path(&mut harness, &new_folder);
    super::fixture::wait_until_loaded(&mut harness);
    assert_eq!(counts(&harness), (0, 0, 0), "a new, empty project");
    file_menu(&mut harness, "Import…");
    assert_eq!(
        harness.state().file_picker_purpose(),
        Some(PathPurpose::Import)
    );
    choose_path(&mut harness, &qdpx);
    wait_for_import(&mut harness);

    assert_eq!(counts(&harness), expected);
    assert!(ui_shows(&harness, "Imported sample.qdpx"));
    let report = harness.state().item_report().expect("the report shows");
    assert!(report.summary.contains("annotation"), "{}", report.summary);
    assert!(
        ui_shows(&harness, &report.summary),
        "the report window says what came in"
    );
    let workspace = harness.state().workspace().expect("a project");
    for document in &workspace.project.documents {
        assert!(
            new_folder.join(&document.path).is_file(),
            "{} was written into the new folder",
            document.path
        );
        assert!(workspace.text(&document.id).is_some(), "its text is loaded");
    }
    assert!(
        harness.state().current_document().is_some(),
        "the reader shows a document"
    );

    press(&mut harness, Modifiers::NONE, Key::Escape); // closes the report
    assert!(harness.state().item_report().is_none());
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        counts(&harness),
        (0, 0, 0),
        "one undo takes the whole import back"
    );
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(counts(&harness), expected, "and redo brings it back");
}

#[test]
fn a_file_that_is_no_import_format_is_reported_and_changes_nothing() {
    let folder = sample_copy();
    let mut harness = open_app(folder.path());
    let before = counts(&harness);
    harness.state_mut().use_in_app_file_picker();
    file_menu(&mut harness, "Import…");
    let odd = folder.path().join("notes.csv");
    std::fs::write(&odd, "a,b\n1,2\n").expect("write");
    choose_path(&mut harness, &odd);
    wait_for_import(&mut harness);
    assert_eq!(counts(&harness), before);
    assert!(ui_shows(&harness, "Nothing imported"));
}

#[test]
fn add_documents_copies_the_ticked_files_reports_a_clash_and_undoes_in_one_step() {
    let folder = sample_copy();
    let elsewhere = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        elsewhere.path().join("interview-ana.txt"),
        "Ana said the port mattered.\n",
    )
    .expect("write");
    std::fs::write(
        elsewhere.path().join("interview-ivan.md"),
        "Ivan: loans, not grants.\n",
    )
    .expect("write");
    let clash = gloss::storage::open_project(folder.path())
        .expect("sample")
        .workspace
        .project
        .documents[0]
        .path
        .clone();
    std::fs::write(
        elsewhere.path().join(&clash),
        "another text of the same name\n",
    )
    .expect("write");
    let mut harness = open_app(folder.path());
    let (documents, _, _) = counts(&harness);
    harness.state_mut().use_in_app_file_picker();
    file_menu(&mut harness, "Add documents…");
    type_path(&mut harness, elsewhere.path());
    press(&mut harness, Modifiers::NONE, Key::Enter); // the folder opens
    for name in ["interview-ana.txt", "interview-ivan.md", clash.as_str()] {
        harness
            .get_by_role_and_label(Role::Button, &format!("☐ {name}"))
            .click();
        harness.run();
    }
    harness
        .get_by_role_and_label(Role::Button, CHOOSE_LABEL)
        .click();
    harness.step();
    wait_for_import(&mut harness);

    assert_eq!(counts(&harness).0, documents + 2);
    assert!(folder.path().join("interview-ana.txt").is_file());
    assert!(folder.path().join("interview-ivan.md").is_file());
    assert!(ui_shows(
        &harness,
        "2 documents copied into the project folder"
    ));
    assert!(ui_shows(&harness, "has a file of this name already"));
    let original = std::fs::read_to_string(folder.path().join(&clash)).expect("read");
    assert_ne!(
        original, "another text of the same name\n",
        "nothing was overwritten"
    );
    let workspace = harness.state().workspace().expect("a project");
    let ana = workspace
        .project
        .documents
        .iter()
        .find(|d| d.path == "interview-ana.txt")
        .expect("added");
    assert_eq!(
        workspace.text(&ana.id).map(|t| t.text.as_str().to_owned()),
        Some("Ana said the port mattered.\n".to_owned())
    );

    press(&mut harness, Modifiers::NONE, Key::Escape);
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(counts(&harness).0, documents, "one undo removes both");
}

#[test]
fn a_codebook_csv_dropped_onto_the_window_is_imported_as_one_undoable_edit() {
    let folder = sample_copy();
    let mut harness = open_app(folder.path());
    let before = counts(&harness);
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let csv = elsewhere.path().join("codes.csv");
    std::fs::write(
        &csv,
        "topic,description\nDropped topic,Came in by drag and drop\n",
    )
    .expect("write");
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(super::opening::DroppedPath(csv)));
    harness.step();
    wait_for_import(&mut harness);
    assert_eq!(counts(&harness).1, before.1 + 1);
    let codebook = &harness
        .state()
        .workspace()
        .expect("a project")
        .project
        .codebook;
    assert!(codebook.topics.iter().any(|t| t.name == "Dropped topic"));
    assert_eq!(
        harness
            .state()
            .session()
            .expect("a project")
            .location
            .folder,
        folder.path(),
        "the project stays open"
    );
    press(&mut harness, Modifiers::NONE, Key::Escape);
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(counts(&harness), before);
}

#[test]
fn an_import_that_finishes_after_another_project_opened_changes_neither() {
    let first = sample_copy();
    let second = sample_copy();
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let csv = elsewhere.path().join("codes.csv");
    std::fs::write(&csv, "topic\nLate topic\n").expect("write");
    let mut harness = open_app(first.path());
    harness.state_mut().use_in_app_file_picker();
    file_menu(&mut harness, "Import…");
    choose_path(&mut harness, &csv); // the job starts in this frame
    harness
        .state_mut()
        .apply_intent(gloss::app::intent::Intent::OpenProject(
            second.path().to_path_buf(),
        ));
    assert!(
        harness
            .state_mut()
            .wait_for_loading(Duration::from_secs(20))
    );
    let before = counts(&harness);
    wait_for_import(&mut harness);
    assert_eq!(counts(&harness), before, "the second project is unchanged");
    assert!(ui_shows(&harness, "another project was opened meanwhile"));
    let has_late_topic = |folder: &std::path::Path| {
        gloss::storage::open_project(folder)
            .expect("project")
            .workspace
            .project
            .codebook
            .topics
            .iter()
            .any(|t| t.name == "Late topic")
    };
    assert!(!has_late_topic(first.path()));
    assert!(!has_late_topic(second.path()));
}
