//! What the test modules share.

pub mod app;
pub mod bicycle;
pub mod cli;
pub mod pty;
pub mod sandbox;

use std::os::unix::fs::PermissionsExt as _;
use std::path::Path;

/// The compiled program under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_two-worlds");

/// The permission bits of a file or folder, such as `0o600`.
pub fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|err| panic!("{}: {err}", path.display()))
        .permissions()
        .mode()
        & 0o777
}
