//! Reading the files of a run as documents, in parallel, through the cache of the corpus
//! root when there is one.

pub mod cache;

use std::path::PathBuf;

use rayon::prelude::*;

use crate::corpus::Corpus;
use crate::discover::scope::Scope;
use crate::document::Document;
use crate::error::FileError;
use crate::progress::{NoProgress, Progress};
use crate::settings::resolve::FileSettings;
use cache::Cache;

/// Reads the files of `scope`, through the cache of the corpus root when there is one.
pub fn load_planned(
    settings: &FileSettings,
    scope: Scope,
    progress: &dyn Progress,
) -> (Corpus, Vec<bool>, Vec<FileError>) {
    let root = settings.root.as_deref().filter(|_| settings.cache);
    let Some(root) = root else {
        let loaded = load_scope(scope, None, progress);
        return (loaded.corpus, loaded.checked, loaded.errors);
    };
    let cache = Cache::open(root);
    // A run that loaded the whole root knows every entry worth keeping.
    let whole_root = scope.has_context() || crate::discover::scope::covers(settings, root);
    let loaded = load_scope(scope, Some(&cache), progress);
    let used = loaded
        .keys
        .iter()
        .zip(&loaded.corpus.documents)
        .map(|(&key, doc)| (key, doc.paragraphs.clone()))
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
    let loaded = load_scope(Scope::all(files), None, progress);
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

/// Reads the files of `scope`, taking the paragraphs of files already seen from `cache`,
/// and telling `progress` of each file read.
pub fn load_scope(scope: Scope, cache: Option<&Cache>, progress: &dyn Progress) -> Loaded {
    progress.stage("reading", Some(scope.files.len()));
    let loaded: Vec<(bool, Result<Keyed, FileError>)> = scope
        .files
        .into_par_iter()
        .zip(scope.checked)
        .map(|(path, checked)| {
            let loaded = read_cached(path, cache);
            progress.advance(1);
            (checked, loaded)
        })
        .collect();
    let mut out = Loaded::default();
    for (checked, result) in loaded {
        match result {
            Ok((doc, key)) => {
                out.corpus.documents.push(doc);
                out.checked.push(checked);
                if cache.is_some() {
                    out.keys.push(key);
                }
            }
            Err(err) if checked => out.errors.push(err),
            Err(_) => {}
        }
    }
    out
}

/// A document and the content key of its bytes (0 when there is no cache).
type Keyed = (Document, u128);

fn read_cached(path: PathBuf, cache: Option<&Cache>) -> Result<Keyed, FileError> {
    let Some(cache) = cache else {
        return read(path).map(|doc| (doc, 0));
    };
    let bytes = std::fs::read(&path).map_err(|err| FileError::io(path.to_string_lossy(), &err))?;
    let key = cache::key_of(&path, &bytes);
    let doc = match cache.get(key) {
        Some(paragraphs) => Document::with_paragraphs(path, bytes, paragraphs.to_vec()),
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
