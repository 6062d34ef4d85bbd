//! `two-worlds history` and `two-worlds export` as a user meets them: the real
//! binary, run in a sandbox, on entries written with the library's own API.
//!
//! Every run gets a temporary `--data-dir`, with `HOME` and `XDG_DATA_HOME`
//! pointed into the sandbox, `TWO_WORLDS_DATA_DIR` removed and `TZ=UTC` (so the
//! local times shown are known; see `common::sandbox::TZ`), and is checked for panics and
//! backtraces.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use crate::common::cli::{Run, assert_no_panic, table_rows};
use crate::common::entries::{save_new, time};
use crate::common::sandbox::{Sandbox, TZ_PLUS_14};
use crate::common::{self, assert_mode, files_under};
use two_worlds::journal::{Answer, Entry, Journal, Status, Step};

impl Run {
    /// A failure the user reads as exactly one line: `two-worlds: error: ...`,
    /// with nothing on stdout.
    #[track_caller]
    fn assert_one_line_error_and_no_stdout(&self) -> &str {
        let line = self.assert_one_line_error();
        assert_eq!(self.stdout, "", "{self:#?}");
        line
    }

    /// A usage error: exit 2, clap's message pointing to the help, nothing on stdout.
    #[track_caller]
    fn assert_usage_error(&self) {
        assert_eq!(self.code, 2, "{self:#?}");
        assert!(self.stderr.contains("error:"), "{self:#?}");
        assert!(
            self.stderr.contains("Usage:") || self.stderr.contains("--help"),
            "{self:#?}"
        );
        assert_eq!(self.stdout, "");
    }
}

impl Sandbox {
    fn journal(&self) -> Journal {
        Journal::new(&self.data_dir())
    }

    /// Saves `entry` as the journal does, and returns its reference.
    fn save(&self, entry: &Entry) -> String {
        let path = save_new(&self.journal(), entry);
        reference(&path, &self.entries_dir())
    }

    /// Copies a fixture in as if it were an entry; returns its reference.
    fn add_raw_entry(&self, exercise_id: &str, file_name: &str, fixture_name: &str) -> String {
        let dir = self.entries_dir().join(exercise_id);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::copy(cli_journal_fixture(fixture_name), dir.join(file_name)).unwrap();
        format!("{exercise_id}/{file_name}")
    }
}

/// `tests/fixtures/cli_journal/<name>`: entry files copied in as they are.
fn cli_journal_fixture(name: &str) -> PathBuf {
    common::fixture("cli_journal").join(name)
}

fn reference(path: &Path, entries: &Path) -> String {
    path.strip_prefix(entries).unwrap().display().to_string()
}

// ------------------------------------------------------------ the journal

const OWN_VIEW: &str = "Je suis rentrée tard, épuisée.\n\
    Il m'a demandé « ça va ? » et j'ai répondu « oui » sans le regarder.\n\
    \n\
    Après, le silence. 😔";
const PARTNER_VIEW: &str = "帰ってきた彼女は何も言わなかった。\n\
    I waited all evening to tell her about the call from my mother 📞.\n\
    \n\
    Quand elle a dit « oui », j'ai entendu « laisse-moi tranquille ».";
const QUESTION: &str = "What did you see from your partner's side that you had not seen before?";
const ANSWER: &str = "Qu'il m'attendait. 待っていた。\nThat he had news too 💬.";
const DISHES_VIEW: &str = "日本語で書いてみる。\nお皿が山のように積まれていた 🍽";

/// The references of a journal of three readable entries and one cut short.
struct Journal4 {
    done: String,
    dishes: String,
    empty_draft: String,
    truncated: String,
}

