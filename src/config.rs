//! The user's settings: `config.toml` in the platform's config folder (or
//! `--config FILE`, or `$TWO_WORLDS_CONFIG`). The user writes it; the program
//! only reads it (remembered choices live in the state file). Nothing in it is
//! required, and it is checked as scenario files are: every mistake is a problem
//! with its line, column and a fix, and a setting with a mistake keeps its
//! default while the others take effect.

use std::fmt;
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};

use crate::exercise::{Problem, Severity};
use crate::exercise::{a_type, nearest, quoted_list};
use crate::keymap::{Command, Key, Keymap};
use crate::text_position::line_col;

/// The largest settings file read: settings are a few lines.
pub const MAX_CONFIG_BYTES: u64 = 64 * 1024;

/// The settings' file name in the config folder.
pub const FILE_NAME: &str = "config.toml";

/// How the screens are coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    /// The terminal's own colours with a few accents (cyan titles, yellow warnings).
    #[default]
    Auto,
    /// Brighter accents for a dark background.
    Dark,
    /// For a light background: no yellow and no dimmed text.
    Light,
    /// No colour and no dimmed text: bold, underline and reverse carry everything.
    HighContrast,
}

impl ThemeName {
    const ALL: [(ThemeName, &'static str); 4] = [
        (ThemeName::Auto, "auto"),
        (ThemeName::Dark, "dark"),
        (ThemeName::Light, "light"),
        (ThemeName::HighContrast, "high-contrast"),
    ];

    pub fn name(self) -> &'static str {
        ThemeName::ALL
            .iter()
            .find(|(theme, _)| *theme == self)
            .map_or("auto", |(_, name)| name)
    }
}

/// Whether each exercise starts with its writing hints shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Hints {
    #[default]
    Shown,
    Hidden,
}

impl Hints {
    pub fn name(self) -> &'static str {
        match self {
            Hints::Shown => "shown",
            Hints::Hidden => "hidden",
        }
    }
}

/// The settings in effect.
#[derive(Debug, Clone)]
pub struct Settings {
    pub theme: ThemeName,
    /// The command for `Ctrl+E` and for editing scenario files, as written.
    pub editor: Option<String>,
    /// The key table, with the file's `[keys]` applied.
    pub keys: Keymap,
    /// The commands the file rebinds, in its order, for `two-worlds config`.
    pub rebound: Vec<(Command, Vec<Key>)>,
    pub mouse: bool,
    pub plain: bool,
    pub hints: Hints,
    /// From this rating of the calm check on, a break is offered.
    pub calm_threshold: Option<u8>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            theme: ThemeName::Auto,
            editor: None,
            keys: Keymap::default(),
            rebound: Vec::new(),
            mouse: false,
            plain: false,
            hints: Hints::Shown,
            calm_threshold: None,
        }
    }
}

/// Where the settings come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub path: PathBuf,
    /// Named by `--config` or `$TWO_WORLDS_CONFIG`: it must be there.
    pub named: bool,
}

/// The settings file to read: `--config FILE`, else `$TWO_WORLDS_CONFIG`, else
/// `config.toml` in the platform's config folder (`$XDG_CONFIG_HOME/two-worlds`,
/// else `~/.config/two-worlds`; on macOS `~/Library/Application Support/two-worlds`).
/// `None` when there is no home folder to look in.
pub fn source(given: Option<&Path>, env: impl Fn(&str) -> Option<PathBuf>) -> Option<Source> {
    if let Some(path) = given {
        return Some(Source {
            path: path.to_path_buf(),
            named: true,
        });
    }
    if let Some(path) = env("TWO_WORLDS_CONFIG") {
        return Some(Source { path, named: true });
    }
    let folder = crate::paths::config_dir_on(crate::paths::Platform::CURRENT, env)?;
    Some(Source {
        path: folder.join(FILE_NAME),
        named: false,
    })
}

