//! The chrome analysis, run once per check and shared by the family's rules.
//!
//! Every non-blank line gets at most one piece of evidence, strongest first: a phrase of
//! the chrome data (C001), a line repeated across the documents of its folder (C003), a
//! navigation structure (C002), or its context between chrome lines (C004). Consecutive
//! chrome lines form one run, reported once under the strongest evidence in it.

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;

use super::Options;
use super::lines::Line;
use crate::corpus::Corpus;
use crate::data::phrases::Phrases;
use crate::document::{DocId, Document};
use crate::text::hashing::KeyMap;
use crate::text::span::Span;
use crate::text::{is_cjk, word_count};

/// A run of navigation-list items this long or longer is a navigation list...
const MIN_LIST_ITEMS: usize = 3;
/// ...when items are short...
const MAX_LIST_ITEM_WORDS: usize = 20;
/// ...and this share of them is cut short (`Reconfiguring of International Orde...`).
const MIN_TRUNCATED_SHARE: f64 = 0.3;
/// A short line between chrome lines (a box title, a teaser title) has at most this many words.
const MAX_CONTEXT_WORDS: usize = 12;
/// A truncated teaser blurb next to chrome has at most this many words.
const MAX_TEASER_WORDS: usize = 60;
/// A link title under a list heading (`Related stories`) has at most this many words.
const MAX_LISTED_TITLE_WORDS: usize = 16;

/// Why a line is chrome.
#[derive(Debug, Clone, PartialEq)]
pub enum Evidence {
    /// Matched the phrase entry with this index.
    Phrase(usize),
    /// Found in `docs` documents, `folder_docs` of the `folder_files` files of its folder.
    Template {
        docs: usize,
        folder_docs: usize,
        folder_files: usize,
    },
    /// One of `items` list items, `truncated` of them cut short.
    NavigationList { items: usize, truncated: usize },
    /// A menu flattened to one line: `Home | World | Business`.
    Menu { entries: usize },
    /// A short line between two chrome lines.
    Between,
    /// A truncated blurb next to chrome: a related-article teaser.
    Teaser,
    /// A title or blurb in the list under a heading such as `Related stories`.
    Listed,
}

/// The kinds of evidence, one per rule of the family, strongest first: a run is reported
/// under its strongest evidence, by the rule that owns that kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Detector {
    /// `boilerplate-phrase` (C001).
    Phrase,
    /// `site-template` (C003).
    Template,
    /// `navigation` (C002).
    Navigation,
    /// `chrome-context` (C004).
    Context,
}

impl Evidence {
    /// The kind of evidence this is.
    pub fn detector(&self) -> Detector {
        match self {
            Evidence::Phrase(_) => Detector::Phrase,
            Evidence::Template { .. } => Detector::Template,
            Evidence::NavigationList { .. } | Evidence::Menu { .. } => Detector::Navigation,
            Evidence::Between | Evidence::Teaser | Evidence::Listed => Detector::Context,
        }
    }

    fn describe(&self, phrases: &Phrases) -> String {
        match self {
            Evidence::Phrase(i) => format!("matched chrome.{}", phrases.entries[*i].id),
            Evidence::Template {
                docs,
                folder_docs,
                folder_files,
            } => format!(
                "line appears in {folder_docs} of the {folder_files} files of its folder ({docs} in all)"
            ),
            Evidence::NavigationList { items, truncated } => {
                format!("navigation list of {items} items, {truncated} of them truncated")
            }
            Evidence::Menu { entries } => format!("menu of {entries} entries on one line"),
            Evidence::Between => "short line between chrome lines".to_string(),
            Evidence::Teaser => "truncated blurb next to chrome".to_string(),
            Evidence::Listed => "title in a list under a chrome heading".to_string(),
        }
    }

    fn kind<'a>(&self, phrases: &'a Phrases) -> Option<&'a str> {
        match self {
            Evidence::Phrase(i) => Some(&phrases.entries[*i].kind),
            Evidence::Template { .. } => Some("site template"),
            Evidence::NavigationList { .. } => Some("navigation list"),
            Evidence::Menu { .. } => Some("navigation menu"),
            Evidence::Teaser | Evidence::Listed => Some("related links"),
            Evidence::Between => None,
        }
    }
}

