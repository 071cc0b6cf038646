//! Corpus-wide rules as map and reduce steps, for corpora processed in shards on an
//! engine that groups records by key (Spark, Beam, a shell pipeline with `sort`).
//!
//! - map (`corpuslint map`): per document, one [`record::DocumentRecord`]: the content
//!   hash, the paragraphs (key, span, lines) and the link keys of the duplicate rules;
//!   per folder (a shard's records are one folder), one [`record::FolderRecord`]: its
//!   document count and how many of its documents hold each one-line paragraph.
//! - shuffle: documents that share a link key belong together (connected groups); the
//!   folder records are summed into the [`Whole`] corpus counts.
//! - reduce (`corpuslint reduce --corpus RECORDS`): each group of documents is checked
//!   by the same engine as `check`, its thresholds taken from the counts of the whole
//!   corpus. Two documents that share no key have no cross-document finding together,
//!   so the union of the groups' findings is the finding of the whole corpus.
//!
//! The format is versioned (`"v": 2`) and described in `docs/map-reduce.md`.

pub mod record;

pub use crate::corpus::Whole;
