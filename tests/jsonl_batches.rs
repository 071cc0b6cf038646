//! JSON Lines shards checked a batch of records at a time, as `check` does when every rule
//! that runs is a per-document rule: the findings, in order, and the totals are those of
//! a check of the whole corpus, whatever the size of the batches, for plain, gzip and
//! zstd shards (of several members or frames), with lines that are not records.

use std::io::Write;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use corpuslint::diagnostic::Severity;
use corpuslint::output;
use corpuslint::rules::check::Check;
use corpuslint::rules::registry::{self, RULES};
use corpuslint::settings::Settings;
use corpuslint::stream;

#[path = "common/fixture_texts.rs"]
mod fixture_texts;
use fixture_texts::fixture_texts;

/// Every per-document rule, opt-in ones too.
fn per_document_rules() -> Vec<String> {
    RULES
        .iter()
        .filter(|rule| {
            registry::lint(rule).is_some_and(|lint| matches!(lint.check, Check::Document(_)))
        })
        .map(|rule| rule.code.to_string())
        .collect()
}

/// A shard of `texts`, a BOM before its first record, a blank line and two lines that
/// are not records among them.
fn shard_of(texts: &[String]) -> Vec<u8> {
    let mut shard = b"\xef\xbb\xbf".to_vec();
    for (i, text) in texts.iter().enumerate() {
        let record = serde_json::json!({"id": format!("doc-{i}"), "text": text});
        writeln!(shard, "{record}").expect("write");
        match i {
            3 => writeln!(shard).expect("write"),
            5 => writeln!(shard, "not json").expect("write"),
            8 => writeln!(shard, r#"{{"id": "none", "body": "words"}}"#).expect("write"),
            _ => {}
        }
    }
    shard
}

fn settings(path: &Path) -> Settings {
    Settings {
        paths: vec![path.to_path_buf()],
        select: per_document_rules(),
        ..Settings::default()
    }
}

/// The short output of a whole check of `path`, its totals and its read errors.
fn whole(path: &Path) -> (String, stream::Totals, Vec<String>) {
    let outcome = corpuslint::check(&settings(path)).expect("valid settings");
    let mut out = Vec::new();
    output::short::render(&outcome, &mut out).expect("render");
    let (errors, warnings, infos) = outcome.counts();
    let totals = stream::Totals {
        files: outcome.checked_files(),
        counts: (errors, warnings, infos),
        fixes: outcome.fixes(),
        errors: outcome.errors.len(),
        fails: outcome.fails(Some(Severity::Warning)),
    };
    let read_errors = outcome.errors.iter().map(|e| e.to_string()).collect();
    (String::from_utf8(out).expect("UTF-8"), totals, read_errors)
}

/// The same, a batch of at most `batch` (records, bytes) at a time; also how many batches.
fn in_batches(path: &Path, batch: (usize, usize)) -> (String, stream::Totals, Vec<String>, usize) {
    let mut settings = settings(path).resolve().expect("valid settings");
    settings.fail_on = Some(Severity::Warning);
    let (shards, walk_errors) = stream::plan(&settings)
        .expect("walkable")
        .expect("a check of shards with per-document rules goes in batches");
    assert!(walk_errors.is_empty());
    let mut out = Vec::new();
    let mut read_errors = Vec::new();
    let mut batches = 0;
    let totals = stream::check_in_batches(&settings, &shards, batch, &mut |outcome| {
        batches += 1;
        read_errors.extend(outcome.errors.iter().map(|e| e.to_string()));
        output::short::render(outcome, &mut out)
    })
    .expect("written");
    (
        String::from_utf8(out).expect("UTF-8"),
        totals,
        read_errors,
        batches,
    )
}

#[test]
fn batches_give_the_findings_and_totals_of_the_whole_check() {
    let texts = fixture_texts();
    assert!(texts.len() > 100, "{} fixture texts", texts.len());
    let plain = shard_of(&texts);
    let dir = tempfile::tempdir().expect("tempdir");

    let mut gzip = Vec::new();
    let mut zstd = Vec::new();
    // Two gzip members and two zstd frames, as concatenated shards give them.
    let half = plain.len() / 2;
    let cut = half
        + plain[half..]
            .iter()
            .position(|&b| b == b'\n')
            .expect("a line")
        + 1;
    for part in [&plain[..cut], &plain[cut..]] {
        let mut member = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        member.write_all(part).expect("compress");
        gzip.extend(member.finish().expect("compress"));
        zstd.extend(ruzstd::encoding::compress_to_vec(
            part,
            ruzstd::encoding::CompressionLevel::Fastest,
        ));
    }
    for (name, bytes) in [
        ("news.jsonl", plain.clone()),
        ("news.jsonl.gz", gzip),
        ("news.jsonl.zst", zstd),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        let (expected, totals, errors) = whole(&path);
        assert!(expected.lines().count() > 100, "{name}: {expected}");
        assert_eq!(errors.len(), 2, "{name}: {errors:?}");
        for batch in [
            (1, usize::MAX),
            (7, usize::MAX),
            (usize::MAX, 4096),
            (4096, 32 << 20),
        ] {
            let (found, found_totals, found_errors, batches) = in_batches(&path, batch);
            assert_eq!(found, expected, "{name} in batches of {batch:?}");
            assert_eq!(found_totals, totals, "{name} in batches of {batch:?}");
            assert_eq!(found_errors, errors, "{name} in batches of {batch:?}");
            if batch.0 == 1 {
                assert!(batches >= texts.len(), "{name}: {batches} batches");
            }
        }
    }
}

#[test]
fn a_corpus_rule_or_a_text_file_loads_the_whole_corpus() {
    let dir = tempfile::tempdir().expect("tempdir");
    let shard = dir.path().join("news.jsonl");
    std::fs::write(&shard, shard_of(&fixture_texts()[..3])).expect("write");
    let text = dir.path().join("page.txt");
    std::fs::write(&text, "A page.\n").expect("write");
    let planned = |paths: Vec<PathBuf>, select: &[&str]| {
        let settings = Settings {
            paths,
            select: select.iter().map(|s| s.to_string()).collect(),
            ..Settings::default()
        };
        stream::plan(&settings.resolve().expect("valid"))
            .expect("walkable")
            .is_some()
    };
    assert!(planned(vec![shard.clone()], &["E005", "L001"]));
    assert!(!planned(vec![shard.clone()], &["E005", "D002"]));
    assert!(!planned(vec![shard, text], &["E005"]));
}

#[test]
fn the_command_line_checks_shards_in_batches_with_its_summary_and_status() {
    let dir = tempfile::tempdir().expect("tempdir");
    let record = serde_json::json!({"id": "a", "text": "A no\u{a0}break space.\n"});
    std::fs::write(dir.path().join("s.jsonl"), format!("{record}\nnot json\n")).expect("write");
    let output = Command::cargo_bin("corpuslint")
        .expect("the binary")
        .args([
            "check",
            "--isolated",
            "--format",
            "short",
            "--select",
            "E005",
            "s.jsonl",
        ])
        .current_dir(dir.path())
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        stdout,
        "s.jsonl#a:1:5: E005 U+00A0 NO-BREAK SPACE instead of a plain space\n\
         Checked 1 file: 0 errors, 1 warning, 0 infos. 1 path could not be read.\n\
         1 fixable with corpuslint fix\n"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("s.jsonl: line 2: not valid JSON"),
        "{stderr}"
    );
}
