//! Keys → named commands, in one table for the whole program, editing keys included.
//! The footer, the help overlay and every prompt that names a key read the same table,
//! so they can never disagree with what the keys do; key names are written from the
//! keys themselves ([`Key`]'s `Display`), never typed beside them.
//!
//! The table is data ([`Keymap`]): built from the defaults in `defaults.rs`, with
//! commands and keys that have names ("next", "edit.undo"; "Ctrl+N"), so settings can
//! rebind a command by name ([`Keymap::rebind`]).
//!
//! This is also the one place that knows what a key press is: which command it means
//! ([`Keymap::command_for`]) and, if none, which character it types ([`typed_char`]).

mod defaults;
mod key;

use std::fmt;
use std::str::FromStr;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::step::Step;

pub use crate::editor::EditAction;
pub use key::{Key, UnknownKey};

/// Everything a key can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Quit,
    ForceQuit,
    Help,
    CloseOverlay,
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    Filter,
    ClearFilter,
    Open,
    ShowProblems,
    Back,
    Next,
    Previous,
    ToggleHints,
    Peek,
    ScrollAlone,
    Save,
    History,
    Export,
    Delete,
    No,
    Yes,
    Cancel,
    /// The quick hide: a neutral screen at once, until any key.
    Hide,
    /// Finish the exercise, from its last question (asks first).
    Finish,
    /// Move to the left / right (the column to mark in).
    Left,
    Right,
    /// Start a moment of one's own (a short form, then the usual steps).
    NewMoment,
    /// Open the selected scenario's file in the user's editor (a copy, for a built-in).
    EditScenario,
    /// Mark a passage on the side by side.
    Mark,
    /// Show or hide the gentle observations on the side by side.
    Observations,
    /// Show the friend's view (the third lens) where there is no room for a third column.
    FriendPanel,
    /// Take a break, when the calm check offers one.
    TakeBreak,
    /// After finishing: the same moment told from the other side (a mirror scenario).
    OtherSide,
    /// Write the text in the user's own editor (`$VISUAL`, else `$EDITOR`).
    ExternalEditor,
    /// Read the scenario files again (after editing one outside the program).
    Reload,
    /// A shared moment: both worlds, the partner's own words beside the guesses.
    BothWorlds,
    /// Write the selected finished attempt as an exchange file for the partner.
    Share,
    /// Bring in an exchange file the partner sent (asks for its path).
    Import,
    /// How close the partner's guess of the user came: not really, partly, or yes.
    Closeness(crate::exchange::Closeness),
    /// Write what the partner's guess missed.
    WhatMissed,
    /// An edit of the text being written (the editor's, or the library filter's).
    Edit(EditAction),
}

/// The commands other than editing, for [`Command::all`].
const APP_COMMANDS: [Command; 47] = [
    Command::Quit,
    Command::ForceQuit,
    Command::Help,
    Command::CloseOverlay,
    Command::Up,
    Command::Down,
    Command::PageUp,
    Command::PageDown,
    Command::Home,
    Command::End,
    Command::Filter,
    Command::ClearFilter,
    Command::Open,
    Command::ShowProblems,
    Command::Back,
    Command::Next,
    Command::Previous,
    Command::ToggleHints,
    Command::Peek,
    Command::ScrollAlone,
    Command::Save,
    Command::History,
    Command::Export,
    Command::Delete,
    Command::No,
    Command::Yes,
    Command::Cancel,
    Command::Hide,
    Command::Finish,
    Command::NewMoment,
    Command::EditScenario,
    Command::Mark,
    Command::Observations,
    Command::FriendPanel,
    Command::Left,
    Command::Right,
    Command::TakeBreak,
    Command::OtherSide,
    Command::ExternalEditor,
    Command::Reload,
    Command::BothWorlds,
    Command::Share,
    Command::Import,
    Command::Closeness(crate::exchange::Closeness::NotReally),
    Command::Closeness(crate::exchange::Closeness::Partly),
    Command::Closeness(crate::exchange::Closeness::Yes),
    Command::WhatMissed,
];

