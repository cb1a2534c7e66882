//! The retrieval filter as the user chose it: topics (any/all, with or without
//! sub-topics), stance, holder, target, documents, attributes, coder, text, sort order;
//! and how it describes itself in words. Semantics: the `query` module doc.

use crate::model::codebook::{ActorKind, Codebook};
use crate::model::document::{DocumentRecord, attribute};
use crate::model::ids::{ActorId, AnnotationId, DocumentId, StanceId, TopicId};
use std::collections::BTreeSet;

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
    /// Each term in the passage's text or in its memo.
    #[default]
    ExcerptOrMemo,
    /// Only the passage's text.
    Excerpt,
    /// Only the memo.
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
    /// Every order, in the order the sort menu lists them.
    pub const ALL: [Self; 4] = [Self::Document, Self::Topic, Self::Date, Self::Stance];

    /// The order's name in the sort menu (`document order`, `topic`, ...).
    pub fn label(self) -> &'static str {
        match self {
            Self::Document => "document order",
            Self::Topic => "topic",
            Self::Date => "date",
            Self::Stance => "stance",
        }
    }
}

/// What the researcher asks for. The default matches every annotation.
#[derive(Clone, Debug, PartialEq)]
pub struct RetrievalFilter {
    /// Chosen topics; empty for any.
    pub topics: Vec<TopicId>,
    /// Whether an annotation needs any or all of the chosen topics.
    pub topic_match: TopicMatch,
    /// Whether a chosen topic also matches annotations coded with its
    /// sub-topics (true by default).
    pub include_subtopics: bool,
    /// Chosen stances, any of them; empty for any.
    pub stances: Vec<StanceId>,
    /// Chosen stance holders, any of them; empty for any.
    pub holders: Vec<ActorId>,
    /// Chosen stance targets, any of them; empty for any.
    pub targets: Vec<ActorId>,
    /// The level chosen holders and targets are given at: with a kind
    /// ("countries"), a chosen actor also matches the actors that roll up to
    /// it (Aleksandar Vučić when Serbia is chosen), as the analysis counts
    /// them; `None` matches the chosen actors only.
    pub actor_level: Option<ActorKind>,
    /// Chosen documents, any of them; empty for all.
    pub documents: Vec<DocumentId>,
    /// `(key, value)` pairs.
    pub attributes: Vec<(String, String)>,
    /// Chosen coder names, any of them, compared case- and
    /// whitespace-insensitively; empty for any.
    pub coders: Vec<String>,
    /// Words that must all occur, case-insensitively, split on white space;
    /// blank for no text condition.
    pub text: String,
    /// Where the words of `text` are looked for.
    pub text_scope: TextScope,
    /// Order of the retrieved rows.
    pub sort: SortOrder,
    /// Exactly these annotations (the passages behind an analysis cell), the
    /// other dimensions still applying; `None` for no such condition.
    pub annotation_ids: Option<BTreeSet<AnnotationId>>,
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
            actor_level: None,
            documents: Vec::new(),
            attributes: Vec::new(),
            coders: Vec::new(),
            text: String::new(),
            text_scope: TextScope::ExcerptOrMemo,
            sort: SortOrder::Document,
            annotation_ids: None,
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
            && self.annotation_ids.is_none()
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
        if let Some(kind) = &self.actor_level
            && !(self.holders.is_empty() && self.targets.is_empty())
        {
            parts.push(format!("holders and targets counted as: {kind}"));
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
        if let Some(ids) = &self.annotation_ids {
            parts.push(format!("{} chosen passage(s)", ids.len()));
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
