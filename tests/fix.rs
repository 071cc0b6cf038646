//! `corpuslint fix` end to end: the seeds cleaned into a temporary folder, file by file.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use unicode_normalization::{IsNormalized, is_nfc_quick};

fn corpuslint() -> Command {
    let mut cmd = Command::cargo_bin("corpuslint").expect("binary");
    cmd.env_remove("NO_COLOR");
    cmd
}

/// Writes `contents` to the file `name` in `dir`, and gives its path.
fn write_file(dir: &Path, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let file = dir.join(name);
    std::fs::write(&file, contents).expect("write");
    file
}

const SEEDS: [&str; 5] = [
    "000_d9ee4d4d624b5cba.txt",
    "001_1e278fe6e9cedae5.txt",
    "002_192448865f446b16.txt",
    "003_5643ba1dc797c082.txt",
    "004_4b8399b3e61f290d.txt",
];

/// Lines of a seed that are not chrome and not a later copy of a repeated block: they must
/// survive word for word (spaces normalized).
fn kept_lines(seed: &str) -> Vec<String> {
    let removed: Vec<usize> = match &seed[..3] {
        "000" => [3].into_iter().chain(28..=51).collect(),
        "001" => vec![11],
        "002" => vec![1, 3, 35, 37, 39, 41],
        "003" => (1..=30).chain(40..=44).collect(),
        "004" => [1, 2, 3, 8, 9].into_iter().chain(55..=64).collect(),
        _ => unreachable!(),
    };
    let text = std::fs::read_to_string(Path::new("seeds").join(seed)).expect("seed");
    text.split('\n')
        .enumerate()
        .filter(|(i, line)| !removed.contains(&(i + 1)) && !line.trim().is_empty())
        .map(|(_, line)| normalize_spaces(line))
        .collect()
}

