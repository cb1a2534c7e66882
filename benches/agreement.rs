//! Intercoder agreement speed (issue 13): a 5 MB corpus (50 documents of 100 KB)
//! with 20,000 annotations from 3 coders who code mostly the same passages with
//! shifted boundaries and some other topics. Measured: the pure computation
//! (`model::agreement::agreement`, every figure) and `gloss agreement --json`
//! end to end in-process (open the folder, read 5 MB, compute, print).
//! Figures: BENCHMARKS.md.
//!
//! Run with `cargo bench --bench agreement`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark whose set-up fails should stop loudly"
)]

mod fixture;

use criterion::{Criterion, criterion_group, criterion_main};
use gloss::cli::{self, Invocation, Output};
use gloss::model::agreement::{AgreementOptions, DEFAULT_SEGMENT_OVERLAP_PERCENT, agreement};
use gloss::model::annotation::Annotation;
use gloss::model::document::{DocumentRecord, LoadedText};
use gloss::model::ids::{AnnotationId, DocumentId};
use gloss::model::project::Project;
use gloss::model::text::CharRange;
use std::collections::HashMap;
use std::hint::black_box;
use std::path::Path;

const DOCUMENTS: usize = 50;
const DOCUMENT_BYTES: usize = 100_000;
const ANNOTATIONS: usize = 20_000;
const CODERS: [&str; 3] = ["ana", "ben", "cleo"];

/// The sample corpus repeated to `target_bytes` (ASCII cut at a char boundary).
fn document_text(target_bytes: usize, variant: usize) -> String {
    let mut text = format!("Document {variant}.\n\n");
    while text.len() < target_bytes {
        for (_, document) in gloss::sample::SAMPLE_DOCUMENTS {
            text.push_str(document);
        }
    }
    let mut end = target_bytes;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text
}

/// A small deterministic generator (no dependency, same corpus every run).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, bound: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % bound.max(1)
    }
}

/// The project, its texts, and each document's length in chars.
fn corpus() -> (Project, Vec<(String, String)>, HashMap<DocumentId, usize>) {
    let mut project = fixture::sample_codebook_project();
    let fixture::CodebookIds {
        topics, stances, ..
    } = fixture::codebook_ids(&project);
    let mut random = Lcg(13);
    let mut texts = Vec::new();
    let mut lengths = HashMap::new();
    let per_document = ANNOTATIONS / DOCUMENTS / CODERS.len() + 1;
    for index in 0..DOCUMENTS {
        let text = document_text(DOCUMENT_BYTES, index);
        let loaded = LoadedText::from_string(&text);
        let path = format!("doc{index:03}.txt");
        let record = DocumentRecord::new(&path, &loaded.sha256);
        let length = loaded.text.len_chars();
        let step = length / per_document;
        for passage in 0..per_document {
            let base_start = passage * step + random.below(step / 2);
            let base_len = 80 + random.below(400);
            let topic = random.below(topics.len());
            for (coder_index, coder) in CODERS.iter().enumerate() {
                let counted = project.annotations.len();
                if counted >= ANNOTATIONS {
                    break;
                }
                let start = base_start + random.below(40);
                let end = (start + base_len + random.below(40)).min(length);
                let range = CharRange::new(start, end);
                let Some(mut annotation) = Annotation::new(
                    record.id.clone(),
                    &loaded.text,
                    range,
                    coder,
                    "2026-12-03T07:00:00Z",
                ) else {
                    continue;
                };
                annotation.id = AnnotationId(format!("ann-{index:03}-{passage:04}-{coder_index}"));
                let own_topic = if random.below(10) == 0 {
                    random.below(topics.len())
                } else {
                    topic
                };
                annotation.topics = vec![topics[own_topic].clone()];
                annotation.stance = Some(stances[random.below(stances.len())].clone());
                project.annotations.push(annotation);
            }
        }
        lengths.insert(record.id.clone(), length);
        project.documents.push(record);
        texts.push((path, text));
    }
    project.sort_canonically();
    assert_eq!(project.annotations.len(), ANNOTATIONS);
    (project, texts, lengths)
}

fn write_folder(folder: &Path, project: &Project, texts: &[(String, String)]) {
    for (path, text) in texts {
        std::fs::write(folder.join(path), text).expect("write document");
    }
    gloss::storage::save_project(&folder.join("gloss.json"), project, None).expect("save");
}

fn agreement_speed(c: &mut Criterion) {
    let (project, texts, lengths) = corpus();
    let options = AgreementOptions {
        coders: CODERS.iter().map(ToString::to_string).collect(),
        topics: Vec::new(),
        documents: Vec::new(),
        segment_overlap_percent: DEFAULT_SEGMENT_OVERLAP_PERCENT,
    };
    let report = agreement(&project, &lengths, &options);
    assert!(report.overall.units > 5_000_000, "{}", report.overall.units);
    assert!(report.overall.alpha.expect("alpha") > 0.3);
    let mut group = c.benchmark_group("agreement");
    group.sample_size(10);
    group.bench_function("pure_5mb_20000_annotations_3_coders", |b| {
        b.iter(|| black_box(agreement(&project, &lengths, &options)));
    });
    let folder = tempfile::tempdir().expect("tempdir");
    write_folder(folder.path(), &project, &texts);
    let folder_arg = folder.path().to_str().expect("utf-8 path").to_string();
    group.bench_function("command_5mb_20000_annotations_3_coders", |b| {
        b.iter(|| {
            let args = [
                "gloss",
                "agreement",
                &folder_arg,
                "--coders",
                "ana,ben,cleo",
                "--json",
            ];
            let Invocation::Command(command) = cli::parse_from(args).expect("parse") else {
                panic!("a subcommand");
            };
            let (mut out, mut err) = (Vec::new(), Vec::new());
            cli::run(command, &mut Output::new(&mut out, &mut err)).expect("runs");
            black_box(out)
        });
    });
    group.finish();
}

criterion_group!(benches, agreement_speed);
criterion_main!(benches);
