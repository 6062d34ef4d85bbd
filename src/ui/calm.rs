//! The screens of care: the calm check and its note (boxes over the screen), the
//! quiet break (the whole screen), the follow-up on last time's line, and the line
//! to try next time.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::{PROSE_WIDTH, Theme, centred, draw_a_third_down, draw_field, draw_top, inside};
use crate::app::App;
use crate::calm::{self, Break, Check, When};
use crate::editor::Editor;
use crate::keymap::{Command, Context};
use crate::text;

/// The calm check: a box in the middle of the screen, with the row of numbers.
pub fn draw_check(app: &App, frame: &mut Frame, body: Rect, check: &Check) {
    let theme = Theme::of(app);
    let width = usize::from(body.width.min(PROSE_WIDTH).saturating_sub(4));
    let mut lines = Vec::new();
    if matches!(check.when, When::AfterBreak(_)) {
        lines.extend(wrapped(calm::BREAK_OVER, width, theme.dim()));
        lines.push(Line::raw(""));
    }
    lines.push(scale_row(check.choice, width, theme));
    lines.push(Line::styled(ends_row(width), theme.dim()));
    lines.push(Line::raw(""));
    let key = |command| app.keys.label_of(Context::Calm, command);
    let how = match check.choice {
        None => format!(
            "Type a number, or use {} {}. {} with none chosen skips this.",
            key(Command::Left),
            key(Command::Right),
            key(Command::Yes)
        ),
        Some(n) => format!("{n} chosen. {} confirms it.", key(Command::Yes)),
    };
    lines.extend(wrapped(&how, width, theme.key()));
    if check.when == When::Before && check.choice.is_none() {
        lines.push(Line::raw(""));
        lines.extend(wrapped(calm::WHY, width, theme.dim()));
    }
    draw_box_of(frame, body, calm::QUESTION, lines, theme);
}

/// "0  1  2 … [7] … 10": the chosen number bracketed and reversed, so it reads the
/// same without colour. Narrow boxes drop the spaces between numbers.
fn scale_row(choice: Option<u8>, width: usize, theme: Theme) -> Line<'static> {
    let gap = if width >= 54 { "  " } else { "" };
    let mut spans = Vec::new();
    for n in 0..=calm::MAX {
        if n > 0 {
            spans.push(Span::raw(gap));
        }
        if choice == Some(n) {
            spans.push(Span::styled(
                format!("[{n}]"),
                theme
                    .key()
                    .add_modifier(Modifier::REVERSED | Modifier::BOLD),
            ));
        } else {
            spans.push(Span::raw(format!(" {n} ")));
        }
    }
    Line::from(spans)
}

/// What the ends of the row mean, under them.
fn ends_row(width: usize) -> String {
    let (low, high) = (calm::SCALE_LOW, calm::SCALE_HIGH);
    let room = width.saturating_sub(low.len() + high.len());
    if room == 0 {
        return format!("{low} · {high}");
    }
    format!("{low}{}{high}", " ".repeat(room.min(width)))
}

/// The note after a high rating: a break, or going on.
pub fn draw_note(app: &App, frame: &mut Frame, body: Rect) {
    let theme = Theme::of(app);
    let width = usize::from(body.width.min(PROSE_WIDTH).saturating_sub(4));
    let mut lines = Vec::new();
    for (i, paragraph) in calm::HIGH_NOTE.iter().enumerate() {
        if i > 0 {
            lines.push(Line::raw(""));
        }
        lines.extend(wrapped(paragraph, width, ratatui::style::Style::new()));
    }
    lines.push(Line::raw(""));
    let key = |command| app.keys.label_of(Context::CalmNote, command);
    let choices = format!(
        "{} take a break  ·  {} go on now",
        key(Command::TakeBreak),
        key(Command::Yes)
    );
    lines.extend(wrapped(&choices, width, theme.key()));
    draw_box_of(frame, body, calm::HIGH_TITLE, lines, theme);
}

