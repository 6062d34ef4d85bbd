//! The whole flow of the program as data: [`App`] holds the state, [`Msg`] is
//! everything that can happen, and [`App::update`] decides what follows. No
//! terminal, no files: what must happen outside comes back as [`Effect`]s.

use std::collections::HashMap;
use std::path::PathBuf;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use ratatui::crossterm::event::{KeyEvent, KeyEventKind};

use crate::editor::Editor;
use crate::exercise::{Exercise, Library, Origin, ViewPrompt};
use crate::journal::{Answer, Entry, Listed, Status, Step};
use crate::keymap::{self, Command, Context, EditAction};
use crate::safe;

/// The smallest terminal the screens are drawn for.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

/// The screens, in the order of an exercise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Screen {
    Library,
    Scenario,
    OwnView,
    PartnerView,
    SideBySide,
    Reflection,
    Finished,
    /// The journal: every entry, newest first.
    History,
    /// One entry from the journal, read only.
    Reading,
}

impl Screen {
    fn step(self) -> Step {
        match self {
            Screen::Library | Screen::Scenario | Screen::History | Screen::Reading => {
                Step::Scenario
            }
            Screen::OwnView => Step::OwnView,
            Screen::PartnerView => Step::PartnerView,
            Screen::SideBySide => Step::SideBySide,
            Screen::Reflection => Step::Reflection,
            Screen::Finished => Step::Finished,
        }
    }

    fn of_step(step: Step) -> Screen {
        match step {
            Step::Scenario => Screen::Scenario,
            Step::OwnView => Screen::OwnView,
            Step::PartnerView => Screen::PartnerView,
            Step::SideBySide => Screen::SideBySide,
            Step::Reflection => Screen::Reflection,
            Step::Finished => Screen::Finished,
        }
    }
}

/// A window over the current screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Problems,
    /// The user's own view, shown while writing the partner's.
    Peek,
    /// A question that waits for an answer.
    Ask(Question),
    /// Who this exercise is for, shown whole-screen before the library on the first run.
    SafetyNote,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Question {
    /// Continue the draft saved at `saved` (Enter), or start fresh (n).
    Resume {
        id: String,
        path: PathBuf,
        saved: String,
    },
    /// Delete this entry?
    Delete { path: PathBuf, name: String },
    /// The last save failed: retry (Enter) or quit anyway (n).
    QuitAnyway { error: String },
    /// Finish the exercise (Enter)? A finished entry is kept as it is.
    Finish,
}

/// Everything that can happen.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    Resize(u16, u16),
    /// The journal's entries, listed (at start and after every change to it).
    Journal(Vec<Listed>),
    /// Two seconds passed since the last edit.
    AutosaveDue,
    /// A save finished: where the entry is now, or why it failed.
    Saved {
        id: String,
        revision: u64,
        result: Result<PathBuf, String>,
    },
    /// A draft asked for was read (and locked) or could not be.
    DraftLoaded {
        id: String,
        result: Result<(PathBuf, Entry), String>,
    },
    /// An entry asked for in the history was read.
    EntryRead(Result<Entry, String>),
    Exported(Result<PathBuf, String>),
    Deleted(Result<PathBuf, String>),
    Discarded(Result<PathBuf, String>),
    /// SIGTERM or SIGHUP: save everything and leave.
    Terminate,
}

/// An entry to write.
#[derive(Debug, Clone, PartialEq)]
pub struct SaveJob {
    pub id: String,
    /// Which attempt, unique in this run: two attempts at one exercise may start in
    /// the same second, and must never share a file.
    pub attempt: u64,
    /// The revision of the text saved, so a later edit is not marked saved.
    pub revision: u64,
    /// `None` for a first save: a new entry file is made.
    pub path: Option<PathBuf>,
    pub entry: Entry,
}

/// What `update` asks the outside world to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Quit,
    Save(Box<SaveJob>),
    LoadDraft {
        id: String,
        path: PathBuf,
    },
    ReadEntry(PathBuf),
    Export(PathBuf),
    Delete(PathBuf),
    /// Removes the file of an attempt in which nothing was written.
    Discard(PathBuf),
    ListJournal,
    /// The safety note was read: remember it in the program's state file.
    RememberNoteSeen,
}

