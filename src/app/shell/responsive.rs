//! The layout's state and how the window shares its width (pure: widths in,
//! a plan out): which views are docked ([`DockLayout`], kept in the window
//! preferences), which drawer is open, where the parts were drawn. The reader
//! has priority: it always keeps at least [`READER_MIN_POINTS`] (a readable
//! measure). The side panels have minimum and maximum widths; when the window
//! is too narrow for both at their chosen widths they shrink towards their
//! minimums, and below that the inspector, then the left panel, become drawers
//! (a toggle in the drawer bar opens them over the reader until Escape or a
//! click outside). With the default widths: both panels docked from about
//! 840 points, the inspector a drawer below that, both drawers below about 600.
//! The docked views go beside the reader when both keep their minimum, else
//! below it.

use egui::Rect;

/// The narrowest the reading area gets while a side panel is docked.
pub(super) const READER_MIN_POINTS: f32 = 380.0;
/// Room the reading area's own margins take beside the reader.
const CENTRAL_MARGIN_POINTS: f32 = 16.0;
/// Room the reader uses at most at the usual reading size (its measure and
/// margins): what is left beside it goes to a docked pane of no chosen width.
const READER_IDEAL_POINTS: f32 = 760.0;
/// The narrowest a docked view beside the reader gets; below, it goes under the reader.
pub(super) const DOCK_BESIDE_MIN_POINTS: f32 = 340.0;

/// The widths a side panel may have.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct PanelWidths {
    /// Never narrower (below, the panel becomes a drawer).
    pub(super) min_points: f32,
    /// The width of a new window.
    pub(super) default_points: f32,
    /// Never wider, however far its edge is dragged.
    pub(super) max_points: f32,
}

impl PanelWidths {
    /// `points` kept inside the panel's range.
    pub(super) fn clamp(&self, points: f32) -> f32 {
        if points.is_finite() {
            points.clamp(self.min_points, self.max_points)
        } else {
            self.default_points
        }
    }
}

/// The left panel: documents, codebook, search.
pub(super) const LEFT_PANEL: PanelWidths = PanelWidths {
    min_points: 200.0,
    default_points: 280.0,
    max_points: 420.0,
};

/// The right panel: inspector and the document's annotations.
pub(super) const RIGHT_PANEL: PanelWidths = PanelWidths {
    min_points: 240.0,
    default_points: 300.0,
    max_points: 460.0,
};

/// Where a side panel goes this frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum PanelPlacement {
    /// Hidden by the user (View menu).
    Hidden,
    /// Beside the reader, this wide.
    Docked {
        /// Its width this frame (the chosen width, or less when the window is narrow).
        width_points: f32,
    },
    /// Too little room: a drawer toggled over the reader.
    Drawer,
}

/// Where the docked views go this frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum DockPlacement {
    /// Nothing docked.
    Closed,
    /// To the right of the reader, this wide.
    Beside {
        /// Its width this frame.
        width_points: f32,
    },
    /// Under the reader (the window is too narrow for both side by side).
    Below,
}

/// What the user chose: which panels show and how wide.
#[derive(Clone, Copy, Debug)]
pub(super) struct LayoutWishes {
    pub(super) window_width_points: f32,
    pub(super) show_left: bool,
    pub(super) show_right: bool,
    pub(super) left_width_points: f32,
    pub(super) right_width_points: f32,
    pub(super) dock_open: bool,
    /// The docked pane's width the user dragged to (`None`: as wide as the reader can spare).
    pub(super) dock_width_points: Option<f32>,
}

/// The layout of one frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct LayoutPlan {
    pub(super) left: PanelPlacement,
    pub(super) right: PanelPlacement,
    pub(super) dock: DockPlacement,
}

impl LayoutPlan {
    /// Is any panel a drawer (the drawer bar shows)?
    pub(super) fn has_drawers(&self) -> bool {
        self.left == PanelPlacement::Drawer || self.right == PanelPlacement::Drawer
    }
}

/// Shares the window's width between the panels, the reader and the docked views.
pub(super) fn plan_layout(wishes: &LayoutWishes) -> LayoutPlan {
    let room = wishes.window_width_points - READER_MIN_POINTS - CENTRAL_MARGIN_POINTS;
    let left = LEFT_PANEL.clamp(wishes.left_width_points);
    let right = RIGHT_PANEL.clamp(wishes.right_width_points);
    let (left, right) = match (wishes.show_left, wishes.show_right) {
        (false, false) => (PanelPlacement::Hidden, PanelPlacement::Hidden),
        (true, false) => (alone(left, LEFT_PANEL, room), PanelPlacement::Hidden),
        (false, true) => (PanelPlacement::Hidden, alone(right, RIGHT_PANEL, room)),
        (true, true) => both(left, right, room),
    };
    let docked_width = [left, right]
        .iter()
        .map(|placement| match placement {
            PanelPlacement::Docked { width_points } => *width_points,
            _ => 0.0,
        })
        .sum::<f32>();
    let central = wishes.window_width_points - docked_width - CENTRAL_MARGIN_POINTS;
    let dock = if !wishes.dock_open {
        DockPlacement::Closed
    } else if central - READER_MIN_POINTS >= DOCK_BESIDE_MIN_POINTS {
        let spare = central - READER_IDEAL_POINTS;
        let width_points = wishes
            .dock_width_points
            .filter(|width| width.is_finite())
            .unwrap_or(spare)
            .clamp(DOCK_BESIDE_MIN_POINTS, central - READER_MIN_POINTS);
        DockPlacement::Beside { width_points }
    } else {
        DockPlacement::Below
    };
    LayoutPlan { left, right, dock }
}

