//! Text made safe to show: the one place that decides which characters from
//! scenario files, entry files and file names may reach a terminal as they are.
//!
//! Control characters (C0, DEL, C1) can move the cursor, clear the screen,
//! change the window title or write the clipboard; the bidi embeddings and
//! overrides (U+202A–U+202E) and isolates (U+2066–U+2069) can make text read
//! in another order than it is stored. None of them is ever silently removed:
//! each is shown as a visible escape such as `\u{1b}`, so a reader sees that
//! something is there. Everything else is text and stays, zero-width joiners,
//! combining marks and right-to-left letters included.
//!
//! - [`line`] for one-line fields and names (titles, ids, tags, partner names,
//!   file and folder names, messages);
//! - [`prose`] for multi-line text, which keeps newlines, tabs and isolates
//!   balanced within their line (Hebrew and Arabic authors may need them);
//! - [`path`] for a path in a message;
//! - [`json`] for serialized JSON, which keeps the data exact;
//! - [`find_unsafe`] for `check`, which reports what would be escaped.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::Path;

/// One line of text, safe to show: every control character (newline and tab
/// included), every bidi embedding, override and isolate becomes `\u{…}`.
/// Borrowed when there is nothing to escape.
pub fn line(text: &str) -> Cow<'_, str> {
    if !maybe_unsafe(text, false) {
        return Cow::Borrowed(text);
    }
    let Some(first) = text.find(line_escapes) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        if line_escapes(c) {
            push_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A title or heading on one line: spaces, tabs and newlines run together, and every
/// other control or text-direction character is shown as an escape.
pub fn one_line(text: &str) -> String {
    let words: Vec<&str> = text
        .split([' ', '\t', '\n'])
        .filter(|w| !w.is_empty())
        .collect();
    line(&words.join(" ")).into_owned()
}

/// Multi-line text, safe to show: newlines and tabs stay, and so do isolates
/// balanced within their line; every other character [`line`] escapes is escaped.
/// Borrowed when there is nothing to escape.
pub fn prose(text: &str) -> Cow<'_, str> {
    if !maybe_unsafe(text, true) {
        return Cow::Borrowed(text);
    }
    let unbalanced = unbalanced_isolates(text);
    let escape = |at: usize, c: char| match c {
        '\n' | '\t' => false,
        c if is_isolate(c) => unbalanced.contains(&at),
        c => line_escapes(c),
    };
    let Some((first, _)) = text.char_indices().find(|&(at, c)| escape(at, c)) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..first]);
    for (at, c) in text[first..].char_indices() {
        if escape(first + at, c) {
            push_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A path for a message: shown as text (invalid UTF-8 replaced), then made safe
/// as one line.
pub fn path(path: &Path) -> String {
    let shown = path.to_string_lossy();
    line(&shown).into_owned()
}

/// Serialized JSON with every DEL, C1 control and bidi embedding, override
/// and isolate written as a JSON escape (`\u007f`, `\u202e`). A JSON reader
/// gets exactly the same characters back; a terminal never sees them raw.
/// serde_json already escapes the C0 controls. These characters can only stand
/// inside JSON strings, so escaping them wherever they are is always valid.
pub fn json(text: &str) -> Cow<'_, str> {
    let needs = |c: char| c == '\u{7f}' || (!c.is_ascii() && line_escapes(c));
    if !maybe_unsafe(text, false) || !text.contains(needs) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if needs(c) {
            // All of them are in the Basic Multilingual Plane: one `\uXXXX` each.
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Where `check` must report a character, as byte offsets into `text` with the
/// character: control characters other than newline, tab and carriage return
/// (CRLF files are fine), DEL, C1 controls, bidi embeddings and overrides, and
/// isolates not balanced within their line.
pub fn find_unsafe(text: &str) -> Vec<(usize, char)> {
    // Newlines and tabs are never reported: the prose look, which passes over
    // them, is enough to know that nothing else is there (a scenario file is
    // mostly lines of prose).
    if !maybe_unsafe(text, true) {
        return Vec::new();
    }
    let unbalanced = unbalanced_isolates(text);
    text.char_indices()
        .filter(|&(at, c)| match c {
            '\n' | '\t' | '\r' => false,
            c if is_isolate(c) => unbalanced.contains(&at),
            c => line_escapes(c),
        })
        .collect()
}

/// Whether `text` may hold a character [`find_unsafe`] reports: `false` is
/// certain (a quick look at the bytes), `true` means look closer.
pub fn may_hold_unsafe(text: &str) -> bool {
    maybe_unsafe(text, true)
}

/// A short name for a character `find_unsafe` reports, for messages:
/// `U+001B (escape, a control character)`.
pub fn describe(c: char) -> String {
    let code = u32::from(c);
    let name = match c {
        '\0' => "null, a control character",
        '\u{7}' => "bell, a control character",
        '\u{8}' => "backspace, a control character",
        '\u{b}' => "vertical tab, a control character",
        '\u{c}' => "form feed, a control character",
        '\r' => "carriage return, a control character",
        '\u{1b}' => "escape, a control character",
        '\u{7f}' => "delete, a control character",
        '\u{9b}' => "a control character that starts terminal commands",
        '\u{202a}' => "left-to-right embedding, a text-direction control",
        '\u{202b}' => "right-to-left embedding, a text-direction control",
        '\u{202c}' => "pop directional formatting, a text-direction control",
        '\u{202d}' => "left-to-right override, a text-direction control",
        '\u{202e}' => "right-to-left override, a text-direction control",
        '\u{2066}' => "left-to-right isolate, not closed on its line",
        '\u{2067}' => "right-to-left isolate, not closed on its line",
        '\u{2068}' => "first strong isolate, not closed on its line",
        '\u{2069}' => "pop directional isolate, not opened on its line",
        c if c.is_control() => "a control character",
        _ => "a text-direction control",
    };
    format!("U+{code:04X} ({name})")
}

/// Whether [`line`] escapes `c`.
fn line_escapes(c: char) -> bool {
    c.is_control() || is_embedding(c) || is_isolate(c)
}

/// A bidi embedding or override (U+202A–U+202E): never text, whoever typed it.
pub fn is_embedding(c: char) -> bool {
    ('\u{202a}'..='\u{202e}').contains(&c)
}

/// A character that may be typed or pasted into the user's text: not a control
/// character (line breaks and tabs are keys of their own), not a bidi embedding or
/// override, which would reorder what is shown around them.
pub fn can_be_typed(c: char) -> bool {
    !c.is_control() && !is_embedding(c)
}

/// A bidi isolate (U+2066–U+2069): text in prose when balanced, never in a name.
pub fn is_isolate(c: char) -> bool {
    ('\u{2066}'..='\u{2069}').contains(&c)
}

/// What ends a paragraph for the bidi algorithm, and so closes every isolate.
fn ends_paragraph(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{1c}'..='\u{1e}' | '\u{85}' | '\u{2029}')
}

/// The byte offsets of isolates not balanced within their line: a closing one
/// with nothing open, or an opening one still open at the end of the line.
fn unbalanced_isolates(text: &str) -> Vec<usize> {
    let mut unbalanced = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for (at, c) in text.char_indices() {
        match c {
            '\u{2066}'..='\u{2068}' => open.push(at),
            '\u{2069}' => {
                let closed = open.pop();
                if closed.is_none() {
                    unbalanced.push(at);
                }
            }
            c if ends_paragraph(c) => unbalanced.append(&mut open),
            _ => {}
        }
    }
    unbalanced.append(&mut open);
    unbalanced.sort_unstable();
    unbalanced
}

/// A fast first look at the bytes: `false` means no character this module escapes
/// is in `text` (newlines and tabs aside, with `prose`). It is exact for C0, DEL, C1
/// (0xC2 0x80–0x9F), U+202A–U+202E (0xE2 0x80 0xAA–0xAE) and U+2066–U+2069 (0xE2 0x81
/// 0xA6–0xA9), so prose full of curly quotes and dashes (also 0xE2…) stays borrowed.
fn maybe_unsafe(text: &str, prose: bool) -> bool {
    let bytes = text.as_bytes();
    // A byte that may start something to escape; 0xE2 also starts curly quotes and
    // dashes, so those are looked at closely below.
    let candidate = |b: u8| {
        (b < 0x20 && (!prose || (b != b'\n' && b != b'\t'))) || b == 0x7f || b == 0xc2 || b == 0xe2
    };
    // Blocks of 64 bytes are checked without branching (the compiler vectorises
    // it), and only a block with a candidate is looked at byte by byte.
    const BLOCK: usize = 64;
    for (n, block) in bytes.chunks(BLOCK).enumerate() {
        if !block.iter().fold(false, |any, &b| any | candidate(b)) {
            continue;
        }
        for (i, &b) in block.iter().enumerate() {
            let at = n * BLOCK + i;
            let found = match b {
                0xc2 => bytes.get(at + 1).is_some_and(|n| (0x80..=0x9f).contains(n)),
                0xe2 => match (bytes.get(at + 1), bytes.get(at + 2)) {
                    (Some(0x80), Some(n)) => (0xaa..=0xae).contains(n),
                    (Some(0x81), Some(n)) => (0xa6..=0xa9).contains(n),
                    _ => false,
                },
                b => candidate(b),
            };
            if found {
                return true;
            }
        }
    }
    false
}

fn push_escape(out: &mut String, c: char) {
    let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every character `line` must escape, for the property tests.
    fn is_unsafe_for_a_line(c: char) -> bool {
        (c as u32) < 0x20 || ('\u{7f}'..='\u{9f}').contains(&c) || is_embedding(c) || is_isolate(c)
    }

    #[test]
    fn line_escapes_the_attacks_of_the_issue() {
        assert_eq!(
            line("a\u{1b}]52;c;aGVsbG8=\u{7}b"),
            "a\\u{1b}]52;c;aGVsbG8=\\u{7}b"
        );
        assert_eq!(line("\u{1b}[2J"), "\\u{1b}[2J");
        assert_eq!(line("x\0y\u{9b}z"), "x\\u{0}y\\u{9b}z");
        assert_eq!(line("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(line("\u{7f}"), "\\u{7f}");
    }

    #[test]
    fn line_escapes_newlines_tabs_and_every_isolate() {
        assert_eq!(line("a\nb\tc\r"), "a\\u{a}b\\u{9}c\\u{d}");
        assert_eq!(line("\u{2067}שלום\u{2069}"), "\\u{2067}שלום\\u{2069}");
        for c in [
            '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{2066}', '\u{2068}',
        ] {
            assert_eq!(line(&c.to_string()), format!("\\u{{{:x}}}", c as u32));
        }
    }

    #[test]
    fn line_borrows_when_nothing_needs_escaping() {
        for text in [
            "",
            "Dishes at midnight",
            "日本語 — “quotes” and é",
            "👩‍❤️‍👨 family",
            "שלום עולם",
            "مرحبا",
            "e\u{301}",
            "\u{200d}\u{200e}\u{2028}",
        ] {
            assert!(
                matches!(line(text), Cow::Borrowed(t) if t == text),
                "{text:?}"
            );
            assert!(
                matches!(prose(text), Cow::Borrowed(t) if t == text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn prose_keeps_newlines_tabs_and_balanced_isolates() {
        let text = "one\n\ttwo \u{2067}עברית\u{2069} and \u{2066}x\u{2068}y\u{2069}\u{2069}";
        assert!(matches!(prose(text), Cow::Borrowed(_)));
    }

    #[test]
    fn prose_escapes_isolates_unbalanced_within_their_line() {
        assert_eq!(
            prose("\u{2067}open\nclose\u{2069}"),
            "\\u{2067}open\nclose\\u{2069}"
        );
        assert_eq!(prose("a\u{2069}\u{2066}b"), "a\\u{2069}\\u{2066}b");
        assert_eq!(
            prose("\u{2066}a\u{2066}b\u{2069}"),
            "\\u{2066}a\u{2066}b\u{2069}"
        );
    }

    #[test]
    fn prose_escapes_controls_other_than_newline_and_tab() {
        assert_eq!(
            prose("a\r\nb\u{1b}[31m\u{202e}"),
            "a\\u{d}\nb\\u{1b}[31m\\u{202e}"
        );
    }

    #[test]
    fn path_is_one_safe_line() {
        assert_eq!(
            path(Path::new("/tmp/a\u{1b}]0;x\u{7}/b\u{202e}.toml")),
            "/tmp/a\\u{1b}]0;x\\u{7}/b\\u{202e}.toml"
        );
        // A name that is not Unicode: a stray byte on Unix, an unpaired surrogate on
        // Windows. Either way it is shown, with U+FFFD in its place.
        #[cfg(unix)]
        let bad = {
            use std::os::unix::ffi::OsStrExt as _;
            std::ffi::OsStr::from_bytes(b"a\xff\x1b.toml").to_owned()
        };
        #[cfg(windows)]
        let bad = {
            use std::os::windows::ffi::OsStringExt as _;
            let mut wide: Vec<u16> = "a".encode_utf16().collect();
            wide.push(0xD800);
            wide.extend("\u{1b}.toml".encode_utf16());
            std::ffi::OsString::from_wide(&wide)
        };
        #[cfg(any(unix, windows))]
        assert_eq!(path(Path::new(&bad)), "a\u{fffd}\\u{1b}.toml");
    }

    #[test]
    fn json_escapes_del_c1_and_bidi_and_keeps_the_data() {
        let original = "t\u{1b}]52;c;x\u{7}\u{7f}\u{9b}\u{85}\u{202e}\u{2067}א\u{2069}\u{200d}é\n";
        let serialized = serde_json::to_string(&original).unwrap();
        let safe = json(&serialized);
        assert!(!safe.contains(is_unsafe_for_a_line), "{safe}");
        assert!(
            safe.contains("\\u007f\\u009b\\u0085\\u202e\\u2067"),
            "{safe}"
        );
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, original);
        let pretty = "[\n  \"a\"\n]";
        assert!(matches!(json(pretty), Cow::Borrowed(_)));
    }

    #[test]
    fn find_unsafe_reports_offsets_and_characters() {
        assert_eq!(find_unsafe("ok\r\n\tfine\n"), vec![]);
        assert_eq!(
            find_unsafe("a\u{1b}b\u{202e}"),
            vec![(1, '\u{1b}'), (3, '\u{202e}')]
        );
        assert_eq!(
            find_unsafe("\u{7f}\u{9b}\0"),
            vec![(0, '\u{7f}'), (1, '\u{9b}'), (3, '\0')]
        );
        // Isolates only when unbalanced within their line.
        assert_eq!(find_unsafe("\u{2067}שלום\u{2069}"), vec![]);
        assert_eq!(
            find_unsafe("\u{2067}a\n\u{2069}"),
            vec![(0, '\u{2067}'), (5, '\u{2069}')]
        );
    }

    #[test]
    fn describe_names_the_code_point() {
        assert_eq!(describe('\u{1b}'), "U+001B (escape, a control character)");
        assert_eq!(
            describe('\u{202e}'),
            "U+202E (right-to-left override, a text-direction control)"
        );
        assert!(describe('\u{9b}').starts_with("U+009B ("));
        assert!(describe('\u{1}').starts_with("U+0001 (a control character)"));
    }

    proptest! {
        #[test]
        fn line_never_lets_an_unsafe_character_through(text in any::<String>()) {
            let shown = line(&text);
            prop_assert!(!shown.contains(is_unsafe_for_a_line), "{shown:?}");
            prop_assert!(find_unsafe(&shown).is_empty());
            // Escaping is idempotent: a safe line is left as it is.
            prop_assert_eq!(line(&shown), shown.clone());
        }

        #[test]
        fn line_and_prose_leave_safe_text_unchanged(
            text in proptest::collection::vec(
                prop_oneof![
                    any::<char>().prop_filter("safe", |c| !is_unsafe_for_a_line(*c)),
                    Just('\u{200d}'),
                    Just('\u{301}'),
                    Just('\u{5e9}'),
                    Just('\u{627}'),
                    Just('👩'),
                ],
                0..40,
            ).prop_map(|chars| chars.into_iter().collect::<String>())
        ) {
            prop_assert!(matches!(line(&text), Cow::Borrowed(t) if t == text));
            prop_assert!(matches!(prose(&text), Cow::Borrowed(t) if t == text));
            prop_assert!(find_unsafe(&text).is_empty());
        }

        #[test]
        fn prose_lets_through_only_newlines_tabs_and_balanced_isolates(
            text in proptest::collection::vec(
                prop_oneof![
                    any::<char>(),
                    Just('\n'),
                    Just('\u{2066}'),
                    Just('\u{2067}'),
                    Just('\u{2069}'),
                    Just('\u{202e}'),
                ],
                0..40,
            ).prop_map(|chars| chars.into_iter().collect::<String>())
        ) {
            let shown = prose(&text);
            prop_assert!(find_unsafe(&shown).is_empty(), "{shown:?}");
            prop_assert!(!shown.contains(|c: char| c != '\n' && c != '\t' && !is_isolate(c) && is_unsafe_for_a_line(c)));
        }

        #[test]
        fn json_keeps_every_string_exact(text in any::<String>()) {
            let serialized = serde_json::to_string_pretty(&vec![text.clone()]).unwrap();
            let safe = json(&serialized);
            prop_assert!(!safe.contains(|c| c != '\n' && is_unsafe_for_a_line(c)), "{safe:?}");
            let back: Vec<String> = serde_json::from_str(&safe).unwrap();
            prop_assert_eq!(back, vec![text]);
        }
    }
}
