//! A call of a DStream or RDD method checked as scalac checks it, against Spark's own
//! signatures (`scala/signatures.rs`), in scalac's order: the overloads that take as many
//! arguments (else "not enough arguments", "too many arguments", "overloaded method ... cannot
//! be applied to"); those whose functions stand where the lambdas are; the arguments typed where
//! every remaining overload agrees (`window(30, 10)`: "type mismatch: found Int(30), required
//! org.apache.spark.streaming.Duration"); a lambda where a value goes; overloads none of whose
//! types fit; and last a lambda's parameter count (`reduceByKey(x => x)`, `pairs.map((w, c) =>
//! ...)`, with scalac's "missing parameter type" and its note). Checked against Spark 4.3.0's
//! scalac by `tools/differential/mistakes.py`.

use super::{definite, is_duration, lit_shown, scalac_type, written, Checker, Ty};
use crate::scala::ast::*;
use crate::scala::diag::Diagnostic;
use crate::scala::signatures::{self as sig, Alt, Elem};

mod named;
mod update_func;

/// What the checks of one call share.
struct Call<'c> {
    name: &'c str,
    span: Span,
    args: &'c [Expr],
    alts: &'static [Alt],
    /// The receiver's element type.
    elem: Ty,
    /// The element, key and value types as scalac shows them, where the checker knows them.
    shown: [Option<String>; 3],
    /// Whether every overload's first parameter has the same type (`reduceByKey`'s function).
    shared: bool,
}

impl<'c> Call<'c> {
    /// The call of `name` on a receiver of type `recv`, if Spark's tables have the method.
    fn of(recv: &Ty, name: &'c str, span: Span, args: &'c [Expr]) -> Option<Self> {
        let alts = match recv {
            Ty::Ssc => sig::ssc_overloads(name),
            _ => sig::overloads(matches!(recv, Ty::Rdd(_)), name),
        }?;
        let elem = recv.elem();
        let (k, v) = elem.pair();
        let first = |a: &Alt| a.params.first().map(|p| p.1);
        Some(Call {
            name,
            span,
            args,
            alts,
            shown: [scalac_type(&elem), scalac_type(&k), scalac_type(&v)],
            elem,
            shared: alts.iter().all(|a| first(a) == first(&alts[0])),
        })
    }
}

impl Call<'_> {
    fn elem_names(&self) -> Elem<'_> {
        let [t, k, v] = &self.shown;
        Elem {
            t: t.as_deref(),
            k: k.as_deref(),
            v: v.as_deref(),
        }
    }

    /// scalac's alternatives block for the overloads `fits`.
    fn fits_listed(&self, fits: &[&Alt]) -> String {
        let e = self.elem_names();
        let listed: Vec<String> = fits
            .iter()
            .map(|a| format!("  {}", sig::listed(a, &e)))
            .collect();
        listed.join(" <and>\n")
    }

    /// scalac's alternatives block for every overload, without its first line.
    fn all_listed(&self) -> String {
        let list = sig::alternatives(self.name, self.alts, &self.elem_names());
        list.split_once('\n').map_or("", |(_, l)| l).to_string()
    }
}

/// The type of `socketTextStream`'s `storageLevel`.
const STORAGE_LEVEL: &str = "org.apache.spark.storage.StorageLevel";

fn is_lambda(a: &Expr) -> bool {
    matches!(a.kind, ExprKind::Lambda { .. } | ExprKind::CaseLambda(_))
}

