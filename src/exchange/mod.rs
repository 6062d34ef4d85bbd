//! Shared moments: one person's side of a moment, written to an exchange file
//! (`.twx`, TOML) that they pass to their partner however they like, and the store
//! of the sides that came back (`<data folder>/exchanges/<exchange id>/<author>.toml`).
//!
//! An exchange file comes from outside. It is read with a strict schema (an unknown
//! key is refused with its line and column), no more than [`MAX_EXCHANGE_BYTES`] of
//! it, a newer format is refused with a clear message, and its ids and names are
//! checked before anything is built from them. Importing never touches a journal
//! entry and never writes outside the exchanges folder: the only names it builds
//! come from ids that are lowercase hexadecimal.
//!
//! A file carries exactly the allow-list the user is shown before it is written
//! ([`Exchange::summary`]): the moment's id, the scenario as the sender saw it,
//! their name, their own view, their guess of the partner's, their translation
//! cards and marks, and their feedback. Never the reflection answers, the calm
//! check or the follow-ups: [`Exchange::from_entry`] does not read them.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher as _, Hasher as _};
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use crate::files::{create_private_dir_all, read_regular, write_atomic};
use crate::format::{Format, Version};
use crate::journal::Entry;
use crate::translation::{Card, Speaker};

mod io;
pub mod phrase;
#[cfg(test)]
mod tests;

pub use io::{
    BothRead, ImportError, SharedSide, import_file, imported_message, read_both, share_entry,
    shared_with, side_for, typed_path, write_share,
};

/// The exchange file format this version writes and reads.
pub const EXCHANGE_FORMAT: Format = Format {
    oldest: 1,
    current: 1,
};
/// An exchange file larger than this is refused unread: a real one holds two
/// views and a few cards, tens of kilobytes at most.
pub const MAX_EXCHANGE_BYTES: u64 = 1024 * 1024;
/// The user's own feedback on a moment, beside its sides (not a side: no author
/// id is a valid name for it).
const FEEDBACK_FILE: &str = "feedback.toml";
/// The extension of exchange files.
pub const EXTENSION: &str = "twx";
/// The longest name accepted for the sender, in characters.
pub const MAX_NAME_CHARS: usize = 60;
/// The most translation cards a side may carry.
const MAX_CARDS: usize = 64;
/// How an encrypted exchange file begins (the age format, binary or armoured).
const AGE_HEADERS: [&[u8]; 2] = [
    b"age-encryption.org/",
    b"-----BEGIN AGE ENCRYPTED FILE-----",
];

/// One side of a shared moment, as an exchange file holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exchange {
    pub format: i64,
    /// The moment, the same on both sides: 32 lowercase hexadecimal digits.
    pub exchange: String,
    /// Who wrote this side: an id made once per data folder (32 hexadecimal digits).
    pub author: String,
    /// The author's name, as their partner knows them.
    pub name: String,
    /// When this revision was written; a newer one from the same author replaces it.
    pub sent: String,
    pub scenario: SharedScenario,
    pub side: Side,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback: Option<Feedback>,
}

/// The scenario as the sender saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharedScenario {
    pub title: String,
    pub text: String,
    /// The name the sender gave the partner in it (the one who receives the file).
    pub partner: String,
    /// A built-in scenario, done for practice, not a moment of the sender's own.
    #[serde(default)]
    pub practice: bool,
    /// The author who told the moment first (whose attempt it was shared from): the
    /// other one does it from their side.
    pub told_by: String,
}

/// What the sender wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Side {
    /// The moment as the sender lived it.
    pub own_view: String,
    /// The sender's guess of how the partner lived it.
    pub partner_view: String,
    /// In the own view: what the partner most needs to hear.
    #[serde(default)]
    pub mark_own: String,
    /// In the guess: what the sender most needs to understand.
    #[serde(default)]
    pub mark_partner: String,
    #[serde(default)]
    pub cards: Vec<SharedCard>,
}

