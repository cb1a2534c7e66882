//! Finding one annotation's quote in its document's new text: at its stored
//! offsets (exact), elsewhere verbatim (moved), approximately (fuzzy), or not
//! at all (`None`: the caller keeps it as an orphan).

use super::approximate::{Alignment, align_near, candidate_starts, edit_distance};
use super::status::AnchorStatus;
use crate::model::annotation::{ANCHOR_CONTEXT_CHARS, TextAnchor};
use crate::model::text::{CanonicalText, CharRange};
use memchr::memmem;
use std::cell::OnceCell;
use std::ops::Range;

/// The most edits an approximate match may have, however long the quote: a
/// quote is re-found approximately with at most `min(len / 2, 32)` edits.
pub const MAX_FUZZY_EDITS: usize = 32;

/// A document's new text, with its chars listed once when the first
/// approximate search needs them.
pub(super) struct NewText<'a> {
    text: &'a CanonicalText,
    chars: OnceCell<Vec<char>>,
}

/// Where a quote was found, and how.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Found {
    /// The passage in the new text.
    pub(super) range: CharRange,
    /// `Exact`, `Moved` or `Fuzzy`.
    pub(super) status: AnchorStatus,
}

impl<'a> NewText<'a> {
    /// The new text of one document.
    pub(super) fn new(text: &'a CanonicalText) -> Self {
        Self {
            text,
            chars: OnceCell::new(),
        }
    }

    /// The canonical text.
    pub(super) fn text(&self) -> &'a CanonicalText {
        self.text
    }

    fn chars(&self) -> &[char] {
        self.chars
            .get_or_init(|| self.text.as_str().chars().collect())
    }

    /// Finds `anchor`'s quote, stored at `old`; `expected` is where it should
    /// start if it shifted as far as the annotations before it did.
    pub(super) fn locate(
        &self,
        anchor: &TextAnchor,
        old: CharRange,
        expected: usize,
    ) -> Option<Found> {
        if anchor.exact.is_empty() {
            return None;
        }
        if self.text.slice(old) == Some(anchor.exact.as_str()) {
            return Some(Found {
                range: old,
                status: AnchorStatus::Exact,
            });
        }
        let quote_chars = anchor.exact.chars().count();
        if let Some(start) = self.find_verbatim(anchor, quote_chars, expected) {
            return Some(Found {
                range: CharRange::new(start, start + quote_chars),
                status: AnchorStatus::Moved,
            });
        }
        self.find_approximately(anchor, expected).map(|a| Found {
            range: CharRange::new(a.start, a.end),
            status: AnchorStatus::Fuzzy,
        })
    }

    /// The start of the exact quote elsewhere: of all its occurrences, the one
    /// whose surroundings match the stored prefix and suffix over the most
    /// chars, then the one nearest `expected`.
    fn find_verbatim(
        &self,
        anchor: &TextAnchor,
        quote_chars: usize,
        expected: usize,
    ) -> Option<usize> {
        let full_context = anchor.prefix.chars().count() + anchor.suffix.chars().count();
        // Fast path: everything before shifted alike, and the context is intact.
        let shifted = CharRange::new(expected, expected + quote_chars);
        if self.text.slice(shifted) == Some(anchor.exact.as_str())
            && self.context_match_at(anchor, shifted) == full_context
        {
            return Some(expected);
        }
        let text = self.text.as_str();
        let mut best: Option<(usize, usize, usize)> = None; // (context, distance, start)
        let (mut last_byte, mut last_char) = (0, 0);
        for byte in memmem::find_iter(text.as_bytes(), anchor.exact.as_bytes()) {
            let start = last_char + text.get(last_byte..byte).map_or(0, |s| s.chars().count());
            (last_byte, last_char) = (byte, start);
            let range = CharRange::new(start, start + quote_chars);
            let context = self.context_match_at(anchor, range);
            let distance = start.abs_diff(expected);
            let better = best.is_none_or(|(c, d, _)| context > c || context == c && distance < d);
            if better {
                best = Some((context, distance, start));
            }
        }
        best.map(|(_, _, start)| start)
    }

    /// How many chars of the stored prefix (from its end) and suffix (from its
    /// start) equal the text around `range`.
    fn context_match_at(&self, anchor: &TextAnchor, range: CharRange) -> usize {
        let before = self.text.context_before(range.start, ANCHOR_CONTEXT_CHARS);
        let after = self.text.context_after(range.end, ANCHOR_CONTEXT_CHARS);
        let prefix = anchor
            .prefix
            .chars()
            .rev()
            .zip(before.chars().rev())
            .take_while(|(a, b)| a == b)
            .count();
        let suffix = anchor
            .suffix
            .chars()
            .zip(after.chars())
            .take_while(|(a, b)| a == b)
            .count();
        prefix + suffix
    }

    /// The best approximate match of the quote (see [`FuzzyQuery::best_in`]),
    /// looked for near `expected` first (within [`NEARBY_CHARS`] plus four
    /// quote lengths on each side), and in the whole text only when nothing
    /// acceptable is there, so that a reflowed long document stays quick.
    fn find_approximately(&self, anchor: &TextAnchor, expected: usize) -> Option<Alignment> {
        let query = FuzzyQuery::new(anchor)?;
        let chars = self.chars();
        let reach = 4 * query.quote.len() + NEARBY_CHARS;
        let nearby_start = expected.saturating_sub(reach).min(chars.len());
        let nearby_end = (expected + query.quote.len() + reach).clamp(nearby_start, chars.len());
        let nearby = nearby_start..nearby_end;
        let whole = 0..chars.len();
        query.best_in(chars, nearby.clone(), expected).or_else(|| {
            (nearby != whole)
                .then(|| query.best_in(chars, whole, expected))
                .flatten()
        })
    }
}

