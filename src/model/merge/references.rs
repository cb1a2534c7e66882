//! After a merge: an entity one side deleted while the other side's
//! annotations (or sub-topics) still use it comes back, with a conflict, so
//! that no coding is lost or left pointing at nothing.

use crate::model::merge::conflict::{Kept, MergeConflict};
use crate::model::merge::entity::{Entity, deleted_conflict};
use crate::model::project::Project;
use crate::model::unknown_keys::{Extra, UnknownKeys};
use std::collections::{HashMap, HashSet};

/// Adds back every document, topic, stance and actor that the merged project
/// refers to but no longer has, from the side that still has it.
pub(crate) fn restore_used(
    project: &mut Project,
    (base, ours, theirs): (&Project, &Project, &Project),
    conflicts: &mut Vec<MergeConflict>,
) {
    let mut documents = HashSet::new();
    let mut topics = HashSet::new();
    let mut stances = HashSet::new();
    let mut actors = HashSet::new();
    for annotation in &project.annotations {
        documents.insert(annotation.document.as_str().to_string());
        topics.extend(annotation.topics.iter().map(|t| t.as_str().to_string()));
        stances.extend(annotation.stance.iter().map(|s| s.as_str().to_string()));
        for actor in annotation.holder.iter().chain(&annotation.target) {
            actors.insert(actor.as_str().to_string());
        }
    }
    let sides = Sides { base, ours, theirs };
    restore(
        &mut project.documents,
        &mut project.unknown.documents,
        &documents,
        &sides.lists(|p| &p.documents, |k| &k.documents),
        conflicts,
    );
    restore(
        &mut project.codebook.stances,
        &mut project.unknown.stances,
        &stances,
        &sides.lists(|p| &p.codebook.stances, |k| &k.stances),
        conflicts,
    );
    restore(
        &mut project.codebook.actors,
        &mut project.unknown.actors,
        &actors,
        &sides.lists(|p| &p.codebook.actors, |k| &k.actors),
        conflicts,
    );
    // Topics: a restored topic's parent may be missing too, so repeat until none is.
    let topic_lists = sides.lists(|p| &p.codebook.topics, |k| &k.topics);
    loop {
        let mut wanted = topics.clone();
        wanted.extend(
            project
                .codebook
                .topics
                .iter()
                .filter_map(|t| t.parent.as_ref().map(|p| p.as_str().to_string())),
        );
        let restored = restore(
            &mut project.codebook.topics,
            &mut project.unknown.topics,
            &wanted,
            &topic_lists,
            conflicts,
        );
        if restored == 0 {
            break;
        }
    }
}

struct Sides<'a> {
    base: &'a Project,
    ours: &'a Project,
    theirs: &'a Project,
}

/// One list of each side with its unknown keys.
type Lists<'a, T> = [(&'a [T], &'a HashMap<String, Extra>); 3];

impl<'a> Sides<'a> {
    fn lists<T>(
        &self,
        items: impl Fn(&'a Project) -> &'a Vec<T>,
        extras: impl Fn(&'a UnknownKeys) -> &'a HashMap<String, Extra>,
    ) -> Lists<'a, T> {
        [self.base, self.ours, self.theirs].map(|p| (items(p).as_slice(), extras(&p.unknown)))
    }
}

/// Adds back the entities of `wanted` that `items` lacks and ours or theirs
/// has; returns how many.
fn restore<T: Entity>(
    items: &mut Vec<T>,
    extras: &mut HashMap<String, Extra>,
    wanted: &HashSet<String>,
    [base, ours, theirs]: &Lists<'_, T>,
    conflicts: &mut Vec<MergeConflict>,
) -> usize {
    let present: HashSet<&str> = items.iter().map(Entity::key).collect();
    let mut missing: Vec<&String> = wanted
        .iter()
        .filter(|id| !present.contains(id.as_str()))
        .collect();
    if missing.is_empty() {
        return 0;
    }
    missing.sort();
    let find = |list: &[T], id: &str| list.iter().find(|item| item.key() == id).cloned();
    let mut restored = 0;
    for id in missing {
        let (o, t) = (find(ours.0, id), find(theirs.0, id));
        let (item, kept, side_extras) = match (&o, &t) {
            (Some(item), _) => (item.clone(), Kept::Ours, ours.1),
            (None, Some(item)) => (item.clone(), Kept::Theirs, theirs.1),
            (None, None) => continue,
        };
        let b = find(base.0, id);
        conflicts.push(deleted_conflict(
            id,
            b.as_ref(),
            o.as_ref(),
            t.as_ref(),
            kept,
        ));
        if let Some(extra) = side_extras.get(id.as_str()) {
            extras.insert(id.clone(), extra.clone());
        }
        items.push(item);
        restored += 1;
    }
    restored
}