/// Newest first: `dishes` (Dec 3), `done` (Nov 28), `empty_draft` (Oct 5),
/// `truncated` (Oct 1, unreadable).
fn journal_of_four(sandbox: &Sandbox) -> Journal4 {
    let mut done = Entry::new(
        "can-we-talk",
        "Can we talk about it?",
        "your partner",
        "You come home late and the flat is silent.",
        time("2025-11-28T14:02:11Z"),
    );
    done.own_view = OWN_VIEW.to_owned();
    done.partner_view = PARTNER_VIEW.to_owned();
    done.reflection = vec![Answer {
        question: QUESTION.to_owned(),
        answer: ANSWER.to_owned(),
    }];
    done.status = Status::Complete;
    done.step = Step::Finished;
    done.completed = Some(time("2025-11-28T14:40:00Z"));
    done.saved = time("2025-11-28T14:40:00Z");

    let mut dishes = Entry::new(
        "dishes-at-midnight",
        "La vaisselle à minuit 🍽",
        "Yuki",
        "L'évier est plein.",
        time("2025-12-03T21:30:00Z"),
    );
    dishes.own_view = DISHES_VIEW.to_owned();
    dishes.step = Step::PartnerView;

    let empty_draft = Entry::new(
        "can-we-talk",
        "Can we talk about it?",
        "your partner",
        "You come home late and the flat is silent.",
        time("2025-10-05T09:00:00Z"),
    );

    Journal4 {
        done: sandbox.save(&done),
        dishes: sandbox.save(&dishes),
        empty_draft: sandbox.save(&empty_draft),
        truncated: sandbox.add_raw_entry("can-we-talk", "20251001T080000Z.toml", "truncated.toml"),
    }
}

/// Words that appear only in the prose of the truncated fixture.
const TRUNCATED_PROSE: [&str; 3] = ["rentrée tard, et le silence", "peur", "flat is silent"];

// ---------------------------------------------------------------- history

#[test]
fn history_lists_entries_newest_first_with_status_words_and_reference() {
    let sandbox = Sandbox::first_run();
    let refs = journal_of_four(&sandbox);
    assert_eq!(refs.done, "can-we-talk/20251128T140211Z.toml");
    let fixture_before = std::fs::read(sandbox.entries_dir().join(&refs.truncated)).unwrap();
    let before = files_under(&sandbox.data_dir());

    let run = sandbox.run(&["history"]);
    run.assert_code(0);
    assert_eq!(
        table_rows(&run.stdout),
        [
            vec!["TITLE", "STARTED", "STATUS", "WORDS", "ENTRY"],
            vec![
                "La vaisselle à minuit 🍽",
                "2025-12-03 21:30",
                "draft",
                "3",
                refs.dishes.as_str(),
            ],
            vec![
                "Can we talk about it?",
                "2025-11-28 14:02",
                "done",
                "63",
                refs.done.as_str(),
            ],
            vec![
                "Can we talk about it?",
                "2025-10-05 09:00",
                "draft",
                "0",
                refs.empty_draft.as_str(),
            ],
            vec![
                "-",
                "2025-10-01 08:00",
                "unreadable",
                "-",
                refs.truncated.as_str(),
            ],
        ]
    );
    // The columns line up on screen, wide characters included.
    let starts: Vec<usize> = run
        .stdout_lines()
        .iter()
        .map(|line| {
            let at = line
                .find("20")
                .unwrap_or_else(|| line.find("STARTED").unwrap());
            unicode_width::UnicodeWidthStr::width(&line[..at])
        })
        .collect();
    assert!(starts.windows(2).all(|w| w[0] == w[1]), "{}", run.stdout);

    // Why it cannot be read, on stderr, without a word of what is in it.
    assert_eq!(
        run.stderr_lines(),
        [format!(
            "{}: unreadable: line 15: the file ends too soon; it may have been cut short",
            refs.truncated
        )]
    );
    for prose in TRUNCATED_PROSE {
        assert!(!run.stderr.contains(prose), "{run:#?}");
    }

    // Nothing was repaired, moved or added.
    assert_eq!(
        std::fs::read(sandbox.entries_dir().join(&refs.truncated)).unwrap(),
        fixture_before
    );
    assert_eq!(files_under(&sandbox.data_dir()), before);
}

