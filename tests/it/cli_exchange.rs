//! `share` and `import` as two people use them: two sandboxes, one data folder
//! each, and the exchange file passed between them as a file.

use std::fs;
use std::path::PathBuf;

use two_worlds::journal::{Journal, Status};

use crate::common::entries::{golden_entry, save_new};
use crate::common::files_under;
use crate::common::sandbox::Sandbox;

/// A person with one finished attempt in their journal: its reference.
fn with_finished_attempt(sandbox: &Sandbox) -> String {
    let journal = Journal::new(&sandbox.data_dir());
    let path = save_new(&journal, &golden_entry());
    sandbox.reference(&path)
}

/// `share ENTRY --name NAME`: the file written, from the path printed.
fn share(sandbox: &Sandbox, entry: &str, name: &str) -> PathBuf {
    let run = sandbox.run(&["share", entry, "--name", name]);
    run.assert_code(0);
    let file = PathBuf::from(run.stdout.trim());
    assert!(file.is_file(), "{run:#?}");
    file
}

#[test]
fn a_shared_attempt_is_brought_in_apart_from_the_journal() {
    let (ana, camille) = (Sandbox::first_run(), Sandbox::first_run());
    let entry = with_finished_attempt(&ana);
    let run = ana.run(&["share", &entry, "--name", "Ana"]);
    run.assert_code(0);
    // What goes is shown first, on stderr, and what never goes is said.
    assert!(
        run.stderr.contains("This file will carry, for Camille"),
        "{run:#?}"
    );
    assert!(
        run.stderr.contains("never carries your reflection answers"),
        "{run:#?}"
    );
    let file = PathBuf::from(run.stdout.trim());
    assert!(
        file.starts_with(ana.data_dir().join("exports")),
        "{}",
        file.display()
    );
    assert_eq!(file.extension().unwrap(), "twx");
    crate::common::assert_mode(&file, 0o600);
    // Nothing private went: the golden entry's reflection answer and try-next line.
    let text = fs::read_to_string(&file).unwrap();
    let entry = golden_entry();
    for private in entry
        .reflection
        .iter()
        .map(|a| a.answer.as_str())
        .chain([entry.try_next.as_str()])
        .filter(|t| !t.is_empty())
    {
        assert!(!text.contains(private), "{private:?} went out");
    }

    let before = files_under(&camille.data_dir());
    let run = camille.run(&["import", file.to_str().unwrap()]);
    run.assert_code(0);
    assert!(run.stdout.contains("shared by Ana"), "{run:#?}");
    // Only the exchanges folder changed (the state file may be new: nothing else).
    for (path, _) in files_under(&camille.data_dir()) {
        let rel = path.strip_prefix(camille.data_dir()).unwrap();
        assert!(
            rel.starts_with("exchanges") || before.iter().any(|(p, _)| *p == path),
            "import wrote {}",
            rel.display()
        );
    }
    // The moment is in Camille's library, from Ana.
    let run = camille.run(&["list", "--json"]);
    run.assert_code(0);
    let list: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let shared: Vec<&serde_json::Value> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["source"]["kind"] == "shared")
        .collect();
    assert_eq!(shared.len(), 1, "{list:#}");
    assert_eq!(shared[0]["source"]["from"], "Ana");
    assert_eq!(shared[0]["partner"], "Ana");
    assert_eq!(shared[0]["title"], entry.exercise_title.as_str());
}

