//! Speed of the stance network drawn as a graph, with 500 actors: the
//! force-directed layout (once per network), and one frame of the Analysis
//! view showing the laid-out graph (the real `analysis_view_ui` in a headless
//! `egui::Context`, tessellation included, no GPU), as the window draws it
//! on every repaint: a steady one, and one where the drawing changed since
//! the frame before (nothing kept). Figures: BENCHMARKS.md.
//!
//! Run with `cargo bench --bench network`. Target: a frame under 8 ms.
#![allow(
    clippy::expect_used,
    reason = "a benchmark whose setup or whose checks fail must stop loudly"
)]

mod fixture;

use criterion::{Criterion, criterion_group, criterion_main};
use gloss::app::analysis_view::{
    AnalysisState, ChartState, NetworkView, TableKind, analysis_view_ui,
};
use gloss::model::analysis::{ActorLevel, Context, NETWORK_LAYOUT_SEED, Network, layout_network};
use gloss::model::anchor::AnchorStatus;
use gloss::model::annotation::{Annotation, TextAnchor};
use gloss::model::codebook::{Actor, ActorKind};
use gloss::model::document::DocumentRecord;
use gloss::model::ids::{ActorId, AnnotationId, DocumentId};
use gloss::model::query::RetrievalFilter;
use gloss::model::text::CharOffset;
use gloss::model::workspace::Workspace;
use std::collections::HashMap;
use std::hint::black_box;
use std::time::Duration;

const ACTORS: usize = 500;
const ANNOTATIONS: usize = 10_000;
const SCREEN: egui::Vec2 = egui::vec2(1400.0, 900.0);

/// The sample codebook with 500 actors (25 groups around a busy actor each)
/// and 10,000 annotations between them over 50 documents: mostly within a
/// group, one in eight across groups.
fn workspace() -> Workspace {
    let mut project = fixture::sample_codebook_project();
    project.codebook.actors = (0..ACTORS)
        .map(|n| Actor {
            id: ActorId(format!("actor-{n:03}")),
            name: format!("Actor {n:03}"),
            kind: Some(ActorKind::Organisation),
            belongs_to: None,
            description: String::new(),
        })
        .collect();
    project.documents = (0..50)
        .map(|d| {
            let mut record = DocumentRecord::new(&format!("doc{d:02}.txt"), "");
            record.id = DocumentId(format!("doc-{d:02}"));
            record
        })
        .collect();
    let stances = fixture::codebook_ids(&project).stances;
    let group_of = |n: usize| n % 25;
    let mut annotations = Vec::with_capacity(ANNOTATIONS);
    for n in 0..ANNOTATIONS {
        let holder = (n * 7919) % ACTORS;
        let target = if n % 8 == 0 {
            (n * 104_729 + 13) % ACTORS
        } else if n % 3 == 0 {
            group_of(holder)
        } else {
            group_of(holder) + 25 * ((n / 25) % 20)
        };
        let start = (n / 50) * 200;
        annotations.push(Annotation {
            id: AnnotationId(format!("ann-{n:05}")),
            document: DocumentId(format!("doc-{:02}", n % 50)),
            start: CharOffset(start),
            end: CharOffset(start + 120),
            anchor: TextAnchor::default(),
            status: AnchorStatus::Exact,
            coded_quote: None,
            topics: Vec::new(),
            stance: Some(stances[n % stances.len()].clone()),
            holder: Some(ActorId(format!("actor-{holder:03}"))),
            target: Some(ActorId(format!("actor-{target:03}"))),
            memo: String::new(),
            coder: "ana".into(),
            created: String::new(),
            modified: String::new(),
        });
    }
    project.annotations = annotations;
    project.sort_canonically();
    Workspace::new(project, HashMap::new())
}

fn raw_input(events: Vec<egui::Event>) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, SCREEN)),
        events,
        ..Default::default()
    }
}

/// One frame: the Analysis view in a central panel, then tessellation;
/// returns the vertices painted.
fn frame(ctx: &egui::Context, state: &mut AnalysisState, workspace: &Workspace) -> usize {
    frame_with(ctx, state, workspace, Vec::new())
}

