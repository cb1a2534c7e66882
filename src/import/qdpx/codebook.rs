//! The codebook part of a REFI-QDA import: the file's codes read as a tree,
//! then mapped onto Gloss's codebook. Our grouping codes (found by the
//! `Gloss codebook` note's GUIDs, else by their names at the root) become the
//! stance scale and the actors; every other code becomes a topic.

use super::xml::{element, elements, guid_attribute, local_name, text_of};
use crate::import::topics::{ParentRef, TopicEntry, merge_topics};
use crate::model::codebook::{Actor, Codebook, Color, Stance, names_match, printable_name};
use crate::model::edit::Edit;
use crate::model::ids::{ActorId, StanceId, TopicId};
use crate::refi_qda::codebook_note::CodebookNote;
use crate::refi_qda::names::{
    ACTORS_GROUP_NAME, HOLDER_GROUP_NAME, STANCE_GROUP_NAME, TARGET_GROUP_NAME,
};
use crate::refi_qda::notes::{ActorDetails, split_polarity};
use roxmltree::Node;
use std::collections::HashMap;

/// Deepest code nesting read (deeper codes are left out, and reported).
pub(super) const MAX_CODE_DEPTH: usize = 64;

/// One code of the file, in document order (parents before children).
#[derive(Clone, Debug)]
pub(super) struct CodeNode {
    guid: String,
    name: String,
    codable: bool,
    color: Option<Color>,
    description: String,
    /// Index of the parent code in the same list.
    parent: Option<usize>,
}

/// Appends the `<Code>` elements under `codes` (recursively) to `out`; a
/// problem line says how many were nested too deep to be read.
pub(super) fn read_codes(codes: Node<'_, '_>, out: &mut Vec<CodeNode>, problems: &mut Vec<String>) {
    let mut too_deep = 0;
    read_codes_under(codes, out, None, 0, &mut too_deep);
    if too_deep > 0 {
        problems.push(format!(
            "{too_deep} code(s) nested deeper than {MAX_CODE_DEPTH} levels not imported (nor their codings)"
        ));
    }
}

fn read_codes_under(
    codes: Node<'_, '_>,
    out: &mut Vec<CodeNode>,
    parent: Option<usize>,
    depth: usize,
    too_deep: &mut usize,
) {
    if depth >= MAX_CODE_DEPTH {
        // `descendants` starts with the node itself.
        *too_deep += codes
            .descendants()
            .skip(1)
            .filter(|d| d.is_element() && local_name(d) == "Code")
            .count();
        return;
    }
    for code in elements(codes, "Code") {
        let index = out.len();
        out.push(CodeNode {
            guid: guid_attribute(code, "guid"),
            name: code.attribute("name").unwrap_or_default().to_owned(),
            codable: code
                .attribute("isCodable")
                .is_none_or(|v| !matches!(v.trim(), "false" | "0")),
            color: code.attribute("color").and_then(|c| parse_color(c.trim())),
            description: text_of(element(code, "Description")),
            parent,
        });
        read_codes_under(code, out, Some(index), depth + 1, too_deep);
    }
}

/// `#RRGGBB` or the short `#RGB` the schema also allows.
fn parse_color(text: &str) -> Option<Color> {
    if let Ok(color) = text.parse() {
        return Some(color);
    }
    let hex = text.strip_prefix('#')?;
    if hex.len() == 3 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
        let doubled: String = hex.chars().flat_map(|c| [c, c]).collect();
        return doubled.parse().ok();
    }
    None
}

/// What a code stands for in Gloss.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum CodeRole {
    Topic(TopicId),
    Stance(StanceId),
    Holder(ActorId),
    Target(ActorId),
    /// A grouping code of ours (Stance, Actors, Holder, Target).
    Group,
}

