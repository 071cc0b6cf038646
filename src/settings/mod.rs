//! Resolved settings for a run: what to read, which rules to run, when to fail.

pub mod config;
pub mod input;
pub mod resolve;

use std::path::{Path, PathBuf};

use crate::error::ConfigError;
use crate::settings::config::Config;
use crate::settings::input::{InputFormat, JsonlOptions};

use crate::diagnostic::Rule;
use crate::diagnostic::{Family, Severity};
use crate::error::Error;
use crate::rules::options::EncodingOptions;
use crate::rules::registry::RULES;
use crate::rules::{chrome, duplicate, metadata};

/// Extensions read when walking folders, unless configured otherwise.
pub const DEFAULT_EXTENSIONS: &[&str] = &["txt", "md"];

#[derive(Debug, Clone)]
pub struct Settings {
    /// Files and folders to check; folders are walked.
    pub paths: Vec<PathBuf>,
    /// File extensions (without the dot) read when walking folders.
    pub extensions: Vec<String>,
    /// Whether folder walks leave out what `.gitignore`, `.ignore` and `.git/info/exclude`
    /// files exclude.
    pub respect_ignore_files: bool,
    /// Rules to run: codes, code prefixes, rule names, family names or `ALL`.
    pub select: Vec<String>,
    /// Rules not to run, in the same notation; wins over `select`.
    pub ignore: Vec<String>,
    /// Findings at or above this severity make the run fail; `None`: never fail on findings.
    pub fail_on: Option<Severity>,
    /// Options of the encoding family: words and files of names `glued-words` spares.
    pub encoding: EncodingOptions,
    /// Glued-words files read beside the built-in `rules/glued_words.toml`: (path,
    /// contents).
    pub glued_words_data: Vec<(String, String)>,
    /// Thresholds of the duplicate family.
    pub duplicates: duplicate::Options,
    /// Thresholds of the chrome family.
    pub chrome: chrome::Options,
    /// Chrome phrase files read beside the built-in `rules/chrome.toml`: (path, contents).
    pub chrome_data: Vec<(String, String)>,
    /// What the metadata family requires.
    pub metadata: metadata::Options,
    /// Byline labels and month names read beside the built-in `rules/metadata.toml` and
    /// `rules/dates.toml`: (path, contents).
    pub metadata_data: Vec<(String, String)>,
    /// Only files matching one of these globs are checked (all, when empty).
    pub include: Vec<String>,
    /// Files matching one of these globs are not checked.
    pub exclude: Vec<String>,
    /// (glob, selectors): rules not reported for the files the glob matches.
    pub per_file_ignores: Vec<(String, Vec<String>)>,
    /// Severity per rule code or name, over the rule's default.
    pub severity: std::collections::BTreeMap<String, Severity>,
    /// The corpus root: when only files are named, the rest of it is loaded as context
    /// for the corpus-wide rules. `None`: the named files are the whole corpus.
    pub root: Option<PathBuf>,
    /// Keep what was learnt about the files of the root in `ROOT/.corpuslint_cache/`.
    pub cache: bool,
    /// Whether files are read as text or as JSON Lines shards.
    pub input_format: InputFormat,
    /// The fields of a JSON Lines record.
    pub jsonl: JsonlOptions,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            paths: vec![PathBuf::from(".")],
            extensions: DEFAULT_EXTENSIONS.iter().map(|e| e.to_string()).collect(),
            respect_ignore_files: true,
            select: vec!["ALL".to_string()],
            ignore: Vec::new(),
            fail_on: Some(Severity::Warning),
            encoding: EncodingOptions::default(),
            glued_words_data: Vec::new(),
            duplicates: duplicate::Options::default(),
            chrome: chrome::Options::default(),
            chrome_data: Vec::new(),
            metadata: metadata::Options::default(),
            metadata_data: Vec::new(),
            include: Vec::new(),
            exclude: Vec::new(),
            per_file_ignores: Vec::new(),
            severity: std::collections::BTreeMap::new(),
            root: None,
            cache: false,
            input_format: InputFormat::Auto,
            jsonl: JsonlOptions::default(),
        }
    }
}

