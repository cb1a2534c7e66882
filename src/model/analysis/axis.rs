//! The dimensions a table can have as rows or columns (topic, stance, holder,
//! target, document, coder, any document attribute, a period of a date
//! attribute) and, for one [`Context`], each dimension's values in order and
//! each annotation's values on it.
//!
//! Every annotation has at least one value on every axis: one without a
//! stance (holder, attribute value, date…) counts under a "(no stance)"
//! header, listed last, so no passage silently drops out of a table.

use super::context::{Context, PerAnnotation};
use super::periods::{Period, PeriodLength};
use crate::model::document::DocumentRecord;
use crate::model::ids::{ActorId, DocumentId, StanceId, TopicId};
use crate::model::query::document_attribute;
use rustc_hash::FxHashMap as FastMap;
use std::collections::BTreeMap;

/// A dimension of the selected annotations.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Dimension {
    /// The annotation's topics (several per annotation; with sub-topics when the context says so).
    Topic,
    /// Its stance, in the stance scale's order.
    Stance,
    /// Who holds the stance, rolled up to the context's level.
    Holder,
    /// Toward whom, rolled up to the context's level.
    Target,
    /// The document the passage is in.
    Document,
    /// Who coded it.
    Coder,
    /// The value of a document attribute (`outlet`, `author`, `year`, …).
    Attribute(String),
    /// The period of a date attribute the document falls in.
    Period {
        /// The attribute holding the date (normally `date`).
        key: String,
        /// Month, quarter or year.
        length: PeriodLength,
    },
}

impl Dimension {
    /// Reads `--by` as the command line spells it: `topic`, `stance`, `holder`,
    /// `target`, `document`, `coder`; anything else is a document attribute.
    pub fn parse(text: &str) -> Self {
        match text.trim().to_ascii_lowercase().as_str() {
            "topic" | "topics" => Self::Topic,
            "stance" | "stances" => Self::Stance,
            "holder" | "holders" => Self::Holder,
            "target" | "targets" => Self::Target,
            "document" | "documents" => Self::Document,
            "coder" | "coders" => Self::Coder,
            _ => Self::Attribute(text.trim().to_owned()),
        }
    }

    /// The dimension's name in headers (`stance`, `outlet`, `date (quarter)`).
    pub fn name(&self) -> String {
        match self {
            Self::Topic => "topic".into(),
            Self::Stance => "stance".into(),
            Self::Holder => "holder".into(),
            Self::Target => "target".into(),
            Self::Document => "document".into(),
            Self::Coder => "coder".into(),
            Self::Attribute(key) => key.clone(),
            Self::Period { key, length } => format!("{key} ({length})"),
        }
    }
}

/// What a header stands for, for a view that colours or links it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum HeaderKey {
    /// A topic (its depth in the tree: 0 for a root).
    Topic(TopicId, usize),
    /// A stance of the scale.
    Stance(StanceId),
    /// An actor (after roll-up).
    Actor(ActorId),
    /// A document.
    Document(DocumentId),
    /// A coder's name or an attribute's value.
    Value(String),
    /// A period.
    Period(Period),
    /// Annotations without a value on this dimension.
    Missing,
}

/// One row or column of a table.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Header {
    /// What the header stands for.
    pub key: HeaderKey,
    /// Its text (a name, a value, `(no stance)`).
    pub label: String,
}

/// A dimension's headers and each selected annotation's header positions.
pub(crate) struct Axis {
    pub(crate) headers: Vec<Header>,
    pub(crate) values: PerAnnotation,
}

impl Axis {
    /// The axis of `dimension` over the context's annotations.
    pub(crate) fn of(context: &Context<'_>, dimension: &Dimension) -> Self {
        match dimension {
            Dimension::Topic => topic_axis(context),
            Dimension::Stance => stance_axis(context),
            Dimension::Holder => actor_axis(context, |a| a.holder.as_ref(), "(no holder)"),
            Dimension::Target => actor_axis(context, |a| a.target.as_ref(), "(no target)"),
            Dimension::Document => document_axis(context),
            Dimension::Coder => value_axis(context, "(no coder)", |_, a| {
                Some(a.coder.trim())
                    .filter(|c| !c.is_empty())
                    .map(str::to_owned)
            }),
            Dimension::Attribute(key) => attribute_axis(context, key),
            Dimension::Period { key, length } => period_axis(context, key, *length),
        }
    }
}

fn missing(label: &str) -> Header {
    Header {
        key: HeaderKey::Missing,
        label: label.to_owned(),
    }
}

