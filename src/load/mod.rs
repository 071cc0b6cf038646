//! Reading the files of a run as documents, in parallel, through the cache of the corpus
//! root when there is one.

pub mod cache;
pub mod context;
mod framed;
pub mod index;
pub mod jsonl;
mod related;
mod sieve;

use std::borrow::Cow;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::corpus::{Corpus, DOCUMENTS_PER_TASK};
use crate::discover::scope::Scope;
use crate::discover::shards;
use crate::document::Document;
use crate::error::FileError;
use crate::progress::{NoProgress, Progress};
use crate::settings::input::{InputFormat, JsonlOptions};
use crate::settings::resolve::FileSettings;
use cache::Cache;

/// Reads the files of `scope`, through the cache of the corpus root when there is one.
pub fn load_planned(
    settings: &FileSettings,
    scope: Scope,
    progress: &dyn Progress,
) -> (Corpus, Vec<bool>, Vec<FileError>) {
    let root = settings.root.as_deref().filter(|_| settings.cache);
    let reader = Reader::of(settings);
    let Some(root) = root else {
        let loaded = load_scope(scope, &reader, progress);
        return (loaded.corpus, loaded.checked, loaded.errors);
    };
    let cache = Cache::open(root);
    // A run that loaded the whole root knows every entry worth keeping.
    let whole_root = scope.has_context() || crate::discover::scope::covers(settings, root);
    let reader = Reader {
        cache: Some(&cache),
        ..reader
    };
    let loaded = load_scope(scope, &reader, progress);
    // Records of JSON Lines shards are not cached: their key would be their shard's.
    let used = loaded
        .keys
        .iter()
        .zip(&loaded.corpus.documents)
        .filter(|(_, doc)| doc.record.is_none())
        .map(|(&key, doc)| (key, Cow::Borrowed(doc.paragraphs.as_slice())))
        .collect();
    cache.update(used, whole_root);
    (loaded.corpus, loaded.checked, loaded.errors)
}

/// Reads and decodes `files` in parallel, keeping their order.
pub fn load(files: Vec<PathBuf>) -> (Corpus, Vec<FileError>) {
    load_with_progress(files, &NoProgress)
}

/// [`load`], telling `progress` of each file read.
pub fn load_with_progress(
    files: Vec<PathBuf>,
    progress: &dyn Progress,
) -> (Corpus, Vec<FileError>) {
    let loaded = load_scope(Scope::all(files), &Reader::default(), progress);
    (loaded.corpus, loaded.errors)
}

/// How the files of a run are read.
#[derive(Clone, Copy)]
pub struct Reader<'a> {
    pub format: InputFormat,
    pub jsonl: &'a JsonlOptions,
    /// The cache of the corpus root, if one is used.
    pub cache: Option<&'a Cache>,
}

impl Default for Reader<'_> {
    fn default() -> Self {
        static DEFAULT_JSONL: std::sync::LazyLock<JsonlOptions> =
            std::sync::LazyLock::new(JsonlOptions::default);
        Self {
            format: InputFormat::Auto,
            jsonl: &DEFAULT_JSONL,
            cache: None,
        }
    }
}

impl<'a> Reader<'a> {
    /// The reader of `settings`, without a cache.
    pub fn of(settings: &'a FileSettings) -> Self {
        Self {
            format: settings.input_format,
            jsonl: &settings.jsonl,
            cache: None,
        }
    }

    /// Whether the file at `path` is read as a JSON Lines shard.
    pub fn reads_as_jsonl(&self, path: &std::path::Path) -> bool {
        match self.format {
            InputFormat::Jsonl => true,
            InputFormat::Text => false,
            InputFormat::Auto => shards::is_stdin(path) || shards::is_shard_name(path),
        }
    }
}

/// [`load`] with the files read as `reader` says.
pub fn load_with(files: Vec<PathBuf>, reader: &Reader) -> (Corpus, Vec<FileError>) {
    let loaded = load_scope(Scope::all(files), reader, &NoProgress);
    (loaded.corpus, loaded.errors)
}

/// The documents of a run and what is known of them.
#[derive(Debug, Default)]
pub struct Loaded {
    pub corpus: Corpus,
    /// Whether each document is checked (else only context).
    pub checked: Vec<bool>,
    /// The read errors of the checked files; a context file that cannot be read is left
    /// out silently, as it is not what the run reports on.
    pub errors: Vec<FileError>,
    /// The content key of each document, when a cache was given.
    pub keys: Vec<u128>,
}

/// Reads the files of `scope` as `reader` says, taking the paragraphs of files already
/// seen from its cache, and telling `progress` of each file read. A JSON Lines shard
/// gives one document per record.
pub fn load_scope(scope: Scope, reader: &Reader, progress: &dyn Progress) -> Loaded {
    progress.stage("reading", Some(scope.files.len()));
    let loaded: Vec<(bool, Read)> = scope
        .files
        .into_par_iter()
        .with_max_len(DOCUMENTS_PER_TASK)
        .zip(scope.checked)
        .map(|(path, checked)| {
            let loaded = if reader.reads_as_jsonl(&path) {
                let (docs, errors) = jsonl::read_shard(&path, reader.jsonl);
                Read {
                    docs: docs.into_iter().map(|doc| (doc, 0)).collect(),
                    errors,
                }
            } else {
                match read_cached(path, reader.cache) {
                    Ok(keyed) => Read {
                        docs: vec![keyed],
                        errors: Vec::new(),
                    },
                    Err(err) => Read {
                        docs: Vec::new(),
                        errors: vec![err],
                    },
                }
            };
            progress.advance(1);
            (checked, loaded)
        })
        .collect();
    let mut out = Loaded::default();
    // Sized once: grown by doubling, the list of documents would keep room for up to as
    // many again.
    let documents = loaded.iter().map(|(_, read)| read.docs.len()).sum();
    out.corpus.documents.reserve_exact(documents);
    out.checked.reserve_exact(documents);
    for (checked, read) in loaded {
        for (doc, key) in read.docs {
            out.corpus.documents.push(doc);
            out.checked.push(checked);
            if reader.cache.is_some() {
                out.keys.push(key);
            }
        }
        if checked {
            out.errors.extend(read.errors);
        }
    }
    out
}

/// What one file gave: its documents (one, or a shard's records) and its errors.
struct Read {
    docs: Vec<Keyed>,
    errors: Vec<FileError>,
}

/// A document and the content key of its bytes (0 when there is no cache).
type Keyed = (Document, u128);

fn read_cached(path: PathBuf, cache: Option<&Cache>) -> Result<Keyed, FileError> {
    match cache {
        Some(_) => read_keyed(path, cache),
        None => read(path).map(|doc| (doc, 0)),
    }
}

/// Reads the file at `path` with the key of its bytes, taking its paragraphs from `cache`
/// when it has them.
fn read_keyed(path: PathBuf, cache: Option<&Cache>) -> Result<Keyed, FileError> {
    let bytes = std::fs::read(&path).map_err(|err| FileError::io(path.to_string_lossy(), &err))?;
    let key = cache::key_of(&path, &bytes);
    let doc = match cache.and_then(|cache| cache.get(key)) {
        Some(paragraphs) => Document::with_paragraphs(path, bytes, paragraphs),
        None => Document::from_bytes(path, bytes),
    };
    Ok((doc, key))
}

fn read(path: PathBuf) -> Result<Document, FileError> {
    match std::fs::read(&path) {
        Ok(bytes) => Ok(Document::from_bytes(path, bytes)),
        Err(err) => Err(FileError::io(path.to_string_lossy(), &err)),
    }
}
