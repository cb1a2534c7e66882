//! `gloss check`: validates a project and its documents (read-only); one line per
//! problem on standard error and exit 1, or a one-line summary.

use super::editing;
use super::error::CliError;
use super::output::Output;
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
    if lines.is_empty() {
        return output.print(&format!(
            "ok: {} documents, {} annotations, {} topics\n",
            project.documents.len(),
            project.annotations.len(),
            project.codebook.topics.len()
        ));
    }
    for line in &lines {
        output.remark(line);
    }
    Err(CliError::ProblemsFound { count: lines.len() })
}
