//! The syntax tree of the Scala subset the playground runs.
//!
//! The parser (`parser.rs`) builds it; the interpreter (`interp.rs`) walks it. Placeholder
//! syntax is already desugared here: `_ + _` arrives as `Lambda { params: [x$1, x$2], .. }`, so
//! later stages never see a bare `_` in expression position. Every node carries the byte
//! span of its source text, so diagnostics and the playground's scope colouring can point at it.

/// A byte range `[start, end)` in the program text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// A whole source file: `package`, `import`s, and the statements of the program's `main`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SourceFile {
    /// `package a.b.c`, if any.
    pub package: Option<String>,
    /// Every `import` line, as written after `import` (e.g. `org.apache.spark.SparkConf`).
    pub imports: Vec<(String, Span)>,
    /// The name of the enclosing `object`, when the file is a whole program.
    pub object_name: Option<String>,
    /// The statements of `main` (or of the bare body, when the file is just a body).
    pub body: Vec<Stmt>,
    /// `def`s declared at object level beside `main` (helper functions), in order.
    pub object_defs: Vec<Stmt>,
    /// The file's other objects (`object Utils { def clean(s: String) = ... }`), which the
    /// program's code uses by name.
    pub helpers: Vec<HelperObject>,
    /// How many of `body`'s first statements are the object's (or the file's) rather than
    /// `main`'s: object-level `val`s and `var`s, static fields that a program's tasks share
    /// with its driver in local mode. 0 for a bare body.
    pub statics: usize,
    /// `object P extends App`: every statement of `body` is the object's, a static field from
    /// the moment it is defined (oracle: `extends_app`).
    pub app: bool,
}

/// A helper object: its `def`s, then its other statements, run when it is first used (a
/// Scala object initialises lazily).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HelperObject {
    /// Its name.
    pub name: String,
    /// Its definitions and statements.
    pub body: Vec<Stmt>,
}

impl HelperObject {
    /// Does the object define `name` (a `def`, a `val`/`var`, a case class)?
    pub fn defines(&self, name: &str) -> bool {
        self.body.iter().any(|s| match &s.kind {
            StmtKind::Def { name: n, .. } | StmtKind::CaseClass { name: n, .. } => n == name,
            StmtKind::Val {
                pat: Pattern::Bind(n, _),
                ..
            } => n == name,
            _ => false,
        })
    }

    /// Does `import text` open this object (`import Utils._`, `import Utils.{a, b}`)?
    pub fn opened_by(&self, text: &str) -> bool {
        text.strip_prefix(self.name.as_str())
            .is_some_and(|rest| rest.starts_with('.'))
    }
}

/// What the name the parser gives an anonymous class (`new StreamingListener { ... }`) starts
/// with: `$anon$1` for the file's first, as scalac's `P$$anon$1`.
pub const ANON: &str = "$anon";

/// A `class` as written: `class ByLength(n: Int) extends Partitioner { def numPartitions = n
/// ... }`.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassDef {
    /// Its name.
    pub name: String,
    /// Where the name is.
    pub name_span: Span,
    /// The constructor's parameters.
    pub params: Vec<Param>,
    /// Their defaults.
    pub defaults: Vec<Option<Expr>>,
    /// Which parameters are fields others may read: `val` or `var` ones.
    pub public: Vec<bool>,
    /// Which parameters are `var`s.
    pub mutable: Vec<bool>,
    /// The classes and traits it extends (`Serializable` included).
    pub parents: Vec<String>,
    /// The arguments it passes to its first parent's constructor (`extends Shape("circle")`).
    pub parent_args: Vec<Expr>,
    /// `abstract class` or `trait`: not to be made with `new`.
    pub is_abstract: bool,
    /// Its body: members and the constructor's statements, in order.
    pub body: Vec<Stmt>,
    /// Whether the body names `this`.
    pub uses_this: bool,
    /// Whether the body names `super`.
    pub uses_super: bool,
    /// Defined inside a method (`main`): the JVM names it `P$Name$1`.
    pub local: bool,
    /// Written `trait` (scalac's messages say "trait Name", else "class Name").
    pub is_trait: bool,
}

