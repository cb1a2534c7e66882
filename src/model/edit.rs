//! Edits: every change to a project is a value that knows its inverse.
//!
//! An edit replaces one entity (found by id) `before` → `after`: adding is
//! `None → Some`, removing `Some → None`, changing `Some → Some`. The inverse
//! swaps the two, so undo/redo, journals and (later) three-way merges all work
//! on the same small vocabulary. [`History`] keeps the undo and redo stacks.

use crate::model::annotation::Annotation;
use crate::model::codebook::{Actor, Stance, Topic};
use crate::model::document::DocumentRecord;
use crate::model::project::Project;

/// One change to a project.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    Annotation {
        before: Option<Box<Annotation>>,
        after: Option<Box<Annotation>>,
    },
    Topic {
        before: Option<Topic>,
        after: Option<Topic>,
    },
    Stance {
        before: Option<Stance>,
        after: Option<Stance>,
    },
    Actor {
        before: Option<Actor>,
        after: Option<Actor>,
    },
    Document {
        before: Option<DocumentRecord>,
        after: Option<DocumentRecord>,
    },
    /// Several edits applied, undone and redone as one step.
    Batch { label: String, edits: Vec<Self> },
}

/// Why an edit could not be applied. The project is unchanged when this is returned.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("{kind} `{id}` already exists")]
    AlreadyExists { kind: &'static str, id: String },
    #[error("{kind} `{id}` does not exist")]
    Missing { kind: &'static str, id: String },
    #[error("{kind} `{id}` was changed meanwhile")]
    Stale { kind: &'static str, id: String },
    #[error("an edit cannot change an id (`{before}` → `{after}`)")]
    IdChanged { before: String, after: String },
    #[error("{0}")]
    Invalid(String),
}

impl Edit {
    pub fn add_annotation(annotation: Annotation) -> Self {
        Self::Annotation {
            before: None,
            after: Some(Box::new(annotation)),
        }
    }

    pub fn remove_annotation(annotation: Annotation) -> Self {
        Self::Annotation {
            before: Some(Box::new(annotation)),
            after: None,
        }
    }

    pub fn change_annotation(before: Annotation, after: Annotation) -> Self {
        Self::Annotation {
            before: Some(Box::new(before)),
            after: Some(Box::new(after)),
        }
    }

    pub fn batch(label: impl Into<String>, edits: Vec<Self>) -> Self {
        Self::Batch {
            label: label.into(),
            edits,
        }
    }

    /// The edit that undoes this one.
    pub fn inverse(&self) -> Self {
        match self {
            Self::Annotation { before, after } => Self::Annotation {
                before: after.clone(),
                after: before.clone(),
            },
            Self::Topic { before, after } => Self::Topic {
                before: after.clone(),
                after: before.clone(),
            },
            Self::Stance { before, after } => Self::Stance {
                before: after.clone(),
                after: before.clone(),
            },
            Self::Actor { before, after } => Self::Actor {
                before: after.clone(),
                after: before.clone(),
            },
            Self::Document { before, after } => Self::Document {
                before: after.clone(),
                after: before.clone(),
            },
            Self::Batch { label, edits } => Self::Batch {
                label: label.clone(),
                edits: edits.iter().rev().map(Self::inverse).collect(),
            },
        }
    }

    /// A short human description, for "Undo …" menu entries.
    pub fn label(&self) -> String {
        fn verb<T>(before: &Option<T>, after: &Option<T>) -> &'static str {
            match (before.is_some(), after.is_some()) {
                (false, true) => "add",
                (true, false) => "delete",
                _ => "change",
            }
        }
        match self {
            Self::Annotation { before, after } => format!("{} annotation", verb(before, after)),
            Self::Topic { before, after } => format!("{} topic", verb(before, after)),
            Self::Stance { before, after } => format!("{} stance", verb(before, after)),
            Self::Actor { before, after } => format!("{} actor", verb(before, after)),
            Self::Document { before, after } => format!("{} document", verb(before, after)),
            Self::Batch { label, .. } => label.clone(),
        }
    }

    /// Does this edit change nothing?
    pub fn is_noop(&self) -> bool {
        match self {
            Self::Annotation { before, after } => before == after,
            Self::Topic { before, after } => before == after,
            Self::Stance { before, after } => before == after,
            Self::Actor { before, after } => before == after,
            Self::Document { before, after } => before == after,
            Self::Batch { edits, .. } => edits.iter().all(Self::is_noop),
        }
    }
}

/// Something with an id that lives in a `Vec` of a project.
trait Entity: Clone + PartialEq {
    const KIND: &'static str;
    fn id_str(&self) -> &str;
}

impl Entity for Topic {
    const KIND: &'static str = "topic";
    fn id_str(&self) -> &str {
        self.id.as_str()
    }
}
impl Entity for Stance {
    const KIND: &'static str = "stance";
    fn id_str(&self) -> &str {
        self.id.as_str()
    }
}
impl Entity for Actor {
    const KIND: &'static str = "actor";
    fn id_str(&self) -> &str {
        self.id.as_str()
    }
}
impl Entity for DocumentRecord {
    const KIND: &'static str = "document";
    fn id_str(&self) -> &str {
        self.id.as_str()
    }
}
impl Entity for Annotation {
    const KIND: &'static str = "annotation";
    fn id_str(&self) -> &str {
        self.id.as_str()
    }
}

/// Checks that `before` describes the current state of the list.
fn check_replace<T: Entity>(
    items: &[T],
    before: Option<&T>,
    after: Option<&T>,
) -> Result<Option<usize>, EditError> {
    if let (Some(b), Some(a)) = (before, after)
        && b.id_str() != a.id_str()
    {
        return Err(EditError::IdChanged {
            before: b.id_str().into(),
            after: a.id_str().into(),
        });
    }
    let id = before.or(after).map(|e| e.id_str()).unwrap_or_default();
    let position = items.iter().position(|e| e.id_str() == id);
    match (before, position) {
        (None, Some(_)) => Err(EditError::AlreadyExists {
            kind: T::KIND,
            id: id.into(),
        }),
        (Some(_), None) => Err(EditError::Missing {
            kind: T::KIND,
            id: id.into(),
        }),
        (Some(b), Some(index)) if &items[index] != b => Err(EditError::Stale {
            kind: T::KIND,
            id: id.into(),
        }),
        (_, position) => Ok(position),
    }
}

/// Replaces an entity in a list whose order does not matter for meaning (appends new ones).
fn replace_in_list<T: Entity>(
    items: &mut Vec<T>,
    before: Option<&T>,
    after: Option<&T>,
) -> Result<(), EditError> {
    let position = check_replace(items, before, after)?;
    match (position, after) {
        (Some(index), Some(a)) => items[index] = a.clone(),
        (Some(index), None) => {
            items.remove(index);
        }
        (None, Some(a)) => items.push(a.clone()),
        (None, None) => {}
    }
    Ok(())
}

impl Project {
    /// Applies an edit. On error the project is left exactly as it was.
    pub fn apply(&mut self, edit: &Edit) -> Result<(), EditError> {
        self.apply_inner(edit)?;
        self.revision += 1;
        Ok(())
    }

    fn apply_inner(&mut self, edit: &Edit) -> Result<(), EditError> {
        match edit {
            Edit::Annotation { before, after } => {
                if let Some(a) = after {
                    self.check_annotation_references(a)?;
                }
                let position =
                    check_replace(&self.annotations, before.as_deref(), after.as_deref())?;
                if let Some(index) = position {
                    self.annotations.remove(index);
                }
                if let Some(a) = after {
                    let index = self.annotation_insert_index(a);
                    self.annotations.insert(index, (**a).clone());
                }
                Ok(())
            }
            Edit::Topic { before, after } => {
                if let Some(t) = after {
                    if let Some(parent) = &t.parent
                        && (self.codebook.topic(parent).is_none() && parent != &t.id
                            || self.codebook.would_cycle(&t.id, parent))
                    {
                        return Err(EditError::Invalid(format!(
                            "topic `{}` cannot have parent `{parent}`",
                            t.name
                        )));
                    }
                } else if let Some(b) = before {
                    let in_use = self.topic_use_count(&b.id);
                    let children = self
                        .codebook
                        .topics
                        .iter()
                        .filter(|t| t.parent.as_ref() == Some(&b.id))
                        .count();
                    if in_use > 0 || children > 0 {
                        return Err(EditError::Invalid(format!(
                            "topic `{}` is used by {in_use} annotation(s) and {children} sub-topic(s)",
                            b.name
                        )));
                    }
                }
                replace_in_list(&mut self.codebook.topics, before.as_ref(), after.as_ref())
            }
            Edit::Stance { before, after } => {
                if let (Some(b), None) = (before, after) {
                    let in_use = self
                        .annotations
                        .iter()
                        .filter(|a| a.stance.as_ref() == Some(&b.id))
                        .count();
                    if in_use > 0 {
                        return Err(EditError::Invalid(format!(
                            "stance `{}` is used by {in_use} annotation(s)",
                            b.name
                        )));
                    }
                }
                replace_in_list(&mut self.codebook.stances, before.as_ref(), after.as_ref())
            }
            Edit::Actor { before, after } => {
                if let (Some(b), None) = (before, after) {
                    let in_use = self
                        .annotations
                        .iter()
                        .filter(|a| {
                            a.holder.as_ref() == Some(&b.id) || a.target.as_ref() == Some(&b.id)
                        })
                        .count();
                    if in_use > 0 {
                        return Err(EditError::Invalid(format!(
                            "actor `{}` is used by {in_use} annotation(s)",
                            b.name
                        )));
                    }
                }
                replace_in_list(&mut self.codebook.actors, before.as_ref(), after.as_ref())
            }
            Edit::Document { before, after } => {
                if let (Some(b), None) = (before, after)
                    && self.annotations.iter().any(|a| a.document == b.id)
                {
                    return Err(EditError::Invalid(format!(
                        "document `{}` still has annotations",
                        b.path
                    )));
                }
                replace_in_list(&mut self.documents, before.as_ref(), after.as_ref())
            }
            Edit::Batch { edits, .. } => {
                for (done, step) in edits.iter().enumerate() {
                    if let Err(error) = self.apply_inner(step) {
                        for applied in edits[..done].iter().rev() {
                            // Inverses of edits just applied always apply.
                            let _ = self.apply_inner(&applied.inverse());
                        }
                        return Err(error);
                    }
                }
                Ok(())
            }
        }
    }

    fn check_annotation_references(&self, annotation: &Annotation) -> Result<(), EditError> {
        let missing = |kind: &'static str, id: &str| EditError::Missing {
            kind,
            id: id.to_string(),
        };
        if self.document(&annotation.document).is_none() {
            return Err(missing("document", annotation.document.as_str()));
        }
        if annotation.start >= annotation.end {
            return Err(EditError::Invalid(format!(
                "annotation `{}` has an empty or reversed range {}..{}",
                annotation.id, annotation.start.0, annotation.end.0
            )));
        }
        for topic in &annotation.topics {
            if self.codebook.topic(topic).is_none() {
                return Err(missing("topic", topic.as_str()));
            }
        }
        if let Some(stance) = &annotation.stance
            && self.codebook.stance(stance).is_none()
        {
            return Err(missing("stance", stance.as_str()));
        }
        for actor in [&annotation.holder, &annotation.target]
            .into_iter()
            .flatten()
        {
            if self.codebook.actor(actor).is_none() {
                return Err(missing("actor", actor.as_str()));
            }
        }
        Ok(())
    }
}