/// How the two columns of the side-by-side view scroll.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Link {
    /// Both columns together.
    #[default]
    Both,
    /// Only the left column ("You").
    Left,
    /// Only the right column (the partner).
    Right,
}

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
    pub reached: Screen,
    pub complete: bool,
    pub started: Timestamp,
    pub completed: Option<Timestamp>,
    /// Unique in this run (see [`SaveJob::attempt`]).
    pub serial: u64,
    /// The entry file, once saved.
    pub path: Option<PathBuf>,
    /// Bumped on every step change, so moving on counts as a change to save.
    steps: u64,
    /// The revision last saved.
    pub saved_revision: u64,
    /// Why the last save of this attempt failed, until one works.
    pub save_failed: Option<String>,
}

impl Attempt {
    pub fn new(exercise: Exercise, started: Timestamp) -> Self {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let serial = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let answers = exercise.reflection.iter().map(|_| Editor::new()).collect();
        Attempt {
            exercise,
            own_view: Editor::new(),
            partner_view: Editor::new(),
            answers,
            question: 0,
            reached: Screen::Scenario,
            complete: false,
            started,
            completed: None,
            serial,
            path: None,
            steps: 0,
            saved_revision: 0,
            save_failed: None,
        }
    }

    /// An attempt from a journal entry. What was written stays exactly as the entry
    /// has it: its title, partner, scenario and questions, even if the scenario file
    /// has changed since (a dropped question would lose its answer). Only the prompts
    /// and hints come from the library, when the exercise is still there.
    pub fn from_entry(entry: &Entry, exercise: Option<&Exercise>, path: Option<PathBuf>) -> Self {
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
        let mut attempt = Attempt::new(exercise, entry.started);
        attempt.own_view = editor(&entry.own_view);
        attempt.partner_view = editor(&entry.partner_view);
        attempt.answers = answers;
        attempt.reached = Screen::of_step(entry.step);
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
            + self.steps
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
        entry.step = self.reached.step();
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

/// Scroll positions of the side-by-side view, in wrapped rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Compare {
    pub left: usize,
    pub right: usize,
    pub link: Link,
}

/// All the state of the program.
pub struct App {
    pub library: Library,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    /// The selected row of the (filtered) library list.
    pub selected: usize,
    pub filter: String,
    pub filtering: bool,
    /// Attempts still open in this session, by exercise id.
    pub attempts: HashMap<String, Attempt>,
    /// The exercise on screen (every screen but the library).
    pub current: Option<String>,
    pub show_hints: bool,
    /// Scroll of the scenario screen and of overlays, in wrapped rows.
    pub scroll: usize,
    pub overlay_scroll: usize,
    pub compare: Compare,
    /// The terminal's size, as last reported.
    pub width: u16,
    pub height: u16,
    /// A short message for the footer ("saved 14:02:11", an error).
    pub status: Option<String>,
    /// Whether colour may be used (off with `NO_COLOR`).
    pub color: bool,
    /// What the journal knows of each exercise, by id.
    pub records: HashMap<String, Record>,
    /// The newest draft on disk of each exercise, by id: (path, when saved).
    pub drafts: HashMap<String, (PathBuf, Timestamp)>,
    /// The journal's entries, for the history screen.
    pub history: Vec<Listed>,
    pub history_selected: usize,
    /// The entry being read from the history.
    pub reading: Option<Attempt>,
    /// The time now, set by the event loop before each update (tests set it by hand).
    pub now: Timestamp,
    /// The zone dates and times are shown in: the system's in the program, pinned in
    /// tests so that they pass anywhere on Earth.
    pub zone: TimeZone,
    /// Quitting once the saves under way have finished.
    quitting: bool,
    /// Saves asked for and not yet answered.
    pending_saves: usize,
    /// A note about the data folder to show once (loose permissions).
    pub notice: Option<String>,
    /// The quick hide: the screen shows nothing of the text until the next key.
    pub hidden: bool,
}

/// What the journal holds for one exercise, for the library's status column.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    pub drafts: usize,
    pub done: usize,
    /// When it was last completed, as shown ("Nov 28").
    pub last_done: Option<String>,
}

impl App {
    pub fn new(library: Library, width: u16, height: u16) -> Self {
        App {
            library,
            screen: Screen::Library,
            overlay: None,
            selected: 0,
            filter: String::new(),
            filtering: false,
            attempts: HashMap::new(),
            current: None,
            show_hints: true,
            scroll: 0,
            overlay_scroll: 0,
            compare: Compare::default(),
            width,
            height,
            status: None,
            color: true,
            records: HashMap::new(),
            drafts: HashMap::new(),
            history: Vec::new(),
            history_selected: 0,
            reading: None,
            now: Timestamp::UNIX_EPOCH,
            zone: TimeZone::UTC,
            quitting: false,
            pending_saves: 0,
            notice: None,
            hidden: false,
        }
    }

