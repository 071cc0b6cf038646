//! `fix` never damages a document: on folders of the shapes found outside scraped news
//! (a Markdown README, a hard-wrapped licence, changelogs, a Debian copyright file, book
//! prose, front matter, READMEs that share their licence section and code fences, code
//! examples given twice or garbled on purpose, an HTML page kept as text) and on
//! the seeds, it changes only what a finding reported with a safe fix, leaves nothing
//! safely fixable, and fixing again changes nothing. See `common/invariant.rs`.
//!
//! `tests/fix_shapes/clean/` holds documents with nothing wrong in them: `fix` must
//! leave each of them as it is. `tests/fix_shapes/noisy/` holds the same kinds of
//! text with real defects (a no-break space, trailing spaces, CRLF, a zero-width space, a
//! repeated paragraph, no final newline), which are fixed without touching the rest.

use std::path::Path;

#[path = "common/invariant.rs"]
mod invariant;

use invariant::{check_fix, short};

fn assert_invariant(dir: &str) {
    let (files, problems) = check_fix(Path::new(dir));
    assert!(!files.is_empty(), "{dir}: no files");
    assert!(
        problems.is_empty(),
        "fix broke its invariant on {dir} ({} problems):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn fix_changes_only_findings_in_documents_of_many_shapes() {
    assert_invariant("tests/fix_shapes");
}

#[test]
fn fix_changes_only_findings_in_seeds() {
    assert_invariant("seeds");
}

/// Every line of a clean document is kept byte for byte, in order.
#[test]
fn fix_leaves_clean_documents_as_they_are() {
    let (files, _) = check_fix(Path::new("tests/fix_shapes/clean"));
    assert!(files.len() >= 10, "{} files", files.len());
    let mut problems = Vec::new();
    for file in &files {
        if file.output == file.input {
            continue;
        }
        let output: Vec<&str> = file.output.split('\n').collect();
        let before = problems.len();
        let mut kept = 0;
        for (n, line) in file.input.split('\n').enumerate() {
            // Blank lines are left out: one matched far ahead would hide the lines between.
            if line.trim().is_empty() {
                continue;
            }
            match output[kept..].iter().position(|l| l == &line) {
                Some(at) => kept += at + 1,
                None => problems.push(format!(
                    "{}:{}: `{}` is not in the output",
                    file.path.display(),
                    n + 1,
                    short(line)
                )),
            }
        }
        if problems.len() == before {
            problems.push(format!(
                "{}: changed, every line kept: `{}`",
                file.path.display(),
                short(&file.output)
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "fix changed clean documents ({} lines):\n{}",
        problems.len(),
        problems.join("\n")
    );
}
