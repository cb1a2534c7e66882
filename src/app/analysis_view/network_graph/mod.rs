//! The stance network drawn as a directed graph (the view that answers
//! "which countries support China"): a circle per actor sized by the
//! passages that name it, an arrow per holder → target pair coloured by net
//! polarity (theme tokens, a legend above) and as thick as its passages.
//!
//! The layout is `model::analysis::layout_network` with a fixed seed,
//! computed once per network (when the view's table cache is recomputed),
//! not per frame. Dragging a node moves it; the moved positions stay while
//! the network has the same actors, even across a recomputation. Ctrl+wheel
//! (or a pinch) zooms around the pointer, dragging the background pans.
//! Hovering shows the counts per stance; a click on a node or an arrow asks
//! for exactly its passages in Coded passages (a [`GraphDrillDown`],
//! as a matrix cell does). Every node and arrow is an accessible button
//! ("Serbia → China: 7 (+6)", "Serbia: 9 passages").
//!
//! `graph.rs` holds the network as drawn (built and laid out once),
//! `canvas.rs` handles the pointer (a widget per node and arrow),
//! `paint.rs` places and paints it, and `mesh_cache.rs` keeps its circles
//! and arrows tessellated between frames while they stay the same (a
//! steady frame of 500 actors then tessellates only the labels).

mod canvas;
mod graph;
mod mesh_cache;
mod paint;

pub use graph::{GraphDrillDown, NetworkGraph};

use crate::app::theme;
use crate::model::analysis::{ActorLevel, Context};
use crate::model::query::RetrievalFilter;
use crate::model::workspace::Workspace;
use egui::{RichText, Sense, Stroke, Vec2, vec2};

/// The canvas is never shorter than this (the pane scrolls instead).
const CANVAS_MIN_HEIGHT_POINTS: f32 = 260.0;

/// How the network table is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NetworkView {
    /// As a drawn directed graph.
    #[default]
    Graph,
    /// As a holder × target matrix.
    Matrix,
}

/// What the graph keeps between frames: the view chosen and the graph of the
/// current network with its (possibly dragged) positions.
#[derive(Clone, Debug, Default)]
pub struct NetworkGraphState {
    /// Graph or matrix.
    pub view: NetworkView,
    /// The table cache's count of computed tables the graph was built at.
    built_at: Option<usize>,
    graph: Option<NetworkGraph>,
}

/// What the graph is drawn from this frame.
pub(super) struct GraphInputs<'a> {
    /// The open project.
    pub workspace: &'a Workspace,
    /// The coded-passages filter (its id condition is ignored).
    pub filter: &'a RetrievalFilter,
    /// The level actors are counted at.
    pub level: &'a ActorLevel,
    /// The view's count of computed tables: a new count, a new network.
    pub tables_computed: usize,
    /// The table's title.
    pub title: &'a str,
    /// The filter in words.
    pub filtered: &'a str,
}

/// The graph of the current network over `filter`, built again only when
/// the view's table cache was recomputed (and then keeping the dragged
/// positions when the actors are the same).
fn current_graph<'s>(
    graphs: &'s mut NetworkGraphState,
    inputs: &GraphInputs<'_>,
) -> &'s mut NetworkGraph {
    let computed = inputs.tables_computed;
    let old = graphs.graph.take();
    let graph = match old {
        Some(graph) if graphs.built_at == Some(computed) => graph,
        old => {
            let mut without_ids = inputs.filter.clone();
            without_ids.annotation_ids = None;
            let context = Context::of_filter(inputs.workspace, &without_ids, inputs.level.clone());
            let mut graph = NetworkGraph::of(&context);
            if let Some(old) = &old {
                graph.keep_arrangement_of(old);
            }
            graphs.built_at = Some(computed);
            graph
        }
    };
    graphs.graph.insert(graph)
}

/// The Graph / Matrix switch of the network table.
pub(super) fn view_switch_ui(ui: &mut egui::Ui, state: &mut NetworkGraphState) {
    ui.label("Show as");
    ui.selectable_value(&mut state.view, NetworkView::Graph, "Graph");
    ui.selectable_value(&mut state.view, NetworkView::Matrix, "Matrix");
}

/// The graph of the network over `filter` under its title, legend and
/// notes. Returns the drill-down asked for, if any.
pub(super) fn network_graph_ui(
    ui: &mut egui::Ui,
    state: &mut NetworkGraphState,
    inputs: &GraphInputs<'_>,
) -> Vec<GraphDrillDown> {
    let graph = current_graph(state, inputs);
    let (title, filtered) = (inputs.title, inputs.filtered);
    // The pane's height: the canvas fills what the title and legend leave,
    // never less than its minimum (then the pane scrolls).
    let pane_height = ui.available_height();
    egui::ScrollArea::vertical()
        .id_salt("network-graph-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let top = ui.cursor().top();
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(title).strong());
                ui.label(RichText::new(filtered).weak());
            });
            toolbar_ui(ui, graph);
            if graph.nodes.is_empty() {
                ui.label(RichText::new("No passage names a holder or a target.").weak());
                return Vec::new();
            }
            let used = ui.cursor().top() - top;
            let height =
                (pane_height - used - ui.spacing().item_spacing.y).max(CANVAS_MIN_HEIGHT_POINTS);
            canvas::canvas_ui(ui, graph, vec2(ui.available_width(), height))
        })
        .inner
}

/// The legend of the arrow colours and the view's buttons.
fn toolbar_ui(ui: &mut egui::Ui, graph: &mut NetworkGraph) {
    let dark = ui.visuals().dark_mode;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("net stance:").small());
        for (strength, text) in [(1.0, "supportive"), (-1.0, "critical"), (0.0, "balanced")] {
            let (rect, _) = ui.allocate_exact_size(vec2(22.0, 12.0), Sense::hover());
            ui.painter().line_segment(
                [rect.left_center(), rect.right_center()],
                Stroke::new(3.0, theme::polarity_stroke(dark, strength)),
            );
            ui.label(RichText::new(text).small());
        }
        if ui
            .small_button("Reset view")
            .on_hover_text("Zoom and pan back to the whole network")
            .clicked()
        {
            graph.zoom = 1.0;
            graph.pan = Vec2::ZERO;
        }
        if ui
            .small_button("Lay out again")
            .on_hover_text("Put every dragged node back where the layout placed it")
            .clicked()
        {
            graph.positions.clone_from(&graph.laid_out);
        }
        let mut help = "circle: the passages naming the actor; arrow: holder → target, as thick \
                        as its passages, coloured by net polarity (the sum of the stances' \
                        polarity). Drag a node to move it, Ctrl+wheel zooms, drag the background \
                        to pan; click a node or an arrow to list its passages."
            .to_owned();
        if graph.without_actors > 0 {
            help.push_str(&format!(
                " {} annotation(s) have neither a holder nor a target and are not drawn.",
                graph.without_actors
            ));
        }
        ui.label(RichText::new("How to read it").weak().small())
            .on_hover_text(help);
    });
}
