//! The default key table, as data: which keys mean which command where, and the words
//! help and the footer show for them. `Keymap::default` reads it; settings can rebind
//! any command by name without touching it.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::{Command, Context, Key};
use crate::editor::EditAction;

/// One row of the default table.
pub(super) struct Row {
    pub contexts: &'static [Context],
    /// The keys; the first is the one shown in help and the footer.
    pub keys: &'static [Key],
    pub command: Command,
    /// What it does, in the user's words.
    pub help: &'static str,
    /// Short form for the footer; `None` keeps it out of the footer (help still lists it).
    pub footer: Option<&'static str>,
}

use Context as C;

pub(super) const EVERYWHERE: &[Context] = &[
    C::Library,
    C::Filtering,
    C::MOMENT,
    C::SCENARIO,
    C::OWN_VIEW,
    C::PARTNER_VIEW,
    C::OBSERVER,
    C::ObserverOffer,
    C::ANSWERING,
    C::LastQuestion,
    C::SIDE_BY_SIDE,
    C::Marking,
    C::TRANSLATION,
    C::FINISHED,
    C::History,
    C::Reading,
    C::Overlay,
    C::Question,
    C::Note,
    C::FOLLOW_UP,
    C::Calm,
    C::CalmNote,
    C::Break,
];
const NOT_MODAL: &[Context] = &[
    C::Library,
    C::Filtering,
    C::MOMENT,
    C::SCENARIO,
    C::OWN_VIEW,
    C::PARTNER_VIEW,
    C::OBSERVER,
    C::ObserverOffer,
    C::ANSWERING,
    C::LastQuestion,
    C::SIDE_BY_SIDE,
    C::Marking,
    C::TRANSLATION,
    C::FINISHED,
    C::History,
    C::Reading,
    C::FOLLOW_UP,
];
const BROWSING: &[Context] = &[
    C::Library,
    C::SCENARIO,
    C::ObserverOffer,
    C::SIDE_BY_SIDE,
    C::FINISHED,
    C::History,
    C::Reading,
];
const WRITING: &[Context] = &[
    C::FOLLOW_UP,
    C::MOMENT,
    C::OWN_VIEW,
    C::PARTNER_VIEW,
    C::OBSERVER,
    C::TRANSLATION,
    C::ANSWERING,
    C::LastQuestion,
];
const STEPS: &[Context] = &[
    C::MOMENT,
    C::SCENARIO,
    C::OWN_VIEW,
    C::PARTNER_VIEW,
    C::OBSERVER,
    C::ObserverOffer,
    C::TRANSLATION,
    C::ANSWERING,
    C::LastQuestion,
    C::SIDE_BY_SIDE,
];
/// Where "next" (`Ctrl+N`) and "previous" (`Ctrl+P`) move through the steps.
const STEPPING: &[Context] = &[
    C::MOMENT,
    C::OWN_VIEW,
    C::PARTNER_VIEW,
    C::OBSERVER,
    C::SIDE_BY_SIDE,
    C::TRANSLATION,
    C::ANSWERING,
];
const MOVING: &[Context] = &[
    C::Library,
    C::Filtering,
    C::SCENARIO,
    C::FINISHED,
    C::SIDE_BY_SIDE,
    C::Marking,
    C::History,
    C::Reading,
    C::Overlay,
];

