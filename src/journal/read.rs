//! Turning entries into TOML and back, and saying what is wrong with a file
//! without ever quoting the user's text.
//!
//! Listing is fast because the lister does not parse the prose. `save` writes
//! the short fields first, then the long texts from `scenario = ` on (the
//! body). The header ends with `words = N` and `checksum = "…"`, a checksum of
//! the body's bytes. The lister parses only the header, and trusts it when the
//! body's checksum still matches: the file is then exactly as two-worlds wrote
//! it, so reading it in full would give the same answer. Anything else (a file
//! edited by hand, cut short, damaged, of another version) is read in full,
//! which also gives the reason when the file cannot be read.

use std::fs;
use std::path::PathBuf;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{Answer, ENTRY_FORMAT, Entry, Listed, Status, Step, Summary, timestamp};

/// Where the header stops: the first long text.
const BODY_START: &str = "\nscenario = ";

/// The short fields, first in the file.
#[derive(Serialize)]
struct StoredHeader<'a> {
    format: u32,
    exercise_id: &'a str,
    exercise_title: &'a str,
    partner: &'a str,
    #[serde(with = "timestamp")]
    started: Timestamp,
    #[serde(with = "timestamp")]
    saved: Timestamp,
    #[serde(with = "timestamp::optional")]
    completed: Option<Timestamp>,
    status: Status,
    step: Step,
    words: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    checksum: Option<String>,
}

/// The long texts, after the header.
#[derive(Serialize)]
struct StoredBody<'a> {
    scenario: &'a str,
    own_view: &'a str,
    partner_view: &'a str,
    reflection: &'a [Answer],
}

/// An entry as it is written: [`Entry`] with its word count.
#[derive(Serialize)]
pub(crate) struct Stored<'a> {
    #[serde(flatten)]
    header: StoredHeader<'a>,
    #[serde(flatten)]
    body: StoredBody<'a>,
}

impl<'a> From<&'a Entry> for Stored<'a> {
    fn from(entry: &'a Entry) -> Self {
        Stored {
            header: StoredHeader {
                // This code writes this format's layout, whatever the entry says.
                format: ENTRY_FORMAT,
                exercise_id: &entry.exercise_id,
                exercise_title: &entry.exercise_title,
                partner: &entry.partner,
                started: entry.started,
                saved: entry.saved,
                completed: entry.completed,
                status: entry.status,
                step: entry.step,
                words: entry.words(),
                checksum: None,
            },
            body: StoredBody {
                scenario: &entry.scenario,
                own_view: &entry.own_view,
                partner_view: &entry.partner_view,
                reflection: &entry.reflection,
            },
        }
    }
}

/// The fields before the prose: all the listing needs. Any other key there
/// (a hand edit) sends the file to the full reading.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    format: u32,
    exercise_id: String,
    exercise_title: String,
    partner: String,
    #[serde(with = "timestamp")]
    started: Timestamp,
    #[serde(with = "timestamp")]
    saved: Timestamp,
    #[serde(rename = "completed", with = "timestamp::optional", default)]
    _completed: Option<Timestamp>,
    status: Status,
    step: Step,
    words: usize,
    checksum: String,
}

pub(crate) fn to_toml(entry: &Entry) -> Result<String, toml::ser::Error> {
    let Stored { mut header, body } = Stored::from(entry);
    let body = toml::to_string_pretty(&body)?;
    header.checksum = Some(checksum(body.as_bytes()));
    let mut text = toml::to_string(&header)?;
    // A blank line between the header and the texts, for a person reading it.
    text.push('\n');
    text.push_str(&body);
    Ok(text)
}

/// A checksum of the body, to tell a file exactly as we wrote it from one
/// changed since. Not a defence against anyone: only against accidents. Spelt
/// out here because std's hasher may change between Rust versions.
fn checksum(bytes: &[u8]) -> String {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = 0xcbf2_9ce4_8422_2325_u64 ^ bytes.len() as u64;
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let word = u64::from_le_bytes(word.try_into().expect("chunks of 8"));
        hash = (hash.rotate_left(23) ^ word).wrapping_mul(PRIME);
    }
    for &byte in words.remainder() {
        hash = (hash.rotate_left(23) ^ u64::from(byte)).wrapping_mul(PRIME);
    }
    format!("{hash:016x}")
}

