//! Find in document (Ctrl+F): the slim find bar at the top of the reader, its
//! hits (plain, diacritic- and script-insensitive, from the model's search),
//! the marks behind the hits in the text and the ticks on the right edge. The
//! hits of a corpus search opened in the reader are marked the same way.

use crate::app::reader::frame::{Placement, SIDE_MARGIN_POINTS, TOP_PADDING_POINTS, TextFrame};
use crate::app::reader::state::ReaderState;
use crate::app::theme;
use crate::model::ids::DocumentId;
use crate::model::search::SearchQuery;
use crate::model::text::{CanonicalText, CharOffset, CharRange};
use egui::epaint::text::cursor::CCursor;
use egui::{Id, Key, Modifiers, Painter, Rangef, Rect, RichText, Stroke, StrokeKind, vec2};

/// Label of the find bar's text box (also its accessible name).
pub const FIND_LABEL: &str = "Find in document";

impl ReaderState {
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

    /// Marks the hits of a corpus search in this document, `current`
    /// emphasised, and reveals it (the find bar's own hits take over while it is open).
    pub fn mark_search_hits(&mut self, mut hits: Vec<CharRange>, current: CharRange) {
        hits.sort_by_key(|range| (range.start, range.end));
        hits.dedup();
        self.search_marks.hits = hits;
        self.search_marks.current = Some(current);
        self.reveal(current);
    }

    /// The corpus-search hits marked in the reader and the emphasised one.
    pub fn search_marks(&self) -> (&[CharRange], Option<CharRange>) {
        (&self.search_marks.hits, self.search_marks.current)
    }

    /// The current hit of the find bar and its position (0-based).
    pub fn find_current(&self) -> Option<(usize, CharRange)> {
        self.find_bar.find.current_hit()
    }

    /// Moves to the next (or previous) hit from the caret and reveals it; before
    /// the hits of a new query are known, remembers the step for when they are.
    fn find_step(&mut self, forward: bool) {
        if !self.find_bar.open {
            self.open_find();
        }
        if self.find_bar.searched.as_ref().map(|(q, _)| q) != Some(&self.find_bar.query) {
            self.find_bar.pending_step = Some(forward);
            return;
        }
        let from = self.caret().unwrap_or(CharOffset(0));
        self.reveal_hit_from(from, forward);
    }

    /// Makes the next (or previous) hit from `from` the current one and reveals it.
    fn reveal_hit_from(&mut self, from: CharOffset, forward: bool) {
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
    pub(super) fn update_find(&mut self, document: &DocumentId, text: &CanonicalText) {
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
        let forward = bar.pending_step.take().unwrap_or(true);
        let from = self.first_visible_offset();
        self.reveal_hit_from(from, forward);
    }

    /// The first char of the paragraph at the top of the view.
    fn first_visible_offset(&mut self) -> CharOffset {
        let top = (self.last_scroll_offset_points - TOP_PADDING_POINTS).max(0.0);
        let paragraph = self.layouts.paragraph_at_y(top);
        self.paragraphs
            .range_of(paragraph)
            .map_or(CharOffset(0), |range| range.start)
    }

    /// The find bar's counter: empty before a search, else the error or the hit count.
    fn find_counter(&self) -> String {
        let bar = &self.find_bar;
        let searched_now = bar
            .searched
            .as_ref()
            .is_some_and(|(query, _)| *query == bar.query);
        if bar.query.trim().is_empty() || !searched_now {
            String::new()
        } else if let Some(error) = &bar.error {
            error.clone()
        } else {
            find_counter_text(
                bar.find.hits().len(),
                bar.find.current_hit().map(|(index, _)| index),
            )
        }
    }
}

/// The find bar's hit counter: "3 of 17", "17 matches", "No matches".
fn find_counter_text(hit_count: usize, current: Option<usize>) -> String {
    match (hit_count, current) {
        (0, _) => "No matches".to_owned(),
        (count, Some(index)) => format!("{} of {count}", index + 1),
        (1, None) => "1 match".to_owned(),
        (count, None) => format!("{count} matches"),
    }
}

/// What the find bar was asked to do this frame.
#[derive(Default)]
struct FindBarRequest {
    /// Go to the next (true) or previous (false) hit.
    step: Option<bool>,
    close: bool,
}

/// The slim bar at the top of the reader: text box, hit counter, previous/next, close.
pub(super) fn find_bar_ui(
    ui: &mut egui::Ui,
    bar_id: Id,
    state: &mut ReaderState,
    document: &DocumentId,
    text: &CanonicalText,
) {
    let box_id = bar_id.with("query");
    let mut request = FindBarRequest::default();
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        ui.add_space(SIDE_MARGIN_POINTS);
        find_box_ui(ui, box_id, state, &mut request);
        ui.label(RichText::new(state.find_counter()).weak());
        if ui
            .button("Previous")
            .on_hover_text("Previous match (Shift+Enter, Shift+F3)")
            .clicked()
        {
            request.step = Some(false);
        }
        if ui
            .button("Next")
            .on_hover_text("Next match (Enter, F3)")
            .clicked()
        {
            request.step = Some(true);
        }
        if ui.button("Close").on_hover_text("Close (Escape)").clicked() {
            request.close = true;
        }
    });
    ui.add_space(2.0);
    ui.separator();
    if request.close {
        state.close_find();
        return;
    }
    if let Some(forward) = request.step {
        state.update_find(document, text);
        state.find_step(forward);
        ui.memory_mut(|memory| memory.request_focus(box_id));
    }
}

