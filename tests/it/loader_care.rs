//! The authoring side of issue 10: `care` and `mirror` (scenario format 2), the
//! links between mirrors across a library, paragraphs joined as people write them,
//! the template's example text, an unclosed `"""` named where it opens, and the
//! default questions.

use std::fs;

use two_worlds::exercise::{self, Origin, Severity, Sources};

use crate::common::sandbox::Sandbox;

/// A format 2 file with `extra` above its scenario, parsed.
fn file_with(extra: &str) -> exercise::Parsed {
    let text = format!(
        "format = 2\nid = \"c\"\ntitle = \"C\"\npartner = \"Sam\"\n{extra}\n\
         scenario = \"\"\"\nIt is late.\n{{partner}} says nothing.\n\"\"\"\n"
    );
    exercise::parse(text.as_bytes(), Origin::File("c.toml".into()))
}

fn messages(parsed: &exercise::Parsed) -> Vec<String> {
    parsed.problems.iter().map(ToString::to_string).collect()
}

#[test]
fn care_loads_with_the_partner_filled_and_its_lines_joined() {
    let parsed = file_with(
        "care = \"\"\"\nThis one is about {partner}'s illness.\nStop whenever you need to.\n\nIt will keep.\n\"\"\"",
    );
    assert!(parsed.problems.is_empty(), "{:?}", messages(&parsed));
    let exercise = parsed.exercise.unwrap();
    assert_eq!(
        exercise.care.as_deref(),
        Some("This one is about Sam's illness. Stop whenever you need to.\n\nIt will keep.")
    );
    // The scenario's wrapped lines are joined too.
    assert_eq!(exercise.scenario, "It is late. Sam says nothing.");
}

#[test]
fn an_empty_care_or_a_mirror_that_is_not_an_id_is_an_error_with_the_fix() {
    let parsed = file_with("care = \"  \"\nmirror = \"The Other Side\"");
    assert!(parsed.exercise.is_none());
    let found = messages(&parsed);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found[0].starts_with("c.toml:5:8: error: `care` is empty; write a short note"),
        "{found:?}"
    );
    assert!(
        found[1].starts_with("c.toml:6:10: error: `mirror` \"The Other Side\"")
            && found[1].contains("`mirror = \"the-other-side\"`"),
        "{found:?}"
    );
    let parsed = file_with("care = 3");
    assert!(messages(&parsed)[0].contains("`care` must be a string, not a number"));
}

#[test]
fn care_and_mirror_in_a_format_1_file_get_a_note_and_still_load() {
    let text =
        "format = 1\ntitle = \"T\"\nscenario = \"S.\"\ncare = \"Gently.\"\nmirror = \"other\"\n";
    let parsed = exercise::parse(text.as_bytes(), Origin::File("t.toml".into()));
    let found = messages(&parsed);
    assert_eq!(found.len(), 2, "{found:?}");
    for (line, key) in [(4, "care"), (5, "mirror")] {
        assert!(
            found
                .iter()
                .any(|m| m.starts_with(&format!("t.toml:{line}:"))
                    && m.contains(&format!("`{key}` came with format 2"))),
            "{key}: {found:?}"
        );
    }
    assert!(parsed.exercise.is_some());
}

/// A folder of scenario files `(name, id, mirror)`, loaded as `check DIR` loads it.
fn library_of(files: &[(&str, &str, Option<&str>)]) -> (tempfile::TempDir, exercise::Library) {
    let dir = tempfile::tempdir().unwrap();
    for (name, id, mirror) in files {
        let mirror = mirror.map_or(String::new(), |m| format!("mirror = \"{m}\"\n"));
        fs::write(
            dir.path().join(name),
            format!("format = 2\nid = \"{id}\"\ntitle = \"{id}\"\n{mirror}scenario = \"S.\"\n"),
        )
        .unwrap();
    }
    let library = exercise::load(&Sources {
        builtin: false,
        user_dir: None,
        extra: vec![dir.path().to_path_buf()],
    });
    (dir, library)
}

fn warnings(library: &exercise::Library) -> Vec<String> {
    library
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Warning)
        .map(|p| {
            let text = p.to_string();
            let file = std::path::Path::new(&p.file);
            let dir = file
                .parent()
                .map_or(String::new(), |d| format!("{}/", d.display()));
            text.replace(&dir, "")
        })
        .collect()
}

#[test]
fn mirrors_linked_both_ways_are_quiet_and_every_broken_link_is_a_warning_at_its_line() {
    let (_dir, library) = library_of(&[("a.toml", "a", Some("b")), ("b.toml", "b", Some("a"))]);
    assert_eq!(warnings(&library), Vec::<String>::new());
    assert_eq!(library.exercises.len(), 2);

    let (_dir, library) = library_of(&[
        ("a.toml", "a", Some("b")),
        ("b.toml", "b", None),
        ("c.toml", "c", Some("nowhere")),
        ("d.toml", "d", Some("d")),
    ]);
    let found = warnings(&library);
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(
        found.iter().any(
            |m| m.starts_with("a.toml:4:10: warning: `mirror = \"b\"`: ")
                && m.ends_with(
                    "b.toml does not name this scenario back; add `mirror = \"a\"` to it"
                )
        ),
        "{found:?}"
    );
    assert!(
        found.iter().any(|m| m.starts_with("c.toml:4:10: warning:")
            && m.contains("no scenario has the id \"nowhere\"")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|m| m.starts_with("d.toml:4:10: warning:")
                && m.contains("names this scenario itself")),
        "{found:?}"
    );
    // Warnings only: every file still loads.
    assert_eq!(library.exercises.len(), 4);
}