/// The app's keys. Earlier rows win when a key appears twice in one context (the
/// conflict test makes sure none does with two meanings); the first key of a row is the
/// one shown, the others do the same unshown.
pub(super) const ROWS: &[Row] = &[
    // Questions first: while one is asked, only its answers count.
    Row {
        contexts: &[C::Calm],
        keys: &[Key::plain(KeyCode::Enter)],
        command: Command::Yes,
        help: "confirm the number (with none chosen: skip)",
        footer: Some("confirm"),
    },
    Row {
        contexts: &[C::Calm],
        keys: &[Key::plain(KeyCode::Left)],
        command: Command::Left,
        help: "a lower number (0 to 9 type one; 1 then 0 quickly is 10)",
        footer: Some("lower"),
    },
    Row {
        contexts: &[C::Calm],
        keys: &[Key::plain(KeyCode::Right)],
        command: Command::Right,
        help: "a higher number",
        footer: Some("higher"),
    },
    Row {
        contexts: &[C::Calm],
        keys: &[Key::plain(KeyCode::Esc)],
        command: Command::Cancel,
        help: "close, and stay where you were",
        footer: Some("not now"),
    },
    Row {
        contexts: &[C::CalmNote],
        keys: &[Key::char('b')],
        command: Command::TakeBreak,
        help: "take a twenty-minute break (your text is kept)",
        footer: Some("take a break"),
    },
    Row {
        contexts: &[C::CalmNote],
        keys: &[Key::plain(KeyCode::Enter), Key::plain(KeyCode::Esc)],
        command: Command::Yes,
        help: "go on without a break",
        footer: Some("go on"),
    },
    Row {
        contexts: &[C::Question],
        // Enter only: a letter typed on, unaware of the question, must not say yes to
        // finishing or deleting for good.
        keys: &[Key::plain(KeyCode::Enter)],
        command: Command::Yes,
        help: "yes / continue",
        footer: Some("yes"),
    },
    Row {
        contexts: &[C::Question],
        keys: &[Key::char('n')],
        command: Command::No,
        help: "no / the other choice",
        footer: Some("no"),
    },
    Row {
        contexts: &[C::Question],
        keys: &[Key::plain(KeyCode::Esc)],
        command: Command::Cancel,
        help: "cancel",
        footer: Some("cancel"),
    },
    Row {
        contexts: &[C::Overlay],
        keys: &[
            Key::plain(KeyCode::Esc),
            Key::char('q'),
            Key::char('?'),
            Key::plain(KeyCode::F(1)),
            Key::plain(KeyCode::Enter),
            // The key that opened the peek closes it again.
            Key::ctrl('o'),
        ],
        command: Command::CloseOverlay,
        help: "close this window",
        footer: Some("close"),
    },
    Row {
        contexts: &[C::Filtering],
        keys: &[Key::plain(KeyCode::Esc)],
        command: Command::ClearFilter,
        help: "clear the filter",
        footer: Some("clear filter"),
    },
    Row {
        contexts: &[C::Library],
        keys: &[Key::plain(KeyCode::Esc)],
        command: Command::ClearFilter,
        help: "clear the filter",
        footer: None,
    },
    Row {
        contexts: &[C::Library, C::Filtering],
        keys: &[Key::plain(KeyCode::Enter)],
        command: Command::Open,
        help: "open the selected exercise",
        footer: Some("open"),
    },
    Row {
        contexts: &[C::History],
        keys: &[Key::plain(KeyCode::Enter)],
        command: Command::Open,
        help: "read the selected entry",
        footer: Some("read"),
    },
    Row {
        contexts: MOVING,
        keys: &[Key::plain(KeyCode::Up)],
        command: Command::Up,
        help: "move up",
        footer: None,
    },
    Row {
        contexts: MOVING,
        keys: &[Key::plain(KeyCode::Down)],
        command: Command::Down,
        help: "move down",
        footer: None,
    },
    Row {
        contexts: &[
            C::Library,
            C::History,
            C::Reading,
            C::SCENARIO,
            C::SIDE_BY_SIDE,
            C::Marking,
            C::Overlay,
        ],
        keys: &[Key::char('k')],
        command: Command::Up,
        help: "move up",
        footer: None,
    },
    Row {
        contexts: &[
            C::Library,
            C::History,
            C::Reading,
            C::SCENARIO,
            C::SIDE_BY_SIDE,
            C::Marking,
            C::Overlay,
        ],
        keys: &[Key::char('j')],
        command: Command::Down,
        help: "move down",
        footer: None,
    },
    Row {
        contexts: MOVING,
        keys: &[Key::plain(KeyCode::PageUp)],
        command: Command::PageUp,
        help: "one page up",
        footer: None,
    },
    Row {
        contexts: MOVING,
        keys: &[Key::plain(KeyCode::PageDown)],
        command: Command::PageDown,
        help: "one page down",
        footer: None,
    },
    Row {
        contexts: MOVING,
        keys: &[Key::plain(KeyCode::Home)],
        command: Command::Home,
        help: "go to the top",
        footer: None,
    },
    Row {
        contexts: MOVING,
        keys: &[Key::plain(KeyCode::End)],
        command: Command::End,
        help: "go to the bottom",
        footer: None,
    },
    Row {
        contexts: &[C::Library],
        keys: &[Key::char('n')],
        command: Command::NewMoment,
        help: "a moment of your own: describe a real moment, then the usual steps",
        footer: Some("your own"),
    },
    Row {
        contexts: &[C::Library],
        keys: &[Key::char('e')],
        command: Command::EditScenario,
        help: "edit the selected scenario in your editor (a built-in: a copy of it)",
        footer: None,
    },
    Row {
        contexts: &[C::Library],
        keys: &[Key::char('/')],
        command: Command::Filter,
        help: "filter by title, id or tag",
        footer: Some("filter"),
    },
    Row {
        contexts: &[C::Library],
        keys: &[Key::char('h')],
        command: Command::History,
        help: "your journal: every attempt so far",
        footer: Some("journal"),
    },
    Row {
        contexts: &[C::Library],
        keys: &[Key::char('r')],
        command: Command::Reload,
        help: "read the scenario files again (after you edited one)",
        footer: None,
    },
    Row {
        contexts: &[C::Library],
        keys: &[Key::char('!')],
        command: Command::ShowProblems,
        help: "show problems in scenario files",
        footer: None,
    },
    Row {
        contexts: &[C::History, C::Reading],
        keys: &[Key::char('x')],
        command: Command::Export,
        help: "export the selected entry as Markdown",
        footer: Some("export"),
    },
    Row {
        contexts: &[C::History],
        keys: &[Key::char('d')],
        command: Command::Delete,
        help: "delete the selected entry (asks first)",
        footer: Some("delete"),
    },
    Row {
        contexts: &[C::SCENARIO],
        keys: &[Key::plain(KeyCode::Enter), Key::ctrl('n')],
        command: Command::Next,
        help: "begin writing",
        footer: Some("begin"),
    },
    Row {
        contexts: STEPPING,
        keys: &[Key::ctrl('n')],
        command: Command::Next,
        help: "next step (on a form or a card: the next field)",
        footer: Some("next"),
    },
    Row {
        contexts: &[C::FOLLOW_UP],
        keys: &[Key::ctrl('n')],
        command: Command::Next,
        help: "go on to the scenario",
        footer: Some("go on"),
    },
    Row {
        contexts: &[C::FOLLOW_UP],
        keys: &[Key::plain(KeyCode::Esc)],
        command: Command::Cancel,
        help: "skip (anything typed is kept)",
        footer: Some("skip"),
    },
    Row {
        contexts: &[C::ObserverOffer],
        keys: &[Key::char('y')],
        command: Command::Yes,
        help: "yes, write a friend's view",
        footer: Some("yes"),
    },
    Row {
        contexts: &[C::ObserverOffer],
        keys: &[Key::char('n')],
        command: Command::No,
        help: "no, go on to the side by side",
        footer: Some("no"),
    },
    Row {
        contexts: &[C::LastQuestion],
        keys: &[Key::ctrl('n')],
        command: Command::Finish,
        help: "finish the exercise (asks first)",
        footer: Some("finish"),
    },
    Row {
        contexts: &[
            C::MOMENT,
            C::OWN_VIEW,
            C::PARTNER_VIEW,
            C::OBSERVER,
            C::ObserverOffer,
            C::SIDE_BY_SIDE,
            C::TRANSLATION,
            C::ANSWERING,
            C::LastQuestion,
        ],
        keys: &[Key::ctrl('p')],
        command: Command::Previous,
        help: "previous step",
        footer: Some("back"),
    },
    Row {
        contexts: &[C::FINISHED],
        keys: &[Key::plain(KeyCode::Enter), Key::plain(KeyCode::Esc)],
        command: Command::Back,
        help: "back to the library",
        footer: Some("library"),
    },
    Row {
        contexts: &[C::FINISHED],
        keys: &[Key::char('o')],
        command: Command::OtherSide,
        help: "the same moment told from the other side, when the scenario has one",
        footer: Some("other side"),
    },
    Row {
        contexts: &[C::MOMENT, C::OWN_VIEW, C::PARTNER_VIEW, C::OBSERVER],
        keys: &[Key::ctrl('t')],
        command: Command::ToggleHints,
        help: "hide or show the hints",
        footer: Some("hints"),
    },
    Row {
        contexts: WRITING,
        keys: &[Key::ctrl('e')],
        command: Command::ExternalEditor,
        help: "write this in your own editor ($VISUAL or $EDITOR)",
        footer: None,
    },
    Row {
        contexts: &[C::PARTNER_VIEW],
        keys: &[Key::ctrl('o')],
        command: Command::Peek,
        help: "peek at your own view",
        footer: Some("peek"),
    },
    Row {
        contexts: &[C::TRANSLATION, C::ANSWERING, C::LastQuestion],
        keys: &[Key::ctrl('o')],
        command: Command::Peek,
        help: "read both views again",
        footer: Some("both views"),
    },
    Row {
        contexts: &[C::SIDE_BY_SIDE],
        keys: &[Key::char('m')],
        command: Command::Mark,
        help: "mark a passage: in yours, what they most need to hear; in theirs, what you most need to understand",
        footer: Some("mark"),
    },
    Row {
        contexts: &[C::SIDE_BY_SIDE],
        keys: &[Key::char('o')],
        command: Command::Observations,
        help: "show or hide gentle observations about the words",
        footer: Some("observations"),
    },
    Row {
        contexts: &[C::SIDE_BY_SIDE],
        keys: &[Key::char('f')],
        command: Command::FriendPanel,
        help: "read the friend's view, when you wrote one (a third column on wide terminals)",
        footer: Some("friend"),
    },
    Row {
        contexts: &[C::Marking],
        keys: &[Key::plain(KeyCode::Left)],
        command: Command::Left,
        help: "mark in your view",
        footer: Some("yours"),
    },
    Row {
        contexts: &[C::Marking],
        keys: &[Key::plain(KeyCode::Right)],
        command: Command::Right,
        help: "mark in their view",
        footer: Some("theirs"),
    },
    Row {
        contexts: &[C::Marking],
        keys: &[Key::plain(KeyCode::Enter)],
        command: Command::Mark,
        help: "mark this sentence (on the marked one: take the mark away)",
        footer: Some("mark"),
    },
    Row {
        contexts: &[C::Marking],
        keys: &[Key::plain(KeyCode::Esc)],
        command: Command::Cancel,
        help: "stop marking",
        footer: Some("done"),
    },
    Row {
        contexts: &[C::SIDE_BY_SIDE],
        keys: &[Key::plain(KeyCode::Tab)],
        command: Command::ScrollAlone,
        help: "scroll one column alone, then the other, then both",
        footer: Some("one column"),
    },
    Row {
        contexts: &[C::Reading],
        keys: &[Key::plain(KeyCode::Tab)],
        command: Command::ScrollAlone,
        help: "scroll one column alone, then the other, then the reflection, then both columns",
        footer: Some("next part"),
    },
    Row {
        contexts: &[
            C::MOMENT,
            C::OWN_VIEW,
            C::PARTNER_VIEW,
            C::OBSERVER,
            C::TRANSLATION,
            C::ANSWERING,
            C::LastQuestion,
            C::SIDE_BY_SIDE,
            C::SCENARIO,
        ],
        keys: &[Key::ctrl('s')],
        command: Command::Save,
        help: "save now (it also saves by itself)",
        footer: None,
    },
    Row {
        contexts: STEPS,
        keys: &[Key::plain(KeyCode::Esc)],
        command: Command::Back,
        help: "back to the library, keeping your text",
        footer: Some("library"),
    },
    Row {
        contexts: &[C::History],
        keys: &[Key::plain(KeyCode::Esc), Key::char('q')],
        command: Command::Back,
        help: "back to the library",
        footer: Some("library"),
    },
    Row {
        contexts: &[C::Reading],
        keys: &[Key::plain(KeyCode::Esc), Key::char('q')],
        command: Command::Back,
        help: "back to your journal",
        footer: Some("journal"),
    },
    Row {
        contexts: BROWSING,
        keys: &[Key::char('?')],
        command: Command::Help,
        help: "all keys of this screen",
        footer: Some("help"),
    },
    Row {
        contexts: WRITING,
        keys: &[Key::plain(KeyCode::F(1))],
        command: Command::Help,
        help: "all keys of this screen",
        footer: Some("help"),
    },
    Row {
        contexts: NOT_MODAL,
        keys: &[Key::plain(KeyCode::F(1))],
        command: Command::Help,
        help: "all keys of this screen",
        footer: None,
    },
    Row {
        contexts: &[C::Library],
        keys: &[Key::char('q')],
        command: Command::Quit,
        help: "quit",
        footer: Some("quit"),
    },
    Row {
        contexts: EVERYWHERE,
        keys: &[Key::ctrl('c')],
        command: Command::ForceQuit,
        help: "save and quit, from anywhere",
        footer: None,
    },
    Row {
        contexts: EVERYWHERE,
        keys: &[Key::ctrl('g')],
        command: Command::Hide,
        help: "hide the screen at once",
        footer: None,
    },
];

