//! The text sources of a REFI-QDA project as read: each `TextSource`'s text
//! (inline, or an `internal://` file of the archive, never a path on disk),
//! its variable values and its `PlainTextSelection`s with their raw positions.
//! A `PDFSource` is read through its plain-text `Representation` (as Gloss,
//! NVivo and ATLAS.ti write it): that text, with the selections made in it;
//! selections drawn on the PDF's pages (`PDFSelection`) are reported, not imported.

use super::archive::Archive;
use super::xml::{decode_owned, element, elements, guid_attribute, local_name, text_of};
use crate::import::error::ArchiveError;
use crate::refi_qda::units::OffsetTable;
use roxmltree::Node;
use std::collections::HashMap;

/// One `PlainTextSelection` as read.
pub(super) struct SelectionData {
    /// Lowercase GUID (kept as the annotation's identity on import).
    pub(super) guid: String,
    /// Its `<Description>` (QualCoder writes the coder's memo there).
    pub(super) description: String,
    /// Its `name` (often the quote, or its start).
    pub(super) name: String,
    /// Raw start position in the creator's unit.
    pub(super) start: u64,
    /// Raw end position in the creator's unit.
    pub(super) end: u64,
    /// Lowercase GUIDs of the codes applied to it.
    pub(super) codes: Vec<String>,
    /// Lowercase GUIDs of the notes it refers to.
    pub(super) notes: Vec<String>,
    /// Lowercase GUID of the user who created it.
    pub(super) user: Option<String>,
    pub(super) created: Option<String>,
    pub(super) modified: Option<String>,
}

/// One text source as read.
pub(super) struct SourceData {
    /// Lowercase GUID.
    pub(super) guid: String,
    /// Its `name` (Gloss writes the document's path), else its GUID.
    pub(super) name: String,
    /// The raw text with every unit's positions, and its canonical form.
    pub(super) table: OffsetTable,
    /// (variable name, value) pairs.
    pub(super) attributes: Vec<(String, String)>,
    pub(super) selections: Vec<SelectionData>,
}

/// What reading sources needs from the rest of the file.
pub(super) struct SourceContext<'a, 'b> {
    pub(super) archive: &'b mut Archive<'a>,
    /// Lowercase variable GUID → variable name.
    pub(super) variables: &'b HashMap<String, String>,
    pub(super) problems: &'b mut Vec<String>,
    /// Selections left out while reading (bad positions, sources not imported).
    pub(super) dropped_selections: usize,
    /// A limit of the import was passed: the whole import is refused.
    pub(super) refusal: Option<ArchiveError>,
}

/// How many selections of any kind a source element holds.
fn selection_count(node: Node<'_, '_>) -> usize {
    node.children()
        .filter(|c| c.is_element() && local_name(c).ends_with("Selection"))
        .count()
}

/// Reads the `<Sources>` element: text sources only, every other kind reported.
pub(super) fn read_sources(
    container: Node<'_, '_>,
    context: &mut SourceContext<'_, '_>,
) -> Vec<SourceData> {
    let mut sources = Vec::new();
    for node in container.children().filter(|c| c.is_element()) {
        if context.refusal.is_some() {
            break;
        }
        if local_name(&node) == "PDFSource" {
            if let Some(source) = read_pdf_source(node, context) {
                sources.push(source);
            }
            continue;
        }
        if local_name(&node) != "TextSource" {
            context.dropped_selections += selection_count(node);
            context.problems.push(format!(
                "{} `{}`: only text sources are imported",
                local_name(&node),
                node.attribute("name").unwrap_or_default()
            ));
            continue;
        }
        if let Some(source) = read_source(node, context) {
            sources.push(source);
        }
    }
    sources
}

fn read_source(node: Node<'_, '_>, context: &mut SourceContext<'_, '_>) -> Option<SourceData> {
    read_source_with_text(node, node, context)
}

/// A `PDFSource`: its `Representation`'s text and selections, under the PDF's
/// name and variables; without a representation it is reported and skipped.
fn read_pdf_source(node: Node<'_, '_>, context: &mut SourceContext<'_, '_>) -> Option<SourceData> {
    let name = node.attribute("name").unwrap_or_default().to_owned();
    let Some(representation) = element(node, "Representation") else {
        context.dropped_selections += selection_count(node);
        context.problems.push(format!(
            "PDFSource `{name}`: it has no plain-text representation; not imported"
        ));
        return None;
    };
    let on_pages = selection_count(node);
    if on_pages > 0 {
        context.dropped_selections += on_pages;
        context.problems.push(format!(
            "PDFSource `{name}`: {on_pages} selection(s) drawn on its pages not imported (Gloss codes the text)"
        ));
    }
    read_source_with_text(node, representation, context)
}

