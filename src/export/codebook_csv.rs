//! Codebook as CSV: columns `topic, parent, colour, description, number of
//! annotations, number of documents`, one row per topic in tree order (the
//! parent is named; colours are `#RRGGBB`). Same conventions as the excerpt
//! CSV: UTF-8 with BOM, CRLF, formula-like text prefixed with `'`.
//!
//! [`read_topic_csv`] reads it back, and also reads Taguette's codebook CSV
//! (`tag, description, number of highlights`, with `parent` in newer versions);
//! counts are ignored on import.

use crate::export::csv::UTF8_BOM;
use crate::export::import_plan::{ImportError, ImportPlan, ImportReport};
use crate::export::table::neutralise_formula;
use crate::export::topic_import::{ParentRef, TopicEntry, merge_topics};
use crate::model::codebook::{Codebook, names_match};
use crate::model::edit::Edit;
use crate::model::ids::{DocumentId, TopicId};
use crate::model::project::Project;
use std::collections::{HashMap, HashSet};
use std::io::{self, Write};

pub const CODEBOOK_HEADERS: [&str; 6] = [
    "topic",
    "parent",
    "colour",
    "description",
    "number of annotations",
    "number of documents",
];

pub fn write_codebook_csv(project: &Project, out: &mut dyn Write) -> io::Result<()> {
    let codebook = &project.codebook;
    let mut annotations: HashMap<&TopicId, usize> = HashMap::new();
    let mut documents: HashMap<&TopicId, HashSet<&DocumentId>> = HashMap::new();
    for annotation in &project.annotations {
        for topic in &annotation.topics {
            *annotations.entry(topic).or_default() += 1;
            documents
                .entry(topic)
                .or_default()
                .insert(&annotation.document);
        }
    }
    let mut buffered = io::BufWriter::new(out);
    buffered.write_all(UTF8_BOM.as_bytes())?;
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(buffered);
    writer.write_record(CODEBOOK_HEADERS)?;
    for (_, topic) in codebook.topic_tree() {
        let parent = topic
            .parent
            .as_ref()
            .and_then(|p| codebook.topic(p))
            .map_or("", |p| p.name.as_str());
        writer.write_record([
            neutralise_formula(&topic.name).as_ref(),
            neutralise_formula(parent).as_ref(),
            &topic.color.to_string(),
            neutralise_formula(&topic.description).as_ref(),
            &annotations.get(&topic.id).copied().unwrap_or(0).to_string(),
            &documents.get(&topic.id).map_or(0, HashSet::len).to_string(),
        ])?;
    }
    writer.flush()?;
    Ok(())
}

/// Undoes [`neutralise_formula`] on a cell read back from our own CSV.
pub fn restore_formula_text(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => text,
    }
}

/// Why a CSV could not be read at all.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CsvReadError {
    #[error("not a CSV file: {0}")]
    Syntax(String),
    #[error("the CSV has no `{0}` column (found: {1})")]
    MissingColumn(String, String),
}

/// A CSV's header and rows, BOM removed; header names trimmed and lowercased.
pub fn read_csv_table(bytes: &[u8]) -> Result<(Vec<String>, Vec<Vec<String>>), CsvReadError> {
    let bytes = bytes.strip_prefix(UTF8_BOM.as_bytes()).unwrap_or(bytes);
    let mut reader = ::csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(bytes);
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| CsvReadError::Syntax(e.to_string()))?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| CsvReadError::Syntax(e.to_string()))?;
        rows.push(record.iter().map(str::to_string).collect());
    }
    Ok((headers, rows))
}

/// Topics read from a codebook CSV (ours or Taguette's), parents before children.
#[derive(Clone, Debug, Default)]
pub struct TopicCsv {
    pub entries: Vec<TopicEntry>,
    /// Per row that could not be used: why.
    pub notes: Vec<String>,
}

