//! The three-way merge of one list of entities by stable id: additions from
//! both sides kept, deletions honoured unless the other side changed the
//! entity, a field changed on one side taken, a field changed differently on
//! both sides kept as ours with a [`MergeConflict`]. Unknown keys of each
//! entity are merged key by key by the same rules.
//!
//! Unchanged entities are compared as typed values (fast); only an entity both
//! sides changed is taken apart into its JSON fields.

use crate::model::annotation::Annotation;
use crate::model::codebook::{Actor, Stance, Topic};
use crate::model::document::DocumentRecord;
use crate::model::merge::conflict::{EntityKind, Kept, MergeConflict};
use crate::model::unknown_keys::Extra;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// Fields of an annotation that move together: its place in the text.
pub(crate) const POSITION: &[&str] = &["start", "end", "anchor", "status", "coded_quote"];
/// The name a conflict on [`POSITION`] is recorded under.
const POSITION_NAME: &str = "position";
/// A timestamp that takes the later side instead of conflicting.
const MODIFIED: &str = "modified";

/// An entity of the project that a merge matches by id.
pub(crate) trait Entity: Clone + PartialEq + Serialize + DeserializeOwned {
    /// What conflicts call it.
    const KIND: EntityKind;
    /// Its stable id.
    fn key(&self) -> &str;
    /// Fields merged as one unit, with the name a conflict gives them.
    fn group() -> Option<(&'static str, &'static [&'static str])> {
        None
    }
}

impl Entity for DocumentRecord {
    const KIND: EntityKind = EntityKind::Document;
    fn key(&self) -> &str {
        self.id.as_str()
    }
}

impl Entity for Topic {
    const KIND: EntityKind = EntityKind::Topic;
    fn key(&self) -> &str {
        self.id.as_str()
    }
}

impl Entity for Stance {
    const KIND: EntityKind = EntityKind::Stance;
    fn key(&self) -> &str {
        self.id.as_str()
    }
}

impl Entity for Actor {
    const KIND: EntityKind = EntityKind::Actor;
    fn key(&self) -> &str {
        self.id.as_str()
    }
}

impl Entity for Annotation {
    const KIND: EntityKind = EntityKind::Annotation;
    fn key(&self) -> &str {
        self.id.as_str()
    }
    fn group() -> Option<(&'static str, &'static [&'static str])> {
        Some((POSITION_NAME, POSITION))
    }
}

/// One side of a merge: its list and the unknown keys of its entities by id.
pub(crate) struct Side<'a, T> {
    /// The entities.
    pub(crate) items: &'a [T],
    /// Unknown keys by entity id.
    pub(crate) extras: &'a HashMap<String, Extra>,
}

/// A merged list with the unknown keys of the entities it kept.
pub(crate) struct Merged<T> {
    /// Ours' order, then theirs' additions in theirs' order.
    pub(crate) items: Vec<T>,
    /// Unknown keys by entity id.
    pub(crate) extras: HashMap<String, Extra>,
}

static EMPTY: std::sync::LazyLock<Extra> = std::sync::LazyLock::new(Extra::new);

fn extra_of<'a>(extras: &'a HashMap<String, Extra>, id: &str) -> &'a Extra {
    extras.get(id).unwrap_or(&EMPTY)
}

fn index<T: Entity>(items: &[T]) -> HashMap<&str, &T> {
    items.iter().map(|item| (item.key(), item)).collect()
}

