//! Where each node of a stance [`Network`] is drawn: positions in the unit
//! square, the same for the same network on every frame, every run and every
//! platform, so the window, the SVG/PNG figure and the HTML report show one
//! picture.
//!
//! A force-directed layout after Fruchterman and Reingold (1991): every two
//! nodes repel (k²/d), the two ends of an edge attract (d²/k, stronger for
//! edges with more annotations, both directions of a pair counted together),
//! a weak pull toward the centre keeps unconnected parts in view, and the
//! largest step per iteration (the temperature) cools linearly to zero. The
//! start is fixed by the `seed` and each node's label (a node keeps its start
//! when the filter adds or drops other nodes), so no randomness, no hash-map
//! order and no clock enters. Only `+ − × ÷` and square roots are used, which
//! IEEE 754 makes exact on every platform (no `sin`, `exp`, `powf`).
//!
//! Repulsion takes every pair up to [`ALL_PAIRS_MAX_NODES`] nodes; past it,
//! only nodes in neighbouring cells of a grid of side 2k repel (Fruchterman
//! and Reingold's own speed-up), so 500 actors lay out in milliseconds.

use super::network::Network;

/// A position in the unit square: `[x, y]`, each in 0.0..=1.0, y downward.
pub type UnitPoint = [f32; 2];

/// The positions of a network's nodes, index for index with [`Network::nodes`].
#[derive(Clone, Debug, PartialEq)]
pub struct NetworkLayout {
    /// One position per node, in [`Network::nodes`] order.
    pub positions: Vec<UnitPoint>,
}

/// The seed the window, the figures and the report lay networks out with,
/// so all of them show one picture.
pub const NETWORK_LAYOUT_SEED: u64 = 2026;

/// Up to this many nodes every pair repels; above, only near ones (grid).
pub const ALL_PAIRS_MAX_NODES: usize = 200;
/// The free margin on each side of the laid-out square (labels go there).
const MARGIN: f64 = 0.06;
/// How far a node may move in the first iteration (a share of the square).
const START_TEMPERATURE: f64 = 0.1;
/// The pull toward the centre, per unit of distance.
const GRAVITY: f64 = 0.6;

/// Lays out `network`'s nodes in the unit square; `seed` fixes any randomness,
/// so equal inputs give equal positions.
pub fn layout_network(network: &Network, seed: u64) -> NetworkLayout {
    let count = network.nodes.len();
    if count <= 1 {
        return NetworkLayout {
            positions: vec![[0.5, 0.5]; count],
        };
    }
    let mut positions: Vec<[f64; 2]> = (0..count)
        .map(|n| start_position(seed, &network.node_label(n), n))
        .collect();
    let springs = springs(network, count);
    let iterations = iterations_for(count);
    let k = (1.0 / count as f64).sqrt();
    let mut shift = vec![[0.0_f64; 2]; count];
    for iteration in 0..iterations {
        shift.fill([0.0, 0.0]);
        if count <= ALL_PAIRS_MAX_NODES {
            repel_all_pairs(&positions, k, &mut shift);
        } else {
            repel_near_pairs(&positions, k, &mut shift);
        }
        for spring in &springs {
            let (a, b) = (spring.a, spring.b);
            let (dx, dy, d) = difference(&positions, a, b);
            // d²/k along the unit vector: (dx, dy)·d/k.
            let pull = d / k * spring.strength;
            shift[a][0] -= dx * pull;
            shift[a][1] -= dy * pull;
            shift[b][0] += dx * pull;
            shift[b][1] += dy * pull;
        }
        let temperature = START_TEMPERATURE * (1.0 - iteration as f64 / iterations as f64);
        for (position, shift) in positions.iter_mut().zip(&shift) {
            let gx = shift[0] + (0.5 - position[0]) * GRAVITY;
            let gy = shift[1] + (0.5 - position[1]) * GRAVITY;
            let length = (gx * gx + gy * gy).sqrt();
            if length > 0.0 {
                let step = length.min(temperature) / length;
                position[0] = (position[0] + gx * step).clamp(0.0, 1.0);
                position[1] = (position[1] + gy * step).clamp(0.0, 1.0);
            }
        }
    }
    NetworkLayout {
        positions: fit_to_square(&positions),
    }
}

