//! The entry file format across its versions: a golden file per old version, read
//! field by field and written back as the current one; the current version written
//! byte for byte from the same entry, so a change of format is never silent; any
//! text in the new fields kept exactly; an old draft continued; and the Markdown
//! export of an entry with every section.

use std::fs;
use std::path::PathBuf;

use jiff::tz::TimeZone;
use proptest::prelude::*;
use two_worlds::export;
use two_worlds::journal::{ENTRY_FORMAT, Entry, Journal, Listed, Status, Step, Summary};
use two_worlds::translation::{Card, Cycle, Marks, Speaker};

use crate::common::entries::{golden_entry, save_new, time};
use crate::common::{files_under, golden_path};

/// The entry of `entry-format-3.toml`: the golden entry with every
/// field of format 3 filled (the friend's view, both marks, a card from the scenario
/// and one written by the user, the cycle).
pub fn full_entry() -> Entry {
    let mut entry = golden_entry();
    entry.scenario = "Camille a laissé la vaisselle dans l'évier.\nEncore une fois.\n\
                      « Tu ne fais jamais rien. »\n« Je comptais la faire demain. »"
        .to_owned();
    entry.observer_lens = Some(true);
    entry.observer_view = "Deux personnes fatiguées, dans une cuisine, un soir.\n\
                           Chacune attendait que l'autre voie sa journée.\n"
        .to_owned();
    entry.marks = Marks {
        own: "Je voulais juste un évier vide.".to_owned(),
        partner: "Elle a travaillé tard, elle aussi.".to_owned(),
    };
    entry.cards = vec![
        card(
            Speaker::You,
            "Tu ne fais jamais rien.",
            true,
            "Je suis à bout, aide-moi ce soir.",
            "Que rien de ce qu'elle fait ne compte.",
        ),
        card(
            Speaker::Partner,
            "Elle a posé son téléphone sans un mot.",
            false,
            "J'ai besoin d'une minute,\net je reviens.",
            "Que je ne valais pas une réponse.",
        ),
    ];
    entry.cycle = Cycle {
        when_i: "hausse le ton".to_owned(),
        partner: "se tait et s'éloigne".to_owned(),
        then_i: "parle plus fort encore".to_owned(),
    };
    entry
}

/// The entry of `entry-format-4.toml` and `entry.json`: every field of format 3
/// filled, and those of format 4 (the calm check before, at the end and after a
/// break, the line to try next time, and how last time's line went).
pub fn full_entry_4() -> Entry {
    let mut entry = full_entry();
    entry.distress_before = Some(8);
    entry.distress_after = Some(5);
    entry.distress_breaks = vec![6];
    entry.try_next = "Dire « je suis à bout » avant de hausser le ton.".to_owned();
    entry.follow_up = Some(two_worlds::journal::FollowUp {
        tried: "Demander avant de supposer.".to_owned(),
        answer: "Mieux, la deuxième fois.\nPas la première.".to_owned(),
    });
    entry
}

/// A translation card.
pub fn card(by: Speaker, quote: &str, given: bool, meant: &str, heard: &str) -> Card {
    Card {
        by,
        quote: quote.to_owned(),
        given,
        meant: meant.to_owned(),
        heard: heard.to_owned(),
    }
}

/// An entries folder holding a copy of the golden file `name`, as the journal
/// would keep it; returns the folder and the copy.
fn journal_with_a_copy_of(name: &str) -> (tempfile::TempDir, Journal, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path());
    let folder = journal.entries_dir().join("the-dishes");
    fs::create_dir_all(&folder).unwrap();
    let path = folder.join("20250301T201507Z.toml");
    fs::copy(golden_path(name), &path).unwrap();
    (dir, journal, path)
}

fn only_summary(listed: &[Listed]) -> &Summary {
    match listed {
        [Listed::Entry(summary)] => summary,
        other => panic!("expected one readable entry: {other:#?}"),
    }
}

