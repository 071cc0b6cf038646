//! `fix` on JSON Lines shards: each record's text is cleaned as the same text in a file
//! would be, the record keeps its other fields and gains its provenance, every other line
//! of the shard stays as it was, and the shard is written back as it was stored (plain,
//! gzip or zstd).

use std::io::{Read, Write};
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

/// A scraped text with a no-break space, blank lines in a row and a share button.
const DIRTY: &str =
    "The council met on Tuesday\u{a0}evening to vote on the budget for the harbour.\n\n\n\nShare\n";
const CLEAN: &str = "Minutes of the meeting are published a week later.\n";

fn corpuslint(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("corpuslint")
        .expect("the binary")
        .arg("fix")
        .arg("--isolated")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run")
}

/// A shard of two records, a line that is no record and a blank line.
fn shard() -> Vec<u8> {
    let first =
        serde_json::json!({"id": "a", "text": DIRTY, "url": "https://example.org/a", "lang": "en"});
    let second = serde_json::json!({"text": CLEAN, "id": "b", "score": 0.5});
    format!("{first}\n{{not a record\n\n{second}\n").into_bytes()
}

/// What `fix --out` makes of `text` in a file of its own.
fn fixed_as_a_file(text: &str) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("in")).expect("mkdir");
    std::fs::write(dir.path().join("in/a.txt"), text).expect("write");
    let output = corpuslint(dir.path(), &["--out", "out", "in"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    std::fs::read_to_string(dir.path().join("out/a.txt")).expect("read")
}

fn records(bytes: &[u8]) -> Vec<String> {
    String::from_utf8(bytes.to_vec())
        .expect("UTF-8")
        .split('\n')
        .map(str::to_string)
        .collect()
}

#[test]
fn records_are_cleaned_as_files_are_and_other_lines_stay() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("in")).expect("mkdir");
    std::fs::write(dir.path().join("in/part-0.jsonl"), shard()).expect("write");
    let output = corpuslint(dir.path(), &["--out", "out", "in"]);
    // The line that is no record is an error, as in `check`; the rest is written.
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("part-0.jsonl: line 2"), "{stderr}");

    let written = std::fs::read(dir.path().join("out/part-0.jsonl")).expect("the cleaned shard");
    let (before, after) = (records(&shard()), records(&written));
    assert_eq!(after.len(), before.len());
    assert_eq!(
        after[1..3],
        before[1..3],
        "the line that is no record and the blank line"
    );

    let first: Value = serde_json::from_str(&after[0]).expect("a record");
    let fields: Vec<&str> = first
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(fields, ["id", "text", "url", "lang", "corpuslint"]);
    assert_eq!(first["text"], fixed_as_a_file(DIRTY));
    assert_ne!(first["text"], DIRTY);
    let provenance = &first["corpuslint"];
    assert_eq!(provenance["source"], "https://example.org/a");
    assert_eq!(provenance["source_origin"], "record");
    assert_eq!(provenance["original_path"], "in/part-0.jsonl#a");
    assert_eq!(provenance["changes"]["chrome"], 1);
    let text = first["text"].as_str().expect("a text");
    assert_eq!(
        provenance["sha256"],
        corpuslint::provenance::sha256_hex(text.as_bytes())
    );
    assert_eq!(
        provenance["original_sha256"],
        corpuslint::provenance::sha256_hex(DIRTY.as_bytes())
    );

    let second: Value = serde_json::from_str(&after[3]).expect("a record");
    assert_eq!(second["text"], CLEAN);
    assert_eq!(second["score"], 0.5);
    assert!(
        second["corpuslint"]["changes"]
            .as_object()
            .expect("changes")
            .is_empty()
    );
    // Shards carry their own provenance: no manifest beside them.
    assert!(!dir.path().join("out/metadata.jsonl").exists());
}

