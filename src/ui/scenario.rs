//! The scenario: the moment of conflict, read before writing.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::{PROSE_WIDTH, Theme, centred};
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

/// The rows of text that fit, less one for the "more" line when the text is longer.
fn shown_rows(total: usize, area: Rect) -> usize {
    let height = usize::from(area.height);
    if total > height {
        height.saturating_sub(1)
    } else {
        height
    }
}

/// Draws the scenario; returns how far its text can scroll, and the rows it shows.
pub fn draw(app: &App, frame: &mut Frame, body: Rect) -> (usize, usize) {
    let Some(attempt) = app.attempt() else {
        return (0, 0);
    };
    let theme = Theme::of(app);
    let exercise = &attempt.exercise;
    let column = centred(body, PROSE_WIDTH);
    let head = vec![
        Line::styled(
            crate::safe::line(&exercise.title).into_owned(),
            theme.title(),
        ),
        Line::styled(
            format!("with {}", crate::safe::line(&exercise.partner)),
            theme.dim(),
        ),
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
    let total = all.len();
    let fits = shown_rows(total, area);
    let max_scroll = total.saturating_sub(fits);
    let scroll = app.exercise.scroll.min(max_scroll);
    let mut shown: Vec<Line> = all
        .into_iter()
        .skip(scroll)
        .take(fits)
        .map(Line::raw)
        .collect();
    if fits < total {
        let more = if scroll + fits < total {
            format!("↓ more below ({}%)", (scroll + fits) * 100 / total)
        } else {
            "— the end —".to_string()
        };
        shown.push(Line::styled(more, theme.dim()).right_aligned());
    }
    frame.render_widget(Paragraph::new(shown), area);
    (max_scroll, fits)
}
