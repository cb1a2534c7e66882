//! A conflict a merge recorded in the project: the same field changed
//! differently on both sides, or an entity deleted on one side and changed on
//! the other. The project keeps one side's value and the conflict keeps all
//! three, so nothing is dropped and the window can list them for review.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;

/// The kind of entity a conflict is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A document record.
    Document,
    /// A topic of the codebook.
    Topic,
    /// A point of the stance scale.
    Stance,
    /// An actor.
    Actor,
    /// An annotation.
    Annotation,
    /// The project itself (its top-level or codebook unknown keys).
    Project,
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Document => "document",
            Self::Topic => "topic",
            Self::Stance => "stance",
            Self::Actor => "actor",
            Self::Annotation => "annotation",
            Self::Project => "project",
        })
    }
}

/// Which side's value the merged project holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kept {
    /// The value of OURS (git's `%A`, the branch merged into).
    Ours,
    /// The value of THEIRS (git's `%B`, the branch merged in).
    Theirs,
}

/// One conflict, as the project file's `conflicts` list holds it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MergeConflict {
    /// What kind of entity.
    pub kind: EntityKind,
    /// The entity's id (empty for [`EntityKind::Project`]).
    pub id: String,
    /// The field both sides changed (`memo`, `topics`, `position` for an
    /// annotation's `start`/`end`/`anchor` together, or an unknown key's name);
    /// `None` when one side deleted the entity and the other changed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The value in BASE; `null` when the entity or field was absent there.
    #[serde(default)]
    pub base: Value,
    /// The value in OURS; `null` when absent (deleted).
    #[serde(default)]
    pub ours: Value,
    /// The value in THEIRS; `null` when absent (deleted).
    #[serde(default)]
    pub theirs: Value,
    /// Which side's value the project holds now.
    pub kept: Kept,
}

impl MergeConflict {
    /// One line for reports: `annotation ann-1 memo: kept ours`.
    pub fn summary(&self) -> String {
        let field = self
            .field
            .as_deref()
            .unwrap_or("deleted on one side, changed on the other");
        let kept = match self.kept {
            Kept::Ours => "ours",
            Kept::Theirs => "theirs",
        };
        if self.id.is_empty() {
            format!("{} {field}: kept {kept}", self.kind)
        } else {
            format!("{} {} {field}: kept {kept}", self.kind, self.id)
        }
    }
}
