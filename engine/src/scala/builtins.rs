//! The Scala and Java library the subset offers: globals (`println`, `Some`, `Seconds`, `List`,
//! `Thread.sleep`) and the methods of strings, numbers, tuples, options and sequences, with the
//! JVM's exceptions (`NumberFormatException: For input string: "x"`,
//! `ArrayIndexOutOfBoundsException: Index 1 out of bounds for length 1`).

use std::rc::Rc;

use super::ast::Span;
use super::collections;
use super::interp::{apply_value, iterate, IterObj, TimeObj};
use super::java_lang::{
    is_java_digit, is_java_letter, is_java_whitespace, java_digit, java_lower, java_upper,
};
use super::spark_api;
use crate::exec::{Exn, Func, Runtime};
use crate::rdd::{PartIter, VecIter};
use crate::time::Duration;
use crate::utf16;
use crate::value::{java_double, RangeForm, SeqKind, Table, Value};

type R = Result<Value, Exn>;

/// Collection and string methods without a parameter list, whose result a call's arguments
/// are applied to (`xs.toList(1)`, `s.reverse(0)`, `m.keySet("a")`).
const PARAMETERLESS: &[&str] = &[
    "toList",
    "toSeq",
    "toVector",
    "toArray",
    "toIndexedSeq",
    "toBuffer",
    "toSet",
    "toMap",
    "reverse",
    "distinct",
    "tail",
    "init",
    "keySet",
    "zipWithIndex",
    "capitalize",
];

/// The `String` methods the playground runs (Scala's `StringOps` and Java's `String`).
pub const STRING_METHODS: &[&str] = &[
    "split",
    "stripPrefix",
    "stripSuffix",
    "headOption",
    "lastOption",
    "permutations",
    "combinations",
    "padTo",
    "grouped",
    "toInt",
    "toLong",
    "toDouble",
    "toIntOption",
    "toLongOption",
    "toDoubleOption",
    "toBoolean",
    "length",
    "size",
    "trim",
    "toUpperCase",
    "toLowerCase",
    "isEmpty",
    "nonEmpty",
    "contains",
    "startsWith",
    "endsWith",
    "charAt",
    "apply",
    "substring",
    "replace",
    "replaceAll",
    "replaceFirst",
    "matches",
    "concat",
    "reverse",
    "toList",
    "toSeq",
    "equalsIgnoreCase",
    "compareTo",
    "compare",
    "format",
    "head",
    "last",
    "take",
    "takeRight",
    "drop",
    "dropRight",
    "capitalize",
    "indexOf",
    "lastIndexOf",
    "toCharArray",
    "r",
    "linesIterator",
    "isBlank",
    "strip",
    "stripLeading",
    "stripTrailing",
    "repeat",
    "sliding",
    "tails",
    "inits",
    "compareToIgnoreCase",
    "codePointAt",
    "stripMargin",
    // From here to the end: `CHAR_SEQ_METHODS`.
    "map",
    "flatMap",
    "filter",
    "filterNot",
    "foreach",
    "count",
    "exists",
    "forall",
    "find",
    "distinct",
    "sorted",
    "sortBy",
    "sortWith",
    "takeWhile",
    "dropWhile",
    "tail",
    "init",
    "slice",
    "zip",
    "zipWithIndex",
    "toSet",
    "groupBy",
    "mkString",
    "foldLeft",
    "max",
    "min",
    "indexWhere",
    "lastIndexWhere",
    "partition",
    "splitAt",
    "span",
    "scanLeft",
    "collect",
    "maxBy",
    "minBy",
    "diff",
    "intersect",
    "updated",
    ":+",
    "+:",
    "prepended",
    "patch",
    "toArray",
    "toVector",
    "iterator",
    "indices",
    "groupMapReduce",
    "reduce",
    "fold",
    "foldRight",
    "distinctBy",
    "segmentLength",
    "corresponds",
    // `s.filter(_.isDigit).map(_.asDigit).sum`: an empty `map` gives "" here, whatever the
    // function's type, so what follows a map of numbers must work on it.
    "sum",
];

/// Every global name a program may use without defining it: what [`global`] and
/// [`call_global`] resolve, plus the roots of qualified package paths
/// (`org.apache.spark.storage.StorageLevel.MEMORY_ONLY`). The static check reports any
/// other name that is not in scope as `not found: value x`.
pub const GLOBALS: &[&str] = &[
    "println",
    "identity",
    "synchronized",
    "print",
    "None",
    "Nil",
    "Some",
    "Option",
    "require",
    "assert",
    "???",
    "sys",
    "List",
    "Seq",
    "Vector",
    "IndexedSeq",
    "Range",
    "Ordering",
    "Random",
    "Int",
    "Long",
    "Double",
    "Iterator",
    "Try",
    "Left",
    "Right",
    "Either",
    "Success",
    "Failure",
    "String",
    "Set",
    "Map",
    "Array",
    "ArrayBuffer",
    "Seconds",
    "Milliseconds",
    "Minutes",
    "Durations",
    "Duration",
    "StateSpec",
    "Thread",
    "System",
    "Time",
    "StorageLevel",
    "TaskContext",
    "math",
    "Math",
    "Integer",
    "Character",
    "SparkContext",
    "StreamingContext",
    "KafkaUtils",
    "LocationStrategies",
    "ConsumerStrategies",
    "PreferConsistent",
    "Subscribe",
    "SubscribePattern",
    "Assign",
    "Pattern",
    "Logger",
    "Level",
    "classOf",
    "org",
    "java",
    "javax",
    "scala",
    "collection",
    "mutable",
    "immutable",
];

/// `pkg.Name` where `pkg` is a Scala collections package as programs write it after
/// `import scala.collection.mutable` (`mutable.ArrayBuffer`) or in full
/// (`scala.collection.immutable.List`): the companion `Name`, or why the playground does not
/// have it. `None` when `pkg` is not such a package.
pub fn package_member(pkg: &str, name: &str) -> Option<Result<&'static str, Exn>> {
    let pkg = collections_package(pkg);
    if let Some(m) = ordered_member(pkg, name) {
        return Some(Ok(m));
    }
    if pkg == "mutable" {
        match name {
            "Map" | "HashMap" => return Some(Ok("MutableMap")),
            "Set" | "HashSet" => return Some(Ok("MutableSet")),
            _ => {}
        }
    }
    let known: &[&'static str] = match pkg {
        "mutable" => &["ArrayBuffer", "ListBuffer", "Queue", "Stack"],
        "immutable" | "collection" => &["List", "Seq", "Vector", "Map", "Set"],
        "scala" => &[
            "List", "Seq", "Vector", "Some", "Option", "Array", "Iterator",
        ],
        _ => return None,
    };
    Some(match known.iter().find(|k| **k == name) {
        Some(k) => Ok(k),
        None if pkg == "mutable" => Err(Exn::unsupported(format!(
            "`{pkg}.{name}` (the playground's mutable collections are ArrayBuffer, ListBuffer, \
             Queue, Stack, HashMap (Map), HashSet (Set), TreeMap, TreeSet, LinkedHashMap and \
             LinkedHashSet)"
        ))),
        None => Err(Exn::unsupported(format!(
            "`{pkg}.{name}` (the playground's immutable collections are List, Seq, Vector, \
             Map, Set, TreeMap (SortedMap) and TreeSet (SortedSet))"
        ))),
    })
}

/// A package of Scala's collections as a program names it (`scala.collection.mutable`,
/// `collection.immutable`, `mutable`, `scala.collection`): `mutable`, `immutable` or
/// `collection` (any other name as it is).
fn collections_package(pkg: &str) -> &str {
    let pkg = pkg.strip_prefix("_root_.").unwrap_or(pkg);
    let pkg = pkg.strip_prefix("scala.").unwrap_or(pkg);
    pkg.strip_prefix("collection.").unwrap_or(pkg)
}

/// The sorted and linked collections, by package and name: the global name that makes them
/// (`SortedMap(...)` is a `TreeMap`, `mutable.SortedSet(...)` a `mutable.TreeSet`).
fn ordered_member(pkg: &str, name: &str) -> Option<&'static str> {
    Some(match (pkg, name) {
        ("mutable", "TreeMap" | "SortedMap") => "MutableTreeMap",
        ("mutable", "TreeSet" | "SortedSet") => "MutableTreeSet",
        ("mutable", "LinkedHashMap") => "LinkedHashMap",
        ("mutable", "LinkedHashSet") => "LinkedHashSet",
        ("immutable", "TreeMap" | "SortedMap") | ("collection", "SortedMap") => "TreeMap",
        ("immutable", "TreeSet" | "SortedSet") | ("collection", "SortedSet") => "TreeSet",
        _ => return None,
    })
}

/// The selectors of `import text` when it imports from one of `packages` (`a.b._` gives
/// `_`, `a.b.{X, Y => Z}` gives `X` and `Y=>Z`, blanks removed); empty otherwise.
pub fn import_selectors(text: &str, packages: &[&str]) -> Vec<String> {
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(rest) = packages
        .iter()
        .find_map(|p| text.strip_prefix(p).and_then(|r| r.strip_prefix('.')))
    else {
        return Vec::new();
    };
    match rest.strip_prefix('{').and_then(|r| r.strip_suffix('}')) {
        Some(list) => list.split(',').map(str::to_string).collect(),
        None => vec![rest.to_string()],
    }
}

/// The names an import brings that the playground resolves itself, with what they stand for
/// (a name `call_global` knows): `import scala.collection.mutable.{HashMap, ListBuffer => LB}`
/// gives `HashMap` (the mutable one) and `LB`; `import scala.collection.mutable._` all of
/// them, so `Map` and `Set` are then the mutable ones, as in Scala.
pub fn import_aliases(text: &str) -> Vec<(String, &'static str)> {
    let breaks = super::breaks::import_aliases(text);
    if !breaks.is_empty() {
        return breaks;
    }
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let (prefix, selectors) = match text.strip_suffix('}').and_then(|t| t.split_once(".{")) {
        Some((p, sel)) => (p.to_string(), sel.split(',').map(str::to_string).collect()),
        None => match text.rsplit_once('.') {
            Some((p, last)) => (p.to_string(), vec![last.to_string()]),
            None => return Vec::new(),
        },
    };
    let pkg = collections_package(&prefix);
    // `scala.collection.mutable`, `collection.immutable`, `_root_.scala.collection`, or
    // `mutable` alone after `import scala.collection.mutable` (as Scala reads it).
    let whole = matches!(pkg, "mutable" | "immutable" | "collection");
    if !whole {
        return Vec::new();
    }
    let target = |name: &str| -> Option<&'static str> {
        if let Some(m) = ordered_member(pkg, name) {
            return Some(m);
        }
        if pkg != "mutable" {
            return None;
        }
        Some(match name {
            "Map" | "HashMap" => "MutableMap",
            "Set" | "HashSet" => "MutableSet",
            "ListBuffer" => "ListBuffer",
            "ArrayBuffer" => "ArrayBuffer",
            "Queue" => "Queue",
            "Stack" => "Stack",
            _ => return None,
        })
    };
    let mut out = Vec::new();
    for s in selectors {
        if s == "_" {
            for n in [
                "Map",
                "HashMap",
                "Set",
                "HashSet",
                "ListBuffer",
                "ArrayBuffer",
                "Queue",
                "Stack",
                "TreeMap",
                "TreeSet",
                "SortedMap",
                "SortedSet",
                "LinkedHashMap",
                "LinkedHashSet",
            ] {
                out.extend(target(n).map(|t| (n.to_string(), t)));
            }
            continue;
        }
        let (from, to) = s.split_once("=>").unwrap_or((&s, &s));
        if let Some(t) = target(from) {
            if to != "_" {
                out.push((to.to_string(), t));
            }
        }
    }
    out
}

/// A sorted or linked collection of `items` by its global name (`TreeMap`,
/// `MutableTreeSet`, `LinkedHashMap`, see [`ordered_member`]).
pub fn sorted_or_linked(name: &str, items: Vec<Value>) -> R {
    use crate::value::Table;
    let map = name.ends_with("Map");
    if map {
        if let Some(x) = items.iter().find(|x| x.as_pair().is_none()) {
            return Err(Exn::unsupported(format!(
                "type mismatch: found {}, required (K, V)",
                x.type_name()
            )));
        }
    }
    match name {
        "TreeMap" => Ok(collections::tree(SeqKind::TreeMap, items)),
        "TreeSet" => Ok(collections::tree(SeqKind::TreeSet, items)),
        "MutableTreeMap" | "MutableTreeSet" => {
            super::mutable_map::from_table(map, Table::Tree, items)
        }
        _ => super::mutable_map::from_table(map, Table::Linked, items),
    }
}

/// Why a sorted collection given an `Ordering` of its own (`TreeSet(3, 1)(ord)`,
/// `TreeMap.empty(Ordering[Int].reverse)`) does not run.
pub fn own_ordering(class: &str) -> Exn {
    Exn::unsupported(format!(
        "a {class} with an Ordering of its own (the playground's sorted collections keep their \
         keys' natural order; sort with sortBy or sorted instead)"
    ))
}

/// Whether `name` is a global name [`sorted_or_linked`] makes.
pub fn is_ordered(name: &str) -> bool {
    matches!(
        name,
        "TreeMap"
            | "TreeSet"
            | "MutableTreeMap"
            | "MutableTreeSet"
            | "LinkedHashMap"
            | "LinkedHashSet"
    )
}

