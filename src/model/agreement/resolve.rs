//! Settling a disagreement of the walk-through ([`super::disagreements`]) as
//! one undoable [`Edit`]:
//!
//! - *Take A*: the second coder's passages of the run become the first coder's
//!   (same boundaries and coding). Paired in text order, the second coder's
//!   annotations keep their ids, memos and creation times and take the first's
//!   place and coding; extra ones are deleted; missing ones are added as copies
//!   recorded under the second coder.
//! - *Take B*: the same the other way round.
//! - *Keep both*: each coder gets a copy of every passage only the other coded,
//!   so both hold both codings.
//!
//! After any of them the two coders agree on the run, and it leaves the list.
//! Nothing outside the run changes, and the first coder's side is never touched
//! by *Take A* (nor the second's by *Take B*).

use super::disagreements::{CodingKey, Disagreement, coding_key};
use crate::model::annotation::Annotation;
use crate::model::edit::Edit;
use crate::model::ids::AnnotationId;
use crate::model::project::Project;
use std::collections::HashSet;

/// How to settle a disagreement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// The first coder's coding for both.
    TakeFirst,
    /// The second coder's coding for both.
    TakeSecond,
    /// Both codings for both.
    KeepBoth,
}

/// Why a disagreement could not be settled: the project changed under it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("annotation `{0}` of this disagreement no longer exists")]
pub struct StaleDisagreement(pub String);

/// The two coders a disagreement is between.
#[derive(Clone, Copy, Debug)]
pub struct Coders<'a> {
    /// The first coder (A).
    pub first: &'a str,
    /// The second coder (B).
    pub second: &'a str,
}

/// The edit that settles `disagreement` as `resolution` says, stamped `now`.
pub fn resolve_disagreement(
    project: &Project,
    disagreement: &Disagreement,
    coders: Coders<'_>,
    resolution: Resolution,
    now: &str,
) -> Result<Edit, StaleDisagreement> {
    let first = annotations(project, &disagreement.first)?;
    let second = annotations(project, &disagreement.second)?;
    let (edits, label) = match resolution {
        Resolution::TakeFirst => (
            take(&first, &second, coders.second, now),
            format!("take {}'s coding", coders.first),
        ),
        Resolution::TakeSecond => (
            take(&second, &first, coders.first, now),
            format!("take {}'s coding", coders.second),
        ),
        Resolution::KeepBoth => {
            let mut edits = copies_missing(&first, &second, coders.second, now);
            edits.extend(copies_missing(&second, &first, coders.first, now));
            (edits, "keep both codings".to_string())
        }
    };
    Ok(Edit::batch(label, edits))
}

fn annotations<'a>(
    project: &'a Project,
    ids: &[AnnotationId],
) -> Result<Vec<&'a Annotation>, StaleDisagreement> {
    let mut found: Vec<&Annotation> = ids
        .iter()
        .map(|id| {
            project
                .annotation(id)
                .ok_or_else(|| StaleDisagreement(id.to_string()))
        })
        .collect::<Result<_, _>>()?;
    found.sort_by_key(|a| (a.start.0, a.end.0, a.id.clone()));
    Ok(found)
}

/// `target`'s passages made equal to `source`'s (see the module doc).
fn take(
    source: &[&Annotation],
    target: &[&Annotation],
    target_coder: &str,
    now: &str,
) -> Vec<Edit> {
    let mut edits = Vec::new();
    for (from, into) in source.iter().zip(target) {
        let after = Annotation {
            start: from.start,
            end: from.end,
            anchor: from.anchor.clone(),
            status: from.status,
            coded_quote: from.coded_quote.clone(),
            topics: from.topics.clone(),
            stance: from.stance.clone(),
            holder: from.holder.clone(),
            target: from.target.clone(),
            modified: now.to_string(),
            ..(*into).clone()
        };
        if after != **into {
            edits.push(Edit::change_annotation((*into).clone(), after));
        }
    }
    for extra in target.iter().skip(source.len()) {
        edits.push(Edit::remove_annotation((*extra).clone()));
    }
    for missing in source.iter().skip(target.len()) {
        edits.push(Edit::add_annotation(copy_for(missing, target_coder, now)));
    }
    edits
}

/// Copies for `target_coder` of the passages of `source` that `target` lacks
/// (compared as many times as they occur).
fn copies_missing(
    source: &[&Annotation],
    target: &[&Annotation],
    target_coder: &str,
    now: &str,
) -> Vec<Edit> {
    let all = HashSet::new();
    let mut unmatched: Vec<CodingKey> = target.iter().map(|a| coding_key(a, &all)).collect();
    let mut edits = Vec::new();
    for passage in source {
        let key = coding_key(passage, &all);
        match unmatched.iter().position(|k| *k == key) {
            Some(index) => {
                unmatched.swap_remove(index);
            }
            None => edits.push(Edit::add_annotation(copy_for(passage, target_coder, now))),
        }
    }
    edits
}

/// A copy of `passage` under a new id, recorded for `coder` (without the memo,
/// which is the other coder's note).
fn copy_for(passage: &Annotation, coder: &str, now: &str) -> Annotation {
    Annotation {
        id: AnnotationId::generate(),
        coder: coder.to_string(),
        memo: String::new(),
        created: now.to_string(),
        modified: now.to_string(),
        ..passage.clone()
    }
}

#[cfg(test)]
mod tests;
