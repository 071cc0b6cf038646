//! C003 `site-template`: its docs, and its detector, which counts the one-line paragraphs
//! of every folder's documents and marks those repeated across the folder.

use std::collections::HashMap;
use std::path::Path;

use crate::corpus::Corpus;
use crate::data::phrases::Phrases;
use crate::diagnostic::{Family, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::document::DocId;
use crate::rules::check::{Check, Lint, Reporter};
use crate::rules::chrome::Options;
use crate::rules::chrome::evidence::{Detail, Detector, Marker, Marks, Page};
use crate::rules::chrome::report::report_runs;
use crate::rules::context::CorpusContext;
use crate::text::hashing::KeyMap;

pub const RULE: Rule = Rule {
    code: "C003",
    name: "site-template",
    family: Family::Chrome,
    severity: Severity::Warning,
    fix: FixAvailability::Safe,
    opt_in: false,
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
    report_runs(ctx, &RULE, out);
}

/// One-line paragraphs found in enough documents of their folder; the evidence names
/// the counts.
pub const DETECTOR: Detector = Detector {
    rule: &RULE,
    max_words: |_| 0,
    prepare,
    describe: |detail, _| {
        let [docs, folder_docs, folder_files] = detail.numbers;
        format!(
            "line appears in {folder_docs} of the {folder_files} files of its folder ({docs} in all)"
        )
    },
    kind: |_, _| Some("site template"),
};

fn prepare<'a>(corpus: &'a Corpus, _: &'a Phrases, options: &'a Options) -> Marker<'a> {
    let templates = Templates::count(corpus);
    Box::new(move |page, marks| templates.mark(page, marks, options))
}

/// How many documents hold each one-line paragraph, in all and per folder.
#[derive(Debug, Default)]
struct Templates {
    docs: KeyMap<u128, u32>,
    per_folder: HashMap<(usize, u128), u32>,
    folder_of: Vec<usize>,
    folder_files: Vec<usize>,
}

impl Templates {
    fn count(corpus: &Corpus) -> Self {
        let mut folders: HashMap<&Path, usize> = HashMap::new();
        let mut folder_files = Vec::new();
        let mut folder_of = Vec::with_capacity(corpus.len());
        for doc in &corpus.documents {
            let folder = doc.path.parent().unwrap_or(Path::new(""));
            let next = folders.len();
            let id = *folders.entry(folder).or_insert(next);
            if id == folder_files.len() {
                folder_files.push(0);
            }
            folder_files[id] += 1;
            folder_of.push(id);
        }
        let mut templates = Self {
            folder_of,
            folder_files,
            ..Self::default()
        };
        let mut seen: Vec<u128> = Vec::new();
        for (doc, document) in corpus.documents.iter().enumerate() {
            seen.clear();
            seen.extend(
                document
                    .paragraphs
                    .iter()
                    .filter(|p| p.first_line == p.last_line && p.fingerprint.chars > 0)
                    .map(|p| p.fingerprint.key),
            );
            seen.sort_unstable();
            seen.dedup();
            let folder = templates.folder_of[doc];
            for &key in &seen {
                *templates.docs.entry(key).or_default() += 1;
                *templates.per_folder.entry((folder, key)).or_default() += 1;
            }
        }
        templates
    }

    /// Marks the lines of `page` that are one-line paragraphs repeated across its folder;
    /// never a byline or a date.
    fn mark(&self, page: &Page, marks: &mut Marks, options: &Options) {
        let one_line_keys: HashMap<usize, u128> = page
            .document
            .paragraphs
            .iter()
            .filter(|p| p.first_line == p.last_line)
            .map(|p| (p.first_line, p.fingerprint.key))
            .collect();
        for (i, line) in page.lines.iter().enumerate() {
            if marks.is_marked(i) || line.metadata {
                continue;
            }
            if let Some(&key) = one_line_keys.get(&line.index)
                && let Some(detail) = self.evidence(page.doc, key, options)
            {
                marks.mark(i, detail, true);
            }
        }
    }

    fn evidence(&self, doc: DocId, key: u128, options: &Options) -> Option<Detail> {
        let docs = *self.docs.get(&key)? as usize;
        let folder = self.folder_of[doc];
        let folder_docs = self.per_folder.get(&(folder, key)).copied().unwrap_or(0) as usize;
        let folder_files = self.folder_files[folder];
        (folder_docs >= options.template_min_docs
            && folder_docs as f64 >= options.template_folder_share * folder_files as f64)
            .then_some(Detail {
                numbers: [docs, folder_docs, folder_files].map(Detail::number),
                ..Detail::default()
            })
    }
}
