//! The real Gloss window (`GlossApp`) driven through egui_kittest like a user
//! would: widgets found by AccessKit role and label, text selected with the
//! mouse, the tag popup and shortcuts operated by keyboard, files checked on disk.
//!
//! Each test works on its own copy of the sample project in a temporary folder;
//! the user's data and config folders point to a temporary folder too. Time
//! that matters (autosave) runs on a manual clock the test advances: no test
//! waits on wall time.

use egui::accesskit::Role;
use egui::{Event, Key, Modifiers, PointerButton, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use gloss::app::clock::Clock;
use gloss::app::codebook_panel::{NAME_FIELD_LABEL, NEW_NAME_FIELD_LABEL};
use gloss::app::commands::Command;
use gloss::app::inspector::{DELETE_LABEL, MEMO_LABEL};
use gloss::app::palette::SEARCH_LABEL as PALETTE_SEARCH_LABEL;
use gloss::app::session::SaveState;
use gloss::app::tag_popup::{numbered_topics, stance_keys};
use gloss::app::{GlossApp, StartTarget, Startup};
use gloss::model::ids::{StanceId, TopicId};
use gloss::model::text::{ByteOffset, CharOffset, CharRange};
use gloss::storage::UserDirs;
use std::path::Path;
use std::sync::OnceLock;
use std::time::Duration;

/// The user's data and config folders of the tests' windows: a temporary
/// folder (one per process), never the real ones.
fn test_user_dirs() -> UserDirs {
    static USER_DIRS: OnceLock<tempfile::TempDir> = OnceLock::new();
    let dir = USER_DIRS.get_or_init(|| tempfile::tempdir().expect("temp dir"));
    UserDirs {
        data: dir.path().join("data"),
        config: dir.path().join("config"),
    }
}

/// How the tests start the window: on `target`, with the tests' folders and coder.
fn test_startup(target: StartTarget, clock: Clock) -> Startup {
    Startup {
        target,
        clock,
        user_dirs: Some(test_user_dirs()),
        coder: "tester".to_owned(),
    }
}

/// A fresh copy of the sample project (documents and gloss.json).
fn sample_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    gloss::storage::write_sample(dir.path()).expect("write sample");
    dir
}

fn open_app(path: &Path) -> Harness<'static, GlossApp> {
    open_app_sized(path, vec2(1280.0, 800.0))
}

fn open_app_sized(path: &Path, size: egui::Vec2) -> Harness<'static, GlossApp> {
    open_app_with_clock(path, size, Clock::system())
}

fn open_app_with_clock(path: &Path, size: egui::Vec2, clock: Clock) -> Harness<'static, GlossApp> {
    let startup = test_startup(StartTarget::Path(path.to_path_buf()), clock);
    let mut harness = Harness::builder()
        .with_size(size)
        .build_eframe(move |cc| GlossApp::with_startup(cc, startup));
    wait_until_loaded(&mut harness);
    harness
}

