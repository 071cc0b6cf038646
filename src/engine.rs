//! The engine: runs the per-document rules on every checked document in parallel, the
//! corpus analyses beside them, then the corpus rules; sorts the findings and applies the
//! per-file ignores and severities of the settings.

use rayon::prelude::*;

use crate::corpus::{Corpus, DOCUMENTS_PER_TASK};
use crate::diagnostic::edit::Applicability;
use crate::diagnostic::{Diagnostic, Family, Rule, Severity, SharedWords};
use crate::document::{DocId, Document};
use crate::error::FileError;
use crate::progress::{Passes, Progress};
use crate::provenance::Metadata;
use crate::provenance::resolve;
use crate::provenance::sources::Sources;
use crate::rules::check::{Check, CorpusCheck, DocumentCheck, Lint, Reporter};
use crate::rules::chrome;
use crate::rules::context::{Analyses, CorpusContext};
use crate::rules::document_context::DocumentContext;
use crate::rules::duplicate;
use crate::rules::{prepare, registry};
use crate::settings::resolve::Resolved;

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
    pub timings: Passes,
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

    /// Number of findings with a safe fix, and with an unsafe one.
    pub fn fixes(&self) -> (usize, usize) {
        let with_fix = |applicability| {
            self.diagnostics
                .iter()
                .filter(|d| {
                    d.fix
                        .as_ref()
                        .is_some_and(|f| f.applicability == applicability)
                })
                .count()
        };
        (
            with_fix(Applicability::Safe),
            with_fix(Applicability::Unsafe),
        )
    }

    /// Whether a finding reaches the failing severity.
    pub fn fails(&self, fail_on: Option<Severity>) -> bool {
        fail_on.is_some_and(|threshold| self.diagnostics.iter().any(|d| d.severity >= threshold))
    }
}

/// What the rules found in a corpus.
pub struct Analysis {
    pub diagnostics: Vec<Diagnostic>,
    /// The resolved provenance of each document, when asked for.
    pub metadata: Option<Vec<Metadata>>,
    /// The chrome found, when the chrome rules ran: what the next fix round starts from.
    pub chrome: Option<chrome::runs::Analysis>,
}

/// What one analysis runs over: the documents (those checked, the rest being context),
/// their provenance files, the resolved settings and the rules to run.
pub struct Inputs<'a> {
    pub corpus: &'a Corpus,
    pub checked: &'a [bool],
    pub sources: &'a Sources,
    pub settings: &'a Resolved,
    /// The rules to run: those of the settings, or fewer (a fix round runs the fixable ones).
    pub rules: &'a [&'static Rule],
    /// The documents the per-document rules run on; `None`: every checked one. A fix
    /// round leaves out those the round before did not change or settled (see
    /// `fix::settle`), which have nothing left for them to fix.
    pub document_rules: Option<&'a [bool]>,
    /// The chrome found by an earlier analysis of these documents, and the documents
    /// whose chrome it still is (a fix round's, as most documents did not change).
    pub chrome_earlier: Option<chrome::analysis::Earlier<'a>>,
    /// Whether the chrome found is handed back (to the next fix round); otherwise it is
    /// freed as soon as the chrome rules have reported.
    pub keep_chrome: bool,
}

impl<'a> Inputs<'a> {
    /// The rules of `settings` over every checked document.
    pub fn new(
        corpus: &'a Corpus,
        checked: &'a [bool],
        sources: &'a Sources,
        settings: &'a Resolved,
    ) -> Self {
        Self {
            corpus,
            checked,
            sources,
            settings,
            rules: &settings.rules,
            document_rules: None,
            chrome_earlier: None,
            keep_chrome: false,
        }
    }
}

