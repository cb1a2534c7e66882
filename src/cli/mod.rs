//! The command line: `gloss [PATH]` opens the window; subcommands read, check,
//! edit and export projects from scripts. This is a contract that tests and
//! scripts rely on: flags, JSON keys and exit codes are documented in `--help`.
//!
//! The flow, as in ripgrep: [`parse`] turns the arguments into low-level clap
//! structs (`args.rs`, and each command's `*Args`); each command's file validates
//! them into the values the library takes (format names into `ExportFormat`,
//! filter flags into a `RetrievalFilter`, …) and runs; [`run`] dispatches; and
//! `main.rs` turns a [`CliError`] into a message and an exit code, once. All file
//! access goes through `storage`.
//!
//! Adding a command (`analyze`, `agreement`, `merge`, …): a file here with its
//! `*Args` struct and a `run` function, a variant in `args::CommandArgs`, an arm
//! in [`run`].

mod agreement;
mod analyze;
mod annotate;
mod args;
mod check;
mod codebook;
mod editing;
mod error;
mod export;
mod filter_args;
mod formats;
mod import;
mod merge;
mod origin;
mod output;
mod search;
mod stats;

pub use error::{CliError, EXIT_UNREADABLE, LineProblem, Refusal};
pub use output::Output;

use args::{CommandArgs, CommandLine};
use clap::Parser as _;
use std::ffi::OsString;
use std::path::PathBuf;

/// What the command line asks for.
#[derive(Debug)]
pub enum Invocation {
    /// `gloss [PATH]`: open the window on PATH (else the last project or the sample).
    Window(Option<PathBuf>),
    /// A subcommand, to be run with [`run`].
    Command(Command),
}

/// A parsed subcommand with its flags.
#[derive(Debug)]
pub struct Command(Box<CommandArgs>);

impl From<CommandLine> for Invocation {
    fn from(line: CommandLine) -> Self {
        match line.command {
            Some(command) => Self::Command(Command(Box::new(command))),
            None => Self::Window(line.path),
        }
    }
}

/// Parses the process's arguments. A wrong command line prints clap's message and
/// exits with code 2; `--help` and `--version` print and exit with 0.
pub fn parse() -> Invocation {
    CommandLine::parse().into()
}

/// Parses `args` (the first is the program name) without exiting the process.
pub fn parse_from<I, T>(args: I) -> Result<Invocation, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    CommandLine::try_parse_from(args).map(Invocation::from)
}

/// Runs a subcommand: results to `output`'s standard output, remarks and problems
/// to its standard error.
pub fn run(command: Command, output: &mut Output<'_>) -> Result<(), CliError> {
    match *command.0 {
        CommandArgs::Stats(args) => stats::run(&args, output),
        CommandArgs::Check(args) => check::run(&args, output),
        CommandArgs::Annotate(args) => annotate::run_annotate(args, output),
        CommandArgs::Codebook(args) => codebook::run(args, output),
        CommandArgs::ImportAnnotations(args) => annotate::run_import_annotations(&args, output),
        CommandArgs::Export(args) => export::run(&args, output),
        CommandArgs::Import(args) => import::run(args, output),
        CommandArgs::Search(args) => search::run(&args, output),
        CommandArgs::Origin(args) => origin::run(&args, output),
        CommandArgs::Agreement(args) => agreement::run(&args, output),
        CommandArgs::Analyze(args) => analyze::run(&args, output),
        CommandArgs::Merge(args) => merge::run(&args, output),
        CommandArgs::MergeDriver(args) => merge::run_driver(&args, output),
        CommandArgs::GitSetup(args) => merge::run_git_setup(&args, output),
    }
}
