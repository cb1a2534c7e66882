//! Resolving recorded merge conflicts: keep ours, take theirs, each one undo step.

use super::{ResolveError, resolve_conflict};
use crate::model::edit::History;
use crate::model::format::project_from_json;
use crate::model::merge::tests::annotation;
use crate::model::merge::{Kept, merge_three_way};
use crate::model::project::Project;
use serde_json::{Value, json};

fn project(annotations: Vec<Value>) -> Project {
    let value = json!({
        "format": "gloss-project", "version": 1,
        "documents": [{"id": "doc-1", "path": "a.txt", "sha256": "aaa", "attributes": {}}],
        "codebook": {"topics": [{"id": "topic-health", "name": "Health", "color": "#112233"}]},
        "annotations": annotations
    });
    project_from_json(&value.to_string()).expect("test project")
}

/// A merge where both sides changed ann-1's memo and its position differently,
/// and theirs deleted ann-2 that ours changed.
fn conflicted() -> Project {
    let base = project(vec![
        annotation("ann-1", 0, 6, "base"),
        annotation("ann-2", 11, 14, "two"),
    ]);
    let ours = project(vec![
        annotation("ann-1", 0, 5, "ours"),
        annotation("ann-2", 11, 14, "two, ours"),
    ]);
    let theirs = project(vec![annotation("ann-1", 0, 10, "theirs")]);
    merge_three_way(&base, &ours, &theirs).project
}

fn conflict_index(project: &Project, field: Option<&str>) -> usize {
    project
        .conflicts
        .iter()
        .position(|c| c.field.as_deref() == field)
        .expect("the conflict")
}

#[test]
fn taking_theirs_changes_the_field_and_removes_the_record_in_one_undo_step() {
    let mut merged = conflicted();
    let before = merged.clone();
    let count = merged.conflicts.len();
    let index = conflict_index(&merged, Some("memo"));
    let edit = resolve_conflict(&merged, index, Kept::Theirs).expect("resolves");
    let mut history = History::default();
    history.apply(&mut merged, edit).expect("applies");
    let ann = merged.annotation(&"ann-1".into()).expect("kept");
    assert_eq!(ann.memo, "theirs");
    assert_eq!(merged.conflicts.len(), count - 1);
    assert!(
        merged
            .conflicts
            .iter()
            .all(|c| c.field.as_deref() != Some("memo"))
    );
    history.undo(&mut merged).expect("undoes");
    assert_eq!(merged.conflicts, before.conflicts, "back in its place");
    assert_eq!(merged.annotations, before.annotations);
}

#[test]
fn taking_theirs_position_moves_start_end_and_anchor_together() {
    let mut merged = conflicted();
    let index = conflict_index(&merged, Some("position"));
    let edit = resolve_conflict(&merged, index, Kept::Theirs).expect("resolves");
    merged.apply(&edit).expect("applies");
    let ann = merged.annotation(&"ann-1".into()).expect("kept");
    assert_eq!((ann.start.0, ann.end.0), (0, 10));
    assert_eq!(ann.anchor.exact, "Health and");
}

#[test]
fn keeping_ours_only_removes_the_record() {
    let mut merged = conflicted();
    let annotations = merged.annotations.clone();
    let index = conflict_index(&merged, Some("memo"));
    let edit = resolve_conflict(&merged, index, Kept::Ours).expect("resolves");
    let inverse = edit.inverse();
    let before = merged.clone();
    merged.apply(&edit).expect("applies");
    assert_eq!(merged.annotations, annotations);
    assert_eq!(merged.conflicts.len(), before.conflicts.len() - 1);
    merged.apply(&inverse).expect("inverse applies");
    assert_eq!(merged.conflicts, before.conflicts);
}

#[test]
fn taking_the_deleting_side_deletes_the_entity() {
    let mut merged = conflicted();
    let index = conflict_index(&merged, None);
    assert_eq!(merged.conflicts[index].kept, Kept::Ours);
    let edit = resolve_conflict(&merged, index, Kept::Theirs).expect("resolves");
    merged.apply(&edit).expect("applies");
    assert!(merged.annotation(&"ann-2".into()).is_none());
    merged.apply(&edit.inverse()).expect("undo");
    assert_eq!(
        merged.annotation(&"ann-2".into()).map(|a| a.memo.as_str()),
        Some("two, ours")
    );
}

#[test]
fn a_missing_conflict_or_an_unknown_key_is_refused() {
    let mut merged = conflicted();
    assert_eq!(
        resolve_conflict(&merged, 99, Kept::Ours),
        Err(ResolveError::NoSuchConflict(99))
    );
    let mut unknown = merged.conflicts[0].clone();
    unknown.field = Some("anchor.note".to_string());
    merged.conflicts.push(unknown);
    let last = merged.conflicts.len() - 1;
    assert!(matches!(
        resolve_conflict(&merged, last, Kept::Theirs),
        Err(ResolveError::UnknownField(_))
    ));
    // Keeping what the project holds is always possible.
    assert!(resolve_conflict(&merged, last, Kept::Ours).is_ok());
}
