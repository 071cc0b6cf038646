//! Fixtures, one folder per rule: `tests/fixtures/<family>/<rule>/<case>`, where a case is
//! a file or, for corpus-wide rules, a folder of files. Each case is checked with only its
//! rule; the findings and the text of each file after applying every fix are snapshotted.
//!
//! A snapshot only says that the output did not change, and an accepted snapshot can hide a
//! regression. So each case also states, by hand, what it must find: every rule folder has
//! an `expect.toml` with one entry per case of the folder.
//!
//! ```toml
//! [cases."entities.txt"]                  # a case that is a file
//! findings = [
//!     { code = "E011", line = 1, count = 5 },   # five E011 findings on line 1
//!     { code = "E011", line = 2, count = 3 },
//! ]
//!
//! [cases.syndicated_block]                # a case that is a folder: name the file
//! findings = [{ file = "b.txt", code = "D002", line = 7 }]
//!
//! [cases."correct_text.txt"]              # a case that must find nothing
//! findings = []
//! ```
//!
//! - `code` is the rule code, `line` the 1-based line the finding starts on, `count` how
//!   many findings there are at that file, code and line (default 1).
//! - `file` is required for a folder case (the path within the folder, such as `b.txt` or
//!   `metadata.jsonl`) and not allowed for a file case.
//! - The list is the whole of what the case finds: the findings are compared as a multiset
//!   of (file, code, line), from the short output (`path:line:col: CODE message`). Chrome
//!   cases run with the whole chrome family, so theirs lists every chrome finding.
//! - A `# note:` comment marks an expectation that records today's behaviour where that
//!   behaviour looks doubtful; the note says what was expected instead.
//!
//! The tests fail, naming the folder and the case, when a rule folder has no `expect.toml`,
//! when a case has no entry, when an entry names a case that does not exist, or when the
//! findings differ (expected and actual are printed). `every_rule_has_a_positive_fixture`
//! also requires every rule of the registry to have a folder with at least one case that
//! expects one of its findings, unless `WITHOUT_POSITIVE_CASE` lists the rule and says why.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use corpuslint::diagnostic::edit::apply_edits;
use corpuslint::output;
use corpuslint::rules::registry;
use corpuslint::settings::Settings;
use serde::Deserialize;

/// The file of expectations in each rule folder.
const EXPECT_FILE: &str = "expect.toml";

/// Rules whose fixture folder has no case expecting one of their findings, and why. A rule
/// listed here that gains such a case must be taken off the list.
const WITHOUT_POSITIVE_CASE: &[(&str, &str)] = &[(
    "C004",
    "the teaser lines of chrome-context/related_box.txt are chrome by context, but they \
     share a run with phrase lines, so the run is reported as C001",
)];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectFile {
    cases: BTreeMap<String, CaseExpectation>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseExpectation {
    findings: Vec<ExpectedFinding>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedFinding {
    file: Option<String>,
    code: String,
    line: usize,
    #[serde(default = "one")]
    count: usize,
}

fn one() -> usize {
    1
}

/// How many findings there are at each (file, code, line).
type Tally = BTreeMap<(String, String, usize), usize>;

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|err| panic!("{}: {err}", dir.display()))
        .map(|entry| entry.expect("readable fixture folder").path())
        .collect();
    entries.sort();
    entries
}

fn file_name(path: &Path) -> &str {
    path.file_name()
        .and_then(|n| n.to_str())
        .expect("utf-8 name")
}

/// The cases of a rule folder: every entry but the expectations.
fn cases_of(rule_dir: &Path) -> Vec<PathBuf> {
    sorted_entries(rule_dir)
        .into_iter()
        .filter(|path| file_name(path) != EXPECT_FILE)
        .collect()
}

fn load_expectations(rule_dir: &Path) -> Result<ExpectFile, String> {
    let path = rule_dir.join(EXPECT_FILE);
    let text = std::fs::read_to_string(&path).map_err(|err| {
        format!(
            "{}: cannot read the expectations of this rule folder ({err}); every rule folder \
             needs one, see the top of tests/fixtures.rs",
            path.display()
        )
    })?;
    toml::from_str(&text).map_err(|err| format!("{}: {err}", path.display()))
}

/// Checks the entries of `expect.toml` against the cases of `rule_dir`: each case has an
/// entry and each entry a case.
fn check_case_names(rule_dir: &Path, expect: &ExpectFile, errors: &mut Vec<String>) {
    let path = rule_dir.join(EXPECT_FILE);
    let cases: BTreeSet<String> = cases_of(rule_dir)
        .iter()
        .map(|case| file_name(case).to_string())
        .collect();
    for case in &cases {
        if !expect.cases.contains_key(case) {
            errors.push(format!(
                "{}: case `{case}` has no expectation in {}: add a `[cases.\"{case}\"]` entry \
                 with the findings it must produce (`findings = []` if none)",
                rule_dir.join(case).display(),
                path.display()
            ));
        }
    }
    for name in expect.cases.keys() {
        if !cases.contains(name) {
            errors.push(format!(
                "{}: expectation for case `{name}`, but {} has no such file or folder",
                path.display(),
                rule_dir.display()
            ));
        }
    }
}