/// The environment as [`source`] reads it: empty variables count as unset.
pub fn env_var(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// The settings read from `source`, and every problem found. A file that is not
/// there is no problem unless it was named.
pub fn load(source: Option<&Source>) -> (Settings, Vec<Problem>) {
    let Some(source) = source else {
        return (Settings::default(), Vec::new());
    };
    let file = source.path.display().to_string();
    match crate::files::read_regular(&source.path, MAX_CONFIG_BYTES) {
        Ok(bytes) => parse(&bytes, &file),
        Err(crate::files::ReadError::Io(err))
            if err.kind() == std::io::ErrorKind::NotFound && !source.named =>
        {
            (Settings::default(), Vec::new())
        }
        Err(err) => {
            let problem = Problem {
                file,
                position: None,
                severity: Severity::Error,
                message: format!("cannot read the settings: {err}; every setting is its default"),
            };
            (Settings::default(), vec![problem])
        }
    }
}

/// The keys a settings file may hold.
const KEYS: &[&str] = &[
    "theme",
    "editor",
    "keys",
    "mouse",
    "plain",
    "hints",
    "calm_threshold",
];

/// Reads a settings file. Never panics, whatever the bytes.
pub fn parse(bytes: &[u8], file: &str) -> (Settings, Vec<Problem>) {
    let mut check = Check {
        file,
        source: "",
        problems: Vec::new(),
    };
    let settings = check.settings(bytes);
    let mut problems = check.problems;
    problems.sort_by_key(|p| (p.position.is_none(), p.position));
    (settings, problems)
}

struct Check<'a> {
    file: &'a str,
    source: &'a str,
    problems: Vec<Problem>,
}

impl<'a> Check<'a> {
    fn error(&mut self, span: Option<std::ops::Range<usize>>, message: String) {
        self.problems.push(Problem {
            file: self.file.to_owned(),
            position: span.map(|span| line_col(self.source, span.start)),
            severity: Severity::Error,
            message,
        });
    }

