//! The text of one annotation as every export shows it: the exact passage and
//! some context on each side, read from the loaded document, or from the
//! stored anchor (quote, prefix, suffix) when the document is missing, no
//! longer holds the range, or the annotation is orphaned (its quote is no
//! longer in the text, so the text at its offsets is not what was coded).

use crate::model::anchor::AnchorStatus;
use crate::model::annotation::Annotation;
use crate::model::workspace::Workspace;

/// How many chars of context the tabular and report exports show on each side.
pub const REPORT_CONTEXT_CHARS: usize = 80;

/// An annotation's passage and its context, borrowed from the workspace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Passage<'a> {
    /// Exactly the canonical-text slice `[start, end)` (the stored quote if the file is missing).
    pub text: &'a str,
    /// Up to the asked number of chars before the passage.
    pub before: &'a str,
    /// Up to the asked number of chars after the passage.
    pub after: &'a str,
}

impl<'a> Passage<'a> {
    /// The passage of `annotation` with up to `context_chars` chars on each side
    /// (the anchor's stored quote, prefix and suffix when the document does not
    /// hold it or the annotation is orphaned).
    pub fn of(workspace: &'a Workspace, annotation: &'a Annotation, context_chars: usize) -> Self {
        let loaded = workspace
            .text(&annotation.document)
            .filter(|_| annotation.status != AnchorStatus::Orphaned);
        let live = loaded.and_then(|l| l.text.slice(annotation.range()).map(|text| (l, text)));
        match live {
            Some((loaded, text)) => Self {
                text,
                before: loaded.text.context_before(annotation.start, context_chars),
                after: loaded.text.context_after(annotation.end, context_chars),
            },
            None => Self {
                text: &annotation.anchor.exact,
                before: &annotation.anchor.prefix,
                after: &annotation.anchor.suffix,
            },
        }
    }
}

/// Where an annotation is in its document, for a citation: the pages it is on
/// (`p. 12`, `pp. 12–13`) and the headings it sits under, joined with ` › `.
/// Both are `None` when the document has no pages or headings, is missing, or
/// the annotation is orphaned.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Location {
    /// The citation form of its pages.
    pub page: Option<String>,
    /// The headings it sits under, outermost first, joined with ` › `.
    pub heading_path: Option<String>,
}

/// The separator of a heading path.
pub const HEADING_PATH_SEPARATOR: &str = " › ";

impl Location {
    /// The location of `annotation` in its loaded document.
    pub fn of(workspace: &Workspace, annotation: &Annotation) -> Self {
        let Some(loaded) = workspace
            .text(&annotation.document)
            .filter(|_| annotation.status != AnchorStatus::Orphaned)
        else {
            return Self::default();
        };
        let structure = &loaded.structure;
        let page = structure
            .page_span(annotation.range())
            .map(|span| span.citation());
        let headings: Vec<&str> = structure
            .heading_path_at(annotation.start)
            .iter()
            .filter_map(|heading| loaded.text.slice(heading.range))
            .map(str::trim)
            .collect();
        let heading_path = (!headings.is_empty()).then(|| headings.join(HEADING_PATH_SEPARATOR));
        Self { page, heading_path }
    }
}
