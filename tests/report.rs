//! `corpuslint report` and `check --report`: the page is written, counts what `check`
//! finds, compares with a baseline, and a file that cannot be written is an error.

use assert_cmd::Command;
use predicates::prelude::*;

fn corpuslint() -> Command {
    let mut cmd = Command::cargo_bin("corpuslint").expect("binary");
    cmd.env("COLUMNS", "100").env_remove("NO_COLOR");
    cmd
}

/// Number of findings `check` gives for `args`.
fn findings(args: &[&str]) -> usize {
    let output = corpuslint()
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .expect("check runs");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    report["diagnostics"].as_array().map_or(0, Vec::len)
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[test]
fn report_writes_one_page_with_the_findings_of_check() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("report.html");
    corpuslint()
        .args(["report", "seeds/", "--html"])
        .arg(&page)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Wrote the report to"));
    let html = std::fs::read_to_string(&page).expect("the page");
    let expected = findings(&["seeds/"]);
    assert!(expected > 0);
    assert!(
        html.contains(&format!("5 documents · {} findings", thousands(expected))),
        "the subtitle gives the counts of check"
    );
    for section in [
        "totals",
        "rules",
        "folders",
        "provenance",
        "dates",
        "findings",
    ] {
        assert!(
            html.contains(&format!(r#"<section id="{section}""#)),
            "{section}"
        );
    }
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("http://") && !html.contains("https://"));
}

#[test]
fn check_report_gives_the_gate_and_the_page_in_one_run() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("report.html");
    corpuslint()
        .args(["check", "seeds/", "--format", "short", "--report"])
        .arg(&page)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("Checked 5 files"));
    let html = std::fs::read_to_string(&page).expect("the page");
    let expected = findings(&["seeds/", "--select", "E005"]);
    assert!(
        html.contains(&format!(
            r##"<a href="#findings" data-f="rule=E005">{expected}</a>"##
        )),
        "the E005 row links its count to its findings"
    );
}

#[test]
fn a_baseline_gives_the_change_of_each_rule() {
    let dir = tempfile::tempdir().expect("tempdir");
    let baseline = dir.path().join("baseline.json");
    corpuslint()
        .args(["baseline", "seeds/", "--select", "E005,C001", "--output"])
        .arg(&baseline)
        .assert()
        .code(0);
    let page = dir.path().join("report.html");
    corpuslint()
        .args(["report", "seeds/", "--select", "E005,C001,E014", "--html"])
        .arg(&page)
        .arg("--baseline")
        .arg(&baseline)
        .assert()
        .code(0);
    let html = std::fs::read_to_string(&page).expect("the page");
    assert!(html.contains("compared with"));
    assert!(
        html.contains(r#"<td class="n">0 (same)</td>"#),
        "E005 and C001 are as recorded"
    );
    let new = findings(&["seeds/", "--select", "E014"]);
    assert!(
        html.contains(&format!(r#"<td class="n">+{new} (worse)</td>"#)),
        "E014 is new"
    );
}

#[test]
fn a_page_that_cannot_be_written_is_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("no-such-folder").join("report.html");
    corpuslint()
        .args(["report", "seeds/", "--html"])
        .arg(&page)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot write the report"));
}
