//! The agreement view and the merge conflicts view on hand-made projects: the
//! view shows the figures `gloss agreement --json` prints; the walk-through's
//! "Take A" settles a disagreement (the list shrinks) and undo brings it back;
//! a recorded merge conflict is resolved from the window and saved.

use super::fixture::{open_app_sized, press, sample_copy, ui_shows};
use egui::{Key, Modifiers, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use gloss::app::GlossApp;
use gloss::app::agreement_view::{take_label, topic_row_name};
use gloss::app::shell::DockView;
use gloss::model::agreement::disagreements::{DisagreementOptions, disagreements};
use serde_json::Value;
use std::path::Path;

/// A copy of the two-coder fixture (ana and ben; cleo and dan code a little too).
fn fixture_copy() -> tempfile::TempDir {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/agreement");
    let folder = tempfile::tempdir().expect("tempdir");
    for entry in std::fs::read_dir(source).expect("fixture") {
        let entry = entry.expect("entry");
        if entry.file_name() != "expected.json" {
            std::fs::copy(entry.path(), folder.path().join(entry.file_name())).expect("copy");
        }
    }
    folder
}

/// `gloss agreement FOLDER --coders ana,ben --json`.
fn cli_report(folder: &Path) -> Value {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(["agreement", folder.to_str().expect("utf-8")])
        .args(["--coders", "ana,ben", "--json"])
        .env("GLOSS_DATA_DIR", folder.join(".data"))
        .env("GLOSS_CONFIG_DIR", folder.join(".config"))
        .output()
        .expect("run gloss");
    assert!(output.status.success(), "{output:?}");
    serde_json::from_slice(&output.stdout).expect("json")
}

/// Scrolls the button named `name` into view and clicks it.
fn click(harness: &mut Harness<'static, GlossApp>, name: &str) {
    harness.get_by_label(name).scroll_to_me();
    harness.run();
    harness.get_by_label(name).click();
    harness.run();
}

/// Is there a node whose accessible name is exactly `name` (labels included)?
fn names_a_node(harness: &Harness<'static, GlossApp>, name: &str) -> bool {
    harness
        .query_all_by(|node| node.label().as_deref() == Some(name))
        .next()
        .is_some()
}

fn open_agreement(folder: &Path, size: egui::Vec2) -> Harness<'static, GlossApp> {
    let mut harness = open_app_sized(folder, size);
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::K);
    harness.run();
    assert_eq!(
        harness.state().preferences().dock.shown(),
        Some(DockView::Agreement)
    );
    harness
}

/// The row name the view gives one character-level entry of the JSON report.
fn row_name(topic: &str, entry: &Value) -> String {
    let pair = &entry["pairs"][0];
    assert_eq!(
        (&pair["first"], &pair["second"]),
        (&"ana".into(), &"ben".into())
    );
    topic_row_name(
        topic,
        ("ana", "ben"),
        (
            pair["percent"].as_f64(),
            pair["kappa"].as_f64(),
            entry["alpha"].as_f64(),
        ),
    )
}

#[test]
fn the_agreement_view_shows_the_figures_gloss_agreement_prints() {
    let folder = fixture_copy();
    let expected = cli_report(folder.path());
    let harness = open_agreement(folder.path(), vec2(1400.0, 900.0));
    let topics = expected["character"]["topics"].as_array().expect("topics");
    assert!(topics.len() >= 3, "{expected}");
    for entry in topics {
        let name = row_name(entry["topic"].as_str().expect("topic"), entry);
        assert!(names_a_node(&harness, &name), "{name}");
    }
    let overall = row_name("(all topics)", &expected["character"]["overall"]);
    // The figures themselves, not just a row: e.g. "(all topics), ana / ben: 80.1 % …".
    assert!(overall.contains(" % agreement, kappa 0."), "{overall}");
    assert!(names_a_node(&harness, &overall), "{overall}");
    let units = expected["character"]["overall"]["units"].to_string();
    assert!(ui_shows(&harness, &units), "{units} units");
    assert_eq!(harness.state().agreement_state().reports_computed(), 1);
}

fn disagreement_count(harness: &Harness<'static, GlossApp>) -> usize {
    let project = &harness.state().workspace().expect("project").project;
    let options = DisagreementOptions {
        first: "ana".into(),
        second: "ben".into(),
        ..DisagreementOptions::default()
    };
    disagreements(project, &options).len()
}