fn normalize_spaces(line: &str) -> String {
    line.replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The entries of `dir/metadata.jsonl`.
fn manifest_entries(dir: &Path) -> Vec<Value> {
    let manifest = std::fs::read_to_string(dir.join("metadata.jsonl")).expect("manifest");
    manifest
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

fn fix_seeds() -> tempfile::TempDir {
    let out = tempfile::tempdir().expect("tempdir");
    corpuslint()
        .args(["fix", "seeds/", "--out"])
        .arg(out.path())
        .assert()
        .code(0);
    out
}

#[test]
fn seeds_are_cleaned_file_by_file() {
    let out = fix_seeds();
    let mut names: Vec<String> = std::fs::read_dir(out.path())
        .expect("output folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut expected: Vec<String> = SEEDS.iter().map(|s| s.to_string()).collect();
    expected.push("metadata.jsonl".into());
    assert_eq!(names, expected);
    for seed in SEEDS {
        let cleaned = std::fs::read_to_string(out.path().join(seed)).expect("cleaned file");
        assert!(!cleaned.contains('\u{a0}'), "{seed}: no-break space left");
        assert!(!cleaned.contains('\r'), "{seed}: CR left");
        assert!(
            !cleaned.contains("\n\n\n"),
            "{seed}: more than one blank line"
        );
        assert!(
            cleaned.ends_with('\n') && !cleaned.ends_with("\n\n"),
            "{seed}: one final newline"
        );
        assert_eq!(
            is_nfc_quick(cleaned.chars()),
            IsNormalized::Yes,
            "{seed}: not NFC"
        );
        for line in cleaned.lines() {
            assert_eq!(line, line.trim_end(), "{seed}: trailing whitespace");
        }
        // Paragraphs are separated by exactly one blank line, one per line.
        for block in cleaned.trim_end().split("\n\n") {
            assert!(
                !block.is_empty() && !block.contains('\n'),
                "{seed}: {block:?}"
            );
        }
        // Every kept line survives word for word, once.
        let paragraphs: Vec<&str> = cleaned.trim_end().split("\n\n").collect();
        for line in kept_lines(seed) {
            let count = paragraphs.iter().filter(|p| **p == line).count();
            assert_eq!(count, 1, "{seed}: `{line}` should appear exactly once");
        }
        assert_eq!(
            paragraphs.len(),
            kept_lines(seed).len(),
            "{seed}: nothing else is left"
        );
        insta::assert_snapshot!(format!("fixed_{seed}"), cleaned);
    }
}

#[test]
fn the_manifest_records_provenance_and_hashes() {
    let out = fix_seeds();
    let entries = manifest_entries(out.path());
    assert_eq!(entries.len(), 5);
    for (entry, seed) in entries.iter().zip(SEEDS) {
        assert_eq!(entry["file_name"], seed);
        assert_eq!(entry["original_path"], format!("seeds/{seed}"));
        let cleaned = std::fs::read(out.path().join(seed)).expect("cleaned");
        assert_eq!(
            entry["sha256"],
            corpuslint::provenance::sha256_hex(&cleaned)
        );
        let original = std::fs::read(Path::new("seeds").join(seed)).expect("seed");
        assert_eq!(
            entry["original_sha256"],
            corpuslint::provenance::sha256_hex(&original)
        );
        assert_eq!(entry["corpuslint_version"], env!("CARGO_PKG_VERSION"));
        assert!(entry["changes"].is_object());
    }
    assert_eq!(entries[4]["author"], "Lang Ping");
    assert_eq!(entries[4]["author_origin"], "text");
    assert_eq!(entries[1]["author"], Value::Null);
}

#[test]
fn the_cleaned_corpus_is_clean_and_fixing_it_changes_nothing() {
    let out = fix_seeds();
    let output = corpuslint()
        .args(["check", "--format", "json"])
        .arg(out.path())
        .output()
        .expect("run check");
    let report: Value = serde_json::from_slice(&output.stdout).expect("json");
    for d in report["diagnostics"].as_array().expect("array") {
        let family = d["family"].as_str().unwrap_or("");
        assert!(family != "chrome" && family != "duplicate", "{d}");
        if family == "encoding" {
            // Only findings whose fix is a guess (unsafe) are left for a person.
            assert_eq!(d["fix"]["applicability"], "unsafe", "{d}");
        }
        assert_ne!(d["code"], "M008", "the manifest matches the cleaned files");
    }
    corpuslint()
        .args(["fix", "--check"])
        .arg(out.path())
        .assert()
        .code(0);
}

#[test]
fn diff_and_check_write_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let original = "Title of the page\nShare\n\nA body paragraph with a no-break\u{a0}space in it, long enough to count.\n";
    let file = write_file(dir.path(), "page.txt", original);
    let output = corpuslint()
        .args(["fix", "--diff", "--color", "never"])
        .arg(&file)
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(0));
    let diff = String::from_utf8(output.stdout).expect("utf-8");
    assert!(diff.contains("-Share\n"), "{diff}");
    assert!(
        diff.contains("+A body paragraph with a no-break space in it"),
        "{diff}"
    );
    corpuslint()
        .args(["fix", "--check"])
        .arg(&file)
        .assert()
        .code(1);
    assert_eq!(std::fs::read_to_string(&file).expect("read"), original);
}

/// `--timings` names each pass of a fix on stderr, the rounds among them, with its time,
/// and leaves the report on stdout as it was.
#[test]
fn timings_name_each_pass_of_a_fix() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = write_file(
        dir.path(),
        "page.txt",
        "Title of the page\nShare\n\n\n\nA body paragraph, long enough to count.\n",
    );
    let run = |timings: bool| {
        let mut cmd = corpuslint();
        cmd.args(["fix", "--isolated", "--no-cache", "--check"]);
        if timings {
            cmd.arg("--timings");
        }
        cmd.arg(&file).output().expect("run")
    };
    let (plain, timed) = (run(false), run(true));
    assert_eq!(timed.status.code(), Some(1));
    assert_eq!(timed.stdout, plain.stdout);
    let stderr = String::from_utf8(timed.stderr).expect("utf-8");
    let passes: Vec<&str> = stderr
        .lines()
        .filter_map(|line| line.split_once(':'))
        .filter(|(_, time)| time.trim().ends_with(" s"))
        .map(|(pass, _)| pass.trim())
        .collect();
    assert_eq!(
        passes,
        [
            "discover",
            "read + decode + segment",
            "analysis + provenance",
            "first fixes",
            "round 1",
            "report + write",
            "total"
        ],
        "{stderr}"
    );
    assert!(String::from_utf8(plain.stderr).expect("utf-8").is_empty());
}

/// With nothing to change, the rounds would find what the first analysis found: none runs.
#[test]
fn a_fix_with_nothing_to_change_runs_no_round() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "Title of the page\n\nA body paragraph, long enough to count.\n";
    let file = write_file(dir.path(), "page.txt", text);
    let run = corpuslint()
        .args(["fix", "--isolated", "--no-cache", "--in-place", "--timings"])
        .arg(&file)
        .output()
        .expect("run");
    assert_eq!(run.status.code(), Some(0));
    let stderr = String::from_utf8(run.stderr).expect("utf-8");
    assert!(stderr.contains("first fixes:"), "{stderr}");
    assert!(!stderr.contains("round 1:"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&file).expect("read"), text);
}

