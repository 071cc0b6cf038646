//! The counts a health report shows: totals per severity, family and rule, a row per
//! folder, provenance coverage, documents per year, how files decoded, the largest files.
//!
//! Only checked documents are counted; documents loaded as context are left out, as their
//! findings are. A finding in a provenance file (a manifest, a sidecar) counts in the
//! folder of that file.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::diagnostic::{Family, Rule, Severity};
use crate::document::{DocId, TextEncoding};
use crate::engine::Outcome;
use crate::provenance::{FieldName, Metadata, Origin};

/// Rows kept in the tables of files.
const LARGEST_FILES: usize = 15;

/// The fields whose coverage is shown, in that order.
pub const COVERED: [FieldName; 4] = [
    FieldName::Author,
    FieldName::Date,
    FieldName::Source,
    FieldName::Title,
];

/// Everything counted over one outcome.
#[derive(Debug, Clone)]
pub struct Summary {
    pub documents: usize,
    pub bytes: u64,
    /// Findings by severity: errors, warnings, infos.
    pub severities: [usize; 3],
    pub findings: usize,
    /// One row per family, in [`Family::ALL`] order.
    pub families: Vec<FamilyRow>,
    /// One row per rule with findings (or in the baseline), most findings first.
    pub rules: Vec<RuleRow>,
    /// The folder of every document and provenance file, by `DocId`.
    pub folder_of: Vec<usize>,
    /// One row per folder, in path order; `folder_of` indexes it.
    pub folders: Vec<FolderRow>,
    /// The folder the labels of `folders` are relative to, when there are several.
    pub common_folder: Option<String>,
    /// One row per field of [`COVERED`].
    pub coverage: Vec<Coverage>,
    /// Documents dated in each year, oldest first.
    pub years: Vec<(i32, usize)>,
    /// Documents with a date that gives no year.
    pub unparsed_dates: usize,
    /// How many documents decoded each way (`UTF-8`, `UTF-16`...), most first.
    pub decodings: Vec<(&'static str, usize)>,
    /// The largest checked files, largest first.
    pub largest: Vec<FileRow>,
    /// The files with most findings, most first.
    pub most_findings: Vec<FileRow>,
    /// Findings in the baseline compared with, when one was given.
    pub baseline_total: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FamilyRow {
    pub family: Family,
    pub findings: usize,
    /// Documents with at least one finding of the family.
    pub documents: usize,
    pub baseline: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct RuleRow {
    pub rule: &'static Rule,
    pub findings: usize,
    pub documents: usize,
    pub baseline: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FolderRow {
    pub label: String,
    pub documents: usize,
    pub bytes: u64,
    /// Findings per family, in [`Family::ALL`] order.
    pub findings: [usize; 5],
    /// Documents that have each field of [`COVERED`], explicit or read from the text.
    pub covered: [usize; 4],
}

impl FolderRow {
    pub fn total(&self) -> usize {
        self.findings.iter().sum()
    }
}

/// How many documents have a field, and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Coverage {
    pub field: FieldName,
    /// Given in front matter, a sidecar or a manifest.
    pub explicit: usize,
    /// Read from the text (a byline, a dateline, the first line).
    pub inferred: usize,
    pub missing: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRow {
    pub doc: DocId,
    pub bytes: u64,
    pub findings: usize,
}

/// Counts `outcome`. `metadata` is the resolved provenance of each document (empty when
/// not resolved); `years` the year of each document's date, when it gives one; `baseline`
/// the findings recorded per rule code in a baseline to compare with.
pub fn summarize(
    outcome: &Outcome,
    metadata: &[Metadata],
    years: &[Option<i32>],
    baseline: Option<&BTreeMap<String, usize>>,
) -> Summary {
    let corpus = &outcome.corpus;
    let checked = |id: DocId| outcome.checked.get(id).copied().unwrap_or(false);
    let (folder_of, folders_by_name) = folders(outcome);
    let common_folder = common_folder(&folders_by_name);
    let mut folders: Vec<FolderRow> = folders_by_name
        .iter()
        .map(|name| FolderRow {
            label: relative_label(name, common_folder.as_deref()),
            documents: 0,
            bytes: 0,
            findings: [0; 5],
            covered: [0; 4],
        })
        .collect();
    let mut bytes = 0;
    let mut documents = 0;
    for (id, doc) in corpus
        .documents
        .iter()
        .enumerate()
        .filter(|(id, _)| checked(*id))
    {
        let size = doc.raw_bytes().len() as u64;
        let row = &mut folders[folder_of[id]];
        row.documents += 1;
        row.bytes += size;
        bytes += size;
        documents += 1;
        if let Some(meta) = metadata.get(id) {
            for (slot, field) in row.covered.iter_mut().zip(COVERED) {
                *slot += usize::from(meta.get(field).is_some());
            }
        }
    }

    let mut severities = [0; 3];
    let mut per_rule: HashMap<&'static str, (&'static Rule, usize, Vec<DocId>)> = HashMap::new();
    let mut per_family: [(usize, Vec<DocId>); 5] = Default::default();
    let mut per_doc = vec![0usize; corpus.documents.len() + corpus.auxiliary.len()];
    for d in &outcome.diagnostics {
        severities[match d.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        }] += 1;
        let family = family_index(d.rule.family);
        let entry = per_rule
            .entry(d.rule.code)
            .or_insert((d.rule, 0, Vec::new()));
        entry.1 += 1;
        entry.2.push(d.doc);
        per_family[family].0 += 1;
        per_family[family].1.push(d.doc);
        if let Some(n) = per_doc.get_mut(d.doc) {
            *n += 1;
        }
        if let Some(&folder) = folder_of.get(d.doc) {
            folders[folder].findings[family] += 1;
        }
    }
    let baseline_of = |code: &str| baseline.map(|b| b.get(code).copied().unwrap_or(0));
    let mut rules: Vec<RuleRow> = per_rule
        .into_values()
        .map(|(rule, findings, docs)| RuleRow {
            rule,
            findings,
            documents: distinct(docs),
            baseline: baseline_of(rule.code),
        })
        .collect();
    if let Some(baseline) = baseline {
        // Rules with findings only in the baseline: their findings went away.
        for code in baseline.keys() {
            if let Some(rule) = crate::rules::registry::find(code)
                && !rules.iter().any(|r| r.rule.code == rule.code)
            {
                rules.push(RuleRow {
                    rule,
                    findings: 0,
                    documents: 0,
                    baseline: baseline_of(rule.code),
                });
            }
        }
    }
    rules.sort_by(|a, b| {
        b.findings
            .cmp(&a.findings)
            .then(a.rule.code.cmp(b.rule.code))
    });
    let families = Family::ALL
        .iter()
        .zip(per_family)
        .map(|(&family, (findings, docs))| FamilyRow {
            family,
            findings,
            documents: distinct(docs),
            baseline: baseline.map(|_| {
                rules
                    .iter()
                    .filter(|r| r.rule.family == family)
                    .filter_map(|r| r.baseline)
                    .sum()
            }),
        })
        .collect();

    let checked_ids = || (0..corpus.documents.len()).filter(|&id| checked(id));
    let file_row = |doc: DocId| FileRow {
        doc,
        bytes: corpus.documents[doc].raw_bytes().len() as u64,
        findings: per_doc[doc],
    };
    let mut largest: Vec<FileRow> = checked_ids().map(file_row).collect();
    largest.sort_by(|a, b| b.bytes.cmp(&a.bytes).then(a.doc.cmp(&b.doc)));
    largest.truncate(LARGEST_FILES);
    let mut most_findings: Vec<FileRow> = checked_ids()
        .filter(|&id| per_doc[id] > 0)
        .map(file_row)
        .collect();
    most_findings.sort_by(|a, b| b.findings.cmp(&a.findings).then(a.doc.cmp(&b.doc)));
    most_findings.truncate(LARGEST_FILES);

    let (years, unparsed_dates) = year_counts(outcome, metadata, years);
    Summary {
        documents,
        bytes,
        severities,
        findings: outcome.diagnostics.len(),
        families,
        rules,
        folder_of,
        folders,
        common_folder,
        coverage: coverage(outcome, metadata),
        years,
        unparsed_dates,
        decodings: decodings(outcome),
        largest,
        most_findings,
        baseline_total: baseline.map(|b| b.values().sum()),
    }
}

pub fn family_index(family: Family) -> usize {
    Family::ALL.iter().position(|&f| f == family).unwrap_or(0)
}

fn distinct(mut docs: Vec<DocId>) -> usize {
    docs.sort_unstable();
    docs.dedup();
    docs.len()
}

/// The folder of each document and provenance file (a record's is its shard), and the
/// folders in path order.
fn folders(outcome: &Outcome) -> (Vec<usize>, Vec<String>) {
    let corpus = &outcome.corpus;
    let all = corpus.documents.iter().chain(&corpus.auxiliary);
    let names: Vec<String> = all.map(|doc| folder_name(&doc.path)).collect();
    let mut sorted: Vec<String> = names.clone();
    sorted.sort();
    sorted.dedup();
    let index: HashMap<&str, usize> = sorted
        .iter()
        .enumerate()
        .map(|(i, name)| (name.as_str(), i))
        .collect();
    let folder_of = names.iter().map(|name| index[name.as_str()]).collect();
    (folder_of, sorted)
}

fn folder_name(path: &Path) -> String {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_string_lossy().into_owned(),
        _ => ".".to_string(),
    }
}

/// The deepest folder holding all of `folders`, when there are two or more.
fn common_folder(folders: &[String]) -> Option<String> {
    if folders.len() < 2 {
        return None;
    }
    let mut common: Vec<_> = Path::new(&folders[0]).components().collect();
    for folder in &folders[1..] {
        let shared = Path::new(folder)
            .components()
            .zip(&common)
            .take_while(|(a, b)| a == *b)
            .count();
        common.truncate(shared);
    }
    if common.is_empty() {
        return None;
    }
    let path: std::path::PathBuf = common.iter().collect();
    Some(path.to_string_lossy().into_owned())
}

fn relative_label(folder: &str, common: Option<&str>) -> String {
    match common.and_then(|c| Path::new(folder).strip_prefix(c).ok()) {
        Some(rest) if !rest.as_os_str().is_empty() => rest.to_string_lossy().into_owned(),
        Some(_) => ".".to_string(),
        None => folder.to_string(),
    }
}

fn coverage(outcome: &Outcome, metadata: &[Metadata]) -> Vec<Coverage> {
    COVERED
        .iter()
        .map(|&field| {
            let mut row = Coverage {
                field,
                explicit: 0,
                inferred: 0,
                missing: 0,
            };
            for (id, meta) in metadata.iter().enumerate() {
                if !outcome.checked.get(id).copied().unwrap_or(false) {
                    continue;
                }
                match meta.get(field).map(|v| v.origin) {
                    Some(Origin::Text) => row.inferred += 1,
                    Some(_) => row.explicit += 1,
                    None => row.missing += 1,
                }
            }
            row
        })
        .collect()
}

fn year_counts(
    outcome: &Outcome,
    metadata: &[Metadata],
    years: &[Option<i32>],
) -> (Vec<(i32, usize)>, usize) {
    let mut counts = BTreeMap::new();
    let mut unparsed = 0;
    for (id, meta) in metadata.iter().enumerate() {
        if !outcome.checked.get(id).copied().unwrap_or(false) || meta.date.is_none() {
            continue;
        }
        match years.get(id).copied().flatten() {
            Some(year) => *counts.entry(year).or_insert(0) += 1,
            None => unparsed += 1,
        }
    }
    (counts.into_iter().collect(), unparsed)
}

fn decodings(outcome: &Outcome) -> Vec<(&'static str, usize)> {
    let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    for (id, doc) in outcome.corpus.documents.iter().enumerate() {
        if !outcome.checked.get(id).copied().unwrap_or(false) {
            continue;
        }
        let kind = match &doc.encoding {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Lossy { .. } => "invalid UTF-8",
            TextEncoding::Utf16 { .. } => "UTF-16",
            TextEncoding::Binary => "binary",
        };
        *counts.entry(kind).or_default() += 1;
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    rows
}
