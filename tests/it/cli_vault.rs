//! The locked journal from the command line: `lock`, `decrypt`, `passphrase`, the
//! commands that read entries, and what is on disk in between.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::entries::{golden_entry, save_new, time};
use crate::common::files_under;
use crate::common::sandbox::Sandbox;
use two_worlds::journal::{Entry, Journal, Listed, Status, Step};

/// What every test here uses: a cheap scrypt, so unlocking takes milliseconds.
pub const WORK_FACTOR: &str = "4";
pub const PASSPHRASE: &str = "a kettle by the window";
const OTHER_PASSPHRASE: &str = "the blue door at night";

/// Phrases and titles that must never be found on disk once locked.
const SECRETS: [&str; 6] = [
    "La vaisselle",
    "épuisée",
    "évier",
    "Sunday kitchen fight",
    "He never listens when I talk about my mother",
    "sunday-kitchen-fight",
];

pub fn phrase_file(sandbox: &Sandbox, name: &str, phrase: &str) -> PathBuf {
    let path = sandbox.root().join(name);
    std::fs::write(&path, format!("{phrase}\n")).unwrap();
    path
}

fn command(sandbox: &Sandbox, args: &[&str]) -> Command {
    let mut cmd = sandbox.command();
    cmd.env("TWO_WORLDS_TEST_WORK_FACTOR", WORK_FACTOR)
        .env_remove("TWO_WORLDS_PASSPHRASE_COMMAND")
        .args(args);
    cmd
}

fn run(sandbox: &Sandbox, args: &[&str]) -> crate::common::cli::Run {
    sandbox.run_command(command(sandbox, args))
}

/// `two-worlds --passphrase-file <PASSPHRASE in a file> ARGS...`
fn unlocked(sandbox: &Sandbox, args: &[&str]) -> crate::common::cli::Run {
    let file = phrase_file(sandbox, "phrase.txt", PASSPHRASE);
    let mut all = vec!["--passphrase-file", file.to_str().unwrap()];
    all.extend(args);
    run(sandbox, &all)
}

/// Locks the sandbox's journal with [`PASSPHRASE`].
pub fn lock(sandbox: &Sandbox) {
    let file = phrase_file(sandbox, "phrase.txt", PASSPHRASE);
    run(
        sandbox,
        &["--passphrase-file", file.to_str().unwrap(), "lock"],
    )
    .assert_code(0);
}

/// A journal with two entries and a moment of one's own.
fn journal_with_a_moment(sandbox: &Sandbox) -> PathBuf {
    let journal = Journal::new(&sandbox.data_dir());
    save_new(&journal, &golden_entry());
    let mut draft = Entry::new(
        "sunday-kitchen-fight",
        "Sunday kitchen fight",
        "Sam",
        "He never listens when I talk about my mother",
        time("2026-11-20T20:00:00Z"),
    );
    draft.status = Status::Draft;
    draft.step = Step::PartnerView;
    draft.own_view = "I felt épuisée and alone.".into();
    save_new(&journal, &draft);
    let dir = sandbox.data_dir().join("exercises");
    two_worlds::exercise::own::write_moment(
        &dir,
        None,
        &[],
        "Sam",
        "Sunday kitchen fight",
        "He never listens when I talk about my mother",
    )
    .unwrap();
    dir
}

/// Every file under the data folder whose bytes hold one of the secrets, or
/// whose name does.
fn plain_secrets(data_dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for (path, bytes) in files_under(data_dir) {
        let name = path.to_string_lossy().to_string();
        for secret in SECRETS {
            let text = String::from_utf8_lossy(&bytes);
            if text.contains(secret) || name.contains(secret) {
                found.push(format!("{name}: {secret}"));
            }
        }
    }
    found
}

