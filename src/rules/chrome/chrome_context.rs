use crate::diagnostic::{Family, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::rules::check::{Check, Lint, Reporter};
use crate::rules::chrome::analysis::Detector;
use crate::rules::chrome::report::report_runs;
use crate::rules::context::CorpusContext;

pub const RULE: Rule = Rule {
    code: "C004",
    name: "chrome-context",
    family: Family::Chrome,
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    summary: "Lines that are chrome by their place: between chrome lines, or teasers next to it",
    docs: r#"## What it does
Classifies lines by their neighbours, as jusText does:

- a short line (at most 12 words, no sentence-final punctuation) whose previous and next
  non-blank lines are chrome is chrome too (`Opinion` between an edition switcher and a
  breadcrumb; `China Views` inside a footer);
- a line cut short with `...` or `…` next to chrome is a related-article teaser, and the
  short title before it, now between chrome lines, is chrome too.

The same short line between two body paragraphs is a section heading and stays. A line
right before or after a byline or date line (a title) is never chrome by context.
Runs made only of such lines are reported here; inside a run with stronger evidence they
are reported with it.

## Why it matters
Section labels, box titles and teaser titles carry no words that mark them as chrome;
only their place does.

## Example
`>> View All`, a teaser title, its truncated blurb `...director of the university’s
Ce...`, `>> View All`: the middle two lines are chrome by context.

## Fix
Deletes the run: safe when the neighbours that decided are themselves strong evidence,
unsafe otherwise.

## Configuration
None beyond rule selection. Silence with `--ignore C004`.
"#,
};

/// The rule with its check, as the registry lists it.
pub const LINT: Lint = Lint {
    rule: &RULE,
    check: Check::Corpus(check),
};

fn check(ctx: &CorpusContext, out: &mut Reporter) {
    report_runs(ctx, &RULE, Detector::Context, out);
}
