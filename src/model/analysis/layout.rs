//! Where each node of a stance [`Network`] is drawn: positions in the unit
//! square, the same for the same network on every frame and every run (no
//! randomness without a fixed seed), so the window, the SVG/PNG figure and the
//! HTML report show one picture.
//!
//! For now the nodes sit on a circle in node order; a force-directed layout
//! with a fixed seed is to replace the body of [`layout_network`] without
//! changing its signature.

use super::network::Network;

/// A position in the unit square: `[x, y]`, each in 0.0..=1.0, y downward.
pub type UnitPoint = [f32; 2];

/// The positions of a network's nodes, index for index with [`Network::nodes`].
#[derive(Clone, Debug, PartialEq)]
pub struct NetworkLayout {
    /// One position per node, in [`Network::nodes`] order.
    pub positions: Vec<UnitPoint>,
}

/// Lays out `network`'s nodes in the unit square; `seed` fixes any randomness,
/// so equal inputs give equal positions.
pub fn layout_network(network: &Network, seed: u64) -> NetworkLayout {
    let _ = seed;
    let count = network.nodes.len();
    let positions = (0..count)
        .map(|n| {
            if count == 1 {
                return [0.5, 0.5];
            }
            let angle = std::f32::consts::TAU * n as f32 / count as f32;
            [0.5 + 0.45 * angle.cos(), 0.5 + 0.45 * angle.sin()]
        })
        .collect();
    NetworkLayout { positions }
}
