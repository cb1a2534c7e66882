//! The network as the graph view draws it: per actor its passages and counts
//! per stance as holder and as target, per arrow its passages per stance and
//! net polarity, the layout (computed once, here) and where each node is now;
//! and the hover texts and accessible names of both.

use super::mesh_cache::MeshCache;
use crate::model::analysis::{Context, HeaderKey, NETWORK_LAYOUT_SEED, Network, layout_network};
use crate::model::ids::AnnotationId;
use egui::{Pos2, Vec2, pos2};
use std::collections::BTreeSet;

/// A click on a node or an arrow: show exactly these passages.
#[derive(Clone, Debug, PartialEq)]
pub struct GraphDrillDown {
    /// The passages of the node or arrow.
    pub ids: BTreeSet<AnnotationId>,
    /// It in words ("Serbia → China", "Kosovo (holder or target)").
    pub label: String,
}

/// An actor as drawn.
#[derive(Clone, Debug)]
pub(super) struct GraphNode {
    pub(super) key: HeaderKey,
    pub(super) label: String,
    pub(super) ids: Vec<AnnotationId>,
    /// Per stance, its passages as holder and as target.
    pub(super) as_holder: Vec<usize>,
    pub(super) as_target: Vec<usize>,
}

/// A holder → target arrow as drawn.
#[derive(Clone, Debug)]
pub(super) struct GraphEdge {
    pub(super) holder: usize,
    pub(super) target: usize,
    pub(super) by_stance: Vec<usize>,
    pub(super) net_polarity: i64,
    pub(super) ids: Vec<AnnotationId>,
    /// Is there an arrow the other way (then both are drawn side by side)?
    pub(super) has_reverse: bool,
}

/// A network ready to draw, laid out once.
#[derive(Clone, Debug)]
pub struct NetworkGraph {
    pub(super) stances: Vec<String>,
    pub(super) nodes: Vec<GraphNode>,
    pub(super) edges: Vec<GraphEdge>,
    /// Where the layout put each node (unit square).
    pub(super) laid_out: Vec<Pos2>,
    /// Where each node is now (after dragging).
    pub(super) positions: Vec<Pos2>,
    /// Node indices, most mentioned first (who gets a label when crowded).
    pub(super) label_order: Vec<usize>,
    pub(super) max_mentions: usize,
    pub(super) max_passages: usize,
    pub(super) max_polarity: u64,
    pub(super) without_actors: usize,
    pub(super) zoom: f32,
    pub(super) pan: Vec2,
    /// The circles and arrows of the last frame, tessellated.
    pub(super) painted: MeshCache,
}

impl NetworkGraph {
    /// The network of `context`, laid out.
    pub fn of(context: &Context<'_>) -> Self {
        let network = Network::compute(context);
        let layout = layout_network(&network, NETWORK_LAYOUT_SEED);
        Self::from_network(context, &network, &layout.positions)
    }

    fn from_network(context: &Context<'_>, network: &Network, layout: &[[f32; 2]]) -> Self {
        let stance_count = network.stances.len();
        let mut nodes: Vec<GraphNode> = network
            .nodes
            .iter()
            .map(|node| GraphNode {
                key: node.actor.key.clone(),
                label: node.actor.label.clone(),
                ids: context.ids(&node.mentions).into_iter().cloned().collect(),
                as_holder: vec![0; stance_count],
                as_target: vec![0; stance_count],
            })
            .collect();
        let edges: Vec<GraphEdge> = network
            .edges
            .iter()
            .map(|edge| {
                let by_stance: Vec<usize> = edge.by_stance.iter().map(|m| m.len()).collect();
                for (stance, count) in by_stance.iter().enumerate() {
                    if let Some(node) = nodes.get_mut(edge.holder) {
                        node.as_holder[stance] += count;
                    }
                    if let Some(node) = nodes.get_mut(edge.target) {
                        node.as_target[stance] += count;
                    }
                }
                GraphEdge {
                    holder: edge.holder,
                    target: edge.target,
                    by_stance,
                    net_polarity: edge.net_polarity,
                    ids: context.ids(&edge.total).into_iter().cloned().collect(),
                    has_reverse: edge.holder != edge.target
                        && network
                            .edges
                            .binary_search_by_key(&(edge.target, edge.holder), |e| {
                                (e.holder, e.target)
                            })
                            .is_ok(),
                }
            })
            .collect();
        let laid_out: Vec<Pos2> = layout.iter().map(|p| pos2(p[0], p[1])).collect();
        let mut label_order: Vec<usize> = (0..nodes.len()).collect();
        label_order.sort_by_key(|&n| std::cmp::Reverse(nodes[n].ids.len()));
        Self {
            stances: network.stances.iter().map(|s| s.label.clone()).collect(),
            max_mentions: nodes.iter().map(|n| n.ids.len()).max().unwrap_or(0).max(1),
            max_passages: edges.iter().map(|e| e.ids.len()).max().unwrap_or(0).max(1),
            max_polarity: edges
                .iter()
                .map(|e| e.net_polarity.unsigned_abs())
                .max()
                .unwrap_or(0)
                .max(1),
            without_actors: network.without_actors.len(),
            positions: laid_out.clone(),
            laid_out,
            label_order,
            nodes,
            edges,
            zoom: 1.0,
            pan: Vec2::ZERO,
            painted: MeshCache::default(),
        }
    }

