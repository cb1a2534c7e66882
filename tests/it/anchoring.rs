//! Re-anchoring when documents change: the edit suite on the sample corpus
//! (typos fixed inside and outside passages, paragraphs inserted and deleted,
//! whitespace reflowed, sections moved, a document truncated, line endings
//! changed), each case printing how many annotations stayed exact, moved,
//! became fuzzy or were orphaned; a property test of edits outside every
//! passage; and the command line end to end (open → re-anchor → export, check, stats).
//!
//! Run with `cargo test --test it anchoring:: -- --nocapture` to see the table.

use gloss::export::ExcerptRow;
use gloss::model::anchor::{AnchorStatus, REANCHOR_LABEL, StatusCounts};
use gloss::model::annotation::Annotation;
use gloss::model::document::LoadedText;
use gloss::model::ids::DocumentId;
use gloss::model::query::RetrievalFilter;
use gloss::model::text::CharRange;
use gloss::model::workspace::Workspace;
use proptest::prelude::*;
use std::collections::HashMap;
use std::ops::Range;

/// A document's text and its passages, in chars.
struct Doc {
    chars: Vec<char>,
    passages: Vec<Range<usize>>,
}

impl Doc {
    fn of(workspace: &Workspace, id: &DocumentId) -> Self {
        let chars = workspace.text(id).unwrap().text.as_str().chars().collect();
        let passages = workspace
            .project
            .annotations_of(id)
            .map(|a| a.start.0..a.end.0)
            .collect();
        Self { chars, passages }
    }

    fn inside_passage(&self, position: usize) -> bool {
        self.passages.iter().any(|p| p.contains(&position))
    }

    /// Char positions where a paragraph starts and no passage spans: after a
    /// blank line, or after any line break in a text without blank lines.
    fn free_paragraph_starts(&self) -> Vec<usize> {
        let chars = &self.chars;
        let blank_lines = chars.windows(2).any(|w| w == ['\n', '\n']);
        let starts_paragraph = |i: usize| {
            i == 0 || chars[i - 1] == '\n' && (!blank_lines || i >= 2 && chars[i - 2] == '\n')
        };
        (0..chars.len())
            .filter(|&i| starts_paragraph(i) && chars[i] != '\n')
            .filter(|&i| !self.passages.iter().any(|p| p.start < i && i < p.end))
            .collect()
    }

    /// The free paragraph start nearest the middle of the text.
    fn middle_cut(&self) -> usize {
        let middle = self.chars.len() / 2;
        self.free_paragraph_starts()
            .into_iter()
            .min_by_key(|i| i.abs_diff(middle))
            .unwrap()
    }

    fn string(chars: &[char]) -> String {
        chars.iter().collect()
    }
}

/// One edit of the suite: the new text of a document.
type Change = fn(&Doc) -> String;

fn typo_fixed_outside_passages(doc: &Doc) -> String {
    let mut chars = doc.chars.clone();
    let position = (chars.len() / 3..chars.len())
        .find(|&i| chars[i].is_ascii_lowercase() && !doc.inside_passage(i))
        .unwrap();
    chars.remove(position);
    Doc::string(&chars)
}

fn typo_fixed_inside_passages(doc: &Doc) -> String {
    let mut chars = doc.chars.clone();
    for passage in &doc.passages {
        let middle = passage.start + passage.len() / 2;
        let i = (middle..passage.end - 1)
            .find(|&i| {
                chars[i].is_ascii_lowercase()
                    && chars[i + 1].is_ascii_lowercase()
                    && chars[i] != chars[i + 1]
            })
            .unwrap();
        chars.swap(i, i + 1);
    }
    Doc::string(&chars)
}

fn paragraphs_inserted(doc: &Doc) -> String {
    let new_paragraph = "A paragraph written after the coding, about something else entirely.\n\n";
    let cut = doc.middle_cut();
    format!(
        "{new_paragraph}{}{new_paragraph}{}",
        Doc::string(&doc.chars[..cut]),
        Doc::string(&doc.chars[cut..])
    )
}

/// Deletes the first paragraph (after the title lines) that holds no passage.
fn paragraph_without_passage_deleted(doc: &Doc) -> String {
    let starts = doc.free_paragraph_starts();
    let (start, end) = starts
        .windows(2)
        .map(|w| (w[0], w[1]))
        .find(|&(s, e)| !doc.passages.iter().any(|p| p.start < e && s < p.end))
        .unwrap();
    Doc::string(&[&doc.chars[..start], &doc.chars[end..]].concat())
}

