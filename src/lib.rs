//! two-worlds: a private, full-screen exercise in seeing one conflict from two sides.
//!
//! The binary (`src/main.rs`) is a thin layer over these modules so that tests
//! can reach every part of the program.

pub mod app;
pub mod calm;
pub mod care;
pub mod cli;
pub mod config;
pub mod editor;
pub mod exchange;
pub mod exercise;
pub mod export;
pub mod files;
pub mod format;
pub mod handoff;
pub mod journal;
pub mod keymap;
pub mod observe;
pub mod paths;
pub mod prompts;
pub mod safe;
pub mod state;
pub mod step;
pub mod text;
pub mod text_position;
pub mod time;
pub mod translation;
pub mod tui;
pub mod ui;
pub mod vault;
pub mod wording;
