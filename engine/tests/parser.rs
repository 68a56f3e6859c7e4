//! Tests of the Scala parser: the golden programs and the lesson's snippets parse cleanly,
//! placeholder and lambda desugaring give the expected trees (printed as S-expressions),
//! errors are recovered from and located, and random input never makes `parse` panic.

use dstream_engine::scala::ast::*;
use dstream_engine::scala::diag::{Diagnostic, LineIndex};

/// The front-end's diagnostics on a fragment. These tests are about syntax: fragments use
/// names their host program defines, so `unknown_name` (tested in `diagnostics.rs`) is left
/// out here.
fn parse(src: &str) -> (SourceFile, Vec<Diagnostic>) {
    let (file, diags) = dstream_engine::scala::parser::parse(src);
    let diags = diags
        .into_iter()
        .filter(|d| d.kind != "unknown_name")
        .collect();
    (file, diags)
}
use dstream_engine::snippets::{snippet, Kind, SNIPPETS};
use proptest::prelude::*;
use std::fmt::Write;
use std::path::PathBuf;

// ---- a compact S-expression printer ----

fn ty(t: &TypeRef) -> String {
    let list = |ts: &[TypeRef]| ts.iter().map(ty).collect::<Vec<_>>().join(",");
    match t {
        TypeRef::Named { name, args, .. } if args.is_empty() => name.clone(),
        TypeRef::Named { name, args, .. } => format!("{name}[{}]", list(args)),
        TypeRef::Tuple(ts, _) => format!("({})", list(ts)),
        TypeRef::Function(ps, r, _) => format!("({})=>{}", list(ps), ty(r)),
    }
}

fn lit(l: &Lit) -> String {
    match l {
        Lit::Int(v) => v.to_string(),
        Lit::Long(v) => format!("{v}L"),
        Lit::Double(v) => format!("{v:?}"),
        Lit::Str(s) => format!("{s:?}"),
        Lit::Char(c) => format!("{c:?}"),
        Lit::Bool(b) => b.to_string(),
        Lit::Null => "null".into(),
        Lit::Unit => "()".into(),
    }
}

fn pat(p: &Pattern) -> String {
    match p {
        Pattern::Bind(n, _) => n.clone(),
        Pattern::Wildcard(_) => "_".into(),
        Pattern::Tuple(ps, _) => format!("({})", ps.iter().map(pat).collect::<Vec<_>>().join(" ")),
        Pattern::Lit(l, _) => lit(l),
        Pattern::Some(p, _) => format!("Some({})", pat(p)),
        Pattern::None(_) => "None".into(),
        Pattern::Typed(p, t, _) => format!("{}:{}", pat(p), ty(t)),
        Pattern::Stable(n, _) => format!("={n}"),
        Pattern::Ctor(n, ps, _) => {
            format!("{n}({})", ps.iter().map(pat).collect::<Vec<_>>().join(" "))
        }
        Pattern::Cons(h, t, _) => format!("(:: {} {})", pat(h), pat(t)),
        Pattern::Alt(ps, _) => format!("(| {})", ps.iter().map(pat).collect::<Vec<_>>().join(" ")),
        Pattern::Binder(n, p, _) => format!("{n}@{}", pat(p)),
        Pattern::SeqRest(None, _) => "_*".into(),
        Pattern::SeqRest(Some(n), _) => format!("{n}@_*"),
        Pattern::Interp(texts, names, _) => {
            let holes = names.iter().map(|n| n.as_deref().unwrap_or("_"));
            format!("(s {texts:?} {})", holes.collect::<Vec<_>>().join(" "))
        }
    }
}

fn param(p: &Param) -> String {
    match &p.ty {
        Some(t) => format!("{}:{}", p.name, ty(t)),
        None => p.name.clone(),
    }
}

fn exprs(es: &[Expr]) -> String {
    es.iter().map(expr).collect::<Vec<_>>().join(" ")
}

fn arg_lists(lists: &[Vec<Expr>]) -> String {
    lists.iter().map(|l| format!(" ({})", exprs(l))).collect()
}

fn targs(ts: &[TypeRef]) -> String {
    if ts.is_empty() {
        String::new()
    } else {
        format!("[{}]", ts.iter().map(ty).collect::<Vec<_>>().join(","))
    }
}

fn case(c: &Case) -> String {
    let g = c
        .guard
        .as_ref()
        .map(|g| format!(" if {}", expr(g)))
        .unwrap_or_default();
    format!("(case {}{g} {})", pat(&c.pat), expr(&c.body))
}

