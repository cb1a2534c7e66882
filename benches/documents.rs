//! Speed targets of documents that are extracted (issue #14): opening a
//! 300-page PDF the first time (read, hash, extract, write the cache entry)
//! and again from the extraction cache. Figures: BENCHMARKS.md.
//!
//! The PDF is tests/fixtures/documents/long-300.pdf (300 A5 pages of
//! hard-wrapped text with a running header and page numbers, 300 KB), made by
//! `make_pdfs.py --long 300` (see that folder's README).
//!
//! Run with `cargo bench --bench documents`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark whose set-up fails should stop loudly"
)]

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use gloss::storage;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn long_pdf() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/documents/long-300.pdf")
}

fn bench_pdf(c: &mut Criterion) {
    let mut group = c.benchmark_group("documents");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("open_pdf_300_pages_first_time", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().expect("temp dir");
                let path = dir.path().join("long-300.pdf");
                std::fs::copy(long_pdf(), &path).expect("copy");
                (dir, path)
            },
            |(dir, path)| {
                let loaded = storage::read_document_in_project(&path, dir.path()).expect("open");
                assert!(loaded.structure.pages.len() == 300);
                black_box((loaded, dir))
            },
            BatchSize::PerIteration,
        );
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("long-300.pdf");
    std::fs::copy(long_pdf(), &path).expect("copy");
    storage::read_document_in_project(&path, dir.path()).expect("warm the cache");
    group.bench_function("open_pdf_300_pages_from_cache", |b| {
        b.iter(|| {
            let loaded = storage::read_document_in_project(&path, dir.path()).expect("open");
            black_box(loaded)
        });
    });
    group.finish();
}

criterion_group!(benches, bench_pdf);
criterion_main!(benches);
