//! The JSON contract: one object on stdout, built from our own serde structs.

use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::edit::Fix;
use crate::diagnostic::{Diagnostic, Family, Severity};
use crate::engine::Outcome;
use crate::error::FileError;
use crate::output::{positions, span_positions};

/// Bumped only for incompatible changes; fields are added, never renamed.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    tool: Tool,
    files: usize,
    diagnostics: Findings<'a>,
    errors: &'a [FileError],
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    rule: &'static str,
    family: Family,
    severity: Severity,
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    byte_start: usize,
    byte_end: usize,
    message: &'a str,
    help: Option<&'a str>,
    related: Vec<JsonRelated<'a>>,
    fix: Option<&'a Fix>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    path: &'a str,
    line: usize,
    end_line: usize,
    byte_start: usize,
    byte_end: usize,
    message: &'a str,
}

/// The findings of `outcome`, serialized as a JSON array one finding at a time: no list
/// of them all is built beside the findings themselves.
struct Findings<'a>(&'a Outcome);

impl Serialize for Findings<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let outcome = self.0;
        serializer.collect_seq(outcome.diagnostics.iter().map(|d| finding(outcome, d)))
    }
}

fn finding<'a>(outcome: &'a Outcome, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
    let (start, end) = positions(outcome, d);
    JsonDiagnostic {
        code: d.rule.code,
        rule: d.rule.name,
        family: d.rule.family,
        severity: d.severity,
        path: outcome.corpus.get(d.doc).display(),
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        byte_start: d.span.start,
        byte_end: d.span.end,
        message: &d.message,
        help: d.help.as_deref(),
        related: d
            .related
            .iter()
            .map(|r| {
                let doc = outcome.corpus.get(r.doc);
                let (start, end) = span_positions(doc, r.span);
                JsonRelated {
                    path: doc.display(),
                    line: start.line,
                    end_line: end.line,
                    byte_start: r.span.start,
                    byte_end: r.span.end,
                    message: &r.message,
                }
            })
            .collect(),
        fix: d.fix.as_ref(),
    }
}

/// The findings, each as in the `diagnostics` array of the JSON report.
pub fn values(outcome: &Outcome) -> Vec<serde_json::Value> {
    outcome
        .diagnostics
        .iter()
        .filter_map(|d| serde_json::to_value(finding(outcome, d)).ok())
        .collect()
}

/// One finding per line, each object as in the `diagnostics` array of the JSON report.
pub fn render_lines(outcome: &Outcome, out: &mut impl Write) -> io::Result<()> {
    for d in &outcome.diagnostics {
        serde_json::to_writer(&mut *out, &finding(outcome, d)).map_err(io::Error::from)?;
        writeln!(out)?;
    }
    Ok(())
}

pub fn render(outcome: &Outcome, out: &mut impl Write) -> io::Result<()> {
    let report = Report {
        version: FORMAT_VERSION,
        tool: Tool {
            name: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
        },
        files: outcome.checked_files(),
        diagnostics: Findings(outcome),
        errors: &outcome.errors,
    };
    serde_json::to_writer_pretty(&mut *out, &report).map_err(io::Error::from)?;
    writeln!(out)
}
