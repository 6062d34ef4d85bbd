//! Drawing: functions from `&App` to a frame, one module per screen. They change
//! nothing in the app; what they measured while drawing (how far a text can scroll,
//! how many rows an editor shows) they return as a [`Viewport`], which the loop hands
//! back to `update`.

pub mod calm;
pub mod finished;
pub mod form;
pub mod history;
pub mod library;
pub mod overlay;
pub mod reading;
pub mod scenario;
pub mod side_by_side;
pub mod translation;
pub mod writing;

use crate::config::ThemeName;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr as _;

use crate::app::{App, MIN_HEIGHT, MIN_WIDTH, Overlay, Screen, Step, Viewport};

/// The widest a column of prose gets, so lines stay easy to read.
pub const PROSE_WIDTH: u16 = 84;

/// Styles, with colour only as an accent: everything is also marked by bold,
/// reverse or a symbol, so it reads the same under `NO_COLOR` and in every theme.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
    pub name: ThemeName,
    /// `--plain`: no box drawing, for screen readers.
    pub plain: bool,
}

impl Theme {
    pub fn of(app: &App) -> Self {
        Theme {
            color: app.color,
            name: app.settings.theme,
            plain: app.settings.plain,
        }
    }

    /// The lines boxes are drawn with: blanks in plain screens, where a screen
    /// reader would read every line-drawing character aloud.
    pub fn border(self) -> ratatui::symbols::border::Set<'static> {
        if self.plain {
            ratatui::symbols::border::EMPTY
        } else {
            ratatui::symbols::border::PLAIN
        }
    }

    /// The colour of an accent in this theme, if colour may be used.
    fn accent(self, auto: Color, dark: Color, light: Color) -> Option<Color> {
        if !self.color {
            return None;
        }
        match self.name {
            ThemeName::Auto => Some(auto),
            ThemeName::Dark => Some(dark),
            ThemeName::Light => Some(light),
            ThemeName::HighContrast => None,
        }
    }

    pub fn title(self) -> Style {
        let style = Style::new().add_modifier(Modifier::BOLD);
        let style = match self.name {
            ThemeName::HighContrast => style.add_modifier(Modifier::UNDERLINED),
            _ => style,
        };
        match self.accent(Color::Cyan, Color::LightCyan, Color::Blue) {
            Some(colour) => style.fg(colour),
            None => style,
        }
    }

    pub fn selected(self) -> Style {
        match self.name {
            ThemeName::HighContrast => {
                Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
            }
            _ => Style::new().add_modifier(Modifier::REVERSED),
        }
    }

    /// Text that matters less: dimmed where dim reads well, plain otherwise. Nothing
    /// is told by dimness alone (a marker or a word goes with it).
    pub fn dim(self) -> Style {
        match self.name {
            ThemeName::Auto | ThemeName::Dark if self.color => {
                Style::new().add_modifier(Modifier::DIM)
            }
            _ => Style::new(),
        }
    }

    pub fn key(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn warning(self) -> Style {
        let style = Style::new().add_modifier(Modifier::BOLD);
        let style = match self.name {
            ThemeName::HighContrast => style.add_modifier(Modifier::REVERSED),
            _ => style,
        };
        match self.accent(Color::Yellow, Color::LightYellow, Color::Red) {
            Some(colour) => style.fg(colour),
            None => style,
        }
    }
}

/// The three bands of every screen.
pub struct Bands {
    pub header: Rect,
    pub body: Rect,
    pub footer: Rect,
}

pub fn bands(area: Rect) -> Bands {
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    // A one-column margin each side and a blank row under the header keep it calm.
    let body = Rect {
        x: body.x + 1,
        y: body.y + 1,
        width: body.width.saturating_sub(2),
        height: body.height.saturating_sub(1),
    };
    Bands {
        header,
        body,
        footer,
    }
}

/// A centred column no wider than `max`.
pub fn centred(area: Rect, max: u16) -> Rect {
    if area.width <= max {
        return area;
    }
    Rect {
        x: area.x + (area.width - max) / 2,
        width: max,
        ..area
    }
}