/// Reads an old golden file field by field (its new fields empty), writes it back as
/// the current format and reads it again: every text stays.
fn old_golden_reads_and_is_written_as_the_current_format(name: &str) {
    let (_dir, journal, path) = journal_with_a_copy_of(name);
    let entry = Journal::load(&path).unwrap();

    assert_eq!(entry.exercise_id, "the-dishes", "{name}");
    assert_eq!(entry.exercise_title, "La vaisselle", "{name}");
    assert_eq!(entry.partner, "Camille", "{name}");
    assert_eq!(entry.started, time("2025-03-01T20:15:07Z"), "{name}");
    assert_eq!(entry.saved, time("2025-03-01T20:51:30Z"), "{name}");
    assert_eq!(
        entry.completed,
        Some(time("2025-03-01T20:51:30Z")),
        "{name}"
    );
    assert_eq!(entry.status, Status::Complete, "{name}");
    assert_eq!(entry.step, Step::Finished, "{name}");
    assert_eq!(
        entry.scenario, "Camille a laissé la vaisselle dans l'évier.\nEncore une fois.",
        "{name}"
    );
    assert_eq!(
        entry.own_view,
        "J'étais épuisée après la journée.\nJe voulais juste un évier vide.\n\n\
         Alors j'ai dit « tu ne fais jamais rien ».\n",
        "{name}"
    );
    assert_eq!(
        entry.partner_view, "Elle a travaillé tard, elle aussi.\n疲れていた。\n",
        "{name}"
    );
    let answers: Vec<(&str, &str)> = entry
        .reflection
        .iter()
        .map(|answer| (answer.question.as_str(), answer.answer.as_str()))
        .collect();
    assert_eq!(
        answers,
        [
            ("What did you need?", "Du repos, et qu'on me voie."),
            ("What might they have needed?", "La même chose — 同じこと。"),
        ],
        "{name}"
    );
    // What format 3 added is there, empty.
    assert_eq!(entry.observer_lens, None, "{name}");
    assert_eq!(entry.observer_view, "", "{name}");
    assert_eq!(entry.marks, Marks::default(), "{name}");
    assert_eq!(entry.cycle, Cycle::default(), "{name}");
    assert!(entry.cards.is_empty(), "{name}");
    assert_eq!(entry, golden_entry(), "{name}: no field left unchecked");
    assert_eq!(only_summary(&journal.list()).words, 39, "{name}");

    journal.save(&path, &entry).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("format = 4\n"), "{name}:\n{text}");
    let again = Journal::load(&path).unwrap();
    assert_eq!(again, entry, "{name}");
    for written in entry.texts().chain([entry.scenario.as_str()]) {
        assert!(
            again
                .texts()
                .chain([again.scenario.as_str()])
                .any(|t| t == written)
        );
    }
    let summary = only_summary(&journal.list()).clone();
    assert_eq!(summary.words, 39, "{name}");
}

#[test]
fn the_format_1_golden_file_reads_and_is_written_back_as_format_4() {
    old_golden_reads_and_is_written_as_the_current_format("entry-format-1.toml");
}

#[test]
fn the_format_2_golden_file_reads_and_is_written_back_as_format_4() {
    old_golden_reads_and_is_written_as_the_current_format("entry-format-2.toml");
}

#[test]
fn the_format_3_golden_file_reads_field_by_field_and_is_written_back_as_format_4() {
    let (_dir, journal, path) = journal_with_a_copy_of("entry-format-3.toml");
    let entry = Journal::load(&path).unwrap();
    assert_eq!(
        entry,
        full_entry(),
        "every field of format 3, and none of 4"
    );
    let summary = only_summary(&journal.list()).clone();
    assert_eq!(summary.words, entry.words(), "its header is trusted");
    assert_eq!(
        (summary.distress_before, summary.distress_after),
        (None, None)
    );
    journal.save(&path, &entry).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("format = 4\n"), "{text}");
    assert_eq!(Journal::load(&path).unwrap(), entry);
}

