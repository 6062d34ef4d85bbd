//! The full-screen program's event loop: read an event, turn it into a `Msg`,
//! `update`, perform the effects, draw. It blocks on input; the only timer is the
//! autosave, two seconds after the last edit, and it never redraws on a timer.

use std::collections::VecDeque;
use std::io::{self, BufWriter, IsTerminal, Stdout, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use jiff::Timestamp;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEvent, MouseButton, MouseEventKind,
};
use ratatui::crossterm::style::{Attribute, SetAttribute};
use ratatui::crossterm::terminal::{
    self, Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen,
};
use ratatui::crossterm::{cursor, execute};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

use crate::app::{App, Effect, Msg};
use crate::cli::Cli;
use crate::handoff::{self, HandOffError};
use crate::journal::{self, Journal};
use crate::{exercise, state};

pub mod lean;

type Backend = lean::Lean<BufWriter<Stdout>>;

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
    // The journal never changes between locked and plain under a running program:
    // `lock`, `decrypt` and `passphrase` wait for every one to close.
    let _journal_lock = match journal::lock_journal(&paths.data_dir, false) {
        Ok(lock) => Some(lock),
        Err(journal::LockError::Held { .. }) => {
            anyhow::bail!(
                "your journal is being locked, decrypted or given a new passphrase right now; \
                 open two-worlds again once that has finished"
            )
        }
        // No data folder yet (a first run), or one that cannot hold the lock file:
        // nothing to lock, or the folder's own problem, said where it matters.
        Err(_) => None,
    };
    let locked = match crate::vault::lock_state(&paths.data_dir) {
        crate::vault::Lock::Open => false,
        crate::vault::Lock::Broken(why) => anyhow::bail!("{why}"),
        crate::vault::Lock::Sealed(seal) => {
            if seal.phase != crate::vault::Phase::Locked {
                anyhow::bail!(
                    "your journal is {}; two-worlds opens once that is done",
                    crate::vault::convert::describe(&crate::vault::Lock::Sealed(seal))
                );
            }
            true
        }
    };
    // A passphrase given without asking (a file, a password manager) opens it now.
    let unlocked = locked
        && crate::cli::vault::unlock_without_asking(
            &paths.data_dir,
            cli.passphrase_file.as_deref(),
        )?;
    let mut library = exercise::load(&cli.sources(&paths, &[]));
    library.add_shared(&paths.data_dir);
    let (mut settings, settings_problems) =
        crate::config::load(cli.settings_source(&Default::default()).as_ref());
    settings.plain |= cli.plain;
    MOUSE.store(settings.mouse, Ordering::Relaxed);
    let state = state::load(&paths.data_dir);
    let safety_note_seen = state.safety_note_seen();

    let terminal = enter().context("cannot set up the terminal")?;
    let size = terminal.size().unwrap_or_default();
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut app = App::new(library, size.width, size.height)
        .with_color(color)
        .with_prefs(state.prefs())
        .with_settings(settings, settings_problems)
        .with_sources(cli.sources(&paths, &[]))
        .with_user_lexicon();
    if !safety_note_seen {
        app = app.with_safety_note();
    }
    if locked {
        app = app.with_locked_journal();
        if unlocked {
            tell(&mut app, Msg::Unlocked(crate::app::UnlockResult::Opened));
        }
    }
    tell(&mut app, Msg::Clock(Timestamp::now()));
    // The app lives behind a lock that the event loop holds only while it handles
    // events and draws: a signal can then always reach the text to save it.
    let shared = Arc::new(Mutex::new(Shared {
        app,
        journal: Journal::new(&paths.data_dir),
        terminal,
    }));
    watch_signals(Arc::clone(&shared))?;

    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| event_loop(&shared)));
    let (result, report) = match outcome {
        Ok(Ok(Leave::Quit)) => (Ok(()), None),
        Ok(Ok(Leave::TerminalGone)) => (Ok(()), shut_down_locked(&shared)),
        Ok(Err(err)) => (Err(err), shut_down_locked(&shared)),
        Err(panic) => {
            // Best effort: whatever is in memory goes to disk before we go.
            let report = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                shut_down_locked(&shared)
            }))
            .ok()
            .flatten();
            release(&shared);
            leave();
            if let Some(report) = report {
                let _ = writeln!(io::stderr(), "{}", report);
            }
            std::panic::resume_unwind(panic);
        }
    };
    let shut_out = lock(&shared).app.leaving_locked;
    release(&shared);
    leave();
    if shut_out && report.is_none() {
        let _ = writeln!(
            io::stderr(),
            "two-worlds: your journal stays locked: the passphrase did not open it three times. \
             Nothing was changed."
        );
        return result.map(|()| ExitCode::FAILURE);
    }
    match report {
        Some(report) => {
            let _ = writeln!(io::stderr(), "{}", report);
            result.map(|()| ExitCode::FAILURE)
        }
        None => result.map(|()| ExitCode::SUCCESS),
    }
}

