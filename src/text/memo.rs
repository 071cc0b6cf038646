//! Results of a costly function of one line, remembered across the documents of a run:
//! a site's menus, buttons, footers and bylines repeat on every page, and looking a line
//! up costs far less than reading it again.

use std::hash::BuildHasher;
use std::sync::Mutex;

use rustc_hash::{FxBuildHasher, FxHashMap};

/// Locks taken by the threads checking documents seldom meet on one of this many maps.
const SHARDS: usize = 16;
/// Lines remembered per map before it starts over: the lines of the documents being read
/// now, not of every document seen, are the ones that come again (a folder at a time).
const MAX_PER_SHARD: usize = 4096;
/// Longer lines are seldom template and cost more to keep.
const MAX_LINE_BYTES: usize = 160;

/// What a function gave for each line text; the function must depend on the text alone.
pub struct LineMemo<V> {
    shards: Vec<Mutex<FxHashMap<Box<str>, V>>>,
}

impl<V: Clone> Default for LineMemo<V> {
    fn default() -> Self {
        Self {
            shards: (0..SHARDS).map(|_| Mutex::default()).collect(),
        }
    }
}

impl<V: Clone> LineMemo<V> {
    /// What `compute` gives for `line`, remembered from an earlier call when there was one.
    pub fn get_or_compute(&self, line: &str, compute: impl FnOnce() -> V) -> V {
        if line.len() > MAX_LINE_BYTES {
            return compute();
        }
        let shard = &self.shards[FxBuildHasher.hash_one(line) as usize % SHARDS];
        if let Some(known) = shard.lock().ok().and_then(|s| s.get(line).cloned()) {
            return known;
        }
        let value = compute();
        if let Ok(mut shard) = shard.lock() {
            if shard.len() >= MAX_PER_SHARD {
                shard.clear();
            }
            shard.insert(line.into(), value.clone());
        }
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_seen_again_is_not_computed_again() {
        let memo = LineMemo::default();
        let mut computed = 0;
        for _ in 0..3 {
            for line in ["Home", "About us", "Home"] {
                let length = memo.get_or_compute(line, || {
                    computed += 1;
                    line.len()
                });
                assert_eq!(length, line.len());
            }
        }
        assert_eq!(computed, 2);
        let long = "word ".repeat(MAX_LINE_BYTES);
        for _ in 0..2 {
            memo.get_or_compute(&long, || {
                computed += 1;
                0
            });
        }
        assert_eq!(computed, 4);
    }

    #[test]
    fn a_full_map_starts_over() {
        let memo = LineMemo::default();
        let lines: Vec<String> = (0..SHARDS * MAX_PER_SHARD * 2)
            .map(|n| n.to_string())
            .collect();
        for line in &lines {
            memo.get_or_compute(line, || line.len());
        }
        for shard in &memo.shards {
            assert!(shard.lock().map(|s| s.len()).unwrap_or(0) <= MAX_PER_SHARD);
        }
        assert_eq!(memo.get_or_compute("new", || 3), 3);
        assert_eq!(memo.get_or_compute("new", || 0), 3);
    }
}
