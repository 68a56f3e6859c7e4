//! `ReducedWindowedDStream` (`reduceByKeyAndWindow` with `invReduceFunc`): the window's value
//! per key is the previous window's, minus what left, plus what entered.
//!
//! Per key, per window (Spark's `mergeValues`): the leaving batches' values are combined with
//! `reduceFunc` and subtracted with one `invReduceFunc` call; the entering ones are combined
//! with `reduceFunc` and added with one more. A key whose batches have all left keeps its
//! "zero" (`(k,0)`) forever unless `filterFunc` removes it, and a slide longer than the window
//! subtracts batches that were never added: Spark does both, and so does the engine.

use std::rc::Rc;

use crate::exec::{Exn, Func, Runtime};
use crate::graph::{get_or_compute, slice, NodeId, NodeKind};
use crate::ops::{shuffled, windowed};
use crate::rdd::{cogroup, Aggregator, CoHeads, Narrow, Partitioner, Rdd};
use crate::time::{Duration, Time};
use crate::value::Value;

/// `parent.reduceByKeyAndWindow(reduce, inv, window, slide, partitions, filter)`.
#[allow(clippy::too_many_arguments)]
pub fn new(
    rt: &mut Runtime,
    parent: NodeId,
    reduce: Func,
    inv: Func,
    window: Duration,
    slide: Duration,
    partitioner: Partitioner,
    filter: Option<Func>,
) -> Result<NodeId, Exn> {
    let ps = rt.graph.nodes[parent].slide;
    if !window.is_multiple_of(ps).ok_or_else(Exn::by_zero)? {
        return Err(Exn::require(format!(
            "The window duration of ReducedWindowedDStream ({window}) must be multiple of the slide duration of parent DStream ({ps})"
        )));
    }
    if !slide.is_multiple_of(ps).ok_or_else(Exn::by_zero)? {
        return Err(Exn::require(format!(
            "The slide duration of ReducedWindowedDStream ({slide}) must be multiple of the slide duration of parent DStream ({ps})"
        )));
    }
    // The per-batch pre-aggregation, persisted so each batch is reduced once.
    let reduced = shuffled::new(
        rt,
        parent,
        Aggregator::reduce(reduce.clone()),
        partitioner.clone(),
        true,
        "reduceByKey",
    );
    rt.graph.nodes[reduced].persist = true;
    let id = rt.graph.add(
        "ReducedWindowedDStream",
        "reduceByKeyAndWindow",
        vec![reduced],
        slide,
        NodeKind::ReducedWindowed {
            reduce,
            inv,
            filter,
            window,
            partitioner,
        },
    );
    let n = &mut rt.graph.nodes[id];
    n.persist = true;
    n.must_checkpoint = true;
    n.window = Some(window);
    Ok(id)
}

