//! An `updateStateByKey` function of two parameters typed as scalac types it against Spark's
//! `(Seq[V], Option[S]) => Option[S]`, `S` inferred from what it returns. A result that is not
//! an `Option` (`(vs, s) => vs.sum`): "type mismatch: found Int, required Option[?]" where the
//! result is written (the operator, the member's name, a branch); with two overloads left
//! (`, 2`) scalac lists them instead. A function whose declared parameters do not fit: the
//! values not a `Seq[V]` (`List[Int]`, `Seq[Long]` for counts of `Int`) or the state not an
//! `Option` (`s: Int`), "found (Seq[Int], Int) => Some[Int], required (Seq[Int], Option[?]) =>
//! Option[?]" at its `=>`; a state of another type than the result's (`s: Option[Int]`
//! returning `Some(n.toString)`), `S` is the result's: "required (Seq[Int], Option[String]) =>
//! Option[String]". Checked against Spark 4.3.0's scalac.

use super::{lit_shown, scalac_type, Call, Checker, Ty};
use crate::scala::ast::*;
use crate::scala::diag::Diagnostic;
use crate::scala::signatures::{self as sig, Alt};

impl Checker<'_> {
    /// The checks above, for a lambda `f` of as many parameters as the function the
    /// overloads `fits` take first.
    pub(super) fn update_func(&mut self, call: &Call, fits: &[&Alt], f: &Expr, params: &[Param]) {
        let e = call.elem_names();
        let pairs_of_two = fits.iter().all(|a| {
            let parts = a.params.first().and_then(|p| sig::function_parts(p.1, &e));
            parts.is_some_and(|(ps, _)| ps.len() == 2)
        });
        let ExprKind::Lambda { body, .. } = &f.kind else {
            return;
        };
        if call.name != "updateStateByKey" || params.len() != 2 || !pairs_of_two {
            return;
        }
        let (_, v) = call.elem.pair();
        let before = self.diags.len();
        let t = self.func(f, &[Ty::Iterable(Box::new(v.clone())), Ty::Unknown]);
        self.diags.truncate(before);
        let written: Option<Vec<String>> = params
            .iter()
            .map(|p| p.ty.as_ref().and_then(written))
            .collect();
        match &t {
            Ty::Opt(x) | Ty::Some(x) => {
                if let (Some(ps), Some(result)) = (written, scalac_type(&t)) {
                    self.update_params(fits, f, params, (ps, result), (x, &v));
                }
            }
            // `println(...)`'s `Unit` (the checker's other `Unit`s are not where scalac says).
            Ty::Unit if !matches!(result_of(body).kind, ExprKind::Apply { .. }) => {}
            Ty::Int
            | Ty::Long
            | Ty::Double
            | Ty::Str
            | Ty::Bool
            | Ty::Char
            | Ty::Unit
            | Ty::Tuple(_) => {
                let Some(found) = scalac_type(&t) else {
                    return;
                };
                if let [_] = fits {
                    let leaf = result_of(body);
                    let found = match &leaf.kind {
                        ExprKind::Lit(l) => lit_shown(l),
                        _ => found,
                    };
                    let at = self.point(body);
                    self.diags.push(Diagnostic::error(
                        at,
                        "type_mismatch",
                        vec![found, "Option[?]".into()],
                    ));
                } else if let Some(ps) = written {
                    // Nothing left to infer: scalac types the lambda whole against each
                    // overload and lists them.
                    let mut shown = vec![sig::show_function(&ps, &found)];
                    shown.extend(
                        (call.args.iter().enumerate().skip(1))
                            .map(|(i, a)| self.arg_shown(call, a, i)),
                    );
                    let parts = vec![call.name.into(), call.fits_listed(fits), shown.join(", ")];
                    self.diags
                        .push(Diagnostic::error(call.span, "overloaded_args", parts));
                }
            }
            _ => {}
        }
    }

    /// A function that returns an `Option[x]`, every parameter declared (`ps` as written),
    /// against `(Seq[v], Option[S]) => Option[S]`.
    fn update_params(
        &mut self,
        fits: &[&Alt],
        f: &Expr,
        params: &[Param],
        (ps, result): (Vec<String>, String),
        (x, v): (&Ty, &Ty),
    ) {
        let (Some(v_shown), Some(x_shown)) = (scalac_type(v), scalac_type(x)) else {
            return;
        };
        let [Some(values), Some(state)] = [&params[0].ty, &params[1].ty] else {
            return;
        };
        // The values: a `Seq[V]` or one of its supertypes; a `List`, or a `Seq` of another
        // type, does not take what Spark passes.
        let values_fit = match values {
            TypeRef::Named { name, args, .. } => {
                let short = name.rsplit('.').next().unwrap_or(name);
                let elem = args.first().map_or(Ty::Unknown, super::super::declared);
                let wider = matches!(short, "Seq" | "Iterable" | "IterableOnce" | "Traversable");
                let narrower = matches!(
                    short,
                    "List" | "Vector" | "Array" | "IndexedSeq" | "Set" | "ArrayBuffer" | "LazyList"
                );
                match (wider, narrower) {
                    (true, _) => elem == Ty::Unknown || elem == *v,
                    (_, true) => false,
                    _ => return,
                }
            }
            _ => return,
        };
        // The state: an `Option` of the result's type (anything else is not an `Option[S]`).
        let state_fits = match self.declared(state) {
            Ty::Opt(y) if *y == Ty::Unknown || *y == *x => Some(true),
            Ty::Opt(_) => Some(false),
            Ty::Int | Ty::Long | Ty::Double | Ty::Str | Ty::Bool | Ty::Char | Ty::Tuple(_) => None,
            _ => return,
        };
        // With two overloads left, scalac does not know the result's type either.
        let open = if fits.len() > 1 { "?" } else { "Option[?]" };
        let required = match (values_fit, state_fits) {
            (true, Some(true)) => return,
            (true, Some(false)) => {
                let s = format!("Option[{x_shown}]");
                sig::show_function(&[format!("Seq[{v_shown}]"), s.clone()], &s)
            }
            _ => sig::show_function(&[format!("Seq[{v_shown}]"), "Option[?]".into()], open),
        };
        let found = sig::show_function(&ps, &result);
        let at = self.arrow(f, params);
        self.diags.push(Diagnostic::error(
            at,
            "type_mismatch",
            vec![found, required],
        ));
    }

    /// A lambda's `=>`, where scalac points at it (the tree keeps no span of it).
    fn arrow(&self, f: &Expr, params: &[Param]) -> Span {
        let ExprKind::Lambda { body, .. } = &f.kind else {
            return f.span;
        };
        let from = params.last().map_or(f.span.start, |p| p.span.end) as usize;
        let to = body.span.start as usize;
        match self.src.get(from..to).and_then(|t| t.rfind("=>")) {
            Some(i) => Span::new(from + i, from + i + 2),
            None => f.span,
        }
    }
}

