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
//!   paragraph of a named file that is not site template (site template is neither a
//!   duplicate, nor sketched, nor fingerprinted);
//! - the first file holding each paragraph text of those files: where a paragraph is
//!   first seen decides which copy is the original and which paragraphs are sketched.
//!
//! Every count is taken over the whole root, from the index, and handed to the rules in
//! the corpus's `Whole`; the findings are those of a run that loads every file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::cache::Cache;
use super::index::{self, EXACT, ONE_LINE, Stamp, Table};
use super::sieve::Sieve;
use super::{Keyed, Reader, read_cached};
use crate::corpus::{Corpus, IndexedKeys, Whole};
use crate::discover::scope::{Scope, lexical_absolute};
use crate::document::Document;
use crate::error::FileError;
use crate::progress::Progress;
use crate::rules::duplicate::Options;
use crate::rules::duplicate::keys::MIN_SHARED_FINGERPRINTS;
use crate::settings::resolve::FileSettings;
use crate::text::hashing::{KeyMap, KeySet};

/// An entry whose file changed less than this long before the index was written may
/// have changed again within the same tick of the clock: it is read again.
const RACY_NANOS: u128 = 2_000_000_000;

/// What a context run loaded: the documents, which are checked, the read errors of the
/// checked files.
pub type Loaded = (Corpus, Vec<bool>, Vec<FileError>);

/// A file of the root as this run knows it.
struct Slot {
    path: PathBuf,
    checked: bool,
    /// Its entry: in the index read (`false`) or in the entries made by this run.
    fresh: bool,
    entry: u32,
    document: Option<Document>,
    /// The key of the document's bytes, once read.
    key: u128,
}

