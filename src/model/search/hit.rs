//! What a search finds: a hit as an exact char range of the canonical text, and
//! the hit with its surroundings for keyword-in-context lines.

use crate::model::text::{CanonicalText, CharRange};
use serde::{Deserialize, Serialize};

/// One hit: an exact char range of the canonical text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SearchHit {
    /// Whole source chars, half-open; coding this range codes exactly what is shown.
    pub range: CharRange,
    /// Edits between the query and the hit (always 0 unless fuzzy).
    pub edits: u32,
}

/// A hit with its surroundings, for keyword-in-context lines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KeywordInContext {
    /// Up to the asked number of chars before the hit.
    pub before: String,
    /// The hit's own text.
    pub hit: String,
    /// Up to the asked number of chars after the hit.
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
    #[must_use]
    pub fn one_line(&self) -> Self {
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
        Self {
            before,
            hit: flatten(&self.hit),
            after,
        }
    }
}
