//! Hash maps keyed by values that are already hashes (paragraph keys, band keys): hashing
//! them again with SipHash would only cost time.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// Passes a hash key through: the low 64 bits of what is written.
#[derive(Debug, Default, Clone, Copy)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only reached for keys that are not integers; fold them in, FNV-style.
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }

    fn write_u128(&mut self, n: u128) {
        self.0 = n as u64;
    }
}

pub type KeyMap<K, V> = HashMap<K, V, BuildHasherDefault<KeyHasher>>;
pub type KeySet<K> = HashSet<K, BuildHasherDefault<KeyHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_pass_through() {
        let mut map: KeyMap<u128, u32> = KeyMap::default();
        map.insert(0xdead_beef_u128 << 64 | 7, 1);
        map.insert(8, 2);
        assert_eq!(map.get(&(0xdead_beef_u128 << 64 | 7)), Some(&1));
        assert_eq!(map.get(&8), Some(&2));
        assert_eq!(map.get(&7), None);
    }
}
