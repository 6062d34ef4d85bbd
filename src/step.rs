//! The steps of an exercise, in the order the user meets them: the one list the
//! screens, the keys, the header's trail and an entry's `step` field are made from.

use serde::{Deserialize, Serialize};

/// How far the user got through the exercise, in the order they meet the steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Step {
    Scenario,
    OwnView,
    PartnerView,
    SideBySide,
    Reflection,
    Finished,
}

impl Step {
    /// Every step, in order.
    pub const ALL: [Step; 6] = [
        Step::Scenario,
        Step::OwnView,
        Step::PartnerView,
        Step::SideBySide,
        Step::Reflection,
        Step::Finished,
    ];
}
