//! `corpuslint report` and `check --report`: the corpus health report, one HTML page.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use corpuslint::engine::Outcome;
use corpuslint::output::baseline::Baseline;
use corpuslint::provenance::Metadata;
use corpuslint::report;
use corpuslint::settings::resolve::Resolved;

use crate::cli::args::ReportArgs;
use crate::cli::baseline::load_baseline;
use crate::cli::exit::{EXIT_ERROR, fail};
use crate::cli::settings::selected_settings;
use crate::cli::terminal::{report_reading, with_progress_bar};

pub fn report(args: ReportArgs, out: &mut impl Write) -> io::Result<ExitCode> {
    let settings = match selected_settings(args.paths.clone(), &args.selection) {
        Ok(settings) => settings,
        Err(err) => return Ok(fail(&err)),
    };
    let baseline = match load_baseline(args.baseline.as_deref()) {
        Ok(baseline) => baseline,
        Err(code) => return Ok(code),
    };
    let resolved = match settings.resolve() {
        Ok(resolved) => resolved,
        Err(err) => return Ok(fail(&err)),
    };
    let (outcome, metadata) = match with_progress_bar(args.verbosity, |progress| {
        corpuslint::check_part(&resolved, &corpuslint::Part::default(), true, progress)
    }) {
        Ok(run) => run,
        Err(err) => return Ok(fail(&err)),
    };
    report_reading(&outcome.errors, outcome.corpus.len(), &settings.extensions);
    let compared = args.baseline.as_deref().zip(baseline.as_ref());
    let page = Page {
        path: &args.html,
        paths: &args.paths,
        compared,
    };
    let written = match page.write(&outcome, &metadata, &resolved) {
        Ok(written) => written,
        Err(code) => return Ok(code),
    };
    if !args.verbosity.quiet {
        writeln!(out, "{}", written)?;
    }
    Ok(if outcome.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_ERROR)
    })
}

/// Where a report goes and what it is compared with.
pub struct Page<'a> {
    pub path: &'a Path,
    /// The paths named on the command line.
    pub paths: &'a [PathBuf],
    /// A baseline file and what it records.
    pub compared: Option<(&'a Path, &'a Baseline)>,
}

impl Page<'_> {
    /// Writes the page of `outcome`; gives the line that says so, or the exit status of
    /// a file that cannot be written (the error printed).
    pub fn write(
        &self,
        outcome: &Outcome,
        metadata: &[Metadata],
        settings: &Resolved,
    ) -> Result<String, ExitCode> {
        let scope = self
            .paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(" ");
        let baseline = self.compared.map(|(path, baseline)| {
            let counts = baseline
                .counts_by_code()
                .into_iter()
                .map(|(code, n)| (code.to_string(), n))
                .collect();
            (path.display().to_string(), counts)
        });
        let options = report::Options {
            scope,
            baseline,
            max_findings: None,
        };
        let years = report::years(metadata, &settings.data.metadata);
        let html = report::render(outcome, metadata, &years, &options);
        match corpuslint::atomic::write_atomic(self.path, html.as_bytes()) {
            Ok(()) => Ok(format!(
                "Wrote the report to {} ({} kB).",
                self.path.display(),
                html.len().div_ceil(1000)
            )),
            Err(err) => {
                eprintln!(
                    "corpuslint: error: cannot write the report to {}: {err}",
                    self.path.display()
                );
                Err(ExitCode::from(EXIT_ERROR))
            }
        }
    }
}
