//! Speed of the exports on a big project: 100,000 annotations over 100
//! documents of mixed Latin, Cyrillic and Chinese text (target: under 1 s
//! each for csv, jsonl and qdpx), plus retrieval with a filter and the qdpx
//! import; and the Markdown and HTML reports of 3,000 annotations on one
//! 4 MB document (their line numbers must not cost annotations × length).
//! Figures: BENCHMARKS.md.
//!
//! Run with `cargo bench --bench export` (`-- report_` for the reports only).

#![allow(
    clippy::expect_used,
    reason = "a benchmark whose setup fails should stop at once"
)]

mod fixture;

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, criterion_group, criterion_main};
use gloss::export::{ExportFormat, ExportOptions, export_to_bytes};
use gloss::import::qdpx::import_qdpx;
use gloss::model::annotation::Annotation;
use gloss::model::document::{DocumentRecord, LoadedText};
use gloss::model::ids::{AnnotationId, TopicId};
use gloss::model::project::Project;
use gloss::model::query::{RetrievalFilter, SortOrder, facet_counts, retrieve};
use gloss::model::text::CharRange;
use gloss::model::workspace::Workspace;
use std::collections::HashMap;
use std::hint::black_box;
use std::time::Duration;

const DOCUMENTS: usize = 100;
const ANNOTATIONS_PER_DOCUMENT: usize = 1_000;

/// About 60 KB of sample text with Cyrillic and Chinese mixed in.
fn document_text(variant: usize) -> String {
    let mut text = String::new();
    let mut round = variant;
    while text.len() < 60_000 {
        for (_, document) in gloss::sample::SAMPLE_DOCUMENTS {
            text.push_str(document);
            text.push_str(&format!(
                "\n\nОдломак {round}: Председник Вучић и 习近平 — Đoković.\n\n"
            ));
            round += 1;
        }
    }
    text
}

/// The sample project with its codebook only, and its topic ids.
fn sample_codebook() -> (Project, Vec<TopicId>) {
    let project = fixture::sample_codebook_project();
    let topics = fixture::codebook_ids(&project).topics;
    (project, topics)
}

/// The sample codebook, 100 documents and 100,000 coded annotations with memos.
fn big_workspace() -> Workspace {
    let (mut project, topics) = sample_codebook();
    let fixture::CodebookIds {
        stances, actors, ..
    } = fixture::codebook_ids(&project);
    let mut texts = HashMap::new();
    for index in 0..DOCUMENTS {
        let loaded = LoadedText::from_string(&document_text(index));
        let mut record = DocumentRecord::new(&format!("corpus/doc{index:03}.txt"), &loaded.sha256);
        record
            .attributes
            .insert("outlet".into(), format!("Outlet {}", index % 7));
        record.attributes.insert(
            "date".into(),
            format!(
                "20{:02}-0{}-1{}",
                15 + index % 10,
                1 + index % 9,
                index % 10
            ),
        );
        let length = loaded.text.len_chars();
        for n in 0..ANNOTATIONS_PER_DOCUMENT {
            let start = (n * 57) % (length - 400);
            let range = CharRange::new(start, start + 80 + n % 200);
            let mut annotation = Annotation::new(
                record.id.clone(),
                &loaded.text,
                range,
                "coder",
                "2026-11-23T09:00:00Z",
            )
            .expect("range");
            annotation.id = AnnotationId(format!("ann-{index:03}-{n:04}"));
            annotation.topics = vec![
                topics[n % topics.len()].clone(),
                topics[(n / 3) % topics.len()].clone(),
            ];
            annotation.topics.dedup();
            annotation.stance = Some(stances[n % stances.len()].clone());
            annotation.holder = Some(actors[n % actors.len()].clone());
            annotation.target = Some(actors[(n + 1) % actors.len()].clone());
            if n % 3 == 0 {
                annotation.memo = format!("Memo {n}: compare with the Washington agreement.");
            }
            project.annotations.push(annotation);
        }
        texts.insert(record.id.clone(), loaded);
        project.documents.push(record);
    }
    project.sort_canonically();
    Workspace::new(project, texts)
}

/// The options every benchmarked export uses.
fn bench_options() -> ExportOptions {
    ExportOptions {
        project_name: "bench".into(),
        now: "2026-11-23T12:00:00Z".into(),
    }
}

