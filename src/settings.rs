//! Resolved settings for a run: what to read, which rules to run, when to fail.

use std::path::PathBuf;

use crate::diagnostic::{Family, Severity};
use crate::error::Error;
use crate::registry::RULES;
use crate::rules::chrome::data::{CHROME_TOML, Phrases};
use crate::rules::{Rule, RuleData, chrome, duplicate, metadata};

/// Extensions read when walking folders, unless configured otherwise.
pub const DEFAULT_EXTENSIONS: &[&str] = &["txt", "md"];

#[derive(Debug, Clone)]
pub struct Settings {
    /// Files and folders to check; folders are walked.
    pub paths: Vec<PathBuf>,
    /// File extensions (without the dot) read when walking folders.
    pub extensions: Vec<String>,
    /// Rules to run: codes, code prefixes, rule names, family names or `ALL`.
    pub select: Vec<String>,
    /// Rules not to run, in the same notation; wins over `select`.
    pub ignore: Vec<String>,
    /// Findings at or above this severity make the run fail; `None`: never fail on findings.
    pub fail_on: Option<Severity>,
    /// Thresholds of the duplicate family.
    pub duplicates: duplicate::Options,
    /// Thresholds of the chrome family.
    pub chrome: chrome::Options,
    /// Chrome phrase files read beside the built-in `rules/chrome.toml`: (path, contents).
    pub chrome_data: Vec<(String, String)>,
    /// What the metadata family requires.
    pub metadata: metadata::Options,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            paths: vec![PathBuf::from(".")],
            extensions: DEFAULT_EXTENSIONS.iter().map(|e| e.to_string()).collect(),
            select: vec!["ALL".to_string()],
            ignore: Vec::new(),
            fail_on: Some(Severity::Warning),
            duplicates: duplicate::Options::default(),
            chrome: chrome::Options::default(),
            chrome_data: Vec::new(),
            metadata: metadata::Options::default(),
        }
    }
}

impl Settings {
    /// The rules to run, in registry order; an unknown selector is an error.
    pub fn rules(&self) -> Result<Vec<&'static Rule>, Error> {
        for selector in self.select.iter().chain(&self.ignore) {
            if !RULES.iter().any(|rule| selects(selector, rule)) {
                return Err(Error::UnknownSelector(selector.clone()));
            }
        }
        Ok(RULES
            .iter()
            .copied()
            .filter(|rule| self.select.iter().any(|s| selects(s, rule)))
            .filter(|rule| !self.ignore.iter().any(|s| selects(s, rule)))
            .collect())
    }
}

impl Settings {
    /// The rule data: the built-in files, then the user's.
    pub fn rule_data(&self) -> Result<RuleData, Error> {
        let mut files = vec![("rules/chrome.toml", CHROME_TOML)];
        files.extend(
            self.chrome_data
                .iter()
                .map(|(name, text)| (name.as_str(), text.as_str())),
        );
        let phrases =
            Phrases::from_files(&files).map_err(|err| Error::RuleData(err.to_string()))?;
        let metadata = crate::metadata::data::MetadataData::builtin()
            .map_err(|err| Error::RuleData(format!("rules/metadata.toml: {err}")))?;
        Ok(RuleData { phrases, metadata })
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
