//! A real terminal for end-to-end tests: the binary runs in a pseudo-terminal, a
//! reader thread feeds everything it prints to a `vt100` screen (what a user would
//! see) and to a raw byte log (the escape sequences themselves).
//!
//! Tests wait for what they expect to see, never for a fixed time: `wait_for`
//! polls the screen and, when the time is up, fails with the whole screen printed.
//! After Esc, the next key waits until the screen shows what Esc did (see `press`).
//!
//! The program runs in a [`Sandbox`], with nothing else from the test runner's
//! environment but [`TERM`].

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

use super::BIN;
use super::sandbox::Sandbox;
pub use vt100::Screen;

/// How long anything may take to appear. Generous: CI machines are slow.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// How often the screen is looked at while waiting.
pub const POLL: Duration = Duration::from_millis(20);

/// The terminal the program is told it runs in.
pub const TERM: &str = "xterm-256color";

/// The scenario fixtures every end-to-end test loads with `--exercises`.
pub fn e2e_fixtures() -> PathBuf {
    super::fixture("e2e")
}

impl Sandbox {
    /// `--data-dir` and `--exercises` with the end-to-end fixtures, ahead of any
    /// other argument of a run.
    pub fn e2e_args(&self) -> Vec<std::ffi::OsString> {
        vec![
            "--data-dir".into(),
            self.data_dir().into(),
            "--exercises".into(),
            e2e_fixtures().into(),
        ]
    }
}

/// A key, as a terminal sends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Enter,
    /// Sent alone. An Esc the program has not read yet when the next byte arrives
    /// reads as Alt+key, so after Esc the harness refuses to send anything until a
    /// `wait_for` has seen a screen that Esc changed.
    Esc,
    Backspace,
    Up,
    Down,
    Left,
    Right,
    End,
    PageDown,
    F1,
    /// Control with a letter: `Ctrl('n')` is byte 0x0e.
    Ctrl(char),
    Char(char),
}

impl Key {
    pub fn bytes(self) -> Vec<u8> {
        match self {
            Key::Enter => b"\r".to_vec(),
            Key::Esc => b"\x1b".to_vec(),
            Key::Backspace => b"\x7f".to_vec(),
            Key::Up => b"\x1b[A".to_vec(),
            Key::Down => b"\x1b[B".to_vec(),
            Key::Right => b"\x1b[C".to_vec(),
            Key::Left => b"\x1b[D".to_vec(),
            Key::End => b"\x1b[F".to_vec(),
            Key::PageDown => b"\x1b[6~".to_vec(),
            Key::F1 => b"\x1bOP".to_vec(),
            Key::Ctrl(c) => {
                assert!(c.is_ascii_alphabetic(), "Ctrl+{c} has no single byte");
                vec![c.to_ascii_lowercase() as u8 & 0x1f]
            }
            Key::Char(c) => c.to_string().into_bytes(),
        }
    }
}

/// The parts of the terminal's line discipline raw mode turns off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineModes {
    /// Input is read a line at a time.
    pub canonical: bool,
    /// Typed keys are echoed.
    pub echo: bool,
}

/// What the reader thread has seen so far.
struct Output {
    parser: vt100::Parser,
    raw: Vec<u8>,
    /// The pty reported end of file: the program and everything it started is gone.
    closed: bool,
}

/// The program running in a pseudo-terminal. Dropping it kills the program if it
/// is still running, so a failing test leaves no process behind.
pub struct Term {
    child: Box<dyn Child + Send + Sync>,
    exit: Option<ExitStatus>,
    writer: Box<dyn Write + Send>,
    master: Box<dyn MasterPty + Send>,
    output: Arc<Mutex<Output>>,
    reader: Option<JoinHandle<()>>,
    cols: u16,
    rows: u16,
    sandbox: Sandbox,
    /// After Esc, until a wait sees what it did: the screen as it was when Esc was sent.
    esc_pending: Option<Screen>,
}

fn size(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("a terminal size is never zero")
}

