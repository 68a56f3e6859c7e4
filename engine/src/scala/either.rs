//! `scala.util.Either`: `Left(a)` and `Right(b)`, the usual way to keep a bad `nc` line
//! beside the good ones (`if (ok) Right(n) else Left(line)`) and split them later.
//!
//! In Scala 2.13 both are plain case classes (`final case class Left[+A, +B](value: A)
//! extends Either[A, B]`), so they are built here as two [`CaseClass`]es, one pair per run:
//! `toString` (`Left(3)`), `==`, the `productHash` that places an `Either` key, `value`,
//! patterns (`case Left(e) =>`, `e: Either[_, _]`) and `Product`'s members are the case
//! classes'. What is Either's own is its right-biased API ([`METHODS`]).

use std::rc::Rc;

use super::ast::{Param, Span};
use super::case_class::{CaseClass, CaseObj, Companion, Definition};
use super::interp::{apply_value, Frame};
use crate::exec::{Exn, Runtime};
use crate::value::{Object, Value};

type R = Result<Value, Exn>;

/// Either's own methods (besides `value` and `Product`'s).
pub const METHODS: &[&str] = &[
    "isLeft",
    "isRight",
    "fold",
    "swap",
    "map",
    "flatMap",
    "getOrElse",
    "orElse",
    "contains",
    "exists",
    "forall",
    "foreach",
    "filterOrElse",
    "toOption",
    "toSeq",
    "merge",
    "left",
];

/// `e.left`: the `Left` side's API (`e.left.map(f)` maps a `Left`, keeps a `Right`).
pub struct LeftProjection(Value);