/// The `String` → number conversions, as `"x".toInt` runs them: the value or the JVM's
/// exception. `None` for any other method name.
pub fn parse_number(method: &str, s: &str) -> Option<R> {
    match method {
        "toInt" => Some(parse_int(s)),
        "toLong" => Some(parse_long(s)),
        "toDouble" => Some(parse_double(s)),
        _ => None,
    }
}

pub(super) fn not_member(name: &str, recv: &Value) -> Exn {
    let what = match recv {
        Value::Obj(_) => spark_api::class_of(recv),
        v => v.type_name(),
    };
    let members = match recv {
        Value::Str(_) => STRING_METHODS,
        _ => &[],
    };
    spark_api::not_member(name, &what, members)
}

/// A global name used as a value (`None`, `Nil`, `println` passed as a function).
pub fn global(rt: &mut Runtime, name: &str, span: Span) -> R {
    let name = rt.interp.alias(name);
    match name {
        super::breaks::BREAK => Err(super::breaks::break_exn()),
        "None" => Ok(Value::None),
        "Nil" => Ok(Value::list(Vec::new())),
        "Left" | "Right" => Ok(super::either::companion(rt, name)),
        "Random" => Ok(rt.interp.random_companion()),
        "???" => Err(Exn::new(
            "scala.NotImplementedError",
            "an implementation is missing",
        )),
        "identity" => Ok(Func::native(name, |_rt, args| {
            Ok(args.first().cloned().unwrap_or(Value::Unit))
        })
        .into_value()),
        "println" | "print" => {
            let newline = name == "println";
            Ok(
                Func::native(name, move |rt, args| print_args(rt, args.to_vec(), newline))
                    .into_value(),
            )
        }
        "StateSpec" | "Thread" | "System" | "StorageLevel" | "TaskContext" | "math" | "Math"
        | "List" | "Seq" | "Array" | "Some" | "Seconds" | "Milliseconds" | "Minutes"
        | "Duration" | "SparkContext" | "StreamingContext" | "Vector" | "IndexedSeq"
        | "Iterator" | "Set" | "Map" | "ArrayBuffer" | "Integer" | "Character" | "KafkaUtils"
        | "LocationStrategies" | "ConsumerStrategies" | "PreferConsistent" | "Subscribe"
        | "SubscribePattern" | "Assign" | "Pattern" | "Logger" | "Level" | "String"
        | "Ordering" | "Int" | "Long" | "Double" | "Durations" | "Option" | "Either" | "sys" => {
            Ok(spark_api::module(name))
        }
        n if is_ordered(n) => Ok(spark_api::module(n)),
        _ => {
            let _ = (rt, span);
            if let Some(v) = super::kafka_api::global(name) {
                return Ok(v);
            }
            Err(Exn::unsupported(format!("not found: value {name}")))
        }
    }
}

/// `println(x)` / `print(x)`: `x`'s text (`println(a, b)`: Scala tuples the arguments), after
/// what its `toString` printed; a `toString` that throws prints nothing.
fn print_args(rt: &mut Runtime, args: Vec<Value>, newline: bool) -> R {
    let mut text = match args.len() {
        0 => String::new(),
        1 => args[0].to_string(),
        _ => Value::Tuple(args.into()).to_string(),
    };
    super::user_class::take_thrown(rt)?;
    if newline {
        text.push('\n');
    }
    rt.print(&text);
    Ok(Value::Unit)
}

/// A dotted name that is a global path (`org.apache.spark.storage.StorageLevel.MEMORY_ONLY`).
pub fn qualified_global(rt: &mut Runtime, path: &str) -> Option<Value> {
    let _ = rt;
    if path == "org.apache.spark.TaskContext" {
        return Some(spark_api::module("TaskContext"));
    }
    if let Some((pkg, name)) = path.rsplit_once('.') {
        if let Some(Ok(m)) = package_member(pkg, name) {
            return Some(spark_api::module(m));
        }
    }
    if let Some(level) = path.rsplit('.').next() {
        if path.contains("StorageLevel.") {
            return Some(Value::str(&crate::to_debug_string::level_value(level)));
        }
    }
    None
}

/// `name(args)` where `name` is a global function or companion object.
pub fn call_global(rt: &mut Runtime, name: &str, args: Vec<Value>, span: Span) -> R {
    let name = rt.interp.alias(name);
    let a0 = args.first().cloned();
    match name {
        super::breaks::BREAK if args.is_empty() => Err(super::breaks::break_exn()),
        "println" | "print" => print_args(rt, args, name == "println"),
        "Some" => Ok(Value::option(Some(a0.unwrap_or(Value::Unit)))),
        // `synchronized { ... }` in an object (its own lock): one thread runs everything
        // here, so the block's value, evaluated once as a by-name argument is.
        "synchronized" => Ok(a0.unwrap_or(Value::Unit)),
        "Left" | "Right" => {
            let c = super::either::companion(rt, name);
            let c = c.obj::<super::case_class::Companion>().expect("companion");
            super::case_class::companion_method(rt, c, "apply", args)
        }
        // `Success(v)`, `Failure(e)`: a `Try` made by hand (`transform`'s functions give one).
        "Success" => Ok(Value::Obj(Rc::new(super::try_obj::TryObj(Ok(
            a0.unwrap_or(Value::Unit)
        ))))),
        "Failure" => match a0.as_ref().and_then(|e| e.obj::<super::interp::ExnObj>()) {
            Some(e) => Ok(Value::Obj(Rc::new(super::try_obj::TryObj(Err(e
                .0
                .clone()))))),
            None => Err(Exn::unsupported("Failure takes an exception")),
        },
        "Option" => Ok(match a0 {
            Some(Value::Null) | None => Value::None,
            Some(v) => Value::option(Some(v)),
        }),
        "List" | "Seq" => Ok(Value::list(args)),
        "Queue" | "Stack" => Ok(super::queue::construct(rt, name == "Stack", args)),
        // `IndexedSeq(...)` is a `Vector` in Scala 2.13.
        "Vector" | "IndexedSeq" => Ok(Value::Seq(SeqKind::Vector, Rc::new(args))),
        // `Range(start, end[, step])`: `start until end by step`.
        "Range" => {
            let step = if args.len() > 2 {
                int_arg(&args, 2, name)?
            } else {
                1
            };
            range(
                int_arg(&args, 0, name)?,
                int_arg(&args, 1, name)?,
                step,
                true,
            )
        }
        "Iterator" => Ok(IterObj::wrap(VecIter::new(Rc::new(args)))),
        "Set" => Ok(collections::build(false, false, args)),
        "Array" => Ok(Value::Seq(SeqKind::Array, Rc::new(args))),
        "Time" => spark_api::construct(rt, "Time", args, span),
        "ArrayBuffer" => Ok(Value::Seq(SeqKind::ArrayBuffer, Rc::new(args))),
        "ListBuffer" => Ok(Value::Seq(SeqKind::ListBuffer, Rc::new(args))),
        "MutableMap" => super::mutable_map::from(true, args),
        "MutableSet" => super::mutable_map::from(false, args),
        n if is_ordered(n) => sorted_or_linked(n, args),
        "Seconds" | "Milliseconds" | "Minutes" | "Duration" => {
            let n = match a0 {
                Some(Value::Int(i)) => i as i64,
                Some(Value::Long(l)) => l,
                other => {
                    return Err(Exn::unsupported(format!(
                        "{name}(...) needs a whole number, found {}",
                        other
                            .map(|v| v.type_name())
                            .unwrap_or_else(|| "nothing".into())
                    )))
                }
            };
            let ms = match name {
                "Seconds" => n.saturating_mul(1000),
                "Minutes" => n.saturating_mul(60_000),
                _ => n,
            };
            Ok(spark_api::duration_value(Duration(ms)))
        }
        // Predef's `require` and `assert`: without a message, the bare words.
        "require" | "assert" => match a0 {
            Some(Value::Bool(true)) => Ok(Value::Unit),
            Some(Value::Bool(false)) => {
                let (class, words) = if name == "require" {
                    ("java.lang.IllegalArgumentException", "requirement failed")
                } else {
                    ("java.lang.AssertionError", "assertion failed")
                };
                Err(Exn::new(
                    class,
                    match args.get(1) {
                        Some(m) => format!("{words}: {m}"),
                        None => words.to_string(),
                    },
                ))
            }
            _ => Err(Exn::unsupported(format!("{name} needs a Boolean"))),
        },
        _ => match global(rt, name, span) {
            Ok(v) => apply_value(rt, v, args, span),
            Err(e) => Err(e),
        },
    }
}

pub(super) fn arg(args: &[Value], i: usize, what: &str) -> R {
    args.get(i)
        .cloned()
        .ok_or_else(|| Exn::unsupported(format!("{what}: missing argument")))
}

pub(super) fn func_arg(args: &[Value], i: usize, what: &str) -> Result<Func, Exn> {
    match args.get(i).and_then(|v| v.obj::<Func>()) {
        Some(f) => Ok(f.clone()),
        None => Err(Exn::unsupported(format!("{what} needs a function here"))),
    }
}

pub(super) fn int_arg(args: &[Value], i: usize, what: &str) -> Result<i64, Exn> {
    match args.get(i) {
        Some(Value::Int(n)) => Ok(*n as i64),
        Some(Value::Long(n)) => Ok(*n),
        Some(v) => Err(Exn::unsupported(format!(
            "type mismatch in {what}: found {}, required Int",
            v.type_name()
        ))),
        None => Err(Exn::unsupported(format!("{what}: missing argument"))),
    }
}

