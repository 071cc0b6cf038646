//! Writing what `fix` produced: a mirror under `--out DIR` with its `metadata.jsonl`, the
//! files themselves with `--in-place`, or a unified diff. Every file is written atomically:
//! a temporary file in the same folder, renamed over the target. The user's own files and
//! every manifest are flushed to disk before the rename; the files of a new `--out` mirror
//! are not, which makes `--out` several times faster.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_json::{Map, Value, json};
use similar::TextDiff;

use crate::fixer::{FixOutcome, FixedDocument};
use crate::metadata::{FieldName, Metadata, sha256_hex};

/// Writes `contents` to `path` so that a reader sees the old file or the new one, never a
/// part: temporary file beside it, fsync, rename.
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |file| file.write_all(contents))
}

/// Like [`write_atomic`], with `fill` writing the contents. If `fill` fails, the target is
/// untouched and the temporary file is removed.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> io::Result<()>,
) -> io::Result<()> {
    replace_with(path, Durability::Synced, fill)
}

/// How a cleaned file reaches the disk: [`write_atomic`] in a run, a failing stand-in in
/// tests of what a failure leaves behind.
pub type WriteFile<'a> = &'a mut dyn FnMut(&Path, &[u8]) -> io::Result<()>;

/// Whether a write waits for the disk before the rename.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Durability {
    /// Survives a power cut: the user's own files.
    Synced,
    /// Survives the process being killed: a new `--out` mirror, where nothing of the
    /// user's is at stake and one fsync per file would cost more than the whole check.
    Renamed,
}

fn replace_with(
    path: &Path,
    durability: Durability,
    fill: impl FnOnce(&mut std::fs::File) -> io::Result<()>,
) -> io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let write = || -> io::Result<()> {
        let old_permissions = std::fs::metadata(path).ok().map(|m| m.permissions());
        let mut builder = tempfile::Builder::new();
        builder.prefix(".corpuslint-");
        if let Some(permissions) = old_permissions.clone().or_else(new_file_permissions) {
            builder.permissions(permissions);
        }
        let mut temp = builder.tempfile_in(dir)?;
        fill(temp.as_file_mut())?;
        // Exactly the old mode, which the umask applied at creation may have narrowed.
        if let Some(permissions) = old_permissions {
            temp.as_file().set_permissions(permissions)?;
        }
        if durability == Durability::Synced {
            temp.as_file().sync_all()?;
        }
        temp.persist(path).map_err(|e| e.error)?;
        Ok(())
    };
    // The error names the file: "No space left on device" alone does not say which.
    write().map_err(|err| io::Error::new(err.kind(), format!("{}: {err}", path.display())))
}

/// The mode of a new file: what the umask leaves of 0666, as for any file a program
/// creates (a temporary file's own 0600 would hide a cleaned corpus from its readers).
#[cfg(unix)]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o666))
}

#[cfg(not(unix))]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    None
}

/// Where a document goes under `--out`: its path relative to the root it was found
/// under (the folder named on the command line), or its file name for a named file.
pub fn relative_path(path: &Path, roots: &[PathBuf]) -> PathBuf {
    for root in roots {
        if path == root {
            return path
                .file_name()
                .map_or_else(|| path.to_path_buf(), PathBuf::from);
        }
        if let Ok(rest) = path.strip_prefix(root)
            && !rest.as_os_str().is_empty()
        {
            return rest.to_path_buf();
        }
    }
    path.file_name()
        .map_or_else(|| path.to_path_buf(), PathBuf::from)
}

