//! `corpuslint meta`: the resolved title, author, date and source of each document.

use std::io::{self, Write};
use std::process::ExitCode;

use corpuslint::output;

use crate::cli::args::{ListFormat, MetaArgs};
use crate::cli::exit::{EXIT_ERROR, fail};
use crate::cli::settings::base_settings;
use crate::cli::terminal::print_file_errors;

pub fn meta(args: MetaArgs, out: &mut impl Write) -> io::Result<ExitCode> {
    let mut settings = match base_settings(args.paths, &args.config) {
        Ok(settings) => settings,
        Err(err) => return Ok(fail(&err)),
    };
    if let Some(extensions) = args.extensions {
        settings.extensions = extensions;
    }
    if args.no_ignore {
        settings.respect_ignore_files = false;
    }
    if let Some(format) = args.input_format {
        settings.input_format = format.format();
    }
    let outcome = match corpuslint::meta(&settings) {
        Ok(outcome) => outcome,
        Err(err) => return Ok(fail(&err)),
    };
    print_file_errors(&outcome.errors);
    match args.format {
        ListFormat::Human => output::meta::render_table(&outcome, out)?,
        ListFormat::Json => output::meta::render_json(&outcome, out)?,
    }
    Ok(if outcome.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_ERROR)
    })
}