/// Waits for the background opening (blocking on its thread, not polling), then draws.
fn wait_until_loaded(harness: &mut Harness<'static, GlossApp>) {
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
fn ui_shows(harness: &Harness<'static, GlossApp>, text: &str) -> bool {
    harness
        .query_all_by(|node| {
            node.label().is_some_and(|l| l.contains(text))
                || node.value().is_some_and(|v| v.contains(text))
        })
        .next()
        .is_some()
}

fn current_text(harness: &Harness<'static, GlossApp>) -> String {
    let app = harness.state();
    let document = app.current_document().expect("a current document");
    app.workspace()
        .and_then(|w| w.text(document))
        .expect("text")
        .text
        .as_str()
        .to_owned()
}

/// Start of `needle` in the current document, in chars.
fn find_chars(harness: &Harness<'static, GlossApp>, needle: &str) -> usize {
    let app = harness.state();
    let document = app.current_document().expect("a current document");
    let text = &app
        .workspace()
        .and_then(|w| w.text(document))
        .expect("text")
        .text;
    let byte = text.as_str().find(needle).expect("needle in text");
    text.char_offset(ByteOffset(byte)).expect("char boundary").0
}

fn caret_point(harness: &Harness<'static, GlossApp>, offset: usize) -> Pos2 {
    harness
        .state()
        .reader_state()
        .char_screen_rect(CharOffset(offset))
        .expect("char on screen")
        .center()
}

/// Selects from `from` to `to` with a mouse drag.
fn drag(harness: &mut Harness<'static, GlossApp>, from: Pos2, to: Pos2) {
    harness.hover_at(from);
    harness.drag_at(from);
    harness.step();
    harness.hover_at(from + (to - from) * 0.5);
    harness.step();
    harness.hover_at(to);
    harness.step();
    harness.event(Event::PointerButton {
        pos: to,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    harness.run();
}

fn press(harness: &mut Harness<'static, GlossApp>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run();
}

fn annotation_count(harness: &Harness<'static, GlossApp>) -> usize {
    harness
        .state()
        .workspace()
        .map_or(0, |w| w.project.annotations.len())
}

fn key_for_letter(letter: char) -> Key {
    Key::from_name(&letter.to_ascii_uppercase().to_string()).expect("a letter key")
}

/// The tag popup's first numbered topic, the "critical" stance and its key.
fn first_topic_and_critical_stance(
    harness: &Harness<'static, GlossApp>,
) -> (TopicId, StanceId, char) {
    let codebook = &harness
        .state()
        .workspace()
        .expect("workspace")
        .project
        .codebook;
    let first_topic = numbered_topics(codebook)[0].clone();
    let critical = codebook
        .stance_by_name("critical")
        .expect("critical stance")
        .id
        .clone();
    let critical_key = stance_keys(codebook)
        .into_iter()
        .find(|(id, _)| *id == critical)
        .and_then(|(_, key)| key)
        .expect("critical has a key");
    (first_topic, critical, critical_key)
}

#[test]
fn code_a_passage_undo_redo_save_and_reopen() {
    let folder = sample_copy();
    let mut harness = open_app(folder.path());
    let before = annotation_count(&harness);
    let phrase = "a beautiful fairy tale";
    let start = find_chars(&harness, phrase);
    let end = start + phrase.chars().count();
    let (from, to) = (caret_point(&harness, start), caret_point(&harness, end));
    drag(&mut harness, from, to);
    assert_eq!(
        harness.state().reader_state().selection(),
        Some(CharRange::new(start, end))
    );
    assert!(
        harness.state().reader_state().is_tag_popup_open(),
        "the tag popup opens"
    );

    // The first numbered topic, then the "critical" stance by its key, then Enter.
    let (first_topic, critical, critical_key) = first_topic_and_critical_stance(&harness);
    press(&mut harness, Modifiers::NONE, Key::Num1);
    press(&mut harness, Modifiers::NONE, key_for_letter(critical_key));
    press(&mut harness, Modifiers::NONE, Key::Enter);

    assert_eq!(
        annotation_count(&harness),
        before + 1,
        "one annotation was created"
    );
    let created = |harness: &Harness<'static, GlossApp>| {
        harness.state().workspace().and_then(|w| {
            w.project
                .annotations
                .iter()
                .find(|a| a.range() == CharRange::new(start, end))
                .cloned()
        })
    };
    let annotation = created(&harness).expect("the new annotation");
    assert_eq!(annotation.anchor.exact, phrase);
    assert_eq!(annotation.topics, vec![first_topic.clone()]);
    assert_eq!(annotation.stance, Some(critical.clone()));
    assert_eq!(
        harness.state().selected_annotation(),
        Some(&annotation.id),
        "the new annotation is selected"
    );
    assert!(harness.state().session().expect("session").is_dirty());
    assert!(
        harness.state().window_title().starts_with("• gloss.json"),
        "title: {}",
        harness.state().window_title()
    );
    // The Edit menu names the step; choosing it undoes.
    harness.get_by_role_and_label(Role::Button, "Edit").click();
    harness.run();
    harness.get_by_label_contains("Undo add annotation").click();
    harness.run();
    assert_eq!(annotation_count(&harness), before);

    // Redo brings it back, undo removes it (Ctrl+Shift+Z, Ctrl+Z, Ctrl+Y).
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(annotation_count(&harness), before + 1);
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(annotation_count(&harness), before);
    assert!(created(&harness).is_none());
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(annotation_count(&harness), before + 1);
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(annotation_count(&harness), before);
    press(&mut harness, Modifiers::COMMAND, Key::Y);
    assert_eq!(annotation_count(&harness), before + 1);

    // Ctrl+S writes the file.
    press(&mut harness, Modifiers::COMMAND, Key::S);
    assert_eq!(
        harness.state().session().expect("session").save_state(),
        SaveState::Saved
    );
    assert!(!harness.state().window_title().starts_with('•'));
    let on_disk = std::fs::read_to_string(folder.path().join("gloss.json")).expect("saved file");
    assert!(
        on_disk.contains(&format!("\"exact\": \"{phrase}\"")),
        "the quote is in the file"
    );
    drop(harness);

    // Reopen: the annotation is there with exactly the selected text, and the list shows it.
    let mut reopened = open_app(folder.path());
    assert_eq!(annotation_count(&reopened), before + 1);
    let found = created(&reopened).expect("annotation after reopening");
    assert_eq!(found.anchor.exact, phrase);
    assert_eq!(found.topics, vec![first_topic]);
    assert_eq!(found.stance, Some(critical));
    reopened.get_by_role_and_label(Role::Button, phrase).click();
    reopened.run();
    assert_eq!(reopened.state().selected_annotation(), Some(&found.id));
}

#[test]
fn renaming_a_topic_in_the_codebook_shows_the_new_name() {
    let folder = sample_copy();
    let mut harness = open_app(folder.path());
    // An annotation of the current document that has a topic: select it so its topics are shown.
    let (annotation, topic) = {
        let app = harness.state();
        let workspace = app.workspace().expect("workspace");
        let document = app.current_document().expect("document");
        let annotation = workspace
            .project
            .annotations_of(document)
            .find(|a| !a.topics.is_empty())
            .expect("a coded annotation")
            .clone();
        let topic = workspace
            .project
            .codebook
            .topic(&annotation.topics[0])
            .expect("topic")
            .clone();
        (annotation, topic)
    };
    harness
        .get_by_role_and_label(Role::Button, &annotation.anchor.exact)
        .click();
    harness.run();
    assert_eq!(harness.state().selected_annotation(), Some(&annotation.id));

    harness
        .get_by_role_and_label(Role::Button, "Codebook")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, &topic.name)
        .click();
    harness.run();
    let new_name = "Pandemic diplomacy (renamed)";
    let field = harness.get_by_label(NAME_FIELD_LABEL);
    field.focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label(NAME_FIELD_LABEL).type_text(new_name);
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Rename")
        .click();
    harness.run();

    let renamed = harness
        .state()
        .workspace()
        .and_then(|w| w.project.codebook.topic(&topic.id))
        .expect("topic")
        .name
        .clone();
    assert_eq!(renamed, new_name);
    assert!(
        harness
            .query_by_role_and_label(Role::Button, &topic.name)
            .is_none(),
        "old name gone from the tree"
    );
    harness.get_by_role_and_label(Role::Button, new_name);
    // The inspector and the annotation list show the new name too.
    assert!(ui_shows(&harness, new_name));
    // One undo step brings the old name back.
    harness
        .get_by_role_and_label(Role::Button, "Documents")
        .click();
    harness.run();
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(ui_shows(&harness, &topic.name));
    assert!(!ui_shows(&harness, new_name));
}

#[test]
fn codebook_topics_are_added_and_deleted_with_a_choice_for_their_annotations() {
    let folder = sample_copy();
    let mut harness = open_app(folder.path());
    harness
        .get_by_role_and_label(Role::Button, "Codebook")
        .click();
    harness.run();

    // Add a topic.
    harness.get_by_label(NEW_NAME_FIELD_LABEL).focus();
    harness.run();
    harness
        .get_by_label(NEW_NAME_FIELD_LABEL)
        .type_text("Energy");
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Add").click();
    harness.run();
    let codebook = |harness: &Harness<'static, GlossApp>| {
        harness
            .state()
            .workspace()
            .expect("workspace")
            .project
            .codebook
            .clone()
    };
    assert!(codebook(&harness).topic_by_name("Energy").is_some());
    harness.get_by_role_and_label(Role::Button, "Energy");

    // Delete a used topic, keeping its annotations (the default choice).
    let topic = codebook(&harness)
        .topic_by_name("Vaccine diplomacy")
        .expect("topic")
        .clone();
    let users: Vec<_> = harness
        .state()
        .workspace()
        .expect("workspace")
        .project
        .annotations
        .iter()
        .filter(|a| a.topics.contains(&topic.id))
        .map(|a| a.id.clone())
        .collect();
    assert!(!users.is_empty());
    let before = annotation_count(&harness);
    // The new topic was scrolled into view; scroll back up to this one.
    harness
        .get_by_role_and_label(Role::Button, &topic.name)
        .scroll_to_me();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, &topic.name)
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Delete topic…")
        .click();
    harness.run();
    assert!(ui_shows(&harness, "What should happen to them?"));
    harness
        .get_by_role_and_label(Role::Button, "Delete")
        .click();
    harness.run();
    assert!(
        codebook(&harness).topic(&topic.id).is_none(),
        "topic deleted"
    );
    assert_eq!(annotation_count(&harness), before, "annotations kept");
    for id in &users {
        let annotation = harness
            .state()
            .workspace()
            .and_then(|w| w.annotation(id))
            .expect("kept");
        assert!(!annotation.topics.contains(&topic.id));
    }

    // One undo brings back the topic and its uses.
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(codebook(&harness).topic(&topic.id).is_some());
    for id in &users {
        let annotation = harness
            .state()
            .workspace()
            .and_then(|w| w.annotation(id))
            .expect("kept");
        assert!(annotation.topics.contains(&topic.id));
    }
}

