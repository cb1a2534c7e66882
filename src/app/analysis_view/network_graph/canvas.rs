//! Draws a [`NetworkGraph`] on a canvas: arrows (beside each other when a
//! pair points both ways, a loop for an actor toward itself) under circles
//! under labels (placed where they cover no circle and no other label), and
//! turns the pointer into drags, zoom, pan, hover texts and drill-downs. Each
//! node and arrow is a widget with an accessible name.

use super::graph::{GraphDrillDown, GraphEdge, NetworkGraph};
use crate::app::theme;
use egui::{Color32, FontId, Pos2, Rect, Sense, Shape, Stroke, Vec2, pos2, vec2};

/// Space kept free around the drawing (labels and arrowheads go there).
const CANVAS_MARGIN_POINTS: f32 = 36.0;
/// Side of the square that makes an arrow clickable and accessible.
const EDGE_HANDLE_POINTS: f32 = 14.0;
/// How near the pointer must come to an arrow's line to hover or click it.
const EDGE_HIT_POINTS: f32 = 5.0;
/// The zoom range.
const ZOOM_RANGE: std::ops::RangeInclusive<f32> = 0.25..=12.0;

/// Unit square ↔ screen, for the canvas of one frame.
struct Projection {
    inner: Rect,
    zoom: f32,
    pan: Vec2,
}

impl Projection {
    fn to_screen(&self, unit: Pos2) -> Pos2 {
        let size = self.inner.size();
        self.inner.center()
            + self.pan
            + vec2((unit.x - 0.5) * size.x, (unit.y - 0.5) * size.y) * self.zoom
    }

    fn to_unit_delta(&self, delta: Vec2) -> Vec2 {
        let size = self.inner.size() * self.zoom;
        vec2(delta.x / size.x.max(1.0), delta.y / size.y.max(1.0))
    }
}

/// Where one arrow runs on screen, and how it looks.
struct EdgeShape {
    from: Pos2,
    to: Pos2,
    width: f32,
    color: Color32,
    /// A holder that is its own target: a loop above the node.
    looped: bool,
}

impl EdgeShape {
    /// The point where the handle sits (and the accessible node's centre).
    fn handle(&self) -> Pos2 {
        if self.looped {
            self.from
        } else {
            self.from + (self.to - self.from) * 0.5
        }
    }

    fn distance_to(&self, point: Pos2) -> f32 {
        if self.looped {
            return (point - self.from).length();
        }
        let line = self.to - self.from;
        let t = ((point - self.from).dot(line) / line.length_sq().max(1e-6)).clamp(0.0, 1.0);
        (point - (self.from + line * t)).length()
    }
}

/// Screen geometry of every node and arrow of one frame.
struct Geometry {
    centres: Vec<Pos2>,
    radii: Vec<f32>,
    edges: Vec<EdgeShape>,
}

fn geometry(graph: &NetworkGraph, projection: &Projection, dark: bool) -> Geometry {
    let centres: Vec<Pos2> = graph
        .positions
        .iter()
        .map(|&p| projection.to_screen(p))
        .collect();
    // Nodes shrink when crowded: at most a third of the spacing of a grid.
    let spacing = projection.inner.width().min(projection.inner.height()) * projection.zoom
        / (graph.nodes.len() as f32).sqrt();
    let largest = (spacing * 0.35).clamp(4.0, 20.0);
    let radii: Vec<f32> = graph
        .nodes
        .iter()
        .map(|node| {
            let share = (node.ids.len() as f32 / graph.max_mentions as f32).sqrt();
            (largest * (0.35 + 0.65 * share)).max(3.0)
        })
        .collect();
    let edges = graph
        .edges
        .iter()
        .map(|edge| {
            let share = (edge.ids.len() as f32 / graph.max_passages as f32).sqrt();
            let width = 1.0 + 4.0 * share;
            let color =
                theme::polarity_stroke(dark, edge.net_polarity as f32 / graph.max_polarity as f32);
            let (Some(&a), Some(&b)) = (centres.get(edge.holder), centres.get(edge.target)) else {
                return EdgeShape {
                    from: Pos2::ZERO,
                    to: Pos2::ZERO,
                    width,
                    color,
                    looped: true,
                };
            };
            let (ra, rb) = (radii[edge.holder], radii[edge.target]);
            if edge.holder == edge.target {
                let top = a - vec2(0.0, ra + 7.0 + width);
                return EdgeShape {
                    from: top,
                    to: top,
                    width,
                    color,
                    looped: true,
                };
            }
            let direction = (b - a).normalized();
            let side = if edge.has_reverse {
                direction.rot90() * (2.5 + width / 2.0)
            } else {
                Vec2::ZERO
            };
            EdgeShape {
                from: a + direction * ra + side,
                to: b - direction * (rb + 1.5) + side,
                width,
                color,
                looped: false,
            }
        })
        .collect();
    Geometry {
        centres,
        radii,
        edges,
    }
}

