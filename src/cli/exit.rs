//! Exit statuses, and errors that stop a run.

use std::process::ExitCode;

use corpuslint::error::Error;

/// Findings at or above the failing severity.
pub const EXIT_FINDINGS: u8 = 1;
/// A usage, configuration or I/O error.
pub const EXIT_ERROR: u8 = 2;

/// Prints an error that stops the run (with the place in the file, for configuration
/// errors) and gives the exit status for it.
pub fn fail(err: &Error) -> ExitCode {
    match err {
        Error::Configuration(diagnostic) => {
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
