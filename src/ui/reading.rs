//! One journal entry, read only: both views side by side, then the reflection.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::{Theme, draw_box, side_by_side, translation};
use crate::app::{App, Attempt, Both, Pair, Reading};
use crate::calm;
use crate::exchange::SharedCard;
use crate::text;
use crate::translation::Speaker;

fn split(body: Rect) -> (Rect, Rect) {
    let [columns, reflection] =
        Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(body);
    (columns, reflection)
}

/// The friend's view (when the columns had no room for it), what the translation
/// found, then the reflection.
fn reflection_rows(
    attempt: &Attempt,
    width: usize,
    theme: Theme,
    friend: bool,
) -> Vec<Line<'static>> {
    let mut rows: Vec<Line<'static>> = Vec::new();
    if friend && !attempt.observer_view.is_empty() {
        rows.push(Line::styled(crate::prompts::OBSERVER_TITLE, theme.key()));
        rows.extend(
            text::wrap_hanging(&attempt.observer_view.text(), width, "  ", "  ")
                .into_iter()
                .map(Line::raw),
        );
        rows.push(Line::raw(""));
    }
    let found = translation::summary_lines(attempt, width, theme);
    if !found.is_empty() {
        rows.extend(found);
        rows.push(Line::raw(""));
    }
    rows.extend(answer_rows(attempt, width).into_iter().map(Line::raw));
    rows.extend(care_rows(attempt, width, theme));
    rows
}

/// Last time's line and how it went, the line to try next time, and the calm
/// check's numbers, when there are any.
fn care_rows(attempt: &Attempt, width: usize, theme: Theme) -> Vec<Line<'static>> {
    let mut rows = Vec::new();
    let mut section = |heading: String, text: &str| {
        rows.push(Line::styled(heading, theme.key()));
        rows.extend(
            text::wrap_hanging(text, width, "  ", "  ")
                .into_iter()
                .map(Line::raw),
        );
        rows.push(Line::raw(""));
    };
    if let Some((tried, answer)) = &attempt.follow_up
        && !answer.is_empty()
    {
        section(
            format!(
                "{} “{tried}” {}",
                calm::FOLLOW_UP_LEAD,
                calm::FOLLOW_UP_QUESTION
            ),
            &answer.text(),
        );
    }
    if !attempt.try_next.is_empty() {
        section(calm::TRY_NEXT_LABEL.to_string(), &attempt.try_next.text());
    }
    if let Some(numbers) = crate::export::calm_sentence(
        attempt.distress.before,
        attempt.distress.after,
        &attempt.distress.breaks,
    ) {
        section("The calm check".to_string(), &numbers);
    }
    rows
}

fn answer_rows(attempt: &Attempt, width: usize) -> Vec<String> {
    let mut rows = Vec::new();
    for (question, answer) in attempt.exercise.reflection.iter().zip(&attempt.answers) {
        rows.extend(text::wrap(question, width));
        if answer.is_empty() {
            rows.push("  (not answered)".into());
        } else {
            rows.extend(text::wrap_hanging(&answer.text(), width, "  ", "  "));
        }
        rows.push(String::new());
    }
    rows
}

/// Draws the entry; returns how far its reflection can scroll, and the rows it shows.
/// What the reading view had room for: how far the reflection and the columns can
/// scroll, and the rows of the part the keys move now.
pub struct ReadingMeasured {
    pub reflection: usize,
    pub columns: side_by_side::Measured,
    pub rows: usize,
}

/// Draws the entry; returns what it measured.
pub fn draw(app: &App, frame: &mut Frame, body: Rect) -> ReadingMeasured {
    let Some(reading) = app.history.reading.as_ref() else {
        return ReadingMeasured {
            reflection: 0,
            columns: side_by_side::Measured::default(),
            rows: 0,
        };
    };
    let theme = Theme::of(app);
    let (columns, reflection) = split(body);
    if let Some(both) = &reading.both {
        return draw_both(app, frame, reading, both, columns, reflection);
    }
    // The columns scroll as on the side by side; `Tab` moves on to the reflection.
    let measured_columns =
        side_by_side::draw_columns(app, &reading.attempt, reading.columns, frame, columns);
    let attempt = &reading.attempt;
    let translated = !attempt.marks.is_empty()
        || attempt.cycle.iter().any(|e| !e.is_empty())
        || attempt
            .cards
            .iter()
            .any(|c| !c.meant.is_empty() || !c.heard.is_empty());
    let title = match (translated, reading.on_reflection) {
        (true, false) => " Translation and reflection ",
        (false, false) => " Reflection ",
        // Readable without colour: the words say which part the keys move.
        (true, true) => " ▸ Translation and reflection (scrolling) ",
        (false, true) => " ▸ Reflection (scrolling) ",
    };
    let inside = lower_inside(reflection);
    let friend =
        !(reading.attempt.has_observer() && columns.width + 2 >= crate::app::THREE_COLUMNS_FROM);
    let rows = reflection_rows(&reading.attempt, usize::from(inside.width), theme, friend);
    draw_lower(
        frame,
        reflection,
        title,
        rows,
        reading,
        measured_columns,
        theme,
    )
}

