//! `xs.toSet.map(_ * 2)`: a collection whose element type scalac has not fixed yet.
//! `toSet[B >: A]` (and `toBuffer`) leave `B` open, and so do the nullary selections after it
//! (`.toList`, `.tail`, `.zipWithIndex`). A method of its own type parameters given a lambda
//! then has no type for the lambda's parameters: `map`, `flatMap`, `foreach`, `groupBy`,
//! `maxBy` say scalac's "missing parameter type" (for a placeholder, "for expanded function
//! ((<x$1: error>) => x$1.$times(2))"), and so does a `for` over it (`for (x <- xs.toSet)`,
//! a `foreach`). A method without type parameters fixes `B` first (`filter`, `exists`,
//! `count`), as does a declared parameter or a `val` holding the set. Checked against Spark
//! 4.3.0's scalac (`compile_compare.py --pos`).

use super::implicit_arg::implicit_class;
use super::{conforms, definite, lit_shown, scalac_type, Checker, Ty};
use crate::scala::ast::*;
use crate::scala::diag::Diagnostic;
use crate::scala::spark_api::ANY_METHODS;
use crate::scala::value_members::Collection;

/// The methods whose function's parameter type is the open element, and that have type
/// parameters of their own (and `collect`, of a `{ case ... }`).
const POLYMORPHIC: &[&str] = &[
    "map",
    "flatMap",
    "foreach",
    "groupBy",
    "groupMap",
    "maxBy",
    "minBy",
    "sortBy",
    "distinctBy",
    "tapEach",
];

/// Whether `e` is a collection of an open element type (`xs.toSet`, `xs.toBuffer`, and
/// nullary selections after them): its class where the checker knows its members, and its
/// element as scalac prints it (`B`, `(B, Int)`).
fn open(e: &Expr) -> Option<(Option<Collection>, String)> {
    let ExprKind::Field { recv, name, .. } = &e.kind else {
        return None;
    };
    match name.as_str() {
        "toSet" => return Some((Some(Collection::Set), "B".into())),
        "toBuffer" => return Some((None, "B".into())),
        _ => {}
    }
    // A selection the open collection has (a set has no `reverse`) keeps it open.
    let (class, elem) = open(recv).filter(|(c, _)| c.is_none_or(|c| c.has(name)))?;
    match name.as_str() {
        "toList" => Some((Some(Collection::List), elem)),
        "toSeq" => Some((Some(Collection::Seq), elem)),
        "toVector" => Some((Some(Collection::Vector), elem)),
        "toIndexedSeq" => Some((Some(Collection::IndexedSeq), elem)),
        "tail" | "init" | "reverse" | "distinct" => Some((class, elem)),
        "zipWithIndex" => Some((class, format!("({elem}, Int)"))),
        _ => None,
    }
}

/// What a value of an unknown type has beside `Any`'s methods: its operators and the
/// conversions every value has (`ArrowAssoc`'s `->`, `any2stringadd`'s `+`, `Ensuring`).
const ANY_MEMBERS: &[&str] = &[
    "eq",
    "ne",
    "==",
    "!=",
    "->",
    "+",
    "ensuring",
    "formatted",
    "synchronized",
];

/// Whether `e` is an element of an open collection (`xs.toSet.head`): of the type parameter
/// `B` itself, whose members are `Any`'s.
fn open_element(e: &Expr) -> bool {
    let ExprKind::Field { recv, name, .. } = &e.kind else {
        return false;
    };
    matches!(name.as_str(), "head" | "last")
        && open(recv).is_some_and(|(c, elem)| elem == "B" && c.is_none_or(|c| c.has(name)))
}

/// The collection whose `toSet` (or `toBuffer`) opened `e`'s element.
fn open_root(e: &Expr) -> Option<&Expr> {
    let ExprKind::Field { recv, name, .. } = &e.kind else {
        return None;
    };
    match name.as_str() {
        "toSet" | "toBuffer" => Some(recv),
        _ => open_root(recv),
    }
}

