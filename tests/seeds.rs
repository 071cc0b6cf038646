//! Acceptance on the reference corpus: what `check seeds/` must find, and what it must leave alone.

use std::collections::BTreeMap;

use assert_cmd::Command;
use serde_json::Value;

fn check_seeds_json() -> Value {
    let output = Command::cargo_bin("corpuslint")
        .expect("binary")
        .args(["check", "seeds/", "--format", "json"])
        .output()
        .expect("run corpuslint");
    assert_eq!(output.status.code(), Some(1), "check seeds/ must exit 1");
    serde_json::from_slice(&output.stdout).expect("stdout is exactly one JSON object")
}

/// Findings of one family as `file prefix → [(line, code)]`.
fn findings(report: &Value, family: &str) -> BTreeMap<String, Vec<(u64, String)>> {
    let mut by_file: BTreeMap<String, Vec<(u64, String)>> = BTreeMap::new();
    for d in report["diagnostics"].as_array().expect("diagnostics array") {
        if d["family"] != family {
            continue;
        }
        let path = d["path"].as_str().expect("path");
        let file = path.trim_start_matches("seeds/")[..3].to_string();
        by_file.entry(file).or_default().push((
            d["line"].as_u64().expect("line"),
            d["code"].as_str().expect("code").to_string(),
        ));
    }
    by_file
}

fn expected(rows: &[(&str, &[(u64, &str)])]) -> BTreeMap<String, Vec<(u64, String)>> {
    rows.iter()
        .map(|(file, found)| {
            (
                file.to_string(),
                found.iter().map(|(l, c)| (*l, c.to_string())).collect(),
            )
        })
        .collect()
}

#[test]
fn encoding_rows_are_found_and_nothing_else() {
    let report = check_seeds_json();
    // E005 unusual-space, E012 glued-words, E013 trailing-whitespace, E014 missing-final-newline.
    let want = expected(&[
        (
            "000",
            &[
                (10, "E005"),
                (22, "E005"),
                (22, "E013"),
                (35, "E005"),
                (47, "E005"),
                (47, "E013"),
                (51, "E014"),
            ],
        ),
        ("001", &[(11, "E014")]),
        (
            "002",
            &[
                (8, "E005"),
                (8, "E005"),
                (8, "E005"),
                (8, "E005"),
                (8, "E005"),
                (8, "E005"),
                (24, "E012"),
                (33, "E005"),
                (41, "E014"),
            ],
        ),
        ("003", &[(45, "E014")]),
        (
            "004",
            &[(1, "E012"), (53, "E005"), (53, "E005"), (64, "E014")],
        ),
    ]);
    assert_eq!(findings(&report, "encoding"), want);
}

