//! The corpus health report: one self-contained HTML page that shows where the problems
//! of a corpus are, not only what they are. It counts the outcome of a check and the
//! resolved provenance of its documents (`aggregate`), groups repeated text and chrome
//! (`groups`), keeps a sample of findings the page can list (`sample`), and renders it all
//! with inline SVG charts (`sections`, `svg`, `html`).

pub mod aggregate;
pub mod groups;
pub mod html;
pub mod markup;
pub mod sample;
pub mod sections;
pub mod svg;

use std::collections::BTreeMap;

use crate::data::metadata::MetadataData;
use crate::engine::Outcome;
use crate::provenance::Metadata;
use crate::provenance::resolve::parse_date;

/// What the page says besides the counts.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// What was checked, shown as the page's subtitle (the paths named).
    pub scope: String,
    /// Findings per rule code in a baseline to compare with, and the baseline's name.
    pub baseline: Option<(String, BTreeMap<String, usize>)>,
    /// Findings kept on the page at most ([`sample::MAX_KEPT`] by default).
    pub max_findings: Option<usize>,
}

/// The year of each document's resolved date, when it gives one.
pub fn years(metadata: &[Metadata], data: &MetadataData) -> Vec<Option<i32>> {
    use chrono::Datelike;
    metadata
        .iter()
        .map(|m| {
            m.date
                .as_ref()
                .and_then(|d| parse_date(&d.value, data))
                .map(|d| d.year())
        })
        .collect()
}

/// The report page of `outcome`, as HTML. `metadata` is the resolved provenance of each
/// document; `years` the year of each one's date.
pub fn render(
    outcome: &Outcome,
    metadata: &[Metadata],
    years: &[Option<i32>],
    options: &Options,
) -> String {
    let baseline = options.baseline.as_ref().map(|(_, counts)| counts);
    let summary = aggregate::summarize(outcome, metadata, years, baseline);
    let duplicates = groups::duplicates(outcome, &summary.folder_of);
    let chrome = groups::chrome(outcome, &summary.folder_of);
    let max = options.max_findings.unwrap_or(sample::MAX_KEPT);
    let kept = sample::select(outcome, &summary, &duplicates, &chrome, max);
    let mut docs = sample::DocTable::default();
    let mut sample = sample::build(outcome, &summary, &chrome, &kept, &mut docs);
    let mut parts = sections::Parts {
        outcome,
        summary: &summary,
        duplicates: &duplicates,
        chrome: &chrome,
        sample: &sample,
        docs: &mut docs,
    };
    let sections = sections::sections(&mut parts);
    sample.docs = docs.rows(outcome, &summary, &duplicates, years);
    let mut subtitle = format!(
        "{} · {} documents · {} findings",
        markup::text(&options.scope),
        markup::thousands(summary.documents),
        markup::thousands(summary.findings)
    );
    if let Some((name, _)) = &options.baseline {
        subtitle.push_str(&format!(" · compared with {}", markup::text(name)));
    }
    let page = sections::Page {
        title: "corpuslint report".to_string(),
        subtitle,
        sections,
    };
    let json = serde_json::to_string(&sample).unwrap_or_else(|_| "{}".to_string());
    html::page(&page, &html::script_json(&json))
}

#[cfg(test)]
mod tests;
