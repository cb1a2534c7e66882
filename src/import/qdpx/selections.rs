//! One REFI-QDA selection turned into an annotation: its raw positions placed
//! in the canonical text (and moved to its quote when the name holds one that
//! is nearby), its codes mapped to topics, stance, holder and target, and its
//! `<Description>` and notes read as the memo or as a `Gloss stance` note.
//! A selection the project holds already (by GUID, id, or place and codes) is
//! not added again. Everything that is not exact goes into the report.

use super::codebook::{CodeRole, CodebookImport};
use super::known::{KnownAnnotations, id_from_guid};
use super::sources::{SelectionData, SourceData};
use super::unit_choice::Quote;
use crate::model::anchor::status::AnchorStatus;
use crate::model::annotation::{Annotation, TextAnchor};
use crate::model::ids::{AnnotationId, DocumentId};
use crate::model::text::{ByteOffset, CanonicalText, CharOffset, CharRange};
use crate::refi_qda::names::STANCE_NOTE_NAME;
use crate::refi_qda::notes::StanceNote;
use crate::refi_qda::selection_name::shorten;
use crate::refi_qda::units::{OffsetUnit, Placement};
use std::collections::HashMap;

/// How far (in chars) from its position a selection's quote is looked for.
const QUOTE_SEARCH_CHARS: usize = 200;
/// How many chars of a selection's name its report lines quote.
const LABEL_NAME_CHARS: usize = 40;

/// What became of one selection.
pub(super) enum Outcome {
    /// A new annotation for the project.
    Added(Box<Annotation>),
    /// The project holds this annotation already.
    AlreadyThere,
    /// It could not be placed (reported).
    Dropped,
}

/// What placing the selections of a file needs.
pub(super) struct SelectionContext<'a, 'w> {
    pub(super) unit: OffsetUnit,
    /// Lowercase selection GUID → annotation id (from the `Gloss codebook` note).
    pub(super) annotation_ids: &'a HashMap<String, String>,
    /// The project's annotations and the ids given so far.
    pub(super) known: &'a mut KnownAnnotations<'w>,
    /// Lowercase user GUID → name.
    pub(super) users: &'a HashMap<String, String>,
    /// Lowercase note GUID → (name, text).
    pub(super) notes: &'a HashMap<String, (String, String)>,
    /// Timestamp for selections that carry none.
    pub(super) now: &'a str,
    pub(super) codebook: &'a mut CodebookImport,
    pub(super) problems: &'a mut Vec<String>,
}

/// One source's text and the document it becomes.
pub(super) struct PlacedSource<'a> {
    pub(super) source: &'a SourceData,
    pub(super) text: &'a CanonicalText,
    pub(super) document: &'a DocumentId,
}

impl SelectionContext<'_, '_> {
    /// What `selection` becomes: a new annotation, one the project holds
    /// already, or nothing (reported) when it cannot be placed.
    pub(super) fn annotation(
        &mut self,
        selection: &SelectionData,
        placed: &PlacedSource<'_>,
    ) -> Outcome {
        let id_in_note = self
            .annotation_ids
            .get(&selection.guid)
            .map(|id| AnnotationId::from(id.as_str()));
        if self
            .known
            .has_selection(&selection.guid, id_in_note.as_ref(), placed.document)
        {
            return Outcome::AlreadyThere;
        }
        let label = format!(
            "selection `{}` in `{}`",
            shorten(&selection.name, LABEL_NAME_CHARS),
            placed.source.name
        );
        let Some(range) = self.range(selection, placed, &label) else {
            return Outcome::Dropped;
        };
        let Some(anchor) = TextAnchor::capture(placed.text, range) else {
            self.problems
                .push(format!("{label}: outside the text; not imported"));
            return Outcome::Dropped;
        };
        let mut annotation = Annotation {
            id: AnnotationId(String::new()),
            document: placed.document.clone(),
            start: range.start,
            end: range.end,
            anchor,
            status: AnchorStatus::Exact,
            coded_quote: None,
            topics: Vec::new(),
            stance: None,
            holder: None,
            target: None,
            memo: String::new(),
            coder: selection
                .user
                .as_ref()
                .and_then(|u| self.users.get(u))
                .cloned()
                .unwrap_or_default(),
            created: selection
                .created
                .clone()
                .unwrap_or_else(|| self.now.to_owned()),
            modified: selection
                .modified
                .clone()
                .or_else(|| selection.created.clone())
                .unwrap_or_else(|| self.now.to_owned()),
        };
        self.apply_codes(&mut annotation, selection, &label);
        self.apply_notes(&mut annotation, selection, &label);
        if self.known.has_same(&annotation) {
            return Outcome::AlreadyThere;
        }
        annotation.id = self
            .known
            .fresh_id(id_in_note.or_else(|| id_from_guid(&selection.guid)));
        Outcome::Added(Box::new(annotation))
    }

