//! Saving: what to write and when, what came back, the journal's listing, and
//! quitting only once every text is on disk (or the user chose to leave it).

use std::path::PathBuf;

use jiff::Timestamp;

use super::{App, Attempt, Effect, Overlay, Question, SaveJob};
use crate::journal::{self, Entry, Listed, Status};
use crate::time::short_time;

/// What the journal holds of one exercise, for the library's status column.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    pub drafts: usize,
    pub done: usize,
    /// When it was last completed (the start of the newest finished entry).
    pub last_done: Option<Timestamp>,
}

/// Where one exercise stands, as the library's status column shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExerciseStatus {
    /// Never started, or nothing kept.
    New,
    /// Text in memory that is not in the journal yet.
    NotSaved,
    /// A draft to continue, on disk.
    Draft,
    /// Finished `times` times, the last at `last` when known.
    Done {
        times: usize,
        last: Option<Timestamp>,
    },
}

/// How a message about a save begins.
const SAVED: &str = "saved ";

impl App {
    /// Where an exercise stands: what the journal holds, and what this run has open.
    pub fn exercise_status(&self, id: &str) -> ExerciseStatus {
        let counts = self.journal.counts.get(id).cloned().unwrap_or_default();
        let open = self.exercise.attempts.get(id);
        // Text that is only in memory is not in the journal: say so, count nothing.
        if open.is_some_and(Attempt::unsaved) {
            return ExerciseStatus::NotSaved;
        }
        // An attempt open in this run is left out of the journal's counts
        // (`take_journal`); it counts here once it is on disk, as it is on disk.
        let on_disk = open.filter(|a| a.path.is_some());
        let open_draft = on_disk.is_some_and(|a| !a.complete);
        let finished_here = on_disk.and_then(|a| a.completed);
        let times = counts.done + usize::from(finished_here.is_some());
        if open_draft || counts.drafts > 0 {
            ExerciseStatus::Draft
        } else if times > 0 {
            ExerciseStatus::Done {
                times,
                last: finished_here.or(counts.last_done),
            }
        } else {
            ExerciseStatus::New
        }
    }

    /// Takes in the journal's listing: history rows, drafts to offer, status column.
    pub(super) fn take_journal(&mut self, listed: Vec<Listed>) {
        self.journal.counts.clear();
        // An entry this session has open is shown from memory, not from disk.
        let on_disk_only: Vec<&Listed> = listed
            .iter()
            .filter(|item| {
                let path = Some(item.path());
                !self
                    .exercise
                    .attempts
                    .values()
                    .any(|a| a.path.as_deref() == path)
            })
            .collect();
        self.journal.drafts = journal::drafts_to_continue(on_disk_only.iter().copied());
        for item in on_disk_only {
            let Listed::Entry(summary) = item else {
                continue;
            };
            let counts = self
                .journal
                .counts
                .entry(summary.exercise_id.clone())
                .or_default();
            match summary.status {
                Status::Complete => {
                    counts.done += 1;
                    if counts.last_done.is_none() {
                        // The listing is newest first.
                        counts.last_done = Some(summary.started);
                    }
                }
                Status::Draft => counts.drafts += 1,
            }
        }
        self.journal.entries = listed;
        self.history.selected = self
            .history
            .selected
            .min(self.journal.entries.len().saturating_sub(1));
    }

    /// The entry to write for one attempt, as it stands.
    fn save_job(&self, id: &str) -> Option<SaveJob> {
        let attempt = self.exercise.attempts.get(id)?;
        Some(SaveJob {
            id: id.to_string(),
            attempt: attempt.serial,
            revision: attempt.revision(),
            path: attempt.path.clone(),
            entry: attempt.to_entry(self.now),
        })
    }

    /// Asks for one save, to be answered by [`Msg::Saved`](super::Msg::Saved).
    fn ask_save(&mut self, job: SaveJob) -> Effect {
        self.pending_saves += 1;
        Effect::Save(Box::new(job))
    }

