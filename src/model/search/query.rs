//! A search as the user sets it up (text, mode, options) and as saved searches
//! store it; [`super::CompiledQuery`] turns it into something that runs.

use super::fold::FoldOptions;
use serde::{Deserialize, Serialize};

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
    /// What to find, as typed (a pattern in [`MatchMode::Regex`]); folded before matching.
    pub text: String,
    /// Plain, regular expression or fuzzy.
    #[serde(default)]
    pub mode: MatchMode,
    /// Most edits for fuzzy matching; `None` chooses by the query's length.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_edits: Option<u32>,
    /// Only hits with no word char glued on either side (ideographs count as words of their own).
    #[serde(default)]
    pub whole_word: bool,
    /// Upper and lower case differ (off: `vucic` finds `VUČIĆ`).
    #[serde(default)]
    pub case_sensitive: bool,
    /// Diacritics count (off: `c` finds `č`, `dj` finds `đ`).
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

    /// The folding this query needs its texts in (an index built with other
    /// options cannot answer it).
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
    /// What the palette shows; chosen by the user, not necessarily unique.
    pub name: String,
    /// The search it runs.
    pub query: SearchQuery,
}
