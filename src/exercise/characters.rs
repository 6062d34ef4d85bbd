//! The check for characters that cannot be shown safely, raw or written as
//! escapes, pointed at where the author wrote them.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::parse::Checker;
use crate::text_position::line_col;

/// Whether the file has an escape that can stand for a character that cannot be
/// shown (`\b`, `\f`, `\u…`, `\U…`, `\e`, `\x…`); an escaped backslash before
/// such a letter counts too, which only means a closer look.
fn has_risky_escape(source: &str) -> bool {
    source
        .as_bytes()
        .windows(2)
        .any(|pair| pair[0] == b'\\' && matches!(pair[1], b'b' | b'f' | b'u' | b'U' | b'e' | b'x'))
}

/// A string in the source: what it is called in messages, where it stands,
/// and the text TOML read from it.
struct Site<'t> {
    subject: String,
    span: Range<usize>,
    value: &'t str,
}

impl Checker<'_> {
    /// Reports every character that cannot be shown safely (see
    /// [`crate::safe::find_unsafe`]): raw ones anywhere in the file, comments
    /// included, and those written as escapes (`\u001b`, `\e`, `\x9b`) in any
    /// string or quoted key, at the escape itself. Isolates are reported when
    /// they are not balanced within a line of the text TOML reads.
    /// Returns the line of each character reported, with the character.
    pub(super) fn unsafe_characters(&mut self, root: Option<&DeTable<'_>>) -> Vec<(usize, char)> {
        // Most files hold nothing of the kind, raw or as an escape that could make
        // one: then there is nothing to look for, string by string.
        if !crate::safe::may_hold_unsafe(self.source) && !has_risky_escape(self.source) {
            return Vec::new();
        }
        let mut sites = Vec::new();
        if let Some(root) = root {
            collect_sites(root, "", &mut sites);
        }
        let mut found: Vec<(usize, char, String)> = Vec::new();
        let site_at = |offset: usize| {
            sites
                .iter()
                .find(|site: &&Site<'_>| site.span.contains(&offset))
        };
        // Raw characters: never valid in any part of a scenario file.
        for (at, c) in crate::safe::find_unsafe(self.source) {
            if crate::safe::is_isolate(c) {
                continue;
            }
            let what = match site_at(at) {
                Some(site) => format!("{} holds {}", site.subject, crate::safe::describe(c)),
                None => format!("the file holds {} here", crate::safe::describe(c)),
            };
            found.push((
                at,
                c,
                format!("{what}, which cannot be shown safely; {}", fix(c)),
            ));
        }
        // Escapes, and isolates wherever they come from, in the text as TOML reads it.
        for site in &sites {
            let unsafe_here = crate::safe::find_unsafe(site.value);
            if unsafe_here.is_empty() {
                continue;
            }
            let raw = self.source.get(site.span.clone()).unwrap_or_default();
            let decoded = decode_toml_string(raw)
                .filter(|chars| chars.iter().map(|d| d.c).eq(site.value.chars()));
            let offsets: Vec<usize> = site.value.char_indices().map(|(at, _)| at).collect();
            for (at, c) in unsafe_here {
                let index = offsets.binary_search(&at).unwrap_or_default();
                let described = crate::safe::describe(c);
                let (offset, what) = match decoded.as_ref().and_then(|d| d.get(index)) {
                    Some(d) if d.escaped => (
                        site.span.start + d.at,
                        format!(
                            "{} holds {described}, written `{}`",
                            site.subject,
                            &raw[d.at..d.at + d.len]
                        ),
                    ),
                    // Raw: reported above, unless it is an isolate.
                    Some(_) if !crate::safe::is_isolate(c) => continue,
                    Some(d) => (
                        site.span.start + d.at,
                        format!("{} holds {described}", site.subject),
                    ),
                    // The text could not be followed back to the source.
                    None => (
                        site.span.start,
                        format!("{} holds {described}", site.subject),
                    ),
                };
                found.push((
                    offset,
                    c,
                    format!("{what}, which cannot be shown safely; {}", fix(c)),
                ));
            }
        }
        found.sort();
        let mut lines = Vec::new();
        for (offset, c, message) in found {
            let position = line_col(self.source, offset);
            lines.push((position.0, c));
            self.error(Some(position), message);
        }
        lines
    }
}

