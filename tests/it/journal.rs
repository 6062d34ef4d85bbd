//! The journal as a user would find it on disk: files that survive, stay
//! private, never leak their text into error messages, and list quickly.
//! Every test works in its own temporary folder, never the real home.

use std::fs;
#[cfg(unix)]
use std::os::unix::fs::PermissionsExt;

use jiff::tz::TimeZone;
use proptest::prelude::*;
use two_worlds::journal::{self, Answer, ENTRY_FORMAT, Entry, Journal, Listed, Status, Step};
use two_worlds::translation::Speaker;
use two_worlds::{export, files};

use crate::common::entries::{golden_entry, save_new, time};
use crate::common::{assert_mode, files_under, fixture, golden_path, names_in};
use crate::entry_format::{card, full_entry_4};

/// An entry with the kinds of text that break naive serialisation.
fn awkward_entry() -> Entry {
    let started = time("2025-03-01T20:15:07Z");
    let mut entry = Entry::new(
        "the-dishes",
        "La vaisselle — « encore »",
        "Camille",
        "Camille left the dishes.\nAgain.",
        started,
    );
    entry.saved = time("2025-03-01T20:51:30.25Z");
    entry.completed = Some(time("2025-03-01T20:51:30.25Z"));
    entry.status = Status::Complete;
    entry.step = Step::Finished;
    entry.own_view = "J'étais épuisée.\n\tIndented with a tab.\nShe said \"fine\" and \
                      then \"\"\"nothing\"\"\".\nAnd '''this''' too.\n\n日本語も書いた。\n"
        .to_owned();
    entry.partner_view =
        "Back\\slash, a CRLF\r\nline, a bell \u{7}, trailing spaces   \n\n\n".to_owned();
    entry.reflection = vec![
        Answer {
            question: "What did you feel?".to_owned(),
            answer: "Triste. \"\"\"\n'''\n悲しい".to_owned(),
        },
        Answer {
            question: "What could you say now?".to_owned(),
            answer: String::new(),
        },
    ];
    // The fields of format 3, as awkward: a card's line that looks like the body's start,
    // a friend's view that looks like a card, quotes, backslashes and controls.
    let card_line = "\nscenario = \"\"";
    entry.cards = vec![card(Speaker::Partner, card_line, false, "\t\u{7f}", "")];
    entry.observer_view = "\"\"\"\r\n[[cards]]\nquote = \"x\"\n\u{1b}[2J".to_owned();
    entry.observer_lens = Some(true);
    entry.cycle.then_i = "'''\\".to_owned();
    entry.marks.own = "She said \"fine\".".to_owned();
    entry
}

// ---- Saving and loading -------------------------------------------------

#[test]
fn round_trip_keeps_every_character() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path());
    let entry = awkward_entry();
    let path = save_new(&journal, &entry);
    assert_eq!(Journal::load(&path).unwrap(), entry);
}

#[test]
fn round_trip_of_an_empty_draft() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path());
    let entry = Entry::new("x", "", "", "", time("2025-01-01T00:00:00Z"));
    let path = save_new(&journal, &entry);
    assert_eq!(Journal::load(&path).unwrap(), entry);
}

#[test]
fn file_reads_well_in_an_editor() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path());
    let mut entry = Entry::new(
        "the-dishes",
        "The dishes",
        "Sam",
        "Who does the dishes.",
        time("2025-03-01T20:15:00Z"),
    );
    entry.own_view = "I came home tired.\nThe sink was full.\n".to_owned();
    let path = save_new(&journal, &entry);
    let text = fs::read_to_string(&path).unwrap();

    assert!(text.starts_with("format = 4\n"), "{text}");
    assert!(
        text.contains("own_view = \"\"\"\nI came home tired.\nThe sink was full.\n\"\"\"\n"),
        "a multi-line view should be a plain \"\"\" block:\n{text}"
    );
    assert!(
        text.contains("started = \"2025-03-01T20:15:00Z\"\n"),
        "{text}"
    );
    assert!(text.contains("status = \"draft\"\n"), "{text}");
    assert!(text.contains("step = \"scenario\"\n"), "{text}");
    assert!(text.contains("words = 8\n"), "{text}");
    // The header comes first, then a blank line, then the long texts.
    assert!(text.contains("\n\nscenario = "), "{text}");
    let words_at = text.find("words = ").unwrap();
    for long in ["scenario = ", "own_view = ", "partner_view = "] {
        assert!(
            text.find(long).unwrap() > words_at,
            "{long} is above the header"
        );
    }
}