/// The listing's view of one file: its header when the file is as two-worlds
/// wrote it, the whole entry otherwise.
pub(crate) fn summarize(path: PathBuf) -> Listed {
    let bytes = match fs::read(&path) {
        Ok(bytes) => bytes,
        Err(err) => {
            return Listed::Unreadable {
                path,
                reason: format!("the file cannot be opened: {err}"),
            };
        }
    };
    if let Some(header) = read_header(&bytes) {
        return Listed::Ok(Summary {
            path,
            exercise_id: header.exercise_id,
            exercise_title: header.exercise_title,
            partner: header.partner,
            started: header.started,
            saved: header.saved,
            status: header.status,
            step: header.step,
            words: header.words,
        });
    }
    match parse_entry(&bytes) {
        Ok(entry) => Listed::Ok(Summary {
            words: entry.words(),
            path,
            exercise_id: entry.exercise_id,
            exercise_title: entry.exercise_title,
            partner: entry.partner,
            started: entry.started,
            saved: entry.saved,
            status: entry.status,
            step: entry.step,
        }),
        Err(reason) => Listed::Unreadable { path, reason },
    }
}

/// The header of a file that is byte for byte as `save` wrote it; `None` for
/// anything else.
fn read_header(bytes: &[u8]) -> Option<Header> {
    let text = std::str::from_utf8(bytes).ok()?;
    let (head, body) = text.split_at(text.find(BODY_START)? + 1);
    // A table header would move the body's keys out of the top level.
    if head.contains("\n[") {
        return None;
    }
    let header: Header = toml::from_str(head).ok()?;
    (header.format == ENTRY_FORMAT && header.checksum == checksum(body.as_bytes()))
        .then_some(header)
}

/// Reads a whole entry. The error is a reason fit to show the user: it names
/// the line and what is wrong, never the text of the file.
pub(crate) fn parse_entry(bytes: &[u8]) -> Result<Entry, String> {
    let text = std::str::from_utf8(bytes).map_err(|err| {
        format!(
            "line {}: the file is not UTF-8 text; it was damaged or not written by two-worlds",
            line_number(&bytes[..err.valid_up_to()])
        )
    })?;
    if text.trim().is_empty() {
        return Err("the file is empty".to_owned());
    }
    let table = toml::de::DeTable::parse(text).map_err(|err| syntax_problem(&err, text))?;
    check_format(table.get_ref(), text)?;
    Entry::deserialize(toml::de::Deserializer::from(table)).map_err(|err| field_problem(&err, text))
}

fn line_number(before: &[u8]) -> usize {
    before.iter().filter(|&&b| b == b'\n').count() + 1
}

/// The line holding byte `offset` of `text`.
fn line_at(text: &str, offset: usize) -> usize {
    line_number(&text.as_bytes()[..offset.min(text.len())])
}

fn syntax_problem(err: &toml::de::Error, text: &str) -> String {
    let Some(span) = err.span() else {
        return "the file is not valid TOML".to_owned();
    };
    if span.start >= text.trim_end().len() {
        return format!(
            "line {}: the file ends too soon; it may have been cut short",
            line_at(text, span.start)
        );
    }
    // A parse error's message comes from the TOML grammar ("invalid string,
    // expected `\"`"), not from the file; its Display would quote the line.
    let what = err.message();
    let what = if what.contains('\n') || what.len() > 160 {
        "the TOML is not valid here"
    } else {
        what
    };
    let (line, column) = position(text, span.start);
    format!("line {line}, column {column}: {what}")
}

fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        line_number(before.as_bytes()),
        before[line_start..].chars().count() + 1,
    )
}

fn check_format(table: &toml::de::DeTable<'_>, text: &str) -> Result<(), String> {
    let Some((_, format)) = table.iter().find(|(key, _)| key.get_ref() == "format") else {
        return Err(
            "there is no `format = 1` line, so this does not look like a two-worlds entry"
                .to_owned(),
        );
    };
    let line = line_at(text, format.span().start);
    let number = format.get_ref().as_integer().and_then(|n| {
        let digits = n.as_str().replace('_', "");
        i64::from_str_radix(digits.trim_start_matches('+'), n.radix()).ok()
    });
    match number {
        Some(n) if n == i64::from(ENTRY_FORMAT) => Ok(()),
        Some(n) if n > i64::from(ENTRY_FORMAT) => Err(format!(
            "written by a newer two-worlds (entry format {n}; this version reads format \
             {ENTRY_FORMAT}); update two-worlds to open it"
        )),
        _ => Err(format!("line {line}: `format` should be {ENTRY_FORMAT}")),
    }
}

