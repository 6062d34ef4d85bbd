//! The whole flow of the program as data: [`App`] holds the state, [`Msg`] is
//! everything that can happen, and [`App::update`] decides what follows. No
//! terminal, no files, no clock: what must happen outside comes back as
//! [`Effect`]s, and time, the time zone and what a frame had room for come in as
//! messages.
//!
//! - `msg`: the messages, effects, overlays and questions;
//! - `attempt`: one attempt at one exercise and its journal entry;
//! - `steps`: opening an exercise and moving through its steps;
//! - `moment`: a moment of one's own, from its form to its scenario file;
//! - `calm`: the calm check, breaks, the follow-up, care notes and mirrors;
//! - `marks`: marking passages on the side by side;
//! - `scenario_files`: scenario files handed to the user's editor;
//! - `scrolling`: scroll limits and the keys that move within them;
//! - `saving`: saves, the journal's listing, and quitting.

mod attempt;
mod calm;
mod door;
mod marks;
mod moment;
mod msg;
mod saving;
mod scenario_files;
mod scrolling;
mod shared;
mod steps;

use std::collections::HashMap;
use std::path::PathBuf;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use ratatui::crossterm::event::{KeyEvent, KeyEventKind};

pub use self::attempt::{Attempt, CardEditors, Distress, Field, MomentForm};
pub use self::marks::Marking;
pub use self::msg::{Effect, Msg, Overlay, Question, SaveJob, View, Viewport};
pub use self::saving::{Counts, ExerciseStatus};
use crate::editor::Editor;
use crate::exercise::{Exercise, Library};
use crate::journal::Listed;
use crate::keymap::{self, Command, Context, EditAction, Keymap};
use crate::observe::Lexicon;
pub use crate::state::Prefs;
pub use crate::step::Step;
use crate::time::short_date_time;
pub use door::{Door, UnlockResult};
pub use shared::{Both, Pair, Prompt, PromptKind, ShareReady};

/// The smallest terminal the screens are drawn for.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

/// The screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    #[default]
    Library,
    /// One exercise, at one of its steps.
    Exercise(Step),
    /// The journal: every entry, newest first.
    History,
    /// One entry from the journal, read only.
    Reading,
}

/// The library screen: the list of exercises and its filter.
#[derive(Debug, Default)]
pub struct LibraryScreen {
    /// The selected row of the (filtered) list.
    pub selected: usize,
    pub filter: String,
    /// The filter has the keyboard.
    pub filtering: bool,
}

/// The exercises in progress in this session.
#[derive(Default)]
pub struct ExerciseScreen {
    /// Attempts still open in this session, by exercise id.
    pub attempts: HashMap<String, Attempt>,
    /// The exercise on screen (on the exercise's screens).
    pub current: Option<String>,
    /// The exercises whose hints were shown or hidden (`Ctrl+T`) in this run, away
    /// from the setting: hiding them in one exercise leaves the others' as they were.
    pub hints_toggled: std::collections::HashSet<String>,
    /// Scroll of the scenario text, in wrapped rows.
    pub scroll: usize,
    /// Scroll of the side by side.
    pub columns: ColumnScroll,
    /// A passage being marked on the side by side.
    pub marking: Option<Marking>,
    /// The gentle observations about the two views, one sentence each, made when the
    /// side by side opens or they are turned on.
    pub observations: Vec<String>,
}

/// The history screen, and the entry opened from it.
#[derive(Default)]
pub struct HistoryScreen {
    /// The selected row of the journal's entries.
    pub selected: usize,
    /// The entry being read.
    pub reading: Option<Reading>,
}

/// One journal entry, read only.
pub struct Reading {
    pub attempt: Attempt,
    /// Scroll of the reflection, in wrapped rows.
    pub scroll: usize,
    /// Scroll of the columns (the views), as on the side by side.
    pub columns: ColumnScroll,
    /// The scroll keys move the reflection (`Tab` after the columns), not the columns.
    pub on_reflection: bool,
    /// Both worlds: the partner's side of a shared moment, shown pair by pair in
    /// place of the two views.
    pub both: Option<Both>,
}

impl Reading {
    pub fn new(attempt: Attempt) -> Self {
        Reading {
            attempt,
            scroll: 0,
            columns: ColumnScroll::default(),
            on_reflection: false,
            both: None,
        }
    }
}

