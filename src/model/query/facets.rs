//! Facet counts: for each value of each dimension, how many annotations would match
//! if that dimension's selection were that value alone (see the `query` module doc).

use super::filter::{RetrievalFilter, document_attribute};
use super::matching::{Dimension, PreparedFilter};
use crate::model::document::DocumentRecord;
use crate::model::ids::{ActorId, DocumentId, StanceId, TopicId};
use crate::model::workspace::Workspace;
use std::collections::{BTreeMap, HashMap};

/// How many annotations each filter value would give (see the module doc).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FacetCounts {
    /// Annotations in the project.
    pub total: usize,
    /// Annotations that pass the whole filter.
    pub matching: usize,
    /// Per topic: annotations coded with it or, with `include_subtopics`, with
    /// one of its sub-topics.
    pub topics: HashMap<TopicId, usize>,
    /// Per stance: annotations coded with it.
    pub stances: HashMap<StanceId, usize>,
    /// Per actor: annotations with it as the stance's holder.
    pub holders: HashMap<ActorId, usize>,
    /// Per actor: annotations with it as the stance's target.
    pub targets: HashMap<ActorId, usize>,
    /// Per document: annotations in it.
    pub documents: HashMap<DocumentId, usize>,
    /// `(key, value)` → count, over every attribute the documents have (plus `year`).
    pub attributes: BTreeMap<(String, String), usize>,
    /// Per coder name, exactly as written on the annotations.
    pub coders: BTreeMap<String, usize>,
}

/// Facet counts of `filter` over the workspace.
pub fn facet_counts(workspace: &Workspace, filter: &RetrievalFilter) -> FacetCounts {
    let project = &workspace.project;
    let codebook = &project.codebook;
    let prepared = PreparedFilter::new(workspace, filter);
    let mut counts = FacetCounts {
        total: project.annotations.len(),
        ..FacetCounts::default()
    };
    // Each topic with its ancestors: a count for T includes T's descendants when asked.
    let parent_of: HashMap<&TopicId, &TopicId> = codebook
        .topics
        .iter()
        .filter_map(|t| t.parent.as_ref().map(|p| (&t.id, p)))
        .collect();
    let documents: HashMap<&DocumentId, &DocumentRecord> =
        project.documents.iter().map(|d| (&d.id, d)).collect();
    let mut attribute_keys: Vec<&str> = project
        .documents
        .iter()
        .flat_map(|d| d.attributes.keys().map(String::as_str))
        .collect();
    attribute_keys.push("year");
    attribute_keys.sort_unstable();
    attribute_keys.dedup();

    let counts_for = |failed: u8, dimension: Dimension| {
        let own = 1u8 << (dimension as u8);
        failed & !own == 0
    };
    for annotation in &project.annotations {
        let failed = prepared.failures(annotation);
        if failed.count_ones() > 1 {
            continue;
        }
        if failed == 0 {
            counts.matching += 1;
        }
        if counts_for(failed, Dimension::Topic) {
            let mut seen: Vec<&TopicId> = Vec::with_capacity(annotation.topics.len() * 2);
            for topic in &annotation.topics {
                let mut current = Some(topic);
                let mut steps = 0;
                while let Some(id) = current {
                    if !seen.contains(&id) {
                        seen.push(id);
                    }
                    if !filter.include_subtopics || steps > 32 {
                        break;
                    }
                    current = parent_of.get(id).copied();
                    steps += 1;
                }
            }
            for id in seen {
                *counts.topics.entry(id.clone()).or_default() += 1;
            }
        }
        if counts_for(failed, Dimension::Stance)
            && let Some(stance) = &annotation.stance
        {
            *counts.stances.entry(stance.clone()).or_default() += 1;
        }
        if counts_for(failed, Dimension::Holder)
            && let Some(holder) = &annotation.holder
        {
            *counts.holders.entry(holder.clone()).or_default() += 1;
        }
        if counts_for(failed, Dimension::Target)
            && let Some(target) = &annotation.target
        {
            *counts.targets.entry(target.clone()).or_default() += 1;
        }
        if counts_for(failed, Dimension::Document) {
            *counts
                .documents
                .entry(annotation.document.clone())
                .or_default() += 1;
        }
        if counts_for(failed, Dimension::Attribute)
            && let Some(document) = documents.get(&annotation.document)
        {
            for key in &attribute_keys {
                if let Some(value) = document_attribute(document, key) {
                    *counts
                        .attributes
                        .entry((key.to_string(), value.to_string()))
                        .or_default() += 1;
                }
            }
        }
        if counts_for(failed, Dimension::Coder) {
            *counts.coders.entry(annotation.coder.clone()).or_default() += 1;
        }
    }
    counts
}
