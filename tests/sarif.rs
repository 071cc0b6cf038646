//! `--format sarif`: real runs are valid SARIF 2.1.0 and say what the other formats say.
//!
//! tests/schemas/sarif-schema-2.1.0.json is the OASIS SARIF 2.1.0 schema (draft-07, `$id`
//! .../oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json), copied byte for byte
//! from `src/schema.json` of the serde-sarif 0.8.0 crate on crates.io (sha256
//! af47e7b67f24efe74076621fd3a5fbe7398add9e84fe820c971219a385895cea). It is read from disk,
//! so the tests need no network.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

use corpuslint::diagnostic::edit::apply_edits;
use corpuslint::settings::Settings;

const SCHEMA: &str = "tests/schemas/sarif-schema-2.1.0.json";

fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(SCHEMA).expect("vendored SARIF schema");
    let mut schema: Value = serde_json::from_str(&text).expect("schema parses");
    // The schema's pattern for `language` has a lone `]`: a literal in ECMA-262 regular
    // expressions, but an error to the validator's stricter regex check, which then rejects
    // the whole schema. Escaped, the pattern means what it meant.
    let escaped = escape_lone_bracket(&mut schema);
    assert!(escaped > 0, "the schema's `language` pattern has changed");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles")
}

const LANGUAGE: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";

/// Replaces every `language` pattern of the schema by its escaped form; returns how many.
fn escape_lone_bracket(schema: &mut Value) -> usize {
    match schema {
        Value::Object(map) => map
            .iter_mut()
            .map(|(key, value)| {
                if key == "pattern" && value == LANGUAGE {
                    *value = LANGUAGE.replace("}]", r"}\]").into();
                    1
                } else {
                    escape_lone_bracket(value)
                }
            })
            .sum(),
        Value::Array(items) => items.iter_mut().map(escape_lone_bracket).sum(),
        _ => 0,
    }
}

/// The schema's complaints about `log`, one per line; empty when it is valid.
fn schema_errors(validator: &jsonschema::Validator, log: &Value) -> String {
    validator
        .iter_errors(log)
        .map(|err| format!("{} at {}\n", err, err.instance_path()))
        .collect()
}

fn assert_valid(log: &Value) {
    let errors = schema_errors(&validator(), log);
    assert!(errors.is_empty(), "invalid SARIF:\n{errors}");
}

/// Runs the binary; returns the exit status and stdout parsed as JSON.
fn run(args: &[&str]) -> (i32, Value) {
    let output = Command::cargo_bin("corpuslint")
        .expect("binary")
        .args(args)
        .output()
        .expect("run corpuslint");
    let log = serde_json::from_slice(&output.stdout).expect("stdout is one JSON document");
    (output.status.code().expect("exit status"), log)
}

fn results(log: &Value) -> &Vec<Value> {
    log["runs"][0]["results"].as_array().expect("results")
}

fn uri(location: &Value) -> &str {
    location["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .expect("uri")
}

#[test]
fn the_seeds_are_valid_sarif_with_the_findings_of_the_json_report() {
    let (status, log) = run(&["check", "seeds/", "--format", "sarif"]);
    assert_eq!(status, 1);
    assert_valid(&log);

    let (_, json) = run(&["check", "seeds/", "--format", "json"]);
    let diagnostics = json["diagnostics"].as_array().expect("diagnostics");
    let results = results(&log);
    assert_eq!(results.len(), diagnostics.len());
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    for (result, diagnostic) in results.iter().zip(diagnostics) {
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert_eq!(result["ruleId"], diagnostic["code"]);
        assert_eq!(uri(&result["locations"][0]), diagnostic["path"]);
        assert_eq!(region["startLine"], diagnostic["line"]);
        assert_eq!(region["startColumn"], diagnostic["column"]);
        assert_eq!(region["endLine"], diagnostic["end_line"]);
        let rule = &rules[result["ruleIndex"].as_u64().expect("ruleIndex") as usize];
        assert_eq!(rule["id"], result["ruleId"]);
        assert_eq!(rule["name"], diagnostic["rule"]);
    }
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], true);
    assert_eq!(
        invocation["toolExecutionNotifications"],
        Value::Array(vec![])
    );
}

