//! The translation between the two worlds, as data: the moments where meaning got
//! lost (a scenario file may list them), the cards the user fills for them, the cycle
//! both are caught in, and the passages marked on the side by side. Scenario files,
//! the app and journal entries all use these types.

use serde::{Deserialize, Serialize};

/// Who said or did something.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Speaker {
    /// The person at the keyboard.
    You,
    /// The other person.
    Partner,
}

/// One line from a scenario where meaning got lost (`[[moments]]` in the file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moment {
    pub quote: String,
    pub by: Speaker,
}

/// Another way of telling the same moment (`lenses = ["observer"]` in the file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lens {
    /// A neutral friend who wants the best for both.
    Observer,
}

/// One translation card: a line, what was meant by it, and what was heard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Card {
    pub by: Speaker,
    /// The line itself: from the scenario file, or written by the user.
    pub quote: String,
    /// The line came with the scenario: the user does not write it.
    #[serde(default)]
    pub given: bool,
    /// Said by you: what I meant. Said by the partner: what they may have meant.
    #[serde(default)]
    pub meant: String,
    /// Said by you: what the partner may have heard. Said by the partner: what I heard.
    #[serde(default)]
    pub heard: String,
}

/// "When I ___, {partner} ___, and then I ___."
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cycle {
    #[serde(default)]
    pub when_i: String,
    #[serde(default)]
    pub partner: String,
    #[serde(default)]
    pub then_i: String,
}

impl Cycle {
    pub fn is_empty(&self) -> bool {
        self.when_i.trim().is_empty()
            && self.partner.trim().is_empty()
            && self.then_i.trim().is_empty()
    }
}

/// The passages marked on the side by side; empty when none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marks {
    /// In the user's own view: what the partner most needs to hear from me.
    #[serde(default)]
    pub own: String,
    /// In the partner's view: what I most need to understand about them.
    #[serde(default)]
    pub partner: String,
}

impl Marks {
    pub fn is_empty(&self) -> bool {
        self.own.is_empty() && self.partner.is_empty()
    }
}
