//! What a rule is, apart from what it checks: its code, name, family, default severity,
//! fix availability and documentation. Findings refer to it.

use std::fmt;

use serde::Serialize;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// The rule families; each rule belongs to exactly one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    Encoding,
    Layout,
    Duplicate,
    Chrome,
    Metadata,
}

impl Family {
    pub const ALL: [Family; 5] = [
        Family::Encoding,
        Family::Layout,
        Family::Duplicate,
        Family::Chrome,
        Family::Metadata,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Family::Encoding => "encoding",
            Family::Layout => "layout",
            Family::Duplicate => "duplicate",
            Family::Chrome => "chrome",
            Family::Metadata => "metadata",
        }
    }
}

impl fmt::Display for Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// Whether a rule's findings carry a fix, and how safe it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixAvailability {
    None,
    /// Some findings have a fix, some don't (or the applicability varies).
    Sometimes,
    Safe,
    Unsafe,
}

impl FixAvailability {
    pub fn as_str(self) -> &'static str {
        match self {
            FixAvailability::None => "none",
            FixAvailability::Sometimes => "sometimes",
            FixAvailability::Safe => "safe",
            FixAvailability::Unsafe => "unsafe",
        }
    }
}

/// What a rule is and the documentation `corpuslint explain` prints; its check is
/// registered beside it (`rules::check::Lint`).
#[derive(Debug)]
pub struct Rule {
    /// Stable code, e.g. `E005`.
    pub code: &'static str,
    /// Stable kebab-case name, e.g. `unusual-space`.
    pub name: &'static str,
    pub family: Family,
    pub severity: Severity,
    pub fix: FixAvailability,
    /// Run only when selected by its code or name: `ALL`, prefixes and families leave it
    /// out. Rules that re-lay out text a user may want as it is are opt-in.
    pub opt_in: bool,
    /// One line: what the rule catches.
    pub summary: &'static str,
    /// Markdown with the headings What it does / Why it matters / Example / Configuration.
    pub docs: &'static str,
}
