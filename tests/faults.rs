//! Odd input and faults: every input gets a clear answer, nothing panics, `fix` loses
//! nothing. Each test backs a row of the "What corpuslint does with odd input" table of
//! README.

use std::io::Write;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

use corpuslint::fix::write;
use corpuslint::fix::{self, FixOptions};
use corpuslint::settings::Settings;

fn corpuslint() -> Command {
    let mut cmd = Command::cargo_bin("corpuslint").expect("binary");
    cmd.env("COLUMNS", "100").env_remove("NO_COLOR");
    cmd
}

/// `check --format json` of `paths`: the exit status and the report.
fn check_json(paths: &[&Path], extra: &[&str]) -> (i32, Value, String) {
    let output = corpuslint()
        .args(["check", "--isolated", "--format", "json"])
        .args(extra)
        .args(paths)
        .output()
        .expect("run");
    let report = serde_json::from_slice(&output.stdout).expect("one JSON object");
    (
        output.status.code().expect("an exit status, not a signal"),
        report,
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The codes found in the files whose path ends with `name`.
fn codes_of(report: &Value, name: &str) -> Vec<String> {
    findings_of(report, name)
        .iter()
        .map(|d| d["code"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn findings_of(report: &Value, name: &str) -> Vec<Value> {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["path"].as_str().is_some_and(|p| p.ends_with(name)))
        .cloned()
        .collect()
}

fn write_file(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

fn utf16(text: &str, little_endian: bool, bom: bool) -> Vec<u8> {
    let mut bytes = Vec::new();
    if bom {
        bytes.extend(if little_endian {
            [0xff, 0xfe]
        } else {
            [0xfe, 0xff]
        });
    }
    for unit in text.encode_utf16() {
        bytes.extend(if little_endian {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    bytes
}

/// Files other than those of `names`, left in `dir` (temporary files, lock files).
fn leftovers(dir: &Path, names: &[&str]) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("list")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !names.contains(&name.as_str()))
        .collect()
}

const ARTICLE: &str = "---\ntitle: A clean article\nauthor: Jane Doe\ndate: 2021-12-15\nsource: Example Times\n---\nA clean paragraph about the harbour.\n";

#[test]
fn empty_and_blank_files_get_findings_not_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = write_file(dir.path(), "empty.txt", "");
    let blank = write_file(dir.path(), "blank.txt", " \t\n\n  \n");
    let (code, report, stderr) = check_json(&[&empty, &blank], &[]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(report["files"], 2);
    assert_eq!(report["errors"], Value::Array(Vec::new()));
    // An empty file has no text to be wrong: only its provenance is missing.
    let empty_codes = codes_of(&report, "empty.txt");
    assert!(!empty_codes.is_empty());
    assert!(
        empty_codes.iter().all(|c| c.starts_with('M')),
        "{empty_codes:?}"
    );
    assert!(codes_of(&report, "blank.txt").contains(&"E013".to_string()));
}

#[test]
fn binary_files_are_reported_as_not_text_and_skipped() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Binary data: NUL bytes, and control bytes well over 1% of the first 8 KiB.
    let mut nul = b"Looks like text at first".to_vec();
    nul.extend((0..2_000u32).map(|i| ((i * 37 + 11) % 256) as u8));
    let first_nul = nul.iter().position(|&b| b == 0).expect("a NUL byte");
    let nul = write_file(dir.path(), "nul.txt", nul);
    // A stray NUL in prose is a control character in text, not binary data.
    let stray = write_file(
        dir.path(),
        "stray.txt",
        format!(
            "A paragraph of prose with one stray\0NUL byte in it. {}\n",
            "And more prose around it, as in any article. "
                .repeat(4)
                .trim_end()
        ),
    );
    let png = Path::new("tests/fixtures/encoding/not-text/png_renamed.txt");
    let (code, report, _) = check_json(&[&nul, png, &stray], &["--select", "E"]);
    assert_eq!(code, 1);
    for name in ["nul.txt", "png_renamed.txt"] {
        // E015 and nothing else: the bytes are not linted as garbage text.
        assert_eq!(codes_of(&report, name), ["E015"], "{name}");
    }
    let message = findings_of(&report, "nul.txt")[0]["message"].clone();
    assert_eq!(
        message,
        format!("not a text file (NUL byte at offset {first_nul}); skipped")
    );
    assert_eq!(codes_of(&report, "stray.txt"), ["E007"]);

    // `fix` leaves them out and writes the rest.
    let out = tempfile::tempdir().expect("tempdir");
    corpuslint()
        .args(["fix", "--isolated"])
        .arg(&nul)
        .arg(png)
        .arg("--out")
        .arg(out.path())
        .assert()
        .code(0);
    assert!(!out.path().join("nul.txt").exists());
}

#[test]
fn utf16_is_detected_with_and_without_bom_and_fix_converts_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Each file its own text: copies of a document would be duplicates.
    let text = |name: &str| format!("Café, crème brûlée and 北京 in {name}, saved as UTF-16.\n");
    write_file(dir.path(), "le_bom.txt", utf16(&text("le_bom"), true, true));
    write_file(
        dir.path(),
        "be_bom.txt",
        utf16(&text("be_bom"), false, true),
    );
    write_file(
        dir.path(),
        "le_plain.txt",
        utf16(&text("le_plain"), true, false),
    );
    write_file(
        dir.path(),
        "be_plain.txt",
        utf16(&text("be_plain"), false, false),
    );
    let (_, report, _) = check_json(&[dir.path()], &["--select", "E001"]);
    for (name, encoding) in [
        ("le_bom.txt", "UTF-16LE"),
        ("be_bom.txt", "UTF-16BE"),
        ("le_plain.txt", "UTF-16LE"),
        ("be_plain.txt", "UTF-16BE"),
    ] {
        let findings = findings_of(&report, name);
        assert_eq!(findings.len(), 1, "{name}");
        assert_eq!(
            findings[0]["message"],
            format!("file is {encoding}, not UTF-8"),
            "{name}"
        );
    }

    let out = tempfile::tempdir().expect("tempdir");
    corpuslint()
        .args(["fix", "--isolated"])
        .arg(dir.path())
        .arg("--out")
        .arg(out.path())
        .assert()
        .code(0);
    for name in ["le_bom.txt", "be_bom.txt", "le_plain.txt", "be_plain.txt"] {
        let written = std::fs::read(out.path().join(name)).expect("written");
        let written = String::from_utf8(written).expect("fix writes UTF-8");
        assert_eq!(written, text(name.trim_end_matches(".txt")), "{name}");
    }
}

#[test]
fn legacy_encodings_are_reported_with_the_likely_encoding() {
    let dir = tempfile::tempdir().expect("tempdir");
    let encode = |encoding: &'static encoding_rs::Encoding, text: &str| {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable);
        bytes.into_owned()
    };
    write_file(
        dir.path(),
        "latin1.txt",
        encode(
            encoding_rs::WINDOWS_1252,
            "Le café était déjà fermé, la crème brûlée à moitié mangée, et le garçon ne répondait à personne près de la fenêtre.\n",
        ),
    );
    write_file(
        dir.path(),
        "gbk.txt",
        encode(
            encoding_rs::GBK,
            "北京是中华人民共和国的首都，也是全国的政治中心和文化中心。这座城市有着三千多年的历史。\n",
        ),
    );
    write_file(
        dir.path(),
        "sjis.txt",
        encode(
            encoding_rs::SHIFT_JIS,
            "東京は日本の首都であり、世界で最も人口の多い都市圏のひとつです。ここには多くの人が住んでいます。\n",
        ),
    );
    let (code, report, _) = check_json(&[dir.path()], &["--select", "E001"]);
    assert_eq!(code, 1);
    for (name, guess) in [
        ("latin1.txt", "windows-1252"),
        ("gbk.txt", "GBK"),
        ("sjis.txt", "Shift_JIS"),
    ] {
        let findings = findings_of(&report, name);
        assert_eq!(findings.len(), 1, "{name}");
        let message = findings[0]["message"].as_str().unwrap_or_default();
        assert!(message.starts_with("invalid UTF-8: "), "{message}");
        assert!(
            message.ends_with(&format!("the bytes look like {guess})")),
            "{name}: {message}"
        );
    }
}

#[test]
fn invalid_utf8_in_the_middle_is_located_and_the_rest_is_checked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut bytes = b"First line is fine.\nSecond line has a stray byte \xff here.\n".to_vec();
    bytes.extend("Third line has a no-break\u{a0}space.\n".as_bytes());
    let path = write_file(dir.path(), "middle.txt", bytes);
    let (_, report, _) = check_json(&[&path], &[]);
    let findings = findings_of(&report, "middle.txt");
    let e001: Vec<_> = findings.iter().filter(|d| d["code"] == "E001").collect();
    assert_eq!(e001.len(), 1);
    assert_eq!(
        (e001[0]["line"].clone(), e001[0]["column"].clone()),
        (2.into(), 30.into())
    );
    assert!(
        e001[0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("byte 0xFF at offset 49"),
        "{}",
        e001[0]["message"]
    );
    // The valid text after it is still linted.
    assert!(
        findings
            .iter()
            .any(|d| d["code"] == "E005" && d["line"] == 3),
        "{findings:?}"
    );
}

/// A scraped page saved as one line: checked as any other file, and the human output
/// shows a window of the line, not the line.
#[test]
fn a_long_line_is_checked_and_shown_as_a_window() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut line = "All work and no play makes a dull corpus. ".repeat(50_000);
    line.push_str("Then a no-break\u{a0}space. ");
    line.push_str(&"More words after it. ".repeat(50_000));
    let path = write_file(dir.path(), "one_line.txt", &line);
    assert!(line.len() > 3_000_000);

    let (_, report, _) = check_json(&[&path], &["--select", "E005,E014"]);
    let codes = codes_of(&report, "one_line.txt");
    assert_eq!(codes, ["E005", "E014"]);
    let nbsp = &findings_of(&report, "one_line.txt")[0];
    assert_eq!(nbsp["column"], 2_100_016);

    let output = corpuslint()
        .args([
            "check",
            "--isolated",
            "--select",
            "E005,E014",
            "--color",
            "never",
        ])
        .arg(&path)
        .output()
        .expect("run");
    let human = String::from_utf8(output.stdout).expect("utf-8");
    assert!(human.len() < 4_000, "{} bytes of output", human.len());
    assert!(human.contains("one_line.txt:1:2100016]"), "{human}");
    let shown = human
        .lines()
        .find(|l| l.contains("Then a no-break"))
        .expect("the line of the finding");
    assert!(shown.starts_with(" 1 │ …"), "{shown}");
    assert!(shown.ends_with('…'), "{shown}");
    assert!(shown.contains("dull corpus. Then a no-break\u{a0}space. More words after it."));
    assert!(human.contains("E014 missing-final-newline"));
    let longest = human.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    assert!(longest < 500, "a line of {longest} characters");
}

#[test]
fn short_lines_are_shown_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let line = format!("{}no-break\u{a0}space.\n", "Twelve words. ".repeat(25));
    let path = write_file(dir.path(), "short.txt", &line);
    let output = corpuslint()
        .args([
            "check",
            "--isolated",
            "--select",
            "E005",
            "--color",
            "never",
        ])
        .arg(&path)
        .output()
        .expect("run");
    let human = String::from_utf8(output.stdout).expect("utf-8");
    assert!(human.contains(line.trim_end()), "{human}");
    assert!(!human.contains('…'));
}

#[test]
fn many_small_files_are_all_checked() {
    let dir = tempfile::tempdir().expect("tempdir");
    for i in 0..3_000 {
        write_file(
            dir.path(),
            &format!("{i:05}.txt"),
            format!("Note number {i} about the harbour.\n"),
        );
    }
    let (code, report, stderr) = check_json(&[dir.path()], &["--select", "E"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(report["files"], 3_000);
}

#[test]
fn deeply_nested_folders_are_walked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut deep = dir.path().to_path_buf();
    for level in 0..200 {
        deep.push(format!("d{}", level % 10));
    }
    std::fs::create_dir_all(&deep).expect("nested folders");
    write_file(&deep, "bottom.txt", "A line with trailing space \n");
    let (code, report, stderr) = check_json(&[dir.path()], &["--select", "E013"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(report["files"], 1);
    assert_eq!(codes_of(&report, "bottom.txt"), ["E013"]);
}

#[cfg(unix)]
#[test]
fn odd_file_names_are_checked_and_fixed() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let names: [&std::ffi::OsStr; 3] = [
        "with space.txt".as_ref(),
        "new\nline.txt".as_ref(),
        std::ffi::OsStr::from_bytes(b"latin\xe9.txt"),
    ];
    for name in names {
        std::fs::write(dir.path().join(name), "Trailing space \n").expect("write");
    }
    let (code, report, _) = check_json(&[dir.path()], &["--select", "E013"]);
    assert_eq!(code, 1);
    assert_eq!(report["files"], 3);
    for shown in ["with space.txt", "new\nline.txt", "latin\u{fffd}.txt"] {
        assert_eq!(codes_of(&report, shown), ["E013"], "{shown}");
    }
    corpuslint()
        .args(["fix", "--isolated", "--select", "E013", "--in-place"])
        .arg(dir.path())
        .assert()
        .code(0);
    for name in names {
        assert_eq!(
            std::fs::read_to_string(dir.path().join(name)).expect("read"),
            "Trailing space\n"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_loop_is_an_error_naming_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).expect("mkdir");
    write_file(&sub, "ok.txt", ARTICLE);
    std::os::unix::fs::symlink(dir.path(), sub.join("loop")).expect("symlink");
    let (code, report, stderr) = check_json(&[dir.path()], &[]);
    assert_eq!(code, 2);
    assert_eq!(report["files"], 1);
    assert!(
        stderr.contains("loop: symbolic link loop (points back to"),
        "{stderr}"
    );
}

/// A file that goes away between discovery and reading is an error for that file only.
#[test]
fn a_file_deleted_during_the_run_is_an_error_for_it_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_file(dir.path(), "stays.txt", ARTICLE);
    let goes = write_file(dir.path(), "goes.txt", ARTICLE);
    let (files, errors) =
        corpuslint::discover::discover(&[dir.path().to_path_buf()], &["txt".to_string()]);
    assert!(errors.is_empty());
    assert_eq!(files.len(), 2);
    std::fs::remove_file(&goes).expect("delete");
    let (corpus, errors) = corpuslint::load::load(files);
    assert_eq!(corpus.len(), 1);
    assert_eq!(errors.len(), 1);
    assert!(errors[0].path.ends_with("goes.txt"));
    assert_eq!(errors[0].message, "no such file or folder");
}

/// A folder named like a text file cannot be read as one (running as root, permissions
/// do not stop reads: a folder does).
#[test]
fn an_entry_that_cannot_be_read_is_an_error_for_it_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let stays = write_file(dir.path(), "stays.txt", ARTICLE);
    let folder = dir.path().join("folder.txt");
    std::fs::create_dir(&folder).expect("mkdir");
    let (corpus, errors) = corpuslint::load::load(vec![folder, stays]);
    assert_eq!(corpus.len(), 1);
    assert_eq!(errors.len(), 1);
    assert!(errors[0].path.ends_with("folder.txt"));
    assert!(
        errors[0].message.to_lowercase().contains("directory"),
        "{}",
        errors[0].message
    );
}

#[test]
fn a_path_that_does_not_exist_is_an_error_and_the_rest_is_checked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ok = write_file(dir.path(), "ok.txt", ARTICLE);
    let missing = dir.path().join("missing.txt");
    let (code, report, stderr) = check_json(&[&ok, &missing], &[]);
    assert_eq!(code, 2);
    assert_eq!(report["files"], 1);
    assert!(
        stderr.contains("missing.txt: no such file or folder"),
        "{stderr}"
    );
    assert_eq!(report["errors"][0]["message"], "no such file or folder");
}

#[test]
fn a_folder_without_text_files_says_so_and_exits_0() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_file(dir.path(), "image.png", b"\x89PNG\r\n\x1a\n");
    write_file(dir.path(), "data.csv", "a,b\n1,2\n");
    write_file(dir.path(), "README", ARTICLE);
    let looked_for = "warning: no files to check (folders are walked for .txt and .md;";
    corpuslint()
        .args(["check", "--isolated"])
        .arg(dir.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Checked 0 files"))
        .stderr(predicate::str::contains(looked_for));
    corpuslint()
        .args(["fix", "--check", "--isolated"])
        .arg(dir.path())
        .assert()
        .code(0)
        .stderr(predicate::str::contains(looked_for));
    // The empty extension takes the files that have none.
    corpuslint()
        .args([
            "check",
            "--isolated",
            "--select",
            "E",
            "--extension",
            "txt,",
        ])
        .arg(dir.path())
        .assert()
        .stdout(predicate::str::contains("Checked 1 file"));
}

// Configuration errors: each points into the offending file and exits 2.

fn config_error(config_text: &str, extra_files: &[(&str, &str)]) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    write_file(dir.path(), "ok.txt", ARTICLE);
    for (name, text) in extra_files {
        write_file(dir.path(), name, text);
    }
    let config = write_file(dir.path(), "corpuslint.toml", config_text);
    let output = corpuslint()
        .args(["check", "--config"])
        .arg(&config)
        .arg(dir.path())
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty(), "nothing checked");
    String::from_utf8(output.stderr).expect("utf-8")
}

