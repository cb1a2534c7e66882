//! The filter prepared against one workspace (topic families, id sets, attribute
//! matches computed once), counting for each annotation which dimensions it fails;
//! [`retrieve`] keeps those that fail none.

use super::filter::{RetrievalFilter, TextScope, TopicMatch, document_attribute};
use super::sorting::sort_annotations;
use crate::model::annotation::Annotation;
use crate::model::codebook::{ActorKind, Codebook, names_match};
use crate::model::ids::{ActorId, DocumentId, StanceId, TopicId};
use crate::model::workspace::Workspace;
use std::collections::{BTreeMap, HashSet};

/// One dimension of the filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Dimension {
    Topic = 0,
    Stance = 1,
    Holder = 2,
    Target = 3,
    Document = 4,
    Attribute = 5,
    Coder = 6,
    Text = 7,
}

/// The filter prepared for fast evaluation against one workspace.
pub(super) struct PreparedFilter<'a> {
    workspace: &'a Workspace,
    filter: &'a RetrievalFilter,
    /// Per chosen topic, the set of topics that count as it.
    topic_sets: Vec<HashSet<&'a TopicId>>,
    stances: HashSet<&'a StanceId>,
    holders: HashSet<&'a ActorId>,
    targets: HashSet<&'a ActorId>,
    documents: HashSet<&'a DocumentId>,
    /// Documents that pass the attribute filter (only built when it is in force).
    documents_passing_attributes: Option<HashSet<&'a DocumentId>>,
    coders: Vec<&'a str>,
    terms: Vec<String>,
}

impl<'a> PreparedFilter<'a> {
    pub(super) fn new(workspace: &'a Workspace, filter: &'a RetrievalFilter) -> Self {
        let codebook = &workspace.project.codebook;
        let topic_sets = filter
            .topics
            .iter()
            .map(|topic| {
                if filter.include_subtopics {
                    let family = codebook.topic_with_descendants(topic);
                    codebook
                        .topics
                        .iter()
                        .map(|t| &t.id)
                        .filter(|id| family.contains(id))
                        .chain(std::iter::once(topic))
                        .collect()
                } else {
                    std::iter::once(topic).collect()
                }
            })
            .collect();
        let documents_passing_attributes = (!filter.attributes.is_empty()).then(|| {
            let mut by_key: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
            for (key, value) in &filter.attributes {
                by_key.entry(key.trim()).or_default().push(value.as_str());
            }
            workspace
                .project
                .documents
                .iter()
                .filter(|document| {
                    by_key.iter().all(|(key, values)| {
                        document_attribute(document, key)
                            .is_some_and(|actual| values.iter().any(|v| names_match(actual, v)))
                    })
                })
                .map(|document| &document.id)
                .collect()
        });
        Self {
            workspace,
            filter,
            topic_sets,
            stances: filter.stances.iter().collect(),
            holders: actors_matching(codebook, &filter.holders, filter.actor_level.as_ref()),
            targets: actors_matching(codebook, &filter.targets, filter.actor_level.as_ref()),
            documents: filter.documents.iter().collect(),
            documents_passing_attributes,
            coders: filter.coders.iter().map(String::as_str).collect(),
            terms: filter
                .text
                .split_whitespace()
                .map(str::to_lowercase)
                .collect(),
        }
    }