impl Object for LeftProjection {
    fn class_name(&self) -> String {
        "LeftProjection".into()
    }
    fn to_string_scala(&self) -> String {
        format!("LeftProjection({})", self.0)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// The methods of a `LeftProjection`.
const LEFT_METHODS: &[&str] = &[
    "map",
    "flatMap",
    "getOrElse",
    "foreach",
    "exists",
    "forall",
    "toOption",
    "toSeq",
    "filterToOption",
];

/// `e.left.name(args)`: Either's right-biased methods with the sides' roles swapped.
pub fn left_method(rt: &mut Runtime, p: &LeftProjection, name: &str, args: Vec<Value>) -> R {
    let Some(o) = p.0.obj::<CaseObj>() else {
        return Err(Exn::unsupported("a LeftProjection of no Either"));
    };
    if !LEFT_METHODS.contains(&name) {
        return Err(super::spark_api::not_member(
            name,
            "scala.util.Either.LeftProjection[Any, Any]",
            LEFT_METHODS,
        ));
    }
    let left = &*o.class.name == "Left";
    let v = super::shared_ref::read(o.fields[0].clone());
    let arg = |i: usize| args.get(i).cloned().unwrap_or(Value::Unit);
    let call = |rt: &mut Runtime, f: Value, x: Value| apply_value(rt, f, vec![x], Span::default());
    Ok(match (name, left) {
        ("map", true) => {
            let x = call(rt, arg(0), v)?;
            return make(rt, "Left", x);
        }
        ("flatMap", true) => return call(rt, arg(0), v),
        ("map" | "flatMap", false) => p.0.clone(),
        ("getOrElse", true) => v,
        ("getOrElse", false) => arg(0),
        ("foreach", _) => {
            if left {
                call(rt, arg(0), v)?;
            }
            Value::Unit
        }
        ("exists", true) | ("forall", true) => return call(rt, arg(0), v),
        ("exists", false) => Value::Bool(false),
        ("forall", false) => Value::Bool(true),
        ("toOption", _) => Value::option(left.then_some(v)),
        ("toSeq", _) => Value::list(if left { vec![v] } else { Vec::new() }),
        _ => {
            // `filterToOption(p)`.
            let keep = left && call(rt, arg(0), v.clone())?.as_bool() == Some(true);
            Value::option(keep.then(|| make(rt, "Left", v)).transpose()?)
        }
    })
}

/// The companion `Left` or `Right` (`name`), the same classes for the whole run.
pub fn companion(rt: &mut Runtime, name: &str) -> Value {
    let [left, right] = rt.interp.either.get_or_insert_with(|| {
        let env = Frame::new(None, true);
        let class = |name: &str| {
            let value = Param {
                name: "value".into(),
                ty: None,
                span: Span::default(),
            };
            let parents = ["Either".to_string()];
            match CaseClass::define(
                Definition {
                    name,
                    fields: &[value],
                    defaults: &[None],
                    methods: &[],
                    parents: &parents,
                    object: false,
                },
                &env,
            ) {
                Value::Obj(o) => o
                    .as_any()
                    .downcast_ref::<Companion>()
                    .map(|c| c.0.clone())
                    .expect("a case class defines its companion"),
                _ => unreachable!("a case class defines its companion"),
            }
        };
        [class("Left"), class("Right")]
    });
    let class = if name == "Left" { left } else { right };
    Value::Obj(Rc::new(Companion(class.clone())))
}

/// `Left(x)` or `Right(x)` (`side`).
pub fn make(rt: &mut Runtime, side: &str, x: Value) -> R {
    let c = companion(rt, side);
    let c = c
        .obj::<Companion>()
        .map(|c| c.0.clone())
        .expect("companion");
    super::case_class::build(rt, &c, vec![(None, x)], "apply", None)
}

/// Whether `o` is a `Left` or a `Right` of this run.
pub fn is_either(rt: &Runtime, o: &CaseObj) -> bool {
    rt.interp
        .either
        .as_ref()
        .is_some_and(|[l, r]| Rc::ptr_eq(&o.class, l) || Rc::ptr_eq(&o.class, r))
}

/// `e.name(args)` on a `Left` or `Right` (`recv` is `o`).
pub fn method(rt: &mut Runtime, o: &CaseObj, recv: &Value, name: &str, args: Vec<Value>) -> R {
    let right = &*o.class.name == "Right";
    let v = super::shared_ref::read(o.fields[0].clone());
    let arg = |i: usize| args.get(i).cloned().unwrap_or(Value::Unit);
    let call = |rt: &mut Runtime, f: Value, x: Value| apply_value(rt, f, vec![x], Span::default());
    let build = make;
    Ok(match name {
        "isLeft" => Value::Bool(!right),
        "isRight" => Value::Bool(right),
        "fold" if right => return call(rt, arg(1), v),
        "fold" => return call(rt, arg(0), v),
        "swap" => return build(rt, if right { "Left" } else { "Right" }, v),
        "map" if right => {
            let x = call(rt, arg(0), v)?;
            return build(rt, "Right", x);
        }
        "flatMap" if right => return call(rt, arg(0), v),
        "map" | "flatMap" | "filterOrElse" if !right => recv.clone(),
        "filterOrElse" => {
            if call(rt, arg(0), v)?.as_bool() == Some(true) {
                recv.clone()
            } else {
                return build(rt, "Left", arg(1));
            }
        }
        "getOrElse" if right => v,
        "getOrElse" => arg(0),
        "orElse" if right => recv.clone(),
        "orElse" => arg(0),
        "contains" => Value::Bool(right && args.first().is_some_and(|a| a.scala_eq(&v))),
        "exists" if right => return call(rt, arg(0), v),
        "forall" if right => return call(rt, arg(0), v),
        "exists" => Value::Bool(false),
        "forall" => Value::Bool(true),
        "foreach" => {
            if right {
                call(rt, arg(0), v)?;
            }
            Value::Unit
        }
        "toOption" => Value::option(right.then_some(v)),
        "toSeq" => Value::list(if right { vec![v] } else { Vec::new() }),
        "merge" => v,
        "left" => Value::Obj(Rc::new(LeftProjection(recv.clone()))),
        _ => {
            return Err(super::spark_api::not_member(
                name,
                &format!("scala.util.{}[Any, Any]", o.class.name),
                METHODS,
            ))
        }
    })
}
