//! Finding the files to check and loading them as documents.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::document::{DocId, Document};
use crate::error::FileError;

/// The documents of a run, sorted by path; a document's index is its `DocId`.
///
/// Auxiliary documents (provenance files: sidecars, manifests) follow them: they are not
/// checked, but findings can point into them. Their ids start at `documents.len()`.
#[derive(Debug, Default)]
pub struct Corpus {
    pub documents: Vec<Document>,
    pub auxiliary: Vec<Document>,
}

impl Corpus {
    pub fn get(&self, id: DocId) -> &Document {
        match id.checked_sub(self.documents.len()) {
            Some(aux) => &self.auxiliary[aux],
            None => &self.documents[id],
        }
    }

    /// Adds an auxiliary document and returns its id.
    pub fn add_auxiliary(&mut self, doc: Document) -> DocId {
        self.auxiliary.push(doc);
        self.documents.len() + self.auxiliary.len() - 1
    }

    pub fn len(&self) -> usize {
        self.documents.len()
    }

    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
    }
}

/// The files to read under `paths`, sorted and without repeats, and the paths that failed.
///
/// Files named on the command line are read whatever their extension; folders are walked
/// for files with one of `extensions`, skipping hidden entries (`.git` among them).
pub fn discover(paths: &[PathBuf], extensions: &[String]) -> (Vec<PathBuf>, Vec<FileError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for root in paths {
        let display = root.to_string_lossy();
        match std::fs::metadata(root) {
            Err(err) => errors.push(FileError::io(display, &err)),
            Ok(meta) if meta.is_file() => files.push(root.clone()),
            Ok(_) => walk(root, extensions, &mut files, &mut errors),
        }
    }
    files.sort();
    files.dedup();
    (files, errors)
}

fn walk(root: &Path, extensions: &[String], files: &mut Vec<PathBuf>, errors: &mut Vec<FileError>) {
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
    for entry in walker {
        match entry {
            Ok(entry) => {
                if entry.file_type().is_file() && has_extension(entry.path(), extensions) {
                    files.push(entry.into_path());
                }
            }
            Err(err) => errors.push(walk_error(root, &err)),
        }
    }
}

fn walk_error(root: &Path, err: &walkdir::Error) -> FileError {
    let path = err.path().unwrap_or(root).to_string_lossy().into_owned();
    if let Some(ancestor) = err.loop_ancestor() {
        return FileError::new(
            path,
            format!("symbolic link loop (points back to {})", ancestor.display()),
        );
    }
    match err.io_error() {
        Some(io) => FileError::io(path, io),
        None => FileError::new(path, err.to_string()),
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

fn has_extension(path: &Path, extensions: &[String]) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| extensions.iter().any(|want| want.eq_ignore_ascii_case(ext)))
}

/// Reads and decodes `files` in parallel, keeping their order.
pub fn load(files: Vec<PathBuf>) -> (Corpus, Vec<FileError>) {
    let loaded: Vec<Result<Document, FileError>> = files
        .into_par_iter()
        .map(|path| match std::fs::read(&path) {
            Ok(bytes) => Ok(Document::from_bytes(path, bytes)),
            Err(err) => Err(FileError::io(path.to_string_lossy(), &err)),
        })
        .collect();
    let mut corpus = Corpus::default();
    let mut errors = Vec::new();
    for result in loaded {
        match result {
            Ok(doc) => corpus.documents.push(doc),
            Err(err) => errors.push(err),
        }
    }
    (corpus, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_folders_for_text_files_and_skips_hidden_entries() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        std::fs::create_dir_all(root.join("sub/.git")).expect("mkdir");
        for name in [
            "b.txt",
            "a.md",
            "c.json",
            ".hidden.txt",
            "sub/d.TXT",
            "sub/.git/e.txt",
        ] {
            std::fs::write(root.join(name), "x\n").expect("write");
        }
        let (files, errors) = discover(&[root.to_path_buf()], &["txt".into(), "md".into()]);
        assert!(errors.is_empty(), "{errors:?}");
        let names: Vec<_> = files
            .iter()
            .map(|p| {
                p.strip_prefix(root)
                    .expect("under root")
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(names, ["a.md", "b.txt", "sub/d.TXT"]);
    }

    #[test]
    fn missing_paths_are_errors() {
        let (files, errors) = discover(&[PathBuf::from("does/not/exist")], &["txt".into()]);
        assert!(files.is_empty());
        assert_eq!(
            errors,
            [FileError::new("does/not/exist", "no such file or folder")]
        );
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_errors() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        std::fs::create_dir(root.join("a")).expect("mkdir");
        std::fs::write(root.join("a/x.txt"), "x\n").expect("write");
        std::os::unix::fs::symlink(root, root.join("a/loop")).expect("symlink");
        let (files, errors) = discover(&[root.to_path_buf()], &["txt".into()]);
        assert_eq!(files.len(), 1);
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].message.contains("symbolic link loop"),
            "{errors:?}"
        );
    }
}
