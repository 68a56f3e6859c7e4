//! The parser of the Scala subset: recursive descent for statements, precedence climbing for
//! infix operators, and Scala's newline rules approximated from each token's `nl_before`.
//!
//! It never panics and always returns a tree: on an error it reports a [`Diagnostic`], puts an
//! `ExprKind::Error` in place, skips to the next statement boundary and goes on, so one run
//! reports every problem. Placeholder syntax (`_ + _`) is desugared here into `Lambda`s with
//! parameters `x$1`, `x$2`, ..., bound by the smallest enclosing `Expr` that properly contains
//! it, numbered across the file as scalac numbers them (Java's `NullPointerException` messages
//! name them so).

use super::ast::*;
use super::diag::Diagnostic;
use super::lexer::{lex, lex_range, RawPart, Tok, Token};

/// Deeper nesting than this is reported instead of risking the stack.
/// Unoptimised builds use several times more stack per level, so they stop earlier.
const MAX_DEPTH: u32 = if cfg!(debug_assertions) { 100 } else { 200 };

/// Parse a whole program. Never panics; returns the tree and every problem found, including
/// the static checks of [`super::check`] (unknown methods on Spark's types).
pub fn parse(src: &str) -> (SourceFile, Vec<Diagnostic>) {
    let (toks, lex_diags) = lex(src);
    let declared = declared_names(&toks);
    let mut p = Parser::new(src, toks);
    let file = p.file();
    let mut diags = lex_diags;
    diags.extend(p.diags);
    let recovered = !diags.is_empty();
    diags.extend(super::check::check(&file, src).into_iter().filter(|d| {
        // Where the parser skipped text, a definition may be lost with it: a name the text
        // declares somewhere is then not reported as undefined.
        !(recovered
            && d.kind == "unknown_name"
            && d.args.first().is_some_and(|n| declared.contains(n)))
    }));
    crate::sort::sort_by_key(&mut diags, |d| d.span.start);
    (file, diags)
}

/// The names the tokens seem to declare: after `val`, `var`, `def` or `case`, or before
/// `=>`, `<-`, `:`, `,` or `)` (parameters and patterns). Used only when the parser had to
/// skip text.
fn declared_names(toks: &[Token]) -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    for (i, t) in toks.iter().enumerate() {
        let Tok::Ident(n) = &t.tok else { continue };
        let after_kw = i > 0
            && matches!(&toks[i - 1].tok, Tok::Ident(k) if matches!(k.as_str(), "val" | "var" | "def" | "case"));
        let before = match toks.get(i + 1).map(|t| &t.tok) {
            Some(Tok::Op(o)) => matches!(o.as_str(), "=>" | "<-" | ":"),
            Some(Tok::Punct(p)) => matches!(p, b',' | b')'),
            _ => false,
        };
        if after_kw || before {
            out.insert(n.clone());
        }
    }
    out
}

struct Parser<'a> {
    src: &'a str,
    toks: Vec<Token>,
    pos: usize,
    diags: Vec<Diagnostic>,
    /// Whether newlines end statements here: `false` inside `(...)` and `[...]`.
    nl: Vec<bool>,
    /// Placeholder parameters met in each enclosing `Expr`.
    holes: Vec<Vec<Param>>,
    /// scalac's count of the names it makes up while parsing (`x$1`, `x$2`...: placeholder
    /// parameters, the value a `val (a, b) = ...` matches, a `for` generator's pattern
    /// closure), one count for the whole file: Java's `NullPointerException` messages name a
    /// placeholder parameter by it (`because "x$3" is null`).
    fresh: u32,
    depth: u32,
    /// An error was reported and the parser has not yet resynchronised: stay quiet.
    recovering: bool,
    /// Inside a `def`'s body (`main`'s too): definitions here are local to a method.
    def_depth: u32,
    /// Parsing a plain `class`'s parameters (`var` fields allowed).
    plain_class: bool,
    /// In a class's body: a `def` may be abstract (no `=` and no body).
    abstract_members: bool,
    /// Anonymous classes so far (scalac numbers them `P$$anon$1`, `P$$anon$2`... in order).
    anonymous: u32,
    /// For each field parameter parsed: 0 plain, 1 `val`, 2 `var`.
    field_kinds: Vec<u8>,
    /// The fields of the case class being read that are written `override val`.
    overriding: Vec<String>,
    /// `case object`s at the top of the file: local to `main` if the file is a bare body.
    top_case_objects: Vec<Span>,
    /// `type Name = T` aliases met so far: a later `Name` in a type is `T`.
    aliases: Vec<(String, TypeRef)>,
}

/// Why a `case object` inside `main` is refused: what Spark does with a task that uses it.
const LOCAL_CASE_OBJECT: &str = "a `case object` inside `main` (a local object: a task that uses \
     it fails on Spark with `Task not serializable`, as its closure then holds the enclosing \
     object); define it outside `main`, in a whole program's `object` or at the top of the file";

/// `N` of `TupleN`.
fn tuple_arity(name: &str) -> Option<usize> {
    let n: usize = name.strip_prefix("Tuple")?.parse().ok()?;
    (2..=22).contains(&n).then_some(n)
}

fn is_keyword(s: &str) -> bool {
    matches!(
        s,
        "abstract"
            | "case"
            | "catch"
            | "class"
            | "def"
            | "do"
            | "else"
            | "extends"
            | "false"
            | "final"
            | "finally"
            | "for"
            | "forSome"
            | "if"
            | "implicit"
            | "import"
            | "lazy"
            | "match"
            | "new"
            | "null"
            | "object"
            | "override"
            | "package"
            | "private"
            | "protected"
            | "return"
            | "sealed"
            | "super"
            | "this"
            | "throw"
            | "trait"
            | "true"
            | "try"
            | "type"
            | "val"
            | "var"
            | "while"
            | "with"
            | "yield"
    )
}

/// Operators that are not infix operators in expressions.
fn is_reserved_op(s: &str) -> bool {
    matches!(s, "=" | "=>" | "<-" | ":" | "#" | "@" | "<:" | ">:" | "<%")
}

/// `+=`-style assignment operators (and `=`).
fn is_assign_op(s: &str) -> bool {
    s == "="
        || (s.ends_with('=')
            && !s.starts_with('=')
            && !matches!(s, "<=" | ">=" | "!=")
            && s.len() > 1)
}