impl Checker<'_> {
    /// `val s: String = xs.toSet.head` of `Int`s: `B >: Int` cannot be a `String`, and scalac
    /// fixes it to `Int` ("type mismatch: found Int, required String" at `head`; a `Long`
    /// takes the `Int`, widened). Whether it was said.
    pub(super) fn open_element_expected(&mut self, want: &Ty, e: &Expr) -> bool {
        let Some(root) = open_root(e).filter(|_| open_element(e) && !self.blind) else {
            return false;
        };
        let before = self.diags.len();
        let elem = self.expr(root).elem();
        self.diags.truncate(before);
        if !(definite(&elem) && definite(want)) || conforms(&elem, want) {
            return false;
        }
        let (Some(found), Some(required)) = (scalac_type(&elem), scalac_type(want)) else {
            return false;
        };
        let at = self.point(e);
        self.mismatch_at(at, found, required);
        true
    }

    /// `xs.toSet.head + 1`: an operator of an open element (`B`, whose bound is `Any`). `+` is
    /// `any2stringadd`'s, which wants a `String` ("type mismatch: found Int(1), required
    /// String" at the operand); `==`, `!=` and `->` every value has; any other is "value * is
    /// not a member of type parameter B". `rhs` typed `b`. Whether it was said.
    pub(super) fn open_operand(
        &mut self,
        lhs: &Expr,
        (op, at): (BinOp, Span),
        rhs: &Expr,
        b: &Ty,
    ) -> bool {
        if !open_element(lhs) || self.blind {
            return false;
        }
        match op {
            BinOp::Eq | BinOp::Ne | BinOp::Arrow | BinOp::Cons => false,
            BinOp::Add => {
                let found = match &rhs.kind {
                    ExprKind::Lit(l) => Some(lit_shown(l)),
                    _ => scalac_type(b),
                };
                let Some(found) = found.filter(|_| *b != Ty::Str) else {
                    return false;
                };
                let at = self.point(rhs);
                self.mismatch_at(at, found, "String".into());
                true
            }
            _ => {
                self.open_member(at, op.text());
                true
            }
        }
    }

    /// "value NAME is not a member of type parameter B", at `at`.
    fn open_member(&mut self, at: Span, name: &str) {
        // The Chinese says what `B` is.
        let zh = "类型参数 B（toSet 的元素类型，还没定下来）";
        let parts = vec![
            name.into(),
            "type parameter B".into(),
            String::new(),
            zh.into(),
        ];
        (self.diags).push(Diagnostic::error(at, "unknown_method", parts));
    }

    /// `recv.name(args)` of an open `recv`: a member its class lacks ("value sorted is not a
    /// member of scala.collection.immutable.Set[B]"), a plain value as an implicit
    /// (`xs.toSet.sum(2)`), a lambda with an untyped parameter ("missing parameter type"); the
    /// receiver typed, the arguments not. Whether it was one of those.
    pub(super) fn open_element_call(
        &mut self,
        recv: &Expr,
        name: &str,
        name_span: Span,
        args: &[Vec<Expr>],
    ) -> bool {
        // `xs.toSet.head.length`: of `B` itself, `Any`'s members only.
        if open_element(recv)
            && !self.blind
            && !(ANY_METHODS.contains(&name) || ANY_MEMBERS.contains(&name))
        {
            self.open_member(name_span, name);
            return true;
        }
        let Some((class, elem)) = open(recv).filter(|_| !self.blind) else {
            return false;
        };
        if let Some(c) = class.filter(|c| !c.has(name)) {
            self.expr(recv);
            let shown = Ty::Coll(c, Box::new(Ty::Unknown)).show();
            let full = shown.replace("[?]", &format!("[{elem}]"));
            let short = full.rsplit('.').next().unwrap_or_default().to_string();
            let parts = vec![name.to_string(), full, String::new(), short];
            (self.diags).push(Diagnostic::error(name_span, "unknown_method", parts));
            return true;
        }
        let implicit = matches!(name, "sorted" | "max" | "min" | "sum" | "product");
        if let (true, [list]) = (implicit, args) {
            if let Some(found) = self.plain_value(list) {
                self.expr(recv);
                let required = format!("{}[?]", implicit_class(name, &Ty::Unknown));
                self.implicit_mismatch(&list[0], found, required);
                return true;
            }
        }
        let Some([f]) = args.first().map(Vec::as_slice) else {
            return false;
        };
        if !(POLYMORPHIC.contains(&name) || name == "collect") {
            return false;
        }
        let before = self.diags.len();
        match &f.kind {
            ExprKind::Lambda { params, body } if name != "collect" => {
                if params.iter().all(|p| p.ty.is_some()) {
                    return false;
                }
                self.expr(recv);
                self.untyped_lambda(params, body);
            }
            // `{ case x => ... }`: scalac's "Expected type was: ? => ?".
            ExprKind::CaseLambda(_) => {
                self.expr(recv);
                let expected = match name {
                    "collect" => "PartialFunction[?,?]",
                    _ => "? => ?",
                };
                let args = vec![String::new(), String::new(), String::new(), expected.into()];
                (self.diags).push(Diagnostic::error(f.span, "missing_param_type", args));
            }
            _ => return false,
        }
        // The Chinese explains why the element's type is open.
        for d in &mut self.diags[before..] {
            if d.kind == "missing_param_type" {
                d.args.resize(4, String::new());
                d.args.push("open".into());
            }
        }
        true
    }

    /// `for (x <- xs.toSet)`: a generator over an open collection, without a guard, binding a
    /// name: its `foreach`, `map` or `flatMap` has no type for `x` ("missing parameter type"
    /// at it). Whether it was said (what follows the generator is then not typed).
    pub(super) fn open_generator(&mut self, pat: &Pattern, coll: &Expr, guarded: bool) -> bool {
        let Pattern::Bind(_, at) = pat else {
            return false;
        };
        if guarded || open(coll).is_none() || self.blind {
            return false;
        }
        let args = ["", "", "", "", "open"].map(String::from).to_vec();
        (self.diags).push(Diagnostic::error(*at, "missing_param_type", args));
        true
    }
}
