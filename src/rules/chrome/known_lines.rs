//! The phrase entry each short line matches, remembered across the pages of a run: a
//! site's menus, buttons and footers repeat on every page, and looking a line up costs
//! far less than matching it against every phrase again.

use std::hash::BuildHasher;
use std::sync::Mutex;

use rustc_hash::{FxBuildHasher, FxHashMap};

use crate::data::phrases::Phrases;

/// Locks taken by the threads checking pages seldom meet on one of this many maps.
const SHARDS: usize = 16;
/// Lines remembered per map before it starts over: the lines of the pages being checked
/// now, not of every page seen, are the ones that come again (pages are read site by site).
const MAX_PER_SHARD: usize = 4096;
/// Longer lines are seldom template and cost more to keep.
const MAX_LINE_BYTES: usize = 160;

/// Per line text: its word count as the page counted it, and the entry it matches.
type Shard = FxHashMap<Box<str>, (usize, Option<usize>)>;

pub(super) struct KnownLines {
    shards: Vec<Mutex<Shard>>,
}

impl KnownLines {
    pub(super) fn new() -> Self {
        Self {
            shards: (0..SHARDS).map(|_| Mutex::default()).collect(),
        }
    }

    /// `phrases.find(line, words)`'s entry, from memory when the line was seen before.
    pub(super) fn find(&self, phrases: &Phrases, line: &str, words: usize) -> Option<usize> {
        let find = || phrases.find(line, words).map(|m| m.entry);
        if line.len() > MAX_LINE_BYTES {
            return find();
        }
        let shard = &self.shards[FxBuildHasher.hash_one(line) as usize % SHARDS];
        let known = shard.lock().ok().and_then(|s| s.get(line).copied());
        if let Some((counted, entry)) = known
            && counted == words
        {
            return entry;
        }
        let entry = find();
        if let Ok(mut shard) = shard.lock() {
            if shard.len() >= MAX_PER_SHARD {
                shard.clear();
            }
            shard.insert(line.into(), (words, entry));
        }
        entry
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_seen_again_matches_as_it_did() {
        let phrases = Phrases::builtin().expect("rules/chrome.toml");
        let known = KnownLines::new();
        let lines = [
            "Share this article",
            "Read more",
            "The council met on Tuesday.",
        ];
        for _ in 0..3 {
            for line in lines {
                let words = crate::text::word_count(line);
                let expected = phrases.find(line, words).map(|m| m.entry);
                assert_eq!(known.find(&phrases, line, words), expected, "{line}");
            }
        }
        assert!(known.find(&phrases, "Read more", 2).is_some());
        assert_eq!(known.find(&phrases, "Read more", 200), None);
    }
}
