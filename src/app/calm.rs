//! Care for the person at the keyboard, as steps of the flow: the calm check before
//! writing and at the end, the note and the break it can lead to, the follow-up on
//! last time's line to try, a scenario's care note, and its mirror.

use jiff::{SignedDuration, Timestamp};

use super::{App, Effect, Overlay, Question, Screen, Step};
use crate::calm::{Break, Check, FOLLOW_UP_DAYS, Resume, When};
use crate::editor::Editor;
use crate::exercise::Exercise;
use crate::journal::{Listed, Status};

impl App {
    /// Opens an exercise afresh from the library: its care note first, when it has one.
    pub(super) fn begin(&mut self, exercise: Exercise) {
        match &exercise.care {
            Some(note) => {
                self.overlay = Some(Overlay::Ask(Question::Care {
                    id: exercise.id.clone(),
                    note: note.clone(),
                }));
            }
            None => self.start_fresh(exercise),
        }
    }

    /// Last time's line to try, when the next attempt should ask how it went: the
    /// newest finished entry has one, finished within [`FOLLOW_UP_DAYS`] and not
    /// asked about yet. Returns when that entry was finished, and the line.
    pub fn follow_up_due(&self) -> Option<(Timestamp, String)> {
        let newest = self
            .journal
            .entries
            .iter()
            .filter_map(|item| match item {
                Listed::Entry(s) if s.status == Status::Complete => {
                    Some((s.completed.unwrap_or(s.saved), s))
                }
                _ => None,
            })
            .max_by_key(|(at, _)| *at)?;
        let (finished, summary) = newest;
        let line = crate::safe::line(summary.try_next.trim()).into_owned();
        let recent =
            self.now.duration_since(finished) <= SignedDuration::from_hours(24 * FOLLOW_UP_DAYS);
        let asked = self.prefs.follow_up_asked == Some(finished);
        (!line.is_empty() && recent && !asked).then_some((finished, line))
    }

    /// A new attempt was opened at its first step: asks how last time's line went,
    /// when that is due, once.
    pub(super) fn offer_follow_up(&mut self) {
        let Some((finished, line)) = self.follow_up_due() else {
            return;
        };
        let Some(attempt) = self.attempt_mut() else {
            return;
        };
        attempt.follow_up = Some((line, Editor::new()));
        attempt.reached = Step::FollowUp;
        self.screen = Screen::Exercise(Step::FollowUp);
        self.prefs.follow_up_asked = Some(finished);
        self.prefs_changed = true;
    }

    /// "Next" on the scenario: the calm check first, unless it was answered.
    pub(super) fn calm_or_write(&mut self) {
        let due = self
            .attempt()
            .is_some_and(|a| a.distress.before.is_none() && !a.calm_asked[0]);
        if due {
            self.overlay = Some(Overlay::Calm(Check::new(When::Before)));
        } else {
            self.go_to_step(Step::OwnView);
        }
    }

    /// Whether finishing should ask the calm check first.
    pub(super) fn calm_due_at_the_end(&self) -> bool {
        self.attempt()
            .is_some_and(|a| a.distress.after.is_none() && !a.calm_asked[1])
    }

    pub(super) fn ask_calm_at_the_end(&mut self) {
        self.overlay = Some(Overlay::Calm(Check::new(When::After)));
    }

    /// A digit typed on the calm check.
    pub(super) fn calm_digit(&mut self, c: char) {
        let now = self.now;
        if let (Some(Overlay::Calm(check)), Some(digit)) = (self.overlay.as_mut(), c.to_digit(10)) {
            check.digit(digit as u8, now);
        }
    }

    /// `←` or `→` on the calm check.
    pub(super) fn calm_step(&mut self, higher: bool) {
        if let Some(Overlay::Calm(check)) = self.overlay.as_mut() {
            if higher {
                check.higher();
            } else {
                check.lower();
            }
        }
    }

    /// `Enter` on the calm check: the number is kept (nothing chosen skips), then a
    /// note at or above the threshold, else on with the exercise.
    pub(super) fn confirm_calm(&mut self) -> Vec<Effect> {
        let Some(Overlay::Calm(check)) = self.overlay.take() else {
            return Vec::new();
        };
        // The settings file wins over the state file, which held it before settings existed.
        let threshold = self
            .settings
            .calm_threshold
            .unwrap_or(self.prefs.calm_threshold);
        if let Some(attempt) = self.attempt_mut() {
            match check.when {
                When::Before => {
                    attempt.calm_asked[0] = true;
                    attempt.distress.before = check.choice;
                }
                When::After => {
                    attempt.calm_asked[1] = true;
                    attempt.distress.after = check.choice;
                }
                When::AfterBreak(_) => attempt.distress.breaks.extend(check.choice),
            }
            if check.choice.is_some() {
                attempt.step_moves += 1;
            }
        }
        let resume = check.when.resume();
        if check.choice.is_some_and(|n| n >= threshold) {
            self.overlay = Some(Overlay::CalmNote(resume));
            return self.save_current();
        }
        self.resume(resume)
    }

    /// `b` on the note: a break.
    pub(super) fn take_break(&mut self) {
        if let Some(Overlay::CalmNote(resume)) = self.overlay {
            self.overlay = Some(Overlay::Break(Break::starting(self.now, resume)));
        }
    }

    /// Going on without a break, or after one.
    pub(super) fn go_on_after_note(&mut self) -> Vec<Effect> {
        match self.overlay.take() {
            Some(Overlay::CalmNote(resume)) => self.resume(resume),
            other => {
                self.overlay = other;
                Vec::new()
            }
        }
    }

    /// Any key during a break, or its time up: the calm check again.
    pub(super) fn end_break(&mut self) {
        if let Some(Overlay::Break(pause)) = self.overlay {
            self.overlay = Some(Overlay::Calm(Check::new(When::AfterBreak(pause.resume))));
        }
    }

    /// When the program must wake up to change the screen with no key pressed: the
    /// break's next whole minute, or its end.
    pub fn wake_at(&self) -> Option<Timestamp> {
        match &self.overlay {
            Some(Overlay::Break(pause)) => pause.next_change(self.now).or(Some(self.now)),
            _ => None,
        }
    }

    /// The time asked for by [`App::wake_at`] has come: the break may be over.
    pub(super) fn tick(&mut self) {
        if let Some(Overlay::Break(pause)) = self.overlay
            && pause.minutes_left(self.now) == 0
        {
            self.end_break();
        }
    }

    /// On with the exercise after the calm check.
    fn resume(&mut self, resume: Resume) -> Vec<Effect> {
        match resume {
            Resume::Writing => {
                if self.screen == Screen::Exercise(Step::Scenario) {
                    self.go_to_step(Step::OwnView);
                }
                self.save_current()
            }
            Resume::Finishing => {
                let mut effects = self.save_current();
                effects.extend(self.ask_finish());
                effects
            }
        }
    }

    /// `o` on the finished screen: the same moment told from the other side.
    pub(super) fn other_side(&mut self) {
        let Some(mirror) = self.mirror_of_current().map(|e| e.id.clone()) else {
            return;
        };
        self.library_screen = super::LibraryScreen::default();
        if let Some(row) = self
            .visible()
            .iter()
            .position(|&i| self.library.exercises[i].id == mirror)
        {
            self.library_screen.selected = row;
        }
        self.screen = Screen::Library;
        self.open_selected();
    }

    /// The scenario told from the other side, when the one on screen has one in the
    /// library.
    pub fn mirror_of_current(&self) -> Option<&Exercise> {
        let id = self.attempt()?.exercise.mirror.as_deref()?;
        self.library.get(id)
    }
}
