//! Spark's `Time`, what `foreachRDD((rdd, time) => ...)` and `transform` hand a program: its
//! members' types and arguments as scalac checks them (`time.floor(1000)`: "type mismatch:
//! found Int(1000), required org.apache.spark.streaming.Duration"), and its private `millis`
//! ("value millis in class Time cannot be accessed as a member of ..."). Its members are
//! those of Spark 4.3.0's class by Scala's reflection (`spark_api::TIME_METHODS`, with
//! `TIME_SPARK_ONLY` the case class's own, which the playground does not run).

use super::{is_duration, lit_shown, Checker, Ty};
use crate::scala::ast::*;
use crate::scala::diag::Diagnostic;

/// What a `Time` member's arguments are: `D` a `Duration`, `T` a `Time`.
fn params(name: &str) -> &'static [u8] {
    match name {
        "floor" | "isMultipleOf" | "plus" => b"D",
        "less" | "lessEq" | "greater" | "greaterEq" | "min" | "max" => b"T",
        "until" | "to" => b"TD",
        _ => b"",
    }
}

impl Checker<'_> {
    /// `time.name(args)`: the member's result type, each argument checked against its
    /// parameter where one list of as many is given.
    pub(super) fn time_member(&mut self, name: &str, args: &[Vec<Expr>]) -> Ty {
        let want = params(name);
        for list in args {
            for (i, a) in list.iter().enumerate() {
                let got = self.expr(a);
                let Some(&p) = want.get(i).filter(|_| list.len() == want.len()) else {
                    continue;
                };
                let duration = is_duration(a);
                let clash = match p {
                    b'D' => got.is_plain() || got == Ty::Time,
                    _ => got.is_plain() || duration,
                };
                if !clash {
                    continue;
                }
                let found = match &a.kind {
                    ExprKind::Lit(l) => lit_shown(l),
                    _ if duration => "org.apache.spark.streaming.Duration".into(),
                    _ => super::scalac_type(&got).unwrap_or_else(|| got.show()),
                };
                let required = match p {
                    b'D' => "org.apache.spark.streaming.Duration",
                    _ => "org.apache.spark.streaming.Time",
                };
                let at = self.point(a);
                self.diags.push(Diagnostic::error(
                    at,
                    "type_mismatch",
                    vec![found, required.into()],
                ));
            }
        }
        match name {
            "milliseconds" => Ty::Long,
            "floor" | "plus" | "min" | "max" => Ty::Time,
            "isMultipleOf" | "less" | "lessEq" | "greater" | "greaterEq" => Ty::Bool,
            _ => Ty::Unknown,
        }
    }
}
