//! Adopting corpuslint on a corpus that already has findings: baselines, ignore files,
//! `--quiet` and `--verbose`.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn corpuslint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("corpuslint").expect("binary");
    cmd.current_dir(dir)
        .env("COLUMNS", "100")
        .env_remove("NO_COLOR");
    cmd
}

/// A temporary folder holding a copy of `seeds/`.
fn copy_of_seeds() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("seeds")).expect("mkdir");
    for entry in std::fs::read_dir("seeds").expect("seeds/") {
        let entry = entry.expect("entry");
        std::fs::copy(
            entry.path(),
            dir.path().join("seeds").join(entry.file_name()),
        )
        .expect("copy");
    }
    dir
}

fn stdout_of(cmd: &mut Command) -> String {
    String::from_utf8(cmd.output().expect("run").stdout).expect("utf-8")
}

/// The number of findings `check` reports on `paths` in `dir`.
fn findings(dir: &Path, args: &[&str]) -> usize {
    let json = stdout_of(
        corpuslint(dir)
            .arg("check")
            .args(args)
            .args(["--format", "json"]),
    );
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    value["diagnostics"].as_array().expect("a list").len()
}

/// Inserts `text` as its own paragraph before 0-based line `at` of `file`.
fn insert_paragraph(file: &Path, at: usize, text: &str) {
    let old = std::fs::read_to_string(file).expect("read");
    let mut lines: Vec<&str> = old.split('\n').collect();
    let paragraph = format!("{text}\n");
    lines.insert(at, &paragraph);
    std::fs::write(file, lines.join("\n")).expect("write");
}

#[test]
fn a_baseline_of_the_seeds_makes_check_pass_and_says_how_much_it_hid() {
    let dir = copy_of_seeds();
    let today = findings(dir.path(), &["seeds"]);
    assert!(today > 10, "the seeds have findings");
    corpuslint(dir.path())
        .args(["baseline", "seeds"])
        .assert()
        .code(0)
        .stdout(format!(
            "Wrote a baseline of {today} findings in 5 files to corpuslint-baseline.json.\n"
        ));
    let text = std::fs::read_to_string(dir.path().join("corpuslint-baseline.json"))
        .expect("the default baseline file");
    let parsed: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(parsed["version"], 1);
    let entries = parsed["findings"].as_array().expect("findings");
    let keys: Vec<(String, String, String)> = entries
        .iter()
        .map(|e| {
            let field = |name: &str| e[name].as_str().expect("a string").to_string();
            (field("path"), field("code"), field("hash"))
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "entries are sorted");
    let counted: u64 = entries
        .iter()
        .map(|e| e["count"].as_u64().expect("n"))
        .sum();
    assert_eq!(counted as usize, today);

    corpuslint(dir.path())
        .args(["check", "seeds", "--baseline", "corpuslint-baseline.json"])
        .assert()
        .code(0)
        .stdout(format!(
            "Checked 5 files: 0 errors, 0 warnings, 0 infos. {today} findings suppressed by the baseline.\n"
        ));

    // Recording the same corpus again gives the same bytes.
    corpuslint(dir.path())
        .args(["baseline", "seeds", "--output", "again.json", "--quiet"])
        .assert()
        .code(0)
        .stdout("");
    let again = std::fs::read_to_string(dir.path().join("again.json")).expect("again");
    assert_eq!(again, text);
}

#[test]
fn a_new_problem_is_the_only_finding_and_line_shifts_hide_nothing_new() {
    let dir = copy_of_seeds();
    corpuslint(dir.path())
        .args(["baseline", "seeds"])
        .assert()
        .code(0);
    // Blank lines at the top of every file move all their findings down (they are a
    // finding of their own, extra-blank-lines, left out here)...
    for entry in std::fs::read_dir(dir.path().join("seeds")).expect("seeds") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("read");
        std::fs::write(&path, format!("\n\n\n{text}")).expect("write");
    }
    // ...and so does a clean paragraph between two others.
    let file = dir.path().join("seeds/002_192448865f446b16.txt");
    insert_paragraph(
        &file,
        14,
        "An editor added this plain paragraph to the middle of the file.",
    );
    corpuslint(dir.path())
        .args([
            "check",
            "seeds",
            "--baseline",
            "corpuslint-baseline.json",
            "--ignore",
            "L001",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("0 warnings"));

    insert_paragraph(
        &file,
        14,
        "The committee met again on\u{a0}Tuesday to review the plan for next year.",
    );
    let out = stdout_of(corpuslint(dir.path()).args([
        "check",
        "seeds",
        "--baseline",
        "corpuslint-baseline.json",
        "--ignore",
        "L001",
        "--format",
        "short",
    ]));
    let reported: Vec<&str> = out.lines().filter(|l| l.starts_with("seeds/")).collect();
    assert_eq!(
        reported,
        [
            "seeds/002_192448865f446b16.txt:15:27: E005 U+00A0 NO-BREAK SPACE instead of a plain space"
        ],
        "{out}"
    );
    corpuslint(dir.path())
        .args(["check", "seeds", "--baseline", "corpuslint-baseline.json"])
        .assert()
        .code(1);
}

#[test]
fn identical_findings_are_counted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("a.txt");
    std::fs::write(&file, "Same line. \n\nSame line. \n").expect("write");
    let args = ["--select", "E013", "--isolated"];
    corpuslint(dir.path())
        .args(["baseline", "a.txt"])
        .args(args)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("2 findings"));
    let baseline =
        std::fs::read_to_string(dir.path().join("corpuslint-baseline.json")).expect("baseline");
    assert!(baseline.contains("\"count\":2"), "{baseline}");
    std::fs::write(&file, "Same line. \n\nSame line. \n\nSame line. \n").expect("write");
    let out = stdout_of(
        corpuslint(dir.path())
            .args(["check", "a.txt", "--baseline", "corpuslint-baseline.json"])
            .args(args)
            .args(["--format", "short"]),
    );
    assert_eq!(
        out,
        "a.txt:5:11: E013 trailing whitespace\n\
         Checked 1 file: 0 errors, 1 warning, 0 infos. 2 findings suppressed by the baseline.\n\
         1 fixable with corpuslint fix\n"
    );
    // Fixed findings leave the baseline with entries nothing matches; --verbose says so.
    std::fs::write(&file, "Same line.\n\nSame line. \n").expect("write");
    corpuslint(dir.path())
        .args([
            "check",
            "a.txt",
            "--baseline",
            "corpuslint-baseline.json",
            "--verbose",
        ])
        .args(args)
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "1 finding suppressed by the baseline.",
        ))
        .stderr(predicate::str::contains(
            "1 finding of corpuslint-baseline.json is no longer found",
        ));
}

