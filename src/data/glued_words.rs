//! Rule data: the TOML files of `rules/`, embedded in the binary.

use std::sync::OnceLock;

use serde::Deserialize;

/// `rules/glued_words.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GluedWords {
    /// Whole words that are names.
    pub allow: Vec<String>,
    /// Upper-case endings that make a word a product name (`CentOS`).
    pub name_suffixes: Vec<String>,
    /// Beginnings that make a word a name (`OpenLDAP`).
    pub name_prefixes: Vec<String>,
}

impl GluedWords {
    /// Whether `word`, glued-looking, is a name that must not be reported.
    pub fn is_name(&self, word: &str) -> bool {
        self.allow.iter().any(|w| w == word)
            || self.name_suffixes.iter().any(|s| {
                word.strip_suffix(s.as_str())
                    .is_some_and(|stem| stem.chars().next_back().is_some_and(char::is_lowercase))
            })
            || self
                .name_prefixes
                .iter()
                .any(|p| word.starts_with(p.as_str()))
    }
}

pub const GLUED_WORDS_TOML: &str = include_str!("../../rules/glued_words.toml");

/// The glued-words data: names that look glued but are not.
pub fn glued_words() -> &'static GluedWords {
    static DATA: OnceLock<GluedWords> = OnceLock::new();
    DATA.get_or_init(|| {
        toml::from_str(GLUED_WORDS_TOML).unwrap_or_else(|_| GluedWords {
            // The embedded file is checked by a test; empty lists only make the rule stricter.
            allow: Vec::new(),
            name_suffixes: Vec::new(),
            name_prefixes: Vec::new(),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glued_words_data_parses_and_is_sorted_and_unique() {
        let data: GluedWords = toml::from_str(GLUED_WORDS_TOML).expect("rules/glued_words.toml");
        for list in [&data.allow, &data.name_suffixes, &data.name_prefixes] {
            let mut sorted = list.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(
                list, &sorted,
                "keep rules/glued_words.toml sorted and unique"
            );
        }
    }

    #[test]
    fn names_are_recognised_three_ways() {
        let data = glued_words();
        assert!(data.is_name("macOS"));
        assert!(data.is_name("CentOS"));
        assert!(data.is_name("OpenLDAP"));
        assert!(!data.is_name("ChinaUS"));
        assert!(!data.is_name("EditionASIA"));
        // The suffix must follow lower case: `BIOS` is not `BI` + `OS`.
        assert!(
            !GluedWords {
                allow: vec![],
                name_suffixes: vec!["OS".into()],
                name_prefixes: vec![],
            }
            .is_name("XBIOS")
        );
    }
}
