//! The pretty printer: a syntax tree back to tidy Scala, two spaces per level.
//!
//! `parse(print_file(&parse(p).0))` gives the same tree as `parse(p)` up to spans, for every
//! program that parses without errors (the round-trip tests check the golden and lesson
//! programs). What the tree does not keep is lost: comments, blank lines, redundant
//! parentheses, `;`, the choice between `x.f(y)` and `x f y` (calls print dotted, except
//! `to`/`until`), between `(x => { .. })` and `{ x => .. }` (a lambda whose body is a block
//! prints in braces), and raw or triple-quoted strings (they print as ordinary literals with
//! escapes). Placeholder lambdas come back as the user wrote them (`_ + _`, `(_, 1)`), since
//! their parameters keep the `x$1`, `x$2` names the parser gave them (scalac's). A whole
//! program prints as `object Name { .. def main(args: Array[String]): Unit = { .. } }` with
//! its `package` and `import`s first; object-level `val`s stay at object level (tasks share
//! them with the driver), before the object's `def`s; helper objects print before it.

use super::ast::*;

/// The program as Scala source.
pub fn print_file(f: &SourceFile) -> String {
    let mut p = Printer::default();
    if let Some(pkg) = &f.package {
        p.out.push_str(&format!("package {pkg}\n\n"));
    }
    for (i, _) in &f.imports {
        p.out.push_str(&format!("import {i}\n"));
    }
    if !f.imports.is_empty() {
        p.out.push('\n');
    }
    for h in &f.helpers {
        p.out.push_str(&format!("object {} {{\n", h.name));
        p.indent = 1;
        for s in &h.body {
            p.stmt_line(s);
        }
        p.indent = 0;
        p.out.push_str("}\n\n");
    }
    match &f.object_name {
        Some(name) => {
            p.out.push_str(&format!("object {name} {{\n"));
            p.indent = 1;
            let (statics, main) = f.body.split_at(f.statics.min(f.body.len()));
            for s in statics.iter().chain(&f.object_defs) {
                p.stmt_line(s);
            }
            p.line("def main(args: Array[String]): Unit = {");
            p.indent = 2;
            for s in main {
                p.stmt_line(s);
            }
            p.indent = 1;
            p.line("}");
            p.out.push_str("}\n");
        }
        None => {
            for s in f.object_defs.iter().chain(&f.body) {
                p.stmt_line(s);
            }
        }
    }
    p.out
}

/// One expression as Scala source (at indentation 0).
pub fn print_expr(e: &Expr) -> String {
    let mut p = Printer::default();
    p.expr(e);
    p.out
}

#[derive(Default)]
struct Printer {
    out: String,
    indent: usize,
    /// Placeholder parameters of the enclosing placeholder lambdas, with their types.
    holes: Vec<Vec<Param>>,
}

/// Precedence of an expression as an operand: 0 needs parentheses anywhere inside an
/// operator expression, 1..10 are Scala's infix levels, 11 is a simple expression.
fn prec_of(e: &Expr) -> u8 {
    match &e.kind {
        ExprKind::Binary { op, .. } => op_prec(op.text()),
        ExprKind::MethodCall { name, .. } if infix_name(name) => 1,
        ExprKind::Lit(Lit::Int(v)) if *v < 0 => 10,
        ExprKind::Lit(Lit::Long(v)) if *v < 0 => 10,
        ExprKind::Lit(Lit::Double(v)) if v.is_sign_negative() => 10,
        ExprKind::Unary { .. } => 10,
        ExprKind::Lambda { params, .. } if is_placeholder(params) => 11,
        ExprKind::Lambda { .. }
        | ExprKind::If { .. }
        | ExprKind::Match { .. }
        | ExprKind::Try { .. }
        | ExprKind::While { .. }
        | ExprKind::For { .. }
        | ExprKind::Return(_)
        | ExprKind::Throw(_)
        | ExprKind::Ascribe(..) => 0,
        _ => 11,
    }
}

