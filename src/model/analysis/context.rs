//! What every analysis table is computed from: the project, the annotations a
//! [`RetrievalFilter`] selected (through [`crate::model::query::retrieve`], the
//! same query as the retrieval panel and every export), the actor level to roll
//! up to, and per-annotation facts computed once (topic rows, document order).
//!
//! Build one [`Context`] per filter and project revision and compute any
//! number of tables from it; a window keeps it between frames.

use super::rollup::{ActorLevel, Rollup};
use crate::model::annotation::Annotation;
use crate::model::codebook::Codebook;
use crate::model::document::DocumentRecord;
use crate::model::ids::{AnnotationId, DocumentId, TopicId};
use crate::model::project::Project;
use crate::model::query::{RetrievalFilter, retrieve};
use crate::model::workspace::Workspace;
use rustc_hash::FxHashMap as FastMap;

/// The annotations behind one cell: positions in [`Context::annotations`],
/// ascending, each once. [`Context::ids`] turns them into annotation ids (the
/// drill-down to the coded passages).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Members(Vec<u32>);

impl Members {
    /// How many annotations are behind the cell.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when no annotation is behind the cell.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Positions in [`Context::annotations`], ascending.
    pub fn positions(&self) -> &[u32] {
        &self.0
    }

    /// Members from positions already ascending, each once.
    pub(crate) fn from_ascending(positions: Vec<u32>) -> Self {
        debug_assert!(positions.windows(2).all(|pair| pair[0] < pair[1]));
        Self(positions)
    }

    /// Adds a position; positions must come in ascending order or be
    /// [`Members::normalise`]d afterwards.
    pub(crate) fn push(&mut self, position: u32) {
        if self.0.last() != Some(&position) {
            self.0.push(position);
        }
    }

    /// Members from positions in any order.
    pub(crate) fn from_positions(mut positions: Vec<u32>) -> Self {
        positions.sort_unstable();
        positions.dedup();
        Self(positions)
    }
}

/// A compact list of small lists: the values of each annotation on one axis.
#[derive(Clone, Debug, Default)]
pub(crate) struct PerAnnotation {
    offsets: Vec<u32>,
    values: Vec<u32>,
}

impl PerAnnotation {
    /// An empty list of lists, room for `annotations`.
    pub(crate) fn with_capacity(annotations: usize) -> Self {
        let mut offsets = Vec::with_capacity(annotations + 1);
        offsets.push(0);
        Self {
            offsets,
            values: Vec::with_capacity(annotations),
        }
    }

    /// Appends the next annotation's values.
    pub(crate) fn push(&mut self, values: impl IntoIterator<Item = u32>) {
        self.values.extend(values);
        self.offsets.push(self.values.len() as u32);
    }

    /// The values of the annotation at `position`.
    pub(crate) fn of(&self, position: usize) -> &[u32] {
        match (self.offsets.get(position), self.offsets.get(position + 1)) {
            (Some(&start), Some(&end)) => {
                self.values.get(start as usize..end as usize).unwrap_or(&[])
            }
            _ => &[],
        }
    }
}

/// Where one selected annotation is: its document, as a number, and its range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Span {
    /// The document's position in the project's documents (the first with its
    /// id); a document the project lacks is numbered after them, in the order
    /// of [`Context::unknown_documents`]. Numbers order documents as the
    /// project does (by path).
    pub(crate) document: u32,
    /// The annotation's start, as stored.
    pub(crate) start: usize,
    /// Its end, as stored (an inverted range is left as it is).
    pub(crate) end: usize,
}

/// What [`place`] finds out about the selection.
struct Placement<'a> {
    spans: Vec<Span>,
    unknown_documents: Vec<&'a DocumentId>,
    document_rank: Vec<u32>,
    in_document_order: bool,
}

/// One row of the topic tree as the tables list it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TopicRow {
    /// The topic's id (an id the codebook does not have is listed after the tree).
    pub id: TopicId,
    /// Its name, or its id when the codebook does not have it.
    pub name: String,
    /// 0 for a root topic, 1 for its sub-topics, …
    pub depth: usize,
}