#[test]
fn json_follows_the_contract() {
    let report = check_seeds_json();
    assert_eq!(report["version"], 1);
    assert_eq!(report["tool"]["name"], "corpuslint");
    assert_eq!(report["tool"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(report["files"], 5);
    let diagnostics = report["diagnostics"].as_array().expect("array");
    assert!(!diagnostics.is_empty());
    for d in diagnostics {
        for key in ["code", "rule", "family", "severity", "path", "message"] {
            assert!(d[key].is_string(), "{key} in {d}");
        }
        for key in [
            "line",
            "column",
            "end_line",
            "end_column",
            "byte_start",
            "byte_end",
        ] {
            assert!(d[key].is_u64(), "{key} in {d}");
        }
        assert!(d["help"].is_string() || d["help"].is_null());
        assert!(d["related"].is_array());
        assert!(
            ["encoding", "layout", "duplicate", "chrome", "metadata"]
                .contains(&d["family"].as_str().unwrap_or(""))
        );
        assert!(["error", "warning", "info"].contains(&d["severity"].as_str().unwrap_or("")));
        assert!(
            d["path"].as_str().is_some_and(|p| p.starts_with("seeds/")),
            "paths stay as given"
        );
        if !d["fix"].is_null() {
            assert!(["safe", "unsafe"].contains(&d["fix"]["applicability"].as_str().unwrap_or("")));
            for edit in d["fix"]["edits"].as_array().expect("edits") {
                assert!(edit["byte_start"].is_u64() && edit["byte_end"].is_u64());
                assert!(edit["replacement"].is_string());
            }
        }
    }
}

#[test]
fn positions_point_at_the_text() {
    let report = check_seeds_json();
    let nbsp = report["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .find(|d| d["path"] == "seeds/000_d9ee4d4d624b5cba.txt" && d["code"] == "E005")
        .expect("the first no-break space of 000");
    assert_eq!(
        (nbsp["line"].as_u64(), nbsp["column"].as_u64()),
        (Some(10), Some(188))
    );
    assert_eq!(
        (nbsp["end_line"].as_u64(), nbsp["end_column"].as_u64()),
        (Some(10), Some(190))
    );
    let bytes = std::fs::read("seeds/000_d9ee4d4d624b5cba.txt").expect("seed");
    let (start, end) = (
        nbsp["byte_start"].as_u64().expect("start") as usize,
        nbsp["byte_end"].as_u64().expect("end") as usize,
    );
    assert_eq!(&bytes[start..end], "\u{a0} ".as_bytes());
}

/// Paragraph layouts of the seeds: blank-line separated (000, 002, 004), one per line (001, 003).
#[test]
fn seeds_segment_into_their_paragraphs() {
    let (files, errors) = corpuslint::discover::discover(&["seeds".into()], &["txt".into()]);
    assert!(errors.is_empty());
    let (corpus, errors) = corpuslint::load::load(files);
    assert!(errors.is_empty());
    let first_lines: Vec<Vec<usize>> = corpus
        .documents
        .iter()
        .map(|doc| doc.paragraphs.iter().map(|p| p.first_line() + 1).collect())
        .collect();
    let every_other = |from: usize, to: usize| (from..=to).step_by(2).collect::<Vec<_>>();
    let mut p000 = vec![1, 2, 3];
    p000.extend(every_other(6, 26));
    p000.push(28);
    p000.extend(every_other(31, 51));
    assert_eq!(first_lines[0], p000);
    assert_eq!(first_lines[1], (1..=11).collect::<Vec<_>>());
    let mut p002 = vec![1, 3, 6, 8];
    p002.extend(every_other(10, 28));
    p002.extend(every_other(31, 41));
    assert_eq!(first_lines[2], p002);
    assert_eq!(first_lines[3], (1..=45).collect::<Vec<_>>());
    let mut p004 = vec![1, 2, 3, 5, 7, 8, 9];
    p004.extend(every_other(11, 53));
    p004.extend(55..=61);
    p004.extend([63, 64]);
    assert_eq!(first_lines[4], p004);
    for doc in &corpus.documents {
        assert!(
            doc.paragraphs
                .iter()
                .all(|p| p.first_line() == p.last_line()),
            "{}",
            doc.display()
        );
    }
}

#[test]
fn duplicate_rows_are_one_block_each_pointing_at_the_first_copy() {
    let report = check_seeds_json();
    let want = expected(&[("000", &[(28, "D001")]), ("003", &[(40, "D001")])]);
    assert_eq!(findings(&report, "duplicate"), want);
    let blocks: Vec<&Value> = report["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .filter(|d| d["family"] == "duplicate")
        .collect();
    let ranges: Vec<_> = blocks
        .iter()
        .map(|d| {
            let related = &d["related"][0];
            (
                d["line"].as_u64(),
                d["end_line"].as_u64(),
                related["line"].as_u64(),
                related["end_line"].as_u64(),
                related["path"] == d["path"],
            )
        })
        .collect();
    assert_eq!(
        ranges,
        [
            (Some(28), Some(51), Some(3), Some(26), true),
            (Some(40), Some(44), Some(35), Some(39), true),
        ]
    );
    assert_eq!(
        blocks[0]["message"],
        "12 paragraphs at lines 28–51 repeat lines 3–26"
    );
}

/// Non-blank lines covered by the findings of one family, per file.
fn covered_lines(report: &Value, family: &str) -> BTreeMap<String, Vec<u64>> {
    let mut covered: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    for d in report["diagnostics"].as_array().expect("array") {
        if d["family"] != family {
            continue;
        }
        let path = d["path"].as_str().expect("path");
        let text = std::fs::read_to_string(path).expect("seed");
        let lines: Vec<&str> = text.split('\n').collect();
        let (first, last) = (
            d["line"].as_u64().expect("line"),
            d["end_line"].as_u64().expect("end"),
        );
        let entry = covered
            .entry(path.trim_start_matches("seeds/")[..3].to_string())
            .or_default();
        entry.extend((first..=last).filter(|&n| !lines[n as usize - 1].trim().is_empty()));
    }
    covered
}

#[test]
fn chrome_rows_are_found_and_content_is_left_alone() {
    let report = check_seeds_json();
    let mut want: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    want.insert("000".into(), vec![3, 28]);
    want.insert("001".into(), vec![11]);
    want.insert("002".into(), vec![1, 3, 35, 37, 39, 41]);
    want.insert("003".into(), (1..=30).collect());
    let mut footer: Vec<u64> = vec![1, 2, 3, 8, 9];
    footer.extend(55..=61);
    footer.extend([63, 64]);
    want.insert("004".into(), footer);
    let got = covered_lines(&report, "chrome");
    assert_eq!(got, want);
    // The "must not" lines of the acceptance table, spelled out.
    let must_not: [(&str, &[u64]); 5] = [
        ("000", &[1, 2, 26]),
        ("001", &[1, 10]),
        ("002", &[6, 8, 31, 33]),
        ("003", &[31, 32, 33, 45]),
        ("004", &[5, 7, 17, 25, 33, 41, 53]),
    ];
    for (file, lines) in must_not {
        let flagged = got.get(file).cloned().unwrap_or_default();
        for line in lines {
            assert!(!flagged.contains(line), "{file}:{line} must not be chrome");
        }
    }
}

/// `fix` runs only the rules whose fixes can apply (under safe fixes, neither the rules
/// without fixes nor those whose fixes are all unsafe): every finding's fix must be what
/// its rule declares.
#[test]
fn every_fix_is_of_the_kind_its_rule_declares() {
    let output = Command::cargo_bin("corpuslint")
        .expect("binary")
        .args(["rules", "--format", "json"])
        .output()
        .expect("run corpuslint");
    let rules: Value = serde_json::from_slice(&output.stdout).expect("json");
    let declared: BTreeMap<String, String> = rules
        .as_array()
        .expect("array")
        .iter()
        .map(|r| (r["code"].to_string(), r["fix"].to_string()))
        .collect();
    let report = check_seeds_json();
    let diagnostics = report["diagnostics"].as_array().expect("array");
    assert!(diagnostics.iter().any(|d| !d["fix"].is_null()));
    for d in diagnostics {
        let declared = declared[&d["code"].to_string()].trim_matches('"');
        let applicability = d["fix"]["applicability"].as_str();
        match declared {
            "none" => assert!(d["fix"].is_null(), "{d}"),
            "safe" => assert_eq!(applicability, Some("safe"), "{d}"),
            "unsafe" => assert_eq!(applicability, Some("unsafe"), "{d}"),
            "sometimes" => {}
            other => panic!("fix availability `{other}`"),
        }
    }
}