/// Where typed text goes (see [`App::text_target`]).
enum TextTarget<'a> {
    Filter(&'a mut LibraryScreen),
    Editor(&'a mut Editor),
}

/// What the journal holds, as last listed.
#[derive(Debug, Default)]
pub struct JournalView {
    /// Every entry, newest first: the history screen's rows.
    pub entries: Vec<Listed>,
    /// What the journal holds of each exercise, by id, for the library's status column.
    pub counts: HashMap<String, Counts>,
    /// The draft to continue of each exercise, by id: (path, when saved).
    pub drafts: HashMap<String, (PathBuf, Timestamp)>,
    /// Where each entry stands in sharing, by path (only entries with any).
    pub sharing: HashMap<PathBuf, crate::exchange::Sharing>,
}

/// Which columns of the side by side a scroll key moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scrolling {
    /// Both columns together.
    #[default]
    Together,
    /// Only the left column ("You").
    Left,
    /// Only the right column (the partner).
    Right,
    /// Only the third column (the friend's view, on a wide terminal).
    Third,
}

/// Scroll positions of the side by side's columns, in wrapped rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ColumnScroll {
    pub left: usize,
    pub right: usize,
    /// The friend's view, when it has a column.
    pub third: usize,
    pub scrolling: Scrolling,
}

/// From this many columns, the friend's view is a third column of the side by side;
/// on narrower terminals it is a panel one key away.
pub const THREE_COLUMNS_FROM: u16 = 150;

/// Where the word lists of the observations come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum UserLexicon {
    /// The built-in lists (tests, and a program without a data folder).
    BuiltIn,
    /// The user's, not asked for yet.
    Wanted,
    /// The user's, asked for.
    Asked,
}

/// All the state of the program.
pub struct App {
    /// The exercises, as loaded.
    pub library: Library,
    /// What each key means: the defaults, or the user's own (a value, so settings
    /// can replace it).
    pub keys: Keymap,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    /// Scroll of the overlay, in wrapped rows.
    pub overlay_scroll: usize,
    pub library_screen: LibraryScreen,
    pub exercise: ExerciseScreen,
    pub history: HistoryScreen,
    pub journal: JournalView,
    /// The terminal's size, as last reported.
    pub width: u16,
    pub height: u16,
    /// Whether colour may be used (off with `NO_COLOR`).
    pub color: bool,
    /// The user's settings (`config.toml`); their keys are in `keys`.
    pub settings: crate::config::Settings,
    /// What was wrong in the settings file, shown with the scenario files' problems.
    settings_problems: Vec<crate::exercise::Problem>,
    /// What the last frame had room for.
    pub viewport: Viewport,
    /// The time now, as last told ([`Msg::Clock`]).
    pub now: Timestamp,
    /// The zone dates and times are shown in: UTC until told ([`Msg::Zone`]).
    pub zone: TimeZone,
    /// A short message for the footer about what just happened ("saved 14:02:11", an
    /// error); it goes with the next key.
    pub flash: Option<String>,
    /// A note about the data folder, shown until a key is pressed after it was seen.
    pub notice: Option<String>,
    /// The quick hide: the screen shows nothing of the text until the next key.
    pub hidden: bool,
    /// Choices remembered between runs.
    pub prefs: Prefs,
    /// The line being typed in [`Overlay::Prompt`].
    pub prompt: Option<Prompt>,
    /// The journal is locked: the quick hide forgets its key, and the door asks for
    /// the passphrase again.
    pub journal_locked: bool,
    /// The door of a locked journal, while it is shut: the screen shows nothing else.
    pub door: Option<Door>,
    /// The passphrase is being tried (a second or two).
    pub unlocking: bool,
    /// Three wrong passphrases: the program is leaving.
    pub leaving_locked: bool,
    /// What to say once the library has been read again, in place of its summary.
    after_reload: Option<String>,
    /// Where the library was read from, to read it again (`r`); `None` in tests and
    /// wherever the library was given whole.
    sources: Option<crate::exercise::Sources>,
    /// The word lists of the gentle observations, once read.
    lexicon: Option<Lexicon>,
    /// Whether the word lists come from the user's data folder (asked of the outside
    /// when first needed) or are the built-in ones.
    user_lexicon: UserLexicon,
    /// The remembered choices changed: [`Effect::RememberPrefs`] follows.
    prefs_changed: bool,
    /// Quitting once the saves under way have finished.
    quitting: bool,
    /// Saves asked for and not yet answered.
    pending_saves: usize,
    /// The serial of the next attempt.
    next_serial: u64,
}

impl App {
    pub fn new(library: Library, width: u16, height: u16) -> Self {
        App {
            library,
            keys: Keymap::default(),
            screen: Screen::Library,
            overlay: None,
            overlay_scroll: 0,
            library_screen: LibraryScreen::default(),
            exercise: ExerciseScreen::default(),
            history: HistoryScreen::default(),
            journal: JournalView::default(),
            width,
            height,
            color: true,
            settings: crate::config::Settings::default(),
            settings_problems: Vec::new(),
            viewport: Viewport::default(),
            now: Timestamp::UNIX_EPOCH,
            zone: TimeZone::UTC,
            flash: None,
            notice: None,
            hidden: false,
            prefs: Prefs::default(),
            prompt: None,
            journal_locked: false,
            door: None,
            unlocking: false,
            leaving_locked: false,
            after_reload: None,
            sources: None,
            lexicon: None,
            user_lexicon: UserLexicon::BuiltIn,
            prefs_changed: false,
            quitting: false,
            pending_saves: 0,
            next_serial: 1,
        }
    }

