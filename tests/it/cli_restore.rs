//! `two-worlds restore`: a JSON export is a backup only if it comes back. The
//! round trip, a second restore that changes nothing, and hostile backups.

use crate::common::entries::{golden_entry, save_new, time};
use crate::common::sandbox::Sandbox;
use crate::common::{assert_mode, files_under};

/// The entry files under `dir`.
fn entry_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    files_under(dir)
        .into_keys()
        .filter(|p| p.is_file())
        .collect()
}
use two_worlds::journal::{Entry, Journal, Status, Step};

/// A journal of three entries: the golden one, a draft of a moment with every
/// awkward character, and a third started in the same second as the draft.
fn journal_of_three(sandbox: &Sandbox) {
    let journal = Journal::new(&sandbox.data_dir());
    save_new(&journal, &golden_entry());
    let mut draft = Entry::new(
        "my-moment",
        "Sunday \"kitchen\"",
        "Sam",
        "He said \"\"\" then left.\nNext line \u{1b}[31m red?",
        time("2026-11-20T20:00:00Z"),
    );
    draft.status = Status::Draft;
    draft.step = Step::PartnerView;
    draft.own_view =
        "Quotes \" ' \"\"\" and a tab\there — 日本語, émoji 🙂\n\nSecond paragraph.".into();
    save_new(&journal, &draft);
    let mut twin = draft.clone();
    twin.own_view = "Another entry, the same second.".into();
    save_new(&journal, &twin);
}

fn export_json(sandbox: &Sandbox) -> String {
    let run = sandbox.run(&["export", "--all", "--format", "json"]);
    run.assert_code(0);
    run.stdout
}

#[test]
fn a_json_export_comes_back_whole_into_an_empty_journal() {
    let from = Sandbox::new();
    journal_of_three(&from);
    let backup = from.root().join("backup.json");
    from.run(&[
        "export",
        "--all",
        "--format",
        "json",
        "-o",
        backup.to_str().unwrap(),
    ])
    .assert_code(0);

    let to = Sandbox::new();
    let run = to.run(&["restore", backup.to_str().unwrap()]);
    run.assert_code(0);
    assert!(
        run.stdout
            .ends_with("3 restored, 0 already in your journal, 0 refused\n"),
        "{}",
        run.stdout
    );
    assert_eq!(
        export_json(&to),
        export_json(&from),
        "the same journal, entry for entry"
    );
    let files = entry_files(&to.entries_dir());
    assert_eq!(files.len(), 3, "{files:?}");
    for file in &files {
        assert_mode(file, 0o600);
        assert!(
            !file.to_string_lossy().ends_with(".lock"),
            "{}",
            file.display()
        );
        // Each file reads back as the entry it was.
        Journal::load(file).unwrap();
    }
    assert!(
        !run.stdout.contains('\u{1b}'),
        "nothing raw reaches the terminal"
    );
}

#[test]
fn restoring_again_writes_nothing_and_says_each_entry_is_there() {
    let sandbox = Sandbox::new();
    journal_of_three(&sandbox);
    let backup = sandbox.root().join("backup.json");
    std::fs::write(&backup, export_json(&sandbox)).unwrap();
    let before: Vec<_> = entry_files(&sandbox.entries_dir())
        .into_iter()
        .map(|f| {
            (
                std::fs::read(&f).unwrap(),
                std::fs::metadata(&f).unwrap().modified().unwrap(),
                f,
            )
        })
        .collect();
    let run = sandbox.run(&["restore", backup.to_str().unwrap()]);
    run.assert_code(0);
    assert_eq!(
        run.stdout.matches("(already in your journal)").count(),
        3,
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .ends_with("0 restored, 3 already in your journal, 0 refused\n")
    );
    for (bytes, modified, file) in before {
        assert_eq!(std::fs::read(&file).unwrap(), bytes);
        assert_eq!(
            std::fs::metadata(&file).unwrap().modified().unwrap(),
            modified
        );
    }
    assert_eq!(entry_files(&sandbox.entries_dir()).len(), 3);
}

