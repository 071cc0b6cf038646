//! Baselines: the findings a corpus has today, recorded so that `check --baseline` reports
//! only new ones.
//!
//! A finding's identity is its rule code, the path of its file relative to the baseline's
//! folder, and a hash of the flagged text together with the line(s) it is on, whitespace
//! collapsed. Line numbers play no part, so the identity survives lines added or removed
//! elsewhere in the file; whitespace and invisible-character findings, whose flagged text
//! says little on its own, are told apart by their line. Identical findings share an
//! identity and are counted: a baseline with a count of 2 suppresses two of them, and a
//! third is new.
//!
//! The file is JSON, entries sorted by path, code and hash, so that it diffs well:
//!
//! ```json
//! {
//!   "version": 1,
//!   "findings": [
//!     {"path":"seeds/000_d9ee4d4d624b5cba.txt","code":"E005","hash":"797b92c4aa51a4e1","count":2}
//!   ]
//! }
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::corpus::Corpus;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::engine::Outcome;
use crate::provenance::sha256_hex;

/// The file `corpuslint baseline` writes when no `--output` is given.
pub const DEFAULT_FILE: &str = "corpuslint-baseline.json";

/// The version of the file format this corpuslint reads and writes.
pub const VERSION: u32 = 1;

/// Hex digits of the SHA-256 kept in an identity: 64 bits tell apart the findings of one
/// rule in one file.
const HASH_DIGITS: usize = 16;

/// The recorded findings: identity → how many.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    counts: BTreeMap<Identity, usize>,
}

/// What makes two findings the same finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Identity {
    path: String,
    code: String,
    hash: String,
}

/// The file as read, entries in any order.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    /// Checked before the rest is read, so that another version gets its own message.
    #[serde(rename = "version")]
    _version: u32,
    findings: Vec<Entry>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    path: String,
    code: String,
    hash: String,
    count: usize,
}

/// A baseline file that cannot be used (exit status 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaselineError {
    pub path: PathBuf,
    pub message: String,
}

impl fmt::Display for BaselineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for BaselineError {}

/// What applying a baseline did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Suppressed {
    /// Findings left out because the baseline has them.
    pub findings: usize,
    /// Recorded findings not seen any more (fixed, or their line was edited).
    pub stale: usize,
}

impl Baseline {
    /// The findings of `outcome`, with paths relative to `dir` (the baseline's folder).
    pub fn from_outcome(outcome: &Outcome, dir: &Path) -> Self {
        let mut identify = Identifier::new(&outcome.corpus, dir);
        let mut counts = BTreeMap::new();
        for diagnostic in &outcome.diagnostics {
            *counts.entry(identify.identity(diagnostic)).or_default() += 1;
        }
        Self { counts }
    }

