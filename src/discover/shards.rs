//! Which inputs are JSON Lines shards, by name: what a run reads is decided here, how
//! a shard is read in `load::jsonl`.

use std::path::Path;

use crate::provenance::sources::MANIFEST_NAME;

/// The name that stands for standard input among the paths of a run.
pub const STDIN: &str = "-";

/// The names of JSON Lines shards, as extensions a folder walk takes.
pub const SHARD_EXTENSIONS: [&str; 3] = ["jsonl", "jsonl.gz", "jsonl.zst"];

/// Whether `path` is named as a JSON Lines shard: `.jsonl`, `.jsonl.gz` or `.jsonl.zst`
/// (in any case), and not a `metadata.jsonl` manifest.
pub fn is_shard_name(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    // Asked of every file of a run: compared in place, nothing allocated.
    let name = name.as_bytes();
    !name.eq_ignore_ascii_case(MANIFEST_NAME.as_bytes())
        && SHARD_EXTENSIONS.iter().any(|ext| {
            let Some(dot) = name.len().checked_sub(ext.len() + 1).filter(|&at| at > 0) else {
                return false;
            };
            name[dot] == b'.' && name[dot + 1..].eq_ignore_ascii_case(ext.as_bytes())
        })
}

/// Whether `path` stands for standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == STDIN
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_are_told_by_their_extension_in_any_case() {
        for name in ["a.jsonl", "dir/B.JSONL.GZ", "c.Jsonl.zst", "x.y.jsonl"] {
            assert!(is_shard_name(Path::new(name)), "{name}");
        }
        for name in [
            ".jsonl",
            "metadata.jsonl",
            "METADATA.JSONL",
            "a.json",
            "ajsonl",
            "a.jsonl.bz2",
            "a.txt",
        ] {
            assert!(!is_shard_name(Path::new(name)), "{name}");
        }
    }
}