/// One panel beside the reader: docked if its minimum fits, narrowed to the room.
fn alone(width: f32, range: PanelWidths, room: f32) -> PanelPlacement {
    if range.min_points <= room {
        PanelPlacement::Docked {
            width_points: width.min(room),
        }
    } else {
        PanelPlacement::Drawer
    }
}

/// Both panels: at their widths, or both narrowed in proportion to what they
/// may give up, or the inspector as a drawer (then the left panel alone).
fn both(left: f32, right: f32, room: f32) -> (PanelPlacement, PanelPlacement) {
    if left + right <= room {
        return (
            PanelPlacement::Docked { width_points: left },
            PanelPlacement::Docked {
                width_points: right,
            },
        );
    }
    let minimums = LEFT_PANEL.min_points + RIGHT_PANEL.min_points;
    if minimums <= room {
        let spare_left = left - LEFT_PANEL.min_points;
        let spare_right = right - RIGHT_PANEL.min_points;
        let keep = (room - minimums) / (spare_left + spare_right).max(f32::EPSILON);
        return (
            PanelPlacement::Docked {
                width_points: LEFT_PANEL.min_points + spare_left * keep,
            },
            PanelPlacement::Docked {
                width_points: RIGHT_PANEL.min_points + spare_right * keep,
            },
        );
    }
    (alone(left, LEFT_PANEL, room), PanelPlacement::Drawer)
}

/// A side panel shown as a drawer over the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Drawer {
    /// Documents, codebook, search.
    Left,
    /// Inspector and the document's annotations.
    Right,
}

/// Where the parts of the window were drawn in the last frame (tests check
/// that nothing overlaps the reader).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LayoutRects {
    /// The reading area (below its banners and find bar).
    pub reader: Option<Rect>,
    /// The left panel, docked or as a drawer.
    pub left: Option<Rect>,
    /// The right panel, docked or as a drawer.
    pub right: Option<Rect>,
    /// The pane of docked views.
    pub dock: Option<Rect>,
    /// Is the left panel a drawer (over the reader while open)?
    pub left_is_drawer: bool,
    /// Is the right panel a drawer?
    pub right_is_drawer: bool,
}

/// A view that can dock beside the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum DockView {
    /// Coded passages: retrieval with filters, and export (Ctrl+Shift+R).
    CodedPassages,
    /// The corpus search's keyword-in-context results.
    SearchResults,
    /// Analysis tables with drill-down to the coded passages (Ctrl+Shift+A).
    Analysis,
    /// Two coders side by side on one document (Ctrl+Shift+D).
    CompareCoders,
    /// Intercoder agreement and the disagreement walk-through (Ctrl+Shift+K).
    Agreement,
    /// The merge conflicts the project records, to resolve.
    Conflicts,
}

impl DockView {
    /// The tab's title.
    pub fn title(self) -> &'static str {
        match self {
            Self::CodedPassages => "Coded passages",
            Self::SearchResults => "Search results",
            Self::Analysis => "Analysis",
            Self::CompareCoders => "Compare coders",
            Self::Agreement => "Agreement",
            Self::Conflicts => "Merge conflicts",
        }
    }
}

/// Which views are docked, which one shows, and how big the pane is.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct DockLayout {
    /// The open tabs, in the order they were opened.
    pub open: Vec<DockView>,
    /// The tab shown (one of `open`).
    pub active: Option<DockView>,
    /// Width of the pane beside the reader, once its edge was dragged (until
    /// then it takes what the reader's measure leaves).
    pub width_points: Option<f32>,
    /// Share of the reading area's height the pane takes when under the reader.
    pub height_fraction: f32,
}

impl Default for DockLayout {
    fn default() -> Self {
        Self {
            open: Vec::new(),
            active: None,
            width_points: None,
            height_fraction: 0.45,
        }
    }
}

impl DockLayout {
    /// Opens `view` as a tab (once) and shows it.
    pub fn open(&mut self, view: DockView) {
        if !self.open.contains(&view) {
            self.open.push(view);
        }
        self.active = Some(view);
    }

