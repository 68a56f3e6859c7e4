//! A method called on `null`, as Spark's JVM (Java 17) reports it: a `NullPointerException`
//! whose "helpful" message (JEP 358) names the Java method it could not invoke and what was
//! null: `Cannot invoke "String.length()" because "s" is null`.
//!
//! The method is the one the compiled Scala calls: `String`'s own (`s.trim`: `String.trim()`),
//! or, for `StringOps`' methods, the one `StringOps` calls on the string it wraps, named
//! `$this` there (`s.size`: `String.length()` because `"$this"` is null). At run time a null
//! has no class, so the receiver is taken for a `String`, where nulls come from in a
//! streaming program (`if (...) null else w`, `getOrElse(k, null)`, `orNull`), or for a
//! `TaskContext` (`TaskContext.get` on the driver). What was null is named from the
//! receiver's expression as scalac compiles it ([`explain`]): a local or parameter by its
//! name, a placeholder by scalac's `x$N` (the parser counts them), a local a closure captured
//! as `s$1` (a `var`: `s$1.elem`), an array's element as `arr[0]`, a tuple's or case class's
//! field and a few methods as `the return value of "scala.Tuple2._2()"`. Where Java could not
//! say either, the message stops after the method, as Java's does. (All read off Spark 4.3.0
//! on Java 17.0.15, oracle runs `npe_*`.)
//!
//! A few calls on `null` do not throw: `==`, `!=`, `eq`, `ne`, `##` (0), and `StringOps`'
//! `mkString` and `capitalize` (which give the null back); `toInt` and `toLong` throw Java's
//! `NumberFormatException: Cannot parse null string`, `toBoolean` an
//! `IllegalArgumentException`. A null of another declared type (`val xs: List[Int] = null`)
//! is still taken for a `String` here: Spark would name `List`'s method.

use super::ast::{Expr, ExprKind, Lit};
use super::interp::{java_local, lookup, Frame};
use crate::exec::{Exn, Runtime};
use crate::value::{SeqKind, Value};
use std::rc::Rc;

type R = Result<Value, Exn>;

const NPE: &str = "java.lang.NullPointerException";

/// Calling `name` with `args` on `null`.
pub fn call(name: &str, args: &[Value]) -> R {
    let other = || args.first().cloned().unwrap_or(Value::Unit);
    match name {
        "==" | "eq" => return Ok(Value::Bool(matches!(other(), Value::Null))),
        "!=" | "ne" => return Ok(Value::Bool(!matches!(other(), Value::Null))),
        "##" => return Ok(Value::Int(0)),
        "isInstanceOf" => return Ok(Value::Bool(false)),
        "asInstanceOf" => return Ok(Value::Null),
        "mkString" | "capitalize" if args.is_empty() => return Ok(Value::Null),
        "toInt" | "toLong" | "toShort" | "toByte" => {
            return Err(Exn::new(
                "java.lang.NumberFormatException",
                "Cannot parse null string",
            ))
        }
        "toBoolean" => {
            return Err(Exn::new(
                "java.lang.IllegalArgumentException",
                "For input string: \"null\"",
            ))
        }
        _ => {}
    }
    let (method, subject) = match java_method(name, args) {
        Some(m) => m,
        None => return Err(Exn::new(NPE, "")),
    };
    let mut message = format!("Cannot invoke \"{method}\"");
    if let Some(s) = subject {
        message.push_str(" because ");
        message.push_str(s);
        message.push_str(" is null");
    }
    Err(Exn::new(NPE, message))
}