/// The query box and its keys: Enter/F3 next, Shift+Enter/Shift+F3 previous, Escape closes.
fn find_box_ui(
    ui: &mut egui::Ui,
    box_id: Id,
    state: &mut ReaderState,
    request: &mut FindBarRequest,
) {
    let bar = &mut state.find_bar;
    if bar.focus_box {
        bar.focus_box = false;
        ui.memory_mut(|memory| memory.request_focus(box_id));
        if let Some(mut edit_state) = egui::TextEdit::load_state(ui.ctx(), box_id) {
            let all = egui::text::CCursorRange::two(
                CCursor::new(0),
                CCursor::new(bar.query.chars().count()),
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
                request.step = Some(false);
            } else if input.consume_key(Modifiers::NONE, Key::Enter)
                || input.consume_key(Modifiers::NONE, Key::F3)
            {
                request.step = Some(true);
            }
        });
    }
    if bar.box_had_focus && ui.input_mut(|input| input.consume_key(Modifiers::NONE, Key::Escape)) {
        request.close = true;
    }
    let response = ui.add(
        egui::TextEdit::singleline(&mut bar.query)
            .id(box_id)
            .hint_text(FIND_LABEL)
            .desired_width(260.0),
    );
    ui.ctx()
        .accesskit_node_builder(box_id, |node| node.set_label(FIND_LABEL));
    bar.box_had_focus = response.has_focus();
    if response.changed() {
        // The hits are recomputed before the text is drawn.
        bar.pending_step = None;
    }
}

/// Fills behind every hit in the visible paragraphs (the find bar's while it
/// is open, else the corpus search's); the current hit stands out.
pub(super) fn find_marks_ui(
    painter: &Painter,
    state: &mut ReaderState,
    frame: &TextFrame<'_>,
    placement: &Placement,
) {
    let visible = placement.visible.clone();
    if visible.is_empty() {
        return;
    }
    let (Some(first), Some(last)) = (
        state.paragraphs.range_of(visible.start),
        state.paragraphs.range_of(visible.end - 1),
    ) else {
        return;
    };
    let (visible_start, visible_end) = (first.start, last.end);
    let in_view = |hits: &mut dyn Iterator<Item = CharRange>| -> Vec<CharRange> {
        hits.skip_while(|range| range.end <= visible_start)
            .take_while(|range| range.start < visible_end)
            .collect()
    };
    let (ranges, current) = if state.find_bar.open {
        let hits = state.find_bar.find.hits();
        let from = hits.partition_point(|hit| hit.range.end <= visible_start);
        (
            in_view(&mut hits[from..].iter().map(|hit| hit.range)),
            state.find_bar.find.current_hit().map(|(_, range)| range),
        )
    } else {
        let marks = &state.search_marks;
        let from = marks
            .hits
            .partition_point(|range| range.end <= visible_start);
        (
            in_view(&mut marks.hits[from..].iter().copied()),
            marks.current,
        )
    };
    let dark_mode = frame.params.dark_mode;
    for range in ranges {
        let is_current = current == Some(range);
        for rect in state.range_rects(&frame.ctx, frame.text, range, visible.clone()) {
            let rect = placement.to_screen(rect).expand2(vec2(1.0, 0.0));
            if is_current {
                painter.rect_filled(rect, 2.0, theme::find_current_fill(dark_mode));
                painter.rect_stroke(
                    rect,
                    2.0,
                    Stroke::new(1.5, theme::find_current_outline(dark_mode)),
                    StrokeKind::Outside,
                );
            } else {
                painter.rect_filled(rect, 2.0, theme::find_hit_fill(dark_mode));
            }
        }
    }
}

/// Ticks on the right edge of the reader where the hits are (by paragraph top).
pub(super) fn find_ticks_ui(
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
    let x_range = Rangef::new(view.right() - width, view.right());
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
            Rect::from_x_y_ranges(x_range, Rangef::new(y - 1.0, y + 1.0)),
            0.0,
            theme::find_hit_tick(dark_mode),
        );
    }
    if let Some((_, range)) = state.find_bar.find.current_hit() {
        let y = y_of(state, range.start);
        painter.rect_filled(
            Rect::from_x_y_ranges(x_range, Rangef::new(y - 1.5, y + 1.5)),
            0.0,
            theme::find_current_tick(dark_mode),
        );
    }
}
