//! Sorting by hashed 64-bit keys, a byte at a time.

/// Below this many items a comparison sort is as fast.
const SMALL: usize = 256;

/// Sorts `items` by `key`, keeping the order of items with equal keys: a radix sort from
/// the least significant byte, which skips the bytes every key shares. Band keys and
/// fingerprints are hashes, whose bytes spread evenly: each item is moved eight times at
/// most where a comparison sort compares it some twenty times. It takes a second buffer
/// as large as `items`.
pub(super) fn sort_by_hash_key<T: Copy>(items: &mut Vec<T>, key: impl Fn(&T) -> u64) {
    if items.len() < SMALL {
        items.sort_by_key(&key);
        return;
    }
    let mut from = std::mem::take(items);
    let mut to = from.clone();
    for shift in (0..u64::BITS).step_by(8) {
        let digit = |item: &T| ((key(item) >> shift) & 0xff) as usize;
        let mut starts = [0usize; 256];
        for item in &from {
            starts[digit(item)] += 1;
        }
        if starts.contains(&from.len()) {
            continue;
        }
        let mut total = 0;
        for start in &mut starts {
            (*start, total) = (total, total + *start);
        }
        for item in &from {
            let slot = &mut starts[digit(item)];
            to[*slot] = *item;
            *slot += 1;
        }
        std::mem::swap(&mut from, &mut to);
    }
    *items = from;
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

    proptest::proptest! {
        /// The order of a stable sort by the key, above and below the size where the
        /// comparison sort takes over, with keys that share bytes and keys that repeat.
        #[test]
        fn sorts_as_a_stable_sort_by_key(
            keys in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::num::u64::ANY,
                    (0u64..4).prop_map(|k| k << 40),
                    proptest::num::u8::ANY.prop_map(u64::from),
                ],
                0..2 * SMALL,
            )
        ) {
            let items: Vec<(u64, usize)> = keys.into_iter().enumerate().map(|(i, k)| (k, i)).collect();
            let mut expected = items.clone();
            expected.sort_by_key(|item| item.0);
            let mut sorted = items;
            sort_by_hash_key(&mut sorted, |item| item.0);
            proptest::prop_assert_eq!(sorted, expected);
        }
    }
}
