//! `xs.lazyZip(ys)` (Scala 2.13's `LazyZip2`, and `.lazyZip(zs)` again for a `LazyZip3`), and
//! 2.12's `(xs, ys).zipped` that it replaces: the collections side by side, up to the
//! shortest, whose `map`, `flatMap`, `filter`, `exists`, `forall` and `foreach` take a
//! function of two (three) parameters, `(xs lazyZip ys).map(_ + _)`, without the pairs `zip`
//! would build. `map` and `flatMap` give the first collection's kind (what its own `map`
//! gives), `filter` its kind of tuples.

use std::rc::Rc;

use crate::exec::{Exn, Runtime};
use crate::value::{Object, SeqKind, Value};

/// The members a `LazyZip2` has here.
const METHODS: &[&str] = &[
    "map", "flatMap", "filter", "exists", "forall", "foreach", "lazyZip",
];

/// Collections zipped lazily.
pub struct LazyZip {
    /// The first one's kind: what `map` builds.
    kind: SeqKind,
    /// The collections as written, for `toString`.
    colls: Vec<Value>,
    /// Their elements.
    items: Vec<Vec<Value>>,
    /// 2.12's `(xs, ys).zipped`.
    zipped: bool,
}

impl Object for LazyZip {
    fn class_name(&self) -> String {
        if self.zipped {
            format!("Tuple{}Zipped", self.colls.len())
        } else {
            format!("LazyZip{}", self.colls.len())
        }
    }
    fn to_string_scala(&self) -> String {
        if self.zipped {
            return format!("scala.runtime.{}@{:x}", self.class_name(), 0x1b6d3586);
        }
        let mut out = self.colls[0].to_text();
        for c in &self.colls[1..] {
            out.push_str(&format!(".lazyZip({})", c.to_text()));
        }
        out
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `first.lazyZip(other)`, or `(first, other...).zipped` (`zipped`).
pub fn new(rt: &mut Runtime, colls: Vec<Value>, zipped: bool) -> Result<Value, Exn> {
    let kind = match &colls[0] {
        Value::Seq(k, _) => *k,
        Value::Str(_) => SeqKind::ArraySeq,
        _ => SeqKind::List,
    };
    let mut items = Vec::with_capacity(colls.len());
    for c in &colls {
        items.push(super::interp::iterate(rt, c)?);
    }
    Ok(Value::Obj(Rc::new(LazyZip {
        kind,
        colls,
        items,
        zipped,
    })))
}

/// `z.name(args)`.
pub fn method(rt: &mut Runtime, z: &LazyZip, name: &str, args: &[Value]) -> Result<Value, Exn> {
    if name == "lazyZip" && !z.zipped && z.colls.len() < 4 {
        let mut colls = z.colls.clone();
        colls.push(super::builtins::arg(args, 0, name)?);
        return new(rt, colls, false);
    }
    if !METHODS.contains(&name) || name == "lazyZip" {
        return Err(super::spark_api::not_member(name, &z.class_name(), METHODS));
    }
    let f = super::builtins::func_arg(args, 0, name)?;
    let n = z.items.iter().map(Vec::len).min().unwrap_or(0);
    let mut out = Vec::new();
    for i in 0..n {
        rt.burn(1)?;
        let row: Vec<Value> = z.items.iter().map(|c| c[i].clone()).collect();
        let r = rt.call(&f, &row)?;
        match name {
            "map" => out.push(r),
            "flatMap" => out.extend(super::interp::iterate(rt, &r)?),
            "filter" if r.as_bool() == Some(true) => out.push(Value::Tuple(row.into())),
            "exists" if r.as_bool() == Some(true) => return Ok(Value::Bool(true)),
            "forall" if r.as_bool() != Some(true) => return Ok(Value::Bool(false)),
            _ => {}
        }
    }
    Ok(match name {
        "exists" => Value::Bool(false),
        "forall" => Value::Bool(true),
        "foreach" => Value::Unit,
        _ => super::interp::yielded(z.kind, out),
    })
}
