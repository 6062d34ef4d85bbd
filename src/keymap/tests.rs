use super::defaults::EVERYWHERE;
use super::*;
use ratatui::crossterm::event::KeyEventKind;

/// The default table, as every app starts with.
fn table() -> Keymap {
    Keymap::default()
}

/// A key press, as crossterm reports it.
fn key_event(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new_with_kind(code, mods, KeyEventKind::Press)
}

fn plain(code: KeyCode) -> KeyEvent {
    key_event(code, KeyModifiers::NONE)
}

fn ctrl(c: char) -> KeyEvent {
    key_event(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn alt(c: char) -> KeyEvent {
    key_event(KeyCode::Char(c), KeyModifiers::ALT)
}

const WRITING: [Context; 4] = [
    Context::OWN_VIEW,
    Context::PARTNER_VIEW,
    Context::ANSWERING,
    Context::LastQuestion,
];

#[test]
fn question_mark_with_shift_is_help() {
    let event = key_event(KeyCode::Char('?'), KeyModifiers::SHIFT);
    assert_eq!(
        table().command_for(Context::Library, &event),
        Some(Command::Help)
    );
}

#[test]
fn ctrl_with_shift_or_caps_lock_is_the_key_without_shift_when_only_that_is_bound() {
    let ctrl_shift = KeyModifiers::CONTROL | KeyModifiers::SHIFT;
    for event in [
        key_event(KeyCode::Char('N'), ctrl_shift),
        key_event(KeyCode::Char('n'), ctrl_shift),
        // Caps Lock: a capital letter, no Shift.
        key_event(KeyCode::Char('N'), KeyModifiers::CONTROL),
    ] {
        assert_eq!(
            table().command_for(Context::OWN_VIEW, &event),
            Some(Command::Next),
            "{event:?}"
        );
    }
}

#[test]
fn ctrl_shift_z_is_redo_when_the_terminal_reports_shift_and_ctrl_y_always() {
    let redo = Some(Command::Edit(EditAction::Redo));
    let ctrl_shift = KeyModifiers::CONTROL | KeyModifiers::SHIFT;
    for context in WRITING {
        assert_eq!(
            table().command_for(context, &ctrl('z')),
            Some(Command::Edit(EditAction::Undo))
        );
        assert_eq!(table().command_for(context, &ctrl('y')), redo);
        assert_eq!(
            table().command_for(context, &key_event(KeyCode::Char('Z'), ctrl_shift)),
            redo
        );
        assert_eq!(
            table().command_for(context, &key_event(KeyCode::Char('z'), ctrl_shift)),
            redo
        );
    }
}

#[test]
fn letters_are_text_while_writing_or_filtering() {
    for context in WRITING.into_iter().chain([Context::Filtering]) {
        for c in ['q', 'j', 'k', '?', 'h', '/', 'n', 'x', 'd'] {
            let event = plain(KeyCode::Char(c));
            assert_eq!(
                table().command_for(context, &event),
                None,
                "{c} in {context:?}"
            );
            assert_eq!(typed_char(&event), Some(c));
        }
    }
}

#[test]
fn characters_are_typed_as_given_shifted_or_with_altgr() {
    let altgr = KeyModifiers::CONTROL | KeyModifiers::ALT;
    let typed = [
        (key_event(KeyCode::Char('A'), KeyModifiers::SHIFT), 'A'),
        (key_event(KeyCode::Char('!'), KeyModifiers::SHIFT), '!'),
        (key_event(KeyCode::Char('@'), altgr), '@'),
        (key_event(KeyCode::Char('e'), altgr), 'e'),
        (
            key_event(KeyCode::Char('€'), altgr | KeyModifiers::SHIFT),
            '€',
        ),
    ];
    for (event, c) in typed {
        assert_eq!(
            table().command_for(Context::OWN_VIEW, &event),
            None,
            "{event:?}"
        );
        assert_eq!(typed_char(&event), Some(c), "{event:?}");
    }
    for event in [
        ctrl('v'),
        alt('x'),
        key_event(KeyCode::Char('s'), KeyModifiers::SUPER),
        plain(KeyCode::Char('\u{1b}')),
        plain(KeyCode::Char('\u{202e}')),
        plain(KeyCode::Enter),
    ] {
        assert_eq!(typed_char(&event), None, "{event:?}");
    }
}

#[test]
fn every_editing_key_is_its_action_in_every_writing_context() {
    use EditAction as E;
    let keys = [
        (ctrl('z'), E::Undo),
        (ctrl('y'), E::Redo),
        (plain(KeyCode::Left), E::Left),
        (plain(KeyCode::Right), E::Right),
        (plain(KeyCode::Up), E::Up),
        (plain(KeyCode::Down), E::Down),
        (key_event(KeyCode::Left, KeyModifiers::CONTROL), E::WordLeft),
        (alt('b'), E::WordLeft),
        (
            key_event(KeyCode::Right, KeyModifiers::CONTROL),
            E::WordRight,
        ),
        (alt('f'), E::WordRight),
        (plain(KeyCode::Home), E::LineStart),
        (plain(KeyCode::End), E::LineEnd),
        (
            key_event(KeyCode::Home, KeyModifiers::CONTROL),
            E::TextStart,
        ),
        (key_event(KeyCode::End, KeyModifiers::CONTROL), E::TextEnd),
        (plain(KeyCode::PageUp), E::PageUp),
        (plain(KeyCode::PageDown), E::PageDown),
        (plain(KeyCode::Backspace), E::DeleteBack),
        (plain(KeyCode::Delete), E::DeleteForward),
        (ctrl('w'), E::DeleteWordBack),
        (ctrl('h'), E::DeleteWordBack),
        (
            key_event(KeyCode::Backspace, KeyModifiers::CONTROL),
            E::DeleteWordBack,
        ),
        (
            key_event(KeyCode::Backspace, KeyModifiers::ALT),
            E::DeleteWordBack,
        ),
        (alt('d'), E::DeleteWordForward),
        (
            key_event(KeyCode::Delete, KeyModifiers::CONTROL),
            E::DeleteWordForward,
        ),
        (plain(KeyCode::Enter), E::Newline),
        (plain(KeyCode::Tab), E::Tab),
        // Shift with a key that is not a character is the key without it.
        (key_event(KeyCode::Enter, KeyModifiers::SHIFT), E::Newline),
        (key_event(KeyCode::Left, KeyModifiers::SHIFT), E::Left),
    ];
    for context in WRITING {
        for (event, action) in keys {
            assert_eq!(
                table().command_for(context, &event),
                Some(Command::Edit(action)),
                "{event:?} in {context:?}"
            );
        }
    }
    for action in EditAction::ALL {
        assert!(
            table()
                .bindings()
                .iter()
                .any(|b| b.command() == Command::Edit(action)),
            "{action:?} has no key"
        );
    }
}

#[test]
fn keys_the_app_owns_are_not_edits_while_writing() {
    let app_keys = [
        ctrl('v'),
        ctrl('k'),
        ctrl('n'),
        ctrl('p'),
        ctrl('o'),
        ctrl('s'),
        ctrl('t'),
        ctrl('c'),
        ctrl('e'),
        ctrl('d'),
        ctrl('j'),
        ctrl('u'),
        alt('x'),
        plain(KeyCode::Esc),
        plain(KeyCode::F(1)),
        plain(KeyCode::BackTab),
        key_event(KeyCode::Char('s'), KeyModifiers::SUPER),
    ];
    for context in WRITING {
        for event in app_keys {
            let command = table().command_for(context, &event);
            assert!(
                !matches!(command, Some(Command::Edit(_))),
                "{event:?} is {command:?} in {context:?}"
            );
            assert_eq!(typed_char(&event), None, "{event:?}");
        }
    }
}

/// What reaches the program from Terminal.app and iTerm2 with their default settings,
/// where Ctrl+← and Ctrl+→ switch desktops, Option is not Alt for letters, and Home,
/// End, PgUp and PgDn scroll the terminal's own buffer unless Shift is held (then
/// they arrive as themselves, or with Shift).
#[test]
fn every_editing_move_has_a_key_that_reaches_it_on_a_mac() {
    use crate::editor::EditAction as E;
    let shift = |code| key_event(code, KeyModifiers::SHIFT);
    let mac = [
        // Option+← / Option+→: Alt+B / Alt+F in Terminal.app, Alt+arrow in iTerm2.
        (alt('b'), E::WordLeft),
        (key_event(KeyCode::Left, KeyModifiers::ALT), E::WordLeft),
        (alt('f'), E::WordRight),
        (key_event(KeyCode::Right, KeyModifiers::ALT), E::WordRight),
        // As in every Mac text field.
        (ctrl('a'), E::LineStart),
        // Shift+Fn+← and friends.
        (shift(KeyCode::Home), E::LineStart),
        (shift(KeyCode::End), E::LineEnd),
        (shift(KeyCode::PageUp), E::PageUp),
        (shift(KeyCode::PageDown), E::PageDown),
        // Fn+Delete is forward delete; Option+Delete is Alt+Backspace or Ctrl+W.
        (plain(KeyCode::Delete), E::DeleteForward),
        (
            key_event(KeyCode::Backspace, KeyModifiers::ALT),
            E::DeleteWordBack,
        ),
        (ctrl('w'), E::DeleteWordBack),
        (ctrl('z'), E::Undo),
        (ctrl('y'), E::Redo),
    ];
    for context in WRITING {
        for (event, action) in mac {
            assert_eq!(
                table().command_for(context, &event),
                Some(Command::Edit(action)),
                "{event:?} in {context:?}"
            );
        }
    }
}

#[test]
fn backspace_edits_the_filter() {
    assert_eq!(
        table().command_for(Context::Filtering, &plain(KeyCode::Backspace)),
        Some(Command::Edit(EditAction::DeleteBack))
    );
    assert_eq!(
        table().command_for(Context::Library, &plain(KeyCode::Backspace)),
        None
    );
}

#[test]
fn every_context_has_help_and_ctrl_c() {
    for &context in EVERYWHERE {
        let f1 = plain(KeyCode::F(1));
        let expected = match context {
            Context::Overlay => Some(Command::CloseOverlay),
            Context::Question
            | Context::Note
            | Context::Calm
            | Context::CalmNote
            | Context::Break
            | Context::Prompt => None,
            _ => Some(Command::Help),
        };
        assert_eq!(table().command_for(context, &f1), expected, "{context:?}");
        assert_eq!(
            table().command_for(context, &ctrl('c')),
            Some(Command::ForceQuit)
        );
    }
}

#[test]
fn help_puts_keys_that_do_the_same_on_one_row() {
    let rows = table().help_rows(Context::Library);
    assert!(rows.contains(&("↑ k".to_string(), "move up")), "{rows:?}");
    assert!(rows.contains(&("? F1".to_string(), "all keys of this screen")));
    assert!(rows.contains(&("q".to_string(), "quit")));
    assert!(table().editing_help_rows(Context::Library).is_empty());
}

#[test]
fn help_lists_the_editing_keys_apart_without_the_keys_no_one_presses() {
    let app = table().help_rows(Context::OWN_VIEW);
    assert!(app.iter().all(|(_, help)| *help != "undo"), "{app:?}");
    let editing = table().editing_help_rows(Context::OWN_VIEW);
    assert_eq!(editing[0], ("Ctrl+Z".to_string(), "undo"));
    assert_eq!(editing[1], ("Ctrl+Y Ctrl+Shift+Z".to_string(), "redo"));
    assert!(editing.contains(&(
        "Ctrl+Backspace Ctrl+W Alt+Backspace".to_string(),
        "delete the word before the cursor"
    )));
    assert!(
        !editing
            .iter()
            .any(|(keys, _)| keys.split(' ').any(|key| key == "Ctrl+H"))
    );
}

#[test]
fn footers_come_from_the_table() {
    assert_eq!(
        table().footer_for(Context::Library),
        vec![
            ("Enter", "open"),
            ("n", "your own"),
            ("/", "filter"),
            ("h", "journal"),
            ("?", "help"),
            ("q", "quit")
        ]
    );
    assert!(
        table()
            .footer_for(Context::OWN_VIEW)
            .contains(&("F1", "help"))
    );
}

#[test]
fn labels_name_the_keys_prompts_mention() {
    let named = [
        (Context::Question, Command::Yes, "Enter"),
        (Context::Question, Command::No, "n"),
        (Context::Question, Command::Cancel, "Esc"),
        (Context::Overlay, Command::CloseOverlay, "Esc"),
        (Context::Overlay, Command::Down, "↓"),
        (Context::Overlay, Command::PageDown, "PgDn"),
        (Context::OWN_VIEW, Command::ToggleHints, "Ctrl+T"),
        (Context::OWN_VIEW, Command::Back, "Esc"),
        (Context::Library, Command::ClearFilter, "Esc"),
        (Context::Filtering, Command::ClearFilter, "Esc"),
        (Context::Library, Command::ShowProblems, "!"),
        (Context::Library, Command::Hide, "Ctrl+G"),
    ];
    for (context, command, label) in named {
        assert_eq!(
            table().label_of(context, command),
            label,
            "{command:?} in {context:?}"
        );
    }
    assert_eq!(table().label_of(Context::Library, Command::Finish), "");
}

#[test]
fn no_key_means_two_commands_in_one_context() {
    let table = table();
    for &context in EVERYWHERE {
        let rows: Vec<_> = table
            .bindings()
            .iter()
            .filter(|b| b.contexts().contains(&context))
            .collect();
        for (i, a) in rows.iter().enumerate() {
            for b in &rows[i + 1..] {
                for k in a.keys() {
                    assert!(
                        !b.keys().contains(k) || a.command() == b.command(),
                        "{k} is both {} and {} in {context:?}",
                        a.command(),
                        b.command()
                    );
                }
            }
        }
    }
}

#[test]
fn every_key_in_the_table_is_as_a_press_is_looked_up_and_reads_back() {
    for binding in table().bindings() {
        for &key in binding.keys() {
            let (looked_up, _) = Key::candidates(&KeyEvent::new(key.code, key.mods));
            assert_eq!(looked_up, key, "{key}");
            assert_eq!(key.to_string().parse::<Key>(), Ok(key), "{key}");
        }
        assert_eq!(binding.label(), binding.keys()[0].to_string());
    }
}

#[test]
fn commands_have_one_name_each_that_reads_back() {
    let names: Vec<&str> = Command::all().map(Command::name).collect();
    for (i, name) in names.iter().enumerate() {
        assert!(!names[i + 1..].contains(name), "{name} twice");
        assert_eq!(name.parse::<Command>().map(Command::name), Ok(*name));
    }
    for binding in table().bindings() {
        assert!(Command::all().any(|c| c == binding.command()));
    }
    assert_eq!("next".parse(), Ok(Command::Next));
    assert_eq!("edit.undo".parse(), Ok(Command::Edit(EditAction::Undo)));
    assert_eq!(
        "nxet".parse::<Command>(),
        Err(UnknownCommand("nxet".into()))
    );
}

#[test]
fn a_command_rebound_by_name_answers_to_the_new_key_only() {
    let mut keymap = Keymap::default();
    let next: Command = "next".parse().unwrap();
    keymap.rebind(next, "Ctrl+J".parse().unwrap()).unwrap();
    for context in [Context::OWN_VIEW, Context::ANSWERING, Context::SIDE_BY_SIDE] {
        assert_eq!(keymap.command_for(context, &ctrl('j')), Some(Command::Next));
        assert_eq!(keymap.command_for(context, &ctrl('n')), None, "freed");
        assert!(keymap.footer_for(context).contains(&("Ctrl+J", "next")));
    }
    assert_eq!(keymap.label_of(Context::OWN_VIEW, Command::Next), "Ctrl+J");
    // Where `next` is also Enter (the scenario), Ctrl+J replaces both.
    assert_eq!(
        keymap.command_for(Context::SCENARIO, &ctrl('j')),
        Some(Command::Next)
    );
    assert_eq!(
        keymap.command_for(Context::SCENARIO, &plain(KeyCode::Enter)),
        None
    );
    // Finish, on the last question, keeps Ctrl+N.
    assert_eq!(
        keymap.command_for(Context::LastQuestion, &ctrl('n')),
        Some(Command::Finish)
    );
    // The defaults in use are untouched.
    assert_eq!(
        table().command_for(Context::OWN_VIEW, &ctrl('n')),
        Some(Command::Next)
    );
}

#[test]
fn a_command_reached_by_several_keys_keeps_one_row_after_a_rebind() {
    let mut keymap = Keymap::default();
    keymap
        .rebind(Command::Up, "Ctrl+U".parse().unwrap())
        .unwrap();
    let rows = keymap.help_rows(Context::Library);
    assert!(
        rows.contains(&("Ctrl+U".to_string(), "move up")),
        "{rows:?}"
    );
    assert_eq!(
        keymap.command_for(Context::Library, &plain(KeyCode::Char('k'))),
        None
    );
    assert_eq!(
        keymap.command_for(Context::Library, &plain(KeyCode::Up)),
        None
    );
    let ups = keymap
        .bindings()
        .iter()
        .filter(|b| b.command() == Command::Up)
        .count();
    assert_eq!(ups, 1);
}

#[test]
fn a_rebind_that_would_give_a_key_two_meanings_or_take_a_letter_is_refused() {
    let mut keymap = Keymap::default();
    let before = format!("{keymap:?}");
    assert_eq!(
        keymap.rebind(Command::Next, Key::ctrl('p')),
        Err(RebindError::Taken {
            key: Key::ctrl('p'),
            context: Context::MOMENT,
            by: Command::Previous
        })
    );
    assert_eq!(
        keymap.rebind(Command::Edit(EditAction::Undo), Key::ctrl('g')),
        Err(RebindError::Taken {
            key: Key::ctrl('g'),
            context: Context::MOMENT,
            by: Command::Hide
        })
    );
    assert_eq!(
        keymap.rebind(Command::Up, Key::char('w')),
        Err(RebindError::Types {
            key: Key::char('w'),
            context: Context::Filtering
        })
    );
    assert_eq!(format!("{keymap:?}"), before, "nothing changed");
    let error = keymap.rebind(Command::Next, Key::ctrl('p')).unwrap_err();
    assert_eq!(
        error.to_string(),
        "Ctrl+P already means “previous” while describing a moment of your own"
    );
}