/// What the pointer is on this frame.
#[derive(Clone, Copy, PartialEq)]
enum Hovered {
    Node(usize),
    Edge(usize),
}

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
        response.on_hover_text(graph.edge_hover(edge));
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
            response.on_hover_text(graph.node_hover(node));
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

/// Arrows, then nodes, then the labels that fit (most mentioned first, none
/// over a node or another label; the hovered node's always).
fn paint(
    ui: &egui::Ui,
    graph: &NetworkGraph,
    geometry: &Geometry,
    rect: Rect,
    hovered: Option<Hovered>,
) {
    let dark = ui.visuals().dark_mode;
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 4.0, theme::reading_background(dark));
    let highlight = theme::network_highlight(dark);
    let mut shapes: Vec<Shape> = Vec::with_capacity(geometry.edges.len() * 2);
    for (index, shape) in geometry.edges.iter().enumerate() {
        let color = if hovered == Some(Hovered::Edge(index)) {
            highlight
        } else {
            shape.color
        };
        arrow_shapes(&mut shapes, shape, color);
    }
    let text_color = ui.visuals().text_color();
    let fill = theme::network_node_fill(dark);
    for (index, (&centre, &radius)) in geometry.centres.iter().zip(&geometry.radii).enumerate() {
        let outline = if hovered == Some(Hovered::Node(index)) {
            Stroke::new(2.5, highlight)
        } else {
            Stroke::new(1.0, text_color)
        };
        // One shape for fill and outline: one path to tessellate.
        shapes.push(Shape::Circle(egui::epaint::CircleShape {
            center: centre,
            radius,
            fill,
            stroke: outline,
        }));
    }
    painter.extend(shapes);
    let colors = [text_color, theme::network_label_backdrop(dark)];
    labels(&painter, graph, geometry, rect, hovered, colors);
}

/// The line and head of one arrow (a loop for a holder that is its own target).
fn arrow_shapes(shapes: &mut Vec<Shape>, shape: &EdgeShape, color: Color32) {
    let stroke = Stroke::new(shape.width, color);
    if shape.looped {
        shapes.push(Shape::circle_stroke(
            shape.from,
            6.0 + shape.width / 2.0,
            stroke,
        ));
        return;
    }
    let line = shape.to - shape.from;
    let length = line.length();
    if length < 1.0 {
        return;
    }
    let direction = line / length;
    let head = (5.0 + 1.6 * shape.width).min(length * 0.6);
    let base = shape.to - direction * head;
    shapes.push(Shape::line_segment([shape.from, base + direction], stroke));
    let across = direction.rot90() * head * 0.55;
    shapes.push(Shape::convex_polygon(
        vec![shape.to, base + across, base - across],
        color,
        Stroke::NONE,
    ));
}

/// Node labels beside their circles, on a backdrop so they read over arrows.
fn labels(
    painter: &egui::Painter,
    graph: &NetworkGraph,
    geometry: &Geometry,
    rect: Rect,
    hovered: Option<Hovered>,
    [color, backdrop]: [Color32; 2],
) {
    let font = FontId::proportional(12.0);
    let circles: Vec<Rect> = geometry
        .centres
        .iter()
        .zip(&geometry.radii)
        .map(|(&c, &r)| Rect::from_center_size(c, Vec2::splat(2.0 * r)))
        .collect();
    let mut placed: Vec<Rect> = Vec::new();
    let hovered_node = match hovered {
        Some(Hovered::Node(n)) => Some(n),
        _ => None,
    };
    let others = graph.label_order.iter().copied();
    let order = hovered_node
        .into_iter()
        .chain(others.filter(|&n| Some(n) != hovered_node));
    for index in order {
        let (Some(node), Some(&circle)) = (graph.nodes.get(index), circles.get(index)) else {
            continue;
        };
        if !rect.contains(circle.center()) {
            continue;
        }
        let galley = painter.layout_no_wrap(node.label.clone(), font.clone(), color);
        let size = galley.size();
        // Right of the circle, else left, above or below: the first that is
        // in view and clear of every circle and label placed so far.
        let beside = |x: f32, y: f32| Rect::from_min_size(pos2(x, y), size);
        let (centre, half) = (circle.center(), size.y / 2.0);
        let spots = [
            beside(circle.max.x + 4.0, centre.y - half),
            beside(circle.min.x - 4.0 - size.x, centre.y - half),
            beside(centre.x - size.x / 2.0, circle.min.y - 2.0 - size.y),
            beside(centre.x - size.x / 2.0, circle.max.y + 2.0),
        ];
        let clear = |spot: &Rect| {
            rect.contains_rect(*spot)
                && !placed.iter().any(|r| r.intersects(*spot))
                && !circles.iter().any(|c| c.intersects(*spot))
        };
        let spot = match spots.iter().find(|spot| clear(spot)) {
            Some(spot) => *spot,
            None if Some(index) == hovered_node => spots[0],
            None => continue,
        };
        painter.rect_filled(spot.expand(1.5), 2.0, backdrop);
        painter.galley(spot.min, galley, color);
        placed.push(spot);
    }
}
