//! Keys → named commands, in one table. The footer hints and the help overlay are
//! drawn from this same table, so they can never disagree with what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Everything a key can ask the app to do (editing keys belong to the editor).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    Prev,
    ToggleHints,
    Peek,
    ToggleLink,
    Save,
    History,
    Export,
    Delete,
    Fresh,
    Confirm,
    Cancel,
    /// The quick hide: a neutral screen at once, until any key.
    Hide,
    /// Finish the exercise, from its last question (asks first).
    Finish,
}

/// Where the user is; each context has its own keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Library,
    Filtering,
    Scenario,
    /// The writing screens, each with its editor focused: the editor gets every key
    /// not listed for them.
    OwnView,
    PartnerView,
    /// A reflection question being answered.
    Answering,
    /// The last reflection question: `Ctrl+N` finishes from here.
    LastQuestion,
    SideBySide,
    Finished,
    History,
    /// One journal entry, read only.
    Reading,
    /// An overlay over any screen (help, problems, a read-only text).
    Overlay,
    /// A question that waits for an answer (resume a draft? delete? quit anyway?).
    Question,
    /// The safety note before the library: any key continues.
    Note,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

/// One row of the table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub contexts: &'static [Context],
    pub keys: &'static [Key],
    /// How the keys are written in the footer and help, e.g. "Ctrl+N".
    pub label: &'static str,
    pub command: Command,
    /// What it does, in the user's words.
    pub help: &'static str,
    /// Short form for the footer; `None` keeps it out of the footer (help still lists it).
    pub footer: Option<&'static str>,
}

use Context as C;

const EVERYWHERE: &[Context] = &[
    C::Library,
    C::Filtering,
    C::Scenario,
    C::OwnView,
    C::PartnerView,
    C::Answering,
    C::LastQuestion,
    C::SideBySide,
    C::Finished,
    C::History,
    C::Reading,
    C::Overlay,
    C::Question,
    C::Note,
];
const NOT_MODAL: &[Context] = &[
    C::Library,
    C::Filtering,
    C::Scenario,
    C::OwnView,
    C::PartnerView,
    C::Answering,
    C::LastQuestion,
    C::SideBySide,
    C::Finished,
    C::History,
    C::Reading,
];
const BROWSING: &[Context] = &[
    C::Library,
    C::Scenario,
    C::SideBySide,
    C::Finished,
    C::History,
    C::Reading,
];
const WRITING: &[Context] = &[C::OwnView, C::PartnerView, C::Answering, C::LastQuestion];
const STEPS: &[Context] = &[
    C::Scenario,
    C::OwnView,
    C::PartnerView,
    C::Answering,
    C::LastQuestion,
    C::SideBySide,
];
const MOVING: &[Context] = &[
    C::Library,
    C::Filtering,
    C::Scenario,
    C::SideBySide,
    C::History,
    C::Reading,
    C::Overlay,
];