/// A statement in a block or in `main`.
#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    /// What kind of statement.
    pub kind: StmtKind,
    /// The statement's whole text.
    pub span: Span,
}

/// The kinds of statement.
#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    /// `val p: T = e` or `var p: T = e` (`mutable`), `lazy val x = e` (`lazy`). `var x: T = _`
    /// is not supported.
    Val {
        /// `var` rather than `val`.
        mutable: bool,
        /// `lazy val`: `init` runs at the first use.
        lazy: bool,
        /// What is bound: a name, or a tuple pattern `val (a, b) = ...`.
        pat: Pattern,
        /// The declared type, if written.
        ty: Option<TypeRef>,
        /// The initialiser.
        init: Expr,
    },
    /// `def f(a: A, b: B): R = body` (also `def f: R = body` with no parameter list).
    Def {
        /// The function's name.
        name: String,
        /// Where the name is.
        name_span: Span,
        /// Parameter lists (usually one; none for `def f = ...`). A repeated parameter
        /// (`xs: Int*`) has the type `*[Int]`.
        params: Vec<Vec<Param>>,
        /// Each parameter's default (`greeting: String = "hi"`), in order over the lists;
        /// empty when none has one.
        defaults: Vec<Option<Expr>>,
        /// The declared result type.
        ret: Option<TypeRef>,
        /// The body.
        body: Expr,
    },
    /// `target = value`, or `target op= value` for `+=`, `-=`, `*=`, `/=` (`op` is then `Some`).
    Assign {
        /// A name (`x`) or a selection (`a.b`).
        target: Expr,
        /// For compound assignment, the operator (`+` for `+=`).
        op: Option<BinOp>,
        /// The right-hand side.
        value: Expr,
    },
    /// `case class Name(field: T, ...) { def m(...) = ... }`: a class of immutable records
    /// (see `case_class.rs`). Its body may hold `def`s only.
    CaseClass {
        /// The class's name.
        name: String,
        /// Where the name is.
        name_span: Span,
        /// The fields, in order (every one typed).
        fields: Vec<Param>,
        /// Each field's default value, if it has one.
        defaults: Vec<Option<Expr>>,
        /// The `def`s of its body, in order.
        methods: Vec<Stmt>,
        /// The traits and classes it extends (`Serializable` and `Product` left out).
        parents: Vec<String>,
        /// The arguments it passes to its first parent's constructor (`extends
        /// Shape("square")`).
        parent_args: Vec<Expr>,
        /// The fields written `override val`.
        overriding: Vec<String>,
        /// `case object Name`: the one instance, no fields.
        object: bool,
    },
    /// `class Name(params) extends P with T { body }`: objects with identity and state (see
    /// `class_def.rs`).
    Class(std::rc::Rc<ClassDef>),
    /// `object Name { ... }` inside a block (`main`'s): initialised at its first use, like a
    /// top-level helper object, but in the block's scope.
    Object(std::rc::Rc<HelperObject>),
    /// `sealed trait Name` (or `abstract class Name`) without members: a type the program's
    /// case classes and objects extend, so a pattern `e: Name` takes them all.
    Trait {
        /// The trait's name.
        name: String,
        /// Where the name is.
        name_span: Span,
    },
    /// `import ...` inside a body (allowed anywhere in Scala).
    Import(String),
    /// An expression evaluated for its effect (or as the block's value when last).
    Expr(Expr),
}