#[test]
fn malformed_toml_is_an_error_pointing_into_the_file() {
    let stderr = config_error("[rules]\nselect = [\"E\"\nignore = []\n", &[]);
    assert!(stderr.contains("corpuslint.toml:"), "{stderr}");
    assert!(stderr.contains("2 │ select = [\"E\""), "{stderr}");
}

#[test]
fn unknown_keys_are_errors_pointing_into_the_file() {
    let stderr = config_error("[chrome]\ntemplate_min_doc = 3\n", &[]);
    assert!(
        stderr.contains("unknown field `template_min_doc`"),
        "{stderr}"
    );
    assert!(stderr.contains("2 │ template_min_doc = 3"), "{stderr}");
    assert!(stderr.contains("corpuslint.toml:2:1]"), "{stderr}");
}

#[test]
fn wrong_types_are_errors_pointing_into_the_file() {
    let stderr = config_error("[duplicate]\nmin_words = \"five\"\n", &[]);
    assert!(stderr.contains("invalid type"), "{stderr}");
    assert!(stderr.contains("2 │ min_words = \"five\""), "{stderr}");
    assert!(stderr.contains("corpuslint.toml:2:13]"), "{stderr}");
}

#[test]
fn a_regex_that_does_not_compile_points_into_the_phrase_file() {
    let phrases = "[[phrase]]\nid = \"mine.broken\"\nkind = \"footer\"\ndescription = \"a broken pattern\"\nregex = ['^(unclosed']\n";
    let stderr = config_error(
        "[chrome]\nphrase_files = [\"phrases.toml\"]\n",
        &[("phrases.toml", phrases)],
    );
    assert!(
        stderr.contains("phrase `mine.broken`: regex does not compile"),
        "{stderr}"
    );
    assert!(stderr.contains("phrases.toml:5:10]"), "{stderr}");
    assert!(stderr.contains("5 │ regex = ['^(unclosed']"), "{stderr}");
}