/// The table. Earlier rows win when a key appears twice in one context.
pub static BINDINGS: &[Binding] = &[
    // Questions first: while one is asked, only its answers count.
    Binding {
        contexts: &[C::Question],
        // Enter only: a letter typed on, unaware of the question, must not say yes to
        // finishing or deleting for good.
        keys: &[key(KeyCode::Enter)],
        label: "Enter",
        command: Command::Confirm,
        help: "yes / continue",
        footer: Some("yes"),
    },
    Binding {
        contexts: &[C::Question],
        keys: &[ch('n')],
        label: "n",
        command: Command::Fresh,
        help: "no / the other choice",
        footer: Some("no"),
    },
    Binding {
        contexts: &[C::Question],
        keys: &[key(KeyCode::Esc)],
        label: "Esc",
        command: Command::Cancel,
        help: "cancel",
        footer: Some("cancel"),
    },
    Binding {
        contexts: &[C::Overlay],
        keys: &[
            key(KeyCode::Esc),
            ch('q'),
            ch('?'),
            key(KeyCode::F(1)),
            key(KeyCode::Enter),
        ],
        label: "Esc",
        command: Command::CloseOverlay,
        help: "close this window",
        footer: Some("close"),
    },
    Binding {
        contexts: &[C::Filtering],
        keys: &[key(KeyCode::Esc)],
        label: "Esc",
        command: Command::ClearFilter,
        help: "clear the filter",
        footer: Some("clear filter"),
    },
    Binding {
        contexts: &[C::Library],
        keys: &[key(KeyCode::Esc)],
        label: "Esc",
        command: Command::ClearFilter,
        help: "clear the filter",
        footer: None,
    },
    Binding {
        contexts: &[C::Library, C::Filtering],
        keys: &[key(KeyCode::Enter)],
        label: "Enter",
        command: Command::Open,
        help: "open the selected exercise",
        footer: Some("open"),
    },
    Binding {
        contexts: &[C::History],
        keys: &[key(KeyCode::Enter)],
        label: "Enter",
        command: Command::Open,
        help: "read the selected entry",
        footer: Some("read"),
    },
    Binding {
        contexts: MOVING,
        keys: &[key(KeyCode::Up)],
        label: "↑",
        command: Command::Up,
        help: "move up",
        footer: None,
    },
    Binding {
        contexts: MOVING,
        keys: &[key(KeyCode::Down)],
        label: "↓",
        command: Command::Down,
        help: "move down",
        footer: None,
    },
    Binding {
        contexts: &[
            C::Library,
            C::History,
            C::Reading,
            C::Scenario,
            C::SideBySide,
            C::Overlay,
        ],
        keys: &[ch('k')],
        label: "k",
        command: Command::Up,
        help: "move up",
        footer: None,
    },
    Binding {
        contexts: &[
            C::Library,
            C::History,
            C::Reading,
            C::Scenario,
            C::SideBySide,
            C::Overlay,
        ],
        keys: &[ch('j')],
        label: "j",
        command: Command::Down,
        help: "move down",
        footer: None,
    },
    Binding {
        contexts: MOVING,
        keys: &[key(KeyCode::PageUp)],
        label: "PgUp",
        command: Command::PageUp,
        help: "one page up",
        footer: None,
    },
    Binding {
        contexts: MOVING,
        keys: &[key(KeyCode::PageDown)],
        label: "PgDn",
        command: Command::PageDown,
        help: "one page down",
        footer: None,
    },
    Binding {
        contexts: MOVING,
        keys: &[key(KeyCode::Home)],
        label: "Home",
        command: Command::Home,
        help: "go to the top",
        footer: None,
    },
    Binding {
        contexts: MOVING,
        keys: &[key(KeyCode::End)],
        label: "End",
        command: Command::End,
        help: "go to the bottom",
        footer: None,
    },
    Binding {
        contexts: &[C::Library],
        keys: &[ch('/')],
        label: "/",
        command: Command::Filter,
        help: "filter by title, id or tag",
        footer: Some("filter"),
    },
    Binding {
        contexts: &[C::Library],
        keys: &[ch('h')],
        label: "h",
        command: Command::History,
        help: "your journal: every attempt so far",
        footer: Some("history"),
    },
    Binding {
        contexts: &[C::Library],
        keys: &[ch('!')],
        label: "!",
        command: Command::ShowProblems,
        help: "show problems in scenario files",
        footer: None,
    },
    Binding {
        contexts: &[C::History, C::Reading],
        keys: &[ch('x')],
        label: "x",
        command: Command::Export,
        help: "export the selected entry as Markdown",
        footer: Some("export"),
    },
    Binding {
        contexts: &[C::History],
        keys: &[ch('d')],
        label: "d",
        command: Command::Delete,
        help: "delete the selected entry (asks first)",
        footer: Some("delete"),
    },
    Binding {
        contexts: &[C::Scenario],
        keys: &[key(KeyCode::Enter), ctrl('n')],
        label: "Enter",
        command: Command::Next,
        help: "begin writing",
        footer: Some("begin"),
    },
    Binding {
        contexts: &[C::OwnView, C::PartnerView, C::Answering, C::SideBySide],
        keys: &[ctrl('n')],
        label: "Ctrl+N",
        command: Command::Next,
        help: "next step",
        footer: Some("next"),
    },
    Binding {
        contexts: &[C::LastQuestion],
        keys: &[ctrl('n')],
        label: "Ctrl+N",
        command: Command::Finish,
        help: "finish the exercise (asks first)",
        footer: Some("finish"),
    },
    Binding {
        contexts: &[
            C::OwnView,
            C::PartnerView,
            C::Answering,
            C::LastQuestion,
            C::SideBySide,
        ],
        keys: &[ctrl('p')],
        label: "Ctrl+P",
        command: Command::Prev,
        help: "previous step",
        footer: Some("back"),
    },
    Binding {
        contexts: &[C::Finished],
        keys: &[key(KeyCode::Enter)],
        label: "Enter",
        command: Command::Back,
        help: "back to the library",
        footer: Some("library"),
    },
    Binding {
        contexts: &[C::OwnView, C::PartnerView],
        keys: &[ctrl('t')],
        label: "Ctrl+T",
        command: Command::ToggleHints,
        help: "hide or show the hints",
        footer: Some("hints"),
    },
    Binding {
        contexts: &[C::PartnerView],
        keys: &[ctrl('o')],
        label: "Ctrl+O",
        command: Command::Peek,
        help: "peek at your own view",
        footer: Some("peek"),
    },
    Binding {
        contexts: &[C::SideBySide],
        keys: &[key(KeyCode::Tab)],
        label: "Tab",
        command: Command::ToggleLink,
        help: "scroll one column alone, then the other, then both",
        footer: Some("one column"),
    },
    Binding {
        contexts: &[
            C::OwnView,
            C::PartnerView,
            C::Answering,
            C::LastQuestion,
            C::SideBySide,
            C::Scenario,
        ],
        keys: &[ctrl('s')],
        label: "Ctrl+S",
        command: Command::Save,
        help: "save now (it also saves by itself)",
        footer: None,
    },
    Binding {
        contexts: STEPS,
        keys: &[key(KeyCode::Esc)],
        label: "Esc",
        command: Command::Back,
        help: "back to the library, keeping your text",
        footer: Some("library"),
    },
    Binding {
        contexts: &[C::History],
        keys: &[key(KeyCode::Esc), ch('q')],
        label: "Esc",
        command: Command::Back,
        help: "back to the library",
        footer: Some("library"),
    },
    Binding {
        contexts: &[C::Reading],
        keys: &[key(KeyCode::Esc), ch('q')],
        label: "Esc",
        command: Command::Back,
        help: "back to the history",
        footer: Some("history"),
    },
    Binding {
        contexts: BROWSING,
        keys: &[ch('?')],
        label: "?",
        command: Command::Help,
        help: "all keys of this screen",
        footer: Some("help"),
    },
    Binding {
        contexts: WRITING,
        keys: &[key(KeyCode::F(1))],
        label: "F1",
        command: Command::Help,
        help: "all keys of this screen",
        footer: Some("help"),
    },
    Binding {
        contexts: NOT_MODAL,
        keys: &[key(KeyCode::F(1))],
        label: "F1",
        command: Command::Help,
        help: "all keys of this screen",
        footer: None,
    },
    Binding {
        contexts: &[C::Library],
        keys: &[ch('q')],
        label: "q",
        command: Command::Quit,
        help: "quit",
        footer: Some("quit"),
    },
    Binding {
        contexts: EVERYWHERE,
        keys: &[ctrl('c')],
        label: "Ctrl+C",
        command: Command::ForceQuit,
        help: "save and quit, from anywhere",
        footer: None,
    },
    Binding {
        contexts: EVERYWHERE,
        keys: &[ctrl('g')],
        label: "Ctrl+G",
        command: Command::Hide,
        help: "hide the screen at once",
        footer: None,
    },
];

