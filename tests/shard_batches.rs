//! `meta` and `fix` of JSON Lines shards a batch of records at a time: the provenance,
//! the cleaned shards and what is told of each record are those of a run over the whole
//! corpus, whatever the size of the batches, for plain, gzip and zstd shards, site
//! template shared across batches and lines that are not records.

use std::io::Write;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use corpuslint::fix::{self, FixOptions, write};
use corpuslint::output;
use corpuslint::settings::Settings;
use corpuslint::stream;

#[path = "common/fixture_texts.rs"]
mod fixture_texts;
use fixture_texts::fixture_texts;

/// A shard of `texts` under a site's template (a name over each page, a footer under
/// it), with a BOM, a CRLF line, a blank line and two lines that are not records.
fn shard_of(texts: &[String]) -> Vec<u8> {
    let mut shard = b"\xef\xbb\xbf".to_vec();
    for (i, text) in texts.iter().enumerate() {
        let text = format!("The Kestrel Times\n\n{text}\n\nAbout | Contact | Privacy policy\n");
        let record = serde_json::json!({"id": format!("doc-{i}"), "text": text, "url": format!("https://example.org/{i}")});
        match i {
            2 => write!(shard, "{record}\r\n").expect("write"),
            _ => writeln!(shard, "{record}").expect("write"),
        }
        match i {
            3 => writeln!(shard).expect("write"),
            5 => writeln!(shard, "not json").expect("write"),
            8 => writeln!(shard, r#"{{"id": "none", "body": "words"}}"#).expect("write"),
            _ => {}
        }
    }
    shard
}

/// `plain` as two gzip members and as two zstd frames.
fn compressed(plain: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let half = plain.len() / 2;
    let cut = half
        + plain[half..]
            .iter()
            .position(|&b| b == b'\n')
            .expect("a line")
        + 1;
    let (mut gzip, mut zstd) = (Vec::new(), Vec::new());
    for part in [&plain[..cut], &plain[cut..]] {
        let mut member = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        member.write_all(part).expect("compress");
        gzip.extend(member.finish().expect("compress"));
        zstd.extend(ruzstd::encoding::compress_to_vec(
            part,
            ruzstd::encoding::CompressionLevel::Fastest,
        ));
    }
    (gzip, zstd)
}

/// A folder with the shard plain, gzip and zstd (each shard its own site), and
/// the paths of the shards.
fn corpus(dir: &Path) -> PathBuf {
    let texts = fixture_texts();
    assert!(texts.len() > 100, "{} fixture texts", texts.len());
    let plain = shard_of(&texts);
    let (gzip, zstd) = compressed(&plain);
    let root = dir.join("shards");
    std::fs::create_dir_all(&root).expect("mkdir");
    for (name, bytes) in [
        ("a.jsonl", plain),
        ("b.jsonl.gz", gzip),
        ("c.jsonl.zst", zstd),
    ] {
        std::fs::write(root.join(name), bytes).expect("write");
    }
    root
}

fn settings(root: &Path, select: &str) -> Settings {
    Settings {
        paths: vec![root.to_path_buf()],
        select: select.split(',').map(str::to_string).collect(),
        ..Settings::default()
    }
}

const BATCHES: [(usize, usize); 3] = [(1, usize::MAX), (7, usize::MAX), (usize::MAX, 4096)];

#[test]
fn meta_in_batches_writes_the_report_of_the_whole_corpus() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = corpus(dir.path());
    let settings = settings(&root, "ALL");
    let whole = corpuslint::meta(&settings).expect("valid settings");
    assert_eq!(whole.errors.len(), 6, "{:?}", whole.errors);
    let (mut json, mut table) = (Vec::new(), Vec::new());
    output::meta::render_json(&whole, &mut json).expect("render");
    output::meta::render_table(&whole, &mut table).expect("render");
    let expected_errors: Vec<String> = whole.errors.iter().map(|e| e.to_string()).collect();

    let resolved = settings.resolve().expect("valid");
    let (shards, walk_errors) = stream::meta::plan(&resolved)
        .expect("walkable")
        .expect("shards go in batches");
    assert!(walk_errors.is_empty());
    for batch in BATCHES {
        let mut errors = Vec::new();
        let mut found_json = Vec::new();
        output::meta::render_json_batches(
            &mut |sink| {
                errors = stream::meta::meta_in_batches(&resolved, &shards, batch, sink)?;
                Ok(())
            },
            &mut found_json,
        )
        .expect("render");
        assert!(found_json == json, "json in batches of {batch:?}");
        let errors: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(errors, expected_errors, "in batches of {batch:?}");
        let mut found_table = Vec::new();
        stream::meta::meta_in_batches(&resolved, &shards, batch, &mut |outcome| {
            output::meta::render_table(outcome, &mut found_table)
        })
        .expect("render");
        assert!(found_table == table, "table in batches of {batch:?}");
    }
}

