//! Settings resolved once per run: the rule table, the rule data and the family options
//! compiled, the include, exclude and per-file-ignore globs built, the severity table
//! looked up. Everything downstream reads these, never the raw settings.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use globset::GlobSet;

use super::{Settings, build_globs, selects, turns_on};
use crate::data::deferred::Deferred;
use crate::data::{RuleData, UserData};
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::error::Error;
use crate::rules::options::RuleOptions;
use crate::rules::registry::RULES;
use crate::settings::input::{InputFormat, JsonlOptions};

/// What a run reads, and which files of it are kept.
#[derive(Debug, Clone)]
pub struct FileSettings {
    /// Files and folders to check; folders are walked.
    pub paths: Vec<PathBuf>,
    /// File extensions (without the dot) read when walking folders.
    pub extensions: Vec<String>,
    /// Whether folder walks leave out what ignore files exclude.
    pub respect_ignore_files: bool,
    /// Only files matching these globs are checked (`None`: all).
    pub include: Option<GlobSet>,
    /// Files matching these globs are not checked.
    pub exclude: Option<GlobSet>,
    /// The corpus root: named files are checked against all of it.
    pub root: Option<PathBuf>,
    /// Keep what was learnt about the files of the root in its cache.
    pub cache: bool,
    /// Whether files are read as text or as JSON Lines shards.
    pub input_format: InputFormat,
    /// The fields of a JSON Lines record.
    pub jsonl: JsonlOptions,
}

impl FileSettings {
    /// Whether the include and exclude globs let `path` through.
    pub fn keeps(&self, path: &Path) -> bool {
        self.include.as_ref().is_none_or(|set| set.is_match(path))
            && self.exclude.as_ref().is_none_or(|set| !set.is_match(path))
    }
}

/// The settings of a run, compiled.
#[derive(Debug)]
pub struct Resolved {
    pub files: FileSettings,
    /// The rules to run, in registry order.
    pub rules: Vec<&'static Rule>,
    /// Compiled on another thread while the files are found and read, when there is
    /// no data of the user's to report errors in.
    pub data: Deferred,
    pub options: RuleOptions,
    /// Findings at or above this severity make the run fail.
    pub fail_on: Option<Severity>,
    /// (files, codes of the rules not reported in them).
    per_file_ignores: Vec<(GlobSet, HashSet<&'static str>)>,
    /// Severity per rule code, over the rule's default.
    severity: HashMap<&'static str, Severity>,
}

impl Settings {
    /// Compiles the settings; an unknown selector, a glob that does not compile or rule
    /// data that does not parse is an error.
    pub fn resolve(&self) -> Result<Resolved, Error> {
        let files = FileSettings {
            paths: self.paths.clone(),
            extensions: self.extensions.clone(),
            respect_ignore_files: self.respect_ignore_files,
            include: (!self.include.is_empty())
                .then(|| build_globs(&self.include))
                .transpose()?,
            exclude: (!self.exclude.is_empty())
                .then(|| build_globs(&self.exclude))
                .transpose()?,
            root: self.root.clone(),
            cache: self.cache,
            input_format: self.input_format,
            jsonl: self.jsonl.clone(),
        };
        let per_file_ignores = self
            .per_file_ignores
            .iter()
            .map(|(glob, selectors)| {
                let set = build_globs(std::slice::from_ref(glob))?;
                Ok((set, selected_codes(selectors)?))
            })
            .collect::<Result<_, Error>>()?;
        // The first key naming a rule (by code or name) sets its severity.
        let mut severity = HashMap::new();
        for (key, level) in &self.severity {
            for rule in RULES
                .iter()
                .filter(|rule| key.eq_ignore_ascii_case(rule.code) || key.as_str() == rule.name)
            {
                severity.entry(rule.code).or_insert(*level);
            }
        }
        Ok(Resolved {
            files,
            rules: self.rules()?,
            data: self.rule_data()?,
            options: RuleOptions {
                encoding: self.encoding.clone(),
                duplicate: self.duplicates.clone(),
                chrome: self.chrome.clone(),
                metadata: self.metadata.clone(),
            },
            fail_on: self.fail_on,
            per_file_ignores,
            severity,
        })
    }

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
            .filter(|rule| self.select.iter().any(|s| turns_on(s, rule)))
            .filter(|rule| !self.ignore.iter().any(|s| selects(s, rule)))
            .collect())
    }

    /// The rule data: the built-in files, then the user's.
    fn rule_data(&self) -> Result<Deferred, Error> {
        // Only a user's files can fail to compile, and their errors come before any file
        // is read: without them, the data is compiled beside the rest of the run.
        if self.chrome_data.is_empty()
            && self.glued_words_data.is_empty()
            && self.metadata_data.is_empty()
        {
            let allow = self.encoding.glued_words_allow.clone();
            return Ok(Deferred::spawn(move || RuleData::builtin(&allow)));
        }
        let phrase_files = pairs(&self.chrome_data);
        let glued_words_files = pairs(&self.glued_words_data);
        let metadata_files = pairs(&self.metadata_data);
        RuleData::compile(&UserData {
            phrase_files: &phrase_files,
            glued_words_files: &glued_words_files,
            glued_words_allow: &self.encoding.glued_words_allow,
            metadata_files: &metadata_files,
        })
        .map(Deferred::ready)
    }
}

/// `(name, contents)` pairs as borrowed strings.
fn pairs(files: &[(String, String)]) -> Vec<(&str, &str)> {
    files
        .iter()
        .map(|(name, text)| (name.as_str(), text.as_str()))
        .collect()
}

/// The codes of the rules `selectors` name; an unknown selector is an error.
fn selected_codes(selectors: &[String]) -> Result<HashSet<&'static str>, Error> {
    let mut codes = HashSet::new();
    for selector in selectors {
        let named: Vec<&'static str> = RULES
            .iter()
            .filter(|rule| selects(selector, rule))
            .map(|rule| rule.code)
            .collect();
        if named.is_empty() {
            return Err(Error::UnknownSelector(selector.clone()));
        }
        codes.extend(named);
    }
    Ok(codes)
}

impl Resolved {
    /// Leaves out the findings the per-file ignores silence and applies the severity
    /// table; `path_of` names the file of a finding.
    pub fn adjust<'p>(
        &self,
        diagnostics: &mut Vec<Diagnostic>,
        path_of: impl Fn(&Diagnostic) -> &'p Path,
    ) {
        if !self.per_file_ignores.is_empty() {
            diagnostics.retain(|d| {
                let path = path_of(d);
                !self
                    .per_file_ignores
                    .iter()
                    .any(|(set, codes)| codes.contains(d.rule.code) && set.is_match(path))
            });
        }
        if !self.severity.is_empty() {
            for d in diagnostics.iter_mut() {
                if let Some(&severity) = self.severity.get(d.rule.code) {
                    d.severity = severity;
                }
            }
        }
    }
}
