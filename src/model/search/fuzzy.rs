//! Fuzzy matching: every place where the folded text is within a bounded
//! number of edits (insertions, deletions, substitutions of one char) of the
//! folded pattern, for misspellings and OCR noise.
//!
//! Ends of matches are found with Myers' bit-parallel algorithm (one machine
//! word per text char) for patterns up to 64 chars, and with Ukkonen's
//! cut-off dynamic programme (O(k) cells per text char on average) for longer
//! ones, up to [`MAX_FUZZY_PATTERN_CHARS`]; for each run of neighbouring ends
//! the best one is kept and its start is found with a small reverse dynamic
//! programme over at most `m + k` chars.

use std::ops::Range;

/// The longest pattern (in folded chars) fuzzy matching accepts.
pub(super) const MAX_FUZZY_PATTERN_CHARS: usize = 256;

/// The longest pattern Myers' algorithm handles in one machine word.
const BIT_PARALLEL_PATTERN_CHARS: usize = 64;

/// The most edits a pattern of `pattern_chars` chars may be allowed: fewer
/// than half its length, so that a match still resembles the pattern.
fn max_edits_allowed(pattern_chars: usize) -> u32 {
    (pattern_chars.saturating_sub(1) / 2).min(8) as u32
}

/// The number of edits used when the user asks for fuzzy matching without a number.
pub(super) fn automatic_max_edits(pattern_chars: usize) -> u32 {
    let wanted = if pattern_chars >= 10 { 2 } else { 1 };
    wanted.min(max_edits_allowed(pattern_chars))
}

/// A pattern prepared for bit-parallel matching.
#[derive(Clone, Debug)]
pub(super) struct FuzzyPattern {
    chars: Vec<char>,
    max_edits: usize,
    /// Bit `i` of `ascii_masks[b]` is set when pattern char `i` is the ASCII byte `b`.
    ascii_masks: Box<[u64; 128]>,
    /// The same for the pattern's non-ASCII chars.
    other_masks: Vec<(char, u64)>,
}

/// One fuzzy match in the folded text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct FuzzyMatch {
    /// Where the match lies in the folded text.
    pub(super) folded_bytes: Range<usize>,
    /// Edits between the pattern and the match.
    pub(super) edits: u32,
}

impl FuzzyPattern {
    /// `None` when the pattern is empty or longer than [`MAX_FUZZY_PATTERN_CHARS`].
    pub(super) fn new(folded_pattern: &str, max_edits: u32) -> Option<Self> {
        let chars: Vec<char> = folded_pattern.chars().collect();
        if chars.is_empty() || chars.len() > MAX_FUZZY_PATTERN_CHARS {
            return None;
        }
        let mut ascii_masks = Box::new([0u64; 128]);
        let mut other_masks: Vec<(char, u64)> = Vec::new();
        // Masks only serve the bit-parallel scan of patterns up to 64 chars.
        for (i, &c) in chars.iter().enumerate().take(BIT_PARALLEL_PATTERN_CHARS) {
            let bit = 1u64 << i;
            if c.is_ascii() {
                ascii_masks[c as usize] |= bit;
            } else if let Some(entry) = other_masks.iter_mut().find(|(d, _)| *d == c) {
                entry.1 |= bit;
            } else {
                other_masks.push((c, bit));
            }
        }
        let max_edits = max_edits.min(max_edits_allowed(chars.len())) as usize;
        Some(Self {
            chars,
            max_edits,
            ascii_masks,
            other_masks,
        })
    }

    /// The edits allowed: as asked, but at most [`max_edits_allowed`] for the pattern's length.
    pub(super) fn max_edits(&self) -> u32 {
        self.max_edits as u32
    }

    #[inline]
    fn mask_of(&self, c: char) -> u64 {
        if c.is_ascii() {
            self.ascii_masks[c as usize]
        } else {
            self.other_masks
                .iter()
                .find(|(d, _)| *d == c)
                .map_or(0, |(_, mask)| *mask)
        }
    }