/// A binding pattern (in `val`, lambda `case`, `match`).
#[derive(Clone, Debug, PartialEq)]
pub enum Pattern {
    /// A name that binds, with its span.
    Bind(String, Span),
    /// `_`: matches anything, binds nothing.
    Wildcard(Span),
    /// `(p1, p2, ...)`.
    Tuple(Vec<Pattern>, Span),
    /// A literal to compare with (`case 0 =>`, `case "a" =>`).
    Lit(Lit, Span),
    /// `Some(p)`.
    Some(Box<Pattern>, Span),
    /// `None`.
    None(Span),
    /// `name: Type` (a typed pattern, e.g. `case s: String =>`).
    Typed(Box<Pattern>, TypeRef, Span),
    /// `Name(p1, p2, ...)`: a case class's fields (or `Success(v)`, `Failure(e)` of a `Try`).
    Ctor(String, Vec<Pattern>, Span),
    /// `Name` (capitalised): equal to the value of that name, a case object or a constant.
    Stable(String, Span),
    /// `head :: tail`: a non-empty `List`.
    Cons(Box<Pattern>, Box<Pattern>, Span),
    /// `p1 | p2`: the first that matches (binding nothing, as Scala requires).
    Alt(Vec<Pattern>, Span),
    /// `name @ p`: `p`, with the whole value bound to `name`.
    Binder(String, Box<Pattern>, Span),
    /// `_*` or `rest @ _*`, last in `Array(a, _*)`, `List(h, rest @ _*)`: the sequence's
    /// other elements, bound to the name if there is one.
    SeqRest(Option<String>, Span),
    /// `s"$key=$value"`: a string of the literal parts (one more than the holes) with any
    /// text in each hole, bound to the hole's name (`_`: bound to none).
    Interp(Vec<String>, Vec<Option<String>>, Span),
}

impl Pattern {
    /// Where the pattern is.
    pub fn span(&self) -> Span {
        match self {
            Pattern::Bind(_, s)
            | Pattern::Wildcard(s)
            | Pattern::Tuple(_, s)
            | Pattern::Lit(_, s)
            | Pattern::Some(_, s)
            | Pattern::None(s)
            | Pattern::Typed(_, _, s)
            | Pattern::Ctor(_, _, s)
            | Pattern::Stable(_, s)
            | Pattern::Cons(_, _, s)
            | Pattern::Alt(_, s)
            | Pattern::Binder(_, _, s)
            | Pattern::SeqRest(_, s)
            | Pattern::Interp(_, _, s) => *s,
        }
    }

    /// How many names the pattern binds (`(k, v)`: 2).
    pub fn bound_count(&self) -> usize {
        match self {
            Pattern::Bind(..) => 1,
            Pattern::SeqRest(n, _) => usize::from(n.is_some()),
            Pattern::Interp(_, names, _) => names.iter().flatten().count(),
            Pattern::Wildcard(_) | Pattern::Lit(..) | Pattern::None(_) | Pattern::Stable(..) => 0,
            Pattern::Alt(..) => 0,
            Pattern::Tuple(ps, _) | Pattern::Ctor(_, ps, _) => {
                ps.iter().map(Self::bound_count).sum()
            }
            Pattern::Some(p, _) | Pattern::Typed(p, _, _) => p.bound_count(),
            Pattern::Cons(h, t, _) => h.bound_count() + t.bound_count(),
            Pattern::Binder(_, p, _) => 1 + p.bound_count(),
        }
    }
}

/// A written type, kept for display and cheap checks: `Int`, `DStream[(String, Int)]`,
/// `(Int, Int) => Int`, `Array[String]`.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeRef {
    /// A possibly qualified name with type arguments: `Seq[Int]`, `org.apache.spark.rdd.RDD[T]`.
    Named {
        /// The name as written (`Seq`, `RDD`, `State`).
        name: String,
        /// Type arguments.
        args: Vec<TypeRef>,
        /// Where it is.
        span: Span,
    },
    /// `(A, B)`.
    Tuple(Vec<TypeRef>, Span),
    /// `(A, B) => R` or `A => R`.
    Function(Vec<TypeRef>, Box<TypeRef>, Span),
}

impl TypeRef {
    /// Where the type is written.
    pub fn span(&self) -> Span {
        match self {
            TypeRef::Named { span, .. }
            | TypeRef::Tuple(_, span)
            | TypeRef::Function(_, _, span) => *span,
        }
    }
}

/// A lambda or `def` parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// The name (`_` for a wildcard parameter `_ => ...`; `x$1`, `x$2`, ... for desugared
    /// placeholders, numbered as scalac numbers them).
    pub name: String,
    /// The declared type, if any.
    pub ty: Option<TypeRef>,
    /// Where the parameter is.
    pub span: Span,
}