#[test]
fn words_count_both_views_and_the_answers() {
    let mut entry = Entry::new(
        "x",
        "t",
        "p",
        "the scenario is not counted",
        time("2025-01-01T00:00:00Z"),
    );
    entry.own_view = "one two\nthree".to_owned();
    entry.partner_view = "  four\tfive  ".to_owned();
    entry.reflection = vec![Answer {
        question: "questions are not counted".to_owned(),
        answer: "six".to_owned(),
    }];
    assert_eq!(entry.words(), 6);
}

#[test]
fn entries_go_in_a_folder_per_exercise_named_by_start_time() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let journal = Journal::new(&data);
    let started = time("2025-03-01T20:15:07.9Z");
    let path = save_new(&journal, &Entry::new("the-dishes", "", "", "", started));
    assert_eq!(path, data.join("entries/the-dishes/20250301T201507Z.toml"));
    assert_eq!(journal.entries_dir(), data.join("entries"));
}

#[test]
fn exercise_ids_that_escape_the_folder_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut journal = Journal::new(dir.path());
    for id in ["", "..", "../x", "a/b", ".hidden", "a\0b"] {
        let entry = Entry::new(id, "", "", "", time("2025-01-01T00:00:00Z"));
        assert!(
            journal.save_attempt(1, None, &entry).is_err(),
            "{id:?} was accepted"
        );
    }
    assert!(names_in(dir.path()).is_empty());
}

#[test]
fn entries_started_in_the_same_second_get_their_own_files() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path());
    let started = time("2025-03-01T20:15:00Z");
    let mut first = Entry::new("the-dishes", "The dishes", "Sam", "", started);
    first.own_view = "first".to_owned();
    let mut second = first.clone();
    second.own_view = "second".to_owned();
    let mut third = first.clone();
    third.own_view = "third".to_owned();

    let paths = [&first, &second, &third].map(|entry| save_new(&journal, entry));
    let names: Vec<_> = paths
        .iter()
        .map(|p| p.file_name().unwrap().to_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        names,
        [
            "20250301T201500Z.toml",
            "20250301T201500Z-2.toml",
            "20250301T201500Z-3.toml"
        ]
    );
    for (path, entry) in paths.iter().zip([&first, &second, &third]) {
        assert_eq!(&Journal::load(path).unwrap(), entry);
    }
}

// ---- Atomic, private writes ---------------------------------------------

#[test]
fn created_folders_and_entry_files_are_private() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("two-worlds");
    let journal = Journal::new(&data);
    let path = save_new(&journal, &awkward_entry());
    assert_mode(&data, 0o700);
    assert_mode(&data.join("entries"), 0o700);
    assert_mode(path.parent().unwrap(), 0o700);
    assert_mode(&path, 0o600);
}

#[cfg(unix)]
#[test]
fn saving_over_a_loose_file_makes_it_private() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path());
    let path = save_new(&journal, &awkward_entry());
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    journal.save(&path, &awkward_entry()).unwrap();
    assert_mode(&path, 0o600);
}

#[cfg(unix)]
#[test]
fn existing_folders_are_left_as_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    fs::create_dir(&data).unwrap();
    fs::set_permissions(&data, fs::Permissions::from_mode(0o755)).unwrap();
    files::create_private_dir_all(&data.join("entries/one")).unwrap();
    assert_mode(&data, 0o755);
    assert_mode(&data.join("entries"), 0o700);
    assert_mode(&data.join("entries/one"), 0o700);
}

