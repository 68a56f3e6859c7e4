//! A name defined twice in one scope, as scalac refuses it: `val words = ...` written again
//! below (a learner's second pipeline stage under the first's name) is "words is already
//! defined as value words", at the second name; a local `def` written twice, whatever its
//! parameters, is "method f is defined twice;" with where the first one is. In an object's or
//! a class's body two `def`s of one name are overloads (allowed). Checked against Spark
//! 4.3.0's scalac (`compile_compare.py`).

use super::Checker;
use crate::scala::ast::*;
use crate::scala::diag::{Diagnostic, LineIndex};

/// What a statement defines: each name, the word scalac calls it by (`value`, `variable`,
/// `lazy value`, `method`, `case class`, ...), where the name is, and whether it is a type
/// (a class or trait) rather than a term.
pub(super) fn definitions(s: &Stmt) -> Vec<(&str, &'static str, Span, bool)> {
    fn binds<'a>(
        p: &'a Pattern,
        word: &'static str,
        out: &mut Vec<(&'a str, &'static str, Span, bool)>,
    ) {
        match p {
            Pattern::Bind(n, span) => out.push((n, word, *span, false)),
            Pattern::Binder(n, inner, span) => {
                let at = span.start as usize;
                out.push((n, word, Span::new(at, at + n.len()), false));
                binds(inner, word, out);
            }
            Pattern::Tuple(ps, _) | Pattern::Ctor(_, ps, _) => {
                for p in ps {
                    binds(p, word, out);
                }
            }
            Pattern::Some(p, _) | Pattern::Typed(p, _, _) => binds(p, word, out),
            Pattern::Cons(h, t, _) => {
                binds(h, word, out);
                binds(t, word, out);
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    match &s.kind {
        StmtKind::Val {
            mutable, lazy, pat, ..
        } => {
            let word = match (mutable, lazy) {
                (true, _) => "variable",
                (_, true) => "lazy value",
                _ => "value",
            };
            binds(pat, word, &mut out);
        }
        StmtKind::Def {
            name, name_span, ..
        } => out.push((name.as_str(), "method", *name_span, false)),
        StmtKind::CaseClass {
            name, name_span, ..
        } => out.push((name.as_str(), "case class", *name_span, true)),
        StmtKind::Class(c) => out.push((c.name.as_str(), "class", c.name_span, true)),
        StmtKind::Trait { name, name_span } => out.push((name.as_str(), "trait", *name_span, true)),
        _ => {}
    }
    out
}

impl Checker<'_> {
    /// Reports each name `stmts` (one scope's) define again. `block`: a block's statements,
    /// where a second `def` of a name is an error too (not an overload).
    pub(super) fn defined_twice<'s>(
        &mut self,
        stmts: impl IntoIterator<Item = &'s Stmt>,
        block: bool,
    ) {
        let mut seen: Vec<(&str, &'static str, Span, bool)> = Vec::new();
        let mut lines = None;
        for s in stmts {
            for (name, word, span, ty) in definitions(s) {
                let Some(&(_, first, at, _)) = seen.iter().find(|d| d.0 == name && d.3 == ty)
                else {
                    seen.push((name, word, span, ty));
                    continue;
                };
                let overload = first == "method" && word == "method" && !block;
                if overload {
                    continue;
                }
                let args = if first == "method" {
                    let index = lines.get_or_insert_with(|| LineIndex::new(self.src));
                    let (line, col) = index.line_col(at.start);
                    vec![word.to_string(), name.to_string(), format!("{line}:{col}")]
                } else {
                    vec![name.to_string(), first.to_string()]
                };
                let kind = if first == "method" {
                    "defined_twice"
                } else {
                    "already_defined"
                };
                self.diags.push(Diagnostic::error(span, kind, args));
            }
        }
    }
}
