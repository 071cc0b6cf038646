//! Checking and fixing texts held in memory, for callers other than the command line
//! (the Python module): each text is a document named by its id, read as plain text, as a
//! record of a JSON Lines shard is, and no file beside it is looked for.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::corpus::Corpus;
use crate::diagnostic::{Family, Severity};
use crate::document::{Document, Record};
use crate::engine::{Inputs, Outcome, analyze};
use crate::error::Error;
use crate::fix::{FixOptions, FixOutcome, fix_corpus};
use crate::progress::NoProgress;
use crate::provenance::sources;
use crate::settings::Settings;
use crate::settings::config;
use crate::settings::resolve::Resolved;

/// A text to check: its id (how findings name it) and the text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text {
    pub id: String,
    pub text: String,
}

impl Text {
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            text: text.into(),
        }
    }
}

/// The settings of the configuration file at `config` (none: the defaults), with `select`
/// and `ignore` over them as the command line's flags are.
pub fn settings(
    config: Option<&Path>,
    select: Option<Vec<String>>,
    ignore: Option<Vec<String>>,
) -> Result<Settings, Error> {
    let mut settings = Settings::default();
    if let Some(path) = config {
        let loaded = config::load(path).map_err(Error::Configuration)?;
        settings.apply_config(&loaded, path)?;
    }
    if let Some(select) = select {
        settings.select = select;
    }
    if let Some(ignore) = ignore {
        settings.ignore = ignore;
    }
    Ok(settings)
}

/// The texts as one corpus, in their order (a finding's document is its text's index).
pub fn corpus(texts: Vec<Text>) -> Corpus {
    Corpus {
        documents: documents(texts, 0),
        auxiliary: Vec::new(),
        whole: None,
    }
}

/// The texts as documents, decoded and segmented in parallel; `first` is the index of
/// the first among the documents of its corpus.
pub fn documents(texts: Vec<Text>, first: usize) -> Vec<Document> {
    texts
        .into_par_iter()
        .enumerate()
        .map(|(index, text)| {
            let record = Record {
                shard: PathBuf::new(),
                line: first + index + 1,
                id: text.id,
                fields: Vec::new(),
                provenance: Vec::new(),
            };
            let mut doc = Document::from_record(record, text.text);
            if let Some(id) = doc.record.as_ref().map(|record| record.id.clone()) {
                doc.show_as(id);
            }
            doc
        })
        .collect()
}

/// Checks the texts as one corpus: the corpus-wide rules compare them with each other.
pub fn check_texts(texts: Vec<Text>, settings: &Resolved) -> Outcome {
    check_loaded(corpus(texts), settings)
}

/// Checks a corpus of texts made by [`corpus`].
pub fn check_loaded(mut corpus: Corpus, settings: &Resolved) -> Outcome {
    let checked = vec![true; corpus.len()];
    let (sources, errors) = sources::load(&mut corpus);
    let inputs = Inputs::new(&corpus, &checked, &sources, settings);
    let analysis = analyze(&inputs, false, &mut |_| {}, &NoProgress);
    Outcome {
        corpus,
        checked,
        diagnostics: analysis.diagnostics,
        errors,
        timings: Vec::new(),
    }
}

/// Checks each text on its own, as a corpus of one: what is found in a text does not
/// depend on the texts beside it. Texts are checked in parallel.
pub fn check_each(texts: Vec<Text>, settings: &Resolved) -> Vec<Outcome> {
    texts
        .into_par_iter()
        .map(|text| check_texts(vec![text], settings))
        .collect()
}

/// What a check found in each document of `outcome`, as columns of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Findings per family, in [`Family::ALL`] order.
    pub counts: Vec<[usize; Family::ALL.len()]>,
    /// The codes found, sorted, each once.
    pub codes: Vec<Vec<&'static str>>,
    /// Whether nothing found reaches `fail_on`: the text would pass `check`.
    pub clean: Vec<bool>,
}

