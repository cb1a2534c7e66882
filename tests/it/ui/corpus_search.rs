//! Corpus search in the window: the results dock beside the reader; opening a
//! hit shows it in the reader marked (the current hit emphasised, the other
//! hits of that document marked), and the keyword-in-context lines take the
//! width of the pane.

use super::fixture::{open_app_sized, press, sample_copy};
use super::layout::{assert_reader_uncovered, reader_rect};
use egui::{Key, Modifiers, Rect, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use gloss::app::GlossApp;
use gloss::app::search_panel::QUERY_FIELD_LABEL;
use gloss::app::shell::DockView;
use gloss::model::text::CharOffset;
use std::time::Duration;

/// Searches the corpus for `query` from the keyboard and waits for the hits.
fn search(harness: &mut Harness<'static, GlossApp>, query: &str) {
    press(harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    harness.run();
    harness.get_by_label(QUERY_FIELD_LABEL).type_text(query);
    // The search starts in this frame, on its own thread.
    harness.step();
    harness.state_mut().wait_for_search(Duration::from_secs(10));
    harness.run();
    harness.run();
}

/// The keyword-in-context lines in the docked results (their text), top first.
fn hit_lines(harness: &Harness<'static, GlossApp>, needle: &str) -> Vec<(String, Rect)> {
    let dock = harness.state().layout_rects().dock.expect("results docked");
    let mut lines: Vec<(String, Rect)> = harness
        .query_all_by(|node| {
            node.bounding_box().is_some()
                && node
                    .value()
                    .is_some_and(|l| l.starts_with('…') && l.contains(needle))
        })
        .map(|node| {
            let label = node.accesskit_node().value().unwrap_or_default();
            (label, node.rect())
        })
        .filter(|(_, rect)| dock.contains_rect(rect.shrink(1.0)))
        .collect();
    lines.sort_by(|a, b| a.1.top().total_cmp(&b.1.top()));
    lines
}

#[test]
fn an_opened_hit_is_marked_in_the_reader_with_the_other_hits_of_its_document() {
    let folder = sample_copy();
    let mut harness = open_app_sized(folder.path(), vec2(1400.0, 900.0));
    search(&mut harness, "Vucic");
    assert_eq!(
        harness.state().preferences().dock.shown(),
        Some(DockView::SearchResults),
        "the results dock beside the reader"
    );
    assert_reader_uncovered(&harness, "results docked");
    let lines = hit_lines(&harness, "Vučić");
    assert!(lines.len() >= 2, "hits listed: {lines:?}");
    // A hit of another document than the one shown (the list is in project order).
    let shown = harness.state().current_document().cloned();
    let (_, line) = lines.last().expect("a hit");
    crate::harness::click(&harness, line.center(), egui::PointerButton::Primary);
    harness.run();
    harness.run();
    let app = harness.state();
    assert_ne!(
        app.current_document(),
        shown.as_ref(),
        "another document opened"
    );
    let (marks, current) = app.reader_state().search_marks();
    let current = current.expect("a current hit");
    assert!(
        marks.len() >= 2,
        "every hit of the document is marked: {marks:?}"
    );
    assert!(marks.contains(&current));
    let text = super::fixture::current_text(&harness);
    for range in marks {
        let marked: String = text
            .chars()
            .skip(range.start.0)
            .take(range.end.0 - range.start.0)
            .collect();
        let folded: String = marked
            .to_lowercase()
            .chars()
            .map(|c| match c {
                'č' | 'ć' | 'ч' | 'ћ' => 'c',
                'в' => 'v',
                'у' => 'u',
                'и' => 'i',
                other => other,
            })
            .collect();
        assert_eq!(folded, "vucic", "a mark covers a hit: {marked}");
    }
    // The current hit is in view in the reader.
    let at = app
        .reader_state()
        .char_screen_rect(CharOffset(current.start.0))
        .expect("laid out");
    assert!(
        reader_rect(&harness).contains(at.center()),
        "{at:?} in view"
    );
    // The list is still there.
    assert!(!hit_lines(&harness, "Vučić").is_empty());
}

#[test]
fn keyword_in_context_fills_the_width_of_the_pane() {
    let folder = sample_copy();
    let mut harness = open_app_sized(folder.path(), vec2(1920.0, 1080.0));
    harness.state_mut().preferences_mut().dock.width_points = Some(340.0);
    search(&mut harness, "Vucic");
    let narrow = hit_lines(&harness, "Vučić")[0].0.chars().count();
    harness.state_mut().preferences_mut().dock.width_points = Some(800.0);
    harness.run();
    harness.run();
    let wide = hit_lines(&harness, "Vučić")[0].0.chars().count();
    assert!(narrow >= 40, "a narrow pane still shows context: {narrow}");
    assert!(
        wide >= narrow + 40,
        "a wider pane shows more context: {narrow} → {wide}"
    );
}
