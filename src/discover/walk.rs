//! One folder walk, by the `ignore` crate's walker: it keeps the matchers of the ignore
//! files of the folders it is in and leaves out what they exclude.
//!
//! Its defaults are not corpuslint's, so it is set up here:
//! - the ignore files of a folder (`.git/info/exclude`, `.gitignore`, `.ignore`) make one
//!   set of patterns, in which a later file wins over an earlier one, and the deepest
//!   folder with a say decides; the crate's own readers would give every `.ignore` the
//!   last word over every `.gitignore`, and would look for `info/exclude` where a
//!   `.git` file points. So the three are read as one list of custom ignore files;
//! - the ignore files of parent folders count up to the git repository's top and not
//!   above it, nor outside a repository; the crate reads them up to `/`. They are added
//!   as explicit ignore files instead, which the crate asks last;
//! - hidden entries are left out even when an ignore file lets them in, so the check is
//!   a filter of our own;
//! - the crate says nothing of an ignore file it cannot read (or that is not UTF-8); each
//!   walked folder's ignore files are looked at again for that.

use std::path::{Path, PathBuf};

use ignore::gitignore::GitignoreBuilder;
use ignore::{DirEntry, WalkBuilder};

use crate::error::FileError;

/// The ignore files of a folder: where two disagree, the later one wins.
const IGNORE_FILES: [&str; 3] = [".git/info/exclude", ".gitignore", ".ignore"];

/// Whether folder walks leave out what `.gitignore`, `.ignore` and `.git/info/exclude`
/// files exclude.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IgnoreFiles {
    Respect,
    Disregard,
}

/// Whether a walk takes the file at `path`: its name ends with a dot and one of
/// `extensions`, in any case (`jsonl.gz` takes `part-0.JSONL.GZ`); the empty extension
/// takes files that have none (`README`, `COPYING`).
pub fn has_extension(path: &Path, extensions: &[String]) -> bool {
    let name = path.file_name().map(std::ffi::OsStr::as_encoded_bytes);
    // A name has an extension, as `Path::extension` has it, when a dot follows its first
    // character: looked for in the name taken once, not in the path parsed again.
    let Some(name) = name.filter(|name| name.iter().skip(1).any(|&b| b == b'.')) else {
        return extensions.iter().any(String::is_empty);
    };
    extensions
        .iter()
        .filter(|want| !want.is_empty())
        .any(|want| {
            let suffix = want.len() + 1;
            name.len() > suffix
                && name[name.len() - suffix] == b'.'
                && name[name.len() - want.len()..].eq_ignore_ascii_case(want.as_bytes())
        })
}

