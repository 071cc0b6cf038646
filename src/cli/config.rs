//! `corpuslint config`: the configuration in effect.

use std::io::{self, Write};
use std::process::ExitCode;

use corpuslint::error::Error;
use corpuslint::settings::config;

use crate::cli::args::ConfigArgs;
use crate::cli::exit::fail;
use crate::cli::settings::config_path;

pub fn show_config(args: &ConfigArgs, out: &mut impl Write) -> io::Result<ExitCode> {
    let (path, config) = match config_path(args) {
        Some(path) => match config::load(&path) {
            Ok(config) => (Some(path), config),
            Err(err) => return Ok(fail(&Error::Configuration(err))),
        },
        None => (None, config::Config::default()),
    };
    match &path {
        Some(path) => writeln!(out, "# configuration: {}", path.display())?,
        None => writeln!(out, "# no configuration file: defaults")?,
    }
    let text = toml::to_string_pretty(&config).map_err(io::Error::other)?;
    write!(out, "{text}")?;
    Ok(ExitCode::SUCCESS)
}
