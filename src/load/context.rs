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
use super::index::{self, EXACT, Entry, ONE_LINE, Stamp, Table};
use super::{Reader, read_cached};
use crate::corpus::{Corpus, Whole};
use crate::discover::scope::{Scope, lexical_absolute};
use crate::document::Document;
use crate::error::FileError;
use crate::progress::Progress;
use crate::rules::duplicate::Options;
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
    let relative = |path: &Path| -> Option<String> {
        let abs = lexical_absolute(&cwd, path);
        Some(abs.strip_prefix(&root_abs).ok()?.to_str()?.to_string())
    };
    progress.stage("reading", Some(scope.files.len()));
    let t0 = std::time::Instant::now();
    let debug = std::env::var_os("CORPUSLINT_DEBUG_INDEX").is_some();
    let old = index::open(root, options);
    if debug {
        eprintln!("open index {:?}", t0.elapsed());
    }
    let by_path: HashMap<&str, u32> = old
        .table
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.path.as_str(), i as u32))
        .collect();
    let usable = |entry: &Entry, stamp: Stamp| {
        entry.stamp == stamp && entry.stamp.modified.saturating_add(RACY_NANOS) < old.written
    };
    let cache = Cache::open(root);
    if debug {
        eprintln!("open cache {:?}", t0.elapsed());
    }
    let reader = Reader {
        cache: Some(&cache),
        ..reader
    };
    let got: Vec<Got> = scope
        .files
        .par_iter()
        .zip(&scope.checked)
        .map(|(path, &checked)| {
            let got = take(
                path, checked, &relative, &by_path, &old.table, &usable, &reader,
            );
            progress.advance(1);
            got
        })
        .collect();

    if debug {
        eprintln!("stat {:?}", t0.elapsed());
    }
    let mut fresh = Table::default();
    let mut slots = Vec::with_capacity(got.len());
    let mut errors = Vec::new();
    let mut changed = false;
    let mut used = Vec::new();
    let made: Vec<Option<Table>> = got
        .par_iter()
        .map(|got| match got {
            Got::Read {
                document,
                key,
                stamp,
                rel,
            } => {
                let mut one = Table::default();
                let rel = rel.clone().unwrap_or_default();
                one.push(rel, *stamp, *key, document, options);
                Some(one)
            }
            _ => None,
        })
        .collect();
    for ((got, made), (path, &checked)) in got
        .into_iter()
        .zip(made)
        .zip(scope.files.iter().zip(&scope.checked))
    {
        match got {
            Got::Indexed(entry) => slots.push(Slot {
                path: path.clone(),
                checked,
                fresh: false,
                entry,
                document: None,
            }),
            Got::Read {
                document,
                key,
                rel,
                stamp,
            } => {
                // A named file read as the index has it leaves the index as it is.
                let known = rel.as_deref().and_then(|rel| by_path.get(rel));
                changed |= rel.is_some()
                    && known.is_none_or(|&e| {
                        let entry = &old.table.entries[e as usize];
                        entry.content != key || entry.stamp != stamp
                    });
                let entry = fresh.copy(&made?, 0);
                used.push((key, document.paragraphs.clone()));
                slots.push(Slot {
                    path: path.clone(),
                    checked,
                    fresh: true,
                    entry,
                    document: Some(document),
                });
            }
            Got::Gone => {}
            Got::Failed(err) => errors.push(err),
        }
    }
    changed |= slots.len() != old.table.entries.len();
    let run = Run {
        slots: &slots,
        old: &old.table,
        fresh: &fresh,
        options,
    };
    if debug {
        eprintln!("slots {:?}", t0.elapsed());
    }
    let (wanted, whole) = run.context();
    if debug {
        eprintln!("context {:?}", t0.elapsed());
        eprintln!(
            "index: {} files, {} wanted, changed {changed}",
            slots.len(),
            wanted.len()
        );
    }
    drop(run);
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
    let missing: Vec<(usize, Result<(Document, u128), FileError>)> = wanted
        .iter()
        .filter(|&&i| slots[i].document.is_none())
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|&i| (i, read_cached(slots[i].path.clone(), Some(&cache))))
        .collect();
    for (i, read) in missing {
        match read {
            Ok((document, key)) => {
                used.push((key, document.paragraphs.clone()));
                slots[i].document = Some(document);
            }
            // Gone since it was stat'ed: a run that loads every file would not see it.
            Err(_) => {}
        }
    }
    if debug {
        eprintln!("read {:?}", t0.elapsed());
    }
    cache.update(used, false);
    if debug {
        eprintln!("cache {:?}", t0.elapsed());
    }
    let mut corpus = Corpus::default();
    let mut checked = Vec::with_capacity(wanted.len());
    for i in wanted {
        if let Some(document) = slots[i].document.take() {
            corpus.documents.push(document);
            checked.push(slots[i].checked);
        }
    }
    corpus.whole = Some(std::sync::Arc::new(whole));
    Some((corpus, checked, errors))
}