/// Scala's infix precedence, by the operator's first character (higher binds tighter).
fn precedence(op: &str) -> u8 {
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

fn bin_op(op: &str) -> Option<BinOp> {
    Some(match op {
        "+" => BinOp::Add,
        "-" => BinOp::Sub,
        "*" => BinOp::Mul,
        "/" => BinOp::Div,
        "%" => BinOp::Rem,
        "==" => BinOp::Eq,
        "!=" => BinOp::Ne,
        "<" => BinOp::Lt,
        "<=" => BinOp::Le,
        ">" => BinOp::Gt,
        ">=" => BinOp::Ge,
        "&&" => BinOp::And,
        "||" => BinOp::Or,
        "&" => BinOp::BitAnd,
        "|" => BinOp::BitOr,
        "^" => BinOp::BitXor,
        "<<" => BinOp::Shl,
        ">>" => BinOp::Shr,
        ">>>" => BinOp::UShr,
        "++" => BinOp::Concat,
        "::" => BinOp::Cons,
        "->" => BinOp::Arrow,
        _ => return None,
    })
}

/// `lhs op rhs`: a `Binary` for the known operators, else a method call (on `rhs` when
/// the operator ends in `:`).
fn binary(lhs: Expr, op: String, op_span: Span, rhs: Expr) -> Expr {
    let span = lhs.span.to(rhs.span);
    let kind = match bin_op(&op) {
        Some(b) => ExprKind::Binary {
            op: b,
            op_span,
            lhs: Box::new(lhs),
            rhs: Box::new(rhs),
        },
        None => {
            let (recv, arg) = if op.ends_with(':') {
                (rhs, lhs)
            } else {
                (lhs, rhs)
            };
            ExprKind::MethodCall {
                recv: Box::new(recv),
                name: op,
                name_span: op_span,
                targs: vec![],
                args: vec![vec![arg]],
            }
        }
    };
    Expr::new(kind, span)
}

fn describe(t: &Tok) -> String {
    match t {
        Tok::Ident(s) | Tok::Op(s) => format!("`{s}`"),
        Tok::Punct(c) => format!("`{}`", *c as char),
        Tok::Int(_) | Tok::Long(_) | Tok::Double(_) => "a number".into(),
        Tok::Char(_) => "a character literal".into(),
        Tok::Str(_) | Tok::Interp { .. } => "a string literal".into(),
        Tok::Eof => "end of program".into(),
    }
}

fn unit_type(span: Span) -> TypeRef {
    TypeRef::Named {
        name: "Unit".into(),
        args: vec![],
        span,
    }
}

impl<'a> Parser<'a> {
    fn new(src: &'a str, toks: Vec<Token>) -> Self {
        Parser {
            src,
            toks,
            pos: 0,
            diags: Vec::new(),
            nl: vec![true],
            holes: Vec::new(),
            fresh: 0,
            depth: 0,
            recovering: false,
            def_depth: 0,
            plain_class: false,
            abstract_members: false,
            anonymous: 0,
            field_kinds: Vec::new(),
            overriding: Vec::new(),
            top_case_objects: Vec::new(),
            aliases: Vec::new(),
        }
    }

    // ---- token helpers ----

    fn token(&self) -> &Token {
        &self.toks[self.pos.min(self.toks.len() - 1)]
    }

    fn tok(&self) -> &Tok {
        &self.token().tok
    }

    fn peek_at(&self, k: usize) -> &Tok {
        &self.toks[(self.pos + k).min(self.toks.len() - 1)].tok
    }

    fn span(&self) -> Span {
        self.token().span
    }

    fn prev_end(&self) -> u32 {
        match self.pos {
            0 => 0,
            p => self.toks[(p - 1).min(self.toks.len() - 1)].span.end,
        }
    }

    /// The span from `start` to the end of the last consumed token.
    fn since(&self, start: u32) -> Span {
        Span {
            start,
            end: self.prev_end().max(start),
        }
    }

    fn bump(&mut self) -> Token {
        let t = self.token().clone();
        if self.pos < self.toks.len() - 1 {
            self.pos += 1;
        }
        t
    }

    fn at_eof(&self) -> bool {
        matches!(self.tok(), Tok::Eof)
    }

    fn at_p(&self, c: u8) -> bool {
        *self.tok() == Tok::Punct(c)
    }

    fn at_op(&self, s: &str) -> bool {
        matches!(self.tok(), Tok::Op(o) if o == s)
    }

    fn at_kw(&self, s: &str) -> bool {
        matches!(self.tok(), Tok::Ident(o) if o == s)
    }

    fn eat_p(&mut self, c: u8) -> bool {
        let hit = self.at_p(c);
        if hit {
            self.bump();
        }
        hit
    }

    fn eat_op(&mut self, s: &str) -> bool {
        let hit = self.at_op(s);
        if hit {
            self.bump();
        }
        hit
    }

    fn eat_kw(&mut self, s: &str) -> bool {
        let hit = self.at_kw(s);
        if hit {
            self.bump();
        }
        hit
    }

    /// A newline before the current token ends the statement here.
    fn nl_here(&self) -> bool {
        self.token().nl_before && self.nl.last().copied().unwrap_or(true)
    }

    /// The current token cannot start a statement, so a newline before it does not end one.
    fn continues_line(&self) -> bool {
        match self.tok() {
            Tok::Punct(c) => matches!(c, b'.' | b')' | b']' | b'}' | b',' | b';'),
            Tok::Ident(s) => matches!(
                s.as_str(),
                "else" | "match" | "catch" | "finally" | "yield" | "with" | "extends"
            ),
            Tok::Op(s) => !matches!(s.as_str(), "-" | "!" | "~" | "+" | "<"),
            _ => false,
        }
    }

    /// A `{` on the line after an expression (no blank line between) is its argument, as
    /// scalac reads it: `xs.map(f)` then `{ ... }` on the next line is `xs.map(f)({ ... })`.
    fn brace_continues(&self) -> bool {
        self.at_p(b'{') && !self.token().blank_before
    }

    /// A newline before the current token ends the expression being parsed.
    fn line_ends(&self) -> bool {
        self.nl_here() && !self.continues_line()
    }

    // ---- diagnostics ----

    fn err(&mut self, span: Span, kind: &'static str, args: Vec<String>) {
        if !self.recovering {
            self.diags.push(Diagnostic::error(span, kind, args));
        }
        self.recovering = true;
    }

    fn expected(&mut self, what: &str) {
        let span = self.span();
        if self.at_eof() {
            self.err(span, "unexpected_eof", vec![what.into()]);
        } else {
            let found = describe(self.tok());
            self.err(span, "unexpected_token", vec![what.into(), found]);
        }
    }

    fn unsupported(&mut self, span: Span, what: &str) {
        self.err(span, "unsupported", vec![what.into()]);
    }

    fn expect_p(&mut self, c: u8) -> bool {
        if self.eat_p(c) {
            return true;
        }
        self.expected(&format!("`{}`", c as char));
        false
    }

    fn error_expr(&self, span: Span) -> Expr {
        Expr::new(ExprKind::Error, span)
    }

    /// Skip to the next statement boundary (`;`, a new line, or an unmatched `}`).
    fn skip_stmt(&mut self) {
        let mut depth = 0u32;
        let mut first = true;
        loop {
            match self.tok() {
                Tok::Eof => return,
                Tok::Punct(b'(' | b'[' | b'{') => depth += 1,
                Tok::Punct(b')' | b']') => depth = depth.saturating_sub(1),
                Tok::Punct(b'}') if depth == 0 => return,
                Tok::Punct(b'}') => depth -= 1,
                Tok::Punct(b';') if depth == 0 => return,
                _ if depth == 0 && !first && self.token().nl_before && !self.continues_line() => {
                    return
                }
                _ => {}
            }
            first = false;
            self.bump();
        }
    }

    /// Skip to the `close` that ends the current bracket (not consuming it).
    fn skip_to_close(&mut self, close: u8) {
        let mut depth = 0u32;
        loop {
            match self.tok() {
                Tok::Eof => return,
                Tok::Punct(c) if *c == close && depth == 0 => return,
                Tok::Punct(b'}') if depth == 0 => return,
                Tok::Punct(b'(' | b'[' | b'{') => depth += 1,
                Tok::Punct(b')' | b']' | b'}') => depth = depth.saturating_sub(1),
                _ => {}
            }
            self.bump();
        }
    }

    /// Close a bracket: consume `close`, or report and skip to it.
    fn close(&mut self, close: u8) {
        if !self.eat_p(close) {
            self.expected(&format!("`{}`", close as char));
            self.skip_to_close(close);
            self.eat_p(close);
        }
    }

    /// Go one level deeper; false (after reporting) when nesting is too deep.
    fn enter(&mut self) -> bool {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.depth -= 1;
            let span = self.span();
            if !self
                .diags
                .iter()
                .any(|d| d.args.first().is_some_and(|a| a.starts_with("nesting")))
            {
                self.recovering = false;
                self.unsupported(span, &format!("nesting deeper than {MAX_DEPTH} levels"));
            }
            // Give up on the rest: every caller unwinds at end of input.
            self.pos = self.toks.len() - 1;
            return false;
        }
        true
    }

    // ---- files ----

    fn file(&mut self) -> SourceFile {
        let mut f = SourceFile::default();
        while self.eat_p(b';') {}
        if self.eat_kw("package") {
            let start = self.span().start;
            self.qual_name();
            let span = self.since(start);
            f.package = Some(self.src[span.start as usize..span.end as usize].into());
        }
        let mut objects = Vec::new();
        let mut stmts = Vec::new();
        loop {
            stmts.extend(self.stmts_until_close(&mut |p, _| {
                if p.at_kw("import") {
                    let (text, span) = p.import();
                    f.imports.push((text, span));
                    return true;
                }
                if p.at_kw("object") {
                    objects.push(p.object());
                    return true;
                }
                false
            }));
            if self.at_eof() {
                break;
            }
            // A stray `}` at top level.
            self.expected("a statement");
            self.bump();
            self.recovering = false;
        }
        // A bare body (statements outside any object) is `main`'s.
        let bare = !stmts.is_empty();
        f.body.extend(stmts);
        // The program's object is the one with `main` (or `extends App`), else the first when
        // there is no bare body; any other is a helper object its code calls
        // (`Utils.clean(s)`), as every object beside a bare body is.
        let at = objects
            .iter()
            .position(|o| o.main.is_some() || o.app)
            .or((!bare).then_some(0));
        let mut main = None;
        for (i, o) in objects.into_iter().enumerate() {
            f.imports.extend(o.imports);
            if Some(i) == at {
                f.app = o.app && o.main.is_none();
                f.object_name = o.name;
                f.object_defs.extend(o.defs);
                // Object-level vals (and any other statements) initialise before `main` runs.
                f.body.extend(o.stmts);
                main = o.main;
            } else {
                let mut body = o.defs;
                body.extend(o.stmts);
                f.helpers.push(HelperObject {
                    name: o.name.unwrap_or_default(),
                    body,
                });
            }
        }
        if let Some(m) = main {
            f.statics = f.body.len();
            f.body.extend(m);
        }
        if f.object_name.is_none() {
            // A bare body is `main`'s.
            for span in std::mem::take(&mut self.top_case_objects) {
                self.unsupported(span, LOCAL_CASE_OBJECT);
            }
        }
        f
    }

    /// Run the statement loop of a block until `}` (or `case`, if `cases`) or end of input.
    /// `hook` may take a statement itself (returning true); else it is pushed to the result.
    fn stmts_until_close(
        &mut self,
        hook: &mut dyn FnMut(&mut Self, &mut Vec<Stmt>) -> bool,
    ) -> Vec<Stmt> {
        self.block_loop(false, hook)
    }

    fn block_loop(
        &mut self,
        cases: bool,
        hook: &mut dyn FnMut(&mut Self, &mut Vec<Stmt>) -> bool,
    ) -> Vec<Stmt> {
        let mut out = Vec::new();
        self.nl.push(true);
        loop {
            while self.eat_p(b';') {}
            if self.at_eof()
                || self.at_p(b'}')
                || (cases
                    && self.at_kw("case")
                    && !matches!(self.peek_at(1), Tok::Ident(s) if s == "class" || s == "object"))
            {
                break;
            }
            let before = self.pos;
            self.modifiers();
            if !hook(self, &mut out) {
                let s = self.stmt();
                out.push(s);
            }
            let ended = self.at_p(b';') || self.at_p(b'}') || self.at_eof();
            let next_case = cases && self.at_kw("case");
            if !(ended || next_case || self.token().nl_before) {
                self.expected("`;` or a new line");
                self.skip_stmt();
            }
            if self.pos == before {
                self.bump();
            }
            self.recovering = false;
        }
        self.nl.pop();
        out
    }

    /// Skip access modifiers and annotations (`@volatile`, `@transient`, `@tailrec`,
    /// `@deprecated("...")`), which change nothing here: one thread runs the program, and
    /// what a task gets is decided by what its function uses.
    fn modifiers(&mut self) {
        loop {
            if self.at_op("@") && matches!(self.peek_at(1), Tok::Ident(_)) {
                self.bump();
                self.qual_name();
                if self.at_p(b'(') && !self.nl_here() {
                    self.bump();
                    self.skip_to_close(b')');
                    self.eat_p(b')');
                }
                continue;
            }
            if !["private", "protected", "final", "override"]
                .iter()
                .any(|m| self.at_kw(m))
            {
                break;
            }
            self.bump();
            if self.at_p(b'[') && !self.nl_here() {
                self.bump();
                self.skip_to_close(b']');
                self.eat_p(b']');
            }
        }
    }

    fn qual_name(&mut self) -> String {
        let mut name = String::new();
        loop {
            match self.tok().clone() {
                Tok::Ident(s) => {
                    self.bump();
                    name.push_str(&s);
                }
                _ => {
                    self.expected("a name");
                    return name;
                }
            }
            if self.at_p(b'.') && matches!(self.peek_at(1), Tok::Ident(_)) {
                self.bump();
                name.push('.');
            } else {
                return name;
            }
        }
    }

    /// `import ...`: the text after `import`, up to the end of the line.
    fn import(&mut self) -> (String, Span) {
        self.bump();
        let start = self.span().start;
        let mut depth = 0u32;
        loop {
            match self.tok() {
                Tok::Eof => break,
                Tok::Punct(b'{') => depth += 1,
                Tok::Punct(b'}') if depth == 0 => break,
                Tok::Punct(b'}') => depth -= 1,
                Tok::Punct(b';') if depth == 0 => break,
                _ if depth == 0 && self.token().nl_before && self.prev_end() > start => break,
                _ => {}
            }
            self.bump();
        }
        let span = self.since(start);
        if span.start == span.end {
            self.expected("an import path");
        }
        (
            self.src[span.start as usize..span.end as usize].to_string(),
            span,
        )
    }

    /// `object X [extends App] { members }`.
    fn object(&mut self) -> ParsedObject {
        self.bump();
        let mut o = ParsedObject::default();
        if let Tok::Ident(name) = self.tok().clone() {
            self.bump();
            o.name = Some(name);
        } else {
            self.expected("an object name");
        }
        if self.eat_kw("extends") {
            let start = self.span().start;
            let t = self.ty();
            o.app = matches!(&t, TypeRef::Named { name, .. } if name == "App");
            let serializable = matches!(&t, TypeRef::Named { name, .. } if name == "Serializable");
            if !o.app && !serializable {
                self.unsupported(
                    self.since(start),
                    "objects extending a class other than `App`",
                );
            }
            while self.eat_kw("with") {
                self.ty();
            }
        }
        if !self.expect_p(b'{') {
            self.skip_stmt();
            return o;
        }
        let (mut imports, mut defs, mut found_main) = (Vec::new(), Vec::new(), None);
        o.stmts = self.stmts_until_close(&mut |p, _| {
            if p.at_kw("import") {
                imports.push(p.import());
                return true;
            }
            if p.at_kw("def") {
                let s = p.def();
                match &s.kind {
                    StmtKind::Def { name, body, .. } if name == "main" && found_main.is_none() => {
                        found_main = Some(match &body.kind {
                            ExprKind::Block(b) => b.clone(),
                            _ => vec![Stmt {
                                span: body.span,
                                kind: StmtKind::Expr(body.clone()),
                            }],
                        });
                    }
                    _ => defs.push(s),
                }
                return true;
            }
            false
        });
        self.close(b'}');
        (o.imports, o.defs, o.main) = (imports, defs, found_main);
        o
    }

    /// `object Name { ... }` in a block: its members as a helper object's.
    fn local_object(&mut self) -> StmtKind {
        let at = self.span();
        let o = self.object();
        if o.app || o.main.is_some() || !o.imports.is_empty() {
            self.unsupported(
                at,
                "an `object` in a block with `main`, `extends App` or imports",
            );
        }
        let mut body = o.defs;
        body.extend(o.stmts);
        StmtKind::Object(std::rc::Rc::new(HelperObject {
            name: o.name.unwrap_or_default(),
            body,
        }))
    }

    // ---- statements ----

    fn stmt(&mut self) -> Stmt {
        let start = self.span().start;
        let kind = if self.at_kw("import") {
            StmtKind::Import(self.import().0)
        } else if self.at_kw("def") {
            return self.def();
        } else if self.at_kw("case")
            && matches!(self.peek_at(1), Tok::Ident(s) if s == "class" || s == "object")
        {
            self.case_class()
        } else if let Some(kind) = self.marker_trait() {
            kind
        } else if self.at_kw("object") {
            self.local_object()
        } else if self.at_kw("class") {
            self.plain_class(false)
        } else if self.at_kw("sealed") && matches!(self.peek_at(1), Tok::Ident(k) if k == "class") {
            // `sealed` only limits where subclasses may be written: one file always does.
            self.bump();
            self.plain_class(false)
        } else if self.at_class_with_members() {
            // A class or trait with members (one without is `marker_trait`'s); `sealed` only
            // limits where subclasses may be written, which one file always satisfies.
            while self.at_kw("abstract") || self.at_kw("sealed") {
                self.bump();
            }
            self.plain_class(true)
        } else if self.at_kw("lazy") && matches!(self.peek_at(1), Tok::Ident(v) if v == "val") {
            self.bump();
            match self.val() {
                StmtKind::Val {
                    mutable,
                    pat: pat @ Pattern::Bind(..),
                    ty,
                    init,
                    ..
                } => StmtKind::Val {
                    mutable,
                    lazy: true,
                    pat,
                    ty,
                    init,
                },
                other => {
                    self.unsupported(self.since(start), "a `lazy val` with a pattern");
                    other
                }
            }
        } else if let Some(kind) = self.type_alias() {
            kind
        } else if self.unsupported_def() {
            StmtKind::Expr(self.error_expr(self.since(start)))
        } else if self.at_kw("val") || self.at_kw("var") {
            self.val()
        } else {
            self.expr_stmt()
        };
        Stmt {
            kind,
            span: self.since(start),
        }
    }

    /// Report and skip definitions the playground does not run; false if not at one.
    fn unsupported_def(&mut self) -> bool {
        let Tok::Ident(k) = self.tok() else {
            return false;
        };
        let what = match k.as_str() {
            "lazy" => {
                self.unsupported(self.span(), "`lazy` here (only `lazy val name = ...`)");
                self.bump();
                return false;
            }
            "implicit" => "`implicit` definitions",
            "class" | "abstract" | "sealed" => "`class` definitions",
            "trait" => "`trait` definitions",
            "type" => "`type` aliases with type parameters",
            "package" => "`package` here",
            _ => return false,
        };
        self.unsupported(self.span(), what);
        self.skip_stmt();
        true
    }

    fn val(&mut self) -> StmtKind {
        let mutable = self.bump().tok == Tok::Ident("var".into());
        // `val Name = ...` binds even when capitalised (unlike a `case` pattern).
        let pat = match self.tok() {
            Tok::Ident(n)
                if !is_keyword(n)
                    && n != "_"
                    && !matches!(self.peek_at(1), Tok::Punct(b'(' | b'.')) =>
            {
                let n = n.clone();
                Pattern::Bind(n, self.bump().span)
            }
            _ => self.simple_pattern(),
        };
        let ty = if self.eat_op(":") {
            Some(self.ty())
        } else {
            None
        };
        let init = if self.eat_op("=") {
            if self.at_kw("_") && mutable {
                self.unsupported(self.span(), "`var x: T = _`");
                self.bump();
                self.error_expr(self.since(self.prev_end() - 1))
            } else {
                self.expr()
            }
        } else {
            self.expected("`=`");
            self.error_expr(self.span())
        };
        if pat.bound_count() > 1 {
            // scalac matches the value once, into a made-up name (see `fresh`).
            self.fresh_name();
        }
        StmtKind::Val {
            mutable,
            lazy: false,
            pat,
            ty,
            init,
        }
    }

    fn def(&mut self) -> Stmt {
        let start = self.bump().span.start;
        let (name, name_span) = match self.tok().clone() {
            Tok::Ident(n) | Tok::Op(n) if !is_keyword(&n) => {
                let s = self.bump().span;
                (n, s)
            }
            _ => {
                self.expected("a function name");
                (String::new(), self.span())
            }
        };
        if self.at_p(b'[') {
            self.type_args();
        }
        let mut params = Vec::new();
        let mut defaults = Vec::new();
        while self.at_p(b'(') {
            let (list, d): (Vec<Param>, Vec<Option<Expr>>) =
                self.param_list(true, false).into_iter().unzip();
            params.push(list);
            defaults.extend(d);
        }
        if defaults.iter().all(Option::is_none) {
            defaults.clear();
        }
        let ret = if self.eat_op(":") {
            Some(self.ty())
        } else {
            None
        };
        self.def_depth += 1;
        let (ret, body) = if self.eat_op("=") {
            (ret, self.expr())
        } else if self.at_p(b'{') && ret.is_none() {
            // Procedure syntax: `def f(...) { ... }` returns Unit.
            let s = self.span();
            (
                Some(unit_type(Span::new(s.start as usize, s.start as usize))),
                self.expr(),
            )
        } else if self.abstract_members && ret.is_some() {
            // `def area: Double` in a class's body: abstract, a subclass defines it.
            (ret, Expr::new(ExprKind::Error, self.since(start)))
        } else {
            self.expected("`=`");
            (ret, self.error_expr(self.span()))
        };
        self.def_depth -= 1;
        Stmt {
            kind: StmtKind::Def {
                name,
                name_span,
                params,
                defaults,
                ret,
                body,
            },
            span: self.since(start),
        }
    }

    /// `(a: A, b: B)` for a `def` (types required) or a lambda (types optional).
    fn params(&mut self, is_def: bool) -> Vec<Param> {
        self.param_list(is_def, false)
            .into_iter()
            .map(|(p, _)| p)
            .collect()
    }

    /// A parameter list; a case class's `fields` may start with `val` and have defaults (a
    /// `def`'s default is refused).
    fn param_list(&mut self, is_def: bool, fields: bool) -> Vec<(Param, Option<Expr>)> {
        self.bump();
        self.nl.push(false);
        let mut out = Vec::new();
        if self.at_kw("implicit") {
            self.unsupported(self.span(), "implicit parameters");
            self.bump();
        }
        while !self.at_p(b')') && !self.at_eof() {
            let start = self.span().start;
            let mut kind = 0;
            // `override val kind: String`: a field that overrides a parent's member.
            if fields
                && self.at_kw("override")
                && matches!(self.peek_at(1), Tok::Ident(k) if k == "val" || k == "var")
            {
                self.bump();
                if let Tok::Ident(n) = self.peek_at(1).clone() {
                    self.overriding.push(n);
                }
            }
            if fields && self.at_kw("var") {
                if !self.plain_class {
                    self.unsupported(self.span(), "`var` fields of a case class");
                }
                self.bump();
                kind = 2;
            } else if fields && self.at_kw("val") {
                self.bump();
                kind = 1;
            }
            if fields {
                self.field_kinds.push(kind);
            }
            let name = match self.tok().clone() {
                Tok::Ident(n) if !is_keyword(&n) => {
                    self.bump();
                    n
                }
                _ => {
                    self.expected("a parameter name");
                    break;
                }
            };
            let ty = if self.eat_op(":") {
                if self.eat_op("=>") {
                    // By-name parameter: keep the type.
                }
                let t = self.ty();
                if is_def && self.eat_op("*") {
                    // A repeated parameter: its values arrive as one `Seq`.
                    let span = t.span();
                    Some(TypeRef::Named {
                        name: "*".into(),
                        args: vec![t],
                        span,
                    })
                } else {
                    Some(t)
                }
            } else {
                if is_def {
                    self.expected("`:`");
                }
                None
            };
            let mut default = None;
            if self.at_op("=") {
                if !fields && !is_def {
                    self.unsupported(self.span(), "default arguments");
                }
                self.bump();
                default = Some(self.expr());
            }
            out.push((
                Param {
                    name,
                    ty,
                    span: self.since(start),
                },
                default,
            ));
            if !self.eat_p(b',') {
                break;
            }
        }
        self.close(b')');
        self.nl.pop();
        out
    }

    /// `case class Name(fields) [extends T with U] [{ defs }]`, or `case object Name [extends
    /// T]`.
    fn case_class(&mut self) -> StmtKind {
        self.bump();
        self.overriding.clear();
        let object = self.bump().tok == Tok::Ident("object".into());
        let (name, name_span) = match self.tok().clone() {
            Tok::Ident(n) if !is_keyword(&n) => (n, self.bump().span),
            _ => {
                self.expected("a class name");
                self.skip_stmt();
                return StmtKind::Expr(self.error_expr(self.span()));
            }
        };
        if object && self.def_depth > 0 {
            self.unsupported(name_span, LOCAL_CASE_OBJECT);
        } else if object {
            self.top_case_objects.push(name_span);
        }
        if self.at_p(b'[') {
            self.unsupported(self.span(), "type parameters of a case class");
            self.type_args();
        }
        let mut fields = Vec::new();
        if !object {
            if self.at_p(b'(') {
                fields = self.param_list(true, true);
            } else {
                self.unsupported(name_span, "a case class without a parameter list");
            }
        }
        if self.at_p(b'(') {
            self.unsupported(self.span(), "a second parameter list of a case class");
            self.params(true);
        }
        let mut parents = Vec::new();
        let mut parent_args = Vec::new();
        let mut more = self.eat_kw("extends");
        while more {
            let start = self.span().start;
            match self.ty() {
                TypeRef::Named { name, args, .. }
                    if args.is_empty()
                        && matches!(
                            name.as_str(),
                            "Serializable" | "Product" | "java.io.Serializable"
                        ) => {}
                TypeRef::Named { name, args, .. } if args.is_empty() => {
                    if self.at_p(b'(') {
                        if parents.is_empty() {
                            parent_args = self.args();
                        } else {
                            self.unsupported(self.since(start), "arguments to a trait");
                            self.args();
                        }
                    }
                    parents.push(name)
                }
                _ => self.unsupported(self.since(start), "this kind of parent"),
            }
            more = self.eat_kw("with");
        }
        let mut methods = Vec::new();
        if self.at_p(b'{') {
            self.bump();
            let others = self.stmts_until_close(&mut |p, _| {
                if p.at_kw("def") {
                    methods.push(p.def());
                    return true;
                }
                false
            });
            for s in others {
                self.unsupported(s.span, "statements other than `def` in a case class body");
            }
            self.close(b'}');
        }
        for m in &methods {
            if let StmtKind::Def {
                name, name_span, ..
            } = &m.kind
            {
                if fields.iter().any(|(f, _): &(Param, _)| &f.name == name) {
                    self.unsupported(*name_span, &format!("defining `{name}` in a case class"));
                }
            }
        }
        let (fields, defaults) = fields.into_iter().unzip();
        StmtKind::CaseClass {
            name,
            name_span,
            fields,
            defaults,
            methods,
            parents,
            parent_args,
            overriding: std::mem::take(&mut self.overriding),
            object,
        }
    }

    /// `class Name(params) [extends P [with T]] [{ body }]`.
    fn plain_class(&mut self, is_abstract: bool) -> StmtKind {
        let is_trait = self.at_kw("trait");
        self.bump();
        let (name, name_span) = match self.tok().clone() {
            Tok::Ident(n) if !is_keyword(&n) => (n, self.bump().span),
            _ => {
                self.expected("a class name");
                self.skip_stmt();
                return StmtKind::Expr(self.error_expr(self.span()));
            }
        };
        if self.at_p(b'[') {
            self.unsupported(self.span(), "type parameters of a class");
            self.type_args();
        }
        let mut params = Vec::new();
        self.field_kinds.clear();
        if self.at_p(b'(') {
            self.plain_class = true;
            params = self.param_list(true, true);
            self.plain_class = false;
        }
        let kinds = std::mem::take(&mut self.field_kinds);
        if self.at_p(b'(') {
            self.unsupported(self.span(), "a second parameter list of a class");
            self.params(true);
        }
        let mut parents = Vec::new();
        let mut parent_args = Vec::new();
        let mut more = self.eat_kw("extends");
        while more {
            let start = self.span().start;
            match self.ty() {
                TypeRef::Named { name, .. } => {
                    if self.at_p(b'(') {
                        if parents.is_empty() {
                            parent_args = self.args();
                        } else {
                            self.unsupported(self.since(start), "arguments to a trait");
                            self.args();
                        }
                    }
                    parents.push(name);
                }
                _ => self.unsupported(self.since(start), "this kind of parent"),
            }
            more = self.eat_kw("with");
        }
        let (body, uses_this, uses_super) = self.class_body();
        let (params, defaults) = params.into_iter().unzip();
        StmtKind::Class(std::rc::Rc::new(ClassDef {
            name,
            name_span,
            params,
            defaults,
            public: kinds.iter().map(|k| *k > 0).collect(),
            mutable: kinds.iter().map(|k| *k == 2).collect(),
            parents,
            parent_args,
            is_abstract,
            body,
            uses_this,
            uses_super,
            local: self.def_depth > 0,
            is_trait,
        }))
    }

    /// A class's `{ body }` if one follows, with whether it names `this` and `super`.
    fn class_body(&mut self) -> (Vec<Stmt>, bool, bool) {
        let mut body = Vec::new();
        let from = self.pos;
        if self.at_p(b'{') {
            self.bump();
            self.def_depth += 1;
            let abstract_members = std::mem::replace(&mut self.abstract_members, true);
            body = self.stmts_until_close(&mut |_, _| false);
            self.abstract_members = abstract_members;
            self.def_depth -= 1;
            self.close(b'}');
        }
        let names = |word: &str| {
            self.toks[from..self.pos.min(self.toks.len())]
                .iter()
                .any(|t| matches!(&t.tok, Tok::Ident(n) if n == word))
        };
        let (uses_this, uses_super) = (names("this"), names("super"));
        (body, uses_this, uses_super)
    }

    /// `sealed trait Name`, `trait Name`, `abstract class Name` (no members, no parameters,
    /// no parents): a type for case classes to extend; `None` when not at one (a trait with
    /// members is refused as before).
    fn marker_trait(&mut self) -> Option<StmtKind> {
        let mut at = 0;
        while matches!(self.peek_at(at), Tok::Ident(k) if k == "sealed" || k == "abstract") {
            at += 1;
        }
        match self.peek_at(at) {
            Tok::Ident(k) if k == "trait" || (k == "class" && at > 0) => {}
            _ => return None,
        }
        let Tok::Ident(name) = self.peek_at(at + 1).clone() else {
            return None;
        };
        let marker = match self.peek_at(at + 2) {
            Tok::Punct(b'{') => matches!(self.peek_at(at + 3), Tok::Punct(b'}')),
            Tok::Punct(b'(' | b'[') => false,
            Tok::Ident(k) => k != "extends" && k != "with",
            _ => true,
        };
        if is_keyword(&name) || !marker {
            return None;
        }
        for _ in 0..=at {
            self.bump();
        }
        let name_span = self.bump().span;
        if self.at_p(b'{') {
            self.bump();
            self.bump();
        }
        Some(StmtKind::Trait { name, name_span })
    }

    /// At `trait`, `abstract class`, `sealed trait` or `sealed abstract class`.
    fn at_class_with_members(&self) -> bool {
        let mut at = 0;
        if self.at_kw("sealed") {
            at += 1;
        }
        match self.peek_at(at) {
            Tok::Ident(k) if k == "trait" => true,
            Tok::Ident(k) if k == "abstract" => {
                matches!(self.peek_at(at + 1), Tok::Ident(c) if c == "class")
            }
            _ => false,
        }
    }

    /// `type Word = String`: remembered, so later types name the aliased one; the statement
    /// itself does nothing. An alias with type parameters is left to `unsupported_def`.
    fn type_alias(&mut self) -> Option<StmtKind> {
        if !self.at_kw("type") {
            return None;
        }
        let Tok::Ident(name) = self.peek_at(1).clone() else {
            return None;
        };
        if is_keyword(&name) || !matches!(self.peek_at(2), Tok::Op(o) if o == "=") {
            return None;
        }
        let start = self.span().start;
        self.bump();
        self.bump();
        self.bump();
        let ty = self.ty();
        self.aliases.push((name, ty));
        Some(StmtKind::Expr(Expr::new(
            ExprKind::Lit(Lit::Unit),
            self.since(start),
        )))
    }

    /// An expression statement, or an assignment.
    fn expr_stmt(&mut self) -> StmtKind {
        let start = self.span().start;
        if !self.enter() {
            return StmtKind::Expr(self.error_expr(self.span()));
        }
        self.holes.push(Vec::new());
        let k = self.expr_or_assign();
        let holes = self.holes.pop().unwrap_or_default();
        self.depth -= 1;
        match k {
            StmtKind::Expr(e) => StmtKind::Expr(self.bind_holes(e, holes)),
            StmtKind::Assign { target, op, value } if !holes.is_empty() => {
                let kind = StmtKind::Assign { target, op, value };
                let span = self.since(start);
                StmtKind::Expr(self.bind_holes(
                    Expr::new(ExprKind::Block(vec![Stmt { kind, span }]), span),
                    holes,
                ))
            }
            k => k,
        }
    }

    // ---- expressions ----

    /// An `Expr`: binds the placeholders inside it.
    fn expr(&mut self) -> Expr {
        if !self.enter() {
            return self.error_expr(self.span());
        }
        self.holes.push(Vec::new());
        let start = self.span().start;
        let e = match self.expr_or_assign() {
            StmtKind::Expr(e) => e,
            kind => {
                let span = self.since(start);
                Expr::new(ExprKind::Block(vec![Stmt { kind, span }]), span)
            }
        };
        let holes = self.holes.pop().unwrap_or_default();
        self.depth -= 1;
        self.bind_holes(e, holes)
    }

    /// The next of scalac's made-up names (see `fresh`).
    fn fresh_name(&mut self) -> String {
        self.fresh += 1;
        format!("x${}", self.fresh)
    }

    /// Wrap `e` in a lambda over the placeholders found in it; a bare `_` passes outward.
    fn bind_holes(&mut self, e: Expr, holes: Vec<Param>) -> Expr {
        if holes.is_empty() {
            return e;
        }
        let is_hole = |x: &Expr| {
            holes.len() == 1
                && holes[0].span == x.span
                && matches!(&x.kind, ExprKind::Ident(n) if *n == holes[0].name)
        };
        // A bare `_` (or `_: T`) is bound by the enclosing `Expr`, not by itself.
        let (bare, ty) = match &e.kind {
            ExprKind::Ascribe(x, t) if is_hole(x) => (true, Some(t.clone())),
            _ => (is_hole(&e), None),
        };
        if bare {
            if let Some(outer) = self.holes.last_mut() {
                let name = holes[0].name.clone();
                let span = holes[0].span;
                outer.push(Param {
                    name: name.clone(),
                    ty,
                    span,
                });
                return Expr::new(ExprKind::Ident(name), e.span);
            }
        }
        let span = e.span;
        Expr::new(
            ExprKind::Lambda {
                params: holes,
                body: Box::new(e),
            },
            span,
        )
    }

    /// Whether the tokens from here are lambda parameters followed by `=>`.
    fn at_lambda_head(&self) -> bool {
        match self.tok() {
            Tok::Ident(s) if !is_keyword(s) => matches!(self.peek_at(1), Tok::Op(o) if o == "=>"),
            Tok::Punct(b'(') => {
                let mut depth = 0usize;
                let mut i = self.pos;
                while i < self.toks.len() {
                    match &self.toks[i].tok {
                        Tok::Punct(b'(' | b'[' | b'{') => depth += 1,
                        Tok::Punct(b')' | b']' | b'}') => {
                            depth -= 1;
                            if depth == 0 {
                                return matches!(self.toks.get(i + 1).map(|t| &t.tok), Some(Tok::Op(o)) if o == "=>");
                            }
                        }
                        Tok::Eof => return false,
                        _ => {}
                    }
                    i += 1;
                }
                false
            }
            _ => false,
        }
    }

    /// Lambda parameters, then `=>` (already known to be there).
    fn lambda_head(&mut self) -> Vec<Param> {
        let params = if self.at_p(b'(') {
            self.params(false)
        } else {
            let t = self.bump();
            let name = match t.tok {
                Tok::Ident(n) => n,
                _ => String::new(),
            };
            vec![Param {
                name,
                ty: None,
                span: t.span,
            }]
        };
        if !self.eat_op("=>") {
            self.expected("`=>`");
        }
        params
    }

    fn expr_or_assign(&mut self) -> StmtKind {
        let start = self.span().start;
        let keyword = matches!(self.tok(), Tok::Ident(k) if matches!(
            k.as_str(),
            "if" | "while" | "for" | "return" | "throw" | "try" | "do" | "implicit"
        ));
        let e = if keyword {
            self.keyword_expr()
        } else if self.at_lambda_head() {
            self.lambda()
        } else {
            return self.postfix_tail(start);
        };
        StmtKind::Expr(Expr::new(e, self.since(start)))
    }

    /// `if`, `while`, `do`, `for`, `return`, `throw`, `try`.
    fn keyword_expr(&mut self) -> ExprKind {
        let Tok::Ident(k) = self.tok().clone() else {
            return ExprKind::Error;
        };
        match k.as_str() {
            "if" => self.if_expr(),
            "while" => {
                self.bump();
                let cond = self.paren_cond();
                let body = self.expr();
                ExprKind::While {
                    cond: Box::new(cond),
                    body: Box::new(body),
                }
            }
            "for" => self.for_expr(),
            "return" => {
                self.bump();
                if self.line_ends() || self.at_p(b'}') || self.at_p(b';') || self.at_eof() {
                    ExprKind::Return(None)
                } else {
                    ExprKind::Return(Some(Box::new(self.expr())))
                }
            }
            "throw" => {
                self.bump();
                ExprKind::Throw(Box::new(self.expr()))
            }
            "try" => {
                self.bump();
                let body = self.expr();
                let cases = if self.eat_kw("catch") {
                    self.cases_block()
                } else {
                    Vec::new()
                };
                let finally = self.eat_kw("finally").then(|| Box::new(self.expr()));
                ExprKind::Try {
                    body: Box::new(body),
                    cases,
                    finally,
                }
            }
            "implicit" => {
                self.unsupported(self.span(), "implicit parameters");
                self.bump();
                self.expr().kind
            }
            _ => self.do_while(),
        }
    }

    /// `do body while (cond)`: the body, then `while (cond) body` (the same body, its spans
    /// kept, so its runs count as the one body's).
    fn do_while(&mut self) -> ExprKind {
        let start = self.span().start;
        self.bump();
        let body = self.expr();
        self.eat_p(b';');
        if !self.eat_kw("while") {
            self.expected("`while`");
            return ExprKind::Error;
        }
        let cond = self.paren_cond();
        let span = self.since(start);
        let turns = Expr::new(
            ExprKind::While {
                cond: Box::new(cond),
                body: Box::new(body.clone()),
            },
            span,
        );
        let stmt = |e: Expr| Stmt {
            span: e.span,
            kind: StmtKind::Expr(e),
        };
        ExprKind::Block(vec![stmt(body), stmt(turns)])
    }

    fn lambda(&mut self) -> ExprKind {
        let params = self.lambda_head();
        let body = self.expr();
        ExprKind::Lambda {
            params,
            body: Box::new(body),
        }
    }

    /// An infix expression, then `match`, `=`, `op=` or `: Type` after it.
    fn postfix_tail(&mut self, start: u32) -> StmtKind {
        let e = self.infix(0);
        self.tail(e, start)
    }

    /// `e` followed by `match` blocks, ascriptions or an assignment; each link nests `e` one
    /// level deeper (as in `infix`).
    fn tail(&mut self, e: Expr, start: u32) -> StmtKind {
        let outer = self.depth;
        let k = self.tail_links(e, start);
        self.depth = outer;
        k
    }

    fn tail_links(&mut self, mut e: Expr, start: u32) -> StmtKind {
        loop {
            if (self.at_kw("match") || self.at_op(":")) && !self.enter() {
                break;
            }
            if self.at_kw("match") {
                self.bump();
                let cases = self.cases_block();
                e = Expr::new(
                    ExprKind::Match {
                        scrutinee: Box::new(e),
                        cases,
                    },
                    self.since(start),
                );
                continue;
            }
            if self.line_ends() {
                break;
            }
            if self.at_op(":") {
                self.bump();
                let splat = match (self.tok(), self.peek_at(1)) {
                    (Tok::Ident(u), Tok::Op(star)) if u == "_" && star == "*" => 2,
                    (Tok::Ident(u), _) if u == "_*" => 1,
                    _ => 0,
                };
                let t = if splat > 0 {
                    // `xs: _*`: a sequence passed as repeated arguments.
                    let at = self.span();
                    for _ in 0..splat {
                        self.bump();
                    }
                    TypeRef::Named {
                        name: "_*".into(),
                        args: Vec::new(),
                        span: self.since(at.start),
                    }
                } else {
                    self.ty()
                };
                e = Expr::new(ExprKind::Ascribe(Box::new(e), t), self.since(start));
                continue;
            }
            if let Tok::Op(o) = self.tok().clone() {
                if is_assign_op(&o) {
                    let op_span = self.bump().span;
                    let op = match o.as_str() {
                        "=" => None,
                        "+=" => Some(BinOp::Add),
                        "-=" => Some(BinOp::Sub),
                        "*=" => Some(BinOp::Mul),
                        "/=" => Some(BinOp::Div),
                        "%=" => Some(BinOp::Rem),
                        "<<=" => Some(BinOp::Shl),
                        ">>=" => Some(BinOp::Shr),
                        ">>>=" => Some(BinOp::UShr),
                        "&=" => Some(BinOp::BitAnd),
                        "^=" => Some(BinOp::BitXor),
                        "|=" => Some(BinOp::BitOr),
                        _ => {
                            // Other `op=` forms (`++=`, `|=`): a method call on the target.
                            let arg = self.expr();
                            let span = self.since(start);
                            return StmtKind::Expr(Expr::new(
                                ExprKind::MethodCall {
                                    recv: Box::new(e),
                                    name: o,
                                    name_span: op_span,
                                    targs: vec![],
                                    args: vec![vec![arg]],
                                },
                                span,
                            ));
                        }
                    };
                    // `m.getOrElseUpdate(k, d) += x`: the op-assignment is the result's own
                    // method (Scala tries `+=` before the assignment).
                    // `m.getOrElseUpdate(k, a)(i) = x`: an element of a call's result;
                    // `Stats.seen(k) = n`: `Stats.seen.update(k, n)`.
                    let method_result = matches!(&e.kind, ExprKind::MethodCall { .. });
                    if !method_result
                        && !matches!(
                            e.kind,
                            ExprKind::Ident(_)
                                | ExprKind::Field { .. }
                                | ExprKind::Apply { .. }
                                | ExprKind::Error
                        )
                    {
                        self.err(
                            e.span,
                            "unexpected_token",
                            vec!["an assignable name".into(), "an expression".into()],
                        );
                    }
                    let value = self.expr();
                    return StmtKind::Assign {
                        target: e,
                        op,
                        value,
                    };
                }
            }
            break;
        }
        StmtKind::Expr(e)
    }

    fn paren_cond(&mut self) -> Expr {
        if !self.at_p(b'(') {
            self.expected("`(`");
            return self.error_expr(self.span());
        }
        self.bump();
        self.nl.push(false);
        let e = self.expr();
        self.close(b')');
        self.nl.pop();
        e
    }

    fn if_expr(&mut self) -> ExprKind {
        self.bump();
        let cond = self.paren_cond();
        let then = self.expr();
        let save = self.pos;
        if self.eat_p(b';') && !self.at_kw("else") {
            self.pos = save;
        }
        let else_ = if self.eat_kw("else") {
            Some(Box::new(self.expr()))
        } else {
            None
        };
        ExprKind::If {
            cond: Box::new(cond),
            then: Box::new(then),
            else_,
        }
    }

    fn for_expr(&mut self) -> ExprKind {
        self.bump();
        let close = if self.eat_p(b'(') {
            self.nl.push(false);
            b')'
        } else if self.eat_p(b'{') {
            self.nl.push(true);
            b'}'
        } else {
            self.expected("`(` or `{`");
            return ExprKind::Error;
        };
        let mut gens: Vec<(Pattern, Expr, Option<Expr>)> = Vec::new();
        // `c = a * 2`: value definitions after a generator, until the next generator or guard.
        let mut vals: Vec<(Pattern, Expr)> = Vec::new();
        loop {
            while self.eat_p(b';') {}
            if self.at_p(close) || self.at_eof() {
                break;
            }
            let before = self.pos;
            if self.at_kw("if") && !vals.is_empty() {
                self.for_values(&mut gens, std::mem::take(&mut vals));
            }
            if self.eat_kw("if") {
                let g = self.expr_no_holes_guard();
                match gens.last_mut() {
                    Some((_, _, guard)) => {
                        *guard = Some(match guard.take() {
                            None => g,
                            Some(prev) => {
                                let span = prev.span.to(g.span);
                                Expr::new(
                                    ExprKind::Binary {
                                        op: BinOp::And,
                                        op_span: g.span,
                                        lhs: Box::new(prev),
                                        rhs: Box::new(g),
                                    },
                                    span,
                                )
                            }
                        })
                    }
                    None => self.expected("a generator `x <- xs`"),
                }
            } else {
                let pat = self.pattern();
                if self.eat_op("<-") {
                    let e = self.expr();
                    if !vals.is_empty() {
                        self.for_values(&mut gens, std::mem::take(&mut vals));
                    }
                    gens.push((pat, e, None));
                } else if self.at_op("=") && !gens.is_empty() {
                    self.bump();
                    let e = self.expr();
                    vals.push((pat, e));
                } else {
                    self.expected("`<-`");
                    self.skip_to_close(close);
                }
            }
            if self.pos == before {
                self.bump();
            }
        }
        if !vals.is_empty() {
            self.for_values(&mut gens, vals);
        }
        self.close(close);
        self.nl.pop();
        let is_yield = self.eat_kw("yield");
        let body = self.expr();
        // scalac names each pattern generator's closure parameter once the `for` is read.
        for (pat, ..) in &gens {
            let var = |p: &Pattern| matches!(p, Pattern::Bind(..) | Pattern::Wildcard(_));
            if !var(pat) && !matches!(pat, Pattern::Typed(p, ..) if var(p)) {
                self.fresh_name();
            }
        }
        ExprKind::For {
            gens,
            is_yield,
            body: Box::new(body),
        }
    }

    /// Value definitions `p1 = e1; p2 = e2` after the generator `pat <- xs if g` become, as
    /// scalac has them, one generator `(pat, p1, p2) <- xs.withFilter(pat => g).map { x @ pat
    /// => val p1 = e1; val p2 = e2; (x, p1, p2) }`: each `e` runs for every element before
    /// what follows the definitions (a `map` is strict), and a refutable `pat` is filtered
    /// (`withFilter { case pat => true; case _ => false }`).
    fn for_values(
        &mut self,
        gens: &mut [(Pattern, Expr, Option<Expr>)],
        vals: Vec<(Pattern, Expr)>,
    ) {
        let Some((pat, src, guard)) = gens.last_mut() else {
            return;
        };
        let span = src.span;
        // Each lambda spans text of its own (the interpreter knows a closure by its span).
        let call = |recv: Expr, name: &str, f: Vec<Case>, at: Span| {
            let span = recv.span.to(at);
            Expr::new(
                ExprKind::MethodCall {
                    recv: Box::new(recv),
                    name: name.into(),
                    name_span: span,
                    targs: vec![],
                    args: vec![vec![Expr::new(ExprKind::CaseLambda(f), at)]],
                },
                span,
            )
        };
        let case = |pat: Pattern, body: Expr| Case {
            pat,
            guard: None,
            span: body.span,
            body,
        };
        let mut src = std::mem::replace(src, Expr::new(ExprKind::Error, span));
        let refutable = !matches!(pat, Pattern::Bind(..) | Pattern::Wildcard(_));
        let at = pat.span();
        if let Some(g) = guard.take() {
            let at = g.span;
            src = call(src, "withFilter", vec![case(pat.clone(), g)], at);
        } else if refutable {
            let yes = Expr::new(ExprKind::Lit(Lit::Bool(true)), at);
            let no = Expr::new(ExprKind::Lit(Lit::Bool(false)), at);
            let cases = vec![case(pat.clone(), yes), case(Pattern::Wildcard(at), no)];
            src = call(src, "withFilter", cases, at);
        }
        let at = vals[0].0.span().to(vals[vals.len() - 1].1.span);
        let whole = self.fresh_name();
        let mut stmts = Vec::new();
        let mut parts = vec![Expr::new(ExprKind::Ident(whole.clone()), span)];
        let mut pats = vec![pat.clone()];
        for (p, init) in vals {
            let (name, bound) = match &p {
                Pattern::Bind(n, _) => (n.clone(), p.clone()),
                _ => {
                    let n = self.fresh_name();
                    (n.clone(), Pattern::Binder(n, Box::new(p.clone()), p.span()))
                }
            };
            parts.push(Expr::new(ExprKind::Ident(name), p.span()));
            let at = init.span;
            stmts.push(Stmt {
                kind: StmtKind::Val {
                    mutable: false,
                    lazy: false,
                    pat: bound,
                    ty: None,
                    init,
                },
                span: at,
            });
            pats.push(p);
        }
        stmts.push(Stmt {
            kind: StmtKind::Expr(Expr::new(ExprKind::Tuple(parts), span)),
            span,
        });
        let body = Expr::new(ExprKind::Block(stmts), span);
        let whole = Pattern::Binder(whole, Box::new(pat.clone()), pat.span());
        *gens.last_mut().expect("a generator") = (
            Pattern::Tuple(pats, span),
            call(src, "map", vec![case(whole, body)], at),
            None,
        );
    }

    /// A guard expression (`if g` in `for` and `case`); stops before `=>`.
    fn expr_no_holes_guard(&mut self) -> Expr {
        if !self.enter() {
            return self.error_expr(self.span());
        }
        self.holes.push(Vec::new());
        let e = self.infix(0);
        let holes = self.holes.pop().unwrap_or_default();
        self.depth -= 1;
        self.bind_holes(e, holes)
    }

    /// Infix operators by precedence climbing; `min` is the lowest precedence accepted.
    fn infix(&mut self, min: u8) -> Expr {
        let mut lhs = self.prefix();
        if matches!(
            lhs.kind,
            ExprKind::Ident(_) | ExprKind::Apply { .. } | ExprKind::Field { .. }
        ) && matches!(self.tok(), Tok::Ident(u) if u == "_")
            && !self.token().nl_before
            && (matches!(
                self.peek_at(1),
                Tok::Punct(b')' | b',' | b';' | b'}') | Tok::Eof
            ) || self.toks.get(self.pos + 1).is_some_and(|t| t.nl_before))
        {
            // `track _`, `add(1) _`: the method as a function value, which its name (or its
            // first lists applied) already is here.
            self.bump();
        }
        // Each operator nests `lhs` one level deeper: `1 + 1 + ... + 1` counts as nesting, so a
        // pasted chain of thousands cannot overflow the stack of the passes that walk the tree.
        let outer = self.depth;
        let lhs = loop {
            let (op, op_span) = match self.tok() {
                Tok::Op(o) if !is_reserved_op(o) && !is_assign_op(o) => (o.clone(), self.span()),
                Tok::Ident(o) if !is_keyword(o) && o != "_" => (o.clone(), self.span()),
                _ => break lhs,
            };
            if self.line_ends() {
                break lhs;
            }
            let prec = precedence(&op);
            if prec < min {
                break lhs;
            }
            let right = op.ends_with(':');
            self.bump();
            if !self.enter() {
                break lhs;
            }
            let rhs = self.infix(if right { prec } else { prec + 1 });
            lhs = binary(lhs, op, op_span, rhs);
        };
        self.depth = outer;
        lhs
    }

    fn prefix(&mut self) -> Expr {
        let op = match self.tok() {
            Tok::Op(o) if o == "!" => UnOp::Not,
            Tok::Op(o) if o == "~" => UnOp::BitNot,
            Tok::Op(o) if o == "-" => {
                let adjacent = self.toks.get(self.pos + 1).is_some_and(|t| {
                    t.span.start == self.span().end
                        && matches!(t.tok, Tok::Int(_) | Tok::Long(_) | Tok::Double(_))
                });
                if adjacent {
                    return self.simple();
                }
                UnOp::Neg
            }
            Tok::Op(o) if o == "+" => UnOp::Neg,
            _ => return self.simple(),
        };
        let plus = self.at_op("+");
        let start = self.bump().span.start;
        if !self.enter() {
            return self.error_expr(self.span());
        }
        let e = self.prefix();
        self.depth -= 1;
        if plus {
            return e;
        }
        Expr::new(
            ExprKind::Unary {
                op,
                expr: Box::new(e),
            },
            self.since(start),
        )
    }

    /// A primary expression followed by selections, calls and applications.
    fn simple(&mut self) -> Expr {
        let start = self.span().start;
        let mut e = self.primary();
        // Each selection or application nests `e` one level deeper (as in `infix`).
        let outer = self.depth;
        loop {
            let more = self.at_p(b'.')
                || (!self.nl_here() && (self.at_p(b'[') || self.at_p(b'(') || self.at_p(b'{')))
                || self.brace_continues();
            if !more || !self.enter() {
                self.depth = outer;
                return e;
            }
            e = if self.at_p(b'.') {
                self.member(e, start)
            } else {
                self.applied(e, start)
            };
        }
    }

    /// `.name`, with type arguments and argument lists if any.
    fn member(&mut self, e: Expr, start: u32) -> Expr {
        self.bump();
        let (name, name_span) = match self.tok() {
            Tok::Ident(n) if !is_keyword(n) || n == "this" => (n.clone(), self.bump().span),
            Tok::Op(n) => (n.clone(), self.bump().span),
            _ => {
                self.expected("a member name");
                return Expr::new(ExprKind::Error, self.since(start));
            }
        };
        let targs = if self.at_p(b'[') && !self.nl_here() {
            self.type_args()
        } else {
            vec![]
        };
        let args = self.arg_lists();
        let recv = Box::new(e);
        let kind = if args.is_empty() && targs.is_empty() {
            ExprKind::Field {
                recv,
                name,
                name_span,
            }
        } else {
            ExprKind::MethodCall {
                recv,
                name,
                name_span,
                targs,
                args,
            }
        };
        Expr::new(kind, self.since(start))
    }

    /// `e[T](args)`, `e(args)` or `e { block }`: more argument lists on a call, or an apply.
    fn applied(&mut self, e: Expr, start: u32) -> Expr {
        let targs = if self.at_p(b'[') {
            self.type_args()
        } else {
            vec![]
        };
        let args = self.arg_lists();
        let span = self.since(start);
        match e.kind {
            ExprKind::Apply {
                func,
                targs: t,
                args: mut prev,
            } if targs.is_empty() => {
                prev.extend(args);
                Expr::new(
                    ExprKind::Apply {
                        func,
                        targs: t,
                        args: prev,
                    },
                    span,
                )
            }
            ExprKind::MethodCall {
                recv,
                name,
                name_span,
                targs: t,
                args: mut prev,
            } if targs.is_empty() => {
                prev.extend(args);
                let kind = ExprKind::MethodCall {
                    recv,
                    name,
                    name_span,
                    targs: t,
                    args: prev,
                };
                Expr::new(kind, span)
            }
            kind => {
                let func = Box::new(Expr::new(kind, e.span));
                Expr::new(ExprKind::Apply { func, targs, args }, span)
            }
        }
    }

    /// Zero or more argument lists `(a, b)` / `{ block }` on the same line (a `{` also on
    /// the next, see [`Parser::brace_continues`]).
    fn arg_lists(&mut self) -> Vec<Vec<Expr>> {
        let mut lists = Vec::new();
        loop {
            if self.nl_here() && !self.brace_continues() {
                return lists;
            }
            if self.at_p(b'(') {
                lists.push(self.args());
            } else if self.at_p(b'{') {
                lists.push(vec![self.block_expr()]);
            } else {
                return lists;
            }
        }
    }

    fn args(&mut self) -> Vec<Expr> {
        self.bump();
        self.nl.push(false);
        let mut out = Vec::new();
        while !self.at_p(b')') && !self.at_eof() {
            out.push(self.expr());
            if self.eat_p(b',') {
                continue;
            }
            if self.token().nl_before
                && ["val", "var", "def", "import", "object"]
                    .iter()
                    .any(|k| self.at_kw(k))
            {
                // A `)` forgotten at the end of a line: say so there, and go on with the
                // next statement instead of swallowing the rest of the program.
                let at = self.prev_end();
                let found = describe(self.tok());
                self.err(
                    Span { start: at, end: at },
                    "unexpected_token",
                    vec!["`)`".into(), found],
                );
                self.nl.pop();
                return out;
            }
            if !self.at_p(b')') {
                self.expected("`,` or `)`");
                self.skip_to_close(b')');
            }
            break;
        }
        self.close(b')');
        self.nl.pop();
        out
    }

    fn lit(&mut self, kind: Lit) -> Expr {
        let s = self.bump().span;
        Expr::new(ExprKind::Lit(kind), s)
    }

    fn int_lit(&mut self, v: Option<u64>, long: bool, neg: bool, span: Span) -> Lit {
        let text = self.src[span.start as usize..span.end as usize].to_string();
        let limit: u64 = if long {
            i64::MAX as u64
        } else {
            i32::MAX as u64
        } + u64::from(neg);
        match v {
            Some(v) if v <= limit => {
                let signed = if neg {
                    (v as i128).wrapping_neg()
                } else {
                    v as i128
                };
                if long {
                    Lit::Long(signed as i64)
                } else {
                    Lit::Int(signed as i32)
                }
            }
            _ => {
                self.diags
                    .push(Diagnostic::error(span, "int_too_large", vec![text]));
                let v = v.unwrap_or(u64::MAX) as i64;
                Lit::Long(if neg { v.wrapping_neg() } else { v })
            }
        }
    }

    fn primary(&mut self) -> Expr {
        match self.tok() {
            Tok::Punct(b'(') => self.paren_expr(),
            Tok::Punct(b'{') => self.block_expr(),
            Tok::Interp { .. } => self.interpolated(),
            Tok::Ident(k) if k == "new" => self.new_expr(),
            Tok::Ident(k)
                if matches!(
                    k.as_str(),
                    "if" | "while" | "for" | "return" | "throw" | "try" | "do"
                ) =>
            {
                self.expr()
            }
            _ => self.leaf(),
        }
    }

    fn interpolated(&mut self) -> Expr {
        let t = self.bump();
        let Tok::Interp { id, parts } = t.tok else {
            return self.error_expr(t.span);
        };
        let parts = parts
            .into_iter()
            .map(|p| match p {
                RawPart::Text(t) => InterpPart::Text(t),
                RawPart::Name(n, s) => InterpPart::Expr(Expr::new(ExprKind::Ident(n), s)),
                RawPart::Block(s) => InterpPart::Expr(self.sub_expr(s)),
            })
            .collect();
        let kind = ExprKind::Interpolated {
            interpolator: id,
            parts,
        };
        Expr::new(kind, t.span)
    }

    /// Literals, names, `_`, and what cannot start an expression.
    fn leaf(&mut self) -> Expr {
        let span = self.span();
        let t = self.tok().clone();
        match t {
            Tok::Int(v) => {
                self.bump();
                let l = self.int_lit(v, false, false, span);
                Expr::new(ExprKind::Lit(l), span)
            }
            Tok::Long(v) => {
                self.bump();
                let l = self.int_lit(v, true, false, span);
                Expr::new(ExprKind::Lit(l), span)
            }
            Tok::Op(o) if o == "-" => {
                // `-` right before a number: a negative literal.
                self.bump();
                let n = self.bump();
                let span = span.to(n.span);
                let l = match n.tok {
                    Tok::Int(v) => self.int_lit(v, false, true, span),
                    Tok::Long(v) => self.int_lit(v, true, true, span),
                    Tok::Double(d) => Lit::Double(-d),
                    _ => Lit::Unit,
                };
                Expr::new(ExprKind::Lit(l), span)
            }
            Tok::Double(d) => self.lit(Lit::Double(d)),
            Tok::Char(c) => self.lit(Lit::Char(c)),
            Tok::Str(s) => self.lit(Lit::Str(s.into())),
            Tok::Ident(k) => match k.as_str() {
                "true" => self.lit(Lit::Bool(true)),
                "false" => self.lit(Lit::Bool(false)),
                "null" => self.lit(Lit::Null),
                "_" => {
                    self.bump();
                    let name = self.fresh_name();
                    match self.holes.last_mut() {
                        Some(h) => {
                            h.push(Param {
                                name: name.clone(),
                                ty: None,
                                span,
                            });
                            Expr::new(ExprKind::Ident(name), span)
                        }
                        None => {
                            self.expected("an expression");
                            self.error_expr(span)
                        }
                    }
                }
                "this" | "super" => {
                    self.bump();
                    Expr::new(ExprKind::Ident(k), span)
                }
                "scala" | "java" if self.qualified_expr().is_some() => {
                    // `scala.math.max`, `java.lang.Integer.parseInt`, `scala.util.Success(v)`:
                    // the names every program has in scope, written in full.
                    for _ in 0..self.qualified_expr().unwrap_or(0) {
                        self.bump();
                    }
                    self.leaf()
                }
                _ if tuple_arity(&k).is_some()
                    && self.at_tuple_call(tuple_arity(&k).unwrap_or(0), 1) =>
                {
                    // `Tuple2(a, b)`: the pair `(a, b)`.
                    self.bump();
                    let items = self.args();
                    Expr::new(ExprKind::Tuple(items), self.since(span.start))
                }
                _ if is_keyword(&k) => {
                    self.expected("an expression");
                    if !self.token().nl_before
                        && !matches!(
                            k.as_str(),
                            "val" | "var" | "def" | "case" | "else" | "match" | "yield"
                        )
                    {
                        self.bump();
                    }
                    self.error_expr(span)
                }
                _ => {
                    self.bump();
                    Expr::new(ExprKind::Ident(k), span)
                }
            },
            Tok::Op(o) if o == "???" => {
                // Predef's `???`: throws `NotImplementedError`.
                self.bump();
                Expr::new(ExprKind::Ident(o), span)
            }
            Tok::Op(o)
                if o == "<"
                    && matches!(self.peek_at(1), Tok::Ident(_))
                    && self.toks[self.pos + 1].span.start == span.end =>
            {
                self.unsupported(span, "XML literals");
                self.skip_stmt();
                self.error_expr(self.since(span.start))
            }
            _ => {
                self.expected("an expression");
                let closer = matches!(t, Tok::Punct(b')' | b']' | b'}' | b',' | b';') | Tok::Eof);
                if !closer && !self.nl_here() {
                    self.bump();
                }
                self.error_expr(span)
            }
        }
    }

    /// Re-lex and parse the text of a `${...}` in place.
    fn sub_expr(&mut self, span: Span) -> Expr {
        let (toks, lex_diags) = lex_range(self.src, span.start as usize, span.end as usize);
        let mut sub = Parser::new(self.src, toks);
        sub.depth = self.depth;
        sub.nl = vec![false];
        let e = if sub.at_eof() {
            sub.expected("an expression");
            sub.error_expr(span)
        } else {
            sub.expr()
        };
        if !sub.at_eof() {
            sub.expected("`}`");
        }
        self.diags.extend(lex_diags);
        self.diags.extend(sub.diags);
        e
    }

    fn paren_expr(&mut self) -> Expr {
        let start = self.bump().span.start;
        self.nl.push(false);
        if self.eat_p(b')') {
            self.nl.pop();
            return Expr::new(ExprKind::Lit(Lit::Unit), self.since(start));
        }
        let mut items = Vec::new();
        loop {
            items.push(self.expr());
            if self.eat_p(b',') {
                if self.at_p(b')') {
                    break;
                }
                continue;
            }
            break;
        }
        self.close(b')');
        self.nl.pop();
        let span = self.since(start);
        if items.len() == 1 {
            let mut e = items.pop().unwrap_or_else(|| self.error_expr(span));
            e.span = span;
            e
        } else {
            Expr::new(ExprKind::Tuple(items), span)
        }
    }

    /// `{ stmts }`, `{ x => stmts }` or `{ case ... }`.
    fn block_expr(&mut self) -> Expr {
        let start = self.span().start;
        if !self.enter() {
            return self.error_expr(self.span());
        }
        let e = if matches!(self.peek_at(1), Tok::Ident(k) if k == "case")
            && !matches!(self.peek_at(2), Tok::Ident(k) if k == "class" || k == "object")
        {
            let cases = self.cases_block();
            Expr::new(ExprKind::CaseLambda(cases), self.since(start))
        } else {
            self.bump();
            let head = if self.at_lambda_head() {
                Some(self.lambda_head())
            } else {
                None
            };
            let body_start = self.span().start;
            let stmts = self.block_loop(false, &mut |_, _| false);
            self.close(b'}');
            let span = self.since(start);
            match head {
                Some(params) => {
                    let body_span = Span {
                        start: body_start,
                        end: span.end.saturating_sub(1).max(body_start),
                    };
                    Expr::new(
                        ExprKind::Lambda {
                            params,
                            body: Box::new(Expr::new(ExprKind::Block(stmts), body_span)),
                        },
                        span,
                    )
                }
                None => Expr::new(ExprKind::Block(stmts), span),
            }
        };
        self.depth -= 1;
        e
    }

    /// `{ case p [if g] => stmts ... }`.
    fn cases_block(&mut self) -> Vec<Case> {
        let mut cases = Vec::new();
        if !self.enter() {
            return cases;
        }
        if !self.expect_p(b'{') {
            self.depth -= 1;
            return cases;
        }
        self.nl.push(true);
        while self.eat_p(b';') {}
        while self.at_kw("case") {
            let start = self.bump().span.start;
            self.nl.push(false);
            let pat = self.pattern();
            let guard = if self.eat_kw("if") {
                Some(self.expr_no_holes_guard())
            } else {
                None
            };
            self.nl.pop();
            if !self.eat_op("=>") {
                self.expected("`=>`");
                self.skip_stmt();
            }
            let body_start = self.span().start;
            let mut stmts = self.block_loop(true, &mut |_, _| false);
            let body = if stmts.len() == 1 && matches!(stmts[0].kind, StmtKind::Expr(_)) {
                match stmts.pop().map(|s| s.kind) {
                    Some(StmtKind::Expr(e)) => e,
                    _ => self.error_expr(self.since(body_start)),
                }
            } else {
                Expr::new(ExprKind::Block(stmts), self.since(body_start))
            };
            cases.push(Case {
                pat,
                guard,
                body,
                span: self.since(start),
            });
        }
        if cases.is_empty() {
            self.expected("`case`");
        }
        self.nl.pop();
        self.close(b'}');
        self.depth -= 1;
        cases
    }

    /// How many tokens qualify a name every program has in scope when it is written in full
    /// (`scala.` 2, `scala.util.` and `java.lang.` 4), as [`Self::qualified_pattern`] for
    /// expressions: only names that mean the same written short.
    fn qualified_expr(&self) -> Option<usize> {
        let dot = |k: usize| matches!(self.peek_at(k), Tok::Punct(b'.'));
        let ident = |k: usize, names: &[&str]| matches!(self.peek_at(k), Tok::Ident(c) if names.contains(&c.as_str()));
        let root = |name: &str| matches!(self.tok(), Tok::Ident(c) if c == name);
        if !dot(1) {
            return None;
        }
        if root("java") {
            let lang = ident(2, &["lang"]) && dot(3);
            let names = ["Math", "Integer", "String", "Character", "System", "Thread"];
            return (lang && ident(4, &names)).then_some(4);
        }
        if ident(2, &["util"]) && dot(3) {
            let names = ["Random", "Success", "Failure", "Try", "Left", "Right"];
            return ident(4, &names).then_some(4);
        }
        let names = ["math", "Some", "None", "Option", "Left", "Right", "Either"];
        let tuple = matches!(self.peek_at(2), Tok::Ident(t) if tuple_arity(t).is_some());
        (ident(2, &names) || tuple).then_some(2)
    }

    /// Whether the tokens from `at` on are `(` and `n` arguments, `n` of 2 or more: a
    /// `TupleN(...)` that is the tuple.
    fn at_tuple_call(&self, n: usize, at: usize) -> bool {
        let nl = self.toks.get(self.pos + at).is_some_and(|t| t.nl_before);
        if !matches!(self.peek_at(at), Tok::Punct(b'(')) || nl {
            return false;
        }
        let (mut depth, mut commas, mut k) = (0usize, 0usize, at);
        loop {
            match self.peek_at(k) {
                Tok::Punct(b'(' | b'[' | b'{') => depth += 1,
                Tok::Punct(b')' | b']' | b'}') => {
                    depth -= 1;
                    if depth == 0 {
                        return n >= 2 && commas + 1 == n;
                    }
                }
                Tok::Punct(b',') if depth == 1 => commas += 1,
                Tok::Eof => return false,
                _ => {}
            }
            k += 1;
        }
    }

    fn new_expr(&mut self) -> Expr {
        let start = self.bump().span.start;
        if let Tok::Ident(t) = self.tok() {
            // `new Tuple2(a, b)`: the pair `(a, b)`.
            let n = tuple_arity(t).unwrap_or(0);
            if self.at_tuple_call(n, 1) {
                self.bump();
                let items = self.args();
                return Expr::new(ExprKind::Tuple(items), self.since(start));
            }
        }
        let class = self.simple_type();
        let args = if self.nl_here() {
            vec![]
        } else {
            let mut lists = Vec::new();
            while self.at_p(b'(') && !self.nl_here() {
                lists.push(self.args());
            }
            lists
        };
        if self.at_p(b'{') && !self.nl_here() || self.at_kw("with") {
            return self.anonymous_class(start, class, args);
        }
        Expr::new(ExprKind::New { class, args }, self.since(start))
    }

    /// `new T(args) with U { body }` after its `T(args)`: a block that defines the class
    /// `$anon$N` (the file's `N`th, see [`ANON`]) extending `T` (given `args`) and `U`, then
    /// makes one.
    fn anonymous_class(&mut self, start: u32, class: TypeRef, args: Vec<Vec<Expr>>) -> Expr {
        let name_span = class.span();
        let mut parents = Vec::new();
        if let TypeRef::Named { name, .. } = &class {
            parents.push(name.clone());
        }
        while self.eat_kw("with") {
            let at = self.span().start;
            match self.simple_type() {
                TypeRef::Named { name, .. } => parents.push(name),
                _ => self.unsupported(self.since(at), "this kind of parent"),
            }
        }
        if args.len() > 1 {
            self.unsupported(name_span, "a second argument list to a parent class");
        }
        let (body, uses_this, uses_super) = self.class_body();
        let span = self.since(start);
        self.anonymous += 1;
        let name = format!("{ANON}${}", self.anonymous);
        let def = ClassDef {
            name: name.clone(),
            name_span,
            params: Vec::new(),
            defaults: Vec::new(),
            public: Vec::new(),
            mutable: Vec::new(),
            parents,
            parent_args: args.into_iter().next().unwrap_or_default(),
            is_abstract: false,
            body,
            uses_this,
            uses_super,
            local: true,
            is_trait: false,
        };
        let make = ExprKind::New {
            class: TypeRef::Named {
                name,
                args: Vec::new(),
                span: name_span,
            },
            args: Vec::new(),
        };
        let stmts = vec![
            Stmt {
                kind: StmtKind::Class(std::rc::Rc::new(def)),
                span,
            },
            Stmt {
                kind: StmtKind::Expr(Expr::new(make, span)),
                span,
            },
        ];
        Expr::new(ExprKind::Block(stmts), span)
    }

    // ---- patterns ----

    /// A pattern in `case`: alternatives `p1 | p2` of [`Self::typed_pattern`]s.
    fn pattern(&mut self) -> Pattern {
        let start = self.span().start;
        let first = self.typed_pattern();
        if !self.at_op("|") {
            return first;
        }
        let mut alts = vec![first];
        while self.eat_op("|") {
            alts.push(self.typed_pattern());
        }
        Pattern::Alt(alts, self.since(start))
    }

    /// `x: Type`, or a [`Self::bound_pattern`].
    fn typed_pattern(&mut self) -> Pattern {
        let start = self.span().start;
        let p = self.bound_pattern();
        if self.at_op(":") {
            self.bump();
            let t = self.ty_in(false);
            return Pattern::Typed(Box::new(p), t, self.since(start));
        }
        p
    }

    /// `name @ p`, or a [`Self::cons_pattern`].
    fn bound_pattern(&mut self) -> Pattern {
        let start = self.span().start;
        let p = self.cons_pattern();
        if !self.at_op("@") {
            return p;
        }
        self.bump();
        let inner = self.cons_pattern();
        match p {
            Pattern::Bind(name, _) if matches!(inner, Pattern::SeqRest(None, _)) => {
                Pattern::SeqRest(Some(name), self.since(start))
            }
            Pattern::Bind(name, _) => Pattern::Binder(name, Box::new(inner), self.since(start)),
            Pattern::Wildcard(_) => inner,
            other => {
                let found = "a pattern".to_string();
                self.err(
                    other.span(),
                    "unexpected_token",
                    vec!["a name".into(), found],
                );
                inner
            }
        }
    }

    /// `head :: tail` (right-associative), or a simple pattern.
    fn cons_pattern(&mut self) -> Pattern {
        let start = self.span().start;
        let head = self.simple_pattern();
        if !self.at_op("::") {
            return head;
        }
        self.bump();
        let tail = self.cons_pattern();
        Pattern::Cons(Box::new(head), Box::new(tail), self.since(start))
    }

    /// How many tokens qualify a pattern's name (`scala.` 2, `scala.util.` 4) when it is
    /// one of Scala's own written in full (`scala.util.Success(v)`).
    fn qualified_pattern(&self) -> Option<usize> {
        let dot = |k: usize| matches!(self.peek_at(k), Tok::Punct(b'.'));
        let name = |k: usize| {
            matches!(self.peek_at(k), Tok::Ident(c) if matches!(c.as_str(),
                "Some" | "None" | "Left" | "Right" | "Success" | "Failure"))
        };
        let util = matches!(self.peek_at(2), Tok::Ident(u) if u == "util") && dot(3);
        match (dot(1), util) {
            (true, true) if name(4) => Some(4),
            (true, false) if name(2) => Some(2),
            _ => None,
        }
    }

    fn simple_pattern(&mut self) -> Pattern {
        let span = self.span();
        if !self.enter() {
            return Pattern::Wildcard(span);
        }
        let p = match self.tok().clone() {
            Tok::Ident(n) if n == "scala" && self.qualified_pattern().is_some() => {
                // `case scala.util.Success(v)`, `case scala.Some(x)`: the names in full.
                for _ in 0..self.qualified_pattern().unwrap_or(0) {
                    self.bump();
                }
                self.simple_pattern()
            }
            Tok::Ident(n) if n == "_" && matches!(self.peek_at(1), Tok::Op(o) if o == "*") => {
                // `_*`: the rest of a sequence.
                self.bump();
                self.bump();
                Pattern::SeqRest(None, self.since(span.start))
            }
            Tok::Ident(n) if n == "_" => {
                self.bump();
                Pattern::Wildcard(span)
            }
            Tok::Ident(n) if n == "None" => {
                self.bump();
                Pattern::None(span)
            }
            Tok::Ident(n) if n == "Some" && matches!(self.peek_at(1), Tok::Punct(b'(')) => {
                self.bump();
                self.bump();
                self.nl.push(false);
                let inner = self.pattern();
                self.close(b')');
                self.nl.pop();
                Pattern::Some(Box::new(inner), self.since(span.start))
            }
            Tok::Ident(n) if n == "true" || n == "false" => {
                self.bump();
                Pattern::Lit(Lit::Bool(n == "true"), span)
            }
            Tok::Interp { id, parts } if id == "s" => {
                // `s"$key=$value"`: literal parts around holes, each a name or `_`.
                self.bump();
                let mut texts = vec![String::new()];
                let mut names = Vec::new();
                for part in parts {
                    let name = match part {
                        RawPart::Text(t) => {
                            if let Some(last) = texts.last_mut() {
                                last.push_str(&t);
                            }
                            continue;
                        }
                        RawPart::Name(n, _) => n,
                        RawPart::Block(at) => {
                            let inner = self.src.get(at.start as usize..at.end as usize);
                            let inner = inner.unwrap_or("").trim();
                            if !inner.chars().all(|c| c == '_' || c.is_alphanumeric())
                                || inner.is_empty()
                            {
                                self.unsupported(
                                    at,
                                    "patterns other than names in an interpolated pattern",
                                );
                            }
                            inner.to_string()
                        }
                    };
                    names.push((name != "_").then_some(name));
                    texts.push(String::new());
                }
                Pattern::Interp(texts, names, span)
            }
            Tok::Ident(n) if n == "null" => {
                self.bump();
                Pattern::Lit(Lit::Null, span)
            }
            Tok::Ident(n)
                if !is_keyword(&n)
                    && n.starts_with(char::is_uppercase)
                    && matches!(self.peek_at(1), Tok::Punct(b'(')) =>
            {
                // `Word(t, n)`: a case class's fields.
                self.bump();
                let items = self.pattern_args();
                Pattern::Ctor(n, items, self.since(span.start))
            }
            Tok::Ident(n)
                if !is_keyword(&n)
                    && n.starts_with(char::is_uppercase)
                    && !matches!(self.peek_at(1), Tok::Punct(b'.' | b'(')) =>
            {
                // `case Stop =>`: a case object, or a constant.
                self.bump();
                Pattern::Stable(n, span)
            }
            Tok::Ident(n) if !is_keyword(&n) => {
                self.bump();
                if n.starts_with(char::is_uppercase) || self.at_p(b'.') || self.at_p(b'(') {
                    self.unsupported(span, "constant patterns");
                    if self.at_p(b'(') {
                        self.bump();
                        self.skip_to_close(b')');
                        self.eat_p(b')');
                    }
                    Pattern::Wildcard(self.since(span.start))
                } else {
                    Pattern::Bind(n, span)
                }
            }
            Tok::Punct(b'(') => {
                let mut items = self.pattern_args();
                let sp = self.since(span.start);
                match items.len() {
                    0 => Pattern::Lit(Lit::Unit, sp),
                    1 => items.pop().unwrap_or(Pattern::Wildcard(sp)),
                    _ => Pattern::Tuple(items, sp),
                }
            }
            Tok::Int(_)
            | Tok::Long(_)
            | Tok::Double(_)
            | Tok::Str(_)
            | Tok::Char(_)
            | Tok::Op(_) => {
                let e = self.prefix();
                match e.kind {
                    ExprKind::Lit(l) => Pattern::Lit(l, e.span),
                    _ => {
                        self.expected("a pattern");
                        Pattern::Wildcard(e.span)
                    }
                }
            }
            _ => {
                self.expected("a pattern");
                Pattern::Wildcard(span)
            }
        };
        self.depth -= 1;
        p
    }

    /// `(p1, p2, ...)`, from the `(`.
    fn pattern_args(&mut self) -> Vec<Pattern> {
        self.comma_list(b')', Self::pattern)
    }

    /// Items separated by commas, from the opening bracket (at the parser) to `close`.
    fn comma_list<T>(&mut self, close: u8, mut item: impl FnMut(&mut Self) -> T) -> Vec<T> {
        self.bump();
        self.nl.push(false);
        let mut items = Vec::new();
        while !self.at_p(close) && !self.at_eof() {
            items.push(item(self));
            if !self.eat_p(b',') {
                break;
            }
        }
        self.close(close);
        self.nl.pop();
        items
    }

    // ---- types ----

    fn type_args(&mut self) -> Vec<TypeRef> {
        self.comma_list(b']', Self::ty)
    }

    /// A type, including function types.
    fn ty(&mut self) -> TypeRef {
        self.ty_in(true)
    }

    /// A type; `=>` after it makes a function type only when `arrow` (not in `case x: T =>`).
    fn ty_in(&mut self, arrow: bool) -> TypeRef {
        let start = self.span().start;
        if !self.enter() {
            return unit_type(self.span());
        }
        let t = if self.at_p(b'(') {
            self.bump();
            self.nl.push(false);
            let mut items = Vec::new();
            while !self.at_p(b')') && !self.at_eof() {
                self.eat_op("=>");
                items.push(self.ty());
                if !self.eat_p(b',') {
                    break;
                }
            }
            self.close(b')');
            self.nl.pop();
            if arrow && self.at_op("=>") {
                self.bump();
                let r = self.ty();
                TypeRef::Function(items, Box::new(r), self.since(start))
            } else if items.len() == 1 {
                items.pop().unwrap_or_else(|| unit_type(self.since(start)))
            } else {
                TypeRef::Tuple(items, self.since(start))
            }
        } else {
            let t = self.simple_type();
            if arrow && self.at_op("=>") && !self.line_ends() {
                self.bump();
                let r = self.ty();
                TypeRef::Function(vec![t], Box::new(r), self.since(start))
            } else {
                t
            }
        };
        self.depth -= 1;
        t
    }

    /// A possibly qualified name with type arguments.
    fn simple_type(&mut self) -> TypeRef {
        let start = self.span().start;
        let name = if self.at_kw("_") {
            self.bump();
            "_".to_string()
        } else {
            self.qual_name()
        };
        let args = if self.at_p(b'[') {
            self.type_args()
        } else {
            vec![]
        };
        if args.is_empty() {
            if let Some((_, t)) = self.aliases.iter().rev().find(|(a, _)| *a == name) {
                return t.clone();
            }
        }
        TypeRef::Named {
            name,
            args,
            span: self.since(start),
        }
    }
}

/// A top-level `object` as parsed, before the file decides which one is the program's.
#[derive(Default)]
struct ParsedObject {
    name: Option<String>,
    /// `extends App`.
    app: bool,
    imports: Vec<(String, Span)>,
    /// Its `def`s other than `main`.
    defs: Vec<Stmt>,
    /// Its other statements (vals, case classes...), in order.
    stmts: Vec<Stmt>,
    /// `main`'s statements.
    main: Option<Vec<Stmt>>,
}