/// The manifest line of a cleaned document.
pub fn manifest_entry(
    file_name: &str,
    fixed: &FixedDocument,
    outcome: &FixOutcome,
) -> Map<String, Value> {
    let original = outcome.corpus.get(fixed.id);
    let meta: &Metadata = &outcome.metadata[fixed.id];
    let mut entry = Map::new();
    entry.insert("file_name".into(), json!(file_name));
    for field in FieldName::ALL {
        let name = field.as_str();
        match meta.get(field) {
            Some(v) => {
                entry.insert(name.into(), json!(v.value));
                entry.insert(format!("{name}_origin"), json!(v.origin.as_str()));
            }
            None => {
                entry.insert(name.into(), Value::Null);
            }
        }
    }
    entry.insert("sha256".into(), json!(sha256_hex(fixed.text.as_bytes())));
    entry.insert("original_path".into(), json!(original.display));
    entry.insert("original_sha256".into(), json!(meta.sha256));
    entry.insert(
        "corpuslint_version".into(),
        json!(env!("CARGO_PKG_VERSION")),
    );
    let changes: Map<String, Value> = fixed
        .counts()
        .into_iter()
        .map(|(family, n)| (family.as_str().to_string(), json!(n)))
        .collect();
    entry.insert("changes".into(), Value::Object(changes));
    entry
}

/// Writes every cleaned document under `out` and `out/metadata.jsonl`.
pub fn write_out(outcome: &FixOutcome, roots: &[PathBuf], out: &Path) -> io::Result<Vec<PathBuf>> {
    let files: Vec<(PathBuf, String)> = outcome
        .documents
        .par_iter()
        .map(|fixed| {
            let original = outcome.corpus.get(fixed.id);
            let relative = relative_path(&original.path, roots);
            let target = out.join(&relative);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            replace_with(&target, Durability::Renamed, |file| {
                file.write_all(fixed.text.as_bytes())
            })?;
            let file_name = relative.to_string_lossy().replace('\\', "/");
            let entry = manifest_entry(&file_name, fixed, outcome);
            Ok((target, Value::Object(entry).to_string()))
        })
        .collect::<io::Result<_>>()?;
    let mut written = Vec::with_capacity(files.len());
    let mut manifest = String::new();
    for (target, line) in files {
        manifest.push_str(&line);
        manifest.push('\n');
        written.push(target);
    }
    std::fs::create_dir_all(out)?;
    write_atomic(
        &out.join(crate::metadata::sources::MANIFEST_NAME),
        manifest.as_bytes(),
    )?;
    Ok(written)
}

/// Rewrites the changed documents in place, and the manifests that describe them (or a
/// new `metadata.jsonl` in the first folder named), each atomically. Named files
/// checked against the rest of their corpus are the only files written: manifests are
/// left as they are.
pub fn write_in_place(outcome: &FixOutcome, roots: &[PathBuf]) -> io::Result<Vec<PathBuf>> {
    write_in_place_with(outcome, roots, &mut write_atomic)
}

