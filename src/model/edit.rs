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
    /// Adds, removes or changes an annotation (kept in canonical order).
    Annotation {
        /// The annotation as the project has it now; `None` to add one.
        before: Option<Box<Annotation>>,
        /// The annotation as it will be; `None` to remove it.
        after: Option<Box<Annotation>>,
    },
    /// Adds, removes or changes a topic of the codebook.
    Topic {
        /// The topic as the project has it now; `None` to add one.
        before: Option<Topic>,
        /// The topic as it will be; `None` to remove it.
        after: Option<Topic>,
    },
    /// Adds, removes or changes a stance of the codebook.
    Stance {
        /// The stance as the project has it now; `None` to add one.
        before: Option<Stance>,
        /// The stance as it will be; `None` to remove it.
        after: Option<Stance>,
    },
    /// Adds, removes or changes an actor of the codebook.
    Actor {
        /// The actor as the project has it now; `None` to add one.
        before: Option<Actor>,
        /// The actor as it will be; `None` to remove it.
        after: Option<Actor>,
    },
    /// Adds, removes or changes a document record.
    Document {
        /// The record as the project has it now; `None` to add one.
        before: Option<DocumentRecord>,
        /// The record as it will be; `None` to remove it.
        after: Option<DocumentRecord>,
    },
    /// Several edits applied, undone and redone as one step.
    Batch {
        /// What the step is called in the Undo and Redo menu entries.
        label: String,
        /// The steps, applied in order; if one fails, those already applied are undone.
        edits: Vec<Self>,
    },
}

/// Why an edit could not be applied. The project is unchanged when this is returned.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The edit adds an entity whose id the project already has.
    #[error("{kind} `{id}` already exists")]
    AlreadyExists {
        /// What kind of entity: `annotation`, `topic`, `stance`, `actor` or `document`.
        kind: &'static str,
        /// The id already taken.
        id: String,
    },
    /// The edit changes or removes an entity the project does not have, or an
    /// annotation refers to one (its document, a topic, its stance or an actor);
    /// also a document whose text is not loaded ([`Workspace::new_annotation`]).
    ///
    /// [`Workspace::new_annotation`]: crate::model::workspace::Workspace::new_annotation
    #[error("{kind} `{id}` does not exist")]
    Missing {
        /// What kind of entity (`annotation`, `document text`, `topic`, ...).
        kind: &'static str,
        /// The id that was not found.
        id: String,
    },
    /// The edit's `before` differs from the entity in the project: it was
    /// changed meanwhile, so applying the edit would lose that change.
    #[error("{kind} `{id}` was changed meanwhile")]
    Stale {
        /// What kind of entity (`annotation`, `topic`, ...).
        kind: &'static str,
        /// The entity's id.
        id: String,
    },
    /// `before` and `after` have different ids; an edit never changes an id.
    #[error("an edit cannot change an id (`{before}` → `{after}`)")]
    IdChanged {
        /// The id before the edit.
        before: String,
        /// The id the edit would give it.
        after: String,
    },
    /// Anything else the project refuses, as a readable sentence (a used topic
    /// removed, a parent chain that would loop, an empty or out-of-text range).
    #[error("{0}")]
    Invalid(String),
}

impl Edit {
    /// The edit that adds `annotation`.
    pub fn add_annotation(annotation: Annotation) -> Self {
        Self::Annotation {
            before: None,
            after: Some(Box::new(annotation)),
        }
    }

    /// The edit that removes `annotation` (as the project has it now).
    pub fn remove_annotation(annotation: Annotation) -> Self {
        Self::Annotation {
            before: Some(Box::new(annotation)),
            after: None,
        }
    }

    /// The edit that turns annotation `before` (as the project has it now) into
    /// `after`; both must have the same id.
    pub fn change_annotation(before: Annotation, after: Annotation) -> Self {
        Self::Annotation {
            before: Some(Box::new(before)),
            after: Some(Box::new(after)),
        }
    }