    /// Without colour (`NO_COLOR`).
    pub fn with_color(mut self, color: bool) -> Self {
        self.color = color;
        self
    }

    /// With the user's settings, and what was wrong in their file (listed with the
    /// scenario files' problems, and again after the library is read again).
    pub fn with_settings(
        mut self,
        mut settings: crate::config::Settings,
        problems: Vec<crate::exercise::Problem>,
    ) -> Self {
        // One key table: the app's. The settings keep what the file rebound.
        self.keys = std::mem::take(&mut settings.keys);
        self.settings = settings;
        self.library.problems.extend(problems.iter().cloned());
        self.settings_problems = problems;
        self
    }

    /// The settings file's problems, also in the library's list.
    pub fn settings_problems(&self) -> &[crate::exercise::Problem] {
        &self.settings_problems
    }

    /// With keys other than the defaults.
    pub fn with_keys(mut self, keys: Keymap) -> Self {
        self.keys = keys;
        self
    }

    /// With the sources the library was read from, so `r` can read them again.
    pub fn with_sources(mut self, sources: crate::exercise::Sources) -> Self {
        self.sources = Some(sources);
        self
    }

    /// The command that checks exactly what this program loaded: `two-worlds check`,
    /// with the same `--exercises` (each path made safe to show, quoted when it
    /// needs quotes).
    pub fn check_command(&self) -> String {
        let mut command = String::from("two-worlds check");
        for path in self.sources.iter().flat_map(|s| &s.extra) {
            let shown = crate::safe::path(path);
            let quoted = shlex::try_quote(&shown).map_or(shown.to_string(), |q| q.into_owned());
            command.push_str(&format!(" --exercises {quoted}"));
        }
        command
    }

    /// With the choices remembered from earlier runs.
    pub fn with_prefs(mut self, prefs: Prefs) -> Self {
        self.prefs = prefs;
        self
    }

    /// With the word lists of the user's data folder, asked for ([`Effect::LoadLexicon`])
    /// the first time the observations are shown.
    pub fn with_user_lexicon(mut self) -> Self {
        self.user_lexicon = UserLexicon::Wanted;
        self
    }

    /// The gentle observations about the two views on screen, made again (the texts
    /// do not change on the side by side, so they are made when it opens, or when
    /// they are turned on).
    fn refresh_observations(&mut self) {
        self.exercise.observations.clear();
        if !self.prefs.observations {
            return;
        }
        if self.lexicon.is_none() && self.user_lexicon == UserLexicon::BuiltIn {
            self.lexicon = Some(Lexicon::builtin());
        }
        // The user's lists are on their way ([`Msg::Lexicon`]).
        let Some(lexicon) = &self.lexicon else {
            return;
        };
        let Some(attempt) = self
            .exercise
            .current
            .as_deref()
            .and_then(|id| self.exercise.attempts.get(id))
        else {
            return;
        };
        let partner = &attempt.exercise.partner;
        let observations = crate::observe::observe(
            &attempt.own_view.text(),
            &attempt.partner_view.text(),
            partner,
            lexicon,
        );
        self.exercise.observations = observations.lines(partner);
    }

    /// Opens on the safety note (the first run).
    pub fn with_safety_note(mut self) -> Self {
        self.overlay = Some(Overlay::SafetyNote);
        self
    }

    /// The sum of every open attempt's revision: when it moves, something was edited.
    pub fn revision(&self) -> u64 {
        self.exercise.attempts.values().map(Attempt::revision).sum()
    }

    /// Why a save failed, while any attempt's last save failed (the first by id).
    pub fn save_error(&self) -> Option<&str> {
        self.exercise
            .attempts
            .iter()
            .filter_map(|(id, a)| Some((id, a.save_failed.as_deref()?)))
            .min()
            .map(|(_, error)| error)
    }

    /// Whether any open attempt has changes not yet on disk.
    pub fn has_unsaved(&self) -> bool {
        self.exercise.attempts.values().any(Attempt::unsaved)
    }

    pub fn too_small(&self) -> bool {
        self.width < MIN_WIDTH || self.height < MIN_HEIGHT
    }

