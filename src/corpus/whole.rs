//! The counts of a whole corpus that a part of it needs to be checked as the whole is:
//! how many documents it has, how many each folder has, and in how many documents of
//! each folder each one-line paragraph occurs (site template, and the share from which
//! a paragraph is template rather than a duplicate).

use std::collections::HashMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::text::hashing::{KeyMap, KeySet};

/// The version of the map record format (`shard::record`) this build writes and reads.
pub const VERSION: u32 = 2;

/// What a map step saw of a folder: its documents, and for each one-line paragraph key
/// (32 hex digits) the number of them holding it. A map record of kind `folder`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FolderRecord {
    pub v: u32,
    pub folder: PathBuf,
    pub documents: usize,
    pub lines: Vec<(String, u32)>,
}

impl FolderRecord {
    pub fn check_version(&self) -> Result<(), String> {
        if self.v == VERSION {
            Ok(())
        } else {
            Err(format!(
                "a map record of version {}; this corpuslint reads version {VERSION}",
                self.v
            ))
        }
    }
}

/// A paragraph key as records write it.
pub fn key_hex(key: u128) -> String {
    format!("{key:032x}")
}

pub fn parse_key(hex: &str) -> Result<u128, String> {
    u128::from_str_radix(hex, 16).map_err(|_| format!("`{hex}` is no paragraph key"))
}

/// Counts summed from the folder records of every map step.
#[derive(Debug, Default, Clone)]
pub struct Whole {
    /// Documents in the whole corpus.
    pub documents: usize,
    folders: Vec<PathBuf>,
    folder_ids: HashMap<PathBuf, u32>,
    folder_documents: Vec<usize>,
    /// Per one-line paragraph key: (folder, documents of the folder holding it).
    lines: KeyMap<u128, Vec<(u32, u32)>>,
    /// When known: the documents of the whole corpus holding each paragraph text that
    /// the part's documents hold, for the exact index to tell site template by. A part
    /// made of every document that shares a paragraph with another has these counts
    /// itself; a part cut finer (the documents an index links to a few named files)
    /// does not.
    paragraphs: Option<KeyMap<u128, u32>>,
    /// Fingerprints of reused text known to be in too many documents of the whole to
    /// link two of them, for a part that does not hold all those documents.
    generic_fingerprints: KeySet<u32>,
    /// Per document of the part, when it is context taken from an index: the keys the
    /// index holds of it.
    indexed: Vec<Option<super::IndexedKeys>>,
}

impl Whole {
    /// Adds one folder record (a folder seen by several map steps is summed).
    pub fn add(&mut self, record: &FolderRecord) -> Result<(), String> {
        let lines = record
            .lines
            .iter()
            .map(|(key, count)| Ok((parse_key(key)?, *count)))
            .collect::<Result<Vec<_>, String>>()?;
        self.add_counts(&record.folder, record.documents, lines);
        Ok(())
    }

    /// Adds the counts of one folder: `documents` more documents, and for each one-line
    /// paragraph key the documents among them holding it.
    pub fn add_counts(
        &mut self,
        folder: &Path,
        documents: usize,
        lines: impl IntoIterator<Item = (u128, u32)>,
    ) {
        let id = self.folder_id(folder);
        self.folder_documents[id as usize] += documents;
        self.documents += documents;
        for (key, count) in lines {
            let counts = self.lines.entry(key).or_default();
            match counts.iter_mut().find(|(folder, _)| *folder == id) {
                Some((_, n)) => *n += count,
                None => counts.push((id, count)),
            }
        }
    }

    fn folder_id(&mut self, folder: &Path) -> u32 {
        let next = self.folders.len() as u32;
        let id = *self.folder_ids.entry(folder.to_path_buf()).or_insert(next);
        if id == next {
            self.folders.push(folder.to_path_buf());
            self.folder_documents.push(0);
        }
        id
    }

    /// Sets the documents of the whole holding each paragraph text (by key) that the
    /// part's documents hold.
    pub fn set_paragraph_documents(&mut self, counts: KeyMap<u128, u32>) {
        self.paragraphs = Some(counts);
    }