#[test]
fn in_place_rewrites_files_and_their_manifest() {
    let dir = tempfile::tempdir().expect("tempdir");
    for seed in SEEDS {
        std::fs::copy(Path::new("seeds").join(seed), dir.path().join(seed)).expect("copy");
    }
    corpuslint()
        .args(["fix", "--in-place"])
        .arg(dir.path())
        .assert()
        .code(0);
    let manifest = std::fs::read_to_string(dir.path().join("metadata.jsonl")).expect("manifest");
    assert_eq!(manifest.lines().count(), 5);
    let report = corpuslint()
        .args(["check", "--select", "M008,M009,M010", "--format", "short"])
        .arg(dir.path())
        .output()
        .expect("run");
    assert_eq!(
        report.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&report.stdout)
    );
    // A second run changes nothing.
    corpuslint()
        .args(["fix", "--check"])
        .arg(dir.path())
        .assert()
        .code(0);
}

#[test]
fn undecodable_files_are_refused_unless_unsafe_fixes_redecode_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = write_file(
        dir.path(),
        "latin.txt",
        b"Le caf\xe9 de la gare\n\nIl \xe9tait une fois une histoire assez longue pour compter.\n",
    );
    let fine_text = "A plain paragraph in UTF-8, long enough to be worth checking here.\n";
    let fine = write_file(dir.path(), "fine.txt", fine_text);
    let out = dir.path().join("out");
    corpuslint()
        .args(["fix", "--out"])
        .arg(&out)
        .arg(&file)
        .arg(&fine)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("latin.txt: "))
        .stderr(predicates::str::contains("not valid UTF-8"));
    assert!(
        !out.join("latin.txt").exists(),
        "the undecodable file is left out"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("fine.txt")).expect("the others are written"),
        fine_text
    );
    corpuslint()
        .args(["fix", "--unsafe-fixes", "--out"])
        .arg(&out)
        .arg(&file)
        .assert()
        .code(0);
    let cleaned = std::fs::read_to_string(out.join("latin.txt")).expect("cleaned");
    assert!(
        cleaned.starts_with("Le café de la gare\n\nIl était une fois"),
        "{cleaned}"
    );
}

