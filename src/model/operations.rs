//! Edits that need the project to be built: codebook changes that ripple into
//! annotations (delete a used topic, merge two topics), by-name lookups for the
//! command line. Each returns one [`Edit`] (often a batch) for [`History::apply`].
//!
//! [`History::apply`]: crate::model::edit::History::apply

use crate::model::annotation::Annotation;
use crate::model::codebook::{Actor, ActorKind, CodebookKind, Color, Stance, Topic};
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

/// Why a codebook operation was refused; the message names the entry and,
/// where there is a choice, the options that would let it go through.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OperationError {
    /// No entry of this kind has this name (compared with
    /// [`names_match`](crate::model::codebook::names_match)) or this id.
    #[error("no {kind} named `{name}`")]
    UnknownName {
        /// The list that was searched.
        kind: CodebookKind,
        /// The name as it was typed.
        name: String,
    },
    /// Another entry of this kind already has this name.
    #[error("a {kind} named `{name}` already exists")]
    DuplicateName {
        /// The list that has the name.
        kind: CodebookKind,
        /// The name as it was typed.
        name: String,
    },
    /// Annotations use the entry and the policy is [`RemovalPolicy::Refuse`].
    #[error(
        "{kind} `{name}` is used by {count} annotation(s){children}; choose --detach, --replace-with NAME or --delete-annotations"
    )]
    InUse {
        /// The list the entry is in.
        kind: CodebookKind,
        /// The entry's name as it was typed.
        name: String,
        /// How many annotations use the entry.
        count: usize,
        /// Text put right after the count in the message (e.g. about sub-topics);
        /// empty when there is nothing to add.
        children: String,
    },
    /// Any other refusal, as a readable sentence (an empty name, replacing an
    /// entry with itself).
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

/// Adds a topic named `name` (trimmed) under `parent` (a name or id; `None` for
/// a root), in `color` or else the next palette colour. Returns the edit and the
/// new topic's id; refuses an empty or taken name and an unknown parent.
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
        color: color.unwrap_or_else(|| {
            let existing: Vec<Color> = project.codebook.topics.iter().map(|t| t.color).collect();
            Color::distinct_from(&existing)
        }),
        parent,
        description: String::new(),
        codable: true,
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

/// Adds a stance named `name` (trimmed) with `polarity` (positive supportive,
/// negative critical, 0 neutral), in `color` or else green, red or grey by
/// polarity. Returns the edit and the new stance's id; refuses an empty or taken name.
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

/// Adds an actor named `name` (trimmed). Returns the edit and the new actor's
/// id; refuses an empty or taken name.
pub fn add_actor(project: &Project, name: &str) -> Result<(Edit, ActorId), OperationError> {
    ensure_name_free(project, CodebookKind::Actor, name)?;
    let actor = Actor {
        id: ActorId::generate(),
        name: name.trim().to_string(),
        kind: None,
        belongs_to: None,
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

/// Sets the kind of the actor named `name` (`None` clears it).
pub fn set_actor_kind(
    project: &Project,
    name: &str,
    kind: Option<ActorKind>,
) -> Result<Edit, OperationError> {
    let before = actor_named(project, name)?;
    let after = Actor {
        kind,
        ..before.clone()
    };
    Ok(Edit::Actor {
        before: Some(before.clone()),
        after: Some(after),
    })
}

/// Makes the actor named `name` belong to the actor named `owner` (`None`
/// makes it belong to no one); refuses an unknown owner and a chain that would loop.
pub fn set_actor_belongs_to(
    project: &Project,
    name: &str,
    owner: Option<&str>,
) -> Result<Edit, OperationError> {
    let before = actor_named(project, name)?;
    let owner = owner
        .map(|owner| actor_named(project, owner).map(|a| a.id.clone()))
        .transpose()?;
    if let Some(owner_id) = &owner
        && project.codebook.actor_would_cycle(&before.id, owner_id)
    {
        return Err(OperationError::Invalid(format!(
            "actor `{}` cannot belong to `{}`: the chain of belongs-to would loop",
            before.name,
            project.codebook.actor_name(owner_id)
        )));
    }
    Ok(Edit::Actor {
        before: Some(before.clone()),
        after: Some(Actor {
            belongs_to: owner,
            ..before.clone()
        }),
    })
}

/// The actor with this name or id.
fn actor_named<'a>(project: &'a Project, name: &str) -> Result<&'a Actor, OperationError> {
    let id = resolve_id(project, CodebookKind::Actor, name)?;
    project
        .codebook
        .actor(&ActorId(id))
        .ok_or_else(|| OperationError::UnknownName {
            kind: CodebookKind::Actor,
            name: name.to_owned(),
        })
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
    let replacement = resolve_replacement(project, kind, name, &id, policy)?;
    let users: Vec<&Annotation> = project
        .annotations
        .iter()
        .filter(|a| uses_entry(a, kind, &id))
        .collect();
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
        let after = with_entry_replaced(annotation, kind, &id, replacement.as_deref());
        edits.push(Edit::change_annotation(annotation.clone(), after));
    }
    push_entry_removal(&mut edits, project, kind, &id);
    Ok(Edit::batch(format!("delete {kind} {name}"), edits))
}

