//! An entry as a document to keep, print or send to a therapist (Markdown),
//! or to hand to other tools (JSON).

use jiff::tz::TimeZone;

use crate::exercise::fill_partner;
use crate::journal::{self, Entry, Status};
use crate::prompts::{CARD_BY_PARTNER, CARD_BY_YOU, OBSERVER_TITLE};
use crate::safe;
use crate::time::full_date_time;
use crate::translation::{Card, Cycle, Marks, Speaker};
use crate::wording::capitalised;

/// The headings of the two marked passages, as the side by side names them.
const MARK_OWN: &str = "What {partner} most needs to hear from me";
const MARK_PARTNER: &str = "What I most need to understand about {partner}";

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

    let mut facts = vec![
        format!(
            "With {}",
            partner_in_a_sentence(&escape_inline(&entry.partner))
        ),
        format!("Started {}", full_date_time(entry.started, zone)),
    ];
    match (entry.status, entry.completed) {
        (Status::Complete, Some(completed)) => {
            facts.push(format!("Finished {}", full_date_time(completed, zone)));
        }
        (Status::Complete, None) => facts.push("Finished".to_owned()),
        (Status::Draft, _) => facts.push("Draft, not finished".to_owned()),
    }
    if let Some(numbers) = calm_sentence(
        entry.distress_before,
        entry.distress_after,
        &entry.distress_breaks,
    ) {
        facts.push(format!("The calm check: {numbers}"));
    }
    // Two trailing spaces: a line break in rendered Markdown.
    doc.push_str(&facts.join("  \n"));
    doc.push_str("\n\n");
    if let Some(follow_up) = &entry.follow_up
        && !is_blank(&follow_up.answer)
    {
        let heading = format!(
            "## {} “{}” {}",
            crate::calm::FOLLOW_UP_LEAD,
            safe::one_line(&follow_up.tried),
            crate::calm::FOLLOW_UP_QUESTION
        );
        section(&mut doc, &heading, &follow_up.answer);
    }

    // An entry keeps the scenario as it was; one from a file wrapped by an editor,
    // saved before lines were joined, reads as prose too.
    let scenario = crate::text::join_paragraphs(&entry.scenario);
    section(&mut doc, "## The scenario", &scenario);
    section(&mut doc, "## My view", &entry.own_view);
    let partner_heading = format!(
        "## {}'s view, as I imagine it",
        partner_label(&entry.partner)
    );
    section(&mut doc, &partner_heading, &entry.partner_view);

    // The new steps' sections, in the order of the steps, each only when written.
    let partner = partner_in_a_sentence(&entry.partner);
    if !is_blank(&entry.observer_view) {
        section(
            &mut doc,
            &format!("## {OBSERVER_TITLE}"),
            &entry.observer_view,
        );
    }
    marked_passages(&mut doc, &entry.marks, &partner);
    translation_cards(&mut doc, &entry.cards, &partner);
    cycle(&mut doc, &entry.cycle, &partner);

    if !entry.reflection.is_empty() {
        doc.push_str("## Reflection\n\n");
        for answer in &entry.reflection {
            let heading = format!("### {}", safe::one_line(&answer.question));
            section(&mut doc, &heading, &answer.answer);
        }
    }
    if !is_blank(&entry.try_next) {
        let heading = format!("## {}", crate::calm::TRY_NEXT_LABEL);
        section(&mut doc, &heading, &entry.try_next);
    }
    while doc.ends_with("\n\n") {
        doc.pop();
    }
    doc
}

/// The calm check's numbers in words: "8 before, 5 after (after a break: 6)";
/// `None` when none was given. The same words on screen and in exports.
pub fn calm_sentence(before: Option<u8>, after: Option<u8>, breaks: &[u8]) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(n) = before {
        parts.push(format!("{n} before"));
    }
    if let Some(n) = after {
        parts.push(format!("{n} after"));
    }
    let mut sentence = parts.join(", ");
    if !breaks.is_empty() {
        let numbers: Vec<String> = breaks.iter().map(u8::to_string).collect();
        let after_breaks = format!(
            "after {}: {}",
            if breaks.len() == 1 {
                "a break"
            } else {
                "breaks"
            },
            numbers.join(", ")
        );
        sentence = if sentence.is_empty() {
            after_breaks
        } else {
            format!("{sentence} ({after_breaks})")
        };
    }
    (!sentence.is_empty()).then(|| format!("{sentence}, on a scale from 0 (calm) to 10"))
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

