//! SARIF 2.1.0, the static-analysis interchange format that code-scanning services read:
//! one log with one run, built from our own serde structs and written one result at a
//! time.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};
use std::path::{Component, Path};

use serde::Serialize;

use crate::diagnostic::Rule;
use crate::diagnostic::edit::{Applicability, Fix};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::engine::Outcome;
use crate::provenance::sha256_hex;
use crate::rules::registry::RULES;
use crate::text::line_index::LineCol;
use crate::text::span::Span;

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
const VERSION: &str = "2.1.0";
/// Relative paths are relative to the folder corpuslint ran in: for a CI job, the checkout.
const SRCROOT: &str = "%SRCROOT%";
/// Versioned, so that a change of what is hashed does not pass for the same finding.
const FINGERPRINT: &str = "corpuslintFlaggedText/v1";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    invocations: [Invocation; 1],
    /// Columns count characters, as everywhere else in corpuslint, not UTF-16 code units.
    column_kind: &'static str,
    results: Results<'a>,
}

/// The results of `outcome`, serialized as a JSON array one result at a time: a log of a
/// large corpus holds several times the memory of its findings, which no list of them
/// all should add to.
struct Results<'a>(&'a Outcome);

impl Serialize for Results<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let outcome = self.0;
        let mut seen = Occurrences::default();
        serializer.collect_seq(
            outcome
                .diagnostics
                .iter()
                .map(|d| result(outcome, d, &mut seen)),
        )
    }
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: &'static str,
    name: &'static str,
    short_description: Text<&'static str>,
    full_description: Text<&'static str>,
    help: Markdown,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Text<S> {
    text: S,
}

