//! `scala.collection.mutable.Queue` and `mutable.Stack` (Scala 2.13's `ArrayDeque`s): one
//! object that every name holding it shares, updated in place. A queue `enqueue`s at its end
//! and `dequeue`s at its front; a stack `push`es and `pop`s at its front (`top`), and prints
//! from there (`Stack(d, c, b, a)`); `+=` appends to either. `dequeueAll`, `dequeueWhile`,
//! `popAll` and `popWhile` give what they took as a `List`; an empty one fails in Scala's
//! words ("empty collection", "head of empty Queue"). Every other method is the sequence's
//! (`map` gives a new queue, `sum` a number), run on its items as they are.
//!
//! A queue of RDDs is `ssc.queueStream`'s: each item keeps the driver's time when it was
//! enqueued (see `ops::queue_input`), so a driver that sleeps between enqueues after
//! `ssc.start()` feeds later batches. A task that reads a driver's queue works on its own copy,
//! as Spark's deserialised closure does.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use super::ast::Span;
use super::builtins::func_arg;
use crate::exec::{Exn, Runtime};
use crate::value::{Object, SeqKind, Value};

/// A queue's or a stack's items, each with the driver's time when it was added.
pub type Items = Rc<RefCell<VecDeque<(i64, Value)>>>;

/// A `mutable.Queue` or `mutable.Stack`.
pub struct QueueObj {
    /// Its items, front first.
    pub items: Items,
    /// A `Stack` (pushes at the front), else a `Queue`.
    pub stack: bool,
}

impl QueueObj {
    fn kind(&self) -> SeqKind {
        if self.stack {
            SeqKind::Stack
        } else {
            SeqKind::Queue
        }
    }

    /// Its items now, as the sequence Scala sees (`Queue(1, 2)`).
    fn seq(&self) -> Value {
        let items = self.items.borrow().iter().map(|(_, v)| v.clone()).collect();
        Value::Seq(self.kind(), Rc::new(items))
    }
}

