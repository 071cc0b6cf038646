//! JSON Lines shards: a corpus written as one shard, one record per document, gives the
//! findings it gives as a folder of `.txt` files, the file `DIR/NAME.txt` being named
//! `SHARD#NAME`; gzip and zstd shards give the same; a line that is not a record is an
//! error naming the shard and the line, and the other records are still checked.

use std::io::Write;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use corpuslint::output;
use corpuslint::rules::registry::RULES;
use corpuslint::settings::Settings;
use corpuslint::settings::input::InputFormat;

/// Every rule, opt-in ones too.
fn every_rule() -> Vec<String> {
    RULES.iter().map(|rule| rule.code.to_string()).collect()
}

/// The findings of a run over `paths`, as the JSON format gives them.
fn findings(paths: Vec<PathBuf>, format: InputFormat) -> serde_json::Value {
    let settings = Settings {
        paths,
        select: every_rule(),
        input_format: format,
        ..Settings::default()
    };
    let outcome = corpuslint::check(&settings).expect("valid settings");
    let mut out = Vec::new();
    output::json::render(&outcome, &mut out).expect("render");
    serde_json::from_slice(&out).expect("JSON")
}

/// The `.txt` files of a case (a file, or a folder of files), sorted; `None` when the
/// case holds anything a record cannot: another kind of file, or bytes that are not UTF-8
/// text.
fn texts_of(case: &Path) -> Option<Vec<(PathBuf, String)>> {
    let files = if case.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(case)
            .expect("a readable case")
            .map(|entry| entry.expect("an entry").path())
            .collect();
        files.sort();
        files
    } else {
        vec![case.to_path_buf()]
    };
    files
        .into_iter()
        .map(|file| {
            let is_txt = file.extension().is_some_and(|ext| ext == "txt");
            let text = String::from_utf8(std::fs::read(&file).ok()?).ok()?;
            // A NUL makes a file binary, but a record's text is always text.
            (is_txt && !text.contains('\0')).then_some((file, text))
        })
        .collect()
}

/// The shard of `texts`, one record per file, with the file's stem as its id.
fn shard_of(texts: &[(PathBuf, String)]) -> Vec<u8> {
    let mut shard = Vec::new();
    for (file, text) in texts {
        let id = file.file_stem().expect("a name").to_string_lossy();
        let record = serde_json::json!({"id": id, "text": text});
        writeln!(shard, "{record}").expect("write");
    }
    shard
}

/// The findings of the folder run with each file renamed as its record is named; the
/// help of the missing-field rules, which names a sidecar for a file and not for a
/// record, is left out of both.
fn renamed(folder: serde_json::Value, texts: &[(PathBuf, String)], shard: &Path) -> String {
    let mut text = pretty(folder);
    // Longest first: no name is then replaced inside a longer one.
    let mut files: Vec<&PathBuf> = texts.iter().map(|(file, _)| file).collect();
    files.sort_by_key(|file| std::cmp::Reverse(file.as_os_str().len()));
    for file in files {
        let id = file.file_stem().expect("a name").to_string_lossy();
        let record = format!("{}#{id}", shard.display());
        text = text.replace(&file.display().to_string(), &record);
    }
    text
}

fn strip_sidecar_help(findings: &mut serde_json::Value) {
    let missing_field = ["M001", "M002", "M003", "M004"];
    if let Some(list) = findings["diagnostics"].as_array_mut() {
        for finding in list {
            if missing_field.contains(&finding["code"].as_str().unwrap_or_default()) {
                finding["help"] = serde_json::Value::Null;
            }
        }
    }
}

fn pretty(mut findings: serde_json::Value) -> String {
    strip_sidecar_help(&mut findings);
    serde_json::to_string_pretty(&findings).expect("JSON")
}

/// The cases of the rule fixtures, and this file's own corpus.
fn cases() -> Vec<PathBuf> {
    let mut cases = vec![PathBuf::from("tests/jsonl/corpus")];
    let root = Path::new("tests/fixtures");
    let mut families: Vec<PathBuf> = std::fs::read_dir(root)
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .collect();
    families.sort();
    for family in families {
        let mut rules: Vec<PathBuf> = std::fs::read_dir(&family)
            .expect("a family")
            .map(|e| e.expect("entry").path())
            .collect();
        rules.sort();
        for rule in rules {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(&rule)
                .expect("a rule folder")
                .map(|e| e.expect("entry").path())
                .filter(|path| path.file_name().is_some_and(|n| n != "expect.toml"))
                .collect();
            entries.sort();
            cases.extend(entries);
        }
    }
    cases
}

