//! An `updateStateByKey` function of two parameters typed as scalac types it against Spark's
//! `(Seq[V], Option[S]) => Option[S]`, `S` inferred from what it returns. A result that is not
//! an `Option` (`(vs, s) => vs.sum`): "type mismatch: found Int, required Option[?]" where the
//! result is written (the operator, the member's name, a branch). A function whose declared
//! parameters do not fit: the values not a `Seq[V]` (`List[Int]`, `Seq[Long]` for counts of
//! `Int`) or the state not an `Option` (`s: Int`), "found (Seq[Int], Int) => Some[Int],
//! required (Seq[Int], Option[?]) => Option[?]" at its `=>`; a state of another type than the
//! result's (`s: Option[Int]` returning `Some(n.toString)`), `S` is the result's: "required
//! (Seq[Int], Option[String]) => Option[String]". With two overloads left (`, 2`) the result
//! is `?`, parameters that do not fit are said first, and a result that is no `Option` lists
//! the overloads. Undeclared values are the `Seq[V]` scalac infers; an undeclared state is
//! scalac's "missing parameter type" (`call.rs`), and values that do not fit are said beside
//! it. Checked against Spark 4.3.0's scalac (`compile_compare.py --pos`).

use super::{lit_shown, scalac_type, written, Call, Checker, Ty};
use crate::scala::ast::*;
use crate::scala::diag::Diagnostic;
use crate::scala::signatures::{self as sig, Alt};
use crate::scala::value_members::Collection;

/// How a declared state parameter fits `Option[S]`.
#[derive(Clone, Copy, PartialEq)]
enum State {
    /// An `Option` of the result's type (or of a type the checker does not know).
    Fits,
    /// An `Option` of another type than the result's: `S` is the result's.
    OtherType,
    /// Not an `Option`: `S` cannot be inferred.
    NotOption,
}

