//! The layout of the window: menu bar, status bar, the left panel
//! (documents, codebook, search), the right panel (inspector, annotation
//! list), the docked views (`dock.rs`), the reading area, and the overlays
//! (codebook deletion dialog, palette, windows). How the width is shared is
//! planned in `responsive.rs`: docked panels keep the width the user gave them
//! (their content never widens them), and panels that do not fit become
//! drawers opened from the drawer bar. Each panel gets what it reads and
//! returns intents.

use super::app::GlossApp;
use super::preferences::LeftTab;
use super::responsive::{
    DockPlacement, DockView, Drawer, LEFT_PANEL, LayoutPlan, LayoutRects, LayoutWishes,
    PanelPlacement, PanelWidths, RIGHT_PANEL, plan_layout,
};
use super::welcome::{BannerAction, banner_ui, loading_ui, problems_banner_ui, welcome_ui};
use super::windows::{drop_overlay_ui, fitted_window, windows_ui};
use crate::app::annotation_list::annotation_list_ui;
use crate::app::codebook_panel::{codebook_ui, deletion_dialog_ui};
use crate::app::coder_filter::{is_chosen, reader_coder_bar_ui};
use crate::app::commands::Command;
use crate::app::documents::documents_ui;
use crate::app::inspector::inspector_ui;
use crate::app::intent::Intent;
use crate::app::menus::{MenuContext, menu_bar_ui};
use crate::app::palette::palette_ui;
use crate::app::reader::{ReaderSettings, reader_ui};
use crate::app::review_panel::{REVIEW_TITLE, ReviewContext, review_count, review_ui};
use crate::app::search_panel::search_panel_ui;
use crate::app::session::Session;
use crate::app::status_bar::{StatusBarAction, StatusLine, status_bar_ui};
use crate::app::theme;
use egui::{Rect, RichText};

/// Label of the drawer bar's toggle for the left panel.
pub const LEFT_DRAWER_LABEL: &str = "Documents, codebook, search";
/// Label of the drawer bar's toggle for the inspector.
pub const RIGHT_DRAWER_LABEL: &str = "Inspector";

/// Draws `add_contents` in exactly the room `ui` has: content wider than the
/// panel is clipped instead of widening or shifting the panel (and the reader).
fn held_ui(ui: &mut egui::Ui, add_contents: impl FnOnce(&mut egui::Ui)) {
    let rect = ui.available_rect_before_wrap();
    let mut child = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(rect)
            .layout(egui::Layout::top_down(egui::Align::Min)),
    );
    child.shrink_clip_rect(rect);
    add_contents(&mut child);
    ui.allocate_rect(rect, egui::Sense::hover());
}

/// Which side panel a resize handle moves.
#[derive(Clone, Copy)]
enum Edge {
    /// The handle is on the panel's right edge (left panel).
    Right,
    /// The handle is on the panel's left edge (right panel, dock).
    Left,
}

/// A handle on a panel's inner edge that can be seen (on hover) and dragged;
/// returns the new width.
fn resize_handle_ui(
    ui: &egui::Ui,
    id: egui::Id,
    panel: Rect,
    edge: Edge,
    width_points: f32,
) -> f32 {
    let x = match edge {
        Edge::Right => panel.right(),
        Edge::Left => panel.left(),
    };
    let handle = Rect::from_x_y_ranges(x - 4.0..=x + 4.0, panel.y_range());
    let response = ui
        .interact(handle, id, egui::Sense::drag())
        .on_hover_cursor(egui::CursorIcon::ResizeHorizontal);
    if response.hovered() || response.dragged() {
        ui.painter()
            .vline(x, panel.y_range(), ui.visuals().widgets.active.fg_stroke);
    }
    let delta = response.drag_delta().x;
    match edge {
        Edge::Right => width_points + delta,
        Edge::Left => width_points - delta,
    }
}

/// The smallest and largest share of the reading area's height the pane
/// under the reader takes.
const DOCK_HEIGHT_FRACTIONS: (f32, f32) = (0.2, 0.8);

/// A handle on the top edge of the pane under the reader that can be seen (on
/// hover) and dragged; returns the new height.
fn height_handle_ui(ui: &egui::Ui, id: egui::Id, panel: Rect, height_points: f32) -> f32 {
    let y = panel.top();
    let handle = Rect::from_x_y_ranges(panel.x_range(), y - 4.0..=y + 4.0);
    let response = ui
        .interact(handle, id, egui::Sense::drag())
        .on_hover_cursor(egui::CursorIcon::ResizeVertical);
    if response.hovered() || response.dragged() {
        ui.painter()
            .hline(panel.x_range(), y, ui.visuals().widgets.active.fg_stroke);
    }
    height_points - response.drag_delta().y
}

