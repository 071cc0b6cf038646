//! What a run checks: the walk of the named folders (ignore files, extensions, hidden
//! entries), the include and exclude globs, `--changed-since`, and the context files of a
//! corpus root (`scope`).

pub mod changed;
pub mod scope;
pub mod shards;
mod walk;

use std::path::{Path, PathBuf};

use crate::error::{Error, FileError};
use crate::settings::input::InputFormat;
use crate::settings::resolve::FileSettings;

pub use walk::{IgnoreFiles, describe_extensions, has_extension};

use scope::Scope;

/// The files to load for `settings`: the named files, and when they are all files (no
/// folder) and a corpus root is set, every file of the root as context.
pub fn plan(settings: &FileSettings) -> Result<(Scope, Vec<FileError>), Error> {
    let (named, errors) = files(settings)?;
    let Some(root) = &settings.root else {
        return Ok((Scope::all(named), errors));
    };
    if named.is_empty() || settings.paths.iter().any(|path| path.is_dir()) {
        return Ok((Scope::all(named), errors));
    }
    // An unreadable corner of the root is only context: it does not fail the check of
    // the named files, which report their own read errors.
    let (found, _) = files_under(settings, std::slice::from_ref(root))?;
    let context = found
        .into_iter()
        // `./site/a.txt` reads better as `site/a.txt` in findings that point into it.
        .map(|path| match path.strip_prefix(".") {
            Ok(rest) => rest.to_path_buf(),
            Err(_) => path,
        })
        .collect();
    let cwd = std::env::current_dir().unwrap_or_default();
    Ok((scope::merge(&cwd, named, context), errors))
}

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
    // Standard input is named `-`, unless every file is read as text.
    let (stdin, paths): (Vec<PathBuf>, Vec<PathBuf>) = paths
        .iter()
        .cloned()
        .partition(|path| settings.input_format != InputFormat::Text && shards::is_stdin(path));
    let extensions = walked_extensions(settings);
    let (files, errors) = discover_with(&paths, &extensions, ignore_files);
    let kept = stdin
        .into_iter()
        .take(1)
        .chain(files.into_iter().filter(|path| {
            settings.keeps(path) && (paths.contains(path) || !is_manifest(settings, path))
        }))
        .collect();
    Ok((kept, errors))
}

/// The extensions a folder walk takes: those of the settings, and the names of JSON
/// Lines shards unless files are read as text; only those when they are read as JSON
/// Lines.
fn walked_extensions(settings: &FileSettings) -> Vec<String> {
    let shards = shards::SHARD_EXTENSIONS.iter().map(|ext| ext.to_string());
    match settings.input_format {
        InputFormat::Text => settings.extensions.clone(),
        InputFormat::Jsonl => shards.collect(),
        InputFormat::Auto => {
            let shards: Vec<String> = shards
                .filter(|ext| !settings.extensions.contains(ext))
                .collect();
            [settings.extensions.clone(), shards].concat()
        }
    }
}

