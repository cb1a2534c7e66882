//! The stance network drawn as a graph, on the sample at country level: the
//! Serbia → China arrow is an accessible button that lists exactly its
//! passages in Coded passages (as many as it counts: 7 on the sample), a
//! dragged node moves and stays where it was put, and the Matrix switch
//! shows the same edge as a cell.

use super::analysis::{open_table, pick};
use super::fixture::{drag, open_app_sized, sample_copy};
use egui::{Rect, Vec2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use gloss::app::GlossApp;

const NETWORK: &str = "Stance network (holder × target)";

/// The accessible name of the first widget whose name starts with `prefix`.
fn name_starting(harness: &Harness<'static, GlossApp>, prefix: &str) -> String {
    harness
        .query_all_by(|node| node.label().is_some_and(|l| l.starts_with(prefix)))
        .filter_map(|node| node.accesskit_node().label())
        .next()
        .unwrap_or_else(|| panic!("nothing named {prefix}…"))
}

fn rect_of(harness: &Harness<'static, GlossApp>, name: &str) -> Rect {
    harness.get_by_label(name).rect()
}

#[test]
fn the_serbia_china_arrow_lists_exactly_its_passages() {
    let folder = sample_copy();
    let mut harness = open_app_sized(folder.path(), vec2(1400.0, 900.0));
    open_table(&mut harness, NETWORK);
    pick(&mut harness, "Actors", "countries");
    // The graph is the default; its arrow has the matrix cell's name.
    let edge = name_starting(&harness, "Serbia → China: ");
    assert_eq!(edge, "Serbia → China: 7 (+6)");
    harness.get_by_label_contains("Stance network graph");
    let chosen = super::analysis::click_to_drill_down(&mut harness, &edge);
    let app = harness.state();
    assert_eq!(chosen.len(), 7);
    // Each is held by Serbia (or one of its own) toward China (or one of its own).
    let project = &app.workspace().expect("project").project;
    let codebook = &project.codebook;
    let country_of = |id: &gloss::model::ids::ActorId| {
        let mut actor = codebook.actors.iter().find(|a| &a.id == id).expect("actor");
        while let Some(parent) = &actor.belongs_to {
            actor = codebook
                .actors
                .iter()
                .find(|a| &a.id == parent)
                .expect("parent");
        }
        actor.name.clone()
    };
    for id in &chosen {
        let annotation = project
            .annotations
            .iter()
            .find(|a| &a.id == id)
            .expect("kept");
        assert_eq!(
            country_of(annotation.holder.as_ref().expect("holder")),
            "Serbia"
        );
        assert_eq!(
            country_of(annotation.target.as_ref().expect("target")),
            "China"
        );
    }
    let total = project.annotations.len();
    harness.get_by_label_contains(&format!("7 of {total} annotations"));
}

/// Where the widget called `name` sits in the canvas (its centre, from the
/// canvas's corner: the same wherever the pane is scrolled).
fn in_canvas(harness: &Harness<'static, GlossApp>, name: &str) -> Vec2 {
    rect_of(harness, name).center() - rect_of(harness, "Stance network graph").min
}

#[test]
fn a_dragged_node_moves_and_stays_and_the_matrix_shows_the_same_edge() {
    let folder = sample_copy();
    let mut harness = open_app_sized(folder.path(), vec2(800.0, 600.0));
    open_table(&mut harness, NETWORK);
    pick(&mut harness, "Actors", "countries");
    let node = name_starting(&harness, "Kosovo: ");
    let arrow = name_starting(&harness, "China → Kosovo: ");
    // The pane is short at this size: the canvas scrolls into view.
    harness.get_by_label(&node).scroll_to_me();
    harness.run();
    let (before, arrow_before) = (in_canvas(&harness, &node), in_canvas(&harness, &arrow));
    let canvas = rect_of(&harness, "Stance network graph");
    // 40 points toward the middle of the canvas, wherever the layout put it.
    let from = canvas.min + before;
    let goal = from + (canvas.center() - from).normalized() * 40.0;
    drag(&mut harness, from, goal);
    let after = in_canvas(&harness, &node);
    assert!(
        (after - (goal - canvas.min)).length() < 3.0,
        "{before:?} → {after:?}, wanted {:?}",
        goal - canvas.min
    );
    // Its arrow follows it.
    assert!((in_canvas(&harness, &arrow) - arrow_before).length() > 10.0);
    // Later frames, and a round trip through another table, keep it there.
    harness.run();
    harness.run();
    pick(&mut harness, "Table", "Topic × stance");
    pick(&mut harness, "Table", NETWORK);
    assert!((in_canvas(&harness, &node) - after).length() < 0.5);
    // "Lay out again" puts it back.
    harness.get_by_label("Lay out again").scroll_to_me();
    harness.run();
    harness.get_by_label("Lay out again").click();
    harness.run();
    assert!((in_canvas(&harness, &node) - before).length() < 0.5);
    // The matrix shows the same edge as a cell.
    harness.get_by_label("Matrix").click();
    harness.run();
    assert!(harness.query_by_label("Stance network graph").is_none());
    let cell = name_starting(&harness, "Serbia → China: ");
    assert_eq!(cell, "Serbia → China: 7 (+6)");
}

/// Every node and arrow is described to AccessKit by its hover text (its
/// passages per stance), though a frame makes the hover texts only for the
/// widgets that need them.
#[test]
fn nodes_and_arrows_are_described_by_their_passages_per_stance() {
    let folder = sample_copy();
    let mut harness = open_app_sized(folder.path(), vec2(1400.0, 900.0));
    open_table(&mut harness, NETWORK);
    pick(&mut harness, "Actors", "countries");
    let description = |harness: &Harness<'static, GlossApp>, name: &str| {
        harness
            .get_by_label(name)
            .accesskit_node()
            .description()
            .unwrap_or_default()
    };
    let arrow = description(&harness, "Serbia → China: 7 (+6)");
    assert!(
        arrow.starts_with("Serbia → China: 7 passage(s)\nsupportive 6, mixed 1\nnet polarity +6"),
        "{arrow}"
    );
    let serbia = name_starting(&harness, "Serbia: ");
    let node = description(&harness, &serbia);
    assert!(
        node.contains("as holder 8: supportive 6, critical 1, mixed 1"),
        "{node}"
    );
    assert!(
        node.contains("as target 3: supportive 1, critical 2"),
        "{node}"
    );
}
