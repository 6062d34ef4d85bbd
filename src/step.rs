//! The steps of an exercise, in the order the user meets them: the one list the
//! screens, the keys, the header's trail and an entry's `step` field are made from.

use serde::{Deserialize, Serialize};

/// How far the user got through the exercise, in the order they meet the steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Step {
    /// How the line the user meant to try last time went (shown once, when there is one).
    FollowUp,
    /// Describing a moment of one's own (a short form), before it is a scenario.
    Moment,
    Scenario,
    OwnView,
    PartnerView,
    /// The same moment told by a neutral friend: only when the user chose it.
    Observer,
    SideBySide,
    /// The translation cards and the cycle.
    Translation,
    Reflection,
    Finished,
}

impl Step {
    /// Every step, in order.
    pub const ALL: [Step; 10] = [
        Step::FollowUp,
        Step::Moment,
        Step::Scenario,
        Step::OwnView,
        Step::PartnerView,
        Step::Observer,
        Step::SideBySide,
        Step::Translation,
        Step::Reflection,
        Step::Finished,
    ];
}
