//! The entry file format: turning entries into TOML and back, the format's
//! version and how older versions are read, and saying what is wrong with a
//! file without ever quoting the user's text.
//!
//! Listing is fast because the lister does not parse the prose. `save` writes
//! the short fields first, then the long texts from `scenario = ` on (the
//! body). The header ends with `words = N` and, as its last line,
//! `checksum = "sha256:<64 hex digits>"`: the SHA-256 of every byte of the
//! file except the checksum's own value, that is of the file as it would read
//! with that line as `checksum = ""`. The lister parses only the header, and
//! trusts it when the checksum still matches: the file is then exactly as
//! two-worlds wrote it (header included: a `status` or `words` changed by hand
//! no longer matches), so reading it in full would give the same answer.
//! Anything else (a file edited by hand, cut short, damaged, of another
//! version, such as format 1, whose checksum covered only the body) is read in
//! full, which also gives the reason when the file cannot be read.
//!
//! The versions:
//! - format 1: the views and the reflection; its checksum covered only the body.
//! - format 2: the same fields, with the SHA-256 of the whole file above.
//! - format 3 (issue 9): the friend's view (`observer_lens`, `observer_view`), the
//!   marked passages (`[marks]`), the cycle (`[cycle]`) and the translation cards
//!   (`[[cards]]`) after `partner_view`, and the steps `moment`, `observer` and
//!   `translation`. Its header has the same fields as format 2's.
//!
//! - format 4 (issue 10): the calm check (`distress_before`, `distress_after`)
//!   and the line to try next time (`try_next`) in the header, so the history and
//!   the next attempt need no texts; `distress_breaks` and `[follow_up]` after
//!   the cards; and the step `follow-up`.
//!
//! Older files read as entries whose new fields are empty, and are written back
//! as format 3 when saved again. The header of a format 2 file is trusted too
//! ([`HEADER_TRUSTED_FROM`]): its layout and checksum are format 3's, and its
//! `words` counted every text the file can hold, so reading it in full would
//! give the same answer there as well.
//!
//! The new fields are left out of the file while they are empty (no friend's
//! view, no mark, no card, an unwritten cycle): an entry without the new steps
//! then reads as before, with no empty tables in the way of a person reading it,
//! and reading it back gives the same empty fields. The JSON export, which is the
//! file's fields exactly, leaves them out the same way.
//!
//! The checksum guards against accidents, not against anyone: whoever can edit
//! the file can also write a new checksum.
//!
//! An entry's fields live in four structs, each for a reason:
//! - [`Entry`] (public) is the entry the program works with, and what a whole
//!   file is read into; it has no word count or checksum, which only the file
//!   needs.
//! - [`Summary`] (public) is one row of the listing: the header's fields and the
//!   file's path, without the texts.
//! - `Header` is the file's header both ways: written borrowing from an `Entry`,
//!   read owning its strings, alone, so the listing never parses the texts
//!   (no `flatten` there: it would make serde buffer every field first).
//! - `Stored` is the file's layout as written: the header and then the texts.
//!   Its texts alone are the part after the checksum line; all of it is the JSON
//!   export. Writing may use `flatten`, as it is not where the listing's time goes.

use crate::text_position::line_col;
use std::borrow::Cow;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{Answer, Entry, FollowUp, Listed, MAX_ENTRY_BYTES, Status, Step, Summary, timestamp};
use crate::files::{ReadError, human_size, read_regular};
use crate::format::{Format, Version, whole_number};
use crate::translation::{Card, Cycle, Marks};

/// The entry file format this version writes, and the oldest it reads (the
/// versions are in the module's documentation). A file with a higher number was
/// written by a newer two-worlds and is left untouched.
pub const ENTRY_FORMAT: Format = Format {
    oldest: 1,
    current: 4,
};

/// The oldest format whose header the listing trusts without reading the texts:
/// format 1's checksum covered only the body, so its files are always read in full.
const HEADER_TRUSTED_FROM: u32 = 2;

/// The first format that has the steps of issue 9 (the moment of one's own, the
/// friend's view and the translation).
const FORMAT_OF_THE_NEW_STEPS: u32 = 3;

/// The first format with the follow-up step (issue 10).
const FORMAT_OF_THE_FOLLOW_UP: u32 = 4;

