//! Approximate string matching over chars for re-anchoring: Myers' bit-parallel
//! scan (one machine word per text char) for quotes and pieces of quotes up to
//! 64 chars, and a banded semi-global alignment that gives a match's exact
//! start, end and number of edits (insertions, deletions, substitutions).
//!
//! Long quotes are found through pieces: split into `n` disjoint pieces, a
//! match with at most `k` edits has a piece with at most `k / n` edits
//! (pigeonhole), so each piece is searched with that budget and every piece
//! hit proposes where the whole quote starts; the alignment then checks it.

use std::collections::HashMap;

/// The longest piece Myers' algorithm handles in one machine word.
pub(super) const WORD_CHARS: usize = 64;

/// Most candidate places checked per quote (the nearest to the expected place
/// are kept), so a piece that occurs everywhere cannot make re-anchoring slow.
const MAX_CANDIDATES: usize = 256;

/// One approximate match of a quote in the text (char indices, end exclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Alignment {
    /// First char of the match.
    pub(super) start: usize,
    /// One past the last char of the match.
    pub(super) end: usize,
    /// Edits between the quote and the match.
    pub(super) edits: usize,
}

/// Every end (exclusive char index) of a match of `pattern` (1..=64 chars) with
/// at most `max_edits` edits; of each run of neighbouring ends only the best is kept.
pub(super) fn match_ends(pattern: &[char], text: &[char], max_edits: usize) -> Vec<usize> {
    let m = pattern.len();
    if m == 0 || m > WORD_CHARS {
        return Vec::new();
    }
    let mut ascii = [0u64; 128];
    let mut other: HashMap<char, u64> = HashMap::new();
    for (i, &c) in pattern.iter().enumerate() {
        let bit = 1u64 << i;
        match ascii.get_mut(c as usize) {
            Some(mask) => *mask |= bit,
            None => *other.entry(c).or_default() |= bit,
        }
    }
    let high_bit = 1u64 << (m - 1);
    let all_ones = if m == WORD_CHARS {
        u64::MAX
    } else {
        (1u64 << m) - 1
    };
    let (mut plus_vertical, mut minus_vertical, mut score) = (all_ones, 0u64, m);
    let mut ends = Vec::new();
    // The best end of the current run of ends within the budget: (end, score).
    let mut run: Option<(usize, usize)> = None;
    for (index, &c) in text.iter().enumerate() {
        let equal = match ascii.get(c as usize) {
            Some(mask) => *mask,
            None => other.get(&c).copied().unwrap_or(0),
        };
        let x_vertical = equal | minus_vertical;
        let x_horizontal =
            ((equal & plus_vertical).wrapping_add(plus_vertical) ^ plus_vertical) | equal;
        let mut plus_horizontal = minus_vertical | !(x_horizontal | plus_vertical);
        let mut minus_horizontal = plus_vertical & x_horizontal;
        if plus_horizontal & high_bit != 0 {
            score += 1;
        } else if minus_horizontal & high_bit != 0 {
            score -= 1;
        }
        plus_horizontal <<= 1;
        minus_horizontal <<= 1;
        plus_vertical = (minus_horizontal | !(x_vertical | plus_horizontal)) & all_ones;
        minus_vertical = plus_horizontal & x_vertical & all_ones;
        if score <= max_edits {
            run = match run {
                Some((_, best)) if best <= score => run,
                _ => Some((index + 1, score)),
            };
        } else if let Some((end, _)) = run.take() {
            ends.push(end);
        }
    }
    if let Some((end, _)) = run {
        ends.push(end);
    }
    ends
}

/// Places where `quote` may start in `text` with at most `max_edits` edits,
/// from the hits of its pieces; at most [`MAX_CANDIDATES`], nearest `expected` first.
pub(super) fn candidate_starts(
    quote: &[char],
    text: &[char],
    max_edits: usize,
    expected: usize,
) -> Vec<usize> {
    let m = quote.len();
    let mut starts = Vec::new();
    if m <= WORD_CHARS {
        starts.extend(
            match_ends(quote, text, max_edits)
                .into_iter()
                .map(|end| end.saturating_sub(m)),
        );
    } else {
        let pieces = (m / WORD_CHARS).min(max_edits + 1).max(1);
        let piece_budget = max_edits / pieces;
        // Spread the pieces over the quote so that one changed region spoils few.
        let stride = m / pieces;
        for piece_index in 0..pieces {
            let offset = piece_index * stride;
            let Some(piece) = quote.get(offset..offset + WORD_CHARS) else {
                continue;
            };
            for end in match_ends(piece, text, piece_budget) {
                starts.push(end.saturating_sub(WORD_CHARS).saturating_sub(offset));
            }
        }
    }
    starts.sort_unstable();
    starts.dedup_by(|later, earlier| *later - *earlier <= max_edits);
    if starts.len() > MAX_CANDIDATES {
        starts.sort_by_key(|&s| (s.abs_diff(expected), s));
        starts.truncate(MAX_CANDIDATES);
        starts.sort_unstable();
    }
    starts
}