impl GlossApp {
    /// The panels, the docked views and the reading area; returns their intents.
    pub(super) fn panels_ui(&mut self, ui: &mut egui::Ui) -> Vec<Intent> {
        let mut intents = Vec::new();
        egui::Panel::top("menu-bar").show(ui, |ui| {
            intents.extend(menu_bar_ui(ui, &self.menu_context()));
        });
        egui::Panel::bottom("status-bar").show(ui, |ui| {
            match status_bar_ui(ui, &self.status_line()) {
                Some(StatusBarAction::DismissNotice) => self.notice = None,
                Some(StatusBarAction::OpenReview) => {
                    intents.push(Intent::Command(Command::ReviewAnchors));
                }
                Some(StatusBarAction::OpenConflicts) => {
                    intents.push(Intent::Command(Command::MergeConflicts));
                }
                None => {}
            }
        });
        let plan = self.layout_plan(ui.ctx().content_rect().width());
        self.layout_rects = LayoutRects {
            left_is_drawer: plan.left == PanelPlacement::Drawer,
            right_is_drawer: plan.right == PanelPlacement::Drawer,
            ..Default::default()
        };
        // Ctrl+Shift+F or a saved search while the left panel is a drawer: open it.
        if plan.left == PanelPlacement::Drawer && self.search_panel.wants_focus() {
            self.drawer = Some(Drawer::Left);
            self.preferences.left_tab = LeftTab::Search;
        }
        if plan.has_drawers() {
            egui::Panel::top("drawer-bar").show(ui, |ui| self.drawer_bar_ui(ui, &plan));
        } else {
            self.drawer = None;
        }
        if let PanelPlacement::Docked { width_points } = plan.left {
            let response = egui::Panel::left("left-panel")
                .resizable(false)
                .exact_size(width_points)
                .show(ui, |ui| {
                    held_ui(ui, |ui| self.left_panel_ui(ui, &mut intents));
                });
            let rect = response.response.rect;
            self.layout_rects.left = Some(rect);
            let width = resize_handle_ui(
                ui,
                ui.scope_id().with("left-edge"),
                rect,
                Edge::Right,
                width_points,
            );
            self.set_panel_width(Drawer::Left, width, width_points);
        }
        if let PanelPlacement::Docked { width_points } = plan.right {
            let response = egui::Panel::right("right-panel")
                .resizable(false)
                .exact_size(width_points)
                .show(ui, |ui| {
                    held_ui(ui, |ui| self.right_panel_ui(ui, &mut intents));
                });
            let rect = response.response.rect;
            self.layout_rects.right = Some(rect);
            let width = resize_handle_ui(
                ui,
                ui.scope_id().with("right-edge"),
                rect,
                Edge::Left,
                width_points,
            );
            self.set_panel_width(Drawer::Right, width, width_points);
        }
        self.dock_pane_ui(ui, &plan, &mut intents);
        let reading_fill = theme::reading_background(ui.visuals().dark_mode);
        egui::CentralPanel::default_margins()
            .frame(egui::Frame::central_panel(ui.style()).fill(reading_fill))
            .show(ui, |ui| self.central_ui(ui, &mut intents));
        self.drawer_ui(ui, &mut intents);
        intents
    }

    /// This frame's plan from the window's width and the user's choices.
    fn layout_plan(&self, window_width_points: f32) -> LayoutPlan {
        let has_project = self.session.is_some();
        plan_layout(&LayoutWishes {
            window_width_points,
            show_left: self.preferences.show_left_panel && has_project,
            show_right: self.preferences.show_right_panel && has_project,
            left_width_points: self.preferences.left_width_points,
            right_width_points: self.preferences.right_width_points,
            dock_open: self.preferences.dock.is_open() && has_project,
            dock_width_points: self.preferences.dock.width_points,
        })
    }

    /// Keeps a width the user dragged to (within the panel's range).
    fn set_panel_width(&mut self, side: Drawer, dragged_to: f32, shown: f32) {
        if (dragged_to - shown).abs() < f32::EPSILON {
            return;
        }
        let (range, width): (PanelWidths, &mut f32) = match side {
            Drawer::Left => (LEFT_PANEL, &mut self.preferences.left_width_points),
            Drawer::Right => (RIGHT_PANEL, &mut self.preferences.right_width_points),
        };
        *width = range.clamp(dragged_to);
    }