/// Whether a file of `format` may be at `step`: a step is valid only from the
/// format that brought it, as older versions of two-worlds cannot read it.
fn step_is_in_format(step: Step, format: u32) -> bool {
    match step {
        Step::FollowUp => format >= FORMAT_OF_THE_FOLLOW_UP,
        Step::Moment | Step::Observer | Step::Translation => format >= FORMAT_OF_THE_NEW_STEPS,
        _ => true,
    }
}

/// Where the header stops: the first long text.
const BODY_START: &str = "\nscenario = ";
/// The header's last line, up to its value.
const CHECKSUM_START: &str = "checksum = \"";
/// The checksum's value: the algorithm, then the digest in lowercase hex.
const SHA256_PREFIX: &str = "sha256:";
const SHA256_HEX_LEN: usize = 64;

/// The short fields, first in the file: what `to_toml` writes before the texts
/// (strings borrowed from the entry) and all the listing reads back (strings
/// owned). Any other key there (a hand edit) sends the file to the full reading.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header<'a> {
    format: u32,
    exercise_id: Cow<'a, str>,
    exercise_title: Cow<'a, str>,
    partner: Cow<'a, str>,
    #[serde(with = "timestamp")]
    started: Timestamp,
    #[serde(with = "timestamp")]
    saved: Timestamp,
    #[serde(with = "timestamp::optional", default)]
    completed: Option<Timestamp>,
    status: Status,
    step: Step,
    // From format 4 on, each left out when not given.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    distress_before: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    distress_after: Option<u8>,
    #[serde(skip_serializing_if = "str::is_empty", default)]
    try_next: Cow<'a, str>,
    words: usize,
    /// In the file, not in the JSON export. Read back only to be allowed: it is
    /// checked on the raw text before parsing (see [`checksum_matches`]).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    checksum: Option<String>,
}

impl<'a> Header<'a> {
    fn of(entry: &'a Entry) -> Header<'a> {
        Header {
            // This code writes this format's layout, whatever the entry was read from.
            format: ENTRY_FORMAT.current,
            exercise_id: Cow::Borrowed(&entry.exercise_id),
            exercise_title: Cow::Borrowed(&entry.exercise_title),
            partner: Cow::Borrowed(&entry.partner),
            started: entry.started,
            saved: entry.saved,
            completed: entry.completed,
            status: entry.status,
            step: entry.step,
            distress_before: entry.distress_before,
            distress_after: entry.distress_after,
            try_next: Cow::Borrowed(&entry.try_next),
            words: entry.words(),
            checksum: None,
        }
    }
}

/// An entry as the file holds it: the header, then the long texts. The JSON
/// export is all of it; the file is written as the header, then this without
/// its header (the checksum goes between them).
#[derive(Serialize)]
pub(crate) struct Stored<'a> {
    #[serde(flatten)]
    header: Option<Header<'a>>,
    scenario: &'a str,
    own_view: &'a str,
    partner_view: &'a str,
    // From format 3 on, each left out while empty (see the module's documentation).
    #[serde(skip_serializing_if = "Option::is_none")]
    observer_lens: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    observer_view: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    marks: Option<&'a Marks>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cycle: Option<&'a Cycle>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cards: Option<&'a [Card]>,
    #[serde(skip_serializing_if = "<[u8]>::is_empty")]
    distress_breaks: &'a [u8],
    #[serde(skip_serializing_if = "Option::is_none")]
    follow_up: Option<&'a FollowUp>,
    reflection: &'a [Answer],
}

