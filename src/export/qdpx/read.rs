//! Reading REFI-QDA: a `.qdpx` archive into an [`ImportPlan`] for a project,
//! and a `.qdc` codebook into codebook edits.
//!
//! Lenient by design, because real files differ from the standard: the inner
//! file may be `project.qde` or any single `*.qde`; the text folder `sources/`
//! or `Sources/`; XML and texts may carry a BOM (UTF-8 or UTF-16); element
//! names are matched without their namespace (codebook `0:4` and `1.0` both
//! occur). Only `internal://` text paths are read, and only from inside the
//! archive: no path in the file is ever followed on disk.
//!
//! Offsets: the unit comes from the `origin` attribute ([`OffsetUnit`]), is
//! then checked against the text (quotes held in a selection's `name`, word
//! boundaries), and every selection that cannot be placed exactly is reported.

use super::units::{OffsetTable, OffsetUnit, Placement};
use super::write::CodebookNote;
use super::{
    ACTORS_GROUP_NAME, CODEBOOK_NOTE_NAME, HOLDER_GROUP_NAME, STANCE_GROUP_NAME, STANCE_NOTE_NAME,
    TARGET_GROUP_NAME,
};
use crate::export::import_plan::{
    ImportError, ImportPlan, ImportReport, NewDocumentFile, safe_document_path, taken_paths,
};
use crate::export::topic_import::{ParentRef, TopicEntry, merge_topics};
use crate::model::annotation::{Annotation, TextAnchor};
use crate::model::codebook::{Actor, Codebook, Color, Stance, names_match};
use crate::model::document::{DocumentRecord, sha256_hex};
use crate::model::edit::Edit;
use crate::model::ids::{ActorId, AnnotationId, DocumentId, StanceId, TopicId};
use crate::model::text::{CanonicalText, CharOffset, CharRange};
use crate::model::workspace::Workspace;
use roxmltree::Node;
use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

/// The result of reading a `.qdpx`.
pub type QdpxImport = ImportPlan;

/// Largest archive entry read (a guard against zip bombs).
const MAX_ENTRY_BYTES: u64 = 1 << 31;

fn local_name<'a>(node: &Node<'a, '_>) -> &'a str {
    node.tag_name().name()
}

fn elements<'a, 'input>(
    node: Node<'a, 'input>,
    name: &'static str,
) -> impl Iterator<Item = Node<'a, 'input>> {
    node.children()
        .filter(move |child| child.is_element() && local_name(child) == name)
}

fn element<'a, 'input>(node: Node<'a, 'input>, name: &'static str) -> Option<Node<'a, 'input>> {
    elements(node, name).next()
}

fn text_of(node: Option<Node>) -> String {
    node.map(|n| n.children().filter_map(|c| c.text()).collect())
        .unwrap_or_default()
}

/// Decodes text bytes: UTF-8 or UTF-16 by BOM, BOM removed; invalid UTF-8 replaced.
fn decode_text(bytes: &[u8]) -> (String, bool) {
    if let Some((encoding, bom_length)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_length..]);
        return (text.into_owned(), had_errors);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), false),
        Err(_) => (String::from_utf8_lossy(bytes).into_owned(), true),
    }
}

/// The archive's entries, found by name case-insensitively.
struct Archive<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// Lowercased, `/`-separated name → index.
    names: HashMap<String, usize>,
}

impl<'a> Archive<'a> {
    fn open(bytes: &'a [u8]) -> Result<Self, ImportError> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| ImportError::Archive(e.to_string()))?;
        let mut names = HashMap::new();
        for index in 0..zip.len() {
            if let Some(Ok(entry)) = zip.name_for_index(index) {
                names.insert(entry.replace('\\', "/").to_lowercase(), index);
            }
        }
        Ok(Self { zip, names })
    }

    fn read(&mut self, lowercase_name: &str) -> Option<Result<Vec<u8>, String>> {
        let index = *self.names.get(lowercase_name)?;
        Some((|| {
            let entry = self.zip.by_index(index).map_err(|e| e.to_string())?;
            let mut bytes = Vec::new();
            entry
                .take(MAX_ENTRY_BYTES)
                .read_to_end(&mut bytes)
                .map_err(|e| e.to_string())?;
            Ok(bytes)
        })())
    }

