//! `UnionDStream` (`a.union(b)`, `ssc.union(streams)`): the parents' RDDs at `t`, united.
//! All parents must have the same slide, and each must have an RDD at `t`.

use std::rc::Rc;

use crate::exec::{Exn, Runtime};
use crate::graph::{get_or_compute, NodeId, NodeKind};
use crate::rdd::{self, Rdd};
use crate::time::Time;

/// `union` of `parents`.
pub fn new(rt: &mut Runtime, parents: Vec<NodeId>) -> Result<NodeId, Exn> {
    let slide = rt.graph.one_slide(&parents, "array")?;
    Ok(rt
        .graph
        .add("UnionDStream", "union", parents, slide, NodeKind::Union))
}

/// The union of the parents' RDDs.
pub fn compute(rt: &mut Runtime, parents: &[NodeId], t: Time) -> Result<Option<Rc<Rdd>>, Exn> {
    let mut rdds = Vec::new();
    for &p in parents {
        match get_or_compute(rt, p, t)? {
            Some(r) => rdds.push(r),
            None => {
                return Err(Exn::spark(format!(
                    "Could not generate RDD from a parent for unifying at time {t}"
                )));
            }
        }
    }
    Ok(Some(rdd::union(rt, rdds)))
}
