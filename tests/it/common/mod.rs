//! What the test modules share.

pub mod bicycle;
pub mod cli;
pub mod pty;
