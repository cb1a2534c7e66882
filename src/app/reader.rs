//! The reading view: the central panel where a researcher reads a document and
//! codes passages.
//!
//! The text is shown at a comfortable measure, one galley per paragraph (see
//! [`crate::app::reader_layout`]); only the visible paragraphs are laid out and
//! painted. Annotated passages carry their topic's colour as background and
//! their stance's colour as underline; each annotation also has a bar in the
//! left margin, one lane per overlapping annotation. Selecting text (mouse drag,
//! double-click on a word, or Shift+arrows then Enter) opens the tag popup
//! ([`crate::app::tag_popup`]); clicking a passage selects its annotation, whose
//! ends can then be dragged to resize it. The reader never changes the project:
//! it returns [`Intent`]s.

use crate::app::intent::{Coding, Intent};
use crate::app::reader_index::{
    AnnotationIndex, AnnotationView, ParagraphIndex, codebook_colors_hash,
};
use crate::app::reader_layout::{LayoutParams, ParagraphLayouts};
use crate::app::tag_popup::{TagPopupOutcome, TagPopupState, tag_popup_ui};
use crate::model::ids::{AnnotationId, DocumentId};
use crate::model::search::SearchQuery;
use crate::model::search::find::DocumentFind;
use crate::model::text::{CanonicalText, CharOffset, CharRange};
use crate::model::workspace::Workspace;
use egui::epaint::text::cursor::CCursor;
use egui::{
    Color32, CursorIcon, Event, EventFilter, Galley, Id, Key, Modifiers, Pos2, Rect, RichText,
    Sense, Stroke, StrokeKind, Vec2, pos2, vec2,
};
use std::sync::Arc;

/// Space above the first line.
const TOP_PADDING_POINTS: f32 = 40.0;
/// Space below the last line, so the end can be read in the middle of the window.
const BOTTOM_PADDING_POINTS: f32 = 160.0;
/// The measure (line length) in ems: about 70–75 characters of running text.
const MEASURE_EMS: f32 = 34.0;
/// Least space between the window edge and the text (or its margin bars).
const SIDE_MARGIN_POINTS: f32 = 20.0;
/// Width of one margin bar and the gap between lanes.
const LANE_WIDTH_POINTS: f32 = 3.0;
const LANE_GAP_POINTS: f32 = 3.0;
/// Gap between the text and the nearest margin lane.
const LANE_OFFSET_POINTS: f32 = 14.0;
/// At most this many lanes are drawn; deeper overlaps share the last lane.
const MAX_LANES: usize = 8;
/// How close (points) the pointer must be to a resize handle to grab it.
const HANDLE_GRAB_POINTS: f32 = 8.0;

/// How the reading view looks; the app owns it (zoom, light/dark).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReaderSettings {
    pub font_size_points: f32,
    pub dark_mode: bool,
}

impl Default for ReaderSettings {
    fn default() -> Self {
        Self {
            font_size_points: 17.0,
            dark_mode: false,
        }
    }
}

/// A text selection: `anchor` stays put, `caret` moves (they may be equal).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct TextSelection {
    anchor: CharOffset,
    caret: CharOffset,
}

impl TextSelection {
    fn caret_at(offset: CharOffset) -> Self {
        Self {
            anchor: offset,
            caret: offset,
        }
    }