/// The id of the entry that takes the removed one's place under
/// [`RemovalPolicy::ReplaceWith`]; `None` under any other policy.
fn resolve_replacement(
    project: &Project,
    kind: CodebookKind,
    name: &str,
    id: &str,
    policy: &RemovalPolicy,
) -> Result<Option<String>, OperationError> {
    match policy {
        RemovalPolicy::ReplaceWith(other) => {
            let other = resolve_id(project, kind, other)?;
            if other == id {
                return Err(OperationError::Invalid(format!(
                    "cannot replace {kind} `{name}` with itself"
                )));
            }
            Ok(Some(other))
        }
        _ => Ok(None),
    }
}

/// Does `annotation` use the entry of `kind` with this id?
fn uses_entry(annotation: &Annotation, kind: CodebookKind, id: &str) -> bool {
    match kind {
        CodebookKind::Topic => annotation.topics.iter().any(|t| t.0 == id),
        CodebookKind::Stance => annotation.stance.as_ref().is_some_and(|s| s.0 == id),
        CodebookKind::Actor => {
            annotation.holder.as_ref().is_some_and(|h| h.0 == id)
                || annotation.target.as_ref().is_some_and(|t| t.0 == id)
        }
    }
}

/// `annotation` with the entry `id` replaced by `replacement`, or taken off when
/// there is none. A topic list never gets the same topic twice.
fn with_entry_replaced(
    annotation: &Annotation,
    kind: CodebookKind,
    id: &str,
    replacement: Option<&str>,
) -> Annotation {
    let mut after = annotation.clone();
    match kind {
        CodebookKind::Topic => {
            let mut topics = Vec::with_capacity(after.topics.len());
            for topic in &after.topics {
                let mapped = if topic.0 == id {
                    replacement.map(TopicId::from)
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
        CodebookKind::Stance => after.stance = replacement.map(StanceId::from),
        CodebookKind::Actor => {
            if after.holder.as_ref().is_some_and(|h| h.0 == id) {
                after.holder = replacement.map(ActorId::from);
            }
            if after.target.as_ref().is_some_and(|t| t.0 == id) {
                after.target = replacement.map(ActorId::from);
            }
        }
    }
    after
}

/// Pushes the edits that take the entry out of the codebook; a removed topic's
/// sub-topics first move up to its parent.
fn push_entry_removal(edits: &mut Vec<Edit>, project: &Project, kind: CodebookKind, id: &str) {
    let codebook = &project.codebook;
    match kind {
        CodebookKind::Topic => {
            let topic_id = TopicId::from(id);
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
            before: codebook.stance(&StanceId::from(id)).cloned(),
            after: None,
        }),
        CodebookKind::Actor => {
            let actor_id = ActorId::from(id);
            let removed = codebook.actor(&actor_id).cloned();
            let new_owner = removed.as_ref().and_then(|a| a.belongs_to.clone());
            for member in codebook
                .actors
                .iter()
                .filter(|a| a.belongs_to.as_ref() == Some(&actor_id))
            {
                edits.push(Edit::Actor {
                    before: Some(member.clone()),
                    after: Some(Actor {
                        belongs_to: new_owner.clone(),
                        ..member.clone()
                    }),
                });
            }
            edits.push(Edit::Actor {
                before: removed,
                after: None,
            });
        }
    }
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
