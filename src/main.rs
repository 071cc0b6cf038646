//! The `corpuslint` command: parses the arguments and runs one command of `cli`.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

pub mod cli;

use cli::args::{Cli, Command};
use cli::exit::EXIT_ERROR;
use cli::{baseline, check, config, fix, map_reduce, meta, report, rules};

fn main() -> ExitCode {
    main_with(std::env::args_os())
}

/// Runs the command line `args`, the program's name first: the `corpuslint` command of
/// the Python package calls it through its native module.
pub fn main_with<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    cli::allocator::tune();
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => {
            // As `Cli::parse` would, without ending the process: help and usage errors.
            let _ = err.print();
            return ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(EXIT_ERROR));
        }
    };
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
        Command::Check(args) => check::check(args, &mut out)?,
        Command::Fix(args) => fix::fix(args, &mut out)?,
        Command::Meta(args) => meta::meta(args, &mut out)?,
        Command::Config(args) => config::show_config(&args, &mut out)?,
        Command::Baseline(args) => baseline::record_baseline(args, &mut out)?,
        Command::Rules { format } => {
            rules::list_rules(format, &mut out)?;
            ExitCode::SUCCESS
        }
        Command::Report(args) => report::report(args, &mut out)?,
        Command::Map(args) => map_reduce::map(args, &mut out)?,
        Command::Reduce(args) => map_reduce::reduce(args, &mut out)?,
        Command::Explain { rule } => rules::explain(&rule, &mut out)?,
    };
    out.flush()?;
    Ok(code)
}
