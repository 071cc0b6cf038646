//! `corpuslint baseline`: record today's findings, for `check --baseline`.

use std::io::{self, Write};
use std::process::ExitCode;

use corpuslint::output::baseline::{self, Baseline};
use corpuslint::text::count;

use crate::cli::args::BaselineArgs;
use crate::cli::exit::{EXIT_ERROR, fail};
use crate::cli::settings::selected_settings;
use crate::cli::terminal::{print_file_errors, print_timings, with_progress_bar};

/// `corpuslint baseline`: records the findings of today in a baseline file.
pub fn record_baseline(args: BaselineArgs, out: &mut impl Write) -> io::Result<ExitCode> {
    let started = std::time::Instant::now();
    let settings = match selected_settings(args.paths, &args.selection) {
        Ok(settings) => settings,
        Err(err) => return Ok(fail(&err)),
    };
    let outcome = match with_progress_bar(args.verbosity, |progress| {
        corpuslint::check_with_progress(&settings, progress)
    }) {
        Ok(outcome) => outcome,
        Err(err) => return Ok(fail(&err)),
    };
    print_file_errors(&outcome.errors);
    if !outcome.errors.is_empty() {
        // A baseline without the findings of unread files would hide nothing of them today
        // and flag all of them as new tomorrow.
        eprintln!("corpuslint: error: no baseline written: fix the paths above or leave them out");
        return Ok(ExitCode::from(EXIT_ERROR));
    }
    let recorded = Baseline::from_outcome(&outcome, baseline::folder_of(&args.output));
    if let Err(err) = corpuslint::atomic::write_atomic(&args.output, recorded.to_json().as_bytes())
    {
        eprintln!(
            "corpuslint: error: {}: cannot write the baseline: {err}",
            args.output.display()
        );
        return Ok(ExitCode::from(EXIT_ERROR));
    }
    if args.verbosity.verbose {
        for doc in &outcome.corpus.documents {
            eprintln!("read {}", doc.display());
        }
        print_timings(&outcome.timings, "render", started);
    }
    if !args.verbosity.quiet {
        writeln!(
            out,
            "Wrote a baseline of {} in {} to {}.",
            count(recorded.len(), "finding"),
            count(outcome.checked_files(), "file"),
            args.output.display()
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The baseline at `path`, if one is given; a baseline that cannot be used is an error
/// (exit status 2), told before any file is read.
pub fn load_baseline(path: Option<&std::path::Path>) -> Result<Option<Baseline>, ExitCode> {
    path.map(Baseline::load).transpose().map_err(|err| {
        eprintln!("corpuslint: error: {err}");
        ExitCode::from(EXIT_ERROR)
    })
}
