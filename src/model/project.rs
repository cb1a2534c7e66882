//! The project: documents, codebook and annotations, as the project file holds them.

use crate::model::annotation::Annotation;
use crate::model::codebook::Codebook;
use crate::model::document::DocumentRecord;
use crate::model::ids::{AnnotationId, DocumentId, TopicId};
use crate::model::merge::conflict::MergeConflict;
use crate::model::text::CharOffset;
use crate::model::unknown_keys::UnknownKeys;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

/// The `format` field of every Gloss project file.
pub const FORMAT_NAME: &str = "gloss-project";
/// The newest project-file version this build reads and the one it writes.
pub const FORMAT_VERSION: u32 = 1;

/// A Gloss project: everything the project file holds. Change it through
/// [`Edit`](crate::model::edit::Edit)s so that every change can be undone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Project {
    /// Always [`FORMAT_NAME`]: tells a Gloss project file from other JSON.
    pub format: String,
    /// Version of the file format. [`project_from_json`] sets it to
    /// [`FORMAT_VERSION`], the version the project will be written in.
    ///
    /// [`project_from_json`]: crate::model::format::project_from_json
    pub version: u32,
    /// The project's documents; written sorted by path.
    #[serde(default)]
    pub documents: Vec<DocumentRecord>,
    /// Topics, stance scale and actors.
    #[serde(default)]
    pub codebook: Codebook,
    /// Every annotation of every document; edits insert them in canonical
    /// order (see [`Project::sort_canonically`]). Lookups by id go through an
    /// index that edits keep up to date; code that changes this list directly
    /// (tests, benches) should only add, remove or reorder annotations, never
    /// overwrite one in place with another id (see [`AnnotationIdIndex`]).
    #[serde(default)]
    pub annotations: Vec<Annotation>,
    /// Conflicts a merge recorded (see [`crate::model::merge`]): the project
    /// holds one side's value, each conflict all three, for review.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<MergeConflict>,
    /// Counts applied edits since loading; lets views cache derived data.
    #[serde(skip)]
    pub revision: u64,
    /// Keys of the file this build does not know, written back on save.
    #[serde(skip)]
    pub unknown: UnknownKeys,
    /// Where each annotation is, by id: never written, rebuilt when needed.
    #[serde(skip)]
    pub(crate) annotation_ids: AnnotationIdIndex,
}

impl Default for Project {
    fn default() -> Self {
        Self {
            format: FORMAT_NAME.to_string(),
            version: FORMAT_VERSION,
            documents: Vec::new(),
            codebook: Codebook::default(),
            annotations: Vec::new(),
            conflicts: Vec::new(),
            revision: 0,
            unknown: UnknownKeys::default(),
            annotation_ids: AnnotationIdIndex::default(),
        }
    }
}

impl Project {
    /// The document with this id, if the project has it.
    pub fn document(&self, id: &DocumentId) -> Option<&DocumentRecord> {
        self.documents.iter().find(|d| &d.id == id)
    }

    /// A document by its relative path (`/`-separated; `\` accepted too).
    pub fn document_by_path(&self, path: &str) -> Option<&DocumentRecord> {
        let wanted = path.replace('\\', "/");
        let wanted = wanted.trim_start_matches("./");
        self.documents.iter().find(|d| d.path == wanted)
    }

    /// The annotation with this id, if the project has it.
    /// Found through an id index, so a lookup costs about log(n), not n.
    pub fn annotation(&self, id: &AnnotationId) -> Option<&Annotation> {
        self.annotation_position(id)
            .and_then(|position| self.annotations.get(position))
    }

    /// Position of the annotation with this id in [`Project::annotations`]
    /// (the first one, if a hand-edited file repeats the id).
    pub(crate) fn annotation_position(&self, id: &AnnotationId) -> Option<usize> {
        let stamp = ListStamp::of(&self.annotations);
        let mut slot = self
            .annotation_ids
            .built
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let index = match &mut *slot {
            Some(index) if index.stamp == stamp => index,
            slot => slot.insert(BuiltIndex::build(&self.annotations)),
        };
        let (document, start, end) = index.places.get(id)?;
        let key = (document, *start, *end, id);
        let position = self
            .annotations
            .partition_point(|existing| existing.order_key() < key);
        if self.annotations.get(position).is_some_and(|a| &a.id == id) {
            return Some(position);
        }
        // The list was reordered or changed behind the index: find it the slow
        // way, and build the index afresh next time.
        *slot = None;
        self.annotations.iter().position(|a| &a.id == id)
    }

