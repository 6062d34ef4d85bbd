//! `lock`, `decrypt` and `passphrase`, and the unlocking every command that reads
//! entries does first when the journal is locked.

use std::io::{IsTerminal as _, Write as _};
use std::path::Path;
use std::process::ExitCode;

use age::secrecy::{ExposeSecret as _, SecretString};
use anyhow::bail;

use super::note;
use crate::exchange::phrase::{phrase_from_file, phrase_from_terminal, work_factor};
use crate::vault::{self, Lock, Phase, UnlockError};

/// Exit code of a usage error: no passphrase to be had, or one refused.
const USAGE: u8 = 2;
/// The environment variable naming a command that prints the passphrase.
pub const PASSPHRASE_COMMAND: &str = "TWO_WORLDS_PASSPHRASE_COMMAND";
/// The shortest passphrase `lock` and `passphrase` accept.
const MIN_CHARS: usize = 8;

/// Where a passphrase comes from, in the order they are tried.
enum Source<'a> {
    File(&'a Path),
    Command(String),
    Terminal,
    None,
}

fn source(file: Option<&Path>) -> Source<'_> {
    if let Some(file) = file {
        return Source::File(file);
    }
    if let Some(command) = std::env::var(PASSPHRASE_COMMAND)
        .ok()
        .filter(|c| !c.trim().is_empty())
    {
        return Source::Command(command);
    }
    if std::io::stdin().is_terminal() && std::io::stderr().is_terminal() {
        return Source::Terminal;
    }
    Source::None
}

/// The first line a passphrase command prints. Its own error output goes to the
/// terminal as it is; nothing it prints is ever repeated in a message.
fn from_command(command: &str) -> anyhow::Result<SecretString> {
    let words = shlex::split(command)
        .filter(|w| !w.is_empty())
        .ok_or_else(|| {
            anyhow::anyhow!("{PASSPHRASE_COMMAND} cannot be read as a command (check its quotes)")
        })?;
    let output = std::process::Command::new(&words[0])
        .args(&words[1..])
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|err| {
            anyhow::anyhow!(
                "{PASSPHRASE_COMMAND} did not start: {}",
                crate::wording::io_reason(&err)
            )
        })?;
    if !output.status.success() {
        bail!(
            "{PASSPHRASE_COMMAND} failed ({}), so the journal stays locked",
            output.status
        );
    }
    let text = SecretString::from(String::from_utf8(output.stdout).unwrap_or_default());
    let line = text.expose_secret().lines().next().unwrap_or_default();
    anyhow::ensure!(
        !line.is_empty(),
        "{PASSPHRASE_COMMAND} printed nothing, so the journal stays locked"
    );
    Ok(SecretString::from(line.to_owned()))
}

const NO_PASSPHRASE: &str = "your journal is locked, and there is no terminal to ask for its \
     passphrase on: pass --passphrase-file FILE, or set TWO_WORLDS_PASSPHRASE_COMMAND to a command \
     that prints it";

/// Unlocks the journal for a command that reads entries, if it is locked: from
/// `--passphrase-file`, else `TWO_WORLDS_PASSPHRASE_COMMAND`, else the terminal
/// (three tries). `Ok(Some(code))` when the command must stop with that code.
pub(super) fn unlock_to_read(
    data_dir: &Path,
    passphrase_file: Option<&Path>,
) -> anyhow::Result<Option<ExitCode>> {
    match vault::lock_state(data_dir) {
        Lock::Open => return Ok(None),
        Lock::Broken(why) => bail!("{why}"),
        Lock::Sealed(seal) => {
            if seal.phase != Phase::Locked {
                note(&format!(
                    "two-worlds: your journal is {}",
                    vault::convert::describe(&Lock::Sealed(seal))
                ));
            }
        }
    }
    if vault::is_unlocked(data_dir) {
        return Ok(None);
    }
    match unlock_with(data_dir, source(passphrase_file))? {
        Ok(()) => Ok(None),
        Err(code) => Ok(Some(code)),
    }
}

/// For the full-screen program: unlocks from `--passphrase-file` or
/// `TWO_WORLDS_PASSPHRASE_COMMAND` when one is given (`Ok(true)`); `Ok(false)` when
/// neither is, and the program asks itself.
pub(crate) fn unlock_without_asking(
    data_dir: &Path,
    passphrase_file: Option<&Path>,
) -> anyhow::Result<bool> {
    let passphrase = match source(passphrase_file) {
        Source::File(file) => phrase_from_file(file)?,
        Source::Command(command) => from_command(&command)?,
        Source::Terminal | Source::None => return Ok(false),
    };
    vault::unlock(data_dir, &passphrase)?;
    Ok(true)
}

