//! The metadata family: who wrote each document, when, and where it came from, and
//! whether its provenance record still matches its bytes.

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

pub use crate::provenance::Options;
