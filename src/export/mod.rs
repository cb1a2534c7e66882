//! Exports of coded passages. Each format turns the project into bytes written
//! to any `io::Write`; the window and `gloss export` call the same functions.

pub mod jsonl;

use crate::model::annotation::Annotation;
use crate::model::workspace::Workspace;

/// One annotation resolved to names and its exact text, shared by the formats.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ExcerptRow {
    pub id: String,
    /// The document's path relative to the project, `/`-separated.
    pub document: String,
    pub start: usize,
    pub end: usize,
    /// Exactly the canonical-text slice `[start, end)` (the stored quote if the file is missing).
    pub text: String,
    pub topics: Vec<String>,
    pub stance: Option<String>,
    pub holder: Option<String>,
    pub target: Option<String>,
    pub memo: String,
    pub coder: String,
    pub created: String,
    pub modified: String,
}

impl ExcerptRow {
    pub fn from_annotation(workspace: &Workspace, annotation: &Annotation) -> Self {
        let project = &workspace.project;
        let codebook = &project.codebook;
        let document = project
            .document(&annotation.document)
            .map_or_else(|| annotation.document.to_string(), |d| d.path.clone());
        let text = workspace
            .text(&annotation.document)
            .and_then(|loaded| loaded.text.slice(annotation.range()))
            .unwrap_or(&annotation.anchor.exact)
            .to_string();
        Self {
            id: annotation.id.to_string(),
            document,
            start: annotation.start.0,
            end: annotation.end.0,
            text,
            topics: annotation
                .topics
                .iter()
                .map(|t| codebook.topic_name(t).to_string())
                .collect(),
            stance: annotation
                .stance
                .as_ref()
                .map(|s| codebook.stance_name(s).to_string()),
            holder: annotation
                .holder
                .as_ref()
                .map(|a| codebook.actor_name(a).to_string()),
            target: annotation
                .target
                .as_ref()
                .map(|a| codebook.actor_name(a).to_string()),
            memo: annotation.memo.clone(),
            coder: annotation.coder.clone(),
            created: annotation.created.clone(),
            modified: annotation.modified.clone(),
        }
    }

    /// Every annotation of the project, in document order.
    pub fn all(workspace: &Workspace) -> Vec<Self> {
        workspace
            .project
            .annotations
            .iter()
            .map(|a| Self::from_annotation(workspace, a))
            .collect()
    }
}