#[derive(Serialize)]
struct Markdown {
    text: &'static str,
    markdown: &'static str,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    /// Code-scanning services filter rules by these.
    tags: [&'static str; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text<String>,
    locations: [Location; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text<String>,
    locations: [Location; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix<'a>>,
    partial_fingerprints: BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text<String>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

impl Region {
    fn new(start: LineCol, end: LineCol) -> Self {
        Self {
            start_line: start.line,
            start_column: start.column,
            end_line: end.line,
            end_column: end.column,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    description: Text<&'static str>,
    artifact_changes: [ArtifactChange<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: Region,
    #[serde(skip_serializing_if = "Option::is_none")]
    inserted_content: Option<Text<&'a str>>,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The body of one `## Heading` section of a rule's docs.
fn section<'a>(docs: &'a str, heading: &str) -> Option<&'a str> {
    let marker = format!("## {heading}\n");
    let start = docs.find(&marker)? + marker.len();
    let body = &docs[start..];
    let end = body.find("\n## ").map_or(body.len(), |i| i + 1);
    Some(body[..end].trim())
}

fn descriptor(rule: &'static Rule) -> ReportingDescriptor {
    let docs = rule.docs.trim_end();
    ReportingDescriptor {
        id: rule.code,
        name: rule.name,
        short_description: Text { text: rule.summary },
        full_description: Text {
            text: section(docs, "What it does").unwrap_or(rule.summary),
        },
        help: Markdown {
            text: docs,
            markdown: docs,
        },
        default_configuration: Configuration {
            level: level(rule.severity),
        },
        properties: RuleProperties {
            tags: [rule.family.as_str()],
        },
    }
}

fn driver() -> Driver {
    // Cargo sets these to "" when the manifest has no such key.
    let information_uri = [env!("CARGO_PKG_REPOSITORY"), env!("CARGO_PKG_HOMEPAGE")]
        .into_iter()
        .find(|uri| !uri.is_empty());
    Driver {
        name: env!("CARGO_PKG_NAME"),
        version: env!("CARGO_PKG_VERSION"),
        semantic_version: env!("CARGO_PKG_VERSION"),
        information_uri,
        rules: RULES.iter().map(|rule| descriptor(rule)).collect(),
    }
}

/// Percent-encodes all but the unreserved characters of RFC 3986, byte by byte, so that
/// spaces, `%`, `#`, `?`, a `:` in a first segment and non-ASCII names survive.
fn percent_encode(bytes: &[u8], out: &mut String) {
    for &b in bytes {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
}

/// Where a document is: its file, or for a record of a JSON Lines shard the shard with
/// the record's id as the fragment (`part-0.jsonl#doc-17`).
fn document_location(doc: &Document) -> ArtifactLocation {
    let Some(record) = &doc.record else {
        return artifact_location(&doc.path);
    };
    let mut location = artifact_location(&record.shard);
    location.uri.push('#');
    percent_encode(record.id.as_bytes(), &mut location.uri);
    location
}

/// A relative path becomes a relative URI under `%SRCROOT%`; an absolute one, a `file:` URI.
fn artifact_location(path: &Path) -> ArtifactLocation {
    let mut segments = Vec::new();
    let mut prefix = String::new();
    for component in path.components() {
        match component {
            // A Windows drive (`C:`) keeps its colon, as `file:///C:/...` has it.
            Component::Prefix(p) => {
                prefix = format!("/{}", p.as_os_str().to_string_lossy().replace('\\', "/"))
            }
            Component::RootDir | Component::CurDir => {}
            Component::ParentDir => segments.push("..".to_string()),
            Component::Normal(name) => {
                let mut segment = String::new();
                percent_encode(name.as_encoded_bytes(), &mut segment);
                segments.push(segment);
            }
        }
    }
    let joined = segments.join("/");
    if path.is_absolute() || path.has_root() {
        ArtifactLocation {
            uri: format!("file://{prefix}/{joined}"),
            uri_base_id: None,
        }
    } else {
        ArtifactLocation {
            uri: joined,
            uri_base_id: Some(SRCROOT),
        }
    }
}

/// Where a finding is shown. A span that takes in its line break is shown without it, so
/// the highlight ends on the span's last line rather than at the start of the next.
fn physical(doc: &Document, span: Span) -> PhysicalLocation {
    let end = if span.end > span.start && doc.text.as_bytes().get(span.end - 1) == Some(&b'\n') {
        span.end - 1
    } else {
        span.end
    };
    PhysicalLocation {
        artifact_location: document_location(doc),
        region: Some(exact_region(doc, Span::new(span.start, end))),
    }
}

/// The region of exactly `span`: an edit that deletes a line break ends at the start of the
/// next line.
fn exact_region(doc: &Document, span: Span) -> Region {
    Region::new(
        doc.lines.line_col(&doc.text, span.start),
        doc.lines.line_col(&doc.text, span.end),
    )
}

fn sarif_fix<'a>(doc: &Document, fix: &'a Fix) -> SarifFix<'a> {
    let description = match fix.applicability {
        Applicability::Safe => "safe fix: applied by `corpuslint fix`",
        Applicability::Unsafe => {
            "unsafe fix (may change meaning): applied by `corpuslint fix --unsafe-fixes`"
        }
    };
    SarifFix {
        description: Text { text: description },
        artifact_changes: [ArtifactChange {
            artifact_location: document_location(doc),
            replacements: fix
                .edits
                .iter()
                .map(|edit| Replacement {
                    deleted_region: exact_region(doc, edit.span),
                    inserted_content: (!edit.replacement.is_empty()).then_some(Text {
                        text: &edit.replacement,
                    }),
                })
                .collect(),
        }],
    }
}

/// How many findings so far flagged each text, by rule, file and text. Files are known by
/// a number of their URI: a file has many findings, which need not each hold its URI.
#[derive(Default)]
struct Occurrences<'a> {
    files: HashMap<String, usize>,
    counts: HashMap<(&'static str, usize, &'a str), usize>,
}

/// Identifies a finding across runs without its line, so an annotation follows its text when
/// lines are added above it: a hash of the rule, the file, the flagged text, and how many
/// findings of that rule in that file flagged the same text before it.
fn fingerprint<'a>(
    seen: &mut Occurrences<'a>,
    rule: &'static str,
    uri: &str,
    flagged: &'a str,
) -> String {
    let file = match seen.files.get(uri) {
        Some(&file) => file,
        None => {
            let file = seen.files.len();
            seen.files.insert(uri.to_string(), file);
            file
        }
    };
    let occurrence = seen.counts.entry((rule, file, flagged)).or_insert(0);
    let hash = sha256_hex(format!("{rule}\0{uri}\0{flagged}\0{occurrence}").as_bytes());
    *occurrence += 1;
    hash
}

fn result<'a>(
    outcome: &'a Outcome,
    d: &'a Diagnostic,
    seen: &mut Occurrences<'a>,
) -> SarifResult<'a> {
    let doc = outcome.corpus.get(d.doc);
    let location = Location {
        id: None,
        physical_location: physical(doc, d.span),
        message: None,
    };
    let flagged = doc.text.get(d.span.start..d.span.end).unwrap_or_default();
    let print = fingerprint(
        seen,
        d.rule.code,
        &location.physical_location.artifact_location.uri,
        flagged,
    );
    let message = match &d.help {
        Some(help) => format!("{}\nhelp: {help}", d.message),
        None => d.message.to_string(),
    };
    SarifResult {
        rule_id: d.rule.code,
        rule_index: RULES
            .iter()
            .position(|rule| rule.code == d.rule.code)
            .unwrap_or_default(),
        level: level(d.severity),
        message: Text { text: message },
        locations: [location],
        related_locations: d
            .related
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let other = outcome.corpus.get(r.doc);
                Location {
                    id: Some(i + 1),
                    physical_location: physical(other, r.span),
                    message: Some(Text {
                        text: r.message.clone(),
                    }),
                }
            })
            .collect(),
        fixes: d.fix.iter().map(|fix| sarif_fix(doc, fix)).collect(),
        partial_fingerprints: BTreeMap::from([(FINGERPRINT, print)]),
    }
}