/// Both worlds: the pair shown side by side (a guess beside the words of the one
/// guessed), and below it the cards and marks that belong to the pair, and what the
/// partner said of the user's guess.
fn draw_both(
    app: &App,
    frame: &mut Frame,
    reading: &Reading,
    both: &Both,
    columns: Rect,
    below: Rect,
) -> ReadingMeasured {
    let theme = Theme::of(app);
    let attempt = &reading.attempt;
    let name = crate::safe::line(&both.name).into_owned();
    let pair = match both.pair {
        Pair::TheirWorld => [
            side_by_side::PairColumn {
                title: format!("Your guess of {name}"),
                editor: &attempt.partner_view,
                mark: &attempt.marks.partner,
            },
            side_by_side::PairColumn {
                title: format!("{name}, in their own words"),
                editor: &both.own,
                mark: &both.mark_own,
            },
        ],
        Pair::Yours => [
            side_by_side::PairColumn {
                title: format!("{name}'s guess of you"),
                editor: &both.guess,
                mark: &both.mark_guess,
            },
            side_by_side::PairColumn {
                title: "You, in your own words".to_string(),
                editor: &attempt.own_view,
                mark: &attempt.marks.own,
            },
        ],
    };
    let measured_columns = side_by_side::draw_pair(app, frame, columns, reading.columns, pair);
    let inside = lower_inside(below);
    let keys = FeedbackKeys {
        closeness: app.closeness_keys(),
        missed: app
            .keys
            .label_of(
                crate::keymap::Context::BothWorlds,
                crate::keymap::Command::WhatMissed,
            )
            .to_owned(),
    };
    let rows = pair_rows(attempt, both, usize::from(inside.width), theme, keys);
    let other = app.keys.label_of(
        crate::keymap::Context::BothWorlds,
        crate::keymap::Command::Next,
    );
    let title = match (both.pair, reading.on_reflection) {
        (Pair::TheirWorld, false) => format!(" {name}'s world, 1 of 2 ({other} the other) "),
        (Pair::Yours, false) => format!(" Your world, 2 of 2 ({other} the other) "),
        (Pair::TheirWorld, true) => format!(" ▸ {name}'s world (scrolling) "),
        (Pair::Yours, true) => " ▸ Your world (scrolling) ".to_string(),
    };
    draw_lower(frame, below, &title, rows, reading, measured_columns, theme)
}

/// The box under the columns (the reflection, or a pair's cards), scrolled; what
/// the reading view measured.
fn draw_lower(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    rows: Vec<Line<'static>>,
    reading: &Reading,
    measured_columns: side_by_side::Measured,
    theme: Theme,
) -> ReadingMeasured {
    let inside = lower_inside(area);
    let max_scroll = rows.len().saturating_sub(usize::from(inside.height));
    let cue = super::more_cue(reading.scroll.min(max_scroll), max_scroll)
        .map_or_else(Line::default, |more| {
            Line::styled(format!(" {more} "), theme.dim())
        });
    let inside = draw_box(
        frame.buffer_mut(),
        area,
        &Line::styled(title.to_owned(), theme.key()),
        &cue,
        theme,
    );
    let shown: Vec<Line> = rows
        .into_iter()
        .skip(reading.scroll.min(max_scroll))
        .take(usize::from(inside.height))
        .collect();
    frame.render_widget(Paragraph::new(shown), inside);
    let rows = if reading.on_reflection {
        usize::from(inside.height)
    } else {
        measured_columns.rows
    };
    ReadingMeasured {
        reflection: max_scroll,
        columns: measured_columns,
        rows,
    }
}

/// The inside of the box under the columns, to know what fits before it is drawn.
fn lower_inside(area: Rect) -> Rect {
    Rect {
        x: area.x + 1,
        y: area.y + 1,
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    }
}

/// `text` wrapped to `width`, indented, its later rows a little more.
fn indented(text: &str, width: usize) -> Vec<Line<'static>> {
    text::wrap_hanging(text, width, "  ", "    ")
        .into_iter()
        .map(Line::raw)
        .collect()
}

/// A text from the partner's file, every character safe to show.
fn safe_text(text: &str) -> String {
    crate::safe::prose(text).into_owned()
}

