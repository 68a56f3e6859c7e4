//! A `def` named without its arguments. Where a function type is expected (`lines.map(f)`,
//! `updateStateByKey(f)`), scalac turns the method into a function value, as `f _` does; the
//! checker types it as one (`Ty::Fn`, from its declared parameters and its result). Where
//! none is (`val g = f`, `println(f)`, `StateSpec.function(mappingFunc)`, whose overloads take
//! Java functions too), scalac refuses it: "missing argument list for method mappingFunc of
//! type (k: String, v: Option[Int], st: org.apache.spark.streaming.State[Int]): (String,
//! Int)", with its advice to write `mappingFunc _`. A DStream's or RDD's method named without
//! its arguments likewise (`val w = lines.map`, `println(rdd.reduce)`, `lines.foreachRDD` as a
//! statement): "missing argument list for method map in class DStream of type [U](mapFunc:
//! String => U)(implicit evidence$2: scala.reflect.ClassTag[U]): ...", or, for a method of
//! several overloads, scalac's "ambiguous reference to overloaded definition" naming the first
//! two as it lists them. Checked against Spark 4.3.0's scalac.

use super::{scalac_type, written, Checker, Ty};
use crate::scala::ast::*;
use crate::scala::diag::Diagnostic;
use crate::scala::signatures::{self as sig, Elem};

impl Checker<'_> {
    /// `e`, where no function type is expected (`expected`, as scalac names it): scalac's
    /// error when it names a `def` of one parameter list without applying it (and without
    /// `_`). Whether it said so.
    pub(super) fn unapplied(&mut self, e: &Expr, expected: &str) -> bool {
        let eta =
            (self.src.get(e.span.end as usize..)).is_some_and(|r| r.trim_start().starts_with('_'));
        if let (ExprKind::Field { .. }, false) = (&e.kind, eta) {
            return self.unapplied_member(e, expected);
        }
        let ExprKind::Ident(name) = &e.kind else {
            return false;
        };
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

    /// `recv.name` of a DStream or RDD `recv` (a name) whose method `name` takes arguments in
    /// every overload, where a value of type `expected` is (`?` when none is known, `Any` in
    /// `println`): scalac's error, said. Whether it was.
    pub(super) fn unapplied_member(&mut self, e: &Expr, expected: &str) -> bool {
        let ExprKind::Field {
            recv,
            name,
            name_span,
        } = &e.kind
        else {
            return false;
        };
        let ExprKind::Ident(r) = &recv.kind else {
            return false;
        };
        let rdd = match self.lookup(r) {
            Some(Ty::DStream(t) | Ty::Input(t)) => (false, *t),
            Some(Ty::Rdd(t)) => (true, *t),
            _ => return false,
        };
        let (rdd, elem) = rdd;
        let Some(alts) = sig::overloads(rdd, name) else {
            return false;
        };
        // `lines.print` is `lines.print()`, as is any method with an overload of no parameters.
        if alts.iter().any(|a| a.params.is_empty()) {
            return false;
        }
        let owner = owner(rdd, name);
        let pairs = matches!(&elem, Ty::Tuple(ts) if ts.len() == 2);
        if !pairs && !matches!(owner, "class DStream" | "class RDD") {
            return false;
        }
        let (k, v) = elem.pair();
        let (t, k, v) = (scalac_type(&elem), scalac_type(&k), scalac_type(&v));
        if t.is_none() {
            return false;
        }
        let shown = Elem {
            t: t.as_deref(),
            k: k.as_deref(),
            v: v.as_deref(),
        };
        let (kind, args) = match alts {
            [a] => (
                "unapplied_member",
                vec![
                    name.clone(),
                    owner.into(),
                    sig::declared(a, &shown),
                    sig::placeholders(a),
                ],
            ),
            [a, b, ..] => (
                "ambiguous_member",
                vec![
                    name.clone(),
                    owner.into(),
                    sig::declared(a, &shown),
                    sig::declared(b, &shown),
                    expected.into(),
                ],
            ),
            [] => return false,
        };
        self.diags.push(Diagnostic::error(*name_span, kind, args));
        true
    }
}

/// The class that declares a DStream's or RDD's method `name`, as scalac names it.
fn owner(rdd: bool, name: &str) -> &'static str {
    match (rdd, name) {
        (
            false,
            "reduceByKey"
            | "reduceByKeyAndWindow"
            | "groupByKeyAndWindow"
            | "groupByKey"
            | "updateStateByKey"
            | "mapValues"
            | "flatMapValues",
        ) => "class PairDStreamFunctions",
        (false, _) => "class DStream",
        (true, "mapValues" | "flatMapValues" | "reduceByKey" | "groupByKey") => {
            "class PairRDDFunctions"
        }
        (true, "sortByKey") => "class OrderedRDDFunctions",
        (true, _) => "class RDD",
    }
}
