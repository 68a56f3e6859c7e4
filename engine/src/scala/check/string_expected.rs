//! Arithmetic where a `String` is expected: `val s: String = n + 1`, `x => x + 1` for an
//! `Int => String`, `reduceByKey((a: Int, b: Int) => a + b)` of `String` values. scalac looks
//! for a `+` on `n` that gives a `String` and finds two implicit views of an `Int` (to `Float`
//! and to `Long`), neither preferred: "type mismatch: found n.type (with underlying type Int),
//! required ?{def +(x$1: ? >: Int(1)): ?}" with its note that the conversions are ambiguous,
//! then the operand against `String` ("found Int(1), required String"). A `Double` has no such
//! views (the operand's error alone); another operator's result is a number ("found Int,
//! required String" at it). Checked against Spark 4.3.0's scalac.

use super::{lit_shown, scalac_type, Checker, Ty};
use crate::scala::ast::*;
use crate::scala::diag::Diagnostic;

impl Checker<'_> {
    /// `e` of type `got` where `want` is expected: when `want` is a `String` and `e` a
    /// number's arithmetic, scalac's errors. `defaults`: the call it is in has default
    /// arguments (scalac says so). Whether they were said.
    pub(super) fn numbers_for_string(
        &mut self,
        want: &Ty,
        e: &Expr,
        got: &Ty,
        defaults: bool,
    ) -> bool {
        let ExprKind::Binary {
            op,
            lhs,
            rhs,
            op_span,
        } = &e.kind
        else {
            return false;
        };
        let number = |t: &Ty| matches!(t, Ty::Int | Ty::Long | Ty::Double | Ty::Char);
        if *want != Ty::Str || !number(got) || self.blind {
            return false;
        }
        if *op != BinOp::Add {
            let arithmetic = matches!(op, BinOp::Sub | BinOp::Mul | BinOp::Div | BinOp::Rem);
            let Some(found) = scalac_type(got).filter(|_| arithmetic) else {
                return false;
            };
            self.mismatch_at(*op_span, found, "String".into());
            return true;
        }
        let before = self.diags.len();
        let (l, r) = (self.expr(lhs), self.expr(rhs));
        self.diags.truncate(before);
        let shown = |e: &Expr, t: &Ty| match &e.kind {
            ExprKind::Lit(l) => Some(lit_shown(l)),
            _ => scalac_type(t),
        };
        let (Some(right), true) = (shown(rhs, &r), number(&l) && number(&r)) else {
            return false;
        };
        if l != Ty::Double {
            let Some(ty) = scalac_type(&l) else {
                return false;
            };
            // A `val` or a parameter is of its singleton type.
            let (found, from) = match &lhs.kind {
                ExprKind::Ident(n) if self.binding(n).is_some_and(|(_, v)| v) => (
                    format!("{n}.type (with underlying type {ty})"),
                    format!("{n}.type"),
                ),
                _ => {
                    let t = shown(lhs, &l).unwrap_or_else(|| ty.clone());
                    (t.clone(), t)
                }
            };
            let mut args = vec![found, right.clone(), ty, from];
            if defaults {
                args.push("defaults".into());
            }
            let at = self.point(lhs);
            (self.diags).push(Diagnostic::error(at, "ambiguous_view", args));
        }
        let at = self.point(rhs);
        self.mismatch_at(at, right, "String".into());
        true
    }
}
