//! JSON Lines shards read a batch of records at a time, so that memory holds one batch
//! whatever the number of records: `check` here, `meta` in [`meta`], and what a shard's
//! batches need of the whole corpus in [`templates`] (`fix` goes in `fix::stream`).
//!
//! `check` goes in batches when every rule that runs is a per-document rule: each
//! batch's findings are handed on before the next is read, and the findings, in order,
//! are those of a check of the whole corpus.

pub mod meta;
pub mod templates;

use std::io;
use std::path::PathBuf;

use crate::corpus::Corpus;
use crate::diagnostic::Rule;
use crate::diagnostic::Severity;
use crate::discover;
use crate::discover::shards::is_stdin;
use crate::engine::{Inputs, Outcome, analyze};
use crate::error::{Error, FileError};
use crate::load::{Reader, jsonl};
use crate::progress::NoProgress;
use crate::provenance::sources::Sources;
use crate::rules::check::Check;
use crate::rules::registry;
use crate::settings::resolve::Resolved;

/// What a check in batches found, over all of them.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Totals {
    /// Documents checked.
    pub files: usize,
    /// Findings of each severity: (errors, warnings, infos).
    pub counts: (usize, usize, usize),
    /// Findings with a safe fix, and with an unsafe one.
    pub fixes: (usize, usize),
    /// Files, and lines of shards, that could not be read.
    pub errors: usize,
    /// Whether a finding reaches the failing severity of the settings.
    pub fails: bool,
}

/// The shards to read, and the paths that could not be walked.
pub type Planned = (Vec<PathBuf>, Vec<FileError>);

/// The shards a check of `settings` reads, when it can read them a batch at a time: every
/// rule it runs is a per-document rule, and every file it reads is a JSON Lines shard.
/// `None`: the whole corpus must be loaded. Also gives the paths that could not be walked.
pub fn plan(settings: &Resolved) -> Result<Option<Planned>, Error> {
    if !per_document(&settings.rules) {
        return Ok(None);
    }
    let (files, errors) = discover::files(&settings.files)?;
    let all_shards = only_shards(settings, &files, Stdin::Allowed);
    Ok(all_shards.then_some((files, errors)))
}

/// Whether every one of `rules` looks at one document at a time.
pub fn per_document(rules: &[&Rule]) -> bool {
    rules.iter().all(|rule| {
        registry::lint(rule).is_some_and(|lint| matches!(lint.check, Check::Document(_)))
    })
}

/// Whether standard input may be among the shards: not when each shard is read twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stdin {
    Allowed,
    Refused,
}

/// Whether `files` are JSON Lines shards, at least one, all of them.
pub fn only_shards(settings: &Resolved, files: &[PathBuf], stdin: Stdin) -> bool {
    let reader = Reader::of(&settings.files);
    !files.is_empty()
        && files
            .iter()
            .all(|path| reader.reads_as_jsonl(path) && (stdin == Stdin::Allowed || !is_stdin(path)))
}

/// Checks the records of `shards`, a batch at a time (see [`jsonl::read_in_batches`]),
/// handing each batch's outcome, its findings sorted as a whole check sorts them, to
/// `emit` before the next batch is read.
pub fn check_in_batches(
    settings: &Resolved,
    shards: &[PathBuf],
    batch_size: (usize, usize),
    emit: &mut dyn FnMut(&Outcome) -> io::Result<()>,
) -> io::Result<Totals> {
    let reader = Reader::of(&settings.files);
    let sources = Sources::default();
    let mut totals = Totals::default();
    for shard in shards {
        jsonl::read_in_batches(shard, reader.jsonl, batch_size, &mut |documents, errors| {
            let corpus = Corpus {
                documents,
                ..Corpus::default()
            };
            let checked = vec![true; corpus.len()];
            let inputs = Inputs::new(&corpus, &checked, &sources, settings);
            let analysis = analyze(&inputs, false, &mut |_| {}, &NoProgress);
            let outcome = Outcome {
                corpus,
                checked,
                diagnostics: analysis.diagnostics,
                errors,
                timings: Vec::new(),
            };
            totals.add(&outcome, settings.fail_on);
            emit(&outcome)
        })?;
    }
    Ok(totals)
}

impl Totals {
    fn add(&mut self, outcome: &Outcome, fail_on: Option<Severity>) {
        let (errors, warnings, infos) = outcome.counts();
        self.files += outcome.checked_files();
        self.counts.0 += errors;
        self.counts.1 += warnings;
        self.counts.2 += infos;
        let (safe, unsafe_) = outcome.fixes();
        self.fixes.0 += safe;
        self.fixes.1 += unsafe_;
        self.errors += outcome.errors.len();
        self.fails |= outcome.fails(fail_on);
    }
}
