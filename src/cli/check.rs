//! `corpuslint check`: lint files and folders.

use std::io::{self, Write};
use std::process::ExitCode;

use corpuslint::engine::Outcome;
use corpuslint::load::jsonl;
use corpuslint::output::baseline::{self, Baseline};
use corpuslint::output::{self, human::HumanOptions};
use corpuslint::stream;

use crate::cli::args::{CheckArgs, Format};
use crate::cli::baseline::load_baseline;
use crate::cli::exit::{EXIT_ERROR, EXIT_FINDINGS, drop_in_background, fail};
use crate::cli::report::Page;
use crate::cli::settings::selected_settings;
use crate::cli::terminal::{
    print_file_errors, print_timings, report_reading, terminal_width, use_color, with_progress_bar,
};

pub fn check(args: CheckArgs, out: &mut impl Write) -> io::Result<ExitCode> {
    check_part(args, &corpuslint::Part::default(), None, out)
}

/// `check` of a part of a corpus (`corpuslint reduce`), writing the findings as SARIF to
/// `sarif` too when given.
pub fn check_part(
    args: CheckArgs,
    part: &corpuslint::Part,
    sarif: Option<&std::path::Path>,
    out: &mut impl Write,
) -> io::Result<ExitCode> {
    let started = std::time::Instant::now();
    let mut settings = match selected_settings(args.paths.clone(), &args.selection) {
        Ok(settings) => settings,
        Err(err) => return Ok(fail(&err)),
    };
    if let Some(fail_on) = args.fail_on {
        settings.fail_on = fail_on.severity();
    }
    let fail_on = settings.fail_on;
    // A baseline that cannot be used stops the run before any file is read.
    let baseline = match load_baseline(args.baseline.as_deref()) {
        Ok(baseline) => baseline,
        Err(code) => return Ok(code),
    };
    let resolved = match settings.resolve() {
        Ok(resolved) => resolved,
        Err(err) => return Ok(fail(&err)),
    };
    // Shards checked with per-document rules only are read a batch of records at a time.
    let streamable = sarif.is_none()
        && part.whole.is_none()
        && part.rules == corpuslint::RuleScope::All
        && !args.statistics
        && !args.timings
        && !args.verbosity.verbose
        && args.baseline.is_none()
        && args.report.is_none()
        && matches!(
            args.format,
            Format::Human | Format::Short | Format::Jsonl | Format::Github
        );
    if streamable {
        match corpuslint::stream::plan(&resolved) {
            Err(err) => return Ok(fail(&err)),
            Ok(Some((shards, errors))) => {
                return check_in_batches(&args, &resolved, &shards, &errors, out);
            }
            Ok(None) => {}
        }
    }
    let run = with_progress_bar(args.verbosity, |progress| {
        corpuslint::check_part(&resolved, part, args.report.is_some(), progress)
    });
    let (mut outcome, metadata) = match run {
        Ok(run) => run,
        Err(err) => return Ok(fail(&err)),
    };
    report_reading(&outcome.errors, outcome.corpus.len(), &settings.extensions);
    // The report counts every finding, the baseline's too: it compares them.
    if let Some(path) = &args.report {
        let page = Page {
            path,
            paths: &args.paths,
            compared: args.baseline.as_deref().zip(baseline.as_ref()),
        };
        let writing = std::time::Instant::now();
        let written = page.write(&outcome, &metadata, &resolved);
        outcome.timings.push(("health report", writing.elapsed()));
        match written {
            Ok(written) if args.verbosity.verbose => eprintln!("{written}"),
            Ok(_) => {}
            Err(code) => return Ok(code),
        }
    }
    let note = match (&baseline, &args.baseline) {
        (Some(baseline), Some(path)) => {
            apply_baseline(baseline, path, &mut outcome, args.verbosity.verbose)
        }
        _ => String::new(),
    };
    let summary = (!args.verbosity.quiet).then(|| {
        let mut summary = output::summary(&outcome) + &note;
        if let Some(fixable) = output::fixable(&outcome) {
            summary.push('\n');
            summary.push_str(&fixable);
        }
        summary
    });
    if args.statistics {
        write!(out, "{}", output::statistics(&outcome))?;
        if let Some(summary) = &summary {
            writeln!(out, "{summary}")?;
        }
    } else {
        render_findings(&args, &outcome, summary.as_deref(), out)?;
    }
    if let Some(path) = sarif {
        let mut file = io::BufWriter::new(std::fs::File::create(path)?);
        output::sarif::render(&outcome, &mut file)?;
        file.flush()?;
    }
    if args.verbosity.verbose {
        out.flush()?;
        for doc in &outcome.corpus.documents {
            eprintln!("read {}", doc.display());
        }
    }
    if args.timings || args.verbosity.verbose {
        out.flush()?;
        print_timings(&outcome.timings, "render", started);
    }
    let code = if !outcome.errors.is_empty() {
        ExitCode::from(EXIT_ERROR)
    } else if outcome.fails(fail_on) {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    };
    drop_in_background(outcome);
    Ok(code)
}

