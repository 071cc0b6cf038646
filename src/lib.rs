//! corpuslint: a fast linter for text corpora.
//!
//! The flow runs one way: discover files → load documents → per-document rules →
//! diagnostics sorted by (path, offset, code) → render. This library prints nothing;
//! the binary renders what [`check`] returns.

pub mod baseline;
pub mod cache;
pub mod canonical;
pub mod changed;
pub mod config;
pub mod corpus;
pub mod data;
pub mod diagnostic;
pub mod document;
pub mod error;
pub mod fix;
pub mod fixer;
pub mod hashing;
pub mod line_index;
pub mod metadata;
pub mod normalize;
pub mod paragraphs;
pub mod progress;
pub mod registry;
pub mod render;
pub mod rules;
pub mod scope;
pub mod settings;
pub mod span;
pub mod text;
pub mod write;

use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::corpus::Corpus;
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::{Error, FileError};
use crate::rules::{Check, CorpusContext, Reporter};
use crate::settings::Settings;

/// Everything a check found.
#[derive(Debug)]
pub struct Outcome {
    pub corpus: Corpus,
    /// Whether each document of `corpus` was checked; the others were loaded only as
    /// context for the corpus-wide rules, and nothing is reported in them.
    pub checked: Vec<bool>,
    pub diagnostics: Vec<Diagnostic>,
    /// Files and folders that could not be read.
    pub errors: Vec<FileError>,
    /// Wall time of each pass, in the order they ran.
    pub timings: Vec<(&'static str, Duration)>,
}

impl Outcome {
    /// Number of documents checked (context documents left out).
    pub fn checked_files(&self) -> usize {
        self.checked.iter().filter(|&&c| c).count()
    }

    /// Number of findings of each severity: (errors, warnings, infos).
    pub fn counts(&self) -> (usize, usize, usize) {
        let count = |severity| {
            self.diagnostics
                .iter()
                .filter(|d| d.severity == severity)
                .count()
        };
        (
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Info),
        )
    }

    /// Whether a finding reaches the failing severity.
    pub fn fails(&self, fail_on: Option<Severity>) -> bool {
        fail_on.is_some_and(|threshold| self.diagnostics.iter().any(|d| d.severity >= threshold))
    }
}

/// Checks the files named by `settings` with the selected rules.
pub fn check(settings: &Settings) -> Result<Outcome, Error> {
    check_with_progress(settings, &progress::NoProgress)
}

/// [`check`], telling `progress` how far it has got.
pub fn check_with_progress(
    settings: &Settings,
    progress: &dyn progress::Progress,
) -> Result<Outcome, Error> {
    let rules = settings.rules()?;
    let data = settings.rule_data()?;
    let mut timings = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |name: &'static str, timings: &mut Vec<(&'static str, Duration)>| {
        let now = Instant::now();
        timings.push((name, now - clock));
        clock = now;
    };
    progress.stage("finding files", None);
    let (scope, mut errors) = scope::plan(settings)?;
    lap("discover", &mut timings);
    let (mut corpus, checked, load_errors) = load(settings, scope, progress);
    errors.extend(load_errors);
    let (sources, source_errors) = metadata::sources::load(&mut corpus);
    errors.extend(source_errors);
    lap("read + decode + segment", &mut timings);
    let inputs = Inputs {
        corpus: &corpus,
        checked: &checked,
        sources: &sources,
        settings,
        rules: &rules,
        data: &data,
        document_rules: None,
    };
    let analysis = analyze(
        &inputs,
        false,
        &mut |name| lap(name, &mut timings),
        progress,
    );
    Ok(Outcome {
        corpus,
        checked,
        diagnostics: analysis.diagnostics,
        errors,
        timings,
    })
}

/// Checks documents already in memory, as [`check`] does the files it reads.
pub fn check_corpus(mut corpus: Corpus, settings: &Settings) -> Result<Outcome, Error> {
    let rules = settings.rules()?;
    let data = settings.rule_data()?;
    let checked = vec![true; corpus.len()];
    let (sources, errors) = metadata::sources::load(&mut corpus);
    let inputs = Inputs {
        corpus: &corpus,
        checked: &checked,
        sources: &sources,
        settings,
        rules: &rules,
        data: &data,
        document_rules: None,
    };
    let analysis = analyze(&inputs, false, &mut |_| {}, &progress::NoProgress);
    Ok(Outcome {
        corpus,
        checked,
        diagnostics: analysis.diagnostics,
        errors,
        timings: Vec::new(),
    })
}

/// The files to check: discovered under the paths, then kept by the include and exclude
/// globs of the settings.
pub fn discover(settings: &Settings) -> Result<(Vec<std::path::PathBuf>, Vec<FileError>), Error> {
    discover_under(settings, &settings.paths)
}

/// [`discover`] under `paths` rather than the paths of `settings`.
pub fn discover_under(
    settings: &Settings,
    paths: &[std::path::PathBuf],
) -> Result<(Vec<std::path::PathBuf>, Vec<FileError>), Error> {
    let ignore_files = if settings.respect_ignore_files {
        corpus::IgnoreFiles::Respect
    } else {
        corpus::IgnoreFiles::Disregard
    };
    let (files, errors) = corpus::discover_with(paths, &settings.extensions, ignore_files);
    Ok((settings.keep_files(files)?, errors))
}

