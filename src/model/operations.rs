//! Edits that need the project to be built: codebook changes that ripple into
//! annotations (delete a used topic, merge two topics), by-name lookups for the
//! command line. Each returns one [`Edit`] (often a batch) for [`History::apply`].
//!
//! [`History::apply`]: crate::model::edit::History::apply

use crate::model::annotation::Annotation;
use crate::model::codebook::{Actor, CodebookKind, Color, Stance, Topic};
use crate::model::edit::Edit;
use crate::model::ids::{ActorId, StanceId, TopicId};
use crate::model::project::Project;

/// What happens to annotations that use a codebook entry being removed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RemovalPolicy {
    /// Refuse when anything uses the entry.
    Refuse,
    /// Take the entry off the annotations; the annotations stay.
    Detach,
    /// Put this other entry (by name or id) in its place.
    ReplaceWith(String),
    /// Delete annotations that use the entry.
    DeleteAnnotations,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OperationError {
    #[error("no {kind} named `{name}`")]
    UnknownName { kind: CodebookKind, name: String },
    #[error("a {kind} named `{name}` already exists")]
    DuplicateName { kind: CodebookKind, name: String },
    #[error(
        "{kind} `{name}` is used by {count} annotation(s){children}; choose --detach, --replace-with NAME or --delete-annotations"
    )]
    InUse {
        kind: CodebookKind,
        name: String,
        count: usize,
        children: String,
    },
    #[error("{0}")]
    Invalid(String),
}

/// Finds a codebook entry's id by name (or id), for commands typed by people.
pub fn resolve_id(
    project: &Project,
    kind: CodebookKind,
    name: &str,
) -> Result<String, OperationError> {
    let codebook = &project.codebook;
    let found = match kind {
        CodebookKind::Topic => codebook
            .topic_by_name(name)
            .or_else(|| codebook.topic(&TopicId::from(name)))
            .map(|t| t.id.0.clone()),
        CodebookKind::Stance => codebook
            .stance_by_name(name)
            .or_else(|| codebook.stance(&StanceId::from(name)))
            .map(|s| s.id.0.clone()),
        CodebookKind::Actor => codebook
            .actor_by_name(name)
            .or_else(|| codebook.actor(&ActorId::from(name)))
            .map(|a| a.id.0.clone()),
    };
    found.ok_or_else(|| OperationError::UnknownName {
        kind,
        name: name.to_string(),
    })
}

fn ensure_name_free(
    project: &Project,
    kind: CodebookKind,
    name: &str,
) -> Result<(), OperationError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(OperationError::Invalid(format!("a {kind} needs a name")));
    }
    if resolve_id(project, kind, name).is_ok() {
        return Err(OperationError::DuplicateName {
            kind,
            name: name.to_string(),
        });
    }
    Ok(())
}

pub fn add_topic(
    project: &Project,
    name: &str,
    parent: Option<&str>,
    color: Option<Color>,
) -> Result<(Edit, TopicId), OperationError> {
    ensure_name_free(project, CodebookKind::Topic, name)?;
    let parent = parent
        .map(|p| resolve_id(project, CodebookKind::Topic, p).map(TopicId))
        .transpose()?;
    let topic = Topic {
        id: TopicId::generate(),
        name: name.trim().to_string(),
        color: color.unwrap_or_else(|| Color::palette(project.codebook.topics.len())),
        parent,
        description: String::new(),
    };
    let id = topic.id.clone();
    Ok((
        Edit::Topic {
            before: None,
            after: Some(topic),
        },
        id,
    ))
}

pub fn add_stance(
    project: &Project,
    name: &str,
    polarity: i32,
    color: Option<Color>,
) -> Result<(Edit, StanceId), OperationError> {
    ensure_name_free(project, CodebookKind::Stance, name)?;
    let color = color.unwrap_or(match polarity.signum() {
        1 => Color::rgb(0x2e, 0x9e, 0x5b),
        -1 => Color::rgb(0xd6, 0x45, 0x45),
        _ => Color::rgb(0x8a, 0x8f, 0x98),
    });
    let stance = Stance {
        id: StanceId::generate(),
        name: name.trim().to_string(),
        color,
        polarity,
        description: String::new(),
    };
    let id = stance.id.clone();
    Ok((
        Edit::Stance {
            before: None,
            after: Some(stance),
        },
        id,
    ))
}

pub fn add_actor(project: &Project, name: &str) -> Result<(Edit, ActorId), OperationError> {
    ensure_name_free(project, CodebookKind::Actor, name)?;
    let actor = Actor {
        id: ActorId::generate(),
        name: name.trim().to_string(),
        description: String::new(),
    };
    let id = actor.id.clone();
    Ok((
        Edit::Actor {
            before: None,
            after: Some(actor),
        },
        id,
    ))
}

