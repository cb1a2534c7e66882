//! Coders in the window: the coder filter of the reader (shared with coded
//! passages and the analysis view) shows only the chosen coder's passages and
//! says how many it hides; the comparison of two coders on one document lists
//! the differences with the right kinds and scrolls both texts to a clicked one.

use super::fixture::{open_app_sized, press, sample_copy, ui_shows};
use egui::{Key, Modifiers, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use gloss::app::GlossApp;
use gloss::app::coder_compare::{CODER_A_LABEL, CODER_B_LABEL, SHOW_IN_READER_LABEL};
use gloss::app::coder_filter::{CODER_FILTER_LABEL, SHOW_ALL_CODERS_LABEL};
use gloss::app::intent::Intent;
use gloss::app::shell::DockView;
use gloss::model::agreement::compare::ComparisonKind;
use gloss::model::annotation::Annotation;
use gloss::model::edit::Edit;
use gloss::model::text::CharRange;

/// The second coder of the tests (the sample's passages are coder "sample"'s).
const BEN: &str = "Ben";

/// What the test project holds beside the sample's 30 passages of "sample".
struct TwoCoders {
    /// "sample"'s passages in the shown document.
    sample_here: usize,
    /// Ben's passages in the shown document (one more elsewhere).
    ben_here: usize,
}

/// Adds Ben's passages to the shown document: one coded as "sample" coded it,
/// one with another stance, one with wider boundaries, one where "sample"
/// coded nothing; and one in another document.
fn add_ben(harness: &mut Harness<'static, GlossApp>) -> TwoCoders {
    let app = harness.state();
    let workspace = app.workspace().expect("project");
    let document = app.current_document().expect("a document").clone();
    let mut sample: Vec<&Annotation> = workspace.project.annotations_of(&document).collect();
    sample.sort_by_key(|a| a.start);
    assert!(sample.len() >= 5, "the sample document has passages");
    assert!(
        sample.windows(2).all(|w| w[0].end <= w[1].start),
        "the sample's passages here do not overlap each other"
    );
    let len = workspace.text(&document).expect("text").text.len_chars();
    let ben = |range: CharRange, from: &Annotation| -> Annotation {
        workspace
            .new_annotation(&document, range, BEN, "2026-12-03T09:00:00Z")
            .expect("a passage")
            .with_coding(from.coding(), "2026-12-03T09:00:00Z")
    };
    let same = ben(sample[0].range(), sample[0]);
    let mut other_stance = ben(sample[1].range(), sample[1]);
    let stance = workspace
        .project
        .codebook
        .stances
        .iter()
        .find(|s| Some(&s.id) != sample[1].stance.as_ref())
        .expect("another stance");
    other_stance.stance = Some(stance.id.clone());
    let wider = ben(
        CharRange::new(
            sample[2].start.0.saturating_sub(5),
            (sample[2].end.0 + 5).min(len),
        ),
        sample[2],
    );
    // Where nothing is coded: the first long gap between two of the sample's passages.
    let gap = sample
        .windows(2)
        .find(|w| w[1].start.0 - w[0].end.0 > 80)
        .map(|w| w[0].end.0 + 20)
        .expect("a gap");
    let alone = ben(CharRange::new(gap, gap + 30), sample[0]);
    let elsewhere = {
        let other = workspace
            .project
            .documents
            .iter()
            .find(|d| d.id != document)
            .expect("another document");
        workspace
            .new_annotation(
                &other.id,
                CharRange::new(10, 40),
                BEN,
                "2026-12-03T09:00:00Z",
            )
            .expect("a passage")
    };
    let counts = TwoCoders {
        sample_here: sample.len(),
        ben_here: 4,
    };
    let edits = [same, other_stance, wider, alone, elsewhere]
        .into_iter()
        .map(Edit::add_annotation)
        .collect();
    harness
        .state_mut()
        .apply_intent(Intent::ApplyEdit(Box::new(Edit::batch("Ben codes", edits))));
    harness.run();
    counts
}

#[test]
fn choosing_a_coder_shows_only_their_passages_in_the_reader_and_coded_passages() {
    let folder = sample_copy();
    let mut harness = open_app_sized(folder.path(), vec2(1400.0, 900.0));
    let two = add_ben(&mut harness);
    let total_here = two.sample_here + two.ben_here;
    assert_eq!(harness.state().reader_state().shown_passages(), total_here);
    assert!(!ui_shows(&harness, "of other coders hidden"));

    harness.get_by_label(CODER_FILTER_LABEL).click();
    harness.run();
    harness.get_by_label("Ben  (5)").click();
    harness.run();
    // Several coders may be ticked: the list stays open until the picker is clicked again.
    assert!(ui_shows(&harness, "sample  (30)"));
    harness.get_by_label(CODER_FILTER_LABEL).click();
    harness.run();
    harness.run();
    assert!(!ui_shows(&harness, "sample  (30)"));
    let reader = harness.state().reader_state();
    assert_eq!(reader.shown_passages(), two.ben_here);
    assert_eq!(reader.hidden_by_coder_filter(), two.sample_here);
    let hidden = format!("{} passages of other coders hidden", two.sample_here);
    assert!(ui_shows(&harness, &hidden), "the reader says what it hides");
    let listed = format!(
        "Annotations in this document ({} of {total_here})",
        two.ben_here
    );
    assert!(
        ui_shows(&harness, &listed),
        "the list beside the reader follows"
    );
    assert_eq!(
        harness.state().retrieval_filter().coders,
        vec![BEN.to_owned()]
    );

    // Coded passages list Ben's 5 of the 35, and the analysis view reads the same filter.
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::R);
    harness.run();
    assert!(ui_shows(&harness, "5 of 35 annotations"));
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::A);
    harness.run();
    assert!(ui_shows(&harness, "coder: Ben"));

    harness.get_by_label(SHOW_ALL_CODERS_LABEL).click();
    harness.run();
    harness.run();
    assert!(harness.state().retrieval_filter().coders.is_empty());
    assert_eq!(harness.state().reader_state().shown_passages(), total_here);
}

