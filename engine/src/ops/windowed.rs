//! `WindowedDStream` (`window(W, S)`): at each multiple of the slide, the union of the
//! parent's RDDs in `(t − W, t]`. The first windows are partial. Building it persists the
//! parent; a window or slide that is not a multiple of the parent's slide fails right away
//! with Spark's `java.lang.Exception`.

use std::rc::Rc;

use crate::exec::{Exn, Runtime};
use crate::graph::{slice, NodeId, NodeKind};
use crate::rdd::{self, Rdd};
use crate::time::{Duration, Time};
use crate::trace::WindowTrace;

/// `parent.window(window, slide)`.
pub fn new(
    rt: &mut Runtime,
    parent: NodeId,
    window: Duration,
    slide: Duration,
) -> Result<NodeId, Exn> {
    let ps = rt.graph.nodes[parent].slide;
    if !window.is_multiple_of(ps).ok_or_else(Exn::by_zero)? {
        return Err(Exn::new(
            "java.lang.Exception",
            format!("The window duration of windowed DStream ({window}) must be a multiple of the slide duration of parent DStream ({ps})"),
        ));
    }
    if !slide.is_multiple_of(ps).ok_or_else(Exn::by_zero)? {
        return Err(Exn::new(
            "java.lang.Exception",
            format!("The slide duration of windowed DStream ({slide}) must be a multiple of the slide duration of parent DStream ({ps})"),
        ));
    }
    rt.graph.nodes[parent].persist = true;
    let id = rt.graph.add(
        "WindowedDStream",
        "window",
        vec![parent],
        slide,
        NodeKind::Windowed { window },
    );
    rt.graph.nodes[id].window = Some(window);
    Ok(id)
}

/// The union of the parent's RDDs in the window ending at `t`.
pub fn compute(
    rt: &mut Runtime,
    id: NodeId,
    parent: NodeId,
    window: Duration,
    t: Time,
) -> Result<Option<Rc<Rdd>>, Exn> {
    let ps = rt.graph.nodes[parent].slide;
    let in_window = slice(rt, parent, t - window + ps, t)?;
    let slide = rt.graph.nodes[id].slide;
    record_window(
        rt,
        id,
        in_window.iter().map(|(t, _)| t.0).collect(),
        window,
        slide,
        ps,
        t,
    );
    let rdds = in_window.into_iter().map(|(_, r)| r).collect();
    Ok(Some(rdd::union(rt, rdds)))
}

/// Note in the trace which batches the window at `t` holds, which entered and which left
/// since the window at `t − slide`.
pub fn record_window(
    rt: &mut Runtime,
    id: NodeId,
    batches: Vec<i64>,
    window: Duration,
    slide: Duration,
    ps: Duration,
    t: Time,
) {
    let zero = rt.graph.zero.0;
    let prev_from = t.0 - slide.0 - window.0 + ps.0;
    let prev_to = t.0 - slide.0;
    let in_prev = |b: i64| b > zero && b >= prev_from && b <= prev_to && (b - zero) % ps.0 == 0;
    let entered: Vec<i64> = batches.iter().copied().filter(|&b| !in_prev(b)).collect();
    let mut left = Vec::new();
    let mut b = prev_from.max(zero + ps.0);
    // (A parent with a negative slide has empty windows, see `graph::slice`: nothing left.)
    while ps.0 > 0 && b <= prev_to {
        if !batches.contains(&b) && (b - zero) % ps.0 == 0 {
            left.push(b);
        }
        b += ps.0;
    }
    let stream = rt.graph.nodes[id].op.clone();
    rt.cur.windows.push(WindowTrace {
        stream,
        batches,
        entered,
        left,
    });
}
