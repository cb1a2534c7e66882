//! Edits: every change to a project is a value that knows its inverse.
//!
//! An edit replaces one entity (found by id) `before` → `after`: adding is
//! `None → Some`, removing `Some → None`, changing `Some → Some`. The inverse
//! swaps the two, so undo/redo, journals and (later) three-way merges all work
//! on the same small vocabulary. [`History`] keeps the undo and redo stacks.

use crate::model::annotation::Annotation;
use crate::model::batch::{INDEXED_RUN_MIN_EDITS, check_annotation_references};
use crate::model::codebook::{Actor, CodebookKind, Stance, Topic};
use crate::model::document::DocumentRecord;
pub use crate::model::edit_error::EditError;
use crate::model::merge::conflict::MergeConflict;
use crate::model::project::{ListStamp, Project};
use crate::model::text::escape_control_chars;

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
    /// Adds or removes a merge conflict the project records (see
    /// [`crate::model::merge`]), at `index` of its `conflicts` list so that
    /// undo puts it back where it was.
    Conflict {
        /// Its place in the list (when added: where it goes; clamped to the end).
        index: usize,
        /// The conflict as the project has it now; `None` to add one.
        before: Option<Box<MergeConflict>>,
        /// The conflict as it will be; `None` to remove it.
        after: Option<Box<MergeConflict>>,
    },
    /// Several edits applied, undone and redone as one step.
    Batch {
        /// What the step is called in the Undo and Redo menu entries.
        label: String,
        /// The steps, applied in order; if one fails, those already applied are undone.
        edits: Vec<Self>,
    },
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
            Self::Conflict { .. } => self.conflict_inverse(),
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
            Self::Conflict { before, after, .. } => {
                format!("{} merge conflict", verb(before, after))
            }
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
            Self::Conflict { before, after, .. } => before == after,
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

/// Checks that `before` describes the current state of the list (found by a scan).
fn check_replace<T: Entity>(
    items: &[T],
    before: Option<&T>,
    after: Option<&T>,
) -> Result<Option<usize>, EditError> {
    check_same_id(before, after)?;
    let id = before.or(after).map(|e| e.id_str()).unwrap_or_default();
    check_position(
        items,
        items.iter().position(|e| e.id_str() == id),
        id,
        before,
    )
}

/// A change keeps the entity's id.
fn check_same_id<T: Entity>(before: Option<&T>, after: Option<&T>) -> Result<(), EditError> {
    match (before, after) {
        (Some(b), Some(a)) if b.id_str() != a.id_str() => Err(EditError::IdChanged {
            before: b.id_str().into(),
            after: a.id_str().into(),
        }),
        _ => Ok(()),
    }
}

/// Checks `before` against the entity with `id` at `position` (`None`: the list has none).
fn check_position<T: Entity>(
    items: &[T],
    position: Option<usize>,
    id: &str,
    before: Option<&T>,
) -> Result<Option<usize>, EditError> {
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
                if let Some(t) = after {
                    check_name(CodebookKind::Topic, &t.name)?;
                }
                self.check_topic_edit(before.as_ref(), after.as_ref())?;
                replace_in_list(&mut self.codebook.topics, before.as_ref(), after.as_ref())
            }
            Edit::Stance { before, after } => {
                if let Some(s) = after {
                    check_name(CodebookKind::Stance, &s.name)?;
                }
                if let (Some(b), None) = (before, after) {
                    self.check_stance_unused(b)?;
                }
                replace_in_list(&mut self.codebook.stances, before.as_ref(), after.as_ref())
            }
            Edit::Actor { before, after } => {
                if let Some(a) = after {
                    check_name(CodebookKind::Actor, &a.name)?;
                    self.check_actor_owner(a)?;
                }
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
            Edit::Conflict { .. } => self.apply_conflict(edit),
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
            check_annotation_references(self, a)?;
        }
        check_same_id(before, after)?;
        let Some(id) = before.or(after).map(|a| &a.id) else {
            return Ok(());
        };
        let found = self.annotation_position(id);
        let position = check_position(&self.annotations, found, id.as_str(), before)?;
        let stamp = ListStamp::of(&self.annotations);
        if let Some(index) = position {
            self.annotations.remove(index);
        }
        if let Some(a) = after {
            let index = self.annotation_insert_index(a);
            self.annotations.insert(index, a.clone());
        }
        self.update_annotation_index(stamp, position.map(|_| id), after);
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
    /// An actor may belong only to a known actor, and never (through others) to itself.
    fn check_actor_owner(&self, actor: &Actor) -> Result<(), EditError> {
        if let Some(owner) = &actor.belongs_to
            && (self.codebook.actor(owner).is_none()
                || self.codebook.actor_would_cycle(&actor.id, owner))
        {
            return Err(EditError::Invalid(format!(
                "actor `{}` cannot belong to `{owner}` (unknown, or the chain would loop)",
                actor.name
            )));
        }
        Ok(())
    }

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
        if let Some(member) = self
            .codebook
            .actors
            .iter()
            .find(|a| a.belongs_to.as_ref() == Some(&actor.id))
        {
            return Err(EditError::Invalid(format!(
                "actor `{}` belongs to `{}`; change that first",
                member.name, actor.name
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
    /// Runs of many annotation edits go through an id index (see
    /// [`crate::model::batch`]), so that large imports stay linear.
    fn apply_batch(&mut self, edits: &[Edit]) -> Result<(), EditError> {
        let mut done = 0;
        while done < edits.len() {
            let run = edits[done..]
                .iter()
                .take_while(|e| matches!(e, Edit::Annotation { .. }))
                .count();
            let result = if run >= INDEXED_RUN_MIN_EDITS {
                let steps: Vec<_> = edits[done..done + run]
                    .iter()
                    .filter_map(|edit| match edit {
                        Edit::Annotation { before, after } => {
                            Some((before.as_deref(), after.as_deref()))
                        }
                        _ => None,
                    })
                    .collect();
                self.apply_annotation_run(&steps).map(|()| run)
            } else {
                self.apply_inner(&edits[done]).map(|()| 1)
            };
            match result {
                Ok(applied) => done += applied,
                Err(error) => {
                    let undo: Vec<Edit> = edits[..done].iter().rev().map(Edit::inverse).collect();
                    // Inverses of edits just applied always apply.
                    let _ = self.apply_batch(&undo);
                    return Err(error);
                }
            }
        }
        Ok(())
    }
}

/// Refuses a codebook name with control characters (escape sequences, line
/// breaks, tabs): printed to a terminal they could rewrite the screen, and in
/// a list or an export they break lines.
fn check_name(kind: CodebookKind, name: &str) -> Result<(), EditError> {
    match name.chars().find(|c| c.is_control()) {
        Some(control) => Err(EditError::Invalid(format!(
            "{kind} name \"{}\" contains the control character U+{:04X}; names are one line of printable text",
            escape_control_chars(name),
            u32::from(control)
        ))),
        None => Ok(()),
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