#[test]
fn a_users_file_may_mirror_a_built_in_which_is_not_asked_to_link_back() {
    let (_dir, library) = library_of(&[("mine.toml", "mine", Some("can-we-talk"))]);
    assert_eq!(warnings(&library), Vec::<String>::new());
}

#[test]
fn an_unedited_new_file_is_warned_about_and_an_edited_one_is_not() {
    let sandbox = Sandbox::first_run();
    let dir = sandbox.root().join("mine");
    let run = sandbox.run(&["new", "talk", "--dir", dir.to_str().unwrap()]);
    run.assert_code(0);
    let file = dir.join("talk.toml");
    let run = sandbox.run(&["check", file.to_str().unwrap()]);
    run.assert_code(0);
    let text = fs::read_to_string(&file).unwrap();
    let line_of = |start: &str| text.lines().position(|l| l.starts_with(start)).unwrap() + 1;
    let output = format!("{}{}", run.stdout, run.stderr);
    for line in [line_of("summary = "), line_of("scenario = ")] {
        let at = format!("talk.toml:{line}:");
        assert!(
            output.lines().any(|l| l.contains(&at)
                && l.ends_with("warning: this still holds the template's example text; replace it with your own")),
            "line {line}: {output}"
        );
    }
    assert!(
        output.contains("1 file checked, 0 errors, 2 warnings"),
        "{}",
        format!("{}{}", run.stdout, run.stderr)
    );
    let edited = text
        .replace("Replace this with one line", "One line")
        .replace("Replace this with the moment itself.", "It is late.");
    fs::write(&file, edited).unwrap();
    let run = sandbox.run(&["check", file.to_str().unwrap()]);
    run.assert_code(0);
    assert!(
        run.stderr.contains("1 file checked, 0 errors, 0 warnings")
            || run.stdout.contains("1 file checked, 0 errors, 0 warnings"),
        "{}",
        format!("{}{}", run.stdout, run.stderr)
    );
}

#[test]
fn an_unclosed_text_is_reported_where_it_opens() {
    let mut text = String::from(
        "format = 2\nid = \"u\"\ntitle = \"U\"\n# a comment with \"\"\" in it\nsummary = \"one \\\"line\\\"\"\n\n",
    );
    text.push_str("scenario = \"\"\"\nIt is late.\n");
    for n in 0..22 {
        text.push_str(&format!("Line {n} of a scenario that never closes.\n"));
    }
    assert_eq!(text.lines().count(), 30);
    let parsed = exercise::parse(text.as_bytes(), Origin::File("u.toml".into()));
    let found = messages(&parsed);
    assert_eq!(
        found,
        vec![
            "u.toml:7:12: error: this \"\"\" is never closed; end the text with \"\"\" on a line of its own"
                .to_string()
        ]
    );
    // The same for literal text, and a closed one is no problem.
    let parsed = exercise::parse(
        b"title = 'T'\nscenario = '''\nstill open\n",
        Origin::File("l.toml".into()),
    );
    assert!(messages(&parsed)[0].starts_with("l.toml:2:12: error: this ''' is never closed"));
    let parsed = exercise::parse(
        b"title = \"T\"\nscenario = \"\"\"\nclosed \\\"\"\" here\n\"\"\"\"\"\nid = 'x\n",
        Origin::File("m.toml".into()),
    );
    assert!(
        messages(&parsed)
            .iter()
            .all(|m| !m.contains("never closed")),
        "{:?}",
        messages(&parsed)
    );
}

#[test]
fn the_default_questions_ask_about_both_sides() {
    let parsed = exercise::parse(
        b"title = \"T\"\nscenario = \"S.\"\npartner = \"Ana\"\n",
        Origin::File("t.toml".into()),
    );
    let questions = parsed.exercise.unwrap().reflection;
    assert_eq!(questions.len(), 3);
    assert!(questions.iter().any(|q| q.contains("your part")));
    assert!(
        questions
            .iter()
            .any(|q| q.contains("you could do") && q.contains("ask of Ana"))
    );
}

#[test]
fn a_long_care_note_is_a_warning_and_its_box_still_shows_the_answers() {
    let long = "Take care. ".repeat(60);
    let parsed = file_with(&format!("care = \"{long}\""));
    let found = messages(&parsed);
    assert!(
        found.len() == 1 && found[0].contains("`care` has 120 words"),
        "{found:?}"
    );
    let mut exercise = parsed.exercise.unwrap();
    exercise.care = Some(long.repeat(10));
    let library = exercise::Library {
        exercises: vec![exercise],
        ..Default::default()
    };
    let mut app = crate::common::app::app_with(library, 60, 20);
    crate::common::app::press(&mut app, ratatui::crossterm::event::KeyCode::Enter);
    let shown = crate::common::app::render(&app);
    assert!(shown.contains("Enter go on"), "{shown}");
    assert!(shown.contains("…"), "{shown}");
}