#[test]
fn the_format_4_golden_file_is_what_save_writes_byte_for_byte() {
    assert_eq!(
        ENTRY_FORMAT.current, 4,
        "a new format needs its own golden file"
    );
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path());
    let entry = full_entry_4();
    let path = save_new(&journal, &entry);
    let text = fs::read_to_string(&path).unwrap();
    let golden = golden_path("entry-format-4.toml");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::write(&golden, &text).unwrap();
    }
    assert_eq!(
        text,
        fs::read_to_string(&golden).unwrap(),
        "entry-format-4.toml differs from what save writes"
    );
    assert_eq!(Journal::load(&golden).unwrap(), entry);
    let checksum_line = text
        .lines()
        .find(|line| line.starts_with("checksum = "))
        .unwrap();
    assert_eq!(checksum_line.len(), "checksum = \"sha256:\"".len() + 64);
    assert!(checksum_line.starts_with("checksum = \"sha256:"));
    let listed = journal.list();
    let summary = only_summary(&listed);
    assert_eq!(summary.words, entry.words());
    assert_eq!(
        (summary.distress_before, summary.distress_after),
        (Some(8), Some(5))
    );
    assert_eq!(summary.try_next, entry.try_next);
}

#[test]
fn the_new_fields_come_after_the_views_values_before_tables() {
    let text = fs::read_to_string(golden_path("entry-format-4.toml")).unwrap();
    let order = [
        "\ndistress_before = 8\n",
        "\ndistress_after = 5\n",
        "\ntry_next = ",
        "\nwords = ",
        "\nscenario = ",
        "\nown_view = ",
        "\npartner_view = ",
        "\nobserver_lens = true\n",
        "\nobserver_view = ",
        "\ndistress_breaks = [6]\n",
        "\n[marks]\n",
        "\n[cycle]\n",
        "\n[[cards]]\n",
        "\n[follow_up]\n",
        "\n[[reflection]]\n",
    ];
    let at: Vec<usize> = order
        .iter()
        .map(|key| {
            text.find(key)
                .unwrap_or_else(|| panic!("{key:?} in:\n{text}"))
        })
        .collect();
    assert!(at.is_sorted(), "{order:?} out of order:\n{text}");
    assert_eq!(text.matches("\n[[cards]]\n").count(), 2);
}

#[test]
fn an_entry_without_the_new_steps_is_written_as_format_2_was_but_for_its_number() {
    let dir = tempfile::tempdir().unwrap();
    let path = save_new(&Journal::new(dir.path()), &golden_entry());
    let without_number_and_checksum = |text: &str| {
        text.lines()
            .filter(|line| !line.starts_with("format = ") && !line.starts_with("checksum = "))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let written = fs::read_to_string(&path).unwrap();
    let format_2 = fs::read_to_string(golden_path("entry-format-2.toml")).unwrap();
    assert!(written.starts_with("format = 4\n"), "{written}");
    assert_eq!(
        without_number_and_checksum(&written),
        without_number_and_checksum(&format_2),
        "empty new fields are left out of the file"
    );
}

#[test]
fn an_old_file_at_a_step_of_format_3_is_unreadable_and_left_as_it_is() {
    for (name, format) in [("entry-format-1.toml", 1), ("entry-format-2.toml", 2)] {
        let text = fs::read_to_string(golden_path(name))
            .unwrap()
            .replace("step = \"finished\"", "step = \"translation\"");
        let (dir, journal, path) = journal_with_a_copy_of(name);
        fs::write(&path, &text).unwrap();
        let before = files_under(dir.path());

        let error = format!("{:#}", Journal::load(&path).unwrap_err());
        assert!(
            error.contains(&format!(
                "line 9: `step` should be one of \"scenario\", \"own-view\", \"partner-view\", \
                 \"side-by-side\", \"reflection\", \"finished\" in an entry of format {format}"
            )),
            "{error}"
        );
        match journal.list().as_slice() {
            [Listed::Unreadable { reason, .. }] => assert!(reason.contains("`step`"), "{reason}"),
            other => panic!("{name}: {other:#?}"),
        }
        assert_eq!(files_under(dir.path()), before, "{name}");
    }
}

#[test]
fn a_format_2_draft_continued_and_saved_again_becomes_format_4_with_every_text() {
    let (_dir, mut journal, path) = journal_with_a_copy_of("draft-format-2.toml");
    let Listed::Entry(listed) = &journal.list()[0] else {
        panic!("the draft is readable");
    };
    assert_eq!(listed.status, Status::Draft);
    assert_eq!(listed.step, Step::SideBySide);

    let mut entry = journal.open_draft(&path).unwrap();
    let old_texts: Vec<String> = entry.texts().map(str::to_owned).collect();
    assert_eq!(entry.own_view, golden_entry().own_view);
    assert_eq!(entry.partner_view, golden_entry().partner_view);
    // The user goes on: marks a passage, fills a card, then the cycle.
    entry.marks.own = "Je voulais juste un évier vide.".to_owned();
    entry.step = Step::Translation;
    entry.cards = full_entry().cards;
    entry.cycle = full_entry().cycle;
    entry.saved = time("2025-03-02T09:00:00Z");
    let saved = journal.save_attempt(1, Some(&path), &entry).unwrap();
    assert_eq!(saved, path);

    let text = fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("format = 4\n"), "{text}");
    let again = Journal::load(&path).unwrap();
    assert_eq!(again, entry);
    for old in &old_texts {
        assert!(again.texts().any(|text| text == old), "{old:?} is kept");
    }
    journal.release_locks();
    let summary = only_summary(&journal.list()).clone();
    assert_eq!(summary.step, Step::Translation);
    assert_eq!(summary.words, entry.words());
}