#[test]
fn every_rule_is_described_with_its_docs_and_default_level() {
    let (_, log) = run(&["check", "seeds/", "--format", "sarif"]);
    let driver = &log["runs"][0]["tool"]["driver"];
    assert_eq!(driver["name"], "corpuslint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), corpuslint::rules::registry::RULES.len());
    for (descriptor, rule) in rules.iter().zip(corpuslint::rules::registry::RULES) {
        assert_eq!(descriptor["id"], rule.code);
        assert_eq!(descriptor["name"], rule.name);
        assert_eq!(descriptor["shortDescription"]["text"], rule.summary);
        assert_eq!(descriptor["help"]["markdown"], rule.docs.trim_end());
        let full = descriptor["fullDescription"]["text"]
            .as_str()
            .expect("fullDescription");
        assert!(
            !full.is_empty() && rule.docs.contains(full),
            "{}: {full}",
            rule.code
        );
        let level = match rule.severity {
            corpuslint::diagnostic::Severity::Error => "error",
            corpuslint::diagnostic::Severity::Warning => "warning",
            corpuslint::diagnostic::Severity::Info => "note",
        };
        assert_eq!(descriptor["defaultConfiguration"]["level"], level);
    }
}

/// A copy of tests/sarif/ with an unreadable file (a dangling link, where links exist).
fn corpus_with_an_unreadable_file() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["report.txt", "wire copy.txt"] {
        std::fs::copy(Path::new("tests/sarif").join(name), dir.path().join(name)).expect("copy");
    }
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), dir.path().join("dangling.txt"))
        .expect("symlink");
    dir
}

