//! Unit tests of the merge rules on small hand-made projects.

use super::{EntityKind, Kept, merge_three_way};
use crate::model::format::{project_from_json, project_to_json};
use crate::model::merge::unrelated::merge_unrelated;
use crate::model::project::Project;
use serde_json::{Value, json};

/// An annotation of doc-1 ("Health and the economy of the country") as the
/// project file writes it (also used by `resolve`'s tests).
pub(super) fn annotation(id: &str, start: u64, end: u64, memo: &str) -> Value {
    let text = "Health and the economy of the country";
    let exact: String = text
        .chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect();
    json!({
        "id": id, "document": "doc-1", "start": start, "end": end,
        "anchor": {"exact": exact, "prefix": "", "suffix": ""},
        "topics": ["topic-health"], "memo": memo, "coder": "ana",
        "created": "2026-12-01T10:00:00Z", "modified": "2026-12-01T10:00:00Z"
    })
}

fn base_value() -> Value {
    json!({
        "format": "gloss-project", "version": 1,
        "documents": [{"id": "doc-1", "path": "a.txt", "sha256": "aaa", "attributes": {}}],
        "codebook": {
            "topics": [
                {"id": "topic-health", "name": "Health", "color": "#112233"},
                {"id": "topic-economy", "name": "Economy", "color": "#445566"}
            ],
            "stances": [{"id": "stance-pro", "name": "supportive", "color": "#00AA00", "polarity": 1}],
            "actors": [{"id": "actor-a", "name": "Serbia"}]
        },
        "annotations": [annotation("ann-1", 0, 6, "first"), annotation("ann-2", 11, 18, "second")]
    })
}

fn parse(value: &Value) -> Project {
    match project_from_json(&value.to_string()) {
        Ok(project) => project,
        Err(error) => panic!("test project does not parse: {error}"),
    }
}

/// The annotation `id` of a project value, to change it in place.
fn ann<'a>(value: &'a mut Value, id: &str) -> &'a mut Value {
    let list = value["annotations"].as_array_mut().expect("annotations");
    list.iter_mut().find(|a| a["id"] == id).expect("annotation")
}

fn remove_ann(value: &mut Value, id: &str) {
    let list = value["annotations"].as_array_mut().expect("annotations");
    list.retain(|a| a["id"] != id);
}

fn merge(base: &Value, ours: &Value, theirs: &Value) -> super::MergeOutcome {
    merge_three_way(&parse(base), &parse(ours), &parse(theirs))
}

fn ids(project: &Project) -> Vec<&str> {
    project.annotations.iter().map(|a| a.id.as_str()).collect()
}

#[test]
fn identical_sides_merge_to_the_same_project() {
    let base = base_value();
    let outcome = merge(&base, &base, &base);
    assert_eq!(outcome.project, parse(&base));
    assert!(outcome.new_conflicts.is_empty());
}

#[test]
fn additions_from_both_sides_are_kept() {
    let base = base_value();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ours["annotations"]
        .as_array_mut()
        .unwrap()
        .push(annotation("ann-ours", 0, 2, ""));
    theirs["annotations"]
        .as_array_mut()
        .unwrap()
        .push(annotation("ann-theirs", 19, 22, ""));
    theirs["codebook"]["actors"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "actor-b", "name": "China"}));
    let outcome = merge(&base, &ours, &theirs);
    assert_eq!(
        ids(&outcome.project),
        ["ann-ours", "ann-1", "ann-2", "ann-theirs"]
    );
    assert_eq!(outcome.project.codebook.actors.len(), 2);
    assert!(outcome.new_conflicts.is_empty());
}

#[test]
fn a_deletion_on_one_side_is_honoured() {
    let base = base_value();
    let mut theirs = base.clone();
    remove_ann(&mut theirs, "ann-2");
    let mut ours = base.clone();
    ours["codebook"]["topics"].as_array_mut().unwrap().pop();
    let outcome = merge(&base, &ours, &theirs);
    assert_eq!(ids(&outcome.project), ["ann-1"]);
    assert_eq!(outcome.project.codebook.topics.len(), 1);
    assert!(outcome.new_conflicts.is_empty());
}

