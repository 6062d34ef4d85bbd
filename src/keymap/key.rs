//! A key as the table holds it, how it is written for the user ("Ctrl+N", "PgUp"),
//! read back from that, and which keys of the table a key press may mean.

use std::fmt;
use std::str::FromStr;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key of the table: a key code and the modifiers held with it. A printable character
/// alone is held as typed, Shift being part of it (`?`, `A`); a letter with Ctrl or Alt is
/// held in lower case, with Shift among the modifiers when it is part of the key
/// (`Ctrl+Shift+Z`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

/// The modifiers the table knows; others (Super, Hyper, Meta) are not told apart.
const KNOWN: KeyModifiers = KeyModifiers::CONTROL
    .union(KeyModifiers::ALT)
    .union(KeyModifiers::SHIFT);

impl Key {
    pub const fn new(code: KeyCode, mods: KeyModifiers) -> Key {
        Key { code, mods }
    }

    /// A key alone, e.g. `Enter`.
    pub const fn plain(code: KeyCode) -> Key {
        Key::new(code, KeyModifiers::NONE)
    }

    /// A character typed alone, e.g. `?`.
    pub const fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    /// Ctrl with a lower-case letter, e.g. `Ctrl+N`.
    pub const fn ctrl(c: char) -> Key {
        Key::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    /// Alt with a lower-case letter, e.g. `Alt+B`.
    pub const fn alt(c: char) -> Key {
        Key::new(KeyCode::Char(c), KeyModifiers::ALT)
    }

    /// The keys of the table a key press may mean, the first to be looked up first:
    ///
    /// - A printable character alone: Shift is part of the character (`?` is Shift+/ on
    ///   many keyboards), so it is dropped.
    /// - A letter with Ctrl or Alt: Shift is looked up first and, if nothing is bound
    ///   with Shift, the key without it. `Ctrl+Shift+Z` is redo when the terminal reports
    ///   Shift, but a plain terminal sends `Ctrl+Z` and `Ctrl+Shift+Z` as the same byte,
    ///   which is why `Ctrl+Y` stays redo too; and `Ctrl+Shift+N`, or `Ctrl+N` with Caps
    ///   Lock (a capital letter), is still "next". A capital letter counts as Shift.
    /// - Any other key with Shift (`Shift+Enter`, `Shift+↑`) is looked up the same way:
    ///   with Shift first, then without.
    pub fn candidates(event: &KeyEvent) -> (Key, Option<Key>) {
        let mods = event.modifiers & KNOWN;
        let held = mods - KeyModifiers::SHIFT;
        let shifted = mods.contains(KeyModifiers::SHIFT);
        match event.code {
            KeyCode::Char(c) if held.is_empty() => (Key::new(KeyCode::Char(c), held), None),
            KeyCode::Char(c) if c.is_ascii_alphabetic() => {
                let code = KeyCode::Char(c.to_ascii_lowercase());
                if shifted || c.is_ascii_uppercase() {
                    (
                        Key::new(code, held | KeyModifiers::SHIFT),
                        Some(Key::new(code, held)),
                    )
                } else {
                    (Key::new(code, held), None)
                }
            }
            KeyCode::Char(c) => (Key::new(KeyCode::Char(c), held), None),
            // Shift+Tab arrives as its own key.
            KeyCode::BackTab => (Key::new(KeyCode::BackTab, held), None),
            code if shifted => (Key::new(code, mods), Some(Key::new(code, held))),
            code => (Key::new(code, held), None),
        }
    }

    /// The key as the table holds it, for a key written another way (`Ctrl+N` with a
    /// capital letter, `Shift+A` for `A`).
    pub(super) fn canonical(self) -> Key {
        Key::candidates(&KeyEvent::new(self.code, self.mods)).0
    }
}

/// Names of keys without a character, as written for the user and read back.
const NAMED: &[(KeyCode, &str)] = &[
    (KeyCode::Enter, "Enter"),
    (KeyCode::Esc, "Esc"),
    (KeyCode::Tab, "Tab"),
    (KeyCode::BackTab, "Shift+Tab"),
    (KeyCode::Backspace, "Backspace"),
    (KeyCode::Delete, "Delete"),
    (KeyCode::Insert, "Insert"),
    (KeyCode::Home, "Home"),
    (KeyCode::End, "End"),
    (KeyCode::PageUp, "PgUp"),
    (KeyCode::PageDown, "PgDn"),
    (KeyCode::Up, "↑"),
    (KeyCode::Down, "↓"),
    (KeyCode::Left, "←"),
    (KeyCode::Right, "→"),
    (KeyCode::Char(' '), "Space"),
];

/// Other names read for the same keys, for a settings file typed by hand.
const ALSO_READ: &[(KeyCode, &str)] = &[
    (KeyCode::BackTab, "BackTab"),
    (KeyCode::Enter, "Return"),
    (KeyCode::Esc, "Escape"),
    (KeyCode::Delete, "Del"),
    (KeyCode::Insert, "Ins"),
    (KeyCode::PageUp, "PageUp"),
    (KeyCode::PageDown, "PageDown"),
    (KeyCode::Up, "Up"),
    (KeyCode::Down, "Down"),
    (KeyCode::Left, "Left"),
    (KeyCode::Right, "Right"),
];

/// How the key is written in the footer, help and prompts: "Ctrl+N", "Enter", "?".
impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let held = self
            .mods
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        for (modifier, name) in [
            (KeyModifiers::CONTROL, "Ctrl+"),
            (KeyModifiers::ALT, "Alt+"),
            (KeyModifiers::SHIFT, "Shift+"),
        ] {
            if self.mods.contains(modifier) {
                f.write_str(name)?;
            }
        }
        if let Some((_, name)) = NAMED.iter().find(|(code, _)| *code == self.code) {
            return f.write_str(name);
        }
        match self.code {
            KeyCode::Char(c) if held => write!(f, "{}", c.to_uppercase()),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// A key name that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKey(pub String);

impl fmt::Display for UnknownKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "no key is called “{}” (write keys as Ctrl+N, Alt+B, Enter, PgDn, F1 or ?)",
            self.0
        )
    }
}

