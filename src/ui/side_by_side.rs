//! Both views side by side: "You" on the left, the partner as imagined on the right.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use super::{Theme, body_of, draw_box, draw_rows, inside, words};
use crate::app::{App, Attempt, Link};
use crate::text::{self, capitalised};

/// On a terminal narrower than this the two columns stack, one above the other.
pub const STACK_BELOW: u16 = 80;

fn columns(body: Rect) -> (Rect, Rect) {
    // The body has a one-column margin each side of the terminal.
    if body.width + 2 < STACK_BELOW {
        let [top, bottom] =
            Layout::vertical([Constraint::Ratio(1, 2), Constraint::Ratio(1, 2)]).areas(body);
        (top, bottom)
    } else {
        let [left, _, right] = Layout::horizontal([
            Constraint::Ratio(1, 2),
            Constraint::Length(1),
            Constraint::Ratio(1, 2),
        ])
        .areas(body);
        (left, right)
    }
}

pub fn max_scroll(app: &App) -> (usize, usize) {
    let Some(attempt) = app.attempt() else {
        return (0, 0);
    };
    let (left, right) = columns(body_of(app));
    let max = |text: &str, area: Rect| {
        let area = inside(area);
        text::wrapped_height(text, usize::from(area.width)).saturating_sub(usize::from(area.height))
    };
    (
        max(&attempt.own_view.text(), left),
        max(&attempt.partner_view.text(), right),
    )
}

pub fn draw(app: &App, frame: &mut Frame, body: Rect) {
    let Some(attempt) = app.attempt() else {
        return;
    };
    draw_columns(app, attempt, frame, body);
}

/// The two columns, also used read-only by the history.
pub fn draw_columns(app: &App, attempt: &Attempt, frame: &mut Frame, body: Rect) {
    let theme = Theme::of(app);
    let (left, right) = columns(body);
    let partner = capitalised(&attempt.exercise.partner);
    let sides = [
        (
            left,
            "You".to_string(),
            &attempt.own_view,
            app.compare.left,
            Link::Left,
        ),
        (
            right,
            format!("{partner} — as you imagine it"),
            &attempt.partner_view,
            app.compare.right,
            Link::Right,
        ),
    ];
    for (area, title, editor, scroll, side) in sides {
        let body_text = editor.text();
        let alone = app.compare.link == side;
        let title = if alone {
            Span::styled(format!(" ▸ {title} (scrolling alone) "), theme.selected())
        } else {
            Span::styled(format!(" {title} "), theme.key())
        };
        let count = words(editor.word_count());
        let inside = draw_box(
            frame.buffer_mut(),
            area,
            &Line::from(title),
            &Line::from(format!(" {count} ")),
        );
        let rows = text::wrap(&body_text, usize::from(inside.width));
        let scroll = scroll.min(rows.len().saturating_sub(1));
        let shown: Vec<Line> = if body_text.trim().is_empty() {
            vec![Line::styled("(nothing written yet)", theme.dim())]
        } else {
            rows.into_iter()
                .skip(scroll)
                .take(usize::from(inside.height))
                .map(Line::raw)
                .collect()
        };
        draw_rows(frame.buffer_mut(), inside, shown);
    }
}