#[test]
fn a_deletion_of_what_the_other_side_changed_keeps_it_with_a_conflict() {
    let base = base_value();
    let mut ours = base.clone();
    ann(&mut ours, "ann-2")["memo"] = json!("changed by ours");
    let mut theirs = base.clone();
    remove_ann(&mut theirs, "ann-2");
    let outcome = merge(&base, &ours, &theirs);
    assert_eq!(ids(&outcome.project), ["ann-1", "ann-2"]);
    assert_eq!(outcome.project.annotations[1].memo, "changed by ours");
    let [conflict] = outcome.new_conflicts.as_slice() else {
        panic!("one conflict expected: {:?}", outcome.new_conflicts)
    };
    assert_eq!(
        (conflict.kind, conflict.field.as_deref()),
        (EntityKind::Annotation, None)
    );
    assert_eq!(
        (conflict.theirs.clone(), conflict.kept),
        (Value::Null, Kept::Ours)
    );
    assert_eq!(conflict.base["memo"], "second");
    // The other way round: ours deleted, theirs changed.
    let outcome = merge(&base, &theirs, &ours);
    assert_eq!(ids(&outcome.project), ["ann-1", "ann-2"]);
    assert_eq!(outcome.new_conflicts[0].kept, Kept::Theirs);
}

#[test]
fn fields_changed_on_one_side_each_are_taken() {
    let base = base_value();
    let mut ours = base.clone();
    ann(&mut ours, "ann-1")["memo"] = json!("ours' memo");
    ann(&mut ours, "ann-1")["modified"] = json!("2026-12-02T10:00:00Z");
    let mut theirs = base.clone();
    ann(&mut theirs, "ann-1")["topics"] = json!(["topic-health", "topic-economy"]);
    ann(&mut theirs, "ann-1")["modified"] = json!("2026-12-03T10:00:00Z");
    theirs["codebook"]["topics"][0]["color"] = json!("#ABCDEF");
    ours["codebook"]["topics"][0]["name"] = json!("Public health");
    let outcome = merge(&base, &ours, &theirs);
    let merged = &outcome.project.annotations[0];
    assert_eq!(merged.memo, "ours' memo");
    assert_eq!(merged.topics.len(), 2);
    assert_eq!(merged.modified, "2026-12-03T10:00:00Z", "the later time");
    let health = &outcome.project.codebook.topics[0];
    assert_eq!(
        (health.name.as_str(), health.color.to_string()),
        ("Public health", "#ABCDEF".into())
    );
    assert!(
        outcome.new_conflicts.is_empty(),
        "{:?}",
        outcome.new_conflicts
    );
}

#[test]
fn the_same_field_changed_differently_is_a_conflict_that_keeps_ours() {
    let base = base_value();
    let mut ours = base.clone();
    ann(&mut ours, "ann-1")["memo"] = json!("ours");
    let mut theirs = base.clone();
    ann(&mut theirs, "ann-1")["memo"] = json!("theirs");
    let outcome = merge(&base, &ours, &theirs);
    assert_eq!(outcome.project.annotations[0].memo, "ours");
    let [conflict] = outcome.project.conflicts.as_slice() else {
        panic!("one conflict expected: {:?}", outcome.project.conflicts)
    };
    assert_eq!(conflict.field.as_deref(), Some("memo"));
    assert_eq!(
        (&conflict.base, &conflict.ours, &conflict.theirs),
        (&json!("first"), &json!("ours"), &json!("theirs"))
    );
    // The same change on both sides is no conflict.
    let outcome = merge(&base, &ours, &ours);
    assert!(outcome.new_conflicts.is_empty());
}

