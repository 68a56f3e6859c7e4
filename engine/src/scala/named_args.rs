//! Named arguments, as Spark's documentation writes them: `rdd.sortBy(_._2, ascending =
//! false)`, `lines.window(windowDuration = Seconds(30), slideDuration = Seconds(10))`.
//!
//! The parser reads `name = value` in an argument list as an assignment (Scala's own grammar
//! does too, and then takes it as a named argument when the method has a parameter of that
//! name). Here a method's parameter names come from a table of the Spark methods that take
//! optional or several same-typed parameters; [`resolve`] puts the written arguments in the
//! method's order. The checker types the reordered list, and the interpreter evaluates the
//! arguments as written (left to right, as Scala does) before reordering their values.

use super::ast::{Expr, ExprKind, Lit, Span, StmtKind};
use super::signatures as sig;

/// The parameter lists of the methods named arguments may be used with, by method name (one
/// entry per overload, in the order Scala would try them). A name with a default is
/// `name=default`: `ascending`'s `true`, `numPartitions`' context parallelism.
const PARAMS: &[(&str, &[&str])] = &[
    ("sortBy", &["f", "ascending=true", "numPartitions"]),
    ("sortByKey", &["ascending=true", "numPartitions"]),
    ("window", &["windowDuration", "slideDuration"]),
    (
        "reduceByKeyAndWindow",
        &[
            "reduceFunc",
            "invReduceFunc",
            "windowDuration",
            "slideDuration=slide",
            "numPartitions=defaultParallelism",
            "filterFunc",
        ],
    ),
    (
        "reduceByKeyAndWindow",
        &[
            "reduceFunc",
            "windowDuration",
            "slideDuration",
            "numPartitions",
        ],
    ),
    (
        "reduceByWindow",
        &[
            "reduceFunc",
            "invReduceFunc",
            "windowDuration",
            "slideDuration",
        ],
    ),
    (
        "reduceByWindow",
        &["reduceFunc", "windowDuration", "slideDuration"],
    ),
    ("countByWindow", &["windowDuration", "slideDuration"]),
    (
        "countByValueAndWindow",
        &["windowDuration", "slideDuration", "numPartitions"],
    ),
    (
        "groupByKeyAndWindow",
        &["windowDuration", "slideDuration", "numPartitions"],
    ),
    ("socketTextStream", &["hostname", "port", "storageLevel"]),
    // A DStream's parameter is `reduceFunc`, an RDD's `func` (the checker, which knows the
    // receiver, refuses the other).
    ("reduceByKey", &["reduceFunc", "numPartitions"]),
    ("reduceByKey", &["func", "numPartitions"]),
    ("groupByKey", &["numPartitions"]),
    ("updateStateByKey", &["updateFunc", "numPartitions"]),
    ("repartition", &["numPartitions"]),
    ("coalesce", &["numPartitions", "shuffle"]),
    ("sample", &["withReplacement", "fraction", "seed"]),
    ("takeSample", &["withReplacement", "num", "seed"]),
    ("mapPartitionsWithIndex", &["f", "preservesPartitioning"]),
    ("distinct", &["numPartitions"]),
    ("take", &["num"]),
    ("top", &["num"]),
    ("takeOrdered", &["num"]),
    ("print", &["num"]),
    ("parallelize", &["seq", "numSlices"]),
    ("queueStream", &["queue", "oneAtATime=true", "defaultRDD"]),
    ("stop", &["stopSparkContext", "stopGracefully"]),
];

/// `name = value` as an argument: the name and the value. (The parser gives it as a block of
/// that one assignment, spanning just it; a written block `{ x = 1 }` spans its braces too and
/// stays a block.)
pub fn named(e: &Expr) -> Option<(&str, &Expr)> {
    let ExprKind::Block(stmts) = &e.kind else {
        return None;
    };
    match stmts.as_slice() {
        [s] if s.span == e.span => match &s.kind {
            StmtKind::Assign {
                target,
                op: None,
                value,
            } => match &target.kind {
                ExprKind::Ident(name) => Some((name.as_str(), value)),
                _ => None,
            },
            _ => None,
        },
        _ => None,
    }
}

/// Where the method's argument `i` comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// The written argument at this position (its value when named).
    Written(usize),
    /// The parameter's default, `true` (`ascending`).
    DefaultTrue,
    /// The parameter's default, the context's `defaultParallelism` (`numPartitions` of
    /// `reduceByKeyAndWindow` left out before `filterFunc = ...`).
    DefaultParallelism,
    /// The parameter's default, the stream's own slide (`slideDuration` of
    /// `reduceByKeyAndWindow` left out before `numPartitions = ...`).
    DefaultSlide,
}