/// How many iterations a network of `count` nodes gets: fewer for large ones
/// (each costs more, and the grid settles them sooner).
fn iterations_for(count: usize) -> usize {
    if count <= ALL_PAIRS_MAX_NODES {
        300
    } else {
        150
    }
}

/// An attraction between two different nodes.
struct Spring {
    a: usize,
    b: usize,
    /// √(annotations between them, both directions).
    strength: f64,
}

/// One spring per unordered pair of different nodes joined by an edge, in
/// edge order (the network's edges are sorted, so this is deterministic).
fn springs(network: &Network, count: usize) -> Vec<Spring> {
    let mut weights: Vec<((usize, usize), usize)> = network
        .edges
        .iter()
        .filter(|e| e.holder != e.target && e.holder < count && e.target < count)
        .map(|e| {
            let pair = (e.holder.min(e.target), e.holder.max(e.target));
            (pair, e.total.len().max(1))
        })
        .collect();
    weights.sort_unstable();
    let mut springs: Vec<Spring> = Vec::with_capacity(weights.len());
    let mut last: Option<(usize, usize)> = None;
    let mut total = 0;
    for (pair, weight) in weights {
        if last != Some(pair) {
            if let Some((a, b)) = last {
                springs.push(spring(a, b, total));
            }
            last = Some(pair);
            total = 0;
        }
        total += weight;
    }
    if let Some((a, b)) = last {
        springs.push(spring(a, b, total));
    }
    springs
}

fn spring(a: usize, b: usize, annotations: usize) -> Spring {
    Spring {
        a,
        b,
        strength: (annotations as f64).sqrt(),
    }
}

/// `a − b` and its length; two nodes on one spot are told apart by a fixed
/// direction from their indices, so they separate.
fn difference(positions: &[[f64; 2]], a: usize, b: usize) -> (f64, f64, f64) {
    let (pa, pb) = (positions[a], positions[b]);
    let (dx, dy) = (pa[0] - pb[0], pa[1] - pb[1]);
    let d = (dx * dx + dy * dy).sqrt();
    if d > 1e-9 {
        return (dx, dy, d);
    }
    let spread = ((a * 31 + b * 17) % 97) as f64 / 97.0 - 0.5;
    let (dx, dy) = (1e-4, 1e-4 * spread);
    (dx, dy, (dx * dx + dy * dy).sqrt())
}

/// Adds k²/d along `a − b` to `a` and its opposite to `b`.
fn push_apart(positions: &[[f64; 2]], k: f64, a: usize, b: usize, shift: &mut [[f64; 2]]) {
    let (dx, dy, d) = difference(positions, a, b);
    // k²/d along the unit vector: (dx, dy)·k²/d².
    let push = k * k / (d * d);
    shift[a][0] += dx * push;
    shift[a][1] += dy * push;
    shift[b][0] -= dx * push;
    shift[b][1] -= dy * push;
}

fn repel_all_pairs(positions: &[[f64; 2]], k: f64, shift: &mut [[f64; 2]]) {
    for a in 0..positions.len() {
        for b in a + 1..positions.len() {
            push_apart(positions, k, a, b, shift);
        }
    }
}

/// Repulsion between nodes closer than 2k only, found through a grid of
/// cells of side 2k (nodes listed per cell in index order).
fn repel_near_pairs(positions: &[[f64; 2]], k: f64, shift: &mut [[f64; 2]]) {
    let reach = 2.0 * k;
    let side = ((1.0 / reach) as usize).max(1);
    let cell_of = |p: [f64; 2]| {
        let column = ((p[0] * side as f64) as usize).min(side - 1);
        let row = ((p[1] * side as f64) as usize).min(side - 1);
        (column, row)
    };
    let mut cells: Vec<Vec<usize>> = vec![Vec::new(); side * side];
    for (n, &p) in positions.iter().enumerate() {
        let (column, row) = cell_of(p);
        cells[row * side + column].push(n);
    }
    for (a, &p) in positions.iter().enumerate() {
        let (column, row) = cell_of(p);
        for near_row in row.saturating_sub(1)..=(row + 1).min(side - 1) {
            for near_column in column.saturating_sub(1)..=(column + 1).min(side - 1) {
                for &b in &cells[near_row * side + near_column] {
                    if b <= a {
                        continue;
                    }
                    let q = positions[b];
                    let (dx, dy) = (p[0] - q[0], p[1] - q[1]);
                    if dx * dx + dy * dy < reach * reach {
                        push_apart(positions, k, a, b, shift);
                    }
                }
            }
        }
    }
}

