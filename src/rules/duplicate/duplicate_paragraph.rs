use crate::diagnostic::edit::{Edit, Fix};
use crate::diagnostic::{Diagnostic, Family, Related, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::document::Document;
use crate::document::structure::LineRole;
use crate::provenance::author_notes::opens_with_copyright;
use crate::rules::check::{Check, Lint, Reporter};
use crate::rules::chrome::is_metadata;
use crate::rules::context::CorpusContext;
use crate::rules::duplicate::analysis::Analysis;
use crate::rules::duplicate::report::{
    describe_lines, is_item_or_heading, paragraphs_span, removal_span,
};
use crate::text::code::fenced_blocks;
use crate::text::normalize::fold;
use crate::text::span::Span;
use crate::text::{has_address, is_field_line, word_count_capped};

pub const RULE: Rule = Rule {
    code: "D001",
    name: "duplicate-paragraph",
    family: Family::Duplicate,
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    summary: "A paragraph, or a run of paragraphs, repeated within the same file",
    docs: r#"## What it does
Reports paragraphs that repeat an earlier paragraph of the same file. Paragraphs are
compared after normalization (Unicode NFC, lower case, whitespace collapsed, U+00A0 as a
space, curly quotes and dashes folded), so `It’s` and `it's` match. Consecutive repeated
paragraphs that repeat consecutive paragraphs are one finding for the whole block:
`paragraphs at lines 28–51 repeat lines 3–26`, with the first copy as a related location.

A paragraph shorter than `min_chars` characters or `min_words` words (`Share`, a
caption) is never a finding on its own, but it belongs to a block it sits in. A block
made only of list items, headings, rules between sections, bylines (a date or an
address on a short line of its own) and `Field: value` records is not reported:
changelogs repeat `### Fixed`, `* New upstream release.` and
`2019-09-09  Jane Doe  <jane@example.org>`, Debian copyright files `Copyright: 2001
Jane Doe` in each stanza, by design. The lines of a hard-wrapped
paragraph are one paragraph, never several.

## Why it matters
A scraper that appends a page twice, or a pagination bug that repeats a run of
paragraphs, doubles that text's weight in every statistic and every model trained on it.

## Example
An article whose eleven paragraphs appear twice, the second time after the author note.

## Fix
Safe: delete the later copy (with the blank lines after it). The first copy is kept word
for word. Unsafe when the copy is indented, made of `Field: value` lines (a licence
quoted under each stanza of a Debian copyright file) or of rows of a table drawn with
bars (`│key: KEYCODE │Otherwise, ...` for two entries), shorter than 25 words (`Not used
by Firefox.` under each section of a manual), or more than 3 paragraphs after the first
copy (a note repeated in two releases of a NEWS file), under another Markdown heading,
another copyright notice or another rule between sections (`=====`, `* * *`) than the
first copy (a caveat repeated for two options, a licence granted by each holder of a
package, the same licence for two packages of a bundle), or in a fenced code block
(```` ``` ````; the same example for two module systems): such text repeats on purpose as
often as by accident. A scraper's repeat follows its first copy, and is the same text
again: a copy whose letters differ from the first in case (test data that lists
`Faß.de` beside `faß.de`) is left to a person too, as deleting it loses what tells the
two apart.

## Configuration
`min_chars` (default 30) and `min_words` (default 5) in the duplicate options.
Silence with `--ignore D001`.
"#,
};

/// The rule with its check, as the registry lists it.
pub const LINT: Lint = Lint {
    rule: &RULE,
    check: Check::Corpus(check),
};

fn check(ctx: &CorpusContext, out: &mut Reporter) {
    let Some(analysis) = ctx.analysis::<Analysis>() else {
        return;
    };
    for block in analysis.blocks.iter().filter(|b| b.is_within_file()) {
        let doc = ctx.corpus.get(block.doc);
        // A changelog repeats `### Fixed` and `* New upstream release.` in every release,
        // and `2019-09-09  Jane Doe  <jane@example.org>` for each entry of a day; a
        // Debian copyright file `Copyright: 2001 Jane Doe` in each stanza: items, headings,
        // bylines and records repeat by design, and are not a repeated text.
        if (block.first..=block.last)
            .all(|para| is_item_or_heading(doc, para) || is_byline_or_record(doc, para))
        {
            continue;
        }
        let origin_last = block.origin.para + block.paragraph_count() - 1;
        let here = describe_lines(doc, block.first, block.last);
        let there = describe_lines(doc, block.origin.para, origin_last);
        let message = if block.paragraph_count() == 1 {
            format!("paragraph at {here} repeats {there}")
        } else {
            format!(
                "{} paragraphs at {here} repeat {there}",
                block.paragraph_count()
            )
        };
        let span = paragraphs_span(doc, block.first, block.last);
        let edits = vec![Edit::delete(removal_span(doc, block.first, block.last))];
        // Indented text and `Field: value` stanzas are laid out on purpose (a licence
        // quoted under each `Files:` stanza of a copyright file): deleting a copy is
        // left to a person.
        // A sentence or two repeated under each heading (`Not used by Firefox.`) is
        // written so on purpose as often as by accident.
        let words = word_count_capped(doc.slice(span), MIN_SAFE_WORDS);
        // A scraper repeats a block right after itself; a block repeated further on, under
        // other sections (a licence for each group of files, a note in two releases), is
        // repeated on purpose as often as by accident.
        let far = block.first > origin_last + 1 + MAX_SAFE_GAP;
        // A note repeated under the next heading of a manual (the same caveat for two
        // options) is written twice on purpose.
        // So is a licence under the notice of each copyright holder, or after the rule
        // that opens the next package's section in a bundle of licences.
        let other_section = (origin_last + 1..block.first).any(|para| {
            matches!(
                doc.structure.role(doc.paragraphs[para].first_line()),
                LineRole::Heading | LineRole::ThematicBreak
            ) || doc
                .slice(doc.paragraphs[para].span)
                .lines()
                .any(|line| opens_with_copyright(line.trim_start()) || is_section_rule(line))
        });
        let first_copy = paragraphs_span(doc, block.origin.para, origin_last);
        // Paragraphs match after normalization, but a scraper's repeat is the same text
        // again: copies whose letters differ in case (test data that lists `Faß` beside
        // `faß`) may differ on purpose, and deleting one loses what tells them apart.
        // (A difference of Unicode form or of invisible characters is other rules' to
        // fix; once it is, the copies are the same.)
        let fix = if is_laid_out(doc.slice(span))
            || !same_but_typography(doc.slice(span), doc.slice(first_copy))
            || words < MIN_SAFE_WORDS
            || far
            || other_section
            || in_fenced_code(&doc.text, span)
        {
            Fix::unsafe_(edits)
        } else {
            Fix::safe(edits)
        };
        let mut diagnostic = Diagnostic::new(&RULE, block.doc, span, message);
        diagnostic
            .with_label("repeated here")
            .with_help("delete the later copy")
            .with_related(Related {
                doc: block.doc,
                span: first_copy,
                message: "first copy".to_string(),
            })
            .with_fix(fix);
        out.push(diagnostic);
    }
}

/// A line drawn between sections of a plain-text document: three or more of one of
/// `= - * _ ~ #`, spaces between them allowed (`=====`, `* * *`).
fn is_section_rule(line: &str) -> bool {
    let mut marks = line.chars().filter(|c| !c.is_whitespace());
    let Some(first) = marks.next() else {
        return false;
    };
    matches!(first, '=' | '-' | '*' | '_' | '~' | '#')
        && marks
            .try_fold(1, |n, c| (c == first).then_some(n + 1))
            .is_some_and(|n| n >= 3)
}

/// Whether two texts are the same but for whitespace (line breaks, runs of spaces,
/// no-break spaces) and typographic variants (curly or straight quotes, dashes).
fn same_but_typography(a: &str, b: &str) -> bool {
    fn plain(text: &str) -> impl Iterator<Item = char> + '_ {
        text.chars().filter(|c| !c.is_whitespace()).flat_map(|c| {
            let (folded, own) = match fold(c) {
                Some(ascii) => (ascii, None),
                None => ("", Some(c)),
            };
            folded.chars().chain(own)
        })
    }
    plain(a).eq(plain(b))
}

