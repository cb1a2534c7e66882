//! The reader's state for one open document: its indexes and galleys, the text
//! selection and caret, a drag in progress, the open tag popup, a pending reveal
//! and the find bar. The other files of the reader add behaviour to
//! [`ReaderState`]; this one holds the data and the selection and reveal API.

use crate::app::intent::Coding;
use crate::app::reader::index::{AnnotationIndex, AnnotationView, ParagraphIndex};
use crate::app::reader::layout::ParagraphLayouts;
use crate::app::reader::pieces::ParagraphLayout;
use crate::app::reader::tag_popup::TagPopupState;
use crate::app::theme;
use crate::extract::text_structure;
use crate::model::ids::{AnnotationId, DocumentId};
use crate::model::search::find::DocumentFind;
use crate::model::structure::{DocumentStructure, SourceFormat};
use crate::model::text::{CanonicalText, CharOffset, CharRange};
use crate::model::workspace::Workspace;
use egui::{Pos2, Rect};
use std::sync::Arc;

/// Frames over which a reveal converges on the exact position.
pub(super) const REVEAL_FRAMES: u8 = 3;

/// How the reading view looks; the app owns it (zoom, light/dark).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReaderSettings {
    /// Reading size of the text (the app's zoom).
    pub font_size_points: f32,
    /// Dark colours for text and highlights.
    pub dark_mode: bool,
}

impl Default for ReaderSettings {
    fn default() -> Self {
        Self {
            font_size_points: theme::DEFAULT_READER_FONT_POINTS,
            dark_mode: false,
        }
    }
}

/// A text selection: `anchor` stays put, `caret` moves (they may be equal).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct TextSelection {
    pub(super) anchor: CharOffset,
    pub(super) caret: CharOffset,
}

impl TextSelection {
    /// An empty selection: just the caret at `offset`.
    pub(super) fn caret_at(offset: CharOffset) -> Self {
        Self {
            anchor: offset,
            caret: offset,
        }
    }

    /// The selected chars, in text order.
    pub(super) fn range(&self) -> CharRange {
        CharRange {
            start: self.anchor.min(self.caret),
            end: self.anchor.max(self.caret),
        }
    }
}

/// What a primary-button drag in the text is doing.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) enum DragMode {
    #[default]
    None,
    /// Selecting text from where the drag started.
    Selecting,
    /// Moving one end of an annotation; `fixed` is the other end.
    Resizing { id: AnnotationId, fixed: CharOffset },
}

/// What the open tag popup codes.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum PopupTarget {
    /// A fresh selection, to become a new annotation.
    NewPassage(CharRange),
    /// An existing annotation ("Edit codes…").
    Edit(AnnotationId),
}

/// Where the text was on screen in the last frame.
#[derive(Clone, Copy, Debug)]
pub(super) struct Geometry {
    /// Screen position of the text's top-left corner (text y = 0).
    pub(super) text_origin: Pos2,
    /// The visible part of the reader on screen.
    pub(super) clip: Rect,
}

/// The find bar's state: whether it is open, the query typed, and the hits.
#[derive(Default)]
pub(super) struct FindBar {
    pub(super) open: bool,
    pub(super) query: String,
    /// The query and text length the hits were computed for.
    pub(super) searched: Option<(String, usize)>,
    pub(super) find: DocumentFind,
    /// Why the query could not be searched, shown instead of the counter.
    pub(super) error: Option<String>,
    /// Put the keyboard focus in the text box next frame.
    pub(super) focus_box: bool,
    /// A navigation asked for before the hits were computed (true = next).
    pub(super) pending_step: Option<bool>,
    /// Did the text box have the keyboard focus at the end of the last frame?
    /// (egui drops the focus on Escape before the bar sees the key.)
    pub(super) box_had_focus: bool,
}

/// The hits of a corpus search opened in the reader (find marks them).
#[derive(Default)]
pub(super) struct SearchMarks {
    /// Every hit in this document, in text order.
    pub(super) hits: Vec<CharRange>,
    /// The hit opened (emphasised).
    pub(super) current: Option<CharRange>,
}