/// What a fix tells of each record, in order.
fn summaries(outcome: &fix::FixOutcome) -> Vec<String> {
    outcome
        .documents
        .iter()
        .map(|fixed| {
            format!(
                "{}: {}",
                outcome.corpus.get(fixed.id).display(),
                fixed.summary()
            )
        })
        .collect()
}

/// Every file under `dir`, by path relative to it, with its bytes.
fn files_under(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = ignore::WalkBuilder::new(dir)
        .standard_filters(false)
        .build()
        .map(|entry| entry.expect("a readable entry").into_path())
        .filter(|path| path.is_file())
        .map(|path| {
            let bytes = std::fs::read(&path).expect("readable");
            (path.strip_prefix(dir).expect("under").to_path_buf(), bytes)
        })
        .collect();
    files.sort();
    files
}

/// The same files, byte for byte, as `expected` (a difference is named, not printed).
fn assert_same_files(
    found: &[(PathBuf, Vec<u8>)],
    expected: &[(PathBuf, Vec<u8>)],
    batch: (usize, usize),
) {
    assert_eq!(found.len(), expected.len(), "in batches of {batch:?}");
    for ((path, bytes), (expected_path, expected_bytes)) in found.iter().zip(expected) {
        assert_eq!(path, expected_path);
        assert!(
            bytes == expected_bytes,
            "{} in batches of {batch:?}",
            path.display()
        );
    }
}

#[test]
fn fix_in_batches_writes_the_cleaned_shards_of_the_whole_corpus() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = corpus(dir.path());
    let settings = settings(&root, "E,L");
    let options = FixOptions::default();
    let whole = fix::fix(&settings, options).expect("valid settings");
    let expected_summaries = summaries(&whole);
    assert!(whole.documents.iter().any(|f| f.changed));
    let expected_dir = dir.path().join("whole");
    write::write_out(&whole, &settings.paths, &expected_dir).expect("written");
    let expected = files_under(&expected_dir);
    assert_eq!(
        expected.len(),
        3,
        "{:?}",
        expected.iter().map(|f| &f.0).collect::<Vec<_>>()
    );

    let resolved = settings.resolve().expect("valid");
    let (shards, _) = fix::stream::plan(&resolved, options)
        .expect("walkable")
        .expect("per-document fixes of shards go in batches");
    for (i, batch) in BATCHES.into_iter().enumerate() {
        let out = dir.path().join(format!("batches-{i}"));
        let target = fix::stream::Out {
            dir: &out,
            roots: &settings.paths,
        };
        let mut told = Vec::new();
        let fixed = fix::stream::fix_in_batches(
            &resolved,
            options,
            &shards,
            Some(fix::stream::Target::Out(target)),
            batch,
            &mut |outcome| {
                told.extend(summaries(outcome));
                Ok(())
            },
        )
        .expect("written");
        assert_eq!(told, expected_summaries, "in batches of {batch:?}");
        assert_eq!(fixed.written.len(), 3);
        let errors: Vec<String> = fixed.errors.iter().map(|e| e.to_string()).collect();
        let expected_errors: Vec<String> = whole.errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(errors, expected_errors, "in batches of {batch:?}");
        assert_same_files(&files_under(&out), &expected, batch);
    }
}

