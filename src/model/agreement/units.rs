//! The units of character-level agreement, formed as NVivo forms them: for each
//! topic, every character of every document in which at least one compared coder
//! made an annotation is one unit, present for a coder when one of that coder's
//! passages with the topic covers it. Held as run-length intervals per document,
//! topic and coder, so a 5 MB corpus costs its passages, not its characters. Also what
//! is compared ([`AgreementOptions`]) and the pairs of coders every figure walks.

use crate::model::ids::{ActorId, AnnotationId, DocumentId, StanceId, TopicId};
use crate::model::project::Project;
use std::collections::{BTreeMap, HashMap, HashSet};

/// MAXQDA's default: a passage is agreed when the other coder's passage covers
/// at least 90 % of the two passages' joint extent.
pub const DEFAULT_SEGMENT_OVERLAP_PERCENT: f64 = 90.0;

/// What to compare.
#[derive(Clone, Debug, PartialEq)]
pub struct AgreementOptions {
    /// The coders (as in `Annotation::coder`), at least two for any figure; order kept.
    pub coders: Vec<String>,
    /// Topics to compare; empty: every topic a compared coder used in the compared documents.
    pub topics: Vec<TopicId>,
    /// Documents to compare; empty: every document.
    pub documents: Vec<DocumentId>,
    /// Segment view: the least overlap, in percent of the two passages' joint extent.
    pub segment_overlap_percent: f64,
}

/// The pairs `(i, j)` with `i < j` of `count` coders, in order.
pub fn coder_pairs(count: usize) -> Vec<(usize, usize)> {
    (0..count)
        .flat_map(|i| (i + 1..count).map(move |j| (i, j)))
        .collect()
}

/// A half-open run of chars `[start, end)` of one document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Interval {
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
}

impl Interval {
    /// How many chars the run covers.
    pub fn len_chars(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// How many chars this run shares with `other`.
    pub fn overlap_chars(self, other: Self) -> usize {
        self.end
            .min(other.end)
            .saturating_sub(self.start.max(other.start))
    }
}

/// One coder's annotation, as the segment and stance views see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Passage {
    /// The annotation it comes from.
    pub id: AnnotationId,
    /// Where it is.
    pub range: Interval,
    /// Its compared topics, as indices into [`Units::topics`], sorted.
    pub topics: Vec<usize>,
    /// Its stance, if coded.
    pub stance: Option<StanceId>,
    /// Who holds the stance, if coded.
    pub holder: Option<ActorId>,
    /// Toward whom, if coded.
    pub target: Option<ActorId>,
}

/// One compared document: its length and what each coder coded in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitDocument {
    /// The document.
    pub id: DocumentId,
    /// Its length in chars: the number of units per topic.
    pub len_chars: usize,
    /// Topic index → per coder, the merged, sorted runs the coder coded with it.
    /// Topics no compared coder used here are absent (every unit absent for all).
    pub coverage: BTreeMap<usize, Vec<Vec<Interval>>>,
    /// Per coder, the passages, sorted by start then end then id.
    pub passages: Vec<Vec<Passage>>,
}

/// Everything the agreement figures are computed from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Units {
    /// The coders compared, in the order asked (duplicates dropped).
    pub coders: Vec<String>,
    /// The compared topics, in codebook order.
    pub topics: Vec<TopicId>,
    /// The compared documents, in project order.
    pub documents: Vec<UnitDocument>,
    /// Annotations of compared coders without a known text to fall in.
    pub annotations_without_text: usize,
}

impl Units {
    /// Forms the units of `project` for `options`; `lengths_chars` gives each
    /// document's length in chars.
    pub fn form(
        project: &Project,
        lengths_chars: &HashMap<DocumentId, usize>,
        options: &AgreementOptions,
    ) -> Self {
        let mut coders: Vec<String> = Vec::new();
        for coder in &options.coders {
            if !coders.contains(coder) {
                coders.push(coder.clone());
            }
        }
        let coder_index: HashMap<&str, usize> = coders
            .iter()
            .enumerate()
            .map(|(i, c)| (c.as_str(), i))
            .collect();
        let wanted_documents: HashSet<&DocumentId> = options.documents.iter().collect();
        let mut annotations_without_text = 0;
        // Document → its compared annotations with their coder index.
        let mut by_document: HashMap<&DocumentId, Vec<(usize, &_)>> = HashMap::new();
        for annotation in &project.annotations {
            let Some(&coder) = coder_index.get(annotation.coder.as_str()) else {
                continue;
            };
            if !wanted_documents.is_empty() && !wanted_documents.contains(&annotation.document) {
                continue;
            }
            let inside = lengths_chars.get(&annotation.document).is_some_and(|&len| {
                annotation.start.0 < annotation.end.0 && annotation.end.0 <= len
            });
            if !inside {
                annotations_without_text += 1;
                continue;
            }
            by_document
                .entry(&annotation.document)
                .or_default()
                .push((coder, annotation));
        }
        let topics = compared_topics(project, options, &by_document);
        let topic_index: HashMap<&TopicId, usize> =
            topics.iter().enumerate().map(|(i, t)| (t, i)).collect();
        let documents = project
            .documents
            .iter()
            .filter_map(|record| {
                let annotations = by_document.get(&record.id)?;
                let len_chars = *lengths_chars.get(&record.id)?;
                Some(unit_document(
                    record.id.clone(),
                    len_chars,
                    annotations,
                    coders.len(),
                    &topic_index,
                ))
            })
            .collect();
        Self {
            coders,
            topics,
            documents,
            annotations_without_text,
        }
    }
}