/// `recv.name(args)`.
pub fn call_method(
    rt: &mut Runtime,
    recv: Value,
    name: &str,
    mut args: Vec<Value>,
    span: Span,
) -> R {
    rt.burn(1)?;
    // A mutable collection's shared cell (see `shared_ref`) reaches only a program's own
    // functions; native methods are given the collection as it is.
    let recv = super::shared_ref::read(recv);
    if args.iter().any(|a| super::shared_ref::cell(a).is_some())
        && recv.obj::<super::interp::HelperObj>().is_none()
        && recv.obj::<super::user_class::Instance>().is_none()
        && !matches!(recv.obj::<Func>(), Some(Func::Scala(_)))
    {
        super::shared_ref::read_all(&mut args);
    }
    if name == "synchronized" && args.len() == 1 {
        // `queue.synchronized { ... }`: the block, already run as the argument (one thread).
        return Ok(args.into_iter().next().unwrap_or(Value::Unit));
    }
    if matches!(recv, Value::Null) {
        return super::null_receiver::call(name, &args);
    }
    if name == "getClass" {
        if let Some(c) = super::class_obj::ClassObj::of(&recv) {
            return Ok(c);
        }
        if let Value::Seq(..) = recv {
            // An `ArraySeq`'s or an array's class follows its static element type.
            return Err(Exn::unsupported(format!(
                "`getClass` of a {}",
                recv.type_name()
            )));
        }
    }
    if let (Value::Seq(kind, _), "apply", [ord]) = (&recv, name, args.as_slice()) {
        if collections::sorted(*kind) && ord.obj::<super::ordering_obj::OrderingObj>().is_some() {
            return Err(own_ordering(&recv.type_name()));
        }
    }
    if let ("to", Some(m)) = (
        name,
        args.first().and_then(|a| a.obj::<spark_api::Module>()),
    ) {
        // `xs.to(TreeMap)`, `xs.to(List)`: what the companion makes of the items.
        let items = super::interp::into_items(rt, recv)?;
        return match m.0 {
            n if is_ordered(n) => sorted_or_linked(n, items),
            "List" | "Seq" => Ok(Value::list(items)),
            "Vector" | "IndexedSeq" => Ok(Value::Seq(SeqKind::Vector, Rc::new(items))),
            "Set" => Ok(collections::build(false, false, items)),
            "Map" => Ok(collections::build(true, false, items)),
            "ArrayBuffer" | "ListBuffer" | "MutableMap" | "MutableSet" => {
                call_global(rt, m.0, items, span)
            }
            other => Err(Exn::unsupported(format!("`to({other})`"))),
        };
    }
    if let (Value::Seq(ka, a), "eq" | "ne", [Value::Seq(kb, b)]) = (&recv, name, args.as_slice()) {
        // One collection under two names (see `shared_ref`): the same contents' cell.
        let same = ka == kb && Rc::ptr_eq(a, b);
        return Ok(Value::Bool(same == (name == "eq")));
    }
    if let (Value::Obj(a), "eq" | "ne", [b]) = (&recv, name, args.as_slice()) {
        // Reference equality (`rdd.partitionBy(p) eq rdd`).
        let same = matches!(b, Value::Obj(b)
            if std::ptr::eq(Rc::as_ptr(a) as *const u8, Rc::as_ptr(b) as *const u8)
                || (a.as_any().is::<super::interp::RddObj>() && a.same(&**b)));
        return Ok(Value::Bool(same == (name == "eq")));
    }
    // A parameterless method given arguments: `xs.toList(1)` is `xs.toList.apply(1)`
    // (`sorted`, `max`, `flatten` take an implicit's argument instead: not here).
    if !args.is_empty()
        && (matches!(recv, Value::Seq(..) | Value::Str(_)) || recv.obj::<IterObj>().is_some())
        && PARAMETERLESS.contains(&name)
    {
        let whole = call_method(rt, recv, name, Vec::new(), span)?;
        return call_method(rt, whole, "apply", args, span);
    }
    if let Value::Obj(_) = &recv {
        if let Some(c) = recv.obj::<super::class_obj::ClassObj>() {
            return c.method(name);
        }
        if let Some(it) = recv.obj::<IterObj>() {
            if let Some(r) = super::lazy_iter::method(rt, &recv, name, &args) {
                return r;
            }
            return iterator_method(rt, it, name, args);
        }
        if let Some(o) = recv.obj::<super::case_class::CaseObj>() {
            return super::case_class::method(rt, o, &recv, name, args);
        }
        if let Some(c) = recv.obj::<super::case_class::Companion>() {
            return super::case_class::companion_method(rt, c, name, args);
        }
        if let Some(w) = recv.obj::<super::with_default::WithDefault>() {
            return super::with_default::method(rt, w, name, args, span);
        }
        if let Some(v) = recv.obj::<super::view::ViewObj>() {
            return super::view::method(rt, v, &recv, name, args, span);
        }
        if let Some(d) = recv.obj::<spark_api::DependencyObj>() {
            return spark_api::dependency_method(d, name);
        }
        if let Some(t) = recv.obj::<TimeObj>() {
            return spark_api::time_method(t.0, name, &args);
        }
        if let Some(f) = recv.obj::<Func>() {
            let f = f.clone();
            match name {
                "apply" => return rt.call(&f, &args),
                // `f andThen g`: g(f(x)); `f compose g`: f(g(x)).
                "andThen" | "compose" => {
                    let g = func_arg(&args, 0, name)?;
                    let (first, then) = if name == "andThen" { (f, g) } else { (g, f) };
                    let both = Func::native(name, move |rt, a| {
                        let x = rt.call(&first, a)?;
                        rt.call(&then, &[x])
                    });
                    return Ok(both.into_value());
                }
                _ => {}
            }
        }
        return spark_api::call_method(rt, recv, name, args, span);
    }
    // Methods every value has.
    match name {
        "toString" => return Ok(Value::str(&recv.to_string())),
        "hashCode" => return Ok(Value::Int(recv.hash_code())),
        "equals" => return Ok(Value::Bool(recv == arg(&args, 0, "equals")?)),
        "==" => return Ok(Value::Bool(recv.scala_eq(&arg(&args, 0, "==")?))),
        "!=" => return Ok(Value::Bool(!recv.scala_eq(&arg(&args, 0, "!=")?))),
        "isInstanceOf" | "asInstanceOf" => return Ok(recv),
        // `x.formatted("%.2f")` (deprecated in 2.13, still there): `"%.2f".format(x)`.
        "formatted" => {
            let fmt = arg(&args, 0, name)?.to_string();
            return Ok(Value::str(&java_format(&fmt, std::slice::from_ref(&recv))?));
        }
        _ => {}
    }
    if super::view::makes_view(name, &args) {
        return super::view::of_source(recv, name, &args);
    }
    match &recv {
        Value::Str(s) => string_method(rt, s, name, args, &recv),
        Value::Int(_) | Value::Long(_) | Value::Double(_) | Value::Char(_) => {
            number_method(rt, &recv, name, args)
        }
        Value::Bool(b) => match name {
            "unary_!" => Ok(Value::Bool(!b)),
            _ => Err(not_member(name, &recv)),
        },
        Value::Tuple(t) => {
            if let Some(i) = name.strip_prefix('_').and_then(|n| n.parse::<usize>().ok()) {
                if i >= 1 && i <= t.len() {
                    return Ok(t[i - 1].clone());
                }
            }
            match name {
                "swap" if t.len() == 2 => Ok(Value::pair(t[1].clone(), t[0].clone())),
                // 2.12's `(xs, ys).zipped` (deprecated in 2.13, still there).
                "zipped" if t.len() <= 3 => super::lazy_zip::new(rt, t.to_vec(), true),
                "productArity" => Ok(Value::Int(t.len() as i32)),
                "productIterator" => Ok(IterObj::wrap(VecIter::new(Rc::new(t.to_vec())))),
                _ => Err(not_member(name, &recv)),
            }
        }
        Value::Some(_) | Value::None => option_method(rt, &recv, name, args),
        Value::Seq(..) => seq_method(rt, &recv, name, args),
        Value::Unit | Value::Null => {
            if matches!(recv, Value::Null) {
                Err(Exn::new("java.lang.NullPointerException", ""))
            } else {
                Err(not_member(name, &recv))
            }
        }
        Value::Obj(_) => Err(not_member(name, &recv)),
    }
}

/// Java's `Integer.parseInt` as `"x".toInt` calls it (digits of any script: `"１２".toInt`
/// is 12).
pub fn parse_int(s: &str) -> R {
    super::java_lang::parse_integer(s, 10, i32::MIN.into(), i32::MAX.into())
        .map(|n| Value::Int(n as i32))
        .ok_or_else(|| number_format(s))
}

fn parse_long(s: &str) -> R {
    super::java_lang::parse_integer(s, 10, i64::MIN, i64::MAX)
        .map(Value::Long)
        .ok_or_else(|| number_format(s))
}

/// Java's `NumberFormatException` of a string that is not a number.
fn number_format(s: &str) -> Exn {
    Exn::new(
        "java.lang.NumberFormatException",
        format!("For input string: \"{s}\""),
    )
}

fn parse_double(s: &str) -> R {
    let t = s.trim_matches(|c: char| c <= ' ');
    parse_java_double(t).map(Value::Double).ok_or_else(|| {
        if t.is_empty() {
            Exn::new("java.lang.NumberFormatException", "empty String")
        } else {
            Exn::new(
                "java.lang.NumberFormatException",
                format!("For input string: \"{s}\""),
            )
        }
    })
}

/// `Double.parseDouble` of a trimmed string, as Java reads it: a sign, then `NaN`,
/// `Infinity`, decimal digits with a fraction and an exponent, or a hexadecimal
/// `0x1.8p3`; a trailing `d` or `f` (Java's type suffix) is allowed but for the first two.
/// Rust's `inf` and `nan` are not Java's.
fn parse_java_double(t: &str) -> Option<f64> {
    let (neg, body) = match t.as_bytes().first()? {
        b'+' => (false, &t[1..]),
        b'-' => (true, &t[1..]),
        _ => (false, t),
    };
    let digits = |s: &str, hex: bool| {
        s.bytes()
            .all(|b| b.is_ascii_digit() || hex && b.is_ascii_hexdigit())
    };
    let v = match body {
        "NaN" => f64::NAN,
        "Infinity" => f64::INFINITY,
        _ => {
            let body = body.strip_suffix(['d', 'D', 'f', 'F']).unwrap_or(body);
            if let Some(hex) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
                // `0x` mantissa `p` binary exponent: the exponent is not optional.
                let (mant, exp) = hex.split_once(['p', 'P'])?;
                let (int, frac) = mant.split_once('.').unwrap_or((mant, ""));
                let e = exp.strip_prefix('+').unwrap_or(exp);
                let e_digits = e.strip_prefix('-').unwrap_or(e);
                if int.len() + frac.len() == 0
                    || !digits(int, true)
                    || !digits(frac, true)
                    || e_digits.is_empty()
                    || !digits(e_digits, false)
                {
                    return None;
                }
                let mut m = 0f64;
                for c in int.chars().chain(frac.chars()) {
                    m = m * 16.0 + f64::from(c.to_digit(16)?);
                }
                let e: i32 = e.parse().unwrap_or(if e.starts_with('-') {
                    i32::MIN / 2
                } else {
                    i32::MAX / 2
                });
                // Scaled in steps, each a normal power of two: 2^-1074 is a subnormal.
                let mut shift = e.saturating_sub(4 * frac.len() as i32).clamp(-1200, 1200);
                while shift != 0 {
                    let step = shift.clamp(-1000, 1000);
                    m *= 2f64.powi(step);
                    shift -= step;
                }
                m
            } else {
                let (mant, exp) = match body.split_once(['e', 'E']) {
                    Some((m, e)) => (m, Some(e)),
                    None => (body, None),
                };
                let (int, frac) = mant.split_once('.').unwrap_or((mant, ""));
                let exp_ok = exp.is_none_or(|e| {
                    let d = e.strip_prefix(['+', '-']).unwrap_or(e);
                    !d.is_empty() && digits(d, false)
                });
                if int.len() + frac.len() == 0 || !digits(int, false) || !digits(frac, false) {
                    return None;
                }
                if !exp_ok {
                    return None;
                }
                body.parse().ok()?
            }
        }
    };
    Some(if neg { -v } else { v })
}

/// Java's `String.split(regex)` for the patterns programs use: a literal, or a simple class
/// like `\\s+`. Trailing empty strings are removed, as Java does.
pub fn java_split(s: &str, pattern: &str) -> Result<Vec<Value>, Exn> {
    let mut parts: Vec<&str> = match pattern {
        "\\s+" | "\\s" | " +" => {
            // Java's `\s` is ASCII's white space only (not a no-break space).
            let space = |c: char| matches!(c, ' ' | '\t'..='\r');
            if pattern == "\\s" {
                s.split(space).collect()
            } else {
                let mut v: Vec<&str> = Vec::new();
                let mut rest = s;
                loop {
                    match rest.find(|c: char| if pattern == " +" { c == ' ' } else { space(c) }) {
                        Some(i) => {
                            v.push(&rest[..i]);
                            rest = rest[i..].trim_start_matches(|c: char| {
                                if pattern == " +" {
                                    c == ' '
                                } else {
                                    space(c)
                                }
                            });
                        }
                        None => {
                            v.push(rest);
                            break;
                        }
                    }
                }
                v
            }
        }
        "" => {
            let mut v: Vec<&str> = Vec::new();
            // One part per `Char`: a code point above U+FFFF as its two halves.
            let _ = &mut v;
            return Ok(utf16::chars(s)
                .map(|c| Value::str(c.encode_utf8(&mut [0; 4])))
                .collect());
        }
        p => match literal_pattern(p) {
            // One character (`" "`, `","`, `"\\|"`): split on it, as Java's fastpath does.
            Some(c) => s.split(c).collect(),
            None => {
                let re = regex(p)?;
                let chars: Vec<char> = s.chars().collect();
                let mut parts = Vec::new();
                let (mut index, mut from) = (0, 0);
                while let Some((start, end)) = re.find(&chars, from) {
                    // A zero-width match at the start gives no empty first part.
                    if !(start == 0 && end == 0) {
                        parts.push(chars[index..start].iter().collect::<String>());
                        index = end;
                    }
                    from = if end == start { end + 1 } else { end };
                    if from > chars.len() {
                        break;
                    }
                }
                parts.push(chars[index..].iter().collect::<String>());
                while parts.len() > 1 && parts.last().is_some_and(String::is_empty) {
                    parts.pop();
                }
                return Ok(parts.iter().map(|p| Value::str(p)).collect());
            }
        },
    };
    if s.is_empty() {
        return Ok(vec![Value::str("")]);
    }
    while parts.len() > 1 && parts.last() == Some(&"") {
        parts.pop();
    }
    if parts.len() == 1 && parts[0].is_empty() {
        return Ok(vec![Value::str("")]);
    }
    Ok(parts.into_iter().map(Value::str).collect())
}

/// `s.split(pattern, limit)` with a limit other than 0 (Java's `String.split`): at most
/// `limit` parts when it is positive, the last holding the rest of the text; every part,
/// trailing empty ones too, when it is negative.
fn split_limit(s: &str, pattern: &str, limit: i32) -> Result<Vec<Value>, Exn> {
    let re = regex(pattern)?;
    let chars: Vec<char> = s.chars().collect();
    let text = |a: usize, b: usize| Value::str(&chars[a..b].iter().collect::<String>());
    let mut parts = Vec::new();
    let (mut index, mut from) = (0, 0);
    while let Some((start, end)) = re.find(&chars, from) {
        from = if end == start { end + 1 } else { end };
        if limit > 0 && parts.len() as i32 >= limit - 1 {
            break;
        }
        // A zero-width match at the start gives no empty first part.
        if !(index == 0 && start == 0 && end == 0) {
            parts.push(text(index, start));
            index = end;
        }
        if from > chars.len() {
            break;
        }
    }
    parts.push(text(index, chars.len()));
    Ok(parts)
}

/// The character a one-character pattern stands for, when Java's `split` takes it literally:
/// one character that is not a regex metacharacter, or a backslash and one that is not a
/// letter or digit.
fn literal_pattern(p: &str) -> Option<char> {
    let mut chars = p.chars();
    match (chars.next(), chars.next(), chars.next()) {
        (Some(c), None, _) if !".$|()[{^?*+\\".contains(c) => Some(c),
        (Some('\\'), Some(c), None) if !c.is_ascii_alphanumeric() => Some(c),
        _ => None,
    }
}

/// `Pattern.compile(p)` for `split`, `replaceAll` and `matches`: a syntax error is Java's
/// `PatternSyntaxException`; what the playground's regex cannot do is said as such.
pub fn regex(p: &str) -> Result<crate::kafka::pattern::Pattern, Exn> {
    crate::kafka::pattern::Pattern::compile(p).map_err(|m| {
        if m.starts_with("unsupported") {
            Exn::unsupported(m.trim_start_matches("unsupported: ").to_string())
        } else {
            Exn::new(
                "java.util.regex.PatternSyntaxException",
                format!("{m} near index 0\n{p}"),
            )
        }
    })
}