    /// `project.qde`, else the only `*.qde` in the archive.
    fn project_entry(&self) -> Result<String, ImportError> {
        if self.names.contains_key("project.qde") {
            return Ok("project.qde".into());
        }
        let mut candidates: Vec<&String> =
            self.names.keys().filter(|n| n.ends_with(".qde")).collect();
        candidates.sort();
        match candidates.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(ImportError::Archive(
                "it holds no project.qde (nor any *.qde file)".into(),
            )),
            many => Err(ImportError::Archive(format!(
                "it holds several .qde files and none is named project.qde: {}",
                many.iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        }
    }

    /// The bytes of an `internal://` text file (in `sources/`, any case).
    fn internal_file(&mut self, file: &str) -> Option<Result<Vec<u8>, String>> {
        let file = file.replace('\\', "/").to_lowercase();
        let file = file.trim_start_matches('/');
        if file.split('/').any(|part| part == "..") {
            return Some(Err("the path leaves the archive's sources folder".into()));
        }
        let candidate = format!("sources/{file}");
        if self.names.contains_key(&candidate) {
            return self.read(&candidate);
        }
        self.read(file)
    }
}

/// One code of the file, in document order (parents before children).
#[derive(Clone, Debug)]
struct CodeNode {
    guid: String,
    name: String,
    codable: bool,
    color: Option<Color>,
    description: String,
    parent: Option<usize>,
}

fn read_codes(codes: Node, out: &mut Vec<CodeNode>, parent: Option<usize>, depth: usize) {
    if depth > 64 {
        return;
    }
    for code in elements(codes, "Code") {
        let index = out.len();
        out.push(CodeNode {
            guid: code.attribute("guid").unwrap_or_default().to_lowercase(),
            name: code.attribute("name").unwrap_or_default().to_string(),
            codable: code
                .attribute("isCodable")
                .is_none_or(|v| v.trim() != "false"),
            color: code.attribute("color").and_then(|c| parse_color(c.trim())),
            description: text_of(element(code, "Description")),
            parent,
        });
        read_codes(code, out, Some(index), depth + 1);
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
enum CodeRole {
    Topic(TopicId),
    Stance(StanceId),
    Holder(ActorId),
    Target(ActorId),
    /// A grouping code of ours (Stance, Actors, Holder, Target).
    Group,
}

/// The codebook part of an import: edits and the meaning of each code GUID.
#[derive(Default)]
struct CodebookImport {
    edits: Vec<Edit>,
    roles: HashMap<String, CodeRole>,
    stances: Vec<Stance>,
    actors: Vec<Actor>,
    topics_added: usize,
    stances_added: usize,
    actors_added: usize,
    problems: Vec<String>,
}

impl CodebookImport {
    /// A stance by name, created (and remembered) when missing.
    fn stance_named(&mut self, name: &str) -> StanceId {
        if let Some(stance) = self.stances.iter().find(|s| names_match(&s.name, name)) {
            return stance.id.clone();
        }
        let stance = Stance {
            id: StanceId::generate(),
            name: name.trim().to_string(),
            color: Color::palette(self.stances.len()),
            polarity: 0,
            description: String::new(),
        };
        self.stances_added += 1;
        self.edits.push(Edit::Stance {
            before: None,
            after: Some(stance.clone()),
        });
        let id = stance.id.clone();
        self.stances.push(stance);
        id
    }

    fn actor_named(&mut self, name: &str, description: &str, preferred: Option<&str>) -> ActorId {
        if let Some(actor) = self.actors.iter().find(|a| names_match(&a.name, name)) {
            return actor.id.clone();
        }
        let id = preferred
            .map(ActorId::from)
            .filter(|id| !self.actors.iter().any(|a| &a.id == id))
            .unwrap_or_else(ActorId::generate);
        let actor = Actor {
            id: id.clone(),
            name: name.trim().to_string(),
            description: description.to_string(),
        };
        self.actors_added += 1;
        self.edits.push(Edit::Actor {
            before: None,
            after: Some(actor.clone()),
        });
        self.actors.push(actor);
        id
    }
}

/// Splits a `[Gloss polarity: +1]` line off a description.
fn split_polarity(description: &str) -> (String, Option<i32>) {
    let trimmed = description.trim_end();
    if let Some(start) = trimmed.rfind("[Gloss polarity: ")
        && trimmed.ends_with(']')
    {
        let value = &trimmed[start + "[Gloss polarity: ".len()..trimmed.len() - 1];
        if let Ok(polarity) = value.trim().trim_start_matches('+').parse::<i32>() {
            return (trimmed[..start].trim_end().to_string(), Some(polarity));
        }
    }
    (description.to_string(), None)
}

/// Maps the file's codes onto the codebook: our groups (by the Gloss note's
/// GUIDs, else by their names at the root) become stances and actors, every
/// other code a topic.
fn import_codebook(
    codes: &[CodeNode],
    existing: &Codebook,
    note: Option<&CodebookNote>,
) -> CodebookImport {
    let mut import = CodebookImport {
        stances: existing.stances.clone(),
        actors: existing.actors.clone(),
        ..CodebookImport::default()
    };
    let find_root = |name: &str| {
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
    let (stance_group, actors_group, holder_group, target_group) = match note {
        Some(note) => (
            Some(note.stance_group.to_lowercase()),
            Some(note.actors_group.to_lowercase()),
            Some(note.holder_group.to_lowercase()),
            Some(note.target_group.to_lowercase()),
        ),
        None => {
            let actors = find_root(ACTORS_GROUP_NAME);
            (
                find_root(STANCE_GROUP_NAME),
                actors.clone(),
                child_of(&actors, HOLDER_GROUP_NAME),
                child_of(&actors, TARGET_GROUP_NAME),
            )
        }
    };
    let is = |group: &Option<String>, guid: &str| group.as_deref() == Some(guid);
    let note_topic_ids: HashMap<String, String> = note
        .map(|n| {
            n.topics
                .iter()
                .map(|(g, id)| (g.to_lowercase(), id.clone()))
                .collect()
        })
        .unwrap_or_default();
    let note_stances: HashMap<String, (String, i32)> = note
        .map(|n| {
            n.stances
                .iter()
                .map(|(g, v)| (g.to_lowercase(), v.clone()))
                .collect()
        })
        .unwrap_or_default();
    let note_actor_by_guid: HashMap<String, String> = note
        .map(|n| {
            n.actors
                .iter()
                .flat_map(|(id, (holder, target))| {
                    [
                        (holder.to_lowercase(), id.clone()),
                        (target.to_lowercase(), id.clone()),
                    ]
                })
                .collect()
        })
        .unwrap_or_default();

    // Topics: every code outside our groups, parents first.
    let mut entries: Vec<TopicEntry> = Vec::new();
    let mut entry_of_code: HashMap<usize, usize> = HashMap::new();
    let mut topic_codes: Vec<usize> = Vec::new();
    for (index, code) in codes.iter().enumerate() {
        let group_guid = |g: &Option<String>| is(g, &code.guid);
        if group_guid(&stance_group)
            || group_guid(&actors_group)
            || group_guid(&holder_group)
            || group_guid(&target_group)
        {
            import.roles.insert(code.guid.clone(), CodeRole::Group);
            continue;
        }
        let parent_guid = code.parent.map(|p| codes[p].guid.as_str());
        let in_group = parent_guid.is_some_and(|p| {
            is(&stance_group, p)
                || is(&holder_group, p)
                || is(&target_group, p)
                || is(&actors_group, p)
        });
        if in_group {
            let parent = parent_guid.unwrap_or_default();
            if is(&stance_group, parent) {
                let (description, polarity_in_text) = split_polarity(&code.description);
                let (preferred, polarity) = match note_stances.get(&code.guid) {
                    Some((id, polarity)) => (Some(id.clone()), *polarity),
                    None => (None, polarity_in_text.unwrap_or(0)),
                };
                let id = match import
                    .stances
                    .iter()
                    .find(|s| names_match(&s.name, &code.name))
                {
                    Some(stance) => stance.id.clone(),
                    None => {
                        let id = preferred
                            .map(|p| StanceId::from(p.as_str()))
                            .filter(|id| !import.stances.iter().any(|s| &s.id == id))
                            .unwrap_or_else(StanceId::generate);
                        let stance = Stance {
                            id: id.clone(),
                            name: code.name.trim().to_string(),
                            color: code
                                .color
                                .unwrap_or_else(|| Color::palette(import.stances.len())),
                            polarity,
                            description,
                        };
                        import.stances_added += 1;
                        import.edits.push(Edit::Stance {
                            before: None,
                            after: Some(stance.clone()),
                        });
                        import.stances.push(stance);
                        id
                    }
                };
                import.roles.insert(code.guid.clone(), CodeRole::Stance(id));
            } else if is(&holder_group, parent) || is(&target_group, parent) {
                let preferred = note_actor_by_guid.get(&code.guid).map(String::as_str);
                let id = import.actor_named(&code.name, &code.description, preferred);
                let role = if is(&holder_group, parent) {
                    CodeRole::Holder(id)
                } else {
                    CodeRole::Target(id)
                };
                import.roles.insert(code.guid.clone(), role);
            } else {
                import.problems.push(format!(
                    "code `{}` under “{ACTORS_GROUP_NAME}” is neither under “{HOLDER_GROUP_NAME}” nor “{TARGET_GROUP_NAME}”; not imported",
                    code.name
                ));
            }
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
            preferred_id: note_topic_ids
                .get(&code.guid)
                .map(|id| TopicId::from(id.as_str())),
        });
    }
    let merge = merge_topics(existing, &entries);
    import.topics_added = merge.added;
    import.problems.extend(merge.notes);
    for (entry_index, code_index) in topic_codes.iter().enumerate() {
        if let Some(id) = merge.ids.get(entry_index) {
            import
                .roles
                .insert(codes[*code_index].guid.clone(), CodeRole::Topic(id.clone()));
        }
    }
    // Topics first (annotations and nothing else refer to them), then stances and actors.
    let mut edits = merge.edits;
    edits.append(&mut import.edits);
    import.edits = edits;
    import
}

/// One `PlainTextSelection` as read.
struct SelectionData {
    name: String,
    start: u64,
    end: u64,
    codes: Vec<String>,
    notes: Vec<String>,
    user: Option<String>,
    created: Option<String>,
    modified: Option<String>,
}

/// One text source as read.
struct SourceData {
    guid: String,
    name: String,
    table: OffsetTable,
    attributes: Vec<(String, String)>,
    selections: Vec<SelectionData>,
}

/// Collapses whitespace runs (a CRLF in a quote equals an LF in the text).
fn normalise_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A quote held in a selection's name: (text, cut short?) when it looks like one.
fn quote_in_name(name: &str) -> Option<(String, bool)> {
    let trimmed = name.trim();
    let (text, cut) = match trimmed
        .strip_suffix('…')
        .or_else(|| trimmed.strip_suffix("..."))
    {
        Some(head) => (head, true),
        None => (trimmed, false),
    };
    let text = normalise_spaces(text);
    (text.chars().count() >= 3).then_some((text, cut))
}

fn quote_matches(table_text: &CanonicalText, range: CharRange, quote: &(String, bool)) -> bool {
    let Some(slice) = table_text.slice(range) else {
        return false;
    };
    let slice = normalise_spaces(slice);
    if quote.1 {
        slice.starts_with(&quote.0)
    } else {
        slice == quote.0
    }
}

fn is_word_boundary(text: &CanonicalText, offset: usize) -> bool {
    let before = offset
        .checked_sub(1)
        .and_then(|b| text.slice(CharRange::new(b, offset)))
        .and_then(|s| s.chars().next());
    let after = text
        .slice(CharRange::new(offset, offset + 1))
        .and_then(|s| s.chars().next());
    match (before, after) {
        (Some(b), Some(a)) => !(b.is_alphanumeric() && a.is_alphanumeric()),
        _ => true,
    }
}

/// How well `unit` explains the selections: quotes that match, ends at word boundaries.
fn unit_score(sources: &[(SourceData, CanonicalText)], unit: OffsetUnit) -> i64 {
    let mut score = 0i64;
    for (source, text) in sources {
        if source.table.units_agree() {
            continue;
        }
        for selection in &source.selections {
            let (Placement::Exact(start), Placement::Exact(end)) = (
                source.table.place(unit, selection.start),
                source.table.place(unit, selection.end),
            ) else {
                score -= 2;
                continue;
            };
            if let Some(quote) = quote_in_name(&selection.name)
                && quote_matches(text, CharRange::new(start, end), &quote)
            {
                score += 3;
            }
            score +=
                i64::from(is_word_boundary(text, start)) + i64::from(is_word_boundary(text, end));
        }
    }
    score
}

fn read_source(
    node: Node,
    archive: &mut Archive,
    variables: &HashMap<String, String>,
    problems: &mut Vec<String>,
) -> Option<SourceData> {
    let guid = node.attribute("guid").unwrap_or_default().to_lowercase();
    let name = node
        .attribute("name")
        .map(str::to_string)
        .unwrap_or_else(|| guid.clone());
    let raw = if let Some(content) = element(node, "PlainTextContent") {
        text_of(Some(content))
    } else if let Some(path) = node.attribute("plainTextPath") {
        let Some(file) = path.strip_prefix("internal://") else {
            problems.push(format!(
                "document `{name}`: its text is outside the archive ({path}); not imported (paths outside the archive are never followed)"
            ));
            return None;
        };
        match archive.internal_file(file) {
            Some(Ok(bytes)) => {
                let (text, had_errors) = decode_text(&bytes);
                if had_errors {
                    problems.push(format!("document `{name}`: its text is not valid Unicode; bad bytes were replaced by �"));
                }
                text
            }
            Some(Err(error)) => {
                problems.push(format!(
                    "document `{name}`: {path} cannot be read ({error}); not imported"
                ));
                return None;
            }
            None => {
                problems.push(format!(
                    "document `{name}`: {path} is missing from the archive; not imported"
                ));
                return None;
            }
        }
    } else {
        problems.push(format!(
            "document `{name}`: it has no plain text (only rich text); not imported"
        ));
        return None;
    };
    let mut attributes = Vec::new();
    for value in elements(node, "VariableValue") {
        let Some(variable) = element(value, "VariableRef")
            .and_then(|r| r.attribute("targetGUID"))
            .and_then(|g| variables.get(&g.to_lowercase()))
        else {
            problems.push(format!(
                "document `{name}`: a variable value refers to an unknown variable; not imported"
            ));
            continue;
        };
        let text = value
            .children()
            .find(|c| c.is_element() && local_name(c) != "VariableRef")
            .map(|c| text_of(Some(c)))
            .unwrap_or_default();
        attributes.push((variable.clone(), text));
    }
    let document_codings = elements(node, "Coding").count();
    if document_codings > 0 {
        problems.push(format!(
            "document `{name}`: {document_codings} coding(s) of the whole document not imported (Gloss codes passages)"
        ));
    }
    let mut selections = Vec::new();
    for selection in elements(node, "PlainTextSelection") {
        let position = |key: &str| {
            selection
                .attribute(key)
                .and_then(|v| v.trim().parse::<i64>().ok())
        };
        let label = selection.attribute("name").unwrap_or_default().to_string();
        let (Some(start), Some(end)) = (position("startPosition"), position("endPosition")) else {
            problems.push(format!(
                "document `{name}`: selection `{label}` has no valid positions; not imported"
            ));
            continue;
        };
        if start < 0 || end < 0 {
            problems.push(format!(
                "document `{name}`: selection `{label}` has negative positions; not imported"
            ));
            continue;
        }
        let codes = elements(selection, "Coding")
            .filter_map(|c| element(c, "CodeRef"))
            .filter_map(|r| r.attribute("targetGUID"))
            .map(str::to_lowercase)
            .collect();
        let notes = elements(selection, "NoteRef")
            .filter_map(|r| r.attribute("targetGUID"))
            .map(str::to_lowercase)
            .collect();
        selections.push(SelectionData {
            name: label,
            start: start as u64,
            end: end as u64,
            codes,
            notes,
            user: selection.attribute("creatingUser").map(str::to_lowercase),
            created: selection.attribute("creationDateTime").map(str::to_string),
            modified: selection.attribute("modifiedDateTime").map(str::to_string),
        });
    }
    Some(SourceData {
        guid,
        name,
        table: OffsetTable::new(&raw),
        attributes,
        selections,
    })
}

/// Parses a `Gloss stance` note: `Stance: …`, `Holder: …`, `Target: …` lines.
fn parse_stance_note(text: &str) -> (Option<String>, Option<String>, Option<String>) {
    let (mut stance, mut holder, mut target) = (None, None, None);
    for line in text.lines() {
        if let Some((key, value)) = line.split_once(':') {
            let value = value.trim().to_string();
            if value.is_empty() {
                continue;
            }
            match key.trim().to_lowercase().as_str() {
                "stance" => stance = Some(value),
                "holder" => holder = Some(value),
                "target" => target = Some(value),
                _ => {}
            }
        }
    }
    (stance, holder, target)
}

fn parse_xml_text(bytes: &[u8]) -> String {
    decode_text(bytes).0
}

/// Reads a `.qdpx` archive and plans its import into `workspace`'s project.
pub fn import_qdpx(
    bytes: &[u8],
    workspace: &Workspace,
    now: &str,
) -> Result<QdpxImport, ImportError> {
    let project = &workspace.project;
    let mut archive = Archive::open(bytes)?;
    let entry = archive.project_entry()?;
    let xml_bytes = archive
        .read(&entry)
        .ok_or_else(|| ImportError::Archive(format!("{entry} cannot be found")))?
        .map_err(ImportError::Archive)?;
    let xml = parse_xml_text(&xml_bytes);
    let document = roxmltree::Document::parse(&xml).map_err(|e| ImportError::Xml(e.to_string()))?;
    let root = document.root_element();
    if local_name(&root) != "Project" {
        return Err(ImportError::Xml(format!(
            "the root element is <{}>, not <Project>",
            local_name(&root)
        )));
    }
    let origin = root.attribute("origin").unwrap_or_default().to_string();
    let mut problems: Vec<String> = Vec::new();

    let users: HashMap<String, String> = element(root, "Users")
        .into_iter()
        .flat_map(|users| elements(users, "User"))
        .map(|u| {
            (
                u.attribute("guid").unwrap_or_default().to_lowercase(),
                u.attribute("name").unwrap_or_default().to_string(),
            )
        })
        .collect();
    let variables: HashMap<String, String> = element(root, "Variables")
        .into_iter()
        .flat_map(|v| elements(v, "Variable"))
        .map(|v| {
            (
                v.attribute("guid").unwrap_or_default().to_lowercase(),
                v.attribute("name").unwrap_or_default().to_string(),
            )
        })
        .collect();
    // Notes: guid → (name, text).
    let mut notes: HashMap<String, (String, String)> = HashMap::new();
    for note in element(root, "Notes")
        .into_iter()
        .flat_map(|n| elements(n, "Note"))
    {
        let guid = note.attribute("guid").unwrap_or_default().to_lowercase();
        let name = note.attribute("name").unwrap_or_default().to_string();
        let text = match element(note, "PlainTextContent") {
            Some(content) => text_of(Some(content)),
            None => match note
                .attribute("plainTextPath")
                .and_then(|p| p.strip_prefix("internal://"))
            {
                Some(file) => match archive.internal_file(file) {
                    Some(Ok(bytes)) => decode_text(&bytes).0,
                    _ => {
                        problems.push(format!(
                            "note `{name}`: its text is missing from the archive"
                        ));
                        String::new()
                    }
                },
                None => String::new(),
            },
        };
        notes.insert(guid, (name, text));
    }
    let project_note_refs: Vec<String> = elements(root, "NoteRef")
        .filter_map(|r| r.attribute("targetGUID"))
        .map(str::to_lowercase)
        .collect();
    let codebook_note: Option<CodebookNote> = project_note_refs
        .iter()
        .filter_map(|guid| notes.get(guid))
        .find(|(name, _)| name == CODEBOOK_NOTE_NAME)
        .and_then(|(_, text)| serde_json::from_str(text).ok());
    let other_project_notes = project_note_refs
        .iter()
        .filter(|guid| {
            notes
                .get(*guid)
                .is_some_and(|(name, _)| name != CODEBOOK_NOTE_NAME)
        })
        .count();
    if other_project_notes > 0 {
        problems.push(format!(
            "{other_project_notes} note(s) on the project as a whole not imported"
        ));
    }

    let mut code_nodes = Vec::new();
    if let Some(codes) = element(root, "CodeBook").and_then(|c| element(c, "Codes")) {
        read_codes(codes, &mut code_nodes, None, 0);
    }
    let mut codebook_import =
        import_codebook(&code_nodes, &project.codebook, codebook_note.as_ref());
    problems.append(&mut codebook_import.problems);

    for (container, item) in [
        ("Cases", "Case"),
        ("Sets", "Set"),
        ("Links", "Link"),
        ("Graphs", "Graph"),
    ] {
        let count = element(root, container).map_or(0, |c| elements(c, item).count());
        if count > 0 {
            problems.push(format!(
                "{count} {} not imported (Gloss has no {})",
                container.to_lowercase(),
                item.to_lowercase()
            ));
        }
    }

    let mut sources: Vec<(SourceData, CanonicalText)> = Vec::new();
    if let Some(container) = element(root, "Sources") {
        for node in container.children().filter(|c| c.is_element()) {
            if local_name(&node) != "TextSource" {
                problems.push(format!(
                    "{} `{}`: only text sources are imported",
                    local_name(&node),
                    node.attribute("name").unwrap_or_default()
                ));
                continue;
            }
            if let Some(source) = read_source(node, &mut archive, &variables, &mut problems) {
                let text = CanonicalText::new(source.table.canonical.clone());
                sources.push((source, text));
            }
        }
    }

    // The offset unit: the creator's, unless the texts clearly say otherwise.
    let declared = OffsetUnit::for_origin(&origin);
    let mut unit = declared;
    if sources
        .iter()
        .any(|(s, _)| !s.table.units_agree() && !s.selections.is_empty())
    {
        let declared_score = unit_score(&sources, declared);
        let best = OffsetUnit::ALL
            .into_iter()
            .map(|u| (unit_score(&sources, u), u))
            .max_by_key(|(score, _)| *score);
        if let Some((best_score, best_unit)) = best
            && best_score > declared_score
        {
            problems.push(format!(
                "positions read as {} although the file comes from “{origin}” (which suggests {}): the quotes and word boundaries fit that unit better",
                best_unit.describe(),
                declared.describe()
            ));
            unit = best_unit;
        }
    }

    // Documents.
    let mut taken = taken_paths(project);
    let mut new_files = Vec::new();
    let mut edits: Vec<Edit> = std::mem::take(&mut codebook_import.edits);
    let mut annotations: Vec<Annotation> = Vec::new();
    let note_documents: HashMap<String, String> = codebook_note
        .as_ref()
        .map(|n| {
            n.documents
                .iter()
                .map(|(g, id)| (g.to_lowercase(), id.clone()))
                .collect()
        })
        .unwrap_or_default();
    let mut used_document_ids: HashSet<DocumentId> =
        project.documents.iter().map(|d| d.id.clone()).collect();
    let (mut documents_added, mut documents_reused, mut placed, mut skipped) = (0, 0, 0, 0);
    for (source, text) in &sources {
        let existing = project.documents.iter().find(|d| {
            d.path.eq_ignore_ascii_case(&source.name)
                && workspace
                    .text(&d.id)
                    .is_some_and(|loaded| loaded.text.as_str() == text.as_str())
        });
        let document_id = match existing {
            Some(record) => {
                documents_reused += 1;
                record.id.clone()
            }
            None => {
                let path = safe_document_path(&source.name, &taken);
                if path != source.name {
                    problems.push(format!("document `{}` saved as `{path}`", source.name));
                }
                taken.insert(path.to_lowercase());
                let mut record = DocumentRecord::new(&path, &sha256_hex(text.as_str().as_bytes()));
                if let Some(id) = note_documents
                    .get(&source.guid)
                    .map(|id| DocumentId::from(id.as_str()))
                    && !used_document_ids.contains(&id)
                {
                    record.id = id;
                }
                used_document_ids.insert(record.id.clone());
                for (key, value) in &source.attributes {
                    record.attributes.insert(key.clone(), value.clone());
                }
                new_files.push(NewDocumentFile {
                    path: path.clone(),
                    text: text.as_str().to_string(),
                });
                documents_added += 1;
                let id = record.id.clone();
                edits.push(Edit::Document {
                    before: None,
                    after: Some(record),
                });
                id
            }
        };
        for selection in &source.selections {
            let label = format!(
                "selection `{}` in `{}`",
                shorten(&selection.name, 40),
                source.name
            );
            let mut place = |position: u64, what: &str| match source.table.place(unit, position) {
                Placement::Exact(offset) => Some(offset),
                Placement::Inside(offset) => {
                    problems.push(format!(
                        "{label}: its {what} {position} falls inside a line break or a character pair; placed at char {offset}"
                    ));
                    Some(offset)
                }
                Placement::PastEnd(length) => {
                    problems.push(format!(
                        "{label}: its {what} {position} is past the end of the text ({length} chars); placed at the end"
                    ));
                    Some(length)
                }
            };
            let (Some(mut start), Some(mut end)) =
                (place(selection.start, "start"), place(selection.end, "end"))
            else {
                continue;
            };
            if let Some(quote) = quote_in_name(&selection.name)
                && !quote_matches(text, CharRange::new(start, end), &quote)
            {
                // The name may be a quote: look for it near the given position.
                let found = (!quote.1)
                    .then(|| find_nearest(text, &selection.name, start))
                    .flatten();
                match found {
                    Some((found_start, found_end)) => {
                        problems.push(format!(
                            "{label}: moved from chars {start}–{end} to {found_start}–{found_end}, where its quote is"
                        ));
                        start = found_start;
                        end = found_end;
                    }
                    None if selection.name.contains(' ')
                        && selection.name.chars().count() >= 12 =>
                    {
                        problems.push(format!(
                            "{label}: the text at chars {start}–{end} differs from the quote in its name; kept at those positions"
                        ));
                    }
                    None => {}
                }
            }
            if start >= end {
                problems.push(format!("{label}: empty after placing; not imported"));
                skipped += 1;
                continue;
            }
            let range = CharRange::new(start, end);
            let Some(anchor) = TextAnchor::capture(text, range) else {
                problems.push(format!("{label}: outside the text; not imported"));
                skipped += 1;
                continue;
            };
            let mut annotation = Annotation {
                id: AnnotationId::generate(),
                document: document_id.clone(),
                start: CharOffset(start),
                end: CharOffset(end),
                anchor,
                topics: Vec::new(),
                stance: None,
                holder: None,
                target: None,
                memo: String::new(),
                coder: selection
                    .user
                    .as_ref()
                    .and_then(|u| users.get(u))
                    .cloned()
                    .unwrap_or_default(),
                created: selection.created.clone().unwrap_or_else(|| now.to_string()),
                modified: selection
                    .modified
                    .clone()
                    .or_else(|| selection.created.clone())
                    .unwrap_or_else(|| now.to_string()),
            };
            for code in &selection.codes {
                match codebook_import.roles.get(code) {
                    Some(CodeRole::Topic(id)) => {
                        if !annotation.topics.contains(id) {
                            annotation.topics.push(id.clone());
                        }
                    }
                    Some(CodeRole::Stance(id)) => {
                        set_once(&mut annotation.stance, id, "stance", &label, &mut problems)
                    }
                    Some(CodeRole::Holder(id)) => {
                        set_once(&mut annotation.holder, id, "holder", &label, &mut problems)
                    }
                    Some(CodeRole::Target(id)) => {
                        set_once(&mut annotation.target, id, "target", &label, &mut problems)
                    }
                    Some(CodeRole::Group) => problems.push(format!(
                        "{label}: coded with a grouping code; that coding is not imported"
                    )),
                    None => problems.push(format!(
                        "{label}: coded with unknown code {code}; that coding is not imported"
                    )),
                }
            }
            let mut memos = Vec::new();
            for note_guid in &selection.notes {
                match notes.get(note_guid) {
                    Some((name, note_text)) if name == STANCE_NOTE_NAME => {
                        let (stance, holder, target) = parse_stance_note(note_text);
                        if annotation.stance.is_none()
                            && let Some(name) = stance
                        {
                            annotation.stance = Some(codebook_import.stance_named(&name));
                        }
                        if annotation.holder.is_none()
                            && let Some(name) = holder
                        {
                            annotation.holder = Some(codebook_import.actor_named(&name, "", None));
                        }
                        if annotation.target.is_none()
                            && let Some(name) = target
                        {
                            annotation.target = Some(codebook_import.actor_named(&name, "", None));
                        }
                    }
                    Some((_, note_text)) => memos.push(note_text.clone()),
                    None => problems.push(format!("{label}: refers to a missing note")),
                }
            }
            annotation.memo = memos.join("\n\n");
            placed += 1;
            annotations.push(annotation);
        }
    }
    // Stances and actors created from stance notes come after the documents were planned.
    edits.append(&mut codebook_import.edits);
    // In the project's order, so that each insertion lands at the end (no quadratic shifting).
    annotations.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
    edits.extend(annotations.into_iter().map(Edit::add_annotation));

    let summary = format!(
        "{} document(s) added, {} already in the project; {} topic(s), {} stance(s), {} actor(s) added; {} annotation(s) imported, {} not imported; positions read as {}",
        documents_added,
        documents_reused,
        codebook_import.topics_added,
        codebook_import.stances_added,
        codebook_import.actors_added,
        placed,
        skipped,
        unit.describe()
    );
    Ok(ImportPlan {
        new_files,
        edit: (!edits.is_empty()).then(|| Edit::batch("import REFI-QDA project", edits)),
        report: ImportReport { summary, problems },
    })
}

fn set_once<T: Clone + PartialEq>(
    slot: &mut Option<T>,
    value: &T,
    what: &str,
    label: &str,
    problems: &mut Vec<String>,
) {
    match slot {
        None => *slot = Some(value.clone()),
        Some(existing) if existing == value => {}
        Some(_) => problems.push(format!(
            "{label}: coded with more than one {what}; the first is kept"
        )),
    }
}

fn shorten(text: &str, max_chars: usize) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(max_chars).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

/// The occurrence of `quote` (CRLF read as LF) nearest to `near` within 200 chars.
fn find_nearest(text: &CanonicalText, quote: &str, near: usize) -> Option<(usize, usize)> {
    let needle = quote.replace("\r\n", "\n");
    if needle.is_empty() {
        return None;
    }
    let haystack = text.as_str();
    let needle_chars = needle.chars().count();
    haystack
        .match_indices(&needle)
        .filter_map(|(byte, _)| text.char_offset(crate::model::text::ByteOffset(byte)))
        .map(|start| start.0)
        .filter(|start| start.abs_diff(near) <= 200)
        .min_by_key(|start| start.abs_diff(near))
        .map(|start| (start, start + needle_chars))
}

/// Reads a `.qdc` codebook and plans merging it into `codebook`.
pub fn import_qdc(bytes: &[u8], codebook: &Codebook) -> Result<ImportPlan, ImportError> {
    let xml = parse_xml_text(bytes);
    let document = roxmltree::Document::parse(&xml).map_err(|e| ImportError::Xml(e.to_string()))?;
    let root = document.root_element();
    if local_name(&root) != "CodeBook" {
        return Err(ImportError::Xml(format!(
            "the root element is <{}>, not <CodeBook>",
            local_name(&root)
        )));
    }
    let mut code_nodes = Vec::new();
    if let Some(codes) = element(root, "Codes") {
        read_codes(codes, &mut code_nodes, None, 0);
    }
    let sets = element(root, "Sets").map_or(0, |s| elements(s, "Set").count());
    let mut import = import_codebook(&code_nodes, codebook, None);
    if sets > 0 {
        import
            .problems
            .push(format!("{sets} set(s) not imported (Gloss has no sets)"));
    }
    let summary = format!(
        "{} topic(s), {} stance(s), {} actor(s) added from {} code(s)",
        import.topics_added,
        import.stances_added,
        import.actors_added,
        code_nodes.len()
    );
    Ok(ImportPlan {
        new_files: Vec::new(),
        edit: (!import.edits.is_empty())
            .then(|| Edit::batch("import REFI-QDA codebook", import.edits)),
        report: ImportReport {
            summary,
            problems: import.problems,
        },
    })
}
