//! Retrieval of coded segments: the filter behind the retrieval panel and every
//! export (`gloss export … --topic … --stance …` gives the same rows as the window).
//!
//! Semantics, in one place:
//! - Dimensions combine with AND: an annotation is kept when it passes every
//!   dimension that has a value (topics, stance, holder, target, document,
//!   attributes, coder, text).
//! - Several values within one dimension combine with OR ("stance is A or B"),
//!   except topics, where [`TopicMatch::AllOf`] asks for every chosen topic.
//! - With `include_subtopics` (the default) a chosen topic also matches
//!   annotations coded with any of its descendants.
//! - Attributes are `key = value` pairs; values of one key combine with OR, keys
//!   with AND. Values compare case- and whitespace-insensitively. The key `year`
//!   falls back to the first four characters of the `date` attribute.
//! - The text query is split on whitespace; every term must occur
//!   (case-insensitively) in the excerpt, the memo, or either (see [`TextScope`]).
//!
//! Facet counts ([`FacetCounts`]) tell, for each value of a dimension, how many
//! annotations would match if that dimension's own selection were replaced by
//! that value alone, the other dimensions staying as they are (the usual
//! faceted-search count).

use crate::model::annotation::Annotation;
use crate::model::codebook::{Codebook, names_match};
use crate::model::document::{DocumentRecord, attribute};
use crate::model::ids::{ActorId, DocumentId, StanceId, TopicId};
use crate::model::workspace::Workspace;
use std::collections::{BTreeMap, HashMap, HashSet};

/// How several chosen topics combine.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TopicMatch {
    /// At least one of the topics.
    #[default]
    AnyOf,
    /// Every one of the topics.
    AllOf,
}

/// Where the text query looks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TextScope {
    #[default]
    ExcerptOrMemo,
    Excerpt,
    Memo,
}

/// Order of the retrieved rows. Ties always fall back to document order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SortOrder {
    /// Documents in project order (by path), passages by position.
    #[default]
    Document,
    /// By the first of the annotation's topics in codebook tree order; uncoded last.
    Topic,
    /// By the document's `date` attribute (ISO 8601 sorts as text); undated last.
    Date,
    /// By the stance's place on the stance scale; no stance last.
    Stance,
}

impl SortOrder {
    pub const ALL: [SortOrder; 4] = [
        SortOrder::Document,
        SortOrder::Topic,
        SortOrder::Date,
        SortOrder::Stance,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SortOrder::Document => "document order",
            SortOrder::Topic => "topic",
            SortOrder::Date => "date",
            SortOrder::Stance => "stance",
        }
    }
}

/// What the researcher asks for. The default matches every annotation.
#[derive(Clone, Debug, PartialEq)]
pub struct RetrievalFilter {
    pub topics: Vec<TopicId>,
    pub topic_match: TopicMatch,
    pub include_subtopics: bool,
    pub stances: Vec<StanceId>,
    pub holders: Vec<ActorId>,
    pub targets: Vec<ActorId>,
    pub documents: Vec<DocumentId>,
    /// `(key, value)` pairs.
    pub attributes: Vec<(String, String)>,
    pub coders: Vec<String>,
    pub text: String,
    pub text_scope: TextScope,
    pub sort: SortOrder,
}

impl Default for RetrievalFilter {
    fn default() -> Self {
        Self {
            topics: Vec::new(),
            topic_match: TopicMatch::AnyOf,
            include_subtopics: true,
            stances: Vec::new(),
            holders: Vec::new(),
            targets: Vec::new(),
            documents: Vec::new(),
            attributes: Vec::new(),
            coders: Vec::new(),
            text: String::new(),
            text_scope: TextScope::ExcerptOrMemo,
            sort: SortOrder::Document,
        }
    }
}

impl RetrievalFilter {
    /// True when the filter keeps every annotation.
    pub fn is_empty(&self) -> bool {
        self.topics.is_empty()
            && self.stances.is_empty()
            && self.holders.is_empty()
            && self.targets.is_empty()
            && self.documents.is_empty()
            && self.attributes.is_empty()
            && self.coders.is_empty()
            && self.text.trim().is_empty()
    }