fn expr(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Lit(l) => lit(l),
        ExprKind::Ident(n) => n.clone(),
        ExprKind::Field { recv, name, .. } => format!("(. {} {name})", expr(recv)),
        ExprKind::MethodCall {
            recv,
            name,
            targs: t,
            args,
            ..
        } => format!("(.{name}{} {}{})", targs(t), expr(recv), arg_lists(args)),
        ExprKind::Apply {
            func,
            targs: t,
            args,
        } => {
            format!("(call {}{}{})", expr(func), targs(t), arg_lists(args))
        }
        ExprKind::New { class, args } => format!("(new {}{})", ty(class), arg_lists(args)),
        ExprKind::Tuple(es) => format!("(tuple {})", exprs(es)),
        ExprKind::Block(ss) => {
            format!("{{{}}}", ss.iter().map(stmt).collect::<Vec<_>>().join("; "))
        }
        ExprKind::Binary { op, lhs, rhs, .. } => format!("({op:?} {} {})", expr(lhs), expr(rhs)),
        ExprKind::Unary { op, expr: x } => format!("({op:?} {})", expr(x)),
        ExprKind::Lambda { params, body } => format!(
            "(fn [{}] {})",
            params.iter().map(param).collect::<Vec<_>>().join(" "),
            expr(body)
        ),
        ExprKind::CaseLambda(cs) => format!(
            "(cases {})",
            cs.iter().map(case).collect::<Vec<_>>().join(" ")
        ),
        ExprKind::If { cond, then, else_ } => match else_ {
            Some(e) => format!("(if {} {} {})", expr(cond), expr(then), expr(e)),
            None => format!("(if {} {})", expr(cond), expr(then)),
        },
        ExprKind::Match { scrutinee, cases } => format!(
            "(match {} {})",
            expr(scrutinee),
            cases.iter().map(case).collect::<Vec<_>>().join(" ")
        ),
        ExprKind::Interpolated {
            interpolator,
            parts,
        } => {
            let mut s = format!("({interpolator}");
            for p in parts {
                match p {
                    InterpPart::Text(t) => write!(s, " {t:?}").unwrap(),
                    InterpPart::Expr(e) => write!(s, " {}", expr(e)).unwrap(),
                }
            }
            s + ")"
        }
        ExprKind::Ascribe(e, t) => format!("(: {} {})", expr(e), ty(t)),
        ExprKind::While { cond, body } => format!("(while {} {})", expr(cond), expr(body)),
        ExprKind::For {
            gens,
            is_yield,
            body,
        } => {
            let mut s = String::from(if *is_yield { "(for-yield" } else { "(for" });
            for (p, e, g) in gens {
                write!(s, " ({} <- {}", pat(p), expr(e)).unwrap();
                if let Some(g) = g {
                    write!(s, " if {}", expr(g)).unwrap();
                }
                s.push(')');
            }
            format!("{s} {})", expr(body))
        }
        ExprKind::Return(e) => match e {
            Some(e) => format!("(return {})", expr(e)),
            None => "(return)".into(),
        },
        ExprKind::Throw(e) => format!("(throw {})", expr(e)),
        ExprKind::Try {
            body,
            cases,
            finally,
        } => format!(
            "(try {} [{}]{})",
            expr(body),
            cases.iter().map(case).collect::<Vec<_>>().join(" "),
            finally
                .as_ref()
                .map(|f| format!(" (finally {})", expr(f)))
                .unwrap_or_default()
        ),
        ExprKind::Error => "<error>".into(),
    }
}

fn stmt(s: &Stmt) -> String {
    match &s.kind {
        StmtKind::Val {
            mutable,
            lazy,
            pat: p,
            ty: t,
            init,
        } => {
            let t = t
                .as_ref()
                .map(|t| format!(":{}", ty(t)))
                .unwrap_or_default();
            let kw = match (*lazy, *mutable) {
                (true, _) => "lazy val",
                (false, true) => "var",
                (false, false) => "val",
            };
            format!("({kw} {}{t} {})", pat(p), expr(init))
        }
        StmtKind::Def {
            name,
            params,
            ret,
            body,
            ..
        } => {
            let ps: String = params
                .iter()
                .map(|l| format!("({})", l.iter().map(param).collect::<Vec<_>>().join(" ")))
                .collect();
            let r = ret
                .as_ref()
                .map(|t| format!(":{}", ty(t)))
                .unwrap_or_default();
            format!("(def {name}{ps}{r} {})", expr(body))
        }
        StmtKind::Assign { target, op, value } => match op {
            Some(op) => format!("({op:?}= {} {})", expr(target), expr(value)),
            None => format!("(= {} {})", expr(target), expr(value)),
        },
        StmtKind::Object(h) => {
            let body: Vec<String> = h.body.iter().map(stmt).collect();
            format!("(object {} {})", h.name, body.join(" "))
        }
        StmtKind::Class(c) => {
            let ps: Vec<String> = c
                .params
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let kw = match (c.mutable[i], c.public[i]) {
                        (true, _) => "var ",
                        (_, true) => "val ",
                        _ => "",
                    };
                    format!("{kw}{}", param(p))
                })
                .collect();
            let body: Vec<String> = c.body.iter().map(stmt).collect();
            format!(
                "(class {}({}) [{}] {})",
                c.name,
                ps.join(" "),
                c.parents.join(" "),
                body.join(" ")
            )
        }
        StmtKind::CaseClass {
            name,
            fields,
            defaults,
            methods,
            parents,
            object: true,
            ..
        } if fields.is_empty() && defaults.is_empty() && methods.is_empty() => {
            format!("(case object {name} {})", parents.join(" "))
        }
        StmtKind::CaseClass {
            name,
            fields,
            defaults,
            methods,
            ..
        } => {
            let fs: Vec<String> = fields
                .iter()
                .zip(defaults)
                .map(|(f, d)| match d {
                    Some(d) => format!("{}={}", param(f), expr(d)),
                    None => param(f),
                })
                .collect();
            let ms: String = methods.iter().map(|m| format!(" {}", stmt(m))).collect();
            format!("(case class {name}({}){ms})", fs.join(" "))
        }
        StmtKind::Trait { name, .. } => format!("(trait {name})"),
        StmtKind::Import(t) => format!("(import {t})"),
        StmtKind::Expr(e) => expr(e),
    }
}

