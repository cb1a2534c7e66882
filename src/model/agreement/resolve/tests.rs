//! Take A, take B, keep both: each settles its run (the list shrinks by one),
//! touches nothing else, and its inverse gives back the project exactly.

use super::{Coders, Resolution, resolve_disagreement};
use crate::model::agreement::disagreements::{
    Difference, Disagreement, DisagreementOptions, disagreements,
};
use crate::model::format::project_from_json;
use crate::model::project::Project;
use serde_json::{Value, json};

const TEXT: &str = "Health and the economy of the country. Agreed here.";
const CODERS: Coders<'static> = Coders {
    first: "ana",
    second: "ben",
};

fn annotation(id: &str, coder: &str, (start, end): (usize, usize), stance: Option<&str>) -> Value {
    let exact: String = TEXT.chars().skip(start).take(end - start).collect();
    json!({
        "id": id, "document": "doc-1", "start": start, "end": end,
        "anchor": {"exact": exact, "prefix": "", "suffix": ""},
        "topics": ["topic-health"], "stance": stance, "memo": format!("{id}'s memo"),
        "coder": coder, "created": "2026-12-01T10:00:00Z", "modified": "2026-12-01T10:00:00Z"
    })
}

/// ana and ben: different boundaries and stance at the start, a passage only
/// ana coded, one only ben coded, and one they agree on.
fn project() -> Project {
    let value = json!({
        "format": "gloss-project", "version": 1,
        "documents": [{"id": "doc-1", "path": "a.txt", "sha256": "aaa", "attributes": {}}],
        "codebook": {
            "topics": [{"id": "topic-health", "name": "Health", "color": "#112233"}],
            "stances": [{"id": "stance-pro", "name": "supportive", "color": "#00AA00", "polarity": 1}]
        },
        "annotations": [
            annotation("ann-a1", "ana", (0, 6), Some("stance-pro")),
            annotation("ann-b1", "ben", (0, 10), None),
            annotation("ann-a2", "ana", (11, 22), None),
            annotation("ann-b3", "ben", (23, 37), None),
            annotation("ann-a4", "ana", (39, 45), None),
            annotation("ann-b4", "ben", (39, 45), None),
            annotation("ann-c1", "cleo", (0, 6), None)
        ]
    });
    project_from_json(&value.to_string()).expect("test project")
}

fn options() -> DisagreementOptions {
    DisagreementOptions {
        first: "ana".into(),
        second: "ben".into(),
        ..DisagreementOptions::default()
    }
}

fn list(project: &Project) -> Vec<Disagreement> {
    disagreements(project, &options())
}

#[test]
fn the_runs_where_two_coders_differ_are_listed_with_how() {
    let found = list(&project());
    let summary: Vec<(usize, usize, Vec<Difference>)> = found
        .iter()
        .map(|d| (d.start, d.end, d.differences.clone()))
        .collect();
    assert_eq!(
        summary,
        [
            (0, 10, vec![Difference::Boundaries, Difference::Stance]),
            (11, 22, vec![Difference::OnlyFirst]),
            (23, 37, vec![Difference::OnlySecond]),
        ]
    );
}

/// Applies `resolution` to the disagreement at `index`; checks the list
/// shrinks, the inverse restores the project; returns the project after it.
fn settle(index: usize, resolution: Resolution) -> Project {
    let mut project = project();
    let before = project.clone();
    let found = list(&project);
    let edit = resolve_disagreement(
        &project,
        &found[index],
        CODERS,
        resolution,
        "2026-12-03T10:00:00Z",
    )
    .expect("fresh");
    project.apply(&edit).expect("applies");
    let after = project.clone();
    let remaining = list(&project);
    assert_eq!(remaining.len(), found.len() - 1, "{resolution:?}");
    assert!(!remaining.contains(&found[index]));
    assert_eq!(
        project.annotation(&"ann-c1".into()),
        before.annotation(&"ann-c1".into()),
        "a third coder's passage is untouched"
    );
    project.apply(&edit.inverse()).expect("the inverse applies");
    assert_eq!(project.annotations, before.annotations, "{resolution:?}");
    assert_eq!(list(&project), found);
    after
}

#[test]
fn take_a_gives_the_second_coder_the_first_coders_passage_keeping_its_id_and_memo() {
    let after = settle(0, Resolution::TakeFirst);
    let ben = after.annotation(&"ann-b1".into()).expect("kept");
    assert_eq!((ben.start.0, ben.end.0), (0, 6));
    assert_eq!(ben.stance.as_ref().map(|s| s.as_str()), Some("stance-pro"));
    assert_eq!(
        (ben.coder.as_str(), ben.memo.as_str()),
        ("ben", "ann-b1's memo")
    );
    let ana = after.annotation(&"ann-a1".into()).expect("kept");
    assert_eq!(
        Some(ana),
        project().annotation(&"ann-a1".into()),
        "A is untouched"
    );
}

#[test]
fn take_b_gives_the_first_coder_the_second_coders_passage() {
    let after = settle(0, Resolution::TakeSecond);
    let ana = after.annotation(&"ann-a1".into()).expect("kept");
    assert_eq!((ana.start.0, ana.end.0, ana.stance.clone()), (0, 10, None));
}

#[test]
fn taking_a_passage_only_one_coded_copies_or_deletes_it() {
    let copied = settle(1, Resolution::TakeFirst);
    let copies: Vec<_> = copied
        .annotations
        .iter()
        .filter(|a| a.coder == "ben" && a.start.0 == 11)
        .collect();
    assert_eq!(copies.len(), 1);
    assert_ne!(copies[0].id.as_str(), "ann-a2");
    assert_eq!(copies[0].memo, "", "the memo stays the first coder's");
    let deleted = settle(1, Resolution::TakeSecond);
    assert!(deleted.annotation(&"ann-a2".into()).is_none());
}

#[test]
fn keep_both_gives_each_coder_both_codings() {
    let after = settle(0, Resolution::KeepBoth);
    for coder in ["ana", "ben"] {
        let mut places: Vec<(usize, usize)> = after
            .annotations
            .iter()
            .filter(|a| a.coder == coder && a.start.0 == 0)
            .map(|a| (a.start.0, a.end.0))
            .collect();
        places.sort_unstable();
        assert_eq!(places, [(0, 6), (0, 10)], "{coder}");
    }
}