    /// The library's status column: new, draft, or done ×N (last date).
    pub fn status_label(&self, id: &str) -> String {
        let record = self.records.get(id).cloned().unwrap_or_default();
        let open = self.attempts.get(id);
        // Text that is only in memory is not in the journal: say so, count nothing.
        if open.is_some_and(Attempt::unsaved) {
            return "not saved".to_string();
        }
        // An attempt open in this run is left out of the journal's record
        // (`take_journal`); it counts here once it is on disk, as it is on disk.
        let on_disk = open.filter(|a| a.path.is_some());
        let open_draft = on_disk.is_some_and(|a| !a.complete);
        let finished_here = on_disk.and_then(|a| a.completed);
        let done = record.done + usize::from(finished_here.is_some());
        let last_done = finished_here
            .map(|t| short_date(t, &self.zone))
            .or(record.last_done);
        if open_draft || record.drafts > 0 {
            "draft".to_string()
        } else if done > 0 {
            match last_done {
                Some(date) => format!("done ×{done} {date}"),
                None => format!("done ×{done}"),
            }
        } else {
            "new".to_string()
        }
    }

    /// The sum of every open attempt's revision: when it moves, something was edited.
    pub fn revision(&self) -> u64 {
        self.attempts.values().map(Attempt::revision).sum()
    }

    /// Why a save failed, while any attempt's last save failed (the first by id).
    pub fn save_error(&self) -> Option<&str> {
        self.attempts
            .iter()
            .filter_map(|(id, a)| Some((id, a.save_failed.as_deref()?)))
            .min()
            .map(|(_, error)| error)
    }

    /// Whether any open attempt has changes not yet on disk.
    pub fn has_unsaved(&self) -> bool {
        self.attempts.values().any(Attempt::unsaved)
    }

    pub fn too_small(&self) -> bool {
        self.width < MIN_WIDTH || self.height < MIN_HEIGHT
    }