fn body(src: &str) -> String {
    let (f, diags) = parse(src);
    assert!(diags.is_empty(), "{src}\n{}", report(src, &diags));
    f.body.iter().map(stmt).collect::<Vec<_>>().join("\n")
}

fn report(src: &str, diags: &[Diagnostic]) -> String {
    let idx = LineIndex::new(src);
    diags
        .iter()
        .map(|d| {
            let (l, c) = idx.line_col(d.span.start);
            format!("{l}:{c}: {} ({})\n", d.message(), d.kind)
        })
        .collect()
}

// ---- whole programs ----

fn golden_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/golden");
    let dir = if dir.is_dir() {
        dir
    } else {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/golden")
    };
    if dir.is_dir() {
        Some(dir)
    } else {
        println!(
            "note: {} is missing; skipping the golden programs",
            dir.display()
        );
        None
    }
}

fn golden_programs() -> Vec<(String, String)> {
    let Some(dir) = golden_dir() else {
        return vec![];
    };
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if let Some(stem) = name.strip_suffix(".program.json") {
            let json: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            out.push((
                stem.to_string(),
                json["program"].as_str().unwrap().to_string(),
            ));
        }
    }
    out.sort();
    out
}

#[test]
fn golden_programs_parse_cleanly() {
    let progs = golden_programs();
    let mut failures = String::new();
    for (name, src) in &progs {
        let (f, diags) = parse(src);
        if !diags.is_empty() {
            writeln!(failures, "{name}:\n{}", report(src, &diags)).unwrap();
        }
        assert!(!f.body.is_empty(), "{name}: empty body");
    }
    assert!(failures.is_empty(), "{failures}");
    if !progs.is_empty() {
        assert_eq!(progs.len(), 45);
    }
}

#[test]
fn lesson_snippets_parse_cleanly() {
    // Every Scala block of the lesson (`dstream_engine::snippets`, checked verbatim against
    // the lesson by `lesson_snippets.rs`), alone as written.
    assert!(SNIPPETS.len() >= 15);
    let mut failures = String::new();
    for s in SNIPPETS {
        let (_, diags) = parse(s.code);
        // Quoted signatures and Spark's own source are not programs: they only must not panic.
        if !matches!(s.kind, Kind::NotAProgram(_)) && !diags.is_empty() {
            writeln!(failures, "{}:\n{}", s.id, report(s.code, &diags)).unwrap();
        }
    }
    assert!(failures.is_empty(), "{failures}");
}

#[test]
fn lesson_receiver_program_has_object_main_and_imports() {
    let (f, diags) = parse(snippet("receiver01").unwrap().code);
    assert!(diags.is_empty());
    assert_eq!(f.package.as_deref(), Some("com.syndra.bigdata.streaming"));
    assert_eq!(f.object_name.as_deref(), Some("Lesson01_Receiver01"));
    let imports: Vec<&str> = f.imports.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        imports,
        [
            "org.apache.spark.SparkConf",
            "org.apache.spark.streaming.dstream.{DStream, ReceiverInputDStream}",
            "org.apache.spark.streaming.{Seconds, StreamingContext}",
        ]
    );
    assert_eq!(f.body.len(), 9);
    assert_eq!(
        stmt(&f.body[5]),
        "(val resDStream:DStream[(String,Int)] (.reduceByKey (.map flatDStream ((fn [x$2] (tuple x$2 1)))) ((fn [x$3 x$4] (Add x$3 x$4)))))"
    );
}