impl Checker<'_> {
    /// A DStream or RDD method called with arguments none of its Spark overloads takes, or
    /// with a lambda of the wrong number of parameters: scalac's errors, with Spark's
    /// signatures.
    pub(super) fn signature(&mut self, recv: &Ty, name: &str, span: Span, args: &[Expr]) {
        // The checks below type the arguments to see them (and forget what that reported):
        // a call among those arguments is checked when it is typed for real, not here too,
        // or nested calls would be typed twice per level (exponential in the nesting).
        if self.probing {
            return;
        }
        self.probing = true;
        self.signature_checks(recv, name, span, args);
        self.probing = false;
    }

    fn signature_checks(&mut self, recv: &Ty, name: &str, span: Span, args: &[Expr]) {
        let Some(call) = Call::of(recv, name, span, args) else {
            return;
        };
        let alts = call.alts;
        let fits: Vec<&Alt> = alts.iter().filter(|a| a.accepts(args.len())).collect();
        if fits.is_empty() {
            return self.count_error(&call);
        }
        let mismatched = self.mismatches(&call, &fits);
        let unapplied = self.unapplied_defs(&call, &fits);
        // scalac stops at an argument that fails where every overload agrees.
        if self.stray_lambda(&call, &fits)
            || mismatched
            || unapplied
            || self.no_overload_fits(&call, &fits)
        {
            return;
        }
        if self.lambda_params(&call, &fits) {
            return;
        }
        self.lambda_arity(&call, &fits);
    }

    /// `reduceByKeyAndWindow(g, g, Seconds(4), Seconds(2))` of a `def g(a: Int, b: Int)`: a
    /// `def` named where the overloads want a function or a value (here `invReduceFunc` or
    /// `windowDuration`), so scalac expects no function and does not expand it: "missing
    /// argument list for method g". Whether it said one.
    fn unapplied_defs(&mut self, call: &Call, fits: &[&Alt]) -> bool {
        let mut said = false;
        for (i, a) in call.args.iter().enumerate() {
            let kinds = fits.iter().map(|f| sig::arity(f.params[i].1).is_some());
            let (some, all) = kinds.fold((false, true), |(s, l), k| (s || k, l && k));
            if some && !all && matches!(a.kind, ExprKind::Ident(_)) {
                said |= self.unapplied(a, "?");
            }
        }
        said
    }

    /// A lambda whose parameters are all declared, as many as the function type every
    /// overload here has at its place. Where each wanted parameter type goes into the
    /// declared one (the same, or a number that widens: `Int` values into `a: Long`), scalac
    /// types the body against the wanted result: `reduce((a: Long, b: Long) => a + b)` of
    /// `Int`s is "found Long, required Int" at the `+`. Where one does not, the function is
    /// of another type: `reduceByKey((a: Int, b: Int) => a + b)` of `Long`s is "found (Int,
    /// Int) => Long, required (Long, Long) => Long" at its `=>` (its body typed against the
    /// wanted result, so widened; `?` with several overloads). Whether it said one.
    fn lambda_params(&mut self, call: &Call, fits: &[&Alt]) -> bool {
        let e = call.elem_names();
        // `map` and `filter` are checked where they are typed.
        if matches!(call.name, "map" | "filter") {
            return false;
        }
        // The overloads whose function parameters take as many as each lambda here: scalac
        // picks among those (its test of the arguments' shapes).
        let shaped: Vec<&Alt> = (fits.iter().copied())
            .filter(|f| {
                call.args
                    .iter()
                    .zip(f.params.iter())
                    .all(|(a, p)| match &a.kind {
                        ExprKind::Lambda { params, .. } => sig::arity(p.1) == Some(params.len()),
                        _ => true,
                    })
            })
            .collect();
        let fits = if shaped.is_empty() { fits } else { &shaped };
        let mut said = false;
        for (i, a) in call.args.iter().enumerate() {
            let ExprKind::Lambda { params, body } = &a.kind else {
                continue;
            };
            let want = fits[0].params[i].1;
            if fits.iter().any(|f| f.params[i].1 != want) {
                continue;
            }
            let Some((wps, wr)) = sig::function_parts(want, &e) else {
                continue;
            };
            let declared: Option<Vec<Ty>> = params
                .iter()
                .map(|p| Some(self.declared(p.ty.as_ref()?)).filter(definite))
                .collect();
            let Some(declared) = declared else { continue };
            if declared.len() != wps.len() || wps.iter().map(String::as_str).any(open_type) {
                continue;
            }
            let shown: Option<Vec<String>> = declared.iter().map(scalac_type).collect();
            let Some(shown) = shown else { continue };
            let fits_in = |w: &String, d: &Ty| {
                *w == scalac_type(d).unwrap_or_default()
                    || matches!(
                        (plain_ty(w), d),
                        (Some(Ty::Int | Ty::Char), Ty::Long | Ty::Double)
                            | (Some(Ty::Long), Ty::Double)
                            | (Some(Ty::Char), Ty::Int)
                    )
            };
            let wr = unknown_tparams(&wr);
            let before = self.diags.len();
            let t = self.func(a, &[]);
            self.diags.truncate(before);
            // Among several overloads that take these arguments' shapes, scalac wants the very
            // types (of one overload, it widens as above).
            let lenient = fits.len() == 1;
            let fits_in = |w: &String, d: &Ty| {
                fits_in(w, d) && (lenient || *w == scalac_type(d).unwrap_or_default())
            };
            if wps.iter().zip(&declared).all(|(w, d)| fits_in(w, d)) {
                if let (Some(r), false) = (plain_ty(&wr), shown == wps) {
                    self.scopes.push(Vec::new());
                    for (p, d) in params.iter().zip(&declared) {
                        self.bind_val(&p.name, d.clone());
                    }
                    self.expect(&r, body, &t);
                    self.scopes.pop();
                    said |= self.diags.len() > before;
                }
                continue;
            }
            let wr = if fits.len() > 1 { "?".into() } else { wr };
            // A known result the body does not give: scalac says that of the body, and no more
            // (`(a: Int, b: Int) => a + b` for `String`s: its ambiguous views).
            if let Some(r) = plain_ty(&wr).filter(|r| !super::conforms(&t, r)) {
                let defaults = fits.iter().any(|f| f.params.len() > call.args.len());
                self.scopes.push(Vec::new());
                for (p, d) in params.iter().zip(&declared) {
                    self.bind_val(&p.name, d.clone());
                }
                if !self.arithmetic_expected(&r, body, &t, defaults) {
                    self.expect(&r, body, &t);
                }
                self.scopes.pop();
                if self.diags.len() > before {
                    said = true;
                    continue;
                }
            }
            let widened = matches!(
                (&t, wr.as_str()),
                (Ty::Int, "Long" | "Double") | (Ty::Long, "Double")
            );
            let Some(body) = scalac_type(&t) else {
                continue;
            };
            let body = if widened { wr.clone() } else { body };
            let found = sig::show_function(&shown, &body);
            let required = sig::show_function(&wps, &wr);
            let at = self.arrow(a, params);
            self.mismatch_at(at, found, required);
            said = true;
        }
        said
    }

    /// An argument's type as scalac shows it, typed without reporting anything twice (the
    /// arguments are walked again afterwards); a lambda typed with the function type the
    /// overloads share.
    fn arg_shown(&mut self, call: &Call, a: &Expr, i: usize) -> String {
        let template = call.alts[0].params.first().map(|p| p.1);
        self.arg_typed(call, a, template.filter(|_| i == 0 && call.shared))
    }

    /// An argument's type as scalac shows it, a lambda typed with the function type
    /// `template` where every overload has it.
    fn arg_typed(&mut self, call: &Call, a: &Expr, template: Option<&str>) -> String {
        let before = self.diags.len();
        let e = call.elem_names();
        let expected = template.and_then(|t| sig::function_parts(t, &e));
        let shown = match (&a.kind, expected, template) {
            (ExprKind::Lambda { .. }, Some((ps, _)), Some(template)) => {
                // The template's own parameters, `{V}` and the like, as the checker's types.
                let marks = Elem {
                    t: Some("{T}"),
                    k: Some("{K}"),
                    v: Some("{V}"),
                };
                let raw = sig::function_parts(template, &marks).map_or(Vec::new(), |p| p.0);
                let (k, v) = call.elem.pair();
                let tys: Vec<Ty> = raw
                    .iter()
                    .map(|p| match p.as_str() {
                        "{T}" => call.elem.clone(),
                        "{K}" => k.clone(),
                        "{V}" => v.clone(),
                        _ => Ty::Unknown,
                    })
                    .collect();
                let body = self.func(a, &tys);
                let body = scalac_type(&body).unwrap_or_else(|| "?".into());
                sig::show_function(&ps, &body)
            }
            _ if is_duration(a) => "org.apache.spark.streaming.Duration".into(),
            // A function value: its parameters as declared (`Seq[Int]`, not the checker's
            // `Iterable[Int]`).
            (ExprKind::Ident(name), ..) if self.declared_fn(name).is_some() => {
                self.declared_fn(name).unwrap_or_default()
            }
            // `new HashPartitioner(2)`: its class, in full.
            (
                ExprKind::New {
                    class: TypeRef::Named { name, .. },
                    ..
                },
                ..,
            ) if name.rsplit('.').next() == Some("HashPartitioner") => {
                "org.apache.spark.HashPartitioner".into()
            }
            _ => scalac_type(&self.expr(a)).unwrap_or_else(|| "?".into()),
        };
        self.diags.truncate(before);
        shown
    }

    /// A function value (a `val`, not a `def`) named `name` whose parameters are all declared,
    /// as scalac shows its type: `(Seq[Int], Option[Int]) => Some[Int]`.
    fn declared_fn(&self, name: &str) -> Option<String> {
        let Some(Ty::Fn(ps, r)) = self.lookup(name) else {
            return None;
        };
        if ps.is_empty() {
            return Some(sig::show_function(&[], &scalac_type(&r)?));
        }
        let (_, params, _) = (self.fn_params.iter().rev())
            .find(|(n, ps2, method)| n == name && ps2.len() == ps.len() && !method)?;
        let shown: Option<Vec<String>> = params
            .iter()
            .map(|p| p.ty.as_ref().and_then(written))
            .collect();
        Some(sig::show_function(&shown?, &scalac_type(&r)?))
    }

    fn args_shown(&mut self, call: &Call) -> String {
        let shown: Vec<String> = (call.args.iter().enumerate())
            .map(|(i, a)| self.arg_shown(call, a, i))
            .collect();
        shown.join(", ")
    }

    /// No overload takes this many arguments (`countByWindow(Seconds(2))`, `window()`).
    fn count_error(&mut self, call: &Call) {
        let (e, n, name) = (call.elem_names(), call.args.len(), call.name);
        let (kind, parts) = match call.alts {
            [one] => {
                let required = one.params.iter().filter(|p| !p.2).count();
                let single = sig::single(one, &e);
                if n < required {
                    let missing: Vec<&str> = one.params[n..required].iter().map(|p| p.0).collect();
                    let missing = missing.join(", ");
                    ("not_enough_args", vec![name.into(), single, missing])
                } else if one.params.is_empty() {
                    ("nullary_args", vec![name.into(), single])
                } else {
                    let most = one.params.len().to_string();
                    let found = n.to_string();
                    ("too_many_args", vec![name.into(), found, most, single])
                }
            }
            alts => {
                // An argument where every overload has a parameter of one type is typed
                // against it first: `window(4, Seconds(2), Seconds(2))` is "found Int(4),
                // required org.apache.spark.streaming.Duration", then the overloads "do not
                // match arguments (?, ...)".
                let mut failed = vec![false; n];
                for (i, a) in call.args.iter().enumerate() {
                    let want = alts[0].params.get(i).map(|p| p.1);
                    let shared = alts
                        .iter()
                        .all(|alt| alt.params.get(i).map(|p| p.1) == want);
                    if let (Some(want), true) = (want, shared) {
                        failed[i] = self.mismatch(call, a, want, true);
                    }
                }
                // Then a literal shows as it is written (`"2"`).
                let any = failed.contains(&true);
                let shown: Vec<String> = (call.args.iter().enumerate())
                    .map(|(i, a)| match (failed[i], &a.kind) {
                        (true, _) => "?".into(),
                        (false, ExprKind::Lit(_)) if any => {
                            let text = self.src.get(a.span.start as usize..a.span.end as usize);
                            text.unwrap_or("?").to_string()
                        }
                        _ => self.arg_shown(call, a, i),
                    })
                    .collect();
                let kind = match any {
                    true => "overloaded_fn",
                    false => "overloaded_args",
                };
                (kind, vec![name.into(), call.all_listed(), shown.join(", ")])
            }
        };
        // "not enough arguments" at the call's parenthesis, as scalac points.
        let at = match kind {
            "not_enough_args" => self.paren_after(call.span),
            "nullary_args" => call.args.first().map_or(call.span, |a| self.point(a)),
            // At the first argument too many.
            "too_many_args" => {
                let most = call.alts.first().map_or(0, |a| a.params.len());
                call.args.get(most).map_or(call.span, |a| self.point(a))
            }
            _ => call.span,
        };
        self.diags.push(Diagnostic::error(at, kind, parts));
    }

    /// A value of a certain type where every overload left wants another (`window(30, 10)`,
    /// `print("5")`, `map(5)`); "left": scalac first keeps the overloads whose parameters are
    /// functions where lambdas are written, and types the arguments against the one left.
    /// Whether it reported any.
    fn mismatches(&mut self, call: &Call, fits: &[&Alt]) -> bool {
        let shaped: Vec<&Alt> = fits
            .iter()
            .copied()
            .filter(|f| {
                (call.args.iter().zip(f.params))
                    .all(|(a, p)| !is_lambda(a) || sig::arity(p.1).is_some())
            })
            .collect();
        let cands = if shaped.len() == 1 { &shaped } else { fits };
        let before = self.diags.len();
        for (i, a) in call.args.iter().enumerate() {
            let want = cands[0].params[i].1;
            if cands.iter().all(|f| f.params[i].1 == want) {
                self.mismatch(call, a, want, cands.len() > 1);
            }
        }
        self.diags.len() > before
    }

    /// `a`, written where a parameter of type `want` goes: scalac's "type mismatch" if its
    /// type is certainly another. Whether it reported one. A function value of another
    /// parameter count is typed against `want`, its result `?` where `several` overloads
    /// share the parameter (`reduceByKey(f3, 2)`: "required (Int, Int) => ?").
    fn mismatch(&mut self, call: &Call, a: &Expr, want: &str, several: bool) -> bool {
        let function = sig::arity(want).is_some();
        if !(matches!(
            want,
            "@D" | "Int" | "Boolean" | "Long" | "String" | STORAGE_LEVEL
        ) || function && !is_lambda(a))
        {
            return false;
        }
        // The argument's type, when certain (typed again afterwards, so nothing twice).
        let mark = self.diags.len();
        let got = self.expr(a);
        self.diags.truncate(mark);
        if let (Ty::Fn(ps, r), Some(n)) = (&got, sig::arity(want)) {
            if ps.len() == n {
                return self.fn_value_clash(call, a, want, several, (ps, r));
            }
            let found = match &a.kind {
                ExprKind::Ident(name) => self.declared_fn(name),
                _ => None,
            };
            let Some(found) = found.or_else(|| scalac_type(&got)) else {
                return false;
            };
            let Some((ps, r)) = sig::function_parts(want, &call.elem_names()) else {
                return false;
            };
            let ps: Vec<String> = ps.iter().map(|p| unknown_tparams(p)).collect();
            let r = if several {
                "?".into()
            } else {
                unknown_tparams(&r)
            };
            let required = sig::show_function(&ps, &r);
            let at = self.point(a);
            self.mismatch_at(at, found, required);
            return true;
        }
        let plain = got.is_plain();
        // `window(lines)`: a value of another kind where a value goes, named in full.
        let other = (scalac_type(&got)).filter(|_| !plain && !matches!(got, Ty::Unknown));
        let clash = match want {
            // `map(5)`: a value that is certainly not a function.
            _ if function => plain || is_duration(a),
            "@D" => plain || other.is_some(),
            "Int" => {
                plain && !matches!(got, Ty::Int | Ty::Char) || is_duration(a) || other.is_some()
            }
            "Long" => {
                plain && !matches!(got, Ty::Int | Ty::Long | Ty::Char)
                    || is_duration(a)
                    || other.is_some()
            }
            "String" => plain && got != Ty::Str || is_duration(a) || other.is_some(),
            STORAGE_LEVEL => plain || is_duration(a) || other.is_some(),
            _ => plain && got != Ty::Bool || is_duration(a) || other.is_some(),
        };
        if clash {
            let found = match &a.kind {
                ExprKind::Lit(l) => lit_shown(l),
                _ if is_duration(a) => "org.apache.spark.streaming.Duration".into(),
                _ => other.unwrap_or_else(|| got.show()),
            };
            let required = unknown_tparams(&sig::fill(want, &call.elem_names()));
            let at = self.point(a);
            self.mismatch_at(at, found, required);
        }
        clash
    }

    /// `reduceByKey(add)` of an `add: (Int, Int) => Int` where the values are `Long`s: a
    /// function value (a `val`'s, or a `def`'s expanded) of certain parameter types other
    /// than `want`'s: "found (Int, Int) => Int, required (Long, Long) => Long". A `def`'s
    /// result is typed against the wanted one (an `Int` widened to `Long`); a `val`'s is its
    /// own. Whether it reported one.
    fn fn_value_clash(
        &mut self,
        call: &Call,
        a: &Expr,
        want: &str,
        several: bool,
        (ps, r): (&[Ty], &Ty),
    ) -> bool {
        let Some((wps, wr)) = sig::function_parts(want, &call.elem_names()) else {
            return false;
        };
        let shown: Option<Vec<String>> = ps
            .iter()
            .map(|p| scalac_type(p).filter(|_| definite(p)))
            .collect();
        // A `List[String]` result prints as the checker shows it.
        let result = scalac_type(r).or_else(|| Some(r.show()).filter(|t| !t.contains('?')));
        let (Some(shown), Some(result)) = (shown, result) else {
            return false;
        };
        // A type parameter (`U`) or an unknown part says nothing certain.
        if wps.iter().map(String::as_str).any(open_type) {
            return false;
        }
        let method = matches!(&a.kind, ExprKind::Ident(n)
            if self.fn_params.iter().rev().find(|(m, ..)| m == n).is_some_and(|f| f.2));
        let wr = if several {
            "?".into()
        } else {
            unknown_tparams(&wr)
        };
        let widened = matches!(
            (r, wr.as_str()),
            (Ty::Int, "Long" | "Double") | (Ty::Long, "Double")
        );
        // What the result must be: `filter`'s a `Boolean`, `flatMap`'s a collection, `V`. A
        // `def`'s `String` result becomes a collection of `Char`s (`WrappedString`).
        let wrapped = method && wr == "IterableOnce[?]" && *r == Ty::Str;
        let result = if wrapped {
            "scala.collection.immutable.WrappedString".into()
        } else {
            result
        };
        let result_clash = match (wr.as_str(), r) {
            ("IterableOnce[?]", Ty::Str) => !method,
            ("IterableOnce[?]", r) => r.is_plain() || matches!(r, Ty::Array(_)) && !method,
            (w, r) => plain_ty(w).is_some_and(|w| w != *r) && !widened && !result.contains('?'),
        };
        if result_clash && method {
            // A `def` expanded: its call is typed against the wanted result.
            let at = self.point(a);
            self.mismatch_at(at, result.clone(), wr.clone());
            return true;
        }
        if shown == wps && !result_clash {
            return false;
        }
        let result = if method && widened {
            wr.clone()
        } else {
            result
        };
        let found = sig::show_function(&shown, &result);
        let required = sig::show_function(&wps, &wr);
        let at = self.point(a);
        self.mismatch_at(at, found, required);
        true
    }

    /// A lambda where every overload that takes this many arguments wants a value
    /// (`reduceByKeyAndWindow(_ + _, _ - _)`, its durations forgotten): scalac cannot type its
    /// parameters. Whether there was one.
    fn stray_lambda(&mut self, call: &Call, fits: &[&Alt]) -> bool {
        let stray = call.args.iter().enumerate().find(|(i, a)| {
            matches!(a.kind, ExprKind::Lambda { .. })
                && fits.iter().all(|f| sig::arity(f.params[*i].1).is_none())
        });
        let (Some((i, f)), true) = (stray, call.alts.len() > 1) else {
            return false;
        };
        let ExprKind::Lambda { params, body } = &f.kind else {
            return false;
        };
        self.untyped_lambda(params, body);
        let unknown = vec!["?".to_string(); params.len()];
        let shown: Vec<String> = (call.args.iter().enumerate())
            .map(|(j, a)| match j == i {
                true => sig::show_function(&unknown, "?"),
                false => self.arg_shown(call, a, j),
            })
            .collect();
        let parts = vec![call.name.into(), call.all_listed(), shown.join(", ")];
        self.diags
            .push(Diagnostic::error(call.span, "overloaded_fn", parts));
        true
    }

    /// A lambda no function type types: each untyped parameter's "missing parameter type"
    /// (a placeholder's, scalac's expanded function).
    pub(super) fn untyped_lambda(&mut self, params: &[Param], body: &Expr) {
        if params.iter().any(placeholder) {
            self.expanded(params, body);
        } else {
            for p in params.iter().filter(|p| p.ty.is_none()) {
                self.diags
                    .push(Diagnostic::error(p.span, "missing_param_type", vec![]));
            }
        }
    }

    /// A lambda of the right parameter count whose untyped parameter's type mentions a type
    /// parameter no argument fixes: `updateStateByKey((vs, s) => s)`, whose `s` is an
    /// `Option[S]` of no known `S` ("missing parameter type", as scalac says at `s`).
    /// Whether it reported any.
    fn undetermined(&mut self, call: &Call, fits: &[&Alt], params: &[Param]) -> bool {
        let e = call.elem_names();
        let expected: Vec<Vec<String>> = fits
            .iter()
            .filter_map(|a| a.params.first().and_then(|p| sig::function_parts(p.1, &e)))
            .map(|(ps, _)| ps)
            .filter(|ps| ps.len() == params.len())
            .collect();
        let Some(first) = expected.first() else {
            return false;
        };
        let before = self.diags.len();
        for (i, p) in params.iter().enumerate() {
            let t = &first[i];
            let open = t == "S" || t.contains("[S]");
            if p.ty.is_none() && open && expected.iter().all(|ps| ps[i] == *t) {
                self.diags
                    .push(Diagnostic::error(p.span, "missing_param_type", vec![]));
            }
        }
        self.diags.len() > before
    }

    /// scalac's "missing parameter type for expanded function" of a placeholder lambda, once
    /// per parameter, marking those it failed on so far: `((<x$3: error>, x$4) =>
    /// x$3.$minus(x$4))`. Nothing where the body is more than this prints.
    pub(super) fn expanded(&mut self, params: &[Param], body: &Expr) {
        let Some(tree) = scalac_tree(body) else {
            return;
        };
        for k in 0..params.len() {
            let ps: Vec<String> = (params.iter().enumerate())
                .map(|(j, p)| match j <= k {
                    true => format!("<{}: error>", p.name),
                    false => p.name.clone(),
                })
                .collect();
            let expanded = format!("(({}) => {tree})", ps.join(", "));
            self.diags.push(Diagnostic::error(
                params[k].span,
                "missing_param_type",
                vec![String::new(), String::new(), expanded],
            ));
        }
    }

    /// Overloads that take this many arguments but none of these types: scalac lists those
    /// (`reduceByKeyAndWindow(f, Seconds(2), Seconds(4), Seconds(2))`: no fourth Duration).
    /// Whether it reported it.
    fn no_overload_fits(&mut self, call: &Call, fits: &[&Alt]) -> bool {
        if fits.len() < 2 {
            return false;
        }
        // `None` a function (with its parameter count where it is a function value), `Unit`
        // here a Duration, `Unknown` anything.
        let kinds: Vec<(Option<Ty>, Option<usize>)> = (call.args.iter())
            .map(|a| {
                let before = self.diags.len();
                let t = match &a.kind {
                    _ if is_lambda(a) => (None, None),
                    _ if is_duration(a) => (Some(Ty::Unit), None),
                    // A function value (`val f = (vs: Seq[Int], ...) => ...`).
                    _ => match self.expr(a) {
                        Ty::Fn(ps, _) => (None, Some(ps.len())),
                        t => (Some(t), None),
                    },
                };
                self.diags.truncate(before);
                t
            })
            .collect();
        // What certainly cannot go where a template's type goes.
        let takes = |template: &str, (k, n): &(Option<Ty>, Option<usize>)| {
            let function = sig::arity(template).is_some();
            match (template, k) {
                (_, Some(Ty::Unknown)) => true,
                (_, None) => function && n.is_none_or(|n| sig::arity(template) == Some(n)),
                (t, Some(Ty::Unit)) => t == "@D",
                ("Int", Some(t)) => matches!(t, Ty::Int | Ty::Char),
                ("Boolean", Some(t)) => *t == Ty::Bool,
                ("@D" | "@P", Some(_)) => false,
                (_, Some(t)) => !(function || t.is_plain() && template.starts_with('@')),
            }
        };
        if fits
            .iter()
            .any(|f| f.params.iter().zip(&kinds).all(|(p, k)| takes(p.1, k)))
        {
            return false;
        }
        let shown = self.args_shown(call);
        let parts = vec![call.name.into(), call.fits_listed(fits), shown];
        self.diags
            .push(Diagnostic::error(call.span, "overloaded_args", parts));
        true
    }

    /// The first argument's lambda against the parameter counts of the functions the
    /// overloads take (`reduceByKey(x => x)`, `pairs.map((w, c) => ...)`).
    fn lambda_arity(&mut self, call: &Call, fits: &[&Alt]) {
        let Some(f) = call.args.first() else {
            return;
        };
        let ExprKind::Lambda { params, body } = &f.kind else {
            return self.update_func_value(call, fits, f);
        };
        let arities: Vec<usize> = fits
            .iter()
            .filter_map(|a| a.params.first().and_then(|p| sig::arity(p.1)))
            .collect();
        if arities.contains(&params.len()) {
            let undetermined = self.undetermined(call, fits, params);
            return self.update_func(call, fits, f, params, undetermined);
        }
        if arities.is_empty() {
            return;
        }
        let e = call.elem_names();
        let expected = fits[0]
            .params
            .first()
            .and_then(|p| sig::function_parts(p.1, &e));
        if params.iter().any(placeholder) {
            self.expanded(params, body);
        } else {
            // scalac: each untyped parameter "missing parameter type"; the first, where one
            // tuple is expected and the lambda takes its parts, with a note.
            let tuple = match (&expected, arities.as_slice()) {
                (Some((ps, _)), [1]) if ps[0].starts_with('(') => {
                    let t = &ps[0];
                    let parts = t[1..t.len() - 1].split(", ").count();
                    Some(parts).filter(|p| *p == params.len())
                }
                _ => None,
            };
            let names: Vec<&str> = params.iter().map(|p| p.name.as_str()).collect();
            for (i, p) in params.iter().enumerate().filter(|(_, p)| p.ty.is_none()) {
                let note = match (i, tuple) {
                    (0, Some(n)) => vec![n.to_string(), names.join(", ")],
                    _ => vec![String::new()],
                };
                self.diags
                    .push(Diagnostic::error(p.span, "missing_param_type", note));
            }
        }
        let declared: Vec<String> = params
            .iter()
            .map(|p| {
                p.ty.as_ref()
                    .and_then(|t| scalac_type(&self.declared(t)))
                    .unwrap_or_else(|| "?".into())
            })
            .collect();
        let body = if params.iter().all(|p| p.ty.is_some()) {
            let before = self.diags.len();
            let t = self.func(f, &[]);
            self.diags.truncate(before);
            scalac_type(&t).unwrap_or_else(|| "?".into())
        } else {
            "?".into()
        };
        if let (true, Some((ps, result))) = (call.shared, &expected) {
            // The type parameters a result mentions are not known yet: `String => ?`.
            let result = match call.alts {
                [_] => unknown_tparams(result),
                _ => "?".into(),
            };
            let found = sig::show_function(&declared, &body);
            let required = sig::show_function(ps, &result);
            // At the lambda's `=>`, as scalac points.
            let at = self.arrow(f, params);
            self.mismatch_at(at, found, required);
        }
        if call.alts.len() > 1 && !call.shared && params.iter().all(|p| p.ty.is_some()) {
            // Nothing to infer: scalac types the lambda whole (`() => Unit`).
            let mut shown = vec![sig::show_function(&declared, &body)];
            shown.extend(
                (call.args.iter().enumerate().skip(1)).map(|(i, a)| self.arg_shown(call, a, i)),
            );
            let parts = vec![call.name.into(), call.all_listed(), shown.join(", ")];
            self.diags
                .push(Diagnostic::error(call.span, "overloaded_args", parts));
        } else if call.alts.len() > 1 {
            let mut shown = vec![sig::show_function(&declared, "?")];
            shown.extend(
                (call.args.iter().enumerate().skip(1)).map(|(i, a)| self.arg_shown(call, a, i)),
            );
            let parts = vec![call.name.into(), call.all_listed(), shown.join(", ")];
            self.diags
                .push(Diagnostic::error(call.span, "overloaded_fn", parts));
        }
    }
}

