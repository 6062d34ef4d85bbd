//! The full-screen program's event loop.

use std::process::ExitCode;

use crate::cli::Cli;
use crate::exercise;

/// Opens the full-screen program. Until the screens land, prints the library.
pub fn run(cli: &Cli) -> anyhow::Result<ExitCode> {
    let paths = cli.paths()?;
    let library = exercise::load(&cli.sources(&paths));
    for problem in &library.problems {
        eprintln!("{problem}");
    }
    for exercise in &library.exercises {
        println!("{}  {}", exercise.id, exercise.title);
    }
    Ok(ExitCode::SUCCESS)
}
