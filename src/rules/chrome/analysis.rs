//! The chrome analysis, run once per check and shared by the family's rules: which
//! detectors run and in what order, and how the lines they find form runs.
//!
//! Every non-blank line gets at most one piece of evidence, strongest first: a phrase of
//! the chrome data (C001), a line repeated across the documents of its folder (C003), the
//! text of a chart (C007), a picture gallery (C008), a navigation structure (C002), a comment section under the
//! page's article (C006), its place outside the article (C005), or its context between
//! chrome lines (C004), which comes last because it reads the lines the others found. Consecutive chrome lines form
//! one run, reported once under the strongest evidence in it. How each kind of evidence
//! is found is the business of its rule file; where a page's article is, the business of
//! `article`, computed once per page when a detector first asks.

use rayon::prelude::*;

use super::article::Layout;
use super::evidence::{ChromeLine, Detector, Marks, Page};
use super::runs::{Analysis, Run};
use super::{
    Options, boilerplate_phrase, chrome_context, comment_section, gallery, graphic_text, lines,
    navigation, outside_article, site_template,
};
use crate::corpus::{Corpus, DOCUMENTS_PER_TASK};
use crate::data::RuleData;
use crate::diagnostic::Rule;
use crate::document::{DocId, Document};

/// The detectors, strongest first.
const DETECTORS: &[&Detector] = &[
    &boilerplate_phrase::DETECTOR,
    &site_template::DETECTOR,
    &graphic_text::DETECTOR,
    &gallery::DETECTOR,
    &navigation::DETECTOR,
    &comment_section::DETECTOR,
    &outside_article::DETECTOR,
    &chrome_context::DETECTOR,
];

/// A detector's place in `DETECTORS`, as evidence keeps it (there are far fewer than 256).
fn rank_of(index: usize) -> u8 {
    u8::try_from(index).unwrap_or(u8::MAX)
}

/// Which detectors run: those of the selected rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Enabled([bool; DETECTORS.len()]);

impl Enabled {
    /// Every detector.
    pub const ALL: Enabled = Enabled([true; DETECTORS.len()]);

    /// The detectors of the rules in `rules`.
    pub fn of(rules: &[&'static Rule]) -> Self {
        Self(std::array::from_fn(|i| {
            rules.iter().any(|r| r.code == DETECTORS[i].rule.code)
        }))
    }
}

/// An earlier analysis of the same documents, and the documents whose runs it found
/// still hold: a page's runs depend on its own text and, through site template, on how
/// many documents hold each of its one-line paragraphs; the caller marks the documents
/// for which neither changed (the fix rounds, where few documents change).
#[derive(Debug, Clone, Copy)]
pub struct Earlier<'a> {
    pub analysis: &'a Analysis,
    /// The detectors it ran.
    pub enabled: Enabled,
    pub keep: &'a [bool],
}

/// Finds the chrome of `corpus` with the `enabled` detectors.
pub fn run(corpus: &Corpus, data: &RuleData, options: &Options, enabled: Enabled) -> Analysis {
    run_keeping(corpus, data, options, enabled, None, &|_| true)
}

/// [`run`] in the documents `wanted` keeps (site templates are still counted over all of
/// them), taking the runs of the documents `earlier` keeps from it rather than marking
/// their pages again (only when it ran the same detectors).
pub fn run_keeping(
    corpus: &Corpus,
    data: &RuleData,
    options: &Options,
    enabled: Enabled,
    earlier: Option<Earlier>,
    wanted: &(dyn Fn(DocId) -> bool + Sync),
) -> Analysis {
    let earlier = earlier.filter(|e| e.enabled == enabled);
    let markers: Vec<_> = DETECTORS
        .iter()
        .enumerate()
        .filter(|&(rank, _)| enabled.0[rank])
        .map(|(rank, &detector)| (rank, detector, (detector.prepare)(corpus, data, options)))
        .collect();
    // Every decision about a line's length compares it with a number no greater than these;
    // a longer line is counted only this far.
    let counted_words = DETECTORS
        .iter()
        .map(|d| (d.max_words)(&data.phrases))
        .chain([lines::MAX_METADATA_WORDS])
        .max()
        .unwrap_or(0)
        + 1;
    let pages: Vec<(DocId, Vec<Run>, Option<Layout>)> = corpus
        .documents
        .par_iter()
        .with_max_len(DOCUMENTS_PER_TASK)
        .enumerate()
        .filter(|&(doc, _)| wanted(doc))
        .map(|(doc, document)| {
            if let Some(earlier) = earlier.filter(|e| e.keep.get(doc) == Some(&true)) {
                return (doc, earlier.analysis.runs_of(doc).to_vec(), None);
            }
            let page = Page::new(doc, document, lines::non_blank(document, counted_words));
            let mut found = vec![None; page.lines.len()];
            for (rank, detector, marker) in &markers {
                let mut marks = Marks::new(&page.lines, &mut found, detector, rank_of(*rank));
                marker(&page, &mut marks);
            }
            let runs = runs(doc, document, found.into_iter().flatten());
            (doc, runs, page.into_layout())
        })
        .collect();
    let mut analysis = Analysis {
        runs: Vec::with_capacity(pages.iter().map(|(_, runs, _)| runs.len()).sum()),
        layouts: Vec::new(),
    };
    for (doc, runs, layout) in pages {
        analysis.runs.extend(runs);
        if let Some(layout) = layout {
            analysis.layouts.push((doc, layout));
        }
    }
    analysis
}