#[test]
fn history_shows_started_in_local_time() {
    let sandbox = Sandbox::first_run();
    let refs = journal_of_four(&sandbox);
    let mut cmd = sandbox.command();
    cmd.env("TZ", TZ_PLUS_14).arg("history");
    let run = sandbox.run_command(cmd);
    run.assert_code(0);
    let rows = table_rows(&run.stdout);
    // Fourteen hours after UTC's 21:30, 14:02 and 08:00: two of them the next day.
    assert_eq!(rows[1][1], "2025-12-04 11:30", "{}", run.stdout);
    assert_eq!(rows[2][1], "2025-11-29 04:02", "{}", run.stdout);
    assert_eq!(rows[4][1], "2025-10-01 22:00", "{}", run.stdout);

    // JSON keeps the exact instant, in UTC, whatever the zone.
    let mut cmd = sandbox.command();
    cmd.env("TZ", TZ_PLUS_14).args(["history", "--json"]);
    let items = sandbox.run_command(cmd).stdout_json();
    assert_eq!(items[1]["entry"], refs.done.as_str());
    assert_eq!(items[1]["started"], "2025-11-28T14:02:11Z");
}

#[test]
fn history_json_has_every_field_and_marks_the_unreadable_entry() {
    let sandbox = Sandbox::first_run();
    let refs = journal_of_four(&sandbox);
    let run = sandbox.run(&["history", "--json"]);
    run.assert_code(0);
    let items = run.stdout_json();
    let items = items.as_array().expect("an array");
    assert_eq!(items.len(), 4, "{}", run.stdout);
    assert_eq!(
        items[0],
        serde_json::json!({
            "entry": refs.dishes,
            "exercise_id": "dishes-at-midnight",
            "title": "La vaisselle à minuit 🍽",
            "started": "2025-12-03T21:30:00Z",
            "status": "draft",
            "words": 3,
            "distress_before": null,
            "distress_after": null,
        })
    );
    assert_eq!(items[1]["status"], "complete");
    assert_eq!(items[1]["words"], 63);
    assert_eq!(items[2]["entry"], refs.empty_draft.as_str());
    assert_eq!(items[3]["entry"], refs.truncated.as_str());
    assert_eq!(items[3]["unreadable"], true);
    let reason = items[3]["reason"].as_str().unwrap();
    assert!(reason.contains("ends too soon"), "{reason}");
    for prose in TRUNCATED_PROSE {
        assert!(!run.stdout.contains(prose), "{}", run.stdout);
    }

    // Every reference it gives is one `export` takes.
    for item in &items[..3] {
        let reference = item["entry"].as_str().unwrap();
        sandbox.run(&["export", reference]).assert_code(0);
    }
}

#[test]
fn history_of_an_empty_journal_says_so_in_one_line_and_succeeds() {
    let sandbox = Sandbox::first_run();
    let run = sandbox.run(&["history"]);
    run.assert_code(0);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr_lines().len(), 1, "{run:#?}");
    assert!(run.stderr.contains("journal is empty"), "{run:#?}");

    let run = sandbox.run(&["history", "--json"]);
    run.assert_code(0);
    assert_eq!(run.stdout_json(), serde_json::json!([]));
}

// ---------------------------------------------------------------- export

#[test]
fn export_prints_markdown_with_every_part_and_the_text_intact() {
    let sandbox = Sandbox::first_run();
    let refs = journal_of_four(&sandbox);
    let run = sandbox.run(&["export", &refs.done]);
    run.assert_code(0);
    assert_eq!(run.stderr, "");
    let doc = &run.stdout;
    let lines = run.stdout_lines();
    assert_eq!(lines[0], "# Can we talk about it?", "{doc}");
    for heading in [
        "## The scenario",
        "## My view",
        "## My partner's view, as I imagine it",
        "## Reflection",
        &format!("### {QUESTION}"),
    ] {
        assert!(lines.contains(&heading), "{heading:?} missing: {doc}");
    }
    assert!(
        doc.contains("Started Friday 28 November 2025, 14:02 UTC"),
        "{doc}"
    );
    // Every line the user wrote, accents, Japanese and emoji included, and in order.
    let mut from = 0;
    for text in [OWN_VIEW, PARTNER_VIEW, ANSWER] {
        for line in text.lines().filter(|l| !l.is_empty()) {
            let at = doc[from..]
                .find(line)
                .unwrap_or_else(|| panic!("{line:?} missing after byte {from}: {doc}"));
            from += at + line.len();
        }
    }
    // The user's line breaks survive rendering: a hard break, not a joined line.
    assert!(
        doc.contains("Je suis rentrée tard, épuisée.  \nIl m'a demandé"),
        "{doc}"
    );
}

