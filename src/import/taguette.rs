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

use crate::import::codebook_csv::read_topic_csv;
use crate::import::csv_table::CsvTable;
use crate::import::error::ImportError;
use crate::import::plan::{ImportPlan, ImportReport};
use crate::import::topics::{ParentRef, TopicEntry, merge_topics};
use crate::model::annotation::Annotation;
use crate::model::codebook::{Codebook, names_match};
use crate::model::document::DocumentRecord;
use crate::model::edit::Edit;
use crate::model::ids::{DocumentId, TopicId};
use crate::model::text::CharRange;
use crate::model::workspace::Workspace;
use std::collections::HashMap;

/// The columns of Taguette's highlights export.
const HIGHLIGHT_COLUMNS: [&str; 4] = ["id", "document", "tag", "content"];

/// Is this CSV header Taguette's highlights export?
pub fn is_highlights_header(headers: &[String]) -> bool {
    HIGHLIGHT_COLUMNS
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
    let file_name = |d: &DocumentRecord| d.path.rsplit('/').next().unwrap_or(&d.path).to_owned();
    let stem = |d: &DocumentRecord| {
        let file = file_name(d);
        file.rsplit_once('.')
            .map_or(file.clone(), |(s, _)| s.to_owned())
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
    /// Row number of its first row (the header is row 1).
    row: usize,
}

impl Highlight {
    fn label(&self) -> String {
        format!("highlight {} (row {})", self.id, self.row)
    }
}

/// Gathers the rows of one id into one highlight, keeping file order.
fn read_highlights(table: &CsvTable) -> Vec<Highlight> {
    let column = |name: &str| table.column(&[name]).unwrap_or(0);
    let [id_column, document_column, tag_column, content_column] = HIGHLIGHT_COLUMNS.map(column);
    let cell = |row: &Vec<String>, index: usize| row.get(index).cloned().unwrap_or_default();
    let mut highlights: Vec<Highlight> = Vec::new();
    let mut index_of: HashMap<String, usize> = HashMap::new();
    for (index, row) in table.rows.iter().enumerate() {
        let id = cell(row, id_column).trim().to_owned();
        let tag = cell(row, tag_column).trim().to_owned();
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
    highlights
}

/// Topics: the codebook's (with parents and descriptions), then tags only used in highlights.
fn topic_entries(
    codebook_csv: Option<&[u8]>,
    highlights: &[Highlight],
    existing: &Codebook,
    problems: &mut Vec<String>,
) -> Result<Vec<TopicEntry>, ImportError> {
    let mut entries = match codebook_csv {
        Some(bytes) => {
            let read = read_topic_csv(bytes, existing).map_err(ImportError::TaguetteCodebook)?;
            problems.extend(read.notes.into_iter().map(|n| format!("codebook {n}")));
            read.entries
        }
        None => Vec::new(),
    };
    for tag in highlights.iter().flat_map(|h| &h.tags) {
        if !entries.iter().any(|e| names_match(&e.name, tag)) {
            entries.push(TopicEntry {
                name: tag.clone(),
                parent: ParentRef::Unknown,
                color: None,
                description: String::new(),
                preferred_id: None,
                codable: true,
            });
        }
    }
    Ok(entries)
}

/// Places highlights in the documents, each looked for from the previous one on.
struct Placer<'a> {
    workspace: &'a Workspace,
    squeezed: HashMap<DocumentId, Squeezed>,
    search_from: HashMap<DocumentId, usize>,
    problems: Vec<String>,
}

impl<'a> Placer<'a> {
    /// The document and range of a highlight; a problem line when it cannot be placed.
    fn place(&mut self, highlight: &Highlight) -> Option<(&'a DocumentRecord, CharRange)> {
        let label = highlight.label();
        let Some(document) = find_document(self.workspace, &highlight.document) else {
            self.problems.push(format!(
                "{label}: no document named `{}` in the project; not placed",
                highlight.document
            ));
            return None;
        };
        let Some(loaded) = self.workspace.text(&document.id) else {
            self.problems.push(format!(
                "{label}: document `{}` could not be read; not placed",
                document.path
            ));
            return None;
        };
        let found = self
            .squeezed
            .entry(document.id.clone())
            .or_insert_with(|| Squeezed::new(loaded.text.as_str()))
            .find_all(&highlight.content);
        let from = self.search_from.get(&document.id).copied().unwrap_or(0);
        let chosen = found
            .iter()
            .find(|r| r.start.0 >= from)
            .or_else(|| found.first())
            .copied();
        let Some(range) = chosen else {
            let preview: String = highlight.content.chars().take(60).collect();
            self.problems.push(format!(
                "{label}: its text “{preview}” was not found in `{}`; not placed",
                document.path
            ));
            return None;
        };
        if found.len() > 1 {
            self.problems.push(format!(
                "{label}: its text occurs {} times in `{}`; placed at chars {}–{} (the first after the previous highlight)",
                found.len(),
                document.path,
                range.start.0,
                range.end.0
            ));
        }
        self.search_from.insert(document.id.clone(), range.start.0);
        Some((document, range))
    }
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
    let table = CsvTable::read(highlights_csv)?;
    if !is_highlights_header(&table.headers) {
        return Err(ImportError::NotTaguetteHighlights {
            found: table.headers,
        });
    }
    let highlights = read_highlights(&table);
    let mut problems = Vec::new();
    let entries = topic_entries(codebook_csv, &highlights, &project.codebook, &mut problems)?;
    let merge = merge_topics(&project.codebook, &entries);
    problems.extend(merge.notes.iter().cloned());
    let topic_of = |tag: &str| -> Option<TopicId> {
        let index = entries.iter().position(|e| names_match(&e.name, tag))?;
        merge.ids.get(index).cloned()
    };

    let mut placer = Placer {
        workspace,
        squeezed: HashMap::new(),
        search_from: HashMap::new(),
        problems,
    };
    let mut annotations: Vec<Annotation> = Vec::new();
    for highlight in &highlights {
        let Some((document, range)) = placer.place(highlight) else {
            continue;
        };
        let Ok(mut annotation) = workspace.new_annotation(&document.id, range, coder, now) else {
            let label = highlight.label();
            placer
                .problems
                .push(format!("{label}: the found range is empty; not placed"));
            continue;
        };
        for topic in highlight.tags.iter().filter_map(|tag| topic_of(tag)) {
            if !annotation.topics.contains(&topic) {
                annotation.topics.push(topic);
            }
        }
        annotations.push(annotation);
    }

    let placed = annotations.len();
    let summary = format!(
        "{} highlight(s) read: {placed} placed, {} not placed; {} topic(s) added, {} updated",
        highlights.len(),
        highlights.len() - placed,
        merge.added,
        merge.updated
    );
    let mut edits = merge.edits;
    // In the project's order, so that each insertion lands near the end (no quadratic shifting).
    annotations.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
    edits.extend(annotations.into_iter().map(Edit::add_annotation));
    Ok(ImportPlan::edits_only(
        "import Taguette highlights",
        edits,
        ImportReport {
            summary,
            problems: placer.problems,
        },
    ))
}
