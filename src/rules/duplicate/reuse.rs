//! Reused text: paragraphs whose words are mostly found, in order, in another document,
//! over one or several of its paragraphs — a story rewritten from agency copy, cut,
//! re-split and lightly edited.
//!
//! Candidate pairs of documents come from `fingerprint`. Each pair is compared both ways:
//! for every paragraph of one document, the stretch of the other where its word 3-grams
//! fall densest is aligned with it (`shared_runs`): the words of runs of two words or
//! more shared in order are the copied ones, a lone shared word (`of`) being chance; text moved elsewhere in the other document
//! is looked for in up to three stretches. Of the two documents, the findings of the one
//! more of whose text lies in reused paragraphs are kept, so shared text is reported
//! once, in the document that took it.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::ops::Range;

use rayon::prelude::*;

use super::Options;
use super::exact::ParaRef;
use super::fingerprint::{is_prose, kgram_hashes};
use super::shared_runs::{PairIndex, shared_runs_within};
use super::words::words_into;
use crate::corpus;
use crate::document::{DocId, Document};

/// Words per anchor when looking for where a paragraph lies in the other document.
const ANCHOR: usize = 3;
const _: () = assert!(ANCHOR <= super::minhash::MAX_GRAM);
/// Stretches of the other document aligned with one paragraph at most.
const MAX_STRETCHES: usize = 3;
/// Places in the other document where one anchor is looked for at most.
const MAX_HITS_PER_ANCHOR: usize = 8;
/// Sources kept per paragraph, the one most copied from first.
const MAX_SOURCES: usize = 3;

/// Where a reused paragraph's words are found in one other document.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub doc: DocId,
    /// Words of the paragraph found there in order.
    pub copied: usize,
    /// Runs `(first, last)` of the source's paragraphs that hold them.
    pub paragraphs: Vec<(usize, usize)>,
}

/// A paragraph whose words are mostly found in order in other documents.
#[derive(Debug, Clone, PartialEq)]
pub struct Reuse {
    pub para: ParaRef,
    /// Words of the paragraph, as compared.
    pub words: usize,
    /// The documents it is found in, the most copied from first (the earliest on ties).
    pub sources: Vec<Source>,
}

impl Reuse {
    /// Share of the paragraph's words found in order in its first source.
    pub fn share(&self) -> f64 {
        self.sources
            .first()
            .map_or(0.0, |s| s.copied as f64 / self.words.max(1) as f64)
    }
}

/// The words of a document's prose paragraphs, in order, with the paragraph of each.
struct Words {
    words: Vec<u32>,
    para_of: Vec<u32>,
    /// Per paragraph, its words' range (empty for paragraphs that are not prose).
    ranges: Vec<Range<usize>>,
    /// The document's word 3-grams with their positions, sorted.
    anchors: Vec<(u64, u32)>,
    /// Where each pair of its words is, for aligning paragraphs with stretches of it:
    /// made when a first paragraph is aligned, as most pairs of documents need none.
    pairs: OnceCell<PairIndex>,
}

impl Words {
    fn of(doc: &Document) -> Self {
        let (mut buffer, mut own) = (String::new(), Vec::new());
        let (mut words, mut para_of, mut ranges) = (Vec::new(), Vec::new(), Vec::new());
        for para in 0..doc.paragraphs.len() {
            let start = words.len();
            if is_prose(doc, para) {
                words_into(doc, para, &mut buffer, &mut own);
                words.extend_from_slice(&own);
                para_of.resize(words.len(), para as u32);
            }
            ranges.push(start..words.len());
        }
        let mut anchors = Vec::new();
        let mut hashes = Vec::new();
        for range in &ranges {
            kgram_hashes(&words[range.clone()], ANCHOR, &mut hashes);
            anchors.extend(
                hashes
                    .iter()
                    .enumerate()
                    .map(|(i, &h)| (h, (range.start + i) as u32)),
            );
        }
        anchors.sort_unstable();
        Self {
            pairs: OnceCell::new(),
            words,
            para_of,
            ranges,
            anchors,
        }
    }

    /// Per paragraph, how many of its anchors are found in `other`: one walk through both
    /// sorted lists.
    fn anchored_in(&self, other: &Words) -> Vec<usize> {
        let mut counts = vec![0; self.ranges.len()];
        let mut theirs = other.anchors.iter().map(|&(h, _)| h).peekable();
        for &(anchor, at) in &self.anchors {
            while theirs.next_if(|&h| h < anchor).is_some() {}
            if theirs.peek() == Some(&anchor) {
                counts[self.para_of[at as usize] as usize] += 1;
            }
        }
        counts
    }

