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
    let name = name.to_ascii_lowercase();
    name != MANIFEST_NAME
        && SHARD_EXTENSIONS.iter().any(|ext| {
            let suffix = format!(".{ext}");
            name.ends_with(&suffix) && name.len() > suffix.len()
        })
}

/// Whether `path` stands for standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == STDIN
}
