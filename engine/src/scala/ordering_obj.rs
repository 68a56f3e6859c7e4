//! Scala's `Ordering` as a value a program passes: `rdd.top(3)(Ordering.by(_._2))`,
//! `takeOrdered(3)(Ordering[Int].reverse.on(_._2))`, `xs.sorted(Ordering[String].reverse)`,
//! `Ordering.fromLessThan(_ > _)`. An ordering is the implicit one of the values' type
//! (`Ordering[Int]`, `Ordering.String`: [`crate::ordering::compare`]), reversed, taken on a
//! key (`by`, `on`: the key function runs on both sides of every comparison, as Scala's
//! does), or made from a `lessThan` function. The functions are Spark's helpers' calls, not
//! the operators' user functions, so they are not recorded as calls.

use std::cmp::Ordering;
use std::rc::Rc;

use crate::exec::{Exn, Func, Runtime};
use crate::value::{Object, Value};

/// How two values compare.
pub enum Ord {
    /// The implicit ordering of the values' type.
    Natural,
    /// `ord.reverse`.
    Reverse(Rc<Ord>),
    /// `Ordering.by(f)` (over the natural ordering), `ord.on(f)`.
    By(Func, Rc<Ord>),
    /// `Ordering.fromLessThan(lt)`.
    LessThan(Func),
    /// A program's own (`new Ordering[String] { def compare(a: String, b: String) = ... }`, or
    /// a class that extends `Ordering`): its `compare`.
    Program(Value),
}

/// An `Ordering` value.
pub struct OrderingObj(pub Rc<Ord>);

