//! Line endings change no finding but their own: a corpus saved with CRLF (as Windows
//! tools and many scrapers save it) gets the findings the same corpus gets with LF, file
//! for file, line for line and rule for rule, apart from `E003` and `E004`, which are
//! about the line endings themselves.

use std::collections::BTreeSet;
use std::path::Path;

use assert_cmd::Command;

#[path = "common/fixture_texts.rs"]
mod fixture_texts;
use fixture_texts::fixture_texts;

/// The texts of the rule fixtures and of the seeds, with LF line endings; a text with a
/// lone CR, whose line endings are its finding, is left out.
fn texts() -> Vec<String> {
    let seeds = std::fs::read_dir("seeds")
        .expect("seeds/")
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .filter_map(|path| String::from_utf8(std::fs::read(path).expect("readable")).ok());
    fixture_texts()
        .into_iter()
        .chain(seeds)
        .map(|text| text.replace("\r\n", "\n"))
        .filter(|text| !text.contains('\r'))
        .collect()
}

/// (file, line, code) of every finding of `check` in `dir`, but those about line endings.
fn findings(dir: &Path) -> BTreeSet<(String, usize, String)> {
    let output = Command::cargo_bin("corpuslint")
        .expect("binary")
        .args(["check", "--format", "short", "--no-cache"])
        .arg(dir)
        .output()
        .expect("corpuslint runs");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    let prefix = format!("{}/", dir.display());
    stdout
        .lines()
        .filter_map(|line| {
            let rest = line.strip_prefix(&prefix)?;
            let mut parts = rest.splitn(4, ':');
            let (file, line, _column, message) =
                (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
            let code = message.split_whitespace().next()?;
            if code == "E003" || code == "E004" {
                return None;
            }
            Some((file.to_string(), line.parse().ok()?, code.to_string()))
        })
        .collect()
}

#[test]
fn crlf_changes_no_finding_but_the_line_endings_own() {
    let texts = texts();
    assert!(texts.len() > 100, "only {} texts", texts.len());
    let lf = tempfile::tempdir().expect("tempdir");
    let crlf = tempfile::tempdir().expect("tempdir");
    for (i, text) in texts.iter().enumerate() {
        let name = format!("{i:04}.txt");
        std::fs::write(lf.path().join(&name), text).expect("write");
        std::fs::write(crlf.path().join(&name), text.replace('\n', "\r\n")).expect("write");
    }
    let (with_lf, with_crlf) = (findings(lf.path()), findings(crlf.path()));
    assert!(with_lf.len() > 100, "only {} findings", with_lf.len());
    let only_lf: Vec<_> = with_lf.difference(&with_crlf).collect();
    let only_crlf: Vec<_> = with_crlf.difference(&with_lf).collect();
    assert!(
        only_lf.is_empty() && only_crlf.is_empty(),
        "found with LF only: {only_lf:?}\nfound with CRLF only: {only_crlf:?}"
    );
}
