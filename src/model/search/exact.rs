//! Exact matching of a folded needle in a folded text (SIMD substring search
//! via `memchr::memmem`) and regular expressions on the folded text.
//!
//! Both report folded byte ranges mapped back to whole source chars. A match
//! that begins or ends inside the folding of one source char (the `j` of the
//! `lj` that `љ` folds to) is not a hit: the search goes on one char later.

use super::folded_text::{PositionMapper, SourceSpan};
use memchr::memmem::Finder;
use std::ops::Range;

/// What a candidate match needs to become a hit.
pub(super) struct HitFilter {
    /// Only hits with no word char glued on either side.
    pub(super) whole_word: bool,
    /// Accept matches that cut through the folding of a source char (fuzzy does).
    pub(super) allow_unaligned: bool,
    /// Stop after this many hits.
    pub(super) max_hits: usize,
}

impl HitFilter {
    /// The source span of a folded match if it is a hit.
    pub(super) fn accept(
        &self,
        mapper: &mut PositionMapper<'_>,
        folded: Range<usize>,
    ) -> Option<SourceSpan> {
        let span = mapper.source_span(folded)?;
        if !span.aligned && !self.allow_unaligned {
            return None;
        }
        if self.whole_word && !mapper.is_whole_word(&span.bytes) {
            return None;
        }
        Some(span)
    }
}

/// The first byte offset after `position` that starts a char of `text`.
fn next_char_boundary(text: &str, position: usize) -> usize {
    let mut next = position + 1;
    while next < text.len() && !text.is_char_boundary(next) {
        next += 1;
    }
    next
}

/// Non-overlapping hits of the folded needle.
pub(super) fn find_exact(
    folded: &str,
    finder: &Finder<'_>,
    mapper: &mut PositionMapper<'_>,
    filter: &HitFilter,
) -> Vec<SourceSpan> {
    let needle_len = finder.needle().len();
    let mut hits = Vec::new();
    if needle_len == 0 {
        return hits;
    }
    let mut position = 0;
    while position < folded.len() && hits.len() < filter.max_hits {
        let Some(found) = finder.find(&folded.as_bytes()[position..]) else {
            break;
        };
        let start = position + found;
        let end = start + needle_len;
        match filter.accept(mapper, start..end) {
            Some(span) => {
                hits.push(span);
                position = end;
            }
            None => position = next_char_boundary(folded, start),
        }
    }
    hits
}

/// Non-overlapping, non-empty hits of a regular expression on the folded text.
pub(super) fn find_regex(
    folded: &str,
    regex: &regex::Regex,
    mapper: &mut PositionMapper<'_>,
    filter: &HitFilter,
) -> Vec<SourceSpan> {
    let mut hits = Vec::new();
    let mut position = 0;
    while position <= folded.len() && hits.len() < filter.max_hits {
        let Some(found) = regex.find_at(folded, position) else {
            break;
        };
        if found.is_empty() {
            position = next_char_boundary(folded, found.start());
            continue;
        }
        match filter.accept(mapper, found.range()) {
            Some(span) => {
                hits.push(span);
                position = found.end();
            }
            None => position = next_char_boundary(folded, found.start()),
        }
    }
    hits
}