    /// Indices into `library.exercises` that match the filter: those whose title
    /// matches first, then those matched by id or tag, each in library order.
    pub fn visible(&self) -> Vec<usize> {
        let needle = self.library_screen.filter.trim().to_lowercase();
        let exercises = self.library.exercises.iter().enumerate();
        if needle.is_empty() {
            return exercises.map(|(i, _)| i).collect();
        }
        let (by_title, others): (Vec<_>, Vec<_>) = exercises
            .filter_map(|(i, e)| {
                let title = e.title.to_lowercase().contains(&needle);
                let other = e.id.contains(&needle)
                    || e.tags.iter().any(|t| t.to_lowercase().contains(&needle));
                (title || other).then_some((i, title))
            })
            .partition(|&(_, title)| title);
        by_title.into_iter().chain(others).map(|(i, _)| i).collect()
    }

    /// Whether the exercise on screen shows its hints.
    pub fn show_hints(&self) -> bool {
        let shown = self.settings.hints == crate::config::Hints::Shown;
        match &self.exercise.current {
            Some(id) => shown != self.exercise.hints_toggled.contains(id),
            None => shown,
        }
    }

    /// The exercise under the library cursor.
    pub fn selected_exercise(&self) -> Option<&Exercise> {
        let index = *self.visible().get(self.library_screen.selected)?;
        self.library.exercises.get(index)
    }

    /// The attempt on screen: the exercise's, or the entry being read.
    pub fn attempt(&self) -> Option<&Attempt> {
        if matches!(self.screen, Screen::Reading | Screen::History) {
            return self.history.reading.as_ref().map(|r| &r.attempt);
        }
        self.exercise
            .attempts
            .get(self.exercise.current.as_deref()?)
    }

    fn attempt_mut(&mut self) -> Option<&mut Attempt> {
        if !matches!(self.screen, Screen::Exercise(_)) {
            return None;
        }
        let id = self.exercise.current.as_deref()?;
        self.exercise.attempts.get_mut(id)
    }

    /// The letter a key will type at the end of the line being written, for the
    /// event loop to show at the terminal's cursor at once, before the frame that
    /// follows (which then has nothing left to write for it). Only a plain ASCII
    /// letter, digit, sign or space typed at the end of a line, with nothing over the
    /// editor: there, the letter goes exactly where the cursor is. The frame drawn
    /// after it is the truth; the event loop makes sure of that.
    pub fn echo_of(&self, key: &KeyEvent) -> Option<char> {
        if self.hidden || self.too_small() || self.overlay.is_some() {
            return None;
        }
        let context = self.context();
        if !context.takes_text() || context == Context::Filtering {
            return None;
        }
        if key.kind == KeyEventKind::Release || self.keys.command_for(context, key).is_some() {
            return None;
        }
        let c = keymap::typed_char(key)?;
        let plain = c == ' ' || c.is_ascii_graphic();
        (plain && self.focused_editor()?.cursor_at_line_end()).then_some(c)
    }

    /// The editor that has the keyboard, if any.
    pub fn focused_editor(&self) -> Option<&Editor> {
        if self.overlay == Some(Overlay::Prompt) {
            return self.prompt.as_ref().map(|p| &p.field);
        }
        let attempt = self.attempt()?;
        match self.screen {
            Screen::Exercise(Step::Moment) => attempt.form.as_ref().map(|f| f.editors()[f.field]),
            Screen::Exercise(Step::OwnView) => Some(&attempt.own_view),
            Screen::Exercise(Step::PartnerView) => Some(&attempt.partner_view),
            Screen::Exercise(Step::Observer) if attempt.has_observer() => {
                Some(&attempt.observer_view)
            }
            Screen::Exercise(Step::Translation) => attempt.field_editor(attempt.current_field()?),
            Screen::Exercise(Step::Reflection) => Some(attempt.reflection_editor()),
            Screen::Exercise(Step::FollowUp) => attempt.follow_up.as_ref().map(|(_, e)| e),
            _ => None,
        }
    }

    fn focused_editor_mut(&mut self) -> Option<&mut Editor> {
        if self.overlay == Some(Overlay::Prompt) {
            return self.prompt.as_mut().map(|p| &mut p.field);
        }
        let screen = self.screen;
        let attempt = self.attempt_mut()?;
        match screen {
            Screen::Exercise(Step::Moment) => attempt.form.as_mut().map(MomentForm::editor_mut),
            Screen::Exercise(Step::OwnView) => Some(&mut attempt.own_view),
            Screen::Exercise(Step::PartnerView) => Some(&mut attempt.partner_view),
            Screen::Exercise(Step::Observer) if attempt.has_observer() => {
                Some(&mut attempt.observer_view)
            }
            Screen::Exercise(Step::Translation) => {
                let field = attempt.current_field()?;
                attempt.field_editor_mut(field)
            }
            Screen::Exercise(Step::Reflection) => Some(attempt.reflection_editor_mut()),
            Screen::Exercise(Step::FollowUp) => attempt.follow_up.as_mut().map(|(_, e)| e),
            _ => None,
        }
    }