#[test]
fn a_shard_gives_the_findings_of_the_folder_it_was_built_from() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut compared = 0;
    let mut codes = std::collections::BTreeSet::new();
    let mut failures = Vec::new();
    for (index, case) in cases().into_iter().enumerate() {
        let Some(texts) = texts_of(&case) else {
            continue;
        };
        let folder = findings(vec![case.clone()], InputFormat::Auto);
        let shard = dir.path().join(format!("case-{index}.jsonl"));
        std::fs::write(&shard, shard_of(&texts)).expect("write");
        let records = findings(vec![shard.clone()], InputFormat::Auto);
        for finding in folder["diagnostics"].as_array().expect("a list") {
            codes.insert(finding["code"].as_str().expect("a code").to_string());
        }
        let expected = renamed(folder, &texts, &shard);
        let actual = pretty(records);
        if expected != actual {
            failures.push(format!(
                "{}:\n{}",
                case.display(),
                similar::TextDiff::from_lines(&expected, &actual)
                    .unified_diff()
                    .header("folder", "shard")
            ));
        }
        compared += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The comparison means something only if the cases find a good deal.
    assert!(compared >= 100, "only {compared} cases compared");
    // Only the rules of files as such stay silent: bytes a record's text cannot hold,
    // provenance files, and the chrome-context rule, whose cases all end as C001.
    let silent = ["E001", "E015", "C004", "M008", "M009", "M010", "M011"];
    let missing: Vec<&str> = RULES
        .iter()
        .map(|rule| rule.code)
        .filter(|code| !codes.contains(*code) && !silent.contains(code))
        .collect();
    assert!(missing.is_empty(), "no case finds {missing:?}");
}

fn own_corpus() -> Vec<(PathBuf, String)> {
    texts_of(Path::new("tests/jsonl/corpus")).expect("text files")
}

#[test]
fn the_records_of_a_shard_are_one_folder_for_site_templates() {
    let dir = tempfile::tempdir().expect("tempdir");
    let texts = own_corpus();
    let shard = dir.path().join("news.jsonl");
    std::fs::write(&shard, shard_of(&texts)).expect("write");
    let found = findings(vec![shard.clone()], InputFormat::Auto);
    let codes: Vec<(&str, &str)> = found["diagnostics"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().expect("code"),
                d["path"].as_str().expect("path"),
            )
        })
        .collect();
    let name = |id: &str| format!("{}#{id}", shard.display());
    for (code, id) in [
        ("C003", "02-market"),
        ("D002", "02-market"),
        ("E009", "02-market"),
        ("E003", "03-school"),
        ("E014", "04-weather"),
    ] {
        assert!(
            codes.contains(&(code, name(id).as_str())),
            "{code} in {id}: {codes:?}"
        );
    }
    // A record has no sidecar to suggest.
    let missing_source = found["diagnostics"]
        .as_array()
        .expect("a list")
        .iter()
        .find(|d| d["code"] == "M003")
        .expect("a record without a source");
    assert_eq!(
        missing_source["help"],
        "add `source` to front matter at the top of the record's text"
    );
}

/// The findings of `shard` with its name replaced by `name`.
fn findings_named(shard: &Path, name: &str) -> String {
    pretty(findings(vec![shard.to_path_buf()], InputFormat::Auto))
        .replace(&shard.display().to_string(), name)
}

#[test]
fn gzip_and_zstd_shards_give_the_findings_of_the_plain_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plain = shard_of(&own_corpus());
    let path = dir.path().join("news.jsonl");
    std::fs::write(&path, &plain).expect("write");
    let expected = findings_named(&path, "SHARD");
    assert!(expected.contains("SHARD#01-harbour"), "{expected}");

    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gzip.write_all(&plain).expect("compress");
    let gzip = gzip.finish().expect("compress");
    // Two gzip members, as a concatenation of shards gives them, are one shard.
    let (head, tail) = plain.split_at(plain.iter().position(|&b| b == b'\n').expect("a line") + 1);
    let mut members = Vec::new();
    for part in [head, tail] {
        let mut member = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        member.write_all(part).expect("compress");
        members.extend(member.finish().expect("compress"));
    }
    let zstd = ruzstd::encoding::compress_to_vec(
        plain.as_slice(),
        ruzstd::encoding::CompressionLevel::Fastest,
    );
    for (name, bytes) in [
        ("news.jsonl.gz", gzip),
        ("members.jsonl.gz", members),
        ("news.jsonl.zst", zstd),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        assert_eq!(findings_named(&path, "SHARD"), expected, "{name}");
    }
}

