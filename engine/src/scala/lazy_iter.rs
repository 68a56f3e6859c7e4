//! Scala's `Iterator` as the lazy thing it is: the endless sources (`Iterator.iterate`,
//! `Iterator.from`, `Iterator.continually`), the steps that read only what they need
//! (`take`, `drop`, `slice`, `takeWhile`, `dropWhile`, `zipWithIndex`, `zip`, `++`,
//! `grouped`, `sliding`), and the questions
//! that stop at their answer (`find`, `exists`, `forall`, `contains`, `indexWhere`,
//! `indexOf`, `isEmpty`, `nextOption`) or go element by element (`foreach`).
//!
//! A step reads through the iterator it was made from, as Scala 2.13's do: after
//! `it.take(2).toList`, `it.next()` is the third element. Everything else drains the
//! iterator into a list first ([`crate::rdd::drain`], which stops an endless one at the
//! playground's size cap).

use std::rc::Rc;

use super::ast::Expr;
use super::builtins::{func_arg, int_arg, Prepend};
use super::interp::{eval, Frame, IterObj};
use crate::exec::{Exn, Func, Runtime};
use crate::rdd::{PartIter, VecIter};
use crate::value::{SeqKind, Value};

type R = Result<Value, Exn>;

/// An `Iterator`'s everyday methods, the hints of its "is not a member" message.
pub const COMMON_METHODS: &[&str] = &[
    "next",
    "hasNext",
    "map",
    "filter",
    "flatMap",
    "foreach",
    "take",
    "drop",
    "slice",
    "takeWhile",
    "dropWhile",
    "zip",
    "zipWithIndex",
    "grouped",
    "sliding",
    "find",
    "exists",
    "forall",
    "contains",
    "indexOf",
    "isEmpty",
    "nonEmpty",
    "size",
    "sum",
    "max",
    "min",
    "count",
    "foldLeft",
    "reduce",
    "mkString",
    "toList",
    "toArray",
    "toSeq",
    "toSet",
];

/// `Iterator.iterate(start)(f)`: `start`, `f(start)`, `f(f(start))`, ...
pub fn iterate(start: Value, f: Func) -> Value {
    IterObj::wrap(Box::new(Iterate {
        acc: start,
        first: true,
        f,
    }))
}

/// `Iterator.from(start[, step])`: Ints counting up (wrapping past `Int.MaxValue`, as the
/// JVM's do).
pub fn from(start: i32, step: i32) -> Value {
    IterObj::wrap(Box::new(From { next: start, step }))
}

/// `Iterator.continually(elem)`: `elem` evaluated again for each element (by name).
pub fn continually(elem: &Expr, env: &Rc<Frame>) -> Value {
    IterObj::wrap(Box::new(Continually {
        elem: Rc::new(elem.clone()),
        env: env.clone(),
    }))
}