    fn positions(&self, anchor: u64) -> &[(u64, u32)] {
        let from = self.anchors.partition_point(|&(h, _)| h < anchor);
        let to = from + self.anchors[from..].partition_point(|&(h, _)| h == anchor);
        &self.anchors[from..to.min(from + MAX_HITS_PER_ANCHOR)]
    }
}

/// The words of `own` found in order in `other`, and where: the positions in `other` of
/// the copied words. Each stretch of `other` where `own`'s anchors fall densest is aligned
/// with `own`; a word counts once, however many stretches hold it.
fn align(
    own: &[u32],
    other: &Words,
    min_copied: usize,
    scratch: &mut Vec<u64>,
) -> (usize, Vec<usize>) {
    kgram_hashes(own, ANCHOR, scratch);
    let mut hits: Vec<usize> = scratch
        .iter()
        .flat_map(|&h| other.positions(h).iter().map(|&(_, at)| at as usize))
        .collect();
    hits.sort_unstable();
    hits.dedup();
    let mut copied = vec![false; own.len()];
    let mut found = Vec::new();
    let reach = 2 * own.len() + 10;
    let mut copied_words = 0;
    for round in 0..MAX_STRETCHES {
        // The window of `reach` words of `other` that holds the most anchors.
        let (mut best, mut lo) = ((0, 0), 0);
        for hi in 0..hits.len() {
            while hits[hi] - hits[lo] > reach {
                lo += 1;
            }
            if hi + 1 - lo > best.1 - best.0 {
                best = (lo, hi + 1);
            }
        }
        // No stretch holds more anchors than the best one: when the stretches left cannot
        // hold the words still missing (an anchor standing for three words, as `one_way`
        // counts them before aligning), none is aligned.
        let needed = min_copied.saturating_sub(copied_words);
        if best.1 - best.0 < 2 || 3 * (best.1 - best.0) * (MAX_STRETCHES - round) < needed {
            break;
        }
        let start = hits[best.0].saturating_sub(own.len() / 4 + 2);
        let end = (hits[best.1 - 1] + ANCHOR + own.len() / 4 + 2).min(other.words.len());
        let pairs = other.pairs.get_or_init(|| PairIndex::of(&other.words));
        for run in shared_runs_within(own, &other.words, pairs, start..end) {
            let words = copied[run.old_index..run.old_end()].iter_mut();
            for (offset, copied) in words.enumerate() {
                if !*copied {
                    *copied = true;
                    copied_words += 1;
                    found.push(run.new_index + offset);
                }
            }
        }
        hits.retain(|&h| h < start || h >= end);
    }
    (copied.iter().filter(|&&c| c).count(), found)
}

/// Runs of consecutive paragraphs of `other` that hold enough of the copied words at
/// `positions`: a paragraph with only a stray word or two of them is left out.
fn source_paragraphs(other: &Words, positions: &[usize]) -> Vec<(usize, usize)> {
    let mut per_para: HashMap<usize, usize> = HashMap::new();
    for &at in positions {
        *per_para.entry(other.para_of[at] as usize).or_default() += 1;
    }
    let mut held: Vec<usize> = per_para
        .into_iter()
        .filter(|&(para, n)| n >= 8 || 3 * n >= other.ranges[para].len())
        .map(|(para, _)| para)
        .collect();
    held.sort_unstable();
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for para in held {
        match runs.last_mut() {
            // Paragraphs without prose words between two held ones do not break a run.
            Some(run) if (run.1 + 1..para).all(|p| other.ranges[p].is_empty()) => run.1 = para,
            _ => runs.push((para, para)),
        }
    }
    runs
}

