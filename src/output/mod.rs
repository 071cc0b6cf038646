//! Turning an [`Outcome`](crate::engine::Outcome) into text: miette graphical, short lines, JSON,
//! SARIF, GitHub workflow commands.

pub mod baseline;
pub mod github;
pub mod human;
pub mod json;
pub mod meta;
pub mod sarif;
pub mod short;

use crate::diagnostic::Diagnostic;
use crate::engine::Outcome;
use crate::text::count;
use crate::text::line_index::LineCol;

/// The 1-based start and end positions of a diagnostic's span. The end is the position
/// just after the last character, on the line of that character.
pub fn positions(outcome: &Outcome, diagnostic: &Diagnostic) -> (LineCol, LineCol) {
    let doc = outcome.corpus.get(diagnostic.doc);
    span_positions(doc, diagnostic.span)
}

pub fn span_positions(
    doc: &crate::document::Document,
    span: crate::text::span::Span,
) -> (LineCol, LineCol) {
    let start = doc.lines.line_col(&doc.text, span.start);
    let mut end = doc.lines.line_col(&doc.text, span.end);
    if span.end > span.start && doc.text.as_bytes()[span.end - 1] == b'\n' {
        // A span that takes in its line break ends on that line, not at the start of the next.
        let last = doc.lines.line_col(&doc.text, span.end - 1);
        end = LineCol {
            line: last.line,
            column: last.column + 1,
        };
    }
    (start, end)
}

/// `Checked 5 files: 3 errors, 12 warnings, 0 infos.`
pub fn summary(outcome: &Outcome) -> String {
    summary_of(
        outcome.checked_files(),
        outcome.counts(),
        outcome.errors.len(),
    )
}

/// [`summary`] of `files` checked, findings of each severity (errors, warnings, infos)
/// and `unreadable` paths.
pub fn summary_of(
    files: usize,
    (errors, warnings, infos): (usize, usize, usize),
    unreadable: usize,
) -> String {
    let mut line = format!(
        "Checked {}: {}, {}, {}.",
        count(files, "file"),
        count(errors, "error"),
        count(warnings, "warning"),
        count(infos, "info"),
    );
    if unreadable > 0 {
        line.push_str(&format!(
            " {} could not be read.",
            count(unreadable, "path")
        ));
    }
    line
}

/// `40 fixable with corpuslint fix, 5 more with --unsafe-fixes`: what `fix` would repair
/// by default and what it would repair with unsafe fixes too; `None` when nothing is.
pub fn fixable(outcome: &Outcome) -> Option<String> {
    let (safe, unsafe_) = outcome.fixes();
    fixable_of(safe, unsafe_)
}

/// [`fixable`] of `safe` and `unsafe_` fixes.
pub fn fixable_of(safe: usize, unsafe_: usize) -> Option<String> {
    match (safe, unsafe_) {
        (0, 0) => None,
        (0, n) => Some(format!("{n} fixable with corpuslint fix --unsafe-fixes")),
        (n, 0) => Some(format!("{n} fixable with corpuslint fix")),
        (n, m) => Some(format!(
            "{n} fixable with corpuslint fix, {m} more with --unsafe-fixes"
        )),
    }
}

/// `--statistics`: findings per rule, most frequent first.
pub fn statistics(outcome: &Outcome) -> String {
    let mut counts: std::collections::BTreeMap<(&str, &str), usize> =
        std::collections::BTreeMap::new();
    for d in &outcome.diagnostics {
        *counts.entry((d.rule.code, d.rule.name)).or_default() += 1;
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    rows.iter()
        .map(|((code, name), n)| format!("{n:>7}  {code}  {name}\n"))
        .collect()
}