/// How the event loop ended.
enum Leave {
    /// The user quit, through `update`: everything was saved or the user chose to leave.
    Quit,
    /// The terminal went away: what is unsaved must be saved or rescued.
    TerminalGone,
}

/// What the event loop shares with the signal watcher.
struct Shared {
    app: App,
    journal: Journal,
    terminal: Terminal<Backend>,
}

fn lock(shared: &Mutex<Shared>) -> MutexGuard<'_, Shared> {
    shared
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Lets go of the entries and flushes the last frame before the terminal is put back.
/// The signal thread keeps `Shared` alive, so neither is dropped on its own.
fn release(shared: &Mutex<Shared>) {
    let mut guard = lock(shared);
    guard.journal.release_locks();
    let _ = guard.terminal.flush();
}

fn event_loop(shared: &Mutex<Shared>) -> anyhow::Result<Leave> {
    let (mut revision, unsaved) = {
        let Shared {
            app,
            journal,
            terminal,
        } = &mut *lock(shared);
        // The first frame comes before any slow work: the journal is read after it,
        // and the time zone (a file to read and parse) is looked up after it too, as
        // no date is on the first frame.
        redraw(app, journal, terminal)?;
        // crossterm watches for resizes (SIGWINCH) only from its first look at the
        // input. Look now, then ask the size once: a resize since the start, before
        // anyone watched, is not lost (the screen would stay drawn for the old size).
        let _ = event::poll(Duration::ZERO);
        if let Ok((width, height)) = terminal::size()
            && (width, height) != (app.width, app.height)
        {
            resize(terminal, width, height)?;
            feed(app, journal, Msg::Resize(width, height));
            redraw(app, journal, terminal)?;
        }
        tell(app, Msg::Zone(crate::time::local_zone()));
        if let Some(notice) = journal::loose_permissions(journal.data_dir()) {
            tell(app, Msg::Notice(notice));
        }
        // A locked journal is listed once its door opens.
        if !app.door_shut() {
            let listing = journal.list_with(&progress_on_terminal(app.height));
            if feed(app, journal, Msg::Journal(listing)) {
                return Ok(Leave::Quit);
            }
        }
        redraw(app, journal, terminal)?;
        (app.revision(), app.has_unsaved())
    };
    let mut save_at = unsaved.then(|| Instant::now() + AUTOSAVE_AFTER);
    // When the app asked to be woken with no key pressed (a break's next minute).
    let mut wake_at = None;
    loop {
        // Wait without the lock, so a signal can save meanwhile.
        let wait = [save_at, wake_at].into_iter().flatten().min();
        let event = match wait {
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
        let Shared {
            app,
            journal,
            terminal,
        } = &mut *lock(shared);
        let mut changed = false;
        match event {
            None if wake_at.is_some_and(|at| at <= Instant::now()) => {
                tell(app, Msg::Tick);
                // Only when what the screen shows changes: once a minute at most.
                changed = true;
            }
            None => {
                save_at = None;
                if feed(app, journal, Msg::AutosaveDue) {
                    return Ok(Leave::Quit);
                }
                changed = true;
            }
            // The terminal is gone (closed window, lost connection): save and leave.
            Some(Err(_)) => return Ok(Leave::TerminalGone),
            Some(Ok(first)) => {
                // A letter typed at the end of a line shows at once; the frame
                // below then has nothing to write for it.
                if let Event::Key(key) = &first
                    && let Some(c) = app.echo_of(key)
                {
                    terminal.backend_mut().echo(c)?;
                }
                // Events already read, waiting their turn (Windows: a burst read whole
                // to tell a paste from typing).
                let mut pending: VecDeque<Event> = VecDeque::new();
                #[cfg(windows)]
                let first = {
                    let mut burst = vec![first];
                    if matches!(burst[0], Event::Key(_)) {
                        while let Ok(true) = event::poll(Duration::ZERO) {
                            match event::read() {
                                Ok(event) => burst.push(event),
                                Err(_) => break,
                            }
                        }
                        if let Some(text) = paste_from_burst(&burst) {
                            burst = vec![Event::Paste(text)];
                        }
                    }
                    pending.extend(burst);
                    pending
                        .pop_front()
                        .expect("the burst holds the first event")
                };
                // An Esc may be the start of Option+arrow (see `meta_arrow`): its two
                // other keys arrive with it, or it is an Esc of its own.
                let first = if matches!(&first, Event::Key(key) if key.code == event::KeyCode::Esc)
                {
                    while pending.len() < 2 {
                        match event::poll(Duration::ZERO) {
                            Ok(true) => match event::read() {
                                Ok(event) => pending.push_back(event),
                                Err(_) => break,
                            },
                            _ => break,
                        }
                    }
                    match meta_arrow(&first, pending.make_contiguous()) {
                        Some(key) => {
                            pending.drain(..2);
                            Event::Key(key)
                        }
                        None => first,
                    }
                } else {
                    first
                };
                let mut next = Some(first);
                // Take whatever else is already waiting (a burst of keys) before drawing once.
                while let Some(event) = next {
                    if let Event::Resize(width, height) = event {
                        resize(terminal, width, height)?;
                    }
                    if let Some(msg) = to_msg(event) {
                        changed = true;
                        let was_hidden = app.hidden;
                        let effects = tell(app, msg);
                        // The quick hide shows before the save it asks for: a disk can be slow.
                        // So does "Opening your journal…": scrypt takes a second or two.
                        if (app.hidden && !was_hidden) || app.unlocking {
                            terminal.draw(|frame| {
                                crate::ui::draw(app, frame);
                            })?;
                        }
                        if perform(app, journal, effects) {
                            return Ok(Leave::Quit);
                        }
                    }
                    next = pending
                        .pop_front()
                        .or_else(|| match event::poll(Duration::ZERO) {
                            Ok(true) => event::read().ok(),
                            _ => None,
                        });
                    // A key typed ahead into a view no frame has shown yet (End, then
                    // Up, on a screen just opened) needs that view's limits: draw it first.
                    if next.is_some() && app.limits_unknown() {
                        redraw(app, journal, terminal)?;
                        changed = false;
                    }
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
            redraw(app, journal, terminal)?;
        }
        if terminal.backend_mut().echo_left_over() {
            // The frame did not draw the echoed letter's cell: draw everything.
            resize(terminal, app.width, app.height)?;
            redraw(app, journal, terminal)?;
        }
        // A little after the moment itself, so the clock read then is past it.
        wake_at = app.wake_at().map(|at| {
            let wait = at.duration_since(Timestamp::now());
            Instant::now()
                + std::time::Duration::try_from(wait).unwrap_or_default()
                + Duration::from_millis(20)
        });
    }
}

/// Whether the settings turned the mouse on: taking the terminal then captures it.
static MOUSE: AtomicBool = AtomicBool::new(false);

/// Set when the screen was given to another program: the next frame draws every cell.
static DRAW_ALL: AtomicBool = AtomicBool::new(false);

/// Gives the terminal to the user's editor on `file` and takes it back after. The
/// editor is looked up first, so a missing one is only a message.
fn hand_off(editor: Option<&str>, file: &Path) -> Result<(), HandOffError> {
    let command = handoff::editor_from(editor)?;
    leave();
    let result = handoff::run(&command, file);
    let _ = take_terminal();
    DRAW_ALL.store(true, Ordering::Relaxed);
    result
}

/// Hands `text` to the user's editor through a file readable only by them, in the
/// data folder (never a shared temporary folder), and returns what the editor
/// left there; the file is removed afterwards. An editor that cannot start, fails
/// or leaves something that is not text changes nothing: the error says why.
fn edit_text(editor: Option<&str>, data_dir: &Path, text: &str) -> Result<String, String> {
    let dir = data_dir.join(EDITING_DIR);
    crate::files::create_private_dir_all(&dir).map_err(|err| format!("{err:#}"))?;
    let name = format!(
        "text-{}-{}.txt",
        std::process::id(),
        Timestamp::now().as_nanosecond()
    );
    let file = dir.join(name);
    crate::files::write_new_file(&file, text.as_bytes()).map_err(|err| format!("{err:#}"))?;
    let ran = hand_off(editor, &file);
    let read = crate::files::read_regular(&file, journal::MAX_ENTRY_BYTES);
    let _ = std::fs::remove_file(&file);
    ran.map_err(|err| err.to_string())?;
    let bytes = read.map_err(|_| "the editor's file could not be read back".to_string())?;
    let mut edited = String::from_utf8(bytes)
        .map_err(|_| "the editor saved text that is not UTF-8".to_string())?;
    // Editors end the last line with a newline the text did not have.
    if !text.ends_with('\n') && edited.ends_with('\n') {
        edited.pop();
        if edited.ends_with('\r') {
            edited.pop();
        }
    }
    Ok(edited)
}

/// The folder in the data folder where a text waits while the user's editor has it.
const EDITING_DIR: &str = "editing";

/// Draws a frame, and tells the app what it had room for when that changed.
fn redraw(
    app: &mut App,
    journal: &mut Journal,
    terminal: &mut Terminal<Backend>,
) -> io::Result<()> {
    if DRAW_ALL.swap(false, Ordering::Relaxed) {
        // A resize forgets the last frame: every cell is drawn again.
        let (width, height) = terminal::size().unwrap_or((app.width, app.height));
        resize(terminal, width, height)?;
        feed(app, journal, Msg::Resize(width, height));
    }
    let mut viewport = None;
    terminal.draw(|frame| viewport = Some(crate::ui::draw(app, frame)))?;
    if let Some(viewport) = viewport.filter(|v| *v != app.viewport) {
        feed(app, journal, Msg::Viewport(viewport));
    }
    Ok(())
}

/// Passes one message to the app, with the time it happens at.
fn tell(app: &mut App, msg: Msg) -> Vec<Effect> {
    app.update(Msg::Clock(Timestamp::now()));
    app.update(msg)
}

/// Updates the app with one message and performs what follows; `true` means quit.
fn feed(app: &mut App, journal: &mut Journal, msg: Msg) -> bool {
    let effects = tell(app, msg);
    perform(app, journal, effects)
}

/// Performs effects in order, feeding each result back to the app; `true` means quit.
fn perform(app: &mut App, journal: &mut Journal, effects: Vec<Effect>) -> bool {
    let mut queue: VecDeque<Effect> = effects.into();
    while let Some(effect) = queue.pop_front() {
        let msg = match effect {
            Effect::Quit => return true,
            Effect::Save(job) => Msg::Saved {
                result: reason(journal.save_attempt(job.attempt, job.path.as_deref(), &job.entry)),
                id: job.id,
                revision: job.revision,
            },
            Effect::LoadDraft { id, path } => Msg::DraftLoaded {
                result: reason(journal.open_draft(&path)).map(|entry| (path, entry)),
                id,
            },
            Effect::ReadEntry(path) => Msg::EntryRead(reason(Journal::load(&path))),
            Effect::Export(path) => Msg::Exported(reason(journal.export(&path))),
            Effect::Delete(path) => {
                // Found before the entry goes: its name is what finds them.
                let exports = journal.exports_of(&path);
                Msg::Deleted(reason(journal.delete(&path)).map(|()| (path, exports)))
            }
            Effect::DeleteExports(files) => {
                Msg::ExportsDeleted(reason(journal.delete_exports(&files)))
            }
            Effect::Discard(path) => Msg::Discarded(reason(journal.delete(&path)).map(|()| path)),
            Effect::Unlock(phrase) => {
                let result = match crate::vault::unlock(journal.data_dir(), &phrase.secret()) {
                    Ok(()) => crate::app::UnlockResult::Opened,
                    Err(crate::vault::UnlockError::WrongPassphrase) => {
                        crate::app::UnlockResult::WrongPassphrase
                    }
                    Err(other) => crate::app::UnlockResult::Failed(other.to_string()),
                };
                Msg::Unlocked(result)
            }
            Effect::ForgetKey => {
                crate::vault::forget(journal.data_dir());
                continue;
            }
            Effect::ListJournal => {
                let listed = journal.list_with(&progress_on_terminal(app.height));
                let sharing = crate::exchange::sharing(journal.data_dir(), &listed);
                queue.extend(tell(app, Msg::Sharing(sharing)));
                Msg::Journal(listed)
            }
            Effect::ReadBothWorlds(path) => Msg::BothWorldsRead(
                reason(crate::exchange::read_both(journal.data_dir(), &path)).map(Box::new),
            ),
            Effect::KeepFeedback { exchange, feedback } => Msg::FeedbackKept(reason(
                crate::exchange::Store::new(journal.data_dir()).set_feedback(&exchange, &feedback),
            )),
            Effect::PrepareShare(path) => Msg::ShareReady(reason(prepare_share(journal, &path))),
            Effect::Share { path, name } => {
                Msg::Shared(reason(crate::exchange::share_entry(journal, &path, &name)))
            }
            Effect::Import { path, phrase } => {
                let file = crate::exchange::typed_path(&path.to_string_lossy());
                let secret = phrase.as_ref().map(crate::exchange::phrase::Phrase::secret);
                match crate::exchange::import_file(journal.data_dir(), &file, secret.as_ref()) {
                    Ok((imported, side)) => {
                        Msg::Imported(Ok(crate::exchange::imported_message(imported, &side)))
                    }
                    Err(crate::exchange::ImportError::NeedsPhrase) => Msg::ImportNeedsPhrase(file),
                    Err(err) => Msg::Imported(Err(err.to_string())),
                }
            }
            Effect::RememberNoteSeen => {
                // If this fails the note is shown once more next time: nothing is lost.
                let _ = state::remember_safety_note_seen(journal.data_dir());
                continue;
            }
            Effect::LoadLexicon => {
                let (lexicon, problems) = crate::observe::Lexicon::load(journal.data_dir());
                Msg::Lexicon { lexicon, problems }
            }
            Effect::RememberPrefs(prefs) => {
                // If this fails, the choices are asked again next time: nothing is lost.
                let _ = state::remember_prefs(journal.data_dir(), &prefs);
                continue;
            }
            Effect::ReloadLibrary(sources) => {
                let mut library = exercise::load(&sources);
                library.add_shared(journal.data_dir());
                Msg::LibraryReloaded(library)
            }
            Effect::EditText { view, text } => Msg::TextEdited {
                view,
                result: edit_text(app.settings.editor.as_deref(), journal.data_dir(), &text),
            },
            Effect::EditScenario { origin, path } => {
                let ran = if crate::vault::is_sealed(&path) {
                    edit_sealed(app.settings.editor.as_deref(), &path, journal)
                } else {
                    hand_off(app.settings.editor.as_deref(), &path)
                };
                // An editor that never started changed nothing; one that ran is read
                // again whatever it said, as it may have saved.
                let parsed = match &ran {
                    Ok(()) | Err(HandOffError::Failed(_)) => {
                        Some(exercise::reload(&path, origin.clone()))
                    }
                    Err(_) => None,
                };
                Msg::ScenarioEdited {
                    origin,
                    editor: ran.map_err(|err| err.to_string()),
                    parsed,
                }
            }
            Effect::CopyBuiltin { id, file, taken } => {
                let dir = journal.data_dir().join(crate::paths::EXERCISES_DIR);
                let text = exercise::BUILTIN
                    .iter()
                    .find(|(name, _)| *name == file)
                    .map(|(_, text)| *text)
                    .unwrap_or_default();
                match exercise::own::copy_builtin(&dir, journal.lock().seal(), &taken, text, &id) {
                    Ok((_, path)) => {
                        queue.push_front(Effect::EditScenario {
                            origin: exercise::Origin::Own(path.clone()),
                            path,
                        });
                        continue;
                    }
                    Err(err) => Msg::ScenarioEdited {
                        origin: exercise::Origin::BuiltIn(file),
                        editor: Err(format!("the copy was not made: {err:#}")),
                        parsed: None,
                    },
                }
            }
            Effect::WriteMoment {
                serial,
                partner,
                title,
                happened,
                taken,
            } => Msg::MomentWritten {
                serial,
                result: reason(exercise::own::write_moment(
                    &journal.data_dir().join(crate::paths::EXERCISES_DIR),
                    journal.lock().seal(),
                    &taken,
                    &partner,
                    &title,
                    &happened,
                )),
            },
        };
        queue.extend(tell(app, msg));
    }
    false
}

/// Edits a locked scenario file: the editor works on a plain copy beside it
/// (hidden, so the library never loads it), which is locked again and removed
/// when the editor ends. While the editor has it open, that copy is plain text:
/// the README says so.
fn edit_sealed(editor: Option<&str>, path: &Path, journal: &Journal) -> Result<(), HandOffError> {
    let failed = |why: String| HandOffError::NotStarted(why);
    let Some(seal) = journal.lock().seal() else {
        return Err(failed(
            "the journal is not locked, so this file cannot be opened".into(),
        ));
    };
    let plain = crate::vault::read(path, exercise::MAX_FILE_BYTES as u64)
        .map_err(|err| failed(format!("the scenario cannot be opened: {err}")))?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("scenario.toml.age");
    let working = path.with_file_name(format!(".editing-{}", name.trim_end_matches(".age")));
    if working.symlink_metadata().is_ok() {
        return Err(failed(format!(
            "a copy from an edit that did not finish is still at {}; keep what you need from \
             it and remove it, then edit again",
            crate::safe::path(&working)
        )));
    }
    crate::files::write_new_file(&working, &plain).map_err(|err| failed(format!("{err:#}")))?;
    let ran = hand_off(editor, &working);
    let back = crate::files::read_regular(&working, exercise::MAX_FILE_BYTES as u64)
        .map_err(|err| HandOffError::Failed(format!("left a copy that cannot be read: {err}")))
        .and_then(|edited| {
            seal.seal(&edited)
                .and_then(|sealed| crate::files::write_atomic(path, &sealed))
                .map_err(|err| HandOffError::Failed(format!("could not lock the copy: {err:#}")))
        });
    // The plain copy goes only once what it holds is locked in the scenario file.
    if back.is_ok() {
        let _ = std::fs::remove_file(&working);
    }
    ran.and(back)
}

/// Shows how far a long listing has gone (a locked journal rebuilding its index) on
/// the terminal's last row, straight through, as no frame can be drawn meanwhile;
/// the next frame then draws every cell again.
fn progress_on_terminal(height: u16) -> impl Fn(usize, usize) + Sync {
    move |done, total| {
        if total < 500 {
            return;
        }
        let line = format!(" Opening your journal: {done} of {total} entries read");
        let mut out = io::stdout().lock();
        let _ = execute!(
            out,
            cursor::MoveTo(0, height.saturating_sub(1)),
            Clear(ClearType::CurrentLine),
            ratatui::crossterm::style::Print(line)
        );
        DRAW_ALL.store(true, Ordering::Relaxed);
    }
}

/// An error as the app shows it: the message with its causes, on one line.
fn reason<T>(result: anyhow::Result<T>) -> Result<T, String> {
    result.map_err(|err| format!("{err:#}"))
}

fn shut_down_locked(shared: &Mutex<Shared>) -> Option<String> {
    let Shared { app, journal, .. } = &mut *lock(shared);
    shut_down(app, journal)
}

/// The one way out when the program must stop (a signal, the terminal gone, a
/// panic): everything unsaved is saved as on any quit; what the journal cannot take
/// is written to a rescue copy. The line to say on stderr, or `None` when every text
/// is safely in the journal.
fn shut_down(app: &mut App, journal: &mut Journal) -> Option<String> {
    let effects = tell(app, Msg::Terminate);
    perform(app, journal, effects);
    let unsaved = app.unsaved_jobs();
    if unsaved.is_empty() {
        return None;
    }
    let reason = app
        .save_error()
        .unwrap_or("the journal could not be written")
        .to_string();
    let home = std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from);
    let mut copies = Vec::new();
    let mut lost = 0;
    for job in &unsaved {
        match journal.write_rescue(&job.entry, home.as_deref()) {
            Ok(path) => copies.push(crate::wording::shown_path(&path)),
            Err(_) => lost += 1,
        }
    }
    let line = if lost == 0 {
        format!(
            "two-worlds: your text could not be saved in the journal ({reason}); a copy is in {}",
            copies.join(" and ")
        )
    } else if copies.is_empty() {
        format!(
            "two-worlds: error: your text could not be saved ({reason}), and no rescue copy could be written"
        )
    } else {
        format!(
            "two-worlds: error: some text could not be saved ({reason}); a copy of part of it is in {}, the rest could not be written",
            copies.join(" and ")
        )
    };
    Some(line)
}

/// On SIGTERM, SIGHUP (the terminal closed), SIGINT or SIGQUIT (sent from outside: in
/// the program Ctrl+C is a key), saves every unsaved text through the same path as any
/// other way out, puts the terminal back and exits. On SIGTSTP (a stop from outside:
/// in the program Ctrl+Z is a key) it gives the terminal back before stopping, and on
/// SIGCONT takes it again and redraws. It runs on its own thread because the event loop
/// may be stuck: on a closed terminal, crossterm's read never returns.
#[cfg(unix)]
fn watch_signals(shared: Arc<Mutex<Shared>>) -> anyhow::Result<()> {
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT])
            .context("cannot watch for signals")?;
    std::thread::spawn(move || {
        for signal in signals.forever() {
            match signal {
                SIGTSTP => suspend(&shared),
                SIGCONT => resume(&shared),
                _ => save_and_exit(&shared),
            }
        }
    });
    Ok(())
}

