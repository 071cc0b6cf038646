//! Errors that stop a run, and per-file errors reported while it goes on.

use std::fmt;
use std::path::Path;

use miette::{NamedSource, SourceSpan};

/// An error that stops the run before any file is checked (exit status 2).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(
        "unknown rule selector `{0}` (expected ALL, a code such as E005, a code prefix, a rule name or a family)"
    )]
    UnknownSelector(String),
    #[error("unknown rule `{0}`; `corpuslint rules` lists them")]
    UnknownRule(String),
    #[error("invalid rule data: {0}")]
    RuleData(String),
    #[error("{}: {}", .0.path(), .0.message)]
    Configuration(Box<ConfigError>),
    #[error("--changed-since: {0}")]
    Git(String),
    #[error("--root {0}")]
    Root(String),
    /// Input a command cannot handle yet.
    #[error("{0}")]
    Unsupported(String),
}

/// A file or folder that could not be read; the run goes on without it (exit status 2).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FileError {
    pub path: String,
    pub message: String,
}

impl FileError {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
        }
    }

    pub fn io(path: impl Into<String>, err: &std::io::Error) -> Self {
        use std::io::ErrorKind;
        let message = match err.kind() {
            ErrorKind::NotFound => "no such file or folder".to_string(),
            ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ => err.to_string(),
        };
        Self::new(path, message)
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// A configuration file that cannot be used, with the place in it.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{message}")]
#[diagnostic(code("corpuslint::config"))]
pub struct ConfigError {
    pub message: String,
    #[source_code]
    pub source_code: NamedSource<String>,
    #[label("{label}")]
    pub span: Option<SourceSpan>,
    pub label: String,
}

impl ConfigError {
    pub fn new(
        path: &Path,
        text: &str,
        span: Option<std::ops::Range<usize>>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            message: message.into(),
            source_code: NamedSource::new(path.display().to_string(), text.to_string()),
            span: span.map(|r| SourceSpan::new(r.start.into(), r.end - r.start)),
            label: "here".to_string(),
        }
    }

    pub fn path(&self) -> &str {
        self.source_code.name()
    }
}
