//! `share` and `import`: a finished attempt written as an exchange file for the
//! partner, and a partner's file brought into the shared moments.

use std::io::{BufRead as _, IsTerminal as _, Write as _};
use std::path::Path;
use std::process::ExitCode;

use anyhow::bail;

use super::entries::{check_output, find_entry};
use super::note;
use crate::exchange;
use crate::files::create_private_dir_all;
use crate::journal::{Journal, Status};
use crate::{safe, state};

/// Exit code of a usage error: a name that cannot be one, or none to be had.
const USAGE: u8 = 2;

/// `share ENTRY [-o FILE] [--name NAME]`: shows what the file carries, then writes
/// it (readable by the user only, never over another file) and prints its path.
pub(super) fn share(
    journal: &Journal,
    entry: &Path,
    output: Option<&Path>,
    name: Option<&str>,
    encrypt: Option<Option<&Path>>,
) -> anyhow::Result<ExitCode> {
    if let Some(file) = output {
        check_output(journal, file)?;
    }
    let path = find_entry(journal, entry)?;
    let entry = Journal::load(&path)?;
    if entry.status != Status::Complete {
        bail!(
            "this attempt is not finished; finish it in the full-screen program first (only a finished attempt is shared)"
        );
    }
    let data_dir = journal.data_dir();
    let name = match sharing_name(data_dir, name, &entry.partner)? {
        Ok(name) => name,
        Err(why) => {
            note(&format!("two-worlds: error: {why}"));
            return Ok(ExitCode::from(USAGE));
        }
    };
    let side = exchange::side_for(data_dir, &entry, &name)?;
    for line in side.summary() {
        note(&line);
    }
    let target = match output {
        Some(file) => file.to_path_buf(),
        None => {
            create_private_dir_all(&journal.exports_dir())?;
            journal.exchange_path(&path, &entry.exercise_id)
        }
    };
    match encrypt {
        None => exchange::write_share(data_dir, &side, &target, None)?,
        Some(phrase_file) => {
            let Some(phrase) = phrase_to_lock(phrase_file)? else {
                note(
                    "two-worlds: error: --encrypt needs the phrase, and there is no terminal to ask on: pass --phrase-file FILE",
                );
                return Ok(ExitCode::from(USAGE));
            };
            exchange::write_share(data_dir, &side, &target, Some(&phrase))?;
            note(
                "It is locked with your phrase: tell it to your partner in person, never in the same message as the file.",
            );
        }
    }
    writeln!(std::io::stdout().lock(), "{}", safe::path(&target))?;
    Ok(ExitCode::SUCCESS)
}

/// The name to share under: `--name` (remembered for next time), else the one
/// remembered, else asked on the terminal (and remembered). `Ok(Err(why))` when
/// there is none to be had, or the one given cannot be a name.
fn sharing_name(
    data_dir: &Path,
    given: Option<&str>,
    partner: &str,
) -> anyhow::Result<Result<String, String>> {
    let mut remembered = state::load(data_dir);
    let name = match given {
        Some(name) => name.trim().to_owned(),
        None => match remembered.share_name() {
            Some(name) => return Ok(Ok(name)),
            None if std::io::stdin().is_terminal() && std::io::stderr().is_terminal() => {
                let partner = match safe::one_line(partner) {
                    p if p.trim().is_empty() => "your partner".to_owned(),
                    p => p,
                };
                eprint!("Your name, as {partner} knows you (asked once): ");
                let mut line = String::new();
                std::io::stdin().lock().read_line(&mut line)?;
                line.trim().to_owned()
            }
            None => {
                return Ok(Err(
                    "share needs your name as your partner knows you, and there is no terminal to ask on: pass --name NAME (it is remembered)".to_owned(),
                ));
            }
        },
    };
    if let Err(why) = exchange::check_share_name(&name) {
        return Ok(Err(format!("--name: {why}")));
    }
    remembered.set_share_name(&name);
    state::save(data_dir, &remembered)?;
    Ok(Ok(name))
}

/// `import FILE`: the partner's side, checked, then kept in the shared moments. A
/// damaged file changes nothing and says what is wrong, and where.
pub(super) fn import(
    data_dir: &Path,
    file: &Path,
    phrase_file: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let mut phrase = match phrase_file {
        Some(path) => Some(exchange::phrase::phrase_from_file(path)?),
        None => None,
    };
    loop {
        match exchange::import_file(data_dir, file, phrase.as_ref()) {
            Ok((imported, side)) => {
                let said = exchange::imported_message(imported, &side);
                writeln!(
                    std::io::stdout().lock(),
                    "{}",
                    crate::wording::capitalised(&said)
                )?;
                return Ok(ExitCode::SUCCESS);
            }
            Err(exchange::ImportError::NeedsPhrase) if phrase.is_none() => {
                match exchange::phrase::phrase_from_terminal(
                    "This file is locked. The phrase you agreed on (not shown): ",
                )? {
                    Some(typed) => phrase = Some(typed),
                    None => {
                        note(
                            "two-worlds: error: this file is locked with a phrase, and there is no terminal to ask on: pass --phrase-file FILE",
                        );
                        return Ok(ExitCode::from(USAGE));
                    }
                }
            }
            Err(why) => {
                note(&format!("two-worlds: error: {why}"));
                return Ok(ExitCode::FAILURE);
            }
        }
    }
}

/// The phrase to lock a file with: from `--phrase-file`, else typed twice on the
/// terminal (the two must match). `None` when there is no terminal to ask on.
fn phrase_to_lock(
    phrase_file: Option<&Path>,
) -> anyhow::Result<Option<age::secrecy::SecretString>> {
    use age::secrecy::ExposeSecret as _;
    if let Some(path) = phrase_file {
        return exchange::phrase::phrase_from_file(path).map(Some);
    }
    let Some(first) = exchange::phrase::phrase_from_terminal(
        "A phrase to lock the file with, agreed with your partner in person (not shown): ",
    )?
    else {
        return Ok(None);
    };
    let Some(again) = exchange::phrase::phrase_from_terminal("The same phrase again: ")? else {
        return Ok(None);
    };
    anyhow::ensure!(
        first.expose_secret() == again.expose_secret(),
        "the two phrases differ; nothing was written"
    );
    Ok(Some(first))
}
