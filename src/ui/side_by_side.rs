//! Both views side by side: "You" on the left, the partner as imagined on the right,
//! and, on a wide terminal when the user wrote one, the friend's view as a third
//! column. A heading frames what is shown; marked passages are underlined in place;
//! the gentle observations, when turned on, sit under the columns.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::{Theme, draw_box, draw_rows};
use crate::app::{App, Attempt, ColumnScroll, Scrolling, THREE_COLUMNS_FROM};
use crate::editor::Editor;
use crate::keymap::{Command, Context};
use crate::safe;
use crate::text::{self, sentences, wrap_ranges};
use crate::translation::Speaker;
use unicode_width::UnicodeWidthStr as _;

/// On a terminal narrower than this the two columns stack, one above the other.
pub const STACK_BELOW: u16 = 80;

/// What drawing the columns measured: how far each can scroll, and the rows a
/// column shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Measured {
    pub left: usize,
    pub right: usize,
    pub third: usize,
    pub rows: usize,
    /// Where each column is (empty where there is none), for a click.
    pub areas: [Rect; 3],
}

/// The columns' places: side by side, or one above the other on a narrow terminal
/// and in plain screens (where a screen reader reads them in order).
fn areas(body: Rect, three: bool, stacked: bool) -> Vec<Rect> {
    // The body has a one-column margin each side of the terminal.
    if stacked || body.width + 2 < STACK_BELOW {
        let parts = if three { 3 } else { 2 };
        return Layout::vertical((0..parts).map(|_| Constraint::Ratio(1, parts)))
            .split(body)
            .to_vec();
    }
    if three {
        let [a, _, b, _, c] = Layout::horizontal([
            Constraint::Ratio(1, 3),
            Constraint::Length(1),
            Constraint::Ratio(1, 3),
            Constraint::Length(1),
            Constraint::Ratio(1, 3),
        ])
        .areas(body);
        vec![a, b, c]
    } else {
        let [left, _, right] = Layout::horizontal([
            Constraint::Ratio(1, 2),
            Constraint::Length(1),
            Constraint::Ratio(1, 2),
        ])
        .areas(body);
        vec![left, right]
    }
}

/// Draws the heading, the columns and the observations; returns what the columns
/// measured.
pub fn draw(app: &App, frame: &mut Frame, body: Rect) -> Measured {
    let Some(attempt) = app.attempt() else {
        return Measured::default();
    };
    let theme = Theme::of(app);
    let partner = safe::line(&attempt.exercise.partner).into_owned();
    let heading = heading(app, &partner, theme, usize::from(body.width));
    draw_rows(frame.buffer_mut(), body, [heading]);
    let mut columns = Rect {
        y: body.y + 1,
        height: body.height.saturating_sub(1),
        ..body
    };
    if app.prefs.observations && columns.height >= 10 {
        let width = usize::from(columns.width.saturating_sub(2));
        let mut lines: Vec<Line> = Vec::new();
        for note in &app.exercise.observations {
            lines.extend(
                text::wrap_hanging(note, width, "· ", "  ")
                    .into_iter()
                    .map(Line::raw),
            );
        }
        let height = (lines.len() as u16 + 2).min(columns.height / 3).max(3);
        let panel = Rect {
            y: columns.bottom() - height,
            height,
            ..columns
        };
        columns.height -= height;
        let inner = draw_box(
            frame.buffer_mut(),
            panel,
            &Line::from(Span::styled(" What the words say ", theme.key())),
            &Line::raw(""),
            theme,
        );
        draw_rows(frame.buffer_mut(), inner, lines);
    }
    draw_columns(app, attempt, app.exercise.columns, frame, columns)
}

/// The heading: what the user is looking at, or, while marking, what to mark.
fn heading(app: &App, partner: &str, theme: Theme, width: usize) -> Line<'static> {
    let key = |command| app.keys.label_of(Context::Marking, command);
    let Some(marking) = app.exercise.marking else {
        let mut spans = vec![Span::styled("The same moment, two worlds", theme.title())];
        let more = format!(" · yours, and {partner}'s as you imagine it");
        // Where the whole line does not fit, the words before the dot say enough.
        if spans[0].width() + more.width() <= width {
            spans.push(Span::styled(more, theme.dim()));
        }
        return Line::from(spans);
    };
    let text = match marking.side {
        None => format!(
            "Mark a passage: {} in your view, {} in {partner}'s.",
            key(Command::Left),
            key(Command::Right)
        ),
        Some(Speaker::You) => {
            format!("In your view, choose what {partner} most needs to hear from you.")
        }
        Some(Speaker::Partner) => {
            format!("In {partner}'s view, choose what you most need to understand about them.")
        }
    };
    Line::styled(text, theme.key())
}

