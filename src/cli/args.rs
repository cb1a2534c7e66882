//! The command line as clap parses it: the top level (`gloss [PATH]` or one
//! subcommand) and the table of subcommands. Each subcommand's flags are declared
//! in its own file beside this one; doc comments here are `--help` text.

use super::agreement::AgreementArgs;
use super::analyze::AnalyzeArgs;
use super::annotate::{AnnotateArgs, ImportAnnotationsArgs};
use super::check::CheckArgs;
use super::codebook::CodebookArgs;
use super::export::ExportArgs;
use super::import::ImportArgs;
use super::merge::{GitSetupArgs, MergeArgs, MergeDriverArgs};
use super::origin::OriginArgs;
use super::search::SearchArgs;
use super::stats::StatsArgs;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// The table printed after `gloss --help`.
const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  `check` found problems (one line each on stderr)
  2  the command line itself is wrong (unknown flag, missing argument)
  3  the project or a document cannot be read (missing, corrupt, newer version)
  4  the request was refused (unknown name, offsets out of range, entry in use); nothing was written
  5  the project could not be written (open in another Gloss, changed on disk, disk error)";

/// `gloss [PATH]` or `gloss <COMMAND> …`.
#[derive(Parser, Debug)]
#[command(
    name = "gloss",
    version,
    about = "Read, code and export qualitative research documents.",
    long_about = "Gloss opens a folder of documents (or a gloss.json project file) in a window \
where passages are highlighted and coded with topics, a stance, its holder and its target. \
Without PATH it opens the last project, else the bundled sample.",
    after_help = EXIT_CODES,
    args_conflicts_with_subcommands = true
)]
pub(crate) struct CommandLine {
    /// Folder or project file to open in the window.
    pub(crate) path: Option<PathBuf>,
    #[command(subcommand)]
    pub(crate) command: Option<CommandArgs>,
}

/// Every subcommand with its flags. A new command adds a variant here (its doc
/// comment is its one-line help) and an arm in `cli::run`.
#[derive(Subcommand, Debug)]
pub(crate) enum CommandArgs {
    /// Documents, skipped files and totals of a folder or project (read-only).
    Stats(StatsArgs),
    /// Validate a project and its documents (read-only); exit 1 with one line per problem.
    Check(CheckArgs),
    /// Add one annotation and print its id.
    Annotate(AnnotateArgs),
    /// Edit the codebook: topics, stances and actors.
    Codebook(CodebookArgs),
    /// Add many annotations from a JSON Lines file (same fields as `annotate`); all or nothing.
    ImportAnnotations(ImportAnnotationsArgs),
    /// Export the annotations that pass the filters (read-only); same filters and output as the window.
    Export(ExportArgs),
    /// Import a REFI-QDA project (.qdpx) or codebook (.qdc), a codebook CSV, or Taguette
    /// highlights (CSV) into a project; prints what could not be mapped, item by item.
    Import(ImportArgs),
    /// Find passages (read-only). Case- and diacritic-insensitive by default;
    /// Serbian Latin and Cyrillic match each other (`Vucic` finds `Вучић`).
    Search(SearchArgs),
    /// Where a passage of a PDF came from (read-only): its page and the raw lines the
    /// PDF reader extracted, before lines were joined and hyphens repaired.
    Origin(OriginArgs),
    /// Intercoder agreement of two or more coders (read-only): percent agreement,
    /// Cohen's kappa and Krippendorff's alpha per topic and overall, segments, stance.
    Agreement(AgreementArgs),
    /// Tables of the annotations that pass the filters (read-only): topic frequencies,
    /// topic × stance or attribute, the stance network, counts over time, co-occurrence.
    Analyze(AnalyzeArgs),
    /// Merge project files three ways by stable id (BASE OURS THEIRS), or two that
    /// started apart (--unrelated OURS THEIRS); conflicts are recorded in the project.
    Merge(MergeArgs),
    /// Git's merge driver: `gloss merge-driver %O %A %B` writes the merge to %A
    /// (set up by `gloss git-setup`).
    MergeDriver(MergeDriverArgs),
    /// Make git merge gloss.json with Gloss: adds `gloss.json merge=gloss` to
    /// .gitattributes and sets `merge.gloss.driver` in the repository's config.
    GitSetup(GitSetupArgs),
}