#[test]
fn cross_file_spans_fixes_and_unreadable_files_are_valid_sarif() {
    let dir = corpus_with_an_unreadable_file();
    let missing = dir.path().join("missing.txt");
    let args = [
        "check",
        dir.path().to_str().expect("utf-8 temp path"),
        missing.to_str().expect("utf-8 temp path"),
        "--format",
        "sarif",
    ];
    let (status, log) = run(&args);
    assert_eq!(status, 2);
    assert_valid(&log);

    let results = results(&log);
    let copy = results
        .iter()
        .find(|r| r["ruleId"] == "D002")
        .expect("the cross-file copy is found");
    let related = &copy["relatedLocations"][0];
    assert!(uri(&copy["locations"][0]).ends_with("/wire%20copy.txt"));
    assert!(uri(related).ends_with("/report.txt"));
    assert!(uri(related).starts_with("file:///"));
    assert_eq!(related["physicalLocation"]["region"]["startLine"], 3);
    assert_eq!(
        copy["fixes"][0]["artifactChanges"][0]["artifactLocation"]["uri"],
        copy["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    );
    assert!(results.iter().any(|r| r["ruleId"] == "E005"
        && r["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"]
            == " "));

    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notifications: Vec<&str> = invocation["toolExecutionNotifications"]
        .as_array()
        .expect("notifications")
        .iter()
        .map(|n| n["message"]["text"].as_str().expect("message"))
        .collect();
    assert!(
        notifications
            .iter()
            .any(|m| m.ends_with("missing.txt: no such file or folder")),
        "{notifications:?}"
    );
    #[cfg(unix)]
    assert!(
        notifications.iter().any(|m| m.contains("dangling.txt")),
        "{notifications:?}"
    );
}

#[test]
fn the_schema_rejects_broken_logs() {
    let validator = validator();
    let (_, log) = run(&["check", "seeds/", "--format", "sarif"]);
    assert_eq!(schema_errors(&validator, &log), "");
    type Breakage = fn(&mut Value);
    let breakages: [(&str, Breakage); 5] = [
        ("no version", |log| {
            log.as_object_mut().expect("object").remove("version");
        }),
        ("unknown level", |log| {
            log["runs"][0]["results"][0]["level"] = "fatal".into();
        }),
        ("line 0", |log| {
            log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
                0.into();
        }),
        ("a space in a URI", |log| {
            log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
                ["uri"] = "seeds/a b.txt".into();
        }),
        ("a fix without changes", |log| {
            log["runs"][0]["results"][0]["fixes"] = serde_json::json!([{"artifactChanges": []}]);
        }),
    ];
    for (what, breakage) in breakages {
        let mut broken = log.clone();
        breakage(&mut broken);
        assert_ne!(
            schema_errors(&validator, &broken),
            "",
            "a log with {what} passed the schema"
        );
    }
}

/// The 0-based character index of a 1-based SARIF line and code-point column. A column
/// lies within its line or just after its last character, never on or past its line break.
fn char_index(text: &str, line: u64, column: u64) -> usize {
    let mut index = 0;
    for (i, content) in text.split('\n').enumerate() {
        let chars = content.chars().count();
        if i as u64 + 1 == line {
            assert!(
                column >= 1 && column as usize <= chars + 1,
                "column {column} is outside line {line}"
            );
            return index + column as usize - 1;
        }
        index += chars + 1;
    }
    panic!("line {line} is past the end of the text");
}

/// Applies a SARIF fix the way a consumer would, from lines and columns alone.
fn apply_sarif_fix(text: &str, fix: &Value) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let mut replacements: Vec<(usize, usize, String)> = fix["artifactChanges"][0]["replacements"]
        .as_array()
        .expect("replacements")
        .iter()
        .map(|r| {
            let region = &r["deletedRegion"];
            let at = |line: &str, column: &str| {
                char_index(
                    text,
                    region[line].as_u64().expect("line"),
                    region[column].as_u64().expect("column"),
                )
            };
            let inserted = r["insertedContent"]["text"].as_str().unwrap_or_default();
            (
                at("startLine", "startColumn"),
                at("endLine", "endColumn"),
                inserted.to_string(),
            )
        })
        .collect();
    replacements.sort_by_key(|(start, _, _)| std::cmp::Reverse(*start));
    for (start, end, inserted) in replacements {
        chars.splice(start..end, inserted.chars());
    }
    chars.into_iter().collect()
}

/// The text of a SARIF region.
fn region_text(text: &str, region: &Value) -> String {
    let at = |line: &str, column: &str| {
        char_index(
            text,
            region[line].as_u64().expect("line"),
            region[column].as_u64().expect("column"),
        )
    };
    let (start, end) = (at("startLine", "startColumn"), at("endLine", "endColumn"));
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn regions_hold_the_flagged_text() {
    let settings = Settings {
        paths: vec!["seeds".into(), "tests/sarif".into()],
        ..Settings::default()
    };
    let outcome = corpuslint::check(&settings).expect("valid settings");
    let mut out = Vec::new();
    corpuslint::output::sarif::render(&outcome, &mut out).expect("render");
    let log: Value = serde_json::from_slice(&out).expect("json");
    let shown = |doc: usize, span: corpuslint::text::span::Span| {
        let text = &outcome.corpus.get(doc).text;
        text[span.start..span.end]
            .strip_suffix('\n')
            .unwrap_or(&text[span.start..span.end])
            .to_string()
    };
    let mut related = 0;
    for (diagnostic, result) in outcome.diagnostics.iter().zip(results(&log)) {
        let text = &outcome.corpus.get(diagnostic.doc).text;
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert_eq!(
            region_text(text, region),
            shown(diagnostic.doc, diagnostic.span),
            "{}: {}",
            diagnostic.rule.code,
            diagnostic.message
        );
        let locations = result
            .get("relatedLocations")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default();
        assert_eq!(locations.len(), diagnostic.related.len());
        for (r, location) in diagnostic.related.iter().zip(locations) {
            let other = &outcome.corpus.get(r.doc).text;
            let region = &location["physicalLocation"]["region"];
            assert_eq!(region_text(other, region), shown(r.doc, r.span));
            related += 1;
        }
    }
    assert!(related > 0, "some findings have related locations");
}

#[test]
fn fixes_rebuilt_from_lines_and_columns_give_the_text_corpuslint_fix_gives() {
    for path in ["seeds", "tests/sarif"] {
        let settings = Settings {
            paths: vec![path.into()],
            ..Settings::default()
        };
        let outcome = corpuslint::check(&settings).expect("valid settings");
        let mut out = Vec::new();
        corpuslint::output::sarif::render(&outcome, &mut out).expect("render");
        let log: Value = serde_json::from_slice(&out).expect("json");
        let mut fixes = 0;
        for (diagnostic, result) in outcome.diagnostics.iter().zip(results(&log)) {
            let Some(fix) = &diagnostic.fix else {
                assert!(result.get("fixes").is_none());
                continue;
            };
            let text = &outcome.corpus.get(diagnostic.doc).text;
            assert_eq!(
                apply_sarif_fix(text, &result["fixes"][0]),
                apply_edits(text, &fix.edits),
                "{}: {}",
                diagnostic.rule.code,
                diagnostic.message
            );
            fixes += 1;
        }
        assert!(fixes > 0, "{path} has findings with fixes");
    }
}

#[test]
fn fingerprints_survive_lines_added_above() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("a.txt");
    let fingerprints = |text: &str| -> Vec<(Value, Value)> {
        std::fs::write(&file, text).expect("write");
        let (_, log) = run(&["check", file.to_str().expect("utf-8"), "--format", "sarif"]);
        results(&log)
            .iter()
            .filter(|r| r["ruleId"] == "E005")
            .map(|r| {
                (
                    r["locations"][0]["physicalLocation"]["region"]["startLine"].clone(),
                    r["partialFingerprints"].clone(),
                )
            })
            .collect()
    };
    let body = "One\u{a0}space here.\n\nAnd one\u{a0}more.\n";
    let before = fingerprints(body);
    let after = fingerprints(&format!("A new first paragraph.\n\n{body}"));
    assert_eq!(before.len(), 2);
    assert_ne!(before[0].1, before[1].1, "each finding has its own print");
    assert_eq!(after.len(), 2);
    for ((line_before, print_before), (line_after, print_after)) in before.iter().zip(&after) {
        assert_ne!(line_before, line_after);
        assert_eq!(print_before, print_after);
    }
}

#[test]
fn sarif_of_a_small_corpus() {
    let (status, log) = run(&[
        "check",
        "tests/sarif",
        "tests/sarif/missing.txt",
        "--select",
        "D002,E005",
        "--format",
        "sarif",
    ]);
    assert_eq!(status, 2);
    assert_valid(&log);
    // Rule docs are checked against the registry above; here they would only add churn.
    insta::assert_json_snapshot!("sarif_small_corpus", log, {
        ".runs[0].tool.driver.version" => "[version]",
        ".runs[0].tool.driver.semanticVersion" => "[version]",
        ".runs[0].tool.driver.rules[].fullDescription" => "[docs]",
        ".runs[0].tool.driver.rules[].help" => "[docs]",
    });
}

const WORKFLOW: &str = ".github/workflows/corpus-example.yml";

#[test]
fn readme_shows_the_example_workflow_as_it_is() {
    let workflow = std::fs::read_to_string(WORKFLOW).expect("example workflow");
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    assert!(
        readme.contains(&format!("```yaml\n{workflow}```")),
        "README's CI gate section shows {WORKFLOW} verbatim"
    );
}

/// The example runs on this repository's pull requests: its corpuslint steps must pass here.
#[test]
fn the_example_workflow_passes_on_this_repository() {
    let workflow = std::fs::read_to_string(WORKFLOW).expect("example workflow");
    let commands: Vec<&str> = workflow
        .lines()
        .filter_map(|line| line.trim().strip_prefix("run: corpuslint "))
        .collect();
    assert!(commands.len() >= 2, "{commands:?}");
    for command in &commands {
        let (args, redirect) = match command.split_once(" > ") {
            Some((args, file)) => (args, Some(file)),
            None => (*command, None),
        };
        let args: Vec<&str> = args.split_whitespace().collect();
        let output = Command::cargo_bin("corpuslint")
            .expect("binary")
            .args(&args)
            .output()
            .expect("run corpuslint");
        assert_eq!(output.status.code(), Some(0), "corpuslint {command}");
        if redirect.is_some() {
            let log: Value = serde_json::from_slice(&output.stdout).expect("SARIF");
            assert_valid(&log);
        }
    }
    assert!(
        commands.iter().any(|c| c.contains("--format sarif")),
        "{commands:?}"
    );
    assert!(
        commands.iter().any(|c| c.contains("--format github")),
        "{commands:?}"
    );
}
