//! Two coders side by side on one document: which passages only one of them
//! coded, which both coded with different codes or different boundaries, and
//! which they coded the same (the window's comparison view; definitions in
//! `docs/agreement.md`).
//!
//! Passages are paired one to one, in rounds: first the same range with the
//! same codes, then the same range with other codes, then overlapping ranges
//! (those sharing a topic first, then by shared chars, most first; ties in
//! document order). A passage left over that still overlaps a passage of the
//! other coder is paired with the one it shares most chars with (that one may
//! already be paired): it differs in boundaries, it was not coded by one coder
//! only. What is left is "only A" or "only B". Topics compare as sets; the memo
//! is not compared. Empty and orphaned passages are left out and counted.

use crate::model::annotation::Annotation;
use crate::model::ids::{AnnotationId, DocumentId, TopicId};
use crate::model::project::Project;
use crate::model::text::CharRange;

/// How the two coders' coding of one place differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ComparisonKind {
    /// Only the first coder coded here.
    OnlyFirst,
    /// Only the second coder coded here.
    OnlySecond,
    /// Both coded the same range, with different codes.
    DifferentCodes,
    /// Both coded overlapping ranges with different boundaries (codes may differ too).
    DifferentBoundaries,
    /// Both coded the same range with the same codes.
    Same,
}

impl ComparisonKind {
    /// Every kind, in the order the view lists their counts.
    pub const ALL: [Self; 5] = [
        Self::OnlyFirst,
        Self::OnlySecond,
        Self::DifferentCodes,
        Self::DifferentBoundaries,
        Self::Same,
    ];

    /// Is this a disagreement (everything but [`ComparisonKind::Same`])?
    pub fn is_difference(self) -> bool {
        self != Self::Same
    }
}

/// A code of a passage that two paired passages may disagree on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CodeField {
    /// The set of topics.
    Topics,
    /// The stance.
    Stance,
    /// Who holds the stance.
    Holder,
    /// Toward whom.
    Target,
}

impl CodeField {
    /// The field's name in lists ("topics", "stance", ...).
    pub fn label(self) -> &'static str {
        match self {
            Self::Topics => "topics",
            Self::Stance => "stance",
            Self::Holder => "holder",
            Self::Target => "target",
        }
    }
}

/// One coder's passage in a comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Side {
    /// The annotation.
    pub id: AnnotationId,
    /// Where it is in the document.
    pub range: CharRange,
}

/// One place of the document as the two coders coded it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComparedPassage {
    /// How the coders differ here.
    pub kind: ComparisonKind,
    /// The first coder's passage, unless only the second coded here.
    pub first: Option<Side>,
    /// The second coder's passage, unless only the first coded here.
    pub second: Option<Side>,
    /// The codes the paired passages disagree on, in [`CodeField`] order
    /// (empty unless both coded here).
    pub fields: Vec<CodeField>,
}

impl ComparedPassage {
    /// The chars either passage covers, from the first start to the last end.
    pub fn span(&self) -> CharRange {
        let ranges = [&self.first, &self.second];
        let mut sides = ranges.iter().filter_map(|side| side.as_ref());
        let Some(first) = sides.next() else {
            return CharRange::default();
        };
        sides.fold(first.range, |span, side| CharRange {
            start: span.start.min(side.range.start),
            end: span.end.max(side.range.end),
        })
    }
}

/// Two coders' passages in one document, compared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CoderComparison {
    /// The document.
    pub document: DocumentId,
    /// The first coder ("A"), as written on the annotations.
    pub first: String,
    /// The second coder ("B").
    pub second: String,
    /// Every compared place, in document order (by span, then each side's range).
    pub passages: Vec<ComparedPassage>,
    /// Passages of either coder left out: empty, or orphaned by a change of the text.
    pub left_out: usize,
}

impl CoderComparison {
    /// How many places are of `kind`.
    pub fn count(&self, kind: ComparisonKind) -> usize {
        self.passages.iter().filter(|p| p.kind == kind).count()
    }

    /// The places where the coders differ, in document order.
    pub fn differences(&self) -> impl Iterator<Item = &ComparedPassage> {
        self.passages.iter().filter(|p| p.kind.is_difference())
    }
}

