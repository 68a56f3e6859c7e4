//! `StateSpec.function` and `mapWithState` typed as scalac types them. The mapping function's
//! parameters must be declared (scalac infers none: "missing parameter type" at each one
//! that is not); it must be one of `StateSpec.function`'s shapes, `(K, Option[V], State[S])
//! => M` or `(Time, K, Option[V], State[S]) => Option[M]`, else "overloaded method function
//! with alternatives: ... cannot be applied to ((String, Int,
//! org.apache.spark.streaming.State[Int]) => String)" (for a lambda, the overloads of its
//! parameter count; for a function value, all four). The spec it makes is a `StateSpec[K,
//! V, S, M]`, which `mapWithState` on a `DStream[(K, V)]` takes (another: "type mismatch:
//! found org.apache.spark.streaming.StateSpec[String,Int,Int,String], required
//! org.apache.spark.streaming.StateSpec[String,Long,?,?]"; written inside the call, the
//! function against `(K, Option[V], State[?]) => ?`); what `mapWithState` gives is a
//! `MapWithStateDStream[K, V, S, M]`, a `DStream[M]` whose `stateSnapshots()` are `(K, S)`.
//! Checked against Spark 4.3.0's scalac (`compile_compare.py --pos`).

use super::{scalac_type, Checker, Ty};
use crate::scala::ast::*;
use crate::scala::diag::Diagnostic;
use crate::scala::signatures::{show_function, STATE_SPEC_FUNCTION};

