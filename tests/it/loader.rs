//! The scenario loader: one fixture per kind of mistake, defaults, placeholders,
//! overrides, duplicates, and the built-in library itself.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use two_worlds::exercise::{self, BUILTIN, Lens, Origin, Severity, Sources, Speaker};

use crate::common;

/// `tests/fixtures/scenarios/<rel>`: good and bad scenario files.
fn scenario_fixture(rel: &str) -> PathBuf {
    common::fixture("scenarios").join(rel)
}

fn parse_fixture(rel: &str) -> exercise::Parsed {
    let path = scenario_fixture(rel);
    let bytes = std::fs::read(&path).unwrap();
    exercise::parse(&bytes, Origin::File(path))
}

/// The one problem a fixture has, as a user would read it, with the path made relative.
fn only_problem(rel: &str) -> String {
    let parsed = parse_fixture(rel);
    assert!(parsed.exercise.is_none(), "{rel} should not load");
    assert_eq!(parsed.problems.len(), 1, "{:#?}", parsed.problems);
    let prefix = format!("{}/", scenario_fixture("x").parent().unwrap().display());
    parsed.problems[0].to_string().replace(&prefix, "")
}

#[test]
fn toml_syntax_error_points_at_the_line() {
    assert_eq!(
        only_problem("bad/syntax.toml"),
        "bad/syntax.toml:2:33: error: TOML syntax: invalid basic string, expected `\"`"
    );
}

#[test]
fn missing_title_names_the_key_and_the_fix() {
    assert_eq!(
        only_problem("bad/missing-title.toml"),
        "bad/missing-title.toml: error: missing required key `title`; add a line such as `title = \"...\"`"
    );
}

#[test]
fn empty_scenario_points_at_the_value() {
    assert_eq!(
        only_problem("bad/empty-scenario.toml"),
        "bad/empty-scenario.toml:2:12: error: `scenario` is empty; write something here"
    );
}

#[test]
fn wrong_type_points_at_the_value() {
    assert_eq!(
        only_problem("bad/wrong-type.toml"),
        "bad/wrong-type.toml:3:8: error: `tags` must be a list of strings such as [\"one\", \"two\"], not a string"
    );
}

#[test]
fn invalid_id_suggests_a_valid_one() {
    assert_eq!(
        only_problem("bad/invalid-id.toml"),
        "bad/invalid-id.toml:2:6: error: `id` \"Rain On The Terrace\" may hold only lowercase letters, digits and dashes; for example `id = \"rain-on-the-terrace\"`"
    );
}

#[test]
fn unknown_keys_suggest_the_nearest_name_in_every_table() {
    let parsed = parse_fixture("bad/unknown-key.toml");
    let messages: Vec<_> = parsed
        .problems
        .iter()
        .map(|p| (p.position, p.message.as_str()))
        .collect();
    assert_eq!(
        messages,
        vec![
            (
                Some((2, 1)),
                "unknown key `sumary`; did you mean `summary`?"
            ),
            (
                Some((6, 1)),
                "unknown key `promt` in [own_view]; did you mean `prompt`?"
            ),
        ]
    );
}

#[test]
fn an_unlike_unknown_key_lists_the_valid_ones() {
    let parsed = exercise::parse(
        b"title = \"t\"\nscenario = \"s\"\ncolour = \"red\"\n",
        Origin::File("x.toml".into()),
    );
    assert_eq!(parsed.problems.len(), 1);
    let message = &parsed.problems[0].message;
    assert!(
        message.starts_with("unknown key `colour`; valid keys are `format`, `id`, `title`"),
        "{message}"
    );
}

#[test]
fn empty_file_says_how_to_start() {
    assert!(only_problem("bad/empty.toml").starts_with("bad/empty.toml: error: the file is empty"));
}

#[test]
fn latin1_file_points_at_the_first_bad_byte() {
    assert_eq!(
        only_problem("bad/latin1.toml"),
        "bad/latin1.toml:1:13: error: the file is not UTF-8 text; save it with UTF-8 encoding"
    );
}

#[test]
fn too_large_file_is_refused_with_its_size() {
    assert_eq!(
        only_problem("bad/too-large.toml"),
        "bad/too-large.toml: error: the file is 294 KiB, larger than the 256 KiB a scenario may be; shorten it or split it into several exercises"
    );
}