#[test]
fn gzip_and_zstd_shards_are_written_back_compressed_alike() {
    let plain_dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(plain_dir.path().join("s.jsonl"), shard()).expect("write");
    corpuslint(plain_dir.path(), &["--out", "out", "s.jsonl"]);
    let expected = std::fs::read(plain_dir.path().join("out/s.jsonl")).expect("read");

    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gzip.write_all(&shard()).expect("compress");
    let gzip = gzip.finish().expect("compress");
    let zstd = ruzstd::encoding::compress_to_vec(
        shard().as_slice(),
        ruzstd::encoding::CompressionLevel::Fastest,
    );
    for (name, bytes) in [("s.jsonl.gz", gzip), ("s.jsonl.zst", zstd)] {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join(name), bytes).expect("write");
        corpuslint(dir.path(), &["--out", "out", name]);
        let written = std::fs::read(dir.path().join("out").join(name)).expect("read");
        let mut plain = Vec::new();
        if name.ends_with(".gz") {
            assert!(written.starts_with(&[0x1f, 0x8b]), "{name}");
            flate2::read::GzDecoder::new(written.as_slice())
                .read_to_end(&mut plain)
                .expect("gzip");
        } else {
            assert!(written.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]), "{name}");
            ruzstd::decoding::StreamingDecoder::new(written.as_slice())
                .expect("zstd")
                .read_to_end(&mut plain)
                .expect("zstd");
        }
        // The provenance names the shard it was read from; the rest is the same.
        let plain = String::from_utf8(plain)
            .expect("UTF-8")
            .replace(name, "s.jsonl");
        assert_eq!(plain.as_bytes(), expected, "{name}");
    }
}

#[test]
fn in_place_rewrites_shards_whose_records_change_and_diff_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clean = format!("{}\n", serde_json::json!({"id": "c", "text": CLEAN}));
    std::fs::write(dir.path().join("dirty.jsonl"), shard()).expect("write");
    std::fs::write(dir.path().join("clean.jsonl"), &clean).expect("write");

    let output = corpuslint(dir.path(), &["--diff", "dirty.jsonl", "clean.jsonl"]);
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("-Share"),
        "{output:?}"
    );
    assert_eq!(
        std::fs::read(dir.path().join("dirty.jsonl")).expect("read"),
        shard()
    );

    corpuslint(dir.path(), &["--in-place", "dirty.jsonl", "clean.jsonl"]);
    let dirty = records(&std::fs::read(dir.path().join("dirty.jsonl")).expect("read"));
    let first: Value = serde_json::from_str(&dirty[0]).expect("a record");
    assert_eq!(first["text"], fixed_as_a_file(DIRTY));
    assert_eq!(dirty[1], "{not a record");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("clean.jsonl")).expect("read"),
        clean
    );
}

#[test]
fn a_copied_record_stays_in_its_shard_marked_as_a_copy() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "The harbour board met on Tuesday and agreed to repair the old sea wall before the winter storms.\n\nIt will cost the town more than it had set aside for the whole year.\n";
    let records_in: String = ["one", "two"]
        .iter()
        .map(|id| format!("{}\n", serde_json::json!({"id": id, "text": text})))
        .collect();
    std::fs::write(dir.path().join("s.jsonl"), &records_in).expect("write");
    let output = corpuslint(dir.path(), &["--unsafe-fixes", "--out", "out", "s.jsonl"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("s.jsonl#two: duplicate of s.jsonl#one: kept, marked as a copy"),
        "{stdout}"
    );
    let out = records(&std::fs::read(dir.path().join("out/s.jsonl")).expect("read"));
    let two: Value = serde_json::from_str(&out[1]).expect("a record");
    assert_eq!(two["text"], text);
    assert_eq!(two["corpuslint"]["duplicate_of"], "s.jsonl#one");
}

#[test]
fn standard_input_cannot_be_written_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let output = Command::cargo_bin("corpuslint")
        .expect("the binary")
        .args([
            "fix",
            "--isolated",
            "--input-format",
            "jsonl",
            "--out",
            "out",
            "-",
        ])
        .current_dir(dir.path())
        .write_stdin(String::from_utf8(shard()).expect("UTF-8"))
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("standard input cannot be written back"),
        "{stderr}"
    );
}
