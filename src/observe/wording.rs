//! The observations as sentences: plain, warm, never a score.
//!
//! The lists say what each view names; absolutes get a question, not a correction;
//! the voice check is a suggestion. Nothing compares the two texts in numbers.

use super::Observations;
use crate::wording::capitalised;

/// The sentences to show, one a line. See [`Observations::lines`].
pub(super) fn lines(seen: &Observations, partner: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut named = |what: &str, whom: &str, words: &[String]| {
        if !words.is_empty() {
            lines.push(format!(
                "{what} you named for {whom}: {}.",
                words.join(", ")
            ));
        }
    };
    named("Feelings", "yourself", &seen.own.feelings);
    named("Feelings", partner, &seen.partner.feelings);
    named("Needs", "yourself", &seen.own.needs);
    named("Needs", partner, &seen.partner.needs);

    let mut absolutes: Vec<&String> = seen.own.absolutes.iter().collect();
    for word in &seen.partner.absolutes {
        if !absolutes.contains(&word) {
            absolutes.push(word);
        }
    }
    if !absolutes.is_empty() {
        let quoted: Vec<String> = absolutes.iter().map(|w| format!("\"{w}\"")).collect();
        lines.push(format!(
            "You wrote {} — was it really so, or did it feel that way in the moment?",
            in_words(&quoted)
        ));
    }

    if seen.voice.is_some() {
        lines.push(format!(
            "{}'s view talks about them more than it speaks as them. You could try \
             writing it as \"I\", as if you were {partner}.",
            capitalised(partner)
        ));
    }

    if lines.is_empty() {
        lines.push(
            "No words from the feelings and needs lists turned up here. That says more \
             about the lists than about what you wrote."
                .to_string(),
        );
    }
    lines
}

/// "a", "a and b", "a, b and c".
fn in_words(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [first @ .., last] => format!("{} and {last}", first.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::observe::{Lexicon, TextNotes, VoiceNote, observe};

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn each_list_has_its_line_feelings_then_needs() {
        let seen = Observations {
            own: TextNotes {
                feelings: words(&["hurt", "tired"]),
                needs: words(&["rest"]),
                absolutes: words(&["always"]),
            },
            partner: TextNotes {
                feelings: words(&["lonely"]),
                needs: words(&["to be heard", "closeness"]),
                absolutes: words(&["never", "always"]),
            },
            voice: None,
        };
        assert_eq!(
            seen.lines("Sam"),
            [
                "Feelings you named for yourself: hurt, tired.",
                "Feelings you named for Sam: lonely.",
                "Needs you named for yourself: rest.",
                "Needs you named for Sam: to be heard, closeness.",
                "You wrote \"always\" and \"never\" — was it really so, or did it feel that way in the moment?",
            ]
        );
    }

    #[test]
    fn the_voice_check_suggests_writing_as_i() {
        let seen = Observations {
            voice: Some(VoiceNote {
                about: 4,
                as_them: 1,
            }),
            ..Observations::default()
        };
        assert_eq!(
            seen.lines("your partner"),
            [
                "Your partner's view talks about them more than it speaks as them. \
              You could try writing it as \"I\", as if you were your partner."
            ]
        );
    }

    #[test]
    fn nothing_found_is_one_line_without_judging_and_no_line_has_a_number() {
        let seen = observe("", "", "Sam", &Lexicon::builtin());
        let lines = seen.lines("Sam");
        assert_eq!(lines.len(), 1);
        assert!(lines[0].starts_with("No words from the feelings and needs lists"));

        let seen = observe(
            "I always feel ignored, 3 times a day. I need respect.",
            "She never helps. She is tired 100% of the time.",
            "Sam",
            &Lexicon::builtin(),
        );
        let lines = seen.lines("Sam");
        assert_eq!(lines.len(), 6, "{lines:#?}");
        assert!(
            lines
                .iter()
                .all(|l| !l.contains(|c: char| c.is_ascii_digit())),
            "{lines:#?}"
        );
    }

    #[test]
    fn lists_are_said_in_words() {
        assert_eq!(in_words(&words(&["a"])), "a");
        assert_eq!(in_words(&words(&["a", "b"])), "a and b");
        assert_eq!(in_words(&words(&["a", "b", "c"])), "a, b and c");
    }
}
