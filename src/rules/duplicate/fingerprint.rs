//! Winnowed word k-gram fingerprints (the scheme of MOSS: Schleimer, Wilkerson and Aiken,
//! SIGMOD 2003) and the corpus index built on them: the pairs of documents that share
//! enough specific text to be compared word by word.
//!
//! Each paragraph's word 5-grams are hashed; of every 4 consecutive hashes the smallest
//! is kept, so two texts that share a run of 8 words or more share a fingerprint, whatever
//! surrounds it, at about 40% of the k-grams' cost. The fingerprints of all documents are
//! sorted once; a fingerprint found in more than `reuse_max_docs` documents is a generic
//! phrase (a stock sentence, a quotation every article repeats) and links nothing. Pairs
//! of documents whose shared fingerprints are a good part of the smaller one's are the
//! candidates: no pair of documents is compared unless their text says so, and two
//! articles on one subject that share a sentence or two are not compared at all.

use rayon::prelude::*;

use super::Options;
use super::exact::ExactIndex;
use super::linking::{self, Linking};
use super::lists::Lists;
use super::minhash::{MAX_GRAM, gram_hash};
use super::words::words_into;
use crate::corpus::{self, each_in_slices};
use crate::document::{DocId, Document};
use crate::text::hashing::KeySet;

/// Words per k-gram: shorter runs (`one of the most`) are shared by unrelated texts.
pub(super) const K: usize = 5;
/// Consecutive k-grams of which one is kept: any shared run of `K + WINDOW - 1` = 8 words,
/// the shortest paragraph the rule reports, yields a shared fingerprint.
const WINDOW: usize = 4;
/// Specific fingerprints two documents must share to be compared: one can be chance.
pub const MIN_SHARED: u32 = 2;

/// The seed of k-gram hashes, apart from that of near-duplicate shingles.
const KGRAM_SEED: u64 = 0x243f_6a88_85a3_08d3;
const _: () = assert!(K <= MAX_GRAM);

/// The hash of each run of `k` words of `words`, in order; `k` is at most `MAX_GRAM`.
pub(super) fn kgram_hashes(words: &[u32], k: usize, out: &mut Vec<u64>) {
    out.clear();
    if words.len() < k {
        return;
    }
    out.extend(words.windows(k).map(|gram| gram_hash(KGRAM_SEED, gram)));
}

/// The winnowed fingerprints of k-gram hashes: the smallest of each window of `WINDOW`
/// consecutive hashes (the rightmost on ties), each kept once, as 32-bit values. Fewer
/// hashes than a window keep their smallest.
pub(super) fn winnow(hashes: &[u64], out: &mut Vec<u32>) {
    if hashes.is_empty() {
        return;
    }
    let window = WINDOW.min(hashes.len());
    let mut best = rightmost_min(hashes, 0, window);
    out.push((hashes[best] >> 32) as u32);
    for end in window..hashes.len() {
        // The window slid by one: the new hash is the smallest if it is no larger than
        // the smallest before; else that one stays, unless it left the window.
        let previous = best;
        if hashes[end] <= hashes[best] {
            best = end;
        } else if best + window <= end {
            best = rightmost_min(hashes, end + 1 - window, end + 1);
        }
        if best != previous {
            out.push((hashes[best] >> 32) as u32);
        }
    }
}

/// The position of the smallest of `hashes[from..to]`, the rightmost on ties.
fn rightmost_min(hashes: &[u64], from: usize, to: usize) -> usize {
    let mut best = from;
    for at in from + 1..to {
        if hashes[at] <= hashes[best] {
            best = at;
        }
    }
    best
}

/// Whether the text of paragraph `para` of `doc` is prose that reuse can be found in:
/// Markdown code and HTML blocks are not.
pub(super) fn is_prose(doc: &Document, para: usize) -> bool {
    doc.paragraphs[para].fingerprint.chars > 0 && !doc.is_verbatim_paragraph(para)
}

/// Documents whose fingerprints are found a slice at a time before they join the list.
const FINGERPRINT_DOCUMENTS: usize = 1024;