/// Deletes the paragraph that holds the first passage.
fn paragraph_with_passage_deleted(doc: &Doc) -> String {
    let first = doc.passages.iter().min_by_key(|p| p.start).unwrap();
    let starts = doc.free_paragraph_starts();
    let start = starts
        .iter()
        .copied()
        .filter(|&s| s <= first.start)
        .max()
        .unwrap_or(0);
    let end = starts
        .iter()
        .copied()
        .find(|&s| s >= first.end)
        .unwrap_or(doc.chars.len());
    Doc::string(&[&doc.chars[..start], &doc.chars[end..]].concat())
}

/// Lines joined, then re-wrapped at about 72 chars (a space becomes a line break).
fn whitespace_reflowed(doc: &Doc) -> String {
    let text = Doc::string(&doc.chars);
    let mut out = String::new();
    for (index, paragraph) in text.split("\n\n").enumerate() {
        if index > 0 {
            out.push_str("\n\n");
        }
        let mut column = 0;
        for c in paragraph.chars() {
            let c = if c == '\n' { ' ' } else { c };
            if c == ' ' && column >= 72 {
                out.push('\n');
                column = 0;
            } else {
                out.push(c);
                column += 1;
            }
        }
    }
    out
}

fn sections_moved(doc: &Doc) -> String {
    let cut = doc.middle_cut();
    format!(
        "{}\n\n{}",
        Doc::string(&doc.chars[cut..]),
        Doc::string(&doc.chars[..cut])
    )
}

fn truncated(doc: &Doc) -> String {
    Doc::string(&doc.chars[..doc.middle_cut()])
}

fn line_endings_changed(doc: &Doc) -> String {
    Doc::string(&doc.chars).replace('\n', "\r\n")
}

/// A document read from `contents` as a file would be (checksum of the raw bytes).
fn loaded(contents: &str) -> LoadedText {
    let decoded = gloss::model::decode::decode_bytes(contents.as_bytes()).unwrap();
    LoadedText::from_decoded(decoded, contents.as_bytes())
}

/// The sample workspace with every document changed by `change`, re-anchored.
fn reanchored(change: Change) -> (Workspace, Workspace, StatusCounts) {
    let original = gloss::sample::workspace().unwrap();
    let mut workspace = original.clone();
    let ids: Vec<DocumentId> = workspace.texts.keys().cloned().collect();
    for id in ids {
        let doc = Doc::of(&workspace, &id);
        workspace.texts.insert(id, loaded(&change(&doc)));
    }
    let reports = workspace.reanchor_changed_documents().unwrap();
    let mut counts = StatusCounts::default();
    for report in &reports {
        for status in AnchorStatus::ALL {
            for _ in 0..report.counts.get(status) {
                counts.add(status);
            }
        }
    }
    assert_eq!(
        counts,
        StatusCounts::of(workspace.project.annotations.iter().map(|a| a.status)),
        "the reports count every annotation"
    );
    (original, workspace, counts)
}

fn original_of<'a>(original: &'a Workspace, annotation: &Annotation) -> &'a Annotation {
    original.annotation(&annotation.id).unwrap()
}

/// What every case must hold: nothing lost, exported text equals the document's
/// text at the exported offsets (an orphan: its stored quote), and exact or moved
/// annotations cover exactly their original quote.
fn assert_nothing_lost_or_misplaced(case: &str, original: &Workspace, workspace: &Workspace) {
    assert_eq!(
        workspace.project.annotations.len(),
        original.project.annotations.len()
    );
    for annotation in &workspace.project.annotations {
        let before = original_of(original, annotation);
        assert_eq!(annotation.coding(), before.coding(), "{case}: codes kept");
        let text = &workspace.text(&annotation.document).unwrap().text;
        assert_eq!(
            text.as_str().contains(&before.anchor.exact),
            matches!(annotation.status, AnchorStatus::Exact | AnchorStatus::Moved),
            "{case}: a quote still in the text is always found exactly ({})",
            annotation.id
        );
        match annotation.status {
            AnchorStatus::Exact | AnchorStatus::Moved => {
                assert_eq!(
                    text.slice(annotation.range()),
                    Some(before.anchor.exact.as_str()),
                    "{case}"
                );
            }
            AnchorStatus::Fuzzy => assert!(annotation.matches_text(text), "{case}"),
            AnchorStatus::Orphaned => {
                assert_eq!(
                    annotation.anchor, before.anchor,
                    "{case}: an orphan keeps its quote"
                );
                assert_eq!(
                    annotation.range(),
                    before.range(),
                    "{case}: and its offsets"
                );
            }
        }
    }
    for row in ExcerptRow::matching(workspace, &RetrievalFilter::default()) {
        let annotation = workspace
            .project
            .annotations
            .iter()
            .find(|a| a.id.as_str() == row.id)
            .unwrap();
        let text = &workspace.text(&annotation.document).unwrap().text;
        let expected = match row.status {
            AnchorStatus::Orphaned => annotation.anchor.exact.as_str(),
            _ => text.slice(CharRange::new(row.start, row.end)).unwrap(),
        };
        assert_eq!(row.text, expected, "{case}: exported text of {}", row.id);
    }
}

