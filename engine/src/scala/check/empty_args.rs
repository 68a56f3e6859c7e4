//! A Scala value's member called with an empty argument list, as Java writes it: `xs.size()`,
//! `o.get()`, `xs.sum()`, `xs.count()`. Scala declares `size`, `head`, `isEmpty` and an
//! `Option`'s `get` without a parameter list, so scalac applies what they give to `()`: "Int
//! does not take parameters" (of a `String` or a sequence, its `apply` misses the index: "not
//! enough arguments for method apply: (i: Int): Char in class StringOps"). `sum`, `max`, `min`
//! and `sorted` have only their implicit list, which `()` gives nothing: "not enough arguments
//! for method sum: (implicit num: scala.math.Numeric[B]): B". `count` wants a predicate, a
//! map's `get` a key. A `String`'s `length()` and `isEmpty()` are Java's methods, and fine.
//! Checked against Spark 4.3.0's scalac (`compile_compare.py --pos`).

use super::{scalac_type, Checker, Ty};
use crate::scala::ast::Span;
use crate::scala::diag::Diagnostic;
use crate::scala::value_members::Collection;

/// Members Scala declares without a parameter list.
const PARAMETERLESS: &[&str] = &[
    "size",
    "length",
    "head",
    "last",
    "isEmpty",
    "nonEmpty",
    "isDefined",
    "hasNext",
    "headOption",
    "lastOption",
    "toList",
    "reverse",
    "distinct",
    "get",
    "keys",
    "values",
    "toInt",
    "toLong",
    "toDouble",
];

impl Checker<'_> {
    /// `recv.name()` (`span` the name's): scalac's error when `name` is one of the members
    /// above. Whether it was said.
    pub(super) fn empty_args(&mut self, recv: &Ty, name: &str, span: Span) -> bool {
        let elem = match recv {
            Ty::Opt(x) | Ty::Some(x) => (**x).clone(),
            Ty::Coll(..) | Ty::Array(_) | Ty::Range(_) | Ty::MapOf(..) | Ty::Str => recv.elem(),
            // A tuple's fields: `p._1()`.
            Ty::Tuple(_) if name.starts_with('_') => Ty::Unknown,
            _ => return false,
        };
        if matches!((recv, name), (Ty::Str, "length" | "isEmpty")) {
            // Java's `String.length()` and `isEmpty()`.
            return false;
        }
        let field = matches!(recv, Ty::Tuple(_));
        let e = match scalac_type(&elem) {
            Some(e) => e,
            None if field => String::new(),
            None => return false,
        };
        let (kind, args) = match name {
            "sum" | "product" | "max" | "min" | "sorted" => {
                let Some(sig) = implicit_only(recv, name, &e) else {
                    return false;
                };
                let param = if matches!(name, "sum" | "product") {
                    "num"
                } else {
                    "ord"
                };
                ("not_enough_args", vec![name.into(), sig, param.into()])
            }
            "count" => {
                let lone = if e.starts_with('(') {
                    format!("({e})")
                } else {
                    e
                };
                let sig = format!("(p: {lone} => Boolean): Int");
                ("not_enough_args", vec![name.into(), sig, "p".into()])
            }
            "get" if matches!(recv, Ty::MapOf(..)) => {
                let (k, v) = elem.pair();
                let (Some(k), Some(v)) = (scalac_type(&k), scalac_type(&v)) else {
                    return false;
                };
                let sig = format!("(key: {k}): Option[{v}]");
                ("not_enough_args", vec![name.into(), sig, "key".into()])
            }
            _ if field || PARAMETERLESS.contains(&name) => {
                let before = self.diags.len();
                let t = self.method(recv.clone(), name, span, &[]);
                if self.diags.len() > before {
                    return true;
                }
                match applied_to_nothing(&t) {
                    Some(found) => found,
                    None => return false,
                }
            }
            _ => return false,
        };
        let at = self.paren_after(span);
        self.diags.push(Diagnostic::error(at, kind, args));
        true
    }
}

/// What scalac says of `()` after a value of type `t`: it takes no parameters, or its
/// `apply` misses its index.
fn applied_to_nothing(t: &Ty) -> Option<(&'static str, Vec<String>)> {
    let apply = |sig: String, param: &str| {
        Some((
            "not_enough_args",
            vec!["apply".to_string(), sig, param.to_string()],
        ))
    };
    let e = |x: &Ty| scalac_type(x);
    match t {
        Ty::Int | Ty::Long | Ty::Double | Ty::Bool | Ty::Char | Ty::Tuple(_) | Ty::Opt(_) => {
            Some(("no_params", vec![scalac_type(t)?]))
        }
        Ty::Coll(Collection::Iterable, x) => {
            Some(("no_params", vec![format!("Iterable[{}]", e(x)?)]))
        }
        Ty::Str => apply("(i: Int): Char in class StringOps".into(), "i"),
        Ty::Coll(Collection::List, x) => {
            apply(format!("(n: Int): {} in trait LinearSeqOps", e(x)?), "n")
        }
        Ty::Coll(Collection::Seq, x) => apply(format!("(i: Int): {} in trait SeqOps", e(x)?), "i"),
        Ty::Array(x) => apply(format!("(i: Int): {} in class Array", e(x)?), "i"),
        Ty::Range(_) => apply("(idx: Int): Int in class Range".into(), "idx"),
        _ => None,
    }
}

/// The declaration of `recv`'s `sum`, `max`, `min` or `sorted`, whose only parameter list
/// is implicit, as scalac prints it (`e` the element's type).
pub(super) fn implicit_only(recv: &Ty, name: &str, e: &str) -> Option<String> {
    Some(match (name, recv) {
        ("sum", Ty::Range(_)) => "(implicit num: Numeric[B]): Int".into(),
        ("max" | "min", Ty::Range(_)) => "(implicit ord: Ordering[A1]): Int".into(),
        ("product", Ty::Range(_)) => return None,
        ("sum" | "product", _) => "(implicit num: scala.math.Numeric[B]): B".into(),
        ("max" | "min", _) => format!("(implicit ord: scala.math.Ordering[B]): {e}"),
        ("sorted", Ty::Array(_)) => format!("(implicit ord: scala.math.Ordering[B]): Array[{e}]"),
        ("sorted", Ty::Str) => "(implicit ord: Ordering[B]): String".into(),
        ("sorted", Ty::Range(_)) => "(implicit ord: Ordering[B]): IndexedSeq[Int]".into(),
        ("sorted", Ty::Coll(Collection::List, _)) => {
            format!("(implicit ord: Ordering[B]): List[{e}]")
        }
        ("sorted", Ty::Coll(Collection::Seq, _)) => {
            format!("(implicit ord: Ordering[B]): Seq[{e}]")
        }
        _ => return None,
    })
}
