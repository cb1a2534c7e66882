//! Entry point: parses the command line, then runs a subcommand or opens the
//! window; the one place that turns a failure into `gloss: <message>` and an exit code.

use gloss::cli::{self, CliError, Command, Invocation, Output};
use std::io::Write as _;
use std::process::ExitCode;

fn main() -> ExitCode {
    let (message, code) = match cli::parse() {
        Invocation::Command(command) => match run_command(command) {
            Ok(()) => return ExitCode::SUCCESS,
            Err(error) => (error.to_string(), error.exit_code()),
        },
        Invocation::Window(path) => match gloss::app::run_window(path) {
            Ok(()) => return ExitCode::SUCCESS,
            Err(error) => (error.to_string(), cli::EXIT_UNREADABLE),
        },
    };
    eprintln!(
        "gloss: {}",
        gloss::model::text::escape_for_terminal(&message)
    );
    ExitCode::from(code)
}

/// Runs a subcommand on the process's standard output and error.
fn run_command(command: Command) -> Result<(), CliError> {
    let (mut stdout, mut stderr) = (std::io::stdout().lock(), std::io::stderr().lock());
    let result = cli::run(command, &mut Output::new(&mut stdout, &mut stderr));
    let _ = stdout.flush();
    result
}