impl Checker<'_> {
    /// The checks above, for a lambda `f` of as many parameters as the function the
    /// overloads `fits` take first; `undetermined` when its state parameter has no type
    /// (scalac said "missing parameter type" at it).
    pub(super) fn update_func(
        &mut self,
        call: &Call,
        fits: &[&Alt],
        f: &Expr,
        params: &[Param],
        undetermined: bool,
    ) {
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
        let Some(v_shown) = scalac_type(&v) else {
            return;
        };
        // With two overloads left, scalac does not know the result's type either.
        let open = if fits.len() > 1 { "?" } else { "Option[?]" };
        let unfit = sig::show_function(&[format!("Seq[{v_shown}]"), "Option[?]".into()], open);
        // The parameters as scalac shows them: as declared, the values inferred when not.
        let shown: Vec<Option<String>> = (params.iter().enumerate())
            .map(|(i, p)| match (&p.ty, i) {
                (Some(t), _) => written(t),
                (None, 0) => Some(format!("Seq[{v_shown}]")),
                (None, _) => Some("?".into()),
            })
            .collect();
        let shown: Option<Vec<String>> = shown.into_iter().collect();
        let values_fit = values_fit(&params[0], &v);
        let tys = [Ty::Coll(Collection::Seq, Box::new(v.clone())), Ty::Unknown];
        if undetermined {
            // `(vs: List[Int], s) => ...`: values that do not fit are said too, whatever the
            // body (its errors unsaid), unless it is a `match` (of `s` or not).
            let a_match = matches!(body.kind, ExprKind::Match { .. });
            if let (Some(false), Some(ps), false) = (values_fit, shown, a_match) {
                {
                    let at = self.arrow(f, params);
                    let found = sig::show_function(&ps, "?");
                    self.diags
                        .push(Diagnostic::error(at, "type_mismatch", vec![found, unfit]));
                }
            }
            return;
        }
        let before = self.diags.len();
        let t = self.func(f, &tys);
        // A body with errors has no type to scalac: they are all it says.
        let failed = self.errors_since(before);
        self.diags.truncate(before);
        if failed {
            // Its errors, then the function typed as far as scalac got (see `Recovered`)
            // where its parameters do not fit or it returns no `Option[S]`.
            let mut seen = Seen::default();
            let recovered = self.recovered_body(f, &tys, &mut seen);
            // With one overload, a result that is a plain value is said as in a body that
            // types (`if (c) s.getOrElse(0) else Some(...)`: "found Int, required Option[?]").
            if fits.len() == 1 {
                if let Some((found, at)) = self.first_plain_result(f, &tys) {
                    self.after_args.push(Diagnostic::error(
                        at,
                        "type_mismatch",
                        vec![found, "Option[?]".into()],
                    ));
                    return;
                }
            }
            if let (Some(values_fit), Some(ps)) = (values_fit, &shown) {
                let parts = (values_fit, ps.as_slice());
                self.recovered_mismatch(f, params, fits.len(), parts, recovered, &v_shown);
            }
            return;
        }
        let optional = matches!(t, Ty::Opt(_) | Ty::Some(_) | Ty::NoneT);
        if let ([_], false) = (fits, optional) {
            // One overload: the body is typed against `Option[?]`, and its first result
            // (a branch, a case, a block's last value) that is a plain value fails.
            let tys = [Ty::Coll(Collection::Seq, Box::new(v.clone())), Ty::Unknown];
            if let Some((found, at)) = self.first_plain_result(f, &tys) {
                self.diags.push(Diagnostic::error(
                    at,
                    "type_mismatch",
                    vec![found, "Option[?]".into()],
                ));
            }
            return;
        }
        let (Some(ps), Some(result)) = (shown, result_shown(&t)) else {
            return;
        };
        let x = match &t {
            Ty::Opt(x) | Ty::Some(x) => Some(&**x),
            _ => None,
        };
        let state = params[1].ty.as_ref().and_then(|d| self.state_fits(d, x));
        let (Some(values_fit), Some(state)) = (values_fit, state) else {
            return;
        };
        let found = sig::show_function(&ps, &result);
        let required = required(values_fit, state, x, &v_shown, unfit);
        match x {
            Some(_) => {
                if let Some(required) = required {
                    let at = self.arrow(f, params);
                    self.diags.push(Diagnostic::error(
                        at,
                        "type_mismatch",
                        vec![found, required],
                    ));
                }
            }
            // `println(...)`'s `Unit` (the checker's other `Unit`s are not where scalac says).
            None if t == Ty::Unit && !matches!(result_of(body).kind, ExprKind::Apply { .. }) => {}
            None if !(plain_value(&t) || matches!(t, Ty::Unit | Ty::Any | Ty::Serializable)) => {}
            // Several: the parameters that do not fit are said first; else, nothing left
            // to infer, scalac types the lambda whole against each overload and lists them.
            None => match required {
                Some(required) => {
                    let at = self.arrow(f, params);
                    self.diags.push(Diagnostic::error(
                        at,
                        "type_mismatch",
                        vec![found, required],
                    ));
                }
                None => self.no_overload_takes(call, fits, found),
            },
        }
    }

    /// scalac's "overloaded method updateStateByKey with alternatives: ... cannot be applied
    /// to" the function typed `found` and the other arguments.
    fn no_overload_takes(&mut self, call: &Call, fits: &[&Alt], found: String) {
        let mut shown = vec![found];
        shown.extend(
            (call.args.iter().enumerate().skip(1)).map(|(i, a)| self.arg_shown(call, a, i)),
        );
        let parts = vec![call.name.into(), call.fits_listed(fits), shown.join(", ")];
        self.diags
            .push(Diagnostic::error(call.span, "overloaded_args", parts));
    }

    /// How a state parameter declared `d` fits `Option[S]`, `x` the result's `S` where the
    /// function returns an `Option`; `None` where the checker cannot tell.
    fn state_fits(&self, d: &TypeRef, x: Option<&Ty>) -> Option<State> {
        match self.declared(d) {
            // An `Option[Any]` takes any state (a function's parameter may be wider).
            Ty::Opt(y) if matches!(*y, Ty::Unknown | Ty::Any) || x.is_none_or(|x| *y == *x) => {
                Some(State::Fits)
            }
            Ty::Opt(_) => Some(State::OtherType),
            Ty::Int | Ty::Long | Ty::Double | Ty::Str | Ty::Bool | Ty::Char | Ty::Tuple(_) => {
                Some(State::NotOption)
            }
            _ => None,
        }
    }

    /// A function value given by name (`updateStateByKey(f)`, `f _`): a `val` of a lambda
    /// typed whole against `(Seq[V], Option[?]) => Option[?]` ("found (Seq[Int],
    /// Option[Int]) => Int, required ..." at the name); a `def`'s result first against
    /// `Option[?]` ("found Int, required Option[?]"), then its parameters. With two
    /// overloads left (`, 2`), scalac requires `(Seq[V], Option[?]) => ?`, and a function
    /// whose parameters fit but whose result is no `Option` none of them takes.
    pub(super) fn update_func_value(&mut self, call: &Call, fits: &[&Alt], f: &Expr) {
        let ExprKind::Ident(name) = &f.kind else {
            return;
        };
        let e = call.elem_names();
        let pairs_of_two = fits.iter().all(|a| {
            let parts = a.params.first().and_then(|p| sig::function_parts(p.1, &e));
            parts.is_some_and(|(ps, _)| ps.len() == 2)
        });
        let (Some(Ty::Fn(ps, r)), true, "updateStateByKey") = (
            self.lookup(name),
            pairs_of_two && fits.len() <= 2,
            call.name,
        ) else {
            return;
        };
        let Some((_, params, method)) = (self.fn_params.iter().rev())
            .find(|(n, ps2, _)| n == name && ps2.len() == ps.len())
            .cloned()
        else {
            return;
        };
        let (_, v) = call.elem.pair();
        let (Some(v_shown), [p0, p1]) = (scalac_type(&v), params.as_slice()) else {
            return;
        };
        let one = fits.len() == 1;
        let open = if one { "Option[?]" } else { "?" };
        let unfit = sig::show_function(&[format!("Seq[{v_shown}]"), "Option[?]".into()], open);
        let x = match &*r {
            Ty::Opt(x) | Ty::Some(x) => Some(&**x),
            _ => None,
        };
        let at = self.point(f);
        match (method, x, scalac_type(&r)) {
            (true, None, Some(result)) if one => {
                let parts = vec![result, "Option[?]".into()];
                self.diags
                    .push(Diagnostic::error(at, "type_mismatch", parts));
                return;
            }
            // With two overloads left, typed whole as a `val`'s (but not where none takes
            // it: not asked of scalac).
            (true, None, _) if one => return,
            _ => {}
        }
        let shown: Option<Vec<String>> = params
            .iter()
            .map(|p| p.ty.as_ref().and_then(written))
            .collect();
        let state = p1.ty.as_ref().and_then(|d| self.state_fits(d, x));
        let (Some(values_fit), Some(state), Some(ps), Some(result)) =
            (values_fit(p0, &v), state, shown, scalac_type(&r))
        else {
            return;
        };
        let found = sig::show_function(&ps, &result);
        let required = match x {
            Some(_) => required(values_fit, state, x, &v_shown, unfit),
            None if !one && values_fit && state == State::Fits && method => return,
            None if !one && values_fit && state == State::Fits => {
                return self.no_overload_takes(call, fits, found);
            }
            None => Some(unfit),
        };
        if let Some(required) = required {
            self.diags.push(Diagnostic::error(
                at,
                "type_mismatch",
                vec![found, required],
            ));
        }
    }

    /// The first of `f`'s results, in the order scalac types them against the `Option[?]`
    /// it must return, that is a plain value: its type as scalac shows it (a literal's with
    /// its value) and where scalac points. `println(...)`'s `Unit` counts, the checker's
    /// other `Unit`s do not (they are not where scalac says).
    fn first_plain_result(&mut self, f: &Expr, tys: &[Ty]) -> Option<(String, Span)> {
        let ExprKind::Lambda { params, body } = &f.kind else {
            return None;
        };
        let before = self.diags.len();
        self.open_params(params, tys);
        let mut results = Vec::new();
        self.results(body, &mut results);
        self.scopes.pop();
        self.diags.truncate(before);
        let plain = |t: &Ty, e: &Expr| match t {
            Ty::Unit => matches!(e.kind, ExprKind::Apply { .. }),
            // `s.getOrElse(0)` of an `Option[String]`: an `Any`, no `Option` either.
            _ => plain_value(t) || matches!(t, Ty::Any | Ty::AnyVal),
        };
        let (t, e) = results.into_iter().find(|(t, e)| plain(t, e))?;
        let found = match &e.kind {
            ExprKind::Lit(l) => lit_shown(l),
            _ => result_shown(&t)?,
        };
        Some((found, self.point(e)))
    }

    /// Each value `e` can return, typed in its scope: a block's last, both branches of an
    /// `if`, every case of a `match`.
    fn results<'e>(&mut self, e: &'e Expr, out: &mut Vec<(Ty, &'e Expr)>) {
        match &e.kind {
            ExprKind::Block(stmts) => {
                self.scopes.push(Vec::new());
                self.hoist(stmts);
                if let Some((last, init)) = stmts.split_last() {
                    for s in init {
                        self.stmt(s);
                    }
                    match &last.kind {
                        StmtKind::Expr(x) => self.results(x, out),
                        _ => {
                            self.stmt(last);
                        }
                    }
                }
                self.scopes.pop();
            }
            ExprKind::If {
                cond,
                then,
                else_: Some(other),
            } => {
                self.expr(cond);
                self.results(then, out);
                self.results(other, out);
            }
            ExprKind::Match { scrutinee, cases } => {
                let s = self.expr(scrutinee);
                for c in cases {
                    self.scopes.push(Vec::new());
                    self.bind_pat(&c.pat, s.clone());
                    if let Some(g) = &c.guard {
                        self.expr(g);
                    }
                    self.results(&c.body, out);
                    self.scopes.pop();
                }
            }
            _ => {
                let t = self.expr(e);
                out.push((t, e));
            }
        }
    }
}