/// Per document of `outcome`: counts per family, codes, and whether it is clean.
pub fn summarize(outcome: &Outcome, fail_on: Option<Severity>) -> Summary {
    let n = outcome.corpus.len();
    let mut counts = vec![[0; Family::ALL.len()]; n];
    let mut codes = vec![BTreeSet::new(); n];
    let mut clean = vec![true; n];
    for d in outcome.diagnostics.iter().filter(|d| d.doc < n) {
        if let Some(family) = Family::ALL.iter().position(|f| *f == d.rule.family) {
            counts[d.doc][family] += 1;
        }
        codes[d.doc].insert(d.rule.code);
        if fail_on.is_some_and(|threshold| d.severity >= threshold) {
            clean[d.doc] = false;
        }
    }
    Summary {
        counts,
        codes: codes.into_iter().map(|c| c.into_iter().collect()).collect(),
        clean,
    }
}

/// Fixes the texts as one corpus (a text repeating another loses the repeated part).
pub fn fix_texts(
    texts: Vec<Text>,
    settings: &Settings,
    options: FixOptions,
) -> Result<FixOutcome, Error> {
    let corpus = corpus(texts);
    let checked = vec![true; corpus.len()];
    fix_corpus(corpus, checked, Vec::new(), settings, options, &NoProgress)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolved(select: &[&str]) -> Resolved {
        settings(
            None,
            Some(select.iter().map(|s| s.to_string()).collect()),
            None,
        )
        .and_then(|s| s.resolve())
        .expect("settings")
    }

    const SHARED: &str = "The river flooded the lower town twice this spring, and the council has promised a new levee before the autumn rains arrive in force.";

    #[test]
    fn findings_name_texts_by_id_in_input_order() {
        let texts = vec![
            Text::new("b", "Clean text.\n"),
            Text::new("a", "A no-break\u{a0}space.\n"),
        ];
        let outcome = check_texts(texts, &resolved(&["E005"]));
        assert_eq!(outcome.diagnostics.len(), 1);
        let doc = outcome.corpus.get(outcome.diagnostics[0].doc);
        assert_eq!(doc.display(), "a");
        let summary = summarize(&outcome, Some(Severity::Warning));
        assert_eq!(summary.clean, [true, false]);
        assert_eq!(summary.codes, [vec![], vec!["E005"]]);
    }

    #[test]
    fn one_corpus_compares_texts_each_alone_does_not() {
        let texts = vec![
            Text::new("one", format!("First.\n\n{SHARED}\n")),
            Text::new("two", format!("Second.\n\n{SHARED}\n")),
        ];
        let settings = resolved(&["duplicate"]);
        let together = check_texts(texts.clone(), &settings);
        assert!(together.diagnostics.iter().any(|d| d.rule.code == "D002"));
        let alone = check_each(texts, &settings);
        assert_eq!(alone.len(), 2);
        assert!(alone.iter().all(|o| o.diagnostics.is_empty()));
    }

    #[test]
    fn fixing_cleans_the_text() {
        let outcome = fix_texts(
            vec![Text::new("a", "A no-break\u{a0}space.\n")],
            &settings(None, Some(vec!["E005".into()]), None).expect("settings"),
            FixOptions::default(),
        )
        .expect("fix");
        assert_eq!(outcome.documents[0].text, "A no-break space.\n");
        assert_eq!(outcome.documents[0].changes[0].before, "\u{a0}");
    }

    #[test]
    fn a_missing_configuration_file_is_an_error() {
        let err = settings(Some(Path::new("no/such/corpuslint.toml")), None, None);
        assert!(matches!(err, Err(Error::Configuration(_))));
    }

    #[test]
    fn unknown_selectors_are_errors() {
        let err = settings(None, Some(vec!["X9".into()]), None).and_then(|s| s.resolve());
        assert!(matches!(err, Err(Error::UnknownSelector(_))));
    }
}