/// What a walk looks for, for messages: `.txt, .md and files without an extension`.
pub fn describe_extensions(extensions: &[String]) -> String {
    let mut kinds: Vec<String> = extensions
        .iter()
        .filter(|ext| !ext.is_empty())
        .map(|ext| format!(".{ext}"))
        .collect();
    if extensions.iter().any(String::is_empty) {
        kinds.push("files without an extension".to_string());
    }
    match kinds.split_last() {
        None => "nothing".to_string(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// Adds to `files` those under the folder `root` with one of `extensions`, and to `errors`
/// the entries that could not be read, then the ignore files that could not be used.
pub(super) fn walk(
    root: &Path,
    extensions: &[String],
    ignore_files: IgnoreFiles,
    files: &mut Vec<PathBuf>,
    errors: &mut Vec<FileError>,
) {
    // With ignore files, the walk goes through the resolved root: the patterns of parent
    // folders match resolved paths, and errors name ignore files by them. What it finds
    // is shown under `root` as given.
    let resolved = match ignore_files {
        IgnoreFiles::Respect => std::fs::canonicalize(root).ok(),
        IgnoreFiles::Disregard => None,
    };
    let frame = Frame {
        root,
        walked: resolved.as_deref().unwrap_or(root),
    };
    let mut builder = WalkBuilder::new(frame.walked);
    builder
        .standard_filters(false)
        .require_git(false)
        .follow_links(true)
        // Entries of one folder share its path up to their names: comparing whole paths
        // by bytes orders them by name, without taking each name out of its path.
        .sort_by_file_path(|a, b| a.as_os_str().cmp(b.as_os_str()))
        .filter_entry(|entry| !is_hidden(entry.file_name()));
    let mut ignore_errors = Vec::new();
    if let Some(resolved) = &resolved {
        for name in IGNORE_FILES {
            builder.add_custom_ignore_filename(name);
        }
        add_parent_ignore_files(&mut builder, resolved, &mut ignore_errors);
    }
    for entry in builder.build() {
        match entry {
            Ok(entry) => {
                let Some(kind) = entry.file_type() else {
                    continue;
                };
                if kind.is_dir() {
                    if resolved.is_some() {
                        folder_ignore_errors(&entry, &mut ignore_errors);
                    }
                } else if kind.is_file() && has_extension(entry.path(), extensions) {
                    files.push(frame.shown(entry.into_path()));
                }
            }
            Err(err) => errors.push(frame.error(&err)),
        }
    }
    errors.extend(ignore_errors);
}

/// Gives the ignore files of the folders above `resolved`, up to its git repository's
/// top, to the walk: as git does, and none outside a repository.
fn add_parent_ignore_files(
    builder: &mut WalkBuilder,
    resolved: &Path,
    errors: &mut Vec<FileError>,
) {
    let Some(top) = resolved.ancestors().find(|dir| dir.join(".git").exists()) else {
        return;
    };
    let parents: Vec<&Path> = resolved
        .ancestors()
        .skip(1)
        .take_while(|dir| dir.starts_with(top))
        .collect();
    // Later files win: the deeper folder, then the later name.
    for dir in parents.into_iter().rev() {
        // Explicit ignore files match paths relative to the builder's current folder.
        builder.current_dir(dir);
        for name in IGNORE_FILES {
            let file = dir.join(name);
            if !file.is_file() {
                continue;
            }
            if let Some(err) = builder.add_ignore(&file) {
                push_ignore_errors(dir, &err, errors);
            }
        }
    }
}

/// The errors of the ignore files of the folder `entry`: those the walk reports, and those
/// of files it could not read, which it drops.
fn folder_ignore_errors(entry: &DirEntry, errors: &mut Vec<FileError>) {
    let dir = entry.path();
    let mut reported = Vec::new();
    if let Some(err) = entry.error() {
        push_ignore_errors(dir, err, &mut reported);
    }
    for name in IGNORE_FILES {
        let file = dir.join(name);
        let file_name = file.to_string_lossy();
        let before = errors.len();
        errors.extend(reported.extract_if(.., |error| error.path == file_name));
        if errors.len() > before || !file.is_file() || reads_as_text(&file) {
            continue;
        }
        if let Some(err) = GitignoreBuilder::new(dir).add(&file) {
            errors.push(FileError::new(file_name, err.to_string()));
        }
    }
    // What is left is about the folder's patterns as a whole.
    errors.extend(reported);
}

/// Whether the ignore file can be read as UTF-8 text, as reading its patterns needs.
fn reads_as_text(file: &Path) -> bool {
    std::fs::read(file).is_ok_and(|bytes| std::str::from_utf8(&bytes).is_ok())
}

/// One error per ignore file in `err` (which may tell of several), each with what reading
/// that file alone reports; errors of no single file are named by `dir`.
fn push_ignore_errors(dir: &Path, err: &ignore::Error, errors: &mut Vec<FileError>) {
    let mut parts = Vec::new();
    flatten(err, &mut parts);
    let mut at = 0;
    while at < parts.len() {
        let path = file_of(parts[at]);
        let same = parts[at..]
            .iter()
            .take_while(|part| file_of(part) == path)
            .count();
        let message = parts[at..at + same]
            .iter()
            .map(|part| part.to_string())
            .collect::<Vec<_>>()
            .join("\n");
        errors.push(FileError::new(
            path.unwrap_or(dir).to_string_lossy(),
            message,
        ));
        at += same;
    }
}

fn flatten<'a>(err: &'a ignore::Error, parts: &mut Vec<&'a ignore::Error>) {
    match err {
        ignore::Error::Partial(errs) => errs.iter().for_each(|err| flatten(err, parts)),
        other => parts.push(other),
    }
}

fn file_of(err: &ignore::Error) -> Option<&Path> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path),
        _ => None,
    }
}

/// The folder as named by the user, and the path the walk went through.
struct Frame<'a> {
    root: &'a Path,
    walked: &'a Path,
}

impl Frame<'_> {
    /// `path`, found by the walk, as found under the root as given.
    fn shown(&self, path: PathBuf) -> PathBuf {
        // By bytes: `top/` and `top` are the same path, but not the same name.
        if self.walked.as_os_str() == self.root.as_os_str() {
            return path;
        }
        // The walk's paths begin with the folder walked: taken off as text, every path of
        // a large root is not parsed into components once more.
        let rest = path
            .to_str()
            .zip(self.walked.to_str())
            .and_then(|(path, walked)| {
                path.strip_prefix(walked)?
                    .strip_prefix(std::path::MAIN_SEPARATOR)
            });
        if let Some(rest) = rest.filter(|rest| !rest.is_empty()) {
            return self.root.join(rest);
        }
        match path.strip_prefix(self.walked) {
            Ok(rest) if rest.as_os_str().is_empty() => self.root.to_path_buf(),
            Ok(rest) => self.root.join(rest),
            Err(_) => path,
        }
    }

    fn shown_name(&self, path: &Path) -> String {
        self.shown(path.to_path_buf())
            .to_string_lossy()
            .into_owned()
    }

    /// The error of an entry the walk could not read, naming it as the user would.
    fn error(&self, err: &ignore::Error) -> FileError {
        let mut err = err;
        let mut path = None;
        loop {
            match err {
                ignore::Error::WithDepth { err: inner, .. } => err = inner,
                ignore::Error::WithPath {
                    path: at,
                    err: inner,
                } => {
                    path = Some(at.as_path());
                    err = inner;
                }
                _ => break,
            }
        }
        let name = || self.shown_name(path.unwrap_or(self.walked));
        match err {
            ignore::Error::Loop { ancestor, child } => FileError::new(
                self.shown_name(child),
                format!(
                    "symbolic link loop (points back to {})",
                    self.shown(ancestor.clone()).display()
                ),
            ),
            ignore::Error::Io(io) => FileError::io(name(), cause(io)),
            other => FileError::new(name(), other.to_string()),
        }
    }
}

/// The system's error under the walk's wrapping, whose message names the path again.
fn cause(io: &std::io::Error) -> &std::io::Error {
    io.get_ref()
        .and_then(|inner| inner.source())
        .and_then(|source| source.downcast_ref::<std::io::Error>())
        .unwrap_or(io)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}