/// Topics in tree order, then `(no topic)` when some annotation has none.
fn topic_axis(context: &Context<'_>) -> Axis {
    let mut headers: Vec<Header> = context
        .topics
        .iter()
        .map(|row| Header {
            key: HeaderKey::Topic(row.id.clone(), row.depth),
            label: row.name.clone(),
        })
        .collect();
    let none = headers.len() as u32;
    let mut values = PerAnnotation::with_capacity(context.annotations.len());
    let mut any_missing = false;
    for position in 0..context.annotations.len() {
        let topics = context.counted_topics(position);
        if topics.is_empty() {
            any_missing = true;
            values.push([none]);
        } else {
            values.push(topics.iter().copied());
        }
    }
    if any_missing {
        headers.push(missing("(no topic)"));
    }
    Axis { headers, values }
}

/// Builds an axis of one optional value per annotation: `known` headers first
/// (in their order), values met that are not known after them, `missing` last.
struct SingleValued<K> {
    headers: Vec<Header>,
    index: FastMap<K, u32>,
    positions: Vec<Option<u32>>,
    /// The last key added and its position: annotations come in runs of one
    /// document, so a run costs one lookup.
    last: Option<(K, u32)>,
}

impl<K: std::hash::Hash + Eq + Clone> SingleValued<K> {
    fn new(known: impl IntoIterator<Item = (K, Header)>) -> Self {
        let mut headers = Vec::new();
        let mut index = FastMap::default();
        for (key, header) in known {
            index.entry(key).or_insert_with(|| {
                headers.push(header);
                (headers.len() - 1) as u32
            });
        }
        Self {
            headers,
            index,
            positions: Vec::new(),
            last: None,
        }
    }

    fn add(&mut self, value: Option<K>, header: impl FnOnce(&K) -> Header) {
        let position = value.map(|key| {
            if let Some((last, position)) = &self.last
                && *last == key
            {
                return *position;
            }
            let position = match self.index.get(&key) {
                Some(&found) => found,
                None => {
                    self.headers.push(header(&key));
                    let position = (self.headers.len() - 1) as u32;
                    self.index.insert(key.clone(), position);
                    position
                }
            };
            self.last = Some((key, position));
            position
        });
        self.positions.push(position);
    }

    /// Adds the next annotation's value by its position among the known headers.
    fn add_position(&mut self, position: Option<u32>) {
        self.positions.push(position);
    }

    fn finish(mut self, missing_label: &str, keep_unused: bool) -> Axis {
        let mut used = vec![keep_unused; self.headers.len()];
        let mut any_missing = false;
        for position in &self.positions {
            match position {
                Some(p) => used[*p as usize] = true,
                None => any_missing = true,
            }
        }
        // Drop unused headers, renumbering the positions.
        let mut renumber = vec![0u32; self.headers.len()];
        let mut kept = Vec::new();
        for (old, header) in std::mem::take(&mut self.headers).into_iter().enumerate() {
            if used[old] {
                renumber[old] = kept.len() as u32;
                kept.push(header);
            }
        }
        let none = kept.len() as u32;
        if any_missing {
            kept.push(missing(missing_label));
        }
        let mut values = PerAnnotation::with_capacity(self.positions.len());
        for position in self.positions {
            values.push([position.map_or(none, |p| renumber[p as usize])]);
        }
        Axis {
            headers: kept,
            values,
        }
    }
}

/// The whole stance scale in its order (unused stances too), then unknown ones.
fn stance_axis(context: &Context<'_>) -> Axis {
    let codebook = &context.project.codebook;
    let mut axis = SingleValued::new(codebook.stances.iter().map(|s| {
        let header = Header {
            key: HeaderKey::Stance(s.id.clone()),
            label: s.name.clone(),
        };
        (&s.id, header)
    }));
    for annotation in &context.annotations {
        axis.add(annotation.stance.as_ref(), |id| Header {
            key: HeaderKey::Stance((*id).clone()),
            label: id.to_string(),
        });
    }
    axis.finish("(no stance)", true)
}

/// Rolled-up actors in codebook order, those that occur.
fn actor_axis(
    context: &Context<'_>,
    actor_of: impl Fn(&crate::model::annotation::Annotation) -> Option<&ActorId>,
    missing_label: &str,
) -> Axis {
    let codebook = &context.project.codebook;
    let mut axis = SingleValued::new(codebook.actors.iter().map(|a| {
        let header = Header {
            key: HeaderKey::Actor(a.id.clone()),
            label: a.name.clone(),
        };
        (&a.id, header)
    }));
    // Each codebook actor's header after roll-up, found once: one lookup per annotation.
    let rolled_up: FastMap<&ActorId, u32> = codebook
        .actors
        .iter()
        .filter_map(|a| {
            let position = axis.index.get(context.rollup.of(&a.id)).copied()?;
            Some((&a.id, position))
        })
        .collect();
    for annotation in &context.annotations {
        match actor_of(annotation) {
            Some(id) => match rolled_up.get(id) {
                Some(&position) => axis.add_position(Some(position)),
                None => axis.add(Some(context.rollup.of(id)), |id| Header {
                    key: HeaderKey::Actor((*id).clone()),
                    label: id.to_string(),
                }),
            },
            None => axis.add_position(None),
        }
    }
    axis.finish(missing_label, false)
}