    /// A one-line human description, for report headers ("topic: Health; stance: critical").
    pub fn describe(&self, codebook: &Codebook, documents: &[DocumentRecord]) -> String {
        let mut parts = Vec::new();
        if !self.topics.is_empty() {
            let names: Vec<&str> = self.topics.iter().map(|t| codebook.topic_name(t)).collect();
            let joiner = match self.topic_match {
                TopicMatch::AnyOf => " or ",
                TopicMatch::AllOf => " and ",
            };
            let subtopics = if self.include_subtopics {
                ""
            } else {
                " (without sub-topics)"
            };
            parts.push(format!("topic: {}{subtopics}", names.join(joiner)));
        }
        let join = |names: Vec<&str>| names.join(" or ");
        if !self.stances.is_empty() {
            let names = self
                .stances
                .iter()
                .map(|s| codebook.stance_name(s))
                .collect();
            parts.push(format!("stance: {}", join(names)));
        }
        if !self.holders.is_empty() {
            let names = self
                .holders
                .iter()
                .map(|a| codebook.actor_name(a))
                .collect();
            parts.push(format!("holder: {}", join(names)));
        }
        if !self.targets.is_empty() {
            let names = self
                .targets
                .iter()
                .map(|a| codebook.actor_name(a))
                .collect();
            parts.push(format!("target: {}", join(names)));
        }
        if !self.documents.is_empty() {
            let names = self
                .documents
                .iter()
                .map(|id| {
                    documents
                        .iter()
                        .find(|d| &d.id == id)
                        .map_or(id.as_str(), |d| d.title())
                })
                .collect();
            parts.push(format!("document: {}", join(names)));
        }
        for (key, value) in &self.attributes {
            parts.push(format!("{key}: {value}"));
        }
        if !self.coders.is_empty() {
            parts.push(format!(
                "coder: {}",
                join(self.coders.iter().map(String::as_str).collect())
            ));
        }
        if !self.text.trim().is_empty() {
            let scope = match self.text_scope {
                TextScope::ExcerptOrMemo => "text",
                TextScope::Excerpt => "excerpt",
                TextScope::Memo => "memo",
            };
            parts.push(format!("{scope} contains “{}”", self.text.trim()));
        }
        if parts.is_empty() {
            "all annotations".to_string()
        } else {
            parts.join("; ")
        }
    }
}

/// A document attribute as the filter sees it (`year` derived from `date` when absent).
pub fn document_attribute<'a>(document: &'a DocumentRecord, key: &str) -> Option<&'a str> {
    match document.attribute(key) {
        Some(value) => Some(value),
        None if key == "year" => document
            .attribute(attribute::DATE)
            .and_then(|date| date.get(..4))
            .filter(|year| year.chars().all(|c| c.is_ascii_digit())),
        None => None,
    }
}

