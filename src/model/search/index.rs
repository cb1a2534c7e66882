//! A document's text folded once for searching ([`SearchIndex`]), and the
//! searches of one text: [`search_index`] with a cached index, [`find_in_text`]
//! without.

use super::compiled::{CompiledQuery, SearchError};
use super::fold::FoldOptions;
use super::folded_text::FoldedText;
use super::hit::SearchHit;
use super::query::SearchQuery;
use crate::model::text::CanonicalText;

/// A document's text folded for searching, with the map back to char offsets.
/// Build one per document and [`FoldOptions`]; rebuild when the text changes.
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    folded: FoldedText,
}

impl SearchIndex {
    /// Folds `text` with `options`; time and memory grow linearly with the text.
    pub fn new(text: &CanonicalText, options: FoldOptions) -> Self {
        Self {
            folded: FoldedText::new(text.as_str(), options),
        }
    }

    /// The folding this index was built with.
    pub fn options(&self) -> FoldOptions {
        self.folded.options()
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
    query.hits_in(&index.folded, text.as_str())
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
