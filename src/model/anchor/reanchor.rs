//! Re-anchoring a project: for every document whose text changed, each of its
//! annotations is found again ([`super::locate`]) and the changes are returned
//! as one undoable batch [`Edit`] with a report per document.

use super::locate::NewText;
use super::status::{AnchorStatus, StatusCounts};
use crate::model::annotation::{Annotation, TextAnchor};
use crate::model::document::{DocumentRecord, LoadedText};
use crate::model::edit::Edit;
use crate::model::ids::DocumentId;
use crate::model::project::Project;
use crate::model::text::{CanonicalText, CharRange};
use std::collections::HashMap;

/// What the re-anchoring step is called in the Undo and Redo menu entries.
pub const REANCHOR_LABEL: &str = "re-anchor annotations";

/// What re-anchoring found in one changed document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentReport {
    /// The document.
    pub document: DocumentId,
    /// Its path in the project, for messages.
    pub path: String,
    /// Its annotations by status after re-anchoring.
    pub counts: StatusCounts,
}

/// The outcome of re-anchoring a project's changed documents.
#[derive(Clone, Debug, Default)]
pub struct Reanchoring {
    /// One batch (labelled [`REANCHOR_LABEL`]) that updates the annotations'
    /// ranges, anchors and statuses and the documents' checksums; `None` when
    /// nothing changed.
    pub edit: Option<Edit>,
    /// One report per re-anchored document, by path.
    pub reports: Vec<DocumentReport>,
}

/// Does `document` need re-anchoring: its checksum differs from the recorded
/// one, or one of its annotations (other than orphans) no longer equals its quote?
pub fn needs_reanchoring(
    record: &DocumentRecord,
    loaded: &LoadedText,
    annotations: &[&Annotation],
) -> bool {
    let checksum_differs = !record.sha256.is_empty() && record.sha256 != loaded.sha256;
    checksum_differs
        || annotations
            .iter()
            .any(|a| a.status != AnchorStatus::Orphaned && !a.matches_text(&loaded.text))
}

/// Each annotation of one document re-found in its new `text`, in the order
/// given: with its new range, its anchor re-captured from the new text and its
/// new status; an annotation whose quote is not found keeps its range, anchor
/// and codes and becomes orphaned. Its `modified` time is left as the coder set it.
///
/// Annotations are searched in text order, each expected where the one before
/// it moved to, so a shift of the whole text costs one search.
pub fn reanchor_annotations(text: &CanonicalText, annotations: &[&Annotation]) -> Vec<Annotation> {
    let new_text = NewText::new(text);
    let mut order: Vec<usize> = (0..annotations.len()).collect();
    order.sort_by_key(|&i| annotations[i].range());
    let mut results: Vec<Option<Annotation>> = vec![None; annotations.len()];
    let mut shift: isize = 0;
    for index in order {
        let before = annotations[index];
        let old = before.range();
        let expected = old.start.0.saturating_add_signed(shift);
        if old.is_empty() {
            // A broken range is left for `check` to report, not guessed at.
            results[index] = Some(before.clone());
            continue;
        }
        let after = match new_text.locate(&before.anchor, old, expected) {
            Some(found) => {
                shift = found.range.start.0 as isize - old.start.0 as isize;
                placed(before, new_text.text(), found.range, found.status)
            }
            None => Annotation {
                status: before.status.after_reanchoring(AnchorStatus::Orphaned),
                ..before.clone()
            },
        };
        results[index] = Some(after);
    }
    results.into_iter().flatten().collect()
}

/// `before` placed at `range` of `text` with the anchor captured there.
fn placed(
    before: &Annotation,
    text: &CanonicalText,
    range: CharRange,
    found: AnchorStatus,
) -> Annotation {
    let anchor = TextAnchor::capture(text, range).unwrap_or_else(|| before.anchor.clone());
    let status = before.status.after_reanchoring(found);
    // While it waits for review, a fuzzy passage keeps the quote first coded.
    let coded_quote = (status == AnchorStatus::Fuzzy).then(|| {
        before
            .coded_quote
            .clone()
            .unwrap_or_else(|| before.anchor.exact.clone())
    });
    Annotation {
        start: range.start,
        end: range.end,
        anchor,
        status,
        coded_quote,
        ..before.clone()
    }
}