#[test]
fn export_dates_the_entry_in_the_local_time_zone() {
    let sandbox = Sandbox::first_run();
    let refs = journal_of_four(&sandbox);
    let mut cmd = sandbox.command();
    cmd.env("TZ", TZ_PLUS_14).args(["export", &refs.done]);
    let run = sandbox.run_command(cmd);
    run.assert_code(0);
    // Started at 14:02 and finished at 14:40 UTC, on Friday: Saturday at UTC+14.
    for fact in [
        "Started Saturday 29 November 2025, 04:02 +14",
        "Finished Saturday 29 November 2025, 04:40 +14",
    ] {
        assert!(run.stdout.contains(fact), "{fact:?}:\n{}", run.stdout);
    }
}

#[test]
fn export_json_carries_the_fields_of_the_entry() {
    let sandbox = Sandbox::first_run();
    let refs = journal_of_four(&sandbox);
    let run = sandbox.run(&["export", &refs.done, "--format", "json"]);
    run.assert_code(0);
    let value = run.stdout_json();
    assert_eq!(value["exercise_id"], "can-we-talk");
    assert_eq!(value["exercise_title"], "Can we talk about it?");
    assert_eq!(value["partner"], "your partner");
    assert_eq!(value["started"], "2025-11-28T14:02:11Z");
    assert_eq!(value["completed"], "2025-11-28T14:40:00Z");
    assert_eq!(value["status"], "complete");
    assert_eq!(value["step"], "finished");
    assert_eq!(value["words"], 63);
    assert_eq!(value["own_view"], OWN_VIEW);
    assert_eq!(value["partner_view"], PARTNER_VIEW);
    assert_eq!(value["reflection"][0]["question"], QUESTION);
    assert_eq!(value["reflection"][0]["answer"], ANSWER);
}

#[test]
fn entries_of_every_format_are_listed_and_exported_with_what_they_hold() {
    let sandbox = Sandbox::first_run();
    let full = crate::entry_format::full_entry();
    for (file, golden) in [
        ("20240101T000000Z.toml", "entry-format-1.toml"),
        ("20240102T000000Z.toml", "entry-format-2.toml"),
        ("20240103T000000Z.toml", "entry-format-3.toml"),
    ] {
        let dir = sandbox.entries_dir().join("the-dishes");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::copy(common::golden_path(golden), dir.join(file)).unwrap();
    }
    let before = files_under(&sandbox.data_dir());

    let run = sandbox.run(&["history"]);
    run.assert_code(0);
    let words: Vec<String> = table_rows(&run.stdout)[1..]
        .iter()
        .map(|row| row[3].clone())
        .collect();
    // Every text the user wrote counts: the cards, the cycle and the friend's view too.
    assert_eq!(
        words,
        [full.words().to_string(), "39".into(), "39".into()],
        "{}",
        run.stdout
    );

    let run = sandbox.run(&["export", "the-dishes/20240103T000000Z"]);
    run.assert_code(0);
    for heading in [
        "## A friend's view",
        "## What Camille most needs to hear from me",
        "## What I most need to understand about Camille",
        "## The translation",
        "#### What Camille may have heard",
        "## The cycle",
    ] {
        assert!(
            run.stdout_lines().contains(&heading),
            "{heading:?}: {}",
            run.stdout
        );
    }
    let run = sandbox.run(&["export", "the-dishes/20240101T000000Z"]);
    run.assert_code(0);
    assert!(!run.stdout.contains("## The translation"), "{}", run.stdout);

    let run = sandbox.run(&["export", "the-dishes/20240103T000000Z", "--format", "json"]);
    run.assert_code(0);
    let value = run.stdout_json();
    assert_eq!(value["format"], 4, "exports are of the current format");
    assert_eq!(value["cards"][1]["meant"], full.cards[1].meant.as_str());
    assert_eq!(value["cycle"]["partner"], full.cycle.partner.as_str());
    assert_eq!(value["observer_view"], full.observer_view.as_str());
    assert_eq!(
        files_under(&sandbox.data_dir()),
        before,
        "nothing was rewritten"
    );
}

