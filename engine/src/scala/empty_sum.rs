//! The zero of an empty collection's `sum` and `product`. Scala takes it from the element
//! type it knows statically (`Numeric[Double].zero` is `0.0`), which the interpreter does not
//! keep: an empty list of doubles holds no double to tell. So the collection's text is read
//! instead, as far as it says its elements are `Double`s: a `List[Double]()`, or a `map`
//! whose function gives a `Double` (`_.toDouble`, a `Double` literal, arithmetic with one,
//! `math.sqrt`), through the methods that keep the element type (`filter`, `take`,
//! `sorted`...). `xs.map(_.toDouble).sum / xs.size` on an empty `xs` is then `NaN`, as in
//! Scala, not a division of whole numbers by zero. Anything else stays the `Int` zero.

use super::ast::{BinOp, Expr, ExprKind, Lit, StmtKind, TypeRef};

/// Whether the collection `e` evaluates to holds `Double`s, as its text says.
pub fn holds_doubles(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::MethodCall {
            recv, name, args, ..
        } => match name.as_str() {
            "map" => args
                .first()
                .and_then(|a| a.first())
                .is_some_and(gives_double),
            "filter" | "filterNot" | "take" | "drop" | "takeWhile" | "dropWhile" | "sortBy"
            | "sortWith" | "slice" | "takeRight" | "dropRight" | "sorted" => holds_doubles(recv),
            _ => false,
        },
        ExprKind::Field { recv, name, .. } => {
            matches!(
                name.as_str(),
                "sorted"
                    | "reverse"
                    | "distinct"
                    | "toList"
                    | "toSeq"
                    | "toVector"
                    | "toArray"
                    | "tail"
                    | "init"
                    | "toIndexedSeq"
            ) && holds_doubles(recv)
        }
        // `List[Double]()`, `Seq.empty[Double]`, `Array[Double]()`.
        ExprKind::Apply { targs, .. } => targs.first().is_some_and(is_double_type),
        _ => false,
    }
}

fn is_double_type(t: &TypeRef) -> bool {
    matches!(t, TypeRef::Named { name, .. } if name == "Double")
}

/// Whether a function's body gives a `Double`, as far as its text says.
fn gives_double(f: &Expr) -> bool {
    match &f.kind {
        ExprKind::Lambda { body, .. } => is_double(body),
        _ => false,
    }
}

/// Whether an expression is a `Double` by its text: a `Double` literal, `x.toDouble`,
/// arithmetic with a `Double` on either side, `math`'s functions of doubles, or a block or
/// `if` that ends in one.
fn is_double(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Lit(Lit::Double(_)) => true,
        ExprKind::Field { name, .. } => name == "toDouble",
        ExprKind::MethodCall { recv, name, .. } => {
            name == "toDouble"
                || matches!(&recv.kind, ExprKind::Ident(m) if m == "math" || m == "Math")
                    && matches!(
                        name.as_str(),
                        "sqrt" | "pow" | "log" | "log10" | "exp" | "floor" | "ceil" | "random"
                    )
        }
        ExprKind::Binary { op, lhs, rhs, .. } => {
            matches!(
                op,
                BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div | BinOp::Rem
            ) && (is_double(lhs) || is_double(rhs))
        }
        ExprKind::Block(stmts) => stmts.last().is_some_and(|s| match &s.kind {
            StmtKind::Expr(e) => is_double(e),
            _ => false,
        }),
        ExprKind::If { then, .. } => is_double(then),
        _ => false,
    }
}
