//! What a project already holds, so that importing the same archive twice adds
//! nothing twice: annotations are known by id, by the selection GUID a Gloss
//! export gave them, and by their place and codes (document, range, topics,
//! stance, holder, target). Selection GUIDs of other tools are kept as the
//! imported annotation's id (`ann-` + GUID), so they are known the next time.

use crate::model::annotation::Annotation;
use crate::model::ids::{AnnotationId, DocumentId};
use crate::model::project::Project;
use crate::refi_qda::guid::{guid_from_bytes, stable_digest};
use std::collections::{HashMap, HashSet};

/// The project's annotations, indexed for an import.
pub(super) struct KnownAnnotations<'a> {
    /// Every id in use: the project's and those given during this import.
    used_ids: HashSet<AnnotationId>,
    /// The project's annotations by id.
    by_id: HashMap<&'a AnnotationId, &'a Annotation>,
    /// Lowercase selection GUID a Gloss export derives from a project annotation's id → it.
    by_exported_guid: HashMap<String, &'a Annotation>,
    /// (document, start, end) → the project's annotations there.
    by_place: HashMap<(&'a DocumentId, usize, usize), Vec<&'a Annotation>>,
}

/// The id an import gives a selection with this GUID: `ann-` and the GUID,
/// when the GUID has the schema's form (8-4-4-4-12 hex digits).
pub(super) fn id_from_guid(guid: &str) -> Option<AnnotationId> {
    let groups: Vec<usize> = guid.split('-').map(str::len).collect();
    let hex = guid.chars().all(|c| c == '-' || c.is_ascii_hexdigit());
    (hex && groups == [8, 4, 4, 4, 12])
        .then(|| AnnotationId(format!("ann-{}", guid.to_lowercase())))
}

/// Do two annotations carry the same codes (topics in any order)?
fn same_codes(a: &Annotation, b: &Annotation) -> bool {
    let mut topics_a: Vec<_> = a.topics.iter().collect();
    let mut topics_b: Vec<_> = b.topics.iter().collect();
    topics_a.sort();
    topics_b.sort();
    topics_a == topics_b && a.stance == b.stance && a.holder == b.holder && a.target == b.target
}

impl<'a> KnownAnnotations<'a> {
    /// Indexes `project`'s annotations.
    pub(super) fn new(project: &'a Project) -> Self {
        let mut known = Self {
            used_ids: HashSet::with_capacity(project.annotations.len()),
            by_id: HashMap::with_capacity(project.annotations.len()),
            by_exported_guid: HashMap::with_capacity(project.annotations.len()),
            by_place: HashMap::with_capacity(project.annotations.len()),
        };
        for annotation in &project.annotations {
            known.used_ids.insert(annotation.id.clone());
            known.by_id.insert(&annotation.id, annotation);
            let digest = stable_digest("annotation", annotation.id.as_str());
            known
                .by_exported_guid
                .insert(guid_from_bytes(&digest[..16]), annotation);
            known
                .by_place
                .entry((&annotation.document, annotation.start.0, annotation.end.0))
                .or_default()
                .push(annotation);
        }
        known
    }

    /// Is the selection with this GUID (or the id the file maps it to) in the
    /// project already, on `document`? (The same id on another document is
    /// another annotation: ids written by hand may repeat across projects.)
    pub(super) fn has_selection(
        &self,
        guid: &str,
        id: Option<&AnnotationId>,
        document: &DocumentId,
    ) -> bool {
        let from_guid = id_from_guid(guid);
        [
            self.by_exported_guid.get(guid),
            id.and_then(|id| self.by_id.get(id)),
            from_guid.as_ref().and_then(|id| self.by_id.get(id)),
        ]
        .into_iter()
        .flatten()
        .any(|existing| &existing.document == document)
    }

    /// Is there an annotation with the same document, range and codes already?
    pub(super) fn has_same(&self, annotation: &Annotation) -> bool {
        self.by_place
            .get(&(&annotation.document, annotation.start.0, annotation.end.0))
            .is_some_and(|there| there.iter().any(|a| same_codes(a, annotation)))
    }

    /// `preferred` when no annotation has it yet, else a new id; remembered as used.
    pub(super) fn fresh_id(&mut self, preferred: Option<AnnotationId>) -> AnnotationId {
        let id = preferred
            .filter(|id| !self.used_ids.contains(id))
            .unwrap_or_else(AnnotationId::generate);
        self.used_ids.insert(id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_schema_guids_become_ids() {
        assert_eq!(
            id_from_guid("ABCDEF01-2222-3333-4444-555555555555"),
            Some(AnnotationId::from(
                "ann-abcdef01-2222-3333-4444-555555555555"
            ))
        );
        assert_eq!(id_from_guid("not-a-guid"), None);
        assert_eq!(id_from_guid("../../x"), None);
        assert_eq!(id_from_guid(""), None);
    }
}