#[test]
fn a_phrase_file_with_an_unknown_key_points_into_it() {
    let phrases = "[[phrase]]\nid = \"mine.typo\"\nkind = \"footer\"\ndescription = \"d\"\nexcat = [\"Subscribe now\"]\n";
    let stderr = config_error(
        "[chrome]\nphrase_files = [\"phrases.toml\"]\n",
        &[("phrases.toml", phrases)],
    );
    assert!(stderr.contains("unknown field `excat`"), "{stderr}");
    assert!(stderr.contains("phrases.toml:5:1]"), "{stderr}");
}

#[test]
fn a_phrase_file_that_cannot_be_read_points_into_the_configuration() {
    let stderr = config_error("[chrome]\nphrase_files = [\"missing.toml\"]\n", &[]);
    assert!(stderr.contains("cannot read phrase file"), "{stderr}");
    assert!(stderr.contains("missing.toml"), "{stderr}");
    assert!(stderr.contains("corpuslint.toml:2:18]"), "{stderr}");
}

// `fix` under faults: each file is the old one or the new one, never a part.

/// The manifest of the folder of [`fixable_corpus`].
const MANIFEST: &str = "{\"file_name\": \"a.txt\", \"author\": \"Jane Doe\"}\n";

/// A folder of three files that `fix` changes, and the outcome of fixing it.
fn fixable_corpus() -> (tempfile::TempDir, fix::FixOutcome) {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["a.txt", "b.txt", "c.txt"] {
        write_file(
            dir.path(),
            name,
            format!("{ARTICLE}Trailing space in {name} \n"),
        );
    }
    write_file(dir.path(), "metadata.jsonl", MANIFEST);
    let settings = Settings {
        paths: vec![dir.path().to_path_buf()],
        select: vec!["E013".to_string()],
        ..Settings::default()
    };
    let outcome = fix::fix(&settings, FixOptions::default()).expect("fix");
    assert_eq!(outcome.documents.iter().filter(|d| d.changed).count(), 3);
    (dir, outcome)
}

