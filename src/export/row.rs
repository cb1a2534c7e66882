//! One annotation resolved to names and its exact text: the row that the
//! CSV, XLSX and JSON Lines exports write (see [`crate::export::table`] for
//! the columns).

use crate::export::coding_names::CodingNames;
use crate::export::parallel::map_in_order;
use crate::export::passage::{Location, Passage, REPORT_CONTEXT_CHARS};
use crate::model::anchor::AnchorStatus;
use crate::model::annotation::Annotation;
use crate::model::document::DocumentRecord;
use crate::model::ids::DocumentId;
use crate::model::query::{RetrievalFilter, retrieve};
use crate::model::workspace::Workspace;
use std::collections::{BTreeMap, HashMap};

/// From how many rows an export builds them on every core.
const PARALLEL_ROWS: usize = 10_000;

/// One annotation resolved to names and its exact text, shared by the formats.
///
/// The serialised form (the `jsonl` export) has exactly the keys `id, document,
/// start, end, page, heading_path, text, topics, stance, holder, target, memo,
/// coder, created, modified, status`; the other fields are for the other formats.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ExcerptRow {
    /// The annotation's id.
    pub id: String,
    /// The document's path relative to the project, `/`-separated.
    pub document: String,
    /// First char of the passage (Unicode scalar values of the canonical text).
    pub start: usize,
    /// Char after the passage (end exclusive).
    pub end: usize,
    /// The pages the passage is on, as cited (`p. 12`, `pp. 12–13`); `None`
    /// for a document without pages.
    pub page: Option<String>,
    /// The headings the passage sits under, joined with ` › `; `None` without headings.
    pub heading_path: Option<String>,
    /// Exactly the canonical-text slice `[start, end)`; the stored quote if the
    /// file is missing or the annotation is orphaned (see [`Passage::of`]).
    pub text: String,
    /// Names of its topics, in the annotation's order.
    pub topics: Vec<String>,
    /// Name of its stance.
    pub stance: Option<String>,
    /// Name of the actor who holds the stance.
    pub holder: Option<String>,
    /// Name of the actor the stance is toward.
    pub target: Option<String>,
    /// The coder's memo (may hold line breaks).
    pub memo: String,
    /// Who coded it.
    pub coder: String,
    /// When it was created (RFC 3339).
    pub created: String,
    /// When it was last changed (RFC 3339).
    pub modified: String,
    /// How re-anchoring last found the passage: `exact`, `moved`, `fuzzy` or `orphaned`.
    pub status: AnchorStatus,
    /// The document's title (its `title` attribute, else its file name).
    #[serde(skip)]
    pub title: String,
    /// The document's attributes (outlet, date, …; `title` included).
    #[serde(skip)]
    pub attributes: BTreeMap<String, String>,
    /// Up to [`REPORT_CONTEXT_CHARS`] chars before the passage.
    #[serde(skip)]
    pub context_before: String,
    /// Up to [`REPORT_CONTEXT_CHARS`] chars after the passage.
    #[serde(skip)]
    pub context_after: String,
}

impl ExcerptRow {
    /// The row of `annotation` in `record` (its document, if the project has it).
    fn new(
        workspace: &Workspace,
        annotation: &Annotation,
        record: Option<&DocumentRecord>,
    ) -> Self {
        let names = CodingNames::of(&workspace.project.codebook, annotation);
        let passage = Passage::of(workspace, annotation, REPORT_CONTEXT_CHARS);
        let location = Location::of(workspace, annotation);
        Self {
            id: annotation.id.to_string(),
            document: record.map_or_else(|| annotation.document.to_string(), |d| d.path.clone()),
            start: annotation.start.0,
            end: annotation.end.0,
            page: location.page,
            heading_path: location.heading_path,
            text: passage.text.to_owned(),
            topics: names.topics.into_iter().map(str::to_owned).collect(),
            stance: names.stance.map(str::to_owned),
            holder: names.holder.map(str::to_owned),
            target: names.target.map(str::to_owned),
            memo: annotation.memo.clone(),
            coder: annotation.coder.clone(),
            created: annotation.created.clone(),
            modified: annotation.modified.clone(),
            status: annotation.status,
            title: record.map_or_else(|| annotation.document.to_string(), |d| d.title().to_owned()),
            attributes: record.map(|d| d.attributes.clone()).unwrap_or_default(),
            context_before: passage.before.to_owned(),
            context_after: passage.after.to_owned(),
        }
    }

    /// The annotations that pass `filter`, in its sort order.
    pub fn matching(workspace: &Workspace, filter: &RetrievalFilter) -> Vec<Self> {
        let documents: HashMap<&DocumentId, &DocumentRecord> = workspace
            .project
            .documents
            .iter()
            .map(|d| (&d.id, d))
            .collect();
        let annotations = retrieve(workspace, filter);
        map_in_order(&annotations, annotations.len() >= PARALLEL_ROWS, |a| {
            Self::new(workspace, a, documents.get(&a.document).copied())
        })
    }
}