    fn range(&self) -> CharRange {
        CharRange {
            start: self.anchor.min(self.caret),
            end: self.anchor.max(self.caret),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
enum DragMode {
    #[default]
    None,
    Selecting,
    /// Moving one end of an annotation; `fixed` is the other end.
    Resizing {
        id: AnnotationId,
        fixed: CharOffset,
    },
}

/// What the open tag popup codes.
#[derive(Clone, Debug, PartialEq)]
enum PopupTarget {
    NewPassage(CharRange),
    Edit(AnnotationId),
}

/// Where the text was on screen in the last frame.
#[derive(Clone, Copy, Debug)]
struct Geometry {
    /// Screen position of the text's top-left corner (text y = 0).
    text_origin: Pos2,
    /// The visible part of the reader on screen.
    clip: Rect,
}

/// Frames over which a reveal converges on the exact position.
const REVEAL_FRAMES: u8 = 3;

/// The reader's state for one open document (the app resets it when the document changes).
#[derive(Default)]
pub struct ReaderState {
    document: Option<DocumentId>,
    paragraphs: ParagraphIndex,
    annotations: AnnotationIndex,
    annotations_built: bool,
    layouts: ParagraphLayouts,
    selection: Option<TextSelection>,
    drag: DragMode,
    popup: Option<(PopupTarget, TagPopupState)>,
    pending_reveal: Option<CharRange>,
    /// Further frames in which a reveal is scrolled again: the first scroll uses
    /// estimated heights of paragraphs not laid out yet; the next ones are exact.
    reveal_frames_left: u8,
    last_scroll_offset_points: f32,
    scroll_correction_points: f32,
    geometry: Option<Geometry>,
    context_annotation: Option<AnnotationId>,
    focus_reader: bool,
    /// Position of the selected annotation in the index: (id, revision, position).
    selected_position: Option<(AnnotationId, u64, Option<usize>)>,
    /// Find in document (Ctrl+F).
    find_bar: FindBar,
}

/// The find bar's state: whether it is open, the query typed, and the hits.
#[derive(Default)]
struct FindBar {
    open: bool,
    query: String,
    /// The query and text length the hits were computed for.
    searched: Option<(String, usize)>,
    find: DocumentFind,
    error: Option<String>,
    focus_box: bool,
    /// A navigation asked for before the hits were computed (true = next).
    pending_step: Option<bool>,
    /// Did the text box have the keyboard focus at the end of the last frame?
    /// (egui drops the focus on Escape before the bar sees the key.)
    box_had_focus: bool,
}

impl ReaderState {
    /// Scrolls (next frame) so that `range` is visible.
    pub fn reveal(&mut self, range: CharRange) {
        self.pending_reveal = Some(range);
        self.reveal_frames_left = REVEAL_FRAMES;
    }

    /// Opens the find bar (Ctrl+F) and puts the keyboard focus in its text box.
    pub fn open_find(&mut self) {
        self.find_bar.open = true;
        self.find_bar.focus_box = true;
    }

    /// Closes the find bar and clears the hit marks.
    pub fn close_find(&mut self) {
        self.find_bar.open = false;
        self.find_bar.query.clear();
        self.find_bar.searched = None;
        self.find_bar.find.clear();
        self.find_bar.error = None;
        self.find_bar.pending_step = None;
        self.focus_reader = true;
    }

    /// Is the find bar open?
    pub fn is_find_open(&self) -> bool {
        self.find_bar.open
    }

    /// Goes to the next hit of the find bar's query (opens the bar if closed).
    pub fn find_next(&mut self) {
        self.find_step(true);
    }

    /// Goes to the previous hit of the find bar's query (opens the bar if closed).
    pub fn find_previous(&mut self) {
        self.find_step(false);
    }

    /// The hits of the find bar's query, in text order.
    pub fn find_hits(&self) -> Vec<CharRange> {
        self.find_bar
            .find
            .hits()
            .iter()
            .map(|hit| hit.range)
            .collect()
    }

    /// The current hit of the find bar and its position (0-based).
    pub fn find_current(&self) -> Option<(usize, CharRange)> {
        self.find_bar.find.current_hit()
    }

    fn find_step(&mut self, forward: bool) {
        if !self.find_bar.open {
            self.open_find();
        }
        if self.find_bar.searched.as_ref().map(|(q, _)| q) != Some(&self.find_bar.query) {
            self.find_bar.pending_step = Some(forward);
            return;
        }
        let from = self.caret().unwrap_or(CharOffset(0));
        let range = if forward {
            self.find_bar.find.next(from)
        } else {
            self.find_bar.find.previous(from)
        };
        if let Some(range) = range {
            self.reveal(range);
        }
    }

    /// Recomputes the hits when the query or the text changed; moves to the
    /// first hit from the top of the view after a new query.
    fn update_find(&mut self, document: &DocumentId, text: &CanonicalText) {
        let bar = &mut self.find_bar;
        if !bar.open {
            return;
        }
        let key = (bar.query.clone(), text.len_chars());
        if bar.searched.as_ref() == Some(&key) {
            return;
        }
        if bar.searched.as_ref().is_some_and(|(_, len)| *len != key.1) {
            bar.find.clear();
        }
        bar.searched = Some(key);
        bar.error = bar
            .find
            .update(document, text, &SearchQuery::plain(bar.query.clone()))
            .err()
            .map(|error| error.to_string());
        let step = bar.pending_step.take().unwrap_or(true);
        let from = self.first_visible_offset();
        let range = if step {
            self.find_bar.find.next(from)
        } else {
            self.find_bar.find.previous(from)
        };
        if let Some(range) = range {
            self.reveal(range);
        }
    }

    /// The first char of the paragraph at the top of the view.
    fn first_visible_offset(&mut self) -> CharOffset {
        let top = (self.last_scroll_offset_points - TOP_PADDING_POINTS).max(0.0);
        let paragraph = self.layouts.paragraph_at_y(top);
        self.paragraphs
            .paragraphs
            .get(paragraph)
            .map_or(CharOffset(0), |p| p.range.start)
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

    /// Is the tag popup open?
    pub fn is_tag_popup_open(&self) -> bool {
        self.popup.is_some()
    }

    /// The codes currently chosen in the open tag popup.
    pub fn tag_popup_coding(&self) -> Option<&Coding> {
        self.popup.as_ref().map(|(_, popup)| &popup.coding)
    }

    /// Screen rectangle (zero width, one row high) of the caret position before
    /// `offset`, as laid out in the last frame; `None` if that paragraph is not on screen.
    pub fn char_screen_rect(&self, offset: CharOffset) -> Option<Rect> {
        let geometry = self.geometry?;
        let paragraph = self.paragraphs.paragraph_of(offset);
        let range = self.paragraphs.paragraphs.get(paragraph)?.range;
        let top = self.layouts.cached_top(paragraph)?;
        let local = match self.layouts.cached(paragraph, &self.annotations) {
            Some(galley) => {
                galley.pos_from_cursor(CCursor::new(offset.0.saturating_sub(range.start.0)))
            }
            None if range.is_empty() => {
                Rect::from_min_size(Pos2::ZERO, vec2(0.0, self.layouts.height_of(paragraph)))
            }
            None => return None,
        };
        Some(local.translate(geometry.text_origin.to_vec2() + vec2(0.0, top)))
    }

    /// How many paragraphs were laid out in the last frame (cache misses).
    pub fn paragraphs_laid_out_last_frame(&self) -> usize {
        self.layouts.laid_out_this_frame
    }

    /// The selected annotation's view, with its position cached per revision.
    fn selected_view(&mut self, id: &AnnotationId) -> Option<AnnotationView> {
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
    fn prepare(&mut self, workspace: &Workspace, document: &DocumentId, text: &CanonicalText) {
        if self.document.as_ref() != Some(document) {
            *self = ReaderState {
                document: Some(document.clone()),
                paragraphs: ParagraphIndex::build(text),
                pending_reveal: self.pending_reveal.take(),
                reveal_frames_left: self.reveal_frames_left,
                ..Default::default()
            };
        }
        if !self.annotations_built || self.annotations.revision != workspace.project.revision {
            self.annotations = AnnotationIndex::build(workspace, document, &self.paragraphs);
            self.annotations_built = true;
        }
    }

    fn galley(
        &mut self,
        ctx: &egui::Context,
        paragraph: usize,
        text: &CanonicalText,
    ) -> Option<Arc<Galley>> {
        self.layouts
            .galley(ctx, paragraph, text, &self.paragraphs, &self.annotations)
    }

    /// The char offset at a point in text coordinates (x from the text's left edge, y from its top).
    fn offset_at(&mut self, ctx: &egui::Context, text: &CanonicalText, point: Pos2) -> CharOffset {
        if point.y < 0.0 {
            return CharOffset(0);
        }
        if point.y >= self.layouts.total_height_points() {
            return CharOffset(text.len_chars());
        }
        let paragraph = self.layouts.paragraph_at_y(point.y);
        let Some(range) = self.paragraphs.paragraphs.get(paragraph).map(|p| p.range) else {
            return CharOffset(text.len_chars());
        };
        let top = self.layouts.top_of(paragraph);
        match self.galley(ctx, paragraph, text) {
            Some(galley) => {
                let cursor = galley.cursor_from_pos(vec2(point.x, point.y - top));
                CharOffset((range.start.0 + cursor.index.0).min(range.end.0))
            }
            None => range.start,
        }
    }

    /// Is a text point over a glyph (not in the empty end of a row)? Returns its offset.
    fn glyph_at(
        &mut self,
        ctx: &egui::Context,
        text: &CanonicalText,
        point: Pos2,
    ) -> Option<CharOffset> {
        if point.y < 0.0 || point.y >= self.layouts.total_height_points() {
            return None;
        }
        let paragraph = self.layouts.paragraph_at_y(point.y);
        let range = self.paragraphs.paragraphs.get(paragraph)?.range;
        let top = self.layouts.top_of(paragraph);
        let galley = self.galley(ctx, paragraph, text)?;
        let local = vec2(point.x, point.y - top);
        let mut index = 0;
        for row in &galley.rows {
            let rect = row.rect();
            if local.y >= rect.min.y && local.y < rect.max.y {
                if local.x < rect.min.x || local.x > rect.max.x {
                    return None;
                }
                let column = row.char_at(local.x - row.pos.x).0;
                let column = column.min(row.char_count_excluding_newline().0.saturating_sub(1));
                return Some(CharOffset(range.start.0 + index + column));
            }
            index += row.char_count_including_newline().0;
        }
        None
    }

    /// Text-coordinate rectangle (zero width) at the caret position before `offset`.
    fn caret_rect(
        &mut self,
        ctx: &egui::Context,
        text: &CanonicalText,
        offset: CharOffset,
    ) -> Rect {
        let paragraph = self.paragraphs.paragraph_of(offset);
        let top = self.layouts.top_of(paragraph);
        let start = self
            .paragraphs
            .paragraphs
            .get(paragraph)
            .map_or(0, |p| p.range.start.0);
        match self.galley(ctx, paragraph, text) {
            Some(galley) => galley
                .pos_from_cursor(CCursor::new(offset.0.saturating_sub(start)))
                .translate(vec2(0.0, top)),
            None => {
                Rect::from_min_size(pos2(0.0, top), vec2(0.0, self.layouts.height_of(paragraph)))
            }
        }
    }

    /// Text-coordinate rectangles covering `range` within the visible paragraphs.
    fn range_rects(
        &mut self,
        ctx: &egui::Context,
        text: &CanonicalText,
        range: CharRange,
        visible: std::ops::Range<usize>,
    ) -> Vec<Rect> {
        let mut rects = Vec::new();
        if range.is_empty() {
            return rects;
        }
        let first = self.paragraphs.paragraph_of(range.start).max(visible.start);
        let last = self
            .paragraphs
            .paragraph_of(CharOffset(range.end.0.saturating_sub(1)))
            .min(visible.end.saturating_sub(1));
        for paragraph in first..=last {
            let Some(paragraph_range) = self.paragraphs.paragraphs.get(paragraph).map(|p| p.range)
            else {
                break;
            };
            let top = self.layouts.top_of(paragraph);
            let Some(galley) = self.galley(ctx, paragraph, text) else {
                continue;
            };
            let local_start = range.start.0.saturating_sub(paragraph_range.start.0);
            let local_end = range
                .end
                .0
                .min(paragraph_range.end.0)
                .saturating_sub(paragraph_range.start.0);
            for rect in row_rects(&galley, local_start, local_end) {
                rects.push(rect.translate(vec2(0.0, top)));
            }
        }
        rects
    }

    /// Ends of the word around `offset` (letters, digits, apostrophes and hyphens inside words).
    fn word_at(&self, text: &CanonicalText, offset: CharOffset) -> CharRange {
        let paragraph = self.paragraphs.paragraph_of(offset);
        let Some(range) = self.paragraphs.paragraphs.get(paragraph).map(|p| p.range) else {
            return CharRange::new(offset.0, offset.0);
        };
        let chars: Vec<char> = text.slice_clamped(range).chars().collect();
        let is_word =
            |c: char| c.is_alphanumeric() || c == '\'' || c == '’' || c == '-' || c == '_';
        let local = offset.0.saturating_sub(range.start.0).min(chars.len());
        if chars.get(local).is_none_or(|c| !is_word(*c)) {
            return CharRange::new(offset.0, (offset.0 + 1).min(range.end.0));
        }
        let mut start = local;
        while start > 0 && is_word(chars[start - 1]) {
            start -= 1;
        }
        let mut end = local;
        while end < chars.len() && is_word(chars[end]) {
            end += 1;
        }
        CharRange::new(range.start.0 + start, range.start.0 + end)
    }
}

/// Rectangles (galley coordinates) of chars `[start, end)` of a one-paragraph galley, one per row.
fn row_rects(galley: &Galley, start: usize, end: usize) -> Vec<Rect> {
    let mut rects = Vec::new();
    let mut index = 0;
    for row in &galley.rows {
        let count = row.char_count_excluding_newline().0;
        let (row_start, row_end) = (index, index + count);
        let (from, to) = (start.max(row_start), end.min(row_end));
        if from < to {
            let x0 = row.pos.x + row.x_offset(egui::epaint::text::CharIndex(from - row_start));
            let x1 = row.pos.x + row.x_offset(egui::epaint::text::CharIndex(to - row_start));
            rects.push(Rect::from_min_max(
                pos2(x0, row.min_y()),
                pos2(x1, row.max_y()),
            ));
        }
        index += row.char_count_including_newline().0;
    }
    rects
}

/// Shows the document and returns what the user asked for.
pub fn reader_ui(
    ui: &mut egui::Ui,
    state: &mut ReaderState,
    workspace: &Workspace,
    document: &DocumentId,
    settings: &ReaderSettings,
    selected: Option<&AnnotationId>,
) -> Vec<Intent> {
    let mut intents = Vec::new();
    let Some(loaded) = workspace.text(document) else {
        ui.centered_and_justified(|ui| {
            ui.label(RichText::new("The text of this document is not loaded.").weak());
        });
        return intents;
    };
    let text = &loaded.text;
    state.prepare(workspace, document, text);
    let ctx = ui.ctx().clone();

    let font_size_points = settings.font_size_points.clamp(8.0, 48.0);
    let lanes = state.annotations.lane_count.min(MAX_LANES);
    let lanes_width = LANE_OFFSET_POINTS + lanes as f32 * (LANE_WIDTH_POINTS + LANE_GAP_POINTS);
    let scrollbar_points = ui.spacing().scroll.allocated_width();
    let room =
        ui.available_width() - scrollbar_points - 2.0 * SIDE_MARGIN_POINTS - 2.0 * lanes_width;
    let wrap_width_points = (font_size_points * MEASURE_EMS)
        .min(room)
        .max(font_size_points * 8.0)
        .round();
    let params = LayoutParams {
        wrap_width_points,
        font_size_points,
        dark_mode: settings.dark_mode,
        pixels_per_point: ctx.pixels_per_point(),
        codebook_colors_hash: codebook_colors_hash(&workspace.project.codebook),
    };
    state
        .layouts
        .begin_frame(&ctx, params, text, &state.paragraphs);

    let reader_id = ui.scope_id().with("gloss-reader");
    if state.find_bar.open {
        find_bar_ui(ui, reader_id.with("find-bar"), state, document, text);
    }
    state.update_find(document, text);
    let mut scroll_area = egui::ScrollArea::vertical()
        .id_salt(("gloss-reader-scroll", document.as_str()))
        .auto_shrink(false);
    if let Some(range) = state.pending_reveal.take() {
        let first_reveal_frame = state.reveal_frames_left == REVEAL_FRAMES;
        state.reveal_frames_left = state.reveal_frames_left.saturating_sub(1);
        if state.reveal_frames_left > 0 {
            state.pending_reveal = Some(range);
            ctx.request_repaint();
        }
        let view_height = ui.available_height();
        let start_y = TOP_PADDING_POINTS + state.caret_rect(&ctx, text, range.start).min.y;
        let end_y = TOP_PADDING_POINTS + state.caret_rect(&ctx, text, range.end).max.y;
        let top = state.last_scroll_offset_points;
        let visible = start_y >= top && end_y <= top + view_height;
        if !visible || state.geometry.is_none() || !first_reveal_frame {
            let offset = if end_y - start_y < view_height * 0.6 {
                start_y - view_height * 0.3
            } else {
                start_y - font_size_points * 3.0
            };
            let content_height =
                TOP_PADDING_POINTS + state.layouts.total_height_points() + BOTTOM_PADDING_POINTS;
            let max_offset = (content_height - view_height).max(0.0);
            scroll_area = scroll_area.vertical_scroll_offset(offset.clamp(0.0, max_offset));
        }
        state.scroll_correction_points = 0.0;
    } else if state.scroll_correction_points != 0.0 {
        let content_height =
            TOP_PADDING_POINTS + state.layouts.total_height_points() + BOTTOM_PADDING_POINTS;
        let max_offset = (content_height - ui.available_height()).max(0.0);
        scroll_area = scroll_area.vertical_scroll_offset(
            (state.last_scroll_offset_points + state.scroll_correction_points)
                .clamp(0.0, max_offset),
        );
        state.scroll_correction_points = 0.0;
    }

    let output = scroll_area.show_viewport(ui, |ui, viewport| {
        text_ui(
            ui,
            viewport,
            reader_id,
            state,
            workspace,
            document,
            text,
            &params,
            selected,
            &mut intents,
        );
    });
    state.last_scroll_offset_points = output.state.clamped_offset().y;
    if state.find_bar.open {
        let content_height =
            TOP_PADDING_POINTS + state.layouts.total_height_points() + BOTTOM_PADDING_POINTS;
        find_ticks_ui(
            ui,
            state,
            output.inner_rect,
            content_height,
            settings.dark_mode,
        );
    }

    popup_ui(
        &ctx,
        reader_id,
        state,
        workspace,
        document,
        text,
        &mut intents,
    );
    intents
}

#[expect(clippy::too_many_arguments)]
fn text_ui(
    ui: &mut egui::Ui,
    viewport: Rect,
    reader_id: Id,
    state: &mut ReaderState,
    workspace: &Workspace,
    document: &DocumentId,
    text: &CanonicalText,
    params: &LayoutParams,
    selected: Option<&AnnotationId>,
    intents: &mut Vec<Intent>,
) {
    let ctx = ui.ctx().clone();
    let content_rect = ui.max_rect();
    let lanes = state.annotations.lane_count.min(MAX_LANES);
    let lanes_width = LANE_OFFSET_POINTS + lanes as f32 * (LANE_WIDTH_POINTS + LANE_GAP_POINTS);
    let free = content_rect.width() - params.wrap_width_points;
    let text_left = content_rect.left() + (free / 2.0).max(lanes_width + SIDE_MARGIN_POINTS);

    // Lay out the visible paragraphs; keep the paragraph in the middle of the view
    // where it was even if paragraphs above it turned out taller than estimated.
    let view_top = viewport.min.y - TOP_PADDING_POINTS;
    let view_bottom = viewport.max.y - TOP_PADDING_POINTS;
    let anchor = state.layouts.paragraph_at_y((view_top + view_bottom) / 2.0);
    let anchor_top_before = state.layouts.top_of(anchor);
    let mut shift = 0.0;
    let mut visible = 0..0;
    for _ in 0..4 {
        visible = state
            .layouts
            .paragraphs_in(view_top + shift, view_bottom + shift);
        for paragraph in visible.clone() {
            state.galley(&ctx, paragraph, text);
        }
        let new_shift = state.layouts.top_of(anchor) - anchor_top_before;
        let again = state
            .layouts
            .paragraphs_in(view_top + new_shift, view_bottom + new_shift);
        let settled = again == visible && new_shift == shift;
        shift = new_shift;
        if settled {
            break;
        }
    }
    if state.pending_reveal.is_none() && shift != 0.0 && anchor > 0 {
        state.scroll_correction_points = shift;
    } else {
        shift = 0.0;
    }

    let total_height = state.layouts.total_height_points();
    let text_top = content_rect.top() + TOP_PADDING_POINTS - shift;
    let text_origin = pos2(text_left, text_top);
    let full_rect = Rect::from_min_size(
        content_rect.min,
        vec2(
            content_rect.width(),
            TOP_PADDING_POINTS + total_height + BOTTOM_PADDING_POINTS,
        ),
    );
    ui.allocate_rect(full_rect, Sense::hover());
    let clip = ui.clip_rect();
    let response = ui.interact(
        clip.intersect(full_rect),
        reader_id,
        Sense::click_and_drag(),
    );
    state.geometry = Some(Geometry { text_origin, clip });
    ctx.accesskit_node_builder(reader_id, |node| {
        node.set_role(egui::accesskit::Role::Document);
        node.set_label(
            workspace
                .document(document)
                .map_or("Document", |d| d.title()),
        );
    });
    let to_text = |pos: Pos2| pos2(pos.x - text_origin.x, pos.y - text_origin.y);
    let to_screen = |rect: Rect| rect.translate(text_origin.to_vec2());

    // Paint the find hits behind the text, then the paragraphs and their margin bars.
    let painter = ui.painter_at(clip);
    find_marks_ui(
        &painter,
        state,
        &ctx,
        text,
        visible.clone(),
        text_origin,
        params,
    );
    let fallback_color = params.text_color();
    for paragraph in visible.clone() {
        let top = state.layouts.top_of(paragraph);
        let height = state.layouts.height_of(paragraph);
        let Some(range) = state.paragraphs.paragraphs.get(paragraph).map(|p| p.range) else {
            continue;
        };
        let galley = state.galley(&ctx, paragraph, text);
        let paragraph_rect = Rect::from_min_size(
            pos2(text_left, text_top + top),
            vec2(params.wrap_width_points, height),
        );
        if let Some(galley) = &galley {
            painter.galley(paragraph_rect.min, galley.clone(), fallback_color);
            margin_bars_ui(&painter, state, paragraph, galley, paragraph_rect, params);
            let paragraph_id = reader_id.with(("paragraph", paragraph));
            ui.interact(paragraph_rect, paragraph_id, Sense::hover());
            ctx.accesskit_node_builder(paragraph_id, |node| {
                node.set_role(egui::accesskit::Role::Paragraph);
                node.set_label(text.slice_clamped(range));
            });
        } else {
            margin_bars_empty_ui(&painter, state, paragraph, paragraph_rect);
        }
    }

    // The selected annotation: outline and resize handles.
    let selected_view = selected.and_then(|id| state.selected_view(id));
    let mut handles: Vec<(Pos2, CharOffset, CharOffset)> = Vec::new();
    let preview_range = match (&state.drag, state.selection) {
        (DragMode::Resizing { fixed, .. }, Some(selection)) => Some(CharRange {
            start: (*fixed).min(selection.caret),
            end: (*fixed).max(selection.caret),
        }),
        _ => None,
    };
    if let Some(annotation) = &selected_view {
        let range = preview_range.unwrap_or(annotation.range);
        let color = outline_color(annotation.main_color(), params.dark_mode);
        let rects = state.range_rects(&ctx, text, range, visible.clone());
        for rect in &rects {
            painter.rect_stroke(
                to_screen(*rect).expand2(vec2(1.5, 0.0)),
                2.0,
                Stroke::new(1.5, color),
                StrokeKind::Outside,
            );
        }
        if preview_range.is_none() {
            let start_paragraph = state.paragraphs.paragraph_of(range.start);
            let end_paragraph = state.paragraphs.paragraph_of(range.end);
            if visible.contains(&start_paragraph) {
                let rect = to_screen(state.caret_rect(&ctx, text, range.start));
                handle_ui(&painter, rect, true, color);
                handles.push((rect.left_top(), range.start, range.end));
            }
            if visible.contains(&end_paragraph) {
                let rect = to_screen(state.caret_rect(&ctx, text, range.end));
                handle_ui(&painter, rect, false, color);
                handles.push((rect.left_bottom(), range.end, range.start));
            }
        }
    }

    // The text selection and caret.
    let has_focus = response.has_focus();
    if let Some(selection) = state.selection
        && preview_range.is_none()
    {
        let range = selection.range();
        let selection_color = if params.dark_mode {
            Color32::from_rgba_unmultiplied(120, 160, 255, 70)
        } else {
            Color32::from_rgba_unmultiplied(60, 110, 230, 55)
        };
        for rect in state.range_rects(&ctx, text, range, visible.clone()) {
            painter.rect_filled(to_screen(rect), 0.0, selection_color);
        }
        if has_focus && state.popup.is_none() {
            let caret = to_screen(state.caret_rect(&ctx, text, selection.caret));
            let inset = (caret.height() - params.font_size_points * 1.25).max(0.0) / 2.0;
            painter.line_segment(
                [
                    caret.center_top() + vec2(0.0, inset),
                    caret.center_bottom() - vec2(0.0, inset),
                ],
                Stroke::new(1.5, fallback_color),
            );
        }
    }

    // Pointer: hover, click, drag.
    let pointer = ctx.input(|input| input.pointer.latest_pos());
    let near_handle = |pos: Pos2| {
        handles
            .iter()
            .find(|(handle, _, _)| handle.distance(pos) <= HANDLE_GRAB_POINTS)
            .cloned()
    };
    if let Some(pos) = pointer
        && response.contains_pointer()
    {
        if near_handle(pos).is_some() {
            ctx.set_cursor_icon(CursorIcon::ResizeHorizontal);
        } else if pos.x >= text_left && pos.x <= text_left + params.wrap_width_points {
            ctx.set_cursor_icon(CursorIcon::Text);
        }
    }

    if response.drag_started_by(egui::PointerButton::Primary) {
        let origin = ctx
            .input(|input| input.pointer.press_origin())
            .or(pointer)
            .unwrap_or(text_origin);
        state.popup = None;
        if let (Some((_, moving, fixed)), Some(annotation)) = (near_handle(origin), &selected_view)
        {
            state.drag = DragMode::Resizing {
                id: annotation.id.clone(),
                fixed,
            };
            state.selection = Some(TextSelection {
                anchor: fixed,
                caret: moving,
            });
        } else {
            let offset = state.offset_at(&ctx, text, to_text(origin));
            state.drag = DragMode::Selecting;
            state.selection = Some(TextSelection::caret_at(offset));
        }
        response.request_focus();
    }
    if response.dragged_by(egui::PointerButton::Primary)
        && let Some(pos) = pointer
        && state.drag != DragMode::None
    {
        let offset = state.offset_at(&ctx, text, to_text(pos));
        if let Some(selection) = &mut state.selection {
            selection.caret = offset;
        }
        // Scroll while dragging beyond the top or bottom edge.
        let edge = params.line_height_points();
        if pos.y < clip.top() + edge {
            ui.scroll_with_delta(vec2(0.0, (clip.top() + edge - pos.y).min(40.0)));
            ctx.request_repaint();
        } else if pos.y > clip.bottom() - edge {
            ui.scroll_with_delta(vec2(0.0, -(pos.y - clip.bottom() + edge).min(40.0)));
            ctx.request_repaint();
        }
    }
    if response.drag_stopped() {
        match std::mem::take(&mut state.drag) {
            DragMode::Selecting => {
                state.open_tag_popup();
            }
            DragMode::Resizing { id, fixed } => {
                if let Some(selection) = state.selection.take() {
                    let range = CharRange {
                        start: fixed.min(selection.caret),
                        end: fixed.max(selection.caret),
                    };
                    let unchanged = state
                        .annotations
                        .position(&id)
                        .map(|index| state.annotations.annotations[index].range)
                        == Some(range);
                    if !range.is_empty() && !unchanged {
                        intents.push(Intent::ResizeAnnotation { id, range });
                    }
                }
            }
            DragMode::None => {}
        }
    }
    if response.double_clicked()
        && let Some(pos) = pointer
    {
        let offset = state.offset_at(&ctx, text, to_text(pos));
        let word = state.word_at(text, offset);
        state.selection = Some(TextSelection {
            anchor: word.start,
            caret: word.end,
        });
        state.open_tag_popup();
    } else if response.clicked_by(egui::PointerButton::Primary)
        && let Some(pos) = pointer
    {
        response.request_focus();
        state.popup = None;
        let shift_held = ctx.input(|input| input.modifiers.shift);
        let offset = state.offset_at(&ctx, text, to_text(pos));
        match (shift_held, state.selection) {
            (true, Some(selection)) => {
                state.selection = Some(TextSelection {
                    anchor: selection.anchor,
                    caret: offset,
                });
            }
            _ => {
                state.selection = Some(TextSelection::caret_at(offset));
                let under = state
                    .glyph_at(&ctx, text, to_text(pos))
                    .map(|glyph| annotations_at(&state.annotations, &state.paragraphs, glyph))
                    .unwrap_or_default();
                if under.is_empty() {
                    if selected.is_some() {
                        intents.push(Intent::ClearSelection);
                    }
                } else {
                    // Clicking again cycles through overlapping annotations.
                    let next = selected
                        .and_then(|id| under.iter().position(|a| a == id))
                        .map_or(0, |position| (position + 1) % under.len());
                    intents.push(Intent::SelectAnnotation(under[next].clone()));
                }
            }
        }
    }
    if response.secondary_clicked()
        && let Some(pos) = pointer
    {
        state.context_annotation = state.glyph_at(&ctx, text, to_text(pos)).and_then(|glyph| {
            annotations_at(&state.annotations, &state.paragraphs, glyph)
                .into_iter()
                .next()
        });
    }
    response.context_menu(|ui| {
        context_menu_ui(ui, state, workspace, text, intents);
    });

    // Hover tooltip with the passage's codes.
    if state.drag == DragMode::None
        && state.popup.is_none()
        && let Some(pos) = pointer
        && response.contains_pointer()
        && let Some(glyph) = state.glyph_at(&ctx, text, to_text(pos))
    {
        let under = annotations_at(&state.annotations, &state.paragraphs, glyph);
        if !under.is_empty() {
            response.clone().on_hover_ui_at_pointer(|ui| {
                annotation_tooltip_ui(ui, workspace, &under);
            });
        }
    }

    // Keyboard.
    if response.has_focus() {
        ctx.memory_mut(|memory| {
            memory.set_focus_lock_filter(
                reader_id,
                EventFilter {
                    horizontal_arrows: true,
                    vertical_arrows: true,
                    tab: false,
                    escape: false,
                },
            );
        });
        if state.popup.is_none() {
            keyboard_ui(ui, state, text, selected, viewport, intents);
        }
    }
    if state.focus_reader && state.popup.is_none() {
        response.request_focus();
        state.focus_reader = false;
    }
    // Keep the tops current so `char_screen_rect` works between frames.
    state.layouts.tops_points();
}

/// Label of the find bar's text box (also its accessible name).
pub const FIND_LABEL: &str = "Find in document";

/// The find bar's hit counter: "3 of 17", "17 matches", "No matches".
fn find_counter_text(hit_count: usize, current: Option<usize>) -> String {
    match (hit_count, current) {
        (0, _) => "No matches".to_string(),
        (count, Some(index)) => format!("{} of {count}", index + 1),
        (1, None) => "1 match".to_string(),
        (count, None) => format!("{count} matches"),
    }
}

/// The slim bar at the top of the reader: text box, hit counter, previous/next, close.
fn find_bar_ui(
    ui: &mut egui::Ui,
    bar_id: Id,
    state: &mut ReaderState,
    document: &DocumentId,
    text: &CanonicalText,
) {
    let box_id = bar_id.with("query");
    let mut step = None;
    let mut close = false;
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        ui.add_space(SIDE_MARGIN_POINTS);
        if state.find_bar.focus_box {
            state.find_bar.focus_box = false;
            ui.memory_mut(|memory| memory.request_focus(box_id));
            if let Some(mut edit_state) = egui::TextEdit::load_state(ui.ctx(), box_id) {
                let all = egui::text::CCursorRange::two(
                    CCursor::new(0),
                    CCursor::new(state.find_bar.query.chars().count()),
                );
                edit_state.cursor.set_char_range(Some(all));
                edit_state.store(ui.ctx(), box_id);
            }
        }
        if ui.memory(|memory| memory.has_focus(box_id)) {
            ui.input_mut(|input| {
                if input.consume_key(Modifiers::SHIFT, Key::Enter)
                    || input.consume_key(Modifiers::SHIFT, Key::F3)
                {
                    step = Some(false);
                } else if input.consume_key(Modifiers::NONE, Key::Enter)
                    || input.consume_key(Modifiers::NONE, Key::F3)
                {
                    step = Some(true);
                }
            });
        }
        if state.find_bar.box_had_focus
            && ui.input_mut(|input| input.consume_key(Modifiers::NONE, Key::Escape))
        {
            close = true;
        }
        let response = ui.add(
            egui::TextEdit::singleline(&mut state.find_bar.query)
                .id(box_id)
                .hint_text(FIND_LABEL)
                .desired_width(260.0),
        );
        ui.ctx()
            .accesskit_node_builder(box_id, |node| node.set_label(FIND_LABEL));
        state.find_bar.box_had_focus = response.has_focus();
        if response.changed() {
            // The hits are recomputed below, before the text is drawn.
            state.find_bar.pending_step = None;
        }
        let searched_now = state
            .find_bar
            .searched
            .as_ref()
            .is_some_and(|(query, _)| *query == state.find_bar.query);
        let counter = if state.find_bar.query.trim().is_empty() || !searched_now {
            String::new()
        } else if let Some(error) = &state.find_bar.error {
            error.clone()
        } else {
            find_counter_text(
                state.find_bar.find.hits().len(),
                state.find_bar.find.current_hit().map(|(index, _)| index),
            )
        };
        ui.label(RichText::new(counter).weak());
        if ui
            .button("Previous")
            .on_hover_text("Previous match (Shift+Enter, Shift+F3)")
            .clicked()
        {
            step = Some(false);
        }
        if ui
            .button("Next")
            .on_hover_text("Next match (Enter, F3)")
            .clicked()
        {
            step = Some(true);
        }
        if ui.button("Close").on_hover_text("Close (Escape)").clicked() {
            close = true;
        }
    });
    ui.add_space(2.0);
    ui.separator();
    if close {
        state.close_find();
        return;
    }
    if let Some(forward) = step {
        state.update_find(document, text);
        state.find_step(forward);
        ui.memory_mut(|memory| memory.request_focus(box_id));
    }
}

/// Fills behind every hit in the visible paragraphs; the current hit stands out.
fn find_marks_ui(
    painter: &egui::Painter,
    state: &mut ReaderState,
    ctx: &egui::Context,
    text: &CanonicalText,
    visible: std::ops::Range<usize>,
    text_origin: Pos2,
    params: &LayoutParams,
) {
    if !state.find_bar.open || state.find_bar.find.hits().is_empty() || visible.is_empty() {
        return;
    }
    let (Some(first), Some(last)) = (
        state.paragraphs.paragraphs.get(visible.start),
        state.paragraphs.paragraphs.get(visible.end - 1),
    ) else {
        return;
    };
    let (visible_start, visible_end) = (first.range.start, last.range.end);
    let hits = state.find_bar.find.hits();
    let from = hits.partition_point(|hit| hit.range.end <= visible_start);
    let ranges: Vec<CharRange> = hits[from..]
        .iter()
        .take_while(|hit| hit.range.start < visible_end)
        .map(|hit| hit.range)
        .collect();
    let current = state.find_bar.find.current_hit().map(|(_, range)| range);
    let (fill, current_fill, current_stroke) = if params.dark_mode {
        (
            Color32::from_rgba_unmultiplied(235, 195, 50, 110),
            Color32::from_rgba_unmultiplied(255, 150, 30, 170),
            Color32::from_rgb(255, 190, 80),
        )
    } else {
        (
            Color32::from_rgba_unmultiplied(255, 220, 60, 130),
            Color32::from_rgba_unmultiplied(255, 150, 20, 190),
            Color32::from_rgb(200, 100, 0),
        )
    };
    for range in ranges {
        let is_current = current == Some(range);
        for rect in state.range_rects(ctx, text, range, visible.clone()) {
            let rect = rect
                .translate(text_origin.to_vec2())
                .expand2(vec2(1.0, 0.0));
            if is_current {
                painter.rect_filled(rect, 2.0, current_fill);
                painter.rect_stroke(
                    rect,
                    2.0,
                    Stroke::new(1.5, current_stroke),
                    StrokeKind::Outside,
                );
            } else {
                painter.rect_filled(rect, 2.0, fill);
            }
        }
    }
}

/// Ticks on the right edge of the reader where the hits are (by paragraph top).
fn find_ticks_ui(
    ui: &egui::Ui,
    state: &mut ReaderState,
    view: Rect,
    content_height_points: f32,
    dark_mode: bool,
) {
    if state.find_bar.find.hits().is_empty() || content_height_points <= 0.0 {
        return;
    }
    let painter = ui.painter_at(view);
    let width = ui.spacing().scroll.bar_width.max(4.0);
    let x_range = egui::Rangef::new(view.right() - width, view.right());
    let (color, current_color) = if dark_mode {
        (
            Color32::from_rgb(200, 170, 40),
            Color32::from_rgb(255, 160, 50),
        )
    } else {
        (
            Color32::from_rgb(225, 180, 0),
            Color32::from_rgb(210, 100, 0),
        )
    };
    let y_of = |state: &mut ReaderState, offset: CharOffset| {
        let paragraph = state.paragraphs.paragraph_of(offset);
        let top = TOP_PADDING_POINTS + state.layouts.top_of(paragraph);
        view.top() + (top / content_height_points).clamp(0.0, 1.0) * view.height()
    };
    let starts: Vec<CharOffset> = state
        .find_bar
        .find
        .hits()
        .iter()
        .map(|hit| hit.range.start)
        .collect();
    let mut last_pixel_row = None;
    for start in starts {
        let y = y_of(state, start);
        let row = y.round() as i64;
        if last_pixel_row == Some(row) {
            continue;
        }
        last_pixel_row = Some(row);
        painter.rect_filled(
            Rect::from_x_y_ranges(x_range, egui::Rangef::new(y - 1.0, y + 1.0)),
            0.0,
            color,
        );
    }
    if let Some((_, range)) = state.find_bar.find.current_hit() {
        let y = y_of(state, range.start);
        painter.rect_filled(
            Rect::from_x_y_ranges(x_range, egui::Rangef::new(y - 1.5, y + 1.5)),
            0.0,
            current_color,
        );
    }
}

/// Annotation ids covering a char, shortest first.
fn annotations_at(
    annotations: &AnnotationIndex,
    paragraphs: &ParagraphIndex,
    offset: CharOffset,
) -> Vec<AnnotationId> {
    annotations
        .at_offset(paragraphs.paragraph_of(offset), offset)
        .into_iter()
        .map(|annotation| annotation.id.clone())
        .collect()
}

fn outline_color(color: Color32, dark_mode: bool) -> Color32 {
    if dark_mode {
        color
            .gamma_multiply(1.0)
            .lerp_to_gamma(Color32::WHITE, 0.25)
    } else {
        color.lerp_to_gamma(Color32::BLACK, 0.25)
    }
}

fn lane_x(text_left: f32, lane: usize) -> f32 {
    text_left
        - LANE_OFFSET_POINTS
        - lane.min(MAX_LANES - 1) as f32 * (LANE_WIDTH_POINTS + LANE_GAP_POINTS)
}

/// Bars in the left margin for the annotations overlapping a laid-out paragraph.
fn margin_bars_ui(
    painter: &egui::Painter,
    state: &ReaderState,
    paragraph: usize,
    galley: &Galley,
    paragraph_rect: Rect,
    params: &LayoutParams,
) {
    let list = state.annotations.in_paragraph(paragraph);
    let Some(range) = state.paragraphs.paragraphs.get(paragraph).map(|p| p.range) else {
        return;
    };
    for &index in list {
        let annotation = &state.annotations.annotations[index as usize];
        let y0 = if annotation.range.start > range.start {
            galley
                .pos_from_cursor(CCursor::new(annotation.range.start.0 - range.start.0))
                .min
                .y
        } else {
            0.0
        };
        let y1 = if annotation.range.end < range.end {
            galley
                .pos_from_cursor(CCursor::new(annotation.range.end.0 - range.start.0))
                .max
                .y
        } else {
            paragraph_rect.height()
        };
        let x = lane_x(paragraph_rect.left(), annotation.lane);
        let inset = params.line_height_points() * 0.12;
        let top_inset = if annotation.range.start >= range.start {
            inset
        } else {
            0.0
        };
        let bottom_inset = if annotation.range.end <= range.end {
            inset
        } else {
            0.0
        };
        let bar = Rect::from_min_max(
            pos2(x - LANE_WIDTH_POINTS, paragraph_rect.top() + y0 + top_inset),
            pos2(x, paragraph_rect.top() + y1 - bottom_inset),
        );
        painter.rect_filled(bar, 1.0, annotation.main_color());
    }
}

/// Bars through an empty paragraph (a blank line inside a long annotation).
fn margin_bars_empty_ui(
    painter: &egui::Painter,
    state: &ReaderState,
    paragraph: usize,
    paragraph_rect: Rect,
) {
    let list = state.annotations.in_paragraph(paragraph);
    for &index in list {
        let annotation: &AnnotationView = &state.annotations.annotations[index as usize];
        let x = lane_x(paragraph_rect.left(), annotation.lane);
        let bar = Rect::from_min_max(
            pos2(x - LANE_WIDTH_POINTS, paragraph_rect.top()),
            pos2(x, paragraph_rect.bottom()),
        );
        painter.rect_filled(bar, 0.0, annotation.main_color());
    }
}

/// A resize handle: a bar along the caret and a knob at its outer end.
fn handle_ui(painter: &egui::Painter, caret: Rect, at_start: bool, color: Color32) {
    painter.line_segment(
        [caret.center_top(), caret.center_bottom()],
        Stroke::new(2.0, color),
    );
    let knob = if at_start {
        caret.center_top()
    } else {
        caret.center_bottom()
    };
    painter.circle(knob, 4.0, color, Stroke::new(1.5, Color32::WHITE));
}

fn annotation_tooltip_ui(ui: &mut egui::Ui, workspace: &Workspace, ids: &[AnnotationId]) {
    let codebook = &workspace.project.codebook;
    ui.set_max_width(360.0);
    for (index, id) in ids.iter().enumerate() {
        let Some(annotation) = workspace.annotation(id) else {
            continue;
        };
        if index > 0 {
            ui.separator();
        }
        for topic in &annotation.topics {
            ui.horizontal(|ui| {
                let color = codebook.topic(topic).map_or(Color32::GRAY, |t| {
                    crate::app::reader_index::to_color32(t.color)
                });
                let (rect, _) = ui.allocate_exact_size(Vec2::splat(10.0), Sense::hover());
                ui.painter().rect_filled(rect, 2.0, color);
                ui.label(codebook.topic_name(topic));
            });
        }
        if annotation.topics.is_empty() {
            ui.label(RichText::new("No topic").weak());
        }
        let stance = annotation.stance.as_ref().map(|s| {
            let color = codebook.stance(s).map_or(Color32::GRAY, |s| {
                crate::app::reader_index::to_color32(s.color)
            });
            (codebook.stance_name(s).to_string(), color)
        });
        let holder = annotation.holder.as_ref().map(|a| codebook.actor_name(a));
        let target = annotation.target.as_ref().map(|a| codebook.actor_name(a));
        if stance.is_some() || holder.is_some() || target.is_some() {
            ui.horizontal_wrapped(|ui| {
                if let Some((name, color)) = stance {
                    ui.label(RichText::new(name).color(color).strong());
                }
                if holder.is_some() || target.is_some() {
                    ui.label(format!(
                        "{} → {}",
                        holder.unwrap_or("?"),
                        target.unwrap_or("?")
                    ));
                }
            });
        }
        if !annotation.memo.is_empty() {
            ui.label(RichText::new(&annotation.memo).italics());
        }
    }
}

fn context_menu_ui(
    ui: &mut egui::Ui,
    state: &mut ReaderState,
    workspace: &Workspace,
    text: &CanonicalText,
    intents: &mut Vec<Intent>,
) {
    if let Some(range) = state.selection() {
        if ui.button("Code selection…").clicked() {
            state.open_tag_popup();
            ui.close();
        }
        if ui.button("Copy").clicked() {
            ui.ctx().copy_text(text.slice_clamped(range).to_string());
            ui.close();
        }
    }
    if let Some(id) = state.context_annotation.clone()
        && let Some(annotation) = workspace.annotation(&id)
    {
        if ui.button("Edit codes…").clicked() {
            let coding = annotation.coding();
            intents.push(Intent::SelectAnnotation(id.clone()));
            state.popup = Some((PopupTarget::Edit(id.clone()), TagPopupState::new(coding)));
            ui.close();
        }
        if ui.button("Delete annotation").clicked() {
            intents.push(Intent::DeleteAnnotation(id));
            ui.close();
        }
    }
    if state.selection().is_none() && state.context_annotation.is_none() {
        ui.label(RichText::new("Select text to code it").weak());
    }
}

/// Caret movement, Shift+arrows selection, Enter to code, Escape, copy.
fn keyboard_ui(
    ui: &mut egui::Ui,
    state: &mut ReaderState,
    text: &CanonicalText,
    selected: Option<&AnnotationId>,
    viewport: Rect,
    intents: &mut Vec<Intent>,
) {
    let ctx = ui.ctx().clone();
    // Take the keys the reader handles out of the input, so that nothing else
    // (e.g. the tag popup opened by Enter in this very frame) sees them again.
    let mut taken = Vec::new();
    ctx.input_mut(|input| {
        input.events.retain(|event| match event {
            Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } if is_reader_key(*key, *modifiers) => {
                taken.push(event.clone());
                false
            }
            Event::Copy => {
                taken.push(Event::Copy);
                false
            }
            _ => true,
        });
    });
    for event in taken {
        match event {
            Event::Key { key, modifiers, .. } => {
                key_ui(ui, state, text, selected, viewport, key, modifiers, intents);
            }
            Event::Copy => {
                if let Some(range) = state.selection() {
                    ctx.copy_text(text.slice_clamped(range).to_string());
                }
            }
            _ => {}
        }
    }
}

/// Keys the focused reader acts on (Ctrl+PageUp/PageDown stay the app's).
fn is_reader_key(key: Key, modifiers: Modifiers) -> bool {
    if modifiers.command && matches!(key, Key::PageUp | Key::PageDown) {
        return false;
    }
    matches!(
        key,
        Key::ArrowLeft
            | Key::ArrowRight
            | Key::ArrowUp
            | Key::ArrowDown
            | Key::Home
            | Key::End
            | Key::PageUp
            | Key::PageDown
            | Key::Enter
            | Key::Escape
    )
}

#[expect(clippy::too_many_arguments)]
fn key_ui(
    ui: &mut egui::Ui,
    state: &mut ReaderState,
    text: &CanonicalText,
    selected: Option<&AnnotationId>,
    viewport: Rect,
    key: Key,
    modifiers: Modifiers,
    intents: &mut Vec<Intent>,
) {
    let ctx = ui.ctx().clone();
    let len = text.len_chars();
    let caret = state.selection.map_or(CharOffset(0), |s| s.caret);
    let by_word = modifiers.command || modifiers.alt;
    let moved = match key {
        Key::ArrowLeft if by_word => Some(word_boundary(text, caret, false)),
        Key::ArrowRight if by_word => Some(word_boundary(text, caret, true)),
        Key::ArrowLeft => Some(CharOffset(caret.0.saturating_sub(1))),
        Key::ArrowRight => Some(CharOffset((caret.0 + 1).min(len))),
        Key::ArrowUp | Key::ArrowDown => {
            let rect = state.caret_rect(&ctx, text, caret);
            let y = if key == Key::ArrowUp {
                rect.min.y - 1.0
            } else {
                rect.max.y + 1.0
            };
            Some(state.offset_at(&ctx, text, pos2(rect.center().x, y)))
        }
        Key::Home => {
            let rect = state.caret_rect(&ctx, text, caret);
            Some(state.offset_at(&ctx, text, pos2(0.0, rect.center().y)))
        }
        Key::End => {
            let rect = state.caret_rect(&ctx, text, caret);
            Some(state.offset_at(&ctx, text, pos2(f32::MAX / 4.0, rect.center().y)))
        }
        Key::PageUp | Key::PageDown => {
            let step = viewport.height() * 0.9;
            ui.scroll_with_delta(vec2(0.0, if key == Key::PageUp { step } else { -step }));
            None
        }
        Key::Enter => {
            state.open_tag_popup();
            None
        }
        Key::Escape => {
            if state.selection().is_some() {
                state.selection = state.selection.map(|s| TextSelection::caret_at(s.caret));
            } else if selected.is_some() {
                intents.push(Intent::ClearSelection);
            }
            None
        }
        _ => None,
    };
    if let Some(offset) = moved {
        state.selection = Some(match (modifiers.shift, state.selection) {
            (true, Some(selection)) => TextSelection {
                anchor: selection.anchor,
                caret: offset,
            },
            (true, None) => TextSelection {
                anchor: caret,
                caret: offset,
            },
            _ => TextSelection::caret_at(offset),
        });
        // Keep the caret on screen.
        if let Some(geometry) = state.geometry {
            let rect = state
                .caret_rect(&ctx, text, offset)
                .translate(geometry.text_origin.to_vec2());
            if rect.min.y < geometry.clip.min.y || rect.max.y > geometry.clip.max.y {
                ui.scroll_to_rect(rect.expand(24.0), None);
            }
        }
    }
}

/// The next (or previous) word boundary from `offset`.
fn word_boundary(text: &CanonicalText, offset: CharOffset, forward: bool) -> CharOffset {
    const WINDOW_CHARS: usize = 200;
    if forward {
        let after = text.context_after(offset, WINDOW_CHARS);
        let mut seen_word = false;
        for (count, c) in after.chars().enumerate() {
            if c.is_alphanumeric() {
                seen_word = true;
            } else if seen_word {
                return CharOffset(offset.0 + count);
            }
        }
        CharOffset(offset.0 + after.chars().count())
    } else {
        let before: Vec<char> = text.context_before(offset, WINDOW_CHARS).chars().collect();
        let mut seen_word = false;
        for (count, c) in before.iter().rev().enumerate() {
            if c.is_alphanumeric() {
                seen_word = true;
            } else if seen_word {
                return CharOffset(offset.0 - count);
            }
        }
        CharOffset(offset.0 - before.len())
    }
}

/// Shows the open tag popup near the selection and turns its outcome into intents.
fn popup_ui(
    ctx: &egui::Context,
    reader_id: Id,
    state: &mut ReaderState,
    workspace: &Workspace,
    document: &DocumentId,
    text: &CanonicalText,
    intents: &mut Vec<Intent>,
) {
    let Some((target, _)) = &state.popup else {
        return;
    };
    let range = match target {
        PopupTarget::NewPassage(range) => Some(*range),
        PopupTarget::Edit(id) => workspace.annotation(id).map(|a| a.range()),
    };
    let Some(range) = range else {
        state.popup = None;
        return;
    };
    let clip = state.geometry.map_or(ctx.content_rect(), |g| g.clip);
    let anchor = state
        .char_screen_rect(range.end)
        .map_or(clip.center_top(), |rect| {
            rect.left_bottom() + vec2(0.0, 6.0)
        });
    let anchor = pos2(
        anchor.x.clamp(clip.left(), clip.right()),
        anchor.y.clamp(clip.top(), clip.bottom()),
    );
    let quote = text.slice_clamped(range);
    let mut heading: String = quote.chars().take(60).collect();
    if quote.chars().nth(60).is_some() {
        heading.push('…');
    }
    let heading = format!("“{}”", heading.replace('\n', " "));
    let Some((target, popup)) = &mut state.popup else {
        return;
    };
    let outcome = tag_popup_ui(
        ctx,
        reader_id.with("tag-popup"),
        popup,
        &workspace.project.codebook,
        &heading,
        anchor,
    );
    match outcome {
        TagPopupOutcome::Open => {}
        TagPopupOutcome::Cancelled => {
            state.popup = None;
            state.focus_reader = true;
        }
        TagPopupOutcome::Confirmed(coding) => {
            match target {
                PopupTarget::NewPassage(range) => intents.push(Intent::CreateAnnotation {
                    document: document.clone(),
                    range: *range,
                    coding,
                }),
                PopupTarget::Edit(id) => {
                    if let Some(annotation) = workspace.annotation(id) {
                        let edited = annotation
                            .clone()
                            .with_coding(coding, &crate::model::now_timestamp());
                        intents.push(Intent::UpdateAnnotation(Box::new(edited)));
                    }
                }
            }
            state.popup = None;
            state.selection = state
                .selection
                .map(|s| TextSelection::caret_at(s.range().end));
            state.focus_reader = true;
        }
    }
}