#[test]
fn start_end_and_anchor_conflict_together_as_the_position() {
    let base = base_value();
    let mut ours = base.clone();
    let a = ann(&mut ours, "ann-1");
    a["end"] = json!(3);
    a["anchor"]["exact"] = json!("Hea");
    let mut theirs = base.clone();
    let a = ann(&mut theirs, "ann-1");
    a["start"] = json!(1);
    a["anchor"]["exact"] = json!("ealth");
    let outcome = merge(&base, &ours, &theirs);
    let merged = &outcome.project.annotations[0];
    assert_eq!(
        (merged.start.0, merged.end.0, merged.anchor.exact.as_str()),
        (0, 3, "Hea")
    );
    assert_eq!(outcome.new_conflicts[0].field.as_deref(), Some("position"));
    assert_eq!(outcome.new_conflicts[0].theirs["start"], 1);
}

#[test]
fn unknown_keys_are_kept_and_merged_key_by_key() {
    let base = base_value();
    let mut ours = base.clone();
    ours["futureKey"] = json!({"x": 1});
    ann(&mut ours, "ann-1")["reviewer"] = json!("bo");
    ann(&mut ours, "ann-2")["flag"] = json!("ours");
    let mut theirs = base.clone();
    ann(&mut theirs, "ann-1")["anchor"]["page"] = json!(4);
    ann(&mut theirs, "ann-2")["flag"] = json!("theirs");
    theirs["codebook"]["topics"][1]["weight"] = json!(2);
    let outcome = merge(&base, &ours, &theirs);
    let written: Value = serde_json::from_str(&project_to_json(&outcome.project)).unwrap();
    assert_eq!(written["futureKey"], json!({"x": 1}));
    let annotations = written["annotations"].as_array().unwrap();
    assert_eq!(annotations[0]["reviewer"], "bo");
    assert_eq!(annotations[0]["anchor"]["page"], 4);
    assert_eq!(annotations[1]["flag"], "ours");
    assert_eq!(written["codebook"]["topics"][1]["weight"], 2);
    let [conflict] = outcome.new_conflicts.as_slice() else {
        panic!("one conflict expected: {:?}", outcome.new_conflicts)
    };
    assert_eq!(
        (conflict.id.as_str(), conflict.field.as_deref()),
        ("ann-2", Some("flag"))
    );
    assert_eq!(conflict.theirs, "theirs");
}

#[test]
fn an_entry_deleted_on_one_side_but_used_by_the_other_comes_back() {
    let base = base_value();
    let mut ours = base.clone();
    // Ours deletes the topic Economy (unused in base) and the actor.
    ours["codebook"]["topics"].as_array_mut().unwrap().pop();
    ours["codebook"]["actors"] = json!([]);
    let mut theirs = base.clone();
    let mut new = annotation("ann-3", 19, 22, "");
    new["topics"] = json!(["topic-economy"]);
    new["holder"] = json!("actor-a");
    theirs["annotations"].as_array_mut().unwrap().push(new);
    let outcome = merge(&base, &ours, &theirs);
    let project = &outcome.project;
    assert_eq!(ids(project), ["ann-1", "ann-2", "ann-3"]);
    assert!(
        project
            .codebook
            .topics
            .iter()
            .any(|t| t.id.as_str() == "topic-economy")
    );
    assert_eq!(project.codebook.actors.len(), 1);
    let kinds: Vec<(EntityKind, Kept)> = outcome
        .new_conflicts
        .iter()
        .map(|c| (c.kind, c.kept))
        .collect();
    assert_eq!(
        kinds,
        [
            (EntityKind::Actor, Kept::Theirs),
            (EntityKind::Topic, Kept::Theirs)
        ]
    );
    assert!(crate::model::check::structural_problems(project, &Default::default()).is_empty());
}

#[test]
fn entries_with_the_same_name_and_different_ids_are_reported() {
    let base = base_value();
    let mut ours = base.clone();
    ours["codebook"]["topics"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "topic-trade-1", "name": "Trade", "color": "#010101"}));
    let mut theirs = base.clone();
    theirs["codebook"]["topics"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "topic-trade-2", "name": " trade", "color": "#020202"}));
    let outcome = merge(&base, &ours, &theirs);
    let [clash] = outcome.name_clashes.as_slice() else {
        panic!("one clash expected: {:?}", outcome.name_clashes)
    };
    assert_eq!(clash.kind, EntityKind::Topic);
    assert_eq!(clash.ids, ["topic-trade-1", "topic-trade-2"]);
    assert_eq!(outcome.project.codebook.topics.len(), 4, "both kept");
}