/// The best match of `quote` with at most `max_edits` edits that starts within
/// `2 * max_edits` chars of `candidate`: a semi-global alignment (free start and
/// end in the text) restricted to the diagonals such a match can use. Of
/// matches with equally few edits, the one starting nearest `candidate` wins.
pub(super) fn align_near(
    quote: &[char],
    text: &[char],
    candidate: usize,
    max_edits: usize,
) -> Option<Alignment> {
    let m = quote.len();
    let k = max_edits;
    let window_start = candidate.saturating_sub(2 * k);
    let window_end = (candidate + m + 3 * k).min(text.len());
    let window = text.get(window_start..window_end)?;
    let w = window.len();
    // Diagonal d = column - row; a match starting at column s in 0..=4k with at
    // most k edits stays on diagonals s - k ..= s + k.
    let low = -(k as isize);
    let high = (5 * k) as isize;
    let width = (high - low + 1) as usize;
    const FAR: usize = usize::MAX / 4;
    // Row by row: cost and start column of the best path to each band cell.
    let cell = |row: usize, column: usize| -> Option<usize> {
        let d = column as isize - row as isize;
        (low..=high).contains(&d).then(|| (d - low) as usize)
    };
    let mut previous: Vec<(usize, usize)> = vec![(FAR, 0); width];
    for column in 0..=w {
        if let Some(slot) = cell(0, column) {
            previous[slot] = (0, column);
        }
    }
    for row in 1..=m {
        let mut current: Vec<(usize, usize)> = vec![(FAR, 0); width];
        let first_column = (row as isize + low).max(0) as usize;
        let last_column = ((row as isize + high) as usize).min(w);
        for column in first_column..=last_column {
            let Some(slot) = cell(row, column) else {
                continue;
            };
            let mut best = (FAR, 0);
            if column > 0
                && let Some(diagonal) = cell(row - 1, column - 1)
            {
                let (cost, start) = previous[diagonal];
                let substitution = usize::from(quote[row - 1] != window[column - 1]);
                best = (cost + substitution, start);
            }
            if let Some(up) = cell(row - 1, column) {
                let (cost, start) = previous[up];
                if cost + 1 < best.0 {
                    best = (cost + 1, start);
                }
            }
            if column > 0
                && let Some(left) = cell(row, column - 1)
            {
                let (cost, start) = current[left];
                if cost + 1 < best.0 {
                    best = (cost + 1, start);
                }
            }
            current[slot] = best;
        }
        previous = current;
    }
    let target = candidate - window_start;
    let mut found: Option<Alignment> = None;
    for column in 0..=w {
        let Some(slot) = cell(m, column) else {
            continue;
        };
        let (edits, start) = previous[slot];
        if edits > k || start >= column {
            continue;
        }
        let better = match found {
            None => true,
            Some(f) => {
                (edits, start.abs_diff(target), column)
                    < (f.edits, (f.start - window_start).abs_diff(target), f.end)
            }
        };
        if better {
            found = Some(Alignment {
                start: window_start + start,
                end: window_start + column,
                edits,
            });
        }
    }
    found
}

/// Edit distance between two short strings (prefixes and suffixes of anchors).
pub(super) fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut current = Vec::with_capacity(b.len() + 1);
        current.push(i + 1);
        for (j, &cb) in b.iter().enumerate() {
            let value = (previous[j] + usize::from(ca != cb))
                .min(previous[j + 1] + 1)
                .min(current[j] + 1);
            current.push(value);
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn myers_finds_the_ends_of_matches_within_the_budget() {
        let text = chars("the quick brown fox jumps over the lazy dog");
        let ends = match_ends(&chars("quikc brown"), &text, 2);
        assert_eq!(ends, vec![15], "ends after `quick brown`");
        assert!(match_ends(&chars("purple"), &text, 1).is_empty());
    }

    #[test]
    fn alignment_gives_start_end_and_edits() {
        let text = chars("Prologue. China is the one country that never wavered. Epilogue.");
        let quote = chars("China is the only country that never wavered");
        let found = align_near(&quote, &text, 8, 10).unwrap();
        let matched: String = text[found.start..found.end].iter().collect();
        assert_eq!(matched, "China is the one country that never wavered");
        assert_eq!(found.edits, 2);
    }

    #[test]
    fn long_quotes_are_found_through_their_pieces() {
        let paragraph = "Serbia and China signed a strategic partnership in 2016 and \
             extended it to a comprehensive one in 2024, covering infrastructure, \
             energy, mining and telecommunications across the whole country.";
        let quote = chars(paragraph);
        let changed = paragraph
            .replace("2016", "2017")
            .replace("mining", "minning");
        let text = chars(&format!("{}{changed} And more.", "x ".repeat(500)));
        let starts = candidate_starts(&quote, &text, 32, 0);
        let best = starts
            .iter()
            .filter_map(|&s| align_near(&quote, &text, s, 32))
            .min_by_key(|a| a.edits)
            .unwrap();
        assert_eq!(best.start, 1000);
        assert_eq!(best.end, 1000 + changed.chars().count());
        assert_eq!(best.edits, 2);
    }

    #[test]
    fn edit_distance_counts_single_char_edits() {
        assert_eq!(edit_distance(&chars("kitten"), &chars("sitting")), 3);
        assert_eq!(edit_distance(&chars(""), &chars("abc")), 3);
    }
}