/// The columns scrolled to `scroll`, also used read-only by the finished screen and
/// the history; returns what they measured.
pub fn draw_columns(
    app: &App,
    attempt: &Attempt,
    scroll: ColumnScroll,
    frame: &mut Frame,
    body: Rect,
) -> Measured {
    let theme = Theme::of(app);
    let three = attempt.has_observer() && (body.width + 2 >= THREE_COLUMNS_FROM || theme.plain);
    let partner = attempt.exercise.partner_title();
    let marking = app
        .exercise
        .marking
        .filter(|_| app.attempt().is_some_and(|a| std::ptr::eq(a, attempt)));
    let cursor_in = |side| marking.filter(|m| m.side == Some(side)).map(|m| m.sentence);
    let mut sides: Vec<Column> = vec![
        Column {
            title: "You".to_string(),
            editor: &attempt.own_view,
            scroll: scroll.left,
            alone: scroll.scrolling == Scrolling::Left,
            mark: Some(&attempt.marks.own),
            cursor: cursor_in(Speaker::You),
        },
        Column {
            title: format!("{partner} — as you imagine it"),
            editor: &attempt.partner_view,
            scroll: scroll.right,
            alone: scroll.scrolling == Scrolling::Right,
            mark: Some(&attempt.marks.partner),
            cursor: cursor_in(Speaker::Partner),
        },
    ];
    if three {
        sides.push(Column {
            title: crate::prompts::OBSERVER_TITLE.to_string(),
            editor: &attempt.observer_view,
            scroll: scroll.third,
            alone: scroll.scrolling == Scrolling::Third,
            mark: None,
            cursor: None,
        });
    }
    draw_sides(frame, body, theme, sides, three)
}

/// One column of [`draw_pair`]: its title, its text and the passage marked in it.
pub struct PairColumn<'a> {
    pub title: String,
    pub editor: &'a Editor,
    pub mark: &'a str,
}

/// Two texts side by side (both worlds), scrolled and marked as the side by side's
/// columns are; returns what they measured.
pub fn draw_pair(
    app: &App,
    frame: &mut Frame,
    body: Rect,
    scroll: ColumnScroll,
    [left, right]: [PairColumn<'_>; 2],
) -> Measured {
    let theme = Theme::of(app);
    let sides = vec![
        Column {
            title: left.title,
            editor: left.editor,
            scroll: scroll.left,
            alone: scroll.scrolling == Scrolling::Left,
            mark: Some(left.mark),
            cursor: None,
        },
        Column {
            title: right.title,
            editor: right.editor,
            scroll: scroll.right,
            alone: scroll.scrolling == Scrolling::Right,
            mark: Some(right.mark),
            cursor: None,
        },
    ];
    draw_sides(frame, body, theme, sides, false)
}

/// The columns drawn in their places; what they measured.
fn draw_sides(
    frame: &mut Frame,
    body: Rect,
    theme: Theme,
    sides: Vec<Column<'_>>,
    three: bool,
) -> Measured {
    let mut max_scrolls = [0; 3];
    let mut areas_drawn = [Rect::default(); 3];
    let mut rows_shown = usize::MAX;
    for (i, (column, area)) in sides
        .into_iter()
        .zip(areas(body, three, theme.plain))
        .enumerate()
    {
        let (max, rows) = column.draw(frame, area, theme);
        max_scrolls[i] = max;
        areas_drawn[i] = area;
        rows_shown = rows_shown.min(rows);
    }
    Measured {
        left: max_scrolls[0],
        right: max_scrolls[1],
        third: max_scrolls[2],
        rows: rows_shown,
        areas: areas_drawn,
    }
}

/// One column of the side by side.
struct Column<'a> {
    title: String,
    editor: &'a Editor,
    scroll: usize,
    alone: bool,
    /// The passage marked in it ("" for none); `None` where nothing can be marked.
    mark: Option<&'a str>,
    /// The sentence under the marking cursor.
    cursor: Option<usize>,
}

