//! One attempt at one exercise: the text being written, and how it becomes a
//! journal entry and back.

use std::path::PathBuf;

use jiff::Timestamp;

use crate::editor::Editor;
use crate::exercise::{Exercise, Origin, ViewPrompt};
use crate::journal::{Answer, Entry, FollowUp, Status, Step};
use crate::safe;
use crate::translation::{Card, Cycle, Lens, Marks, Speaker};

/// One translation card being filled.
pub struct CardEditors {
    pub by: Speaker,
    /// The line came with the scenario; otherwise the user writes it (`quote`).
    pub given: bool,
    pub quote: Editor,
    pub meant: Editor,
    pub heard: Editor,
}

impl CardEditors {
    fn new(by: Speaker, quote: Option<&str>) -> Self {
        CardEditors {
            by,
            given: quote.is_some(),
            quote: Editor::from_text(quote.unwrap_or("")),
            meant: Editor::new(),
            heard: Editor::new(),
        }
    }

    fn editors(&self) -> [&Editor; 3] {
        [&self.quote, &self.meant, &self.heard]
    }
}

/// The translation cards of an exercise: one for each of its moments, or, without
/// any, two whose lines the user names: one of the partner's, one of theirs.
fn cards_for(exercise: &Exercise) -> Vec<CardEditors> {
    if exercise.moments.is_empty() {
        return vec![
            CardEditors::new(Speaker::Partner, None),
            CardEditors::new(Speaker::You, None),
        ];
    }
    exercise
        .moments
        .iter()
        .map(|m| CardEditors::new(m.by, Some(&m.quote)))
        .collect()
}

/// A field of the translation step, in the order the user meets them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The line of card N, when the user writes it.
    Quote(usize),
    Meant(usize),
    Heard(usize),
    /// One of the cycle's three blanks.
    Cycle(usize),
}

impl Field {
    /// The card this field belongs to, if any.
    pub fn card(self) -> Option<usize> {
        match self {
            Field::Quote(n) | Field::Meant(n) | Field::Heard(n) => Some(n),
            Field::Cycle(_) => None,
        }
    }
}

/// The form that describes a moment of one's own, before it is a scenario file.
pub struct MomentForm {
    pub partner: Editor,
    pub title: Editor,
    pub happened: Editor,
    /// The field with the keyboard: 0 the partner's name, 1 the title, 2 what happened.
    pub field: usize,
}

impl MomentForm {
    pub const FIELDS: usize = 3;

    pub fn new(partner: &str, title: &str, happened: &str) -> Self {
        MomentForm {
            partner: Editor::from_text(partner),
            title: Editor::from_text(title),
            happened: Editor::from_text(happened),
            field: 0,
        }
    }

    pub fn editors(&self) -> [&Editor; 3] {
        [&self.partner, &self.title, &self.happened]
    }

    pub fn editor_mut(&mut self) -> &mut Editor {
        match self.field {
            0 => &mut self.partner,
            1 => &mut self.title,
            _ => &mut self.happened,
        }
    }

    /// A field's text as one line, trimmed (the name and the title are one line).
    pub fn line(editor: &Editor) -> String {
        Self::one_line(&editor.text())
    }