fn run_case(case: &str, change: Change) -> (Workspace, Workspace, StatusCounts) {
    let (original, workspace, counts) = reanchored(change);
    eprintln!(
        "{case:<36} exact {:>3}  moved {:>3}  fuzzy {:>3}  orphaned {:>3}",
        counts.exact, counts.moved, counts.fuzzy, counts.orphaned
    );
    assert_nothing_lost_or_misplaced(case, &original, &workspace);
    (original, workspace, counts)
}

#[test]
fn a_typo_fixed_outside_passages_keeps_or_moves_every_annotation() {
    let (_, _, counts) = run_case("typo fixed outside passages", typo_fixed_outside_passages);
    assert_eq!((counts.fuzzy, counts.orphaned), (0, 0));
    assert!(counts.moved > 0 && counts.exact > 0, "{counts:?}");
}

#[test]
fn a_typo_fixed_inside_every_passage_makes_each_fuzzy_on_the_corrected_text() {
    let (original, workspace, counts) =
        run_case("typo fixed inside passages", typo_fixed_inside_passages);
    // Every passage changed; one quote of the sample also occurs unchanged elsewhere
    // in its document, so it moves there (a verbatim match wins over an approximate one).
    assert_eq!((counts.exact, counts.orphaned), (0, 0), "{counts:?}");
    assert!(
        counts.fuzzy >= original.project.annotations.len() - 1,
        "{counts:?}"
    );
    for annotation in &workspace.project.annotations {
        if annotation.status == AnchorStatus::Fuzzy {
            let before = original_of(&original, annotation);
            assert_eq!(
                annotation.range(),
                before.range(),
                "a swap keeps the offsets"
            );
            assert_ne!(
                annotation.anchor.exact, before.anchor.exact,
                "the anchor is re-captured"
            );
        }
    }
}

#[test]
fn inserted_paragraphs_move_annotations_without_losing_any() {
    let (_, _, counts) = run_case("paragraphs inserted", paragraphs_inserted);
    assert_eq!(
        (counts.exact, counts.fuzzy, counts.orphaned),
        (0, 0, 0),
        "{counts:?}"
    );
}

#[test]
fn a_deleted_paragraph_orphans_only_the_passages_it_held() {
    let (_, _, counts) = run_case(
        "paragraph without passage deleted",
        paragraph_without_passage_deleted,
    );
    assert_eq!((counts.fuzzy, counts.orphaned), (0, 0), "{counts:?}");
    let (original, workspace, counts) = run_case(
        "paragraph with passage deleted",
        paragraph_with_passage_deleted,
    );
    assert!(counts.orphaned >= 1, "{counts:?}");
    assert_eq!(counts.fuzzy, 0, "{counts:?}");
    assert_eq!(
        counts.exact + counts.moved + counts.orphaned,
        original.project.annotations.len()
    );
    assert!(
        workspace
            .project
            .annotations
            .iter()
            .any(|a| a.status == AnchorStatus::Orphaned)
    );
}

#[test]
fn reflowed_whitespace_is_found_again() {
    let (_, _, counts) = run_case("whitespace reflowed", whitespace_reflowed);
    assert_eq!(counts.orphaned, 0, "{counts:?}");
    assert!(
        counts.fuzzy > 0,
        "re-wrapping changes long passages: {counts:?}"
    );
}

#[test]
fn moved_sections_are_always_found_exactly() {
    let (_, _, counts) = run_case("sections moved", sections_moved);
    assert_eq!((counts.fuzzy, counts.orphaned), (0, 0), "{counts:?}");
    assert!(counts.moved > 0);
}

#[test]
fn a_truncated_document_orphans_the_passages_past_its_end() {
    let (original, workspace, counts) = run_case("document truncated", truncated);
    let past_end = workspace
        .project
        .annotations
        .iter()
        .filter(|a| {
            let before = original_of(&original, a);
            let length = workspace.text(&a.document).unwrap().text.len_chars();
            before.end.0 > length
        })
        .count();
    assert_eq!(counts.orphaned, past_end, "{counts:?}");
    assert_eq!(
        counts.exact + counts.orphaned,
        original.project.annotations.len()
    );
}

