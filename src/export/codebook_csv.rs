//! Codebook as CSV: columns `topic, parent, colour, description, number of
//! annotations, number of documents`, one row per topic in tree order (the
//! parent is named; colours are `#RRGGBB`). Same conventions as the excerpt
//! CSV: UTF-8 with BOM, CRLF, formula-like text prefixed with `'`.
//! `import::codebook_csv` reads it back.

use crate::export::csv::write_table;
use crate::export::table::Cell;
use crate::model::ids::{DocumentId, TopicId};
use crate::model::project::Project;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::io::{self, Write};

/// The header row.
const CODEBOOK_HEADERS: [&str; 6] = [
    "topic",
    "parent",
    "colour",
    "description",
    "number of annotations",
    "number of documents",
];

/// Writes the project's topics with how many annotations and documents use each.
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
    let rows = codebook.topic_tree().into_iter().map(|(_, topic)| {
        let parent = topic
            .parent
            .as_ref()
            .and_then(|p| codebook.topic(p))
            .map_or("", |p| p.name.as_str());
        vec![
            Cell::Text(Cow::Borrowed(&topic.name)),
            Cell::Text(Cow::Borrowed(parent)),
            Cell::Text(Cow::Owned(topic.color.to_string())),
            Cell::Text(Cow::Borrowed(&topic.description)),
            Cell::Number(annotations.get(&topic.id).copied().unwrap_or(0)),
            Cell::Number(documents.get(&topic.id).map_or(0, HashSet::len)),
        ]
    });
    write_table(&CODEBOOK_HEADERS, rows, out)
}
