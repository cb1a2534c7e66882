//! How well an annotation's stored anchor was found in its document's current text.

use serde::{Deserialize, Serialize};

/// Where an annotation stands after its document last changed: found at its
/// offsets, found elsewhere, found approximately (to be reviewed) or not found.
///
/// Stored on each annotation (`"status"` in the project file, omitted when
/// `exact`) and exported as the `status` key of the JSON Lines export.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum AnchorStatus {
    /// The quote is at the stored offsets (the text never changed under it).
    #[default]
    Exact,
    /// The exact quote was found at other offsets (text before it changed).
    Moved,
    /// Only an approximate match was found (the quote itself changed): the
    /// annotation now covers that match and waits for the researcher's review.
    Fuzzy,
    /// The quote was not found: the annotation keeps its last offsets, its
    /// stored quote and its codes, and waits for review. Never deleted.
    Orphaned,
}

impl AnchorStatus {
    /// Every status, in the order reports and counts list them.
    pub const ALL: [Self; 4] = [Self::Exact, Self::Moved, Self::Fuzzy, Self::Orphaned];

    /// The name used in the project file, exports and command output.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Exact => "exact",
            Self::Moved => "moved",
            Self::Fuzzy => "fuzzy",
            Self::Orphaned => "orphaned",
        }
    }

    /// Is this the default status (omitted from the project file)?
    pub fn is_exact(&self) -> bool {
        *self == Self::Exact
    }

    /// Was the quote not found (the offsets no longer hold it)?
    pub fn is_orphaned(&self) -> bool {
        *self == Self::Orphaned
    }

    /// Does the researcher need to look at this annotation (fuzzy or orphaned)?
    pub fn needs_review(self) -> bool {
        matches!(self, Self::Fuzzy | Self::Orphaned)
    }

    /// The status after a new re-anchoring that found `found`, for an annotation
    /// whose status was `self`: a mark is kept until reviewed (a fuzzy match that
    /// is found again at its new place is still unreviewed), except that an
    /// orphan whose quote is found again takes the new status.
    #[must_use]
    pub fn after_reanchoring(self, found: Self) -> Self {
        if self == Self::Orphaned {
            found
        } else {
            self.max(found)
        }
    }
}

impl std::fmt::Display for AnchorStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How many annotations have each status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct StatusCounts {
    /// Found at their stored offsets.
    pub exact: usize,
    /// Found, exactly, elsewhere.
    pub moved: usize,
    /// Found approximately; to be reviewed.
    pub fuzzy: usize,
    /// Not found; kept with their last offsets and quote.
    pub orphaned: usize,
}

impl StatusCounts {
    /// Counts the statuses of `statuses`.
    pub fn of(statuses: impl IntoIterator<Item = AnchorStatus>) -> Self {
        let mut counts = Self::default();
        for status in statuses {
            counts.add(status);
        }
        counts
    }

    /// Counts one more annotation of `status`.
    pub fn add(&mut self, status: AnchorStatus) {
        match status {
            AnchorStatus::Exact => self.exact += 1,
            AnchorStatus::Moved => self.moved += 1,
            AnchorStatus::Fuzzy => self.fuzzy += 1,
            AnchorStatus::Orphaned => self.orphaned += 1,
        }
    }

    /// How many annotations have `status`.
    pub fn get(&self, status: AnchorStatus) -> usize {
        match status {
            AnchorStatus::Exact => self.exact,
            AnchorStatus::Moved => self.moved,
            AnchorStatus::Fuzzy => self.fuzzy,
            AnchorStatus::Orphaned => self.orphaned,
        }
    }

    /// All annotations counted.
    pub fn total(&self) -> usize {
        self.exact + self.moved + self.fuzzy + self.orphaned
    }
}

impl std::fmt::Display for StatusCounts {
    /// `3 exact, 1 moved, 0 fuzzy, 0 orphaned`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} exact, {} moved, {} fuzzy, {} orphaned",
            self.exact, self.moved, self.fuzzy, self.orphaned
        )
    }
}

#[cfg(test)]
mod tests {
    use super::AnchorStatus::{Exact, Fuzzy, Moved, Orphaned};
    use super::*;

    #[test]
    fn a_review_mark_stays_until_reviewed_but_a_found_orphan_is_placed() {
        assert_eq!(Exact.after_reanchoring(Moved), Moved);
        assert_eq!(Moved.after_reanchoring(Exact), Moved);
        assert_eq!(Fuzzy.after_reanchoring(Exact), Fuzzy);
        assert_eq!(Fuzzy.after_reanchoring(Orphaned), Orphaned);
        assert_eq!(Orphaned.after_reanchoring(Moved), Moved);
        assert_eq!(Orphaned.after_reanchoring(Orphaned), Orphaned);
    }

    #[test]
    fn statuses_serialise_as_lowercase_names() {
        for status in AnchorStatus::ALL {
            let json = serde_json::to_string(&status).unwrap();
            assert_eq!(json, format!("\"{}\"", status.as_str()));
            assert_eq!(serde_json::from_str::<AnchorStatus>(&json).unwrap(), status);
        }
        let counts = StatusCounts::of([Exact, Exact, Fuzzy, Orphaned]);
        assert_eq!(counts.to_string(), "2 exact, 0 moved, 1 fuzzy, 1 orphaned");
        assert_eq!(counts.total(), 4);
    }
}
