//! `--changed-since REV`: the files changed since a git revision, asked of `git` itself.
//!
//! Changed means different from where the current branch left `REV` (their merge base)
//! in the working tree: committed on the branch, staged or not yet staged; plus files
//! git does not track yet and does not ignore. Deleted files are left out. Paths are
//! those under the current folder, relative to it.

use std::path::PathBuf;
use std::process::Command;

use crate::error::Error;

/// The files changed since `rev`, sorted, under the current folder.
pub fn changed_since(rev: &str) -> Result<Vec<PathBuf>, Error> {
    if rev.starts_with('-') {
        return Err(Error::Git(format!("`{rev}` is not a revision")));
    }
    let base = git(&["merge-base", rev, "HEAD"])?;
    let base = base.trim();
    let mut files = lines(&git(&[
        "diff",
        "--name-only",
        "--relative",
        "--diff-filter=d",
        "-z",
        base,
        "--",
    ])?);
    files.extend(lines(&git(&[
        "ls-files",
        "--others",
        "--exclude-standard",
        "-z",
    ])?));
    files.sort();
    files.dedup();
    Ok(files)
}

fn lines(output: &str) -> Vec<PathBuf> {
    output
        .split('\0')
        .filter(|name| !name.is_empty())
        .map(PathBuf::from)
        .collect()
}

/// Runs `git ARGS` and returns its standard output; git missing, or failing, is an error
/// that quotes what git said.
fn git(args: &[&str]) -> Result<String, Error> {
    let output = Command::new("git")
        .args(args)
        .output()
        .map_err(|err| Error::Git(format!("cannot run git: {err}")))?;
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stderr);
        let said = said.trim();
        return Err(Error::Git(format!(
            "`git {}` failed: {}",
            args.join(" "),
            if said.is_empty() {
                output.status.to_string()
            } else {
                said.to_string()
            }
        )));
    }
    String::from_utf8(output.stdout).map_err(|_| {
        Error::Git(format!(
            "`git {}` printed file names that are not UTF-8",
            args.join(" ")
        ))
    })
}
