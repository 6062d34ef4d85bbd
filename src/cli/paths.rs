//! `paths`: where two-worlds keeps the user's data and looks for scenarios.

use super::Cli;
use crate::exercise;
use crate::journal::Journal;
use crate::paths::Paths;
use crate::safe;

pub(super) fn describe_paths(
    cli: &Cli,
    paths: &Paths,
    more: &[std::path::PathBuf],
    settings: Option<&crate::config::Source>,
) -> String {
    let journal = Journal::new(&paths.data_dir);
    let mut out = format!("data folder:  {}\n", safe::path(&paths.data_dir));
    out.push_str(&format!(
        "exercises:    built-in ({} files)\n",
        exercise::BUILTIN.len()
    ));
    out.push_str(&format!(
        "              {}{}\n",
        safe::path(&paths.exercises_dir()),
        if paths.exercises_dir().is_dir() {
            ""
        } else {
            " (not created yet)"
        }
    ));
    for extra in cli.exercises.iter().chain(more) {
        out.push_str(&format!("              {}\n", safe::path(extra)));
    }
    out.push_str(&format!(
        "entries:      {}\n",
        safe::path(&journal.entries_dir())
    ));
    out.push_str(&format!(
        "exports:      {}\n",
        safe::path(&journal.exports_dir())
    ));
    out.push_str(&format!(
        "rescue:       {}  (copies written when a save failed as two-worlds was stopped)\n",
        safe::path(&journal.rescue_dir())
    ));
    out.push_str(&match settings {
        Some(source) if source.path.is_file() => {
            format!("settings:     {}\n", safe::path(&source.path))
        }
        Some(source) => format!(
            "settings:     {}  (not there: every setting is its default)\n",
            safe::path(&source.path)
        ),
        None => "settings:     none (no home folder to look in)\n".to_owned(),
    });
    out.push_str(&format!(
        "state:        {}\n",
        safe::path(&crate::state::state_path(&paths.data_dir))
    ));
    let lock = crate::vault::lock_state(&paths.data_dir);
    out.push_str(&format!(
        "privacy:      {}\n              {}\n",
        crate::paths::privacy_on(crate::paths::Platform::CURRENT),
        // Half locked or half decrypted, some files are still plain.
        match lock.seal() {
            Some(seal) if seal.phase == crate::vault::Phase::Locked => {
                crate::care::WHO_CAN_READ_LOCKED
            }
            _ => crate::care::WHO_CAN_READ,
        }
    ));
    out.push_str(&format!(
        "locked:       {}\n",
        match &lock {
            crate::vault::Lock::Open => {
                "no (`two-worlds lock` encrypts everything you write with a passphrase)".to_owned()
            }
            crate::vault::Lock::Broken(why) => safe::line(why).to_string(),
            sealed => format!(
                "{}; key: {}",
                crate::vault::convert::describe(sealed),
                safe::path(&paths.data_dir.join(crate::vault::IDENTITY_FILE))
            ),
        }
    ));
    if let Some(warning) = crate::journal::loose_permissions(&paths.data_dir) {
        out.push_str(&format!("warning:      {}\n", safe::line(&warning)));
    }
    out
}

#[cfg(test)]
mod tests {
    use clap::Parser as _;

    use super::*;

    #[test]
    fn paths_name_who_can_read_and_the_rescue_folder() {
        let cli = Cli::parse_from(["two-worlds", "--data-dir", "/nowhere/x", "paths"]);
        let paths = describe_paths(&cli, &cli.paths().unwrap(), &[], None);
        assert!(paths.contains(crate::care::WHO_CAN_READ), "{paths}");
        assert!(paths.contains("/nowhere/x/rescue"), "{paths}");
    }
}
