//! End-to-end tests of the binary: exit statuses, errors, commands, rendered output.

use assert_cmd::Command;
use predicates::prelude::*;

fn corpuslint() -> Command {
    let mut cmd = Command::cargo_bin("corpuslint").expect("binary");
    cmd.env("COLUMNS", "100").env_remove("NO_COLOR");
    cmd
}

#[test]
fn seeds_exit_1_with_a_summary() {
    corpuslint()
        .args(["check", "seeds/"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "Checked 5 files: 0 errors, 51 warnings, 1 info.",
        ));
}

#[test]
fn clean_files_exit_0() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("clean.txt"),
        "---\ntitle: A clean article\nauthor: Jane Doe\ndate: 2021-12-15\nsource: Example Times\n---\nA clean paragraph.\n\nAnother one.\n",
    )
    .expect("write");
    corpuslint()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "Checked 1 file: 0 errors, 0 warnings, 0 infos.",
        ));
}

#[test]
fn fail_on_sets_the_failing_severity() {
    corpuslint()
        .args(["check", "seeds/", "--fail-on", "error"])
        .assert()
        .code(0);
    corpuslint()
        .args(["check", "seeds/", "--fail-on", "never"])
        .assert()
        .code(0);
    corpuslint()
        .args([
            "check",
            "tests/fixtures/encoding/mojibake/double.txt",
            "--fail-on",
            "error",
        ])
        .assert()
        .code(1);
}

#[test]
fn a_missing_path_is_an_error_naming_it() {
    corpuslint()
        .args(["check", "seeds/", "no/such/folder"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no/such/folder: no such file or folder",
        ))
        .stdout(predicate::str::contains("Checked 5 files"));
}

#[cfg(unix)]
#[test]
fn unreadable_entries_are_errors_and_the_run_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("ok.txt"), "Fine.\n").expect("write");
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), dir.path().join("dangling.txt"))
        .expect("symlink");
    corpuslint()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("dangling.txt"))
        .stdout(predicate::str::contains("Checked 1 file"));
}