/// What typing a failed body met before an expression.
#[derive(Default)]
struct Seen {
    /// An error: scalac then finds no implicit value (a later `Some(vs.sum)` fails too).
    error: bool,
}

/// The type scalac gives a function body with errors, as its "type mismatch" shows it: an
/// expression with an error has none, a branch (`if`, a `match`'s case, a block's last value)
/// that has one is left out of the join, and an `Option`'s `map` or `flatMap` whose function
/// failed is an `Option[Nothing]` (its `B` inferred as nothing).
enum Recovered {
    /// No type: nothing more is said.
    Error,
    /// `Option[Nothing]`.
    OptionNothing,
    Typed(Ty),
}

impl Recovered {
    /// The type of two branches.
    fn join(self, other: Recovered) -> Recovered {
        use Recovered::*;
        match (self, other) {
            (Error, x) | (x, Error) => x,
            (OptionNothing, OptionNothing) | (OptionNothing, Typed(Ty::NoneT)) => OptionNothing,
            (Typed(Ty::NoneT), OptionNothing) => OptionNothing,
            (OptionNothing, Typed(Ty::Opt(x) | Ty::Some(x)))
            | (Typed(Ty::Opt(x) | Ty::Some(x)), OptionNothing) => Typed(Ty::Opt(x)),
            (OptionNothing, Typed(_)) | (Typed(_), OptionNothing) => Typed(Ty::Unknown),
            (Typed(a), Typed(b)) => Typed(super::super::option::join(a, b)),
        }
    }
}