/// The expression whose value a body returns: a block's last, a branch's `then`, a match's
/// first case.
fn result_of(e: &Expr) -> &Expr {
    match &e.kind {
        ExprKind::Block(stmts) => match stmts.last().map(|s| &s.kind) {
            Some(StmtKind::Expr(x)) => result_of(x),
            _ => e,
        },
        ExprKind::If { then, .. } => result_of(then),
        ExprKind::Match { cases, .. } => cases.first().map_or(e, |c| result_of(&c.body)),
        _ => e,
    }
}

/// A declared type as scalac prints it in a function's type: `Seq[Int]`, `Option[(Int,
/// Int)]`; `None` for what this does not print.
fn written(t: &TypeRef) -> Option<String> {
    match t {
        TypeRef::Named { name, args, .. } => {
            let short = name.rsplit('.').next().unwrap_or(name);
            if args.is_empty() {
                return scalac_type(&super::super::declared(t)).or_else(|| {
                    matches!(short, "Any" | "AnyVal" | "AnyRef").then(|| short.to_string())
                });
            }
            let inner: Vec<String> = args.iter().map(written).collect::<Option<_>>()?;
            let generic = matches!(
                short,
                "Seq"
                    | "List"
                    | "Iterable"
                    | "Vector"
                    | "Array"
                    | "IndexedSeq"
                    | "Set"
                    | "Option"
                    | "Some"
                    | "ArrayBuffer"
                    | "LazyList"
            );
            match generic {
                true => Some(format!("{short}[{}]", inner.join(", "))),
                false => scalac_type(&super::super::declared(t)),
            }
        }
        TypeRef::Tuple(ts, _) => {
            let inner: Vec<String> = ts.iter().map(written).collect::<Option<_>>()?;
            Some(format!("({})", inner.join(", ")))
        }
        TypeRef::Function(..) => None,
    }
}
