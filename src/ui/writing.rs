//! The writing screens: your view, their view, and each reflection question.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{PROSE_WIDTH, Theme, centred, draw_box, draw_editor, draw_rows, draw_top};
use crate::app::{App, Screen, Step};
use crate::keymap::Command;
use crate::text;
use crate::wording::words;

/// Draws the writing screen; returns the rows of text the writing box shows.
pub fn draw(app: &App, frame: &mut Frame, body: Rect) -> usize {
    let Some(attempt) = app.attempt() else {
        return 0;
    };
    let theme = Theme::of(app);
    let exercise = &attempt.exercise;
    let column = centred(body, PROSE_WIDTH + 4);
    let width = usize::from(column.width);
    let observer_hints: Vec<String> = crate::prompts::OBSERVER_HINTS
        .iter()
        .map(|hint| hint.to_string())
        .collect();
    let (heading, prompt, hints, label, editor) = match app.screen {
        Screen::Exercise(Step::OwnView) => (
            "Your view".to_string(),
            exercise.own_view.prompt.as_str(),
            exercise.own_view.hints.as_slice(),
            "You".to_string(),
            &attempt.own_view,
        ),
        Screen::Exercise(Step::Observer) if !attempt.has_observer() => {
            draw_offer(app, frame, body);
            return 0;
        }
        Screen::Exercise(Step::Observer) => (
            crate::prompts::OBSERVER_TITLE.to_string(),
            crate::prompts::OBSERVER_PROMPT,
            observer_hints.as_slice(),
            "As a friend of you both".to_string(),
            &attempt.observer_view,
        ),
        Screen::Exercise(Step::PartnerView) => (
            format!("{}'s view", exercise.partner_title()),
            exercise.partner_view.prompt.as_str(),
            exercise.partner_view.hints.as_slice(),
            format!("As {}", crate::safe::line(&exercise.partner)),
            &attempt.partner_view,
        ),
        _ if attempt.on_try_next() => {
            return super::calm::draw_try_next(app, frame, body, &attempt.try_next);
        }
        _ => {
            let n = attempt.question;
            let Some(editor) = attempt.answers.get(n) else {
                return 0;
            };
            (
                format!(
                    "Reflection · question {} of {}",
                    n + 1,
                    attempt.answers.len()
                ),
                exercise.reflection[n].as_str(),
                &[][..],
                "Your answer".to_string(),
                editor,
            )
        }
    };

    let mut lines = vec![Line::styled(heading, theme.title()), Line::raw("")];
    lines.extend(text::wrap(prompt, width).into_iter().map(Line::raw));
    if !hints.is_empty() {
        lines.push(Line::raw(""));
        if app.show_hints() {
            for hint in hints {
                for row in text::wrap_hanging(hint, width, "· ", "  ") {
                    lines.push(Line::styled(row, theme.dim()));
                }
            }
        } else {
            lines.push(Line::styled(
                format!(
                    "({} hints hidden — {} shows them)",
                    hints.len(),
                    app.keys
                        .label_of(app.context_under_overlay(), Command::ToggleHints)
                ),
                theme.dim(),
            ));
        }
    }
    // The editor keeps at least half the screen; the prompt gives way first.
    let editor_min = (column.height / 2).max(4);
    let head_height = (lines.len() as u16 + 1).min(column.height.saturating_sub(editor_min));
    let box_area = draw_top(frame.buffer_mut(), column, head_height, lines);
    let inner = draw_box(
        frame.buffer_mut(),
        box_area,
        &Line::from(Span::styled(format!(" {label} "), theme.key())),
        &Line::from(format!(" {} ", words(editor.word_count()))),
        theme,
    );
    draw_editor(app, frame, inner, editor, true);
    usize::from(inner.height)
}

/// The offer of the third lens: `y` or `n`, and the last answer given, if any.
fn draw_offer(app: &App, frame: &mut Frame, body: Rect) {
    let theme = Theme::of(app);
    let column = centred(body, PROSE_WIDTH + 4);
    let width = usize::from(column.width);
    let key = |command| app.keys.label_of(app.context_under_overlay(), command);
    let mut lines = vec![
        Line::styled(crate::prompts::OBSERVER_TITLE, theme.title()),
        Line::raw(""),
    ];
    lines.extend(
        text::wrap(crate::prompts::OBSERVER_OFFER, width)
            .into_iter()
            .map(Line::raw),
    );
    lines.push(Line::raw(""));
    lines.extend(
        text::wrap(crate::prompts::OBSERVER_WHY, width)
            .into_iter()
            .map(|row| Line::styled(row, theme.dim())),
    );
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled(key(Command::Yes), theme.key()),
        Span::raw(" yes, write it    "),
        Span::styled(key(Command::No), theme.key()),
        Span::raw(" no, go on to the side by side"),
    ]));
    if let Some(last) = app.prefs.observer {
        lines.push(Line::styled(
            format!("(Last time you chose {}.)", if last { "yes" } else { "no" }),
            theme.dim(),
        ));
    }
    draw_rows(frame.buffer_mut(), column, lines);
}
