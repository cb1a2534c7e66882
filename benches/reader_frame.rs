//! Speed of the reading view: CPU time of one frame of `reader_ui` on a 5 MB
//! document with 20,000 annotations, headless (no GPU): the first frame after
//! opening (cold caches), then steady frames scrolled to the top, the middle
//! and the end, a frame while the pointer moves over annotated text, and a
//! frame right after an edit (the annotation index is rebuilt).
//! Each frame includes egui's tessellation, as the real window does.
//!
//! Run with `cargo bench --bench reader_frame`. Targets: first frame < 100 ms,
//! steady frames < 4 ms (median).
#![allow(
    clippy::expect_used,
    reason = "a benchmark whose setup or whose checks fail must stop loudly"
)]

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use gloss::app::reader::{AnnotationIndex, ParagraphIndex};
use gloss::app::reader::{ReaderSettings, ReaderState, reader_ui};
use gloss::model::annotation::Annotation;
use gloss::model::document::{DocumentRecord, LoadedText};
use gloss::model::format::project_from_json;
use gloss::model::ids::DocumentId;
use gloss::model::text::CharRange;
use gloss::model::workspace::Workspace;
use std::collections::HashMap;
use std::hint::black_box;
use std::time::Duration;

const DOCUMENT_BYTES: usize = 5 * 1024 * 1024;
const ANNOTATION_COUNT: usize = 20_000;
const SCREEN: egui::Vec2 = egui::vec2(1400.0, 900.0);

/// Deterministic pseudo-random numbers (xorshift64*).
struct Random(u64);

impl Random {
    fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % bound.max(1)
    }
}

/// The sample corpus repeated with variations until it is `target_bytes` long.
fn corpus_text(target_bytes: usize) -> String {
    let mut text = String::with_capacity(target_bytes + 64 * 1024);
    let mut round = 0;
    while text.len() < target_bytes {
        for (_, document) in gloss::sample::SAMPLE_DOCUMENTS {
            text.push_str(&format!(
                "Part {round}: Председник Вучић и 习近平 — Đoković, Dačić.\n\n"
            ));
            text.push_str(document);
            text.push_str("\n\n");
            round += 1;
        }
    }
    let mut end = target_bytes;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text
}

/// A workspace with one big document and many annotations using the sample codebook.
fn big_workspace() -> (Workspace, DocumentId) {
    let mut project =
        project_from_json(gloss::sample::SAMPLE_PROJECT_JSON).expect("sample project");
    project.documents.clear();
    project.annotations.clear();
    let record = DocumentRecord::new("big.txt", "");
    let document = record.id.clone();
    project.documents.push(record);
    let loaded = LoadedText::from_string(&corpus_text(DOCUMENT_BYTES));
    let len_chars = loaded.text.len_chars();
    let codebook = project.codebook.clone();
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    let spacing = len_chars / ANNOTATION_COUNT;
    for index in 0..ANNOTATION_COUNT {
        let start = index * spacing + random.below(spacing / 2);
        let length = 20 + random.below(if index % 10 == 0 { 1500 } else { 400 });
        let range = CharRange::new(start, (start + length).min(len_chars));
        let Some(mut annotation) = Annotation::new(
            document.clone(),
            &loaded.text,
            range,
            "bench",
            "2026-11-23T00:00:00Z",
        ) else {
            continue;
        };
        for _ in 0..1 + random.below(3) {
            let topic = &codebook.topics[random.below(codebook.topics.len())];
            annotation.topics.push(topic.id.clone());
        }
        annotation.stance = Some(
            codebook.stances[random.below(codebook.stances.len())]
                .id
                .clone(),
        );
        annotation.holder = Some(
            codebook.actors[random.below(codebook.actors.len())]
                .id
                .clone(),
        );
        annotation.target = Some(
            codebook.actors[random.below(codebook.actors.len())]
                .id
                .clone(),
        );
        project.annotations.push(annotation);
    }
    project.sort_canonically();
    let texts = HashMap::from([(document.clone(), loaded)]);
    (Workspace::new(project, texts), document)
}

fn raw_input(pointer: Option<egui::Pos2>) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, SCREEN)),
        events: pointer
            .map(|pos| vec![egui::Event::PointerMoved(pos)])
            .unwrap_or_default(),
        ..Default::default()
    }
}

