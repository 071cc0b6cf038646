//! The binary's commands, one file each, over the library; `args` is the command line.

pub mod allocator;
pub mod args;
pub mod baseline;
pub mod check;
pub mod config;
pub mod exit;
pub mod fix;
pub mod map_reduce;
pub mod meta;
pub mod progress_bar;
pub mod report;
pub mod rules;
pub mod settings;
pub mod terminal;