const BLANK: [char; 3] = [' ', '\t', '\n'];

/// Nothing but spaces, tabs and newlines.
fn is_blank(text: &str) -> bool {
    text.trim_matches(BLANK).is_empty()
}

fn marked_passages(doc: &mut String, marks: &Marks, partner: &str) {
    for (heading, passage) in [(MARK_OWN, &marks.own), (MARK_PARTNER, &marks.partner)] {
        if !is_blank(passage) {
            let heading = format!("## {}", fill_partner(heading, partner));
            section(doc, &heading, passage);
        }
    }
}

/// The cards with anything the user wrote on them: each line, who said it, and
/// its two sides under the labels the translation step gave them.
fn translation_cards(doc: &mut String, cards: &[Card], partner: &str) {
    let written = |card: &&Card| {
        !is_blank(&card.meant) || !is_blank(&card.heard) || (!card.given && !is_blank(&card.quote))
    };
    let cards: Vec<&Card> = cards.iter().filter(written).collect();
    if cards.is_empty() {
        return;
    }
    doc.push_str("## The translation\n\n");
    for card in cards {
        // Said by me: what I meant, then what they may have heard. Said by them:
        // what I heard, then what they may have meant.
        let (who, sides) = match card.by {
            Speaker::You => (
                "Me",
                [(CARD_BY_YOU.0, &card.meant), (CARD_BY_YOU.1, &card.heard)],
            ),
            Speaker::Partner => (
                partner,
                [
                    (CARD_BY_PARTNER.0, &card.heard),
                    (CARD_BY_PARTNER.1, &card.meant),
                ],
            ),
        };
        let line = safe::one_line(&card.quote);
        let line = if line.is_empty() {
            "*(the line was not written)*".to_owned()
        } else {
            format!("“{line}”")
        };
        doc.push_str(&format!("### {}: {line}\n\n", capitalised(who)));
        for (label, text) in sides {
            section(doc, &format!("#### {}", fill_partner(label, partner)), text);
        }
    }
}

/// "When I …, {partner} …, and then I …." when any blank is filled; an empty
/// blank stays a blank. Each part is one line: its words are all there, its line
/// breaks run together as in a sentence.
fn cycle(doc: &mut String, cycle: &Cycle, partner: &str) {
    let parts = [&cycle.when_i, &cycle.partner, &cycle.then_i];
    if parts.iter().all(|part| is_blank(part)) {
        return;
    }
    let [when_i, partner_does, then_i] = parts.map(|part| {
        let part = safe::one_line(part);
        if part.is_empty() {
            "___".to_owned()
        } else {
            part
        }
    });
    doc.push_str("## The cycle\n\n");
    doc.push_str(&format!(
        "When I {when_i}, {partner} {partner_does}, and then I {then_i}.\n\n"
    ));
}

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
        // Markdown's characters first, then what cannot be shown: the escapes
        // `safe` writes (`\u{1b}`) read the same raw and rendered.
        let shown = safe::prose(&escape_inline(line)).into_owned();
        if looks_like_markdown_structure(line) && !shown.trim_start().starts_with('\\') {
            // The user's "## …" or "---" is their text, not the document's headings.
            out.push('\\');
        }
        out.push_str(&shown);
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

/// Text with the characters that Markdown would read as emphasis, code, links,
/// HTML or an entity escaped, so `<tone>` and `__x__` show as written.
fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '<' | '>' | '[' | ']' | '&' | '~' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
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

/// The partner as named inside a sentence: "Camille", or "my partner".
fn partner_in_a_sentence(partner: &str) -> String {
    let label = partner_label(partner);
    match label.strip_prefix("My ") {
        Some(rest) => format!("my {rest}"),
        None => label,
    }
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

/// The partner's side of a shared moment, as exports add it after the entry: their
/// own words, their guess of the user, their marks and cards, and what each said
/// of how close the other came. Whose words are whose is said in every heading.
pub struct Shared<'a> {
    pub theirs: &'a crate::exchange::Exchange,
    /// The user's answer to how close the partner's guess came.
    pub mine: Option<&'a crate::exchange::Feedback>,
}

