//! A moment of one's own: the short form (the partner's name, a title, what happened)
//! that becomes a scenario file in the user's exercises folder, then the usual steps.

use super::{App, Attempt, Effect, MomentForm, Overlay, Question, Screen, Step};
use crate::exercise::own::DRAFT_ID;
use crate::exercise::{Exercise, Origin, ViewPrompt};
use crate::time::short_date_time;

impl App {
    /// `n` in the library: continues the form in progress, offers the one saved as a
    /// draft, or starts one, offering the partner's name used last time.
    pub(super) fn start_moment(&mut self) {
        self.library_screen.filtering = false;
        if self.exercise.attempts.contains_key(DRAFT_ID) {
            self.open_attempt_at(DRAFT_ID, Step::Moment);
            return;
        }
        if let Some((path, saved)) = self.journal.drafts.get(DRAFT_ID) {
            self.overlay = Some(Overlay::Ask(Question::Resume {
                id: DRAFT_ID.to_owned(),
                path: path.clone(),
                saved: short_date_time(*saved, &self.zone),
            }));
            return;
        }
        self.start_fresh_moment();
    }

    pub(super) fn start_fresh_moment(&mut self) {
        let serial = self.take_serial();
        let mut attempt = Attempt::new(form_exercise(), self.now, serial);
        attempt.form = Some(MomentForm::new(&self.prefs.partner_name, "", ""));
        attempt.reached = Step::Moment;
        self.exercise.attempts.insert(DRAFT_ID.to_owned(), attempt);
        self.open_attempt_at(DRAFT_ID, Step::Moment);
        self.offer_follow_up();
    }

    /// "Next" on the form: the next field, or, after the last, the scenario file.
    pub(super) fn next_form_field(&mut self) -> Vec<Effect> {
        let taken: Vec<String> = self
            .library
            .exercises
            .iter()
            .map(|e| e.id.clone())
            .collect();
        let Some(attempt) = self.attempt_mut() else {
            return Vec::new();
        };
        let serial = attempt.serial;
        let Some(form) = attempt.form.as_mut() else {
            return Vec::new();
        };
        if form.field + 1 < MomentForm::FIELDS {
            form.field += 1;
            return Vec::new();
        }
        let title = MomentForm::line(&form.title);
        let happened = form.happened.text().trim().to_owned();
        let missing = if title.is_empty() {
            Some((
                1,
                "Give this moment a title first: a few words you will recognise.",
            ))
        } else if happened.is_empty() {
            Some((
                2,
                "Write what happened first: it becomes the scenario you work on.",
            ))
        } else {
            None
        };
        if let Some((field, why)) = missing {
            form.field = field;
            self.flash = Some(why.to_owned());
            return Vec::new();
        }
        vec![Effect::WriteMoment {
            serial,
            partner: MomentForm::line(&form.partner),
            title,
            happened,
            taken,
        }]
    }

    /// The scenario file of a moment of one's own was written (or not): the moment
    /// joins the library as the user's own, and the usual steps begin.
    pub(super) fn moment_written(
        &mut self,
        serial: u64,
        result: Result<Exercise, String>,
    ) -> Vec<Effect> {
        let exercise = match result {
            Ok(exercise) => exercise,
            Err(reason) => {
                self.flash = Some(format!("not written: {reason}"));
                return Vec::new();
            }
        };
        let Some(mut attempt) = self
            .exercise
            .attempts
            .remove(DRAFT_ID)
            .filter(|a| a.serial == serial)
        else {
            // The form went away meanwhile: the file is there, the library shows it.
            self.library.exercises.push(exercise);
            return Vec::new();
        };
        let id = exercise.id.clone();
        self.prefs.partner_name = exercise.partner.clone();
        self.library.exercises.push(exercise.clone());
        attempt.become_exercise(exercise);
        self.exercise.attempts.insert(id.clone(), attempt);
        self.exercise.current = Some(id);
        if self.screen == Screen::Exercise(Step::Moment) {
            self.go_to_step(Step::OwnView);
        }
        let mut effects = vec![Effect::RememberPrefs(self.prefs.clone())];
        effects.extend(self.save_current());
        effects
    }
}

/// The exercise of a form in progress: the form has its own words, and nothing of
/// a scenario yet.
fn form_exercise() -> Exercise {
    let empty = || ViewPrompt {
        prompt: String::new(),
        hints: Vec::new(),
    };
    Exercise {
        id: DRAFT_ID.to_owned(),
        title: "A moment of your own".to_owned(),
        summary: String::new(),
        scenario: String::new(),
        tags: Vec::new(),
        partner: String::new(),
        own_view: empty(),
        partner_view: empty(),
        reflection: Vec::new(),
        moments: Vec::new(),
        lenses: Vec::new(),
        care: None,
        mirror: None,
        origin: Origin::BuiltIn(String::new()),
    }
}
