//! What a report says, before it is Markdown or HTML: the retrieved passages
//! grouped by topic (tree order, then "No topic") and document (first
//! appearance in the filter's order), each passage with its text, context,
//! citation, stance, other topics and memo. The renderers only format this.
//!
//! An annotation with several topics appears under each of them; passages
//! within a document follow their position. Line numbers come from one
//! [`LineIndex`] per document, built once.

use super::line_index::LineIndex;
use crate::export::coding_names::CodingNames;
use crate::export::options::ExportOptions;
use crate::export::passage::{Location, Passage, REPORT_CONTEXT_CHARS};
use crate::export::table::TOPIC_SEPARATOR;
use crate::model::annotation::Annotation;
use crate::model::codebook::{Codebook, Color, Topic};
use crate::model::document::{DocumentRecord, attribute};
use crate::model::ids::{DocumentId, TopicId};
use crate::model::query::{RetrievalFilter, retrieve};
use crate::model::workspace::Workspace;
use std::collections::HashMap;

/// Deepest topic path shown in a heading.
const MAX_TOPIC_PATH_DEPTH: usize = 32;

/// A whole report.
pub(crate) struct ReportModel<'a> {
    /// The project's name (the title says "NAME: coded excerpts").
    pub(crate) project_name: String,
    /// "N annotations · filter: … · exported …".
    pub(crate) summary: String,
    /// How many annotations passed the filter (each counted once).
    pub(crate) annotations: usize,
    /// The groups, topics in tree order, "No topic" last; empty groups left out.
    pub(crate) topics: Vec<TopicSection<'a>>,
}

/// The passages of one topic (or of none).
pub(crate) struct TopicSection<'a> {
    /// "Parent › Child", or "No topic".
    pub(crate) heading: String,
    /// The topic (colour, description); `None` for the "No topic" group.
    pub(crate) topic: Option<&'a Topic>,
    /// The topic's description, trimmed, when it has one.
    pub(crate) description: Option<&'a str>,
    /// Its documents, in order of first appearance.
    pub(crate) documents: Vec<DocumentSection<'a>>,
}

/// What follows the project's name in a report's title.
pub(crate) const TITLE_SUFFIX: &str = ": coded excerpts";

impl TopicSection<'_> {
    /// How many passages the section holds.
    pub(crate) fn excerpt_count(&self) -> usize {
        self.documents.iter().map(|d| d.excerpts.len()).sum()
    }
}

/// The passages of one document within a topic.
pub(crate) struct DocumentSection<'a> {
    /// The document's title (its `title` attribute, else its file name).
    pub(crate) title: String,
    /// Author, outlet, date (those it has) and path; empty when the project lacks the document.
    pub(crate) source: Vec<&'a str>,
    /// Its passages by position.
    pub(crate) excerpts: Vec<Excerpt<'a>>,
}

/// One passage as the report shows it.
pub(crate) struct Excerpt<'a> {
    /// The annotation (id, coder).
    pub(crate) annotation: &'a Annotation,
    /// Its text and context.
    pub(crate) passage: Passage<'a>,
    /// Where it is.
    pub(crate) citation: Citation,
    /// "supportive (Serbia → China)" and the stance's colour, when it has any of them.
    pub(crate) stance: Option<(String, Option<Color>)>,
    /// All its topic names joined, when it has more than one.
    pub(crate) topics: Option<String>,
    /// The memo, trimmed (may be empty).
    pub(crate) memo: &'a str,
}

/// What a citation says about one passage: a paged document (PDF) adds its
/// pages (`p. 12`, `pp. 12–13`), a document with headings the section
/// (`Chapter › Section`).
pub(crate) struct Citation {
    /// The document's title.
    pub(crate) title: String,
    outlet: Option<String>,
    date: Option<String>,
    location: Location,
    /// 1-based line of the passage's start (`None` when the text is missing).
    line: Option<usize>,
    start_chars: usize,
    end_chars: usize,
}