    fn settings(&mut self, bytes: &'a [u8]) -> Settings {
        let mut settings = Settings::default();
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(_) => {
                self.error(
                    None,
                    "the file is not UTF-8 text; save it with UTF-8 encoding".into(),
                );
                return settings;
            }
        };
        self.source = text.strip_prefix('\u{feff}').unwrap_or(text);
        let root = match DeTable::parse(self.source) {
            Ok(root) => root,
            Err(err) => {
                let message = format!(
                    "TOML syntax: {}; every setting is its default",
                    crate::safe::one_line(err.message())
                );
                self.error(err.span(), message);
                return settings;
            }
        };
        let root = root.get_ref();
        for (key, _) in root.iter() {
            let name: &str = key.get_ref();
            if KEYS.contains(&name) {
                continue;
            }
            let name = crate::safe::line(name);
            let hint = match nearest(&name, KEYS) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("the settings are {}", quoted_list(KEYS)),
            };
            self.error(
                Some(key.span()),
                format!("unknown setting `{name}`; {hint}"),
            );
        }
        if let Some((text, span)) = self.string(root, "theme") {
            match ThemeName::ALL.iter().find(|(_, name)| *name == text) {
                Some((theme, _)) => settings.theme = *theme,
                None => {
                    let names: Vec<&str> = ThemeName::ALL.iter().map(|(_, n)| *n).collect();
                    self.error(Some(span), self.choice_message("theme", text, &names));
                }
            }
        }
        if let Some((text, span)) = self.string(root, "editor") {
            match shlex::split(text) {
                Some(words) if !words.is_empty() => settings.editor = Some(text.to_owned()),
                _ => self.error(
                    Some(span),
                    "`editor` must be a command, such as \"vim\" or \"code --wait\", with its quotes closed".into(),
                ),
            }
        }
        if let Some(on) = self.boolean(root, "mouse") {
            settings.mouse = on;
        }
        if let Some(on) = self.boolean(root, "plain") {
            settings.plain = on;
        }
        if let Some((text, span)) = self.string(root, "hints") {
            match text {
                "shown" => settings.hints = Hints::Shown,
                "hidden" => settings.hints = Hints::Hidden,
                _ => self.error(
                    Some(span),
                    self.choice_message("hints", text, &["shown", "hidden"]),
                ),
            }
        }
        if let Some(value) = root.get("calm_threshold") {
            match value
                .get_ref()
                .as_integer()
                .map(crate::format::whole_number)
            {
                Some(Some(n)) if (1..=10).contains(&n) => settings.calm_threshold = Some(n as u8),
                _ => self.error(
                    Some(value.span()),
                    "`calm_threshold` must be a whole number from 1 to 10, such as 7".into(),
                ),
            }
        }
        if let Some(value) = root.get("keys") {
            match value.get_ref() {
                DeValue::Table(table) => self.keys(table, &mut settings),
                other => self.error(
                    Some(value.span()),
                    format!("`keys` must be a table ([keys]), not {}", a_type(other)),
                ),
            }
        }
        settings
    }

    fn choice_message(&self, setting: &str, given: &str, choices: &[&str]) -> String {
        let given = crate::safe::line(given);
        match nearest(&given, choices) {
            Some(near) => format!("`{setting}` cannot be \"{given}\"; did you mean \"{near}\"?"),
            None => format!(
                "`{setting}` cannot be \"{given}\"; it is one of {}",
                quoted_list(choices)
            ),
        }
    }

    fn string<'v>(
        &mut self,
        table: &'v DeTable<'_>,
        key: &str,
    ) -> Option<(&'v str, std::ops::Range<usize>)> {
        let value = table.get(key)?;
        match value.get_ref() {
            DeValue::String(text) => Some((text.as_ref(), value.span())),
            other => {
                self.error(
                    Some(value.span()),
                    format!("`{key}` must be text in quotes, not {}", a_type(other)),
                );
                None
            }
        }
    }

    fn boolean(&mut self, table: &DeTable<'_>, key: &str) -> Option<bool> {
        let value = table.get(key)?;
        match value.get_ref() {
            DeValue::Boolean(on) => Some(*on),
            other => {
                self.error(
                    Some(value.span()),
                    format!("`{key}` must be true or false, not {}", a_type(other)),
                );
                None
            }
        }
    }

    /// `[keys]`: each command by its name, one key or a list of keys. A command or
    /// key that cannot be read, or a key that would mean two things somewhere, is a
    /// problem; the command keeps its default keys. The editing commands may be
    /// written `"edit.undo" = …` or in an `edit` table (`edit.undo = …` unquoted).
    fn keys(&mut self, table: &DeTable<'_>, settings: &mut Settings) {
        for (name, value) in table.iter() {
            let command_name: &str = name.get_ref();
            match value.get_ref() {
                DeValue::Table(edit) if command_name == "edit" => {
                    for (name, value) in edit.iter() {
                        let full = format!("edit.{}", name.get_ref());
                        self.key(&full, name.span(), value, settings);
                    }
                }
                _ => self.key(command_name, name.span(), value, settings),
            }
        }
    }

    fn key(
        &mut self,
        command_name: &str,
        name_span: std::ops::Range<usize>,
        value: &toml::Spanned<DeValue<'_>>,
        settings: &mut Settings,
    ) {
        let Ok(command) = command_name.parse::<Command>() else {
            let names: Vec<&str> = Command::all().map(Command::name).collect();
            let shown = crate::safe::line(command_name);
            let hint = match nearest(&shown, &names) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "`two-worlds config --default` lists every command".into(),
            };
            self.error(
                Some(name_span),
                format!("no command is called `{shown}` in [keys]; {hint}"),
            );
            return;
        };
        let written: Option<Vec<(&str, std::ops::Range<usize>)>> = match value.get_ref() {
            DeValue::String(text) => Some(vec![(text.as_ref(), value.span())]),
            DeValue::Array(items) if !items.is_empty() => items
                .iter()
                .map(|item| match item.get_ref() {
                    DeValue::String(text) => Some((text.as_ref(), item.span())),
                    _ => None,
                })
                .collect(),
            _ => None,
        };
        let Some(written) = written else {
            self.error(
                Some(value.span()),
                format!(
                    "`{command_name}` must be a key in quotes or a list of them, such as \"Ctrl+N\" or [\"Ctrl+T\", \"F2\"]"
                ),
            );
            return;
        };
        let mut keys = Vec::new();
        for (text, span) in &written {
            match text.parse::<Key>() {
                Ok(key) => keys.push(key),
                Err(_) => {
                    let text = crate::safe::line(text);
                    self.error(
                        Some(span.clone()),
                        format!(
                            "cannot read the key \"{text}\"; write keys as \"Ctrl+N\", \"Alt+Left\", \"F2\", \"PageDown\" or one character"
                        ),
                    );
                }
            }
        }
        if keys.len() < written.len() {
            return;
        }
        match settings.keys.rebind_keys(command, &keys) {
            Ok(()) => settings.rebound.push((command, keys)),
            Err(err) => self.error(
                Some(value.span()),
                format!("`{command_name}` keeps its keys: {err}"),
            ),
        }
    }
}