    /// Keeps `old`'s positions and view when it drew the same actors.
    pub(super) fn keep_arrangement_of(&mut self, old: &Self) {
        let same_actors = old.nodes.len() == self.nodes.len()
            && old
                .nodes
                .iter()
                .zip(&self.nodes)
                .all(|(a, b)| a.key == b.key);
        if same_actors {
            self.positions.clone_from(&old.positions);
            self.zoom = old.zoom;
            self.pan = old.pan;
        }
    }

    /// "Serbia → China: 7 (+6)", as the matrix cell says it.
    pub(super) fn edge_name(&self, edge: &GraphEdge) -> String {
        format!(
            "{}: {} ({:+})",
            self.edge_title(edge),
            edge.ids.len(),
            edge.net_polarity
        )
    }

    pub(super) fn edge_title(&self, edge: &GraphEdge) -> String {
        let label = |n: usize| self.nodes.get(n).map_or("", |node| node.label.as_str());
        format!("{} → {}", label(edge.holder), label(edge.target))
    }

    /// "supportive 6, mixed 1": the stances with passages.
    fn stance_counts(&self, counts: &[usize]) -> String {
        let parts: Vec<String> = self
            .stances
            .iter()
            .zip(counts)
            .filter(|(_, count)| **count > 0)
            .map(|(stance, count)| format!("{stance} {count}"))
            .collect();
        parts.join(", ")
    }

    pub(super) fn edge_hover(&self, edge: &GraphEdge) -> String {
        format!(
            "{}: {} passage(s)\n{}\nnet polarity {:+}\nclick to list them in Coded passages",
            self.edge_title(edge),
            edge.ids.len(),
            self.stance_counts(&edge.by_stance),
            edge.net_polarity
        )
    }

    pub(super) fn node_hover(&self, node: &GraphNode) -> String {
        let mut text = format!("{}: {} passage(s) name it", node.label, node.ids.len());
        for (role, counts) in [
            ("as holder", &node.as_holder),
            ("as target", &node.as_target),
        ] {
            let total: usize = counts.iter().sum();
            if total > 0 {
                text.push_str(&format!("\n{role} {total}: {}", self.stance_counts(counts)));
            }
        }
        text.push_str("\nclick to list them in Coded passages; drag to move");
        text
    }
}

#[cfg(test)]
mod tests {
    use super::NetworkGraph;
    use crate::model::analysis::{ActorLevel, Context};
    use crate::model::codebook::ActorKind;
    use crate::model::query::RetrievalFilter;

    /// The sample at country level. Expected figures, from the table
    /// `gloss analyze seeds --table network --level countries` prints:
    /// Serbia → China supportive 6, mixed 1 (net +6); Serbia → European Union
    /// critical 1; China → Serbia supportive 1; United States → Serbia
    /// critical 1; (no holder) → Serbia critical 1.
    #[test]
    fn hover_texts_count_each_stance_of_an_arrow_and_of_an_actor() {
        let workspace = crate::sample::workspace().expect("sample");
        let level = ActorLevel::Kind(ActorKind::Country);
        let context = Context::of_filter(&workspace, &RetrievalFilter::default(), level);
        let graph = NetworkGraph::of(&context);
        let serbia = graph.nodes.iter().position(|n| n.label == "Serbia");
        let china = graph.nodes.iter().position(|n| n.label == "China");
        let edge = graph
            .edges
            .iter()
            .find(|e| Some(e.holder) == serbia && Some(e.target) == china)
            .expect("Serbia → China");
        assert_eq!(edge.ids.len(), 7);
        assert_eq!(graph.edge_name(edge), "Serbia → China: 7 (+6)");
        assert!(
            graph.edge_hover(edge).starts_with(
                "Serbia → China: 7 passage(s)\nsupportive 6, mixed 1\nnet polarity +6"
            ),
            "{}",
            graph.edge_hover(edge)
        );
        // China → Serbia exists too: both arrows are drawn side by side.
        assert!(edge.has_reverse);
        let node = &graph.nodes[serbia.expect("Serbia")];
        let hover = graph.node_hover(node);
        assert!(
            hover.contains("as holder 8: supportive 6, critical 1, mixed 1"),
            "{hover}"
        );
        assert!(
            hover.contains("as target 3: supportive 1, critical 2"),
            "{hover}"
        );
        assert_eq!(node.ids.len(), 11);
        // Laid out once, inside the square, one position per actor.
        assert_eq!(graph.positions.len(), graph.nodes.len());
        assert!(
            graph
                .positions
                .iter()
                .all(|p| (0.0..=1.0).contains(&p.x) && (0.0..=1.0).contains(&p.y))
        );
    }
}
