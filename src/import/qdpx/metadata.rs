//! The parts of a `project.qde` that selections refer to: users (coders),
//! variables (document attributes), notes (memos, stance notes) and the
//! project's own notes, among them the `Gloss codebook` note.

use super::archive::Archive;
use super::xml::{decode_owned, element, elements, guid_attribute, text_of};
use crate::import::error::ArchiveError;
use crate::refi_qda::codebook_note::CodebookNote;
use crate::refi_qda::names::CODEBOOK_NOTE_NAME;
use roxmltree::Node;
use std::collections::HashMap;

/// Users, variables and notes of a project, by lowercase GUID.
pub(super) struct ProjectMetadata {
    /// User GUID → name.
    pub(super) users: HashMap<String, String>,
    /// Variable GUID → name.
    pub(super) variables: HashMap<String, String>,
    /// Note GUID → (name, text).
    pub(super) notes: HashMap<String, (String, String)>,
    /// The `Gloss codebook` note, when the project has one that parses.
    pub(super) codebook_note: Option<CodebookNote>,
}

/// GUID → `name` attribute of each `item` element inside `container`.
fn names_by_guid(
    root: Node<'_, '_>,
    container: &'static str,
    item: &'static str,
) -> HashMap<String, String> {
    element(root, container)
        .into_iter()
        .flat_map(|c| elements(c, item))
        .map(|node| {
            (
                guid_attribute(node, "guid"),
                node.attribute("name").unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

impl ProjectMetadata {
    /// Reads them from the `<Project>` element; note texts may be archive files
    /// (an error only when one passes a limit of the import).
    pub(super) fn read(
        root: Node<'_, '_>,
        archive: &mut Archive<'_>,
        problems: &mut Vec<String>,
    ) -> Result<Self, ArchiveError> {
        let notes = read_notes(root, archive, problems)?;
        let project_note_refs: Vec<String> = elements(root, "NoteRef")
            .filter_map(|r| r.attribute("targetGUID"))
            .map(str::to_lowercase)
            .collect();
        let codebook_note = project_note_refs
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
        Ok(Self {
            users: names_by_guid(root, "Users", "User"),
            variables: names_by_guid(root, "Variables", "Variable"),
            notes,
            codebook_note,
        })
    }
}

impl ProjectMetadata {
    /// Source GUID (lowercase) → Gloss document id, from the `Gloss codebook` note.
    pub(super) fn document_ids(&self) -> HashMap<String, String> {
        self.codebook_note
            .as_ref()
            .map(|note| {
                note.documents
                    .iter()
                    .map(|(guid, id)| (guid.to_lowercase(), id.clone()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Selection GUID (lowercase) → Gloss annotation id, from the `Gloss codebook` note.
    pub(super) fn annotation_ids(&self) -> HashMap<String, String> {
        self.codebook_note
            .as_ref()
            .map(|note| {
                note.annotations
                    .iter()
                    .map(|(guid, id)| (guid.to_lowercase(), id.clone()))
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// Every `<Note>`: GUID → (name, text); a text file missing from the archive is reported.
fn read_notes(
    root: Node<'_, '_>,
    archive: &mut Archive<'_>,
    problems: &mut Vec<String>,
) -> Result<HashMap<String, (String, String)>, ArchiveError> {
    let mut notes = HashMap::new();
    for note in element(root, "Notes")
        .into_iter()
        .flat_map(|n| elements(n, "Note"))
    {
        let name = note.attribute("name").unwrap_or_default().to_owned();
        let text = match element(note, "PlainTextContent") {
            Some(content) => text_of(Some(content)),
            None => match note
                .attribute("plainTextPath")
                .and_then(|p| p.strip_prefix("internal://"))
            {
                Some(file) => match archive.internal_file(file) {
                    Some(Err(error)) if error.is_limit() => return Err(error),
                    Some(Ok(bytes)) => decode_owned(bytes).0,
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
        notes.insert(guid_attribute(note, "guid"), (name, text));
    }
    Ok(notes)
}
