//! Rule data: phrase lists, glued-word allow lists, byline labels and date patterns. The
//! built-in files of `rules/` are embedded in the binary; users add files of their own.

pub mod dates;
pub mod deferred;
pub mod glued_words;
pub mod metadata;
pub mod phrases;
pub mod stop_words;

use crate::error::Error;

/// Compiled rule data: the built-in files of `rules/` and the user's.
#[derive(Debug)]
pub struct RuleData {
    pub phrases: phrases::Phrases,
    pub metadata: metadata::MetadataData,
    pub glued_words: glued_words::GluedWords,
}

impl RuleData {
    /// Compiles the built-in files of `rules/` with the user's: phrase files
    /// (`(path, contents)`) after the built-in `rules/chrome.toml`, glued-words files after
    /// `rules/glued_words.toml`, words to allow beside them, and byline labels and month
    /// names beside `rules/metadata.toml` and `rules/dates.toml`.
    pub fn compile(user: &UserData) -> Result<Self, Error> {
        let mut files = vec![("rules/chrome.toml", phrases::CHROME_TOML)];
        files.extend_from_slice(user.phrase_files);
        let phrases =
            phrases::Phrases::from_files(&files).map_err(|err| Error::RuleData(err.to_string()))?;
        let metadata = metadata::MetadataData::builtin_with(user.metadata_files)
            .map_err(|err| Error::RuleData(format!("metadata data: {err}")))?;
        let mut files = vec![("rules/glued_words.toml", glued_words::GLUED_WORDS_TOML)];
        files.extend_from_slice(user.glued_words_files);
        let mut glued_words =
            glued_words::GluedWords::from_files(&files).map_err(Error::RuleData)?;
        glued_words
            .allow
            .extend(user.glued_words_allow.iter().cloned());
        Ok(Self {
            phrases,
            metadata,
            glued_words,
        })
    }
}

impl RuleData {
    /// The built-in files of `rules/` alone, with words `glued-words` is to allow.
    ///
    /// They are embedded in the binary and compiled by the tests as they are: unlike a
    /// user's files, they cannot fail to compile.
    pub fn builtin(glued_words_allow: &[String]) -> Self {
        let user = UserData {
            glued_words_allow,
            ..UserData::default()
        };
        Self::compile(&user).expect("the built-in rule data compiles")
    }
}

/// Rule data of the user's, beside the built-in files: `(path, contents)` of each file.
#[derive(Debug, Default, Clone, Copy)]
pub struct UserData<'a> {
    /// Chrome phrase files.
    pub phrase_files: &'a [(&'a str, &'a str)],
    /// Glued-words files.
    pub glued_words_files: &'a [(&'a str, &'a str)],
    /// Words that `glued-words` never reports.
    pub glued_words_allow: &'a [String],
    /// Byline labels and month names, beside `rules/metadata.toml` and `rules/dates.toml`.
    pub metadata_files: &'a [(&'a str, &'a str)],
}

#[cfg(test)]
impl RuleData {
    /// The built-in files of `rules/` alone, compiled once, for tests.
    pub fn for_tests() -> &'static Self {
        static DATA: std::sync::OnceLock<RuleData> = std::sync::OnceLock::new();
        DATA.get_or_init(|| {
            Self::compile(&UserData::default()).expect("the built-in rule data compiles")
        })
    }
}
