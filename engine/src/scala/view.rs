//! Scala 2.13's views: `xs.view`, and a map's `mapValues` and `filterKeys` (deprecated, still
//! what 2.12-era tutorials write: `words.groupBy(identity).mapValues(_.size)`), which 2.13
//! makes a `MapView`. A view computes nothing until asked: printed it says
//! `MapView(<not computed>)`, its functions run again each time it is traversed, each element
//! through every step before the next, and a `MapView`'s `get(k)` runs them for that key
//! alone. What a view does not do itself runs on its elements forced into a `List` (a `Map`
//! for a `MapView`). Checked against Spark 4.3.0's Scala (oracle fixtures `view_*`).

use std::rc::Rc;

use super::ast::Span;
use super::builtins::{call_method, func_arg, int_arg};
use super::collections::{build, is_map};
use super::interp::{into_items, IterObj};
use crate::exec::{Exn, Func, Runtime};
use crate::rdd::VecIter;
use crate::value::{Object, SeqKind, Value};

/// Which view: what it prints as, and what its steps keep.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Kind {
    /// A `List`'s (`SeqView`).
    Seq,
    /// An indexed sequence's: a `Vector`, an `Array`, a `Range`, a buffer (`IndexedSeqView`).
    IndexedSeq,
    /// A map's (`MapView`).
    Map,
    /// Anything else, and what most steps make of the above (`View`).
    Plain,
}

/// One step between the view's source and its elements.
#[derive(Clone)]
enum Step {
    Map(Func),
    Filter(Func, bool),
    FlatMap(Func),
    Take(usize),
    Drop(usize),
    TakeWhile(Func),
    DropWhile(Func),
    ZipWithIndex,
    /// A map's pair to `(k, f(v))`.
    MapValues(Func),
    /// A map's pairs whose key the function keeps.
    FilterKeys(Func),
    /// A map's pair to its key or its value (`keys`, `values`).
    Part(bool),
    /// A method of the elements so far as a whole (`reverse`, `sorted`): run on them forced.
    Whole(String, Vec<Value>),
}

/// A view: its source collection and its steps.
pub struct ViewObj {
    kind: Kind,
    source: Value,
    steps: Vec<Step>,
}

