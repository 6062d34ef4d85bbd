//! README.md stays true: the two commands first, and every key the program binds.

use std::collections::BTreeSet;

use two_worlds::keymap;

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
    let keys = keymap::Keymap::default();
    // Every key of every binding, not only the first that the footer shows: a second
    // key (`j` beside `↓`) is one a user may look for here.
    let missing: BTreeSet<String> = keys
        .bindings()
        .iter()
        .flat_map(|binding| binding.keys())
        .map(ToString::to_string)
        .filter(|key| !readme.contains(&format!("`{key}`")))
        .collect();
    assert!(missing.is_empty(), "README.md does not mention {missing:?}");
}

#[test]
fn the_safety_note_and_its_helplines_are_near_the_top() {
    let readme = readme();
    let note = readme
        .find("## Who this is for")
        .expect("a section on who two-worlds is for");
    let first_section = readme.find("\n## ").unwrap();
    assert_eq!(note, first_section + 1, "it is the first section");
    for paragraph in two_worlds::care::SAFETY_NOTE {
        let flat = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat(&readme).contains(&flat(paragraph)), "{paragraph}");
    }
    for helpline in two_worlds::care::HELPLINES {
        assert!(readme.contains(helpline), "{helpline}");
    }
    assert!(readme.contains(two_worlds::care::WHO_CAN_READ));
}

#[test]
fn the_package_carries_the_program_and_its_licences_not_the_tests() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest: toml::Table = std::fs::read_to_string(root.join("Cargo.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let package = manifest["package"].as_table().unwrap();
    assert_eq!(package["license"].as_str(), Some("MIT OR Apache-2.0"));
    for licence in ["LICENSE-MIT", "LICENSE-APACHE"] {
        let text = std::fs::read_to_string(root.join(licence)).unwrap();
        assert!(text.len() > 500, "{licence}");
    }
    let include: Vec<&str> = package["include"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for needed in [
        "/src/**/*.rs",
        "/build.rs",
        "/exercises/*.toml",
        "/lexicon/*.toml",
        "/LICENSE-MIT",
        "/LICENSE-APACHE",
        "/README.md",
    ] {
        assert!(include.contains(&needed), "{needed}");
    }
    assert!(
        include.iter().all(|i| !i.starts_with("/tests")),
        "{include:?}"
    );
    assert!(package["keywords"].as_array().unwrap().len() <= 5);
    assert!(readme().contains("cargo install --path ."));
}
