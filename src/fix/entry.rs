//! What `fix` records of a cleaned document: where it goes under `--out`, and its
//! provenance entry, the line of `metadata.jsonl` for a file and the `corpuslint` field
//! of a record in a shard.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use crate::fix::{FixOutcome, FixedDocument};
use crate::provenance::{FieldName, Metadata, sha256_hex};

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

/// The manifest line of a cleaned document; paths in it are relative to `roots`, as its
/// `file_name` is.
pub fn manifest_entry(
    file_name: &str,
    fixed: &FixedDocument,
    outcome: &FixOutcome,
    roots: &[PathBuf],
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
    entry.insert("original_path".into(), json!(original.display()));
    entry.insert(
        "original_sha256".into(),
        json!(sha256_hex(original.raw_bytes())),
    );
    entry.insert(
        "corpuslint_version".into(),
        json!(env!("CARGO_PKG_VERSION")),
    );
    if let Some(kept) = fixed.duplicate_of {
        // Not written: the entry records what it copies instead of a hash.
        let kept = relative_path(&outcome.corpus.get(kept).path, roots);
        entry.insert("sha256".into(), Value::Null);
        entry.insert(
            "duplicate_of".into(),
            json!(kept.to_string_lossy().replace('\\', "/")),
        );
    }
    let changes: Map<String, Value> = fixed
        .counts()
        .into_iter()
        .map(|(family, n)| (family.as_str().to_string(), json!(n)))
        .collect();
    entry.insert("changes".into(), Value::Object(changes));
    entry
}