/// The expected findings of `case`, or what is wrong with the entry.
fn expected_tally(case: &Path, expectation: &CaseExpectation) -> Result<Tally, String> {
    let is_dir = case.is_dir();
    let mut tally = Tally::new();
    for finding in &expectation.findings {
        let file = match (&finding.file, is_dir) {
            (Some(file), true) => file.clone(),
            (None, false) => file_name(case).to_string(),
            (None, true) => {
                return Err(format!(
                    "the case is a folder: each expected finding needs `file` ({finding:?})"
                ));
            }
            (Some(_), false) => {
                return Err(format!(
                    "the case is a file: expected findings take no `file` ({finding:?})"
                ));
            }
        };
        if registry::find(&finding.code).is_none_or(|rule| rule.code != finding.code) {
            return Err(format!("`{}` is not a rule code", finding.code));
        }
        if finding.line == 0 || finding.count == 0 {
            return Err(format!(
                "lines are 1-based and counts at least 1 ({finding:?})"
            ));
        }
        *tally
            .entry((file, finding.code.clone(), finding.line))
            .or_default() += finding.count;
    }
    Ok(tally)
}

/// The findings in the short output of `case`: `path:line:col: CODE message` per line.
fn actual_tally(case: &Path, short: &str) -> Result<Tally, String> {
    let mut tally = Tally::new();
    for line in short.lines() {
        let unreadable = || format!("cannot read the short-format line `{line}`");
        let (location, message) = line.split_once(": ").ok_or_else(unreadable)?;
        let mut parts = location.rsplitn(3, ':');
        let (_column, line_number, path) = (parts.next(), parts.next(), parts.next());
        let line_number: usize = line_number
            .and_then(|n| n.parse().ok())
            .ok_or_else(unreadable)?;
        let path = Path::new(path.ok_or_else(unreadable)?);
        let code = message.split(' ').next().ok_or_else(unreadable)?;
        let file = if case.is_dir() {
            path.strip_prefix(case)
                .map_err(|_| format!("finding outside the case: `{line}`"))?
                .components()
                .map(|c| c.as_os_str().to_str().expect("utf-8 path"))
                .collect::<Vec<_>>()
                .join("/")
        } else if path == case {
            file_name(case).to_string()
        } else {
            return Err(format!("finding outside the case: `{line}`"));
        };
        *tally
            .entry((file, code.to_string(), line_number))
            .or_default() += 1;
    }
    Ok(tally)
}

fn describe(tally: &Tally) -> String {
    if tally.is_empty() {
        return "    (none)\n".to_string();
    }
    tally
        .iter()
        .map(|((file, code, line), count)| {
            let times = if *count > 1 {
                format!(" ×{count}")
            } else {
                String::new()
            };
            format!("    {file}:{line} {code}{times}\n")
        })
        .collect()
}

/// Compares what `case` found (its short output) with its expectation.
fn check_case(case: &Path, expectation: &CaseExpectation, short: &str) -> Result<(), String> {
    let expect_path = case.parent().expect("rule folder").join(EXPECT_FILE);
    let expected = expected_tally(case, expectation).map_err(|err| {
        format!(
            "{}: case `{}`: {err}",
            expect_path.display(),
            file_name(case)
        )
    })?;
    let actual = actual_tally(case, short).map_err(|err| format!("{}: {err}", case.display()))?;
    if expected == actual {
        return Ok(());
    }
    let mut missing = Tally::new();
    let mut unexpected = Tally::new();
    for key in expected.keys().chain(actual.keys()) {
        let want = expected.get(key).copied().unwrap_or(0);
        let got = actual.get(key).copied().unwrap_or(0);
        if want > got {
            missing.insert(key.clone(), want - got);
        } else if got > want {
            unexpected.insert(key.clone(), got - want);
        }
    }
    let mut report = format!(
        "{}: the findings differ from its expectation in {}\n  expected:\n{}  actual:\n{}",
        case.display(),
        expect_path.display(),
        describe(&expected),
        describe(&actual),
    );
    if !missing.is_empty() {
        report.push_str(&format!("  missing:\n{}", describe(&missing)));
    }
    if !unexpected.is_empty() {
        report.push_str(&format!("  unexpected:\n{}", describe(&unexpected)));
    }
    report.push_str("  short output:\n");
    for line in short.lines() {
        report.push_str(&format!("    {line}\n"));
    }
    Err(report)
}