/// `it.name(args)` when it is lazy here; `None`: drain the iterator and ask the list.
pub fn method(rt: &mut Runtime, recv: &Value, name: &str, args: &[Value]) -> Option<R> {
    let src = || recv.clone();
    let step = |s: Box<dyn PartIter>| Some(Ok(IterObj::wrap(s)));
    let n = |i: usize| int_arg(args, i, name).map(|n| n.clamp(0, i64::from(i32::MAX)) as u64);
    let f = |i: usize| func_arg(args, i, name);
    match (name, args.len()) {
        ("take", 1) => match n(0) {
            Ok(n) => step(Box::new(Slice::new(src(), 0, n))),
            Err(e) => Some(Err(e)),
        },
        ("drop", 1) => match n(0) {
            Ok(n) => step(Box::new(Slice::new(src(), n, u64::MAX))),
            Err(e) => Some(Err(e)),
        },
        ("slice", 2) => match (n(0), n(1)) {
            (Ok(a), Ok(b)) => step(Box::new(Slice::new(src(), a, b.saturating_sub(a)))),
            (Err(e), _) | (_, Err(e)) => Some(Err(e)),
        },
        ("takeWhile" | "dropWhile", 1) => match f(0) {
            Ok(p) => step(Box::new(While {
                src: src(),
                p,
                take: name == "takeWhile",
                done: false,
            })),
            Err(e) => Some(Err(e)),
        },
        ("grouped", 1) | ("sliding", 1 | 2) => match super::builtins::sizes(args, name) {
            // Scala 2.13's `GroupedIterator`: each group an `ArraySeq`.
            Ok((size, by)) => step(Box::new(Grouped {
                src: src(),
                size,
                step: by,
                buf: Vec::new(),
                started: false,
                done: false,
            })),
            Err(e) => Some(Err(e)),
        },
        ("zipWithIndex", 0) => step(Box::new(Indexed { src: src(), i: 0 })),
        ("zip" | "++" | "concat", 1) => {
            let other = match args[0].obj::<IterObj>() {
                Some(_) => Ok(args[0].clone()),
                None => super::interp::iterate(rt, &args[0])
                    .map(|items| IterObj::wrap(VecIter::new(Rc::new(items)))),
            };
            match other {
                Ok(other) if name == "zip" => step(Box::new(Zip { src: src(), other })),
                // `it ++ more`: this iterator's elements, then the other's.
                Ok(other) => step(Box::new(Concat {
                    parts: [src(), other],
                    at: 0,
                })),
                Err(e) => Some(Err(e)),
            }
        }
        ("find" | "exists" | "forall" | "indexWhere", 1) => Some(f(0).and_then(|p| {
            let mut i = 0;
            while let Some(v) = pull(rt, recv)? {
                let hit = rt.call(&p, std::slice::from_ref(&v))?.as_bool() == Some(true);
                match (name, hit) {
                    ("find", true) => return Ok(Value::Some(Rc::new(v))),
                    ("exists", true) => return Ok(Value::Bool(true)),
                    ("forall", false) => return Ok(Value::Bool(false)),
                    ("indexWhere", true) => return Ok(Value::Int(i)),
                    _ => i += 1,
                }
            }
            Ok(match name {
                "find" => Value::None,
                "exists" => Value::Bool(false),
                "forall" => Value::Bool(true),
                _ => Value::Int(-1),
            })
        })),
        ("contains" | "indexOf", 1) => Some((|| {
            let mut i = 0;
            while let Some(v) = pull(rt, recv)? {
                if v.scala_eq(&args[0]) {
                    return Ok(if name == "contains" {
                        Value::Bool(true)
                    } else {
                        Value::Int(i)
                    });
                }
                i += 1;
            }
            Ok(if name == "contains" {
                Value::Bool(false)
            } else {
                Value::Int(-1)
            })
        })()),
        ("foreach", 1) => Some(f(0).and_then(|g| {
            while let Some(v) = pull(rt, recv)? {
                rt.call(&g, &[v])?;
            }
            Ok(Value::Unit)
        })),
        ("isEmpty" | "nonEmpty", 0) => {
            Some(peek(rt, recv).map(|v| Value::Bool(v.is_none() == (name == "isEmpty"))))
        }
        ("nextOption", 0) => Some(pull(rt, recv).map(|v| match v {
            Some(v) => Value::Some(Rc::new(v)),
            None => Value::None,
        })),
        _ => None,
    }
}

/// The next element of the iterator `v` holds (the iterator taken out while it runs, so a
/// function it calls may use it).
fn pull(rt: &mut Runtime, v: &Value) -> Result<Option<Value>, Exn> {
    let Some(it) = v.obj::<IterObj>() else {
        return Ok(None);
    };
    let mut inner = it.take();
    let r = inner.next(rt);
    *it.slot() = Some(inner);
    r
}

/// The next element without consuming it: put back in front.
fn peek(rt: &mut Runtime, v: &Value) -> Result<Option<Value>, Exn> {
    let Some(it) = v.obj::<IterObj>() else {
        return Ok(None);
    };
    let mut inner = it.take();
    let r = inner.next(rt);
    *it.slot() = Some(match &r {
        Ok(Some(first)) => Box::new(Prepend {
            first: Some(first.clone()),
            rest: inner,
        }),
        _ => inner,
    });
    r
}

/// The work budget an element of an endless source costs (twenty calls' worth), so a search
/// for what never comes (`Iterator.from(1).filter(_ < 0).next()`) stops within half a second,
/// not after 10-15 s of a busy page; two million elements still fit in a run.
const ENDLESS_PULL_FUEL: u64 = 20;

/// Scala 2.13's: `f` runs when the element after the first is asked for, not before.
struct Iterate {
    acc: Value,
    first: bool,
    f: Func,
}

impl PartIter for Iterate {
    fn next(&mut self, rt: &mut Runtime) -> Result<Option<Value>, Exn> {
        rt.burn(ENDLESS_PULL_FUEL)?;
        if self.first {
            self.first = false;
        } else {
            self.acc = rt.call(&self.f, std::slice::from_ref(&self.acc))?;
        }
        Ok(Some(self.acc.clone()))
    }
}

struct From {
    next: i32,
    step: i32,
}

impl PartIter for From {
    fn next(&mut self, rt: &mut Runtime) -> Result<Option<Value>, Exn> {
        rt.burn(ENDLESS_PULL_FUEL)?;
        let v = self.next;
        self.next = v.wrapping_add(self.step);
        Ok(Some(Value::Int(v)))
    }
}

struct Continually {
    elem: Rc<Expr>,
    env: Rc<Frame>,
}

