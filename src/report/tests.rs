//! The report's counts on small corpora made in memory, with findings set by hand so that
//! every expected number can be worked out from the fixture.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::corpus::Corpus;
use crate::diagnostic::{Diagnostic, Family, Related, Severity};
use crate::document::{DocId, Document};
use crate::engine::Outcome;
use crate::provenance::{FieldName, Metadata, Origin, Value};
use crate::rules::registry;
use crate::text::span::Span;

use super::aggregate::summarize;
use super::groups::{chrome, duplicates};
use super::html::script_json;
use super::markup::{change, percent, thousands};
use super::sample::{context, select};
use super::{Options, render};

fn doc(path: &str, text: &str) -> Document {
    Document::from_bytes(PathBuf::from(path), text.as_bytes().to_vec())
}

fn finding(code: &str, doc: DocId, span: (usize, usize)) -> Diagnostic {
    let rule = registry::find(code).expect("a known rule");
    Diagnostic::new(rule, doc, Span::new(span.0, span.1), format!("{code} here"))
}

fn copy_of(code: &str, doc: DocId, other: DocId) -> Diagnostic {
    let mut d = finding(code, doc, (0, 5));
    d.with_related(Related {
        doc: other,
        span: Span::new(0, 5),
        message: "first here".to_string(),
    });
    d
}

fn outcome(docs: Vec<Document>, checked: Vec<bool>, diagnostics: Vec<Diagnostic>) -> Outcome {
    Outcome {
        corpus: Corpus {
            documents: docs,
            auxiliary: Vec::new(),
            whole: None,
        },
        checked,
        diagnostics,
        errors: Vec::new(),
        timings: Vec::new(),
    }
}

fn value(origin: Origin, text: &str) -> Option<Value> {
    Some(Value {
        value: text.to_string(),
        origin,
        doc: 0,
        span: Span::empty(0),
        line: 1,
        evidence: None,
    })
}

/// Four documents in two sites of one corpus folder; the last is context only.
fn corpus() -> Outcome {
    let docs = vec![
        doc("news/a/1.txt", "Share\nHello world.\n"),
        doc("news/a/2.txt", "Share\nHello world.\nMore text here.\n"),
        doc("news/b/3.txt", "Share this\nHello world.\n"),
        doc("news/b/4.txt", "context only\n"),
    ];
    let diagnostics = vec![
        finding("C001", 0, (0, 5)),
        finding("E005", 0, (6, 11)),
        finding("C001", 1, (0, 5)),
        copy_of("D002", 1, 0),
        finding("D001", 1, (6, 18)),
        finding("C001", 2, (0, 10)),
        copy_of("D002", 2, 0),
        finding("E009", 2, (11, 16)),
    ];
    outcome(docs, vec![true, true, true, false], diagnostics)
}

fn metadata() -> Vec<Metadata> {
    let explicit = Metadata {
        author: value(Origin::FrontMatter, "A. Writer"),
        date: value(Origin::Sidecar, "2019-05-01"),
        ..Metadata::default()
    };
    let inferred = Metadata {
        author: value(Origin::Text, "B. Writer"),
        date: value(Origin::Text, "sometime"),
        ..Metadata::default()
    };
    let context = Metadata {
        author: value(Origin::Manifest, "Left out"),
        ..Metadata::default()
    };
    vec![explicit, inferred, Metadata::default(), context]
}

#[test]
fn totals_count_checked_documents_and_their_findings() {
    let outcome = corpus();
    let summary = summarize(&outcome, &[], &[], None);
    assert_eq!(summary.documents, 3, "the context document is not counted");
    let bytes = [
        "Share\nHello world.\n",
        "Share\nHello world.\nMore text here.\n",
    ];
    let expected =
        bytes.iter().map(|t| t.len()).sum::<usize>() + "Share this\nHello world.\n".len();
    assert_eq!(summary.bytes, expected as u64);
    assert_eq!(summary.findings, 8);
    assert_eq!(
        summary.severities,
        [1, 7, 0],
        "E009 is an error, the rest warnings"
    );
    let family = |f: Family| summary.families.iter().find(|r| r.family == f).cloned();
    let chrome = family(Family::Chrome).expect("a chrome row");
    assert_eq!((chrome.findings, chrome.documents), (3, 3));
    let dup = family(Family::Duplicate).expect("a duplicate row");
    assert_eq!((dup.findings, dup.documents), (3, 2));
    assert_eq!(family(Family::Layout).map(|r| r.findings), Some(0));
    let codes: Vec<_> = summary
        .rules
        .iter()
        .map(|r| (r.rule.code, r.findings))
        .collect();
    assert_eq!(
        codes,
        [
            ("C001", 3),
            ("D002", 2),
            ("D001", 1),
            ("E005", 1),
            ("E009", 1)
        ],
        "most findings first, then by code"
    );
}