#[cfg(unix)]
#[test]
fn loose_data_folder_gets_a_warning_and_is_not_changed() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    fs::create_dir(&data).unwrap();

    fs::set_permissions(&data, fs::Permissions::from_mode(0o755)).unwrap();
    let warning = journal::loose_permissions(&data).expect("0755 should warn");
    assert!(warning.contains(&data.display().to_string()), "{warning}");
    assert!(warning.contains("755"), "{warning}");
    assert!(!warning.contains('\n'), "one line: {warning}");
    assert_mode(&data, 0o755);

    fs::set_permissions(&data, fs::Permissions::from_mode(0o700)).unwrap();
    assert_eq!(journal::loose_permissions(&data), None);
    assert_eq!(
        journal::loose_permissions(&dir.path().join("missing")),
        None
    );
}

#[test]
fn a_failed_rename_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    // The target is a folder with something in it: the final rename fails.
    let target = dir.path().join("entry.toml");
    fs::create_dir(&target).unwrap();
    fs::write(target.join("keep"), "kept").unwrap();

    assert!(files::write_atomic(&target, b"new text").is_err());
    assert_eq!(names_in(dir.path()), ["entry.toml"]);
    assert_eq!(fs::read_to_string(target.join("keep")).unwrap(), "kept");
}

#[test]
fn saving_into_a_folder_that_cannot_exist_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("data");
    fs::write(&blocker, "a file where the data folder should be").unwrap();
    let mut journal = Journal::new(&blocker);

    let error = journal.save_attempt(1, None, &awkward_entry()).unwrap_err();
    assert!(format!("{error:#}").contains("data"), "{error:#}");

    let path = blocker.join("entries/the-dishes/20250101T000000Z.toml");
    let error = journal.save(&path, &awkward_entry()).unwrap_err();
    let error = format!("{error:#}");
    assert!(error.contains("entries"), "{error}");
    assert!(!error.contains("épuisée"), "{error}");
    assert_eq!(names_in(dir.path()), ["data"]);
}

// ---- Exports --------------------------------------------------------------

fn golden(name: &str, actual: &str) {
    let path = golden_path(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::write(&path, actual).unwrap();
    }
    let expected = fs::read_to_string(&path)
        .unwrap_or_else(|err| panic!("{}: {err} (UPDATE_GOLDEN=1 writes it)", path.display()));
    assert!(
        expected == actual,
        "{name} differs from the golden file.\n--- expected\n{expected}\n--- actual\n{actual}"
    );
}

#[test]
fn markdown_export_matches_golden() {
    golden(
        "entry.md",
        &export::markdown_in(&golden_entry(), &TimeZone::UTC),
    );
}

#[test]
fn json_export_matches_golden() {
    golden("entry.json", &export::json(&full_entry_4()));
}

#[test]
fn markdown_of_an_unfinished_draft_matches_golden() {
    let mut entry = Entry::new(
        "late-again",
        "Late again",
        "your partner",
        "They were an hour late for dinner.",
        time("2025-11-30T07:05:00Z"),
    );
    entry.own_view = "I waited.".to_owned();
    entry.step = Step::PartnerView;
    golden("draft.md", &export::markdown_in(&entry, &TimeZone::UTC));
}

#[test]
fn markdown_uses_the_local_zone_by_default() {
    // The computer's zone, whichever it is: the same as naming it.
    let text = export::markdown(&golden_entry());
    assert_eq!(
        text,
        export::markdown_in(&golden_entry(), &two_worlds::time::local_zone())
    );
    // Whatever the zone, the date is that weekend's.
    assert!(
        text.starts_with("# La vaisselle\n\nWith Camille  \nStarted "),
        "{text}"
    );
    assert!(text.contains(" March 2025, "), "{text}");
}

#[test]
fn markdown_shows_the_date_in_the_given_zone() {
    // Paris's rule, as a POSIX string: no time zone database needed.
    let paris = TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").unwrap();
    let text = export::markdown_in(&golden_entry(), &paris);
    assert!(
        text.contains("Started Saturday 1 March 2025, 21:15 CET"),
        "{text}"
    );
}

