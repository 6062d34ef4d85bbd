use std::path::PathBuf;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::keymap::Context;

fn read(text: &str) -> (Settings, Vec<Problem>) {
    parse(text.as_bytes(), "/home/a/.config/two-worlds/config.toml")
}

fn messages(problems: &[Problem]) -> Vec<String> {
    problems.iter().map(ToString::to_string).collect()
}

#[test]
fn an_empty_file_is_every_default() {
    let (settings, problems) = read("");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(settings.theme, ThemeName::Auto);
    assert_eq!(settings.editor, None);
    assert!(!settings.mouse && !settings.plain);
    assert_eq!(settings.hints, Hints::Shown);
    assert_eq!(settings.calm_threshold, None);
    assert!(settings.rebound.is_empty());
}

#[test]
fn every_setting_is_read() {
    let (settings, problems) = read(
        r#"
theme = "high-contrast"
editor = "code --wait"
mouse = true
plain = true
hints = "hidden"
calm_threshold = 5

[keys]
next = "ctrl-j"
toggle-hints = ["Ctrl+T", "F2"]
"#,
    );
    assert!(problems.is_empty(), "{:?}", messages(&problems));
    assert_eq!(settings.theme, ThemeName::HighContrast);
    assert_eq!(settings.editor.as_deref(), Some("code --wait"));
    assert!(settings.mouse && settings.plain);
    assert_eq!(settings.hints, Hints::Hidden);
    assert_eq!(settings.calm_threshold, Some(5));
    let keys = &settings.keys;
    let press = |code, mods| KeyEvent::new(code, mods);
    assert_eq!(
        keys.command_for(
            Context::OWN_VIEW,
            &press(KeyCode::Char('j'), KeyModifiers::CONTROL)
        ),
        Some(Command::Next)
    );
    assert_eq!(
        keys.command_for(
            Context::OWN_VIEW,
            &press(KeyCode::Char('n'), KeyModifiers::CONTROL)
        ),
        None,
        "the old key is freed"
    );
    assert_eq!(
        keys.command_for(Context::OWN_VIEW, &press(KeyCode::F(2), KeyModifiers::NONE)),
        Some(Command::ToggleHints)
    );
    assert_eq!(keys.label_of(Context::OWN_VIEW, Command::Next), "Ctrl+J");
}

#[test]
fn an_unknown_setting_is_an_error_with_its_line_column_and_a_suggestion() {
    let (settings, problems) = read("theme = \"light\"\nthemes = \"dark\"\n");
    assert_eq!(settings.theme, ThemeName::Light, "the rest still applies");
    assert_eq!(
        messages(&problems),
        [
            "/home/a/.config/two-worlds/config.toml:2:1: error: unknown setting `themes`; did you mean `theme`?"
        ]
    );
}

#[test]
fn wrong_values_keep_their_defaults_and_say_what_is_expected() {
    let (settings, problems) = read(
        "theme = \"ligth\"\nmouse = \"yes\"\ncalm_threshold = 12\nhints = 3\neditor = \"vim '\"\n",
    );
    assert_eq!(settings.theme, ThemeName::Auto);
    assert!(!settings.mouse);
    assert_eq!(settings.calm_threshold, None);
    let messages = messages(&problems);
    assert_eq!(messages.len(), 5, "{messages:#?}");
    assert!(
        messages[0].contains(":1:9: error: `theme` cannot be \"ligth\"; did you mean \"light\"?")
    );
    assert!(messages[1].contains(":2:9: error: `mouse` must be true or false, not a string"));
    assert!(
        messages[2].contains(":3:18: error: `calm_threshold` must be a whole number from 1 to 10")
    );
    assert!(messages[3].contains(":4:9: error: `hints` must be text in quotes, not a number"));
    assert!(messages[4].contains(":5:10: error: `editor` must be a command"));
}

#[test]
fn key_mistakes_name_the_command_the_key_and_the_conflict() {
    let (settings, problems) = read(
        "[keys]\nnxt = \"Ctrl+J\"\nprevious = \"Ctrl+Banana\"\nnext = \"Ctrl+P\"\nhelp = \"x\"\n",
    );
    let messages = messages(&problems);
    assert_eq!(messages.len(), 4, "{messages:#?}");
    assert!(
        messages[0]
            .contains(":2:1: error: no command is called `nxt` in [keys]; did you mean `next`?"),
        "{}",
        messages[0]
    );
    assert!(
        messages[1].contains(":3:12: error: cannot read the key \"Ctrl+Banana\""),
        "{}",
        messages[1]
    );
    assert!(
        messages[2].contains(":4:8: error: `next` keeps its keys: Ctrl+P already means “previous”"),
        "{}",
        messages[2]
    );
    assert!(
        messages[3].contains(":5:8: error: `help` keeps its keys: x types text"),
        "{}",
        messages[3]
    );
    assert_eq!(
        settings.keys.label_of(Context::OWN_VIEW, Command::Next),
        "Ctrl+N"
    );
}

