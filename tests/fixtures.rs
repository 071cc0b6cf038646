//! Fixtures, one folder per rule: `tests/fixtures/<family>/<rule>/<case>`, where a case is
//! a file or, for corpus-wide rules, a folder of files. Each case is checked with only its
//! rule; the findings and the text of each file after applying every fix are snapshotted.

use std::path::{Path, PathBuf};

use corpuslint::diagnostic::edit::apply_edits;
use corpuslint::output;
use corpuslint::settings::Settings;

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|err| panic!("{}: {err}", dir.display()))
        .map(|entry| entry.expect("readable fixture folder").path())
        .collect();
    entries.sort();
    entries
}

fn run_case(select: &str, case: &Path) -> String {
    let settings = Settings {
        paths: vec![case.to_path_buf()],
        select: vec![select.to_string()],
        ..Settings::default()
    };
    let outcome = corpuslint::check(&settings).expect("valid settings");
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    let mut out = Vec::new();
    output::short::render(&outcome, &mut out).expect("render");
    let mut snapshot = String::from_utf8(out).expect("utf-8");
    for (id, doc) in outcome.corpus.documents.iter().enumerate() {
        let edits: Vec<_> = outcome
            .diagnostics
            .iter()
            .filter(|d| d.doc == id)
            .filter_map(|d| d.fix.as_ref())
            .flat_map(|f| f.edits.iter().cloned())
            .collect();
        if !edits.is_empty() {
            let fixed = apply_edits(&doc.text, &edits);
            snapshot.push_str(&format!("fixed {}: {fixed:?}\n", doc.display));
        }
    }
    if !snapshot.contains("\nfixed ") && !snapshot.starts_with("fixed ") {
        snapshot.push_str("no fix\n");
    }
    snapshot
}

fn run_family(family: &str) {
    let root = Path::new("tests/fixtures").join(family);
    let mut cases = 0;
    for rule_dir in sorted_entries(&root) {
        let rule = rule_dir
            .file_name()
            .and_then(|n| n.to_str())
            .expect("fixtures/<family>/<rule>")
            .to_string();
        let found = corpuslint::rules::registry::find(&rule)
            .unwrap_or_else(|| panic!("no rule named {rule}"));
        assert_eq!(
            found.family.as_str(),
            family,
            "{rule} is filed under the wrong family"
        );
        // Chrome rules decide together (context needs the lines the others found, and a run
        // is reported under its strongest evidence): their cases run with the whole family.
        let select = if family == "chrome" {
            family
        } else {
            rule.as_str()
        };
        for case in sorted_entries(&rule_dir) {
            let name = case
                .file_name()
                .and_then(|n| n.to_str())
                .expect("utf-8 name");
            insta::assert_snapshot!(format!("{family}__{rule}__{name}"), run_case(select, &case));
            cases += 1;
        }
    }
    assert!(cases > 0, "no fixtures for {family}");
}

#[test]
fn encoding_fixtures() {
    run_family("encoding");
}

#[test]
fn duplicate_fixtures() {
    run_family("duplicate");
}

#[test]
fn chrome_fixtures() {
    run_family("chrome");
}

#[test]
fn metadata_fixtures() {
    run_family("metadata");
}
