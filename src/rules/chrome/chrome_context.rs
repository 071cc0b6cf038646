//! C004 `chrome-context`: its docs, and its detector, which runs after the others and
//! marks lines by the chrome found around them: short lines between chrome lines, teasers
//! next to it, titles listed under a chrome heading.

use crate::corpus::Corpus;
use crate::data::RuleData;
use crate::diagnostic::{Family, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::document::Document;
use crate::rules::check::Lint;
use crate::rules::chrome::Options;
use crate::rules::chrome::evidence::{Detail, Detector, Marker, Marks};
use crate::rules::chrome::lines::Line;
use crate::rules::chrome::outside_article::{Bylines, head};
use crate::rules::chrome::report::runs_lint;
use crate::text::indent_width;

/// A short line between chrome lines (a box title, a teaser title) has at most this many words.
const MAX_CONTEXT_WORDS: usize = 12;
/// A truncated teaser blurb next to chrome has at most this many words.
const MAX_TEASER_WORDS: usize = 60;
/// A link title under a list heading (`Related stories`) has at most this many words.
const MAX_LISTED_TITLE_WORDS: usize = 16;
/// A body line: a sentence of at least this many words.
const MIN_BODY_WORDS: usize = 15;

pub const RULE: Rule = Rule {
    code: "C004",
    name: "chrome-context",
    family: Family::Chrome,
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    summary: "Lines that are chrome by their place: between chrome lines, or teasers next to it",
    docs: r#"## What it does
Classifies lines by their neighbours, as jusText does:

- a short line (at most 12 words, no sentence-final punctuation) whose previous and next
  non-blank lines are chrome is chrome too (`Opinion` between an edition switcher and a
  breadcrumb; `China Views` inside a footer);
- a line cut short with `...` or `…` next to chrome is a related-article teaser, and the
  short title before it, now between chrome lines, is chrome too;
- the titles and truncated blurbs under the heading of a list of links (`Most read`,
  `More stories`), with the date or byline under each title, are chrome; in a numbered
  or marked list, so is every line indented under an entry (its section, headline,
  standfirst, author and date), and the headline under a rank set on a line of its own
  (`1`, then the headline).

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
pub const LINT: Lint = runs_lint!(RULE);

/// The forms of context evidence: a short line between two chrome lines...
const BETWEEN: u8 = 0;
/// ...a truncated blurb next to chrome: a related-article teaser...
const TEASER: u8 = 1;
/// ...a title or blurb in the list under a heading such as `Related stories`.
const LISTED: u8 = 2;

/// Lines that are chrome by the chrome around them.
pub const DETECTOR: Detector = Detector {
    rule: &RULE,
    max_words: |_| {
        [
            MAX_CONTEXT_WORDS,
            MAX_TEASER_WORDS,
            MAX_LISTED_TITLE_WORDS,
            MIN_BODY_WORDS,
        ]
        .into_iter()
        .max()
        .unwrap_or(0)
    },
    prepare,
    describe: |detail, _| {
        match detail.form {
            BETWEEN => "short line between chrome lines",
            TEASER => "truncated blurb next to chrome",
            _ => "title in a list under a chrome heading",
        }
        .to_string()
    },
    kind: |detail, _| (detail.form != BETWEEN).then_some("related links"),
    note: |_| None,
};

fn prepare<'a>(_: &'a Corpus, data: &'a RuleData, _: &'a Options) -> Marker<'a> {
    let bylines = Bylines::new(&data.metadata);
    Box::new(move |page, marks| {
        // The headline of a page's article is never chrome, whatever surrounds it.
        let headline = page
            .layout()
            .article
            .as_ref()
            .and_then(|article| head(&page.lines, article, &bylines, marks))
            .map(|head| head.headline);
        mark_listed(&page.lines, page.document, headline, marks);
        mark_context(&page.lines, page.document, headline, marks);
    })
}

fn detail(form: u8) -> Detail {
    Detail {
        form,
        ..Detail::default()
    }
}