/// Re-anchors every document of `project` whose loaded text changed (see
/// [`needs_reanchoring`]); documents without a loaded text are left alone.
pub fn reanchor_changed_documents(
    project: &Project,
    texts: &HashMap<DocumentId, LoadedText>,
) -> Reanchoring {
    let mut by_document: HashMap<&DocumentId, Vec<&Annotation>> = HashMap::new();
    for annotation in &project.annotations {
        by_document
            .entry(&annotation.document)
            .or_default()
            .push(annotation);
    }
    let mut records: Vec<&DocumentRecord> = project.documents.iter().collect();
    records.sort_by(|a, b| a.path.cmp(&b.path));
    let mut edits = Vec::new();
    let mut reports = Vec::new();
    for record in records {
        let Some(loaded) = texts.get(&record.id) else {
            continue;
        };
        let annotations = by_document.remove(&record.id).unwrap_or_default();
        if !needs_reanchoring(record, loaded, &annotations) {
            continue;
        }
        let placed = reanchor_annotations(&loaded.text, &annotations);
        let counts = StatusCounts::of(placed.iter().map(|a| a.status));
        for (before, after) in annotations.iter().zip(placed) {
            if **before != after {
                edits.push(Edit::change_annotation((*before).clone(), after));
            }
        }
        if record.sha256 != loaded.sha256 {
            edits.push(Edit::Document {
                before: Some(record.clone()),
                after: Some(DocumentRecord {
                    sha256: loaded.sha256.clone(),
                    ..record.clone()
                }),
            });
        }
        reports.push(DocumentReport {
            document: record.id.clone(),
            path: record.path.clone(),
            counts,
        });
    }
    Reanchoring {
        edit: (!edits.is_empty()).then(|| Edit::batch(REANCHOR_LABEL, edits)),
        reports,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::document::DocumentRecord;

    fn project_with(text: &str, quotes: &[&str]) -> (Project, HashMap<DocumentId, LoadedText>) {
        let loaded = LoadedText::from_string(text);
        let mut project = Project::default();
        let record = DocumentRecord::new("a.txt", &loaded.sha256);
        for quote in quotes {
            let byte = text.find(quote).unwrap();
            let start = text[..byte].chars().count();
            let range = CharRange::new(start, start + quote.chars().count());
            let annotation = Annotation::new(
                record.id.clone(),
                &loaded.text,
                range,
                "t",
                "2026-01-01T00:00:00Z",
            )
            .unwrap();
            project.annotations.push(annotation);
        }
        let mut texts = HashMap::new();
        texts.insert(record.id.clone(), loaded);
        project.documents.push(record);
        project.sort_canonically();
        (project, texts)
    }

    fn change_text(texts: &mut HashMap<DocumentId, LoadedText>, new_text: &str) {
        for loaded in texts.values_mut() {
            *loaded = LoadedText::from_string(new_text);
        }
    }

    #[test]
    fn an_unchanged_document_is_left_alone() {
        let (project, texts) = project_with("One. Two. Three.", &["Two"]);
        let outcome = reanchor_changed_documents(&project, &texts);
        assert!(outcome.edit.is_none());
        assert!(outcome.reports.is_empty());
    }

    #[test]
    fn one_batch_moves_fuzzes_and_orphans_and_undoes_to_the_old_project() {
        let old = "Alpha paragraph here. The minister praised the railway loan. Omega lines.";
        let (mut project, mut texts) =
            project_with(old, &["Alpha", "praised the railway loan", "Omega lines"]);
        let original = project.clone();
        change_text(
            &mut texts,
            "New opening. Alpha paragraph here. The minister praised the railwya loan.",
        );
        let outcome = reanchor_changed_documents(&project, &texts);
        let report = &outcome.reports[0];
        assert_eq!(
            report.counts,
            StatusCounts {
                exact: 0,
                moved: 1,
                fuzzy: 1,
                orphaned: 1
            }
        );
        let edit = outcome.edit.unwrap();
        assert_eq!(edit.label(), REANCHOR_LABEL);
        project.apply(&edit).unwrap();
        let loaded = texts.values().next().unwrap();
        assert_eq!(project.documents[0].sha256, loaded.sha256);
        for annotation in &project.annotations {
            match annotation.status {
                AnchorStatus::Orphaned => assert_eq!(annotation.anchor.exact, "Omega lines"),
                _ => assert!(annotation.matches_text(&loaded.text), "{annotation:?}"),
            }
        }
        // Opening again finds nothing more to do, and keeps the review marks.
        let again = reanchor_changed_documents(&project, &texts);
        assert!(again.edit.is_none(), "{:?}", again.edit);
        project.apply(&edit.inverse()).unwrap();
        assert_eq!(project.annotations, original.annotations);
        assert_eq!(project.documents, original.documents);
    }
}
