//! `corpuslint fix`: clean the documents, to `--out DIR`, `--in-place`, a `--diff` or a
//! `--check`.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use corpuslint::error::FileError;
use corpuslint::fix::write;
use corpuslint::fix::{self, FixOptions, FixOutcome};
use corpuslint::load::jsonl;
use corpuslint::settings::resolve::Resolved;

use crate::cli::args::FixArgs;
use crate::cli::exit::{EXIT_ERROR, EXIT_FINDINGS, drop_in_background, fail};
use crate::cli::settings::selected_settings;
use crate::cli::terminal::{print_timings, report_reading, use_color, with_progress_bar};
use corpuslint::text::count;

pub fn fix(args: FixArgs, out: &mut impl Write) -> io::Result<ExitCode> {
    let started = std::time::Instant::now();
    let settings = match selected_settings(args.paths.clone(), &args.selection) {
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
    let resolved = match settings.resolve() {
        Ok(resolved) => resolved,
        Err(err) => return Ok(fail(&err)),
    };
    match fix::stream::plan(&resolved, options) {
        Ok(Some((shards, errors))) => {
            let status = fix_in_batches(&args, &resolved, options, &shards, errors, out);
            if args.timings {
                print_timings(&[], "fix in batches", started);
            }
            return status;
        }
        Ok(None) => {}
        Err(err) => return Ok(fail(&err)),
    }
    let fixed = with_progress_bar(args.verbosity, |progress| {
        fix::fix_resolved(&resolved, options, progress)
    });
    let outcome = match fixed {
        Ok(outcome) => outcome,
        Err(err) => return Ok(fail(&err)),
    };
    report_reading(&outcome.errors, outcome.corpus.len(), &settings.extensions);
    let reporter = Reporter::new(&args);
    let changed = reporter.documents(&outcome, out)?;
    let roots = &settings.paths;
    let written = if let Some(dir) = &args.out {
        write::write_out(&outcome, roots, dir)
    } else if args.in_place {
        write::write_in_place(&outcome, roots)
    } else {
        Ok(Vec::new())
    };
    let dropped = outcome
        .documents
        .iter()
        .filter(|f| f.duplicate_of.is_some() && outcome.corpus.get(f.id).record.is_none())
        .count();
    let total = outcome.documents.len();
    if let Err(err) = reporter.written(written, (changed, total), dropped, out)? {
        eprintln!("corpuslint: error: writing failed: {err}");
        return Ok(ExitCode::from(EXIT_ERROR));
    }
    if args.timings {
        out.flush()?;
        print_timings(&outcome.timings, "report + write", started);
    }
    let code = status(
        &args,
        !outcome.errors.is_empty() || !outcome.refused.is_empty(),
        changed,
    );
    drop_in_background(outcome);
    Ok(code)
}

/// `fix` of JSON Lines shards with per-document fixes only: each batch of records is
/// fixed, reported and written before the next is read. `errors`: paths that could not
/// be walked.
fn fix_in_batches(
    args: &FixArgs,
    settings: &Resolved,
    options: FixOptions,
    shards: &[PathBuf],
    mut errors: Vec<FileError>,
    out: &mut impl Write,
) -> io::Result<ExitCode> {
    let reporter = Reporter::new(args);
    let (mut changed, mut total, mut read, mut refused) = (0, 0, 0, false);
    let target = match (args.out.as_deref(), args.in_place) {
        (Some(dir), _) => Some(fix::stream::Target::Out(fix::stream::Out {
            dir,
            roots: &settings.files.paths,
        })),
        (None, true) => Some(fix::stream::Target::InPlace),
        (None, false) => None,
    };
    let batch_size = (jsonl::BATCH_RECORDS, jsonl::BATCH_BYTES);
    let fixed = fix::stream::fix_in_batches(
        settings,
        options,
        shards,
        target,
        batch_size,
        &mut |outcome| {
            read += outcome.corpus.len();
            total += outcome.documents.len();
            refused |= !outcome.refused.is_empty();
            changed += reporter.documents(outcome, out)?;
            Ok(())
        },
    );
    let written = fixed.map(|fixed| {
        errors.extend(fixed.errors);
        fixed.written
    });
    report_reading(&errors, read, &settings.files.extensions);
    if let Err(err) = reporter.written(written, (changed, total), 0, out)? {
        eprintln!("corpuslint: error: writing failed: {err}");
        return Ok(ExitCode::from(EXIT_ERROR));
    }
    Ok(status(args, !errors.is_empty() || refused, changed))
}

/// The exit status: 2 when a file could not be read or fixed, 1 when `--check` finds
/// something to change.
fn status(args: &FixArgs, failed: bool, changed: usize) -> ExitCode {
    if failed {
        ExitCode::from(EXIT_ERROR)
    } else if args.check && changed > 0 {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    }
}

/// What `fix` tells of each document and of what it wrote.
struct Reporter<'a> {
    args: &'a FixArgs,
    color: bool,
}

