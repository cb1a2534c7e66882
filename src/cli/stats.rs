//! `gloss stats`: documents, skipped files and totals of a folder or project,
//! as a table or one JSON object (read-only), with the annotations counted per
//! anchor status (`exact`, `moved`, `fuzzy`, `orphaned`).

use super::editing;
use super::error::CliError;
use super::output::Output;
use crate::model::anchor::StatusCounts;
use crate::model::format::to_pretty_json;
use crate::storage::OpenedProject;
use serde_json::{Value, json};
use std::fmt::Write as _;
use std::path::PathBuf;

/// The table's first line, aligned with the rows below it.
const TABLE_HEADER: &str =
    "PATH                                          CHARS ENCODING     EOL      ANN  TITLE\n";

/// The command line of `gloss stats`.
#[derive(clap::Args, Debug)]
pub struct StatsArgs {
    path: PathBuf,
    /// Print one JSON object with keys documents, skipped, missing and totals.
    #[arg(long)]
    json: bool,
}

/// Runs `gloss stats`.
pub(crate) fn run(args: &StatsArgs, output: &mut Output<'_>) -> Result<(), CliError> {
    let opened = editing::open(&args.path)?;
    let documents = document_rows(&opened);
    let totals = totals(&opened, &documents);
    if args.json {
        let value = json!({
            "documents": documents,
            "skipped": opened.skipped,
            "missing": opened.missing,
            "totals": totals,
        });
        return output.print(&to_pretty_json(&value));
    }
    output.print(&table(&opened, &documents, &totals))
}

/// One JSON object per document the project lists (keys as `--json` prints them).
fn document_rows(opened: &OpenedProject) -> Vec<Value> {
    let project = &opened.workspace.project;
    project
        .documents
        .iter()
        .map(|record| {
            let loaded = opened.workspace.text(&record.id);
            json!({
                "path": record.path,
                "title": record.title(),
                "chars": loaded.map_or(0, |l| l.text.len_chars()),
                "bytes": loaded.map(|l| l.size_bytes),
                "encoding": loaded.map(|l| l.encoding.clone()),
                "line_endings": loaded.map(|l| l.line_endings.to_string()),
                "replacements": loaded.map(|l| l.replacements),
                "sha256": loaded.map(|l| l.sha256.clone()),
                "annotations": project.annotations_of(&record.id).count(),
                "anchors": StatusCounts::of(project.annotations_of(&record.id).map(|a| a.status)),
            })
        })
        .collect()
}

fn totals(opened: &OpenedProject, documents: &[Value]) -> Value {
    let project = &opened.workspace.project;
    let sum = |key: &str| {
        documents
            .iter()
            .filter_map(|d| d[key].as_u64())
            .sum::<u64>()
    };
    json!({
        "documents": project.documents.len() - opened.missing.len(),
        "chars": sum("chars"),
        "bytes": sum("bytes"),
        "annotations": project.annotations.len(),
        "anchors": StatusCounts::of(project.annotations.iter().map(|a| a.status)),
        "skipped": opened.skipped.len(),
        "missing": opened.missing.len(),
    })
}

/// The human-readable table: one line per document, skipped files, then totals.
fn table(opened: &OpenedProject, documents: &[Value], totals: &Value) -> String {
    let mut text = String::new();
    text.push_str(TABLE_HEADER);
    for doc in documents {
        let field = |key: &str| doc[key].as_str().unwrap_or("-").to_owned();
        let _ = writeln!(
            text,
            "{:<40} {:>10} {:<12} {:<6} {:>5}  {}",
            field("path"),
            doc["chars"].as_u64().unwrap_or(0),
            field("encoding"),
            field("line_endings"),
            doc["annotations"].as_u64().unwrap_or(0),
            field("title")
        );
    }
    for skipped in opened.skipped.iter().chain(&opened.missing) {
        let _ = writeln!(text, "skipped {}: {}", skipped.path, skipped.reason);
    }
    let _ = writeln!(
        text,
        "{} documents, {} chars, {} annotations, {} skipped, {} missing",
        totals["documents"],
        totals["chars"],
        totals["annotations"],
        totals["skipped"],
        totals["missing"]
    );
    let project = &opened.workspace.project;
    if !project.annotations.is_empty() {
        let counts = StatusCounts::of(project.annotations.iter().map(|a| a.status));
        let _ = writeln!(text, "anchors: {counts}");
    }
    text
}
