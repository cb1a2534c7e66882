//! Which project document each REFI-QDA source becomes: an existing one with
//! the same text (matched by content, whatever its path: an import never adds
//! a document twice), else a new one at a safe path (keeping the Gloss
//! document id the `Gloss codebook` note records, when it is free).

use super::sources::SourceData;
use crate::import::document_path::{safe_document_path, taken_paths};
use crate::import::plan::NewDocumentFile;
use crate::model::document::{DocumentRecord, sha256_hex};
use crate::model::edit::Edit;
use crate::model::ids::DocumentId;
use crate::model::text::CanonicalText;
use crate::model::workspace::Workspace;
use std::collections::{HashMap, HashSet};

/// Plans the documents of an import, one source at a time.
pub(super) struct DocumentPlanner<'a> {
    workspace: &'a Workspace,
    /// Lowercased paths in use, the project's and the new ones.
    taken: HashSet<String>,
    used_ids: HashSet<DocumentId>,
    /// Lowercase source GUID → Gloss document id (from the `Gloss codebook` note).
    ids_from_note: HashMap<String, String>,
    /// Existing documents already matched by a source of this import.
    claimed: HashSet<DocumentId>,
    /// Texts to write for the new documents.
    pub(super) new_files: Vec<NewDocumentFile>,
    pub(super) added: usize,
    pub(super) reused: usize,
}

impl<'a> DocumentPlanner<'a> {
    pub(super) fn new(workspace: &'a Workspace, ids_from_note: HashMap<String, String>) -> Self {
        let project = &workspace.project;
        Self {
            workspace,
            taken: taken_paths(project),
            used_ids: project.documents.iter().map(|d| d.id.clone()).collect(),
            ids_from_note,
            claimed: HashSet::new(),
            new_files: Vec::new(),
            added: 0,
            reused: 0,
        }
    }

    /// The document `source` becomes; a new one is added to `edits` and `new_files`.
    pub(super) fn document_for(
        &mut self,
        source: &SourceData,
        text: &CanonicalText,
        edits: &mut Vec<Edit>,
        problems: &mut Vec<String>,
    ) -> DocumentId {
        if let Some(id) = self.existing(source, text) {
            self.reused += 1;
            self.claimed.insert(id.clone());
            return id;
        }
        let path = safe_document_path(&source.name, &self.taken);
        if path != source.name {
            problems.push(format!("document `{}` saved as `{path}`", source.name));
        }
        self.taken.insert(path.to_lowercase());
        let mut record = DocumentRecord::new(&path, &sha256_hex(text.as_str().as_bytes()));
        if let Some(id) = self
            .ids_from_note
            .get(&source.guid)
            .map(|id| DocumentId::from(id.as_str()))
            && !self.used_ids.contains(&id)
        {
            record.id = id;
        }
        self.used_ids.insert(record.id.clone());
        for (key, value) in &source.attributes {
            record.attributes.insert(key.clone(), value.clone());
        }
        self.new_files.push(NewDocumentFile {
            path,
            text: text.as_str().to_owned(),
        });
        self.added += 1;
        let id = record.id.clone();
        edits.push(Edit::Document {
            before: None,
            after: Some(record),
        });
        id
    }

    /// The project's document with the same text as `source` (by its stored hash
    /// or its loaded text), preferring one with the same path, then one that no
    /// other source of this import matched.
    fn existing(&self, source: &SourceData, text: &CanonicalText) -> Option<DocumentId> {
        let hash = sha256_hex(text.as_str().as_bytes());
        let same_text: Vec<&DocumentRecord> = self
            .workspace
            .project
            .documents
            .iter()
            .filter(|d| {
                d.sha256 == hash
                    || self
                        .workspace
                        .text(&d.id)
                        .is_some_and(|loaded| loaded.text.as_str() == text.as_str())
            })
            .collect();
        let same_path = |d: &&&DocumentRecord| {
            d.path.eq_ignore_ascii_case(&source.name)
                || d.path
                    .eq_ignore_ascii_case(&safe_document_path(&source.name, &HashSet::new()))
        };
        let unclaimed = |d: &&&DocumentRecord| !self.claimed.contains(&d.id);
        same_text
            .iter()
            .find(same_path)
            .or_else(|| same_text.iter().find(unclaimed))
            .or_else(|| same_text.first())
            .map(|d| d.id.clone())
    }
}
