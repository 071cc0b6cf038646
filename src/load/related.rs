//! Which files of the root a check of named files loads, and the counts of the whole
//! root it hands the rules (see `context`): all taken from the entries of the index,
//! without reading the files.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::index::{EXACT, ONE_LINE, Table};
use super::sieve::Sieve;
use crate::corpus::{IndexedKeys, Whole};
use crate::document::Document;
use crate::rules::duplicate::keys::MIN_SHARED_FINGERPRINTS;
use crate::rules::duplicate::{Options, Template};
use crate::text::hashing::{KeyMap, KeySet};

/// A file of the root as this run knows it.
pub(super) struct Slot {
    pub path: PathBuf,
    pub checked: bool,
    /// Its entry: in the index read (`false`) or in the entries made by this run.
    pub fresh: bool,
    pub entry: u32,
    pub document: Option<Document>,
    /// The key of the document's bytes, once read.
    pub key: u128,
}

/// The entries of every file of the root, in corpus order.
pub(super) struct Run<'a> {
    pub slots: &'a [Slot],
    pub old: &'a Table,
    pub fresh: &'a Table,
    pub options: &'a Options,
}

/// Per paragraph text: documents holding it, the first of them, the last one counted.
type Held = KeyMap<u128, [u32; 3]>;

/// Documents of the root counted in one task: most hold none of the keys looked for.
const HELD_DOCUMENTS: usize = 1024;

/// Whether paragraph `p` of `table` is site template, its documents counted in `held`.
fn template_at(template: &Template, held: &Held, table: &Table, p: usize) -> bool {
    let documents = held.get(&table.keys[p]).map_or(0, |h| h[0]);
    template.is(documents as usize, table.chars[p])
}

impl Run<'_> {
    fn table(&self, doc: usize) -> (&Table, std::ops::Range<usize>) {
        let slot = &self.slots[doc];
        let table = if slot.fresh { self.fresh } else { self.old };
        (table, table.paragraphs(slot.entry))
    }

    /// The documents to load, in corpus order, the keys the index holds of those that are
    /// context, and the counts of the whole root.
    pub fn context(&self) -> (Vec<usize>, Vec<Option<IndexedKeys>>, Whole) {
        let documents = self.slots.len();
        let named: Vec<usize> = (0..documents).filter(|&i| self.slots[i].checked).collect();
        let template = Template::of(self.options, documents);
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
                if template.is(count as usize, table.chars[p]) {
                    wanted[first as usize] = true;
                    continue;
                }
                exact.insert(table.keys[p]);
                bands.extend(table.bands_of(p).iter().copied());
                fingerprints.extend(table.fingerprints_of(p).iter().copied());
            }
        }
        let linked = self.linked(&wanted, (&exact, &bands, &fingerprints), &template);
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
                if table.flags[p] & EXACT == 0 || template_at(&template, &held, table, p) {
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
                    .filter(|&p| !template_at(&template, &held, table, p))
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
                if table.flags[p] & EXACT != 0
                    && count > 1
                    && !template_at(&template, &held, table, p)
                {
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
        // Every paragraph loaded is counted, not only those of the documents kept: a
        // document loaded as where a text is first seen may hold a template paragraph that
        // shares bands with a named one, which only its count over the root tells apart.
        let held = self.held(&self.exact_keys(&wanted));
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

    /// The documents not `wanted` yet that share a key with a named file: a paragraph
    /// text or a band key (`true`), or only fingerprints (`false`).
    ///
    /// A band or a fingerprint links only from a paragraph that is not site template: the
    /// analysis neither sketches nor fingerprints those. An edited line of a site's
    /// template shares its bands with that line on every page of the site, none of which
    /// can be its near-duplicate.
    fn linked(
        &self,
        wanted: &[bool],
        (exact, bands, fingerprints): (&Sieve<u128>, &Sieve<u32>, &Sieve<u32>),
        template: &Template,
    ) -> Vec<(usize, bool)> {
        let shares_band =
            |table: &Table, p: usize| table.bands_of(p).iter().any(|b| bands.contains(b));
        let shares_fingerprint = |table: &Table, p: usize| {
            table
                .fingerprints_of(p)
                .iter()
                .any(|f| fingerprints.contains(f))
        };
        // Every key of the root is looked up here: a document's keys are taken as the
        // flat runs the table holds them in, and only the documents sharing one are
        // looked at paragraph by paragraph.
        let candidates: Vec<(usize, bool)> = (0..self.slots.len())
            .into_par_iter()
            .filter_map(|doc| {
                if wanted[doc] {
                    return None;
                }
                let (table, paragraphs) = self.table(doc);
                let by_text = paragraphs
                    .clone()
                    .any(|p| table.flags[p] & EXACT != 0 && exact.contains(&table.keys[p]));
                let by_keys = || {
                    let (band_keys, prints) = (
                        table.bands_in(&paragraphs),
                        table.fingerprints_in(&paragraphs),
                    );
                    band_keys.iter().any(|b| bands.contains(b))
                        || prints.iter().any(|f| fingerprints.contains(f))
                };
                (by_text || by_keys()).then_some((doc, by_text))
            })
            .collect();
        // Whether a paragraph linking by keys is template is told by its text, counted
        // over the root: few texts, often one template line shared by every page.
        let mut linking = Sieve::default();
        for &(doc, by_text) in &candidates {
            let (table, paragraphs) = self.table(doc);
            if !by_text {
                linking.extend(
                    paragraphs
                        .filter(|&p| shares_band(table, p) || shares_fingerprint(table, p))
                        .map(|p| table.keys[p]),
                );
            }
        }
        let held = self.held(&linking);
        candidates
            .into_iter()
            .filter_map(|(doc, by_text)| {
                if by_text {
                    return Some((doc, true));
                }
                let (table, paragraphs) = self.table(doc);
                let mut live = paragraphs.filter(|&p| !template_at(template, &held, table, p));
                let strong = live.clone().any(|p| shares_band(table, p));
                (strong || live.any(|p| shares_fingerprint(table, p))).then_some((doc, strong))
            })
            .collect()
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
        // Slices of the root counted in parallel: each document is in one slice, so the
        // counts of the slices add up.
        let count = |mut held: Held, doc: usize| {
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
            held
        };
        let merge = |mut a: Held, mut b: Held| {
            if a.len() < b.len() {
                std::mem::swap(&mut a, &mut b);
            }
            for (key, [n, first, last]) in b {
                let counts = a.entry(key).or_insert([0, first, last]);
                counts[0] += n;
                counts[1] = counts[1].min(first);
                counts[2] = counts[2].max(last);
            }
            a
        };
        (0..self.slots.len())
            .into_par_iter()
            .with_min_len(HELD_DOCUMENTS)
            .fold(Held::default, count)
            .reduce(Held::default, merge)
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