/// Groups chrome lines into runs: two chrome lines are in one run when only blank lines
/// lie between them.
fn runs(doc: DocId, document: &Document, lines: impl Iterator<Item = ChromeLine>) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    for line in lines {
        match runs.last_mut() {
            Some(run) if document.only_blank_between(run.last_line(), line.line()) => {
                run.lines.push(line)
            }
            _ => runs.push(Run {
                doc,
                lines: vec![line],
            }),
        }
    }
    // Runs live until the corpus rules have reported, a run of two lines in room for
    // four without this.
    for run in &mut runs {
        run.lines.shrink_to_fit();
    }
    runs
}

/// The documents as a corpus, and what the `enabled` detectors find in it with the
/// built-in phrases and the default options: what the detectors' tests look at.
#[cfg(test)]
pub(super) fn run_on(
    documents: Vec<crate::document::Document>,
    enabled: Enabled,
) -> (Corpus, Analysis) {
    let corpus = Corpus {
        documents,
        auxiliary: Vec::new(),
        whole: None,
    };
    let analysis = run(
        &corpus,
        &RuleData::builtin(&[]),
        &Options::default(),
        enabled,
    );
    (corpus, analysis)
}

/// The 1-based lines of `text`, read as a plain-text page, that the detectors of `rules`
/// find chrome.
#[cfg(test)]
pub(super) fn found_lines(text: &str, rules: &[&'static Rule]) -> Vec<usize> {
    let document =
        crate::document::Document::from_bytes("page.txt".into(), text.as_bytes().to_vec());
    let (_, analysis) = run_on(vec![document], Enabled::of(rules));
    analysis
        .runs
        .iter()
        .flat_map(|r| &r.lines)
        .map(|l| l.line() + 1)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    /// The rule of each chrome line of `text`, and the rule of each run.
    fn found(text: &str, enabled: Enabled) -> (Vec<(usize, &'static str)>, Vec<&'static str>) {
        let document = Document::from_bytes("a.txt".into(), text.as_bytes().to_vec());
        let (_, analysis) = run_on(vec![document], enabled);
        let lines = analysis
            .runs
            .iter()
            .flat_map(|r| &r.lines)
            .map(|l| (l.line(), l.evidence.detector.rule.code))
            .collect();
        let runs = analysis
            .runs
            .iter()
            .map(|r| r.detector().rule.code)
            .collect();
        (lines, runs)
    }

    const PAGE: &str = "Share\nHome | World | Business | Tech\nOpinion\nFacebook Twitter Email\n\n\
        The council voted on Tuesday to extend the library's opening hours through the winter.\n";

    #[test]
    fn a_line_keeps_the_strongest_evidence_and_a_run_its_strongest_rule() {
        let (lines, runs) = found(PAGE, Enabled::ALL);
        assert_eq!(lines, [(0, "C001"), (1, "C002"), (2, "C004"), (3, "C001")]);
        assert_eq!(runs, ["C001"]);
    }

    #[test]
    fn kept_documents_take_their_runs_from_an_earlier_analysis_of_the_same_detectors() {
        let corpus = |text: &str| Corpus {
            documents: ["a.txt", "b.txt"]
                .map(|name| Document::from_bytes(name.into(), text.as_bytes().to_vec()))
                .into(),
            auxiliary: Vec::new(),
            whole: None,
        };
        let data = RuleData::builtin(&[]);
        let options = Options::default();
        let earlier = run(&corpus(PAGE), &data, &options, Enabled::ALL);
        assert_eq!(
            earlier.runs.iter().map(|r| r.doc).collect::<Vec<_>>(),
            [0, 1]
        );
        // Both pages lost their chrome; the first is kept, so its runs are the earlier ones.
        let prose = "The council voted on Tuesday to extend the library's opening hours.\n";
        let keep = [true, false];
        let earlier = Some(Earlier {
            analysis: &earlier,
            enabled: Enabled::ALL,
            keep: &keep,
        });
        let later = run_keeping(
            &corpus(prose),
            &data,
            &options,
            Enabled::ALL,
            earlier,
            &|_| true,
        );
        assert_eq!(later.runs.iter().map(|r| r.doc).collect::<Vec<_>>(), [0]);
        // Runs found by other detectors are not taken.
        let navigation = Enabled::of(&[&navigation::RULE]);
        let other = run_keeping(
            &corpus(prose),
            &data,
            &options,
            navigation,
            earlier,
            &|_| true,
        );
        assert!(other.runs.is_empty());
    }

    #[test]
    fn only_the_enabled_detectors_run() {
        let (lines, runs) = found(PAGE, Enabled::of(&[&navigation::RULE]));
        assert_eq!(lines, [(1, "C002")]);
        assert_eq!(runs, ["C002"]);
    }
}
