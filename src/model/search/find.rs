//! Find in the current document (Ctrl+F): the hits of a query in one text,
//! with the folded index cached between keystrokes and next/previous
//! navigation. The reader draws [`DocumentFind::hits`] in the text and on
//! its scroll bar and scrolls to [`DocumentFind::current_hit`].

use super::compiled::{CompiledQuery, SearchError};
use super::hit::SearchHit;
use super::index::{SearchIndex, search_index};
use super::query::SearchQuery;
use crate::model::ids::DocumentId;
use crate::model::text::{CanonicalText, CharOffset, CharRange};

/// The state of find-in-document for one reader.
#[derive(Clone, Debug, Default)]
pub struct DocumentFind {
    index: Option<(DocumentId, SearchIndex)>,
    searched: Option<(DocumentId, SearchQuery)>,
    hits: Vec<SearchHit>,
    current: Option<usize>,
}

impl DocumentFind {
    /// Searches `text` of `document` for `query` unless that was the last
    /// search; keeps the folded index while the document and options stay.
    /// An empty query clears the hits.
    pub fn update(
        &mut self,
        document: &DocumentId,
        text: &CanonicalText,
        query: &SearchQuery,
    ) -> Result<(), SearchError> {
        if self
            .searched
            .as_ref()
            .is_some_and(|(d, q)| d == document && q == query)
        {
            return Ok(());
        }
        self.searched = Some((document.clone(), query.clone()));
        self.hits.clear();
        self.current = None;
        if query.text.trim().is_empty() {
            return Ok(());
        }
        let compiled = CompiledQuery::new(query)?;
        let reusable = self
            .index
            .as_ref()
            .is_some_and(|(d, index)| d == document && index.fits(text, &compiled));
        if !reusable {
            self.index = Some((
                document.clone(),
                SearchIndex::new(text, compiled.fold_options()),
            ));
        }
        if let Some((_, index)) = &self.index {
            self.hits = search_index(index, text, &compiled);
        }
        Ok(())
    }

    /// Forgets the cached index and hits (the document was closed or changed).
    pub fn clear(&mut self) {
        *self = Self::default();
    }

    /// Every hit, in text order.
    pub fn hits(&self) -> &[SearchHit] {
        &self.hits
    }

    /// The hit the reader shows as current, with its position (0-based).
    pub fn current_hit(&self) -> Option<(usize, CharRange)> {
        self.current
            .and_then(|i| self.hits.get(i).map(|hit| (i, hit.range)))
    }

    /// Moves to the first hit starting at or after `from` (wrapping to the first).
    pub fn next(&mut self, from: CharOffset) -> Option<CharRange> {
        if self.hits.is_empty() {
            return None;
        }
        let after_current = self.current.map(|i| i + 1);
        let index = match after_current {
            Some(i) => i % self.hits.len(),
            None => {
                let i = self.hits.partition_point(|hit| hit.range.start < from);
                if i == self.hits.len() { 0 } else { i }
            }
        };
        self.current = Some(index);
        Some(self.hits[index].range)
    }

    /// Moves to the last hit starting before `from` (wrapping to the last).
    pub fn previous(&mut self, from: CharOffset) -> Option<CharRange> {
        if self.hits.is_empty() {
            return None;
        }
        let index = match self.current {
            Some(0) => self.hits.len() - 1,
            Some(i) => i - 1,
            None => self
                .hits
                .partition_point(|hit| hit.range.start < from)
                .checked_sub(1)
                .unwrap_or(self.hits.len() - 1),
        };
        self.current = Some(index);
        Some(self.hits[index].range)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_and_previous_wrap_around_the_hits() {
        let text = CanonicalText::new("Вучић, Vučić i VUCIC.".into());
        let document = DocumentId::from("doc-1");
        let mut find = DocumentFind::default();
        find.update(&document, &text, &SearchQuery::plain("vucic"))
            .expect("query");
        assert_eq!(find.hits().len(), 3);
        assert_eq!(find.next(CharOffset(3)), Some(CharRange::new(7, 12)));
        assert_eq!(find.next(CharOffset(0)), Some(CharRange::new(15, 20)));
        assert_eq!(
            find.next(CharOffset(0)),
            Some(CharRange::new(0, 5)),
            "wraps"
        );
        assert_eq!(
            find.previous(CharOffset(0)),
            Some(CharRange::new(15, 20)),
            "wraps back"
        );
        assert_eq!(find.current_hit().map(|(i, _)| i), Some(2));
        find.update(&document, &text, &SearchQuery::plain(""))
            .expect("empty");
        assert!(find.hits().is_empty() && find.next(CharOffset(0)).is_none());
    }
}
