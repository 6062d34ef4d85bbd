//! The words of the steps every exercise shares, in one place: the form for a moment
//! of one's own, the third lens, the translation cards and the cycle. `{partner}` is
//! replaced with the partner's name where they are shown.

/// The form for a moment of one's own: (label, hint) per field.
pub const MOMENT_FIELDS: [(&str, &str); 3] = [
    (
        "Your partner's name",
        "The name you call them by. It stays on this computer, like everything here.",
    ),
    (
        "A title for this moment",
        "A few words you will recognise later, such as \"The dishes on Sunday\".",
    ),
    (
        "What happened, as a camera would have seen it",
        "Where you were, when, and what each of you said and did, without judging \
         anyone. A camera cannot see intentions, only what was said and done. For \
         example: \"Sunday evening, in the kitchen. I said: you left the pan again. \
         Sam put the phone down and walked to the balcony without a word.\"",
    ),
];

/// The third lens, offered after the partner's view.
pub const OBSERVER_OFFER: &str = "Would you like to tell the same moment once more, as a \
    friend who cares about you both would tell it? Someone who wants the best for each \
    of you, and takes neither side.";
pub const OBSERVER_WHY: &str = "Writing a fight from a caring outsider's point of view \
    is one of the few writing exercises found, in a careful study, to help couples \
    stay close over time. It is optional, and it takes a few minutes.";
pub const OBSERVER_PROMPT: &str = "Tell the moment as a neutral friend who cares about \
    both of you would tell it: what each of you did, and what each of you may have \
    needed.";
pub const OBSERVER_HINTS: &[&str] = &[
    "Write about both of you as \"they\": \"When she came home, he…\".",
    "A good friend notices what each person was hoping for, not who was right.",
    "What could this friend see that neither of you could see in the moment?",
];
pub const OBSERVER_TITLE: &str = "A friend's view";

/// The translation step's heading and what it is for.
pub const TRANSLATION_INTRO: &str = "Somewhere in this moment, words meant one thing to \
    one of you and another thing to the other. Take one line at a time.";
/// A card's fields, by who said the line: (first label, second label).
pub const CARD_BY_YOU: (&str, &str) = ("What I meant", "What {partner} may have heard");
pub const CARD_BY_PARTNER: (&str, &str) = ("What I heard", "What {partner} may have meant");
/// The line of a card the user writes themselves.
pub const CARD_QUOTE_BY_YOU: &str = "Something you said or did";
pub const CARD_QUOTE_BY_PARTNER: &str = "Something {partner} said or did";

/// The cycle: the three blanks of "When I ___, {partner} ___, and then I ___."
pub const CYCLE_INTRO: &str = "Often it is not one person but a dance the two of you \
    get caught in. If you like, name it in one sentence (all three blanks are optional).";
pub const CYCLE_FIELDS: [&str; 3] = ["When I", "{partner}", "and then I"];
