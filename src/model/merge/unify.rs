//! Unifying codebook entries that share a name but not an id (two coders who
//! each made "Health" in their copy, merged): every later entry of a name is
//! merged into the first one in codebook order, its annotations taking the
//! first one's id ([`operations::remove`] with a replacement), its sub-topics or
//! members moving under it. One undoable [`Edit`] for all of them, and a report.

use crate::model::codebook::{Actor, CodebookKind, Topic};
use crate::model::edit::Edit;
use crate::model::ids::{ActorId, TopicId};
use crate::model::merge::conflict::EntityKind;
use crate::model::merge::names::name_clashes;
use crate::model::operations::{self, OperationError, RemovalPolicy};
use crate::model::project::Project;

/// One name whose entries were made one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unified {
    /// Topic, stance or actor.
    pub kind: CodebookKind,
    /// The name, as the kept entry writes it.
    pub name: String,
    /// The entry that stays.
    pub kept: String,
    /// The entries merged into it (gone afterwards).
    pub merged: Vec<String>,
    /// Annotations that referred to a merged entry and now refer to the kept one.
    pub annotations: usize,
}

/// What unifying would do (or did): the edit, `None` when no two entries share a name.
#[derive(Clone, Debug, PartialEq)]
pub struct Unification {
    /// One undo step for everything.
    pub edit: Option<Edit>,
    /// Each name unified, topics first, then stances, then actors.
    pub unified: Vec<Unified>,
}

/// Plans the unification of every name clash of `project`'s codebook.
pub fn unify_same_names(project: &Project) -> Result<Unification, OperationError> {
    let clashes = name_clashes(&project.codebook);
    if clashes.is_empty() {
        return Ok(Unification {
            edit: None,
            unified: Vec::new(),
        });
    }
    // Each step is planned on the project as the steps before left it.
    let mut work = project.clone();
    let mut edits = Vec::new();
    let mut unified = Vec::new();
    for clash in clashes {
        let kind = match clash.kind {
            EntityKind::Topic => CodebookKind::Topic,
            EntityKind::Stance => CodebookKind::Stance,
            EntityKind::Actor => CodebookKind::Actor,
            _ => continue,
        };
        let Some((kept, merged)) = clash.ids.split_first() else {
            continue;
        };
        let mut annotations = 0;
        for id in merged {
            let mut steps = move_children(&work, kind, id, kept);
            annotations += work
                .annotations
                .iter()
                .filter(|a| uses(a, kind, id))
                .count();
            for step in &steps {
                apply(&mut work, step)?;
            }
            let removal =
                operations::remove(&work, kind, id, &RemovalPolicy::ReplaceWith(kept.clone()))?;
            apply(&mut work, &removal)?;
            steps.push(removal);
            edits.extend(steps);
        }
        unified.push(Unified {
            kind,
            name: clash.name,
            kept: kept.clone(),
            merged: merged.to_vec(),
            annotations,
        });
    }
    let label = match unified.len() {
        1 => "unify 1 codebook name".to_string(),
        n => format!("unify {n} codebook names"),
    };
    Ok(Unification {
        edit: Some(Edit::batch(label, edits)),
        unified,
    })
}

fn apply(work: &mut Project, edit: &Edit) -> Result<(), OperationError> {
    work.apply(edit)
        .map_err(|error| OperationError::Invalid(error.to_string()))
}

fn uses(annotation: &crate::model::annotation::Annotation, kind: CodebookKind, id: &str) -> bool {
    match kind {
        CodebookKind::Topic => annotation.topics.iter().any(|t| t.as_str() == id),
        CodebookKind::Stance => annotation.stance.as_ref().is_some_and(|s| s.as_str() == id),
        CodebookKind::Actor => [&annotation.holder, &annotation.target]
            .into_iter()
            .flatten()
            .any(|a| a.as_str() == id),
    }
}

