use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use corpuslint::registry::{self, RULES};
use corpuslint::render::{self, human::HumanOptions};
use corpuslint::settings::Settings;

mod cli;
mod progress_bar;

use cli::{
    BaselineArgs, CheckArgs, Cli, Color, Command, ConfigArgs, FixArgs, Format, ListFormat,
    MetaArgs, OutputArgs, SelectionArgs,
};
use corpuslint::baseline::{self, Baseline};
use corpuslint::config;
use corpuslint::error::Error;
use corpuslint::progress::{NoProgress, Progress};
use progress_bar::TerminalProgress;

const EXIT_FINDINGS: u8 = 1;
const EXIT_ERROR: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("corpuslint: error: {err}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

fn run(cli: Cli) -> io::Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let code = match cli.command {
        Command::Check(args) => check(args, &mut out)?,
        Command::Fix(args) => fix(args, &mut out)?,
        Command::Meta(args) => meta(args, &mut out)?,
        Command::Config(args) => show_config(&args, &mut out)?,
        Command::Baseline(args) => record_baseline(args, &mut out)?,
        Command::Rules { format } => {
            list_rules(format, &mut out)?;
            ExitCode::SUCCESS
        }
        Command::Explain { rule } => match registry::find(&rule) {
            Some(rule) => {
                writeln!(
                    out,
                    "{} {} ({}, {}, fix: {})\n\n{}\n\n{}",
                    rule.code,
                    rule.name,
                    rule.family,
                    rule.severity,
                    rule.fix.as_str(),
                    rule.summary,
                    rule.docs.trim_end()
                )?;
                ExitCode::SUCCESS
            }
            None => {
                let err = corpuslint::error::Error::UnknownRule(rule);
                eprintln!("corpuslint: error: {err}");
                ExitCode::from(EXIT_ERROR)
            }
        },
    };
    out.flush()?;
    Ok(code)
}