impl PartIter for Continually {
    fn next(&mut self, rt: &mut Runtime) -> Result<Option<Value>, Exn> {
        rt.burn(ENDLESS_PULL_FUEL)?;
        eval(rt, &self.env, &self.elem).map(Some)
    }
}

/// `drop(skip)` then `take(left)`, read through the source.
struct Slice {
    src: Value,
    skip: u64,
    left: u64,
}

impl Slice {
    fn new(src: Value, skip: u64, left: u64) -> Slice {
        Slice { src, skip, left }
    }
}

impl PartIter for Slice {
    fn next(&mut self, rt: &mut Runtime) -> Result<Option<Value>, Exn> {
        while self.skip > 0 {
            self.skip -= 1;
            if pull(rt, &self.src)?.is_none() {
                self.left = 0;
                return Ok(None);
            }
        }
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        pull(rt, &self.src)
    }
}

/// `takeWhile(p)` (stops at the first element `p` refuses, which it reads) and
/// `dropWhile(p)`.
struct While {
    src: Value,
    p: Func,
    take: bool,
    done: bool,
}

impl PartIter for While {
    fn next(&mut self, rt: &mut Runtime) -> Result<Option<Value>, Exn> {
        if self.take {
            if self.done {
                return Ok(None);
            }
            let Some(v) = pull(rt, &self.src)? else {
                return Ok(None);
            };
            if rt.call(&self.p, std::slice::from_ref(&v))?.as_bool() == Some(true) {
                return Ok(Some(v));
            }
            self.done = true;
            return Ok(None);
        }
        if self.done {
            return pull(rt, &self.src);
        }
        while let Some(v) = pull(rt, &self.src)? {
            if rt.call(&self.p, std::slice::from_ref(&v))?.as_bool() != Some(true) {
                self.done = true;
                return Ok(Some(v));
            }
        }
        Ok(None)
    }
}

struct Indexed {
    src: Value,
    i: i32,
}

impl PartIter for Indexed {
    fn next(&mut self, rt: &mut Runtime) -> Result<Option<Value>, Exn> {
        let Some(v) = pull(rt, &self.src)? else {
            return Ok(None);
        };
        let i = self.i;
        self.i = i.wrapping_add(1);
        Ok(Some(Value::Tuple(Rc::new([v, Value::Int(i)]))))
    }
}

/// `zip(other)`: pairs until either ends (the source is read first, as Scala's is).
struct Zip {
    src: Value,
    other: Value,
}

impl PartIter for Zip {
    fn next(&mut self, rt: &mut Runtime) -> Result<Option<Value>, Exn> {
        // Scala 2.13 asks `hasNext` of both (the source first) before reading either.
        if peek(rt, &self.src)?.is_none() || peek(rt, &self.other)?.is_none() {
            return Ok(None);
        }
        let a = pull(rt, &self.src)?;
        let b = pull(rt, &self.other)?;
        Ok(a.zip(b).map(|(a, b)| Value::Tuple(Rc::new([a, b]))))
    }
}

/// `it ++ more`: read through `it`, then through `more`.
struct Concat {
    parts: [Value; 2],
    at: usize,
}

impl PartIter for Concat {
    fn next(&mut self, rt: &mut Runtime) -> Result<Option<Value>, Exn> {
        while self.at < 2 {
            if let Some(v) = pull(rt, &self.parts[self.at])? {
                return Ok(Some(v));
            }
            self.at += 1;
        }
        Ok(None)
    }
}

/// `grouped(n)` and `sliding(size, step)`: the first group filled up to `size`, then each
/// next one the last moved on by `step`; a short group when the source ends inside it, none
/// when it ends before any new element (as `sliding` on a collection, `builtins`).
struct Grouped {
    src: Value,
    size: usize,
    step: usize,
    buf: Vec<Value>,
    started: bool,
    done: bool,
}

impl PartIter for Grouped {
    fn next(&mut self, rt: &mut Runtime) -> Result<Option<Value>, Exn> {
        if self.done {
            return Ok(None);
        }
        let need = if !self.started {
            self.started = true;
            self.size
        } else if self.step < self.size {
            self.buf.drain(..self.step);
            self.step
        } else {
            for _ in self.size..self.step {
                if pull(rt, &self.src)?.is_none() {
                    self.done = true;
                    return Ok(None);
                }
            }
            self.buf.clear();
            self.size
        };
        let mut got = 0;
        while got < need {
            match pull(rt, &self.src)? {
                Some(v) => {
                    self.buf.push(v);
                    got += 1;
                }
                None => {
                    self.done = true;
                    break;
                }
            }
        }
        if got == 0 {
            self.done = true;
            return Ok(None);
        }
        let group = Value::Seq(SeqKind::ArraySeq, Rc::new(self.buf.clone()));
        Ok(Some(group))
    }
}