impl<'a> Stored<'a> {
    /// The whole entry, header included.
    pub(crate) fn whole(entry: &'a Entry) -> Stored<'a> {
        Stored {
            header: Some(Header::of(entry)),
            ..Stored::texts(entry)
        }
    }

    /// The long texts alone.
    fn texts(entry: &'a Entry) -> Stored<'a> {
        Stored {
            header: None,
            scenario: &entry.scenario,
            own_view: &entry.own_view,
            partner_view: &entry.partner_view,
            observer_lens: entry.observer_lens,
            observer_view: Some(entry.observer_view.as_str()).filter(|text| !text.is_empty()),
            marks: Some(&entry.marks).filter(|marks| !marks.is_empty()),
            // Empty means nothing at all: a blank of only spaces is kept as written.
            cycle: Some(&entry.cycle).filter(|cycle| {
                [&cycle.when_i, &cycle.partner, &cycle.then_i]
                    .iter()
                    .any(|text| !text.is_empty())
            }),
            cards: Some(entry.cards.as_slice()).filter(|cards| !cards.is_empty()),
            distress_breaks: &entry.distress_breaks,
            follow_up: entry.follow_up.as_ref(),
            reflection: &entry.reflection,
        }
    }
}

pub(crate) fn to_toml(entry: &Entry) -> Result<String, toml::ser::Error> {
    let header = Header {
        // Written with an empty value first: the checksum covers the file that way.
        checksum: Some(String::new()),
        ..Header::of(entry)
    };
    let mut text = toml::to_string(&header)?;
    let value_at = text.len() - "\"\n".len();
    debug_assert!(text[..value_at].ends_with(&format!("\n{CHECKSUM_START}")));
    // A blank line between the header and the texts, for a person reading it.
    text.push('\n');
    text.push_str(&toml::to_string_pretty(&Stored::texts(entry))?);
    let digest = Sha256::digest(text.as_bytes());
    let value = format!("{SHA256_PREFIX}{}", hex(&digest));
    text.insert_str(value_at, &value);
    Ok(text)
}

/// Lowercase hexadecimal.
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0xf)]));
    }
    out
}

/// Whether `text` (a whole file) carries, as the last line of its header
/// `head`, a SHA-256 checksum that matches the rest of the file.
fn checksum_matches(text: &str, head: &str) -> bool {
    // `head` ends with the checksum line and the blank line: `…"\n\n`.
    let Some(line_end) = head.len().checked_sub("\"\n\n".len()) else {
        return false;
    };
    if !head[line_end..].starts_with("\"\n\n") {
        return false;
    }
    let line_start = head[..line_end].rfind('\n').map_or(0, |i| i + 1);
    let value_start = line_start + CHECKSUM_START.len();
    let Some(value) = head.get(value_start..line_end) else {
        return false;
    };
    let Some(expected) = value.strip_prefix(SHA256_PREFIX) else {
        return false;
    };
    if !head[line_start..].starts_with(CHECKSUM_START) || expected.len() != SHA256_HEX_LEN {
        return false;
    }
    // Every byte of the file but the value itself.
    let mut hasher = Sha256::new();
    hasher.update(&text.as_bytes()[..value_start]);
    hasher.update(&text.as_bytes()[line_end..]);
    hex(&hasher.finalize()) == expected
}

/// The bytes of an entry file; the error is a reason fit to show the user.
pub(crate) fn read_entry_file(path: &Path) -> Result<Vec<u8>, String> {
    let bytes = read_plain_or_sealed(path)?;
    if crate::vault::is_sealed(path) {
        return crate::vault::open(&bytes).map_err(|err| err.to_string());
    }
    Ok(bytes)
}

fn read_plain_or_sealed(path: &Path) -> Result<Vec<u8>, String> {
    // A locked file is the entry and age's framing: a little larger.
    let limit = if crate::vault::is_sealed(path) {
        MAX_ENTRY_BYTES + 1024 * 1024
    } else {
        MAX_ENTRY_BYTES
    };
    read_regular(path, limit).map_err(|err| match err {
        ReadError::Io(err) => format!(
            "the file cannot be opened: {}",
            crate::wording::io_reason(&err)
        ),
        ReadError::NotAFile { .. } => err.to_string(),
        ReadError::TooLarge { size, limit } => format!(
            "the file is {}, larger than the {} an entry may be, so two-worlds did not read it",
            human_size(size),
            human_size(limit)
        ),
    })
}

/// The listing's view of one file: its header when the file is as two-worlds
/// wrote it, the whole entry otherwise.
pub(crate) fn summarize(path: PathBuf) -> Listed {
    let bytes = match read_entry_file(&path) {
        Ok(bytes) => bytes,
        Err(reason) => return Listed::Unreadable { path, reason },
    };
    if let Some(header) = read_header(&bytes) {
        return Listed::Entry(Summary {
            path,
            exercise_id: header.exercise_id.into_owned(),
            exercise_title: header.exercise_title.into_owned(),
            partner: header.partner.into_owned(),
            started: header.started,
            saved: header.saved,
            completed: header.completed,
            status: header.status,
            step: header.step,
            words: header.words,
            distress_before: header.distress_before.filter(|n| *n <= crate::calm::MAX),
            distress_after: header.distress_after.filter(|n| *n <= crate::calm::MAX),
            try_next: header.try_next.into_owned(),
        });
    }
    match parse_entry(&bytes) {
        Ok(entry) => Listed::Entry(Summary {
            words: entry.words(),
            path,
            exercise_id: entry.exercise_id,
            exercise_title: entry.exercise_title,
            partner: entry.partner,
            started: entry.started,
            saved: entry.saved,
            completed: entry.completed,
            status: entry.status,
            step: entry.step,
            distress_before: entry.distress_before,
            distress_after: entry.distress_after,
            try_next: entry.try_next,
        }),
        Err(reason) => Listed::Unreadable { path, reason },
    }
}