/// [`write_in_place`], each file written with `write`.
pub fn write_in_place_with(
    outcome: &FixOutcome,
    roots: &[PathBuf],
    write: WriteFile,
) -> io::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for fixed in outcome.documents.iter().filter(|f| f.changed) {
        let path = &outcome.corpus.get(fixed.id).path;
        write(path, fixed.text.as_bytes())?;
        written.push(path.clone());
    }
    if outcome.checked.contains(&false) {
        return Ok(written);
    }
    // Each manifest keeps its entries and their extra fields; entries of fixed documents
    // get the new hash and provenance.
    let sources = &outcome.sources;
    let mut by_manifest: Vec<(PathBuf, PathBuf, Vec<&FixedDocument>)> = sources
        .manifests
        .iter()
        .map(|m| {
            (
                outcome.corpus.get(m.doc).path.clone(),
                m.dir.clone(),
                Vec::new(),
            )
        })
        .collect();
    let mut unlisted: Vec<&FixedDocument> = Vec::new();
    for fixed in &outcome.documents {
        match sources.manifest_of.get(&fixed.id) {
            Some(&(m, _)) => by_manifest[m].2.push(fixed),
            None => unlisted.push(fixed),
        }
    }
    for (i, (manifest_path, dir, docs)) in by_manifest.into_iter().enumerate() {
        let manifest = &sources.manifests[i];
        let text = &outcome.corpus.get(manifest.doc).text;
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        for fixed in docs {
            let relative = relative_path(
                &outcome.corpus.get(fixed.id).path,
                std::slice::from_ref(&dir),
            );
            let file_name = relative.to_string_lossy().replace('\\', "/");
            let mut entry = manifest_entry(&file_name, fixed, outcome);
            match sources.manifest_of.get(&fixed.id) {
                Some(&(_, Some(e))) => {
                    let line = manifest.entries[e].line;
                    if let Ok(Value::Object(old)) = serde_json::from_str::<Value>(&lines[line]) {
                        for (k, v) in old {
                            entry.entry(k).or_insert(v);
                        }
                    }
                    lines[line] = Value::Object(entry).to_string();
                }
                _ => lines.push(Value::Object(entry).to_string()),
            }
        }
        let mut contents = lines.join("\n");
        contents.push('\n');
        write(&manifest_path, contents.as_bytes())?;
        written.push(manifest_path);
    }
    if !unlisted.is_empty() {
        let dir = roots
            .iter()
            .find(|r| r.is_dir())
            .cloned()
            .or_else(|| {
                roots
                    .first()
                    .and_then(|r| r.parent().map(Path::to_path_buf))
            })
            .unwrap_or_default();
        let manifest_path = if dir.as_os_str().is_empty() {
            PathBuf::from(crate::metadata::sources::MANIFEST_NAME)
        } else {
            dir.join(crate::metadata::sources::MANIFEST_NAME)
        };
        let mut contents = String::new();
        for fixed in unlisted {
            let relative = relative_path(
                &outcome.corpus.get(fixed.id).path,
                std::slice::from_ref(&dir),
            );
            let file_name = relative.to_string_lossy().replace('\\', "/");
            contents
                .push_str(&Value::Object(manifest_entry(&file_name, fixed, outcome)).to_string());
            contents.push('\n');
        }
        write(&manifest_path, contents.as_bytes())?;
        written.push(manifest_path);
    }
    Ok(written)
}

/// The lock file `fix` holds in each folder it writes to, so that two runs do not write
/// the same files at once. Hidden, so folder walks skip it.
pub const LOCK_NAME: &str = ".corpuslint.lock";

/// Advisory locks on the folders a run writes to; released, and their files removed,
/// when dropped.
#[derive(Debug)]
pub struct FolderLocks {
    held: Vec<(PathBuf, std::fs::File)>,
    /// A folder made to be locked: removed with the lock if nothing was written to it.
    created: Option<PathBuf>,
}

impl Drop for FolderLocks {
    fn drop(&mut self) {
        // The file goes while still locked: a run that opened it before cannot lock it,
        // and one that opens it after creates a new one once this run is done.
        for (path, _file) in self.held.drain(..) {
            let _ = std::fs::remove_file(&path);
        }
        if let Some(folder) = &self.created {
            // Fails, as it should, when the folder is not empty.
            let _ = std::fs::remove_dir(folder);
        }
    }
}

/// Locks the `--out` folder, made if need be; a folder made here is removed with the
/// lock when nothing was written to it.
pub fn lock_out_folder(out: &Path) -> Result<FolderLocks, LockError> {
    let made = !out.exists();
    std::fs::create_dir_all(out).map_err(|source| LockError::Io {
        path: out.display().to_string(),
        source,
    })?;
    let mut locks = lock_folders(&[out.to_path_buf()])?;
    if made {
        locks.created = Some(out.to_path_buf());
    }
    Ok(locks)
}

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error(
        "{path} is held by another corpuslint run{holder}; wait for it to finish (or remove the file if no run is going on)"
    )]
    Held { path: String, holder: String },
    #[error("cannot lock {path}: {source}")]
    Io { path: String, source: io::Error },
}

/// The folders `--in-place` writes to for `roots`: each folder named, and the folder of
/// each file named.
pub fn in_place_folders(roots: &[PathBuf]) -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = roots
        .iter()
        .map(|root| {
            if root.is_dir() {
                root.clone()
            } else {
                match root.parent() {
                    Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
                    _ => PathBuf::from("."),
                }
            }
        })
        .collect();
    folders.sort();
    folders.dedup();
    folders
}

