//! JSON Lines shards: one document per line, `{"id": ..., "text": ..., ...}`, plain or
//! compressed with gzip or zstd (told by their first bytes, whatever the file's name).
//!
//! A check with corpus-wide rules loads every record, as those rules hold the whole corpus
//! anyway; one with per-document rules only reads a shard a batch of records at a time
//! ([`read_in_batches`]). A line that is not a record with a text is an error naming the
//! shard and the line; the other records are still read.

use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use rayon::prelude::*;
use serde_json::{Map, Value};

use crate::discover::shards::is_stdin;
use crate::document::{Document, Record};
use crate::error::FileError;
use crate::settings::input::JsonlOptions;

const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];
const ZSTD_MAGIC: &[u8] = &[0x28, 0xb5, 0x2f, 0xfd];

/// The records of the shard at `path` (`-`: standard input) as documents, in line
/// order, and the lines that are not records. A shard that cannot be read or
/// decompressed is one error, and gives no document.
pub fn read_shard(path: &Path, options: &JsonlOptions) -> (Vec<Document>, Vec<FileError>) {
    let shown = path.to_string_lossy();
    let mut bytes = Vec::new();
    let read = if is_stdin(path) {
        std::io::stdin().lock().read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|mut file| file.read_to_end(&mut bytes))
    };
    if let Err(err) = read {
        return (Vec::new(), vec![FileError::io(shown, &err)]);
    }
    let bytes = match decompress(bytes) {
        Ok(bytes) => bytes,
        Err(message) => return (Vec::new(), vec![FileError::new(shown, message)]),
    };
    parse_shard(path, &bytes, options)
}

/// How a shard's bytes are stored, told by their first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

impl Compression {
    /// What a read error of data stored this way means, as [`decompress`] tells it.
    fn read_error(self, err: &io::Error) -> String {
        let message = err.to_string();
        let kind = match self {
            Compression::None => return message,
            Compression::Gzip => "not valid gzip data",
            Compression::Zstd => "not valid zstd data",
        };
        if message.starts_with(kind) {
            message
        } else {
            format!("{kind}: {message}")
        }
    }

    pub fn of(bytes: &[u8]) -> Self {
        if bytes.starts_with(GZIP_MAGIC) {
            Compression::Gzip
        } else if bytes.starts_with(ZSTD_MAGIC) {
            Compression::Zstd
        } else {
            Compression::None
        }
    }
}

/// The bytes of a shard, decompressed when they start as gzip or zstd data do.
pub fn decompress(bytes: Vec<u8>) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    if bytes.starts_with(GZIP_MAGIC) {
        // Several gzip members one after the other are one stream, as `gzip -d` reads them.
        flate2::read::MultiGzDecoder::new(bytes.as_slice())
            .read_to_end(&mut out)
            .map_err(|err| format!("not valid gzip data: {err}"))?;
        return Ok(out);
    }
    if bytes.starts_with(ZSTD_MAGIC) {
        // Likewise for several zstd frames.
        let mut rest = bytes.as_slice();
        while !rest.is_empty() {
            let mut frame = ruzstd::decoding::StreamingDecoder::new(&mut rest)
                .map_err(|err| format!("not valid zstd data: {err}"))?;
            frame
                .read_to_end(&mut out)
                .map_err(|err| format!("not valid zstd data: {err}"))?;
        }
        return Ok(out);
    }
    Ok(bytes)
}

/// The records of a shard's decompressed `bytes`; blank lines are skipped.
pub fn parse_shard(
    shard: &Path,
    bytes: &[u8],
    options: &JsonlOptions,
) -> (Vec<Document>, Vec<FileError>) {
    // A byte-order mark would make the first line invalid JSON.
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let lines: Vec<(usize, &[u8])> = bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .map(|(index, line)| (index + 1, line))
        .filter(|(_, line)| !is_blank(line))
        .collect();
    parse_lines(shard, lines, options)
}

const BOM: &[u8] = b"\xef\xbb\xbf";

fn is_blank(line: &[u8]) -> bool {
    line.iter().all(u8::is_ascii_whitespace)
}

/// How many records [`read_in_batches`] hands over at most at once, and how many bytes of
/// their lines: enough to keep every core busy, little beside a corpus.
pub const BATCH_RECORDS: usize = 4096;
pub const BATCH_BYTES: usize = 32 << 20;

/// Reads the shard at `path` (`-`: standard input) as [`read_shard`] does, but hands its
/// records to `batch` a batch at a time (at most `max_records` records of at most
/// `max_bytes` bytes, or one record larger than that), so that memory holds one batch. A
/// shard that cannot be opened, or whose compressed data breaks off, gives an error after
/// the records read before.
pub fn read_in_batches(
    path: &Path,
    options: &JsonlOptions,
    batch_size: (usize, usize),
    batch: &mut dyn FnMut(Vec<Document>, Vec<FileError>) -> io::Result<()>,
) -> io::Result<()> {
    read_lines_in_batches(path, options, batch_size, &mut |read| {
        let mut errors = read.errors;
        errors.extend(read.ended);
        batch(read.documents, errors)
    })
}

