//! Search in one document or across the corpus, made for Serbian (both
//! scripts) and Chinese names, with hits that are exact char ranges of the
//! canonical text, so coding a hit codes exactly what is shown.
//!
//! - [`fold`]: the matching normalisation (case, diacritics, Serbian
//!   Cyrillic → Latin, white space) and the map back to the source.
//! - [`exact`]: plain and regular-expression matching on folded text.
//! - [`fuzzy`]: bounded edit distance (Myers' bit-parallel algorithm).
//! - [`autocode`]: one undoable edit that codes hits, their sentences or paragraphs.
//! - [`find`]: find in the current document (Ctrl+F) with next/previous.
//!
//! Use: build a [`SearchIndex`] once per document text and [`FoldOptions`]
//! (cheap; the app caches it), compile a [`SearchQuery`] into a
//! [`CompiledQuery`], then call [`search_index`] or, for many documents,
//! [`search_corpus`], which spreads documents over threads, reports each
//! document as soon as it is done and stops when asked to.

pub mod autocode;
pub mod exact;
pub mod find;
pub mod fold;
pub mod fuzzy;

use crate::model::ids::DocumentId;
use crate::model::text::{CanonicalText, CharRange};
use exact::HitFilter;
pub use fold::FoldOptions;
use fold::{FoldedText, fold_char_into, fold_str};
use fuzzy::FuzzyPattern;
use memchr::memmem::Finder;
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// How the query text is matched.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchMode {
    /// The query as typed (after folding).
    #[default]
    Plain,
    /// A regular expression (`regex` crate syntax) matched against the folded text.
    Regex,
    /// Plain text within a bounded number of edits.
    Fuzzy,
}

/// A search as the user sets it up: text and options. Saved searches store this.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SearchQuery {
    pub text: String,
    #[serde(default)]
    pub mode: MatchMode,
    /// Most edits for fuzzy matching; `None` chooses by the query's length.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_edits: Option<u32>,
    #[serde(default)]
    pub whole_word: bool,
    #[serde(default)]
    pub case_sensitive: bool,
    #[serde(default)]
    pub diacritic_sensitive: bool,
}

impl SearchQuery {
    /// A plain, case- and diacritic-insensitive search for `text`.
    pub fn plain(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            ..Self::default()
        }
    }

    pub fn fold_options(&self) -> FoldOptions {
        FoldOptions {
            case_sensitive: self.case_sensitive,
            diacritic_sensitive: self.diacritic_sensitive,
        }
    }

    /// A short description of the options, e.g. `fuzzy ≤2 edits, whole word`.
    pub fn options_label(&self) -> String {
        let mut parts = Vec::new();
        match self.mode {
            MatchMode::Plain => {}
            MatchMode::Regex => parts.push("regex".to_string()),
            MatchMode::Fuzzy => parts.push(match self.max_edits {
                Some(1) => "fuzzy ≤1 edit".to_string(),
                Some(edits) => format!("fuzzy ≤{edits} edits"),
                None => "fuzzy".to_string(),
            }),
        }
        if self.whole_word {
            parts.push("whole word".into());
        }
        if self.case_sensitive {
            parts.push("case-sensitive".into());
        }
        if self.diacritic_sensitive {
            parts.push("diacritic-sensitive".into());
        }
        parts.join(", ")
    }
}

/// A named search kept by the user (listed in the command palette).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SavedSearch {
    pub name: String,
    pub query: SearchQuery,
}

/// Why a query cannot run.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SearchError {
    #[error("the search text is empty")]
    EmptyQuery,
    #[error("invalid regular expression: {0}")]
    InvalidRegex(String),
    #[error("fuzzy search takes at most {max} characters (the query has {chars})")]
    FuzzyQueryTooLong { chars: usize, max: usize },
}

/// One hit: an exact char range of the canonical text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SearchHit {
    pub range: CharRange,
    /// Edits between the query and the hit (always 0 unless fuzzy).
    pub edits: u32,
}

/// The hits of one document, in text order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentHits {
    pub document: DocumentId,
    pub hits: Vec<SearchHit>,
}

