//! A value written where Scala takes an implicit: `xs.sorted(4)`, `xs.max(1)`, `xs.sum(3)`,
//! `xs.sortBy(f)(3)`. `sorted[B >: A](implicit ord: Ordering[B])` has one argument list, the
//! implicit one, so what a learner writes in it is the `Ordering`: scalac's "type mismatch:
//! found Int(4), required Ordering[?]". The type is named as Scala's sources name it:
//! `Ordering[?]` for a sequence's or a `String`'s `sorted` and `sortBy`,
//! `scala.math.Ordering[?]` for an array's and for `max`, `min`, `maxBy` and `minBy`,
//! `scala.math.Numeric[?]` for `sum` and `product`; after `sortBy(f)` or `maxBy(f)` it is an
//! ordering of what `f` gives (`Ordering[Int]`). Checked against Spark 4.3.0's scalac
//! (`compile_compare.py --pos`). Only a literal or a name of a plain value is said: anything
//! else may be an `Ordering` the program built.

use super::{lit_shown, lit_ty, scalac_type, Checker, Ty};
use crate::scala::ast::*;
use crate::scala::diag::Diagnostic;

impl Checker<'_> {
    /// Whether `recv.name(args)` gives a plain value as `name`'s implicit argument: then the
    /// mismatch is said (when the ordering's type is known) and the call is typed.
    pub(super) fn implicit_arg(&mut self, recv: &Ty, name: &str, args: &[Vec<Expr>]) -> bool {
        let elem = match recv {
            Ty::Str => Ty::Char,
            Ty::Range(_) => Ty::Int,
            Ty::Array(e) | Ty::Iterable(e) | Ty::Coll(_, e) => (**e).clone(),
            _ => return false,
        };
        let (by, list) = match (name, args) {
            ("sorted" | "max" | "min" | "sum" | "product", [l]) => (None, l),
            ("sortBy" | "maxBy" | "minBy", [f, l]) if f.len() == 1 => (Some(&f[0]), l),
            _ => return false,
        };
        let Some(found) = self.plain_value(list) else {
            return false;
        };
        let of = match by {
            Some(f) => match scalac_type(&self.func(f, &[elem])) {
                Some(r) => r,
                None => return true,
            },
            None => "?".into(),
        };
        let class = implicit_class(name, recv);
        self.implicit_mismatch(&list[0], found, format!("{class}[{of}]"));
        true
    }

    /// `list` as scalac shows it when it is one plain value, a literal or a name: `Int(4)`,
    /// `Int`.
    pub(super) fn plain_value(&self, list: &[Expr]) -> Option<String> {
        let [a] = list else { return None };
        let (found, t) = match &a.kind {
            ExprKind::Lit(l) => (lit_shown(l), lit_ty(l)),
            ExprKind::Ident(n) => {
                let t = self.lookup(n)?;
                (t.show(), t)
            }
            _ => return None,
        };
        t.is_plain().then_some(found)
    }

    pub(super) fn implicit_mismatch(&mut self, a: &Expr, found: String, required: String) {
        let at = self.point(a);
        (self.diags).push(Diagnostic::error(
            at,
            "type_mismatch",
            vec![found, required],
        ));
    }
}

/// The implicit parameter's class of `recv.name` as scalac names it (a `Range` overrides
/// `sum`, `max` and `min`).
pub(super) fn implicit_class(name: &str, recv: &Ty) -> &'static str {
    match (name, recv) {
        ("sum", Ty::Range(_)) => "Numeric",
        ("max" | "min", Ty::Range(_)) => "Ordering",
        ("sum" | "product", _) => "scala.math.Numeric",
        ("sorted" | "sortBy", Ty::Array(_)) => "scala.math.Ordering",
        ("sorted" | "sortBy", _) => "Ordering",
        _ => "scala.math.Ordering",
    }
}