impl Object for QueueObj {
    fn class_name(&self) -> String {
        if self.stack { "Stack" } else { "Queue" }.into()
    }
    fn to_string_scala(&self) -> String {
        self.seq().to_text()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn as_value(&self) -> Option<Value> {
        Some(self.seq())
    }
    fn task_copy(&self) -> Option<Value> {
        Some(new(self.stack, self.items.borrow().clone()))
    }
}

fn new(stack: bool, items: VecDeque<(i64, Value)>) -> Value {
    Value::Obj(Rc::new(QueueObj {
        items: Rc::new(RefCell::new(items)),
        stack,
    }))
}

/// `mutable.Queue(xs*)` (`new mutable.Queue[T]()`, `Queue.empty`), or a `Stack`'s: `xs` in
/// order, the first at the front.
pub fn construct(rt: &Runtime, stack: bool, xs: Vec<Value>) -> Value {
    let at = rt.driver_clock_ms;
    new(stack, xs.into_iter().map(|x| (at, x)).collect())
}

/// A queue (`stack`) of `items` a sequence method or a `for`/`yield` gave.
pub fn of_items(stack: bool, items: Vec<Value>) -> Value {
    new(stack, items.into_iter().map(|x| (0, x)).collect())
}

/// `Queue.from(xs)`, `Stack.empty` and the like.
pub fn companion(
    rt: &mut Runtime,
    stack: bool,
    name: &str,
    args: Vec<Value>,
) -> Result<Value, Exn> {
    let items = match (name, args.first()) {
        ("empty", _) | ("from", None) => Vec::new(),
        ("from", Some(xs)) => super::interp::into_items(rt, xs.clone())?,
        _ => args,
    };
    Ok(construct(rt, stack, items))
}

/// An empty queue's or stack's `dequeue`/`pop` (`ArrayDeque.removeHead`).
fn empty() -> Exn {
    Exn::new("java.util.NoSuchElementException", "empty collection")
}

/// `q.name(args)`.
pub fn method(
    rt: &mut Runtime,
    q: &QueueObj,
    recv: &Value,
    name: &str,
    args: Vec<Value>,
    span: Span,
) -> Result<Value, Exn> {
    // Added now, stamped with the driver's time (queueStream's RDDs, see `ops::queue_input`).
    let at = rt.driver_clock_ms;
    // `enqueueAll(xs)`'s, `pushAll(xs)`'s items.
    let all = |rt: &mut Runtime, args: &[Value]| -> Result<Vec<Value>, Exn> {
        match args.first() {
            Some(xs) => super::interp::into_items(rt, xs.clone()),
            None => Ok(Vec::new()),
        }
    };
    match (name, q.stack) {
        ("enqueue", false) | ("+=" | "addOne" | "append", _) => {
            for a in args {
                q.items.borrow_mut().push_back((at, a));
            }
            return Ok(recv.clone());
        }
        ("++=" | "enqueueAll" | "addAll" | "appendAll", _) => {
            let more = all(rt, &args)?;
            q.items
                .borrow_mut()
                .extend(more.into_iter().map(|x| (at, x)));
            return Ok(recv.clone());
        }
        ("push", true) | ("prepend" | "+=:", _) => {
            for a in args {
                q.items.borrow_mut().push_front((at, a));
            }
            return Ok(recv.clone());
        }
        ("pushAll", true) => {
            for x in all(rt, &args)? {
                q.items.borrow_mut().push_front((at, x));
            }
            return Ok(recv.clone());
        }
        ("dequeue", false) | ("pop" | "removeHead", true) => {
            return match q.items.borrow_mut().pop_front() {
                Some((_, v)) => Ok(v),
                None => Err(empty()),
            };
        }
        ("front", false) | ("top", true) => return call_seq(rt, q, "head", args, span),
        ("clear", _) => {
            q.items.borrow_mut().clear();
            return Ok(Value::Unit);
        }
        ("popAll", true) | ("removeAll", _) if args.is_empty() => {
            let taken = q.items.borrow_mut().drain(..).map(|(_, v)| v).collect();
            return Ok(Value::list(taken));
        }
        ("dequeueFirst", false) => {
            let p = func_arg(&args, 0, name)?;
            let items: Vec<Value> = q.items.borrow().iter().map(|(_, v)| v.clone()).collect();
            for (i, v) in items.into_iter().enumerate() {
                if rt.call(&p, std::slice::from_ref(&v))?.as_bool() == Some(true) {
                    q.items.borrow_mut().remove(i);
                    return Ok(Value::option(Some(v)));
                }
            }
            return Ok(Value::None);
        }
        // The items that pass `p`, taken out (all of them, or the front's run).
        ("dequeueAll", false) | ("removeAll", _) | ("dequeueWhile", false) | ("popWhile", true) => {
            let p = func_arg(&args, 0, name)?;
            let whole = matches!(name, "dequeueAll" | "removeAll");
            let items: Vec<(i64, Value)> = q.items.borrow().iter().cloned().collect();
            let (mut kept, mut taken) = (VecDeque::new(), Vec::new());
            let mut taking = true;
            for (t, v) in items {
                taking = taking && rt.call(&p, std::slice::from_ref(&v))?.as_bool() == Some(true);
                if taking {
                    taken.push(v);
                } else {
                    kept.push_back((t, v));
                }
                // `dequeueAll` looks at every item; the others stop at the first that fails.
                taking |= whole;
            }
            *q.items.borrow_mut() = kept;
            return Ok(Value::list(taken));
        }
        _ => {}
    }
    call_seq(rt, q, name, args, span)
}

/// What the sequence of `q`'s items does; a queue (stack) it gives back is a new one.
fn call_seq(
    rt: &mut Runtime,
    q: &QueueObj,
    name: &str,
    args: Vec<Value>,
    span: Span,
) -> Result<Value, Exn> {
    let out = super::builtins::call_method(rt, q.seq(), name, args, span)?;
    Ok(queues(out))
}

/// `v` with the queues (stacks) a sequence method gave made queues again: its own, or the
/// two of a pair (`partition`, `span`, `splitAt`).
fn queues(v: Value) -> Value {
    match v {
        Value::Seq(kind @ (SeqKind::Queue | SeqKind::Stack), items) => of_items(
            kind == SeqKind::Stack,
            Rc::try_unwrap(items).unwrap_or_else(|rc| (*rc).clone()),
        ),
        Value::Tuple(t)
            if t.iter()
                .any(|x| matches!(x, Value::Seq(SeqKind::Queue | SeqKind::Stack, _))) =>
        {
            Value::Tuple(t.iter().cloned().map(queues).collect())
        }
        other => other,
    }
}
