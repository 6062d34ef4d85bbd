//! One journal entry, read only: both views side by side, then the reflection.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::{Theme, body_of, draw_box, inside, side_by_side};
use crate::app::{App, Attempt};
use crate::text;

fn split(body: Rect) -> (Rect, Rect) {
    let [columns, reflection] =
        Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(body);
    (columns, reflection)
}

fn reflection_rows(attempt: &Attempt, width: usize) -> Vec<String> {
    let mut rows = Vec::new();
    for (question, answer) in attempt.exercise.reflection.iter().zip(&attempt.answers) {
        rows.extend(text::wrap(question, width));
        let answer = answer.text();
        if answer.trim().is_empty() {
            rows.push("  (not answered)".into());
        } else {
            rows.extend(
                text::wrap(&answer, width.saturating_sub(2))
                    .into_iter()
                    .map(|r| format!("  {r}")),
            );
        }
        rows.push(String::new());
    }
    rows
}

pub fn max_scroll(app: &App) -> usize {
    let Some(attempt) = app.reading.as_ref() else {
        return 0;
    };
    let area = inside(split(body_of(app)).1);
    reflection_rows(attempt, usize::from(area.width))
        .len()
        .saturating_sub(usize::from(area.height))
}

pub fn draw(app: &App, frame: &mut Frame, body: Rect) {
    let Some(attempt) = app.reading.as_ref() else {
        return;
    };
    let theme = Theme::of(app);
    let (columns, reflection) = split(body);
    side_by_side::draw_columns(app, attempt, frame, columns);
    let inside = draw_box(
        frame.buffer_mut(),
        reflection,
        &Line::styled(" Reflection ", theme.key()),
        &Line::default(),
    );
    let shown: Vec<Line> = reflection_rows(attempt, usize::from(inside.width))
        .into_iter()
        .skip(app.scroll)
        .take(usize::from(inside.height))
        .map(Line::raw)
        .collect();
    frame.render_widget(Paragraph::new(shown), inside);
}