fn contents(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).expect("read")
}

/// The disk fills up while the second file is written: the first is new, the others old,
/// no temporary file stays, and the error names the file.
#[test]
fn disk_full_during_in_place_leaves_every_file_whole() {
    let (dir, outcome) = fixable_corpus();
    let mut calls = 0;
    let mut failing = |path: &Path, bytes: &[u8]| {
        calls += 1;
        if calls < 2 {
            return corpuslint::atomic::write_atomic(path, bytes);
        }
        corpuslint::atomic::write_atomic_with(path, |file| {
            file.write_all(&bytes[..bytes.len() / 2])?;
            Err(std::io::Error::new(
                std::io::ErrorKind::StorageFull,
                "No space left on device",
            ))
        })
    };
    let roots = [dir.path().to_path_buf()];
    let err = write::write_in_place_with(&outcome, &roots, &mut failing).expect_err("disk full");
    assert_eq!(err.kind(), std::io::ErrorKind::StorageFull);
    assert!(
        err.to_string().contains("b.txt: No space left on device"),
        "{err}"
    );
    assert!(contents(dir.path(), "a.txt").ends_with("Trailing space in a.txt\n"));
    for name in ["b.txt", "c.txt"] {
        assert!(contents(dir.path(), name).ends_with(&format!("in {name} \n")));
    }
    let names = ["a.txt", "b.txt", "c.txt", "metadata.jsonl"];
    assert!(leftovers(dir.path(), &names).is_empty());
}

