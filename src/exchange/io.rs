//! Sharing and bringing in, as the command line and the full-screen program both
//! do them: the side an entry would make, writing it, reading a partner's file,
//! and reading both worlds (only for a finished entry: the seal).

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::{Exchange, Imported, MAX_EXCHANGE_BYTES, Store, ids_for, parse, their_side};
use crate::files::{ReadError, create_private_dir_all, read_regular, write_new_file};
use crate::journal::{Entry, Journal, Status};

/// The side sharing `entry` would write, under `name`: its moment's ids (made the
/// first time), and the feedback the user gave, if any.
pub fn side_for(data_dir: &Path, entry: &Entry, name: &str) -> anyhow::Result<Exchange> {
    let author = crate::state::author_id(data_dir)?;
    let store = Store::new(data_dir);
    let ids = ids_for(&store, &author, entry);
    let mut side = Exchange::from_entry(entry, &ids, name, Timestamp::now());
    side.feedback = store.feedback(&ids.exchange).or_else(|| {
        store
            .side(&ids.exchange, &ids.author)
            .and_then(|kept| kept.feedback)
    });
    Ok(side)
}

/// Writes `side` to `target`, a new file readable by the user only (never over
/// another), and keeps it with the moment, for the journal and the next share.
pub fn write_share(
    data_dir: &Path,
    side: &Exchange,
    target: &Path,
    phrase: Option<&age::secrecy::SecretString>,
) -> anyhow::Result<()> {
    let text = side.to_toml();
    let bytes = match phrase {
        Some(phrase) => super::phrase::lock(text.as_bytes(), phrase, super::phrase::work_factor()),
        None => text.into_bytes(),
    };
    write_new_file(target, &bytes)?;
    Store::new(data_dir).import(side)?;
    Ok(())
}

/// Shares the entry at `path` under `name` (remembered) into the exports folder:
/// the file written.
pub fn share_entry(journal: &Journal, path: &Path, name: &str) -> anyhow::Result<PathBuf> {
    let entry = Journal::load(path)?;
    if entry.status != Status::Complete {
        anyhow::bail!("only a finished attempt can be shared");
    }
    let data_dir = journal.data_dir();
    let mut state = crate::state::load(data_dir);
    state.set_share_name(name);
    crate::state::save(data_dir, &state)?;
    let side = side_for(data_dir, &entry, name)?;
    create_private_dir_all(&journal.exports_dir())?;
    let target = journal.exchange_path(path, &entry.exercise_id);
    write_share(data_dir, &side, &target, None)?;
    Ok(target)
}

/// What went wrong bringing in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// The file is locked with a phrase, and none was given.
    NeedsPhrase,
    /// Why it was not brought in, in words for the user: the file's place (line
    /// and column) when the file says.
    Failed(String),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::NeedsPhrase => f.write_str(
                "it is locked with a phrase: give the phrase you agreed on with your partner",
            ),
            ImportError::Failed(why) => f.write_str(why),
        }
    }
}

impl From<String> for ImportError {
    fn from(why: String) -> Self {
        ImportError::Failed(why)
    }
}

/// Brings in the partner's file at `file`: read (no more than the cap), opened
/// with `phrase` in memory when it is locked, checked, refused when it is the
/// user's own side, then kept. Nothing changes when it fails.
pub fn import_file(
    data_dir: &Path,
    file: &Path,
    phrase: Option<&age::secrecy::SecretString>,
) -> Result<(Imported, Exchange), ImportError> {
    let bytes = match read_regular(file, MAX_EXCHANGE_BYTES) {
        Ok(bytes) => bytes,
        Err(ReadError::TooLarge { .. }) => {
            let too_large = parse(&vec![b'#'; MAX_EXCHANGE_BYTES as usize + 1])
                .expect_err("larger than the cap");
            return Err(too_large.located(file).into());
        }
        Err(err) => return Err(format!("{}: {err}", crate::safe::path(file)).into()),
    };
    let bytes = if super::phrase::is_locked(&bytes) {
        let phrase = phrase.ok_or(ImportError::NeedsPhrase)?;
        super::phrase::unlock(&bytes, phrase)
            .map_err(|why| format!("{}: {why}", crate::safe::path(file)))?
    } else {
        bytes
    };
    let side = parse(&bytes).map_err(|problem| problem.located(file))?;
    if crate::state::load(data_dir).author().as_deref() == Some(side.author.as_str()) {
        return Err(format!(
            "{} is the file you shared; bring in the file your partner sent you",
            crate::safe::path(file)
        )
        .into());
    }
    let imported = Store::new(data_dir)
        .import(&side)
        .map_err(|err| format!("{err:#}"))?;
    Ok((imported, side))
}