/// Why named arguments cannot be resolved: a diagnostic's kind and its arguments.
pub type Refusal = (&'static str, Vec<String>);

/// The argument list of `method` in its parameters' order, when `args` names some; `Ok(None)`
/// when none is named.
pub fn resolve(method: &str, args: &[Expr]) -> Result<Option<Vec<Slot>>, Refusal> {
    // Every method call of the program comes here: nothing is allocated without a name.
    let Some(first_named) = args.iter().position(|a| named(a).is_some()) else {
        return Ok(None);
    };
    let names: Vec<Option<&str>> = args.iter().map(|a| named(a).map(|(n, _)| n)).collect();
    let mut overloads: Vec<Vec<&str>> = PARAMS
        .iter()
        .filter(|(m, _)| *m == method)
        .map(|(_, p)| p.to_vec())
        .collect();
    if overloads.is_empty() {
        // Else the names of Spark's signatures (`filter(filterFunc = ...)`, `transform(
        // transformFunc = ...)`), a DStream's, an RDD's or the context's: the checker, which
        // knows the receiver, has refused another's. Their defaults are not known here.
        let tables = [
            sig::overloads(false, method),
            sig::overloads(true, method),
            sig::ssc_overloads(method),
        ];
        for alt in tables.into_iter().flatten().flatten() {
            overloads.push(alt.params.iter().map(|p| p.0).collect());
        }
    }
    if overloads.is_empty() {
        return Err((
            "unsupported",
            vec![format!("named arguments of `{method}`")],
        ));
    }
    let (mut unknown, mut gap, mut after_named) = (None, None, false);
    'overload: for params in &overloads {
        let param_name = |p: &str| p.split('=').next().unwrap_or(p).to_string();
        let mut slots: Vec<Option<Slot>> = vec![None; params.len()];
        if first_named > params.len() {
            continue;
        }
        // A positional argument may follow named ones only while each is at its own place
        // (`socketTextStream(hostname = "localhost", 9999)`).
        let mut in_place = true;
        for (i, name) in names.iter().enumerate() {
            let j = match name {
                None if !in_place => {
                    after_named = true;
                    continue 'overload;
                }
                None if i < params.len() => i,
                None => continue 'overload,
                Some(name) => match params.iter().position(|p| param_name(p) == *name) {
                    Some(j) => j,
                    None => {
                        unknown.get_or_insert(name.to_string());
                        continue 'overload;
                    }
                },
            };
            in_place &= j == i;
            match slots[j] {
                None => slots[j] = Some(Slot::Written(i)),
                Some(_) => continue 'overload,
            }
        }
        // Fill the gaps before the last given argument with defaults.
        let last = slots.iter().rposition(Option::is_some).unwrap_or(0);
        let mut out = Vec::with_capacity(last + 1);
        for (j, slot) in slots.iter().enumerate().take(last + 1) {
            match slot {
                Some(s) => out.push(*s),
                None if params[j].ends_with("=true") => out.push(Slot::DefaultTrue),
                None if params[j].ends_with("=defaultParallelism") => {
                    out.push(Slot::DefaultParallelism)
                }
                None if params[j].ends_with("=slide") => out.push(Slot::DefaultSlide),
                None => {
                    gap.get_or_insert(param_name(params[j]));
                    continue 'overload;
                }
            }
        }
        return Ok(Some(out));
    }
    Err(match (gap, unknown) {
        _ if after_named => (
            "unsupported",
            vec!["a positional argument after a named one".to_string()],
        ),
        (Some(param), _) => (
            "unsupported",
            vec![format!(
                "leaving out `{param}` of `{method}` before a named argument (give it too)"
            )],
        ),
        (None, Some(name)) => ("unknown_param", vec![name]),
        (None, None) => (
            "unsupported",
            vec![format!("these named arguments of `{method}`")],
        ),
    })
}

