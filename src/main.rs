use std::process::ExitCode;

use clap::Parser;
use two_worlds::cli::{self, Cli};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Some(command) => cli::run(&cli, command),
        None => two_worlds::tui::run(&cli),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("two-worlds: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
