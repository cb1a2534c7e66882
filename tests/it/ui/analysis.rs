//! The analysis view on the sample: topic × stance, a click on a cell lists
//! exactly the passages behind it in Coded passages (as many as the cell
//! counts, each with the cell's topic and stance); the stance network rolled up
//! to countries shows Serbia → China as supportive.

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
        .filter(|name| !name.contains("× annotations:"))
        .max_by_key(|name| count_of(name))
        .expect("topic × stance cells")
        .clone();
    let count = count_of(&name);
    assert!(count >= 2, "{name}");
    let (topic_label, rest) = name.split_once(" × ").expect("row × column");
    let stance_label = rest.split_once(": ").expect("a value").0;
    harness.get_by_label(&name).scroll_to_me();
    harness.run();
    harness.get_by_label(&name).click();
    harness.run();
    harness.run();

    let app = harness.state();
    assert_eq!(
        app.preferences().dock.shown(),
        Some(DockView::CodedPassages)
    );
    let chosen = app
        .retrieval_filter()
        .annotation_ids
        .clone()
        .expect("the cell's annotations");
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