/// The reader's state for one open document (the app resets it when the document changes).
#[derive(Default)]
pub struct ReaderState {
    pub(super) document: Option<DocumentId>,
    pub(super) paragraphs: ParagraphIndex,
    /// The document's structure (Markdown styles, note blocks) as the reader draws it.
    pub(super) structure: DocumentStructure,
    pub(super) annotations: AnnotationIndex,
    /// Has `annotations` been built for this document (revision 0 is a real revision)?
    pub(super) annotations_built: bool,
    pub(super) layouts: ParagraphLayouts,
    pub(super) selection: Option<TextSelection>,
    pub(super) drag: DragMode,
    pub(super) popup: Option<(PopupTarget, TagPopupState)>,
    pub(super) pending_reveal: Option<CharRange>,
    /// Further frames in which a reveal is scrolled again: the first scroll uses
    /// estimated heights of paragraphs not laid out yet; the next ones are exact.
    pub(super) reveal_frames_left: u8,
    /// The scroll area's offset at the end of the last frame.
    pub(super) last_scroll_offset_points: f32,
    /// How far to scroll next frame so that the paragraph in the middle of the
    /// view stays put after paragraphs above it were measured.
    pub(super) scroll_correction_points: f32,
    pub(super) geometry: Option<Geometry>,
    /// The annotation under the last right-click (the context menu acts on it).
    pub(super) context_annotation: Option<AnnotationId>,
    /// Give the text the keyboard focus next frame.
    pub(super) focus_reader: bool,
    /// Did another widget have the keyboard focus when the reader last looked?
    pub(super) focus_elsewhere_last_frame: bool,
    /// Position of the selected annotation in the index: (id, revision, position).
    pub(super) selected_position: Option<(AnnotationId, u64, Option<usize>)>,
    /// Find in document (Ctrl+F).
    pub(super) find_bar: FindBar,
    /// The hits of the corpus search opened in this document.
    pub(super) search_marks: SearchMarks,
    /// Only these coders' passages are shown; empty for every coder.
    pub(super) coders: Vec<String>,
}

impl ReaderState {
    /// Scrolls (next frame) so that `range` is visible.
    pub fn reveal(&mut self, range: CharRange) {
        self.pending_reveal = Some(range);
        self.reveal_frames_left = REVEAL_FRAMES;
    }

    /// The selected text range, if any chars are selected.
    pub fn selection(&self) -> Option<CharRange> {
        self.selection
            .map(|selection| selection.range())
            .filter(|range| !range.is_empty())
    }

    /// The caret (the moving end of the selection).
    pub fn caret(&self) -> Option<CharOffset> {
        self.selection.map(|selection| selection.caret)
    }

    /// Gives the text the keyboard focus next frame (Escape in a docked view).
    pub fn focus_text(&mut self) {
        self.focus_reader = true;
    }

    /// Selects `range` as if dragged (for tests and for the app's commands).
    pub fn set_selection(&mut self, range: CharRange) {
        self.selection = Some(TextSelection {
            anchor: range.start,
            caret: range.end,
        });
        self.focus_reader = true;
    }

    /// Opens the tag popup for the current selection; `false` if nothing is selected.
    pub fn open_tag_popup(&mut self) -> bool {
        match self.selection() {
            Some(range) => {
                self.popup = Some((
                    PopupTarget::NewPassage(range),
                    TagPopupState::new(Coding::default()),
                ));
                true
            }
            None => false,
        }
    }

    /// How far the text is scrolled down (points), as at the end of the last frame.
    pub fn scroll_offset_points(&self) -> f32 {
        self.last_scroll_offset_points
    }

    /// Is the tag popup open?
    pub fn is_tag_popup_open(&self) -> bool {
        self.popup.is_some()
    }

    /// Where the open tag popup was on screen in the last frame.
    pub fn tag_popup_rect(&self) -> Option<Rect> {
        self.popup.as_ref().and_then(|(_, popup)| popup.last_rect)
    }

    /// The codes currently chosen in the open tag popup.
    pub fn tag_popup_coding(&self) -> Option<&Coding> {
        self.popup.as_ref().map(|(_, popup)| &popup.coding)
    }