#[test]
fn newer_format_is_refused_clearly() {
    assert_eq!(
        only_problem("bad/future-format.toml"),
        "bad/future-format.toml:1:10: error: format 3 needs a newer two-worlds (this one reads formats 1 to 2); update two-worlds"
    );
}

#[test]
fn minimal_file_gets_every_default() {
    let parsed = parse_fixture("good/minimal.toml");
    assert_eq!(parsed.problems, vec![]);
    let e = parsed.exercise.unwrap();
    assert_eq!(e.id, "minimal", "the id defaults to the file stem");
    assert_eq!(e.partner, "your partner");
    assert_eq!(e.summary, "You both reach for the last slice of cake.");
    assert!(e.tags.is_empty());
    assert!(e.own_view.prompt.contains("Write as \"I\""));
    assert!(!e.own_view.hints.is_empty());
    // The default prompts name the partner, capitalised at the start of a sentence.
    assert!(
        e.partner_view
            .prompt
            .starts_with("Now tell the same moment as your partner lived it"),
        "{}",
        e.partner_view.prompt
    );
    assert!(e.reflection.iter().any(|q| q.contains("your part")));
    assert!(e.reflection.iter().all(|q| !q.contains('{')));
}

#[test]
fn full_file_keeps_its_values_and_fills_the_partner() {
    let parsed = parse_fixture("good/full.toml");
    assert_eq!(parsed.problems, vec![]);
    let e = parsed.exercise.unwrap();
    assert_eq!(e.id, "rain-on-the-terrace");
    assert_eq!(e.title, "Rain on the terrace");
    assert_eq!(e.summary, "She wanted to stay; you wanted to go.");
    assert_eq!(e.tags, ["plans", "weather"]);
    assert_eq!(e.partner, "Inès");
    // Surrounding blank lines trimmed, placeholder filled.
    assert_eq!(
        e.scenario,
        "It starts to rain on the café terrace. \"Let's stay,\" says Inès.\n\nYou already have your coat on."
    );
    assert_eq!(e.partner_view.prompt, "Now as Inès.");
    assert_eq!(
        e.partner_view.hints,
        ["Inès had waited all week for this.", "What did Inès hear?"]
    );
    assert_eq!(e.reflection, ["What would Inès thank you for?"]);
}

#[test]
fn placeholder_at_a_sentence_start_is_capitalised() {
    assert_eq!(
        exercise::fill_partner("{partner} waits. You see {partner}.", "your partner"),
        "Your partner waits. You see your partner."
    );
    assert_eq!(exercise::fill_partner("\"{partner}?\"", "léa"), "\"Léa?\"");
}

#[test]
fn crlf_becomes_lf_and_tabs_become_spaces() {
    let parsed = parse_fixture("good/crlf.toml");
    assert_eq!(parsed.problems, vec![]);
    let e = parsed.exercise.unwrap();
    assert_eq!(e.title, "Windows lines");
    assert_eq!(e.scenario, "First line.\n\nSecond  line.");
}

#[test]
fn unknown_placeholder_is_a_warning_at_the_placeholder() {
    let parsed = parse_fixture("good/unknown-placeholder.toml");
    assert!(parsed.exercise.is_some(), "a warning does not stop loading");
    assert_eq!(parsed.problems.len(), 1);
    let problem = &parsed.problems[0];
    assert_eq!(problem.severity, Severity::Warning);
    assert_eq!(problem.position, Some((4, 1)));
    assert_eq!(
        problem.message,
        "unknown placeholder `{partnr}` will be shown as it is; did you mean `{partner}`?"
    );
}

#[test]
fn a_bad_file_never_stops_the_good_ones() {
    let library = exercise::load(&Sources {
        builtin: false,
        user_dir: None,
        extra: vec![scenario_fixture("bad"), scenario_fixture("good")],
    });
    assert_eq!(library.files_checked, 14);
    assert_eq!(library.exercises.len(), 4);
    assert_eq!(library.count(Severity::Error), 11);
    assert_eq!(library.count(Severity::Warning), 1);
    assert_eq!(
        library.summary_line(),
        "14 files checked, 11 errors, 1 warning"
    );
}