impl Settings {
    /// Takes the settings of a configuration file found at `path`; relative paths in it
    /// (phrase files) are relative to its folder.
    pub fn apply_config(&mut self, config: &Config, path: &Path) -> Result<(), Error> {
        let dir = path.parent().unwrap_or(Path::new(""));
        if let Some(extensions) = &config.files.extensions {
            self.extensions = extensions.clone();
        }
        if let Some(respect) = config.files.respect_gitignore {
            self.respect_ignore_files = respect;
        }
        self.include = config.files.include.clone();
        self.exclude = config.files.exclude.clone();
        if let Some(select) = &config.rules.select {
            self.select = select.clone();
        }
        self.ignore = config.rules.ignore.clone();
        if let Some(fail_on) = &config.rules.fail_on {
            self.fail_on = match fail_on.as_str() {
                "error" => Some(Severity::Error),
                "info" => Some(Severity::Info),
                "never" => None,
                _ => Some(Severity::Warning),
            };
        }
        self.severity = config.rules.severity.clone();
        self.per_file_ignores = config
            .per_file_ignores
            .iter()
            .map(|(glob, selectors)| (glob.clone(), selectors.clone()))
            .collect();
        self.duplicates = config.duplicate.clone();
        self.chrome = config.chrome.clone();
        self.metadata = config.metadata.clone();
        self.encoding = config.encoding.clone();
        self.jsonl = config.jsonl.clone();
        for file in &config.chrome.phrase_files {
            let (name, text) = read_data_file(path, dir, file, "phrase file")?;
            check_phrase_file(Path::new(&name), &text)?;
            self.chrome_data.push((name, text));
        }
        for file in &config.encoding.glued_words_files {
            let (name, text) = read_data_file(path, dir, file, "glued-words file")?;
            check_glued_words_file(Path::new(&name), &text)?;
            self.glued_words_data.push((name, text));
        }
        for file in &config.metadata.data_files {
            let (name, text) = read_data_file(path, dir, file, "metadata data file")?;
            check_metadata_file(Path::new(&name), &text)?;
            self.metadata_data.push((name, text));
        }
        for selector in self
            .severity
            .keys()
            .chain(self.per_file_ignores.iter().flat_map(|(_, s)| s))
        {
            if !RULES.iter().any(|rule| selects(selector, rule)) {
                return Err(Error::UnknownSelector(selector.clone()));
            }
        }
        Ok(())
    }
}

/// The path and contents of a data file the configuration file at `config` names (`file`,
/// relative to `dir`, its folder); one that cannot be read is an error pointing at its
/// name in the configuration file.
fn read_data_file(
    config: &Path,
    dir: &Path,
    file: &Path,
    what: &str,
) -> Result<(String, String), Error> {
    let full = dir.join(file);
    let text = std::fs::read_to_string(&full).map_err(|err| {
        let raw = std::fs::read_to_string(config).unwrap_or_default();
        let needle = file.to_string_lossy();
        let span = raw.find(needle.as_ref()).map(|at| at..at + needle.len());
        Error::Configuration(Box::new(ConfigError::new(
            config,
            &raw,
            span,
            format!("cannot read {what} {}: {err}", full.display()),
        )))
    })?;
    Ok((full.to_string_lossy().into_owned(), text))
}

/// A glued-words file that does not parse is an error pointing into it.
fn check_glued_words_file(path: &Path, text: &str) -> Result<(), Error> {
    toml::from_str::<crate::data::glued_words::GluedWords>(text)
        .map(|_| ())
        .map_err(|err| {
            Error::Configuration(Box::new(ConfigError::new(
                path,
                text,
                err.span(),
                format!("glued-words file: {}", err.message()),
            )))
        })
}

