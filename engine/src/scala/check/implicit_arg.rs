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
//!
//! An `Ordering` of another type than the elements' is scalac's mismatch too. `sorted[B >:
//! A]`, `max` and `min` infer `B` as the least upper bound of the elements' type and the
//! ordering's: `List(3, 1).sorted(Ordering[String])` is "found scala.math.Ordering[String],
//! required Ordering[Any]" with the note that `Ordering` is invariant (an `Ordering[String]`
//! is no `Ordering[Any]`, though a `String` is an `Any`); `sortBy(f)`, `maxBy(f)` and an RDD's
//! `top`, `takeOrdered`, `max` and `min` want an ordering of one type, so no note.

use super::option::lub;
use super::{lit_shown, lit_ty, scalac_type, Checker, Ty};
use crate::scala::ast::*;
use crate::scala::diag::Diagnostic;

impl Checker<'_> {
    /// Whether `recv.name(args)` gives a plain value as `name`'s implicit argument: then the
    /// mismatch is said (when the ordering's type is known) and the call is typed.
    pub(super) fn implicit_arg(&mut self, recv: &Ty, name: &str, args: &[Vec<Expr>]) -> bool {
        if let Ty::Rdd(elem) = recv {
            return self.rdd_ordering(elem, name, args);
        }
        let elem = match recv {
            Ty::Str => Ty::Char,
            Ty::Range(_) => Ty::Int,
            Ty::Array(e) | Ty::Iterable(e) | Ty::Coll(_, e) => (**e).clone(),
            _ => return false,
        };
        if let ("sorted" | "max" | "min" | "sum" | "product", [l]) = (name, args) {
            // `xs.sorted(4, 5)`: one implicit parameter, two arguments.
            let sig =
                scalac_type(&elem).and_then(|e| super::empty_args::implicit_only(recv, name, &e));
            if let (Some(sig), [_, second, ..]) = (sig, l.as_slice()) {
                let at = self.point(second);
                let found = l.len().to_string();
                self.exprs(args);
                (self.diags).push(Diagnostic::error(
                    at,
                    "too_many_args",
                    vec![name.into(), found, "1".into(), sig],
                ));
                return true;
            }
        }
        let (by, list) = match (name, args) {
            ("sorted" | "max" | "min" | "sum" | "product", [l]) => (None, l),
            ("sortBy" | "maxBy" | "minBy", [f, l]) if f.len() == 1 => (Some(&f[0]), l),
            _ => return false,
        };
        let Some(found) = self.plain_value(list) else {
            return self.other_ordering(recv, name, by, list, elem);
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

    /// `xs.sorted(ord)`, `xs.sortBy(f)(ord)` of an ordering `ord` of another type than the
    /// elements' (or what `f` gives): the mismatch said, and the call typed.
    fn other_ordering(
        &mut self,
        recv: &Ty,
        name: &str,
        by: Option<&Expr>,
        list: &[Expr],
        elem: Ty,
    ) -> bool {
        let (Some((t, module)), [a]) = (self.ordering_arg(list), list) else {
            return false;
        };
        if matches!(name, "sum" | "product") {
            return false;
        }
        let class = implicit_class(name, recv);
        let found = Ty::Ordering(Box::new(t.clone()), module).show();
        let before = self.diags.len();
        let want = match by {
            Some(f) => self.func(f, &[elem]),
            // `Ordering.Double` is no ordering: it holds Scala's two orderings of `Double`s.
            None if module && t == Ty::Double => {
                self.implicit_mismatch(a, found, format!("{class}[?]"));
                return true;
            }
            None => lub(elem, t.clone()),
        };
        let wider = lub(want.clone(), t.clone());
        let known = |t: &Ty| match t {
            Ty::Tuple(ts) => ts.iter().all(Ty::is_plain),
            t => t.is_plain() || matches!(t, Ty::Any | Ty::AnyVal | Ty::Serializable),
        };
        if want == t || wider == t || !known(&want) || !known(&t) {
            // The ordering fits (or the types are not known): the call is typed as usual.
            self.diags.truncate(before);
            return false;
        }
        let at = self.ordering_point(a);
        let required = format!("{class}[{}]", want.show());
        if by.is_some() {
            // `B` is what `f` gives, so the call keeps its type: it is typed as usual after.
            self.diags.truncate(before);
            if wider != want {
                self.diags.push(Diagnostic::error(
                    at,
                    "type_mismatch",
                    vec![found, required],
                ));
                self.kept += 1;
            }
            return false;
        }
        // `B` is not inferred: scalac types nothing more of the expression.
        // `Ordering.Int` is declared as a `CachedReverse`, the others as orderings.
        let also = match (module, &t) {
            (false, _) => String::new(),
            (true, Ty::Int) => " (and Ordering.Int.type <: Ordering.CachedReverse[Int])".into(),
            (true, t) => format!(" (and {found} <: scala.math.Ordering[{}])", t.show()),
        };
        (self.diags).push(Diagnostic::error(
            at,
            "invariant_mismatch",
            vec![
                found,
                required,
                t.show(),
                want.show(),
                "Ordering".into(),
                also,
            ],
        ));
        true
    }

    /// An RDD's `top(n)(ord)`, `takeOrdered(n)(ord)`, `max()(ord)`, `min()(ord)` of an
    /// ordering of another type than the elements'.
    fn rdd_ordering(&mut self, elem: &Ty, name: &str, args: &[Vec<Expr>]) -> bool {
        let list = match (name, args) {
            ("top" | "takeOrdered", [n, l]) if n.len() == 1 => l,
            ("max" | "min", [n, l]) if n.is_empty() => l,
            _ => return false,
        };
        let (Some((t, module)), [a]) = (self.ordering_arg(list), list.as_slice()) else {
            return false;
        };
        let Some(want) = scalac_type(elem) else {
            return false;
        };
        let wider = lub(elem.clone(), t.clone());
        if !t.is_plain() || !elem.is_plain() || wider == t || wider == *elem {
            return false;
        }
        let at = self.ordering_point(a);
        let found = Ty::Ordering(Box::new(t), module).show();
        (self.diags).push(Diagnostic::error(
            at,
            "type_mismatch",
            vec![found, format!("Ordering[{want}]")],
        ));
        self.kept += 1;
        // The call keeps its type (`T` is the RDD's): it is typed as usual after.
        false
    }

    /// The ordering `list` passes, when it is one whose type is known: its values' type and
    /// whether it is one of `Ordering`'s objects.
    fn ordering_arg(&mut self, list: &[Expr]) -> Option<(Ty, bool)> {
        let [a] = list else { return None };
        let t = match &a.kind {
            ExprKind::Ident(n) => self.lookup(n)?,
            _ => self.ordering_value(a)?,
        };
        match t {
            Ty::Ordering(t, module) => Some((*t, module)),
            _ => None,
        }
    }

    /// The type of `e` when it names an ordering: `Ordering[T]`, `Ordering.Int`, `o.reverse`
    /// of one.
    pub(super) fn ordering_value(&mut self, e: &Expr) -> Option<Ty> {
        let module = |c: &Checker, e: &Expr| matches!(&e.kind, ExprKind::Ident(n) if n == "Ordering" && c.lookup(n).is_none());
        match &e.kind {
            ExprKind::Apply { func, targs, args } if args.is_empty() && module(self, func) => {
                let [t] = targs.as_slice() else { return None };
                Some(Ty::Ordering(Box::new(self.declared(t)), false))
            }
            ExprKind::Field { recv, name, .. } if module(self, recv) => {
                let t = match name.as_str() {
                    "Int" => Ty::Int,
                    "Long" => Ty::Long,
                    "Char" => Ty::Char,
                    "Boolean" => Ty::Bool,
                    "String" => Ty::Str,
                    "Double" => Ty::Double,
                    _ => return None,
                };
                Some(Ty::Ordering(Box::new(t), true))
            }
            ExprKind::Field { recv, name, .. } if name == "reverse" => {
                let t = match &recv.kind {
                    ExprKind::Ident(n) => self.lookup(n)?,
                    _ => self.ordering_value(recv)?,
                };
                match t {
                    // `Ordering.Double` has no `reverse`.
                    Ty::Ordering(t, module) if !(module && *t == Ty::Double) => {
                        Some(Ty::Ordering(t, false))
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// Where scalac points at an ordering: `Ordering[T]` at its `[`, a member at its name.
    fn ordering_point(&self, a: &Expr) -> Span {
        match &a.kind {
            ExprKind::Apply { func, .. } => {
                Span::new(func.span.end as usize, func.span.end as usize + 1)
            }
            _ => self.point(a),
        }
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
