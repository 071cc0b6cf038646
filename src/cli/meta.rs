//! `corpuslint meta`: the resolved title, author, date and source of each document.

use std::io::{self, Write};
use std::process::ExitCode;

use corpuslint::error::FileError;
use corpuslint::load::jsonl;
use corpuslint::output;
use corpuslint::settings::resolve::Resolved;
use corpuslint::stream;

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
    let resolved = match settings.resolve() {
        Ok(resolved) => resolved,
        Err(err) => return Ok(fail(&err)),
    };
    match stream::meta::plan(&resolved) {
        Ok(Some((shards, errors))) => {
            return meta_in_batches(args.format, &resolved, &shards, errors, out);
        }
        Ok(None) => {}
        Err(err) => return Ok(fail(&err)),
    }
    let outcome = match corpuslint::meta_resolved(&resolved) {
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

/// `meta` of JSON Lines shards: each batch of records is resolved and written before the
/// next is read. `errors`: paths that could not be walked.
fn meta_in_batches(
    format: ListFormat,
    settings: &Resolved,
    shards: &[std::path::PathBuf],
    mut errors: Vec<FileError>,
    out: &mut impl Write,
) -> io::Result<ExitCode> {
    let batch_size = (jsonl::BATCH_RECORDS, jsonl::BATCH_BYTES);
    let mut read_errors = Vec::new();
    let mut batches = |sink: &mut dyn FnMut(&_) -> io::Result<()>| {
        read_errors = stream::meta::meta_in_batches(settings, shards, batch_size, sink)?;
        Ok(())
    };
    match format {
        ListFormat::Human => batches(&mut |outcome| output::meta::render_table(outcome, out))?,
        ListFormat::Json => output::meta::render_json_batches(&mut batches, out)?,
    }
    errors.append(&mut read_errors);
    print_file_errors(&errors);
    Ok(if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_ERROR)
    })
}
