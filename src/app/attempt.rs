//! One attempt at one exercise: the text being written, and how it becomes a
//! journal entry and back.

use std::path::PathBuf;

use jiff::Timestamp;

use crate::editor::Editor;
use crate::exercise::{Exercise, Origin, ViewPrompt};
use crate::journal::{Answer, Entry, Status, Step};
use crate::safe;

/// One attempt at one exercise: the text being written.
pub struct Attempt {
    pub exercise: Exercise,
    pub own_view: Editor,
    pub partner_view: Editor,
    /// One editor per reflection question.
    pub answers: Vec<Editor>,
    /// The reflection question shown.
    pub question: usize,
    /// The furthest step reached.
    pub reached: Step,
    pub complete: bool,
    pub started: Timestamp,
    pub completed: Option<Timestamp>,
    /// Unique in this run (see [`SaveJob::attempt`](super::SaveJob::attempt)).
    pub serial: u64,
    /// The entry file, once saved.
    pub path: Option<PathBuf>,
    /// Counts moves from step to step, so moving on counts as a change to save.
    pub(super) step_moves: u64,
    /// The revision last saved.
    pub saved_revision: u64,
    /// Why the last save of this attempt failed, until one works.
    pub save_failed: Option<String>,
}

impl Attempt {
    /// A fresh attempt; `serial` must be unique in this run.
    pub fn new(exercise: Exercise, started: Timestamp, serial: u64) -> Self {
        let answers = exercise.reflection.iter().map(|_| Editor::new()).collect();
        Attempt {
            exercise,
            own_view: Editor::new(),
            partner_view: Editor::new(),
            answers,
            question: 0,
            reached: Step::Scenario,
            complete: false,
            started,
            completed: None,
            serial,
            path: None,
            step_moves: 0,
            saved_revision: 0,
            save_failed: None,
        }
    }

    /// An attempt from a journal entry. What was written stays exactly as the entry
    /// has it: its title, partner, scenario and questions, even if the scenario file
    /// has changed since (a dropped question would lose its answer). Only the prompts
    /// and hints come from the library, when the exercise is still there.
    pub fn from_entry(
        entry: &Entry,
        exercise: Option<&Exercise>,
        path: Option<PathBuf>,
        serial: u64,
    ) -> Self {
        let mut exercise = match exercise {
            Some(exercise) => exercise.clone(),
            None => Exercise {
                id: entry.exercise_id.clone(),
                title: entry.exercise_title.clone(),
                summary: String::new(),
                scenario: entry.scenario.clone(),
                tags: Vec::new(),
                partner: entry.partner.clone(),
                own_view: ViewPrompt {
                    prompt: String::new(),
                    hints: Vec::new(),
                },
                partner_view: ViewPrompt {
                    prompt: String::new(),
                    hints: Vec::new(),
                },
                reflection: entry
                    .reflection
                    .iter()
                    .map(|a| a.question.clone())
                    .collect(),
                origin: Origin::BuiltIn(String::new()),
            },
        };
        exercise.title = entry.exercise_title.clone();
        exercise.partner = entry.partner.clone();
        exercise.scenario = entry.scenario.clone();
        if !entry.reflection.is_empty() {
            exercise.reflection = entry
                .reflection
                .iter()
                .map(|a| a.question.clone())
                .collect();
        }
        // A hand-edited file may hold control characters: shown as escapes the user
        // can see and delete, never dropped unseen.
        let editor = |text: &str| Editor::from_text(&safe::prose(&text.replace("\r\n", "\n")));
        let answers = exercise
            .reflection
            .iter()
            .map(|question| {
                let answer = entry.reflection.iter().find(|a| &a.question == question);
                editor(answer.map_or("", |a| a.answer.as_str()))
            })
            .collect();
        let mut attempt = Attempt::new(exercise, entry.started, serial);
        attempt.own_view = editor(&entry.own_view);
        attempt.partner_view = editor(&entry.partner_view);
        attempt.answers = answers;
        attempt.reached = entry.step;
        attempt.complete = entry.status == Status::Complete;
        attempt.completed = entry.completed;
        attempt.path = path;
        attempt.saved_revision = attempt.revision();
        attempt
    }

    /// Grows with every change worth saving.
    pub fn revision(&self) -> u64 {
        self.own_view.revision()
            + self.partner_view.revision()
            + self.answers.iter().map(Editor::revision).sum::<u64>()
            + self.step_moves
    }

    /// Changed since the last save, and worth writing (something was typed, or
    /// there is already a file to keep up to date).
    pub fn unsaved(&self) -> bool {
        self.revision() != self.saved_revision && (self.has_text() || self.path.is_some())
    }

    /// The journal entry for this attempt as it stands.
    pub fn to_entry(&self, now: Timestamp) -> Entry {
        let exercise = &self.exercise;
        let mut entry = Entry::new(
            &exercise.id,
            &exercise.title,
            &exercise.partner,
            &exercise.scenario,
            self.started,
        );
        entry.saved = now;
        entry.completed = self.completed;
        entry.status = if self.complete {
            Status::Complete
        } else {
            Status::Draft
        };
        entry.step = self.reached;
        entry.own_view = self.own_view.text();
        entry.partner_view = self.partner_view.text();
        entry.reflection = exercise
            .reflection
            .iter()
            .zip(&self.answers)
            .map(|(question, answer)| Answer {
                question: question.clone(),
                answer: answer.text(),
            })
            .collect();
        entry
    }

    /// Whether anything at all was typed.
    pub fn has_text(&self) -> bool {
        !self.own_view.is_empty()
            || !self.partner_view.is_empty()
            || self.answers.iter().any(|a| !a.is_empty())
    }
}
