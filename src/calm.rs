//! Care for the person at the keyboard: the calm check before writing and after the
//! last question, the break it can offer, and the line about what to try next time.
//! The words are here, in one place, with the little logic of choosing a number.
//!
//! Nobody can take another's side while their heart is racing. The check does not
//! judge the number or keep score: it notices, and offers a pause.

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

/// The question of the calm check, before and after.
pub const QUESTION: &str = "How stirred up are you right now?";
/// What the ends of the row mean.
pub const SCALE_LOW: &str = "0 calm";
pub const SCALE_HIGH: &str = "10 as stirred up as I get";
/// Said under the row, before anything is chosen.
pub const WHY: &str = "Just for you: it helps to notice where you are before you begin. \
     Nothing here is a score.";

/// From this rating on, the check offers a break (the state file may change it).
pub const DEFAULT_THRESHOLD: u8 = 7;
/// The highest rating.
pub const MAX: u8 = 10;
/// How long a break lasts: long enough for a racing heart to settle.
pub const BREAK_MINUTES: i64 = 20;
/// Typing `1` then `0` within this long chooses 10.
pub const TEN_WITHIN: SignedDuration = SignedDuration::from_millis(1500);

/// The note shown when the rating is at or above the threshold.
pub const HIGH_TITLE: &str = "A pause may help";
pub const HIGH_NOTE: &[&str] = &[
    "When the heart races and the body is braced, it is very hard to see anyone \
     else's side, however much we want to. That is how bodies work, not a failing.",
    "A break of twenty minutes, doing something quiet, usually lets it settle. \
     Anything you have written stays exactly as it is.",
];

/// The break screen.
pub const BREAK_TITLE: &str = "A quiet break";
pub const BREAK_LINES: &[&str] = &[
    "Step away from the screen if you can. Breathe out slowly, a little longer \
     than you breathe in. Stretch, drink some water, look out of a window.",
    "Anything you have written is kept.",
];
/// Said when the calm check asks again after a break, ended early or on time.
pub const BREAK_OVER: &str = "Welcome back. Take your time.";

/// The optional last line, and the follow-up on the next attempt.
pub const TRY_NEXT_LABEL: &str = "One thing I'll try next time";
pub const TRY_NEXT_HINT: &str = "Optional, one line. The next time you start an exercise \
     (within a month), two-worlds asks you once how it went.";
/// A line to try is asked about on an attempt started within this many days.
pub const FOLLOW_UP_DAYS: i64 = 30;
pub const FOLLOW_UP_TITLE: &str = "Last time";
pub const FOLLOW_UP_LEAD: &str = "Last time you wrote:";
pub const FOLLOW_UP_QUESTION: &str = "How did it go?";
pub const FOLLOW_UP_HINT: &str = "Optional. A few words are plenty; nothing is expected.";

/// What the user wrote, on a new attempt, about the line they meant to try.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    /// The line from last time, as it was shown.
    #[serde(default)]
    pub tried: String,
    /// How it went.
    #[serde(default)]
    pub answer: String,
}

/// When a calm check is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Before the user's own view.
    Before,
    /// After the last reflection question, before finishing.
    After,
    /// At the end of a break.
    AfterBreak(Resume),
}

/// Where the exercise goes on after a break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resume {
    /// To the user's own view (the break came before writing).
    Writing,
    /// To finishing (the break came at the end).
    Finishing,
}

impl When {
    /// Where the exercise goes on once this check is answered.
    pub fn resume(self) -> Resume {
        match self {
            When::Before => Resume::Writing,
            When::After => Resume::Finishing,
            When::AfterBreak(resume) => resume,
        }
    }
}

/// A calm check on screen: the number chosen so far, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Check {
    pub when: When,
    pub choice: Option<u8>,
    /// The last digit typed and when: `1` then `0` soon after is 10.
    last_digit: Option<(u8, Timestamp)>,
}

impl Check {
    pub fn new(when: When) -> Self {
        Check {
            when,
            choice: None,
            last_digit: None,
        }
    }

