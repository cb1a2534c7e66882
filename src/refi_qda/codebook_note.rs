//! The `Gloss codebook` project note: JSON that keeps what REFI-QDA has no
//! place for (Gloss ids, stance polarities, actor kinds and belongs-to, which
//! codes are our groups), so
//! that a `.qdpx` written by Gloss is read back exactly (ids of topics,
//! stances, actors, documents and annotations).

use std::collections::BTreeMap;

/// What only Gloss reads back: ids, polarities, the group codes.
#[derive(serde::Serialize, serde::Deserialize, Default)]
pub struct CodebookNote {
    /// Version of this note's format (1).
    pub gloss: u32,
    /// GUID of the `Stance` grouping code.
    pub stance_group: String,
    /// GUID of the `Actors` grouping code.
    pub actors_group: String,
    /// GUID of the `Actors › Holder` grouping code.
    pub holder_group: String,
    /// GUID of the `Actors › Target` grouping code.
    pub target_group: String,
    /// Code GUID → topic id.
    #[serde(default)]
    pub topics: BTreeMap<String, String>,
    /// Code GUID → (stance id, polarity).
    #[serde(default)]
    pub stances: BTreeMap<String, (String, i32)>,
    /// Actor id → (holder code GUID, target code GUID).
    #[serde(default)]
    pub actors: BTreeMap<String, (String, String)>,
    /// Actor id → its kind (`country`, `person`, …), for actors that have one.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub actor_kinds: BTreeMap<String, String>,
    /// Actor id → the id of the actor it belongs to.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub actor_owners: BTreeMap<String, String>,
    /// Source GUID → document id.
    #[serde(default)]
    pub documents: BTreeMap<String, String>,
    /// Selection GUID → annotation id (so that annotations keep their ids).
    #[serde(default)]
    pub annotations: BTreeMap<String, String>,
}
