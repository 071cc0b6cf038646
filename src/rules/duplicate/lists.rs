//! Lists of numbers kept flat: the items of all lists in one allocation.

/// Lists of numbers, flat: the items of all lists in one allocation, and where each list
/// starts in another. They hold the fingerprints of each document and each document's
/// places in the lists of linking fingerprints (see `linking`): millions of lists
/// on a large corpus, which, each allocated apart, would leave their memory behind in
/// holes between later allocations once freed; a large allocation is given back whole.
#[derive(Debug, Default)]
pub(super) struct Lists {
    starts: Vec<usize>,
    items: Vec<u32>,
}

impl Lists {
    /// Adds `list` after the others.
    pub(super) fn push(&mut self, list: impl IntoIterator<Item = u32>) {
        self.starts.push(self.items.len());
        self.items.extend(list);
    }

    /// Frees the room kept for more lists.
    pub(super) fn shrink_to_fit(&mut self) {
        self.starts.shrink_to_fit();
        self.items.shrink_to_fit();
    }

    pub(super) fn len(&self) -> usize {
        self.starts.len()
    }

    pub(super) fn get(&self, list: usize) -> &[u32] {
        &self.items[self.starts[list]..self.ends(list)]
    }

    /// Keeps the items of list `list` for which `keep(list, item)` holds, in place.
    pub(super) fn retain(&mut self, keep: impl Fn(usize, u32) -> bool) {
        let mut kept = 0;
        for list in 0..self.len() {
            let (start, end) = (self.starts[list], self.ends(list));
            self.starts[list] = kept;
            for at in start..end {
                let item = self.items[at];
                if keep(list, item) {
                    self.items[kept] = item;
                    kept += 1;
                }
            }
        }
        self.items.truncate(kept);
    }

    fn ends(&self, list: usize) -> usize {
        self.starts
            .get(list + 1)
            .copied()
            .unwrap_or(self.items.len())
    }

    /// The items of all lists, in order.
    pub(super) fn items(&self) -> &[u32] {
        &self.items
    }

    /// The lists whose starts are `starts` in `items`.
    pub(super) fn from_parts(starts: Vec<usize>, items: Vec<u32>) -> Self {
        Self { starts, items }
    }
}

#[cfg(test)]
impl From<Vec<Vec<u32>>> for Lists {
    fn from(lists: Vec<Vec<u32>>) -> Self {
        let mut flat = Lists::default();
        for list in lists {
            flat.push(list);
        }
        flat
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_keep_their_bounds_when_items_are_dropped() {
        let mut lists = Lists::from(vec![vec![1, 2, 3], vec![], vec![4, 5], vec![6]]);
        lists.retain(|list, item| list == 3 || item % 2 == 1);
        let kept: Vec<&[u32]> = (0..lists.len()).map(|list| lists.get(list)).collect();
        assert_eq!(kept, [&[1, 3][..], &[], &[5], &[6]]);
    }
}
