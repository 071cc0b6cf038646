//! The pre-commit hook as pre-commit runs it: from the repository's top folder, with only
//! the changed files as arguments, inside a corpus root marked by corpuslint.toml.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// A paragraph long enough to count as a duplicate on its own.
const SHARED: &str = "The river flooded the lower town twice this spring, and the council has promised a new levee before the autumn rains arrive in force.";

fn corpuslint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("corpuslint").expect("binary");
    cmd.current_dir(dir)
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1");
    cmd
}

fn git(dir: &Path, args: &[&str]) {
    let status = std::process::Command::new("git")
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.com",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs");
    assert!(
        status.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

fn article(title: &str, body: &str) -> String {
    format!(
        "---\ntitle: {title}\nauthor: Jane Doe\ndate: 2021-12-15\nsource: Example Times\n---\n{body}"
    )
}

/// A committed repository: a corpus root with three articles; `a.txt` holds the shared
/// paragraph and a finding of its own (a no-break space).
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    git(root, &["init", "-q"]);
    write(root, "corpuslint.toml", "");
    write(
        root,
        "news/a.txt",
        &article(
            "Floods",
            &format!("A first paragraph\u{a0}written only for the first article.\n\n{SHARED}\n"),
        ),
    );
    write(
        root,
        "news/b.txt",
        &article(
            "Markets",
            "Prices of grain rose in the market for a third week running.\n",
        ),
    );
    write(
        root,
        "news/sub/d.txt",
        &article(
            "Roads",
            "The new bypass opened to traffic on Monday after two years of work.\n",
        ),
    );
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "corpus"]);
    dir
}

fn text(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Lines of the short format that are findings in `path`.
fn findings_in<'a>(stdout: &'a str, path: &str) -> Vec<&'a str> {
    stdout
        .lines()
        .filter(|line| line.starts_with(&format!("{path}:")))
        .collect()
}

#[test]
fn a_staged_file_is_checked_against_the_committed_corpus() {
    let repo = repository();
    let root = repo.path();
    write(
        root,
        "news/c.txt",
        &article(
            "Levee",
            &format!("A new opening paragraph for the third article.\n\n{SHARED}\n"),
        ),
    );
    git(root, &["add", "news/c.txt"]);

    let output = corpuslint(root)
        .args(["check", "--format", "short", "news/c.txt"])
        .output()
        .expect("runs");
    let stdout = text(&output);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    let own = findings_in(&stdout, "news/c.txt");
    assert!(
        own.iter()
            .any(|l| l.contains("D002") && l.contains("news/a.txt line 9")),
        "{stdout}"
    );
    assert!(findings_in(&stdout, "news/a.txt").is_empty(), "{stdout}");
    assert!(stdout.contains("Checked 1 file:"), "{stdout}");

    // Without the context, the copy goes unnoticed: that is what the context is for.
    let alone = corpuslint(root)
        .args(["check", "--format", "short", "--no-context", "news/c.txt"])
        .output()
        .expect("runs");
    assert_eq!(alone.status.code(), Some(0), "{}", text(&alone));
    assert!(!text(&alone).contains("D002"));

    // The human format shows the original in the context file.
    let human = corpuslint(root)
        .args(["check", "news/c.txt"])
        .output()
        .expect("runs");
    let human = text(&human);
    assert!(human.contains("[news/a.txt:9:1]"), "{human}");
    assert!(human.contains(SHARED), "{human}");

    // The unchanged file's own finding is there when the file itself is checked.
    let whole = corpuslint(root)
        .args(["check", "--format", "short", "."])
        .output()
        .expect("runs");
    assert!(
        findings_in(&text(&whole), "./news/a.txt")
            .iter()
            .any(|l| l.contains("E005")),
        "{}",
        text(&whole)
    );
}

