//! Keys of the project file that this build of Gloss does not know: kept
//! through load and save so that two versions of Gloss on one team, or a
//! hand-added key (`"reviewer"` on an annotation), never lose each other's data.
//!
//! Unknown keys live beside the typed project, not inside its structs: at the
//! top level, in `codebook`, and per entity keyed by its id (documents, topics,
//! stances, actors, annotations and each annotation's `anchor`). An edit that
//! replaces an entity therefore keeps its unknown keys, because the id stays
//! the same; an entity removed and added back (undo) gets them back.
//!
//! Reading skims the text a second time, visiting only the objects of the
//! project's fixed shape; writing adds the keys back, sorted by name, after the
//! known ones. A project without unknown keys is written exactly as before.

use crate::model::annotation::{Annotation, TextAnchor};
use crate::model::codebook::{Actor, Codebook, Stance, Topic};
use crate::model::document::DocumentRecord;
use serde::de::{self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// Unknown keys of one JSON object, by name (written back in this sorted order).
pub type Extra = BTreeMap<String, Value>;

/// Every key of a project file this build does not know, by where it was found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UnknownKeys {
    /// Keys of the top-level object (e.g. `"futureKey"`).
    pub top: Extra,
    /// Keys of the `codebook` object.
    pub codebook: Extra,
    /// Keys of document records, by document id.
    pub documents: HashMap<String, Extra>,
    /// Keys of topics, by topic id.
    pub topics: HashMap<String, Extra>,
    /// Keys of stances, by stance id.
    pub stances: HashMap<String, Extra>,
    /// Keys of actors, by actor id.
    pub actors: HashMap<String, Extra>,
    /// Keys of annotations, by annotation id.
    pub annotations: HashMap<String, Extra>,
    /// Keys of annotations' `anchor` objects, by annotation id.
    pub anchors: HashMap<String, Extra>,
}

impl UnknownKeys {
    /// True when the file had no unknown key anywhere.
    pub fn is_empty(&self) -> bool {
        self.top.is_empty()
            && self.codebook.is_empty()
            && [
                &self.documents,
                &self.topics,
                &self.stances,
                &self.actors,
                &self.annotations,
                &self.anchors,
            ]
            .iter()
            .all(|map| map.is_empty())
    }

    /// How many unknown keys there are in all (for reports).
    pub fn count(&self) -> usize {
        let per_entity: usize = [
            &self.documents,
            &self.topics,
            &self.stances,
            &self.actors,
            &self.annotations,
            &self.anchors,
        ]
        .iter()
        .flat_map(|map| map.values())
        .map(BTreeMap::len)
        .sum();
        self.top.len() + self.codebook.len() + per_entity
    }
}

/// The field names a derived `Deserialize` of `T` knows, read from what it
/// passes to `deserialize_struct` (so a field added to a struct is known here
/// without being listed twice).
pub fn known_fields<T: DeserializeOwned>() -> &'static [&'static str] {
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(FieldProbe(&mut fields));
    fields
}

/// A deserializer that records the field list of the struct asked for, then stops.
struct FieldProbe<'a>(&'a mut &'static [&'static str]);

/// The probe's only outcome: it never produces a value.
#[derive(Debug)]
struct ProbeStop;

impl fmt::Display for ProbeStop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field probe")
    }
}
impl std::error::Error for ProbeStop {}
impl de::Error for ProbeStop {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Self
    }
}

impl<'de> de::Deserializer<'de> for FieldProbe<'_> {
    type Error = ProbeStop;
    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, ProbeStop> {
        Err(ProbeStop)
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, ProbeStop> {
        *self.0 = fields;
        Err(ProbeStop)
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
        byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map
        enum identifier ignored_any
    }
}

/// The objects of a project file that can hold unknown keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Project,
    Document,
    Codebook,
    Topic,
    Stance,
    Actor,
    Annotation,
    Anchor,
}

