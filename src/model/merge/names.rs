//! Codebook entries of one kind that share a name but not an id: two coders
//! who each made "Health" in their copy. Reported after a merge, so that they
//! can be unified (`gloss codebook merge-topics`).

use crate::model::codebook::Codebook;
use crate::model::merge::conflict::EntityKind;
use std::collections::BTreeMap;

/// Entries of one kind with the same name (compared as people type names:
/// case and spacing ignored) and different ids.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameClash {
    /// Topic, stance or actor.
    pub kind: EntityKind,
    /// The name as the first entry writes it.
    pub name: String,
    /// The ids of the entries, in codebook order.
    pub ids: Vec<String>,
}

/// The key names are compared by: lowercase words joined by one space.
pub(crate) fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Every clash of the codebook, topics first, then stances, then actors.
pub fn name_clashes(codebook: &Codebook) -> Vec<NameClash> {
    let mut clashes = Vec::new();
    let topics = codebook
        .topics
        .iter()
        .map(|t| (t.name.as_str(), t.id.as_str()));
    let stances = codebook
        .stances
        .iter()
        .map(|s| (s.name.as_str(), s.id.as_str()));
    let actors = codebook
        .actors
        .iter()
        .map(|a| (a.name.as_str(), a.id.as_str()));
    clashes_of(EntityKind::Topic, topics, &mut clashes);
    clashes_of(EntityKind::Stance, stances, &mut clashes);
    clashes_of(EntityKind::Actor, actors, &mut clashes);
    clashes
}

fn clashes_of<'a>(
    kind: EntityKind,
    entries: impl Iterator<Item = (&'a str, &'a str)>,
    clashes: &mut Vec<NameClash>,
) {
    let mut by_name: BTreeMap<String, NameClash> = BTreeMap::new();
    let mut order = Vec::new();
    for (name, id) in entries {
        let key = name_key(name);
        let entry = by_name.entry(key.clone()).or_insert_with(|| {
            order.push(key);
            NameClash {
                kind,
                name: name.to_string(),
                ids: Vec::new(),
            }
        });
        entry.ids.push(id.to_string());
    }
    for key in order {
        if let Some(clash) = by_name.remove(&key)
            && clash.ids.len() > 1
        {
            clashes.push(clash);
        }
    }
}