fn check(args: CheckArgs, out: &mut impl Write) -> io::Result<ExitCode> {
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
    let baseline = match args.baseline.as_deref().map(Baseline::load).transpose() {
        Ok(baseline) => baseline,
        Err(err) => {
            eprintln!("corpuslint: error: {err}");
            return Ok(ExitCode::from(EXIT_ERROR));
        }
    };
    let mut outcome = match with_progress_bar(args.verbosity, |progress| {
        corpuslint::check_with_progress(&settings, progress)
    }) {
        Ok(outcome) => outcome,
        Err(err) => return Ok(fail(&err)),
    };
    for error in &outcome.errors {
        eprintln!("corpuslint: error: {error}");
    }
    if outcome.corpus.is_empty() && outcome.errors.is_empty() {
        eprintln!(
            "corpuslint: warning: no files to check (folders are walked for files ending in .{}; `--extension` changes the list)",
            settings.extensions.join(", .")
        );
    }
    let note = match (&baseline, &args.baseline) {
        (Some(baseline), Some(path)) => {
            apply_baseline(baseline, path, &mut outcome, args.verbosity.verbose)
        }
        _ => String::new(),
    };
    let summary = (!args.verbosity.quiet).then(|| render::summary(&outcome) + &note);
    if args.statistics {
        write!(out, "{}", render::statistics(&outcome))?;
        if let Some(summary) = &summary {
            writeln!(out, "{summary}")?;
        }
    } else {
        render_findings(&args, &outcome, summary.as_deref(), out)?;
    }
    if args.verbosity.verbose {
        out.flush()?;
        for doc in &outcome.corpus.documents {
            eprintln!("read {}", doc.display);
        }
    }
    if args.timings || args.verbosity.verbose {
        out.flush()?;
        print_timings(&outcome, started);
    }
    Ok(if !outcome.errors.is_empty() {
        ExitCode::from(EXIT_ERROR)
    } else if outcome.fails(fail_on) {
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
    outcome: &mut corpuslint::Outcome,
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

/// Runs `run` with a progress bar on stderr when it is a terminal, unless `--quiet`.
fn with_progress_bar<T>(verbosity: OutputArgs, run: impl FnOnce(&dyn Progress) -> T) -> T {
    if verbosity.quiet || !io::stderr().is_terminal() {
        return run(&NoProgress);
    }
    let bar = TerminalProgress::start();
    let result = run(&bar);
    bar.finish();
    result
}

/// `--timings`: the wall time of each pass, then of rendering, on stderr.
fn print_timings(outcome: &corpuslint::Outcome, started: std::time::Instant) {
    let checked = outcome
        .timings
        .iter()
        .map(|(_, t)| *t)
        .sum::<std::time::Duration>();
    for (pass, time) in &outcome.timings {
        eprintln!("{pass:>24}: {:>9.3} s", time.as_secs_f64());
    }
    let render = started.elapsed().saturating_sub(checked);
    eprintln!("{:>24}: {:>9.3} s", "render", render.as_secs_f64());
    eprintln!(
        "{:>24}: {:>9.3} s",
        "total",
        started.elapsed().as_secs_f64()
    );
}

/// `corpuslint baseline`: records the findings of today in a baseline file.
fn record_baseline(args: BaselineArgs, out: &mut impl Write) -> io::Result<ExitCode> {
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
    for error in &outcome.errors {
        eprintln!("corpuslint: error: {error}");
    }
    if !outcome.errors.is_empty() {
        // A baseline without the findings of unread files would hide nothing of them today
        // and flag all of them as new tomorrow.
        eprintln!("corpuslint: error: no baseline written: fix the paths above or leave them out");
        return Ok(ExitCode::from(EXIT_ERROR));
    }
    let recorded = Baseline::from_outcome(&outcome, baseline::folder_of(&args.output));
    if let Err(err) = corpuslint::write::write_atomic(&args.output, recorded.to_json().as_bytes()) {
        eprintln!(
            "corpuslint: error: {}: cannot write the baseline: {err}",
            args.output.display()
        );
        return Ok(ExitCode::from(EXIT_ERROR));
    }
    if args.verbosity.verbose {
        for doc in &outcome.corpus.documents {
            eprintln!("read {}", doc.display);
        }
        print_timings(&outcome, started);
    }
    if !args.verbosity.quiet {
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        writeln!(
            out,
            "Wrote a baseline of {} in {} to {}.",
            plural(recorded.len(), "finding"),
            plural(outcome.checked_files(), "file"),
            args.output.display()
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

fn fix(args: FixArgs, out: &mut impl Write) -> io::Result<ExitCode> {
    use corpuslint::fixer::{self, FixOptions};
    use corpuslint::write;

    let settings = match selected_settings(args.paths, &args.selection) {
        Ok(settings) => settings,
        Err(err) => return Ok(fail(&err)),
    };
    let options = FixOptions {
        unsafe_fixes: args.unsafe_fixes,
    };
    // Held from reading to the last write, so that two runs never interleave.
    let _locks = match lock_targets(args.out.as_deref(), args.in_place, &settings.paths) {
        Ok(locks) => locks,
        Err(err) => {
            eprintln!("corpuslint: error: {err}");
            return Ok(ExitCode::from(EXIT_ERROR));
        }
    };
    let fixed = with_progress_bar(args.verbosity, |progress| {
        fixer::fix_with_progress(&settings, options, progress)
    });
    let outcome = match fixed {
        Ok(outcome) => outcome,
        Err(err) => return Ok(fail(&err)),
    };
    for error in &outcome.errors {
        eprintln!("corpuslint: error: {error}");
    }
    for refusal in &outcome.refused {
        eprintln!(
            "corpuslint: error: {}: {}; not fixed",
            outcome.corpus.get(refusal.id).display,
            refusal.reason
        );
    }
    let writes = args.out.is_some() || args.in_place;
    if writes && (!outcome.refused.is_empty() || !outcome.errors.is_empty()) {
        eprintln!("corpuslint: error: nothing written: fix the files above or leave them out");
        return Ok(ExitCode::from(EXIT_ERROR));
    }
    // Summaries go to stderr when stdout carries the diff; `--quiet` leaves them out.
    let quiet = args.verbosity.quiet;
    let report = |line: String, out: &mut dyn Write| -> io::Result<()> {
        if quiet {
            Ok(())
        } else if args.diff {
            eprintln!("{line}");
            Ok(())
        } else {
            writeln!(out, "{line}")
        }
    };
    let color = use_color(args.color);
    let mut changed = 0;
    for fixed in &outcome.documents {
        let path = &outcome.corpus.get(fixed.id).display;
        if fixed.changed {
            changed += 1;
        }
        report(format!("{path}: {}", fixed.summary()), out)?;
        if args.verbosity.verbose {
            for change in &fixed.changes {
                for line in change.before.lines().filter(|l| !l.trim().is_empty()) {
                    let what = if change.after.is_empty() { "-" } else { "~" };
                    report(format!("  {what} {} {}", change.rule.code, line), out)?;
                }
            }
        }
        if args.diff && fixed.changed {
            write!(out, "{}", write::diff(&outcome, fixed, color))?;
        }
    }
    let roots = &settings.paths;
    let written = if let Some(dir) = &args.out {
        write::write_out(&outcome, roots, dir)
    } else if args.in_place {
        write::write_in_place(&outcome, roots)
    } else {
        Ok(Vec::new())
    };
    match written {
        Ok(files) if writes => report(format!("Wrote {} files.", files.len()), out)?,
        Ok(_) => report(
            format!(
                "{changed} of {} files would change.",
                outcome.documents.len()
            ),
            out,
        )?,
        Err(err) => {
            eprintln!("corpuslint: error: writing failed: {err}");
            return Ok(ExitCode::from(EXIT_ERROR));
        }
    }
    Ok(
        if !outcome.errors.is_empty() || !outcome.refused.is_empty() {
            ExitCode::from(EXIT_ERROR)
        } else if args.check && changed > 0 {
            ExitCode::from(EXIT_FINDINGS)
        } else {
            ExitCode::SUCCESS
        },
    )
}

/// Locks the folders `fix` writes to: the `--out` folder (created if need be) or the
/// folders of `--in-place`.
fn lock_targets(
    out: Option<&std::path::Path>,
    in_place: bool,
    roots: &[std::path::PathBuf],
) -> Result<Option<corpuslint::write::FolderLocks>, String> {
    use corpuslint::write;
    let locks = match out {
        Some(out) => write::lock_out_folder(out),
        None if in_place => {
            let folders: Vec<_> = write::in_place_folders(roots)
                .into_iter()
                .filter(|folder| folder.is_dir())
                .collect();
            write::lock_folders(&folders)
        }
        None => return Ok(None),
    };
    locks.map(Some).map_err(|err| err.to_string())
}

fn meta(args: MetaArgs, out: &mut impl Write) -> io::Result<ExitCode> {
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
    let outcome = match corpuslint::meta(&settings) {
        Ok(outcome) => outcome,
        Err(err) => return Ok(fail(&err)),
    };
    for error in &outcome.errors {
        eprintln!("corpuslint: error: {error}");
    }
    match args.format {
        ListFormat::Human => render::meta::render_table(&outcome, out)?,
        ListFormat::Json => render::meta::render_json(&outcome, out)?,
    }
    Ok(if outcome.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_ERROR)
    })
}

/// The settings of the configuration file in effect, if any, for `paths`.
fn base_settings(paths: Vec<std::path::PathBuf>, args: &ConfigArgs) -> Result<Settings, Error> {
    let mut settings = Settings {
        paths,
        ..Settings::default()
    };
    if let Some(path) = config_path(args) {
        let config = config::load(&path).map_err(Error::Config)?;
        settings.apply_config(&config, &path)?;
    }
    Ok(settings)
}

/// `--config FILE`, else the nearest corpuslint.toml from the current folder up, unless
/// `--isolated`.
fn config_path(args: &ConfigArgs) -> Option<std::path::PathBuf> {
    if args.isolated {
        return None;
    }
    args.config.clone().or_else(|| {
        let here = std::env::current_dir().ok()?;
        let found = config::find(&here)?;
        // Shown relative to the current folder when it is in it.
        Some(
            found
                .strip_prefix(&here)
                .map(|p| p.to_path_buf())
                .unwrap_or(found),
        )
    })
}

/// The settings of the configuration file, with the command-line flags over them.
fn selected_settings(
    paths: Vec<std::path::PathBuf>,
    args: &SelectionArgs,
) -> Result<Settings, Error> {
    let mut settings = base_settings(paths, &args.config)?;
    if let Some(select) = &args.select {
        settings.select = select.clone();
    }
    if let Some(ignore) = &args.ignore {
        settings.ignore = ignore.clone();
    }
    if let Some(extensions) = &args.extensions {
        settings.extensions = extensions.clone();
    }
    settings.exclude.extend(args.exclude.iter().cloned());
    if args.no_ignore {
        settings.respect_ignore_files = false;
    }
    apply_context(&mut settings, args)?;
    Ok(settings)
}

/// The corpus root (`--root`, else the folder of the configuration file in effect), the
/// cache in it, and the files of `--changed-since`.
fn apply_context(settings: &mut Settings, args: &SelectionArgs) -> Result<(), Error> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let root = match &args.context.root {
        Some(root) if !root.is_dir() => {
            return Err(Error::Root(format!("{}: not a folder", root.display())));
        }
        Some(root) => Some(root.clone()),
        None => config_path(&args.config).map(|config| match config.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
            _ => std::path::PathBuf::from("."),
        }),
    };
    if let Some(rev) = &args.context.changed_since {
        settings.paths = corpuslint::changed::changed_since(rev)?
            .into_iter()
            .filter(|path| {
                path.is_file() && corpuslint::corpus::has_extension(path, &settings.extensions)
            })
            .collect();
    }
    if !args.context.no_context {
        settings.root = root.map(|root| corpuslint::scope::relative_root(&cwd, &root));
        settings.cache = !args.context.no_cache;
    }
    Ok(())
}

/// Prints an error that stops the run (with the place in the file, for configuration
/// errors) and gives the exit status for it.
fn fail(err: &Error) -> ExitCode {
    match err {
        Error::Config(diagnostic) => {
            let mut rendered = String::new();
            let handler = miette::GraphicalReportHandler::new_themed(
                miette::GraphicalTheme::unicode_nocolor(),
            );
            if handler
                .render_report(&mut rendered, diagnostic.as_ref())
                .is_ok()
            {
                eprint!("{rendered}");
            } else {
                eprintln!("corpuslint: error: {err}");
            }
        }
        _ => eprintln!("corpuslint: error: {err}"),
    }
    ExitCode::from(EXIT_ERROR)
}

fn show_config(args: &ConfigArgs, out: &mut impl Write) -> io::Result<ExitCode> {
    let (path, config) = match config_path(args) {
        Some(path) => match config::load(&path) {
            Ok(config) => (Some(path), config),
            Err(err) => return Ok(fail(&Error::Config(err))),
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

/// Writes the findings in the chosen format; `summary`, when given, ends the human and
/// short formats.
fn render_findings(
    args: &CheckArgs,
    outcome: &corpuslint::Outcome,
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
            render::human::render(outcome, options, out)?;
            summary_line(out)
        }
        Format::Short => {
            render::short::render(outcome, out)?;
            summary_line(out)
        }
        Format::Json => render::json::render(outcome, out),
        Format::Jsonl => render::json::render_lines(outcome, out),
        Format::Github => render::github::render(outcome, out),
        Format::Sarif => render::sarif::render(outcome, out),
    }
}

fn list_rules(format: ListFormat, out: &mut impl Write) -> io::Result<()> {
    match format {
        ListFormat::Human => {
            writeln!(
                out,
                "{:<6} {:<24} {:<10} {:<8} {:<9} summary",
                "code", "name", "family", "severity", "fix"
            )?;
            for rule in RULES {
                writeln!(
                    out,
                    "{:<6} {:<24} {:<10} {:<8} {:<9} {}",
                    rule.code,
                    rule.name,
                    rule.family,
                    rule.severity,
                    rule.fix.as_str(),
                    rule.summary
                )?;
            }
        }
        ListFormat::Json => {
            let rules: Vec<_> = RULES
                .iter()
                .map(|rule| {
                    serde_json::json!({
                        "code": rule.code,
                        "name": rule.name,
                        "family": rule.family,
                        "severity": rule.severity,
                        "fix": rule.fix.as_str(),
                        "summary": rule.summary,
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &rules).map_err(io::Error::from)?;
            writeln!(out)?;
        }
    }
    Ok(())
}

/// Colour only on a terminal, never when `NO_COLOR` is set (https://no-color.org).
fn use_color(choice: Color) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// Messages wrap to the terminal's width, or to 100 columns when not on a terminal.
fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|&w: &usize| w >= 40)
        .unwrap_or(100)
}