impl Object for OrderingObj {
    fn class_name(&self) -> String {
        "Ordering".into()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn value(o: Ord) -> Value {
    Value::Obj(Rc::new(OrderingObj(Rc::new(o))))
}

fn func_arg(args: &[Value], what: &str) -> Result<Func, Exn> {
    args.first()
        .and_then(|f| f.obj::<Func>().cloned())
        .ok_or_else(|| Exn::unsupported(format!("{what} needs a function")))
}

/// `Ordering.name(args)` (and `Ordering[T]`, `Ordering.Int`); `None`: not an ordering's.
pub fn module_member(name: &str, args: &[Value]) -> Option<Result<Value, Exn>> {
    Some(match name {
        "by" => func_arg(args, "Ordering.by").map(|f| value(Ord::By(f, Rc::new(Ord::Natural)))),
        "fromLessThan" => func_arg(args, "Ordering.fromLessThan").map(|f| value(Ord::LessThan(f))),
        "apply" | "Int" | "Long" | "Double" | "String" | "Char" | "Boolean" | "Short" | "Byte"
        | "Tuple2" | "Tuple3" | "Option" | "BigInt" | "BigDecimal" | "Float" => {
            Ok(value(Ord::Natural))
        }
        _ => return None,
    })
}

/// `ord.name(args)`.
pub fn method(rt: &mut Runtime, o: &OrderingObj, name: &str, args: &[Value]) -> Result<Value, Exn> {
    let pair = |args: &[Value]| match args {
        [a, b, ..] => Ok((a.clone(), b.clone())),
        _ => Err(Exn::unsupported(format!(
            "Ordering.{name} needs two values"
        ))),
    };
    Ok(match name {
        "reverse" => value(Ord::Reverse(o.0.clone())),
        "on" => value(Ord::By(func_arg(args, "Ordering.on")?, o.0.clone())),
        "compare" => {
            let (a, b) = pair(args)?;
            Value::Int(compare(rt, &o.0, &a, &b)? as i32)
        }
        "lt" | "lteq" | "gt" | "gteq" | "equiv" => {
            let (a, b) = pair(args)?;
            let c = compare(rt, &o.0, &a, &b)?;
            Value::Bool(match name {
                "lt" => c.is_lt(),
                "lteq" => c.is_le(),
                "gt" => c.is_gt(),
                "gteq" => c.is_ge(),
                _ => c.is_eq(),
            })
        }
        // Scala's `max` keeps the first of two equal values; `min` too.
        "max" | "min" => {
            let (a, b) = pair(args)?;
            let c = compare(rt, &o.0, &a, &b)?;
            if (name == "max") == c.is_ge() {
                a
            } else {
                b
            }
        }
        _ => {
            return Err(Exn::unsupported(format!(
                "value {name} is not a member of Ordering"
            )))
        }
    })
}

/// `ord.compare(a, b)`.
pub fn compare(rt: &mut Runtime, ord: &Ord, a: &Value, b: &Value) -> Result<Ordering, Exn> {
    match ord {
        Ord::Natural => crate::ordering::compare(a, b),
        Ord::Reverse(o) => compare(rt, o, b, a),
        Ord::By(f, o) => {
            let (x, y) = (
                rt.call(f, std::slice::from_ref(a))?,
                rt.call(f, std::slice::from_ref(b))?,
            );
            compare(rt, o, &x, &y)
        }
        Ord::Program(o) => {
            let Some(i) = o.obj::<super::user_class::Instance>() else {
                return Ok(Ordering::Equal);
            };
            let c = super::user_class::method(
                rt,
                i,
                o,
                "compare",
                vec![a.clone(), b.clone()],
                super::ast::Span::default(),
            )?;
            Ok(match c {
                Value::Int(n) => n.cmp(&0),
                other => {
                    return Err(Exn::unsupported(format!(
                        "type mismatch: found {}, required Int (an Ordering's compare)",
                        other.type_name()
                    )))
                }
            })
        }
        Ord::LessThan(f) => {
            let lt = |rt: &mut Runtime, x: &Value, y: &Value| -> Result<bool, Exn> {
                Ok(rt.call(f, &[x.clone(), y.clone()])?.as_bool() == Some(true))
            };
            Ok(if lt(rt, a, b)? {
                Ordering::Less
            } else if lt(rt, b, a)? {
                Ordering::Greater
            } else {
                Ordering::Equal
            })
        }
    }
}

/// The ordering a value is, if it is one: an `Ordering` value, or an instance of a program's
/// class that extends `Ordering` and defines `compare`.
pub fn of(v: Option<&Value>) -> Option<Rc<Ord>> {
    let v = v?;
    if let Some(o) = v.obj::<OrderingObj>() {
        return Some(o.0.clone());
    }
    let i = v.obj::<super::user_class::Instance>()?;
    (i.is_a("Ordering") && i.defines("compare")).then(|| Rc::new(Ord::Program(v.clone())))
}

/// `Ordering`'s own members on a program's ordering (`byLength.reverse`, `byLength.max(a,
/// b)`); `None` when `v` is no such ordering or `name` is not one of them.
pub fn program_method(
    rt: &mut Runtime,
    v: &Value,
    name: &str,
    args: &[Value],
) -> Option<Result<Value, Exn>> {
    if !matches!(
        name,
        "reverse" | "on" | "lt" | "lteq" | "gt" | "gteq" | "equiv" | "max" | "min"
    ) {
        return None;
    }
    let ord = of(Some(v))?;
    Some(method(rt, &OrderingObj(ord), name, args))
}

/// Sorts `items` stably by `ord` (reversed if `descending`); the first failure is the error.
pub fn sort(rt: &mut Runtime, items: &mut [Value], ord: &Ord, descending: bool) -> Result<(), Exn> {
    let mut failed = None;
    crate::sort::sort_by(items, |a, b| {
        if failed.is_some() {
            return Ordering::Equal;
        }
        match compare(rt, ord, a, b) {
            Ok(c) if descending => c.reverse(),
            Ok(c) => c,
            Err(e) => {
                failed = Some(e);
                Ordering::Equal
            }
        }
    });
    failed.map_or(Ok(()), Err)
}
