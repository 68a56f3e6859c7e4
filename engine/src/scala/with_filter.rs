//! `xs.withFilter(p)`: Scala's lazy filter, what a `for`'s guard (`if`) becomes. It keeps
//! the collection and its predicates; its `map`, `flatMap` and `foreach` test each element
//! and, when it passes, apply the function to it before going on to the next, so a guard
//! and the function after it run interleaved (`xs.filter(p).map(f)` runs `p` on every
//! element first). What it gives is the collection's own kind, as its `map` would.

use std::rc::Rc;

use super::builtins::func_arg;
use super::interp::iterate;
use crate::exec::{Exn, Func, Runtime};
use crate::value::{Object, SeqKind, Value};

type R = Result<Value, Exn>;

/// The methods of a `WithFilter`.
pub const METHODS: &[&str] = &["map", "flatMap", "foreach", "withFilter"];

/// A collection (`Value::Seq`) seen through its predicates, in the order written.
pub struct WithFilter {
    kind: SeqKind,
    items: Rc<Vec<Value>>,
    preds: Vec<Func>,
}

impl Object for WithFilter {
    fn class_name(&self) -> String {
        "WithFilter".into()
    }
    fn to_string_scala(&self) -> String {
        "scala.collection.IterableOps$WithFilter@1b6d3586".into()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `xs.withFilter(p)` on a collection of `kind`.
pub fn new(kind: SeqKind, items: Rc<Vec<Value>>, p: Func) -> Value {
    Value::Obj(Rc::new(WithFilter {
        kind,
        items,
        preds: vec![p],
    }))
}

/// `w.name(args)`.
pub fn method(rt: &mut Runtime, w: &WithFilter, name: &str, args: &[Value]) -> R {
    let f = func_arg(args, 0, name)?;
    if name == "withFilter" {
        let mut preds = w.preds.clone();
        preds.push(f);
        return Ok(Value::Obj(Rc::new(WithFilter {
            kind: w.kind,
            items: w.items.clone(),
            preds,
        })));
    }
    if !METHODS.contains(&name) {
        return Err(Exn::unsupported(format!(
            "value {name} is not a member of scala.collection.WithFilter (it has {})",
            METHODS.join(", ")
        )));
    }
    let mut out = Vec::new();
    'items: for v in w.items.iter() {
        for p in &w.preds {
            if rt.call(p, std::slice::from_ref(v))?.as_bool() != Some(true) {
                continue 'items;
            }
        }
        let y = rt.call(&f, std::slice::from_ref(v))?;
        match name {
            "map" => out.push(y),
            "flatMap" => out.extend(iterate(rt, &y)?),
            _ => {}
        }
    }
    Ok(match name {
        "foreach" => Value::Unit,
        _ => super::interp::yielded(w.kind, out),
    })
}
