//! Writing REFI-QDA: the `.qdpx` project archive and the `.qdc` codebook.
//!
//! Mapping (details in `docs/refi-qda.md`):
//! - documents → `TextSource` named by their path, text in `sources/<GUID>.txt`
//!   (UTF-8, LF), attributes → `Variables` + `VariableValue`;
//! - topics → codes with their hierarchy, colours and descriptions;
//! - the stance scale → codes under a non-codable `Stance` code; actors →
//!   codes under `Actors › Holder` and `Actors › Target`;
//! - annotations → `PlainTextSelection` (code points, end exclusive) with one
//!   `Coding` per topic, stance, holder and target; the memo as a `Memo` note;
//!   stance/holder/target also as a `Gloss stance` note; coders → `Users`;
//! - a project note `Gloss codebook` (JSON) keeps ids and stance polarities so
//!   that our importer restores the project exactly.
//!
//! Every GUID is derived from the Gloss id ([`stable_guid`]), so exports are
//! reproducible. Empty containers are left out (the schema forbids them).

use super::xml::{push_attribute, push_number_attribute, push_text};
use super::{
    ACTORS_GROUP_NAME, CODEBOOK_NAMESPACE, CODEBOOK_NOTE_NAME, HOLDER_GROUP_NAME, MEMO_NOTE_NAME,
    PROJECT_NAMESPACE, STANCE_GROUP_NAME, STANCE_NOTE_NAME, TARGET_GROUP_NAME, derived_guid,
    guid_from_bytes, stable_digest, stable_guid,
};
use crate::export::{ExportError, ExportOptions, ExportReport};
use crate::model::annotation::Annotation;
use crate::model::codebook::Codebook;
use crate::model::document::DocumentRecord;
use crate::model::ids::{DocumentId, TopicId};
use crate::model::project::Project;
use crate::model::query::{RetrievalFilter, retrieve};
use crate::model::workspace::Workspace;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;

/// The `origin` attribute: which tool wrote the file.
pub fn origin() -> String {
    format!("Gloss {}", env!("CARGO_PKG_VERSION"))
}

/// GUIDs of everything in the codebook, derived from ids.
pub(super) struct CodeGuids {
    pub topics: HashMap<TopicId, String>,
    pub stances: HashMap<String, String>,
    pub holders: HashMap<String, String>,
    pub targets: HashMap<String, String>,
    pub stance_group: String,
    pub actors_group: String,
    pub holder_group: String,
    pub target_group: String,
}

impl CodeGuids {
    pub fn new(codebook: &Codebook) -> Self {
        Self {
            topics: codebook
                .topics
                .iter()
                .map(|t| (t.id.clone(), stable_guid("topic", t.id.as_str())))
                .collect(),
            stances: codebook
                .stances
                .iter()
                .map(|s| (s.id.0.clone(), stable_guid("stance", s.id.as_str())))
                .collect(),
            holders: codebook
                .actors
                .iter()
                .map(|a| (a.id.0.clone(), stable_guid("holder", a.id.as_str())))
                .collect(),
            targets: codebook
                .actors
                .iter()
                .map(|a| (a.id.0.clone(), stable_guid("target", a.id.as_str())))
                .collect(),
            stance_group: stable_guid("group", "stance"),
            actors_group: stable_guid("group", "actors"),
            holder_group: stable_guid("group", "holder"),
            target_group: stable_guid("group", "target"),
        }
    }
}

/// An xsd:dateTime, or `None` when the stored timestamp is not one.
fn date_time(timestamp: &str) -> Option<&str> {
    chrono::DateTime::parse_from_rfc3339(timestamp)
        .ok()
        .map(|_| timestamp)
}

fn open_code(out: &mut String, guid: &str, name: &str, codable: bool, color: Option<String>) {
    out.push_str("<Code");
    push_attribute(out, "guid", guid);
    push_attribute(out, "name", name);
    push_attribute(out, "isCodable", if codable { "true" } else { "false" });
    if let Some(color) = color {
        push_attribute(out, "color", &color);
    }
}