/// A folder that cannot be written to (simulated: as root, permissions do not stop
/// writes): nothing changes and the error says why.
#[test]
fn a_read_only_folder_changes_nothing() {
    let (dir, outcome) = fixable_corpus();
    let mut denied = |path: &Path, _: &[u8]| -> std::io::Result<()> {
        Err(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            format!("{}: Permission denied", path.display()),
        ))
    };
    let roots = [dir.path().to_path_buf()];
    let err = write::write_in_place_with(&outcome, &roots, &mut denied).expect_err("denied");
    assert_eq!(err.kind(), std::io::ErrorKind::PermissionDenied);
    for name in ["a.txt", "b.txt", "c.txt"] {
        assert!(contents(dir.path(), name).ends_with(&format!("in {name} \n")));
    }
}

/// A run killed while writing leaves the file as it was: the new contents go to a
/// temporary file first, and only a complete one is renamed over the original.
#[test]
fn a_write_cut_short_leaves_the_original_and_no_temporary_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write_file(dir.path(), "doc.txt", "The original text.\n");
    let result = corpuslint::atomic::write_atomic_with(&path, |file| {
        file.write_all(b"The new te")?;
        Err(std::io::Error::new(
            std::io::ErrorKind::Interrupted,
            "killed",
        ))
    });
    assert!(result.is_err());
    assert_eq!(contents(dir.path(), "doc.txt"), "The original text.\n");
    assert!(leftovers(dir.path(), &["doc.txt"]).is_empty());
}

