//! Merging projects: the three-way merge by stable id that `gloss merge` and
//! git's merge driver run (BASE, OURS, THEIRS → one project), and the merge of
//! two projects that started apart (documents matched by content hash,
//! codebook entries by name: [`unrelated`]).
//!
//! The rules, entity by entity (documents, topics, stances, actors,
//! annotations, and the unknown keys of each): additions from both sides are
//! kept; a deletion is honoured unless the other side changed the entity (then
//! it is kept and a conflict recorded); a field changed on one side is taken;
//! a field changed differently on both sides keeps ours and is recorded as a
//! [`MergeConflict`] in the project's `conflicts` list, with all three values,
//! so nothing is dropped. An annotation's `start`, `end` and `anchor` move
//! together (`position`); `modified` takes the later time. An entity deleted on
//! one side but still used by the other side's annotations (or sub-topics) is
//! kept, with a conflict. Codebook entries with the same name and different
//! ids are reported ([`NameClash`]).
//!
//! Pure: projects in, a project and a report out.

pub mod conflict;
mod entity;
mod names;
mod references;
pub mod resolve;
pub mod unify;
pub mod unrelated;

pub use conflict::{EntityKind, Kept, MergeConflict};
pub use names::{NameClash, name_clashes};

use crate::model::codebook::Codebook;
use crate::model::project::Project;
use crate::model::unknown_keys::UnknownKeys;
use entity::{Entity, Side, merge_extra, merge_list};
use std::collections::HashMap;

/// What a merge made, and what it has to say about it.
#[derive(Clone, Debug)]
pub struct MergeOutcome {
    /// The merged project (its `conflicts` hold the old and the new ones).
    pub project: Project,
    /// The conflicts this merge recorded.
    pub new_conflicts: Vec<MergeConflict>,
    /// Codebook entries of the merged project that share a name.
    pub name_clashes: Vec<NameClash>,
}

/// Merges OURS and THEIRS, which both started from BASE.
pub fn merge_three_way(base: &Project, ours: &Project, theirs: &Project) -> MergeOutcome {
    let mut conflicts = Vec::new();
    let (b, o, t) = (&base.unknown, &ours.unknown, &theirs.unknown);
    let documents = merge_list(
        &side(&base.documents, &b.documents),
        &side(&ours.documents, &o.documents),
        &side(&theirs.documents, &t.documents),
        &mut conflicts,
    );
    let topics = merge_list(
        &side(&base.codebook.topics, &b.topics),
        &side(&ours.codebook.topics, &o.topics),
        &side(&theirs.codebook.topics, &t.topics),
        &mut conflicts,
    );
    let stances = merge_list(
        &side(&base.codebook.stances, &b.stances),
        &side(&ours.codebook.stances, &o.stances),
        &side(&theirs.codebook.stances, &t.stances),
        &mut conflicts,
    );
    let actors = merge_list(
        &side(&base.codebook.actors, &b.actors),
        &side(&ours.codebook.actors, &o.actors),
        &side(&theirs.codebook.actors, &t.actors),
        &mut conflicts,
    );
    let annotations = merge_list(
        &side(&base.annotations, &b.annotations),
        &side(&ours.annotations, &o.annotations),
        &side(&theirs.annotations, &t.annotations),
        &mut conflicts,
    );
    let anchors = merge_anchor_extras(&annotations.items, (b, o, t), &mut conflicts);
    let unknown = UnknownKeys {
        top: merge_extra(
            &b.top,
            &o.top,
            &t.top,
            (EntityKind::Project, "", ""),
            &mut conflicts,
        ),
        codebook: merge_extra(
            &b.codebook,
            &o.codebook,
            &t.codebook,
            (EntityKind::Project, "", "codebook."),
            &mut conflicts,
        ),
        documents: documents.extras,
        topics: topics.extras,
        stances: stances.extras,
        actors: actors.extras,
        annotations: annotations.extras,
        anchors,
    };
    let mut project = Project {
        format: ours.format.clone(),
        version: ours.version,
        documents: documents.items,
        codebook: Codebook {
            topics: topics.items,
            stances: stances.items,
            actors: actors.items,
        },
        annotations: annotations.items,
        conflicts: Vec::new(),
        revision: 0,
        unknown,
        ..Project::default()
    };
    references::restore_used(&mut project, (base, ours, theirs), &mut conflicts);
    project.sort_canonically();
    project.conflicts = merge_conflict_lists(base, ours, theirs);
    for conflict in &conflicts {
        if !project.conflicts.contains(conflict) {
            project.conflicts.push(conflict.clone());
        }
    }
    let name_clashes = name_clashes(&project.codebook);
    MergeOutcome {
        project,
        new_conflicts: conflicts,
        name_clashes,
    }
}

fn side<'a, T: Entity>(
    items: &'a [T],
    extras: &'a HashMap<String, crate::model::unknown_keys::Extra>,
) -> Side<'a, T> {
    Side { items, extras }
}

/// The unknown keys of the kept annotations' anchors, merged per annotation.
fn merge_anchor_extras(
    annotations: &[crate::model::annotation::Annotation],
    (b, o, t): (&UnknownKeys, &UnknownKeys, &UnknownKeys),
    conflicts: &mut Vec<MergeConflict>,
) -> HashMap<String, crate::model::unknown_keys::Extra> {
    let empty = crate::model::unknown_keys::Extra::new();
    if b.anchors.is_empty() && o.anchors.is_empty() && t.anchors.is_empty() {
        return HashMap::new();
    }
    let mut merged = HashMap::new();
    for annotation in annotations {
        let id = annotation.id.as_str();
        let get = |keys: &UnknownKeys| keys.anchors.get(id).unwrap_or(&empty).clone();
        let extra = merge_extra(
            &get(b),
            &get(o),
            &get(t),
            (EntityKind::Annotation, id, "anchor."),
            conflicts,
        );
        if !extra.is_empty() {
            merged.insert(id.to_string(), extra);
        }
    }
    merged
}

/// The conflicts lists of the three sides, merged as sets: a conflict one side
/// resolved (removed) stays resolved; one either side added is kept.
fn merge_conflict_lists(base: &Project, ours: &Project, theirs: &Project) -> Vec<MergeConflict> {
    let mut merged: Vec<MergeConflict> = Vec::new();
    let in_list = |list: &[MergeConflict], c: &MergeConflict| list.contains(c);
    for conflict in ours.conflicts.iter().chain(&theirs.conflicts) {
        let (o, t) = (
            in_list(&ours.conflicts, conflict),
            in_list(&theirs.conflicts, conflict),
        );
        let keep = (o && t) || !in_list(&base.conflicts, conflict);
        if keep && !merged.contains(conflict) {
            merged.push(conflict.clone());
        }
    }
    merged
}

#[cfg(test)]
mod tests;
