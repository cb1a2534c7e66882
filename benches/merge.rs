//! Speed of merging: the three-way merge of two 100,000-annotation projects
//! (each side changed 1 % of the passages, added 1,000 and deleted 500; 200
//! memos changed on both sides become conflicts), pure and through
//! `gloss merge` end to end (three files read, one written). Figures: BENCHMARKS.md.
//!
//! Run with `cargo bench --bench merge -- --warm-up-time 1 --measurement-time 3`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark whose set-up fails should stop loudly"
)]

mod fixture;

use criterion::{Criterion, criterion_group, criterion_main};
use gloss::cli::{self, Invocation, Output};
use gloss::model::annotation::Annotation;
use gloss::model::document::{DocumentRecord, LoadedText};
use gloss::model::format::project_to_json;
use gloss::model::ids::AnnotationId;
use gloss::model::merge::merge_three_way;
use gloss::model::project::Project;
use gloss::model::text::CharRange;
use std::hint::black_box;
use std::time::Duration;

const ANNOTATIONS: usize = 100_000;

/// A project of `count` annotations over the sample's codebook, on 10 documents.
fn base_project(count: usize) -> Project {
    let mut project = fixture::sample_codebook_project();
    let text: String = gloss::sample::SAMPLE_DOCUMENTS
        .iter()
        .map(|(_, text)| *text)
        .collect();
    let loaded = LoadedText::from_string(&text);
    project.documents = (0..10)
        .map(|i| DocumentRecord::new(&format!("doc{i}.txt"), &loaded.sha256))
        .collect();
    let fixture::CodebookIds {
        topics, stances, ..
    } = fixture::codebook_ids(&project);
    let length = loaded.text.len_chars();
    for index in 0..count {
        let start = (index * 7) % (length - 100);
        let range = CharRange::new(start, start + 20 + index % 60);
        let document = project.documents[index % 10].id.clone();
        let mut annotation =
            Annotation::new(document, &loaded.text, range, "ana", "2026-12-01T10:00:00Z")
                .expect("range inside");
        annotation.id = AnnotationId(format!("ann-{index:08}"));
        annotation.topics = vec![topics[index % topics.len()].clone()];
        annotation.stance = Some(stances[index % stances.len()].clone());
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

/// One coder's branch: `salt` picks which passages it touches.
fn branch(base: &Project, salt: usize, coder: &str) -> Project {
    let mut project = base.clone();
    let topics = fixture::codebook_ids(&project).topics;
    for (index, annotation) in project.annotations.iter_mut().enumerate() {
        if index % 100 == salt {
            annotation
                .topics
                .push(topics[(index + 1) % topics.len()].clone());
            annotation.modified = format!("2026-12-0{}T10:00:00Z", 2 + salt % 5);
        }
        if index % 500 == 7 {
            annotation.memo = format!("{coder}'s reading");
        }
    }
    project.annotations.retain(|a| {
        let number: usize = a.id.0[4..].parse().unwrap();
        number % 200 != salt + 10
    });
    let template = project.annotations[0].clone();
    for added in 0..1_000 {
        let mut annotation = template.clone();
        annotation.id = AnnotationId(format!("ann-{coder}-{added}"));
        annotation.coder = coder.to_string();
        project.annotations.push(annotation);
    }
    project.sort_canonically();
    project
}

fn bench_merge(c: &mut Criterion) {
    let base = base_project(ANNOTATIONS);
    let ours = branch(&base, 1, "ana");
    let theirs = branch(&base, 2, "bo");
    let check = merge_three_way(&base, &ours, &theirs);
    // 200 memos changed on both sides, plus the few passages one side deleted and the other changed.
    assert!(
        (200..260).contains(&check.new_conflicts.len()),
        "{}",
        check.new_conflicts.len()
    );
    let kept = check.project.annotations.len();
    assert!(
        (ANNOTATIONS + 1_000..ANNOTATIONS + 1_100).contains(&kept),
        "{kept}"
    );

    let mut group = c.benchmark_group("merge");
    group.sample_size(10);
    group.bench_function("three_way_100k_annotations", |b| {
        b.iter(|| black_box(merge_three_way(&base, &ours, &theirs)));
    });

    let folder = tempfile::tempdir().expect("tempdir");
    let paths = ["base.json", "ours.json", "theirs.json"].map(|name| folder.path().join(name));
    for (path, project) in paths.iter().zip([&base, &ours, &theirs]) {
        std::fs::write(path, project_to_json(project)).expect("write");
    }
    let out = folder.path().join("out.json");
    let args = [
        "gloss",
        "merge",
        paths[0].to_str().unwrap(),
        paths[1].to_str().unwrap(),
        paths[2].to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    group.bench_function("gloss_merge_command_100k_annotations", |b| {
        b.iter(|| {
            let Ok(Invocation::Command(command)) = cli::parse_from(args) else {
                panic!("merge parses");
            };
            let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
            cli::run(command, &mut Output::new(&mut stdout, &mut stderr)).expect("merge");
            black_box(stdout)
        });
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(Duration::from_secs(5));
    targets = bench_merge
}
criterion_main!(benches);