/// The written arguments in the method's order, as expressions (values of named ones, a
/// `true` literal for a default): what the checker types.
pub fn reorder(args: &[Expr], slots: &[Slot]) -> Vec<Expr> {
    slots
        .iter()
        .map(|s| match s {
            Slot::Written(i) => {
                let a = &args[*i];
                named(a).map_or(a, |(_, v)| v).clone()
            }
            Slot::DefaultTrue => Expr::new(ExprKind::Lit(Lit::Bool(true)), Span::new(0, 0)),
            // An `Int`, for the checker (the run reads the context's).
            Slot::DefaultParallelism => Expr::new(ExprKind::Lit(Lit::Int(1)), Span::new(0, 0)),
            // A `Duration`, for the checker: `Seconds(1)` (the run reads the stream's).
            Slot::DefaultSlide => {
                let at = Span::new(0, 0);
                let seconds = Box::new(Expr::new(ExprKind::Ident("Seconds".into()), at));
                let one = Expr::new(ExprKind::Lit(Lit::Int(1)), at);
                let args = vec![vec![one]];
                Expr::new(
                    ExprKind::Apply {
                        func: seconds,
                        targs: Vec::new(),
                        args,
                    },
                    at,
                )
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scala::parser::parse;

    /// The first argument list of a one-call program, resolved.
    fn slots(src: &str) -> Result<Option<Vec<Slot>>, Refusal> {
        let (file, _) = parse(src);
        let StmtKind::Expr(e) = &file.body[0].kind else {
            panic!("an expression: {src}");
        };
        let ExprKind::MethodCall { name, args, .. } = &e.kind else {
            panic!("a method call: {src}");
        };
        resolve(name, &args[0])
    }

    use Slot::*;

    #[test]
    fn named_arguments_take_their_parameters_places() {
        assert_eq!(slots("rdd.sortBy(_._2)"), Ok(None));
        assert_eq!(
            slots("rdd.sortBy(_._2, numPartitions = 1, ascending = false)"),
            Ok(Some(vec![Written(0), Written(2), Written(1)]))
        );
        // A skipped `numPartitions` of `reduceByKeyAndWindow` is the context's parallelism.
        assert_eq!(
            slots("p.reduceByKeyAndWindow(f, g, w, s, filterFunc = h)"),
            Ok(Some(vec![
                Written(0),
                Written(1),
                Written(2),
                Written(3),
                DefaultParallelism,
                Written(4)
            ]))
        );
        // A skipped `slideDuration` of the inverse's overload is the stream's slide.
        assert_eq!(
            slots("p.reduceByKeyAndWindow(f, g, w, numPartitions = 3)"),
            Ok(Some(vec![
                Written(0),
                Written(1),
                Written(2),
                DefaultSlide,
                Written(3)
            ]))
        );
        assert_eq!(
            slots("p.reduceByKeyAndWindow(f, g, w, filterFunc = h)"),
            Ok(Some(vec![
                Written(0),
                Written(1),
                Written(2),
                DefaultSlide,
                DefaultParallelism,
                Written(3)
            ]))
        );
        // A skipped `ascending` takes its default.
        assert_eq!(
            slots("rdd.sortBy(_._2, numPartitions = 3)"),
            Ok(Some(vec![Written(0), DefaultTrue, Written(1)]))
        );
        assert_eq!(
            slots("s.window(slideDuration = Seconds(1), windowDuration = Seconds(3))"),
            Ok(Some(vec![Written(1), Written(0)]))
        );
    }

    #[test]
    fn overloads_are_told_apart_by_the_names() {
        // With two functions, the second is invReduceFunc: the first overload.
        assert_eq!(
            slots("s.reduceByKeyAndWindow(_ + _, _ - _, windowDuration = Seconds(5), slideDuration = Seconds(1))"),
            Ok(Some(vec![Written(0), Written(1), Written(2), Written(3)]))
        );
        // One function and a window: the overload without the inverse.
        assert_eq!(
            slots("s.reduceByKeyAndWindow(_ + _, windowDuration = Seconds(5), slideDuration = Seconds(1))"),
            Ok(Some(vec![Written(0), Written(1), Written(2)]))
        );
    }

    #[test]
    fn what_cannot_be_resolved_is_said() {
        assert_eq!(
            slots("rdd.sortBy(_._2, descending = true)"),
            Err(("unknown_param", vec!["descending".to_string()]))
        );
        // Out of the table, Spark's signatures give the names (an RDD's `mapValues` takes
        // `f`, a DStream's `mapValuesFunc`).
        assert_eq!(
            slots("s.mapValues(g = _ + 1)"),
            Err(("unknown_param", vec!["g".to_string()]))
        );
        assert_eq!(
            slots("rdd.mapValues(f = _ + 1)"),
            Ok(Some(vec![Written(0)]))
        );
        assert_eq!(
            slots("s.mapValues(mapValuesFunc = _ + 1)"),
            Ok(Some(vec![Written(0)]))
        );
        assert!(matches!(
            slots("s.zipWithIndex(start = 1)"),
            Err(("unsupported", _))
        ));
        // A positional argument after a named one at its own place takes the next place;
        // after one out of place it is Scala's error (the checker says it in scalac's words).
        assert_eq!(
            slots("rdd.sortBy(f = g, false)"),
            Ok(Some(vec![Written(0), Written(1)]))
        );
        assert!(matches!(
            slots("rdd.sortBy(ascending = false, g)"),
            Err(("unsupported", _))
        ));
        // A block of one assignment is a block, not a named argument.
        assert_eq!(slots("rdd.foreach { total = 1 }"), Ok(None));
    }
}