/// One benchmark per (name, format): exporting everything in `workspace`.
fn bench_formats(
    group: &mut BenchmarkGroup<'_, WallTime>,
    workspace: &Workspace,
    cases: &[(&str, ExportFormat)],
) {
    let options = bench_options();
    let everything = RetrievalFilter::default();
    for &(name, format) in cases {
        group.bench_function(name, |b| {
            b.iter(|| {
                export_to_bytes(black_box(workspace), format, &everything, &options)
                    .expect("export")
            });
        });
    }
}

fn exports(c: &mut Criterion) {
    let workspace = big_workspace();
    assert_eq!(
        workspace.project.annotations.len(),
        DOCUMENTS * ANNOTATIONS_PER_DOCUMENT
    );
    let options = bench_options();
    let everything = RetrievalFilter::default();
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    bench_formats(
        &mut group,
        &workspace,
        &[
            ("csv_100k_annotations", ExportFormat::Csv),
            ("jsonl_100k_annotations", ExportFormat::Jsonl),
            ("qdpx_100k_annotations", ExportFormat::Qdpx),
            ("w3c_100k_annotations", ExportFormat::W3c),
            ("xlsx_100k_annotations", ExportFormat::Xlsx),
        ],
    );
    let (archive, _) =
        export_to_bytes(&workspace, ExportFormat::Qdpx, &everything, &options).expect("qdpx");
    group.bench_function("qdpx_import_plan_100k_annotations", |b| {
        b.iter(|| {
            import_qdpx(
                black_box(&archive),
                &Workspace::default(),
                "2026-11-23T12:00:00Z",
            )
            .expect("import")
        });
    });
    group.finish();

    let mut group = c.benchmark_group("retrieval");
    group.sample_size(20);
    let filter = RetrievalFilter {
        topics: vec![TopicId::from("topic-health")],
        attributes: vec![("year".into(), "2019".into())],
        text: "Huawei".into(),
        sort: SortOrder::Stance,
        ..RetrievalFilter::default()
    };
    group.bench_function("filter_and_sort_100k_annotations", |b| {
        b.iter(|| retrieve(black_box(&workspace), &filter).len());
    });
    group.bench_function("facet_counts_100k_annotations", |b| {
        b.iter(|| facet_counts(black_box(&workspace), &filter).matching);
    });
    group.finish();
}

/// Annotations on the long document of the report benchmarks.
const LONG_DOCUMENT_ANNOTATIONS: usize = 3_000;
/// Size of the long document, in bytes.
const LONG_DOCUMENT_BYTES: usize = 4_000_000;

/// The sample codebook and one 4 MB document with 3,000 annotations spread over it.
fn long_document_workspace() -> Workspace {
    let (mut project, topics) = sample_codebook();
    let mut text = String::with_capacity(LONG_DOCUMENT_BYTES + 70_000);
    let mut variant = 0;
    while text.len() < LONG_DOCUMENT_BYTES {
        text.push_str(&document_text(variant));
        variant += 1;
    }
    let loaded = LoadedText::from_string(&text);
    let record = DocumentRecord::new("corpus/long.txt", &loaded.sha256);
    let length = loaded.text.len_chars();
    let step = (length - 400) / LONG_DOCUMENT_ANNOTATIONS;
    for n in 0..LONG_DOCUMENT_ANNOTATIONS {
        let start = n * step;
        let mut annotation = Annotation::new(
            record.id.clone(),
            &loaded.text,
            CharRange::new(start, start + 120),
            "coder",
            "2026-11-23T09:00:00Z",
        )
        .expect("range");
        annotation.id = AnnotationId(format!("ann-long-{n:04}"));
        annotation.topics = vec![topics[n % topics.len()].clone()];
        project.annotations.push(annotation);
    }
    let texts = HashMap::from([(record.id.clone(), loaded)]);
    project.documents.push(record);
    project.sort_canonically();
    Workspace::new(project, texts)
}

fn reports(c: &mut Criterion) {
    let workspace = long_document_workspace();
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    bench_formats(
        &mut group,
        &workspace,
        &[
            ("report_md_4mb_3000_annotations", ExportFormat::Md),
            ("report_html_4mb_3000_annotations", ExportFormat::Html),
            ("report_csv_4mb_3000_annotations", ExportFormat::Csv),
        ],
    );
    group.finish();
}

criterion_group!(benches, reports, exports);
criterion_main!(benches);
