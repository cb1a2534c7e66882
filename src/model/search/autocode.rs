//! Coding from search results: one [`Edit::batch`] that puts topics, a stance,
//! its holder and its target on every chosen hit, or on the sentence or
//! paragraph around it, so the whole action is undone in one step.
//!
//! Nothing is duplicated: a passage already inside an annotation that carries
//! all the requested codes is left alone, an annotation with exactly the
//! target range gets the missing codes added, two hits in one sentence code
//! that sentence once.

use crate::model::annotation::Annotation;
use crate::model::edit::Edit;
use crate::model::ids::{ActorId, DocumentId, StanceId, TopicId};
use crate::model::text::{ByteOffset, ByteRange, CanonicalText, CharRange};
use crate::model::workspace::Workspace;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// What around each hit gets coded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodingScope {
    /// Exactly the hit's text.
    #[default]
    Hit,
    /// The sentence (or sentences) containing the hit.
    Sentence,
    /// The paragraph (or paragraphs) containing the hit.
    Paragraph,
}

impl CodingScope {
    /// Every scope, in the order the search panel offers them.
    pub const ALL: [Self; 3] = [Self::Hit, Self::Sentence, Self::Paragraph];

    /// What gets coded, in the search panel's words ("the hits", ...).
    pub fn label(self) -> &'static str {
        match self {
            Self::Hit => "the hits",
            Self::Sentence => "their sentences",
            Self::Paragraph => "their paragraphs",
        }
    }
}

/// The codes to apply.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AutoCoding {
    /// Topics to add to each passage, besides those it already has.
    pub topics: Vec<TopicId>,
    /// Stance to put on each passage; never replaces a different stance.
    pub stance: Option<StanceId>,
    /// Stance holder to put on each passage; never replaces a different holder.
    pub holder: Option<ActorId>,
    /// Stance target to put on each passage; never replaces a different target.
    pub target: Option<ActorId>,
}

impl AutoCoding {
    /// True when there is no code to apply.
    pub fn is_empty(&self) -> bool {
        self.topics.is_empty()
            && self.stance.is_none()
            && self.holder.is_none()
            && self.target.is_none()
    }

    /// Does `annotation` already carry every requested code?
    fn is_carried_by(&self, annotation: &Annotation) -> bool {
        self.topics.iter().all(|t| annotation.topics.contains(t))
            && self
                .stance
                .as_ref()
                .is_none_or(|s| annotation.stance.as_ref() == Some(s))
            && self
                .holder
                .as_ref()
                .is_none_or(|h| annotation.holder.as_ref() == Some(h))
            && self
                .target
                .as_ref()
                .is_none_or(|t| annotation.target.as_ref() == Some(t))
    }

    /// Can the codes be added to `annotation` without replacing a different stance, holder or target?
    fn fits_into(&self, annotation: &Annotation) -> bool {
        fn free<T: PartialEq>(wanted: &Option<T>, present: &Option<T>) -> bool {
            wanted.is_none() || present.is_none() || wanted == present
        }
        free(&self.stance, &annotation.stance)
            && free(&self.holder, &annotation.holder)
            && free(&self.target, &annotation.target)
    }

    fn add_to(&self, annotation: &mut Annotation) {
        for topic in &self.topics {
            if !annotation.topics.contains(topic) {
                annotation.topics.push(topic.clone());
            }
        }
        if self.stance.is_some() && annotation.stance.is_none() {
            annotation.stance = self.stance.clone();
        }
        if self.holder.is_some() && annotation.holder.is_none() {
            annotation.holder = self.holder.clone();
        }
        if self.target.is_some() && annotation.target.is_none() {
            annotation.target = self.target.clone();
        }
    }
}

/// One hit chosen for coding.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct HitToCode {
    /// The document the hit is in.
    pub document: DocumentId,
    /// The hit, in chars of the document's canonical text.
    pub range: CharRange,
}

/// The edit to apply and what it will do.
#[derive(Clone, Debug, PartialEq)]
pub struct AutoCodePlan {
    /// One batch; empty when there is nothing to do.
    pub edit: Edit,
    /// New annotations the edit adds.
    pub created: usize,
    /// Annotations of exactly the target range that get the missing codes.
    pub updated: usize,
    /// Passages skipped because they already carry the codes.
    pub already_coded: usize,
    /// Hits skipped because their document text is not loaded or the range is outside it.
    pub unavailable: usize,
}