#[test]
fn delete_an_annotation_and_undo_it() {
    let folder = sample_copy();
    let mut harness = open_app(folder.path());
    let before = annotation_count(&harness);
    let annotation = {
        let app = harness.state();
        let document = app.current_document().expect("document");
        app.workspace()
            .and_then(|w| w.project.annotations_of(document).next().cloned())
            .expect("an annotation in the first document")
    };
    harness
        .get_by_role_and_label(Role::Button, &annotation.anchor.exact)
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, DELETE_LABEL)
        .click();
    harness.run();
    assert_eq!(annotation_count(&harness), before - 1);
    assert!(
        harness
            .query_by_role_and_label(Role::Button, &annotation.anchor.exact)
            .is_none()
    );
    assert!(harness.state().selected_annotation().is_none());

    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(annotation_count(&harness), before);
    harness.get_by_role_and_label(Role::Button, &annotation.anchor.exact);
    let restored = harness
        .state()
        .workspace()
        .and_then(|w| w.annotation(&annotation.id).cloned())
        .expect("restored");
    assert_eq!(restored, annotation, "undo restores the annotation exactly");
}

#[test]
fn the_memo_is_edited_in_the_inspector_as_one_undo_step() {
    let folder = sample_copy();
    let mut harness = open_app(folder.path());
    let annotation = {
        let app = harness.state();
        let document = app.current_document().expect("document");
        app.workspace()
            .and_then(|w| w.project.annotations_of(document).next().cloned())
            .expect("annotation")
    };
    harness
        .get_by_role_and_label(Role::Button, &annotation.anchor.exact)
        .click();
    harness.run();
    harness.get_by_label(MEMO_LABEL).focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_label(MEMO_LABEL)
        .type_text("Framing of EU aid as absent.");
    harness.run();
    // Typing alone changes nothing; leaving the field commits the memo.
    let memo_now = |harness: &Harness<'static, GlossApp>| {
        harness
            .state()
            .workspace()
            .and_then(|w| w.annotation(&annotation.id))
            .expect("annotation")
            .memo
            .clone()
    };
    assert_eq!(memo_now(&harness), annotation.memo);
    harness
        .get_by_role_and_label(Role::Button, "Documents")
        .click();
    harness.run();
    assert_eq!(memo_now(&harness), "Framing of EU aid as absent.");

    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(memo_now(&harness), annotation.memo);
    assert_eq!(
        harness.get_by_label(MEMO_LABEL).value().as_deref(),
        Some(annotation.memo.as_str()),
        "the field shows the restored memo"
    );
}