    /// The pane of docked views, beside or under the reader.
    fn dock_pane_ui(&mut self, ui: &mut egui::Ui, plan: &LayoutPlan, intents: &mut Vec<Intent>) {
        let rect = match plan.dock {
            DockPlacement::Closed => return,
            DockPlacement::Beside { width_points } => {
                let response = egui::Panel::right("dock-pane")
                    .resizable(false)
                    .exact_size(width_points)
                    .show(ui, |ui| held_ui(ui, |ui| self.dock_ui(ui, intents)));
                let rect = response.response.rect;
                let width = resize_handle_ui(
                    ui,
                    ui.scope_id().with("dock-edge"),
                    rect,
                    Edge::Left,
                    width_points,
                );
                if (width - width_points).abs() >= f32::EPSILON {
                    self.preferences.dock.width_points = Some(width);
                }
                rect
            }
            DockPlacement::Below => {
                let room = ui.available_height().max(1.0);
                let fraction = self
                    .preferences
                    .dock
                    .height_fraction
                    .clamp(DOCK_HEIGHT_FRACTIONS.0, DOCK_HEIGHT_FRACTIONS.1);
                let height = (room * fraction).round();
                let response = egui::Panel::bottom("dock-pane")
                    .resizable(false)
                    .exact_size(height)
                    .show(ui, |ui| held_ui(ui, |ui| self.dock_ui(ui, intents)));
                let rect = response.response.rect;
                let dragged =
                    height_handle_ui(ui, ui.scope_id().with("dock-top-edge"), rect, height);
                if (dragged - height).abs() >= f32::EPSILON {
                    self.preferences.dock.height_fraction =
                        (dragged / room).clamp(DOCK_HEIGHT_FRACTIONS.0, DOCK_HEIGHT_FRACTIONS.1);
                }
                rect
            }
        };
        self.layout_rects.dock = Some(rect);
    }