    /// Which keys apply now.
    pub fn context(&self) -> Context {
        match self.overlay {
            Some(Overlay::Ask(_)) => Context::Question,
            Some(Overlay::SafetyNote) => Context::Note,
            Some(Overlay::Calm(_)) => Context::Calm,
            Some(Overlay::CalmNote(_)) => Context::CalmNote,
            Some(Overlay::Break(_)) => Context::Break,
            Some(Overlay::Prompt) => Context::Prompt,
            Some(_) => Context::Overlay,
            None => self.context_under_overlay(),
        }
    }

    /// The keys of the screen itself, whether or not an overlay covers it.
    pub fn context_under_overlay(&self) -> Context {
        match self.screen {
            Screen::Library if self.library_screen.filtering => Context::Filtering,
            Screen::Library => Context::Library,
            Screen::Exercise(Step::Reflection) if self.on_last_question() => Context::LastQuestion,
            Screen::Exercise(Step::SideBySide) if self.exercise.marking.is_some() => {
                Context::Marking
            }
            Screen::Exercise(Step::Observer)
                if !self.attempt().is_some_and(Attempt::has_observer) =>
            {
                Context::ObserverOffer
            }
            Screen::Exercise(step) => Context::Step(step),
            Screen::History => Context::History,
            Screen::Reading
                if self
                    .history
                    .reading
                    .as_ref()
                    .is_some_and(|r| r.both.is_some()) =>
            {
                Context::BothWorlds
            }
            Screen::Reading => Context::Reading,
        }
    }

    /// What is on screen, for matching scroll limits to it.
    pub fn view(&self) -> View {
        let attempt = match self.screen {
            Screen::Exercise(_) | Screen::Reading => self.attempt().map(|a| a.serial),
            Screen::Library | Screen::History => None,
        };
        View {
            screen: self.screen,
            overlay: self.overlay.as_ref().map(std::mem::discriminant),
            attempt,
        }
    }