/// Saves everything (or rescues it), lets go of the entries, puts the terminal back
/// and ends the process: exit 1 when something could not be saved. The one way out
/// for a signal on Unix and a console event on Windows.
#[cfg(any(unix, windows))]
fn save_and_exit(shared: &Mutex<Shared>) -> ! {
    let mut guard = lock(shared);
    let Shared { app, journal, .. } = &mut *guard;
    let report = shut_down(app, journal);
    // The journal lives on in the other thread: let go of the entries by hand.
    journal.release_locks();
    leave();
    match report {
        Some(report) => {
            let _ = writeln!(io::stderr(), "{}", report);
            std::process::exit(1);
        }
        None => std::process::exit(0),
    }
}

/// On Windows, the console's Ctrl+C and Ctrl+Break (sent from outside: in raw mode
/// `Ctrl+C` is a key) and its close event save everything through the same path as
/// any other way out. Windows runs the handler on a thread of its own and gives a
/// closing console a few seconds only while the handler has not returned, so it saves
/// before returning, then ends the process. Logoff and shutdown are not delivered to
/// console programs: the autosave covers them.
#[cfg(windows)]
fn watch_signals(shared: Arc<Mutex<Shared>>) -> anyhow::Result<()> {
    static SHARED: std::sync::OnceLock<Arc<Mutex<Shared>>> = std::sync::OnceLock::new();
    unsafe extern "system" fn handler(_event: u32) -> windows_sys::core::BOOL {
        match SHARED.get() {
            Some(shared) => save_and_exit(shared),
            None => 0,
        }
    }
    let _ = SHARED.set(shared);
    // SAFETY: `handler` is a plain function that lives as long as the program.
    let added =
        unsafe { windows_sys::Win32::System::Console::SetConsoleCtrlHandler(Some(handler), 1) };
    if added == 0 {
        anyhow::bail!("cannot watch for the console closing");
    }
    Ok(())
}

