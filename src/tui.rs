//! The full-screen program's event loop: read an event, turn it into a `Msg`,
//! `update`, perform the effects, draw. It blocks on input; the only timer is the
//! autosave, two seconds after the last edit, and it never redraws on a timer.

use std::collections::{HashMap, VecDeque};
use std::io::{self, BufWriter, IsTerminal, Stdout, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use jiff::Timestamp;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind,
};
use ratatui::crossterm::terminal::{
    self, Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen,
};
use ratatui::crossterm::{cursor, execute};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

use crate::app::{App, Effect, Msg, SaveJob};
use crate::cli::Cli;
use crate::journal::{self, EntryLock, Journal, LockError};
use crate::{exercise, export};

type Backend = CrosstermBackend<BufWriter<Stdout>>;

/// How long after the last edit the text is saved.
pub const AUTOSAVE_AFTER: Duration = Duration::from_secs(2);

/// Opens the full-screen program. Exit code 2 when there is no terminal to draw on.
pub fn run(cli: &Cli) -> anyhow::Result<ExitCode> {
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        let _ = writeln!(
            io::stderr(),
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
    app.now = Timestamp::now();
    // The app lives behind a lock that the event loop holds only while it handles
    // events and draws: a signal can then always reach the text to save it.
    let shared = Arc::new(Mutex::new(Shared {
        app,
        saver: Saver::new(&paths.data_dir),
    }));
    watch_signals(Arc::clone(&shared))?;

    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        event_loop(&mut terminal, &shared)
    }));
    let result = match outcome {
        Ok(result) => result,
        Err(panic) => {
            // Best effort: whatever is in memory goes to disk before we go.
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let Shared { app, saver } = &mut *lock(&shared);
                let effects = app.update(Msg::Terminate);
                perform(app, saver, effects);
            }));
            lock(&shared).saver.locks.clear();
            drop(terminal);
            leave();
            std::panic::resume_unwind(panic);
        }
    };
    // The signal thread keeps the saver alive: let go of the entries by hand.
    lock(&shared).saver.locks.clear();
    // Dropped before leaving: its drop shows the cursor, which must not come after.
    drop(terminal);
    leave();
    result.map(|()| ExitCode::SUCCESS)
}

/// What the event loop shares with the signal watcher.
struct Shared {
    app: App,
    saver: Saver,
}

fn lock(shared: &Mutex<Shared>) -> MutexGuard<'_, Shared> {
    shared
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn event_loop(terminal: &mut Terminal<Backend>, shared: &Mutex<Shared>) -> anyhow::Result<()> {
    let (mut revision, unsaved) = {
        let Shared { app, saver } = &mut *lock(shared);
        // The first frame comes before any slow work: the journal is read after it.
        terminal.draw(|frame| crate::ui::draw(app, frame))?;
        app.notice = journal::loose_permissions(&saver.data_dir);
        let listing = saver.journal.list();
        if feed(app, saver, Msg::Journal(listing)) {
            return Ok(());
        }
        terminal.draw(|frame| crate::ui::draw(app, frame))?;
        (app.revision(), app.has_unsaved())
    };
    let mut save_at = unsaved.then(|| Instant::now() + AUTOSAVE_AFTER);
    loop {
        // Wait without the lock, so a signal can save meanwhile.
        let event = match save_at {
            Some(at) => {
                let wait = at.saturating_duration_since(Instant::now());
                if event::poll(wait).unwrap_or(false) {
                    Some(event::read())
                } else {
                    None
                }
            }
            None => Some(event::read()),
        };
        let Shared { app, saver } = &mut *lock(shared);
        let mut changed = false;
        match event {
            None => {
                save_at = None;
                if feed(app, saver, Msg::AutosaveDue) {
                    return Ok(());
                }
                changed = true;
            }
            Some(Err(_)) => {
                // The terminal is gone (closed window, lost connection): save and leave.
                feed(app, saver, Msg::Terminate);
                return Ok(());
            }
            Some(Ok(first)) => {
                let mut next = Some(first);
                // Take whatever else is already waiting (a burst of keys) before drawing once.
                while let Some(event) = next {
                    if let Event::Resize(width, height) = event {
                        terminal.resize(Rect::new(0, 0, width, height))?;
                    }
                    if let Some(msg) = to_msg(event) {
                        changed = true;
                        if feed(app, saver, msg) {
                            return Ok(());
                        }
                    }
                    next = match event::poll(Duration::ZERO) {
                        Ok(true) => event::read().ok(),
                        _ => None,
                    };
                }
            }
        }
        let now_revision = app.revision();
        if now_revision != revision {
            revision = now_revision;
            save_at = Some(Instant::now() + AUTOSAVE_AFTER);
        }
        if !app.has_unsaved() {
            save_at = None;
        }
        if changed {
            terminal.draw(|frame| crate::ui::draw(app, frame))?;
        }
    }
}

/// Updates the app with one message and performs what follows; `true` means quit.
fn feed(app: &mut App, saver: &mut Saver, msg: Msg) -> bool {
    app.now = Timestamp::now();
    let effects = app.update(msg);
    perform(app, saver, effects)
}