    /// `edits` as one step named `label` in the Undo and Redo menu entries.
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
                self.replace_annotation(before.as_deref(), after.as_deref())
            }
            Edit::Topic { before, after } => {
                self.check_topic_edit(before.as_ref(), after.as_ref())?;
                replace_in_list(&mut self.codebook.topics, before.as_ref(), after.as_ref())
            }
            Edit::Stance { before, after } => {
                if let (Some(b), None) = (before, after) {
                    self.check_stance_unused(b)?;
                }
                replace_in_list(&mut self.codebook.stances, before.as_ref(), after.as_ref())
            }
            Edit::Actor { before, after } => {
                if let (Some(b), None) = (before, after) {
                    self.check_actor_unused(b)?;
                }
                replace_in_list(&mut self.codebook.actors, before.as_ref(), after.as_ref())
            }
            Edit::Document { before, after } => {
                if let (Some(b), None) = (before, after) {
                    self.check_document_unused(b)?;
                }
                replace_in_list(&mut self.documents, before.as_ref(), after.as_ref())
            }
            Edit::Batch { edits, .. } => self.apply_batch(edits),
        }
    }

    /// Replaces an annotation, keeping the list in canonical order.
    fn replace_annotation(
        &mut self,
        before: Option<&Annotation>,
        after: Option<&Annotation>,
    ) -> Result<(), EditError> {
        if let Some(a) = after {
            self.check_annotation_references(a)?;
        }
        let position = check_replace(&self.annotations, before, after)?;
        if let Some(index) = position {
            self.annotations.remove(index);
        }
        if let Some(a) = after {
            let index = self.annotation_insert_index(a);
            self.annotations.insert(index, a.clone());
        }
        Ok(())
    }

    /// A topic added or changed must have a known parent that does not make the
    /// chain loop; a topic removed must be used by no annotation and no sub-topic.
    fn check_topic_edit(
        &self,
        before: Option<&Topic>,
        after: Option<&Topic>,
    ) -> Result<(), EditError> {
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
        Ok(())
    }

    /// A stance can be removed only when no annotation uses it.
    fn check_stance_unused(&self, stance: &Stance) -> Result<(), EditError> {
        let in_use = self
            .annotations
            .iter()
            .filter(|a| a.stance.as_ref() == Some(&stance.id))
            .count();
        if in_use > 0 {
            return Err(EditError::Invalid(format!(
                "stance `{}` is used by {in_use} annotation(s)",
                stance.name
            )));
        }
        Ok(())
    }

    /// An actor can be removed only when no annotation has it as holder or target.
    fn check_actor_unused(&self, actor: &Actor) -> Result<(), EditError> {
        let in_use = self
            .annotations
            .iter()
            .filter(|a| {
                a.holder.as_ref() == Some(&actor.id) || a.target.as_ref() == Some(&actor.id)
            })
            .count();
        if in_use > 0 {
            return Err(EditError::Invalid(format!(
                "actor `{}` is used by {in_use} annotation(s)",
                actor.name
            )));
        }
        Ok(())
    }

    /// A document can be removed only when it has no annotations.
    fn check_document_unused(&self, document: &DocumentRecord) -> Result<(), EditError> {
        if self.annotations.iter().any(|a| a.document == document.id) {
            return Err(EditError::Invalid(format!(
                "document `{}` still has annotations",
                document.path
            )));
        }
        Ok(())
    }

    /// Applies the steps in order; on a failure, undoes those already applied.
    fn apply_batch(&mut self, edits: &[Edit]) -> Result<(), EditError> {
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

    /// Is there an edit to undo?
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
    /// Is there an undone edit to redo?
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
    /// Label of the edit [`History::undo`] would undo, for the "Undo …" menu entry.
    pub fn undo_label(&self) -> Option<String> {
        self.undo.last().map(Edit::label)
    }
    /// Label of the edit [`History::redo`] would redo, for the "Redo …" menu entry.
    pub fn redo_label(&self) -> Option<String> {
        self.redo.last().map(Edit::label)
    }
}
