//! Case classes as a learner meets them beyond the cases kept from real Spark
//! (`spark_oracle/cc_*`): what scalac refuses, reported before the run with scalac's words
//! (each asked of Spark 4.3.0's compiler with `../shared/tools/spark-oracle`, quoted beside
//! it), and the runtime paths the checker cannot see (a constructor reached through a
//! function value, a sort over values whose type it does not know).

mod common;

use dstream_engine::scala::diag::{Lang, LineIndex};
use dstream_engine::scala::parser::parse;
use dstream_engine::trace::Trace;

const HEAD: &str = "val conf = new SparkConf().setMaster(\"local[2]\").setAppName(\"cc\")\n\
val ssc = new StreamingContext(conf, Seconds(1))\n\
val lines = ssc.socketTextStream(\"localhost\", 9999)\n";

/// `HEAD`, `body`, start and await.
fn program(body: &str) -> String {
    format!("{HEAD}{body}\nssc.start()\nssc.awaitTermination()\n")
}

/// Every diagnostic of the program, one per line: `line:col kind message`.
fn diagnostics(body: &str, lang: Lang) -> String {
    let src = program(body);
    let (_, diags) = parse(&src);
    let idx = LineIndex::new(&src);
    diags
        .iter()
        .map(|d| {
            let (l, c) = idx.line_col(d.span.start);
            format!("{l}:{c} {} {}\n", d.kind, d.message_in(lang))
        })
        .collect()
}

/// The program run on `batches`.
fn replay(body: &str, batches: &[&[&str]]) -> Trace {
    common::replay(&program(body), batches)
}

/// The stdout of every batch, joined.
fn stdout(t: &Trace) -> String {
    t.batches.iter().map(|b| b.stdout.as_str()).collect()
}

#[test]
fn what_scalac_refuses_is_reported_before_the_run() {
    // scalac: "not enough arguments for method apply: (s: String, n: Int): W in object W."
    assert_eq!(
        diagnostics(
            "case class W(s: String, n: Int)\nlines.map(l => W(l)).print()",
            Lang::En
        ),
        "5:17 not_enough_args not enough arguments for method apply: (s: String, n: Int): W in object W.\nUnspecified value parameter n.\n"
    );
    // scalac: "value nn is not a member of W"
    assert_eq!(
        diagnostics(
            "case class W(s: String, n: Int)\nlines.map(l => W(l, 1)).map(_.nn).print()",
            Lang::En
        ),
        "5:31 unknown_method value nn is not a member of W\ndid you mean n?\n"
    );
    // scalac: "could not find implicit value for parameter ord: Ordering[W]"
    assert_eq!(
        diagnostics("case class W(s: String)\nlines.map(l => W(l)).transform(_.sortBy(w => w)).print()", Lang::En),
        "5:34 no_ordering could not find implicit value for parameter ord: Ordering[W] (Scala gives a case class no Ordering: sort by one of its fields)\n"
    );
    // scalac: "value sortByKey is not a member of org.apache.spark.rdd.RDD[(W, Int)]"
    assert_eq!(
        diagnostics(
            "case class W(s: String)\nlines.map(l => (W(l), 1)).transform(_.sortByKey()).print()",
            Lang::En
        ),
        "5:39 unknown_method value sortByKey is not a member of org.apache.spark.rdd.RDD[(W, Int)]\n"
    );
    // A field of the wrong type, a name that is no field, too many values, a pattern of the
    // wrong arity, an unknown class in a pattern.
    assert_eq!(
        diagnostics(
            "case class W(s: String, n: Int = 0)\n\
             val a = W(1, \"x\")\n\
             val b = W(\"x\").copy(m = 2)\n\
             val c = W(\"x\", 1, 2)\n\
             val W(p) = a\n\
             val Wd(q, r) = a",
            Lang::En
        ),
        "5:11 type_mismatch type mismatch: found Int(1), required String\n\
         5:14 type_mismatch type mismatch: found String(\"x\"), required Int\n\
         6:21 unknown_param unknown parameter name: m\n\
         7:19 too_many_args too many arguments (found 3, expected 2) for method apply: (s: String, n: Int): W in object W\n\
         8:5 wrong_arg_count pattern W takes 2 argument(s), but 1 were given\n\
         9:5 unknown_name not found: value Wd\ndid you mean W?\n"
    );
    // A `Seq` field given a number and a number field a `Seq` (scalac, mistakes seed 10048):
    // each at its own point, a call at its parenthesis; a `List` is a `Seq`.
    assert_eq!(
        diagnostics(
            "case class V(n: Int, xs: Seq[Int])\n\
             val v = V(Seq(1), 1)\n\
             val u = V(2, List(3))",
            Lang::En
        ),
        "5:14 type_mismatch type mismatch: found Seq[Int], required Int\n\
         5:19 type_mismatch type mismatch: found Int(1), required Seq[Int]\n"
    );
    assert_eq!(
        diagnostics(
            "case class W(s: String, n: Int)\nval w = W(\"a\")",
            Lang::Zh
        ),
        "5:10 not_enough_args 调用方法 apply 的参数不够：没有给出 n（上面是它的签名）\n"
    );
}