impl Term {
    /// Starts the full-screen program on the fixtures, in a sandbox of its own,
    /// `cols`×`rows`.
    pub fn start(cols: u16, rows: u16) -> Term {
        Term::start_in(&Sandbox::new(), cols, rows, &[])
    }

    /// Starts the program on an existing sandbox: its data folder as another run
    /// left it, or as another two-worlds still running on it has it.
    pub fn start_in(sandbox: &Sandbox, cols: u16, rows: u16, extra: &[&str]) -> Term {
        Term::start_in_env(sandbox, cols, rows, extra, &[])
    }

    /// Like `start_in`, with more environment variables.
    pub fn start_in_env(
        sandbox: &Sandbox,
        cols: u16,
        rows: u16,
        extra: &[&str],
        env: &[(&str, &str)],
    ) -> Term {
        Term::launch(sandbox, cols, rows, None, extra, env)
    }

    /// Like `start_in`, through `sh -c '<shell>; exec "$0" "$@"'`: `shell` runs first
    /// in the process that then becomes two-worlds, which inherits what it set. With
    /// `ulimit -f 2`, no file two-worlds writes may grow past 2 blocks of 512 bytes
    /// (`sh` counts in those). The pid is two-worlds' own.
    pub fn start_after_shell(
        sandbox: &Sandbox,
        cols: u16,
        rows: u16,
        shell: &str,
        extra: &[&str],
    ) -> Term {
        Term::launch(sandbox, cols, rows, Some(shell), extra, &[])
    }