#[test]
fn usage_errors_exit_2() {
    corpuslint()
        .args(["check", "--format", "xml"])
        .assert()
        .code(2);
    corpuslint().args(["frobnicate"]).assert().code(2);
    corpuslint()
        .args(["check", "seeds/", "--select", "Q9"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown rule selector `Q9`"));
}

#[test]
fn select_and_ignore_choose_rules() {
    let output = corpuslint()
        .args(["check", "seeds/", "--format", "short", "--select", "E012"])
        .output()
        .expect("run");
    let stdout = String::from_utf8(output.stdout).expect("utf-8");
    assert_eq!(stdout.lines().filter(|l| l.contains(": E012 ")).count(), 2);
    assert_eq!(stdout.lines().filter(|l| l.contains(": E0")).count(), 2);

    let output = corpuslint()
        .args([
            "check",
            "seeds/",
            "--format",
            "short",
            "--ignore",
            "unusual-space,E014",
        ])
        .output()
        .expect("run");
    let stdout = String::from_utf8(output.stdout).expect("utf-8");
    assert!(!stdout.contains(" E005 ") && !stdout.contains(" E014 "));
    assert!(stdout.contains(" E012 "));
}

#[test]
fn binary_files_are_reported_and_skipped() {
    corpuslint()
        .args([
            "check",
            "tests/fixtures/encoding/not-text/png_renamed.txt",
            "--format",
            "short",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "E015 not a text file (NUL byte at offset 8); skipped",
        ));
}

#[test]
fn rules_lists_every_rule() {
    let output = corpuslint()
        .args(["rules", "--format", "json"])
        .output()
        .expect("run");
    let rules: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let codes: Vec<&str> = rules
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|r| r["code"].as_str())
        .collect();
    assert_eq!(codes.len(), corpuslint::rules::registry::RULES.len());
    assert!(codes.contains(&"E009"));
    insta::assert_snapshot!(
        "rules",
        String::from_utf8(corpuslint().arg("rules").output().expect("run").stdout).expect("utf-8")
    );
}

#[test]
fn explain_prints_a_rules_docs() {
    for rule in corpuslint::rules::registry::RULES {
        corpuslint()
            .args(["explain", rule.code])
            .assert()
            .code(0)
            .stdout(predicate::str::contains("## What it does"))
            .stdout(predicate::str::contains(rule.name));
    }
    corpuslint()
        .args(["explain", "mojibake"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(
            "E009 mojibake (encoding, error, fix: sometimes)",
        ));
    corpuslint().args(["explain", "E999"]).assert().code(2);
}

#[test]
fn human_output_of_a_seed() {
    let output = corpuslint()
        .args([
            "check",
            "seeds/004_4b8399b3e61f290d.txt",
            "--color",
            "never",
        ])
        .output()
        .expect("run");
    insta::assert_snapshot!(
        "human_004",
        String::from_utf8(output.stdout).expect("utf-8")
    );
}

#[test]
fn human_output_has_no_colour_off_a_terminal_and_with_no_color() {
    let plain = corpuslint()
        .args(["check", "seeds/"])
        .output()
        .expect("run");
    assert!(!String::from_utf8_lossy(&plain.stdout).contains('\u{1b}'));
    let forced = corpuslint()
        .args(["check", "seeds/", "--color", "always"])
        .output()
        .expect("run");
    assert!(String::from_utf8_lossy(&forced.stdout).contains('\u{1b}'));
}

#[test]
fn json_output_of_the_seeds() {
    let output = corpuslint()
        .args(["check", "seeds/", "--format", "json"])
        .output()
        .expect("run");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    insta::assert_json_snapshot!("json_seeds", json, {".tool.version" => "[version]"});
}

#[test]
fn short_output_of_the_seeds() {
    let output = corpuslint()
        .args(["check", "seeds/", "--format", "short"])
        .output()
        .expect("run");
    insta::assert_snapshot!(
        "short_seeds",
        String::from_utf8(output.stdout).expect("utf-8")
    );
}

#[test]
fn related_locations_render_in_the_same_file() {
    let output = corpuslint()
        .args([
            "check",
            "tests/fixtures/encoding/invalid-utf8/cp1252_paragraph.txt",
            "--color",
            "never",
        ])
        .output()
        .expect("run");
    insta::assert_snapshot!(
        "human_invalid_utf8",
        String::from_utf8(output.stdout).expect("utf-8")
    );
}

#[test]
fn configuration_selects_rules_and_errors_point_into_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    for seed in ["003_5643ba1dc797c082.txt", "004_4b8399b3e61f290d.txt"] {
        std::fs::copy(
            std::path::Path::new("seeds").join(seed),
            dir.path().join(seed),
        )
        .expect("copy");
    }
    let config = dir.path().join("corpuslint.toml");
    std::fs::write(
        &config,
        "[rules]\nignore = [\"metadata\"]\nseverity = { E014 = \"info\" }\nfail_on = \"error\"\n\n[per_file_ignores]\n\"**/003_*\" = [\"chrome\"]\n",
    )
    .expect("write");
    let output = corpuslint()
        .args(["check", "--format", "short", "--config"])
        .arg(&config)
        .arg(dir.path())
        .output()
        .expect("run");
    assert_eq!(
        output.status.code(),
        Some(0),
        "only warnings and infos: fail_on = error"
    );
    let stdout = String::from_utf8(output.stdout).expect("utf-8");
    assert!(!stdout.contains(": M0"), "metadata ignored");
    assert!(
        !stdout
            .lines()
            .any(|l| l.contains("003_") && l.contains(": C0")),
        "chrome ignored for 003"
    );
    assert!(
        stdout
            .lines()
            .any(|l| l.contains("004_") && l.contains(": C0"))
    );
    assert!(stdout.contains("2 infos"), "E014 as info: {stdout}");

    std::fs::write(&config, "[duplicate]\nnear_treshold = 0.9\n").expect("write");
    corpuslint()
        .args(["check", "--config"])
        .arg(&config)
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown field `near_treshold`"))
        .stderr(predicate::str::contains("2 │ near_treshold = 0.9"));
    corpuslint()
        .args([
            "check",
            "--isolated",
            "--select",
            "E014",
            "--format",
            "short",
        ])
        .arg(dir.path())
        .assert()
        .code(1);
}

#[test]
fn github_jsonl_and_statistics_outputs() {
    let run = |args: &[&str]| {
        let output = corpuslint()
            .args(["check", "seeds/004_4b8399b3e61f290d.txt"])
            .args(args)
            .output()
            .expect("run");
        assert_eq!(output.status.code(), Some(1));
        String::from_utf8(output.stdout).expect("utf-8")
    };
    insta::assert_snapshot!("github_004", run(&["--format", "github"]));
    let jsonl = run(&["--format", "jsonl"]);
    let lines: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    let json: serde_json::Value = serde_json::from_str(&run(&["--format", "json"])).expect("json");
    assert_eq!(json["diagnostics"].as_array().expect("array"), &lines);
    insta::assert_snapshot!("statistics_004", run(&["--statistics"]));
}

/// Odd files get findings or a clear error, never a panic (exit status 0, 1 or 2).
#[cfg(unix)]
#[test]
fn odd_inputs_get_an_answer() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    std::fs::write(root.join("empty.txt"), "").expect("write");
    std::fs::write(root.join("blank.txt"), "  \n\t\n\n").expect("write");
    std::fs::write(root.join("with space.txt"), "A line.\n").expect("write");
    std::fs::write(root.join("new\nline.txt"), "A line.\n").expect("write");
    std::fs::write(
        root.join(std::ffi::OsStr::from_bytes(b"bad\xffname.txt")),
        "A line.\n",
    )
    .expect("write");
    let mut utf16 = Vec::new();
    for unit in "Hello from UTF-16 without a byte-order mark.\n".encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    std::fs::write(root.join("utf16.txt"), utf16).expect("write");
    std::fs::write(root.join("long.txt"), "word ".repeat(200_000)).expect("write");
    let output = corpuslint()
        .args(["check", "--format", "json"])
        .arg(root)
        .output()
        .expect("run");
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(report["files"], 7);
    let codes_of = |name: &str| -> Vec<String> {
        report["diagnostics"]
            .as_array()
            .expect("array")
            .iter()
            .filter(|d| d["path"].as_str().is_some_and(|p| p.ends_with(name)))
            .map(|d| d["code"].as_str().unwrap_or("").to_string())
            .collect()
    };
    assert!(codes_of("utf16.txt").contains(&"E001".to_string()));
    assert!(codes_of("blank.txt").contains(&"E013".to_string()));
    assert!(codes_of("long.txt").contains(&"E013".to_string()));
    // Every file has a finding (at least its missing provenance), the odd names included.
    assert!(!codes_of("with space.txt").is_empty());
    assert!(!codes_of("new\nline.txt").is_empty());
    assert!(!codes_of("bad\u{fffd}name.txt").is_empty());
}

