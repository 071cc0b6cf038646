//! What a run checks: the walk of the named folders (ignore files, extensions, hidden
//! entries), the include and exclude globs, `--changed-since`, and the context files of a
//! corpus root (`scope`).

pub mod changed;
pub mod scope;

use std::path::{Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use walkdir::WalkDir;

use crate::error::{Error, FileError};
use crate::settings::resolve::FileSettings;

/// The files to check: discovered under the paths, then kept by the include and exclude
/// globs of the settings.
pub fn files(settings: &FileSettings) -> Result<(Vec<PathBuf>, Vec<FileError>), Error> {
    files_under(settings, &settings.paths)
}

/// [`files`] under `paths` rather than the paths of `settings`.
pub fn files_under(
    settings: &FileSettings,
    paths: &[PathBuf],
) -> Result<(Vec<PathBuf>, Vec<FileError>), Error> {
    let ignore_files = if settings.respect_ignore_files {
        IgnoreFiles::Respect
    } else {
        IgnoreFiles::Disregard
    };
    let (files, errors) = discover_with(paths, &settings.extensions, ignore_files);
    let kept = files
        .into_iter()
        .filter(|path| settings.keeps(path))
        .collect();
    Ok((kept, errors))
}

/// Whether folder walks leave out what `.gitignore`, `.ignore` and `.git/info/exclude`
/// files exclude.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IgnoreFiles {
    Respect,
    Disregard,
}

/// The files to read under `paths`, sorted and without repeats, and the paths that failed.
///
/// Files named on the command line are read whatever their extension; folders are walked
/// for files with one of `extensions`, skipping hidden entries (`.git` among them) and what
/// ignore files exclude.
pub fn discover(paths: &[PathBuf], extensions: &[String]) -> (Vec<PathBuf>, Vec<FileError>) {
    discover_with(paths, extensions, IgnoreFiles::Respect)
}

/// [`discover`], with ignore files respected or not. Files named in `paths` are read even
/// when an ignore file excludes them: naming a file is asking for it.
pub fn discover_with(
    paths: &[PathBuf],
    extensions: &[String],
    ignore_files: IgnoreFiles,
) -> (Vec<PathBuf>, Vec<FileError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for root in paths {
        let display = root.to_string_lossy();
        match std::fs::metadata(root) {
            Err(err) => errors.push(FileError::io(display, &err)),
            Ok(meta) if meta.is_file() => files.push(root.clone()),
            Ok(_) => walk(root, extensions, ignore_files, &mut files, &mut errors),
        }
    }
    files.sort();
    files.dedup();
    (files, errors)
}

fn walk(
    root: &Path,
    extensions: &[String],
    ignore_files: IgnoreFiles,
    files: &mut Vec<PathBuf>,
    errors: &mut Vec<FileError>,
) {
    let mut ignores = match ignore_files {
        IgnoreFiles::Respect => IgnoreStack::for_root(root),
        IgnoreFiles::Disregard => None,
    };
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            if entry.depth() == 0 {
                return true;
            }
            if is_hidden(entry.file_name()) {
                return false;
            }
            match &mut ignores {
                Some(ignores) => ignores.admits(root, entry),
                None => true,
            }
        });
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
    if let Some(ignores) = ignores {
        errors.extend(ignores.errors);
    }
}

/// The ignore files in effect at the current point of a depth-first walk: those of the
/// walked root's folders up to its git repository, then one layer per folder entered.
/// Paths are matched in absolute form, as the layers of parent folders need.
struct IgnoreStack {
    /// The root, resolved: walked paths are matched under it.
    absolute_root: PathBuf,
    /// (depth of the folder holding the files, their patterns), shallowest first.
    layers: Vec<(usize, Gitignore)>,
    /// Ignore files that could not be read or hold invalid patterns.
    errors: Vec<FileError>,
}

impl IgnoreStack {
    /// The stack at `root`; `None` when the root cannot be resolved (the walk reports that).
    fn for_root(root: &Path) -> Option<Self> {
        let absolute_root = std::fs::canonicalize(root).ok()?;
        let mut stack = Self {
            absolute_root: absolute_root.clone(),
            layers: Vec::new(),
            errors: Vec::new(),
        };
        // Parent folders count up to the repository's top, as they do for git.
        let repository = absolute_root
            .ancestors()
            .find(|dir| dir.join(".git").exists());
        let parents: Vec<&Path> = match repository {
            Some(top) => absolute_root
                .ancestors()
                .skip(1)
                .take_while(|dir| dir.starts_with(top))
                .collect(),
            None => Vec::new(),
        };
        for dir in parents.into_iter().rev() {
            stack.enter(dir, 0);
        }
        stack.enter(&absolute_root, 0);
        Some(stack)
    }

