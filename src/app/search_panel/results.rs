//! The results of the last search started: each document's hits in project
//! order, which hits are chosen for coding, and the flat list of rows the
//! result list draws (rebuilt only when documents arrive or fold).

use super::snapshot::CorpusSnapshot;
use crate::model::search::SearchHit;
use crate::model::search::autocode::HitToCode;
use std::sync::Arc;

/// The hits of one document.
pub(super) struct DocumentResult {
    /// Index in the snapshot's documents (project order).
    pub(super) position: usize,
    pub(super) hits: Vec<SearchHit>,
    pub(super) selected: Vec<bool>,
    pub(super) expanded: bool,
}

/// One line of the result list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Row {
    /// The header of document number `.0` of the results.
    Document(usize),
    /// Hit `.1` of document `.0`.
    Hit(usize, usize),
}

/// The results of the last search started.
pub(super) struct SearchResults {
    pub(super) snapshot: Arc<CorpusSnapshot>,
    pub(super) options_label: String,
    pub(super) documents: Vec<DocumentResult>,
    pub(super) searched_documents: usize,
    pub(super) finished: bool,
    pub(super) cancelled: bool,
    /// Stopped at `MAX_LISTED_HITS`.
    pub(super) truncated: bool,
    pub(super) rows: Vec<Row>,
    pub(super) rows_dirty: bool,
    /// The hit last opened in the reader (its row stays marked).
    pub(super) opened: Option<Row>,
}

impl SearchResults {
    /// Empty results of a search of `snapshot` that has just started.
    pub(super) fn started(snapshot: Arc<CorpusSnapshot>, options_label: String) -> Self {
        Self {
            snapshot,
            options_label,
            documents: Vec::new(),
            searched_documents: 0,
            finished: false,
            cancelled: false,
            truncated: false,
            rows: Vec::new(),
            rows_dirty: true,
            opened: None,
        }
    }

    pub(super) fn hit_count(&self) -> usize {
        self.documents.iter().map(|d| d.hits.len()).sum()
    }

    pub(super) fn selected_count(&self) -> usize {
        self.documents
            .iter()
            .map(|d| d.selected.iter().filter(|s| **s).count())
            .sum()
    }

    /// Chooses every hit, or none.
    pub(super) fn select_all(&mut self, on: bool) {
        self.documents.iter_mut().for_each(|d| d.selected.fill(on));
    }

    /// Takes in the hits of document `position` (kept in project order).
    pub(super) fn insert(&mut self, position: usize, hits: Vec<SearchHit>) {
        self.searched_documents += 1;
        if hits.is_empty() {
            return;
        }
        let at = self.documents.partition_point(|d| d.position < position);
        let selected = vec![false; hits.len()];
        self.documents.insert(
            at,
            DocumentResult {
                position,
                hits,
                selected,
                expanded: true,
            },
        );
        self.rows_dirty = true;
    }

    /// Shows or hides the hits of document number `index` of the results.
    pub(super) fn toggle_expanded(&mut self, index: usize) {
        if let Some(document) = self.documents.get_mut(index) {
            document.expanded = !document.expanded;
            self.rows_dirty = true;
        }
    }

    pub(super) fn rebuild_rows(&mut self) {
        if !self.rows_dirty {
            return;
        }
        self.rows.clear();
        for (d, document) in self.documents.iter().enumerate() {
            self.rows.push(Row::Document(d));
            if document.expanded {
                self.rows
                    .extend((0..document.hits.len()).map(|h| Row::Hit(d, h)));
            }
        }
        self.rows_dirty = false;
    }

    /// The hits to code: the chosen ones, or all.
    pub(super) fn chosen_hits(&self, only_selected: bool) -> Vec<HitToCode> {
        let mut chosen = Vec::new();
        for document in &self.documents {
            let Some(snapshot_document) = self.snapshot.documents.get(document.position) else {
                continue;
            };
            for (hit, selected) in document.hits.iter().zip(&document.selected) {
                if *selected || !only_selected {
                    chosen.push(HitToCode {
                        document: snapshot_document.id.clone(),
                        range: hit.range,
                    });
                }
            }
        }
        chosen
    }
}