#[test]
fn the_same_file_twice_changes_nothing_and_a_newer_one_replaces_it() {
    let (ana, camille) = (Sandbox::first_run(), Sandbox::first_run());
    let entry = with_finished_attempt(&ana);
    let first = share(&ana, &entry, "Ana");
    camille
        .run(&["import", first.to_str().unwrap()])
        .assert_code(0);
    let after_first = files_under(&camille.data_dir().join("exchanges"));
    let run = camille.run(&["import", first.to_str().unwrap()]);
    run.assert_code(0);
    assert!(run.stdout.contains("nothing changed"), "{run:#?}");
    assert_eq!(
        files_under(&camille.data_dir().join("exchanges")),
        after_first
    );
    // Sharing the same attempt again is the same moment, a newer revision.
    let second = share(&ana, &entry, "Ana");
    assert_ne!(first, second, "never over the first file");
    let run = camille.run(&["import", second.to_str().unwrap()]);
    run.assert_code(0);
    assert!(run.stdout.contains("newer version"), "{run:#?}");
    let sides: Vec<PathBuf> = files_under(&camille.data_dir().join("exchanges"))
        .into_keys()
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    assert_eq!(sides.len(), 1, "one side per author: {sides:?}");
    // The older file again: nothing changes.
    let run = camille.run(&["import", first.to_str().unwrap()]);
    assert!(run.stdout.contains("nothing changed"), "{run:#?}");
}

#[test]
fn a_damaged_or_hostile_file_is_refused_and_changes_nothing() {
    let (ana, camille) = (Sandbox::first_run(), Sandbox::first_run());
    let entry = with_finished_attempt(&ana);
    let good = fs::read_to_string(share(&ana, &entry, "Ana")).unwrap();
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "unknown key",
            good.replace("[side]\n", "[side]\nreflection = \"x\"\n"),
            "reflection",
        ),
        (
            "newer format",
            good.replace("format = 1", "format = 9"),
            "newer two-worlds",
        ),
        (
            "an id that climbs out",
            good.replacen("exchange = \"", "exchange = \"../../", 1),
            "`exchange` id",
        ),
        ("not TOML", "format = 1\n[[[".to_owned(), ":2:"),
        (
            "too large",
            format!("{good}# {}\n", "x".repeat(1024 * 1024)),
            "larger than 1024 KiB",
        ),
    ];
    for (what, text, said) in cases {
        let file = camille
            .cwd()
            .join(format!("{}.twx", what.replace(' ', "-")));
        fs::write(&file, text).unwrap();
        let before = files_under(&camille.data_dir());
        let run = camille.run(&["import", file.to_str().unwrap()]);
        run.assert_code(1);
        let line = run.assert_one_line_error();
        assert!(line.contains(said), "{what}: {line}");
        assert!(
            line.contains(&file.display().to_string()),
            "{what}: names the file: {line}"
        );
        assert_eq!(
            files_under(&camille.data_dir()),
            before,
            "{what} changed something"
        );
    }
    // An unknown key is named with its line and column.
    let file = camille.cwd().join("unknown-key.twx");
    let run = camille.run(&["import", file.to_str().unwrap()]);
    let line = good.lines().position(|l| l == "[side]").unwrap() + 2;
    assert!(
        run.stderr.contains(&format!("unknown-key.twx:{line}:1:")),
        "{run:#?}"
    );
}

#[test]
fn ones_own_file_is_not_brought_in() {
    let ana = Sandbox::first_run();
    let entry = with_finished_attempt(&ana);
    let file = share(&ana, &entry, "Ana");
    let before = files_under(&ana.data_dir().join("exchanges"));
    let run = ana.run(&["import", file.to_str().unwrap()]);
    run.assert_code(1);
    assert!(run.stderr.contains("is the file you shared"), "{run:#?}");
    assert_eq!(files_under(&ana.data_dir().join("exchanges")), before);
}

#[test]
fn share_needs_a_name_and_a_finished_attempt() {
    let ana = Sandbox::first_run();
    let entry = with_finished_attempt(&ana);
    // No name known and no terminal to ask on: a usage error, nothing written.
    let run = ana.run(&["share", &entry]);
    run.assert_code(2);
    assert!(run.stderr.contains("--name NAME"), "{run:#?}");
    assert!(!ana.data_dir().join("exports").exists());
    // A name that cannot be one.
    for bad in ["", "Ana\nB", &"A".repeat(61), "Ana\u{202e}"] {
        let run = ana.run(&["share", &entry, "--name", bad]);
        run.assert_code(2);
    }
    // Given once, it is remembered.
    share(&ana, &entry, "Ana");
    let run = ana.run(&["share", &entry]);
    run.assert_code(0);
    assert!(run.stderr.contains("knows you: Ana"), "{run:#?}");
    // A draft is not shared.
    let journal = Journal::new(&ana.data_dir());
    let mut draft = golden_entry();
    draft.status = Status::Draft;
    draft.completed = None;
    draft.started = "2025-04-01T10:00:00Z".parse().unwrap();
    let path = save_new(&journal, &draft);
    let run = ana.run(&["share", &ana.reference(&path), "--name", "Ana"]);
    run.assert_code(1);
    assert!(run.stderr.contains("not finished"), "{run:#?}");
}

