//! C001 `boilerplate-phrase`: its docs, and its detector, which matches each line against
//! the phrases of the chrome data.

use crate::corpus::Corpus;
use crate::data::phrases::Phrases;
use crate::diagnostic::{Family, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::rules::check::{Check, Lint, Reporter};
use crate::rules::chrome::Options;
use crate::rules::chrome::evidence::{Detail, Detector, Marker, Marks, Page};
use crate::rules::chrome::report::report_runs;
use crate::rules::context::CorpusContext;

pub const RULE: Rule = Rule {
    code: "C001",
    name: "boilerplate-phrase",
    family: Family::Chrome,
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    summary: "Site chrome recognised by the phrase data: share buttons, footers, captions...",
    docs: r#"## What it does
Reports lines that the chrome phrase data (`rules/chrome.toml`) recognises as parts of a
web page around the article: share buttons (`Share`, `Facebook Twitter Email`, `分享到`),
follow-us links, `View All` / `Read more` links, most-viewed boxes, photo credits and
the captions that end with them (`... Photo: VCG`, `新华社记者 张三 摄`), breadcrumbs,
language and edition switchers, cookie banners, newsletter boxes, back-to-top links,
copyright, licence and registration lines (`京ICP备`, `Registration Number: 130349`).

Consecutive chrome lines are one finding covering the run, named after what they are
(`share buttons`, `footer`...). The help lists the evidence of each line, such as
`matched chrome.share-buttons`; a run whose strongest evidence is a phrase is reported
here, even when some of its lines are chrome by another rule.

Phrases only match short lines (each entry sets `max_words`), so `Share prices fell 3%`
and `Copyright law has not kept pace` stay.

## Why it matters
Scraped pages carry the site around the article. Left in a corpus, the same few lines
repeat in thousands of documents and teach a model that articles end with `FOLLOW US`.

## Example
`Share` and `Share - WeChat` under a byline; a footer of `Most Viewed`, a copyright
notice and `Registration Number: 130349`.

## Fix
Deletes the run. Safe when every line of the run has strong evidence (a phrase, a
template line, a navigation list, or a line between two such lines); unsafe otherwise.

## Configuration
Add entries for a site's own chrome to a phrase file of your own (same format as
`rules/chrome.toml`). Silence with `--ignore C001`.
"#,
};

/// The rule with its check, as the registry lists it.
pub const LINT: Lint = Lint {
    rule: &RULE,
    check: Check::Corpus(check),
};

fn check(ctx: &CorpusContext, out: &mut Reporter) {
    report_runs(ctx, &RULE, out);
}

/// Lines that match a phrase entry; the evidence names the entry.
pub const DETECTOR: Detector = Detector {
    rule: &RULE,
    max_words: Phrases::max_words,
    prepare,
    describe: |detail, phrases| format!("matched chrome.{}", phrases.entries[entry(detail)].id),
    kind: |detail, phrases| Some(phrases.entries[entry(detail)].kind.as_str()),
};

fn prepare<'a>(_: &'a Corpus, phrases: &'a Phrases, _: &'a Options) -> Marker<'a> {
    Box::new(move |page, marks| mark(page, marks, phrases))
}

fn mark(page: &Page, marks: &mut Marks, phrases: &Phrases) {
    for (i, line) in page.lines.iter().enumerate() {
        if let Some(m) = phrases.find(line.text, line.words) {
            let detail = Detail {
                numbers: [Detail::number(m.entry), 0, 0],
                heads_list: phrases.entries[m.entry].heading,
                ..Detail::default()
            };
            marks.mark(i, detail, true);
        }
    }
}

/// The index of the phrase entry the line matched.
fn entry(detail: &Detail) -> usize {
    detail.numbers[0] as usize
}