/// Unlocks with the passphrase from `source`; `Ok(Err(code))` when it cannot be.
fn unlock_with(data_dir: &Path, source: Source<'_>) -> anyhow::Result<Result<(), ExitCode>> {
    let tries = if matches!(source, Source::Terminal) {
        vault::TRIES
    } else {
        1
    };
    for attempt in 1..=tries {
        let passphrase = match &source {
            Source::File(file) => phrase_from_file(file)?,
            Source::Command(command) => from_command(command)?,
            Source::Terminal => match phrase_from_terminal("Passphrase for your journal: ")? {
                Some(phrase) => phrase,
                None => {
                    note("The journal stays locked.");
                    return Ok(Err(ExitCode::FAILURE));
                }
            },
            Source::None => {
                note(&format!("two-worlds: error: {NO_PASSPHRASE}"));
                return Ok(Err(ExitCode::from(USAGE)));
            }
        };
        match vault::unlock(data_dir, &passphrase) {
            Ok(()) => return Ok(Ok(())),
            Err(UnlockError::WrongPassphrase) if attempt < tries => {
                note("That passphrase does not open the journal; try again.");
            }
            Err(UnlockError::WrongPassphrase) => {
                note(
                    "two-worlds: error: that passphrase does not open the journal; nothing was \
                     read or changed",
                );
                return Ok(Err(ExitCode::FAILURE));
            }
            Err(other) => bail!("{other}"),
        }
    }
    Ok(Err(ExitCode::FAILURE))
}

/// A new passphrase: the file's first line, or typed twice on the terminal.
fn new_passphrase(file: Option<&Path>, what: &str) -> anyhow::Result<Option<SecretString>> {
    let passphrase = match file {
        Some(file) => phrase_from_file(file)?,
        None => {
            let Some(first) = phrase_from_terminal(&format!("{what}: "))? else {
                return Ok(None);
            };
            check_length(&first)?;
            let Some(again) = phrase_from_terminal("The same again, to be sure: ")? else {
                return Ok(None);
            };
            if first.expose_secret() != again.expose_secret() {
                bail!("the two passphrases differ; nothing was changed");
            }
            first
        }
    };
    check_length(&passphrase)?;
    Ok(Some(passphrase))
}

fn check_length(passphrase: &SecretString) -> anyhow::Result<()> {
    if passphrase.expose_secret().chars().count() < MIN_CHARS {
        bail!(
            "a passphrase needs at least {MIN_CHARS} characters; a few words you will remember \
             are easier to keep and harder to guess. Nothing was changed"
        );
    }
    Ok(())
}

/// Takes the data folder alone, or says why it cannot.
fn alone(data_dir: &Path) -> anyhow::Result<crate::journal::JournalLock> {
    crate::files::create_private_dir_all(data_dir)?;
    match crate::journal::lock_journal(data_dir, true) {
        Ok(lock) => {
            vault::convert::check_no_entry_open(data_dir)?;
            Ok(lock)
        }
        Err(crate::journal::LockError::Held { .. }) => {
            bail!("two-worlds is open on this journal; close it there first (nothing was changed)")
        }
        Err(err) => Err(err.into()),
    }
}

/// Shows `(done, total)` on the terminal as files are converted.
fn progress_line(verb: &'static str) -> impl FnMut(usize, usize) {
    let shown = std::io::stderr().is_terminal();
    move |done, total| {
        if shown && total > 0 {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r{verb} {done} of {total} files");
            if done == total {
                let _ = writeln!(err);
            }
        }
    }
}