    /// All non-overlapping matches in `folded`, in text order.
    pub(super) fn find_all(&self, folded: &str) -> Vec<FuzzyMatch> {
        let mut runs = RunTracker {
            pattern: self,
            folded,
            best: None,
            matches: Vec::new(),
        };
        if self.chars.len() <= BIT_PARALLEL_PATTERN_CHARS {
            self.scan_bit_parallel(folded, &mut runs);
        } else {
            self.scan_cut_off(folded, &mut runs);
        }
        let mut widened: Vec<FuzzyMatch> = Vec::new();
        for found in runs.finish() {
            let found = self.widened_to_words(folded, found);
            // Two matches inside one word widen to the same word: keep the first.
            if widened
                .last()
                .is_none_or(|last| last.folded_bytes.end <= found.folded_bytes.start)
            {
                widened.push(found);
            }
        }
        widened
    }

    /// Widens a match that starts or ends inside a word to the whole word(s) it
    /// touches when the widened text is still within the edit budget: for
    /// `vuchic`, the hit in `vuchich` is that word with 1 edit, not `vuchic`
    /// with an `h` glued on. A pattern that starts or ends with a non-word char
    /// (a space, a hyphen) is matched as it is.
    fn widened_to_words(&self, folded: &str, found: FuzzyMatch) -> FuzzyMatch {
        use super::fold::is_word_char;
        let word_edges = self.chars.first().is_some_and(|&c| is_word_char(c))
            && self.chars.last().is_some_and(|&c| is_word_char(c));
        let Some(matched) = folded.get(found.folded_bytes.clone()) else {
            return found;
        };
        if !word_edges {
            return found;
        }
        // Longer than this, the widened text cannot be within the budget.
        let most_chars = self.chars.len() + self.max_edits;
        let mut chars = matched.chars().count();
        let (mut start, mut end) = (found.folded_bytes.start, found.folded_bytes.end);
        let before = folded.get(..start).unwrap_or("").chars().rev();
        for c in before.take_while(|&c| is_word_char(c)) {
            start -= c.len_utf8();
            chars += 1;
        }
        let after = folded.get(end..).unwrap_or("").chars();
        for c in after.take_while(|&c| is_word_char(c)) {
            end += c.len_utf8();
            chars += 1;
        }
        if (start..end) == found.folded_bytes || chars > most_chars {
            return found;
        }
        let Some(widened) = folded.get(start..end) else {
            return found;
        };
        let edits = edit_distance(&self.chars, widened);
        if edits <= self.max_edits {
            FuzzyMatch {
                folded_bytes: start..end,
                edits: edits as u32,
            }
        } else {
            found
        }
    }