#[test]
fn a_user_file_replaces_a_builtin_with_a_note() {
    let library = exercise::load(&Sources {
        builtin: true,
        user_dir: Some(scenario_fixture("override")),
        extra: vec![],
    });
    let replaced = library.get("can-we-talk").unwrap();
    assert_eq!(replaced.title, "Our own version");
    assert_eq!(
        replaced.origin,
        Origin::Own(scenario_fixture("override/can-we-talk.toml")),
        "a file in the user's folder is their own"
    );
    assert_eq!(
        library.exercises.len(),
        BUILTIN.len(),
        "replaced, not added"
    );
    assert_eq!(library.count(Severity::Error), 0);
    let note = &library.problems[0];
    assert_eq!(note.severity, Severity::Note);
    assert_eq!(note.message, "replaces the built-in exercise `can-we-talk`");
}

#[test]
fn duplicate_ids_are_an_error_naming_both_files() {
    let library = exercise::load(&Sources {
        builtin: false,
        user_dir: None,
        extra: vec![scenario_fixture("dup")],
    });
    assert_eq!(library.exercises.len(), 1);
    assert_eq!(library.exercises[0].title, "First", "the first file wins");
    assert_eq!(library.problems.len(), 1);
    let problem = library.problems[0].to_string();
    assert_eq!(
        problem,
        format!(
            "{}:3:6: error: id `same` is already used by {}; give one of the two files another `id`",
            scenario_fixture("dup/b.toml").display(),
            scenario_fixture("dup/a.toml").display()
        )
    );
}

#[test]
fn a_missing_path_is_reported_not_fatal() {
    let library = exercise::load(&Sources {
        builtin: true,
        user_dir: Some(scenario_fixture("no-such-folder")),
        extra: vec![scenario_fixture("no-such-file.toml")],
    });
    assert_eq!(library.exercises.len(), BUILTIN.len());
    assert_eq!(library.problems.len(), 1, "a missing user folder is silent");
    assert!(
        library.problems[0]
            .to_string()
            .ends_with("no-such-file.toml: error: cannot read: no such file or folder")
    );
}

#[test]
fn every_file_in_exercises_is_embedded() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("exercises");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    on_disk.sort();
    let embedded: Vec<String> = BUILTIN.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(embedded, on_disk);
}

#[test]
fn the_builtin_library_is_clean_and_complete() {
    let library = exercise::load(&Sources {
        builtin: true,
        ..Sources::default()
    });
    assert_eq!(
        library.problems,
        vec![],
        "built-ins must pass check without warnings"
    );
    assert!(
        library.exercises.len() >= 12,
        "at least 12 built-in scenarios"
    );
    for e in &library.exercises {
        let words = e.scenario.split_whitespace().count();
        assert!((120..=300).contains(&words), "{}: {words} words", e.id);
        assert_ne!(
            e.partner,
            exercise::DEFAULT_PARTNER,
            "{} names the partner",
            e.id
        );
        for view in [&e.own_view, &e.partner_view] {
            assert!(
                (3..=5).contains(&view.hints.len()),
                "{}: {} hints",
                e.id,
                view.hints.len()
            );
        }
        assert!((2..=4).contains(&e.reflection.len()), "{}", e.id);
        assert!(!e.tags.is_empty(), "{}", e.id);
        assert!(e.summary.chars().count() <= 80, "{}", e.id);
    }
    // The core pattern comes first.
    assert_eq!(library.exercises[0].id, "can-we-talk");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = exercise::parse(&bytes, Origin::File("any.toml".into()));
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        let _ = exercise::parse(text.as_bytes(), Origin::File("any.toml".into()));
    }

    /// Near-valid files: real keys with arbitrary values, where the tricky positions live.
    #[test]
    fn near_valid_files_never_panic_and_positions_are_inside_the_file(
        title in "\\PC{0,30}",
        scenario in "(\\PC|\n|\r|\t){0,200}",
        key in prop::sample::select(vec!["id", "summary", "tags", "partner", "format", "prompt", "sumary"]),
        value in "\\PC{0,20}",
    ) {
        let text = format!(
            "title = {title:?}\nscenario = '''\n{scenario}'''\n{key} = {value}\n[own_view]\nhints = [{value:?}]\n"
        );
        let parsed = exercise::parse(text.as_bytes(), Origin::File("any.toml".into()));
        let lines = text.lines().count() + 1;
        for problem in &parsed.problems {
            if let Some((line, col)) = problem.position {
                prop_assert!(line >= 1 && line <= lines && col >= 1, "{problem}");
            }
        }
    }
}