/// Draws the app, and says what the frame had room for (see [`Viewport`]).
pub fn draw(app: &App, frame: &mut Frame) -> Viewport {
    let area = frame.area();
    if app.hidden {
        draw_hidden(app, frame, area);
        return Viewport::default();
    }
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        draw_too_small(app, frame, area);
        return Viewport::default();
    }
    // The locked journal's door: nothing of the journal behind it.
    if app.door_shut() {
        overlay::draw_prompt(app, frame, area);
        return Viewport::default();
    }
    if app.overlay == Some(Overlay::SafetyNote) {
        draw_safety_note(app, frame, area);
        return Viewport::default();
    }
    if let Some(Overlay::Break(pause)) = &app.overlay {
        calm::draw_break(app, frame, area, pause);
        return Viewport::default();
    }
    let mut bands = bands(area);
    // A message too long to sit beside the keys gets rows of its own above the
    // footer, whole: the keys stay in sight.
    // Messages carry file names and reasons from outside.
    let status = crate::safe::line(&app.footer_message().unwrap_or_default()).into_owned();
    let (message, status) = if fits_beside_the_keys(&status, bands.footer.width) {
        (Vec::new(), status)
    } else {
        let rows = crate::text::wrap(&status, usize::from(bands.footer.width.saturating_sub(2)));
        (rows, String::new())
    };
    if !message.is_empty() {
        let rows = (message.len() as u16).min(bands.body.height.saturating_sub(1));
        bands.body.height -= rows;
        let above = Rect {
            y: bands.footer.y - rows,
            height: rows,
            ..bands.footer
        };
        let theme = Theme::of(app);
        draw_rows(
            frame.buffer_mut(),
            above,
            message
                .into_iter()
                .map(|row| Line::styled(format!(" {row}"), theme.warning())),
        );
    }
    draw_header(app, frame, bands.header);
    let mut measured = Viewport {
        view: Some(app.view()),
        ..Viewport::default()
    };
    measured.page_rows = match app.screen {
        Screen::Library => {
            let rows;
            (rows, measured.list) = library::draw(app, frame, bands.body);
            rows
        }
        Screen::Exercise(Step::Scenario) => {
            let rows;
            (measured.text, rows) = scenario::draw(app, frame, bands.body);
            rows
        }
        Screen::Exercise(Step::Moment) => form::draw(app, frame, bands.body),
        Screen::Exercise(Step::FollowUp) => calm::draw_follow_up(app, frame, bands.body),
        Screen::Exercise(Step::OwnView | Step::PartnerView | Step::Observer | Step::Reflection) => {
            writing::draw(app, frame, bands.body)
        }
        Screen::Exercise(Step::Translation) => translation::draw(app, frame, bands.body),
        Screen::Exercise(Step::SideBySide) => {
            let columns = side_by_side::draw(app, frame, bands.body);
            measured.columns = (columns.left, columns.right);
            measured.column_areas = columns.areas;
            measured.third = columns.third;
            columns.rows
        }
        Screen::Exercise(Step::Finished) => {
            let rows;
            (measured.text, rows) = finished::draw(app, frame, bands.body);
            rows
        }
        Screen::History => {
            let rows;
            (rows, measured.list) = history::draw(app, frame, bands.body);
            rows
        }
        Screen::Reading => {
            let drawn = reading::draw(app, frame, bands.body);
            measured.text = drawn.reflection;
            measured.columns = (drawn.columns.left, drawn.columns.right);
            measured.column_areas = drawn.columns.areas;
            measured.third = drawn.columns.third;
            drawn.rows
        }
    };
    draw_footer(app, frame, bands.footer, &status);
    match &app.overlay {
        Some(Overlay::Calm(check)) => calm::draw_check(app, frame, bands.body, check),
        Some(Overlay::CalmNote(_)) => calm::draw_note(app, frame, bands.body),
        Some(_) => {
            // The page keys move the overlay while it is open.
            (measured.overlay, measured.page_rows) = overlay::draw(app, frame, bands.body);
        }
        None => {}
    }
    measured
}

/// The quick hide: nothing of the text, nothing that says what the program is for.
fn draw_hidden(app: &App, frame: &mut Frame, area: Rect) {
    let theme = Theme::of(app);
    let top = area.height.saturating_sub(2) / 2;
    let rect = Rect {
        y: area.y + top,
        height: area.height - top,
        ..area
    };
    let lines = vec![
        Line::from("two-worlds · paused"),
        Line::styled("any key continues", theme.dim()),
    ];
    frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center), rect);
}