/// Whether a walk found a `metadata.jsonl` manifest where it looks for JSON Lines
/// shards: a manifest describes the files beside it and is never a shard.
fn is_manifest(settings: &FileSettings, path: &Path) -> bool {
    settings.input_format != InputFormat::Text
        && path.file_name().is_some_and(|name| {
            name.eq_ignore_ascii_case(crate::provenance::sources::MANIFEST_NAME)
        })
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
            Ok(_) => walk::walk(root, extensions, ignore_files, &mut files, &mut errors),
        }
    }
    files.sort();
    files.dedup();
    (files, errors)
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

    #[test]
    fn outside_a_repository_parent_folders_have_no_say() {
        let dir = tempfile::tempdir().expect("tempdir");
        let outer = dir.path();
        write_tree(
            outer,
            &[
                (".gitignore", "*.txt\n"),
                ("corpus/.gitignore", "drafts/\n"),
                ("corpus/a.txt", "x\n"),
                ("corpus/drafts/d.txt", "x\n"),
                ("corpus/news/.ignore", "old.txt\n"),
                ("corpus/news/old.txt", "x\n"),
                ("corpus/news/new.txt", "x\n"),
            ],
        );
        let corpus = outer.join("corpus");
        let (files, errors) = discover(std::slice::from_ref(&corpus), &["txt".into()]);
        assert!(errors.is_empty(), "{errors:?}");
        // The folder's own ignore files and those below it still count.
        assert_eq!(names_under(&corpus, &files), ["a.txt", "news/new.txt"]);
    }

    #[test]
    fn ignore_files_above_the_repository_do_not_count_and_no_ignore_drops_them_all() {
        let dir = tempfile::tempdir().expect("tempdir");
        let outer = dir.path();
        write_tree(
            outer,
            &[
                (".gitignore", "*.txt\n"),
                ("repo/.git/info/exclude", "*.local.txt\n"),
                ("repo/.ignore", "corpus/raw/\n"),
                ("repo/corpus/a.txt", "x\n"),
                ("repo/corpus/b.local.txt", "x\n"),
                ("repo/corpus/raw/r.txt", "x\n"),
                ("repo/corpus/.gitignore", "c.txt\n"),
                ("repo/corpus/c.txt", "x\n"),
            ],
        );
        let corpus = outer.join("repo/corpus");
        let txt = ["txt".to_string()];
        let (files, errors) = discover(std::slice::from_ref(&corpus), &txt);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(names_under(&corpus, &files), ["a.txt"]);

        let (files, errors) =
            discover_with(std::slice::from_ref(&corpus), &txt, IgnoreFiles::Disregard);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            names_under(&corpus, &files),
            ["a.txt", "b.local.txt", "c.txt", "raw/r.txt"]
        );
    }

    #[test]
    fn the_deepest_folder_with_a_say_decides_and_in_a_folder_the_later_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        write_tree(
            root,
            &[
                (".git/info/exclude", "*.draft.txt\n"),
                // `.ignore` comes after `.gitignore`, `.gitignore` after the exclude file.
                (".gitignore", "!keep.draft.txt\n*.tmp.txt\n"),
                (".ignore", "!keep.tmp.txt\n"),
                ("corpus/keep.draft.txt", "x\n"),
                ("corpus/other.draft.txt", "x\n"),
                ("corpus/keep.tmp.txt", "x\n"),
                ("corpus/other.tmp.txt", "x\n"),
                // A `.gitignore` below overrules an `.ignore` above.
                ("corpus/.ignore", "*.old.txt\n"),
                ("corpus/news/.gitignore", "!kept.old.txt\n"),
                ("corpus/news/kept.old.txt", "x\n"),
                ("corpus/news/gone.old.txt", "x\n"),
            ],
        );
        let txt = ["txt".to_string()];
        let expected = ["keep.draft.txt", "keep.tmp.txt", "news/kept.old.txt"];
        let corpus = root.join("corpus");
        // The same whether the folders above are walked or are parents of the root.
        let (files, errors) = discover(&[root.to_path_buf()], &txt);
        assert!(errors.is_empty(), "{errors:?}");
        let files: Vec<_> = files
            .iter()
            .map(|f| f.strip_prefix(&corpus).expect("under"))
            .collect();
        assert_eq!(files, expected.map(Path::new));
        let (files, errors) = discover(std::slice::from_ref(&corpus), &txt);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(names_under(&corpus, &files), expected);
    }

    #[test]
    fn hidden_entries_stay_out_even_when_an_ignore_file_lets_them_in() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        write_tree(
            root,
            &[
                (".gitignore", "!.kept.txt\n!.folder/\n"),
                (".kept.txt", "x\n"),
                (".folder/a.txt", "x\n"),
                ("a.txt", "x\n"),
            ],
        );
        let (files, errors) = discover(&[root.to_path_buf()], &["txt".into()]);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(names_under(root, &files), ["a.txt"]);
    }

    #[test]
    fn ignore_files_that_cannot_be_read_are_errors_naming_them() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        write_tree(
            root,
            &[
                (".git/info/exclude", "a/{b\nkept\n{x\n"),
                ("corpus/.gitignore", "skip.txt\n"),
                ("corpus/.ignore", "{\n"),
                ("corpus/skip.txt", "x\n"),
                ("corpus/k.txt", "x\n"),
            ],
        );
        for sub in ["sub", "own"] {
            let files = [("gone.txt", "x\n"), ("k.txt", "x\n")];
            write_tree(&root.join("corpus").join(sub), &files);
        }
        // Not UTF-8 from its second line on: the first line still applies.
        let not_utf8 = b"gone.txt\n\xff\xfe\nk.txt\n";
        std::fs::write(root.join("corpus/sub/.gitignore"), not_utf8).expect("write");
        // Nor when the file leaves itself out of the walk.
        let own = [b".*\n".as_slice(), not_utf8].concat();
        std::fs::write(root.join("corpus/own/.gitignore"), own).expect("write");
        let corpus = root.join("corpus");
        let (files, errors) = discover(std::slice::from_ref(&corpus), &["txt".into()]);
        assert_eq!(
            names_under(&corpus, &files),
            ["k.txt", "own/k.txt", "sub/k.txt"]
        );
        let resolved = root.canonicalize().expect("resolve");
        let named: Vec<_> = errors
            .iter()
            .map(|error| {
                let path = Path::new(&error.path);
                let file = path.strip_prefix(&resolved).expect("a resolved path");
                (
                    file.to_string_lossy().into_owned(),
                    error.message.lines().count(),
                )
            })
            .collect();
        assert_eq!(
            named,
            [
                (".git/info/exclude".to_string(), 2),
                ("corpus/.ignore".to_string(), 1),
                ("corpus/own/.gitignore".to_string(), 1),
                ("corpus/sub/.gitignore".to_string(), 1),
            ],
            "{errors:?}"
        );
        assert!(errors[2].message.contains("line 3: "), "{errors:?}");
        assert!(errors[3].message.contains("line 2: "), "{errors:?}");
    }

    #[cfg(unix)]
    #[test]
    fn a_root_named_through_a_symbolic_link_keeps_that_name() {
        let dir = tempfile::tempdir().expect("tempdir");
        let real = dir.path().join("real");
        write_tree(
            &real,
            &[
                (".gitignore", "skip.txt\n"),
                ("a.txt", "x\n"),
                ("skip.txt", "x\n"),
                ("sub/b.txt", "x\n"),
            ],
        );
        std::os::unix::fs::symlink(&real, real.join("sub/loop")).expect("symlink");
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&real, &link).expect("symlink");
        let (files, errors) = discover(std::slice::from_ref(&link), &["txt".into()]);
        assert_eq!(names_under(&link, &files), ["a.txt", "sub/b.txt"]);
        assert_eq!(
            errors,
            [FileError::new(
                link.join("sub/loop").to_string_lossy(),
                format!("symbolic link loop (points back to {})", link.display())
            )]
        );
    }

    #[cfg(unix)]
    #[test]
    fn unreadable_folders_are_errors_naming_them() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        write_tree(root, &[("a.txt", "x\n"), ("locked/b.txt", "x\n")]);
        let locked = root.join("locked");
        let mode = |bits| std::fs::Permissions::from_mode(bits);
        std::fs::set_permissions(&locked, mode(0o000)).expect("chmod");
        // Permissions do not stop the superuser: nothing to see then.
        let readable = std::fs::read_dir(&locked).is_ok();
        let found = discover(&[root.to_path_buf()], &["txt".into()]);
        std::fs::set_permissions(&locked, mode(0o755)).expect("chmod");
        if readable {
            return;
        }
        let (files, errors) = found;
        assert_eq!(names_under(root, &files), ["a.txt"]);
        assert_eq!(
            errors,
            [FileError::new(
                locked.to_string_lossy(),
                "permission denied"
            )]
        );
    }

    #[test]
    fn the_empty_extension_takes_files_without_one() {
        let with = ["txt".to_string(), String::new()];
        assert!(has_extension(Path::new("corpus/README"), &with));
        assert!(has_extension(Path::new("corpus/a.TXT"), &with));
        assert!(!has_extension(Path::new("corpus/a.csv"), &with));
        assert!(!has_extension(Path::new("corpus/README"), &with[..1]));
        // As `Path::extension` has it: a leading dot starts no extension, a trailing one
        // ends an empty one.
        assert!(has_extension(Path::new("corpus/.notes"), &with));
        assert!(!has_extension(Path::new("corpus/notes."), &with));
        assert!(has_extension(Path::new("a.b/README"), &with));
        let shards = ["jsonl.gz".to_string()];
        assert!(has_extension(Path::new("data/part-0.JSONL.GZ"), &shards));
        assert!(!has_extension(Path::new("data/part-0.gz"), &shards));
        assert!(!has_extension(Path::new("data/.jsonl.gz"), &shards));
        assert_eq!(
            describe_extensions(&with),
            ".txt and files without an extension"
        );
        assert_eq!(
            describe_extensions(&["txt".into(), "md".into(), "rst".into()]),
            ".txt, .md and .rst"
        );
        assert_eq!(describe_extensions(&[]), "nothing");
    }
}