impl Command {
    /// Every command.
    pub fn all() -> impl Iterator<Item = Command> {
        APP_COMMANDS
            .into_iter()
            .chain(EditAction::ALL.map(Command::Edit))
    }

    /// The command's name for settings: "next", "edit.undo".
    pub fn name(self) -> &'static str {
        use EditAction as E;
        match self {
            Command::Quit => "quit",
            Command::ForceQuit => "force-quit",
            Command::Help => "help",
            Command::CloseOverlay => "close-overlay",
            Command::Up => "up",
            Command::Down => "down",
            Command::PageUp => "page-up",
            Command::PageDown => "page-down",
            Command::Home => "home",
            Command::End => "end",
            Command::Filter => "filter",
            Command::ClearFilter => "clear-filter",
            Command::Open => "open",
            Command::ShowProblems => "show-problems",
            Command::Back => "back",
            Command::Next => "next",
            Command::Previous => "previous",
            Command::ToggleHints => "toggle-hints",
            Command::Peek => "peek",
            Command::ScrollAlone => "scroll-alone",
            Command::Save => "save",
            Command::History => "history",
            Command::Export => "export",
            Command::Delete => "delete",
            Command::No => "no",
            Command::Yes => "yes",
            Command::Cancel => "cancel",
            Command::Hide => "hide",
            Command::Finish => "finish",
            Command::NewMoment => "new-moment",
            Command::EditScenario => "edit-scenario",
            Command::Mark => "mark",
            Command::Observations => "observations",
            Command::FriendPanel => "friend-panel",
            Command::Left => "left",
            Command::Right => "right",
            Command::TakeBreak => "take-break",
            Command::OtherSide => "other-side",
            Command::ExternalEditor => "external-editor",
            Command::Reload => "reload",
            Command::BothWorlds => "both-worlds",
            Command::Share => "share",
            Command::Import => "import",
            Command::Closeness(crate::exchange::Closeness::NotReally) => "closeness-not-really",
            Command::Closeness(crate::exchange::Closeness::Partly) => "closeness-partly",
            Command::Closeness(crate::exchange::Closeness::Yes) => "closeness-yes",
            Command::WhatMissed => "what-you-missed",
            Command::Edit(action) => match action {
                E::Undo => "edit.undo",
                E::Redo => "edit.redo",
                E::Left => "edit.left",
                E::Right => "edit.right",
                E::Up => "edit.up",
                E::Down => "edit.down",
                E::WordLeft => "edit.word-left",
                E::WordRight => "edit.word-right",
                E::LineStart => "edit.line-start",
                E::LineEnd => "edit.line-end",
                E::TextStart => "edit.text-start",
                E::TextEnd => "edit.text-end",
                E::PageUp => "edit.page-up",
                E::PageDown => "edit.page-down",
                E::DeleteBack => "edit.delete-back",
                E::DeleteForward => "edit.delete-forward",
                E::DeleteWordBack => "edit.delete-word-back",
                E::DeleteWordForward => "edit.delete-word-forward",
                E::Newline => "edit.newline",
                E::Tab => "edit.tab",
            },
        }
    }
}

impl fmt::Display for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A command name that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCommand(pub String);

impl fmt::Display for UnknownCommand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no command is called “{}”", self.0)
    }
}

impl std::error::Error for UnknownCommand {}

impl FromStr for Command {
    type Err = UnknownCommand;

    fn from_str(name: &str) -> Result<Command, UnknownCommand> {
        Command::all()
            .find(|command| command.name() == name.trim())
            .ok_or_else(|| UnknownCommand(name.to_owned()))
    }
}