#[test]
fn export_finds_an_entry_by_prefix_without_extension_or_by_full_path() {
    let sandbox = Sandbox::first_run();
    let refs = journal_of_four(&sandbox);
    let expected = sandbox.run(&["export", &refs.dishes]).stdout.clone();
    assert!(
        expected.starts_with("# La vaisselle à minuit 🍽\n"),
        "{expected}"
    );

    let full = sandbox.entries_dir().join(&refs.dishes);
    let stem = refs.dishes.strip_suffix(".toml").unwrap();
    for wanted in [
        "dishes",
        "dishes-at-midnight/2025",
        stem,
        &format!("./{}", refs.dishes),
        full.to_str().unwrap(),
    ] {
        let run = sandbox.run(&["export", wanted]);
        run.assert_code(0);
        assert_eq!(run.stdout, expected, "export {wanted}");
    }

    // A beginning shared by several entries names them and exports nothing.
    let run = sandbox.run(&["export", "can-we-talk/2025"]);
    let line = run.assert_one_line_error_and_no_stdout();
    assert!(line.contains("could be any of 3 entries"), "{line}");
    assert!(line.contains(&refs.done), "{line}");
}

#[test]
fn export_to_a_file_writes_it_private_and_never_replaces_one() {
    let sandbox = Sandbox::first_run();
    let refs = journal_of_four(&sandbox);
    for (format, name) in [("markdown", "talk.md"), ("json", "talk.json")] {
        let printed = sandbox.run(&["export", &refs.done, "--format", format]);
        printed.assert_code(0);

        let run = sandbox.run(&["export", &refs.done, "--format", format, "-o", name]);
        run.assert_code(0);
        assert_eq!(run.stdout, "", "the document goes to the file only");
        assert_eq!(run.stderr_lines().len(), 1, "{run:#?}");
        assert_eq!(
            run.stderr,
            format!("Exported to {name} (readable only by you)\n")
        );
        let file = sandbox.cwd().join(name);
        assert_mode(&file, 0o600);
        assert_eq!(std::fs::read_to_string(&file).unwrap(), printed.stdout);

        // Run again: the first file is kept as it is.
        std::fs::write(&file, "my own notes").unwrap();
        let run = sandbox.run(&["export", &refs.dishes, "--format", format, "-o", name]);
        let line = run.assert_one_line_error_and_no_stdout();
        assert!(
            line.contains(name) && line.contains("already exists"),
            "{line}"
        );
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "my own notes");
    }
    // A folder is not a file name.
    let run = sandbox.run(&["export", &refs.done, "-o", "."]);
    let line = run.assert_one_line_error_and_no_stdout();
    assert!(line.contains("is a folder"), "{line}");

    // No temporary files left behind.
    let mut names: Vec<_> = std::fs::read_dir(sandbox.cwd())
        .unwrap()
        .map(|item| item.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["talk.json", "talk.md"]);
}

#[test]
fn export_refuses_to_write_among_the_entries() {
    let sandbox = Sandbox::first_run();
    let refs = journal_of_four(&sandbox);
    let before = files_under(&sandbox.data_dir());
    let target = sandbox.entries_dir().join("can-we-talk/export.toml");
    let run = sandbox.run(&["export", &refs.done, "-o", target.to_str().unwrap()]);
    let line = run.assert_one_line_error_and_no_stdout();
    assert!(line.contains("entries folder"), "{line}");
    assert_eq!(files_under(&sandbox.data_dir()), before);
}

