//! The analyses several rules share, run once per check before the corpus rules report:
//! only those the selected rules need, the duplicate one beside the chrome and metadata
//! ones (each has sequential steps that leave a core idle).

use std::collections::HashSet;

use crate::corpus::Corpus;
use crate::data::RuleData;
use crate::diagnostic::{Family, Rule};
use crate::provenance::resolve;
use crate::provenance::sources::Sources;
use crate::rules::chrome;
use crate::rules::context::Analyses;
use crate::rules::duplicate;
use crate::rules::options::RuleOptions;

/// What the analyses run over.
pub struct Inputs<'a> {
    pub corpus: &'a Corpus,
    pub options: &'a RuleOptions,
    pub data: &'a RuleData,
    pub sources: &'a Sources,
    /// The documents whose findings are reported; the others are context.
    pub reported: &'a [bool],
    /// The rules that run.
    pub enabled: &'a [&'static Rule],
}

/// Runs the analyses the enabled rules need; the resolved provenance too when
/// `with_metadata` (the fix pipeline records it whatever the rules).
pub fn prepare(inputs: &Inputs, with_metadata: bool) -> Analyses {
    let wants = |family: Family| inputs.enabled.iter().any(|r| r.family == family);
    let selected = chrome::analysis::Enabled::of(inputs.enabled);
    let want_metadata = with_metadata || wants(Family::Metadata);
    let want_chrome = wants(Family::Chrome);
    let (duplicates, (chrome, metadata)) = rayon::join(
        || {
            wants(Family::Duplicate).then(|| {
                duplicate::analysis::Analysis::run_in_context(
                    inputs.corpus,
                    &inputs.options.duplicate,
                    inputs.reported,
                )
            })
        },
        || {
            let chrome = want_chrome.then(|| run_chrome(inputs, selected));
            let everything = chrome::analysis::Enabled::ALL;
            let chrome_all = (want_metadata && !(want_chrome && selected == everything))
                .then(|| run_chrome(inputs, everything));
            let metadata = want_metadata.then(|| {
                let lines = chrome_all.as_ref().or(chrome.as_ref());
                metadata(inputs, lines)
            });
            // Chrome with every kind of evidence served only the metadata.
            drop(chrome_all);
            (chrome, metadata)
        },
    );
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
pub fn provenance(inputs: &Inputs) -> resolve::Analysis {
    let chrome = run_chrome(inputs, chrome::analysis::Enabled::ALL);
    metadata(inputs, Some(&chrome))
}

/// The resolved provenance of every document, `chrome` lines left out of byline inference.
fn metadata(inputs: &Inputs, chrome: Option<&chrome::runs::Analysis>) -> resolve::Analysis {
    let mut chrome_lines = vec![HashSet::new(); inputs.corpus.documents.len()];
    for run in chrome.map(|c| c.runs.as_slice()).unwrap_or_default() {
        chrome_lines[run.doc].extend(run.lines.iter().map(|l| l.line));
    }
    resolve::Analysis::run(
        inputs.corpus,
        inputs.sources,
        &chrome_lines,
        &inputs.data.metadata,
        &inputs.options.metadata,
        chrono::Local::now().date_naive(),
    )
}

fn run_chrome(inputs: &Inputs, enabled: chrome::analysis::Enabled) -> chrome::runs::Analysis {
    chrome::analysis::run(
        inputs.corpus,
        &inputs.data.phrases,
        &inputs.options.chrome,
        enabled,
    )
}