#[test]
fn changed_line_endings_keep_every_annotation_exact_and_record_the_new_checksum() {
    let (original, mut workspace, counts) = run_case("line endings changed", line_endings_changed);
    assert_eq!(counts.exact, original.project.annotations.len());
    assert_eq!(workspace.project.annotations, original.project.annotations);
    for record in &workspace.project.documents {
        assert_eq!(record.sha256, workspace.text(&record.id).unwrap().sha256);
    }
    // One undoable step.
    assert_eq!(
        workspace.history.undo_label().as_deref(),
        Some(REANCHOR_LABEL)
    );
    workspace.undo().unwrap();
    assert_eq!(workspace.project.documents, original.project.documents);
}

#[test]
fn undoing_reanchoring_restores_every_annotation() {
    let (original, mut workspace, _) = reanchored(sections_moved);
    workspace.undo().unwrap();
    assert_eq!(workspace.project.annotations, original.project.annotations);
    workspace.redo().unwrap();
    assert!(
        workspace
            .project
            .annotations
            .iter()
            .all(|a| a.status == AnchorStatus::Moved || a.status == AnchorStatus::Exact)
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Random insertions and deletions outside every passage: every annotation
    /// is exact or moved and covers exactly its quote.
    #[test]
    fn edits_outside_every_passage_keep_each_quote(
        document in 0usize..5,
        edits in prop::collection::vec((0.0f64..1.0, prop::option::of("[a-z .\n]{1,12}")), 1..24),
    ) {
        let mut workspace = gloss::sample::workspace().unwrap();
        let mut ids: Vec<DocumentId> = workspace.texts.keys().cloned().collect();
        ids.sort();
        let id = ids[document].clone();
        let doc = Doc::of(&workspace, &id);
        let mut chars = doc.chars.clone();
        // Positions in the original text, applied from the end so none shifts another.
        let mut placed: HashMap<usize, Option<String>> = HashMap::new();
        for (fraction, insertion) in edits {
            let position = ((chars.len() as f64) * fraction) as usize;
            let outside = match &insertion {
                Some(_) => !doc.passages.iter().any(|p| p.start < position && position < p.end),
                None => !doc.inside_passage(position),
            };
            if outside {
                placed.insert(position, insertion);
            }
        }
        let mut positions: Vec<usize> = placed.keys().copied().collect();
        positions.sort_unstable_by(|a, b| b.cmp(a));
        for position in positions {
            match &placed[&position] {
                Some(text) => {
                    for (offset, c) in text.chars().enumerate() {
                        chars.insert(position + offset, c);
                    }
                }
                None => {
                    chars.remove(position);
                }
            }
        }
        let original = workspace.clone();
        workspace.texts.insert(id.clone(), loaded(&Doc::string(&chars)));
        workspace.reanchor_changed_documents().unwrap();
        let text = &workspace.text(&id).unwrap().text;
        for annotation in workspace.project.annotations_of(&id) {
            let before = original_of(&original, annotation);
            prop_assert!(matches!(annotation.status, AnchorStatus::Exact | AnchorStatus::Moved), "{:?}", annotation.status);
            prop_assert_eq!(text.slice(annotation.range()), Some(before.anchor.exact.as_str()));
        }
    }
}

fn gloss_command(args: &[&str], folder: &std::path::Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(args)
        .env("GLOSS_DATA_DIR", folder.join("data"))
        .env("GLOSS_CONFIG_DIR", folder.join("config"))
        .output()
        .unwrap()
}

#[test]
fn opening_reanchors_so_exports_check_and_stats_tell_the_truth() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path();
    gloss::storage::write_sample(path).unwrap();
    let dir = path.to_str().unwrap();
    // One char inserted before every passage of one document (the issue's
    // example), and a quote changed in another.
    let first = path.join("000_3c628aea443456d3.txt");
    let text = std::fs::read_to_string(&first).unwrap();
    std::fs::write(&first, format!("X{text}")).unwrap();
    let second = path.join("001_632874f96479a343.txt");
    let text = std::fs::read_to_string(&second).unwrap();
    std::fs::write(
        &second,
        text.replace("Huawei is not only", "Huawei is not merely"),
    )
    .unwrap();
    let project_file = std::fs::read(path.join("gloss.json")).unwrap();

    let export = gloss_command(&["export", dir, "--format", "jsonl"], path);
    assert!(
        export.status.success(),
        "{}",
        String::from_utf8_lossy(&export.stderr)
    );
    let rows: Vec<serde_json::Value> = String::from_utf8_lossy(&export.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut statuses: HashMap<String, usize> = HashMap::new();
    for row in &rows {
        *statuses
            .entry(row["status"].as_str().unwrap().to_owned())
            .or_default() += 1;
        let contents =
            std::fs::read_to_string(path.join(row["document"].as_str().unwrap())).unwrap();
        let (start, end) = (
            row["start"].as_u64().unwrap() as usize,
            row["end"].as_u64().unwrap() as usize,
        );
        let slice: String = contents.chars().skip(start).take(end - start).collect();
        assert_eq!(
            row["text"],
            slice.as_str(),
            "exported text is the document's text there"
        );
    }
    assert_eq!(statuses.get("moved"), Some(&6), "{statuses:?}");
    assert_eq!(statuses.get("fuzzy"), Some(&1), "{statuses:?}");
    assert_eq!(statuses.get("orphaned"), None, "{statuses:?}");

    let check = gloss_command(&["check", dir], path);
    let remarks = String::from_utf8_lossy(&check.stderr);
    assert_eq!(
        check.status.code(),
        Some(1),
        "a fuzzy annotation needs review: {remarks}"
    );
    assert!(
        remarks.contains("000_3c628aea443456d3.txt: the file changed since it was coded; re-anchored: 0 exact, 5 moved, 0 fuzzy, 0 orphaned"),
        "{remarks}"
    );
    assert!(
        remarks.contains("re-anchored approximately at"),
        "{remarks}"
    );
    assert!(
        remarks.contains("anchors: 23 exact, 6 moved, 1 fuzzy, 0 orphaned"),
        "{remarks}"
    );

    let stats = gloss_command(&["stats", dir, "--json"], path);
    let value: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(value["totals"]["anchors"]["moved"], 6);
    assert_eq!(value["totals"]["anchors"]["fuzzy"], 1);
    let table = gloss_command(&["stats", dir], path);
    assert!(
        String::from_utf8_lossy(&table.stdout)
            .contains("anchors: 23 exact, 6 moved, 1 fuzzy, 0 orphaned")
    );

    assert_eq!(
        std::fs::read(path.join("gloss.json")).unwrap(),
        project_file,
        "read-only commands write nothing"
    );

    // Saved, the statuses are in the file; opened again, nothing moves any more.
    let opened = gloss::storage::open_project(path).unwrap();
    assert_eq!(opened.reanchored.len(), 2);
    assert!(
        opened.revision_on_disk < opened.workspace.project.revision,
        "re-anchoring is unsaved"
    );
    gloss::storage::save_project(
        &opened.location.project_file,
        &opened.workspace.project,
        opened.on_disk,
    )
    .unwrap();
    let saved = std::fs::read_to_string(path.join("gloss.json")).unwrap();
    assert_eq!(saved.matches("\"status\": \"moved\"").count(), 6);
    assert_eq!(saved.matches("\"status\": \"fuzzy\"").count(), 1);
    let again = gloss::storage::open_project(path).unwrap();
    assert!(again.reanchored.is_empty());
    assert_eq!(again.revision_on_disk, again.workspace.project.revision);
}

#[test]
fn the_sample_project_file_is_unchanged_by_the_status_field() {
    let project =
        gloss::model::format::project_from_json(gloss::sample::SAMPLE_PROJECT_JSON).unwrap();
    assert!(
        project
            .annotations
            .iter()
            .all(|a| a.status == AnchorStatus::Exact)
    );
    assert_eq!(
        gloss::model::format::project_to_json(&project),
        gloss::sample::SAMPLE_PROJECT_JSON
    );
}

#[test]
fn a_step_the_project_refuses_is_left_out_and_the_others_apply() {
    let mut workspace = gloss::sample::workspace().unwrap();
    // A hand-edited file: one annotation refers to a topic the codebook lacks.
    let broken = workspace.project.annotations[0].id.clone();
    workspace.project.annotations[0]
        .topics
        .push(gloss::model::ids::TopicId::from("topic-gone"));
    let ids: Vec<DocumentId> = workspace.texts.keys().cloned().collect();
    for id in ids {
        let doc = Doc::of(&workspace, &id);
        workspace
            .texts
            .insert(id, loaded(&paragraphs_inserted(&doc)));
    }
    workspace.reanchor_changed_documents().unwrap();
    for annotation in &workspace.project.annotations {
        let expected = if annotation.id == broken {
            AnchorStatus::Exact
        } else {
            AnchorStatus::Moved
        };
        assert_eq!(annotation.status, expected, "{}", annotation.id);
    }
}
