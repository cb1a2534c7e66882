//! Footnotes in the window, on the sample's policy paper (text extracted from a
//! PDF, with footnote blocks between the lines of a paragraph): the paragraph
//! reads as one, the notes are drawn below it, and passages in a note, after
//! it and across it are coded, saved and found at their real offsets.

use super::fixture::{
    caret_point, click, drag, find_chars, inside_char, open_app, press, sample_copy,
};
use egui::{Key, Modifiers, PointerButton};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use gloss::app::GlossApp;
use gloss::app::intent::Intent;
use gloss::model::format::project_from_json;
use gloss::model::ids::DocumentId;
use gloss::model::text::{CharOffset, CharRange};
use std::path::Path;

const PAPER: &str = "doc-paper-serbia-china";

/// The window on the policy paper, scrolled to the paragraph the notes interrupt.
fn open_at_the_notes(folder: &Path) -> Harness<'static, GlossApp> {
    let mut harness = open_app(folder);
    harness.state_mut().apply_intent(Intent::OpenDocument {
        document: DocumentId::from(PAPER),
        reveal: None,
    });
    harness.run();
    let start = find_chars(&harness, "In a representative opinion poll");
    let end = find_chars(&harness, "Southeast \nEuropean");
    harness.state_mut().apply_intent(Intent::OpenDocument {
        document: DocumentId::from(PAPER),
        reveal: Some(CharRange::new(start, end)),
    });
    harness.run();
    harness
}

fn screen_rect(harness: &Harness<'static, GlossApp>, offset: usize) -> egui::Rect {
    harness
        .state()
        .reader_state()
        .char_screen_rect(CharOffset(offset))
        .expect("on screen")
}

/// Codes the current selection with the first numbered topic; returns the new
/// annotation's range and quote as saved in gloss.json.
fn code_and_save(harness: &mut Harness<'static, GlossApp>, folder: &Path) -> (CharRange, String) {
    let selection = harness
        .state()
        .reader_state()
        .selection()
        .expect("a selection");
    if !harness.state().reader_state().is_tag_popup_open() {
        press(harness, Modifiers::NONE, Key::Enter);
    }
    assert!(harness.state().reader_state().is_tag_popup_open());
    press(harness, Modifiers::NONE, Key::Num1);
    press(harness, Modifiers::NONE, Key::Enter);
    press(harness, Modifiers::COMMAND, Key::S);
    let on_disk = std::fs::read_to_string(folder.join("gloss.json")).expect("saved file");
    let project = project_from_json(&on_disk).expect("project");
    let paper = DocumentId::from(PAPER);
    let saved = project
        .annotations_of(&paper)
        .find(|annotation| annotation.range() == selection)
        .expect("the coded passage is saved at the selection's offsets");
    (saved.range(), saved.anchor.exact.clone())
}

#[test]
fn the_interrupted_paragraph_reads_as_one_with_its_notes_below() {
    let folder = sample_copy();
    let harness = open_at_the_notes(folder.path());
    let friend_end =
        find_chars(&harness, "“biggest friend”,") + "“biggest friend”,".chars().count();
    let followed = find_chars(&harness, " followed by the “new brother”") + 1;
    let paragraph_end = find_chars(&harness, "with Russia and China.29") + 22;
    let note = find_chars(&harness, "25  Nevenka Čavlek");
    let (before, after) = (
        screen_rect(&harness, friend_end),
        screen_rect(&harness, followed),
    );
    // The text after the notes continues the row the text before them ends.
    assert!((before.center().y - after.center().y).abs() < 0.5);
    assert!(after.left() > before.left());
    // The notes are drawn after the paragraph's end, smaller.
    let (end, note) = (
        screen_rect(&harness, paragraph_end),
        screen_rect(&harness, note),
    );
    assert!(note.top() > end.bottom(), "{note:?} below {end:?}");
    assert!(note.height() < end.height());
}

#[test]
fn passages_in_a_note_after_it_and_across_it_are_coded_at_their_offsets() {
    let folder = sample_copy();
    let mut harness = open_at_the_notes(folder.path());

    // By mouse, in a note.
    let phrase = "Chinese Outbound Tourism";
    let start = find_chars(&harness, phrase);
    let end = start + phrase.chars().count();
    let (from, to) = (caret_point(&harness, start), caret_point(&harness, end));
    drag(&mut harness, from, to);
    let (range, quote) = code_and_save(&mut harness, folder.path());
    assert_eq!(range, CharRange::new(start, end));
    assert_eq!(quote, phrase);

    // By keyboard, after the note: a click before “followed”, Shift+Right over it.
    harness.key_press(Key::Escape);
    harness.run();
    let followed = find_chars(&harness, " followed by the “new brother”") + 1;
    let pos = inside_char(&harness, followed) - egui::vec2(2.0, 0.0);
    harness.hover_at(pos);
    click(&harness, pos, PointerButton::Primary);
    harness.run();
    assert_eq!(
        harness.state().reader_state().caret(),
        Some(CharOffset(followed))
    );
    for _ in 0.."followed".len() {
        press(&mut harness, Modifiers::SHIFT, Key::ArrowRight);
    }
    let (range, quote) = code_and_save(&mut harness, folder.path());
    assert_eq!(range, CharRange::new(followed, followed + 8));
    assert_eq!(quote, "followed");

    // Across the note, by mouse along the row: the canonical range, note included.
    harness.key_press(Key::Escape);
    harness.run();
    let biggest = find_chars(&harness, "“biggest friend”,");
    let by = followed + "followed by".len();
    let (from, to) = (caret_point(&harness, biggest), caret_point(&harness, by));
    drag(&mut harness, from, to);
    let (range, quote) = code_and_save(&mut harness, folder.path());
    assert_eq!(range, CharRange::new(biggest, by));
    assert!(quote.starts_with("“biggest friend”,"), "{quote}");
    assert!(quote.contains("24  Politika online"), "{quote}");
    assert!(quote.ends_with("followed by"), "{quote}");
}

#[test]
fn find_marks_a_phrase_inside_a_note() {
    let folder = sample_copy();
    let mut harness = open_at_the_notes(folder.path());
    press(&mut harness, Modifiers::COMMAND, Key::F);
    harness
        .get_by_label(gloss::app::reader::FIND_LABEL)
        .type_text("Outbound Tourism to Central");
    harness.run();
    let start = find_chars(&harness, "Outbound Tourism to Central");
    let hit = CharRange::new(start, start + "Outbound Tourism to Central".chars().count());
    assert_eq!(
        harness.state().reader_state().find_current(),
        Some((0, hit))
    );
    // The hit is on screen, in the notes below the paragraph.
    let paragraph_end = find_chars(&harness, "with Russia and China.29") + 22;
    let (found, end) = (
        screen_rect(&harness, hit.start.0),
        screen_rect(&harness, paragraph_end),
    );
    assert!(found.top() > end.bottom(), "{found:?} below {end:?}");
    assert!(found.min.y >= 0.0 && found.max.y <= 800.0, "{found:?}");
}
