//! Privacy by construction: no network code, in our source or in what we depend on.

use std::path::Path;
use std::process::Command;

/// Crates whose job is talking over a network.
const NETWORK_CRATES: &[&str] = &[
    "reqwest",
    "hyper",
    "ureq",
    "curl",
    "curl-sys",
    "isahc",
    "surf",
    "attohttpc",
    "h2",
    "h3",
    "quinn",
    "rustls",
    "native-tls",
    "openssl",
    "openssl-sys",
    "tungstenite",
    "websocket",
    "tokio",
    "async-std",
    "smol",
    "socket2",
    "trust-dns-resolver",
    "hickory-resolver",
];

#[test]
fn no_network_crate_is_in_the_dependency_tree() {
    let output = Command::new(env!("CARGO"))
        .args([
            "tree",
            "--edges",
            "normal,build",
            "--prefix",
            "none",
            "--offline",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let tree = String::from_utf8(output.stdout).unwrap();
    let names: Vec<&str> = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(names.contains(&"ratatui"), "the tree was read: {names:?}");
    for name in NETWORK_CRATES {
        assert!(!names.contains(name), "{name} is in the dependency tree");
    }
}

#[test]
fn our_source_never_opens_a_socket() {
    let mut pending = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    let mut files = 0;
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            files += 1;
            let text = std::fs::read_to_string(&path).unwrap();
            for word in [
                "std::net",
                "TcpStream",
                "UdpSocket",
                "TcpListener",
                "UnixStream",
            ] {
                assert!(!text.contains(word), "{} uses {word}", path.display());
            }
        }
    }
    assert!(files > 5);
}