#[test]
fn conflicts_survive_saving_and_merge_as_a_set() {
    let base = base_value();
    let mut ours = base.clone();
    ann(&mut ours, "ann-1")["memo"] = json!("ours");
    let mut theirs = base.clone();
    ann(&mut theirs, "ann-1")["memo"] = json!("theirs");
    let merged = merge(&base, &ours, &theirs).project;
    let reread = parse(&serde_json::from_str(&project_to_json(&merged)).unwrap());
    assert_eq!(reread.conflicts, merged.conflicts);
    assert_eq!(reread.conflicts.len(), 1);
    // One side resolves the conflict (removes it), the other only adds a passage:
    // the conflict stays resolved.
    let mut resolved = reread.clone();
    resolved.conflicts.clear();
    let mut added = reread.clone();
    added.annotations.pop();
    let outcome = merge_three_way(&reread, &resolved, &added);
    assert!(outcome.project.conflicts.is_empty());
    // Kept when neither side resolved it.
    let outcome = merge_three_way(&reread, &reread, &added);
    assert_eq!(outcome.project.conflicts.len(), 1);
}

#[test]
fn projects_that_started_apart_match_documents_by_hash_and_entries_by_name() {
    let ours = base_value();
    let mut theirs = json!({
        "format": "gloss-project", "version": 1,
        "documents": [
            {"id": "doc-x", "path": "renamed.txt", "sha256": "aaa", "attributes": {}},
            {"id": "doc-1", "path": "b.txt", "sha256": "bbb", "attributes": {}}
        ],
        "codebook": {
            "topics": [{"id": "topic-h", "name": "HEALTH", "color": "#999999"},
                       {"id": "topic-economy", "name": "Migration", "color": "#888888"}],
            "stances": [], "actors": []
        },
        "annotations": [annotation("ann-t1", 0, 6, "theirs"), annotation("ann-t2", 0, 3, "")]
    });
    let a = ann(&mut theirs, "ann-t1");
    a["document"] = json!("doc-x");
    a["topics"] = json!(["topic-h", "topic-economy"]);
    ann(&mut theirs, "ann-t2")["document"] = json!("doc-1");
    let (outcome, report) = merge_unrelated(&parse(&ours), &parse(&theirs));
    let project = &outcome.project;
    assert_eq!(
        report.documents_by_hash,
        [("renamed.txt".to_string(), "a.txt".to_string())]
    );
    assert_eq!(report.documents_added, ["b.txt"]);
    assert_eq!(report.annotations_added, 2);
    assert_eq!(project.documents.len(), 2);
    assert_eq!(project.annotations.len(), 4);
    let t1 = project.annotation(&"ann-t1".into()).unwrap();
    assert_eq!(
        t1.document.as_str(),
        "doc-1",
        "on ours' copy of the same text"
    );
    assert_eq!(t1.topics[0].as_str(), "topic-health", "matched by name");
    // Their "Migration" had an id ours uses for "Economy": it got a new one.
    let migration = project
        .codebook
        .topics
        .iter()
        .find(|t| t.name == "Migration")
        .unwrap();
    assert_ne!(migration.id.as_str(), "topic-economy");
    assert_eq!(t1.topics[1], migration.id);
    // Their b.txt had the id ours gives a.txt: it got a new one, with its passage.
    let t2 = project.annotation(&"ann-t2".into()).unwrap();
    let b = project.document_by_path("b.txt").unwrap();
    assert_eq!(t2.document, b.id);
    assert_ne!(b.id.as_str(), "doc-1");
    assert!(crate::model::check::structural_problems(project, &Default::default()).is_empty());
}