#[test]
fn object_shapes() {
    let src = "object A extends App {\n  val x = 1\n  def f(y: Int) = y + x\n  println(f(2))\n}";
    let (f, d) = parse(src);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(f.object_name.as_deref(), Some("A"));
    assert_eq!(
        f.body.iter().map(stmt).collect::<Vec<_>>(),
        ["(val x 1)", "(call println ((call f (2))))"]
    );
    assert_eq!(stmt(&f.object_defs[0]), "(def f(y:Int) (Add y x))");

    let src = "import a.b._\nobject B {\n  val k = 3\n  def helper(): Int = 4\n  def main(args: Array[String]) {\n    println(k)\n  }\n}\n";
    let (f, d) = parse(src);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(f.imports[0].0, "a.b._");
    assert_eq!(
        f.body.iter().map(stmt).collect::<Vec<_>>(),
        ["(val k 3)", "(call println (k))"]
    );
    assert_eq!(stmt(&f.object_defs[0]), "(def helper():Int 4)");
    let (g, _) = parse("import a.{b => c}\nimport x.y._\nval z = 1");
    let imports: Vec<&str> = g.imports.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(imports, ["a.{b => c}", "x.y._"]);
}

// ---- desugaring and shapes ----

#[test]
fn placeholders_desugar() {
    let cases = [
        ("xs.reduceByKey(_ + _)", "(.reduceByKey xs ((fn [x$1 x$2] (Add x$1 x$2))))"),
        ("xs.map(_.split(\" \"))", "(.map xs ((fn [x$1] (.split x$1 (\" \")))))"),
        ("xs.map((_, 1))", "(.map xs ((fn [x$1] (tuple x$1 1))))"),
        ("xs.filter(_._2 != 0)", "(.filter xs ((fn [x$1] (Ne (. x$1 _2) 0))))"),
        ("nv.count(_ > 0)", "(.count nv ((fn [x$1] (Gt x$1 0))))"),
        ("rdd.foreach(println(_))", "(.foreach rdd ((fn [x$1] (call println (x$1)))))"),
        ("xs.map(x => (x(0), x(1).toInt))", "(.map xs ((fn [x] (tuple (call x (0)) (. (call x (1)) toInt)))))"),
        ("Seq(1, 2).map(_ * 2).sum", "(. (.map (call Seq (1 2)) ((fn [x$1] (Mul x$1 2)))) sum)"),
        ("a.fold(0)(_ + _)", "(.fold a (0) ((fn [x$1 x$2] (Add x$1 x$2))))"),
        (
            "w.reduceByKeyAndWindow(_ + _, _ - _, Seconds(5))",
            "(.reduceByKeyAndWindow w ((fn [x$1 x$2] (Add x$1 x$2)) (fn [x$3 x$4] (Sub x$3 x$4)) (call Seconds (5))))",
        ),
        ("rdd.foreach(println)", "(.foreach rdd (println))"),
        ("xs.map(_ => 1)", "(.map xs ((fn [_] 1)))"),
    ];
    for (src, want) in cases {
        assert_eq!(body(src), want, "{src}");
    }
}

#[test]
fn lambdas_and_blocks() {
    let cases = [
        (
            "f((x: Int, y: Int) => x + y)",
            "(call f ((fn [x:Int y:Int] (Add x y))))",
        ),
        (
            "f((ov: Int, nv: Int) => { println(\"a\"); ov + nv })",
            "(call f ((fn [ov:Int nv:Int] {(call println (\"a\")); (Add ov nv)})))",
        ),
        (
            "ds.foreachRDD { rdd => rdd.count(); 1 }",
            "(.foreachRDD ds ((fn [rdd] {(.count rdd ()); 1})))",
        ),
        (
            "ds.map { case (k, v) => k }",
            "(.map ds ((cases (case (k v) k))))",
        ),
        (
            "ds.filter((kv: (String, Int)) => kv._2 != 0)",
            "(.filter ds ((fn [kv:(String,Int)] (Ne (. kv _2) 0))))",
        ),
        (
            "ds.transform(rdd => {\n  rdd\n})",
            "(.transform ds ((fn [rdd] {rdd})))",
        ),
        (
            "val f: (Int, Int) => Int = _ + _",
            "(val f:(Int,Int)=>Int (fn [x$1 x$2] (Add x$1 x$2)))",
        ),
        (
            "val g: Int => Int = x => x",
            "(val g:(Int)=>Int (fn [x] x))",
        ),
        ("val (a, b) = (1, 2)", "(val (a b) (tuple 1 2))"),
        (
            "var bc: Broadcast[List[Int]] = null",
            "(var bc:Broadcast[List[Int]] null)",
        ),
        ("x += 1\nx = 2\ny -= 3", "(Add= x 1)\n(= x 2)\n(Sub= y 3)"),
        (
            "def f(x: Int): Int = {\n  val y = x\n  y * 2\n}",
            "(def f(x:Int):Int {(val y x); (Mul y 2)})",
        ),
    ];
    for (src, want) in cases {
        assert_eq!(body(src), want, "{src}");
    }
}