impl Citation {
    /// "Outlet, date, Chapter › Section, p. 12, line 3, chars 10–20" (without the title).
    pub(crate) fn position(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        parts.extend(self.outlet.clone());
        parts.extend(self.date.clone());
        parts.extend(self.location.heading_path.clone());
        parts.extend(self.location.page.clone());
        if let Some(line) = self.line {
            parts.push(format!("line {line}"));
        }
        parts.push(format!("chars {}–{}", self.start_chars, self.end_chars));
        parts.join(", ")
    }
}

/// "Parent › Child" for a topic.
fn topic_path(codebook: &Codebook, topic: &TopicId) -> String {
    let mut names = vec![codebook.topic_name(topic).to_owned()];
    let mut current = codebook.topic(topic).and_then(|t| t.parent.as_ref());
    while let Some(parent) = current {
        if names.len() > MAX_TOPIC_PATH_DEPTH {
            break;
        }
        names.push(codebook.topic_name(parent).to_owned());
        current = codebook.topic(parent).and_then(|t| t.parent.as_ref());
    }
    names.reverse();
    names.join(" › ")
}

/// "supportive (Serbia → China)", "held by Serbia", "toward China", or `None`.
fn stance_text(names: &CodingNames<'_>) -> Option<String> {
    let actors = match (names.holder, names.target) {
        (Some(h), Some(t)) => Some(format!("{h} → {t}")),
        (Some(h), None) => Some(format!("held by {h}")),
        (None, Some(t)) => Some(format!("toward {t}")),
        (None, None) => None,
    };
    match (names.stance, actors) {
        (Some(s), Some(a)) => Some(format!("{s} ({a})")),
        (Some(s), None) => Some(s.to_owned()),
        (None, Some(a)) => Some(a),
        (None, None) => None,
    }
}

/// The retrieved annotations of one group, by document (first appearance).
#[derive(Default)]
struct Group<'a> {
    documents: Vec<(&'a DocumentId, Vec<&'a Annotation>)>,
    position_of: HashMap<&'a DocumentId, usize>,
}

impl<'a> Group<'a> {
    fn push(&mut self, annotation: &'a Annotation) {
        let document = &annotation.document;
        match self.position_of.get(document) {
            Some(&position) => self.documents[position].1.push(annotation),
            None => {
                self.position_of.insert(document, self.documents.len());
                self.documents.push((document, vec![annotation]));
            }
        }
    }
}

/// Groups the annotations by topic (tree order, then "No topic") in one pass.
/// An annotation whose topics are all unknown goes under "No topic".
fn group<'a>(
    tree: &[&'a Topic],
    codebook: &Codebook,
    matches: &[&'a Annotation],
) -> Vec<Group<'a>> {
    let slot_of: HashMap<&TopicId, usize> = tree
        .iter()
        .enumerate()
        .map(|(slot, t)| (&t.id, slot))
        .collect();
    let no_topic = tree.len();
    let mut groups: Vec<Group<'a>> = (0..=no_topic).map(|_| Group::default()).collect();
    for &annotation in matches {
        let topics = &annotation.topics;
        let mut known = false;
        for (index, topic) in topics.iter().enumerate() {
            known |= codebook.topic(topic).is_some();
            if let Some(&slot) = slot_of.get(topic)
                && !topics[..index].contains(topic)
            {
                groups[slot].push(annotation);
            }
        }
        if !known {
            groups[no_topic].push(annotation);
        }
    }
    for group in &mut groups {
        for (_, list) in &mut group.documents {
            list.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
        }
    }
    groups
}

/// What building excerpts needs: the workspace, its documents by id, and the
/// line index of each document met so far.
struct ExcerptBuilder<'a> {
    workspace: &'a Workspace,
    records: HashMap<&'a DocumentId, &'a DocumentRecord>,
    line_indexes: HashMap<&'a DocumentId, LineIndex>,
}

impl<'a> ExcerptBuilder<'a> {
    /// The 1-based line of the annotation's start, from its document's index.
    fn line(&mut self, annotation: &'a Annotation) -> Option<usize> {
        let workspace = self.workspace;
        let text = &workspace.text(&annotation.document)?.text;
        self.line_indexes
            .entry(&annotation.document)
            .or_insert_with(|| LineIndex::new(text))
            .line_of(text, annotation.start)
    }