    /// Keeps the id index true after one annotation edit changed the list
    /// that had `stamp` (taken before the change): forgets `removed`, adds `added`.
    pub(crate) fn update_annotation_index(
        &mut self,
        stamp: ListStamp,
        removed: Option<&AnnotationId>,
        added: Option<&Annotation>,
    ) {
        let new_stamp = ListStamp::of(&self.annotations);
        let slot = self
            .annotation_ids
            .built
            .get_mut()
            .unwrap_or_else(PoisonError::into_inner);
        let Some(index) = slot.as_mut().filter(|index| index.stamp == stamp) else {
            *slot = None;
            return;
        };
        if let Some(id) = removed {
            index.places.remove(id);
        }
        if let Some(annotation) = added {
            index
                .places
                .insert(annotation.id.clone(), BuiltIndex::place_of(annotation));
        }
        index.stamp = new_stamp;
    }

    /// Drops the id index after a change to many annotations; the next lookup rebuilds it.
    pub(crate) fn forget_annotation_index(&mut self) {
        *self
            .annotation_ids
            .built
            .get_mut()
            .unwrap_or_else(PoisonError::into_inner) = None;
    }

    /// The annotations of one document in text order.
    pub fn annotations_of<'a>(
        &'a self,
        document: &'a DocumentId,
    ) -> impl Iterator<Item = &'a Annotation> + 'a {
        self.annotations
            .iter()
            .filter(move |a| &a.document == document)
    }

    /// How many annotations use a topic directly.
    pub fn topic_use_count(&self, topic: &TopicId) -> usize {
        self.annotations
            .iter()
            .filter(|a| a.topics.contains(topic))
            .count()
    }

    /// How many annotations use each topic directly, in one pass.
    pub fn topic_use_counts(&self) -> HashMap<TopicId, usize> {
        let mut counts = HashMap::new();
        for annotation in &self.annotations {
            for topic in &annotation.topics {
                *counts.entry(topic.clone()).or_insert(0) += 1;
            }
        }
        counts
    }

    /// Puts documents and annotations in the canonical order the file uses.
    pub fn sort_canonically(&mut self) {
        self.documents.sort_by(|a, b| a.path.cmp(&b.path));
        self.annotations
            .sort_by(|a, b| a.order_key().cmp(&b.order_key()));
    }

    /// Index at which an annotation belongs in the canonical order.
    pub(crate) fn annotation_insert_index(&self, annotation: &Annotation) -> usize {
        let key = annotation.order_key();
        self.annotations
            .partition_point(|existing| existing.order_key() < key)
    }
}

/// Identifies one state of the annotation list cheaply: its allocation and
/// length. Every edit updates the index and its stamp; a list changed
/// directly (pushed to, cleared, replaced, deserialized) gets a new stamp, and
/// the index is rebuilt on the next lookup.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ListStamp {
    address: usize,
    len: usize,
}

impl ListStamp {
    /// The stamp of `annotations` as it is now.
    pub(crate) fn of(annotations: &[Annotation]) -> Self {
        Self {
            address: annotations.as_ptr().addr(),
            len: annotations.len(),
        }
    }
}

/// The document and range of each annotation id: with them, the annotation is
/// found by binary search in the canonically ordered list. (Positions
/// themselves would shift with every insert.)
struct BuiltIndex {
    stamp: ListStamp,
    places: HashMap<AnnotationId, (DocumentId, CharOffset, CharOffset)>,
}

impl BuiltIndex {
    fn build(annotations: &[Annotation]) -> Self {
        let mut places = HashMap::with_capacity(annotations.len());
        for annotation in annotations {
            places
                .entry(annotation.id.clone())
                .or_insert_with(|| Self::place_of(annotation));
        }
        Self {
            stamp: ListStamp::of(annotations),
            places,
        }
    }

    fn place_of(annotation: &Annotation) -> (DocumentId, CharOffset, CharOffset) {
        (
            annotation.document.clone(),
            annotation.start,
            annotation.end,
        )
    }
}

/// The id index of a project's annotations, built on the first lookup. It is
/// no part of the project's value: clones start without one, and two projects
/// compare equal whatever their indexes hold.
#[derive(Default)]
pub(crate) struct AnnotationIdIndex {
    built: Mutex<Option<BuiltIndex>>,
}

impl std::fmt::Debug for AnnotationIdIndex {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Not the map: a project's debug output lists its annotations already.
        formatter.write_str("AnnotationIdIndex")
    }
}

