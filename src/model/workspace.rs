//! A project together with its loaded document texts and its undo history:
//! everything the window or a command works on, still without any file I/O.

use crate::model::anchor::{self, AnchorStatus, DocumentReport, REANCHOR_LABEL};
use crate::model::annotation::Annotation;
use crate::model::document::{DocumentRecord, LoadedText};
use crate::model::edit::{Edit, EditError, History};
use crate::model::ids::{AnnotationId, DocumentId};
use crate::model::project::Project;
use crate::model::text::CharRange;
use std::collections::HashMap;

/// A project with its documents' texts and its undo history: what the window
/// or a command works on.
#[derive(Clone, Debug, Default)]
pub struct Workspace {
    /// The project as edited so far.
    pub project: Project,
    /// Texts of the documents that could be read, by document id; a document
    /// whose file is missing or unreadable has none.
    pub texts: HashMap<DocumentId, LoadedText>,
    /// Undo and redo stacks of the edits made through [`Workspace::apply`].
    pub history: History,
}

impl Workspace {
    /// A workspace of `project` and the `texts` that could be read, with nothing to undo.
    pub fn new(project: Project, texts: HashMap<DocumentId, LoadedText>) -> Self {
        Self {
            project,
            texts,
            history: History::default(),
        }
    }

    /// Applies an edit and records it for undo.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        self.validate_ranges(&edit)?;
        self.history.apply(&mut self.project, edit)
    }

    /// Undoes the last edit; returns its label, or `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Result<Option<String>, EditError> {
        self.history.undo(&mut self.project)
    }

    /// Redoes the last undone edit; returns its label, or `None` when there is nothing to redo.
    pub fn redo(&mut self) -> Result<Option<String>, EditError> {
        self.history.redo(&mut self.project)
    }

    /// Re-anchors the annotations of every document whose text changed since
    /// the project recorded it ([`anchor::reanchor_changed_documents`]), as one
    /// undoable edit; returns a report per re-anchored document.
    ///
    /// A step the project refuses (an annotation that refers to an unknown
    /// topic, say, which `check` reports) is left out; the others are applied.
    pub fn reanchor_changed_documents(&mut self) -> Result<Vec<DocumentReport>, EditError> {
        let outcome = anchor::reanchor_changed_documents(&self.project, &self.texts);
        let Some(edit) = outcome.edit else {
            return Ok(outcome.reports);
        };
        if let Err(refused) = self.apply(edit.clone()) {
            let Edit::Batch { edits, .. } = edit else {
                return Err(refused);
            };
            let mut trial = self.project.clone();
            let accepted: Vec<Edit> = edits
                .into_iter()
                .filter(|step| self.validate_ranges(step).is_ok() && trial.apply(step).is_ok())
                .collect();
            self.apply(Edit::batch(REANCHOR_LABEL, accepted))?;
        }
        Ok(outcome.reports)
    }

    /// The loaded text of a document; `None` when it could not be read.
    pub fn text(&self, document: &DocumentId) -> Option<&LoadedText> {
        self.texts.get(document)
    }

    /// The project's record of a document.
    pub fn document(&self, document: &DocumentId) -> Option<&DocumentRecord> {
        self.project.document(document)
    }

    /// The annotation with this id, if the project has it.
    pub fn annotation(&self, id: &AnnotationId) -> Option<&Annotation> {
        self.project.annotation(id)
    }

    /// A new, uncoded annotation of `range` in `document`.
    pub fn new_annotation(
        &self,
        document: &DocumentId,
        range: CharRange,
        coder: &str,
        now: &str,
    ) -> Result<Annotation, EditError> {
        let loaded = self.texts.get(document).ok_or_else(|| EditError::Missing {
            kind: "document text",
            id: document.to_string(),
        })?;
        Annotation::new(document.clone(), &loaded.text, range, coder, now).ok_or_else(|| {
            EditError::Invalid(format!(
                "range {}..{} is empty or outside the document ({} chars)",
                range.start.0,
                range.end.0,
                loaded.text.len_chars()
            ))
        })
    }

    /// Annotations added or changed must lie inside their document's text
    /// (except orphans, which keep their last offsets in a text that shrank).
    fn validate_ranges(&self, edit: &Edit) -> Result<(), EditError> {
        match edit {
            Edit::Annotation { after: Some(a), .. } => {
                if a.status != AnchorStatus::Orphaned
                    && let Some(loaded) = self.texts.get(&a.document)
                    && a.end.0 > loaded.text.len_chars()
                {
                    return Err(EditError::Invalid(format!(
                        "range {}..{} is outside the document ({} chars)",
                        a.start.0,
                        a.end.0,
                        loaded.text.len_chars()
                    )));
                }
                Ok(())
            }
            Edit::Batch { edits, .. } => edits.iter().try_for_each(|e| self.validate_ranges(e)),
            _ => Ok(()),
        }
    }
}
