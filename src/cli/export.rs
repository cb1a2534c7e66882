//! `gloss export`: the annotations that pass the filters, in one format, to
//! standard output or a file (read-only for the project). Same filter and same
//! bytes as the window's Export menu.

use super::editing;
use super::error::{CliError, Refusal};
use super::filter_args::FilterArgs;
use super::formats::export_format_parser;
use super::output::Output;
use crate::export::{ExportFormat, ExportOptions, SourceFiles, export_to_bytes_with_originals};
use crate::model::now_timestamp;
use crate::storage;
use std::path::PathBuf;

/// The command line of `gloss export`.
#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    path: PathBuf,
    #[arg(long, value_parser = export_format_parser())]
    format: ExportFormat,
    /// Write to this file instead of standard output.
    #[arg(long)]
    out: Option<PathBuf>,
    #[command(flatten)]
    filter: FilterArgs,
}

/// Runs `gloss export`; the format's remarks (what another tool will not see) go to stderr.
pub(crate) fn run(args: &ExportArgs, output: &mut Output<'_>) -> Result<(), CliError> {
    let opened = editing::open(&args.path)?;
    let filter = args.filter.to_filter(&opened.workspace.project)?;
    let options = ExportOptions {
        project_name: opened.location.project_name(),
        now: now_timestamp(),
    };
    let format = args.format;
    // A REFI-QDA archive stores the original PDF/Word files beside their texts.
    let originals = if format == ExportFormat::Qdpx {
        storage::read_original_files(&opened.location.folder, &opened.workspace)
    } else {
        SourceFiles::new()
    };
    let (bytes, report) =
        export_to_bytes_with_originals(&opened.workspace, format, &filter, &options, &originals)
            .map_err(Refusal::Export)?;
    for note in &report.notes {
        output.remark(note);
    }
    match &args.out {
        Some(file) => storage::write_atomically(file, &bytes).map_err(CliError::Write),
        None => output.print_bytes(&bytes),
    }
}