/// Why no coding can be planned.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AutoCodeError {
    /// The [`AutoCoding`] has no code in it.
    #[error("choose at least one topic, stance, holder or target to apply")]
    NothingToApply,
    /// The list of hits is empty.
    #[error("no hits are selected")]
    NoHits,
}

/// Plans coding `hits` (of any documents) with `coding`; apply `plan.edit`
/// with [`Workspace::apply`] for one undoable step.
pub fn plan_auto_code(
    workspace: &Workspace,
    hits: &[HitToCode],
    scope: CodingScope,
    coding: &AutoCoding,
    coder: &str,
    now: &str,
) -> Result<AutoCodePlan, AutoCodeError> {
    if coding.is_empty() {
        return Err(AutoCodeError::NothingToApply);
    }
    if hits.is_empty() {
        return Err(AutoCodeError::NoHits);
    }
    let mut unavailable = 0;
    let mut targets: BTreeSet<HitToCode> = BTreeSet::new();
    for hit in hits {
        let Some(loaded) = workspace.text(&hit.document) else {
            unavailable += 1;
            continue;
        };
        match scope_range(&loaded.text, hit.range, scope) {
            Some(range) if !range.is_empty() => {
                targets.insert(HitToCode {
                    document: hit.document.clone(),
                    range,
                });
            }
            _ => unavailable += 1,
        }
    }
    let (mut created, mut updated, mut already_coded) = (0, 0, 0);
    let mut edits = Vec::new();
    for target in &targets {
        let annotations: Vec<&Annotation> =
            workspace.project.annotations_of(&target.document).collect();
        let covered = annotations.iter().any(|a| {
            a.start <= target.range.start && target.range.end <= a.end && coding.is_carried_by(a)
        });
        if covered {
            already_coded += 1;
            continue;
        }
        let same_range = annotations
            .iter()
            .find(|a| a.range() == target.range && coding.fits_into(a));
        if let Some(existing) = same_range {
            let mut changed = (*existing).clone();
            coding.add_to(&mut changed);
            changed.modified = now.to_string();
            edits.push(Edit::change_annotation((*existing).clone(), changed));
            updated += 1;
            continue;
        }
        let Ok(mut annotation) =
            workspace.new_annotation(&target.document, target.range, coder, now)
        else {
            unavailable += 1;
            continue;
        };
        coding.add_to(&mut annotation);
        edits.push(Edit::add_annotation(annotation));
        created += 1;
    }
    let passages = created + updated;
    let label = format!(
        "code {passages} passage{} from search",
        if passages == 1 { "" } else { "s" }
    );
    Ok(AutoCodePlan {
        edit: Edit::batch(label, edits),
        created,
        updated,
        already_coded,
        unavailable,
    })
}

/// The range to code for a hit: the hit itself, or the sentence or paragraph
/// around it; always contains the hit. `None` if the hit is outside the text.
pub fn scope_range(text: &CanonicalText, hit: CharRange, scope: CodingScope) -> Option<CharRange> {
    let hit_bytes = text.byte_range(hit)?;
    if scope == CodingScope::Hit {
        return Some(hit);
    }
    let source = text.as_str();
    let (start, end) = (hit_bytes.start.0, hit_bytes.end.0);
    let (mut paragraph_start, mut paragraph_end) = paragraph_bounds(source, start, end);
    let (scope_start, scope_end) = match scope {
        CodingScope::Sentence => {
            sentence_bounds(source, paragraph_start, paragraph_end, start, end)
        }
        _ => {
            paragraph_start = skip_white_space(source, paragraph_start, start);
            paragraph_end = trim_white_space_end(source, end, paragraph_end);
            (paragraph_start, paragraph_end)
        }
    };
    text.char_range(ByteRange {
        start: ByteOffset(scope_start.min(start)),
        end: ByteOffset(scope_end.max(end)),
    })
}

/// Byte bounds of the paragraph(s) around `start..end`: separated by blank
/// lines, or by line breaks in a text without blank lines.
fn paragraph_bounds(source: &str, start: usize, end: usize) -> (usize, usize) {
    let has_blank_lines = has_blank_line(source);
    let mut paragraph_start = 0;
    let mut newline_after: Option<usize> = None;
    for (i, c) in source[..start].char_indices().rev() {
        if c == '\n' {
            if !has_blank_lines {
                paragraph_start = i + 1;
                break;
            }
            if let Some(after) = newline_after {
                paragraph_start = after;
                break;
            }
            newline_after = Some(i + 1);
        } else if !c.is_whitespace() {
            newline_after = None;
        }
    }
    let mut paragraph_end = source.len();
    let mut newline_before: Option<usize> = None;
    for (i, c) in source[end..].char_indices() {
        if c == '\n' {
            if !has_blank_lines {
                paragraph_end = end + i;
                break;
            }
            if let Some(before) = newline_before {
                paragraph_end = before;
                break;
            }
            newline_before = Some(end + i);
        } else if !c.is_whitespace() {
            newline_before = None;
        }
    }
    (paragraph_start, paragraph_end)
}

