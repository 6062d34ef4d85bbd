//! The full-screen program's event loop: read an event, turn it into a `Msg`,
//! `update`, perform the effects, draw. It blocks on input and never redraws on a timer.

use std::io::{self, BufWriter, IsTerminal, Stdout, Write};
use std::process::ExitCode;

use anyhow::Context as _;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind,
};
use ratatui::crossterm::terminal::{
    self, Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen,
};
use ratatui::crossterm::{cursor, execute};

use crate::app::{App, Effect, Msg};
use crate::cli::Cli;
use crate::exercise;

type Backend = CrosstermBackend<BufWriter<Stdout>>;

/// Opens the full-screen program. Exit code 2 when there is no terminal to draw on.
pub fn run(cli: &Cli) -> anyhow::Result<ExitCode> {
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        eprintln!(
            "two-worlds: error: the full-screen program needs a terminal; \
             `two-worlds list` and `two-worlds --help` work without one"
        );
        return Ok(ExitCode::from(2));
    }
    let paths = cli.paths()?;
    let library = exercise::load(&cli.sources(&paths));

    let mut terminal = enter().context("cannot set up the terminal")?;
    let size = terminal.size().unwrap_or_default();
    let mut app = App::new(library, size.width, size.height);
    app.color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());

    let result = event_loop(&mut terminal, &mut app);
    leave();
    result.map(|()| ExitCode::SUCCESS)
}

fn event_loop(terminal: &mut Terminal<Backend>, app: &mut App) -> anyhow::Result<()> {
    terminal.draw(|frame| crate::ui::draw(app, frame))?;
    loop {
        let mut changed = false;
        let mut next = Some(event::read()?);
        // Take whatever else is already waiting (a burst of keys) before drawing once.
        while let Some(event) = next {
            match handle(app, event) {
                Handled::Quit => return Ok(()),
                Handled::Changed => changed = true,
                Handled::Ignored => {}
            }
            next = if event::poll(std::time::Duration::ZERO)? {
                Some(event::read()?)
            } else {
                None
            };
        }
        if !changed {
            continue;
        }
        terminal.autoresize()?;
        terminal.draw(|frame| crate::ui::draw(app, frame))?;
    }
}

enum Handled {
    Ignored,
    Changed,
    Quit,
}

/// Feeds one event to the app and performs its effects.
fn handle(app: &mut App, event: Event) -> Handled {
    let Some(msg) = to_msg(event) else {
        return Handled::Ignored;
    };
    let mut handled = Handled::Changed;
    for effect in app.update(msg) {
        match effect {
            Effect::Quit => handled = Handled::Quit,
        }
    }
    handled
}

fn to_msg(event: Event) -> Option<Msg> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => Some(Msg::Key(key)),
        Event::Paste(text) => Some(Msg::Paste(text)),
        Event::Resize(width, height) => Some(Msg::Resize(width, height)),
        _ => None,
    }
}

/// Raw mode, the alternate screen and bracketed paste; a panic hook that undoes them.
fn enter() -> io::Result<Terminal<Backend>> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave();
        hook(info);
    }));
    terminal::enable_raw_mode()?;
    let mut out = io::stdout();
    execute!(
        out,
        EnterAlternateScreen,
        EnableBracketedPaste,
        Clear(ClearType::All)
    )?;
    // Never `Terminal::clear()`: it asks the terminal for the cursor position and
    // waits for the answer.
    Terminal::new(CrosstermBackend::new(BufWriter::with_capacity(
        64 * 1024,
        io::stdout(),
    )))
}

/// Puts the terminal back as it was. Safe to call twice.
fn leave() {
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableBracketedPaste,
        cursor::Show,
        LeaveAlternateScreen
    );
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
}
