//! A call with named arguments (`window(Seconds(30), slideDuration = Seconds(10))`,
//! `ssc.stop(stopSparkContext = false)`) against Spark's signatures, as scalac resolves it:
//! each overload binds the positional arguments to its first parameters and the named ones
//! by name, and takes the call if every parameter left has a default. One overload that takes
//! it has its arguments typed ("type mismatch" at the value); none, and scalac says why: of
//! a method without overloads, each name it lacks ("unknown parameter name", at the `=`),
//! each parameter named twice, then too many arguments or the parameters left unspecified;
//! of an overloaded one, the alternatives and the arguments, with the names no alternative
//! has. Checked against Spark 4.3.0's scalac (`tools/differential/README.md`).

use super::{is_lambda, Call, Checker, Ty};
use crate::scala::ast::*;
use crate::scala::diag::Diagnostic;
use crate::scala::named_args::named;
use crate::scala::signatures::{self as sig, Alt};

/// A written argument's value (a named one's after its `=`).
fn value(a: &Expr) -> &Expr {
    named(a).map_or(a, |(_, v)| v)
}

/// The type of the parameter argument `i` goes to (by its `name`, if named) where every
/// overload has that parameter, of one type.
fn agreed_type(alts: &[Alt], i: usize, name: Option<&str>) -> Option<&'static str> {
    let of = |alt: &Alt| match name {
        Some(n) => alt.params.iter().find(|p| p.0 == n).map(|p| p.1),
        None => alt.params.get(i).map(|p| p.1),
    };
    let first = of(alts.first()?)?;
    alts.iter().all(|a| of(a) == Some(first)).then_some(first)
}

/// How one overload binds the written arguments.
struct Binding {
    /// For each parameter, the written argument bound to it.
    slots: Vec<Option<usize>>,
    /// The named arguments whose names it does not have.
    unknown: Vec<usize>,
    /// The named arguments for a parameter already bound: the argument, the parameter.
    twice: Vec<(usize, usize)>,
    /// Positional arguments beyond its parameters; the first of them.
    extra: usize,
    first_extra: Option<usize>,
    /// Positional arguments after a named one out of its place (Scala binds them to nothing).
    after_named: Vec<usize>,
}

impl Binding {
    fn of(alt: &Alt, args: &[Expr]) -> Binding {
        let mut b = Binding {
            slots: vec![None; alt.params.len()],
            unknown: Vec::new(),
            twice: Vec::new(),
            extra: 0,
            first_extra: None,
            after_named: Vec::new(),
        };
        // Whether every named argument so far is at its own place.
        let mut in_place = true;
        for (i, a) in args.iter().enumerate() {
            let at = match named(a) {
                None if !in_place => {
                    b.after_named.push(i);
                    continue;
                }
                None if i < alt.params.len() => i,
                None => {
                    b.extra += 1;
                    b.first_extra.get_or_insert(i);
                    continue;
                }
                Some((n, _)) => match alt.params.iter().position(|p| p.0 == n) {
                    Some(j) => j,
                    None => {
                        b.unknown.push(i);
                        continue;
                    }
                },
            };
            in_place &= at == i;
            match b.slots[at] {
                Some(_) => b.twice.push((i, at)),
                None => b.slots[at] = Some(i),
            }
        }
        b
    }

    /// The parameters left without an argument or a default.
    fn missing<'a>(&self, alt: &'a Alt) -> Vec<&'a str> {
        (alt.params.iter().zip(&self.slots))
            .filter(|(p, s)| s.is_none() && !p.2)
            .map(|(p, _)| p.0)
            .collect()
    }

    /// Whether the overload takes the arguments: each bound, none left without a default, a
    /// lambda only where a function goes.
    fn takes(&self, alt: &Alt, args: &[Expr]) -> bool {
        self.unknown.is_empty()
            && self.twice.is_empty()
            && self.after_named.is_empty()
            && self.extra == 0
            && self.missing(alt).is_empty()
            && (alt.params.iter().zip(&self.slots)).all(|(p, s)| {
                s.is_none_or(|i| !is_lambda(value(&args[i])) || sig::arity(p.1).is_some())
            })
    }

    /// Whether a named argument takes another parameter's place (`port = 9999, hostname =
    /// ...`).
    fn reordered(&self) -> bool {
        self.slots
            .iter()
            .enumerate()
            .any(|(j, s)| s.is_some_and(|i| i != j))
    }
}