/// A metadata data file that does not parse, or whose months are not twelve, is an error
/// pointing into it.
fn check_metadata_file(path: &Path, text: &str) -> Result<(), Error> {
    let error = |span: Option<std::ops::Range<usize>>, message: String| {
        Error::Configuration(Box::new(ConfigError::new(path, text, span, message)))
    };
    let file: crate::data::metadata::UserFile =
        toml::from_str(text).map_err(|err| error(err.span(), err.message().to_string()))?;
    for language in &file.language {
        if language.months.len() != 12 {
            let needle = format!("\"{}\"", language.code);
            let span = text.find(&needle).map(|at| at..at + needle.len());
            return Err(error(
                span,
                format!("language `{}`: `months` must list 12 months", language.code),
            ));
        }
    }
    Ok(())
}

/// A phrase file that does not parse, or holds a regex that does not compile, is an
/// error pointing into it.
fn check_phrase_file(path: &Path, text: &str) -> Result<(), Error> {
    let error = |span: Option<std::ops::Range<usize>>, message: String| {
        Error::Configuration(Box::new(ConfigError::new(path, text, span, message)))
    };
    let file: crate::data::phrases::PhraseFile =
        toml::from_str(text).map_err(|err| error(err.span(), err.message().to_string()))?;
    for entry in &file.phrase {
        for pattern in &entry.regex {
            if let Err(err) = regex::Regex::new(pattern) {
                // The pattern as written: a literal string, a basic one, or the entry's id.
                let written = [
                    format!("'{pattern}'"),
                    toml::Value::String(pattern.clone()).to_string(),
                    format!("\"{}\"", entry.id),
                ];
                let span = written
                    .iter()
                    .find_map(|w| text.find(w.as_str()).map(|at| at..at + w.len()));
                return Err(error(
                    span,
                    format!("phrase `{}`: regex does not compile: {err}", entry.id),
                ));
            }
        }
    }
    Ok(())
}

pub(crate) fn build_globs(globs: &[String]) -> Result<globset::GlobSet, Error> {
    let mut builder = globset::GlobSetBuilder::new();
    for glob in globs {
        builder.add(
            globset::Glob::new(glob)
                .map_err(|e| Error::RuleData(format!("invalid glob `{glob}`: {e}")))?,
        );
    }
    builder.build().map_err(|e| Error::RuleData(e.to_string()))
}

/// Whether `selector` turns `rule` on: an opt-in rule is turned on only by its own code
/// or name, every other rule by any selector [`selects`] it.
pub fn turns_on(selector: &str, rule: &Rule) -> bool {
    if rule.opt_in {
        selector.eq_ignore_ascii_case(rule.code) || selector == rule.name
    } else {
        selects(selector, rule)
    }
}

/// `ALL`, a code (`E005`), a code prefix (`E`, `E00`), a rule name or a family name.
pub fn selects(selector: &str, rule: &Rule) -> bool {
    let upper = selector.to_ascii_uppercase();
    upper == "ALL"
        || (!upper.is_empty() && rule.code.starts_with(&upper))
        || rule.name == selector
        || Family::ALL
            .iter()
            .any(|family| family.as_str() == selector && rule.family == *family)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(select: &[&str], ignore: &[&str]) -> Vec<&'static str> {
        let settings = Settings {
            select: select.iter().map(|s| s.to_string()).collect(),
            ignore: ignore.iter().map(|s| s.to_string()).collect(),
            ..Settings::default()
        };
        settings
            .rules()
            .expect("valid selectors")
            .iter()
            .map(|r| r.code)
            .collect()
    }

    #[test]
    fn selects_by_code_prefix_name_and_family() {
        assert_eq!(names(&["E005"], &[]), ["E005"]);
        assert_eq!(names(&["mojibake"], &[]), ["E009"]);
        assert!(names(&["E01"], &[]).iter().all(|c| c.starts_with("E01")));
        assert_eq!(names(&["encoding"], &[]).len(), names(&["E"], &[]).len());
        assert!(!names(&["ALL"], &["E013", "not-nfc"]).contains(&"E013"));
        assert!(!names(&["ALL"], &["E013", "not-nfc"]).contains(&"E010"));
    }

    #[test]
    fn unknown_selectors_are_errors() {
        let settings = Settings {
            select: vec!["X1".into()],
            ..Settings::default()
        };
        assert!(matches!(settings.rules(), Err(Error::UnknownSelector(s)) if s == "X1"));
    }
}
