//! One document's part of `project.qde`: its `<TextSource>` with a
//! `<PlainTextSelection>` per annotation (code points, end exclusive; one
//! `<Coding>` per topic, stance, holder and target; note references), its
//! variable values, and the notes its selections refer to (memo, stance).
//!
//! A document extracted from a PDF whose original file the export was given is
//! a `<PDFSource>` of that file with the plain text as its `<Representation>`
//! (the selections in it), so that NVivo and ATLAS.ti open the PDF itself; a
//! Word file is a `<TextSource>` with the `.docx` as its `richTextPath`.

use super::codes::CodeGuids;
use super::xml::{push_attribute, push_number_attribute, push_text};
use crate::export::coding_names::CodingNames;
use crate::model::annotation::Annotation;
use crate::model::document::{DocumentRecord, LoadedText};
use crate::model::ids::DocumentId;
use crate::model::structure::SourceFormat;
use crate::model::workspace::Workspace;
use crate::refi_qda::guid::{derived_guid, guid_from_bytes, stable_digest, stable_guid};
use crate::refi_qda::names::{MEMO_NOTE_NAME, STANCE_NOTE_NAME};
use crate::refi_qda::notes::StanceNote;
use crate::refi_qda::selection_name::selection_name;
use std::collections::{BTreeMap, HashMap};

/// Index of the memo note's GUID among those derived from a selection's digest.
const MEMO_NOTE_INDEX: u16 = 0xFFFE;
/// Index of the stance note's GUID among those derived from a selection's digest.
const STANCE_NOTE_INDEX: u16 = 0xFFFD;

/// An xsd:dateTime, or `None` when the stored timestamp is not one.
pub(super) fn date_time(timestamp: &str) -> Option<&str> {
    chrono::DateTime::parse_from_rfc3339(timestamp)
        .ok()
        .map(|_| timestamp)
}

/// A `<Note>` with plain text content.
pub(super) struct NoteElement<'a> {
    pub(super) guid: &'a str,
    pub(super) name: &'a str,
    pub(super) text: &'a str,
    /// GUID of the user who wrote it.
    pub(super) user: Option<&'a str>,
    pub(super) created: Option<&'a str>,
}

/// Appends a `<Note>` element.
pub(super) fn push_note(notes: &mut String, note: &NoteElement<'_>) {
    notes.push_str("<Note");
    push_attribute(notes, "guid", note.guid);
    push_attribute(notes, "name", note.name);
    if let Some(user) = note.user {
        push_attribute(notes, "creatingUser", user);
    }
    if let Some(created) = note.created {
        push_attribute(notes, "creationDateTime", created);
    }
    notes.push_str("><PlainTextContent>");
    push_text(notes, note.text);
    notes.push_str("</PlainTextContent></Note>\n");
}

/// What every document's part of the XML needs.
pub(super) struct PartContext<'a, 'b> {
    pub(super) workspace: &'a Workspace,
    pub(super) guids: &'b CodeGuids,
    /// Coder name → user GUID.
    pub(super) user_guid: &'b HashMap<&'a str, String>,
    /// Attribute key → variable GUID.
    pub(super) variable_guid: &'b BTreeMap<&'a str, String>,
    /// The exported annotations of each document, by position.
    pub(super) by_document: &'b HashMap<&'a DocumentId, Vec<&'a Annotation>>,
    /// The original files of extracted documents (PDF, Word), by document.
    pub(super) originals: &'a SourceFiles,
}

/// The original files of documents whose text was extracted (a PDF, a Word
/// file), by document id: the `.qdpx` export stores them beside the text.
pub type SourceFiles = HashMap<DocumentId, Vec<u8>>;

/// One document's `<TextSource>` and the notes of its selections.
pub(super) struct DocumentPart<'a> {
    /// (source GUID, text); `None` when the text could not be read.
    pub(super) file: Option<(String, &'a str)>,
    /// (zip path under `sources/`, bytes) of the original file, when it is stored too.
    pub(super) original: Option<(String, &'a [u8])>,
    pub(super) sources: String,
    pub(super) notes: String,
    pub(super) annotations: usize,
    /// (selection GUID, annotation id) of each selection written.
    pub(super) selections: Vec<(String, String)>,
    /// How many chars of the text lie outside the Basic Multilingual Plane.
    pub(super) beyond_bmp: usize,
}

impl PartContext<'_, '_> {
    /// One `<Coding>` per topic, stance, holder and target of `annotation`.
    fn write_codings(&self, sources: &mut String, annotation: &Annotation, digest: &[u8; 32]) {
        let guids = self.guids;
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
            push_attribute(sources, "guid", &derived_guid(digest, index as u16));
            sources.push_str("><CodeRef");
            push_attribute(sources, "targetGUID", code);
            sources.push_str("/></Coding>\n");
        }
    }

    /// Appends the `<PlainTextSelection>` of `annotation` (quoting `quote`) to
    /// `sources` and its notes to `notes`.
    fn write_selection(&self, part: &mut DocumentPart<'_>, annotation: &Annotation, quote: &str) {
        let codebook = &self.workspace.project.codebook;
        let digest = stable_digest("annotation", annotation.id.as_str());
        let user = self
            .user_guid
            .get(annotation.coder.as_str())
            .map(String::as_str);
        let created = date_time(&annotation.created);
        let modified = date_time(&annotation.modified);
        let selection_guid = guid_from_bytes(&digest[..16]);
        let sources = &mut part.sources;
        sources.push_str("<PlainTextSelection");
        push_attribute(sources, "guid", &selection_guid);
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
        if !annotation.memo.is_empty() {
            // Where QualCoder keeps memos; the memo note below is for the tools that read notes.
            sources.push_str("<Description>");
            push_text(sources, &annotation.memo);
            sources.push_str("</Description>\n");
        }
        self.write_codings(sources, annotation, &digest);
        let names = CodingNames::of(codebook, annotation);
        let stance_note = StanceNote {
            stance: names.stance.map(str::to_owned),
            holder: names.holder.map(str::to_owned),
            target: names.target.map(str::to_owned),
        };
        let notes = [
            (!annotation.memo.is_empty()).then(|| {
                (
                    MEMO_NOTE_INDEX,
                    MEMO_NOTE_NAME,
                    annotation.memo.clone(),
                    user,
                    created,
                )
            }),
            stance_note
                .to_text()
                .map(|text| (STANCE_NOTE_INDEX, STANCE_NOTE_NAME, text, None, None)),
        ];
        for (index, name, text, user, created) in notes.into_iter().flatten() {
            let guid = derived_guid(&digest, index);
            let note = NoteElement {
                guid: &guid,
                name,
                text: &text,
                user,
                created,
            };
            push_note(&mut part.notes, &note);
            sources.push_str("<NoteRef");
            push_attribute(sources, "targetGUID", &guid);
            sources.push_str("/>\n");
        }
        sources.push_str("</PlainTextSelection>\n");
        part.annotations += 1;
        part.selections
            .push((selection_guid, annotation.id.as_str().to_owned()));
    }
}

