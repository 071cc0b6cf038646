//! Sorting by hashed 32-bit keys, a byte at a time.

use std::ops::Range;

/// Below this many items a comparison sort is as fast.
const SMALL: usize = 256;

/// From this many items on, the items are first split by the key's top byte: every split
/// is then sorted on its own, small enough for the caches (and the TLB) to hold it while
/// it is scattered three times. Scattering a large array over 256 places at once misses
/// them at every move, and a sort of 4 million items takes twice as long per item as one
/// of 700 thousand.
const SPLIT: usize = 1 << 16;

/// Sorts `items` by `key`, keeping the order of items with equal keys: a radix sort,
/// which skips the bytes every key shares. Band keys and fingerprints are hashes, whose
/// bytes spread evenly: each item is moved four times at most where a comparison sort
/// compares it some twenty times. It takes a second buffer as large as `items`.
///
/// The keys are 32 bits: what else orders the items (a document's number after its
/// fingerprint) is the order they come in, kept by a stable sort, never sorted again.
pub(super) fn sort_by_hash_key<T: Copy>(items: &mut Vec<T>, key: impl Fn(&T) -> u32) {
    if items.len() < SMALL {
        items.sort_by_key(&key);
        return;
    }
    // The key in the top half: the byte the large arrays are split by is its top byte.
    let key = |item: &T| u64::from(key(item)) << 32;
    let mut buffer = items.clone();
    if items.len() < SPLIT {
        sort_bytes(items, &mut buffer, &key, 4..8);
        return;
    }
    let top = |item: &T| (key(item) >> 56) as usize;
    let Some(splits) = scatter(items, &mut buffer, top) else {
        sort_bytes(items, &mut buffer, &key, 4..7);
        return;
    };
    for bucket in splits.windows(2) {
        let range = bucket[0]..bucket[1];
        sort_bytes(&mut buffer[range.clone()], &mut items[range], &key, 4..7);
    }
    *items = buffer;
}

/// Sorts `data` stably by the key's `bytes`, least significant first, with `buffer` (as
/// long as `data`) to scatter into.
fn sort_bytes<T: Copy>(
    data: &mut [T],
    buffer: &mut [T],
    key: &impl Fn(&T) -> u64,
    bytes: Range<u32>,
) {
    if data.len() < SMALL {
        data.sort_by_key(key);
        return;
    }
    let mut in_data = true;
    for byte in bytes {
        let digit = |item: &T| ((key(item) >> (byte * 8)) & 0xff) as usize;
        let moved = if in_data {
            scatter(data, buffer, digit)
        } else {
            scatter(buffer, data, digit)
        };
        if moved.is_some() {
            in_data = !in_data;
        }
    }
    if !in_data {
        data.copy_from_slice(buffer);
    }
}

/// Moves `from` into `to` in the order of `digit` (0 to 255), keeping the order of items
/// with equal digits, and returns where each digit's items start (and, last, where they
/// end); `None`, and nothing moved, when every item has the same digit.
fn scatter<T: Copy>(from: &[T], to: &mut [T], digit: impl Fn(&T) -> usize) -> Option<[usize; 257]> {
    let mut starts = [0usize; 257];
    for item in from {
        starts[digit(item) + 1] += 1;
    }
    if starts.contains(&from.len()) {
        return None;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let splits = starts;
    for item in from {
        let slot = &mut starts[digit(item)];
        to[*slot] = *item;
        *slot += 1;
    }
    Some(splits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

    fn stable_sort(items: &[(u32, usize)]) -> Vec<(u32, usize)> {
        let mut expected = items.to_vec();
        expected.sort_by_key(|item| item.0);
        expected
    }

    proptest::proptest! {
        /// The order of a stable sort by the key, above and below the size where the
        /// comparison sort takes over, with keys that share bytes and keys that repeat.
        #[test]
        fn sorts_as_a_stable_sort_by_key(
            keys in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::num::u32::ANY,
                    (0u32..4).prop_map(|k| k << 20),
                    proptest::num::u8::ANY.prop_map(u32::from),
                ],
                0..2 * SMALL,
            )
        ) {
            let items: Vec<(u32, usize)> = keys.into_iter().enumerate().map(|(i, k)| (k, i)).collect();
            let mut sorted = items.clone();
            sort_by_hash_key(&mut sorted, |item| item.0);
            proptest::prop_assert_eq!(sorted, stable_sort(&items));
        }
    }

    /// Arrays large enough to be split by their top byte: hashed keys that repeat, keys
    /// that all share their top byte (nothing to split), keys whose top byte alone differs,
    /// and splits of every size, below the comparison sort's and above.
    #[test]
    fn large_arrays_sort_as_a_stable_sort_by_key() {
        let n = 3 * SPLIT;
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let random: Vec<u64> = (0..n)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state
            })
            .collect();
        let patterns: [fn(usize, u64) -> u32; 4] = [
            |_, r| ((r % 5000) as u32).wrapping_mul(0x9e37_79b9),
            |_, r| (r as u32).wrapping_mul(0x9e37_79b9) | 0xff << 24,
            |i, _| ((i % 7) as u32) << 24,
            |i, _| (((i * i) % 251) as u32) << 24 | (i % 300) as u32,
        ];
        for pattern in patterns {
            let items: Vec<(u32, usize)> = (0..n).map(|i| (pattern(i, random[i]), i)).collect();
            let mut sorted = items.clone();
            sort_by_hash_key(&mut sorted, |item| item.0);
            assert_eq!(sorted, stable_sort(&items));
        }
    }
}
