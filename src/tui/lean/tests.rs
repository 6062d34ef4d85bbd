//! The backend checked against a terminal emulator: whatever the frames, the
//! screen shows exactly the last buffer, and a typed letter costs the letter.

use proptest::prelude::*;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::{Terminal, TerminalOptions, Viewport};

use super::Lean;

const WIDTH: u16 = 12;
const HEIGHT: u16 = 4;

fn emulator() -> vt100::Parser {
    let size = |n: u16| std::num::NonZeroU16::new(n).unwrap();
    vt100::Parser::new(size(HEIGHT), size(WIDTH), 0)
}

fn terminal(width: u16, height: u16) -> Terminal<Lean<Vec<u8>>> {
    Terminal::with_options(
        Lean::new(Vec::new(), width),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
        },
    )
    .unwrap()
}

/// What one frame draws: cells `(x, y, symbol, style)`, and the cursor or none.
#[derive(Debug, Clone)]
struct Frame {
    cells: Vec<(u16, u16, &'static str, Style)>,
    cursor: Option<(u16, u16)>,
}

/// Draws `frame`; returns the bytes it wrote.
fn draw(terminal: &mut Terminal<Lean<Vec<u8>>>, frame: &Frame) -> Vec<u8> {
    terminal
        .draw(|f| {
            for (x, y, symbol, style) in &frame.cells {
                f.buffer_mut().set_string(*x, *y, symbol, *style);
            }
            if let Some((x, y)) = frame.cursor {
                f.set_cursor_position(Position::new(x, y));
            }
        })
        .unwrap();
    std::mem::take(terminal.backend_mut().written_mut())
}

fn expected_colour(colour: Color) -> vt100::Color {
    match colour {
        Color::Reset => vt100::Color::Default,
        Color::Black => vt100::Color::Idx(0),
        Color::Red => vt100::Color::Idx(1),
        Color::Green => vt100::Color::Idx(2),
        Color::Yellow => vt100::Color::Idx(3),
        Color::Blue => vt100::Color::Idx(4),
        Color::Magenta => vt100::Color::Idx(5),
        Color::Cyan => vt100::Color::Idx(6),
        Color::Gray => vt100::Color::Idx(7),
        Color::DarkGray => vt100::Color::Idx(8),
        Color::LightRed => vt100::Color::Idx(9),
        Color::LightGreen => vt100::Color::Idx(10),
        Color::LightYellow => vt100::Color::Idx(11),
        Color::LightBlue => vt100::Color::Idx(12),
        Color::LightMagenta => vt100::Color::Idx(13),
        Color::LightCyan => vt100::Color::Idx(14),
        Color::White => vt100::Color::Idx(15),
        Color::Indexed(i) => vt100::Color::Idx(i),
        Color::Rgb(r, g, b) => vt100::Color::Rgb(r, g, b),
    }
}

/// A cell: narrow symbols on the top two rows, wide ones at even columns on the
/// others. A narrow letter over half of a wide one makes the terminal blank the
/// other half, which ratatui's diff does not know of, whatever the backend.
fn cells() -> impl Strategy<Value = (u16, u16, &'static str)> {
    let narrow = prop::sample::select(vec!["a", "b", " ", "é", "─", "│", "▸", "…", "·", "ñ"]);
    let wide = prop::sample::select(vec!["語", "字", "日"]);
    prop_oneof![
        (0..WIDTH, 0..2u16, narrow),
        ((0..WIDTH / 2).prop_map(|x| x * 2), 2..HEIGHT, wide),
    ]
}

fn colours() -> impl Strategy<Value = Color> {
    prop::sample::select(vec![
        Color::Reset,
        Color::Red,
        Color::Gray,
        Color::DarkGray,
        Color::White,
        Color::Indexed(200),
        Color::Rgb(1, 2, 3),
    ])
}

fn styles() -> impl Strategy<Value = Style> {
    (
        colours(),
        colours(),
        prop::sample::select(vec![
            Modifier::empty(),
            Modifier::BOLD,
            Modifier::DIM,
            Modifier::REVERSED,
            Modifier::ITALIC | Modifier::UNDERLINED,
            Modifier::BOLD | Modifier::REVERSED,
        ]),
    )
        .prop_map(|(fg, bg, modifier)| Style::new().fg(fg).bg(bg).add_modifier(modifier))
}

fn frames() -> impl Strategy<Value = Frame> {
    (
        prop::collection::vec(
            (cells(), styles()).prop_map(|((x, y, symbol), style)| (x, y, symbol, style)),
            0..20,
        ),
        prop::option::of((0..WIDTH, 0..HEIGHT)),
    )
        .prop_map(|(cells, cursor)| Frame { cells, cursor })
}

/// What a frame leaves on screen, computed the way ratatui would: a fresh buffer
/// with the frame's cells set.
fn buffer_of(frame: &Frame) -> ratatui::buffer::Buffer {
    let mut buffer = ratatui::buffer::Buffer::empty(Rect::new(0, 0, WIDTH, HEIGHT));
    for (x, y, symbol, style) in &frame.cells {
        buffer.set_string(*x, *y, symbol, *style);
    }
    buffer
}

fn compare(
    screen: &vt100::Screen,
    buffer: &ratatui::buffer::Buffer,
    cursor: Option<(u16, u16)>,
) -> Result<(), TestCaseError> {
    let mut skip = 0;
    for y in 0..HEIGHT {
        for x in 0..WIDTH {
            let want = &buffer[(x, y)];
            let got = screen.cell(y, x).unwrap();
            if skip > 0 {
                skip -= 1;
                continue;
            }
            skip = unicode_width::UnicodeWidthStr::width(want.symbol()).saturating_sub(1);
            let shown = if got.contents().is_empty() {
                " "
            } else {
                got.contents()
            };
            prop_assert_eq!(shown, want.symbol(), "symbol at {:?}", (x, y));
            prop_assert_eq!(
                got.fgcolor(),
                expected_colour(want.fg),
                "fg at {:?}",
                (x, y)
            );
            prop_assert_eq!(
                got.bgcolor(),
                expected_colour(want.bg),
                "bg at {:?}",
                (x, y)
            );
            let m = want.modifier;
            // The emulator keeps one intensity: bold and dim together show as one of them.
            if m.contains(Modifier::BOLD | Modifier::DIM) {
                prop_assert!(got.bold() || got.dim(), "bold and dim at {:?}", (x, y));
            } else {
                prop_assert_eq!(
                    got.bold(),
                    m.contains(Modifier::BOLD),
                    "bold at {:?}",
                    (x, y)
                );
                prop_assert_eq!(got.dim(), m.contains(Modifier::DIM), "dim at {:?}", (x, y));
            }
            prop_assert_eq!(got.italic(), m.contains(Modifier::ITALIC));
            prop_assert_eq!(got.underline(), m.contains(Modifier::UNDERLINED));
            prop_assert_eq!(got.inverse(), m.contains(Modifier::REVERSED));
        }
    }
    prop_assert_eq!(screen.hide_cursor(), cursor.is_none());
    if let Some((x, y)) = cursor {
        prop_assert_eq!(screen.cursor_position(), (y, x));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Whatever came before, the screen shows the last frame exactly.
    #[test]
    fn the_screen_is_the_last_frame(frames in prop::collection::vec(frames(), 1..6)) {
        let mut terminal = terminal(WIDTH, HEIGHT);
        let mut parser = emulator();
        for frame in &frames {
            let bytes = draw(&mut terminal, frame);
            parser.process(&bytes);
            compare(parser.screen(), &buffer_of(frame), frame.cursor)?;
        }
    }

    /// A letter echoed ahead of any frame, where the cursor is, leaves the screen
    /// exact after the next frame, or after the full redraw the event loop then does.
    #[test]
    fn an_echo_never_leaves_a_wrong_letter(frames in prop::collection::vec((frames(), prop::option::of(prop::sample::select(vec!['a', ' ', '~']))), 1..6)) {
        let mut terminal = terminal(WIDTH, HEIGHT);
        let mut parser = emulator();
        for (frame, echo) in &frames {
            if let Some(c) = echo {
                terminal.backend_mut().echo(*c).unwrap();
            }
            let bytes = draw(&mut terminal, frame);
            parser.process(&bytes);
            if terminal.backend_mut().echo_left_over() {
                terminal.backend_mut().forget();
                terminal.resize(Rect::new(0, 0, WIDTH, HEIGHT)).unwrap();
                let bytes = draw(&mut terminal, frame);
                parser.process(&bytes);
            }
            compare(parser.screen(), &buffer_of(frame), frame.cursor)?;
        }
    }

    /// After someone else had the terminal, a redraw of everything is still exact.
    #[test]
    fn a_forgotten_terminal_is_drawn_whole(first in frames(), second in frames()) {
        let mut terminal = terminal(WIDTH, HEIGHT);
        let mut parser = emulator();
        parser.process(&draw(&mut terminal, &first));
        // The other program leaves a style, a hidden cursor and a mess behind.
        parser.process(b"\x1b[1;7;31mjunk\x1b[?25l\x1b[3;3H");
        terminal.backend_mut().forget();
        terminal.resize(Rect::new(0, 0, WIDTH, HEIGHT)).unwrap();
        terminal.clear().unwrap();
        parser.process(&std::mem::take(terminal.backend_mut().written_mut()));
        let bytes = draw(&mut terminal, &second);
        parser.process(&bytes);
        compare(parser.screen(), &buffer_of(&second), second.cursor)?;
    }
}

/// A letter typed at the end of a line, with the terminal's cursor after it,
/// costs the letter and nothing else.
#[test]
fn a_typed_letter_costs_one_byte() {
    let mut terminal = terminal(80, 24);
    let field = |text: &'static str| Frame {
        cells: vec![(2, 5, text, Style::new())],
        cursor: Some((2 + text.len() as u16, 5)),
    };
    draw(&mut terminal, &field("Hello"));
    assert_eq!(draw(&mut terminal, &field("Hello,")), b",");
    // A space over a blank changes no cell: the cursor steps over it.
    assert_eq!(draw(&mut terminal, &field("Hello, ")), b"\x1b[C");
    assert_eq!(draw(&mut terminal, &field("Hello, y")), b"y");
}

/// Nothing changes, nothing is written.
#[test]
fn an_unchanged_frame_writes_nothing() {
    let mut terminal = terminal(20, 3);
    let frame = Frame {
        cells: vec![(0, 0, "title", Style::new().add_modifier(Modifier::BOLD))],
        cursor: None,
    };
    assert!(!draw(&mut terminal, &frame).is_empty());
    assert_eq!(draw(&mut terminal, &frame), b"");
}

/// A wide character moves the cursor two columns; the next letter needs no address.
#[test]
fn a_wide_character_moves_the_cursor_two_columns() {
    let mut terminal = terminal(20, 3);
    let frame = |text: &'static str, cursor: u16| Frame {
        cells: vec![(0, 1, text, Style::new())],
        cursor: Some((cursor, 1)),
    };
    draw(&mut terminal, &frame("語", 2));
    assert_eq!(draw(&mut terminal, &frame("語字", 4)), "字".as_bytes());
}