/// Neither Unix nor Windows: nothing to watch; the autosave keeps what is typed.
#[cfg(not(any(unix, windows)))]
fn watch_signals(_shared: Arc<Mutex<Shared>>) -> anyhow::Result<()> {
    Ok(())
}

/// Gives the terminal back as it was, then stops. The lock is held until the process
/// continues, so nothing is drawn meanwhile.
#[cfg(unix)]
fn suspend(shared: &Mutex<Shared>) {
    let mut guard = lock(shared);
    let _ = guard.terminal.flush();
    leave();
    let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP);
    drop(guard);
}

/// Takes the terminal again after a stop, and redraws all of it: the shell drew over it.
#[cfg(unix)]
fn resume(shared: &Mutex<Shared>) {
    let Shared {
        app,
        journal,
        terminal,
    } = &mut *lock(shared);
    if take_terminal().is_err() {
        return;
    }
    let (width, height) = terminal::size().unwrap_or((app.width, app.height));
    // A resize clears the screen and forgets the last frame, so all of it is drawn again.
    let _ = resize(terminal, width, height);
    tell(app, Msg::Resize(width, height));
    let _ = redraw(app, journal, terminal);
}

/// A file-size limit (`ulimit -f`) would kill the program with SIGXFSZ in the middle
/// of a save. Caught, it turns into a write error like a full disk: reported, and the
/// text kept in memory. Every command calls this first.
pub fn ignore_file_size_signal() {
    #[cfg(unix)]
    let _ = signal_hook::flag::register(
        signal_hook::consts::SIGXFSZ,
        Arc::new(std::sync::atomic::AtomicBool::new(false)),
    );
}

