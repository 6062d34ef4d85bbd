//! The real binary on the command line, run in a [`Sandbox`]: `--data-dir` in the
//! sandbox, `TWO_WORLDS_DATA_DIR` and backtraces removed from the environment,
//! every run checked for panics, backtraces and Rust's "(os error N)", and for
//! writes to the sandboxed home folders.

use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use super::BIN;
use super::sandbox::Sandbox;

/// What a user sees after one run.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn stdout_lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }

    pub fn stderr_lines(&self) -> Vec<&str> {
        self.stderr.lines().collect()
    }

    /// Stdout as JSON; fails if it is not.
    #[track_caller]
    pub fn stdout_json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|err| panic!("stdout is not JSON ({err}): {self:#?}"))
    }

    #[track_caller]
    pub fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(self.code, code, "unexpected exit code: {self:#?}");
        self
    }

    /// A failure the user reads as exactly one line: `two-worlds: error: ...`.
    #[track_caller]
    pub fn assert_one_line_error(&self) -> &str {
        assert_eq!(self.code, 1, "{self:#?}");
        let lines = self.stderr_lines();
        assert_eq!(lines.len(), 1, "expected one line on stderr: {self:#?}");
        assert!(
            lines[0].starts_with("two-worlds: error: "),
            "stderr should start with `two-worlds: error: `: {self:#?}"
        );
        assert!(
            !lines[0].contains("(os error"),
            "no Rust error noise for the user: {self:#?}"
        );
        lines[0]
    }
}

impl Sandbox {
    /// The binary with a sandboxed environment and no `--data-dir` yet.
    pub fn bare(&self) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.current_dir(self.cwd())
            .envs(self.env())
            .env_remove("TWO_WORLDS_DATA_DIR")
            // The runner's own settings are never read: the sandbox's home has none.
            .env_remove("TWO_WORLDS_CONFIG")
            .env_remove("XDG_CONFIG_HOME")
            .env_remove("RUST_BACKTRACE")
            .env_remove("RUST_LIB_BACKTRACE")
            .stdin(Stdio::null());
        cmd
    }

    /// The binary with a sandboxed environment and `--data-dir`, but no arguments yet.
    pub fn command(&self) -> Command {
        let mut cmd = self.bare();
        cmd.arg("--data-dir").arg(self.data_dir());
        cmd
    }

    /// `two-worlds --data-dir <sandbox>/data ARGS...`
    pub fn run(&self, args: &[&str]) -> Run {
        let mut cmd = self.command();
        cmd.args(args);
        self.run_command(cmd)
    }

    /// Runs a prepared command and returns what the user saw. Checks it neither
    /// panicked, nor showed Rust's "(os error N)", nor touched the sandboxed home
    /// folders; kills it and fails if it is still running after [`DEADLINE`].
    pub fn run_command(&self, cmd: Command) -> Run {
        self.run_command_with_stdout(cmd, Stdio::piped())
    }

    /// Like [`Sandbox::run_command`], with the program's stdout sent to `stdout`
    /// rather than kept: what the user saw there is then empty.
    pub fn run_command_with_stdout(&self, cmd: Command, stdout: impl Into<Stdio>) -> Run {
        let run = run_within_deadline(cmd, stdout.into());
        for dir in [self.home(), self.xdg_data_home()] {
            assert_eq!(
                std::fs::read_dir(&dir).unwrap().count(),
                0,
                "{} was written to: {run:#?}",
                dir.display()
            );
        }
        run
    }
}

impl Run {
    /// What a finished run showed; panics if it was killed by a signal or panicked.
    #[track_caller]
    pub fn of(output: std::process::Output) -> Run {
        let run = Run {
            code: output
                .status
                .code()
                .unwrap_or_else(|| panic!("killed by a signal: {output:?}")),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        };
        assert_no_panic(&run);
        run
    }
}

/// How long a run may take. Long enough for any machine; only a hang reaches it.
pub const DEADLINE: Duration = Duration::from_secs(60);

/// Runs `cmd` with its stdout sent to `stdout` and returns what the user saw;
/// panics, after killing it, if it is still running at the deadline.
fn run_within_deadline(mut cmd: Command, stdout: Stdio) -> Run {
    cmd.stdout(stdout).stderr(Stdio::piped());
    let child = cmd.spawn().expect("the binary runs");
    let pid = child.id();
    let (done, finished) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(child.wait_with_output());
    });
    let output = match finished.recv_timeout(DEADLINE) {
        Ok(output) => output.unwrap(),
        Err(_) => {
            kill(pid);
            panic!("{cmd:?} was still running after {DEADLINE:?}: it hangs");
        }
    };
    let run = Run::of(output);
    assert_no_os_error(&run);
    run
}

#[track_caller]
fn assert_no_os_error(run: &Run) {
    assert!(
        !run.stdout.contains("(os error") && !run.stderr.contains("(os error"),
        "no Rust error noise for the user: {run:#?}"
    );
}

#[track_caller]
pub fn assert_no_panic(run: &Run) {
    for needle in ["panicked", "RUST_BACKTRACE", "stack backtrace"] {
        assert!(
            !run.stderr.contains(needle),
            "stderr contains {needle:?}: {run:#?}"
        );
    }
}

/// The rows of a table, split on runs of two or more spaces, header first.
pub fn table_rows(stdout: &str) -> Vec<Vec<String>> {
    stdout
        .lines()
        .map(|line| {
            line.split("  ")
                .map(str::trim)
                .filter(|cell| !cell.is_empty())
                .map(str::to_string)
                .collect()
        })
        .collect()
}

/// Ends a child that hangs, by its pid (the child itself is with its waiter).
fn kill(pid: u32) {
    #[cfg(unix)]
    // SAFETY: `pid` is our own child, not yet reaped (its waiter is still waiting).
    unsafe {
        libc::kill(pid as libc::pid_t, libc::SIGKILL)
    };
    #[cfg(windows)]
    let _ = Command::new("taskkill")
        .args(["/F", "/PID", &pid.to_string()])
        .output();
}
