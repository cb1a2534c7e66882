//! Names in REFI-QDA files: the XML namespaces Gloss writes, and the names of
//! the notes and grouping codes that carry what the standard has no place for.

/// Namespace of a `project.qde`.
pub const PROJECT_NAMESPACE: &str = "urn:QDA-XML:project:1.0";
/// Namespace of a `.qdc` codebook (readers also accept the older `0:4`).
pub const CODEBOOK_NAMESPACE: &str = "urn:QDA-XML:codebook:1.0";
/// Name of the project-level note that carries what only Gloss reads back.
pub const CODEBOOK_NOTE_NAME: &str = "Gloss codebook";
/// Name of the per-selection note with stance, holder and target.
pub const STANCE_NOTE_NAME: &str = "Gloss stance";
/// Name of the per-selection note with the memo.
pub const MEMO_NOTE_NAME: &str = "Memo";
/// Name of the non-codable root code that groups the stance scale.
pub const STANCE_GROUP_NAME: &str = "Stance";
/// Name of the non-codable root code that groups the actors.
pub const ACTORS_GROUP_NAME: &str = "Actors";
/// Name of the group under [`ACTORS_GROUP_NAME`] whose codes mark who holds a stance.
pub const HOLDER_GROUP_NAME: &str = "Holder";
/// Name of the group under [`ACTORS_GROUP_NAME`] whose codes mark whom a stance is toward.
pub const TARGET_GROUP_NAME: &str = "Target";

/// The `origin` attribute Gloss writes: which tool (and version) wrote the file.
pub fn gloss_origin() -> String {
    format!("Gloss {}", env!("CARGO_PKG_VERSION"))
}