/// Whether scalac's type `t` is not known yet: a `?` or a type parameter (`K` of `(K, V)`).
fn open_type(t: &str) -> bool {
    t.contains('?')
        || t.split(|c: char| !c.is_alphanumeric())
            .any(|w| w.len() == 1 && w.chars().all(|c| c.is_ascii_uppercase()))
}

/// The checker's type of a plain type's name (`Int`, `Boolean`, `String`).
fn plain_ty(t: &str) -> Option<Ty> {
    Some(match t {
        "Int" => Ty::Int,
        "Long" => Ty::Long,
        "Double" => Ty::Double,
        "Boolean" => Ty::Bool,
        "String" => Ty::Str,
        "Char" => Ty::Char,
        _ => return None,
    })
}

/// A type with the type parameters scalac has not inferred yet shown as `?`: `String => U`
/// is `String => ?`.
fn unknown_tparams(t: &str) -> String {
    let mut out = String::new();
    let mut word = String::new();
    for c in t.chars().chain(std::iter::once(' ')) {
        if c.is_alphanumeric() || c == '_' || c == '.' || c == '$' {
            word.push(c);
            continue;
        }
        let param = matches!(word.as_str(), "U" | "S" | "K" | "C" | "W");
        out.push_str(if param { "?" } else { &word });
        word.clear();
        out.push(c);
    }
    out.pop();
    out
}