#[test]
fn a_memo_still_being_typed_is_saved_by_ctrl_s() {
    let folder = sample_copy();
    let mut harness = open_app(folder.path());
    let annotation = {
        let app = harness.state();
        let document = app.current_document().expect("document");
        app.workspace()
            .and_then(|w| w.project.annotations_of(document).next().cloned())
            .expect("annotation")
    };
    harness
        .get_by_role_and_label(Role::Button, &annotation.anchor.exact)
        .click();
    harness.run();
    harness.get_by_label(MEMO_LABEL).focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_label(MEMO_LABEL)
        .type_text("Typed, not yet committed");
    harness.run();
    press(&mut harness, Modifiers::COMMAND, Key::S);
    let on_disk = std::fs::read_to_string(folder.path().join("gloss.json")).expect("read");
    assert!(
        on_disk.contains("Typed, not yet committed"),
        "the memo was saved"
    );
}

/// Serbian in both alphabets, with every letter Latin and Cyrillic Serbian add.
const SERBIAN_TEXT: &str = "Vučić, Đilas, Šabac, Žabljak, Ćuprija, Ljig, Njegoš, Džep — Вучић, Ђилас, Шабац, Жабљак, Ћуприја, Љиг, Његош, Џеп.";
const ARABIC_TEXT: &str = "مرحبا بكم في بلغراد";
const CHINESE_TEXT: &str = "习近平";
/// Symbols the interface draws itself (arrows, quotes, dashes, separators…).
const INTERFACE_SYMBOLS: &str = "×→…—–“”≤·";
/// The menus' check mark: no bundled font has it, so it comes from the
/// system's fonts like Chinese does (a box where the system has none either).
const SYSTEM_FONT_SYMBOLS: &str = "✔";