/// Where the user is; each context has its own keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Library,
    /// The library with its filter being typed.
    Filtering,
    /// A step of an exercise. At the reflection, a question being answered that is
    /// not the last one.
    Step(Step),
    /// The last reflection question: the key for "next" finishes from here.
    LastQuestion,
    History,
    /// One journal entry, read only.
    Reading,
    /// A shared moment: the partner's own words beside the guesses, a pair at a time.
    BothWorlds,
    /// A line typed in a window: the name to share under, a file to bring in.
    Prompt,
    /// An overlay over any screen (help, problems, a read-only text).
    Overlay,
    /// A question that waits for an answer (resume a draft? delete? quit anyway?).
    Question,
    /// The safety note before the library: any key continues.
    Note,
    /// The offer of the third lens after the partner's view: `y` or `n`, and `Enter`
    /// alone does nothing, so a habit cannot commit anyone to it.
    ObserverOffer,
    /// Choosing a passage to mark on the side by side.
    Marking,
    /// The calm check: a number from 0 to 10 (digits type it), `Enter` confirms.
    Calm,
    /// The note after a high rating: a break, or going on.
    CalmNote,
    /// The quiet break: any key ends it.
    Break,
}

impl Context {
    pub const SCENARIO: Context = Context::Step(Step::Scenario);
    /// The writing screens, each with its editor focused.
    pub const OWN_VIEW: Context = Context::Step(Step::OwnView);
    pub const PARTNER_VIEW: Context = Context::Step(Step::PartnerView);
    pub const SIDE_BY_SIDE: Context = Context::Step(Step::SideBySide);
    /// A reflection question being answered (not the last).
    pub const ANSWERING: Context = Context::Step(Step::Reflection);
    pub const FINISHED: Context = Context::Step(Step::Finished);
    /// The form of a moment of one's own.
    pub const MOMENT: Context = Context::Step(Step::Moment);
    /// Writing the friend's view (the offer has its own context).
    pub const OBSERVER: Context = Context::Step(Step::Observer);
    /// The translation cards and the cycle.
    pub const TRANSLATION: Context = Context::Step(Step::Translation);
    /// How last time's line went.
    pub const FOLLOW_UP: Context = Context::Step(Step::FollowUp);

    /// Where this is, in the user's words ("while writing your view").
    pub fn describe(self) -> &'static str {
        match self {
            Context::Library => "in the library",
            Context::Filtering => "while filtering the library",
            Context::SCENARIO => "on the scenario",
            Context::MOMENT => "while describing a moment of your own",
            Context::OBSERVER => "while writing a friend's view",
            Context::ObserverOffer => "when a friend's view is offered",
            Context::TRANSLATION => "while translating",
            Context::Marking => "while marking a passage",
            Context::OWN_VIEW => "while writing your view",
            Context::PARTNER_VIEW => "while writing their view",
            Context::SIDE_BY_SIDE => "on the side by side",
            Context::ANSWERING | Context::LastQuestion => "while answering a question",
            Context::FINISHED => "on the finished screen",
            Context::History => "in the journal",
            Context::Reading => "while reading an entry",
            Context::BothWorlds => "while reading both worlds",
            Context::Prompt => "while typing a name or a path",
            Context::Overlay => "in a window over the screen",
            Context::Question => "while a question is asked",
            Context::Note => "on the safety note",
            Context::FOLLOW_UP => "when asked how last time went",
            Context::Calm => "while choosing how stirred up you are",
            Context::CalmNote => "when a break is offered",
            Context::Break => "during a break",
        }
    }

    /// Whether a character key types text here (the editor's, or the filter's).
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Context::Filtering
                | Context::OWN_VIEW
                | Context::PARTNER_VIEW
                | Context::ANSWERING
                | Context::LastQuestion
                | Context::MOMENT
                | Context::OBSERVER
                | Context::TRANSLATION
                | Context::FOLLOW_UP
                | Context::Prompt
        )
    }
}

/// One row of the table: keys that mean one command in some contexts.
#[derive(Debug, Clone)]
pub struct Binding {
    contexts: &'static [Context],
    keys: Vec<Key>,
    /// The first key written out ("Ctrl+N"), kept with the keys.
    label: String,
    command: Command,
    help: &'static str,
    footer: Option<&'static str>,
}

