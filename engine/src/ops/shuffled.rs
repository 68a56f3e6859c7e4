//! `ShuffledDStream` (`reduceByKey`, `groupByKey`, `combineByKey`, and what is built on them):
//! `combineByKey` on each batch's RDD. `n` values of a key in a batch cost exactly `n − 1`
//! calls of `reduceFunc`, split between the map side (`mergeValue`) and the reduce side
//! (`mergeCombiners`); the first value of each key goes through Spark's own `createCombiner`.

use std::rc::Rc;

use crate::exec::{Exn, Runtime};
use crate::graph::{get_or_compute, NodeId, NodeKind};
use crate::rdd::{combine_by_key, Aggregator, Partitioner, Rdd};
use crate::time::Time;

/// `combineByKey(agg, partitioner, mapSideCombine)` on `parent`, named `op`.
pub fn new(
    rt: &mut Runtime,
    parent: NodeId,
    agg: Aggregator,
    partitioner: Partitioner,
    map_side_combine: bool,
    op: &str,
) -> NodeId {
    let slide = rt.graph.nodes[parent].slide;
    rt.graph.add(
        "ShuffledDStream",
        op,
        vec![parent],
        slide,
        NodeKind::Shuffled {
            agg,
            partitioner,
            map_side_combine,
        },
    )
}

/// The parent's RDD at `t`, combined by key.
pub fn compute(
    rt: &mut Runtime,
    parent: NodeId,
    agg: Aggregator,
    partitioner: Partitioner,
    map_side_combine: bool,
    t: Time,
) -> Result<Option<Rc<Rdd>>, Exn> {
    Ok(get_or_compute(rt, parent, t)?
        .map(|r| combine_by_key(rt, &r, agg, partitioner, map_side_combine)))
}
