//! The project: documents, codebook and annotations, as the project file holds them.

use crate::model::annotation::Annotation;
use crate::model::codebook::Codebook;
use crate::model::document::DocumentRecord;
use crate::model::ids::{AnnotationId, DocumentId, TopicId};
use crate::model::merge::conflict::MergeConflict;
use crate::model::unknown_keys::UnknownKeys;
use serde::{Deserialize, Serialize};

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
    /// order (see [`Project::sort_canonically`]).
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
    pub fn annotation(&self, id: &AnnotationId) -> Option<&Annotation> {
        self.annotations.iter().find(|a| &a.id == id)
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
    pub fn topic_use_counts(&self) -> std::collections::HashMap<TopicId, usize> {
        let mut counts = std::collections::HashMap::new();
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
