//! Precision and recall of the chrome family over labelled pages: each
//! `tests/labelled/chrome/NAME.txt` has a `NAME.chrome` file listing its chrome lines
//! (`7`, `40-52`, one entry per line, a description after the numbers), and may have a
//! `NAME.meta` file, in the same form, listing the page's own headline, byline and date
//! lines, which are neither chrome nor body and must never be flagged.
//!
//! Scrapers render lists two ways: with markers and indentation (`  * Sport`), or as
//! plain lines. Every page is checked both ways.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use corpuslint::settings::Settings;

/// The lines listed in the label file `path` (1-based); none when it does not exist.
fn listed(path: &Path) -> BTreeSet<usize> {
    let Ok(labels) = std::fs::read_to_string(path) else {
        return BTreeSet::new();
    };
    let mut lines = BTreeSet::new();
    for entry in labels.lines().filter(|l| !l.trim().is_empty()) {
        let range = entry.split_whitespace().next().expect("a line range");
        let (first, last) = range.split_once('-').unwrap_or((range, range));
        let (first, last): (usize, usize) = (
            first.parse().expect("number"),
            last.parse().expect("number"),
        );
        lines.extend(first..=last);
    }
    lines
}

/// `text` as a scraper that drops list markers and indentation renders it.
fn plain(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            let line = line.trim_start();
            let mut chars = line.chars();
            match (chars.next(), chars.next()) {
                (Some('*' | '+' | 'o' | '•' | '-'), Some(' ' | '\t')) => {
                    chars.as_str().trim_start()
                }
                _ => line,
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The non-blank 1-based lines of the file at `path` that chrome findings cover.
fn flagged(path: &Path) -> BTreeSet<usize> {
    let settings = Settings {
        paths: vec![path.to_path_buf()],
        select: vec!["chrome".to_string()],
        ..Settings::default()
    };
    let outcome = corpuslint::check(&settings).expect("check");
    let doc = outcome.corpus.get(0);
    let text_lines: Vec<&str> = doc.text.split('\n').collect();
    let non_blank = |n: &usize| text_lines.get(n - 1).is_some_and(|l| !l.trim().is_empty());
    let mut flagged = BTreeSet::new();
    for d in &outcome.diagnostics {
        let first = doc.lines.line_of(d.span.start) + 1;
        let last = doc
            .lines
            .line_of(d.span.end.saturating_sub(1).max(d.span.start))
            + 1;
        flagged.extend((first..=last).filter(non_blank));
    }
    flagged
}

#[derive(Default)]
struct Tally {
    found: usize,
    false_: usize,
    missed: usize,
}

impl Tally {
    fn precision(&self) -> f64 {
        self.found as f64 / (self.found + self.false_).max(1) as f64
    }

    fn recall(&self) -> f64 {
        self.found as f64 / (self.found + self.missed).max(1) as f64
    }
}

#[test]
fn precision_and_recall_on_labelled_pages_in_both_renderings() {
    let mut pages: Vec<PathBuf> = std::fs::read_dir("tests/labelled/chrome")
        .expect("labelled pages")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    pages.sort();
    assert!(pages.len() >= 14);
    let plain_dir = tempfile::tempdir().expect("temp dir");
    let mut tallies = [Tally::default(), Tally::default()];
    let mut flagged_metadata = Vec::new();
    for page in &pages {
        let text = std::fs::read_to_string(page).expect("page");
        let plain_page = plain_dir.path().join(page.file_name().expect("name"));
        std::fs::write(&plain_page, plain(&text)).expect("plain copy");
        let text_lines: Vec<&str> = text.split('\n').collect();
        let non_blank = |n: &usize| text_lines.get(n - 1).is_some_and(|l| !l.trim().is_empty());
        let chrome: BTreeSet<usize> = listed(&page.with_extension("chrome"))
            .into_iter()
            .filter(non_blank)
            .collect();
        let metadata = listed(&page.with_extension("meta"));
        for (rendering, path) in [page.as_path(), plain_page.as_path()]
            .into_iter()
            .enumerate()
        {
            let flagged = flagged(path);
            let tally = &mut tallies[rendering];
            let (t, f, m) = (
                flagged.intersection(&chrome).count(),
                flagged
                    .difference(&chrome)
                    .filter(|l| !metadata.contains(l))
                    .count(),
                chrome.difference(&flagged).count(),
            );
            println!(
                "{:<30} {:<8} chrome lines {:>3}  found {:>3}  false {:>3}  missed {:>3}",
                page.file_name().and_then(|n| n.to_str()).unwrap_or("?"),
                ["rendered", "plain"][rendering],
                chrome.len(),
                t,
                f,
                m
            );
            tally.found += t;
            tally.false_ += f;
            tally.missed += m;
            flagged_metadata.extend(
                flagged
                    .intersection(&metadata)
                    .map(|l| format!("{}:{l}", path.display())),
            );
        }
    }
    for (tally, rendering) in tallies.iter().zip(["rendered", "plain"]) {
        println!(
            "{rendering}: precision {:.3}  recall {:.3}  ({} found, {} false, {} missed)",
            tally.precision(),
            tally.recall(),
            tally.found,
            tally.false_,
            tally.missed
        );
        // A false positive costs more than a miss: `fix` deletes what is flagged.
        assert!(
            tally.precision() >= 0.97,
            "{rendering}: precision {:.3}",
            tally.precision()
        );
        assert!(
            tally.recall() >= 0.75,
            "{rendering}: recall {:.3}",
            tally.recall()
        );
    }
    // Headlines, bylines and dates are the page's own provenance.
    assert!(
        flagged_metadata.is_empty(),
        "metadata lines flagged: {flagged_metadata:?}"
    );
}
