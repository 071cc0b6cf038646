//! Loading a few named files of a corpus root with the context they need, through the
//! index (`index`): what a pre-commit hook runs.
//!
//! The findings of a named file depend on the other files of the root only through
//! counts of the whole corpus (documents per folder, documents holding each one-line
//! paragraph or each paragraph text) and through the documents it shares a link key
//! with. So the run stats every file of the root, takes the entries of unchanged files
//! from the index and reads the others, and then loads only:
//!
//! - the named files;
//! - the files sharing a link key (a paragraph text, a sketch band, a fingerprint) with a
//!   paragraph of a named file, both paragraphs not site template (site template is
//!   neither a duplicate, nor sketched, nor fingerprinted: an edited template line shares
//!   its bands with that line on every page of the site, and brings in none of them);
//! - the first file holding each paragraph text of those files: where a paragraph is
//!   first seen decides which copy is the original and which paragraphs are sketched.
//!
//! Every count is taken over the whole root, from the index, and handed to the rules in
//! the corpus's `Whole` (`related` chooses the files and takes the counts); the findings
//! are those of a run that loads every file.
//!
//! Files the index lacks or has out of date are read and entered afresh by every run
//! until it is written again, which a run does only once they are a part of the root
//! worth the rewrite (`cache::worth_rewriting`): a hook's files are new at each commit.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::cache::{self, Cache};
use super::index::{self, Stamp, Table};
use super::related::{Run, Slot};
use super::{Keyed, Reader, read_keyed};
use crate::corpus::Corpus;
use crate::discover::scope::{Scope, lexical_absolute};
use crate::document::Document;
use crate::document::paragraphs::Paragraph;
use crate::error::FileError;
use crate::progress::Progress;
use crate::rules::duplicate::Options;
use crate::settings::resolve::FileSettings;
use crate::text::hashing::KeySet;

/// An entry whose file changed less than this long before the index was written may
/// have changed again within the same tick of the clock: it is read again.
const RACY_NANOS: u128 = 2_000_000_000;

/// What a context run loaded: the documents, which are checked, the read errors of the
/// checked files.
pub type Loaded = (Corpus, Vec<bool>, Vec<FileError>);

/// The index of the root, for a run that may go through it (named files, no folder, in
/// a root with its cache): read while the files of the run are found.
pub fn open_index(settings: &FileSettings, options: &Options) -> Option<index::Index> {
    let root = settings.root.as_deref().filter(|_| settings.cache)?;
    if settings.paths.is_empty() || settings.paths.iter().any(|path| path.is_dir()) {
        return None;
    }
    Some(index::open(root, options))
}