impl Checker<'_> {
    /// `StateSpec.function(args)`, `at` the name `function`; `stream` the `(K, V)` of the
    /// `mapWithState` it is written in, if it is.
    pub(super) fn state_spec(
        &mut self,
        args: &[Vec<Expr>],
        at: Span,
        stream: Option<(&Ty, &Ty)>,
    ) -> Ty {
        let Some(f) = self.only_arg(args) else {
            return Ty::Unknown;
        };
        let lambda = match &f.kind {
            ExprKind::Lambda { params, .. } => Some(params),
            _ => None,
        };
        if let Some(params) = lambda.filter(|ps| ps.iter().any(|p| p.ty.is_none())) {
            for p in params.iter().filter(|p| p.ty.is_none()) {
                self.diags
                    .push(Diagnostic::error(p.span, "missing_param_type", vec![]));
            }
            // scalac types the body no further: every parameter unknown, declared or not.
            if let ExprKind::Lambda { body, .. } = &f.kind {
                self.scopes.push(Vec::new());
                for p in params {
                    self.bind_val(&p.name, Ty::Unknown);
                }
                self.expr(body);
                self.scopes.pop();
            }
            return Ty::Unknown;
        }
        // `StateSpec.function(mappingFunc)` of a `def`: Java functions are among the
        // overloads, so scalac does not make a function of the method.
        if lambda.is_none() && self.unapplied(f, "?") {
            return Ty::Unknown;
        }
        let before = self.diags.len();
        let Ty::Fn(ps, r) = self.expr(f) else {
            return Ty::Unknown;
        };
        // A lambda written here whose body has errors: they are all scalac says of the call.
        if lambda.is_some() && self.errors_since(before) {
            return Ty::Unknown;
        }
        let opt = |t: &Ty| matches!(t, Ty::Opt(_));
        let state = |t: &Ty| matches!(t, Ty::State(_));
        let inner = |t: &Ty| match t {
            Ty::Opt(x) | Ty::Some(x) | Ty::State(x) => (**x).clone(),
            _ => Ty::Unknown,
        };
        let spec = match ps.as_slice() {
            [k, v, s] if opt(v) && state(s) => [k.clone(), inner(v), inner(s), (*r).clone()],
            [Ty::Time, k, v, s] if opt(v) && state(s) && matches!(*r, Ty::Opt(_) | Ty::Some(_)) => {
                [k.clone(), inner(v), inner(s), inner(&r)]
            }
            _ => {
                // None of the shapes: scalac lists the overloads a lambda of this many
                // parameters could be (every one for a function value).
                let found = scalac_type(&Ty::Fn(ps.clone(), r.clone()));
                let n = ps.len();
                let any = !STATE_SPEC_FUNCTION.iter().any(|(k, _)| *k == n) || lambda.is_none();
                let listed: Vec<String> = (STATE_SPEC_FUNCTION.iter())
                    .filter(|(k, _)| any || *k == n)
                    .map(|(_, alt)| format!("  {alt}"))
                    .collect();
                if let Some(found) = found {
                    let parts = vec!["function".into(), listed.join(" <and>\n"), found];
                    self.diags
                        .push(Diagnostic::error(at, "overloaded_args", parts));
                }
                return Ty::Unknown;
            }
        };
        // Written inside `mapWithState`, the function is typed against the stream's.
        if let (Some((k, v)), [pk, pv, _]) = (stream, ps.as_slice()) {
            let differs =
                |want: &Ty, got: &Ty| *want != Ty::Unknown && *got != Ty::Unknown && want != got;
            let shown = (
                scalac_type(k),
                scalac_type(v),
                scalac_type(&Ty::Fn(ps.clone(), r)),
            );
            if let (true, (Some(k), Some(v), Some(found))) =
                (differs(k, pk) || differs(v, &inner(pv)), shown)
            {
                let required = show_function(
                    &[
                        k,
                        format!("Option[{v}]"),
                        "org.apache.spark.streaming.State[?]".into(),
                    ],
                    "?",
                );
                let at = match lambda {
                    Some(params) => self.arrow(f, params),
                    None => self.point(f),
                };
                self.diags.push(Diagnostic::error(
                    at,
                    "type_mismatch",
                    vec![found, required],
                ));
                return Ty::Unknown;
            }
        }
        Ty::Spec(Box::new(spec))
    }

    /// The one argument of a call of one argument list; else the arguments are walked as
    /// they are, and `None`.
    fn only_arg<'a>(&mut self, args: &'a [Vec<Expr>]) -> Option<&'a Expr> {
        match args {
            [one] if one.len() == 1 => Some(&one[0]),
            _ => {
                self.exprs(args);
                None
            }
        }
    }

    /// `mapWithState(spec)` on a stream of `(k, v)`: a spec made for another key or value
    /// type is scalac's "type mismatch"; the result a `MapWithStateDStream`.
    pub(super) fn map_with_state(&mut self, args: &[Vec<Expr>], k: &Ty, v: &Ty) -> Ty {
        let Some(a) = self.only_arg(args) else {
            return Ty::Unknown;
        };
        let inline = match &a.kind {
            ExprKind::MethodCall {
                recv,
                name,
                name_span,
                args,
                ..
            } if name == "function"
                && matches!(&recv.kind, ExprKind::Ident(o) if o == "StateSpec")
                && self.lookup("StateSpec").is_none() =>
            {
                Some(self.state_spec(args, *name_span, Some((k, v))))
            }
            _ => None,
        };
        let spec = match inline {
            Some(t) => t,
            None => self.expr(a),
        };
        let Ty::Spec(ts) = spec else {
            return Ty::Unknown;
        };
        let differs =
            |want: &Ty, got: &Ty| *want != Ty::Unknown && *got != Ty::Unknown && want != got;
        if differs(k, &ts[0]) || differs(v, &ts[1]) {
            let found = scalac_type(&Ty::Spec(ts.clone()));
            if let (Some(found), Some(k), Some(v)) = (found, scalac_type(k), scalac_type(v)) {
                let required = format!("org.apache.spark.streaming.StateSpec[{k},{v},?,?]");
                let at = self.point(a);
                self.diags.push(Diagnostic::error(
                    at,
                    "type_mismatch",
                    vec![found, required],
                ));
            }
            return Ty::Unknown;
        }
        Ty::Mapped(ts)
    }
}
