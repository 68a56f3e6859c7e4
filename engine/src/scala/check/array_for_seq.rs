//! `sc.parallelize(Array("a", "b"))`, which Spark's compiler refuses: `parallelize[T:
//! ClassTag](seq: Seq[T], numSlices: Int = ...)` types its argument with `Seq[T]` expected and
//! `T` not yet known, and Scala 2.13 then picks among `Array.apply`'s overloads for value types
//! only (`(x: Int, xs: Int*)Array[Int]` and the others), none of which takes `String`s or
//! tuples: "overloaded method apply with alternatives: ... cannot be applied to (String,
//! String)". An `Array` of numbers, an `Array` named by a `val`, `Seq(...)`, or `makeRDD`
//! compile. Checked against Spark 4.3.0's scalac (`compile_compare.py --pos`).

use super::{scalac_type, Checker, Ty};
use crate::scala::ast::*;
use crate::scala::diag::Diagnostic;

impl Checker<'_> {
    /// `e`, `parallelize`'s data: scalac's error when it is an `Array(...)` of references,
    /// said; whether it was. `defaulted`: `numSlices` left to its default, which scalac notes.
    pub(super) fn array_for_seq(&mut self, e: &Expr, defaulted: bool) -> bool {
        let ExprKind::Apply { func, targs, args } = &e.kind else {
            return false;
        };
        let array =
            matches!(&func.kind, ExprKind::Ident(n) if n == "Array" && self.lookup(n).is_none());
        let ([list], true, true) = (args.as_slice(), array, targs.is_empty()) else {
            return false;
        };
        let before = self.diags.len();
        let ts: Vec<Ty> = list.iter().map(|a| self.expr(a)).collect();
        self.diags.truncate(before);
        let reference = |t: &Ty| match t {
            Ty::Str | Ty::Case(_) | Ty::Tuple(_) => scalac_type(t),
            _ => None,
        };
        let Some(shown) = ts.iter().map(reference).collect::<Option<Vec<_>>>() else {
            return false;
        };
        if shown.is_empty() {
            return false;
        }
        let flag = if defaulted { "1" } else { "" };
        (self.diags).push(Diagnostic::error(
            func.span,
            "array_for_seq",
            vec![shown.join(", "), flag.into()],
        ));
        true
    }
}
