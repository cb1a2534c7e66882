//! The canvas of a [`NetworkGraph`]: turns the pointer into drags, zoom,
//! pan, hover texts and drill-downs, with a widget per node and arrow (each
//! with an accessible name), then has `paint.rs` draw arrows (beside each
//! other when a pair points both ways, a loop for an actor toward itself)
//! under circles under labels (placed where they cover no circle and no
//! other label).

use super::graph::{GraphDrillDown, GraphEdge, NetworkGraph};
use super::paint::{Geometry, Hovered, Projection, geometry, paint};
use egui::{Pos2, Rect, Sense, Vec2, pos2, vec2};

/// Space kept free around the drawing (labels and arrowheads go there).
const CANVAS_MARGIN_POINTS: f32 = 36.0;
/// Side of the square that makes an arrow clickable and accessible.
const EDGE_HANDLE_POINTS: f32 = 14.0;
/// How near the pointer must come to an arrow's line to hover or click it.
const EDGE_HIT_POINTS: f32 = 5.0;
/// The zoom range.
const ZOOM_RANGE: std::ops::RangeInclusive<f32> = 0.25..=12.0;

/// The canvas: zoom and pan, the arrows' and nodes' widgets (click, drag,
/// hover, accessibility), then the painting.
pub(super) fn canvas_ui(
    ui: &mut egui::Ui,
    graph: &mut NetworkGraph,
    size: Vec2,
) -> Vec<GraphDrillDown> {
    let mut intents = Vec::new();
    let dark = ui.visuals().dark_mode;
    let (rect, canvas) = ui.allocate_exact_size(size, Sense::click_and_drag());
    canvas
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Group, true, "Stance network graph"));
    zoom_and_pan(ui, graph, rect, &canvas);
    let projection = Projection {
        inner: rect.shrink2(vec2(
            CANVAS_MARGIN_POINTS.min(rect.width() * 0.15),
            CANVAS_MARGIN_POINTS.min(rect.height() * 0.15),
        )),
        zoom: graph.zoom,
        pan: graph.pan,
    };
    let mut geometry = geometry(graph, &projection, dark);
    let mut hovered = None;
    let mut highlighted = None;
    for (index, shape) in geometry.edges.iter().enumerate() {
        let handle = Rect::from_center_size(shape.handle(), Vec2::splat(EDGE_HANDLE_POINTS));
        let Some(edge) = graph.edges.get(index) else {
            continue;
        };
        if !rect.contains(handle.center()) {
            continue;
        }
        let response = ui.interact(handle, canvas.id.with(("edge", index)), Sense::click());
        response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Button, true, graph.edge_name(edge))
        });
        if response.hovered() {
            hovered = Some(Hovered::Edge(index));
        }
        if response.clicked() {
            intents.push(edge_drill_down(graph, edge));
        }
        hover_text(response, || graph.edge_hover(edge));
    }
    for index in 0..graph.nodes.len() {
        let (centre, radius) = (geometry.centres[index], geometry.radii[index]);
        if !rect.contains(centre) {
            continue;
        }
        let area = Rect::from_center_size(centre, Vec2::splat(2.0 * radius.max(6.0)));
        let response = ui.interact(
            area,
            canvas.id.with(("node", index)),
            Sense::click_and_drag(),
        );
        let node = &graph.nodes[index];
        response.widget_info(|| {
            let name = format!("{}: {} passages", node.label, node.ids.len());
            egui::WidgetInfo::labeled(egui::Role::Button, true, name)
        });
        if response.clicked() {
            intents.push(GraphDrillDown {
                ids: node.ids.iter().cloned().collect(),
                label: format!("{} (holder or target)", node.label),
            });
        }
        if response.hovered() || response.dragged() {
            hovered = Some(Hovered::Node(index));
        }
        if response.dragged() {
            highlighted = Some(Hovered::Node(index));
            let delta = projection.to_unit_delta(response.drag_delta());
            if let Some(position) = graph.positions.get_mut(index) {
                *position = (*position + delta).clamp(Pos2::ZERO, pos2(1.0, 1.0));
            }
        } else {
            hover_text(response, || graph.node_hover(node));
        }
    }
    if highlighted.is_some() {
        // A dragged node moved: draw it (and its arrows) where it is now.
        geometry = self::geometry(graph, &projection, dark);
    }
    if hovered.is_none()
        && let Some(pointer) = canvas.hover_pos()
        && let Some(index) = nearest_edge(&geometry, pointer)
    {
        hovered = Some(Hovered::Edge(index));
        if canvas.clicked()
            && let Some(edge) = graph.edges.get(index)
        {
            intents.push(edge_drill_down(graph, edge));
        }
        if let Some(edge) = graph.edges.get(index) {
            canvas.on_hover_text(graph.edge_hover(edge));
        }
    }
    paint(ui, graph, &geometry, rect, hovered.or(highlighted));
    intents
}

/// Gives `response` the hover text `text` makes, making it only when the
/// tooltip shows or AccessKit describes the widget: a frame has a widget per
/// node and arrow, hundreds of them, and at most one tooltip.
fn hover_text(response: egui::Response, text: impl FnOnce() -> String) {
    if response.ctx.has_accesskit_node(response.id)
        || egui::containers::Tooltip::should_show_tooltip(&response, true)
    {
        response.on_hover_text(text());
    }
}

/// The drill-down of an arrow: exactly its passages.
fn edge_drill_down(graph: &NetworkGraph, edge: &GraphEdge) -> GraphDrillDown {
    GraphDrillDown {
        ids: edge.ids.iter().cloned().collect(),
        label: graph.edge_title(edge),
    }
}

/// The arrow whose line passes nearest `pointer`, if near enough.
fn nearest_edge(geometry: &Geometry, pointer: Pos2) -> Option<usize> {
    geometry
        .edges
        .iter()
        .enumerate()
        .map(|(index, shape)| {
            let reach = if shape.looped {
                7.0 + shape.width
            } else {
                EDGE_HIT_POINTS + shape.width / 2.0
            };
            (index, shape.distance_to(pointer) - reach)
        })
        .filter(|(_, beyond)| *beyond <= 0.0)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(index, _)| index)
}

/// Ctrl+wheel or a pinch zooms around the pointer; dragging the background pans.
fn zoom_and_pan(ui: &egui::Ui, graph: &mut NetworkGraph, rect: Rect, canvas: &egui::Response) {
    if canvas.dragged() {
        graph.pan += canvas.drag_delta();
    }
    if !canvas.hovered() {
        return;
    }
    // Ctrl+wheel arrives as a zoom, like a pinch; the plain wheel scrolls the pane.
    let (factor, pointer) = ui.input(|input| (input.zoom_delta(), input.pointer.hover_pos()));
    if (factor - 1.0).abs() < f32::EPSILON {
        return;
    }
    let zoom = (graph.zoom * factor).clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end());
    let applied = zoom / graph.zoom;
    // Keep the point under the pointer where it is.
    let anchor = pointer.unwrap_or(rect.center()) - rect.center();
    graph.pan = anchor + (graph.pan - anchor) * applied;
    graph.zoom = zoom;
}