    /// Whether the walk takes `entry` in; a folder taken in brings its own ignore files.
    fn admits(&mut self, root: &Path, entry: &walkdir::DirEntry) -> bool {
        let depth = entry.depth();
        // Leaving folders: their layers no longer apply.
        while self.layers.last().is_some_and(|(at, _)| *at >= depth) {
            self.layers.pop();
        }
        let is_dir = entry.file_type().is_dir();
        if self.layers.is_empty() && !is_dir {
            return true;
        }
        let relative = entry.path().strip_prefix(root).unwrap_or(entry.path());
        let path = self.absolute_root.join(relative);
        // The deepest file that has a say decides, as in git.
        let verdict = self
            .layers
            .iter()
            .rev()
            .map(|(_, patterns)| patterns.matched(&path, is_dir))
            .find(|verdict| !verdict.is_none());
        if verdict.is_some_and(|verdict| verdict.is_ignore()) {
            return false;
        }
        if is_dir {
            self.enter(&path, depth);
        }
        true
    }

    /// Adds the ignore files of `dir`, if any; later files win over earlier ones.
    fn enter(&mut self, dir: &Path, depth: usize) {
        let mut builder = GitignoreBuilder::new(dir);
        let mut found = false;
        for name in [".git/info/exclude", ".gitignore", ".ignore"] {
            let file = dir.join(name);
            if !file.is_file() {
                continue;
            }
            found = true;
            if let Some(err) = builder.add(&file) {
                self.errors
                    .push(FileError::new(file.to_string_lossy(), err.to_string()));
            }
        }
        if !found {
            return;
        }
        match builder.build() {
            Ok(patterns) => self.layers.push((depth, patterns)),
            Err(err) => self
                .errors
                .push(FileError::new(dir.to_string_lossy(), err.to_string())),
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

pub fn has_extension(path: &Path, extensions: &[String]) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| extensions.iter().any(|want| want.eq_ignore_ascii_case(ext)))
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

    fn names_under(root: &Path, files: &[PathBuf]) -> Vec<String> {
        files
            .iter()
            .map(|p| {
                p.strip_prefix(root)
                    .expect("under root")
                    .to_string_lossy()
                    .into_owned()
            })
            .collect()
    }

    fn write_tree(root: &Path, files: &[(&str, &str)]) {
        for (name, text) in files {
            let path = root.join(name);
            std::fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        }
    }

    #[test]
    fn ignore_files_leave_out_what_they_exclude_in_their_subtree() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        write_tree(
            root,
            &[
                (".gitignore", "drafts/\n*.tmp.txt\n"),
                ("keep.txt", "x\n"),
                ("scratch.tmp.txt", "x\n"),
                ("drafts/a.txt", "x\n"),
                ("news/.gitignore", "old-*.txt\n!old-but-kept.txt\n"),
                ("news/old-1.txt", "x\n"),
                ("news/old-but-kept.txt", "x\n"),
                ("news/today.txt", "x\n"),
                ("blog/old-1.txt", "x\n"),
                ("blog/.ignore", "private/\n"),
                ("blog/private/p.txt", "x\n"),
                ("blog/z/.gitignore", "!*.tmp.txt\n"),
                ("blog/z/z.tmp.txt", "x\n"),
            ],
        );
        let txt = ["txt".to_string()];
        let (files, errors) = discover(&[root.to_path_buf()], &txt);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            names_under(root, &files),
            [
                "blog/old-1.txt",
                "blog/z/z.tmp.txt",
                "keep.txt",
                "news/old-but-kept.txt",
                "news/today.txt"
            ]
        );

        let (all, _) = discover_with(&[root.to_path_buf()], &txt, IgnoreFiles::Disregard);
        assert_eq!(all.len(), 9, "{all:?}");

        // Named on the command line, an ignored file is read.
        let named = root.join("drafts/a.txt");
        let (files, _) = discover(std::slice::from_ref(&named), &txt);
        assert_eq!(files, [named]);
    }

    #[test]
    fn ignore_files_of_parent_folders_count_up_to_the_repository() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        write_tree(
            root,
            &[
                (".gitignore", "corpus/raw/\n"),
                (".git/info/exclude", "*.local.txt\n"),
                ("corpus/raw/r.txt", "x\n"),
                ("corpus/a.txt", "x\n"),
                ("corpus/b.local.txt", "x\n"),
            ],
        );
        let corpus = root.join("corpus");
        let (files, errors) = discover(std::slice::from_ref(&corpus), &["txt".into()]);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(names_under(&corpus, &files), ["a.txt"]);
    }

    #[test]
    fn invalid_ignore_patterns_are_errors_naming_the_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        write_tree(
            root,
            &[
                (".ignore", "a/{b\nskip.txt\n"),
                ("skip.txt", "x\n"),
                ("k.txt", "x\n"),
            ],
        );
        let (files, errors) = discover(&[root.to_path_buf()], &["txt".into()]);
        assert_eq!(
            names_under(root, &files),
            ["k.txt"],
            "the valid lines still apply"
        );
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].path.ends_with(".ignore"), "{errors:?}");
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
