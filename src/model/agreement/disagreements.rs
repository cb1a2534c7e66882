//! The passages where two coders differ, for the window's walk-through.
//!
//! In each document, the two coders' annotations (those with a compared topic,
//! when topics are chosen) are grouped into runs of overlapping passages. A run
//! is agreed when both coders have the same passages with the same coding:
//! the same boundaries, topics (the compared ones), stance, holder and target,
//! as many times. Every other run is a [`Disagreement`].

use crate::model::annotation::Annotation;
use crate::model::ids::{ActorId, AnnotationId, DocumentId, StanceId, TopicId};
use crate::model::project::Project;
use std::collections::{HashMap, HashSet};

/// One run of overlapping passages where the two coders differ.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Disagreement {
    /// The document.
    pub document: DocumentId,
    /// First char of the run (of all its passages).
    pub start: usize,
    /// One past the last char of the run.
    pub end: usize,
    /// The first coder's annotations in the run, in text order.
    pub first: Vec<AnnotationId>,
    /// The second coder's annotations in the run, in text order.
    pub second: Vec<AnnotationId>,
    /// How they differ.
    pub differences: Vec<Difference>,
}

/// A way two coders' passages of one run differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Difference {
    /// Only the first coder coded here.
    OnlyFirst,
    /// Only the second coder coded here.
    OnlySecond,
    /// Both coded, with other boundaries (or another number of passages).
    Boundaries,
    /// Both coded, with other topics.
    Topics,
    /// Both coded, with another stance, holder or target.
    Stance,
}

impl Difference {
    /// A few words for the walk-through.
    pub fn describe(self) -> &'static str {
        match self {
            Self::OnlyFirst => "only the first coder coded it",
            Self::OnlySecond => "only the second coder coded it",
            Self::Boundaries => "boundaries differ",
            Self::Topics => "topics differ",
            Self::Stance => "stance, holder or target differ",
        }
    }
}

/// Which passages to walk through.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DisagreementOptions {
    /// The first coder (as in `Annotation::coder`).
    pub first: String,
    /// The second coder.
    pub second: String,
    /// Compared topics; empty: every topic.
    pub topics: Vec<TopicId>,
    /// Compared documents; empty: every document.
    pub documents: Vec<DocumentId>,
}

/// What two passages are compared by: place and (compared) coding.
pub(crate) type CodingKey = (
    usize,
    usize,
    Vec<TopicId>,
    Option<StanceId>,
    Option<ActorId>,
    Option<ActorId>,
);

/// The key of `annotation`, its topics narrowed to `topics` when there are any.
pub(crate) fn coding_key(annotation: &Annotation, topics: &HashSet<&TopicId>) -> CodingKey {
    let mut kept: Vec<TopicId> = annotation
        .topics
        .iter()
        .filter(|t| topics.is_empty() || topics.contains(t))
        .cloned()
        .collect();
    kept.sort();
    kept.dedup();
    (
        annotation.start.0,
        annotation.end.0,
        kept,
        annotation.stance.clone(),
        annotation.holder.clone(),
        annotation.target.clone(),
    )
}

/// Every disagreement of the two coders, in project document order, then text order.
pub fn disagreements(project: &Project, options: &DisagreementOptions) -> Vec<Disagreement> {
    let topics: HashSet<&TopicId> = options.topics.iter().collect();
    let documents: HashSet<&DocumentId> = options.documents.iter().collect();
    let mut by_document: HashMap<&DocumentId, Vec<(bool, &Annotation)>> = HashMap::new();
    for annotation in &project.annotations {
        let first = annotation.coder == options.first;
        if !first && annotation.coder != options.second || options.first == options.second {
            continue;
        }
        if !documents.is_empty() && !documents.contains(&annotation.document) {
            continue;
        }
        if !topics.is_empty() && !annotation.topics.iter().any(|t| topics.contains(t)) {
            continue;
        }
        by_document
            .entry(&annotation.document)
            .or_default()
            .push((first, annotation));
    }
    let mut found = Vec::new();
    for record in &project.documents {
        let Some(mut passages) = by_document.remove(&record.id) else {
            continue;
        };
        passages.sort_by_key(|(_, a)| (a.start.0, a.end.0, a.id.clone()));
        let mut run: Vec<(bool, &Annotation)> = Vec::new();
        let mut run_end = 0;
        for passage in passages {
            if !run.is_empty() && passage.1.start.0 >= run_end {
                found.extend(compare_run(&record.id, &run, &topics));
                run.clear();
            }
            run_end = if run.is_empty() {
                passage.1.end.0
            } else {
                run_end.max(passage.1.end.0)
            };
            run.push(passage);
        }
        found.extend(compare_run(&record.id, &run, &topics));
    }
    found
}

/// The disagreement of one run of overlapping passages, if the coders differ there.
fn compare_run(
    document: &DocumentId,
    run: &[(bool, &Annotation)],
    topics: &HashSet<&TopicId>,
) -> Option<Disagreement> {
    let side = |first: bool| -> Vec<&Annotation> {
        run.iter()
            .filter(|(f, _)| *f == first)
            .map(|(_, a)| *a)
            .collect()
    };
    let (mine, theirs) = (side(true), side(false));
    let keys = |list: &[&Annotation]| -> Vec<CodingKey> {
        let mut keys: Vec<CodingKey> = list.iter().map(|a| coding_key(a, topics)).collect();
        keys.sort();
        keys
    };
    let (my_keys, their_keys) = (keys(&mine), keys(&theirs));
    if my_keys == their_keys {
        return None;
    }
    let mut differences = Vec::new();
    if theirs.is_empty() {
        differences.push(Difference::OnlyFirst);
    } else if mine.is_empty() {
        differences.push(Difference::OnlySecond);
    } else {
        let set = |keys: &[CodingKey], part: fn(&CodingKey) -> String| -> Vec<String> {
            let mut values: Vec<String> = keys.iter().map(part).collect();
            values.sort();
            values.dedup();
            values
        };
        let place = |k: &CodingKey| format!("{}-{}", k.0, k.1);
        let topic = |k: &CodingKey| format!("{:?}", k.2);
        let stance = |k: &CodingKey| format!("{:?}", (&k.3, &k.4, &k.5));
        if set(&my_keys, topic) != set(&their_keys, topic) {
            differences.push(Difference::Topics);
        }
        if set(&my_keys, stance) != set(&their_keys, stance) {
            differences.push(Difference::Stance);
        }
        if set(&my_keys, place) != set(&their_keys, place) || differences.is_empty() {
            differences.insert(0, Difference::Boundaries);
        }
    }
    Some(Disagreement {
        document: document.clone(),
        start: run.iter().map(|(_, a)| a.start.0).min().unwrap_or(0),
        end: run.iter().map(|(_, a)| a.end.0).max().unwrap_or(0),
        first: mine.iter().map(|a| a.id.clone()).collect(),
        second: theirs.iter().map(|a| a.id.clone()).collect(),
        differences,
    })
}