/// Undo and redo stacks of applied edits. Lives beside the project, never in the file.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Edit>,
    redo: Vec<Edit>,
}

/// How many steps of undo are kept.
const HISTORY_LIMIT_STEPS: usize = 10_000;

impl History {
    /// Applies an edit and records it; a no-op edit is not recorded.
    pub fn apply(&mut self, project: &mut Project, edit: Edit) -> Result<(), EditError> {
        if edit.is_noop() {
            return Ok(());
        }
        project.apply(&edit)?;
        self.undo.push(edit);
        if self.undo.len() > HISTORY_LIMIT_STEPS {
            self.undo.remove(0);
        }
        self.redo.clear();
        Ok(())
    }

    /// Undoes the last edit; returns its label, or `None` when there is nothing to undo.
    pub fn undo(&mut self, project: &mut Project) -> Result<Option<String>, EditError> {
        let Some(edit) = self.undo.pop() else {
            return Ok(None);
        };
        match project.apply(&edit.inverse()) {
            Ok(()) => {
                let label = edit.label();
                self.redo.push(edit);
                Ok(Some(label))
            }
            Err(error) => {
                self.undo.push(edit);
                Err(error)
            }
        }
    }

    /// Redoes the last undone edit; returns its label.
    pub fn redo(&mut self, project: &mut Project) -> Result<Option<String>, EditError> {
        let Some(edit) = self.redo.pop() else {
            return Ok(None);
        };
        match project.apply(&edit) {
            Ok(()) => {
                let label = edit.label();
                self.undo.push(edit);
                Ok(Some(label))
            }
            Err(error) => {
                self.redo.push(edit);
                Err(error)
            }
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
    pub fn undo_label(&self) -> Option<String> {
        self.undo.last().map(Edit::label)
    }
    pub fn redo_label(&self) -> Option<String> {
        self.redo.last().map(Edit::label)
    }
}
