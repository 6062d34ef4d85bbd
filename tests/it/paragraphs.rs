//! Paragraphs as people write them (`text::join_paragraphs`): lines wrapped by an
//! editor are joined, a blank line starts a new paragraph, and no word is ever
//! changed, lost or moved.

use proptest::prelude::*;
use two_worlds::text::join_paragraphs;

#[test]
fn wrapped_lines_join_and_blank_lines_separate() {
    assert_eq!(
        join_paragraphs(
            "\n\nIt is late. The kitchen\nsmells of soap.\n  \n\n\"Can we talk?\"\n  she asks.  \n\n"
        ),
        "It is late. The kitchen smells of soap.\n\n\"Can we talk?\" she asks."
    );
    assert_eq!(join_paragraphs(""), "");
    assert_eq!(join_paragraphs(" \n\t\n"), "");
    assert_eq!(join_paragraphs("one"), "one");
}

/// The paragraphs of `text`: the non-empty blocks between blank lines, each as its
/// words.
fn blocks(text: &str) -> Vec<Vec<String>> {
    let mut blocks = vec![Vec::new()];
    for line in text.lines() {
        if line.trim().is_empty() {
            if !blocks.last().unwrap().is_empty() {
                blocks.push(Vec::new());
            }
        } else {
            blocks
                .last_mut()
                .unwrap()
                .extend(line.split_whitespace().map(String::from));
        }
    }
    blocks.retain(|b| !b.is_empty());
    blocks
}

/// Text made of words, spaces, tabs, line breaks and blank lines, in any mix.
fn prose() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            "[a-zA-Zéß日本,.!?\"'—-]{1,8}",
            Just(" ".to_string()),
            Just("\t".to_string()),
            Just("\n".to_string()),
            Just("\n\n".to_string()),
            Just("\n  \n".to_string()),
            Just("\r\n".to_string()),
        ],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn never_loses_a_word_and_never_joins_across_a_blank_line(text in prose()) {
        let joined = join_paragraphs(&text);
        let words = |t: &str| t.split_whitespace().map(String::from).collect::<Vec<_>>();
        prop_assert_eq!(words(&joined), words(&text));
        prop_assert_eq!(blocks(&joined), blocks(&text));
        // Paragraphs are one line each, separated by exactly one blank line.
        for paragraph in joined.split("\n\n").filter(|_| !joined.is_empty()) {
            prop_assert!(!paragraph.is_empty() && !paragraph.contains('\n'), "{:?}", joined);
        }
        prop_assert_eq!(join_paragraphs(&joined), joined.clone(), "joining twice changes nothing");
    }
}
