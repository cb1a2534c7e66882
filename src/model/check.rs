//! Consistency checks of a project against its documents (`gloss check`, open-time warnings),
//! including annotations that re-anchoring marked for review (fuzzy or orphaned).

use crate::model::anchor::AnchorStatus;
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

    let mut seen = HashSet::new();
    let all_ids = project
        .documents
        .iter()
        .map(|d| d.id.as_str())
        .chain(project.codebook.topics.iter().map(|t| t.id.as_str()))
        .chain(project.codebook.stances.iter().map(|s| s.id.as_str()))
        .chain(project.codebook.actors.iter().map(|a| a.id.as_str()))
        .chain(project.annotations.iter().map(|a| a.id.as_str()));
    for id in all_ids {
        if !seen.insert(id) {
            report(format!("duplicate id `{id}`"));
        }
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
        match annotation.status {
            AnchorStatus::Orphaned => {
                report(format!(
                    "{label}: orphaned, its quote {:?} is no longer in {}; review it",
                    shorten(&annotation.anchor.exact, 60),
                    document.path
                ));
                continue;
            }
            AnchorStatus::Fuzzy => report(format!(
                "{label}: re-anchored approximately at {}..{} of {}; review it",
                annotation.start.0, annotation.end.0, document.path
            )),
            AnchorStatus::Exact | AnchorStatus::Moved => {}
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

fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        text.to_string()
    } else {
        let head: String = text.chars().take(max_chars).collect();
        format!("{head}…")
    }
}