/// Field names we may name in a message, with what each should hold.
const FIELDS: &[(&str, &str)] = &[
    ("format", "1"),
    ("exercise_id", "text in quotes"),
    ("exercise_title", "text in quotes"),
    ("partner", "text in quotes"),
    ("started", "a time in quotes, like \"2025-03-01T20:15:00Z\""),
    ("saved", "a time in quotes, like \"2025-03-01T20:15:00Z\""),
    (
        "completed",
        "a time in quotes, like \"2025-03-01T20:15:00Z\"",
    ),
    ("status", "\"draft\" or \"complete\""),
    (
        "step",
        "one of \"scenario\", \"own-view\", \"partner-view\", \"side-by-side\", \
         \"reflection\", \"finished\"",
    ),
    ("words", "a whole number"),
    ("scenario", "text in quotes"),
    ("own_view", "text in quotes"),
    ("partner_view", "text in quotes"),
    (
        "reflection",
        "[[reflection]] sections, each with a question and an answer",
    ),
    ("question", "text in quotes"),
    ("answer", "text in quotes"),
];

fn known_field(name: &str) -> Option<(&'static str, &'static str)> {
    FIELDS.iter().copied().find(|(field, _)| *field == name)
}

/// Serde's messages quote the offending value ("invalid type: string \"…\""),
/// which may be the user's words; so the message is built from the position
/// and our own field names only.
fn field_problem(err: &toml::de::Error, text: &str) -> String {
    let line = err.span().map(|span| line_at(text, span.start));
    let at = line.map_or(String::new(), |line| format!("line {line}: "));
    let missing = err
        .message()
        .strip_prefix("missing field `")
        .and_then(|rest| rest.strip_suffix('`'))
        .and_then(known_field);
    if let Some((field, _)) = missing {
        return format!("{at}`{field}` is missing");
    }
    match err.span().and_then(|span| key_on_line(text, span.start)) {
        Some((field, expected)) => format!("{at}`{field}` should be {expected}"),
        None => format!("{at}a value is not of the kind two-worlds expects"),
    }
}

/// The known key on the line holding `offset`, as in `status = …` or `[[reflection]]`.
fn key_on_line(text: &str, offset: usize) -> Option<(&'static str, &'static str)> {
    let before = text.get(..offset)?;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = text[line_start..].lines().next()?.trim_start();
    if line.starts_with("[[reflection]]") {
        return known_field("reflection");
    }
    let key_end = line.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))?;
    let (key, rest) = line.split_at(key_end);
    rest.trim_start().starts_with('=').then_some(())?;
    known_field(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> Entry {
        let started: Timestamp = "2025-03-01T20:15:00Z".parse().unwrap();
        let mut entry = Entry::new(
            "dishes",
            "The dishes",
            "Sam",
            "Who does the dishes.",
            started,
        );
        entry.own_view = "I was tired.\nSo tired.".to_owned();
        entry
    }

    #[test]
    fn header_is_read_without_the_prose() {
        let text = to_toml(&entry()).unwrap();
        let header = read_header(text.as_bytes()).expect("header");
        assert_eq!(header.words, 5);
        assert_eq!(header.exercise_title, "The dishes");
    }

    #[test]
    fn a_changed_body_is_read_in_full() {
        let text = to_toml(&entry()).unwrap();
        let edited = text.replace("So tired.", "So very tired.");
        assert!(read_header(edited.as_bytes()).is_none());
        assert_eq!(parse_entry(edited.as_bytes()).unwrap().words(), 6);
        let cut = &text[..text.len() - 5];
        assert!(read_header(cut.as_bytes()).is_none());
    }

    #[test]
    fn wrong_type_names_line_and_field_not_the_value() {
        let text = to_toml(&entry())
            .unwrap()
            .replace("status = \"draft\"", "status = \"my secret words\"");
        let reason = parse_entry(text.as_bytes()).unwrap_err();
        assert!(reason.contains("`status` should be"), "{reason}");
        assert!(reason.starts_with("line "), "{reason}");
        assert!(!reason.contains("secret"), "{reason}");
    }
}
