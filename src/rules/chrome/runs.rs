//! The result of the chrome analysis, as the rules report it: chrome lines grouped into
//! runs, each reported once under the strongest evidence in it.

use super::article::Layout;
use super::evidence::{ChromeLine, Detail, Detector};
use crate::data::phrases::Phrases;
use crate::document::paragraphs::starts_with_list_marker;
use crate::document::{DocId, Document};
use crate::text::count;

/// The chrome analysis of a corpus, shared by the family's rules.
#[derive(Debug)]
pub struct Analysis {
    /// Chrome runs in corpus order.
    pub runs: Vec<Run>,
    /// The layouts the detectors found, by document in corpus order: provenance reads
    /// them rather than finding them again.
    pub layouts: Vec<(DocId, Layout)>,
}

impl Analysis {
    /// The layout of a document, if the detectors found it.
    pub fn layout_of(&self, doc: DocId) -> Option<&Layout> {
        let at = self.layouts.binary_search_by_key(&doc, |(d, _)| *d).ok()?;
        self.layouts.get(at).map(|(_, layout)| layout)
    }

    /// The runs of one document.
    pub fn runs_of(&self, doc: DocId) -> &[Run] {
        let start = self.runs.partition_point(|r| r.doc < doc);
        let end = self.runs.partition_point(|r| r.doc <= doc);
        &self.runs[start..end]
    }
}

/// Consecutive chrome lines of one document (blank lines between them allowed).
#[derive(Debug, Clone)]
pub struct Run {
    pub doc: DocId,
    pub lines: Vec<ChromeLine>,
}

impl Run {
    /// The detector of the strongest evidence in the run: its rule reports the run.
    pub fn detector(&self) -> &'static Detector {
        self.strongest().evidence.detector
    }

    fn strongest(&self) -> &ChromeLine {
        self.lines
            .iter()
            .min_by_key(|l| l.evidence.rank)
            .unwrap_or(&self.lines[0])
    }

    pub fn first_line(&self) -> usize {
        self.lines[0].line()
    }

    pub fn last_line(&self) -> usize {
        self.lines[self.lines.len() - 1].line()
    }

    /// Whether the run may be deleted by a safe fix: every line is strong evidence, or lies
    /// between two lines that are (a teaser between two `Read more` links, found by its
    /// place alone: place and phrases agree).
    pub fn is_safe(&self) -> bool {
        let first = self.lines.iter().position(|l| l.strong);
        let last = self.lines.iter().rposition(|l| l.strong);
        match (first, last) {
            (Some(first), Some(last)) => first == 0 && last == self.lines.len() - 1,
            _ => false,
        }
    }

    /// What the run is: the kind that most of its lines that say what they are share
    /// (`comment section` for a section with its `Reply` buttons), if they are a quarter of
    /// the run or its first line says it (`Related stories`), else `page header` or
    /// `footer` by where it stands (`navigation menu` or `link list` when it is mostly list
    /// items), else `site chrome`.
    pub fn kind(&self, doc: &Document, phrases: &Phrases) -> String {
        let mut kinds: Vec<(&str, usize)> = Vec::new();
        for kind in self.lines.iter().filter_map(|l| l.evidence.kind(phrases)) {
            match kinds.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, n)) => *n += 1,
                None => kinds.push((kind, 1)),
            }
        }
        // The first kind found wins a tie: lines come in order, and a run's first lines
        // say what it is (`Related stories` over its titles).
        let said: usize = kinds.iter().map(|(_, n)| n).sum();
        let top = kinds
            .iter()
            .rev()
            .max_by_key(|(_, n)| *n)
            .filter(|(_, n)| n * 2 > said)
            .filter(|(kind, n)| {
                n * 4 >= self.lines.len() || self.heading_kind(phrases) == Some(*kind)
            });
        if let Some((kind, _)) = top {
            return (*kind).to_string();
        }
        let lines = doc.lines.line_count().max(1);
        let at_top = self.last_line() * 10 < lines * 4;
        if self.list_items(doc) * 10 >= self.lines.len() * 6 {
            return if at_top {
                "navigation menu"
            } else {
                "link list"
            }
            .to_string();
        }
        if self.first_line() * 10 >= lines * 6 {
            "footer".to_string()
        } else if at_top {
            "page header".to_string()
        } else {
            "site chrome".to_string()
        }
    }

    /// What the run holds and where it stands, for its message: `14 lines, 9 list items,
    /// 3 lines before the article`.
    pub fn summary(&self, doc: &Document) -> String {
        let mut parts = vec![count(self.lines.len(), "line")];
        let items = self.list_items(doc);
        if items > 0 {
            parts.push(count(items, "list item"));
        }
        let mut detectors: Vec<&'static Detector> = Vec::new();
        for line in &self.lines {
            let detector = line.evidence.detector;
            if !detectors.iter().any(|d| d.rule.code == detector.rule.code) {
                detectors.push(detector);
            }
        }
        for detector in detectors {
            let details: Vec<Detail> = self
                .lines
                .iter()
                .filter(|l| l.evidence.detector.rule.code == detector.rule.code)
                .map(|l| l.evidence.detail)
                .collect();
            parts.extend((detector.note)(&details));
        }
        parts.join(", ")
    }

    /// The kind the run's first line says: a heading names the list under it.
    fn heading_kind<'a>(&self, phrases: &'a Phrases) -> Option<&'a str> {
        self.lines.first().and_then(|l| l.evidence.kind(phrases))
    }

    fn list_items(&self, doc: &Document) -> usize {
        self.lines
            .iter()
            .filter(|l| starts_with_list_marker(l.text(doc)))
            .count()
    }

    /// One line of evidence per chrome line, for the help text, of the first `limit`
    /// lines: a long run is summarised after them.
    pub fn evidence(&self, phrases: &Phrases, limit: usize) -> Vec<String> {
        self.lines
            .iter()
            .take(limit)
            .map(|l| format!("line {}: {}", l.line() + 1, l.evidence.describe(phrases)))
            .collect()
    }
}