/// The part of `document`: without a file when its text is not loaded.
pub(super) fn document_part<'a>(
    context: &PartContext<'a, '_>,
    document: &'a DocumentRecord,
) -> DocumentPart<'a> {
    let mut part = DocumentPart {
        file: None,
        original: None,
        sources: String::new(),
        notes: String::new(),
        annotations: 0,
        selections: Vec::new(),
        beyond_bmp: 0,
    };
    let Some(loaded) = context.workspace.text(&document.id) else {
        return part;
    };
    let annotations = context
        .by_document
        .get(&document.id)
        .map_or(&[][..], Vec::as_slice);
    part.sources.reserve(annotations.len() * 900 + 512);
    let text = loaded.text.as_str();
    part.beyond_bmp = if text.is_ascii() {
        0
    } else {
        text.chars().filter(|c| u32::from(*c) > 0xFFFF).count()
    };
    let (text_guid, is_pdf) = open_source_element(context, document, loaded, &mut part);
    let sources = &mut part.sources;
    push_attribute(
        sources,
        "plainTextPath",
        &format!("internal://{text_guid}.txt"),
    );
    sources.push_str(">\n");
    for annotation in annotations {
        let quote = loaded
            .text
            .slice(annotation.range())
            .unwrap_or(&annotation.anchor.exact);
        context.write_selection(&mut part, annotation, quote);
    }
    let sources = &mut part.sources;
    if is_pdf {
        sources.push_str("</Representation>\n");
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
    sources.push_str(if is_pdf {
        "</PDFSource>\n"
    } else {
        "</TextSource>\n"
    });
    part.file = Some((text_guid, text));
    part
}

/// Opens the document's source element up to its `plainTextPath` attribute: a
/// `<PDFSource>` of the original PDF with an open `<Representation>`, a
/// `<TextSource>` with the original `.docx` as rich text, or a plain
/// `<TextSource>`. Returns the plain text's GUID and whether it is a PDF.
fn open_source_element<'a>(
    context: &PartContext<'a, '_>,
    document: &'a DocumentRecord,
    loaded: &LoadedText,
    part: &mut DocumentPart<'a>,
) -> (String, bool) {
    let source_guid = stable_guid("document", document.id.as_str());
    let original =
        context
            .originals
            .get(&document.id)
            .and_then(|bytes| match loaded.structure.format {
                SourceFormat::Pdf => Some((true, "pdf", bytes)),
                SourceFormat::Docx => Some((false, "docx", bytes)),
                _ => None,
            });
    let sources = &mut part.sources;
    match original {
        Some((true, extension, bytes)) => {
            let original_name = format!("{source_guid}.{extension}");
            let text_guid = derived_guid(&stable_digest("document", document.id.as_str()), 1);
            sources.push_str("<PDFSource");
            push_attribute(sources, "guid", &source_guid);
            push_attribute(sources, "name", &document.path);
            push_attribute(sources, "path", &format!("internal://{original_name}"));
            sources.push_str(">\n<Representation");
            push_attribute(sources, "guid", &text_guid);
            push_attribute(sources, "name", &document.path);
            part.original = Some((original_name, bytes.as_slice()));
            (text_guid, true)
        }
        Some((false, extension, bytes)) => {
            let original_name = format!("{source_guid}.{extension}");
            sources.push_str("<TextSource");
            push_attribute(sources, "guid", &source_guid);
            push_attribute(sources, "name", &document.path);
            push_attribute(
                sources,
                "richTextPath",
                &format!("internal://{original_name}"),
            );
            part.original = Some((original_name, bytes.as_slice()));
            (source_guid, false)
        }
        None => {
            sources.push_str("<TextSource");
            push_attribute(sources, "guid", &source_guid);
            push_attribute(sources, "name", &document.path);
            (source_guid, false)
        }
    }
}