    fn excerpt(&self, annotation: &'a Annotation) -> &'a str {
        self.workspace
            .text(&annotation.document)
            .and_then(|loaded| loaded.text.slice(annotation.range()))
            .unwrap_or(&annotation.anchor.exact)
    }

    fn passes_topics(&self, annotation: &Annotation) -> bool {
        if self.topic_sets.is_empty() {
            return true;
        }
        let has = |set: &HashSet<&TopicId>| annotation.topics.iter().any(|t| set.contains(t));
        match self.filter.topic_match {
            TopicMatch::AnyOf => self.topic_sets.iter().any(has),
            TopicMatch::AllOf => self.topic_sets.iter().all(has),
        }
    }

    fn passes_text(&self, annotation: &'a Annotation) -> bool {
        if self.terms.is_empty() {
            return true;
        }
        let lower = |text: &str| {
            if text.is_ascii() {
                text.to_ascii_lowercase()
            } else {
                text.to_lowercase()
            }
        };
        let in_excerpt = matches!(
            self.filter.text_scope,
            TextScope::Excerpt | TextScope::ExcerptOrMemo
        );
        let in_memo = matches!(
            self.filter.text_scope,
            TextScope::Memo | TextScope::ExcerptOrMemo
        );
        let excerpt = if in_excerpt {
            lower(self.excerpt(annotation))
        } else {
            String::new()
        };
        let memo = if in_memo && !annotation.memo.is_empty() {
            lower(&annotation.memo)
        } else {
            String::new()
        };
        self.terms
            .iter()
            .all(|term| excerpt.contains(term.as_str()) || memo.contains(term.as_str()))
    }

    /// Bit set of the dimensions this annotation fails. An annotation outside
    /// the filter's `annotation_ids` fails every dimension (it counts nowhere,
    /// not even in facet counts).
    pub(super) fn failures(&self, annotation: &'a Annotation) -> u8 {
        if let Some(ids) = &self.filter.annotation_ids
            && !ids.contains(&annotation.id)
        {
            return u8::MAX;
        }
        let mut failed = 0u8;
        let mut fail = |dimension: Dimension| failed |= 1 << (dimension as u8);
        if !self.passes_topics(annotation) {
            fail(Dimension::Topic);
        }
        if !in_set(&self.stances, annotation.stance.as_ref()) {
            fail(Dimension::Stance);
        }
        if !in_set(&self.holders, annotation.holder.as_ref()) {
            fail(Dimension::Holder);
        }
        if !in_set(&self.targets, annotation.target.as_ref()) {
            fail(Dimension::Target);
        }
        if !in_set(&self.documents, Some(&annotation.document)) {
            fail(Dimension::Document);
        }
        if let Some(passing) = &self.documents_passing_attributes
            && !passing.contains(&annotation.document)
        {
            fail(Dimension::Attribute);
        }
        if !self.coders.is_empty()
            && !self
                .coders
                .iter()
                .any(|c| names_match(c, &annotation.coder))
        {
            fail(Dimension::Coder);
        }
        if !self.passes_text(annotation) {
            fail(Dimension::Text);
        }
        failed
    }
}

/// The actors a choice of `chosen` matches: the chosen ones, and at a `level`
/// every actor that rolls up to one of them (its nearest actor of that kind
/// is chosen; an actor of the kind rolls up to itself).
fn actors_matching<'a>(
    codebook: &'a Codebook,
    chosen: &'a [ActorId],
    level: Option<&ActorKind>,
) -> HashSet<&'a ActorId> {
    let mut matching: HashSet<&ActorId> = chosen.iter().collect();
    if let Some(kind) = level
        && !chosen.is_empty()
    {
        for actor in &codebook.actors {
            if actor.kind.as_ref() == Some(kind) {
                continue;
            }
            let representative = codebook
                .actor_ancestors(&actor.id)
                .into_iter()
                .find(|a| a.kind.as_ref() == Some(kind));
            if let Some(owner) = representative
                && chosen.contains(&owner.id)
            {
                matching.insert(&actor.id);
            }
        }
    }
    matching
}

/// An empty set accepts anything; otherwise the value must be in it.
fn in_set<T: Eq + std::hash::Hash>(set: &HashSet<&T>, value: Option<&T>) -> bool {
    set.is_empty() || value.is_some_and(|v| set.contains(v))
}

/// The annotations that pass `filter`, in its sort order.
pub fn retrieve<'a>(workspace: &'a Workspace, filter: &RetrievalFilter) -> Vec<&'a Annotation> {
    let prepared = PreparedFilter::new(workspace, filter);
    let mut matches: Vec<&'a Annotation> = workspace
        .project
        .annotations
        .iter()
        .filter(|a| prepared.failures(a) == 0)
        .collect();
    sort_annotations(workspace, &mut matches, filter.sort);
    matches
}
