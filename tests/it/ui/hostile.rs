//! The window under hostile and broken input: a hand-broken project file is
//! shown read-only and never written over; a close that cannot save offers a
//! rescue copy instead of losing the edits or refusing to close forever; a
//! folder with a FIFO, device and looping links and a 50 MB document opens.

use super::fixture::{delete_first_annotation, open_app, sample_copy, ui_shows};
use egui::accesskit::Role;
use egui::{Key, Modifiers, ViewportCommand, ViewportEvent, ViewportId};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use gloss::app::{
    CLOSE_WITHOUT_SAVING, GlossApp, KEEP_OPEN, SAVE_COPY_AND_CLOSE, UNSAVED_WINDOW_TITLE,
};
use std::path::Path;
use std::time::Duration;

use super::fixture::press;

#[test]
fn a_hand_broken_project_opens_read_only_and_is_never_written() {
    let folder = sample_copy();
    let project_file = folder.path().join("gloss.json");
    // A hand edit duplicated an annotation (same id twice).
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&project_file).expect("read")).expect("json");
    let annotations = json["annotations"].as_array_mut().expect("annotations");
    let first = annotations[0].clone();
    annotations.push(first);
    let broken = serde_json::to_string_pretty(&json).expect("json");
    std::fs::write(&project_file, &broken).expect("write");

    let mut harness = open_app(folder.path());
    let session = harness.state().session().expect("the project opens");
    assert!(session.is_read_only(), "a broken file is shown read-only");
    let reason = session.read_only_reason.clone().expect("reason");
    assert!(reason.contains("problem"), "{reason}");
    assert!(reason.contains("duplicate"), "names the problem: {reason}");
    assert!(
        ui_shows(&harness, "gloss check"),
        "the banner says how to see them all"
    );

    // Edits are refused and nothing is written, by Ctrl+S or on close.
    delete_first_annotation(&mut harness);
    press(&mut harness, Modifiers::COMMAND, Key::S);
    request_close(&mut harness);
    assert_eq!(
        std::fs::read_to_string(&project_file).expect("read"),
        broken,
        "the user's broken file is untouched"
    );
    assert_eq!(
        harness
            .state()
            .workspace()
            .expect("ws")
            .project
            .annotations
            .len(),
        31,
        "the window shows every annotation of the file, the duplicate included"
    );
}

/// The project file changed under the window (another program), so saving is refused.
fn change_project_file_elsewhere(project_file: &Path) -> String {
    let other = std::fs::read_to_string(project_file)
        .expect("read")
        .replace("Tagesspiegel", "Der Tagesspiegel");
    std::fs::write(project_file, &other).expect("external write");
    let file = std::fs::File::options()
        .write(true)
        .open(project_file)
        .expect("open");
    file.set_modified(std::time::SystemTime::now() + Duration::from_secs(5))
        .expect("touch");
    other
}

fn request_close(harness: &mut Harness<'static, GlossApp>) {
    harness
        .input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(ViewportEvent::Close);
    harness.step();
    harness.step();
}

fn root_commands(harness: &Harness<'static, GlossApp>) -> Vec<ViewportCommand> {
    harness.output().viewport_output[&ViewportId::ROOT]
        .commands
        .clone()
}

fn rescue_copies(folder: &Path) -> Vec<std::path::PathBuf> {
    let mut found: Vec<_> = std::fs::read_dir(folder)
        .expect("read dir")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            path.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("gloss-unsaved-") && n.ends_with(".json"))
        })
        .collect();
    found.sort();
    found
}

#[test]
fn a_close_that_cannot_save_offers_a_rescue_copy_that_holds_the_edits() {
    let folder = sample_copy();
    let project_file = folder.path().join("gloss.json");
    let mut harness = open_app(folder.path());
    let deleted = delete_first_annotation(&mut harness);
    let other = change_project_file_elsewhere(&project_file);

    request_close(&mut harness);
    assert!(
        root_commands(&harness).contains(&ViewportCommand::CancelClose)
            || ui_shows(&harness, UNSAVED_WINDOW_TITLE),
        "the close waits"
    );
    assert!(ui_shows(&harness, UNSAVED_WINDOW_TITLE));
    harness
        .get_by_role_and_label(Role::Button, SAVE_COPY_AND_CLOSE)
        .click();
    harness.step();
    let closing = root_commands(&harness).contains(&ViewportCommand::Close);

    let copies = rescue_copies(folder.path());
    assert_eq!(
        copies.len(),
        1,
        "one rescue copy beside the project: {copies:?}"
    );
    assert_eq!(harness.state().rescued_to(), Some(copies[0].as_path()));
    let rescued = gloss::storage::read_project_file(&copies[0]).expect("the copy is a project");
    assert_eq!(rescued.annotations.len(), 29, "the copy holds the edit");
    assert!(rescued.annotations.iter().all(|a| a.id != deleted.id));
    assert_eq!(
        std::fs::read_to_string(&project_file).expect("read"),
        other,
        "the other program's file is untouched"
    );
    assert!(closing, "then the window closes");
    // The close goes through now: no second cancel.
    request_close(&mut harness);
    assert!(!root_commands(&harness).contains(&ViewportCommand::CancelClose));
    drop(harness);

    // Opening the project again says the copy is there.
    let reopened = open_app(folder.path());
    let copy_name = copies[0]
        .file_name()
        .and_then(|n| n.to_str())
        .expect("name")
        .to_owned();
    assert!(
        ui_shows(&reopened, &copy_name),
        "the window names the rescue copy on opening"
    );
}