impl Checker<'_> {
    /// A call of a DStream's, an RDD's or the context's method `name` that names some of its
    /// arguments, checked against Spark's signatures. Whether it reported anything.
    pub(in crate::scala::check) fn named_signature(
        &mut self,
        recv: &Ty,
        name: &str,
        span: Span,
        args: &[Expr],
    ) -> bool {
        let Some(call) = Call::of(recv, name, span, args) else {
            return false;
        };
        // As `signature`: the arguments are typed here to be seen, and nested calls among them
        // are checked when typed for real.
        if self.probing {
            return false;
        }
        self.probing = true;
        let reported = self.named_checks(&call);
        self.probing = false;
        reported
    }

    fn named_checks(&mut self, call: &Call) -> bool {
        let args = call.args;
        let bindings: Vec<Binding> = call.alts.iter().map(|a| Binding::of(a, args)).collect();
        let taking: Vec<usize> = (0..call.alts.len())
            .filter(|&i| bindings[i].takes(&call.alts[i], args))
            .collect();
        let before = self.diags.len();
        match (taking.as_slice(), call.alts) {
            ([one], _) => {
                let (alt, b) = (&call.alts[*one], &bindings[*one]);
                for (p, slot) in alt.params.iter().zip(&b.slots) {
                    if let Some(i) = slot {
                        self.mismatch(call, value(&args[*i]), p.1, false);
                    }
                }
            }
            ([], [alt]) => self.not_bound(call, alt, &bindings[0]),
            ([], _) => self.no_overload_binds(call),
            // Several take it: their types decide, as for positional arguments.
            _ => {}
        }
        self.diags.len() > before
    }

    /// The one signature does not bind these arguments.
    fn not_bound(&mut self, call: &Call, alt: &Alt, b: &Binding) {
        for &i in &b.unknown {
            let name = named(&call.args[i]).map_or("", |(n, _)| n);
            let at = self.equals_sign(&call.args[i]);
            self.diags
                .push(Diagnostic::error(at, "unknown_param", vec![name.into()]));
        }
        for &(i, param) in &b.twice {
            let name = named(&call.args[i]).map_or("", |(n, _)| n);
            let at = self.equals_sign(&call.args[i]);
            // The position of the argument that gave it first; and scalac's note on the
            // argument at the parameter's position, when that one is named otherwise.
            let first = b.slots[param].map_or(0, |f| f + 1);
            let other = (call.args.get(param).and_then(named))
                .map(|(n, _)| n)
                .filter(|n| *n != name);
            let mut parts = vec![name.into(), first.to_string()];
            parts.extend(other.map(String::from));
            self.diags
                .push(Diagnostic::error(at, "already_specified", parts));
        }
        for &i in &b.after_named {
            let at = self.point(&call.args[i]);
            self.diags
                .push(Diagnostic::error(at, "positional_after_named", vec![]));
        }
        let (e, n) = (call.elem_names(), call.args.len());
        let paren = self.paren_after(call.span);
        let missing = b.missing(alt);
        let has_defaults = alt.params.iter().any(|p| p.2);
        let named_well = b.unknown.is_empty() && b.twice.is_empty();
        if n > alt.params.len() {
            // At the first positional argument too many, else at the parenthesis.
            let at = b.first_extra.map_or(paren, |i| self.point(&call.args[i]));
            let parts = vec![
                call.name.into(),
                n.to_string(),
                alt.params.len().to_string(),
                sig::single(alt, &e),
            ];
            self.diags
                .push(Diagnostic::error(at, "too_many_args", parts));
        } else if !missing.is_empty()
            && (has_defaults || named_well)
            && (b.twice.is_empty() || !b.reordered())
        {
            // Without defaults, scalac stops at a name it could not bind; with a name given
            // twice among reordered ones, at that.
            let parts = vec![call.name.into(), sig::single(alt, &e), missing.join(", ")];
            self.diags
                .push(Diagnostic::error(paren, "not_enough_args", parts));
        }
    }

    /// No overload binds these arguments: scalac lists them all, and the arguments, each
    /// typed with the parameter's type where every overload has that parameter (its place or
    /// its name) of one type: a value of another type is a "type mismatch", a lambda whose
    /// parameters no such type gives has each "missing parameter type" (`func = _ + _` of a
    /// DStream's `reduceByKey`, whose parameter is `reduceFunc`). After such an error the
    /// arguments "do not match", shown as typed (a literal as its value, an argument in error
    /// as `?`, named as `<error>`); else they "cannot be applied", with the names no
    /// alternative has.
    fn no_overload_binds(&mut self, call: &Call) {
        let mut failed = false;
        let (mut exact, mut wide) = (Vec::new(), Vec::new());
        for (i, a) in call.args.iter().enumerate() {
            let v = value(a);
            let name = named(a).map(|(n, _)| n);
            let agreed = agreed_type(call.alts, i, name);
            let function = agreed.and_then(sig::arity).is_some();
            let (e, w) = match &v.kind {
                ExprKind::Lambda { params, body }
                    if !function && params.iter().any(|p| p.ty.is_none()) =>
                {
                    failed = true;
                    self.untyped_lambda(params, body);
                    let unknown = vec!["?".to_string(); params.len()];
                    let shown = sig::show_function(&unknown, "?");
                    (shown.clone(), shown)
                }
                _ if is_lambda(v) => {
                    let shown = self.arg_typed(call, v, agreed.filter(|_| function));
                    (shown.clone(), shown)
                }
                _ if agreed.is_some_and(|t| self.mismatch(call, v, t, true)) => {
                    failed = true;
                    let shown = if name.is_some() { "<error>" } else { "?" };
                    (shown.to_string(), shown.to_string())
                }
                ExprKind::Lit(l @ (Lit::Int(_) | Lit::Str(_) | Lit::Bool(_))) => {
                    let exact = match l {
                        Lit::Int(n) => n.to_string(),
                        Lit::Str(t) => format!("{t:?}"),
                        _ => matches!(l, Lit::Bool(true)).to_string(),
                    };
                    (exact, self.arg_typed(call, v, None))
                }
                _ => {
                    let shown = self.arg_typed(call, v, None);
                    (shown.clone(), shown)
                }
            };
            let label = |t: String| name.map_or(t.clone(), |n| format!("{n}: {t}"));
            exact.push(label(e));
            wide.push(label(w));
        }
        if failed {
            let parts = vec![call.name.into(), call.all_listed(), exact.join(", ")];
            let d = Diagnostic::error(call.span, "overloaded_fn", parts);
            return self.diags.push(d);
        }
        let lacking: Vec<&str> = (call.args.iter())
            .filter_map(|a| named(a).map(|(n, _)| n))
            .filter(|n| !call.alts.iter().any(|a| a.params.iter().any(|p| p.0 == *n)))
            .collect();
        let mut parts = vec![call.name.into(), call.all_listed(), wide.join(", ")];
        if !lacking.is_empty() {
            parts.push(lacking.join(","));
        }
        self.diags
            .push(Diagnostic::error(call.span, "overloaded_args", parts));
    }

    /// Where scalac points at a named argument: its `=`.
    pub(in crate::scala::check) fn equals_sign(&self, a: &Expr) -> Span {
        let Some((_, v)) = named(a) else {
            return a.span;
        };
        let (from, to) = (a.span.start as usize, v.span.start as usize);
        match self.src.get(from..to).and_then(|s| s.rfind('=')) {
            Some(k) => Span::new(from + k, from + k + 1),
            None => a.span,
        }
    }
}