/// One frame: `reader_ui` in a central panel, then tessellation.
fn frame(
    ctx: &egui::Context,
    state: &mut ReaderState,
    workspace: &Workspace,
    document: &DocumentId,
    pointer: Option<egui::Pos2>,
) -> usize {
    let settings = ReaderSettings::default();
    let mut output = ctx.run_ui(raw_input(pointer), |ui| {
        egui::CentralPanel::default().show(ui, |ui| {
            let intents = reader_ui(ui, state, workspace, document, &settings, None);
            black_box(intents);
        });
    });
    // No renderer takes the font atlas: drop its updates (epaint asserts in
    // debug builds that none is dropped unapplied).
    output.textures_delta.clear();
    let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    primitives
        .iter()
        .map(|primitive| match &primitive.primitive {
            egui::epaint::Primitive::Mesh(mesh) => mesh.vertices.len(),
            egui::epaint::Primitive::Callback(_) => 0,
        })
        .sum()
}

/// Scrolls to `range` and lets the layout settle.
fn settle_at(
    ctx: &egui::Context,
    state: &mut ReaderState,
    workspace: &Workspace,
    document: &DocumentId,
    range: CharRange,
) {
    state.reveal(range);
    let mut vertices = 0;
    for _ in 0..5 {
        vertices = frame(ctx, state, workspace, document, None);
    }
    // The frame really shows the text: many vertices, and the revealed range is on screen.
    assert!(vertices > 2_000, "only {vertices} vertices painted");
    let rect = state
        .char_screen_rect(range.start)
        .expect("revealed text laid out");
    assert!(
        rect.min.y >= 0.0 && rect.max.y <= SCREEN.y,
        "revealed text off screen: {rect:?}"
    );
    eprintln!("settled at char {}: {vertices} vertices", range.start.0);
}

fn reader_benches(c: &mut Criterion) {
    let (workspace, document) = big_workspace();
    let len_chars = workspace.text(&document).map_or(0, |t| t.text.len_chars());
    let ctx = egui::Context::default();
    gloss::app::theme::install(&ctx);
    // Load the fonts once, as a running app has.
    ctx.run_ui(raw_input(None), |ui| {
        ui.label("warm up");
    })
    .textures_delta
    .clear();

    let mut group = c.benchmark_group("reader_frame");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(8));
    group.bench_function("first_frame_cold_5mb_20k", |b| {
        b.iter_batched(
            || {
                // An empty frame empties egui's own galley cache.
                ctx.run_ui(raw_input(None), |ui| {
                    ui.label("");
                })
                .textures_delta
                .clear();
                ReaderState::default()
            },
            |mut state| frame(&ctx, &mut state, &workspace, &document, None),
            BatchSize::PerIteration,
        );
    });

    for (name, offset) in [
        ("steady_top", 0),
        ("steady_middle", len_chars / 2),
        ("steady_end", len_chars.saturating_sub(10)),
    ] {
        let mut state = ReaderState::default();
        settle_at(
            &ctx,
            &mut state,
            &workspace,
            &document,
            CharRange::new(offset, offset + 1),
        );
        group.bench_function(name, |b| {
            b.iter(|| frame(&ctx, &mut state, &workspace, &document, None));
        });
    }

    let mut state = ReaderState::default();
    settle_at(
        &ctx,
        &mut state,
        &workspace,
        &document,
        CharRange::new(len_chars / 3, len_chars / 3 + 1),
    );
    let mut flip = false;
    group.bench_function("steady_hover_moving", |b| {
        b.iter(|| {
            flip = !flip;
            let pos = if flip {
                egui::pos2(700.0, 400.0)
            } else {
                egui::pos2(720.0, 430.0)
            };
            frame(&ctx, &mut state, &workspace, &document, Some(pos))
        });
    });

    // A frame after an edit: the annotation index is rebuilt (20,000 annotations);
    // only paragraphs whose annotations changed are laid out again.
    let mut edited = workspace.clone();
    let mut state = ReaderState::default();
    settle_at(
        &ctx,
        &mut state,
        &edited,
        &document,
        CharRange::new(len_chars / 3, len_chars / 3 + 1),
    );
    group.bench_function("frame_after_edit", |b| {
        b.iter(|| {
            edited.project.revision += 1;
            frame(&ctx, &mut state, &edited, &document, None)
        });
    });

    let text = &workspace.text(&document).expect("text").text;
    let paragraphs = ParagraphIndex::build(text);
    group.bench_function("paragraph_index_build", |b| {
        b.iter(|| ParagraphIndex::build(black_box(text)).len());
    });
    group.bench_function("annotation_index_build", |b| {
        b.iter(|| {
            AnnotationIndex::build(&workspace, &document, &paragraphs)
                .annotations
                .len()
        });
    });
    group.finish();
}

criterion_group!(benches, reader_benches);
criterion_main!(benches);