#[test]
fn export_all_includes_every_readable_entry_newest_first() {
    let sandbox = Sandbox::first_run();
    let refs = journal_of_four(&sandbox);
    // One entry is left out: the others are exported, and the exit says so.
    let run = sandbox.run(&["export", "--all"]);
    run.assert_code(1);
    let titles: Vec<&str> = run
        .stdout_lines()
        .into_iter()
        .filter(|line| line.starts_with("# "))
        .collect();
    assert_eq!(
        titles,
        [
            "# La vaisselle à minuit 🍽",
            "# Can we talk about it?",
            "# Can we talk about it?"
        ]
    );
    // Separated by a rule with a blank line before it (else it underlines a heading).
    assert_eq!(
        run.stdout.matches("\n\n---\n\n# ").count(),
        2,
        "{}",
        run.stdout
    );
    // Each part is exactly the single export.
    let parts: Vec<&str> = run.stdout.split("\n---\n\n").collect();
    for (part, reference) in parts
        .iter()
        .zip([&refs.dishes, &refs.done, &refs.empty_draft])
    {
        assert_eq!(*part, sandbox.run(&["export", reference]).stdout);
    }
    // The unreadable one is named, not hidden, and its text is not quoted.
    assert_eq!(run.stderr_lines().len(), 2, "{run:#?}");
    assert!(run.stderr_lines()[0].contains(&refs.truncated), "{run:#?}");
    assert_eq!(
        run.stderr_lines()[1],
        format!("1 entry left out: {}", refs.truncated)
    );
    assert!(run.stderr.contains("ends too soon"), "{run:#?}");
    for prose in TRUNCATED_PROSE {
        assert!(!run.stderr.contains(prose), "{run:#?}");
    }

    let run = sandbox.run(&["export", "--all", "--format", "json"]);
    run.assert_code(1);
    let items = run.stdout_json();
    let started: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["started"].as_str().unwrap())
        .collect();
    assert_eq!(
        started,
        [
            "2025-12-03T21:30:00Z",
            "2025-11-28T14:02:11Z",
            "2025-10-05T09:00:00Z"
        ]
    );
    assert_eq!(items[0]["own_view"], DISHES_VIEW);

    let run = sandbox.run(&["export", "--all", "-o", "all.md"]);
    run.assert_code(1);
    assert_mode(&sandbox.cwd().join("all.md"), 0o600);
}

#[test]
fn export_of_an_unknown_entry_is_one_line_pointing_to_history() {
    let sandbox = Sandbox::first_run();
    journal_of_four(&sandbox);
    let outside = sandbox.root().join("elsewhere.toml");
    std::fs::copy(cli_journal_fixture("truncated.toml"), &outside).unwrap();
    for wanted in [
        "can-we-talk/20990101T000000Z.toml",
        "nope",
        "../entries/can-we-talk",
        "/etc/passwd",
        outside.to_str().unwrap(),
    ] {
        let run = sandbox.run(&["export", wanted]);
        let line = run.assert_one_line_error_and_no_stdout();
        assert!(line.contains(wanted), "{line}");
        assert!(line.contains("two-worlds history"), "{line}");
    }
}