impl Binding {
    fn new(
        contexts: &'static [Context],
        keys: Vec<Key>,
        command: Command,
        help: &'static str,
        footer: Option<&'static str>,
    ) -> Binding {
        let label = keys.first().map(Key::to_string).unwrap_or_default();
        Binding {
            contexts,
            keys,
            label,
            command,
            help,
            footer,
        }
    }

    pub fn contexts(&self) -> &[Context] {
        self.contexts
    }

    /// The keys; the first is the one shown, the others do the same unshown (what some
    /// terminals send for it, or a second habit such as `q` beside `Esc`).
    pub fn keys(&self) -> &[Key] {
        &self.keys
    }

    /// How the first key is written in the footer and help: "Ctrl+N".
    pub fn label(&self) -> &str {
        &self.label
    }

    pub fn command(&self) -> Command {
        self.command
    }

    /// What it does, in the user's words.
    pub fn help(&self) -> &'static str {
        self.help
    }

    /// The word in the footer, if it is shown there.
    pub fn footer(&self) -> Option<&'static str> {
        self.footer
    }

    fn applies_in(&self, context: Context) -> bool {
        self.contexts.contains(&context)
    }
}

/// Why a command could not be bound to a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RebindError {
    /// The command has no key anywhere, so where it applies is not known.
    NotBound(Command),
    /// The key types a character where this command applies.
    Types { key: Key, context: Context },
    /// The key already means another command where this one applies.
    Taken {
        key: Key,
        context: Context,
        by: Command,
    },
}

impl fmt::Display for Context {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

impl fmt::Display for RebindError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RebindError::NotBound(command) => write!(f, "“{command}” has no key to replace"),
            RebindError::Types { key, context } => {
                write!(f, "{key} types text {context}")
            }
            RebindError::Taken { key, context, by } => {
                write!(f, "{key} already means “{by}” {context}")
            }
        }
    }
}

impl std::error::Error for RebindError {}

/// The key table. Earlier bindings win when a key appears twice in one context (the
/// default table has no key with two meanings in one context: a test checks it).
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

/// The defaults: the app's keys, then the editing keys.
impl Default for Keymap {
    fn default() -> Self {
        let bindings = defaults::ROWS
            .iter()
            .chain(defaults::EDITING)
            .map(|row| {
                Binding::new(
                    row.contexts,
                    row.keys.to_vec(),
                    row.command,
                    row.help,
                    row.footer,
                )
            })
            .collect();
        Keymap { bindings }
    }
}