/// Locks every folder of `folders` (which must exist), or none: a folder locked by
/// another run is an error naming its lock file.
pub fn lock_folders(folders: &[PathBuf]) -> Result<FolderLocks, LockError> {
    let mut locks = FolderLocks {
        held: Vec::new(),
        created: None,
    };
    for folder in folders {
        let path = folder.join(LOCK_NAME);
        let shown = path.display().to_string();
        let io_error = |source| LockError::Io {
            path: shown.clone(),
            source,
        };
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io_error)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = io::Read::read_to_string(&mut file, &mut holder);
                let holder = holder.trim();
                return Err(LockError::Held {
                    path: shown,
                    holder: if holder.is_empty() {
                        String::new()
                    } else {
                        format!(" ({holder})")
                    },
                });
            }
            Err(std::fs::TryLockError::Error(err)) => return Err(io_error(err)),
        }
        // Who holds it, for the message of a run that finds it locked.
        file.set_len(0).map_err(io_error)?;
        writeln!(file, "pid {}", std::process::id()).map_err(io_error)?;
        locks.held.push((path, file));
    }
    Ok(locks)
}

/// A unified diff of one document, `a/PATH` against `b/PATH`.
pub fn diff(outcome: &FixOutcome, fixed: &FixedDocument, color: bool) -> String {
    let original = outcome.corpus.get(fixed.id);
    let diff = TextDiff::from_lines(original.text.as_str(), fixed.text.as_str());
    let header = (
        format!("a/{}", original.display),
        format!("b/{}", original.display),
    );
    let text = diff
        .unified_diff()
        .context_radius(2)
        .header(&header.0, &header.1)
        .to_string();
    if !color {
        return text;
    }
    text.lines()
        .map(|line| {
            let code = if line.starts_with("+++") || line.starts_with("---") {
                "1"
            } else if line.starts_with('+') {
                "32"
            } else if line.starts_with('-') {
                "31"
            } else if line.starts_with("@@") {
                "36"
            } else {
                return format!("{line}\n");
            };
            format!("\u{1b}[{code}m{line}\u{1b}[0m\n")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_keep_the_tree_under_the_root() {
        let roots = [PathBuf::from("corpus"), PathBuf::from("one.txt")];
        assert_eq!(
            relative_path(Path::new("corpus/a/b.txt"), &roots),
            PathBuf::from("a/b.txt")
        );
        assert_eq!(
            relative_path(Path::new("one.txt"), &roots),
            PathBuf::from("one.txt")
        );
        assert_eq!(
            relative_path(Path::new("elsewhere/c.txt"), &roots),
            PathBuf::from("c.txt")
        );
    }

    #[test]
    fn a_write_that_fails_midway_leaves_the_old_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "old contents\n").expect("write");
        let failed = write_atomic_with(&path, |file| {
            file.write_all(b"half of the new")?;
            Err(io::Error::other("disk full"))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read(&path).expect("read"), b"old contents\n");
        assert_eq!(
            std::fs::read_dir(dir.path()).expect("list").count(),
            1,
            "no temporary file left"
        );
    }

    #[cfg(unix)]
    #[test]
    fn rewritten_files_keep_their_mode_and_new_ones_get_the_usual_one() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let mode = |p: &Path| std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
        let old = dir.path().join("old.txt");
        std::fs::write(&old, "before").expect("write");
        std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        write_atomic(&old, b"after").expect("atomic write");
        assert_eq!(mode(&old), 0o640);

        let reference = dir.path().join("reference.txt");
        std::fs::File::create(&reference).expect("create");
        let new = dir.path().join("new.txt");
        write_atomic(&new, b"new").expect("atomic write");
        assert_eq!(mode(&new), mode(&reference));
    }

    #[test]
    fn atomic_writes_replace_the_whole_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "old contents that are longer\n").expect("write");
        write_atomic(&path, b"new\n").expect("atomic write");
        assert_eq!(std::fs::read(&path).expect("read"), b"new\n");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with(".corpuslint-"))
            .collect();
        assert!(leftovers.is_empty());
    }
}