/// The Java method a call of `name` on a null `String` (or `TaskContext`) reaches, with what
/// Java says was null when that is not the receiver's expression (a name inside `StringOps`).
fn java_method(name: &str, args: &[Value]) -> Option<(String, Option<&'static str>)> {
    let param = |v: &Value| match v {
        Value::Int(_) | Value::Char(_) => "int",
        _ => "String",
    };
    let params = args.iter().map(param).collect::<Vec<_>>().join(", ");
    let direct = |m: &str| Some((format!("String.{m}({params})"), None));
    let this = |m: &str| Some((format!("String.{m}"), Some("\"$this\"")));
    let wrapped = "the return value of \"scala.Predef$.wrapString(String)\"";
    let chars = |i: usize| matches!(args.get(i), Some(Value::Char(_)));
    match (name, args.len()) {
        ("contains", 1) if chars(0) => this("indexOf(int)"),
        ("split", 1) if chars(0) => this("split(String)"),
        (
            "length" | "toUpperCase" | "toLowerCase" | "trim" | "isEmpty" | "toCharArray"
            | "hashCode" | "toString" | "getClass" | "chars" | "getBytes" | "isBlank" | "strip"
            | "stripLeading" | "stripTrailing" | "lines" | "intern",
            0,
        )
        | ("split" | "substring" | "indexOf" | "lastIndexOf", 1 | 2)
        | ("startsWith", 1 | 2)
        | ("charAt" | "endsWith" | "matches" | "concat" | "repeat" | "codePointAt", 1)
        | ("equalsIgnoreCase" | "compareTo" | "compareToIgnoreCase", 1)
        | ("replaceAll" | "replaceFirst", 2) => direct(name),
        ("contains", 1) if matches!(args[0], Value::Str(_)) => {
            Some(("String.contains(java.lang.CharSequence)".into(), None))
        }
        ("replace", 2) if matches!(args[0], Value::Str(_)) => Some((
            "String.replace(java.lang.CharSequence, java.lang.CharSequence)".into(),
            None,
        )),
        ("replace", 2) => Some(("String.replace(char, char)".into(), None)),
        ("equals", 1) => Some(("String.equals(Object)".into(), None)),
        ("size" | "take" | "drop" | "slice" | "takeRight" | "dropRight", _)
        | ("count" | "map" | "filter" | "filterNot" | "exists" | "forall" | "foreach", 1)
        | ("flatMap" | "find" | "indexWhere" | "takeWhile" | "dropWhile", 1) => {
            this("length()")
        }
        ("nonEmpty" | "head" | "headOption" | "last" | "lastOption", 0) => this("isEmpty()"),
        ("padTo", 2) => this("length()"),
        ("apply", 1) => this("charAt(int)"),
        ("stripPrefix", 1) => this("startsWith(String)"),
        ("stripSuffix", 1) => this("endsWith(String)"),
        ("reverse", 0) => Some(("String.length()".into(), Some("\"str\""))),
        ("toDouble" | "toFloat", 0) => Some(("String.trim()".into(), Some("\"in\""))),
        ("format", _) => Some(("String.length()".into(), Some("\"s\""))),
        ("r", 0) => Some(("String.isEmpty()".into(), Some("\"this.pattern\""))),
        ("sorted" | "distinct", 0) => Some((
            "String.length()".into(),
            Some("the return value of \"scala.collection.immutable.WrappedString.scala$collection$immutable$WrappedString$$self()\""),
        )),
        ("toList" | "toSeq" | "toSet" | "toVector" | "zipWithIndex" | "lift", 0) => Some((
            format!("scala.collection.immutable.WrappedString.{name}()"),
            Some(wrapped),
        )),
        ("partitionId" | "stageId" | "taskAttemptId" | "attemptNumber", 0) => {
            Some((format!("org.apache.spark.TaskContext.{name}()"), None))
        }
        _ => None,
    }
}

/// `e`, the exception of a call on `null` whose receiver was `recv`, with Java's account of
/// what was null when the message leaves it to the receiver's expression.
pub fn explain(rt: &Runtime, env: &Rc<Frame>, recv: &Expr, mut e: Exn) -> Exn {
    if e.class == NPE
        && e.message.starts_with("Cannot invoke \"")
        && !e.message.contains(" because ")
    {
        if let Some(what) = what_was_null(rt, env, recv) {
            e.message = format!("{} because {what} is null", e.message);
        }
    }
    e
}

