//! One sort for every list the app puts in order.
//!
//! Each `sort_by` or `sort_unstable` on another element type or comparison is another copy of
//! the standard library's sort in the wasm (2–5 KB each; there were some twenty). Here the
//! standard sort is instantiated once, on positions, with the comparison behind a reference;
//! the list is then put in that order in place. The order is exactly `sort_by`'s: stable, so
//! elements that compare equal keep their order (where the code sorted unstably, the comparison
//! is total or equal elements are equal in full, so the result is the same).

use std::cmp::Ordering;

/// Sorts `list` by `compare`, as `slice::sort_by` does (stable).
pub fn sort_by<T>(list: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let mut order = positions(list.len(), &|a, b| compare(&list[a], &list[b]));
    permute(&mut order, &mut |a, b| list.swap(a, b));
}

/// Sorts `list` in its natural order, as `slice::sort` does.
pub fn sort<T: Ord>(list: &mut [T]) {
    sort_by(list, T::cmp)
}

/// The positions `0..len` in the order of the elements there (stable): the one copy of the
/// standard sort.
fn positions(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Puts the element at `order[k]` at position `k`, for every `k`, by swaps: each cycle of
/// the permutation is followed once (a position done is marked by pointing at itself).
fn permute(order: &mut [usize], swap: &mut dyn FnMut(usize, usize)) {
    for start in 0..order.len() {
        let mut k = start;
        loop {
            let from = order[k];
            order[k] = k;
            if from == start || from == k {
                break;
            }
            swap(k, from);
            k = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn equal_elements_keep_their_order() {
        let mut list = vec![(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd'), (0, 'e')];
        sort_by(&mut list, |a, b| a.0.cmp(&b.0));
        assert_eq!(list, [(0, 'e'), (1, 'b'), (1, 'd'), (2, 'a'), (2, 'c')]);
        let mut empty: Vec<u8> = Vec::new();
        sort(&mut empty);
        assert!(empty.is_empty());
    }

    proptest! {
        #[test]
        fn sorts_as_the_standard_stable_sort(list in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            let mut ours = list.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut theirs = list.clone();
            theirs.sort_by_key(|a| a.0);
            prop_assert_eq!(&ours, &theirs);
            let mut whole = list.clone();
            sort(&mut whole);
            theirs.sort();
            prop_assert_eq!(whole, theirs);
        }
    }
}
