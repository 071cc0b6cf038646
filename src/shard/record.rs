//! The records of the map step, one JSON object a line, version 2:
//!
//! - `{"kind":"document","v":2,"name","path","folder","hash","keys","paragraphs"}`: a
//!   document's name as findings show it, its path (a record's is `SHARD/LINE`), its
//!   folder, the 128-bit hash of its text (hex), its link keys (16 hex digits each, see
//!   `rules::duplicate::keys`) and its paragraphs as `[key, start, end, first_line,
//!   last_line]` (byte offsets into the text, 0-based lines).
//! - `{"kind":"folder","v":2,"folder","documents","lines"}`: the documents a map step saw
//!   in a folder, and for each one-line paragraph key the number of them holding it.
//!
//! Everything is keyed by content: a document's record changes only when its text does.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::corpus::Corpus;
use crate::document::Document;
use crate::rules::chrome::site_template::one_line_keys;
use crate::rules::duplicate::keys::link_keys;
use crate::rules::options::RuleOptions;

pub use crate::corpus::whole::{FolderRecord, VERSION, key_hex, parse_key};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum MapRecord {
    Document(DocumentRecord),
    Folder(FolderRecord),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentRecord {
    pub v: u32,
    pub name: String,
    pub path: PathBuf,
    pub folder: PathBuf,
    pub hash: String,
    pub keys: Vec<String>,
    pub paragraphs: Vec<(String, usize, usize, usize, usize)>,
}

fn folder_of(document: &Document) -> &Path {
    document.path.parent().unwrap_or(Path::new(""))
}

/// The map records of `corpus`: one per document, in corpus order, then one per folder.
pub fn map(corpus: &Corpus, options: &RuleOptions) -> Vec<MapRecord> {
    let documents: Vec<MapRecord> = corpus
        .documents
        .par_iter()
        .map(|document| MapRecord::Document(document_record(document, options)))
        .collect();
    let mut folders: BTreeMap<&Path, (usize, BTreeMap<u128, u32>)> = BTreeMap::new();
    for document in &corpus.documents {
        let (count, lines) = folders.entry(folder_of(document)).or_default();
        *count += 1;
        for key in one_line_keys(document) {
            *lines.entry(key).or_default() += 1;
        }
    }
    let folders = folders.into_iter().map(|(folder, (documents, lines))| {
        MapRecord::Folder(FolderRecord {
            v: VERSION,
            folder: folder.to_path_buf(),
            documents,
            lines: lines.into_iter().map(|(k, n)| (key_hex(k), n)).collect(),
        })
    });
    documents.into_iter().chain(folders).collect()
}

fn document_record(document: &Document, options: &RuleOptions) -> DocumentRecord {
    DocumentRecord {
        v: VERSION,
        name: document.display().to_owned(),
        path: document.path.clone(),
        folder: folder_of(document).to_path_buf(),
        hash: key_hex(xxhash_rust::xxh3::xxh3_128(document.text.as_bytes())),
        keys: link_keys(document, &options.duplicate)
            .into_iter()
            .map(|k| format!("{k:016x}"))
            .collect(),
        paragraphs: document
            .paragraphs
            .iter()
            .map(|p| {
                (
                    key_hex(p.fingerprint.key()),
                    p.span.start,
                    p.span.end,
                    p.first_line(),
                    p.last_line(),
                )
            })
            .collect(),
    }
}
