//! Rule data: phrase lists, glued-word allow lists, byline labels and date patterns. The
//! built-in files of `rules/` are embedded in the binary; users add files of their own.

pub mod glued_words;
pub mod metadata;
pub mod phrases;

/// Compiled rule data: the built-in files of `rules/` and the user's.
#[derive(Debug)]
pub struct RuleData {
    pub phrases: phrases::Phrases,
    pub metadata: metadata::MetadataData,
}