// ---------------------------------------------------------------- characters that cannot be shown

/// The problems about characters that cannot be shown, with their positions.
fn unsafe_reports(parsed: &exercise::Parsed) -> Vec<((usize, usize), String)> {
    parsed
        .problems
        .iter()
        .filter(|p| p.message.contains("cannot be shown safely"))
        .map(|p| (p.position.expect("a position"), p.to_string()))
        .collect()
}

#[test]
fn control_and_override_escapes_are_errors_at_the_escape_and_the_file_does_not_load() {
    let text = "title = \"a \\u001b]52;c;aGVsbG8=\\u0007\"\nscenario = \"\"\"\nfine\nthen \\e[2J and \\x9b and \\U0000202E\n\"\"\"\n";
    let parsed = exercise::parse(text.as_bytes(), Origin::File("s.toml".into()));
    assert!(parsed.exercise.is_none());
    let reports = unsafe_reports(&parsed);
    let positions: Vec<_> = reports.iter().map(|(at, _)| *at).collect();
    assert_eq!(
        positions,
        [(1, 12), (1, 32), (4, 6), (4, 16), (4, 25)],
        "{reports:#?}"
    );
    assert_eq!(
        reports[0].1,
        "s.toml:1:12: error: `title` holds U+001B (escape, a control character), written `\\u001b`, which cannot be shown safely; remove it"
    );
    assert!(reports[3].1.contains("U+009B"), "{reports:#?}");
    assert!(
        reports[4].1.contains("U+202E (right-to-left override"),
        "{reports:#?}"
    );
}

#[test]
fn messages_never_echo_raw_control_characters_from_keys_or_names() {
    let text = "\"ti\\u001btle\" = \"x\"\ntitle = \"T\"\nscenario = \"S\"\nid = \"Bad\\u009bId\"\n";
    let origin = Origin::File("dir\u{1b}]0;x\u{7}/a\u{202e}.toml".into());
    let parsed = exercise::parse(text.as_bytes(), origin);
    assert!(parsed.exercise.is_none());
    for problem in &parsed.problems {
        let shown = problem.to_string();
        assert!(
            !shown.contains(|c: char| c.is_control() || c == '\u{202e}'),
            "{shown:?}"
        );
        assert!(
            shown.starts_with("dir\\u{1b}]0;x\\u{7}/a\\u{202e}.toml:"),
            "{shown}"
        );
    }
    let messages: Vec<String> = parsed.problems.iter().map(|p| p.to_string()).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("unknown key `ti\\u{1b}tle`")),
        "{messages:#?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("`id` \"Bad\\u{9b}Id\"")),
        "{messages:#?}"
    );
}

#[test]
fn balanced_isolates_zero_width_joiners_and_right_to_left_letters_load_untouched() {
    // Two paragraphs: a blank line between them (lines next to each other are joined).
    let scenario = "אמרת \u{2067}\"לא עכשיו\"\u{2069} ויצאת 👩\u{200d}❤\u{fe0f}\u{200d}👨\n\nقلت \u{2068}نعم\u{2069} e\u{301}";
    let text = format!(
        "title = \"שיחה 👩\u{200d}👩\u{200d}👧\"\ntags = [\"عربي\"]\nscenario = \"\"\"\n{}\n\"\"\"\n",
        scenario.replace('"', "\\\"")
    );
    let parsed = exercise::parse(text.as_bytes(), Origin::File("rtl.toml".into()));
    assert_eq!(parsed.problems, vec![]);
    let exercise = parsed.exercise.expect("loads");
    assert_eq!(exercise.scenario, scenario);
    assert_eq!(exercise.title, "שיחה 👩\u{200d}👩\u{200d}👧");
}

/// What `check` must report in a text, by this test's own reckoning (no
/// isolates are generated, so no balancing is needed).
fn must_report(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t' | '\r')) || ('\u{202a}'..='\u{202e}').contains(&c)
}

