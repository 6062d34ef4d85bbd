//! The scenario: the moment of conflict, read before writing.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::{PROSE_WIDTH, Theme, body_of, centred};
use crate::app::App;
use crate::exercise::Exercise;
use crate::text;

/// The title block above the text: title, partner, blank.
const HEAD_ROWS: u16 = 3;

fn text_area(body: Rect) -> Rect {
    let column = centred(body, PROSE_WIDTH);
    Rect {
        y: column.y + HEAD_ROWS,
        height: column.height.saturating_sub(HEAD_ROWS),
        ..column
    }
}

fn rows(exercise: &Exercise, width: u16) -> Vec<String> {
    text::wrap(&exercise.scenario, usize::from(width))
}

pub fn max_scroll(app: &App) -> usize {
    let Some(attempt) = app.attempt() else {
        return 0;
    };
    let area = text_area(body_of(app));
    rows(&attempt.exercise, area.width)
        .len()
        .saturating_sub(usize::from(area.height))
}

pub fn draw(app: &App, frame: &mut Frame, body: Rect) {
    let Some(attempt) = app.attempt() else {
        return;
    };
    let theme = Theme::of(app);
    let exercise = &attempt.exercise;
    let column = centred(body, PROSE_WIDTH);
    let head = vec![
        Line::styled(exercise.title.clone(), theme.title()),
        Line::styled(format!("with {}", exercise.partner), theme.dim()),
    ];
    frame.render_widget(
        Paragraph::new(head),
        Rect {
            height: 2,
            ..column
        },
    );
    let area = text_area(body);
    let all = rows(exercise, area.width);
    let scroll = app.scroll.min(all.len().saturating_sub(1));
    let shown: Vec<Line> = all
        .into_iter()
        .skip(scroll)
        .take(usize::from(area.height))
        .map(Line::raw)
        .collect();
    frame.render_widget(Paragraph::new(shown), area);
}