/// Renames an entry; annotations refer to ids, so they are untouched.
pub fn rename(
    project: &Project,
    kind: CodebookKind,
    old_name: &str,
    new_name: &str,
) -> Result<Edit, OperationError> {
    let id = resolve_id(project, kind, old_name)?;
    if let Ok(other) = resolve_id(project, kind, new_name)
        && other != id
    {
        return Err(OperationError::DuplicateName {
            kind,
            name: new_name.to_string(),
        });
    }
    let new_name = new_name.trim().to_string();
    if new_name.is_empty() {
        return Err(OperationError::Invalid(format!("a {kind} needs a name")));
    }
    let codebook = &project.codebook;
    Ok(match kind {
        CodebookKind::Topic => {
            let before = codebook.topic(&TopicId(id)).cloned();
            let after = before.clone().map(|t| Topic {
                name: new_name,
                ..t
            });
            Edit::Topic { before, after }
        }
        CodebookKind::Stance => {
            let before = codebook.stance(&StanceId(id)).cloned();
            let after = before.clone().map(|s| Stance {
                name: new_name,
                ..s
            });
            Edit::Stance { before, after }
        }
        CodebookKind::Actor => {
            let before = codebook.actor(&ActorId(id)).cloned();
            let after = before.clone().map(|a| Actor {
                name: new_name,
                ..a
            });
            Edit::Actor { before, after }
        }
    })
}

/// Removes an entry, doing to the annotations that use it what `policy` says.
/// Sub-topics of a removed topic move up to its parent.
pub fn remove(
    project: &Project,
    kind: CodebookKind,
    name: &str,
    policy: &RemovalPolicy,
) -> Result<Edit, OperationError> {
    let id = resolve_id(project, kind, name)?;
    let replacement = match policy {
        RemovalPolicy::ReplaceWith(other) => {
            let other = resolve_id(project, kind, other)?;
            if other == id {
                return Err(OperationError::Invalid(format!(
                    "cannot replace {kind} `{name}` with itself"
                )));
            }
            Some(other)
        }
        _ => None,
    };
    let uses = |a: &Annotation| match kind {
        CodebookKind::Topic => a.topics.iter().any(|t| t.0 == id),
        CodebookKind::Stance => a.stance.as_ref().is_some_and(|s| s.0 == id),
        CodebookKind::Actor => {
            a.holder.as_ref().is_some_and(|h| h.0 == id)
                || a.target.as_ref().is_some_and(|t| t.0 == id)
        }
    };
    let users: Vec<&Annotation> = project.annotations.iter().filter(|a| uses(a)).collect();
    if *policy == RemovalPolicy::Refuse && !users.is_empty() {
        return Err(OperationError::InUse {
            kind,
            name: name.to_string(),
            count: users.len(),
            children: String::new(),
        });
    }
    let mut edits = Vec::new();
    for annotation in users {
        if *policy == RemovalPolicy::DeleteAnnotations {
            edits.push(Edit::remove_annotation(annotation.clone()));
            continue;
        }
        let mut after = annotation.clone();
        match kind {
            CodebookKind::Topic => {
                let mut topics = Vec::with_capacity(after.topics.len());
                for topic in &after.topics {
                    let mapped = if topic.0 == id {
                        replacement.clone().map(TopicId)
                    } else {
                        Some(topic.clone())
                    };
                    if let Some(mapped) = mapped
                        && !topics.contains(&mapped)
                    {
                        topics.push(mapped);
                    }
                }
                after.topics = topics;
            }
            CodebookKind::Stance => after.stance = replacement.clone().map(StanceId),
            CodebookKind::Actor => {
                if after.holder.as_ref().is_some_and(|h| h.0 == id) {
                    after.holder = replacement.clone().map(ActorId);
                }
                if after.target.as_ref().is_some_and(|t| t.0 == id) {
                    after.target = replacement.clone().map(ActorId);
                }
            }
        }
        edits.push(Edit::change_annotation(annotation.clone(), after));
    }
    let codebook = &project.codebook;
    match kind {
        CodebookKind::Topic => {
            let topic_id = TopicId(id.clone());
            let removed = codebook.topic(&topic_id).cloned();
            let new_parent = removed.as_ref().and_then(|t| t.parent.clone());
            for child in codebook
                .topics
                .iter()
                .filter(|t| t.parent.as_ref() == Some(&topic_id))
            {
                let moved = Topic {
                    parent: new_parent.clone(),
                    ..child.clone()
                };
                edits.push(Edit::Topic {
                    before: Some(child.clone()),
                    after: Some(moved),
                });
            }
            edits.push(Edit::Topic {
                before: removed,
                after: None,
            });
        }
        CodebookKind::Stance => edits.push(Edit::Stance {
            before: codebook.stance(&StanceId(id.clone())).cloned(),
            after: None,
        }),
        CodebookKind::Actor => edits.push(Edit::Actor {
            before: codebook.actor(&ActorId(id.clone())).cloned(),
            after: None,
        }),
    }
    Ok(Edit::batch(format!("delete {kind} {name}"), edits))
}

/// Merges topic `from` into topic `into`: annotations get `into`, `from` disappears.
pub fn merge_topics(project: &Project, from: &str, into: &str) -> Result<Edit, OperationError> {
    let edit = remove(
        project,
        CodebookKind::Topic,
        from,
        &RemovalPolicy::ReplaceWith(into.to_string()),
    )?;
    Ok(match edit {
        Edit::Batch { edits, .. } => Edit::batch(format!("merge topic {from} into {into}"), edits),
        other => other,
    })
}