/// An expression as scalac prints its tree in "expanded function" messages:
/// `x$5.$minus(x$6)`; `None` for what this does not print.
fn scalac_tree(e: &Expr) -> Option<String> {
    Some(match &e.kind {
        ExprKind::Ident(n) => n.clone(),
        ExprKind::Lit(Lit::Int(n)) => n.to_string(),
        ExprKind::Lit(Lit::Str(s)) => format!("{s:?}"),
        ExprKind::Field { recv, name, .. } => format!("{}.{name}", scalac_tree(recv)?),
        ExprKind::Binary { op, lhs, rhs, .. } => {
            let encoded: String = op
                .text()
                .chars()
                .map(|c| match c {
                    '+' => "$plus",
                    '-' => "$minus",
                    '*' => "$times",
                    '/' => "$div",
                    '%' => "$percent",
                    '<' => "$less",
                    '>' => "$greater",
                    '=' => "$eq",
                    '!' => "$bang",
                    '&' => "$amp",
                    '|' => "$bar",
                    '^' => "$up",
                    ':' => "$colon",
                    _ => "",
                })
                .collect();
            format!("{}.{encoded}({})", scalac_tree(lhs)?, scalac_tree(rhs)?)
        }
        ExprKind::MethodCall {
            recv, name, args, ..
        } => format!("{}.{name}{}", scalac_tree(recv)?, arg_lists(args)?),
        ExprKind::Apply { func, args, .. } => format!("{}{}", scalac_tree(func)?, arg_lists(args)?),
        ExprKind::Lambda { params, body } if params.iter().all(|p| p.ty.is_none()) => {
            let names: Vec<&str> = params.iter().map(|p| p.name.as_str()).collect();
            format!("(({}) => {})", names.join(", "), scalac_tree(body)?)
        }
        ExprKind::Tuple(items) => format!(
            "scala.Tuple{}{}",
            items.len(),
            arg_lists(std::slice::from_ref(items))?
        ),
        _ => return None,
    })
}

/// Argument lists as scalac prints them: `(a, b)(c)`.
fn arg_lists(lists: &[Vec<Expr>]) -> Option<String> {
    let mut out = String::new();
    for l in lists {
        let shown: Option<Vec<String>> = l.iter().map(scalac_tree).collect();
        out.push_str(&format!("({})", shown?.join(", ")));
    }
    Some(out)
}

/// Whether a lambda's parameter was written as `_` in its body (`_ + _`).
pub(super) fn placeholder(p: &Param) -> bool {
    p.name
        .strip_prefix("x$")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_parameters_not_inferred_show_as_question_marks() {
        assert_eq!(unknown_tparams("String => U"), "String => ?");
        assert_eq!(
            unknown_tparams("((String, Int)) => IterableOnce[U]"),
            "((String, Int)) => IterableOnce[?]"
        );
        assert_eq!(unknown_tparams("(Int, Int) => Int"), "(Int, Int) => Int");
        assert_eq!(
            unknown_tparams("org.apache.spark.rdd.RDD[U]"),
            "org.apache.spark.rdd.RDD[?]"
        );
    }
}
