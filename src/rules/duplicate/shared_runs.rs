//! Shared runs: the words two texts have in common in runs of two words or more, in the
//! same order in both — what is left of a passage copied from one into the other and
//! then edited.
//!
//! A word diff (Myers) finds the longest common subsequence, then its runs shorter than
//! two words are dropped; it costs the product of the lengths on texts that differ much,
//! which is most candidates of reused text. Here the runs are found directly: every
//! place where a word pair of one text occurs in the other starts a run, and the chain of
//! runs, in order in both texts and not overlapping, that covers the most words is
//! picked by a sweep over the runs with a Fenwick tree of the best chain ending before
//! each place of the other text. The cost grows with the texts' lengths and the number
//! of shared word pairs, not with their product.

use std::ops::Range;

/// A run of equal words: `len` words from `old_index` in the first text and from
/// `new_index` in the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    pub old_index: usize,
    pub new_index: usize,
    pub len: usize,
}

impl Run {
    pub fn old_end(&self) -> usize {
        self.old_index + self.len
    }
}

fn pair(words: &[u32], at: usize) -> u64 {
    (u64::from(words[at]) << 32) | u64::from(words[at + 1])
}

/// Where each pair of consecutive words of a text starts: built once for a text that
/// many others are aligned with.
pub struct PairIndex {
    /// (pair, place), sorted.
    entries: Vec<(u64, u32)>,
}

impl PairIndex {
    pub fn of(words: &[u32]) -> Self {
        let mut entries: Vec<(u64, u32)> = (0..words.len().saturating_sub(1))
            .map(|j| (pair(words, j), j as u32))
            .collect();
        entries.sort_unstable();
        Self { entries }
    }

    /// The places in `within` where the pair `key` starts and ends.
    fn places(&self, key: u64, within: &Range<usize>) -> impl Iterator<Item = usize> + '_ {
        let from = self.entries.partition_point(|&(k, _)| k < key);
        let same = &self.entries[from..];
        let same = &same[..same.partition_point(|&(k, _)| k == key)];
        let first = same.partition_point(|&(_, j)| (j as usize) < within.start);
        let end = within.end;
        same[first..]
            .iter()
            .map(|&(_, j)| j as usize)
            .take_while(move |&j| j + 1 < end)
    }
}

/// The maximal runs of two equal words or more between `old` and `new[within]`: those
/// not extending one before them.
fn maximal_runs(old: &[u32], new: &[u32], index: &PairIndex, within: &Range<usize>) -> Vec<Run> {
    let mut runs = Vec::new();
    for i in 0..old.len().saturating_sub(1) {
        for j in index.places(pair(old, i), within) {
            if i > 0 && j > within.start && old[i - 1] == new[j - 1] {
                continue;
            }
            let mut len = 2;
            while i + len < old.len() && j + len < within.end && old[i + len] == new[j + len] {
                len += 1;
            }
            runs.push(Run {
                old_index: i,
                new_index: j,
                len,
            });
        }
    }
    runs
}

const NONE: u32 = u32::MAX;

/// The best chain value among the places recorded, by place in the second text.
struct BestUpTo {
    tree: Vec<(u32, u32)>,
}

impl BestUpTo {
    fn new(len: usize) -> Self {
        Self {
            tree: vec![(0, NONE); len + 1],
        }
    }

    /// Records a chain of `value` words whose last word is `cell`, at place `at`.
    fn insert(&mut self, at: usize, value: u32, cell: u32) {
        let mut at = at + 1;
        while at < self.tree.len() {
            if value > self.tree[at].0 {
                self.tree[at] = (value, cell);
            }
            at += at & at.wrapping_neg();
        }
    }

    /// The best chain recorded at a place before `end`: its value and last cell.
    fn before(&self, end: usize) -> (u32, u32) {
        let mut at = end.min(self.tree.len() - 1);
        let mut best = (0, NONE);
        while at > 0 {
            if self.tree[at].0 > best.0 {
                best = self.tree[at];
            }
            at -= at & at.wrapping_neg();
        }
        best
    }
}