impl Clone for AnnotationIdIndex {
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl PartialEq for AnnotationIdIndex {
    fn eq(&self, _other: &Self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::document::{DocumentRecord, LoadedText};
    use crate::model::edit::{Edit, History};
    use crate::model::text::CharRange;
    use std::time::{Duration, Instant};

    /// A project of `count` annotations over one document, in canonical order.
    fn project_with(count: usize) -> Project {
        let loaded = LoadedText::from_string(&"Vučić met 习近平 in Belgrade. ".repeat(40));
        let record = DocumentRecord::new("a.txt", &loaded.sha256);
        let mut project = Project::default();
        for index in 0..count {
            let start = index % 900;
            let mut annotation = Annotation::new(
                record.id.clone(),
                &loaded.text,
                CharRange::new(start, start + 1 + index % 7),
                "t",
                "2026-01-01T00:00:00Z",
            )
            .expect("annotation");
            annotation.id = AnnotationId(format!("ann-{index:06}"));
            project.annotations.push(annotation);
        }
        project.documents.push(record);
        project.sort_canonically();
        project
    }

    fn linear(project: &Project, id: &AnnotationId) -> Option<usize> {
        project.annotations.iter().position(|a| &a.id == id)
    }

    #[test]
    fn lookups_by_id_stay_true_through_edits_undo_redo_and_direct_changes() {
        let mut project = project_with(300);
        let mut history = History::default();
        let ids: Vec<AnnotationId> = project.annotations.iter().map(|a| a.id.clone()).collect();
        let check = |project: &Project, ids: &[AnnotationId]| {
            for id in ids.iter().chain([&AnnotationId("absent".into())]) {
                assert_eq!(project.annotation_position(id), linear(project, id), "{id}");
            }
        };
        check(&project, &ids);
        // Moving an annotation changes its place in the canonical order.
        let before = project.annotations[5].clone();
        let mut moved = before.clone();
        moved.start = CharOffset(950);
        moved.end = CharOffset(951);
        history
            .apply(&mut project, Edit::change_annotation(before, moved))
            .expect("move");
        check(&project, &ids);
        let removed = project.annotations[0].clone();
        history
            .apply(&mut project, Edit::remove_annotation(removed.clone()))
            .expect("remove");
        check(&project, &ids);
        assert!(project.annotation(&removed.id).is_none());
        history.undo(&mut project).expect("undo").expect("undone");
        assert_eq!(project.annotation(&removed.id), Some(&removed));
        history.undo(&mut project).expect("undo").expect("undone");
        check(&project, &ids);
        history.redo(&mut project).expect("redo").expect("redone");
        check(&project, &ids);
        // A refused edit leaves the index as true as the list.
        assert!(
            project
                .apply(&Edit::add_annotation(project.annotations[3].clone()))
                .is_err()
        );
        check(&project, &ids);
        // Changes made to the list directly are seen.
        let extra = project.annotations.pop().expect("one");
        check(&project, &ids);
        project.annotations.insert(0, extra);
        check(&project, &ids);
        project.sort_canonically();
        check(&project, &ids);
        let clone = project.clone();
        check(&clone, &ids);
        assert_eq!(clone, project);
    }

    #[test]
    fn a_lookup_by_id_costs_far_less_than_a_scan() {
        let mut project = project_with(50_000);
        let last: Vec<AnnotationId> = project.annotations[49_000..]
            .iter()
            .map(|a| a.id.clone())
            .collect();
        let time = |job: &mut dyn FnMut()| {
            let started = Instant::now();
            job();
            started.elapsed()
        };
        let scans = time(&mut || {
            for id in last.iter().take(100) {
                assert!(linear(&project, id).is_some());
            }
        });
        // 10,000 lookups and 1,000 single edits must take less time than 100
        // scans of the list: a linear lookup would take about 100 times longer.
        let lookups = time(&mut || {
            for round in 0..10 {
                for id in &last {
                    assert!(project.annotation(id).is_some(), "{round}");
                }
            }
        });
        let edits = time(&mut || {
            for id in last.iter().take(1_000) {
                let before = project.annotation(id).expect("there").clone();
                let mut after = before.clone();
                after.memo = "seen".into();
                project
                    .apply(&Edit::change_annotation(before, after))
                    .expect("change");
            }
        });
        assert!(
            lookups + edits < scans.max(Duration::from_millis(1)) * 2,
            "10,000 lookups took {lookups:?} and 1,000 edits {edits:?}; 100 scans {scans:?}"
        );
    }
}
