//! A [`SearchQuery`] compiled once into the matcher it needs (SIMD substring
//! search, a regular expression on folded text, or a fuzzy pattern), and the
//! run of that matcher over one folded text, mapped back to source chars.

use super::exact::{self, HitFilter};
use super::fold::{FoldOptions, fold_char_into, fold_str};
use super::folded_text::{FoldedText, SourceSpan};
use super::fuzzy::{self, FuzzyPattern};
use super::hit::SearchHit;
use super::query::{MatchMode, SearchQuery};
use crate::model::text::CharRange;
use memchr::memmem::Finder;

/// The most bytes a compiled regular expression may take (the `regex` crate's size limit).
const REGEX_SIZE_LIMIT_BYTES: usize = 64 << 20;

/// Why a query cannot run.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum SearchError {
    /// The text is empty, or only white space, or folds to nothing (`\u{00AD}`).
    #[error("the search text is empty")]
    EmptyQuery,
    /// The `regex` crate refused the (folded) pattern.
    #[error("invalid regular expression: {0}")]
    InvalidRegex(regex::Error),
    /// Fuzzy patterns are limited in length so a search stays fast.
    #[error("fuzzy search takes at most {max} characters (the query has {chars})")]
    FuzzyQueryTooLong {
        /// The folded query's length in chars.
        chars: usize,
        /// The longest fuzzy pattern accepted, in chars.
        max: usize,
    },
}

/// The matching machinery of one compiled query.
#[derive(Clone, Debug)]
enum Matcher {
    Exact(Box<Finder<'static>>),
    Regex(regex::Regex),
    Fuzzy(FuzzyPattern),
}

/// A query ready to run against [`super::SearchIndex`]es folded with [`Self::fold_options`].
#[derive(Clone, Debug)]
pub struct CompiledQuery {
    query: SearchQuery,
    matcher: Matcher,
    max_edits: u32,
    max_hits_per_document: usize,
}

/// Folds the literal parts of a regular expression, leaving escapes
/// (`\D`, `\p{Lu}`, `\x{10FFFF}`) untouched.
fn fold_regex_pattern(pattern: &str, options: FoldOptions) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars().peekable();
    let mut previous = None;
    while let Some(c) = chars.next() {
        if c == '\\' {
            out.push(c);
            let Some(escaped) = chars.next() else { break };
            out.push(escaped);
            if matches!(escaped, 'p' | 'P' | 'x' | 'u' | 'U') {
                if chars.peek() == Some(&'{') {
                    for inner in chars.by_ref() {
                        out.push(inner);
                        if inner == '}' {
                            break;
                        }
                    }
                } else {
                    let digits = match escaped {
                        'p' | 'P' => 1,
                        'x' => 2,
                        'u' => 4,
                        _ => 8,
                    };
                    out.extend(chars.by_ref().take(digits));
                }
            }
            previous = None;
            continue;
        }
        if c.is_ascii() {
            fold_char_into(c, previous, chars.peek().copied(), options, &mut out);
        } else {
            let mut folded = String::new();
            fold_char_into(c, previous, chars.peek().copied(), options, &mut folded);
            out.push_str(&regex::escape(&folded));
        }
        previous = Some(c);
    }
    out
}

/// The folded query text, refused when nothing is left of it.
fn folded_needle(query: &SearchQuery, options: FoldOptions) -> Result<String, SearchError> {
    let needle = fold_str(&query.text, options);
    if needle.trim().is_empty() {
        return Err(SearchError::EmptyQuery);
    }
    Ok(needle)
}