/// The short-format findings of `case` checked with `select`, and its snapshot: those
/// findings, then the text of each file after applying every fix.
fn run_case(select: &str, case: &Path) -> (String, String) {
    let settings = Settings {
        paths: vec![case.to_path_buf()],
        select: vec![select.to_string()],
        ..Settings::default()
    };
    let outcome = corpuslint::check(&settings).expect("valid settings");
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    let mut out = Vec::new();
    output::short::render(&outcome, &mut out).expect("render");
    let short = String::from_utf8(out).expect("utf-8");
    let mut snapshot = short.clone();
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
            snapshot.push_str(&format!("fixed {}: {fixed:?}\n", doc.display()));
        }
    }
    if !snapshot.contains("\nfixed ") && !snapshot.starts_with("fixed ") {
        snapshot.push_str("no fix\n");
    }
    (short, snapshot)
}

fn run_family(family: &str) {
    let root = Path::new("tests/fixtures").join(family);
    let mut cases = 0;
    let mut errors: Vec<String> = Vec::new();
    let mut printed = 0;
    for rule_dir in sorted_entries(&root) {
        let rule = file_name(&rule_dir).to_string();
        let found = registry::find(&rule).unwrap_or_else(|| panic!("no rule named {rule}"));
        assert_eq!(
            found.family.as_str(),
            family,
            "{rule} is filed under the wrong family"
        );
        let expect = match load_expectations(&rule_dir) {
            Ok(expect) => Some(expect),
            Err(err) => {
                errors.push(err);
                None
            }
        };
        if let Some(expect) = &expect {
            check_case_names(&rule_dir, expect, &mut errors);
        }
        // Chrome rules decide together (context needs the lines the others found, and a run
        // is reported under its strongest evidence): their cases run with the whole family.
        let select = if family == "chrome" {
            family
        } else {
            rule.as_str()
        };
        for case in cases_of(&rule_dir) {
            let name = file_name(&case);
            let (short, snapshot) = run_case(select, &case);
            if let Some(expectation) = expect.as_ref().and_then(|e| e.cases.get(name))
                && let Err(err) = check_case(&case, expectation, &short)
            {
                errors.push(err);
            }
            // Printed as they come: a snapshot that differs stops the test here.
            for err in &errors[printed..] {
                eprintln!("{err}\n");
            }
            printed = errors.len();
            insta::assert_snapshot!(format!("{family}__{rule}__{name}"), snapshot);
            cases += 1;
        }
    }
    for err in &errors[printed..] {
        eprintln!("{err}\n");
    }
    assert!(cases > 0, "no fixtures for {family}");
    let headlines: Vec<&str> = errors
        .iter()
        .map(|err| err.lines().next().unwrap_or_default())
        .collect();
    assert!(
        errors.is_empty(),
        "{} problem(s) with the expectations of the {family} fixtures, detailed above:\n{}",
        errors.len(),
        headlines.join("\n")
    );
}

#[test]
fn encoding_fixtures() {
    run_family("encoding");
}

#[test]
fn layout_fixtures() {
    run_family("layout");
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

#[test]
fn every_rule_has_a_positive_fixture() {
    let mut problems = Vec::new();
    for (code, _) in WITHOUT_POSITIVE_CASE {
        if registry::find(code).is_none_or(|rule| rule.code != *code) {
            problems.push(format!(
                "WITHOUT_POSITIVE_CASE lists `{code}`, which is not a rule code"
            ));
        }
    }
    for rule in registry::RULES {
        let dir = Path::new("tests/fixtures")
            .join(rule.family.as_str())
            .join(rule.name);
        let positive = if dir.is_dir() {
            match load_expectations(&dir) {
                Ok(expect) => expect
                    .cases
                    .values()
                    .flat_map(|case| &case.findings)
                    .any(|finding| finding.code == rule.code),
                Err(err) => {
                    problems.push(err);
                    continue;
                }
            }
        } else {
            false
        };
        let excused = WITHOUT_POSITIVE_CASE
            .iter()
            .any(|(code, _)| *code == rule.code);
        if !positive && !excused {
            let place = if dir.is_dir() {
                format!(
                    "no case in {} expects a {} finding",
                    dir.display(),
                    rule.code
                )
            } else {
                format!("there is no fixture folder {}", dir.display())
            };
            problems.push(format!(
                "{} {}: {place}; add a fixture that triggers it",
                rule.code, rule.name
            ));
        }
        if positive && excused {
            problems.push(format!(
                "{} {}: {} now has a case expecting a {} finding; take it off \
                 WITHOUT_POSITIVE_CASE",
                rule.code,
                rule.name,
                dir.display(),
                rule.code
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