/// One dimension of the filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dimension {
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
struct PreparedFilter<'a> {
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
    fn new(workspace: &'a Workspace, filter: &'a RetrievalFilter) -> Self {
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
            holders: filter.holders.iter().collect(),
            targets: filter.targets.iter().collect(),
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

    /// Bit set of the dimensions this annotation fails.
    fn failures(&self, annotation: &'a Annotation) -> u8 {
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

/// Sorts annotations by `order`, ties in document order.
pub fn sort_annotations(workspace: &Workspace, annotations: &mut [&Annotation], order: SortOrder) {
    let project = &workspace.project;
    let document_rank: HashMap<&DocumentId, usize> = project
        .documents
        .iter()
        .enumerate()
        .map(|(index, d)| (&d.id, index))
        .collect();
    let rank_of = |a: &Annotation| {
        document_rank
            .get(&a.document)
            .copied()
            .unwrap_or(usize::MAX)
    };
    // The primary key of each order (0 for document order); keys are computed once per annotation.
    let primary: Box<dyn Fn(&Annotation) -> usize + '_> = match order {
        SortOrder::Document => Box::new(|_| 0),
        SortOrder::Topic => {
            let topic_rank: HashMap<&TopicId, usize> = project
                .codebook
                .topic_tree()
                .into_iter()
                .enumerate()
                .map(|(index, (_, topic))| (&topic.id, index))
                .collect();
            Box::new(move |a| {
                a.topics
                    .iter()
                    .filter_map(|t| topic_rank.get(t).copied())
                    .min()
                    .unwrap_or(usize::MAX)
            })
        }
        SortOrder::Date => {
            // Rank of each document by date (undated last), so the key is a number.
            let mut dated: Vec<(&str, &DocumentId)> = project
                .documents
                .iter()
                .filter_map(|d| {
                    d.attribute(attribute::DATE)
                        .filter(|date| !date.trim().is_empty())
                        .map(|date| (date, &d.id))
                })
                .collect();
            dated.sort();
            let mut date_rank: HashMap<&DocumentId, usize> = HashMap::new();
            let mut rank = 0;
            let mut previous: Option<&str> = None;
            for (date, id) in dated {
                if previous.is_some_and(|p| p != date) {
                    rank += 1;
                }
                previous = Some(date);
                date_rank.insert(id, rank);
            }
            Box::new(move |a| date_rank.get(&a.document).copied().unwrap_or(usize::MAX))
        }
        SortOrder::Stance => {
            let stance_rank: HashMap<&StanceId, usize> = project
                .codebook
                .stances
                .iter()
                .enumerate()
                .map(|(index, s)| (&s.id, index))
                .collect();
            Box::new(move |a| {
                a.stance
                    .as_ref()
                    .and_then(|s| stance_rank.get(s).copied())
                    .unwrap_or(usize::MAX)
            })
        }
    };
    annotations.sort_by_cached_key(|&a| (primary(a), rank_of(a), a.start, a.end, &a.id));
}

/// How many annotations each filter value would give (see the module doc).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FacetCounts {
    /// Annotations in the project.
    pub total: usize,
    /// Annotations that pass the whole filter.
    pub matching: usize,
    pub topics: HashMap<TopicId, usize>,
    pub stances: HashMap<StanceId, usize>,
    pub holders: HashMap<ActorId, usize>,
    pub targets: HashMap<ActorId, usize>,
    pub documents: HashMap<DocumentId, usize>,
    /// `(key, value)` → count, over every attribute the documents have (plus `year`).
    pub attributes: BTreeMap<(String, String), usize>,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::codebook::{Actor, Color, Stance, Topic};
    use crate::model::document::LoadedText;
    use crate::model::project::Project;
    use crate::model::text::CharRange;

    fn topic(id: &str, parent: Option<&str>) -> Topic {
        Topic {
            id: TopicId::from(id),
            name: id.to_uppercase(),
            color: Color::rgb(1, 2, 3),
            parent: parent.map(TopicId::from),
            description: String::new(),
        }
    }

    /// (document, start, end, topics, stance, holder, coder, memo)
    type Spec = (
        &'static str,
        usize,
        usize,
        &'static [&'static str],
        Option<&'static str>,
        Option<&'static str>,
        &'static str,
        &'static str,
    );

    /// Two documents, topics health > vaccines and trade, two stances, two actors.
    fn workspace() -> Workspace {
        let mut project = Project::default();
        let texts = [
            (
                "doc-a",
                "a.txt",
                "China sends vaccines to Serbia. Trade grows.",
                "2021-03-01",
                "Politika",
            ),
            (
                "doc-b",
                "b.txt",
                "Masks arrive in Belgrade. Critics doubt it.",
                "2020-04-02",
                "N1",
            ),
        ];
        let mut loaded = HashMap::new();
        for (id, path, text, date, outlet) in texts {
            let mut record = DocumentRecord::new(path, "");
            record.id = DocumentId::from(id);
            record.attributes.insert("date".into(), date.into());
            record.attributes.insert("outlet".into(), outlet.into());
            project.documents.push(record);
            loaded.insert(DocumentId::from(id), LoadedText::from_string(text));
        }
        project.codebook.topics = vec![
            topic("health", None),
            topic("vaccines", Some("health")),
            topic("trade", None),
        ];
        project.codebook.stances = ["supportive", "critical"]
            .iter()
            .enumerate()
            .map(|(i, name)| Stance {
                id: StanceId::from(*name),
                name: name.to_string(),
                color: Color::rgb(0, 0, 0),
                polarity: 1 - 2 * i as i32,
                description: String::new(),
            })
            .collect();
        project.codebook.actors = ["china", "serbia"]
            .iter()
            .map(|name| Actor {
                id: ActorId::from(*name),
                name: name.to_string(),
                description: String::new(),
            })
            .collect();
        let workspace = Workspace::new(project, loaded);
        let mut annotations = Vec::new();
        let specs: [Spec; 4] = [
            (
                "doc-a",
                0,
                30,
                &["vaccines"],
                Some("supportive"),
                Some("serbia"),
                "ana",
                "thanks",
            ),
            (
                "doc-a",
                32,
                44,
                &["trade"],
                Some("critical"),
                Some("china"),
                "bo",
                "",
            ),
            (
                "doc-b",
                0,
                24,
                &["health"],
                Some("supportive"),
                None,
                "ana",
                "masks memo",
            ),
            (
                "doc-b",
                26,
                42,
                &["health", "trade"],
                None,
                Some("china"),
                "bo",
                "",
            ),
        ];
        for (i, (doc, start, end, topics, stance, holder, coder, memo)) in
            specs.into_iter().enumerate()
        {
            let mut annotation = workspace
                .new_annotation(
                    &DocumentId::from(doc),
                    CharRange::new(start, end),
                    coder,
                    "2024-01-01T00:00:00Z",
                )
                .expect("annotation");
            annotation.id = format!("ann-{i}").as_str().into();
            annotation.topics = topics.iter().map(|t| TopicId::from(*t)).collect();
            annotation.stance = stance.map(StanceId::from);
            annotation.holder = holder.map(ActorId::from);
            annotation.memo = memo.into();
            annotations.push(annotation);
        }
        let mut workspace = workspace;
        workspace.project.annotations = annotations;
        workspace.project.sort_canonically();
        workspace
    }

    fn ids(annotations: &[&Annotation]) -> Vec<String> {
        annotations.iter().map(|a| a.id.to_string()).collect()
    }

    #[test]
    fn empty_filter_keeps_everything_in_document_order() {
        let workspace = workspace();
        let filter = RetrievalFilter::default();
        assert!(filter.is_empty());
        assert_eq!(
            ids(&retrieve(&workspace, &filter)),
            ["ann-0", "ann-1", "ann-2", "ann-3"]
        );
    }

    #[test]
    fn topics_any_all_and_subtopics() {
        let workspace = workspace();
        let mut filter = RetrievalFilter {
            topics: vec!["health".into()],
            ..RetrievalFilter::default()
        };
        assert_eq!(
            ids(&retrieve(&workspace, &filter)),
            ["ann-0", "ann-2", "ann-3"],
            "vaccines is under health"
        );
        filter.include_subtopics = false;
        assert_eq!(ids(&retrieve(&workspace, &filter)), ["ann-2", "ann-3"]);
        filter.topics.push("trade".into());
        assert_eq!(
            ids(&retrieve(&workspace, &filter)),
            ["ann-1", "ann-2", "ann-3"]
        );
        filter.topic_match = TopicMatch::AllOf;
        assert_eq!(ids(&retrieve(&workspace, &filter)), ["ann-3"]);
    }

    #[test]
    fn dimensions_combine_with_and_values_with_or() {
        let workspace = workspace();
        let filter = RetrievalFilter {
            stances: vec!["supportive".into(), "critical".into()],
            coders: vec!["ANA".into()],
            ..RetrievalFilter::default()
        };
        assert_eq!(ids(&retrieve(&workspace, &filter)), ["ann-0", "ann-2"]);
        let filter = RetrievalFilter {
            holders: vec!["china".into()],
            documents: vec!["doc-b".into()],
            ..RetrievalFilter::default()
        };
        assert_eq!(ids(&retrieve(&workspace, &filter)), ["ann-3"]);
    }

    #[test]
    fn attributes_and_derived_year() {
        let workspace = workspace();
        let filter = RetrievalFilter {
            attributes: vec![("year".into(), "2020".into())],
            ..RetrievalFilter::default()
        };
        assert_eq!(ids(&retrieve(&workspace, &filter)), ["ann-2", "ann-3"]);
        let filter = RetrievalFilter {
            attributes: vec![
                ("outlet".into(), "politika".into()),
                ("outlet".into(), "N1".into()),
            ],
            ..RetrievalFilter::default()
        };
        assert_eq!(
            retrieve(&workspace, &filter).len(),
            4,
            "values of one key are OR"
        );
        let filter = RetrievalFilter {
            attributes: vec![
                ("outlet".into(), "politika".into()),
                ("year".into(), "2020".into()),
            ],
            ..RetrievalFilter::default()
        };
        assert!(retrieve(&workspace, &filter).is_empty(), "keys are AND");
    }

    #[test]
    fn text_query_looks_in_excerpt_or_memo() {
        let workspace = workspace();
        let mut filter = RetrievalFilter {
            text: "MASKS".into(),
            ..RetrievalFilter::default()
        };
        assert_eq!(ids(&retrieve(&workspace, &filter)), ["ann-2"]);
        filter.text = "memo masks".into();
        assert_eq!(
            ids(&retrieve(&workspace, &filter)),
            ["ann-2"],
            "terms may come from memo and excerpt"
        );
        filter.text_scope = TextScope::Excerpt;
        assert!(retrieve(&workspace, &filter).is_empty());
        filter.text = "thanks".into();
        filter.text_scope = TextScope::Memo;
        assert_eq!(ids(&retrieve(&workspace, &filter)), ["ann-0"]);
    }

    #[test]
    fn sort_orders() {
        let workspace = workspace();
        let mut filter = RetrievalFilter {
            sort: SortOrder::Date,
            ..RetrievalFilter::default()
        };
        assert_eq!(
            ids(&retrieve(&workspace, &filter)),
            ["ann-2", "ann-3", "ann-0", "ann-1"]
        );
        filter.sort = SortOrder::Stance;
        assert_eq!(
            ids(&retrieve(&workspace, &filter)),
            ["ann-0", "ann-2", "ann-1", "ann-3"]
        );
        filter.sort = SortOrder::Topic;
        // Tree order: health, vaccines, trade.
        assert_eq!(
            ids(&retrieve(&workspace, &filter)),
            ["ann-2", "ann-3", "ann-0", "ann-1"]
        );
    }

    #[test]
    fn facet_counts_ignore_their_own_dimension() {
        let workspace = workspace();
        let filter = RetrievalFilter {
            stances: vec!["supportive".into()],
            ..RetrievalFilter::default()
        };
        let counts = facet_counts(&workspace, &filter);
        assert_eq!(counts.total, 4);
        assert_eq!(counts.matching, 2);
        assert_eq!(counts.stances[&StanceId::from("supportive")], 2);
        assert_eq!(
            counts.stances[&StanceId::from("critical")],
            1,
            "what choosing critical would give"
        );
        assert_eq!(
            counts.topics[&TopicId::from("health")],
            2,
            "vaccines counts under health"
        );
        assert_eq!(counts.topics.get(&TopicId::from("trade")), None);
        assert_eq!(counts.coders["ana"], 2);
        assert_eq!(
            counts.attributes[&("year".to_string(), "2021".to_string())],
            1
        );
        assert_eq!(counts.documents[&DocumentId::from("doc-b")], 1);
    }

    #[test]
    fn describe_names_every_dimension() {
        let workspace = workspace();
        let filter = RetrievalFilter {
            topics: vec!["health".into()],
            stances: vec!["critical".into()],
            attributes: vec![("outlet".into(), "N1".into())],
            text: " doubt ".into(),
            ..RetrievalFilter::default()
        };
        let text = filter.describe(&workspace.project.codebook, &workspace.project.documents);
        assert_eq!(
            text,
            "topic: HEALTH; stance: critical; outlet: N1; text contains “doubt”"
        );
    }
}