/// A batch of a shard: its records, the lines that are not records, and every line read
/// for it as the shard holds it (blank lines and a byte-order mark too), newline included.
#[derive(Debug, Default)]
pub struct Batch {
    pub documents: Vec<Document>,
    pub errors: Vec<FileError>,
    /// (1-based line number, bytes).
    pub lines: Vec<(usize, Vec<u8>)>,
    /// Why the shard could not be read on: it cannot be opened, or its compressed data
    /// breaks off. Only the last batch has one.
    pub ended: Option<FileError>,
}

/// [`read_in_batches`], handing each batch's lines with its records, for a caller that
/// writes the shard back line for line. A read error ends the last batch.
pub fn read_lines_in_batches(
    path: &Path,
    options: &JsonlOptions,
    (max_records, max_bytes): (usize, usize),
    batch: &mut dyn FnMut(Batch) -> io::Result<()>,
) -> io::Result<()> {
    let shown = path.to_string_lossy();
    let (compression, mut reader) = match open_decompressed(path) {
        Ok(opened) => opened,
        Err(err) => {
            return batch(Batch {
                ended: Some(FileError::io(shown, &err)),
                ..Batch::default()
            });
        }
    };
    let mut lines: Vec<(usize, Vec<u8>)> = Vec::new();
    let mut records = 0;
    let mut bytes = 0;
    let mut number = 0;
    let flush = |lines: &mut Vec<(usize, Vec<u8>)>, ended: Option<FileError>| {
        let lines = std::mem::take(lines);
        let records = lines
            .iter()
            .map(|(n, line)| {
                // A byte-order mark would make the first line invalid JSON.
                let line = if *n == 1 {
                    line.strip_prefix(BOM).unwrap_or(line)
                } else {
                    line
                };
                (*n, line)
            })
            .filter(|(_, line)| !is_blank(line))
            .collect();
        let (documents, errors) = parse_lines(path, records, options);
        Batch {
            documents,
            errors,
            lines,
            ended,
        }
    };
    loop {
        let mut line = Vec::new();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(err) => {
                let error = FileError::new(shown, compression.read_error(&err));
                return batch(flush(&mut lines, Some(error)));
            }
        }
        number += 1;
        let content = if number == 1 {
            line.strip_prefix(BOM).unwrap_or(&line)
        } else {
            &line
        };
        if !is_blank(content) {
            records += 1;
            bytes += line.len();
        }
        lines.push((number, line));
        if records >= max_records || bytes >= max_bytes {
            batch(flush(&mut lines, None))?;
            records = 0;
            bytes = 0;
        }
    }
    batch(flush(&mut lines, None))
}

/// How the shard at `path` is stored, told by its first bytes.
pub fn compression_of(path: &Path) -> io::Result<Compression> {
    open_decompressed(path).map(|(compression, _)| compression)
}

/// A reader of the decompressed bytes of the shard at `path`, told gzip or zstd by its
/// first bytes as [`decompress`] does, and how it is stored.
fn open_decompressed(path: &Path) -> io::Result<(Compression, Box<dyn BufRead>)> {
    let source: Box<dyn Read> = if is_stdin(path) {
        Box::new(io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(path)?)
    };
    let mut source = BufReader::new(source);
    let compression = Compression::of(source.fill_buf()?);
    let reader: Box<dyn BufRead> = match compression {
        Compression::None => Box::new(source),
        Compression::Gzip => Box::new(BufReader::new(flate2::bufread::MultiGzDecoder::new(source))),
        Compression::Zstd => Box::new(BufReader::new(ZstdFrames::new(source)?)),
    };
    Ok((compression, reader))
}

/// The frames of a zstd stream, one after the other, as `zstd -d` reads them.
struct ZstdFrames<R: BufRead> {
    frame: Option<ruzstd::decoding::StreamingDecoder<R, ruzstd::decoding::FrameDecoder>>,
}

impl<R: BufRead> ZstdFrames<R> {
    fn new(source: R) -> io::Result<Self> {
        Ok(Self {
            frame: Some(Self::frame(source)?),
        })
    }

    fn frame(
        source: R,
    ) -> io::Result<ruzstd::decoding::StreamingDecoder<R, ruzstd::decoding::FrameDecoder>> {
        ruzstd::decoding::StreamingDecoder::new(source).map_err(|err| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("not valid zstd data: {err}"),
            )
        })
    }
}

impl<R: BufRead> Read for ZstdFrames<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let Some(frame) = self.frame.as_mut() else {
                return Ok(0);
            };
            let read = frame.read(buf)?;
            if read > 0 || buf.is_empty() {
                return Ok(read);
            }
            // The frame is over: another may follow.
            let Some(frame) = self.frame.take() else {
                return Ok(0);
            };
            let mut source = frame.into_inner();
            if source.fill_buf()?.is_empty() {
                return Ok(0);
            }
            self.frame = Some(Self::frame(source)?);
        }
    }
}