/// A translation card: a line said in the moment, what it meant, what was heard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharedCard {
    /// Who said it, from the sender's side: "you" (the sender) or "partner".
    pub by: Speaker,
    pub quote: String,
    #[serde(default)]
    pub meant: String,
    #[serde(default)]
    pub heard: String,
}

/// The sender's answer to "How close did {partner} get?", about the partner's
/// guess of them. It belongs to the two of them: never a number, never a total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Feedback {
    pub closeness: Closeness,
    /// "What you missed", in the sender's words; may be empty.
    #[serde(default)]
    pub missed: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Closeness {
    NotReally,
    Partly,
    Yes,
}

impl Closeness {
    /// As the question offers it.
    pub fn label(self) -> &'static str {
        match self {
            Closeness::NotReally => "not really",
            Closeness::Partly => "partly",
            Closeness::Yes => "yes, that's me",
        }
    }
}

/// What is wrong with an exchange file: the message, and where in the file when
/// the file says (line and column, from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub at: Option<(usize, usize)>,
    pub message: String,
}

impl Problem {
    fn new(message: impl Into<String>) -> Problem {
        Problem {
            at: None,
            message: message.into(),
        }
    }

    /// `FILE:LINE:COLUMN: message`, or `FILE: message`, safe to print.
    pub fn located(&self, file: &Path) -> String {
        let file = crate::safe::path(file);
        match self.at {
            Some((line, column)) => format!("{file}:{line}:{column}: {}", self.message),
            None => format!("{file}: {}", self.message),
        }
    }
}

impl Exchange {
    /// The sender's side of `entry`: only what the allow-list names.
    pub fn from_entry(entry: &Entry, ids: &Ids, name: &str, sent: Timestamp) -> Exchange {
        Exchange {
            format: i64::from(EXCHANGE_FORMAT.current),
            exchange: ids.exchange.clone(),
            author: ids.author.clone(),
            name: name.to_owned(),
            sent: sent.to_string(),
            scenario: SharedScenario {
                title: entry.exercise_title.clone(),
                text: entry.scenario.clone(),
                partner: entry.partner.clone(),
                practice: crate::exercise::is_builtin_id(&entry.exercise_id),
                told_by: ids.told_by.clone(),
            },
            side: Side {
                own_view: entry.own_view.clone(),
                partner_view: entry.partner_view.clone(),
                mark_own: entry.marks.own.clone(),
                mark_partner: entry.marks.partner.clone(),
                cards: entry.cards.iter().map(SharedCard::from).collect(),
            },
            feedback: None,
        }
    }

    /// The file's text: a comment saying what it is, then the fields.
    pub fn to_toml(&self) -> String {
        let mut text = format!(
            "# A shared moment from two-worlds: {}'s side of \"{}\".\n\
             # Open it with `two-worlds import FILE`.\n",
            crate::safe::one_line(&self.name),
            crate::safe::one_line(&self.scenario.title),
        );
        text.push_str(&toml::to_string(self).expect("an exchange is plain data"));
        text
    }

