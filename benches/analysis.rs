//! Speed of every analysis table on a project of 100,000 annotations over
//! 1,000 documents (dated over five years, three outlets), with the sample's codebook
//! (24 actors with kinds and belongs-to): building the context (query and
//! index), then each table from it, as a window would per change of filter.
//! Figures: BENCHMARKS.md.
//!
//! Run with `cargo bench --bench analysis`.
#![allow(
    clippy::expect_used,
    reason = "a benchmark whose setup fails should stop at once"
)]

use criterion::{Criterion, criterion_group, criterion_main};
use gloss::model::analysis::{
    ActorLevel, Context, Cooccurrence, Dimension, Frequencies, Matrix, Network, OverTime,
    PeriodLength, frequencies_table,
};
use gloss::model::anchor::AnchorStatus;
use gloss::model::annotation::{Annotation, TextAnchor};
use gloss::model::codebook::ActorKind;
use gloss::model::document::DocumentRecord;
use gloss::model::format::project_from_json;
use gloss::model::ids::{AnnotationId, DocumentId};
use gloss::model::query::RetrievalFilter;
use gloss::model::text::CharOffset;
use gloss::model::workspace::Workspace;
use std::collections::HashMap;
use std::hint::black_box;
use std::time::Duration;

const DOCUMENTS: usize = 1_000;
const ANNOTATIONS: usize = 100_000;

/// The sample's codebook with 1,000 documents (nine in ten dated) and 100,000 annotations,
/// spread deterministically (about one in five overlaps the one before).
fn workspace() -> Workspace {
    let mut project = project_from_json(gloss::sample::SAMPLE_PROJECT_JSON).expect("sample");
    project.annotations.clear();
    project.documents = (0..DOCUMENTS)
        .map(|d| {
            let mut record = DocumentRecord::new(&format!("doc{d:04}.txt"), "");
            record.id = DocumentId(format!("doc-{d:04}"));
            let outlet = ["Politika", "N1", "Global Times"][d % 3];
            record.attributes.insert("outlet".into(), outlet.into());
            if d % 10 != 0 {
                let date = format!("{}-{:02}-{:02}", 2018 + d % 5, 1 + d % 12, 1 + d % 28);
                record.attributes.insert("date".into(), date);
            }
            record
        })
        .collect();
    let codebook = &project.codebook;
    let (topics, stances, actors) = (&codebook.topics, &codebook.stances, &codebook.actors);
    let per_document = ANNOTATIONS / DOCUMENTS;
    let mut annotations = Vec::with_capacity(ANNOTATIONS);
    for n in 0..ANNOTATIONS {
        let document = n / per_document;
        let slot = n % per_document;
        let start = slot * 200 + if n % 5 == 0 { 0 } else { 120 };
        let topic_count = 1 + n % 3;
        annotations.push(Annotation {
            id: AnnotationId(format!("ann-{n:06}")),
            document: DocumentId(format!("doc-{document:04}")),
            start: CharOffset(start),
            end: CharOffset(start + 150),
            anchor: TextAnchor::default(),
            status: AnchorStatus::Exact,
            coded_quote: None,
            topics: (0..topic_count)
                .map(|k| topics[(n * 7 + k * 5) % topics.len()].id.clone())
                .collect(),
            stance: (n % 9 != 0).then(|| stances[n % stances.len()].id.clone()),
            holder: (n % 11 != 0).then(|| actors[(n * 3) % actors.len()].id.clone()),
            target: (n % 13 != 0).then(|| actors[(n * 5 + 1) % actors.len()].id.clone()),
            memo: String::new(),
            coder: ["ana", "bojan"][n % 2].into(),
            created: String::new(),
            modified: String::new(),
        });
    }
    project.annotations = annotations;
    project.sort_canonically();
    Workspace::new(project, HashMap::new())
}

fn analysis(c: &mut Criterion) {
    let workspace = workspace();
    let filter = RetrievalFilter::default();
    let countries = ActorLevel::Kind(ActorKind::Country);
    let mut group = c.benchmark_group("analysis_100k");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(3));
    group.bench_function("context", |b| {
        b.iter(|| Context::of_filter(black_box(&workspace), &filter, countries.clone()));
    });
    let context = Context::of_filter(&workspace, &filter, countries.clone());
    assert_eq!(context.annotations.len(), ANNOTATIONS);
    let actors = Context::of_filter(&workspace, &filter, ActorLevel::Actors);
    group.bench_function("frequencies", |b| {
        b.iter(|| Frequencies::compute(black_box(&context), None));
    });
    let outlet = Dimension::Attribute("outlet".into());
    group.bench_function("frequencies_by_outlet", |b| {
        b.iter(|| Frequencies::compute(black_box(&context), Some(&outlet)));
    });
    group.bench_function("frequencies_by_document", |b| {
        b.iter(|| Frequencies::compute(black_box(&context), Some(&Dimension::Document)));
    });
    // What the window and the exports do next: the computed table as rows of cells.
    let by_document = Frequencies::compute(&context, Some(&Dimension::Document));
    group.bench_function("frequencies_by_document_as_table", |b| {
        b.iter(|| frequencies_table(black_box(&by_document)));
    });
    group.bench_function("topic_stance", |b| {
        b.iter(|| Matrix::cross(black_box(&context), &Dimension::Topic, &Dimension::Stance));
    });
    group.bench_function("topic_attribute", |b| {
        b.iter(|| Matrix::cross(black_box(&context), &Dimension::Topic, &outlet));
    });
    group.bench_function("network_actors", |b| {
        b.iter(|| Network::compute(black_box(&actors)));
    });
    group.bench_function("network_countries", |b| {
        b.iter(|| Network::compute(black_box(&context)));
    });
    group.bench_function("over_time_month", |b| {
        b.iter(|| {
            OverTime::compute(
                black_box(&context),
                "date",
                PeriodLength::Month,
                &Dimension::Stance,
            )
        });
    });
    group.bench_function("over_time_year", |b| {
        b.iter(|| {
            OverTime::compute(
                black_box(&context),
                "date",
                PeriodLength::Year,
                &Dimension::Stance,
            )
        });
    });
    group.bench_function("cooccurrence", |b| {
        b.iter(|| Cooccurrence::compute(black_box(&context)));
    });
    group.finish();
}

criterion_group!(benches, analysis);
criterion_main!(benches);