    /// Myers (1999): the last row of the edit-distance table, one column per
    /// text char, kept as bit vectors of vertical differences.
    fn scan_bit_parallel(&self, folded: &str, runs: &mut RunTracker<'_>) {
        let m = self.chars.len();
        let high_bit = 1u64 << (m - 1);
        let all_ones = if m == 64 { u64::MAX } else { (1u64 << m) - 1 };
        let mut plus_vertical = all_ones;
        let mut minus_vertical = 0u64;
        let mut score = m;
        let bytes = folded.as_bytes();
        let mut position = 0;
        while position < bytes.len() {
            let byte = bytes[position];
            let (equal, char_len) = if byte < 0x80 {
                (self.ascii_masks[byte as usize], 1)
            } else {
                let c = folded[position..].chars().next().unwrap_or(' ');
                (self.mask_of(c), c.len_utf8())
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
            position += char_len;
            runs.observe(position, score);
        }
    }

    /// Ukkonen (1985): the edit-distance table column by column, computing
    /// only the rows that can still be within k edits (values capped at k + 1).
    fn scan_cut_off(&self, folded: &str, runs: &mut RunTracker<'_>) {
        let m = self.chars.len();
        let k = self.max_edits;
        let cap = k + 1;
        let mut column: Vec<usize> = (0..=m).map(|i| i.min(cap)).collect();
        let mut last_active = k.min(m);
        for (byte, c) in folded.char_indices() {
            let rows = (last_active + 1).min(m);
            let mut diagonal = 0;
            for i in 1..=rows {
                let old = column[i];
                let value = if self.chars[i - 1] == c {
                    diagonal
                } else {
                    1 + diagonal.min(old).min(column[i - 1])
                };
                column[i] = value.min(cap);
                diagonal = old;
            }
            last_active = rows;
            while last_active > 0 && column[last_active] > k {
                last_active -= 1;
            }
            let score = if rows == m { column[m] } else { cap };
            runs.observe(byte + c.len_utf8(), score);
        }
    }

    /// Finds the start of the best match ending at `end` and records it
    /// unless it overlaps the previous match.
    fn push_match(&self, folded: &str, end: usize, matches: &mut Vec<FuzzyMatch>) {
        let m = self.chars.len();
        let window: Vec<(usize, char)> = folded[..end]
            .char_indices()
            .rev()
            .take(m + self.max_edits)
            .collect();
        // column[i] = edits between the last i pattern chars and the text
        // chars taken so far (reading both backwards from `end`).
        let mut column: Vec<usize> = (0..=m).collect();
        let mut best: Option<(usize, usize)> = None; // (edits, text chars)
        // Fewest edits first; among equals the longest match, which keeps
        // words whole (`daacic` rather than `aacic` for `dacic`).
        let consider = |edits: usize, taken: usize, best: &mut Option<(usize, usize)>| {
            let better = match *best {
                None => true,
                Some((best_edits, best_taken)) => {
                    edits < best_edits || edits == best_edits && taken > best_taken
                }
            };
            if better && edits <= self.max_edits {
                *best = Some((edits, taken));
            }
        };
        for (taken_minus_one, &(_, text_char)) in window.iter().enumerate() {
            let mut diagonal = column[0];
            column[0] += 1;
            for i in 1..=m {
                let pattern_char = self.chars[m - i];
                let substitution = diagonal + usize::from(pattern_char != text_char);
                diagonal = column[i];
                column[i] = substitution.min(column[i] + 1).min(column[i - 1] + 1);
            }
            consider(column[m], taken_minus_one + 1, &mut best);
        }
        let Some((edits, taken)) = best else {
            return;
        };
        let Some(&(start, _)) = window.get(taken - 1) else {
            return;
        };
        if matches
            .last()
            .is_some_and(|last| last.folded_bytes.end > start)
        {
            return;
        }
        matches.push(FuzzyMatch {
            folded_bytes: start..end,
            edits: edits as u32,
        });
    }
}

/// Levenshtein distance between `pattern` and `text`, in chars (one row of
/// the table at a time; both are short: a pattern and the word it matched).
fn edit_distance(pattern: &[char], text: &str) -> usize {
    let mut row: Vec<usize> = (0..=pattern.len()).collect();
    for (j, t) in text.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = j + 1;
        for (i, &p) in pattern.iter().enumerate() {
            let substitution = diagonal + usize::from(p != t);
            diagonal = row[i + 1];
            row[i + 1] = substitution.min(row[i] + 1).min(diagonal + 1);
        }
    }
    row[pattern.len()]
}

/// Groups neighbouring match ends and keeps the best end of each group.
struct RunTracker<'a> {
    pattern: &'a FuzzyPattern,
    folded: &'a str,
    /// The best end of the current run of ends within k edits: (end byte,
    /// score, is it the end of a word?).
    best: Option<(usize, usize, bool)>,
    matches: Vec<FuzzyMatch>,
}

