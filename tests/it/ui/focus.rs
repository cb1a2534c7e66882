//! The focus model: after the tag popup closes (by Enter or by its Save
//! button) and after a click on a highlight, the window's shortcuts (undo,
//! Delete, the palette) work at once; the reader's caret keys work without a
//! click in the text first, and the caret follows the view (Page Down,
//! Ctrl+End, Shift+arrows extend from where the reader is now).

use super::fixture::{
    annotation_count, caret_point, click, drag, find_chars, first_annotation_here, inside_char,
    open_app, open_app_sized, press, sample_copy,
};
use crate::harness::ShowsReader as _;
use egui::accesskit::Role;
use egui::{Event, Key, Modifiers, PointerButton, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use gloss::app::GlossApp;
use gloss::app::intent::Intent;
use gloss::app::palette::SEARCH_LABEL as PALETTE_SEARCH_LABEL;
use gloss::model::ids::DocumentId;
use gloss::model::text::CharRange;

/// Selects `phrase` with the mouse (the tag popup opens) and returns its range.
fn select_phrase(harness: &mut Harness<'static, GlossApp>, phrase: &str) -> CharRange {
    let start = find_chars(harness, phrase);
    let end = start + phrase.chars().count();
    let (from, to) = (caret_point(harness, start), caret_point(harness, end));
    drag(harness, from, to);
    assert!(harness.state().reader_state().is_tag_popup_open());
    CharRange::new(start, end)
}

/// Selects `phrase`, toggles the first topic with `1` and confirms with Enter.
fn code_phrase_with_enter(harness: &mut Harness<'static, GlossApp>, phrase: &str) {
    select_phrase(harness, phrase);
    press(harness, Modifiers::NONE, Key::Num1);
    press(harness, Modifiers::NONE, Key::Enter);
    assert!(!harness.state().reader_state().is_tag_popup_open());
}

fn saved_text(folder: &tempfile::TempDir) -> String {
    std::fs::read_to_string(folder.path().join("gloss.json")).expect("gloss.json")
}

#[test]
fn ctrl_z_undoes_at_once_after_coding_with_enter() {
    let folder = sample_copy();
    let mut harness = open_app(folder.path());
    let before = annotation_count(&harness);
    let (first, second) = ("a beautiful fairy tale", "protective masks");
    code_phrase_with_enter(&mut harness, first);
    code_phrase_with_enter(&mut harness, second);
    assert_eq!(annotation_count(&harness), before + 2);
    press(&mut harness, Modifiers::COMMAND, Key::S);
    assert!(saved_text(&folder).contains(second));

    // The first Ctrl+Z undoes the second coding, in the window and, saved, on disk.
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(annotation_count(&harness), before + 1);
    press(&mut harness, Modifiers::COMMAND, Key::S);
    let on_disk = saved_text(&folder);
    assert!(!on_disk.contains(&format!("\"exact\": \"{second}\"")));
    assert!(on_disk.contains(&format!("\"exact\": \"{first}\"")));
    // A second Ctrl+Z undoes further.
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(annotation_count(&harness), before);
}

#[test]
fn ctrl_z_undoes_at_once_after_the_save_button() {
    let folder = sample_copy();
    let mut harness = open_app(folder.path());
    let before = annotation_count(&harness);
    select_phrase(&mut harness, "a beautiful fairy tale");
    press(&mut harness, Modifiers::NONE, Key::Num1);
    harness.get_by_role_and_label(Role::Button, "Save").click();
    harness.run();
    assert_eq!(annotation_count(&harness), before + 1);
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(annotation_count(&harness), before);
}

#[test]
fn delete_removes_a_clicked_highlight_undoably() {
    let folder = sample_copy();
    let mut harness = open_app(folder.path());
    let before = annotation_count(&harness);
    let annotation = first_annotation_here(&harness);
    let inside = inside_char(&harness, annotation.range().start.0 + 1);
    harness.hover_at(inside);
    click(&harness, inside, PointerButton::Primary);
    harness.run();
    assert_eq!(harness.state().selected_annotation(), Some(&annotation.id));
    press(&mut harness, Modifiers::NONE, Key::Delete);
    assert_eq!(annotation_count(&harness), before - 1, "Delete deleted it");
    assert!(
        harness
            .state()
            .workspace()
            .and_then(|w| w.annotation(&annotation.id))
            .is_none()
    );
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(annotation_count(&harness), before, "Ctrl+Z brought it back");
}

#[test]
fn typed_letters_arrive_after_a_popup_closes() {
    let folder = sample_copy();
    let mut harness = open_app(folder.path());
    code_phrase_with_enter(&mut harness, "a beautiful fairy tale");
    // The palette opens at once and takes the letters typed.
    press(&mut harness, Modifiers::COMMAND, Key::P);
    harness.event(Event::Text("zoom".to_owned()));
    harness.run();
    let palette = harness.get_by_label(PALETTE_SEARCH_LABEL);
    assert_eq!(palette.value().as_deref(), Some("zoom"));
    press(&mut harness, Modifiers::NONE, Key::Escape);

    // The next popup's search takes letters that are no command.
    select_phrase(&mut harness, "protective masks");
    harness.event(Event::Text("q".to_owned()));
    harness.run();
    let search = harness.get_by_label(gloss::app::reader::tag_popup::SEARCH_LABEL);
    assert_eq!(search.value().as_deref(), Some("q"));
}

/// The window on the sample's long paper, without a click in the text.
fn open_long_document() -> (tempfile::TempDir, Harness<'static, GlossApp>) {
    let folder = sample_copy();
    let mut harness = open_app_sized(folder.path(), vec2(1000.0, 700.0));
    harness.state_mut().apply_intent(Intent::OpenDocument {
        document: DocumentId::from("doc-paper-serbia-china"),
        reveal: None,
    });
    harness.run();
    (folder, harness)
}

fn scroll_offset(harness: &Harness<'static, GlossApp>) -> f32 {
    harness.state().reader_state().scroll_offset_points()
}

#[test]
fn page_down_works_without_a_click_in_the_text() {
    let (_folder, mut harness) = open_long_document();
    let top = scroll_offset(&harness);
    press(&mut harness, Modifiers::NONE, Key::PageDown);
    let paged = scroll_offset(&harness);
    assert!(paged > top + 200.0, "scrolled from {top} to {paged}");
    // The caret came along: it is on screen.
    let caret = harness.state().reader_state().caret().expect("a caret");
    assert!(caret.0 > 0, "the caret moved with the page");
    assert!(
        harness
            .state()
            .reader_state()
            .char_screen_rect(caret)
            .is_some(),
        "the caret is in view"
    );
    press(&mut harness, Modifiers::NONE, Key::PageUp);
    assert!(
        scroll_offset(&harness) < paged - 200.0,
        "Page Up scrolls back"
    );
}

#[test]
fn ctrl_end_goes_to_the_end_and_ctrl_home_to_the_start() {
    let (_folder, mut harness) = open_long_document();
    // An old caret near the top.
    let near_top = inside_char(&harness, 10);
    harness.hover_at(near_top);
    click(&harness, near_top, PointerButton::Primary);
    harness.run();
    let length = harness.state().shown_text().len_chars();
    press(&mut harness, Modifiers::COMMAND, Key::End);
    let reader = harness.state().reader_state();
    assert_eq!(reader.caret().map(|c| c.0), Some(length));
    assert!(
        reader
            .char_screen_rect(gloss::model::text::CharOffset(length))
            .is_some()
    );
    assert!(scroll_offset(&harness) > 1000.0);
    press(&mut harness, Modifiers::COMMAND, Key::Home);
    assert_eq!(harness.state().reader_state().caret().map(|c| c.0), Some(0));
    assert!(scroll_offset(&harness) < 1.0);
    // Shift+Ctrl+End selects from the caret to the end.
    press(
        &mut harness,
        Modifiers::COMMAND | Modifiers::SHIFT,
        Key::End,
    );
    assert_eq!(
        harness.state().reader_state().selection(),
        Some(CharRange::new(0, length))
    );
}

#[test]
fn shift_right_extends_from_where_the_reader_is_after_paging() {
    let (_folder, mut harness) = open_long_document();
    let near_top = inside_char(&harness, 10);
    harness.hover_at(near_top);
    click(&harness, near_top, PointerButton::Primary);
    harness.run();
    for _ in 0..3 {
        press(&mut harness, Modifiers::NONE, Key::PageDown);
    }
    press(&mut harness, Modifiers::SHIFT, Key::ArrowRight);
    let reader = harness.state().reader_state();
    let selection = reader.selection().expect("one char selected");
    assert_eq!(selection.len_chars(), 1);
    assert!(selection.start.0 > 1000, "selection at {selection:?}");
    assert!(
        reader.char_screen_rect(selection.start).is_some(),
        "the selection is where the reader is"
    );
}

#[test]
fn keys_without_modifiers_work_after_clicking_a_highlight() {
    let folder = sample_copy();
    let mut harness = open_app(folder.path());
    let annotation = first_annotation_here(&harness);
    let inside = inside_char(&harness, annotation.range().start.0 + 1);
    harness.hover_at(inside);
    click(&harness, inside, PointerButton::Primary);
    harness.run();
    assert_eq!(harness.state().selected_annotation(), Some(&annotation.id));
    assert!(!super::fixture::ui_shows(&harness, "Caret one word left"));
    press(&mut harness, Modifiers::NONE, Key::F1);
    assert!(
        super::fixture::ui_shows(&harness, "Caret one word left"),
        "F1 opened the shortcuts window"
    );
}

#[test]
fn enter_in_a_text_field_does_not_reach_the_reader() {
    let folder = sample_copy();
    let mut harness = open_app(folder.path());
    let range = select_phrase(&mut harness, "a beautiful fairy tale");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(!harness.state().reader_state().is_tag_popup_open());
    assert_eq!(harness.state().reader_state().selection(), Some(range));
    let filter = gloss::app::documents::FILTER_LABEL;
    harness.get_by_label(filter).focus();
    harness.run();
    harness.get_by_label(filter).type_text("help");
    harness.run();
    press(&mut harness, Modifiers::NONE, Key::Enter);
    assert!(
        !harness.state().reader_state().is_tag_popup_open(),
        "Enter in the filter box opened the tag popup"
    );
    // Escape there leaves the reader's selection alone.
    harness.get_by_label(filter).focus();
    harness.run();
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert_eq!(harness.state().reader_state().selection(), Some(range));
}

#[test]
fn shift_right_after_the_view_moved_away_starts_in_view() {
    let (_folder, mut harness) = open_long_document();
    let near_top = inside_char(&harness, 10);
    harness.hover_at(near_top);
    click(&harness, near_top, PointerButton::Primary);
    harness.run();
    // The view moves without the caret (as the mouse wheel or a search hit moves it).
    let length = harness.state().shown_text().len_chars();
    harness.state_mut().apply_intent(Intent::OpenDocument {
        document: DocumentId::from("doc-paper-serbia-china"),
        reveal: Some(CharRange::new(length / 2, length / 2 + 10)),
    });
    harness.run();
    assert!(scroll_offset(&harness) > 1000.0);
    press(&mut harness, Modifiers::SHIFT, Key::ArrowRight);
    let reader = harness.state().reader_state();
    let selection = reader.selection().expect("one char selected");
    assert_eq!(selection.len_chars(), 1);
    assert!(
        reader.char_screen_rect(selection.start).is_some() && selection.start.0 > 1000,
        "the selection starts in view: {selection:?}"
    );
}