// ---- Any text at all ------------------------------------------------------

/// Text of every awkward kind: control characters, quotes and runs of them, CRLF,
/// backslashes, right-to-left and wide letters, and lines far longer than a screen.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-z \"'\\\\\r\n\t\u{0}-\u{1f}\u{7f}\u{202e}é日]{0,40}",
        prop::collection::vec(
            prop_oneof![
                Just("\"\"\"".to_owned()),
                Just("'''".to_owned()),
                Just("\r\n".to_owned()),
                Just("\n[[cards]]\nquote = \"".to_owned()),
                Just("\nscenario = ".to_owned()),
                "[a-zA-Z ]{0,12}",
                Just("x".repeat(5000)),
            ],
            0..6
        )
        .prop_map(|parts| parts.concat()),
    ]
}

fn any_card() -> impl Strategy<Value = Card> {
    (
        any::<bool>(),
        any_text(),
        any::<bool>(),
        any_text(),
        any_text(),
    )
        .prop_map(|(by_you, quote, given, meant, heard)| Card {
            by: if by_you {
                Speaker::You
            } else {
                Speaker::Partner
            },
            quote,
            given,
            meant,
            heard,
        })
}

fn any_new_fields() -> impl Strategy<Value = Entry> {
    (
        prop::option::of(any::<bool>()),
        any_text(),
        (any_text(), any_text()),
        (any_text(), any_text(), any_text()),
        prop::collection::vec(any_card(), 0..3),
        prop::sample::select(Step::ALL.to_vec()),
        (
            prop::option::of(0u8..=10),
            prop::option::of(0u8..=10),
            prop::collection::vec(0u8..=10, 0..3),
            any_text(),
            prop::option::of((any_text(), any_text())),
        ),
    )
        .prop_map(
            |(
                lens,
                observer,
                (own, partner),
                (when_i, partner_does, then_i),
                cards,
                step,
                (before, after, breaks, try_next, follow_up),
            )| {
                let mut entry = golden_entry();
                entry.distress_before = before;
                entry.distress_after = after;
                entry.distress_breaks = breaks;
                entry.try_next = try_next;
                entry.follow_up = follow_up
                    .map(|(tried, answer)| two_worlds::journal::FollowUp { tried, answer });
                entry.observer_lens = lens;
                entry.observer_view = observer;
                entry.marks = Marks { own, partner };
                entry.cycle = Cycle {
                    when_i,
                    partner: partner_does,
                    then_i,
                };
                entry.cards = cards;
                entry.step = step;
                entry
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever is written in the new fields, the file reads back as the same entry,
    /// and the listing (which reads only the header) counts the same words.
    #[test]
    fn any_text_in_the_new_fields_reads_back_the_same(entry in any_new_fields()) {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path());
        let path = save_new(&journal, &entry);
        prop_assert_eq!(&Journal::load(&path).unwrap(), &entry);
        let listed = journal.list();
        prop_assert_eq!(only_summary(&listed).words, entry.words());
    }
}

// ---- Exports ----------------------------------------------------------------

#[test]
fn markdown_of_an_entry_with_every_section() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        insta::assert_snapshot!(
            "entry_markdown_every_section",
            export::markdown_in(&full_entry(), &TimeZone::UTC)
        );
    });
}

