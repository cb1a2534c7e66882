//! Where each node and arrow of a [`NetworkGraph`] lands on screen in one
//! frame, and their painting: a backdrop, arrows, circles, then labels. Each
//! label is placed beside its circle where it covers no circle and no other
//! label, checked against the rectangles of its neighbourhood only
//! ([`Buckets`]). All of it goes through the graph's [`MeshCache`]:
//! tessellated again only when something drawn changes.
//!
//! [`MeshCache`]: super::mesh_cache::MeshCache

use super::graph::NetworkGraph;
use crate::app::theme;
use egui::{Color32, FontId, Pos2, Rect, Shape, Stroke, Vec2, pos2, vec2};

/// Unit square ↔ screen, for the canvas of one frame.
pub(super) struct Projection {
    pub(super) inner: Rect,
    pub(super) zoom: f32,
    pub(super) pan: Vec2,
}

impl Projection {
    fn to_screen(&self, unit: Pos2) -> Pos2 {
        let size = self.inner.size();
        self.inner.center()
            + self.pan
            + vec2((unit.x - 0.5) * size.x, (unit.y - 0.5) * size.y) * self.zoom
    }

    pub(super) fn to_unit_delta(&self, delta: Vec2) -> Vec2 {
        let size = self.inner.size() * self.zoom;
        vec2(delta.x / size.x.max(1.0), delta.y / size.y.max(1.0))
    }
}

/// Where one arrow runs on screen, and how it looks.
pub(super) struct EdgeShape {
    pub(super) from: Pos2,
    pub(super) to: Pos2,
    pub(super) width: f32,
    color: Color32,
    /// A holder that is its own target: a loop above the node.
    pub(super) looped: bool,
}

impl EdgeShape {
    /// The point where the handle sits (and the accessible node's centre).
    pub(super) fn handle(&self) -> Pos2 {
        if self.looped {
            self.from
        } else {
            self.from + (self.to - self.from) * 0.5
        }
    }

    pub(super) fn distance_to(&self, point: Pos2) -> f32 {
        if self.looped {
            return (point - self.from).length();
        }
        let line = self.to - self.from;
        let t = ((point - self.from).dot(line) / line.length_sq().max(1e-6)).clamp(0.0, 1.0);
        (point - (self.from + line * t)).length()
    }
}

/// Screen geometry of every node and arrow of one frame.
pub(super) struct Geometry {
    pub(super) centres: Vec<Pos2>,
    pub(super) radii: Vec<f32>,
    pub(super) edges: Vec<EdgeShape>,
}

pub(super) fn geometry(graph: &NetworkGraph, projection: &Projection, dark: bool) -> Geometry {
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
pub(super) enum Hovered {
    Node(usize),
    Edge(usize),
}

/// Arrows, then nodes, then the labels that fit (most mentioned first, none
/// over a node or another label; the hovered node's always).
pub(super) fn paint(
    ui: &egui::Ui,
    graph: &mut NetworkGraph,
    geometry: &Geometry,
    rect: Rect,
    hovered: Option<Hovered>,
) {
    let dark = ui.visuals().dark_mode;
    let painter = ui.painter_at(rect);
    let highlight = theme::network_highlight(dark);
    let mut shapes: Vec<Shape> =
        Vec::with_capacity(1 + geometry.edges.len() * 2 + geometry.centres.len() * 3);
    shapes.push(Shape::rect_filled(
        rect,
        4.0,
        theme::reading_background(dark),
    ));
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
    let colors = [text_color, theme::network_label_backdrop(dark)];
    labels(
        &mut shapes,
        &painter,
        graph,
        geometry,
        rect,
        hovered,
        colors,
    );
    painter.add(graph.painted.mesh_of(&painter, shapes));
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

/// Side of a bucket, in points: about a label's height, a few circles wide.
const BUCKET_POINTS: f32 = 32.0;

/// Rectangles sorted into the square buckets of a grid over an area, so
/// that what may overlap a rectangle is looked for in its buckets only.
/// A rectangle goes into every bucket it reaches; one outside the area is
/// not kept (nothing inside the area can overlap it).
struct Buckets {
    area: Rect,
    columns: usize,
    rows: usize,
    cells: Vec<Vec<Rect>>,
}

impl Buckets {
    fn new(area: Rect) -> Self {
        let count = |length: f32| ((length / BUCKET_POINTS).ceil() as usize).clamp(1, 4096);
        let (columns, rows) = (count(area.width()), count(area.height()));
        Self {
            area,
            columns,
            rows,
            cells: vec![Vec::new(); columns * rows],
        }
    }

    /// The buckets `rect` reaches (clamped to the grid), if it meets the area.
    fn reach(
        &self,
        rect: Rect,
    ) -> Option<(
        std::ops::RangeInclusive<usize>,
        std::ops::RangeInclusive<usize>,
    )> {
        if !self.area.intersects(rect) {
            return None;
        }
        let index = |value: f32, start: f32, last: usize| {
            (((value - start) / BUCKET_POINTS).floor().max(0.0) as usize).min(last)
        };
        let (min, max) = (self.area.min, (self.columns - 1, self.rows - 1));
        Some((
            index(rect.min.x, min.x, max.0)..=index(rect.max.x, min.x, max.0),
            index(rect.min.y, min.y, max.1)..=index(rect.max.y, min.y, max.1),
        ))
    }

    fn insert(&mut self, rect: Rect) {
        if let Some((columns, rows)) = self.reach(rect) {
            for row in rows {
                for column in columns.clone() {
                    self.cells[row * self.columns + column].push(rect);
                }
            }
        }
    }

    /// Does any rectangle kept overlap `rect` (which lies in the area)?
    fn any_overlaps(&self, rect: Rect) -> bool {
        let Some((columns, rows)) = self.reach(rect) else {
            return false;
        };
        rows.into_iter().any(|row| {
            columns.clone().any(|column| {
                self.cells[row * self.columns + column]
                    .iter()
                    .any(|kept| kept.intersects(rect))
            })
        })
    }
}

/// Node labels beside their circles, on a backdrop so they read over arrows,
/// inside the canvas `rect` (their shapes go into `shapes`).
fn labels(
    shapes: &mut Vec<Shape>,
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
    // Circles and the labels placed so far, by neighbourhood.
    let mut taken = Buckets::new(rect);
    for circle in &circles {
        taken.insert(*circle);
    }
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
        let clear = |spot: &Rect| rect.contains_rect(*spot) && !taken.any_overlaps(*spot);
        let spot = match spots.iter().find(|spot| clear(spot)) {
            Some(spot) => *spot,
            None if Some(index) == hovered_node => spots[0],
            None => continue,
        };
        shapes.push(Shape::rect_filled(spot.expand(1.5), 2.0, backdrop));
        if !galley.is_empty() {
            shapes.push(Shape::galley(spot.min, galley, color));
        }
        taken.insert(spot);
    }
}