/// A TOML multi-line basic string holding `chars`, each written in the way
/// `how` picks; returns it with the (line, column) where each character that
/// must be reported was written, counting from `first_line`.
fn encode(chars: &[(char, u8)], first_line: usize) -> (String, Vec<(usize, usize)>) {
    let mut out = String::from("\"\"\"\n");
    let mut line = first_line + 1;
    let mut col = 1;
    let mut expected = Vec::new();
    for (i, &(c, how)) in chars.iter().enumerate() {
        if must_report(c) {
            expected.push((line, col));
        }
        // Now and then a line-ending backslash, which reads as nothing, before
        // a character it cannot swallow.
        let piece = match c {
            '\n' => "\n".to_string(),
            '\t' if how % 2 == 0 => "\t".to_string(),
            '\t' => "\\t".to_string(),
            '"' => "\\\"".to_string(),
            '\\' => "\\\\".to_string(),
            '\u{1b}' if how % 4 == 0 => "\\e".to_string(),
            c if must_report(c) && u32::from(c) >= 0x80 && how % 4 == 1 => c.to_string(),
            c if must_report(c) && u32::from(c) < 0x100 && how % 4 == 2 => {
                format!("\\x{:02X}", u32::from(c))
            }
            c if must_report(c) && how % 4 == 3 => format!("\\U{:08x}", u32::from(c)),
            c if must_report(c) || c.is_control() => format!("\\u{:04X}", u32::from(c)),
            c if how % 5 == 0 => format!("\\u{:04x}", u32::from(c)),
            c => c.to_string(),
        };
        let next_is_text = chars
            .get(i + 1)
            .is_some_and(|&(n, _)| !matches!(n, ' ' | '\t' | '\n'));
        for p in piece.chars() {
            out.push(p);
            if p == '\n' {
                line += 1;
                col = 1;
            } else {
                col += 1;
            }
        }
        if how % 7 == 6 && next_is_text && c != '\n' {
            out.push_str("\\  \n   ");
            line += 1;
            col = 4;
        }
    }
    out.push_str("\"\"\"");
    (out, expected)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// However a control or override character is written (raw where TOML
    /// allows it, `\e`, `\xHH`, `\uHHHH`, `\UHHHHHHHH`, amid line-ending
    /// backslashes), `check` reports it exactly where it was written, once.
    #[test]
    fn every_unsafe_character_is_reported_where_it_was_written(
        chars in proptest::collection::vec(
            (
                prop_oneof![
                    Just('\u{1b}'), Just('\u{7}'), Just('\0'), Just('\u{7f}'), Just('\u{9b}'),
                    Just('\u{85}'), Just('\u{202e}'), Just('\u{202a}'), Just('\u{8}'), Just('\r'),
                    Just('\n'), Just('\t'), Just('"'), Just('\\'), Just(' '),
                    Just('a'), Just('א'), Just('\u{200d}'), Just('\u{301}'), Just('{'),
                ],
                any::<u8>(),
            ),
            0..40,
        )
    ) {
        let (scenario, expected) = encode(&chars, 2);
        let text = format!("title = \"T\"\nscenario = {scenario}\n");
        let parsed = exercise::parse(text.as_bytes(), Origin::File("p.toml".into()));
        let reported: Vec<_> = unsafe_reports(&parsed).into_iter().map(|(at, _)| at).collect();
        prop_assert_eq!(&reported, &expected, "{}", text.escape_debug());
        if !expected.is_empty() {
            prop_assert!(parsed.exercise.is_none());
        }
    }
}

/// A scenario file of format 2 with `extra` after its text, parsed.
fn with_moments(extra: &str) -> exercise::Parsed {
    let text = format!(
        "format = 2\nid = \"m\"\ntitle = \"M\"\npartner = \"Sam\"\n\
         scenario = \"I said: “You always need a minute.” {{partner}} said: I am here.\"\n{extra}"
    );
    exercise::parse(text.as_bytes(), Origin::File("m.toml".into()))
}

/// Every problem, as the user reads it.
fn problems(parsed: &exercise::Parsed) -> Vec<String> {
    parsed.problems.iter().map(ToString::to_string).collect()
}

#[test]
fn moments_and_lenses_load_with_the_partner_filled_in() {
    let parsed = with_moments(
        "lenses = [\"observer\"]\n\
         [[moments]]\nquote = \"you ALWAYS need   a minute.\"\nby = \"you\"\n\
         [[moments]]\nquote = \"{partner} said: I am here.\"\nby = \"partner\"\n",
    );
    assert!(parsed.problems.is_empty(), "{:?}", problems(&parsed));
    let exercise = parsed.exercise.unwrap();
    let moments: Vec<_> = exercise
        .moments
        .iter()
        .map(|m| (m.quote.as_str(), m.by))
        .collect();
    assert_eq!(
        moments,
        vec![
            ("you ALWAYS need   a minute.", Speaker::You),
            ("Sam said: I am here.", Speaker::Partner),
        ]
    );
    assert_eq!(exercise.lenses, vec![Lens::Observer]);
}