/// How a file of the root was found.
enum Got {
    /// Unchanged: entry of the index read.
    Indexed(u32),
    /// Read (named, changed or new): its document, content key, stamp, and its path
    /// under the root when it can be indexed.
    Read {
        document: Document,
        key: u128,
        stamp: Stamp,
        rel: Option<String>,
    },
    /// A context file gone or unreadable: left out, as a run over every file would.
    Gone,
    /// A named file that cannot be read.
    Failed(FileError),
}

fn take(
    path: &Path,
    checked: bool,
    relative: &dyn Fn(&Path) -> Option<String>,
    by_path: &HashMap<&str, u32>,
    old: &Table,
    usable: &dyn Fn(&Entry, Stamp) -> bool,
    reader: &Reader,
) -> Got {
    let stamp = std::fs::metadata(path).ok().and_then(|m| Stamp::of(&m));
    let rel = relative(path);
    if !checked {
        let Some(stamp) = stamp else {
            return Got::Gone;
        };
        let known = rel.as_deref().and_then(|rel| by_path.get(rel));
        if let Some(&entry) = known
            && usable(&old.entries[entry as usize], stamp)
        {
            return Got::Indexed(entry);
        }
    }
    match read_cached(path.to_path_buf(), reader.cache) {
        Ok((document, key)) => Got::Read {
            document,
            key,
            rel: rel.filter(|_| stamp.is_some()),
            stamp: stamp.unwrap_or(Stamp {
                size: 0,
                modified: 0,
            }),
        },
        Err(err) if checked => Got::Failed(err),
        Err(_) => Got::Gone,
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

    /// The documents to load, in corpus order, and the counts of the whole root.
    fn context(&self) -> (Vec<usize>, Whole) {
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
            (KeySet::default(), KeySet::default(), KeySet::default());
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
        let linked: Vec<usize> = (0..documents)
            .into_par_iter()
            .filter(|&doc| {
                let (table, paragraphs) = self.table(doc);
                !wanted[doc]
                    && paragraphs.into_iter().any(|p| {
                        (table.flags[p] & EXACT != 0 && exact.contains(&table.keys[p]))
                            || table.bands_of(p).iter().any(|b| bands.contains(b))
                            || table
                                .fingerprints_of(p)
                                .iter()
                                .any(|f| fingerprints.contains(f))
                    })
            })
            .collect();
        for &doc in &linked {
            wanted[doc] = true;
        }
        if std::env::var_os("CORPUSLINT_DEBUG_INDEX").is_some() {
            let by = |f: &dyn Fn(&Table, usize) -> bool| {
                linked
                    .iter()
                    .filter(|&&doc| {
                        let (table, paragraphs) = self.table(doc);
                        paragraphs.into_iter().any(|p| f(table, p))
                    })
                    .count()
            };
            eprintln!(
                "linked {} exact {} bands {} fps {}; probes {} {} {}; old {} keys {} bands {} fps",
                linked.len(),
                by(&|t, p| t.flags[p] & EXACT != 0 && exact.contains(&t.keys[p])),
                by(&|t, p| t.bands_of(p).iter().any(|b| bands.contains(b))),
                by(&|t, p| t
                    .fingerprints_of(p)
                    .iter()
                    .any(|f| fingerprints.contains(f))),
                exact.len(),
                bands.len(),
                fingerprints.len(),
                self.old.keys.len(),
                self.old.bands.len(),
                self.old.fingerprints.len()
            );
        }
        let related: Vec<usize> = named.iter().chain(&linked).copied().collect();
        let held = self.held(&self.exact_keys(&related));
        for &[_, first, _] in held.values() {
            wanted[first as usize] = true;
        }
        let wanted: Vec<usize> = (0..documents).filter(|&i| wanted[i]).collect();
        let mut whole = self.folders(&wanted);
        whole.set_paragraph_documents(held.into_iter().map(|(k, [n, ..])| (k, n)).collect());
        (wanted, whole)
    }

    /// The paragraph texts of `docs` that the exact index takes in.
    fn exact_keys(&self, docs: &[usize]) -> KeySet<u128> {
        let mut keys = KeySet::default();
        for &doc in docs {
            let (table, paragraphs) = self.table(doc);
            keys.extend(
                paragraphs
                    .filter(|&p| table.flags[p] & EXACT != 0)
                    .map(|p| table.keys[p]),
            );
        }
        keys
    }

    /// For each of `keys`, the documents of the root holding it and the first of them.
    fn held(&self, keys: &KeySet<u128>) -> Held {
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
        let mut keys = KeySet::default();
        for &doc in wanted {
            let (table, paragraphs) = self.table(doc);
            keys.extend(
                paragraphs
                    .filter(|&p| table.flags[p] & ONE_LINE != 0)
                    .map(|p| table.keys[p]),
            );
        }
        let mut folders: HashMap<&Path, usize> = HashMap::new();
        let mut documents: Vec<usize> = Vec::new();
        let mut lines: HashMap<(usize, u128), [u32; 2]> = HashMap::new();
        for (doc, slot) in self.slots.iter().enumerate() {
            let folder = slot.path.parent().unwrap_or(Path::new(""));
            let next = folders.len();
            let id = *folders.entry(folder).or_insert(next);
            if id == next {
                documents.push(0);
            }
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