/// Documents in project order (by path), those that occur, then the
/// documents the project lacks in the order they first occur.
fn document_axis(context: &Context<'_>) -> Axis {
    let known = context.project.documents.len();
    let mut used = vec![false; known + context.unknown_documents.len()];
    let mut unknown_in_order = Vec::new();
    for span in &context.spans {
        let number = span.document as usize;
        if let Some(used) = used.get_mut(number)
            && !*used
        {
            *used = true;
            if number >= known {
                unknown_in_order.push(number);
            }
        }
    }
    let mut headers = Vec::new();
    let mut position_of = vec![0u32; used.len()];
    let in_use = (0..known).filter(|&number| used[number]);
    for number in in_use.chain(unknown_in_order) {
        position_of[number] = headers.len() as u32;
        let (id, label) = match context.document_record(number as u32) {
            Some(d) => (&d.id, d.title().to_owned()),
            None => {
                let id = context.unknown_documents[number - known];
                (id, id.to_string())
            }
        };
        headers.push(Header {
            key: HeaderKey::Document(id.clone()),
            label,
        });
    }
    let mut values = PerAnnotation::with_capacity(context.spans.len());
    for span in &context.spans {
        values.push([position_of[span.document as usize]]);
    }
    Axis { headers, values }
}

/// Text values sorted, then the missing header.
fn value_axis(
    context: &Context<'_>,
    missing_label: &str,
    value_of: impl Fn(Option<&DocumentRecord>, &crate::model::annotation::Annotation) -> Option<String>,
) -> Axis {
    let values: Vec<Option<String>> = context
        .annotations
        .iter()
        .zip(&context.spans)
        .map(|(a, span)| value_of(context.document_record(span.document), a))
        .collect();
    let sorted: BTreeMap<&str, ()> = values.iter().flatten().map(|v| (v.as_str(), ())).collect();
    let mut axis = SingleValued::new(sorted.keys().map(|v| {
        let header = Header {
            key: HeaderKey::Value((*v).to_owned()),
            label: (*v).to_owned(),
        };
        ((*v).to_owned(), header)
    }));
    for value in values.iter() {
        axis.add(value.clone(), |v| Header {
            key: HeaderKey::Value(v.clone()),
            label: v.clone(),
        });
    }
    axis.finish(missing_label, false)
}

/// The values of a document attribute, sorted, then `(no KEY)`; each
/// document's value is looked up once, not once per annotation.
fn attribute_axis(context: &Context<'_>, key: &str) -> Axis {
    let values: Vec<Option<&str>> = context
        .project
        .documents
        .iter()
        .map(|d| {
            document_attribute(d, key)
                .map(str::trim)
                .filter(|v| !v.is_empty())
        })
        .collect();
    let mut sorted: Vec<&str> = values.iter().flatten().copied().collect();
    sorted.sort_unstable();
    sorted.dedup();
    let mut axis = SingleValued::new(sorted.iter().map(|v| {
        let header = Header {
            key: HeaderKey::Value((*v).to_owned()),
            label: (*v).to_owned(),
        };
        (*v, header)
    }));
    let position_of: Vec<Option<u32>> = values
        .iter()
        .map(|v| v.and_then(|v| axis.index.get(v).copied()))
        .collect();
    for position in per_document(context, &position_of) {
        axis.add_position(position);
    }
    axis.finish(&format!("(no {key})"), false)
}

/// Each annotation's document's value in `of` (one per project document, in
/// order); `None` for a document the project lacks.
fn per_document<'c, T: Copy>(
    context: &'c Context<'_>,
    of: &'c [Option<T>],
) -> impl Iterator<Item = Option<T>> + 'c {
    context
        .spans
        .iter()
        .map(|span| of.get(span.document as usize).copied().flatten())
}

/// Every period from the first to the last dated document (gaps included),
/// then `(undated)`; each document's period is computed once.
fn period_axis(context: &Context<'_>, key: &str, length: PeriodLength) -> Axis {
    let periods: Vec<Option<Period>> = context
        .project
        .documents
        .iter()
        .map(|d| {
            d.attribute(key)
                .and_then(|date| Period::of_date(date, length))
        })
        .collect();
    let per_annotation: Vec<Option<Period>> = per_document(context, &periods).collect();
    let first = per_annotation.iter().flatten().min().copied();
    let last = per_annotation.iter().flatten().max().copied();
    let all = match (first, last) {
        (Some(first), Some(last)) => Period::range(first, last),
        _ => Vec::new(),
    };
    let mut axis = SingleValued::new(all.into_iter().map(|p| {
        let header = Header {
            key: HeaderKey::Period(p),
            label: p.to_string(),
        };
        (p, header)
    }));
    for period in per_annotation {
        axis.add(period, |p| Header {
            key: HeaderKey::Period(*p),
            label: p.to_string(),
        });
    }
    axis.finish("(undated)", true)
}
