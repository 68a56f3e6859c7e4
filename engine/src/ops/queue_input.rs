//! `QueueInputDStream` (`ssc.queueStream(queue, oneAtATime = true, defaultRDD = null)`): each
//! batch dequeues one RDD (`oneAtATime`), or every RDD in the queue as one `UnionRDD` (not
//! `oneAtATime`); when the queue is empty, the `defaultRDD` if given, else an empty RDD. The
//! queue is read at generation time, only for the times some output asks for, and holds what
//! the driver enqueued before that time: a driver that sleeps between enqueues after
//! `ssc.start()` (Spark's `QueueStream` example) feeds later batches.

use std::collections::VecDeque;
use std::rc::Rc;

use crate::exec::{Exn, Runtime};
use crate::graph::{NodeId, NodeKind};
use crate::rdd::{Rdd, RddKind};
use crate::time::{Duration, Time};

/// The program's `mutable.Queue[RDD[T]]` (a `scala::queue::QueueObj`'s items): each RDD with
/// the driver's time when it was enqueued (0 before `ssc.start()`; later, the time the
/// driver's `Thread.sleep`s reached).
pub type Queue = crate::scala::queue::Items;

/// `ssc.queueStream(queue, oneAtATime, defaultRDD)`.
pub fn new(
    rt: &mut Runtime,
    batch: Duration,
    queue: Queue,
    one_at_a_time: bool,
    default: Option<Rc<Rdd>>,
) -> NodeId {
    rt.graph.add(
        "QueueInputDStream",
        "queueStream",
        Vec::new(),
        batch,
        NodeKind::QueueInput(queue, one_at_a_time, default),
    )
}

/// Dequeue one RDD or all of them, or give the default or an empty one.
pub fn compute(
    rt: &mut Runtime,
    queue: &std::cell::RefCell<VecDeque<(i64, crate::value::Value)>>,
    one_at_a_time: bool,
    default: Option<Rc<Rdd>>,
    t: Time,
) -> Result<Option<Rc<Rdd>>, Exn> {
    // What the driver had enqueued before the batch's time.
    let mut taken: Vec<Rc<Rdd>> = {
        let mut q = queue.borrow_mut();
        let ready = q.iter().take_while(|(at, _)| *at < t.0).count();
        let n = if one_at_a_time { ready.min(1) } else { ready };
        q.drain(..n).map(|(_, r)| r).collect::<Vec<_>>()
    }
    .into_iter()
    .map(|v| {
        crate::scala::interp::as_rdd(&v).ok_or_else(|| {
            Exn::unsupported(format!(
                "type mismatch in queueStream: found a Queue of {}, required a Queue of RDDs",
                v.type_name()
            ))
        })
    })
    .collect::<Result<_, _>>()?;
    Ok(Some(if taken.is_empty() {
        match default {
            Some(d) => d,
            None => Rdd::source(rt, vec![Vec::new()]),
        }
    } else if one_at_a_time {
        taken.swap_remove(0)
    } else {
        Rdd::new(rt, RddKind::union(taken), None)
    }))
}