#[test]
fn json_export_reads_back_as_the_same_entry() {
    let entry = awkward_entry();
    let value: serde_json::Value = serde_json::from_str(&export::json(&entry)).unwrap();
    assert_eq!(value["format"], ENTRY_FORMAT.current);
    assert_eq!(value["words"], entry.words());
    assert_eq!(value["started"], "2025-03-01T20:15:07Z");
    let back: Entry = serde_json::from_value(value).unwrap();
    assert_eq!(back, entry);
}

#[test]
fn export_files_are_private_and_never_replace_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("la-vaisselle.md");
    let text = export::markdown_in(&golden_entry(), &TimeZone::UTC);
    files::write_new_file(&path, text.as_bytes()).unwrap();
    assert_mode(&path, 0o600);
    assert_eq!(fs::read_to_string(&path).unwrap(), text);

    let error = files::write_new_file(&path, b"something else").unwrap_err();
    assert!(format!("{error:#}").contains("already exists"), "{error:#}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    assert_eq!(names_in(dir.path()), ["la-vaisselle.md"]);
}

// ---- Listing --------------------------------------------------------------

fn copy_fixtures() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = fixture("entries/the-dishes");
    let to = dir.path().join("entries/the-dishes");
    fs::create_dir_all(&to).unwrap();
    for entry in fs::read_dir(&from).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
    dir
}

fn reason_for<'a>(listed: &'a [Listed], name: &str) -> &'a str {
    let item = listed
        .iter()
        .find(|item| item.path().file_name().unwrap() == name)
        .unwrap_or_else(|| panic!("{name} is not listed: {listed:#?}"));
    match item {
        Listed::Unreadable { reason, .. } => reason,
        Listed::Entry(summary) => panic!("{name} should be unreadable: {summary:#?}"),
    }
}

#[test]
fn unreadable_files_are_listed_with_a_reason_and_left_untouched() {
    let dir = copy_fixtures();
    let before = files_under(dir.path());
    let listed = Journal::new(dir.path()).list();

    let cases = [
        ("20240105T190000Z.toml", "cut short"),
        (
            "20240106T190000Z.toml",
            "line 5: `started` should be a time",
        ),
        ("20240107T190000Z.toml", "written by a newer two-worlds"),
        ("20240108T190000Z.toml", "line 11: the file is not UTF-8"),
        ("20240109T190000Z.toml", "line 13: `reflection` should be"),
        ("20240111T190000Z.toml", "empty"),
    ];
    for (name, expected) in cases {
        let reason = reason_for(&listed, name);
        assert!(reason.contains(expected), "{name}: {reason}");
        assert!(
            !reason.contains("PRIVATE"),
            "{name} leaks its text: {reason}"
        );
        assert!(!reason.contains('\n'), "{name}: one line please: {reason}");
    }
    assert_eq!(files_under(dir.path()), before, "listing changed a file");
}

#[test]
fn listing_skips_lock_and_temporary_files_and_reads_hand_edited_entries() {
    let dir = copy_fixtures();
    let listed = Journal::new(dir.path()).list();
    let names: Vec<_> = listed
        .iter()
        .map(|item| item.path().file_name().unwrap().to_str().unwrap())
        .collect();
    // Newest first, by the time each was started.
    assert_eq!(
        names,
        [
            "20240111T190000Z.toml",
            "20240110T190000Z.toml",
            "20240109T190000Z.toml",
            "20240108T190000Z.toml",
            "20240107T190000Z.toml",
            "20240106T190000Z.toml",
            "20240105T190000Z.toml",
        ]
    );
    let Listed::Entry(edited) = &listed[1] else {
        panic!("the hand-edited entry is readable: {:#?}", listed[1]);
    };
    assert_eq!(edited.exercise_title, "The dishes");
    assert_eq!(edited.status, Status::Complete);
    assert_eq!(
        edited.words, 16,
        "counted from the text, as it has no count"
    );
}

