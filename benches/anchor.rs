//! Re-anchoring speed: 3,000 annotations on a 4 MB document after a paragraph
//! is inserted near its start (every annotation moves), and after a word is
//! misspelt everywhere (most become fuzzy). Figures: BENCHMARKS.md.
//!
//! Run with `cargo bench --bench anchor`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark whose set-up fails should stop loudly"
)]

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use gloss::model::anchor::reanchor_changed_documents;
use gloss::model::annotation::Annotation;
use gloss::model::document::{DocumentRecord, LoadedText};
use gloss::model::project::Project;
use gloss::model::text::CharRange;
use gloss::model::workspace::Workspace;
use std::collections::HashMap;
use std::hint::black_box;

const DOCUMENT_BYTES: usize = 4 * 1024 * 1024;
const ANNOTATIONS: usize = 3_000;

/// The sample corpus repeated to `target_bytes`, with Serbian Cyrillic and
/// Chinese separators (so the text is not ASCII and passages recur).
fn corpus_text(target_bytes: usize) -> String {
    let mut text = String::with_capacity(target_bytes + 64 * 1024);
    let mut round = 0;
    while text.len() < target_bytes {
        for (_, document) in gloss::sample::SAMPLE_DOCUMENTS {
            text.push_str(document);
            text.push_str(&format!(
                "\n\nОдломак {round}: Председник Вучић и 习近平 — Đoković, Dačić.\n\n"
            ));
            round += 1;
        }
    }
    text
}

/// A project with one 4 MB document and 3,000 annotations spread over it,
/// and the document's text after `change`.
fn changed_project(
    change: fn(&str) -> String,
) -> (Project, HashMap<gloss::model::ids::DocumentId, LoadedText>) {
    let old = corpus_text(DOCUMENT_BYTES);
    let old_text = LoadedText::from_string(&old);
    let record = DocumentRecord::new("big.txt", &old_text.sha256);
    let mut project = Project::default();
    let length = old_text.text.len_chars();
    let step = length / (ANNOTATIONS + 1);
    for index in 0..ANNOTATIONS {
        let start = 1_000 + index * step;
        let range = CharRange::new(start, start + 60 + (index * 37) % 240);
        let annotation = Annotation::new(
            record.id.clone(),
            &old_text.text,
            range,
            "bench",
            "2026-12-03T00:00:00Z",
        )
        .expect("range inside");
        project.annotations.push(annotation);
    }
    project.documents.push(record.clone());
    project.sort_canonically();
    let new = change(&old);
    let mut texts = HashMap::new();
    texts.insert(record.id, LoadedText::from_string(&new));
    (project, texts)
}

/// A paragraph inserted near the start: every annotation moves.
fn paragraph_inserted_near_start(old: &str) -> String {
    let cut = (200..old.len())
        .find(|&i| old.is_char_boundary(i))
        .expect("a char boundary");
    format!(
        "{}A paragraph inserted after the coding.\n\n{}",
        &old[..cut],
        &old[cut..]
    )
}

/// A word misspelt everywhere (same length): every passage with it becomes fuzzy.
fn word_misspelt_everywhere(old: &str) -> String {
    old.replace(" the ", " teh ")
}

fn reanchoring(c: &mut Criterion) {
    let (project, texts) = changed_project(paragraph_inserted_near_start);
    let outcome = reanchor_changed_documents(&project, &texts);
    assert_eq!(
        outcome.reports[0].counts.moved, ANNOTATIONS,
        "every annotation moves"
    );
    let mut group = c.benchmark_group("reanchor");
    group.sample_size(10);
    group.bench_function("3000_annotations_4mb_insertion_near_start", |b| {
        b.iter(|| black_box(reanchor_changed_documents(&project, &texts)));
    });
    group.bench_function("3000_annotations_4mb_insertion_near_start_applied", |b| {
        b.iter_batched(
            || Workspace::new(project.clone(), texts.clone()),
            |mut workspace| black_box(workspace.reanchor_changed_documents().expect("applies")),
            BatchSize::LargeInput,
        );
    });
    let (project, texts) = changed_project(word_misspelt_everywhere);
    let counts = reanchor_changed_documents(&project, &texts).reports[0].counts;
    assert_eq!(counts.exact + counts.fuzzy, ANNOTATIONS, "{counts:?}");
    assert!(counts.fuzzy > ANNOTATIONS / 2, "{counts:?}");
    group.bench_function("3000_annotations_4mb_word_misspelt_everywhere", |b| {
        b.iter(|| black_box(reanchor_changed_documents(&project, &texts)));
    });
    group.finish();
}

criterion_group!(benches, reanchoring);
criterion_main!(benches);