/// The edits that put the sub-topics (members) of entry `from` under `into`,
/// except those that would make a loop (they move up as removal moves them).
fn move_children(project: &Project, kind: CodebookKind, from: &str, into: &str) -> Vec<Edit> {
    let codebook = &project.codebook;
    match kind {
        CodebookKind::Topic => {
            let (from, into) = (TopicId::from(from), TopicId::from(into));
            codebook
                .topics
                .iter()
                .filter(|t| t.parent.as_ref() == Some(&from) && !codebook.would_cycle(&t.id, &into))
                .map(|t| Edit::Topic {
                    before: Some(t.clone()),
                    after: Some(Topic {
                        parent: Some(into.clone()),
                        ..t.clone()
                    }),
                })
                .collect()
        }
        CodebookKind::Actor => {
            let (from, into) = (ActorId::from(from), ActorId::from(into));
            codebook
                .actors
                .iter()
                .filter(|a| {
                    a.belongs_to.as_ref() == Some(&from)
                        && !codebook.actor_would_cycle(&a.id, &into)
                })
                .map(|a| Edit::Actor {
                    before: Some(a.clone()),
                    after: Some(Actor {
                        belongs_to: Some(into.clone()),
                        ..a.clone()
                    }),
                })
                .collect()
        }
        CodebookKind::Stance => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::unify_same_names;
    use crate::model::codebook::CodebookKind;
    use crate::model::format::project_from_json;
    use crate::model::project::Project;
    use serde_json::json;

    fn annotation(id: &str, topic: &str, stance: Option<&str>) -> serde_json::Value {
        json!({
            "id": id, "document": "doc-1", "start": 0, "end": 6,
            "anchor": {"exact": "Health", "prefix": "", "suffix": ""},
            "topics": [topic], "stance": stance, "coder": "ana",
            "created": "2026-12-01T10:00:00Z", "modified": "2026-12-01T10:00:00Z"
        })
    }

    /// Two coders' "Health" (one spelt "health "), a sub-topic under the
    /// second, two "supportive" stances; "Economy" is alone.
    fn merged_copies() -> Project {
        let value = json!({
            "format": "gloss-project", "version": 1,
            "documents": [{"id": "doc-1", "path": "a.txt", "sha256": "aaa", "attributes": {}}],
            "codebook": {
                "topics": [
                    {"id": "topic-a", "name": "Health", "color": "#112233"},
                    {"id": "topic-econ", "name": "Economy", "color": "#112233"},
                    {"id": "topic-b", "name": "health ", "color": "#445566"},
                    {"id": "topic-child", "name": "Hospitals", "color": "#445566", "parent": "topic-b"}
                ],
                "stances": [
                    {"id": "stance-1", "name": "supportive", "color": "#00AA00", "polarity": 1},
                    {"id": "stance-2", "name": "Supportive", "color": "#00AA00", "polarity": 1}
                ]
            },
            "annotations": [
                annotation("ann-1", "topic-a", Some("stance-1")),
                annotation("ann-2", "topic-b", Some("stance-2")),
                annotation("ann-3", "topic-b", None),
                annotation("ann-4", "topic-econ", None)
            ]
        });
        project_from_json(&value.to_string()).expect("test project")
    }

    #[test]
    fn same_names_become_the_first_entry_in_one_undoable_edit() {
        let mut project = merged_copies();
        let before = project.clone();
        let plan = unify_same_names(&project).expect("plans");
        assert_eq!(plan.unified.len(), 2);
        let topic = &plan.unified[0];
        assert_eq!(topic.kind, CodebookKind::Topic);
        assert_eq!(
            (topic.kept.as_str(), topic.merged.clone()),
            ("topic-a", vec!["topic-b".to_string()])
        );
        assert_eq!(topic.annotations, 2);
        assert_eq!(plan.unified[1].kind, CodebookKind::Stance);
        assert_eq!(plan.unified[1].annotations, 1);
        let edit = plan.edit.expect("an edit");
        project.apply(&edit).expect("applies");
        let topics: Vec<&str> = project
            .codebook
            .topics
            .iter()
            .map(|t| t.id.as_str())
            .collect();
        assert_eq!(topics, ["topic-a", "topic-econ", "topic-child"]);
        let child = project
            .codebook
            .topic(&"topic-child".into())
            .expect("child");
        assert_eq!(child.parent.as_ref().map(|p| p.as_str()), Some("topic-a"));
        assert!(
            project
                .annotations
                .iter()
                .filter(|a| a.id.as_str() != "ann-4")
                .all(|a| {
                    a.topics.iter().map(|t| t.as_str()).collect::<Vec<_>>() == ["topic-a"]
                })
        );
        assert_eq!(project.codebook.stances.len(), 1);
        assert_eq!(
            project.annotations.len(),
            before.annotations.len(),
            "no coding lost"
        );
        project.apply(&edit.inverse()).expect("undo");
        // Undo appends entries it adds back: the same entries, maybe in another order.
        let mut topics = project.codebook.topics.clone();
        topics.sort_by(|a, b| a.id.cmp(&b.id));
        let mut expected = before.codebook.topics.clone();
        expected.sort_by(|a, b| a.id.cmp(&b.id));
        assert_eq!(topics, expected);
        assert_eq!(project.codebook.stances.len(), 2);
        assert_eq!(project.annotations, before.annotations);
        assert!(unify_same_names(&before).is_ok());
    }

    #[test]
    fn a_codebook_without_clashes_needs_no_edit() {
        let mut project = merged_copies();
        let edit = unify_same_names(&project)
            .expect("plans")
            .edit
            .expect("edit");
        project.apply(&edit).expect("applies");
        let again = unify_same_names(&project).expect("plans");
        assert_eq!(again.edit, None);
        assert!(again.unified.is_empty());
    }
}