fn has_blank_line(source: &str) -> bool {
    let mut newline_seen = false;
    for c in source.chars() {
        if c == '\n' {
            if newline_seen {
                return true;
            }
            newline_seen = true;
        } else if !c.is_whitespace() {
            newline_seen = false;
        }
    }
    false
}

fn is_sentence_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？' | '；')
}

fn is_closing_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '」' | '』' | '）'
    )
}

/// Ends of sentences in `source[from..to]`: byte offsets just after a
/// terminator and its closing quotes, where white space (or, after a Chinese
/// terminator, anything) follows.
fn sentence_ends(source: &str, from: usize, to: usize) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut chars = source[from..to].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !is_sentence_terminator(c) {
            continue;
        }
        let mut after = from + i + c.len_utf8();
        while let Some(&(j, closing)) = chars.peek() {
            if !is_closing_mark(closing) && !is_sentence_terminator(closing) {
                break;
            }
            after = from + j + closing.len_utf8();
            chars.next();
        }
        let wide = c > '\u{2FFF}';
        let followed_by_space = chars.peek().is_none_or(|&(_, next)| next.is_whitespace());
        if wide || followed_by_space {
            ends.push(after);
        }
    }
    ends
}

fn skip_white_space(source: &str, from: usize, limit: usize) -> usize {
    let mut position = from;
    for c in source[from..limit.max(from)].chars() {
        if !c.is_whitespace() {
            break;
        }
        position += c.len_utf8();
    }
    position
}

fn trim_white_space_end(source: &str, limit: usize, to: usize) -> usize {
    let mut position = to;
    for c in source[limit.min(to)..to].chars().rev() {
        if !c.is_whitespace() {
            break;
        }
        position -= c.len_utf8();
    }
    position
}

fn sentence_bounds(
    source: &str,
    paragraph_start: usize,
    paragraph_end: usize,
    start: usize,
    end: usize,
) -> (usize, usize) {
    let ends = sentence_ends(source, paragraph_start, paragraph_end);
    let sentence_start = ends
        .iter()
        .rev()
        .find(|&&e| e <= start)
        .copied()
        .unwrap_or(paragraph_start);
    let sentence_end = ends
        .iter()
        .find(|&&e| e >= end)
        .copied()
        .unwrap_or(paragraph_end);
    (
        skip_white_space(source, sentence_start, start),
        trim_white_space_end(source, end, sentence_end),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scoped(text: &str, needle: &str, scope: CodingScope) -> String {
        let canonical = CanonicalText::new(text.to_string());
        let byte = text.find(needle).expect("needle");
        let start = canonical.char_offset(ByteOffset(byte)).expect("start");
        let end = canonical
            .char_offset(ByteOffset(byte + needle.len()))
            .expect("end");
        let range = scope_range(&canonical, CharRange { start, end }, scope).expect("range");
        canonical.slice(range).expect("slice").to_string()
    }

    #[test]
    fn sentences_end_at_terminators_followed_by_space_or_chinese_terminators() {
        let text = "First one. Vučić said \"no.\" Then 3.5 percent rose! 习近平说。中国很好。";
        assert_eq!(
            scoped(text, "Vučić", CodingScope::Sentence),
            "Vučić said \"no.\""
        );
        assert_eq!(
            scoped(text, "3.5", CodingScope::Sentence),
            "Then 3.5 percent rose!"
        );
        assert_eq!(scoped(text, "中国", CodingScope::Sentence), "中国很好。");
    }

    #[test]
    fn paragraphs_are_separated_by_blank_lines_or_else_by_lines() {
        let text = "Title\n\nOne line\nsame paragraph Вучић.\n  \nNext.";
        assert_eq!(
            scoped(text, "Вучић", CodingScope::Paragraph),
            "One line\nsame paragraph Вучић."
        );
        let lines = "First line\nSecond Dačić line\nThird";
        assert_eq!(
            scoped(lines, "Dačić", CodingScope::Paragraph),
            "Second Dačić line"
        );
    }
}
