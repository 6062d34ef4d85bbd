use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;
use two_worlds::cli::{self, Cli};

fn main() -> ExitCode {
    two_worlds::tui::ignore_file_size_signal();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return usage_error(err),
    };
    if let Some(err) = cli.misplaced_option() {
        return usage_error(err);
    }
    let result = match &cli.command {
        Some(command) => cli::run(&cli, command),
        None => two_worlds::tui::run(&cli),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            let io = err.chain().find_map(|e| e.downcast_ref::<std::io::Error>());
            if io.is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) {
                // The reader went away (`two-worlds list | head`): nothing left to say.
                return ExitCode::SUCCESS;
            }
            let message: Vec<String> = err
                .chain()
                .map(|e| match e.downcast_ref::<std::io::Error>() {
                    Some(io) => two_worlds::wording::io_reason(io),
                    None => e.to_string(),
                })
                .collect();
            // The last line of defence: whatever file name or text an error
            // quotes, none of its bytes reaches the terminal raw.
            let message = message.join(": ");
            let message = two_worlds::safe::line(&message);
            // The terminal may be gone: failing to say so must not panic.
            let _ = writeln!(std::io::stderr(), "two-worlds: error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// A wrong argument: clap's message, without its colours and with whatever was typed
/// made safe to show (an argument may hold terminal escapes, and clap repeats it).
/// `--help` and `--version` are clap's own text and are printed as clap prints them.
fn usage_error(err: clap::Error) -> ExitCode {
    if matches!(
        err.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    ) {
        err.exit();
    }
    let text = err.render().to_string();
    let mut stderr = std::io::stderr().lock();
    for line in text.lines() {
        let _ = writeln!(stderr, "{}", two_worlds::safe::line(line));
    }
    ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2))
}
