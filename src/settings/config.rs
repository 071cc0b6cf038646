//! `corpuslint.toml`: found in the current folder or its nearest ancestor (or named with
//! `--config`). Unknown keys and wrong values are errors that point into the file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostic::Severity;
use crate::error::ConfigError;
use crate::rules::options::EncodingOptions;
use crate::rules::{chrome, duplicate, metadata};
use crate::settings::input::JsonlOptions;

pub const CONFIG_NAME: &str = "corpuslint.toml";

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub files: Files,
    pub rules: Rules,
    /// Glob → selectors of rules not reported for the files it matches.
    pub per_file_ignores: BTreeMap<String, Vec<String>>,
    pub encoding: EncodingOptions,
    pub duplicate: duplicate::Options,
    pub chrome: chrome::Options,
    pub metadata: metadata::Options,
    pub jsonl: JsonlOptions,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Files {
    /// Only files matching one of these globs are checked (all, when empty).
    pub include: Vec<String>,
    /// Files matching one of these globs are not checked.
    pub exclude: Vec<String>,
    /// Extensions read when walking folders.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Vec<String>>,
    /// Whether folder walks leave out what `.gitignore`, `.ignore` and `.git/info/exclude`
    /// exclude (default: yes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub respect_gitignore: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Rules {
    /// Rules to run: codes, code prefixes, names, families or `ALL`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub select: Option<Vec<String>>,
    /// Rules not to run.
    pub ignore: Vec<String>,
    /// `error`, `warning`, `info` or `never`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fail_on: Option<String>,
    /// Severity per rule code or name.
    pub severity: BTreeMap<String, Severity>,
}

/// The configuration file of `start` or its nearest ancestor, if any.
pub fn find(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(CONFIG_NAME))
        .find(|candidate| candidate.is_file())
}

/// Reads and parses a configuration file.
pub fn load(path: &Path) -> Result<Config, Box<ConfigError>> {
    let text = std::fs::read_to_string(path).map_err(|err| {
        Box::new(ConfigError::new(
            path,
            "",
            None,
            format!("{}: {err}", path.display()),
        ))
    })?;
    parse(path, &text)
}

pub fn parse(path: &Path, text: &str) -> Result<Config, Box<ConfigError>> {
    let config: Config = toml::from_str(text).map_err(|err| {
        Box::new(ConfigError::new(
            path,
            text,
            err.span(),
            err.message().to_string(),
        ))
    })?;
    if let Some(fail_on) = &config.rules.fail_on
        && !["error", "warning", "info", "never"].contains(&fail_on.as_str())
    {
        let span = text
            .find(&format!("\"{fail_on}\""))
            .map(|at| at..at + fail_on.len() + 2);
        return Err(Box::new(ConfigError::new(
            path,
            text,
            span,
            format!("fail_on must be error, warning, info or never, not `{fail_on}`"),
        )));
    }
    for glob in config.per_file_ignores.keys() {
        check_glob(path, text, glob)?;
    }
    for glob in config.files.include.iter().chain(&config.files.exclude) {
        check_glob(path, text, glob)?;
    }
    Ok(config)
}

fn check_glob(path: &Path, text: &str, glob: &str) -> Result<(), Box<ConfigError>> {
    globset::Glob::new(glob).map(|_| ()).map_err(|err| {
        let span = text.find(glob).map(|at| at..at + glob.len());
        Box::new(ConfigError::new(
            path,
            text,
            span,
            format!("invalid glob `{glob}`: {err}"),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_complete_configuration() {
        let text = r#"
[files]
exclude = ["drafts/**"]
extensions = ["txt"]
respect_gitignore = false

[rules]
select = ["E", "D", "chrome"]
ignore = ["E012"]
fail_on = "error"
severity = { E013 = "info" }

[per_file_ignores]
"legacy/**" = ["M"]

[encoding]
glued_words_allow = ["GnuTLS"]

[duplicate]
near_threshold = 0.95

[chrome]
template_min_docs = 5

[metadata]
required = ["author", "date"]
"#;
        let config = parse(Path::new("corpuslint.toml"), text).expect("valid");
        assert_eq!(config.rules.severity["E013"], Severity::Info);
        assert_eq!(config.duplicate.near_threshold, 0.95);
        assert_eq!(config.duplicate.min_chars, 30);
        assert_eq!(config.metadata.required.len(), 2);
        assert_eq!(config.files.respect_gitignore, Some(false));
        assert_eq!(config.encoding.glued_words_allow, ["GnuTLS"]);
    }

    #[test]
    fn unknown_keys_and_wrong_values_point_into_the_file() {
        let text = "[duplicate]\nnear_treshold = 0.9\n";
        let err = parse(Path::new("corpuslint.toml"), text).expect_err("a typo");
        assert!(err.message.contains("near_treshold"), "{}", err.message);
        let span = err.span.expect("a span");
        assert_eq!(
            &text[span.offset()..span.offset() + span.len()],
            "near_treshold"
        );

        let text = "[rules]\nfail_on = \"sometimes\"\n";
        let err = parse(Path::new("corpuslint.toml"), text).expect_err("a bad value");
        assert!(err.message.contains("sometimes"));

        let text = "[duplicate]\nmin_chars = \"thirty\"\n";
        assert!(parse(Path::new("corpuslint.toml"), text).is_err());

        let text = "[files]\nrespect_gitignore = \"no\"\n";
        let err = parse(Path::new("corpuslint.toml"), text).expect_err("not a boolean");
        let span = err.span.expect("a span");
        assert_eq!(&text[span.offset()..span.offset() + span.len()], "\"no\"");

        let text = "[files]\nexclude = [\"a/[b\"]\n";
        let err = parse(Path::new("corpuslint.toml"), text).expect_err("a bad glob");
        assert!(err.message.contains("invalid glob"), "{}", err.message);
    }
}