    fn launch(
        sandbox: &Sandbox,
        cols: u16,
        rows: u16,
        shell: Option<&str>,
        extra: &[&str],
        env: &[(&str, &str)],
    ) -> Term {
        let sandbox = sandbox.clone();
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut command = match shell {
            Some(shell) => {
                let mut command = CommandBuilder::new("/bin/sh");
                command.arg("-c");
                command.arg(format!("{shell}; exec \"$0\" \"$@\""));
                command.arg(BIN);
                command
            }
            None => CommandBuilder::new(BIN),
        };
        command.args(sandbox.e2e_args());
        command.args(extra);
        // Nothing from the runner's environment: no TWO_WORLDS_DATA_DIR, NO_COLOR or real HOME.
        command.env_clear();
        for (key, value) in sandbox.env() {
            command.env(key, value);
        }
        command.env("TERM", TERM);
        for (key, value) in env {
            command.env(key, value);
        }
        command.cwd(sandbox.cwd());
        let child = pair
            .slave
            .spawn_command(command)
            .expect("start two-worlds in the pty");
        // Only the child may hold the slave side, so its exit ends our reads.
        drop(pair.slave);

        let output = Arc::new(Mutex::new(Output {
            parser: vt100::Parser::new(size(rows), size(cols), 0),
            raw: Vec::new(),
            closed: false,
        }));
        let mut source = pair.master.try_clone_reader().expect("read the pty");
        let sink = Arc::clone(&output);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 16 * 1024];
            loop {
                // portable-pty turns EIO (the other side is gone) into end of file.
                let n = source.read(&mut buf).unwrap_or(0);
                let mut out = lock(&sink);
                if n == 0 {
                    out.closed = true;
                    return;
                }
                out.parser.process(&buf[..n]);
                out.raw.extend_from_slice(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().expect("write to the pty");
        Term {
            child,
            exit: None,
            writer,
            master: pair.master,
            output,
            reader: Some(reader),
            cols,
            rows,
            sandbox,
            esc_pending: None,
        }
    }

    pub fn sandbox(&self) -> &Sandbox {
        &self.sandbox
    }

    /// The program's process id.
    pub fn pid(&self) -> u32 {
        self.child
            .process_id()
            .expect("the program has a process id")
    }

    /// Sends a signal to the program, as `kill -SIG pid` would.
    pub fn signal(&self, signal: libc::c_int) {
        assert!(
            self.exit.is_none(),
            "signal {signal} sent after the program ended"
        );
        let pid = libc::pid_t::try_from(self.pid()).expect("a pid fits in pid_t");
        // SAFETY: kill(2) only reads its arguments; the pid is our own child, not yet reaped.
        let sent = unsafe { libc::kill(pid, signal) };
        assert_eq!(
            sent,
            0,
            "kill({pid}, {signal}): {}",
            std::io::Error::last_os_error()
        );
    }

    /// The program's state as `/proc/<pid>/stat` has it: `'T'` while it is stopped,
    /// `'S'` or `'R'` while it runs. `None` once it is gone.
    pub fn process_state(&self) -> Option<char> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).ok()?;
        // `pid (name) state …`: the name may hold spaces and parentheses, so the
        // state is the field after the last `)`.
        stat.rsplit_once(')')?.1.trim_start().chars().next()
    }

    /// `kill -9`: the program gets no chance to save or clean up. Returns once it is
    /// gone and reaped, so its pid no longer looks alive to a second two-worlds.
    pub fn kill_hard(&mut self) -> ExitStatus {
        self.signal(libc::SIGKILL);
        self.wait_exit()
    }

    /// The terminal's line discipline now: whether it is back in cooked mode
    /// (`ICANON`, `ECHO`) rather than the raw mode a full-screen program sets.
    pub fn line_modes(&self) -> LineModes {
        let fd = self
            .master
            .as_raw_fd()
            .expect("the pty has a file descriptor");
        // SAFETY: termios is plain data; tcgetattr fills it in or fails.
        let mut termios: libc::termios = unsafe { std::mem::zeroed() };
        // SAFETY: `fd` is the pty master, open for as long as `self` lives.
        let got = unsafe { libc::tcgetattr(fd, &mut termios) };
        assert_eq!(
            got,
            0,
            "tcgetattr on the pty: {}",
            std::io::Error::last_os_error()
        );
        LineModes {
            canonical: termios.c_lflag & libc::ICANON != 0,
            echo: termios.c_lflag & libc::ECHO != 0,
        }
    }

    /// Writes bytes to the program's input as they are.
    ///
    /// Panics after an Esc that no wait has confirmed yet: the program may not have
    /// read it, and would read it and these bytes together as Alt+key.
    #[track_caller]
    pub fn send(&mut self, bytes: impl AsRef<[u8]>) {
        if let Some(before) = &self.esc_pending {
            panic!(
                "a key sent right after Esc, before waiting for what Esc does: on a slow \
                 machine the two read as Alt+key. Wait for the screen Esc leads to first. \
                 The screen when Esc was sent:\n{}",
                dump(before)
            );
        }
        self.writer
            .write_all(bytes.as_ref())
            .and_then(|()| self.writer.flush())
            .expect("write to the pty");
    }

    /// Types text, as keys.
    pub fn type_text(&mut self, text: &str) {
        self.send(text);
    }

    /// Presses one key. After Esc, the next `wait_for` must be for a screen that Esc
    /// changed (its condition must not already hold on the screen as it was), and no
    /// other key can be sent before it: that wait is what shows the program read the
    /// Esc alone, not as the start of Alt+key.
    #[track_caller]
    pub fn press(&mut self, key: Key) {
        // The screen before the key reaches the program, which may redraw at once.
        let before = (key == Key::Esc).then(|| self.screen());
        self.send(key.bytes());
        self.esc_pending = before;
    }

    /// Pastes text the way a terminal with bracketed paste does.
    pub fn paste(&mut self, text: &str) {
        let mut bytes = Vec::with_capacity(text.len() + 12);
        bytes.extend_from_slice(b"\x1b[200~");
        bytes.extend_from_slice(text.as_bytes());
        bytes.extend_from_slice(b"\x1b[201~");
        self.send(bytes);
    }

    /// Resizes the terminal, as a user dragging the window would.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        // The screen first: whatever is drawn for the new size must land on a screen
        // of that size. Stale output drawn for the old size is wiped by the redraw.
        let mut out = lock(&self.output);
        out.parser.set_size(size(rows), size(cols));
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
        drop(out);
        self.cols = cols;
        self.rows = rows;
    }

    /// The screen as it is now.
    pub fn screen(&self) -> Screen {
        lock(&self.output).parser.screen().clone()
    }

    /// Everything the program has written so far.
    pub fn raw(&self) -> Vec<u8> {
        lock(&self.output).raw.clone()
    }

    /// Waits until `ready` holds for the screen and returns that screen; fails with
    /// the screen printed if it does not within `TIMEOUT`. Right after Esc, `ready`
    /// must describe what Esc changes: it must not hold for the screen before Esc.
    #[track_caller]
    pub fn wait_for(&mut self, what: &str, ready: impl Fn(&Screen) -> bool) -> Screen {
        self.wait_for_within(TIMEOUT, what, ready)
    }

    #[track_caller]
    pub fn wait_for_within(
        &mut self,
        timeout: Duration,
        what: &str,
        ready: impl Fn(&Screen) -> bool,
    ) -> Screen {
        if let Some(before) = self.esc_pending.take() {
            assert!(
                !ready(&before),
                "after Esc, waiting for {what} proves nothing: it was so before Esc. \
                 Wait for something Esc changes. The screen before Esc:\n{}",
                dump(&before)
            );
        }
        let start = Instant::now();
        loop {
            let (screen, closed) = {
                let out = lock(&self.output);
                (out.parser.screen().clone(), out.closed)
            };
            if ready(&screen) {
                return screen;
            }
            if closed || start.elapsed() > timeout {
                let why = if closed {
                    let status = self.child.try_wait().ok().flatten();
                    format!("the program ended ({status:?})")
                } else {
                    format!("nothing after {timeout:?}")
                };
                panic!(
                    "waiting for {what}: {why}. The screen ({}×{}):\n{}",
                    self.cols,
                    self.rows,
                    dump(&screen)
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits until `text` is on the screen.
    #[track_caller]
    pub fn wait_for_text(&mut self, text: &str) -> Screen {
        self.wait_for(&format!("{text:?} on the screen"), |s| {
            find(s, text).is_some()
        })
    }

    /// Waits until `text` is no longer on the screen.
    #[track_caller]
    pub fn wait_for_no_text(&mut self, text: &str) -> Screen {
        self.wait_for(&format!("{text:?} to leave the screen"), |s| {
            find(s, text).is_none()
        })
    }

    /// Waits until the bytes written since `from` (an offset into [`Term::raw`])
    /// satisfy `ready`, and returns them; fails with the screen and the bytes if they
    /// do not within `TIMEOUT`.
    #[track_caller]
    pub fn wait_for_output(
        &mut self,
        what: &str,
        from: usize,
        ready: impl Fn(&[u8]) -> bool,
    ) -> Vec<u8> {
        let start = Instant::now();
        loop {
            let (since, closed) = {
                let out = lock(&self.output);
                (out.raw[from.min(out.raw.len())..].to_vec(), out.closed)
            };
            if ready(&since) {
                return since;
            }
            if closed || start.elapsed() > TIMEOUT {
                let why = if closed {
                    "the program ended"
                } else {
                    "time is up"
                };
                let tail = &since[since.len().saturating_sub(400)..];
                panic!(
                    "waiting for {what} in the output: {why}. The output since then ends \
                     {:?}. The screen:\n{}",
                    String::from_utf8_lossy(tail),
                    dump(&self.screen())
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits for the program to end by itself and returns its status, once all its
    /// output has been read.
    pub fn wait_exit(&mut self) -> ExitStatus {
        // Ending is a visible effect of its own: nothing more is sent after it.
        self.esc_pending = None;
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("ask for the exit status") {
                break status;
            }
            if start.elapsed() > TIMEOUT {
                panic!(
                    "two-worlds did not exit within {TIMEOUT:?}. The screen:\n{}",
                    dump(&self.screen())
                );
            }
            std::thread::sleep(POLL);
        };
        self.exit = Some(status.clone());
        while !lock(&self.output).closed {
            if start.elapsed() > TIMEOUT {
                panic!("two-worlds exited but its pty stayed open for {TIMEOUT:?}");
            }
            std::thread::sleep(POLL);
        }
        if let Some(reader) = self.reader.take() {
            reader.join().expect("the reader thread");
        }
        status
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        if self.exit.is_none() && matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
        // The reader ends by itself now that the pty is closed; it is not joined, so
        // a stuck pty can never hang a test that is already failing.
    }
}

fn lock(output: &Mutex<Output>) -> MutexGuard<'_, Output> {
    // A panic elsewhere must not hide what the screen showed.
    output
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The cells of one row as text, with the column each byte of that text starts in.
fn row_cells(screen: &Screen, row: u16) -> (String, Vec<u16>) {
    let (_, cols) = screen.size();
    let mut text = String::new();
    let mut columns = Vec::new();
    for col in 0..cols.get() {
        let Some(cell) = screen.cell(row, col) else {
            continue;
        };
        if cell.is_wide_continuation() {
            continue;
        }
        let contents = if cell.has_contents() {
            cell.contents()
        } else {
            " "
        };
        columns.extend(std::iter::repeat_n(col, contents.len()));
        text.push_str(contents);
    }
    (text, columns)
}

/// Where `needle` first appears on the screen, as (row, column); it must sit on one row.
pub fn find(screen: &Screen, needle: &str) -> Option<(u16, u16)> {
    find_all(screen, needle).into_iter().next()
}

/// Every place `needle` appears, as (row, column), top to bottom.
pub fn find_all(screen: &Screen, needle: &str) -> Vec<(u16, u16)> {
    let (rows, _) = screen.size();
    let mut found = Vec::new();
    for row in 0..rows.get() {
        let (text, columns) = row_cells(screen, row);
        found.extend(
            text.match_indices(needle)
                .map(|(byte, _)| (row, columns[byte])),
        );
    }
    found
}

/// One row of the screen as text, trailing blanks trimmed.
pub fn row_text(screen: &Screen, row: u16) -> String {
    row_cells(screen, row).0.trim_end().to_string()
}

/// The rows of a band of columns, `[start, start + width)`, as text.
pub fn band(screen: &Screen, start: u16, width: u16) -> Vec<String> {
    screen.rows(start, width).collect()
}

/// The whole screen with row numbers, for failure messages.
pub fn dump(screen: &Screen) -> String {
    let (rows, cols) = screen.size();
    let rule = "-".repeat(usize::from(cols.get()));
    let mut out = format!("    +{rule}+\n");
    for row in 0..rows.get() {
        let (text, _) = row_cells(screen, row);
        out.push_str(&format!("{row:>3} |{text}|\n"));
    }
    out.push_str(&format!("    +{rule}+"));
    match cursor(screen) {
        Some((row, col)) => out.push_str(&format!(
            "\n    the cursor shows at row {row}, column {col}"
        )),
        None => out.push_str("\n    the cursor is hidden"),
    }
    out
}

/// Where the terminal's own cursor shows, as (row, column); `None` when it is hidden.
pub fn cursor(screen: &Screen) -> Option<(u16, u16)> {
    (!screen.hide_cursor()).then(|| screen.cursor_position())
}

/// The last row: the footer of every screen.
pub fn footer(screen: &Screen) -> String {
    row_text(screen, screen.size().0.get() - 1)
}

/// The footer and the rows above it where a long message goes, as one line (each
/// row trimmed, joined by a space, so a message wrapped at words reads whole).
pub fn message_and_footer(screen: &Screen) -> String {
    let rows = screen.size().0.get();
    (rows.saturating_sub(4)..rows)
        .map(|row| row_text(screen, row).trim().to_owned())
        .filter(|row| !row.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `text` is on the screen, on one row.
pub fn has(screen: &Screen, text: &str) -> bool {
    find(screen, text).is_some()
}

/// The library row the `›` marker is on, and that row's text.
pub fn selected_row(screen: &Screen) -> Option<(u16, String)> {
    let (rows, _) = screen.size();
    (0..rows.get())
        .find(|&row| screen.cell(row, 1).is_some_and(|c| c.contents() == "›"))
        .map(|row| (row, row_text(screen, row)))
}

/// The first place `needle` occurs in `haystack`.
pub fn find_bytes(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The last place `needle` occurs in `haystack`.
fn rfind_bytes(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// Waits until `ready` holds, for what is not on the screen (files, processes); fails
/// naming `what` when it does not within `TIMEOUT`.
#[track_caller]
pub fn wait_until(what: &str, mut ready: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(
            start.elapsed() <= TIMEOUT,
            "waiting for {what}: nothing after {TIMEOUT:?}"
        );
        std::thread::sleep(POLL);
    }
}

const ENTER_ALTERNATE_SCREEN: &[u8] = b"\x1b[?1049h";
const LEAVE_ALTERNATE_SCREEN: &[u8] = b"\x1b[?1049l";
const BRACKETED_PASTE_ON: &[u8] = b"\x1b[?2004h";
const BRACKETED_PASTE_OFF: &[u8] = b"\x1b[?2004l";

/// After the program ended: the terminal is as the program found it (see
/// [`output_after_restoring`]), and leaving the alternate screen was the very last
/// thing written.
#[track_caller]
pub fn assert_terminal_restored(term: &Term) {
    let after = output_after_restoring(term);
    assert!(
        after.is_empty(),
        "the output should end by leaving the alternate screen; after it came {after:?}"
    );
}

/// After the program ended: checks the terminal is as the program found it (the
/// alternate screen entered and left, bracketed paste enabled before the first
/// screen was drawn and disabled again, the cursor shown, cooked mode back) and
/// returns what was written after that: a message on stderr, which the pty merges
/// with stdout. Nothing in it may be drawn with an escape sequence.
#[track_caller]
pub fn output_after_restoring(term: &Term) -> String {
    let raw = term.raw();
    let shown = String::from_utf8_lossy(&raw[raw.len().saturating_sub(200)..]).into_owned();
    let entered =
        rfind_bytes(&raw, ENTER_ALTERNATE_SCREEN).expect("the alternate screen was never entered");
    let left =
        rfind_bytes(&raw, LEAVE_ALTERNATE_SCREEN).expect("the alternate screen was never left");
    assert!(
        left > entered,
        "the alternate screen was entered again after leaving it; output ends {shown:?}"
    );
    let paste_on =
        rfind_bytes(&raw, BRACKETED_PASTE_ON).expect("bracketed paste was never enabled");
    assert!(
        rfind_bytes(&raw, BRACKETED_PASTE_OFF).is_some_and(|off| off > paste_on),
        "bracketed paste left on; output ends {shown:?}"
    );
    let first_on = find_bytes(&raw, BRACKETED_PASTE_ON).unwrap();
    let first_frame = find_bytes(&raw, "two-worlds".as_bytes()).expect("nothing was drawn");
    assert!(
        first_on < first_frame,
        "bracketed paste is enabled before the first screen is drawn"
    );
    let screen = term.screen();
    assert!(!screen.alternate_screen(), "still on the alternate screen");
    assert!(!screen.bracketed_paste(), "bracketed paste still on");
    assert!(!screen.hide_cursor(), "the cursor is left hidden");
    let modes = term.line_modes();
    assert!(
        modes.canonical && modes.echo,
        "the terminal is left in raw mode: {modes:?}"
    );
    let after = String::from_utf8_lossy(&raw[left + LEAVE_ALTERNATE_SCREEN.len()..]).into_owned();
    assert!(
        !after.contains('\x1b'),
        "drawn to after the terminal was put back: {after:?}"
    );
    after
}