    /// A digit typed at `now`.
    pub fn digit(&mut self, digit: u8, now: Timestamp) {
        let ten = digit == 0
            && self
                .last_digit
                .is_some_and(|(last, at)| last == 1 && now.duration_since(at) <= TEN_WITHIN);
        self.choice = Some(if ten { MAX } else { digit.min(MAX) });
        // After 10, a `0` starts again rather than making 100.
        self.last_digit = (!ten).then_some((digit, now));
    }

    /// One step down (`←`); from nothing chosen, the middle.
    pub fn lower(&mut self) {
        self.choice = Some(self.choice.map_or(MAX / 2, |n| n.saturating_sub(1)));
        self.last_digit = None;
    }

    /// One step up (`→`); from nothing chosen, the middle.
    pub fn higher(&mut self) {
        self.choice = Some(self.choice.map_or(MAX / 2, |n| (n + 1).min(MAX)));
        self.last_digit = None;
    }
}

/// A break under way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Break {
    pub until: Timestamp,
    pub resume: Resume,
}

impl Break {
    pub fn starting(now: Timestamp, resume: Resume) -> Self {
        Break {
            until: now + SignedDuration::from_mins(BREAK_MINUTES),
            resume,
        }
    }

    /// Whole minutes left, rounded up: "20 minutes" at the start, "1 minute" in the
    /// last one, 0 when it is over.
    pub fn minutes_left(&self, now: Timestamp) -> i64 {
        let left = self.until.duration_since(now).as_secs();
        if left <= 0 { 0 } else { (left + 59) / 60 }
    }

    /// When what the break screen shows next changes: the next whole minute before
    /// its end, or its end. `None` once it is over.
    pub fn next_change(&self, now: Timestamp) -> Option<Timestamp> {
        let left = self.until.duration_since(now).as_secs();
        if left <= 0 {
            return None;
        }
        // The shown number drops when the time left crosses a multiple of 60 s.
        let step = (left - 1) / 60 * 60;
        Some(self.until - SignedDuration::from_secs(step))
    }
}

/// "20 minutes left", "1 minute left".
pub fn minutes_left_label(minutes: i64) -> String {
    match minutes {
        1 => "1 minute left".to_string(),
        n => format!("{n} minutes left"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + secs).unwrap()
    }

    #[test]
    fn one_then_zero_quickly_is_ten_and_slowly_is_zero() {
        let mut check = Check::new(When::Before);
        check.digit(1, at(0));
        assert_eq!(check.choice, Some(1));
        check.digit(0, at(1));
        assert_eq!(check.choice, Some(10));
        // A third digit starts again.
        check.digit(0, at(1));
        assert_eq!(check.choice, Some(0));
        let mut slow = Check::new(When::Before);
        slow.digit(1, at(0));
        slow.digit(0, at(5));
        assert_eq!(slow.choice, Some(0));
    }

    #[test]
    fn arrows_start_in_the_middle_and_stop_at_the_ends() {
        let mut check = Check::new(When::After);
        check.lower();
        assert_eq!(check.choice, Some(5));
        for _ in 0..20 {
            check.higher();
        }
        assert_eq!(check.choice, Some(10));
        for _ in 0..20 {
            check.lower();
        }
        assert_eq!(check.choice, Some(0));
    }

    #[test]
    fn a_break_changes_what_it_shows_once_a_minute_and_then_ends() {
        let start = at(0);
        let pause = Break::starting(start, Resume::Writing);
        assert_eq!(pause.minutes_left(start), 20);
        // The first change is when 19 minutes are left, not a second before.
        assert_eq!(pause.next_change(start), Some(at(60)));
        assert_eq!(pause.minutes_left(at(59)), 20);
        assert_eq!(pause.minutes_left(at(60)), 19);
        assert_eq!(pause.next_change(at(60)), Some(at(120)));
        assert_eq!(pause.next_change(at(61)), Some(at(120)));
        assert_eq!(pause.minutes_left(at(20 * 60 - 1)), 1);
        assert_eq!(pause.next_change(at(20 * 60 - 30)), Some(at(20 * 60)));
        assert_eq!(pause.next_change(at(20 * 60)), None);
        assert_eq!(pause.minutes_left(at(20 * 60 + 5)), 0);
    }
}
