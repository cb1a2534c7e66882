//! Speed targets of the foundation: scanning and loading folders, big documents,
//! saving and loading big projects, importing annotations. Figures: BENCHMARKS.md.
//!
//! Run with `cargo bench --bench core_io`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark whose set-up fails should stop loudly"
)]

mod fixture;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use gloss::cli::{self, Invocation, Output};
use gloss::model::annotation::Annotation;
use gloss::model::document::{DocumentRecord, LoadedText};
use gloss::model::ids::AnnotationId;
use gloss::model::project::Project;
use gloss::model::text::CharRange;
use gloss::storage;
use std::ffi::OsStr;
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

/// Realistic text: the sample corpus with Serbian Cyrillic and Chinese mixed in.
fn corpus_text(target_bytes: usize, variant: usize) -> String {
    let mut text = String::with_capacity(target_bytes + 64 * 1024);
    let mut round = variant;
    while text.len() < target_bytes {
        for (_, document) in gloss::sample::SAMPLE_DOCUMENTS {
            text.push_str(document);
            text.push_str(&format!(
                "\n\nОдломак {round}: Председник Вучић и 习近平 — Đoković, Dačić.\n\n"
            ));
            round += 1;
            if text.len() >= target_bytes {
                break;
            }
        }
    }
    let mut end = target_bytes.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text
}

fn write_folder(folder: &Path, documents: usize, bytes_each: usize) {
    for index in 0..documents {
        let sub = folder.join(format!("part{:02}", index % 10));
        std::fs::create_dir_all(&sub).expect("mkdir");
        std::fs::write(
            sub.join(format!("doc{index:04}.txt")),
            corpus_text(bytes_each, index),
        )
        .expect("write");
    }
}

/// A project with one document of `text` and `count` annotations spread over it.
fn project_with_annotations(text: &str, count: usize) -> Project {
    let mut project = fixture::sample_codebook_project();
    let loaded = LoadedText::from_string(text);
    let record = DocumentRecord::new("big.txt", &loaded.sha256);
    project.documents = vec![record.clone()];
    let fixture::CodebookIds {
        topics,
        stances,
        actors,
    } = fixture::codebook_ids(&project);
    let length = loaded.text.len_chars();
    let step = (length / count).max(1);
    for index in 0..count {
        let start = (index * step) % length.saturating_sub(80).max(1);
        let range = CharRange::new(start, start + 40 + index % 40);
        let Some(mut annotation) = Annotation::new(
            record.id.clone(),
            &loaded.text,
            range,
            "bench",
            "2026-11-23T10:00:00Z",
        ) else {
            continue;
        };
        annotation.id = AnnotationId(format!("ann-{index:08}"));
        annotation.topics = vec![topics[index % topics.len()].clone()];
        annotation.stance = Some(stances[index % stances.len()].clone());
        annotation.holder = Some(actors[index % actors.len()].clone());
        annotation.target = Some(actors[(index + 1) % actors.len()].clone());
        annotation.memo = if index % 5 == 0 {
            format!("memo {index}")
        } else {
            String::new()
        };
        project.annotations.push(annotation);
    }
    project.sort_canonically();
    project
}

fn bench_folder_and_documents(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));

    let folder = tempfile::tempdir().expect("tempdir");
    write_folder(folder.path(), 1000, 50 * 1024);
    group.bench_function("scan_and_load_folder_1000_docs_50mb", |b| {
        b.iter(|| {
            let opened = storage::open_project(folder.path()).expect("open");
            assert_eq!(opened.workspace.project.documents.len(), 1000);
            black_box(opened)
        });
    });

    let big = tempfile::tempdir().expect("tempdir");
    let path = big.path().join("big.txt");
    std::fs::write(&path, corpus_text(4 * 1024 * 1024, 0)).expect("write");
    group.bench_function("read_document_4mb", |b| {
        b.iter(|| black_box(storage::read_document(&path).expect("read")));
    });
    group.finish();
}

fn bench_project_file(c: &mut Criterion) {
    let mut group = c.benchmark_group("project_file");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(15));
    let text = corpus_text(4 * 1024 * 1024, 0);
    let project = project_with_annotations(&text, 100_000);
    assert_eq!(project.annotations.len(), 100_000);
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("gloss.json");
    group.bench_function("save_project_100k_annotations", |b| {
        b.iter(|| storage::save_project(&path, &project, None).expect("save"));
    });
    group.bench_function("load_project_100k_annotations", |b| {
        b.iter(|| {
            let loaded = storage::read_project_file(&path).expect("load");
            assert_eq!(loaded.annotations.len(), 100_000);
            black_box(loaded)
        });
    });
    // What opening a project in the window adds: the structural check that decides
    // whether a hand-broken file opens read-only.
    let texts = std::collections::HashMap::from([(
        project.documents[0].id.clone(),
        LoadedText::from_string(&text),
    )]);
    group.bench_function("structural_check_100k_annotations", |b| {
        b.iter(|| {
            let problems = gloss::model::check::structural_problems(&project, &texts);
            assert!(problems.is_empty(), "{problems:?}");
            black_box(problems)
        });
    });
    group.finish();
}

/// `count` lines of `gloss import-annotations` input spread over a document of `length` chars.
fn import_lines(length: usize, count: usize) -> String {
    let topics = ["Kosovo", "EU accession", "Huawei and 5G"];
    (0..count)
        .map(|index| {
            let start = (index * (length / count)).min(length - 50);
            format!(
                "{{\"doc\": \"big.txt\", \"start\": {start}, \"end\": {}, \"topics\": [\"{}\"], \"stance\": \"critical\", \"holder\": \"Serbia\", \"target\": \"China\"}}\n",
                start + 50,
                topics[index % topics.len()]
            )
        })
        .collect()
}

fn bench_import(c: &mut Criterion) {
    let mut group = c.benchmark_group("import");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(15));
    let folder = tempfile::tempdir().expect("tempdir");
    let text = corpus_text(4 * 1024 * 1024, 0);
    std::fs::write(folder.path().join("big.txt"), &text).expect("write doc");
    let project = project_with_annotations(&text, 1);
    let project_json = gloss::model::format::project_to_json(&project);
    let length = text.chars().count();
    let project_file = folder.path().join("gloss.json");
    for (count, name) in [
        (1000, "import_1000_annotations_4mb_document"),
        (100_000, "import_100k_annotations"),
    ] {
        let import_file = folder.path().join(format!("import-{count}.jsonl"));
        std::fs::write(&import_file, import_lines(length, count)).expect("write jsonl");
        group.bench_function(name, |b| {
            b.iter_batched(
                || std::fs::write(&project_file, &project_json).expect("reset project"),
                |()| {
                    let arguments: [&OsStr; 4] = [
                        "gloss".as_ref(),
                        "import-annotations".as_ref(),
                        folder.path().as_os_str(),
                        import_file.as_os_str(),
                    ];
                    let Ok(Invocation::Command(command)) = cli::parse_from(arguments) else {
                        panic!("import-annotations parses");
                    };
                    let (mut out, mut err) = (std::io::sink(), std::io::sink());
                    cli::run(command, &mut Output::new(&mut out, &mut err)).expect("import");
                },
                BatchSize::PerIteration,
            );
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    bench_folder_and_documents,
    bench_project_file,
    bench_import
);
criterion_main!(benches);