/// Loads the files of `scope` (named files inside a root, with the rest of the root as
/// context) through the index; `None` when the run is not one the index serves (no
/// cache, no context, JSON Lines shards), for the caller to load every file.
pub fn load(
    settings: &FileSettings,
    options: &Options,
    scope: &Scope,
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
    let old = index::open(root, options);
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
                },
            }
        })
        .collect();
    let cache = LazyCache::new(root);
    let to_read = found
        .iter()
        .filter(|f| matches!(f, Found::ToRead { .. }))
        .count();
    let reader = cache.reader(reader, to_read);
    let read: Vec<Option<Result<Fresh, FileError>>> = found
        .par_iter()
        .zip(&scope.files)
        .map(|(found, path)| {
            let read = match found {
                Found::Indexed(_) => None,
                Found::ToRead { stamp, rel, .. } => Some(
                    read_cached(path.clone(), reader.cache).map(|(document, key)| {
                        let mut table = Table::default();
                        // A file whose path or time cannot be had is read every time.
                        let rel = rel.clone().filter(|_| stamp.is_some()).unwrap_or_default();
                        let stamp = stamp.unwrap_or(Stamp {
                            size: 0,
                            modified: 0,
                        });
                        table.push(rel, stamp, key, &document, options);
                        Fresh {
                            document,
                            key,
                            table,
                        }
                    }),
                ),
            };
            progress.advance(1);
            read
        })
        .collect();

    let mut fresh = Table::default();
    let mut slots = Vec::with_capacity(found.len());
    let mut errors = Vec::new();
    let mut changed = false;
    let mut used = Vec::new();
    for (((found, read), path), &checked) in found
        .into_iter()
        .zip(read)
        .zip(&scope.files)
        .zip(&scope.checked)
    {
        let (entry, fresh_entry, document, key) = match (found, read) {
            (Found::Indexed(entry), _) => (entry, false, None, 0),
            (Found::ToRead { known, .. }, Some(Ok(read))) => {
                let entry = fresh.copy(&read.table, 0);
                // A named file as the index has it leaves the index as it is.
                changed |= !known && !fresh.entries[entry as usize].path.is_empty();
                used.push((read.key, read.document.paragraphs.clone()));
                (entry, true, Some(read.document), read.key)
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
    changed |= slots.len() != old.table.entries.len();
    let (wanted, indexed, mut whole) = Run {
        slots: &slots,
        old: &old.table,
        fresh: &fresh,
        options,
    }
    .context();
    if changed {
        let mut table = Table::default();
        for slot in &slots {
            let from = if slot.fresh { &fresh } else { &old.table };
            if !from.entries[slot.entry as usize].path.is_empty() {
                table.copy(from, slot.entry);
            }
        }
        index::write(root, &table, options);
    }
    drop(old);
    drop(fresh);

    // The documents wanted that this run has not read yet.
    let missing: Vec<usize> = wanted
        .iter()
        .copied()
        .filter(|&i| slots[i].document.is_none())
        .collect();
    let reader = cache.reader(reader, missing.len());
    let documents: Vec<(usize, Result<Keyed, FileError>)> = missing
        .into_par_iter()
        .map(|i| (i, read_cached(slots[i].path.clone(), reader.cache)))
        .collect();
    // A file gone since it was stat'ed is left out, as a run over every file would.
    for (i, (document, key)) in documents
        .into_iter()
        .filter_map(|(i, read)| Some((i, read.ok()?)))
    {
        used.push((key, document.paragraphs.clone()));
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
    /// be had, and whether the index has it as it is now.
    ToRead {
        stamp: Option<Stamp>,
        rel: Option<String>,
        known: bool,
    },
}

/// A file read by this run: its document, the key of its bytes, and its entry.
struct Fresh {
    document: Document,
    key: u128,
    table: Table,
}

/// The cache of paragraphs, opened once the run has a file to read (it also writes back
/// what the run read, and rebuilds a damaged cache), not by a run that reads none.
struct LazyCache<'a> {
    root: &'a Path,
    cache: std::sync::OnceLock<Cache>,
}

/// Files read by a run, from which on the cache is opened.
const CACHE_FROM: usize = 1;

impl<'a> LazyCache<'a> {
    fn new(root: &'a Path) -> Self {
        Self {
            root,
            cache: std::sync::OnceLock::new(),
        }
    }

    /// `reader` with the cache, when `files` are many enough.
    fn reader<'r>(&'r self, reader: Reader<'r>, files: usize) -> Reader<'r> {
        if files < CACHE_FROM && self.cache.get().is_none() {
            return Reader {
                cache: None,
                ..reader
            };
        }
        Reader {
            cache: Some(self.cache.get_or_init(|| Cache::open(self.root))),
            ..reader
        }
    }

    /// Records what this run read, when the cache was opened.
    fn update(self, used: Vec<(u128, Vec<crate::document::paragraphs::Paragraph>)>) {
        if let Some(cache) = self.cache.into_inner() {
            cache.update(used, false);
        }
    }
}

/// The entries of every file of the root, in corpus order.
struct Run<'a> {
    slots: &'a [Slot],
    old: &'a Table,
    fresh: &'a Table,
    options: &'a Options,
}

/// Per paragraph text: documents holding it, the first of them, the last one counted.
type Held = KeyMap<u128, [u32; 3]>;

impl Run<'_> {
    fn table(&self, doc: usize) -> (&Table, std::ops::Range<usize>) {
        let slot = &self.slots[doc];
        let table = if slot.fresh { self.fresh } else { self.old };
        (table, table.paragraphs(slot.entry))
    }

    /// The documents to load, in corpus order, the keys the index holds of those that are
    /// context, and the counts of the whole root.
    fn context(&self) -> (Vec<usize>, Vec<Option<IndexedKeys>>, Whole) {
        let documents = self.slots.len();
        let named: Vec<usize> = (0..documents).filter(|&i| self.slots[i].checked).collect();
        let template_min_docs = ((self.options.template_share * documents as f64).ceil() as usize)
            .max(self.options.template_min_docs);
        let is_template = |count: u32, chars: u32| {
            let count = count as usize;
            count >= template_min_docs
                || (count >= self.options.template_line_min_docs
                    && (chars as usize) < self.options.template_line_chars)
        };
        let held = self.held(&self.exact_keys(&named));
        let mut wanted = vec![false; documents];
        let (mut exact, mut bands, mut fingerprints) =
            (Sieve::default(), Sieve::default(), Sieve::default());
        for &doc in &named {
            wanted[doc] = true;
            let (table, paragraphs) = self.table(doc);
            for p in paragraphs {
                if table.flags[p] & EXACT == 0 {
                    continue;
                }
                let [count, first, _] = held.get(&table.keys[p]).copied().unwrap_or_default();
                if is_template(count, table.chars[p]) {
                    wanted[first as usize] = true;
                    continue;
                }
                exact.insert(table.keys[p]);
                bands.extend(table.bands_of(p).iter().copied());
                fingerprints.extend(table.fingerprints_of(p).iter().copied());
            }
        }
        // The documents sharing a key with a named file: by a paragraph text or a band
        // (`strong`), or only by fingerprints. Every key of the root is looked up here:
        // a document's keys are taken as the flat runs the table holds them in.
        let linked: Vec<(usize, bool)> = (0..documents)
            .into_par_iter()
            .filter_map(|doc| {
                if wanted[doc] {
                    return None;
                }
                let (table, paragraphs) = self.table(doc);
                let strong = paragraphs
                    .clone()
                    .any(|p| table.flags[p] & EXACT != 0 && exact.contains(&table.keys[p]))
                    || table
                        .bands_in(&paragraphs)
                        .iter()
                        .any(|b| bands.contains(b));
                if strong {
                    return Some((doc, true));
                }
                let weak = table
                    .fingerprints_in(&paragraphs)
                    .iter()
                    .any(|f| fingerprints.contains(f));
                weak.then_some((doc, false))
            })
            .collect();
        let related: Vec<usize> = named
            .iter()
            .copied()
            .chain(linked.iter().map(|l| l.0))
            .collect();
        let held = self.held(&self.exact_keys(&related));
        // A fingerprint in more documents than may link two links none: counted over the
        // paragraphs the analysis fingerprints (not site template), in every document
        // holding it, all of which are `related`.
        let mut holders: KeyMap<u32, [u32; 2]> = KeyMap::default();
        for &doc in &related {
            let (table, paragraphs) = self.table(doc);
            for p in paragraphs {
                let count = held.get(&table.keys[p]).map_or(0, |h| h[0]);
                if table.flags[p] & EXACT == 0 || is_template(count, table.chars[p]) {
                    continue;
                }
                for &f in table.fingerprints_of(p) {
                    if fingerprints.contains(&f) {
                        let seen = holders.entry(f).or_insert([0, u32::MAX]);
                        if seen[1] != doc as u32 {
                            seen[0] += 1;
                            seen[1] = doc as u32;
                        }
                    }
                }
            }
        }
        let max_docs = self.options.reuse_max_docs.max(2) as u32;
        let generic: KeySet<u32> = holders
            .into_iter()
            .filter(|&(_, [n, _])| n > max_docs)
            .map(|(f, _)| f)
            .collect();
        // Documents reuse may compare with a named file: sharing enough fingerprints that
        // are not generic (whether one links is decided by its count over the whole, so
        // leaving out a document that shares fewer changes no comparison that matters).
        let pairable: Vec<usize> = linked
            .iter()
            .map(|l| l.0)
            .filter(|&doc| {
                let (table, paragraphs) = self.table(doc);
                let mut shared: Vec<u32> = paragraphs
                    .flat_map(|p| table.fingerprints_of(p).iter().copied())
                    .filter(|f| fingerprints.contains(f) && !generic.contains(f))
                    .collect();
                shared.sort_unstable();
                shared.dedup();
                shared.len() as u32 >= MIN_SHARED_FINGERPRINTS
            })
            .collect();
        let mut kept = named.clone();
        kept.extend(linked.iter().filter(|l| l.1).map(|l| l.0));
        kept.extend(&pairable);
        // Which paragraphs of a compared document reuse may weigh depends on the
        // repeated blocks they are in, here or in any document holding their text.
        let mut texts = Sieve::default();
        for &doc in &pairable {
            let (table, paragraphs) = self.table(doc);
            for p in paragraphs {
                let count = held.get(&table.keys[p]).map_or(0, |h| h[0]);
                if table.flags[p] & EXACT != 0 && count > 1 && !is_template(count, table.chars[p]) {
                    texts.insert(table.keys[p]);
                }
            }
        }
        let holding: Vec<usize> = (0..documents)
            .into_par_iter()
            .filter(|&doc| {
                let (table, paragraphs) = self.table(doc);
                paragraphs
                    .into_iter()
                    .any(|p| table.flags[p] & EXACT != 0 && texts.contains(&table.keys[p]))
            })
            .collect();
        kept.extend(holding);
        kept.sort_unstable();
        kept.dedup();
        for &doc in &kept {
            wanted[doc] = true;
        }
        // Where each text of theirs is first seen.
        let held = self.held(&self.exact_keys(&kept));
        for &[_, first, _] in held.values() {
            wanted[first as usize] = true;
        }
        let wanted: Vec<usize> = (0..documents).filter(|&i| wanted[i]).collect();
        let mut whole = self.folders(&wanted);
        whole.set_paragraph_documents(held.into_iter().map(|(k, [n, ..])| (k, n)).collect());
        whole.set_generic_fingerprints(generic);
        // A context paragraph that shares no band key with a named file's paragraphs
        // that are sketched can be no candidate of their near-duplicates.
        let indexed = wanted
            .iter()
            .map(|&doc| {
                let slot = &self.slots[doc];
                let (table, _) = self.table(doc);
                (!slot.checked).then(|| table.indexed_keys(slot.entry, |b| bands.contains(&b)))
            })
            .collect();
        (wanted, indexed, whole)
    }

    /// The paragraph texts of `docs` that the exact index takes in.
    fn exact_keys(&self, docs: &[usize]) -> Sieve<u128> {
        self.keys_flagged(docs, EXACT)
    }

    /// The keys of the paragraphs of `docs` with `flag`.
    fn keys_flagged(&self, docs: &[usize], flag: u8) -> Sieve<u128> {
        let mut keys = Sieve::default();
        for &doc in docs {
            let (table, paragraphs) = self.table(doc);
            keys.extend(
                paragraphs
                    .filter(|&p| table.flags[p] & flag != 0)
                    .map(|p| table.keys[p]),
            );
        }
        keys
    }

    /// For each of `keys`, the documents of the root holding it and the first of them.
    fn held(&self, keys: &Sieve<u128>) -> Held {
        let mut held = Held::default();
        for doc in 0..self.slots.len() {
            let (table, paragraphs) = self.table(doc);
            for p in paragraphs {
                if table.flags[p] & EXACT == 0 || !keys.contains(&table.keys[p]) {
                    continue;
                }
                let counts = held
                    .entry(table.keys[p])
                    .or_insert([0, doc as u32, u32::MAX]);
                if counts[2] != doc as u32 {
                    counts[0] += 1;
                    counts[2] = doc as u32;
                }
            }
        }
        held
    }

    /// The documents of each folder of the root and, for the one-line paragraphs of the
    /// `wanted` documents, how many of each folder hold them.
    fn folders(&self, wanted: &[usize]) -> Whole {
        let keys = self.keys_flagged(wanted, ONE_LINE);
        let mut folders: HashMap<&Path, usize> = HashMap::new();
        let mut documents: Vec<usize> = Vec::new();
        let mut lines: HashMap<(usize, u128), [u32; 2]> = HashMap::new();
        let mut last: Option<(&Path, usize)> = None;
        for (doc, slot) in self.slots.iter().enumerate() {
            let folder = slot.path.parent().unwrap_or(Path::new(""));
            // Files come folder by folder: most are in the folder of the one before.
            let id = match last {
                Some((path, id)) if path.as_os_str() == folder.as_os_str() => id,
                _ => {
                    let next = folders.len();
                    let id = *folders.entry(folder).or_insert(next);
                    if id == next {
                        documents.push(0);
                    }
                    id
                }
            };
            last = Some((folder, id));
            documents[id] += 1;
            let (table, paragraphs) = self.table(doc);
            for p in paragraphs {
                if table.flags[p] & ONE_LINE == 0 || !keys.contains(&table.keys[p]) {
                    continue;
                }
                let count = lines.entry((id, table.keys[p])).or_insert([0, u32::MAX]);
                if count[1] != doc as u32 {
                    count[0] += 1;
                    count[1] = doc as u32;
                }
            }
        }
        let mut per_folder: Vec<Vec<(u128, u32)>> = vec![Vec::new(); documents.len()];
        for ((folder, key), [count, _]) in lines {
            per_folder[folder].push((key, count));
        }
        let mut ordered: Vec<(&Path, usize)> = folders.into_iter().collect();
        ordered.sort_by_key(|&(_, id)| id);
        let mut whole = Whole::default();
        for (folder, id) in ordered {
            whole.add_counts(folder, documents[id], std::mem::take(&mut per_folder[id]));
        }
        whole
    }
}