    /// What the file carries, a line each, as the sender is shown it before it is
    /// written, and what it never carries.
    pub fn summary(&self) -> Vec<String> {
        let partner = crate::safe::one_line(&self.scenario.partner);
        let partner = if partner.is_empty() {
            "your partner".to_owned()
        } else {
            partner
        };
        let words = |text: &str| crate::wording::words(crate::text::word_count(text));
        let mut lines = vec![
            format!("This file will carry, for {partner}:"),
            format!(
                "  - the scenario as you saw it: \"{}\"",
                crate::safe::one_line(&self.scenario.title)
            ),
            format!(
                "  - your name as {partner} knows you: {}",
                crate::safe::one_line(&self.name)
            ),
            format!("  - your own view ({})", words(&self.side.own_view)),
            format!(
                "  - your guess of {partner}'s view ({})",
                words(&self.side.partner_view)
            ),
        ];
        let marks = [&self.side.mark_own, &self.side.mark_partner]
            .iter()
            .filter(|m| !m.is_empty())
            .count();
        if !self.side.cards.is_empty() || marks > 0 {
            lines.push(format!(
                "  - your translation cards ({}) and marks ({marks})",
                self.side.cards.len()
            ));
        }
        if let Some(feedback) = &self.feedback {
            lines.push(format!(
                "  - your answer to whether {partner}'s guess sounds like you: {}{}",
                feedback.closeness.label(),
                if feedback.missed.trim().is_empty() {
                    ""
                } else {
                    ", and what you'd add"
                }
            ));
        }
        lines.push(
            "It never carries your reflection answers, your calm-check numbers or your \
             follow-ups."
                .to_owned(),
        );
        lines.push(format!(
            "{partner} will read what you wrote here. Share it only if you feel safe with \
             them reading it."
        ));
        if self.scenario.practice {
            lines.push(format!(
                "\"{}\" is a built-in practice scenario: {partner} will see it as one.",
                crate::safe::one_line(&self.scenario.title)
            ));
        }
        lines
    }
}

impl From<&Card> for SharedCard {
    fn from(card: &Card) -> SharedCard {
        SharedCard {
            by: card.by,
            quote: card.quote.clone(),
            meant: card.meant.clone(),
            heard: card.heard.clone(),
        }
    }
}