    /// The footer's message: what just happened, else a failed save, else a notice.
    pub fn footer_message(&self) -> Option<String> {
        self.flash
            .clone()
            .or_else(|| self.save_error().map(|e| format!("not saved: {e}")))
            .or_else(|| self.notice.clone())
    }

    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        let mut effects = self.handle(msg);
        // The user's word lists are read the first time they are needed, not at the
        // start: most sessions never turn the observations on.
        if self.lexicon.is_none()
            && self.user_lexicon == UserLexicon::Wanted
            && self.prefs.observations
            && self.screen == Screen::Exercise(Step::SideBySide)
        {
            self.user_lexicon = UserLexicon::Asked;
            effects.push(Effect::LoadLexicon);
        }
        if std::mem::take(&mut self.prefs_changed) {
            effects.push(Effect::RememberPrefs(self.prefs.clone()));
        }
        effects
    }

    fn handle(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Resize(width, height) => {
                self.width = width;
                self.height = height;
                Vec::new()
            }
            Msg::Clock(now) => {
                self.now = now;
                Vec::new()
            }
            Msg::Zone(zone) => {
                self.zone = zone;
                Vec::new()
            }
            Msg::Notice(notice) => {
                self.notice = Some(notice);
                Vec::new()
            }
            Msg::Viewport(viewport) => {
                self.viewport = viewport;
                self.clamp_scrolls();
                Vec::new()
            }
            Msg::Paste(text) => {
                // A paste on a screen that shows nothing of the text would land unseen.
                if !self.hidden && !self.too_small() {
                    self.paste(&text);
                }
                Vec::new()
            }
            Msg::Mouse(mouse) => self.mouse(mouse),
            Msg::Key(key) if key.kind == KeyEventKind::Release => Vec::new(),
            Msg::Key(key) => {
                // A message stays until the next key; a failed save stays until one works.
                // A notice about the data folder stays past the key that only leaves
                // the safety note or the quick hide: it has not been seen yet.
                self.flash = None;
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
            Msg::Tick => {
                self.tick();
                Vec::new()
            }
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
                        let serial = self.take_serial();
                        let attempt = Attempt::from_entry(&entry, exercise.as_ref(), None, serial);
                        self.history.reading = Some(Reading::new(attempt));
                        self.screen = Screen::Reading;
                    }
                    Err(reason) => self.flash = Some(reason),
                }
                Vec::new()
            }
            Msg::Exported(result) => {
                self.flash = Some(match result {
                    Ok(file) => format!("exported to {}", crate::wording::shown_path(&file)),
                    Err(reason) => format!("not exported: {reason}"),
                });
                Vec::new()
            }
            Msg::Deleted(result) => match result {
                Ok((_, exports)) => {
                    self.flash = Some("entry deleted".into());
                    if !exports.is_empty() {
                        self.overlay =
                            Some(Overlay::Ask(Question::DeleteExports { files: exports }));
                    }
                    vec![Effect::ListJournal]
                }
                Err(reason) => {
                    self.flash = Some(reason);
                    Vec::new()
                }
            },
            Msg::ExportsDeleted(result) => {
                self.flash = Some(match result {
                    Ok(n) => format!(
                        "entry deleted, and {}",
                        crate::wording::plural(n, "export", "exports")
                    ),
                    Err(reason) => reason,
                });
                Vec::new()
            }
            Msg::Discarded(result) => match result {
                Ok(_) => vec![Effect::ListJournal],
                Err(reason) => {
                    self.flash = Some(reason);
                    Vec::new()
                }
            },
            Msg::MomentWritten { serial, result } => self.moment_written(serial, result),
            Msg::Sharing(sharing) => {
                self.journal.sharing = sharing;
                Vec::new()
            }
            Msg::BothWorldsRead(result) => {
                self.both_worlds_read(result);
                Vec::new()
            }
            Msg::FeedbackKept(result) => {
                self.feedback_kept(result);
                Vec::new()
            }
            Msg::ShareReady(result) => {
                self.share_ready(result);
                Vec::new()
            }
            Msg::Shared(result) => self.shared(result),
            Msg::Imported(result) => self.imported(result),
            Msg::Unlocked(result) => self.unlocked(result),
            Msg::ImportNeedsPhrase(path) => {
                self.ask_phrase(path);
                Vec::new()
            }
            Msg::LibraryReloaded(library) => {
                self.library_reloaded(library);
                Vec::new()
            }
            Msg::TextEdited { view, result } => {
                self.text_edited(view, result);
                Vec::new()
            }
            Msg::Lexicon { lexicon, problems } => {
                if !problems.is_empty() {
                    self.flash = Some(format!(
                        "your word lists have {}; {} shows them",
                        crate::wording::plural(problems.len(), "problem", "problems"),
                        self.keys.label_of(Context::Library, Command::ShowProblems)
                    ));
                }
                self.library.problems.extend(problems);
                self.lexicon = Some(lexicon);
                self.refresh_observations();
                Vec::new()
            }
            Msg::ScenarioEdited {
                origin,
                editor,
                parsed,
            } => {
                self.scenario_edited(origin, editor, parsed);
                Vec::new()
            }
            Msg::Terminate => {
                let mut effects = self.save_all();
                effects.push(Effect::Quit);
                effects
            }
        }
    }

    /// A serial for a new attempt, unique in this run.
    fn take_serial(&mut self) -> u64 {
        let serial = self.next_serial;
        self.next_serial += 1;
        serial
    }

    fn key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let command = self.keys.command_for(self.context(), &key);
        if self.hidden {
            // Any key brings the screen back, and does nothing else (force-quit still quits).
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
        if matches!(self.overlay, Some(Overlay::Break(_)))
            && !matches!(command, Some(Command::Hide | Command::ForceQuit))
        {
            // Any key ends the break: the calm check asks again.
            self.end_break();
            return Vec::new();
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
                    if matches!(self.overlay, Some(Overlay::Calm(_))) {
                        self.calm_digit(c);
                    } else {
                        self.type_char(c);
                    }
                }
                Vec::new()
            }
        }
    }

    /// Where typed and pasted text goes now: the library's filter, the focused editor,
    /// or nowhere (an overlay is open, or no screen takes text).
    fn text_target(&mut self) -> Option<TextTarget<'_>> {
        if self.overlay.is_some() && self.overlay != Some(Overlay::Prompt) {
            return None;
        }
        if self.library_screen.filtering {
            return Some(TextTarget::Filter(&mut self.library_screen));
        }
        self.focused_editor_mut().map(TextTarget::Editor)
    }

    fn paste(&mut self, text: &str) {
        match self.text_target() {
            // The filter is one line: the paste's first (terminals send a pasted line
            // break as a carriage return).
            Some(TextTarget::Filter(list)) => {
                let line = text.split(['\r', '\n']).next().unwrap_or("");
                list.filter.push_str(line);
                list.selected = 0;
            }
            // The editor makes every line break `\n` itself.
            Some(TextTarget::Editor(editor)) => editor.paste(text),
            None => {}
        }
    }

    /// A character no command claimed: text for the filter or the editor.
    fn type_char(&mut self, c: char) {
        match self.text_target() {
            Some(TextTarget::Filter(list)) => {
                list.filter.push(c);
                list.selected = 0;
            }
            Some(TextTarget::Editor(editor)) => editor.type_char(c),
            None => {}
        }
    }

    /// An edit of the text being written: the filter's or the editor's.
    fn edit(&mut self, action: EditAction) {
        let page_rows = self.page_rows();
        match self.text_target() {
            Some(TextTarget::Filter(list)) if action == EditAction::DeleteBack => {
                list.filter.pop();
                list.selected = 0;
            }
            Some(TextTarget::Editor(editor)) => editor.apply(action, page_rows),
            Some(TextTarget::Filter(_)) | None => {}
        }
    }

    fn run(&mut self, command: Command) -> Vec<Effect> {
        match command {
            Command::Quit | Command::ForceQuit => return self.quit(),
            Command::Save => return self.save_now(),
            Command::History => {
                self.screen = Screen::History;
                self.history.selected = 0;
                return vec![Effect::ListJournal];
            }
            Command::Export => {
                if let Some(path) = self.selected_entry_path() {
                    // Out of a locked journal, plain text goes only when asked for.
                    if self.journal_locked {
                        self.overlay = Some(Overlay::Ask(Question::ExportPlain { path }));
                        return Vec::new();
                    }
                    return vec![Effect::Export(path)];
                }
            }
            Command::Delete => {
                if let Some(Listed::Entry(summary)) =
                    self.journal.entries.get(self.history.selected)
                {
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
                let mut effects = self.save_all();
                // A locked journal's key is forgotten too: coming back asks for it.
                if self.journal_locked {
                    self.shut_door();
                    effects.push(Effect::ForgetKey);
                }
                return effects;
            }
            Command::Finish => return self.ask_finish(),
            Command::Yes | Command::No if self.context() == Context::ObserverOffer => {
                return self.answer_observer(command == Command::Yes);
            }
            Command::Yes if self.context() == Context::Calm => return self.confirm_calm(),
            Command::Yes if self.context() == Context::CalmNote => {
                return self.go_on_after_note();
            }
            Command::TakeBreak => self.take_break(),
            Command::Left | Command::Right if self.context() == Context::Calm => {
                self.calm_step(command == Command::Right);
            }
            Command::OtherSide => self.other_side(),
            Command::BothWorlds => return self.open_both_worlds(),
            Command::Share => return self.share_selected(),
            Command::Import => self.ask_import(),
            Command::Closeness(closeness) => return self.set_closeness(closeness),
            Command::WhatMissed => self.ask_what_missed(),
            Command::Next | Command::Previous if self.context() == Context::BothWorlds => {
                self.other_pair();
            }
            Command::Yes if self.context() == Context::Prompt => return self.answer_prompt(),
            Command::Cancel if self.context() == Context::Prompt => self.cancel_prompt(),
            Command::Reload => {
                if let Some(sources) = &self.sources {
                    return vec![Effect::ReloadLibrary(sources.clone())];
                }
            }
            Command::ExternalEditor => {
                if self.overlay.is_none()
                    && let Some(editor) = self.focused_editor()
                {
                    return vec![Effect::EditText {
                        view: self.view(),
                        text: editor.text(),
                    }];
                }
            }
            Command::Yes => return self.answer(true),
            Command::No => return self.answer(false),
            // Skipping the follow-up keeps whatever was typed, like going on.
            Command::Cancel
                if self.screen == Screen::Exercise(Step::FollowUp) && self.overlay.is_none() =>
            {
                return self.next_step();
            }
            Command::Cancel if self.exercise.marking.is_some() && self.overlay.is_none() => {
                self.exercise.marking = None;
            }
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
                self.library_screen.filtering = true;
                self.library_screen.selected = 0;
            }
            Command::ClearFilter => {
                self.library_screen = LibraryScreen::default();
            }
            Command::Open if self.screen == Screen::History => {
                match self.journal.entries.get(self.history.selected) {
                    Some(Listed::Entry(summary)) => {
                        return vec![Effect::ReadEntry(summary.path.clone())];
                    }
                    Some(Listed::Unreadable { reason, .. }) => {
                        self.flash = Some(format!("cannot read this entry: {reason}"));
                    }
                    None => {}
                }
            }
            Command::Open => self.open_selected(),
            Command::Back if self.screen == Screen::Reading => {
                self.history.reading = None;
                self.screen = Screen::History;
                // Both worlds may have been opened from the finished screen: the
                // journal is listed afresh, with that attempt in it.
                return vec![Effect::ListJournal];
            }
            Command::Back if self.screen == Screen::History => {
                self.screen = Screen::Library;
                return vec![Effect::ListJournal];
            }
            Command::Back => {
                self.back_to_library();
                return self.save_current();
            }
            Command::Next => return self.next_step(),
            // A one-line field (a name, a title, a blank of the cycle) is left with Enter;
            // the line to try next time, the last field, finishes (asking first).
            Command::Edit(EditAction::Newline) if self.on_one_line_field() => {
                if self.on_last_question() {
                    return self.ask_finish();
                }
                return self.next_step();
            }
            Command::Previous => {
                self.previous_step();
                return self.save_current();
            }
            Command::Edit(action) => self.edit(action),
            Command::ToggleHints => {
                if let Some(id) = self.exercise.current.clone()
                    && !self.exercise.hints_toggled.remove(&id)
                {
                    self.exercise.hints_toggled.insert(id);
                }
            }
            Command::Peek => {
                if matches!(
                    self.screen,
                    Screen::Exercise(Step::PartnerView | Step::Translation | Step::Reflection)
                ) {
                    self.overlay = Some(Overlay::Peek);
                    self.overlay_scroll = 0;
                }
            }
            Command::NewMoment => self.start_moment(),
            // Built with the scenario files' hand-off to an editor, the marks and the
            // observations (their own modules).
            Command::EditScenario => return self.edit_selected_scenario(),
            Command::Mark if self.exercise.marking.is_some() => return self.choose_mark(),
            Command::Mark => self.start_marking(),
            Command::Left if self.exercise.marking.is_some() => {
                self.mark_in(crate::translation::Speaker::You);
            }
            Command::Right if self.exercise.marking.is_some() => {
                self.mark_in(crate::translation::Speaker::Partner);
            }
            Command::Left | Command::Right => {}
            Command::Observations => {
                self.prefs.observations = !self.prefs.observations;
                self.refresh_observations();
                return vec![Effect::RememberPrefs(self.prefs.clone())];
            }
            Command::FriendPanel => {
                if self.attempt().is_some_and(Attempt::has_observer) {
                    self.overlay = Some(Overlay::Friend);
                    self.overlay_scroll = 0;
                }
            }
            Command::ScrollAlone if self.screen == Screen::Reading => {
                let three = self.three_columns();
                if let Some(reading) = self.history.reading.as_mut() {
                    // One column, the other (the friend's), the reflection, then the
                    // columns together again.
                    let last_column = if three {
                        Scrolling::Third
                    } else {
                        Scrolling::Right
                    };
                    if reading.on_reflection {
                        reading.on_reflection = false;
                        next_scrolling(&mut reading.columns, three);
                    } else if reading.columns.scrolling == last_column {
                        reading.on_reflection = true;
                    } else {
                        next_scrolling(&mut reading.columns, three);
                    }
                }
            }
            Command::ScrollAlone => {
                let three = self.three_columns();
                next_scrolling(&mut self.exercise.columns, three);
            }
        }
        Vec::new()
    }

    /// The user's editor returned: its text replaces the field's, as one undoable
    /// change, if the same field is still on screen.
    fn text_edited(&mut self, view: View, result: Result<String, String>) {
        let undo = self
            .keys
            .label_of(self.context(), Command::Edit(EditAction::Undo))
            .to_string();
        let same_screen = view == self.view();
        let changed = match (&result, same_screen) {
            (Ok(text), true) => self.focused_editor_mut().map(|e| e.replace_all(text)),
            _ => None,
        };
        self.flash = Some(match (result, changed) {
            (Err(reason), _) => format!("nothing changed: {reason}"),
            (Ok(_), Some(true)) => format!("back from your editor ({undo} undoes it)"),
            (Ok(_), Some(false)) => "back from your editor: no change".into(),
            (Ok(_), None) => "nothing changed: the screen moved on".into(),
        });
    }

    /// Whether the side by side (or the entry being read) has a third column: the
    /// friend's view, on a wide terminal.
    pub fn three_columns(&self) -> bool {
        self.width >= THREE_COLUMNS_FROM && self.attempt().is_some_and(Attempt::has_observer)
    }

    /// Whether the field with the keyboard holds one line only: the form's name and
    /// title, the cycle's blanks.
    fn on_one_line_field(&self) -> bool {
        let Some(attempt) = self.attempt() else {
            return false;
        };
        match self.screen {
            Screen::Exercise(Step::Moment) => attempt.form.as_ref().is_some_and(|f| f.field < 2),
            Screen::Exercise(Step::Translation) => {
                matches!(attempt.current_field(), Some(Field::Cycle(_)))
            }
            Screen::Exercise(Step::FollowUp) => true,
            Screen::Exercise(Step::Reflection) => attempt.on_try_next(),
            _ => false,
        }
    }

    fn selected_entry_path(&self) -> Option<PathBuf> {
        match self.screen {
            Screen::History | Screen::Reading => self
                .journal
                .entries
                .get(self.history.selected)
                .map(|item| item.path().to_path_buf()),
            _ => None,
        }
    }
}

/// `Tab` on columns: one alone, then the next, then all together again (where the
/// others join the left one).
fn next_scrolling(columns: &mut ColumnScroll, three: bool) {
    columns.scrolling = match columns.scrolling {
        Scrolling::Together => Scrolling::Left,
        Scrolling::Left => Scrolling::Right,
        Scrolling::Right if three => Scrolling::Third,
        Scrolling::Right | Scrolling::Third => Scrolling::Together,
    };
    if columns.scrolling == Scrolling::Together {
        columns.right = columns.left;
        columns.third = columns.left;
    }
}