#[test]
fn newlines_and_method_chains() {
    let cases = [
        ("val r = a\n  .map(f)\n  .filter(g)\nr.print()", "(val r (.filter (.map a (f)) (g)))\n(.print r ())"),
        ("val x = 1 +\n  2\nval y = 3", "(val x (Add 1 2))\n(val y 3)"),
        ("if (a)\n  b()\nelse\n  c()", "(if a (call b ()) (call c ()))"),
        ("if (a) {\n  b\n}\nelse {\n  c\n}", "(if a {b} {c})"),
        ("f(1,\n  2)\ng()", "(call f (1 2))\n(call g ())"),
        ("a\n-1", "a\n-1"),
        ("val s = x match {\n  case 0 => \"z\"\n  case n if n > 0 =>\n    val m = n\n    m\n  case _ => \"o\"\n}", "(val s (match x (case 0 \"z\") (case n if (Gt n 0) {(val m n); m}) (case _ \"o\")))"),
        ("1 to 5", "(.to 1 (5))"),
        ("a max b", "(.max a (b))"),
        ("1 :: 2 :: Nil", "(Cons 1 (Cons 2 Nil))"),
        ("a + b * c - d", "(Sub (Add a (Mul b c)) d)"),
        ("a || b && !c == d", "(Or a (And b (Eq (Not c) d)))"),
        ("k -> v", "(Arrow k v)"),
        ("x +: xs", "(.+: xs (x))"),
        ("-x * 2", "(Mul (Neg x) 2)"),
        ("-2147483648", "-2147483648"),
        ("while (i < 3) i += 1", "(while (Lt i 3) {(Add= i 1)})"),
        ("for (x <- xs; y <- ys if y > x) println(x)", "(for (x <- xs) (y <- ys if (Gt y x)) (call println (x)))"),
        ("for {\n  x <- xs\n  y <- ys\n} yield (x, y)", "(for-yield (x <- xs) (y <- ys) (tuple x y))"),
        ("new SparkConf().setMaster(\"local[2]\")", "(.setMaster (new SparkConf ()) (\"local[2]\"))"),
        ("new X\nf()", "(new X)\n(call f ())"),
        ("ssc.createDirectStream[String, String](a)", "(.createDirectStream[String,String] ssc (a))"),
        ("List[Int](1, 2)", "(call List[Int] (1 2))"),
        ("def f(): Unit = return", "(def f():Unit (return))"),
        ("throw new E(\"x\")", "(throw (new E (\"x\")))"),
        (
            "try {\n  f()\n} catch {\n  case e: Exception => 0\n} finally {\n  g()\n}",
            "(try {(call f ())} [(case e:Exception 0)] (finally {(call g ())}))",
        ),
        ("try f() finally g()", "(try (call f ()) [] (finally (call g ())))"),
        ("(1: Int)", "(: 1 Int)"),
        ("x(0) = 1", "(= (call x (0)) 1)"),
        ("val Pi = 3", "(val Pi 3)"),
        ("{\n  import a.{b => c}\n  1\n}", "{(import a.{b => c}); 1}"),
        (
            "ds.foreachRDD { rdd =>\n  val n = rdd.count()\n  println(n)\n}",
            "(.foreachRDD ds ((fn [rdd] {(val n (.count rdd ())); (call println (n))})))",
        ),
        ("ds.foreachRDD { (rdd, t) => t }", "(.foreachRDD ds ((fn [rdd t] {t})))"),
        ("val a = xs\n  // note\n  .map(f)\n\nval b = 1", "(val a (.map xs (f)))\n(val b 1)"),
        ("xs.map((_: Int) * 2)", "(.map xs ((fn [x$1:Int] (Mul x$1 2))))"),
        ("if (a) b; else c", "(if a b c)"),
        ("rdd.map { x => x }.count", "(. (.map rdd ((fn [x] {x}))) count)"),
        ("f(() => 1)", "(call f ((fn [] 1)))"),
        ("xs.foreach(x => total += x)", "(.foreach xs ((fn [x] {(Add= total x)})))"),
        ("2L + 1.5 + 'c' + 2e3 + 0x1F", "(Add (Add (Add (Add 2L 1.5) 'c') 2000.0) 31)"),
    ];
    for (src, want) in cases {
        assert_eq!(body(src), want, "{src}");
    }
}

