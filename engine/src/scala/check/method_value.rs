//! A `def` named without its arguments. Where a function type is expected (`lines.map(f)`,
//! `updateStateByKey(f)`), scalac turns the method into a function value, as `f _` does; the
//! checker types it as one (`Ty::Fn`, from its declared parameters and its result). Where
//! none is (`val g = f`, `println(f)`, `StateSpec.function(mappingFunc)`, whose overloads take
//! Java functions too), scalac refuses it: "missing argument list for method mappingFunc of
//! type (k: String, v: Option[Int], st: org.apache.spark.streaming.State[Int]): (String,
//! Int)", with its advice to write `mappingFunc _`. Checked against Spark 4.3.0's scalac.

use super::{scalac_type, written, Checker, Ty};
use crate::scala::ast::*;
use crate::scala::diag::Diagnostic;

impl Checker<'_> {
    /// `e`, where no function type is expected: scalac's error when it names a `def` of one
    /// parameter list without applying it (and without `_`). Whether it said so.
    pub(super) fn unapplied(&mut self, e: &Expr) -> bool {
        let ExprKind::Ident(name) = &e.kind else {
            return false;
        };
        let eta =
            (self.src.get(e.span.end as usize..)).is_some_and(|r| r.trim_start().starts_with('_'));
        let Some(Ty::Fn(ps, r)) = self.lookup(name).filter(|_| !eta) else {
            return false;
        };
        let Some((_, params, true)) =
            (self.fn_params.iter().rev()).find(|(n, list, _)| n == name && list.len() == ps.len())
        else {
            return false;
        };
        let shown: Option<Vec<String>> = (params.iter())
            .map(|p| Some(format!("{}: {}", p.name, written(p.ty.as_ref()?)?)))
            .collect();
        let (Some(shown), Some(result)) = (shown, scalac_type(&r)) else {
            return false;
        };
        let signature = format!("({}): {result}", shown.join(", "));
        let placeholders = vec!["_"; params.len()].join(",");
        self.diags.push(Diagnostic::error(
            e.span,
            "missing_arg_list",
            vec![name.clone(), signature, placeholders],
        ));
        true
    }
}
