//! Entries on disk: one TOML file per attempt at an exercise, saved atomically,
//! private to the user, listed quickly for the library screen and `history`.
//!
//! Layout: `<data-dir>/entries/<exercise-id>/<started UTC %Y%m%dT%H%M%SZ>.toml`,
//! with `-2`, `-3`… added when two entries start in the same second; exports
//! in `<data-dir>/exports/`, rescue copies in `<data-dir>/rescue/`, each named
//! as `names.rs` says. Folders are created 0700 and files 0600. Nothing here
//! ever deletes or rewrites a file it cannot read: such files are listed as
//! [`Listed::Unreadable`] and left alone.
//!
//! What the user wrote never appears in an error message: errors name the file,
//! the line and what is wrong, nothing more.
//!
//! Anything may turn up in the entries folder, so nothing found there is
//! trusted: an entry file larger than [`MAX_ENTRY_BYTES`], or one that is a
//! named pipe or a device, is listed as unreadable without being read; folders
//! reached through links are listed once each; a lock file that is a symbolic
//! link is refused rather than written through.
//!
//! While the program has an entry open, its [`Journal`] holds the entry's
//! [`EntryLock`]: taken when an attempt is first saved
//! ([`Journal::save_attempt`]) or a draft is continued
//! ([`Journal::open_draft`]). `save` and `delete` refuse an entry locked by
//! another running two-worlds, so two instances never write over each other's
//! text.

mod entry_file;
mod lock;
mod names;

pub use crate::step::Step;
use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

pub use entry_file::ENTRY_FORMAT;
pub(crate) use lock::held_by_other;
pub use lock::{EntryLock, JOURNAL_LOCK_FILE, JournalLock, LockError, lock_entry, lock_journal};

pub use crate::calm::FollowUp;
use crate::files::{self, create_private_dir_all, kind_of, write_atomic, write_new_file};
use crate::translation::{Card, Cycle, Marks};
use crate::wording::io_reason;
use names::{ENTRY_EXTENSION, SEALED_ENTRY_EXTENSION};

/// The largest entry file two-worlds reads: far more than anyone writes in one
/// sitting (a novel is about 1 MiB), small enough that a huge file put in the
/// entries folder cannot fill the memory. Larger files are listed as unreadable.
pub const MAX_ENTRY_BYTES: u64 = 32 * 1024 * 1024;

/// One attempt at one exercise.
///
/// It is read from an entry file as it is (the file's `format` and `words` are
/// checked and counted apart, see `entry_file.rs`); it is written through the
/// file's own layout, never by serializing it directly.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Entry {
    pub exercise_id: String,
    pub exercise_title: String,
    pub partner: String,
    #[serde(with = "timestamp")]
    pub started: Timestamp,
    #[serde(with = "timestamp")]
    pub saved: Timestamp,
    #[serde(with = "timestamp::optional", default)]
    pub completed: Option<Timestamp>,
    pub status: Status,
    pub step: Step,
    pub scenario: String,
    pub own_view: String,
    pub partner_view: String,
    /// Whether the user chose the third lens (a neutral friend's telling); `None`
    /// until asked.
    #[serde(default)]
    pub observer_lens: Option<bool>,
    /// The moment told by a neutral friend who cares about both.
    #[serde(default)]
    pub observer_view: String,
    /// The passages marked on the side by side.
    #[serde(default)]
    pub marks: Marks,
    /// "When I ___, {partner} ___, and then I ___."
    #[serde(default)]
    pub cycle: Cycle,
    /// The translation cards.
    #[serde(default)]
    pub cards: Vec<Card>,
    #[serde(default)]
    pub reflection: Vec<Answer>,
    /// How stirred up the user was before writing, 0 to 10; `None` when skipped.
    #[serde(default)]
    pub distress_before: Option<u8>,
    /// The same, after the last question.
    #[serde(default)]
    pub distress_after: Option<u8>,
    /// The ratings given at the end of each break, in order.
    #[serde(default)]
    pub distress_breaks: Vec<u8>,
    /// "One thing I'll try next time", one line.
    #[serde(default)]
    pub try_next: String,
    /// What the user wrote about how last time's line went.
    #[serde(default)]
    pub follow_up: Option<FollowUp>,
}

/// One reflection question and what the user answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub question: String,
    pub answer: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Draft,
    Complete,
}