/// An exchange file's bytes, checked: the size, the encoding, the schema (unknown
/// keys refused), the format, the ids, the names and the time. Never panics,
/// whatever the bytes.
pub fn parse(bytes: &[u8]) -> Result<Exchange, Problem> {
    if bytes.len() as u64 > MAX_EXCHANGE_BYTES {
        return Err(Problem::new(format!(
            "it is larger than {} KiB, which no exchange file is; it was not read",
            MAX_EXCHANGE_BYTES / 1024
        )));
    }
    if AGE_HEADERS.iter().any(|header| bytes.starts_with(header)) {
        return Err(Problem::new(
            "it is locked with a phrase; `two-worlds import` opens it with the phrase",
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|err| {
        let offset = err.valid_up_to();
        let (line, column) = crate::text_position::line_col(
            std::str::from_utf8(&bytes[..offset]).unwrap_or_default(),
            offset,
        );
        Problem {
            at: Some((line, column)),
            message: "this is not text (UTF-8); is it an exchange file?".to_owned(),
        }
    })?;
    // The format first, so a newer file is told as such, not as unknown keys.
    let table: toml::Table = text.parse().map_err(|err| located(text, &err))?;
    match table.get("format") {
        Some(toml::Value::Integer(n)) => match EXCHANGE_FORMAT.check(Some(*n)) {
            Version::Readable(_) => {}
            Version::Newer(n) => {
                return Err(Problem::new(format!(
                    "it was written by a newer two-worlds (exchange format {n}); this one \
                     reads {}: update two-worlds to open it",
                    EXCHANGE_FORMAT.readable()
                )));
            }
            Version::Invalid => {
                return Err(Problem::new(format!(
                    "its format is {n}, which no two-worlds writes"
                )));
            }
        },
        _ => {
            return Err(Problem::new(
                "this doesn't look like a file shared from two-worlds (it has no `format = 1` line)",
            ));
        }
    }
    let exchange: Exchange = toml::from_str(text).map_err(|err| located(text, &err))?;
    validate(&exchange)?;
    Ok(exchange)
}

/// A TOML error with its place in the file.
fn located(text: &str, err: &toml::de::Error) -> Problem {
    Problem {
        at: err
            .span()
            .map(|span| crate::text_position::line_col(text, span.start)),
        message: crate::safe::one_line(err.message()),
    }
}

/// What is said of a file that is damaged, with the detail for whoever can use it.
fn damaged(detail: &str) -> String {
    format!(
        "this file seems damaged or incomplete, so nothing was brought in; ask your partner \
         to share it again (detail: {detail})"
    )
}

fn validate(exchange: &Exchange) -> Result<(), Problem> {
    if !is_id(&exchange.exchange) {
        return Err(Problem::new(damaged(
            "its `exchange` id is not 32 lowercase hexadecimal digits",
        )));
    }
    if !is_id(&exchange.scenario.told_by) {
        return Err(Problem::new(damaged(
            "its `scenario.told_by` id is not 32 lowercase hexadecimal digits",
        )));
    }
    if !is_id(&exchange.author) {
        return Err(Problem::new(damaged(
            "its `author` id is not 32 lowercase hexadecimal digits",
        )));
    }
    check_name(&exchange.name, "name", false)?;
    check_name(&exchange.scenario.partner, "scenario.partner", true)?;
    check_name(&exchange.scenario.title, "scenario.title", false)?;
    if exchange.sent.parse::<Timestamp>().is_err() {
        return Err(Problem::new(
            "its `sent` time is not a time such as 2026-12-03T09:15:00Z",
        ));
    }
    if exchange.side.cards.len() > MAX_CARDS {
        return Err(Problem::new(format!(
            "it has {} translation cards; an exchange file holds at most {MAX_CARDS}",
            exchange.side.cards.len()
        )));
    }
    Ok(())
}

/// A name shown on one line: not empty (unless `may_be_empty`), at most
/// [`MAX_NAME_CHARS`] characters for names, and no control characters.
fn check_name(name: &str, key: &str, may_be_empty: bool) -> Result<(), Problem> {
    let limit = if key == "scenario.title" {
        200
    } else {
        MAX_NAME_CHARS
    };
    if name.trim().is_empty() && !may_be_empty {
        return Err(Problem::new(format!("its `{key}` is empty")));
    }
    if name.chars().count() > limit {
        return Err(Problem::new(format!(
            "its `{key}` is longer than {limit} characters"
        )));
    }
    if name.chars().any(char::is_control) || !crate::safe::find_unsafe(name).is_empty() {
        return Err(Problem::new(format!(
            "its `{key}` holds a line break or a control character"
        )));
    }
    Ok(())
}

/// A name to share under, as the user typed it or passed it with `--name`: the
/// reason it cannot be one, in words for the user.
pub fn check_share_name(name: &str) -> Result<(), String> {
    check_name(name, "name", false)
        .map_err(|problem| problem.message.replace("its `name`", "the name"))
}

/// Whether `id` is an id two-worlds makes: 32 lowercase hexadecimal digits.
pub fn is_id(id: &str) -> bool {
    id.len() == 32 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// A new id, unguessable enough to keep two moments or two people apart: hashed
/// from the process's random hasher keys, the time and the process id.
pub fn new_id() -> String {
    let mut hasher = Sha256::new();
    for _ in 0..2 {
        let mut random = RandomState::new().build_hasher();
        random.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        );
        hasher.update(random.finish().to_le_bytes());
    }
    hasher.update(std::process::id().to_le_bytes());
    hex(&hasher.finalize()[..16])
}

/// The moment's id for an entry shared for the first time: the same every time
/// the same author shares the same entry, so sharing again updates the moment
/// instead of starting another.
pub fn exchange_id_for(author: &str, entry: &Entry) -> String {
    exchange_id_from(author, &entry.exercise_id, entry.started)
}

/// [`exchange_id_for`], from the parts of an entry it uses.
fn exchange_id_from(author: &str, exercise_id: &str, started: Timestamp) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"two-worlds exchange\0");
    hasher.update(author.as_bytes());
    hasher.update(b"\0");
    hasher.update(exercise_id.as_bytes());
    hasher.update(b"\0");
    hasher.update(started.to_string().as_bytes());
    hex(&hasher.finalize()[..16])
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The ids a side is filed under: the moment, its author, and who told it first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ids {
    pub exchange: String,
    pub author: String,
    pub told_by: String,
}

/// The exercise id of a shared moment done from the user's side: `shared-<id>`.
/// Their entries for it are filed under it, which is how an entry knows its moment.
pub fn exercise_id(exchange: &str) -> String {
    format!("{SHARED_PREFIX}{exchange}")
}

const SHARED_PREFIX: &str = "shared-";

/// The moment an entry belongs to, with who told it first: for an entry of a
/// moment a partner shared, that moment (the partner told it, as kept in `store`);
/// for any other, the moment sharing it starts (the same every time), told by
/// `author`.
pub fn ids_for(store: &Store, author: &str, entry: &Entry) -> Ids {
    if let Some(exchange) = entry
        .exercise_id
        .strip_prefix(SHARED_PREFIX)
        .filter(|id| is_id(id))
        && let Some(told_by) = store
            .sides(exchange)
            .into_iter()
            .map(|side| side.scenario.told_by)
            .find(|told_by| told_by != author)
    {
        return Ids {
            exchange: exchange.to_owned(),
            author: author.to_owned(),
            told_by,
        };
    }
    Ids {
        exchange: exchange_id_for(author, entry),
        author: author.to_owned(),
        told_by: author.to_owned(),
    }
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Imported {
    /// The first side of a moment, or the first from this author.
    New,
    /// A newer revision replaced the one kept.
    Updated,
    /// The same revision, or an older one: nothing changed.
    Unchanged,
}

/// The shared moments kept in a data folder: `<data folder>/exchanges/`.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
    /// A locked journal keeps its shared moments locked too (`*.toml.age`).
    lock: crate::vault::Lock,
}

impl Store {
    pub fn new(data_dir: &Path) -> Store {
        Store {
            dir: data_dir.join("exchanges"),
            lock: crate::vault::lock_state(data_dir),
        }
    }

    /// `path` as this store keeps it: with `.age` when the journal is locked.
    fn kept(&self, path: PathBuf) -> PathBuf {
        if self.lock.is_open() {
            path
        } else {
            crate::vault::sealed_path(&path)
        }
    }

    /// The bytes to write: encrypted when the journal is locked.
    fn for_disk(&self, text: &str) -> anyhow::Result<Vec<u8>> {
        match &self.lock {
            crate::vault::Lock::Open => Ok(text.as_bytes().to_vec()),
            crate::vault::Lock::Sealed(seal) => seal.seal(text.as_bytes()),
            crate::vault::Lock::Broken(why) => anyhow::bail!("{why}"),
        }
    }

    /// The bytes of a kept file, whichever form it is in (a journal being locked
    /// may hold both; the locked one wins).
    fn read_kept(&self, path: &Path, limit: u64) -> Option<Vec<u8>> {
        let sealed = crate::vault::sealed_path(path);
        crate::vault::read(&sealed, limit + 1024 * 1024)
            .ok()
            .or_else(|| read_regular(path, limit).ok())
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where a side is kept. Only checked ids reach here, so the name stays in the
    /// folder.
    fn side_path(&self, exchange: &str, author: &str) -> PathBuf {
        assert!(is_id(exchange) && is_id(author), "an unchecked id");
        self.dir.join(exchange).join(format!("{author}.toml"))
    }

    /// Keeps a side that came from outside (already [`parse`]d): the first from its
    /// author, or a newer revision, replaces what was kept; the same or an older one
    /// changes nothing. Written atomically, readable by the user only.
    pub fn import(&self, side: &Exchange) -> anyhow::Result<Imported> {
        let path = self.side_path(&side.exchange, &side.author);
        let kept = self.read_side(&path);
        // A kept side that cannot be read while the journal is locked may be newer:
        // never replaced unseen.
        if kept.is_none() && crate::vault::sealed_path(&path).symlink_metadata().is_ok() {
            anyhow::bail!(
                "this moment is already kept, locked with your journal; open the journal \
                 with its passphrase and bring the file in again"
            );
        }
        let path = self.kept(path);
        let outcome = match &kept {
            None => Imported::New,
            Some(kept) if newer(side, kept) => Imported::Updated,
            Some(_) => return Ok(Imported::Unchanged),
        };
        let folder = path.parent().expect("a side is in its moment's folder");
        // Never through a link put in place of the folders (one to the entries, say):
        // a side is written only into folders two-worlds made.
        for dir in [self.dir.as_path(), folder] {
            if let Ok(meta) = std::fs::symlink_metadata(dir)
                && !meta.is_dir()
            {
                anyhow::bail!(
                    "{} is {}, not a folder two-worlds made; move it away and try again",
                    crate::safe::path(dir),
                    crate::files::kind_of(meta.file_type())
                );
            }
        }
        create_private_dir_all(folder)?;
        write_atomic(&path, &self.for_disk(&side.to_toml())?)?;
        Ok(outcome)
    }

    /// The side `author` wrote of a moment, if it is kept.
    pub fn side(&self, exchange: &str, author: &str) -> Option<Exchange> {
        if !is_id(exchange) || !is_id(author) {
            return None;
        }
        self.read_side(&self.side_path(exchange, author))
    }

    /// The user's answer to how close the partner's guess came, kept with the
    /// moment until it goes out with the next share.
    pub fn feedback(&self, exchange: &str) -> Option<Feedback> {
        if !is_id(exchange) {
            return None;
        }
        let bytes = self.read_kept(&self.dir.join(exchange).join(FEEDBACK_FILE), 64 * 1024)?;
        toml::from_str(std::str::from_utf8(&bytes).ok()?).ok()
    }

    /// Keeps the user's answer (atomically, readable by the user only).
    pub fn set_feedback(&self, exchange: &str, feedback: &Feedback) -> anyhow::Result<()> {
        anyhow::ensure!(is_id(exchange), "not a moment's id");
        let dir = self.dir.join(exchange);
        create_private_dir_all(&dir)?;
        let text = format!(
            "# Your answer to how close your partner's guess of you came. It goes out\n\
             # with your next share of this moment.\n{}",
            toml::to_string(feedback)?
        );
        write_atomic(&self.kept(dir.join(FEEDBACK_FILE)), &self.for_disk(&text)?)
    }

    /// The sides kept of one moment, in no particular order; a side that cannot be
    /// read is left out.
    pub fn sides(&self, exchange: &str) -> Vec<Exchange> {
        if !is_id(exchange) {
            return Vec::new();
        }
        let Ok(read) = std::fs::read_dir(self.dir.join(exchange)) else {
            return Vec::new();
        };
        read.filter_map(Result::ok)
            .map(|item| item.path())
            .filter_map(|path| {
                let name = path.file_name()?.to_str()?;
                let plain = name.strip_suffix(".age").unwrap_or(name);
                (plain.ends_with(".toml") && plain != FEEDBACK_FILE)
                    .then(|| path.with_file_name(plain))
            })
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .filter_map(|path| self.read_side(&path))
            .filter(|side| side.exchange == exchange)
            .collect()
    }

    /// The moments partners told and shared, to be done from the user's side (`me`
    /// is the user's author id, when they have one): each as a scenario for the
    /// library, from the newest side kept of it, with prompts for a real moment
    /// naming the partner. Moments the user told first are not among them.
    pub fn moments(&self, me: Option<&str>) -> Vec<crate::exercise::Parsed> {
        let Ok(read) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut ids: Vec<String> = read
            .filter_map(Result::ok)
            .filter_map(|item| item.file_name().into_string().ok())
            .filter(|name| is_id(name))
            .collect();
        ids.sort();
        ids.iter()
            .filter_map(|id| {
                let theirs = self
                    .sides(id)
                    .into_iter()
                    .filter(|side| Some(side.author.as_str()) != me)
                    .filter(|side| Some(side.scenario.told_by.as_str()) != me)
                    .max_by(|a, b| a.sent.cmp(&b.sent))?;
                Some(moment_scenario(&theirs))
            })
            .collect()
    }

    /// The side kept at `path` (the plain name; its locked form is looked for first).
    fn read_side(&self, path: &Path) -> Option<Exchange> {
        let bytes = self.read_kept(path, MAX_EXCHANGE_BYTES)?;
        parse(&bytes).ok()
    }
}

/// Whether `side` is a later revision than `kept`.
fn newer(side: &Exchange, kept: &Exchange) -> bool {
    match (
        side.sent.parse::<Timestamp>(),
        kept.sent.parse::<Timestamp>(),
    ) {
        (Ok(new), Ok(old)) => new > old,
        (Ok(_), Err(_)) => true,
        _ => false,
    }
}

/// A shared moment as a scenario: the partner's telling, their name as the
/// partner, and the prompts of a moment of one's own.
fn moment_scenario(theirs: &Exchange) -> crate::exercise::Parsed {
    let keep = |text: &str, lines: bool| -> String {
        text.chars()
            .filter(|&c| crate::safe::can_be_typed(c) || (lines && matches!(c, '\n' | '\t')))
            .collect()
    };
    let text = crate::exercise::own::moment_toml(
        &exercise_id(&theirs.exchange),
        keep(&theirs.name, false).trim(),
        keep(&theirs.scenario.title, false).trim(),
        &keep(&theirs.scenario.text, true),
    );
    crate::exercise::parse(
        text.as_bytes(),
        crate::exercise::Origin::Shared {
            from: theirs.name.clone(),
            exchange: theirs.exchange.clone(),
        },
    )
}

/// The partner's side of the moment `entry` belongs to, if it has come: the newest
/// side kept from another author. `None` for an entry never shared and not from a
/// shared moment.
pub fn their_side(data_dir: &Path, entry: &Entry) -> Option<Exchange> {
    let me = crate::state::load(data_dir).author();
    let store = Store::new(data_dir);
    let exchange = match entry
        .exercise_id
        .strip_prefix(SHARED_PREFIX)
        .filter(|id| is_id(id))
    {
        Some(id) => id.to_owned(),
        None => exchange_id_for(me.as_deref()?, entry),
    };
    store
        .sides(&exchange)
        .into_iter()
        .filter(|side| Some(side.author.as_str()) != me.as_deref())
        .max_by(|a, b| a.sent.cmp(&b.sent))
}

/// Where an entry stands in sharing, for the journal's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sharing {
    /// The user has shared their side of it.
    pub sent: bool,
    /// The partner's name, once their side has come.
    pub theirs: Option<String>,
}

/// The sharing of each listed entry that has any: shared by the user, or with the
/// partner's side come. Read from the exchanges folder alone; no entry is opened.
pub fn sharing(
    data_dir: &Path,
    listed: &[crate::journal::Listed],
) -> std::collections::HashMap<PathBuf, Sharing> {
    let me = crate::state::load(data_dir).author();
    let store = Store::new(data_dir);
    let mut found = std::collections::HashMap::new();
    if !store.dir.is_dir() {
        return found;
    }
    for item in listed {
        let crate::journal::Listed::Entry(summary) = item else {
            continue;
        };
        let exchange = match summary
            .exercise_id
            .strip_prefix(SHARED_PREFIX)
            .filter(|id| is_id(id))
        {
            Some(id) => id.to_owned(),
            None => match &me {
                Some(me) => exchange_id_from(me, &summary.exercise_id, summary.started),
                None => continue,
            },
        };
        let sides = store.sides(&exchange);
        if sides.is_empty() {
            continue;
        }
        let sent = sides
            .iter()
            .any(|side| Some(side.author.as_str()) == me.as_deref());
        let theirs = sides
            .into_iter()
            .filter(|side| Some(side.author.as_str()) != me.as_deref())
            .max_by(|a, b| a.sent.cmp(&b.sent))
            .map(|side| side.name);
        found.insert(summary.path.clone(), Sharing { sent, theirs });
    }
    found
}
