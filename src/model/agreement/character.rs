//! Character-level agreement: percent agreement and Cohen's kappa for each pair
//! of coders, Krippendorff's alpha (nominal, two labels) over all coders.
//!
//! Everything follows from two tallies over the units, built from run-length
//! intervals by a sweep: per pair a 2×2 confusion table, and over all coders how
//! many units `p` of the `m` coders marked present. Both are exact integers; the
//! figures divide them once, so they match per-character implementations
//! (scikit-learn's `cohen_kappa_score`, the `krippendorff` package) to rounding.

use super::units::{Interval, Units, coder_pairs};
use crate::model::ids::TopicId;
use serde::Serialize;

/// The character-level figures for one topic or over all topics.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CharacterAgreement {
    /// How many units (characters × topics) were compared.
    pub units: u64,
    /// One entry per pair of coders, in the order the coders were given.
    pub pairs: Vec<PairAgreement>,
    /// Krippendorff's alpha over all coders; `None` without units or with fewer than two coders.
    pub alpha: Option<f64>,
}

/// Two coders' agreement over the same units.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PairAgreement {
    /// The first coder.
    pub first: String,
    /// The second coder.
    pub second: String,
    /// Units both marked present.
    pub both: u64,
    /// Units only the first coder marked present.
    pub first_only: u64,
    /// Units only the second coder marked present.
    pub second_only: u64,
    /// Units neither marked present.
    pub neither: u64,
    /// Units labelled alike, in percent of all units; `None` without units.
    pub percent: Option<f64>,
    /// Cohen's kappa; `None` without units.
    pub kappa: Option<f64>,
}

/// Exact counts over some units, added up document by document and topic by topic.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Tally {
    /// Index `p`: units that exactly `p` coders marked present.
    present_counts: Vec<u64>,
    /// Per pair (as [`coder_pairs`]): `[both, first only, second only, neither]`.
    pairs: Vec<[u64; 4]>,
}

impl Tally {
    fn new(coders: usize) -> Self {
        Self {
            present_counts: vec![0; coders + 1],
            pairs: vec![[0; 4]; coder_pairs(coders).len()],
        }
    }

    /// Adds `len_chars` units on which every coder's label is "absent".
    fn add_absent(&mut self, len_chars: usize) {
        if let Some(zero) = self.present_counts.first_mut() {
            *zero += len_chars as u64;
        }
        for pair in &mut self.pairs {
            pair[3] += len_chars as u64;
        }
    }

    /// Adds the `len_chars` units of one document for one topic, coded as `runs`
    /// (per coder, merged and sorted).
    fn add(&mut self, len_chars: usize, runs: &[Vec<Interval>]) {
        let mut events: Vec<(usize, bool)> = runs
            .iter()
            .flatten()
            .flat_map(|run| [(run.start, true), (run.end, false)])
            .collect();
        events.sort_unstable();
        let mut covered_by = 0usize;
        let mut previous = 0usize;
        for (position, opens) in events {
            if let Some(count) = self.present_counts.get_mut(covered_by) {
                *count += (position - previous) as u64;
            }
            previous = position;
            if opens {
                covered_by += 1;
            } else {
                covered_by = covered_by.saturating_sub(1);
            }
        }
        if let Some(zero) = self.present_counts.first_mut() {
            *zero += len_chars.saturating_sub(previous) as u64;
        }
        let empty = Vec::new();
        for ((i, j), pair) in coder_pairs(runs.len()).into_iter().zip(&mut self.pairs) {
            let first = runs.get(i).unwrap_or(&empty);
            let second = runs.get(j).unwrap_or(&empty);
            let both = shared_chars(first, second);
            let first_len: u64 = first.iter().map(|r| r.len_chars() as u64).sum();
            let second_len: u64 = second.iter().map(|r| r.len_chars() as u64).sum();
            pair[0] += both;
            pair[1] += first_len - both;
            pair[2] += second_len - both;
            pair[3] += len_chars as u64 + both - first_len - second_len;
        }
    }

    fn merge(&mut self, other: &Self) {
        for (mine, theirs) in self.present_counts.iter_mut().zip(&other.present_counts) {
            *mine += theirs;
        }
        for (mine, theirs) in self.pairs.iter_mut().zip(&other.pairs) {
            for (m, t) in mine.iter_mut().zip(theirs) {
                *m += t;
            }
        }
    }
}

/// Chars covered by both merged, sorted run lists (two pointers).
fn shared_chars(first: &[Interval], second: &[Interval]) -> u64 {
    let (mut i, mut j, mut shared) = (0, 0, 0u64);
    while let (Some(a), Some(b)) = (first.get(i), second.get(j)) {
        shared += a.overlap_chars(*b) as u64;
        if a.end <= b.end {
            i += 1;
        } else {
            j += 1;
        }
    }
    shared
}

/// The tally of one topic (by index) over every compared document.
fn topic_tally(units: &Units, topic: usize) -> Tally {
    let mut tally = Tally::new(units.coders.len());
    for document in &units.documents {
        match document.coverage.get(&topic) {
            Some(runs) => tally.add(document.len_chars, runs),
            None => tally.add_absent(document.len_chars),
        }
    }
    tally
}

