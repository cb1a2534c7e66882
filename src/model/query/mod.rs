//! Retrieval of coded segments: the filter behind the retrieval panel and every
//! export (`gloss export … --topic … --stance …` gives the same rows as the window).
//!
//! Semantics, in one place:
//! - Dimensions combine with AND: an annotation is kept when it passes every
//!   dimension that has a value (topics, stance, holder, target, document,
//!   attributes, coder, text).
//! - Several values within one dimension combine with OR ("stance is A or B"),
//!   except topics, where [`TopicMatch::AllOf`] asks for every chosen topic.
//! - With `include_subtopics` (the default) a chosen topic also matches
//!   annotations coded with any of its descendants.
//! - With an `actor_level` (a kind: "countries") a chosen holder or target also
//!   matches the actors that roll up to it at that level (Aleksandar Vučić
//!   when Serbia is chosen), as the analysis tables count them.
//! - Attributes are `key = value` pairs; values of one key combine with OR, keys
//!   with AND. Values compare case- and whitespace-insensitively. The key `year`
//!   falls back to the first four characters of the `date` attribute.
//! - The text query is split on whitespace; every term must occur
//!   (case-insensitively) in the excerpt, the memo, or either (see [`TextScope`]).
//!
//! Facet counts ([`FacetCounts`]) tell, for each value of a dimension, how many
//! annotations would match if that dimension's own selection were replaced by
//! that value alone, the other dimensions staying as they are (the usual
//! faceted-search count).
//!
//! - `filter`: what the user chose ([`RetrievalFilter`]) and how it reads.
//! - `matching`: the filter prepared against one workspace; [`retrieve`].
//! - `sorting`: [`sort_annotations`].
//! - `facets`: [`FacetCounts`].

mod facets;
mod filter;
mod matching;
mod sorting;

pub use facets::{FacetCounts, facet_counts};
pub use filter::{RetrievalFilter, SortOrder, TextScope, TopicMatch, document_attribute};
pub use matching::retrieve;
pub use sorting::sort_annotations;

#[cfg(test)]
mod tests;