/// A chrome line.
#[derive(Debug, Clone, PartialEq)]
pub struct ChromeLine {
    /// 0-based line number.
    pub line: usize,
    pub span: Span,
    pub evidence: Evidence,
    /// Whether the evidence is strong enough for a safe fix.
    pub strong: bool,
}

/// Consecutive chrome lines of one document (blank lines between them allowed).
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub doc: DocId,
    pub lines: Vec<ChromeLine>,
}

impl Run {
    /// The kind of the strongest evidence in the run.
    pub fn detector(&self) -> Detector {
        self.strongest().evidence.detector()
    }

    fn strongest(&self) -> &ChromeLine {
        self.lines
            .iter()
            .min_by_key(|l| l.evidence.detector())
            .unwrap_or(&self.lines[0])
    }

    pub fn first_line(&self) -> usize {
        self.lines[0].line
    }

    pub fn last_line(&self) -> usize {
        self.lines[self.lines.len() - 1].line
    }

    pub fn is_safe(&self) -> bool {
        self.lines.iter().all(|l| l.strong)
    }

    /// What the run is: the kind all its lines share, else `page header` or `footer` by
    /// where it stands, else `site chrome`.
    pub fn kind(&self, doc: &Document, phrases: &Phrases) -> String {
        let kinds: Vec<&str> = self
            .lines
            .iter()
            .filter_map(|l| l.evidence.kind(phrases))
            .collect();
        if let Some(first) = kinds.first()
            && kinds.iter().all(|k| k == first)
        {
            return (*first).to_string();
        }
        let lines = doc.lines.line_count().max(1);
        if self.first_line() * 10 >= lines * 6 {
            "footer".to_string()
        } else if self.last_line() * 10 < lines * 4 {
            "page header".to_string()
        } else {
            "site chrome".to_string()
        }
    }

    /// One line of evidence per chrome line, for the help text.
    pub fn evidence(&self, phrases: &Phrases) -> Vec<String> {
        self.lines
            .iter()
            .map(|l| format!("line {}: {}", l.line + 1, l.evidence.describe(phrases)))
            .collect()
    }
}

#[derive(Debug)]
pub struct Analysis {
    /// Chrome runs in corpus order.
    pub runs: Vec<Run>,
}

/// Which kinds of evidence are collected: those of the selected rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Enabled {
    pub phrases: bool,
    pub templates: bool,
    pub navigation: bool,
    pub context: bool,
}

impl Enabled {
    /// Every kind of evidence.
    pub const ALL: Enabled = Enabled {
        phrases: true,
        templates: true,
        navigation: true,
        context: true,
    };
}

impl Analysis {
    pub fn run(corpus: &Corpus, phrases: &Phrases, options: &Options, enabled: Enabled) -> Self {
        let templates = if enabled.templates {
            Templates::count(corpus)
        } else {
            Templates::default()
        };
        let runs = corpus
            .documents
            .par_iter()
            .enumerate()
            .flat_map_iter(|(doc, document)| {
                let lines = classify(document, doc, phrases, &templates, options, enabled);
                runs(doc, document, lines)
            })
            .collect();
        Self { runs }
    }
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

    fn evidence(&self, doc: DocId, key: u128, options: &Options) -> Option<Evidence> {
        let docs = *self.docs.get(&key)? as usize;
        let folder = self.folder_of[doc];
        let folder_docs = self.per_folder.get(&(folder, key)).copied().unwrap_or(0) as usize;
        let folder_files = self.folder_files[folder];
        (folder_docs >= options.template_min_docs
            && folder_docs as f64 >= options.template_folder_share * folder_files as f64)
            .then_some(Evidence::Template {
                docs,
                folder_docs,
                folder_files,
            })
    }
}