/// The header of a file that is byte for byte as `save` wrote it (this version
/// or the one before, see [`HEADER_TRUSTED_FROM`]); `None` for anything else,
/// including every file of format 1.
fn read_header(bytes: &[u8]) -> Option<Header<'static>> {
    let text = std::str::from_utf8(bytes).ok()?;
    let head = &text[..text.find(BODY_START)? + 1];
    if !checksum_matches(text, head) {
        return None;
    }
    // A table header would move the body's keys out of the top level.
    if head.contains("\n[") {
        return None;
    }
    let header: Header = toml::from_str(head).ok()?;
    let trusted = (HEADER_TRUSTED_FROM..=ENTRY_FORMAT.current).contains(&header.format)
        && step_is_in_format(header.step, header.format);
    trusted.then_some(header)
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
    let format = check_format(table.get_ref(), text)?;
    let step_at = table
        .get_ref()
        .iter()
        .find(|(key, _)| key.get_ref() == "step")
        .map(|(_, value)| value.span().start);
    let mut entry = Entry::deserialize(toml::de::Deserializer::from(table))
        .map_err(|err| field_problem(&err, text))?;
    entry.drop_impossible_ratings();
    if !step_is_in_format(entry.step, format) {
        let at = step_at.map_or(String::new(), |at| {
            format!("line {}: ", line_col(text, at).0)
        });
        if entry.step == Step::FollowUp {
            return Err(format!(
                "{at}the step \"follow-up\" came with format {FORMAT_OF_THE_FOLLOW_UP}; \
                 this entry says format {format}"
            ));
        }
        return Err(format!(
            "{at}`step` should be one of {OLD_STEPS} in an entry of format {format} \
             (the steps \"moment\", \"observer\" and \"translation\" came with format \
             {FORMAT_OF_THE_NEW_STEPS})"
        ));
    }
    Ok(entry)
}

fn line_number(before: &[u8]) -> usize {
    line_col(
        std::str::from_utf8(before).unwrap_or_default(),
        before.len(),
    )
    .0
}

