//! Provenance files beside the documents: sidecars (`NAME.meta.toml`, `NAME.meta.json`)
//! and corpus manifests (`metadata.jsonl` in the folder or an ancestor, one JSON object
//! per document with a `file_name`, as HuggingFace datasets have them).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ffi::{OsStr, OsString};
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::corpus::{Corpus, DOCUMENTS_PER_TASK};
use crate::document::{DocId, Document};
use crate::error::FileError;

pub const MANIFEST_NAME: &str = "metadata.jsonl";

/// Fields of a provenance file: key → (value, 0-based line).
pub type Fields = BTreeMap<String, (String, usize)>;

#[derive(Debug, Clone)]
pub struct Sidecar {
    /// The sidecar as an auxiliary document of the corpus.
    pub doc: DocId,
    pub fields: Fields,
    /// Why the sidecar could not be read, if it could not.
    pub error: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ManifestEntry {
    /// 0-based line of the entry in the manifest.
    pub line: usize,
    pub file_name: String,
    pub sha256: Option<String>,
    pub fields: Fields,
}

#[derive(Debug, Clone)]
pub struct Manifest {
    pub doc: DocId,
    pub dir: PathBuf,
    pub entries: Vec<ManifestEntry>,
    /// Lines that are not entries: (0-based line, problem).
    pub errors: Vec<(usize, String)>,
}

/// The provenance files of a corpus and which document each one describes.
#[derive(Debug, Default)]
pub struct Sources {
    pub sidecars: Vec<Sidecar>,
    pub sidecar_of: HashMap<DocId, usize>,
    pub manifests: Vec<Manifest>,
    /// For each document under a manifest: the manifest and its entry, if it has one.
    pub manifest_of: HashMap<DocId, (usize, Option<usize>)>,
}

/// Finds and reads the provenance files of the corpus's documents, adding them to the
/// corpus as auxiliary documents.
pub fn load(corpus: &mut Corpus) -> (Sources, Vec<FileError>) {
    let mut sources = Sources::default();
    let mut errors = Vec::new();
    let mut manifest_in: HashMap<PathBuf, Option<usize>> = HashMap::new();
    let mut entries_by_path: HashMap<usize, HashMap<PathBuf, usize>> = HashMap::new();
    let mut found = read_sidecars(&corpus.documents).into_iter().peekable();
    for id in 0..corpus.documents.len() {
        // A record of a JSON Lines shard has no file of its own to look beside.
        if corpus.documents[id].record.is_some() {
            continue;
        }
        while let Some(probe) = found.next_if(|probe| probe.id == id) {
            match probe.outcome {
                Ok(sidecar) => {
                    let aux = corpus.add_auxiliary(sidecar.doc);
                    sources.sidecar_of.insert(id, sources.sidecars.len());
                    sources.sidecars.push(Sidecar {
                        doc: aux,
                        fields: sidecar.fields,
                        error: sidecar.error,
                    });
                }
                Err(err) => errors.push(err),
            }
        }
        let path = corpus.documents[id].path.clone();
        let Some(index) = find_manifest(&path, corpus, &mut sources, &mut manifest_in, &mut errors)
        else {
            continue;
        };
        let manifest = &sources.manifests[index];
        // Each manifest's entries by path, made once: a folder of many documents with a
        // manifest of as many entries would otherwise be searched once per document.
        let by_path = entries_by_path.entry(index).or_insert_with(|| {
            let mut by_path = HashMap::new();
            for (position, e) in manifest.entries.iter().enumerate() {
                by_path
                    .entry(clean(Path::new(&e.file_name)))
                    .or_insert(position);
            }
            by_path
        });
        let entry = relative_to(&path, &manifest.dir)
            .and_then(|relative| by_path.get(&clean(&relative)).copied());
        sources.manifest_of.insert(id, (index, entry));
    }
    (sources, errors)
}

/// What looking for a document's sidecar gave: the sidecar read, or a file that could not
/// be read (the next candidate is then tried).
struct Probe {
    id: DocId,
    outcome: Result<ReadSidecar, FileError>,
}

struct ReadSidecar {
    doc: Document,
    fields: Fields,
    error: Option<String>,
}

/// The sidecars of `documents`, read and parsed on every core, in document order: for
/// each document, the candidates that could not be read, then the one read, if any.
///
/// Each folder is listed once, and only the names it holds are opened: most documents
/// have no sidecar, and asking the system for two absent files per document took, on
/// one thread, about 0.1 s of the 0.6 s of system time of a check of 200 MB.
fn read_sidecars(documents: &[Document]) -> Vec<Probe> {
    let folders = FolderNames::of(
        documents
            .iter()
            .filter(|d| d.record.is_none())
            .filter_map(|d| d.path.parent()),
    );
    documents
        .par_iter()
        .with_max_len(DOCUMENTS_PER_TASK)
        .enumerate()
        .filter(|(_, document)| document.record.is_none())
        .flat_map_iter(|(id, document)| {
            let mut probes = Vec::new();
            for candidate in sidecar_paths(&document.path) {
                if !folders.may_hold(&candidate) {
                    continue;
                }
                match std::fs::read(&candidate) {
                    Ok(bytes) => {
                        let doc = Document::from_bytes(candidate.clone(), bytes);
                        let (fields, error) = parse_sidecar(&candidate, &doc.text);
                        let sidecar = ReadSidecar { doc, fields, error };
                        probes.push(Probe {
                            id,
                            outcome: Ok(sidecar),
                        });
                        break;
                    }
                    Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
                    Err(err) => probes.push(Probe {
                        id,
                        outcome: Err(FileError::io(candidate.to_string_lossy(), &err)),
                    }),
                }
            }
            probes
        })
        .collect()
}

/// The names of the files in some folders, each listed once.
struct FolderNames {
    /// `None`: the folder could not be listed, and any name may be in it.
    names: HashMap<PathBuf, Option<HashSet<OsString>>>,
}

impl FolderNames {
    fn of<'a>(folders: impl Iterator<Item = &'a Path>) -> Self {
        let mut unique: Vec<&Path> = folders.collect();
        unique.sort_unstable();
        unique.dedup();
        let names = unique
            .into_par_iter()
            .map(|folder| {
                let listed = if folder.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    folder
                };
                let names = std::fs::read_dir(listed).ok().map(|entries| {
                    entries
                        .filter_map(Result::ok)
                        .map(|entry| name_key(&entry.file_name()))
                        .collect()
                });
                (folder.to_path_buf(), names)
            })
            .collect();
        Self { names }
    }

    /// Whether `path` may exist: its folder was not listed, or holds its name.
    fn may_hold(&self, path: &Path) -> bool {
        let (Some(folder), Some(name)) = (path.parent(), path.file_name()) else {
            return true;
        };
        match self.names.get(folder) {
            Some(Some(names)) => names.contains(&name_key(name)),
            _ => true,
        }
    }
}

