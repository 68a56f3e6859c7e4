//! DStream operators, one file per Spark class, named as in Spark's `dstream/` package.
//!
//! Each file has a constructor (what the DStream method does when the program calls it:
//! checks, persistence, parents) and `compute(t)` (what the class's `compute` does at batch
//! time `t`). `compute` here dispatches on the node's kind.

use std::rc::Rc;

use crate::exec::{Exn, Runtime};
use crate::graph::{NodeId, NodeKind};
use crate::rdd::Rdd;
use crate::time::Time;

pub mod direct_kafka_input;
pub mod for_each;
pub mod map_with_state;
pub mod mapped;
pub mod queue_input;
pub mod reduced_windowed;
pub mod save_as_text_files;
pub mod shuffled;
pub mod socket_input;
pub mod state;
pub mod transformed;
pub mod union;
pub mod windowed;

/// `compute(t)` of stream `id`.
pub fn compute(rt: &mut Runtime, id: NodeId, t: Time) -> Result<Option<Rc<Rdd>>, Exn> {
    let kind = rt.graph.nodes[id].kind.clone();
    let parents = rt.graph.nodes[id].parents.clone();
    match kind {
        NodeKind::SocketInput => socket_input::compute(rt, id, t),
        NodeKind::QueueInput(q, one, default) => queue_input::compute(rt, &q, one, default, t),
        NodeKind::TestInput(data, n) => {
            let b = rt.graph.nodes[id].slide.0.max(1);
            let i = ((t.0 - rt.graph.zero.0) / b - 1) as usize;
            Ok(match data.get(i) {
                Some(Some(items)) => Some(Rdd::parallelize(rt, items.clone(), n)),
                Some(None) => None,
                None => Some(Rdd::parallelize(rt, Vec::new(), n)),
            })
        }
        NodeKind::Mapped(op) => mapped::compute(rt, parents[0], op, t),
        NodeKind::Union => union::compute(rt, &parents, t),
        NodeKind::Transformed(f) => {
            transformed::compute(rt, &parents, transformed::Transform::User(f), t)
        }
        NodeKind::TransformedNative(f) => {
            transformed::compute(rt, &parents, transformed::Transform::Native(f), t)
        }
        NodeKind::Shuffled {
            agg,
            partitioner,
            map_side_combine,
        } => shuffled::compute(rt, parents[0], agg, partitioner, map_side_combine, t),
        NodeKind::Windowed { window } => windowed::compute(rt, id, parents[0], window, t),
        NodeKind::ReducedWindowed {
            reduce,
            inv,
            filter,
            window,
            partitioner,
        } => reduced_windowed::compute(
            rt,
            id,
            parents[0],
            (reduce, inv, filter),
            window,
            partitioner,
            t,
        ),
        NodeKind::State {
            update,
            partitioner,
            initial,
        } => state::compute(rt, id, parents[0], update, partitioner, initial, t),
        NodeKind::MapWithStateInternal(spec, p) => {
            map_with_state::compute_internal(rt, id, parents[0], spec, p, t)
        }
        NodeKind::MapWithStateOut(snapshots) => {
            map_with_state::compute_out(rt, parents[0], snapshots, t)
        }
        NodeKind::ForEach(_) => Ok(None),
        NodeKind::DirectKafka(s) => direct_kafka_input::compute(rt, id, &s, t),
    }
}