/// Reads our codebook CSV or Taguette's; `existing` resolves parents not in the file.
pub fn read_topic_csv(bytes: &[u8], existing: &Codebook) -> Result<TopicCsv, CsvReadError> {
    let (headers, rows) = read_csv_table(bytes)?;
    let column = |names: &[&str]| headers.iter().position(|h| names.contains(&h.as_str()));
    let name_column = column(&["topic", "tag", "name", "code"])
        .ok_or_else(|| CsvReadError::MissingColumn("topic".into(), headers.join(", ")))?;
    let parent_column = column(&["parent"]);
    let color_column = column(&["colour", "color"]);
    let description_column = column(&["description"]);
    let cell = |row: &Vec<String>, column: Option<usize>| {
        column
            .and_then(|c| row.get(c))
            .map(|s| restore_formula_text(s.trim()).to_string())
            .unwrap_or_default()
    };
    let mut result = TopicCsv::default();
    // (row number, name, parent name, colour, description)
    let mut pending: Vec<(usize, String, String, String, String)> = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        let line = index + 2;
        let name = cell(row, Some(name_column));
        if name.is_empty() {
            result
                .notes
                .push(format!("row {line}: no topic name; skipped"));
            continue;
        }
        pending.push((
            line,
            name,
            cell(row, parent_column),
            cell(row, color_column),
            cell(row, description_column),
        ));
    }
    // Parents before children: repeat passes until nothing more can be placed.
    let mut placed_names: Vec<String> = Vec::new();
    while !pending.is_empty() {
        let before = pending.len();
        let mut index = 0;
        while index < pending.len() {
            let (line, name, parent, color, description) = &pending[index];
            let parent_ref = if parent_column.is_none() {
                Some(ParentRef::Unknown)
            } else if parent.is_empty() {
                Some(ParentRef::None)
            } else if let Some(position) = placed_names.iter().position(|n| names_match(n, parent))
            {
                Some(ParentRef::Entry(position))
            } else if pending.iter().any(|p| names_match(&p.1, parent)) {
                None // its parent is still to be placed
            } else if let Some(topic) = existing.topic_by_name(parent) {
                Some(ParentRef::Existing(topic.id.clone()))
            } else {
                result.notes.push(format!(
                    "row {line}: topic `{name}` names an unknown parent `{parent}`; imported at the top level"
                ));
                Some(ParentRef::None)
            };
            let Some(parent_ref) = parent_ref else {
                index += 1;
                continue;
            };
            let color_value = if color.is_empty() {
                None
            } else {
                match color.parse() {
                    Ok(c) => Some(c),
                    Err(_) => {
                        result.notes.push(format!(
                            "row {line}: `{color}` is not a colour #RRGGBB; a palette colour is used"
                        ));
                        None
                    }
                }
            };
            result.entries.push(TopicEntry {
                name: name.clone(),
                parent: parent_ref,
                color: color_value,
                description: description.clone(),
                preferred_id: None,
            });
            placed_names.push(name.clone());
            pending.remove(index);
        }
        if pending.len() == before {
            for (line, name, parent, ..) in pending.drain(..) {
                result.notes.push(format!(
                    "row {line}: topic `{name}` has a parent loop through `{parent}`; imported at the top level"
                ));
                result.entries.push(TopicEntry {
                    name: name.clone(),
                    parent: ParentRef::None,
                    color: None,
                    description: String::new(),
                    preferred_id: None,
                });
                placed_names.push(name);
            }
        }
    }
    Ok(result)
}

/// Plans merging a codebook CSV (ours or Taguette's) into `codebook`.
pub fn import_codebook_csv(bytes: &[u8], codebook: &Codebook) -> Result<ImportPlan, ImportError> {
    let read = read_topic_csv(bytes, codebook).map_err(|e| ImportError::Csv(e.to_string()))?;
    let merge = merge_topics(codebook, &read.entries);
    let mut problems = read.notes;
    problems.extend(merge.notes);
    Ok(ImportPlan {
        new_files: Vec::new(),
        edit: (!merge.edits.is_empty()).then(|| Edit::batch("import codebook", merge.edits)),
        report: ImportReport {
            summary: format!(
                "{} topic(s) read: {} added, {} updated",
                read.entries.len(),
                merge.added,
                merge.updated
            ),
            problems,
        },
    })
}
