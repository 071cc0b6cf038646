//! The sections of the page, each from its counts: totals, rules, folders, provenance,
//! dates, encoding, duplicates, chrome, files, findings.

use std::fmt::Write;

use crate::diagnostic::Family;
use crate::engine::Outcome;
use crate::report::aggregate::{FileRow, Summary};
use crate::report::groups::{Chrome, ChromeLine, Duplicates};
use crate::report::markup::{change, count_link, percent, size, table, text, thousands};
use crate::report::sample::{DocTable, Sample};
use crate::report::svg::{self, Bar};

/// Findings listed in the page itself, for reading without the script and for print.
const STATIC_FINDINGS: usize = 100;

pub struct Page {
    pub title: String,
    /// HTML.
    pub subtitle: String,
    /// `(id, heading, body HTML)`.
    pub sections: Vec<(&'static str, &'static str, String)>,
}

/// What the sections are made from.
pub struct Parts<'a> {
    pub outcome: &'a Outcome,
    pub summary: &'a Summary,
    pub duplicates: &'a Duplicates,
    pub chrome: &'a Chrome,
    pub sample: &'a Sample,
    pub docs: &'a mut DocTable,
}

pub fn sections(parts: &mut Parts) -> Vec<(&'static str, &'static str, String)> {
    vec![
        ("totals", "Totals", totals(parts)),
        ("rules", "Rules", rules(parts.summary)),
        ("folders", "Folders", folders(parts.summary)),
        ("provenance", "Provenance", provenance(parts.summary)),
        ("dates", "Dates", dates(parts.summary)),
        ("encoding", "Encoding", encoding(parts.summary)),
        ("duplicates", "Duplicates", duplicates(parts)),
        ("chrome", "Chrome", chrome(parts.summary, parts.chrome)),
        ("files", "Files", files(parts)),
        ("findings", "Findings", findings(parts)),
    ]
}