    /// Closes the tab of `view`; the last other tab shows.
    pub fn close(&mut self, view: DockView) {
        self.open.retain(|open| *open != view);
        if self.active == Some(view) || self.active.is_none() {
            self.active = self.open.last().copied();
        }
    }

    /// Is any view docked?
    pub fn is_open(&self) -> bool {
        !self.open.is_empty()
    }

    /// The tab shown (the first open one if the remembered one was closed).
    pub fn shown(&self) -> Option<DockView> {
        self.active
            .filter(|view| self.open.contains(view))
            .or_else(|| self.open.first().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wishes(window_width_points: f32) -> LayoutWishes {
        LayoutWishes {
            window_width_points,
            show_left: true,
            show_right: true,
            left_width_points: LEFT_PANEL.default_points,
            right_width_points: RIGHT_PANEL.default_points,
            dock_open: false,
            dock_width_points: Some(480.0),
        }
    }

    fn docked_width(placement: PanelPlacement) -> f32 {
        match placement {
            PanelPlacement::Docked { width_points } => width_points,
            _ => 0.0,
        }
    }

    /// Whatever the width and choices, the reader keeps its minimum beside docked panels.
    #[test]
    fn the_reader_always_keeps_its_minimum() {
        for width in (500..=2400).step_by(20) {
            for (show_left, show_right) in [(true, true), (true, false), (false, true)] {
                for dock_open in [false, true] {
                    let plan = plan_layout(&LayoutWishes {
                        show_left,
                        show_right,
                        dock_open,
                        left_width_points: 420.0,
                        right_width_points: 460.0,
                        ..wishes(width as f32)
                    });
                    let mut reader = width as f32
                        - docked_width(plan.left)
                        - docked_width(plan.right)
                        - CENTRAL_MARGIN_POINTS;
                    if let DockPlacement::Beside { width_points } = plan.dock {
                        reader -= width_points;
                    }
                    assert!(
                        reader >= READER_MIN_POINTS - 0.01,
                        "{width}: {plan:?} leaves {reader}"
                    );
                }
            }
        }
    }

    #[test]
    fn panels_narrow_then_become_drawers_as_the_window_narrows() {
        let wide = plan_layout(&wishes(1400.0));
        assert_eq!(docked_width(wide.left), LEFT_PANEL.default_points);
        assert_eq!(docked_width(wide.right), RIGHT_PANEL.default_points);
        let middle = plan_layout(&wishes(900.0));
        assert!(docked_width(middle.left) < LEFT_PANEL.default_points);
        assert!(docked_width(middle.right) >= RIGHT_PANEL.min_points);
        let small = plan_layout(&wishes(800.0));
        assert_eq!(small.right, PanelPlacement::Drawer);
        assert_eq!(docked_width(small.left), LEFT_PANEL.default_points);
        let tiny = plan_layout(&wishes(560.0));
        assert_eq!(tiny.left, PanelPlacement::Drawer);
        assert!(tiny.has_drawers());
    }

    #[test]
    fn docked_views_go_beside_the_reader_when_both_fit_else_below() {
        let open = |width| {
            plan_layout(&LayoutWishes {
                dock_open: true,
                ..wishes(width)
            })
            .dock
        };
        assert_eq!(open(1024.0), DockPlacement::Below);
        assert_eq!(
            open(1920.0),
            DockPlacement::Beside {
                width_points: 480.0
            }
        );
        assert!(
            matches!(open(1400.0), DockPlacement::Beside { width_points } if width_points >= DOCK_BESIDE_MIN_POINTS)
        );
        // With no width chosen, the pane takes what the reader's measure leaves.
        let auto = plan_layout(&LayoutWishes {
            dock_open: true,
            dock_width_points: None,
            ..wishes(1920.0)
        });
        assert_eq!(
            auto.dock,
            DockPlacement::Beside {
                width_points: 1920.0
                    - LEFT_PANEL.default_points
                    - RIGHT_PANEL.default_points
                    - CENTRAL_MARGIN_POINTS
                    - READER_IDEAL_POINTS
            }
        );
        assert_eq!(
            plan_layout(&wishes(1920.0)).dock,
            DockPlacement::Closed,
            "nothing docked"
        );
    }

    #[test]
    fn tabs_open_once_and_closing_shows_another() {
        let mut dock = DockLayout::default();
        assert!(!dock.is_open());
        dock.open(DockView::CodedPassages);
        dock.open(DockView::SearchResults);
        dock.open(DockView::CodedPassages);
        assert_eq!(dock.open.len(), 2);
        assert_eq!(dock.shown(), Some(DockView::CodedPassages));
        dock.close(DockView::CodedPassages);
        assert_eq!(dock.shown(), Some(DockView::SearchResults));
        dock.close(DockView::SearchResults);
        assert!(!dock.is_open());
        assert_eq!(dock.shown(), None);
    }
}