/// The codebook part of an import: edits and the meaning of each code GUID.
#[derive(Default)]
pub(super) struct CodebookImport {
    /// Topics, then stances and actors; stance notes may add more later.
    pub(super) edits: Vec<Edit>,
    /// Lowercase code GUID → what it stands for.
    pub(super) roles: HashMap<String, CodeRole>,
    stances: Vec<Stance>,
    actors: Vec<Actor>,
    /// Kind and belongs-to read from the descriptions of actors this import
    /// adds (a `.qdc`, or a file without the Gloss note), by actor id.
    described_details: Vec<(ActorId, ActorDetails)>,
    pub(super) topics_added: usize,
    pub(super) stances_added: usize,
    pub(super) actors_added: usize,
    pub(super) problems: Vec<String>,
}

impl CodebookImport {
    /// A stance by name, created (and remembered) when missing.
    pub(super) fn stance_named(&mut self, name: &str) -> StanceId {
        if let Some(stance) = self.stances.iter().find(|s| names_match(&s.name, name)) {
            return stance.id.clone();
        }
        self.add_stance(Stance {
            id: StanceId::generate(),
            name: printable_name(name),
            color: Color::palette(self.stances.len()),
            polarity: 0,
            description: String::new(),
        })
    }

    fn add_stance(&mut self, stance: Stance) -> StanceId {
        self.stances_added += 1;
        self.edits.push(Edit::Stance {
            before: None,
            after: Some(stance.clone()),
        });
        let id = stance.id.clone();
        self.stances.push(stance);
        id
    }

    /// An actor by name, created (with `preferred` as its id when free) when missing.
    pub(super) fn actor_named(
        &mut self,
        name: &str,
        description: &str,
        preferred: Option<&str>,
    ) -> ActorId {
        if let Some(actor) = self.actors.iter().find(|a| names_match(&a.name, name)) {
            return actor.id.clone();
        }
        let id = preferred
            .map(ActorId::from)
            .filter(|id| !self.actors.iter().any(|a| &a.id == id))
            .unwrap_or_else(ActorId::generate);
        let actor = Actor {
            id: id.clone(),
            name: printable_name(name),
            kind: None,
            belongs_to: None,
            description: description.to_owned(),
        };
        self.actors_added += 1;
        self.edits.push(Edit::Actor {
            before: None,
            after: Some(actor.clone()),
        });
        self.actors.push(actor);
        id
    }

    /// A code under the `Stance` group: the stance of that name, created when missing.
    fn stance_code(&mut self, code: &CodeNode, ids: &NoteIds) {
        let (description, polarity_in_text) = split_polarity(&code.description);
        let (preferred, polarity) = match ids.stances.get(&code.guid) {
            Some((id, polarity)) => (Some(id.as_str()), *polarity),
            None => (None, polarity_in_text.unwrap_or(0)),
        };
        let existing = self
            .stances
            .iter()
            .find(|s| names_match(&s.name, &code.name))
            .map(|s| s.id.clone());
        let id = existing.unwrap_or_else(|| {
            let id = preferred
                .map(StanceId::from)
                .filter(|id| !self.stances.iter().any(|s| &s.id == id))
                .unwrap_or_else(StanceId::generate);
            let color = code
                .color
                .unwrap_or_else(|| Color::palette(self.stances.len()));
            self.add_stance(Stance {
                id,
                name: printable_name(&code.name),
                color,
                polarity,
                description,
            })
        });
        self.roles.insert(code.guid.clone(), CodeRole::Stance(id));
    }

    /// A code directly under one of our groups (`parent` is that group's GUID).
    fn group_member(&mut self, code: &CodeNode, parent: &str, groups: &Groups, ids: &NoteIds) {
        if groups.stance.as_deref() == Some(parent) {
            self.stance_code(code, ids);
        } else if groups.holder.as_deref() == Some(parent)
            || groups.target.as_deref() == Some(parent)
        {
            let preferred = ids.actors.get(&code.guid).map(String::as_str);
            let (description, details) = ActorDetails::split(&code.description);
            let id = self.actor_named(&code.name, &description, preferred);
            if details != ActorDetails::default()
                && !self.described_details.iter().any(|(known, _)| known == &id)
            {
                self.described_details.push((id.clone(), details));
            }
            let role = if groups.holder.as_deref() == Some(parent) {
                CodeRole::Holder(id)
            } else {
                CodeRole::Target(id)
            };
            self.roles.insert(code.guid.clone(), role);
        } else {
            self.problems.push(format!(
                "code `{}` under “{ACTORS_GROUP_NAME}” is neither under “{HOLDER_GROUP_NAME}” nor “{TARGET_GROUP_NAME}”; not imported",
                code.name
            ));
        }
    }
}