/// Who this is for, before the library on the first run: the whole screen, calm. The
/// last row always says how to go on; what does not fit is in help.
fn draw_safety_note(app: &App, frame: &mut Frame, area: Rect) {
    let theme = Theme::of(app);
    let column = centred(inside(area), 78);
    let width = usize::from(column.width);
    let mut lines = vec![
        Line::styled(format!(" {}", crate::care::SAFETY_TITLE), theme.title()),
        Line::raw(""),
    ];
    lines.extend(overlay::safety_note_lines(app, width, theme));
    let room = usize::from(column.height.saturating_sub(2));
    let hint = if lines.len() > room {
        lines.truncate(room);
        " More of this note is in help. Press any key to continue."
    } else {
        " This note is also in help. Press any key to continue."
    };
    // Centred on a tall screen, from the top on a short one.
    draw_a_third_down(
        frame.buffer_mut(),
        Rect {
            height: room as u16,
            ..column
        },
        lines,
    );
    let last = Rect {
        y: column.bottom().saturating_sub(1),
        height: 1,
        ..column
    };
    draw_rows(frame.buffer_mut(), last, [Line::styled(hint, theme.dim())]);
}

fn draw_too_small(app: &App, frame: &mut Frame, area: Rect) {
    let mut message = vec![
        Line::from("two-worlds needs more room."),
        Line::from(format!(
            "Make the terminal at least {MIN_WIDTH}×{MIN_HEIGHT}."
        )),
        Line::from(format!("(now {}×{})", area.width, area.height)),
    ];
    if matches!(app.overlay, Some(Overlay::Ask(_))) {
        message.push(Line::from("A question is waiting for you."));
    }
    let top = area.height.saturating_sub(3) / 2;
    let rect = Rect {
        y: area.y + top,
        height: area.height - top,
        ..area
    };
    frame.render_widget(
        Paragraph::new(message)
            .alignment(Alignment::Center)
            .wrap(ratatui::widgets::Wrap { trim: true }),
        rect,
    );
}

/// A step's name in the header's trail; the closing screen has none.
fn step_name(step: Step) -> Option<&'static str> {
    match step {
        Step::FollowUp => Some("Last time"),
        Step::Moment => Some("Your moment"),
        Step::Scenario => Some("Scenario"),
        Step::OwnView => Some("Your view"),
        Step::PartnerView => Some("Their view"),
        Step::Observer => Some("Friend's view"),
        Step::SideBySide => Some("Side by side"),
        Step::Translation => Some("Translation"),
        Step::Reflection => Some("Reflection"),
        Step::Finished => None,
    }
}

/// Whether a step belongs in this attempt's trail: the form only while it is on
/// screen, the friend's view only when chosen or offered.
fn in_trail(step: Step, screen: Screen, attempt: &crate::app::Attempt) -> bool {
    match step {
        Step::Moment | Step::FollowUp => screen == Screen::Exercise(step),
        Step::Observer => attempt.observer != Some(false),
        _ => true,
    }
}

fn draw_header(app: &App, frame: &mut Frame, area: Rect) {
    let theme = Theme::of(app);
    let mut spans = vec![Span::styled(" two-worlds", theme.title())];
    match (app.screen, app.attempt()) {
        (Screen::History, _) => spans.push(Span::raw("  ·  Journal")),
        (Screen::Reading, Some(attempt)) => {
            let both = app
                .history
                .reading
                .as_ref()
                .is_some_and(|r| r.both.is_some());
            spans.push(Span::raw(format!(
                "  ·  Journal  ·  {}{}",
                crate::safe::line(&attempt.exercise.title),
                if both { "  ·  [Both worlds]" } else { "" }
            )));
        }
        (Screen::Library, _) | (_, None) => {
            spans.push(Span::raw("  ·  Library"));
        }
        (screen, Some(attempt)) => {
            spans.push(Span::raw("  ·  "));
            let title = crate::safe::line(&attempt.exercise.title).into_owned();
            // The steps, where they fit: "Scenario › [Your view] › …".
            let trail: Vec<(Step, &str)> = Step::ALL
                .into_iter()
                .filter(|&step| in_trail(step, screen, attempt))
                .filter_map(|step| Some((step, step_name(step)?)))
                .collect();
            let steps_width: usize = trail
                .iter()
                .map(|(_, name)| name.width() + 3)
                .sum::<usize>()
                + 5;
            let before_title: usize = spans.iter().map(Span::width).sum();
            let used = before_title + title.width();
            let at = trail
                .iter()
                .position(|(s, _)| Screen::Exercise(*s) == screen);
            let short = at.map(|at| format!("   [{}] {} of {}", trail[at].1, at + 1, trail.len()));
            if used + steps_width <= usize::from(area.width) {
                spans.push(Span::raw(title));
                spans.push(Span::raw("   "));
                for (i, (step, name)) in trail.into_iter().enumerate() {
                    if i > 0 {
                        spans.push(Span::styled(" › ", theme.dim()));
                    }
                    if Screen::Exercise(step) == screen {
                        spans.push(Span::styled(format!("[{name}]"), theme.key()));
                    } else {
                        spans.push(Span::styled(name, theme.dim()));
                    }
                }
            } else if let Some(short) = short {
                // Where the whole trail does not fit: the step, and how far along it
                // is; a long title gives way to it ("The long tit… [Your view] 2 of 7").
                let room = usize::from(area.width).saturating_sub(before_title + short.width());
                let title = if title.width() > room {
                    let (cut, _) = unicode_truncate::UnicodeTruncateStr::unicode_truncate(
                        title.as_str(),
                        room.saturating_sub(1),
                    );
                    format!("{cut}…")
                } else {
                    title
                };
                spans.push(Span::raw(title));
                spans.push(Span::styled(short, theme.key()));
            } else {
                spans.push(Span::raw(title));
            }
        }
    }
    frame.render_widget(Line::from(spans), area);
}

