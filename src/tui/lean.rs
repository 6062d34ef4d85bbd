//! A ratatui backend that remembers what the terminal already has: where its
//! cursor is, whether it shows, and the colours and attributes in effect. It
//! writes only what changes.
//!
//! ratatui's crossterm backend moves the cursor before every run of cells, resets
//! every style at the end of each frame (three sequences), and hides or shows the
//! cursor on every frame, each with its own flush. A typed letter then costs 39
//! bytes. Here it costs the letter: the terminal's cursor already waits where the
//! letter goes, the style is already the text's, and the cursor is already shown.
//!
//! Everything is queued in the writer and written once, by `flush`.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthChar as _;

/// The colours and attributes the terminal draws new text with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    modifier: Modifier,
}

impl Pen {
    /// The terminal's own: what `SGR 0` gives.
    const PLAIN: Pen = Pen {
        fg: Color::Reset,
        bg: Color::Reset,
        modifier: Modifier::empty(),
    };
}

/// The backend. `W` is the terminal (a buffered stdout), or a `Vec<u8>` in tests.
pub struct Lean<W: Write> {
    out: W,
    /// Where the terminal's cursor is, when that is certain.
    cursor: Option<Position>,
    /// Whether the cursor shows, when that is certain.
    visible: Option<bool>,
    /// The pen in effect, when that is certain.
    pen: Option<Pen>,
    /// The screen's width, for the wrap at the right edge.
    width: u16,
    /// A letter written ahead of its frame ([`Lean::echo`]), where, and whether a
    /// frame has drawn that cell since.
    echoed: Option<(Position, char)>,
}

impl<W: Write> Lean<W> {
    pub fn new(out: W, width: u16) -> Lean<W> {
        Lean {
            out,
            cursor: None,
            visible: None,
            pen: None,
            width,
            echoed: None,
        }
    }

    /// Writes `c` at the terminal's cursor at once, ahead of the frame that will
    /// draw it, when the cursor shows, its place is known, and the letter fits
    /// before the right edge. The next frame writes nothing for that cell if it
    /// draws the same letter there; whatever else it draws there wins. Returns
    /// whether the letter was written.
    pub fn echo(&mut self, c: char) -> io::Result<bool> {
        let Some(at) = self.cursor.filter(|at| at.x + 1 < self.width) else {
            return Ok(false);
        };
        if self.visible != Some(true) || !(c == ' ' || c.is_ascii_graphic()) {
            return Ok(false);
        }
        self.set_pen(Pen::PLAIN)?;
        let mut bytes = [0; 4];
        self.out.write_all(c.encode_utf8(&mut bytes).as_bytes())?;
        self.out.flush()?;
        self.cursor = Some(Position::new(at.x + 1, at.y));
        self.echoed = Some((at, c));
        Ok(true)
    }

    /// Whether a letter echoed ahead was left on screen by a frame that did not
    /// touch its cell: the screen may then show a letter that is not there, and the
    /// caller draws everything again.
    pub fn echo_left_over(&mut self) -> bool {
        self.echoed.take().is_some()
    }

    /// Someone else had the terminal (an editor, the shell after a stop): nothing
    /// about it is certain any more.
    pub fn forget(&mut self) {
        self.cursor = None;
        self.visible = None;
        self.pen = None;
        self.echoed = None;
    }

    /// The screen is now `width` columns wide.
    pub fn set_width(&mut self, width: u16) {
        self.width = width;
    }

    #[cfg(test)]
    pub fn written_mut(&mut self) -> &mut W {
        &mut self.out
    }

    fn move_to(&mut self, to: Position) -> io::Result<()> {
        if self.cursor == Some(to) {
            return Ok(());
        }
        match self.cursor {
            // Along the same row to the right: `CSI n C` is shorter than an address.
            Some(from) if from.y == to.y && to.x > from.x => match to.x - from.x {
                1 => self.out.write_all(b"\x1b[C")?,
                n => write!(self.out, "\x1b[{n}C")?,
            },
            _ if to.x == 0 && to.y == 0 => self.out.write_all(b"\x1b[H")?,
            _ if to.x == 0 => write!(self.out, "\x1b[{}H", to.y + 1)?,
            _ => write!(self.out, "\x1b[{};{}H", to.y + 1, to.x + 1)?,
        }
        self.cursor = Some(to);
        Ok(())
    }

    /// Changes the pen to `to` in one `SGR` sequence, or writes nothing.
    fn set_pen(&mut self, to: Pen) -> io::Result<()> {
        if self.pen == Some(to) {
            return Ok(());
        }
        let mut params = Vec::new();
        let (from, removed) = match self.pen {
            Some(from) => (from, from.modifier - to.modifier),
            None => (Pen::PLAIN, Modifier::all()),
        };
        if !removed.is_empty() {
            // Taking an attribute away: start from the terminal's own pen. One `0`
            // costs less than the codes that take away one attribute each.
            params.push("0".to_owned());
            push_modifiers(&mut params, to.modifier);
            if to.fg != Color::Reset {
                params.push(colour(to.fg, 30));
            }
            if to.bg != Color::Reset {
                params.push(colour(to.bg, 40));
            }
        } else {
            push_modifiers(&mut params, to.modifier - from.modifier);
            if to.fg != from.fg {
                params.push(colour(to.fg, 30));
            }
            if to.bg != from.bg {
                params.push(colour(to.bg, 40));
            }
        }
        if !params.is_empty() {
            write!(self.out, "\x1b[{}m", params.join(";"))?;
        }
        self.pen = Some(to);
        Ok(())
    }
}

