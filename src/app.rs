//! The whole flow of the program as data: [`App`] holds the state, [`Msg`] is
//! everything that can happen, and [`App::update`] decides what follows. No
//! terminal, no files: what must happen outside comes back as [`Effect`]s.

use std::collections::HashMap;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::editor::Editor;
use crate::exercise::{Exercise, Library};
use crate::keymap::{self, Command, Context};

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
}

/// A window over the current screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Problems,
    /// The user's own view, shown while writing the partner's.
    Peek,
}

/// Everything that can happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    Resize(u16, u16),
}

/// What `update` asks the outside world to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
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
}

impl Attempt {
    pub fn new(exercise: Exercise) -> Self {
        let answers = exercise.reflection.iter().map(|_| Editor::new()).collect();
        Attempt {
            exercise,
            own_view: Editor::new(),
            partner_view: Editor::new(),
            answers,
            question: 0,
            reached: Screen::Scenario,
            complete: false,
        }
    }

    /// Whether anything at all was typed.
    pub fn has_text(&self) -> bool {
        !self.own_view.is_empty()
            || !self.partner_view.is_empty()
            || self.answers.iter().any(|a| !a.is_empty())
    }

    /// Words written in all the editors.
    pub fn words(&self) -> usize {
        self.own_view.word_count()
            + self.partner_view.word_count()
            + self.answers.iter().map(Editor::word_count).sum::<usize>()
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
        }
    }

    /// The library's status column: new, draft, or done ×N (last date).
    pub fn status_label(&self, id: &str) -> String {
        let record = self.records.get(id).cloned().unwrap_or_default();
        let open_draft = self
            .attempts
            .get(id)
            .is_some_and(|a| !a.complete && a.has_text());
        let done = record.done + self.attempts.get(id).map_or(0, |a| usize::from(a.complete));
        if open_draft || record.drafts > 0 {
            "draft".to_string()
        } else if done > 0 {
            match record.last_done {
                Some(date) => format!("done ×{done} {date}"),
                None => format!("done ×{done}"),
            }
        } else {
            "new".to_string()
        }
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
        self.attempts.get(self.current.as_deref()?)
    }

    fn attempt_mut(&mut self) -> Option<&mut Attempt> {
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
        if self.overlay.is_some() {
            return Context::Overlay;
        }
        self.context_under_overlay()
    }

    /// The keys of the screen itself, whether or not an overlay covers it.
    pub fn context_under_overlay(&self) -> Context {
        match self.screen {
            Screen::Library if self.filtering => Context::Filtering,
            Screen::Library => Context::Library,
            Screen::Scenario => Context::Scenario,
            Screen::OwnView | Screen::PartnerView | Screen::Reflection => Context::Writing,
            Screen::SideBySide => Context::SideBySide,
            Screen::Finished => Context::Finished,
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
                self.paste(&text);
                Vec::new()
            }
            Msg::Key(key) if key.kind == KeyEventKind::Release => Vec::new(),
            Msg::Key(key) => match keymap::command_for(self.context(), &key) {
                Some(command) => self.run(command),
                None => {
                    self.type_key(key);
                    Vec::new()
                }
            },
        }
    }

    fn paste(&mut self, text: &str) {
        if self.overlay.is_some() {
            return;
        }
        if self.filtering {
            let line = text.lines().next().unwrap_or("");
            self.filter.push_str(line);
            self.selected = 0;
        } else if let Some(editor) = self.focused_editor_mut() {
            editor.paste(text);
        }
    }

    /// A key no command claimed: text for the filter or the editor.
    fn type_key(&mut self, key: KeyEvent) {
        if self.overlay.is_some() {
            return;
        }
        if self.filtering {
            match key.code {
                KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                    self.filter.push(c);
                    self.selected = 0;
                }
                KeyCode::Backspace => {
                    self.filter.pop();
                    self.selected = 0;
                }
                _ => {}
            }
        } else if let Some(editor) = self.focused_editor_mut() {
            editor.handle_key(key);
        }
    }

    fn run(&mut self, command: Command) -> Vec<Effect> {
        match command {
            Command::Quit | Command::ForceQuit => return vec![Effect::Quit],
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
            Command::Open => self.open_selected(),
            Command::Back => self.back_to_library(),
            Command::Next => self.next_step(),
            Command::Prev => self.previous_step(),
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
            Command::Save
            | Command::History
            | Command::Export
            | Command::Delete
            | Command::Fresh
            | Command::Confirm
            | Command::Cancel => {}
        }
        Vec::new()
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
        let resume = self
            .attempts
            .get(&id)
            .is_some_and(|attempt| !attempt.complete);
        if !resume {
            self.attempts.insert(id.clone(), Attempt::new(exercise));
        }
        self.current = Some(id);
        self.scroll = 0;
        self.compare = Compare::default();
        self.screen = if resume {
            self.attempt().map_or(Screen::Scenario, |a| a.reached)
        } else {
            Screen::Scenario
        };
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
                let Some(attempt) = self.attempt_mut() else {
                    return;
                };
                if attempt.question + 1 < attempt.answers.len() {
                    attempt.question += 1;
                } else {
                    attempt.complete = true;
                    self.go(Screen::Finished);
                }
            }
            Screen::Library | Screen::Finished => {}
        }
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
            Screen::Library | Screen::Scenario | Screen::Finished => {}
        }
    }
}
