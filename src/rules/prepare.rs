//! The analyses several rules share, run once per check before the corpus rules report:
//! only those the selected rules need, the duplicate one first, then the chrome and
//! metadata ones. Each keeps every thread of the pool busy by itself, so one after the
//! other they take about as long as side by side, and the memory each works in (sketches
//! and fingerprints; lines and their templates) is never taken at once.

use rustc_hash::FxHashSet;

use crate::corpus::is_reported;
use crate::diagnostic::Family;
use crate::document::DocId;
use crate::provenance::candidates::PageLayout;
use crate::provenance::resolve;
use crate::rules::chrome;
use crate::rules::chrome::Layout;
use crate::rules::context::{Analyses, CorpusContext};
use crate::rules::duplicate;

/// Runs the analyses the enabled rules need, over what corpus rules see (the analyses
/// of `inputs` are not read: they are what this makes); the resolved provenance too when
/// `with_metadata` (the fix pipeline records it whatever the rules). The chrome of the
/// documents `chrome_earlier` keeps is taken from it.
pub fn prepare(
    inputs: &CorpusContext,
    with_metadata: bool,
    chrome_earlier: Option<chrome::analysis::Earlier>,
) -> Analyses {
    // Without provenance asked of every document, the chrome and provenance of documents
    // that are only context are never reported: they are not looked for.
    let reported = |doc: usize| with_metadata || is_reported(inputs.reported, doc);
    let wants = |family: Family| inputs.enabled.iter().any(|r| r.family == family);
    let selected = chrome::analysis::Enabled::of(inputs.enabled);
    let want_metadata = with_metadata || wants(Family::Metadata);
    let want_chrome = wants(Family::Chrome);
    let duplicates = wants(Family::Duplicate).then(|| {
        // Repeated paragraphs within a file read only the blocks.
        let beyond_blocks = [
            &duplicate::near_duplicate::RULE,
            &duplicate::duplicate_document::RULE,
            &duplicate::cross_file_duplicate::RULE,
            &duplicate::reused_text::RULE,
        ]
        .into_iter()
        .any(|rule| inputs.is_enabled(rule));
        if !beyond_blocks {
            return duplicate::analysis::Analysis::blocks_only(
                inputs.corpus,
                &inputs.options.duplicate,
            );
        }
        duplicate::analysis::Analysis::run_selected(
            inputs.corpus,
            &inputs.options.duplicate,
            inputs.reported,
            inputs.is_enabled(&duplicate::reused_text::RULE),
        )
    });
    let chrome = want_chrome.then(|| {
        chrome::analysis::run_keeping(
            inputs.corpus,
            inputs.data,
            &inputs.options.chrome,
            selected,
            chrome_earlier,
            &reported,
        )
    });
    let everything = chrome::analysis::Enabled::ALL;
    let chrome_all = (want_metadata && !(want_chrome && selected == everything))
        .then(|| run_chrome(inputs, everything, &reported));
    let metadata = want_metadata.then(|| {
        let lines = chrome_all.as_ref().or(chrome.as_ref());
        metadata(inputs, lines, &reported)
    });
    // Chrome with every kind of evidence served only the metadata, and so did the
    // layouts of the pages.
    drop(chrome_all);
    let chrome = chrome.map(|chrome| chrome::runs::Analysis {
        layouts: Vec::new(),
        ..chrome
    });
    let mut analyses = Analyses::default();
    if let Some(duplicates) = duplicates {
        analyses.insert(duplicates);
    }
    if let Some(chrome) = chrome {
        analyses.insert(chrome);
    }
    if let Some(metadata) = metadata {
        analyses.insert(metadata);
    }
    analyses
}

/// The resolved provenance of every document, as the metadata rules see it: chrome
/// found with every kind of evidence is left out of byline inference.
pub fn provenance(inputs: &CorpusContext) -> resolve::Analysis {
    let chrome = run_chrome(inputs, chrome::analysis::Enabled::ALL, &|_| true);
    metadata(inputs, Some(&chrome), &|_| true)
}

/// The resolved provenance of every document, `chrome` lines left out of byline inference.
fn metadata(
    inputs: &CorpusContext,
    chrome: Option<&chrome::runs::Analysis>,
    wanted: &(dyn Fn(usize) -> bool + Sync),
) -> resolve::Analysis {
    // Gathered for one document at a time: sets for all of them would be held through
    // the analysis.
    let chrome_lines = |doc: DocId| -> FxHashSet<usize> {
        let runs = chrome.map(|c| c.runs_of(doc)).unwrap_or_default();
        runs.iter()
            .flat_map(|run| run.lines.iter().map(|l| l.line()))
            .collect()
    };
    resolve::Analysis::run(
        inputs.corpus,
        inputs.sources,
        &chrome_lines,
        &inputs.data.metadata,
        &inputs.options.metadata,
        chrono::Local::now().date_naive(),
        &|doc, document| match chrome.and_then(|c| c.layout_of(doc)) {
            Some(layout) => page_layout(layout),
            None => {
                let page = chrome::evidence::Page::new(doc, document, Vec::new());
                page_layout(page.layout())
            }
        },
        wanted,
    )
}

/// Where the article and the comments of a page are, as the chrome rules find them.
fn page_layout(layout: &Layout) -> PageLayout {
    PageLayout {
        article: layout.article.map(|a| (a.first_line, a.last_line)),
        comments: layout
            .comments
            .iter()
            .map(|c| (c.first_line, c.last_line))
            .collect(),
    }
}

fn run_chrome(
    inputs: &CorpusContext,
    enabled: chrome::analysis::Enabled,
    wanted: &(dyn Fn(usize) -> bool + Sync),
) -> chrome::runs::Analysis {
    chrome::analysis::run_keeping(
        inputs.corpus,
        inputs.data,
        &inputs.options.chrome,
        enabled,
        None,
        wanted,
    )
}
