//! The `corpuslint` command: parses the arguments and runs one command of `cli`.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

mod cli;

use cli::args::{Cli, Command};
use cli::exit::EXIT_ERROR;
use cli::{baseline, check, config, fix, map_reduce, meta, rules};

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
        Command::Check(args) => check::check(args, &mut out)?,
        Command::Fix(args) => fix::fix(args, &mut out)?,
        Command::Meta(args) => meta::meta(args, &mut out)?,
        Command::Config(args) => config::show_config(&args, &mut out)?,
        Command::Baseline(args) => baseline::record_baseline(args, &mut out)?,
        Command::Rules { format } => {
            rules::list_rules(format, &mut out)?;
            ExitCode::SUCCESS
        }
        Command::Map(args) => map_reduce::map(args, &mut out)?,
        Command::Reduce(args) => map_reduce::reduce(args, &mut out)?,
        Command::Explain { rule } => rules::explain(&rule, &mut out)?,
    };
    out.flush()?;
    Ok(code)
}