/// The project, the selected annotations and what the tables share about them.
pub struct Context<'a> {
    /// The project the annotations belong to.
    pub project: &'a Project,
    /// The selected annotations, in the order the query returned them.
    pub annotations: Vec<&'a Annotation>,
    /// Whether a topic also counts the annotations of its sub-topics (the
    /// filter's `include_subtopics`); frequencies show both either way.
    pub include_subtopics: bool,
    /// How holders and targets are rolled up.
    pub rollup: Rollup,
    /// Topics in tree order, then topics the codebook lacks.
    pub(crate) topics: Vec<TopicRow>,
    /// Per annotation: its own topics' rows, each once.
    pub(crate) own_topics: PerAnnotation,
    /// Per annotation: its topics' rows and their ancestors', each once.
    pub(crate) family_topics: PerAnnotation,
    /// Per annotation: where it is, its document as a number: the tables
    /// read these compact facts instead of following each annotation's strings.
    pub(crate) spans: Vec<Span>,
    /// Documents of selected annotations that the project lacks, by id; their
    /// numbers in [`Span::document`] follow the project's documents.
    pub(crate) unknown_documents: Vec<&'a DocumentId>,
    /// Per annotation: its rank in document order (document, start, end).
    pub(crate) document_rank: Vec<u32>,
    /// Are the annotations in document order already (each rank its position)?
    pub(crate) in_document_order: bool,
}

impl<'a> Context<'a> {
    /// The context of the annotations `filter` selects in `workspace`, rolled
    /// up to `level`.
    pub fn of_filter(
        workspace: &'a Workspace,
        filter: &RetrievalFilter,
        level: ActorLevel,
    ) -> Self {
        Self::new(
            &workspace.project,
            retrieve(workspace, filter),
            filter.include_subtopics,
            level,
        )
    }

    /// The context of `annotations` (normally [`retrieve`]'s result) of `project`.
    pub fn new(
        project: &'a Project,
        annotations: Vec<&'a Annotation>,
        include_subtopics: bool,
        level: ActorLevel,
    ) -> Self {
        let codebook = &project.codebook;
        let mut topics: Vec<TopicRow> = codebook
            .topic_tree()
            .into_iter()
            .map(|(depth, topic)| TopicRow {
                id: topic.id.clone(),
                name: topic.name.clone(),
                depth,
            })
            .collect();
        let mut row_of: FastMap<TopicId, u32> = topics
            .iter()
            .enumerate()
            .map(|(row, topic)| (topic.id.clone(), row as u32))
            .collect();
        let parent_row = parent_rows(codebook, &topics, &row_of);
        let mut own_topics = PerAnnotation::with_capacity(annotations.len());
        let mut family_topics = PerAnnotation::with_capacity(annotations.len());
        let mut own: Vec<u32> = Vec::new();
        let mut family: Vec<u32> = Vec::new();
        for annotation in &annotations {
            own.clear();
            family.clear();
            for topic in &annotation.topics {
                let row = match row_of.get(topic) {
                    Some(&row) => row,
                    None => {
                        topics.push(TopicRow {
                            id: topic.clone(),
                            name: topic.to_string(),
                            depth: 0,
                        });
                        let row = (topics.len() - 1) as u32;
                        row_of.insert(topic.clone(), row);
                        row
                    }
                };
                if !own.contains(&row) {
                    own.push(row);
                }
                let mut current = Some(row);
                let mut steps = 0;
                while let Some(row) = current {
                    if family.contains(&row) || steps > topics.len() {
                        break;
                    }
                    family.push(row);
                    current = parent_row.get(row as usize).copied().flatten();
                    steps += 1;
                }
            }
            own_topics.push(own.iter().copied());
            family_topics.push(family.iter().copied());
        }
        let placement = place(project, &annotations);
        Self {
            project,
            annotations,
            include_subtopics,
            rollup: Rollup::new(codebook, level),
            topics,
            own_topics,
            family_topics,
            spans: placement.spans,
            unknown_documents: placement.unknown_documents,
            document_rank: placement.document_rank,
            in_document_order: placement.in_document_order,
        }
    }