/// The GUIDs of our grouping codes in the file (lowercase).
struct Groups {
    stance: Option<String>,
    actors: Option<String>,
    holder: Option<String>,
    target: Option<String>,
}

impl Groups {
    /// From the Gloss note when there is one, else by name: non-codable root
    /// codes `Stance` and `Actors`, and `Holder`/`Target` under `Actors`.
    fn find(codes: &[CodeNode], note: Option<&CodebookNote>) -> Self {
        if let Some(note) = note {
            return Self {
                stance: Some(note.stance_group.to_lowercase()),
                actors: Some(note.actors_group.to_lowercase()),
                holder: Some(note.holder_group.to_lowercase()),
                target: Some(note.target_group.to_lowercase()),
            };
        }
        let root = |name: &str| {
            codes
                .iter()
                .find(|c| c.parent.is_none() && !c.codable && names_match(&c.name, name))
                .map(|c| c.guid.clone())
        };
        let child_of = |parent: &Option<String>, name: &str| {
            let parent = parent.as_ref()?;
            let parent_index = codes.iter().position(|c| &c.guid == parent)?;
            codes
                .iter()
                .find(|c| c.parent == Some(parent_index) && names_match(&c.name, name))
                .map(|c| c.guid.clone())
        };
        let actors = root(ACTORS_GROUP_NAME);
        Self {
            stance: root(STANCE_GROUP_NAME),
            holder: child_of(&actors, HOLDER_GROUP_NAME),
            target: child_of(&actors, TARGET_GROUP_NAME),
            actors,
        }
    }

    /// Is `guid` one of the groups?
    fn contains(&self, guid: &str) -> bool {
        [&self.stance, &self.actors, &self.holder, &self.target]
            .into_iter()
            .any(|group| group.as_deref() == Some(guid))
    }
}

/// What the Gloss note says about codes, by lowercase code GUID.
#[derive(Default)]
struct NoteIds {
    /// Code GUID → topic id.
    topics: HashMap<String, String>,
    /// Code GUID → (stance id, polarity).
    stances: HashMap<String, (String, i32)>,
    /// Holder or target code GUID → actor id.
    actors: HashMap<String, String>,
}

impl NoteIds {
    fn new(note: Option<&CodebookNote>) -> Self {
        let Some(note) = note else {
            return Self::default();
        };
        Self {
            topics: note
                .topics
                .iter()
                .map(|(guid, id)| (guid.to_lowercase(), id.clone()))
                .collect(),
            stances: note
                .stances
                .iter()
                .map(|(guid, value)| (guid.to_lowercase(), value.clone()))
                .collect(),
            actors: note
                .actors
                .iter()
                .flat_map(|(id, (holder, target))| {
                    [
                        (holder.to_lowercase(), id.clone()),
                        (target.to_lowercase(), id.clone()),
                    ]
                })
                .collect(),
        }
    }
}