/// Keys that arrive together this many at a time or more are a paste, not typing:
/// no hand types eight keys between two looks at the input.
pub const PASTE_BURST: usize = 8;

/// The text of a burst of keys that arrived together, when it is a paste: at least
/// [`PASTE_BURST`] presses, each a character (without Ctrl or Alt), `Enter` or `Tab`;
/// key releases are passed over. Windows delivers a paste this way (crossterm has
/// no bracketed paste there); as one text it is one insertion and one undo step.
pub fn paste_from_burst(events: &[Event]) -> Option<String> {
    use ratatui::crossterm::event::{KeyCode, KeyEventKind, KeyModifiers};
    let mut text = String::new();
    let mut presses = 0;
    for event in events {
        let Event::Key(key) = event else {
            return None;
        };
        if key.kind == KeyEventKind::Release {
            continue;
        }
        if key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return None;
        }
        match key.code {
            KeyCode::Char(c) => text.push(c),
            KeyCode::Enter => text.push('\n'),
            KeyCode::Tab => text.push('\t'),
            _ => return None,
        }
        presses += 1;
    }
    (presses >= PASTE_BURST).then_some(text)
}

/// Alt with an arrow, from an `Esc` and the two events after it, when they were one
/// key: iTerm2 sends Option+arrow as `ESC ESC [ D` by default (Alt as an extra
/// `ESC` before the arrow), and crossterm reads that as `Esc`, `[`, `D`. Read as
/// three keys it would leave the writing screen (`Esc`) and type two letters.
/// The application-cursor form `ESC ESC O D` is the same.
pub fn meta_arrow(first: &Event, after: &[Event]) -> Option<KeyEvent> {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
    let plain = |event: &Event| match event {
        Event::Key(key) if key.modifiers.is_empty() || key.modifiers == KeyModifiers::SHIFT => {
            Some(key.code)
        }
        _ => None,
    };
    if plain(first)? != KeyCode::Esc {
        return None;
    }
    let [introducer, last, ..] = after else {
        return None;
    };
    if !matches!(plain(introducer)?, KeyCode::Char('[' | 'O')) {
        return None;
    }
    let arrow = match plain(last)? {
        KeyCode::Char('A') => KeyCode::Up,
        KeyCode::Char('B') => KeyCode::Down,
        KeyCode::Char('C') => KeyCode::Right,
        KeyCode::Char('D') => KeyCode::Left,
        _ => return None,
    };
    Some(KeyEvent::new(arrow, KeyModifiers::ALT))
}