/// Performs effects in order, feeding each result back to the app; `true` means quit.
fn perform(app: &mut App, saver: &mut Saver, effects: Vec<Effect>) -> bool {
    let mut queue: VecDeque<Effect> = effects.into();
    while let Some(effect) = queue.pop_front() {
        let msg = match effect {
            Effect::Quit => return true,
            Effect::Save(job) => Msg::Saved {
                id: job.id.clone(),
                revision: job.revision,
                result: saver.save(&job),
            },
            Effect::LoadDraft { id, path } => Msg::DraftLoaded {
                result: saver.load_draft(&path),
                id,
            },
            Effect::ReadEntry(path) => {
                Msg::EntryRead(Journal::load(&path).map_err(|e| format!("{e:#}")))
            }
            Effect::Export(path) => Msg::Exported(saver.export(&path)),
            Effect::Delete(path) => Msg::Deleted(saver.delete(&path)),
            Effect::ListJournal => Msg::Journal(saver.journal.list()),
        };
        app.now = Timestamp::now();
        queue.extend(app.update(msg));
    }
    false
}

/// The journal on disk, and the locks on the entries this program has open.
struct Saver {
    data_dir: PathBuf,
    journal: Journal,
    locks: HashMap<PathBuf, EntryLock>,
    /// The file of each attempt saved so far: however a save is asked for (the loop,
    /// a signal, a panic), one attempt never gets two files.
    files: HashMap<u64, PathBuf>,
}

impl Saver {
    fn new(data_dir: &Path) -> Self {
        Saver {
            data_dir: data_dir.to_path_buf(),
            journal: Journal::new(data_dir),
            locks: HashMap::new(),
            files: HashMap::new(),
        }
    }

    fn save(&mut self, job: &SaveJob) -> Result<PathBuf, String> {
        let known = job
            .path
            .clone()
            .or_else(|| self.files.get(&job.attempt).cloned());
        let path = match known {
            Some(path) => path,
            None => {
                let (path, lock) = self
                    .journal
                    .create_entry(&job.id, job.entry.started)
                    .map_err(|e| format!("{e:#}"))?;
                self.locks.insert(path.clone(), lock);
                self.files.insert(job.attempt, path.clone());
                path
            }
        };
        self.journal
            .save(&path, &job.entry)
            .map_err(|e| format!("{e:#}"))?;
        Ok(path)
    }

    /// Reads a draft and locks it, so a second two-worlds cannot write it too.
    fn load_draft(&mut self, path: &Path) -> Result<(PathBuf, journal::Entry), String> {
        if !self.locks.contains_key(path) {
            let lock = journal::lock_entry(path).map_err(|err| match err {
                LockError::Held { pid } => format!(
                    "That draft is open in another two-worlds (process {pid}), so this is a fresh entry."
                ),
                other => format!("{other}; this is a fresh entry"),
            })?;
            self.locks.insert(path.to_path_buf(), lock);
        }
        let entry = Journal::load(path).map_err(|e| format!("{e:#}; this is a fresh entry"))?;
        Ok((path.to_path_buf(), entry))
    }

    /// Writes the entry as Markdown to `<data-dir>/exports/`, readable by the user only,
    /// under a name made safe from the entry's id ([`export::export_path`]).
    fn export(&self, path: &Path) -> Result<PathBuf, String> {
        let entry = Journal::load(path).map_err(|e| format!("{e:#}"))?;
        let dir = self.data_dir.join("exports");
        journal::create_private_dir_all(&dir).map_err(|e| format!("{e:#}"))?;
        // A second export of the same entry gets -2, -3, …: nothing is replaced.
        let target = export::export_path(&dir, &entry.exercise_id, path);
        export::write_file(&target, &export::markdown(&entry)).map_err(|e| format!("{e:#}"))?;
        Ok(target)
    }

    fn delete(&mut self, path: &Path) -> Result<PathBuf, String> {
        self.locks.remove(path);
        self.journal.delete(path).map_err(|e| format!("{e:#}"))?;
        Ok(path.to_path_buf())
    }
}

/// On SIGTERM, SIGHUP (the terminal closed), SIGINT or SIGQUIT (sent from outside: in
/// the program Ctrl+C is a key), saves every unsaved text, puts the
/// terminal back and exits. It runs on its own thread because the event loop may be
/// stuck: on a closed terminal, crossterm's read never returns.
fn watch_signals(shared: Arc<Mutex<Shared>>) -> anyhow::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])
        .context("cannot watch for signals")?;
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            let Shared { app, saver } = &mut *lock(&shared);
            for job in app.unsaved_jobs() {
                let _ = saver.save(&job);
            }
            // The saver lives on in the other thread: let go of the entries by hand.
            saver.locks.clear();
            leave();
            std::process::exit(0);
        }
    });
    Ok(())
}

fn to_msg(event: Event) -> Option<Msg> {
    // Debug builds only: lets the end-to-end tests check what a panic leaves behind.
    #[cfg(debug_assertions)]
    if let Event::Key(key) = &event
        && key.code == event::KeyCode::F(12)
        && std::env::var_os("TWO_WORLDS_TEST_PANIC").is_some()
    {
        panic!("a test panic (F12 with TWO_WORLDS_TEST_PANIC set)");
    }
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
    // waits for the answer. The viewport is fixed and resized on resize events only:
    // a full-screen one asks the terminal its size (opening /dev/tty) on every frame.
    let (width, height) = terminal::size()?;
    Terminal::with_options(
        CrosstermBackend::new(BufWriter::with_capacity(64 * 1024, io::stdout())),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
        },
    )
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
