//! Precision and recall of the chrome family over labelled pages: each
//! `tests/labelled/chrome/NAME.txt` has a `NAME.chrome` file listing its chrome lines
//! (`7`, `40-52`, one entry per line, a description after the numbers).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use corpuslint::settings::Settings;

fn labelled(path: &Path) -> BTreeSet<usize> {
    let labels = std::fs::read_to_string(path.with_extension("chrome")).expect("label file");
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

#[test]
fn precision_and_recall_on_labelled_pages() {
    let mut pages: Vec<PathBuf> = std::fs::read_dir("tests/labelled/chrome")
        .expect("labelled pages")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    pages.sort();
    assert!(pages.len() >= 8);
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for page in &pages {
        let settings = Settings {
            paths: vec![page.clone()],
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
        let labels: BTreeSet<usize> = labelled(page).into_iter().filter(non_blank).collect();
        let (t, f, m) = (
            flagged.intersection(&labels).count(),
            flagged.difference(&labels).count(),
            labels.difference(&flagged).count(),
        );
        println!(
            "{:<34} chrome lines {:>3}  found {:>3}  false {:>3}  missed {:>3}",
            page.file_name().and_then(|n| n.to_str()).unwrap_or("?"),
            labels.len(),
            t,
            f,
            m
        );
        tp += t;
        fp += f;
        fn_ += m;
    }
    let precision = tp as f64 / (tp + fp) as f64;
    let recall = tp as f64 / (tp + fn_) as f64;
    println!(
        "precision {precision:.3}  recall {recall:.3}  ({tp} found, {fp} false, {fn_} missed)"
    );
    // A false positive costs more than a miss: `fix` deletes what is flagged.
    assert!(precision >= 0.98, "precision {precision:.3}");
    assert!(recall >= 0.90, "recall {recall:.3}");
}
