//! The command line: arguments, and the commands that print instead of opening the
//! full-screen program.
//!
//! Here: the arguments and the dispatch. `library` lists and checks exercises,
//! `new` writes a scenario template, `entries` lists and exports journal
//! entries, `paths` shows where things are kept, `table` lines up columns.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{ArgGroup, Parser, Subcommand, ValueEnum};

use crate::exercise::{self, Sources};
use crate::journal::Journal;
use crate::paths::Paths;
use crate::safe;

mod entries;
mod library;
mod new;
mod paths;
mod share;
mod table;
pub(crate) mod vault;

pub use new::new_scenario;

#[derive(Debug, Parser)]
#[command(
    name = "two-worlds",
    version,
    propagate_version = true,
    about = "Write one conflict from your side, then from your partner's, and see both side by side.",
    long_about = "Write one conflict from your side, then from your partner's, and see both side by side.\n\n\
        Run without a command to open the full-screen program on the built-in exercises and your own.\n\
        Everything you write stays on this computer, readable only by you.",
    after_help = "Exit codes: 0 success, 1 failure or errors found by check, 2 wrong usage."
)]
pub struct Cli {
    /// Where journal entries and your own scenarios live [default: $TWO_WORLDS_DATA_DIR, else $XDG_DATA_HOME/two-worlds]
    // TWO_WORLDS_DATA_DIR is read by `Paths::resolve`, not by clap: an empty
    // variable counts as unset, while an empty `--data-dir ""` is a mistake
    // clap reports as one (exit 2), and clap cannot tell the two apart.
    #[arg(
        long,
        global = true,
        value_name = "DIR",
        value_parser = clap::builder::TypedValueParser::try_map(
            clap::builder::OsStringValueParser::new(),
            non_empty_folder
        )
    )]
    pub data_dir: Option<PathBuf>,

    /// Also load scenarios from this file or folder (repeatable)
    #[arg(long = "exercises", value_name = "PATH")]
    pub exercises: Vec<PathBuf>,

    #[command(flatten)]
    pub settings: SettingsFile,

    /// A locked journal: read its passphrase from the first line of this file
    /// [default: $TWO_WORLDS_PASSPHRASE_COMMAND, a command that prints it, else asked]
    #[arg(long, global = true, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,

    /// Plain screens for screen readers: no box drawing, the views one after the other
    /// with headings (also `plain = true` in the settings)
    #[arg(long)]
    pub plain: bool,

    #[command(subcommand)]
    pub command: Option<CliCommand>,
}