/// `s.replaceAll(regex, replacement)` (or only the first match): Java's, `$1` naming a group.
fn replace_regex(
    rt: &mut Runtime,
    s: &str,
    p: &str,
    replacement: &str,
    all: bool,
) -> Result<String, Exn> {
    let re = regex(p)?;
    super::regex_obj::replace(rt, &re, s, !all, &mut |_rt, m| {
        super::regex_obj::expand(replacement, m)
    })
}

fn string_method(rt: &mut Runtime, s: &Rc<str>, name: &str, args: Vec<Value>, recv: &Value) -> R {
    let a0 = args.first().cloned();
    if let (Some(Value::Null), 1) = (&a0, args.len()) {
        // Java's own method of a `null` argument: JDK 17's helpful message (oracle).
        let npe = match name {
            "compareTo" => Some(r#"Cannot read field "value" because "anotherString" is null"#),
            "contains" => {
                Some(r#"Cannot invoke "java.lang.CharSequence.toString()" because "s" is null"#)
            }
            "startsWith" => Some(r#"Cannot invoke "String.length()" because "prefix" is null"#),
            "concat" => Some(r#"Cannot invoke "String.isEmpty()" because "str" is null"#),
            _ => None,
        };
        if let Some(m) = npe {
            return Err(Exn::new("java.lang.NullPointerException", m));
        }
    }
    let str_arg = |i: usize| -> Result<String, Exn> { Ok(arg(&args, i, name)?.to_string()) };
    Ok(match name {
        "split" => {
            let parts = match args.get(1) {
                Some(Value::Int(limit)) if *limit != 0 => split_limit(s, &str_arg(0)?, *limit)?,
                _ => java_split(s, &str_arg(0)?)?,
            };
            Value::Seq(SeqKind::Array, Rc::new(parts))
        }
        "stripPrefix" => {
            let p = str_arg(0)?;
            Value::str(s.strip_prefix(p.as_str()).unwrap_or(s))
        }
        "stripSuffix" => {
            let p = str_arg(0)?;
            Value::str(s.strip_suffix(p.as_str()).unwrap_or(s))
        }
        "matches" => Value::Bool(regex(&str_arg(0)?)?.matches(s)),
        "replaceFirst" => Value::str(&replace_regex(rt, s, &str_arg(0)?, &str_arg(1)?, false)?),
        "r" => return super::regex_obj::compile(s),
        "toInt" | "toLong" | "toDouble" => {
            return parse_number(name, s).unwrap_or_else(|| Err(not_member(name, recv)))
        }
        // Scala 2.13's `StringParsers`: what `toInt`/`toLong` accept, else `None`.
        "toIntOption" => Value::option(parse_int(s).ok()),
        "toLongOption" => Value::option(parse_long(s).ok()),
        "toDoubleOption" => Value::option(parse_double(s).ok()),
        "toBoolean" => match s.to_ascii_lowercase().as_str() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => {
                return Err(Exn::new(
                    "java.lang.IllegalArgumentException",
                    format!("For input string: \"{s}\""),
                ))
            }
        },
        "length" | "size" => Value::Int(utf16::len(s) as i32),
        "trim" => Value::str(s.trim_matches(|c: char| c <= ' ')),
        "toUpperCase" => Value::str(&s.to_uppercase()),
        "toLowerCase" => Value::str(&s.to_lowercase()),
        "isEmpty" => Value::Bool(s.is_empty()),
        "nonEmpty" => Value::Bool(!s.is_empty()),
        // Scala's `linesIterator`: the lines without their `\n` or `\r\n`.
        "linesIterator" => {
            let lines: Vec<Value> = s.lines().map(Value::str).collect();
            super::interp::IterObj::wrap(crate::rdd::VecIter::new(Rc::new(lines)))
        }
        "contains" => Value::Bool(s.contains(&str_arg(0)?)),
        "startsWith" => match args.get(1) {
            // Java's `startsWith(prefix, toffset)`: from that character on.
            Some(Value::Int(at)) => {
                let prefix: Vec<char> = utf16::chars(&str_arg(0)?).collect();
                let chars: Vec<char> = utf16::chars(s).collect();
                Value::Bool(
                    usize::try_from(*at)
                        .ok()
                        .and_then(|at| chars.get(at..))
                        .is_some_and(|rest| rest.starts_with(&prefix)),
                )
            }
            _ => Value::Bool(s.starts_with(&str_arg(0)?)),
        },
        "endsWith" => Value::Bool(s.ends_with(&str_arg(0)?)),
        "charAt" | "apply" => {
            let i = int_arg(&args, 0, name)?;
            match utf16::chars(s).nth(i as usize) {
                Some(c) if i >= 0 => Value::Char(c),
                _ => {
                    // Java 17's `charAt` (`StringIndexOutOfBoundsException(int)`).
                    return Err(Exn::new(
                        "java.lang.StringIndexOutOfBoundsException",
                        format!("String index out of range: {i}"),
                    ));
                }
            }
        }
        "substring" => {
            let chars: Vec<char> = utf16::chars(s).collect();
            let len = chars.len() as i64;
            let b = int_arg(&args, 0, name)?;
            let e = if args.len() > 1 {
                int_arg(&args, 1, name)?
            } else {
                len
            };
            if b < 0 || b > e || e > len {
                return Err(Exn::new(
                    "java.lang.StringIndexOutOfBoundsException",
                    format!("begin {b}, end {e}, length {len}"),
                ));
            }
            Value::str(&utf16::collect(
                chars[b as usize..e as usize].iter().copied(),
            ))
        }
        "replace" => Value::str(&s.replace(&str_arg(0)?, &str_arg(1)?)),
        "replaceAll" => Value::str(&replace_regex(rt, s, &str_arg(0)?, &str_arg(1)?, true)?),
        "concat" | "+" => {
            let t = format!("{s}{}", a0.unwrap_or(Value::Unit));
            Exn::check_text(t.len())?;
            Value::str(&t)
        }
        "reverse" => Value::str(&s.chars().rev().collect::<String>()),
        "take" | "takeRight" | "drop" | "dropRight" => {
            // StringOps: the first or last n characters, or the rest (n clamped).
            let chars: Vec<char> = utf16::chars(s).collect();
            let n = (int_arg(&args, 0, name)?.max(0) as usize).min(chars.len());
            let kept = match name {
                "take" => &chars[..n],
                "takeRight" => &chars[chars.len() - n..],
                "drop" => &chars[n..],
                _ => &chars[..chars.len() - n],
            };
            Value::str(&utf16::collect(kept.iter().copied()))
        }
        "toList" | "toSeq" => Value::list(utf16::chars(s).map(Value::Char).collect()),
        "padTo" => {
            // StringOps.padTo(n, c): the string, then `c` up to `n` characters.
            let n = int_arg(&args, 0, name)?.max(0) as usize;
            let c = arg(&args, 1, name)?.to_string();
            let mut out: String = s.to_string();
            for _ in utf16::len(s)..n {
                out.push_str(&c);
            }
            Value::str(&out)
        }
        "grouped" | "sliding" | "tails" | "inits" => {
            // Iterators of strings: `grouped(n)` of n characters (the last shorter),
            // `sliding(n, step)` windows, `tails` and `inits` down to "".
            let chars: Vec<char> = utf16::chars(s).collect();
            let text =
                |r: std::ops::Range<usize>| Value::str(&utf16::collect(chars[r].iter().copied()));
            let len = chars.len();
            let parts = match name {
                "tails" => (0..=len).map(|i| text(i..len)).collect(),
                "inits" => (0..=len).rev().map(|i| text(0..i)).collect(),
                _ => {
                    let (n, step) = sizes(&args, name)?;
                    pieces(len, n, step, name == "sliding").map(text).collect()
                }
            };
            IterObj::wrap(VecIter::new(Rc::new(parts)))
        }
        "equalsIgnoreCase" => Value::Bool(s.to_lowercase() == str_arg(0)?.to_lowercase()),
        "compareToIgnoreCase" => {
            // Java's: each character upper- then lower-cased.
            let fold = |t: &str| -> String {
                t.chars()
                    .map(|c| c.to_uppercase().collect::<String>().to_lowercase())
                    .collect()
            };
            Value::Int(java_compare_to(&fold(s), &fold(&str_arg(0)?)))
        }
        "codePointAt" => {
            let i = int_arg(&args, 0, name)?;
            let units: Vec<u16> = utf16::units(s).collect();
            if i < 0 || i as usize >= units.len() {
                return Err(Exn::new(
                    "java.lang.StringIndexOutOfBoundsException",
                    format!("index {i}, length {}", units.len()),
                ));
            }
            let at = char::decode_utf16(units[i as usize..].iter().copied()).next();
            match at {
                Some(Ok(c)) => Value::Int(c as i32),
                _ => Value::Int(i32::from(units[i as usize])),
            }
        }
        "stripMargin" => {
            // Each line's blanks and controls up to a `|`, and the `|`, cut.
            let mut out = String::with_capacity(s.len());
            for line in s.split_inclusive('\n') {
                match line.find(|c: char| c > ' ') {
                    Some(i) if line[i..].starts_with('|') => out.push_str(&line[i + 1..]),
                    _ => out.push_str(line),
                }
            }
            Value::str(&out)
        }
        "compareTo" | "compare" => Value::Int(java_compare_to(s, &str_arg(0)?)),
        "format" => Value::str(&java_format(s, &args)?),
        "*" => {
            let n = int_arg(&args, 0, name)?.max(0) as usize;
            Exn::check_text(s.len().saturating_mul(n))?;
            Value::str(&s.repeat(n))
        }
        // Java 11's: whitespace as `Character.isWhitespace` sees it (`trim` cuts what is at
        // most a space), and `repeat`, which refuses a negative count.
        "isBlank" => Value::Bool(s.chars().all(is_java_whitespace)),
        "strip" => Value::str(s.trim_matches(is_java_whitespace)),
        "stripLeading" => Value::str(s.trim_start_matches(is_java_whitespace)),
        "stripTrailing" => Value::str(s.trim_end_matches(is_java_whitespace)),
        "repeat" => {
            let n = int_arg(&args, 0, name)?;
            if n < 0 {
                return Err(Exn::new(
                    "java.lang.IllegalArgumentException",
                    format!("count is negative: {n}"),
                ));
            }
            Exn::check_text(s.len().saturating_mul(n as usize))?;
            Value::str(&s.repeat(n as usize))
        }
        "head" => match utf16::chars(s).next() {
            Some(c) => Value::Char(c),
            None => {
                return Err(Exn::new(
                    "java.util.NoSuchElementException",
                    "head of empty String",
                ))
            }
        },
        "headOption" => Value::option(utf16::chars(s).next().map(Value::Char)),
        "lastOption" => Value::option(utf16::chars(s).last().map(Value::Char)),
        // `"abc".permutations`: an iterator of strings, as a sequence's of sequences.
        "permutations" | "combinations" => {
            let chars: Vec<Value> = utf16::chars(s).map(Value::Char).collect();
            let picks = if name == "permutations" {
                super::seq_more::permutations(rt, &chars)?
            } else {
                super::seq_more::combinations(rt, &chars, int_arg(&args, 0, name)?)?
            };
            let all = picks
                .into_iter()
                .map(|p| Value::str(&p.iter().map(Value::to_text).collect::<String>()))
                .collect();
            IterObj::wrap(crate::rdd::VecIter::new(Rc::new(all)))
        }
        "last" => match utf16::chars(s).last() {
            Some(c) => Value::Char(c),
            None => {
                return Err(Exn::new(
                    "java.util.NoSuchElementException",
                    "last of empty String",
                ))
            }
        },
        "capitalize" => {
            let mut chars = utf16::chars(s);
            match chars.next() {
                Some(c) if c.is_lowercase() => {
                    Value::str(&c.to_uppercase().chain(chars).collect::<String>())
                }
                _ => recv.clone(),
            }
        }
        "indexOf" | "lastIndexOf" => {
            // Java's `indexOf(str or char[, from])`, in characters.
            let chars: Vec<char> = utf16::chars(s).collect();
            let needle: Vec<char> = utf16::chars(&arg(&args, 0, name)?.to_string()).collect();
            let n = chars.len() as i64;
            let from = match args.len() {
                1 => None,
                _ => Some(int_arg(&args, 1, name)?),
            };
            let fits = |i: usize| chars.get(i..i + needle.len()) == Some(&needle[..]);
            let found = if name == "indexOf" {
                let from = from.unwrap_or(0).clamp(0, n) as usize;
                (from..=chars.len()).find(|&i| fits(i))
            } else {
                let from = from.unwrap_or(n).min(n);
                (0..=from.max(-1))
                    .rev()
                    .map(|i| i as usize)
                    .find(|&i| fits(i))
            };
            Value::Int(found.map_or(-1, |i| i as i32))
        }
        "toCharArray" => Value::Seq(
            SeqKind::Array,
            Rc::new(utf16::chars(s).map(Value::Char).collect()),
        ),
        _ if CHAR_SEQ_METHODS.contains(&name) => return chars_method(rt, s, name, args),
        _ => return Err(not_member(name, recv)),
    })
}

/// `StringOps` methods that treat a string as a sequence of `Char`s (run as a `Vector`'s):
/// the last 52 of `STRING_METHODS`, from `map` on.
const CHAR_SEQ_METHODS: &[&str] = STRING_METHODS.split_at(STRING_METHODS.len() - 54).1;
const _: () = assert!(matches!(CHAR_SEQ_METHODS[0].as_bytes(), b"map"));

/// A `CHAR_SEQ_METHODS` call: what gives characters back gives a `String` (`"abc".filter`,
/// `sorted`, `map(_.toUpper)`), a `map` to other values an `ArraySeq`, `groupBy` strings.
fn chars_method(rt: &mut Runtime, s: &str, name: &str, args: Vec<Value>) -> R {
    let chars = Value::Seq(
        SeqKind::Vector,
        Rc::new(utf16::chars(s).map(Value::Char).collect()),
    );
    let as_string = |v: &Value| match v {
        Value::Seq(_, items) => items
            .iter()
            .map(|c| match c {
                Value::Char(c) => Some(*c),
                _ => None,
            })
            .collect::<Option<String>>()
            .map(|s| Value::str(&s)),
        _ => None,
    };
    if s.is_empty() && matches!(name, "tail" | "init") {
        let message = format!("{name} of empty String");
        return Err(Exn::new("java.lang.UnsupportedOperationException", message));
    }
    if name == "sum" && !s.is_empty() {
        // `Numeric[Char]`: the sum as a `Char`, wrapped to 16 bits.
        let sum = utf16::units(s).fold(0u16, u16::wrapping_add);
        return Ok(Value::Char(utf16::half(sum)));
    }
    // `s.diff("hl")`, `s.patch(0, "ab", 1)`: another string as a sequence of characters.
    let args = match name {
        "diff" | "intersect" | "patch" | "zip" | "corresponds" => args
            .into_iter()
            .map(|a| match a {
                Value::Str(t) => Value::Seq(
                    SeqKind::Vector,
                    Rc::new(utf16::chars(&t).map(Value::Char).collect()),
                ),
                a => a,
            })
            .collect(),
        // `StringOps.updated(index, elem: Char)`: an `Int` constant is narrowed to a `Char`.
        "updated" => args
            .into_iter()
            .enumerate()
            .map(|(i, a)| match a {
                Value::Int(n) if i == 1 => Value::Char(utf16::from_int(n.into())),
                a => a,
            })
            .collect(),
        _ => args,
    };
    if let ("updated", Some(Value::Int(i))) = (name, args.first()) {
        // `StringOps.updated` sets the character in a `StringBuilder`: Java's words.
        let len = utf16::len(s);
        if *i < 0 || *i as usize >= len {
            return Err(Exn::new(
                "java.lang.StringIndexOutOfBoundsException",
                format!("index {i}, length {len}"),
            ));
        }
    }
    let out = seq_method(rt, &chars, name, args)?;
    Ok(match (name, &out) {
        ("map", Value::Seq(_, items)) => {
            as_string(&out).unwrap_or_else(|| Value::Seq(SeqKind::ArraySeq, items.clone()))
        }
        // `StringOps.groupBy`: the sequence's `HashMap` of groups, made a `Map` again
        // (`.view.mapValues(_.unwrap).toMap`): up to four entries keep its order as a `Map`.
        ("groupBy", Value::Seq(kind, groups)) => Value::Seq(
            if groups.len() <= 4 {
                SeqKind::Map
            } else {
                *kind
            },
            Rc::new(
                groups
                    .iter()
                    .map(|g| match g.as_pair() {
                        Some((k, v)) => Value::pair(k.clone(), as_string(v).unwrap_or(v.clone())),
                        None => g.clone(),
                    })
                    .collect(),
            ),
        ),
        (
            "flatMap" | "filter" | "filterNot" | "distinct" | "sorted" | "sortBy" | "sortWith"
            | "takeWhile" | "dropWhile" | "tail" | "init" | "slice" | "diff" | "intersect"
            | "updated" | ":+" | "+:" | "prepended" | "patch" | "distinctBy" | "collect",
            _,
        ) => as_string(&out).unwrap_or(out),
        ("partition" | "splitAt" | "span", _) => match out.as_pair() {
            Some((a, b)) => match (as_string(a), as_string(b)) {
                (Some(a), Some(b)) => Value::pair(a, b),
                _ => out,
            },
            None => out,
        },
        _ => out,
    })
}

/// `String.compareTo`: the difference of the first UTF-16 units that differ, else of the
/// lengths (`"a".compareTo("c")` is -2).
fn java_compare_to(a: &str, b: &str) -> i32 {
    let (mut x, mut y) = (utf16::units(a), utf16::units(b));
    loop {
        match (x.next(), y.next()) {
            (Some(p), Some(q)) if p != q => return i32::from(p) - i32::from(q),
            (Some(_), Some(_)) => {}
            _ => return utf16::len(a) as i32 - utf16::len(b) as i32,
        }
    }
}

/// Java's `String.format` (see [`super::java_format`]).
pub fn java_format(fmt: &str, args: &[Value]) -> Result<String, Exn> {
    super::java_format::format(fmt, args)
}

/// `math.round(x)` of a `Double`: halves up, NaN to 0, saturating.
pub fn round_half_up(x: f64) -> i64 {
    if x.is_nan() {
        0
    } else {
        (x + 0.5).floor() as i64
    }
}

fn number_method(rt: &mut Runtime, recv: &Value, name: &str, args: Vec<Value>) -> R {
    let _ = rt;
    let as_i64 = |v: &Value| match v {
        Value::Int(i) => *i as i64,
        Value::Long(l) => *l,
        Value::Char(c) => i64::from(utf16::unit(*c)),
        Value::Double(d) => *d as i64,
        _ => 0,
    };
    // A number (or a `Char`'s code) as a `Double`.
    let num_f64 = |v: &Value| match v {
        Value::Double(d) => *d,
        v => as_i64(v) as f64,
    };
    Ok(match name {
        "toInt" => Value::Int(match recv {
            Value::Double(d) => {
                if d.is_nan() {
                    0
                } else {
                    d.clamp(i32::MIN as f64, i32::MAX as f64) as i32
                }
            }
            v => as_i64(v) as i32,
        }),
        "toLong" => Value::Long(match recv {
            Value::Double(d) => *d as i64,
            v => as_i64(v),
        }),
        "toDouble" => Value::Double(match recv {
            Value::Double(d) => *d,
            v => as_i64(v) as f64,
        }),
        // A Java `char` is the low 16 bits (a lone surrogate has no `char` here: U+FFFD).
        "toChar" => Value::Char(utf16::from_int(as_i64(recv))),
        // RichInt's and RichLong's digits, unsigned two's complement as in Java.
        "toBinaryString" | "toHexString" | "toOctalString"
            if matches!(recv, Value::Int(_) | Value::Long(_) | Value::Char(_)) =>
        {
            let n = match recv {
                Value::Long(l) => *l as u64,
                v => as_i64(v) as i32 as u32 as u64,
            };
            Value::str(&match name {
                "toBinaryString" => format!("{n:b}"),
                "toHexString" => format!("{n:x}"),
                _ => format!("{n:o}"),
            })
        }
        "toString" => Value::str(&match recv {
            Value::Double(d) => java_double(*d),
            v => v.to_string(),
        }),
        "abs" => match recv {
            Value::Int(i) => Value::Int(i.wrapping_abs()),
            Value::Long(l) => Value::Long(l.wrapping_abs()),
            Value::Double(d) => Value::Double(d.abs()),
            v => v.clone(),
        },
        // `2.5.round`: `math.round`, a `Long`, halves up; a whole number is itself.
        "round" => match recv {
            Value::Double(d) => Value::Long(round_half_up(*d)),
            v => v.clone(),
        },
        // `RichDouble`'s (a whole number's `isWhole` is true).
        "floor" | "ceil" | "isNaN" | "isInfinity" | "isWhole" => {
            let d = num_f64(recv);
            match name {
                "floor" => Value::Double(d.floor()),
                "ceil" => Value::Double(d.ceil()),
                "isNaN" => Value::Bool(d.is_nan()),
                "isInfinity" => Value::Bool(d.is_infinite()),
                _ => Value::Bool(d.is_finite() && d.fract() == 0.0),
            }
        }
        // `signum` an `Int` of a `Double` (0 for 0 and NaN); `sign` keeps the type, as
        // `math.signum` does (-0.0, NaN themselves).
        "signum" | "sign" => match recv {
            Value::Double(d) if name == "sign" => Value::Double(if *d == 0.0 || d.is_nan() {
                *d
            } else {
                d.signum()
            }),
            Value::Double(d) => Value::Int(i32::from(*d > 0.0) - i32::from(*d < 0.0)),
            Value::Long(l) => Value::Long(l.signum()),
            v => Value::Int(as_i64(v).signum() as i32),
        },
        // `Integer.compare`, `Double.compare`: -1, 0 or 1.
        "compare" | "compareTo" => {
            let other = arg(&args, 0, name)?;
            let order = match (recv, &other) {
                (Value::Double(_), _) | (_, Value::Double(_)) => {
                    num_f64(recv).total_cmp(&num_f64(&other))
                }
                _ => as_i64(recv).cmp(&as_i64(&other)),
            };
            Value::Int(order as i32)
        }
        "max" | "min"
            if matches!(recv, Value::Double(_))
                || matches!(args.first(), Some(Value::Double(_))) =>
        {
            // `RichDouble.max` is `java.lang.Math.max`: NaN wins, and 0.0 is above -0.0.
            let (a, b) = (num_f64(recv), num_f64(&arg(&args, 0, name)?));
            Value::Double(if a.is_nan() || b.is_nan() {
                f64::NAN
            } else if a == b {
                // Equal, or zeros of two signs: max takes the positive one, min the negative.
                if (name == "max") == a.is_sign_negative() {
                    b
                } else {
                    a
                }
            } else if (name == "max") == (a > b) {
                a
            } else {
                b
            })
        }
        "max" | "min" => {
            let other = arg(&args, 0, name)?;
            let less =
                super::interp::binary(rt, super::ast::BinOp::Lt, recv.clone(), other.clone())?
                    .as_bool()
                    == Some(true);
            if (name == "max") == less {
                other
            } else {
                recv.clone()
            }
        }
        "to" | "until" => {
            // `1.to(10, 3)`: `RichInt`'s step as a second argument.
            let end = int_arg(&args, 0, name)?;
            let step = if args.len() > 1 {
                int_arg(&args, 1, name)?
            } else {
                1
            };
            return range(as_i64(recv), end, step, name == "until");
        }
        "isWhitespace" => Value::Bool(matches!(recv, Value::Char(c) if is_java_whitespace(*c))),
        "isSurrogate" | "isHighSurrogate" | "isLowSurrogate" => {
            Value::Bool(matches!(recv, Value::Char(c) if utf16::is_surrogate(*c, name)))
        }
        "isDigit" => Value::Bool(matches!(recv, Value::Char(c) if is_java_digit(*c))),
        // `Character.digit(c, 36)`: digits, then letters from 10; -1 for anything else.
        "asDigit" => Value::Int(match recv {
            Value::Char(c) => java_digit(*c, 36).map_or(-1, |d| d as i32),
            _ => -1,
        }),
        "isLetter" => Value::Bool(matches!(recv, Value::Char(c) if is_java_letter(*c))),
        "isUpper" => Value::Bool(matches!(recv, Value::Char(c) if c.is_uppercase())),
        "isLower" => Value::Bool(matches!(recv, Value::Char(c) if c.is_lowercase())),
        "isLetterOrDigit" => {
            Value::Bool(matches!(recv, Value::Char(c) if is_java_letter(*c) || is_java_digit(*c)))
        }
        "toUpper" => match recv {
            Value::Char(c) => Value::Char(java_upper(*c)),
            v => v.clone(),
        },
        "toLower" => match recv {
            Value::Char(c) => Value::Char(java_lower(*c)),
            v => v.clone(),
        },
        "+" | "-" | "*" | "/" | "%" | "<" | ">" | "<=" | ">=" => {
            use super::ast::BinOp::*;
            let op = match name {
                "+" => Add,
                "-" => Sub,
                "*" => Mul,
                "/" => Div,
                "%" => Rem,
                "<" => Lt,
                ">" => Gt,
                "<=" => Le,
                _ => Ge,
            };
            return super::interp::binary(rt, op, recv.clone(), arg(&args, 0, name)?);
        }
        // Scala has them; the playground's numbers are `Int`, `Long` and `Double`.
        "toFloat" | "toShort" | "toByte" => return Err(Exn::unsupported(super::lexer::FLOAT)),
        _ => return Err(not_member(name, recv)),
    })
}

fn option_method(rt: &mut Runtime, recv: &Value, name: &str, args: Vec<Value>) -> R {
    let inner = match recv {
        Value::Some(v) => Some((**v).clone()),
        _ => None,
    };
    Ok(match name {
        "getOrElse" => match inner {
            Some(v) => v,
            None => args.first().cloned().unwrap_or(Value::Unit),
        },
        "get" => inner.ok_or_else(|| Exn::new("java.util.NoSuchElementException", "None.get"))?,
        "isDefined" | "nonEmpty" => Value::Bool(inner.is_some()),
        "isEmpty" => Value::Bool(inner.is_none()),
        "orElse" => match inner {
            Some(_) => recv.clone(),
            None => arg(&args, 0, name)?,
        },
        "orNull" => inner.unwrap_or(Value::Null),
        // `o.toRight(l)`: `Right(x)` or `Left(l)`; `toLeft` the other way round.
        "toRight" | "toLeft" => {
            let right = name == "toRight";
            match inner {
                Some(x) => super::either::make(rt, if right { "Right" } else { "Left" }, x)?,
                None => {
                    let other = arg(&args, 0, name)?;
                    super::either::make(rt, if right { "Left" } else { "Right" }, other)?
                }
            }
        }
        // `Option.zip(that: Option[B])`: both values, or `None`.
        "zip" => match (inner, arg(&args, 0, name)?) {
            (Some(a), Value::Some(b)) => Value::option(Some(Value::pair(a, (*b).clone()))),
            _ => Value::None,
        },
        "iterator" => IterObj::wrap(VecIter::new(Rc::new(inner.into_iter().collect()))),
        "map" => match inner {
            Some(v) => {
                let f = func_arg(&args, 0, name)?;
                Value::option(Some(rt.call(&f, &[v])?))
            }
            None => Value::None,
        },
        "flatMap" => match inner {
            Some(v) => {
                let f = func_arg(&args, 0, name)?;
                rt.call(&f, &[v])?
            }
            None => Value::None,
        },
        "filter" => match inner {
            Some(v) => {
                let f = func_arg(&args, 0, name)?;
                if rt.call(&f, std::slice::from_ref(&v))?.as_bool() == Some(true) {
                    recv.clone()
                } else {
                    Value::None
                }
            }
            None => Value::None,
        },
        "foreach" => {
            if let Some(v) = inner {
                let f = func_arg(&args, 0, name)?;
                rt.call(&f, &[v])?;
            }
            Value::Unit
        }
        "exists" | "contains" => match inner {
            Some(v) => {
                if name == "contains" {
                    Value::Bool(v.scala_eq(&arg(&args, 0, name)?))
                } else {
                    let f = func_arg(&args, 0, name)?;
                    rt.call(&f, &[v])?
                }
            }
            None => Value::Bool(false),
        },
        "toList" | "toSeq" => Value::list(inner.into_iter().collect()),
        // `o.collect { case ... }`: `Some(f(v))` where the partial function is defined.
        "collect" => match inner {
            Some(v) => {
                let f = func_arg(&args, 0, name)?;
                if super::interp::is_defined_at(rt, &f, &v)? {
                    Value::option(Some(rt.call(&f, &[v])?))
                } else {
                    Value::None
                }
            }
            None => Value::None,
        },
        "filterNot" | "forall" => match inner {
            Some(v) => {
                let f = func_arg(&args, 0, name)?;
                let b = rt.call(&f, std::slice::from_ref(&v))?.as_bool() == Some(true);
                match name {
                    "forall" => Value::Bool(b),
                    _ if b => Value::None,
                    _ => recv.clone(),
                }
            }
            None if name == "forall" => Value::Bool(true),
            None => Value::None,
        },
        "fold" => match inner {
            Some(v) => {
                let f = func_arg(&args, 1, name)?;
                rt.call(&f, &[v])?
            }
            None => arg(&args, 0, name)?,
        },
        _ => return Err(not_member(name, recv)),
    })
}

/// `sorted`, `sortBy`, `max`, `min`, `maxBy`, `minBy` with an explicit `Ordering`: the
/// sort is stable; `max` keeps the first of equal values (Scala's `reduceLeft` with
/// `ord.gteq`), `maxBy` the first of equal keys.
fn ordered(
    rt: &mut Runtime,
    kind: SeqKind,
    items: &[Value],
    name: &str,
    args: &[Value],
    ord: &Rc<super::ordering_obj::Ord>,
) -> R {
    use super::ordering_obj::{compare, sort};
    let keys = match name {
        "sortBy" | "maxBy" | "minBy" => {
            let f = func_arg(args, 0, name)?;
            let mut keys = Vec::with_capacity(items.len());
            for v in items {
                keys.push(rt.call(&f, std::slice::from_ref(v))?);
            }
            keys
        }
        _ => items.to_vec(),
    };
    if matches!(name, "sorted" | "sortBy") {
        let mut pairs: Vec<Value> = keys
            .into_iter()
            .zip(items.iter().cloned())
            .map(|(k, v)| Value::pair(k, v))
            .collect();
        let by_key = super::ordering_obj::Ord::By(
            Func::native("_1", |_rt, a| {
                Ok(a[0].as_pair().map_or(Value::Null, |(k, _)| k.clone()))
            }),
            ord.clone(),
        );
        sort(rt, &mut pairs, &by_key, false)?;
        let sorted = pairs
            .iter()
            .map(|p| p.as_pair().map_or(Value::Null, |(_, v)| v.clone()));
        return Ok(Value::Seq(out_kind(kind), Rc::new(sorted.collect())));
    }
    let mut best: Option<usize> = None;
    for i in 0..items.len() {
        best = Some(match best {
            None => i,
            Some(b) => {
                let c = compare(rt, ord, &keys[i], &keys[b])?;
                let better = if name.starts_with("max") {
                    c.is_gt()
                } else {
                    c.is_lt()
                };
                if better {
                    i
                } else {
                    b
                }
            }
        });
    }
    best.map(|b| items[b].clone()).ok_or_else(|| {
        Exn::new(
            "java.lang.UnsupportedOperationException",
            format!("empty.{name}"),
        )
    })
}

/// `start to end by step` (`until`), its numbers computed: a range of more than 10 million
/// numbers is refused.
pub fn range(start: i64, end: i64, step: i64, until: bool) -> R {
    if step == 0 {
        return Err(Exn::new(
            "java.lang.IllegalArgumentException",
            "step cannot be 0.",
        ));
    }
    RangeForm::range(start, end, step, until, 10_000_000)
        .map_err(|_| Exn::unsupported("a range of more than 10 million numbers"))
}

/// The kind of collection a transformation of a `k` gives (`(1 to 3).map(...)` is a `Vector`, a
/// map's `values.filter(...)` a `List`).
fn out_kind(k: SeqKind) -> SeqKind {
    match k {
        SeqKind::Range(_) => SeqKind::Vector,
        SeqKind::CompactBuffer | SeqKind::Iterable => SeqKind::List,
        other => collections::own_factory(other),
    }
}

/// What Scala 2.13 throws for `head`, `last`, `tail` or `init` of an empty `kind`: each
/// collection words it its own way, some with no message at all (Spark 4.3.0's Scala, oracle).
pub(super) fn empty_exn(kind: SeqKind, name: &str) -> Exn {
    let class = if matches!(name, "head" | "last") {
        "java.util.NoSuchElementException"
    } else {
        "java.lang.UnsupportedOperationException"
    };
    let own = matches!(name, "head" | "last");
    let message = match kind {
        SeqKind::List | SeqKind::CompactBuffer => format!("{name} of empty list"),
        SeqKind::Array => format!("{name} of empty array"),
        SeqKind::Vector if name == "last" => "empty.tail".into(),
        SeqKind::Vector => format!("empty.{name}"),
        SeqKind::ArrayBuffer if own => format!("{name} of empty ArrayBuffer"),
        SeqKind::Queue if own => format!("{name} of empty Queue"),
        SeqKind::Stack if own => format!("{name} of empty Stack"),
        SeqKind::ArraySeq if own => format!("{name} of empty ArraySeq"),
        SeqKind::ArraySeq if name == "tail" => "tail of empty array".into(),
        SeqKind::ListBuffer if name == "last" => "last of empty ListBuffer".into(),
        SeqKind::Range(_) => {
            let message = format!("{name} on empty Range");
            return Exn::new("java.util.NoSuchElementException", message);
        }
        // A red-black tree's own words (oracle: empty_trees).
        SeqKind::TreeMap | SeqKind::TreeSet => {
            return Exn::new("java.util.NoSuchElementException", "empty tree");
        }
        SeqKind::MutableMap(Table::Tree) | SeqKind::MutableSet(Table::Tree) if own => {
            "None.get".into()
        }
        SeqKind::MutableMap(t @ Table::Linked) | SeqKind::MutableSet(t @ Table::Linked) if own => {
            let class = t.class_name(collections::is_map(kind));
            format!("Cannot call .{name} on empty {class}")
        }
        // Through an iterator (sets, maps, a ListBuffer's head), or IterableOps's bare throw.
        _ if own => "next on empty iterator".into(),
        _ => String::new(),
    };
    Exn::new(class, message)
}

fn seq_method(rt: &mut Runtime, recv: &Value, name: &str, args: Vec<Value>) -> R {
    let Value::Seq(kind, items) = recv else {
        return Err(not_member(name, recv));
    };
    let kind = *kind;
    // Scala's other names for what runs under one.
    let name = match (name, kind) {
        ("scan", _) => "scanLeft",
        ("union" | "appendedAll", _) => "++",
        ("appended", _) => ":+",
        ("toIndexedSeq", SeqKind::List | SeqKind::Vector) => "toVector",
        _ => name,
    };
    if name == "withFilter" {
        let p = func_arg(&args, 0, name)?;
        return Ok(super::with_filter::new(kind, items.clone(), p));
    }
    if name == "lazyZip" {
        let other = arg(&args, 0, name)?;
        return super::lazy_zip::new(rt, vec![recv.clone(), other], false);
    }
    if name == "clone" && args.is_empty() && super::shared_ref::is_mutable(recv) {
        // A copy: the contents as they are, which a name binds in a cell of its own (see
        // `shared_ref`), so updates of one do not show in the other.
        return Ok(recv.clone());
    }
    if let Some(base) = name.strip_suffix("Option").filter(|b| {
        matches!(
            *b,
            "reduce" | "reduceLeft" | "reduceRight" | "max" | "min" | "maxBy" | "minBy"
        )
    }) {
        // `xs.reduceOption(f)`: `None` for no elements, else `Some(xs.reduce(f))`.
        if items.is_empty() {
            return Ok(Value::None);
        }
        return Ok(Value::option(Some(seq_method(rt, recv, base, args)?)));
    }
    let ord_at = usize::from(matches!(name, "sortBy" | "maxBy" | "minBy"));
    if let Some(ord) = super::ordering_obj::of(args.get(ord_at)) {
        return ordered(rt, kind, items, name, &args, &ord);
    }
    if let (SeqKind::Range(form), "by" | "reverse") = (kind, name) {
        let (first, last) = match (items.first(), items.last()) {
            (Some(Value::Int(a)), Some(Value::Int(b))) => (*a as i64, *b as i64),
            _ if name == "reverse" => return Ok(recv.clone()),
            _ => (form.edge as i64, form.edge as i64 + form.width as i64),
        };
        return if name == "reverse" {
            range(last, first, -(form.step as i64), false)
        } else {
            let end = if items.is_empty() {
                last
            } else {
                last + form.edge as i64
            };
            range(first, end, int_arg(&args, 0, name)?, form.until)
        };
    }
    if name == "collect" && args.len() == 1 {
        // `xs.collect { case ... }`: the partial function's results where it is defined (a
        // case lambda's match failing on the element itself is "not defined", as
        // `applyOrElse` runs it once).
        let f = func_arg(&args, 0, name)?;
        let mut out = Vec::new();
        for v in items.iter() {
            match rt.call(&f, std::slice::from_ref(v)) {
                Ok(x) => out.push(x),
                Err(e)
                    if e.class == "scala.MatchError"
                        && e.message == super::class_obj::ClassObj::match_error(v).message => {}
                Err(e) => return Err(e),
            }
        }
        // A map's or a set's as its `map` builds them (a `List` of what are not pairs).
        if collections::is_map(kind) || collections::is_set(kind) {
            return Ok(collections::mapped(kind, out));
        }
        return Ok(Value::Seq(out_kind(kind), Rc::new(out)));
    }
    if let Some(r) = super::with_default::with_default(recv, name, &args) {
        return r;
    }
    if collections::is_map(kind) || collections::is_set(kind) {
        if let Some(r) = collections::method(rt, kind, items, name, &args) {
            return r;
        }
    }
    let ok = out_kind(kind);
    // A set's or a map's scans are built by its `iterableFactory`: a map's a `List`, a
    // `TreeSet`'s (and a sorted map's keys') a `Set`.
    if matches!(name, "scanLeft" | "scanRight" | "scan")
        && (collections::is_set(kind) || collections::is_map(kind))
    {
        let all = super::seq_more::method(rt, SeqKind::List, items, name, &args)?;
        let Value::Seq(_, all) = all else {
            return Ok(all);
        };
        let all = all.to_vec();
        return Ok(match kind {
            _ if collections::is_map(kind) => Value::list(all),
            SeqKind::MutableSet(Table::Tree) => {
                collections::mapped(SeqKind::MutableSet(Table::Hash(16)), all)
            }
            _ if collections::sorted(kind) => collections::build(false, false, all),
            _ => collections::mapped(kind, all),
        });
    }
    if super::seq_more::METHODS.contains(&name) {
        return super::seq_more::method(rt, ok, items, name, &args);
    }
    let mk = |v: Vec<Value>| Value::Seq(ok, Rc::new(v));
    let num = |v: &Value| -> Result<(), Exn> {
        match v {
            Value::Int(_) | Value::Long(_) | Value::Double(_) => Ok(()),
            other => Err(Exn::unsupported(format!(
                "sum/max/min need numbers, found {}",
                other.type_name()
            ))),
        }
    };
    Ok(match name {
        "size" | "length" => Value::Int(items.len() as i32),
        // `xs.sizeIs > 2`: the size, compared by its operators (Scala's `SizeCompareOps`
        // stops counting early; the answer is the same).
        "sizeIs" | "lengthIs" => Value::Int(items.len() as i32),
        "isEmpty" => Value::Bool(items.is_empty()),
        "nonEmpty" => Value::Bool(!items.is_empty()),
        "head" | "last" | "tail" | "init" if items.is_empty() => return Err(empty_exn(kind, name)),
        "head" => items[0].clone(),
        "headOption" => Value::option(items.first().cloned()),
        "last" => items[items.len() - 1].clone(),
        "tail" => mk(items[1..].to_vec()),
        "init" => mk(items[..items.len() - 1].to_vec()),
        "slice" => {
            let n = items.len() as i64;
            let from = int_arg(&args, 0, name)?.clamp(0, n) as usize;
            let until = int_arg(&args, 1, name)?.clamp(from as i64, n) as usize;
            mk(items[from..until].to_vec())
        }
        "apply" => {
            let i = int_arg(&args, 0, name)?;
            match items.get(i as usize) {
                Some(v) if i >= 0 => v.clone(),
                _ => {
                    // Each collection's own words (Scala 2.13, Spark 4.3.0's oracle): an
                    // array's JVM check, an indexed sequence's bounds, a list's index alone.
                    let n = items.len();
                    return Err(match kind {
                        SeqKind::Array | SeqKind::ArraySeq => Exn::new(
                            "java.lang.ArrayIndexOutOfBoundsException",
                            format!("Index {i} out of bounds for length {n}"),
                        ),
                        SeqKind::Vector | SeqKind::ArrayBuffer | SeqKind::Range(_) => Exn::new(
                            "java.lang.IndexOutOfBoundsException",
                            format!("{i} is out of bounds (min 0, max {})", n as i64 - 1),
                        ),
                        _ => Exn::new("java.lang.IndexOutOfBoundsException", format!("{i}")),
                    });
                }
            }
        }
        "sum" => {
            let mut acc = Value::Int(0);
            for v in items.iter() {
                num(v)?;
                acc = super::interp::binary(rt, super::ast::BinOp::Add, acc, v.clone())?;
            }
            acc
        }
        "max" | "min" => {
            if let (SeqKind::Range(form), true) = (kind, items.is_empty()) {
                // Range's max is its last number (its head when it counts down), so an empty
                // one fails as that would.
                let end = if (name == "max") == (form.step > 0) {
                    "last"
                } else {
                    "head"
                };
                return Err(empty_exn(kind, end));
            }
            let mut it = items.iter();
            let mut best = it.next().cloned().ok_or_else(|| {
                Exn::new(
                    "java.lang.UnsupportedOperationException",
                    format!("empty.{name}"),
                )
            })?;
            for v in it {
                // Scala's `reduceLeft((x, y) => if (ord.gteq(x, y)) x else y)` (`lteq` for
                // `min`): x is the best so far.
                let c = compare(rt, &best, v)?;
                if (name == "max" && c.is_lt()) || (name == "min" && c.is_gt()) {
                    best = v.clone();
                }
            }
            best
        }
        "contains" => {
            let x = arg(&args, 0, name)?;
            Value::Bool(items.iter().any(|v| v.scala_eq(&x)))
        }
        "count" | "exists" | "forall" | "filter" | "filterNot" | "map" | "flatMap" | "foreach"
        | "find" | "takeWhile" | "dropWhile" | "partition" | "groupBy" | "sortBy" | "reduce"
        | "reduceLeft" | "foldLeft" | "fold" | "aggregate" | "maxBy" | "minBy" => {
            let f_idx = if matches!(name, "foldLeft" | "fold" | "aggregate") {
                1
            } else {
                0
            };
            let f = func_arg(&args, f_idx, name)?;
            let mut acc_vec = Vec::new();
            match name {
                "count" => {
                    let mut n = 0;
                    for v in items.iter() {
                        if rt.call(&f, std::slice::from_ref(v))?.as_bool() == Some(true) {
                            n += 1;
                        }
                    }
                    return Ok(Value::Int(n));
                }
                "exists" | "forall" | "find" => {
                    for v in items.iter() {
                        let b = rt.call(&f, std::slice::from_ref(v))?.as_bool() == Some(true);
                        if name == "exists" && b {
                            return Ok(Value::Bool(true));
                        }
                        if name == "forall" && !b {
                            return Ok(Value::Bool(false));
                        }
                        if name == "find" && b {
                            return Ok(Value::option(Some(v.clone())));
                        }
                    }
                    return Ok(match name {
                        "exists" => Value::Bool(false),
                        "forall" => Value::Bool(true),
                        _ => Value::None,
                    });
                }
                "reduce" | "reduceLeft" => {
                    let mut it = items.iter();
                    let mut acc = it.next().cloned().ok_or_else(|| {
                        Exn::new(
                            "java.lang.UnsupportedOperationException",
                            "empty.reduceLeft",
                        )
                    })?;
                    for v in it {
                        acc = rt.call(&f, &[acc, v.clone()])?;
                    }
                    return Ok(acc);
                }
                // `aggregate(z)(seqop, combop)`: deprecated in 2.13, one `foldLeft`.
                "foldLeft" | "fold" | "aggregate" => {
                    let mut acc = arg(&args, 0, name)?;
                    for v in items.iter() {
                        acc = rt.call(&f, &[acc, v.clone()])?;
                    }
                    return Ok(acc);
                }
                "maxBy" | "minBy" => {
                    let mut best: Option<(Value, Value)> = None;
                    for v in items.iter() {
                        let k = rt.call(&f, std::slice::from_ref(v))?;
                        let better = match &best {
                            None => true,
                            // Scala's `Ordering` of the keys (tuples field by field; numbers
                            // of two types, which a typed program would have widened, by
                            // value); the first of equal keys stays.
                            Some((bk, _)) => {
                                let (wanted, op) = if name == "maxBy" {
                                    (std::cmp::Ordering::Greater, super::ast::BinOp::Gt)
                                } else {
                                    (std::cmp::Ordering::Less, super::ast::BinOp::Lt)
                                };
                                match crate::ordering::compare(&k, bk) {
                                    Ok(c) => c == wanted,
                                    Err(e) => {
                                        super::interp::binary(rt, op, k.clone(), bk.clone())
                                            .map_err(|_| e)?
                                            .as_bool()
                                            == Some(true)
                                    }
                                }
                            }
                        };
                        if better {
                            best = Some((k, v.clone()));
                        }
                    }
                    return best.map(|(_, v)| v).ok_or_else(|| {
                        Exn::new(
                            "java.lang.UnsupportedOperationException",
                            format!("empty.{name}"),
                        )
                    });
                }
                _ => {}
            }
            let mut keep = Vec::new();
            let mut rest = Vec::new();
            let mut dropping = true;
            let mut taking = true;
            for v in items.iter() {
                match name {
                    "filter" | "filterNot" | "partition" => {
                        let b = rt.call(&f, std::slice::from_ref(v))?.as_bool() == Some(true);
                        if b == (name != "filterNot") {
                            keep.push(v.clone());
                        } else {
                            rest.push(v.clone());
                        }
                    }
                    "map" => acc_vec.push(rt.call(&f, std::slice::from_ref(v))?),
                    "sortBy" => acc_vec.push(rt.call(&f, std::slice::from_ref(v))?),
                    "flatMap" => {
                        let out = rt.call(&f, std::slice::from_ref(v))?;
                        acc_vec.extend(iterate(rt, &out)?);
                    }
                    "foreach" => {
                        rt.call(&f, std::slice::from_ref(v))?;
                    }
                    "takeWhile" => {
                        if taking && rt.call(&f, std::slice::from_ref(v))?.as_bool() == Some(true) {
                            keep.push(v.clone());
                        } else {
                            taking = false;
                        }
                    }
                    "dropWhile" => {
                        if dropping && rt.call(&f, std::slice::from_ref(v))?.as_bool() == Some(true)
                        {
                            continue;
                        }
                        dropping = false;
                        keep.push(v.clone());
                    }
                    "groupBy" => {
                        let k = rt.call(&f, std::slice::from_ref(v))?;
                        match acc_vec
                            .iter()
                            .position(|g: &Value| g.pair_key().is_some_and(|gk| gk.scala_eq(&k)))
                        {
                            Some(i) => {
                                let (gk, gv) = acc_vec[i]
                                    .as_pair()
                                    .map(|(a, b)| (a.clone(), b.clone()))
                                    .unwrap_or((Value::Null, Value::Null));
                                let mut items =
                                    gv.as_seq().map(<[Value]>::to_vec).unwrap_or_default();
                                items.push(v.clone());
                                acc_vec[i] = Value::pair(gk, Value::Seq(ok, Rc::new(items)));
                            }
                            None => acc_vec
                                .push(Value::pair(k, Value::Seq(ok, Rc::new(vec![v.clone()])))),
                        }
                    }
                    _ => {}
                }
            }
            match name {
                "filter" | "filterNot" | "takeWhile" | "dropWhile" => mk(keep),
                "partition" => Value::pair(mk(keep), mk(rest)),
                "map" | "flatMap" => mk(acc_vec),
                // `ArrayOps.groupBy` gathers in a `mutable.HashMap` made an immutable `Map`
                // (a `Map` of up to four groups in that table's order), a collection's
                // builds a `HashMap` (Spark 4.3.0's Scala, oracle: array_group_by).
                "groupBy" if kind == SeqKind::Array => collections::from_mutable_map(acc_vec)?,
                "groupBy" => collections::build(true, true, acc_vec),
                "sortBy" => {
                    let mut idx: Vec<usize> = (0..items.len()).collect();
                    sort_values_by(rt, &mut idx, &acc_vec)?;
                    mk(idx.into_iter().map(|i| items[i].clone()).collect())
                }
                _ => Value::Unit,
            }
        }
        "sorted" => {
            let mut idx: Vec<usize> = (0..items.len()).collect();
            sort_values_by(rt, &mut idx, items)?;
            mk(idx.into_iter().map(|i| items[i].clone()).collect())
        }
        "sortWith" => {
            // sorted(Ordering.fromLessThan(lt)): stable, `b` before `a` only when lt(b, a).
            let lt = func_arg(&args, 0, name)?;
            let mut idx: Vec<usize> = (0..items.len()).collect();
            for i in 1..idx.len() {
                let mut j = i;
                while j > 0 {
                    let pair = [items[idx[j]].clone(), items[idx[j - 1]].clone()];
                    if rt.call(&lt, &pair)?.as_bool() != Some(true) {
                        break;
                    }
                    idx.swap(j, j - 1);
                    j -= 1;
                }
            }
            mk(idx.into_iter().map(|i| items[i].clone()).collect())
        }
        "grouped" | "sliding" => {
            // Iterators of same-kind pieces: `grouped(n)` in turn, `sliding(n, step = 1)`
            // windows (one short window for fewer than n items).
            let (n, step) = sizes(&args, name)?;
            // A map's `values` (an `Iterable`) takes the iterator's `ArraySeq`s as they are.
            let piece_kind = match kind {
                SeqKind::Iterable => SeqKind::ArraySeq,
                other => out_kind(other),
            };
            let pieces = pieces(items.len(), n, step, name == "sliding")
                .map(|r| Value::Seq(piece_kind, Rc::new(items[r].to_vec())))
                .collect();
            IterObj::wrap(VecIter::new(Rc::new(pieces)))
        }
        "reverse" => mk(items.iter().rev().cloned().collect()),
        // 2.13's deprecated `reverseMap(f)`: `reverse.map(f)`.
        "reverseMap" => {
            let reversed = mk(items.iter().rev().cloned().collect());
            return call_method(rt, reversed, "map", args, Span::default());
        }
        // 2.13's deprecated `toIterator` and `toTraversable`.
        "toIterator" => IterObj::wrap(VecIter::new(items.clone())),
        "toTraversable" => recv.clone(),
        "distinct" => {
            let mut out: Vec<Value> = Vec::new();
            for v in items.iter() {
                if !out.iter().any(|o| o.scala_eq(v)) {
                    out.push(v.clone());
                }
            }
            mk(out)
        }
        "take" => mk(items
            .iter()
            .take(int_arg(&args, 0, name)?.max(0) as usize)
            .cloned()
            .collect()),
        "drop" => mk(items
            .iter()
            .skip(int_arg(&args, 0, name)?.max(0) as usize)
            .cloned()
            .collect()),
        // Scala 2.13: an array's `toSeq` wraps it (`ArraySeq`), an immutable `Seq` is itself,
        // anything else becomes a `List`.
        "toSeq" if matches!(kind, SeqKind::Array | SeqKind::ArraySeq | SeqKind::Vector) => {
            let kind = if kind == SeqKind::Vector {
                kind
            } else {
                SeqKind::ArraySeq
            };
            Value::Seq(kind, Rc::new((**items).clone()))
        }
        "toVector" => Value::Seq(SeqKind::Vector, Rc::new((**items).clone())),
        "toList" | "toSeq" => Value::list((**items).clone()),
        "toSet" => collections::build(false, false, items.iter().cloned()),
        "toArray" => Value::Seq(SeqKind::Array, items.clone()),
        "toBuffer" => Value::Seq(SeqKind::ArrayBuffer, items.clone()),
        // A `List`'s own iterator (an empty one's is `Iterator.empty`).
        "iterator" if matches!(kind, SeqKind::List) && !items.is_empty() => {
            IterObj::wrap(VecIter::of_list(items.clone()))
        }
        "iterator" => IterObj::wrap(VecIter::new(items.clone())),
        "mkString" => {
            let strs: Vec<String> = items.iter().map(|v| v.to_string()).collect();
            match args.len() {
                0 => Value::str(&strs.concat()),
                1 => Value::str(&strs.join(&args[0].to_string())),
                _ => Value::str(&format!(
                    "{}{}{}",
                    args[0],
                    strs.join(&args[1].to_string()),
                    args.get(2).map(|v| v.to_string()).unwrap_or_default()
                )),
            }
        }
        "zipWithIndex" => mk(items
            .iter()
            .enumerate()
            .map(|(i, v)| Value::pair(v.clone(), Value::Int(i as i32)))
            .collect()),
        "zip" => {
            let other = iterate(rt, &arg(&args, 0, name)?)?;
            let pairs = items
                .iter()
                .cloned()
                .zip(other)
                .map(|(a, b)| Value::pair(a, b))
                .collect();
            // A map's pairs with other values are no map: an `Iterable`, a `List`.
            if collections::is_map(kind) {
                Value::list(pairs)
            } else {
                mk(pairs)
            }
        }
        // `xs.lift(i)`: the element at `i`, if there is one.
        "lift" => {
            let i = int_arg(&args, 0, name)?;
            Value::option(usize::try_from(i).ok().and_then(|i| items.get(i)).cloned())
        }
        // Multiset difference and intersection: each element of the other side matches one
        // of these, in these's order.
        "diff" | "intersect" => {
            let mut left: rustc_hash::FxHashMap<Value, usize> = Default::default();
            for v in iterate(rt, &arg(&args, 0, name)?)? {
                *left.entry(v).or_insert(0) += 1;
            }
            let keep_matched = name == "intersect";
            let mut out = Vec::new();
            for v in items.iter() {
                let matched = match left.get_mut(v) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        true
                    }
                    _ => false,
                };
                if matched == keep_matched {
                    out.push(v.clone());
                }
            }
            mk(out)
        }
        "indexOf" => {
            let x = arg(&args, 0, name)?;
            Value::Int(
                items
                    .iter()
                    .position(|v| v.scala_eq(&x))
                    .map(|i| i as i32)
                    .unwrap_or(-1),
            )
        }
        "+=" | "append" | ":+" => {
            rt.burn(crate::exec::copy_work(items.len()))?;
            let mut v = (**items).clone();
            v.push(arg(&args, 0, name)?);
            Value::Seq(kind, Rc::new(v))
        }
        // `x +: xs` is `xs.+:(x)`: prepended.
        "+:" | "prepended" => {
            rt.burn(crate::exec::copy_work(items.len()))?;
            let mut v = Vec::with_capacity(items.len() + 1);
            v.push(arg(&args, 0, name)?);
            v.extend(items.iter().cloned());
            mk(v)
        }
        "++" => {
            rt.burn(crate::exec::copy_work(items.len()))?;
            let mut v = (**items).clone();
            v.extend(iterate(rt, &arg(&args, 0, name)?)?);
            Exn::check_size(v.len(), name)?;
            mk(v)
        }
        // `a ::: b` is `b.:::(a)`: `a`'s elements, then this list's.
        ":::" => {
            rt.burn(crate::exec::copy_work(items.len()))?;
            let mut v = iterate(rt, &arg(&args, 0, name)?)?;
            v.extend(items.iter().cloned());
            Exn::check_size(v.len(), name)?;
            mk(v)
        }
        "toMap" => {
            if let Some(bad) = items.iter().find(|v| v.as_pair().is_none()) {
                return Err(Exn::unsupported(format!(
                    "toMap needs (key, value) pairs, found {}",
                    bad.type_name()
                )));
            }
            collections::build(true, false, items.iter().cloned())
        }
        _ => return Err(not_member(name, recv)),
    })
}

fn compare(rt: &mut Runtime, a: &Value, b: &Value) -> Result<std::cmp::Ordering, Exn> {
    use std::cmp::Ordering;
    if let (Value::Tuple(x), Value::Tuple(y)) = (a, b) {
        for (p, q) in x.iter().zip(y.iter()) {
            let c = compare(rt, p, q)?;
            if c != Ordering::Equal {
                return Ok(c);
            }
        }
        return Ok(x.len().cmp(&y.len()));
    }
    // `Ordering.Option`: `None` first.
    match (a, b) {
        (Value::None, Value::None) => return Ok(Ordering::Equal),
        (Value::None, Value::Some(_)) => return Ok(Ordering::Less),
        (Value::Some(_), Value::None) => return Ok(Ordering::Greater),
        (Value::Some(x), Value::Some(y)) => return compare(rt, x, y),
        _ => {}
    }
    let scalar = |v: &Value| {
        matches!(
            v,
            Value::Int(_)
                | Value::Long(_)
                | Value::Double(_)
                | Value::Char(_)
                | Value::Bool(_)
                | Value::Str(_)
                | Value::Null
        )
    };
    let same = std::mem::discriminant(a) == std::mem::discriminant(b);
    if scalar(a) && scalar(b) && (same || matches!(a, Value::Null) || matches!(b, Value::Null)) {
        // Scala's implicit orderings of these (`Double` in Java's total order: NaN last).
        return crate::ordering::compare(a, b);
    }
    if super::interp::binary(rt, super::ast::BinOp::Lt, a.clone(), b.clone())?.as_bool()
        == Some(true)
    {
        Ok(Ordering::Less)
    } else if a.scala_eq(b) {
        Ok(Ordering::Equal)
    } else {
        Ok(Ordering::Greater)
    }
}

/// The size (and step) of `grouped(n)` (step n) or `sliding(n, step = 1)`, which must be
/// positive: Scala's message otherwise.
/// The pieces of `len` items that `grouped(n)` (in turn) and `sliding(n, step)` (windows
/// `step` apart, until one reaches the end; the last may be short) take, as ranges.
fn pieces(
    len: usize,
    n: usize,
    step: usize,
    sliding: bool,
) -> impl Iterator<Item = std::ops::Range<usize>> {
    let step = if sliding { step } else { n };
    (0..len)
        .step_by(step)
        .map(move |start| start..(start + n).min(len))
        // A window after one that reached the end adds nothing.
        .take_while(move |r| !sliding || r.start == 0 || r.start - step + n < len)
}

pub(super) fn sizes(args: &[Value], what: &str) -> Result<(usize, usize), Exn> {
    let n = int_arg(args, 0, what)?;
    let step = match (what, args.get(1)) {
        ("grouped", _) => n,
        (_, Some(_)) => int_arg(args, 1, what)?,
        _ => 1,
    };
    if n <= 0 || step <= 0 {
        return Err(Exn::require(format!(
            "size={n} and step={step}, but both must be positive"
        )));
    }
    Ok((n as usize, step as usize))
}

fn sort_values_by(rt: &mut Runtime, idx: &mut [usize], keys: &[Value]) -> Result<(), Exn> {
    // A stable insertion sort: comparisons may fail (mixed types), so no std sort closures.
    for i in 1..idx.len() {
        let mut j = i;
        while j > 0 && compare(rt, &keys[idx[j]], &keys[idx[j - 1]])?.is_lt() {
            idx.swap(j, j - 1);
            j -= 1;
        }
    }
    Ok(())
}

fn iterator_method(rt: &mut Runtime, it: &IterObj, name: &str, args: Vec<Value>) -> R {
    match name {
        "map" | "filter" | "flatMap" => {
            let f = func_arg(&args, 0, name)?;
            let inner = it.take();
            let mode = match name {
                "map" => 0,
                "filter" => 1,
                _ => 2,
            };
            Ok(IterObj::wrap(Box::new(FnIter {
                inner,
                f,
                mode,
                pending: Default::default(),
            })))
        }
        "hasNext" | "next" => {
            let mut inner = it.take();
            let v = inner.next(rt)?;
            let out = match (name, v) {
                ("hasNext", Some(v)) => {
                    *it_slot(it) = Some(Box::new(Prepend {
                        first: Some(v),
                        rest: inner,
                    }));
                    return Ok(Value::Bool(true));
                }
                ("hasNext", None) => Value::Bool(false),
                (_, Some(v)) => v,
                (_, None) => {
                    return Err(Exn::new(
                        "java.util.NoSuchElementException",
                        inner.exhausted(),
                    ))
                }
            };
            *it_slot(it) = Some(inner);
            Ok(out)
        }
        _ => {
            // A name no sequence has (`it.tkae(3)`) is said before an endless iterator is
            // drained for it: asked of an empty list first, where no function runs (and with
            // no iterator among the arguments, which the question would use up).
            let unread = |a: &Value| match a.obj::<IterObj>() {
                Some(_) => Value::list(Vec::new()),
                None => a.clone(),
            };
            let probe_args = args.iter().map(unread).collect();
            let probe = seq_method(rt, &Value::list(Vec::new()), name, probe_args);
            if probe.is_err_and(|e| {
                e.message
                    .starts_with(&format!("value {name} is not a member"))
            }) {
                let hints = super::lazy_iter::COMMON_METHODS;
                return Err(spark_api::not_member(name, "Iterator", hints));
            }
            let mut inner = it.take();
            let items = crate::rdd::drain(rt, inner.as_mut())?;
            seq_method(rt, &Value::list(items), name, args)
        }
    }
}

fn it_slot(it: &IterObj) -> std::cell::RefMut<'_, Option<Box<dyn PartIter>>> {
    it.slot()
}

