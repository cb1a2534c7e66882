//! Writing the whole project as a `.qdpx` archive: `project.qde` (users,
//! codebook, variables, sources, notes, in the schema's order, no empty
//! container) and each document's text as `sources/<GUID>.txt` (UTF-8, LF),
//! plus the notes that tell the user what other tools will and will not see.

use super::codes::{CodeGuids, topics_too_deep, write_codes};
use super::document::{
    DocumentPart, NoteElement, PartContext, SourceFiles, date_time, document_part, push_note,
};
use super::xml::push_attribute;
use crate::export::options::{ExportError, ExportOptions, ExportReport};
use crate::export::parallel::map_in_order;
use crate::model::annotation::Annotation;
use crate::model::codebook::Codebook;
use crate::model::ids::DocumentId;
use crate::model::query::{RetrievalFilter, retrieve};
use crate::model::workspace::Workspace;
use crate::refi_qda::codebook_note::CodebookNote;
use crate::refi_qda::guid::stable_guid;
use crate::refi_qda::names::{CODEBOOK_NOTE_NAME, PROJECT_NAMESPACE, gloss_origin};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;

/// From how many exported annotations the document parts are built on every core.
const PARALLEL_ANNOTATIONS: usize = 2_000;

/// What other QDA tools see of a Gloss project (a note of every `.qdpx` export).
const WHAT_OTHERS_SEE: &str = "Other QDA tools will see: the documents (text sources, attributes as variables), topics as codes \
     with their hierarchy, colours and descriptions, the stance scale as codes under “Stance”, holders \
     and targets as codes under “Actors › Holder” and “Actors › Target”, memos as notes, coders as users.";
/// What other QDA tools do not see (a note of every `.qdpx` export).
const WHAT_OTHERS_MISS: &str = "They will not see: which holder and target belong to which stance when a passage has several codes \
     (only as separate codes and in each passage’s “Gloss stance” note), stance polarities and Gloss ids \
     (kept in the “Gloss codebook” note, which Gloss reads back).";

/// `project.qde`, the texts to store beside it, and the report.
struct ProjectArchive<'a> {
    xml: String,
    /// (zip path, contents): the texts, and the original files stored too.
    files: Vec<(String, &'a [u8])>,
    report: ExportReport,
}

/// The `Gloss codebook` note for a codebook (documents are added as they are written).
fn codebook_note(codebook: &Codebook, guids: &CodeGuids) -> CodebookNote {
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
        if let Some(kind) = &actor.kind {
            note.actor_kinds
                .insert(actor.id.0.clone(), kind.name().to_owned());
        }
        if let Some(owner) = &actor.belongs_to {
            note.actor_owners
                .insert(actor.id.0.clone(), owner.0.clone());
        }
    }
    note
}

/// The document parts joined: sources XML, notes XML, files, and what the report says.
#[derive(Default)]
struct JoinedParts<'a> {
    sources: String,
    notes: String,
    files: Vec<(String, &'a [u8])>,
    /// "path (count)" of each document with characters outside the BMP.
    beyond_bmp: Vec<String>,
}

/// Joins the parts in document order; unreadable documents go into the report.
fn join_parts<'a>(
    workspace: &'a Workspace,
    parts: Vec<DocumentPart<'a>>,
    note: &mut CodebookNote,
    report: &mut ExportReport,
) -> JoinedParts<'a> {
    let mut joined = JoinedParts {
        sources: String::with_capacity(parts.iter().map(|p| p.sources.len()).sum()),
        notes: String::with_capacity(parts.iter().map(|p| p.notes.len()).sum::<usize>() + 4096),
        ..JoinedParts::default()
    };
    for (document, part) in workspace.project.documents.iter().zip(parts) {
        let Some((source_guid, text)) = part.file else {
            report.notes.push(format!(
                "{}: the document could not be read, so it and its annotations were left out",
                document.path
            ));
            continue;
        };
        if part.beyond_bmp > 0 {
            joined
                .beyond_bmp
                .push(format!("{} ({})", document.path, part.beyond_bmp));
        }
        note.documents
            .insert(source_guid.clone(), document.id.0.clone());
        joined
            .files
            .push((format!("sources/{source_guid}.txt"), text.as_bytes()));
        if let Some((name, bytes)) = part.original {
            joined.files.push((format!("sources/{name}"), bytes));
        }
        joined.sources.push_str(&part.sources);
        joined.notes.push_str(&part.notes);
        report.annotations += part.annotations;
        note.annotations.extend(part.selections);
    }
    joined
}

