//! Atomic writes: a temporary file in the target's folder, renamed over the target, so
//! that a reader sees the old file or the new one, never a part.

use std::io::{self, Write};
use std::path::Path;

/// Writes `contents` to `path` so that a reader sees the old file or the new one, never a
/// part: temporary file beside it, fsync, rename.
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |file| file.write_all(contents))
}

/// Like [`write_atomic`], without waiting for the disk: for files that are rebuilt when
/// they do not read back whole (see [`Durability::Renamed`]).
pub fn write_renamed(path: &Path, contents: &[u8]) -> io::Result<()> {
    replace_with(path, Durability::Renamed, |file| file.write_all(contents))
}

/// Like [`write_atomic`], with `fill` writing the contents. If `fill` fails, the target is
/// untouched and the temporary file is removed.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> io::Result<()>,
) -> io::Result<()> {
    replace_with(path, Durability::Synced, fill)
}

/// Whether a write waits for the disk before the rename.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// Survives a power cut: the user's own files.
    Synced,
    /// Survives the process being killed: a new `--out` mirror, where nothing of the
    /// user's is at stake and one fsync per file would cost more than the whole check;
    /// the cache and the index of a root, which a power cut may leave cut short and the
    /// next run then rebuilds (they are checksummed), and whose fsync would cost a
    /// pre-commit run more than its checking.
    Renamed,
}

/// Writes `path` through a temporary file beside it, which `fill` writes and which is
/// renamed over it; `durability` tells whether the rename waits for the disk.
pub fn replace_with(
    path: &Path,
    durability: Durability,
    fill: impl FnOnce(&mut std::fs::File) -> io::Result<()>,
) -> io::Result<()> {
    replace_if(path, durability, |file| fill(file).map(|()| true)).map(|_| ())
}

/// Like [`replace_with`], `fill` telling whether what it wrote replaces the target: when
/// it does not, the temporary file is removed and the target stays as it was. Whether
/// the target was replaced.
pub fn replace_if(
    path: &Path,
    durability: Durability,
    fill: impl FnOnce(&mut std::fs::File) -> io::Result<bool>,
) -> io::Result<bool> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let write = || -> io::Result<bool> {
        let old_permissions = std::fs::metadata(path).ok().map(|m| m.permissions());
        let mut builder = tempfile::Builder::new();
        builder.prefix(".corpuslint-");
        if let Some(permissions) = old_permissions.clone().or_else(new_file_permissions) {
            builder.permissions(permissions);
        }
        let mut temp = builder.tempfile_in(dir)?;
        if !fill(temp.as_file_mut())? {
            return Ok(false);
        }
        // Exactly the old mode, which the umask applied at creation may have narrowed.
        if let Some(permissions) = old_permissions {
            temp.as_file().set_permissions(permissions)?;
        }
        if durability == Durability::Synced {
            temp.as_file().sync_all()?;
        }
        temp.persist(path).map_err(|e| e.error)?;
        Ok(true)
    };
    write().map_err(|err| naming(path, err))
}

/// Makes `folder` and the folders it is in; the error names the folder.
pub fn make_folder(folder: &Path) -> io::Result<()> {
    std::fs::create_dir_all(folder).map_err(|err| naming(folder, err))
}

/// `err` with the path it concerns: "No space left on device" alone does not say which.
fn naming(path: &Path, err: io::Error) -> io::Error {
    io::Error::new(err.kind(), format!("{}: {err}", path.display()))
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

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn a_write_that_is_not_wanted_after_all_leaves_the_old_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "old contents\n").expect("write");
        let replaced = replace_if(&path, Durability::Synced, |file| {
            file.write_all(b"the same again")?;
            Ok(false)
        });
        assert!(!replaced.expect("no error"));
        assert_eq!(std::fs::read(&path).expect("read"), b"old contents\n");
        assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 1);
        let replaced = replace_if(&path, Durability::Synced, |file| {
            file.write_all(b"new contents\n")?;
            Ok(true)
        });
        assert!(replaced.expect("no error"));
        assert_eq!(std::fs::read(&path).expect("read"), b"new contents\n");
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
