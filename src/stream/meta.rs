//! `meta` of JSON Lines shards a batch of records at a time: each shard is read once for
//! the counts site template is told by, then again a batch at a time, each batch's
//! provenance handed on before the next is read. Memory holds one batch and the template
//! lines of one shard; what is handed on, in order, is the provenance of a whole run.

use std::io;
use std::path::PathBuf;

use crate::corpus::Corpus;
use crate::discover;
use crate::engine::MetaOutcome;
use crate::error::{Error, FileError};
use crate::load::jsonl;
use crate::provenance::Metadata;
use crate::provenance::sources::{self, Sources};
use crate::rules;
use crate::settings::resolve::Resolved;
use crate::stream::templates;
use crate::stream::{Planned, Stdin, only_shards};

/// The shards `meta` of `settings` reads a batch at a time: every file it reads is a JSON
/// Lines shard other than standard input (which cannot be read twice). `None`: the whole
/// corpus must be loaded.
pub fn plan(settings: &Resolved) -> Result<Option<Planned>, Error> {
    let (files, errors) = discover::files(&settings.files)?;
    let all_shards = only_shards(settings, &files, Stdin::Refused);
    Ok(all_shards.then_some((files, errors)))
}

/// The provenance of the records of `shards`, a batch at a time (see
/// [`jsonl::read_in_batches`]), each batch's handed to `emit` before the next is read;
/// the files and lines that could not be read.
pub fn meta_in_batches(
    settings: &Resolved,
    shards: &[PathBuf],
    batch_size: (usize, usize),
    emit: &mut dyn FnMut(&MetaOutcome) -> io::Result<()>,
) -> io::Result<Vec<FileError>> {
    let mut errors = Vec::new();
    for shard in shards {
        let counts = templates::of_shard(settings, shard, batch_size)?;
        if let Some(broken) = counts.broken {
            errors.push(broken);
            continue;
        }
        jsonl::read_in_batches(
            shard,
            &settings.files.jsonl,
            batch_size,
            &mut |documents, read_errors| {
                let mut corpus = Corpus {
                    documents,
                    auxiliary: Vec::new(),
                    whole: Some(counts.whole.clone()),
                };
                let (sources, source_errors) = sources::load(&mut corpus);
                let documents = provenance(&corpus, &sources, settings);
                let mut outcome = MetaOutcome {
                    corpus,
                    documents,
                    errors: read_errors,
                };
                outcome.errors.extend(source_errors);
                emit(&outcome)?;
                errors.append(&mut outcome.errors);
                Ok(())
            },
        )?;
    }
    Ok(errors)
}

/// The resolved provenance of every document of `corpus`, as the metadata rules see it.
pub fn provenance(corpus: &Corpus, sources: &Sources, settings: &Resolved) -> Vec<Metadata> {
    let checked = vec![true; corpus.len()];
    let none = rules::context::Analyses::default();
    let inputs = rules::context::CorpusContext {
        corpus,
        options: &settings.options,
        data: &settings.data,
        sources,
        reported: &checked,
        enabled: &[],
        analyses: &none,
    };
    rules::prepare::provenance(&inputs)
        .docs
        .into_iter()
        .map(|d| d.metadata)
        .collect()
}