/// Compares the annotations `first` and `second` (coder names exactly as
/// written on the annotations) made in `document`.
pub fn compare_coders(
    project: &Project,
    document: &DocumentId,
    first: &str,
    second: &str,
) -> CoderComparison {
    let mut left_out = 0;
    let mut take = |coder: &str| -> Vec<&Annotation> {
        let mut list: Vec<&Annotation> = Vec::new();
        for annotation in project
            .annotations_of(document)
            .filter(|a| a.coder == coder)
        {
            if annotation.range().is_empty() || annotation.status.is_orphaned() {
                left_out += 1;
            } else {
                list.push(annotation);
            }
        }
        list.sort_by(|a, b| (a.range(), &a.id).cmp(&(b.range(), &b.id)));
        list
    };
    let first_passages = take(first);
    // A coder compared with herself: every passage pairs with itself.
    let second_passages = if first == second {
        first_passages.clone()
    } else {
        take(second)
    };
    CoderComparison {
        document: document.clone(),
        first: first.to_owned(),
        second: second.to_owned(),
        passages: compare_passages(&first_passages, &second_passages),
        left_out,
    }
}

/// The codes of `a` and `b` that differ, topics as sets.
fn differing_fields(a: &Annotation, b: &Annotation) -> Vec<CodeField> {
    let mut fields = Vec::new();
    if topic_set(a) != topic_set(b) {
        fields.push(CodeField::Topics);
    }
    if a.stance != b.stance {
        fields.push(CodeField::Stance);
    }
    if a.holder != b.holder {
        fields.push(CodeField::Holder);
    }
    if a.target != b.target {
        fields.push(CodeField::Target);
    }
    fields
}

/// The topics of `annotation` as a set (sorted, once each).
fn topic_set(annotation: &Annotation) -> Vec<&TopicId> {
    let mut topics: Vec<&TopicId> = annotation.topics.iter().collect();
    topics.sort();
    topics.dedup();
    topics
}

fn shares_topic(a: &Annotation, b: &Annotation) -> bool {
    a.topics.iter().any(|t| b.topics.contains(t))
}

fn overlap_chars(a: CharRange, b: CharRange) -> usize {
    a.end
        .0
        .min(b.end.0)
        .saturating_sub(a.start.0.max(b.start.0))
}

/// The pairing rounds of the module doc over two coders' passages, each
/// sorted by range; the result in document order.
fn compare_passages(first: &[&Annotation], second: &[&Annotation]) -> Vec<ComparedPassage> {
    // Every overlapping pair (i, j), found by a sweep over the sorted lists.
    let longest = second
        .iter()
        .map(|a| a.range().len_chars())
        .max()
        .unwrap_or(0);
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    for (i, mine) in first.iter().enumerate() {
        let from = second.partition_point(|b| b.start.0 + longest <= mine.start.0);
        for (offset, theirs) in second.get(from..).unwrap_or_default().iter().enumerate() {
            if theirs.start >= mine.end {
                break;
            }
            if overlap_chars(mine.range(), theirs.range()) > 0 {
                candidates.push((i, from + offset));
            }
        }
    }
    let pair = |&(i, j): &(usize, usize)| (first.get(i), second.get(j));
    // Round order: same range and codes, same range, then overlaps.
    let rank = |candidate: &(usize, usize)| -> (u8, bool, std::cmp::Reverse<usize>, usize, usize) {
        let (Some(a), Some(b)) = pair(candidate) else {
            return (u8::MAX, false, std::cmp::Reverse(0), 0, 0);
        };
        let same_range = a.range() == b.range();
        let round = match (same_range, differing_fields(a, b).is_empty()) {
            (true, true) => 0,
            (true, false) => 1,
            (false, _) => 2,
        };
        (
            round,
            !shares_topic(a, b),
            std::cmp::Reverse(overlap_chars(a.range(), b.range())),
            candidate.0,
            candidate.1,
        )
    };
    candidates.sort_by_key(rank);
    let mut first_paired = vec![false; first.len()];
    let mut second_paired = vec![false; second.len()];
    let mut out = Vec::new();
    for candidate in &candidates {
        let (i, j) = *candidate;
        if first_paired.get(i) != Some(&false) || second_paired.get(j) != Some(&false) {
            continue;
        }
        first_paired[i] = true;
        second_paired[j] = true;
        if let (Some(a), Some(b)) = pair(candidate) {
            out.push(paired(a, b));
        }
    }
    // Left over but overlapping: a boundary difference with the most shared chars.
    let best_partner = |is_first: bool, index: usize| {
        candidates
            .iter()
            .filter(|(i, j)| if is_first { *i == index } else { *j == index })
            .max_by_key(|candidate| {
                let (a, b) = pair(candidate);
                let shared = a
                    .zip(b)
                    .map_or(0, |(a, b)| overlap_chars(a.range(), b.range()));
                (shared, std::cmp::Reverse(**candidate))
            })
            .copied()
    };
    for (is_first, paired_flags, own) in [
        (true, &first_paired, first),
        (false, &second_paired, second),
    ] {
        for (index, annotation) in own.iter().enumerate() {
            if paired_flags.get(index) == Some(&true) {
                continue;
            }
            match best_partner(is_first, index).map(|c| pair(&c)) {
                Some((Some(a), Some(b))) => out.push(paired(a, b)),
                _ => out.push(alone(annotation, is_first)),
            }
        }
    }
    out.sort_by(|x, y| {
        let key = |p: &ComparedPassage| {
            let span = p.span();
            let range = |side: &Option<Side>| side.as_ref().map(|s| s.range);
            let id = |side: &Option<Side>| side.as_ref().map(|s| s.id.clone());
            (
                (span.start, span.end, range(&p.first), range(&p.second)),
                p.kind,
                id(&p.first),
                id(&p.second),
            )
        };
        key(x).cmp(&key(y))
    });
    out
}