/// A context with the fonts the theme installs, built (fonts exist after a first pass).
fn themed_fonts() -> egui::Context {
    let ctx = egui::Context::default();
    gloss::app::theme::install(&ctx);
    let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
    output.textures_delta.clear();
    ctx
}

/// The characters of `text` that no installed font of `family` has. Asks the
/// font data, not the renderer: the theme's placeholder glyph does not count.
fn missing_glyphs(ctx: &egui::Context, family: &egui::FontFamily, text: &str) -> Vec<char> {
    let font = egui::FontId::new(14.0, family.clone());
    let mut missing: Vec<char> = ctx.fonts_mut(|fonts| {
        text.chars()
            .filter(|c| !c.is_control() && !c.is_whitespace())
            .filter(|c| !fonts.has_glyph(&font, *c))
            .collect()
    });
    missing.sort_unstable();
    missing.dedup();
    missing
}

#[test]
fn the_bundled_fonts_cover_the_sample_the_interface_serbian_and_arabic() {
    let ctx = themed_fonts();
    let proportional = egui::FontFamily::Proportional;
    let mut texts: Vec<String> = gloss::sample::SAMPLE_DOCUMENTS
        .iter()
        .map(|(_, contents)| (*contents).to_owned())
        .collect();
    texts.push(gloss::sample::SAMPLE_PROJECT_JSON.to_owned());
    texts.extend(Command::ALL.iter().map(|command| command.full_label()));
    texts.extend([SERBIAN_TEXT, ARABIC_TEXT, INTERFACE_SYMBOLS].map(str::to_owned));
    for text in &texts {
        let missing = missing_glyphs(&ctx, &proportional, text);
        assert!(missing.is_empty(), "no bundled font has {missing:?}");
    }
    // The shortcuts window shows keys in the monospace family.
    let keys: String = Command::ALL
        .iter()
        .filter_map(|command| command.shortcut_text(&ctx))
        .collect();
    let missing = missing_glyphs(&ctx, &egui::FontFamily::Monospace, &keys);
    assert!(missing.is_empty(), "no monospace font has {missing:?}");
}