/// An expression with its span.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// What kind of expression.
    pub kind: ExprKind,
    /// Its whole text.
    pub span: Span,
}

/// Literals.
#[derive(Clone, Debug, PartialEq)]
pub enum Lit {
    /// `42` (fits in `Int`).
    Int(i32),
    /// `42L`, or an integer literal too big for `Int` (the parser reports that as an error).
    Long(i64),
    /// `1.5`, `1.5d`, `2e3`.
    Double(f64),
    /// `"text"` with escapes resolved, or `"""raw"""` (shared with the values it evaluates to:
    /// `split(" ")` called per line does not copy its `" "`).
    Str(std::rc::Rc<str>),
    /// `'c'`.
    Char(char),
    /// `true` / `false`.
    Bool(bool),
    /// `null`.
    Null,
    /// `()`.
    Unit,
}

/// Binary operators, written infix (`a + b`) in the source. Any other infix name
/// (`1 to 5`, `a max b`, `xs contains 3`) becomes a `MethodCall` with one argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `%`
    Rem,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `&&`
    And,
    /// `||`
    Or,
    /// `&` (bitwise on Int, non-short-circuit on Boolean)
    BitAnd,
    /// `|`
    BitOr,
    /// `^`
    BitXor,
    /// `<<`
    Shl,
    /// `>>`
    Shr,
    /// `>>>`
    UShr,
    /// `++` (collections, strings)
    Concat,
    /// `::` (list cons; right-associative)
    Cons,
    /// `->` (pair: `a -> b` is `(a, b)`)
    Arrow,
}

impl BinOp {
    /// The operator as Scala writes it.
    pub fn text(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Rem => "%",
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::And => "&&",
            BinOp::Or => "||",
            BinOp::BitAnd => "&",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
            BinOp::Shl => "<<",
            BinOp::Shr => ">>",
            BinOp::UShr => ">>>",
            BinOp::Concat => "++",
            BinOp::Cons => "::",
            BinOp::Arrow => "->",
        }
    }
}

/// Unary prefix operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnOp {
    /// `!`
    Not,
    /// `-`
    Neg,
    /// `~`
    BitNot,
}

/// A part of an interpolated string `s"a $b ${c + 1}"`.
#[derive(Clone, Debug, PartialEq)]
pub enum InterpPart {
    /// Literal text (escapes resolved).
    Text(String),
    /// `$name` or `${expr}`.
    Expr(Expr),
}

/// A `case` in a `match` or in a pattern-matching anonymous function `{ case (k, v) => ... }`.
#[derive(Clone, Debug, PartialEq)]
pub struct Case {
    /// The pattern.
    pub pat: Pattern,
    /// `if guard`, if any.
    pub guard: Option<Expr>,
    /// The body (a block when several statements follow `=>`).
    pub body: Expr,
    /// The whole case.
    pub span: Span,
}

