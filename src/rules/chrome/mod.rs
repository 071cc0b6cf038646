//! The chrome family: boilerplate that web pages put around an article (navigation,
//! share buttons, captions, related links, footers), left in the text by scraping.
//!
//! Each rule file holds the rule's docs and its detector; `evidence` the types they share;
//! `analysis` runs the detectors, strongest first, into the `runs` the rules report
//! (`report`).

pub mod analysis;
pub mod boilerplate_phrase;
pub mod chrome_context;
pub mod evidence;
mod lines;
pub mod navigation;
mod report;
pub mod runs;
pub mod site_template;

use serde::{Deserialize, Serialize};

/// Thresholds of the chrome family.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    /// A line is site template when it is in at least this many documents...
    pub template_min_docs: usize,
    /// ...and in at least this share of the files of its folder.
    pub template_folder_share: f64,
    /// Phrase files of your own, read beside the built-in `rules/chrome.toml` (paths
    /// relative to the configuration file).
    pub phrase_files: Vec<std::path::PathBuf>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            template_min_docs: 3,
            template_folder_share: 0.3,
            phrase_files: Vec::new(),
        }
    }
}