fn corpuslint() -> Command {
    let mut command = Command::cargo_bin("corpuslint").expect("the binary");
    command
        .arg("check")
        .arg("--isolated")
        .arg("--format")
        .arg("short");
    command
}

const RECORD: &str = r"The first line has a no\u00a0break space.\n";

#[test]
fn a_line_that_is_not_a_record_is_an_error_and_the_others_are_checked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lines = [
        format!(r#"{{"id": "first", "text": "{RECORD}"}}"#),
        "not json".to_string(),
        String::new(),
        "[1, 2]".to_string(),
        r#"{"id": "no-text", "body": "words"}"#.to_string(),
        r#"{"id": "number", "text": 5}"#.to_string(),
        // No id: the record is named by its line.
        format!(r#"{{"text": "{RECORD}", "url": "https://example.org/a"}}"#),
        format!(r#"{{"id": 42, "text": "{RECORD}"}}"#),
    ];
    std::fs::write(dir.path().join("part-0.jsonl"), lines.join("\n") + "\n").expect("write");
    let output = corpuslint()
        .args(["--select", "unusual-space", "part-0.jsonl"])
        .current_dir(dir.path())
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    for id in ["first", "7", "42"] {
        let finding = format!("part-0.jsonl#{id}:1:24: E005 ");
        assert!(stdout.contains(&finding), "{finding} in {stdout}");
    }
    for error in [
        "part-0.jsonl: line 2: not valid JSON",
        "part-0.jsonl: line 4: not a JSON object",
        "part-0.jsonl: line 5: no field `text`",
        "part-0.jsonl: line 6: field `text` is a number, not a string",
    ] {
        assert!(stderr.contains(error), "{error} in {stderr}");
    }
    assert_eq!(stderr.matches(": line ").count(), 4, "{stderr}");
}

#[test]
fn field_names_come_from_the_configuration() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = "[jsonl]\ntext_field = \"content\"\nid_field = \"doc_id\"\n";
    std::fs::write(dir.path().join("corpuslint.toml"), config).expect("write");
    let record = format!(r#"{{"doc_id": "a-1", "content": "{RECORD}", "text": 1}}"#);
    std::fs::write(dir.path().join("part-0.jsonl"), record + "\n").expect("write");
    let output = Command::cargo_bin("corpuslint")
        .expect("the binary")
        .args([
            "check",
            "--format",
            "short",
            "--select",
            "E005",
            "part-0.jsonl",
        ])
        .current_dir(dir.path())
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(stdout.contains("part-0.jsonl#a-1:1:24: E005 "), "{stdout}");
}

#[test]
fn folders_are_walked_for_shards_and_standard_input_is_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("mkdir");
    let record = format!(r#"{{"id": "a", "text": "{RECORD}"}}"#) + "\n";
    std::fs::write(corpus.join("part-0.jsonl"), &record).expect("write");
    // A manifest is JSON Lines too, but never a shard; nor is a sidecar looked for
    // beside a record.
    std::fs::write(
        corpus.join("metadata.jsonl"),
        "{\"file_name\": \"x.txt\"}\n",
    )
    .expect("write");
    std::fs::write(
        corpus.join("part-0.meta.toml"),
        "title = \"Not a record's\"\n",
    )
    .expect("write");
    std::fs::write(corpus.join("b.txt"), "Plain\u{a0}text.\n").expect("write");
    let output = corpuslint()
        .args(["--select", "E005", "corpus"])
        .current_dir(dir.path())
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(
        stdout.contains("corpus/part-0.jsonl#a:1:24: E005 "),
        "{stdout}"
    );
    assert!(stdout.contains("corpus/b.txt:1:6: E005 "), "{stdout}");
    assert!(stdout.contains("Checked 2 files"), "{stdout}");

    let output = corpuslint()
        .args(["--select", "E005", "--input-format", "jsonl", "-"])
        .current_dir(dir.path())
        .write_stdin(record.clone())
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(stdout.contains("-#a:1:24: E005 "), "{stdout}");

    // `--input-format text` reads a shard as the text file it is.
    let output = corpuslint()
        .args(["--select", "E005", "--input-format", "text"])
        .arg(corpus.join("part-0.jsonl"))
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(0), "{output:?}");

    let output = Command::cargo_bin("corpuslint")
        .expect("the binary")
        .args(["meta", "--isolated", "--format", "json", "corpus"])
        .current_dir(dir.path())
        .output()
        .expect("run");
    let meta: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let text = meta.to_string();
    assert!(text.contains("\"corpus/part-0.jsonl#a\""), "{text}");
    assert!(!text.contains("Not a record's"), "{text}");
}

#[test]
fn in_sarif_a_record_is_the_fragment_of_its_shard() {
    let dir = tempfile::tempdir().expect("tempdir");
    let record = format!(r#"{{"id": "doc 1", "text": "{RECORD}"}}"#) + "\n";
    std::fs::write(dir.path().join("part-0.jsonl"), record).expect("write");
    let output = Command::cargo_bin("corpuslint")
        .expect("the binary")
        .args([
            "check",
            "--isolated",
            "--format",
            "sarif",
            "--select",
            "E005",
        ])
        .arg("part-0.jsonl")
        .current_dir(dir.path())
        .output()
        .expect("run");
    let sarif: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let location = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "part-0.jsonl#doc%201");
    assert_eq!(location["region"]["startLine"], 1);
    assert_eq!(location["region"]["startColumn"], 24);
}

/// The missing-provenance findings of a shard of one record, and the record's resolved
/// provenance, with `config` as the configuration.
fn provenance_of(record: serde_json::Value, config: &str) -> (String, serde_json::Value) {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("corpuslint.toml"), config).expect("write");
    std::fs::write(dir.path().join("part-0.jsonl"), format!("{record}\n")).expect("write");
    let run = |args: &[&str]| {
        Command::cargo_bin("corpuslint")
            .expect("the binary")
            .args(args)
            .current_dir(dir.path())
            .output()
            .expect("run")
    };
    let check = run(&[
        "check",
        "--format",
        "short",
        "--select",
        "M001,M002,M003,M004",
        "part-0.jsonl",
    ]);
    let meta = run(&["meta", "--format", "json", "part-0.jsonl"]);
    let meta = serde_json::from_slice(&meta.stdout).expect("JSON");
    (String::from_utf8_lossy(&check.stdout).into_owned(), meta)
}