/// What to do about a character that cannot be shown.
fn fix(c: char) -> &'static str {
    match c {
        '\u{2066}'..='\u{2068}' => "close it with U+2069 on the same line, or remove it",
        '\u{2069}' => "remove it, or open an isolate before it on the same line",
        _ => "remove it",
    }
}

/// Every string value and every quoted key below `table`, named by its path.
fn collect_sites<'t>(table: &'t DeTable<'_>, path: &str, sites: &mut Vec<Site<'t>>) {
    for (key, value) in table.iter() {
        let name: &str = key.get_ref();
        let label = if path.is_empty() {
            name.to_string()
        } else {
            format!("{path}.{name}")
        };
        sites.push(Site {
            subject: "a key name".into(),
            span: key.span(),
            value: name,
        });
        collect_value_sites(value, &label, sites);
    }
}

fn collect_value_sites<'t>(
    value: &'t toml::Spanned<DeValue<'_>>,
    label: &str,
    sites: &mut Vec<Site<'t>>,
) {
    match value.get_ref() {
        DeValue::String(text) => sites.push(Site {
            subject: format!("`{}`", crate::safe::line(label)),
            span: value.span(),
            value: text.as_ref(),
        }),
        DeValue::Array(items) => {
            for item in items.iter() {
                collect_value_sites(item, label, sites);
            }
        }
        DeValue::Table(table) => collect_sites(table, label, sites),
        _ => {}
    }
}

/// One character of a TOML string as it reads, and where it was written:
/// its byte offset in the source of the string, the length of what was
/// written there, and whether that was an escape.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Decoded {
    c: char,
    at: usize,
    len: usize,
    escaped: bool,
}

/// Reads a TOML string (or key) from its source, quotes included, keeping
/// where each character came from. `None` when it is not a string TOML would
/// accept; the caller also checks the result against what TOML read.
fn decode_toml_string(raw: &str) -> Option<Vec<Decoded>> {
    let strip_newline = |start: usize| {
        if raw[start..].starts_with('\n') {
            start + 1
        } else if raw[start..].starts_with("\r\n") {
            start + 2
        } else {
            start
        }
    };
    let (start, end, escapes) = if raw.len() >= 6 && raw.starts_with("'''") {
        (strip_newline(3), raw.len() - 3, false)
    } else if raw.len() >= 6 && raw.starts_with("\"\"\"") {
        (strip_newline(3), raw.len() - 3, true)
    } else if raw.len() >= 2 && raw.starts_with('\'') {
        (1, raw.len() - 1, false)
    } else if raw.len() >= 2 && raw.starts_with('"') {
        (1, raw.len() - 1, true)
    } else {
        // A bare key: read as written.
        (0, raw.len(), false)
    };
    let body = raw.get(start..end.max(start))?;
    let mut out = Vec::with_capacity(body.len());
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at = start + i;
        if c != '\\' || !escapes {
            out.push(Decoded {
                c,
                at,
                len: c.len_utf8(),
                escaped: false,
            });
            continue;
        }
        let (_, kind) = chars.next()?;
        let simple = match kind {
            'b' => Some('\u{8}'),
            'e' => Some('\u{1b}'),
            'f' => Some('\u{c}'),
            'n' => Some('\n'),
            'r' => Some('\r'),
            't' => Some('\t'),
            '\\' => Some('\\'),
            '"' => Some('"'),
            _ => None,
        };
        if let Some(decoded) = simple {
            out.push(Decoded {
                c: decoded,
                at,
                len: 2,
                escaped: true,
            });
            continue;
        }
        let digits = match kind {
            'x' => 2,
            'u' => 4,
            'U' => 8,
            ' ' | '\t' | '\r' | '\n' => {
                // A line-ending backslash: the whitespace up to the next text goes.
                while chars
                    .peek()
                    .is_some_and(|&(_, c)| matches!(c, ' ' | '\t' | '\r' | '\n'))
                {
                    chars.next();
                }
                continue;
            }
            _ => return None,
        };
        let hex = body.get(i + 2..i + 2 + digits)?;
        let decoded = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)?;
        for _ in 0..digits {
            chars.next();
        }
        out.push(Decoded {
            c: decoded,
            at,
            len: 2 + digits,
            escaped: true,
        });
    }
    Some(out)
}