impl Entry {
    /// A fresh draft, at the first step, with nothing written yet.
    pub fn new(
        exercise_id: &str,
        exercise_title: &str,
        partner: &str,
        scenario: &str,
        started: Timestamp,
    ) -> Entry {
        Entry {
            exercise_id: exercise_id.to_owned(),
            exercise_title: exercise_title.to_owned(),
            partner: partner.to_owned(),
            started,
            saved: started,
            completed: None,
            status: Status::Draft,
            step: Step::Scenario,
            scenario: scenario.to_owned(),
            own_view: String::new(),
            partner_view: String::new(),
            observer_lens: None,
            observer_view: String::new(),
            marks: Marks::default(),
            cycle: Cycle::default(),
            cards: Vec::new(),
            reflection: Vec::new(),
            distress_before: None,
            distress_after: None,
            distress_breaks: Vec::new(),
            try_next: String::new(),
            follow_up: None,
        }
    }

    /// Words the user wrote: the views, the cards, the cycle and the reflection
    /// answers (not the scenario, the questions or a card's given line, which came
    /// with the exercise).
    pub fn words(&self) -> usize {
        self.texts().map(crate::text::word_count).sum()
    }

    /// Every text the user wrote, in the order of the steps.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        let cards = self.cards.iter().flat_map(|card| {
            let quote = (!card.given).then_some(card.quote.as_str());
            quote
                .into_iter()
                .chain([card.meant.as_str(), card.heard.as_str()])
        });
        let cycle = &self.cycle;
        [
            self.own_view.as_str(),
            self.partner_view.as_str(),
            self.observer_view.as_str(),
        ]
        .into_iter()
        .chain(cards)
        .chain([
            cycle.when_i.as_str(),
            cycle.partner.as_str(),
            cycle.then_i.as_str(),
        ])
        .chain(self.reflection.iter().map(|a| a.answer.as_str()))
        .chain([self.try_next.as_str()])
        .chain(self.follow_up.iter().map(|f| f.answer.as_str()))
    }

    /// Ratings outside 0 to 10 (a hand edit) are as if none was given.
    pub(crate) fn drop_impossible_ratings(&mut self) {
        let possible = |n: &u8| *n <= crate::calm::MAX;
        self.distress_before = self.distress_before.filter(possible);
        self.distress_after = self.distress_after.filter(possible);
        self.distress_breaks.retain(possible);
    }
}

/// What the library screen needs to know about an entry, read without its prose.
/// A locked journal keeps these in its index (see [`crate::vault::index`]), where
/// the path is the row's own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    #[serde(skip)]
    pub path: PathBuf,
    pub exercise_id: String,
    pub exercise_title: String,
    pub partner: String,
    #[serde(with = "timestamp")]
    pub started: Timestamp,
    #[serde(with = "timestamp")]
    pub saved: Timestamp,
    #[serde(with = "timestamp::optional")]
    pub completed: Option<Timestamp>,
    pub status: Status,
    pub step: Step,
    pub words: usize,
    pub distress_before: Option<u8>,
    pub distress_after: Option<u8>,
    /// "One thing I'll try next time": one line, kept in the header so the next
    /// attempt can ask about it without reading the texts.
    pub try_next: String,
}

/// One file in the entries folder, as the listing found it.
#[derive(Debug, Clone, PartialEq)]
pub enum Listed {
    /// A file read as an entry.
    Entry(Summary),
    /// A file two-worlds cannot read; `reason` says why, without quoting it.
    /// The file is left exactly as it is.
    Unreadable { path: PathBuf, reason: String },
}

impl Listed {
    pub fn path(&self) -> &Path {
        match self {
            Listed::Entry(summary) => &summary.path,
            Listed::Unreadable { path, .. } => path,
        }
    }

    /// When the entry was started; for an unreadable file, the time in its name.
    pub fn started(&self) -> Option<Timestamp> {
        match self {
            Listed::Entry(summary) => Some(summary.started),
            Listed::Unreadable { path, .. } => names::started_from_file_name(path),
        }
    }
}

/// The entry with the fields exactly as the entry file holds them (the word
/// count included), for exports in other formats.
/// What [`Journal::restore`] did with an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Restored {
    /// Written to this new file.
    Written(PathBuf),
    /// The same entry is already in this file: nothing written.
    AlreadyThere(PathBuf),
}

/// An entry from a JSON export (one element of `export --all --format json`),
/// checked exactly as an entry file read from disk is.
pub fn entry_from_json(value: &serde_json::Value) -> Result<Entry, String> {
    // TOML has no null: a null is a field left out, as the entry file leaves it.
    fn without_nulls(value: &serde_json::Value) -> serde_json::Value {
        match value {
            serde_json::Value::Object(map) => map
                .iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), without_nulls(v)))
                .collect(),
            serde_json::Value::Array(items) => items.iter().map(without_nulls).collect(),
            other => other.clone(),
        }
    }
    // The partner's side of a shared moment belongs to the shared moments.
    let mut value = without_nulls(value);
    if let serde_json::Value::Object(map) = &mut value {
        map.remove(crate::export::BOTH_WORLDS_KEY);
    }
    let text = toml::to_string(&value)
        .map_err(|err| format!("not an entry as two-worlds exports it ({err})"))?;
    entry_file::parse_entry(text.as_bytes())
}