/// A paragraph that repeats by design: a dated byline or a name with its address on a
/// line of its own (a change log's entry head, a copyright holder), or a record of
/// `Field: value` lines (a stanza of a Debian copyright file).
fn is_byline_or_record(doc: &Document, para: usize) -> bool {
    let paragraph = &doc.paragraphs[para];
    let text = doc.slice(paragraph.span).trim();
    let byline = paragraph.first_line() == paragraph.last_line()
        && word_count_capped(text, MAX_BYLINE_WORDS + 1) <= MAX_BYLINE_WORDS
        && (is_metadata(text) || has_address(text));
    byline || text.lines().next().is_some_and(is_field_line)
}

/// A byline names a date and a few authors.
const MAX_BYLINE_WORDS: usize = 12;

/// A repeated block shorter than this is left to a person to delete...
const MIN_SAFE_WORDS: usize = 25;
/// ...and so is one more than this many paragraphs after its first copy.
const MAX_SAFE_GAP: usize = 3;

/// Whether `span` of `text` holds a fence of a code block or lies inside one: examples
/// repeat on purpose (the same code for two module systems, one under the other), and
/// deleting a fence with them would open a block that never closes.
fn in_fenced_code(text: &str, span: Span) -> bool {
    (text.contains("```") || text.contains("~~~"))
        && fenced_blocks(text)
            .iter()
            .any(|block| block.start < span.end && span.start < block.end)
}

/// Text whose lines are indented, `Field: value` lines or rows of a table drawn with
/// bars (`│KB_Overlay1  │If the Overlay1 control is enabled`), where two rows may say
/// the same on purpose and deleting one breaks the table.
fn is_laid_out(text: &str) -> bool {
    text.lines().any(|line| {
        is_field_line(line)
            || line.starts_with([' ', '\t'])
            || line.starts_with(['│', '|', '┃', '║'])
    })
}