/// A node's start: a point of the square from the seed and its label (FNV-1a,
/// then SplitMix64), with its index for a label that is empty.
fn start_position(seed: u64, label: &str, index: usize) -> [f64; 2] {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ seed;
    let bytes = if label.is_empty() {
        index.to_le_bytes().to_vec()
    } else {
        label.as_bytes().to_vec()
    };
    for byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    let x = split_mix(&mut hash);
    let y = split_mix(&mut hash);
    // 53 random bits → [0, 1), kept off the edges.
    let unit = |v: u64| (v >> 11) as f64 / (1_u64 << 53) as f64;
    [0.1 + 0.8 * unit(x), 0.1 + 0.8 * unit(y)]
}

fn split_mix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Scales the positions (the same factor both ways, so distances keep their
/// proportions) and centres them inside the square less its margins.
fn fit_to_square(positions: &[[f64; 2]]) -> Vec<UnitPoint> {
    let (mut min, mut max) = ([f64::MAX; 2], [f64::MIN; 2]);
    for p in positions {
        for axis in 0..2 {
            min[axis] = min[axis].min(p[axis]);
            max[axis] = max[axis].max(p[axis]);
        }
    }
    let extent = (max[0] - min[0]).max(max[1] - min[1]);
    let scale = if extent > 1e-12 {
        (1.0 - 2.0 * MARGIN) / extent
    } else {
        0.0
    };
    positions
        .iter()
        .map(|p| {
            let place = |axis: usize| {
                let centre = (min[axis] + max[axis]) / 2.0;
                (0.5 + (p[axis] - centre) * scale) as f32
            };
            [place(0), place(1)]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::analysis::axis::{Header, HeaderKey};
    use crate::model::analysis::context::Members;
    use crate::model::analysis::network::{Edge, Node};

    /// A network of `labels` with one edge per `(holder, target, annotations)`.
    fn network(labels: &[&str], edges: &[(usize, usize, u32)]) -> Network {
        let nodes = labels
            .iter()
            .map(|label| Node {
                actor: Header {
                    key: HeaderKey::Value((*label).to_owned()),
                    label: (*label).to_owned(),
                },
                as_holder: 0,
                as_target: 0,
                mentions: Members::default(),
            })
            .collect();
        let edges = edges
            .iter()
            .map(|&(holder, target, count)| Edge {
                holder,
                target,
                by_stance: Vec::new(),
                total: Members::from_positions((0..count).collect()),
                net_polarity: 0,
            })
            .collect();
        Network {
            stances: Vec::new(),
            nodes,
            edges,
            without_actors: Members::default(),
        }
    }

    fn distance(a: UnitPoint, b: UnitPoint) -> f32 {
        ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt()
    }

    fn closest_pair(layout: &NetworkLayout) -> f32 {
        let p = &layout.positions;
        let mut closest = f32::MAX;
        for a in 0..p.len() {
            for b in a + 1..p.len() {
                closest = closest.min(distance(p[a], p[b]));
            }
        }
        closest
    }

    fn inside_square(layout: &NetworkLayout) -> bool {
        layout
            .positions
            .iter()
            .flatten()
            .all(|v| (0.0..=1.0).contains(v))
    }

    /// Two groups of four, each fully joined (A–D and E–H), one bridge D→E,
    /// and a pair I→J on its own.
    fn two_groups() -> Network {
        let labels = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"];
        let mut edges = Vec::new();
        for group in [0, 4] {
            for a in group..group + 4 {
                for b in a + 1..group + 4 {
                    edges.push((a, b, 2));
                }
            }
        }
        edges.push((3, 4, 1));
        edges.push((8, 9, 3));
        edges.sort_unstable();
        network(&labels, &edges)
    }

    /// A star of 500 actors: 20 hubs, each with 24 others around it, hubs in a
    /// ring, plus a few links across.
    fn five_hundred() -> Network {
        let labels: Vec<String> = (0..500).map(|n| format!("actor {n}")).collect();
        let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
        let mut edges = Vec::new();
        for hub in 0..20 {
            for leaf in 0..24 {
                edges.push((20 + hub * 24 + leaf, hub, 1 + (leaf % 3) as u32));
            }
            edges.push((hub, (hub + 1) % 20, 4));
        }
        for n in (20..500).step_by(37) {
            edges.push((n, (n * 7) % 500, 1));
        }
        edges.sort_unstable();
        edges.dedup_by_key(|e| (e.0, e.1));
        network(&labels, &edges)
    }

    #[test]
    fn no_node_or_one_node() {
        let empty = network(&[], &[]);
        assert!(layout_network(&empty, 1).positions.is_empty());
        let one = network(&["A"], &[(0, 0, 2)]);
        assert_eq!(layout_network(&one, 1).positions, vec![[0.5, 0.5]]);
    }

    #[test]
    fn the_same_network_and_seed_give_the_same_positions() {
        let network = two_groups();
        let first = layout_network(&network, 7);
        assert_eq!(first, layout_network(&network, 7));
        // The seed is what fixes the start: another seed, another picture.
        assert_ne!(first, layout_network(&network, 8));
    }

    #[test]
    fn nodes_stay_inside_the_square_and_apart() {
        for network in [two_groups(), five_hundred()] {
            let layout = layout_network(&network, 0);
            assert_eq!(layout.positions.len(), network.nodes.len());
            assert!(inside_square(&layout), "{:?}", layout.positions);
            // Ten nodes: far apart; 500 in the unit square (1/√500 ≈ 0.045
            // between neighbours on a grid): not on top of each other.
            let apart = if network.nodes.len() <= 10 {
                0.05
            } else {
                0.004
            };
            let closest = closest_pair(&layout);
            assert!(closest > apart, "closest pair {closest}");
        }
    }

    #[test]
    fn two_ends_of_an_edge_lie_closer_than_two_unconnected_nodes() {
        let network = two_groups();
        let layout = layout_network(&network, 3);
        let p = &layout.positions;
        let joined = |a: usize, b: usize| {
            network
                .edges
                .iter()
                .any(|e| (e.holder, e.target) == (a, b) || (e.holder, e.target) == (b, a))
        };
        let (mut near, mut far) = (Vec::new(), Vec::new());
        for a in 0..p.len() {
            for b in a + 1..p.len() {
                let d = distance(p[a], p[b]);
                if joined(a, b) {
                    near.push(d);
                } else {
                    far.push(d);
                }
            }
        }
        let mean = |v: &[f32]| v.iter().sum::<f32>() / v.len() as f32;
        assert!(mean(&near) * 1.5 < mean(&far), "{near:?} vs {far:?}");
        // Within a group closer than from that group to the other one.
        let within = distance(p[0], p[1]).max(distance(p[2], p[3]));
        let across = distance(p[0], p[5]).min(distance(p[1], p[6]));
        assert!(within < across, "within {within}, across {across}");
        // The pair on its own is tight, and not thrown off the square.
        assert!(distance(p[8], p[9]) < mean(&far));
    }

    #[test]
    fn a_node_keeps_its_start_when_others_come_and_go() {
        let small = network(&["A", "B"], &[(0, 1, 1)]);
        let larger = network(&["A", "B", "C"], &[(0, 1, 1), (2, 1, 1)]);
        assert_eq!(
            start_position(5, &small.node_label(0), 0),
            start_position(5, &larger.node_label(0), 0)
        );
    }

    #[test]
    fn five_hundred_actors_keep_hubs_near_their_leaves() {
        let network = five_hundred();
        let layout = layout_network(&network, 0);
        let p = &layout.positions;
        // A leaf lies nearer its own hub than the average of the other hubs.
        let mut nearer = 0;
        for hub in 0..20 {
            for leaf in 0..24 {
                let n = 20 + hub * 24 + leaf;
                let own = distance(p[n], p[hub]);
                let others = (0..20)
                    .filter(|&h| h != hub)
                    .map(|h| distance(p[n], p[h]))
                    .sum::<f32>()
                    / 19.0;
                if own < others {
                    nearer += 1;
                }
            }
        }
        assert!(
            nearer > 480 * 9 / 10,
            "{nearer} of 480 leaves near their hub"
        );
    }
}