/// An editing key: in every writing context, never in the footer.
macro_rules! edit {
    ($key:expr, $action:ident, $help:expr $(,)?) => {
        Row {
            contexts: WRITING,
            keys: &[$key],
            command: Command::Edit(EditAction::$action),
            help: $help,
            footer: None,
        }
    };
}

/// The editor's keys, in the writing contexts. Help lists them apart, under "While
/// writing", in this order.
pub(super) const EDITING: &[Row] = &[
    edit!(Key::ctrl('z'), Undo, "undo"),
    edit!(Key::ctrl('y'), Redo, "redo"),
    edit!(CTRL_SHIFT_Z, Redo, "redo"),
    edit!(Key::plain(KeyCode::Left), Left, "move left"),
    edit!(Key::plain(KeyCode::Right), Right, "move right"),
    edit!(Key::plain(KeyCode::Up), Up, "move up a row"),
    edit!(Key::plain(KeyCode::Down), Down, "move down a row"),
    edit!(
        Key::new(KeyCode::Left, KeyModifiers::CONTROL),
        WordLeft,
        "move to the previous word",
    ),
    // Option+← on a Mac: Terminal.app sends Alt+B, iTerm2 Alt+← (Ctrl+← switches
    // desktops there and never arrives).
    edit!(Key::alt('b'), WordLeft, "move to the previous word"),
    edit!(
        Key::new(KeyCode::Left, KeyModifiers::ALT),
        WordLeft,
        "move to the previous word",
    ),
    edit!(
        Key::new(KeyCode::Right, KeyModifiers::CONTROL),
        WordRight,
        "move to the end of the word",
    ),
    edit!(Key::alt('f'), WordRight, "move to the end of the word"),
    edit!(
        Key::new(KeyCode::Right, KeyModifiers::ALT),
        WordRight,
        "move to the end of the word",
    ),
    edit!(
        Key::plain(KeyCode::Home),
        LineStart,
        "move to the start of the line",
    ),
    // As in every text field on a Mac, and in the shell: Home may scroll the terminal
    // there instead of reaching the program.
    edit!(Key::ctrl('a'), LineStart, "move to the start of the line"),
    edit!(
        Key::plain(KeyCode::End),
        LineEnd,
        "move to the end of the line",
    ),
    edit!(
        Key::new(KeyCode::Home, KeyModifiers::CONTROL),
        TextStart,
        "move to the start of the text",
    ),
    edit!(
        Key::new(KeyCode::End, KeyModifiers::CONTROL),
        TextEnd,
        "move to the end of the text",
    ),
    edit!(Key::plain(KeyCode::PageUp), PageUp, "move up a screen"),
    edit!(
        Key::plain(KeyCode::PageDown),
        PageDown,
        "move down a screen",
    ),
    edit!(
        Key::plain(KeyCode::Backspace),
        DeleteBack,
        "delete the character before the cursor",
    ),
    edit!(
        Key::plain(KeyCode::Delete),
        DeleteForward,
        "delete the character after the cursor",
    ),
    Row {
        contexts: WRITING,
        // xterm-style terminals send Ctrl+Backspace as ^H, which arrives as Ctrl+H.
        keys: &[
            Key::new(KeyCode::Backspace, KeyModifiers::CONTROL),
            Key::ctrl('h'),
        ],
        command: Command::Edit(EditAction::DeleteWordBack),
        help: "delete the word before the cursor",
        footer: None,
    },
    edit!(
        Key::ctrl('w'),
        DeleteWordBack,
        "delete the word before the cursor",
    ),
    edit!(
        Key::new(KeyCode::Backspace, KeyModifiers::ALT),
        DeleteWordBack,
        "delete the word before the cursor",
    ),
    edit!(
        Key::new(KeyCode::Delete, KeyModifiers::CONTROL),
        DeleteWordForward,
        "delete the word after the cursor",
    ),
    edit!(
        Key::alt('d'),
        DeleteWordForward,
        "delete the word after the cursor",
    ),
    edit!(Key::plain(KeyCode::Enter), Newline, "start a new line"),
    edit!(Key::plain(KeyCode::Tab), Tab, "insert a tab"),
    // The library filter is a line of text too.
    Row {
        contexts: &[C::Filtering],
        keys: &[Key::plain(KeyCode::Backspace)],
        command: Command::Edit(EditAction::DeleteBack),
        help: "delete the last character of the filter",
        footer: None,
    },
];

const CTRL_SHIFT_Z: Key = Key::new(
    KeyCode::Char('z'),
    KeyModifiers::CONTROL.union(KeyModifiers::SHIFT),
);