#[test]
fn each_mistake_in_moments_and_lenses_is_named_where_it_is_with_the_fix() {
    let parsed = with_moments(
        "lenses = [\"observer\", \"telescope\"]\n\
         [[moments]]\nquote = \"I said\"\nby = \"someone\"\n\
         [[moments]]\nby = \"you\"\ncolour = \"red\"\n\
         [[moments]]\nquote = \"  \"\nby = \"partner\"\n",
    );
    assert!(parsed.exercise.is_none());
    assert_eq!(
        problems(&parsed),
        vec![
            "m.toml:6:23: error: unknown lens \"telescope\"; the lenses are `observer`",
            "m.toml:9:6: error: `by` is \"someone\"; it must be `you`, `partner` (who said the line)",
            "m.toml:10:1: error: a moment needs `quote = \"...\"`: the line from the scenario where meaning got lost",
            "m.toml:12:1: error: unknown key `colour` in [[moments]]; valid keys are `quote`, `by`",
            "m.toml:14:9: error: `quote` is empty; copy the line from the scenario",
        ]
    );
}

#[test]
fn a_quote_not_in_the_scenario_is_a_warning_and_the_file_still_loads() {
    let parsed = with_moments("[[moments]]\nquote = \"Never in the text\"\nby = \"you\"\n");
    assert!(parsed.exercise.is_some());
    assert_eq!(
        problems(&parsed),
        vec![
            "m.toml:7:9: warning: this quote is not in the scenario text; copy the line exactly as the scenario says it"
        ]
    );
}

#[test]
fn format_1_and_no_format_still_load_and_format_2_keys_in_format_1_get_a_note() {
    let old = "title = \"Old\"\nscenario = \"Text.\"\n";
    for text in [old.to_owned(), format!("format = 1\n{old}")] {
        let parsed = exercise::parse(text.as_bytes(), Origin::File("old.toml".into()));
        assert!(parsed.problems.is_empty(), "{:?}", problems(&parsed));
        assert!(parsed.exercise.is_some());
    }
    let text = format!("format = 1\n{old}lenses = [\"observer\"]\n");
    let parsed = exercise::parse(text.as_bytes(), Origin::File("old.toml".into()));
    assert!(parsed.exercise.is_some());
    assert_eq!(
        problems(&parsed),
        vec!["old.toml:4:10: note: `lenses` came with format 2; write `format = 2` at the top"]
    );
}

#[test]
fn a_newer_format_says_so_once_instead_of_naming_its_keys_unknown() {
    let text = "format = 3\ntitle = \"T\"\nscenario = \"S\"\nlantern = 7\ncompass = [\"a\"]\n";
    let parsed = exercise::parse(text.as_bytes(), Origin::File("new.toml".into()));
    assert_eq!(
        problems(&parsed),
        vec![
            "new.toml:1:10: error: format 3 needs a newer two-worlds (this one reads formats 1 to 2); update two-worlds"
        ]
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// `[[moments]]` tables of arbitrary values never panic, and every position is
    /// inside the file.
    #[test]
    fn arbitrary_moments_never_panic(
        quote in "(\\PC|\n){0,40}",
        key in prop::sample::select(vec!["quote", "by", "bye", "lenses"]),
        value in "\\PC{0,20}",
        by in prop::sample::select(vec!["\"you\"", "\"partner\"", "3", "[]", "\"\"", "{}"]),
    ) {
        let text = format!(
            "format = 2\ntitle = \"T\"\nscenario = \"S\"\nlenses = [{value:?}]\n\
             [[moments]]\nquote = {quote:?}\nby = {by}\n[[moments]]\n{key} = {value}\n"
        );
        let parsed = exercise::parse(text.as_bytes(), Origin::File("any.toml".into()));
        let lines = text.lines().count() + 1;
        for problem in &parsed.problems {
            if let Some((line, col)) = problem.position {
                prop_assert!(line >= 1 && line <= lines && col >= 1, "{problem}");
            }
        }
    }
}
