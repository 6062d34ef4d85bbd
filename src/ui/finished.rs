//! The closing screen of an exercise: what the user found (the marked passages, the
//! translation, their last answer), a word of care, and an idea for later. It
//! scrolls when it is longer than the screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::{PROSE_WIDTH, Theme, centred, translation};
use crate::app::App;
use crate::safe;
use crate::text;

/// Words of care and an idea for later; `{partner}` is the partner's name.
const STIRRED: &str = "Standing in two worlds at once can stir things up. Whatever you \
    feel now is allowed; be gentle with yourself for the rest of the day.";
const CHECK_THE_GUESS: &str = "If it feels safe, and when you are both calm, you could \
    check your guess with {partner}: “I tried to imagine how that moment was for you. \
    How close did I get?” Then listen, without correcting.";

/// Draws the closing screen; returns how far it can scroll and the rows it shows.
pub fn draw(app: &App, frame: &mut Frame, body: Rect) -> (usize, usize) {
    let Some(attempt) = app.attempt() else {
        return (0, 0);
    };
    let theme = Theme::of(app);
    let column = centred(body, PROSE_WIDTH + 4);
    let width = usize::from(column.width);
    let partner = safe::line(&attempt.exercise.partner).into_owned();
    let mut lines: Vec<Line<'static>> = vec![
        Line::styled(
            format!("Finished: “{}”", safe::line(&attempt.exercise.title)),
            theme.title(),
        ),
        Line::raw(""),
    ];
    let paragraph = |lines: &mut Vec<Line<'static>>, text: &str, style| {
        lines.extend(
            text::wrap(text, width)
                .into_iter()
                .map(|row| Line::styled(row, style)),
        );
    };
    paragraph(&mut lines, STIRRED, ratatui::style::Style::new());
    let found = translation::summary_lines(attempt, width, theme);
    if !found.is_empty() {
        lines.push(Line::raw(""));
        lines.extend(found);
    }
    let last_answer = attempt
        .exercise
        .reflection
        .iter()
        .zip(&attempt.answers)
        .rev()
        .find(|(_, answer)| !answer.is_empty());
    if let Some((question, answer)) = last_answer {
        lines.push(Line::raw(""));
        paragraph(&mut lines, question, theme.key());
        lines.extend(
            text::wrap_hanging(&answer.text(), width, "  ", "  ")
                .into_iter()
                .map(Line::raw),
        );
    }
    if !attempt.try_next.is_empty() {
        lines.push(Line::raw(""));
        paragraph(
            &mut lines,
            &format!("{}:", crate::calm::TRY_NEXT_LABEL),
            theme.key(),
        );
        lines.extend(
            text::wrap_hanging(&attempt.try_next.text(), width, "  ", "  ")
                .into_iter()
                .map(Line::raw),
        );
    }
    lines.push(Line::raw(""));
    paragraph(
        &mut lines,
        &crate::exercise::fill_partner(CHECK_THE_GUESS, &partner),
        theme.dim(),
    );
    if let Some(mirror) = app.mirror_of_current() {
        // The same moment from the other side: one key away, when the library has it.
        let key = app.keys.label_of(
            crate::keymap::Context::FINISHED,
            crate::keymap::Command::OtherSide,
        );
        lines.push(Line::raw(""));
        paragraph(
            &mut lines,
            &format!(
                "Now from the other side: “{}” tells the same moment as {} lived it. \
                 {key} opens it, whenever you are ready.",
                safe::line(&mirror.title),
                partner,
            ),
            theme.key(),
        );
    }
    lines.push(Line::raw(""));
    let journal_key = app.keys.label_of(
        crate::keymap::Context::Library,
        crate::keymap::Command::History,
    );
    paragraph(
        &mut lines,
        &format!("Everything you wrote is in your journal ({journal_key} in the library)."),
        theme.dim(),
    );
    // Longer than the screen: the last row says so, and the rest scrolls.
    let mut height = usize::from(column.height);
    if lines.len() > height {
        height = height.saturating_sub(1);
    }
    let max_scroll = lines.len().saturating_sub(height);
    let scroll = app.exercise.scroll.min(max_scroll);
    let mut shown: Vec<Line> = lines.into_iter().skip(scroll).take(height).collect();
    if max_scroll > 0 {
        let cue = super::more_cue(scroll, max_scroll).unwrap_or_default();
        shown.push(Line::styled(cue, theme.dim()).right_aligned());
    }
    frame.render_widget(ratatui::widgets::Paragraph::new(shown), column);
    (max_scroll, height)
}