#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// List every exercise: id, title, tags and where it came from
    List {
        #[command(flatten)]
        scenarios: MoreScenarios,
        /// Print JSON instead of a table
        #[arg(long)]
        json: bool,
        /// With --json: an object of the exercises and every problem found, each with
        /// its file, line and column
        #[arg(long, requires = "json")]
        problems: bool,
    },
    /// Check scenario files and report every problem with its file and line
    Check {
        /// Files or folders to check [default: the built-in library, your folder and every --exercises, as the program loads them]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        scenarios: MoreScenarios,
    },
    /// Write a scenario template, ready to edit
    New {
        /// The new scenario's id: lowercase letters, digits and dashes
        #[arg(value_parser = scenario_id)]
        id: String,
        /// Its title [default: made from the id]
        #[arg(long)]
        title: Option<String>,
        /// The folder to write it in [default: your exercises folder]
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Show where two-worlds keeps your data and settings and looks for scenarios
    Paths {
        #[command(flatten)]
        scenarios: MoreScenarios,
        #[command(flatten)]
        settings: SettingsFile,
    },
    /// Check your settings file and print the settings in effect
    Config {
        /// Print a commented settings file to start from instead
        #[arg(long)]
        default: bool,
        #[command(flatten)]
        settings: SettingsFile,
    },
    /// List your journal entries, newest first, with the reference `export` takes
    History {
        /// Print JSON instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Print or save journal entries as Markdown or JSON
    #[command(group(ArgGroup::new("which").required(true).args(["entry", "all"])))]
    Export {
        /// The entry, as `two-worlds history` shows it (e.g. can-we-talk/20261128T140211Z.toml);
        /// a unique beginning of it, or the entry file's full path, also works
        #[arg(value_name = "ENTRY")]
        entry: Option<PathBuf>,
        /// Every readable entry, newest first
        #[arg(long)]
        all: bool,
        /// Markdown to read, print or share; JSON for other programs
        #[arg(long, value_enum, default_value_t = ExportFormat::Markdown)]
        format: ExportFormat,
        /// Write to this new file, readable only by you, instead of printing
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Your journal is locked: export anyway, as plain text anyone holding the
        /// output can read
        #[arg(long)]
        unencrypted: bool,
    },
    /// Bring entries back from a JSON backup (`export --all --format json`); an entry
    /// already in your journal is never written over
    Restore {
        /// The JSON file `export --all --format json -o FILE` wrote
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Write a finished attempt as an exchange file for your partner: your side of
    /// the moment, shown to you before it is written
    Share {
        /// The entry, as `two-worlds history` shows it (a unique beginning also works)
        #[arg(value_name = "ENTRY")]
        entry: PathBuf,
        /// Write to this new file instead of one in your exports folder
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Your name, as your partner knows you (remembered for next time)
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
        /// Lock the file with a phrase you and your partner agree on in person
        /// (asked twice on the terminal)
        #[arg(long)]
        encrypt: bool,
        /// With --encrypt: read the phrase from the first line of this file
        #[arg(long, value_name = "FILE", requires = "encrypt")]
        phrase_file: Option<PathBuf>,
        /// Your journal is locked: write the file without a phrase anyway, as plain
        /// text anyone holding it can read
        #[arg(long, conflicts_with = "encrypt")]
        unencrypted: bool,
    },
    /// Bring in the exchange file your partner shared: their side of the moment,
    /// kept apart from your journal
    Import {
        /// The .twx file your partner sent you
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// For a locked file: read the phrase from the first line of this file
        /// [default: asked on the terminal]
        #[arg(long, value_name = "FILE")]
        phrase_file: Option<PathBuf>,
    },
    /// Lock your journal: encrypt everything you write with a key kept under a
    /// passphrase (asked twice). Run it again to finish a lock that was interrupted
    Lock {
        /// Print the recovery key without asking (it opens the journal without the
        /// passphrase: keep it somewhere safe)
        #[arg(long)]
        print_recovery_key: bool,
    },
    /// Turn locking off: decrypt everything back to plain files, then remove the key
    Decrypt {
        /// Open the journal with this recovery key file instead of the passphrase
        #[arg(long, value_name = "FILE")]
        recovery_key: Option<PathBuf>,
    },
    /// Change the passphrase of a locked journal (only its key file is rewritten)
    Passphrase {
        /// Read the new passphrase from the first line of this file [default: asked twice]
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
        /// Open the journal with this recovery key file instead of the old passphrase
        #[arg(long, value_name = "FILE")]
        recovery_key: Option<PathBuf>,
    },
    /// Print a completion script for your shell (see the README for where it goes)
    Completions {
        /// bash, zsh, fish, elvish or powershell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page, in the roff format `man` reads
    Man,
}

/// `--exercises` on the commands that read scenarios (it also goes before the
/// command, as for the full-screen program).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct MoreScenarios {
    /// Also load scenarios from this file or folder (repeatable)
    #[arg(long = "exercises", value_name = "PATH")]
    pub exercises: Vec<PathBuf>,
}

/// `--config FILE` on the commands that read the settings.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct SettingsFile {
    /// Read the settings from this file [default: $TWO_WORLDS_CONFIG, else $XDG_CONFIG_HOME/two-worlds/config.toml]
    #[arg(long = "config", value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    #[value(alias = "md")]
    Markdown,
    Json,
}

/// A scenario id, or a usage error (exit 2) that suggests a valid one.
fn scenario_id(value: &str) -> Result<String, String> {
    match exercise::id_problem(value) {
        None => Ok(value.to_owned()),
        Some(why) => Err(format!("the id {why}; try \"{}\"", exercise::slug(value))),
    }
}

/// `--data-dir ""` names no folder: a usage error, not the default folder.
fn non_empty_folder(value: std::ffi::OsString) -> Result<PathBuf, String> {
    if value.is_empty() {
        Err(crate::paths::EMPTY_DATA_DIR.to_owned())
    } else {
        Ok(PathBuf::from(value))
    }
}

impl Cli {
    pub fn paths(&self) -> anyhow::Result<Paths> {
        Paths::resolve(self.data_dir.as_deref())
    }

    /// An option given before a command it means nothing to (`--plain history`): a
    /// usage error, rather than an option silently ignored.
    pub fn misplaced_option(&self) -> Option<clap::Error> {
        use clap::CommandFactory as _;
        let command = self.command.as_ref()?;
        let (name, exercises, config) = match command {
            CliCommand::List { .. } => ("list", true, false),
            CliCommand::Check { .. } => ("check", true, false),
            CliCommand::Paths { .. } => ("paths", true, true),
            CliCommand::Config { .. } => ("config", false, true),
            CliCommand::New { .. } => ("new", false, false),
            CliCommand::History { .. } => ("history", false, false),
            CliCommand::Export { .. } => ("export", false, false),
            CliCommand::Restore { .. } => ("restore", false, false),
            CliCommand::Share { .. } => ("share", false, false),
            CliCommand::Import { .. } => ("import", false, false),
            CliCommand::Lock { .. } => ("lock", false, false),
            CliCommand::Decrypt { .. } => ("decrypt", false, false),
            CliCommand::Passphrase { .. } => ("passphrase", false, false),
            CliCommand::Completions { .. } => ("completions", false, false),
            CliCommand::Man => ("man", false, false),
        };
        let given = [
            ("--exercises", !self.exercises.is_empty() && !exercises),
            ("--config", self.settings.config.is_some() && !config),
            ("--plain", self.plain),
        ];
        let (option, _) = given.into_iter().find(|(_, wrong)| *wrong)?;
        let message = format!(
            "`{option}` means nothing to `two-worlds {name}`; it goes with the full-screen program{}",
            match option {
                "--exercises" => ", `list`, `check` and `paths`",
                "--config" => ", `config` and `paths`",
                _ => "",
            }
        );
        Some(
            clap::Error::raw(clap::error::ErrorKind::ArgumentConflict, message)
                .format(&mut Cli::command()),
        )
    }

    /// Where the settings are read from: `--config` after the command, else before
    /// it, else `$TWO_WORLDS_CONFIG`, else the platform's config folder.
    pub fn settings_source(&self, after: &SettingsFile) -> Option<crate::config::Source> {
        let given = after.config.as_deref().or(self.settings.config.as_deref());
        crate::config::source(given, crate::config::env_var)
    }

    /// Every source: built-ins, the user's folder, then each `--exercises` (those
    /// before the command, then the command's own `more`).
    pub fn sources(&self, paths: &Paths, more: &[PathBuf]) -> Sources {
        Sources {
            builtin: true,
            user_dir: Some(paths.exercises_dir()),
            extra: self.exercises.iter().chain(more).cloned().collect(),
        }
    }
}

/// Runs a printing command. `Ok` carries the exit code; `Err` is reported by `main`.
pub fn run(cli: &Cli, command: &CliCommand) -> anyhow::Result<ExitCode> {
    // Only the commands that use the data folder look for it: completions and the
    // manual are made from the arguments alone.
    let paths = || cli.paths();
    let passphrase_file = cli.passphrase_file.as_deref();
    // The commands that read entries unlock a locked journal first.
    if matches!(
        command,
        CliCommand::History { .. }
            | CliCommand::Export { .. }
            | CliCommand::Share { .. }
            | CliCommand::Restore { .. }
            | CliCommand::Import { .. }
            | CliCommand::List { .. }
    ) && let Some(code) = vault::unlock_to_read(&paths()?.data_dir, passphrase_file)?
    {
        return Ok(code);
    }
    // What goes out of a locked journal in the clear goes only when asked for.
    let locked = || -> anyhow::Result<bool> {
        Ok(!crate::vault::lock_state(&cli.paths()?.data_dir).is_open())
    };
    match command {
        CliCommand::Completions { shell } => print_completions(*shell),
        CliCommand::Man => print_manual(),
        CliCommand::List {
            json,
            problems,
            scenarios,
        } => {
            let paths = paths()?;
            let mut library = exercise::load(&cli.sources(&paths, &scenarios.exercises));
            library.add_shared(&paths.data_dir);
            library::list(&library, *json, *problems)
        }
        CliCommand::Check {
            paths: named,
            scenarios,
        } => {
            let sources = if named.is_empty() {
                cli.sources(&paths()?, &scenarios.exercises)
            } else {
                Sources {
                    builtin: false,
                    user_dir: None,
                    extra: named.iter().chain(&scenarios.exercises).cloned().collect(),
                }
            };
            library::check(&exercise::load(&sources))
        }
        CliCommand::New { id, title, dir } => {
            let dir = match dir {
                Some(dir) => dir.clone(),
                None => paths()?.exercises_dir(),
            };
            new::create(&dir, id, title.as_deref())
        }
        CliCommand::Paths {
            scenarios,
            settings,
        } => {
            write!(
                std::io::stdout().lock(),
                "{}",
                paths::describe_paths(
                    cli,
                    &paths()?,
                    &scenarios.exercises,
                    cli.settings_source(settings).as_ref()
                )
            )?;
            Ok(ExitCode::SUCCESS)
        }
        CliCommand::Share {
            entry,
            output,
            name,
            encrypt,
            phrase_file,
            unencrypted,
        } => {
            if !encrypt && !unencrypted && locked()? {
                note(PLAIN_SHARE);
                return Ok(ExitCode::from(2));
            }
            share::share(
                &Journal::new(&paths()?.data_dir),
                entry,
                output.as_deref(),
                name.as_deref(),
                encrypt.then_some(phrase_file.as_deref()),
            )
        }
        CliCommand::Import { file, phrase_file } => {
            share::import(&paths()?.data_dir, file, phrase_file.as_deref())
        }
        CliCommand::Restore { file } => entries::restore(&Journal::new(&paths()?.data_dir), file),
        CliCommand::Config { default, settings } => {
            config_command(cli.settings_source(settings).as_ref(), *default)
        }
        CliCommand::History { json } => entries::history(&Journal::new(&paths()?.data_dir), *json),
        CliCommand::Export {
            entry,
            all,
            format,
            output,
            unencrypted,
        } => {
            if !unencrypted && locked()? {
                note(PLAIN_EXPORT);
                return Ok(ExitCode::from(2));
            }
            entries::export(
                &Journal::new(&paths()?.data_dir),
                entry.as_deref(),
                *all,
                *format,
                output.as_deref(),
            )
        }
        CliCommand::Lock { print_recovery_key } => {
            vault::lock(&paths()?.data_dir, passphrase_file, *print_recovery_key)
        }
        CliCommand::Decrypt { recovery_key } => {
            vault::decrypt(&paths()?.data_dir, passphrase_file, recovery_key.as_deref())
        }
        CliCommand::Passphrase {
            new_passphrase_file,
            recovery_key,
        } => vault::passphrase(
            &paths()?.data_dir,
            passphrase_file,
            new_passphrase_file.as_deref(),
            recovery_key.as_deref(),
        ),
    }
}

const PLAIN_EXPORT: &str = "two-worlds: error: your journal is locked, and an export is plain \
     text: anyone holding it can read it. Add --unencrypted to write it anyway";
const PLAIN_SHARE: &str = "two-worlds: error: your journal is locked, and a shared file without \
     a phrase is plain text: anyone holding it can read it. Add --encrypt to lock it with a \
     phrase, or --unencrypted to write it anyway";

/// `config`: where the settings file is, every problem in it (on stderr, exit 1),
/// and the settings in effect; with `--default`, a file to start from.
fn config_command(
    source: Option<&crate::config::Source>,
    default: bool,
) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    if default {
        out.write_all(crate::config::default_file().as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    let (settings, problems) = crate::config::load(source);
    let place = match source {
        None => "no home folder to look in; pass --config FILE".to_owned(),
        Some(source) if source.path.is_file() => safe::path(&source.path),
        Some(source) => format!(
            "{} (not there: every setting is its default; `two-worlds config --default` prints a file to start from)",
            safe::path(&source.path)
        ),
    };
    writeln!(out, "# settings file: {place}")?;
    out.write_all(crate::config::describe(&settings).as_bytes())?;
    out.flush()?;
    if problems.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    let mut err = std::io::stderr().lock();
    for problem in &problems {
        writeln!(err, "{problem}")?;
    }
    writeln!(
        err,
        "{}; each keeps its default",
        crate::wording::plural(problems.len(), "problem", "problems")
    )?;
    Ok(ExitCode::FAILURE)
}

/// `completions SHELL`: the script the shell sources to complete two-worlds'
/// commands and options.
fn print_completions(shell: clap_complete::Shell) -> anyhow::Result<ExitCode> {
    use clap::CommandFactory as _;
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "two-worlds", &mut script);
    let mut out = std::io::stdout().lock();
    out.write_all(&script)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `man`: the manual page, made from the same description as `--help`.
fn print_manual() -> anyhow::Result<ExitCode> {
    use clap::CommandFactory as _;
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut page)?;
    let mut out = std::io::stdout().lock();
    out.write_all(&page)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// A line for the person at the terminal. Unlike `eprintln!`, it never panics
/// when stderr is closed or broken: the command's work matters more. The line
/// is made safe to show, whatever file names or reasons it holds.
fn note(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{}", safe::line(line));
}
