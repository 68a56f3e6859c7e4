//! `scala.util.Try`: `Try(expr)` runs `expr` and keeps what it gave (`Success(v)`) or the
//! exception it threw (`Failure(e)`), the usual way to read numbers from `nc` lines without
//! a bad line failing the task: `Try(line.toInt).toOption`, `Try(x.toDouble).getOrElse(0.0)`.

use std::rc::Rc;

use super::ast::Span;
use super::interp::{apply_value, ExnObj};
use crate::exec::{Exn, Runtime};
use crate::value::{Object, Value};

/// The methods of a `Try`.
pub const TRY_METHODS: &[&str] = &[
    "isSuccess",
    "isFailure",
    "get",
    "getOrElse",
    "toOption",
    "map",
    "foreach",
    "failed",
    "flatMap",
    "filter",
    "recover",
    "recoverWith",
    "fold",
    "toEither",
    "transform",
];

/// A `Success` or a `Failure`.
pub struct TryObj(pub Result<Value, Exn>);

impl TryObj {
    /// What running something gave, as a `Try` value: exceptions the program can catch become
    /// a `Failure`; the playground's own stops go on.
    pub fn of(r: Result<Value, Exn>) -> Result<Value, Exn> {
        match r {
            Err(e) if e.class.starts_with("dstream.") => Err(e),
            r => Ok(Value::Obj(Rc::new(TryObj(r)))),
        }
    }

    /// `t.name(args)`.
    pub fn method(&self, rt: &mut Runtime, name: &str, args: Vec<Value>) -> Result<Value, Exn> {
        let arg = |i: usize| args.get(i).cloned().unwrap_or(Value::Unit);
        Ok(match (name, &self.0) {
            ("isSuccess", r) => Value::Bool(r.is_ok()),
            ("isFailure", r) => Value::Bool(r.is_err()),
            ("get", Ok(v)) => v.clone(),
            ("get", Err(e)) => return Err(e.clone()),
            ("getOrElse", Ok(v)) => v.clone(),
            ("getOrElse", Err(_)) => arg(0),
            ("toOption", r) => Value::option(r.as_ref().ok().cloned()),
            ("map", Ok(v)) => {
                return TryObj::of(apply_value(rt, arg(0), vec![v.clone()], Span::default()))
            }
            ("foreach", Ok(v)) => {
                apply_value(rt, arg(0), vec![v.clone()], Span::default())?;
                Value::Unit
            }
            ("map" | "flatMap" | "filter", Err(_)) | ("recover" | "recoverWith", Ok(_)) => {
                Value::Obj(Rc::new(TryObj(self.0.clone())))
            }
            ("flatMap", Ok(v)) => {
                let r = apply_value(rt, arg(0), vec![v.clone()], Span::default());
                match r {
                    Ok(t) if t.obj::<TryObj>().is_some() => t,
                    r => return TryObj::of(r.and(Err(Exn::unsupported("flatMap needs a Try")))),
                }
            }
            ("filter", Ok(v)) => {
                let f = arg(0);
                let keep = apply_value(rt, f, vec![v.clone()], Span::default())?;
                if keep.as_bool() == Some(true) {
                    Value::Obj(Rc::new(TryObj(self.0.clone())))
                } else {
                    let message = format!("Predicate does not hold for {v}");
                    let e = Exn::new("java.util.NoSuchElementException", message);
                    Value::Obj(Rc::new(TryObj(Err(e))))
                }
            }
            // `t.recover { case e: NumberFormatException => -1 }`: the partial function on the
            // exception where it is defined (a `Success` of its result; `recoverWith`'s gives
            // a `Try`), else the same failure.
            ("recover" | "recoverWith", Err(e)) => {
                let f = match args.first().and_then(|f| f.obj::<crate::exec::Func>()) {
                    Some(f) => f.clone(),
                    None => return Err(Exn::unsupported(format!("{name} needs a function"))),
                };
                let x = Value::Obj(Rc::new(ExnObj(e.clone())));
                if !super::interp::is_defined_at(rt, &f, &x)? {
                    return Ok(Value::Obj(Rc::new(TryObj(self.0.clone()))));
                }
                let r = rt.call(&f, &[x]);
                match (name, r) {
                    ("recoverWith", Ok(t)) if t.obj::<TryObj>().is_some() => t,
                    (_, r) => return TryObj::of(r),
                }
            }
            // `t.fold(fa, fb)`: `fb` of the value (an exception it throws goes to `fa`), or
            // `fa` of the exception.
            ("fold", Ok(v)) => match apply_value(rt, arg(1), vec![v.clone()], Span::default()) {
                Err(e) if !e.class.starts_with("dstream.") => {
                    let x = Value::Obj(Rc::new(ExnObj(e)));
                    return apply_value(rt, arg(0), vec![x], Span::default());
                }
                r => return r,
            },
            ("fold", Err(e)) => {
                let x = Value::Obj(Rc::new(ExnObj(e.clone())));
                return apply_value(rt, arg(0), vec![x], Span::default());
            }
            // `t.transform(s, f)`: `s` of the value or `f` of the exception, each a `Try`.
            ("transform", r) => {
                let (f, x) = match r {
                    Ok(v) => (arg(0), v.clone()),
                    Err(e) => (arg(1), Value::Obj(Rc::new(ExnObj(e.clone())))),
                };
                match apply_value(rt, f, vec![x], Span::default()) {
                    Ok(t) if t.obj::<TryObj>().is_some() => t,
                    r => return TryObj::of(r.and(Err(Exn::unsupported("transform needs a Try")))),
                }
            }
            ("toEither", Ok(v)) => return super::either::make(rt, "Right", v.clone()),
            ("toEither", Err(e)) => {
                let x = Value::Obj(Rc::new(ExnObj(e.clone())));
                return super::either::make(rt, "Left", x);
            }
            ("foreach", Err(_)) => Value::Unit,
            ("failed", Ok(_)) => Value::Obj(Rc::new(TryObj(Err(Exn::new(
                "java.lang.UnsupportedOperationException",
                "Success.failed",
            ))))),
            ("failed", Err(e)) => {
                Value::Obj(Rc::new(TryObj(Ok(Value::Obj(Rc::new(ExnObj(e.clone())))))))
            }
            ("toString", _) => Value::str(&self.to_string_scala()),
            _ => {
                return Err(super::spark_api::not_member(
                    name,
                    &self.class_name(),
                    TRY_METHODS,
                ))
            }
        })
    }
}

impl Object for TryObj {
    fn class_name(&self) -> String {
        match self.0 {
            Ok(_) => "Success".into(),
            Err(_) => "Failure".into(),
        }
    }

    fn to_string_scala(&self) -> String {
        match &self.0 {
            Ok(v) => format!("Success({v})"),
            Err(e) => format!("Failure({})", e.describe()),
        }
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// What a pattern `Success(p)` or `Failure(p)` (`name`) matches in `v`: the value, or the
/// exception as a value; `None` when `v` is not a `Try` of that kind.
pub fn unapply(v: &Value, name: &str) -> Option<Value> {
    match (name, &v.obj::<TryObj>()?.0) {
        ("Success", Ok(x)) => Some(x.clone()),
        ("Failure", Err(e)) => Some(Value::Obj(Rc::new(ExnObj(e.clone())))),
        _ => None,
    }
}
