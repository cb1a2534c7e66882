//! The search panel driven through egui_kittest: searching off the UI thread,
//! replacing results, re-searching changed documents, saved searches.

use super::{SearchPanelState, search_panel_ui};
use crate::app::intent::Intent;
use crate::model::document::LoadedText;
use crate::model::search::{MatchMode, SavedSearch, SearchQuery};
use crate::model::workspace::Workspace;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use std::time::Duration;

struct Fixture {
    panel: SearchPanelState,
    workspace: Workspace,
    intents: Vec<Intent>,
}

fn harness() -> Harness<'static, Fixture> {
    let mut harness = Harness::builder().with_size([700.0, 600.0]).build_ui_state(
        |ui, fixture: &mut Fixture| {
            let intents = search_panel_ui(ui, &mut fixture.panel, &fixture.workspace, "tester");
            fixture.intents.extend(intents);
        },
        Fixture {
            panel: SearchPanelState::default(),
            workspace: crate::sample::workspace().expect("sample project"),
            intents: Vec::new(),
        },
    );
    crate::app::theme::install(&harness.ctx);
    harness.step();
    harness
}

/// Starts the search of the query just set, and waits for its thread to finish.
fn wait_for_results(harness: &mut Harness<'_, Fixture>) {
    harness.step();
    harness
        .state_mut()
        .panel
        .wait_for_search(Duration::from_secs(5));
    harness.step();
    assert!(!harness.state().panel.is_searching(), "the search finishes");
}

#[test]
fn searches_off_the_ui_thread_and_codes_all_hits_in_one_undoable_edit() {
    let mut harness = harness();
    harness.state_mut().panel.query = SearchQuery::plain("Vucic");
    wait_for_results(&mut harness);
    let hits = harness.state().panel.hit_count();
    assert!(hits >= 3, "the sample mentions Vučić: {hits}");

    harness.get_by_label("Code the hits").click();
    harness.step();
    let topic = harness.state().workspace.project.codebook.topics[0]
        .id
        .clone();
    harness.state_mut().panel.coding.topics = vec![topic.clone()];
    harness.step();
    harness
        .get_by_label(&format!("Apply to all {hits}"))
        .click();
    harness.step();
    harness.step();

    let fixture = harness.state();
    let edits: Vec<_> = fixture
        .intents
        .iter()
        .filter_map(|intent| match intent {
            Intent::ApplyEdit(edit) => Some(edit.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(edits.len(), 1, "one edit for all hits");
    let mut workspace = fixture.workspace.clone();
    let before = workspace.project.annotations.clone();
    workspace.apply(*edits[0].clone()).expect("applies");
    let coded: Vec<_> = workspace
        .project
        .annotations
        .iter()
        .filter(|a| !before.contains(a))
        .collect();
    assert!(!coded.is_empty() && coded.len() <= hits);
    assert!(
        coded
            .iter()
            .all(|a| a.coder == "tester" || before.iter().any(|b| b.id == a.id)),
        "new annotations carry the coder the app passed"
    );
    workspace.undo().expect("undo").expect("one step");
    assert_eq!(workspace.project.annotations, before);
}

#[test]
fn a_changed_query_replaces_the_results_and_errors_are_shown() {
    let mut harness = harness();
    harness.state_mut().panel.query = SearchQuery::plain("Huawei");
    wait_for_results(&mut harness);
    let huawei = harness.state().panel.hit_count();
    assert!(huawei > 0);
    harness.state_mut().panel.query.whole_word = true;
    harness.state_mut().panel.query.text = "Huawe".into();
    wait_for_results(&mut harness);
    assert_eq!(
        harness.state().panel.hit_count(),
        0,
        "`Huawe` is not a whole word"
    );
    harness.state_mut().panel.query.mode = MatchMode::Regex;
    harness.state_mut().panel.query.text = "hua(".into();
    harness.step();
    harness.get_by_label_contains("invalid regular expression");
}

#[test]
fn a_document_added_to_the_workspace_is_searched_again() {
    let mut harness = harness();
    harness.state_mut().panel.query = SearchQuery::plain("Вучић");
    wait_for_results(&mut harness);
    let before = harness.state().panel.hit_count();
    let loaded = LoadedText::from_string("Vučić, Вучић и VUCIC.");
    let record = crate::model::document::DocumentRecord::new("new.txt", &loaded.sha256);
    let fixture = harness.state_mut();
    fixture.workspace.texts.insert(record.id.clone(), loaded);
    fixture.workspace.project.documents.push(record);
    wait_for_results(&mut harness);
    assert_eq!(harness.state().panel.hit_count(), before + 3);
}

#[test]
fn saved_searches_are_kept_and_run() {
    let mut panel = SearchPanelState::default();
    let saved = SavedSearch {
        name: "Vučić, fuzzy".into(),
        query: SearchQuery {
            mode: MatchMode::Fuzzy,
            ..SearchQuery::plain("Vucic")
        },
    };
    panel.saved_searches.push(saved.clone());
    panel.run_saved(&saved);
    assert_eq!(panel.query, saved.query);
    assert!(panel.run_requested && panel.focus_requested);
    assert_eq!(panel.saved_searches(), [saved]);
}