#[test]
fn broken_toml_is_one_error_and_every_default() {
    let (settings, problems) = read("theme = \"dark\"\nmouse = \n");
    assert_eq!(settings.theme, ThemeName::Auto);
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].position.is_some_and(|(line, _)| line == 2),
        "{problems:?}"
    );
    assert!(problems[0].message.contains("every setting is its default"));
}

#[test]
fn nothing_from_the_file_reaches_a_message_raw() {
    let (_, problems) = read("\"\\u001b[31mevil\" = 1\ntheme = \"\\u202edark\"\n");
    for message in messages(&problems) {
        assert!(
            !message.chars().any(|c| c.is_control() || c == '\u{202e}'),
            "{message:?}"
        );
    }
}

#[test]
fn the_file_is_found_where_the_platform_keeps_settings() {
    let env = |vars: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| PathBuf::from(v))
        }
    };
    let given = source(
        Some(Path::new("/x/mine.toml")),
        env(&[("TWO_WORLDS_CONFIG", "/y.toml")]),
    );
    assert_eq!(
        given.unwrap(),
        Source {
            path: "/x/mine.toml".into(),
            named: true
        }
    );
    let from_env = source(
        None,
        env(&[("TWO_WORLDS_CONFIG", "/y.toml"), ("HOME", "/h")]),
    );
    assert_eq!(
        from_env.unwrap(),
        Source {
            path: "/y.toml".into(),
            named: true
        }
    );
    assert_eq!(source(None, env(&[])), None);
    if !cfg!(target_os = "macos") {
        let xdg = source(None, env(&[("XDG_CONFIG_HOME", "/c"), ("HOME", "/h")])).unwrap();
        assert_eq!(xdg.path, PathBuf::from("/c/two-worlds/config.toml"));
        assert!(!xdg.named);
        let home = source(None, env(&[("XDG_CONFIG_HOME", "rel"), ("HOME", "/h")])).unwrap();
        assert_eq!(
            home.path,
            PathBuf::from("/h/.config/two-worlds/config.toml")
        );
    }
}

#[test]
fn a_missing_file_is_fine_unless_it_was_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    let quiet = load(Some(&Source {
        path: path.clone(),
        named: false,
    }));
    assert!(quiet.1.is_empty());
    let named = load(Some(&Source { path, named: true }));
    assert_eq!(named.1.len(), 1);
    assert!(
        named.1[0].message.contains("cannot read the settings"),
        "{:?}",
        named.1
    );
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_refused_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    let made = std::process::Command::new("mkfifo").arg(&path).status();
    assert!(made.unwrap().success(), "mkfifo");
    let (_, problems) = load(Some(&Source { path, named: false }));
    assert_eq!(problems.len(), 1, "{problems:?}");
}

#[test]
fn the_default_file_reads_back_as_every_default_and_names_every_command() {
    let text = default_file();
    let (settings, problems) = read(&text);
    assert!(problems.is_empty(), "{:?}", messages(&problems));
    assert_eq!(settings.theme, ThemeName::Auto);
    for command in Command::all() {
        assert!(
            text.contains(&format!("# {} = ", key_name(command))),
            "{command} is missing from the default file"
        );
    }
    // Uncommented, every line of it is a valid setting that changes nothing.
    let uncommented: String = text
        .lines()
        .map(|line| match line.strip_prefix("# ") {
            Some(rest) if rest.contains(" = ") => rest.split("    #").next().unwrap().to_owned(),
            _ => line.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let (settings, problems) = read(&uncommented);
    assert!(problems.is_empty(), "{:?}", messages(&problems));
    assert_eq!(settings.editor.as_deref(), Some("nano"));
}

#[test]
fn describe_reads_back_as_the_same_settings() {
    let (settings, _) = read(
        "theme = \"light\"\neditor = \"code --wait\"\n[keys]\nnext = \"ctrl-j\"\ntoggle-hints = [\"Ctrl+T\", \"F2\"]\n",
    );
    let text = describe(&settings);
    let (again, problems) = read(&text);
    assert!(problems.is_empty(), "{:?}\n{text}", messages(&problems));
    assert_eq!(again.theme, ThemeName::Light);
    assert_eq!(again.editor.as_deref(), Some("code --wait"));
    assert_eq!(again.rebound, settings.rebound);
}