fn notification(error: &crate::error::FileError) -> Notification {
    Notification {
        level: "error",
        message: Text {
            text: error.to_string(),
        },
        locations: [Location {
            id: None,
            physical_location: PhysicalLocation {
                artifact_location: artifact_location(Path::new(&error.path)),
                region: None,
            },
            message: None,
        }],
    }
}

pub fn render(outcome: &Outcome, out: &mut impl Write) -> io::Result<()> {
    let log = Log {
        schema: SCHEMA,
        version: VERSION,
        runs: [Run {
            tool: Tool { driver: driver() },
            invocations: [Invocation {
                execution_successful: outcome.errors.is_empty(),
                tool_execution_notifications: outcome.errors.iter().map(notification).collect(),
            }],
            column_kind: "unicodeCodePoints",
            results: Results(outcome),
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log).map_err(io::Error::from)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_become_encoded_relative_uris() {
        let location = artifact_location(Path::new("./news/2021 été/a#1%.txt"));
        assert_eq!(location.uri, "news/2021%20%C3%A9t%C3%A9/a%231%25.txt");
        assert_eq!(location.uri_base_id, Some(SRCROOT));
    }

    #[cfg(unix)]
    #[test]
    fn absolute_paths_become_file_uris_and_colons_are_encoded() {
        // Unencoded, `c:` would read as a URI scheme.
        assert_eq!(artifact_location(Path::new("c:d.txt")).uri, "c%3Ad.txt");
        let location = artifact_location(Path::new("/tmp/corpus/a b.txt"));
        assert_eq!(location.uri, "file:///tmp/corpus/a%20b.txt");
        assert_eq!(location.uri_base_id, None);
    }

    #[test]
    fn sections_of_the_docs_are_found() {
        let docs = "## What it does\nReports things.\nMore.\n\n## Why it matters\nBecause.\n";
        assert_eq!(
            section(docs, "What it does"),
            Some("Reports things.\nMore.")
        );
        assert_eq!(section(docs, "Why it matters"), Some("Because."));
        assert_eq!(section(docs, "Example"), None);
    }

    #[test]
    fn repeated_text_gets_distinct_fingerprints() {
        let mut seen = Occurrences::default();
        let first = fingerprint(&mut seen, "E005", "a.txt", "\u{a0}");
        let second = fingerprint(&mut seen, "E005", "a.txt", "\u{a0}");
        assert_ne!(first, second);
        let mut again = Occurrences::default();
        assert_eq!(fingerprint(&mut again, "E005", "a.txt", "\u{a0}"), first);
        assert_ne!(fingerprint(&mut again, "E013", "a.txt", "\u{a0}"), first);
    }

    #[test]
    fn each_file_counts_its_own_repeats() {
        let mut seen = Occurrences::default();
        let first = fingerprint(&mut seen, "E005", "a.txt", "\u{a0}");
        let second = fingerprint(&mut seen, "E005", "a.txt", "\u{a0}");
        // The text's first finding in another file is that file's first, whatever came
        // before in others.
        let elsewhere = fingerprint(&mut seen, "E005", "b.txt", "\u{a0}");
        let mut fresh = Occurrences::default();
        assert_eq!(
            elsewhere,
            fingerprint(&mut fresh, "E005", "b.txt", "\u{a0}")
        );
        let third = fingerprint(&mut seen, "E005", "a.txt", "\u{a0}");
        assert!(third != first && third != second);
        assert_eq!(third, {
            let mut only_a = Occurrences::default();
            for _ in 0..2 {
                fingerprint(&mut only_a, "E005", "a.txt", "\u{a0}");
            }
            fingerprint(&mut only_a, "E005", "a.txt", "\u{a0}")
        });
    }
}
