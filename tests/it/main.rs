//! Every integration test, in one crate: one binary to build and link instead of one
//! per file. Each module below was a test file of its own; `cargo test --test it --
//! cli::` runs one of them. What they share lives in `common`.
//!
//! Test data stays beside this folder: `tests/fixtures/` (scenarios and entries the
//! tests read), `tests/golden/` (expected exports and entry files),
//! `tests/snapshots/` (the screens `snapshots` checks) and
//! `tests/proptest-regressions/` (failing cases proptest found once and replays
//! first; with this `main.rs`, that is where proptest looks for `<module>.txt`).

mod common;

// The end-to-end tests drive the program in a Unix pseudo-terminal and send it
// Unix signals: they run on Linux and macOS. Every other module builds and runs on
// Windows as well.

mod app;
mod app_calm;
mod app_door;
mod app_journal;
mod app_shared;
mod app_side_by_side;
mod app_steps;
mod app_translation;
mod cli;
mod cli_exchange;
mod cli_journal;
mod cli_restore;
mod cli_vault;
#[cfg(unix)]
mod e2e;
#[cfg(unix)]
mod e2e_calm;
#[cfg(unix)]
mod e2e_exchange;
#[cfg(unix)]
mod e2e_journal;
#[cfg(unix)]
mod e2e_moment;
#[cfg(unix)]
mod e2e_settings;
#[cfg(unix)]
mod e2e_trust;
#[cfg(unix)]
mod e2e_vault;
mod editor_props;
mod entry_format;
mod journal;
mod library_rules;
mod loader;
mod loader_care;
mod locks;
mod observe_lexicon;
mod observe_props;
mod paragraphs;
mod privacy;
mod readme;
mod safe_output;
mod safe_screens;
mod settings;
mod snapshots;
mod snapshots_translation;
mod untrusted_fs;
mod wide_text;
