//! `gloss check`: validates a project and its documents (read-only); one line per
//! problem on standard error and exit 1, or a one-line summary. Documents that
//! changed since they were coded are re-anchored in memory when the project is
//! opened; `check` says so per document (a note, not a problem) and counts the
//! annotations per status; fuzzy and orphaned ones are problems (to be reviewed).
//! Conflicts a merge recorded are counted in a note (they hold no broken state).

use super::editing;
use super::error::CliError;
use super::output::Output;
use crate::model::anchor::StatusCounts;
use crate::model::check::check_project;
use std::path::PathBuf;

/// The command line of `gloss check`.
#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    path: PathBuf,
}

/// Runs `gloss check`.
pub(crate) fn run(args: &CheckArgs, output: &mut Output<'_>) -> Result<(), CliError> {
    let opened = editing::open(&args.path)?;
    let project = &opened.workspace.project;
    for moved in &opened.relocated {
        output.remark(&format!(
            "{}: found at {} (same content); its annotations follow it (not saved)",
            moved.from, moved.to
        ));
    }
    for report in &opened.reanchored {
        output.remark(&format!(
            "{}: the file changed since it was coded; re-anchored: {} (not saved)",
            report.path, report.counts
        ));
    }
    let mut lines: Vec<String> = check_project(project, &opened.workspace.texts)
        .into_iter()
        .map(|p| p.message)
        .collect();
    for missing in &opened.missing {
        lines.push(format!("{}: {}", missing.path, missing.reason));
    }
    for skipped in &opened.skipped {
        lines.push(format!("{}: skipped, {}", skipped.path, skipped.reason));
    }
    if !project.conflicts.is_empty() {
        output.remark(&format!(
            "{} merge conflict(s) recorded for review: the project holds the value kept, its \"conflicts\" list all three (see docs/merging.md)",
            project.conflicts.len()
        ));
    }
    let counts = StatusCounts::of(project.annotations.iter().map(|a| a.status));
    if lines.is_empty() {
        return output.print(&format!(
            "ok: {} documents, {} annotations, {} topics; anchors: {counts}\n",
            project.documents.len(),
            project.annotations.len(),
            project.codebook.topics.len()
        ));
    }
    for line in &lines {
        output.remark(line);
    }
    if counts.total() > 0 {
        output.remark(&format!("anchors: {counts}"));
    }
    Err(CliError::ProblemsFound { count: lines.len() })
}