/// A file name as the file system compares it: on systems whose usual file systems ignore
/// case, `a.meta.toml` opens `A.Meta.TOML`, so the listing is compared in lower case.
fn name_key(name: &OsStr) -> OsString {
    if cfg!(any(target_os = "macos", target_os = "windows")) {
        name.to_string_lossy().to_lowercase().into()
    } else {
        name.to_os_string()
    }
}

/// `a/NAME.txt` → `a/NAME.meta.toml`, `a/NAME.meta.json`.
fn sidecar_paths(path: &Path) -> Vec<PathBuf> {
    let Some(stem) = path.file_stem() else {
        return Vec::new();
    };
    ["toml", "json"]
        .iter()
        .map(|ext| {
            let mut name = stem.to_os_string();
            name.push(format!(".meta.{ext}"));
            path.with_file_name(name)
        })
        .collect()
}

fn parse_sidecar(path: &Path, text: &str) -> (Fields, Option<String>) {
    let is_json = path.extension().is_some_and(|e| e == "json");
    let parsed: Result<Vec<(String, String)>, String> = if is_json {
        serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(text)
            .map_err(|e| format!("not a JSON object: {e}"))
            .map(|map| map.into_iter().map(|(k, v)| (k, json_string(&v))).collect())
    } else {
        text.parse::<toml::Table>()
            .map_err(|e| format!("not valid TOML: {}", e.message()))
            .map(|table| {
                table
                    .into_iter()
                    .map(|(k, v)| (k, toml_string(&v)))
                    .collect()
            })
    };
    match parsed {
        Ok(pairs) => {
            let fields = pairs
                .into_iter()
                .map(|(key, value)| {
                    let line = text
                        .lines()
                        .position(|l| {
                            l.contains(&format!("\"{key}\"")) || l.trim_start().starts_with(&key)
                        })
                        .unwrap_or(0);
                    (key.to_lowercase(), (value, line))
                })
                .collect();
            (fields, None)
        }
        Err(err) => (Fields::new(), Some(err)),
    }
}

fn json_string(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) => {
            items.iter().map(json_string).collect::<Vec<_>>().join(", ")
        }
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn toml_string(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => s.clone(),
        toml::Value::Array(items) => items.iter().map(toml_string).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

/// The manifest of the nearest folder (the document's own, then its ancestors) that has one.
fn find_manifest(
    path: &Path,
    corpus: &mut Corpus,
    sources: &mut Sources,
    cache: &mut HashMap<PathBuf, Option<usize>>,
    errors: &mut Vec<FileError>,
) -> Option<usize> {
    let mut dir = path.parent();
    while let Some(current) = dir {
        if let Some(&known) = cache.get(current) {
            return known;
        }
        let candidate = if current.as_os_str().is_empty() {
            PathBuf::from(MANIFEST_NAME)
        } else {
            current.join(MANIFEST_NAME)
        };
        match std::fs::read(&candidate) {
            Ok(bytes) => {
                let doc = Document::from_bytes(candidate, bytes);
                let (entries, problems) = parse_manifest(&doc.text);
                let aux = corpus.add_auxiliary(doc);
                sources.manifests.push(Manifest {
                    doc: aux,
                    dir: current.to_path_buf(),
                    entries,
                    errors: problems,
                });
                let index = sources.manifests.len() - 1;
                cache.insert(current.to_path_buf(), Some(index));
                return Some(index);
            }
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                cache.insert(current.to_path_buf(), None);
            }
            Err(err) => {
                errors.push(FileError::io(candidate.to_string_lossy(), &err));
                cache.insert(current.to_path_buf(), None);
            }
        }
        dir = current.parent();
    }
    None
}

