//! Stance agreement: for the passages both coders of a pair coded, how often
//! they agree on the stance, its holder and its target.
//!
//! Two passages are paired when they are in the same document, overlap and share
//! a compared topic. Each passage is paired at most once: candidates are taken
//! greedily by shared chars, most first (ties: document order). "Not coded" is a
//! label like any other, so two passages without a holder agree on the holder.

use super::character::cohen_kappa;
use super::units::{Passage, Units, coder_pairs};
use serde::Serialize;
use std::collections::HashMap;

/// One pair of coders' agreement on the passages both coded.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StanceAgreement {
    /// The first coder.
    pub first: String,
    /// The second coder.
    pub second: String,
    /// How many passage pairs were compared.
    pub passages: u64,
    /// Agreement on the stance.
    pub stance: FieldAgreement,
    /// Agreement on who holds it.
    pub holder: FieldAgreement,
    /// Agreement on toward whom.
    pub target: FieldAgreement,
}

/// Agreement on one field over the paired passages.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct FieldAgreement {
    /// Pairs with the same value (both uncoded counts as the same).
    pub agreed: u64,
    /// `agreed` in percent of the pairs; `None` without pairs.
    pub percent: Option<f64>,
    /// Cohen's kappa with each value (and "not coded") a label; `None` without pairs.
    pub kappa: Option<f64>,
}

/// The stance figures for every pair of coders.
pub fn stance_agreement(units: &Units) -> Vec<StanceAgreement> {
    coder_pairs(units.coders.len())
        .into_iter()
        .map(|(i, j)| {
            let mut matched: Vec<(&Passage, &Passage)> = Vec::new();
            for document in &units.documents {
                if let (Some(first), Some(second)) =
                    (document.passages.get(i), document.passages.get(j))
                {
                    matched.extend(paired(first, second));
                }
            }
            let field = |value: fn(&Passage) -> Option<&str>| {
                field_agreement(matched.iter().map(|(a, b)| (value(a), value(b))))
            };
            StanceAgreement {
                first: units.coders.get(i).cloned().unwrap_or_default(),
                second: units.coders.get(j).cloned().unwrap_or_default(),
                passages: matched.len() as u64,
                stance: field(|p| p.stance.as_ref().map(|s| s.as_str())),
                holder: field(|p| p.holder.as_ref().map(|s| s.as_str())),
                target: field(|p| p.target.as_ref().map(|s| s.as_str())),
            }
        })
        .collect()
}

/// One-to-one pairs of overlapping passages sharing a topic, most shared chars first.
fn paired<'a>(first: &'a [Passage], second: &'a [Passage]) -> Vec<(&'a Passage, &'a Passage)> {
    let longest = second
        .iter()
        .map(|p| p.range.len_chars())
        .max()
        .unwrap_or(0);
    let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
    for (a, mine) in first.iter().enumerate() {
        let from = second.partition_point(|p| p.range.start + longest < mine.range.start);
        for (offset, theirs) in second.get(from..).unwrap_or_default().iter().enumerate() {
            if theirs.range.start >= mine.range.end {
                break;
            }
            let shared = mine.range.overlap_chars(theirs.range);
            if shared > 0 && share_a_topic(&mine.topics, &theirs.topics) {
                candidates.push((shared, a, from + offset));
            }
        }
    }
    candidates.sort_by(|x, y| y.0.cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let mut first_taken = vec![false; first.len()];
    let mut second_taken = vec![false; second.len()];
    let mut pairs = Vec::new();
    for (_, a, b) in candidates {
        let free = !first_taken.get(a).copied().unwrap_or(true)
            && !second_taken.get(b).copied().unwrap_or(true);
        if let (true, Some(mine), Some(theirs)) = (free, first.get(a), second.get(b)) {
            first_taken[a] = true;
            second_taken[b] = true;
            pairs.push((mine, theirs));
        }
    }
    pairs
}

/// Do two sorted topic lists have an entry in common?
fn share_a_topic(a: &[usize], b: &[usize]) -> bool {
    a.iter().any(|t| b.binary_search(t).is_ok())
}

fn field_agreement<'a>(
    values: impl Iterator<Item = (Option<&'a str>, Option<&'a str>)>,
) -> FieldAgreement {
    let values: Vec<_> = values.collect();
    let mut labels: HashMap<Option<&str>, usize> = HashMap::new();
    for &(a, b) in &values {
        let next = labels.len();
        labels.entry(a).or_insert(next);
        let next = labels.len();
        labels.entry(b).or_insert(next);
    }
    let mut table = vec![vec![0u64; labels.len()]; labels.len()];
    let mut agreed = 0;
    for (a, b) in &values {
        agreed += u64::from(a == b);
        if let (Some(&x), Some(&y)) = (labels.get(a), labels.get(b))
            && let Some(cell) = table.get_mut(x).and_then(|row| row.get_mut(y))
        {
            *cell += 1;
        }
    }
    FieldAgreement {
        agreed,
        percent: (!values.is_empty()).then(|| 100.0 * agreed as f64 / values.len() as f64),
        kappa: cohen_kappa(&table),
    }
}
