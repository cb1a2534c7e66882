//! `gloss import`: a REFI-QDA project or codebook, a codebook CSV or Taguette
//! highlights into a project (a missing folder is created); prints what could not
//! be mapped, item by item.

use super::editing::ProjectForEdit;
use super::error::{CliError, Refusal};
use super::formats::import_format_parser;
use super::output::Output;
use crate::import::{
    ImportFormat, ImportPlan, ImportReport, NewDocumentFile, detect_import_format, plan_import,
};
use crate::model::edit::Edit;
use crate::model::now_timestamp;
use crate::storage;
use std::fmt::Write as _;
use std::path::PathBuf;

/// The command line of `gloss import`.
#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    /// Folder or project file (a missing folder is created).
    path: PathBuf,
    file: PathBuf,
    /// What FILE is; by default told from its extension and, for CSV, its header.
    #[arg(long, value_parser = import_format_parser())]
    format: Option<ImportFormat>,
    /// With Taguette highlights: Taguette's codebook CSV (descriptions, parents).
    #[arg(long)]
    codebook: Option<PathBuf>,
    /// Coder of imported passages that name none (Taguette); default as for `annotate`.
    #[arg(long)]
    coder: Option<String>,
}

/// The format `--format` names, else the one told from the file's name and bytes.
fn import_format(args: &ImportArgs, bytes: &[u8]) -> Result<ImportFormat, Refusal> {
    if let Some(format) = args.format {
        return Ok(format);
    }
    let file_name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    detect_import_format(&file_name, bytes)
        .ok_or_else(|| Refusal::UnknownImportFormat(args.file.clone()))
}

/// Runs `gloss import`.
pub(crate) fn run(args: ImportArgs, output: &mut Output<'_>) -> Result<(), CliError> {
    let bytes = storage::read_file(&args.file).map_err(CliError::Read)?;
    let codebook_bytes = args
        .codebook
        .as_deref()
        .map(storage::read_file)
        .transpose()
        .map_err(CliError::Read)?;
    let format = import_format(&args, &bytes)?;
    storage::create_project_folder(&args.path).map_err(CliError::Write)?;
    let mut project = ProjectForEdit::open(&args.path)?;
    let coder = args
        .coder
        .unwrap_or_else(storage::coder_name_from_environment);
    let ImportPlan {
        new_files,
        edit,
        report,
    } = plan_import(
        format,
        &bytes,
        codebook_bytes.as_deref(),
        &project.opened.workspace,
        &coder,
        &now_timestamp(),
    )
    .map_err(|source| Refusal::Import {
        file: args.file.clone(),
        source,
    })?;
    apply(&mut project, &new_files, edit)?;
    output.print(&summary(&report))
}

/// Writes the plan's new documents (only inside the project's real folder) and
/// saves its edit; refuses before writing anything when a new document's path is taken.
fn apply(
    project: &mut ProjectForEdit,
    new_files: &[NewDocumentFile],
    edit: Option<Edit>,
) -> Result<(), CliError> {
    let folder = project.opened.location.folder.clone();
    let targets: Vec<PathBuf> = new_files
        .iter()
        .map(|new_file| folder.join(&new_file.path))
        .collect();
    if let Some(taken) = storage::first_taken(&targets) {
        return Err(Refusal::FileExists(taken.clone()).into());
    }
    if let Some(edit) = edit {
        project.opened.workspace.apply(edit)?;
    }
    let documents = new_files
        .iter()
        .map(|new_file| (new_file.path.as_str(), new_file.text.as_bytes()));
    storage::write_new_documents(&folder, documents).map_err(CliError::Write)?;
    project.save()
}

/// The import's one-line summary, then each problem on its own line.
fn summary(report: &ImportReport) -> String {
    let mut text = format!("{}\n", report.summary);
    for problem in &report.problems {
        let _ = writeln!(text, "  - {problem}");
    }
    text
}