/// The `SGR` codes that turn `modifier`'s attributes on.
fn push_modifiers(params: &mut Vec<String>, modifier: Modifier) {
    const CODES: [(Modifier, &str); 8] = [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::SLOW_BLINK, "5"),
        (Modifier::REVERSED, "7"),
        (Modifier::HIDDEN, "8"),
        (Modifier::CROSSED_OUT, "9"),
    ];
    params.extend(
        CODES
            .iter()
            .filter(|(m, _)| modifier.contains(*m))
            .map(|(_, code)| (*code).to_owned()),
    );
    if modifier.contains(Modifier::RAPID_BLINK) && !modifier.contains(Modifier::SLOW_BLINK) {
        params.push("6".to_owned());
    }
}

/// The `SGR` code of a colour, `base` 30 for the text and 40 for the background.
/// The sixteen named colours use their classic codes, which every terminal knows.
fn colour(colour: Color, base: u8) -> String {
    let named = |n: u8| (base + n).to_string();
    let bright = |n: u8| (base + 60 + n).to_string();
    match colour {
        Color::Reset => named(9),
        Color::Black => named(0),
        Color::Red => named(1),
        Color::Green => named(2),
        Color::Yellow => named(3),
        Color::Blue => named(4),
        Color::Magenta => named(5),
        Color::Cyan => named(6),
        Color::Gray => named(7),
        Color::DarkGray => bright(0),
        Color::LightRed => bright(1),
        Color::LightGreen => bright(2),
        Color::LightYellow => bright(3),
        Color::LightBlue => bright(4),
        Color::LightMagenta => bright(5),
        Color::LightCyan => bright(6),
        Color::White => bright(7),
        Color::Indexed(i) => format!("{};5;{i}", base + 8),
        Color::Rgb(r, g, b) => format!("{};2;{r};{g};{b}", base + 8),
    }
}

/// How far a cell's symbol moves the terminal's cursor, when every terminal agrees:
/// one character whose width does not depend on the terminal's idea of ambiguous
/// widths. A cluster (an emoji with a modifier, a letter with a combining mark) is
/// drawn as the terminal sees fit, and the next cell is addressed anew.
fn advance(symbol: &str) -> Option<u16> {
    let mut chars = symbol.chars();
    let c = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    match (c.width(), c.width_cjk()) {
        (Some(w), Some(cjk)) if w == cjk && (1..=2).contains(&w) => Some(w as u16),
        _ => None,
    }
}

impl<W: Write> Backend for Lean<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        for (x, y, cell) in content {
            if let Some((at, c)) = self.echoed
                && at == Position::new(x, y)
            {
                self.echoed = None;
                let mut bytes = [0; 4];
                let same = cell.symbol() == c.encode_utf8(&mut bytes)
                    && cell.fg == Color::Reset
                    && cell.bg == Color::Reset
                    && cell.modifier.is_empty();
                if same {
                    // Already on screen: the cursor stays after it.
                    continue;
                }
            }
            self.move_to(Position::new(x, y))?;
            self.set_pen(Pen {
                fg: cell.fg,
                bg: cell.bg,
                modifier: cell.modifier,
            })?;
            let symbol = cell.symbol();
            self.out.write_all(symbol.as_bytes())?;
            // At the right edge the terminal waits to wrap: where its cursor is
            // then depends on the terminal.
            self.cursor = advance(symbol)
                .map(|w| x.saturating_add(w))
                .filter(|right| *right < self.width)
                .map(|right| Position::new(right, y));
        }
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.visible != Some(false) {
            self.out.write_all(b"\x1b[?25l")?;
            self.visible = Some(false);
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.visible != Some(true) {
            self.out.write_all(b"\x1b[?25h")?;
            self.visible = Some(true);
        }
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        // Never asks the terminal (that waits for an answer): ratatui only needs it
        // to put the cursor back where it was around a clear.
        Ok(self.cursor.unwrap_or_default())
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.move_to(position.into())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        // Most terminals clear with the current background: clear with the terminal's own.
        self.set_pen(Pen::PLAIN)?;
        self.echoed = None;
        let code: &[u8] = match clear_type {
            ClearType::All => b"\x1b[2J",
            ClearType::AfterCursor => b"\x1b[J",
            ClearType::BeforeCursor => b"\x1b[1J",
            ClearType::CurrentLine => b"\x1b[2K",
            ClearType::UntilNewLine => b"\x1b[K",
        };
        self.out.write_all(code)
    }

    fn size(&self) -> io::Result<Size> {
        let (width, height) = ratatui::crossterm::terminal::size()?;
        Ok(Size { width, height })
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        let crossterm = ratatui::crossterm::terminal::window_size()?;
        Ok(WindowSize {
            columns_rows: Size {
                width: crossterm.columns,
                height: crossterm.rows,
            },
            pixels: Size {
                width: crossterm.width,
                height: crossterm.height,
            },
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests;