/// The records of `lines` (1-based line number, bytes) of a shard.
fn parse_lines(
    shard: &Path,
    lines: Vec<(usize, &[u8])>,
    options: &JsonlOptions,
) -> (Vec<Document>, Vec<FileError>) {
    let shown = shard.to_string_lossy();
    // One shard may be the whole corpus: its records are parsed and segmented in parallel.
    let read: Vec<Result<Document, FileError>> = lines
        .into_par_iter()
        .map(|(line_number, line)| match parse_record(line, options) {
            Ok((id, text, fields)) => {
                let record = Record {
                    shard: shard.to_path_buf(),
                    line: line_number,
                    id: id.unwrap_or_else(|| line_number.to_string()),
                    provenance: options.provenance(&fields),
                    fields,
                };
                Ok(Document::from_record(record, text))
            }
            Err(message) => Err(FileError::new(
                shown.clone(),
                format!("line {line_number}: {message}"),
            )),
        })
        .collect();
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    for result in read {
        match result {
            Ok(doc) => docs.push(doc),
            Err(err) => errors.push(err),
        }
    }
    (docs, errors)
}

/// A record's id (if it has one), text and other scalar fields.
type Parsed = (Option<String>, String, Vec<(String, String)>);

fn parse_record(line: &[u8], options: &JsonlOptions) -> Result<Parsed, String> {
    let value: Value =
        serde_json::from_slice(line).map_err(|err| format!("not valid JSON: {err}"))?;
    let Value::Object(mut object) = value else {
        return Err("not a JSON object".to_string());
    };
    let text = match object.remove(&options.text_field) {
        Some(Value::String(text)) => text,
        Some(other) => {
            return Err(format!(
                "field `{}` is {}, not a string",
                options.text_field,
                kind_of(&other)
            ));
        }
        None => return Err(format!("no field `{}`", options.text_field)),
    };
    let id = match object.get(&options.id_field) {
        None | Some(Value::Null) => None,
        Some(Value::String(id)) => Some(id.clone()),
        Some(other) => Some(other.to_string()),
    };
    Ok((id, text, scalar_fields(object)))
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The fields of a record besides its text, with a string, number or boolean value.
fn scalar_fields(object: Map<String, Value>) -> Vec<(String, String)> {
    object
        .into_iter()
        .filter_map(|(key, value)| match value {
            Value::String(s) => Some((key, s)),
            Value::Number(n) => Some((key, n.to_string())),
            Value::Bool(b) => Some((key, b.to_string())),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_are_told_by_name_and_manifests_are_not_shards() {
        for name in ["a.jsonl", "b/c.JSONL.GZ", "d.jsonl.zst"] {
            assert!(
                crate::discover::shards::is_shard_name(Path::new(name)),
                "{name}"
            );
        }
        for name in [
            "metadata.jsonl",
            "a/METADATA.JSONL",
            "a.json",
            "a.gz",
            ".jsonl",
        ] {
            assert!(
                !crate::discover::shards::is_shard_name(Path::new(name)),
                "{name}"
            );
        }
    }

    #[test]
    fn records_keep_their_line_numbers_past_blank_lines_a_bom_and_crlf() {
        let bytes = b"\xef\xbb\xbf{\"text\": \"a\", \"url\": \"u\", \"n\": 3, \"x\": [1]}\r\n\r\n{\"id\": 7, \"text\": \"b\"}";
        let (docs, errors) = parse_shard(Path::new("s.jsonl"), bytes, &JsonlOptions::default());
        assert!(errors.is_empty(), "{errors:?}");
        let named: Vec<_> = docs
            .iter()
            .map(|d| (d.display(), d.text.as_str()))
            .collect();
        assert_eq!(named, [("s.jsonl#1", "a"), ("s.jsonl#7", "b")]);
        let record = docs[0].record.as_ref().expect("a record");
        assert_eq!(
            record.fields,
            [("url".into(), "u".into()), ("n".into(), "3".into())]
        );
        assert_eq!(docs[1].path, Path::new("s.jsonl/3"));
        assert_eq!(docs[1].file_path(), Path::new("s.jsonl"));
    }

    #[test]
    fn data_that_does_not_decompress_is_one_error() {
        let mut bytes = GZIP_MAGIC.to_vec();
        bytes.extend(b"not gzip");
        assert!(
            decompress(bytes)
                .expect_err("bad gzip")
                .starts_with("not valid gzip data")
        );
        let mut bytes = ZSTD_MAGIC.to_vec();
        bytes.extend(b"not zstd");
        assert!(
            decompress(bytes)
                .expect_err("bad zstd")
                .starts_with("not valid zstd data")
        );
    }
}