#[test]
fn a_close_that_cannot_save_can_stay_open_or_close_without_the_edits() {
    let folder = sample_copy();
    let project_file = folder.path().join("gloss.json");
    let mut harness = open_app(folder.path());
    delete_first_annotation(&mut harness);
    let other = change_project_file_elsewhere(&project_file);

    request_close(&mut harness);
    harness
        .get_by_role_and_label(Role::Button, KEEP_OPEN)
        .click();
    harness.step();
    harness.step();
    assert!(
        !ui_shows(&harness, UNSAVED_WINDOW_TITLE),
        "the window stays, the question goes"
    );
    assert!(
        harness.state().session().expect("session").is_dirty(),
        "edits still in memory"
    );
    assert!(!root_commands(&harness).contains(&ViewportCommand::Close));

    request_close(&mut harness);
    harness
        .get_by_role_and_label(Role::Button, CLOSE_WITHOUT_SAVING)
        .click();
    harness.step();
    assert!(root_commands(&harness).contains(&ViewportCommand::Close));
    harness.step();
    assert!(
        rescue_copies(folder.path()).is_empty(),
        "no copy was asked for"
    );
    assert_eq!(std::fs::read_to_string(&project_file).expect("read"), other);
}

#[cfg(unix)]
#[test]
fn a_folder_with_special_files_and_a_50_mb_document_opens_and_says_what_it_skipped() {
    use std::io::Write as _;
    let folder = tempfile::tempdir().expect("temp dir");
    let root = folder.path();
    std::fs::write(root.join("a.txt"), "Kina gradi autoput.").expect("write");
    std::os::unix::fs::symlink("/dev/zero", root.join("zero.txt")).expect("link");
    std::os::unix::fs::symlink("loop.txt", root.join("loop.txt")).expect("loop");
    let fifo = std::process::Command::new("mkfifo")
        .arg(root.join("x.txt"))
        .status()
        .is_ok_and(|status| status.success());
    let paragraph = "Vučić je rekao da je Kina najveći prijatelj Srbije, a Huawei gradi sigurni grad u Beogradu.\n\n";
    let mut big =
        std::io::BufWriter::new(std::fs::File::create(root.join("big.txt")).expect("create"));
    let mut written = 0;
    while written < 50 << 20 {
        big.write_all(paragraph.as_bytes()).expect("write");
        written += paragraph.len();
    }
    big.flush().expect("flush");
    drop(big);

    let harness = open_app(root);
    let session = harness.state().session().expect("the folder opens");
    let documents: Vec<&str> = session
        .workspace
        .project
        .documents
        .iter()
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(documents, ["a.txt", "big.txt"]);
    let skipped: Vec<String> = session.skipped.iter().map(|s| s.path.clone()).collect();
    let expected_skipped = if fifo { 3 } else { 2 };
    assert_eq!(skipped.len(), expected_skipped, "{skipped:?}");
    assert!(
        ui_shows(&harness, "could not be read"),
        "the banner says so"
    );
}

#[test]
fn a_project_repaired_on_opening_is_backed_up_as_it_was_at_the_first_save() {
    let folder = sample_copy();
    let project_file = folder.path().join("gloss.json");
    // A save a moment ago: a fresh backup exists, so a routine save would take none.
    let mut opened = gloss::storage::open_project(folder.path()).expect("open");
    gloss::storage::save_project(&project_file, &opened.workspace.project, None).expect("save");
    // Then another edit, saved without a new backup (the last one is fresh).
    opened.workspace.project.annotations[0].memo = "a later memo".to_owned();
    gloss::storage::save_project(&project_file, &opened.workspace.project, None).expect("save");
    let coded = opened.workspace.project.annotations[0].document.clone();
    let coded_path = opened
        .workspace
        .document(&coded)
        .expect("document")
        .path
        .clone();
    drop(opened);
    let before = std::fs::read_to_string(&project_file).expect("read");
    assert_ne!(
        std::fs::read_to_string(gloss::storage::backup_path(&project_file, 1)).ok(),
        None
    );
    // A document corrected under its codings: opening re-anchors them (an edit).
    let document = folder.path().join(&coded_path);
    let text = std::fs::read_to_string(&document).expect("read document");
    std::fs::write(&document, format!("Corrected. {text}")).expect("write document");

    let mut harness = open_app(folder.path());
    // The repair is saved like any edit (autosave, or Ctrl+S).
    press(&mut harness, Modifiers::COMMAND, Key::S);
    assert!(
        !harness.state().session().expect("session").is_dirty(),
        "saved"
    );
    assert_eq!(
        std::fs::read_to_string(gloss::storage::backup_path(&project_file, 1)).expect("backup"),
        before,
        "the file as it was before the repair is the newest backup"
    );
    assert_ne!(
        std::fs::read_to_string(&project_file).expect("read"),
        before
    );
}
