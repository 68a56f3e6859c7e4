//! A number's arithmetic typed against what is expected of it, where scalac's overloading
//! and implicit views decide the message. `val s: String = n + 1`, `x => x + 1` for an
//! `Int => String`, `reduceByKey((a: Int, b: Int) => a + b)` of `String` values: scalac looks
//! for a `+` on `n` that gives a `String` and finds two implicit views of an `Int` (to `Float`
//! and to `Long`), neither preferred: "type mismatch: found n.type (with underlying type Int),
//! required ?{def +(x$1: ? >: Int(1)): ?}" with its note that the conversions are ambiguous,
//! then the operand against `String` ("found Int(1), required String"). A `Double` has no such
//! views (the operand's error alone); another operator's result is a number ("found Int,
//! required String" at it). `val c: Int = n * k` of an `Int` and a `Long`: scalac first keeps
//! the overloads of `*` whose result is an `Int`, none of which takes a `Long`, so the views
//! again, then "overloaded method * with alternatives: (x: Int)Int <and> ... cannot be applied
//! to (Long)" (where no overload gives what is wanted, `Long + 1` for an `Int`, the result is
//! typed and is a plain mismatch). Checked against Spark 4.3.0's scalac.

use super::{lit_shown, scalac_type, Checker, Ty};
use crate::scala::ast::*;
use crate::scala::diag::Diagnostic;
use crate::scala::value_members::operator_overloads_for;

impl Checker<'_> {
    /// `e` of type `got` where `want` is expected: when `e` is a number's arithmetic that
    /// scalac refuses as above, its errors. `defaults`: the call it is in has default
    /// arguments (scalac says so). Whether they were said.
    pub(super) fn arithmetic_expected(
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
        let arithmetic = matches!(
            op,
            BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div | BinOp::Rem
        );
        if !arithmetic || self.blind {
            return false;
        }
        if *got == Ty::Unknown {
            self.overloads_kept(want, lhs, *op_span);
            return self.boolean_for_string(want, (lhs, *op, rhs), *op_span);
        }
        if !number(got) {
            return false;
        }
        if *want != Ty::Str && !number(want) {
            return false;
        }
        if *want == Ty::Str && *op != BinOp::Add {
            let Some(found) = scalac_type(got) else {
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
        let (Some(right), Some(ty), Some(rty)) = (shown(rhs, &r), scalac_type(&l), scalac_type(&r))
        else {
            return false;
        };
        if !(number(&l) && number(&r)) {
            return false;
        }
        // Where a number is wanted: the overloads that give one, when none takes the operand.
        let overloads = match (want, scalac_type(want)) {
            (Ty::Str, _) => None,
            (_, Some(w)) => match operator_overloads_for(&ty, op.text(), &rty, &w) {
                Some(list) => Some(list),
                None => return false,
            },
            _ => return false,
        };
        if l != Ty::Double {
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
            let mut args = vec![found, right.clone(), ty, from, op.text().into()];
            if defaults {
                args.push("defaults".into());
            }
            let at = self.point(lhs);
            (self.diags).push(Diagnostic::error(at, "ambiguous_view", args));
        }
        match overloads {
            Some(list) => {
                let parts = vec![op.text().into(), list, rty, String::new()];
                (self.diags).push(Diagnostic::error(*op_span, "overloaded_args", parts));
            }
            None => {
                let at = self.point(rhs);
                self.mismatch_at(at, right, "String".into());
            }
        }
        true
    }

    /// `x - "a"` where a `Long` is expected: the operator's typing said no overload takes the
    /// operand; scalac lists only those whose result is a `want` (`(x: Long)Long <and> (x:
    /// Int)Int ...`).
    fn overloads_kept(&mut self, want: &Ty, lhs: &Expr, at: Span) {
        let Some(w) = scalac_type(want).filter(|_| want.is_plain()) else {
            return;
        };
        let Some(i) =
            (self.diags.iter()).rposition(|d| d.span == at && d.kind == "overloaded_args")
        else {
            return;
        };
        let before = self.diags.len();
        let l = self.expr(lhs);
        self.diags.truncate(before);
        let (Some(l), [op, _, r, ..]) = (scalac_type(&l), self.diags[i].args.as_slice()) else {
            return;
        };
        if let Some(list) = operator_overloads_for(&l, op, r, &w) {
            self.diags[i].args[1] = list;
        }
    }

    /// `x + true` where a `String` is expected: of the overloads of `+` only `(x: String)String`
    /// gives one, and no view of `x` takes a `Boolean`: the operand against `String`, instead
    /// of the operator's error. Whether it was said.
    fn boolean_for_string(
        &mut self,
        want: &Ty,
        (lhs, op, rhs): (&Expr, BinOp, &Expr),
        op_at: Span,
    ) -> bool {
        if *want != Ty::Str || op != BinOp::Add {
            return false;
        }
        let before = self.diags.len();
        let (l, r) = (self.expr(lhs), self.expr(rhs));
        self.diags.truncate(before);
        let number = matches!(l, Ty::Int | Ty::Long | Ty::Double | Ty::Char);
        if !(number && r == Ty::Bool) {
            return false;
        }
        // The operator's own error, said when it was typed, gives way.
        let op_error = |d: &Diagnostic| d.span == op_at && d.kind == "overloaded_args";
        if let Some(i) = self.diags.iter().rposition(op_error) {
            self.diags.remove(i);
        }
        let found = match &rhs.kind {
            ExprKind::Lit(l) => lit_shown(l),
            _ => "Boolean".into(),
        };
        let at = self.point(rhs);
        self.mismatch_at(at, found, "String".into());
        true
    }
}