/// `lock`: asks a passphrase twice, makes the journal's key, encrypts every file
/// the user wrote. Run again after an interruption, it asks the passphrase once
/// and finishes.
pub(super) fn lock(
    data_dir: &Path,
    passphrase_file: Option<&Path>,
    print_recovery_key: bool,
) -> anyhow::Result<ExitCode> {
    let _alone = alone(data_dir)?;
    let state = vault::lock_state(data_dir);
    let resuming = !state.is_open();
    if let Lock::Sealed(seal) = &state
        && seal.phase == Phase::Locked
        && vault::convert::files(data_dir, false).is_empty()
    {
        note("Your journal is already locked. `two-worlds passphrase` changes its passphrase.");
        return Ok(ExitCode::SUCCESS);
    }
    let passphrase = if resuming {
        match source(passphrase_file) {
            Source::None => {
                note(&format!("two-worlds: error: {NO_PASSPHRASE}"));
                return Ok(ExitCode::from(USAGE));
            }
            Source::File(file) => phrase_from_file(file)?,
            Source::Command(command) => from_command(&command)?,
            Source::Terminal => {
                note("Your journal was being locked when that stopped; this finishes it.");
                match phrase_from_terminal("Passphrase for your journal: ")? {
                    Some(phrase) => phrase,
                    None => return Ok(ExitCode::FAILURE),
                }
            }
        }
    } else {
        if passphrase_file.is_none() {
            note(
                "Locking encrypts everything you write in two-worlds. From now on it asks for \
                 a passphrase each time it opens your journal.",
            );
            note(
                "If you lose the passphrase, your journal is lost: nobody can open it, not even \
                 with this program. Choose one you will remember.",
            );
        }
        match new_passphrase(passphrase_file, "A passphrase for your journal") {
            Ok(Some(phrase)) => phrase,
            Ok(None) => {
                note(&format!(
                    "two-worlds: error: {}",
                    "locking needs a passphrase, and there is no terminal to ask on: pass \
                     --passphrase-file FILE"
                ));
                return Ok(ExitCode::from(USAGE));
            }
            Err(err) => {
                note(&format!("two-worlds: error: {err:#}"));
                return Ok(ExitCode::from(USAGE));
            }
        }
    };
    if !resuming && std::io::stderr().is_terminal() {
        note("Making your key (a second or two)…");
    }
    let started = match vault::start_lock(data_dir, &passphrase, work_factor()) {
        Ok(started) => started,
        Err(UnlockError::WrongPassphrase) => {
            note(
                "two-worlds: error: that passphrase does not open the journal's key; nothing \
                 was changed",
            );
            return Ok(ExitCode::FAILURE);
        }
        Err(err) => bail!("{err}"),
    };
    let recovery = vault::recovery_key(&started.identity);
    let done = vault::convert::lock_all(
        data_dir,
        &started.seal,
        started.identity,
        &mut progress_line("Encrypted"),
    )?;
    for link in vault::convert::links(data_dir) {
        note(&format!(
            "Left as it is: {} is a link, and `lock` never follows links; move what it leads \
             to into the data folder and run `two-worlds lock` again to lock it too.",
            link.display()
        ));
    }
    // The index is made now, so the first listing is quick.
    let _ = super::entries::listing(&crate::journal::Journal::new(data_dir));
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "Your journal is locked: {} encrypted{}.",
        crate::wording::plural(done.converted + done.finished, "file", "files"),
        if done.finished > 0 {
            format!(" ({} finished from the run before)", done.finished)
        } else {
            String::new()
        }
    )?;
    writeln!(
        out,
        "Saving needs no passphrase; reading asks for it once each time two-worlds opens."
    )?;
    if started.new_key {
        let show = print_recovery_key || ask_yes_no("Print a recovery key to keep somewhere safe?");
        if show {
            writeln!(
                out,
                "\nYour recovery key (it opens the journal without the passphrase; anyone who \
                 has it can read everything you wrote, so keep it on paper or in a password \
                 manager, never beside the journal):\n\n{}\n\n\
                 If you forget your passphrase: save the key in a file and run \
                 `two-worlds passphrase --recovery-key FILE`.",
                recovery.expose_secret()
            )?;
        } else {
            writeln!(
                out,
                "No recovery key was printed. If you forget the passphrase, the journal cannot \
                 be opened."
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A yes/no question on the terminal; no terminal means no.
fn ask_yes_no(question: &str) -> bool {
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return false;
    }
    let mut err = std::io::stderr().lock();
    let _ = write!(err, "{question} [y/N] ");
    let _ = err.flush();
    drop(err);
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).is_ok() && line.trim().eq_ignore_ascii_case("y")
}

/// The key from a recovery key file.
fn recovery_identity(data_dir: &Path, file: &Path) -> anyhow::Result<age::x25519::Identity> {
    let bytes = crate::files::read_regular(file, 64 * 1024)
        .map_err(|err| anyhow::anyhow!("cannot read the recovery key {}: {err}", file.display()))?;
    let text = SecretString::from(String::from_utf8(bytes).unwrap_or_default());
    let identity = vault::identity_from_text(text).ok_or_else(|| {
        anyhow::anyhow!(
            "{} holds no recovery key (a line starting AGE-SECRET-KEY-1)",
            file.display()
        )
    })?;
    match vault::lock_state(data_dir) {
        Lock::Sealed(seal) if seal.recipient() == identity.to_public().to_string() => Ok(identity),
        Lock::Sealed(_) => bail!("that recovery key is not this journal's; nothing was changed"),
        Lock::Open => bail!("your journal is not locked"),
        Lock::Broken(why) => bail!("{why}"),
    }
}

/// `decrypt`: every locked file back to plain, then the key goes.
pub(super) fn decrypt(
    data_dir: &Path,
    passphrase_file: Option<&Path>,
    recovery_key: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let seal = match vault::lock_state(data_dir) {
        Lock::Open => {
            note("Your journal is not locked: nothing to decrypt.");
            return Ok(ExitCode::SUCCESS);
        }
        Lock::Broken(why) => bail!("{why}"),
        Lock::Sealed(seal) => seal,
    };
    let _alone = alone(data_dir)?;
    match recovery_key {
        Some(file) => vault::keep(recovery_identity(data_dir, file)?),
        None => {
            if let Err(code) = unlock_with(data_dir, source(passphrase_file))? {
                return Ok(code);
            }
        }
    }
    let done = vault::convert::decrypt_all(data_dir, &seal, &mut progress_line("Decrypted"))?;
    vault::forget_all();
    writeln!(
        std::io::stdout().lock(),
        "Your journal is no longer locked: {} decrypted. Its files are plain text again, \
         readable by your account only.",
        crate::wording::plural(done.converted + done.finished, "file", "files")
    )?;
    Ok(ExitCode::SUCCESS)
}

/// `passphrase`: a new passphrase for the journal's key (only the key file is
/// rewritten). The old passphrase, or the recovery key, opens it first.
pub(super) fn passphrase(
    data_dir: &Path,
    passphrase_file: Option<&Path>,
    new_passphrase_file: Option<&Path>,
    recovery_key: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    match vault::lock_state(data_dir) {
        Lock::Open => {
            note("two-worlds: error: your journal is not locked; `two-worlds lock` locks it");
            return Ok(ExitCode::from(USAGE));
        }
        Lock::Broken(why) => bail!("{why}"),
        Lock::Sealed(_) => {}
    }
    let _alone = alone(data_dir)?;
    let identity = match recovery_key {
        Some(file) => recovery_identity(data_dir, file)?,
        None => {
            let old = match source(passphrase_file) {
                Source::File(file) => phrase_from_file(file)?,
                Source::Command(command) => from_command(&command)?,
                Source::Terminal => match phrase_from_terminal("Current passphrase: ")? {
                    Some(phrase) => phrase,
                    None => return Ok(ExitCode::FAILURE),
                },
                Source::None => {
                    note(&format!("two-worlds: error: {NO_PASSPHRASE}"));
                    return Ok(ExitCode::from(USAGE));
                }
            };
            match vault::open_identity(data_dir, &old) {
                Ok(identity) => identity,
                Err(UnlockError::WrongPassphrase) => {
                    note(
                        "two-worlds: error: that passphrase does not open the journal; nothing \
                         was changed",
                    );
                    return Ok(ExitCode::FAILURE);
                }
                Err(err) => bail!("{err}"),
            }
        }
    };
    let new = match new_passphrase(new_passphrase_file, "New passphrase") {
        Ok(Some(new)) => new,
        Ok(None) => {
            note(
                "two-worlds: error: there is no terminal to ask the new passphrase on: pass \
                 --new-passphrase-file FILE",
            );
            return Ok(ExitCode::from(USAGE));
        }
        Err(err) => {
            note(&format!("two-worlds: error: {err:#}"));
            return Ok(ExitCode::from(USAGE));
        }
    };
    vault::change_passphrase(data_dir, &identity, &new, work_factor())?;
    writeln!(
        std::io::stdout().lock(),
        "Your journal's passphrase is changed. Nothing else was rewritten: your entries are \
         encrypted to the same key."
    )?;
    Ok(ExitCode::SUCCESS)
}
