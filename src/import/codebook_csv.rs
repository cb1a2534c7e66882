//! Reading a codebook CSV into topics: Gloss's own (`topic, parent, colour,
//! description, …`, see `export::codebook_csv`) or Taguette's (`tag,
//! description, number of highlights`, with `parent` in newer versions).
//! Counts are ignored; parents are placed before their children.

use crate::import::csv_table::{CsvTable, restore_formula_text};
use crate::import::error::{CsvReadError, ImportError};
use crate::import::plan::{ImportPlan, ImportReport};
use crate::import::topics::{ParentRef, TopicEntry, merge_topics};
use crate::model::codebook::{Codebook, Color, names_match};

/// Topics read from a codebook CSV (ours or Taguette's), parents before children.
#[derive(Clone, Debug, Default)]
pub struct TopicCsv {
    /// The topics, each parent before its children.
    pub entries: Vec<TopicEntry>,
    /// Per row that could not be used: why.
    pub notes: Vec<String>,
}

/// One named row, before its parent is placed.
struct TopicRow {
    /// Row number in the file (the header is row 1).
    line: usize,
    name: String,
    parent: String,
    color: String,
    description: String,
}

/// Where the columns a codebook CSV may have are.
struct TopicColumns {
    name: usize,
    parent: Option<usize>,
    color: Option<usize>,
    description: Option<usize>,
}

impl TopicColumns {
    fn find(table: &CsvTable) -> Result<Self, CsvReadError> {
        Ok(Self {
            name: table
                .column(&["topic", "tag", "name", "code"])
                .ok_or_else(|| CsvReadError::MissingColumn {
                    wanted: "topic",
                    found: table.headers.clone(),
                })?,
            parent: table.column(&["parent"]),
            color: table.column(&["colour", "color"]),
            description: table.column(&["description"]),
        })
    }

    /// The rows with a name, in file order; a note for each row without one.
    fn rows(&self, table: &CsvTable, notes: &mut Vec<String>) -> Vec<TopicRow> {
        let cell = |row: &Vec<String>, column: Option<usize>| {
            column
                .and_then(|c| row.get(c))
                .map(|s| restore_formula_text(s.trim()).to_owned())
                .unwrap_or_default()
        };
        let mut named = Vec::new();
        for (index, row) in table.rows.iter().enumerate() {
            let line = index + 2;
            let name = cell(row, Some(self.name));
            if name.is_empty() {
                notes.push(format!("row {line}: no topic name; skipped"));
                continue;
            }
            named.push(TopicRow {
                line,
                name,
                parent: cell(row, self.parent),
                color: cell(row, self.color),
                description: cell(row, self.description),
            });
        }
        named
    }
}

/// Reads our codebook CSV or Taguette's; `existing` resolves parents not in the file.
pub fn read_topic_csv(bytes: &[u8], existing: &Codebook) -> Result<TopicCsv, CsvReadError> {
    let table = CsvTable::read(bytes)?;
    let columns = TopicColumns::find(&table)?;
    let mut result = TopicCsv::default();
    let rows = columns.rows(&table, &mut result.notes);
    place_parents_first(rows, columns.parent.is_some(), existing, &mut result);
    Ok(result)
}

/// Moves `pending` rows into `result.entries`, each after its parent: passes
/// repeat until nothing more can be placed; what is left is a parent loop.
fn place_parents_first(
    mut pending: Vec<TopicRow>,
    has_parent_column: bool,
    existing: &Codebook,
    result: &mut TopicCsv,
) {
    while !pending.is_empty() {
        let before = pending.len();
        let mut index = 0;
        while index < pending.len() {
            let parent = if has_parent_column {
                resolve_parent(&pending, index, result, existing)
            } else {
                Some(ParentRef::Unknown)
            };
            let Some(parent) = parent else {
                index += 1;
                continue;
            };
            let row = pending.remove(index);
            let color = parse_color_cell(&row, &mut result.notes);
            result.entries.push(TopicEntry {
                name: row.name,
                parent,
                color,
                description: row.description,
                preferred_id: None,
                codable: true,
            });
        }
        if pending.len() == before {
            for row in pending.drain(..) {
                result.notes.push(format!(
                    "row {}: topic `{}` has a parent loop through `{}`; imported at the top level",
                    row.line, row.name, row.parent
                ));
                result.entries.push(TopicEntry {
                    name: row.name,
                    parent: ParentRef::None,
                    color: None,
                    description: String::new(),
                    preferred_id: None,
                    codable: true,
                });
            }
        }
    }
}

/// Where the parent of `pending[index]` is; `None` while it is still to be placed.
fn resolve_parent(
    pending: &[TopicRow],
    index: usize,
    result: &mut TopicCsv,
    existing: &Codebook,
) -> Option<ParentRef> {
    let row = &pending[index];
    let parent = row.parent.as_str();
    if parent.is_empty() {
        return Some(ParentRef::None);
    }
    if let Some(position) = result
        .entries
        .iter()
        .position(|e| names_match(&e.name, parent))
    {
        return Some(ParentRef::Entry(position));
    }
    if pending.iter().any(|p| names_match(&p.name, parent)) {
        return None;
    }
    if let Some(topic) = existing.topic_by_name(parent) {
        return Some(ParentRef::Existing(topic.id.clone()));
    }
    result.notes.push(format!(
        "row {}: topic `{}` names an unknown parent `{parent}`; imported at the top level",
        row.line, row.name
    ));
    Some(ParentRef::None)
}

/// The row's colour; a note (and a palette colour later) when it is not `#RRGGBB`.
fn parse_color_cell(row: &TopicRow, notes: &mut Vec<String>) -> Option<Color> {
    if row.color.is_empty() {
        return None;
    }
    match row.color.parse() {
        Ok(color) => Some(color),
        Err(_) => {
            notes.push(format!(
                "row {}: `{}` is not a colour #RRGGBB; a palette colour is used",
                row.line, row.color
            ));
            None
        }
    }
}

/// Plans merging a codebook CSV (ours or Taguette's) into `codebook`.
pub fn import_codebook_csv(bytes: &[u8], codebook: &Codebook) -> Result<ImportPlan, ImportError> {
    let read = read_topic_csv(bytes, codebook)?;
    let merge = merge_topics(codebook, &read.entries);
    let mut problems = read.notes;
    problems.extend(merge.notes);
    let summary = format!(
        "{} topic(s) read: {} added, {} updated",
        read.entries.len(),
        merge.added,
        merge.updated
    );
    Ok(ImportPlan::edits_only(
        "import codebook",
        merge.edits,
        ImportReport { summary, problems },
    ))
}