impl std::error::Error for UnknownKey {}

/// Reads a key as [`Display`](fmt::Display) writes it ("Ctrl+Shift+Z", "PgUp", "?");
/// modifier and key names in any case, and a few other names ("Escape", "PageDown").
/// `("Ctrl", "N")` from "Ctrl+N" or "ctrl-n"; `None` when nothing joins a
/// modifier to a key ("+" and "-" alone are keys). A word before "+" that is not
/// a modifier is still split off, to be refused; before "-" it is left whole.
fn split_modifier(text: &str) -> Option<(&str, &str)> {
    let is_modifier = |word: &str| {
        ["ctrl", "control", "alt", "option", "shift"]
            .iter()
            .any(|m| m.eq_ignore_ascii_case(word))
    };
    match text.split_once('+') {
        Some((modifier, after)) if !after.is_empty() => Some((modifier, after)),
        _ => text
            .split_once('-')
            .filter(|(modifier, after)| !after.is_empty() && is_modifier(modifier)),
    }
}

impl FromStr for Key {
    type Err = UnknownKey;

    fn from_str(text: &str) -> Result<Key, UnknownKey> {
        let unknown = || UnknownKey(text.to_owned());
        let mut mods = KeyModifiers::NONE;
        let mut rest = text.trim();
        // "+" alone, or after a modifier ("Ctrl++"), is the plus key. A modifier may
        // also be joined with "-", as other programs' settings write it ("ctrl-n").
        while let Some((modifier, after)) = split_modifier(rest) {
            mods |= match modifier.to_ascii_lowercase().as_str() {
                "ctrl" | "control" => KeyModifiers::CONTROL,
                "alt" | "option" => KeyModifiers::ALT,
                "shift" => KeyModifiers::SHIFT,
                _ => return Err(unknown()),
            };
            rest = after;
        }
        let named = NAMED
            .iter()
            .chain(ALSO_READ)
            .find(|(_, name)| name.eq_ignore_ascii_case(rest))
            .map(|(code, _)| *code);
        let code = match named {
            Some(code) => code,
            None => {
                let mut chars = rest.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) if !c.is_control() => KeyCode::Char(c),
                    _ => match rest.strip_prefix(['F', 'f']).map(str::parse::<u8>) {
                        Some(Ok(n)) if (1..=24).contains(&n) => KeyCode::F(n),
                        _ => return Err(unknown()),
                    },
                }
            }
        };
        if code == KeyCode::Tab && mods.contains(KeyModifiers::SHIFT) {
            // Terminals send Shift+Tab as a key of its own.
            return Ok(Key::new(KeyCode::BackTab, mods - KeyModifiers::SHIFT));
        }
        if let KeyCode::Char(c) = code
            && mods == KeyModifiers::SHIFT
        {
            // Shift with a character alone is the character it types.
            return match c.is_alphabetic() {
                true => Ok(Key::char(c.to_uppercase().next().unwrap_or(c))),
                false => Err(unknown()),
            };
        }
        // "Ctrl+N" is written with a capital but means the key without Shift.
        let code = match code {
            KeyCode::Char(c) if c.is_ascii_alphabetic() => KeyCode::Char(c.to_ascii_lowercase()),
            code => code,
        };
        Ok(Key::new(code, mods).canonical())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A key press, as crossterm reports it.
    fn key_event(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn keys_are_written_as_the_footer_shows_them() {
        let shown = [
            (Key::ctrl('n'), "Ctrl+N"),
            (
                Key::new(
                    KeyCode::Char('z'),
                    KeyModifiers::CONTROL | KeyModifiers::SHIFT,
                ),
                "Ctrl+Shift+Z",
            ),
            (Key::alt('b'), "Alt+B"),
            (Key::plain(KeyCode::Enter), "Enter"),
            (Key::plain(KeyCode::Esc), "Esc"),
            (Key::plain(KeyCode::Up), "↑"),
            (Key::plain(KeyCode::PageUp), "PgUp"),
            (Key::plain(KeyCode::F(1)), "F1"),
            (Key::char('?'), "?"),
            (Key::char('q'), "q"),
            (Key::new(KeyCode::Left, KeyModifiers::CONTROL), "Ctrl+←"),
            (
                Key::new(KeyCode::Backspace, KeyModifiers::ALT),
                "Alt+Backspace",
            ),
            (Key::plain(KeyCode::BackTab), "Shift+Tab"),
            (Key::char(' '), "Space"),
        ];
        for (key, name) in shown {
            assert_eq!(key.to_string(), name);
            assert_eq!(name.parse::<Key>(), Ok(key), "{name}");
        }
    }

    #[test]
    fn keys_are_read_in_any_case_and_by_other_names() {
        assert_eq!("ctrl+n".parse(), Ok(Key::ctrl('n')));
        assert_eq!("CTRL+N".parse(), Ok(Key::ctrl('n')));
        assert_eq!("Escape".parse(), Ok(Key::plain(KeyCode::Esc)));
        assert_eq!("pagedown".parse(), Ok(Key::plain(KeyCode::PageDown)));
        assert_eq!("Shift+a".parse(), Ok(Key::char('A')));
        assert_eq!("+".parse(), Ok(Key::char('+')));
        assert_eq!("Ctrl++".parse(), Ok(Key::ctrl('+')));
        assert_eq!(
            "Ctrl+Shift+z".parse(),
            Ok(Key::new(
                KeyCode::Char('z'),
                KeyModifiers::CONTROL | KeyModifiers::SHIFT
            ))
        );
        for wrong in [
            "", "Ctrl+", "Hyper+A", "F0", "F99", "Enterr", "Shift+?", "ab",
        ] {
            assert_eq!(
                wrong.parse::<Key>(),
                Err(UnknownKey(wrong.to_owned())),
                "{wrong}"
            );
        }
    }

    #[test]
    fn shift_is_part_of_a_character_typed_alone() {
        let (key, then) = Key::candidates(&key_event(KeyCode::Char('?'), KeyModifiers::SHIFT));
        assert_eq!((key, then), (Key::char('?'), None));
        let (key, then) = Key::candidates(&key_event(KeyCode::Char('A'), KeyModifiers::SHIFT));
        assert_eq!((key, then), (Key::char('A'), None));
    }

    #[test]
    fn ctrl_with_a_capital_or_shift_is_looked_up_with_shift_then_without() {
        let with_shift = Key::new(
            KeyCode::Char('z'),
            KeyModifiers::CONTROL | KeyModifiers::SHIFT,
        );
        let ctrl_shift = KeyModifiers::CONTROL | KeyModifiers::SHIFT;
        for event in [
            key_event(KeyCode::Char('Z'), ctrl_shift),
            key_event(KeyCode::Char('z'), ctrl_shift),
            key_event(KeyCode::Char('Z'), KeyModifiers::CONTROL),
        ] {
            assert_eq!(Key::candidates(&event), (with_shift, Some(Key::ctrl('z'))));
        }
        assert_eq!(
            Key::candidates(&key_event(KeyCode::Char('z'), KeyModifiers::CONTROL)),
            (Key::ctrl('z'), None)
        );
    }

    #[test]
    fn other_modifiers_are_not_told_apart() {
        let event = key_event(
            KeyCode::Char('n'),
            KeyModifiers::CONTROL | KeyModifiers::SUPER,
        );
        assert_eq!(Key::candidates(&event), (Key::ctrl('n'), None));
    }
}
