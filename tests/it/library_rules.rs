//! The built-in library's own rules, as tests: a library a therapist would hand
//! out has enough scenarios, each of a readable length with hints and questions,
//! closing questions that vary, mirrors that point at each other, moments taken
//! from the scenario's own words, and a care note on every heavy subject.

use std::collections::HashMap;

use two_worlds::exercise::{self, BUILTIN, Exercise, Sources, Speaker};

fn library() -> exercise::Library {
    exercise::load(&Sources {
        builtin: true,
        ..Sources::default()
    })
}

/// Tags that mark a heavy subject: such a scenario must carry a `care` note.
const HEAVY: &[&str] = &[
    "affair",
    "infidelity",
    "grief",
    "loss",
    "miscarriage",
    "fertility",
    "illness",
    "caregiving",
    "intimacy",
];

#[test]
fn there_are_at_least_24_scenarios_and_check_finds_nothing_in_them() {
    let library = library();
    assert_eq!(
        library.problems,
        vec![],
        "built-ins pass check without a warning (a moment's quote not in its scenario is one)"
    );
    assert!(BUILTIN.len() >= 24, "{} built-in files", BUILTIN.len());
    assert_eq!(library.exercises.len(), BUILTIN.len());
}

#[test]
fn each_scenario_is_of_a_readable_length_with_hints_and_questions() {
    for e in &library().exercises {
        let words = e.scenario.split_whitespace().count();
        assert!((120..=300).contains(&words), "{}: {words} words", e.id);
        assert!(e.scenario.contains('"'), "{}: words said aloud", e.id);
        assert_ne!(e.partner, exercise::DEFAULT_PARTNER, "{} names them", e.id);
        for view in [&e.own_view, &e.partner_view] {
            assert!((3..=5).contains(&view.hints.len()), "{}: hints", e.id);
        }
        assert!((2..=4).contains(&e.reflection.len()), "{}: questions", e.id);
        assert!(!e.tags.is_empty(), "{}: tags", e.id);
        assert!(e.summary.chars().count() <= 80, "{}: summary", e.id);
    }
}

/// A question with the partner's name put back as `{partner}`, lowercased: two
/// files asking the same thing of different partners ask the same question.
fn shape(e: &Exercise, question: &str) -> String {
    question.replace(&e.partner, "{partner}").to_lowercase()
}

#[test]
fn no_two_scenarios_end_with_the_same_question_and_who_do_you_want_to_be_is_rare() {
    let library = library();
    let mut seen: HashMap<String, &str> = HashMap::new();
    for e in &library.exercises {
        let last = shape(e, e.reflection.last().unwrap());
        if let Some(other) = seen.insert(last.clone(), &e.id) {
            panic!("{} and {other} both end with {last:?}", e.id);
        }
    }
    let who = library
        .exercises
        .iter()
        .filter(|e| shape(e, e.reflection.last().unwrap()).contains("who do you want to be"))
        .count();
    assert!(
        who <= library.exercises.len() / 4,
        "{who} of {} end with \"who do you want to be\"",
        library.exercises.len()
    );
    // The other kinds the issue names each close several scenarios.
    let ending = |words: &[&str]| {
        library
            .exercises
            .iter()
            .filter(|e| {
                let last = shape(e, e.reflection.last().unwrap());
                words.iter().all(|w| last.contains(w))
            })
            .count()
    };
    assert!(
        ending(&["your part"]) + ending(&["my part"]) >= 3,
        "what was my part"
    );
    assert!(ending(&["ask of {partner}"]) >= 3, "one thing each way");
}

#[test]
fn mirrors_name_each_other_and_there_are_at_least_three_pairs() {
    let library = library();
    let mut pairs = 0;
    for e in &library.exercises {
        let Some(other) = e.mirror.as_deref() else {
            continue;
        };
        let other = library
            .get(other)
            .unwrap_or_else(|| panic!("{}: mirror {other} is not built in", e.id));
        assert_eq!(
            other.mirror.as_deref(),
            Some(e.id.as_str()),
            "{} and {} must name each other",
            e.id,
            other.id
        );
        pairs += 1;
    }
    assert!(pairs / 2 >= 3, "{} mirror pairs", pairs / 2);
    for (original, mirror) in [
        ("can-we-talk", "can-we-talk-from-karim"),
        ("just-ask-me", "just-ask-me-from-jun"),
        ("remember-lisbon", "remember-lisbon-from-lukas"),
    ] {
        assert_eq!(
            library.get(original).and_then(|e| e.mirror.as_deref()),
            Some(mirror)
        );
    }
}

#[test]
fn every_scenario_has_moments_from_both_sides_in_its_own_words() {
    let flat = |text: &str| {
        text.replace(['“', '”'], "\"")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    for e in &library().exercises {
        assert!(
            (2..=4).contains(&e.moments.len()),
            "{}: {} moments",
            e.id,
            e.moments.len()
        );
        for speaker in [Speaker::You, Speaker::Partner] {
            assert!(
                e.moments.iter().any(|m| m.by == speaker),
                "{}: a line of {speaker:?}",
                e.id
            );
        }
        for moment in &e.moments {
            assert!(
                flat(&e.scenario).contains(&flat(&moment.quote)),
                "{}: {:?} is not in the scenario",
                e.id,
                moment.quote
            );
        }
    }
}

#[test]
fn every_heavy_subject_carries_a_care_note_and_the_new_areas_are_covered() {
    let library = library();
    for e in &library.exercises {
        if e.tags.iter().any(|t| HEAVY.contains(&t.as_str())) {
            let care = e
                .care
                .as_deref()
                .unwrap_or_else(|| panic!("{}: a heavy subject needs `care`", e.id));
            let words = care.split_whitespace().count();
            assert!(
                (12..=90).contains(&words),
                "{}: care of {words} words",
                e.id
            );
        }
    }
    // The areas of life the library covers, by tag.
    for area in [
        "affair",
        "illness",
        "grief",
        "new-baby",
        "adhd",
        "culture",
        "blended-family",
        "long-distance",
        "retirement",
        "co-parenting",
        "siblings",
        "perpetual",
    ] {
        assert!(
            library
                .exercises
                .iter()
                .any(|e| e.tags.iter().any(|t| t == area)),
            "no scenario is tagged {area:?}"
        );
    }
}
