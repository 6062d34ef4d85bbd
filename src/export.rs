//! An entry as a document to keep, print or send to a therapist (Markdown),
//! or to hand to other tools (JSON).

use std::path::{Path, PathBuf};

use jiff::tz::TimeZone;

use crate::journal::{self, Entry, Status};
use crate::safe;
use crate::time::full_date_time;

/// The entry as Markdown, with dates in the computer's local time. Every text
/// from the entry is made safe to show ([`crate::safe`]): the document is
/// printed to terminals and opened in viewers, and an entry file may have been
/// edited by hand.
pub fn markdown(entry: &Entry) -> String {
    markdown_in(entry, &crate::time::local_zone())
}

/// The entry as Markdown, with dates shown in `zone`.
pub fn markdown_in(entry: &Entry, zone: &TimeZone) -> String {
    let mut doc = String::new();
    doc.push_str(&format!("# {}\n\n", safe::one_line(&entry.exercise_title)));

    let mut facts = vec![format!("Started {}", full_date_time(entry.started, zone))];
    match (entry.status, entry.completed) {
        (Status::Complete, Some(completed)) => {
            facts.push(format!("Finished {}", full_date_time(completed, zone)));
        }
        (Status::Complete, None) => facts.push("Finished".to_owned()),
        (Status::Draft, _) => facts.push("Draft, not finished".to_owned()),
    }
    // Two trailing spaces: a line break in rendered Markdown.
    doc.push_str(&facts.join("  \n"));
    doc.push_str("\n\n");

    section(&mut doc, "## The scenario", &entry.scenario);
    section(&mut doc, "## My view", &entry.own_view);
    let partner_heading = format!(
        "## {}'s view, as I imagine it",
        partner_label(&entry.partner)
    );
    section(&mut doc, &partner_heading, &entry.partner_view);

    if !entry.reflection.is_empty() {
        doc.push_str("## Reflection\n\n");
        for answer in &entry.reflection {
            let heading = format!("### {}", safe::one_line(&answer.question));
            section(&mut doc, &heading, &answer.answer);
        }
    }
    while doc.ends_with("\n\n") {
        doc.pop();
    }
    doc
}

/// The entry as pretty JSON: the same fields as the entry file, exactly;
/// control and text-direction characters are written as JSON escapes, so the
/// text is safe to print and reads back the same.
pub fn json(entry: &Entry) -> String {
    let text = serde_json::to_string_pretty(&journal::stored(entry))
        .expect("an entry always serializes to JSON");
    let mut text = safe::json(&text).into_owned();
    text.push('\n');
    text
}

/// Writes an export readable by the user only, never replacing an existing file.
pub fn write_file(path: &Path, contents: &str) -> anyhow::Result<()> {
    journal::write_new_file(path, contents.as_bytes())
}

const BLANK: [char; 3] = [' ', '\t', '\n'];

fn section(doc: &mut String, heading: &str, text: &str) {
    doc.push_str(heading);
    doc.push_str("\n\n");
    // Only spaces, tabs and newlines count as blank: any other character is
    // shown, escaped if it must be, never dropped.
    let text = text.trim_end_matches(BLANK);
    if text.trim_matches(BLANK).is_empty() {
        doc.push_str("*(nothing written)*\n\n");
        return;
    }
    doc.push_str(&keep_line_breaks(text));
    doc.push_str("\n\n");
}

/// Markdown joins consecutive lines into one paragraph; the user's line breaks
/// are theirs, so each one inside a paragraph becomes a hard break.
fn keep_line_breaks(text: &str) -> String {
    let lines: Vec<&str> = text
        .lines()
        .map(|line| line.trim_end_matches(BLANK))
        .collect();
    let mut out = String::with_capacity(text.len() + lines.len() * 2);
    for (i, line) in lines.iter().enumerate() {
        if looks_like_markdown_structure(line) {
            // The user's "## …" or "---" is their text, not the document's headings.
            out.push('\\');
        }
        out.push_str(&safe::prose(line));
        let Some(next) = lines.get(i + 1) else {
            break;
        };
        if !line.is_empty() && !next.is_empty() {
            out.push_str("  ");
        }
        out.push('\n');
    }
    out
}

/// A line Markdown would read as a heading, a rule or a quote rather than as text.
fn looks_like_markdown_structure(line: &str) -> bool {
    let line = line.trim_start();
    let rule = line.len() >= 3
        && ['-', '=', '*', '_']
            .iter()
            .any(|&c| line.chars().all(|l| l == c || l == ' '));
    line.starts_with('#') || line.starts_with('>') || rule
}

/// "your partner" is how the exercise speaks to the user; in their own
/// document it becomes "My partner".
fn partner_label(partner: &str) -> String {
    let partner = safe::one_line(partner);
    let partner = partner.trim();
    if partner.is_empty() {
        return "My partner".to_owned();
    }
    for owner in ["your ", "my "] {
        let rest = partner.get(owner.len()..).unwrap_or_default();
        let starts = partner.get(..owner.len()).unwrap_or_default();
        if !rest.is_empty() && starts.eq_ignore_ascii_case(owner) {
            return format!("My {rest}");
        }
    }
    partner.to_owned()
}

/// Where the full-screen program saves the Markdown of the entry at
/// `entry_path`: `<exercise id>-<entry file stem>.md` directly in
/// `exports_dir`, with `-2`, `-3`… before `.md` when that name is taken (by
/// anything, a dangling link included), so nothing is ever replaced.
///
/// The id and the stem come from files anyone can edit, so only their ASCII
/// letters, digits and `_` are kept, any run of other characters becoming one
/// `-`: no `/`, no `..`, no control character reaches the name, and the path
/// is always inside `exports_dir`.
pub fn export_path(exports_dir: &Path, exercise_id: &str, entry_path: &Path) -> PathBuf {
    let id = name_part(exercise_id).unwrap_or_else(|| "entry".to_owned());
    let stem = entry_path
        .file_stem()
        .and_then(|stem| name_part(&stem.to_string_lossy()));
    let base = match stem {
        Some(stem) => format!("{id}-{stem}"),
        None => id,
    };
    let path = (1u64..)
        .map(|n| {
            let name = if n == 1 {
                format!("{base}.md")
            } else {
                format!("{base}-{n}.md")
            };
            exports_dir.join(name)
        })
        // Anything there, even a dangling link, takes the name. Any error ends
        // the search too (a folder we cannot look into): the write then says why.
        .find(|path| std::fs::symlink_metadata(path).is_err())
        .expect("the names never run out");
    assert_eq!(
        path.parent(),
        Some(exports_dir),
        "an export name left its folder"
    );
    path
}

/// Up to 64 characters of `text` fit for a file name, or `None` if nothing is left.
fn name_part(text: &str) -> Option<String> {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out: String = out.chars().take(64).collect();
    let out = out.trim_end_matches('-');
    (!out.is_empty()).then(|| out.to_owned())
}
