//! Import from Taguette: its highlights CSV (`id, document, tag, content`, one
//! row per highlight and tag) and optionally its codebook CSV (`tag,
//! description, number of highlights`, with `parent` in newer versions).
//!
//! Taguette exports no offsets, so each highlight is placed by finding its
//! text in the project document of that name (matched by path, file name,
//! file name without extension, or title). Taguette turns its HTML into plain
//! text for the export, so whitespace is ignored when comparing. Highlights
//! come in document order, so each is looked for from the previous one on;
//! every highlight that cannot be placed, or whose text occurs more than
//! once, is reported.

use crate::export::codebook_csv::{read_csv_table, read_topic_csv};
use crate::export::import_plan::{ImportError, ImportPlan, ImportReport};
use crate::export::topic_import::{ParentRef, TopicEntry, merge_topics};
use crate::model::codebook::names_match;
use crate::model::document::DocumentRecord;
use crate::model::edit::Edit;
use crate::model::ids::DocumentId;
use crate::model::text::CharRange;
use crate::model::workspace::Workspace;
use std::collections::HashMap;

/// Is this CSV header Taguette's highlights export?
pub fn is_highlights_header(headers: &[String]) -> bool {
    ["id", "document", "tag", "content"]
        .iter()
        .all(|wanted| headers.iter().any(|h| h == wanted))
}

/// A document's text without whitespace, with the char offset of each kept char.
struct Squeezed {
    text: String,
    /// `offsets[i]`: char offset in the document of the i-th kept char.
    offsets: Vec<usize>,
    /// Byte index in `text` of each kept char.
    bytes: Vec<usize>,
}

impl Squeezed {
    fn new(text: &str) -> Self {
        let mut squeezed = Self {
            text: String::with_capacity(text.len()),
            offsets: Vec::new(),
            bytes: Vec::new(),
        };
        for (offset, c) in text.chars().enumerate() {
            if !c.is_whitespace() {
                squeezed.bytes.push(squeezed.text.len());
                squeezed.offsets.push(offset);
                squeezed.text.push(c);
            }
        }
        squeezed
    }

    /// Char ranges in the document of every occurrence of `needle` (whitespace ignored).
    fn find_all(&self, needle: &str) -> Vec<CharRange> {
        let needle: String = needle.chars().filter(|c| !c.is_whitespace()).collect();
        let needle_chars = needle.chars().count();
        if needle_chars == 0 {
            return Vec::new();
        }
        self.text
            .match_indices(&needle)
            .filter_map(|(byte, _)| {
                let first = self.bytes.binary_search(&byte).ok()?;
                let last = first + needle_chars - 1;
                Some(CharRange::new(
                    self.offsets[first],
                    self.offsets.get(last)? + 1,
                ))
            })
            .collect()
    }
}

/// The project document a Taguette document name refers to.
fn find_document<'a>(workspace: &'a Workspace, name: &str) -> Option<&'a DocumentRecord> {
    let name = name.trim();
    let documents = &workspace.project.documents;
    let file_name = |d: &DocumentRecord| d.path.rsplit('/').next().unwrap_or(&d.path).to_string();
    let stem = |d: &DocumentRecord| {
        let file = file_name(d);
        file.rsplit_once('.')
            .map_or(file.clone(), |(s, _)| s.to_string())
    };
    documents
        .iter()
        .find(|d| d.path == name)
        .or_else(|| documents.iter().find(|d| names_match(&file_name(d), name)))
        .or_else(|| documents.iter().find(|d| names_match(&stem(d), name)))
        .or_else(|| documents.iter().find(|d| names_match(d.title(), name)))
}

/// One highlight, its rows gathered.
struct Highlight {
    id: String,
    document: String,
    tags: Vec<String>,
    content: String,
    row: usize,
}