#[test]
fn the_summary_shown_in_readme_is_real() {
    let output = corpuslint()
        .args(["fix", "seeds/", "--check"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(1), "the seeds need fixing");
    let stdout = String::from_utf8(output.stdout).expect("utf-8");
    let line = stdout
        .lines()
        .find(|l| l.starts_with("seeds/000_d9ee4d4d624b5cba.txt: "))
        .expect("a summary for 000");
    let readme = std::fs::read_to_string("README.md").expect("README");
    assert!(readme.contains(line), "README should show `{line}`");
}

/// Every file under `dir` with its bytes, to see that a refused run changed nothing.
fn snapshot_of(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).expect("readable folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("readable file");
                files.push((path, bytes));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn an_output_folder_that_is_holds_or_lies_inside_an_input_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(corpus.join("site")).expect("mkdir");
    let page = "Title\nShare\n\nA body paragraph with a no-break\u{a0}space in it, long enough to count.\n";
    std::fs::write(corpus.join("site/a.txt"), page).expect("write");
    std::fs::write(corpus.join("b.txt"), page).expect("write");
    let before = snapshot_of(dir.path());
    // (inputs, output folder, what the message says of them)
    let cases: [(&[&str], &str, &str); 5] = [
        (&["corpus"], "corpus", "is the input"),
        (&["corpus/"], "corpus/./", "is the input"),
        (&["corpus"], "corpus/clean", "lies inside the input"),
        (&["corpus/site"], "corpus", "holds the input"),
        (&["corpus/b.txt"], "corpus", "holds the input"),
    ];
    for (inputs, out, relation) in cases {
        corpuslint()
            .current_dir(dir.path())
            .arg("fix")
            .args(inputs)
            .args(["--isolated", "--out", out])
            .assert()
            .code(2)
            .stderr(predicates::str::contains(format!(
                "--out {out}: the output folder {relation}"
            )));
        assert_eq!(snapshot_of(dir.path()), before, "{inputs:?} --out {out}");
    }
    // A folder beside the inputs takes the copies.
    corpuslint()
        .current_dir(dir.path())
        .args(["fix", "corpus", "--isolated", "--out", "clean"])
        .assert()
        .code(0);
    assert!(dir.path().join("clean/site/a.txt").is_file());
    assert_eq!(
        std::fs::read(corpus.join("site/a.txt")).expect("read"),
        page.as_bytes()
    );
}

#[test]
fn a_duplicate_document_is_left_out_or_deleted_never_emptied() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    let story: String = (1..=6)
        .map(|i| format!("Harbour story, part {i}: the board met on day {i} to plan the dredging of channel {i}, and crews asked for dates.\n\n"))
        .collect();
    std::fs::write(corpus.join("a.txt"), &story).expect("write");
    std::fs::write(corpus.join("b.txt"), &story).expect("write");
    let out = dir.path().join("clean");

    // Safe fixes leave both copies: which one to keep is an editorial choice.
    corpuslint()
        .args(["fix", "--isolated", "--out"])
        .args([&out, &corpus])
        .assert()
        .code(0);
    assert!(out.join("b.txt").exists());
    std::fs::remove_dir_all(&out).expect("clean up");

    let assert = corpuslint()
        .args(["fix", "--isolated", "--unsafe-fixes", "--out"])
        .args([&out, &corpus])
        .assert()
        .code(0);
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(
        stdout.contains("b.txt: duplicate of ")
            && stdout.contains("Left out 1 duplicate document."),
        "{stdout}"
    );
    assert!(out.join("a.txt").exists() && !out.join("b.txt").exists());
    let entry = manifest_entries(&out)
        .into_iter()
        .find(|e| e["file_name"] == "b.txt")
        .expect("an entry for the copy");
    assert_eq!(entry["duplicate_of"], "a.txt");
    assert_eq!(entry["sha256"], Value::Null);
    // The entry of a file left out is no orphan.
    corpuslint()
        .args(["check", "--isolated", "--select", "M010"])
        .arg(&out)
        .assert()
        .code(0);

    corpuslint()
        .args(["fix", "--isolated", "--in-place"])
        .arg(&corpus)
        .assert()
        .code(0);
    assert!(
        corpus.join("b.txt").exists(),
        "deleted without --unsafe-fixes"
    );
    let assert = corpuslint()
        .args(["fix", "--isolated", "--in-place", "--unsafe-fixes"])
        .arg(&corpus)
        .assert()
        .code(0);
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(stdout.contains("Deleted 1 duplicate document."), "{stdout}");
    assert!(corpus.join("a.txt").exists() && !corpus.join("b.txt").exists());
    let entry = manifest_entries(&corpus)
        .into_iter()
        .find(|e| e["file_name"] == "b.txt")
        .expect("an entry for the deleted copy");
    assert_eq!(entry["duplicate_of"], "a.txt");
}

/// The safe fixes of `duplicate-paragraph` alone, applied to copies of `corpus` in `out`.
fn fix_repeats(corpus: &Path, out: &Path) -> PathBuf {
    corpuslint()
        .args(["fix", "--isolated", "--select", "D001", "--out"])
        .args([out, corpus])
        .assert()
        .code(0);
    out.to_path_buf()
}

#[test]
fn safe_fixes_delete_a_copy_that_differs_in_quotes_and_spaces_but_not_one_that_differs_in_case() {
    let fixtures = Path::new("tests/fixtures/duplicate/duplicate-paragraph");
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    let case = "copies_that_differ_in_case.txt";
    std::fs::copy(fixtures.join(case), corpus.join(case)).expect("copy");
    // The copy has straight quotes, a plain hyphen and a line break where the first has
    // curly quotes, a dash and a no-break space.
    let first = "The mayor\u{2019}s office said it\u{2019}s \u{201c}committed\u{201d} to the plan \u{2014} and that the first\u{a0}routes would open in June, once the drivers have been trained and the new buses delivered.";
    let copy = "The mayor's office said it's \"committed\" to the plan - and that the first\nroutes would open in June, once the drivers have been trained and the new buses delivered.";
    let variants = format!("The council voted on Tuesday.\n\n{first}\n\n{copy}\n");
    std::fs::write(corpus.join("variants.txt"), variants).expect("write");
    let out = fix_repeats(&corpus, &dir.path().join("clean"));
    let read = |name: &str| std::fs::read_to_string(out.join(name)).expect("fixed copy");
    let fixed = read(case);
    assert!(fixed.contains("The Council Votes To Extend"), "{fixed}");
    assert!(fixed.contains("The council votes to extend"), "{fixed}");
    let fixed = read("variants.txt");
    assert_eq!(fixed, format!("The council voted on Tuesday.\n\n{first}\n"));
}