impl Checker<'_> {
    /// A scope with a lambda's parameters, typed as declared or else as `tys` says.
    fn open_params(&mut self, params: &[Param], tys: &[Ty]) {
        self.scopes.push(Vec::new());
        for (p, t) in params.iter().zip(tys) {
            let t = match &p.ty {
                Some(d) => self.declared(d),
                None => t.clone(),
            };
            self.bind_val(&p.name, t);
        }
    }

    /// [`Recovered`] of lambda `f`'s body, its parameters typed `tys` where not declared.
    fn recovered_body(&mut self, f: &Expr, tys: &[Ty], seen: &mut Seen) -> Recovered {
        let ExprKind::Lambda { params, body } = &f.kind else {
            return Recovered::Error;
        };
        let before = self.diags.len();
        self.open_params(params, tys);
        let r = self.recovered(body, seen);
        self.scopes.pop();
        self.diags.truncate(before);
        r
    }

    /// `seen`: what came before `e` (see [`Seen`]).
    fn recovered(&mut self, e: &Expr, seen: &mut Seen) -> Recovered {
        match &e.kind {
            ExprKind::Block(stmts) => {
                self.scopes.push(Vec::new());
                self.hoist(stmts);
                let mut r = Recovered::Typed(Ty::Unit);
                if let Some((last, init)) = stmts.split_last() {
                    for s in init {
                        let before = self.diags.len();
                        self.stmt(s);
                        seen.error |= self.errors_since(before);
                    }
                    r = match &last.kind {
                        StmtKind::Expr(x) => self.recovered(x, seen),
                        _ => {
                            self.stmt(last);
                            Recovered::Typed(Ty::Unit)
                        }
                    };
                }
                self.scopes.pop();
                r
            }
            // A first branch with an error leaves none; a later one is left out.
            ExprKind::If {
                cond,
                then,
                else_: Some(other),
            } => {
                let before = self.diags.len();
                self.expr(cond);
                seen.error |= self.errors_since(before);
                match self.recovered(then, seen) {
                    Recovered::Error => Recovered::Error,
                    a => a.join(self.recovered(other, seen)),
                }
            }
            ExprKind::Match { scrutinee, cases } => {
                let before = self.diags.len();
                let s = self.expr(scrutinee);
                seen.error |= self.errors_since(before);
                let mut r = Recovered::Error;
                for (i, c) in cases.iter().enumerate() {
                    let before = self.diags.len();
                    self.case_literals(c, &s);
                    seen.error |= self.errors_since(before);
                    self.scopes.push(Vec::new());
                    self.bind_pat(&c.pat, s.clone());
                    if let Some(g) = &c.guard {
                        self.expr(g);
                    }
                    let this = self.recovered(&c.body, seen);
                    self.scopes.pop();
                    if let (0, Recovered::Error) = (i, &this) {
                        return Recovered::Error;
                    }
                    r = r.join(this);
                }
                r
            }
            ExprKind::MethodCall {
                recv, name, args, ..
            } if matches!(name.as_str(), "map" | "flatMap")
                && matches!(args.as_slice(), [a] if a.len() == 1) =>
            {
                let before = self.diags.len();
                let r = self.expr(recv);
                let recv_failed = self.errors_since(before);
                let t = self.expr(e);
                let failed = self.errors_since(before);
                let implicit = seen.error && needs_implicit(e);
                seen.error |= failed;
                match (failed, recv_failed || implicit, r) {
                    (_, true, _) => Recovered::Error,
                    (false, ..) => Recovered::Typed(t),
                    (true, _, Ty::Opt(_) | Ty::Some(_)) => Recovered::OptionNothing,
                    (true, ..) => Recovered::Error,
                }
            }
            _ => {
                let before = self.diags.len();
                let t = self.expr(e);
                let failed = self.errors_since(before) || seen.error && needs_implicit(e);
                seen.error |= failed;
                match failed {
                    true => Recovered::Error,
                    false => Recovered::Typed(t),
                }
            }
        }
    }

    /// scalac's "type mismatch" of an update function whose body had errors, typed as
    /// `recovered`: with one overload, where its parameters fit and it returns `None` or an
    /// `Option[Nothing]`, `S` is left unsolved ("required (Seq[Int], Option[S]) =>
    /// Option[S]"); where they do not fit, the function is said against `(Seq[V], Option[?])
    /// => Option[?]` (`=> ?` with two overloads, which say nothing of one that fits).
    /// `how`: whether the values fit, the parameters as scalac shows them.
    fn recovered_mismatch(
        &mut self,
        f: &Expr,
        params: &[Param],
        overloads: usize,
        how: (bool, &[String]),
        recovered: Recovered,
        v_shown: &str,
    ) {
        let (values_fit, shown) = how;
        let (result, x) = match &recovered {
            Recovered::Error => return,
            Recovered::OptionNothing => ("Option[Nothing]".to_string(), None),
            Recovered::Typed(Ty::NoneT) => ("None.type".to_string(), None),
            Recovered::Typed(t @ (Ty::Opt(x) | Ty::Some(x))) => match scalac_type(t) {
                Some(shown) => (shown, Some(&**x)),
                None => return,
            },
            // `s.getOrElse(0)` of an `Option[String]` beside a failed branch.
            Recovered::Typed(t @ (Ty::Any | Ty::AnyVal)) if !values_fit => (t.show(), None),
            Recovered::Typed(_) => return,
        };
        let state = match &params[1].ty {
            None => Some(State::Fits),
            Some(d) => match self.declared(d) {
                Ty::Opt(_) => self.state_fits(d, x),
                _ => Some(State::NotOption),
            },
        };
        let Some(state) = state else {
            return;
        };
        let open = if overloads > 1 { "?" } else { "Option[?]" };
        let unfit = sig::show_function(&[format!("Seq[{v_shown}]"), "Option[?]".into()], open);
        let fit = values_fit && state != State::NotOption;
        // A state declared `Option[Any]` takes whatever `S` is: the function conforms.
        let any_state = params[1].ty.as_ref().map(|d| self.declared(d));
        if fit && any_state == Some(Ty::Opt(Box::new(Ty::Any))) {
            return;
        }
        let required = match (fit, overloads, x) {
            (false, ..) => unfit,
            (true, 1, None) => {
                let s = "Option[S]".to_string();
                sig::show_function(&[format!("Seq[{v_shown}]"), s.clone()], &s)
            }
            (true, 1, Some(_)) => match required(values_fit, state, x, v_shown, unfit) {
                Some(r) => r,
                None => return,
            },
            (true, ..) => return,
        };
        let mut found = sig::show_function(shown, &result);
        if result.ends_with(".type") {
            found = format!("{found} (with underlying type {found})");
        }
        let at = self.arrow(f, params);
        // After the body's own errors, which the arguments' typing says.
        self.after_args.push(Diagnostic::error(
            at,
            "type_mismatch",
            vec![found, required],
        ));
    }
}