impl RunTracker<'_> {
    /// Does a word end at byte `end` of the folded text?
    fn is_word_end(&self, end: usize) -> bool {
        let next = self.folded.get(end..).and_then(|rest| rest.chars().next());
        !next.is_some_and(super::fold::is_word_char)
    }

    /// Takes the score of the match ending at `end`. Of neighbouring ends the
    /// lowest score wins; among equals, the first that ends a word
    /// (`huawei` rather than `huawe` for `huawey`), else the first.
    #[inline]
    fn observe(&mut self, end: usize, score: usize) {
        if score <= self.pattern.max_edits {
            match self.best {
                Some((_, best, true)) if best <= score => {}
                Some((_, best, false)) if best < score => {}
                Some((_, best, false)) if best == score => {
                    if self.is_word_end(end) {
                        self.best = Some((end, score, true));
                    }
                }
                _ => self.best = Some((end, score, self.is_word_end(end))),
            }
        } else if let Some((end, _, _)) = self.best.take() {
            self.pattern.push_match(self.folded, end, &mut self.matches);
        }
    }

    fn finish(mut self) -> Vec<FuzzyMatch> {
        if let Some((end, _, _)) = self.best.take() {
            self.pattern.push_match(self.folded, end, &mut self.matches);
        }
        self.matches
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(folded: &str, pattern: &str, k: u32) -> Vec<(String, u32)> {
        FuzzyPattern::new(pattern, k)
            .expect("pattern")
            .find_all(folded)
            .into_iter()
            .map(|m| (folded[m.folded_bytes].to_string(), m.edits))
            .collect()
    }

    #[test]
    fn finds_exact_and_near_matches_with_their_edit_counts() {
        let found = texts("pres. vucic met vuclc and vucicu, not vxxic", "vucic", 1);
        assert_eq!(
            found,
            vec![
                ("vucic".into(), 0),
                ("vuclc".into(), 1),
                // The whole word (a Serbian case ending), still one edit away.
                ("vucicu".into(), 1)
            ]
        );
    }

    #[test]
    fn a_match_inside_a_word_covers_the_word_when_within_the_budget() {
        assert_eq!(
            texts("minister vuchich said", "vuchic", 1),
            vec![("vuchich".into(), 1)]
        );
        // Too far from the pattern as a whole word: the match stays as it was.
        assert_eq!(
            texts("the vuchicevic family", "vuchic", 1),
            vec![("vuchic".into(), 0)]
        );
    }

    #[test]
    fn edit_distance_counts_insertions_deletions_and_substitutions() {
        let pattern: Vec<char> = "vučić".chars().collect();
        assert_eq!(edit_distance(&pattern, "vučić"), 0);
        assert_eq!(edit_distance(&pattern, "vucić"), 1);
        assert_eq!(edit_distance(&pattern, "vučićа"), 1);
        assert_eq!(edit_distance(&pattern, "učić"), 1);
        assert_eq!(edit_distance(&pattern, ""), 5);
    }

    #[test]
    fn prefers_matches_that_end_a_word() {
        assert_eq!(
            texts("the huawei deal", "huawey", 1),
            vec![("huawei".into(), 1)]
        );
    }

    #[test]
    fn counts_insertions_and_deletions() {
        assert_eq!(texts("the dacc case", "dacic", 1), vec![("dacc".into(), 1)]);
        assert_eq!(
            texts("the daacic case", "dacic", 1),
            vec![("daacic".into(), 1)]
        );
        assert_eq!(texts("djokovc", "djokovic", 1), vec![("djokovc".into(), 1)]);
    }

    #[test]
    fn matches_chinese_chars_as_single_edits() {
        assert_eq!(
            texts("主席习近平说", "习近平", 0),
            vec![("习近平".into(), 0)]
        );
        assert_eq!(
            texts("主席习进平说", "习近平", 1),
            vec![("习进平".into(), 1)]
        );
    }

    #[test]
    fn long_patterns_use_the_cut_off_algorithm_with_the_same_results() {
        let sentence =
            "serbian president aleksandar vucic said that the cooperation with china is excellent";
        assert!(sentence.chars().count() > BIT_PARALLEL_PATTERN_CHARS);
        let noisy = format!(
            "intro. {} outro",
            sentence.replace("vucic", "vuclc").replace("china", "chna")
        );
        let found = texts(&noisy, sentence, 3);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1, 2);
        assert!(found[0].0.starts_with("serbian") && found[0].0.ends_with("excellent"));
        // The two scans agree on a pattern both can handle.
        let pattern = FuzzyPattern::new("aleksandar vucic", 2).expect("pattern");
        let text = "aleksandr vucic, aleksandar vučić, alexander vucic";
        let mut bit_parallel = RunTracker {
            pattern: &pattern,
            folded: text,
            best: None,
            matches: Vec::new(),
        };
        pattern.scan_bit_parallel(text, &mut bit_parallel);
        let mut cut_off = RunTracker {
            pattern: &pattern,
            folded: text,
            best: None,
            matches: Vec::new(),
        };
        pattern.scan_cut_off(text, &mut cut_off);
        let (a, b) = (bit_parallel.finish(), cut_off.finish());
        assert_eq!(a, b);
        assert_eq!(a.len(), 2, "`alexander` is 3 edits from `aleksandar`");
    }

    #[test]
    fn edits_are_bounded_by_pattern_length() {
        assert_eq!(max_edits_allowed(2), 0);
        assert_eq!(max_edits_allowed(5), 2);
        assert!(FuzzyPattern::new("ab", 3).expect("pattern").max_edits() == 0);
    }
}