    /// A text as one line: every run of whitespace one space, trimmed.
    pub fn one_line(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// How stirred up the user said they were: before writing, at the end, and after
/// each break; 0 to 10, `None` when skipped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Distress {
    pub before: Option<u8>,
    pub after: Option<u8>,
    pub breaks: Vec<u8>,
}

/// One attempt at one exercise: the text being written.
pub struct Attempt {
    pub exercise: Exercise,
    pub own_view: Editor,
    pub partner_view: Editor,
    /// The third lens: whether the user chose it (`None` until asked), and its text.
    pub observer: Option<bool>,
    pub observer_view: Editor,
    pub cards: Vec<CardEditors>,
    /// The cycle's three blanks.
    pub cycle: [Editor; 3],
    /// The field of the translation step with the keyboard: an index into
    /// [`Attempt::fields`].
    pub field: usize,
    pub marks: Marks,
    /// Counts changes of marks, so a new mark counts as a change to save.
    pub(super) mark_changes: u64,
    /// While a moment of one's own is being described.
    pub form: Option<MomentForm>,
    /// One editor per reflection question.
    pub answers: Vec<Editor>,
    /// The reflection question shown; one past the last is the line to try next
    /// time ([`Attempt::on_try_next`]).
    pub question: usize,
    /// "One thing I'll try next time".
    pub try_next: Editor,
    /// Last time's line to try, and how it went, when it was asked about.
    pub follow_up: Option<(String, Editor)>,
    /// The calm check's ratings.
    pub distress: Distress,
    /// Whether the calm check before writing / at the end was answered in this
    /// session (a rating or a skip), so it is not asked twice.
    pub(super) calm_asked: [bool; 2],
    /// The furthest step reached.
    pub reached: Step,
    pub complete: bool,
    pub started: Timestamp,
    pub completed: Option<Timestamp>,
    /// Unique in this run (see [`SaveJob::attempt`](super::SaveJob::attempt)).
    pub serial: u64,
    /// The entry file, once saved.
    pub path: Option<PathBuf>,
    /// Counts moves from step to step and ratings given, so either counts as a
    /// change to save.
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
        let cards = cards_for(&exercise);
        let observer = exercise.lenses.contains(&Lens::Observer).then_some(true);
        Attempt {
            exercise,
            own_view: Editor::new(),
            partner_view: Editor::new(),
            observer,
            observer_view: Editor::new(),
            cards,
            cycle: [Editor::new(), Editor::new(), Editor::new()],
            field: 0,
            marks: Marks::default(),
            mark_changes: 0,
            form: None,
            answers,
            question: 0,
            try_next: Editor::new(),
            follow_up: None,
            distress: Distress::default(),
            calm_asked: [false; 2],
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
                moments: Vec::new(),
                lenses: Vec::new(),
                care: None,
                mirror: None,
                origin: Origin::BuiltIn(String::new()),
            },
        };
        exercise.title = entry.exercise_title.clone();
        exercise.partner = entry.partner.clone();
        // Shown as prose; the form of a moment of one's own keeps the text as typed.
        exercise.scenario = crate::text::join_paragraphs(&entry.scenario);
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
        if entry.observer_lens.is_some() {
            attempt.observer = entry.observer_lens;
        }
        attempt.observer_view = editor(&entry.observer_view);
        if !entry.cards.is_empty() {
            attempt.cards = entry
                .cards
                .iter()
                .map(|card| CardEditors {
                    by: card.by,
                    given: card.given,
                    quote: editor(&card.quote),
                    meant: editor(&card.meant),
                    heard: editor(&card.heard),
                })
                .collect();
        }
        attempt.cycle = [
            editor(&entry.cycle.when_i),
            editor(&entry.cycle.partner),
            editor(&entry.cycle.then_i),
        ];
        attempt.marks = entry.marks.clone();
        attempt.try_next = editor(&MomentForm::one_line(&entry.try_next));
        attempt.follow_up = entry
            .follow_up
            .as_ref()
            .map(|f| (safe::line(&f.tried).into_owned(), editor(&f.answer)));
        attempt.distress = Distress {
            before: entry.distress_before,
            after: entry.distress_after,
            breaks: entry.distress_breaks.clone(),
        };
        if entry.step == Step::Moment {
            attempt.form = Some(MomentForm::new(
                &entry.partner,
                &entry.exercise_title,
                &entry.scenario,
            ));
        }
        attempt.reached = entry.step;
        attempt.complete = entry.status == Status::Complete;
        attempt.completed = entry.completed;
        attempt.path = path;
        attempt.saved_revision = attempt.revision();
        attempt
    }

    /// The exercise a moment of one's own became, in place of the form's: its
    /// questions, cards and lenses. Only the form was written so far.
    pub fn become_exercise(&mut self, exercise: Exercise) {
        self.answers = exercise.reflection.iter().map(|_| Editor::new()).collect();
        self.cards = cards_for(&exercise);
        if exercise.lenses.contains(&Lens::Observer) {
            self.observer = Some(true);
        }
        self.exercise = exercise;
        self.form = None;
    }

    /// Grows with every change worth saving.
    pub fn revision(&self) -> u64 {
        self.editors().map(Editor::revision).sum::<u64>() + self.step_moves + self.mark_changes
    }

    /// Every editor of the attempt, the form's included.
    fn editors(&self) -> impl Iterator<Item = &Editor> {
        let form = self.form.iter().flat_map(MomentForm::editors);
        let cards = self.cards.iter().flat_map(CardEditors::editors);
        let follow_up = self.follow_up.iter().map(|(_, answer)| answer);
        [&self.own_view, &self.partner_view, &self.observer_view]
            .into_iter()
            .chain(cards)
            .chain(&self.cycle)
            .chain(&self.answers)
            .chain([&self.try_next])
            .chain(follow_up)
            .chain(form)
    }

    /// Whether the reflection shows the line to try next time (after the questions).
    pub fn on_try_next(&self) -> bool {
        self.question >= self.answers.len()
    }

    /// The editor of the reflection step with the keyboard: a question's, or the
    /// line to try next time.
    pub fn reflection_editor(&self) -> &Editor {
        self.answers.get(self.question).unwrap_or(&self.try_next)
    }

    pub fn reflection_editor_mut(&mut self) -> &mut Editor {
        match self.answers.get_mut(self.question) {
            Some(editor) => editor,
            None => &mut self.try_next,
        }
    }

    /// The fields of the translation step, in order: each card's line (when the user
    /// writes it) and its two sides, then the cycle's three blanks. On a line of
    /// the user's, what they meant comes first; on one of the partner's, what they
    /// heard.
    pub fn fields(&self) -> Vec<Field> {
        let mut fields = Vec::new();
        for (n, card) in self.cards.iter().enumerate() {
            if !card.given {
                fields.push(Field::Quote(n));
            }
            match card.by {
                Speaker::You => fields.extend([Field::Meant(n), Field::Heard(n)]),
                Speaker::Partner => fields.extend([Field::Heard(n), Field::Meant(n)]),
            }
        }
        fields.extend((0..3).map(Field::Cycle));
        fields
    }

    /// The field of the translation step with the keyboard.
    pub fn current_field(&self) -> Option<Field> {
        self.fields().get(self.field).copied()
    }

    pub fn field_editor(&self, field: Field) -> Option<&Editor> {
        match field {
            Field::Quote(n) => self.cards.get(n).map(|c| &c.quote),
            Field::Meant(n) => self.cards.get(n).map(|c| &c.meant),
            Field::Heard(n) => self.cards.get(n).map(|c| &c.heard),
            Field::Cycle(n) => self.cycle.get(n),
        }
    }

    pub fn field_editor_mut(&mut self, field: Field) -> Option<&mut Editor> {
        match field {
            Field::Quote(n) => self.cards.get_mut(n).map(|c| &mut c.quote),
            Field::Meant(n) => self.cards.get_mut(n).map(|c| &mut c.meant),
            Field::Heard(n) => self.cards.get_mut(n).map(|c| &mut c.heard),
            Field::Cycle(n) => self.cycle.get_mut(n),
        }
    }

    /// Whether the third lens is part of this attempt.
    pub fn has_observer(&self) -> bool {
        self.observer == Some(true)
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
        entry.observer_lens = self.observer;
        entry.observer_view = self.observer_view.text();
        entry.cards = self
            .cards
            .iter()
            .map(|card| Card {
                by: card.by,
                quote: card.quote.text(),
                given: card.given,
                meant: card.meant.text(),
                heard: card.heard.text(),
            })
            .collect();
        entry.cycle = Cycle {
            when_i: self.cycle[0].text(),
            partner: self.cycle[1].text(),
            then_i: self.cycle[2].text(),
        };
        entry.marks = self.marks.clone();
        if let Some(form) = &self.form {
            // The form lives in the draft until it becomes a scenario file.
            entry.partner = MomentForm::line(&form.partner);
            entry.exercise_title = MomentForm::line(&form.title);
            entry.scenario = form.happened.text();
        }
        entry.reflection = exercise
            .reflection
            .iter()
            .zip(&self.answers)
            .map(|(question, answer)| Answer {
                question: question.clone(),
                answer: answer.text(),
            })
            .collect();
        entry.try_next = MomentForm::line(&self.try_next);
        entry.follow_up = self.follow_up.as_ref().map(|(tried, answer)| FollowUp {
            tried: tried.clone(),
            answer: answer.text(),
        });
        entry.distress_before = self.distress.before;
        entry.distress_after = self.distress.after;
        entry.distress_breaks = self.distress.breaks.clone();
        entry
    }

    /// Whether anything at all was typed. A card's given line was not typed, and
    /// neither was the partner's name the form offers: a form with only a name is
    /// not kept.
    pub fn has_text(&self) -> bool {
        let typed = |e: &Editor| !e.is_empty();
        let form = self
            .form
            .as_ref()
            .is_some_and(|f| typed(&f.title) || typed(&f.happened));
        let cards = self.cards.iter().any(|card| {
            (!card.given && typed(&card.quote)) || typed(&card.meant) || typed(&card.heard)
        });
        let follow_up = self.follow_up.iter().map(|(_, answer)| answer);
        form || cards
            || [&self.own_view, &self.partner_view, &self.observer_view]
                .into_iter()
                .chain(&self.cycle)
                .chain(&self.answers)
                .chain([&self.try_next])
                .chain(follow_up)
                .any(typed)
    }
}
