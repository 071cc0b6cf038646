//! Cleaned JSON Lines shards. A shard is rewritten line for line: each fixed record gets
//! its cleaned text in its text field and a `corpuslint` field with its provenance (the
//! entry a `metadata.jsonl` would hold for a file), and keeps its other fields in their
//! order; blank lines and lines that are not records are kept as they were. A shard is
//! written back as it was read: plain, gzip or zstd.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_json::Value;

use crate::discover::shards::is_stdin;
use crate::fix::entry::{manifest_entry, relative_path};
use crate::fix::{FixOutcome, FixedDocument};
use crate::load::jsonl::{Compression, decompress};

/// The name of the field a cleaned record gets, with its provenance.
pub const PROVENANCE_FIELD: &str = "corpuslint";

/// The fixed records of `outcome`, by shard.
pub fn by_shard(outcome: &FixOutcome) -> BTreeMap<&Path, Vec<&FixedDocument>> {
    let mut shards: BTreeMap<&Path, Vec<&FixedDocument>> = BTreeMap::new();
    for fixed in &outcome.documents {
        if let Some(record) = &outcome.corpus.get(fixed.id).record {
            shards
                .entry(record.shard.as_path())
                .or_default()
                .push(fixed);
        }
    }
    shards
}

/// The bytes of `shard` cleaned: its fixed `records` rewritten, the rest as it was.
pub fn cleaned_shard(
    shard: &Path,
    records: &[&FixedDocument],
    outcome: &FixOutcome,
) -> io::Result<Vec<u8>> {
    if is_stdin(shard) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "standard input cannot be written back; use --diff, or name the shard's file",
        ));
    }
    let read = std::fs::read(shard)?;
    let compression = Compression::of(&read);
    let plain = decompress(read).map_err(|err| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{}: {err}", shard.display()),
        )
    })?;
    let by_line: BTreeMap<usize, &FixedDocument> = records
        .iter()
        .filter_map(|fixed| {
            let record = outcome.corpus.get(fixed.id).record.as_ref()?;
            Some((record.line, *fixed))
        })
        .collect();
    let roots = [shard.to_path_buf()];
    let mut out = Vec::with_capacity(plain.len());
    let pieces: Vec<&[u8]> = plain.split(|&b| b == b'\n').collect();
    let last = pieces.len() - 1;
    for (index, piece) in pieces.into_iter().enumerate() {
        match by_line.get(&(index + 1)) {
            Some(fixed) => {
                let line = cleaned_record(piece, fixed, outcome, &roots).map_err(|err| {
                    io::Error::new(
                        io::ErrorKind::InvalidData,
                        format!("{}: line {}: {err}", shard.display(), index + 1),
                    )
                })?;
                out.extend_from_slice(&line);
                if piece.ends_with(b"\r") {
                    out.push(b'\r');
                }
            }
            None => out.extend_from_slice(piece),
        }
        if index < last {
            out.push(b'\n');
        }
    }
    compression.compress(&out)
}

/// One record's line, its text replaced by the cleaned text and its provenance added.
pub(crate) fn cleaned_record(
    line: &[u8],
    fixed: &FixedDocument,
    outcome: &FixOutcome,
    roots: &[PathBuf],
) -> Result<Vec<u8>, String> {
    let text_field = outcome.text_field.as_str();
    let line = line.strip_prefix(b"\xef\xbb\xbf").unwrap_or(line);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let Ok(Value::Object(mut record)) = serde_json::from_slice::<Value>(line) else {
        return Err("the record changed since it was read".into());
    };
    let original = outcome.corpus.get(fixed.id);
    let mut entry = manifest_entry(original.display(), fixed, outcome, roots);
    entry.remove("file_name");
    if let Some(kept) = fixed.duplicate_of {
        entry.insert(
            "duplicate_of".into(),
            Value::String(outcome.corpus.get(kept).display().to_owned()),
        );
    }
    // A copy keeps its text: the record is marked, not emptied.
    let text = match fixed.duplicate_of {
        Some(_) => &original.text,
        None => &fixed.text,
    };
    match record.get_mut(text_field) {
        Some(field) => *field = Value::String(text.clone()),
        None => return Err(format!("the record has no `{text_field}` any more")),
    }
    record.insert(PROVENANCE_FIELD.into(), Value::Object(entry));
    serde_json::to_vec(&Value::Object(record)).map_err(|err| err.to_string())
}

/// Where the cleaned copy of `shard` goes under `out`.
pub fn out_path(shard: &Path, roots: &[PathBuf], out: &Path) -> PathBuf {
    out.join(relative_path(shard, roots))
}

/// Writes the cleaned copy of each of `shards` to `target(shard)` with `write`, in
/// parallel; the paths written.
pub fn write_shards(
    shards: &BTreeMap<&Path, Vec<&FixedDocument>>,
    outcome: &FixOutcome,
    target: &(dyn Fn(&Path) -> PathBuf + Sync),
    write: &(dyn Fn(&Path, &[u8]) -> io::Result<()> + Sync),
) -> io::Result<Vec<PathBuf>> {
    shards
        .par_iter()
        .map(|(&shard, records)| {
            let bytes = cleaned_shard(shard, records, outcome)?;
            let path = target(shard);
            write(&path, &bytes)?;
            Ok(path)
        })
        .collect()
}

impl Compression {
    /// `plain` compressed as a shard of this kind was.
    pub fn compress(self, plain: &[u8]) -> io::Result<Vec<u8>> {
        match self {
            Compression::None => Ok(plain.to_vec()),
            Compression::Gzip => {
                let mut encoder =
                    flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
                encoder.write_all(plain)?;
                encoder.finish()
            }
            Compression::Zstd => Ok(ruzstd::encoding::compress_to_vec(
                plain,
                ruzstd::encoding::CompressionLevel::Fastest,
            )),
        }
    }
}