/// The command a key means in a context, if any.
pub fn command_for(context: Context, event: &KeyEvent) -> Option<Command> {
    let pressed = normalise(event);
    BINDINGS
        .iter()
        .filter(|b| b.contexts.contains(&context))
        .find(|b| b.keys.contains(&pressed))
        .map(|b| b.command)
}

/// Shift is part of the character for printable keys (`?`, `!`), so it is dropped there;
/// an upper-case letter with Control is the same key as its lower case.
fn normalise(event: &KeyEvent) -> Key {
    let mut mods =
        event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
    let mut code = event.code;
    if let KeyCode::Char(c) = code {
        mods.remove(KeyModifiers::SHIFT);
        if mods.contains(KeyModifiers::CONTROL) {
            code = KeyCode::Char(c.to_ascii_lowercase());
        }
    }
    if code == KeyCode::BackTab {
        mods.remove(KeyModifiers::SHIFT);
    }
    Key { code, mods }
}

/// The bindings of a context, for the help overlay (one row per command and label).
fn bindings_for(context: Context) -> impl Iterator<Item = &'static Binding> {
    let mut seen: Vec<(Command, &str)> = Vec::new();
    BINDINGS.iter().filter(move |b| {
        if !b.contexts.contains(&context) || seen.contains(&(b.command, b.help)) {
            return false;
        }
        seen.push((b.command, b.help));
        true
    })
}