/// The sorted winnowed fingerprints of each document's paragraphs that reuse is looked
/// for in: prose of `K` words or more that is not site template.
///
/// Made after near-duplicate search, not with its sketches from the same hashing of the
/// words: the two together were the largest memory of a run.
pub(super) fn document_fingerprints(
    docs: &[Document],
    index: &ExactIndex,
    reported: &[bool],
) -> Lists {
    let fingerprint = |(buffer, words, hashes): &mut (String, Vec<u32>, Vec<u64>),
                       doc: usize,
                       document: &Document| {
        let mut fingerprints = Vec::new();
        // A context document whose keys an index holds: they are taken from there.
        let indexed = index.indexed_keys(doc, document, reported);
        // Short paragraphs and repeated ones count too: a story re-split into short
        // paragraphs, one of which is also a paragraph elsewhere.
        for para in 0..document.paragraphs.len() {
            if (document.paragraphs[para].fingerprint.words as usize) < K
                || !is_prose(document, para)
                || index.is_template(document, para)
            {
                continue;
            }
            if let Some(known) = indexed {
                fingerprints.extend_from_slice(known.fingerprints_of(para));
                continue;
            }
            words_into(document, para, buffer, words);
            kgram_hashes(words, K, hashes);
            winnow(hashes, &mut fingerprints);
        }
        fingerprints.sort_unstable();
        fingerprints.dedup();
        fingerprints
    };
    let mut all = Lists::default();
    each_in_slices(docs, FINGERPRINT_DOCUMENTS, fingerprint, |fingerprints| {
        all.push(fingerprints);
    });
    all.shrink_to_fit();
    all
}

/// Pairs `(a, b)` of documents, `a < b`, given the sorted fingerprints of each, at least
/// one of them marked in `reported`, that share at least `MIN_SHARED` fingerprints each
/// found in at most `reuse_max_docs` documents, and at least `reuse_min_overlap` of the
/// smaller one's fingerprints; sorted.
///
/// `generic` names fingerprints known to be in too many documents of the whole corpus
/// when these documents are a part of it that does not hold all their documents.
pub(super) fn candidate_pairs(
    per_doc: Lists,
    options: &Options,
    reported: &[bool],
    generic: &(dyn Fn(u32) -> bool + Sync),
) -> Vec<(DocId, DocId)> {
    // The fingerprints that can link documents: found in two documents or more, and not
    // in so many that they are generic. Most are in one document only, and link nothing.
    let counts: Vec<usize> = (0..per_doc.len())
        .map(|doc| per_doc.get(doc).len())
        .collect();
    let is_reported = |doc: usize| corpus::is_reported(reported, doc);
    let per_doc = reported_fingerprints_only(per_doc, &is_reported);
    let linking = Linking::group(&per_doc, options.reuse_max_docs.max(2), generic);
    // Grouped: freed before each document's places in the lists are found.
    drop(per_doc);
    let of_doc = linking.by_document(counts.len());
    // Per document, the later documents it shares fingerprints with, counted: the pairs
    // are made one document at a time, never all at once.
    (0..counts.len())
        .into_par_iter()
        .map_init(
            || Tally::new(counts.len()),
            |tally, a| {
                linking.each_after(of_doc.get(a), |docs| tally.add(docs));
                let mut pairs = Vec::new();
                tally.take(|b, shared| {
                    let b = b as DocId;
                    if (is_reported(a) || is_reported(b))
                        && shared >= MIN_SHARED
                        && f64::from(shared)
                            >= options.reuse_min_overlap * counts[a].min(counts[b]) as f64
                    {
                        pairs.push((a, b));
                    }
                });
                pairs.sort_unstable();
                pairs
            },
        )
        .flatten_iter()
        .collect()
}

/// How often each document was named, in a table as long as the corpus: a document's
/// partners come again for each fingerprint they share (three and a half times on
/// average on the benchmark corpus), and counting them there costs less than sorting
/// them all. Only the documents named are visited again, to be read and cleared.
struct Tally {
    counts: Vec<u32>,
    named: Vec<u32>,
}

impl Tally {
    fn new(documents: usize) -> Self {
        Self {
            counts: vec![0; documents],
            named: Vec::new(),
        }
    }

    fn add(&mut self, docs: &[u32]) {
        for &doc in docs {
            let doc = linking::document(doc);
            let count = &mut self.counts[doc as usize];
            if *count == 0 {
                self.named.push(doc);
            }
            *count += 1;
        }
    }

    /// Calls `each` with every document named and how often, in no order, and starts
    /// over.
    fn take(&mut self, mut each: impl FnMut(u32, u32)) {
        let Self { counts, named } = self;
        for doc in named.drain(..) {
            each(doc, std::mem::take(&mut counts[doc as usize]));
        }
    }
}

/// `per_doc` without the fingerprints that no reported document holds: they can link
/// only documents that are not reported, whose pairs are never made. A run that reports
/// a few documents of many (a hook run) groups only the fingerprints that matter; each
/// document's count is taken before.
fn reported_fingerprints_only(mut per_doc: Lists, is_reported: &dyn Fn(usize) -> bool) -> Lists {
    if (0..per_doc.len()).all(is_reported) {
        return per_doc;
    }
    let held: KeySet<u32> = (0..per_doc.len())
        .filter(|&doc| is_reported(doc))
        .flat_map(|doc| per_doc.get(doc).iter().copied())
        .collect();
    per_doc.retain(|doc, fp| is_reported(doc) || held.contains(&fp));
    per_doc
}

#[cfg(test)]
mod tests;