pub(crate) fn stored(entry: &Entry) -> impl Serialize + '_ {
    entry_file::Stored::whole(entry)
}

/// The draft to offer to continue for each exercise, by exercise id: its file and
/// when it was saved. Of several drafts of one exercise, the one saved last; on a
/// tie, the one started last; then the one whose path sorts last, so the choice
/// never depends on the order of `listed`. Unreadable files are never offered.
pub fn drafts_to_continue<'a>(
    listed: impl IntoIterator<Item = &'a Listed>,
) -> HashMap<String, (PathBuf, Timestamp)> {
    fn rank(draft: &Summary) -> (Timestamp, Timestamp, &Path) {
        (draft.saved, draft.started, &draft.path)
    }
    let mut chosen: HashMap<&str, &Summary> = HashMap::new();
    for item in listed {
        let Listed::Entry(summary) = item else {
            continue;
        };
        if summary.status != Status::Draft {
            continue;
        }
        let best = chosen.entry(&summary.exercise_id).or_insert(summary);
        if rank(summary) > rank(best) {
            *best = summary;
        }
    }
    chosen
        .into_iter()
        .map(|(id, draft)| (id.to_owned(), (draft.path.clone(), draft.saved)))
        .collect()
}

/// The journal kept in one data folder, and the entries this program has open
/// in it.
///
/// The full-screen program keeps one `Journal` for its whole run: it saves each
/// attempt into one file, holds the locks on the entries it has open, exports
/// and deletes. The command-line commands use it to list and read entries.
#[derive(Debug)]
pub struct Journal {
    data_dir: PathBuf,
    /// The locks on the entries this program has open, by entry file.
    locks: HashMap<PathBuf, EntryLock>,
    /// The file given to each attempt (by its serial), kept even when the first
    /// write into it failed: however a save is asked for (the loop, a signal, a
    /// panic), one attempt never gets two files.
    files: HashMap<u64, PathBuf>,
    /// Whether the data folder is locked, as its marker said when this journal was
    /// made (a journal never changes between locked and plain under a running
    /// program: see [`lock_journal`]).
    lock: crate::vault::Lock,
}

/// The folders in the data folder: entries (one folder per exercise inside),
/// the Markdown the full-screen program exports, and rescue copies.
const ENTRIES_FOLDER: &str = "entries";
const EXPORTS_FOLDER: &str = "exports";
const RESCUE_FOLDER: &str = "rescue";

impl Journal {
    /// A journal rooted at `data_dir`. Nothing is created until the first entry.
    pub fn new(data_dir: &Path) -> Journal {
        Journal {
            data_dir: data_dir.to_path_buf(),
            locks: HashMap::new(),
            files: HashMap::new(),
            lock: crate::vault::lock_state(data_dir),
        }
    }

    /// Whether the journal is locked (or its marker damaged): then what it saves is
    /// encrypted, and reading needs its key.
    pub fn lock(&self) -> &crate::vault::Lock {
        &self.lock
    }

