//! Over time split by topic on the sample: a table cell and a chart bar for
//! 2020-09 × Huawei and 5G list exactly the passages counted by hand from the
//! project (annotations of the dated article coded with that topic); the
//! table exports with the topics as columns; the line form draws a dot per
//! period and series that hover, Tab and Enter reach without a panic and that
//! drills down like a bar; the SVG figure follows the split and the form and
//! its legend names the topics, and so does the HTML report's over-time section.

use super::analysis::{click_to_drill_down, open_table, pick};
use super::dialogs::choose_path;
use super::fixture::{open_app_sized, press, sample_copy};
use egui::accesskit::Role;
use egui::{Key, Modifiers, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use gloss::app::GlossApp;
use gloss::app::commands::Command;
use gloss::app::intent::Intent;
use gloss::model::ids::AnnotationId;
use std::collections::BTreeSet;
use std::time::Duration;

/// The topic the tests split on; it has no sub-topics, so its count is the
/// same with sub-topics included or not.
const TOPIC: &str = "Huawei and 5G";

/// By hand from the project: the annotations of documents dated in
/// September 2020 coded with `TOPIC` (in the sample: ann-001, ann-003 and
/// ann-004 of the Global Times article).
fn september_passages_of_topic(harness: &Harness<'static, GlossApp>) -> BTreeSet<AnnotationId> {
    let project = &harness.state().workspace().expect("project").project;
    let topic = project
        .codebook
        .topics
        .iter()
        .find(|t| t.name == TOPIC)
        .expect("the topic");
    let dated: Vec<_> = project
        .documents
        .iter()
        .filter(|d| {
            d.attributes
                .get("date")
                .is_some_and(|v| v.starts_with("2020-09"))
        })
        .map(|d| d.id.clone())
        .collect();
    project
        .annotations
        .iter()
        .filter(|a| dated.contains(&a.document) && a.topics.contains(&topic.id))
        .map(|a| a.id.clone())
        .collect()
}

/// Accessible names of the buttons (cells, bars, dots) starting with `prefix`.
fn buttons_starting(harness: &Harness<'static, GlossApp>, prefix: &str) -> Vec<String> {
    harness
        .query_all_by_role(Role::Button)
        .filter_map(|node| node.accesskit_node().label())
        .filter(|label| label.starts_with(prefix))
        .collect()
}

/// Opens over time split by topic (the table).
fn over_time_by_topic(harness: &mut Harness<'static, GlossApp>) {
    open_table(harness, "Over time");
    pick(harness, "Split by", "topic");
}

/// Shows the chart of the view (As chart).
fn as_chart(harness: &mut Harness<'static, GlossApp>) {
    harness.get_by_label("As chart").click();
    harness.run();
    harness.run();
}

#[test]
fn over_time_by_topic_drills_a_cell_and_a_bar_to_exactly_their_passages() {
    let folder = sample_copy();
    let mut harness = open_app_sized(folder.path(), vec2(1400.0, 900.0));
    over_time_by_topic(&mut harness);
    let expected = september_passages_of_topic(&harness);
    assert_eq!(expected.len(), 3, "the sample's hand count");
    let cell = format!("2020-09 × {TOPIC}: {}", expected.len());
    assert!(
        !buttons_starting(&harness, "(undated) × ").is_empty(),
        "the undated passages stay counted"
    );
    assert_eq!(click_to_drill_down(&mut harness, &cell), expected);

    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::A);
    harness.run();
    as_chart(&mut harness);
    let bar = format!("2020-09 × {TOPIC}: {} annotations", expected.len());
    assert_eq!(click_to_drill_down(&mut harness, &bar), expected);
}

#[test]
fn over_time_by_topic_exports_its_table_with_the_topics_as_columns() {
    let folder = sample_copy();
    let out = tempfile::tempdir().expect("temp dir");
    let mut harness = open_app_sized(folder.path(), vec2(1400.0, 900.0));
    harness.state_mut().use_in_app_file_picker();
    over_time_by_topic(&mut harness);
    harness
        .get_by_label(gloss::app::analysis_view::EXPORT_MENU_LABEL)
        .click();
    harness.run();
    harness.get_by_label("Table as CSV…").click();
    harness.run();
    let target = out.path().join("over-time.csv");
    choose_path(&mut harness, &target);
    assert!(harness.state_mut().wait_for_export(Duration::from_secs(30)));
    let text = std::fs::read_to_string(&target).expect("the table was written");
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    let header = lines.next().expect("a header");
    assert!(header.starts_with("date (month) \\ topic,"), "{header}");
    assert!(header.contains(TOPIC), "{header}");
    let september = lines
        .find(|l| l.starts_with("2020-09,"))
        .expect("a row for 2020-09");
    let column = header
        .split(',')
        .position(|h| h == TOPIC)
        .expect("the topic's column");
    assert_eq!(september.split(',').nth(column), Some("3"), "{september}");
}

