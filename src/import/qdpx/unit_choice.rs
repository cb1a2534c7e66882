//! Which offset unit a file's positions are in: the one its creator is known
//! to use (`origin`), unless the texts clearly say otherwise: quotes held in
//! selection names that match, and selection ends on word boundaries.

use super::sources::SourceData;
use crate::model::text::{CanonicalText, CharRange};
use crate::refi_qda::selection_name::strip_cut_mark;
use crate::refi_qda::units::{OffsetUnit, Placement};

/// A quote held in a selection's `name`, whitespace runs collapsed.
pub(super) struct Quote {
    text: String,
    /// The name ends in `…` or `...`: only the start of the passage.
    cut: bool,
}

impl Quote {
    /// The quote a selection's name holds, when it looks like one (3 chars or more).
    pub(super) fn in_name(name: &str) -> Option<Self> {
        let (text, cut) = strip_cut_mark(name.trim());
        let text = normalise_spaces(text);
        (text.chars().count() >= 3).then_some(Self { text, cut })
    }

    /// Is this the start of the passage only (so it cannot be searched for whole)?
    pub(super) fn is_cut(&self) -> bool {
        self.cut
    }

    /// Does the text at `range` read as this quote (whitespace runs compared as one space)?
    pub(super) fn matches(&self, text: &CanonicalText, range: CharRange) -> bool {
        let Some(slice) = text.slice(range) else {
            return false;
        };
        let slice = normalise_spaces(slice);
        if self.cut {
            slice.starts_with(&self.text)
        } else {
            slice == self.text
        }
    }
}

/// Collapses whitespace runs (a CRLF in a quote equals an LF in the text).
fn normalise_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_word_boundary(text: &CanonicalText, offset: usize) -> bool {
    let before = offset
        .checked_sub(1)
        .and_then(|b| text.slice(CharRange::new(b, offset)))
        .and_then(|s| s.chars().next());
    let after = text
        .slice(CharRange::new(offset, offset + 1))
        .and_then(|s| s.chars().next());
    match (before, after) {
        (Some(b), Some(a)) => !(b.is_alphanumeric() && a.is_alphanumeric()),
        _ => true,
    }
}

/// How well `unit` explains the selections: quotes that match, ends at word boundaries.
fn unit_score(sources: &[(SourceData, CanonicalText)], unit: OffsetUnit) -> i64 {
    let mut score = 0i64;
    for (source, text) in sources {
        if source.table.units_agree() {
            continue;
        }
        for selection in &source.selections {
            let (Placement::Exact(start), Placement::Exact(end)) = (
                source.table.place(unit, selection.start),
                source.table.place(unit, selection.end),
            ) else {
                score -= 2;
                continue;
            };
            if Quote::in_name(&selection.name)
                .is_some_and(|quote| quote.matches(text, CharRange::new(start, end)))
            {
                score += 3;
            }
            score +=
                i64::from(is_word_boundary(text, start)) + i64::from(is_word_boundary(text, end));
        }
    }
    score
}

/// The unit to read positions in: the creator's, unless another fits the
/// texts better (then a problem line says so).
pub(super) fn choose_unit(
    sources: &[(SourceData, CanonicalText)],
    origin: &str,
    problems: &mut Vec<String>,
) -> OffsetUnit {
    let declared = OffsetUnit::for_origin(origin);
    let ambiguous = sources
        .iter()
        .any(|(s, _)| !s.table.units_agree() && !s.selections.is_empty());
    if !ambiguous {
        return declared;
    }
    let declared_score = unit_score(sources, declared);
    let best = OffsetUnit::ALL
        .into_iter()
        .map(|u| (unit_score(sources, u), u))
        .max_by_key(|(score, _)| *score);
    match best {
        Some((best_score, best_unit)) if best_score > declared_score => {
            problems.push(format!(
                "positions read as {} although the file comes from “{origin}” (which suggests {}): the quotes and word boundaries fit that unit better",
                best_unit.describe(),
                declared.describe()
            ));
            best_unit
        }
        _ => declared,
    }
}