/// The chrome lines of one document.
fn classify(
    document: &Document,
    doc: DocId,
    phrases: &Phrases,
    templates: &Templates,
    options: &Options,
    enabled: Enabled,
) -> Vec<ChromeLine> {
    // Front matter is provenance, however many files share its lines.
    let front_matter_lines = match crate::provenance::front_matter::parse(&document.text) {
        Some(Ok(front)) => front.last_line + 1,
        _ => 0,
    };
    // Every decision about a line's length compares it with one of these; a longer line
    // is counted only this far.
    let counted_words = [
        phrases.max_words(),
        MAX_TEASER_WORDS,
        MAX_LIST_ITEM_WORDS,
        MAX_LISTED_TITLE_WORDS,
        MAX_CONTEXT_WORDS,
        MIN_BODY_WORDS,
        super::lines::MAX_METADATA_WORDS,
    ]
    .into_iter()
    .max()
    .unwrap_or(0)
        + 1;
    let lines: Vec<Line> = document
        .line_spans()
        .enumerate()
        .skip(front_matter_lines)
        .filter(|(_, span)| !document.slice(*span).trim().is_empty())
        .map(|(index, span)| Line::new(index, span, document.slice(span), counted_words))
        .collect();
    let one_line_keys: HashMap<usize, u128> = document
        .paragraphs
        .iter()
        .filter(|p| p.first_line == p.last_line)
        .map(|p| (p.first_line, p.fingerprint.key))
        .collect();
    let mut found: Vec<Option<(Evidence, bool)>> = vec![None; lines.len()];

    for (i, line) in lines.iter().enumerate() {
        if enabled.phrases
            && let Some(m) = phrases.find(line.text, line.words)
        {
            found[i] = Some((Evidence::Phrase(m.entry), true));
            continue;
        }
        if line.metadata {
            continue;
        }
        if enabled.templates
            && let Some(&key) = one_line_keys.get(&line.index)
            && let Some(evidence) = templates.evidence(doc, key, options)
        {
            found[i] = Some((evidence, true));
            continue;
        }
        if enabled.navigation
            && let Some(entries) = menu_entries(line.text)
        {
            found[i] = Some((Evidence::Menu { entries }, true));
        }
    }
    if enabled.navigation {
        mark_navigation_lists(&lines, &mut found);
    }
    if enabled.context {
        mark_listed(&lines, phrases, &mut found);
        mark_context(&lines, &mut found);
    }
    lines
        .iter()
        .zip(found)
        .filter_map(|(line, found)| {
            found.map(|(evidence, strong)| ChromeLine {
                line: line.index,
                span: line.span,
                evidence,
                strong,
            })
        })
        .collect()
}

/// Runs of at least three list items, short, a good share of them cut short.
fn mark_navigation_lists(lines: &[Line], found: &mut [Option<(Evidence, bool)>]) {
    let is_item = |l: &Line| l.list_item && l.words <= MAX_LIST_ITEM_WORDS && !l.metadata;
    let mut start = 0;
    while start < lines.len() {
        if !is_item(&lines[start]) {
            start += 1;
            continue;
        }
        let end = (start + 1..lines.len())
            .find(|&i| !is_item(&lines[i]) || lines[i].index != lines[i - 1].index + 1)
            .unwrap_or(lines.len());
        let items = end - start;
        let truncated = lines[start..end].iter().filter(|l| l.truncated).count();
        if items >= MIN_LIST_ITEMS && truncated as f64 >= MIN_TRUNCATED_SHARE * items as f64 {
            for slot in &mut found[start..end] {
                if slot.is_none() {
                    *slot = Some((Evidence::NavigationList { items, truncated }, true));
                }
            }
        }
        start = end;
    }
}

/// A menu flattened to one line: at least three short labels between `|`, `•`, `·`, `¦`
/// or runs of spaces, most of them capitalised (or CJK). Labels have no colon and no
/// digits: `Prep time: 15 minutes · Serves 6` is not a menu.
fn menu_entries(text: &str) -> Option<usize> {
    let separators = ['|', '•', '·', '¦'];
    let text = text.trim().replace('▾', " ");
    let entries: Vec<&str> = if text.contains(separators) {
        text.split(separators)
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .collect()
    } else if text.contains("  ") {
        text.split("  ")
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .collect()
    } else {
        return None;
    };
    if entries.len() < 3 {
        return None;
    }
    let labels = entries.iter().all(|e| {
        word_count(e) <= 4 && !e.contains([':', '：']) && !e.chars().any(|c| c.is_ascii_digit())
    });
    let capitalised = entries
        .iter()
        .filter(|e| {
            e.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || is_cjk(c))
        })
        .count();
    (labels && capitalised * 10 >= entries.len() * 7).then_some(entries.len())
}

