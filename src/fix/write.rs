//! Writing what `fix` produced: a mirror under `--out DIR` with its `metadata.jsonl`, the
//! files themselves with `--in-place`, or a unified diff. Every file is written atomically:
//! a temporary file in the same folder, renamed over the target. The user's own files and
//! every manifest are flushed to disk before the rename; the files of a new `--out` mirror
//! are not, which makes `--out` several times faster.

use std::collections::HashSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_json::Value;
use similar::TextDiff;

use crate::atomic::{Durability, make_folder, replace_with, write_atomic};
use crate::corpus::DOCUMENTS_PER_TASK;
use crate::discover::scope::lexical_absolute;
use crate::fix::entry::{manifest_entry, relative_path};
use crate::fix::{FixOutcome, FixedDocument, shards};

/// How a cleaned file reaches the disk: [`write_atomic`] in a run, a failing stand-in in
/// tests of what a failure leaves behind.
pub type WriteFile<'a> = &'a mut dyn FnMut(&Path, &[u8]) -> io::Result<()>;

/// Why `out` cannot take the cleaned copies of the inputs `roots`: it is one of them,
/// lies inside one or holds one, so the copies would overwrite originals (or be read as
/// input by the next run). `None` when it is apart from all of them.
pub fn out_folder_conflict(out: &Path, roots: &[PathBuf]) -> Option<String> {
    let resolved_out = resolved(out);
    roots.iter().find_map(|root| {
        let resolved_root = resolved(root);
        let relation = if resolved_out == resolved_root {
            "is"
        } else if resolved_out.starts_with(&resolved_root) {
            "lies inside"
        } else if resolved_root.starts_with(&resolved_out) {
            "holds"
        } else {
            return None;
        };
        Some(format!(
            "--out {}: the output folder {relation} the input `{}`; the cleaned copies would \
             overwrite or mix with the originals: choose a folder outside the inputs",
            out.display(),
            root.display()
        ))
    })
}

/// `path` made absolute with symbolic links resolved as far as it exists; the rest (an
/// output folder not made yet) as named.
fn resolved(path: &Path) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_default();
    let absolute = lexical_absolute(&cwd, path);
    for existing in absolute.ancestors() {
        if let (Ok(real), Ok(rest)) = (
            std::fs::canonicalize(existing),
            absolute.strip_prefix(existing),
        ) {
            return real.join(rest);
        }
    }
    absolute
}

/// Writes every cleaned document under `out` and `out/metadata.jsonl`.
pub fn write_out(outcome: &FixOutcome, roots: &[PathBuf], out: &Path) -> io::Result<Vec<PathBuf>> {
    if let Some(conflict) = out_folder_conflict(out, roots) {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, conflict));
    }
    let is_file = |fixed: &&FixedDocument| outcome.corpus.get(fixed.id).record.is_none();
    let target_of = |fixed: &FixedDocument| {
        let relative = relative_path(&outcome.corpus.get(fixed.id).path, roots);
        (out.join(&relative), relative)
    };
    // Each folder of the mirror is made once, before the files: made for every file, it
    // was asked of the system again for each one.
    let mut folders = HashSet::new();
    for fixed in outcome.documents.iter().filter(is_file) {
        if fixed.duplicate_of.is_none()
            && let Some(folder) = target_of(fixed).0.parent()
            && !folders.contains(folder)
        {
            make_folder(folder)?;
            folders.insert(folder.to_path_buf());
        }
    }
    let files: Vec<(Option<PathBuf>, String)> = outcome
        .documents
        .par_iter()
        .with_max_len(DOCUMENTS_PER_TASK)
        .filter(is_file)
        .map(|fixed| {
            let (target, relative) = target_of(fixed);
            let file_name = relative.to_string_lossy().replace('\\', "/");
            let entry = manifest_entry(&file_name, fixed, outcome, roots);
            if fixed.duplicate_of.is_some() {
                return Ok((None, Value::Object(entry).to_string()));
            }
            replace_with(&target, Durability::Renamed, |file| {
                file.write_all(fixed.text.as_bytes())
            })?;
            Ok((Some(target), Value::Object(entry).to_string()))
        })
        .collect::<io::Result<_>>()?;
    let mut written = Vec::with_capacity(files.len());
    let mut manifest = String::new();
    for (target, line) in files {
        manifest.push_str(&line);
        manifest.push('\n');
        written.extend(target);
    }
    // Records are written back into their shards, with their provenance in them.
    written.extend(shards::write_shards(
        &shards::by_shard(outcome),
        outcome,
        &|shard| shards::out_path(shard, roots, out),
        &|target, bytes| {
            if let Some(parent) = target.parent() {
                make_folder(parent)?;
            }
            replace_with(target, Durability::Renamed, |file| file.write_all(bytes))
        },
    )?);
    if manifest.is_empty() && !written.is_empty() {
        return Ok(written);
    }
    make_folder(out)?;
    write_atomic(
        &out.join(crate::provenance::sources::MANIFEST_NAME),
        manifest.as_bytes(),
    )?;
    Ok(written)
}

/// Rewrites the changed documents in place, deletes the duplicate documents that go, and
/// updates the manifests that describe them (or writes a new `metadata.jsonl` in the
/// first folder named), each atomically. Named files
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
    // A shard is written back when one of its records changed; a record that copies
    // another stays, marked as a copy (deleting a line of a shard is not undone by git
    // as easily as deleting a file).
    let mut changed_shards = shards::by_shard(outcome);
    changed_shards.retain(|_, records| records.iter().any(|f| f.changed));
    for (&shard, records) in &changed_shards {
        let bytes = shards::cleaned_shard(shard, records, outcome)?;
        write(shard, &bytes)?;
        written.push(shard.to_path_buf());
    }
    let is_record = |fixed: &&FixedDocument| outcome.corpus.get(fixed.id).record.is_some();
    for fixed in outcome
        .documents
        .iter()
        .filter(|f| f.changed && !is_record(f))
    {
        let path = &outcome.corpus.get(fixed.id).path;
        if fixed.duplicate_of.is_some() {
            std::fs::remove_file(path)?;
            continue;
        }
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
    for fixed in outcome.documents.iter().filter(|f| !is_record(f)) {
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
            let mut entry = manifest_entry(&file_name, fixed, outcome, std::slice::from_ref(&dir));
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
            PathBuf::from(crate::provenance::sources::MANIFEST_NAME)
        } else {
            dir.join(crate::provenance::sources::MANIFEST_NAME)
        };
        let mut contents = String::new();
        for fixed in unlisted {
            let relative = relative_path(
                &outcome.corpus.get(fixed.id).path,
                std::slice::from_ref(&dir),
            );
            let file_name = relative.to_string_lossy().replace('\\', "/");
            contents.push_str(
                &Value::Object(manifest_entry(
                    &file_name,
                    fixed,
                    outcome,
                    std::slice::from_ref(&dir),
                ))
                .to_string(),
            );
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
        format!("a/{}", original.display()),
        format!("b/{}", original.display()),
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
}
