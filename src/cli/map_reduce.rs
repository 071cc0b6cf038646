//! `corpuslint map` and `corpuslint reduce`: a check in parts (see the library's `shard`).

use std::fs::File;
use std::io::{self, BufReader, Write};
use std::process::ExitCode;
use std::sync::Arc;

use corpuslint::shard::Whole;

use crate::cli::args::{MapArgs, ReduceArgs};
use crate::cli::exit::{EXIT_ERROR, fail};
use crate::cli::settings::selected_settings;
use crate::cli::terminal::print_file_errors;

pub fn map(args: MapArgs, out: &mut impl Write) -> io::Result<ExitCode> {
    let settings = match selected_settings(args.paths, &args.selection) {
        Ok(settings) => settings,
        Err(err) => return Ok(fail(&err)),
    };
    let (records, errors) = match corpuslint::map(&settings) {
        Ok(mapped) => mapped,
        Err(err) => return Ok(fail(&err)),
    };
    for record in &records {
        serde_json::to_writer(&mut *out, record)?;
        out.write_all(b"\n")?;
    }
    print_file_errors(&errors);
    Ok(if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_ERROR)
    })
}

pub fn reduce(args: ReduceArgs, out: &mut impl Write) -> io::Result<ExitCode> {
    let mut whole = None;
    for path in &args.corpus {
        let read = File::open(path)
            .map_err(|err| err.to_string())
            .and_then(|file| {
                whole
                    .get_or_insert_with(Whole::default)
                    .read_more(BufReader::new(file))
            });
        if let Err(err) = read {
            eprintln!("corpuslint: error: {}: {err}", path.display());
            return Ok(ExitCode::from(EXIT_ERROR));
        }
    }
    let part = corpuslint::Part {
        rules: args.rules.scope(),
        whole: whole.map(Arc::new),
    };
    crate::cli::check::check_part(args.check, &part, args.sarif.as_deref(), out)
}