/// Whether a footer message (safe to show) is short enough to share the footer with
/// the keys: half its width at most. A longer one gets rows of its own above it.
fn fits_beside_the_keys(status: &str, width: u16) -> bool {
    status.width() + 2 <= usize::from(width / 2)
}

/// The footer: the keys, and beside them `status`, a message short enough to fit
/// there (or nothing).
fn draw_footer(app: &App, frame: &mut Frame, area: Rect, status: &str) {
    let theme = Theme::of(app);
    let keys_room = match status.is_empty() {
        true => area.width,
        false => area.width.saturating_sub(status.width() as u16 + 2),
    };
    let [keys, right] =
        Layout::horizontal([Constraint::Length(keys_room), Constraint::Min(0)]).areas(area);
    // A question names its own answers ("Enter finish · Esc keep writing"): the
    // footer's general "Enter yes · n no" would say something else.
    let mut items = match app.overlay {
        Some(Overlay::Ask(_)) => Vec::new(),
        _ => app.keys.footer_for(app.context()),
    };
    // The other side is offered only where the library has it.
    use crate::keymap::{Command, Context};
    if app.context() == Context::FINISHED && app.mirror_of_current().is_none() {
        let other_side = app.keys.label_of(Context::FINISHED, Command::OtherSide);
        items.retain(|(key, _)| *key != other_side);
    }
    let width = |items: &[(&str, &str)]| -> usize {
        1 + items
            .iter()
            .map(|(key, word)| key.width() + word.width() + 3)
            .sum::<usize>()
    };
    // On a narrow terminal, drop hints from the middle: the first (the main action)
    // and the last (help or quit) stay.
    while items.len() > 2 && width(&items) > usize::from(keys.width) {
        items.remove(items.len() - 2);
    }
    let mut spans = vec![Span::raw(" ")];
    for (i, (key, word)) in items.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::raw(" "));
        spans.push(Span::raw(word));
    }
    frame.render_widget(Line::from(spans), keys);
    if !status.is_empty() {
        let line = Line::styled(format!("{status} "), theme.warning());
        frame.render_widget(line.right_aligned(), right);
    }
}

/// The area inside a one-cell border.
pub fn inside(area: Rect) -> Rect {
    Rect {
        x: area.x + 1,
        y: area.y + 1,
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    }
}

/// A box with a title on its top edge and another, right-aligned, on its bottom
/// edge, the same as a bordered `Block`. It touches only the edges: a `Block` restyles
/// every cell inside it on every frame, which was a tenth of the work of a keystroke.
/// Returns the area inside.
pub fn draw_box(buf: &mut Buffer, area: Rect, title: &Line, bottom: &Line, theme: Theme) -> Rect {
    let lines = theme.border();
    if area.width < 2 || area.height < 2 {
        return Rect::default();
    }
    let (left, right) = (area.left(), area.right() - 1);
    let (top, foot) = (area.top(), area.bottom() - 1);
    for x in left + 1..right {
        buf[(x, top)].set_symbol(lines.horizontal_top);
        buf[(x, foot)].set_symbol(lines.horizontal_bottom);
    }
    for y in top + 1..foot {
        buf[(left, y)].set_symbol(lines.vertical_left);
        buf[(right, y)].set_symbol(lines.vertical_right);
    }
    buf[(left, top)].set_symbol(lines.top_left);
    buf[(right, top)].set_symbol(lines.top_right);
    buf[(left, foot)].set_symbol(lines.bottom_left);
    buf[(right, foot)].set_symbol(lines.bottom_right);
    let room = area.width - 2;
    buf.set_line(left + 1, top, title, room);
    let width = (bottom.width() as u16).min(room);
    buf.set_line(right - width, foot, bottom, width);
    inside(area)
}