/// [`markdown`], with the partner's side of a shared moment after it.
pub fn markdown_with(entry: &Entry, shared: Option<&Shared<'_>>) -> String {
    let mut doc = markdown(entry);
    if let Some(shared) = shared {
        doc.push_str("\n\n");
        both_worlds(&mut doc, shared);
        while doc.ends_with("\n\n") {
            doc.pop();
        }
    }
    doc
}

fn both_worlds(doc: &mut String, shared: &Shared<'_>) {
    let theirs = shared.theirs;
    let name = partner_label(&theirs.name);
    doc.push_str(&format!(
        "## Both worlds: {name}'s side, in {name}'s own words\n\n"
    ));
    section(
        doc,
        &format!("### {name}'s own view"),
        &theirs.side.own_view,
    );
    section(
        doc,
        &format!("### {name}'s guess of me"),
        &theirs.side.partner_view,
    );
    if !is_blank(&theirs.side.mark_own) {
        section(
            doc,
            &format!("### What {name} most needs me to hear, as {name} marked it"),
            &theirs.side.mark_own,
        );
    }
    if !is_blank(&theirs.side.mark_partner) {
        section(
            doc,
            &format!("### What {name} most needs to understand about me, as {name} marked it"),
            &theirs.side.mark_partner,
        );
    }
    for card in &theirs.side.cards {
        let quote = safe::one_line(&card.quote);
        if quote.is_empty() {
            continue;
        }
        // From their side, "you" is them.
        let (who, sides) = match card.by {
            Speaker::You => (
                name.clone(),
                [
                    (format!("What {name} meant"), &card.meant),
                    (format!("What {name} thinks I heard"), &card.heard),
                ],
            ),
            Speaker::Partner => (
                "Me".to_owned(),
                [
                    (format!("What {name} heard"), &card.heard),
                    (format!("What {name} thinks I meant"), &card.meant),
                ],
            ),
        };
        doc.push_str(&format!("### {who}: “{quote}” ({name}'s card)\n\n"));
        for (label, text) in sides {
            section(doc, &format!("#### {label}"), text);
        }
    }
    let feedback =
        |doc: &mut String, heading: String, add: &str, feedback: &crate::exchange::Feedback| {
            let mut text = feedback.closeness.label().to_owned();
            if !is_blank(&feedback.missed) {
                text.push_str(&format!("\n\n{add}: {}", feedback.missed));
            }
            section(doc, &heading, &text);
        };
    if let Some(said) = &theirs.feedback {
        feedback(
            doc,
            format!("### {name} read my guess of them, and said"),
            &format!("What {name} would add"),
            said,
        );
    }
    if let Some(mine) = shared.mine {
        feedback(
            doc,
            format!("### Whether {name}'s guess sounds like me, in my words"),
            "What I would add",
            mine,
        );
    }
}

/// [`json`], with the partner's side of a shared moment under `both_worlds`
/// (`restore` leaves it out: it belongs to the shared moments, not the journal).
pub fn json_with(entry: &Entry, shared: Option<&Shared<'_>>) -> String {
    let value = json_value_with(entry, shared);
    let text = serde_json::to_string_pretty(&value).expect("JSON values serialize");
    let mut text = safe::json(&text).into_owned();
    text.push('\n');
    text
}

/// [`json_with`]'s value, before it is written out.
pub fn json_value_with(entry: &Entry, shared: Option<&Shared<'_>>) -> serde_json::Value {
    let mut value =
        serde_json::to_value(journal::stored(entry)).expect("an entry always serializes to JSON");
    if let (Some(shared), serde_json::Value::Object(map)) = (shared, &mut value) {
        map.insert(
            BOTH_WORLDS_KEY.to_owned(),
            serde_json::json!({
                "partner_name": shared.theirs.name,
                "their_own_view": shared.theirs.side.own_view,
                "their_guess_of_me": shared.theirs.side.partner_view,
                "their_marks": {
                    "own": shared.theirs.side.mark_own,
                    "guess": shared.theirs.side.mark_partner,
                },
                "their_cards": shared.theirs.side.cards,
                "their_feedback_on_my_guess": shared.theirs.feedback,
                "my_feedback_on_their_guess": shared.mine,
            }),
        );
    }
    value
}

/// The key a JSON export keeps the partner's side under.
pub const BOTH_WORLDS_KEY: &str = "both_worlds";
