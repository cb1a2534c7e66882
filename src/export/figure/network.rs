//! The stance network as SVG: nodes where [`layout_network`] puts them,
//! circles sized by mentions, one curved arrow per holder → target edge,
//! coloured by net polarity (supportive green, critical red, balanced grey),
//! as thick as its count; a legend above, the caption (level, filter) under.
//! Edges bend to their right, so A → B and B → A never cover each other.
//!
//! [`layout_network`]: crate::model::analysis::layout_network

use super::svg::{FIGURE_WIDTH, MARGIN, MUTED, Svg, TextStyle, escape_xml, text_width};
use crate::model::analysis::{Network, NetworkLayout};

/// Height of the drawing area.
const PLOT_POINTS: f32 = 520.0;
/// Space kept around the laid-out nodes for their labels.
const INSET_POINTS: f32 = 70.0;
/// Radius of the least and the most mentioned node.
const RADIUS_RANGE: [f32; 2] = [5.0, 22.0];
/// Width of the thinnest and the thickest edge.
const WIDTH_RANGE: [f32; 2] = [1.2, 9.0];
/// Edge colours: supportive (net > 0), critical (net < 0), balanced (0).
const POSITIVE: &str = "#2e7d32";
const NEGATIVE: &str = "#c62828";
const BALANCED: &str = "#9aa0a6";
/// Node fill and outline.
const NODE_FILL: &str = "#e8eaed";

/// The colour of an edge of net polarity `net`.
fn polarity_color(net: i64) -> &'static str {
    match net.signum() {
        1 => POSITIVE,
        -1 => NEGATIVE,
        _ => BALANCED,
    }
}

/// The legend from `y` (baseline); returns the y under it.
fn legend(svg: &mut Svg, y: f32) -> f32 {
    let mut x = MARGIN;
    for (color, label) in [
        (POSITIVE, "supportive on balance (net polarity > 0)"),
        (NEGATIVE, "critical on balance (< 0)"),
        (BALANCED, "balanced or neutral (0)"),
    ] {
        x = svg.legend_entry([x, y], color, label);
    }
    let y = y + 18.0;
    svg.text(
        [MARGIN, y],
        TextStyle::plain(11.0).fill(MUTED),
        "arrow: holder → target; line width: annotations; circle size: annotations naming the actor",
    );
    y + 6.0
}

/// The network as an SVG document with `caption` under it.
pub fn network_svg(
    network: &Network,
    layout: &NetworkLayout,
    title: &str,
    caption: &[String],
) -> String {
    let mut svg = Svg::new(FIGURE_WIDTH);
    svg.text(
        [MARGIN, MARGIN + 16.0],
        TextStyle::plain(16.0).bold(),
        title,
    );
    let top = legend(&mut svg, MARGIN + 38.0) + 8.0;
    let area = [
        MARGIN + INSET_POINTS,
        top + INSET_POINTS / 2.0,
        FIGURE_WIDTH - 2.0 * (MARGIN + INSET_POINTS),
        PLOT_POINTS - INSET_POINTS,
    ];
    let place = |n: usize| {
        let [x, y] = layout.positions.get(n).copied().unwrap_or([0.5, 0.5]);
        [
            area[0] + x.clamp(0.0, 1.0) * area[2],
            area[1] + y.clamp(0.0, 1.0) * area[3],
        ]
    };
    let max_mentions = network
        .nodes
        .iter()
        .map(|n| n.mentions.len())
        .max()
        .unwrap_or(0)
        .max(1) as f32;
    let radius = |n: usize| {
        let mentions = network.nodes.get(n).map_or(0, |n| n.mentions.len()) as f32;
        RADIUS_RANGE[0] + (RADIUS_RANGE[1] - RADIUS_RANGE[0]) * (mentions / max_mentions).sqrt()
    };
    let max_count = network
        .edges
        .iter()
        .map(|e| e.total.len())
        .max()
        .unwrap_or(0)
        .max(1) as f32;
    if network.nodes.is_empty() {
        svg.text(
            [FIGURE_WIDTH / 2.0, top + PLOT_POINTS / 2.0],
            TextStyle::plain(13.0)
                .anchored(super::svg::Anchor::Middle)
                .fill(MUTED),
            "no annotation names a holder or a target",
        );
    }
    for edge in &network.edges {
        let count = edge.total.len();
        let width =
            WIDTH_RANGE[0] + (WIDTH_RANGE[1] - WIDTH_RANGE[0]) * (count as f32 / max_count).sqrt();
        let color = polarity_color(edge.net_polarity);
        let name = format!(
            "{} → {}: {count} annotation(s), net polarity {:+}",
            network.node_label(edge.holder),
            network.node_label(edge.target),
            edge.net_polarity
        );
        let (line, head) = edge_path(
            place(edge.holder),
            place(edge.target),
            [radius(edge.holder), radius(edge.target)],
            width,
        );
        svg.raw(&format!(
            "<g class=\"edge\"><title>{}</title><path d=\"{line}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"{width:.2}\" stroke-opacity=\"0.85\"/><path class=\"arrowhead\" d=\"{head}\" fill=\"{color}\"/></g>",
            escape_xml(&name)
        ));
    }
    for (n, node) in network.nodes.iter().enumerate() {
        let [x, y] = place(n);
        let r = radius(n);
        let label = &node.actor.label;
        let title = format!(
            "{label}: {} annotation(s) as holder, {} as target",
            node.as_holder, node.as_target
        );
        svg.raw(&format!(
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" fill=\"{NODE_FILL}\" stroke=\"{MUTED}\" stroke-width=\"1.2\"><title>{}</title></circle>",
            escape_xml(&title)
        ));
        let size = 11.5;
        let half = text_width(label, size) / 2.0;
        // Keep the label inside the figure.
        let cx = x.clamp(MARGIN + half, FIGURE_WIDTH - MARGIN - half);
        svg.raw(&format!(
            "<text x=\"{cx:.1}\" y=\"{:.1}\" font-size=\"{size}\" text-anchor=\"middle\" fill=\"#1d1d1f\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">{}</text>",
            y + r + 13.0,
            escape_xml(label)
        ));
    }
    let bottom = svg.caption(top + PLOT_POINTS, caption);
    svg.finish(bottom + MARGIN, title)
}