/// `check` of JSON Lines shards with per-document rules only: each batch of records is
/// checked and its findings written before the next is read. `errors`: paths that could
/// not be walked.
fn check_in_batches(
    args: &CheckArgs,
    resolved: &corpuslint::settings::resolve::Resolved,
    shards: &[std::path::PathBuf],
    errors: &[corpuslint::error::FileError],
    out: &mut impl Write,
) -> io::Result<ExitCode> {
    print_file_errors(errors);
    let batch_size = (jsonl::BATCH_RECORDS, jsonl::BATCH_BYTES);
    let totals = stream::check_in_batches(resolved, shards, batch_size, &mut |outcome| {
        print_file_errors(&outcome.errors);
        render_findings(args, outcome, None, out)
    })?;
    let unreadable = totals.errors + errors.len();
    if !args.verbosity.quiet && matches!(args.format, Format::Human | Format::Short) {
        writeln!(
            out,
            "{}",
            output::summary_of(totals.files, totals.counts, unreadable)
        )?;
        if let Some(fixable) = output::fixable_of(totals.fixes.0, totals.fixes.1) {
            writeln!(out, "{fixable}")?;
        }
    }
    Ok(if unreadable > 0 {
        ExitCode::from(EXIT_ERROR)
    } else if totals.fails {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    })
}

/// Leaves out the findings the baseline at `path` knows; gives the note that ends the
/// summary line.
fn apply_baseline(
    baseline: &Baseline,
    path: &std::path::Path,
    outcome: &mut Outcome,
    verbose: bool,
) -> String {
    let suppressed = baseline.suppress(outcome, baseline::folder_of(path));
    if verbose && suppressed.stale > 0 {
        let (findings, are) = match suppressed.stale {
            1 => ("finding", "is"),
            _ => ("findings", "are"),
        };
        eprintln!(
            "corpuslint: {} {findings} of {} {are} no longer found; `corpuslint baseline` records the corpus as it is now",
            suppressed.stale,
            path.display()
        );
    }
    format!(" {}", baseline::summary_note(&suppressed))
}

/// Writes the findings in the chosen format; `summary`, when given, ends the human and
/// short formats.
fn render_findings(
    args: &CheckArgs,
    outcome: &Outcome,
    summary: Option<&str>,
    out: &mut impl Write,
) -> io::Result<()> {
    let summary_line = |out: &mut dyn Write| match summary {
        Some(summary) => writeln!(out, "{summary}"),
        None => Ok(()),
    };
    match args.format {
        Format::Human => {
            let options = HumanOptions {
                color: use_color(args.color),
                width: terminal_width(),
            };
            output::human::render(outcome, options, out)?;
            summary_line(out)
        }
        Format::Short => {
            output::short::render(outcome, out)?;
            summary_line(out)
        }
        Format::Json => output::json::render(outcome, out),
        Format::Jsonl => output::json::render_lines(outcome, out),
        Format::Github => output::github::render(outcome, out),
        Format::Sarif => output::sarif::render(outcome, out),
    }
}