    /// The bar with a toggle per drawer (shown when a panel does not fit).
    fn drawer_bar_ui(&mut self, ui: &mut egui::Ui, plan: &LayoutPlan) {
        ui.horizontal(|ui| {
            if plan.left == PanelPlacement::Drawer {
                let open = self.drawer == Some(Drawer::Left);
                if ui
                    .selectable_label(open, format!("☰ {LEFT_DRAWER_LABEL}"))
                    .on_hover_text("The window is narrow: this panel opens over the reader")
                    .clicked()
                {
                    self.drawer = (!open).then_some(Drawer::Left);
                }
            }
            if plan.right == PanelPlacement::Drawer {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let open = self.drawer == Some(Drawer::Right);
                    if ui
                        .selectable_label(open, format!("{RIGHT_DRAWER_LABEL} ☰"))
                        .on_hover_text("The window is narrow: this panel opens over the reader")
                        .clicked()
                    {
                        self.drawer = (!open).then_some(Drawer::Right);
                    }
                });
            }
        });
    }

    /// The open drawer over the reader, at its side; closes on a click outside
    /// (Escape closes it in `handle_dock_escape`) and after it opened a document.
    fn drawer_ui(&mut self, ui: &egui::Ui, intents: &mut Vec<Intent>) {
        let side = match self.drawer {
            Some(Drawer::Left) if self.layout_rects.left_is_drawer => Drawer::Left,
            Some(Drawer::Right) if self.layout_rects.right_is_drawer => Drawer::Right,
            _ => return,
        };
        let Some(reader_area) = self.central_rect else {
            return;
        };
        let (width, area_id) = match side {
            Drawer::Left => (self.preferences.left_width_points, "left-drawer"),
            Drawer::Right => (self.preferences.right_width_points, "right-drawer"),
        };
        let width = width.min(reader_area.width());
        let rect = match side {
            Drawer::Left => {
                Rect::from_min_size(reader_area.min, egui::vec2(width, reader_area.height()))
            }
            Drawer::Right => Rect::from_min_size(
                egui::pos2(reader_area.right() - width, reader_area.top()),
                egui::vec2(width, reader_area.height()),
            ),
        };
        let mut drawn = Vec::new();
        let response = egui::Area::new(egui::Id::unique(area_id))
            .order(egui::Order::Foreground)
            .fixed_pos(rect.min)
            .show(ui.ctx(), |ui| {
                egui::Frame::side_top_panel(ui.style())
                    .shadow(ui.visuals().popup_shadow)
                    .show(ui, |ui| {
                        let inner = rect.shrink2(egui::vec2(8.0, 2.0));
                        ui.set_min_size(inner.size());
                        ui.set_max_size(inner.size());
                        match side {
                            Drawer::Left => self.left_panel_ui(ui, &mut drawn),
                            Drawer::Right => self.right_panel_ui(ui, &mut drawn),
                        }
                    });
            })
            .response;
        match side {
            Drawer::Left => self.layout_rects.left = Some(response.rect),
            Drawer::Right => self.layout_rects.right = Some(response.rect),
        }
        let clicked_outside = ui.input(|input| {
            input.pointer.any_pressed()
                && input
                    .pointer
                    .interact_pos()
                    .is_some_and(|at| !response.rect.contains(at) && reader_area.contains(at))
        });
        let opened_document = drawn
            .iter()
            .any(|intent| matches!(intent, Intent::OpenDocument { .. }));
        if clicked_outside || opened_document {
            self.drawer = None;
        }
        intents.extend(drawn);
    }

    /// What draws over the panels: the codebook's deletion dialog, the palette,
    /// the review window, the other windows, the drop overlay.
    pub(super) fn overlays_ui(&mut self, ctx: &egui::Context) -> Vec<Intent> {
        let mut intents = Vec::new();
        if let Some(session) = &self.session {
            intents.extend(deletion_dialog_ui(
                ctx,
                &mut self.codebook_panel,
                &session.workspace,
            ));
        }
        let workspace = self.session.as_ref().map(|s| &s.workspace);
        intents.extend(palette_ui(
            ctx,
            &mut self.palette,
            workspace,
            self.search_panel.saved_searches(),
        ));
        if self.windows.review
            && let Some(session) = &self.session
        {
            let reader_selection = self
                .current_document
                .as_ref()
                .zip(self.reader_state.selection());
            let context = ReviewContext {
                workspace: &session.workspace,
                reader_selection,
                read_only: session.is_read_only(),
            };
            fitted_window(ctx, REVIEW_TITLE, [640.0, 480.0])
                .open(&mut self.windows.review)
                .show(ctx, |ui| intents.extend(review_ui(ui, &context)));
        }
        windows_ui(ctx, &mut self.windows, self.session.as_ref());
        drop_overlay_ui(ctx);
        intents
    }

    fn menu_context(&self) -> MenuContext<'_> {
        let history = self.workspace().map(|w| &w.history);
        MenuContext {
            undo_label: history.and_then(|h| h.undo_label()),
            redo_label: history.and_then(|h| h.redo_label()),
            has_project: self.session.is_some(),
            has_selection: self.selected.is_some(),
            can_edit: self.can_edit(),
            recent_projects: &self.recent_projects,
            theme: self.preferences.theme,
            show_left_panel: self.preferences.show_left_panel,
            show_right_panel: self.preferences.show_right_panel,
            has_problems: self
                .session
                .as_ref()
                .is_some_and(|s| !s.skipped.is_empty() || !s.missing.is_empty()),
        }
    }

    fn status_line(&self) -> StatusLine<'_> {
        let workspace = self.workspace();
        let document = self.current_document.as_ref();
        StatusLine {
            document_title: document
                .and_then(|d| workspace.and_then(|w| w.document(d)))
                .map(|d| d.title()),
            document_chars: document
                .and_then(|d| workspace.and_then(|w| w.text(d)))
                .map(|t| t.text.len_chars()),
            document_annotations: document
                .and_then(|d| workspace.map(|w| w.project.annotations_of(d).count())),
            save_state: self.session.as_ref().map(Session::save_state),
            to_review: workspace.map_or(0, review_count),
            conflicts: workspace.map_or(0, |w| w.project.conflicts.len()),
            notice: self.notice.as_ref(),
            now: self.clock.now(),
        }
    }

    /// The tabs, then the documents, the codebook or the search.
    fn left_panel_ui(&mut self, ui: &mut egui::Ui, intents: &mut Vec<Intent>) {
        ui.add_space(6.0);
        // The tabs wrap in a narrow panel rather than running out of it.
        ui.horizontal_wrapped(|ui| {
            let tab = &mut self.preferences.left_tab;
            ui.selectable_value(tab, LeftTab::Documents, "Documents");
            ui.selectable_value(tab, LeftTab::Codebook, "Codebook");
            ui.selectable_value(tab, LeftTab::Search, "Search");
        });
        ui.separator();
        let Some(session) = &self.session else {
            ui.label(RichText::new("No project open.").weak());
            return;
        };
        let workspace = &session.workspace;
        intents.extend(match self.preferences.left_tab {
            LeftTab::Documents => documents_ui(
                ui,
                &mut self.documents_panel,
                workspace,
                self.current_document.as_ref(),
            ),
            LeftTab::Codebook => codebook_ui(ui, &mut self.codebook_panel, workspace),
            LeftTab::Search => search_panel_ui(ui, &mut self.search_panel, workspace, &self.coder),
        });
        // A new search shows its results docked beside the reader.
        if self.search_panel.take_started() {
            self.preferences.dock.open(DockView::SearchResults);
        }
    }

    /// The inspector above, the current document's annotations below.
    fn right_panel_ui(&mut self, ui: &mut egui::Ui, intents: &mut Vec<Intent>) {
        let Some(session) = &self.session else {
            return;
        };
        let read_only = session.is_read_only();
        ui.add_space(6.0);
        ui.heading("Inspector");
        ui.add_space(2.0);
        let inspector_height = (ui.available_height() * 0.58).max(160.0);
        egui::ScrollArea::vertical()
            .id_salt("inspector-scroll")
            .max_height(inspector_height)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                intents.extend(inspector_ui(
                    ui,
                    &mut self.inspector,
                    &session.workspace,
                    self.selected.as_ref(),
                    read_only,
                ));
            });
        ui.separator();
        let count = self
            .current_document
            .as_ref()
            .map_or(0, |d| session.workspace.project.annotations_of(d).count());
        let coders = &self.retrieval.filter.coders;
        let count = if coders.is_empty() {
            count.to_string()
        } else {
            let shown = self.current_document.as_ref().map_or(0, |d| {
                let mine = |a: &&crate::model::annotation::Annotation| is_chosen(coders, &a.coder);
                session
                    .workspace
                    .project
                    .annotations_of(d)
                    .filter(mine)
                    .count()
            });
            format!("{shown} of {count}")
        };
        ui.label(RichText::new(format!("Annotations in this document ({count})")).strong());
        ui.add_space(2.0);
        intents.extend(annotation_list_ui(
            ui,
            &session.workspace,
            self.current_document.as_ref(),
            coders,
            self.selected.as_ref(),
            &mut self.scroll_list_to_selected,
        ));
    }

    /// The reading area: loading screen, banners, then the reader or the welcome screen.
    fn central_ui(&mut self, ui: &mut egui::Ui, intents: &mut Vec<Intent>) {
        self.central_rect = Some(ui.max_rect());
        if let Some(loading) = &self.loading {
            loading_ui(ui, loading, self.clock.since(loading.started));
            return;
        }
        let Some(session) = &self.session else {
            intents.extend(welcome_ui(
                ui,
                self.open_error.as_ref(),
                &self.recent_projects,
            ));
            return;
        };
        if let Some(reason) = &session.read_only_reason {
            banner_ui(ui, &format!("Read-only. {reason}"));
        }
        if self.problems_banner {
            let problems = session.skipped.len() + session.missing.len();
            match problems_banner_ui(ui, problems) {
                BannerAction::Show => intents.push(Intent::Command(Command::ShowProblems)),
                BannerAction::Dismiss => self.problems_banner = false,
                BannerAction::None => {}
            }
        }
        let Some(document) = self.current_document.clone() else {
            ui.centered_and_justified(|ui| {
                ui.label(RichText::new("This project has no documents yet. Add .txt files to its folder and open it again.").weak());
            });
            return;
        };
        let settings = ReaderSettings {
            font_size_points: self.preferences.reader_font_points,
            dark_mode: ui.visuals().dark_mode,
        };
        // The window's one coder filter (also that of coded passages and analysis).
        let coders = &mut self.retrieval.filter.coders;
        reader_coder_bar_ui(
            ui,
            coders,
            self.project_coders.refresh(&session.workspace),
            &self.coder,
            self.reader_state.hidden_by_coder_filter(),
        );
        if !self.reader_state.shows_coders(coders) {
            // The count above is last frame's: draw again once the reader applied the filter.
            ui.ctx().request_repaint();
        }
        self.reader_state.set_coder_filter(coders);
        self.layout_rects.reader = Some(ui.available_rect_before_wrap());
        intents.extend(reader_ui(
            ui,
            &mut self.reader_state,
            &session.workspace,
            &document,
            &settings,
            self.selected.as_ref(),
        ));
    }
}