#[test]
fn load_errors_name_the_file_and_never_quote_it() {
    let dir = copy_fixtures();
    let folder = dir.path().join("entries/the-dishes");
    for name in [
        "20240105T190000Z.toml",
        "20240106T190000Z.toml",
        "20240107T190000Z.toml",
        "20240108T190000Z.toml",
        "20240109T190000Z.toml",
        "20240111T190000Z.toml",
    ] {
        let path = folder.join(name);
        let error = format!("{:#}", Journal::load(&path).unwrap_err());
        assert!(error.contains(&path.display().to_string()), "{error}");
        assert!(!error.contains("PRIVATE"), "{error}");
    }
    let error = format!(
        "{:#}",
        Journal::load(&folder.join("missing.toml")).unwrap_err()
    );
    assert!(error.contains("missing.toml"), "{error}");
}

#[test]
fn a_wrong_value_is_described_not_quoted() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path());
    let path = save_new(&journal, &awkward_entry());
    let text = fs::read_to_string(&path).unwrap();
    let edits = [
        (
            "status = \"complete\"",
            "status = \"PRIVATE feelings\"",
            "`status` should be \"draft\" or \"complete\"",
        ),
        (
            "step = \"finished\"",
            "step = \"PRIVATE\"",
            "`step` should be one of",
        ),
        (
            "partner = \"Camille\"",
            "partner = [\"PRIVATE\"]",
            "`partner` should be text",
        ),
        (
            "saved = \"2025-03-01T20:51:30.25Z\"",
            "saved = \"PRIVATE\"",
            "`saved` should be a time",
        ),
        ("format = 4", "format = \"PRIVATE\"", "`format` should be 4"),
        ("format = 4\n", "", "no `format = 4` line"),
        (
            "question = \"What did you feel?\"",
            "question = 5",
            "`question` should be text",
        ),
        (
            "exercise_id = \"the-dishes\"\n",
            "",
            "`exercise_id` is missing",
        ),
        (
            "step = \"finished\"",
            "step = \"finished\"\nstep = \"PRIVATE\"",
            "duplicate key",
        ),
    ];
    for (from, to, expected) in edits {
        assert!(text.contains(from), "{from} not in:\n{text}");
        fs::write(&path, text.replacen(from, to, 1)).unwrap();
        let error = format!("{:#}", Journal::load(&path).unwrap_err());
        assert!(error.contains(expected), "after {to:?}: {error}");
        assert!(!error.contains("PRIVATE"), "after {to:?}: {error}");
        let listed = journal.list();
        assert!(
            matches!(&listed[..], [Listed::Unreadable { reason, .. }] if error.ends_with(reason.as_str())),
            "after {to:?}: {listed:#?}"
        );
    }
}

#[test]
fn listing_is_newest_first_and_reads_the_header() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path());
    let mut older = awkward_entry();
    older.started = time("2024-12-31T23:59:59Z");
    let mut other = Entry::new(
        "late-again",
        "Late again",
        "Sam",
        "",
        time("2025-06-01T10:00:00Z"),
    );
    other.own_view = "three words here".to_owned();
    let newer = awkward_entry();
    let paths = [&older, &other, &newer].map(|entry| save_new(&journal, entry));

    let listed = journal.list();
    let summaries: Vec<_> = listed
        .iter()
        .map(|item| match item {
            Listed::Entry(summary) => summary,
            Listed::Unreadable { reason, .. } => panic!("{reason}"),
        })
        .collect();
    assert_eq!(
        summaries.iter().map(|s| &s.path).collect::<Vec<_>>(),
        [&paths[1], &paths[2], &paths[0]]
    );
    let top = summaries[0];
    assert_eq!(top.exercise_id, "late-again");
    assert_eq!(top.exercise_title, "Late again");
    assert_eq!(top.partner, "Sam");
    assert_eq!(top.started, time("2025-06-01T10:00:00Z"));
    assert_eq!(top.status, Status::Draft);
    assert_eq!(top.step, Step::Scenario);
    assert_eq!(top.words, 3);
    assert_eq!(summaries[1].words, newer.words());
    assert_eq!(summaries[1].saved, newer.saved);
}