/// `--in-place` in batches: each shard one of whose records changed is replaced by what a
/// fix of the whole corpus writes back over it, and a shard whose records need nothing
/// stays as it was; nothing else is left in the folder.
#[test]
fn fix_in_place_in_batches_writes_back_what_a_fix_of_the_whole_corpus_does() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clean = format!(
        "{}\n",
        serde_json::json!({"id": "c", "text": "Plain words.\n"})
    );
    // The corpus laid anew in the same place before each run: provenance names the shard.
    let lay = || {
        let root = corpus(dir.path());
        std::fs::write(root.join("d.jsonl"), &clean).expect("write");
        root
    };
    let names = |written: Vec<PathBuf>| -> Vec<String> {
        let mut names: Vec<String> = written
            .iter()
            .map(|p| {
                p.file_name()
                    .expect("a file")
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        names.sort();
        names
    };
    let root = lay();
    let settings = settings(&root, "E,L");
    let options = FixOptions::default();
    let whole = fix::fix(&settings, options).expect("valid settings");
    let expected_written = names(write::write_in_place(&whole, &settings.paths).expect("written"));
    assert_eq!(expected_written, ["a.jsonl", "b.jsonl.gz", "c.jsonl.zst"]);
    let expected = files_under(&root);

    for batch in BATCHES {
        let root = lay();
        let resolved = settings.resolve().expect("valid");
        let (shards, _) = fix::stream::plan(&resolved, options)
            .expect("walkable")
            .expect("per-document fixes of shards go in batches");
        let fixed = fix::stream::fix_in_batches(
            &resolved,
            options,
            &shards,
            Some(fix::stream::Target::InPlace),
            batch,
            &mut |_| Ok(()),
        )
        .expect("written");
        assert_eq!(
            names(fixed.written),
            expected_written,
            "in batches of {batch:?}"
        );
        assert_same_files(&files_under(&root), &expected, batch);
        assert_eq!(
            std::fs::read_to_string(root.join("d.jsonl")).expect("read"),
            clean
        );
    }
}

#[test]
fn fixes_that_need_the_whole_corpus_load_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = corpus(dir.path());
    let planned = |select: &str, unsafe_fixes: bool| {
        let resolved = settings(&root, select).resolve().expect("valid");
        fix::stream::plan(&resolved, FixOptions { unsafe_fixes })
            .expect("walkable")
            .is_some()
    };
    assert!(planned("E,L", false));
    // Metadata rules fix nothing: the fixes that apply are still per-document.
    assert!(planned("E,L,M", false));
    assert!(!planned("E,L,C003", false));
    assert!(!planned("ALL", false));
}

fn corpuslint(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("corpuslint")
        .expect("the binary")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run")
}

#[test]
fn a_line_that_is_no_record_is_named_and_the_others_are_fixed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let first = serde_json::json!({"id": "a", "text": "A no\u{a0}break space.\n"});
    let last = serde_json::json!({"id": "b", "text": "Plain words"});
    let shard = format!("{first}\nnot json\n{last}\n");
    std::fs::write(dir.path().join("s.jsonl"), &shard).expect("write");

    let output = corpuslint(
        dir.path(),
        &[
            "fix",
            "--isolated",
            "--select",
            "E",
            "--out",
            "clean",
            "s.jsonl",
        ],
    );
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("s.jsonl: line 2: not valid JSON"),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("s.jsonl#a: fixed 1 unusual-space"),
        "{stdout}"
    );
    assert!(
        stdout.contains("s.jsonl#b: fixed 1 missing-final-newline"),
        "{stdout}"
    );
    assert!(stdout.ends_with("Wrote 1 file.\n"), "{stdout}");
    let cleaned = std::fs::read_to_string(dir.path().join("clean/s.jsonl")).expect("written");
    let lines: Vec<&str> = cleaned.lines().collect();
    assert_eq!(lines.len(), 3, "{cleaned}");
    assert_eq!(lines[1], "not json");
    let record: serde_json::Value = serde_json::from_str(lines[0]).expect("a record");
    assert_eq!(record["text"], "A no break space.\n");
    assert!(record["corpuslint"].is_object(), "{record}");

    let output = corpuslint(
        dir.path(),
        &["meta", "--isolated", "--format", "json", "s.jsonl"],
    );
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("s.jsonl: line 2: not valid JSON"),
        "{stderr}"
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let paths: Vec<&str> = report["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .filter_map(|d| d["path"].as_str())
        .collect();
    assert_eq!(paths, ["s.jsonl#a", "s.jsonl#b"]);
}

