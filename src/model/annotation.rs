//! Annotations: a coded passage of one document, with a text anchor to re-find it.

use crate::model::anchor::status::AnchorStatus;
use crate::model::ids::{ActorId, AnnotationId, DocumentId, StanceId, TopicId};
use crate::model::text::{CanonicalText, CharOffset, CharRange};
use serde::{Deserialize, Serialize};

/// How many chars of context the anchor keeps on each side of the quote.
pub const ANCHOR_CONTEXT_CHARS: usize = 32;

/// The exact quote with some context, so an annotation can be re-found after the
/// document changes (W3C TextQuoteSelector: exact, prefix, suffix).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextAnchor {
    /// The passage's text exactly as it was when coded.
    pub exact: String,
    /// Up to [`ANCHOR_CONTEXT_CHARS`] chars just before the passage (fewer at the
    /// start of the text).
    #[serde(default)]
    pub prefix: String,
    /// Up to [`ANCHOR_CONTEXT_CHARS`] chars just after the passage (fewer at the
    /// end of the text).
    #[serde(default)]
    pub suffix: String,
}

impl TextAnchor {
    /// Captures the anchor of `range` in `text`; `None` if the range is out of bounds.
    pub fn capture(text: &CanonicalText, range: CharRange) -> Option<Self> {
        let exact = text.slice(range)?.to_string();
        Some(Self {
            exact,
            prefix: text
                .context_before(range.start, ANCHOR_CONTEXT_CHARS)
                .to_string(),
            suffix: text
                .context_after(range.end, ANCHOR_CONTEXT_CHARS)
                .to_string(),
        })
    }
}

/// A coded passage: a char range of one document with the codes the researcher
/// put on it. Edits keep `start < end` and refuse references to documents or
/// codebook entries the project does not have.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Annotation {
    /// Unique in the project; stays the same when the passage or its codes change.
    pub id: AnnotationId,
    /// The document the passage is in.
    pub document: DocumentId,
    /// First char of the passage (chars of the canonical text).
    pub start: CharOffset,
    /// One past the last char of the passage.
    pub end: CharOffset,
    /// The quote with its context, to re-find the passage if the document changes.
    pub anchor: TextAnchor,
    /// Where re-anchoring last found the passage after its document changed;
    /// omitted from the file when `exact` (see [`crate::model::anchor`]).
    #[serde(default, skip_serializing_if = "AnchorStatus::is_exact")]
    pub status: AnchorStatus,
    /// The quote as it was coded, kept while a passage found only approximately
    /// (`fuzzy`) waits for review, so the researcher can compare; dropped once
    /// the passage is reviewed (accepted or moved).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coded_quote: Option<String>,
    /// Topics, in the order they were chosen; may be empty.
    #[serde(default)]
    pub topics: Vec<TopicId>,
    /// The stance the passage expresses, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stance: Option<StanceId>,
    /// Who holds the stance, if coded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder: Option<ActorId>,
    /// Toward whom the stance is held, if coded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<ActorId>,
    /// The researcher's note on the passage; empty when there is none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub memo: String,
    /// Name of the coder who made the annotation; may be empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub coder: String,
    /// RFC 3339 timestamp, UTC.
    pub created: String,
    /// RFC 3339 timestamp, UTC.
    pub modified: String,
}

/// The codes put on a passage, as chosen in the tag popup or the inspector:
/// everything about an annotation except where it is and who made it when.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Coding {
    /// Topics, in the order they were chosen.
    pub topics: Vec<TopicId>,
    /// The stance the passage expresses, if any.
    pub stance: Option<StanceId>,
    /// Who holds the stance.
    pub holder: Option<ActorId>,
    /// Toward whom the stance is held.
    pub target: Option<ActorId>,
    /// The researcher's note on the passage.
    pub memo: String,
}

impl Annotation {
    /// A new annotation of `range` with no codes yet; `None` if the range is out of bounds or empty.
    pub fn new(
        document: DocumentId,
        text: &CanonicalText,
        range: CharRange,
        coder: &str,
        now: &str,
    ) -> Option<Self> {
        if range.is_empty() {
            return None;
        }
        Some(Self {
            id: AnnotationId::generate(),
            document,
            start: range.start,
            end: range.end,
            anchor: TextAnchor::capture(text, range)?,
            status: AnchorStatus::Exact,
            coded_quote: None,
            topics: Vec::new(),
            stance: None,
            holder: None,
            target: None,
            memo: String::new(),
            coder: coder.to_string(),
            created: now.to_string(),
            modified: now.to_string(),
        })
    }

    /// The passage as the char range `[start, end)`.
    pub fn range(&self) -> CharRange {
        CharRange {
            start: self.start,
            end: self.end,
        }
    }

    /// Does the stored quote still equal the text at the stored offsets?
    pub fn matches_text(&self, text: &CanonicalText) -> bool {
        text.slice(self.range()) == Some(self.anchor.exact.as_str())
    }

    /// The codes this annotation carries.
    pub fn coding(&self) -> Coding {
        Coding {
            topics: self.topics.clone(),
            stance: self.stance.clone(),
            holder: self.holder.clone(),
            target: self.target.clone(),
            memo: self.memo.clone(),
        }
    }

    /// This annotation with its codes replaced by `coding` and `modified` set to
    /// `modified_at` (RFC 3339): the one place a coding is put on an annotation.
    #[must_use]
    pub fn with_coding(self, coding: Coding, modified_at: &str) -> Self {
        Self {
            topics: coding.topics,
            stance: coding.stance,
            holder: coding.holder,
            target: coding.target,
            memo: coding.memo,
            modified: modified_at.to_string(),
            ..self
        }
    }

    /// Sort key used in the project file and for document order.
    pub fn order_key(&self) -> (&DocumentId, CharOffset, CharOffset, &AnnotationId) {
        (&self.document, self.start, self.end, &self.id)
    }
}