#[test]
fn export_of_an_unreadable_entry_says_why_without_quoting_it() {
    let sandbox = Sandbox::first_run();
    let refs = journal_of_four(&sandbox);
    // A damaged header this time: a value the user may have typed.
    let path = sandbox.entries_dir().join(&refs.empty_draft);
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("status = \"draft\"", "status = \"mon secret à moi\"");
    std::fs::write(&path, &text).unwrap();

    for (reference, why) in [
        (&refs.truncated, "line 15: the file ends too soon"),
        (&refs.empty_draft, "`status` should be"),
    ] {
        let run = sandbox.run(&["export", reference]);
        let line = run.assert_one_line_error_and_no_stdout();
        assert!(line.contains(reference.as_str()), "{line}");
        assert!(line.contains(why), "{line}");
        for prose in TRUNCATED_PROSE.iter().chain(&["secret"]) {
            assert!(!line.contains(prose), "{line}");
        }
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn export_needs_exactly_one_of_entry_and_all() {
    let sandbox = Sandbox::first_run();
    let refs = journal_of_four(&sandbox);
    for args in [
        &["export"][..],
        &["export", "--format", "json"],
        &["export", ""],
        &["export", &refs.done, "--all"],
        &["export", "--all", &refs.done],
        &["export", &refs.done, &refs.dishes],
        &["export", &refs.done, "--format", "pdf"],
        &["export", &refs.done, "-o"],
    ] {
        let run = sandbox.run(args);
        run.assert_usage_error();
    }
    let run = sandbox.run(&["export", "--help"]);
    run.assert_code(0);
    for word in ["--all", "--format", "markdown", "json", "--output", "ENTRY"] {
        assert!(run.stdout.contains(word), "{word}: {}", run.stdout);
    }
}

// ---------------------------------------------------------------- the data folder

#[test]
fn history_and_export_never_create_anything_in_the_data_folder() {
    let sandbox = Sandbox::first_run();
    let commands: [&[&str]; 7] = [
        &["history"],
        &["history", "--json"],
        &["export", "--all"],
        &["export", "--all", "--format", "json"],
        &["export", "can-we-talk/20251128T140211Z.toml"],
        &["export", "--all", "-o", "nothing.md"],
        &["history", "--help"],
    ];
    for args in commands {
        sandbox.run(args);
        assert!(
            !sandbox.data_dir().exists(),
            "`two-worlds {}` created the data folder",
            args.join(" ")
        );
    }
    // An empty data folder stays empty too.
    std::fs::create_dir(sandbox.data_dir()).unwrap();
    for args in commands {
        sandbox.run(args);
        assert_eq!(
            std::fs::read_dir(sandbox.data_dir()).unwrap().count(),
            0,
            "`two-worlds {}` wrote to the data folder",
            args.join(" ")
        );
    }
    // With nothing to export, --all says so and still writes a valid document.
    let run = sandbox.run(&["export", "--all", "--format", "json"]);
    run.assert_code(0);
    assert_eq!(run.stdout_json(), serde_json::json!([]));
    assert!(run.stderr.contains("journal is empty"), "{run:#?}");
}

#[test]
fn history_and_export_change_no_entry() {
    let sandbox = Sandbox::first_run();
    let refs = journal_of_four(&sandbox);
    let before = files_under(&sandbox.data_dir());
    for args in [
        &["history"][..],
        &["history", "--json"],
        &["export", "--all"],
        &["export", "--all", "--format", "json"],
        &["export", &refs.done],
        &["export", &refs.truncated],
        &["export", "can-we-talk"],
    ] {
        sandbox.run(args);
    }
    assert_eq!(files_under(&sandbox.data_dir()), before);
}

// ---------------------------------------------------------------- pipes

#[test]
fn a_closed_pipe_ends_quietly() {
    let sandbox = Sandbox::first_run();
    let refs = journal_of_four(&sandbox);
    // Enough output that it cannot all fit in the pipe before the reader is gone.
    for n in 0..60 {
        let mut entry = Entry::new(
            "many",
            "Many",
            "Sam",
            "…",
            time("2024-01-01T00:00:00Z") + jiff::SignedDuration::from_hours(n),
        );
        entry.own_view = "Des mots, encore des mots. ".repeat(200);
        sandbox.save(&entry);
    }
    for args in [
        &["history"][..],
        &["history", "--json"],
        &["export", "--all"],
        &["export", &refs.done],
    ] {
        let mut cmd = sandbox.command();
        cmd.args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        drop(child.stdout.take());
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        let status = child.wait().unwrap();
        let run = Run {
            code: status.code().unwrap_or(-1),
            stdout: String::new(),
            stderr,
        };
        assert_no_panic(&run);
        assert_eq!(run.code, 0, "`two-worlds {}`: {run:#?}", args.join(" "));
    }
}

#[test]
#[cfg(target_os = "linux")]
fn a_full_disk_on_stdout_is_a_one_line_error() {
    let sandbox = Sandbox::first_run();
    let refs = journal_of_four(&sandbox);
    std::fs::remove_file(sandbox.entries_dir().join(&refs.truncated)).unwrap();
    for args in [
        &["history"][..],
        &["history", "--json"],
        &["export", "--all"],
        &["export", &refs.done, "--format", "json"],
    ] {
        let mut cmd = sandbox.command();
        cmd.args(args);
        let full = std::fs::File::create("/dev/full").unwrap();
        let run = sandbox.run_command_with_stdout(cmd, full);
        run.assert_one_line_error_and_no_stdout();
    }
}
