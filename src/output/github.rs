//! GitHub Actions workflow commands: `::warning file=...,line=...::message`, shown as
//! annotations on the pull request.

use std::io::{self, Write};

use crate::diagnostic::Severity;
use crate::engine::Outcome;
use crate::output::positions;

/// Workflow commands escape `%`, CR and LF in values, and `,` and `:` in properties.
fn escape(value: &str, property: bool) -> String {
    let mut out = value
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    if property {
        out = out.replace(':', "%3A").replace(',', "%2C");
    }
    out
}

pub fn render(outcome: &Outcome, out: &mut impl Write) -> io::Result<()> {
    for d in &outcome.diagnostics {
        let (start, end) = positions(outcome, d);
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let path = &outcome.corpus.get(d.doc).display();
        writeln!(
            out,
            "::{level} file={},line={},endLine={},col={},title={}::{}",
            escape(path, true),
            start.line,
            end.line,
            start.column,
            escape(&format!("{} {}", d.rule.code, d.rule.name), true),
            escape(&d.message, false)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_workflow_command_values() {
        assert_eq!(escape("50% of a,b: c\nd", false), "50%25 of a,b: c%0Ad");
        assert_eq!(escape("a,b:c", true), "a%2Cb%3Ac");
    }
}
