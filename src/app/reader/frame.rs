//! What one frame of the text view works with: its inputs ([`TextFrame`]), where
//! the text sits on screen ([`Placement`]), and the view's fixed spacing.

use crate::app::reader::layout::ParagraphLayouts;
use crate::app::reader::params::LayoutParams;
use crate::model::ids::{AnnotationId, DocumentId};
use crate::model::text::CanonicalText;
use crate::model::workspace::Workspace;
use egui::{Id, Pos2, Rect, pos2};
use std::ops::Range;

/// Space above the first line.
pub(super) const TOP_PADDING_POINTS: f32 = 40.0;
/// Space below the last line, so the end can be read in the middle of the window.
pub(super) const BOTTOM_PADDING_POINTS: f32 = 160.0;
/// The measure (line length) in ems: about 70–75 characters of running text.
pub(super) const MEASURE_EMS: f32 = 34.0;
/// Least space between the window edge and the text (or its margin bars).
pub(super) const SIDE_MARGIN_POINTS: f32 = 20.0;

/// Height of everything the reader scrolls: padding, paragraphs, padding.
pub(super) fn content_height_points(layouts: &mut ParagraphLayouts) -> f32 {
    TOP_PADDING_POINTS + layouts.total_height_points() + BOTTOM_PADDING_POINTS
}

/// The inputs of one frame of the text view, the same for all its parts.
pub(super) struct TextFrame<'a> {
    pub(super) ctx: egui::Context,
    /// Id of the text's interaction area (the focus and the accessibility node).
    pub(super) reader_id: Id,
    pub(super) workspace: &'a Workspace,
    pub(super) document: &'a DocumentId,
    pub(super) text: &'a CanonicalText,
    pub(super) params: LayoutParams,
    /// The annotation the app has selected (outlined, with resize handles).
    pub(super) selected: Option<&'a AnnotationId>,
}

/// Where the text sits on screen this frame.
#[derive(Clone, Debug)]
pub(super) struct Placement {
    /// Screen x of the text's left edge.
    pub(super) text_left: f32,
    /// Screen position of the text's top-left corner (text y = 0).
    pub(super) text_origin: Pos2,
    /// The visible part of the reader on screen.
    pub(super) clip: Rect,
    /// The paragraphs in view, laid out.
    pub(super) visible: Range<usize>,
}

impl Placement {
    /// A screen point in text coordinates.
    pub(super) fn to_text(&self, pos: Pos2) -> Pos2 {
        pos2(pos.x - self.text_origin.x, pos.y - self.text_origin.y)
    }

    /// A text-coordinate rectangle on screen.
    pub(super) fn to_screen(&self, rect: Rect) -> Rect {
        rect.translate(self.text_origin.to_vec2())
    }
}
