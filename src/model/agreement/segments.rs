//! Segment-level agreement, as MAXQDA reports it: each passage a coder coded
//! with a topic counts as agreed when the other coder has a passage with the same
//! topic in the same document that overlaps it by at least the set percentage of
//! the two passages' joint extent (shared chars ÷ chars covered by either).
//! Checked from both coders' sides; the percentage is agreed passages over all.

use super::units::{Interval, Units, coder_pairs};
use crate::model::ids::TopicId;
use serde::Serialize;

/// Segment-level figures for one topic or over every compared topic.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SegmentAgreement {
    /// The topic; `None` for the figure over all topics.
    pub topic: Option<TopicId>,
    /// One entry per pair of coders.
    pub pairs: Vec<SegmentPair>,
}

/// Two coders' passages, each checked against the other's.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SegmentPair {
    /// The first coder.
    pub first: String,
    /// The second coder.
    pub second: String,
    /// The first coder's passages (one per passage and topic).
    pub first_segments: u64,
    /// Those the second coder matched.
    pub first_agreed: u64,
    /// The second coder's passages.
    pub second_segments: u64,
    /// Those the first coder matched.
    pub second_agreed: u64,
    /// Agreed passages of both coders in percent of all their passages; `None` when there are none.
    pub percent: Option<f64>,
}

/// The segment view of `topic`, or summed over every compared topic when `None`.
pub fn segment_agreement(
    units: &Units,
    topic: Option<&TopicId>,
    overlap_percent: f64,
) -> SegmentAgreement {
    let pairs = coder_pairs(units.coders.len());
    let mut counts = vec![[0u64; 4]; pairs.len()];
    for (index, candidate) in units.topics.iter().enumerate() {
        if topic.is_some_and(|wanted| wanted != candidate) {
            continue;
        }
        for document in &units.documents {
            let segments: Vec<Vec<Interval>> = document
                .passages
                .iter()
                .map(|list| {
                    list.iter()
                        .filter(|p| p.topics.binary_search(&index).is_ok())
                        .map(|p| p.range)
                        .collect()
                })
                .collect();
            for (&(i, j), count) in pairs.iter().zip(&mut counts) {
                let (Some(first), Some(second)) = (segments.get(i), segments.get(j)) else {
                    continue;
                };
                count[0] += first.len() as u64;
                count[1] += agreed(first, second, overlap_percent);
                count[2] += second.len() as u64;
                count[3] += agreed(second, first, overlap_percent);
            }
        }
    }
    let pairs = pairs
        .into_iter()
        .zip(counts)
        .map(
            |((i, j), [first_segments, first_agreed, second_segments, second_agreed])| {
                let all = first_segments + second_segments;
                SegmentPair {
                    first: units.coders.get(i).cloned().unwrap_or_default(),
                    second: units.coders.get(j).cloned().unwrap_or_default(),
                    first_segments,
                    first_agreed,
                    second_segments,
                    second_agreed,
                    percent: (all > 0)
                        .then(|| 100.0 * (first_agreed + second_agreed) as f64 / all as f64),
                }
            },
        )
        .collect();
    SegmentAgreement {
        topic: topic.cloned(),
        pairs,
    }
}

/// How many of `mine` (sorted by start) some passage of `theirs` (sorted by
/// start) overlaps by at least `overlap_percent` of their joint extent.
fn agreed(mine: &[Interval], theirs: &[Interval], overlap_percent: f64) -> u64 {
    let longest = theirs.iter().map(|r| r.len_chars()).max().unwrap_or(0);
    let mut count = 0;
    for passage in mine {
        // Only passages starting after `start − longest` can reach this one.
        let from = theirs.partition_point(|r| r.start + longest < passage.start);
        let matched = theirs
            .get(from..)
            .unwrap_or_default()
            .iter()
            .take_while(|r| r.start < passage.end)
            .any(|other| enough_overlap(*passage, *other, overlap_percent));
        count += u64::from(matched);
    }
    count
}

/// Do two passages share at least one char and at least `overlap_percent` of the
/// chars either covers?
pub fn enough_overlap(a: Interval, b: Interval, overlap_percent: f64) -> bool {
    let shared = a.overlap_chars(b);
    let joint = a.len_chars() + b.len_chars() - shared;
    shared > 0 && 100.0 * shared as f64 >= overlap_percent * joint as f64
}

#[cfg(test)]
mod tests {
    use super::{Interval, agreed, enough_overlap};

    fn run(start: usize, end: usize) -> Interval {
        Interval { start, end }
    }

    #[test]
    fn overlap_is_measured_against_the_joint_extent() {
        // 9 shared of 10 covered: 90 %.
        assert!(enough_overlap(run(0, 10), run(1, 10), 90.0));
        assert!(!enough_overlap(run(0, 10), run(1, 10), 90.1));
        assert!(!enough_overlap(run(0, 10), run(10, 20), 0.0));
    }

    #[test]
    fn each_passage_is_checked_against_every_reachable_one() {
        let mine = [run(0, 10), run(50, 60), run(100, 110)];
        let theirs = [run(0, 100), run(49, 60), run(200, 210)];
        // (0,10) vs (0,100): 10 %; (50,60) vs (49,60): 10/11; (100,110): nothing.
        assert_eq!(agreed(&mine, &theirs, 90.0), 1);
        assert_eq!(agreed(&mine, &theirs, 10.0), 2);
    }
}
