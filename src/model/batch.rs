//! Large batches of annotation edits in linear time, and the reference check
//! every added or changed annotation passes.
//!
//! Applying annotation edits one by one costs a scan of the list for the id and
//! a shift of the list for the insert: fine for one edit, quadratic for an
//! import of 100,000. A run of consecutive annotation edits in a batch is
//! therefore checked against an id index built once, then committed in one
//! pass (remove the replaced, append the new, restore canonical order). The
//! result is exactly what applying the steps one by one gives, and as there,
//! the project is unchanged when a step is refused.

use crate::model::annotation::Annotation;
use crate::model::edit_error::EditError;
use crate::model::ids::{ActorId, DocumentId, StanceId, TopicId};
use crate::model::project::Project;
use std::collections::{HashMap, HashSet};

/// One annotation edit: the annotation as the project has it (`None` to add)
/// and as it will be (`None` to remove).
pub(crate) type Step<'e> = (Option<&'e Annotation>, Option<&'e Annotation>);

/// Runs of at least this many annotation edits go through the index.
pub(crate) const INDEXED_RUN_MIN_EDITS: usize = 8;

/// Answers "does the project have this entity?" for the reference check.
pub(crate) trait References {
    fn has_document(&self, id: &DocumentId) -> bool;
    fn has_topic(&self, id: &TopicId) -> bool;
    fn has_stance(&self, id: &StanceId) -> bool;
    fn has_actor(&self, id: &ActorId) -> bool;
}

impl References for Project {
    fn has_document(&self, id: &DocumentId) -> bool {
        self.document(id).is_some()
    }
    fn has_topic(&self, id: &TopicId) -> bool {
        self.codebook.topic(id).is_some()
    }
    fn has_stance(&self, id: &StanceId) -> bool {
        self.codebook.stance(id).is_some()
    }
    fn has_actor(&self, id: &ActorId) -> bool {
        self.codebook.actor(id).is_some()
    }
}

/// The project's ids in hash sets, for checking many annotations.
struct ReferenceIndex<'a> {
    documents: HashSet<&'a str>,
    topics: HashSet<&'a str>,
    stances: HashSet<&'a str>,
    actors: HashSet<&'a str>,
}

impl<'a> ReferenceIndex<'a> {
    fn new(project: &'a Project) -> Self {
        let codebook = &project.codebook;
        Self {
            documents: project.documents.iter().map(|d| d.id.as_str()).collect(),
            topics: codebook.topics.iter().map(|t| t.id.as_str()).collect(),
            stances: codebook.stances.iter().map(|s| s.id.as_str()).collect(),
            actors: codebook.actors.iter().map(|a| a.id.as_str()).collect(),
        }
    }
}

impl References for ReferenceIndex<'_> {
    fn has_document(&self, id: &DocumentId) -> bool {
        self.documents.contains(id.as_str())
    }
    fn has_topic(&self, id: &TopicId) -> bool {
        self.topics.contains(id.as_str())
    }
    fn has_stance(&self, id: &StanceId) -> bool {
        self.stances.contains(id.as_str())
    }
    fn has_actor(&self, id: &ActorId) -> bool {
        self.actors.contains(id.as_str())
    }
}

/// An annotation must be in a known document, have a non-empty range and
/// refer only to codebook entries the project has.
pub(crate) fn check_annotation_references(
    references: &impl References,
    annotation: &Annotation,
) -> Result<(), EditError> {
    let missing = |kind: &'static str, id: &str| EditError::Missing {
        kind,
        id: id.to_string(),
    };
    if !references.has_document(&annotation.document) {
        return Err(missing("document", annotation.document.as_str()));
    }
    if annotation.start >= annotation.end {
        return Err(EditError::Invalid(format!(
            "annotation `{}` has an empty or reversed range {}..{}",
            annotation.id, annotation.start.0, annotation.end.0
        )));
    }
    if let Some(topic) = annotation.topics.iter().find(|t| !references.has_topic(t)) {
        return Err(missing("topic", topic.as_str()));
    }
    if let Some(stance) = &annotation.stance
        && !references.has_stance(stance)
    {
        return Err(missing("stance", stance.as_str()));
    }
    if let Some(actor) = [&annotation.holder, &annotation.target]
        .into_iter()
        .flatten()
        .find(|a| !references.has_actor(a))
    {
        return Err(missing("actor", actor.as_str()));
    }
    Ok(())
}

impl Project {
    /// Applies a run of annotation edits, each as its (`before`, `after`)
    /// pair, as if one by one, in time linear in the project and the run (plus
    /// a sort). On error the project is unchanged.
    pub(crate) fn apply_annotation_run(&mut self, edits: &[Step<'_>]) -> Result<(), EditError> {
        let (removed, final_states) = self.check_annotation_run(edits)?;
        let mut index = 0;
        self.annotations.retain(|_| {
            let keep = !removed.contains(&index);
            index += 1;
            keep
        });
        self.annotations
            .extend(final_states.into_iter().flatten().cloned());
        // The kept list is in canonical order and the new ones are appended:
        // a stable sort merges the two runs in about linear time.
        self.annotations
            .sort_by(|a, b| a.order_key().cmp(&b.order_key()));
        self.forget_annotation_index();
        Ok(())
    }

    /// Checks every step against the state the earlier steps leave. Returns the
    /// positions of the annotations the run replaces or removes, and the final
    /// state of each id the run touches (`None`: removed), in first-touch order.
    fn check_annotation_run<'e>(
        &self,
        edits: &[Step<'e>],
    ) -> Result<(HashSet<usize>, Vec<Option<&'e Annotation>>), EditError> {
        let references = ReferenceIndex::new(self);
        let mut positions: HashMap<&str, usize> = HashMap::with_capacity(self.annotations.len());
        for (position, annotation) in self.annotations.iter().enumerate() {
            positions.entry(annotation.id.as_str()).or_insert(position);
        }
        let mut touched: HashMap<&'e str, usize> = HashMap::new();
        let mut states: Vec<Option<&'e Annotation>> = Vec::new();
        let mut removed = HashSet::new();
        for &(before, after) in edits {
            if let Some(a) = after {
                check_annotation_references(&references, a)?;
            }
            if let (Some(b), Some(a)) = (before, after)
                && b.id != a.id
            {
                return Err(EditError::IdChanged {
                    before: b.id.to_string(),
                    after: a.id.to_string(),
                });
            }
            let Some(id) = before.or(after).map(|a| a.id.as_str()) else {
                continue;
            };
            let current = match touched.get(id) {
                Some(&slot) => states[slot],
                None => positions.get(id).map(|&p| &self.annotations[p]),
            };
            let (kind, id_string) = ("annotation", id.to_string());
            match (before, current) {
                (None, Some(_)) => {
                    return Err(EditError::AlreadyExists {
                        kind,
                        id: id_string,
                    });
                }
                (Some(_), None) => {
                    return Err(EditError::Missing {
                        kind,
                        id: id_string,
                    });
                }
                (Some(b), Some(c)) if c != b => {
                    return Err(EditError::Stale {
                        kind,
                        id: id_string,
                    });
                }
                _ => {}
            }
            match touched.get(id) {
                Some(&slot) => states[slot] = after,
                None => {
                    if let Some(&position) = positions.get(id) {
                        removed.insert(position);
                    }
                    touched.insert(id, states.len());
                    states.push(after);
                }
            }
        }
        Ok((removed, states))
    }
}
