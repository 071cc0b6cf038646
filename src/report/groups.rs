//! Where repeated text sits: the clusters of documents that share text (found by the
//! duplicate rules' links between files), the pairs of folders that share most, and the
//! chrome lines met most often, in the corpus and in each folder.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Family};
use crate::document::DocId;
use crate::engine::Outcome;
use crate::text::ellipsize;

/// Clusters, folder pairs and chrome lines kept for the page.
const TOP: usize = 20;
/// Chrome lines kept per folder.
const TOP_PER_FOLDER: usize = 8;
/// Folders whose chrome lines are listed.
const CHROME_FOLDERS: usize = 30;
/// Characters of a chrome line kept.
const LINE_CHARS: usize = 120;

/// Documents linked by text they share, through findings of the duplicate rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cluster {
    /// The documents, in path order.
    pub docs: Vec<DocId>,
    /// Duplicate findings in them that point to another document.
    pub findings: usize,
    /// Folders the documents are in.
    pub folders: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderPair {
    /// Folder indexes; `a <= b` (the same folder for copies within a folder).
    pub a: usize,
    pub b: usize,
    pub findings: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Duplicates {
    /// Findings of text repeated within its own file.
    pub within_file: usize,
    /// Findings of text found in another file.
    pub across_files: usize,
    /// The largest clusters, by findings.
    pub clusters: Vec<Cluster>,
    /// Clusters there are in all.
    pub cluster_count: usize,
    /// The cluster (index in `clusters`) of each document in one of them.
    pub cluster_of: HashMap<DocId, usize>,
    /// The pairs of folders sharing most text, by findings.
    pub pairs: Vec<FolderPair>,
}

/// The document a duplicate finding points to, when it is another one.
fn other_document(d: &Diagnostic, documents: usize) -> Option<DocId> {
    d.related
        .iter()
        .map(|r| r.doc)
        .find(|&doc| doc != d.doc && doc < documents)
}

pub fn duplicates(outcome: &Outcome, folder_of: &[usize]) -> Duplicates {
    let documents = outcome.corpus.documents.len();
    let mut parent: Vec<DocId> = (0..documents).collect();
    let mut result = Duplicates::default();
    let mut pairs: HashMap<(usize, usize), usize> = HashMap::new();
    let mut links = Vec::new();
    for d in outcome
        .diagnostics
        .iter()
        .filter(|d| d.rule.family == Family::Duplicate && d.doc < documents)
    {
        let Some(other) = other_document(d, documents) else {
            result.within_file += 1;
            continue;
        };
        result.across_files += 1;
        union(&mut parent, d.doc, other);
        links.push(d.doc);
        let (a, b) = (folder_of[d.doc], folder_of[other]);
        *pairs.entry((a.min(b), a.max(b))).or_default() += 1;
    }
    let mut by_root: HashMap<DocId, Cluster> = HashMap::new();
    for doc in 0..documents {
        let root = find(&mut parent, doc);
        if root != doc {
            by_root
                .entry(root)
                .or_insert_with(|| empty_cluster(root))
                .docs
                .push(doc);
        }
    }
    for doc in links {
        let root = find(&mut parent, doc);
        if let Some(cluster) = by_root.get_mut(&root) {
            cluster.findings += 1;
        }
    }
    let mut clusters: Vec<Cluster> = by_root
        .into_values()
        .map(|mut c| {
            c.docs.sort_unstable();
            c.docs.dedup();
            let mut folders: Vec<usize> = c.docs.iter().map(|&d| folder_of[d]).collect();
            folders.sort_unstable();
            folders.dedup();
            c.folders = folders.len();
            c
        })
        .collect();
    result.cluster_count = clusters.len();
    clusters.sort_by(|a, b| {
        (b.findings, b.docs.len())
            .cmp(&(a.findings, a.docs.len()))
            .then(a.docs.cmp(&b.docs))
    });
    clusters.truncate(TOP);
    for (i, cluster) in clusters.iter().enumerate() {
        for &doc in &cluster.docs {
            result.cluster_of.insert(doc, i);
        }
    }
    result.clusters = clusters;
    let mut pairs: Vec<FolderPair> = pairs
        .into_iter()
        .map(|((a, b), findings)| FolderPair { a, b, findings })
        .collect();
    pairs.sort_by(|x, y| {
        y.findings
            .cmp(&x.findings)
            .then((x.a, x.b).cmp(&(y.a, y.b)))
    });
    pairs.truncate(TOP);
    result.pairs = pairs;
    result
}

/// The cluster a root starts, before its documents are added (the root among them).
fn empty_cluster(root: DocId) -> Cluster {
    Cluster {
        docs: vec![root],
        findings: 0,
        folders: 0,
    }
}

fn find(parent: &mut [DocId], mut doc: DocId) -> DocId {
    while parent[doc] != doc {
        parent[doc] = parent[parent[doc]];
        doc = parent[doc];
    }
    doc
}

fn union(parent: &mut [DocId], a: DocId, b: DocId) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        // The lower id stays the root, so the result does not depend on the order of links.
        parent[ra.max(rb)] = ra.min(rb);
    }
}