/// A letter echoed ahead: written at once, and the frame that draws the same
/// letter there writes nothing more.
#[test]
fn an_echoed_letter_is_not_written_again_by_its_frame() {
    let mut terminal = terminal(80, 24);
    let field = |text: &'static str| Frame {
        cells: vec![(2, 5, text, Style::new())],
        cursor: Some((2 + text.len() as u16, 5)),
    };
    draw(&mut terminal, &field("Hello"));
    assert!(terminal.backend_mut().echo('!').unwrap());
    assert_eq!(std::mem::take(terminal.backend_mut().written_mut()), b"!");
    assert_eq!(draw(&mut terminal, &field("Hello!")), b"");
    assert!(!terminal.backend_mut().echo_left_over());
}

/// An echo where the frame draws something else is overwritten; one where the
/// frame draws nothing new is reported, for a full redraw.
#[test]
fn an_echo_the_frame_disagrees_with_is_corrected_or_reported() {
    let mut terminal = terminal(80, 24);
    let field = |text: &'static str, cursor: u16| Frame {
        cells: vec![(2, 5, text, Style::new())],
        cursor: Some((cursor, 5)),
    };
    draw(&mut terminal, &field("ab", 4));
    terminal.backend_mut().echo('x').unwrap();
    terminal.backend_mut().written_mut().clear();
    let bytes = draw(&mut terminal, &field("abY", 5));
    assert_eq!(
        bytes, b"\x1b[6;5HY",
        "Y over the x; the cursor is after it already"
    );
    assert!(!terminal.backend_mut().echo_left_over());
    terminal.backend_mut().echo('z').unwrap();
    draw(&mut terminal, &field("abY", 5));
    assert!(
        terminal.backend_mut().echo_left_over(),
        "z is on screen, not in the frame"
    );
}

/// No echo where the cursor is hidden, unknown, or at the right edge.
#[test]
fn no_echo_without_a_shown_cursor_or_room() {
    let mut terminal = terminal(10, 3);
    let hidden = Frame {
        cells: vec![],
        cursor: None,
    };
    draw(&mut terminal, &hidden);
    assert!(!terminal.backend_mut().echo('a').unwrap());
    let edge = Frame {
        cells: vec![],
        cursor: Some((9, 1)),
    };
    draw(&mut terminal, &edge);
    assert!(!terminal.backend_mut().echo('a').unwrap());
    terminal.backend_mut().forget();
    assert!(!terminal.backend_mut().echo('a').unwrap());
}