    /// Shows only the passages of `coders` (every coder's when empty) from the
    /// next frame on; the shell passes the window's coder filter every frame.
    pub fn set_coder_filter(&mut self, coders: &[String]) {
        if self.coders != coders {
            self.coders = coders.to_vec();
        }
    }

    /// Did the last frame draw exactly the passages of `coders`?
    pub fn shows_coders(&self, coders: &[String]) -> bool {
        self.annotations_built && self.annotations.coders == coders
    }

    /// How many of the document's passages the coder filter hid in the last frame.
    pub fn hidden_by_coder_filter(&self) -> usize {
        self.annotations.hidden_by_coders
    }

    /// How many passages the reader drew in the document in the last frame.
    pub fn shown_passages(&self) -> usize {
        self.annotations.annotations.len()
    }

    /// How many paragraphs were laid out in the last frame (cache misses).
    pub fn paragraphs_laid_out_last_frame(&self) -> usize {
        self.layouts.laid_out_this_frame
    }

    /// The selected annotation's view, with its position cached per revision.
    pub(super) fn selected_view(&mut self, id: &AnnotationId) -> Option<AnnotationView> {
        let revision = self.annotations.revision;
        let cached = match &self.selected_position {
            Some((cached_id, cached_revision, position))
                if cached_id == id && *cached_revision == revision =>
            {
                *position
            }
            _ => {
                let position = self.annotations.position(id);
                self.selected_position = Some((id.clone(), revision, position));
                position
            }
        };
        cached.and_then(|index| self.annotations.annotations.get(index).cloned())
    }

    /// Rebuilds the indexes that the document or the project revision made stale.
    pub(super) fn prepare(
        &mut self,
        workspace: &Workspace,
        document: &DocumentId,
        text: &CanonicalText,
    ) {
        if self.document.as_ref() != Some(document) {
            let structure = reader_structure(workspace, document, text);
            *self = Self {
                document: Some(document.clone()),
                paragraphs: ParagraphIndex::build_with_structure(text, &structure),
                structure,
                pending_reveal: self.pending_reveal.take(),
                reveal_frames_left: self.reveal_frames_left,
                search_marks: std::mem::take(&mut self.search_marks),
                coders: std::mem::take(&mut self.coders),
                ..Default::default()
            };
        }
        if !self.annotations_built
            || self.annotations.revision != workspace.project.revision
            || self.annotations.coders != self.coders
        {
            self.annotations = AnnotationIndex::build_for_coders(
                workspace,
                document,
                &self.paragraphs,
                &self.coders,
            );
            self.annotations_built = true;
        }
    }

    /// The layout of a paragraph, laid out now if needed; `None` for an empty paragraph.
    pub(super) fn galley(
        &mut self,
        ctx: &egui::Context,
        paragraph: usize,
        text: &CanonicalText,
    ) -> Option<Arc<ParagraphLayout>> {
        self.layouts.galley(
            ctx,
            paragraph,
            text,
            &self.paragraphs,
            &self.annotations,
            &self.structure,
        )
    }

    /// While an annotation end is dragged: the range it would get if dropped now.
    pub(super) fn resize_preview(&self) -> Option<CharRange> {
        match (&self.drag, self.selection) {
            (DragMode::Resizing { fixed, .. }, Some(selection)) => Some(CharRange {
                start: (*fixed).min(selection.caret),
                end: (*fixed).max(selection.caret),
            }),
            _ => None,
        }
    }
}

/// The structure the document was loaded with; for a text format loaded
/// without one (nothing found or not looked for), its Markdown styles or
/// footnote blocks found now.
fn reader_structure(
    workspace: &Workspace,
    document: &DocumentId,
    text: &CanonicalText,
) -> DocumentStructure {
    if let Some(loaded) = workspace.text(document).map(|loaded| &loaded.structure)
        && (!loaded.format.is_text()
            || !loaded.styles.is_empty()
            || !loaded.notes.is_empty()
            || !loaded.headings.is_empty())
    {
        return loaded.clone();
    }
    let format = workspace
        .document(document)
        .and_then(|record| SourceFormat::from_file_name(&record.path))
        .filter(|format| format.is_text())
        .unwrap_or(SourceFormat::PlainText);
    text_structure(format, text.as_str())
}
