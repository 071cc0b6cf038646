//! What the binary shows on a terminal: the progress bar, colours, the width messages
//! wrap to, and `--timings`.

use std::io::{self, IsTerminal};
use std::time::Duration;

use corpuslint::discover::describe_extensions;
use corpuslint::error::FileError;
use corpuslint::progress::{NoProgress, Progress};

use crate::cli::args::{Color, OutputArgs};
use crate::cli::progress_bar::TerminalProgress;

/// Runs `run` with a progress bar on stderr when it is a terminal, unless `--quiet`.
pub fn with_progress_bar<T>(verbosity: OutputArgs, run: impl FnOnce(&dyn Progress) -> T) -> T {
    if !shows_progress_bar(verbosity.quiet, io::stderr().is_terminal()) {
        return run(&NoProgress);
    }
    let bar = TerminalProgress::start();
    let result = run(&bar);
    bar.finish();
    result
}

/// Whether a run may show a progress bar: only on a terminal, and never with `--quiet`,
/// so that piped output and logs stay clean.
fn shows_progress_bar(quiet: bool, stderr_is_terminal: bool) -> bool {
    stderr_is_terminal && !quiet
}

/// `--timings`: the wall time of each pass, then of what the command did after them
/// (`rest`: rendering, writing), and the total, on stderr.
pub fn print_timings(passes: &[(&'static str, Duration)], rest: &str, started: std::time::Instant) {
    let timed = passes.iter().map(|(_, t)| *t).sum::<Duration>();
    for (pass, time) in passes {
        eprintln!("{pass:>24}: {:>9.3} s", time.as_secs_f64());
    }
    let rest_time = started.elapsed().saturating_sub(timed);
    eprintln!("{rest:>24}: {:>9.3} s", rest_time.as_secs_f64());
    eprintln!(
        "{:>24}: {:>9.3} s",
        "total",
        started.elapsed().as_secs_f64()
    );
}

/// Colour only on a terminal, never when `NO_COLOR` is set (https://no-color.org).
pub fn use_color(choice: Color) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// Messages wrap to the terminal's width, or to 100 columns when not on a terminal.
pub fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|&w: &usize| w >= 40)
        .unwrap_or(100)
}

/// The files and folders a run could not read, one error line each.
pub fn print_file_errors(errors: &[FileError]) {
    for error in errors {
        eprintln!("corpuslint: error: {error}");
    }
}

/// What went wrong with reading: the files that could not be read, or, when nothing was
/// read and nothing failed, what the run looked for: a gate pointed at the wrong folder
/// must not pass unnoticed.
pub fn report_reading(errors: &[FileError], documents_read: usize, extensions: &[String]) {
    print_file_errors(errors);
    if documents_read == 0 && errors.is_empty() {
        eprintln!(
            "corpuslint: warning: no files to check (folders are walked for {}; `--extension` changes the list, `--extension \"\"` takes files without one)",
            describe_extensions(extensions)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_progress_bar_only_on_a_terminal_and_never_when_quiet() {
        assert!(shows_progress_bar(false, true));
        assert!(!shows_progress_bar(false, false));
        assert!(!shows_progress_bar(true, true));
        assert!(!shows_progress_bar(true, false));
    }
}
