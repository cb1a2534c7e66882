//! What a panel asks for. Panels never change the project themselves: they
//! return intents, and `GlossApp` applies them (through the core's edits, so
//! that every change can be undone).

use crate::model::annotation::Annotation;
use crate::model::edit::Edit;
use crate::model::ids::{AnnotationId, DocumentId, TopicId};
use crate::model::text::CharRange;

pub use crate::model::annotation::Coding;

#[derive(Clone, Debug, PartialEq)]
pub enum Intent {
    /// Show a document in the reader, optionally scrolled to a range.
    OpenDocument {
        document: DocumentId,
        reveal: Option<CharRange>,
    },
    /// Select an annotation (inspector shows it; reader scrolls to it).
    SelectAnnotation(AnnotationId),
    ClearSelection,
    /// Code a passage: creates one annotation.
    CreateAnnotation {
        document: DocumentId,
        range: CharRange,
        coding: Coding,
    },
    /// Replace an annotation by an edited copy (same id).
    UpdateAnnotation(Box<Annotation>),
    /// Move an annotation's ends; the anchor is captured anew.
    ResizeAnnotation {
        id: AnnotationId,
        range: CharRange,
    },
    DeleteAnnotation(AnnotationId),
    /// Run an application command (menus, palette, shortcuts).
    Command(super::commands::Command),
    /// Apply a ready-made edit (codebook changes built with `model::operations`).
    ApplyEdit(Box<Edit>),
    /// Show a topic in the codebook panel (scrolls to it and selects it).
    RevealTopic(TopicId),
    /// Show an error message in the status bar.
    ReportError(String),
    /// Open a folder or project file (recent projects, dropped files).
    OpenProject(std::path::PathBuf),
    /// Run a saved corpus search (from the palette) in the search panel.
    RunSavedSearch(Box<crate::model::search::SavedSearch>),
    /// Export in `format` what `filter` retrieves (the codebook formats ignore it): the app
    /// asks where with a native save dialog and writes `export::export_to_bytes`.
    Export {
        format: crate::export::ExportFormat,
        filter: Box<crate::model::query::RetrievalFilter>,
    },
}