#[test]
fn a_file_checked_from_a_subfolder_is_named_as_given() {
    let repo = repository();
    let root = repo.path();
    write(
        root,
        "news/sub/e.txt",
        &article(
            "Copy",
            &format!("Another opening line for this one.\n\n{SHARED}\n"),
        ),
    );
    let output = corpuslint(&root.join("news/sub"))
        .args(["check", "--format", "short", "e.txt"])
        .output()
        .expect("runs");
    let stdout = text(&output);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        findings_in(&stdout, "e.txt")
            .iter()
            .any(|l| l.contains("D002") && l.contains("../../news/a.txt line 9")),
        "{stdout}"
    );
}

#[test]
fn changed_since_checks_the_changed_and_untracked_files() {
    let repo = repository();
    let root = repo.path();
    // One tracked file edited, one new file not yet added.
    write(
        root,
        "news/b.txt",
        &article(
            "Markets",
            &format!("Prices of grain rose in the market for a third week running.\n\n{SHARED}\n"),
        ),
    );
    write(
        root,
        "news/new.txt",
        &article("Fresh", "A clean and unremarkable new article.\n"),
    );
    write(root, "notes.rs", "// not a corpus file\n");

    let output = corpuslint(root)
        .args(["check", "--format", "short", "--changed-since", "HEAD"])
        .output()
        .expect("runs");
    let stdout = text(&output);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        findings_in(&stdout, "news/b.txt")
            .iter()
            .any(|l| l.contains("D002")),
        "{stdout}"
    );
    assert!(findings_in(&stdout, "news/a.txt").is_empty(), "{stdout}");
    assert!(stdout.contains("Checked 2 files:"), "{stdout}");

    // Committed on the branch counts too, since the merge base.
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "change"]);
    let output = corpuslint(root)
        .args(["check", "--format", "short", "--changed-since", "HEAD~1"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output).contains("Checked 2 files:"),
        "{}",
        text(&output)
    );

    // Nothing changed: nothing checked, and a clean exit.
    let output = corpuslint(root)
        .args(["check", "--changed-since", "HEAD"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert!(text(&output).contains("Checked 0 files:"));
}

#[test]
fn changed_since_fails_clearly_when_git_does() {
    let repo = repository();
    let output = corpuslint(repo.path())
        .args(["check", "--changed-since", "no-such-revision"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("--changed-since") && stderr.contains("no-such-revision"),
        "{stderr}"
    );

    let not_a_repo = tempfile::tempdir().expect("tempdir");
    let output = corpuslint(not_a_repo.path())
        .args(["check", "--changed-since", "HEAD"])
        .env("GIT_CEILING_DIRECTORIES", not_a_repo.path())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));

    let output = corpuslint(repo.path())
        .args(["check", "--changed-since", "HEAD"])
        .env("PATH", "")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot run git"));
}