fn totals(parts: &Parts) -> String {
    let s = parts.summary;
    let mut out = String::from(r#"<dl class="totals">"#);
    let [errors, warnings, infos] = s.severities;
    let items = [
        ("documents", thousands(s.documents)),
        ("size", size(s.bytes)),
        ("findings", count_link(s.findings, "")),
        ("errors", count_link(errors, "sev=0")),
        ("warnings", count_link(warnings, "sev=1")),
        ("infos", count_link(infos, "sev=2")),
    ];
    for (label, value) in items {
        let _ = write!(out, "<div><dt>{label}</dt><dd>{value}</dd></div>");
    }
    if let Some(before) = s.baseline_total {
        let _ = write!(
            out,
            "<div><dt>in the baseline</dt><dd>{}</dd></div><div><dt>change</dt><dd>{}</dd></div>",
            thousands(before),
            change(s.findings, before)
        );
    }
    out.push_str("</dl>");
    let with_baseline = s.baseline_total.is_some();
    let mut head = vec!["Family", "#Findings", "#Documents"];
    if with_baseline {
        head.extend(["#Baseline", "#Change"]);
    }
    let rows: Vec<Vec<String>> = s
        .families
        .iter()
        .map(|f| {
            let mut row = vec![
                f.family.as_str().to_string(),
                count_link(f.findings, &format!("family={}", f.family.as_str())),
                thousands(f.documents),
            ];
            if let Some(before) = f.baseline {
                row.extend([thousands(before), change(f.findings, before)]);
            }
            row
        })
        .collect();
    out.push_str(r#"<div class="pair">"#);
    out.push_str(&table(
        "families",
        "Findings per family",
        &head,
        &rows,
        false,
    ));
    let bars: Vec<Bar> = s
        .families
        .iter()
        .map(|f| Bar {
            label: f.family.as_str().to_string(),
            value: f.findings,
            filter: Some(format!("family={}", f.family.as_str())),
        })
        .collect();
    out.push_str(&svg::bars("families-chart", "Findings per family", &bars));
    out.push_str("</div>");
    out
}

fn rules(s: &Summary) -> String {
    let with_baseline = s.baseline_total.is_some();
    let mut head = vec![
        "Code",
        "Rule",
        "Family",
        "Severity",
        "#Findings",
        "#Documents",
    ];
    if with_baseline {
        head.extend(["#Baseline", "#Change"]);
    }
    let rows: Vec<Vec<String>> = s
        .rules
        .iter()
        .map(|r| {
            let mut row = vec![
                r.rule.code.to_string(),
                text(r.rule.name),
                r.rule.family.as_str().to_string(),
                r.rule.severity.as_str().to_string(),
                count_link(r.findings, &format!("rule={}", r.rule.code)),
                thousands(r.documents),
            ];
            if let Some(before) = r.baseline {
                row.extend([thousands(before), change(r.findings, before)]);
            }
            row
        })
        .collect();
    table("rules-table", "Findings per rule", &head, &rows, true)
}

fn folders(s: &Summary) -> String {
    let mut out = String::new();
    if let Some(common) = &s.common_folder {
        let _ = write!(out, "<p>Folders under <code>{}</code>.</p>", text(common));
    }
    let mut head = vec!["Folder", "#Documents", "#Bytes", "#Findings"];
    head.extend(["#encoding", "#layout", "#duplicate", "#chrome", "#metadata"]);
    head.extend(["#Author", "#Date", "#Source"]);
    let rows: Vec<Vec<String>> = s
        .folders
        .iter()
        .enumerate()
        .filter(|(_, f)| f.documents > 0 || f.total() > 0)
        .map(|(i, f)| {
            let mut row = vec![
                text(&f.label),
                thousands(f.documents),
                format!(r#"<span data-v="{}">{}</span>"#, f.bytes, size(f.bytes)),
                count_link(f.total(), &format!("folder={i}")),
            ];
            for family in Family::ALL {
                let n = f.findings[crate::report::aggregate::family_index(family)];
                row.push(count_link(
                    n,
                    &format!("folder={i}&family={}", family.as_str()),
                ));
            }
            // A share links to the findings of the documents that lack the field.
            for (covered, missing_rule) in f.covered[..3].iter().zip(["M001", "M002", "M003"]) {
                let share = percent(*covered, f.documents);
                row.push(if *covered < f.documents {
                    format!(
                        r##"<a href="#findings" data-f="folder={i}&amp;rule={missing_rule}">{share}</a>"##
                    )
                } else {
                    share
                });
            }
            row
        })
        .collect();
    out.push_str(&table(
        "folders-table",
        "Documents, findings and provenance coverage per folder (sortable: activate a column heading)",
        &head,
        &rows,
        true,
    ));
    out
}

fn provenance(s: &Summary) -> String {
    let rows: Vec<(String, [Bar; 3])> = s
        .coverage
        .iter()
        .map(|c| {
            let missing_rule = match c.field {
                crate::provenance::FieldName::Author => "M001",
                crate::provenance::FieldName::Date => "M002",
                crate::provenance::FieldName::Source => "M003",
                crate::provenance::FieldName::Title => "M004",
            };
            let bar = |value, filter: Option<String>| Bar {
                label: String::new(),
                value,
                filter,
            };
            (
                c.field.as_str().to_string(),
                [
                    bar(c.explicit, None),
                    bar(c.inferred, None),
                    bar(c.missing, Some(format!("rule={missing_rule}"))),
                ],
            )
        })
        .collect();
    let mut out = svg::stacked(
        "coverage-chart",
        "Provenance coverage: explicit, inferred, missing",
        ["explicit", "inferred from text", "missing"],
        &rows,
    );
    let table_rows: Vec<Vec<String>> = s
        .coverage
        .iter()
        .map(|c| {
            let total = c.explicit + c.inferred + c.missing;
            let missing_rule = rows
                .iter()
                .find(|(name, _)| name == c.field.as_str())
                .and_then(|(_, bars)| bars[2].filter.clone())
                .unwrap_or_default();
            vec![
                c.field.as_str().to_string(),
                format!("{} ({})", thousands(c.explicit), percent(c.explicit, total)),
                format!("{} ({})", thousands(c.inferred), percent(c.inferred, total)),
                format!(
                    "{} ({})",
                    count_link(c.missing, &missing_rule),
                    percent(c.missing, total)
                ),
            ]
        })
        .collect();
    out.push_str(&table(
        "coverage-table",
        "Documents with each field: explicit (front matter, sidecar, manifest), inferred from the text, missing",
        &["Field", "#Explicit", "#Inferred", "#Missing"],
        &table_rows,
        false,
    ));
    out
}

fn dates(s: &Summary) -> String {
    let dated: usize = s.years.iter().map(|(_, n)| n).sum();
    let mut out = format!(
        "<p>{} documents dated in {} years; {} with a date that gives no year.</p>",
        thousands(dated),
        thousands(s.years.len()),
        thousands(s.unparsed_dates)
    );
    if s.years.is_empty() {
        return out;
    }
    // Every year between the first and the last, so that gaps show.
    let (first, last) = (s.years[0].0, s.years[s.years.len() - 1].0);
    let span_years = (last - first) as usize;
    let columns: Vec<Bar> = if span_years <= 200 {
        (first..=last)
            .map(|year| {
                let value = s
                    .years
                    .iter()
                    .find(|(y, _)| *y == year)
                    .map_or(0, |(_, n)| *n);
                Bar {
                    label: year.to_string(),
                    value,
                    filter: (value > 0).then(|| format!("year={year}")),
                }
            })
            .collect()
    } else {
        s.years
            .iter()
            .map(|&(year, value)| Bar {
                label: year.to_string(),
                value,
                filter: Some(format!("year={year}")),
            })
            .collect()
    };
    out.push_str(&svg::columns("years-chart", "Documents per year", &columns));
    let rows: Vec<Vec<String>> = s
        .years
        .iter()
        .map(|(year, n)| vec![year.to_string(), thousands(*n)])
        .collect();
    out.push_str("<details><summary>Documents per year, as a table</summary>");
    out.push_str(&table(
        "years-table",
        "Documents per year",
        &["Year", "#Documents"],
        &rows,
        false,
    ));
    out.push_str("</details>");
    out
}

fn encoding(s: &Summary) -> String {
    let bars: Vec<Bar> = s
        .rules
        .iter()
        .filter(|r| r.rule.family == Family::Encoding && r.findings > 0)
        .map(|r| Bar {
            label: format!("{} {}", r.rule.code, r.rule.name),
            value: r.findings,
            filter: Some(format!("rule={}", r.rule.code)),
        })
        .collect();
    let mut out = if bars.is_empty() {
        "<p>No encoding problems.</p>".to_string()
    } else {
        svg::bars("encoding-chart", "Encoding problems by kind", &bars)
    };
    let rows: Vec<Vec<String>> = s
        .decodings
        .iter()
        .map(|(kind, n)| vec![kind.to_string(), thousands(*n)])
        .collect();
    out.push_str(&table(
        "decodings",
        "How the files decoded",
        &["Decoded as", "#Documents"],
        &rows,
        false,
    ));
    out
}

fn doc_link(docs: &mut DocTable, outcome: &Outcome, doc: usize) -> String {
    let row = docs.row(doc);
    format!(
        r##"<a href="#findings" data-f="doc={row}">{}</a>"##,
        text(outcome.corpus.get(doc).display())
    )
}

fn duplicates(parts: &mut Parts) -> String {
    let d = parts.duplicates;
    let s = parts.summary;
    let mut out = format!(
        "<p>{} findings of text repeated within its file; {} of text found in another file, linking {} clusters of documents.</p>",
        thousands(d.within_file),
        thousands(d.across_files),
        thousands(d.cluster_count)
    );
    let rows: Vec<Vec<String>> = d
        .clusters
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut files: Vec<String> = c
                .docs
                .iter()
                .take(6)
                .map(|&doc| doc_link(parts.docs, parts.outcome, doc))
                .collect();
            if c.docs.len() > 6 {
                files.push(format!("and {} more", thousands(c.docs.len() - 6)));
            }
            vec![
                format!("{}", i + 1),
                count_link(c.findings, &format!("family=duplicate&cluster={i}")),
                thousands(c.docs.len()),
                thousands(c.folders),
                files.join("<br>"),
            ]
        })
        .collect();
    out.push_str(&table(
        "clusters",
        "Largest clusters of documents sharing text",
        &["#Cluster", "#Findings", "#Documents", "#Folders", "Files"],
        &rows,
        true,
    ));
    let label = |i: usize| text(&s.folders[i].label);
    let rows: Vec<Vec<String>> = d
        .pairs
        .iter()
        .map(|p| {
            let other = if p.a == p.b {
                "itself (copies within the folder)".to_string()
            } else {
                label(p.b)
            };
            vec![label(p.a), other, thousands(p.findings)]
        })
        .collect();
    out.push_str(&table(
        "folder-pairs",
        "Folders that share most text (a finding counts in the pair of its file and the file it repeats)",
        &["Folder", "Shares text with", "#Findings"],
        &rows,
        true,
    ));
    out
}

fn chrome_rows(lines: &[ChromeLine], folder: Option<usize>) -> Vec<Vec<String>> {
    lines
        .iter()
        .map(|l| {
            let filter = match folder {
                Some(f) => format!("chrome={}&folder={f}", l.key),
                None => format!("chrome={}", l.key),
            };
            vec![
                format!("<q>{}</q>", text(&l.text)),
                count_link(l.findings, &filter),
                thousands(l.documents),
                thousands(l.folders),
                l.rules.join(", "),
            ]
        })
        .collect()
}

fn chrome(s: &Summary, c: &Chrome) -> String {
    let head = ["Line", "#Findings", "#Documents", "#Folders", "Rules"];
    let mut out = format!(
        "<p>{} chrome findings on {} distinct lines.</p>",
        thousands(c.findings),
        thousands(c.distinct)
    );
    out.push_str(&table(
        "chrome-top",
        "Chrome lines flagged most often",
        &head,
        &chrome_rows(&c.top, None),
        true,
    ));
    for (folder, total, lines) in &c.folders {
        let _ = write!(
            out,
            "<details><summary>{}: {} chrome findings</summary>{}</details>",
            text(&s.folders[*folder].label),
            thousands(*total),
            table(
                &format!("chrome-folder-{folder}"),
                &format!("Chrome lines and templates of {}", s.folders[*folder].label),
                &head,
                &chrome_rows(lines, Some(*folder)),
                false,
            )
        );
    }
    out
}

fn file_rows(parts: &mut Parts, rows: &[FileRow]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|f| {
            let row = parts.docs.row(f.doc);
            vec![
                text(parts.outcome.corpus.get(f.doc).display()),
                format!(r#"<span data-v="{}">{}</span>"#, f.bytes, size(f.bytes)),
                count_link(f.findings, &format!("doc={row}")),
            ]
        })
        .collect()
}

fn files(parts: &mut Parts) -> String {
    let head = ["File", "#Size", "#Findings"];
    let largest = file_rows(parts, &parts.summary.largest.clone());
    let most = file_rows(parts, &parts.summary.most_findings.clone());
    let mut out = table("largest", "Largest files", &head, &largest, true);
    out.push_str(&table(
        "most-findings",
        "Files with most findings",
        &head,
        &most,
        true,
    ));
    if !parts.outcome.errors.is_empty() {
        let rows: Vec<Vec<String>> = parts
            .outcome
            .errors
            .iter()
            .map(|e| vec![text(&e.to_string())])
            .collect();
        out.push_str(&table(
            "unreadable",
            "Paths that could not be read",
            &["Error"],
            &rows,
            false,
        ));
    }
    out
}

fn findings(parts: &Parts) -> String {
    let sample = parts.sample;
    let mut out = format!(
        r#"<p id="kept">The page keeps {} of the {} findings{}; <code>corpuslint check</code> lists them all.</p>"#,
        thousands(sample.findings.len()),
        thousands(sample.total),
        if sample.findings.len() < sample.total {
            ", some of each rule in each folder"
        } else {
            ""
        }
    );
    out.push_str(r#"<div id="filters" hidden></div><div id="list" aria-live="polite"></div>"#);
    out.push_str(r#"<div id="static-findings">"#);
    let rows: Vec<Vec<String>> = sample
        .findings
        .iter()
        .take(STATIC_FINDINGS)
        .map(|f| {
            let path = &parts.outcome.corpus.get(parts.docs.doc(f.0)).display();
            let [code, name, _] = sample.rules[f.3];
            vec![
                format!("{}:{}:{}", text(path), f.1, f.2),
                format!("{code} {name}"),
                ["error", "warning", "info"][usize::from(f.4).min(2)].to_string(),
                text(&sample.messages[f.5]),
                format!(
                    "<code>{}<mark>{}</mark>{}</code>",
                    text(&f.6),
                    text(&f.7),
                    text(&f.8)
                ),
            ]
        })
        .collect();
    out.push_str(&table(
        "findings-static",
        &format!("The first {} findings kept", thousands(rows.len())),
        &["Place", "Rule", "Severity", "Message", "Text"],
        &rows,
        false,
    ));
    out.push_str("</div>");
    out
}