/// The paragraphs of `a` (those `eligible`) found in `b` at `reuse_share` or more, and the
/// words of `a` they hold.
fn one_way(
    a: (DocId, &Words),
    b: (DocId, &Words),
    options: &Options,
    eligible: &(impl Fn(DocId, usize) -> bool + Sync),
    scratch: &mut Vec<u64>,
) -> (Vec<Reuse>, usize) {
    let ((a_id, a_words), (b_id, b_words)) = (a, b);
    let mut found = Vec::new();
    let mut reused_words = 0;
    let anchored = a_words.anchored_in(b_words);
    for (para, range) in a_words.ranges.iter().enumerate() {
        let own = &a_words.words[range.clone()];
        if own.len() < options.reuse_min_words || !eligible(a_id, para) {
            continue;
        }
        let min_copied = (options.reuse_share * own.len() as f64).ceil() as usize;
        // Too few anchors for `min_copied` words (an anchor stands for three): not worth
        // aligning.
        if 3 * anchored[para] < min_copied {
            continue;
        }
        let (copied, positions) = align(own, b_words, min_copied, scratch);
        if copied < min_copied {
            continue;
        }
        let paragraphs = source_paragraphs(b_words, &positions);
        if paragraphs.is_empty() {
            continue;
        }
        reused_words += own.len();
        found.push(Reuse {
            para: ParaRef { doc: a_id, para },
            words: own.len(),
            sources: vec![Source {
                doc: b_id,
                copied,
                paragraphs,
            }],
        });
    }
    (found, reused_words)
}

/// Reused paragraphs of the documents marked in `reported`, in corpus order, compared
/// over the candidate `pairs`; `eligible` says which paragraphs may be reported (long
/// enough, not site template, not reported by another rule of the family).
pub(super) fn find_reuse(
    docs: &[Document],
    pairs: &[(DocId, DocId)],
    options: &Options,
    reported: &[bool],
    eligible: impl Fn(DocId, usize) -> bool + Sync,
) -> Vec<Reuse> {
    let is_reported = |doc: DocId| corpus::is_reported(reported, doc);
    let mut found: Vec<Reuse> = pairs
        .par_chunk_by(|x, y| x.0 == y.0)
        .flat_map_iter(|group| {
            let a = group[0].0;
            let a_words = Words::of(&docs[a]);
            let a_total = a_words.words.len().max(1);
            let mut scratch = Vec::new();
            let mut kept = Vec::new();
            for &(_, b) in group {
                let b_words = Words::of(&docs[b]);
                let b_total = b_words.words.len().max(1);
                let (in_a, a_reused) = one_way(
                    (a, &a_words),
                    (b, &b_words),
                    options,
                    &eligible,
                    &mut scratch,
                );
                let (in_b, b_reused) = one_way(
                    (b, &b_words),
                    (a, &a_words),
                    options,
                    &eligible,
                    &mut scratch,
                );
                // The document more of whose text lies in reused paragraphs took it from
                // the other; on a tie, the later one (as for the family's other rules).
                let a_took =
                    (a_reused as u128) * (b_total as u128) > (b_reused as u128) * (a_total as u128);
                let (side, doc) = if a_took { (in_a, a) } else { (in_b, b) };
                // One passage shared by two documents that share nothing else is a
                // quotation, not a rewrite.
                if is_reported(doc) && side.len() >= options.reuse_min_paragraphs {
                    kept.extend(side);
                }
            }
            kept
        })
        .collect();
    // One finding per paragraph, naming its sources best first.
    found.sort_by_key(|x| x.para);
    let mut merged: Vec<Reuse> = Vec::new();
    for reuse in found {
        match merged.last_mut() {
            Some(last) if last.para == reuse.para => last.sources.extend(reuse.sources),
            _ => merged.push(reuse),
        }
    }
    for reuse in &mut merged {
        reuse
            .sources
            .sort_by(|x, y| y.copied.cmp(&x.copied).then(x.doc.cmp(&y.doc)));
        reuse.sources.truncate(MAX_SOURCES);
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::duplicate::test_support::corpus;

    fn words_of(text: &str) -> Vec<u32> {
        let doc = Document::from_bytes("t.txt".into(), text.as_bytes().to_vec());
        let mut words = Vec::new();
        words_into(&doc, 0, &mut String::new(), &mut words);
        words
    }

    #[test]
    fn a_paragraph_merged_from_two_and_edited_is_found_over_both() {
        let source = corpus(&["The council met on Tuesday evening to discuss the budget for the new library. Members argued for three hours about the cost of the roof.\n\nIn the end the plan was approved by a narrow margin, and work will begin in the spring.\n"]).documents;
        let other = Words::of(&source[0]);
        let own = words_of(
            "Members argued for almost three hours about the cost of the roof. In the end the plan was approved by a narrow margin.",
        );
        let (copied, positions) = align(&own, &other, 1, &mut Vec::new());
        assert_eq!(copied, own.len() - 1, "all but the added word");
        assert_eq!(source_paragraphs(&other, &positions), [(0, 1)]);
        let unrelated = words_of(
            "A new bakery opened in the old station building, selling bread baked in a wood oven.",
        );
        assert_eq!(align(&unrelated, &other, 1, &mut Vec::new()).0, 0);
    }
}