/// The topics asked for, else every topic a compared annotation carries: in
/// codebook order, then topics missing from the codebook by id.
fn compared_topics(
    project: &Project,
    options: &AgreementOptions,
    by_document: &HashMap<&DocumentId, Vec<(usize, &crate::model::annotation::Annotation)>>,
) -> Vec<TopicId> {
    let mut wanted: HashSet<&TopicId> = options.topics.iter().collect();
    if wanted.is_empty() {
        wanted = by_document
            .values()
            .flatten()
            .flat_map(|(_, a)| &a.topics)
            .collect();
    }
    let mut topics: Vec<TopicId> = project
        .codebook
        .topics
        .iter()
        .filter(|t| wanted.contains(&t.id))
        .map(|t| t.id.clone())
        .collect();
    let mut strays: Vec<TopicId> = wanted
        .into_iter()
        .filter(|t| project.codebook.topic(t).is_none())
        .cloned()
        .collect();
    strays.sort();
    topics.extend(strays);
    topics
}

fn unit_document(
    id: DocumentId,
    len_chars: usize,
    annotations: &[(usize, &crate::model::annotation::Annotation)],
    coder_count: usize,
    topic_index: &HashMap<&TopicId, usize>,
) -> UnitDocument {
    let mut coverage: BTreeMap<usize, Vec<Vec<Interval>>> = BTreeMap::new();
    let mut passages: Vec<Vec<Passage>> = vec![Vec::new(); coder_count];
    for &(coder, annotation) in annotations {
        let range = Interval {
            start: annotation.start.0,
            end: annotation.end.0,
        };
        let mut topics: Vec<usize> = annotation
            .topics
            .iter()
            .filter_map(|t| topic_index.get(t).copied())
            .collect();
        topics.sort_unstable();
        topics.dedup();
        for &topic in &topics {
            let runs = coverage
                .entry(topic)
                .or_insert_with(|| vec![Vec::new(); coder_count]);
            if let Some(coder_runs) = runs.get_mut(coder) {
                coder_runs.push(range);
            }
        }
        if let Some(list) = passages.get_mut(coder) {
            list.push(Passage {
                id: annotation.id.clone(),
                range,
                topics,
                stance: annotation.stance.clone(),
                holder: annotation.holder.clone(),
                target: annotation.target.clone(),
            });
        }
    }
    for runs in coverage.values_mut().flatten() {
        *runs = merged(std::mem::take(runs));
    }
    for list in &mut passages {
        list.sort_by(|a, b| (a.range, &a.id).cmp(&(b.range, &b.id)));
    }
    UnitDocument {
        id,
        len_chars,
        coverage,
        passages,
    }
}

/// Sorts runs and joins those that overlap or touch.
pub fn merged(mut runs: Vec<Interval>) -> Vec<Interval> {
    runs.sort_unstable();
    let mut out: Vec<Interval> = Vec::with_capacity(runs.len());
    for run in runs {
        match out.last_mut() {
            Some(last) if run.start <= last.end => last.end = last.end.max(run.end),
            _ => out.push(run),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{Interval, merged};

    fn run(start: usize, end: usize) -> Interval {
        Interval { start, end }
    }

    #[test]
    fn overlapping_and_touching_runs_merge_and_disjoint_ones_stay() {
        let runs = vec![run(10, 20), run(0, 5), run(5, 7), run(15, 30), run(40, 41)];
        assert_eq!(merged(runs), vec![run(0, 7), run(10, 30), run(40, 41)]);
    }

    #[test]
    fn overlap_counts_shared_chars_only() {
        assert_eq!(run(0, 10).overlap_chars(run(5, 20)), 5);
        assert_eq!(run(0, 10).overlap_chars(run(10, 20)), 0);
        assert_eq!(run(0, 10).overlap_chars(run(30, 40)), 0);
    }
}
