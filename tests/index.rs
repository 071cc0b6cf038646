//! A check of a few named files of a corpus root goes through the index beside the cache:
//! it reads the named files and the files they relate to, not the whole root. Its
//! findings are those of a run that reads every file (`--no-cache`), finding for finding,
//! on a first run, on later runs, after files change, are removed or added, and with an
//! index that is damaged or from another version.

use std::path::Path;
use std::time::{Duration, SystemTime};

use assert_cmd::Command;

const WORDS: &[&str] = &[
    "river",
    "council",
    "harbour",
    "winter",
    "market",
    "school",
    "bridge",
    "station",
    "garden",
    "library",
    "farmer",
    "teacher",
    "engineer",
    "museum",
    "village",
    "railway",
    "festival",
    "election",
    "budget",
    "hospital",
    "forest",
    "mountain",
    "island",
    "factory",
    "theatre",
    "museum",
    "orchard",
    "meadow",
    "quarry",
    "ferry",
    "lighthouse",
    "chapel",
    "tavern",
    "mill",
    "workshop",
    "parliament",
    "committee",
    "survey",
    "report",
    "storm",
    "flood",
    "harvest",
    "season",
    "journey",
    "letter",
    "century",
    "painting",
    "concert",
    "audience",
    "regiment",
];

/// A sentence of words drawn from `seed`, the same for the same seed.
fn sentence(seed: &mut u64, words: usize) -> String {
    let mut out = Vec::with_capacity(words);
    for _ in 0..words {
        *seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        out.push(WORDS[(*seed >> 33) as usize % WORDS.len()]);
    }
    let mut text = out.join(" ");
    text[..1].make_ascii_uppercase();
    text + "."
}

fn paragraph(seed: u64) -> String {
    let mut seed = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    (0..3)
        .map(|_| sentence(&mut seed, 12))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A page of `site`: its template lines around `body`.
fn page(site: &str, body: &[String]) -> String {
    format!(
        "{site} Gazette\n\nHome | News | Sport | Weather | Contact\n\n{}\n\nShare this article\n\nCopyright {site} Media Group. All rights reserved.\n",
        body.join("\n\n")
    )
}

fn write(root: &Path, name: &str, text: &str) {
    let path = root.join(name);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(&path, text).expect("write");
    age(root, name, 3600);
}

/// Dates the file `seconds` back: files written just before an index may change again
/// within the same tick of the clock, and are read again rather than taken from it.
fn age(root: &Path, name: &str, seconds: u64) {
    let file = std::fs::File::options()
        .write(true)
        .open(root.join(name))
        .expect("open");
    file.set_modified(SystemTime::now() - Duration::from_secs(seconds))
        .expect("set mtime");
}

/// Three sites of fourteen pages: site template, pages that repeat a paragraph of their
/// own or of an earlier page, edit one, reuse the halves of two, copy a whole page.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    write(root, "corpuslint.toml", "");
    for (s, site) in ["north", "south", "east"].iter().enumerate() {
        for n in 0..14u64 {
            let seed = (s as u64) * 100 + n;
            let mut body: Vec<String> = (0..3).map(|p| paragraph(seed * 10 + p)).collect();
            match n % 5 {
                // A paragraph of a page of the previous site.
                1 if s > 0 => body.push(paragraph((seed - 100) * 10 + 1)),
                // An edited paragraph of the page before.
                2 => body.push(paragraph((seed - 1) * 10).replacen("river", "canal", 1)),
                // The halves of two paragraphs of the page two before, run together.
                3 => {
                    let (a, b) = (paragraph((seed - 2) * 10), paragraph((seed - 2) * 10 + 2));
                    body.push(format!("{} {}", &a[..a.len() / 2], &b[b.len() / 2..]));
                    body.push(format!("{} {}", &b[..b.len() / 2], &a[a.len() / 2..]));
                }
                4 => body[0] = body[0].replacen(' ', "\u{a0}", 1),
                // A paragraph said twice.
                _ if n > 0 => body.push(body[1].clone()),
                _ => {}
            }
            write(root, &format!("{site}/page-{n:02}.txt"), &page(site, &body));
        }
    }
    // A page saved twice.
    let copy = std::fs::read_to_string(root.join("south/page-03.txt")).expect("read");
    write(root, "east/page-99.txt", &copy);
    // A manifest of one folder: one entry holds, one names a hash its file no longer has.
    let bytes = std::fs::read(root.join("north/page-00.txt")).expect("read");
    let manifest = format!(
        "{{\"file_name\": \"page-00.txt\", \"sha256\": \"{}\", \"author\": \"Jane Doe\"}}\n\
         {{\"file_name\": \"page-01.txt\", \"sha256\": \"{}\"}}\n",
        corpuslint::provenance::sha256_hex(&bytes),
        "0".repeat(64)
    );
    write(root, "north/metadata.jsonl", &manifest);
    dir
}

