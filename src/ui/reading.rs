//! One journal entry, read only: both views side by side, then the reflection.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::{Theme, draw_box, side_by_side, translation};
use crate::app::{App, Attempt};
use crate::calm;
use crate::text;

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
    let inside = Rect {
        x: reflection.x + 1,
        y: reflection.y + 1,
        width: reflection.width.saturating_sub(2),
        height: reflection.height.saturating_sub(2),
    };
    let friend =
        !(reading.attempt.has_observer() && columns.width + 2 >= crate::app::THREE_COLUMNS_FROM);
    let rows = reflection_rows(&reading.attempt, usize::from(inside.width), theme, friend);
    let max_scroll = rows.len().saturating_sub(usize::from(inside.height));
    let cue = super::more_cue(reading.scroll.min(max_scroll), max_scroll)
        .map_or_else(Line::default, |more| {
            Line::styled(format!(" {more} "), theme.dim())
        });
    let inside = draw_box(
        frame.buffer_mut(),
        reflection,
        &Line::styled(title, theme.key()),
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