#[test]
fn safe_fixes_delete_a_repeated_passage_but_not_a_repeated_sentence_a_distant_copy_a_licence_per_holder_or_package_or_a_table_row()
 {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    let passage = "The harbour board met on Tuesday to plan the dredging of the northern channel, and the crews asked for firm dates before the winter storms close the river mouth.";
    let manual = format!(
        "## fast-encode\n\nMakes encoding faster with a larger table.\n\nDoes not change the decoded output at all.\n\n## small-tables\n\nMakes the binary smaller.\n\nDoes not change the decoded output at all.\n\n## Story\n\n{passage}\n\nThe end of the first part.\n\n{passage}\n"
    );
    std::fs::write(corpus.join("manual.md"), &manual).expect("write");
    // The same passage in a later release of a NEWS file, after other sections.
    let news = format!(
        "## Release 2\n\n{passage}\n\nA new option was added.\n\nTwo old options were removed.\n\nThe manual was rewritten.\n\n## Release 1\n\n{passage}\n"
    );
    std::fs::write(corpus.join("news.md"), &news).expect("write");
    // The same licence granted by each copyright holder of a package.
    let licence = "Permission to use, copy, modify and distribute this software for any purpose is hereby granted without fee, provided that the above copyright notice appears in all copies.";
    let copyright = format!(
        "Copyright 2004 Harbour Tools Ltd.\n\n{licence}\n\nCopyright 1996 Quay Software, Inc.\n\n{licence}\n"
    );
    std::fs::write(corpus.join("copyright.txt"), &copyright).expect("write");
    // Two entries of a table drawn with bars, described alike.
    let rows = "│             │reported as if they came from the key named in the key field of the entry, with  │\n\
                │key: KEYCODE │its press and release events processed as that key's events would be processed.    │\n";
    let rule = "├─────────────┼──────────────────────────────────────────────────────────────────────────────────┤\n";
    let table = format!(
        "Key behaviors\n\nThe server filters the events of each key by its behavior, as the table below says.\n\n\
         │KB_Overlay1  │If the Overlay1 control is enabled, the events from this key are                  │\n{rows}{rule}\
         │KB_Overlay2  │If the Overlay2 control is enabled, the events from this key are                  │\n{rows}"
    );
    std::fs::write(corpus.join("table.txt"), &table).expect("write");
    // The same holder's licence for two packages of a bundle, a rule opening each section.
    let section =
        |name: &str| format!("=====================\n= vendor/{name} licensed under: =\n");
    let bundle = format!(
        "{}\nCopyright (c) 2013 Ann Smith\n\n{licence}\n\n\n{}\nCopyright (c) 2013 Ann Smith\n\n{licence}\n",
        section("example.org/restful"),
        section("example.org/restful/v3")
    );
    std::fs::write(corpus.join("bundle.txt"), &bundle).expect("write");
    let out = fix_repeats(&corpus, &dir.path().join("clean"));
    let fixed = std::fs::read_to_string(out.join("manual.md")).expect("fixed copy");
    // The passage of 30 words is deleted once; the short sentence stays under each heading.
    assert_eq!(fixed.matches(passage).count(), 1, "{fixed}");
    assert_eq!(
        fixed
            .matches("Does not change the decoded output at all.")
            .count(),
        2,
        "{fixed}"
    );
    let news = std::fs::read_to_string(out.join("news.md")).expect("fixed copy");
    assert_eq!(news.matches(passage).count(), 2, "{news}");
    let copyright = std::fs::read_to_string(out.join("copyright.txt")).expect("fixed copy");
    assert_eq!(copyright.matches(licence).count(), 2, "{copyright}");
    let fixed_table = std::fs::read_to_string(out.join("table.txt")).expect("fixed copy");
    assert_eq!(fixed_table, table);
    let fixed_bundle = std::fs::read_to_string(out.join("bundle.txt")).expect("fixed copy");
    assert_eq!(fixed_bundle, bundle);
    // All six are reported.
    let assert = corpuslint()
        .args([
            "check",
            "--isolated",
            "--select",
            "D001",
            "--format",
            "short",
        ])
        .arg(&corpus)
        .assert()
        .code(1);
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert_eq!(stdout.matches(": D001 ").count(), 6, "{stdout}");
}
