use crate::diagnostic::{Family, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::rules::check::{Check, Lint, Reporter};
use crate::rules::chrome::analysis::Detector;
use crate::rules::chrome::report::report_runs;
use crate::rules::context::CorpusContext;

pub const RULE: Rule = Rule {
    code: "C003",
    name: "site-template",
    family: Family::Chrome,
    severity: Severity::Warning,
    fix: FixAvailability::Safe,
    summary: "A line repeated across many documents of the same folder: site template",
    docs: r#"## What it does
Reports lines that recur in many documents of the same folder: by default in at least 3
documents and in at least 30% of the files of the folder. That is the site's template
(menus, taglines, footers, disclaimers) whatever its wording, the idea behind the
repeated-line filters of C4 and FineWeb. On a corpus of one site it is the strongest
signal there is. Bylines and date lines are never template.

The evidence names the counts: `line appears in 41 of the 50 files of its folder`.

## Why it matters
Template lines are not the article. They repeat in every document of a site, so they
weigh heavily in any statistic and any model trained on the corpus.

## Example
`Privacy Policy | Terms of Use | Cookie Settings | Contact Us` at the end of every
article of a site.

## Fix
Safe: delete the run.

## Configuration
`template_min_docs` (default 3) and `template_folder_share` (default 0.3) in the chrome
options. Silence with `--ignore C003`.
"#,
};

/// The rule with its check, as the registry lists it.
pub const LINT: Lint = Lint {
    rule: &RULE,
    check: Check::Corpus(check),
};

fn check(ctx: &CorpusContext, out: &mut Reporter) {
    report_runs(ctx, &RULE, Detector::Template, out);
}
