//! A small set of hash keys with a bitmap in front of it, for looking up every key of an
//! index when nearly none of them is in the set: one bit test turns most of them away,
//! in a bitmap that stays in the processor's first cache, where a hash set would be
//! probed in memory for each.

use std::hash::Hash;

use crate::text::hashing::KeySet;

/// Bits of the bitmap: 32 KiB. The keys of a few named files (some thousands) leave
/// most bits clear.
const BITS: usize = 1 << 18;

/// A key that is already a hash, whose low bits are as good as any.
pub trait SieveKey: Copy + Eq + Hash {
    fn low(self) -> usize;
}

impl SieveKey for u32 {
    #[inline]
    fn low(self) -> usize {
        self as usize
    }
}

impl SieveKey for u128 {
    #[inline]
    fn low(self) -> usize {
        self as usize
    }
}

#[derive(Debug)]
pub struct Sieve<K> {
    bits: Vec<u64>,
    set: KeySet<K>,
}

impl<K: SieveKey> Default for Sieve<K> {
    fn default() -> Self {
        Self {
            bits: vec![0; BITS / 64],
            set: KeySet::default(),
        }
    }
}

impl<K: SieveKey> Sieve<K> {
    #[inline]
    pub fn insert(&mut self, key: K) {
        let bit = key.low() % BITS;
        self.bits[bit / 64] |= 1 << (bit % 64);
        self.set.insert(key);
    }

    #[inline]
    pub fn contains(&self, key: &K) -> bool {
        let bit = key.low() % BITS;
        self.bits[bit / 64] & (1 << (bit % 64)) != 0 && self.set.contains(key)
    }
}

impl<K: SieveKey> Extend<K> for Sieve<K> {
    fn extend<I: IntoIterator<Item = K>>(&mut self, keys: I) {
        for key in keys {
            self.insert(key);
        }
    }
}

impl<K: SieveKey> FromIterator<K> for Sieve<K> {
    fn from_iter<I: IntoIterator<Item = K>>(keys: I) -> Self {
        let mut sieve = Self::default();
        sieve.extend(keys);
        sieve
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sieve_holds_what_was_put_in_and_nothing_else() {
        let sieve: Sieve<u32> = [3, 3 + BITS as u32, 70].into_iter().collect();
        assert!(sieve.contains(&3) && sieve.contains(&(3 + BITS as u32)) && sieve.contains(&70));
        // Same bit as a key held, not held itself.
        assert!(!sieve.contains(&(3 + 2 * BITS as u32)));
        assert!(!sieve.contains(&4));
        let wide: Sieve<u128> = [1u128 << 100 | 5].into_iter().collect();
        assert!(wide.contains(&(1u128 << 100 | 5)) && !wide.contains(&5));
    }
}