/// What to say once a file is brought in.
pub fn imported_message(imported: Imported, side: &Exchange) -> String {
    let title = crate::safe::one_line(&side.scenario.title);
    let from = crate::safe::one_line(&side.name);
    let practice = if side.scenario.practice {
        " (a built-in practice scenario)"
    } else {
        ""
    };
    match imported {
        Imported::New => format!("brought in \"{title}\"{practice}, shared by {from}"),
        Imported::Updated => format!("updated \"{title}\" with {from}'s newer version"),
        Imported::Unchanged => {
            format!("\"{title}\" from {from} is already here, as new as this file: nothing changed")
        }
    }
}

/// The entry at `path` and the partner's side of its moment, for both worlds. The
/// seal: only a finished entry opens it, so the partner's words are never shown
/// before the user has written their own side.
pub fn read_both(data_dir: &Path, path: &Path) -> anyhow::Result<BothRead> {
    let entry = Journal::load(path)?;
    if entry.status != Status::Complete {
        anyhow::bail!(
            "finish your side first: what your partner wrote stays hidden until you have"
        );
    }
    let theirs = their_side(data_dir, &entry)
        .ok_or_else(|| {
            anyhow::anyhow!(
                "no side from your partner yet: share this attempt (s in your journal), and bring in theirs when it comes (i in the library)"
            )
        })?;
    let mine = Store::new(data_dir).feedback(&theirs.exchange);
    Ok(BothRead {
        entry,
        theirs,
        mine,
    })
}

/// What both worlds shows: the user's entry, the partner's side, and the user's
/// answer to how close the partner came, if given.
#[derive(Debug, Clone, PartialEq)]
pub struct BothRead {
    pub entry: Entry,
    pub theirs: Exchange,
    pub mine: Option<super::Feedback>,
}

/// The partner's side of a finished entry's moment and the user's answer, kept
/// for exports. `None` for a draft (the seal) and for an entry with no partner's side.
pub fn shared_with(data_dir: &Path, entry: &Entry) -> Option<SharedSide> {
    if entry.status != Status::Complete || !Store::new(data_dir).dir().is_dir() {
        return None;
    }
    let theirs = their_side(data_dir, entry)?;
    let mine = Store::new(data_dir).feedback(&theirs.exchange);
    Some(SharedSide { theirs, mine })
}

/// What [`shared_with`] found, owned.
pub struct SharedSide {
    pub theirs: Exchange,
    pub mine: Option<super::Feedback>,
}

impl SharedSide {
    /// As the exports take it.
    pub fn borrowed(&self) -> crate::export::Shared<'_> {
        crate::export::Shared {
            theirs: &self.theirs,
            mine: self.mine.as_ref(),
        }
    }
}

/// A path as typed: `~` at its start is the home folder.
pub fn typed_path(typed: &str) -> PathBuf {
    match typed.strip_prefix("~/").or(typed.strip_prefix("~\\")) {
        Some(rest) => match std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE")) {
            Some(home) => PathBuf::from(home).join(rest),
            None => PathBuf::from(typed),
        },
        None => PathBuf::from(typed),
    }
}
