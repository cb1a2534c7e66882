//! Topic frequencies: per topic, the annotations coded with it, the characters
//! they cover and the documents they are in; once counting only the topic's
//! own annotations and once with its sub-topics' annotations too; over all
//! selected annotations and, optionally, per value of one dimension.
//!
//! Coded characters are the characters of the documents covered by at least
//! one counted annotation: two overlapping passages coded with the same topic
//! count their shared characters once.

use super::axis::{Axis, Dimension, Header, HeaderKey};
use super::context::{Context, Members};

/// Annotations, coded characters and documents of one topic in one group.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Measures {
    /// The annotations counted.
    pub annotations: Members,
    /// Characters covered by at least one of them (overlaps counted once).
    pub characters: usize,
    /// Documents with at least one of them.
    pub documents: usize,
}

/// One topic's measures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TopicFrequency {
    /// The topic (its key holds its depth), or `(no topic)` for annotations without one.
    pub topic: Header,
    /// Annotations coded with the topic itself.
    pub own: Measures,
    /// Annotations coded with the topic or any of its sub-topics.
    pub with_subtopics: Measures,
}

/// The topic frequencies of all selected annotations, or of those with one
/// value of the grouping dimension.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrequencyGroup {
    /// `None` for all selected annotations; else the value (or `(no …)`).
    pub value: Option<Header>,
    /// Annotations in the group.
    pub annotations: usize,
    /// One row per topic in tree order (topics with no annotation in the
    /// group too), then `(no topic)` when some annotation has none.
    pub rows: Vec<TopicFrequency>,
}

/// Topic frequencies overall and per value of a dimension.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Frequencies {
    /// The grouping dimension, if any.
    pub by: Option<Dimension>,
    /// The group of all selected annotations first, then one per value.
    pub groups: Vec<FrequencyGroup>,
}

impl Frequencies {
    /// Topic frequencies of the context's annotations, grouped `by` a dimension if given.
    pub fn compute(context: &Context<'_>, by: Option<&Dimension>) -> Self {
        let topics: Vec<Header> = context
            .topic_rows()
            .iter()
            .map(|topic| Header {
                key: HeaderKey::Topic(topic.id.clone(), topic.depth),
                label: topic.name.clone(),
            })
            .collect();
        let everyone: Vec<u32> = (0..context.annotations.len() as u32).collect();
        let mut groups = vec![group(context, &topics, None, &everyone)];
        if let Some(dimension) = by {
            let axis = Axis::of(context, dimension);
            let mut members: Vec<Vec<u32>> = vec![Vec::new(); axis.headers.len()];
            for position in 0..context.annotations.len() {
                for &value in axis.values.of(position) {
                    members[value as usize].push(position as u32);
                }
            }
            for (header, positions) in axis.headers.into_iter().zip(members) {
                groups.push(group(context, &topics, Some(header), &positions));
            }
        }
        Self {
            by: by.cloned(),
            groups,
        }
    }
}

/// The frequencies of the annotations at `positions` (ascending, each once),
/// one row per header of `topics` (the context's topic rows).
fn group(
    context: &Context<'_>,
    topics: &[Header],
    value: Option<Header>,
    positions: &[u32],
) -> FrequencyGroup {
    // Counted first, so that each topic's list is allocated once at its size.
    let mut own_count = vec![0usize; topics.len()];
    let mut family_count = vec![0usize; topics.len()];
    for &position in positions {
        for &row in context.own_topics.of(position as usize) {
            own_count[row as usize] += 1;
        }
        for &row in context.family_topics.of(position as usize) {
            family_count[row as usize] += 1;
        }
    }
    let mut own: Vec<Vec<u32>> = own_count.into_iter().map(Vec::with_capacity).collect();
    let mut family: Vec<Vec<u32>> = family_count.into_iter().map(Vec::with_capacity).collect();
    let mut untopical: Vec<u32> = Vec::new();
    for &position in positions {
        let index = position as usize;
        for &row in context.own_topics.of(index) {
            own[row as usize].push(position);
        }
        for &row in context.family_topics.of(index) {
            family[row as usize].push(position);
        }
        if context.own_topics.of(index).is_empty() {
            untopical.push(position);
        }
    }
    let mut rows: Vec<TopicFrequency> = topics
        .iter()
        .zip(own.into_iter().zip(family))
        .map(|(topic, (own, family))| TopicFrequency {
            topic: topic.clone(),
            own: measures(context, own),
            with_subtopics: measures(context, family),
        })
        .collect();
    if !untopical.is_empty() {
        let measured = measures(context, untopical);
        rows.push(TopicFrequency {
            topic: Header {
                key: HeaderKey::Missing,
                label: "(no topic)".into(),
            },
            own: measured.clone(),
            with_subtopics: measured,
        });
    }
    FrequencyGroup {
        value,
        annotations: positions.len(),
        rows,
    }
}

/// Annotations, covered characters (union per document) and documents of
/// `positions` (ascending, each once).
fn measures(context: &Context<'_>, positions: Vec<u32>) -> Measures {
    let (characters, documents) = if context.in_document_order {
        coverage(context, &positions)
    } else {
        let mut in_order = positions.clone();
        in_order.sort_unstable_by_key(|&p| context.document_rank[p as usize]);
        coverage(context, &in_order)
    };
    Measures {
        annotations: Members::from_ascending(positions),
        characters,
        documents,
    }
}

/// Characters covered (overlaps once) and documents touched by the annotations
/// at `in_order`, which are in document order.
fn coverage(context: &Context<'_>, in_order: &[u32]) -> (usize, usize) {
    let mut characters = 0usize;
    let mut documents = 0usize;
    let mut current: Option<(u32, usize)> = None; // document, covered up to
    for &p in in_order {
        let span = context.spans[p as usize];
        let (start, end) = (span.start, span.end.max(span.start));
        match &mut current {
            Some((document, covered)) if *document == span.document => {
                if end > *covered {
                    characters += end - start.max(*covered);
                    *covered = end;
                }
            }
            _ => {
                documents += 1;
                characters += end - start;
                current = Some((span.document, end));
            }
        }
    }
    (characters, documents)
}