/// The `<Project>` element around the parts, in the schema's order.
struct ProjectElement<'a> {
    options: &'a ExportOptions,
    coders: &'a BTreeSet<&'a str>,
    user_guid: &'a HashMap<&'a str, String>,
    codes: &'a str,
    variable_guid: &'a BTreeMap<&'a str, String>,
    sources: &'a str,
    notes: &'a str,
    codebook_note_guid: &'a str,
}

impl ProjectElement<'_> {
    fn to_xml(&self) -> String {
        let mut xml = String::with_capacity(self.sources.len() + self.notes.len() + 64 * 1024);
        xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project");
        push_attribute(&mut xml, "xmlns", PROJECT_NAMESPACE);
        push_attribute(&mut xml, "name", &self.options.project_name);
        push_attribute(&mut xml, "origin", &gloss_origin());
        if let Some(now) = date_time(&self.options.now) {
            push_attribute(&mut xml, "creationDateTime", now);
            push_attribute(&mut xml, "modifiedDateTime", now);
        }
        xml.push_str(">\n");
        if !self.user_guid.is_empty() {
            xml.push_str("<Users>\n");
            for coder in self.coders {
                xml.push_str("<User");
                push_attribute(&mut xml, "guid", &self.user_guid[coder]);
                push_attribute(&mut xml, "name", coder);
                xml.push_str("/>\n");
            }
            xml.push_str("</Users>\n");
        }
        if !self.codes.is_empty() {
            xml.push_str("<CodeBook>\n<Codes>\n");
            xml.push_str(self.codes);
            xml.push_str("</Codes>\n</CodeBook>\n");
        }
        if !self.variable_guid.is_empty() {
            xml.push_str("<Variables>\n");
            for (key, guid) in self.variable_guid {
                xml.push_str("<Variable");
                push_attribute(&mut xml, "guid", guid);
                push_attribute(&mut xml, "name", key);
                push_attribute(&mut xml, "typeOfVariable", "Text");
                xml.push_str("/>\n");
            }
            xml.push_str("</Variables>\n");
        }
        if !self.sources.is_empty() {
            xml.push_str("<Sources>\n");
            xml.push_str(self.sources);
            xml.push_str("</Sources>\n");
        }
        xml.push_str("<Notes>\n");
        xml.push_str(self.notes);
        xml.push_str("</Notes>\n<NoteRef");
        push_attribute(&mut xml, "targetGUID", self.codebook_note_guid);
        xml.push_str("/>\n</Project>\n");
        xml
    }
}

/// The exported annotations of each document, by position.
fn annotations_by_document<'a>(
    matches: &[&'a Annotation],
) -> HashMap<&'a DocumentId, Vec<&'a Annotation>> {
    let mut by_document: HashMap<&DocumentId, Vec<&Annotation>> = HashMap::new();
    for annotation in matches {
        by_document
            .entry(&annotation.document)
            .or_default()
            .push(annotation);
    }
    for list in by_document.values_mut() {
        list.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
    }
    by_document
}