/// The titles and truncated blurbs under a chrome heading (`Most read`, `Related
/// stories`, `Archives`), up to the first line that is neither. A date or byline line
/// between two such titles, or after a title once another title had one, is the listed
/// article's (`Rooftop gardens, ten years on` over `February 17, 2021`), and so is
/// any short line indented under an entry of a numbered or marked list or set under a
/// rank of its own. A line whose sentence goes on in lower case on the next line of the
/// document, when that one is left out of `lines` (the rest of a wrapped paragraph), opens
/// a paragraph and ends the list.
fn mark_listed(lines: &[Line], document: &Document, headline: Option<usize>, marks: &mut Marks) {
    let runs_on = |j: usize| {
        let line = lines[j].index;
        lines.get(j + 1).is_none_or(|l| l.index != line + 1)
            && !lines[j].ends_sentence
            && document.next_line_goes_on_in_lower_case(line)
    };
    let mut i = 0;
    while i < lines.len() {
        let heading = match marks.get(i) {
            Some(chrome) if chrome.evidence.detail.heads_list => chrome.strong,
            _ => {
                i += 1;
                continue;
            }
        };
        // The list keeps the shape of its first entry: numbered or marked entries (a table
        // of contents) end where a plain line (the first heading of the body) begins.
        let numbered = |l: &Line| {
            l.list_item
                || l.text
                    .trim_start()
                    .starts_with(|c: char| c.is_ascii_digit())
        };
        let shape = lines.get(i + 1).map(numbered);
        let listed = |line: &Line| {
            // Listed titles may be questions; a full stop ends a sentence, not a title.
            let full_stop = line.text.trim_end().ends_with(['.', '。']) && !line.truncated;
            // `The resulting output will resemble:` introduces what follows it.
            let intro = line.text.trim_end().ends_with([':', '：']);
            let title = line.words <= MAX_LISTED_TITLE_WORDS && !full_stop && !intro;
            let blurb = line.truncated && line.words <= MAX_TEASER_WORDS;
            !line.metadata && (title || blurb)
        };
        let mut j = i + 1;
        // Whether a title of the list had a date or byline under it.
        let mut dated = false;
        // How far in the last numbered or marked entry stands.
        let mut item_indent = None;
        while j < lines.len() && !marks.is_marked(j) {
            let line = &lines[j];
            let indent = indent_width(line.text);
            // A plain line in a list of numbered or marked entries.
            let unmarked = shape == Some(true) && !numbered(line);
            // A line indented under an entry is part of it: a teaser's section label,
            // headline, standfirst, byline and date. So is the line under a rank set on a
            // line of its own (`1`, then the headline).
            let ranked = j > i + 1 && is_rank(lines[j - 1].text);
            let nested = unmarked && (ranked || item_indent.is_some_and(|item| indent > item));
            if (unmarked && !line.metadata && !nested) || headline == Some(j) || runs_on(j) {
                break;
            }
            if nested {
                if line.words > MAX_TEASER_WORDS {
                    break;
                }
            } else if line.metadata {
                let after_title = j > i + 1 && !lines[j - 1].metadata;
                let title_next = lines.get(j + 1).is_some_and(|next| {
                    listed(next) && headline != Some(j + 1) && !marks.is_marked(j + 1)
                });
                if !(after_title && (title_next || dated)) {
                    break;
                }
                dated = true;
            } else if !listed(line) {
                break;
            }
            if numbered(line) {
                item_indent = Some(indent);
            }
            marks.mark(j, detail(LISTED), heading);
            j += 1;
        }
        i = j.max(i + 1);
    }
}

/// For each of the page's `lines`, whether only blank lines stand between it and the one
/// before it in `document` (the first line has none before it).
fn next_to_previous(document: &Document, lines: &[Line]) -> Vec<bool> {
    let mut next_to = Vec::with_capacity(lines.len());
    next_to.push(false);
    next_to.extend(
        lines
            .windows(2)
            .map(|pair| (pair[0].index + 1..pair[1].index).all(|l| document.is_blank_line(l))),
    );
    next_to.truncate(lines.len());
    next_to
}

/// A rank alone on its line (`1`, `12`): the number of an entry of a ranked list whose
/// title the page sets on the next line.
fn is_rank(text: &str) -> bool {
    let text = text.trim();
    (1..=2).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit())
}