    fn document_section(
        &mut self,
        document: &'a DocumentId,
        annotations: &[&'a Annotation],
    ) -> DocumentSection<'a> {
        let record = self.records.get(document).copied();
        let title = record.map_or_else(|| document.to_string(), |d| d.title().to_owned());
        let mut source: Vec<&'a str> = Vec::new();
        if let Some(record) = record {
            for key in [attribute::AUTHOR, attribute::OUTLET, attribute::DATE] {
                source.extend(record.attribute(key).filter(|v| !v.trim().is_empty()));
            }
            source.push(&record.path);
        }
        let excerpts = annotations
            .iter()
            .map(|&annotation| self.excerpt(record, annotation))
            .collect();
        DocumentSection {
            title,
            source,
            excerpts,
        }
    }

    fn excerpt(
        &mut self,
        record: Option<&'a DocumentRecord>,
        annotation: &'a Annotation,
    ) -> Excerpt<'a> {
        let workspace = self.workspace;
        let codebook = &workspace.project.codebook;
        let attribute_of = |key: &str| {
            record
                .and_then(|d| d.attribute(key))
                .filter(|v| !v.trim().is_empty())
                .map(str::to_owned)
        };
        let citation = Citation {
            title: record.map_or_else(|| annotation.document.to_string(), |d| d.title().to_owned()),
            outlet: attribute_of(attribute::OUTLET),
            date: attribute_of(attribute::DATE),
            location: Location::of(workspace, annotation),
            line: self.line(annotation),
            start_chars: annotation.start.0,
            end_chars: annotation.end.0,
        };
        let stance_color = annotation
            .stance
            .as_ref()
            .and_then(|s| codebook.stance(s))
            .map(|s| s.color);
        let names = CodingNames::of(codebook, annotation);
        Excerpt {
            annotation,
            passage: Passage::of(workspace, annotation, REPORT_CONTEXT_CHARS),
            citation,
            stance: stance_text(&names).map(|text| (text, stance_color)),
            topics: (names.topics.len() > 1).then(|| names.topics.join(TOPIC_SEPARATOR)),
            memo: annotation.memo.trim(),
        }
    }
}

impl<'a> ReportModel<'a> {
    /// The report of the annotations that pass `filter`.
    pub(crate) fn build(
        workspace: &'a Workspace,
        filter: &RetrievalFilter,
        options: &ExportOptions,
    ) -> Self {
        let project = &workspace.project;
        let codebook = &project.codebook;
        let matches = retrieve(workspace, filter);
        let count = matches.len();
        let tree: Vec<&Topic> = codebook.topic_tree().into_iter().map(|(_, t)| t).collect();
        let mut builder = ExcerptBuilder {
            workspace,
            records: project.documents.iter().map(|d| (&d.id, d)).collect(),
            line_indexes: HashMap::new(),
        };
        let topic_of_slot = tree.iter().copied().map(Some).chain([None]);
        let topics = group(&tree, codebook, &matches)
            .into_iter()
            .zip(topic_of_slot)
            .filter(|(group, _)| !group.documents.is_empty())
            .map(|(group, topic)| TopicSection {
                heading: topic
                    .map_or_else(|| "No topic".to_owned(), |t| topic_path(codebook, &t.id)),
                topic,
                description: topic
                    .map(|t| t.description.trim())
                    .filter(|d| !d.is_empty()),
                documents: group
                    .documents
                    .into_iter()
                    .map(|(document, list)| builder.document_section(document, &list))
                    .collect(),
            })
            .collect();
        Self {
            project_name: options.project_name.clone(),
            summary: format!(
                "{count} annotation{} · filter: {} · exported {}",
                if count == 1 { "" } else { "s" },
                filter.describe(codebook, &project.documents),
                options.now
            ),
            annotations: count,
            topics,
        }
    }
}