#[test]
fn the_metadata_fields_of_a_record_are_its_provenance() {
    let text = "The council met on a Tuesday to talk about the harbour wall and the new ferry timetable.\n";
    let bare = serde_json::json!({"id": "a", "text": text});
    let (findings, _) = provenance_of(bare, "");
    for code in ["M001", "M002", "M003"] {
        assert!(findings.contains(code), "{code} missing: {findings}");
    }
    let full = serde_json::json!({
        "id": "a", "text": text, "title": "Harbour wall", "author": "Ann Lee",
        "date": "2024-03-05", "url": "https://news.example/harbour-wall",
    });
    let (findings, meta) = provenance_of(full, "");
    for code in ["M001", "M002", "M003", "M004"] {
        assert!(!findings.contains(code), "{code} reported: {findings}");
    }
    let meta = meta.to_string();
    for value in [
        "Ann Lee",
        "2024-03-05",
        "https://news.example/harbour-wall",
        "\"record\"",
    ] {
        assert!(meta.contains(value), "{value} not in {meta}");
    }
    // Other names come from `[jsonl]`.
    let renamed = serde_json::json!({"id": "a", "text": text, "writer": "Ann Lee"});
    let (findings, _) = provenance_of(renamed.clone(), "");
    assert!(findings.contains("M001"), "{findings}");
    let (findings, meta) = provenance_of(renamed, "[jsonl]\nauthor_field = \"writer\"\n");
    assert!(!findings.contains("M001"), "{findings}");
    assert!(meta.to_string().contains("Ann Lee"), "{meta}");
}