fn syntax_problem(err: &toml::de::Error, text: &str) -> String {
    let Some(span) = err.span() else {
        return "the file is not valid TOML".to_owned();
    };
    if span.start >= text.trim_end().len() {
        return format!(
            "line {}: the file ends too soon; it may have been cut short",
            line_col(text, span.start).0
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
    let (line, column) = line_col(text, span.start);
    format!("line {line}, column {column}: {what}")
}

/// The file's format number, when this version reads it.
fn check_format(table: &toml::de::DeTable<'_>, text: &str) -> Result<u32, String> {
    let current = ENTRY_FORMAT.current;
    let Some((_, format)) = table.iter().find(|(key, _)| key.get_ref() == "format") else {
        return Err(format!(
            "there is no `format = {current}` line, so this does not look like a two-worlds entry"
        ));
    };
    let number = format.get_ref().as_integer().and_then(whole_number);
    match ENTRY_FORMAT.check(number) {
        Version::Readable(number) => Ok(number),
        Version::Newer(n) => Err(format!(
            "written by a newer two-worlds (entry format {n}; this version reads {}); \
             update two-worlds to open it",
            ENTRY_FORMAT.readable()
        )),
        Version::Invalid => Err(format!(
            "line {}: `format` should be {current}",
            line_col(text, format.span().start).0
        )),
    }
}

/// The steps of formats 1 and 2, as a message lists them.
const OLD_STEPS: &str = "\"scenario\", \"own-view\", \"partner-view\", \"side-by-side\", \
     \"reflection\", \"finished\"";

const TEXT: &str = "text in quotes";
const YES_OR_NO: &str = "true or false";

/// Field names we may name in a message, with what each should hold. A name used
/// both at the top and inside a table (`partner`) holds the same kind of value in both.
const FIELDS: &[(&str, &str)] = &[
    ("format", "a whole number, such as 3"),
    ("exercise_id", TEXT),
    ("exercise_title", TEXT),
    ("partner", TEXT),
    ("started", "a time in quotes, like \"2025-03-01T20:15:00Z\""),
    ("saved", "a time in quotes, like \"2025-03-01T20:15:00Z\""),
    (
        "completed",
        "a time in quotes, like \"2025-03-01T20:15:00Z\"",
    ),
    ("status", "\"draft\" or \"complete\""),
    (
        "step",
        "one of \"moment\", \"scenario\", \"own-view\", \"partner-view\", \"observer\", \
         \"side-by-side\", \"translation\", \"reflection\", \"finished\"",
    ),
    ("words", "a whole number"),
    ("scenario", TEXT),
    ("own_view", TEXT),
    ("partner_view", TEXT),
    ("observer_lens", YES_OR_NO),
    ("observer_view", TEXT),
    ("marks", "a [marks] section with `own` and `partner`"),
    ("own", TEXT),
    (
        "cycle",
        "a [cycle] section with `when_i`, `partner` and `then_i`",
    ),
    ("when_i", TEXT),
    ("then_i", TEXT),
    (
        "cards",
        "[[cards]] sections, each with `by`, `quote`, `given`, `meant` and `heard`",
    ),
    ("by", "\"you\" or \"partner\""),
    ("quote", TEXT),
    ("given", YES_OR_NO),
    ("meant", TEXT),
    ("heard", TEXT),
    (
        "reflection",
        "[[reflection]] sections, each with a question and an answer",
    ),
    ("question", TEXT),
    ("answer", TEXT),
];

fn known_field(name: &str) -> Option<(&'static str, &'static str)> {
    FIELDS.iter().copied().find(|(field, _)| *field == name)
}

/// Serde's messages quote the offending value ("invalid type: string \"…\""),
/// which may be the user's words; so the message is built from the position
/// and our own field names only.
fn field_problem(err: &toml::de::Error, text: &str) -> String {
    let line = err.span().map(|span| line_col(text, span.start).0);
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

/// The known key on the line holding `offset`, as in `status = …`, `[cycle]` or
/// `[[reflection]]`.
fn key_on_line(text: &str, offset: usize) -> Option<(&'static str, &'static str)> {
    let before = text.get(..offset)?;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = text[line_start..].lines().next()?.trim_start();
    if let Some(section) = line.strip_prefix('[') {
        let name = section.trim_start_matches('[');
        let name = &name[..name.find(']')?];
        return known_field(name.trim());
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

    /// `text` with its checksum made again, as if two-worlds had written it so.
    fn checksummed(text: &str) -> String {
        let start = text.find(CHECKSUM_START).unwrap() + CHECKSUM_START.len();
        let end = start + text[start..].find('"').unwrap();
        let mut text = format!("{}{}", &text[..start], &text[end..]);
        let digest = hex(&Sha256::digest(text.as_bytes()));
        text.insert_str(start, &format!("{SHA256_PREFIX}{digest}"));
        text
    }

    #[test]
    fn the_header_of_format_2_is_trusted_and_that_of_format_1_is_not() {
        let text = to_toml(&entry()).unwrap();
        assert!(text.starts_with("format = 4\n"), "{text}");
        assert!(read_header(text.as_bytes()).is_some());
        let format_3 = checksummed(&text.replacen("format = 4", "format = 3", 1));
        assert_eq!(read_header(format_3.as_bytes()).unwrap().format, 3);
        let text = format_3;
        let format_2 = checksummed(&text.replacen("format = 3", "format = 2", 1));
        assert!(checksum_matches(
            &format_2,
            &format_2[..format_2.find(BODY_START).unwrap() + 1]
        ));
        assert_eq!(read_header(format_2.as_bytes()).unwrap().format, 2);
        let format_1 = checksummed(&text.replacen("format = 3", "format = 1", 1));
        assert!(read_header(format_1.as_bytes()).is_none());
        let format_5 = checksummed(&text.replacen("format = 3", "format = 5", 1));
        assert!(read_header(format_5.as_bytes()).is_none());
        assert!(
            parse_entry(format_5.as_bytes())
                .unwrap_err()
                .contains("newer two-worlds")
        );
    }

    #[test]
    fn the_follow_up_step_is_refused_before_format_4() {
        let text = to_toml(&entry())
            .unwrap()
            .replace("step = \"scenario\"", "step = \"follow-up\"");
        assert!(read_header(checksummed(&text).as_bytes()).is_some());
        assert!(parse_entry(text.as_bytes()).is_ok());
        let old = checksummed(&text.replacen("format = 4", "format = 3", 1));
        assert!(read_header(old.as_bytes()).is_none());
        let reason = parse_entry(old.as_bytes()).unwrap_err();
        assert!(
            reason.starts_with("line 8: the step \"follow-up\" came with format 4"),
            "{reason}"
        );
    }

    #[test]
    fn ratings_are_in_the_header_and_impossible_ones_are_dropped() {
        let mut written = entry();
        written.distress_before = Some(8);
        written.distress_after = Some(4);
        written.distress_breaks = vec![6, 5];
        written.try_next = "Ask before I assume".into();
        let text = to_toml(&written).unwrap();
        let header = read_header(text.as_bytes()).unwrap();
        assert_eq!(header.distress_before, Some(8));
        assert_eq!(header.distress_after, Some(4));
        assert_eq!(header.try_next, "Ask before I assume");
        assert_eq!(parse_entry(text.as_bytes()).unwrap(), written);
        let edited = text.replacen("distress_before = 8", "distress_before = 99", 1);
        let read = parse_entry(edited.as_bytes()).unwrap();
        assert_eq!(read.distress_before, None);
        assert_eq!(read.distress_after, Some(4));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("entry.toml");
        std::fs::write(&path, checksummed(&edited)).unwrap();
        let Listed::Entry(summary) = summarize(path) else {
            panic!("listed");
        };
        assert_eq!(summary.distress_before, None);
    }

    #[test]
    fn the_steps_of_format_3_are_refused_in_older_formats() {
        for step in ["moment", "observer", "translation"] {
            let text = to_toml(&entry())
                .unwrap()
                .replacen("format = 4", "format = 3", 1)
                .replace("step = \"scenario\"", &format!("step = \"{step}\""));
            assert!(
                read_header(checksummed(&text).as_bytes()).is_some(),
                "{step}"
            );
            assert!(parse_entry(text.as_bytes()).is_ok(), "{step}");
            for old in ["format = 1", "format = 2"] {
                let text = checksummed(&text.replacen("format = 3", old, 1));
                assert!(read_header(text.as_bytes()).is_none(), "{old}: {step}");
                let reason = parse_entry(text.as_bytes()).unwrap_err();
                assert!(
                    reason.starts_with("line 8: `step` should be one of"),
                    "{reason}"
                );
                assert!(reason.contains("came with format 3"), "{reason}");
            }
        }
    }

    #[test]
    fn empty_new_fields_are_left_out_and_a_blank_of_spaces_is_kept() {
        let mut entry = entry();
        let text = to_toml(&entry).unwrap();
        for key in [
            "observer_lens",
            "observer_view",
            "[marks]",
            "[cycle]",
            "cards",
        ] {
            assert!(!text.contains(key), "{key}:\n{text}");
        }
        entry.cycle.partner = " ".to_owned();
        entry.observer_lens = Some(false);
        let text = to_toml(&entry).unwrap();
        assert!(text.contains("observer_lens = false\n"), "{text}");
        assert!(
            text.contains("\n[cycle]\nwhen_i = \"\"\npartner = \" \"\nthen_i = \"\"\n"),
            "{text}"
        );
        assert_eq!(parse_entry(text.as_bytes()).unwrap(), entry);
    }

    #[test]
    fn a_wrong_value_in_a_card_is_named_by_its_field() {
        let mut entry = entry();
        entry.cards = vec![Card {
            by: crate::translation::Speaker::You,
            quote: "PRIVATE".to_owned(),
            given: false,
            meant: String::new(),
            heard: String::new(),
        }];
        let text = to_toml(&entry).unwrap();
        let reason =
            parse_entry(text.replace("by = \"you\"", "by = \"PRIVATE\"").as_bytes()).unwrap_err();
        assert!(
            reason.contains("`by` should be \"you\" or \"partner\""),
            "{reason}"
        );
        assert!(!reason.contains("PRIVATE"), "{reason}");
        let reason = parse_entry(
            text.replace("given = false", "given = \"PRIVATE\"")
                .as_bytes(),
        )
        .unwrap_err();
        assert!(
            reason.contains("`given` should be true or false"),
            "{reason}"
        );
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