/// Every file of `dir` (the cache folder aside) and its contents.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir(dir)
        .into_iter()
        .filter(|p| !p.components().any(|c| c.as_os_str() == ".corpuslint_cache"))
        .filter(|p| !p.components().any(|c| c.as_os_str() == ".git"))
        .map(|p| {
            let bytes = std::fs::read(&p).expect("read");
            (p, bytes)
        })
        .collect()
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("list") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(walkdir(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn fix_on_named_files_writes_only_those_files() {
    let repo = repository();
    let root = repo.path();
    let messy = |title: &str| {
        article(
            title,
            "Trailing spaces here.   \n\nA no-break\u{a0}space and a paragraph of its own.\n",
        )
    };
    write(root, "news/b.txt", &messy("Markets"));
    write(root, "news/c.txt", &messy("Levee"));
    write(
        root,
        "news/metadata.jsonl",
        "{\"file_name\": \"c.txt\", \"sha256\": \"0000\"}\n",
    );
    let before = snapshot(root);

    let output = corpuslint(root)
        .args(["fix", "--in-place", "news/c.txt"])
        .output()
        .expect("runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}{}",
        text(&output),
        String::from_utf8_lossy(&output.stderr)
    );
    let after = snapshot(root);
    let changed: Vec<&PathBuf> = after
        .iter()
        .filter(|(path, bytes)| before.get(*path) != Some(bytes))
        .map(|(path, _)| path)
        .collect();
    assert_eq!(changed, [&root.join("news/c.txt")]);
    assert_eq!(before.len(), after.len(), "no file added");
    let fixed = String::from_utf8(after[&root.join("news/c.txt")].clone()).expect("utf-8");
    assert!(
        !fixed.contains('\u{a0}') && !fixed.contains("   \n"),
        "{fixed}"
    );
}

/// Output of `check ARGS` in JSON, and its exit status.
fn check_json(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let output = corpuslint(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .expect("runs");
    (output.status.code(), text(&output))
}

#[test]
fn results_are_the_same_with_and_without_the_cache() {
    let repo = repository();
    let root = repo.path();
    write(
        root,
        "news/c.txt",
        &format!(
            "Home | News | Sport | Contact\n\nA new opening paragraph for the third article.\n\n{SHARED}\n\n{SHARED}\n"
        ),
    );
    write(
        root,
        "news/sub/f.txt",
        "Caf\u{e9} cr\u{e8}me text.\r\nWith CRLF\u{200b} line endings.\r\n",
    );
    let cache = root.join(".corpuslint_cache");
    for args in [
        &["news/c.txt", "news/sub/f.txt"][..],
        &["."][..],
        &["news/sub/f.txt"][..],
    ] {
        let _ = std::fs::remove_dir_all(&cache);
        let without: Vec<&str> = args.iter().copied().chain(["--no-cache"]).collect();
        let reference = check_json(root, &without);
        assert!(!cache.exists(), "--no-cache writes no cache");
        assert_eq!(reference.0, Some(1));
        let cold = check_json(root, args);
        assert!(cache.join("paragraphs.bin").is_file());
        let warm = check_json(root, args);
        assert_eq!(cold, reference, "cold cache, {args:?}");
        assert_eq!(warm, reference, "warm cache, {args:?}");
    }
    let ignore = std::fs::read_to_string(cache.join(".gitignore")).expect("gitignore");
    assert!(ignore.lines().any(|line| line.trim() == "*"));

    // A damaged cache is rebuilt silently, with the same results.
    let file = cache.join("paragraphs.bin");
    let mut bytes = std::fs::read(&file).expect("cache");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x5a;
    std::fs::write(&file, &bytes).expect("damage");
    let reference = check_json(root, &["news/c.txt", "--no-cache"]);
    let output = corpuslint(root)
        .args(["check", "--format", "json", "news/c.txt"])
        .output()
        .expect("runs");
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!((output.status.code(), text(&output)), reference);
    assert_ne!(std::fs::read(&file).expect("cache"), bytes, "rebuilt");

    // An edited file is read afresh, not taken from the cache.
    write(
        root,
        "news/a.txt",
        &article("Floods", "Only new words now.\n"),
    );
    let (code, fresh) = check_json(root, &["news/c.txt"]);
    assert_eq!(
        (code, fresh.clone()),
        check_json(root, &["news/c.txt", "--no-cache"])
    );
    assert!(!fresh.contains("news/a.txt"), "{fresh}");
}

/// Each hook of `.pre-commit-hooks.yaml`, run the way pre-commit runs it (its entry, then
/// the file names), is a valid command line.
#[test]
fn pre_commit_hooks_match_the_command_line() {
    let hooks = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"),
    )
    .expect("hooks file");
    let entries: Vec<&str> = hooks
        .lines()
        .filter_map(|line| line.trim().strip_prefix("entry:"))
        .map(str::trim)
        .collect();
    assert_eq!(entries.len(), 2, "{hooks}");
    assert_eq!(
        hooks.matches("require_serial: true").count(),
        entries.len(),
        "each hook sees all files in one run, so the root loads once"
    );
    for entry in entries {
        let repo = repository();
        let root = repo.path();
        write(
            root,
            "news/c.txt",
            &article("Levee", &format!("Opening words of c.\n\n{SHARED}\n")),
        );
        let mut words = entry.split_whitespace();
        assert_eq!(words.next(), Some("corpuslint"));
        let output = corpuslint(root)
            .args(words)
            .arg("news/c.txt")
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.code() == Some(0) || output.status.code() == Some(1),
            "`{entry}`: {stderr}"
        );
        assert!(!stderr.contains("error"), "`{entry}`: {stderr}");
    }
}