fn markdown(entry: &Entry) -> String {
    export::markdown_in(entry, &TimeZone::UTC)
}

fn headings(doc: &str) -> Vec<&str> {
    doc.lines().filter(|line| line.starts_with('#')).collect()
}

#[test]
fn markdown_sections_of_the_new_steps_are_in_the_order_of_the_steps() {
    let doc = markdown(&full_entry());
    let at = |heading: &str| {
        doc.find(&format!("\n{heading}\n"))
            .unwrap_or_else(|| panic!("{heading:?} in:\n{doc}"))
    };
    let order = [
        "## Camille's view, as I imagine it",
        "## A friend's view",
        "## What Camille most needs to hear from me",
        "## What I most need to understand about Camille",
        "## The translation",
        "### Me: “Tu ne fais jamais rien.”",
        "#### What I meant",
        "#### What Camille may have heard",
        "### Camille: “Elle a posé son téléphone sans un mot.”",
        "#### What I heard",
        "#### What Camille may have meant",
        "## The cycle",
        "## Reflection",
    ];
    let places: Vec<usize> = order.iter().map(|heading| at(heading)).collect();
    assert!(places.is_sorted(), "{order:?} out of order:\n{doc}");
    // Each side under its own label: what I heard is the card's `heard`.
    let heard = doc[at("#### What I heard")..].lines().nth(3).unwrap();
    assert_eq!(heard, "Que je ne valais pas une réponse.");
    assert!(
        doc.contains(
            "\n\nWhen I hausse le ton, Camille se tait et s'éloigne, and then I parle plus \
             fort encore.\n\n"
        ),
        "{doc}"
    );
}

#[test]
fn markdown_leaves_out_what_was_not_written() {
    // The golden export of an entry without the new steps is unchanged.
    assert_eq!(
        headings(&markdown(&golden_entry())),
        headings(&fs::read_to_string(golden_path("entry.md")).unwrap())
    );
    let mut entry = golden_entry();
    entry.observer_lens = Some(true);
    entry.observer_view = " \n\t".to_owned();
    entry.marks.partner = "\n".to_owned();
    entry.cards = vec![card(
        Speaker::Partner,
        "A line that came with the scenario.",
        true,
        "",
        "  ",
    )];
    entry.cycle.then_i = " ".to_owned();
    assert_eq!(
        headings(&markdown(&entry)),
        headings(&markdown(&golden_entry()))
    );

    // One blank filled: the cycle is shown, with blanks for the rest.
    entry.cycle.partner = "walks\naway".to_owned();
    entry.partner = "your partner".to_owned();
    let doc = markdown(&entry);
    assert!(
        doc.contains("\nWhen I ___, my partner walks away, and then I ___.\n"),
        "{doc}"
    );
    // A side left empty on a card with something written says so.
    entry.cards[0].meant = "Rest.".to_owned();
    let doc = markdown(&entry);
    assert!(
        doc.contains("#### What I heard\n\n*(nothing written)*\n\n#### What my partner may have meant\n\nRest.\n"),
        "{doc}"
    );
}