/// An iterator with one element put back in front (`hasNext` read it).
pub(super) struct Prepend {
    pub(super) first: Option<Value>,
    pub(super) rest: Box<dyn PartIter>,
}

impl PartIter for Prepend {
    fn next(&mut self, rt: &mut Runtime) -> Result<Option<Value>, Exn> {
        match self.first.take() {
            Some(v) => Ok(Some(v)),
            None => self.rest.next(rt),
        }
    }

    fn exhausted(&self) -> &'static str {
        self.rest.exhausted()
    }
}

struct FnIter {
    inner: Box<dyn PartIter>,
    f: Func,
    mode: u8,
    pending: std::collections::VecDeque<Value>,
}

impl PartIter for FnIter {
    fn next(&mut self, rt: &mut Runtime) -> Result<Option<Value>, Exn> {
        loop {
            if let Some(v) = self.pending.pop_front() {
                return Ok(Some(v));
            }
            let Some(v) = self.inner.next(rt)? else {
                return Ok(None);
            };
            match self.mode {
                0 => return rt.call(&self.f, &[v]).map(Some),
                1 => {
                    if rt.call(&self.f, std::slice::from_ref(&v))?.as_bool() == Some(true) {
                        return Ok(Some(v));
                    }
                }
                _ => {
                    let out = rt.call(&self.f, &[v])?;
                    self.pending.extend(iterate(rt, &out)?);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compare_to_is_javas_difference_not_a_sign() {
        // java.lang.String.compareTo's contract: the first differing units' difference, else
        // the lengths' difference.
        assert_eq!(java_compare_to("a", "c"), -2);
        assert_eq!(java_compare_to("abc", "ab"), 1);
        assert_eq!(java_compare_to("ab", "abcd"), -2);
        assert_eq!(java_compare_to("same", "same"), 0);
    }

    #[test]
    fn doubles_read_as_java_reads_them() {
        let d = parse_java_double;
        assert_eq!(d("2d"), Some(2.0), "Java's type suffix");
        assert_eq!(d("-.5e-1F"), Some(-0.05));
        assert_eq!(d("0x1.8p1"), Some(3.0));
        assert_eq!(
            d("0x1p-1074"),
            Some(f64::from_bits(1)),
            "the least subnormal"
        );
        assert!(d("+NaN").is_some_and(f64::is_nan));
        assert_eq!(d("-Infinity"), Some(f64::NEG_INFINITY));
        for bad in [
            "inf",
            "nan",
            "NaNd",
            "Infinityf",
            "0x10",
            ".",
            "1e",
            "1e+",
            "e5",
            "+",
            "1_0",
            "１",
        ] {
            assert_eq!(d(bad), None, "{bad}");
        }
    }

    /// `sliding` and `grouped` from scratch: windows `step` apart from 0, while the one
    /// before did not reach the end (Scala 2.13's `GroupedIterator`); groups in turn.
    fn windows(len: usize, n: usize, step: usize, sliding: bool) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = 0;
        while start < len {
            out.push((start, (start + n).min(len)));
            if sliding && start + n >= len {
                break;
            }
            start += if sliding { step } else { n };
        }
        out
    }

    #[test]
    fn pieces_are_scalas_windows_and_groups() {
        // `(1 to 5).sliding(1, 10)` is one window: a step past the end takes nothing (it
        // panicked on a slice out of range).
        assert_eq!(
            pieces(5, 1, 10, true)
                .map(|r| (r.start, r.end))
                .collect::<Vec<_>>(),
            [(0, 1)]
        );
        for len in 0..9 {
            for n in 1..5 {
                for step in 1..6 {
                    for sliding in [false, true] {
                        let got: Vec<_> = pieces(len, n, step, sliding)
                            .map(|r| (r.start, r.end))
                            .collect();
                        assert_eq!(got, windows(len, n, step, sliding), "{len} {n} {step}");
                    }
                }
            }
        }
    }
}