/// Loads the files of `scope` (named files inside a root, with the rest of the root as
/// context) through `index` (from [`open_index`]); `None` when the run is not one the
/// index serves (no cache, no context, JSON Lines shards), for the caller to load every
/// file.
pub fn load(
    settings: &FileSettings,
    options: &Options,
    scope: &Scope,
    old: index::Index,
    progress: &dyn Progress,
) -> Option<Loaded> {
    let root = settings.root.as_deref().filter(|_| settings.cache)?;
    let reader = Reader::of(settings);
    if !scope.has_context() || scope.files.iter().any(|p| reader.reads_as_jsonl(p)) {
        return None;
    }
    let cwd = std::env::current_dir().ok()?;
    let root_abs = lexical_absolute(&cwd, root);
    let relative = relative_paths(&cwd, &root_abs, &scope.files);
    progress.stage("reading", Some(scope.files.len()));
    let by_path: HashMap<&str, u32> = old
        .table
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.path.as_str(), i as u32))
        .collect();
    // Which files the index has as they are now.
    let found: Vec<Found> = scope
        .files
        .par_iter()
        .zip(&scope.checked)
        .zip(relative)
        .map(|((path, &checked), rel)| {
            let stamp = std::fs::metadata(path).ok().and_then(|m| Stamp::of(&m));
            let entry = rel.as_deref().and_then(|rel| by_path.get(rel)).copied();
            let usable = |e: u32| {
                let entry = &old.table.entries[e as usize];
                Some(entry.stamp) == stamp
                    && entry.stamp.modified.saturating_add(RACY_NANOS) < old.written
            };
            match entry.filter(|&e| usable(e)) {
                Some(e) if !checked => Found::Indexed(e),
                known => Found::ToRead {
                    stamp,
                    rel,
                    known: known.is_some(),
                    indexed: entry.is_some(),
                },
            }
        })
        .collect();
    let cache = LazyCache::new(root);
    let to_read = found
        .iter()
        .filter(|f| matches!(f, Found::ToRead { .. }))
        .count();
    let reader = cache.reader(reader, to_read, found.len());
    // Read a slice of files at a time, and the documents of context files dropped once
    // entered (few of them are wanted, and those are read again below): a first run, which
    // reads every file of the root, never holds the texts of the root, nor each file's
    // entries beside the table they are copied into.
    let mut fresh = Table::default();
    let mut slots = Vec::with_capacity(found.len());
    let mut errors = Vec::new();
    // Entries this run made that the index lacks, and entries of the index it found as
    // they are or found changed.
    let (mut stale, mut matched, mut replaced) = (0, 0, 0);
    let mut used = Vec::new();
    for (part, chunk) in found.chunks(READ_FILES).enumerate() {
        let first = part * READ_FILES;
        let read: Vec<Option<Result<Fresh, FileError>>> = chunk
            .par_iter()
            .enumerate()
            .map(|(i, found)| {
                let Found::ToRead { stamp, rel, .. } = found else {
                    return None;
                };
                let (path, checked) = (&scope.files[first + i], scope.checked[first + i]);
                let read = read_keyed(path.clone(), reader.cache).map(|(document, key)| {
                    let mut table = Table::default();
                    // A file whose path or time cannot be had is read every time.
                    let rel = rel.clone().filter(|_| stamp.is_some()).unwrap_or_default();
                    let stamp = stamp.unwrap_or(Stamp {
                        size: 0,
                        modified: 0,
                    });
                    table.push(rel, stamp, key, &document, options);
                    let (document, paragraphs) = if checked {
                        let paragraphs = document.paragraphs.clone();
                        (Some(document), paragraphs)
                    } else {
                        (None, document.paragraphs)
                    };
                    Fresh {
                        document,
                        paragraphs,
                        key,
                        table,
                    }
                });
                progress.advance(1);
                Some(read)
            })
            .collect();
        for (i, (found, read)) in chunk.iter().zip(read).enumerate() {
            let (path, checked) = (&scope.files[first + i], scope.checked[first + i]);
            let (entry, fresh_entry, document, key) = match (found, read) {
                (&Found::Indexed(entry), _) => {
                    matched += 1;
                    (entry, false, None, 0)
                }
                (&Found::ToRead { known, indexed, .. }, Some(Ok(read))) => {
                    let entry = fresh.copy(&read.table, 0);
                    // A named file as the index has it leaves the index as it is.
                    if known {
                        matched += 1;
                    } else if !fresh.entries[entry as usize].path.is_empty() {
                        stale += 1;
                        replaced += usize::from(indexed);
                    }
                    used.push((read.key, Cow::Owned(read.paragraphs)));
                    (entry, true, read.document, read.key)
                }
                // A context file gone or unreadable is left out, as a run over every file
                // leaves it out.
                (_, Some(Err(err))) => {
                    if checked {
                        errors.push(err);
                    }
                    continue;
                }
                (Found::ToRead { .. }, None) => continue,
            };
            slots.push(Slot {
                path: path.clone(),
                checked,
                fresh: fresh_entry,
                entry,
                document,
                key,
            });
        }
    }
    // Entries of files gone are stale too.
    let gone = old.table.entries.len().saturating_sub(matched + replaced);
    let changed = cache::worth_rewriting(stale + gone, slots.len());
    let (wanted, indexed, mut whole) = Run {
        slots: &slots,
        old: &old.table,
        fresh: &fresh,
        options,
    }
    .context();
    if changed {
        let entries: Vec<(&Table, u32)> = slots
            .iter()
            .map(|slot| (if slot.fresh { &fresh } else { &old.table }, slot.entry))
            .filter(|&(table, entry)| !table.entries[entry as usize].path.is_empty())
            .collect();
        index::write(root, &entries, options);
    }
    // The documents wanted that this run has not read yet, or not kept, and the keys of
    // their contents as the index or this run has them.
    let missing: Vec<usize> = wanted
        .iter()
        .copied()
        .filter(|&i| slots[i].document.is_none())
        .collect();
    let keys: KeySet<u128> = missing
        .iter()
        .map(|&i| match &slots[i] {
            slot if slot.fresh => slot.key,
            slot => old.table.entries[slot.entry as usize].content,
        })
        .collect();
    drop(old);
    drop(fresh);
    let reader = cache.reader_of(reader, &keys);
    let documents: Vec<(usize, Result<Keyed, FileError>)> = missing
        .into_par_iter()
        .map(|i| (i, read_keyed(slots[i].path.clone(), reader.cache)))
        .collect();
    // A file gone since it was stat'ed is left out, as a run over every file would.
    for (i, (document, key)) in documents
        .into_iter()
        .filter_map(|(i, read)| Some((i, read.ok()?)))
    {
        // A file read above is in the cache's list already, unless it changed since.
        if !slots[i].fresh || key != slots[i].key {
            used.push((key, Cow::Owned(document.paragraphs.clone())));
        }
        slots[i].document = Some(document);
        slots[i].key = key;
    }
    cache.update(used);
    let mut corpus = Corpus::default();
    let mut checked = Vec::with_capacity(wanted.len());
    let mut keys = Vec::with_capacity(wanted.len());
    for (i, indexed) in wanted.into_iter().zip(indexed) {
        if let Some(document) = slots[i].document.take() {
            // Keys made of other bytes than those read are not taken; the analysis checks
            // that they count as many paragraphs as the document.
            keys.push(indexed.filter(|k| k.content == slots[i].key));
            corpus.documents.push(document);
            checked.push(slots[i].checked);
        }
    }
    whole.set_indexed_keys(keys);
    corpus.whole = Some(std::sync::Arc::new(whole));
    Some((corpus, checked, errors))
}