#[test]
fn locking_leaves_no_plain_text_or_title_on_disk_and_decrypt_brings_it_all_back() {
    let sandbox = Sandbox::new();
    journal_with_a_moment(&sandbox);
    let before_history = run(&sandbox, &["history", "--json"]);
    before_history.assert_code(0);
    assert!(
        !plain_secrets(&sandbox.data_dir()).is_empty(),
        "the test looks for what is there"
    );

    lock(&sandbox);
    assert_eq!(plain_secrets(&sandbox.data_dir()), Vec::<String>::new());
    let paths = run(&sandbox, &["paths"]);
    assert!(
        paths.stdout.contains("locked:       locked; key: "),
        "{}",
        paths.stdout
    );
    assert!(
        paths.stdout.contains(two_worlds::care::WHO_CAN_READ_LOCKED),
        "{}",
        paths.stdout
    );
    let files = files_under(&sandbox.data_dir());
    let entries: Vec<_> = files
        .keys()
        .filter(|p| p.starts_with(sandbox.entries_dir()) && p.is_file())
        .collect();
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert!(
        entries
            .iter()
            .all(|p| p.to_string_lossy().ends_with(".toml.age"))
    );
    assert!(sandbox.data_dir().join("identity.age").is_file());
    assert!(sandbox.data_dir().join("index.age").is_file());
    crate::common::assert_mode(&sandbox.data_dir().join("identity.age"), 0o600);

    // Reading asks for the passphrase; a file gives it.
    let file = phrase_file(&sandbox, "phrase.txt", PASSPHRASE);
    let history = unlocked(&sandbox, &["history", "--json"]);
    history.assert_code(0);
    let titles = |run: &crate::common::cli::Run| -> Vec<String> {
        run.stdout_json()
            .as_array()
            .unwrap()
            .iter()
            .map(|item| item["title"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(titles(&history), titles(&before_history));

    // So does a command that prints it.
    let mut cmd = command(&sandbox, &["history", "--json"]);
    cmd.env(
        "TWO_WORLDS_PASSPHRASE_COMMAND",
        format!("cat {}", file.display()),
    );
    let by_command = sandbox.run_command(cmd);
    by_command.assert_code(0);
    assert_eq!(titles(&by_command), titles(&before_history));

    // With neither and no terminal: a clear usage error, nothing read.
    let none = run(&sandbox, &["history"]);
    none.assert_code(2);
    assert!(none.stderr.contains("--passphrase-file"), "{}", none.stderr);

    // The own scenario is listed once unlocked.
    let list = unlocked(&sandbox, &["list"]);
    list.assert_code(0);
    assert!(
        list.stdout.contains("Sunday kitchen fight"),
        "{}",
        list.stdout
    );

    let decrypt = unlocked(&sandbox, &["decrypt"]);
    decrypt.assert_code(0);
    assert!(!sandbox.data_dir().join("identity.age").exists());
    assert!(!sandbox.data_dir().join("locked.toml").exists());
    assert!(
        !files_under(&sandbox.data_dir())
            .keys()
            .any(|p| p.to_string_lossy().ends_with(".age"))
    );
    assert!(sandbox.entries_dir().join("the-dishes").is_dir());
    assert!(
        sandbox
            .data_dir()
            .join("exercises/sunday-kitchen-fight.toml")
            .is_file()
    );
    let after = run(&sandbox, &["history", "--json"]);
    after.assert_code(0);
    assert_eq!(after.stdout, before_history.stdout);
}

#[test]
fn a_wrong_passphrase_says_so_and_changes_nothing() {
    let sandbox = Sandbox::new();
    journal_with_a_moment(&sandbox);
    lock(&sandbox);
    let before = files_under(&sandbox.data_dir());
    let wrong = phrase_file(&sandbox, "wrong.txt", OTHER_PASSPHRASE);
    for args in [
        vec!["history"],
        vec!["decrypt"],
        vec!["passphrase", "--new-passphrase-file", "/nonexistent"],
        vec!["export", "--all", "--unencrypted"],
    ] {
        let mut all = vec!["--passphrase-file", wrong.to_str().unwrap()];
        all.extend(args.iter().copied());
        let out = run(&sandbox, &all);
        out.assert_code(1);
        assert!(
            out.stderr.contains("does not open the journal"),
            "{args:?}: {}",
            out.stderr
        );
        assert!(out.stdout.is_empty(), "{args:?}: {}", out.stdout);
    }
    let after = files_under(&sandbox.data_dir());
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    assert_eq!(before, after);
}

#[test]
fn the_passphrase_changes_and_only_the_key_file_is_rewritten() {
    let sandbox = Sandbox::new();
    journal_with_a_moment(&sandbox);
    lock(&sandbox);
    let before = files_under(&sandbox.data_dir());
    let old = phrase_file(&sandbox, "old.txt", PASSPHRASE);
    let new = phrase_file(&sandbox, "new.txt", OTHER_PASSPHRASE);
    run(
        &sandbox,
        &[
            "--passphrase-file",
            old.to_str().unwrap(),
            "passphrase",
            "--new-passphrase-file",
            new.to_str().unwrap(),
        ],
    )
    .assert_code(0);
    let after = files_under(&sandbox.data_dir());
    let changed: Vec<_> = after
        .iter()
        .filter(|(path, bytes)| before.get(*path) != Some(bytes))
        .map(|(path, _)| path.file_name().unwrap().to_string_lossy().to_string())
        .collect();
    assert_eq!(changed, ["identity.age"]);
    run(
        &sandbox,
        &["--passphrase-file", old.to_str().unwrap(), "history"],
    )
    .assert_code(1);
    run(
        &sandbox,
        &["--passphrase-file", new.to_str().unwrap(), "history"],
    )
    .assert_code(0);
}

#[test]
fn the_recovery_key_opens_a_journal_whose_passphrase_is_lost() {
    let sandbox = Sandbox::new();
    journal_with_a_moment(&sandbox);
    let locked = unlocked(&sandbox, &["lock", "--print-recovery-key"]);
    locked.assert_code(0);
    let key = locked
        .stdout
        .lines()
        .find(|line| line.starts_with("AGE-SECRET-KEY-1"))
        .expect("the recovery key is printed")
        .to_owned();
    assert!(locked.stdout.contains("keep it"), "{}", locked.stdout);
    let key_file = phrase_file(&sandbox, "recovery.txt", &key);
    let new = phrase_file(&sandbox, "new.txt", OTHER_PASSPHRASE);
    run(
        &sandbox,
        &[
            "passphrase",
            "--recovery-key",
            key_file.to_str().unwrap(),
            "--new-passphrase-file",
            new.to_str().unwrap(),
        ],
    )
    .assert_code(0);
    run(
        &sandbox,
        &["--passphrase-file", new.to_str().unwrap(), "history"],
    )
    .assert_code(0);
}

#[test]
fn a_lock_without_the_flag_prints_no_key_and_says_what_losing_the_passphrase_means() {
    let sandbox = Sandbox::new();
    journal_with_a_moment(&sandbox);
    let locked = unlocked(&sandbox, &["lock"]);
    locked.assert_code(0);
    assert!(
        !locked.stdout.contains("AGE-SECRET-KEY"),
        "{}",
        locked.stdout
    );
    assert!(
        locked.stdout.contains("cannot be opened"),
        "{}",
        locked.stdout
    );
}

#[test]
fn exports_of_a_locked_journal_are_written_in_the_clear_only_when_asked() {
    let sandbox = Sandbox::new();
    journal_with_a_moment(&sandbox);
    lock(&sandbox);
    let refused = unlocked(&sandbox, &["export", "--all"]);
    refused.assert_code(2);
    assert!(
        refused.stderr.contains("--unencrypted"),
        "{}",
        refused.stderr
    );
    assert!(refused.stdout.is_empty());
    let asked = unlocked(&sandbox, &["export", "--all", "--unencrypted"]);
    asked.assert_code(0);
    assert!(asked.stdout.contains("épuisée"), "{}", asked.stdout);
}

#[test]
fn saving_into_a_locked_journal_needs_no_passphrase_and_writes_no_plain_text() {
    let sandbox = Sandbox::new();
    journal_with_a_moment(&sandbox);
    lock(&sandbox);
    let mut journal = Journal::new(&sandbox.data_dir());
    let mut entry = Entry::new(
        "sunday-kitchen-fight",
        "Sunday kitchen fight",
        "Sam",
        "He never listens when I talk about my mother",
        time("2026-11-21T09:00:00Z"),
    );
    entry.own_view = "Sunday kitchen fight, again".into();
    let path = journal.save_attempt(7, None, &entry).unwrap();
    assert!(path.to_string_lossy().ends_with(".toml.age"), "{path:?}");
    assert!(!path.to_string_lossy().contains("sunday"), "{path:?}");
    assert_eq!(plain_secrets(&sandbox.data_dir()), Vec::<String>::new());
    // Reading it needs the key.
    let err = Journal::load(&path).unwrap_err();
    assert!(format!("{err:#}").contains("locked"), "{err:#}");
    let history = unlocked(&sandbox, &["history", "--json"]);
    history.assert_code(0);
    assert_eq!(history.stdout_json().as_array().unwrap().len(), 3);
}

#[test]
fn the_index_is_rebuilt_when_deleted_or_stale_and_never_trusted_over_the_files() {
    let sandbox = Sandbox::new();
    journal_with_a_moment(&sandbox);
    lock(&sandbox);
    let data = sandbox.data_dir();
    let phrase = two_worlds::exchange::phrase::Phrase::new(PASSPHRASE.into()).secret();
    two_worlds::vault::unlock(&data, &phrase).unwrap();
    let journal = Journal::new(&data);
    let titles = |listed: &[Listed]| -> Vec<String> {
        listed
            .iter()
            .map(|item| match item {
                Listed::Entry(summary) => summary.exercise_title.clone(),
                Listed::Unreadable { reason, .. } => format!("unreadable: {reason}"),
            })
            .collect()
    };
    let first = journal.list();
    assert_eq!(
        titles(&first),
        ["Sunday kitchen fight", "La vaisselle"],
        "{first:?}"
    );

    // Deleted: rebuilt from the files, with progress.
    let index = data.join("index.age");
    std::fs::remove_file(&index).unwrap();
    let seen = std::sync::Mutex::new(Vec::new());
    let rebuilt = journal.list_with(&|done, total| seen.lock().unwrap().push((done, total)));
    assert_eq!(titles(&rebuilt), titles(&first));
    assert_eq!(seen.lock().unwrap().last(), Some(&(2, 2)));
    assert!(index.is_file());

    // Warm: nothing read from the entries.
    let seen = std::sync::Mutex::new(Vec::new());
    journal.list_with(&|done, total| seen.lock().unwrap().push((done, total)));
    assert_eq!(*seen.lock().unwrap(), Vec::<(usize, usize)>::new());

    // Stale: an entry changed behind the index's back is read again.
    let mut journal_w = Journal::new(&data);
    let Listed::Entry(summary) = &first[1] else {
        panic!()
    };
    let mut entry = Journal::load(&summary.path).unwrap();
    entry.exercise_title = "La vaisselle, encore".into();
    journal_w.save(&summary.path, &entry).unwrap();
    let _ = &mut journal_w;
    let stale = journal.list();
    assert_eq!(
        titles(&stale),
        ["Sunday kitchen fight", "La vaisselle, encore"]
    );

    // A damaged index is as if none were there.
    std::fs::write(&index, b"not an index").unwrap();
    assert_eq!(titles(&journal.list()), titles(&stale));
    two_worlds::vault::forget(&data);
}

#[test]
fn an_interrupted_lock_is_finished_by_running_it_again() {
    let sandbox = Sandbox::new();
    let journal = Journal::new(&sandbox.data_dir());
    // Enough entries that the first run is still at work when it is killed.
    for n in 0..400 {
        let mut entry = golden_entry();
        entry.started = time("2025-03-01T20:15:07Z")
            .checked_add(jiff::SignedDuration::from_secs(n))
            .unwrap();
        save_new(&journal, &entry);
    }
    let file = phrase_file(&sandbox, "phrase.txt", PASSPHRASE);
    let mut cmd = command(
        &sandbox,
        &["--passphrase-file", file.to_str().unwrap(), "lock"],
    );
    let mut child = cmd
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait for what the disk shows: some entries locked, not all.
    let entries = sandbox.entries_dir();
    let count_sealed = || {
        let Ok(folders) = std::fs::read_dir(&entries) else {
            return 0;
        };
        folders
            .flatten()
            .filter_map(|folder| std::fs::read_dir(folder.path()).ok())
            .flat_map(|files| files.flatten())
            .filter(|file| file.file_name().to_string_lossy().ends_with(".toml.age"))
            .count()
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while count_sealed() < 5 {
        assert!(std::time::Instant::now() < deadline, "the lock never began");
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    let sealed_now = count_sealed();
    assert!(
        sealed_now < 400,
        "the lock was not interrupted ({sealed_now} sealed); the test needs more entries"
    );
    let marker = std::fs::read_to_string(sandbox.data_dir().join("locked.toml")).unwrap();
    assert!(marker.contains("locking"), "{marker}");
    // Every entry is whole in one form or the other, none in both.
    let total = files_under(&entries)
        .keys()
        .filter(|p| {
            let name = p.to_string_lossy();
            name.ends_with(".toml") || name.ends_with(".toml.age")
        })
        .count();
    assert!((400..=401).contains(&total), "{total}");

    let paths = run(&sandbox, &["paths"]);
    assert!(paths.stdout.contains("being locked"), "{}", paths.stdout);
    // Some files are still plain: `paths` does not say they cannot be read.
    assert!(
        paths.stdout.contains(two_worlds::care::WHO_CAN_READ),
        "{}",
        paths.stdout
    );

    let again = unlocked(&sandbox, &["lock"]);
    again.assert_code(0);
    assert_eq!(count_sealed(), 400);
    let marker = std::fs::read_to_string(sandbox.data_dir().join("locked.toml")).unwrap();
    assert!(marker.contains("phase = \"locked\""), "{marker}");
    assert_eq!(plain_secrets(&sandbox.data_dir()), Vec::<String>::new());
    let history = unlocked(&sandbox, &["history", "--json"]);
    history.assert_code(0);
    assert_eq!(history.stdout_json().as_array().unwrap().len(), 400);
}

#[test]
fn lock_refuses_while_two_worlds_has_the_journal_open() {
    let sandbox = Sandbox::new();
    journal_with_a_moment(&sandbox);
    std::fs::create_dir_all(sandbox.data_dir()).unwrap();
    let open = two_worlds::journal::lock_journal(&sandbox.data_dir(), false).unwrap();
    let before = files_under(&sandbox.data_dir());
    let refused = unlocked(&sandbox, &["lock"]);
    refused.assert_code(1);
    assert!(
        refused.stderr.contains("close it there first"),
        "{}",
        refused.stderr
    );
    assert_eq!(before, files_under(&sandbox.data_dir()));
    drop(open);
    unlocked(&sandbox, &["lock"]).assert_code(0);
}

#[test]
fn rescue_copies_of_a_locked_journal_are_locked_and_named_without_a_title() {
    let sandbox = Sandbox::new();
    journal_with_a_moment(&sandbox);
    lock(&sandbox);
    let journal = Journal::new(&sandbox.data_dir());
    let mut entry = Entry::new(
        "sunday-kitchen-fight",
        "Sunday kitchen fight",
        "Sam",
        "He never listens when I talk about my mother",
        time("2026-11-22T09:00:00Z"),
    );
    entry.own_view = "rescued épuisée".into();
    let rescued = journal.write_rescue(&entry, None).unwrap();
    assert!(rescued.starts_with(sandbox.data_dir().join("rescue")));
    assert!(
        rescued.to_string_lossy().ends_with(".toml.age"),
        "{rescued:?}"
    );
    assert_eq!(plain_secrets(&sandbox.data_dir()), Vec::<String>::new());
    crate::common::assert_mode(&rescued, 0o600);

    // Decrypted, it is a rescue copy as a plain journal names it, whole.
    unlocked(&sandbox, &["decrypt"]).assert_code(0);
    let back = sandbox
        .data_dir()
        .join("rescue/sunday-kitchen-fight-20261122T090000Z.toml");
    assert_eq!(Journal::load(&back).unwrap(), entry);
}

#[test]
fn a_moment_shared_into_a_locked_journal_is_kept_locked_and_listed_once_unlocked() {
    let (ana, camille) = (Sandbox::first_run(), Sandbox::first_run());
    let journal = Journal::new(&ana.data_dir());
    let path = save_new(&journal, &golden_entry());
    let shared = ana.run(&["share", &ana.reference(&path), "--name", "Ana"]);
    shared.assert_code(0);
    let exchange_file = PathBuf::from(shared.stdout.trim());

    std::fs::create_dir_all(camille.data_dir()).unwrap();
    lock(&camille);
    // Bringing in reads what is kept (only a newer side replaces it): the key first.
    let no_key = run(&camille, &["import", exchange_file.to_str().unwrap()]);
    no_key.assert_code(2);
    assert!(
        no_key.stderr.contains("--passphrase-file"),
        "{}",
        no_key.stderr
    );
    let key = phrase_file(&camille, "phrase.txt", PASSPHRASE);
    let key = key.to_str().unwrap();
    run(
        &camille,
        &[
            "--passphrase-file",
            key,
            "import",
            exchange_file.to_str().unwrap(),
        ],
    )
    .assert_code(0);
    let again = run(
        &camille,
        &[
            "--passphrase-file",
            key,
            "import",
            exchange_file.to_str().unwrap(),
        ],
    );
    again.assert_code(0);
    assert!(
        again.stdout.contains("nothing changed") || again.stderr.contains("nothing changed"),
        "{again:#?}"
    );
    let kept: Vec<_> = files_under(&camille.data_dir().join("exchanges"))
        .into_keys()
        .filter(|p| p.is_file())
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(kept[0].to_string_lossy().ends_with(".toml.age"), "{kept:?}");
    assert_eq!(plain_secrets(&camille.data_dir()), Vec::<String>::new());

    let list = unlocked(&camille, &["list", "--json"]);
    list.assert_code(0);
    assert!(list.stdout.contains("\"shared\""), "{}", list.stdout);
    assert!(list.stdout.contains("La vaisselle"), "{}", list.stdout);
    // Without the key, the shared moment is not shown at all.
    let mut cmd = command(&camille, &["list", "--json"]);
    cmd.env(
        "TWO_WORLDS_PASSPHRASE_COMMAND",
        format!(
            "cat {}",
            phrase_file(&camille, "wrong.txt", OTHER_PASSPHRASE).display()
        ),
    );
    let refused = camille.run_command(cmd);
    refused.assert_code(1);
    assert!(!refused.stdout.contains("La vaisselle"));
}

#[test]
fn a_moment_of_ones_own_written_into_a_locked_journal_is_locked_and_loads_once_unlocked() {
    let sandbox = Sandbox::new();
    journal_with_a_moment(&sandbox);
    lock(&sandbox);
    let data = sandbox.data_dir();
    let seal = match two_worlds::vault::lock_state(&data) {
        two_worlds::vault::Lock::Sealed(seal) => seal,
        other => panic!("{other:?}"),
    };
    let dir = data.join("exercises");
    two_worlds::exercise::own::write_moment(
        &dir,
        Some(&seal),
        &["sunday-kitchen-fight".to_owned()],
        "Sam",
        "He never listens when I talk about my mother",
        "Sunday kitchen fight, the second",
    )
    .unwrap();
    assert_eq!(plain_secrets(&data), Vec::<String>::new());
    let names: Vec<_> = crate::common::names_in(&dir);
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(
        names
            .iter()
            .all(|n| n.starts_with('x') && n.ends_with(".toml.age")),
        "{names:?}"
    );

    let list = unlocked(&sandbox, &["list"]);
    list.assert_code(0);
    assert!(
        list.stdout
            .contains("He never listens when I talk about my mother"),
        "{}",
        list.stdout
    );
    // `check` without the key names each locked file as locked, and quotes nothing.
    let check = run(&sandbox, &["check"]);
    assert!(
        check.stdout.contains("locked with your journal")
            || check.stderr.contains("locked with your journal"),
        "{check:#?}"
    );
    assert!(!check.stdout.contains("mother") && !check.stderr.contains("mother"));
}

#[cfg(unix)]
#[test]
fn lock_never_follows_a_link_and_says_what_it_left() {
    let sandbox = Sandbox::new();
    journal_with_a_moment(&sandbox);
    let outside = sandbox.root().join("elsewhere");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("20250101T000000Z.toml"), "kept elsewhere").unwrap();
    std::os::unix::fs::symlink(&outside, sandbox.entries_dir().join("linked")).unwrap();
    let locked = unlocked(&sandbox, &["lock"]);
    locked.assert_code(0);
    assert!(locked.stderr.contains("is a link"), "{}", locked.stderr);
    assert_eq!(
        std::fs::read_to_string(outside.join("20250101T000000Z.toml")).unwrap(),
        "kept elsewhere"
    );
    assert_eq!(crate::common::names_in(&outside), ["20250101T000000Z.toml"]);
}
