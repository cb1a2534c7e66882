//! What the retrieval panel keeps between frames: the filter, the attribute
//! key whose values are listed, and the rows and counts of the last filter on
//! the last project revision (recomputed only when one of them changes).

use crate::model::ids::AnnotationId;
use crate::model::query::{FacetCounts, RetrievalFilter, facet_counts, retrieve};
use crate::model::workspace::Workspace;
use std::collections::{BTreeSet, HashMap};

/// What the panel remembers between frames.
#[derive(Clone, Debug, Default)]
pub struct RetrievalState {
    /// What the panel retrieves (and what File ▸ Export exports).
    pub filter: RetrievalFilter,
    /// Attribute key whose values are listed in the filter column.
    pub(super) attribute_key: String,
    pub(super) cache: Option<RetrievalCache>,
    /// Are the filters shown above the rows (narrow pane)?
    pub(super) show_filters: bool,
    /// Rows showing their whole excerpt, with the height they took last drawn.
    pub(super) expanded: HashMap<AnnotationId, f32>,
    /// The passage last opened from the list (its row stays marked).
    pub(super) opened: Option<AnnotationId>,
    /// What the filter's `annotation_ids` stand for ("Economy × supportive").
    pub(super) chosen_label: String,
    /// Who is coding in this window (marked in the coder facet).
    pub(super) current_coder: String,
}

/// Results of one filter on one project revision.
#[derive(Clone, Debug)]
pub(super) struct RetrievalCache {
    filter: RetrievalFilter,
    revision: u64,
    loaded_texts: usize,
    annotation_count: usize,
    /// Indices into `project.annotations` (valid for `revision`).
    pub(super) rows: Vec<usize>,
    pub(super) counts: FacetCounts,
}

impl RetrievalState {
    /// Shows exactly the annotations `ids` (the passages behind an analysis
    /// cell called `label`), the other filters staying as they are.
    pub fn show_exactly(&mut self, ids: BTreeSet<AnnotationId>, label: String) {
        self.filter.annotation_ids = Some(ids);
        self.chosen_label = label;
    }

    /// Marks `name` as the current coder in the coder facet.
    pub fn set_current_coder(&mut self, name: &str) {
        if self.current_coder != name {
            name.clone_into(&mut self.current_coder);
        }
    }

    /// The rows and counts for the current filter, recomputed only when needed.
    pub(super) fn refresh(&mut self, workspace: &Workspace) {
        let revision = workspace.project.revision;
        let loaded_texts = workspace.texts.len();
        let annotation_count = workspace.project.annotations.len();
        let stale = self.cache.as_ref().is_none_or(|cache| {
            cache.revision != revision
                || cache.loaded_texts != loaded_texts
                || cache.annotation_count != annotation_count
                || cache.filter != self.filter
        });
        if stale {
            let index_of: HashMap<&AnnotationId, usize> = workspace
                .project
                .annotations
                .iter()
                .enumerate()
                .map(|(index, a)| (&a.id, index))
                .collect();
            self.cache = Some(RetrievalCache {
                filter: self.filter.clone(),
                revision,
                loaded_texts,
                annotation_count,
                rows: retrieve(workspace, &self.filter)
                    .into_iter()
                    .filter_map(|a| index_of.get(&a.id).copied())
                    .collect(),
                counts: facet_counts(workspace, &self.filter),
            });
        }
    }
}