#[test]
fn take_a_settles_a_disagreement_and_undo_brings_it_back() {
    let folder = fixture_copy();
    let mut harness = open_agreement(folder.path(), vec2(1400.0, 900.0));
    let count = disagreement_count(&harness);
    assert!(count >= 3, "the fixture has disagreements: {count}");
    harness.get_by_label(&format!("Disagreement 1 of {count}"));
    // F7 steps through them, Shift+F7 back.
    press(&mut harness, Modifiers::NONE, Key::F7);
    harness.get_by_label(&format!("Disagreement 2 of {count}"));
    press(&mut harness, Modifiers::SHIFT, Key::F7);
    harness.get_by_label(&format!("Disagreement 1 of {count}"));
    let annotations = harness
        .state()
        .workspace()
        .expect("project")
        .project
        .annotations
        .clone();

    click(&mut harness, &take_label('A', "ana"));
    harness.run();
    assert_eq!(disagreement_count(&harness), count - 1);
    harness.get_by_label(&format!("Disagreement 1 of {}", count - 1));
    let project = &harness.state().workspace().expect("project").project;
    for annotation in annotations.iter().filter(|a| a.coder == "ana") {
        assert_eq!(
            project.annotation(&annotation.id),
            Some(annotation),
            "take A leaves A's coding as it was"
        );
    }

    press(&mut harness, Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(disagreement_count(&harness), count);
    harness.get_by_label(&format!("Disagreement 1 of {count}"));
    assert_eq!(
        harness
            .state()
            .workspace()
            .expect("project")
            .project
            .annotations,
        annotations
    );
}

#[test]
fn a_recorded_merge_conflict_is_resolved_in_the_window_and_saved() {
    let folder = sample_copy();
    let project_file = folder.path().join("gloss.json");
    let mut json: Value =
        serde_json::from_slice(&std::fs::read(&project_file).expect("read")).expect("json");
    let annotation = json["annotations"]
        .as_array_mut()
        .expect("annotations")
        .iter_mut()
        .find(|a| a["id"] == "ann-002")
        .expect("ann-002");
    annotation["memo"] = "ours".into();
    json["conflicts"] = serde_json::json!([{
        "kind": "annotation", "id": "ann-002", "field": "memo",
        "base": "", "ours": "ours", "theirs": "theirs", "kept": "ours"
    }]);
    std::fs::write(
        &project_file,
        serde_json::to_string_pretty(&json).expect("json"),
    )
    .expect("write");
    let mut harness = open_app_sized(folder.path(), vec2(800.0, 600.0));
    // The status bar names it; its button opens the list.
    click(&mut harness, "1 merge conflict");
    assert_eq!(
        harness.state().preferences().dock.shown(),
        Some(DockView::Conflicts)
    );
    assert!(ui_shows(&harness, "field: memo"));
    click(&mut harness, "Take theirs: annotation ann-002 memo");
    harness.run();
    let project = &harness.state().workspace().expect("project").project;
    assert!(project.conflicts.is_empty());
    assert_eq!(
        project
            .annotation(&"ann-002".into())
            .map(|a| a.memo.as_str()),
        Some("theirs")
    );
    assert!(ui_shows(&harness, "No merge conflicts are recorded."));
    assert!(
        harness.query_by_label("1 merge conflict").is_none(),
        "the status bar's button is gone"
    );

    press(&mut harness, Modifiers::COMMAND, Key::S);
    let saved: Value =
        serde_json::from_slice(&std::fs::read(&project_file).expect("read")).expect("json");
    assert!(
        saved.get("conflicts").is_none(),
        "the record is gone on disk"
    );
    let memo = saved["annotations"]
        .as_array()
        .expect("annotations")
        .iter()
        .find(|a| a["id"] == "ann-002")
        .map(|a| a["memo"].clone());
    assert_eq!(memo, Some("theirs".into()));
}

#[test]
fn unify_from_the_palette_makes_same_name_topics_one_and_undo_splits_them_again() {
    use gloss::app::palette::SEARCH_LABEL;
    let folder = sample_copy();
    let project_file = folder.path().join("gloss.json");
    let mut json: Value =
        serde_json::from_slice(&std::fs::read(&project_file).expect("read")).expect("json");
    json["codebook"]["topics"]
        .as_array_mut()
        .expect("topics")
        .push(serde_json::json!({"id": "topic-vaccines-ben", "name": "Vaccine diplomacy", "color": "#AA3366"}));
    let moved = json["annotations"][0]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    json["annotations"][0]["topics"] = serde_json::json!(["topic-vaccines-ben"]);
    std::fs::write(
        &project_file,
        serde_json::to_string_pretty(&json).expect("json"),
    )
    .expect("write");
    let mut harness = open_app_sized(folder.path(), vec2(1400.0, 900.0));
    let topics_of = |harness: &Harness<'static, GlossApp>| {
        let project = &harness.state().workspace().expect("project").project;
        let ids: Vec<String> = project
            .codebook
            .topics
            .iter()
            .map(|t| t.id.to_string())
            .collect();
        let moved = project.annotation(&moved.as_str().into()).expect("kept");
        (
            ids,
            moved
                .topics
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
        )
    };
    let (before, _) = topics_of(&harness);
    press(&mut harness, Modifiers::COMMAND, Key::P);
    harness
        .get_by_label(SEARCH_LABEL)
        .type_text("unify codebook entries");
    harness.run();
    press(&mut harness, Modifiers::NONE, Key::Enter);
    let (after, coded) = topics_of(&harness);
    assert_eq!(after.len(), before.len() - 1);
    assert!(!after.contains(&"topic-vaccines-ben".to_owned()));
    assert_eq!(coded, ["topic-vaccines"]);
    assert!(ui_shows(
        &harness,
        "Unified topic “Vaccine diplomacy” (2 entries, 1 annotation(s))"
    ));
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    let (undone, coded) = topics_of(&harness);
    assert_eq!(undone.len(), before.len());
    assert_eq!(coded, ["topic-vaccines-ben"]);
}
