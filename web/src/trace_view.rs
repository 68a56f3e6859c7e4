//! The trace the views draw, shared rather than copied.
//!
//! Every action copies the model (`use_reducer`), and a step adds one batch: with the engine's
//! `Trace` owning its batches, each step deep-copied every batch of the run and later freed
//! the old copy, which cost more than the engine's step. A [`TraceView`] keeps the engine's
//! trace without its batches (`head`) and each batch behind its own `Rc`, so a copy of the
//! model copies pointers, a batch that did not change is the same allocation in the old and
//! the new model (components compare batches by pointer and skip redrawing them), and the
//! view of an earlier moment is a prefix of the batches already computed
//! ([`TraceView::prefix`]): stepping back or scrubbing back needs no engine work.

use std::ops::Deref;
use std::rc::Rc;

use dstream_engine::trace::{BatchTrace, Trace};

/// The engine's trace, its batches shared. Reading it reads like a `Trace`: `batches` is
/// this struct's own list, every other field is the head's (through `Deref`; the head's own
/// `batches` is always empty).
#[derive(Clone, Debug, Default)]
pub struct TraceView {
    /// Everything but the batches.
    pub head: Rc<Trace>,
    /// The batches, in time order.
    pub batches: Vec<Rc<BatchTrace>>,
}

impl Deref for TraceView {
    type Target = Trace;

    fn deref(&self) -> &Trace {
        &self.head
    }
}

impl From<Trace> for TraceView {
    fn from(mut trace: Trace) -> TraceView {
        let batches = std::mem::take(&mut trace.batches)
            .into_iter()
            .map(Rc::new)
            .collect();
        TraceView {
            head: Rc::new(trace),
            batches,
        }
    }
}

impl TraceView {
    /// Whether both are the same allocations (what a component's props compare).
    pub fn same(&self, other: &TraceView) -> bool {
        Rc::ptr_eq(&self.head, &other.head)
            && self.batches.len() == other.batches.len()
            && self
                .batches
                .iter()
                .zip(&other.batches)
                .all(|(a, b)| Rc::ptr_eq(a, b))
    }

    /// What a run given only the first `n` of `batches` shows: those batches, and of the
    /// head what had happened by the end of the last of them (an exception or a log line of
    /// a later batch had not). A run that restarted its driver is not cut this way (its
    /// batches are not one per tick); the caller runs it again instead.
    pub fn prefix(head: &Rc<Trace>, batches: &[Rc<BatchTrace>], n: usize) -> TraceView {
        if n >= batches.len() {
            return TraceView {
                head: head.clone(),
                batches: batches.to_vec(),
            };
        }
        // Before the first batch: only what `main` did (no batch time has passed).
        let until = n.checked_sub(1).map(|i| batches[i].time_ms);
        let happened = |t: Option<i64>| match (t, until) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(t), Some(u)) => t <= u,
        };
        let mut cut = Trace {
            error: head
                .error
                .clone()
                .filter(|e| e.phase != "run" || happened(e.time_ms)),
            log: head
                .log
                .iter()
                .filter(|l| happened(l.time_ms))
                .cloned()
                .collect(),
            ..(**head).clone()
        };
        cut.batches = Vec::new();
        TraceView {
            head: Rc::new(cut),
            batches: batches[..n].to_vec(),
        }
    }
}

/// A batch as a component's prop: equal when it is the same allocation (a step of time keeps
/// every batch already computed), or else when its contents are (after an edit the engine
/// runs every batch again, and a batch the edit did not change need not be drawn again:
/// comparing costs far less than drawing).
#[derive(Clone, Debug)]
pub struct SharedBatch(pub Rc<BatchTrace>);

impl PartialEq for SharedBatch {
    fn eq(&self, other: &SharedBatch) -> bool {
        Rc::ptr_eq(&self.0, &other.0) || self.0 == other.0
    }
}