/// `metadata.jsonl` is rewritten the same way: a failure leaves the old manifest.
#[test]
fn a_failed_manifest_write_leaves_the_old_manifest() {
    let (dir, outcome) = fixable_corpus();
    let manifest = dir.path().join("metadata.jsonl");
    let mut manifest_fails = |path: &Path, bytes: &[u8]| {
        if path.ends_with("metadata.jsonl") {
            corpuslint::atomic::write_atomic_with(path, |file| {
                file.write_all(&bytes[..bytes.len() / 2])?;
                Err(std::io::Error::other("killed"))
            })
        } else {
            corpuslint::atomic::write_atomic(path, bytes)
        }
    };
    let roots = [dir.path().to_path_buf()];
    assert!(write::write_in_place_with(&outcome, &roots, &mut manifest_fails).is_err());
    assert_eq!(std::fs::read_to_string(&manifest).expect("read"), MANIFEST);
    let names = ["a.txt", "b.txt", "c.txt", "metadata.jsonl"];
    assert!(leftovers(dir.path(), &names).is_empty());
}

/// A second `fix` on a folder that a run holds is refused, naming the lock file and its
/// holder; once the lock is released, `fix` runs and removes its own lock file.
#[test]
fn a_second_fix_on_a_locked_folder_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_file(dir.path(), "a.txt", "Trailing space \n");
    let lock_file = dir.path().join(write::LOCK_NAME);
    {
        let _held = write::lock_folders(&[dir.path().to_path_buf()]).expect("lock");
        corpuslint()
            .args(["fix", "--isolated", "--select", "E013", "--in-place"])
            .arg(dir.path())
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!(
                "{} is held by another corpuslint run (pid {})",
                lock_file.display(),
                std::process::id()
            )));
        assert_eq!(contents(dir.path(), "a.txt"), "Trailing space \n");

        let out = dir.path().join("out");
        std::fs::create_dir(&out).expect("mkdir");
        let _out_held = write::lock_folders(std::slice::from_ref(&out)).expect("lock");
        corpuslint()
            .args(["fix", "--isolated", "a.txt", "--out", "out"])
            .current_dir(dir.path())
            .assert()
            .code(2)
            .stderr(predicate::str::contains("out/.corpuslint.lock is held"));
    }
    assert!(!lock_file.exists(), "released with the lock");
    corpuslint()
        .args(["fix", "--isolated", "--select", "E013", "--in-place"])
        .arg(dir.path().join("a.txt"))
        .assert()
        .code(0);
    assert_eq!(contents(dir.path(), "a.txt"), "Trailing space\n");
    assert!(!lock_file.exists(), "the run removes its lock file");
}

