//! The linking fingerprints of reused-text search: those found in at least two documents
//! and not so many that they are generic. Each is held as the list of its documents, and
//! each document knows its places in those lists, so that the documents after it in
//! each are read where they stand, with nothing looked up.
//!
//! The fingerprints of every document, sorted, are most of the memory at this point
//! (tens of megabytes on a large corpus): they are grouped a part of the hash space at a
//! time, never copied whole. Each document's fingerprints of one batch of parts lie
//! together, so they are read in one pass, document by document, where reading one part
//! at a time would look for its start in every document again (a miss of the cache for
//! each document and part).

use rayon::prelude::*;

use super::lists::Lists;
use super::radix::sort_by_hash_key;

/// Fingerprints are grouped in this many parts, by their top bits.
pub(super) const PARTS: u32 = 64;

/// Parts whose fingerprints are gathered in one pass over the documents, then sorted on
/// the threads of the pool, one part per thread: as many as there are threads, but two
/// at least. More to a batch would mean fewer passes, but the entries of the whole batch
/// are held at once (8 parts of the 200 MB benchmark corpus raised the peak of `check`
/// by 9 MB).
fn parts_per_batch() -> u32 {
    rayon::current_num_threads().clamp(2, 8) as u32
}

/// The bit that marks the last document of a list. Document numbers are below it: they
/// come from a corpus held in memory, which two billion documents would not fit.
const LAST: u32 = 1 << 31;

fn part_of(fp: u32) -> u32 {
    fp >> (32 - PARTS.trailing_zeros())
}

/// The documents of every linking fingerprint, in document order, a list after another
/// and the last of each marked, part by part; and where each part starts in the places
/// numbered across all parts.
pub(super) struct Linking {
    parts: Vec<Vec<u32>>,
    firsts: Vec<usize>,
}

impl Linking {
    /// The lists of the fingerprints of `per_doc` (each document's sorted) found in 2 to
    /// `max_docs` documents, but `generic` ones.
    pub(super) fn group(
        per_doc: &Lists,
        max_docs: usize,
        generic: &(dyn Fn(u32) -> bool + Sync),
    ) -> Self {
        let documents = per_doc.len();
        // Where each document's fingerprints of the next batch start.
        let mut next = vec![0usize; documents];
        let per_part = per_doc.items().len() / PARTS as usize;
        let mut parts = Vec::with_capacity(PARTS as usize);
        let per_batch = parts_per_batch();
        for batch in (0..PARTS).step_by(per_batch as usize) {
            let end = (batch + per_batch).min(PARTS);
            // One entry per (fingerprint, document), made in document order: sorted
            // stably by the fingerprint, a fingerprint's documents are in order.
            let mut entries: Vec<Vec<u64>> = (batch..end)
                .map(|_| Vec::with_capacity(per_part + per_part / 8))
                .collect();
            for (doc, at) in next.iter_mut().enumerate() {
                let fps = per_doc.get(doc);
                for &fp in &fps[*at..] {
                    let part = part_of(fp);
                    if part >= end {
                        break;
                    }
                    entries[(part - batch) as usize].push((u64::from(fp) << 32) | doc as u64);
                    *at += 1;
                }
            }
            parts.par_extend(
                entries
                    .into_par_iter()
                    .with_max_len(1)
                    .map(|entries| lists_of(entries, max_docs, generic)),
            );
        }
        let firsts = parts
            .iter()
            .scan(0, |before, part: &Vec<u32>| {
                let first = *before;
                *before += part.len();
                Some(first)
            })
            .collect();
        Self { parts, firsts }
    }