/// A source named by `node` (its GUID, name, variables, whole-document codings)
/// whose text and selections are those of `text_node` (the node itself, or a
/// PDF's `Representation`).
fn read_source_with_text(
    node: Node<'_, '_>,
    text_node: Node<'_, '_>,
    context: &mut SourceContext<'_, '_>,
) -> Option<SourceData> {
    let guid = guid_attribute(node, "guid");
    let name = node
        .attribute("name")
        .map_or_else(|| guid.clone(), str::to_owned);
    let Some(raw) = source_text(text_node, &name, context) else {
        context.dropped_selections += selection_count(text_node);
        return None;
    };
    let attributes = variable_values(node, &name, context);
    let document_codings = elements(node, "Coding").count();
    if document_codings > 0 {
        context.problems.push(format!(
            "document `{name}`: {document_codings} coding(s) of the whole document not imported (Gloss codes passages)"
        ));
    }
    let selections = selections(text_node, &name, context);
    Some(SourceData {
        guid,
        name,
        table: OffsetTable::from_owned(raw),
        attributes,
        selections,
    })
}

/// The source's raw text: inline, or an `internal://` file; `None` (reported) otherwise.
fn source_text(
    node: Node<'_, '_>,
    name: &str,
    context: &mut SourceContext<'_, '_>,
) -> Option<String> {
    if let Some(content) = element(node, "PlainTextContent") {
        return Some(text_of(Some(content)));
    }
    let problems = &mut *context.problems;
    let Some(path) = node.attribute("plainTextPath") else {
        problems.push(format!(
            "document `{name}`: it has no plain text (only rich text); not imported"
        ));
        return None;
    };
    let Some(file) = path.strip_prefix("internal://") else {
        problems.push(format!(
            "document `{name}`: its text is outside the archive ({path}); not imported (paths outside the archive are never followed)"
        ));
        return None;
    };
    match context.archive.internal_file(file) {
        Some(Err(error)) if error.is_limit() => {
            context.refusal = Some(error);
            None
        }
        Some(Ok(bytes)) => {
            let (text, had_errors) = decode_owned(bytes);
            if had_errors {
                problems.push(format!(
                    "document `{name}`: its text is not valid Unicode; bad bytes were replaced by �"
                ));
            }
            Some(text)
        }
        Some(Err(error)) => {
            problems.push(format!(
                "document `{name}`: {path} cannot be read ({error}); not imported"
            ));
            None
        }
        None => {
            problems.push(format!(
                "document `{name}`: {path} is missing from the archive; not imported"
            ));
            None
        }
    }
}

/// The source's `VariableValue`s as (variable name, text) pairs.
fn variable_values(
    node: Node<'_, '_>,
    name: &str,
    context: &mut SourceContext<'_, '_>,
) -> Vec<(String, String)> {
    let mut attributes = Vec::new();
    for value in elements(node, "VariableValue") {
        let Some(variable) = element(value, "VariableRef")
            .and_then(|r| r.attribute("targetGUID"))
            .and_then(|g| context.variables.get(&g.to_lowercase()))
        else {
            context.problems.push(format!(
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
    attributes
}

/// The source's selections with valid, non-negative positions (others reported and counted).
fn selections(
    node: Node<'_, '_>,
    name: &str,
    context: &mut SourceContext<'_, '_>,
) -> Vec<SelectionData> {
    let mut selections = Vec::new();
    let total = selection_count(node);
    let problems = &mut *context.problems;
    for selection in elements(node, "PlainTextSelection") {
        let position = |key: &str| {
            selection
                .attribute(key)
                .and_then(|v| v.trim().parse::<i64>().ok())
        };
        let label = selection.attribute("name").unwrap_or_default().to_owned();
        let (Some(start), Some(end)) = (position("startPosition"), position("endPosition")) else {
            problems.push(format!(
                "document `{name}`: selection `{label}` has no valid positions; not imported"
            ));
            continue;
        };
        let (Ok(start), Ok(end)) = (u64::try_from(start), u64::try_from(end)) else {
            problems.push(format!(
                "document `{name}`: selection `{label}` has negative positions; not imported"
            ));
            continue;
        };
        selections.push(SelectionData {
            guid: guid_attribute(selection, "guid"),
            description: text_of(element(selection, "Description")),
            name: label,
            start,
            end,
            codes: elements(selection, "Coding")
                .filter_map(|c| element(c, "CodeRef"))
                .filter_map(|r| r.attribute("targetGUID"))
                .map(str::to_lowercase)
                .collect(),
            notes: elements(selection, "NoteRef")
                .filter_map(|r| r.attribute("targetGUID"))
                .map(str::to_lowercase)
                .collect(),
            user: selection.attribute("creatingUser").map(str::to_lowercase),
            created: selection.attribute("creationDateTime").map(str::to_owned),
            modified: selection.attribute("modifiedDateTime").map(str::to_owned),
        });
    }
    context.dropped_selections += total - selections.len();
    selections
}