#[test]
fn a_shard_that_breaks_off_gives_its_error_and_no_record() {
    let dir = tempfile::tempdir().expect("tempdir");
    let texts = fixture_texts();
    let plain = shard_of(&texts);
    let (gzip, zstd) = compressed(&plain);
    let root = dir.path().join("shards");
    std::fs::create_dir_all(&root).expect("mkdir");
    std::fs::write(root.join("a.jsonl"), shard_of(&texts[..20])).expect("write");
    std::fs::write(root.join("b.jsonl.gz"), &gzip[..gzip.len() / 2]).expect("write");
    std::fs::write(root.join("c.jsonl.zst"), &zstd[..zstd.len() / 2]).expect("write");
    let settings = settings(&root, "E,L");
    let resolved = settings.resolve().expect("valid");
    let strings = |errors: &[corpuslint::error::FileError]| -> Vec<String> {
        errors.iter().map(|e| e.to_string()).collect()
    };

    let whole = corpuslint::meta(&settings).expect("valid settings");
    let mut json = Vec::new();
    output::meta::render_json(&whole, &mut json).expect("render");
    let (shards, _) = stream::meta::plan(&resolved)
        .expect("walkable")
        .expect("shards");
    let mut found = Vec::new();
    let errors =
        stream::meta::meta_in_batches(&resolved, &shards, (7, usize::MAX), &mut |outcome| {
            output::meta::render_table(outcome, &mut Vec::new())?;
            found.extend(
                outcome
                    .corpus
                    .documents
                    .iter()
                    .map(|d| d.display().to_owned()),
            );
            Ok(())
        })
        .expect("read");
    let expected: Vec<String> = whole
        .corpus
        .documents
        .iter()
        .map(|d| d.display().to_owned())
        .collect();
    assert_eq!(found, expected);
    assert!(
        found.iter().all(|name| name.contains("a.jsonl#")),
        "{found:?}"
    );
    assert_eq!(strings(&errors), strings(&whole.errors));
    assert!(
        strings(&errors)
            .iter()
            .any(|e| e.contains("b.jsonl.gz: not valid gzip data")),
        "{errors:?}"
    );

    let options = FixOptions::default();
    let fixed = fix::fix(&settings, options).expect("valid settings");
    let expected_dir = dir.path().join("whole");
    write::write_out(&fixed, &settings.paths, &expected_dir).expect("written");
    let (shards, _) = fix::stream::plan(&resolved, options)
        .expect("walkable")
        .expect("shards");
    let out = dir.path().join("batches");
    let target = fix::stream::Out {
        dir: &out,
        roots: &settings.paths,
    };
    let streamed = fix::stream::fix_in_batches(
        &resolved,
        options,
        &shards,
        Some(fix::stream::Target::Out(target)),
        (7, usize::MAX),
        &mut |_| Ok(()),
    )
    .expect("written");
    assert_eq!(strings(&streamed.errors), strings(&fixed.errors));
    assert_eq!(files_under(&out), files_under(&expected_dir));
    assert_eq!(streamed.written, [out.join("a.jsonl")]);

    // In place, the shards that break off stay as they were, and nothing is left beside.
    let before = files_under(&root);
    let in_place = fix::stream::fix_in_batches(
        &resolved,
        options,
        &shards,
        Some(fix::stream::Target::InPlace),
        (7, usize::MAX),
        &mut |_| Ok(()),
    )
    .expect("written");
    assert_eq!(strings(&in_place.errors), strings(&fixed.errors));
    assert_eq!(in_place.written, [root.join("a.jsonl")]);
    let after = files_under(&root);
    assert_eq!(
        after.iter().map(|f| &f.0).collect::<Vec<_>>(),
        before.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for ((path, bytes), (_, old)) in after.iter().zip(&before) {
        if path.ends_with("a.jsonl") {
            assert!(
                bytes == &files_under(&out)[0].1,
                "a.jsonl cleaned as --out cleans it"
            );
        } else {
            assert!(bytes == old, "{} untouched", path.display());
        }
    }
}

#[test]
fn check_and_diff_of_shards_in_batches_tell_what_would_change() {
    let dir = tempfile::tempdir().expect("tempdir");
    let first = serde_json::json!({"id": "a", "text": "A no\u{a0}break space.\n"});
    let last = serde_json::json!({"id": "b", "text": "Plain words.\n"});
    let shard = format!("{first}\n{last}\n");
    std::fs::write(dir.path().join("s.jsonl"), &shard).expect("write");
    let fix = |args: &[&str]| {
        let mut all = vec!["fix", "--isolated", "--select", "E"];
        all.extend(args);
        all.push("s.jsonl");
        corpuslint(dir.path(), &all)
    };

    let output = fix(&["--check"]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "s.jsonl#a: fixed 1 unusual-space\ns.jsonl#b: unchanged\n1 of 2 files would change.\n"
    );
    let output = fix(&["--diff", "--quiet"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let diff = String::from_utf8_lossy(&output.stdout);
    assert!(
        diff.starts_with("--- a/s.jsonl#a\n+++ b/s.jsonl#a\n"),
        "{diff}"
    );
    assert!(
        diff.contains("-A no\u{a0}break space.\n+A no break space.\n"),
        "{diff}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("s.jsonl")).expect("read"),
        shard,
        "nothing is written"
    );
}
