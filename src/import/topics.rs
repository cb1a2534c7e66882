//! Merging topics read from another file (codebook CSV, REFI-QDA, Taguette)
//! into a project's codebook, as edits.
//!
//! An imported topic is the same as an existing one when their names match
//! (case- and whitespace-insensitively) and so do their parents; it then keeps
//! its id, and takes the imported colour and description when those are given
//! and differ. Every other imported topic is added with a new id.

use crate::model::codebook::{Codebook, Color, Topic, names_match, printable_name};
use crate::model::edit::Edit;
use crate::model::ids::TopicId;

/// Where an imported topic's parent is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParentRef {
    /// The file does not say (a Taguette tag): any topic of that name matches, else top level.
    Unknown,
    /// A top-level topic.
    None,
    /// Another entry of the same import (by index; it must come earlier).
    Entry(usize),
    /// A topic already in the project.
    Existing(TopicId),
}

/// One topic as read from a file.
#[derive(Clone, Debug, PartialEq)]
pub struct TopicEntry {
    /// The topic's name as written in the file.
    pub name: String,
    /// Where its parent is.
    pub parent: ParentRef,
    /// Its colour, if the file gives one (else a palette colour for a new topic).
    pub color: Option<Color>,
    /// Its description (empty: keep an existing topic's).
    pub description: String,
    /// False for a grouping topic that does not code passages (REFI-QDA
    /// `isCodable="false"`); only a new topic takes it, an existing one keeps its own.
    pub codable: bool,
    /// The id to give a new topic (e.g. from a Gloss export), if no topic has it yet.
    pub preferred_id: Option<TopicId>,
}

/// The result of a merge: edits (parents first), the id of each entry, and remarks.
#[derive(Clone, Debug, Default)]
pub struct TopicMerge {
    /// One edit per added or changed topic, parents first.
    pub edits: Vec<Edit>,
    /// `ids[i]` is the project's topic for entry `i`.
    pub ids: Vec<TopicId>,
    /// How many topics are new.
    pub added: usize,
    /// How many existing topics take a new colour or description.
    pub updated: usize,
    /// One line per entry that could not be placed as the file says.
    pub notes: Vec<String>,
}

/// Merges `entries` (parents before children) into `codebook`.
pub fn merge_topics(codebook: &Codebook, entries: &[TopicEntry]) -> TopicMerge {
    let mut merge = TopicMerge::default();
    // Topics as they will be after the edits so far (for matching later entries).
    let mut topics: Vec<Topic> = codebook.topics.clone();
    for (index, entry) in entries.iter().enumerate() {
        // The codebook refuses control characters; another tool's names may hold them.
        let cleaned = printable_name(&entry.name);
        let name = cleaned.as_str();
        let parent = match &entry.parent {
            ParentRef::None | ParentRef::Unknown => None,
            ParentRef::Entry(parent) if *parent < index => merge.ids.get(*parent).cloned(),
            ParentRef::Entry(_) => {
                merge.notes.push(format!(
                    "topic `{name}`: its parent comes later in the file; imported at the top level"
                ));
                None
            }
            ParentRef::Existing(id) => Some(id.clone()),
        };
        let existing = topics
            .iter()
            .position(|t| names_match(&t.name, name) && t.parent == parent)
            .or_else(|| {
                (entry.parent == ParentRef::Unknown)
                    .then(|| topics.iter().position(|t| names_match(&t.name, name)))
                    .flatten()
            });
        match existing {
            Some(position) => {
                let before = topics[position].clone();
                let mut after = before.clone();
                if let Some(color) = entry.color {
                    after.color = color;
                }
                if !entry.description.trim().is_empty() {
                    after.description = entry.description.clone();
                }
                if after != before {
                    merge.updated += 1;
                    topics[position] = after.clone();
                    merge.edits.push(Edit::Topic {
                        before: Some(before),
                        after: Some(after),
                    });
                }
                merge.ids.push(topics[position].id.clone());
            }
            None => {
                let id = entry
                    .preferred_id
                    .clone()
                    .filter(|id| !topics.iter().any(|t| &t.id == id))
                    .unwrap_or_else(TopicId::generate);
                let topic = Topic {
                    id,
                    name: name.to_owned(),
                    color: entry.color.unwrap_or_else(|| Color::palette(topics.len())),
                    parent,
                    description: entry.description.clone(),
                    codable: entry.codable,
                };
                merge.added += 1;
                merge.ids.push(topic.id.clone());
                topics.push(topic.clone());
                merge.edits.push(Edit::Topic {
                    before: None,
                    after: Some(topic),
                });
            }
        }
    }
    merge
}
