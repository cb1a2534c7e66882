//! Docked views: coded passages open as a pane beside the reader (or under it
//! in a small window), never over it; a click on a passage shows it in the
//! reader beside the list, selected; Escape gives the keyboard back to the
//! reader; the docked views are kept in the window preferences.

use super::fixture::{open_app_sized, press, sample_copy};
use super::layout::{assert_reader_uncovered, overlap, reader_rect};
use egui::accesskit::Role;
use egui::{Key, Modifiers, Rect, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use gloss::app::GlossApp;
use gloss::app::shell::DockView;
use gloss::model::annotation::Annotation;
use gloss::model::text::CharOffset;

/// A passage listed in the docked pane, of another document than the one the
/// reader shows when one is in view, and its row.
fn passage_elsewhere(harness: &Harness<'static, GlossApp>) -> (Annotation, Rect) {
    let app = harness.state();
    let shown = app.current_document().expect("a document").clone();
    let dock = app.layout_rects().dock.expect("docked");
    let workspace = app.workspace().expect("project");
    let mut rows: Vec<(Annotation, Rect)> = workspace
        .project
        .annotations
        .iter()
        .flat_map(|a| {
            harness
                .query_all_by_role_and_label(Role::Button, &a.anchor.exact)
                .map(|node| node.rect())
                .filter(|rect| dock.contains(rect.center()))
                .map(|rect| (a.clone(), rect))
                .collect::<Vec<_>>()
        })
        .collect();
    // Prefer a passage of another document (the reader must change), top first.
    rows.sort_by(|a, b| {
        (a.0.document == shown)
            .cmp(&(b.0.document == shown))
            .then(a.1.top().total_cmp(&b.1.top()))
    });
    rows.into_iter().next().expect("a passage in the pane")
}

/// The row of `passage` in the docked pane.
fn row_in_dock(harness: &Harness<'static, GlossApp>, passage: &Annotation) -> Option<Rect> {
    let dock = harness.state().layout_rects().dock?;
    harness
        .query_all_by_role_and_label(Role::Button, &passage.anchor.exact)
        .map(|node| node.rect())
        .find(|rect| dock.contains(rect.center()))
}

/// Opens coded passages (Ctrl+Shift+R), clicks a passage of another document
/// and checks that the reader shows it beside the list that stays in view.
fn open_a_passage_from_the_dock(size: egui::Vec2) {
    let folder = sample_copy();
    let mut harness = open_app_sized(folder.path(), size);
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::R);
    harness.run();
    assert!(harness.state().layout_rects().dock.is_some(), "docked");
    assert_reader_uncovered(&harness, "coded passages open");
    let (passage, row) = passage_elsewhere(&harness);
    crate::harness::click(&harness, row.center(), egui::PointerButton::Primary);
    harness.run();
    harness.run();
    let app = harness.state();
    assert_eq!(app.current_document(), Some(&passage.document));
    assert_eq!(app.selected_annotation(), Some(&passage.id));
    // The passage is on screen in the reader, and the list is still there beside it.
    let reader = reader_rect(&harness);
    let start = app
        .reader_state()
        .char_screen_rect(CharOffset(passage.start.0))
        .expect("the passage is laid out");
    assert!(
        reader.contains(start.center()),
        "{start:?} not in {reader:?}"
    );
    let row = row_in_dock(&harness, &passage).expect("the list is still in view");
    assert!(!overlap(row, reader), "the list covers the reader");
    assert_reader_uncovered(&harness, "after the click");
}

#[test]
fn a_coded_passage_opens_in_the_reader_beside_the_list() {
    open_a_passage_from_the_dock(vec2(1400.0, 900.0));
}

#[test]
fn in_a_small_window_coded_passages_dock_under_the_reader() {
    open_a_passage_from_the_dock(vec2(800.0, 600.0));
}

#[test]
fn escape_in_the_docked_view_returns_the_keyboard_to_the_reader() {
    let folder = sample_copy();
    let mut harness = open_app_sized(folder.path(), vec2(1400.0, 900.0));
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::R);
    harness
        .get_by_label(gloss::app::retrieval_panel::FIND_LABEL)
        .click();
    harness.run();
    field_focused(&harness);
    press(&mut harness, Modifiers::NONE, Key::Escape);
    harness.run();
    assert!(
        harness.get_by_role(Role::Document).is_focused(),
        "the reader has the keyboard"
    );
    // The pane is still there, and the view is remembered with the preferences.
    assert!(harness.state().layout_rects().dock.is_some());
    assert_eq!(
        harness.state().preferences().dock.shown(),
        Some(DockView::CodedPassages)
    );
    // Its tab closes it.
    harness.get_by_label("Close coded passages").click();
    harness.run();
    assert!(harness.state().layout_rects().dock.is_none());
    assert!(!harness.state().preferences().dock.is_open());
}

fn field_focused(harness: &Harness<'static, GlossApp>) {
    assert!(
        harness
            .query_all_by_role(Role::TextInput)
            .any(|node| node.is_focused()),
        "the find field has the keyboard"
    );
}

#[test]
fn the_docked_views_are_kept_in_the_window_preferences() {
    let mut preferences = gloss::app::Preferences::default();
    preferences.dock.open(DockView::SearchResults);
    preferences.dock.open(DockView::CodedPassages);
    preferences.dock.width_points = Some(512.0);
    preferences.left_width_points = 300.0;
    let json = serde_json::to_string(&preferences).expect("serialise");
    let back: gloss::app::Preferences = serde_json::from_str(&json).expect("read back");
    assert_eq!(back, preferences);
    // Preferences of an older build (no dock) read as the defaults.
    let old: gloss::app::Preferences =
        serde_json::from_str(r#"{"show_left_panel": false}"#).expect("old preferences");
    assert!(!old.show_left_panel && !old.dock.is_open());
}

#[test]
fn an_excerpt_wraps_and_more_shows_all_of_it() {
    let folder = sample_copy();
    let mut harness = open_app_sized(folder.path(), vec2(1400.0, 900.0));
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::R);
    let dock = harness.state().layout_rects().dock.expect("docked");
    // The longest excerpt in view is cut after two lines, with "More" beside it.
    let (passage, row) = passage_elsewhere(&harness);
    assert!(row.height() > 40.0, "two lines and the codes: {row:?}");
    let more = harness
        .get_all_by_label("More")
        .map(|node| node.rect())
        .find(|rect| row.contains(rect.center()))
        .expect("More on the row");
    assert!(dock.contains_rect(more));
    crate::harness::click(&harness, more.center(), egui::PointerButton::Primary);
    harness.run();
    harness.run();
    let expanded = row_in_dock(&harness, &passage).expect("row still in view");
    assert!(
        expanded.height() > row.height(),
        "{row:?} → {expanded:?}: the whole excerpt shows"
    );
    assert!(
        harness
            .get_all_by_label("Less")
            .any(|node| expanded.contains(node.rect().center())),
        "Less folds it again"
    );
    // Expanding is not opening: the reader still shows its document.
    assert_ne!(harness.state().current_document(), Some(&passage.document));
}
