//! C003 `site-template`: its docs, and its detector, which counts the one-line paragraphs
//! of every folder's documents and marks those repeated across the folder.

use rustc_hash::FxHashMap;
use std::path::Path;
use std::sync::OnceLock;

use rayon::prelude::*;
use regex::Regex;

use crate::corpus::Whole;
use crate::corpus::{Corpus, DOCUMENTS_PER_TASK};
use crate::data::RuleData;
use crate::data::phrases::strip_markers;
use crate::diagnostic::{Family, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::document::paragraphs::starts_with_list_marker;
use crate::document::{DocId, Document};
use crate::provenance::names::reads_as_names;
use crate::rules::check::Lint;
use crate::rules::chrome::Options;
use crate::rules::chrome::evidence::{Detail, Detector, Marker, Marks, Page};
use crate::rules::chrome::lines::{
    Line, block_under, has_year, heads_section, introduces, is_numbered_title,
};
use crate::rules::chrome::navigation::has_menu_separator;
use crate::rules::chrome::report::runs_lint;
use crate::text::hashing::KeyMap;
use crate::text::narrow::saturating_u32;

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
signal there is. Bylines and date lines are never template, nor is a name alone on its
line over or under a date (the byline of an author who wrote many of the folder's
documents), and neither are lines that documents of one folder share as content:
sentences and parts of wrapped ones (`at your option.`), code and configuration (`}`,
`[dependencies]`, `serde = "1"`), rows of a table laid out in columns, one cell a
number (`1      CARD8      opcode` in each of a folder's protocol specifications),
headings (`## License`, a line underlined with `---` or `===`, or `License` above a
paragraph), fields in a Markdown list (`* Type: Boolean` under each option of a
manual's pages), and punctuation that structures the text (a rule, a code fence). In
Markdown and in documents laid out by hand (their prose hard-wrapped, or their headings
underlined), a line that the document itself repeats is a label of its own structure
(`Table of Contents` at each chapter of a specification), and so is a numbered section
title (`1. Introduction`, `A.4 Protocol Errors`, `Chapter 1. Overview`), which documents
of one kind share; on a page, a numbered list shared by the site (`1. Storm closes the
bridge` under `Most read`) is template. A line over a block indented deeper than itself
(`NAME`, `SEE ALSO` in each manual page of a folder) heads a section of the document's
own, unless the block is a list (a menu's heading stands over its links) or, on a page,
the line is a list item (a menu's entry over its submenu). A bullet alone, an empty list
item, is template.

The evidence names the counts: `line appears in 41 of the 50 files of its folder`.

## Why it matters
Template lines are not the article. They repeat in every document of a site, so they
weigh heavily in any statistic and any model trained on the corpus.

## Example
`Privacy Policy | Terms of Use | Cookie Settings | Contact Us` at the end of every
article of a site.

## Fix
Safe: delete the run, in a document laid out as a scraper saves a page. Documents of one
kind written by hand share lines as a site's pages do (each protocol specification of a
folder opens with `X Consortium Standard`): in a document laid out by hand, its prose
hard-wrapped or its headings underlined, shared lines are deleted by the unsafe fix
only. In Markdown, which is written by hand as often as it is saved from a page, the
safe fix deletes only lines that link elsewhere (`* [Home](/)`), and a list item only
when every item of its list is template, as a site's menu repeats whole (the `See also`
lists of a manual's pages share some links, not all); other shared lines (`* Returns:
{Promise}` in each file of a manual) are deleted by the unsafe fix.

## Configuration
`template_min_docs` (default 3) and `template_folder_share` (default 0.3) in the chrome
options. Silence with `--ignore C003`.
"#,
};

/// The rule with its check, as the registry lists it.
pub const LINT: Lint = runs_lint!(RULE);

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
    // The run's best-attested line: how much of its folder shares it.
    note: |details| {
        let [_, folder_docs, folder_files] = details.iter().max_by_key(|d| d.numbers[1])?.numbers;
        Some(format!(
            "on {folder_docs} of the {folder_files} files of its folder"
        ))
    },
};

fn prepare<'a>(corpus: &'a Corpus, _: &'a RuleData, options: &'a Options) -> Marker<'a> {
    let templates = Templates::count(corpus, options);
    Box::new(move |page, marks| templates.mark(page, marks, options))
}

/// The keys of the one-line paragraphs of `document`, sorted, once each: the lines that
/// can be site template.
pub fn one_line_keys(document: &Document) -> Vec<u128> {
    let mut keys: Vec<u128> = document
        .paragraphs
        .iter()
        .filter(|p| p.first_line() == p.last_line() && p.fingerprint.chars > 0)
        .map(|p| p.fingerprint.key())
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// A one-line paragraph of a document, and the document's folder: 20 bytes where a
/// `(u128, u32)` takes 32, as a corpus has one for every one-line paragraph of every
/// document while they are counted. Ordered by key, then folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Entry {
    /// The paragraph's key, most significant word first.
    key: [u32; 4],
    folder: u32,
}

impl Entry {
    fn new(key: u128, folder: usize) -> Self {
        Self {
            key: std::array::from_fn(|word| (key >> (96 - 32 * word)) as u32),
            folder: saturating_u32(folder),
        }
    }

    fn key(&self) -> u128 {
        self.key
            .iter()
            .fold(0, |key, &word| (key << 32) | u128::from(word))
    }
}

/// How many documents hold each one-line paragraph, in all and per folder, for those
/// held by enough documents of a folder to be its template.
#[derive(Debug, Default)]
struct Templates {
    docs: KeyMap<u128, u32>,
    per_folder: FxHashMap<(usize, u128), u32>,
    folder_of: Vec<usize>,
    folder_files: Vec<usize>,
}

impl Templates {
    fn count(corpus: &Corpus, options: &Options) -> Self {
        let mut folders: FxHashMap<&Path, usize> = FxHashMap::default();
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
        if let Some(whole) = &corpus.whole {
            return Self::of_whole(whole, &folders, folder_of, folder_files, options);
        }
        // One entry per one-line paragraph of each document (once per document), sorted:
        // a paragraph's documents, folder by folder. Most are in one document only, and
        // are not kept in the counts.
        let mut entries: Vec<Entry> = corpus
            .documents
            .par_iter()
            .with_max_len(DOCUMENTS_PER_TASK)
            .zip(&folder_of)
            .flat_map_iter(|(document, &folder)| {
                one_line_keys(document)
                    .into_iter()
                    .map(move |key| Entry::new(key, folder))
            })
            .collect();
        entries.par_sort_unstable();
        let mut templates = Self {
            folder_of,
            folder_files,
            ..Self::default()
        };
        for same_key in entries.chunk_by(|a, b| a.key == b.key) {
            let folders = same_key
                .chunk_by(|a, b| a.folder == b.folder)
                .map(|same_folder| (same_folder[0].folder as usize, same_folder.len()));
            templates.keep(same_key[0].key(), same_key.len(), folders, options);
        }
        templates
    }

    /// The counts of a part of a corpus, taken from those of the whole: folders hold the
    /// documents the whole has in them.
    fn of_whole(
        whole: &Whole,
        folders: &FxHashMap<&Path, usize>,
        folder_of: Vec<usize>,
        mut folder_files: Vec<usize>,
        options: &Options,
    ) -> Self {
        for (folder, &id) in folders {
            if let Some(n) = whole.folder_documents(folder) {
                folder_files[id] = n;
            }
        }
        let mut templates = Self {
            folder_of,
            folder_files,
            ..Self::default()
        };
        for (key, counts) in whole.lines() {
            let counts: Vec<(&Path, u32)> = counts.collect();
            let docs = counts.iter().map(|&(_, n)| n as usize).sum();
            let local = counts
                .iter()
                .filter_map(|&(folder, n)| Some((*folders.get(folder)?, n as usize)));
            templates.keep(key, docs, local, options);
        }
        templates
    }

    /// Keeps the counts of `key`, held by `docs` documents in all, in the folders where
    /// enough documents hold it.
    fn keep(
        &mut self,
        key: u128,
        docs: usize,
        folders: impl Iterator<Item = (usize, usize)>,
        options: &Options,
    ) {
        let min_docs = options.template_min_docs.max(1);
        for (folder, folder_docs) in folders {
            if folder_docs >= min_docs {
                self.per_folder.insert((folder, key), folder_docs as u32);
                self.docs.insert(key, docs as u32);
            }
        }
    }

    /// Marks the lines of `page` that are one-line paragraphs repeated across its folder;
    /// never a byline or a date.
    fn mark(&self, page: &Page, marks: &mut Marks, options: &Options) {
        let one_line_keys: FxHashMap<usize, u128> = page
            .document
            .paragraphs
            .iter()
            .filter(|p| p.first_line() == p.last_line())
            .map(|p| (p.first_line(), p.fingerprint.key()))
            .collect();
        // A line that a document written by hand repeats is a label of its own structure
        // (`* Type: Boolean` under each option of a manual's page, `Table of Contents` at
        // each chapter), whatever other documents of its kind share it.
        let by_hand = page.document.structure.is_markdown() || page.is_laid_out_by_hand();
        let mut repeated: FxHashMap<u128, u32> = FxHashMap::default();
        if by_hand {
            for key in one_line_keys.values() {
                *repeated.entry(*key).or_default() += 1;
            }
        }
        let found: Vec<Option<Detail>> = page
            .lines
            .iter()
            .enumerate()
            .map(|(i, line)| {
                if marks.is_marked(i)
                    || line.metadata
                    || is_content(page, line, by_hand)
                    || is_signature(page, i)
                {
                    return None;
                }
                let key = one_line_keys.get(&line.index)?;
                if repeated.get(key).is_some_and(|&n| n > 1) {
                    return None;
                }
                self.evidence(page.doc, *key, options)
            })
            .collect();
        // An indented line or a `Field: value` line has its place in the document's own
        // structure (`Files: *` and `Copyright:` in a copyright file, a licence's
        // `   END OF TERMS AND CONDITIONS`): it is template only in a run of template
        // lines, as the lines of a footer are.
        let marked: Vec<bool> = (0..page.lines.len()).map(|i| marks.is_marked(i)).collect();
        let in_run = |i: usize| {
            let index = page.lines[i].index;
            let beside = |j: usize| {
                page.lines[j].index.abs_diff(index) == 1 && (found[j].is_some() || marked[j])
            };
            (i > 0 && beside(i - 1)) || (i + 1 < page.lines.len() && beside(i + 1))
        };
        let keep: Vec<bool> = (0..found.len())
            .map(|i| found[i].is_some() && (!is_structured(&page.lines[i]) || in_run(i)))
            .collect();
        // Markdown is written by hand as often as it is saved from a page: a manual's files
        // share `* Returns: {Promise}` and `Closes the handle.`. There a shared line is
        // deleted by the safe fix only when it links elsewhere, as menus and footers do.
        let markdown = page.document.structure.is_markdown();
        let whole_list = if markdown {
            in_whole_lists(page, &keep)
        } else {
            Vec::new()
        };
        for (i, detail) in found.into_iter().enumerate() {
            if let Some(detail) = detail
                && keep[i]
            {
                let strong = if markdown {
                    page.lines[i].text.contains("](") && whole_list[i]
                } else {
                    // Documents of one kind written by hand (the specifications of a
                    // protocol, each with the same title page, licence and `Table of
                    // Contents`) share lines as a site's pages do.
                    !page.is_laid_out_by_hand()
                };
                marks.mark(i, detail, strong);
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

/// For each line of `page`: whether it is no list item, or lies in a list whose every item
/// is `template`. A site's menu repeats whole, while the lists of a manual's pages (`See
/// also`) share some links and not others.
fn in_whole_lists(page: &Page, template: &[bool]) -> Vec<bool> {
    let lines = &page.lines;
    let mut whole = vec![true; lines.len()];
    let mut start = 0;
    while start < lines.len() {
        if !lines[start].list_item {
            start += 1;
            continue;
        }
        let mut end = start + 1;
        while end < lines.len()
            && lines[end].list_item
            && lines[end].index == lines[end - 1].index + 1
        {
            end += 1;
        }
        let all = template[start..end].iter().all(|&t| t);
        whole[start..end].fill(all);
        start = end;
    }
    whole
}

/// A line in wrapped prose has at least this many words when it starts with a capital...
const MIN_PROSE_WORDS: usize = 10;
/// ...and this many when it starts in lower case (the rest of a sentence).
const MIN_TAIL_WORDS: usize = 4;

/// An indented line that is no list item, or a `Field: value` line.
fn is_structured(line: &Line) -> bool {
    // A bullet alone (`  *`, its icon link lost) is a page's, however indented.
    let bullet = !line.text.chars().any(char::is_alphanumeric);
    is_field(line.text)
        || (!line.list_item && !bullet && line.text.starts_with(char::is_whitespace))
}

/// A `Field: value` line (`Files: *`, `Type: Boolean`), or a field with its value under it.
fn is_field(text: &str) -> bool {
    text.split_once(':').is_some_and(|(name, value)| {
        name.len() > 1
            && name.starts_with(|c: char| c.is_ascii_uppercase())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && (value.is_empty() || value.starts_with(' '))
    })
}

/// Words a sentence does not end on (English function words).
const CONTINUING_WORDS: &[&str] = &[
    "a", "an", "and", "as", "by", "either", "for", "from", "if", "of", "or", "than", "that", "the",
    "to", "under", "whether", "which", "with",
];

/// Whether `word`, in any case, is one of `CONTINUING_WORDS`.
fn is_continuing_word(word: &str) -> bool {
    if word.is_ascii() {
        return CONTINUING_WORDS
            .iter()
            .any(|w| w.eq_ignore_ascii_case(word));
    }
    // A few letters outside ASCII (the Kelvin sign) lower-case into it.
    CONTINUING_WORDS.contains(&word.to_lowercase().as_str())
}

/// Whether a line that files of a folder share is content of a kind that several
/// documents share without being a site's template: a sentence or part of one, code,
/// a heading, or punctuation that structures the text. `by_hand`: the document is
/// Markdown or laid out by hand.
fn is_content(page: &Page, line: &Line, by_hand: bool) -> bool {
    let text = line.text.trim();
    if !text.chars().any(char::is_alphanumeric) {
        // `}`, a code fence, a rule, the `.` between paragraphs of a Debian copyright
        // file. A bullet alone is an empty list item, its icon link lost: template.
        return !matches!(text, "*" | "-" | "+" | "•" | "·" | "◦" | "▪");
    }
    // A field in a Markdown list (`* Type: Boolean`, `* Default: null` under each option
    // of a manual's page) describes what the page is about.
    let described =
        line.list_item && page.document.structure.is_markdown() && is_field(strip_markers(text));
    // Documents of one kind written by hand number their sections alike (`1.
    // Introduction`); a page's numbered lists (`1. Storm closes the bridge` in a site's
    // `Most read`) are its template.
    let numbered_section = by_hand && is_numbered_title(text);
    // Documents of one kind head their sections alike (`NAME`, `SEE ALSO` over the
    // indented text of each manual page). A list under a line is not enough: a page's
    // menu heading (`Related`) stands over an indented list of links; nor is, on a page,
    // a list item over its nested lines (a menu's entry over its submenu).
    let heads_block = (by_hand || !line.list_item)
        && block_under(page.document, line).is_some_and(|under| !starts_with_list_marker(under));
    is_prose(line, text)
        || is_code(text)
        || is_table_row(text)
        || described
        || numbered_section
        || heads_block
        || heads_section(page.document, line)
        || opens_block(page, line)
}

/// A row of a table laid out in columns: cells wide apart, one of them a number
/// (`1      CARD8      opcode`, `24            unused` in each of a folder's protocol
/// specifications), what documents of one kind share as content. A menu flattened to a
/// line sets its entries a space or two apart (`Home  Politics  Local`), and names them.
fn is_table_row(text: &str) -> bool {
    let mut cells = text
        .split(COLUMN_GAP)
        .map(str::trim)
        .filter(|c| !c.is_empty());
    let (mut count, mut number) = (0, false);
    for cell in &mut cells {
        count += 1;
        number |= cell.starts_with(|c: char| c.is_ascii_digit());
    }
    count >= 2 && number
}

/// Spaces between the columns of a table.
const COLUMN_GAP: &str = "   ";

/// A name alone on its line over or under a date (`Max Mustermann` above `07.03.2021 -
/// 14:32 Uhr`): the byline of an author who wrote many of the folder's documents, which
/// is provenance, not the site's template.
fn is_signature(page: &Page, i: usize) -> bool {
    let line = &page.lines[i];
    let words = line.text.split_whitespace().count();
    let dated = |j: usize| {
        page.lines
            .get(j)
            .is_some_and(|other| other.index.abs_diff(line.index) <= 2 && has_date(other.text))
    };
    (2..=MAX_SIGNATURE_WORDS).contains(&words)
        && reads_as_names(line.text)
        && (dated(i + 1) || i.checked_sub(1).is_some_and(dated))
}

/// A signature names one or two people.
const MAX_SIGNATURE_WORDS: usize = 6;

/// Whether `text` holds a year or a numeric day (`7. März 2021`, `March 7, 2021`,
/// `07.03.21`, `2021-03-07`), in any language.
fn has_date(text: &str) -> bool {
    static SHORT_DATE: OnceLock<Regex> = OnceLock::new();
    has_year(text)
        || SHORT_DATE
            .get_or_init(|| {
                Regex::new(r"(?-u:\b)\d{1,2}\.\d{1,2}\.\d{2}(?-u:\b)").expect("date pattern")
            })
            .is_match(text)
}

/// A label whose value is the indented block under it (`Copyright:` over the holders of
/// a Debian copyright stanza): a field of the document's own.
fn opens_block(page: &Page, line: &Line) -> bool {
    let document = page.document;
    let next = line.index + 1;
    line.text.trim_end().ends_with(':')
        && next < document.lines.line_count()
        && !document.is_blank_line(next)
        && document.line_text(next).starts_with([' ', '\t'])
}

/// A sentence, or a line of one wrapped over several lines.
fn is_prose(line: &Line, text: &str) -> bool {
    let starts_lower = text
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_lowercase);
    let last_word_lower = text
        .split_whitespace()
        .next_back()
        .is_some_and(|w| w.starts_with(char::is_lowercase));
    // No label ends on `of` or `the`: a sentence goes on, into a list or the next line.
    let goes_on = line.words >= 3
        && text
            .split_whitespace()
            .next_back()
            .is_some_and(is_continuing_word);
    // `* New upstream release.`: an item that is a sentence, as changelogs write them;
    // menus and teaser lists do not end their items with a full stop.
    let sentence_item = line.list_item && line.words >= 3 && line.ends_sentence;
    goes_on
        || sentence_item
        || (starts_lower && (line.ends_sentence || line.words >= MIN_TAIL_WORDS))
        || (line.words >= MIN_PROSE_WORDS
            && (line.ends_sentence || last_word_lower)
            && !has_menu_separator(text))
        || introduces(line)
}

/// Code and configuration: a fence, a `[section]`, a `key = value`, or code punctuation.
fn is_code(text: &str) -> bool {
    static CODE: OnceLock<Regex> = OnceLock::new();
    let code = CODE.get_or_init(|| {
        Regex::new(r#"^(```|~~~)|^\[\[?[\w.\-"]+\]\]?$|^[\w.\-]+\s*=\s*\S|\(\)|[{}]|=>|->|::|;$|<!--|</?[a-z][\w-]*[\s>/]"#)
            .expect("code pattern")
    });
    code.is_match(text)
}

#[cfg(test)]
mod tests;