impl Column<'_> {
    /// Draws the column; returns how far it can scroll and the rows it shows.
    fn draw(self, frame: &mut Frame, area: Rect, theme: Theme) -> (usize, usize) {
        let title = if self.alone {
            Span::styled(
                format!(" ▸ {} (scrolling alone) ", self.title),
                theme.selected(),
            )
        } else {
            Span::styled(format!(" {} ", self.title), theme.key())
        };
        let shown_text = safe::prose(&self.editor.text()).into_owned();
        let mark = self
            .mark
            .filter(|m| !m.is_empty())
            .and_then(|m| shown_text.find(m).map(|at| at..at + m.len()));
        // The box's inside, to know what fits before the box is drawn with its cues.
        let inside = Rect {
            x: area.x + 1,
            y: area.y + 1,
            width: area.width.saturating_sub(2),
            height: area.height.saturating_sub(2),
        };
        let height = usize::from(inside.height);
        let rows = wrap_ranges(&shown_text, usize::from(inside.width));
        let max_scroll = rows.len().saturating_sub(height);
        let mut bottom = Vec::new();
        if mark.is_some() {
            bottom.push(Span::styled(" ★ marked ", theme.key()));
        }
        if let Some(more) = super::more_cue(self.scroll.min(max_scroll), max_scroll) {
            bottom.push(Span::styled(format!(" {more} "), theme.dim()));
        }
        let inside = draw_box(
            frame.buffer_mut(),
            area,
            &Line::from(title),
            &Line::from(bottom),
            theme,
        );
        if self.editor.is_empty() {
            draw_rows(
                frame.buffer_mut(),
                inside,
                [Line::styled("(nothing written yet)", theme.dim())],
            );
            return (0, height);
        }
        let cursor = self
            .cursor
            .and_then(|n| sentences(&shown_text).into_iter().nth(n));
        let mut scroll = self.scroll.min(max_scroll);
        // While marking, the sentence under the cursor is kept in sight.
        if let Some(cursor) = &cursor
            && let Some(row) = rows.iter().position(|(range, _)| range.end > cursor.start)
        {
            if row < scroll {
                scroll = row;
            } else if row >= scroll + height {
                scroll = (row + 1 - height).min(max_scroll);
            }
        }
        // The terminal's own cursor at the start of the sentence under the marking
        // cursor: a screen reader or a magnifier follows it, where reverse video alone
        // would tell them nothing.
        if let Some(cursor) = &cursor
            && let Some(row) = rows.iter().position(|(range, _)| range.end > cursor.start)
            && (scroll..scroll + height).contains(&row)
        {
            let range = &rows[row].0;
            let before = shown_text
                .get(range.start..cursor.start.max(range.start))
                .map_or(0, |text| text.width());
            let x = inside.x + (before as u16).min(inside.width.saturating_sub(1));
            frame.set_cursor_position((x, inside.y + (row - scroll) as u16));
        }
        let marked = Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD);
        let lines = rows
            .into_iter()
            .skip(scroll)
            .take(height)
            .map(|(range, shown)| {
                let mut line = highlighted(&range, shown, mark.as_ref(), marked);
                if let Some(cursor) = &cursor {
                    line = restyle(line, &range, cursor, theme.selected());
                }
                line
            });
        draw_rows(frame.buffer_mut(), inside, lines);
        (max_scroll, height)
    }
}

/// A row drawn from `range` of the text, with the part inside `passage` in `style`.
fn highlighted(
    range: &Range<usize>,
    shown: String,
    passage: Option<&Range<usize>>,
    style: Style,
) -> Line<'static> {
    match passage {
        Some(passage) => restyle(Line::raw(shown), range, passage, style),
        None => Line::raw(shown),
    }
}

/// Adds `style` to the part of a row (drawn from `range` of the text) inside
/// `passage`. A row whose drawing differs from its text (a tab drawn as spaces) is
/// styled whole when it touches the passage.
fn restyle(
    line: Line<'static>,
    range: &Range<usize>,
    passage: &Range<usize>,
    style: Style,
) -> Line<'static> {
    if passage.end <= range.start || passage.start >= range.end {
        return line;
    }
    let mut out = Vec::new();
    let mut at = range.start;
    for span in line.spans {
        let content = span.content.into_owned();
        let (from, to) = (at, at + content.len());
        at = to;
        let a = passage.start.clamp(from, to) - from;
        let b = passage.end.clamp(from, to) - from;
        if content.contains('\t') || !content.is_char_boundary(a) || !content.is_char_boundary(b) {
            out.push(Span::styled(content, span.style.patch(style)));
            continue;
        }
        let (head, rest) = content.split_at(a);
        let (middle, tail) = rest.split_at(b - a);
        for (piece, piece_style) in [
            (head, span.style),
            (middle, span.style.patch(style)),
            (tail, span.style),
        ] {
            if !piece.is_empty() {
                out.push(Span::styled(piece.to_owned(), piece_style));
            }
        }
    }
    Line::from(out)
}
