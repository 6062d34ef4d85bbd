//! Opening an exercise, and moving through its steps to the end.

use super::{App, Attempt, ColumnScroll, Effect, Field, Overlay, Question, Screen, Step};
use crate::exercise::Exercise;
use crate::time::short_date_time;

impl App {
    /// Shows an open attempt at `step`, from the top, with nothing over it.
    pub(super) fn open_attempt_at(&mut self, id: &str, step: Step) {
        self.exercise.current = Some(id.to_string());
        self.exercise.scroll = 0;
        self.exercise.columns = ColumnScroll::default();
        self.exercise.marking = None;
        self.overlay = None;
        self.screen = Screen::Exercise(step);
        if step == Step::SideBySide {
            self.refresh_observations();
        }
    }

    pub(super) fn start_fresh(&mut self, exercise: Exercise) {
        let id = exercise.id.clone();
        // Text that is only in memory is never replaced: it is shown instead.
        if let Some(unsaved) = self.exercise.attempts.get(&id).filter(|a| a.unsaved()) {
            let step = unsaved.reached;
            self.open_attempt_at(&id, step);
            return;
        }
        let serial = self.take_serial();
        let attempt = Attempt::new(exercise, self.now, serial);
        self.exercise.attempts.insert(id.clone(), attempt);
        self.open_attempt_at(&id, Step::Scenario);
        self.offer_follow_up();
    }

    /// The answer to the question on screen: the yes or the no command.
    pub(super) fn answer(&mut self, yes: bool) -> Vec<Effect> {
        let Some(Overlay::Ask(question)) = self.overlay.take() else {
            return Vec::new();
        };
        match question {
            Question::Resume { id, path, .. } => {
                if yes {
                    return vec![Effect::LoadDraft { id, path }];
                }
                if id == crate::exercise::own::DRAFT_ID {
                    self.start_fresh_moment();
                } else if let Some(exercise) = self.library.get(&id).cloned() {
                    self.begin(exercise);
                }
                Vec::new()
            }
            Question::Care { id, .. } => {
                if yes && let Some(exercise) = self.library.get(&id).cloned() {
                    self.start_fresh(exercise);
                }
                Vec::new()
            }
            Question::Delete { path, .. } => {
                if !yes {
                    return Vec::new();
                }
                // An attempt open in this session must not write the file back.
                self.exercise
                    .attempts
                    .retain(|_, a| a.path.as_deref() != Some(path.as_path()));
                vec![Effect::Delete(path)]
            }
            Question::ExportPlain { path } => {
                if yes {
                    return vec![Effect::Export(path)];
                }
                Vec::new()
            }
            Question::DeleteExports { files } => {
                if yes {
                    return vec![Effect::DeleteExports(files)];
                }
                self.flash = Some("entry deleted; its exports are kept".into());
                Vec::new()
            }
            Question::QuitAnyway { .. } => {
                if !yes {
                    return vec![Effect::Quit];
                }
                self.quit()
            }
            Question::CopyBuiltin { id, file, .. } => {
                if yes {
                    return self.copy_builtin(id, file);
                }
                Vec::new()
            }
            Question::Finish => {
                if !yes {
                    return Vec::new();
                }
                let now = self.now;
                if let Some(attempt) = self.attempt_mut() {
                    attempt.complete = true;
                    attempt.completed = Some(now);
                }
                self.go_to_step(Step::Finished);
                self.save_current()
            }
        }
    }