#[test]
fn chinese_and_the_check_mark_are_left_to_the_system_fonts() {
    // The bundled fonts have neither: the window asks the system's fonts…
    assert!(gloss::app::native_options().system_font_fallback);
    // …and the coverage check above is not fooled by the drawn placeholder box.
    let ctx = themed_fonts();
    for text in [CHINESE_TEXT, SYSTEM_FONT_SYMBOLS] {
        let missing = missing_glyphs(&ctx, &egui::FontFamily::Proportional, text);
        assert_eq!(missing.len(), text.chars().count(), "{text}");
    }
}

#[test]
fn a_folder_of_mixed_scripts_opens_with_its_text_intact_and_nothing_written() {
    let folder = tempfile::tempdir().expect("temp dir");
    let text = format!("{CHINESE_TEXT} visited Belgrade.\n\n{ARABIC_TEXT}\n\n{SERBIAN_TEXT}\n");
    std::fs::write(folder.path().join("mixed-scripts.txt"), &text).expect("write");
    let harness = open_app(folder.path());
    assert_eq!(current_text(&harness), text);
    // A folder without gloss.json is not written to until the first edit.
    drop(harness);
    assert!(
        !folder.path().join("gloss.json").exists(),
        "nothing was written"
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

#[test]
fn a_failed_save_is_shown_and_keeps_the_edits() {
    let folder = sample_copy();
    let mut harness = open_app(folder.path());
    let annotation = harness
        .state()
        .workspace()
        .and_then(|w| w.project.annotations.first().cloned())
        .expect("annotation");
    harness
        .state_mut()
        .apply_intent(gloss::app::intent::Intent::DeleteAnnotation(
            annotation.id.clone(),
        ));
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
    let annotation = harness
        .state()
        .workspace()
        .and_then(|w| w.project.annotations.first().cloned())
        .expect("annotation");
    harness
        .state_mut()
        .apply_intent(gloss::app::intent::Intent::DeleteAnnotation(
            annotation.id.clone(),
        ));
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
    let annotation = harness
        .state()
        .workspace()
        .and_then(|w| w.project.annotations.first().cloned())
        .expect("annotation");
    harness
        .state_mut()
        .apply_intent(gloss::app::intent::Intent::DeleteAnnotation(
            annotation.id.clone(),
        ));
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
    let annotation = second
        .state()
        .workspace()
        .and_then(|w| w.project.annotations.first().cloned())
        .expect("annotation");
    second
        .state_mut()
        .apply_intent(gloss::app::intent::Intent::DeleteAnnotation(annotation.id));
    second.run_ok();
    assert_eq!(
        annotation_count(&second),
        before,
        "no edits in a read-only window"
    );
    drop(first);
}

#[test]
fn the_palette_opens_a_document_by_fuzzy_title() {
    let folder = sample_copy();
    let mut harness = open_app(folder.path());
    press(&mut harness, Modifiers::COMMAND, Key::P);
    harness
        .get_by_label(PALETTE_SEARCH_LABEL)
        .type_text("tlcom cooperation");
    harness.run();
    press(&mut harness, Modifiers::NONE, Key::Enter);
    let current = harness
        .state()
        .current_document()
        .expect("document")
        .clone();
    assert_eq!(current.as_str(), "doc-globaltimes-telecom");
    assert!(
        harness.query_by_label(PALETTE_SEARCH_LABEL).is_none(),
        "the palette closed"
    );
}

#[test]
fn the_document_filter_matches_fuzzily_on_attributes() {
    let folder = sample_copy();
    let mut harness = open_app(folder.path());
    let all = harness
        .state()
        .workspace()
        .expect("workspace")
        .project
        .documents
        .len();
    assert!(all >= 5);
    harness
        .get_by_label(gloss::app::documents::FILTER_LABEL)
        .focus();
    harness.run();
    harness
        .get_by_label(gloss::app::documents::FILTER_LABEL)
        .type_text("zhang hui");
    harness.run();
    let titles: Vec<String> = harness
        .state()
        .workspace()
        .expect("workspace")
        .project
        .documents
        .iter()
        .map(|d| d.title().to_owned())
        .collect();
    let shown: Vec<&String> = titles
        .iter()
        .filter(|title| {
            harness
                .query_by_role_and_label(Role::Button, title)
                .is_some()
        })
        .collect();
    assert_eq!(shown.len(), 1, "only the article by Zhang Hui: {shown:?}");
    assert!(shown[0].contains("telecommunication"));
}

/// A file dropped onto the window, as the windowing integration would report it.
#[derive(Debug)]
struct DroppedPath(std::path::PathBuf);

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
fn zoom_shortcuts_change_the_reading_size() {
    let folder = sample_copy();
    let mut harness = open_app(folder.path());
    let initial = harness.state().preferences().reader_font_points;
    press(&mut harness, Modifiers::COMMAND, Key::Plus);
    press(&mut harness, Modifiers::COMMAND, Key::Equals);
    assert_eq!(
        harness.state().preferences().reader_font_points,
        initial + 2.0
    );
    press(&mut harness, Modifiers::COMMAND, Key::Minus);
    assert_eq!(
        harness.state().preferences().reader_font_points,
        initial + 1.0
    );
    press(&mut harness, Modifiers::COMMAND, Key::Num0);
    assert_eq!(harness.state().preferences().reader_font_points, initial);
}

#[test]
fn every_command_has_a_label_a_menu_or_a_shortcut_and_no_shortcut_is_shared() {
    let mut seen: Vec<(egui::KeyboardShortcut, Command)> = Vec::new();
    for command in Command::ALL {
        assert!(!command.label().is_empty());
        let shortcuts: Vec<egui::KeyboardShortcut> = command
            .shortcut()
            .into_iter()
            .chain(command.alternative_shortcuts().iter().copied())
            .collect();
        assert!(
            command.menu() != gloss::app::commands::Menu::None || !shortcuts.is_empty(),
            "{command:?} is unreachable"
        );
        for shortcut in shortcuts {
            if let Some((_, other)) = seen.iter().find(|(s, _)| *s == shortcut) {
                panic!("{command:?} and {other:?} share a shortcut");
            }
            seen.push((shortcut, command));
        }
    }
}

#[test]
fn every_export_format_is_a_command_under_file_export_and_in_the_palette() {
    use gloss::app::commands::{EXPORT_SUBMENU, Menu};
    use gloss::app::palette::{PaletteEntry, palette_results};
    use gloss::export::ExportFormat;
    let ctx = egui::Context::default();
    for format in ExportFormat::ALL {
        let command = Command::Export(format);
        assert!(Command::ALL.contains(&command), "{format:?} has no command");
        assert_eq!(command.menu(), Menu::File);
        assert_eq!(command.submenu(), Some(EXPORT_SUBMENU));
        let query = command.full_label();
        let results = palette_results(&query, None, &[], &ctx);
        assert_eq!(
            results.first().map(|r| &r.entry),
            Some(&PaletteEntry::Command(command)),
            "the palette finds {query}"
        );
    }
}

#[test]
fn the_file_menu_offers_the_exports_of_an_open_project() {
    let folder = sample_copy();
    let mut harness = open_app(folder.path());
    harness.get_by_role_and_label(Role::Button, "File").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, gloss::app::commands::EXPORT_SUBMENU)
        .hover();
    harness.run();
    let csv = Command::Export(gloss::export::ExportFormat::Csv);
    harness.get_by_role_and_label(Role::Button, csv.label());
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

/// Saved searches are offered by the command palette and run in the search panel.
#[test]
fn saved_searches_appear_in_the_palette() {
    use gloss::app::palette::{PaletteEntry, palette_results};
    use gloss::model::search::{SavedSearch, SearchQuery};
    let saved = vec![
        SavedSearch {
            name: "Vučić quotes".into(),
            query: SearchQuery {
                text: "vucic".into(),
                ..SearchQuery::default()
            },
        },
        SavedSearch {
            name: "Smederevo steel".into(),
            query: SearchQuery {
                text: "Smederevo".into(),
                ..SearchQuery::default()
            },
        },
    ];
    let ctx = egui::Context::default();
    let results = palette_results("smeder", None, &saved, &ctx);
    let first = results.first().expect("a match");
    assert_eq!(first.entry, PaletteEntry::SavedSearch(1));
    assert_eq!(first.kind, "saved search");
    assert_eq!(first.detail, "Smederevo");
    let all = palette_results("", None, &saved, &ctx);
    let listed = all
        .iter()
        .filter(|r| matches!(r.entry, PaletteEntry::SavedSearch(_)))
        .count();
    assert_eq!(listed, 2);
}

#[cfg(feature = "snapshots")]
mod snapshots {
    use super::*;
    use std::path::PathBuf;

    fn snapshot_window(theme: egui::Theme, name: &str) {
        let folder = sample_copy();
        let path: PathBuf = folder.path().to_path_buf();
        let mut harness = Harness::builder()
            .with_size(vec2(1280.0, 800.0))
            .with_theme(theme)
            .build_eframe(move |cc| {
                GlossApp::with_startup(cc, test_startup(StartTarget::Path(path), Clock::system()))
            });
        wait_until_loaded(&mut harness);
        // A selected annotation fills the inspector.
        let first = harness
            .state()
            .current_document()
            .and_then(|d| {
                harness
                    .state()
                    .workspace()
                    .and_then(|w| w.project.annotations_of(d).next().cloned())
            })
            .expect("annotation");
        harness
            .get_by_role_and_label(Role::Button, &first.anchor.exact)
            .click();
        harness.run_ok();
        // The "Opened <temporary folder>" message differs on every run.
        harness.state_mut().dismiss_notice();
        harness.remove_cursor();
        harness.run_ok();
        harness.snapshot(name);
    }

    #[test]
    fn codebook_panel_light() {
        let folder = sample_copy();
        let path: PathBuf = folder.path().to_path_buf();
        let mut harness = Harness::builder()
            .with_size(vec2(1280.0, 800.0))
            .with_theme(egui::Theme::Light)
            .build_eframe(move |cc| {
                GlossApp::with_startup(cc, test_startup(StartTarget::Path(path), Clock::system()))
            });
        wait_until_loaded(&mut harness);
        harness
            .get_by_role_and_label(Role::Button, "Codebook")
            .click();
        harness.run_ok();
        harness
            .get_by_role_and_label(Role::Button, "Health and COVID diplomacy")
            .click();
        harness.run_ok();
        harness.state_mut().dismiss_notice();
        harness.remove_cursor();
        harness.run_ok();
        harness.snapshot("codebook_panel_light");
    }

    #[test]
    fn window_light() {
        snapshot_window(egui::Theme::Light, "window_light");
    }

    #[test]
    fn window_dark() {
        snapshot_window(egui::Theme::Dark, "window_dark");
    }
}