    /// The extension of a new entry file: `toml`, or `toml.age` when locked.
    fn entry_extension(&self) -> &'static str {
        if self.lock.is_open() {
            ENTRY_EXTENSION
        } else {
            SEALED_ENTRY_EXTENSION
        }
    }

    /// The bytes to write for `text` at `path`: encrypted when the path is a locked
    /// file's. A plain file is never written into a locked journal, and a locked
    /// one needs the journal's key.
    fn for_disk(&self, path: &Path, text: &str) -> anyhow::Result<Vec<u8>> {
        match (&self.lock, crate::vault::is_sealed(path)) {
            (crate::vault::Lock::Open, false) => Ok(text.as_bytes().to_vec()),
            (crate::vault::Lock::Sealed(seal), true) => seal.seal(text.as_bytes()),
            (crate::vault::Lock::Sealed(_), false) => bail!(
                "Did not save {}: the journal is locked, and this file would be plain text",
                path.display()
            ),
            (crate::vault::Lock::Open, true) => bail!(
                "Did not save {}: the journal is not locked, so there is no key to encrypt it to",
                path.display()
            ),
            (crate::vault::Lock::Broken(why), _) => bail!("Did not save {}: {why}", path.display()),
        }
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// `<data-dir>/entries`: one folder per exercise, one file per entry.
    pub fn entries_dir(&self) -> PathBuf {
        self.data_dir.join(ENTRIES_FOLDER)
    }

    /// `<data-dir>/exports`, where the full-screen program puts what it exports.
    pub fn exports_dir(&self) -> PathBuf {
        self.data_dir.join(EXPORTS_FOLDER)
    }

    /// `<data-dir>/rescue`, where [`Journal::write_rescue`] writes first.
    pub fn rescue_dir(&self) -> PathBuf {
        self.data_dir.join(RESCUE_FOLDER)
    }

    /// Saves one attempt at an exercise (`attempt` is its serial, unique in this
    /// run) and returns its file: `path` when the attempt has one already, else the
    /// file this journal gave it before, else a new file, locked as long as this
    /// journal holds it.
    pub fn save_attempt(
        &mut self,
        attempt: u64,
        path: Option<&Path>,
        entry: &Entry,
    ) -> anyhow::Result<PathBuf> {
        let known = path
            .map(Path::to_path_buf)
            .or_else(|| self.files.get(&attempt).cloned());
        let path = match known {
            Some(path) => path,
            None => {
                let (path, lock) = self.create_entry(&entry.exercise_id, entry.started)?;
                self.locks.insert(path.clone(), lock);
                self.files.insert(attempt, path.clone());
                path
            }
        };
        self.save(&path, entry)?;
        Ok(path)
    }

    /// Reads a draft to continue it, and locks it first, so a second two-worlds
    /// cannot write it too. The error is said as the program then goes on: with a
    /// fresh entry.
    pub fn open_draft(&mut self, path: &Path) -> anyhow::Result<Entry> {
        if !self.locks.contains_key(path) {
            let lock = lock_entry(path).map_err(|err| match err {
                LockError::Held { pid } => anyhow::anyhow!(
                    "That draft is open in another two-worlds (process {pid}), so this is a fresh entry."
                ),
                other => anyhow::anyhow!("{other}; this is a fresh entry"),
            })?;
            self.locks.insert(path.to_path_buf(), lock);
        }
        Journal::load(path).map_err(|e| anyhow::anyhow!("{e:#}; this is a fresh entry"))
    }

    /// Writes the entry at `path` as Markdown into [`Journal::exports_dir`],
    /// readable by the user only, under a name made safe from the entry's id
    /// and file name: a second export of the same entry gets `-2`, `-3`…,
    /// nothing is replaced. Returns where it went as the user is told it: inside
    /// the data folder, such as `exports/the-dishes-20250301T201507Z.md`.
    pub fn export(&self, path: &Path) -> anyhow::Result<PathBuf> {
        let entry = Journal::load(path)?;
        let dir = self.exports_dir();
        create_private_dir_all(&dir)?;
        let target = names::export_path(&dir, &entry.exercise_id, path);
        let shared = crate::exchange::shared_with(self.data_dir(), &entry);
        let document =
            crate::export::markdown_with(&entry, shared.as_ref().map(|s| s.borrowed()).as_ref());
        write_new_file(&target, document.as_bytes())?;
        Ok(target)
    }

    /// A new name in the exports folder for the exchange file of the entry at
    /// `path`: `<id>-<stem>.twx`, never one already taken.
    pub fn exchange_path(&self, path: &Path, exercise_id: &str) -> PathBuf {
        names::new_path_beside_exports(
            &self.exports_dir(),
            exercise_id,
            path,
            crate::exchange::EXTENSION,
        )
    }

    /// Lets go of every entry this program has open: their lock files go.
    pub fn release_locks(&mut self) {
        self.locks.clear();
    }

    /// A new entry path together with its lock, so no other two-worlds can
    /// pick the same name before the first save.
    fn create_entry(
        &self,
        exercise_id: &str,
        started: Timestamp,
    ) -> anyhow::Result<(PathBuf, EntryLock)> {
        let dir = self.exercise_dir(exercise_id)?;
        create_private_dir_all(&dir)?;
        let stem = names::entry_stem(started);
        for candidate in names::candidates(&dir, &stem, self.entry_extension()) {
            if exists(&candidate)? {
                continue;
            }
            match lock_entry(&candidate) {
                // Someone may have saved and closed it between our look and our lock.
                Ok(lock) if !exists(&candidate)? => return Ok((candidate, lock)),
                Ok(_) | Err(LockError::Held { .. }) => continue,
                Err(err) => return Err(err.into()),
            }
        }
        unreachable!("the candidate names never run out")
    }

    /// Brings back an entry from a backup, never over another: in the file its
    /// exercise and start give it, or, when that name holds a different entry
    /// (two started in the same second), the next free one. An identical entry
    /// already in the journal is left as it is.
    pub fn restore(&self, entry: &Entry) -> anyhow::Result<Restored> {
        let dir = self.exercise_dir(&entry.exercise_id)?;
        let stem = names::entry_stem(entry.started);
        for candidate in names::candidates(&dir, &stem, self.entry_extension()) {
            if exists(&candidate)? {
                if Journal::load(&candidate).is_ok_and(|there| there == *entry) {
                    return Ok(Restored::AlreadyThere(candidate));
                }
                continue;
            }
            create_private_dir_all(&dir)?;
            let text = entry_file::to_toml(entry).context("Could not prepare the entry")?;
            let bytes = self.for_disk(&candidate, &text)?;
            match lock_entry(&candidate) {
                Ok(_lock) => {
                    crate::files::write_new_file(&candidate, &bytes)?;
                    return Ok(Restored::Written(candidate));
                }
                Err(LockError::Held { .. }) => continue,
                Err(err) => return Err(err.into()),
            }
        }
        unreachable!("the candidate names never run out")
    }

    /// Writes the entry atomically (the old file or the new one, never half of
    /// each), readable by the user only. Refuses while another running
    /// two-worlds holds the entry's lock.
    pub fn save(&self, path: &Path, entry: &Entry) -> anyhow::Result<()> {
        // The lock this journal holds is its own, whatever the system says of it
        // (Windows locks belong to a handle, and its lock file cannot be read).
        if !self.locks.contains_key(path)
            && let Some(pid) = lock::held_by_other(path)
        {
            match pid {
                0 => bail!(
                    "Did not save {}: it is open in another two-worlds",
                    path.display()
                ),
                pid => bail!(
                    "Did not save {}: it is open in another two-worlds (process {pid})",
                    path.display()
                ),
            }
        }
        if let Some(dir) = path.parent() {
            create_private_dir_all(dir)?;
        }
        let text = entry_file::to_toml(entry)
            .with_context(|| format!("Could not prepare entry {} for saving", path.display()))?;
        let bytes = self.for_disk(path, &text)?;
        write_atomic(path, &bytes)
    }

    /// Reads one entry. The error names the file and says what is wrong with
    /// it, never quoting what the user wrote.
    pub fn load(path: &Path) -> anyhow::Result<Entry> {
        let bytes = entry_file::read_entry_file(path).map_err(|reason| {
            anyhow::anyhow!("Could not read entry {}: {reason}", path.display())
        })?;
        entry_file::parse_entry(&bytes)
            .map_err(|reason| anyhow::anyhow!("Could not read entry {}: {reason}", path.display()))
    }

    /// Every entry, newest first (by when it was started). Never fails: files
    /// that cannot be read come back as [`Listed::Unreadable`].
    pub fn list(&self) -> Vec<Listed> {
        self.list_with(&|_, _| {})
    }

    /// [`Journal::list`], telling `progress` how many of the files that had to be
    /// read are done (`(done, total)`, from time to time): a locked journal whose
    /// index is missing reads every file once.
    pub fn list_with(&self, progress: &(dyn Fn(usize, usize) + Sync)) -> Vec<Listed> {
        let entries_dir = self.entries_dir();
        let mut listed = Vec::new();
        let exercises = match fs::read_dir(&entries_dir) {
            Ok(exercises) => exercises,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return listed,
            Err(err) => {
                let reason = match self.not_a_folder() {
                    Some(file) => format!("{} is not a folder", file.display()),
                    None => format!("the entries folder cannot be read: {}", io_reason(&err)),
                };
                listed.push(Listed::Unreadable {
                    path: entries_dir,
                    reason,
                });
                return listed;
            }
        };
        // Folders of entries may be links (to a folder kept elsewhere); each
        // folder is listed once, however many names lead to it.
        let mut seen = std::collections::HashSet::new();
        let mut to_read = Vec::new();
        for exercise in exercises.flatten() {
            let Ok(file_type) = exercise.file_type() else {
                continue;
            };
            let meta = if file_type.is_symlink() {
                fs::metadata(exercise.path())
            } else if file_type.is_dir() {
                exercise.metadata()
            } else {
                continue;
            };
            if let Ok(meta) = meta
                && meta.is_dir()
                && crate::files::identity(&exercise.path(), &meta).is_none_or(|id| seen.insert(id))
            {
                list_exercise_dir(&exercise.path(), &mut listed, &mut to_read);
            }
        }
        listed.extend(self.summarize(to_read, progress));
        sort_newest_first(&mut listed);
        listed
    }

    /// The data folder or the entries folder, when it is there but is not a folder.
    fn not_a_folder(&self) -> Option<PathBuf> {
        [self.data_dir.clone(), self.entries_dir()]
            .into_iter()
            .find(|path| fs::metadata(path).is_ok_and(|meta| !meta.is_dir()))
    }

    /// Deletes one entry file, letting go of it first if this program has it
    /// open. Refuses paths outside this journal's entries folder, and entries open
    /// in another running two-worlds.
    /// The Markdown exports two-worlds wrote of the entry at `path` into its exports
    /// folder (files written elsewhere with `-o` are the user's own).
    pub fn exports_of(&self, path: &Path) -> Vec<PathBuf> {
        // A locked entry's folder says nothing of its exercise: the entry does.
        let id = crate::vault::is_sealed(path)
            .then(|| Journal::load(path).ok().map(|entry| entry.exercise_id))
            .flatten();
        names::exports_of(&self.exports_dir(), path, id.as_deref())
    }

    /// Deletes exports this journal wrote: only regular files directly in its
    /// exports folder, whatever `paths` says. Returns how many went.
    pub fn delete_exports(&self, paths: &[PathBuf]) -> anyhow::Result<usize> {
        let dir = self.exports_dir();
        let mut deleted = 0;
        for path in paths {
            let inside = path.parent() == Some(dir.as_path());
            let regular = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file());
            if !inside || !regular {
                continue;
            }
            fs::remove_file(path).map_err(|err| {
                files::plain(&err, format!("Could not delete {}", path.display()))
            })?;
            deleted += 1;
        }
        files::sync_dir(&dir)?;
        Ok(deleted)
    }

    pub fn delete(&mut self, path: &Path) -> anyhow::Result<()> {
        self.locks.remove(path);
        self.files.retain(|_, file| file != path);
        let inside = path.parent().and_then(Path::parent) == Some(self.entries_dir().as_path());
        if !inside || !names::is_entry_file_name(path) {
            bail!(
                "Refusing to delete {}: it is not an entry in {}",
                path.display(),
                self.entries_dir().display()
            );
        }
        if let Some(pid) = lock::held_by_other(path) {
            bail!(
                "Could not delete {}: it is open in another two-worlds (process {pid})",
                path.display()
            );
        }
        fs::remove_file(path)
            .map_err(|err| files::plain(&err, format!("Could not delete {}", path.display())))?;
        // A lock file nobody holds any more goes with its entry.
        let _ = fs::remove_file(lock::lock_path(path));
        if let Some(dir) = path.parent() {
            files::sync_dir(dir)?;
        }
        Ok(())
    }

    /// Where text goes when the journal cannot take it and the program is stopping:
    /// a new file, readable by the user only, in `<data folder>/rescue/` when that can
    /// be written, else directly in `home`; never in a shared temporary folder. The
    /// file is an entry like any other, so it can be moved back into `entries/`.
    pub fn write_rescue(&self, entry: &Entry, home: Option<&Path>) -> anyhow::Result<PathBuf> {
        let text = entry_file::to_toml(entry).context("Could not prepare the rescue copy")?;
        let stem = names::rescue_stem(&entry.exercise_id, entry.saved);
        // A locked journal's rescue copies are locked too, under names without a title.
        let (stem, extension) = match &self.lock {
            crate::vault::Lock::Open => (stem, ENTRY_EXTENSION),
            crate::vault::Lock::Sealed(seal) => (
                seal.opaque(&format!("rescue {stem}")),
                SEALED_ENTRY_EXTENSION,
            ),
            crate::vault::Lock::Broken(why) => bail!("Could not write a rescue copy: {why}"),
        };
        let mut last_error = None;
        let rescue_dir = self.rescue_dir();
        let places = [
            Some((rescue_dir.as_path(), stem.clone())),
            home.map(|home| (home, format!("two-worlds-rescue-{stem}"))),
        ];
        for (dir, stem) in places.into_iter().flatten() {
            if dir == rescue_dir
                && let Err(err) = create_private_dir_all(dir)
            {
                last_error = Some(err);
                continue;
            }
            for path in names::candidates(dir, &stem, extension).take(99) {
                if path.symlink_metadata().is_ok() {
                    continue;
                }
                let bytes = self.for_disk(&path, &text)?;
                match write_new_file(&path, &bytes) {
                    Ok(()) => return Ok(path),
                    Err(err) => {
                        last_error = Some(err);
                        break;
                    }
                }
            }
        }
        Err(last_error.unwrap_or_else(|| anyhow::anyhow!("there is no folder to write it in")))
    }

    fn exercise_dir(&self, exercise_id: &str) -> anyhow::Result<PathBuf> {
        if !usable_folder_name(exercise_id) {
            bail!(
                "The exercise id {exercise_id:?} cannot be used as a folder name \
                 (use letters, digits, '-', '_' and '.')"
            );
        }
        // A locked journal names the folder so that it says nothing of the title.
        match &self.lock {
            crate::vault::Lock::Sealed(seal) => {
                Ok(self.entries_dir().join(seal.opaque(exercise_id)))
            }
            _ => Ok(self.entries_dir().join(exercise_id)),
        }
    }
}