    /// Opening the selected exercise: continues what is open, offers the draft on disk, or
    /// starts afresh.
    pub(super) fn open_selected(&mut self) {
        let Some(exercise) = self.selected_exercise().cloned() else {
            return;
        };
        self.library_screen.filtering = false;
        let id = exercise.id.clone();
        // An attempt left untouched does not hide a draft on disk: it is offered again.
        // One that is not on disk yet (its save failed) is never replaced: it continues.
        let worth_resuming = |a: &&Attempt| {
            a.unsaved()
                || !a.complete
                    && (a.has_text() || a.path.is_some() || !self.journal.drafts.contains_key(&id))
        };
        if let Some(attempt) = self.exercise.attempts.get(&id).filter(worth_resuming) {
            let step = attempt.reached;
            let failed = attempt.save_failed.clone();
            self.open_attempt_at(&id, step);
            if let Some(reason) = failed {
                self.flash = Some(format!("not saved yet: {reason}"));
            }
        } else if let Some((path, saved)) = self.journal.drafts.get(&id) {
            self.overlay = Some(Overlay::Ask(Question::Resume {
                id,
                path: path.clone(),
                saved: short_date_time(*saved, &self.zone),
            }));
        } else {
            self.begin(exercise);
        }
    }

    /// Back to the library, with the exercise just left selected (a moment of one's
    /// own is new to the list).
    pub(super) fn back_to_library(&mut self) {
        self.screen = Screen::Library;
        self.overlay = None;
        let current = self.exercise.current.as_deref();
        if let Some(row) = self
            .visible()
            .iter()
            .position(|&i| Some(self.library.exercises[i].id.as_str()) == current)
        {
            self.library_screen.selected = row;
        }
    }

    /// Moves the attempt on screen to `step`; reaching it counts as a change to save.
    pub(super) fn go_to_step(&mut self, step: Step) {
        self.screen = Screen::Exercise(step);
        self.exercise.marking = None;
        self.overlay = None;
        self.exercise.scroll = 0;
        if let Some(attempt) = self.attempt_mut() {
            attempt.reached = attempt.reached.max(step);
            attempt.step_moves += 1;
        }
    }

    /// "Next": the next field of a form or a card, else the next step. Completing the
    /// form of a moment of one's own asks for its scenario file to be written.
    pub(super) fn next_step(&mut self) -> Vec<Effect> {
        let Screen::Exercise(step) = self.screen else {
            return Vec::new();
        };
        match step {
            Step::FollowUp => {
                let form = self.attempt().is_some_and(|a| a.form.is_some());
                self.go_to_step(if form { Step::Moment } else { Step::Scenario });
            }
            Step::Moment => return self.next_form_field(),
            Step::Scenario => self.calm_or_write(),
            Step::OwnView => self.go_to_step(Step::PartnerView),
            Step::PartnerView => {
                // The offer of the third lens is shown on its step unless it was
                // answered (or the scenario asks for the lens).
                if self.attempt().is_some_and(|a| a.observer == Some(false)) {
                    self.go_to_side_by_side();
                } else {
                    self.go_to_step(Step::Observer);
                }
            }
            Step::Observer => self.go_to_side_by_side(),
            Step::SideBySide => {
                if let Some(attempt) = self.attempt_mut() {
                    attempt.field = 0;
                }
                self.go_to_step(Step::Translation);
            }
            Step::Translation => {
                let Some(attempt) = self.attempt_mut() else {
                    return Vec::new();
                };
                let fields = attempt.fields();
                let Some(field) = fields.get(attempt.field).copied() else {
                    return Vec::new();
                };
                // A card left empty is passed over with one press.
                let card_empty = field.card().is_some_and(|n| {
                    let card = &attempt.cards[n];
                    (card.given || card.quote.is_empty())
                        && card.meant.is_empty()
                        && card.heard.is_empty()
                });
                // So is a cycle left blank, from its first blank.
                let cycle_empty =
                    field == Field::Cycle(0) && attempt.cycle.iter().all(|e| e.is_empty());
                let next = if cycle_empty {
                    None
                } else if card_empty {
                    fields
                        .iter()
                        .position(|f| f.card().is_none_or(|n| Some(n) > field.card()))
                } else {
                    Some(attempt.field + 1)
                };
                match next.filter(|&n| n < fields.len()) {
                    Some(n) => attempt.field = n,
                    None => {
                        attempt.question = 0;
                        self.go_to_step(Step::Reflection);
                    }
                }
            }
            Step::Reflection => {
                // After the questions, the line to try next time; it is left by
                // finishing, which asks first (`ask_finish`).
                if let Some(attempt) = self.attempt_mut()
                    && !attempt.on_try_next()
                {
                    attempt.question += 1;
                }
            }
            Step::Finished => {}
        }
        self.save_current()
    }