#[test]
fn an_entry_that_differs_from_the_one_in_its_place_is_restored_beside_it() {
    let sandbox = Sandbox::new();
    let journal = Journal::new(&sandbox.data_dir());
    let mut mine = golden_entry();
    save_new(&journal, &mine);
    mine.own_view = "A different text, the same start.".into();
    let json = serde_json::to_string(&[two_worlds_json(&mine)]).unwrap();
    let backup = sandbox.root().join("other.json");
    std::fs::write(&backup, json).unwrap();
    let run = sandbox.run(&["restore", backup.to_str().unwrap()]);
    run.assert_code(0);
    assert!(
        run.stdout
            .contains("restored  the-dishes/20250301T201507Z-2.toml"),
        "{}",
        run.stdout
    );
    assert_eq!(entry_files(&sandbox.entries_dir()).len(), 2);
}

/// One entry as `export --format json` writes it.
fn two_worlds_json(entry: &Entry) -> serde_json::Value {
    let sandbox = Sandbox::new();
    save_new(&Journal::new(&sandbox.data_dir()), entry);
    let all: Vec<serde_json::Value> = serde_json::from_str(&export_json(&sandbox)).unwrap();
    all.into_iter().next().unwrap()
}

#[test]
fn a_hostile_backup_writes_nothing_outside_the_entries_and_overwrites_nothing() {
    let sandbox = Sandbox::new();
    journal_of_three(&sandbox);
    let good = two_worlds_json(&golden_entry());
    let mut escape = good.clone();
    escape["exercise_id"] = "../../evil".into();
    let mut unknown = good.clone();
    unknown["password"] = "x".into();
    let mut newer = good.clone();
    newer["format"] = 99.into();
    let mut raw = good.clone();
    raw["exercise_id"] = "\u{1b}]0;owned\u{7}".into();
    let backup = sandbox.root().join("hostile.json");
    std::fs::write(
        &backup,
        serde_json::to_string(&[escape, unknown, newer, raw, serde_json::json!(42)]).unwrap(),
    )
    .unwrap();
    let before = files_under(sandbox.root());
    let run = sandbox.run(&["restore", backup.to_str().unwrap()]);
    run.assert_code(1);
    assert!(
        run.stdout
            .ends_with("0 restored, 1 already in your journal, 4 refused\n"),
        "{}",
        run.stdout
    );
    // A key two-worlds does not know is read past, as in an entry file: that
    // entry is the golden one, already there.
    assert_eq!(
        run.stdout.matches("refused   entry").count(),
        4,
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains(['\u{1b}', '\u{7}']),
        "{:?}",
        run.stdout
    );
    assert_eq!(
        files_under(sandbox.root()),
        before,
        "nothing written anywhere"
    );
    assert!(!sandbox.root().join("evil").exists());
}

#[test]
fn a_file_that_is_not_a_backup_is_one_clear_error() {
    let sandbox = Sandbox::new();
    let cases: [(&str, &[u8]); 3] = [
        ("broken.json", b"[{\"exercise_id\": \n"),
        ("object.json", b"{\"entries\": []}"),
        ("binary.json", b"\xff\xfe\x00"),
    ];
    for (name, bytes) in cases {
        let file = sandbox.root().join(name);
        std::fs::write(&file, bytes).unwrap();
        let run = sandbox.run(&["restore", file.to_str().unwrap()]);
        let line = run.assert_one_line_error();
        assert!(line.contains("is not a backup written by"), "{line}");
        assert!(line.contains("line "), "{line}");
    }
    let missing = sandbox.run(&["restore", "/nowhere/at/all.json"]);
    assert!(
        missing
            .assert_one_line_error()
            .contains("cannot read the backup")
    );
    assert!(!sandbox.entries_dir().exists());
}