/// The paths of `files` relative to the root (absolute: `root_abs`), as the index names
/// them; `None` for a file outside it. Files come folder by folder: the absolute form of
/// a folder is made once for all its files.
fn relative_paths(cwd: &Path, root_abs: &Path, files: &[PathBuf]) -> Vec<Option<String>> {
    let mut folder: Option<(&Path, Option<PathBuf>)> = None;
    files
        .iter()
        .map(|path| {
            let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
                let abs = lexical_absolute(cwd, path);
                return Some(abs.strip_prefix(root_abs).ok()?.to_str()?.to_string());
            };
            if folder
                .as_ref()
                .is_none_or(|(last, _)| last.as_os_str() != parent.as_os_str())
            {
                let abs = lexical_absolute(cwd, parent);
                let under = abs.strip_prefix(root_abs).ok().map(Path::to_path_buf);
                folder = Some((parent, under));
            }
            let under = folder.as_ref()?.1.as_ref()?;
            Some(under.join(name).to_str()?.to_string())
        })
        .collect()
}

/// A file of the root as the index has it.
enum Found {
    /// Unchanged: entry of the index read.
    Indexed(u32),
    /// To read (named, changed or new): its stamp and path under the root, when they can
    /// be had, whether the index has it as it is now, and whether it has it at all.
    ToRead {
        stamp: Option<Stamp>,
        rel: Option<String>,
        known: bool,
        indexed: bool,
    },
}

/// A file read by this run: its document (a checked file's), its paragraphs (for the
/// cache), the key of its bytes, and its entry.
struct Fresh {
    document: Option<Document>,
    paragraphs: Vec<Paragraph>,
    key: u128,
    table: Table,
}

/// Files read in one parallel pass before their entries join the table.
const READ_FILES: usize = 1024;

/// The cache of paragraphs, opened once the run has files to read: whole when they are
/// enough to be worth writing it again (`cache::worth_rewriting`; a first run, which
/// reads every file, also rebuilds a damaged cache), else only the entries of the files
/// it reads from the index's list (a hook's run holds those, not the cache of the root).
struct LazyCache<'a> {
    root: &'a Path,
    cache: std::sync::OnceLock<Cache>,
}

impl<'a> LazyCache<'a> {
    fn new(root: &'a Path) -> Self {
        Self {
            root,
            cache: std::sync::OnceLock::new(),
        }
    }

    /// `reader` with the whole cache, when `files` to read of a root of `of` are enough
    /// to be worth writing it again; without a cache otherwise, as those files are
    /// changed or new (few are in it) and the few in it take little to segment.
    fn reader<'r>(&'r self, reader: Reader<'r>, files: usize, of: usize) -> Reader<'r> {
        let cache = cache::worth_rewriting(files, of)
            .then(|| self.cache.get_or_init(|| Cache::open(self.root)));
        Reader { cache, ..reader }
    }

    /// `reader` with the cache: the whole of it when open, else its entries of `keys`.
    fn reader_of<'r>(&'r self, reader: Reader<'r>, keys: &KeySet<u128>) -> Reader<'r> {
        let cache = (!keys.is_empty()).then(|| {
            self.cache
                .get_or_init(|| Cache::open_only(self.root, &|key| keys.contains(&key)))
        });
        Reader { cache, ..reader }
    }

    /// Records what this run read, when the cache was opened.
    fn update(self, used: Vec<(u128, Cow<'_, [Paragraph]>)>) {
        if let Some(cache) = self.cache.into_inner() {
            cache.update(used, false);
        }
    }
}