/// Short lines between chrome lines, and truncated blurbs next to chrome, repeated until
/// nothing changes. The evidence is strong when the neighbours' is.
///
/// Context only decides outside the article: before its first body line (a sentence of
/// some length) and after its last. Inside, a short line between two chrome lines is a
/// section heading (`History` between two `[edit]` links). The title is protected too: the
/// last short line before the first body line that nothing else marked, and any line right
/// before or after a byline or date.
///
/// Two lines are neighbours when only blank lines stand between them in the document: the
/// lines that are left out of `lines` (those of a paragraph wrapped over several lines,
/// code) part them as a body paragraph would.
fn mark_context(lines: &[Line], document: &Document, headline: Option<usize>, marks: &mut Marks) {
    let next_to_previous = next_to_previous(document, lines);
    let is_body = |l: &Line| l.words >= MIN_BODY_WORDS && l.ends_sentence;
    let first_body = lines.iter().position(is_body);
    let last_body = lines.iter().rposition(is_body);
    let title = first_body.and_then(|first| {
        (0..first)
            .rev()
            .find(|&i| !marks.is_marked(i) && !lines[i].metadata)
    });
    let in_article = |i: usize| match (first_body, last_body) {
        (Some(first), Some(last)) => first <= i && i <= last,
        _ => false,
    };
    let next_to_metadata =
        |i: usize| (i > 0 && lines[i - 1].metadata) || lines.get(i + 1).is_some_and(|l| l.metadata);
    loop {
        let mut changed = false;
        for (i, line) in lines.iter().enumerate() {
            if marks.is_marked(i)
                || line.metadata
                || next_to_metadata(i)
                || in_article(i)
                || title == Some(i)
                || headline == Some(i)
            {
                continue;
            }
            let before = i
                .checked_sub(1)
                .filter(|_| next_to_previous[i])
                .and_then(|j| marks.get(j))
                .map(|c| c.strong);
            let after = marks
                .get(i + 1)
                .filter(|_| next_to_previous.get(i + 1) == Some(&true))
                .map(|c| c.strong);
            if line.words <= MAX_CONTEXT_WORDS
                && !line.ends_sentence
                && let (Some(a), Some(b)) = (before, after)
            {
                marks.mark(i, detail(BETWEEN), a && b);
                changed = true;
            } else if line.truncated
                && line.words <= MAX_TEASER_WORDS
                && let Some(strong) = before.or(after)
            {
                marks.mark(i, detail(TEASER), strong);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::chrome::analysis::found_lines;
    use crate::rules::chrome::boilerplate_phrase;

    #[test]
    fn a_wrapped_paragraph_parts_a_line_from_the_chrome_after_it() {
        // The paragraph's first line is set apart by a hanging indent (its other lines are
        // indented), so the page's lines skip the rest of the paragraph: between the share
        // buttons and `Share`, the first line is no short line between chrome lines.
        let text = "Facebook Twitter LinkedIn Email\nFOLLOW US\nFacebook Twitter LinkedIn Email\n\n\
                    Council votes to keep the library open in the evenings\n \
                    through the winter, after a year of campaigning by the\n \
                    readers who use its rooms to study and to keep warm.\n\nShare\n";
        let rules = [&boilerplate_phrase::RULE, &RULE];
        assert_eq!(found_lines(text, &rules), [1, 2, 3, 9]);
        // Between them with nothing else, the same line is chrome by its place.
        let alone = "Facebook Twitter LinkedIn Email\nFOLLOW US\n\n\
                     Council votes to keep the library open\n\nShare\n";
        assert_eq!(found_lines(alone, &rules), [1, 2, 4, 6]);
    }

    #[test]
    fn a_list_under_a_chrome_heading_ends_where_a_wrapped_paragraph_begins() {
        // `More stories` heads a list; the line under it goes on in lower case on lines
        // indented more, which are no entries of a list: it opens a paragraph.
        let text = "More stories\n\nCouncil votes to keep the library open in the evenings\n \
                    through the winter, after a year of campaigning by the\n \
                    readers who use its rooms to study and to keep warm.\n\nShare\n";
        let rules = [&boilerplate_phrase::RULE, &RULE];
        assert_eq!(found_lines(text, &rules), [1, 7]);
        // Titles under the heading, each a line of its own, are listed.
        let titles = "More stories\n\nCouncil keeps the library open\nNew bridge opens in spring\n\n\
                      Share\n";
        assert_eq!(found_lines(titles, &rules), [1, 3, 4, 6]);
    }
}