fn corpuslint(root: &Path) -> Command {
    let mut cmd = Command::cargo_bin("corpuslint").expect("binary");
    cmd.current_dir(root).env("NO_COLOR", "1");
    cmd
}

/// The findings of a check of `files` (stdout and exit code), and the files it read.
fn check(root: &Path, files: &[&str], extra: &[&str]) -> (String, Option<i32>, usize) {
    let out = corpuslint(root)
        .args(["check", "--format", "short", "-v"])
        .args(extra)
        .args(files)
        .output()
        .expect("runs");
    let read = String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| l.starts_with("read "))
        .count();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status.code(),
        read,
    )
}

/// Checks `files` through the index and by reading every file; the findings must agree.
/// Gives the number of files the run through the index read.
fn agree(root: &Path, files: &[&str]) -> usize {
    let (full, full_code, full_read) = check(root, files, &["--no-cache"]);
    let (indexed, code, read) = check(root, files, &[]);
    assert_eq!(indexed, full, "findings of {files:?}");
    assert_eq!(code, full_code);
    assert!(read <= full_read);
    read
}

const NAMED: &[&[&str]] = &[
    &["south/page-01.txt"],
    &["south/page-02.txt"],
    &["east/page-03.txt"],
    &["east/page-99.txt"],
    &["north/page-04.txt", "east/page-02.txt"],
];

fn all_agree(root: &Path) -> usize {
    NAMED.iter().map(|files| agree(root, files)).sum()
}

#[test]
fn the_index_gives_the_findings_of_a_full_run() {
    let dir = corpus();
    let root = dir.path();
    let index = root.join(".corpuslint_cache/index.bin");
    // The corpus has findings of every family for the comparison to weigh.
    let (full, _, files) = check(root, &["."], &["--no-cache"]);
    for code in [
        "D001", "D002", "D003", "D004", "D005", "C001", "E005", "M008",
    ] {
        assert!(full.contains(code), "{code} in\n{full}");
    }
    // First run: no index; it is written.
    all_agree(root);
    assert!(index.exists());
    // Later runs read the named files and those they relate to, not the whole root.
    let read = agree(root, &["north/page-00.txt"]);
    assert!(read < files / 2, "{read} of {files} files read");
    all_agree(root);

    // A context file edited: it now holds a paragraph of a named file.
    let named = std::fs::read_to_string(root.join("south/page-02.txt")).expect("read");
    let borrowed = named.split("\n\n").nth(3).expect("a paragraph").to_string();
    let edited = std::fs::read_to_string(root.join("north/page-10.txt")).expect("read");
    write(
        root,
        "north/page-10.txt",
        &format!("{edited}\n{borrowed}\n"),
    );
    age(root, "north/page-10.txt", 1800);
    all_agree(root);

    // A context file removed, one added that copies a paragraph of an unchanged file.
    std::fs::remove_file(root.join("south/page-03.txt")).expect("remove");
    let source = std::fs::read_to_string(root.join("north/page-06.txt")).expect("read");
    let taken = source
        .split("\n\n")
        .nth(2)
        .expect("a paragraph")
        .to_string();
    write(
        root,
        "south/page-50.txt",
        &page("south", &[paragraph(777), taken]),
    );
    all_agree(root);
    agree(root, &["south/page-50.txt"]);

    // Only the time of a file changed.
    age(root, "east/page-01.txt", 60);
    all_agree(root);
}

