//! The codebook as REFI-QDA `<Code>` elements: topics with their hierarchy,
//! colours and descriptions; the stance scale under a non-codable `Stance`
//! code; actors under `Actors › Holder` and `Actors › Target`. Every GUID is
//! derived from the Gloss id.

use super::xml::{push_attribute, push_text};
use crate::model::codebook::{Actor, Codebook, Stance, Topic};
use crate::model::ids::TopicId;
use crate::refi_qda::guid::stable_guid;
use crate::refi_qda::names::{
    ACTORS_GROUP_NAME, HOLDER_GROUP_NAME, STANCE_GROUP_NAME, TARGET_GROUP_NAME,
};
use crate::refi_qda::notes::{ActorDetails, polarity_line};
use std::collections::HashMap;

/// Deepest topic nesting written (levels below a top-level topic), as deep as
/// the importer reads; deeper topics are left out with a note in the report.
const MAX_TOPIC_DEPTH: usize = 64;

/// Is `topic` nested deeper than [`MAX_TOPIC_DEPTH`]?
fn is_too_deep(codebook: &Codebook, topic: &Topic) -> bool {
    let mut depth = 0;
    let mut parent = topic.parent.as_ref().and_then(|p| codebook.topic(p));
    while let Some(ancestor) = parent {
        depth += 1;
        if depth > MAX_TOPIC_DEPTH {
            return true;
        }
        parent = ancestor.parent.as_ref().and_then(|p| codebook.topic(p));
    }
    false
}

/// How many topics the export leaves out for their depth (their codings too).
pub(super) fn topics_too_deep(codebook: &Codebook) -> usize {
    codebook
        .topics
        .iter()
        .filter(|topic| is_too_deep(codebook, topic))
        .count()
}

/// GUIDs of everything in the codebook, derived from ids.
pub(super) struct CodeGuids {
    /// Topic id → code GUID.
    pub(super) topics: HashMap<TopicId, String>,
    /// Stance id → code GUID.
    pub(super) stances: HashMap<String, String>,
    /// Actor id → code GUID under `Holder`.
    pub(super) holders: HashMap<String, String>,
    /// Actor id → code GUID under `Target`.
    pub(super) targets: HashMap<String, String>,
    pub(super) stance_group: String,
    pub(super) actors_group: String,
    pub(super) holder_group: String,
    pub(super) target_group: String,
}

impl CodeGuids {
    pub(super) fn new(codebook: &Codebook) -> Self {
        let actor_guids = |kind: &str| {
            codebook
                .actors
                .iter()
                .map(|a| (a.id.0.clone(), stable_guid(kind, a.id.as_str())))
                .collect()
        };
        Self {
            // Topics too deep to write get no GUID, so no coding refers to them.
            topics: codebook
                .topics
                .iter()
                .filter(|t| !is_too_deep(codebook, t))
                .map(|t| (t.id.clone(), stable_guid("topic", t.id.as_str())))
                .collect(),
            stances: codebook
                .stances
                .iter()
                .map(|s| (s.id.0.clone(), stable_guid("stance", s.id.as_str())))
                .collect(),
            holders: actor_guids("holder"),
            targets: actor_guids("target"),
            stance_group: stable_guid("group", "stance"),
            actors_group: stable_guid("group", "actors"),
            holder_group: stable_guid("group", "holder"),
            target_group: stable_guid("group", "target"),
        }
    }
}

/// One `<Code>` before it is written.
struct CodeElement<'a> {
    guid: &'a str,
    name: &'a str,
    codable: bool,
    color: Option<String>,
    description: &'a str,
}

/// Writes a code with an optional description and children (written by
/// `children`, which says whether it wrote any).
fn write_code(
    out: &mut String,
    code: &CodeElement<'_>,
    children: &mut dyn FnMut(&mut String) -> bool,
) {
    out.push_str("<Code");
    push_attribute(out, "guid", code.guid);
    push_attribute(out, "name", code.name);
    push_attribute(
        out,
        "isCodable",
        if code.codable { "true" } else { "false" },
    );
    if let Some(color) = &code.color {
        push_attribute(out, "color", color);
    }
    let mut inner = String::new();
    if !code.description.is_empty() {
        inner.push_str("<Description>");
        push_text(&mut inner, code.description);
        inner.push_str("</Description>");
    }
    let had_children = children(&mut inner);
    if inner.is_empty() && !had_children {
        out.push_str("/>\n");
    } else {
        out.push_str(">\n");
        out.push_str(&inner);
        out.push_str("</Code>\n");
    }
}