fn parse_manifest(text: &str) -> (Vec<ManifestEntry>, Vec<(usize, String)>) {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    for (line, raw) in text.split('\n').enumerate() {
        if raw.trim().is_empty() {
            continue;
        }
        let object = match serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(raw) {
            Ok(object) => object,
            Err(err) => {
                errors.push((line, format!("not a JSON object: {err}")));
                continue;
            }
        };
        let Some(file_name) = object.get("file_name").and_then(|v| v.as_str()) else {
            errors.push((line, "entry has no `file_name`".to_string()));
            continue;
        };
        let sha256 = object
            .get("sha256")
            .and_then(|v| v.as_str())
            .map(str::to_lowercase);
        let fields = object
            .iter()
            .map(|(k, v)| (k.to_lowercase(), (json_string(v), line)))
            .collect();
        entries.push(ManifestEntry {
            line,
            file_name: file_name.to_string(),
            sha256,
            fields,
        });
    }
    (entries, errors)
}

/// `path` relative to `dir`, when it lies under it.
fn relative_to(path: &Path, dir: &Path) -> Option<PathBuf> {
    if dir.as_os_str().is_empty() {
        return Some(path.to_path_buf());
    }
    path.strip_prefix(dir).ok().map(Path::to_path_buf)
}

/// A path without its `.` components: `./a.txt` is `a.txt`.
fn clean(path: &Path) -> PathBuf {
    path.components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_lines_become_entries_or_errors() {
        let (entries, errors) = parse_manifest(
            "{\"file_name\": \"a.txt\", \"sha256\": \"ABC\", \"author\": \"Jane\"}\n\nnot json\n{\"title\": \"x\"}\n",
        );
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].sha256.as_deref(), Some("abc"));
        assert_eq!(entries[0].fields["author"].0, "Jane");
        assert_eq!(errors.iter().map(|e| e.0).collect::<Vec<_>>(), [2, 3]);
    }

    #[test]
    fn sidecar_paths_sit_beside_the_document() {
        assert_eq!(
            sidecar_paths(Path::new("corpus/a.txt")),
            [
                PathBuf::from("corpus/a.meta.toml"),
                PathBuf::from("corpus/a.meta.json")
            ]
        );
        assert_eq!(clean(Path::new("./a.txt")), clean(Path::new("a.txt")));
        assert_eq!(clean(Path::new("x/./a.txt")), PathBuf::from("x/a.txt"));
    }

    #[test]
    fn a_listed_folder_is_asked_for_names_and_an_unlisted_one_may_hold_any() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("a.meta.json"), "{}").expect("write");
        let missing = dir.path().join("missing");
        let folders = FolderNames::of([dir.path(), missing.as_path()].into_iter());
        assert!(folders.may_hold(&dir.path().join("a.meta.json")));
        assert!(!folders.may_hold(&dir.path().join("a.meta.toml")));
        assert!(folders.may_hold(&missing.join("a.meta.toml")));
        assert!(folders.may_hold(Path::new("elsewhere/a.meta.toml")));
    }

    #[test]
    fn a_sidecar_that_cannot_be_read_is_told_and_the_next_one_is_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let text = |name: &str| dir.path().join(name);
        std::fs::create_dir(text("a.meta.toml")).expect("mkdir");
        std::fs::write(text("a.meta.json"), r#"{"author": "Jane Doe"}"#).expect("write");
        std::fs::write(text("b.meta.toml"), "author = \"Ann Lee\"\n").expect("write");
        let mut corpus = Corpus::default();
        for name in ["a.txt", "b.txt", "c.txt"] {
            corpus
                .documents
                .push(Document::from_bytes(text(name), b"Text.\n".to_vec()));
        }
        let (sources, errors) = load(&mut corpus);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].path.ends_with("a.meta.toml"), "{errors:?}");
        let author = |doc: DocId| {
            let sidecar = &sources.sidecars[sources.sidecar_of[&doc]];
            sidecar.fields["author"].0.clone()
        };
        assert_eq!(author(0), "Jane Doe");
        assert_eq!(author(1), "Ann Lee");
        assert!(!sources.sidecar_of.contains_key(&2));
        assert_eq!(corpus.auxiliary.len(), 2);
        assert!(
            corpus
                .get(sources.sidecars[sources.sidecar_of[&0]].doc)
                .path
                .ends_with("a.meta.json")
        );
    }
}
