//! Search in one document or across the corpus, made for Serbian (both
//! scripts) and Chinese names, with hits that are exact char ranges of the
//! canonical text, so coding a hit codes exactly what is shown.
//!
//! - `query`: what the user asks ([`SearchQuery`], [`MatchMode`], [`SavedSearch`]).
//! - `compiled`: the query compiled into a matcher ([`CompiledQuery`], [`SearchError`]).
//! - [`fold`]: the matching normalisation (case, diacritics, Serbian
//!   Cyrillic → Latin, white space); `folded_text`: a folded text and the map
//!   back to the source.
//! - `exact`: plain and regular-expression matching on folded text.
//! - `fuzzy`: bounded edit distance (Myers' bit-parallel algorithm).
//! - `index`: one document's folded text ([`SearchIndex`]) and its search.
//! - `corpus`: many documents on several threads ([`search_corpus`],
//!   [`search_workspace`]).
//! - `hit`: a hit and its keyword-in-context line.
//! - [`autocode`]: one undoable edit that codes hits, their sentences or paragraphs.
//! - [`find`]: find in the current document (Ctrl+F) with next/previous.
//!
//! Use: build a [`SearchIndex`] once per document text and [`FoldOptions`]
//! (cheap; the app caches it), compile a [`SearchQuery`] into a
//! [`CompiledQuery`], then call [`search_index`] or, for many documents,
//! [`search_corpus`], which spreads documents over threads, reports each
//! document as soon as it is done and stops when asked to. For the loaded
//! documents of a workspace, [`search_workspace`] does all of that at once.

pub mod autocode;
mod compiled;
mod corpus;
mod exact;
pub mod find;
pub mod fold;
mod folded_text;
mod fuzzy;
mod hit;
mod index;
mod query;

pub use compiled::{CompiledQuery, SearchError};
pub use corpus::{
    CorpusDocument, DocumentHits, build_indexes, corpus_documents, default_thread_count,
    loaded_documents, search_corpus, search_workspace,
};
pub use fold::FoldOptions;
pub use hit::{KeywordInContext, SearchHit, keyword_in_context};
pub use index::{SearchIndex, find_in_text, search_index};
pub use query::{MatchMode, SavedSearch, SearchQuery};
