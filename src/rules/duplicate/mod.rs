//! The duplicate family: paragraphs repeated within a file or across the corpus, exactly
//! or nearly, and whole documents saved twice.
//!
//! `analysis` runs once per check, from `exact` (the exact index and repeated blocks),
//! `near` (near-duplicates, with `minhash`) and `copies` (documents saved twice); each
//! rule file reports its part of it with the help of `report`.

pub mod analysis;
mod copies;
pub mod cross_file_duplicate;
pub mod duplicate_document;
pub mod duplicate_paragraph;
mod exact;
mod minhash;
mod near;
pub mod near_duplicate;
mod report;

use serde::{Deserialize, Serialize};

/// Thresholds of the duplicate family.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
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
}

impl Default for Options {
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
        }
    }
}

#[cfg(test)]
mod test_support {
    //! Paragraphs and corpora the analysis tests share.

    use super::Options;
    use crate::corpus::Corpus;
    use crate::document::Document;

    /// A corpus of one document per text, named `0.txt`, `1.txt`…
    pub fn corpus(texts: &[&str]) -> Corpus {
        Corpus {
            documents: texts
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    Document::from_bytes(format!("{i}.txt").into(), t.as_bytes().to_vec())
                })
                .collect(),
            auxiliary: Vec::new(),
        }
    }

    pub const A: &str =
        "The UK said it views China and Russia as strategic rivals in some major technologies.";
    pub const B: &str =
        "It is not surprising that the UK launched groundless attacks on China and Russia.";
    pub const C: &str = "Debates over the rules governing cyberspace will increasingly become a site of competition.";

    /// The test paragraphs are short: options that let them be near-duplicates.
    pub fn short_paragraphs() -> Options {
        Options {
            near_min_words: 5,
            ..Options::default()
        }
    }
}
