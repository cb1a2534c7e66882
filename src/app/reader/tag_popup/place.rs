//! Where the tag popup goes: beside the passage it codes (below its last line,
//! else above it), always inside the window, never over the passage's last
//! line, with lists as tall as the room allows (the popup's size is then fixed:
//! it depends on the window and the passage, not on what is typed).

use egui::{Pos2, Rect, pos2};

/// Least space between the popup and the window's edge.
const WINDOW_MARGIN_POINTS: f32 = 8.0;
/// Space between the popup and the passage.
const GAP_POINTS: f32 = 6.0;
/// Height of the popup's lists (topics or search results) when there is room.
const BODY_MAX_POINTS: f32 = 280.0;
/// The lists never get lower than this (the popup then may cover the passage,
/// but not its last line, unless the window is lower than the popup).
const BODY_MIN_POINTS: f32 = 96.0;
/// Width of the popup when the window is wide enough.
const POPUP_WIDTH_POINTS: f32 = 380.0;

/// The passage's first and last line on screen, and the window.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PopupAnchor {
    /// The row of the passage's start (zero width is fine).
    pub(crate) first_line: Rect,
    /// The row of the passage's end.
    pub(crate) last_line: Rect,
    /// The whole window.
    pub(crate) window: Rect,
}

/// Where the popup goes and how tall its lists are.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Placement {
    /// The popup's top-left corner.
    pub(super) pos: Pos2,
    /// The popup's width (its frame included).
    pub(super) width: f32,
    /// Height of its lists.
    pub(super) body: f32,
}

/// Places a popup whose parts other than the lists are `chrome` points high.
pub(super) fn place(anchor: &PopupAnchor, chrome: f32) -> Placement {
    let window = anchor.window;
    let (top, bottom) = (
        window.top() + WINDOW_MARGIN_POINTS,
        window.bottom() - WINDOW_MARGIN_POINTS,
    );
    let full = chrome + BODY_MAX_POINTS;
    let below = anchor.last_line.bottom() + GAP_POINTS;
    let above_first = anchor.first_line.top() - GAP_POINTS;
    let above_last = anchor.last_line.top() - GAP_POINTS;
    let (y, body) = if bottom - below >= full {
        (below, BODY_MAX_POINTS)
    } else if above_first - top >= full {
        (above_first - full, BODY_MAX_POINTS)
    } else if above_last - top >= full {
        (above_last - full, BODY_MAX_POINTS)
    } else if bottom - below >= above_last - top {
        let body = (bottom - below - chrome).clamp(BODY_MIN_POINTS, BODY_MAX_POINTS);
        (below, body)
    } else {
        let body = (above_last - top - chrome).clamp(BODY_MIN_POINTS, BODY_MAX_POINTS);
        (above_last - chrome - body, body)
    };
    // A window lower than the popup: keep its top inside at least.
    let y = y.min(bottom - chrome - body).max(top);
    let width = POPUP_WIDTH_POINTS.min(window.width() - 2.0 * WINDOW_MARGIN_POINTS);
    let x = (anchor.last_line.left() - 24.0)
        .min(window.right() - WINDOW_MARGIN_POINTS - width)
        .max(window.left() + WINDOW_MARGIN_POINTS);
    Placement {
        pos: pos2(x, y),
        width,
        body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::vec2;

    fn row(x: f32, y: f32) -> Rect {
        Rect::from_min_size(pos2(x, y), vec2(0.0, 20.0))
    }

    fn window() -> Rect {
        Rect::from_min_size(Pos2::ZERO, vec2(800.0, 600.0))
    }

    fn inside(placement: &Placement, chrome: f32) -> Rect {
        Rect::from_min_size(
            placement.pos,
            vec2(placement.width, chrome + placement.body),
        )
    }

    #[test]
    fn below_the_last_line_when_there_is_room() {
        let anchor = PopupAnchor {
            first_line: row(100.0, 60.0),
            last_line: row(300.0, 80.0),
            window: window(),
        };
        let placed = place(&anchor, 150.0);
        assert_eq!(placed.pos.y, 106.0);
        assert_eq!(placed.body, BODY_MAX_POINTS);
        assert!(window().contains_rect(inside(&placed, 150.0)));
    }

    #[test]
    fn above_the_passage_in_the_lower_half_and_inside_the_window() {
        let anchor = PopupAnchor {
            first_line: row(100.0, 460.0),
            last_line: row(700.0, 480.0),
            window: window(),
        };
        let placed = place(&anchor, 150.0);
        let rect = inside(&placed, 150.0);
        assert!(window().contains_rect(rect), "{rect:?}");
        assert!(rect.bottom() <= 460.0 - GAP_POINTS);
    }

    #[test]
    fn a_low_window_shrinks_the_lists_but_spares_the_last_line() {
        let small = Rect::from_min_size(Pos2::ZERO, vec2(500.0, 500.0));
        let anchor = PopupAnchor {
            first_line: row(50.0, 100.0),
            last_line: row(50.0, 200.0),
            window: small,
        };
        let placed = place(&anchor, 150.0);
        let rect = inside(&placed, 150.0);
        assert!(small.contains_rect(rect), "{rect:?}");
        assert!(!rect.intersects(anchor.last_line.expand2(vec2(1.0, 0.0))));
        assert!(placed.body < BODY_MAX_POINTS);
    }
}