fn op_prec(op: &str) -> u8 {
    match op.chars().next().unwrap_or(' ') {
        c if c.is_alphabetic() || c == '_' || c == '$' => 1,
        '|' => 2,
        '^' => 3,
        '&' => 4,
        '=' | '!' => 5,
        '<' | '>' => 6,
        ':' => 7,
        '+' | '-' => 8,
        '*' | '/' | '%' => 9,
        _ => 10,
    }
}

fn infix_name(name: &str) -> bool {
    matches!(name, "to" | "until")
}

/// Parameters `x$1`, `x$2`, ... as the parser names desugared placeholders (scalac's names).
fn is_placeholder(params: &[Param]) -> bool {
    !params.is_empty()
        && params.iter().all(|p| {
            p.name
                .strip_prefix("x$")
                .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
        })
}

/// A string literal's text with Scala escapes.
fn escape(s: &str, quote: char) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

/// A type as written.
pub fn print_type(t: &TypeRef) -> String {
    match t {
        TypeRef::Named { name, args, .. } if args.is_empty() => name.clone(),
        TypeRef::Named { name, args, .. } if name == "*" && args.len() == 1 => {
            format!("{}*", print_type(&args[0]))
        }
        TypeRef::Named { name, args, .. } => format!(
            "{name}[{}]",
            args.iter().map(print_type).collect::<Vec<_>>().join(", ")
        ),
        TypeRef::Tuple(ts, _) => format!(
            "({})",
            ts.iter().map(print_type).collect::<Vec<_>>().join(", ")
        ),
        TypeRef::Function(ps, r, _) => {
            let ps = match ps.as_slice() {
                [one @ TypeRef::Named { .. }] => print_type(one),
                _ => format!(
                    "({})",
                    ps.iter().map(print_type).collect::<Vec<_>>().join(", ")
                ),
            };
            format!("{ps} => {}", print_type(r))
        }
    }
}

fn print_pattern(p: &Pattern) -> String {
    match p {
        Pattern::Bind(n, _) => n.clone(),
        Pattern::Wildcard(_) => "_".into(),
        Pattern::Tuple(ps, _) => format!(
            "({})",
            ps.iter().map(print_pattern).collect::<Vec<_>>().join(", ")
        ),
        Pattern::Lit(l, _) => lit(l),
        Pattern::Some(p, _) => format!("Some({})", print_pattern(p)),
        Pattern::None(_) => "None".into(),
        Pattern::Typed(p, t, _) => format!("{}: {}", print_pattern(p), print_type(t)),
        Pattern::Stable(n, _) => n.clone(),
        Pattern::Ctor(n, ps, _) => format!(
            "{n}({})",
            ps.iter().map(print_pattern).collect::<Vec<_>>().join(", ")
        ),
        Pattern::Cons(h, t, _) => format!("{} :: {}", print_pattern(h), print_pattern(t)),
        Pattern::Alt(ps, _) => ps.iter().map(print_pattern).collect::<Vec<_>>().join(" | "),
        Pattern::Binder(n, p, _) => format!("{n} @ {}", print_pattern(p)),
        Pattern::SeqRest(None, _) => "_*".into(),
        Pattern::SeqRest(Some(n), _) => format!("{n} @ _*"),
        Pattern::Interp(texts, names, _) => {
            let mut out = "s\"".to_string();
            for (i, t) in texts.iter().enumerate() {
                out += &escape(t, '"').replace('$', "$$");
                if let Some(n) = names.get(i) {
                    out += &format!("${{{}}}", n.as_deref().unwrap_or("_"));
                }
            }
            out + "\""
        }
    }
}

fn lit(l: &Lit) -> String {
    match l {
        Lit::Int(v) => v.to_string(),
        Lit::Long(v) => format!("{v}L"),
        Lit::Double(v) => format!("{v:?}"),
        Lit::Str(s) => format!("\"{}\"", escape(s, '"')),
        Lit::Char(c) => format!("'{}'", escape(&c.to_string(), '\'')),
        Lit::Bool(b) => b.to_string(),
        Lit::Null => "null".into(),
        Lit::Unit => "()".into(),
    }
}

