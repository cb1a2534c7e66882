//! The analysis view on the sample: topic × stance, a click on a cell lists
//! exactly the passages behind it in Coded passages (as many as the cell
//! counts, each with the cell's topic and stance); every view (frequencies,
//! per attribute too, topic × stance, topic × attribute, the network, over
//! time, co-occurrence) drills down from an inner cell and from its totals to
//! as many passages as it counts; the stance network rolled up to countries
//! shows Serbia → China as supportive and keeps a holder filter at that level;
//! the table shown exports to CSV and XLSX.

use super::dialogs::choose_path;
use super::fixture::{open_app_sized, press, sample_copy};
use egui::accesskit::Role;
use egui::{Key, Modifiers, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use gloss::app::GlossApp;
use gloss::app::shell::DockView;

/// Opens the analysis view (Ctrl+Shift+A) and picks `table` in its Table picker.
pub(super) fn open_table(harness: &mut Harness<'static, GlossApp>, table: &str) {
    press(harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::A);
    harness.run();
    assert_eq!(
        harness.state().preferences().dock.shown(),
        Some(DockView::Analysis)
    );
    pick(harness, "Table", table);
}

/// Clicks the widget labelled `name` (a cell, a bar, an arrow) and returns the
/// annotations Coded passages then shows, checking that it is shown.
pub(super) fn click_to_drill_down(
    harness: &mut Harness<'static, GlossApp>,
    name: &str,
) -> std::collections::BTreeSet<gloss::model::ids::AnnotationId> {
    harness.get_by_label(name).scroll_to_me();
    harness.run();
    harness.get_by_label(name).click();
    harness.run();
    harness.run();
    let app = harness.state();
    assert_eq!(
        app.preferences().dock.shown(),
        Some(DockView::CodedPassages)
    );
    app.retrieval_filter()
        .annotation_ids
        .clone()
        .unwrap_or_else(|| panic!("{name}: no annotations chosen"))
}

/// Opens the combo box called `picker` and chooses `choice`.
pub(super) fn pick(harness: &mut Harness<'static, GlossApp>, picker: &str, choice: &str) {
    harness.get_by_label(picker).click();
    harness.run();
    harness.get_by_label(choice).click();
    harness.run();
    harness.run();
}

/// Cell buttons whose accessible name starts with `prefix`, with their names.
fn cells(harness: &Harness<'static, GlossApp>, joiner: &str) -> Vec<String> {
    harness
        .query_all_by_role(Role::Button)
        .filter_map(|node| node.accesskit_node().label())
        .filter(|label| label.contains(joiner) && label.contains(": "))
        .collect()
}

/// Is the cell called `name` ("row × column: value") a row or column total?
fn is_total(name: &str, joiner: &str) -> bool {
    let Some((row, rest)) = name.split_once(joiner) else {
        return false;
    };
    let column = rest.rsplit_once(": ").map_or(rest, |(column, _)| column);
    row == "annotations" || column == "annotations"
}

/// The number a cell shows ("Economy × supportive: 3" → 3, "A → B: 2 (+2)" → 2).
fn count_of(name: &str) -> usize {
    let value = name.rsplit(": ").next().unwrap_or_default();
    value
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in {name:?}"))
}

#[test]
fn a_topic_stance_cell_lists_exactly_its_passages() {
    let folder = sample_copy();
    let mut harness = open_app_sized(folder.path(), vec2(1400.0, 900.0));
    open_table(&mut harness, "Topic × stance");
    let names = cells(&harness, " × ");
    // The busiest cell that is not a total: the test must not pass on an empty one.
    let name = names
        .iter()
        .filter(|name| !is_total(name, " × "))
        .max_by_key(|name| count_of(name))
        .expect("topic × stance cells")
        .clone();
    let count = count_of(&name);
    assert!(count >= 2, "{name}");
    let (topic_label, rest) = name.split_once(" × ").expect("row × column");
    let stance_label = rest.split_once(": ").expect("a value").0;
    let chosen = click_to_drill_down(&mut harness, &name);
    let app = harness.state();
    assert_eq!(chosen.len(), count, "{name}");
    // Each passage has the cell's stance and the topic (or one of its sub-topics).
    let project = &app.workspace().expect("project").project;
    let codebook = &project.codebook;
    let topic = codebook
        .topics
        .iter()
        .find(|t| t.name == topic_label)
        .expect("the row's topic");
    let family = codebook.topic_with_descendants(&topic.id);
    for id in &chosen {
        let annotation = project
            .annotations
            .iter()
            .find(|a| &a.id == id)
            .expect("a chosen annotation exists");
        let stance = annotation.stance.as_ref().expect("a stance");
        assert_eq!(codebook.stance_name(stance), stance_label);
        assert!(
            annotation
                .topics
                .iter()
                .any(|t| t == &topic.id || family.contains(t)),
            "{id} is not coded {topic_label}"
        );
    }
    // The coded-passages view says so, and lists that many.
    let total = project.annotations.len();
    harness.get_by_label_contains(&format!("{count} of {total} annotations"));
    harness.get_by_label_contains(&format!(
        "Showing the {count} passages behind {topic_label} × {stance_label}"
    ));
    // Its ✕ shows every passage again.
    harness
        .get_by_label(gloss::app::retrieval_panel::SHOW_ALL_LABEL)
        .click();
    harness.run();
    assert_eq!(harness.state().retrieval_filter().annotation_ids, None);
    harness.get_by_label_contains(&format!("{total} of {total} annotations"));
}

#[test]
fn the_network_at_country_level_shows_serbia_supporting_china() {
    let folder = sample_copy();
    let mut harness = open_app_sized(folder.path(), vec2(800.0, 600.0));
    open_table(&mut harness, "Stance network (holder × target)");
    pick(&mut harness, "Actors", "countries");
    let names = cells(&harness, " → ");
    let edge = names
        .iter()
        .find(|name| name.starts_with("Serbia → China: "))
        .unwrap_or_else(|| panic!("no Serbia → China in {names:?}"));
    let polarity: i64 = edge
        .rsplit_once('(')
        .and_then(|(_, p)| p.trim_end_matches(')').parse().ok())
        .expect("a net polarity");
    assert!(
        polarity > 0,
        "{edge}: supportive means a positive net polarity"
    );
    // At the level of actors as coded, Vučić is his own holder.
    pick(&mut harness, "Actors", "as coded");
    assert!(
        cells(&harness, " → ")
            .iter()
            .any(|name| name.starts_with("Aleksandar Vučić → ")),
        "actors as coded"
    );
    // The edge drills down to as many passages as it counts.
    pick(&mut harness, "Actors", "countries");
    let count = count_of(edge);
    harness.get_by_label(edge).scroll_to_me();
    harness.run();
    harness.get_by_label(edge).click();
    harness.run();
    let chosen = harness.state().retrieval_filter().annotation_ids.clone();
    assert_eq!(chosen.map(|ids| ids.len()), Some(count));
}

#[test]
fn a_table_is_computed_again_only_when_its_inputs_change() {
    use gloss::app::analysis_view::{AnalysisState, TableKind};
    use gloss::model::query::RetrievalFilter;
    let workspace = gloss::sample::workspace().expect("sample project");
    let mut state = AnalysisState::default();
    let mut filter = RetrievalFilter::default();
    state.table = TableKind::TopicStance;
    let first = state.grid(&workspace, &filter).clone();
    state.grid(&workspace, &filter);
    assert_eq!(
        state.tables_computed(),
        1,
        "the same inputs: from the cache"
    );
    // A drill-down's id condition does not narrow the analysis.
    filter.annotation_ids =
        Some(std::iter::once(workspace.project.annotations[0].id.clone()).collect());
    assert_eq!(state.grid(&workspace, &filter), &first);
    assert_eq!(state.tables_computed(), 1);
    // A filter, a picker: computed again, and different.
    filter.stances = vec![workspace.project.codebook.stances[0].id.clone()];
    let narrowed = state.grid(&workspace, &filter).clone();
    assert_eq!(state.tables_computed(), 2);
    assert_ne!(narrowed, first);
    state.table = TableKind::Cooccurrence;
    state.grid(&workspace, &filter);
    assert_eq!(state.tables_computed(), 3);
}

/// Clicks the cell called `name` and checks that Coded passages then shows
/// exactly `expected` passages (the filter's ids, the query's rows, the
/// panel's count); returns the ids.
fn drill_down(
    harness: &mut Harness<'static, GlossApp>,
    name: &str,
    expected: usize,
) -> std::collections::BTreeSet<gloss::model::ids::AnnotationId> {
    harness.get_by_label(name).scroll_to_me();
    harness.run();
    harness.get_by_label(name).click();
    harness.run();
    harness.run();
    let app = harness.state();
    assert_eq!(
        app.preferences().dock.shown(),
        Some(DockView::CodedPassages),
        "{name}"
    );
    let chosen = app
        .retrieval_filter()
        .annotation_ids
        .clone()
        .unwrap_or_else(|| panic!("{name}: no annotations chosen"));
    assert_eq!(chosen.len(), expected, "{name}");
    let workspace = app.workspace().expect("project");
    let shown = gloss::model::query::retrieve(workspace, app.retrieval_filter()).len();
    assert_eq!(
        shown, expected,
        "{name}: the coded-passages view lists as many"
    );
    let total = workspace.project.annotations.len();
    harness.get_by_label_contains(&format!("{expected} of {total} annotations"));
    chosen
}

/// Shows the stance network as its holder × target matrix (it is drawn as a graph at first).
fn show_network_as_matrix(harness: &mut Harness<'static, GlossApp>) {
    harness.get_by_label("Matrix").click();
    harness.run();
}

/// Reopens the analysis view (Ctrl+Shift+A) on the table it showed.
fn reopen(harness: &mut Harness<'static, GlossApp>) {
    press(harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::A);
    harness.run();
}

/// The busiest inner cell (not a total) of the table shown, and its count.
fn busiest_cell(harness: &Harness<'static, GlossApp>, joiner: &str) -> (String, usize) {
    let names = cells(harness, joiner);
    let name = names
        .iter()
        .filter(|name| !is_total(name, joiner))
        .max_by_key(|name| count_of(name))
        .unwrap_or_else(|| panic!("no cells in {names:?}"))
        .clone();
    let count = count_of(&name);
    assert!(count >= 1, "{name}");
    (name, count)
}

#[test]
fn every_view_drills_down_from_a_cell_and_from_its_totals() {
    let folder = sample_copy();
    let mut harness = open_app_sized(folder.path(), vec2(1400.0, 900.0));
    let all = harness
        .state()
        .workspace()
        .expect("project")
        .project
        .annotations
        .len();
    // (table, joiner of row and column in a cell's name, does it have totals?)
    let views = [
        ("Topic frequencies", " × ", false),
        ("Topic × stance", " × ", true),
        ("Topic × attribute", " × ", true),
        ("Stance network (holder × target)", " → ", true),
        ("Over time", " × ", true),
        ("Co-occurrence", " × ", false),
    ];
    for (table, joiner, has_totals) in views {
        open_table(&mut harness, table);
        if table.starts_with("Stance network") {
            show_network_as_matrix(&mut harness);
        }
        let (name, count) = busiest_cell(&harness, joiner);
        if table == "Co-occurrence" {
            // A co-occurrence cell counts meetings; its passages are every
            // annotation in them, each coded with one of the two topics.
            let passages = count_at_least(&harness, count);
            let chosen = drill_down(&mut harness, &name, passages);
            let project = &harness.state().workspace().expect("project").project;
            let (row, rest) = name.split_once(joiner).expect("row × column");
            let column = rest.rsplit_once(": ").expect("a value").0;
            let named = |topic: &gloss::model::ids::TopicId| {
                let name = project.codebook.topic_name(topic);
                name == row.trim() || name == column
            };
            for id in &chosen {
                let annotation = project
                    .annotations
                    .iter()
                    .find(|a| &a.id == id)
                    .expect("a chosen annotation");
                assert!(annotation.topics.iter().any(named), "{id} in {name}");
            }
        } else {
            drill_down(&mut harness, &name, count);
        }
        reopen(&mut harness);
        if !has_totals {
            continue;
        }
        // The grand total: every annotation the table counts.
        let names = cells(&harness, joiner);
        let grand = names
            .iter()
            .find(|n| n.starts_with(&format!("annotations{joiner}annotations: ")))
            .unwrap_or_else(|| panic!("{table}: no grand total in {names:?}"))
            .clone();
        let grand_count = count_of(&grand);
        if table != "Stance network (holder × target)" {
            assert_eq!(grand_count, all, "{table}: no filter, every annotation");
        }
        drill_down(&mut harness, &grand, grand_count);
        reopen(&mut harness);
        // A row total: the busiest row's distinct annotations.
        let row_total = cells(&harness, joiner)
            .into_iter()
            .filter(|n| n.contains(&format!("{joiner}annotations: ")))
            .filter(|n| !n.starts_with("annotations"))
            .max_by_key(|n| count_of(n))
            .unwrap_or_else(|| panic!("{table}: no row total"));
        let row_count = count_of(&row_total);
        drill_down(&mut harness, &row_total, row_count);
        harness.get_by_label_contains("(row total)");
        reopen(&mut harness);
    }
}

/// A co-occurrence cell's passages: read from the view's own table, as the
/// cell's hover says ("N passage(s)"); at least as many as one meeting has.
fn count_at_least(harness: &Harness<'static, GlossApp>, meetings: usize) -> usize {
    let workspace = harness.state().workspace().expect("project");
    let mut state = gloss::app::analysis_view::AnalysisState::default();
    state.table = gloss::app::analysis_view::TableKind::Cooccurrence;
    let grid = state.grid(workspace, harness.state().retrieval_filter());
    let busiest = grid
        .rows
        .iter()
        .flat_map(|row| &row.cells)
        .filter(|cell| cell.text == meetings.to_string())
        .filter_map(|cell| cell.ids.as_ref())
        .map(Vec::len)
        .max()
        .expect("the cell's passages");
    assert!(busiest >= 2, "a meeting has two topics");
    busiest
}

#[test]
fn frequencies_per_attribute_and_over_time_per_year_drill_down() {
    let folder = sample_copy();
    let mut harness = open_app_sized(folder.path(), vec2(1400.0, 900.0));
    open_table(&mut harness, "Topic frequencies");
    pick(&mut harness, "Per", "outlet");
    let names = cells(&harness, " × ");
    assert!(
        names.iter().any(|n| n.starts_with("Global Times · ")),
        "rows per outlet: {names:?}"
    );
    let (name, count) = busiest_cell(&harness, " × ");
    drill_down(&mut harness, &name, count);
    reopen(&mut harness);
    open_table(&mut harness, "Over time");
    pick(&mut harness, "Date", "date");
    pick(&mut harness, "Period", "year");
    // Only the Global Times article (2020-09-18) is dated: four annotations.
    let year = cells(&harness, " × ")
        .into_iter()
        .find(|n| n.starts_with("2020 × annotations: "))
        .expect("a row for 2020");
    assert_eq!(count_of(&year), 4);
    drill_down(&mut harness, &year, 4);
}

#[test]
fn a_holder_filter_keeps_its_meaning_at_the_level_of_countries() {
    let folder = sample_copy();
    let mut harness = open_app_sized(folder.path(), vec2(1400.0, 900.0));
    // Coded passages filtered to the holder Serbia in its filter column (one
    // passage names Serbia itself as holder).
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::R);
    harness.run();
    if let Some(fold) = harness.query_by_label("Filters…") {
        fold.click(); // the pane is narrow: the filters fold above the passages
        harness.run();
    }
    harness.get_by_label("Holder").scroll_to_me();
    harness.run();
    harness.get_by_label("Holder").click();
    harness.run();
    harness.get_by_label("Serbia  (1)").scroll_to_me();
    harness.run();
    harness.get_by_label("Serbia  (1)").click();
    harness.run();
    assert_eq!(harness.state().retrieval_filter().holders.len(), 1);
    open_table(&mut harness, "Stance network (holder × target)");
    show_network_as_matrix(&mut harness);
    pick(&mut harness, "Actors", "countries");
    // At the level of countries, Serbia's passages include those of Aleksandar
    // Vučić, Ana Brnabić, Ivica Dačić and Miloš Vučević: 8 in the sample.
    let grand = cells(&harness, " → ")
        .into_iter()
        .find(|n| n.starts_with("annotations → annotations: "))
        .expect("a grand total");
    assert_eq!(count_of(&grand), 8);
    drill_down(&mut harness, &grand, 8);
    assert_eq!(
        harness.state().retrieval_filter().actor_level,
        Some(gloss::model::codebook::ActorKind::Country)
    );
}

