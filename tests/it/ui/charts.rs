//! The analysis view's charts on the sample: the As table / As chart switch shows
//! topic frequencies as bars; a click on a bar lists exactly the passages
//! behind it in Coded passages (as many as the bar counts, each with the
//! bar's topic); the over-time chart's bars drill down the same way, and
//! Enter on a bar with the keyboard focus does the same. The
//! view's figure exports and the analysis report are written in the
//! background where the picker says, with the view's actor level.

use super::dialogs::choose_path;
use super::fixture::{open_app_sized, press, sample_copy};
use egui::accesskit::Role;
use egui::{Key, Modifiers, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use gloss::app::commands::Command;
use gloss::app::intent::Intent;
use gloss::app::{GlossApp, PathPurpose};
use gloss::export::figure::{FigureFormat, FigureKind};
use std::time::Duration;

/// Opens the analysis view (Ctrl+Shift+A) and picks `table` in its Table picker.
fn open_table(harness: &mut Harness<'static, GlossApp>, table: &str) {
    press(harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::A);
    harness.run();
    pick(harness, "Table", table);
}

/// Opens the combo box called `picker` and chooses `choice`.
fn pick(harness: &mut Harness<'static, GlossApp>, picker: &str, choice: &str) {
    harness.get_by_label(picker).click();
    harness.run();
    harness.get_by_label(choice).click();
    harness.run();
    harness.run();
}

/// The bars as buttons, "Economy: 12 annotations", with their counts.
fn bars(harness: &Harness<'static, GlossApp>) -> Vec<(String, usize)> {
    harness
        .query_all_by_role(Role::Button)
        .filter_map(|node| node.accesskit_node().label())
        .filter_map(|label| {
            let (what, count) = label.rsplit_once(": ")?;
            let count = count.strip_suffix(" annotations")?.parse().ok()?;
            Some((what.to_owned(), count))
        })
        .collect()
}

/// Clicks the bar named `what` with `count`, and returns the ids it chose.
fn click_bar(harness: &mut Harness<'static, GlossApp>, what: &str, count: usize) -> Vec<String> {
    let name = format!("{what}: {count} annotations");
    let chosen = super::analysis::click_to_drill_down(harness, &name);
    chosen.iter().map(ToString::to_string).collect()
}

#[test]
fn a_frequency_bar_lists_exactly_its_passages() {
    let folder = sample_copy();
    let mut harness = open_app_sized(folder.path(), vec2(1400.0, 900.0));
    open_table(&mut harness, "Topic frequencies");
    assert!(bars(&harness).is_empty(), "the table first");
    harness.get_by_label("As chart").click();
    harness.run();
    harness.run();
    let shown = bars(&harness);
    let (topic_label, count) = shown
        .iter()
        .max_by_key(|(_, count)| *count)
        .cloned()
        .expect("bars");
    assert!(count >= 2, "{shown:?}");
    let chosen = click_bar(&mut harness, &topic_label, count);
    assert_eq!(chosen.len(), count);
    // Each passage has the bar's topic or one of its sub-topics.
    let app = harness.state();
    let project = &app.workspace().expect("project").project;
    let codebook = &project.codebook;
    let topic = codebook
        .topics
        .iter()
        .find(|t| t.name == topic_label)
        .expect("the bar's topic");
    let family = codebook.topic_with_descendants(&topic.id);
    for id in &chosen {
        let annotation = project
            .annotations
            .iter()
            .find(|a| a.id.as_str() == id)
            .expect("a chosen annotation exists");
        assert!(
            annotation
                .topics
                .iter()
                .any(|t| t == &topic.id || family.contains(t)),
            "{id} is not coded {topic_label}"
        );
    }
    let total = project.annotations.len();
    harness.get_by_label_contains(&format!("{count} of {total} annotations"));
    harness.get_by_label_contains(&format!(
        "Showing the {count} passages behind {topic_label}"
    ));
}

#[test]
fn an_over_time_bar_lists_exactly_its_passages_at_the_smallest_size() {
    let folder = sample_copy();
    let mut harness = open_app_sized(folder.path(), vec2(800.0, 600.0));
    open_table(&mut harness, "Over time");
    harness.get_by_label("As chart").click();
    harness.run();
    harness.run();
    // The sample dates one article (2020-09, four passages).
    let shown = bars(&harness);
    assert!(!shown.is_empty(), "bars");
    assert!(
        shown.iter().all(|(what, _)| what.starts_with("2020-09 × ")),
        "{shown:?}"
    );
    assert_eq!(shown.iter().map(|(_, n)| n).sum::<usize>(), 4, "{shown:?}");
    let (what, count) = shown[0].clone();
    assert_eq!(click_bar(&mut harness, &what, count).len(), count);
}

#[test]
fn a_bar_is_reached_by_keyboard_and_enter_opens_its_passages() {
    let folder = sample_copy();
    let mut harness = open_app_sized(folder.path(), vec2(1400.0, 900.0));
    open_table(&mut harness, "Topic frequencies");
    harness.get_by_label("As chart").click();
    harness.run();
    harness.run();
    let (what, count) = bars(&harness)
        .into_iter()
        .max_by_key(|(_, count)| *count)
        .expect("bars");
    let name = format!("{what}: {count} annotations");
    harness.get_by_label(&name).scroll_to_me();
    harness.get_by_label(&name).focus();
    harness.run();
    press(&mut harness, Modifiers::NONE, Key::Enter);
    harness.run();
    let chosen = harness.state().retrieval_filter().annotation_ids.clone();
    assert_eq!(chosen.map(|ids| ids.len()), Some(count), "{name}");
}

/// Answers the in-app picker with `target` and waits for the export to be written.
fn write_to(harness: &mut Harness<'static, GlossApp>, target: &std::path::Path) {
    choose_path(harness, target);
    assert!(harness.state_mut().wait_for_export(Duration::from_secs(60)));
    harness.run();
}

#[test]
fn the_network_figure_and_the_analysis_report_are_written_from_the_window() {
    let folder = sample_copy();
    let out = tempfile::tempdir().expect("temp dir");
    let mut harness = open_app_sized(folder.path(), vec2(1400.0, 900.0));
    harness.state_mut().use_in_app_file_picker();
    open_table(&mut harness, "Stance network (holder × target)");
    pick(&mut harness, "Actors", "countries");
    harness.get_by_label("Export chart as PNG…").click();
    harness.run();
    assert_eq!(
        harness.state().file_picker_purpose(),
        Some(PathPurpose::Figure(FigureKind::Network, FigureFormat::Png))
    );
    let png = out.path().join("network.png");
    write_to(&mut harness, &png);
    let bytes = std::fs::read(&png).expect("the figure was written");
    let decoder = png::Decoder::new(std::io::Cursor::new(&bytes));
    let info = decoder.read_info().expect("a PNG").info().clone();
    assert_eq!(info.width, 2500, "800 units at 300 dpi");

    let svg = out.path().join("network.svg");
    harness.get_by_label("Export chart as SVG…").click();
    harness.run();
    write_to(&mut harness, &svg);
    let text = std::fs::read_to_string(&svg).expect("the figure was written");
    let document = roxmltree::Document::parse(&text).expect("XML");
    let edges: Vec<&str> = document
        .descendants()
        .filter(|n| n.attribute("class") == Some("edge"))
        .filter_map(|g| g.children().find(|c| c.has_tag_name("title"))?.text())
        .collect();
    // At the level of countries, Serbia supports China.
    let serbia = edges
        .iter()
        .find(|e| e.starts_with("Serbia → China: "))
        .unwrap_or_else(|| panic!("no Serbia → China in {edges:?}"));
    assert!(serbia.contains("net polarity +"), "{serbia}");
    assert!(text.contains("Actors: country"));

    harness
        .state_mut()
        .apply_intent(Intent::Command(Command::ExportAnalysisReport));
    harness.run();
    assert_eq!(
        harness.state().file_picker_purpose(),
        Some(PathPurpose::AnalysisReport)
    );
    let report = out.path().join("analysis.html");
    write_to(&mut harness, &report);
    let html = std::fs::read_to_string(&report).expect("the report was written");
    assert_eq!(html.matches("<svg ").count(), 3);
    assert!(html.contains("actors: country"));
    assert!(html.contains("Serbia → China: "));
}
