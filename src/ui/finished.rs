//! The closing screen of an exercise.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::{PROSE_WIDTH, Theme, centred, side_by_side};
use crate::app::App;
use crate::wording::words;

pub fn draw(app: &App, frame: &mut Frame, body: Rect) {
    let Some(attempt) = app.attempt() else {
        return;
    };
    let theme = Theme::of(app);
    let column = centred(body, PROSE_WIDTH + 20);
    let partner = attempt.exercise.partner_title();
    let answered = attempt.answers.iter().filter(|a| !a.is_empty()).count();
    let lines = vec![
        Line::styled(
            format!("Finished: “{}”", crate::safe::line(&attempt.exercise.title)),
            theme.title(),
        ),
        Line::raw(""),
        Line::raw(format!(
            "Your view: {}",
            words(attempt.own_view.word_count())
        )),
        Line::raw(format!(
            "{partner}'s view, as you imagine it: {}",
            words(attempt.partner_view.word_count())
        )),
        Line::raw(format!(
            "Reflection: {answered} of {} questions answered",
            attempt.answers.len()
        )),
        Line::raw(""),
        Line::styled(
            "Thank you for taking the time to stand on both sides.",
            theme.dim(),
        ),
    ];
    let head = lines.len() as u16 + 1;
    frame.render_widget(
        Paragraph::new(lines),
        Rect {
            height: head.min(column.height),
            ..column
        },
    );
    let glance = Rect {
        y: column.y + head,
        height: column.height.saturating_sub(head),
        ..column
    };
    if glance.height >= 4 {
        side_by_side::draw_columns(app, attempt, app.exercise.columns, frame, glance);
    }
}