/// Accessible names of the rows of the list of differences that start with `kind`.
fn rows(harness: &Harness<'static, GlossApp>, kind: &str) -> Vec<String> {
    let prefix = format!("{kind}: “");
    let mut names: Vec<String> = harness
        .query_all_by(|node| node.label().is_some_and(|l| l.starts_with(&prefix)))
        .filter_map(|node| node.accesskit_node().label())
        .collect();
    names.dedup();
    names
}

fn pick(harness: &mut Harness<'static, GlossApp>, picker: &str, choice: &str) {
    harness.get_by_label(picker).click();
    harness.run();
    harness.get_by_label(choice).click();
    harness.run();
    harness.run();
}

#[test]
fn comparing_two_coders_lists_each_difference_with_its_kind_and_scrolls_both_texts_to_it() {
    let folder = sample_copy();
    let mut harness = open_app_sized(folder.path(), vec2(1400.0, 900.0));
    let two = add_ben(&mut harness);
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::D);
    harness.run();
    assert_eq!(
        harness.state().preferences().dock.shown(),
        Some(DockView::CompareCoders)
    );
    pick(&mut harness, CODER_A_LABEL, "sample  (30)");
    pick(&mut harness, CODER_B_LABEL, "Ben  (5)");
    let comparison = harness
        .state()
        .coder_compare()
        .comparison()
        .expect("compared")
        .clone();
    assert_eq!(
        (comparison.first.as_str(), comparison.second.as_str()),
        ("sample", BEN)
    );
    assert_eq!(
        Some(&comparison.document),
        harness.state().current_document(),
        "the reader's document is compared"
    );
    let only_sample = two.sample_here - 3;
    assert_eq!(rows(&harness, "Only sample").len(), only_sample);
    assert_eq!(rows(&harness, "Only Ben").len(), 1);
    assert_eq!(rows(&harness, "Different codes (stance)").len(), 1);
    assert_eq!(rows(&harness, "Different boundaries").len(), 1);
    assert!(
        rows(&harness, "Same").is_empty(),
        "agreements are counted, not listed"
    );
    assert!(ui_shows(
        &harness,
        &format!(
            "{only_sample} only sample · 1 only Ben · 1 different codes · 1 different boundaries · 1 same"
        )
    ));
    assert_eq!(comparison.count(ComparisonKind::Same), 1);

    // The last difference is far down: a click scrolls both texts to it, alike.
    let last = rows(&harness, "Only sample").pop().expect("a row");
    assert_eq!(
        harness.state().coder_compare().scroll_offsets_points(),
        [0.0, 0.0]
    );
    harness.get_by_label(&last).click();
    harness.run();
    harness.run();
    let compare = harness.state().coder_compare();
    let chosen = compare.selected_place().expect("a difference chosen");
    assert_eq!(chosen.kind, ComparisonKind::OnlyFirst);
    let [a, b] = compare.scroll_offsets_points();
    assert!(a > 100.0, "text A scrolled to the difference ({a})");
    assert!((a - b).abs() < 1.0, "both texts scrolled alike ({a}, {b})");
}

#[test]
fn in_a_small_window_a_difference_shows_the_texts_and_opens_in_the_reader() {
    let folder = sample_copy();
    let mut harness = open_app_sized(folder.path(), vec2(800.0, 600.0));
    add_ben(&mut harness);
    // The pane under the reader dragged taller, as a user would to see the list.
    harness.state_mut().preferences_mut().dock.height_fraction = 0.8;
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::D);
    harness.run();
    // Too narrow for the list beside the texts: the list shows first, then a click shows the texts.
    let last = rows(&harness, "Only sample").pop().expect("a row");
    assert!(
        !ui_shows(&harness, "A: sample"),
        "the texts wait behind their tab"
    );
    harness.get_by_label(&last).click();
    harness.run();
    harness.run();
    assert!(ui_shows(&harness, "A: Ben") || ui_shows(&harness, "A: sample"));
    assert!(
        rows(&harness, "Only sample").is_empty(),
        "the list gave way to the texts"
    );
    let place = harness
        .state()
        .coder_compare()
        .selected_place()
        .expect("chosen")
        .span();
    assert_eq!(harness.state().reader_state().scroll_offset_points(), 0.0);
    harness.get_by_label(SHOW_IN_READER_LABEL).click();
    harness.run();
    harness.run();
    harness.run();
    let app = harness.state();
    assert!(
        app.reader_state().scroll_offset_points() > 0.0,
        "the reader scrolled to the difference at {place:?}"
    );
}