/// Maps the file's codes onto the codebook: our groups become stances and
/// actors, every other code a topic. Edits come topics first (annotations and
/// nothing else refer to them), then stances and actors.
pub(super) fn import_codebook(
    codes: &[CodeNode],
    existing: &Codebook,
    note: Option<&CodebookNote>,
) -> CodebookImport {
    let mut import = CodebookImport {
        stances: existing.stances.clone(),
        actors: existing.actors.clone(),
        ..CodebookImport::default()
    };
    let groups = Groups::find(codes, note);
    let ids = NoteIds::new(note);
    let mut entries: Vec<TopicEntry> = Vec::new();
    let mut entry_of_code: HashMap<usize, usize> = HashMap::new();
    let mut topic_codes: Vec<usize> = Vec::new();
    for (index, code) in codes.iter().enumerate() {
        if groups.contains(&code.guid) {
            import.roles.insert(code.guid.clone(), CodeRole::Group);
            continue;
        }
        let parent_guid = code.parent.map(|p| codes[p].guid.as_str());
        if let Some(group) = parent_guid.filter(|p| groups.contains(p)) {
            import.group_member(code, group, &groups, &ids);
            continue;
        }
        let parent = code
            .parent
            .and_then(|p| entry_of_code.get(&p).copied())
            .map_or(ParentRef::None, ParentRef::Entry);
        entry_of_code.insert(index, entries.len());
        topic_codes.push(index);
        entries.push(TopicEntry {
            name: code.name.clone(),
            parent,
            color: code.color,
            description: code.description.clone(),
            codable: code.codable,
            preferred_id: ids
                .topics
                .get(&code.guid)
                .map(|id| TopicId::from(id.as_str())),
        });
    }
    let merge = merge_topics(existing, &entries);
    import.topics_added = merge.added;
    import.problems.extend(merge.notes);
    for (code_index, id) in topic_codes.iter().zip(&merge.ids) {
        import
            .roles
            .insert(codes[*code_index].guid.clone(), CodeRole::Topic(id.clone()));
    }
    let mut edits = merge.edits;
    edits.append(&mut import.edits);
    import.edits = edits;
    match note {
        Some(note) => import.add_actor_details(note),
        None => {
            let described = import.described_note();
            import.add_actor_details(&described);
        }
    }
    import
}

impl CodebookImport {
    /// The kinds and belongs-to read from actors' descriptions, as the Gloss
    /// note would keep them (an owner by name, among the codebook's actors
    /// after the import).
    fn described_note(&self) -> CodebookNote {
        let mut note = CodebookNote::default();
        for (id, details) in &self.described_details {
            if let Some(kind) = &details.kind {
                note.actor_kinds.insert(id.0.clone(), kind.clone());
            }
            let owner = details
                .belongs_to
                .as_ref()
                .and_then(|name| self.actors.iter().find(|a| names_match(&a.name, name)));
            if let Some(owner) = owner {
                note.actor_owners.insert(id.0.clone(), owner.id.0.clone());
            }
        }
        note
    }

    /// Gives the actors this import adds the kind and belongs-to the note
    /// keeps for them; belongs-to as edits after every actor exists, and
    /// only to an actor the codebook will have.
    fn add_actor_details(&mut self, note: &CodebookNote) {
        for edit in &mut self.edits {
            if let Edit::Actor {
                before: None,
                after: Some(actor),
            } = edit
                && let Some(kind) = note.actor_kinds.get(&actor.id.0)
            {
                actor.kind = kind.parse().ok();
            }
        }
        let added: Vec<Actor> = self
            .edits
            .iter()
            .filter_map(|edit| match edit {
                Edit::Actor {
                    before: None,
                    after: Some(actor),
                } => Some(actor.clone()),
                _ => None,
            })
            .collect();
        // A hand-made note could make a loop: it is left out, not refused whole.
        let mut trial = Codebook {
            actors: self.actors.clone(),
            ..Codebook::default()
        };
        for actor in added {
            let Some(owner) = note.actor_owners.get(&actor.id.0) else {
                continue;
            };
            let owner_id = ActorId::from(owner.as_str());
            if trial.actor(&owner_id).is_some() && !trial.actor_would_cycle(&actor.id, &owner_id) {
                if let Some(entry) = trial.actors.iter_mut().find(|a| a.id == actor.id) {
                    entry.belongs_to = Some(owner_id.clone());
                }
                self.edits.push(Edit::Actor {
                    before: Some(actor.clone()),
                    after: Some(Actor {
                        belongs_to: Some(ActorId::from(owner.as_str())),
                        ..actor
                    }),
                });
            }
        }
    }
}