/// What sharing the entry at `path` would carry, and the name remembered, before
/// anything is written.
fn prepare_share(journal: &Journal, path: &Path) -> anyhow::Result<crate::app::ShareReady> {
    let entry = Journal::load(path)?;
    let name = state::load(journal.data_dir())
        .share_name()
        .unwrap_or_default();
    let side = crate::exchange::side_for(journal.data_dir(), &entry, &name)?;
    let mut summary = side.summary();
    // The name is asked below the list.
    summary.retain(|line| !line.starts_with("  - your name as"));
    Ok(crate::app::ShareReady {
        path: path.to_path_buf(),
        name,
        summary,
    })
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
        // Key releases (only reported with the kitty protocol) are dropped by `update`.
        Event::Key(key) => Some(Msg::Key(key)),
        Event::Paste(text) => Some(Msg::Paste(text)),
        Event::Resize(width, height) => Some(Msg::Resize(width, height)),
        // Only what does something: a move or a drag would only cost a frame.
        Event::Mouse(mouse)
            if matches!(
                mouse.kind,
                MouseEventKind::ScrollUp
                    | MouseEventKind::ScrollDown
                    | MouseEventKind::Down(MouseButton::Left)
            ) =>
        {
            Some(Msg::Mouse(mouse))
        }
        _ => None,
    }
}

