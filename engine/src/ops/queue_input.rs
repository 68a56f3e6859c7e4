//! `QueueInputDStream` (`ssc.queueStream(queue)`): each batch dequeues one RDD
//! (`oneAtATime`), or an empty RDD when the queue is empty. The queue is read at generation
//! time, only for the times some output asks for.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use crate::exec::{Exn, Runtime};
use crate::graph::{NodeId, NodeKind};
use crate::rdd::Rdd;
use crate::time::{Duration, Time};

/// `ssc.queueStream(queue, oneAtATime = true)`.
pub fn new(rt: &mut Runtime, batch: Duration, queue: Rc<RefCell<VecDeque<Rc<Rdd>>>>) -> NodeId {
    rt.graph.add(
        "QueueInputDStream",
        "queueStream",
        Vec::new(),
        batch,
        NodeKind::QueueInput(queue),
    )
}

/// Dequeue one RDD, or give an empty one.
pub fn compute(
    rt: &mut Runtime,
    queue: &RefCell<VecDeque<Rc<Rdd>>>,
    _t: Time,
) -> Result<Option<Rc<Rdd>>, Exn> {
    let next = queue.borrow_mut().pop_front();
    Ok(Some(match next {
        Some(r) => r,
        None => Rdd::source(rt, vec![Vec::new()]),
    }))
}
