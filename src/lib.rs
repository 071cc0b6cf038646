//! corpuslint: a fast linter for text corpora.
//!
//! The flow runs one way: settings → discover files → load documents → per-document
//! rules → corpus rules → diagnostics sorted by (path, offset, code) → render, or → fixes
//! → write. This library prints nothing; the binary renders what [`check`] returns.
//!
//! Modules, from the bottom layer up (each imports only the layers below it):
//! - `text`, `error`, `progress`, `atomic`: characters, spans, line index, errors;
//! - `document`, `diagnostic`, `corpus`: documents, findings, rules' identity, edits;
//! - `data`: rule data (phrases, glued words, byline and date patterns);
//! - `provenance`: explicit and inferred author, date, source and title;
//! - `rules`: one file per rule, the registry, what rules see;
//! - `settings`: configuration file + flags, resolved once;
//! - `discover`, `load`: what a run reads, and reading it;
//! - `engine`, `stream`: runs the rules, on a whole corpus or on shards a batch at a time;
//! - `fix`, `output`, `report`: the fix pipeline and writing; renderers and baselines;
//!   the HTML health report;
//! - `api`: checking and fixing texts held in memory (the Python module's entry point).

pub mod api;
pub mod atomic;
pub mod corpus;
pub mod data;
pub mod diagnostic;
pub mod discover;
pub mod document;
pub mod engine;
pub mod error;
pub mod fix;
pub mod load;
pub mod output;
pub mod progress;
pub mod provenance;
pub mod report;
pub mod rules;
pub mod settings;
pub mod shard;
pub mod stream;
pub mod text;

use crate::corpus::Corpus;
use crate::engine::{Inputs, MetaOutcome, Outcome, analyze};
use crate::error::Error;
use crate::progress::{Laps, NoProgress, Progress};
use crate::settings::Settings;
use crate::settings::resolve::Resolved;

/// Checks the files named by `settings` with the selected rules.
pub fn check(settings: &Settings) -> Result<Outcome, Error> {
    check_with_progress(settings, &NoProgress)
}

/// [`check`], telling `progress` how far it has got.
pub fn check_with_progress(settings: &Settings, progress: &dyn Progress) -> Result<Outcome, Error> {
    check_resolved(&settings.resolve()?, progress)
}

/// [`check`] with settings already resolved.
pub fn check_resolved(settings: &Resolved, progress: &dyn Progress) -> Result<Outcome, Error> {
    check_keeping(settings, &settings.rules, None, false, progress).map(|(outcome, _)| outcome)
}

/// Which part of a check a run makes: the rules it runs, and the counts of the whole
/// corpus when the files are a part of one (see `shard`).
#[derive(Debug, Clone, Default)]
pub struct Part {
    pub rules: RuleScope,
    pub whole: Option<std::sync::Arc<corpus::Whole>>,
}

/// The rules a run makes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RuleScope {
    #[default]
    All,
    /// The rules that read one document at a time.
    Document,
    /// The rules that read the corpus: duplicates, chrome, metadata.
    Corpus,
    /// The corpus rules that relate documents to each other: the duplicate family.
    Duplicate,
    /// The other corpus rules (chrome, metadata): given the counts of the whole corpus,
    /// they read one document at a time.
    Site,
}

impl RuleScope {
    /// Whether a run of this scope runs `rule`.
    pub fn runs(self, rule: &diagnostic::Rule) -> bool {
        let per_document = matches!(
            rules::registry::lint(rule).map(|lint| &lint.check),
            Some(rules::check::Check::Document(_))
        );
        let duplicate = rule.family == diagnostic::Family::Duplicate;
        match self {
            Self::All => true,
            Self::Document => per_document,
            Self::Corpus => !per_document,
            Self::Duplicate => !per_document && duplicate,
            Self::Site => !per_document && !duplicate,
        }
    }
}

/// [`check_resolved`] of a part of a corpus (`Part::default()`: the whole of it), keeping
/// the resolved provenance of each document (what `meta` prints) when `with_metadata`: a
/// health report summarises it beside the findings.
pub fn check_part(
    settings: &Resolved,
    part: &Part,
    with_metadata: bool,
    progress: &dyn Progress,
) -> Result<(Outcome, Vec<provenance::Metadata>), Error> {
    let rules: Vec<&'static diagnostic::Rule> = settings
        .rules
        .iter()
        .copied()
        .filter(|rule| part.rules.runs(rule))
        .collect();
    check_keeping(
        settings,
        &rules,
        part.whole.clone(),
        with_metadata,
        progress,
    )
    .map(|(outcome, metadata)| (outcome, metadata.unwrap_or_default()))
}