    fn go_to_side_by_side(&mut self) {
        self.exercise.columns = ColumnScroll::default();
        self.go_to_step(Step::SideBySide);
        self.refresh_observations();
    }

    /// The answer to the offer of the third lens (`y` or `n`), remembered as the
    /// default for next time.
    pub(super) fn answer_observer(&mut self, yes: bool) -> Vec<Effect> {
        let Some(attempt) = self.attempt_mut() else {
            return Vec::new();
        };
        attempt.observer = Some(yes);
        attempt.step_moves += 1;
        if !yes {
            self.go_to_side_by_side();
        }
        self.prefs.observer = Some(yes);
        let mut effects = vec![Effect::RememberPrefs(self.prefs.clone())];
        effects.extend(self.save_current());
        effects
    }

    /// Whether the reflection's last field is on screen (the line to try next time,
    /// after the questions): "next" finishes there.
    pub fn on_last_question(&self) -> bool {
        self.screen == Screen::Exercise(Step::Reflection)
            && self.attempt().is_some_and(Attempt::on_try_next)
    }

    /// Finishing is deliberate: it asks once. An attempt with nothing written in any
    /// box is not kept at all.
    pub(super) fn ask_finish(&mut self) -> Vec<Effect> {
        if !self.on_last_question() {
            return Vec::new();
        }
        let Some(id) = self.exercise.current.clone() else {
            return Vec::new();
        };
        if self
            .exercise
            .attempts
            .get(&id)
            .is_some_and(Attempt::has_text)
        {
            // How the user is now, before the last word: asked once.
            if self.calm_due_at_the_end() {
                self.ask_calm_at_the_end();
            } else {
                self.overlay = Some(Overlay::Ask(Question::Finish));
            }
            return Vec::new();
        }
        let attempt = self.exercise.attempts.remove(&id);
        self.back_to_library();
        self.flash = Some("Nothing was written in this exercise, so nothing was kept.".into());
        // A file with empty boxes (everything typed was deleted again) goes too.
        attempt
            .and_then(|a| a.path)
            .map(Effect::Discard)
            .into_iter()
            .collect()
    }

    pub(super) fn previous_step(&mut self) {
        let Screen::Exercise(step) = self.screen else {
            return;
        };
        match step {
            Step::Moment => {
                if let Some(form) = self.attempt_mut().and_then(|a| a.form.as_mut()) {
                    form.field = form.field.saturating_sub(1);
                }
            }
            Step::OwnView => self.go_to_step(Step::Scenario),
            Step::PartnerView => self.go_to_step(Step::OwnView),
            Step::Observer => self.go_to_step(Step::PartnerView),
            Step::SideBySide => {
                if self.attempt().is_some_and(Attempt::has_observer) {
                    self.go_to_step(Step::Observer);
                } else {
                    self.go_to_step(Step::PartnerView);
                }
            }
            Step::Translation => {
                let Some(attempt) = self.attempt_mut() else {
                    return;
                };
                if attempt.field > 0 {
                    attempt.field -= 1;
                } else {
                    self.go_to_side_by_side();
                }
            }
            Step::Reflection => {
                let Some(attempt) = self.attempt_mut() else {
                    return;
                };
                if attempt.question > 0 {
                    attempt.question -= 1;
                } else {
                    attempt.field = attempt.fields().len().saturating_sub(1);
                    self.go_to_step(Step::Translation);
                }
            }
            Step::FollowUp | Step::Scenario | Step::Finished => {}
        }
    }
}
