//! README.md stays true: the two commands first, and every key the program binds.

use two_worlds::{editor, keymap};

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

#[test]
fn the_first_commands_are_run_and_test() {
    let readme = readme();
    let first_block = readme.split("```").nth(1).expect("a code block");
    let commands: Vec<&str> = first_block
        .lines()
        .filter_map(|l| l.split('#').next())
        .map(str::trim)
        .filter(|l| !l.is_empty() && *l != "sh")
        .collect();
    assert_eq!(commands, ["cargo run --release", "cargo test"]);
}

#[test]
fn every_key_is_in_the_readme() {
    let readme = readme();
    let mut labels: Vec<&str> = keymap::BINDINGS.iter().map(|b| b.label).collect();
    labels.extend(editor::bindings().into_iter().map(|(label, _)| label));
    let missing: Vec<&str> = labels
        .into_iter()
        .filter(|label| !readme.contains(&format!("`{label}`")))
        .collect();
    assert!(missing.is_empty(), "README.md does not mention {missing:?}");
}
