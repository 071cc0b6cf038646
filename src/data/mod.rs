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
    pub glued_words: glued_words::GluedWords,
}

#[cfg(test)]
impl RuleData {
    /// The built-in files of `rules/` alone, compiled once, for tests.
    pub fn for_tests() -> &'static Self {
        static DATA: std::sync::OnceLock<RuleData> = std::sync::OnceLock::new();
        DATA.get_or_init(|| Self {
            phrases: phrases::Phrases::from_files(&[("rules/chrome.toml", phrases::CHROME_TOML)])
                .expect("rules/chrome.toml"),
            metadata: metadata::MetadataData::builtin().expect("rules/metadata.toml"),
            glued_words: glued_words::GluedWords::from_files(&[(
                "rules/glued_words.toml",
                glued_words::GLUED_WORDS_TOML,
            )])
            .expect("rules/glued_words.toml"),
        })
    }
}