#[test]
fn folders_are_relative_to_the_folder_they_share() {
    let outcome = corpus();
    let summary = summarize(&outcome, &metadata(), &[], None);
    assert_eq!(summary.common_folder.as_deref(), Some("news"));
    let labels: Vec<_> = summary.folders.iter().map(|f| f.label.as_str()).collect();
    assert_eq!(labels, ["a", "b"]);
    let a = &summary.folders[0];
    assert_eq!((a.documents, a.total()), (2, 5));
    // encoding, layout, duplicate, chrome, metadata
    assert_eq!(a.findings, [1, 0, 2, 2, 0]);
    assert_eq!(
        a.covered,
        [2, 2, 0, 0],
        "author and date in both of a's documents"
    );
    let b = &summary.folders[1];
    assert_eq!((b.documents, b.total()), (1, 3));
    assert_eq!(b.covered, [0, 0, 0, 0], "b's context document is left out");
    assert_eq!(summary.folder_of, [0, 0, 1, 1]);
}

#[test]
fn coverage_tells_explicit_inferred_and_missing_apart() {
    let outcome = corpus();
    let summary = summarize(&outcome, &metadata(), &[], None);
    let row = |field| {
        let c = summary
            .coverage
            .iter()
            .find(|c| c.field == field)
            .expect("a row");
        (c.explicit, c.inferred, c.missing)
    };
    assert_eq!(row(FieldName::Author), (1, 1, 1));
    assert_eq!(row(FieldName::Date), (1, 1, 1));
    assert_eq!(row(FieldName::Source), (0, 0, 3));
}

#[test]
fn years_are_counted_and_dates_without_one_set_apart() {
    let outcome = corpus();
    let mut meta = metadata();
    meta[2].date = value(Origin::FrontMatter, "2019");
    let years = [Some(2019), None, Some(2019), Some(1990)];
    let summary = summarize(&outcome, &meta, &years, None);
    assert_eq!(
        summary.years,
        [(2019, 2)],
        "the context document's year is left out"
    );
    assert_eq!(summary.unparsed_dates, 1, "`sometime` gives no year");
}

#[test]
fn a_baseline_gives_each_rule_and_family_its_change() {
    let outcome = corpus();
    let baseline: BTreeMap<String, usize> = [("C001".to_string(), 5), ("M001".to_string(), 2)]
        .into_iter()
        .collect();
    let summary = summarize(&outcome, &[], &[], Some(&baseline));
    assert_eq!(summary.baseline_total, Some(7));
    let rule = |code: &str| summary.rules.iter().find(|r| r.rule.code == code).cloned();
    let c001 = rule("C001").expect("C001");
    assert_eq!((c001.findings, c001.baseline), (3, Some(5)));
    let m001 = rule("M001").expect("a rule found only in the baseline is listed");
    assert_eq!((m001.findings, m001.baseline), (0, Some(2)));
    assert_eq!(rule("E005").and_then(|r| r.baseline), Some(0));
    let metadata = summary
        .families
        .iter()
        .find(|f| f.family == Family::Metadata);
    assert_eq!(metadata.and_then(|f| f.baseline), Some(2));
    assert_eq!(change(3, 5), "−2 (better)");
    assert_eq!(change(4, 1), "+3 (worse)");
}

#[test]
fn documents_linked_by_copies_form_one_cluster() {
    let outcome = corpus();
    let summary = summarize(&outcome, &[], &[], None);
    let d = duplicates(&outcome, &summary.folder_of);
    assert_eq!((d.within_file, d.across_files), (1, 2));
    assert_eq!(d.cluster_count, 1);
    let cluster = &d.clusters[0];
    assert_eq!(cluster.docs, [0, 1, 2]);
    assert_eq!((cluster.findings, cluster.folders), (2, 2));
    let pairs: Vec<_> = d.pairs.iter().map(|p| (p.a, p.b, p.findings)).collect();
    assert_eq!(pairs, [(0, 0, 1), (0, 1, 1)]);
    assert_eq!(d.cluster_of.get(&3), None);
}