    /// Number of findings recorded.
    pub fn len(&self) -> usize {
        self.counts.values().sum()
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// Number of findings recorded for each rule code.
    pub fn counts_by_code(&self) -> BTreeMap<&str, usize> {
        let mut by_code = BTreeMap::new();
        for (identity, count) in &self.counts {
            *by_code.entry(identity.code.as_str()).or_default() += count;
        }
        by_code
    }

    /// Leaves out of `outcome` the findings the baseline has, up to their count; paths are
    /// taken relative to `dir`, as when the baseline was made.
    pub fn suppress(&self, outcome: &mut Outcome, dir: &Path) -> Suppressed {
        let mut identify = Identifier::new(&outcome.corpus, dir);
        let mut remaining = self.counts.clone();
        let before = outcome.diagnostics.len();
        outcome.diagnostics.retain(|diagnostic| {
            match remaining.get_mut(&identify.identity(diagnostic)) {
                Some(left) if *left > 0 => {
                    *left -= 1;
                    false
                }
                _ => true,
            }
        });
        Suppressed {
            findings: before - outcome.diagnostics.len(),
            stale: remaining.values().sum(),
        }
    }

    /// The file's text: JSON with one finding per line, sorted, ending with a newline.
    pub fn to_json(&self) -> String {
        let entries: Vec<String> = self
            .counts
            .iter()
            .map(|(id, &count)| {
                let entry = Entry {
                    path: id.path.clone(),
                    code: id.code.clone(),
                    hash: id.hash.clone(),
                    count,
                };
                // Plain strings and a number: serialising them cannot fail.
                serde_json::to_string(&entry).unwrap_or_default()
            })
            .collect();
        let findings = if entries.is_empty() {
            "[]".to_string()
        } else {
            format!("[\n    {}\n  ]", entries.join(",\n    "))
        };
        format!("{{\n  \"version\": {VERSION},\n  \"findings\": {findings}\n}}\n")
    }

    /// Reads a baseline file written by `corpuslint baseline`.
    pub fn load(path: &Path) -> Result<Self, BaselineError> {
        let text = std::fs::read_to_string(path).map_err(|err| BaselineError {
            path: path.to_path_buf(),
            message: format!("cannot read the baseline: {}", io_message(&err)),
        })?;
        Self::parse(path, &text)
    }

    /// Parses the text of a baseline file; `path` names it in errors.
    pub fn parse(path: &Path, text: &str) -> Result<Self, BaselineError> {
        let error = |message: String| BaselineError {
            path: path.to_path_buf(),
            message,
        };
        let value: serde_json::Value = serde_json::from_str(text)
            .map_err(|err| error(format!("not a corpuslint baseline: invalid JSON: {err}")))?;
        match value.get("version").and_then(serde_json::Value::as_u64) {
            Some(v) if v == u64::from(VERSION) => {}
            Some(v) => {
                return Err(error(format!(
                    "baseline format version {v} is not supported (this corpuslint reads version {VERSION})"
                )));
            }
            None => {
                return Err(error(
                    "not a corpuslint baseline: no `version` number".to_string(),
                ));
            }
        }
        let file = BaselineFile::deserialize(value)
            .map_err(|err| error(format!("not a corpuslint baseline: {err}")))?;
        let mut counts = BTreeMap::new();
        for entry in file.findings {
            if entry.count == 0 {
                return Err(error(format!(
                    "finding {} in {} has a count of 0",
                    entry.code, entry.path
                )));
            }
            let id = Identity {
                path: entry.path,
                code: entry.code,
                hash: entry.hash,
            };
            *counts.entry(id).or_default() += entry.count;
        }
        Ok(Self { counts })
    }
}

/// The folder a baseline file's paths are relative to.
pub fn folder_of(file: &Path) -> &Path {
    match file.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// `42 findings suppressed by the baseline.`, for the end of the summary line.
pub fn summary_note(suppressed: &Suppressed) -> String {
    let s = if suppressed.findings == 1 { "" } else { "s" };
    format!(
        "{} finding{s} suppressed by the baseline.",
        suppressed.findings
    )
}

/// Computes identities, resolving each document's path once.
struct Identifier<'a> {
    corpus: &'a Corpus,
    dir: Option<PathBuf>,
    paths: BTreeMap<usize, String>,
}

impl<'a> Identifier<'a> {
    fn new(corpus: &'a Corpus, dir: &Path) -> Self {
        Self {
            corpus,
            dir: std::fs::canonicalize(dir).ok(),
            paths: BTreeMap::new(),
        }
    }