#[test]
fn a_few_changed_files_are_read_again_rather_than_the_index_rewritten() {
    let dir = corpus();
    let root = dir.path();
    // Enough files that two changed ones are not worth writing the index again.
    for n in 0..1100u64 {
        write(
            root,
            &format!("west/page-{n:04}.txt"),
            &page("west", &[paragraph(5000 + n)]),
        );
    }
    let index = root.join(".corpuslint_cache/index.bin");
    agree(root, &["north/page-00.txt"]);
    let written = std::fs::read(&index).expect("index written");

    // The named file edited, and a context file now holding a paragraph of it.
    let named = std::fs::read_to_string(root.join("south/page-02.txt")).expect("read");
    write(
        root,
        "south/page-02.txt",
        &format!("{named}\n{}\n", paragraph(4242)),
    );
    let borrowed = named.split("\n\n").nth(3).expect("a paragraph").to_string();
    let edited = std::fs::read_to_string(root.join("west/page-0007.txt")).expect("read");
    write(
        root,
        "west/page-0007.txt",
        &format!("{edited}\n{borrowed}\n"),
    );
    for _ in 0..2 {
        agree(root, &["south/page-02.txt"]);
        agree(root, &["north/page-00.txt", "west/page-0007.txt"]);
    }
    let now = std::fs::read(&index).expect("index");
    assert!(now == written, "the index is not written for two files");

    // Many files changed: the index is written again, and still agrees.
    for n in 0..40u64 {
        write(
            root,
            &format!("west/page-{n:04}.txt"),
            &page("west", &[paragraph(9000 + n)]),
        );
    }
    agree(root, &["south/page-02.txt"]);
    let now = std::fs::read(&index).expect("index");
    assert!(now != written, "the index is written again");
    agree(root, &["south/page-02.txt"]);
}

#[test]
fn a_damaged_or_foreign_index_is_rebuilt() {
    let dir = corpus();
    let root = dir.path();
    let index = root.join(".corpuslint_cache/index.bin");
    all_agree(root);
    let good = std::fs::read(&index).expect("index written");
    // Cut short, then a byte changed, then written by another version.
    std::fs::write(&index, &good[..good.len() / 2]).expect("write");
    all_agree(root);
    assert_eq!(std::fs::read(&index).expect("rewritten").len(), good.len());
    let mut flipped = good.clone();
    flipped[good.len() / 3] ^= 0x55;
    std::fs::write(&index, &flipped).expect("write");
    all_agree(root);
    // Another version, its checksum made to fit.
    let mut other = good.clone();
    other[12] ^= 0x01;
    let body = other.len() - 8;
    let check = xxhash_rust::xxh3::xxh3_64(&other[..body]).to_le_bytes();
    other[body..].copy_from_slice(&check);
    std::fs::write(&index, &other).expect("write");
    all_agree(root);
    std::fs::write(&index, b"").expect("write");
    all_agree(root);
}

#[test]
fn fix_of_a_named_file_and_the_check_after_it_agree() {
    let dir = corpus();
    let root = dir.path();
    let (before, _, _) = check(root, &["east/page-04.txt"], &[]);
    assert!(before.contains("E005"), "{before}");
    corpuslint(root)
        .args(["fix", "--in-place", "east/page-04.txt"])
        .output()
        .expect("runs");
    let (after, _, _) = check(root, &["east/page-04.txt"], &[]);
    assert!(
        !after.contains("E005"),
        "{after}\n{}",
        std::fs::read_to_string(root.join("east/page-04.txt")).unwrap_or_default()
    );
    agree(root, &["east/page-04.txt"]);
}

#[test]
fn an_edited_line_of_site_template_brings_in_no_page_holding_that_line() {
    let dir = corpus();
    let root = dir.path();
    // A notice long enough to be sketched, on every page: site template.
    let notice = "We use cookies to give you the best experience on our website. By continuing \
                  to browse the pages of this site, you agree to our use of cookies.";
    let pages: Vec<String> = ["north", "south", "east"]
        .iter()
        .flat_map(|site| (0..14).map(move |n| format!("{site}/page-{n:02}.txt")))
        .collect();
    for name in &pages {
        let text = std::fs::read_to_string(root.join(name)).expect("read");
        write(
            root,
            name,
            &text.replacen("\n\n", &format!("\n\n{notice}\n\n"), 1),
        );
    }
    all_agree(root);
    let named = "north/page-05.txt";
    let before = agree(root, &[named]);
    // One word of the notice changed on the named page: its bands and fingerprints are
    // those of the notice on every other page, where it is template and never compared.
    let text = std::fs::read_to_string(root.join(named)).expect("read");
    let edited = text.replacen("the best experience", "the finest experience", 1);
    assert_ne!(edited, text);
    write(root, named, &edited);
    let after = agree(root, &[named]);
    assert!(
        after <= before + 1,
        "{after} files read with the notice edited, {before} before, of {}",
        pages.len()
    );
}