/// Writes a code with an optional description and children (written by `children`).
fn write_code(
    out: &mut String,
    guid: &str,
    name: &str,
    codable: bool,
    color: Option<String>,
    description: &str,
    children: &mut dyn FnMut(&mut String) -> bool,
) {
    open_code(out, guid, name, codable, color);
    let mut inner = String::new();
    if !description.is_empty() {
        inner.push_str("<Description>");
        push_text(&mut inner, description);
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

/// Line appended to a stance's description in a `.qdc` (which has no notes).
pub(super) fn polarity_line(polarity: i32) -> String {
    format!("[Gloss polarity: {polarity:+}]")
}

/// Writes the `<Code>` elements of the whole codebook; false when there are none.
fn write_codes(
    out: &mut String,
    codebook: &Codebook,
    guids: &CodeGuids,
    polarity_in_description: bool,
) -> bool {
    fn topic_children(
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
            if !is_child || depth > 32 {
                continue;
            }
            any = true;
            let guid = guids.topics.get(&topic.id).cloned().unwrap_or_default();
            write_code(
                out,
                &guid,
                &topic.name,
                true,
                Some(topic.color.to_string()),
                &topic.description,
                &mut |inner| topic_children(inner, codebook, guids, Some(&topic.id), depth + 1),
            );
        }
        any
    }
    let mut any = topic_children(out, codebook, guids, None, 0);
    if !codebook.stances.is_empty() {
        any = true;
        write_code(
            out,
            &guids.stance_group,
            STANCE_GROUP_NAME,
            false,
            None,
            "Gloss stance scale",
            &mut |inner| {
                for stance in &codebook.stances {
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
                    let guid = guids.stances.get(&stance.id.0).cloned().unwrap_or_default();
                    write_code(
                        inner,
                        &guid,
                        &stance.name,
                        true,
                        Some(stance.color.to_string()),
                        &description,
                        &mut |_| false,
                    );
                }
                true
            },
        );
    }
    if !codebook.actors.is_empty() {
        any = true;
        write_code(
            out,
            &guids.actors_group,
            ACTORS_GROUP_NAME,
            false,
            None,
            "Gloss actors: who holds a stance, toward whom",
            &mut |inner| {
                for (group_guid, group_name, role) in [
                    (&guids.holder_group, HOLDER_GROUP_NAME, &guids.holders),
                    (&guids.target_group, TARGET_GROUP_NAME, &guids.targets),
                ] {
                    write_code(
                        inner,
                        group_guid,
                        group_name,
                        false,
                        None,
                        "",
                        &mut |actors| {
                            for actor in &codebook.actors {
                                let guid = role.get(&actor.id.0).cloned().unwrap_or_default();
                                write_code(
                                    actors,
                                    &guid,
                                    &actor.name,
                                    true,
                                    None,
                                    &actor.description,
                                    &mut |_| false,
                                );
                            }
                            true
                        },
                    );
                }
                true
            },
        );
    }
    any
}

/// Writes the codebook as a `.qdc` file.
pub fn write_qdc(project: &Project, out: &mut dyn Write) -> Result<(), ExportError> {
    let guids = CodeGuids::new(&project.codebook);
    let mut codes = String::new();
    if !write_codes(&mut codes, &project.codebook, &guids, true) {
        return Err(ExportError::Empty(
            "the codebook is empty: a REFI-QDA codebook needs at least one code".into(),
        ));
    }
    let mut xml = String::with_capacity(codes.len() + 256);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<CodeBook");
    push_attribute(&mut xml, "xmlns", CODEBOOK_NAMESPACE);
    push_attribute(&mut xml, "origin", &origin());
    xml.push_str(">\n<Codes>\n");
    xml.push_str(&codes);
    xml.push_str("</Codes>\n</CodeBook>\n");
    out.write_all(xml.as_bytes())?;
    Ok(())
}

/// What only Gloss reads back: ids, polarities, the group codes.
#[derive(serde::Serialize, serde::Deserialize, Default)]
pub(super) struct CodebookNote {
    pub gloss: u32,
    pub stance_group: String,
    pub actors_group: String,
    pub holder_group: String,
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
    /// Source GUID → document id.
    #[serde(default)]
    pub documents: BTreeMap<String, String>,
}

/// The text of the per-selection stance note (`Stance: …`, `Holder: …`, `Target: …`).
pub(super) fn stance_note_text(codebook: &Codebook, annotation: &Annotation) -> Option<String> {
    let one_line = |s: &str| s.replace(['\n', '\r'], " ");
    let mut lines = Vec::new();
    if let Some(stance) = &annotation.stance {
        lines.push(format!(
            "Stance: {}",
            one_line(codebook.stance_name(stance))
        ));
    }
    if let Some(holder) = &annotation.holder {
        lines.push(format!("Holder: {}", one_line(codebook.actor_name(holder))));
    }
    if let Some(target) = &annotation.target {
        lines.push(format!("Target: {}", one_line(codebook.actor_name(target))));
    }
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// How many chars of the quote a selection's `name` carries.
pub(super) const SELECTION_NAME_CHARS: usize = 80;

/// A selection's `name`: its quote, cut to [`SELECTION_NAME_CHARS`] with `…`.
fn selection_name(quote: &str) -> String {
    let mut chars = quote.chars();
    let head: String = chars.by_ref().take(SELECTION_NAME_CHARS).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

fn push_note(
    notes: &mut String,
    guid: &str,
    name: &str,
    text: &str,
    user: Option<&str>,
    created: Option<&str>,
) {
    notes.push_str("<Note");
    push_attribute(notes, "guid", guid);
    push_attribute(notes, "name", name);
    if let Some(user) = user {
        push_attribute(notes, "creatingUser", user);
    }
    if let Some(created) = created {
        push_attribute(notes, "creationDateTime", created);
    }
    notes.push_str("><PlainTextContent>");
    push_text(notes, text);
    notes.push_str("</PlainTextContent></Note>\n");
}

/// What every document's part of the XML needs.
struct PartContext<'a, 'b> {
    workspace: &'a Workspace,
    guids: &'b CodeGuids,
    user_guid: &'b HashMap<&'a str, String>,
    variable_guid: &'b BTreeMap<&'a str, String>,
    by_document: &'b HashMap<&'a DocumentId, Vec<&'a Annotation>>,
}

/// One document's `<TextSource>` and the notes of its selections.
struct DocumentPart<'a> {
    /// (source GUID, text); `None` when the text could not be read.
    file: Option<(String, &'a str)>,
    sources: String,
    notes: String,
    annotations: usize,
    beyond_bmp: usize,
}

/// Indices of the GUIDs derived from a selection's digest.
const MEMO_NOTE_INDEX: u16 = 0xFFFE;
const STANCE_NOTE_INDEX: u16 = 0xFFFD;

fn document_part<'a>(
    context: &PartContext<'a, '_>,
    document: &'a DocumentRecord,
) -> DocumentPart<'a> {
    let mut part = DocumentPart {
        file: None,
        sources: String::new(),
        notes: String::new(),
        annotations: 0,
        beyond_bmp: 0,
    };
    let Some(loaded) = context.workspace.text(&document.id) else {
        return part;
    };
    let codebook = &context.workspace.project.codebook;
    let guids = context.guids;
    let annotations = context
        .by_document
        .get(&document.id)
        .map_or(&[][..], Vec::as_slice);
    let sources = &mut part.sources;
    let notes = &mut part.notes;
    sources.reserve(annotations.len() * 900 + 512);
    let source_guid = stable_guid("document", document.id.as_str());
    let text = loaded.text.as_str();
    part.beyond_bmp = if text.is_ascii() {
        0
    } else {
        text.chars().filter(|c| (*c as u32) > 0xFFFF).count()
    };
    sources.push_str("<TextSource");
    push_attribute(sources, "guid", &source_guid);
    push_attribute(sources, "name", &document.path);
    push_attribute(
        sources,
        "plainTextPath",
        &format!("internal://{source_guid}.txt"),
    );
    sources.push_str(">\n");
    for annotation in annotations {
        let digest = stable_digest("annotation", annotation.id.as_str());
        let quote = loaded
            .text
            .slice(annotation.range())
            .unwrap_or(&annotation.anchor.exact);
        let user = context
            .user_guid
            .get(annotation.coder.as_str())
            .map(String::as_str);
        let created = date_time(&annotation.created);
        let modified = date_time(&annotation.modified);
        sources.push_str("<PlainTextSelection");
        push_attribute(sources, "guid", &guid_from_bytes(&digest[..16]));
        push_attribute(sources, "name", &selection_name(quote));
        push_number_attribute(sources, "startPosition", annotation.start.0);
        push_number_attribute(sources, "endPosition", annotation.end.0);
        if let Some(user) = user {
            push_attribute(sources, "creatingUser", user);
        }
        if let Some(created) = created {
            push_attribute(sources, "creationDateTime", created);
        }
        if let Some(user) = user {
            push_attribute(sources, "modifyingUser", user);
        }
        if let Some(modified) = modified {
            push_attribute(sources, "modifiedDateTime", modified);
        }
        sources.push_str(">\n");
        let codes = annotation
            .topics
            .iter()
            .filter_map(|t| guids.topics.get(t))
            .chain(
                annotation
                    .stance
                    .as_ref()
                    .and_then(|s| guids.stances.get(&s.0)),
            )
            .chain(
                annotation
                    .holder
                    .as_ref()
                    .and_then(|a| guids.holders.get(&a.0)),
            )
            .chain(
                annotation
                    .target
                    .as_ref()
                    .and_then(|a| guids.targets.get(&a.0)),
            );
        for (index, code) in codes.enumerate() {
            sources.push_str("<Coding");
            push_attribute(sources, "guid", &derived_guid(&digest, index as u16));
            sources.push_str("><CodeRef");
            push_attribute(sources, "targetGUID", code);
            sources.push_str("/></Coding>\n");
        }
        if !annotation.memo.is_empty() {
            let guid = derived_guid(&digest, MEMO_NOTE_INDEX);
            push_note(
                notes,
                &guid,
                MEMO_NOTE_NAME,
                &annotation.memo,
                user,
                created,
            );
            sources.push_str("<NoteRef");
            push_attribute(sources, "targetGUID", &guid);
            sources.push_str("/>\n");
        }
        if let Some(text) = stance_note_text(codebook, annotation) {
            let guid = derived_guid(&digest, STANCE_NOTE_INDEX);
            push_note(notes, &guid, STANCE_NOTE_NAME, &text, None, None);
            sources.push_str("<NoteRef");
            push_attribute(sources, "targetGUID", &guid);
            sources.push_str("/>\n");
        }
        sources.push_str("</PlainTextSelection>\n");
        part.annotations += 1;
    }
    for (key, value) in &document.attributes {
        let Some(guid) = context.variable_guid.get(key.as_str()) else {
            continue;
        };
        sources.push_str("<VariableValue><VariableRef");
        push_attribute(sources, "targetGUID", guid);
        sources.push_str("/><TextValue>");
        push_text(sources, value);
        sources.push_str("</TextValue></VariableValue>\n");
    }
    sources.push_str("</TextSource>\n");
    part.file = Some((source_guid, text));
    part
}

/// Builds `project.qde` and the source texts; returns (XML, [(zip path, text)], report).
#[allow(clippy::type_complexity)]
fn build_project<'a>(
    workspace: &'a Workspace,
    filter: &RetrievalFilter,
    options: &ExportOptions,
) -> (String, Vec<(String, &'a str)>, ExportReport) {
    let project = &workspace.project;
    let codebook = &project.codebook;
    let guids = CodeGuids::new(codebook);
    let mut report = ExportReport::default();
    let matches = retrieve(workspace, filter);
    let mut by_document: HashMap<&DocumentId, Vec<&Annotation>> = HashMap::new();
    for annotation in &matches {
        by_document
            .entry(&annotation.document)
            .or_default()
            .push(annotation);
    }
    for list in by_document.values_mut() {
        list.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
    }

    // Users: one per coder.
    let coders: BTreeSet<&str> = matches
        .iter()
        .map(|a| a.coder.as_str())
        .filter(|c| !c.trim().is_empty())
        .collect();
    let user_guid: HashMap<&str, String> = coders
        .iter()
        .map(|c| (*c, stable_guid("user", c)))
        .collect();

    // Variables: one per attribute key.
    let keys: BTreeSet<&str> = project
        .documents
        .iter()
        .flat_map(|d| d.attributes.keys().map(String::as_str))
        .collect();
    let variable_guid: BTreeMap<&str, String> = keys
        .iter()
        .map(|k| (*k, stable_guid("variable", k)))
        .collect();

    let mut note = CodebookNote {
        gloss: 1,
        stance_group: guids.stance_group.clone(),
        actors_group: guids.actors_group.clone(),
        holder_group: guids.holder_group.clone(),
        target_group: guids.target_group.clone(),
        ..CodebookNote::default()
    };
    for topic in &codebook.topics {
        if let Some(guid) = guids.topics.get(&topic.id) {
            note.topics.insert(guid.clone(), topic.id.0.clone());
        }
    }
    for stance in &codebook.stances {
        if let Some(guid) = guids.stances.get(&stance.id.0) {
            note.stances
                .insert(guid.clone(), (stance.id.0.clone(), stance.polarity));
        }
    }
    for actor in &codebook.actors {
        let holder = guids.holders.get(&actor.id.0).cloned().unwrap_or_default();
        let target = guids.targets.get(&actor.id.0).cloned().unwrap_or_default();
        note.actors.insert(actor.id.0.clone(), (holder, target));
    }

    // The documents, built in parallel (each part holds its sources XML and notes).
    let context = PartContext {
        workspace,
        guids: &guids,
        user_guid: &user_guid,
        variable_guid: &variable_guid,
        by_document: &by_document,
    };
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8);
    let chunk_length = project.documents.len().div_ceil(threads).max(1);
    let parts: Vec<DocumentPart<'a>> = if threads == 1 || matches.len() < 2_000 {
        project
            .documents
            .iter()
            .map(|d| document_part(&context, d))
            .collect()
    } else {
        let build = |chunk: &'a [DocumentRecord]| -> Vec<DocumentPart<'a>> {
            chunk.iter().map(|d| document_part(&context, d)).collect()
        };
        std::thread::scope(|scope| {
            let work: Vec<_> = project
                .documents
                .chunks(chunk_length)
                .map(|chunk| (chunk, scope.spawn(move || build(chunk))))
                .collect();
            let mut parts = Vec::with_capacity(project.documents.len());
            for (chunk, handle) in work {
                // A worker that failed has its chunk built again here, so parts stay aligned.
                parts.extend(handle.join().unwrap_or_else(|_| build(chunk)));
            }
            parts
        })
    };
    let mut sources = String::with_capacity(parts.iter().map(|p| p.sources.len()).sum());
    let mut notes =
        String::with_capacity(parts.iter().map(|p| p.notes.len()).sum::<usize>() + 4096);
    let mut files: Vec<(String, &str)> = Vec::new();
    let mut beyond_bmp_documents = Vec::new();
    for (document, part) in project.documents.iter().zip(parts) {
        let Some((source_guid, text)) = part.file else {
            report.notes.push(format!(
                "{}: the document could not be read, so it and its annotations were left out",
                document.path
            ));
            continue;
        };
        if part.beyond_bmp > 0 {
            beyond_bmp_documents.push(format!("{} ({})", document.path, part.beyond_bmp));
        }
        note.documents
            .insert(source_guid.clone(), document.id.0.clone());
        files.push((format!("sources/{source_guid}.txt"), text));
        sources.push_str(&part.sources);
        notes.push_str(&part.notes);
        report.annotations += part.annotations;
    }
    let codebook_note_guid = stable_guid("note", CODEBOOK_NOTE_NAME);
    let note_json = serde_json::to_string_pretty(&note).unwrap_or_default();
    push_note(
        &mut notes,
        &codebook_note_guid,
        CODEBOOK_NOTE_NAME,
        &note_json,
        None,
        date_time(&options.now),
    );

    let mut xml = String::with_capacity(sources.len() + notes.len() + 64 * 1024);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project");
    push_attribute(&mut xml, "xmlns", PROJECT_NAMESPACE);
    push_attribute(&mut xml, "name", &options.project_name);
    push_attribute(&mut xml, "origin", &origin());
    if let Some(now) = date_time(&options.now) {
        push_attribute(&mut xml, "creationDateTime", now);
        push_attribute(&mut xml, "modifiedDateTime", now);
    }
    xml.push_str(">\n");
    if !user_guid.is_empty() {
        xml.push_str("<Users>\n");
        for coder in &coders {
            xml.push_str("<User");
            push_attribute(&mut xml, "guid", &user_guid[coder]);
            push_attribute(&mut xml, "name", coder);
            xml.push_str("/>\n");
        }
        xml.push_str("</Users>\n");
    }
    let mut codes = String::new();
    if write_codes(&mut codes, codebook, &guids, false) {
        xml.push_str("<CodeBook>\n<Codes>\n");
        xml.push_str(&codes);
        xml.push_str("</Codes>\n</CodeBook>\n");
    }
    if !variable_guid.is_empty() {
        xml.push_str("<Variables>\n");
        for (key, guid) in &variable_guid {
            xml.push_str("<Variable");
            push_attribute(&mut xml, "guid", guid);
            push_attribute(&mut xml, "name", key);
            push_attribute(&mut xml, "typeOfVariable", "Text");
            xml.push_str("/>\n");
        }
        xml.push_str("</Variables>\n");
    }
    if !sources.is_empty() {
        xml.push_str("<Sources>\n");
        xml.push_str(&sources);
        xml.push_str("</Sources>\n");
    }
    xml.push_str("<Notes>\n");
    xml.push_str(&notes);
    xml.push_str("</Notes>\n");
    xml.push_str("<NoteRef");
    push_attribute(&mut xml, "targetGUID", &codebook_note_guid);
    xml.push_str("/>\n</Project>\n");

    report.notes.push(
        "Other QDA tools will see: the documents (text sources, attributes as variables), topics as codes \
         with their hierarchy, colours and descriptions, the stance scale as codes under “Stance”, holders \
         and targets as codes under “Actors › Holder” and “Actors › Target”, memos as notes, coders as users."
            .to_string(),
    );
    report.notes.push(
        "They will not see: which holder and target belong to which stance when a passage has several codes \
         (only as separate codes and in each passage’s “Gloss stance” note), stance polarities and Gloss ids \
         (kept in the “Gloss codebook” note, which Gloss reads back)."
            .to_string(),
    );
    if !beyond_bmp_documents.is_empty() {
        report.notes.push(format!(
            "Risk for NVivo: these documents contain characters outside the Basic Multilingual Plane (emoji, rare \
             CJK), which NVivo counts twice, so its selections after them may be shifted: {}",
            beyond_bmp_documents.join(", ")
        ));
    }
    (xml, files, report)
}

/// Writes the project as a `.qdpx` archive.
pub fn write_qdpx(
    workspace: &Workspace,
    filter: &RetrievalFilter,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> Result<ExportReport, ExportError> {
    let (xml, files, report) = build_project(workspace, filter, options);
    let zip_error = |e: zip::result::ZipError| ExportError::Zip(e.to_string());
    let mut archive = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(xml.len() / 4)));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    archive
        .start_file("project.qde", options)
        .map_err(zip_error)?;
    archive.write_all(xml.as_bytes())?;
    for (path, text) in files {
        archive.start_file(path, options).map_err(zip_error)?;
        archive.write_all(text.as_bytes())?;
    }
    let bytes = archive.finish().map_err(zip_error)?.into_inner();
    out.write_all(&bytes)?;
    Ok(report)
}

/// The `project.qde` text alone (tests validate it against the schema).
pub fn project_qde(
    workspace: &Workspace,
    filter: &RetrievalFilter,
    options: &ExportOptions,
) -> String {
    build_project(workspace, filter, options).0
}
