//! Resolving a merge conflict the project records: keep the value the project
//! holds, or take the other side's, as one undoable [`Edit`] that also takes the
//! conflict off the project's `conflicts` list (the window's conflicts view).
//!
//! The other side's value is written into the entity field by field through
//! its JSON (the merge recorded it that way); an annotation's `position` puts
//! `start`, `end` and `anchor` back together. A conflict on an entity deleted
//! on one side deletes it or brings it back whole. Unknown keys (written by
//! another version of Gloss) can only be kept as they are.

use crate::model::codebook::{Actor, Stance, Topic};
use crate::model::document::DocumentRecord;
use crate::model::edit::Edit;
use crate::model::ids::{ActorId, AnnotationId, DocumentId, StanceId, TopicId};
use crate::model::merge::conflict::{EntityKind, Kept, MergeConflict};
use crate::model::merge::entity::POSITION;
use crate::model::project::Project;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// The name a conflict on an annotation's place in the text is recorded under.
const POSITION_NAME: &str = "position";

/// Why a conflict could not be resolved the way asked.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    /// The project has no conflict at this place in its list.
    #[error("there is no merge conflict number {0}")]
    NoSuchConflict(usize),
    /// The field is a key this version of Gloss does not know, or the
    /// project's own: only the value the project holds can be kept.
    #[error("`{0}` is not a field Gloss can change here; keep the value the project holds")]
    UnknownField(String),
    /// The other side's value does not fit the entity (a hand-edited conflict).
    #[error("the other side's value of {0} cannot be read back")]
    Unreadable(String),
}

/// The side of `conflict` that the project does not hold.
pub fn other_side(conflict: &MergeConflict) -> Kept {
    match conflict.kept {
        Kept::Ours => Kept::Theirs,
        Kept::Theirs => Kept::Ours,
    }
}

/// The value `conflict` records for `side`.
pub fn side_value(conflict: &MergeConflict, side: Kept) -> &Value {
    match side {
        Kept::Ours => &conflict.ours,
        Kept::Theirs => &conflict.theirs,
    }
}

/// The edit that resolves the conflict at `index` of `project.conflicts` with
/// `side`'s value and removes the conflict record: one undo step.
pub fn resolve_conflict(project: &Project, index: usize, side: Kept) -> Result<Edit, ResolveError> {
    let conflict = project
        .conflicts
        .get(index)
        .ok_or(ResolveError::NoSuchConflict(index))?;
    let mut edits = Vec::new();
    if side != conflict.kept {
        edits.push(entity_edit(project, conflict, side_value(conflict, side))?);
    }
    edits.push(Edit::Conflict {
        index,
        before: Some(Box::new(conflict.clone())),
        after: None,
    });
    let which = match side {
        Kept::Ours => "keep ours",
        Kept::Theirs => "take theirs",
    };
    Ok(Edit::batch(
        format!("resolve merge conflict ({which})"),
        edits,
    ))
}

/// The edit that gives the conflict's entity `value` (for its field, or whole).
fn entity_edit(
    project: &Project,
    conflict: &MergeConflict,
    value: &Value,
) -> Result<Edit, ResolveError> {
    let field = conflict.field.as_deref();
    if let Some(name) = field
        && (name.contains('.') || unknown_key(project, conflict, name))
    {
        return Err(ResolveError::UnknownField(name.to_string()));
    }
    let id = conflict.id.as_str();
    let codebook = &project.codebook;
    match conflict.kind {
        EntityKind::Annotation => {
            let current = project.annotation(&AnnotationId::from(id));
            let after = changed(current, field, value, id)?;
            Ok(Edit::Annotation {
                before: current.cloned().map(Box::new),
                after: after.map(Box::new),
            })
        }
        EntityKind::Document => {
            let current = project.document(&DocumentId::from(id));
            let after: Option<DocumentRecord> = changed(current, field, value, id)?;
            Ok(Edit::Document {
                before: current.cloned(),
                after,
            })
        }
        EntityKind::Topic => {
            let current = codebook.topic(&TopicId::from(id));
            let after: Option<Topic> = changed(current, field, value, id)?;
            Ok(Edit::Topic {
                before: current.cloned(),
                after,
            })
        }
        EntityKind::Stance => {
            let current = codebook.stance(&StanceId::from(id));
            let after: Option<Stance> = changed(current, field, value, id)?;
            Ok(Edit::Stance {
                before: current.cloned(),
                after,
            })
        }
        EntityKind::Actor => {
            let current = codebook.actor(&ActorId::from(id));
            let after: Option<Actor> = changed(current, field, value, id)?;
            Ok(Edit::Actor {
                before: current.cloned(),
                after,
            })
        }
        EntityKind::Project => Err(ResolveError::UnknownField(
            field.unwrap_or("project").to_string(),
        )),
    }
}

/// Is `name` one of the entity's unknown keys (kept beside it, not in it)?
fn unknown_key(project: &Project, conflict: &MergeConflict, name: &str) -> bool {
    let keys = &project.unknown;
    let by_id = match conflict.kind {
        EntityKind::Document => &keys.documents,
        EntityKind::Topic => &keys.topics,
        EntityKind::Stance => &keys.stances,
        EntityKind::Actor => &keys.actors,
        EntityKind::Annotation => &keys.annotations,
        EntityKind::Project => return true,
    };
    by_id
        .get(&conflict.id)
        .is_some_and(|extra| extra.contains_key(name))
}

/// The entity after the change: `value` in `field` of `current`, or (without
/// a field) `value` as the whole entity, `None` when it is `null`.
fn changed<T: Serialize + DeserializeOwned>(
    current: Option<&T>,
    field: Option<&str>,
    value: &Value,
    id: &str,
) -> Result<Option<T>, ResolveError> {
    let unreadable = || ResolveError::Unreadable(format!("`{id}`"));
    let Some(field) = field else {
        return match value {
            Value::Null => Ok(None),
            whole => serde_json::from_value(whole.clone())
                .map(Some)
                .map_err(|_| unreadable()),
        };
    };
    let current = current.ok_or_else(unreadable)?;
    let Ok(Value::Object(mut map)) = serde_json::to_value(current) else {
        return Err(unreadable());
    };
    if field == POSITION_NAME {
        for name in POSITION {
            map.remove(*name);
        }
        let Value::Object(fields) = value else {
            return Err(unreadable());
        };
        map.extend(fields.clone());
    } else if value.is_null() {
        map.remove(field);
    } else {
        map.insert(field.to_string(), value.clone());
    }
    serde_json::from_value(Value::Object(map))
        .map(Some)
        .map_err(|_| unreadable())
}

#[cfg(test)]
mod tests;
