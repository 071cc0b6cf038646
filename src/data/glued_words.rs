//! The glued-words data: names that look like two words glued together but are not.

use serde::Deserialize;

pub const GLUED_WORDS_TOML: &str = include_str!("../../rules/glued_words.toml");

/// The lists of `rules/glued_words.toml` and of any other glued-words file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct GluedWords {
    /// Whole words that are names.
    pub allow: Vec<String>,
    /// Upper-case endings that make a word a product name (`CentOS`).
    pub name_suffixes: Vec<String>,
    /// Beginnings that make a word a name when a capital follows them (`OpenLDAP`).
    pub name_prefixes: Vec<String>,
}

impl GluedWords {
    /// Whether `word`, glued-looking, is a name that must not be reported.
    pub fn is_name(&self, word: &str) -> bool {
        // A name's plural is the name (`binNMUs`).
        let singular = word.strip_suffix('s');
        self.allow
            .iter()
            .any(|w| w == word || singular == Some(w.as_str()))
            || self.name_suffixes.iter().any(|s| {
                word.strip_suffix(s.as_str())
                    .is_some_and(|stem| stem.chars().next_back().is_some_and(char::is_lowercase))
            })
            || self.name_prefixes.iter().any(|p| {
                word.strip_prefix(p.as_str())
                    .and_then(|rest| rest.chars().next())
                    .is_some_and(char::is_uppercase)
            })
    }

    /// The lists of `files` (name, text), one after the other; a file that does not parse
    /// is an error naming it.
    pub fn from_files(files: &[(&str, &str)]) -> Result<Self, String> {
        let mut data = Self::default();
        for (name, text) in files {
            let file: Self = toml::from_str(text).map_err(|err| format!("{name}: {err}"))?;
            data.allow.extend(file.allow);
            data.name_suffixes.extend(file.name_suffixes);
            data.name_prefixes.extend(file.name_prefixes);
        }
        Ok(data)
    }
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
        let data = GluedWords::from_files(&[("rules/glued_words.toml", GLUED_WORDS_TOML)])
            .expect("rules/glued_words.toml");
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