#[test]
fn markdown_treats_the_new_texts_as_the_users_text() {
    let mut entry = golden_entry();
    entry.observer_view = "# not a heading\n\u{1b}[2Jcleared?".to_owned();
    entry.marks.own = "> not a quote \u{202e}".to_owned();
    entry.cards = vec![card(Speaker::You, "two\nlines \u{7}", false, "---", "")];
    entry.cycle.when_i = "{partner} \u{9b}".to_owned();
    let doc = markdown(&entry);
    for shown in [
        "\n\\# not a heading  \n\\u{1b}\\[2Jcleared?\n",
        "\n\\> not a quote \\u{202e}\n",
        "\n### Me: “two lines \\u{7}”\n",
        "\n\\---\n",
        "\nWhen I {partner} \\u{9b}, Camille ___",
    ] {
        assert!(doc.contains(shown), "{shown:?} in:\n{doc}");
    }
    assert!(!doc.chars().any(crate::common::is_unsafe), "{doc:?}");
}

#[test]
fn json_export_has_the_new_fields_and_reads_back_the_same() {
    let entry = full_entry_4();
    let value: serde_json::Value = serde_json::from_str(&export::json(&entry)).unwrap();
    assert_eq!(value["format"], 4);
    assert_eq!(value["distress_before"], 8);
    assert_eq!(value["distress_breaks"][0], 6);
    assert_eq!(value["follow_up"]["tried"], "Demander avant de supposer.");
    assert_eq!(value["observer_lens"], true);
    assert_eq!(value["marks"]["own"], "Je voulais juste un évier vide.");
    assert_eq!(value["cycle"]["then_i"], "parle plus fort encore");
    assert_eq!(value["cards"][1]["by"], "partner");
    assert_eq!(value["cards"][0]["given"], true);
    let back: Entry = serde_json::from_value(value).unwrap();
    assert_eq!(back, entry);

    // Without the new steps, the JSON has the fields of the file: none of them.
    let value: serde_json::Value = serde_json::from_str(&export::json(&golden_entry())).unwrap();
    for field in [
        "observer_lens",
        "observer_view",
        "marks",
        "cycle",
        "cards",
        "distress_before",
        "distress_after",
        "distress_breaks",
        "try_next",
        "follow_up",
    ] {
        assert!(value.get(field).is_none(), "{field}");
    }
}

#[test]
fn markdown_has_the_calm_check_last_time_and_the_line_to_try_only_when_given() {
    let doc = markdown(&full_entry_4());
    assert!(
        doc.contains(
            "The calm check: 8 before, 5 after (after a break: 6), on a scale from 0 (calm) to 10"
        ),
        "{doc}"
    );
    assert!(
        doc.contains("## Last time you wrote: “Demander avant de supposer.” How did it go?\n\nMieux, la deuxième fois.  \nPas la première."),
        "{doc}"
    );
    assert!(
        doc.ends_with(
            "## One thing I'll try next time\n\nDire « je suis à bout » avant de hausser le ton.\n"
        ),
        "{doc}"
    );
    let plain = markdown(&full_entry());
    for absent in ["calm check", "Last time", "try next time"] {
        assert!(!plain.contains(absent), "{absent}: {plain}");
    }
}

#[test]
fn an_entry_whose_scenario_was_wrapped_by_an_editor_reads_as_prose() {
    let mut entry = golden_entry();
    entry.scenario = "It is late. The kitchen\nsmells of soap.\n\n\"Can we talk?\"".to_owned();
    let doc = markdown(&entry);
    assert!(
        doc.contains(
            "## The scenario\n\nIt is late. The kitchen smells of soap.\n\n\"Can we talk?\"\n"
        ),
        "{doc}"
    );
}

#[test]
fn markdown_shows_html_and_emphasis_as_written() {
    let mut entry = golden_entry();
    entry.own_view = "My <tone> was __flat__ and *tired* [sic] & `short`".to_owned();
    let doc = markdown(&entry);
    assert!(
        doc.contains(
            "My \\<tone\\> was \\_\\_flat\\_\\_ and \\*tired\\* \\[sic\\] \\& \\`short\\`"
        ),
        "{doc}"
    );
    assert!(doc.contains("\nWith Camille  \n"), "{doc}");
}