/// One pair of equal words inside a maximal run.
struct Cell {
    old: u32,
    new: u32,
    /// The cell before it in its run, if any.
    previous: u32,
    /// Best chain whose last run starts here: one word, after the best chain before.
    opened: u32,
    /// The last cell of that chain before.
    opened_after: u32,
    /// Best chain whose last run, of two words or more, ends here (0: none).
    closed: u32,
    /// Whether that run starts at the previous cell rather than continuing a longer run.
    starts_before: bool,
}

/// `shared_runs_within` over the whole of `new`.
#[cfg(test)]
pub fn shared_runs(old: &[u32], new: &[u32]) -> Vec<Run> {
    shared_runs_within(old, new, &PairIndex::of(new), 0..new.len())
}

/// The runs of two words or more that `old` and the stretch `new[within]` share, in order
/// in both and not overlapping, that cover the most words; in order, placed in `new`
/// (whose pair index is `index`).
///
/// Over every pair of equal words inside a maximal run, in order of `old`: a run may
/// start at a pair, after the best chain ending before it in both texts, or go on from
/// the pair before it; runs are cut anywhere, so two overlapping runs are both used in
/// part when that covers more.
pub fn shared_runs_within(
    old: &[u32],
    new: &[u32],
    index: &PairIndex,
    within: Range<usize>,
) -> Vec<Run> {
    let mut cells: Vec<Cell> = Vec::new();
    for run in maximal_runs(old, new, index, &within) {
        for k in 0..run.len {
            let previous = if k == 0 {
                NONE
            } else {
                (cells.len() - 1) as u32
            };
            cells.push(Cell {
                old: (run.old_index + k) as u32,
                new: (run.new_index + k) as u32,
                previous,
                opened: 0,
                opened_after: NONE,
                closed: 0,
                starts_before: false,
            });
        }
    }
    // Cells grouped by their place in `old` (a counting sort): a row's cells only follow
    // those of rows before it, in whatever order they come.
    let mut row_starts = vec![0u32; old.len() + 1];
    for cell in &cells {
        row_starts[cell.old as usize + 1] += 1;
    }
    for i in 1..row_starts.len() {
        row_starts[i] += row_starts[i - 1];
    }
    let mut order = vec![0u32; cells.len()];
    for (c, cell) in cells.iter().enumerate() {
        let slot = &mut row_starts[cell.old as usize];
        order[*slot as usize] = c as u32;
        *slot += 1;
    }
    let mut best_up_to = BestUpTo::new(within.len());
    let mut best = (0, NONE);
    let mut row_start = 0;
    while row_start < order.len() {
        let row = cells[order[row_start] as usize].old;
        let row_end = row_start
            + order[row_start..]
                .iter()
                .take_while(|&&c| cells[c as usize].old == row)
                .count();
        for &c in &order[row_start..row_end] {
            let (before, after) = best_up_to.before(cells[c as usize].new as usize - within.start);
            let previous = cells[c as usize].previous;
            let carried = (previous != NONE).then(|| {
                let previous = &cells[previous as usize];
                (previous.opened, previous.closed)
            });
            let cell = &mut cells[c as usize];
            (cell.opened, cell.opened_after) = (before + 1, after);
            if let Some((opened, closed)) = carried {
                cell.starts_before = opened > closed;
                cell.closed = opened.max(closed) + 1;
            }
        }
        // Cells of this row may only follow cells of rows before it.
        for &c in &order[row_start..row_end] {
            let cell = &cells[c as usize];
            if cell.closed > 0 {
                best_up_to.insert(cell.new as usize - within.start, cell.closed, c);
                if cell.closed > best.0 {
                    best = (cell.closed, c);
                }
            }
        }
        row_start = row_end;
    }
    let mut chain = Vec::new();
    let mut at = best.1;
    while at != NONE {
        let end = &cells[at as usize];
        let mut first = end;
        while !first.starts_before {
            first = &cells[first.previous as usize];
        }
        let first = &cells[first.previous as usize];
        chain.push(Run {
            old_index: first.old as usize,
            new_index: first.new as usize,
            len: (end.old - first.old + 1) as usize,
        });
        at = first.opened_after;
    }
    chain.reverse();
    chain
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn words(text: &str) -> Vec<u32> {
        text.bytes().map(u32::from).collect()
    }

    fn covered(runs: &[Run]) -> usize {
        runs.iter().map(|r| r.len).sum()
    }

    /// The most words `old[i..]` and `new[j..]` share in runs of two or more, by brute force.
    fn most_shared(old: &[u32], new: &[u32]) -> usize {
        let (n, m) = (old.len(), new.len());
        let mut best = vec![vec![0usize; m + 1]; n + 1];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                let mut value = best[i + 1][j].max(best[i][j + 1]);
                let mut len = 0;
                while i + len < n && j + len < m && old[i + len] == new[j + len] {
                    len += 1;
                    if len >= 2 {
                        value = value.max(len + best[i + len][j + len]);
                    }
                }
                best[i][j] = value;
            }
        }
        best[0][0]
    }

    #[test]
    fn an_edited_copy_keeps_its_runs_and_drops_stray_words() {
        let (old, new) = (words("abcdXefgh"), words("abcdefYghZa"));
        let runs = shared_runs(&old, &new);
        assert_eq!(
            runs,
            [
                Run {
                    old_index: 0,
                    new_index: 0,
                    len: 4
                },
                Run {
                    old_index: 5,
                    new_index: 4,
                    len: 2
                },
                Run {
                    old_index: 7,
                    new_index: 7,
                    len: 2
                },
            ]
        );
    }

    #[test]
    fn a_run_is_joined_after_its_start_where_the_one_before_ends() {
        // "cde" follows "abc" in the second text only from its "d".
        let runs = shared_runs(&words("abcde"), &words("abcXcde"));
        assert_eq!(covered(&runs), 5);
    }

    #[test]
    fn texts_sharing_no_word_pair_share_no_run() {
        assert!(shared_runs(&words("abab"), &words("bxaxb")).is_empty());
        assert!(shared_runs(&words(""), &words("ab")).is_empty());
    }

    proptest! {
        #[test]
        fn runs_are_in_order_equal_and_as_many_words_as_can_be(
            old in proptest::collection::vec(0u32..4, 0..24),
            new in proptest::collection::vec(0u32..4, 0..24),
        ) {
            let runs = shared_runs(&old, &new);
            let mut ends = (0, 0);
            for run in &runs {
                prop_assert!(run.len >= 2);
                prop_assert!(run.old_index >= ends.0 && run.new_index >= ends.1);
                prop_assert_eq!(
                    &old[run.old_index..run.old_end()],
                    &new[run.new_index..run.new_index + run.len]
                );
                ends = (run.old_end(), run.new_index + run.len);
            }
            prop_assert_eq!(covered(&runs), most_shared(&old, &new));
        }

        #[test]
        fn runs_within_a_stretch_are_those_of_the_stretch_alone(
            old in proptest::collection::vec(0u32..4, 0..16),
            new in proptest::collection::vec(0u32..4, 0..32),
            cut in (0usize..32, 0usize..32),
        ) {
            let (start, end) = (cut.0.min(cut.1).min(new.len()), cut.0.max(cut.1).min(new.len()));
            let within = shared_runs_within(&old, &new, &PairIndex::of(&new), start..end);
            let alone: Vec<Run> = shared_runs(&old, &new[start..end])
                .into_iter()
                .map(|run| Run { new_index: run.new_index + start, ..run })
                .collect();
            prop_assert_eq!(within, alone);
        }
    }
}