/// Whether `e` calls a method that takes an implicit value (`sum`'s `Numeric`, `sorted`'s
/// `Ordering`), outside its lambdas.
fn needs_implicit(e: &Expr) -> bool {
    let any = |es: &[Expr]| es.iter().any(needs_implicit);
    match &e.kind {
        ExprKind::MethodCall {
            recv, name, args, ..
        } => {
            matches!(
                name.as_str(),
                "sum" | "product" | "max" | "min" | "sorted" | "sortBy" | "maxBy" | "minBy"
            ) || needs_implicit(recv)
                || args.iter().any(|a| any(a))
        }
        ExprKind::Field { recv, name, .. } => {
            matches!(name.as_str(), "sum" | "product" | "max" | "min" | "sorted")
                || needs_implicit(recv)
        }
        ExprKind::Apply { func, args, .. } => needs_implicit(func) || args.iter().any(|a| any(a)),
        ExprKind::Tuple(es) => any(es),
        // `vs.sum * 2`: the operator fixes `sum`'s type first, and its implicit is found.
        ExprKind::Binary { lhs, rhs, .. } => {
            operand_needs_implicit(lhs) || operand_needs_implicit(rhs)
        }
        ExprKind::Unary { expr, .. } | ExprKind::Ascribe(expr, _) => needs_implicit(expr),
        _ => false,
    }
}

