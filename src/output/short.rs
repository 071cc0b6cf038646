//! One line per finding: `path:line:col: CODE message`, for editors and grep.

use std::io::{self, Write};

use crate::engine::Outcome;
use crate::output::positions;

pub fn render(outcome: &Outcome, out: &mut impl Write) -> io::Result<()> {
    for diagnostic in &outcome.diagnostics {
        let (start, _) = positions(outcome, diagnostic);
        let path = &outcome.corpus.get(diagnostic.doc).display();
        writeln!(
            out,
            "{path}:{}:{}: {} {}",
            start.line,
            start.column,
            diagnostic.rule.code,
            one_line(&diagnostic.message)
        )?;
    }
    Ok(())
}

fn one_line(message: &str) -> String {
    message.replace(['\n', '\r'], " ")
}