impl Object for ViewObj {
    fn class_name(&self) -> String {
        match self.kind {
            Kind::Seq => "SeqView",
            Kind::IndexedSeq => "IndexedSeqView",
            Kind::Map => "MapView",
            Kind::Plain => "View",
        }
        .into()
    }
    fn to_string_scala(&self) -> String {
        match (&self.source, self.steps.is_empty()) {
            // An array's own view (`ArrayOps.ArrayView`) shows its elements.
            (Value::Seq(SeqKind::Array, items), true) => {
                let texts: Vec<String> = items.iter().map(Value::to_text).collect();
                format!("ArrayView({})", texts.join(", "))
            }
            _ => format!("{}(<not computed>)", self.class_name()),
        }
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// Whether `name(args)` makes a view of a collection: `view`, a map's `mapValues(f)` and
/// `filterKeys(p)` (a pair RDD's and DStream's `mapValues` are their own).
pub fn makes_view(name: &str, args: &[Value]) -> bool {
    match name {
        "view" => args.is_empty(),
        "mapValues" | "filterKeys" => args.len() == 1,
        _ => false,
    }
}

/// `source.view`, `.mapValues(f)`, `.filterKeys(p)` (see [`makes_view`]): the view, of the
/// collection as it is now (a mutable map updated after is not seen: the interpreter's
/// values are immutable). Of anything else than a collection (a `String`'s view), scalac's
/// "not a member".
pub fn of_source(source: Value, name: &str, args: &[Value]) -> Result<Value, Exn> {
    let now = &source;
    let kind = match &now {
        Value::Seq(SeqKind::List, _) => Kind::Seq,
        Value::Seq(
            SeqKind::Vector
            | SeqKind::Array
            | SeqKind::ArraySeq
            | SeqKind::ArrayBuffer
            | SeqKind::Range(_),
            _,
        ) => Kind::IndexedSeq,
        Value::Seq(k, _) if is_map(*k) => Kind::Map,
        Value::Seq(..) if name == "view" => Kind::Plain,
        _ => return Err(super::builtins::not_member(name, now)),
    };
    let step = match (name, kind) {
        ("view", _) => None,
        ("mapValues", Kind::Map) => Some(Step::MapValues(func_arg(args, 0, name)?)),
        ("filterKeys", Kind::Map) => Some(Step::FilterKeys(func_arg(args, 0, name)?)),
        _ => return Err(super::builtins::not_member(name, now)),
    };
    Ok(new(kind, source, step.into_iter().collect()))
}

fn new(kind: Kind, source: Value, steps: Vec<Step>) -> Value {
    Value::Obj(Rc::new(ViewObj {
        kind,
        source,
        steps,
    }))
}

/// Methods that give a view of one more step; the kind it has, from the view's.
fn step_of(v: &ViewObj, name: &str, args: &[Value]) -> Result<Option<(Kind, Step)>, Exn> {
    let f = || func_arg(args, 0, name);
    let n = || int_arg(args, 0, name).map(|n| n.max(0) as usize);
    let map = v.kind == Kind::Map;
    // A `SeqView` keeps its kind through `map`, `take`, `drop` and what reorders it; an
    // `IndexedSeqView` too; a `MapView` through what keeps its pairs.
    let keeps = |kept: bool| if kept { v.kind } else { Kind::Plain };
    let seq = matches!(v.kind, Kind::Seq | Kind::IndexedSeq);
    Ok(Some(match name {
        "map" => (keeps(seq), Step::Map(f()?)),
        "filter" | "filterNot" => (keeps(map), Step::Filter(f()?, name == "filter")),
        "flatMap" => (Kind::Plain, Step::FlatMap(f()?)),
        "take" => (keeps(seq), Step::Take(n()?)),
        "drop" => (keeps(seq), Step::Drop(n()?)),
        "takeWhile" => (Kind::Plain, Step::TakeWhile(f()?)),
        "dropWhile" => (Kind::Plain, Step::DropWhile(f()?)),
        "zipWithIndex" => (Kind::Plain, Step::ZipWithIndex),
        "mapValues" if map => (Kind::Map, Step::MapValues(f()?)),
        "filterKeys" if map => (Kind::Map, Step::FilterKeys(f()?)),
        "keys" | "values" if map => (Kind::Plain, Step::Part(name == "keys")),
        "reverse" | "takeRight" | "dropRight" | "appended" | "prepended" | ":+" | "+:" | "++"
        | "concat"
            if seq =>
        {
            (v.kind, Step::Whole(name.into(), args.to_vec()))
        }
        "sorted" | "sortBy" | "sortWith" if seq => {
            (Kind::Seq, Step::Whole(name.into(), args.to_vec()))
        }
        "collect" | "distinct" | "zip" | "scanLeft" | "slice" | "tapEach" => {
            (Kind::Plain, Step::Whole(name.into(), args.to_vec()))
        }
        _ => return Ok(None),
    }))
}

/// What the sink says after each element: go on or stop.
type Sink<'a> = dyn FnMut(&mut Runtime, Value) -> Result<bool, Exn> + 'a;

impl ViewObj {
    /// Run the view, each element to `sink` until it says stop.
    fn run(&self, rt: &mut Runtime, sink: &mut Sink) -> Result<(), Exn> {
        // Up to the last whole step the elements are forced; then they go one by one.
        let cut = self
            .steps
            .iter()
            .rposition(|s| matches!(s, Step::Whole(..)));
        let (source, each) = match cut {
            Some(i) => {
                let Step::Whole(name, args) = &self.steps[i] else {
                    return Ok(());
                };
                let before = ViewObj {
                    kind: self.kind,
                    source: self.source.clone(),
                    steps: self.steps[..i].to_vec(),
                };
                let items = Value::list(before.force(rt)?);
                let out = call_method(rt, items, name, args.clone(), Span::default())?;
                (into_items(rt, out)?, &self.steps[i + 1..])
            }
            None => (into_items(rt, self.source.clone())?, &self.steps[..]),
        };
        let mut state = vec![0usize; each.len()];
        for x in source {
            if !push(rt, each, &mut state, x, sink)? {
                break;
            }
        }
        Ok(())
    }

    /// Every element (a `for` over the view, a collection built from it).
    pub fn force(&self, rt: &mut Runtime) -> Result<Vec<Value>, Exn> {
        let mut out = Vec::new();
        self.run(rt, &mut |_, x| {
            out.push(x);
            Ok(true)
        })?;
        Ok(out)
    }

    /// The view as the collection it stands for: a `Map` of a `MapView`'s pairs, else a `List`.
    fn strict(&self, rt: &mut Runtime) -> Result<Value, Exn> {
        let items = self.force(rt)?;
        Ok(match self.kind {
            Kind::Map => build(true, false, items),
            _ => Value::list(items),
        })
    }

    /// A `MapView`'s value of `key`, its steps run on that entry alone; `None` when a step is
    /// not one of a map's.
    fn get(&self, rt: &mut Runtime, key: &Value) -> Result<Option<Option<Value>>, Exn> {
        if self.kind != Kind::Map {
            return Ok(None);
        }
        let found = call_method(
            rt,
            self.source.clone(),
            "get",
            vec![key.clone()],
            Span::default(),
        )?;
        let Value::Some(v) = found else {
            return Ok(Some(None));
        };
        let mut v = (*v).clone();
        for step in &self.steps {
            match step {
                Step::MapValues(f) => v = rt.call(f, &[v])?,
                Step::FilterKeys(p) => {
                    if !truthy(rt.call(p, std::slice::from_ref(key))?) {
                        return Ok(Some(None));
                    }
                }
                Step::Filter(p, keep) => {
                    let pair = Value::pair(key.clone(), v.clone());
                    if truthy(rt.call(p, &[pair])?) != *keep {
                        return Ok(Some(None));
                    }
                }
                _ => return Ok(None),
            }
        }
        Ok(Some(Some(v)))
    }
}

fn truthy(v: Value) -> bool {
    v.as_bool() == Some(true)
}

/// `x` through `steps` (each with its count in `state`) to `sink`; `false`: stop.
fn push(
    rt: &mut Runtime,
    steps: &[Step],
    state: &mut [usize],
    x: Value,
    sink: &mut Sink,
) -> Result<bool, Exn> {
    let (Some((step, rest)), Some((count, rest_state))) =
        (steps.split_first(), state.split_first_mut())
    else {
        return sink(rt, x);
    };
    let mut next = |rt: &mut Runtime, y: Value| push(rt, rest, rest_state, y, sink);
    match step {
        Step::Map(f) => {
            let y = rt.call(f, &[x])?;
            next(rt, y)
        }
        Step::Filter(f, keep) => {
            if truthy(rt.call(f, std::slice::from_ref(&x))?) == *keep {
                next(rt, x)
            } else {
                Ok(true)
            }
        }
        Step::FlatMap(f) => {
            let ys = rt.call(f, &[x])?;
            for y in into_items(rt, ys)? {
                if !next(rt, y)? {
                    return Ok(false);
                }
            }
            Ok(true)
        }
        Step::Take(n) => {
            if *count >= *n {
                return Ok(false);
            }
            *count += 1;
            let go = next(rt, x)?;
            Ok(go && *count < *n)
        }
        Step::Drop(n) => {
            if *count < *n {
                *count += 1;
                Ok(true)
            } else {
                next(rt, x)
            }
        }
        Step::TakeWhile(f) => {
            if truthy(rt.call(f, std::slice::from_ref(&x))?) {
                next(rt, x)
            } else {
                Ok(false)
            }
        }
        Step::DropWhile(f) => {
            if *count == 0 && truthy(rt.call(f, std::slice::from_ref(&x))?) {
                return Ok(true);
            }
            *count = 1;
            next(rt, x)
        }
        Step::ZipWithIndex => {
            let i = *count;
            *count += 1;
            next(rt, Value::pair(x, Value::Int(i as i32)))
        }
        Step::MapValues(f) => {
            let Some((k, v)) = x.as_pair() else {
                return Ok(true);
            };
            let (k, v) = (k.clone(), v.clone());
            let w = rt.call(f, &[v])?;
            next(rt, Value::pair(k, w))
        }
        Step::FilterKeys(f) => {
            let keep = x
                .pair_key()
                .map(|k| rt.call(f, std::slice::from_ref(k)))
                .transpose()?;
            if keep.is_some_and(truthy) {
                next(rt, x)
            } else {
                Ok(true)
            }
        }
        Step::Part(key) => {
            let part = x.as_pair().map(|(k, v)| if *key { k } else { v }).cloned();
            next(rt, part.unwrap_or(x))
        }
        Step::Whole(..) => next(rt, x),
    }
}

/// A method of a view.
pub fn method(
    rt: &mut Runtime,
    v: &ViewObj,
    recv: &Value,
    name: &str,
    args: Vec<Value>,
    span: Span,
) -> Result<Value, Exn> {
    if let Some((kind, step)) = step_of(v, name, &args)? {
        let mut steps = v.steps.clone();
        steps.push(step);
        return Ok(new(kind, v.source.clone(), steps));
    }
    let first = args.first().cloned();
    match (name, first) {
        ("toString", None) => return Ok(Value::str(&v.to_string_scala())),
        ("view", None) => return Ok(recv.clone()),
        ("iterator", None) => {
            let items = v.force(rt)?;
            return Ok(IterObj::wrap(VecIter::new(Rc::new(items))));
        }
        ("get" | "apply" | "getOrElse" | "contains", Some(key)) if v.kind == Kind::Map => {
            if let Some(found) = v.get(rt, &key)? {
                return Ok(match (name, found) {
                    ("get", found) => Value::option(found),
                    ("contains", found) => Value::Bool(found.is_some()),
                    ("apply" | "getOrElse", Some(x)) => x,
                    ("getOrElse", None) => args.get(1).cloned().unwrap_or(Value::Unit),
                    _ => {
                        return Err(Exn::new(
                            "java.util.NoSuchElementException",
                            format!("key not found: {key}"),
                        ))
                    }
                });
            }
        }
        // A `MapView` of `mapValues` alone has its map's size without running `f`.
        ("size" | "knownSize", None)
            if v.kind == Kind::Map && v.steps.iter().all(|s| matches!(s, Step::MapValues(_))) =>
        {
            return call_method(rt, v.source.clone(), "size", args, span);
        }
        // What stops at the first element that decides it.
        ("head" | "headOption" | "isEmpty" | "nonEmpty", None) => {
            let mut first = None;
            v.run(rt, &mut |_, x| {
                first = Some(x);
                Ok(false)
            })?;
            return match (name, first) {
                ("head", Some(x)) => Ok(x),
                ("head", None) => Err(Exn::new(
                    "java.util.NoSuchElementException",
                    "next on empty iterator",
                )),
                ("headOption", first) => Ok(Value::option(first)),
                (_, first) => Ok(Value::Bool(first.is_some() == (name == "nonEmpty"))),
            };
        }
        ("foreach" | "find" | "exists" | "forall", Some(_)) => {
            let f = func_arg(&args, 0, name)?;
            let mut found = None;
            v.run(rt, &mut |rt, x| {
                let r = rt.call(&f, std::slice::from_ref(&x))?;
                let decided = match name {
                    "foreach" => false,
                    "forall" => !truthy(r),
                    _ => truthy(r),
                };
                if decided {
                    found = Some(x);
                }
                Ok(!decided)
            })?;
            return Ok(match name {
                "foreach" => Value::Unit,
                "find" => Value::option(found),
                "exists" => Value::Bool(found.is_some()),
                _ => Value::Bool(found.is_none()),
            });
        }
        // Scala's views have no `Map`'s updates.
        ("+" | "-" | "updated" | "removed", _) if v.kind == Kind::Map => {
            return Err(Exn::unsupported(format!(
                "value {name} is not a member of scala.collection.MapView"
            )));
        }
        _ => {}
    }
    let strict = v.strict(rt)?;
    call_method(rt, strict, name, args, span)
}
