//! One stable sort shared by the whole crate, for the size of the site's `.wasm`.
//!
//! The standard library's stable sort (`sort`, `sort_by_key`, and the sort inside
//! `collect()` into a `BTreeMap`) is generic: each element type and comparator gets its own
//! copy of about 3 KB of WebAssembly. The functions here sort a list of positions instead,
//! through a single copy of that sort with the comparison behind `&mut dyn FnMut`, then move
//! the elements into that order. The result is exactly the standard stable sort's (equal
//! elements keep their order); only the code is shared. Sorting is a small share of the
//! engine's work, so the indirection costs nothing measurable.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// Sorts `v` like `v.sort_by(cmp)`: stable, equal elements keep their order.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let order = stable_order(v.len(), &mut |i, j| cmp(&v[i], &v[j]));
    permute(v, order);
}

/// Sorts `v` like `v.sort_by_key(key)`: stable, equal keys keep their order.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` like `v.sort()`.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The map of `pairs`, like `pairs.into_iter().collect()` (a later value for a key replaces
/// an earlier one) but by insertions, without `collect()`'s sort of the pairs.
pub fn map_of<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    map.extend(pairs);
    map
}

/// The set of `items`, like `items.into_iter().collect()`, by insertions.
pub fn set_of<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    set.extend(items);
    set
}

/// The positions `0..n` in the order `cmp` puts them, ties in ascending position: the one
/// copy of the standard stable sort.
#[inline(never)]
fn stable_order(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&i, &j| cmp(i, j));
    order
}

/// Rearranges `v` so that `v[i]` becomes the old `v[order[i]]`, by swaps along each cycle of
/// the permutation.
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut at = start;
        loop {
            let from = order[at];
            order[at] = at;
            if from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same result as the standard stable sort, ties included, over many small lists.
    #[test]
    fn matches_the_standard_stable_sort() {
        let mut seed = 7u64;
        for len in 0..40 {
            for _ in 0..25 {
                let v: Vec<(u8, usize)> = (0..len)
                    .map(|i| {
                        seed = seed
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        (((seed >> 33) % 5) as u8, i)
                    })
                    .collect();
                let mut ours = v.clone();
                let mut std = v.clone();
                sort_by_key(&mut ours, |p| p.0);
                std.sort_by_key(|p| p.0);
                assert_eq!(ours, std);
                let mut ours = v.clone();
                let mut std = v;
                let odd_first = |a: &(u8, usize), b: &(u8, usize)| {
                    (b.0 % 2).cmp(&(a.0 % 2)).then(b.0.cmp(&a.0))
                };
                sort_by(&mut ours, odd_first);
                std.sort_by(odd_first);
                assert_eq!(ours, std);
            }
        }
    }

    #[test]
    fn map_of_keeps_the_last_value_as_collect_does() {
        let pairs = [(2, "a"), (1, "b"), (2, "c")];
        let collected: BTreeMap<i32, &str> = pairs.into_iter().collect();
        assert_eq!(map_of(pairs), collected);
        assert_eq!(set_of([3, 1, 3]), BTreeSet::from([1, 3]));
    }

    #[test]
    fn sorts_by_ord() {
        let mut v = vec!["b", "a", "c", "a"];
        sort(&mut v);
        assert_eq!(v, ["a", "a", "b", "c"]);
    }
}