    /// The ids of the annotations behind a cell, in selection order.
    pub fn ids(&self, members: &Members) -> Vec<&'a AnnotationId> {
        members
            .positions()
            .iter()
            .filter_map(|&p| self.annotations.get(p as usize).map(|a| &a.id))
            .collect()
    }

    /// The topic rows every topic table lists, in tree order.
    pub fn topic_rows(&self) -> &[TopicRow] {
        &self.topics
    }

    /// The project's record of document number `number` ([`Span::document`]);
    /// `None` for a document the project lacks.
    pub(crate) fn document_record(&self, number: u32) -> Option<&'a DocumentRecord> {
        self.project.documents.get(number as usize)
    }

    /// The topic rows an annotation counts for: its own topics, plus their
    /// ancestors when sub-topics are included.
    pub(crate) fn counted_topics(&self, position: usize) -> &[u32] {
        if self.include_subtopics {
            self.family_topics.of(position)
        } else {
            self.own_topics.of(position)
        }
    }
}

/// For each topic row, its parent's row (`None` for a root or an unknown parent).
fn parent_rows(
    codebook: &Codebook,
    topics: &[TopicRow],
    row_of: &FastMap<TopicId, u32>,
) -> Vec<Option<u32>> {
    topics
        .iter()
        .map(|row| {
            codebook
                .topic(&row.id)
                .and_then(|t| t.parent.as_ref())
                .and_then(|parent| row_of.get(parent).copied())
        })
        .collect()
}

/// Where each selected annotation is ([`Span`]s), the documents the project
/// lacks, and each annotation's rank in document order (documents by path,
/// then start, end). Each annotation's document is looked up once (and not
/// again for a run of annotations in the same document); input already in
/// document order (the query's default) is ranked without sorting.
fn place<'a>(project: &Project, annotations: &[&'a Annotation]) -> Placement<'a> {
    let mut number_of: FastMap<&DocumentId, u32> = FastMap::default();
    for (index, document) in project.documents.iter().enumerate() {
        number_of.entry(&document.id).or_insert(index as u32);
    }
    // Documents the project lacks: numbered after its own, by id.
    let mut unknown: Vec<&'a DocumentId> = Vec::new();
    let mut last: Option<(&DocumentId, Option<u32>)> = None;
    let numbers: Vec<Option<u32>> = annotations
        .iter()
        .map(|a| match last {
            Some((document, number)) if document == &a.document => number,
            _ => {
                let number = number_of.get(&a.document).copied();
                if number.is_none() {
                    unknown.push(&a.document);
                }
                last = Some((&a.document, number));
                number
            }
        })
        .collect();
    unknown.sort_unstable();
    unknown.dedup();
    let known = project.documents.len();
    let spans: Vec<Span> = annotations
        .iter()
        .zip(numbers)
        .map(|(a, number)| Span {
            document: number.unwrap_or_else(|| {
                let rank = unknown.binary_search(&&a.document).unwrap_or(0);
                (known + rank) as u32
            }),
            start: a.start.0,
            end: a.end.0,
        })
        .collect();
    let key = |s: &Span| (s.document, s.start, s.end);
    if spans.windows(2).all(|pair| key(&pair[0]) <= key(&pair[1])) {
        return Placement {
            document_rank: (0..annotations.len() as u32).collect(),
            in_document_order: true,
            spans,
            unknown_documents: unknown,
        };
    }
    let mut order: Vec<u32> = (0..annotations.len() as u32).collect();
    order.sort_by_key(|&p| key(&spans[p as usize]));
    let mut rank = vec![0u32; annotations.len()];
    for (r, p) in order.into_iter().enumerate() {
        rank[p as usize] = r as u32;
    }
    Placement {
        spans,
        unknown_documents: unknown,
        document_rank: rank,
        in_document_order: false,
    }
}