/// Merges one list three ways, recording conflicts.
pub(crate) fn merge_list<T: Entity>(
    base: &Side<'_, T>,
    ours: &Side<'_, T>,
    theirs: &Side<'_, T>,
    conflicts: &mut Vec<MergeConflict>,
) -> Merged<T> {
    let base_index = index(base.items);
    let theirs_index = index(theirs.items);
    let ours_index = index(ours.items);
    let mut merged = Merged {
        items: Vec::with_capacity(ours.items.len().max(theirs.items.len())),
        extras: HashMap::new(),
    };
    let keep = |item: T, extra: Extra, merged: &mut Merged<T>| {
        if !extra.is_empty() {
            merged.extras.insert(item.key().to_string(), extra);
        }
        merged.items.push(item);
    };
    for o in ours.items {
        let id = o.key();
        let (eo, eb) = (extra_of(ours.extras, id), extra_of(base.extras, id));
        match (base_index.get(id), theirs_index.get(id)) {
            (b, Some(t)) => {
                let et = extra_of(theirs.extras, id);
                let (item, extra) = merge_one(b.map(|b| (*b, eb)), (o, eo), (t, et), conflicts);
                keep(item, extra, &mut merged);
            }
            (Some(b), None) => {
                // Theirs deleted it: honoured unless ours changed it.
                if o != *b || eo != eb {
                    conflicts.push(deleted_conflict(id, Some(*b), Some(o), None, Kept::Ours));
                    keep(o.clone(), eo.clone(), &mut merged);
                }
            }
            (None, None) => keep(o.clone(), eo.clone(), &mut merged),
        }
    }
    for t in theirs.items {
        let id = t.key();
        if ours_index.contains_key(id) {
            continue;
        }
        let et = extra_of(theirs.extras, id);
        match base_index.get(id) {
            Some(b) => {
                // Ours deleted it: honoured unless theirs changed it.
                if t != *b || et != extra_of(base.extras, id) {
                    conflicts.push(deleted_conflict(id, Some(*b), None, Some(t), Kept::Theirs));
                    keep(t.clone(), et.clone(), &mut merged);
                }
            }
            None => keep(t.clone(), et.clone(), &mut merged),
        }
    }
    merged
}

/// The conflict of an entity deleted on one side and changed on the other.
pub(crate) fn deleted_conflict<T: Entity>(
    id: &str,
    base: Option<&T>,
    ours: Option<&T>,
    theirs: Option<&T>,
    kept: Kept,
) -> MergeConflict {
    let value = |item: Option<&T>| item.map_or(Value::Null, to_value);
    MergeConflict {
        kind: T::KIND,
        id: id.to_string(),
        field: None,
        base: value(base),
        ours: value(ours),
        theirs: value(theirs),
        kept,
    }
}

fn to_value<T: Serialize>(item: &T) -> Value {
    serde_json::to_value(item).unwrap_or(Value::Null)
}

/// Merges an entity both sides have (`base` is `None` when both added it).
fn merge_one<T: Entity>(
    base: Option<(&T, &Extra)>,
    (o, eo): (&T, &Extra),
    (t, et): (&T, &Extra),
    conflicts: &mut Vec<MergeConflict>,
) -> (T, Extra) {
    if o == t && eo == et {
        return (o.clone(), eo.clone());
    }
    if let Some((b, eb)) = base {
        if o == b && eo == eb {
            return (t.clone(), et.clone());
        }
        if t == b && et == eb {
            return (o.clone(), eo.clone());
        }
    }
    let id = o.key().to_string();
    let extra = merge_extra(
        base.map_or(&EMPTY, |(_, eb)| eb),
        eo,
        et,
        (T::KIND, &id, ""),
        conflicts,
    );
    if o == t {
        return (o.clone(), extra);
    }
    let item = merge_fields(base.map(|(b, _)| b), o, t, conflicts).unwrap_or_else(|| o.clone());
    (item, extra)
}