    /// Sets the fingerprints of reused text that are generic in the whole corpus.
    pub fn set_generic_fingerprints(&mut self, fingerprints: KeySet<u32>) {
        self.generic_fingerprints = fingerprints;
    }

    /// Sets the keys an index holds of the part's documents, by document.
    pub fn set_indexed_keys(&mut self, keys: Vec<Option<super::IndexedKeys>>) {
        self.indexed = keys;
    }

    /// The keys an index holds of document `doc` of the part, when it holds them.
    pub fn indexed_keys(&self, doc: usize) -> Option<&super::IndexedKeys> {
        self.indexed.get(doc)?.as_ref()
    }

    pub fn is_generic_fingerprint(&self, fingerprint: u32) -> bool {
        self.generic_fingerprints.contains(&fingerprint)
    }

    /// The documents of the whole holding the paragraph text `key`, when known.
    pub fn paragraph_documents(&self, key: u128) -> Option<u32> {
        self.paragraphs.as_ref()?.get(&key).copied()
    }

    /// The counts of the folder records among map records (JSON Lines; document records
    /// are skipped).
    pub fn read(reader: impl BufRead) -> Result<Self, String> {
        let mut whole = Self::default();
        whole.read_more(reader)?;
        Ok(whole)
    }

    /// Adds the folder records among more map records.
    pub fn read_more(&mut self, reader: impl BufRead) -> Result<(), String> {
        let whole = self;
        for (number, line) in reader.lines().enumerate() {
            let line = line.map_err(|err| err.to_string())?;
            if line.trim().is_empty() {
                continue;
            }
            let at = |err: String| format!("line {}: {err}", number + 1);
            let record: serde_json::Value =
                serde_json::from_str(&line).map_err(|err| at(err.to_string()))?;
            if record.get("kind").and_then(|k| k.as_str()) != Some("folder") {
                continue;
            }
            let folder: FolderRecord =
                serde_json::from_value(record).map_err(|err| at(err.to_string()))?;
            folder
                .check_version()
                .and_then(|()| whole.add(&folder))
                .map_err(at)?;
        }
        Ok(())
    }

    /// Documents in `folder` in the whole corpus, when a map step saw it.
    pub fn folder_documents(&self, folder: &Path) -> Option<usize> {
        let id = *self.folder_ids.get(folder)?;
        Some(self.folder_documents[id as usize])
    }

    /// Each one-line paragraph key with the documents holding it in each folder.
    pub fn lines(&self) -> impl Iterator<Item = (u128, impl Iterator<Item = (&Path, u32)>)> {
        self.lines.iter().map(|(&key, counts)| {
            (
                key,
                counts
                    .iter()
                    .map(|&(folder, n)| (self.folders[folder as usize].as_path(), n)),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_records_are_summed() {
        let records = concat!(
            r#"{"kind":"folder","v":2,"folder":"a.jsonl","documents":3,"lines":[["0000000000000000000000000000002a",2]]}"#,
            "\n",
            r#"{"kind":"document","v":2,"name":"a.jsonl#1","path":"a.jsonl/1","folder":"a.jsonl","hash":"00","keys":[],"paragraphs":[]}"#,
            "\n",
            r#"{"kind":"folder","v":2,"folder":"a.jsonl","documents":2,"lines":[["0000000000000000000000000000002a",1]]}"#,
            "\n",
        );
        let whole = Whole::read(records.as_bytes()).unwrap();
        assert_eq!(whole.documents, 5);
        assert_eq!(whole.folder_documents(Path::new("a.jsonl")), Some(5));
        let lines: Vec<(u128, Vec<(&Path, u32)>)> =
            whole.lines().map(|(k, c)| (k, c.collect())).collect();
        assert_eq!(lines, [(42, vec![(Path::new("a.jsonl"), 3)])]);
    }

    #[test]
    fn a_record_of_another_version_is_refused() {
        let records = r#"{"kind":"folder","v":1,"folder":"a","documents":1,"lines":[]}"#;
        let err = Whole::read(records.as_bytes()).unwrap_err();
        assert!(err.contains("version 1"), "{err}");
    }
}
