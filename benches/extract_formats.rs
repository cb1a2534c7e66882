//! Extraction speed (issue 14): a 100-page Word document (500 paragraphs of
//! 100 words, about 50,000 words, a heading every 10 paragraphs, a footnote
//! every 5, a 10-row table every 50) made in memory, extracted by
//! `extract::extract`; and the Markdown styles and footnote blocks of the
//! sample's policy paper. Figures: BENCHMARKS.md.
//!
//! Run with `cargo bench --bench extract_formats`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark whose set-up fails should stop loudly"
)]

use criterion::{Criterion, criterion_group, criterion_main};
use gloss::extract::{extract, text_structure};
use gloss::model::structure::SourceFormat;
use std::hint::black_box;
use std::io::Write;

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

/// A Word document of `paragraphs` paragraphs of 100 words.
fn long_docx(paragraphs: usize) -> Vec<u8> {
    let words = "Србија и Кина су потписале споразум about the railway and its loans";
    let sentence: String = words
        .split(' ')
        .cycle()
        .take(100)
        .collect::<Vec<_>>()
        .join(" ");
    let mut body = String::new();
    let mut footnotes = format!("<w:footnotes {W}>");
    for index in 0..paragraphs {
        if index % 10 == 0 {
            body.push_str(&format!(
                "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>Section {index}</w:t></w:r></w:p>"
            ));
        }
        let note = if index % 5 == 0 {
            footnotes.push_str(&format!(
                "<w:footnote w:id=\"{index}\"><w:p><w:r><w:t>Source {index}, 2019.</w:t></w:r></w:p></w:footnote>"
            ));
            format!("<w:r><w:footnoteReference w:id=\"{index}\"/></w:r>")
        } else {
            String::new()
        };
        body.push_str(&format!(
            "<w:p><w:r><w:t xml:space=\"preserve\">{sentence}</w:t></w:r>{note}</w:p>"
        ));
        if index % 50 == 49 {
            body.push_str("<w:tbl>");
            for row in 0..10 {
                body.push_str(&format!(
                    "<w:tr><w:tc><w:p><w:r><w:t>Row {row}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>{row}</w:t></w:r></w:p></w:tc></w:tr>"
                ));
            }
            body.push_str("</w:tbl>");
        }
    }
    footnotes.push_str("</w:footnotes>");
    let document = format!("<w:document {W}><w:body>{body}</w:body></w:document>");
    let styles = format!(
        "<w:styles {W}><w:style w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/></w:style></w:styles>"
    );
    let mut bytes = Vec::new();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut bytes));
    for (name, part) in [
        ("word/document.xml", document),
        ("word/styles.xml", styles),
        ("word/footnotes.xml", footnotes),
    ] {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(part.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    bytes
}

fn extraction(c: &mut Criterion) {
    let docx = long_docx(500);
    let extracted = extract(SourceFormat::Docx, &docx).unwrap();
    assert!(extracted.text.split_whitespace().count() > 50_000);
    c.bench_function("docx_100_pages", |b| {
        b.iter(|| {
            extract(SourceFormat::Docx, black_box(&docx))
                .unwrap()
                .text
                .len()
        });
    });
    let paper = gloss::sample::SAMPLE_DOCUMENTS[3].1;
    c.bench_function("footnote_blocks_policy_paper", |b| {
        b.iter(|| {
            text_structure(SourceFormat::PlainText, black_box(paper))
                .notes
                .len()
        });
    });
    // What opening a large plain text in the reader adds: 5 MB, the sample repeated.
    let mut large = String::new();
    while large.len() < 5_000_000 {
        for (_, document) in gloss::sample::SAMPLE_DOCUMENTS {
            large.push_str(document);
        }
    }
    c.bench_function("footnote_blocks_5_mb", |b| {
        b.iter(|| {
            text_structure(SourceFormat::PlainText, black_box(&large))
                .notes
                .len()
        });
    });
    let markdown =
        "# Heading\n\nSome *emphasis*, **strong** and [a link](http://x.rs).\n\n".repeat(2000);
    c.bench_function("markdown_styles_150_kb", |b| {
        b.iter(|| {
            text_structure(SourceFormat::Markdown, black_box(&markdown))
                .styles
                .len()
        });
    });
}

criterion_group!(benches, extraction);
criterion_main!(benches);