/// The checks of the per-document rules among `rules`.
pub fn document_checks(rules: &[&'static Rule]) -> Vec<DocumentCheck> {
    rules
        .iter()
        .filter_map(|rule| registry::lint(rule))
        .filter_map(|lint| match lint.check {
            Check::Document(check) => Some(check),
            Check::Corpus(_) => None,
        })
        .collect()
}

/// What `checks` find in `doc`, the document numbered `id`: they read nothing else.
pub fn check_document(
    doc: &Document,
    id: DocId,
    checks: &[DocumentCheck],
    settings: &Resolved,
) -> Vec<Diagnostic> {
    let mut reporter = Reporter::new(id);
    let context = DocumentContext::new(doc, &settings.data, &settings.options);
    for check in checks {
        check(&context, &mut reporter);
    }
    reporter.into_diagnostics()
}

/// Runs the rules over a loaded corpus: document rules (on the checked documents) and the
/// corpus analyses (over all of them) in parallel, then the corpus rules report, keeping
/// the findings in checked documents. `lap` is called after each pass with its name, and
/// `progress` told of each document checked and of the corpus pass.
pub fn analyze(
    inputs: &Inputs,
    with_metadata: bool,
    lap: &mut dyn FnMut(&'static str),
    progress: &dyn Progress,
) -> Analysis {
    let &Inputs {
        corpus,
        checked,
        sources,
        settings,
        rules,
        document_rules,
        chrome_earlier,
        keep_chrome,
    } = inputs;
    let document_rules = document_rules.unwrap_or(checked);
    let checked_count = checked.iter().filter(|&&c| c).count();
    progress.stage("checking", Some(checked_count));
    let lints: Vec<&Lint> = rules
        .iter()
        .filter_map(|rule| registry::lint(rule))
        .collect();
    let document_checks = document_checks(rules);
    let none = Analyses::default();
    let context = CorpusContext {
        corpus,
        options: &settings.options,
        data: &settings.data,
        sources,
        reported: checked,
        enabled: rules,
        analyses: &none,
    };
    let ((mut diagnostics, mut shared), mut analyses) = rayon::join(
        || {
            // Gathered a slice of documents at a time: the findings of the whole corpus
            // are never held twice, in per-thread lists and in the one list.
            let mut diagnostics = Vec::new();
            let mut shared = SharedWords::default();
            for (part, chunk) in corpus.documents.chunks(CHECK_DOCUMENTS).enumerate() {
                let first = part * CHECK_DOCUMENTS;
                let found: Vec<Vec<Diagnostic>> = chunk
                    .par_iter()
                    .with_max_len(DOCUMENTS_PER_TASK)
                    .enumerate()
                    .map(|(i, doc)| (first + i, doc))
                    .filter(|&(id, _)| checked[id] && document_rules[id])
                    .map(|(id, doc)| {
                        let found = check_document(doc, id, &document_checks, settings);
                        progress.advance(1);
                        found
                    })
                    .collect();
                diagnostics.extend(found.into_iter().flatten().map(|d| shared.of(d)));
            }
            // Grown by doubling, the list may hold room for nearly as many findings again
            // while the corpus analyses run beside.
            diagnostics.shrink_to_fit();
            // The corpus analyses may still be running beside.
            progress.stage("cross-file rules", None);
            (diagnostics, shared)
        },
        || prepare::prepare(&context, with_metadata, chrome_earlier),
    );
    lap("document rules + corpus analyses");
    // Family by family, each shared analysis freed once the rules that read it have
    // reported (unless the caller takes it): the findings of the corpus rules are never
    // held beside every analysis they come from.
    for family in REPORT_ORDER {
        let checks: Vec<CorpusCheck> = lints
            .iter()
            .filter(|lint| lint.rule.family == family)
            .filter_map(|lint| match lint.check {
                Check::Corpus(check) => Some(check),
                Check::Document(_) => None,
            })
            .collect();
        let context = CorpusContext {
            analyses: &analyses,
            ..context
        };
        // On the threads of the pool, where the analyses ran (the memory they freed is
        // reused there, where the calling thread would take more from the system), one
        // rule beside another; their findings are gathered in the order of the rules.
        let reported: Vec<Vec<Diagnostic>> = checks
            .par_iter()
            .map(|check| {
                let mut reporter = Reporter::default();
                check(&context, &mut reporter);
                reporter.into_diagnostics()
            })
            .collect();
        // Room for exactly these: grown by doubling, the list of every finding could hold
        // room for nearly as many again until it is rendered.
        diagnostics.reserve_exact(reported.iter().map(Vec::len).sum());
        diagnostics.extend(reported.into_iter().flatten().map(|d| shared.of(d)));
        match family {
            Family::Duplicate => drop(analyses.take::<duplicate::analysis::Analysis>()),
            Family::Chrome if !keep_chrome => drop(analyses.take::<chrome::runs::Analysis>()),
            Family::Metadata if !with_metadata => drop(analyses.take::<resolve::Analysis>()),
            _ => {}
        }
    }
    // With context, findings in context documents and in their provenance files are
    // left to the run that checks them.
    if checked.contains(&false) {
        diagnostics.retain(|d| checked.get(d.doc).copied().unwrap_or(false));
    }
    lap("corpus rules: report");
    let metadata = with_metadata.then(|| {
        analyses
            .take::<resolve::Analysis>()
            .map(|m| m.docs.into_iter().map(|d| d.metadata).collect())
            .unwrap_or_default()
    });
    let chrome = analyses.take::<chrome::runs::Analysis>();
    // The rest served only the corpus rules: freed before the findings are sorted.
    drop(analyses);
    sort_findings(&mut diagnostics);
    settings.adjust(&mut diagnostics, |d| corpus.get(d.doc).file_path());
    lap("sort");
    Analysis {
        diagnostics,
        metadata,
        chrome,
    }
}

/// The order the families' corpus rules report in. The provenance of every document is
/// freed first, then the duplicates; the chrome rules, which find the most, report last,
/// when their own analysis is the only one left beside the findings.
const REPORT_ORDER: [Family; 5] = [
    Family::Metadata,
    Family::Duplicate,
    Family::Chrome,
    Family::Encoding,
    Family::Layout,
];

/// Documents checked in one parallel pass before their findings join the list.
const CHECK_DOCUMENTS: usize = 1024;

/// Sorts the findings by document, span and rule, keeping the order of equal ones: a
/// stable sort of the indices, then the findings moved in place, so that no second list
/// of findings is made for the sort.
fn sort_findings(diagnostics: &mut [Diagnostic]) {
    let mut order: Vec<usize> = (0..diagnostics.len()).collect();
    order.sort_by(|&a, &b| diagnostics[a].sort_key().cmp(&diagnostics[b].sort_key()));
    // Each cycle of the permutation is walked once; a place is marked done by pointing
    // at itself.
    for start in 0..order.len() {
        let mut at = start;
        while order[at] != start {
            let next = order[at];
            diagnostics.swap(at, next);
            order[at] = at;
            at = next;
        }
        order[at] = at;
    }
}

/// The resolved provenance of every document.
#[derive(Debug)]
pub struct MetaOutcome {
    pub corpus: Corpus,
    pub documents: Vec<Metadata>,
    pub errors: Vec<FileError>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::layout::{extra_blank_lines, unseparated_paragraphs};
    use crate::text::span::Span;

    #[test]
    fn every_family_reports() {
        for family in Family::ALL {
            assert!(REPORT_ORDER.contains(&family), "{family:?}");
        }
    }

    #[test]
    fn findings_are_sorted_as_a_stable_sort_would() {
        let rules = [&extra_blank_lines::RULE, &unseparated_paragraphs::RULE];
        // Scrambled keys, many of them equal: the messages tell equal ones apart.
        let mut diagnostics: Vec<Diagnostic> = (0..200usize)
            .map(|i| {
                let key = i * 7919 % 13;
                let span = Span::new(key % 3, key % 3 + 1);
                Diagnostic::new(rules[key % 2], key % 5, span, format!("finding {i}"))
            })
            .collect();
        let mut expected = diagnostics.clone();
        expected.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        sort_findings(&mut diagnostics);
        let messages = |list: &[Diagnostic]| -> Vec<String> {
            list.iter().map(|d| d.message.to_string()).collect()
        };
        assert_eq!(messages(&diagnostics), messages(&expected));
    }

    #[test]
    fn findings_that_say_the_same_share_their_words() {
        let documents = (0..40)
            .map(|n| {
                let text = format!("Note {n}.\n\n\n\nThe end of note {n}.\n");
                crate::document::Document::from_bytes(
                    format!("notes/{n}.txt").into(),
                    text.into_bytes(),
                )
            })
            .collect();
        let corpus = Corpus {
            documents,
            ..Corpus::default()
        };
        let outcome =
            crate::check_corpus(corpus, &crate::settings::Settings::default()).expect("checked");
        let blank: Vec<&Diagnostic> = outcome
            .diagnostics
            .iter()
            .filter(|d| d.rule.code == extra_blank_lines::RULE.code)
            .collect();
        assert_eq!(blank.len(), 40);
        assert!(
            blank
                .iter()
                .all(|d| d.message.is_same_copy(&blank[0].message)),
            "{:?}",
            blank[0].message
        );
    }
}
