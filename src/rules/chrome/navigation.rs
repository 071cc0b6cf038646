use crate::diagnostic::{Family, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::rules::check::{Check, Lint, Reporter};
use crate::rules::chrome::analysis::Detector;
use crate::rules::chrome::report::report_runs;
use crate::rules::context::CorpusContext;

pub const RULE: Rule = Rule {
    code: "C002",
    name: "navigation",
    family: Family::Chrome,
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    summary: "Navigation lists of truncated titles and menus flattened to one line",
    docs: r#"## What it does
Reports navigation by its structure rather than its words:

- a navigation list: at least 3 consecutive list items (`- `, `• `, `1. `) of at most 12
  words, at least 30% of them cut short with `...` or `…` (`- Reconfiguring of
  International Orde...`): the titles of other articles, truncated by the site;
- a menu flattened to one line: at least 3 entries of at most 4 words between `|`, `•`,
  `·` or `¦`, most of them capitalised (`Home | World | Business | Tech`).

Lists that are content (steps of a recipe, recommendations) have whole sentences, not
truncated titles, and are left alone. Bylines (`By Lang Ping | China Daily | Updated:
2019-04-22`) are never menus.

## Why it matters
Navigation is the largest block of chrome on many pages; it is not the article.

## Example
Thirty lines of `- China’s Views and Practices: G20 & ...` above an article.

## Fix
Deletes the run. Safe for these structures, which heuristics and phrases agree on;
unsafe when the run also holds weaker, context-only evidence.

## Configuration
None beyond rule selection. Silence with `--ignore C002`.
"#,
};

/// The rule with its check, as the registry lists it.
pub const LINT: Lint = Lint {
    rule: &RULE,
    check: Check::Corpus(check),
};

fn check(ctx: &CorpusContext, out: &mut Reporter) {
    report_runs(ctx, &RULE, Detector::Navigation, out);
}
