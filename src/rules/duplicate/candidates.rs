//! The words of near-duplicate candidates, read for a round of pairs at a time.

use rayon::prelude::*;

use super::exact::ParaRef32;
use super::words::words_into;
use crate::document::Document;

/// Candidate paragraphs whose words are read in one parallel step.
const CANDIDATES_PER_SLICE: usize = 16 * 1024;

/// `pairs` (later, earlier), sorted by their later paragraph, cut into rounds of whole
/// groups of one later paragraph, in order: the distinct paragraphs of a round have
/// `budget` words in all at most (`words_in` tells a paragraph's), or are one group's.
/// A paragraph that is a candidate in several rounds is read in each.
pub(super) fn rounds(
    pairs: &[(u32, u32)],
    words_in: impl Fn(u32) -> usize,
    budget: usize,
) -> Vec<&[(u32, u32)]> {
    // The round a paragraph was last counted in (rounds count from 1).
    let len = pairs.iter().map(|&(a, b)| a.max(b) as usize + 1).max();
    let mut counted = vec![0u32; len.unwrap_or(0)];
    let mut count = |group: &[(u32, u32)], round: u32| -> usize {
        let mut words = 0;
        for paragraph in group.iter().flat_map(|&(later, earlier)| [later, earlier]) {
            let last = &mut counted[paragraph as usize];
            if *last != round {
                *last = round;
                words += words_in(paragraph);
            }
        }
        words
    };
    let mut rounds = Vec::new();
    let (mut start, mut end, mut words, mut round) = (0, 0, 0, 1);
    for group in pairs.chunk_by(|a, b| a.0 == b.0) {
        let mut added = count(group, round);
        if words + added > budget && end > start {
            rounds.push(&pairs[start..end]);
            (start, words, round) = (end, 0, round + 1);
            added = count(group, round);
        }
        words += added;
        end += group.len();
    }
    if end > start {
        rounds.push(&pairs[start..end]);
    }
    rounds
}

/// The words of the paragraphs (sketch indices) that take part in candidate pairs.
pub(super) struct CandidateWords {
    /// Sorted sketch indices.
    sketches: Vec<u32>,
    /// The words of `per_slice` sketches at a time, in their order. A slice is read in
    /// parallel, a list per paragraph, then joined: only one slice's words are ever held
    /// twice, and each slice is made at its size (the total is known only once all are
    /// read).
    slices: Vec<WordSlice>,
    per_slice: usize,
}

struct WordSlice {
    /// Where each sketch's words start in `words`, and where the last one's end.
    starts: Vec<usize>,
    words: Vec<u32>,
}

impl CandidateWords {
    /// `at`: where each sketch's paragraph is.
    pub(super) fn of(pairs: &[(u32, u32)], at: &[ParaRef32], docs: &[Document]) -> Self {
        Self::in_slices(pairs, at, docs, CANDIDATES_PER_SLICE)
    }

    fn in_slices(
        pairs: &[(u32, u32)],
        at: &[ParaRef32],
        docs: &[Document],
        per_slice: usize,
    ) -> Self {
        let mut wanted: Vec<u32> = pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
        wanted.par_sort_unstable();
        wanted.dedup();
        let slices = wanted
            .chunks(per_slice)
            .map(|slice| {
                let lists: Vec<Vec<u32>> = slice
                    .par_iter()
                    .map_init(
                        || (String::new(), Vec::new()),
                        |(buffer, words), &i| {
                            let at = at[i as usize].wide();
                            words_into(&docs[at.doc], at.para, buffer, words);
                            words.clone()
                        },
                    )
                    .collect();
                let mut starts = Vec::with_capacity(lists.len() + 1);
                let mut words = Vec::with_capacity(lists.iter().map(Vec::len).sum());
                for list in lists {
                    starts.push(words.len());
                    words.extend(list);
                }
                starts.push(words.len());
                WordSlice { starts, words }
            })
            .collect();
        Self {
            sketches: wanted,
            slices,
            per_slice,
        }
    }

    pub(super) fn get(&self, sketch: u32) -> &[u32] {
        let Ok(at) = self.sketches.binary_search(&sketch) else {
            return &[];
        };
        let slice = &self.slices[at / self.per_slice];
        let i = at % self.per_slice;
        &slice.words[slice.starts[i]..slice.starts[i + 1]]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::duplicate::exact::ParaRef;
    use crate::rules::duplicate::test_support;

    #[test]
    fn candidate_words_are_found_in_whichever_slice_holds_them() {
        let texts: Vec<String> = (0..5)
            .map(|d| {
                (0..4)
                    .map(|p| format!("Paragraph {p} of document {d} has {} words.", d * p))
                    .collect::<Vec<_>>()
                    .join("\n\n")
            })
            .collect();
        let docs =
            test_support::corpus(&texts.iter().map(String::as_str).collect::<Vec<_>>()).documents;
        let (mut buffer, mut words) = (String::new(), Vec::new());
        let mut expected = Vec::new();
        let mut at = Vec::new();
        for (doc, document) in docs.iter().enumerate() {
            for para in 0..document.paragraphs.len() {
                words_into(document, para, &mut buffer, &mut words);
                expected.push(words.clone());
                at.push(ParaRef32::new(ParaRef { doc, para }));
            }
        }
        // Every third sketch is left out of the pairs: it has no words to give.
        let taken = |i: u32| i % 3 != 1;
        let n = at.len() as u32;
        let pairs: Vec<(u32, u32)> = (1..n)
            .filter(|&i| taken(i))
            .map(|i| (i, (0..i).rev().find(|&j| taken(j)).unwrap_or(0)))
            .collect();
        for per_slice in [1, 2, 3, 7, CANDIDATES_PER_SLICE] {
            let candidates = CandidateWords::in_slices(&pairs, &at, &docs, per_slice);
            for i in 0..n {
                let found = candidates.get(i);
                if taken(i) {
                    assert_eq!(
                        found, expected[i as usize],
                        "sketch {i}, {per_slice} a slice"
                    );
                } else {
                    assert!(found.is_empty(), "sketch {i}, {per_slice} a slice");
                }
            }
        }
    }

    #[test]
    fn rounds_keep_every_pair_once_in_order_and_each_group_whole() {
        // Later paragraph i pairs with the earlier ones i/2 and i/3 (when below it).
        let pairs: Vec<(u32, u32)> = (1..200u32)
            .flat_map(|i| {
                let mut earlier = vec![i / 3, i / 2];
                earlier.dedup();
                earlier.into_iter().map(move |e| (i, e))
            })
            .collect();
        let words_in = |p: u32| 1 + (p % 7) as usize;
        for budget in [0, 1, 10, 50, 1_000_000] {
            let rounds = rounds(&pairs, words_in, budget);
            assert_eq!(rounds.concat(), pairs, "budget {budget}");
            for pair in rounds.windows(2) {
                let (last, first) = (pair[0].last(), pair[1].first());
                assert_ne!(last.map(|p| p.0), first.map(|p| p.0), "a group split");
            }
            for round in &rounds {
                let mut distinct: Vec<u32> = round.iter().flat_map(|&(a, b)| [a, b]).collect();
                distinct.sort_unstable();
                distinct.dedup();
                let words: usize = distinct.iter().map(|&p| words_in(p)).sum();
                let one_group = round.iter().all(|p| p.0 == round[0].0);
                assert!(
                    words <= budget || one_group,
                    "budget {budget}: {words} words"
                );
            }
        }
        assert_eq!(rounds(&pairs, words_in, 1_000_000).len(), 1);
        assert!(rounds(&[], words_in, 10).is_empty());
    }
}