#[test]
fn a_well_formed_program_has_no_diagnostics() {
    assert_eq!(
        diagnostics(
            "case class W(s: String, n: Int = 1) {\n  def twice = copy(n = n * 2)\n  def size = productArity + s.length\n}\n\
             val w = new W(\"a\")\n\
             val v = W(n = 3, s = \"b\").twice\n\
             lines.map(l => W(l)).map { case W(s, n) => s + n }.print()",
            Lang::En
        ),
        ""
    );
}

#[test]
fn argument_counts_are_scalacs_for_apply_and_the_constructor() {
    // Spark 4.3.0's scalac: `W(...)` is `apply` in object W (pointed at its parenthesis),
    // `new W(...)` the constructor (at `new`); too many points at the first argument too
    // many; a parameter named after its position was given says only that.
    assert_eq!(
        diagnostics(
            "case class W(s: String, n: Int = 1)\ncase class V(n: Int, xs: Seq[Int])\n\
             val a = W(s = \"a\", n = 1, 3)\n\
             val b = V.apply(Seq(1), n = 1)\n\
             val c = new W(n = 2)\n\
             val d = new V(1, Seq(2), 3)\n\
             val e = W()",
            Lang::En
        ),
        "6:27 too_many_args too many arguments (found 3, expected 2) for method apply: (s: String, n: Int): W in object W\n\
         7:27 already_specified parameter 'n' is already specified at parameter position 1\n\
         8:9 not_enough_args not enough arguments for constructor W: (s: String, n: Int): W.\nUnspecified value parameter s.\n\
         9:26 too_many_args too many arguments (found 3, expected 2) for constructor V: (n: Int, xs: Seq[Int]): V\n\
         10:10 not_enough_args not enough arguments for method apply: (s: String, n: Int): W in object W.\nUnspecified value parameter s.\n"
    );
}

#[test]
fn a_missing_argument_reached_through_a_function_value_is_scalacs_error() {
    // The checker follows the list's element (a `List[W.type]`): scalac's error, at the
    // parenthesis of `apply`, before the run.
    assert_eq!(
        diagnostics(
            "case class W(s: String, n: Int)\nval fs = List(W)\nlines.map(l => fs.head.apply(l)).print()",
            Lang::En
        ),
        "6:29 not_enough_args not enough arguments for method apply: (s: String, n: Int): W in object W.\nUnspecified value parameter n.\n"
    );
}

#[test]
fn sorting_by_a_case_class_the_checker_cannot_see_fails_with_scalacs_text() {
    let t = replay(
        "case class W(s: String)\ndef key(x: Any) = x\nlines.map(l => W(l)).transform(_.sortBy(w => key(w))).print()",
        &[&["b", "a"]],
    );
    let e = t.error.expect("an error");
    assert!(
        e.message
            .starts_with("could not find implicit value for parameter ord: Ordering[W]"),
        "{}",
        e.message
    );
}

#[test]
fn instances_compare_by_class_and_fields_and_take_their_own_patterns() {
    let t = replay(
        "case class A(x: Int, y: String)\ncase class B(x: Int, y: String)\n\
         println(A(1, \"a\") == A(1, \"a\"))\n\
         println(A(1, \"a\") == B(1, \"a\"))\n\
         println(A(1, \"a\") == (1, \"a\"))\n\
         println(A(1, \"a\").hashCode == (1, \"a\").hashCode)\n\
         println(A(1, \"a\").hashCode == A(1, \"a\").hashCode)\n\
         println(A.unapply(A(2, \"b\")))\n\
         println(B(3, \"c\") match { case A(x, _) => \"A\" + x; case B(x, y) => \"B\" + x + y })\n\
         println(A(4, \"d\").productElementName(1) + A(4, \"d\").productElement(1))\n\
         println(A(1, \"a\").productElement(2))",
        &[&["a"]],
    );
    // The last line throws, as `productElement(2)` does on a class of two fields.
    let e = t.error.as_ref().expect("an error");
    assert_eq!(e.class, "java.lang.IndexOutOfBoundsException");
    assert_eq!(e.message, "2 is out of bounds (min 0, max 1)");
    assert_eq!(
        t.stdout_before,
        "true\nfalse\nfalse\nfalse\ntrue\nSome((2,b))\nB3c\nyd\n"
    );
}

#[test]
fn a_case_class_key_counts_per_key_through_a_window_with_the_inverse() {
    // Equal instances built in different batches are one key: the inverse subtracts the
    // batch that left from the same key's sum.
    let t = replay(
        "ssc.checkpoint(\"cp\")\ncase class K(w: String)\n\
         lines.map(l => (K(l), 1)).reduceByKeyAndWindow(_ + _, _ - _, Seconds(2), Seconds(1)).print()",
        &[&["a", "a"], &["a", "b"], &[]],
    );
    assert!(t.error.is_none(), "{:?}", t.error);
    let out = stdout(&t);
    assert!(out.contains("(K(a),2)"), "{out}");
    assert!(out.contains("(K(a),3)"), "{out}");
    // In the third batch the first has left: a is 1, b still 1.
    let third = &t.batches[2].stdout;
    assert!(
        third.contains("(K(a),1)") && third.contains("(K(b),1)"),
        "{third}"
    );
}
