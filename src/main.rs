//! Entry point: parses the command line, runs a subcommand or opens the window.

use clap::Parser;
use gloss::cli::{Cli, run_command};

fn main() {
    let cli = Cli::parse();
    let code = match cli.command {
        Some(command) => match run_command(command, &mut std::io::stdout().lock()) {
            Ok(()) => 0,
            Err(error) => {
                eprintln!("gloss: {error}");
                error.exit_code()
            }
        },
        None => match gloss::app::run_window(cli.path) {
            Ok(()) => 0,
            Err(error) => {
                eprintln!("gloss: {error}");
                3
            }
        },
    };
    std::process::exit(code);
}
