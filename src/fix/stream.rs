//! `fix` of JSON Lines shards a batch of records at a time, when every rule whose fixes
//! apply is a per-document rule: each shard is read once for the counts site template is
//! told by (the provenance a cleaned record gets reads past the chrome), then a batch at a
//! time, each batch fixed, handed on and its lines appended to the cleaned shard before
//! the next is read. The cleaned shard goes under the `--out` folder, or, `--in-place`,
//! over the shard once it is read to its end, when one of its records changed. Memory
//! holds one batch; what is handed on and written is what a fix of the whole corpus
//! gives.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::atomic::{Durability, make_folder, replace_if, write_atomic};
use crate::corpus::Corpus;
use crate::discover;
use crate::error::{Error, FileError};
use crate::fix::shards::{cleaned_record, out_path};
use crate::fix::write::out_folder_conflict;
use crate::fix::{FixOptions, FixOutcome, FixedDocument, compressed, fix_loaded, fixable_rules};
use crate::load::jsonl::{self, Batch};
use crate::progress::{Laps, NoProgress};
use crate::provenance::sources::MANIFEST_NAME;
use crate::settings::resolve::Resolved;
use crate::stream::templates::{self, ShardCounts};
use crate::stream::{Planned, Stdin, only_shards, per_document};

/// The shards a fix of `settings` reads a batch at a time: every rule whose fixes apply
/// is a per-document rule, every file it reads is a JSON Lines shard other than standard
/// input (read twice), and no file is read only as context. `None`: the whole corpus
/// must be loaded.
pub fn plan(settings: &Resolved, options: FixOptions) -> Result<Option<Planned>, Error> {
    if !per_document(&fixable_rules(&settings.rules, options)) {
        return Ok(None);
    }
    let (scope, errors) = discover::plan(&settings.files)?;
    let all_shards = scope.checked.iter().all(|&checked| checked)
        && only_shards(settings, &scope.files, Stdin::Refused);
    Ok(all_shards.then_some((scope.files, errors)))
}

/// The `--out` folder, and the inputs named, which the shards' places under it are
/// relative to.
#[derive(Debug, Clone, Copy)]
pub struct Out<'a> {
    pub dir: &'a Path,
    pub roots: &'a [PathBuf],
}

/// Where cleaned shards go.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    /// Under the `--out` folder.
    Out(Out<'a>),
    /// Over each shard one of whose records changed (`--in-place`), atomically.
    InPlace,
}

/// What a fix in batches did, over all of them.
#[derive(Debug, Default)]
pub struct Fixed {
    /// The cleaned shards written.
    pub written: Vec<PathBuf>,
    /// Files, and lines of shards, that could not be read.
    pub errors: Vec<FileError>,
}

/// Fixes the records of `shards` a batch at a time (see [`jsonl::read_in_batches`]),
/// handing each batch's outcome to `emit` before the next is read, and with a `target`
/// writes each shard's cleaned copy as [`crate::fix::write::write_out`] or
/// [`crate::fix::write::write_in_place`] does, atomically.
pub fn fix_in_batches(
    settings: &Resolved,
    options: FixOptions,
    shards: &[PathBuf],
    target: Option<Target>,
    batch_size: (usize, usize),
    emit: &mut dyn FnMut(&FixOutcome) -> io::Result<()>,
) -> io::Result<Fixed> {
    if let Some(Target::Out(out)) = target
        && let Some(conflict) = out_folder_conflict(out.dir, out.roots)
    {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, conflict));
    }
    let mut fixed = Fixed::default();
    for shard in shards {
        let counts = templates::of_shard(settings, shard, batch_size)?;
        if let Some(broken) = counts.broken {
            fixed.errors.push(broken);
            continue;
        }
        let mut run = ShardRun {
            settings,
            options,
            shard,
            counts: &counts,
            batch_size,
            emit: &mut *emit,
            errors: &mut fixed.errors,
            ended: false,
        };
        match target {
            // A shard without a record has nothing cleaned to write.
            Some(Target::Out(out)) if counts.documents > 0 => {
                let target = out_path(shard, out.roots, out.dir);
                if run.write_to(&target)? {
                    fixed.written.push(target);
                }
            }
            Some(Target::InPlace) if counts.documents > 0 => {
                if run.write_back()? {
                    fixed.written.push(shard.clone());
                }
            }
            _ => match run.fix(&mut |_, _| Ok(())) {
                // Its error is kept with the others.
                Err(_) if run.ended => {}
                fixed => fixed?,
            },
        }
    }
    if let Some(Target::Out(out)) = target
        && fixed.written.is_empty()
    {
        // As a fix of the whole corpus leaves it: an empty manifest, as no file was fixed.
        make_folder(out.dir)?;
        write_atomic(&out.dir.join(MANIFEST_NAME), b"")?;
    }
    Ok(fixed)
}

/// The fix of one shard.
struct ShardRun<'a, 'e> {
    settings: &'a Resolved,
    options: FixOptions,
    shard: &'a Path,
    counts: &'a ShardCounts,
    batch_size: (usize, usize),
    emit: &'e mut dyn FnMut(&FixOutcome) -> io::Result<()>,
    errors: &'e mut Vec<FileError>,
    /// The shard could not be read to its end: its reading stopped with an error.
    ended: bool,
}