    /// The selection's char range: its positions in the chosen unit, moved to
    /// its quote when that is nearby; `None` (reported) when empty.
    fn range(
        &mut self,
        selection: &SelectionData,
        placed: &PlacedSource<'_>,
        label: &str,
    ) -> Option<CharRange> {
        let mut start = self.place(placed.source, selection.start, "start", label);
        let mut end = self.place(placed.source, selection.end, "end", label);
        if let Some(quote) = Quote::in_name(&selection.name)
            && !quote.matches(placed.text, CharRange::new(start, end))
        {
            // The name may be a quote: look for it near the given position.
            let found = (!quote.is_cut())
                .then(|| find_nearest(placed.text, &selection.name, start))
                .flatten();
            match found {
                Some((found_start, found_end)) => {
                    self.problems.push(format!(
                        "{label}: moved from chars {start}–{end} to {found_start}–{found_end}, where its quote is"
                    ));
                    start = found_start;
                    end = found_end;
                }
                None if selection.name.contains(' ') && selection.name.chars().count() >= 12 => {
                    self.problems.push(format!(
                        "{label}: the text at chars {start}–{end} differs from the quote in its name; kept at those positions"
                    ));
                }
                None => {}
            }
        }
        if start >= end {
            self.problems
                .push(format!("{label}: empty after placing; not imported"));
            return None;
        }
        Some(CharRange::new(start, end))
    }

    /// A raw position as a char offset, reported when it is not exact.
    fn place(&mut self, source: &SourceData, position: u64, what: &str, label: &str) -> usize {
        match source.table.place(self.unit, position) {
            Placement::Exact(offset) => offset,
            Placement::Inside(offset) => {
                self.problems.push(format!(
                    "{label}: its {what} {position} falls inside a line break or a character pair; placed at char {offset}"
                ));
                offset
            }
            Placement::PastEnd(length) => {
                self.problems.push(format!(
                    "{label}: its {what} {position} is past the end of the text ({length} chars); placed at the end"
                ));
                length
            }
        }
    }

    /// Each coding as a topic, the stance, the holder or the target.
    fn apply_codes(&mut self, annotation: &mut Annotation, selection: &SelectionData, label: &str) {
        let problems = &mut *self.problems;
        for code in &selection.codes {
            match self.codebook.roles.get(code) {
                Some(CodeRole::Topic(id)) => {
                    if !annotation.topics.contains(id) {
                        annotation.topics.push(id.clone());
                    }
                }
                Some(CodeRole::Stance(id)) => {
                    set_once(&mut annotation.stance, id, "stance", label, problems);
                }
                Some(CodeRole::Holder(id)) => {
                    set_once(&mut annotation.holder, id, "holder", label, problems);
                }
                Some(CodeRole::Target(id)) => {
                    set_once(&mut annotation.target, id, "target", label, problems);
                }
                Some(CodeRole::Group) => problems.push(format!(
                    "{label}: coded with a grouping code; that coding is not imported"
                )),
                None => problems.push(format!(
                    "{label}: coded with unknown code {code}; that coding is not imported"
                )),
            }
        }
    }

    /// Stance notes fill what the codes left empty; the `<Description>` and every
    /// other note make the memo (a text that repeats is taken once: Gloss writes
    /// the memo both as the description and as a note).
    fn apply_notes(&mut self, annotation: &mut Annotation, selection: &SelectionData, label: &str) {
        let mut memos: Vec<String> = Vec::new();
        if !selection.description.trim().is_empty() {
            memos.push(selection.description.clone());
        }
        for note_guid in &selection.notes {
            match self.notes.get(note_guid) {
                Some((name, note_text)) if name == STANCE_NOTE_NAME => {
                    let note = StanceNote::parse(note_text);
                    let codebook = &mut *self.codebook;
                    if annotation.stance.is_none()
                        && let Some(name) = note.stance
                    {
                        annotation.stance = Some(codebook.stance_named(&name));
                    }
                    if annotation.holder.is_none()
                        && let Some(name) = note.holder
                    {
                        annotation.holder = Some(codebook.actor_named(&name, "", None));
                    }
                    if annotation.target.is_none()
                        && let Some(name) = note.target
                    {
                        annotation.target = Some(codebook.actor_named(&name, "", None));
                    }
                }
                Some((_, note_text)) => {
                    if !note_text.trim().is_empty() && !memos.contains(note_text) {
                        memos.push(note_text.clone());
                    }
                }
                None => self
                    .problems
                    .push(format!("{label}: refers to a missing note")),
            }
        }
        annotation.memo = memos.join("\n\n");
    }
}

/// Sets `slot` to `value` unless it holds another value already (then reported).
fn set_once<T: Clone + PartialEq>(
    slot: &mut Option<T>,
    value: &T,
    what: &str,
    label: &str,
    problems: &mut Vec<String>,
) {
    match slot {
        None => *slot = Some(value.clone()),
        Some(existing) if existing == value => {}
        Some(_) => problems.push(format!(
            "{label}: coded with more than one {what}; the first is kept"
        )),
    }
}

/// The occurrence of `quote` (CRLF read as LF) nearest to `near` within
/// [`QUOTE_SEARCH_CHARS`]: its (start, end) in chars.
fn find_nearest(text: &CanonicalText, quote: &str, near: usize) -> Option<(usize, usize)> {
    let needle = quote.replace("\r\n", "\n");
    if needle.is_empty() {
        return None;
    }
    let needle_chars = needle.chars().count();
    text.as_str()
        .match_indices(&needle)
        .filter_map(|(byte, _)| text.char_offset(ByteOffset(byte)))
        .map(|start: CharOffset| start.0)
        .filter(|start| start.abs_diff(near) <= QUOTE_SEARCH_CHARS)
        .min_by_key(|start| start.abs_diff(near))
        .map(|start| (start, start + needle_chars))
}