/// `(keys, what they do)` rows for the help overlay: every key of a context, with
/// the keys that do the same thing on one row ("↑ k  move up").
pub fn help_rows(context: Context) -> Vec<(String, &'static str)> {
    let mut rows: Vec<(Command, &'static str, Vec<&'static str>)> = Vec::new();
    for b in BINDINGS.iter().filter(|b| b.contexts.contains(&context)) {
        match rows
            .iter_mut()
            .find(|(command, help, _)| *command == b.command && *help == b.help)
        {
            Some((_, _, labels)) if !labels.contains(&b.label) => labels.push(b.label),
            Some(_) => {}
            None => rows.push((b.command, b.help, vec![b.label])),
        }
    }
    rows.into_iter()
        .map(|(_, help, labels)| (labels.join(" "), help))
        .collect()
}

/// How the first key bound to `command` is written ("Ctrl+G"), for text that names it.
pub fn label_of(command: Command) -> &'static str {
    BINDINGS
        .iter()
        .find(|b| b.command == command)
        .map_or("", |b| b.label)
}

/// `(key, word)` pairs for the footer of a context.
pub fn footer_for(context: Context) -> Vec<(&'static str, &'static str)> {
    bindings_for(context)
        .filter_map(|b| b.footer.map(|word| (b.label, word)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventKind;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new_with_kind(code, mods, KeyEventKind::Press)
    }

    #[test]
    fn question_mark_with_shift_is_help() {
        let event = press(KeyCode::Char('?'), KeyModifiers::SHIFT);
        assert_eq!(command_for(Context::Library, &event), Some(Command::Help));
    }

    #[test]
    fn ctrl_with_caps_lock_is_the_same_key() {
        let event = press(
            KeyCode::Char('N'),
            KeyModifiers::CONTROL | KeyModifiers::SHIFT,
        );
        assert_eq!(command_for(Context::OwnView, &event), Some(Command::Next));
    }

    #[test]
    fn letters_are_text_while_writing_or_filtering() {
        for context in [
            Context::OwnView,
            Context::PartnerView,
            Context::Answering,
            Context::LastQuestion,
            Context::Filtering,
        ] {
            for c in ['q', 'j', 'k', '?', 'h', '/'] {
                let event = press(KeyCode::Char(c), KeyModifiers::NONE);
                assert_eq!(command_for(context, &event), None, "{c} in {context:?}");
            }
        }
    }

    #[test]
    fn every_context_has_help_and_ctrl_c() {
        for &context in EVERYWHERE {
            let f1 = press(KeyCode::F(1), KeyModifiers::NONE);
            let expected = match context {
                Context::Overlay => Some(Command::CloseOverlay),
                Context::Question | Context::Note => None,
                _ => Some(Command::Help),
            };
            assert_eq!(command_for(context, &f1), expected, "{context:?}");
            let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
            assert_eq!(command_for(context, &ctrl_c), Some(Command::ForceQuit));
        }
    }

    #[test]
    fn help_puts_keys_that_do_the_same_on_one_row() {
        let rows = help_rows(Context::Library);
        assert!(rows.contains(&("↑ k".to_string(), "move up")), "{rows:?}");
        assert!(rows.contains(&("? F1".to_string(), "all keys of this screen")));
        assert!(rows.contains(&("q".to_string(), "quit")));
    }

    #[test]
    fn footers_come_from_the_table() {
        let footer = footer_for(Context::Library);
        assert_eq!(
            footer,
            vec![
                ("Enter", "open"),
                ("/", "filter"),
                ("h", "history"),
                ("?", "help"),
                ("q", "quit")
            ]
        );
    }

    #[test]
    fn no_key_means_two_commands_in_one_context() {
        for &context in EVERYWHERE {
            let rows: Vec<_> = BINDINGS
                .iter()
                .filter(|b| b.contexts.contains(&context))
                .collect();
            for (i, a) in rows.iter().enumerate() {
                for b in &rows[i + 1..] {
                    for k in a.keys {
                        assert!(
                            !b.keys.contains(k) || a.command == b.command,
                            "{k:?} is both {:?} and {:?} in {context:?}",
                            a.command,
                            b.command
                        );
                    }
                }
            }
        }
    }
}