/// Gives the frame a new size. Every cell is drawn again, and nothing is taken for
/// granted about the terminal: a resize also follows a stop or the user's editor.
fn resize(terminal: &mut Terminal<Backend>, width: u16, height: u16) -> io::Result<()> {
    let backend = terminal.backend_mut();
    backend.forget();
    backend.set_width(width);
    terminal.resize(Rect::new(0, 0, width, height))
}

/// Raw mode, the alternate screen and bracketed paste; a panic hook that undoes them.
fn enter() -> io::Result<Terminal<Backend>> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave();
        hook(info);
    }));
    take_terminal()?;
    // Never `Terminal::clear()`: it asks the terminal for the cursor position and
    // waits for the answer. The viewport is fixed and resized on resize events only:
    // a full-screen one asks the terminal its size (opening /dev/tty) on every frame.
    let (width, height) = terminal::size()?;
    Terminal::with_options(
        lean::Lean::new(BufWriter::with_capacity(64 * 1024, io::stdout()), width),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
        },
    )
}

/// Raw mode, the alternate screen, bracketed paste, a clear screen.
fn take_terminal() -> io::Result<()> {
    terminal::enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        Clear(ClearType::All)
    )?;
    if MOUSE.load(Ordering::Relaxed) {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    Ok(())
}

