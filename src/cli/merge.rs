//! `gloss merge`, `gloss merge-driver` and `gloss git-setup`: merging project
//! files three ways by stable id (or two that started apart), as a command and
//! as git's merge driver, and the settings that make git use it.
//!
//! The inputs are project files (or folders holding `gloss.json`); only the
//! project files are read, not the documents. Conflicts are recorded inside
//! the merged project, so a merge with conflicts still succeeds (exit 0); an
//! input that cannot be read is exit 3, an output that cannot be written exit 5.

use super::editing::LOCK_PATIENCE;
use super::error::CliError;
use super::output::Output;
use crate::model::format::project_to_json;
use crate::model::merge::unrelated::{UnrelatedReport, merge_unrelated};
use crate::model::merge::{MergeOutcome, merge_three_way};
use crate::model::project::Project;
use crate::storage::{self, PathKind, ProjectLocation};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The `.gitattributes` line `git-setup` writes.
pub const GIT_ATTRIBUTES_LINE: &str = "gloss.json merge=gloss";

/// The command line of `gloss merge`.
#[derive(clap::Args, Debug)]
pub struct MergeArgs {
    /// BASE OURS THEIRS: the common ancestor and the two versions to merge.
    #[arg(
        num_args = 3,
        value_names = ["BASE", "OURS", "THEIRS"],
        required_unless_present = "unrelated",
        conflicts_with = "unrelated"
    )]
    projects: Vec<PathBuf>,
    /// Merge two projects that started apart (no BASE): documents are matched
    /// by content hash (then path), codebook entries by name.
    #[arg(long, num_args = 2, value_names = ["OURS", "THEIRS"])]
    unrelated: Option<Vec<PathBuf>>,
    /// Where to write the merged project (atomically; may be OURS). A folder means its gloss.json.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    output: PathBuf,
}

/// The command line of `gloss merge-driver` (git's `%O %A %B`).
#[derive(clap::Args, Debug)]
pub struct MergeDriverArgs {
    /// The common ancestor (git's %O).
    base: PathBuf,
    /// Our version (git's %A); the result is written here.
    ours: PathBuf,
    /// Their version (git's %B).
    theirs: PathBuf,
}

/// The command line of `gloss git-setup`.
#[derive(clap::Args, Debug)]
pub struct GitSetupArgs {
    /// The project folder inside a git repository.
    #[arg(default_value = ".")]
    path: PathBuf,
    /// The program git runs as the driver (a full path if `gloss` is not on PATH).
    #[arg(long, default_value = "gloss")]
    program: String,
}

/// Runs `gloss merge`.
pub(crate) fn run(args: &MergeArgs, output: &mut Output<'_>) -> Result<(), CliError> {
    let out = project_file_of(&args.output);
    // The output's lock before any input is read: OUT may be OURS, or a project
    // another Gloss is editing (a lock still held after the patience: exit 5).
    let _lock =
        storage::ProjectLock::acquire_waiting(&out, LOCK_PATIENCE).map_err(CliError::Write)?;
    let text = if let Some(paths) = &args.unrelated {
        let [ours, theirs] = exactly(paths)?;
        let (ours, theirs) = (read(ours)?, read(theirs)?);
        let (outcome, report) = merge_unrelated(&ours, &theirs);
        write(&out, &outcome.project)?;
        let mut text = unrelated_report(&report);
        text.push_str(&report_of(&outcome, &out));
        text
    } else {
        let [base, ours, theirs] = exactly(&args.projects)?;
        let outcome = merge_three_way(&read(base)?, &read(ours)?, &read(theirs)?);
        write(&out, &outcome.project)?;
        report_of(&outcome, &out)
    };
    output.print(&text)
}

/// The paths clap counted (a wrong count is refused as a missing file).
fn exactly<const N: usize>(paths: &[PathBuf]) -> Result<&[PathBuf; N], CliError> {
    paths.try_into().map_err(|_| {
        CliError::Read(storage::StorageError::NotFound {
            path: PathBuf::from(format!("{N} project files")),
        })
    })
}

/// Runs `gloss merge-driver %O %A %B`: the merge written to %A, the report on
/// standard error (git shows it).
pub(crate) fn run_driver(args: &MergeDriverArgs, output: &mut Output<'_>) -> Result<(), CliError> {
    let outcome = merge_three_way(&read(&args.base)?, &read(&args.ours)?, &read(&args.theirs)?);
    write(&args.ours, &outcome.project)?;
    for line in report_of(&outcome, &args.ours).lines() {
        output.remark(&format!("gloss merge-driver: {line}"));
    }
    Ok(())
}