/// What belongs to the pair shown: the lines where meaning got lost, as each of
/// the two translated them, and the partner's word on the user's guess. Whose words
/// are whose is said on every one.
/// The keys of the feedback, as the key table names them.
struct FeedbackKeys {
    closeness: String,
    missed: String,
}

fn pair_rows(
    attempt: &Attempt,
    both: &Both,
    width: usize,
    theme: Theme,
    keys: FeedbackKeys,
) -> Vec<Line<'static>> {
    let name = crate::safe::line(&both.name).into_owned();
    let mut rows: Vec<Line<'static>> = Vec::new();
    let about_them = both.pair == Pair::TheirWorld;
    if !about_them {
        rows.push(Line::styled(
            format!("Does {name}'s guess sound like you?"),
            theme.key(),
        ));
        match &both.mine {
            Some(mine) => {
                rows.push(Line::raw(format!("  You said: {}", mine.closeness.label())));
                if !mine.missed.trim().is_empty() {
                    rows.extend(indented(
                        &format!("What you'd add: {}", crate::safe::prose(&mine.missed)),
                        width,
                    ));
                }
                rows.extend(
                    text::wrap_hanging(
                        &format!(
                            "It goes to {name} with your next share. Change it: {}; {} what you'd add.",
                            keys.closeness, keys.missed
                        ),
                        width,
                        "  ",
                        "  ",
                    )
                    .into_iter()
                    .map(|row| Line::styled(row, theme.dim())),
                );
            }
            None => rows.extend(
                text::wrap_hanging(
                    &format!(
                        "{} (then {} for what you'd add, if you like). Only {name} sees your answer.",
                        keys.closeness, keys.missed
                    ),
                    width,
                    "  ",
                    "  ",
                )
                .into_iter()
                .map(|row| Line::styled(row, theme.dim())),
            ),
        }
        rows.push(Line::raw(""));
    }
    let mut card = |heading: String, parts: [(String, String); 2]| {
        rows.push(Line::styled(heading, theme.key()));
        for (label, said) in parts {
            if !said.trim().is_empty() {
                rows.extend(indented(&format!("{label}: {said}"), width));
            }
        }
        rows.push(Line::raw(""));
    };
    // The user's own cards: on their world, the lines they said; on the user's,
    // the user's.
    for c in &attempt.cards {
        let said_by_them = c.by == Speaker::Partner;
        if said_by_them != about_them || c.quote.text().trim().is_empty() {
            continue;
        }
        let quote = crate::safe::line(&c.quote.text()).into_owned();
        let (meant, heard) = (c.meant.text(), c.heard.text());
        if said_by_them {
            card(
                format!("“{quote}”, as you remember {name} saying it (your card)"),
                [
                    ("What you heard".into(), heard),
                    (format!("What {name} may have meant, as you guessed"), meant),
                ],
            );
        } else {
            card(
                format!("You said “{quote}” (your card)"),
                [
                    ("What you meant".into(), meant),
                    (format!("What {name} may have heard, as you guessed"), heard),
                ],
            );
        }
    }
    // The partner's cards, from their side: "you" there is them.
    for c in &both.cards {
        let said_by_them = c.by == Speaker::You;
        if said_by_them != about_them || c.quote.trim().is_empty() {
            continue;
        }
        let shared: &SharedCard = c;
        let quote = crate::safe::line(&shared.quote).into_owned();
        if said_by_them {
            card(
                format!("{name} said “{quote}” ({name}'s card)"),
                [
                    (format!("What {name} meant"), safe_text(&shared.meant)),
                    (
                        format!("What {name} thinks you heard"),
                        safe_text(&shared.heard),
                    ),
                ],
            );
        } else {
            card(
                format!("“{quote}”, as {name} remembers you saying it ({name}'s card)"),
                [
                    (format!("What {name} heard"), safe_text(&shared.heard)),
                    (
                        format!("What {name} thinks you meant"),
                        safe_text(&shared.meant),
                    ),
                ],
            );
        }
    }
    if about_them && let Some(feedback) = &both.feedback {
        rows.push(Line::styled(
            format!("{name} read your guess of them"),
            theme.key(),
        ));
        rows.push(Line::raw(format!(
            "  {name} said: “{}”",
            feedback.closeness.label()
        )));
        if !feedback.missed.trim().is_empty() {
            rows.extend(indented(
                &format!(
                    "What {name} would add: {}",
                    crate::safe::prose(&feedback.missed)
                ),
                width,
            ));
        }
        rows.push(Line::raw(""));
    }
    if rows.is_empty() {
        rows.push(Line::styled(
            "No cards or marks for this pair: the two texts above are the whole of it.",
            theme.dim(),
        ));
    }
    rows
}
