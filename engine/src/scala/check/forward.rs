//! A forward reference in a block, as scalac refuses it: a name a block defines below its use
//! may be used only if no strict `val` or `var` lies from the use's statement to the
//! definition, the definition included (SLS 4, "Blocks"). `val total = count + 1` above `val
//! count = rdd.count()` is "forward reference to value count defined on line 14 extends over
//! definition of value total"; a `def` above the `val` it reads, "... extends over definition of
//! value b"; a `lazy val` that uses itself (a recursive function value) or a later `def` is
//! fine. The use has the later definition's type, so what does not fit it is said instead: a
//! forward reference is found after typing (scalac's refchecks), and only when nothing else
//! was wrong. An object's or a class's members may use each other in any order: only blocks (a
//! method's body, `main`'s statements, `{ ... }`) are walked here. Checked against Spark
//! 4.3.0's scalac (`compile_compare.py --pos`).

use super::{Checker, Ty};
use crate::scala::ast::{Expr, Pattern, Span, Stmt, StmtKind, TypeRef};
use crate::scala::diag::{Diagnostic, LineIndex, Severity, SCALAC_KINDS};

/// A block being walked: the terms each of its statements defines (name, scalac's word for
/// it, where the name is), each `val`'s declared type and initialiser (a name's type used
/// before its definition), the statement being walked, and the scope the block opened.
pub(super) struct Block {
    defs: Vec<Vec<(String, &'static str, Span)>>,
    inits: Vec<Option<(Option<TypeRef>, Expr)>>,
    at: usize,
    depth: usize,
}

impl Checker<'_> {
    /// Walks a block's statements in their scope (open already, its `def`s hoisted), keeping
    /// which statement is walked for [`Checker::forward_reference`]; the last one's type.
    pub(super) fn block_stmts(&mut self, stmts: &[Stmt]) -> Ty {
        let defs = stmts
            .iter()
            .map(|s| {
                super::twice::definitions(s)
                    .into_iter()
                    .filter(|d| !d.3)
                    .map(|(n, word, span, _)| (n.to_string(), word, span))
                    .collect()
            })
            .collect();
        let inits = stmts
            .iter()
            .map(|s| match &s.kind {
                StmtKind::Val {
                    pat: Pattern::Bind(..),
                    ty,
                    init,
                    ..
                } => Some((ty.clone(), init.clone())),
                _ => None,
            })
            .collect();
        let depth = self.scopes.len().saturating_sub(1);
        self.blocks.push(Block {
            defs,
            inits,
            at: 0,
            depth,
        });
        let mut t = Ty::Unit;
        for (i, s) in stmts.iter().enumerate() {
            if let Some(b) = self.blocks.last_mut() {
                b.at = i;
            }
            t = self.stmt(s);
        }
        self.blocks.pop();
        t
    }

    /// The block defining `n` at or below the statement being walked, and which statement, when
    /// that is the `n` a use there means.
    fn later_definition(&self, n: &str) -> Option<(&Block, usize)> {
        let defines = |d: &Vec<(String, &str, Span)>| d.iter().any(|(m, ..)| m == n);
        for b in self.blocks.iter().rev() {
            // Bound in a scope inside the block's (a lambda's parameter, an inner block's).
            let inner = self.scopes.get(b.depth + 1..).unwrap_or_default();
            if inner.iter().any(|s| s.iter().any(|(m, ..)| m == n))
                || b.defs[..b.at].iter().any(defines)
            {
                return None;
            }
            if let Some(j) = b.defs[b.at..].iter().position(defines) {
                return Some((b, b.at + j));
            }
        }
        None
    }

    /// Whether `n` here is a name its block defines below (the program's own, not Scala's).
    pub(super) fn defined_later(&self, n: &str) -> bool {
        self.later_definition(n).is_some()
    }

    /// `n`, used at `span`, when it names a term a block defines at or below the statement
    /// being walked: the error if a strict `val` or `var` lies between (once a name), and the
    /// name's type either way; `None` when `n` is another name (a parameter, a name defined
    /// above, one of an outer scope).
    pub(super) fn forward_reference(&mut self, n: &str, span: Span) -> Option<Ty> {
        let (b, j) = self.later_definition(n)?;
        let (_, what, at) = b.defs[j].iter().find(|(m, ..)| m == n)?.clone();
        let over = b.defs[b.at..=j]
            .iter()
            .flatten()
            .find(|(_, w, _)| matches!(*w, "value" | "variable"))
            .cloned();
        let init = b.inits[j].clone();
        // The name is the later definition's, of its type (scalac types the use so, and says
        // what does not fit it before any forward reference).
        let ty = match init {
            Some((Some(t), _)) => self.declared(&t),
            Some((None, e)) if !self.resolving.iter().any(|m| m == n) => {
                let (before, probing) = (self.diags.len(), self.probing);
                self.probing = true;
                self.resolving.push(n.to_string());
                let t = self.expr(&e);
                self.resolving.pop();
                self.probing = probing;
                self.diags.truncate(before);
                t
            }
            Some(_) => Ty::Unknown,
            None => self.lookup(n).unwrap_or(Ty::Unknown),
        };
        let Some((over_name, over_what, _)) = over else {
            // A later `def` or a `lazy val` (itself, when recursive): fine.
            return Some(ty);
        };
        if !self.probing && !self.forward_seen.iter().any(|m| m == n) {
            self.forward_seen.push(n.to_string());
            let (line, _) = LineIndex::new(self.src).line_col(at.start);
            self.diags.push(Diagnostic::error(
                span,
                "forward_reference",
                vec![
                    what.to_string(),
                    n.to_string(),
                    line.to_string(),
                    over_what.to_string(),
                    over_name,
                ],
            ));
        }
        Some(ty)
    }

    /// scalac checks forward references after typing (its refchecks), which it reaches only
    /// when typing found nothing wrong: they are dropped beside a typing error.
    pub(super) fn forward_after_typing(&mut self) {
        const LATER: &[&str] = &[
            "forward_reference",
            "override_required",
            "overrides_nothing",
            "overrides_nothing_note",
            "abstract_member",
        ];
        let typing = self.diags.iter().any(|d| {
            d.severity == Severity::Error
                && SCALAC_KINDS.contains(&d.kind)
                && !LATER.contains(&d.kind)
        });
        if typing {
            self.diags.retain(|d| d.kind != "forward_reference");
        }
    }
}
