//! C001 `boilerplate-phrase`: its docs, and its detector, which matches each line against
//! the phrases of the chrome data.

use rustc_hash::FxHashSet;

use crate::corpus::Corpus;
use crate::data::RuleData;
use crate::data::metadata::{Label, MetadataData};
use crate::data::phrases::{Phrases, strip_markers};
use crate::diagnostic::{Family, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::document::paragraphs::starts_with_list_marker;
use crate::rules::check::Lint;
use crate::rules::chrome::Options;
use crate::rules::chrome::evidence::{Detail, Detector, Marker, Marks, Page};
use crate::rules::chrome::lines::{Line, block_under, heads_section, introduces};
use crate::rules::chrome::report::runs_lint;
use crate::text::memo::LineMemo;
use crate::text::sentence::ends_with_full_stop;
use crate::text::{indent_width, split_at_colon, word_count, word_count_capped};

mod outline;
use outline::own_outline;

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
follow-us links, `View All` / `Read more` links and links marked by an arrow (`View
Gallery »`), blurbs of other stories cut short before their link (`... Read more`),
most-viewed boxes and sponsored recommendations (`Around the Web`), photo credits and
the captions that end with them (`... Photo: VCG`, `新华社记者 张三 摄`),
the controls of an embedded video player (`Playback Rate`, `captions off, selected`),
feedback prompts (`Was this article helpful?`, `Report an error`), load-more buttons,
breadcrumbs, language and edition switchers, cookie banners, newsletter boxes,
back-to-top links, copyright, licence and registration lines (`京ICP备`, `Registration
Number: 130349`).

Consecutive chrome lines are one finding covering the run, named after what they are
(`share buttons`, `footer`...). The help lists the evidence of each line, such as
`matched chrome.share-buttons`; a run whose strongest evidence is a phrase is reported
here, even when some of its lines are chrome by another rule.

Phrases only match short lines (each entry sets `max_words`), so `Share prices fell 3%`
and `Copyright law has not kept pace` stay. A phrase matches a line that stands alone,
never the end of a sentence wrapped from the line before (`more.`) nor the start of one
that goes on to the next line.

Some phrases are ordinary text too: a copyright line, `Terms and Conditions`, `Reply`,
`Comment:` (entries with `needs_context = true`). Such a line is chrome only where a page
puts its links: beside other chrome, among a menu of short labels, repeated down the page
as a button, or after the last body paragraph; never when it is indented text without a
list marker, as plain-text documents lay out their lines, nor in a list of three or more
such lines with years (the copyright holders of a package). The copyright line at the top
of a licence and a licence's `TERMS AND CONDITIONS` heading stay, and so does a line
that opens with an author's label (`Text: Anna Schmidt, Fotos: Jonas Keller`): a byline,
whatever credits it also gives. Indented text without
a list marker is matched by any phrase only in a page with an article: a commit message
of a git log (`    image: fix include`, `    Sign`) is no caption nor button; so is a
list item of three words or more among items no phrase matches (`* image/jxl: new type`,
`* **related:** add related notes` in a change log), a button's name alone among short
lines with no list marker that no phrase matches (`Facebook` in a THANKS file's list of
sponsors, one a line), and a lower-case word alone on its line, with or without a colon
(`close` heading an entry of a function reference, `login:` heading the changes to that
command in release notes, `help` in a list of a tool's commands). A table of contents
(`Contents`) is a page's, but a document's own outline when its entries name lines
further down (`1. History` over a later `History`; a chapter's label left out, `1.
Overview` over a later `Chapter 1. Overview`; entries in groups a blank line apart, as
DocBook renders them), when it is underlined, or when a listing in columns stands under
it (`README<tab>This file.`).

A document laid out by hand (its prose hard-wrapped, or its headings underlined) heads
its sections in its own words, which no phrase makes chrome: a heading over a paragraph
of prose (`Tags`, then what the tags of a protocol are), a sentence that ends with a
colon and introduces what follows (`Tags or revisions can be installed like so:`), and
a line with the lines under it indented deeper (`Help` over the entries of a program's
menu in its README, `* Accessibility` over its changes in a NEWS file). Its short lines
stand one under another without being a menu: there a line that needs context is chrome
in a menu only when another line of the menu is matched too (`Privacy Policy` over
`Copyright (c) 2024 Example Media`), never for the title lines over the copyright line of
a licence (`= github.com/example/validator =`, `The MIT License (MIT)`).

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
pub const LINT: Lint = runs_lint!(RULE);

/// Lines that match a phrase entry; the evidence names the entry.
pub const DETECTOR: Detector = Detector {
    rule: &RULE,
    max_words: Phrases::max_words,
    prepare,
    describe: |detail, phrases| format!("matched chrome.{}", phrases.entries[entry(detail)].id),
    kind: |detail, phrases| Some(phrases.entries[entry(detail)].kind.as_str()),
    note: |_| None,
};

fn prepare<'a>(_: &'a Corpus, data: &'a RuleData, _: &'a Options) -> Marker<'a> {
    let phrases = &data.phrases;
    let metadata = &data.metadata;
    // A site's menus and footers are matched against the phrases once, not on every page.
    let known = LineMemo::default();
    Box::new(move |page, marks| mark(page, marks, phrases, metadata, &known))
}

/// Whether `text` opens with an author's label (`Text: Anna Schmidt, Fotos: Jonas
/// Keller`, `Autor: ...`): a byline, whatever credits it also gives.
fn opens_with_author_label(text: &str, metadata: &MetadataData) -> bool {
    let text = strip_markers(text.trim());
    split_at_colon(text)
        .is_some_and(|(label, _)| metadata.label_of(label.trim()) == Some(Label::Author))
}

/// A line of wrapped prose has at least this many words (shorter lines are menu entries
/// or labels)...
const MIN_WRAPPED_WORDS: usize = 6;
/// ...or at least this many characters.
const MIN_WRAPPED_CHARS: usize = 40;
/// A longer line is a paragraph on one line, not a line of wrapped prose.
const MAX_WRAPPED_CHARS: usize = 100;
/// A body paragraph: a sentence of at least this many words.
const MIN_BODY_WORDS: usize = 15;

/// A line indented without a list marker: laid out as a plain-text document lays out its
/// text (a licence's closing `   All rights reserved.`), not as a page's links.
fn indented_text(line: &Line) -> bool {
    line.text.starts_with(char::is_whitespace) && !line.list_item
}

/// A lower-case word alone on its line, with no list marker: the name a reference manual
/// heads an entry with (`close`, over the synopsis of the function; `login:` over the
/// changes to that command in release notes), unless a page's article says the document
/// is a page, whose buttons may be written so.
fn identifier(line: &Line) -> bool {
    let text = line.text.trim();
    let name = text.strip_suffix(':').unwrap_or(text);
    !line.list_item
        && !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_lowercase() || c.is_ascii_digit() || c == '_')
}

/// A line that heads a section of a document laid out by hand: a heading over a paragraph
/// of prose (`Tags`, then what the tags of a protocol are), a sentence that introduces
/// what follows (`Tags or revisions can be installed like so:` over an example), or a
/// line with the lines under it indented deeper (`Help` over the entries of a program's
/// menu, in its README; `* Accessibility` over its changes, in a NEWS file).
fn heads_own_section(page: &Page, i: usize) -> bool {
    let line = &page.lines[i];
    let document = page.document;
    page.is_laid_out_by_hand()
        && (block_under(document, line).is_some()
            || introduces(line)
            || heads_section(document, line))
}

/// A list item nested deep in an indented block (`    - sign` under `    * fallible
/// operations` in a commit message): a document's own outline, unless a page's article
/// says the document is a page, whose menus nest too.
fn nested_item(line: &Line) -> bool {
    line.list_item && indent_width(line.text) >= NESTED_INDENT
}

/// A list marker this far in is nested in an indented block.
const NESTED_INDENT: usize = 6;

/// Phrases that decide alone first; then those that need context, beside chrome or in a
/// group after the body.
fn mark(
    page: &Page,
    marks: &mut Marks,
    phrases: &Phrases,
    metadata: &MetadataData,
    known: &LineMemo<(usize, Option<usize>)>,
) {
    let found: Vec<Option<usize>> = (0..page.lines.len())
        .map(|i| {
            let line = &page.lines[i];
            let find = || phrases.find(line.text, line.words).map(|m| m.entry);
            // The words of a line are counted alike on every page.
            let entry = match known.get_or_compute(line.text, || (line.words, find())) {
                (words, entry) if words == line.words => entry,
                _ => find(),
            };
            // Most lines match no phrase: whether they stand alone is not asked.
            entry.filter(|&e| {
                stands_alone(page, i)
                    && !(phrases.entries[e].outline && own_outline(page, i))
                    && !opens_with_author_label(line.text, metadata)
            })
        })
        .collect();
    let needs_context = |i: usize| found[i].is_some_and(|e| phrases.entries[e].needs_context);
    // Once per line: the loop below asks again each time it marks more.
    let own_list: Vec<bool> = (0..found.len())
        .map(|i| needs_context(i) && in_list_of_its_own(page, &found, i))
        .collect();
    for (i, entry) in found.iter().enumerate() {
        if let Some(entry) = *entry
            && !needs_context(i)
            && (!(indented_text(&page.lines[i])
                || nested_item(&page.lines[i])
                || identifier(&page.lines[i])
                || lone_entry(page, &found, i)
                || heads_own_section(page, i)
                || (!phrases.entries[entry].heading && alone_in_menu(page, &found, i)))
                || page.layout().article.is_some())
        {
            marks.mark(i, detail(phrases, entry), true);
        }
    }
    // Where a page puts its links: a menu, a button repeated down the page, the footer.
    // Only a scraped page has a footer: a licence or a book ends with its own notice.
    // Whether the document is a page is asked last, of a phrase after the body only:
    // finding the article costs more than the rest of this detector.
    let body_end = last_body_line(page, &found);
    for (i, entry) in found.iter().enumerate() {
        if let Some(entry) = *entry
            && needs_context(i)
            && !indented_text(&page.lines[i])
            && !own_list[i]
            && !heads_own_section(page, i)
            && (!identifier(&page.lines[i]) || page.layout().article.is_some())
            && (in_page_menu(page, &found, i)
                || in_pair(page, &found, needs_context, i)
                || repeated_button(page, &found, i)
                || (body_end.is_some_and(|end| page.lines[i].index > end)
                    && page.layout().article.is_some()))
        {
            marks.mark(i, detail(phrases, entry), true);
        }
    }
    // Beside chrome, repeated so that a footer of legal links is found from its one
    // unambiguous line.
    loop {
        let mut changed = false;
        for (i, entry) in found.iter().enumerate() {
            if let Some(entry) = *entry
                && !marks.is_marked(i)
                && !own_list[i]
                && neighbours(page, i).any(|j| marks.is_marked(j))
            {
                marks.mark(i, detail(phrases, entry), true);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

/// A list item that a phrase matches among entries of a list that none does, when the
/// list is not a menu: `* image/jxl: new type` or `* **related:** add related
/// diagnostics` in a change log is one change among others, unless a page's article says
/// the document is a page.
fn lone_entry(page: &Page, found: &[Option<usize>], i: usize) -> bool {
    let lines = &page.lines;
    if !lines[i].list_item {
        return false;
    }
    let together = |a: usize, b: usize| lines[b].index <= lines[a].index + 2;
    let (first, last) = run_around(page, i, together, |j| lines[j].list_item);
    let others = last - first;
    let matched = (first..=last)
        .filter(|&j| j != i && found[j].is_some())
        .count();
    // A word or two among short labels is a menu's button (`* Search` beside `* About`).
    let sentence = lines[i].words >= MIN_ENTRY_WORDS;
    others >= MIN_LIST_ENTRIES && matched * 2 < others && (sentence || !in_menu(page, i))
}

/// A list of this many other entries besides the one a phrase matched...
const MIN_LIST_ENTRIES: usize = 3;
/// ...and an entry of this many words says something: a change, not a button.
const MIN_ENTRY_WORDS: usize = 3;

/// A page has one copyright line: this many lines in a row that match the same
/// ambiguous entry and each carry a number (a year) are a list of the document's own, the
/// copyright holders of a package or the credits of a book. A footer's links carry none.
const MIN_OWN_LIST: usize = 3;

/// Whether line `i` is in a run of at least `MIN_OWN_LIST` consecutive lines that match
/// the same entry as it does and hold a digit.
fn in_list_of_its_own(page: &Page, found: &[Option<usize>], i: usize) -> bool {
    let numbered = |j: usize| page.lines[j].text.chars().any(|c| c.is_ascii_digit());
    if !numbered(i) {
        return false;
    }
    let same = |j: usize| found[j] == found[i] && numbered(j);
    let consecutive = |a: usize, b: usize| page.lines[b].index == page.lines[a].index + 1;
    let (first, last) = run_around(page, i, consecutive, same);
    last - first + 1 >= MIN_OWN_LIST
}

/// The first and last of the lines around line `i` of `page` that are members and
/// joined to the next one, one after the other.
fn run_around(
    page: &Page,
    i: usize,
    joined: impl Fn(usize, usize) -> bool,
    member: impl Fn(usize) -> bool,
) -> (usize, usize) {
    let mut first = i;
    while first > 0 && joined(first - 1, first) && member(first - 1) {
        first -= 1;
    }
    let mut last = i;
    while last + 1 < page.lines.len() && joined(last, last + 1) && member(last + 1) {
        last += 1;
    }
    (first, last)
}

/// A menu entry: a short label (no colon, no digits, no final punctuation)...
const MAX_MENU_LABEL_WORDS: usize = 5;
/// ...in a block of at least this many such lines.
const MIN_MENU_LABELS: usize = 3;
/// A button repeated down the page (`Reply` under each comment) has at most this many
/// words.
const MAX_BUTTON_WORDS: usize = 2;

/// Whether line `i` is short and has at least two labels around it (words without a
/// colon, digits or final punctuation), one under the other or a blank line apart: an entry of a
/// menu, as a list or as plain lines. A licence heading or a field label (`Comment:`)
/// stands among sentences or values.
fn in_menu(page: &Page, i: usize) -> bool {
    menu_around(page, i).is_some()
}

/// Whether line `i` is an entry of a menu (`in_menu`) that is a page's: in a document laid
/// out by hand, another entry must be matched too (`Privacy Policy` beside `© 2024
/// Example Media`). A hand-written document's short lines stand one under another too: a
/// licence's `= github.com/x/y =` and `The MIT License (MIT)` over its copyright line.
fn in_page_menu(page: &Page, found: &[Option<usize>], i: usize) -> bool {
    menu_around(page, i).is_some_and(|(first, last)| {
        !page.is_laid_out_by_hand() || (first..=last).any(|j| j != i && found[j].is_some())
    })
}

/// The first and last lines of the menu line `i` is an entry of, if it is one.
fn menu_around(page: &Page, i: usize) -> Option<(usize, usize)> {
    let lines = &page.lines;
    let short = |l: &Line| {
        l.words <= MAX_MENU_LABEL_WORDS && !l.ends_sentence && !l.text.contains([':', '：'])
    };
    let label = |j: usize| {
        let text = lines[j].text;
        short(&lines[j])
            && text.chars().any(char::is_alphabetic)
            && !text.chars().any(|c| c.is_ascii_digit())
    };
    let together = |a: usize, b: usize| lines[b].index <= lines[a].index + 2;
    if !short(&lines[i]) {
        return None;
    }
    let (first, last) = run_around(page, i, together, label);
    (last - first >= MIN_MENU_LABELS - 1).then_some((first, last))
}

/// Whether line `i` is an entry of a menu of lines with no list marker whose other
/// entries no phrase matches: one name among others (`Facebook` in a THANKS file's list of
/// sponsors), a menu's link only in a page with an article. A page's menu is most often a
/// list, and the heading of a list of links (`Most read`) is asked nothing of the titles
/// under it.
fn alone_in_menu(page: &Page, found: &[Option<usize>], i: usize) -> bool {
    menu_around(page, i).is_some_and(|(first, last)| {
        (first..=last).all(|j| !page.lines[j].list_item && (j == i || found[j].is_none()))
    })
}

/// Whether line `i` and a neighbour are both lines that need context, of two different
/// entries, neither a label that introduces what follows: `Terms of Service` beside a
/// copyright line.
fn in_pair(
    page: &Page,
    found: &[Option<usize>],
    needs_context: impl Fn(usize) -> bool,
    i: usize,
) -> bool {
    let open_label = |j: usize| strip_markers(page.lines[j].text).ends_with([':', '：']);
    needs_context(i)
        && !open_label(i)
        && neighbours(page, i).any(|j| needs_context(j) && !open_label(j) && found[j] != found[i])
}

/// Whether line `i`, a word or two, is matched again elsewhere on the page: a button
/// under each comment or a link in both header and footer. A label that introduces what
/// follows (`Comment:`) is not a button.
fn repeated_button(page: &Page, found: &[Option<usize>], i: usize) -> bool {
    let key = |j: usize| {
        let line = &page.lines[j];
        let text = strip_markers(line.text);
        (line.words <= MAX_BUTTON_WORDS
            && !text.ends_with([':', '：'])
            && !text.chars().any(|c| c.is_ascii_digit()))
        .then(|| text.to_lowercase())
    };
    let Some(own) = key(i) else {
        return false;
    };
    (0..page.lines.len()).any(|j| j != i && found[j].is_some() && key(j).as_ref() == Some(&own))
}

fn detail(phrases: &Phrases, entry: usize) -> Detail {
    Detail {
        numbers: [Detail::number(entry), 0, 0],
        heads_list: phrases.entries[entry].heading,
        ..Detail::default()
    }
}

/// The lines of the page just before and after line `i`, when only blank lines lie
/// between.
fn neighbours<'p>(page: &'p Page, i: usize) -> impl Iterator<Item = usize> + 'p {
    let before = i.checked_sub(1);
    let after = (i + 1 < page.lines.len()).then_some(i + 1);
    [before, after].into_iter().flatten().filter(move |&j| {
        let (a, b) = (i.min(j), i.max(j));
        page.document
            .only_blank_between(page.lines[a].index, page.lines[b].index)
    })
}

/// The last line of the last body paragraph: a sentence of some length, on one line or
/// hard-wrapped over several (whose lines are each short). `None` when the document has
/// none, and so no footer that can be told from it.
fn last_body_line(page: &Page, found: &[Option<usize>]) -> Option<usize> {
    let document = page.document;
    let lines: Vec<&str> = document.line_spans().map(|s| document.slice(s)).collect();
    let chrome: FxHashSet<usize> = (0..page.lines.len())
        .filter(|&i| found[i].is_some())
        .map(|i| page.lines[i].index)
        .collect();
    let prose = |at: usize| {
        let line = lines[at].trim();
        !line.is_empty() && !starts_with_list_marker(line)
    };
    (0..lines.len()).rev().find(|&end| {
        if !prose(end) || chrome.contains(&end) || !ends_with_full_stop(lines[end]) {
            return false;
        }
        let mut words = 0;
        for at in (0..=end).rev().take_while(|&at| prose(at)) {
            words += word_count_capped(lines[at], MIN_BODY_WORDS);
            if words >= MIN_BODY_WORDS {
                return true;
            }
        }
        false
    })
}

/// Whether line `i` is a unit of its own, rather than the end of a sentence begun on the
/// line before (`more.` after `... for`) or the start of one that goes on to the next line.
fn stands_alone(page: &Page, i: usize) -> bool {
    let lines = &page.lines;
    let line = &lines[i];
    let text = strip_markers(line.text);
    let starts_lower = |t: &str| t.chars().next().is_some_and(char::is_lowercase);
    let before = i
        .checked_sub(1)
        .map(|j| &lines[j])
        .filter(|p| p.index + 1 == line.index);
    let after = lines.get(i + 1).filter(|n| n.index == line.index + 1);
    // A line broken off mid-sentence ends with a lower-case word or a comma.
    let left_open = |l: &Line| {
        let text = l.text.trim();
        let chars = text.chars().count();
        let last_word = text.split_whitespace().next_back().unwrap_or("");
        (l.words >= MIN_WRAPPED_WORDS || chars >= MIN_WRAPPED_CHARS)
            && chars <= MAX_WRAPPED_CHARS
            && (last_word.starts_with(char::is_lowercase) || text.ends_with([',', '，']))
    };
    // A list item starts a unit of its own; so does a line that is not a sentence's last
    // word: `English.` ends one, `Sign up to receive...` begins another.
    let full_stop = text.ends_with('.');
    // `  * Added the licence.` then `    Retrieved from https://...`: a line indented
    // under the list item before it goes on with that item.
    let continues_item =
        before.is_some_and(|b| b.list_item && indent_width(line.text) > indent_width(b.text));
    let tail = !line.list_item
        && (continues_item
            || (starts_lower(text) && full_stop)
            || (before.is_some_and(left_open)
                && (starts_lower(text) || (full_stop && word_count(text) == 1))));
    // A list item after it starts a unit of its own, whatever its case: `* captions
    // settings, opens captions settings dialog` over `* captions off, selected`.
    let head = after.is_some_and(|next| {
        text.ends_with([',', '，'])
            || (left_open(line) && !next.list_item && starts_lower(strip_markers(next.text)))
    });
    !(tail || head || heads_block(page, line))
}

/// A description this long under a line makes the line its term or heading...
const MIN_DESCRIPTION_WORDS: usize = 8;

/// ...when it is indented deeper, right under it or after one blank line: `print`
/// over `  Printing of floating-point values...` in a manual, `* Language` over the
/// nested list of a release's language changes. Menus nest short entries. A line over a
/// list of links to the document's own sections heads its outline.
fn heads_block(page: &Page, line: &Line) -> bool {
    let paragraphs = &page.document.paragraphs;
    let next = paragraphs.partition_point(|p| p.first_line() <= line.index);
    let Some(block) = paragraphs
        .get(next)
        .filter(|p| p.first_line() <= line.index + 2)
    else {
        return false;
    };
    let text = page.document.slice(block.span);
    // `Table of contents:` over `* [Usage](#usage)`: the document's own outline.
    let outline = starts_with_list_marker(text.trim_start()) && text.contains("](#");
    // Teaser titles under `Read more` are list items of a line each, however long; a
    // change is a sentence, or wrapped over lines.
    // A term is described in prose, a list item by a nested list; an item with a blurb
    // under it (`* Facebook` over its promotion) is one entry of a box.
    let described = if starts_with_list_marker(text.trim_start()) {
        line.list_item
            && (block.last_line() > block.first_line() || ends_with_full_stop(text))
            && word_count_capped(text, MIN_NESTED_DESCRIPTION_WORDS) >= MIN_NESTED_DESCRIPTION_WORDS
    } else {
        !line.list_item && word_count_capped(text, MIN_DESCRIPTION_WORDS) >= MIN_DESCRIPTION_WORDS
    };
    outline || (indent_width(text) > indent_width(line.text) && described)
}

/// A nested list item that describes: a paragraph wrapped over lines, this long.
const MIN_NESTED_DESCRIPTION_WORDS: usize = 8;

/// The index of the phrase entry the line matched.
fn entry(detail: &Detail) -> usize {
    detail.numbers[0] as usize
}

#[cfg(test)]
mod tests;
