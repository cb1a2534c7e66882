//! The stance network: who (holder) takes which stance toward whom (target).
//! One edge per holder → target pair (after roll-up to the context's level),
//! with its annotations per stance and its net polarity: the sum of the
//! stances' `polarity` over the edge's annotations (a supportive +1 and a
//! critical −1 cancel out; an annotation without a stance adds 0).
//!
//! An annotation with a holder but no target (or the reverse) makes an edge
//! to or from `(no target)` / `(no holder)`; one with neither is not an edge
//! and is listed in [`Network::without_actors`].

use super::axis::{Axis, Dimension, Header, HeaderKey};
use super::context::{Context, Members};
use rustc_hash::FxHashMap as FastMap;
use std::collections::HashMap;

/// An actor (after roll-up) in the network.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// The actor, or `(no holder)` / `(no target)`.
    pub actor: Header,
    /// Annotations with it as holder.
    pub as_holder: usize,
    /// Annotations with it as target.
    pub as_target: usize,
    /// Every annotation that names it, as holder or target.
    pub mentions: Members,
}

/// Every annotation from one holder to one target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edge {
    /// Position of the holder in [`Network::nodes`].
    pub holder: usize,
    /// Position of the target in [`Network::nodes`].
    pub target: usize,
    /// Per stance column ([`Network::stances`]), the annotations of this edge.
    pub by_stance: Vec<Members>,
    /// All annotations of this edge.
    pub total: Members,
    /// Sum of the stances' polarities over the edge's annotations.
    pub net_polarity: i64,
}

/// The stance network of the selected annotations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Network {
    /// The stance scale (every stance, in order), then `(no stance)` if used.
    pub stances: Vec<Header>,
    /// Holders and targets (after roll-up) in codebook order, then `(no holder)`
    /// and `(no target)`; only those on some edge.
    pub nodes: Vec<Node>,
    /// Edges sorted by holder, then target (node order).
    pub edges: Vec<Edge>,
    /// Annotations with neither a holder nor a target.
    pub without_actors: Members,
}

impl Network {
    /// The label of node `n` (empty for an index past the nodes).
    pub fn node_label(&self, n: usize) -> String {
        self.nodes
            .get(n)
            .map_or_else(String::new, |node| node.actor.label.clone())
    }

    /// The network of the context's annotations.
    pub fn compute(context: &Context<'_>) -> Self {
        let stances = Axis::of(context, &Dimension::Stance);
        let holders = Axis::of(context, &Dimension::Holder);
        let targets = Axis::of(context, &Dimension::Target);
        let polarity: Vec<i64> = stances
            .headers
            .iter()
            .map(|h| match &h.key {
                HeaderKey::Stance(id) => context
                    .project
                    .codebook
                    .stance(id)
                    .map_or(0, |s| i64::from(s.polarity)),
                _ => 0,
            })
            .collect();
        // Nodes: holders then targets, merged by header.
        let mut nodes: Vec<Node> = Vec::new();
        let mut node_of: HashMap<&Header, usize> = HashMap::new();
        for header in holders.headers.iter().chain(&targets.headers) {
            node_of.entry(header).or_insert_with(|| {
                nodes.push(Node {
                    actor: header.clone(),
                    as_holder: 0,
                    as_target: 0,
                    mentions: Members::default(),
                });
                nodes.len() - 1
            });
        }
        let holder_node: Vec<usize> = holders.headers.iter().map(|h| node_of[h]).collect();
        let target_node: Vec<usize> = targets.headers.iter().map(|h| node_of[h]).collect();
        let no_holder = holders
            .headers
            .iter()
            .position(|h| h.key == HeaderKey::Missing);
        let no_target = targets
            .headers
            .iter()
            .position(|h| h.key == HeaderKey::Missing);
        let mut edges: FastMap<(usize, usize), Edge> = FastMap::default();
        let mut without_actors = Members::default();
        for position in 0..context.annotations.len() {
            let (Some(&h), Some(&t), Some(&s)) = (
                holders.values.of(position).first(),
                targets.values.of(position).first(),
                stances.values.of(position).first(),
            ) else {
                continue;
            };
            let (h, t, s) = (h as usize, t as usize, s as usize);
            if Some(h) == no_holder && Some(t) == no_target {
                without_actors.push(position as u32);
                continue;
            }
            let (holder, target) = (holder_node[h], target_node[t]);
            let edge = edges.entry((holder, target)).or_insert_with(|| Edge {
                holder,
                target,
                by_stance: vec![Members::default(); stances.headers.len()],
                total: Members::default(),
                net_polarity: 0,
            });
            edge.by_stance[s].push(position as u32);
            edge.total.push(position as u32);
            edge.net_polarity += polarity[s];
            nodes[holder].as_holder += 1;
            nodes[holder].mentions.push(position as u32);
            nodes[target].as_target += 1;
            nodes[target].mentions.push(position as u32);
        }
        let (nodes, edges) = order_nodes(context, nodes, edges.into_values().collect());
        Self {
            stances: stances.headers,
            nodes,
            edges,
            without_actors,
        }
    }
}

/// Keeps the nodes some edge uses (a "(no holder)" seen only on annotations
/// without any actor is none) in codebook order, missing ones last, and
/// renumbers the edges, sorted by holder then target.
fn order_nodes(
    context: &Context<'_>,
    nodes: Vec<Node>,
    edges: Vec<Edge>,
) -> (Vec<Node>, Vec<Edge>) {
    let actor_rank: HashMap<&crate::model::ids::ActorId, usize> = context
        .project
        .codebook
        .actors
        .iter()
        .enumerate()
        .map(|(rank, a)| (&a.id, rank))
        .collect();
    let mut order: Vec<usize> = (0..nodes.len())
        .filter(|&i| !nodes[i].mentions.is_empty())
        .collect();
    order.sort_by_key(|&i| match &nodes[i].actor.key {
        HeaderKey::Actor(id) => (0, actor_rank.get(id).copied().unwrap_or(usize::MAX), i),
        _ => (1, 0, i),
    });
    let mut renumber = vec![usize::MAX; nodes.len()];
    for (new, &old) in order.iter().enumerate() {
        renumber[old] = new;
    }
    let kept: Vec<Node> = order.iter().map(|&i| nodes[i].clone()).collect();
    let mut edges: Vec<Edge> = edges
        .into_iter()
        .map(|e| Edge {
            holder: renumber[e.holder],
            target: renumber[e.target],
            ..e
        })
        .collect();
    edges.sort_by_key(|e| (e.holder, e.target));
    (kept, edges)
}
