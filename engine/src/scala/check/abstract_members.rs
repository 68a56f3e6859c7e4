//! A class made with `new` that leaves a member of the program's trait or abstract class
//! undefined, as scalac refuses it: an anonymous class (`new Greeter { def hello = 1 }`) is
//! "object creation impossible.", a class "class Sq needs to be abstract.", each with the
//! members missing and `???` for bodies, as scalac words them. Checked against Spark 4.3.0's
//! scalac (`compile_compare.py`).

use super::Checker;
use crate::scala::ast::*;
use crate::scala::diag::Diagnostic;

/// `def name(a: A, b: B): R`, as scalac shows a member (no parameter list: `def area: R`).
fn signature(name: &str, params: &[Vec<Param>], ret: Option<&TypeRef>) -> String {
    let mut out = format!("def {name}");
    for list in params {
        let ps: Vec<String> = list
            .iter()
            .map(|p| match &p.ty {
                Some(t) => format!("{}: {}", p.name, crate::scala::printer::print_type(t)),
                None => p.name.clone(),
            })
            .collect();
        out.push_str(&format!("({})", ps.join(", ")));
    }
    if let Some(t) = ret {
        out.push_str(&format!(": {}", crate::scala::printer::print_type(t)));
    }
    out
}

impl Checker<'_> {
    /// `c`, a class that is not abstract: the abstract members of the program's classes it
    /// extends that neither it nor another of them defines.
    pub(super) fn abstract_members(&mut self, c: &ClassDef) {
        if c.is_abstract {
            return;
        }
        let ancestors = self.ancestors(&c.parents);
        let defined = |name: &str| {
            std::iter::once(c)
                .chain(ancestors.iter().map(|a| &**a))
                .any(|d| {
                    d.params.iter().any(|p| p.name == name)
                        || d.body.iter().any(|s| match &s.kind {
                            StmtKind::Def { name: n, body, .. } => {
                                n == name && !matches!(body.kind, ExprKind::Error)
                            }
                            StmtKind::Val {
                                pat: Pattern::Bind(n, _),
                                ..
                            } => n == name,
                            _ => false,
                        })
                })
        };
        // The missing members, each with the class that declares it.
        let mut missing: Vec<(String, &ClassDef)> = Vec::new();
        for a in &ancestors {
            for s in &a.body {
                if let StmtKind::Def {
                    name,
                    params,
                    ret,
                    body,
                    ..
                } = &s.kind
                {
                    if matches!(body.kind, ExprKind::Error) && !defined(name) {
                        missing.push((signature(name, params, ret.as_ref()), a));
                    }
                }
            }
        }
        let Some((_, owner)) = missing.first() else {
            return;
        };
        // Members of more than one class are listed with where each comes from: not here.
        if missing.iter().any(|(_, o)| o.name != owner.name) {
            return;
        }
        let owner = format!(
            "{} {}",
            if owner.is_trait { "trait" } else { "class" },
            owner.name
        );
        let head = if c.name.starts_with(ANON) {
            "object creation impossible.".to_string()
        } else {
            format!("class {} needs to be abstract.", c.name)
        };
        let what = match missing.len() {
            1 => format!("Missing implementation for member of {owner}:"),
            n => format!("Missing implementations for {n} members of {owner}."),
        };
        let members: Vec<String> = missing
            .iter()
            .map(|(m, _)| format!("  {m} = ???"))
            .collect();
        self.diags.push(Diagnostic::error(
            c.name_span,
            "abstract_member",
            vec![format!("{head}\n{what}\n{}\n", members.join("\n"))],
        ));
    }
}
