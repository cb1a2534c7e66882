//! The responsive layout: at 800×600 nothing overlaps the reader and the
//! reader keeps a readable width; panels that do not fit open as drawers;
//! panels keep their width when the selection changes or the topic editor
//! opens; the shortcuts window fits a small window and scrolls.

use super::fixture::{open_app_sized, press, sample_copy};
use egui::accesskit::Role;
use egui::{Key, Modifiers, Rect, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use gloss::app::GlossApp;
use gloss::app::shell::{LEFT_DRAWER_LABEL, RIGHT_DRAWER_LABEL};

/// The narrowest the reader may be drawn beside docked panels (the shell's
/// `READER_MIN_POINTS` less the reading area's margins).
pub(super) const READER_MIN_SEEN_POINTS: f32 = 360.0;

/// The reader's rect on screen, as AccessKit reports it.
pub(super) fn reader_rect(harness: &Harness<'static, GlossApp>) -> Rect {
    harness.get_by_role(Role::Document).rect()
}

/// Do two rects share more than an edge?
pub(super) fn overlap(a: Rect, b: Rect) -> bool {
    let shared = a.intersect(b);
    shared.width() > 0.5 && shared.height() > 0.5
}

/// Asserts that the reader is wide enough and that no docked panel covers it.
pub(super) fn assert_reader_uncovered(harness: &Harness<'static, GlossApp>, at: &str) {
    let reader = reader_rect(harness);
    assert!(
        reader.width() >= READER_MIN_SEEN_POINTS,
        "{at}: the reader is {} wide",
        reader.width()
    );
    let rects = harness.state().layout_rects();
    let recorded = rects.reader.expect("the reader was laid out");
    assert!(
        recorded.contains_rect(reader.shrink(1.0)),
        "{at}: {reader:?} in {recorded:?}"
    );
    let docked = [
        (!rects.left_is_drawer).then_some(rects.left).flatten(),
        (!rects.right_is_drawer).then_some(rects.right).flatten(),
        rects.dock,
    ];
    for panel in docked.into_iter().flatten() {
        assert!(!overlap(panel, reader), "{at}: {panel:?} covers {reader:?}");
    }
}

#[test]
fn nothing_overlaps_the_reader_at_800_by_600_and_the_inspector_opens_as_a_drawer() {
    let folder = sample_copy();
    let mut harness = open_app_sized(folder.path(), vec2(800.0, 600.0));
    assert_reader_uncovered(&harness, "800×600");
    // The left panel is docked beside the reader; its widgets stay out of it.
    let reader = reader_rect(&harness);
    let documents_tab = harness.get_by_label("Documents").rect();
    assert!(!overlap(documents_tab, reader));
    // The inspector did not fit: it is a drawer, closed until its toggle is clicked.
    let rects = harness.state().layout_rects();
    assert!(rects.right_is_drawer && rects.right.is_none());
    assert!(harness.query_by_label("Inspector").is_none());
    harness.get_by_label_contains(RIGHT_DRAWER_LABEL).click();
    harness.run();
    assert!(
        harness.query_by_label("Inspector").is_some(),
        "the drawer opened"
    );
    let drawer = harness.state().layout_rects().right.expect("drawer drawn");
    assert!(drawer.right() <= 800.5 && drawer.width() >= 200.0);
    // Escape closes it and leaves the reader as it was.
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(
        harness.query_by_label("Inspector").is_none(),
        "the drawer closed"
    );
    assert_eq!(reader_rect(&harness), reader);
    // Shortcuts work at once after the drawer closed.
    assert!(harness.query_by_label("Keyboard shortcuts").is_none());
    press(&mut harness, Modifiers::NONE, Key::F1);
    assert!(
        harness
            .query_all_by_label("Keyboard shortcuts")
            .next()
            .is_some(),
        "F1 after the drawer"
    );
}

#[test]
fn a_very_narrow_window_keeps_the_reader_and_puts_both_panels_in_drawers() {
    let folder = sample_copy();
    let mut harness = open_app_sized(folder.path(), vec2(560.0, 500.0));
    assert_reader_uncovered(&harness, "560×500");
    let rects = harness.state().layout_rects();
    assert!(rects.left_is_drawer && rects.right_is_drawer);
    harness.get_by_label_contains(LEFT_DRAWER_LABEL).click();
    harness.run();
    // The drawer's document list opens a document and closes the drawer.
    let drawer = harness.state().layout_rects().left.expect("drawer drawn");
    harness
        .get_all_by_label_contains("Belgrade and Beijing Growing Closer")
        .find(|node| drawer.contains_rect(node.rect()))
        .expect("the document in the drawer")
        .click();
    harness.run();
    assert_eq!(
        harness.state().current_document().map(|d| d.as_str()),
        Some("doc-rks-belgrade-beijing")
    );
    assert!(
        harness.state().layout_rects().left.is_none(),
        "drawer closed"
    );
}

#[test]
fn the_layout_holds_at_the_usual_window_sizes() {
    for (width, height) in [(1024.0, 700.0), (1400.0, 900.0), (1920.0, 1080.0)] {
        let folder = sample_copy();
        let harness = open_app_sized(folder.path(), vec2(width, height));
        assert_reader_uncovered(&harness, &format!("{width}×{height}"));
        let rects = harness.state().layout_rects();
        assert!(
            !rects.left_is_drawer && !rects.right_is_drawer,
            "{width}: both panels docked"
        );
    }
}

#[test]
fn panels_keep_their_width_when_an_annotation_is_selected_or_the_topic_editor_opens() {
    let folder = sample_copy();
    let mut harness = open_app_sized(folder.path(), vec2(1280.0, 800.0));
    let before = harness.state().layout_rects();
    let reader_before = reader_rect(&harness);
    // Select the annotation with the longest codes (the inspector shows them all).
    let annotation = super::fixture::first_annotation_here(&harness);
    harness
        .get_by_role_and_label(Role::Button, &annotation.anchor.exact)
        .click();
    harness.run();
    assert_eq!(
        harness.state().selected_annotation(),
        Some(&annotation.id),
        "selected"
    );
    let after = harness.state().layout_rects();
    assert_eq!(
        after.right.map(|r| r.width()),
        before.right.map(|r| r.width())
    );
    assert_eq!(reader_rect(&harness).width(), reader_before.width());
    // The codebook's topic editor opens in the left panel without widening it.
    harness.get_by_label("Codebook").click();
    harness.run();
    let topic = harness
        .state()
        .workspace()
        .expect("project")
        .project
        .codebook
        .topics[0]
        .name
        .clone();
    harness.get_by_role_and_label(Role::Button, &topic).click();
    harness.run();
    harness.run();
    let editing = harness.state().layout_rects();
    assert_eq!(
        editing.left.map(|r| r.width()),
        before.left.map(|r| r.width())
    );
    assert_eq!(reader_rect(&harness).width(), reader_before.width());
}

#[test]
fn a_dragged_panel_edge_sets_its_width_within_its_range() {
    let folder = sample_copy();
    let mut harness = open_app_sized(folder.path(), vec2(1400.0, 900.0));
    let left = harness.state().layout_rects().left.expect("left panel");
    let edge = left.right_center();
    super::fixture::drag(&mut harness, edge, edge + vec2(60.0, 0.0));
    harness.run();
    let wider = harness.state().preferences().left_width_points;
    assert!(
        (wider - (left.width() + 60.0)).abs() < 4.0,
        "{wider} after dragging {}",
        left.width()
    );
    super::fixture::drag(
        &mut harness,
        edge + vec2(60.0, 0.0),
        edge + vec2(900.0, 0.0),
    );
    harness.run();
    assert!(harness.state().preferences().left_width_points <= 420.0);
    assert_reader_uncovered(&harness, "after dragging");
}

#[test]
fn the_pane_under_the_reader_is_dragged_taller_within_its_range() {
    let folder = sample_copy();
    let mut harness = open_app_sized(folder.path(), vec2(800.0, 600.0));
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::A);
    harness.run();
    let pane = harness
        .state()
        .layout_rects()
        .dock
        .expect("the analysis pane");
    let reader = harness.state().layout_rects().reader.expect("the reader");
    assert!(
        pane.top() >= reader.bottom() - 1.0,
        "at 800×600 the pane is under the reader: {pane:?} {reader:?}"
    );
    let edge = pane.center_top();
    super::fixture::drag(&mut harness, edge, edge - vec2(0.0, 100.0));
    harness.run();
    let taller = harness.state().layout_rects().dock.expect("the pane");
    assert!(
        (taller.height() - (pane.height() + 100.0)).abs() < 6.0,
        "{} after dragging {} up by 100",
        taller.height(),
        pane.height()
    );
    assert!(
        (taller.bottom() - pane.bottom()).abs() < 1.0,
        "its bottom stays"
    );
    // Dragged to the top of the window: the reader keeps a fifth of the height.
    let edge = taller.center_top();
    super::fixture::drag(&mut harness, edge, vec2(edge.x, 0.0).to_pos2());
    harness.run();
    let fraction = harness.state().preferences().dock.height_fraction;
    assert!((fraction - 0.8).abs() < 1e-3, "{fraction}");
    let reader = harness.state().layout_rects().reader.expect("the reader");
    assert!(reader.height() > 50.0, "the reader stays: {reader:?}");
}

