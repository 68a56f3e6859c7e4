//! `StateDStream` (`updateStateByKey`): the state after each batch is the previous state
//! cogrouped with the batch's values, with `updateFunc` called for **every key in either**:
//! every key that has state, every batch, whether or not it got data. Returning `None`
//! removes the key. The first batch groups the data alone (only keys with data are called).
//! The iterator form (`it => ...` with a partitioner) is called once a partition with every
//! key's `(key, values, state)`, and the pairs it gives back are the state.

use std::rc::Rc;

use crate::exec::{Exn, Runtime};
use crate::graph::{get_or_compute, NodeId, NodeKind, StateUpdate};
use crate::rdd::VecIter;
use crate::rdd::{cogroup, combine_by_key, Aggregator, Narrow, Partitioner, Rdd};
use crate::scala::interp::{iterate, time_value, IterObj};
use crate::time::Time;
use crate::value::{SeqKind, Value};

/// `parent.updateStateByKey(update, partitioner, initialRDD)`.
pub fn new(
    rt: &mut Runtime,
    parent: NodeId,
    update: StateUpdate,
    partitioner: Partitioner,
    initial: Option<Rc<Rdd>>,
) -> NodeId {
    let slide = rt.graph.nodes[parent].slide;
    let id = rt.graph.add(
        "StateDStream",
        "updateStateByKey",
        vec![parent],
        slide,
        NodeKind::State {
            update,
            partitioner,
            initial,
        },
    );
    let n = &mut rt.graph.nodes[id];
    n.persist = true;
    n.must_checkpoint = true;
    id
}

/// The state after the batch at `t`.
pub fn compute(
    rt: &mut Runtime,
    id: NodeId,
    parent: NodeId,
    update: StateUpdate,
    partitioner: Partitioner,
    initial: Option<Rc<Rdd>>,
    t: Time,
) -> Result<Option<Rc<Rdd>>, Exn> {
    let slide = rt.graph.nodes[id].slide;
    crate::graph::previous_is_later(rt, id, t)?;
    let prev = get_or_compute(rt, id, t - slide)?;
    let data = get_or_compute(rt, parent, t)?;
    // `parent.cogroup(state, partitioner)`: a `CoGroupedRDD`, then the `mapValues` that
    // `PairRDDFunctions.cogroup` adds (an RDD of its own, with its id).
    let cogrouped = |rt: &mut Runtime, parents: Vec<Rc<Rdd>>| {
        let cg = cogroup(rt, parents, partitioner.clone());
        cg.narrow(
            rt,
            Narrow::Native(Rc::new(|_rt: &mut Runtime, _p, recs| Ok(recs))),
        )
    };
    let (input, shape) = match (prev, data) {
        (Some(prev), Some(data)) => (cogrouped(rt, vec![data, prev]), Shape::CoGrouped),
        (Some(prev), None) => (prev, Shape::StateOnly),
        (None, Some(data)) => match initial {
            Some(init) => (cogrouped(rt, vec![data, init]), Shape::CoGrouped),
            None => (
                combine_by_key(rt, &data, Aggregator::group(), partitioner, false),
                Shape::Grouped,
            ),
        },
        (None, None) => return Ok(None),
    };
    let keep = !matches!(update, StateUpdate::Iterator(_, false));
    let op = Narrow::Native(Rc::new(move |rt: &mut Runtime, _p, recs: Vec<Value>| {
        let mut out = Vec::new();
        let mut triples = Vec::new();
        for rec in recs {
            let Some((k, v)) = rec.as_pair().map(|(k, v)| (k.clone(), v.clone())) else {
                continue;
            };
            let (values, state) = match shape {
                Shape::CoGrouped => {
                    let groups = v.as_seq().map(<[Value]>::to_vec).unwrap_or_default();
                    let values = groups
                        .first()
                        .and_then(|g| g.as_seq())
                        .map(<[Value]>::to_vec)
                        .unwrap_or_default();
                    let state = groups
                        .get(1)
                        .and_then(|g| g.as_seq())
                        .and_then(|s| s.first().cloned());
                    (values, state)
                }
                Shape::Grouped => (v.as_seq().map(<[Value]>::to_vec).unwrap_or_default(), None),
                Shape::StateOnly => (Vec::new(), Some(v)),
            };
            // The values as Spark hands them over: the cogroup's or `groupByKey`'s
            // `CompactBuffer` (printed `Seq(1, 1)`), or `Seq.empty` (`List()`) when the parent
            // has no RDD at this time (Spark 4.3, oracle).
            let kind = match shape {
                Shape::CoGrouped | Shape::Grouped => SeqKind::CompactBuffer,
                Shape::StateOnly => SeqKind::List,
            };
            let values = Value::Seq(kind, Rc::new(values));
            let state = Value::option(state);
            if let StateUpdate::Iterator(..) = &update {
                triples.push(Value::Tuple(Rc::from([k, values, state])));
                continue;
            }
            let result = match &update {
                StateUpdate::Simple(f) => {
                    rt.call_user("updateFunc", Some(&k), f, &[values, state])?
                }
                StateUpdate::WithTime(f) => rt.call_user(
                    "updateFunc",
                    Some(&k),
                    f,
                    &[time_value(t), k.clone(), values, state],
                )?,
                StateUpdate::Iterator(..) => continue,
            };
            match result {
                Value::Some(s) => out.push(Value::pair(k, (*s).clone())),
                Value::None => {}
                other => {
                    return Err(Exn::new(
                        "java.lang.ClassCastException",
                        format!("{} cannot be cast to scala.Option (updateFunc must return Some(state) or None)", other.type_name()),
                    ))
                }
            }
        }
        if let StateUpdate::Iterator(f, _) = &update {
            let it = IterObj::wrap(VecIter::new(Rc::new(triples)));
            let result = rt.call_user("updateFunc", Some(&Value::Null), f, &[it])?;
            for pair in iterate(rt, &result)? {
                if pair.as_pair().is_none() {
                    return Err(Exn::new(
                        "scala.MatchError",
                        format!("{pair} (of class {})", pair.type_name()),
                    ));
                }
                out.push(pair);
            }
        }
        Ok(out)
    }));
    Ok(Some(if keep {
        input.narrow(rt, op)
    } else {
        input.narrow_with(rt, op, None)
    }))
}

#[derive(Clone, Copy)]
enum Shape {
    CoGrouped,
    Grouped,
    StateOnly,
}