/// The settings as a file would say them, for `two-worlds config`: every setting,
/// and the keys the file changed.
pub fn describe(settings: &Settings) -> String {
    let mut out = String::new();
    let line = |out: &mut String, text: String| {
        out.push_str(&text);
        out.push('\n');
    };
    line(&mut out, format!("theme = \"{}\"", settings.theme.name()));
    match &settings.editor {
        Some(editor) => line(&mut out, format!("editor = {}", toml_string(editor))),
        None => line(
            &mut out,
            "# editor: not set; $VISUAL, else $EDITOR, is used".to_owned(),
        ),
    }
    line(&mut out, format!("mouse = {}", settings.mouse));
    line(&mut out, format!("plain = {}", settings.plain));
    line(&mut out, format!("hints = \"{}\"", settings.hints.name()));
    match settings.calm_threshold {
        Some(n) => line(&mut out, format!("calm_threshold = {n}")),
        None => line(
            &mut out,
            format!(
                "# calm_threshold: not set; {} unless the state file says otherwise",
                crate::calm::DEFAULT_THRESHOLD
            ),
        ),
    }
    out.push_str("\n[keys]\n");
    if settings.rebound.is_empty() {
        out.push_str(
            "# every command has its default keys (`two-worlds config --default` lists them)\n",
        );
    }
    for (command, keys) in &settings.rebound {
        line(
            &mut out,
            format!("{} = {}", key_name(*command), keys_value(keys)),
        );
    }
    out
}

/// A key list as the file writes it: `"Ctrl+N"` or `["Ctrl+T", "F2"]`.
fn keys_value(keys: &[Key]) -> String {
    let quoted: Vec<String> = keys.iter().map(|k| toml_string(&k.to_string())).collect();
    match quoted.as_slice() {
        [one] => one.clone(),
        many => format!("[{}]", many.join(", ")),
    }
}

/// A command's name as a key of `[keys]`: quoted when it has a dot ("edit.undo").
fn key_name(command: Command) -> String {
    match command.name() {
        name if name.contains('.') => toml_string(name),
        name => name.to_owned(),
    }
}

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

/// A settings file to start from: every setting with its default, commented out,
/// and every command with the keys it has on every screen where it applies (some
/// have more on some screens, such as `k` for up in lists: a line written here
/// replaces them all).
pub fn default_file() -> String {
    let mut out = String::from(DEFAULT_HEAD);
    let defaults = Keymap::default();
    let mut seen: Vec<Command> = Vec::new();
    for binding in defaults.bindings() {
        let command = binding.command();
        if seen.contains(&command) {
            continue;
        }
        seen.push(command);
        let rows: Vec<_> = defaults
            .bindings()
            .iter()
            .filter(|b| b.command() == command)
            .collect();
        let everywhere: Vec<Key> = rows[0]
            .keys()
            .iter()
            .filter(|key| rows.iter().all(|b| b.keys().contains(key)))
            .copied()
            .collect();
        // Otherwise the first of its keys that may mean it on every screen it is on.
        let works = |keys: &[Key]| defaults.clone().rebind_keys(command, keys).is_ok();
        let keys = match everywhere.is_empty() {
            false => everywhere,
            true => match rows
                .iter()
                .flat_map(|b| b.keys())
                .find(|key| works(&[**key]))
            {
                Some(key) => vec![*key],
                None => continue,
            },
        };
        out.push_str(&format!(
            "# {} = {}    # {}\n",
            key_name(command),
            keys_value(&keys),
            binding.help()
        ));
    }
    out
}

const DEFAULT_HEAD: &str = r#"# two-worlds settings. Nothing here is required: a line left commented out
# keeps its default. `two-worlds config` shows the settings in effect and
# checks this file; a mistake is reported with its line and column.

# How the screens are coloured: "auto" (the terminal's colours, a few accents),
# "dark", "light" (for a light background: no yellow, nothing dimmed), or
# "high-contrast" (no colour; bold, underline and reverse only). NO_COLOR wins.
# theme = "auto"

# The editor Ctrl+E hands your text to, and `e` opens scenario files in.
# Without it, $VISUAL, then $EDITOR. Editors that return at once need their
# wait flag: "code --wait", "subl --wait".
# editor = "nano"

# Whether the mouse works in the program: the wheel scrolls what is under the
# pointer, a click picks a row. Off, the terminal keeps its own text selection.
# mouse = false

# Plain screens for screen readers: no box drawing, the two views one after
# the other with headings. The same as `two-worlds --plain`.
# plain = false

# Whether each exercise starts with its writing hints "shown" or "hidden".
# Ctrl+T shows or hides them for the exercise at hand.
# hints = "shown"

# From this number of the calm check on (1 to 10), a break is offered.
# calm_threshold = 7

# Keys: a command by its name, one key or a list. Keys are written "Ctrl+N",
# "Alt+Left", "Shift+Tab", "F2", "PageDown", or one character. A key cannot
# mean two things on one screen, and a character cannot be bound where you type.
[keys]
"#;

impl fmt::Display for ThemeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests;
