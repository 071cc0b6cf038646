//! Rule data: the TOML files of `rules/`, embedded in the binary.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::Deserialize;

/// `rules/glued_words.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GluedWords {
    pub allow: Vec<String>,
}

pub const GLUED_WORDS_TOML: &str = include_str!("../rules/glued_words.toml");

/// Words that look glued but are real names.
pub fn glued_word_allowlist() -> &'static HashSet<String> {
    static ALLOW: OnceLock<HashSet<String>> = OnceLock::new();
    ALLOW.get_or_init(|| match toml::from_str::<GluedWords>(GLUED_WORDS_TOML) {
        Ok(data) => data.allow.into_iter().collect(),
        // The embedded file is checked by a test; an empty list only makes the rule stricter.
        Err(_) => HashSet::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glued_words_data_parses_and_is_sorted_and_unique() {
        let data: GluedWords = toml::from_str(GLUED_WORDS_TOML).expect("rules/glued_words.toml");
        let mut sorted = data.allow.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(
            data.allow, sorted,
            "keep rules/glued_words.toml sorted and unique"
        );
        assert!(glued_word_allowlist().contains("macOS"));
    }
}