impl Printer {
    fn pad(&mut self) {
        for _ in 0..self.indent {
            self.out.push_str("  ");
        }
    }

    fn line(&mut self, s: &str) {
        self.pad();
        self.out.push_str(s);
        self.out.push('\n');
    }

    fn stmt_line(&mut self, s: &Stmt) {
        self.pad();
        self.stmt(s);
        self.out.push('\n');
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Val {
                mutable,
                lazy,
                pat,
                ty,
                init,
            } => {
                if *lazy {
                    self.out.push_str("lazy ");
                }
                self.out.push_str(if *mutable { "var " } else { "val " });
                self.out.push_str(&print_pattern(pat));
                if let Some(t) = ty {
                    self.out.push_str(&format!(": {}", print_type(t)));
                }
                self.out.push_str(" = ");
                self.expr(init);
            }
            StmtKind::Def {
                name,
                params,
                defaults,
                ret,
                body,
                ..
            } => {
                self.out.push_str(&format!("def {name}"));
                let mut at = 0;
                for list in params {
                    self.params(list, defaults.get(at..).unwrap_or(&[]));
                    at += list.len();
                }
                if let Some(t) = ret {
                    self.out.push_str(&format!(": {}", print_type(t)));
                }
                self.out.push_str(" = ");
                self.expr(body);
            }
            StmtKind::Assign { target, op, value } => {
                self.expr(target);
                let op = match op {
                    None => "=".to_string(),
                    Some(o) => format!("{}=", o.text()),
                };
                self.out.push_str(&format!(" {op} "));
                self.expr(value);
            }
            StmtKind::CaseClass {
                name,
                fields,
                defaults,
                methods,
                parents,
                parent_args,
                overriding,
                object,
                ..
            } => {
                if *object {
                    self.out.push_str(&format!("case object {name}"));
                } else {
                    self.out.push_str(&format!("case class {name}"));
                    let named: Vec<Param> = fields
                        .iter()
                        .map(|p| match overriding.contains(&p.name) {
                            true => Param {
                                name: format!("override val {}", p.name),
                                ..p.clone()
                            },
                            false => p.clone(),
                        })
                        .collect();
                    self.params(&named, defaults);
                }
                self.parents(parents, parent_args);
                if !methods.is_empty() {
                    self.out.push(' ');
                    self.block(methods);
                }
            }
            StmtKind::Class(c) => {
                self.out.push_str(&format!("class {}", c.name));
                let named: Vec<Param> = c
                    .params
                    .iter()
                    .enumerate()
                    .map(|(i, p)| {
                        let kw = match (c.mutable.get(i), c.public.get(i)) {
                            (Some(true), _) => "var ",
                            (_, Some(true)) => "val ",
                            _ => "",
                        };
                        Param {
                            name: format!("{kw}{}", p.name),
                            ..p.clone()
                        }
                    })
                    .collect();
                self.params(&named, &c.defaults);
                self.parents(&c.parents, &c.parent_args);
                if !c.body.is_empty() {
                    self.out.push(' ');
                    self.block(&c.body);
                }
            }
            StmtKind::Trait { name, .. } => self.out.push_str(&format!("sealed trait {name}")),
            StmtKind::Object(h) => {
                self.out.push_str(&format!("object {}", h.name));
                if !h.body.is_empty() {
                    self.out.push(' ');
                    self.block(&h.body);
                }
            }
            StmtKind::Import(i) => self.out.push_str(&format!("import {i}")),
            StmtKind::Expr(e) => self.expr(e),
        }
    }

    /// ` extends P(args) with T`: a class's parents, the arguments to the first.
    fn parents(&mut self, parents: &[String], args: &[Expr]) {
        for (i, p) in parents.iter().enumerate() {
            self.out
                .push_str(if i == 0 { " extends " } else { " with " });
            self.out.push_str(p);
            if i == 0 && !args.is_empty() {
                let args: Vec<String> = args.iter().map(print_expr).collect();
                self.out.push_str(&format!("({})", args.join(", ")));
            }
        }
    }

    /// `(a: A, b: B = default)`.
    fn params(&mut self, list: &[Param], defaults: &[Option<Expr>]) {
        self.out.push('(');
        for (i, p) in list.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            self.out.push_str(&p.name);
            if let Some(t) = &p.ty {
                self.out.push_str(&format!(": {}", print_type(t)));
            }
            if let Some(Some(d)) = defaults.get(i) {
                self.out.push_str(" = ");
                self.expr(d);
            }
        }
        self.out.push(')');
    }

    /// `e`, in parentheses when its precedence is below `min`.
    fn operand(&mut self, e: &Expr, min: u8) {
        if prec_of(e) < min {
            self.out.push('(');
            self.expr(e);
            self.out.push(')');
        } else {
            self.expr(e);
        }
    }

    /// A receiver of `.name`: anything but a simple expression or a non-negative literal
    /// goes in parentheses (`1.toString` would lex as a number).
    fn receiver(&mut self, e: &Expr) {
        let simple = prec_of(e) == 11
            && !matches!(
                e.kind,
                ExprKind::Lit(Lit::Int(_) | Lit::Long(_) | Lit::Double(_))
                    | ExprKind::Lambda { .. }
            )
            && !matches!(&e.kind, ExprKind::New { args, .. } if args.is_empty());
        if simple {
            self.expr(e);
        } else {
            self.out.push('(');
            self.expr(e);
            self.out.push(')');
        }
    }

    fn block(&mut self, stmts: &[Stmt]) {
        if stmts.is_empty() {
            self.out.push_str("{}");
            return;
        }
        self.out.push_str("{\n");
        self.indent += 1;
        for s in stmts {
            self.stmt_line(s);
        }
        self.indent -= 1;
        self.pad();
        self.out.push('}');
    }

    fn arg_lists(&mut self, lists: &[Vec<Expr>]) {
        for list in lists {
            match list.as_slice() {
                [one] if self.braced_arg(one) => {
                    self.out.push(' ');
                    self.expr(one);
                }
                _ => {
                    self.out.push('(');
                    for (i, a) in list.iter().enumerate() {
                        if i > 0 {
                            self.out.push_str(", ");
                        }
                        self.expr(a);
                    }
                    self.out.push(')');
                }
            }
        }
    }

    /// Arguments written `f { ... }`: a block, a `{ case ... }`, a lambda whose body is a block.
    fn braced_arg(&self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::CaseLambda(_) => true,
            ExprKind::Block(stmts) => !stmts.is_empty(),
            ExprKind::Lambda { params, body } => {
                !is_placeholder(params) && matches!(body.kind, ExprKind::Block(_))
            }
            _ => false,
        }
    }

    fn cases(&mut self, cases: &[Case]) {
        self.out.push_str("{\n");
        self.indent += 1;
        for c in cases {
            self.pad();
            self.out
                .push_str(&format!("case {}", print_pattern(&c.pat)));
            if let Some(g) = &c.guard {
                self.out.push_str(" if ");
                self.expr(g);
            }
            self.out.push_str(" =>");
            match &c.body.kind {
                // A block of one expression was written in braces; any other block is the
                // statements after `=>`.
                ExprKind::Block(stmts)
                    if !(stmts.len() == 1 && matches!(stmts[0].kind, StmtKind::Expr(_))) =>
                {
                    self.out.push('\n');
                    self.indent += 1;
                    for s in stmts {
                        self.stmt_line(s);
                    }
                    self.indent -= 1;
                }
                _ => {
                    self.out.push(' ');
                    self.expr(&c.body);
                    self.out.push('\n');
                }
            }
        }
        self.indent -= 1;
        self.pad();
        self.out.push('}');
    }

    fn hole(&self, name: &str) -> Option<Option<TypeRef>> {
        let ps = self.holes.last()?;
        ps.iter().find(|p| p.name == name).map(|p| p.ty.clone())
    }

    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Lit(l) => self.out.push_str(&lit(l)),
            ExprKind::Ident(n) => match self.hole(n) {
                Some(None) => self.out.push('_'),
                Some(Some(t)) => self.out.push_str(&format!("(_: {})", print_type(&t))),
                None => self.out.push_str(n),
            },
            ExprKind::Field { recv, name, .. } => {
                self.receiver(recv);
                self.out.push('.');
                self.out.push_str(name);
            }
            ExprKind::MethodCall {
                recv,
                name,
                targs,
                args,
                ..
            } => {
                if infix_name(name) && targs.is_empty() && args.len() == 1 && args[0].len() == 1 {
                    self.operand(recv, 1);
                    self.out.push_str(&format!(" {name} "));
                    self.operand(&args[0][0], 2);
                    return;
                }
                self.receiver(recv);
                self.out.push('.');
                self.out.push_str(name);
                self.targs(targs);
                self.arg_lists(args);
            }
            ExprKind::Apply { func, targs, args } => {
                if matches!(
                    func.kind,
                    ExprKind::Ident(_) | ExprKind::Apply { .. } | ExprKind::Tuple(_)
                ) || matches!(func.kind, ExprKind::Lit(Lit::Str(_)))
                {
                    self.expr(func);
                } else {
                    self.out.push('(');
                    self.expr(func);
                    self.out.push(')');
                }
                self.targs(targs);
                self.arg_lists(args);
            }
            ExprKind::New { class, args } => {
                self.out.push_str(&format!("new {}", print_type(class)));
                for list in args {
                    self.out.push('(');
                    for (i, a) in list.iter().enumerate() {
                        if i > 0 {
                            self.out.push_str(", ");
                        }
                        self.expr(a);
                    }
                    self.out.push(')');
                }
            }
            ExprKind::Tuple(items) => {
                self.out.push('(');
                for (i, a) in items.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(", ");
                    }
                    self.expr(a);
                }
                self.out.push(')');
            }
            ExprKind::Block(stmts) => self.block(stmts),
            ExprKind::Binary { op, lhs, rhs, .. } => {
                let text = op.text();
                let p = op_prec(text);
                let right = text.ends_with(':');
                self.operand(lhs, if right { p + 1 } else { p });
                self.out.push_str(&format!(" {text} "));
                self.operand(rhs, if right { p } else { p + 1 });
            }
            ExprKind::Unary { op, expr } => {
                self.out.push(match op {
                    UnOp::Not => '!',
                    UnOp::Neg => '-',
                    UnOp::BitNot => '~',
                });
                let lit_num = matches!(
                    expr.kind,
                    ExprKind::Lit(Lit::Int(_) | Lit::Long(_) | Lit::Double(_))
                );
                if lit_num || prec_of(expr) < 11 {
                    self.out.push('(');
                    self.expr(expr);
                    self.out.push(')');
                } else {
                    self.expr(expr);
                }
            }
            ExprKind::Lambda { params, body } if is_placeholder(params) => {
                self.holes.push(params.clone());
                self.expr(body);
                self.holes.pop();
            }
            ExprKind::Lambda { params, body } => {
                let block_body = matches!(body.kind, ExprKind::Block(_));
                let head = match params.as_slice() {
                    [p] if p.ty.is_none() => p.name.clone(),
                    _ => {
                        let saved = std::mem::take(&mut self.out);
                        self.params(params, &[]);
                        std::mem::replace(&mut self.out, saved)
                    }
                };
                // Placeholders of an outer lambda do not reach into this one.
                self.holes.push(Vec::new());
                match (&body.kind, block_body) {
                    (ExprKind::Block(stmts), true) if !stmts.is_empty() => {
                        self.out.push_str(&format!("{{ {head} =>\n"));
                        self.indent += 1;
                        for s in stmts {
                            self.stmt_line(s);
                        }
                        self.indent -= 1;
                        self.pad();
                        self.out.push('}');
                    }
                    _ => {
                        self.out.push_str(&format!("{head} => "));
                        self.expr(body);
                    }
                }
                self.holes.pop();
            }
            ExprKind::CaseLambda(cases) => self.cases(cases),
            ExprKind::If { cond, then, else_ } => {
                self.out.push_str("if (");
                self.expr(cond);
                self.out.push_str(") ");
                self.expr(then);
                if let Some(x) = else_ {
                    self.out.push_str(" else ");
                    self.expr(x);
                }
            }
            ExprKind::Match { scrutinee, cases } => {
                self.operand(scrutinee, 2);
                self.out.push_str(" match ");
                self.cases(cases);
            }
            ExprKind::Interpolated {
                interpolator,
                parts,
            } => {
                self.out.push_str(interpolator);
                self.out.push('"');
                let raw = interpolator == "raw";
                for (i, part) in parts.iter().enumerate() {
                    match part {
                        InterpPart::Text(t) => {
                            let t = t.replace('$', "$$");
                            if raw {
                                self.out.push_str(&t);
                            } else {
                                self.out.push_str(&escape(&t, '"'));
                            }
                        }
                        InterpPart::Expr(x) => {
                            let next_is_word = matches!(
                                parts.get(i + 1),
                                Some(InterpPart::Text(t))
                                    if t.starts_with(|c: char| c.is_alphanumeric() || c == '_')
                            );
                            match &x.kind {
                                ExprKind::Ident(n) if !next_is_word && self.hole(n).is_none() => {
                                    self.out.push('$');
                                    self.out.push_str(n);
                                }
                                _ => {
                                    self.out.push_str("${");
                                    self.expr(x);
                                    self.out.push('}');
                                }
                            }
                        }
                    }
                }
                self.out.push('"');
            }
            ExprKind::Ascribe(x, t) => {
                self.operand(x, 11);
                self.out.push_str(&format!(": {}", print_type(t)));
            }
            ExprKind::While { cond, body } => {
                self.out.push_str("while (");
                self.expr(cond);
                self.out.push_str(") ");
                self.expr(body);
            }
            ExprKind::For {
                gens,
                is_yield,
                body,
            } => {
                self.out.push_str("for (");
                for (i, (p, coll, guard)) in gens.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str("; ");
                    }
                    self.out.push_str(&format!("{} <- ", print_pattern(p)));
                    self.expr(coll);
                    if let Some(g) = guard {
                        self.out.push_str(" if ");
                        self.expr(g);
                    }
                }
                self.out.push_str(if *is_yield { ") yield " } else { ") " });
                self.expr(body);
            }
            ExprKind::Return(x) => {
                self.out.push_str("return");
                if let Some(x) = x {
                    self.out.push(' ');
                    self.expr(x);
                }
            }
            ExprKind::Throw(x) => {
                self.out.push_str("throw ");
                self.expr(x);
            }
            ExprKind::Try {
                body,
                cases,
                finally,
            } => {
                self.out.push_str("try ");
                self.expr(body);
                if !cases.is_empty() {
                    self.out.push_str(" catch ");
                    self.cases(cases);
                }
                if let Some(f) = finally {
                    self.out.push_str(" finally ");
                    self.expr(f);
                }
            }
            ExprKind::Error => self.out.push_str("???"),
        }
    }

    fn targs(&mut self, targs: &[TypeRef]) {
        if !targs.is_empty() {
            self.out.push_str(&format!(
                "[{}]",
                targs.iter().map(print_type).collect::<Vec<_>>().join(", ")
            ));
        }
    }
}
