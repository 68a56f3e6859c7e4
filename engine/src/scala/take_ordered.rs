//! `rdd.takeOrdered(n)(ord)` and `rdd.top(n)(ord)` (`takeOrdered(n)(ord.reverse)`) as Spark
//! 4.3 runs them, so that equal elements come out in Spark's order: each non-empty partition's
//! `n` least by Guava's `Ordering.leastOf` (a `TopKSelector`: a buffer of `2n` cut by
//! quickselect when full, sorted at the end), as an array (partition 0 gives an empty one when
//! empty, the others nothing); the arrays merged two at a time by `reduce`, each merge Guava's
//! `Iterators.mergeSorted` (its heap of the two arrays breaks ties by the array's index, so
//! equal elements come from the first array first), cut to `n`.

use std::cmp::Ordering;

use crate::exec::{Exn, Runtime};
use crate::value::Value;

/// A comparison that may run the program's code (an `Ordering` it wrote) and fail.
pub type Cmp<'a> = dyn FnMut(&mut Runtime, &Value, &Value) -> Result<Ordering, Exn> + 'a;

/// Guava's `TopKSelector.least(k, cmp)` offered `items`, then `topK()`: the `k` least, sorted.
pub fn least_of(
    rt: &mut Runtime,
    items: Vec<Value>,
    k: usize,
    cmp: &mut Cmp,
) -> Result<Vec<Value>, Exn> {
    if k == 0 || items.is_empty() {
        return Ok(Vec::new());
    }
    let mut buffer: Vec<Value> = Vec::with_capacity(2 * k);
    let mut threshold: Option<Value> = None;
    for elem in items {
        match &threshold {
            None => {
                threshold = Some(elem.clone());
                buffer.push(elem);
            }
            Some(t) if buffer.len() < k => {
                if cmp(rt, &elem, t)? == Ordering::Greater {
                    threshold = Some(elem.clone());
                }
                buffer.push(elem);
            }
            Some(t) => {
                // Not better than the k-th best seen: ignored (an equal one too).
                if cmp(rt, &elem, t)? == Ordering::Less {
                    buffer.push(elem);
                    if buffer.len() == 2 * k {
                        threshold = Some(trim(rt, &mut buffer, k, cmp)?);
                    }
                }
            }
        }
    }
    sort(rt, &mut buffer, cmp)?;
    buffer.truncate(k);
    Ok(buffer)
}

/// `TopKSelector.trim`: quickselect (pivot in the middle, at most `3 * log2` rounds, then a
/// sort) until the `k` least are first; keeps them and returns the new threshold, the
/// greatest of them from the leftmost place it may be.
fn trim(rt: &mut Runtime, buf: &mut Vec<Value>, k: usize, cmp: &mut Cmp) -> Result<Value, Exn> {
    let (mut left, mut right) = (0usize, 2 * k - 1);
    let mut min_threshold_position = 0;
    let mut iterations = 0;
    let span = (right - left) as u32;
    // `IntMath.log2(right - left, CEILING) * 3`.
    let max_iterations = (u32::BITS - (span - 1).leading_zeros()) * 3;
    while left < right {
        // `(left + right + 1) >>> 1`.
        let pivot_index = (left + right).div_ceil(2);
        let pivot_new = partition(rt, buf, left, right, pivot_index, cmp)?;
        if pivot_new > k {
            right = pivot_new - 1;
        } else if pivot_new < k {
            left = pivot_new.max(left + 1);
            min_threshold_position = pivot_new;
        } else {
            break;
        }
        iterations += 1;
        if iterations >= max_iterations {
            sort(rt, &mut buf[left..=right], cmp)?;
            break;
        }
    }
    buf.truncate(k);
    let mut threshold = buf[min_threshold_position].clone();
    for v in &buf[min_threshold_position + 1..k] {
        if cmp(rt, v, &threshold)? == Ordering::Greater {
            threshold = v.clone();
        }
    }
    Ok(threshold)
}

/// `TopKSelector.partition`: Lomuto's, the pivot moved to `right` first.
fn partition(
    rt: &mut Runtime,
    buf: &mut [Value],
    left: usize,
    right: usize,
    pivot_index: usize,
    cmp: &mut Cmp,
) -> Result<usize, Exn> {
    let pivot = buf[pivot_index].clone();
    buf[pivot_index] = buf[right].clone();
    let mut new_index = left;
    for i in left..right {
        if cmp(rt, &buf[i], &pivot)? == Ordering::Less {
            buf.swap(new_index, i);
            new_index += 1;
        }
    }
    buf[right] = buf[new_index].clone();
    buf[new_index] = pivot;
    Ok(new_index)
}

/// A stable sort by `cmp` (Java's `Arrays.sort` of objects); the first failure is the error.
fn sort(rt: &mut Runtime, items: &mut [Value], cmp: &mut Cmp) -> Result<(), Exn> {
    let mut failed = None;
    crate::sort::sort_by(items, |a, b| {
        if failed.is_some() {
            return Ordering::Equal;
        }
        cmp(rt, a, b).unwrap_or_else(|e| {
            failed = Some(e);
            Ordering::Equal
        })
    });
    failed.map_or(Ok(()), Err)
}

/// A partition's task: `None` where it is empty (but partition 0's, an empty array), else
/// its `n` least by `cmp`, sorted.
pub fn partition_least(
    rt: &mut Runtime,
    partition: usize,
    items: Vec<Value>,
    n: usize,
    cmp: &mut Cmp,
) -> Result<Option<Vec<Value>>, Exn> {
    if items.is_empty() {
        return Ok((partition == 0).then(Vec::new));
    }
    least_of(rt, items, n, cmp).map(Some)
}

/// The driver's part: the tasks' arrays (in the order the tasks finish) merged by `reduce`.
pub fn merge(
    rt: &mut Runtime,
    arrays: Vec<Vec<Value>>,
    n: usize,
    cmp: &mut Cmp,
) -> Result<Vec<Value>, Exn> {
    let mut arrays = arrays.into_iter();
    let mut acc = arrays.next().unwrap_or_default();
    for next in arrays {
        // Both sorted; Guava's merge takes equal elements from the first array first.
        acc.extend(next);
        sort(rt, &mut acc, cmp)?;
        acc.truncate(n);
    }
    Ok(acc)
}
