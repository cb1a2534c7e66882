//! The corpus texts the search thread reads: a snapshot of the workspace's
//! documents taken when a search starts, with the folded indexes built on that
//! thread once per fold options and kept until the documents change.

use crate::model::ids::DocumentId;
use crate::model::search::{FoldOptions, SearchIndex, build_indexes, loaded_documents};
use crate::model::text::CanonicalText;
use crate::model::workspace::Workspace;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// A document's text as it was when the snapshot was taken.
pub(super) struct SnapshotDocument {
    pub(super) id: DocumentId,
    pub(super) title: String,
    pub(super) text: CanonicalText,
}

/// The corpus texts shared with the search thread, with their folded indexes.
pub(super) struct CorpusSnapshot {
    /// Ids and content hashes: the snapshot is renewed when these change.
    key: Vec<(DocumentId, String)>,
    pub(super) documents: Vec<SnapshotDocument>,
    indexes: Mutex<HashMap<FoldOptions, Arc<Vec<SearchIndex>>>>,
}

impl CorpusSnapshot {
    fn key_of(workspace: &Workspace) -> Vec<(DocumentId, String)> {
        loaded_documents(workspace)
            .map(|(record, loaded)| (record.id.clone(), loaded.sha256.clone()))
            .collect()
    }

    /// Does the snapshot still hold the workspace's documents (checked every frame, no allocation)?
    pub(super) fn is_current(&self, workspace: &Workspace) -> bool {
        let mut loaded =
            loaded_documents(workspace).map(|(record, loaded)| (&record.id, &loaded.sha256));
        self.key
            .iter()
            .all(|(id, sha256)| loaded.next().is_some_and(|(i, s)| i == id && s == sha256))
            && loaded.next().is_none()
    }

    /// Copies the workspace's loaded texts (in project order).
    pub(super) fn new(workspace: &Workspace) -> Self {
        let documents = loaded_documents(workspace)
            .map(|(record, loaded)| SnapshotDocument {
                id: record.id.clone(),
                title: record.title().to_owned(),
                text: loaded.text.clone(),
            })
            .collect();
        Self {
            key: Self::key_of(workspace),
            documents,
            indexes: Mutex::new(HashMap::new()),
        }
    }

    /// The folded indexes for `options`, built on first use (on the search thread).
    pub(super) fn indexes(&self, options: FoldOptions, threads: usize) -> Arc<Vec<SearchIndex>> {
        let mut cache = self.indexes.lock().unwrap_or_else(PoisonError::into_inner);
        cache
            .entry(options)
            .or_insert_with(|| {
                let texts: Vec<&CanonicalText> = self.documents.iter().map(|d| &d.text).collect();
                Arc::new(build_indexes(&texts, options, threads))
            })
            .clone()
    }
}
