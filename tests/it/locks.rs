//! One writer per entry: the lock file beside an entry, held by the two-worlds that
//! has the entry open, respected by every other one, taken over when whoever left it
//! is gone. Every test works in its own temporary folder, never the real home.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};

use two_worlds::journal::{self, Entry, Journal, LockError};

use crate::common::entries::{save_new, time};
use crate::common::{assert_mode, names_in};

fn an_entry() -> Entry {
    Entry::new(
        "the-dishes",
        "The dishes",
        "Sam",
        "Who does the dishes.",
        time("2025-03-01T20:15:00Z"),
    )
}

/// A live process that is not us: an unrelated program whose pid a stale lock names.
struct Sleeper(Child);

impl Sleeper {
    fn start() -> Sleeper {
        Sleeper(Command::new("sleep").arg("5").spawn().unwrap())
    }

    fn pid(&self) -> u32 {
        self.0.id()
    }
}

impl Drop for Sleeper {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn lock_file(entry: &Path) -> PathBuf {
    PathBuf::from(format!("{}.lock", entry.display()))
}

#[test]
fn a_lock_holds_our_pid_and_goes_away_on_drop() {
    let dir = tempfile::tempdir().unwrap();
    let entry = dir.path().join("20250301T201500Z.toml");
    let lock = journal::lock_entry(&entry).unwrap();
    assert_eq!(lock.path(), lock_file(&entry));
    assert_eq!(
        fs::read_to_string(lock.path()).unwrap().trim(),
        std::process::id().to_string()
    );
    assert_mode(lock.path(), 0o600);
    drop(lock);
    assert!(names_in(dir.path()).is_empty());
}

/// Another two-worlds holding an entry's lock: the lock file, open, with an exclusive
/// lock on it (the one the program takes) and `pid` written in it.
struct Holder {
    _file: fs::File,
}

impl Holder {
    fn take(entry: &Path, pid: u32) -> Holder {
        let path = lock_file(entry);
        fs::write(&path, format!("{pid}\n")).unwrap();
        let file = fs::File::open(&path).unwrap();
        file.try_lock().unwrap();
        Holder { _file: file }
    }
}

#[test]
fn a_lock_held_by_another_instance_is_respected() {
    let dir = tempfile::tempdir().unwrap();
    let entry = dir.path().join("20250301T201500Z.toml");
    let other = Holder::take(&entry, 4242);

    match journal::lock_entry(&entry) {
        Err(LockError::Held { pid }) => assert_eq!(pid, 4242),
        result => panic!("expected Held, got {result:?}"),
    }
    assert_eq!(
        fs::read_to_string(lock_file(&entry)).unwrap(),
        "4242\n",
        "the other instance's lock is untouched"
    );

    // Once that instance has let go (or died: the kernel lets go for it), it is ours.
    drop(other);
    let lock = journal::lock_entry(&entry).unwrap();
    let holder = fs::read_to_string(lock.path()).unwrap();
    assert_eq!(holder.trim(), std::process::id().to_string());
}

#[test]
fn a_left_behind_lock_naming_a_live_process_is_taken_over() {
    // A crash leaves the file; its pid may since belong to another program.
    let dir = tempfile::tempdir().unwrap();
    let entry = dir.path().join("20250301T201500Z.toml");
    let unrelated = Sleeper::start();
    fs::write(lock_file(&entry), format!("{}\n", unrelated.pid())).unwrap();
    let lock = journal::lock_entry(&entry).unwrap();
    assert_eq!(
        fs::read_to_string(lock.path()).unwrap().trim(),
        std::process::id().to_string()
    );
}

#[test]
fn a_garbage_lock_is_taken_over() {
    let dir = tempfile::tempdir().unwrap();
    let entry = dir.path().join("20250301T201500Z.toml");
    for garbage in [
        "",
        "not a pid\n",
        "-1\n",
        "0\n",
        "99999999999\n",
        "\u{fffd}",
    ] {
        fs::write(lock_file(&entry), garbage).unwrap();
        let lock = journal::lock_entry(&entry).unwrap_or_else(|err| panic!("{garbage:?}: {err}"));
        assert_eq!(
            fs::read_to_string(lock.path()).unwrap().trim(),
            std::process::id().to_string()
        );
    }
}

#[test]
fn a_second_lock_on_a_held_entry_is_refused_even_in_one_process() {
    let dir = tempfile::tempdir().unwrap();
    let entry = dir.path().join("20250301T201500Z.toml");
    let _lock = journal::lock_entry(&entry).unwrap();
    assert!(matches!(
        journal::lock_entry(&entry),
        Err(LockError::Held { .. })
    ));
}

#[test]
fn lock_errors_read_well() {
    let held = LockError::Held { pid: 4242 }.to_string();
    assert!(
        held.contains("4242") && held.contains("another two-worlds"),
        "{held}"
    );
    let dir = tempfile::tempdir().unwrap();
    let entry = dir.path().join("missing-folder/x.toml");
    let error = journal::lock_entry(&entry).unwrap_err();
    assert!(matches!(error, LockError::Io { .. }));
    assert!(error.to_string().contains("x.toml.lock"), "{error}");
}

#[test]
fn a_new_entry_never_takes_a_name_another_instance_has_locked() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path());
    let folder = journal.entries_dir().join("the-dishes");
    fs::create_dir_all(&folder).unwrap();
    // Another instance has taken the first name and not saved into it yet.
    let first = folder.join("20250301T201500Z.toml");
    let _other = Holder::take(&first, 4242);

    let path = save_new(&journal, &an_entry());
    assert_eq!(path, folder.join("20250301T201500Z-2.toml"));
    assert!(!first.exists(), "the other instance's name is left to it");
}

#[test]
fn delete_and_save_refuse_an_entry_open_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let mut journal = Journal::new(dir.path());
    let path = save_new(&journal, &an_entry());
    let _other = Holder::take(&path, 4242);
    let before = fs::read(&path).unwrap();
    let error = journal.delete(&path).unwrap_err();
    assert!(
        format!("{error:#}").contains("another two-worlds"),
        "{error:#}"
    );
    let draft = Entry::new("the-dishes", "", "", "", time("2025-01-01T00:00:00Z"));
    let error = journal.save(&path, &draft).unwrap_err();
    assert!(
        format!("{error:#}").contains("another two-worlds"),
        "{error:#}"
    );
    assert_eq!(fs::read(&path).unwrap(), before);
}