    /// Every attempt with unsaved changes, as it stands, by exercise id: what any way
    /// out saves, and what a save that cannot wait for the event loop rescues.
    pub fn unsaved_jobs(&self) -> Vec<SaveJob> {
        let mut ids: Vec<&String> = self
            .exercise
            .attempts
            .iter()
            .filter(|(_, a)| a.unsaved())
            .map(|(id, _)| id)
            .collect();
        ids.sort();
        ids.into_iter().filter_map(|id| self.save_job(id)).collect()
    }

    /// Saves the attempt on screen if it has unsaved changes.
    pub(super) fn save_current(&mut self) -> Vec<Effect> {
        let Some(id) = self.exercise.current.clone() else {
            return Vec::new();
        };
        if !self
            .exercise
            .attempts
            .get(&id)
            .is_some_and(Attempt::unsaved)
        {
            return Vec::new();
        }
        self.save_job(&id)
            .map(|job| self.ask_save(job))
            .into_iter()
            .collect()
    }

    /// Saves every attempt with unsaved changes.
    pub(super) fn save_all(&mut self) -> Vec<Effect> {
        let jobs = self.unsaved_jobs();
        jobs.into_iter().map(|job| self.ask_save(job)).collect()
    }

    pub(super) fn saved(
        &mut self,
        id: &str,
        revision: u64,
        result: Result<PathBuf, String>,
    ) -> Vec<Effect> {
        self.pending_saves = self.pending_saves.saturating_sub(1);
        match result {
            Ok(path) => {
                if let Some(attempt) = self.exercise.attempts.get_mut(id) {
                    attempt.path = Some(path);
                    attempt.saved_revision = revision;
                    attempt.save_failed = None;
                }
                // What the key that led to this save said (a mark made) stays; a
                // save only says so in place of an older "saved".
                let said = self.flash.as_deref().is_some_and(|f| !f.starts_with(SAVED));
                if !said {
                    self.flash = Some(format!("{SAVED}{}", short_time(self.now, &self.zone)));
                }
            }
            Err(reason) => {
                if let Some(attempt) = self.exercise.attempts.get_mut(id) {
                    attempt.save_failed = Some(reason);
                }
                self.flash = None;
            }
        }
        if !self.quitting || self.pending_saves > 0 {
            return Vec::new();
        }
        self.quitting = false;
        self.quit_or_ask()
    }

    /// Quits when every text is on disk; otherwise asks first.
    pub(super) fn quit_or_ask(&mut self) -> Vec<Effect> {
        if !self.has_unsaved() {
            return vec![Effect::Quit];
        }
        let error = self
            .save_error()
            .unwrap_or("some text is not on disk yet")
            .to_string();
        self.hidden = false;
        self.overlay = Some(Overlay::Ask(Question::QuitAnyway { error }));
        Vec::new()
    }

    pub(super) fn draft_loaded(&mut self, id: &str, result: Result<(PathBuf, Entry), String>) {
        let exercise = self.library.get(id).cloned();
        match (result, exercise) {
            (Ok((path, entry)), exercise) => {
                let serial = self.take_serial();
                let attempt = Attempt::from_entry(&entry, exercise.as_ref(), Some(path), serial);
                let step = attempt.reached;
                self.journal.drafts.remove(id);
                self.exercise.attempts.insert(id.to_string(), attempt);
                self.open_attempt_at(id, step);
            }
            (Err(reason), Some(exercise)) => {
                self.flash = Some(reason);
                self.start_fresh(exercise);
            }
            (Err(reason), None) => self.flash = Some(reason),
        }
    }

    /// The save command: saves the attempt on screen now, if there is anything to keep.
    pub(super) fn save_now(&mut self) -> Vec<Effect> {
        if let Some(id) = self.exercise.current.clone()
            && self
                .exercise
                .attempts
                .get(&id)
                .is_some_and(|a| a.has_text() || a.path.is_some())
        {
            return self
                .save_job(&id)
                .map(|job| self.ask_save(job))
                .into_iter()
                .collect();
        }
        Vec::new()
    }

    /// Saves everything, then quits once the saves are answered (or asks first).
    pub(super) fn quit(&mut self) -> Vec<Effect> {
        let effects = self.save_all();
        if effects.is_empty() {
            return self.quit_or_ask();
        }
        self.quitting = true;
        effects
    }
}