#[test]
fn patterns() {
    let src = "o match {\n  case Some(x: Int) => x\n  case None => -1\n  case (a, _) if a > 0 => a\n  case s: String => 0\n  case \"k\" | \"j\" => 1\n  case h :: t :: Nil => 2\n  case all @ (k, 1 | 2) => 3\n  case _ @ x :: _ => 4\n}";
    let (f, d) = parse(src);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(
        stmt(&f.body[0]),
        "(match o (case Some(x:Int) x) (case None -1) (case (a _) if (Gt a 0) a) (case s:String 0) \
         (case (| \"k\" \"j\") 1) (case (:: h (:: t =Nil)) 2) (case all@(k (| 1 2)) 3) \
         (case (:: x _) 4))"
    );
    // An interpolated pattern: its literal parts and its holes' names (`_` binds none).
    assert_eq!(
        body("l match { case s\"$k=${v}!$_\" => k }"),
        "(match l (case (s [\"\", \"=\", \"!\", \"\"] k v _) k))"
    );
    // A binder needs a name on its left.
    let (_, d) = parse("o match { case (a, b) @ c => 1 }");
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].message(), "expected a name, found a pattern");
}

#[test]
fn case_classes_and_their_patterns() {
    assert_eq!(
        body("case class Word(text: String, val n: Int = 1) extends Serializable {\n  def twice = n * 2\n}\nval Word(t, k) = w\nx match { case Word(a, 1) => a; case Success(v) => v }"),
        "(case class Word(text:String n:Int=1) (def twice (Mul n 2)))\n(val Word(t k) w)\n(match x (case Word(a 1) a) (case Success(v) v))"
    );
    // Scala's own written in full are the same patterns.
    assert_eq!(
        body("x match { case scala.util.Failure(e) => e; case scala.Some(v) => v }"),
        "(match x (case Failure(e) e) (case Some(v) v))"
    );
    // And names every program has in scope, written in full, in expressions; not a
    // package's name that differs (`java.lang.Long` is not Scala's `Long`).
    assert_eq!(
        body("scala.math.max(1, 2)\njava.lang.Integer.parseInt(s)\nscala.util.Success(1)\nscala.Tuple2(a, b)"),
        body("math.max(1, 2)\nInteger.parseInt(s)\nSuccess(1)\nTuple2(a, b)")
    );
    assert_eq!(
        body("java.lang.Long.parseLong(s)"),
        "(.parseLong (. (. java lang) Long) (s))"
    );
    // `TupleN(...)` of N arguments is the tuple.
    assert_eq!(
        body("Tuple2(w, 1)\nnew Tuple3(a, (b, c), f(d, e))"),
        "(tuple w 1)\n(tuple a (tuple b c) (call f (d e)))"
    );
    assert_eq!(body("lazy val n = 1 + 2"), "(lazy val n (Add 1 2))");
    // An `object` in a block: its `def`s first, then its other statements.
    assert_eq!(
        body("val k = {\n  object C extends Serializable { var n = 0\n  def f = n }\n  C.f\n}"),
        "(val k {(object C (def f n) (var n 0)); (. C f)})"
    );
    // `f _` is the method `f` as a function value.
    assert_eq!(body("g(track _)"), "(call g (track))");
    let refused = |src: &str| {
        let (_, d) = parse(src);
        d.iter().map(|d| d.args[0].clone()).collect::<Vec<_>>()
    };
    assert_eq!(
        refused("case class A(var x: Int)\ncase class B[T](x: T)\ncase class D(x: Int) extends Foo(1) with T(2)\ncase class E(x: Int) { val y = 1 }\ncase class F(x: Int) { override def x = 2 }\nx match { case Foo.Bar => 1 }"),
        [
            "`var` fields of a case class",
            "type parameters of a case class",
            "arguments to a trait",
            "statements other than `def` in a case class body",
            "defining `x` in a case class",
            "constant patterns",
        ]
    );
    // Traits without members, case objects, and the patterns that name them.
    let (f, d) = parse(
        "sealed trait Shape\nabstract class Base {}\ncase object Stop extends Shape with Serializable\ncase class C(r: Int) extends Shape\nobject Main {\n  def main(args: Array[String]): Unit = {\n    x match { case Stop => 1; case c: Shape => 2 }\n  }\n}",
    );
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(
        f.body.iter().map(stmt).collect::<Vec<_>>(),
        [
            "(trait Shape)",
            "(trait Base)",
            "(case object Stop Shape)",
            "(case class C(r:Int))",
            "(match x (case =Stop 1) (case c:Shape 2))"
        ]
    );
    // A case object inside `main` (or a bare body, which is `main`'s) is refused, saying why.
    for src in [
        "case object Stop",
        "object M { def main(args: Array[String]): Unit = { case object Stop } }",
    ] {
        let r = refused(src);
        assert_eq!(r.len(), 1, "{src}: {r:?}");
        assert!(r[0].contains("Task not serializable"), "{r:?}");
    }
    // A trait with members is not a marker: a class of its own (see `user_class.rs`).
    assert!(refused("trait T { def f: Int }").is_empty());
}

