//! Consistency checks of a project against its documents (`gloss check`, open-time warnings),
//! including annotations that re-anchoring marked for review (fuzzy or orphaned).

use crate::model::anchor::AnchorStatus;
use crate::model::annotation::Annotation;
use crate::model::document::LoadedText;
use crate::model::ids::DocumentId;
use crate::model::project::Project;
use std::collections::{HashMap, HashSet};

/// One problem found in a project, as one readable line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// What is wrong, naming the entity concerned (e.g. an annotation's id and the
    /// unknown topic it refers to).
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Checks ids, references, offsets and quotes. `texts` holds the documents that could be read.
pub fn check_project(project: &Project, texts: &HashMap<DocumentId, LoadedText>) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut report = |message: String| problems.push(Problem { message });

    for id in duplicate_ids(project) {
        report(format!("duplicate id `{id}`"));
    }
    let mut paths = HashSet::new();
    for document in &project.documents {
        if !paths.insert(document.path.as_str()) {
            report(format!("document path `{}` listed twice", document.path));
        }
        if let Some(loaded) = texts.get(&document.id)
            && !document.sha256.is_empty()
            && loaded.sha256 != document.sha256
        {
            report(format!(
                "{}: the file changed since it was coded (checksum differs)",
                document.path
            ));
        }
    }
    for topic in &project.codebook.topics {
        if let Some(parent) = &topic.parent {
            if project.codebook.topic(parent).is_none() {
                report(format!("topic `{}`: unknown parent `{parent}`", topic.name));
            } else if project.codebook.would_cycle(&topic.id, parent) {
                report(format!("topic `{}`: parent chain loops", topic.name));
            }
        }
    }
    for annotation in &project.annotations {
        let label = format!("annotation {}", annotation.id);
        let Some(document) = project.document(&annotation.document) else {
            report(format!(
                "{label}: unknown document `{}`",
                annotation.document
            ));
            continue;
        };
        for topic in &annotation.topics {
            if project.codebook.topic(topic).is_none() {
                report(format!("{label}: unknown topic `{topic}`"));
            }
        }
        if let Some(stance) = &annotation.stance
            && project.codebook.stance(stance).is_none()
        {
            report(format!("{label}: unknown stance `{stance}`"));
        }
        for actor in [&annotation.holder, &annotation.target]
            .into_iter()
            .flatten()
        {
            if project.codebook.actor(actor).is_none() {
                report(format!("{label}: unknown actor `{actor}`"));
            }
        }
        if annotation.start >= annotation.end {
            report(format!(
                "{label}: empty or reversed range {}..{}",
                annotation.start.0, annotation.end.0
            ));
            continue;
        }
        if let Some(message) = review_note(annotation, &document.path) {
            report(format!("{label}: {message}"));
        }
        // An orphan's offsets no longer hold its quote by definition; the note says so.
        if annotation.status.is_orphaned() {
            continue;
        }
        if let Some(loaded) = texts.get(&annotation.document) {
            if annotation.end.0 > loaded.text.len_chars() {
                report(format!(
                    "{label}: range {}..{} is past the end of {} ({} chars)",
                    annotation.start.0,
                    annotation.end.0,
                    document.path,
                    loaded.text.len_chars()
                ));
            } else if !annotation.matches_text(&loaded.text) {
                report(format!(
                    "{label}: the text at {}..{} of {} no longer equals its quote {:?}",
                    annotation.start.0,
                    annotation.end.0,
                    document.path,
                    shorten(&annotation.anchor.exact, 60)
                ));
            }
        }
    }
    problems
}

/// Ids used more than once (each repetition once), in file order.
fn duplicate_ids(project: &Project) -> Vec<&str> {
    let mut seen = HashSet::new();
    project
        .documents
        .iter()
        .map(|d| d.id.as_str())
        .chain(project.codebook.topics.iter().map(|t| t.id.as_str()))
        .chain(project.codebook.stances.iter().map(|s| s.id.as_str()))
        .chain(project.codebook.actors.iter().map(|a| a.id.as_str()))
        .chain(project.annotations.iter().map(|a| a.id.as_str()))
        .filter(|id| !seen.insert(*id))
        .collect()
}

/// What re-anchoring left for the researcher to review on `annotation`, if anything.
fn review_note(annotation: &Annotation, path: &str) -> Option<String> {
    match annotation.status {
        AnchorStatus::Orphaned => Some(format!(
            "orphaned, its quote {:?} is no longer in {path}; review it",
            shorten(&annotation.anchor.exact, 60)
        )),
        AnchorStatus::Fuzzy => Some(format!(
            "re-anchored approximately at {}..{} of {path}; review it",
            annotation.start.0, annotation.end.0
        )),
        AnchorStatus::Exact | AnchorStatus::Moved => None,
    }
}

fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        text.to_string()
    } else {
        let head: String = text.chars().take(max_chars).collect();
        format!("{head}…")
    }
}