#[test]
fn the_shortcuts_window_fits_a_small_window_and_scrolls() {
    let folder = sample_copy();
    let mut harness = open_app_sized(folder.path(), vec2(800.0, 600.0));
    press(&mut harness, Modifiers::NONE, Key::F1);
    harness.run();
    let screen = Rect::from_min_size(egui::Pos2::ZERO, vec2(800.0, 600.0));
    // The last row is reachable by scrolling and then lies inside the window.
    let last = "Confirm / cancel the popup";
    harness.get_by_label(last).scroll_to_me();
    harness.run();
    harness.run();
    let row = harness.get_by_label(last).rect();
    assert!(screen.contains_rect(row), "{row:?} is off the screen");
}

#[test]
fn the_reader_scrollbar_can_be_seen_and_grabbed() {
    let folder = sample_copy();
    let mut harness = open_app_sized(folder.path(), vec2(800.0, 600.0));
    let area = harness
        .state()
        .layout_rects()
        .reader
        .expect("reader laid out");
    let text = reader_rect(&harness);
    // The bar has its own room beside the text (not a thin overlay that shows on hover).
    assert!(area.right() - text.right() >= 8.0, "{area:?} vs {text:?}");
    let first_line = |harness: &Harness<'static, GlossApp>| {
        harness
            .state()
            .reader_state()
            .char_screen_rect(gloss::model::text::CharOffset(0))
            .map(|rect| rect.top())
    };
    let before = first_line(&harness).expect("the top of the text is in view");
    let bar_x = (area.right() + text.right()) / 2.0;
    super::fixture::drag(
        &mut harness,
        egui::pos2(bar_x, area.top() + 12.0),
        egui::pos2(bar_x, area.top() + 160.0),
    );
    harness.run();
    let after = first_line(&harness);
    assert!(
        after.is_none_or(|top| top < before - 100.0),
        "dragging the bar scrolls the text: {before} → {after:?}"
    );
}