#[test]
fn glued_words_allow_lists_come_from_the_configuration() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("a.txt"),
        "It links against GnuLIB and ChinaUS.\n",
    )
    .expect("write");
    let config = dir.path().join("corpuslint.toml");
    let check = || {
        corpuslint()
            .args(["check", "--select", "E012", "--format", "short", "--config"])
            .arg(&config)
            .arg(dir.path().join("a.txt"))
            .output()
            .expect("run")
    };
    std::fs::write(&config, "[encoding]\nglued_words_allow = [\"GnuLIB\"]\n").expect("write");
    let stdout = String::from_utf8(check().stdout).expect("utf-8");
    assert!(
        !stdout.contains("GnuLIB"),
        "allowed in corpuslint.toml: {stdout}"
    );
    assert!(stdout.contains("ChinaUS"), "{stdout}");

    std::fs::write(dir.path().join("names.toml"), "allow = [\"ChinaUS\"]\n").expect("write");
    std::fs::write(
        &config,
        "[encoding]\nglued_words_files = [\"names.toml\"]\n",
    )
    .expect("write");
    let stdout = String::from_utf8(check().stdout).expect("utf-8");
    assert!(
        !stdout.contains("ChinaUS"),
        "allowed in names.toml: {stdout}"
    );

    std::fs::write(dir.path().join("names.toml"), "allow = \"ChinaUS\"\n").expect("write");
    let output = check();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).expect("utf-8");
    assert!(stderr.contains("names.toml"), "{stderr}");

    std::fs::write(
        &config,
        "[encoding]\nglued_words_files = [\"missing.toml\"]\n",
    )
    .expect("write");
    let output = check();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).expect("utf-8");
    assert!(stderr.contains("missing.toml"), "{stderr}");
}
