//! The findings a report page carries: all of them when they are few, else a sample
//! that keeps every rule in every folder, the chrome lines, clusters and files the page
//! lists, within a budget that keeps the page a few megabytes. Each finding is kept with
//! its place and the text around it, in a compact JSON table the page's script reads.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use crate::diagnostic::{Family, Severity};
use crate::document::DocId;
use crate::engine::Outcome;
use crate::output::span_positions;
use crate::report::aggregate::Summary;
use crate::report::groups::{Chrome, Duplicates};
use crate::text::escape_invisible;
use crate::text::line_index::floor_char_boundary;

/// Findings kept on a page at most (about 200 bytes each).
pub const MAX_KEPT: usize = 12_000;
/// Findings kept at least for each rule in each folder, when it has them.
const MIN_PER_GROUP: usize = 3;
/// Findings kept for each chrome line, cluster and file the page lists.
const PER_LISTED: usize = 10;
/// Characters of context kept on each side of the flagged text.
const CONTEXT_CHARS: usize = 60;
/// Characters of flagged text kept.
const HIT_CHARS: usize = 120;

/// The findings kept and what the page needs to show and filter them.
#[derive(Debug, Serialize)]
pub struct Sample {
    /// `[code, name, family]` of each rule with findings.
    pub rules: Vec<[&'static str; 3]>,
    pub families: Vec<&'static str>,
    /// Folder labels, by folder index.
    pub folders: Vec<String>,
    /// `[path, folder, cluster (-1: none), year (0: none)]` of each document referred to.
    pub docs: Vec<(String, usize, i64, i32)>,
    /// Distinct messages.
    pub messages: Vec<String>,
    /// `[doc, line, column, rule, severity, message, before, flagged, after, chrome line
    /// key (-1: none)]`, in report order.
    pub findings: Vec<Finding>,
    /// Chrome line texts, by key.
    pub chrome: Vec<String>,
    /// Findings in the outcome.
    pub total: usize,
}

#[derive(Debug, Serialize)]
pub struct Finding(
    pub usize,
    pub usize,
    pub usize,
    pub usize,
    pub u8,
    pub usize,
    pub String,
    pub String,
    pub String,
    pub i64,
);

/// Gives each document the page refers to a row in [`Sample::docs`].
#[derive(Debug, Default)]
pub struct DocTable {
    rows: HashMap<DocId, usize>,
    order: Vec<DocId>,
}

impl DocTable {
    pub fn row(&mut self, doc: DocId) -> usize {
        let next = self.order.len();
        *self.rows.entry(doc).or_insert_with(|| {
            self.order.push(doc);
            next
        })
    }

    /// The document of a row.
    pub fn doc(&self, row: usize) -> DocId {
        self.order[row]
    }

    /// The rows of [`Sample::docs`]; `years` gives the year of each document.
    pub fn rows(
        &self,
        outcome: &Outcome,
        summary: &Summary,
        duplicates: &Duplicates,
        years: &[Option<i32>],
    ) -> Vec<(String, usize, i64, i32)> {
        self.order
            .iter()
            .map(|&doc| {
                (
                    outcome.corpus.get(doc).display().to_owned(),
                    summary.folder_of.get(doc).copied().unwrap_or(0),
                    duplicates.cluster_of.get(&doc).map_or(-1, |&c| c as i64),
                    years.get(doc).copied().flatten().unwrap_or(0),
                )
            })
            .collect()
    }
}

/// The indexes (in the outcome's diagnostics) of the findings to keep, in report order.
pub fn select(
    outcome: &Outcome,
    summary: &Summary,
    duplicates: &Duplicates,
    chrome: &Chrome,
    max: usize,
) -> Vec<usize> {
    let diagnostics = &outcome.diagnostics;
    if diagnostics.len() <= max {
        return (0..diagnostics.len()).collect();
    }
    let mut groups: HashMap<(&str, usize), Vec<usize>> = HashMap::new();
    let mut listed: HashMap<(u8, usize), Vec<usize>> = HashMap::new();
    let files: BTreeSet<DocId> = summary
        .largest
        .iter()
        .chain(&summary.most_findings)
        .map(|f| f.doc)
        .collect();
    for (i, d) in diagnostics.iter().enumerate() {
        let folder = summary.folder_of.get(d.doc).copied().unwrap_or(0);
        groups.entry((d.rule.code, folder)).or_default().push(i);
        if let Some(&key) = chrome.key_of.get(&i) {
            listed.entry((0, key)).or_default().push(i);
        }
        if d.rule.family == Family::Duplicate
            && let Some(&cluster) = duplicates.cluster_of.get(&d.doc)
        {
            listed.entry((1, cluster)).or_default().push(i);
        }
        if files.contains(&d.doc) {
            listed.entry((2, d.doc)).or_default().push(i);
        }
    }
    let mut kept = BTreeSet::new();
    for items in listed.values() {
        kept.extend(spread(items, PER_LISTED));
    }
    let budget = max.saturating_sub(kept.len());
    let per_group = (budget / groups.len().max(1)).max(MIN_PER_GROUP);
    for items in groups.values() {
        kept.extend(spread(items, per_group));
    }
    kept.into_iter().collect()
}

/// Up to `n` of `items`, spread evenly over them.
fn spread(items: &[usize], n: usize) -> impl Iterator<Item = usize> + '_ {
    let len = items.len();
    let take = len.min(n);
    (0..take).map(move |k| items[k * len / take])
}