/// Puts the terminal back as it was. Safe to call twice.
fn leave() {
    let mut out = io::stdout();
    // The last frame's colours stay in effect until changed: back to the terminal's own.
    if MOUSE.load(Ordering::Relaxed) {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(
        out,
        SetAttribute(Attribute::Reset),
        DisableBracketedPaste,
        cursor::Show,
        LeaveAlternateScreen
    );
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{
        Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers,
    };

    use super::{PASTE_BURST, meta_arrow, paste_from_burst};

    fn press(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn release(code: KeyCode) -> Event {
        Event::Key(KeyEvent {
            code,
            modifiers: KeyModifiers::NONE,
            kind: KeyEventKind::Release,
            state: KeyEventState::NONE,
        })
    }

    #[test]
    fn a_burst_of_text_keys_is_one_paste_with_its_line_breaks() {
        let mut burst = Vec::new();
        for c in "Hello,".chars() {
            burst.push(press(KeyCode::Char(c)));
            burst.push(release(KeyCode::Char(c)));
        }
        burst.push(press(KeyCode::Enter));
        burst.extend("日本\tok".chars().map(|c| match c {
            '\t' => press(KeyCode::Tab),
            c => press(KeyCode::Char(c)),
        }));
        assert_eq!(
            paste_from_burst(&burst).as_deref(),
            Some("Hello,\n日本\tok")
        );
    }

    #[test]
    fn typing_a_few_keys_or_a_command_in_the_burst_is_not_a_paste() {
        let few: Vec<Event> = "abc".chars().map(|c| press(KeyCode::Char(c))).collect();
        assert!(few.len() < PASTE_BURST);
        assert_eq!(paste_from_burst(&few), None);
        let mut with_ctrl: Vec<Event> = "abcdefghij"
            .chars()
            .map(|c| press(KeyCode::Char(c)))
            .collect();
        with_ctrl.push(Event::Key(KeyEvent::new(
            KeyCode::Char('z'),
            KeyModifiers::CONTROL,
        )));
        assert_eq!(
            paste_from_burst(&with_ctrl),
            None,
            "Ctrl+Z is undo, never text"
        );
        let mut with_arrow: Vec<Event> = "abcdefghij"
            .chars()
            .map(|c| press(KeyCode::Char(c)))
            .collect();
        with_arrow.push(press(KeyCode::Left));
        assert_eq!(paste_from_burst(&with_arrow), None);
    }

    #[test]
    fn esc_esc_bracket_and_a_letter_is_alt_with_an_arrow() {
        let esc = press(KeyCode::Esc);
        let keys =
            |text: &str| -> Vec<Event> { text.chars().map(|c| press(KeyCode::Char(c))).collect() };
        for (tail, arrow) in [
            ("[A", KeyCode::Up),
            ("[B", KeyCode::Down),
            ("[C", KeyCode::Right),
            ("[D", KeyCode::Left),
            ("OD", KeyCode::Left),
        ] {
            assert_eq!(
                meta_arrow(&esc, &keys(tail)),
                Some(KeyEvent::new(arrow, KeyModifiers::ALT)),
                "{tail}"
            );
        }
        // More keys after it are left for their turn.
        assert!(meta_arrow(&esc, &keys("[Dxyz")).is_some());
    }

    #[test]
    fn an_esc_of_its_own_stays_an_esc() {
        let esc = press(KeyCode::Esc);
        let keys =
            |text: &str| -> Vec<Event> { text.chars().map(|c| press(KeyCode::Char(c))).collect() };
        assert_eq!(meta_arrow(&esc, &[]), None, "Esc alone");
        assert_eq!(meta_arrow(&esc, &keys("[")), None, "not all there");
        assert_eq!(meta_arrow(&esc, &keys("[E")), None, "not an arrow");
        assert_eq!(meta_arrow(&esc, &keys("xD")), None);
        assert_eq!(meta_arrow(&press(KeyCode::Char('q')), &keys("[D")), None);
        let ctrl_bracket = Event::Key(KeyEvent::new(KeyCode::Char('['), KeyModifiers::CONTROL));
        assert_eq!(
            meta_arrow(&esc, &[ctrl_bracket, press(KeyCode::Char('D'))]),
            None
        );
    }
}