    fn identity(&mut self, diagnostic: &Diagnostic) -> Identity {
        let doc = self.corpus.get(diagnostic.doc);
        let path = self
            .paths
            .entry(diagnostic.doc)
            .or_insert_with(|| match &doc.record {
                // A record is named by its shard, which is a file, and its id.
                Some(record) => format!(
                    "{}#{}",
                    relative_to(self.dir.as_deref(), &record.shard),
                    record.id
                ),
                None => relative_to(self.dir.as_deref(), &doc.path),
            })
            .clone();
        Identity {
            path,
            code: diagnostic.rule.code.to_string(),
            hash: text_hash(doc, diagnostic),
        }
    }
}

/// `path` relative to `dir`, with `/` separators, whatever folder corpuslint runs in; as
/// given when either cannot be resolved.
fn relative_to(dir: Option<&Path>, path: &Path) -> String {
    let resolved = dir.zip(std::fs::canonicalize(path).ok());
    let Some((dir, path)) = resolved else {
        return slashed(path.components());
    };
    let base: Vec<Component> = dir.components().collect();
    let target: Vec<Component> = path.components().collect();
    let common = base.iter().zip(&target).take_while(|(a, b)| a == b).count();
    let up = std::iter::repeat_n(Component::ParentDir, base.len() - common);
    slashed(up.chain(target[common..].iter().copied()))
}

fn slashed<'p>(components: impl Iterator<Item = Component<'p>>) -> String {
    components
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Hash of the flagged text and of the whole lines it is on, whitespace collapsed.
fn text_hash(doc: &Document, diagnostic: &Diagnostic) -> String {
    let span = diagnostic.span;
    let text = &doc.text;
    let (start, end) = (span.start.min(text.len()), span.end.min(text.len()));
    let flagged = text.get(start..end).unwrap_or("");
    let line_start = text[..start].rfind('\n').map_or(0, |at| at + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |at| end + at);
    let lines = text.get(line_start..line_end).unwrap_or("");
    let key = format!("{}\n{}", collapse(flagged), collapse(lines));
    let mut hash = sha256_hex(key.as_bytes());
    hash.truncate(HASH_DIGITS);
    hash
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn io_message(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_climb_out_of_the_baseline_folder() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = std::fs::canonicalize(dir.path()).expect("canonical");
        std::fs::create_dir_all(root.join("a/b")).expect("mkdir");
        std::fs::create_dir_all(root.join("c")).expect("mkdir");
        std::fs::write(root.join("c/x.txt"), "x\n").expect("write");
        std::fs::write(root.join("a/b/y.txt"), "y\n").expect("write");
        let a = root.join("a");
        assert_eq!(relative_to(Some(&a), &root.join("c/x.txt")), "../c/x.txt");
        assert_eq!(relative_to(Some(&a), &root.join("a/b/y.txt")), "b/y.txt");
        assert_eq!(
            relative_to(Some(&a), Path::new("does/not/exist.txt")),
            "does/not/exist.txt"
        );
    }

    #[test]
    fn invalid_files_are_errors_naming_the_file() {
        let path = Path::new("b.json");
        let cases = [
            ("{", "invalid JSON"),
            ("[]", "no `version`"),
            (r#"{"version": 7, "findings": []}"#, "version 7"),
            (r#"{"version": 1}"#, "missing field `findings`"),
            (
                r#"{"version": 1, "findings": [{"path": "a", "code": "E005", "hash": "0", "count": 0}]}"#,
                "count of 0",
            ),
            (
                r#"{"version": 1, "findings": [{"path": "a", "code": "E005", "hash": "0", "count": 1, "line": 3}]}"#,
                "unknown field `line`",
            ),
        ];
        for (text, expected) in cases {
            let err = Baseline::parse(path, text).expect_err(text);
            assert!(err.to_string().starts_with("b.json: "), "{err}");
            assert!(err.message.contains(expected), "{text}: {err}");
        }
    }

    #[test]
    fn the_file_round_trips_and_merges_repeated_entries() {
        let text = r#"{"version": 1, "findings": [
            {"path": "b.txt", "code": "E005", "hash": "00", "count": 1},
            {"path": "a.txt", "code": "E013", "hash": "11", "count": 2},
            {"path": "b.txt", "code": "E005", "hash": "00", "count": 2}]}"#;
        let baseline = Baseline::parse(Path::new("b.json"), text).expect("valid");
        assert_eq!(baseline.len(), 5);
        let written = baseline.to_json();
        assert!(written.find("a.txt") < written.find("b.txt"), "{written}");
        assert!(written.contains("\"count\":3"), "{written}");
        assert_eq!(
            written.lines().count(),
            7,
            "one line per finding: {written}"
        );
        assert_eq!(
            Baseline::parse(Path::new("b.json"), &written).expect("valid"),
            baseline
        );
    }
}