/// Builds `project.qde`, the source texts and the report.
fn build_project<'a>(
    workspace: &'a Workspace,
    filter: &RetrievalFilter,
    options: &ExportOptions,
    originals: &'a SourceFiles,
) -> ProjectArchive<'a> {
    let project = &workspace.project;
    let codebook = &project.codebook;
    let guids = CodeGuids::new(codebook);
    let mut report = ExportReport::default();
    let too_deep = topics_too_deep(codebook);
    if too_deep > 0 {
        report.notes.push(format!(
            "{too_deep} topic(s) nested more than 64 levels deep were left out of the codebook, \
             and their codings with them (REFI-QDA tools do not read deeper codes)"
        ));
    }
    // An orphan's offsets no longer hold its quote: another tool would show the
    // wrong text there, so it stays out of the archive (and is counted).
    let (orphans, matches): (Vec<&Annotation>, Vec<&Annotation>) = retrieve(workspace, filter)
        .into_iter()
        .partition(|annotation| annotation.status.is_orphaned());
    if !orphans.is_empty() {
        report.notes.push(format!(
            "{} orphaned passage(s) left out: their quotes are no longer in their documents \
             (review them in Gloss first)",
            orphans.len()
        ));
    }
    let by_document = annotations_by_document(&matches);
    let coders: BTreeSet<&str> = matches
        .iter()
        .map(|a| a.coder.as_str())
        .filter(|c| !c.trim().is_empty())
        .collect();
    let user_guid: HashMap<&str, String> = coders
        .iter()
        .map(|c| (*c, stable_guid("user", c)))
        .collect();
    let variable_guid: BTreeMap<&str, String> = project
        .documents
        .iter()
        .flat_map(|d| d.attributes.keys().map(String::as_str))
        .collect::<BTreeSet<&str>>()
        .into_iter()
        .map(|k| (k, stable_guid("variable", k)))
        .collect();
    let context = PartContext {
        workspace,
        guids: &guids,
        user_guid: &user_guid,
        variable_guid: &variable_guid,
        by_document: &by_document,
        originals,
    };
    let parts = map_in_order(
        &project.documents,
        matches.len() >= PARALLEL_ANNOTATIONS,
        |document| document_part(&context, document),
    );
    let mut note = codebook_note(codebook, &guids);
    let mut joined = join_parts(workspace, parts, &mut note, &mut report);
    let codebook_note_guid = stable_guid("note", CODEBOOK_NOTE_NAME);
    let note_json = serde_json::to_string_pretty(&note).unwrap_or_default();
    push_note(
        &mut joined.notes,
        &NoteElement {
            guid: &codebook_note_guid,
            name: CODEBOOK_NOTE_NAME,
            text: &note_json,
            user: None,
            created: date_time(&options.now),
        },
    );
    let mut codes = String::new();
    write_codes(&mut codes, codebook, &guids, false);
    let xml = ProjectElement {
        options,
        coders: &coders,
        user_guid: &user_guid,
        codes: &codes,
        variable_guid: &variable_guid,
        sources: &joined.sources,
        notes: &joined.notes,
        codebook_note_guid: &codebook_note_guid,
    }
    .to_xml();
    report.notes.push(WHAT_OTHERS_SEE.to_owned());
    report.notes.push(WHAT_OTHERS_MISS.to_owned());
    if !joined.beyond_bmp.is_empty() {
        report.notes.push(format!(
            "Risk for NVivo: these documents contain characters outside the Basic Multilingual Plane (emoji, rare \
             CJK), which NVivo counts twice, so its selections after them may be shifted: {}",
            joined.beyond_bmp.join(", ")
        ));
    }
    ProjectArchive {
        xml,
        files: joined.files,
        report,
    }
}

/// Writes the project as a `.qdpx` archive (texts only, no original files).
pub fn write_qdpx(
    workspace: &Workspace,
    filter: &RetrievalFilter,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> Result<ExportReport, ExportError> {
    write_qdpx_with_originals(workspace, filter, options, &SourceFiles::new(), out)
}

/// Writes the project as a `.qdpx` archive, storing the original file of each
/// extracted document `originals` holds (a PDF as a `PDFSource` with its text
/// as representation, a Word file as a `TextSource`'s rich text).
pub fn write_qdpx_with_originals(
    workspace: &Workspace,
    filter: &RetrievalFilter,
    options: &ExportOptions,
    originals: &SourceFiles,
    out: &mut dyn Write,
) -> Result<ExportReport, ExportError> {
    let ProjectArchive { xml, files, report } =
        build_project(workspace, filter, options, originals);
    let mut archive = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(xml.len() / 4)));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    archive.start_file("project.qde", options)?;
    archive.write_all(xml.as_bytes())?;
    for (path, contents) in files {
        archive.start_file(path, options)?;
        archive.write_all(contents)?;
    }
    let bytes = archive.finish()?.into_inner();
    out.write_all(&bytes)?;
    Ok(report)
}

/// The `project.qde` text alone (tests validate it against the schema).
pub fn project_qde(
    workspace: &Workspace,
    filter: &RetrievalFilter,
    options: &ExportOptions,
) -> String {
    build_project(workspace, filter, options, &SourceFiles::new()).xml
}