/// Runs `gloss git-setup [PATH]`.
pub(crate) fn run_git_setup(args: &GitSetupArgs, output: &mut Output<'_>) -> Result<(), CliError> {
    let driver = format!("{} merge-driver %O %A %B", shell_quoted(&args.program));
    storage::set_git_config(&args.path, "merge.gloss.name", "Gloss project merge")
        .map_err(CliError::Write)?;
    storage::set_git_config(&args.path, "merge.gloss.driver", &driver).map_err(CliError::Write)?;
    let wrote = storage::add_git_attributes_line(&args.path, GIT_ATTRIBUTES_LINE)
        .map_err(CliError::Write)?;
    let attributes = args.path.join(".gitattributes");
    let mut text = format!("git config merge.gloss.driver \"{driver}\"\n");
    if wrote {
        let _ = writeln!(
            text,
            "{}: added `{GIT_ATTRIBUTES_LINE}`",
            attributes.display()
        );
    } else {
        let _ = writeln!(
            text,
            "{}: has `{GIT_ATTRIBUTES_LINE}` already",
            attributes.display()
        );
    }
    text.push_str(
        "commit .gitattributes so that the others' clones use it too (each runs git-setup once)\n",
    );
    output.print(&text)
}

/// `program` as one word for the shell git runs the driver with.
fn shell_quoted(program: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "/._-+:,@".contains(c);
    if !program.is_empty() && program.chars().all(plain) {
        program.to_string()
    } else {
        format!("'{}'", program.replace('\'', r"'\''"))
    }
}

/// A folder means its `gloss.json`; anything else is the file itself.
fn project_file_of(path: &Path) -> PathBuf {
    match storage::path_kind(path) {
        Some(PathKind::Folder) => ProjectLocation::resolve(path)
            .map_or_else(|_| path.join("gloss.json"), |l| l.project_file),
        _ => path.to_path_buf(),
    }
}

fn read(path: &Path) -> Result<Project, CliError> {
    let location = ProjectLocation::resolve(path).map_err(CliError::Read)?;
    storage::read_project_file(&location.project_file).map_err(CliError::Read)
}

fn write(path: &Path, project: &Project) -> Result<(), CliError> {
    storage::write_atomically(path, project_to_json(project).as_bytes()).map_err(CliError::Write)
}

/// What a merge did, for people: totals, the new conflicts, the name clashes.
fn report_of(outcome: &MergeOutcome, out: &Path) -> String {
    let project = &outcome.project;
    let mut text = format!(
        "merged into {}: {} documents, {} topics, {} stances, {} actors, {} annotations\n",
        out.display(),
        project.documents.len(),
        project.codebook.topics.len(),
        project.codebook.stances.len(),
        project.codebook.actors.len(),
        project.annotations.len(),
    );
    let _ = writeln!(
        text,
        "{} new conflict(s), {} in the project's \"conflicts\" list",
        outcome.new_conflicts.len(),
        project.conflicts.len()
    );
    for conflict in &outcome.new_conflicts {
        let _ = writeln!(text, "  conflict: {}", conflict.summary());
    }
    for clash in &outcome.name_clashes {
        let _ = writeln!(
            text,
            "  same name, different ids: {} \"{}\": {}",
            clash.kind,
            clash.name,
            clash.ids.join(", ")
        );
    }
    if !outcome.name_clashes.is_empty() {
        let _ = writeln!(
            text,
            "  unify them all with `gloss codebook {} unify` (or Edit ▸ Unify codebook entries with the same name)",
            out.display()
        );
    }
    text
}

/// How two unrelated projects were matched.
fn unrelated_report(report: &UnrelatedReport) -> String {
    let mut text = String::new();
    for (theirs, ours) in &report.documents_by_hash {
        let _ = writeln!(text, "document {theirs}: same content as {ours}");
    }
    for path in &report.documents_by_path {
        let _ = writeln!(
            text,
            "document {path}: same path, other content; their passages re-anchor by quote when opened"
        );
    }
    for path in &report.documents_added {
        let _ = writeln!(text, "document {path}: added");
    }
    for (kind, name) in &report.entries_by_name {
        let _ = writeln!(text, "{kind} \"{name}\": matched by name");
    }
    for (kind, name) in &report.entries_added {
        let _ = writeln!(text, "{kind} \"{name}\": added");
    }
    let _ = writeln!(text, "{} annotation(s) added", report.annotations_added);
    text
}