#[test]
fn an_edited_entry_is_listed_from_its_new_text() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path());
    let mut entry = awkward_entry();
    entry.own_view = "one two three".to_owned();
    let path = save_new(&journal, &entry);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replace("one two three", "one two three four")).unwrap();
    let Listed::Entry(summary) = &journal.list()[0] else {
        panic!("still readable");
    };
    entry.own_view = "one two three four".to_owned();
    assert_eq!(
        summary.words,
        entry.words(),
        "the stale count in the header is not trusted"
    );
}

#[test]
fn listing_an_empty_or_missing_journal_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("not-yet");
    assert_eq!(Journal::new(&data).list(), []);
    assert!(!data.exists());
}

#[test]
fn the_draft_to_continue_is_the_one_saved_last_for_each_exercise() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path());
    assert!(journal::drafts_to_continue(&journal.list()).is_empty());

    let mut early = Entry::new(
        "the-dishes",
        "The dishes",
        "Sam",
        "",
        time("2025-01-01T10:00:00Z"),
    );
    early.saved = time("2025-01-03T10:00:00Z");
    let mut late = early.clone();
    late.started = time("2025-01-02T10:00:00Z");
    late.saved = time("2025-01-02T11:00:00Z");
    let mut finished = early.clone();
    finished.started = time("2025-01-04T10:00:00Z");
    finished.saved = time("2025-01-04T11:00:00Z");
    finished.status = Status::Complete;
    // Two drafts of another exercise saved in the same instant: the one started
    // last is offered.
    let mut elsewhere = early.clone();
    elsewhere.exercise_id = "late-again".to_owned();
    elsewhere.saved = time("2025-01-05T10:00:00Z");
    let mut elsewhere_later = elsewhere.clone();
    elsewhere_later.started = time("2025-01-01T11:00:00Z");
    let early_path = save_new(&journal, &early);
    for entry in [&late, &finished, &elsewhere] {
        save_new(&journal, entry);
    }
    let later_path = save_new(&journal, &elsewhere_later);

    let listed = journal.list();
    let drafts = journal::drafts_to_continue(&listed);
    assert_eq!(drafts.len(), 2, "{drafts:?}");
    assert_eq!(drafts["the-dishes"], (early_path, early.saved));
    assert_eq!(drafts["late-again"], (later_path, elsewhere.saved));
    let reversed: Vec<_> = listed.iter().rev().collect();
    assert_eq!(
        journal::drafts_to_continue(reversed),
        drafts,
        "the order of the listing does not matter"
    );
}

#[test]
fn delete_removes_the_entry_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let mut journal = Journal::new(dir.path());
    let keep = save_new(&journal, &awkward_entry());
    let mut other = awkward_entry();
    other.started = time("2025-03-02T00:00:00Z");
    let gone = save_new(&journal, &other);

    journal.delete(&gone).unwrap();
    assert!(!gone.exists());
    assert!(keep.exists());
    assert_eq!(journal.list().len(), 1);

    let outside = dir.path().join("notes.toml");
    fs::write(&outside, "mine").unwrap();
    assert!(journal.delete(&outside).is_err());
    assert!(outside.exists());
}

// ---- Any bytes at all -----------------------------------------------------