/// The round trip on the command line: Ana shares, Camille writes her side of the
/// moment and shares it back, Ana brings it in. Both worlds are then in Ana's
/// exports, labelled whose words are whose; Camille's draft shows none of Ana's.
#[test]
fn exports_of_a_shared_moment_carry_both_sides_once_finished() {
    let (ana, camille) = (Sandbox::first_run(), Sandbox::first_run());
    let entry = with_finished_attempt(&ana);
    let file = share(&ana, &entry, "Ana");
    camille
        .run(&["import", file.to_str().unwrap()])
        .assert_code(0);
    let exchange = fs::read_to_string(&file)
        .unwrap()
        .lines()
        .find_map(|l| {
            l.strip_prefix("exchange = \"")
                .map(|r| r.trim_end_matches('"').to_owned())
        })
        .unwrap();
    // Camille's side, written as a draft first.
    let journal = Journal::new(&camille.data_dir());
    let mut hers = golden_entry();
    hers.exercise_id = format!("shared-{exchange}");
    hers.partner = "Ana".into();
    hers.own_view = "Camille's own telling, in her words.".into();
    hers.partner_view = "Camille's guess of Ana.".into();
    hers.status = Status::Draft;
    hers.completed = None;
    let draft = save_new(&journal, &hers);
    let rel = camille.reference(&draft);
    let run = camille.run(&["export", &rel]);
    run.assert_code(0);
    assert!(
        !run.stdout.contains("Both worlds"),
        "the seal: {}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("J'étais épuisée"),
        "Ana's words before Camille finished"
    );
    // Finished, shared back, brought in by Ana.
    hers.status = Status::Complete;
    hers.completed = Some(hers.saved);
    journal.save(&draft, &hers).unwrap();
    let back = share(&camille, &rel, "Camille");
    ana.run(&["import", back.to_str().unwrap()]).assert_code(0);
    let run = ana.run(&["export", &entry]);
    run.assert_code(0);
    let doc = &run.stdout;
    assert!(
        doc.contains("## Both worlds: Camille's side, in Camille's own words"),
        "{doc}"
    );
    assert!(
        doc.contains("### Camille's own view\n\nCamille's own telling, in her words."),
        "{doc}"
    );
    assert!(
        doc.contains("### Camille's guess of me\n\nCamille's guess of Ana."),
        "{doc}"
    );
    let run = ana.run(&["export", &entry, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["both_worlds"]["partner_name"], "Camille");
    assert_eq!(
        json["both_worlds"]["their_own_view"],
        "Camille's own telling, in her words."
    );
    // A JSON backup still restores into a journal: the partner's side stays out.
    let all = ana.cwd().join("all.json");
    ana.run(&[
        "export",
        "--all",
        "--format",
        "json",
        "-o",
        all.to_str().unwrap(),
    ])
    .assert_code(0);
    let elsewhere = Sandbox::first_run();
    elsewhere
        .run(&["restore", all.to_str().unwrap()])
        .assert_code(0);
    assert!(!elsewhere.data_dir().join("exchanges").exists());
}

/// `share ENTRY --encrypt` with the phrase in the file `phrase`, quickly.
fn share_locked(
    sandbox: &Sandbox,
    entry: &str,
    phrase: &std::path::Path,
) -> crate::common::cli::Run {
    run_quick(
        sandbox,
        &[
            "share",
            entry,
            "--name",
            "Ana",
            "--encrypt",
            "--phrase-file",
            phrase.to_str().unwrap(),
        ],
    )
}

/// `two-worlds ARGS` with a low scrypt work factor (debug builds only read it), so
/// locking takes milliseconds here instead of seconds.
fn run_quick(sandbox: &Sandbox, args: &[&str]) -> crate::common::cli::Run {
    let mut cmd = sandbox.command();
    cmd.args(args).env("TWO_WORLDS_TEST_WORK_FACTOR", "2");
    sandbox.run_command(cmd)
}

#[test]
fn a_file_locked_with_a_phrase_opens_with_that_phrase_only() {
    let (ana, camille) = (Sandbox::first_run(), Sandbox::first_run());
    let entry = with_finished_attempt(&ana);
    let phrase = ana.cwd().join("phrase.txt");
    fs::write(&phrase, "the blue kettle on the stove\n").unwrap();
    let run = share_locked(&ana, &entry, &phrase);
    run.assert_code(0);
    assert!(run.stderr.contains("in person"), "{run:#?}");
    let file = PathBuf::from(run.stdout.trim());
    let locked = fs::read(&file).unwrap();
    assert!(locked.starts_with(b"age-encryption.org/v1\n"));
    // Nothing of the side can be read in the locked file.
    let own = golden_entry().own_view;
    let first_words = own.lines().next().unwrap();
    assert!(!String::from_utf8_lossy(&locked).contains(first_words));

    // No phrase, and no terminal to ask on: a usage error, nothing changed.
    let before = files_under(&camille.data_dir());
    let run = camille.run(&["import", file.to_str().unwrap()]);
    run.assert_code(2);
    assert!(run.stderr.contains("--phrase-file"), "{run:#?}");
    // A wrong phrase says so and changes nothing.
    let wrong = camille.cwd().join("wrong.txt");
    fs::write(&wrong, "the red kettle\n").unwrap();
    let run = camille.run(&[
        "import",
        file.to_str().unwrap(),
        "--phrase-file",
        wrong.to_str().unwrap(),
    ]);
    run.assert_code(1);
    assert!(run.stderr.contains("does not open this file"), "{run:#?}");
    assert_eq!(files_under(&camille.data_dir()), before);
    // The right one brings it in; no unlocked copy of the file is left anywhere
    // but the moment itself, in the exchanges folder.
    let right = camille.cwd().join("right.txt");
    fs::write(&right, "the blue kettle on the stove").unwrap();
    let run = camille.run(&[
        "import",
        file.to_str().unwrap(),
        "--phrase-file",
        right.to_str().unwrap(),
    ]);
    run.assert_code(0);
    assert!(run.stdout.contains("shared by Ana"), "{run:#?}");
    for (path, bytes) in files_under(camille.root()) {
        if String::from_utf8_lossy(&bytes).contains(first_words) {
            assert!(
                path.starts_with(camille.data_dir().join("exchanges")),
                "an unlocked copy at {}",
                path.display()
            );
        }
    }
}

#[test]
fn a_locked_file_that_asks_for_too_much_work_is_refused_at_once() {
    let (ana, camille) = (Sandbox::first_run(), Sandbox::first_run());
    let entry = with_finished_attempt(&ana);
    let phrase = ana.cwd().join("phrase.txt");
    fs::write(&phrase, "p").unwrap();
    let run = share_locked(&ana, &entry, &phrase);
    let file = PathBuf::from(run.stdout.trim());
    // A hostile sender asks for 2^40 of work in the header.
    let text = String::from_utf8_lossy(&fs::read(&file).unwrap()).into_owned();
    let stanza = text
        .lines()
        .find(|l| l.starts_with("-> scrypt "))
        .unwrap()
        .to_owned();
    let hostile = text.replace(&stanza, &stanza.replace(" 2", " 40"));
    let hostile_file = camille.cwd().join("hostile.twx");
    fs::write(&hostile_file, hostile.as_bytes()).unwrap();
    let run = camille.run(&[
        "import",
        hostile_file.to_str().unwrap(),
        "--phrase-file",
        phrase.to_str().unwrap(),
    ]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("more work than two-worlds allows"),
        "{run:#?}"
    );
    assert!(!camille.data_dir().join("exchanges").exists());
}
