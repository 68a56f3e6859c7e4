//! `SocketInputDStream` (`ssc.socketTextStream(host, port)`): a receiver stream fed by the
//! scenario's `nc` lines.
//!
//! Its RDD at `t` is Spark's `BlockRDD` of the blocks allocated to `t`: one partition per
//! block. The engine decides the blocks (from stamped lines and the block interval, or the
//! scenario's `input_partitions`) and hands them over in `Runtime::feed`.

use std::rc::Rc;

use crate::exec::{Exn, Runtime};
use crate::graph::{NodeId, NodeKind};
use crate::rdd::Rdd;
use crate::time::Time;

/// `ssc.socketTextStream(host, port)`.
pub fn new(rt: &mut Runtime, batch: crate::time::Duration) -> NodeId {
    rt.graph.add(
        "SocketInputDStream",
        "socketTextStream",
        Vec::new(),
        batch,
        NodeKind::SocketInput,
    )
}

/// The blocks received for `t`.
pub fn compute(rt: &mut Runtime, _id: NodeId, t: Time) -> Result<Option<Rc<Rdd>>, Exn> {
    let parts = rt.feed.get(&t.0).cloned().unwrap_or_default();
    let rdd = Rdd::source(rt, parts);
    rdd.located.set(rt.blocks_located);
    rdd.class.set("BlockRDD");
    Ok(Some(rdd))
}
