//! Speed of corpus search on a generated 50 MB corpus (500 documents of
//! 100 KB: the sample corpus with Serbian Latin and Cyrillic names and Chinese
//! mixed in). Targets: exact and diacritic-insensitive search under 150 ms to
//! all hits, fuzzy under 2 s. Figures: BENCHMARKS.md.
//!
//! Run with `cargo bench --bench search`.
#![allow(
    clippy::expect_used,
    reason = "a benchmark whose set-up fails should stop loudly"
)]

use criterion::{Criterion, criterion_group, criterion_main};
use gloss::model::ids::DocumentId;
use gloss::model::search::{
    CompiledQuery, MatchMode, SearchIndex, SearchQuery, build_indexes, corpus_documents,
    default_thread_count, search_corpus,
};
use gloss::model::text::CanonicalText;
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

const CORPUS_BYTES: usize = 50 * 1024 * 1024;
const DOCUMENT_BYTES: usize = 100 * 1024;

/// Sentences with the names researchers of this corpus look for, in both scripts.
const SERBIAN_LINES: [&str; 6] = [
    "Председник Александар Вучић састао се са Си Ђинпингом у Београду.",
    "Premijerka Ana Brnabić i ministar Ivica Dačić govorili su o saradnji sa Kinom.",
    "Министар Синиша Мали потписао је уговор о зајму; Љубљана и Његош у позадини.",
    "Vucic (bez dijakritika) i Djokovic u tekstu prepisanom sa OCR-om: Vuclc, Dacic.",
    "习近平主席与武契奇总统在贝尔格莱德会面，讨论“一带一路”合作。",
    "Đoković je rekao da je Srbija zahvalna Kini 🇷🇸🇨🇳.",
];

fn document_text(variant: usize) -> String {
    let mut text = String::with_capacity(DOCUMENT_BYTES + 4096);
    let mut round = variant;
    while text.len() < DOCUMENT_BYTES {
        let (_, sample) =
            gloss::sample::SAMPLE_DOCUMENTS[round % gloss::sample::SAMPLE_DOCUMENTS.len()];
        text.push_str(sample);
        text.push_str("\n\n");
        text.push_str(SERBIAN_LINES[round % SERBIAN_LINES.len()]);
        text.push_str("\n\n");
        round += 1;
    }
    let mut end = DOCUMENT_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text
}

struct Corpus {
    ids: Vec<DocumentId>,
    texts: Vec<CanonicalText>,
}

fn corpus() -> Corpus {
    let count = CORPUS_BYTES / DOCUMENT_BYTES;
    Corpus {
        ids: (0..count)
            .map(|i| DocumentId(format!("doc-{i:04}")))
            .collect(),
        texts: (0..count)
            .map(|i| CanonicalText::new(document_text(i)))
            .collect(),
    }
}

fn run(corpus: &Corpus, indexes: &[SearchIndex], query: &CompiledQuery) -> usize {
    let documents = corpus_documents(corpus.ids.iter().zip(&corpus.texts), indexes);
    let hits = AtomicUsize::new(0);
    let cancel = AtomicBool::new(false);
    search_corpus(
        &documents,
        query,
        default_thread_count(),
        &cancel,
        &|_, found| {
            hits.fetch_add(found.len(), Ordering::Relaxed);
        },
    );
    hits.into_inner()
}

fn search_benchmarks(c: &mut Criterion) {
    let corpus = corpus();
    let texts: Vec<&CanonicalText> = corpus.texts.iter().collect();
    let threads = default_thread_count();
    let bytes: usize = corpus.texts.iter().map(CanonicalText::len_bytes).sum();
    eprintln!(
        "corpus: {} documents, {bytes} bytes, {threads} threads",
        corpus.texts.len()
    );

    let mut group = c.benchmark_group("search_50mb");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(8));
    group.warm_up_time(Duration::from_secs(1));

    let folded_query = |text: &str, change: &dyn Fn(&mut SearchQuery)| {
        let mut query = SearchQuery::plain(text);
        change(&mut query);
        CompiledQuery::new(&query).expect("query compiles")
    };
    let insensitive = folded_query("vucic", &|_| {});
    group.bench_function("build_index_folded", |b| {
        b.iter(|| black_box(build_indexes(&texts, insensitive.fold_options(), threads)));
    });
    let folded_indexes = build_indexes(&texts, insensitive.fold_options(), threads);
    let exact = folded_query("Vučić", &|q| {
        q.case_sensitive = true;
        q.diacritic_sensitive = true;
    });
    let exact_indexes = build_indexes(&texts, exact.fold_options(), threads);

    let cases: Vec<(&str, CompiledQuery, &[SearchIndex])> = vec![
        ("exact_Vučić", exact, &exact_indexes),
        ("folded_vucic", insensitive, &folded_indexes),
        (
            "folded_common_word_china",
            folded_query("china", &|_| {}),
            &folded_indexes,
        ),
        (
            "folded_whole_word_djokovic",
            folded_query("djokovic", &|q| q.whole_word = true),
            &folded_indexes,
        ),
        (
            "regex_vu.i.",
            folded_query(r"vu.i.\b", &|q| q.mode = MatchMode::Regex),
            &folded_indexes,
        ),
        (
            "fuzzy_1_vucic",
            folded_query("vucic", &|q| {
                q.mode = MatchMode::Fuzzy;
                q.max_edits = Some(1);
            }),
            &folded_indexes,
        ),
        (
            "fuzzy_3_sentence_over_64_chars",
            folded_query(
                "premijerka ana brnabic i ministar ivica dacic govorili su o saradnji sa kinom",
                &|q| {
                    q.mode = MatchMode::Fuzzy;
                    q.max_edits = Some(3);
                },
            ),
            &folded_indexes,
        ),
        (
            "fuzzy_2_aleksandar_vucic",
            folded_query("aleksandar vucic", &|q| {
                q.mode = MatchMode::Fuzzy;
                q.max_edits = Some(2);
            }),
            &folded_indexes,
        ),
    ];
    for (name, query, indexes) in &cases {
        eprintln!("{name}: {} hits", run(&corpus, indexes, query));
        group.bench_function(*name, |b| {
            b.iter(|| black_box(run(&corpus, indexes, query)));
        });
    }
    group.finish();
}

criterion_group!(benches, search_benchmarks);
criterion_main!(benches);