#[test]
fn the_table_shown_exports_to_csv_and_xlsx() {
    let folder = sample_copy();
    let out = tempfile::tempdir().expect("temp dir");
    let mut harness = open_app_sized(folder.path(), vec2(1400.0, 900.0));
    harness.state_mut().use_in_app_file_picker();
    open_table(&mut harness, "Topic × stance");
    for (entry, file) in [
        ("Table as CSV…", "table.csv"),
        ("Table as Excel workbook (XLSX)…", "table.xlsx"),
    ] {
        harness
            .get_by_label(gloss::app::analysis_view::EXPORT_MENU_LABEL)
            .click();
        harness.run();
        harness.get_by_label(entry).click();
        harness.run();
        let target = out.path().join(file);
        choose_path(&mut harness, &target);
        assert!(
            harness
                .state_mut()
                .wait_for_export(std::time::Duration::from_secs(30))
        );
        harness.run();
        let bytes = std::fs::read(&target).expect("the table was written");
        if file.ends_with(".csv") {
            let text = String::from_utf8(bytes).expect("utf8");
            let mut lines = text.trim_start_matches('\u{feff}').lines();
            assert!(
                lines
                    .next()
                    .is_some_and(|h| h.starts_with("topic \\ stance,")),
                "{text}"
            );
            let last = lines.last().expect("a total row");
            assert!(
                last.starts_with("annotations,") && last.ends_with(",30"),
                "{last}"
            );
        } else {
            assert!(bytes.starts_with(b"PK"), "an XLSX (zip) file");
        }
    }
}
