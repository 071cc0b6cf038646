//! The metadata family: who wrote each document, when, and where it came from, and
//! whether its provenance record still matches its bytes.

pub mod analysis;
pub mod conflicting_metadata;
pub mod empty_metadata_field;
pub mod invalid_date;
pub mod invalid_metadata_file;
pub mod manifest_entry_orphaned;
pub mod manifest_hash_mismatch;
pub mod missing_author;
pub mod missing_date;
mod missing_fields;
pub mod missing_from_manifest;
pub mod missing_source;
pub mod missing_title;

use serde::{Deserialize, Serialize};

use crate::metadata::FieldName;

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
}

impl Default for Options {
    fn default() -> Self {
        Self {
            required: vec![FieldName::Author, FieldName::Date, FieldName::Source],
            recommended: vec![FieldName::Title],
            min_year: 1990,
        }
    }
}