    /// Indices into `library.exercises` that match the filter, in library order.
    pub fn visible(&self) -> Vec<usize> {
        let needle = self.filter.trim().to_lowercase();
        self.library
            .exercises
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                needle.is_empty()
                    || e.title.to_lowercase().contains(&needle)
                    || e.id.contains(&needle)
                    || e.tags.iter().any(|t| t.to_lowercase().contains(&needle))
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// The exercise under the library cursor.
    pub fn selected_exercise(&self) -> Option<&Exercise> {
        let index = *self.visible().get(self.selected)?;
        self.library.exercises.get(index)
    }

    pub fn attempt(&self) -> Option<&Attempt> {
        if matches!(self.screen, Screen::Reading | Screen::History) {
            return self.reading.as_ref();
        }
        self.attempts.get(self.current.as_deref()?)
    }

    fn attempt_mut(&mut self) -> Option<&mut Attempt> {
        if matches!(self.screen, Screen::Reading | Screen::History) {
            return None;
        }
        self.attempts.get_mut(self.current.as_deref()?)
    }

    /// The editor that has the keyboard, if any.
    pub fn focused_editor(&self) -> Option<&Editor> {
        let attempt = self.attempt()?;
        match self.screen {
            Screen::OwnView => Some(&attempt.own_view),
            Screen::PartnerView => Some(&attempt.partner_view),
            Screen::Reflection => attempt.answers.get(attempt.question),
            _ => None,
        }
    }

    fn focused_editor_mut(&mut self) -> Option<&mut Editor> {
        let screen = self.screen;
        let attempt = self.attempt_mut()?;
        match screen {
            Screen::OwnView => Some(&mut attempt.own_view),
            Screen::PartnerView => Some(&mut attempt.partner_view),
            Screen::Reflection => attempt.answers.get_mut(attempt.question),
            _ => None,
        }
    }

    /// Which keys apply now.
    pub fn context(&self) -> Context {
        match self.overlay {
            Some(Overlay::Ask(_)) => Context::Question,
            Some(Overlay::SafetyNote) => Context::Note,
            Some(_) => Context::Overlay,
            None => self.context_under_overlay(),
        }
    }

    /// The keys of the screen itself, whether or not an overlay covers it.
    pub fn context_under_overlay(&self) -> Context {
        match self.screen {
            Screen::Library if self.filtering => Context::Filtering,
            Screen::Library => Context::Library,
            Screen::Scenario => Context::Scenario,
            Screen::OwnView => Context::OwnView,
            Screen::PartnerView => Context::PartnerView,
            Screen::Reflection if self.on_last_question() => Context::LastQuestion,
            Screen::Reflection => Context::Answering,
            Screen::SideBySide => Context::SideBySide,
            Screen::Finished => Context::Finished,
            Screen::History => Context::History,
            Screen::Reading => Context::Reading,
        }
    }

    /// Rows a page key moves: the screen less its frame, never less than one.
    fn page(&self) -> usize {
        usize::from(self.height.saturating_sub(6)).max(1)
    }

    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Resize(width, height) => {
                self.width = width;
                self.height = height;
                Vec::new()
            }
            Msg::Paste(text) => {
                // A paste on a screen that shows nothing of the text would land unseen.
                if !self.hidden && !self.too_small() {
                    self.paste(&text);
                }
                Vec::new()
            }
            Msg::Key(key) if key.kind == KeyEventKind::Release => Vec::new(),
            Msg::Key(key) => {
                // A message stays until the next key; a failed save stays until one works.
                // A notice about the data folder stays past the key that only leaves
                // the safety note or the quick hide: it has not been seen yet.
                self.status = None;
                if self.overlay != Some(Overlay::SafetyNote) && !self.hidden {
                    self.notice = None;
                }
                self.key(key)
            }
            Msg::Journal(listed) => {
                self.take_journal(listed);
                Vec::new()
            }
            Msg::AutosaveDue => self.save_all(),
            Msg::Saved {
                id,
                revision,
                result,
            } => self.saved(&id, revision, result),
            Msg::DraftLoaded { id, result } => {
                self.draft_loaded(&id, result);
                Vec::new()
            }
            Msg::EntryRead(result) => {
                match result {
                    Ok(entry) => {
                        let exercise = self.library.get(&entry.exercise_id).cloned();
                        self.reading = Some(Attempt::from_entry(&entry, exercise.as_ref(), None));
                        self.compare = Compare::default();
                        self.screen = Screen::Reading;
                    }
                    Err(reason) => self.status = Some(reason),
                }
                Vec::new()
            }
            Msg::Exported(result) => {
                self.status = Some(match result {
                    Ok(path) => {
                        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
                        format!("exported to exports/{}", name.unwrap_or_default())
                    }
                    Err(reason) => format!("not exported: {reason}"),
                });
                Vec::new()
            }
            Msg::Deleted(result) => match result {
                Ok(_) => {
                    self.status = Some("entry deleted".into());
                    vec![Effect::ListJournal]
                }
                Err(reason) => {
                    self.status = Some(reason);
                    Vec::new()
                }
            },
            Msg::Discarded(result) => match result {
                Ok(_) => vec![Effect::ListJournal],
                Err(reason) => {
                    self.status = Some(reason);
                    Vec::new()
                }
            },
            Msg::Terminate => {
                let mut effects = self.save_all();
                effects.push(Effect::Quit);
                effects
            }
        }
    }

    fn key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let command = keymap::command_for(self.context(), &key);
        if self.hidden {
            // Any key brings the screen back, and does nothing else (Ctrl+C still quits).
            if command == Some(Command::ForceQuit) {
                return self.run(Command::ForceQuit);
            }
            self.hidden = false;
            return Vec::new();
        }
        if self.too_small() {
            // Nothing may happen that the user cannot see.
            return match command {
                Some(command @ (Command::ForceQuit | Command::Hide)) => self.run(command),
                _ => Vec::new(),
            };
        }
        if self.overlay == Some(Overlay::SafetyNote) && command != Some(Command::Hide) {
            // Any key continues; the note is remembered as read.
            if command == Some(Command::ForceQuit) {
                return self.run(Command::ForceQuit);
            }
            self.overlay = None;
            return vec![Effect::RememberNoteSeen];
        }
        match command {
            Some(command) => self.run(command),
            None => {
                if let Some(c) = keymap::typed_char(&key) {
                    self.type_char(c);
                }
                Vec::new()
            }
        }
    }

    /// The footer's message: what just happened, else a failed save, else a notice.
    pub fn message(&self) -> Option<String> {
        self.status
            .clone()
            .or_else(|| self.save_error().map(|e| format!("not saved: {e}")))
            .or_else(|| self.notice.clone())
    }

    /// Takes in the journal's listing: history rows, drafts to offer, status column.
    fn take_journal(&mut self, listed: Vec<Listed>) {
        self.records.clear();
        self.drafts.clear();
        for item in &listed {
            let Listed::Ok(summary) = item else {
                continue;
            };
            // An entry this session has open is shown from memory, not from disk.
            let open_here = self
                .attempts
                .values()
                .any(|a| a.path.as_deref() == Some(summary.path.as_path()));
            let record = self.records.entry(summary.exercise_id.clone()).or_default();
            match summary.status {
                Status::Complete if open_here => {}
                Status::Complete => {
                    record.done += 1;
                    if record.last_done.is_none() {
                        // The listing is newest first.
                        record.last_done = Some(short_date(summary.started, &self.zone));
                    }
                }
                Status::Draft if !open_here => {
                    record.drafts += 1;
                    let newer = self
                        .drafts
                        .get(&summary.exercise_id)
                        .is_none_or(|(_, saved)| summary.saved > *saved);
                    if newer {
                        self.drafts.insert(
                            summary.exercise_id.clone(),
                            (summary.path.clone(), summary.saved),
                        );
                    }
                }
                Status::Draft => {}
            }
        }
        self.history = listed;
        self.history_selected = self
            .history_selected
            .min(self.history.len().saturating_sub(1));
    }

    fn save_job(&self, id: &str) -> Option<Effect> {
        let attempt = self.attempts.get(id)?;
        Some(Effect::Save(Box::new(SaveJob {
            id: id.to_string(),
            attempt: attempt.serial,
            revision: attempt.revision(),
            path: attempt.path.clone(),
            entry: attempt.to_entry(self.now),
        })))
    }

    /// Every attempt with unsaved changes, as it stands, for a save that cannot wait
    /// for the event loop (the terminal closed, a signal).
    pub fn unsaved_jobs(&self) -> Vec<SaveJob> {
        let mut ids: Vec<&String> = self
            .attempts
            .iter()
            .filter(|(_, a)| a.unsaved())
            .map(|(id, _)| id)
            .collect();
        ids.sort();
        ids.into_iter()
            .filter_map(|id| match self.save_job(id)? {
                Effect::Save(job) => Some(*job),
                _ => None,
            })
            .collect()
    }

    /// Saves the attempt on screen if it has unsaved changes.
    fn save_current(&mut self) -> Vec<Effect> {
        let Some(id) = self.current.clone() else {
            return Vec::new();
        };
        if !self.attempts.get(&id).is_some_and(Attempt::unsaved) {
            return Vec::new();
        }
        self.pending_saves += 1;
        self.save_job(&id).into_iter().collect()
    }

    /// Saves every attempt with unsaved changes.
    fn save_all(&mut self) -> Vec<Effect> {
        let mut ids: Vec<String> = self
            .attempts
            .iter()
            .filter(|(_, a)| a.unsaved())
            .map(|(id, _)| id.clone())
            .collect();
        ids.sort();
        self.pending_saves += ids.len();
        ids.iter().filter_map(|id| self.save_job(id)).collect()
    }

    fn saved(&mut self, id: &str, revision: u64, result: Result<PathBuf, String>) -> Vec<Effect> {
        self.pending_saves = self.pending_saves.saturating_sub(1);
        match result {
            Ok(path) => {
                if let Some(attempt) = self.attempts.get_mut(id) {
                    attempt.path = Some(path);
                    attempt.saved_revision = revision;
                    attempt.save_failed = None;
                }
                self.status = Some(format!("saved {}", short_time(self.now, &self.zone)));
            }
            Err(reason) => {
                if let Some(attempt) = self.attempts.get_mut(id) {
                    attempt.save_failed = Some(reason);
                }
                self.status = None;
            }
        }
        if !self.quitting || self.pending_saves > 0 {
            return Vec::new();
        }
        self.quitting = false;
        self.quit_or_ask()
    }

    /// Quits when every text is on disk; otherwise asks first.
    fn quit_or_ask(&mut self) -> Vec<Effect> {
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

    fn draft_loaded(&mut self, id: &str, result: Result<(PathBuf, Entry), String>) {
        let exercise = self.library.get(id).cloned();
        match (result, exercise) {
            (Ok((path, entry)), exercise) => {
                let attempt = Attempt::from_entry(&entry, exercise.as_ref(), Some(path));
                let screen = attempt.reached;
                self.drafts.remove(id);
                self.attempts.insert(id.to_string(), attempt);
                self.show(id, screen);
            }
            (Err(reason), Some(exercise)) => {
                self.status = Some(reason);
                self.start_fresh(exercise);
            }
            (Err(reason), None) => self.status = Some(reason),
        }
    }

    /// Opens an attempt's screen.
    fn show(&mut self, id: &str, screen: Screen) {
        self.current = Some(id.to_string());
        self.scroll = 0;
        self.compare = Compare::default();
        self.overlay = None;
        self.screen = screen;
    }

    fn start_fresh(&mut self, exercise: Exercise) {
        let id = exercise.id.clone();
        // Text that is only in memory is never replaced: it is shown instead.
        if let Some(unsaved) = self.attempts.get(&id).filter(|a| a.unsaved()) {
            let screen = unsaved.reached;
            self.show(&id, screen);
            return;
        }
        self.attempts
            .insert(id.clone(), Attempt::new(exercise, self.now));
        self.show(&id, Screen::Scenario);
    }

    fn paste(&mut self, text: &str) {
        if self.overlay.is_some() {
            return;
        }
        // Terminals send a pasted line break as a carriage return.
        let text = &text.replace("\r\n", "\n").replace('\r', "\n");
        if self.filtering {
            let line = text.lines().next().unwrap_or("");
            self.filter.push_str(line);
            self.selected = 0;
        } else if let Some(editor) = self.focused_editor_mut() {
            editor.paste(text);
        }
    }

    /// A character no command claimed: text for the filter or the editor.
    fn type_char(&mut self, c: char) {
        if self.overlay.is_some() {
            return;
        }
        if self.filtering {
            self.filter.push(c);
            self.selected = 0;
        } else if let Some(editor) = self.focused_editor_mut() {
            editor.type_char(c);
        }
    }

    /// An edit of the text being written: the filter's or the editor's.
    fn edit(&mut self, action: EditAction) {
        if self.overlay.is_some() {
            return;
        }
        if self.filtering {
            if action == EditAction::DeleteBack {
                self.filter.pop();
                self.selected = 0;
            }
        } else {
            let page_rows = self.editor_page_rows();
            if let Some(editor) = self.focused_editor_mut() {
                editor.apply(action, page_rows);
            }
        }
    }

    /// Rows the editor shows on the writing screen, for its page keys: the body (the
    /// screen less the header, the blank row under it and the footer), of which the
    /// editor's box gets at least half, less the box's border. The box is often taller
    /// (the prompt above it is short), so a page may move less than a screenful.
    // lead: viewport
    fn editor_page_rows(&self) -> usize {
        let body = self.height.saturating_sub(3);
        let editor_box = (body / 2).max(4).min(body);
        usize::from(editor_box.saturating_sub(2)).max(1)
    }

    fn run(&mut self, command: Command) -> Vec<Effect> {
        match command {
            Command::Quit | Command::ForceQuit => {
                let effects = self.save_all();
                if effects.is_empty() {
                    return self.quit_or_ask();
                }
                self.quitting = true;
                return effects;
            }
            Command::Save => {
                if let Some(id) = self.current.clone()
                    && self
                        .attempts
                        .get(&id)
                        .is_some_and(|a| a.has_text() || a.path.is_some())
                {
                    self.pending_saves += 1;
                    return self.save_job(&id).into_iter().collect();
                }
            }
            Command::History => {
                self.screen = Screen::History;
                self.history_selected = 0;
                return vec![Effect::ListJournal];
            }
            Command::Export => {
                if let Some(path) = self.selected_entry_path() {
                    return vec![Effect::Export(path)];
                }
            }
            Command::Delete => {
                if let Some(Listed::Ok(summary)) = self.history.get(self.history_selected) {
                    let name = format!(
                        "{} — {}",
                        summary.exercise_title,
                        short_date_time(summary.started, &self.zone)
                    );
                    self.overlay = Some(Overlay::Ask(Question::Delete {
                        path: summary.path.clone(),
                        name,
                    }));
                }
            }
            Command::Hide => {
                // At once, before anything else: the save happens behind the blank screen.
                self.hidden = true;
                return self.save_all();
            }
            Command::Finish => return self.ask_finish(),
            Command::Confirm => return self.answer(true),
            Command::Fresh => return self.answer(false),
            Command::Cancel => self.overlay = None,
            Command::Help => {
                self.overlay = Some(Overlay::Help);
                self.overlay_scroll = 0;
            }
            Command::CloseOverlay => self.overlay = None,
            Command::ShowProblems => {
                if !self.library.problems.is_empty() {
                    self.overlay = Some(Overlay::Problems);
                    self.overlay_scroll = 0;
                }
            }
            Command::Up => self.move_by(-1),
            Command::Down => self.move_by(1),
            Command::PageUp => self.move_by(-(self.page() as isize)),
            Command::PageDown => self.move_by(self.page() as isize),
            Command::Home => self.move_by(isize::MIN),
            Command::End => self.move_by(isize::MAX),
            Command::Filter => {
                self.filtering = true;
                self.selected = 0;
            }
            Command::ClearFilter => {
                self.filtering = false;
                self.filter.clear();
                self.selected = 0;
            }
            Command::Open if self.screen == Screen::History => {
                match self.history.get(self.history_selected) {
                    Some(Listed::Ok(summary)) => {
                        return vec![Effect::ReadEntry(summary.path.clone())];
                    }
                    Some(Listed::Unreadable { reason, .. }) => {
                        self.status = Some(format!("cannot read this entry: {reason}"));
                    }
                    None => {}
                }
            }
            Command::Open => self.open_selected(),
            Command::Back if self.screen == Screen::Reading => {
                self.reading = None;
                self.screen = Screen::History;
            }
            Command::Back if self.screen == Screen::History => {
                self.screen = Screen::Library;
                return vec![Effect::ListJournal];
            }
            Command::Back => {
                self.back_to_library();
                return self.save_current();
            }
            Command::Next => {
                self.next_step();
                return self.save_current();
            }
            Command::Prev => {
                self.previous_step();
                return self.save_current();
            }
            Command::Edit(action) => self.edit(action),
            Command::ToggleHints => self.show_hints = !self.show_hints,
            Command::Peek => {
                if self.screen == Screen::PartnerView {
                    self.overlay = Some(Overlay::Peek);
                    self.overlay_scroll = 0;
                }
            }
            Command::ToggleLink => {
                self.compare.link = match self.compare.link {
                    Link::Both => Link::Left,
                    Link::Left => Link::Right,
                    Link::Right => Link::Both,
                };
                if self.compare.link == Link::Both {
                    // Back together: the right column joins the left one.
                    self.compare.right = self.compare.left;
                }
            }
        }
        Vec::new()
    }

    fn selected_entry_path(&self) -> Option<PathBuf> {
        match self.screen {
            Screen::History | Screen::Reading => self
                .history
                .get(self.history_selected)
                .map(|item| item.path().to_path_buf()),
            _ => None,
        }
    }

    /// The answer to the question on screen: `yes` is Enter, `no` is n.
    fn answer(&mut self, yes: bool) -> Vec<Effect> {
        let Some(Overlay::Ask(question)) = self.overlay.take() else {
            return Vec::new();
        };
        match question {
            Question::Resume { id, path, .. } => {
                if yes {
                    return vec![Effect::LoadDraft { id, path }];
                }
                if let Some(exercise) = self.library.get(&id).cloned() {
                    self.start_fresh(exercise);
                }
                Vec::new()
            }
            Question::Delete { path, .. } => {
                if !yes {
                    return Vec::new();
                }
                // An attempt open in this session must not write the file back.
                self.attempts
                    .retain(|_, a| a.path.as_deref() != Some(path.as_path()));
                vec![Effect::Delete(path)]
            }
            Question::QuitAnyway { .. } => {
                if !yes {
                    return vec![Effect::Quit];
                }
                let effects = self.save_all();
                if effects.is_empty() {
                    return self.quit_or_ask();
                }
                self.quitting = true;
                effects
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
                self.go(Screen::Finished);
                self.save_current()
            }
        }
    }

    /// Moves the selection or scrolls, whichever the screen has; `isize::MIN`/`MAX`
    /// go to the top/bottom.
    fn move_by(&mut self, delta: isize) {
        let step = |value: usize, max: usize| -> usize {
            match delta {
                isize::MIN => 0,
                isize::MAX => max,
                d => value.saturating_add_signed(d).min(max),
            }
        };
        if self.overlay.is_some() {
            self.overlay_scroll = step(self.overlay_scroll, crate::ui::overlay_max_scroll(self));
            return;
        }
        match self.screen {
            Screen::Library => {
                let last = self.visible().len().saturating_sub(1);
                self.selected = step(self.selected, last);
            }
            Screen::History => {
                let last = self.history.len().saturating_sub(1);
                self.history_selected = step(self.history_selected, last);
            }
            Screen::Reading => {
                let max = crate::ui::reading::max_scroll(self);
                self.scroll = step(self.scroll, max);
            }
            Screen::Scenario => {
                self.scroll = step(self.scroll, crate::ui::scenario::max_scroll(self));
            }
            Screen::SideBySide => {
                let (left_max, right_max) = crate::ui::side_by_side::max_scroll(self);
                match self.compare.link {
                    Link::Both => {
                        self.compare.left = step(self.compare.left, left_max);
                        self.compare.right = step(self.compare.right, right_max);
                    }
                    Link::Left => self.compare.left = step(self.compare.left, left_max),
                    Link::Right => self.compare.right = step(self.compare.right, right_max),
                }
            }
            _ => {}
        }
    }

    fn open_selected(&mut self) {
        let Some(exercise) = self.selected_exercise().cloned() else {
            return;
        };
        self.filtering = false;
        let id = exercise.id.clone();
        // An attempt left untouched does not hide a draft on disk: it is offered again.
        // One that is not on disk yet (its save failed) is never replaced: it continues.
        let worth_resuming = |a: &&Attempt| {
            a.unsaved()
                || !a.complete
                    && (a.has_text() || a.path.is_some() || !self.drafts.contains_key(&id))
        };
        if let Some(attempt) = self.attempts.get(&id).filter(worth_resuming) {
            let screen = attempt.reached;
            let failed = attempt.save_failed.clone();
            self.show(&id, screen);
            if let Some(reason) = failed {
                self.status = Some(format!("not saved yet: {reason}"));
            }
        } else if let Some((path, saved)) = self.drafts.get(&id) {
            self.overlay = Some(Overlay::Ask(Question::Resume {
                id,
                path: path.clone(),
                saved: short_date_time(*saved, &self.zone),
            }));
        } else {
            self.start_fresh(exercise);
        }
    }

    fn back_to_library(&mut self) {
        self.screen = Screen::Library;
        self.overlay = None;
    }

    fn go(&mut self, screen: Screen) {
        self.screen = screen;
        self.overlay = None;
        self.scroll = 0;
        if let Some(attempt) = self.attempt_mut() {
            attempt.reached = attempt.reached.max(screen);
            attempt.steps += 1;
        }
    }

    fn next_step(&mut self) {
        match self.screen {
            Screen::Scenario => self.go(Screen::OwnView),
            Screen::OwnView => self.go(Screen::PartnerView),
            Screen::PartnerView => {
                self.compare = Compare::default();
                self.go(Screen::SideBySide);
            }
            Screen::SideBySide => {
                if let Some(attempt) = self.attempt_mut() {
                    attempt.question = 0;
                }
                self.go(Screen::Reflection);
            }
            Screen::Reflection => {
                // The last question is left by finishing, which asks first (`ask_finish`).
                if let Some(attempt) = self.attempt_mut()
                    && attempt.question + 1 < attempt.answers.len()
                {
                    attempt.question += 1;
                }
            }
            Screen::Library | Screen::Finished | Screen::History | Screen::Reading => {}
        }
    }

    /// Whether the reflection's last question is on screen: `Ctrl+N` finishes there.
    pub fn on_last_question(&self) -> bool {
        self.screen == Screen::Reflection
            && self
                .attempt()
                .is_some_and(|a| a.question + 1 >= a.answers.len())
    }

    /// Finishing is deliberate: it asks once. An attempt with nothing written in any
    /// box is not kept at all.
    fn ask_finish(&mut self) -> Vec<Effect> {
        if !self.on_last_question() {
            return Vec::new();
        }
        let Some(id) = self.current.clone() else {
            return Vec::new();
        };
        if self.attempts.get(&id).is_some_and(Attempt::has_text) {
            self.overlay = Some(Overlay::Ask(Question::Finish));
            return Vec::new();
        }
        let attempt = self.attempts.remove(&id);
        self.back_to_library();
        self.status = Some("Nothing was written in this exercise, so nothing was kept.".into());
        // A file with empty boxes (everything typed was deleted again) goes too.
        attempt
            .and_then(|a| a.path)
            .map(Effect::Discard)
            .into_iter()
            .collect()
    }

    fn previous_step(&mut self) {
        match self.screen {
            Screen::OwnView => self.go(Screen::Scenario),
            Screen::PartnerView => self.go(Screen::OwnView),
            Screen::SideBySide => self.go(Screen::PartnerView),
            Screen::Reflection => {
                let Some(attempt) = self.attempt_mut() else {
                    return;
                };
                if attempt.question > 0 {
                    attempt.question -= 1;
                } else {
                    self.go(Screen::SideBySide);
                }
            }
            Screen::Library
            | Screen::Scenario
            | Screen::Finished
            | Screen::History
            | Screen::Reading => {}
        }
    }
}

/// "Nov 28", in the user's time zone.
pub fn short_date(time: Timestamp, zone: &TimeZone) -> String {
    time.to_zoned_datetime(zone.clone())
        .strftime("%b %-d")
        .to_string()
}

/// "Nov 28, 14:02", in the user's time zone.
pub fn short_date_time(time: Timestamp, zone: &TimeZone) -> String {
    time.to_zoned_datetime(zone.clone())
        .strftime("%b %-d, %H:%M")
        .to_string()
}

/// "14:02:11", in the user's time zone.
pub fn short_time(time: Timestamp, zone: &TimeZone) -> String {
    time.to_zoned_datetime(zone.clone())
        .strftime("%H:%M:%S")
        .to_string()
}
