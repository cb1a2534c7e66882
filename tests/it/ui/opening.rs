//! Opening: a corrupt project file reported, a dropped folder, reopening the
//! open project, the welcome screen's sample.

use super::fixture::{
    current_text, open_app, sample_copy, test_startup, ui_shows, wait_until_loaded,
};
use egui::accesskit::Role;
use egui::vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use gloss::app::clock::Clock;
use gloss::app::{GlossApp, StartTarget};
use std::path::Path;

#[test]
fn a_corrupt_project_file_is_reported_in_the_window() {
    let folder = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        folder.path().join("gloss.json"),
        "{ \"format\": \"gloss-project\", ",
    )
    .expect("write");
    let harness = open_app(folder.path());
    assert!(harness.state().workspace().is_none());
    assert!(harness.state().open_error().is_some());
    assert!(ui_shows(&harness, "Could not open"));
    harness.get_by_role_and_label(Role::Button, "Open the sample project");
}

/// A file dropped onto the window, as the windowing integration would report it.
#[derive(Debug)]
pub(super) struct DroppedPath(pub(super) std::path::PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|error| error.to_string())
    }
}

#[test]
fn dropping_a_folder_onto_the_window_opens_it() {
    let first = sample_copy();
    let mut harness = open_app(first.path());
    let second = tempfile::tempdir().expect("temp dir");
    std::fs::write(second.path().join("notes.txt"), "Dropped document.\n").expect("write");
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedPath(
            second.path().to_path_buf(),
        )));
    harness.step();
    wait_until_loaded(&mut harness);
    let session = harness.state().session().expect("session");
    assert_eq!(session.location.folder, second.path());
    assert_eq!(session.workspace.project.documents.len(), 1);
    assert_eq!(current_text(&harness), "Dropped document.\n");
}

#[test]
fn reopening_the_open_project_keeps_it_editable() {
    let folder = sample_copy();
    let mut harness = open_app(folder.path());
    harness
        .state_mut()
        .apply_intent(gloss::app::intent::Intent::OpenProject(
            folder.path().to_path_buf(),
        ));
    harness.step();
    wait_until_loaded(&mut harness);
    let session = harness.state().session().expect("session");
    assert!(
        !session.is_read_only(),
        "its own lock does not make it read-only"
    );
}

#[test]
fn the_welcome_screen_opens_the_sample_project() {
    let mut harness = Harness::builder()
        .with_size(vec2(1280.0, 800.0))
        .build_eframe(|cc| {
            GlossApp::with_startup(cc, test_startup(StartTarget::Nothing, Clock::system()))
        });
    harness.run_ok();
    assert!(harness.state().workspace().is_none());
    harness
        .get_by_role_and_label(Role::Button, "Open the sample project")
        .click();
    harness.step();
    wait_until_loaded(&mut harness);
    let workspace = harness.state().workspace().expect("the sample is open");
    assert_eq!(
        workspace.project.documents.len(),
        gloss::sample::SAMPLE_DOCUMENTS.len()
    );
}

#[test]
fn a_moved_document_keeps_its_annotations_and_the_window_says_where_it_was_found() {
    let folder = sample_copy();
    let sample = gloss::sample::workspace().expect("sample");
    let record = sample.project.documents[0].clone();
    std::fs::rename(
        folder.path().join(&record.path),
        folder.path().join("renamed.txt"),
    )
    .expect("rename the document");
    let harness = open_app(folder.path());
    assert!(ui_shows(&harness, "1 document was found at a new path"));
    let workspace = harness.state().workspace().expect("open");
    assert_eq!(
        workspace.document(&record.id).map(|d| d.path.as_str()),
        Some("renamed.txt")
    );
    assert_eq!(
        workspace.project.annotations_of(&record.id).count(),
        sample.project.annotations_of(&record.id).count()
    );
}

#[test]
fn merge_conflicts_recorded_in_the_project_are_named_on_opening() {
    let folder = sample_copy();
    let project_file = folder.path().join("gloss.json");
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&project_file).expect("read")).expect("json");
    json["conflicts"] = serde_json::json!([{
        "kind": "annotation", "id": "ann-002", "field": "memo",
        "base": "", "ours": "ours", "theirs": "theirs", "kept": "ours"
    }]);
    std::fs::write(
        &project_file,
        serde_json::to_string_pretty(&json).expect("json"),
    )
    .expect("write");
    let harness = open_app(folder.path());
    assert_eq!(
        harness
            .state()
            .workspace()
            .expect("ws")
            .project
            .conflicts
            .len(),
        1
    );
    assert!(ui_shows(
        &harness,
        "1 merge conflict(s) are recorded for review"
    ));
}
