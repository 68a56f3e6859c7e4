//! `MappedDStream`, `FlatMappedDStream`, `FilteredDStream`, `MapValuedDStream`,
//! `FlatMapValuedDStream`, `MapPartitionedDStream`, `GlommedDStream`: one narrow RDD
//! transformation per batch, with the parent's slide.

use std::rc::Rc;

use crate::exec::{Exn, Runtime};
use crate::graph::{get_or_compute, NodeId, NodeKind};
use crate::rdd::{Narrow, Rdd};
use crate::time::Time;

/// A narrow transformation of `parent`.
pub fn new(rt: &mut Runtime, parent: NodeId, op: Narrow) -> NodeId {
    let (class, name) = match &op {
        Narrow::Map(..) => ("MappedDStream", "map"),
        Narrow::FlatMap(..) => ("FlatMappedDStream", "flatMap"),
        Narrow::Filter(..) => ("FilteredDStream", "filter"),
        Narrow::MapValues(_) => ("MapValuedDStream", "mapValues"),
        Narrow::FlatMapValues(_) => ("FlatMapValuedDStream", "flatMapValues"),
        Narrow::MapPartitions(_) | Narrow::MapPartitionsWithIndex(_) => {
            ("MapPartitionedDStream", "mapPartitions")
        }
        Narrow::Glom => ("GlommedDStream", "glom"),
        Narrow::Native(_) | Narrow::CoGroupHeads(_) => ("MappedDStream", "map"),
    };
    let slide = rt.graph.nodes[parent].slide;
    rt.graph
        .add(class, name, vec![parent], slide, NodeKind::Mapped(op))
}

/// The parent's RDD at `t`, transformed.
pub fn compute(
    rt: &mut Runtime,
    parent: NodeId,
    op: Narrow,
    t: Time,
) -> Result<Option<Rc<Rdd>>, Exn> {
    Ok(get_or_compute(rt, parent, t)?.map(|r| r.narrow(rt, op)))
}