/// Plans importing Taguette highlights (and codebook) into `workspace`'s project.
pub fn import_taguette(
    highlights_csv: &[u8],
    codebook_csv: Option<&[u8]>,
    workspace: &Workspace,
    coder: &str,
    now: &str,
) -> Result<ImportPlan, ImportError> {
    let project = &workspace.project;
    let (headers, rows) =
        read_csv_table(highlights_csv).map_err(|e| ImportError::Csv(e.to_string()))?;
    if !is_highlights_header(&headers) {
        return Err(ImportError::Csv(format!(
            "not a Taguette highlights CSV: expected the columns id, document, tag, content; found {}",
            headers.join(", ")
        )));
    }
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap_or(0);
    let (id_column, document_column, tag_column, content_column) = (
        column("id"),
        column("document"),
        column("tag"),
        column("content"),
    );
    let cell = |row: &Vec<String>, index: usize| row.get(index).cloned().unwrap_or_default();
    let mut problems = Vec::new();

    // Gather the rows of one id into one highlight, keeping file order.
    let mut highlights: Vec<Highlight> = Vec::new();
    let mut index_of: HashMap<String, usize> = HashMap::new();
    for (index, row) in rows.iter().enumerate() {
        let id = cell(row, id_column).trim().to_string();
        let tag = cell(row, tag_column).trim().to_string();
        match index_of.get(&id) {
            Some(&existing) if !id.is_empty() => {
                if !tag.is_empty() && !highlights[existing].tags.contains(&tag) {
                    highlights[existing].tags.push(tag);
                }
            }
            _ => {
                index_of.insert(id.clone(), highlights.len());
                highlights.push(Highlight {
                    id,
                    document: cell(row, document_column),
                    tags: if tag.is_empty() {
                        Vec::new()
                    } else {
                        vec![tag]
                    },
                    content: cell(row, content_column),
                    row: index + 2,
                });
            }
        }
    }

    // Topics: the codebook's (with parents and descriptions), then tags only used in highlights.
    let mut entries: Vec<TopicEntry> = match codebook_csv {
        Some(bytes) => {
            let read = read_topic_csv(bytes, &project.codebook)
                .map_err(|e| ImportError::Csv(format!("codebook: {e}")))?;
            problems.extend(read.notes.into_iter().map(|n| format!("codebook {n}")));
            read.entries
        }
        None => Vec::new(),
    };
    for highlight in &highlights {
        for tag in &highlight.tags {
            if !entries.iter().any(|e| names_match(&e.name, tag)) {
                entries.push(TopicEntry {
                    name: tag.clone(),
                    parent: ParentRef::Unknown,
                    color: None,
                    description: String::new(),
                    preferred_id: None,
                });
            }
        }
    }
    let merge = merge_topics(&project.codebook, &entries);
    problems.extend(merge.notes.iter().cloned());
    let topic_of = |tag: &str| {
        entries
            .iter()
            .position(|e| names_match(&e.name, tag))
            .and_then(|i| merge.ids.get(i).cloned())
    };

    let mut squeezed: HashMap<DocumentId, Squeezed> = HashMap::new();
    let mut search_from: HashMap<DocumentId, usize> = HashMap::new();
    let mut annotation_edits = Vec::new();
    let (mut placed, mut not_placed) = (0usize, 0usize);
    for highlight in &highlights {
        let label = format!("highlight {} (row {})", highlight.id, highlight.row);
        let Some(document) = find_document(workspace, &highlight.document) else {
            problems.push(format!(
                "{label}: no document named `{}` in the project; not placed",
                highlight.document
            ));
            not_placed += 1;
            continue;
        };
        let Some(loaded) = workspace.text(&document.id) else {
            problems.push(format!(
                "{label}: document `{}` could not be read; not placed",
                document.path
            ));
            not_placed += 1;
            continue;
        };
        let index = squeezed
            .entry(document.id.clone())
            .or_insert_with(|| Squeezed::new(loaded.text.as_str()));
        let found = index.find_all(&highlight.content);
        let from = search_from.get(&document.id).copied().unwrap_or(0);
        let chosen = found
            .iter()
            .find(|r| r.start.0 >= from)
            .or_else(|| found.first())
            .copied();
        let Some(range) = chosen else {
            let preview: String = highlight.content.chars().take(60).collect();
            problems.push(format!(
                "{label}: its text “{preview}” was not found in `{}`; not placed",
                document.path
            ));
            not_placed += 1;
            continue;
        };
        if found.len() > 1 {
            problems.push(format!(
                "{label}: its text occurs {} times in `{}`; placed at chars {}–{} (the first after the previous highlight)",
                found.len(),
                document.path,
                range.start.0,
                range.end.0
            ));
        }
        search_from.insert(document.id.clone(), range.start.0);
        let Ok(mut annotation) = workspace.new_annotation(&document.id, range, coder, now) else {
            problems.push(format!("{label}: the found range is empty; not placed"));
            not_placed += 1;
            continue;
        };
        for tag in &highlight.tags {
            if let Some(topic) = topic_of(tag)
                && !annotation.topics.contains(&topic)
            {
                annotation.topics.push(topic);
            }
        }
        placed += 1;
        annotation_edits.push(annotation);
    }

    let mut edits = merge.edits;
    // In the project's order, so that each insertion lands near the end (no quadratic shifting).
    annotation_edits.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
    edits.extend(annotation_edits.into_iter().map(Edit::add_annotation));
    let summary = format!(
        "{} highlight(s) read: {placed} placed, {not_placed} not placed; {} topic(s) added, {} updated",
        highlights.len(),
        merge.added,
        merge.updated
    );
    Ok(ImportPlan {
        new_files: Vec::new(),
        edit: (!edits.is_empty()).then(|| Edit::batch("import Taguette highlights", edits)),
        report: ImportReport { summary, problems },
    })
}