impl ShardRun<'_, '_> {
    /// Fixes the shard's batches, handing each outcome and the lines it was read from to
    /// `lines` before `emit`. A read error that ends the shard is kept with the others.
    fn fix(
        &mut self,
        lines: &mut dyn FnMut(&[Line], &FixOutcome) -> io::Result<()>,
    ) -> io::Result<()> {
        let Self {
            settings,
            options,
            shard,
            counts,
            batch_size,
            emit,
            errors,
            ended: stopped,
        } = self;
        jsonl::read_lines_in_batches(shard, &settings.files.jsonl, *batch_size, &mut |batch| {
            let Batch {
                documents,
                errors: read_errors,
                lines: read,
                ended,
            } = batch;
            let corpus = Corpus {
                documents,
                auxiliary: Vec::new(),
                whole: Some(counts.whole.clone()),
            };
            let checked = vec![true; corpus.len()];
            let outcome = fix_loaded(
                corpus,
                checked,
                read_errors,
                settings,
                *options,
                &NoProgress,
                Laps::default(),
            );
            lines(&read, &outcome)?;
            emit(&outcome)?;
            errors.extend(outcome.errors);
            match ended {
                Some(error) => {
                    errors.push(error);
                    *stopped = true;
                    Err(io::Error::other("the shard could not be read to its end"))
                }
                None => Ok(()),
            }
        })
    }

    /// Fixes the shard, writing its cleaned copy to `target` as it goes; whether it was
    /// written (not when the shard could not be read to its end).
    fn write_to(&mut self, target: &Path) -> io::Result<bool> {
        if let Some(parent) = target.parent() {
            make_folder(parent)?;
        }
        self.write_cleaned(target, Durability::Renamed, Keep::Always)
    }

    /// Fixes the shard and puts its cleaned copy in its place when one of its records
    /// changed; whether it did. A user's own file waits for the disk, as `--in-place`
    /// writes of files do.
    fn write_back(&mut self) -> io::Result<bool> {
        self.write_cleaned(self.shard, Durability::Synced, Keep::IfChanged)
    }

    /// Fixes the shard, writing its cleaned copy, compressed as the shard is, to a
    /// temporary file beside `target` as the batches come, then renamed over `target`
    /// once the shard is read to its end, if `keep` says so; whether it was. A shard that
    /// could not be read to its end is left out, as one that cannot be read whole is (its
    /// error is kept).
    fn write_cleaned(
        &mut self,
        target: &Path,
        durability: Durability,
        keep: Keep,
    ) -> io::Result<bool> {
        let shard = self.shard;
        let compression = jsonl::compression_of(shard)?;
        let written = replace_if(target, durability, |file| {
            let mut cleaned = compressed::writer(compression, file.try_clone()?)?;
            let mut changed = false;
            self.fix(&mut |lines, outcome| {
                changed |= outcome.documents.iter().any(|fixed| fixed.changed);
                write_lines(&mut cleaned, shard, lines, outcome)
            })?;
            cleaned.finish()?;
            Ok(changed || keep == Keep::Always)
        });
        match written {
            Err(_) if self.ended => Ok(false),
            written => written,
        }
    }
}

/// Which cleaned copies of a shard are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keep {
    /// Every one: a mirror under `--out` holds every shard.
    Always,
    /// Those with a changed record: `--in-place` leaves the other shards as they were.
    IfChanged,
}

/// A line of a shard as read: its 1-based number and its bytes, newline included.
type Line = (usize, Vec<u8>);

/// Writes the `lines` of `shard`, those of the records of `outcome` cleaned, the others as
/// they were.
fn write_lines(
    out: &mut dyn Write,
    shard: &Path,
    lines: &[Line],
    outcome: &FixOutcome,
) -> io::Result<()> {
    let by_line: HashMap<usize, &FixedDocument> = outcome
        .documents
        .iter()
        .filter_map(|fixed| Some((outcome.corpus.get(fixed.id).record.as_ref()?.line, fixed)))
        .collect();
    let roots = [shard.to_path_buf()];
    let cleaned: Vec<Option<Vec<u8>>> = lines
        .par_iter()
        .map(|(number, line)| {
            let Some(fixed) = by_line.get(number) else {
                return Ok(None);
            };
            let piece = line.strip_suffix(b"\n").unwrap_or(line);
            let mut record = cleaned_record(piece, fixed, outcome, &roots).map_err(|err| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("{}: line {number}: {err}", shard.display()),
                )
            })?;
            if piece.ends_with(b"\r") {
                record.push(b'\r');
            }
            Ok(Some(record))
        })
        .collect::<io::Result<_>>()?;
    for ((_, line), cleaned) in lines.iter().zip(cleaned) {
        match cleaned {
            Some(record) => {
                out.write_all(&record)?;
                if line.ends_with(b"\n") {
                    out.write_all(b"\n")?;
                }
            }
            None => out.write_all(line)?,
        }
    }
    Ok(())
}