#[test]
fn spans_cover_the_source() {
    let src = "val conf = new SparkConf()\n  .setMaster(\"local[2]\")\nssc.start()";
    let (f, d) = parse(src);
    assert!(d.is_empty());
    let text = |s: Span| &src[s.start as usize..s.end as usize];
    assert_eq!(
        text(f.body[0].span),
        "val conf = new SparkConf()\n  .setMaster(\"local[2]\")"
    );
    assert_eq!(text(f.body[1].span), "ssc.start()");
    let StmtKind::Val { init, pat, .. } = &f.body[0].kind else {
        panic!()
    };
    assert_eq!(text(pat.span()), "conf");
    let ExprKind::MethodCall { name_span, .. } = &init.kind else {
        panic!()
    };
    assert_eq!(text(*name_span), "setMaster");
}

#[test]
fn strings_and_interpolation() {
    let src =
        r#"println(s"=====K: $k, NV: ${nv.getOrElse()}, OV: ${ov.getOption().getOrElse(0)}=====")"#;
    assert_eq!(
        body(src),
        r#"(call println ((s "=====K: " k ", NV: " (.getOrElse nv ()) ", OV: " (.getOrElse (.getOption ov ()) (0)) "=====")))"#
    );
    // Spans of the `${...}` contents point into the original text.
    let (f, _) = parse(src);
    let StmtKind::Expr(e) = &f.body[0].kind else {
        panic!()
    };
    let ExprKind::Apply { args, .. } = &e.kind else {
        panic!()
    };
    let ExprKind::Interpolated { parts, .. } = &args[0][0].kind else {
        panic!()
    };
    let InterpPart::Expr(inner) = &parts[3] else {
        panic!()
    };
    assert_eq!(
        &src[inner.span.start as usize..inner.span.end as usize],
        "nv.getOrElse()"
    );
    assert_eq!(body(r#"s"a$$b ${"}"} c""#), r#"(s "a$b " "}" " c")"#);
    assert_eq!(body(r#""a\tb\"\\""#), r#""a\tb\"\\""#);
    assert_eq!(body("\"\"\"raw\\n \"q\" \"\"\""), r#""raw\\n \"q\" ""#);
    assert_eq!(
        body(r#"sc.setCheckpointDir("D:\\ideaProject\\bigdata")"#),
        r#"(.setCheckpointDir sc ("D:\\ideaProject\\bigdata"))"#
    );
}

// ---- errors ----

#[test]
fn three_errors_are_reported_with_positions() {
    let src = "val a = (1 + )\nval b = 2\nval c = foo(1,, 2)\nprintln(a)\nval = 5\nval d = 4\n";
    let (f, diags) = parse(src);
    let idx = LineIndex::new(src);
    let at: Vec<(u32, u32, &str)> = diags
        .iter()
        .map(|d| {
            let (l, c) = idx.line_col(d.span.start);
            (l, c, d.kind)
        })
        .collect();
    assert_eq!(
        at,
        [
            (1, 14, "unexpected_token"),
            (3, 15, "unexpected_token"),
            (5, 5, "unexpected_token")
        ],
        "{}",
        report(src, &diags)
    );
    // Recovery keeps the good statements.
    assert!(f.body.iter().any(|s| stmt(s) == "(val d 4)"));
    assert!(f.body.iter().any(|s| stmt(s) == "(val b 2)"));
}

#[test]
fn lexical_errors() {
    let kinds = |src: &str| parse(src).1.iter().map(|d| d.kind).collect::<Vec<_>>();
    assert_eq!(kinds("val s = \"abc\nval t = 1"), ["unterminated_string"]);
    assert_eq!(
        kinds("val t = 1 /* never /* closed */"),
        ["unterminated_comment"]
    );
    assert_eq!(kinds("val t = 1 /* nested /* ok */ */"), Vec::<&str>::new());
    assert_eq!(kinds("val x = 2147483648"), ["int_too_large"]);
    assert_eq!(kinds("val x = 12abc"), ["bad_number"]);
    assert_eq!(kinds("val x = \"a\\qb\""), ["bad_escape"]);
    assert_eq!(kinds("val x = 1 ¤"), ["bad_char"]);
    // scalac: a `Char` is one UTF-16 unit; an escaped surrogate is one, and two make a pair.
    assert_eq!(kinds("val c = '😀'"), ["illegal_codepoint"]);
    assert_eq!(kinds("val c = '\\uD83D'"), Vec::<&str>::new());
    assert_eq!(kinds("val s = \"\\uD83D\\uDE00\""), Vec::<&str>::new());
    let (_, d) = parse("val s = \"abc");
    assert_eq!(d[0].span.start, 8);
}

#[test]
fn unsupported_constructs_are_reported_and_skipped() {
    for (src, what) in [
        (
            "abstract case class A(x: Int)\nval y = 1",
            "`class` definitions",
        ),
        (
            "type T[A] = List[A]\nval y = 1",
            "`type` aliases with type parameters",
        ),
        (
            "lazy var x = 1\nval y = 1",
            "`lazy` here (only `lazy val name = ...`)",
        ),
        ("implicit val x = 1\nval y = 1", "`implicit` definitions"),
        (
            "def f(x: Int)(implicit y: Int) = x\nval y = 1",
            "implicit parameters",
        ),
        ("val x = <a>b</a>\nval y = 1", "XML literals"),
    ] {
        let (f, d) = parse(src);
        assert_eq!(d.len(), 1, "{src}: {d:?}");
        assert_eq!(
            (d[0].kind, d[0].args[0].as_str()),
            ("unsupported", what),
            "{src}"
        );
        assert_eq!(
            f.body.last().map(stmt).as_deref(),
            Some("(val y 1)"),
            "{src}"
        );
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    for (open, close) in [
        ("(", ")"),
        ("{", "}"),
        ("f(", ")"),
        ("- ", ""),
        ("! ", ""),
        ("if (a) ", ""),
        ("x => ", ""),
        ("a :: ", ""),
    ] {
        let src = format!("val x = {}1{}", open.repeat(5000), close.repeat(5000));
        let (_, d) = parse(&src);
        assert!(d.iter().any(|d| d.kind == "unsupported"), "{open}: {d:?}");
    }
    // Moderate nesting is fine.
    let src = format!("val x = {}1{}", "(".repeat(50), ")".repeat(50));
    assert!(parse(&src).1.is_empty());
}

// ---- robustness ----

fn sample_program() -> String {
    golden_programs()
        .into_iter()
        .next()
        .map(|(_, p)| p)
        .unwrap_or_else(|| snippet("dstream_api").unwrap().code.to_string())
}

#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, char),
    Delete(usize),
    Replace(usize, char),
}

fn edit_strategy() -> impl Strategy<Value = Edit> {
    let ch = prop_oneof![
        proptest::sample::select(vec![
            '(', ')', '{', '}', '[', ']', '"', '\'', '_', '=', '>', '.', ',', ';', '\n', '/', '*',
            '$', 'x', '1', ' ', ':', '`', '\\'
        ]),
        any::<char>(),
    ];
    prop_oneof![
        (any::<usize>(), ch.clone()).prop_map(|(i, c)| Edit::Insert(i, c)),
        any::<usize>().prop_map(Edit::Delete),
        (any::<usize>(), ch).prop_map(|(i, c)| Edit::Replace(i, c)),
    ]
}

fn apply(src: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = src.chars().collect();
    for e in edits {
        let n = chars.len().max(1);
        match *e {
            Edit::Insert(i, c) => chars.insert(i % (chars.len() + 1), c),
            Edit::Delete(i) if !chars.is_empty() => {
                chars.remove(i % n);
            }
            Edit::Replace(i, c) if !chars.is_empty() => chars[i % n] = c,
            _ => {}
        }
    }
    chars.into_iter().collect()
}

/// Parse, and say how long it took: the wall clock is exactly what these tests bound.
#[allow(clippy::disallowed_methods)]
fn timed_parse(src: &str) -> (Vec<Diagnostic>, f64) {
    let start = std::time::Instant::now();
    let (_, diags) = parse(src);
    (diags, start.elapsed().as_secs_f64())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_text_never_panics(s in "\\PC{0,200}") {
        let (_, secs) = timed_parse(&s);
        prop_assert!(secs < 2.0);
    }

    #[test]
    fn random_tokens_never_panic(parts in proptest::collection::vec(proptest::sample::select(vec![
        "(", ")", "{", "}", "[", "]", "_", "=>", "x", "1", "\"s\"", "s\"a${", "}\"", "\n", ";", ",", ".",
        "val", "def", "if", "else", "match", "case", "for", "<-", "yield", "new", "+", "-", "::", ":",
        "Int", "=", "+=", "object", "main", "while", "return", "/*", "*/", "//",
    ]), 0..120)) {
        let s = parts.join(" ");
        let _ = parse(&s);
    }

    #[test]
    fn mutated_programs_never_panic(edits in proptest::collection::vec(edit_strategy(), 1..8)) {
        let src = apply(&sample_program(), &edits);
        let (diags, secs) = timed_parse(&src);
        prop_assert!(secs < 2.0);
        for d in diags {
            prop_assert!(d.span.start <= d.span.end && d.span.end as usize <= src.len());
        }
    }
}