/// Reads the files of `scope`, through the cache of the corpus root when there is one.
pub(crate) fn load(
    settings: &Settings,
    scope: scope::Scope,
    progress: &dyn progress::Progress,
) -> (Corpus, Vec<bool>, Vec<FileError>) {
    let root = settings.root.as_deref().filter(|_| settings.cache);
    let Some(root) = root else {
        let loaded = corpus::load_scope(scope, None, progress);
        return (loaded.corpus, loaded.checked, loaded.errors);
    };
    let cache = cache::Cache::open(root);
    // A run that loaded the whole root knows every entry worth keeping.
    let whole_root = scope.has_context() || scope::covers(settings, root);
    let loaded = corpus::load_scope(scope, Some(&cache), progress);
    let used = loaded
        .keys
        .iter()
        .zip(&loaded.corpus.documents)
        .map(|(&key, doc)| (key, doc.paragraphs.clone()))
        .collect();
    cache.update(used, whole_root);
    (loaded.corpus, loaded.checked, loaded.errors)
}

/// What the rules found in a corpus.
pub(crate) struct Analysis {
    pub diagnostics: Vec<Diagnostic>,
    /// The resolved provenance of each document, when asked for.
    pub metadata: Option<Vec<metadata::Metadata>>,
}

/// What one analysis runs over: the documents (those checked, the rest being context),
/// their provenance files, and the rules with their settings and data.
pub(crate) struct Inputs<'a> {
    pub corpus: &'a Corpus,
    pub checked: &'a [bool],
    pub sources: &'a metadata::sources::Sources,
    pub settings: &'a Settings,
    pub rules: &'a [&'static rules::Rule],
    pub data: &'a rules::RuleData,
    /// The documents the per-document rules run on; `None`: every checked one. A fix
    /// round leaves out those it did not change, which have nothing left to fix.
    pub document_rules: Option<&'a [bool]>,
}

/// Runs the rules over a loaded corpus: document rules (on the checked documents) and the
/// corpus analyses (over all of them) in parallel, then the corpus rules report, keeping
/// the findings in checked documents. `lap` is called after each pass with its name, and
/// `progress` told of each document checked and of the corpus pass.
pub(crate) fn analyze(
    inputs: &Inputs,
    with_metadata: bool,
    lap: &mut dyn FnMut(&'static str),
    progress: &dyn progress::Progress,
) -> Analysis {
    let &Inputs {
        corpus,
        checked,
        sources,
        settings,
        rules,
        data,
        document_rules,
    } = inputs;
    let document_rules = document_rules.unwrap_or(checked);
    let checked_count = checked.iter().filter(|&&c| c).count();
    progress.stage("checking", Some(checked_count));
    let document_checks: Vec<_> = rules
        .iter()
        .filter_map(|rule| match rule.check {
            Check::Document(check) => Some(check),
            Check::Corpus(_) => None,
        })
        .collect();
    let context = CorpusContext::new(corpus, settings, rules, data, sources, checked);
    let (mut diagnostics, ()) = rayon::join(
        || {
            let diagnostics = corpus
                .documents
                .par_iter()
                .enumerate()
                .filter(|&(id, _)| checked[id] && document_rules[id])
                .flat_map_iter(|(id, doc)| {
                    let mut reporter = Reporter::new(id);
                    for check in &document_checks {
                        check(doc, &mut reporter);
                    }
                    progress.advance(1);
                    reporter.into_diagnostics()
                })
                .collect::<Vec<Diagnostic>>();
            // The corpus analyses may still be running beside.
            progress.stage("cross-file rules", None);
            diagnostics
        },
        || context.prepare(),
    );
    lap("document rules + corpus analyses");
    for rule in rules {
        if let Check::Corpus(check) = rule.check {
            check(&context, &mut diagnostics);
        }
    }
    // With context, findings in context documents and in their provenance files are
    // left to the run that checks them.
    if checked.contains(&false) {
        diagnostics.retain(|d| checked.get(d.doc).copied().unwrap_or(false));
    }
    lap("corpus rules: report");
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    // Per-file ignore globs are validated when the configuration is read; a glob that
    // does not compile here (settings made by hand) ignores nothing.
    let _ = settings.adjust(corpus, &mut diagnostics);
    lap("sort");
    let metadata = with_metadata.then(|| {
        context
            .metadata()
            .docs
            .iter()
            .map(|d| d.metadata.clone())
            .collect()
    });
    Analysis {
        diagnostics,
        metadata,
    }
}

/// The resolved provenance of every document.
#[derive(Debug)]
pub struct MetaOutcome {
    pub corpus: Corpus,
    pub documents: Vec<metadata::Metadata>,
    pub errors: Vec<FileError>,
}

/// Resolves the provenance of the files named by `settings`, as the metadata rules see it.
pub fn meta(settings: &Settings) -> Result<MetaOutcome, Error> {
    let data = settings.rule_data()?;
    let (files, mut errors) = discover(settings)?;
    let (mut corpus, load_errors) = corpus::load(files);
    errors.extend(load_errors);
    let (sources, source_errors) = metadata::sources::load(&mut corpus);
    errors.extend(source_errors);
    let checked = vec![true; corpus.len()];
    let inputs = Inputs {
        corpus: &corpus,
        checked: &checked,
        sources: &sources,
        settings,
        rules: &[],
        data: &data,
        document_rules: None,
    };
    let documents = analyze(&inputs, true, &mut |_| {}, &progress::NoProgress)
        .metadata
        .unwrap_or_default();
    Ok(MetaOutcome {
        corpus,
        documents,
        errors,
    })
}
