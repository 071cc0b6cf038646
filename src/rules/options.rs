//! The options of the rule families, as rules see them: resolved from the settings once.
//! They sit below the families so that what rules are given never depends on the rules;
//! each family names its own as `Options`, and documents them under its rules'
//! "Configuration".

use serde::{Deserialize, Serialize};

use crate::provenance::Options as MetadataOptions;

/// What the rules are told: each family's thresholds and requirements.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RuleOptions {
    pub encoding: EncodingOptions,
    pub duplicate: DuplicateOptions,
    pub chrome: ChromeOptions,
    pub metadata: MetadataOptions,
}

/// Options of the encoding family.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EncodingOptions {
    /// Words that `glued-words` never reports (`GnuTLS`), beside the built-in list.
    pub glued_words_allow: Vec<String>,
    /// Glued-words files of your own, in the format of the built-in
    /// `rules/glued_words.toml` (paths relative to the configuration file).
    pub glued_words_files: Vec<std::path::PathBuf>,
}

/// Thresholds of the duplicate family.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DuplicateOptions {
    /// A paragraph with fewer characters (after normalization) is never a finding on its
    /// own; it still counts inside a repeated block.
    pub min_chars: usize,
    /// A paragraph with fewer words is never a finding on its own either.
    pub min_words: usize,
    /// Word-level similarity (0–1) from which two paragraphs are near-duplicates.
    pub near_threshold: f64,
    /// A paragraph with fewer words is never a near-duplicate: in a headline or a caption,
    /// one changed word makes another headline, not an edited copy.
    pub near_min_words: usize,
    /// A run of paragraphs found in another file is a finding from this many words on:
    /// two articles that share a headline or a one-line quotation do not share content.
    pub cross_file_min_words: usize,
    /// Share of a document's text found in one other document that makes it a copy.
    pub document_share: f64,
    /// A paragraph found in at least this share of the documents (and in at least
    /// `template_min_docs` of them) is site template: chrome's business, not a duplicate.
    pub template_share: f64,
    pub template_min_docs: usize,
    /// A line shorter than `template_line_chars` found in `template_line_min_docs`
    /// documents is site template too (`© 2024 The Daily Ledger. All rights reserved.`).
    pub template_line_chars: usize,
    pub template_line_min_docs: usize,
    /// Share of a paragraph's words (0–1) found in order in another document that makes
    /// it reused text.
    pub reuse_share: f64,
    /// A paragraph with fewer words is never reused text.
    pub reuse_min_words: usize,
    /// A fingerprint (a run of words) found in more documents is a generic phrase: it
    /// links no two documents as reuse.
    pub reuse_max_docs: usize,
    /// Two documents are reported as reuse when this many paragraphs of one are found in
    /// the other: a single shared passage is a quotation.
    pub reuse_min_paragraphs: usize,
    /// Two documents are compared for reuse when the specific fingerprints they share are
    /// this share (0–1) of the smaller one's: a rewrite shares much of its text with its
    /// source, two articles on one subject a sentence or two.
    pub reuse_min_overlap: f64,
}

impl Default for DuplicateOptions {
    fn default() -> Self {
        Self {
            min_chars: 30,
            min_words: 5,
            near_threshold: 0.9,
            near_min_words: 15,
            cross_file_min_words: 15,
            document_share: 0.9,
            template_share: 0.02,
            template_min_docs: 10,
            template_line_chars: 100,
            template_line_min_docs: 3,
            reuse_share: 0.5,
            reuse_min_words: 8,
            reuse_max_docs: 10,
            reuse_min_paragraphs: 2,
            reuse_min_overlap: 0.2,
        }
    }
}

/// Thresholds of the chrome family.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ChromeOptions {
    /// A line is site template when it is in at least this many documents...
    pub template_min_docs: usize,
    /// ...and in at least this share of the files of its folder.
    pub template_folder_share: f64,
    /// Phrase files of your own, read beside the built-in `rules/chrome.toml` (paths
    /// relative to the configuration file).
    pub phrase_files: Vec<std::path::PathBuf>,
}

impl Default for ChromeOptions {
    fn default() -> Self {
        Self {
            template_min_docs: 3,
            template_folder_share: 0.3,
            phrase_files: Vec::new(),
        }
    }
}