impl Keymap {
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    fn in_context(&self, context: Context) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(move |b| b.applies_in(context))
    }

    /// The command a key press means in a context, if any (see [`Key::candidates`] for
    /// how Shift is read).
    pub fn command_for(&self, context: Context, event: &KeyEvent) -> Option<Command> {
        let bound = |key: Key| {
            self.in_context(context)
                .find(|b| b.keys.contains(&key))
                .map(|b| b.command)
        };
        let (key, without_shift) = Key::candidates(event);
        bound(key).or_else(|| without_shift.and_then(bound))
    }

    /// `(keys, what they do)` rows for the help overlay, editing keys left out: every
    /// key of a context, with the keys that do the same thing on one row ("↑ k  move up").
    pub fn help_rows(&self, context: Context) -> Vec<(String, &'static str)> {
        self.rows(context, false)
    }

    /// The same rows for the editing keys of a context, which help lists apart.
    pub fn editing_help_rows(&self, context: Context) -> Vec<(String, &'static str)> {
        self.rows(context, true)
    }

    fn rows(&self, context: Context, editing: bool) -> Vec<(String, &'static str)> {
        let mut rows: Vec<(Command, &'static str, Vec<&str>)> = Vec::new();
        let wanted = self
            .in_context(context)
            .filter(|b| matches!(b.command, Command::Edit(_)) == editing);
        for b in wanted {
            match rows
                .iter_mut()
                .find(|(command, help, _)| *command == b.command && *help == b.help)
            {
                Some((_, _, labels)) if !labels.contains(&b.label()) => labels.push(b.label()),
                Some(_) => {}
                None => rows.push((b.command, b.help, vec![b.label()])),
            }
        }
        rows.into_iter()
            .map(|(_, help, labels)| (labels.join(" "), help))
            .collect()
    }

    /// `(key, word)` pairs for the footer of a context.
    pub fn footer_for(&self, context: Context) -> Vec<(&str, &'static str)> {
        let mut seen: Vec<(Command, &str)> = Vec::new();
        let mut items = Vec::new();
        for b in self.in_context(context) {
            if seen.contains(&(b.command, b.help)) {
                continue;
            }
            seen.push((b.command, b.help));
            if let Some(word) = b.footer {
                items.push((b.label(), word));
            }
        }
        items
    }

    /// How the key for `command` in `context` is written ("Ctrl+T"), for text that names
    /// it; empty if nothing is bound to it there.
    pub fn label_of(&self, context: Context, command: Command) -> &str {
        self.in_context(context)
            .find(|b| b.command == command)
            .map_or("", Binding::label)
    }

    /// Binds `command` to `key` wherever it is bound now; the keys it had there are freed
    /// (a command reached by several keys keeps just this one). Refused, changing nothing,
    /// if `key` already means another command in one of those contexts, or types a
    /// character in one where text is typed.
    pub fn rebind(&mut self, command: Command, key: Key) -> Result<(), RebindError> {
        self.rebind_keys(command, &[key])
    }

    /// [`Keymap::rebind`] with several keys: the first is the one shown.
    pub fn rebind_keys(&mut self, command: Command, keys: &[Key]) -> Result<(), RebindError> {
        let keys: Vec<Key> = keys
            .iter()
            .map(|k| k.canonical())
            .fold(Vec::new(), |mut all, k| {
                if !all.contains(&k) {
                    all.push(k);
                }
                all
            });
        let contexts: Vec<Context> = self
            .bindings
            .iter()
            .filter(|b| b.command == command)
            .flat_map(|b| b.contexts.iter().copied())
            .collect();
        if contexts.is_empty() || keys.is_empty() {
            return Err(RebindError::NotBound(command));
        }
        for &key in &keys {
            let types = typed_char(&KeyEvent::new(key.code, key.mods)).is_some();
            if let Some(&context) = contexts.iter().find(|c| types && c.takes_text()) {
                return Err(RebindError::Types { key, context });
            }
            for b in self.bindings.iter().filter(|b| b.command != command) {
                if let Some(&context) = b.contexts.iter().find(|c| contexts.contains(c))
                    && b.keys.contains(&key)
                {
                    return Err(RebindError::Taken {
                        key,
                        context,
                        by: b.command,
                    });
                }
            }
        }
        for b in self.bindings.iter_mut().filter(|b| b.command == command) {
            *b = Binding::new(b.contexts, keys.clone(), command, b.help, b.footer);
        }
        // A binding now the same as one before it, in contexts that one covers, adds nothing.
        let mut kept: Vec<Binding> = Vec::with_capacity(self.bindings.len());
        for b in self.bindings.drain(..) {
            let covered = kept.iter().any(|k| {
                k.command == b.command
                    && k.keys == b.keys
                    && k.help == b.help
                    && b.contexts.iter().all(|c| k.contexts.contains(c))
            });
            if !covered {
                kept.push(b);
            }
        }
        self.bindings = kept;
        Ok(())
    }
}

/// The character a key types, for a key no command claims: plain or shifted, or with
/// Ctrl+Alt, which is how AltGr arrives from some keyboards. Control characters and
/// bidi embeddings are never typed.
pub fn typed_char(event: &KeyEvent) -> Option<char> {
    let KeyCode::Char(c) = event.code else {
        return None;
    };
    let modifiers = event.modifiers - KeyModifiers::SHIFT;
    let typing = modifiers.is_empty() || modifiers == KeyModifiers::CONTROL | KeyModifiers::ALT;
    (typing && crate::safe::can_be_typed(c)).then_some(c)
}

#[cfg(test)]
mod tests;