/// The figures for `topic`, or over every compared topic's units together when `None`.
pub fn character_agreement(units: &Units, topic: Option<&TopicId>) -> CharacterAgreement {
    let mut tally = Tally::new(units.coders.len());
    for (index, candidate) in units.topics.iter().enumerate() {
        if topic.is_none_or(|wanted| wanted == candidate) {
            tally.merge(&topic_tally(units, index));
        }
    }
    figures(units, &tally)
}

fn figures(units: &Units, tally: &Tally) -> CharacterAgreement {
    let total: u64 = tally.present_counts.iter().sum();
    let pairs = coder_pairs(units.coders.len())
        .into_iter()
        .zip(&tally.pairs)
        .map(
            |((i, j), &[both, first_only, second_only, neither])| PairAgreement {
                first: units.coders.get(i).cloned().unwrap_or_default(),
                second: units.coders.get(j).cloned().unwrap_or_default(),
                both,
                first_only,
                second_only,
                neither,
                percent: (total > 0).then(|| 100.0 * (both + neither) as f64 / total as f64),
                kappa: cohen_kappa(&[vec![both, first_only], vec![second_only, neither]]),
            },
        )
        .collect();
    CharacterAgreement {
        units: total,
        pairs,
        alpha: krippendorff_alpha_binary(&tally.present_counts),
    }
}

/// Cohen's kappa of a square confusion table (`table[a][b]`: units the first
/// coder labelled `a` and the second `b`). `None` without units; 1 when both
/// coders gave every unit the same one label (no chance agreement to correct).
pub fn cohen_kappa(table: &[Vec<u64>]) -> Option<f64> {
    let total: u128 = table.iter().flatten().map(|&c| u128::from(c)).sum();
    if total == 0 {
        return None;
    }
    let cell = |a: usize, b: usize| {
        table
            .get(a)
            .and_then(|row| row.get(b))
            .map_or(0, |&c| u128::from(c))
    };
    let labels = table.len();
    let agreed: u128 = (0..labels).map(|k| cell(k, k)).sum();
    let expected: u128 = (0..labels)
        .map(|k| {
            let row: u128 = (0..labels).map(|b| cell(k, b)).sum();
            let column: u128 = (0..labels).map(|a| cell(a, k)).sum();
            row * column
        })
        .sum();
    let denominator = total * total - expected;
    if denominator == 0 {
        return Some(1.0);
    }
    Some((total as f64 * agreed as f64 - expected as f64) / denominator as f64)
}

/// Krippendorff's alpha, nominal, for two labels and `m` coders who all labelled
/// every unit: `present_counts[p]` units were marked present by exactly `p`
/// coders. `None` without units or with fewer than two coders; 1 when every
/// label is the same (nothing to disagree about).
pub fn krippendorff_alpha_binary(present_counts: &[u64]) -> Option<f64> {
    let coders = present_counts.len().checked_sub(1)? as u128;
    let units: u128 = present_counts.iter().map(|&c| u128::from(c)).sum();
    if coders < 2 || units == 0 {
        return None;
    }
    let values = units * coders;
    let present: u128 = (0..)
        .zip(present_counts)
        .map(|(p, &count): (u128, _)| p * u128::from(count))
        .sum();
    let absent = values - present;
    if present == 0 || absent == 0 {
        return Some(1.0);
    }
    // Σ_u p(m−p): the ordered present/absent pairs inside units, before the 1/(m−1) weight.
    let mixed: u128 = (0..)
        .zip(present_counts)
        .map(|(p, &count): (u128, _)| p * (coders - p) * u128::from(count))
        .sum();
    let observed_over_expected = ((values - 1) as f64 * mixed as f64)
        / ((coders - 1) as f64 * present as f64 * absent as f64);
    Some(1.0 - observed_over_expected)
}

#[cfg(test)]
mod tests {
    use super::{cohen_kappa, krippendorff_alpha_binary};

    #[test]
    fn kappa_of_a_textbook_table() {
        // 50 units: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no.
        // po = 0.7, pe = 0.5·0.6 + 0.5·0.4 = 0.5, kappa = 0.4.
        let kappa = cohen_kappa(&[vec![20, 5], vec![10, 15]]).expect("units");
        assert!((kappa - 0.4).abs() < 1e-12, "{kappa}");
    }

    #[test]
    fn kappa_is_one_for_one_shared_label_and_none_without_units() {
        assert_eq!(cohen_kappa(&[vec![0, 0], vec![0, 7]]), Some(1.0));
        assert_eq!(cohen_kappa(&[vec![0, 0], vec![0, 0]]), None);
    }

    #[test]
    fn alpha_of_two_coders_by_hand() {
        // 4 units, two coders: (1,1), (1,0), (0,0), (0,0): counts p=0:2, p=1:1, p=2:1.
        // n = 8, present = 3, absent = 5, mixed = 1·1 = 1 →
        // alpha = 1 − 7·1 / (1·3·5) = 1 − 7/15.
        let alpha = krippendorff_alpha_binary(&[2, 1, 1]).expect("units");
        assert!((alpha - (1.0 - 7.0 / 15.0)).abs() < 1e-12, "{alpha}");
    }

    #[test]
    fn alpha_needs_two_coders_and_units() {
        assert_eq!(krippendorff_alpha_binary(&[3, 4]), None);
        assert_eq!(krippendorff_alpha_binary(&[0, 0, 0]), None);
        assert_eq!(krippendorff_alpha_binary(&[5, 0, 0]), Some(1.0));
    }
}