#[test]
fn chrome_lines_are_counted_by_their_text() {
    let outcome = corpus();
    let summary = summarize(&outcome, &[], &[], None);
    let c = chrome(&outcome, &summary.folder_of);
    assert_eq!((c.findings, c.distinct), (3, 2));
    let top: Vec<_> = c
        .top
        .iter()
        .map(|l| (l.text.as_str(), l.findings, l.documents, l.folders))
        .collect();
    assert_eq!(top, [("Share", 2, 2, 1), ("Share this", 1, 1, 1)]);
    let folder_a = c
        .folders
        .iter()
        .find(|(f, _, _)| *f == 0)
        .expect("folder a");
    assert_eq!(folder_a.1, 2);
    assert_eq!(c.keys[c.top[0].key], "Share");
    assert_eq!(
        c.key_of.get(&0),
        Some(&c.top[0].key),
        "the first finding is on `Share`"
    );
}

#[test]
fn a_sample_keeps_some_findings_of_every_rule_in_every_folder() {
    let outcome = corpus();
    let summary = summarize(&outcome, &[], &[], None);
    let d = duplicates(&outcome, &summary.folder_of);
    let c = chrome(&outcome, &summary.folder_of);
    assert_eq!(
        select(&outcome, &summary, &d, &c, 100).len(),
        8,
        "all when few"
    );
    let kept = select(&outcome, &summary, &d, &c, 0);
    let mut groups: Vec<_> = kept
        .iter()
        .map(|&i| {
            let f = &outcome.diagnostics[i];
            (f.rule.code, summary.folder_of[f.doc])
        })
        .collect();
    groups.dedup();
    let mut all: Vec<_> = outcome
        .diagnostics
        .iter()
        .map(|f| (f.rule.code, summary.folder_of[f.doc]))
        .collect();
    all.sort();
    all.dedup();
    groups.sort();
    groups.dedup();
    assert_eq!(groups, all);
}

#[test]
fn context_is_the_line_around_the_flagged_text() {
    let text = "first line\nsome words\u{a0}here and more\nlast\n";
    let start = text.find('\u{a0}').expect("a no-break space");
    let (before, hit, after) = context(text, start, start + 2);
    assert_eq!(
        (before.as_str(), hit.as_str(), after.as_str()),
        ("some words", "\\u{a0}", "here and more")
    );
    let long = format!("{}X{}", "a".repeat(100), "b".repeat(100));
    let at = long.find('X').expect("an X");
    let (before, hit, after) = context(&long, at, at + 1);
    assert_eq!(before.chars().count(), 61, "60 characters and an ellipsis");
    assert!(before.starts_with('…'));
    assert_eq!(hit, "X");
    assert!(after.ends_with('…'));
}

#[test]
fn numbers_read_plainly() {
    assert_eq!(thousands(0), "0");
    assert_eq!(thousands(999), "999");
    assert_eq!(thousands(1_234_567), "1,234,567");
    assert_eq!(percent(1, 3), "33%");
    assert_eq!(percent(2, 3), "67%");
    assert_eq!(percent(0, 0), "–");
}

#[test]
fn the_page_is_self_contained_and_cannot_be_closed_by_the_text() {
    let mut outcome = corpus();
    outcome.corpus.documents[0] = doc("news/a/1.txt", "</script><b>Share</b>\nHello.\n");
    outcome.diagnostics[0] = finding("C001", 0, (0, 22));
    let page = render(&outcome, &metadata(), &[], &Options::default());
    assert_eq!(
        page.matches("</script>").count(),
        2,
        "the data and the script end once each"
    );
    assert!(
        !page.contains("<b>Share"),
        "text from the corpus is escaped"
    );
    for external in ["src=\"http", "href=\"http", "@import", "url(http"] {
        assert!(!page.contains(external), "no external resource: {external}");
    }
    assert!(page.contains(r#"<section id="folders""#));
    assert_eq!(
        script_json(r#"{"a":"</script>"}"#),
        r#"{"a":"\u003c/script>"}"#
    );
}

#[test]
fn severities_set_by_the_settings_are_the_ones_counted() {
    let mut outcome = corpus();
    outcome.diagnostics[1].severity = Severity::Info;
    let summary = summarize(&outcome, &[], &[], None);
    assert_eq!(summary.severities, [1, 6, 1]);
}
