//! The result of the chrome analysis, as the rules report it: chrome lines grouped into
//! runs, each reported once under the strongest evidence in it.

use super::evidence::{ChromeLine, Detector};
use crate::data::phrases::Phrases;
use crate::document::{DocId, Document};

/// The chrome analysis of a corpus, shared by the family's rules.
#[derive(Debug)]
pub struct Analysis {
    /// Chrome runs in corpus order.
    pub runs: Vec<Run>,
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