/// The line and the arrowhead of an edge from a circle at `from` to one at
/// `to` (`radii` of both), `width` thick: a curve bending to its right, its
/// arrowhead's tip on the target's rim; a loop above the node when both are one.
fn edge_path(from: [f32; 2], to: [f32; 2], radii: [f32; 2], width: f32) -> (String, String) {
    let (dx, dy) = (to[0] - from[0], to[1] - from[1]);
    let length = (dx * dx + dy * dy).sqrt();
    let [x, y] = from;
    let r = radii[0];
    // The control point: off the middle, to the right of the direction of
    // travel; a loop's is above the node.
    let (start, control, tip) = if length < 1.0 {
        (
            [x - r * 0.7, y - r * 0.7],
            [x, y - r * 4.0],
            [x + r * 0.7, y - r * 0.7],
        )
    } else {
        let bend = 0.12 * length;
        let control = [
            (from[0] + to[0]) / 2.0 - dy / length * bend,
            (from[1] + to[1]) / 2.0 + dx / length * bend,
        ];
        let toward = |point: [f32; 2], target: [f32; 2], distance: f32| {
            let (vx, vy) = (target[0] - point[0], target[1] - point[1]);
            let norm = (vx * vx + vy * vy).sqrt().max(f32::EPSILON);
            [
                point[0] + vx / norm * distance,
                point[1] + vy / norm * distance,
            ]
        };
        (
            toward(from, control, radii[0]),
            control,
            toward(to, control, radii[1] + 1.0),
        )
    };
    // The arrowhead: along the curve's last direction, wider than the line.
    let (vx, vy) = (tip[0] - control[0], tip[1] - control[1]);
    let norm = (vx * vx + vy * vy).sqrt().max(f32::EPSILON);
    let (ux, uy) = (vx / norm, vy / norm);
    let size = 8.0 + 1.6 * width;
    let base = [tip[0] - ux * size, tip[1] - uy * size];
    let half = size * 0.5;
    let head = format!(
        "M{:.1},{:.1} L{:.1},{:.1} L{:.1},{:.1} Z",
        tip[0],
        tip[1],
        base[0] - uy * half,
        base[1] + ux * half,
        base[0] + uy * half,
        base[1] - ux * half
    );
    let line = format!(
        "M{:.1},{:.1} Q{:.1},{:.1} {:.1},{:.1}",
        start[0], start[1], control[0], control[1], base[0], base[1]
    );
    (line, head)
}
