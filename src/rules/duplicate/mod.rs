//! The duplicate family: paragraphs repeated within a file or across the corpus, exactly
//! or nearly, and whole documents saved twice.
//!
//! `analysis` runs once per check, from `exact` (the exact index and repeated blocks),
//! `near` (near-duplicates, with `minhash`), `copies` (documents saved twice) and `reuse`
//! (reused text, with `fingerprint`), `near` and `reuse` reading paragraphs as `words`;
//! each rule file reports its part of it with the help of `report`.

pub mod analysis;
mod candidates;
mod copies;
pub mod cross_file_duplicate;
pub mod duplicate_document;
pub mod duplicate_paragraph;
mod exact;
mod fingerprint;
pub mod keys;
mod linking;
mod lists;
mod minhash;
mod near;
pub mod near_duplicate;
mod radix;
mod report;
mod reuse;
pub mod reused_text;
mod shared_runs;
mod words;

pub use crate::rules::options::DuplicateOptions as Options;
pub use exact::Template;

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
            whole: None,
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