/// The bytes of a real entry file, made once.
fn valid_file() -> Vec<u8> {
    static BYTES: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    BYTES
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let journal = Journal::new(dir.path());
            let path = save_new(&journal, &awkward_entry());
            fs::read(path).unwrap()
        })
        .clone()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Whatever is in an entry file, loading and listing it neither panics
    /// nor changes it.
    #[test]
    fn any_bytes_never_make_load_or_list_panic(
        bytes in prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..600),
            // A real entry, cut short or with some bytes changed.
            (any::<prop::sample::Index>(), proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4))
                .prop_map(|(cut, changes)| {
                    let mut bytes = valid_file();
                    for (at, byte) in changes {
                        let at = at.index(bytes.len());
                        bytes[at] = byte;
                    }
                    let cut = cut.index(bytes.len() + 1);
                    bytes.truncate(cut);
                    bytes
                }),
            "[a-z_]{1,12} = (\"[^\"]{0,20}\"|[0-9]{1,25}|\\[\\]|\\{\\}|'''\n.{0,10})\n{0,2}"
                .prop_map(|line| format!("format = 1\n{line}").into_bytes()),
        ]
    ) {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path());
        let folder = journal.entries_dir().join("any");
        fs::create_dir_all(&folder).unwrap();
        let path = folder.join("20250101T000000Z.toml");
        fs::write(&path, &bytes).unwrap();

        let loaded = Journal::load(&path);
        let listed = journal.list();
        prop_assert_eq!(listed.len(), 1);
        match (&loaded, &listed[0]) {
            (Ok(_), Listed::Entry(_)) | (Err(_), Listed::Unreadable { .. }) => {}
            (loaded, listed) => prop_assert!(false, "load {:?} but list {:?}", loaded, listed),
        }
        prop_assert_eq!(fs::read(&path).unwrap(), bytes);
        prop_assert_eq!(names_in(&folder), ["20250101T000000Z.toml"]);
    }
}

#[test]
fn markdown_keeps_the_users_own_headings_and_rules_as_text() {
    let mut entry = Entry::new(
        "the-dishes",
        "La vaisselle",
        "Camille",
        "Scenario.",
        time("2025-03-01T20:15:00Z"),
    );
    entry.own_view = "## Not a heading\n---\n> not a quote\nplain".into();
    let doc = two_worlds::export::markdown_in(&entry, &jiff::tz::TimeZone::UTC);
    assert!(doc.contains("\\## Not a heading"), "{doc}");
    assert!(doc.contains("\\---"), "{doc}");
    assert!(doc.contains("\\> not a quote"), "{doc}");
    assert!(doc.contains("\nplain"), "{doc}");
    assert_eq!(
        doc.matches("\n## ").count(),
        3,
        "only the document's own sections: {doc}"
    );
}

#[cfg(unix)]
#[test]
fn an_entrys_exports_are_found_by_name_and_only_they_are_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let mut journal = Journal::new(dir.path());
    let entry = golden_entry();
    let path = save_new(&journal, &entry);
    let mut later = entry.clone();
    later.started = time("2025-03-02T09:00:00Z");
    let other = save_new(&journal, &later);
    let first = journal.export(&path).unwrap();
    let second = journal.export(&path).unwrap();
    let theirs = journal.export(&other).unwrap();
    let exports = journal.exports_dir();
    // What is not an export of this entry: another entry's, the user's own file, a link.
    fs::write(exports.join("notes.md"), "mine").unwrap();
    std::os::unix::fs::symlink(
        "/etc/hostname",
        exports.join(format!(
            "{}-link.md",
            first.file_stem().unwrap().to_string_lossy()
        )),
    )
    .unwrap();
    let found = journal.exports_of(&path);
    let mut names: Vec<_> = found
        .iter()
        .map(|p| p.file_name().unwrap().to_owned())
        .collect();
    names.sort();
    let mut expected = vec![
        first.file_name().unwrap().to_owned(),
        second.file_name().unwrap().to_owned(),
    ];
    expected.sort();
    assert_eq!(names, expected, "{found:?}");
    journal.delete(&path).unwrap();
    // Whatever it is handed, only regular files in the exports folder go.
    let mut asked = found.clone();
    asked.push(dir.path().join("entries").join("x.md"));
    asked.push(exports.join("notes.md").with_file_name("../notes.md"));
    assert_eq!(journal.delete_exports(&asked).unwrap(), 2);
    assert!(exports.join(theirs.file_name().unwrap()).exists());
    assert!(exports.join("notes.md").exists());
}