/// How Java names the null `recv` gave: `"s"`, `"x$3"`, `"arr$1[0]"`, or `the return value
/// of "scala.Tuple2._2()"`.
fn what_was_null(rt: &Runtime, env: &Rc<Frame>, recv: &Expr) -> Option<String> {
    let returned = |m: String| Some(format!("the return value of \"{m}\""));
    match &recv.kind {
        ExprKind::Ident(name) => java_local(env, name).map(|n| format!("\"{n}\"")),
        ExprKind::Apply { func, args, .. } if args.len() == 1 && args[0].len() == 1 => {
            let ExprKind::Ident(array) = &func.kind else {
                return None;
            };
            match lookup(rt, env, array)? {
                Value::Seq(SeqKind::Array, _) => {
                    let index = match &args[0][0].kind {
                        ExprKind::Lit(Lit::Int(i)) => i.to_string(),
                        ExprKind::Ident(i) => java_local(env, i)?,
                        _ => "...".into(),
                    };
                    Some(format!("\"{}[{index}]\"", java_local(env, array)?))
                }
                Value::Seq(SeqKind::List, _) => {
                    returned("scala.collection.immutable.List.apply(int)".into())
                }
                _ => None,
            }
        }
        ExprKind::Field {
            recv: owner, name, ..
        } => {
            if let Some(m) = returns_null(rt, env, owner, name, 0) {
                return returned(m);
            }
            let ExprKind::Ident(owner) = &owner.kind else {
                return None;
            };
            match lookup(rt, env, owner)? {
                // A Kafka record sent without a key (`kafka-console-producer`'s).
                v if v
                    .obj::<crate::ops::direct_kafka_input::ConsumerRecordObj>()
                    .is_some() =>
                {
                    returned(format!(
                        "org.apache.kafka.clients.consumer.ConsumerRecord.{name}()"
                    ))
                }
                Value::Tuple(t) if name.starts_with('_') => {
                    returned(format!("scala.Tuple{}.{name}()", t.len()))
                }
                v => {
                    let c = v.obj::<super::case_class::CaseObj>()?;
                    returned(format!("{}.{name}()", c.class.java_name()))
                }
            }
        }
        ExprKind::MethodCall {
            recv: owner,
            name,
            args,
            ..
        } => match args.as_slice() {
            [] => returns_null(rt, env, owner, name, 0).and_then(returned),
            [a] => returns_null(rt, env, owner, name, a.len()).and_then(returned),
            _ => None,
        },
        _ => None,
    }
}

/// The Java method whose result was null, for the calls of `name` (with `n` arguments) on
/// `owner` that give a program its nulls.
fn returns_null(
    rt: &Runtime,
    env: &Rc<Frame>,
    owner: &Expr,
    name: &str,
    n: usize,
) -> Option<String> {
    match (name, n) {
        ("getOrElse", 2) => {
            let ExprKind::Ident(o) = &owner.kind else {
                return None;
            };
            let map = match lookup(rt, env, o)? {
                Value::Seq(SeqKind::MutableMap(_), _) => "scala.collection.mutable.Map",
                Value::Seq(k, _) if super::collections::is_map(k) => {
                    "scala.collection.immutable.Map"
                }
                _ => return None,
            };
            Some(format!("{map}.getOrElse(Object, scala.Function0)"))
        }
        ("orNull", 0) => Some("scala.Option.orNull(scala.$less$colon$less)".into()),
        // `Some(null).get`.
        ("get", 0)
            if matches!(&owner.kind, ExprKind::Ident(o)
                if matches!(lookup(rt, env, o), Some(Value::Some(_)))) =>
        {
            Some("scala.Option.get()".into())
        }
        ("get", 0)
            if matches!(
                super::interp::qualified_name(owner).as_deref(),
                Some("TaskContext" | "org.apache.spark.TaskContext")
            ) =>
        {
            Some("org.apache.spark.TaskContext$.get()".into())
        }
        _ => None,
    }
}