fn side(annotation: &Annotation) -> Side {
    Side {
        id: annotation.id.clone(),
        range: annotation.range(),
    }
}

fn paired(a: &Annotation, b: &Annotation) -> ComparedPassage {
    let fields = differing_fields(a, b);
    let kind = if a.range() != b.range() {
        ComparisonKind::DifferentBoundaries
    } else if fields.is_empty() {
        ComparisonKind::Same
    } else {
        ComparisonKind::DifferentCodes
    };
    ComparedPassage {
        kind,
        first: Some(side(a)),
        second: Some(side(b)),
        fields,
    }
}

fn alone(annotation: &Annotation, is_first: bool) -> ComparedPassage {
    ComparedPassage {
        kind: if is_first {
            ComparisonKind::OnlyFirst
        } else {
            ComparisonKind::OnlySecond
        },
        first: is_first.then(|| side(annotation)),
        second: (!is_first).then(|| side(annotation)),
        fields: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::{CodeField, ComparisonKind, compare_coders};
    use crate::model::anchor::AnchorStatus;
    use crate::model::annotation::Annotation;
    use crate::model::document::DocumentRecord;
    use crate::model::ids::{ActorId, StanceId, TopicId};
    use crate::model::project::Project;
    use crate::model::text::{CanonicalText, CharRange};

    const TEXT: &str = "Ana and Ben coded this text about health, the economy, trade and China \
                        over and over again, in one long sentence that runs on and on for a while.";

    struct Fixture {
        project: Project,
        text: CanonicalText,
    }

    impl Fixture {
        fn new() -> Self {
            let mut project = Project::default();
            project.documents.push(DocumentRecord::new("doc.txt", "0"));
            Self {
                project,
                text: CanonicalText::new(TEXT.to_owned()),
            }
        }

        /// Adds `coder`'s passage `[start, end)` with `topics` and `stance`.
        fn code(
            &mut self,
            coder: &str,
            start: usize,
            end: usize,
            topics: &[&str],
            stance: Option<&str>,
        ) {
            let document = self.project.documents[0].id.clone();
            let mut annotation =
                Annotation::new(document, &self.text, CharRange::new(start, end), coder, "t")
                    .expect("a passage");
            annotation.id = format!("ann-{coder}-{start}-{end}").as_str().into();
            annotation.topics = topics.iter().map(|t| TopicId::from(*t)).collect();
            annotation.stance = stance.map(StanceId::from);
            self.project.annotations.push(annotation);
        }

        fn compare(&self) -> super::CoderComparison {
            compare_coders(&self.project, &self.project.documents[0].id, "Ana", "Ben")
        }
    }

    /// (kind, first range, second range) of one compared place.
    type Place = (
        ComparisonKind,
        Option<(usize, usize)>,
        Option<(usize, usize)>,
    );

    /// Each compared place.
    fn summary(fixture: &Fixture) -> Vec<Place> {
        fixture
            .compare()
            .passages
            .iter()
            .map(|p| {
                let range =
                    |s: &Option<super::Side>| s.as_ref().map(|s| (s.range.start.0, s.range.end.0));
                (p.kind, range(&p.first), range(&p.second))
            })
            .collect()
    }

    #[test]
    fn every_kind_of_difference_is_found_in_document_order() {
        let mut f = Fixture::new();
        f.code("Ana", 0, 10, &["health"], Some("supportive")); // same
        f.code("Ben", 0, 10, &["health"], Some("supportive"));
        f.code("Ana", 12, 20, &["health"], None); // only Ana
        f.code("Ben", 22, 30, &["economy"], None); // only Ben
        f.code("Ana", 32, 40, &["trade"], None); // codes differ: topics and stance
        f.code("Ben", 32, 40, &["economy"], Some("critical"));
        f.code("Ana", 42, 60, &["china"], None); // boundaries differ
        f.code("Ben", 45, 66, &["china"], None);
        f.code("Carl", 70, 80, &["china"], None); // another coder: ignored
        use ComparisonKind::*;
        assert_eq!(
            summary(&f),
            vec![
                (Same, Some((0, 10)), Some((0, 10))),
                (OnlyFirst, Some((12, 20)), None),
                (OnlySecond, None, Some((22, 30))),
                (DifferentCodes, Some((32, 40)), Some((32, 40))),
                (DifferentBoundaries, Some((42, 60)), Some((45, 66))),
            ]
        );
        let comparison = f.compare();
        assert_eq!(
            comparison.passages[3].fields,
            vec![CodeField::Topics, CodeField::Stance]
        );
        assert!(comparison.passages[4].fields.is_empty());
        assert_eq!(comparison.differences().count(), 4);
        assert_eq!(comparison.count(Same), 1);
        assert_eq!(comparison.passages[4].span(), CharRange::new(42, 66));
    }

    #[test]
    fn same_ranges_pair_with_the_identically_coded_passage_first() {
        let mut f = Fixture::new();
        // Both coded [0, 10) twice, once per topic, in opposite orders of id.
        f.code("Ana", 0, 10, &["economy"], None);
        f.code("Ana", 0, 10, &["health"], None);
        f.code("Ben", 0, 10, &["health"], None);
        f.code("Ben", 0, 10, &["economy"], None);
        let comparison = f.compare();
        assert_eq!(comparison.passages.len(), 2);
        assert!(
            comparison
                .passages
                .iter()
                .all(|p| p.kind == ComparisonKind::Same)
        );
        // Topics compare as sets; holder and target count.
        let mut f = Fixture::new();
        f.code("Ana", 0, 10, &["health", "economy"], None);
        f.code("Ben", 0, 10, &["economy", "health"], None);
        f.project.annotations[1].holder = Some(ActorId::from("actor-serbia"));
        let comparison = f.compare();
        assert_eq!(comparison.passages[0].kind, ComparisonKind::DifferentCodes);
        assert_eq!(comparison.passages[0].fields, vec![CodeField::Holder]);
    }

    #[test]
    fn a_passage_inside_another_coders_longer_one_differs_in_boundaries_not_only_one_coded() {
        let mut f = Fixture::new();
        f.code("Ana", 0, 60, &["health"], None);
        f.code("Ben", 5, 15, &["health"], None);
        f.code("Ben", 30, 50, &["health"], None);
        f.code("Ben", 70, 80, &["health"], None);
        use ComparisonKind::*;
        assert_eq!(
            summary(&f),
            vec![
                (DifferentBoundaries, Some((0, 60)), Some((5, 15))),
                (DifferentBoundaries, Some((0, 60)), Some((30, 50))),
                (OnlySecond, None, Some((70, 80))),
            ]
        );
    }

    #[test]
    fn overlaps_sharing_a_topic_pair_before_larger_overlaps_without_one() {
        let mut f = Fixture::new();
        f.code("Ana", 0, 20, &["health"], None);
        f.code("Ben", 0, 19, &["economy"], None);
        f.code("Ben", 10, 30, &["health"], None);
        let comparison = f.compare();
        let health_pair = comparison
            .passages
            .iter()
            .find(|p| {
                p.second
                    .as_ref()
                    .is_some_and(|s| s.range == CharRange::new(10, 30))
            })
            .expect("paired");
        assert_eq!(health_pair.kind, ComparisonKind::DifferentBoundaries);
        assert!(health_pair.fields.is_empty());
        // The economy passage still overlaps Ana's: boundaries (and topics) differ.
        let economy = comparison
            .passages
            .iter()
            .find(|p| {
                p.second
                    .as_ref()
                    .is_some_and(|s| s.range == CharRange::new(0, 19))
            })
            .expect("listed");
        assert_eq!(economy.kind, ComparisonKind::DifferentBoundaries);
        assert_eq!(economy.fields, vec![CodeField::Topics]);
    }

    #[test]
    fn orphaned_passages_are_left_out_and_counted_and_one_coder_alone_is_only_hers() {
        let mut f = Fixture::new();
        f.code("Ana", 0, 10, &["health"], None);
        f.code("Ana", 20, 30, &["health"], None);
        f.project.annotations[1].status = AnchorStatus::Orphaned;
        let comparison = f.compare();
        assert_eq!(comparison.left_out, 1);
        assert_eq!(comparison.passages.len(), 1);
        assert_eq!(comparison.passages[0].kind, ComparisonKind::OnlyFirst);
        // A coder compared with herself: nothing differs, nothing is counted twice.
        let same = compare_coders(&f.project, &f.project.documents[0].id, "Ana", "Ana");
        assert_eq!(same.left_out, 1);
        assert_eq!(same.passages.len(), 1);
        assert_eq!(same.passages[0].kind, ComparisonKind::Same);
    }
}
