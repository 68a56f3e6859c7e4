//! A lambda of another parameter count than the function type it is given to:
//! `val f: (Int, Int) => Int = x => x`, `g(x => x)` of a `def g(f: (Int, Int) => Int)`. scalac
//! cannot give the lambda's parameters types from a function type of another arity, so each
//! untyped one is a "missing parameter type" (a placeholder's, its expanded function; the
//! first, where one tuple of as many parts is expected, with scalac's note that Scala 2 does
//! not spread a tuple into parameters), then the lambda as it typed it, its result `?` unless
//! every parameter is typed, against the function type: "type mismatch: found ? => ?,
//! required (Int, Int) => Int" at the lambda's `=>`. Checked against Spark 4.3.0's scalac.

use super::call::placeholder;
use super::{scalac_type, Checker, Ty};
use crate::scala::ast::*;
use crate::scala::diag::Diagnostic;
use crate::scala::signatures as sig;

impl Checker<'_> {
    /// `e` where a function of type `want` goes: when it is a lambda of another parameter
    /// count, scalac's errors. Whether it was one (and was said).
    pub(super) fn fn_arity(&mut self, want: &Ty, e: &Expr) -> bool {
        let (Ty::Fn(ps, _), ExprKind::Lambda { params, body }) = (want, &e.kind) else {
            return false;
        };
        let Some(required) = scalac_type(want).filter(|_| params.len() != ps.len()) else {
            return false;
        };
        if self.blind {
            return false;
        }
        if params.iter().any(placeholder) {
            self.expanded(params, body);
        } else {
            let tuple = matches!(ps.as_slice(), [Ty::Tuple(ts)] if ts.len() == params.len());
            let names: Vec<&str> = params.iter().map(|p| p.name.as_str()).collect();
            for (i, p) in params.iter().enumerate().filter(|(_, p)| p.ty.is_none()) {
                let note = match (i, tuple) {
                    (0, true) => vec![params.len().to_string(), names.join(", ")],
                    _ => vec![],
                };
                (self.diags).push(Diagnostic::error(p.span, "missing_param_type", note));
            }
        }
        let declared: Vec<Option<Ty>> = params
            .iter()
            .map(|p| p.ty.as_ref().map(|t| self.declared(t)))
            .collect();
        let shown: Vec<String> = (declared.iter())
            .map(|t| {
                t.as_ref()
                    .and_then(scalac_type)
                    .unwrap_or_else(|| "?".into())
            })
            .collect();
        // Only a lambda whose parameters are all typed has its body typed.
        let result = match declared.iter().cloned().collect::<Option<Vec<Ty>>>() {
            Some(ts) => {
                self.scopes.push(Vec::new());
                for (p, t) in params.iter().zip(ts) {
                    self.bind_val(&p.name, t);
                }
                let before = self.diags.len();
                let t = self.expr(body);
                self.scopes.pop();
                // A body that failed makes the lambda's type an error: nothing more is said.
                if self.diags.len() > before {
                    return true;
                }
                scalac_type(&t).unwrap_or_else(|| "?".into())
            }
            None => "?".into(),
        };
        let at = self.arrow(e, params);
        self.mismatch_at(at, sig::show_function(&shown, &result), required);
        true
    }
}