/// One field of a form: a box titled with its label (marked `▸` and bold while it
/// has the keyboard, dim otherwise) and the editor inside, with its cursor when
/// focused and no window covers it. Returns the rows the editor shows.
pub fn draw_field(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    label: &str,
    editor: &crate::editor::Editor,
    focused: bool,
) -> usize {
    let theme = Theme::of(app);
    let (style, marker) = if focused {
        (theme.key(), "▸ ")
    } else {
        (theme.dim(), "")
    };
    let inner = draw_box(
        frame.buffer_mut(),
        area,
        &Line::from(Span::styled(format!(" {marker}{label} "), style)),
        &Line::raw(""),
        theme,
    );
    draw_editor(app, frame, inner, editor, focused);
    usize::from(inner.height)
}

/// The editor in `area`, and the terminal's own cursor at its insertion point when it
/// has the keyboard and no window covers it: input methods, screen readers and
/// magnifiers follow that cursor.
pub fn draw_editor(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    editor: &crate::editor::Editor,
    focused: bool,
) {
    let cursor = editor.render(area, frame.buffer_mut());
    if focused
        && app.overlay.is_none()
        && let Some(cursor) = cursor
    {
        frame.set_cursor_position(cursor);
    }
}

/// `lines` drawn in the top `height` rows of `area`; the area below them.
pub fn draw_top<'a>(
    buf: &mut Buffer,
    area: Rect,
    height: u16,
    lines: impl IntoIterator<Item = Line<'a>>,
) -> Rect {
    let height = height.min(area.height);
    draw_rows(buf, Rect { height, ..area }, lines);
    Rect {
        y: area.y + height,
        height: area.height - height,
        ..area
    }
}

/// The words that say a text goes on beyond what a box shows: "↑ more above",
/// "↓ more below", both, or nothing when all of it is in view. In words and
/// arrows, so it reads the same without colour.
pub fn more_cue(scroll: usize, max_scroll: usize) -> Option<&'static str> {
    match (scroll > 0, scroll < max_scroll) {
        (true, true) => Some("↑↓ more above and below"),
        (true, false) => Some("↑ more above"),
        (false, true) => Some("↓ more below"),
        (false, false) => None,
    }
}

/// Draws `lines` a third of the way down `area` (what is left over above them
/// is half what is below), or from its top when they fill it: calm on a tall
/// screen, nothing lost on a short one. `lines` must fit in `area`.
pub fn draw_a_third_down<'a>(buf: &mut Buffer, area: Rect, lines: Vec<Line<'a>>) {
    let top = area.height.saturating_sub(lines.len() as u16) / 3;
    let body = Rect {
        y: area.y + top,
        height: area.height - top,
        ..area
    };
    draw_rows(buf, body, lines);
}

/// Lines drawn one a row from the top of `area`, as many as fit; the rows below are
/// left alone (a `Paragraph` would restyle all of them).
pub fn draw_rows<'a>(buf: &mut Buffer, area: Rect, lines: impl IntoIterator<Item = Line<'a>>) {
    for (y, line) in (area.top()..area.bottom()).zip(lines) {
        buf.set_line(area.x, y, &line, area.width);
    }
}

/// A list, one item a row: the `selected` item marked `› ` and reversed, and the rows
/// scrolled just enough that it shows (at the bottom edge when it is below the first
/// screenful). `row` gives an item's text, after the marker.
/// The index of the first item a list of `height` rows shows, with `selected` in view.
pub fn first_row(selected: usize, height: u16) -> usize {
    selected.saturating_sub(usize::from(height).saturating_sub(1))
}

pub fn draw_selectable<T>(
    frame: &mut Frame,
    area: Rect,
    theme: Theme,
    items: &[T],
    selected: usize,
    row: impl Fn(&T) -> String,
) {
    let first = first_row(selected, area.height);
    for (index, item) in items
        .iter()
        .enumerate()
        .skip(first)
        .take(usize::from(area.height))
    {
        let (marker, style) = if index == selected {
            ("› ", theme.selected())
        } else {
            ("  ", Style::new())
        };
        let rect = Rect {
            y: area.y + (index - first) as u16,
            height: 1,
            ..area
        };
        frame.render_widget(Line::styled(format!("{marker}{}", row(item)), style), rect);
    }
}