/// Known field names of each kind, computed once per read.
struct Schema {
    project: &'static [&'static str],
    document: &'static [&'static str],
    codebook: &'static [&'static str],
    topic: &'static [&'static str],
    stance: &'static [&'static str],
    actor: &'static [&'static str],
    annotation: &'static [&'static str],
    anchor: &'static [&'static str],
}

impl Schema {
    fn new(project: &'static [&'static str]) -> Self {
        Self {
            project,
            document: known_fields::<DocumentRecord>(),
            codebook: known_fields::<Codebook>(),
            topic: known_fields::<Topic>(),
            stance: known_fields::<Stance>(),
            actor: known_fields::<Actor>(),
            annotation: known_fields::<Annotation>(),
            anchor: known_fields::<TextAnchor>(),
        }
    }

    fn fields(&self, kind: Kind) -> &'static [&'static str] {
        match kind {
            Kind::Project => self.project,
            Kind::Document => self.document,
            Kind::Codebook => self.codebook,
            Kind::Topic => self.topic,
            Kind::Stance => self.stance,
            Kind::Actor => self.actor,
            Kind::Annotation => self.annotation,
            Kind::Anchor => self.anchor,
        }
    }
}

/// Collects the unknown keys of a project file's text, given the top-level
/// keys a project has (`known_fields::<Project>()`: this file cannot name the
/// project, which holds an [`UnknownKeys`]). The text must already have
/// parsed as a project, so that its shape is right.
pub fn read_unknown_keys(
    text: &str,
    project_fields: &'static [&'static str],
) -> Result<UnknownKeys, serde_json::Error> {
    let schema = Schema::new(project_fields);
    let mut keys = UnknownKeys::default();
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let top = ObjectSeed {
        kind: Kind::Project,
        schema: &schema,
        keys: &mut keys,
    }
    .deserialize(&mut deserializer)?;
    keys.top = top;
    Ok(keys)
}

/// A key of an object: one of the known fields, or an unknown one (owned).
enum Key {
    Known(&'static str),
    Unknown(String),
}

struct KeySeed(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key;
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for KeySeed {
    type Value = Key;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }
    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
        Ok(match self.0.iter().find(|known| **known == key) {
            Some(known) => Key::Known(known),
            None => Key::Unknown(key.to_string()),
        })
    }
}

struct ObjectSeed<'a> {
    kind: Kind,
    schema: &'a Schema,
    keys: &'a mut UnknownKeys,
}

