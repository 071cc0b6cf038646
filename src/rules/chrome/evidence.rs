//! What the chrome detectors share with the analysis that runs them and the reporting:
//! what a detector is, the evidence it finds, and the page of lines it marks.
//!
//! Each rule of the family owns one detector, defined in its rule file beside its docs;
//! `analysis` runs them in order of strength, and a line keeps the first evidence found on
//! it.

use std::cell::OnceCell;
use std::fmt;

use super::Options;
use super::article::{self, Layout};
use super::lines::Line;
use crate::corpus::Corpus;
use crate::data::RuleData;
use crate::data::phrases::Phrases;
use crate::data::stop_words::StopWords;
use crate::diagnostic::Rule;
use crate::document::{DocId, Document};
use crate::text::narrow::saturating_u32;

/// A detector ready for one corpus: marks the lines of a page it finds chrome.
pub type Marker<'a> = Box<dyn Fn(&Page, &mut Marks) + Sync + 'a>;

/// Readies a detector for a corpus, counting across the documents what it needs.
pub type Prepare = for<'a> fn(&'a Corpus, &'a RuleData, &'a Options) -> Marker<'a>;

/// One kind of chrome evidence: how it is found and how it is worded. A run of chrome lines
/// is reported by the rule of its strongest evidence.
pub struct Detector {
    /// The rule that reports the runs whose strongest evidence this detector found.
    pub rule: &'static Rule,
    /// The most words any decision of the detector compares a line with: a line is counted
    /// only one word further.
    pub max_words: fn(&Phrases) -> usize,
    /// Readies the detector for a corpus; it then marks one page at a time, in parallel.
    pub prepare: Prepare,
    /// The words of the help for evidence of this kind: `matched chrome.share-buttons`.
    pub describe: fn(&Detail, &Phrases) -> String,
    /// What a run made only of evidence of this kind is (`navigation menu`); `None` when
    /// the evidence says nothing of it (a short line between chrome lines).
    pub kind: for<'a> fn(&Detail, &'a Phrases) -> Option<&'a str>,
    /// What the evidence of this kind on a run's lines says of the whole run, for its
    /// message (`12 lines before the article`); `None` when the lines say it each.
    pub note: fn(&[Detail]) -> Option<String>,
}

impl fmt::Debug for Detector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Detector")
            .field("rule", &self.rule.code)
            .finish_non_exhaustive()
    }
}

/// What a detector found on a line, in its own terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Detail {
    /// Which of the detector's forms of evidence it is (a list or a menu); each detector
    /// numbers its own.
    pub form: u8,
    /// The numbers its wording names: a phrase entry, counts of documents or items. Kept
    /// small: a corpus holds a `Detail` for every chrome line of every document.
    pub numbers: [u32; 3],
    /// The line heads a list of links (`Related stories`): the short lines under it may be
    /// listed titles.
    pub heads_list: bool,
}

impl Detail {
    /// `n` as one of the `numbers`; past `u32::MAX` (which no count reaches), the largest.
    pub fn number(n: usize) -> u32 {
        saturating_u32(n)
    }
}

/// Why a line is chrome.
#[derive(Debug, Clone, Copy)]
pub struct Evidence {
    /// The detector that found it.
    pub detector: &'static Detector,
    /// The detector's place in the order of strength: the lower, the stronger.
    pub rank: u8,
    pub detail: Detail,
}

impl Evidence {
    /// The words of the help for this evidence.
    pub fn describe(&self, phrases: &Phrases) -> String {
        (self.detector.describe)(&self.detail, phrases)
    }

    /// What a run made only of this evidence is, if it says.
    pub fn kind<'a>(&self, phrases: &'a Phrases) -> Option<&'a str> {
        (self.detector.kind)(&self.detail, phrases)
    }
}

/// A chrome line. A corpus holds one for every chrome line of every document: its span
/// is not kept, the document's line index has it.
#[derive(Debug, Clone, Copy)]
pub struct ChromeLine {
    /// 0-based line number, in 32 bits (see [`ChromeLine::line`]).
    line: u32,
    pub evidence: Evidence,
    /// Whether the evidence is strong enough for a safe fix.
    pub strong: bool,
}

#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<ChromeLine>() == 40);

impl ChromeLine {
    /// The 0-based line number. Past 4,294,967,295 (a text of more than 4 GiB of line
    /// breaks) it is kept as that number.
    pub fn line(&self) -> usize {
        self.line as usize
    }

    /// The text of the line in `doc`, the document it was found in.
    pub fn text<'a>(&self, doc: &'a Document) -> &'a str {
        doc.line_text(self.line())
    }
}

/// A document as the detectors see it.
pub struct Page<'a> {
    pub doc: DocId,
    pub document: &'a Document,
    /// Its non-blank lines, front matter left out.
    pub lines: Vec<Line<'a>>,
    /// Its article and comment sections, found when a detector first asks.
    layout: OnceCell<Layout>,
    /// Whether it is laid out by hand, found when a detector first asks.
    by_hand: OnceCell<bool>,
}

impl<'a> Page<'a> {
    pub fn new(doc: DocId, document: &'a Document, lines: Vec<Line<'a>>) -> Self {
        Self {
            doc,
            document,
            lines,
            layout: OnceCell::new(),
            by_hand: OnceCell::new(),
        }
    }

    /// Whether the document is laid out by hand (see [`Document::is_laid_out_by_hand`]),
    /// asked once per page.
    pub fn is_laid_out_by_hand(&self) -> bool {
        *self
            .by_hand
            .get_or_init(|| self.document.is_laid_out_by_hand())
    }

    /// The layout, if a detector asked for it.
    pub fn into_layout(self) -> Option<Layout> {
        self.layout.into_inner()
    }

    /// Where the article and the comments are, if the document is a page.
    pub fn layout(&self) -> &Layout {
        self.layout
            .get_or_init(|| article::analyse(self.document, StopWords::get()))
    }
}

/// The chrome lines of a page found so far, as one detector sees and marks them.
pub struct Marks<'m> {
    lines: &'m [Line<'m>],
    found: &'m mut [Option<ChromeLine>],
    detector: &'static Detector,
    rank: u8,
}

impl<'m> Marks<'m> {
    /// The marks of `detector`, `rank`-th in the order of strength, on `lines`, whose
    /// chrome found so far is `found` (one slot per line).
    pub(super) fn new(
        lines: &'m [Line<'m>],
        found: &'m mut [Option<ChromeLine>],
        detector: &'static Detector,
        rank: u8,
    ) -> Self {
        Self {
            lines,
            found,
            detector,
            rank,
        }
    }

    /// The chrome found on line `i` of the page, if any.
    pub fn get(&self, i: usize) -> Option<&ChromeLine> {
        self.found.get(i).and_then(Option::as_ref)
    }

    pub fn is_marked(&self, i: usize) -> bool {
        self.get(i).is_some()
    }

    /// Marks line `i` of the page as chrome, unless a stronger detector did: a line keeps
    /// the first evidence found on it.
    pub fn mark(&mut self, i: usize, detail: Detail, strong: bool) {
        if self.found[i].is_none() {
            self.found[i] = Some(ChromeLine {
                line: saturating_u32(self.lines[i].index),
                evidence: Evidence {
                    detector: self.detector,
                    rank: self.rank,
                    detail,
                },
                strong,
            });
        }
    }
}