/// The map records (see `shard::record`) of the files named by `settings`.
pub fn map(
    settings: &Settings,
) -> Result<(Vec<shard::record::MapRecord>, Vec<error::FileError>), Error> {
    let settings = settings.resolve()?;
    let (scope, mut errors) = discover::plan(&settings.files)?;
    let (corpus, _, load_errors) = load::load_planned(&settings.files, scope, &NoProgress);
    errors.extend(load_errors);
    Ok((shard::record::map(&corpus, &settings.options), errors))
}

fn check_keeping(
    settings: &Resolved,
    rules: &[&'static diagnostic::Rule],
    whole: Option<std::sync::Arc<corpus::Whole>>,
    with_metadata: bool,
    progress: &dyn Progress,
) -> Result<(Outcome, Option<Vec<provenance::Metadata>>), Error> {
    let mut laps = Laps::default();
    progress.stage("finding files", None);
    // Named files of a root, checked against the rest of it: through the index, which
    // loads only the files they relate to (a health report summarises every file). The
    // walk of the root and the reading of its index each keep one core busy.
    let may_index = whole.is_none() && !with_metadata;
    let (plan, index) = rayon::join(
        || discover::plan(&settings.files),
        || {
            may_index
                .then(|| load::context::open_index(&settings.files, &settings.options.duplicate))
                .flatten()
        },
    );
    let (scope, mut errors) = plan?;
    laps.lap("discover");
    let through_index = index.and_then(|index| {
        load::context::load(
            &settings.files,
            &settings.options.duplicate,
            &scope,
            index,
            progress,
        )
    });
    let (mut corpus, checked, load_errors) = match through_index {
        Some(loaded) => loaded,
        None => load::load_planned(&settings.files, scope, progress),
    };
    if whole.is_some() {
        corpus.whole = whole;
    }
    errors.extend(load_errors);
    let (sources, source_errors) = provenance::sources::load(&mut corpus);
    errors.extend(source_errors);
    laps.lap("read + decode + segment");
    let inputs = Inputs {
        rules,
        ..Inputs::new(&corpus, &checked, &sources, settings)
    };
    let analysis = analyze(&inputs, with_metadata, &mut |name| laps.lap(name), progress);
    let outcome = Outcome {
        corpus,
        checked,
        diagnostics: analysis.diagnostics,
        errors,
        timings: laps.into_passes(),
    };
    Ok((outcome, analysis.metadata))
}

/// Checks documents already in memory, as [`check`] does the files it reads.
pub fn check_corpus(mut corpus: Corpus, settings: &Settings) -> Result<Outcome, Error> {
    let settings = settings.resolve()?;
    let checked = vec![true; corpus.len()];
    let (sources, errors) = provenance::sources::load(&mut corpus);
    let inputs = Inputs::new(&corpus, &checked, &sources, &settings);
    let analysis = analyze(&inputs, false, &mut |_| {}, &NoProgress);
    Ok(Outcome {
        corpus,
        checked,
        diagnostics: analysis.diagnostics,
        errors,
        timings: Vec::new(),
    })
}

/// Resolves the provenance of the files named by `settings`, as the metadata rules see it.
pub fn meta(settings: &Settings) -> Result<MetaOutcome, Error> {
    meta_resolved(&settings.resolve()?)
}

/// [`meta`] with settings already resolved.
pub fn meta_resolved(settings: &Resolved) -> Result<MetaOutcome, Error> {
    let (files, mut errors) = discover::files(&settings.files)?;
    let (mut corpus, load_errors) = load::load_with(files, &load::Reader::of(&settings.files));
    errors.extend(load_errors);
    let (sources, source_errors) = provenance::sources::load(&mut corpus);
    errors.extend(source_errors);
    let documents = stream::meta::provenance(&corpus, &sources, settings);
    Ok(MetaOutcome {
        corpus,
        documents,
        errors,
    })
}