/// Two `fix --out` runs started together on the same folder: each either writes
/// everything or is refused, and the folder ends up complete and consistent.
#[test]
fn two_fix_runs_at_once_do_not_corrupt_the_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("mkdir");
    // No line in common: lines shared by many files would be site template.
    for i in 0..200 {
        write_file(
            &corpus,
            &format!("{i:03}.txt"),
            format!("Paragraph {i} with\u{a0}a no-break space. \n"),
        );
    }
    let out = dir.path().join("out");
    let spawn = || {
        std::process::Command::new(assert_cmd::cargo::cargo_bin("corpuslint"))
            .args(["fix", "--isolated"])
            .arg(&corpus)
            .arg("--out")
            .arg(&out)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn")
    };
    let runs = [spawn(), spawn()];
    let mut succeeded = 0;
    for run in runs {
        let output = run.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&output.stderr);
        match output.status.code() {
            Some(0) => succeeded += 1,
            Some(2) => assert!(stderr.contains(".corpuslint.lock is held"), "{stderr}"),
            other => panic!("exit {other:?}: {stderr}"),
        }
    }
    assert!(succeeded >= 1);
    let manifest = std::fs::read_to_string(out.join("metadata.jsonl")).expect("manifest");
    assert_eq!(manifest.lines().count(), 200);
    for i in 0..200 {
        assert_eq!(
            contents(&out, &format!("{i:03}.txt")),
            format!("Paragraph {i} with a no-break space.\n")
        );
    }
    assert!(!out.join(write::LOCK_NAME).exists());
}
