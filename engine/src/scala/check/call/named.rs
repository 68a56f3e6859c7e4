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

/// How one overload binds the written arguments.
struct Binding {
    /// For each parameter, the written argument bound to it.
    slots: Vec<Option<usize>>,
    /// The named arguments whose names it does not have.
    unknown: Vec<usize>,
    /// The named arguments for a parameter already bound, with its position (from 1).
    twice: Vec<(usize, usize)>,
    /// Positional arguments beyond its parameters.
    extra: usize,
}

impl Binding {
    fn of(alt: &Alt, args: &[Expr]) -> Binding {
        let mut b = Binding {
            slots: vec![None; alt.params.len()],
            unknown: Vec::new(),
            twice: Vec::new(),
            extra: 0,
        };
        for (i, a) in args.iter().enumerate() {
            let at = match named(a) {
                None if i < alt.params.len() => i,
                None => {
                    b.extra += 1;
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
            match b.slots[at] {
                // scalac gives the position of the argument that named it first.
                Some(first) => b.twice.push((i, first + 1)),
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
            && self.extra == 0
            && self.missing(alt).is_empty()
            && (alt.params.iter().zip(&self.slots)).all(|(p, s)| {
                s.is_none_or(|i| !is_lambda(value(&args[i])) || sig::arity(p.1).is_some())
            })
    }

    /// Whether a named argument takes another parameter's place (`port = 9999, hostname =
    /// ...`): scalac's notes on a name given twice then are its own.
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
        // A positional argument after a named one: scalac's messages there are its own.
        let first_named = args.iter().position(|a| named(a).is_some());
        if first_named.is_some_and(|f| args[f..].iter().any(|a| named(a).is_none())) {
            return false;
        }
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
                        self.mismatch(call, value(&args[*i]), p.1);
                    }
                }
            }
            // A name given twice among reordered ones: scalac adds notes of its own.
            ([], [alt]) if bindings[0].twice.is_empty() || !bindings[0].reordered() => {
                self.not_bound(call, alt, &bindings[0])
            }
            ([], [_]) => {}
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
        for &(i, pos) in &b.twice {
            let name = named(&call.args[i]).map_or("", |(n, _)| n);
            let at = self.equals_sign(&call.args[i]);
            let parts = vec![name.into(), pos.to_string()];
            self.diags
                .push(Diagnostic::error(at, "already_specified", parts));
        }
        let (e, n) = (call.elem_names(), call.args.len());
        let paren = self.paren_after(call.span);
        let missing = b.missing(alt);
        let has_defaults = alt.params.iter().any(|p| p.2);
        let named_well = b.unknown.is_empty() && b.twice.is_empty();
        if n > alt.params.len() {
            let parts = vec![
                call.name.into(),
                n.to_string(),
                alt.params.len().to_string(),
                sig::single(alt, &e),
            ];
            self.diags
                .push(Diagnostic::error(paren, "too_many_args", parts));
        } else if !missing.is_empty() && (has_defaults || named_well) {
            // Without defaults, scalac stops at a name it could not bind.
            let parts = vec![call.name.into(), sig::single(alt, &e), missing.join(", ")];
            self.diags
                .push(Diagnostic::error(paren, "not_enough_args", parts));
        }
    }

    /// No overload binds these arguments: scalac lists them all, and the arguments. A named
    /// lambda of untyped parameters is then typed with none: each parameter's "missing
    /// parameter type", and the arguments "do not match" (`func = _ + _` of a DStream's
    /// `reduceByKey`, whose parameter is `reduceFunc`), a number shown as its value.
    fn no_overload_binds(&mut self, call: &Call) {
        let untyped = |a: &Expr| {
            matches!(&value(a).kind, ExprKind::Lambda { params, .. }
                if params.iter().any(|p| p.ty.is_none()))
        };
        let blind = call.args.iter().any(|a| named(a).is_some() && untyped(a));
        let shown: Vec<String> = (call.args.iter().enumerate())
            .map(|(i, a)| {
                let v = value(a);
                let t = match &v.kind {
                    ExprKind::Lambda { params, body } if blind && named(a).is_some() => {
                        if params.iter().any(super::placeholder) {
                            self.expanded(params, body);
                        }
                        sig::show_function(&vec!["?".to_string(); params.len()], "?")
                    }
                    ExprKind::Lit(Lit::Int(n)) if blind => n.to_string(),
                    _ => self.arg_shown(call, v, i),
                };
                match named(a) {
                    Some((n, _)) => format!("{n}: {t}"),
                    None => t,
                }
            })
            .collect();
        let lacking: Vec<&str> = (call.args.iter())
            .filter_map(|a| named(a).map(|(n, _)| n))
            .filter(|n| !call.alts.iter().any(|a| a.params.iter().any(|p| p.0 == *n)))
            .collect();
        let mut parts = vec![call.name.into(), call.all_listed(), shown.join(", ")];
        if blind {
            let kind = "overloaded_fn";
            return self.diags.push(Diagnostic::error(call.span, kind, parts));
        }
        if !lacking.is_empty() {
            parts.push(lacking.join(","));
        }
        self.diags
            .push(Diagnostic::error(call.span, "overloaded_args", parts));
    }

    /// Where scalac points at a named argument: its `=`.
    fn equals_sign(&self, a: &Expr) -> Span {
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
