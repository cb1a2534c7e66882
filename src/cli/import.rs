//! `gloss import`: a REFI-QDA project or codebook, a codebook CSV or Taguette
//! highlights into a project (a missing folder is created, but only for an
//! import that succeeds); prints what could not be mapped, item by item.

use super::editing::{self, ProjectForEdit};
use super::error::{CliError, Refusal};
use super::formats::import_format_parser;
use super::output::Output;
use crate::import::{
    ImportFormat, ImportPlan, ImportReport, NewDocumentFile, detect_import_format, plan_import,
};
use crate::model::edit::Edit;
use crate::model::now_timestamp;
use crate::model::project::Project;
use crate::model::workspace::Workspace;
use crate::storage;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

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

/// What an import is planned against: the project as it is on disk, read
/// without locking or writing, or an empty one when nothing is there yet.
struct Preview {
    workspace: Workspace,
    /// The project folder (which may not exist yet).
    folder: PathBuf,
}

impl Preview {
    fn read(path: &Path) -> Result<Self, CliError> {
        let is_project_file = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        if !path.exists() && !is_project_file {
            return Ok(Self {
                workspace: Workspace::default(),
                folder: path.to_path_buf(),
            });
        }
        let opened = editing::open(path)?;
        Ok(Self {
            workspace: opened.workspace,
            folder: opened.location.folder,
        })
    }
}

/// Does `workspace` hold what `preview` held (the same project and texts)?
fn unchanged_since(preview: &Project, preview_texts: &Workspace, workspace: &Workspace) -> bool {
    &workspace.project == preview
        && workspace.texts.len() == preview_texts.texts.len()
        && workspace.texts.iter().all(|(id, loaded)| {
            preview_texts
                .texts
                .get(id)
                .is_some_and(|seen| seen.sha256 == loaded.sha256)
        })
}

/// Refuses an import when a file it would write in `folder` exists already.
fn refuse_taken_paths(folder: &Path, new_files: &[NewDocumentFile]) -> Result<(), CliError> {
    let targets: Vec<PathBuf> = new_files
        .iter()
        .map(|new_file| folder.join(&new_file.path))
        .collect();
    match storage::first_taken(&targets) {
        Some(taken) => Err(Refusal::FileExists(taken.clone()).into()),
        None => Ok(()),
    }
}

/// Runs `gloss import`. The import is planned and checked against the project
/// as it is before anything is created, locked or written, so a refused import
/// leaves nothing behind (not even a new folder or a lock file); then the
/// folder is created, the project locked and read again (and the import planned
/// again if it changed meanwhile), and the documents and project written.
pub(crate) fn run(args: ImportArgs, output: &mut Output<'_>) -> Result<(), CliError> {
    let bytes = storage::read_file(&args.file).map_err(CliError::Read)?;
    let codebook_bytes = args
        .codebook
        .as_deref()
        .map(storage::read_file)
        .transpose()
        .map_err(CliError::Read)?;
    let format = import_format(&args, &bytes)?;
    let coder = args
        .coder
        .clone()
        .unwrap_or_else(storage::coder_name_from_environment);
    let now = now_timestamp();
    let plan = |workspace: &Workspace| {
        plan_import(
            format,
            &bytes,
            codebook_bytes.as_deref(),
            workspace,
            &coder,
            &now,
        )
        .map_err(|source| Refusal::Import {
            file: args.file.clone(),
            source,
        })
    };

    let mut preview = Preview::read(&args.path)?;
    let planned = plan(&preview.workspace)?;
    refuse_taken_paths(&preview.folder, &planned.new_files)?;
    let seen = preview.workspace.project.clone();
    if let Some(edit) = &planned.edit {
        preview.workspace.apply(edit.clone())?;
    }

    storage::create_project_folder(&args.path).map_err(CliError::Write)?;
    let mut project = ProjectForEdit::open(&args.path)?;
    let ImportPlan {
        new_files,
        edit,
        report,
    } = if unchanged_since(&seen, &preview.workspace, &project.opened.workspace) {
        planned
    } else {
        plan(&project.opened.workspace)?
    };
    apply(&mut project, &new_files, edit, output)?;
    output.print(&summary(&report))
}

/// Writes the plan's new documents (only inside the project's real folder) and
/// saves its edit; refuses before writing anything when a new document's path is taken.
fn apply(
    project: &mut ProjectForEdit,
    new_files: &[NewDocumentFile],
    edit: Option<Edit>,
    output: &mut Output<'_>,
) -> Result<(), CliError> {
    let folder = project.opened.location.folder.clone();
    refuse_taken_paths(&folder, new_files)?;
    if let Some(edit) = edit {
        project.opened.workspace.apply(edit)?;
    }
    let documents = new_files
        .iter()
        .map(|new_file| (new_file.path.as_str(), new_file.text.as_bytes()));
    storage::write_new_documents(&folder, documents).map_err(CliError::Write)?;
    project.save(output)
}

/// The import's one-line summary, then each problem on its own line.
fn summary(report: &ImportReport) -> String {
    let mut text = format!("{}\n", report.summary);
    for problem in &report.problems {
        let _ = writeln!(text, "  - {problem}");
    }
    text
}
