//! Topic co-occurrence: how often two topics code the same or overlapping text.
//!
//! Two topics A and B *meet*
//! - in one annotation coded with both, or
//! - in two annotations of the same document whose passages share at least
//!   one character (`a.start < b.end && b.start < a.end`; passages that only
//!   touch do not overlap), one coded with A and the other with B.
//!
//! The cell (A, B) counts meetings: each such annotation once, and each such
//! pair of annotations once (however many of their topics meet); its
//! members are every annotation in those meetings. The table is symmetric. A
//! topic never meets itself or, when sub-topics are included, its own
//! ancestors (every Medical aid passage would otherwise meet Health), so the
//! diagonal is empty.

use super::axis::{Dimension, Header, HeaderKey};
use super::context::{Context, Members};

/// The topic × topic co-occurrence table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cooccurrence {
    /// The topics, in tree order (rows and columns alike).
    pub topics: Vec<Header>,
    /// Meetings per cell, row by row.
    counts: Vec<usize>,
    /// Annotations behind each cell, row by row.
    members: Vec<Members>,
}

impl Cooccurrence {
    /// The co-occurrence of topics over the context's annotations.
    pub fn compute(context: &Context<'_>) -> Self {
        let rows = context.topic_rows();
        let n = rows.len();
        let ancestors = ancestor_sets(context);
        let related = |a: u32, b: u32| {
            a == b
                || (context.include_subtopics
                    && (ancestors[a as usize].contains(&b) || ancestors[b as usize].contains(&a)))
        };
        let mut counts = vec![0usize; n * n];
        let mut positions: Vec<Vec<u32>> = vec![Vec::new(); n * n];
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        let mut record = |pairs: &mut Vec<(u32, u32)>, people: &[u32]| {
            pairs.sort_unstable();
            pairs.dedup();
            for &(a, b) in pairs.iter() {
                for (x, y) in [(a, b), (b, a)] {
                    let cell = x as usize * n + y as usize;
                    counts[cell] += 1;
                    positions[cell].extend_from_slice(people);
                }
            }
            pairs.clear();
        };
        // Meetings inside one annotation.
        for position in 0..context.annotations.len() {
            let topics = context.counted_topics(position);
            for (i, &a) in topics.iter().enumerate() {
                for &b in &topics[i + 1..] {
                    if !related(a, b) {
                        pairs.push((a.min(b), a.max(b)));
                    }
                }
            }
            record(&mut pairs, &[position as u32]);
        }
        // Meetings of two overlapping annotations: a sweep in document order.
        let mut order: Vec<u32> = (0..context.annotations.len() as u32).collect();
        if !context.in_document_order {
            order.sort_unstable_by_key(|&p| context.document_rank[p as usize]);
        }
        for (i, &first) in order.iter().enumerate() {
            let a = context.spans[first as usize];
            for &second in &order[i + 1..] {
                let b = context.spans[second as usize];
                if b.document != a.document || b.start >= a.end {
                    break;
                }
                for &x in context.counted_topics(first as usize) {
                    for &y in context.counted_topics(second as usize) {
                        if !related(x, y) {
                            pairs.push((x.min(y), x.max(y)));
                        }
                    }
                }
                record(&mut pairs, &[first, second]);
            }
        }
        let topics = rows
            .iter()
            .map(|row| Header {
                key: HeaderKey::Topic(row.id.clone(), row.depth),
                label: row.name.clone(),
            })
            .collect();
        Self {
            topics,
            counts,
            members: positions.into_iter().map(Members::from_positions).collect(),
        }
    }

    /// The dimension of both rows and columns.
    pub fn dimension(&self) -> Dimension {
        Dimension::Topic
    }

    /// Meetings of topics `row` and `column` (0 outside the table).
    pub fn count(&self, row: usize, column: usize) -> usize {
        self.index(row, column)
            .and_then(|i| self.counts.get(i))
            .copied()
            .unwrap_or(0)
    }

    /// The annotations in those meetings.
    pub fn cell(&self, row: usize, column: usize) -> Option<&Members> {
        self.index(row, column).and_then(|i| self.members.get(i))
    }

    fn index(&self, row: usize, column: usize) -> Option<usize> {
        (row < self.topics.len() && column < self.topics.len())
            .then(|| row * self.topics.len() + column)
    }
}

/// For each topic row, the rows of its ancestors.
fn ancestor_sets(context: &Context<'_>) -> Vec<Vec<u32>> {
    let rows = context.topic_rows();
    let codebook = &context.project.codebook;
    let row_of: std::collections::HashMap<_, u32> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (&r.id, i as u32))
        .collect();
    rows.iter()
        .map(|row| {
            let mut out = Vec::new();
            let mut current = codebook.topic(&row.id).and_then(|t| t.parent.as_ref());
            while let Some(parent) = current {
                match row_of.get(parent) {
                    Some(&r) if !out.contains(&r) && out.len() <= rows.len() => out.push(r),
                    _ => break,
                }
                current = codebook.topic(parent).and_then(|t| t.parent.as_ref());
            }
            out
        })
        .collect()
}