/// The window ending at `t`, from the previous window.
pub fn compute(
    rt: &mut Runtime,
    id: NodeId,
    reduced: NodeId,
    (reduce, inv, filter): (Func, Func, Option<Func>),
    window: Duration,
    partitioner: Partitioner,
    t: Time,
) -> Result<Option<Rc<Rdd>>, Exn> {
    let b = rt.graph.nodes[reduced].slide;
    let s = rt.graph.nodes[id].slide;
    let cur_begin = t - window + b;
    let prev_begin = cur_begin - s;
    let prev_end = t - s;
    if s.0 < 0 && rt.graph.is_time_valid(id, prev_end) {
        // A negative slide: the previous window ends after `t`, and its own previous one later
        // still, each valid, until Spark's stack overflows (its job generator dies there and
        // the batch never completes; oracle). Ours would overflow the page's stack.
        return Err(Exn::new("java.lang.StackOverflowError", ""));
    }
    let old = slice(rt, reduced, prev_begin, cur_begin - b)?;
    let new = slice(rt, reduced, prev_end + b, t)?;
    let prev = match get_or_compute(rt, id, prev_end)? {
        Some(r) => r,
        // `ssc.sc.makeRDD(Seq[(K, V)]())`: empty, in `defaultParallelism` slices.
        None => {
            let n = rt.conf.default_parallelism();
            Rdd::parallelize(rt, Vec::new(), n)
        }
    };
    let mut batches: Vec<i64> = Vec::new();
    // No batch is valid at or before zero: a window of decades starts its walk there.
    let mut bt = cur_begin.max(rt.graph.zero + b);
    while bt <= t {
        if rt.graph.is_time_valid(reduced, bt) {
            batches.push(bt.0);
        }
        bt = bt + b;
    }
    windowed::record_window(rt, id, batches, window, s, b, t);
    if let Some(w) = rt.cur.windows.last_mut() {
        w.entered = new.iter().map(|(t, _)| t.0).collect();
        w.left = old.iter().map(|(t, _)| t.0).collect();
    }
    let (num_old, num_new) = (old.len(), new.len());
    let mut parents = vec![prev];
    parents.extend(old.into_iter().map(|(_, r)| r));
    parents.extend(new.into_iter().map(|(_, r)| r));
    let grouped = cogroup(rt, parents, partitioner);
    let has_filter = filter.is_some();
    let merge = Narrow::CoGroupHeads(Rc::new(move |rt: &mut Runtime, _p, co: CoHeads| {
        let CoHeads {
            keys,
            mut heads,
            width,
        } = co;
        let mut out = Vec::with_capacity(keys.len());
        for (k, row) in keys {
            let groups = &mut heads[row * width..(row + 1) * width];
            let kv = merge_values(rt, k, groups, num_old, num_new, &reduce, &inv)?;
            let keep = match &filter {
                Some(f) => {
                    let k = kv.pair_key().cloned().unwrap_or(Value::Null);
                    rt.call_user("filterFunc", Some(&k), f, std::slice::from_ref(&kv))?
                        .as_bool()
                        == Some(true)
                }
                None => true,
            };
            if keep {
                out.push(kv);
            }
        }
        Ok(out)
    }));
    let merged = grouped.narrow(rt, merge);
    if !has_filter {
        return Ok(Some(merged));
    }
    // Spark's `mergedValuesRDD.filter(filterFunc)` is an RDD of its own (the filter runs
    // record by record above, as that RDD's pipelined iterator would run it).
    let part = merged.partitioner.clone();
    let same = Narrow::Native(Rc::new(|_rt: &mut Runtime, _p, recs: Vec<Value>| Ok(recs)));
    Ok(Some(merged.narrow_with(rt, same, part)))
}

/// Spark's `mergeValues` for one key, as the `(key, value)` record of the new window.
/// `groups` holds each buffer's first record (the previous window's, then the old batches',
/// then the new ones'); a key nothing left or entered keeps its record as it was.
fn merge_values(
    rt: &mut Runtime,
    key: Value,
    groups: &mut [Option<Value>],
    num_old: usize,
    num_new: usize,
    reduce: &Func,
    inv: &Func,
) -> Result<Value, Exn> {
    if groups.len() != 1 + num_old + num_new {
        return Err(Exn::new(
            "java.lang.Exception",
            "Unexpected number of sequences of reduced values",
        ));
    }
    let (prev, rest) = groups.split_at_mut(1);
    let (old, new) = rest.split_at_mut(num_old);
    let value = |rec: Value| rec.as_pair().map_or(Value::Null, |(_, v)| v.clone());
    // `reduceFunc` over the values present, left to right; `None` when there are none.
    let reduce_all = |rt: &mut Runtime, recs: &mut [Option<Value>]| -> Result<Option<Value>, Exn> {
        let mut it = recs.iter_mut().filter_map(Option::take).map(value);
        let Some(mut acc) = it.next() else {
            return Ok(None);
        };
        for v in it {
            acc = rt.call_user("reduceFunc", Some(&key), reduce, &[acc, v])?;
        }
        Ok(Some(acc))
    };
    match prev[0].take() {
        None => match reduce_all(rt, new)? {
            Some(v) => Ok(Value::pair(key, v)),
            None => Err(Exn::new(
                "java.lang.Exception",
                "Neither previous window has value for key, nor new values found. Are you sure your key class hashes consistently?",
            )),
        },
        Some(rec) => {
            let mut changed = None;
            if let Some(o) = reduce_all(rt, old)? {
                let v = value(rec.clone());
                changed = Some(rt.call_user("invReduceFunc", Some(&key), inv, &[v, o])?);
            }
            if let Some(n) = reduce_all(rt, new)? {
                let v = changed.take().unwrap_or_else(|| value(rec.clone()));
                changed = Some(rt.call_user("reduceFunc", Some(&key), reduce, &[v, n])?);
            }
            Ok(match changed {
                Some(v) => Value::pair(key, v),
                None => rec,
            })
        }
    }
}