#[test]
fn baseline_paths_are_relative_to_its_folder() {
    let dir = copy_of_seeds();
    corpuslint(dir.path())
        .args(["baseline", "seeds", "--output", "seeds/known.json"])
        .assert()
        .code(0);
    let text = std::fs::read_to_string(dir.path().join("seeds/known.json")).expect("baseline");
    assert!(
        text.contains("\"path\":\"000_d9ee4d4d624b5cba.txt\""),
        "{text}"
    );
    // The same corpus seen from inside its folder.
    corpuslint(&dir.path().join("seeds"))
        .args(["check", ".", "--baseline", "known.json"])
        .assert()
        .code(0);
}

#[test]
fn unusable_baselines_are_errors_naming_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a.txt"), "A line.\n").expect("write");
    std::fs::write(
        dir.path().join("broken.json"),
        "{\"version\": 1, \"findings\": [",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("future.json"),
        "{\"version\": 9, \"findings\": []}",
    )
    .expect("write");
    for (file, message) in [
        (
            "broken.json",
            "broken.json: not a corpuslint baseline: invalid JSON",
        ),
        (
            "future.json",
            "future.json: baseline format version 9 is not supported",
        ),
        (
            "missing.json",
            "missing.json: cannot read the baseline: no such file",
        ),
    ] {
        corpuslint(dir.path())
            .args(["check", "a.txt", "--baseline", file])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(message));
    }
}

#[test]
fn no_baseline_is_written_when_a_path_cannot_be_read() {
    let dir = copy_of_seeds();
    corpuslint(dir.path())
        .args(["baseline", "seeds", "missing-folder"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "missing-folder: no such file or folder",
        ))
        .stderr(predicate::str::contains("no baseline written"));
    assert!(!dir.path().join("corpuslint-baseline.json").exists());
}

#[test]
fn fix_takes_no_baseline() {
    // `fix` cleans what it finds; a baseline only gates `check`.
    let dir = copy_of_seeds();
    corpuslint(dir.path())
        .args(["fix", "seeds", "--check", "--baseline", "b.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--baseline"));
}

/// A corpus whose `.gitignore` leaves out a folder of drafts with a problem in it.
fn corpus_with_ignored_drafts() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    std::fs::create_dir_all(root.join("corpus/drafts")).expect("mkdir");
    std::fs::write(root.join("corpus/.gitignore"), "drafts/\n").expect("write");
    std::fs::write(root.join("corpus/clean.txt"), "A clean line.\n").expect("write");
    std::fs::write(root.join("corpus/drafts/messy.txt"), "A messy line. \n").expect("write");
    dir
}

