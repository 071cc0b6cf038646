//! Which files a run loads and which of them it reports on.
//!
//! Named files inside a corpus root are checked against the whole root: the other files
//! of the root are loaded as context, so that corpus-wide rules (duplicates across
//! files, site templates, manifests) see them, but only the named files are reported
//! and fixed. A pre-commit hook names only the files being committed; without the
//! context, a paragraph copied from an unchanged file would go unnoticed.

use std::path::{Component, Path, PathBuf};

use crate::settings::resolve::FileSettings;

/// The files of a run, in corpus order, and which of them are checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    pub files: Vec<PathBuf>,
    /// `checked[i]` for `files[i]`; all true when there is no context.
    pub checked: Vec<bool>,
}

impl Scope {
    /// Every file checked, none only context.
    pub fn all(files: Vec<PathBuf>) -> Self {
        let checked = vec![true; files.len()];
        Self { files, checked }
    }

    pub fn has_context(&self) -> bool {
        self.checked.iter().any(|&c| !c)
    }
}

/// The named files and the context files, each once, in the order a run over the whole
/// root gives them (so that "first occurrence" means the same in both runs). A named
/// file keeps the path it was named by.
///
/// `context` comes sorted from the walk of one root (as `discover` gives it), so it is in
/// corpus order already: each named file is placed by a binary search, and the root's
/// many thousand paths are neither made absolute nor sorted again.
pub(super) fn merge(cwd: &Path, named: Vec<PathBuf>, context: Vec<PathBuf>) -> Scope {
    let absolute = |path: &PathBuf| lexical_absolute(cwd, path);
    // Paths of one root sorted as named are sorted as absolute paths too.
    debug_assert!(context.is_sorted_by_key(absolute));
    // A file named twice keeps the name it was given last.
    let mut named: Vec<(PathBuf, PathBuf)> = named
        .into_iter()
        .rev()
        .map(|path| (absolute(&path), path))
        .collect();
    named.sort_by(|a, b| a.0.cmp(&b.0));
    named.dedup_by(|later, earlier| later.0 == earlier.0);
    // Where each named file goes among the context files, and whether it is one of them.
    let places: Vec<(usize, bool)> = named
        .iter()
        .map(|(key, _)| {
            let at = context.partition_point(|path| absolute(path) < *key);
            (
                at,
                context.get(at).is_some_and(|path| absolute(path) == *key),
            )
        })
        .collect();
    let mut files = Vec::with_capacity(context.len() + named.len());
    let mut checked = Vec::with_capacity(context.len() + named.len());
    let mut places = places.into_iter().zip(named).peekable();
    for (i, path) in context.into_iter().enumerate() {
        let mut replaced = false;
        while let Some(((_, same), (_, name))) = places.next_if(|((at, _), _)| *at == i) {
            files.push(name);
            checked.push(true);
            replaced |= same;
        }
        if !replaced {
            files.push(path);
            checked.push(false);
        }
    }
    for (_, (_, name)) in places {
        files.push(name);
        checked.push(true);
    }
    Scope { files, checked }
}

/// Whether the paths of `settings` take in the whole of `root`.
pub fn covers(settings: &FileSettings, root: &Path) -> bool {
    let cwd = std::env::current_dir().unwrap_or_default();
    let root = lexical_absolute(&cwd, root);
    settings
        .paths
        .iter()
        .any(|path| root.starts_with(lexical_absolute(&cwd, path)))
}

/// `path` made absolute against `cwd`, with `.` and `..` resolved by their names: no
/// system call per file, which matters on a root of many thousand files.
pub fn lexical_absolute(cwd: &Path, path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in cwd.join(path).components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// How to name `root` from `cwd`: `.`, `../..` for an ancestor, else as given. Files of
/// the root are then shown as a run from `cwd` shows them.
pub fn relative_root(cwd: &Path, root: &Path) -> PathBuf {
    let absolute = lexical_absolute(cwd, root);
    let here = lexical_absolute(cwd, Path::new("."));
    if let Ok(rest) = here.strip_prefix(&absolute) {
        let depth = rest.components().count();
        if depth == 0 {
            return PathBuf::from(".");
        }
        return std::iter::repeat_n("..", depth).collect();
    }
    match absolute.strip_prefix(&here) {
        Ok(below) => below.to_path_buf(),
        Err(_) => root.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `merge` gives, the long way: every path made absolute, a named file taking
    /// the place of a context file with its absolute path, all sorted.
    fn merge_by_sorting(cwd: &Path, named: Vec<PathBuf>, context: Vec<PathBuf>) -> Scope {
        let mut by_key = std::collections::HashMap::new();
        for path in context {
            by_key.insert(lexical_absolute(cwd, &path), (path, false));
        }
        for path in named {
            by_key.insert(lexical_absolute(cwd, &path), (path, true));
        }
        let mut entries: Vec<_> = by_key.into_iter().collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        let (files, checked) = entries.into_iter().map(|(_, entry)| entry).unzip();
        Scope { files, checked }
    }

    proptest::proptest! {
        #[test]
        fn merging_in_place_gives_the_order_of_sorting_everything(
            context in proptest::collection::btree_set("(a|a-b|a.b|b)(/(a|b-c|c)){0,2}\\.txt", 0..12),
            named in proptest::collection::vec("(\\./|/repo/)?(a|a-b|b|z)(/(a|b-c|c)){0,2}\\.txt", 0..4),
        ) {
            let cwd = Path::new("/repo");
            let mut context: Vec<PathBuf> = context.into_iter().map(PathBuf::from).collect();
            context.sort();
            let named: Vec<PathBuf> = named.into_iter().map(PathBuf::from).collect();
            proptest::prop_assert_eq!(
                merge(cwd, named.clone(), context.clone()),
                merge_by_sorting(cwd, named, context)
            );
        }
    }

    #[test]
    fn named_files_keep_their_names_and_take_their_place_in_corpus_order() {
        let cwd = Path::new("/repo");
        let scope = merge(
            cwd,
            vec![PathBuf::from("b/x.txt")],
            vec![
                PathBuf::from("./a.txt"),
                PathBuf::from("./b/x.txt"),
                PathBuf::from("./c.txt"),
            ],
        );
        assert_eq!(
            scope.files,
            [
                PathBuf::from("./a.txt"),
                PathBuf::from("b/x.txt"),
                PathBuf::from("./c.txt")
            ]
        );
        assert_eq!(scope.checked, [false, true, false]);
        assert!(scope.has_context());
    }

    #[test]
    fn roots_are_named_relative_to_the_current_folder_when_above_it() {
        let cwd = Path::new("/repo/corpus/site");
        assert_eq!(
            relative_root(cwd, Path::new("/repo")),
            PathBuf::from("../..")
        );
        assert_eq!(relative_root(cwd, Path::new(".")), PathBuf::from("."));
        assert_eq!(
            relative_root(cwd, Path::new("/other")),
            PathBuf::from("/other")
        );
        assert_eq!(
            relative_root(Path::new("/repo"), Path::new("/repo/corpus")),
            PathBuf::from("corpus")
        );
        assert_eq!(
            lexical_absolute(cwd, Path::new("../x/./y.txt")),
            PathBuf::from("/repo/corpus/x/y.txt")
        );
    }
}