/// A box in the upper middle of `body`, as tall as its lines.
fn draw_box_of(
    frame: &mut Frame,
    body: Rect,
    title: &str,
    lines: Vec<Line<'static>>,
    theme: Theme,
) {
    let theme_title = ratatui::style::Style::new().add_modifier(Modifier::BOLD);
    let width = body.width.min(PROSE_WIDTH);
    let height = (lines.len() as u16 + 2).min(body.height);
    let area = Rect {
        x: body.x + (body.width - width) / 2,
        y: body.y + (body.height - height) / 3,
        width,
        height,
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(theme.border())
        .title(Span::styled(format!(" {title} "), theme_title));
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let inner = inside(area);
    let inner = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    };
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The break: the whole screen, quiet, with the time left.
pub fn draw_break(app: &App, frame: &mut Frame, area: Rect, pause: &Break) {
    let theme = Theme::of(app);
    let column = centred(inside(area), 64);
    let width = usize::from(column.width);
    let left = pause.minutes_left(app.now);
    let mut lines = vec![
        Line::styled(calm::BREAK_TITLE, theme.title()),
        Line::raw(""),
        Line::styled(calm::minutes_left_label(left), theme.key()),
        Line::raw(""),
    ];
    for paragraph in calm::BREAK_LINES {
        lines.extend(wrapped(paragraph, width, ratatui::style::Style::new()));
        lines.push(Line::raw(""));
    }
    lines.extend(wrapped("Any key ends the break.", width, theme.dim()));
    lines.truncate(usize::from(column.height));
    draw_a_third_down(frame.buffer_mut(), column, lines);
}

/// "Last time you wrote: … How did it go?", and a line to answer in.
pub fn draw_follow_up(app: &App, frame: &mut Frame, body: Rect) -> usize {
    let Some((tried, answer)) = app.attempt().and_then(|a| a.follow_up.as_ref()) else {
        return 0;
    };
    let key = |command| app.keys.label_of(Context::FOLLOW_UP, command);
    let keys = format!(
        "{} goes on to the scenario; {} skips. This is asked once.",
        key(Command::Next),
        key(Command::Cancel)
    );
    one_line_screen(
        app,
        frame,
        body,
        calm::FOLLOW_UP_QUESTION,
        answer,
        |width, theme| {
            let mut lines = vec![
                Line::styled(calm::FOLLOW_UP_TITLE, theme.title()),
                Line::raw(""),
                Line::raw(calm::FOLLOW_UP_LEAD),
            ];
            for row in text::wrap_hanging(&format!("“{tried}”"), width, "  ", "  ") {
                lines.push(Line::styled(row, theme.key()));
            }
            lines.push(Line::raw(""));
            lines.extend(wrapped(calm::FOLLOW_UP_HINT, width, theme.dim()));
            lines.extend(wrapped(&keys, width, theme.dim()));
            lines
        },
    )
}

/// The line to try next time, after the reflection's questions.
pub fn draw_try_next(app: &App, frame: &mut Frame, body: Rect, editor: &Editor) -> usize {
    let key = |command| app.keys.label_of(Context::LastQuestion, command);
    let keys = format!(
        "{} finishes (it asks first); {} goes back to the questions.",
        key(Command::Finish),
        key(Command::Previous)
    );
    one_line_screen(
        app,
        frame,
        body,
        calm::TRY_NEXT_LABEL,
        editor,
        |width, theme| {
            let mut lines = vec![
                Line::styled("Before you finish", theme.title()),
                Line::raw(""),
            ];
            lines.extend(wrapped(calm::TRY_NEXT_HINT, width, theme.dim()));
            lines.extend(wrapped(&keys, width, theme.dim()));
            lines
        },
    )
}

/// A screen of words (made by `head` for the column's width) above a one-line
/// field; returns the rows the field shows.
fn one_line_screen(
    app: &App,
    frame: &mut Frame,
    body: Rect,
    label: &str,
    editor: &Editor,
    head: impl FnOnce(usize, Theme) -> Vec<Line<'static>>,
) -> usize {
    let column = centred(body, PROSE_WIDTH + 4);
    let lines = head(usize::from(column.width), Theme::of(app));
    one_line_field(app, frame, column, lines, label, editor)
}

/// Words above a field of three rows; returns the rows the field shows.
fn one_line_field(
    app: &App,
    frame: &mut Frame,
    column: Rect,
    lines: Vec<Line<'static>>,
    label: &str,
    editor: &Editor,
) -> usize {
    let head_height = (lines.len() as u16 + 1).min(column.height.saturating_sub(3));
    let field = draw_top(frame.buffer_mut(), column, head_height, lines);
    let area = Rect {
        height: field.height.min(3),
        ..field
    };
    draw_field(app, frame, area, label, editor, true)
}

fn wrapped(text: &str, width: usize, style: ratatui::style::Style) -> Vec<Line<'static>> {
    text::wrap(text, width)
        .into_iter()
        .map(|row| Line::styled(row, style))
        .collect()
}