/// The page's table of the findings `kept`; its documents are filled in from `docs` once
/// every section has named those it links to ([`DocTable::rows`]).
pub fn build(
    outcome: &Outcome,
    summary: &Summary,
    chrome: &Chrome,
    kept: &[usize],
    docs: &mut DocTable,
) -> Sample {
    let mut rules: Vec<[&'static str; 3]> = Vec::new();
    let mut rule_rows: HashMap<&str, usize> = HashMap::new();
    let mut messages: Vec<String> = Vec::new();
    let mut message_rows: HashMap<&str, usize> = HashMap::new();
    let mut findings = Vec::with_capacity(kept.len());
    for &i in kept {
        let d = &outcome.diagnostics[i];
        let doc = outcome.corpus.get(d.doc);
        let rule = *rule_rows.entry(d.rule.code).or_insert_with(|| {
            rules.push([d.rule.code, d.rule.name, d.rule.family.as_str()]);
            rules.len() - 1
        });
        let message = *message_rows.entry(&*d.message).or_insert_with(|| {
            messages.push(d.message.to_string());
            messages.len() - 1
        });
        let (start, _) = span_positions(doc, d.span);
        let (before, hit, after) = context(&doc.text, d.span.start, d.span.end);
        findings.push(Finding(
            docs.row(d.doc),
            start.line,
            start.column,
            rule,
            severity_index(d.severity),
            message,
            before,
            hit,
            after,
            chrome.key_of.get(&i).map_or(-1, |&k| k as i64),
        ));
    }
    Sample {
        rules,
        families: Family::ALL.iter().map(|f| f.as_str()).collect(),
        folders: summary.folders.iter().map(|f| f.label.clone()).collect(),
        docs: Vec::new(),
        messages,
        findings,
        chrome: chrome.keys.clone(),
        total: outcome.diagnostics.len(),
    }
}

pub fn severity_index(severity: Severity) -> u8 {
    match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

/// The line around a span: up to [`CONTEXT_CHARS`] before it, the flagged text on that
/// line (invisible characters written as escapes, so that they show), and what follows.
pub fn context(text: &str, start: usize, end: usize) -> (String, String, String) {
    let start = floor_char_boundary(text, start.min(text.len()));
    let end = floor_char_boundary(text, end.clamp(start, text.len()));
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let hit_end = end.min(line_end);
    let before = last_chars(&text[line_start..start], CONTEXT_CHARS);
    let hit = first_chars(&text[start..hit_end], HIT_CHARS);
    let after = if hit_end < end {
        String::new()
    } else {
        first_chars(&text[hit_end..line_end], CONTEXT_CHARS)
    };
    let trim = |s: &str| s.trim_end_matches('\r').to_string();
    (trim(&before), escape_invisible(&trim(&hit)), trim(&after))
}

fn first_chars(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_string(),
    }
}

fn last_chars(s: &str, n: usize) -> String {
    let count = s.chars().count();
    if count <= n {
        return s.to_string();
    }
    let skip = s.char_indices().nth(count - n).map_or(0, |(at, _)| at);
    format!("…{}", &s[skip..])
}
