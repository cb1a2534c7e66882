//! Polish: exports run in the background while frames keep coming, the
//! palette finds commands first for command-like queries and keeps its width,
//! the codebook says what its counts count, and the first annotation without
//! a known coder asks who is coding (remembered).

use super::dialogs::choose_path;
use super::fixture::{
    annotation_count, open_app, press, sample_copy, test_startup, ui_shows, wait_until_loaded,
};
use egui::accesskit::Role;
use egui::{Key, Modifiers, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use gloss::app::clock::Clock;
use gloss::app::codebook_panel::TOPIC_COUNTS_CAPTION;
use gloss::app::coder_prompt::{CODER_CONFIRM_LABEL, CODER_NAME_LABEL, CODER_PROMPT_TITLE};
use gloss::app::commands::Command;
use gloss::app::intent::{Coding, Intent};
use gloss::app::palette::SEARCH_LABEL as PALETTE_SEARCH_LABEL;
use gloss::app::{GlossApp, PathPurpose, StartTarget};
use gloss::export::ExportFormat;
use gloss::model::text::CharRange;
use std::time::Duration;

#[test]
fn an_export_runs_in_the_background_and_the_window_keeps_drawing_until_it_says_done() {
    let folder = sample_copy();
    let out = tempfile::tempdir().expect("temp dir");
    let target = out.path().join("passages.xlsx");
    let mut harness = open_app(folder.path());
    harness.state_mut().use_in_app_file_picker();
    harness
        .state_mut()
        .apply_intent(Intent::Command(Command::Export(ExportFormat::Xlsx)));
    harness.run();
    assert_eq!(
        harness.state().file_picker_purpose(),
        Some(PathPurpose::Export(ExportFormat::Xlsx))
    );
    assert!(
        ui_shows(&harness, "sample-excerpts.xlsx") || ui_shows(&harness, ".xlsx"),
        "the picker proposes a file name"
    );
    // One frame: the click starts the job; its result is taken in a later frame.
    choose_path(&mut harness, &target);
    assert!(
        harness.state().is_exporting(),
        "the export runs off the UI thread"
    );
    for _ in 0..3 {
        harness.step(); // frames keep coming while it runs
    }
    assert!(harness.state_mut().wait_for_export(Duration::from_secs(30)));
    harness.run();
    assert!(
        ui_shows(&harness, "Exported"),
        "the status bar says it is done"
    );
    let bytes = std::fs::read(&target).expect("the workbook was written");
    assert!(bytes.starts_with(b"PK"), "an XLSX (zip) file");
}

#[test]
fn typing_import_in_the_palette_finds_the_import_command_first() {
    let folder = sample_copy();
    let mut harness = open_app(folder.path());
    harness.state_mut().use_in_app_file_picker();
    press(&mut harness, Modifiers::COMMAND, Key::P);
    harness
        .get_by_label(PALETTE_SEARCH_LABEL)
        .type_text("import");
    harness.run();
    press(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(
        harness.state().file_picker_purpose(),
        Some(PathPurpose::Import),
        "Enter ran the first row: the Import command"
    );
}

#[test]
fn the_palette_keeps_its_width_while_typing() {
    let folder = sample_copy();
    let mut harness = open_app(folder.path());
    press(&mut harness, Modifiers::COMMAND, Key::P);
    let empty_width = harness.get_by_label(PALETTE_SEARCH_LABEL).rect().width();
    for query in ["d", "doc", "zzzz nothing matches", "cooperation"] {
        harness.get_by_label(PALETTE_SEARCH_LABEL).type_text(query);
        harness.run();
        let width = harness.get_by_label(PALETTE_SEARCH_LABEL).rect().width();
        assert!(
            (width - empty_width).abs() < 0.5,
            "after {query:?}: {width} instead of {empty_width}"
        );
    }
}

#[test]
fn the_palette_fits_a_small_window() {
    let folder = sample_copy();
    let mut harness = super::fixture::open_app_sized(folder.path(), vec2(800.0, 600.0));
    press(&mut harness, Modifiers::COMMAND, Key::P);
    let field = harness.get_by_label(PALETTE_SEARCH_LABEL).rect();
    assert!(field.left() >= 0.0 && field.right() <= 800.0, "{field:?}");
}

#[test]
fn the_codebook_says_its_counts_leave_sub_topics_out() {
    let folder = sample_copy();
    let mut harness = open_app(folder.path());
    harness
        .get_by_role_and_label(Role::Button, "Codebook")
        .click();
    harness.run();
    assert!(ui_shows(&harness, TOPIC_COUNTS_CAPTION));
}

/// A window on a copy of the sample that does not know who is coding.
fn open_without_coder(folder: &std::path::Path) -> Harness<'static, GlossApp> {
    let mut startup = test_startup(StartTarget::Path(folder.to_path_buf()), Clock::system());
    startup.coder = String::new();
    let mut harness = Harness::builder()
        .with_size(vec2(1280.0, 800.0))
        .build_eframe(move |cc| GlossApp::with_startup(cc, startup));
    wait_until_loaded(&mut harness);
    harness
}

fn create_annotation(harness: &mut Harness<'static, GlossApp>, start: usize) {
    let document = harness
        .state()
        .current_document()
        .expect("a document")
        .clone();
    harness.state_mut().apply_intent(Intent::CreateAnnotation {
        document,
        range: CharRange::new(start, start + 12),
        coding: Coding::default(),
        new_codes: Vec::new(),
    });
    harness.run();
}

#[test]
fn the_first_annotation_without_a_known_coder_asks_who_is_coding_and_remembers_it() {
    let folder = sample_copy();
    let mut harness = open_without_coder(folder.path());
    let before = annotation_count(&harness);
    create_annotation(&mut harness, 0);
    assert!(ui_shows(&harness, CODER_PROMPT_TITLE));
    assert_eq!(
        annotation_count(&harness),
        before,
        "the edit waits for the name"
    );
    let prefilled = harness
        .get_by_label(CODER_NAME_LABEL)
        .value()
        .unwrap_or_default();
    assert!(
        !prefilled.trim().is_empty(),
        "prefilled from the environment"
    );

    harness.get_by_label(CODER_NAME_LABEL).focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_label(CODER_NAME_LABEL)
        .type_text("Mira Jovanović");
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, CODER_CONFIRM_LABEL)
        .click();
    harness.run();

    assert!(!ui_shows(&harness, CODER_PROMPT_TITLE));
    assert_eq!(annotation_count(&harness), before + 1);
    let newest = |harness: &Harness<'static, GlossApp>| {
        harness
            .state()
            .workspace()
            .expect("a project")
            .project
            .annotations
            .iter()
            .max_by(|a, b| a.created.cmp(&b.created))
            .map(|a| a.coder.clone())
    };
    assert!(
        harness
            .state()
            .workspace()
            .expect("a project")
            .project
            .annotations
            .iter()
            .any(|a| a.coder == "Mira Jovanović"),
        "the waiting annotation records the name"
    );
    assert_eq!(
        harness.state().preferences().coder.as_deref(),
        Some("Mira Jovanović"),
        "remembered in the preferences"
    );
    assert_eq!(harness.state().coder(), "Mira Jovanović");

    create_annotation(&mut harness, 40);
    assert!(!ui_shows(&harness, CODER_PROMPT_TITLE), "asked once");
    assert_eq!(annotation_count(&harness), before + 2);
    assert!(newest(&harness).is_some());
}

#[test]
fn cancelling_the_coder_prompt_drops_the_edit_and_says_so() {
    let folder = sample_copy();
    let mut harness = open_without_coder(folder.path());
    let before = annotation_count(&harness);
    create_annotation(&mut harness, 0);
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(!ui_shows(&harness, CODER_PROMPT_TITLE));
    assert_eq!(annotation_count(&harness), before);
    assert!(ui_shows(&harness, "needs to know who is coding"));
}