/// How far from the expected place (in chars, besides four quote lengths) an
/// approximate match is looked for before the whole text is searched.
const NEARBY_CHARS: usize = 4_096;

/// A quote and its context prepared for approximate matching.
struct FuzzyQuery {
    quote: Vec<char>,
    prefix: Vec<char>,
    suffix: Vec<char>,
    max_edits: usize,
}

impl FuzzyQuery {
    /// `None` when the quote is too short to allow a single edit.
    fn new(anchor: &TextAnchor) -> Option<Self> {
        let quote: Vec<char> = anchor.exact.chars().collect();
        let max_edits = (quote.len() / 2).min(MAX_FUZZY_EDITS);
        (max_edits > 0).then(|| Self {
            quote,
            prefix: anchor.prefix.chars().collect(),
            suffix: anchor.suffix.chars().collect(),
            max_edits,
        })
    }

    /// The best match starting in `region`, scored on the quote's edits
    /// (twice), the edits of the text's prefix and suffix against the stored
    /// ones, and the distance from `expected` (up to 8 points across the whole
    /// text); ties go to the nearest. A match is accepted only when the quote
    /// with its context, as a whole, needs edits for at most half its chars.
    fn best_in(&self, chars: &[char], region: Range<usize>, expected: usize) -> Option<Alignment> {
        let offset = region.start;
        let searched = chars.get(region)?;
        let length = chars.len().max(1);
        let mut best: Option<(usize, usize, Alignment, usize)> = None; // (cost, distance, match, context edits)
        let candidates = candidate_starts(
            &self.quote,
            searched,
            self.max_edits,
            expected.saturating_sub(offset),
        );
        for candidate in candidates {
            let Some(found) = align_near(&self.quote, chars, candidate + offset, self.max_edits)
            else {
                continue;
            };
            let before = &chars[found.start.saturating_sub(self.prefix.len())..found.start];
            let after = &chars[found.end..(found.end + self.suffix.len()).min(chars.len())];
            let context_edits =
                edit_distance(&self.prefix, before) + edit_distance(&self.suffix, after);
            let distance = found.start.abs_diff(expected);
            let cost = 2 * found.edits + context_edits + 8 * distance / length;
            if best.is_none_or(|(c, d, _, _)| (cost, distance) < (c, d)) {
                best = Some((cost, distance, found, context_edits));
            }
        }
        let (_, _, found, context_edits) = best?;
        let whole = self.quote.len() + self.prefix.len() + self.suffix.len();
        (2 * (found.edits + context_edits) <= whole).then_some(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::text::ByteOffset;

    fn char_at(text: &CanonicalText, byte: usize) -> usize {
        text.char_offset(ByteOffset(byte)).unwrap().0
    }

    fn anchor_of(text: &str, quote: &str, nth: usize) -> (TextAnchor, CharRange) {
        let canonical = CanonicalText::new(text.to_owned());
        let byte = text.match_indices(quote).nth(nth).unwrap().0;
        let start = char_at(&canonical, byte);
        let range = CharRange::new(start, start + quote.chars().count());
        (TextAnchor::capture(&canonical, range).unwrap(), range)
    }

    #[test]
    fn a_quote_still_at_its_offsets_is_exact() {
        let text = "Belgrade signed the memorandum with Beijing in 2016.";
        let (anchor, range) = anchor_of(text, "memorandum", 0);
        let canonical = CanonicalText::new(text.to_owned());
        let found = NewText::new(&canonical)
            .locate(&anchor, range, range.start.0)
            .unwrap();
        assert_eq!(
            found,
            Found {
                range,
                status: AnchorStatus::Exact
            }
        );
    }

    #[test]
    fn of_several_occurrences_the_one_in_its_context_wins() {
        let old =
            "Vučić praised China. Later, the minister praised China again. Vučić praised China.";
        let (anchor, range) = anchor_of(old, "praised China", 1);
        let new = format!("Breaking: {old}");
        let canonical = CanonicalText::new(new.clone());
        let found = NewText::new(&canonical)
            .locate(&anchor, range, range.start.0)
            .unwrap();
        assert_eq!(found.status, AnchorStatus::Moved);
        assert_eq!(
            found.range.start.0,
            range.start.0 + "Breaking: ".chars().count()
        );
        assert_eq!(canonical.context_before(found.range.start, 9), "minister ");
    }

    #[test]
    fn a_changed_quote_is_found_approximately_and_a_vanished_one_not_at_all() {
        let old = "Intro line. China is the only country that never wavered on Kosovo. Outro line.";
        let (anchor, range) = anchor_of(old, "China is the only country that never wavered", 0);
        let new = old.replace("only", "one");
        let canonical = CanonicalText::new(new.clone());
        let found = NewText::new(&canonical)
            .locate(&anchor, range, range.start.0)
            .unwrap();
        assert_eq!(found.status, AnchorStatus::Fuzzy);
        assert_eq!(
            canonical.slice(found.range),
            Some("China is the one country that never wavered")
        );
        let gone = CanonicalText::new("Something else entirely, about trains and rivers.".into());
        assert_eq!(
            NewText::new(&gone).locate(&anchor, range, range.start.0),
            None
        );
    }

    #[test]
    fn a_changed_quote_far_from_its_old_place_is_found_in_the_whole_text() {
        let old = "Intro. China is the only country that never wavered on Kosovo. Outro.";
        let (anchor, range) = anchor_of(old, "China is the only country that never wavered", 0);
        let filler = "Rivers and bridges of the Danube basin. ".repeat(500);
        let new = format!("{filler}{}", old.replace("only", "one"));
        let canonical = CanonicalText::new(new);
        let found = NewText::new(&canonical)
            .locate(&anchor, range, range.start.0)
            .unwrap();
        assert_eq!(found.status, AnchorStatus::Fuzzy);
        assert!(found.range.start.0 > NEARBY_CHARS + 4 * 44);
        assert_eq!(
            canonical.slice(found.range),
            Some("China is the one country that never wavered")
        );
    }
}
