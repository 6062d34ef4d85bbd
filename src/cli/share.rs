//! `share` and `import`: a finished attempt written as an exchange file for the
//! partner, and a partner's file brought into the shared moments.

use std::io::{BufRead as _, IsTerminal as _, Write as _};
use std::path::Path;
use std::process::ExitCode;

use anyhow::bail;
use jiff::Timestamp;

use super::entries::{check_output, find_entry};
use super::note;
use crate::exchange::{self, Exchange, Ids, Imported, MAX_EXCHANGE_BYTES, Store};
use crate::files::{ReadError, create_private_dir_all, read_regular, write_new_file};
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
    let author = state::author_id(data_dir)?;
    let ids = Ids {
        exchange: exchange::exchange_id_for(&author, &entry),
        author,
    };
    let side = Exchange::from_entry(&entry, &ids, &name, Timestamp::now());
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
    write_new_file(&target, side.to_toml().as_bytes())?;
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
pub(super) fn import(data_dir: &Path, file: &Path) -> anyhow::Result<ExitCode> {
    let bytes = match read_regular(file, MAX_EXCHANGE_BYTES) {
        Ok(bytes) => bytes,
        Err(ReadError::TooLarge { .. }) => {
            let problem =
                exchange::parse(&vec![0; MAX_EXCHANGE_BYTES as usize + 1]).expect_err("too large");
            note(&format!("two-worlds: error: {}", problem.located(file)));
            return Ok(ExitCode::FAILURE);
        }
        Err(err) => bail!("cannot read {}: {err}", file.display()),
    };
    let side = match exchange::parse(&bytes) {
        Ok(side) => side,
        Err(problem) => {
            note(&format!("two-worlds: error: {}", problem.located(file)));
            return Ok(ExitCode::FAILURE);
        }
    };
    if state::load(data_dir).author().as_deref() == Some(side.author.as_str()) {
        bail!(
            "{} is your own side of this moment; import the file your partner sent you",
            file.display()
        );
    }
    let title = safe::one_line(&side.scenario.title);
    let from = safe::one_line(&side.name);
    let said = match Store::new(data_dir).import(&side)? {
        Imported::New => format!("Imported \"{title}\", shared by {from}."),
        Imported::Updated => format!("Updated \"{title}\" with {from}'s newer side."),
        Imported::Unchanged => format!(
            "\"{title}\" from {from} is already here, as new as this file: nothing changed."
        ),
    };
    writeln!(std::io::stdout().lock(), "{said}")?;
    if side.scenario.practice {
        note("It is a built-in practice scenario, not a moment of their own.");
    }
    Ok(ExitCode::SUCCESS)
}
