//! What a panel asks for. Panels never change the project, the session or the
//! app's state themselves: they return intents, and the shell applies them
//! (`shell::intents`, through the core's edits, so that every change can be undone).

use crate::app::commands::Command;
use crate::model::annotation::Annotation;
use crate::model::edit::Edit;
use crate::model::ids::{AnnotationId, DocumentId, TopicId};
use crate::model::search::SavedSearch;
use crate::model::text::CharRange;
use std::path::PathBuf;

pub use crate::model::annotation::Coding;

/// One request from a panel to the app, applied after the frame's panels are drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum Intent {
    /// Show a document in the reader, optionally scrolled to a range.
    OpenDocument {
        /// The document to show.
        document: DocumentId,
        /// A passage to scroll into view.
        reveal: Option<CharRange>,
    },
    /// Select an annotation (inspector shows it; reader scrolls to it).
    SelectAnnotation(AnnotationId),
    /// Select no annotation (the inspector empties).
    ClearSelection,
    /// Code a passage: creates one annotation.
    CreateAnnotation {
        /// The document of the passage.
        document: DocumentId,
        /// The passage, in chars.
        range: CharRange,
        /// Its topics, stance, holder, target and memo.
        coding: Coding,
        /// Codebook entries created with it (the tag popup's "Create topic …"),
        /// added in the same undo step before the annotation.
        new_codes: Vec<Edit>,
    },
    /// Replace an annotation by an edited copy (same id).
    UpdateAnnotation(Box<Annotation>),
    /// Move an annotation's ends; the anchor is captured anew.
    ResizeAnnotation {
        /// The annotation to move.
        id: AnnotationId,
        /// Its new passage, in chars.
        range: CharRange,
    },
    /// Delete an annotation (undoable).
    DeleteAnnotation(AnnotationId),
    /// Run an application command (menus, palette, shortcuts, buttons).
    Command(Command),
    /// Apply a ready-made edit (codebook changes built with `model::operations`).
    ApplyEdit(Box<Edit>),
    /// Show a topic in the codebook panel (scrolls to it and selects it).
    RevealTopic(TopicId),
    /// Show an error message in the status bar.
    ReportError(String),
    /// Open a folder or project file (recent projects, dropped files).
    OpenProject(PathBuf),
    /// Open the user's copy of the bundled sample project (installed on first use).
    OpenSample,
    /// Run a saved corpus search (from the palette) in the search panel.
    RunSavedSearch(Box<SavedSearch>),
    /// Show a corpus-search hit in the reader: `current` emphasised, the
    /// document's other `hits` marked (as find in document marks its hits).
    ShowSearchHit {
        /// The document of the hits.
        document: DocumentId,
        /// Every hit of the search in this document, in text order.
        hits: Vec<CharRange>,
        /// The hit opened.
        current: CharRange,
    },
}
