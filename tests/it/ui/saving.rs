//! Saving: Ctrl+S with a memo still typed, the first save of a new folder and
//! its lock, a failed save kept in memory, saving on close, autosave on the
//! app's clock, a second window read-only.

use super::fixture::{
    annotation_count, delete_first_annotation, first_annotation_here, open_app,
    open_app_with_clock, press, sample_copy, type_memo, ui_shows,
};
use egui::{Key, Modifiers, vec2};
use gloss::app::clock::Clock;
use gloss::app::session::SaveState;
use std::time::Duration;

#[test]
fn a_memo_still_being_typed_is_saved_by_ctrl_s() {
    let folder = sample_copy();
    let mut harness = open_app(folder.path());
    let annotation = first_annotation_here(&harness);
    type_memo(&mut harness, &annotation, "Typed, not yet committed");
    press(&mut harness, Modifiers::COMMAND, Key::S);
    let on_disk = std::fs::read_to_string(folder.path().join("gloss.json")).expect("read");
    assert!(
        on_disk.contains("Typed, not yet committed"),
        "the memo was saved"
    );
}

#[test]
fn a_new_folder_project_is_written_and_locked_at_its_first_save() {
    let folder = tempfile::tempdir().expect("temp dir");
    std::fs::write(folder.path().join("a.txt"), "First document.\n").expect("write");
    let mut harness = open_app(folder.path());
    let lock_file = gloss::storage::lock_path(&folder.path().join("gloss.json"));
    assert!(!lock_file.exists(), "no lock before the first save");
    let (edit, _) = gloss::model::operations::add_topic(
        &harness.state().workspace().expect("workspace").project,
        "Energy",
        None,
        None,
    )
    .expect("edit");
    harness
        .state_mut()
        .apply_intent(gloss::app::intent::Intent::ApplyEdit(Box::new(edit)));
    press(&mut harness, Modifiers::COMMAND, Key::S);
    let saved =
        std::fs::read_to_string(folder.path().join("gloss.json")).expect("project file written");
    assert!(saved.contains("Energy") && saved.contains("a.txt"));
    assert!(lock_file.exists(), "locked from the first save on");
    assert!(
        gloss::storage::ProjectLock::acquire(&folder.path().join("gloss.json")).is_err(),
        "held by the window"
    );
    drop(harness);
    assert!(
        gloss::storage::ProjectLock::acquire(&folder.path().join("gloss.json")).is_ok(),
        "released on close"
    );
}

#[test]
fn a_failed_save_is_shown_and_keeps_the_edits() {
    let folder = sample_copy();
    let mut harness = open_app(folder.path());
    let annotation = delete_first_annotation(&mut harness);
    // Another program changes the file meanwhile (its time set ahead: no waiting).
    let project_file = folder.path().join("gloss.json");
    let other = std::fs::read_to_string(&project_file)
        .expect("read")
        .replace("Tagesspiegel", "Der Tagesspiegel");
    std::fs::write(&project_file, &other).expect("external write");
    let file = std::fs::File::options()
        .write(true)
        .open(&project_file)
        .expect("open");
    file.set_modified(std::time::SystemTime::now() + Duration::from_secs(5))
        .expect("touch");
    drop(file);

    press(&mut harness, Modifiers::COMMAND, Key::S);
    let state = harness.state().session().expect("session").save_state();
    assert!(matches!(state, SaveState::Failed(_)), "{state:?}");
    assert!(
        harness
            .state()
            .workspace()
            .expect("workspace")
            .annotation(&annotation.id)
            .is_none(),
        "the edit stays in memory"
    );
    assert_eq!(
        std::fs::read_to_string(&project_file).expect("read"),
        other,
        "the other program's file is untouched"
    );
    assert!(ui_shows(&harness, "Not saved"));

    // Closing the window must not lose the edit: the close is cancelled.
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.step();
    let commands = &harness.output().viewport_output[&egui::ViewportId::ROOT].commands;
    assert!(
        commands.contains(&egui::ViewportCommand::CancelClose),
        "{commands:?}"
    );
}

#[test]
fn closing_the_window_saves_pending_edits() {
    let folder = sample_copy();
    let mut harness = open_app(folder.path());
    let annotation = delete_first_annotation(&mut harness);
    harness.run_ok();
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.step();
    let on_disk = std::fs::read_to_string(folder.path().join("gloss.json")).expect("read");
    assert!(
        !on_disk.contains(annotation.id.as_str()),
        "the deletion was saved on close"
    );
    let commands = &harness.output().viewport_output[&egui::ViewportId::ROOT].commands;
    assert!(!commands.contains(&egui::ViewportCommand::CancelClose));
}

#[test]
fn edits_are_autosaved_a_moment_after_the_last_one() {
    let folder = sample_copy();
    let clock = Clock::manual();
    let mut harness = open_app_with_clock(folder.path(), vec2(1280.0, 800.0), clock.clone());
    let annotation = delete_first_annotation(&mut harness);
    harness.run_ok();
    let project_file = folder.path().join("gloss.json");
    let read = || std::fs::read_to_string(&project_file).expect("read");
    assert!(read().contains(annotation.id.as_str()), "not saved at once");
    clock.advance(gloss::app::session::AUTOSAVE_DELAY - Duration::from_millis(100));
    harness.step();
    assert!(
        read().contains(annotation.id.as_str()),
        "not saved before the delay"
    );
    assert_eq!(
        harness.state().session().expect("session").save_state(),
        SaveState::Unsaved
    );
    clock.advance(Duration::from_millis(100));
    harness.step();
    assert!(
        !read().contains(annotation.id.as_str()),
        "saved after the delay"
    );
    assert_eq!(
        harness.state().session().expect("session").save_state(),
        SaveState::Saved
    );
}

#[test]
fn a_second_window_on_the_same_project_is_read_only() {
    let folder = sample_copy();
    let first = open_app(folder.path());
    let mut second = open_app(folder.path());
    assert!(second.state().session().expect("session").is_read_only());
    assert!(ui_shows(&second, "Read-only"));
    let before = annotation_count(&second);
    delete_first_annotation(&mut second);
    second.run_ok();
    assert_eq!(
        annotation_count(&second),
        before,
        "no edits in a read-only window"
    );
    drop(first);
}
