//! `corpuslint fix`: clean the documents, to `--out DIR`, `--in-place`, a `--diff` or a
//! `--check`.

use std::io::{self, Write};
use std::process::ExitCode;

use crate::cli::args::FixArgs;
use crate::cli::exit::{EXIT_ERROR, EXIT_FINDINGS, fail};
use crate::cli::settings::selected_settings;
use crate::cli::terminal::{report_reading, use_color, with_progress_bar};
use corpuslint::text::count;

pub fn fix(args: FixArgs, out: &mut impl Write) -> io::Result<ExitCode> {
    use corpuslint::fix::write;
    use corpuslint::fix::{self, FixOptions};

    let settings = match selected_settings(args.paths, &args.selection) {
        Ok(settings) => settings,
        Err(err) => return Ok(fail(&err)),
    };
    let options = FixOptions {
        unsafe_fixes: args.unsafe_fixes,
    };
    // Before anything is read or the folder is made: copies written over the inputs
    // would replace the originals.
    if let Some(conflict) = args
        .out
        .as_deref()
        .and_then(|dir| write::out_folder_conflict(dir, &settings.paths))
    {
        eprintln!("corpuslint: error: {conflict}");
        return Ok(ExitCode::from(EXIT_ERROR));
    }
    // Held from reading to the last write, so that two runs never interleave.
    let _locks = match lock_targets(args.out.as_deref(), args.in_place, &settings.paths) {
        Ok(locks) => locks,
        Err(err) => {
            eprintln!("corpuslint: error: {err}");
            return Ok(ExitCode::from(EXIT_ERROR));
        }
    };
    let fixed = with_progress_bar(args.verbosity, |progress| {
        fix::fix_with_progress(&settings, options, progress)
    });
    let outcome = match fixed {
        Ok(outcome) => outcome,
        Err(err) => return Ok(fail(&err)),
    };
    report_reading(&outcome.errors, outcome.corpus.len(), &settings.extensions);
    for refusal in &outcome.refused {
        eprintln!(
            "corpuslint: error: {}: {}; not fixed",
            outcome.corpus.get(refusal.id).display,
            refusal.reason
        );
    }
    // A file that cannot be read or decoded safely is left as it is (and the exit status
    // says so); it does not hold back the others.
    let writes = args.out.is_some() || args.in_place;
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
        if quiet && !args.diff {
            continue;
        }
        let summary = match fixed.duplicate_of {
            Some(of) if outcome.corpus.get(fixed.id).record.is_some() => {
                let kept = &outcome.corpus.get(of).display;
                let what = if writes {
                    "kept, marked as a copy"
                } else {
                    "would be marked as a copy"
                };
                format!("duplicate of {kept}: {what}")
            }
            Some(of) => {
                let what = if args.out.is_some() {
                    "left out of the cleaned copies"
                } else if args.in_place {
                    "deleted"
                } else {
                    "would be removed"
                };
                let kept = &outcome.corpus.get(of).display;
                format!("duplicate of {kept}: {what}")
            }
            None => fixed.summary(),
        };
        report(format!("{path}: {summary}"), out)?;
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
        Ok(files) if writes => {
            let dropped = outcome
                .documents
                .iter()
                .filter(|f| f.duplicate_of.is_some() && outcome.corpus.get(f.id).record.is_none())
                .count();
            let mut line = format!("Wrote {}.", count(files.len(), "file"));
            if dropped > 0 {
                let how = if args.in_place { "Deleted" } else { "Left out" };
                let what = count(dropped, "duplicate document");
                line.push_str(&format!(" {how} {what}."));
            }
            report(line, out)?
        }
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
) -> Result<Option<corpuslint::fix::write::FolderLocks>, String> {
    use corpuslint::fix::write;
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