/// Field by field: the JSON of each side, merged unit by unit, read back.
fn merge_fields<T: Entity>(
    base: Option<&T>,
    o: &T,
    t: &T,
    conflicts: &mut Vec<MergeConflict>,
) -> Option<T> {
    let as_map = |item: &T| match to_value(item) {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    let (bm, om, tm) = (base.map(as_map).unwrap_or_default(), as_map(o), as_map(t));
    let mut names: Vec<&String> = bm.keys().chain(om.keys()).chain(tm.keys()).collect();
    names.sort();
    names.dedup();
    let group = T::group();
    let in_group = |name: &str| group.is_some_and(|(_, fields)| fields.contains(&name));
    let mut units: Vec<(String, Vec<&str>)> = names
        .iter()
        .filter(|name| !in_group(name))
        .map(|name| ((*name).clone(), vec![name.as_str()]))
        .collect();
    if let Some((name, fields)) = group {
        units.push((name.to_string(), fields.to_vec()));
    }
    let mut result = Map::new();
    let mut local = Vec::new();
    for (name, fields) in units {
        let pick = |map: &Map<String, Value>| -> Vec<Option<Value>> {
            fields.iter().map(|f| map.get(*f).cloned()).collect()
        };
        let (bv, ov, tv) = (pick(&bm), pick(&om), pick(&tm));
        let chosen = if ov == tv || tv == bv {
            ov
        } else if ov == bv {
            tv
        } else if name == MODIFIED {
            later(ov, tv)
        } else {
            local.push(MergeConflict {
                kind: T::KIND,
                id: o.key().to_string(),
                field: Some(name),
                base: unit_value(&fields, &bv, base.is_some()),
                ours: unit_value(&fields, &ov, true),
                theirs: unit_value(&fields, &tv, true),
                kept: Kept::Ours,
            });
            ov
        };
        for (field, value) in fields.iter().zip(chosen) {
            if let Some(value) = value {
                result.insert((*field).to_string(), value);
            }
        }
    }
    let item = serde_json::from_value(Value::Object(result)).ok()?;
    conflicts.append(&mut local);
    Some(item)
}

/// The later of two RFC 3339 timestamps (they sort as text when written by Gloss).
fn later(ours: Vec<Option<Value>>, theirs: Vec<Option<Value>>) -> Vec<Option<Value>> {
    let text = |v: &[Option<Value>]| {
        v.first()
            .cloned()
            .flatten()
            .and_then(|v| v.as_str().map(str::to_owned))
    };
    if text(&theirs) > text(&ours) {
        theirs
    } else {
        ours
    }
}

/// The value a conflict records for a unit: the field's value, or an object of
/// the group's present fields; `null` when absent.
fn unit_value(fields: &[&str], values: &[Option<Value>], present: bool) -> Value {
    if !present {
        return Value::Null;
    }
    if let ([_], [value]) = (fields, values) {
        return value.clone().unwrap_or(Value::Null);
    }
    let map: Map<String, Value> = fields
        .iter()
        .zip(values)
        .filter_map(|(f, v)| v.clone().map(|v| ((*f).to_string(), v)))
        .collect();
    Value::Object(map)
}

/// Three-way merge of one object's unknown keys; a key changed differently on
/// both sides keeps ours and is recorded under `prefix` + its name.
pub(crate) fn merge_extra(
    base: &Extra,
    ours: &Extra,
    theirs: &Extra,
    (kind, id, prefix): (EntityKind, &str, &str),
    conflicts: &mut Vec<MergeConflict>,
) -> Extra {
    if ours == theirs || theirs == base {
        return ours.clone();
    }
    if ours == base {
        return theirs.clone();
    }
    let mut names: Vec<&String> = base
        .keys()
        .chain(ours.keys())
        .chain(theirs.keys())
        .collect();
    names.sort();
    names.dedup();
    let mut merged = Extra::new();
    for name in names {
        let (b, o, t) = (base.get(name), ours.get(name), theirs.get(name));
        let chosen = if o == t || t == b {
            o
        } else if o == b {
            t
        } else {
            conflicts.push(MergeConflict {
                kind,
                id: id.to_string(),
                field: Some(format!("{prefix}{name}")),
                base: b.cloned().unwrap_or(Value::Null),
                ours: o.cloned().unwrap_or(Value::Null),
                theirs: t.cloned().unwrap_or(Value::Null),
                kept: Kept::Ours,
            });
            o
        };
        if let Some(value) = chosen {
            merged.insert(name.clone(), value.clone());
        }
    }
    merged
}
