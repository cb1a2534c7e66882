//! The order of retrieved annotations (by document, topic, stance, holder, date…),
//! ties in document order, so every listing and export is stable.

use super::filter::SortOrder;
use crate::model::annotation::Annotation;
use crate::model::document::attribute;
use crate::model::ids::{DocumentId, StanceId, TopicId};
use crate::model::workspace::Workspace;
use std::collections::HashMap;

/// Sorts annotations by `order`, ties in document order.
pub fn sort_annotations(workspace: &Workspace, annotations: &mut [&Annotation], order: SortOrder) {
    let project = &workspace.project;
    let document_rank: HashMap<&DocumentId, usize> = project
        .documents
        .iter()
        .enumerate()
        .map(|(index, d)| (&d.id, index))
        .collect();
    let rank_of = |a: &Annotation| {
        document_rank
            .get(&a.document)
            .copied()
            .unwrap_or(usize::MAX)
    };
    // The primary key of each order (0 for document order); keys are computed once per annotation.
    let primary: Box<dyn Fn(&Annotation) -> usize + '_> = match order {
        SortOrder::Document => Box::new(|_| 0),
        SortOrder::Topic => {
            let topic_rank: HashMap<&TopicId, usize> = project
                .codebook
                .topic_tree()
                .into_iter()
                .enumerate()
                .map(|(index, (_, topic))| (&topic.id, index))
                .collect();
            Box::new(move |a| {
                a.topics
                    .iter()
                    .filter_map(|t| topic_rank.get(t).copied())
                    .min()
                    .unwrap_or(usize::MAX)
            })
        }
        SortOrder::Date => {
            // Rank of each document by date (undated last), so the key is a number.
            let mut dated: Vec<(&str, &DocumentId)> = project
                .documents
                .iter()
                .filter_map(|d| {
                    d.attribute(attribute::DATE)
                        .filter(|date| !date.trim().is_empty())
                        .map(|date| (date, &d.id))
                })
                .collect();
            dated.sort();
            let mut date_rank: HashMap<&DocumentId, usize> = HashMap::new();
            let mut rank = 0;
            let mut previous: Option<&str> = None;
            for (date, id) in dated {
                if previous.is_some_and(|p| p != date) {
                    rank += 1;
                }
                previous = Some(date);
                date_rank.insert(id, rank);
            }
            Box::new(move |a| date_rank.get(&a.document).copied().unwrap_or(usize::MAX))
        }
        SortOrder::Stance => {
            let stance_rank: HashMap<&StanceId, usize> = project
                .codebook
                .stances
                .iter()
                .enumerate()
                .map(|(index, s)| (&s.id, index))
                .collect();
            Box::new(move |a| {
                a.stance
                    .as_ref()
                    .and_then(|s| stance_rank.get(s).copied())
                    .unwrap_or(usize::MAX)
            })
        }
    };
    annotations.sort_by_cached_key(|&a| (primary(a), rank_of(a), a.start, a.end, &a.id));
}
