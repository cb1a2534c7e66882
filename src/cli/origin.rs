//! `gloss origin`: where a passage of a PDF came from (read-only): the page
//! and the raw lines the PDF reader extracted it as, before lines were joined
//! into paragraphs, hyphens repaired, ligatures spelled out and headers
//! dropped. The passage is an annotation (`--annotation ID`) or chars of a
//! document (`--doc PATH --start N [--end M]`); the lines come from the
//! document's `SourceMap` (docs/documents.md).

use super::editing;
use super::error::{CliError, Refusal};
use super::output::Output;
use crate::model::ids::AnnotationId;
use crate::model::text::CharRange;
use std::fmt::Write as _;
use std::path::PathBuf;

/// The command line of `gloss origin`.
#[derive(clap::Args, Debug)]
pub struct OriginArgs {
    path: PathBuf,
    /// The annotation whose passage to trace (its id, as `export` prints it).
    #[arg(long, conflicts_with = "doc", required_unless_present = "doc")]
    annotation: Option<String>,
    /// Document path relative to the project, as `stats` prints it.
    #[arg(long, requires = "start")]
    doc: Option<String>,
    /// First char of the passage (Unicode scalar values of the canonical text).
    #[arg(long, requires = "doc")]
    start: Option<usize>,
    /// One past the last char [default: one char from --start].
    #[arg(long, requires = "start")]
    end: Option<usize>,
}

/// Runs `gloss origin`: the passage, then one line per raw line it came from.
pub(crate) fn run(args: &OriginArgs, output: &mut Output<'_>) -> Result<(), CliError> {
    let opened = editing::open(&args.path)?;
    let workspace = &opened.workspace;
    let (document, range) = match (&args.annotation, &args.doc, args.start) {
        (Some(id), _, _) => {
            let annotation = workspace
                .annotation(&AnnotationId::from(id.as_str()))
                .ok_or_else(|| Refusal::UnknownAnnotation(id.clone()))?;
            let record = workspace
                .document(&annotation.document)
                .ok_or_else(|| Refusal::UnknownAnnotation(id.clone()))?;
            (record, annotation.range())
        }
        (None, Some(path), Some(start)) => {
            let record = workspace
                .project
                .document_by_path(path)
                .ok_or_else(|| Refusal::UnknownDocument(path.clone()))?;
            let end = args.end.unwrap_or(start.saturating_add(1));
            (record, CharRange::new(start, end))
        }
        // clap asks for one of the two already.
        _ => return Err(Refusal::NoPassage.into()),
    };
    let loaded = workspace
        .text(&document.id)
        .ok_or_else(|| Refusal::UnreadableDocument(document.path.clone()))?;
    let len_chars = loaded.text.len_chars();
    if range.is_empty() || range.end.0 > len_chars {
        return Err(Refusal::RangeOutside {
            start: range.start.0,
            end: range.end.0,
            document: document.path.clone(),
            len_chars,
        }
        .into());
    }
    let map = loaded
        .structure
        .source_map
        .as_deref()
        .ok_or_else(|| Refusal::NoSourceMap(document.path.clone()))?;
    let mut text = format!("{} {}..{}", document.path, range.start.0, range.end.0);
    if let Some(span) = loaded.structure.page_span(range) {
        let _ = write!(text, " ({})", span.citation());
    }
    let passage = loaded.text.slice(range).unwrap_or_default();
    let _ = writeln!(text, ": {}", passage.replace('\n', " "));
    for line in map.raw_lines(range) {
        let _ = writeln!(
            text,
            "  p. {}, line {}: {}",
            line.page, line.number, line.text
        );
    }
    output.print(&text)
}