/// One frame with these input events; returns the vertices painted.
fn frame_with(
    ctx: &egui::Context,
    state: &mut AnalysisState,
    workspace: &Workspace,
    events: Vec<egui::Event>,
) -> usize {
    primitives(ctx, state, workspace, events)
        .iter()
        .map(|primitive| match &primitive.primitive {
            egui::epaint::Primitive::Mesh(mesh) => mesh.vertices.len(),
            egui::epaint::Primitive::Callback(_) => 0,
        })
        .sum()
}

/// A fingerprint of what a frame paints (every clip rectangle, vertex and
/// index): the same before and after a change to how it is drawn means the
/// picture is the same.
fn fingerprint(primitives: &[egui::ClippedPrimitive]) -> u64 {
    use std::hash::{Hash as _, Hasher as _};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for primitive in primitives {
        let clip = primitive.clip_rect;
        for value in [clip.min.x, clip.min.y, clip.max.x, clip.max.y] {
            value.to_bits().hash(&mut hasher);
        }
        if let egui::epaint::Primitive::Mesh(mesh) = &primitive.primitive {
            mesh.indices.hash(&mut hasher);
            for vertex in &mesh.vertices {
                for value in [vertex.pos.x, vertex.pos.y, vertex.uv.x, vertex.uv.y] {
                    value.to_bits().hash(&mut hasher);
                }
                vertex.color.to_array().hash(&mut hasher);
            }
        }
    }
    hasher.finish()
}

/// One frame, tessellated.
fn primitives(
    ctx: &egui::Context,
    state: &mut AnalysisState,
    workspace: &Workspace,
    events: Vec<egui::Event>,
) -> Vec<egui::ClippedPrimitive> {
    let filter = RetrievalFilter::default();
    let mut chart = ChartState::default();
    let mut output = ctx.run_ui(raw_input(events), |ui| {
        egui::CentralPanel::default().show(ui, |ui| {
            black_box(analysis_view_ui(ui, state, &mut chart, workspace, &filter));
        });
    });
    // No GPU takes the font atlas here.
    output.textures_delta.clear();
    ctx.tessellate(output.shapes, output.pixels_per_point)
}

fn network_benches(c: &mut Criterion) {
    let workspace = workspace();
    let context = Context::of_filter(&workspace, &RetrievalFilter::default(), ActorLevel::Actors);
    let network = Network::compute(&context);
    assert_eq!(network.nodes.len(), ACTORS, "every actor is on some edge");
    eprintln!(
        "{} nodes, {} edges",
        network.nodes.len(),
        network.edges.len()
    );

    let mut group = c.benchmark_group("network_500");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("layout", |b| {
        b.iter(|| layout_network(black_box(&network), NETWORK_LAYOUT_SEED));
    });

    let ctx = egui::Context::default();
    gloss::app::theme::install(&ctx);
    let mut state = AnalysisState::default();
    state.table = TableKind::Network;
    state.network_graph.view = NetworkView::Graph;
    // The first frames compute the network and lay it out; later ones draw.
    let mut vertices = 0;
    for _ in 0..3 {
        vertices = frame(&ctx, &mut state, &workspace);
    }
    assert_eq!(state.tables_computed(), 1, "laid out once, then cached");
    // An empty frame cannot pass: 500 circles and their arrows are painted.
    assert!(vertices > 20_000, "only {vertices} vertices painted");
    let painted = fingerprint(&primitives(&ctx, &mut state, &workspace, Vec::new()));
    eprintln!("steady frame: {vertices} vertices, fingerprint {painted:016x}");
    group.bench_function("frame_laid_out", |b| {
        b.iter(|| frame(&ctx, &mut state, &workspace));
    });
    // Frames where what the canvas draws changed since the last one (here
    // the pointer over the canvas zooms in and out by turns, as Ctrl+wheel
    // does; in use also a dragged node or another item hovered), so none of
    // it is kept from the frame before.
    let pointer = egui::Event::PointerMoved(egui::pos2(SCREEN.x / 2.0, SCREEN.y * 0.7));
    let mut factor = 1.25;
    group.bench_function("frame_redrawn", |b| {
        b.iter(|| {
            factor = 1.0 / factor;
            let events = vec![pointer.clone(), egui::Event::Zoom(factor)];
            frame_with(&ctx, &mut state, &workspace, events)
        });
    });
    group.finish();
}

criterion_group!(benches, network_benches);
criterion_main!(benches);
