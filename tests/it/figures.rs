//! Figures and the HTML analysis report on the bundled sample:
//! `gloss analyze --report` writes one self-contained HTML file holding every
//! analysis table (as many rows as `gloss analyze --json` gives for it) and
//! the charts as inline SVG that an XML parser reads; the filter is written
//! out, and a filtered report counts only what passes the filter.

use crate::analysis::{run, sample_copy};
use scraper::{Html, Selector};
use serde_json::Value;
use std::path::Path;

/// Writes the report of `filter` flags and reads it back.
fn report(folder: &Path, filter: &[&str]) -> (String, String) {
    let out = folder.join("analysis.html");
    let dir = folder.to_str().expect("utf8");
    let out_arg = out.to_str().expect("utf8");
    let mut args = vec!["analyze", dir, "--report", out_arg];
    args.extend_from_slice(filter);
    let (result, _, err) = run(&args);
    assert!(result.is_ok(), "{result:?} {err}");
    (
        std::fs::read_to_string(&out).expect("the report is written"),
        err,
    )
}

/// How many rows `gloss analyze --json` gives for a table.
fn json_rows(folder: &Path, table: &[&str]) -> usize {
    let dir = folder.to_str().expect("utf8");
    let mut args = vec!["analyze", dir, "--json", "--table"];
    args.extend_from_slice(table);
    let (result, out, err) = run(&args);
    assert!(result.is_ok(), "{result:?} {err}");
    let json: Value = serde_json::from_slice(&out).expect("json");
    json["rows"].as_array().expect("rows").len()
}

fn select(text: &str) -> Selector {
    Selector::parse(text).expect("selector")
}

#[test]
fn the_analysis_report_holds_every_table_and_the_charts() {
    let (_guard, folder) = sample_copy();
    let (html, err) = report(&folder, &[]);
    assert!(
        err.contains("wrote the analysis report of 30 annotations"),
        "{err}"
    );
    let page = Html::parse_document(&html);
    // Every table, with as many rows as the command line's own table.
    for (id, table) in [
        ("frequencies", vec!["frequencies"]),
        ("topic-stance", vec!["topic-stance"]),
        ("topic-attribute", vec!["topic-attribute", "--by", "outlet"]),
        ("network", vec!["network"]),
        ("over-time", vec!["over-time"]),
        ("cooccurrence", vec!["cooccurrence"]),
    ] {
        let rows = select(&format!("section#{id} table tbody tr"));
        assert_eq!(
            page.select(&rows).count(),
            json_rows(&folder, &table),
            "{id}"
        );
    }
    // The three charts, inline, each well-formed SVG with bars or edges.
    let svgs: Vec<String> = page
        .select(&select("figure.chart svg"))
        .map(|s| s.html())
        .collect();
    assert_eq!(svgs.len(), 3);
    let mut drawn = Vec::new();
    for svg in &svgs {
        let document = roxmltree::Document::parse(svg).expect("the chart is XML");
        let titles: Vec<&str> = document
            .descendants()
            .filter(|n| n.has_tag_name("rect") || n.has_tag_name("g"))
            .filter_map(|n| n.children().find(|c| c.has_tag_name("title"))?.text())
            .collect();
        assert!(!titles.is_empty(), "{svg}");
        drawn.extend(titles.into_iter().map(str::to_owned));
    }
    // Serbia's support for China is an edge of the drawn network (actors as coded: Vučić).
    assert!(drawn.iter().any(|t| t.contains(" → China: ")), "{drawn:?}");
    // The filter and the project are written out; the page prints.
    let text = page.root_element().text().collect::<String>();
    assert!(text.contains("Filter: all annotations"), "{text}");
    assert!(html.contains("@media print"));
    assert!(!html.contains("<script"), "self-contained, nothing to run");
    assert!(
        !html.contains("src=\"http"),
        "self-contained, nothing to fetch"
    );
}

#[test]
fn a_filtered_report_counts_what_passes_the_filter() {
    let (_guard, folder) = sample_copy();
    let (html, err) = report(&folder, &["--stance", "critical"]);
    let critical = json_rows(&folder, &["frequencies", "--stance", "critical"]);
    assert!(critical > 0);
    let page = Html::parse_document(&html);
    let meta: Vec<String> = page
        .select(&select("header p.meta"))
        .map(|p| p.text().collect())
        .collect();
    assert!(
        meta.iter().any(|m| m == "Filter: stance: critical"),
        "{meta:?}"
    );
    assert!(!err.contains("of 30 annotations"), "{err}");
    // Every chart says the filter under it.
    for svg in page.select(&select("figure.chart svg")) {
        assert!(svg.html().contains("Filter: stance: critical"));
    }
    // --report takes no --table.
    let dir = folder.to_str().expect("utf8");
    let out = folder.join("x.html");
    let arguments = [
        "gloss",
        "analyze",
        dir,
        "--report",
        out.to_str().expect("utf8"),
        "--table",
        "network",
    ];
    assert!(gloss::cli::parse_from(arguments).is_err());
}

#[test]
fn the_report_splits_over_time_by_topic_and_draws_it_as_lines_when_asked() {
    let (_guard, folder) = sample_copy();
    let (html, err) = report(&folder, &["--over-time-by", "topic", "--lines"]);
    assert!(err.contains("wrote the analysis report"), "{err}");
    let page = Html::parse_document(&html);
    // The table has the topics as its columns, as `--table over-time --by topic`.
    let headers: Vec<String> = page
        .select(&select("section#over-time table thead th"))
        .map(|h| h.text().collect())
        .collect();
    assert!(
        headers.iter().any(|h| h.contains("Huawei and 5G")),
        "{headers:?}"
    );
    assert!(!headers.iter().any(|h| h == "critical"), "{headers:?}");
    assert_eq!(
        page.select(&select("section#over-time table tbody tr"))
            .count(),
        json_rows(&folder, &["over-time", "--by", "topic"])
    );
    // The chart is lines: one dot per period and topic, named by both.
    let chart = page
        .select(&select("section#over-time figure.chart svg"))
        .next()
        .expect("the over-time chart")
        .html();
    let document = roxmltree::Document::parse(&chart).expect("the chart is XML");
    let dots: Vec<&str> = document
        .descendants()
        .filter(|n| n.has_tag_name("circle"))
        .filter_map(|n| n.children().find(|c| c.has_tag_name("title"))?.text())
        .collect();
    assert!(
        dots.iter()
            .any(|t| t.starts_with("2020 × ") && t.ends_with("Huawei and 5G: 3")),
        "{dots:?}"
    );
    // Without the flags the report keeps stance and stacked bars.
    let (plain, _) = report(&folder, &[]);
    let plain = Html::parse_document(&plain);
    let chart = plain
        .select(&select("section#over-time figure.chart svg"))
        .next()
        .expect("the over-time chart")
        .html();
    assert!(!chart.contains("<circle"), "bars, not lines");
    // The flags belong to the report.
    let dir = folder.to_str().expect("utf8");
    let arguments = ["gloss", "analyze", dir, "--table", "over-time", "--lines"];
    assert!(gloss::cli::parse_from(arguments).is_err());
}