/// Skims one object: entities file their unknown keys under their id; the
/// keys of the project, the codebook and an anchor are returned.
impl<'de> DeserializeSeed<'de> for ObjectSeed<'_> {
    type Value = Extra;
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Extra, D::Error> {
        // `any`, not `map`: a derived struct also accepts the array form.
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ObjectSeed<'_> {
    type Value = Extra;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {:?} object", self.kind)
    }

    /// A struct written as an array (which serde accepts) has no unknown keys.
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Extra, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Extra::new())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Extra, A::Error> {
        let Self { kind, schema, keys } = self;
        let mut id = None;
        let mut extra = Extra::new();
        let mut anchor_extra = Extra::new();
        while let Some(key) = map.next_key_seed(KeySeed(schema.fields(kind)))? {
            let name = match key {
                Key::Unknown(name) => {
                    let value: Value = map.next_value()?;
                    extra.insert(name, value);
                    continue;
                }
                Key::Known(name) => name,
            };
            match (kind, name) {
                (Kind::Project, "documents") => {
                    map.next_value_seed(list(Kind::Document, schema, keys))?;
                }
                (Kind::Project, "annotations") => {
                    map.next_value_seed(list(Kind::Annotation, schema, keys))?;
                }
                (Kind::Project, "codebook") => {
                    let codebook = map.next_value_seed(ObjectSeed {
                        kind: Kind::Codebook,
                        schema,
                        keys: &mut *keys,
                    })?;
                    keys.codebook = codebook;
                }
                (Kind::Codebook, "topics") => {
                    map.next_value_seed(list(Kind::Topic, schema, keys))?;
                }
                (Kind::Codebook, "stances") => {
                    map.next_value_seed(list(Kind::Stance, schema, keys))?;
                }
                (Kind::Codebook, "actors") => {
                    map.next_value_seed(list(Kind::Actor, schema, keys))?;
                }
                (Kind::Annotation, "anchor") => {
                    anchor_extra = map.next_value_seed(ObjectSeed {
                        kind: Kind::Anchor,
                        schema,
                        keys: &mut *keys,
                    })?;
                }
                (_, "id") => id = Some(map.next_value::<String>()?),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if let Some(id) = &id {
            if !anchor_extra.is_empty() {
                keys.anchors.insert(id.clone(), anchor_extra);
            }
            let per_id = match kind {
                Kind::Document => Some(&mut keys.documents),
                Kind::Topic => Some(&mut keys.topics),
                Kind::Stance => Some(&mut keys.stances),
                Kind::Actor => Some(&mut keys.actors),
                Kind::Annotation => Some(&mut keys.annotations),
                Kind::Project | Kind::Codebook | Kind::Anchor => None,
            };
            if let Some(per_id) = per_id
                && !extra.is_empty()
            {
                per_id.entry(id.clone()).or_default().append(&mut extra);
            }
        }
        Ok(extra)
    }
}

/// The seed of a list of objects of `kind`.
fn list<'a>(kind: Kind, schema: &'a Schema, keys: &'a mut UnknownKeys) -> ListSeed<'a> {
    ListSeed { kind, schema, keys }
}

/// A JSON array of objects of one kind, each skimmed into the keys.
struct ListSeed<'a> {
    kind: Kind,
    schema: &'a Schema,
    keys: &'a mut UnknownKeys,
}

impl<'de> DeserializeSeed<'de> for ListSeed<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for ListSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a list of {:?} objects", self.kind)
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq
            .next_element_seed(ObjectSeed {
                kind: self.kind,
                schema: self.schema,
                keys: &mut *self.keys,
            })?
            .is_some()
        {}
        Ok(())
    }
}

/// Adds the unknown keys back into the JSON value of a project (as
/// [`serde_json::to_value`] makes it); a key the value already has is never
/// replaced.
pub fn insert_unknown_keys(value: &mut Value, keys: &UnknownKeys) {
    let Value::Object(top) = value else { return };
    add_missing(top, &keys.top);
    if let Some(Value::Object(codebook)) = top.get_mut("codebook") {
        add_missing(codebook, &keys.codebook);
        for (list, by_id) in [
            ("topics", &keys.topics),
            ("stances", &keys.stances),
            ("actors", &keys.actors),
        ] {
            insert_by_id(codebook.get_mut(list), by_id, None);
        }
    }
    insert_by_id(top.get_mut("documents"), &keys.documents, None);
    insert_by_id(
        top.get_mut("annotations"),
        &keys.annotations,
        Some(&keys.anchors),
    );
}

fn insert_by_id(
    list: Option<&mut Value>,
    by_id: &HashMap<String, Extra>,
    anchors: Option<&HashMap<String, Extra>>,
) {
    let Some(Value::Array(items)) = list else {
        return;
    };
    for item in items {
        let Value::Object(object) = item else {
            continue;
        };
        let Some(id) = object.get("id").and_then(Value::as_str).map(str::to_owned) else {
            continue;
        };
        if let Some(extra) = by_id.get(&id) {
            add_missing(object, extra);
        }
        if let Some(extra) = anchors.and_then(|anchors| anchors.get(&id))
            && let Some(Value::Object(anchor)) = object.get_mut("anchor")
        {
            add_missing(anchor, extra);
        }
    }
}

fn add_missing(object: &mut serde_json::Map<String, Value>, extra: &Extra) {
    for (key, value) in extra {
        if !object.contains_key(key) {
            object.insert(key.clone(), value.clone());
        }
    }
}