/// [`needs_implicit`] of an arithmetic operand: its own `sum` aside, its receiver's.
fn operand_needs_implicit(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::MethodCall { recv, args, .. } if args.is_empty() => needs_implicit(recv),
        ExprKind::Field { recv, .. } => needs_implicit(recv),
        _ => needs_implicit(e),
    }
}

/// Whether the values parameter takes the `Seq[V]` Spark passes: undeclared, or a `Seq[V]`
/// or one of its supertypes; a `List`, or a `Seq` of another type, does not. `None` where
/// the checker cannot tell.
fn values_fit(p: &Param, v: &Ty) -> Option<bool> {
    let Some(declared) = &p.ty else {
        return Some(true);
    };
    let TypeRef::Named { name, args, .. } = declared else {
        return None;
    };
    let short = name.rsplit('.').next().unwrap_or(name);
    let elem = args.first().map_or(Ty::Unknown, super::super::declared);
    let wider = matches!(short, "Seq" | "Iterable" | "IterableOnce" | "Traversable");
    let narrower = matches!(
        short,
        "List" | "Vector" | "Array" | "IndexedSeq" | "Set" | "ArrayBuffer" | "LazyList"
    );
    match (wider, narrower) {
        (true, _) => Some(elem == Ty::Unknown || elem == *v),
        (_, true) => Some(false),
        _ => None,
    }
}

/// What scalac requires of an update function whose values fit or not and whose state
/// parameter fits as `state`, `x` its result's `S`: nothing when both fit; `Option[S]` for
/// a state of another type; else `unfit`, `(Seq[V], Option[?]) => Option[?]`.
fn required(
    values_fit: bool,
    state: State,
    x: Option<&Ty>,
    v_shown: &str,
    unfit: String,
) -> Option<String> {
    match (values_fit, state, x) {
        (true, State::Fits, _) => None,
        (true, State::OtherType, Some(x)) => scalac_type(x).map(|x| {
            let s = format!("Option[{x}]");
            sig::show_function(&[format!("Seq[{v_shown}]"), s.clone()], &s)
        }),
        _ => Some(unfit),
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

/// A value of a type that is plainly no `Option`: a number, a `String`, a `Boolean`, a `Char`,
/// a tuple.
fn plain_value(t: &Ty) -> bool {
    matches!(
        t,
        Ty::Int
            | Ty::Long
            | Ty::Double
            | Ty::Str
            | Ty::Bool
            | Ty::Char
            | Ty::Tuple(_)
            | Ty::Coll(Collection::IndexedSeq, _)
    )
}

/// A result's type as scalac shows it: a `String`'s `map` to numbers an `IndexedSeq[Int]`.
fn result_shown(t: &Ty) -> Option<String> {
    match t {
        Ty::Coll(Collection::IndexedSeq, e) => Some(format!("IndexedSeq[{}]", scalac_type(e)?)),
        _ => scalac_type(t),
    }
}
