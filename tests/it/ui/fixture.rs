//! What every window test needs: a window on a copy of the sample project
//! (isolated from the user's folders), waiting for it to open, finding text
//! and widgets, selecting with the mouse, pressing keys.

use egui::accesskit::Role;
use egui::{Key, Modifiers, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use gloss::app::clock::Clock;
use gloss::app::inspector::MEMO_LABEL;
use gloss::app::intent::Intent;
use gloss::app::{GlossApp, StartTarget, Startup};
use gloss::model::annotation::Annotation;
use gloss::storage::UserDirs;

pub(super) use crate::harness::{
    ShowsReader as _, caret_point, click, drag, find_chars, inside_char, press,
};
use std::path::Path;
use std::sync::OnceLock;
use std::time::Duration;

/// The user's data and config folders of the tests' windows: a temporary
/// folder (one per process), never the real ones.
pub(super) fn test_user_dirs() -> UserDirs {
    static USER_DIRS: OnceLock<tempfile::TempDir> = OnceLock::new();
    let dir = USER_DIRS.get_or_init(|| tempfile::tempdir().expect("temp dir"));
    UserDirs {
        data: dir.path().join("data"),
        config: dir.path().join("config"),
    }
}

/// How the tests start the window: on `target`, with the tests' folders and coder.
pub(super) fn test_startup(target: StartTarget, clock: Clock) -> Startup {
    Startup {
        target,
        clock,
        user_dirs: Some(test_user_dirs()),
        coder: "tester".to_owned(),
    }
}

/// A fresh copy of the sample project (documents and gloss.json).
pub(super) fn sample_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    gloss::storage::write_sample(dir.path()).expect("write sample");
    dir
}

pub(super) fn open_app(path: &Path) -> Harness<'static, GlossApp> {
    open_app_sized(path, vec2(1280.0, 800.0))
}

pub(super) fn open_app_sized(path: &Path, size: egui::Vec2) -> Harness<'static, GlossApp> {
    open_app_with_clock(path, size, Clock::system())
}

pub(super) fn open_app_with_clock(
    path: &Path,
    size: egui::Vec2,
    clock: Clock,
) -> Harness<'static, GlossApp> {
    let startup = test_startup(StartTarget::Path(path.to_path_buf()), clock);
    let mut harness = Harness::builder()
        .with_size(size)
        .build_eframe(move |cc| GlossApp::with_startup(cc, startup));
    wait_until_loaded(&mut harness);
    harness
}

/// Waits for the background opening (blocking on its thread, not polling), then draws.
pub(super) fn wait_until_loaded(harness: &mut Harness<'static, GlossApp>) {
    assert!(
        harness
            .state_mut()
            .wait_for_loading(Duration::from_secs(20)),
        "the project did not open in time"
    );
    harness.run_ok();
    harness.run_ok();
}

/// Does any widget's label or value contain `text`?
pub(super) fn ui_shows(harness: &Harness<'static, GlossApp>, text: &str) -> bool {
    harness
        .query_all_by(|node| {
            node.label().is_some_and(|l| l.contains(text))
                || node.value().is_some_and(|v| v.contains(text))
        })
        .next()
        .is_some()
}

/// The whole text of the document the window shows.
pub(super) fn current_text(harness: &Harness<'static, GlossApp>) -> String {
    harness.state().shown_text().as_str().to_owned()
}

pub(super) fn annotation_count(harness: &Harness<'static, GlossApp>) -> usize {
    harness
        .state()
        .workspace()
        .map_or(0, |w| w.project.annotations.len())
}

pub(super) fn key_for_letter(letter: char) -> Key {
    Key::from_name(&letter.to_ascii_uppercase().to_string()).expect("a letter key")
}

/// The first annotation of the document the reader shows.
pub(super) fn first_annotation_here(harness: &Harness<'static, GlossApp>) -> Annotation {
    let app = harness.state();
    let document = app.current_document().expect("a current document");
    app.workspace()
        .and_then(|w| w.project.annotations_of(document).next().cloned())
        .expect("an annotation in the current document")
}

/// Deletes the project's first annotation as the inspector would ask; returns it.
pub(super) fn delete_first_annotation(harness: &mut Harness<'static, GlossApp>) -> Annotation {
    let annotation = harness
        .state()
        .workspace()
        .and_then(|w| w.project.annotations.first().cloned())
        .expect("annotation");
    harness
        .state_mut()
        .apply_intent(Intent::DeleteAnnotation(annotation.id.clone()));
    annotation
}

/// Selects `annotation` in the list, then replaces the inspector's memo with
/// `text` by typing (the field keeps the focus: the memo is not committed yet).
pub(super) fn type_memo(
    harness: &mut Harness<'static, GlossApp>,
    annotation: &Annotation,
    text: &str,
) {
    harness
        .get_by_role_and_label(Role::Button, &annotation.anchor.exact)
        .click();
    harness.run();
    harness.get_by_label(MEMO_LABEL).focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label(MEMO_LABEL).type_text(text);
    harness.run();
}