#[derive(Clone, Debug)]
enum Matcher {
    Exact(Box<Finder<'static>>),
    Regex(regex::Regex),
    Fuzzy(FuzzyPattern),
}

/// A query ready to run against [`SearchIndex`]es folded with [`Self::fold_options`].
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

impl CompiledQuery {
    pub fn new(query: &SearchQuery) -> Result<Self, SearchError> {
        if query.text.trim().is_empty() {
            return Err(SearchError::EmptyQuery);
        }
        let options = query.fold_options();
        let (matcher, max_edits) = match query.mode {
            MatchMode::Plain => {
                let needle = fold_str(&query.text, options);
                if needle.trim().is_empty() {
                    return Err(SearchError::EmptyQuery);
                }
                (
                    Matcher::Exact(Box::new(Finder::new(needle.as_bytes()).into_owned())),
                    0,
                )
            }
            MatchMode::Regex => {
                let pattern = fold_regex_pattern(&query.text, options);
                let regex = regex::RegexBuilder::new(&pattern)
                    .size_limit(64 << 20)
                    .build()
                    .map_err(|error| SearchError::InvalidRegex(error.to_string()))?;
                (Matcher::Regex(regex), 0)
            }
            MatchMode::Fuzzy => {
                let needle = fold_str(&query.text, options);
                if needle.trim().is_empty() {
                    return Err(SearchError::EmptyQuery);
                }
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
    pub fn with_max_hits_per_document(mut self, max_hits: usize) -> Self {
        self.max_hits_per_document = max_hits;
        self
    }

    pub fn query(&self) -> &SearchQuery {
        &self.query
    }

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
}

/// A document's text folded for searching, with the map back to char offsets.
/// Build one per document and [`FoldOptions`]; rebuild when the text changes.
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    folded: FoldedText,
}

impl SearchIndex {
    pub fn new(text: &CanonicalText, options: FoldOptions) -> Self {
        Self {
            folded: FoldedText::new(text.as_str(), options),
        }
    }

    pub fn options(&self) -> FoldOptions {
        self.folded.options()
    }

    /// The folded text (for tests and diagnostics).
    pub fn folded_text(&self) -> &str {
        self.folded.as_str()
    }

    /// Can this index answer `query` on `text`?
    pub fn fits(&self, text: &CanonicalText, query: &CompiledQuery) -> bool {
        self.options() == query.fold_options() && self.folded.is_folded_from(text.as_str())
    }
}

/// All hits of `query` in `text`, using `index` when it fits (else folding anew).
pub fn search_index(
    index: &SearchIndex,
    text: &CanonicalText,
    query: &CompiledQuery,
) -> Vec<SearchHit> {
    if !index.fits(text, query) {
        return search_index(&SearchIndex::new(text, query.fold_options()), text, query);
    }
    let folded = index.folded.as_str();
    let mut mapper = index.folded.mapper(text.as_str());
    let filter = HitFilter {
        whole_word: query.query.whole_word,
        allow_unaligned: matches!(query.matcher, Matcher::Fuzzy(_)),
        max_hits: query.max_hits_per_document,
    };
    let exact_hit = |span: fold::SourceSpan| SearchHit {
        range: CharRange::new(span.chars.start, span.chars.end),
        edits: 0,
    };
    match &query.matcher {
        Matcher::Exact(finder) => exact::find_exact(folded, finder, &mut mapper, &filter)
            .into_iter()
            .map(exact_hit)
            .collect(),
        Matcher::Regex(regex) => exact::find_regex(folded, regex, &mut mapper, &filter)
            .into_iter()
            .map(exact_hit)
            .collect(),
        Matcher::Fuzzy(pattern) => {
            let mut hits: Vec<SearchHit> = Vec::new();
            for found in pattern.find_all(folded) {
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

/// The hits of `query` in one text, for find-in-document (Ctrl+F). Folds the
/// text each call: cache a [`SearchIndex`] and use [`search_index`] when the
/// same text is searched repeatedly.
pub fn find_in_text(
    text: &CanonicalText,
    query: &SearchQuery,
) -> Result<Vec<SearchHit>, SearchError> {
    let compiled = CompiledQuery::new(query)?;
    let index = SearchIndex::new(text, compiled.fold_options());
    Ok(search_index(&index, text, &compiled))
}

/// One document of a corpus search.
#[derive(Clone, Copy, Debug)]
pub struct CorpusDocument<'a> {
    pub id: &'a DocumentId,
    pub text: &'a CanonicalText,
    pub index: &'a SearchIndex,
}

/// How many worker threads to use on this machine (at least 1).
pub fn default_thread_count() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Searches every document, on up to `threads` threads. `on_document(i, hits)`
/// is called once per document `i` of `documents` as soon as it is done (from
/// a worker thread, in no particular order), even when it has no hits, so
/// callers can show progress. Stops early when `cancel` becomes true.
pub fn search_corpus(
    documents: &[CorpusDocument<'_>],
    query: &CompiledQuery,
    threads: usize,
    cancel: &AtomicBool,
    on_document: &(dyn Fn(usize, Vec<SearchHit>) + Sync),
) {
    let next_document = AtomicUsize::new(0);
    let work = || {
        loop {
            if cancel.load(Ordering::Relaxed) {
                return;
            }
            let index = next_document.fetch_add(1, Ordering::Relaxed);
            let Some(document) = documents.get(index) else {
                return;
            };
            let hits = search_index(document.index, document.text, query);
            if cancel.load(Ordering::Relaxed) {
                return;
            }
            on_document(index, hits);
        }
    };
    let threads = threads.clamp(1, documents.len().max(1));
    if threads == 1 {
        work();
        return;
    }
    std::thread::scope(|scope| {
        for _ in 1..threads {
            scope.spawn(work);
        }
        work();
    });
}

/// Folds many texts, on up to `threads` threads; the result is in input order.
pub fn build_indexes(
    texts: &[&CanonicalText],
    options: FoldOptions,
    threads: usize,
) -> Vec<SearchIndex> {
    let next_text = AtomicUsize::new(0);
    let work = || {
        let mut built = Vec::new();
        loop {
            let index = next_text.fetch_add(1, Ordering::Relaxed);
            let Some(text) = texts.get(index) else {
                return built;
            };
            built.push((index, SearchIndex::new(text, options)));
        }
    };
    let threads = threads.clamp(1, texts.len().max(1));
    let mut all: Vec<(usize, SearchIndex)> = if threads == 1 {
        work()
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
            let mut all = work();
            for handle in handles {
                // A worker only panics if folding panics, which it does not;
                // its documents are then folded again below.
                if let Ok(built) = handle.join() {
                    all.extend(built);
                }
            }
            all
        })
    };
    all.sort_by_key(|(index, _)| *index);
    let mut result = Vec::with_capacity(texts.len());
    let mut built = all.into_iter().peekable();
    for (position, text) in texts.iter().enumerate() {
        match built.next_if(|(index, _)| *index == position) {
            Some((_, index)) => result.push(index),
            None => result.push(SearchIndex::new(text, options)),
        }
    }
    result
}

/// A hit with its surroundings, for keyword-in-context lines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KeywordInContext {
    pub before: String,
    pub hit: String,
    pub after: String,
}

/// The hit's text and up to `context_chars` chars on each side, exactly as in
/// the text (line breaks included; see [`KeywordInContext::one_line`]).
pub fn keyword_in_context(
    text: &CanonicalText,
    range: CharRange,
    context_chars: usize,
) -> KeywordInContext {
    KeywordInContext {
        before: text.context_before(range.start, context_chars).to_string(),
        hit: text.slice_clamped(range).to_string(),
        after: text.context_after(range.end, context_chars).to_string(),
    }
}

impl KeywordInContext {
    /// The same with every run of white space shown as one space, for one-line display.
    pub fn one_line(&self) -> KeywordInContext {
        let flatten = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let keep_edge_space = |s: &str, flat: String, leading: bool| {
            let edge = if leading {
                s.starts_with(char::is_whitespace)
            } else {
                s.ends_with(char::is_whitespace)
            };
            match (edge, leading, flat.is_empty()) {
                (true, true, false) => format!(" {flat}"),
                (true, false, false) => format!("{flat} "),
                (true, _, true) => " ".to_string(),
                _ => flat,
            }
        };
        let before = keep_edge_space(&self.before, flatten(&self.before), false);
        let after = keep_edge_space(&self.after, flatten(&self.after), true);
        KeywordInContext {
            before,
            hit: flatten(&self.hit),
            after,
        }
    }
}