/// The titles and truncated blurbs under a chrome heading (`Most read`, `Related
/// stories`, `Archives`), up to the first line that is neither.
fn mark_listed(lines: &[Line], phrases: &Phrases, found: &mut [Option<(Evidence, bool)>]) {
    let mut i = 0;
    while i < lines.len() {
        let heading = match &found[i] {
            Some((Evidence::Phrase(entry), strong)) if phrases.entries[*entry].heading => *strong,
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
        let mut j = i + 1;
        while j < lines.len() && found[j].is_none() {
            let line = &lines[j];
            if shape == Some(true) && !numbered(line) {
                break;
            }
            // Listed titles may be questions; a full stop ends a sentence, not a title.
            let full_stop = line.text.trim_end().ends_with(['.', '。']) && !line.truncated;
            let title = line.words <= MAX_LISTED_TITLE_WORDS && !full_stop;
            let blurb = line.truncated && line.words <= MAX_TEASER_WORDS;
            if line.metadata || !(title || blurb) {
                break;
            }
            found[j] = Some((Evidence::Listed, heading));
            j += 1;
        }
        i = j.max(i + 1);
    }
}

/// A body line: a sentence of at least this many words.
const MIN_BODY_WORDS: usize = 15;

/// Short lines between chrome lines, and truncated blurbs next to chrome, repeated until
/// nothing changes. The evidence is strong when the neighbours' is.
///
/// Context only decides outside the article: before its first body line (a sentence of
/// some length) and after its last. Inside, a short line between two chrome lines is a
/// section heading (`History` between two `[edit]` links). The title is protected too: the
/// last short line before the first body line that nothing else marked, and any line right
/// before or after a byline or date.
fn mark_context(lines: &[Line], found: &mut [Option<(Evidence, bool)>]) {
    let is_body = |l: &Line| l.words >= MIN_BODY_WORDS && l.ends_sentence;
    let first_body = lines.iter().position(is_body);
    let last_body = lines.iter().rposition(is_body);
    let title = first_body.and_then(|first| {
        (0..first)
            .rev()
            .find(|&i| found[i].is_none() && !lines[i].metadata)
    });
    let in_article = |i: usize| match (first_body, last_body) {
        (Some(first), Some(last)) => first <= i && i <= last,
        _ => false,
    };
    let next_to_metadata =
        |i: usize| (i > 0 && lines[i - 1].metadata) || lines.get(i + 1).is_some_and(|l| l.metadata);
    loop {
        let mut changed = false;
        for i in 0..lines.len() {
            let line = &lines[i];
            if found[i].is_some()
                || line.metadata
                || next_to_metadata(i)
                || in_article(i)
                || title == Some(i)
            {
                continue;
            }
            let before = i
                .checked_sub(1)
                .and_then(|j| found[j].as_ref())
                .map(|f| f.1);
            let after = found.get(i + 1).and_then(|f| f.as_ref()).map(|f| f.1);
            if line.words <= MAX_CONTEXT_WORDS
                && !line.ends_sentence
                && let (Some(a), Some(b)) = (before, after)
            {
                found[i] = Some((Evidence::Between, a && b));
                changed = true;
            } else if line.truncated
                && line.words <= MAX_TEASER_WORDS
                && let Some(strong) = before.or(after)
            {
                found[i] = Some((Evidence::Teaser, strong));
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

/// Groups chrome lines into runs: two chrome lines are in one run when only blank lines
/// lie between them.
fn runs(doc: DocId, document: &Document, lines: Vec<ChromeLine>) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    let only_blank_between = |a: usize, b: usize| {
        (a + 1..b).all(|line| {
            document
                .slice(document.lines_span(line, line))
                .trim()
                .is_empty()
        })
    };
    for line in lines {
        match runs.last_mut() {
            Some(run) if only_blank_between(run.last_line(), line.line) => run.lines.push(line),
            _ => runs.push(Run {
                doc,
                lines: vec![line],
            }),
        }
    }
    runs
}