#[test]
fn over_time_as_lines_draws_dots_that_hover_keys_and_clicks_reach() {
    let folder = sample_copy();
    let mut harness = open_app_sized(folder.path(), vec2(800.0, 600.0));
    over_time_by_topic(&mut harness);
    as_chart(&mut harness);
    harness.get_by_label("Lines").click();
    harness.run();
    harness.run();
    let dots = buttons_starting(&harness, "2020-09 × ");
    // One dot per topic with passages in 2020-09 (empty ones lead nowhere).
    assert!(dots.len() >= 4, "{dots:?}");
    for dot in &dots {
        harness.get_by_label(dot).hover();
        harness.run();
    }
    // Tab and arrow keys over the chart do not panic; Enter on a dot drills down.
    for key in [Key::Tab, Key::ArrowRight, Key::ArrowLeft, Key::Tab] {
        press(&mut harness, Modifiers::NONE, key);
        harness.run();
    }
    let expected = september_passages_of_topic(&harness);
    let dot = format!("2020-09 × {TOPIC}: {} annotations", expected.len());
    harness.get_by_label(&dot).focus();
    harness.run();
    press(&mut harness, Modifiers::NONE, Key::Enter);
    harness.run();
    let chosen = harness.state().retrieval_filter().annotation_ids.clone();
    assert_eq!(chosen, Some(expected));
}

#[test]
fn the_figure_follows_the_split_and_the_form_and_its_legend_names_the_topics() {
    let folder = sample_copy();
    let out = tempfile::tempdir().expect("temp dir");
    let mut harness = open_app_sized(folder.path(), vec2(1400.0, 900.0));
    harness.state_mut().use_in_app_file_picker();
    over_time_by_topic(&mut harness);
    as_chart(&mut harness);
    for (form, file, mark) in [
        ("Stacked bars", "bars.svg", "rect"),
        ("Lines", "lines.svg", "circle"),
    ] {
        harness.get_by_label(form).click();
        harness.run();
        harness.get_by_label("Export chart as SVG…").click();
        harness.run();
        let target = out.path().join(file);
        choose_path(&mut harness, &target);
        assert!(harness.state_mut().wait_for_export(Duration::from_secs(60)));
        harness.run();
        let text = std::fs::read_to_string(&target).expect("the figure was written");
        let document = roxmltree::Document::parse(&text).expect("XML");
        let texts: Vec<&str> = document
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text())
            .collect();
        for topic in ["Kosovo", "EU accession", "› Huawei and 5G"] {
            assert!(
                texts.contains(&topic),
                "{file}: legend without {topic}: {texts:?}"
            );
        }
        assert!(texts.iter().any(|t| t.contains("by topic")), "{texts:?}");
        // The mark titled with the hand count (bars for the stack, dots for lines).
        let titles: Vec<&str> = document
            .descendants()
            .filter(|n| n.has_tag_name(mark))
            .filter_map(|n| n.children().find(|c| c.has_tag_name("title"))?.text())
            .collect();
        let counted = format!("2020-09 × › {TOPIC}: 3");
        assert!(titles.contains(&counted.as_str()), "{file}: {titles:?}");
    }
    // The report from the window splits over time as the view does, drawn as lines.
    harness
        .state_mut()
        .apply_intent(Intent::Command(Command::ExportAnalysisReport));
    harness.run();
    let report = out.path().join("analysis.html");
    choose_path(&mut harness, &report);
    assert!(harness.state_mut().wait_for_export(Duration::from_secs(60)));
    let html = std::fs::read_to_string(&report).expect("the report was written");
    assert!(
        html.contains("date (month) \\ topic"),
        "the over-time table by topic"
    );
    let dot = format!("<title>2020-09 × › {TOPIC}: 3</title></circle>");
    assert!(html.contains(&dot), "the lines' dot");
}