/// The kinds of expression.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// A literal.
    Lit(Lit),
    /// A name: a local, a parameter, or a known global (`println`, `Seconds`, `Some`, `None`,
    /// `StateSpec`, `Thread`, `Duration`...). Qualified names like `org.apache.spark.x` arrive
    /// as `Field` chains.
    Ident(String),
    /// `recv.name` with no argument list: a field, or a method called without parentheses
    /// (`state.getOption`, `values.sum`, `x._1`). `name_span` points at `name`.
    Field {
        /// The receiver.
        recv: Box<Expr>,
        /// The member name.
        name: String,
        /// Where `name` is.
        name_span: Span,
    },
    /// `recv.name[T](args)(more args)`, or infix `recv name arg`. Each argument list is kept
    /// apart: `foldLeft(0)(_ + _)` has two. A block argument `foo { ... }` is one list with one
    /// argument.
    MethodCall {
        /// The receiver.
        recv: Box<Expr>,
        /// The method name.
        name: String,
        /// Where `name` is.
        name_span: Span,
        /// Explicit type arguments, if written.
        targs: Vec<TypeRef>,
        /// The argument lists.
        args: Vec<Vec<Expr>>,
    },
    /// `f(args)...`: calling something that is not a `recv.name` selection: a local function
    /// value, a global (`println(x)`, `Seconds(5)`, `Some(1)`), or an apply on a value
    /// (`x(0)` indexes an array).
    Apply {
        /// What is called.
        func: Box<Expr>,
        /// Explicit type arguments, if written (`List[Int](1, 2)`).
        targs: Vec<TypeRef>,
        /// The argument lists.
        args: Vec<Vec<Expr>>,
    },
    /// `new Name[T](args)`.
    New {
        /// The class as written (`SparkConf`, `StreamingContext`, `org.apache.spark.SparkConf`).
        class: TypeRef,
        /// Argument lists (empty for `new X`).
        args: Vec<Vec<Expr>>,
    },
    /// `(a, b, ...)` with at least two elements.
    Tuple(Vec<Expr>),
    /// `{ stmts }`: the value is the last statement's if it is an expression, else `()`.
    Block(Vec<Stmt>),
    /// `lhs op rhs`.
    Binary {
        /// The operator.
        op: BinOp,
        /// Where the operator is.
        op_span: Span,
        /// Left operand.
        lhs: Box<Expr>,
        /// Right operand.
        rhs: Box<Expr>,
    },
    /// `op e`.
    Unary {
        /// The operator.
        op: UnOp,
        /// The operand.
        expr: Box<Expr>,
    },
    /// `(a: A, b) => body`, `x => body`, `_ => body`, and desugared placeholders.
    Lambda {
        /// Parameters.
        params: Vec<Param>,
        /// The body.
        body: Box<Expr>,
    },
    /// `{ case p => e; ... }` used as a function (one parameter, matched against the cases).
    CaseLambda(Vec<Case>),
    /// `if (cond) then else else_` (`else_` absent means `()`).
    If {
        /// The condition.
        cond: Box<Expr>,
        /// The `then` branch.
        then: Box<Expr>,
        /// The `else` branch.
        else_: Option<Box<Expr>>,
    },
    /// `try body catch { cases } finally fin` (either part may be absent).
    Try {
        /// What is tried.
        body: Box<Expr>,
        /// The `catch` cases, matched against the exception thrown.
        cases: Vec<Case>,
        /// The `finally` expression, run whatever happened.
        finally: Option<Box<Expr>>,
    },
    /// `scrutinee match { cases }`.
    Match {
        /// The value matched.
        scrutinee: Box<Expr>,
        /// The cases, in order.
        cases: Vec<Case>,
    },
    /// `s"..."` (also `f"..."` and `raw"..."`: `interpolator` says which).
    Interpolated {
        /// `s`, `f` or `raw`.
        interpolator: String,
        /// The parts, in order.
        parts: Vec<InterpPart>,
    },
    /// `e: Type` (a type ascription), kept for checks.
    Ascribe(Box<Expr>, TypeRef),
    /// `while (cond) body`.
    While {
        /// The condition.
        cond: Box<Expr>,
        /// The body.
        body: Box<Expr>,
    },
    /// `for (x <- xs) body` / `for (x <- xs) yield body`, with one or more generators.
    For {
        /// `(pattern, collection)` generators, in order; guards are `if` filters on the last.
        gens: Vec<(Pattern, Expr, Option<Expr>)>,
        /// `yield` rather than a loop.
        is_yield: bool,
        /// The body.
        body: Box<Expr>,
    },
    /// `return e` (only meaningful inside `def`).
    Return(Option<Box<Expr>>),
    /// `throw e`.
    Throw(Box<Expr>),
    /// A piece of syntax the parser recognised but could not build (it already reported a
    /// diagnostic); evaluating it is an error. Lets the parser recover and go on.
    Error,
}

impl Expr {
    /// An expression of `kind` covering `span`.
    pub fn new(kind: ExprKind, span: Span) -> Expr {
        Expr { kind, span }
    }
}
