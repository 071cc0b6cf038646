//! Provenance: who wrote a document, when, and where it came from. Explicit metadata
//! (front matter, sidecar, manifest) wins over what the text says (bylines, title).

pub mod author_notes;
pub mod byline;
pub mod candidates;
pub mod cjk_byline;
pub use crate::document::front_matter;
pub mod infer;
pub mod labels;
mod memo_header;
pub mod name_lines;
pub mod names;
pub mod resolve;
pub mod sources;
pub mod teasers;

use serde::{Deserialize, Serialize};

use crate::document::DocId;
use crate::text::span::Span;

/// The provenance fields corpuslint resolves.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum FieldName {
    Title,
    Author,
    Date,
    Source,
}

impl FieldName {
    pub const ALL: [FieldName; 4] = [
        FieldName::Title,
        FieldName::Author,
        FieldName::Date,
        FieldName::Source,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FieldName::Title => "title",
            FieldName::Author => "author",
            FieldName::Date => "date",
            FieldName::Source => "source",
        }
    }

    /// Keys that give this field in front matter, sidecars and manifests.
    pub fn keys(self) -> &'static [&'static str] {
        match self {
            FieldName::Title => &["title", "headline"],
            FieldName::Author => &["author", "authors", "byline", "creator"],
            FieldName::Date => &[
                "date",
                "published",
                "date_published",
                "publication_date",
                "pubdate",
            ],
            FieldName::Source => &["source", "publisher", "site", "site_name", "outlet"],
        }
    }
}

/// Where a value came from, highest priority first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    FrontMatter,
    /// The fields of a JSON Lines record.
    Record,
    Sidecar,
    Manifest,
    Text,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::FrontMatter => "front-matter",
            Origin::Record => "record",
            Origin::Sidecar => "sidecar",
            Origin::Manifest => "manifest",
            Origin::Text => "text",
        }
    }
}

/// A resolved value and where it is written.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    pub value: String,
    pub origin: Origin,
    /// The document (or provenance file) and span where the value is written.
    pub doc: DocId,
    pub span: Span,
    /// 1-based line in that document.
    pub line: usize,
    /// For a value read from the text: how it was read, and how sure that is.
    pub evidence: Option<infer::Evidence>,
}

/// The resolved provenance of one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    pub title: Option<Value>,
    pub author: Option<Value>,
    pub date: Option<Value>,
    pub source: Option<Value>,
}

impl Metadata {
    pub fn get(&self, field: FieldName) -> Option<&Value> {
        match field {
            FieldName::Title => self.title.as_ref(),
            FieldName::Author => self.author.as_ref(),
            FieldName::Date => self.date.as_ref(),
            FieldName::Source => self.source.as_ref(),
        }
    }

    pub fn slot(&mut self, field: FieldName) -> &mut Option<Value> {
        match field {
            FieldName::Title => &mut self.title,
            FieldName::Author => &mut self.author,
            FieldName::Date => &mut self.date,
            FieldName::Source => &mut self.source,
        }
    }
}

/// Hex sha256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for b in digest {
        hex.push_str(&format!("{b:02x}"));
    }
    hex
}

/// What the metadata family requires.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    /// Fields every document must have: a missing one is a warning.
    pub required: Vec<FieldName>,
    /// Fields a document should have: a missing one is reported as info.
    pub recommended: Vec<FieldName>,
    /// Dates before this year are implausible for web text.
    pub min_year: i32,
    /// Files of byline labels and month names of the user's, read beside the built-in
    /// `rules/metadata.toml` and `rules/dates.toml` (paths relative to the configuration
    /// file).
    pub data_files: Vec<std::path::PathBuf>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            required: vec![FieldName::Author, FieldName::Date, FieldName::Source],
            recommended: vec![FieldName::Title],
            min_year: 1990,
            data_files: Vec::new(),
        }
    }
}
