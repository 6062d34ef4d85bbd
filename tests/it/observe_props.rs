//! The lexicon matcher on any text and any small lexicon: it never panics, and what
//! it finds is always a listed word or phrase, in one of its forms, on character
//! boundaries, in order, and never inside a word.

use proptest::prelude::*;
use two_worlds::observe::{self, Lexicon};
use unicode_segmentation::UnicodeSegmentation as _;

/// Letters for lexicon words: ASCII, accented, a letter that uppercases to two
/// ("ß"), a Greek sigma (which lowercases by its place), and an ideograph.
const WORD_CHARS: &[char] = &['a', 'e', 's', 'd', 't', 'y', 'é', 'ß', 'Σ', 'σ', '日'];

/// Hard neighbours for words: joiners, combining marks, digits, apostrophes, an
/// underscore, emoji, wide and right-to-left letters, controls.
const OTHER_CHARS: &[char] = &[
    ' ', ' ', '\n', '-', '\'', '’', '.', ',', '_', '1', 'A', 'x', '\u{301}', '\u{200d}', '\u{a0}',
    '😀', '🇺', 'ש', '本', '\t', '\u{1b}', '\u{2066}',
];

fn lexicon_word() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORD_CHARS), 1..5).prop_map(String::from_iter)
}

/// A word, or two or three joined by a space or a hyphen.
fn entry() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => lexicon_word(),
        1 => (lexicon_word(), prop::sample::select(vec![" ", "-", "  "]), lexicon_word())
            .prop_map(|(a, gap, b)| format!("{a}{gap}{b}")),
        1 => (lexicon_word(), lexicon_word(), lexicon_word())
            .prop_map(|(a, b, c)| format!("{a} {b} {c}")),
    ]
}

/// A lexicon file with only these lists (`mode = "replace"`), and its entries.
fn small_lexicon() -> impl Strategy<Value = (Lexicon, Vec<String>)> {
    let list = || prop::collection::vec(entry(), 0..5);
    (list(), list(), list(), list()).prop_map(|(feelings, needs, absolutes, except)| {
        let quoted = |list: &[String]| {
            list.iter()
                .map(|w| format!("\"{w}\""))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let file = format!(
            "language = \"en\"\nmode = \"replace\"\n\
             [feelings]\nwords = [{}]\n[needs]\nwords = [{}]\n\
             [absolutes]\nwords = [{}]\n[except]\nwords = [{}]\n\
             [voice]\nfirst_person = [\"i\"]\nthird_person = [\"she\"]\n",
            quoted(&feelings),
            quoted(&needs),
            quoted(&absolutes),
            quoted(&except),
        );
        let (lexicon, problems) = Lexicon::read(&file, "test.toml");
        // Repeated words are warnings; nothing here is an error.
        assert!(
            problems
                .iter()
                .all(|p| p.severity != two_worlds::exercise::Severity::Error),
            "{problems:#?}\n{file}"
        );
        let words = [feelings, needs, absolutes, except].concat();
        (lexicon, words)
    })
}

/// Text made of the lexicon's words (in other cases, with endings and contractions)
/// among other characters.
fn text_with(words: Vec<String>) -> impl Strategy<Value = String> {
    let words = if words.is_empty() {
        vec!["sad".to_string()]
    } else {
        words
    };
    let listed = prop::sample::select(words);
    let piece = prop_oneof![
        4 => (listed, 0..4usize, prop::sample::select(vec!["", "s", "ed", "ing", "'s", "’m", "x"]))
            .prop_map(|(word, case, ending)| {
                let word = match case {
                    0 => word.to_uppercase(),
                    1 => observe_capitalised(&word),
                    _ => word,
                };
                format!("{word}{ending}")
            }),
        4 => prop::sample::select(OTHER_CHARS).prop_map(String::from),
        1 => prop::sample::select(WORD_CHARS).prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

fn observe_capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The words of a matched text, lowercased one by one as the matcher does, joined by
/// one space: "Every\n time" → "every time".
fn as_words(matched: &str) -> String {
    matched
        .split_word_bounds()
        .filter(|piece| piece.chars().any(char::is_alphanumeric))
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

fn check_found(text: &str, lexicon: &Lexicon) -> Result<(), TestCaseError> {
    let found = observe::find(text, lexicon);
    let mut previous_end = 0;
    for f in &found {
        let range = f.range.clone();
        prop_assert!(
            text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
            "{range:?} in {text:?}"
        );
        prop_assert!(
            range.start >= previous_end && range.start < range.end,
            "{found:?}"
        );
        previous_end = range.end;
        let matched = &text[range.clone()];
        let forms = lexicon.forms(&f.word);
        prop_assert!(
            forms.contains(&as_words(matched)),
            "{matched:?} is not a form of {:?}: {forms:?}",
            f.word
        );
        let before = text[..range.start].chars().next_back();
        let after = text[range.end..].chars().next();
        prop_assert!(
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric),
            "{matched:?} is inside a word in {text:?}"
        );
    }
    Ok(())
}

proptest! {
    #[test]
    fn what_is_found_is_a_listed_word_and_never_inside_a_word(
        (lexicon, text) in small_lexicon()
            .prop_flat_map(|(lexicon, words)| (Just(lexicon), text_with(words)))
    ) {
        check_found(&text, &lexicon)?;
    }

    #[test]
    fn the_builtin_lexicon_holds_to_the_same_rules(
        text in text_with(
            ["always", "every time", "hurt", "left out", "to be heard", "rest", "the rest", "I", "she"]
                .map(String::from)
                .to_vec()
        )
    ) {
        check_found(&text, &Lexicon::builtin())?;
    }

    #[test]
    fn observations_never_panic_and_never_hold_a_number(
        own in text_with(vec!["tired".into(), "always".into(), "I".into()]),
        theirs in text_with(vec!["lonely".into(), "he".into(), "Sam".into(), "rest".into()]),
    ) {
        let seen = observe::observe(&own, &theirs, "Sam", &Lexicon::builtin());
        let lines = seen.lines("Sam");
        prop_assert!(!lines.is_empty());
        prop_assert!(
            lines.iter().all(|l| !l.contains(|c: char| c.is_ascii_digit())),
            "{lines:#?}"
        );
    }
}

/// The generators above do find words: the properties are not checked on nothing.
#[test]
fn a_small_lexicon_finds_its_words_in_their_forms() {
    let (lexicon, problems) = Lexicon::read(
        "language = \"en\"\nmode = \"replace\"\n[feelings]\nwords = [\"sad\", \"left-out\"]\n",
        "test.toml",
    );
    assert!(
        problems
            .iter()
            .all(|p| p.severity != two_worlds::exercise::Severity::Error)
    );
    let text = "SADS, saddle, Left\nout, sad’s; sadé 日sad";
    let found: Vec<&str> = observe::find(text, &lexicon)
        .iter()
        .map(|f| &text[f.range.clone()])
        .collect();
    assert_eq!(found, ["SADS", "Left\nout", "sad"]);
    check_found(text, &lexicon).unwrap();
}