    /// For each of `documents`, its places in the lists, in increasing order. Places
    /// beyond what 32 bits number (four billion, sixteen gigabytes of lists) are left
    /// out: their fingerprints link nothing.
    pub(super) fn by_document(&self, documents: usize) -> Lists {
        let places = || {
            self.parts
                .iter()
                .zip(&self.firsts)
                .flat_map(|(part, &first)| {
                    part.iter().enumerate().map_while(move |(at, &doc)| {
                        let place = u32::try_from(first + at).ok()?;
                        Some((document(doc) as usize, place))
                    })
                })
        };
        let mut starts = vec![0; documents + 1];
        for (doc, _) in places() {
            starts[doc + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut filled = starts.clone();
        let mut items = vec![0; starts[documents]];
        for (doc, place) in places() {
            items[filled[doc]] = place;
            filled[doc] += 1;
        }
        starts.pop();
        Lists::from_parts(starts, items)
    }

    /// Calls `each` with the documents after the one at each of `places` (increasing, as
    /// [`Linking::by_document`] gives them) in its list: the part of each is found by
    /// walking along the parts, and the list's end by its mark.
    pub(super) fn each_after(&self, places: &[u32], mut each: impl FnMut(&[u32])) {
        let mut part = 0;
        for &place in places {
            let place = place as usize;
            while self.firsts.get(part + 1).is_some_and(|&next| next <= place) {
                part += 1;
            }
            // The document's own entry first, then those after it, up to the list's end.
            let list = &self.parts[part][place - self.firsts[part]..];
            let end = list
                .iter()
                .position(|&doc| doc & LAST != 0)
                .map_or(list.len(), |last| last + 1);
            each(&list[1..end]);
        }
    }
}

/// The linking lists of one part's entries, the last document of each marked.
fn lists_of(
    mut entries: Vec<u64>,
    max_docs: usize,
    generic: &(dyn Fn(u32) -> bool + Sync),
) -> Vec<u32> {
    sort_by_hash_key(&mut entries, |&entry| (entry >> 32) as u32);
    let mut lists = Vec::new();
    for group in entries.chunk_by(|a, b| a >> 32 == b >> 32) {
        if (2..=max_docs).contains(&group.len()) && !generic((group[0] >> 32) as u32) {
            lists.extend(group.iter().map(|e| (e & 0xffff_ffff) as u32));
            if let Some(last) = lists.last_mut() {
                *last |= LAST;
            }
        }
    }
    lists.shrink_to_fit();
    lists
}

/// The documents `each_after` hands over are marked when last of their list.
pub(super) fn document(item: u32) -> u32 {
    item & !LAST
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fingerprints of every part, each in two or three of four documents; one in all
    /// four, more than `max_docs`, and one generic.
    #[test]
    fn each_document_reads_the_documents_after_it_in_its_lists() {
        let fp = |part: u32, low: u32| (part << (32 - PARTS.trailing_zeros())) | low;
        let (generic, everywhere) = (fp(40, 1), fp(41, 1));
        let per_doc: Lists = vec![
            vec![fp(0, 1), fp(9, 1), everywhere, fp(63, 1)],
            vec![fp(0, 1), fp(9, 2), generic, everywhere],
            vec![fp(9, 1), fp(9, 2), generic, everywhere, fp(63, 1)],
            vec![fp(0, 1), everywhere, fp(63, 1)],
        ]
        .into();
        // Batches of 3 parts do not divide the 64 parts: the last batch is shorter.
        for threads in [1, 2, 3, 8] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("a thread pool");
            let linking = pool.install(|| Linking::group(&per_doc, 3, &|f| f == generic));
            assert_lists(&linking);
        }
    }

    fn assert_lists(linking: &Linking) {
        let of_doc = linking.by_document(4);
        let after = |doc: usize| {
            let mut lists: Vec<Vec<u32>> = Vec::new();
            linking.each_after(of_doc.get(doc), |docs| {
                lists.push(docs.iter().map(|&d| document(d)).collect());
            });
            lists
        };
        assert_eq!(after(0), [vec![1, 3], vec![2], vec![2, 3]]);
        assert_eq!(after(1), [vec![3], vec![2]]);
        assert_eq!(after(2), [vec![], vec![], vec![3]]);
        assert_eq!(after(3), [Vec::<u32>::new(), vec![]]);
    }
}