/// Writes the topics under `parent` (the roots and orphans when `None`), recursively.
fn write_topics(
    out: &mut String,
    codebook: &Codebook,
    guids: &CodeGuids,
    parent: Option<&TopicId>,
    depth: usize,
) -> bool {
    let mut any = false;
    for topic in &codebook.topics {
        let is_child = match (parent, &topic.parent) {
            (None, None) => true,
            (None, Some(p)) => codebook.topic(p).is_none(),
            (Some(p), Some(q)) => p == q,
            (Some(_), None) => false,
        };
        if !is_child || depth > MAX_TOPIC_DEPTH {
            continue;
        }
        any = true;
        let guid = guids.topics.get(&topic.id).cloned().unwrap_or_default();
        let code = CodeElement {
            guid: &guid,
            name: &topic.name,
            codable: topic.codable,
            color: Some(topic.color.to_string()),
            description: &topic.description,
        };
        write_code(out, &code, &mut |inner| {
            write_topics(inner, codebook, guids, Some(&topic.id), depth + 1)
        });
    }
    any
}

/// Writes one stance's code; its polarity joins the description when asked.
fn write_stance(out: &mut String, stance: &Stance, guid: &str, polarity_in_description: bool) {
    let description = if polarity_in_description {
        let line = polarity_line(stance.polarity);
        if stance.description.is_empty() {
            line
        } else {
            format!("{}\n{line}", stance.description)
        }
    } else {
        stance.description.clone()
    };
    let code = CodeElement {
        guid,
        name: &stance.name,
        codable: true,
        color: Some(stance.color.to_string()),
        description: &description,
    };
    write_code(out, &code, &mut |_| false);
}

/// Writes `Actors` with `Holder` and `Target` under it, each holding every
/// actor; with `details_in_description` (a `.qdc`, which has no notes) each
/// actor's kind and belongs-to join its description.
fn write_actors(
    out: &mut String,
    actors: &[Actor],
    guids: &CodeGuids,
    details_in_description: bool,
) {
    let description = |actor: &Actor| {
        if !details_in_description {
            return actor.description.clone();
        }
        ActorDetails {
            kind: actor.kind.as_ref().map(|k| k.name().to_owned()),
            belongs_to: actor
                .belongs_to
                .as_ref()
                .and_then(|owner| actors.iter().find(|a| &a.id == owner))
                .map(|owner| owner.name.clone()),
        }
        .append_to(&actor.description)
    };
    let group = CodeElement {
        guid: &guids.actors_group,
        name: ACTORS_GROUP_NAME,
        codable: false,
        color: None,
        description: "Gloss actors: who holds a stance, toward whom",
    };
    write_code(out, &group, &mut |inner| {
        for (group_guid, group_name, role) in [
            (&guids.holder_group, HOLDER_GROUP_NAME, &guids.holders),
            (&guids.target_group, TARGET_GROUP_NAME, &guids.targets),
        ] {
            let role_group = CodeElement {
                guid: group_guid,
                name: group_name,
                codable: false,
                color: None,
                description: "",
            };
            write_code(inner, &role_group, &mut |codes| {
                for actor in actors {
                    let guid = role.get(&actor.id.0).cloned().unwrap_or_default();
                    let description = description(actor);
                    let code = CodeElement {
                        guid: &guid,
                        name: &actor.name,
                        codable: true,
                        color: None,
                        description: &description,
                    };
                    write_code(codes, &code, &mut |_| false);
                }
                true
            });
        }
        true
    });
}

/// Writes the `<Code>` elements of the whole codebook; false when there are none.
/// A `.qdc` has no notes, so it carries each stance's polarity, and each
/// actor's kind and belongs-to, in their descriptions.
pub(super) fn write_codes(
    out: &mut String,
    codebook: &Codebook,
    guids: &CodeGuids,
    polarity_in_description: bool,
) -> bool {
    let mut any = write_topics(out, codebook, guids, None, 0);
    if !codebook.stances.is_empty() {
        any = true;
        let group = CodeElement {
            guid: &guids.stance_group,
            name: STANCE_GROUP_NAME,
            codable: false,
            color: None,
            description: "Gloss stance scale",
        };
        write_code(out, &group, &mut |inner| {
            for stance in &codebook.stances {
                let guid = guids.stances.get(&stance.id.0).cloned().unwrap_or_default();
                write_stance(inner, stance, &guid, polarity_in_description);
            }
            true
        });
    }
    if !codebook.actors.is_empty() {
        any = true;
        write_actors(out, &codebook.actors, guids, polarity_in_description);
    }
    any
}