/// Whether an exercise id can name a folder as it is.
pub(crate) fn usable_folder_name(exercise_id: &str) -> bool {
    !exercise_id.is_empty()
        && exercise_id.len() <= 100
        && !exercise_id.starts_with('.')
        && exercise_id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The exercise id of an entry file's bytes, if it reads as an entry.
pub(crate) fn exercise_id_of(bytes: &[u8]) -> Option<String> {
    entry_file::parse_entry(bytes)
        .ok()
        .map(|entry| entry.exercise_id)
}

/// The name a rescue copy with these bytes gets in a plain journal.
pub(crate) fn rescue_stem_of(bytes: &[u8]) -> Option<String> {
    let entry = entry_file::parse_entry(bytes).ok()?;
    Some(names::rescue_stem(&entry.exercise_id, entry.saved))
}

/// A one-line warning when the data folder can be read or changed by other
/// users of this computer, or is not a folder at all. It only warns: the
/// folder is the user's to change.
pub fn loose_permissions(data_dir: &Path) -> Option<String> {
    let meta = fs::metadata(data_dir).ok()?;
    let shown = data_dir.display();
    if !meta.is_dir() {
        return Some(format!(
            "Your journal folder {shown} is not a folder; move that file away, \
             or pass --data-dir with a folder"
        ));
    }
    #[cfg(unix)]
    return loose_mode(&meta, &shown.to_string());
    #[cfg(not(unix))]
    return loose_mode(data_dir);
}

/// Whether others can open the folder, from its mode.
#[cfg(unix)]
fn loose_mode(meta: &fs::Metadata, shown: &str) -> Option<String> {
    use std::os::unix::fs::PermissionsExt as _;
    let mode = meta.permissions().mode();
    if mode & 0o066 == 0 {
        return None;
    }
    Some(format!(
        "Your journal folder {shown} can be opened by other users of this computer \
         (permissions {:o}); `chmod 700 {shown}` makes it private.",
        mode & 0o777
    ))
}

/// On Windows the data folder's privacy comes from the user's own profile, where it
/// lives by default: there is no mode to read, and a folder outside the profile gets
/// a note that its privacy is up to that folder.
#[cfg(not(unix))]
fn loose_mode(data_dir: &Path) -> Option<String> {
    crate::paths::outside_profile_note(crate::paths::Platform::CURRENT, data_dir, |name| {
        std::env::var_os(name).map(PathBuf::from)
    })
}

/// Whether anything, even a dangling link, has this name.
fn exists(path: &Path) -> anyhow::Result<bool> {
    match fs::symlink_metadata(path) {
        Ok(_) => Ok(true),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(err) => Err(files::plain(
            &err,
            format!("Could not check whether {} exists", path.display()),
        )),
    }
}

impl Journal {
    /// The summaries of `paths`: a locked journal's from its index where the file
    /// is unchanged, every other read from its file (and then kept in the index).
    fn summarize(
        &self,
        paths: Vec<PathBuf>,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Vec<Listed> {
        use crate::vault::index::{Index, Stamp};
        let seal = match &self.lock {
            crate::vault::Lock::Sealed(seal)
                if paths.iter().any(|p| crate::vault::is_sealed(p))
                    && crate::vault::is_unlocked(&self.data_dir) =>
            {
                seal
            }
            _ => return summarize_all(paths, progress),
        };
        let entries_dir = self.entries_dir();
        let mut index = Index::load(&self.data_dir);
        let mut listed = Vec::with_capacity(paths.len());
        let mut to_read = Vec::new();
        let mut stamps = HashMap::new();
        let mut present = std::collections::HashSet::new();
        for path in paths {
            if !crate::vault::is_sealed(&path) {
                to_read.push(path);
                continue;
            }
            let Some(file) = index_name(&entries_dir, &path) else {
                to_read.push(path);
                continue;
            };
            let stamp = fs::metadata(&path).ok().and_then(|meta| Stamp::of(&meta));
            present.insert(file.clone());
            match stamp.and_then(|stamp| index.get(&file, stamp)) {
                Some(summary) => listed.push(Listed::Entry(Summary {
                    path,
                    ..summary.clone()
                })),
                None => {
                    if let Some(stamp) = stamp {
                        stamps.insert(path.clone(), (file, stamp));
                    }
                    to_read.push(path);
                }
            }
        }
        for item in summarize_all(to_read, progress) {
            if let Listed::Entry(summary) = &item
                && let Some((file, stamp)) = stamps.remove(&summary.path)
            {
                index.put(file, stamp, summary.clone());
            }
            listed.push(item);
        }
        index.keep_only(&present);
        // The index only saves time: a failure to write it loses nothing.
        let _ = index.save(&self.data_dir, seal);
        listed
    }
}

/// A file's name in the index: its path inside the entries folder.
fn index_name(entries_dir: &Path, path: &Path) -> Option<String> {
    let inside = path.strip_prefix(entries_dir).ok()?;
    let parts: Option<Vec<&str>> = inside.iter().map(|part| part.to_str()).collect();
    Some(parts?.join("/"))
}

/// Reads the files' headers on every core: listing is mostly waiting on reads and
/// hashing (or decrypting) each whole file, and a journal may hold many thousands
/// of entries. `progress` hears `(done, total)` every 100 files or so.
fn summarize_all(paths: Vec<PathBuf>, progress: &(dyn Fn(usize, usize) + Sync)) -> Vec<Listed> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let total = paths.len();
    let done = AtomicUsize::new(0);
    let summarize = |path: PathBuf| {
        let listed = entry_file::summarize(path);
        let n = done.fetch_add(1, Ordering::Relaxed) + 1;
        if n.is_multiple_of(100) || n == total {
            progress(n, total);
        }
        listed
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    if threads < 2 || paths.len() < 256 {
        return paths.into_iter().map(summarize).collect();
    }
    let chunk = paths.len().div_ceil(threads);
    let summarize = &summarize;
    std::thread::scope(|scope| {
        let parts: Vec<_> = paths
            .chunks(chunk)
            .map(|part| {
                let handle = scope.spawn(move || part.iter().cloned().map(summarize).collect());
                (part, handle)
            })
            .collect();
        parts
            .into_iter()
            .flat_map(|(part, handle)| {
                // Never lose a row: a part whose thread failed is read here instead.
                handle.join().unwrap_or_else(|_| {
                    part.iter()
                        .cloned()
                        .map(entry_file::summarize)
                        .collect::<Vec<_>>()
                })
            })
            .collect()
    })
}

/// Files that look like entries in `dir`: those to read go to `to_read`, those that
/// cannot be read straight to `listed`.
fn list_exercise_dir(dir: &Path, listed: &mut Vec<Listed>, to_read: &mut Vec<PathBuf>) {
    let files = match fs::read_dir(dir) {
        Ok(files) => files,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return,
        Err(err) => {
            listed.push(Listed::Unreadable {
                path: dir.to_path_buf(),
                reason: format!("the folder cannot be read: {}", io_reason(&err)),
            });
            return;
        }
    };
    for file in files.flatten() {
        let path = file.path();
        if !names::is_entry_file_name(&path) {
            // A name that is not Unicode is still an entry, and must not go unseen.
            if names::looks_like_an_entry_in_bytes(&path) {
                listed.push(Listed::Unreadable {
                    path,
                    reason: "its file name is not valid text (UTF-8); rename the file, \
                             keeping .toml at the end"
                        .to_string(),
                });
            }
            continue;
        }
        match file.file_type() {
            Ok(t) if t.is_dir() => {}
            // A link is followed by the reading, which refuses anything but a
            // regular file without blocking.
            Ok(t) if t.is_file() || t.is_symlink() => to_read.push(path),
            // A named pipe, a device, a socket: never opened.
            Ok(t) => listed.push(Listed::Unreadable {
                path,
                reason: format!("it is {}, not a regular file", kind_of(t)),
            }),
            Err(err) => listed.push(Listed::Unreadable {
                path,
                reason: format!("the file cannot be opened: {}", io_reason(&err)),
            }),
        }
    }
}

fn sort_newest_first(listed: &mut [Listed]) {
    listed.sort_by(|a, b| {
        b.started()
            .cmp(&a.started())
            .then_with(|| b.path().cmp(a.path()))
    });
}

/// Timestamps as RFC 3339 strings in UTC (`2025-03-01T20:15:00Z`), the same in
/// TOML and JSON.
mod timestamp {
    use jiff::Timestamp;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(time: &Timestamp, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(time)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        // The message leaves the text out: it might not be a time at all.
        text.parse()
            .map_err(|_| D::Error::custom("not a time like 2025-03-01T20:15:00Z"))
    }

    pub mod optional {
        use super::*;

        pub fn serialize<S: Serializer>(
            time: &Option<Timestamp>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            match time {
                Some(time) => serializer.collect_str(time),
                None => serializer.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<Timestamp>, D::Error> {
            #[derive(Deserialize)]
            struct Wrapped(#[serde(with = "super")] Timestamp);
            let wrapped = Option::<Wrapped>::deserialize(deserializer)?;
            Ok(wrapped.map(|Wrapped(time)| time))
        }
    }
}