impl<'a> Reporter<'a> {
    fn new(args: &'a FixArgs) -> Self {
        Self {
            args,
            color: use_color(args.color),
        }
    }

    /// A summary line: to stderr when stdout carries the diff; `--quiet` leaves it out.
    fn line(&self, line: String, out: &mut dyn Write) -> io::Result<()> {
        if self.args.verbosity.quiet {
            Ok(())
        } else if self.args.diff {
            eprintln!("{line}");
            Ok(())
        } else {
            writeln!(out, "{line}")
        }
    }

    /// Tells what was done to each document of `outcome`; how many changed. A file that
    /// cannot be read or decoded safely is left as it is (and the exit status says so);
    /// it does not hold back the others.
    fn documents(&self, outcome: &FixOutcome, out: &mut dyn Write) -> io::Result<usize> {
        let args = self.args;
        for refusal in &outcome.refused {
            eprintln!(
                "corpuslint: error: {}: {}; not fixed",
                outcome.corpus.get(refusal.id).display(),
                refusal.reason
            );
        }
        let writes = args.out.is_some() || args.in_place;
        let mut changed = 0;
        for fixed in &outcome.documents {
            let path = &outcome.corpus.get(fixed.id).display();
            if fixed.changed {
                changed += 1;
            }
            if args.verbosity.quiet && !args.diff {
                continue;
            }
            let summary = match fixed.duplicate_of {
                Some(of) if outcome.corpus.get(fixed.id).record.is_some() => {
                    let kept = &outcome.corpus.get(of).display();
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
                    let kept = &outcome.corpus.get(of).display();
                    format!("duplicate of {kept}: {what}")
                }
                None => fixed.summary(),
            };
            self.line(format!("{path}: {summary}"), out)?;
            if args.verbosity.verbose {
                for change in &fixed.changes {
                    for line in change.before.lines().filter(|l| !l.trim().is_empty()) {
                        let what = if change.after.is_empty() { "-" } else { "~" };
                        self.line(format!("  {what} {} {}", change.rule.code, line), out)?;
                    }
                }
            }
            if args.diff && fixed.changed {
                write!(out, "{}", write::diff(outcome, fixed, self.color))?;
            }
        }
        Ok(changed)
    }

    /// The line that ends the run: the files written, or how many would change of
    /// `(changed, total)`. The error of a write that failed is handed back.
    fn written(
        &self,
        written: io::Result<Vec<PathBuf>>,
        (changed, total): (usize, usize),
        dropped: usize,
        out: &mut dyn Write,
    ) -> io::Result<Result<(), io::Error>> {
        let args = self.args;
        let line = match written {
            Ok(files) if args.out.is_some() || args.in_place => {
                let mut line = format!("Wrote {}.", count(files.len(), "file"));
                if dropped > 0 {
                    let how = if args.in_place { "Deleted" } else { "Left out" };
                    let what = count(dropped, "duplicate document");
                    line.push_str(&format!(" {how} {what}."));
                }
                line
            }
            Ok(_) => format!("{changed} of {total} files would change."),
            Err(err) => return Ok(Err(err)),
        };
        self.line(line, out)?;
        Ok(Ok(()))
    }
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