/// A line of chrome and how often it was flagged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChromeLine {
    /// The line, whitespace collapsed and cut to a readable length.
    pub text: String,
    /// Index in [`Chrome::keys`]: what the page filters findings on.
    pub key: usize,
    pub findings: usize,
    pub documents: usize,
    /// Folders it is flagged in.
    pub folders: usize,
    /// Codes of the rules that flagged it.
    pub rules: Vec<&'static str>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chrome {
    pub findings: usize,
    /// Distinct lines flagged.
    pub distinct: usize,
    /// The lines flagged most often in the corpus.
    pub top: Vec<ChromeLine>,
    /// For the folders with most chrome: folder index, its chrome findings, its top lines.
    pub folders: Vec<(usize, usize, Vec<ChromeLine>)>,
    /// The line key of each chrome finding shown, by index in the outcome's diagnostics.
    pub key_of: HashMap<usize, usize>,
    /// The lines shown, by key.
    pub keys: Vec<String>,
}

/// The first non-blank line of what a finding flags, whitespace collapsed.
pub fn flagged_line(outcome: &Outcome, d: &Diagnostic) -> String {
    let doc = outcome.corpus.get(d.doc);
    let end = d.span.end.min(doc.text.len());
    let text = doc.text.get(d.span.start.min(end)..end).unwrap_or("");
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let collapsed = line.split_whitespace().collect::<Vec<_>>().join(" ");
    ellipsize(&collapsed, LINE_CHARS)
}

#[derive(Default)]
struct Tally {
    findings: usize,
    docs: Vec<DocId>,
    folders: Vec<usize>,
    rules: Vec<&'static str>,
    diagnostics: Vec<usize>,
}

pub fn chrome(outcome: &Outcome, folder_of: &[usize]) -> Chrome {
    let mut lines: HashMap<String, Tally> = HashMap::new();
    let mut per_folder: HashMap<usize, HashMap<String, Tally>> = HashMap::new();
    let mut result = Chrome::default();
    for (i, d) in outcome.diagnostics.iter().enumerate() {
        if d.rule.family != Family::Chrome {
            continue;
        }
        result.findings += 1;
        let text = flagged_line(outcome, d);
        let folder = folder_of.get(d.doc).copied().unwrap_or(0);
        for tally in [
            lines.entry(text.clone()).or_default(),
            per_folder
                .entry(folder)
                .or_default()
                .entry(text)
                .or_default(),
        ] {
            tally.findings += 1;
            tally.docs.push(d.doc);
            tally.folders.push(folder);
            tally.rules.push(d.rule.code);
            tally.diagnostics.push(i);
        }
    }
    result.distinct = lines.len();
    let mut keys: HashMap<String, usize> = HashMap::new();
    result.top = top_lines(lines, TOP, &mut keys, &mut result.key_of);
    let mut folders: Vec<(usize, usize, HashMap<String, Tally>)> = per_folder
        .into_iter()
        .map(|(folder, lines)| {
            let total = lines.values().map(|t| t.findings).sum();
            (folder, total, lines)
        })
        .collect();
    folders.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    folders.truncate(CHROME_FOLDERS);
    result.folders = folders
        .into_iter()
        .map(|(folder, total, lines)| {
            let top = top_lines(lines, TOP_PER_FOLDER, &mut keys, &mut result.key_of);
            (folder, total, top)
        })
        .collect();
    let mut by_key: Vec<(usize, String)> = keys.into_iter().map(|(k, v)| (v, k)).collect();
    by_key.sort_unstable();
    result.keys = by_key.into_iter().map(|(_, text)| text).collect();
    result
}

/// The `n` lines flagged most often, each given a key shared with the same text elsewhere.
fn top_lines(
    lines: HashMap<String, Tally>,
    n: usize,
    keys: &mut HashMap<String, usize>,
    key_of: &mut HashMap<usize, usize>,
) -> Vec<ChromeLine> {
    let mut lines: Vec<(String, Tally)> = lines.into_iter().collect();
    lines.sort_by(|a, b| b.1.findings.cmp(&a.1.findings).then(a.0.cmp(&b.0)));
    lines.truncate(n);
    lines
        .into_iter()
        .map(|(text, tally)| {
            let next = keys.len();
            let key = *keys.entry(text.clone()).or_insert(next);
            for &i in &tally.diagnostics {
                key_of.insert(i, key);
            }
            ChromeLine {
                text,
                key,
                findings: tally.findings,
                documents: count_distinct(tally.docs),
                folders: count_distinct(tally.folders),
                rules: {
                    let mut rules = tally.rules;
                    rules.sort_unstable();
                    rules.dedup();
                    rules
                },
            }
        })
        .collect()
}

fn count_distinct(mut items: Vec<usize>) -> usize {
    items.sort_unstable();
    items.dedup();
    items.len()
}
