//! Both views side by side: "You" on the left, the partner as imagined on the right.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use super::{Theme, draw_box, draw_rows};
use crate::app::{App, Attempt, ColumnScroll, Scrolling};
use crate::text;
use crate::wording::words;

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

/// Draws both views; returns how far each column can scroll, and the rows a column
/// shows.
pub fn draw(app: &App, frame: &mut Frame, body: Rect) -> ((usize, usize), usize) {
    let Some(attempt) = app.attempt() else {
        return ((0, 0), 0);
    };
    draw_columns(app, attempt, app.exercise.columns, frame, body)
}

/// The two columns scrolled to `scroll`, also used read-only by the history;
/// returns how far each can scroll, and the rows a column shows.
pub fn draw_columns(
    app: &App,
    attempt: &Attempt,
    scroll: ColumnScroll,
    frame: &mut Frame,
    body: Rect,
) -> ((usize, usize), usize) {
    let theme = Theme::of(app);
    let (left, right) = columns(body);
    let partner = attempt.exercise.partner_title();
    let sides = [
        (
            left,
            "You".to_string(),
            &attempt.own_view,
            scroll.left,
            Scrolling::Left,
        ),
        (
            right,
            format!("{partner} — as you imagine it"),
            &attempt.partner_view,
            scroll.right,
            Scrolling::Right,
        ),
    ];
    let mut max_scrolls = [0; 2];
    let mut rows_shown = usize::MAX;
    for (i, (area, title, editor, scroll_to, side)) in sides.into_iter().enumerate() {
        let body_text = editor.text();
        let alone = scroll.scrolling == side;
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
        max_scrolls[i] = rows.len().saturating_sub(usize::from(inside.height));
        rows_shown = rows_shown.min(usize::from(inside.height));
        let scroll = scroll_to.min(max_scrolls[i]);
        let shown: Vec<Line> = if editor.is_empty() {
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
    ((max_scrolls[0], max_scrolls[1]), rows_shown)
}