impl CompiledQuery {
    /// Folds the query and builds its matcher; refuses empty text, an invalid
    /// regular expression or an over-long fuzzy pattern.
    pub fn new(query: &SearchQuery) -> Result<Self, SearchError> {
        if query.text.trim().is_empty() {
            return Err(SearchError::EmptyQuery);
        }
        let options = query.fold_options();
        let (matcher, max_edits) = match query.mode {
            MatchMode::Plain => {
                let needle = folded_needle(query, options)?;
                (
                    Matcher::Exact(Box::new(Finder::new(needle.as_bytes()).into_owned())),
                    0,
                )
            }
            MatchMode::Regex => {
                let pattern = fold_regex_pattern(&query.text, options);
                let regex = regex::RegexBuilder::new(&pattern)
                    .size_limit(REGEX_SIZE_LIMIT_BYTES)
                    .build()
                    .map_err(SearchError::InvalidRegex)?;
                (Matcher::Regex(regex), 0)
            }
            MatchMode::Fuzzy => {
                let needle = folded_needle(query, options)?;
                let chars = needle.chars().count();
                let wanted = query
                    .max_edits
                    .unwrap_or_else(|| fuzzy::automatic_max_edits(chars));
                let pattern =
                    FuzzyPattern::new(&needle, wanted).ok_or(SearchError::FuzzyQueryTooLong {
                        chars,
                        max: fuzzy::MAX_FUZZY_PATTERN_CHARS,
                    })?;
                let max_edits = pattern.max_edits();
                (Matcher::Fuzzy(pattern), max_edits)
            }
        };
        Ok(Self {
            query: query.clone(),
            matcher,
            max_edits,
            max_hits_per_document: usize::MAX,
        })
    }

    /// Stops each document's search after `max_hits` hits (the window lists
    /// a bounded number; a regex like `.` would otherwise hit every char).
    #[must_use]
    pub fn with_max_hits_per_document(mut self, max_hits: usize) -> Self {
        self.max_hits_per_document = max_hits;
        self
    }

    /// The folding the texts must be in: the query's case and diacritic options.
    pub fn fold_options(&self) -> FoldOptions {
        self.query.fold_options()
    }

    /// The number of edits fuzzy matching actually allows (0 unless fuzzy);
    /// may be lower than asked for a short query.
    pub fn max_edits(&self) -> u32 {
        self.max_edits
    }

    /// [`SearchQuery::options_label`] with the number of edits fuzzy matching really allows.
    pub fn options_label(&self) -> String {
        let mut query = self.query.clone();
        if query.mode == MatchMode::Fuzzy {
            query.max_edits = Some(self.max_edits);
        }
        query.options_label()
    }

    /// Every hit in `folded` (which must be folded from `source` with
    /// [`Self::fold_options`]), as char ranges of `source`, in text order.
    pub(super) fn hits_in(&self, folded: &FoldedText, source: &str) -> Vec<SearchHit> {
        let folded_str = folded.as_str();
        let mut mapper = folded.mapper(source);
        let filter = HitFilter {
            whole_word: self.query.whole_word,
            allow_unaligned: matches!(self.matcher, Matcher::Fuzzy(_)),
            max_hits: self.max_hits_per_document,
        };
        let exact_hit = |span: SourceSpan| SearchHit {
            range: CharRange::new(span.chars.start, span.chars.end),
            edits: 0,
        };
        match &self.matcher {
            Matcher::Exact(finder) => exact::find_exact(folded_str, finder, &mut mapper, &filter)
                .into_iter()
                .map(exact_hit)
                .collect(),
            Matcher::Regex(regex) => exact::find_regex(folded_str, regex, &mut mapper, &filter)
                .into_iter()
                .map(exact_hit)
                .collect(),
            Matcher::Fuzzy(pattern) => {
                let mut hits: Vec<SearchHit> = Vec::new();
                for found in pattern.find_all(folded_str) {
                    if hits.len() >= filter.max_hits {
                        break;
                    }
                    let Some(span) = filter.accept(&mut mapper, found.folded_bytes) else {
                        continue;
                    };
                    let range = CharRange::new(span.chars.start, span.chars.end);
                    // Two folded matches inside one source char map to the same range.
                    if hits.last().is_some_and(|last| last.range.end > range.start) {
                        continue;
                    }
                    hits.push(SearchHit {
                        range,
                        edits: found.edits,
                    });
                }
                hits
            }
        }
    }
}