#[test]
fn folder_walks_honour_ignore_files_unless_told_not_to() {
    let dir = corpus_with_ignored_drafts();
    let select = ["--select", "E013", "--isolated"];
    corpuslint(dir.path())
        .args(["check", "corpus"])
        .args(select)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Checked 1 file:"));
    corpuslint(dir.path())
        .args(["check", "corpus", "--no-ignore"])
        .args(select)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("Checked 2 files:"));
    // A file named on the command line is read even when ignored.
    corpuslint(dir.path())
        .args(["check", "corpus/drafts/messy.txt"])
        .args(select)
        .assert()
        .code(1);
    let meta = |extra: &[&str]| {
        stdout_of(
            corpuslint(dir.path())
                .args(["meta", "corpus", "--isolated"])
                .args(extra),
        )
    };
    assert!(!meta(&[]).contains("messy.txt"));
    assert!(meta(&["--no-ignore"]).contains("messy.txt"));
    // The configuration can turn ignore files off too.
    std::fs::write(
        dir.path().join("corpuslint.toml"),
        "[files]\nrespect_gitignore = false\n",
    )
    .expect("write");
    corpuslint(dir.path())
        .args(["check", "corpus", "--select", "E013"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("Checked 2 files:"));
    std::fs::write(
        dir.path().join("corpuslint.toml"),
        "[files]\nrespect_gitignore = 1\n",
    )
    .expect("write");
    corpuslint(dir.path())
        .args(["check", "corpus"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("respect_gitignore = 1"));
}

#[test]
fn quiet_prints_only_the_findings() {
    let out = corpuslint(Path::new("."))
        .args(["check", "seeds/", "--quiet", "--format", "short"])
        .assert()
        .code(1)
        .stderr("")
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).expect("utf-8");
    assert!(out.lines().count() > 10, "{out}");
    assert!(out.lines().all(|l| l.starts_with("seeds/")), "{out}");

    let human = stdout_of(corpuslint(Path::new(".")).args(["check", "seeds/", "-q"]));
    assert!(human.contains("E012 glued-words"), "{human}");
    assert!(!human.contains("Checked"), "{human}");

    // `fix --diff --quiet`: the diff and nothing else.
    corpuslint(Path::new("."))
        .args(["fix", "seeds/", "--diff", "--quiet", "--color", "never"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("---"))
        .stderr("");
    corpuslint(Path::new("."))
        .args(["check", "seeds/", "--quiet", "--verbose"])
        .assert()
        .code(2);
}

#[test]
fn verbose_lists_the_files_read_and_the_passes() {
    corpuslint(Path::new("."))
        .args(["check", "seeds/", "--verbose"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "read seeds/000_d9ee4d4d624b5cba.txt",
        ))
        .stderr(predicate::str::contains("total:"))
        .stdout(predicate::str::contains("Checked 5 files"));
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    // assert_cmd captures stderr through a pipe. Whether a bar may be shown is decided by
    // the terminal test alone (unit-tested in the binary); this checks the run follows it,
    // with `--timings` off and findings on stdout.
    corpuslint(Path::new("."))
        .args(["check", "seeds/", "--isolated"])
        .assert()
        .code(1)
        .stderr("");
    corpuslint(Path::new("."))
        .args(["fix", "seeds/", "--isolated", "--diff"])
        .assert()
        .success()
        .stderr(predicate::str::contains("\u{1b}[").not());
}

/// The session in README's adoption section, replayed in a copy of `seeds/`: each
/// `$ command` runs in a shell, and what follows it up to the next `$` is its output.
#[test]
fn readme_adoption_session_is_real() {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    let marker = "<!-- session: in a folder holding a copy of seeds/ -->";
    let start = readme.find(marker).expect("the adoption session in README");
    let block = readme[start + marker.len()..]
        .trim_start()
        .strip_prefix("```console\n")
        .expect("a console block follows");
    let session = &block[..block.find("```").expect("closed block")];
    let dir = copy_of_seeds();
    let bin = std::path::PathBuf::from(env!("CARGO_BIN_EXE_corpuslint"));
    let path = std::env::join_paths(
        std::iter::once(bin.parent().expect("bin folder").to_path_buf()).chain(
            std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
        ),
    )
    .expect("PATH");
    let mut commands = 0;
    for step in session.split("$ ").skip(1) {
        let (command, shown) = step.split_once('\n').expect("a command line");
        let output = std::process::Command::new("sh")
            .args(["-c", command])
            .current_dir(dir.path())
            .env("PATH", &path)
            .env("COLUMNS", "100")
            .output()
            .expect("run sh");
        let printed = String::from_utf8(output.stdout).expect("utf-8");
        assert_eq!(shown, printed, "README output of `{command}`");
        commands += 1;
    }
    assert!(commands >= 3, "README shows the adoption steps");
}
