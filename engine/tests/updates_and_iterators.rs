//! Scala's assignments beyond `x = v` and its lazy iterators, as a driver program runs them:
//! an element or a `var` of a program's `object` (`Stats.seen(k) = n`, `Stats.total += 1`),
//! the `op=` forms Scala rewrites to `x = x op y` (`xs ::= x`, `n <<= 2`, `s ++= t`), a call's
//! result that is no variable (`m.getOrElseUpdate(k, 0) += 1`), and `Iterator.iterate`,
//! `Iterator.from`, `Iterator.continually` with the steps that read only what they need.
//! (Spark's own output for these programs is kept in `spark_oracle/obj_elem_assign`,
//! `obj_var_assign`, `iter_lazy`.)

mod common;

use common::replay;

/// What `body` (statements of `main`, after `pre` at the top level) prints before the
/// context starts, or the error that stopped it.
fn printed(pre: &str, body: &str) -> Result<String, String> {
    let program = format!(
        "import scala.collection.mutable\n{pre}\nobject P {{\n  def main(args: Array[String]): Unit = {{\n\
         val conf = new SparkConf().setMaster(\"local[2]\").setAppName(\"t\")\n\
         val ssc = new StreamingContext(conf, Seconds(1))\n\
         {body}\n\
         ssc.socketTextStream(\"localhost\", 9999).print()\n\
         ssc.start()\nssc.awaitTermination()\n  }}\n}}\n"
    );
    let t = replay(&program, &[]);
    match t.error {
        Some(e) => Err(format!("{}: {}", e.class, e.message)),
        None => Ok(t.stdout_before),
    }
}

#[test]
fn an_objects_collection_is_updated_through_its_element() {
    let pre = "object Stats {\n  val seen = mutable.Map[String, Int]()\n  \
               val grid = Array.ofDim[Int](2, 2)\n}";
    let out = printed(
        pre,
        "Stats.seen(\"a\") = 3\nStats.seen(\"a\") += 4\nStats.seen(\"b\") = 1\n\
         Stats.grid(1)(0) = 7\nStats.grid(1)(0) += 1\n\
         println(Stats.seen.toSeq.sorted)\nprintln(Stats.grid.map(_.mkString(\",\")).mkString(\";\"))",
    );
    assert_eq!(out.unwrap(), "List((a,7), (b,1))\n0,0;8,0\n");
}

#[test]
fn an_objects_var_is_reassigned_and_its_val_is_not() {
    let pre = "object Stats { var total = 0; var avg: Double = 0; val fixed = 1 }";
    let out = printed(
        pre,
        "Stats.total += 2\nStats.total *= 10\nStats.avg = 3\nprintln(Stats.total + \" \" + Stats.avg)",
    );
    // The declared `Double` widens the `Int` assigned.
    assert_eq!(out.unwrap(), "20 3.0\n");
    let err = printed(pre, "Stats.fixed = 4").unwrap_err();
    assert!(err.contains("reassignment to val"), "{err}");
}

#[test]
fn op_assignments_scala_rewrites_as_x_equals_x_op_y() {
    let out = printed(
        "",
        "var xs = List(\"a\")\nxs ::= \"b\"\nxs :+= \"z\"\nxs +:= \"y\"\nxs ++= List(\"q\")\n\
         var n = 5\nn <<= 2\nn |= 1\nn ^= 3\nn &= 0xff\n\
         var s = \"ab\"\ns ++= \"cd\"\nvar b = false\nb |= true\n\
         println(xs + \" \" + n + \" \" + s + \" \" + b)",
    );
    // `xs ::= x` prepends (`xs = xs.::(x)`).
    assert_eq!(out.unwrap(), "List(y, b, a, z, q) 22 abcd true\n");
}

#[test]
fn a_calls_result_holding_a_number_is_no_variable() {
    let err = printed(
        "",
        "val m = mutable.Map[String, Int]()\nm.getOrElseUpdate(\"a\", 0) += 1",
    )
    .unwrap_err();
    assert!(err.ends_with("value += is not a member of Int"), "{err}");
    // A buffer there has its own `+=`.
    let out = printed(
        "",
        "val m = mutable.Map[String, mutable.ListBuffer[Int]]()\n\
         m.getOrElseUpdate(\"a\", mutable.ListBuffer()) += 1\nprintln(m)",
    );
    assert_eq!(out.unwrap(), "HashMap(a -> ListBuffer(1))\n");
}

#[test]
fn endless_iterators_are_read_only_as_far_as_asked() {
    // `iterate` calls `f` for each element after the first, when that element is asked for.
    let out = printed(
        "",
        "var calls = 0\n\
         val it = Iterator.iterate(1) { x => calls += 1; x * 2 }\n\
         println(it.take(4).toList + \" \" + calls)\n\
         println(it.next() + \" \" + calls)\n\
         println(Iterator.from(10, 5).drop(1).takeWhile(_ < 30).toList)\n\
         println(Iterator.from(1).zip(List(\"a\", \"b\")).toList)\n\
         var k = 0\n\
         println(Iterator.continually { k += 1; k }.find(_ % 4 == 0) + \" \" + k)\n\
         println(List.iterate(1, 4)(_ * 3))",
    );
    assert_eq!(
        out.unwrap(),
        "List(1, 2, 4, 8) 3\n16 4\nList(15, 20, 25)\nList((1,a), (2,b))\nSome(4) 4\nList(1, 3, 9, 27)\n"
    );
}

#[test]
fn a_mapped_iterators_function_runs_as_each_element_is_consumed() {
    // `foreach` takes one element at a time: the map's `println` and the loop's interleave.
    let out = printed(
        "",
        "Iterator(1, 2).map { x => println(\"m\" + x); x }.foreach(x => println(\"f\" + x))",
    );
    assert_eq!(out.unwrap(), "m1\nf1\nm2\nf2\n");
}

#[test]
fn a_typo_on_an_endless_iterator_is_said_at_once() {
    // Not drained first (that would only end at the work budget).
    let err = printed(
        "",
        "println(Iterator.iterate(1)(_ * 2).map(_ + 1).takee(3))",
    )
    .unwrap_err();
    assert!(
        err.ends_with("value takee is not a member of Iterator; did you mean take?"),
        "{err}"
    );
}

#[test]
fn a_val_reassigned_is_refused_before_the_program_runs() {
    // scalac's words, which name nothing; nothing runs, so nothing prints.
    for (pre, body) in [
        ("", "println(\"first\")\nval x = 1\nx = 2"),
        // A parameter is a `val`.
        ("", "println(\"first\")\ndef f(x: Int): Int = { x = 2; x }"),
        ("", "println(\"first\")\nval g = (n: Int) => { n = 3; n }"),
        (
            "object Stats { val fixed = 1 }",
            "println(\"first\")\nStats.fixed = 4",
        ),
    ] {
        let err = printed(pre, body).unwrap_err();
        assert!(err.starts_with("ScalaSyntax: "), "{err}");
        assert!(err.ends_with(": reassignment to val"), "{err}");
    }
    // A `var` of the same name in a nearer scope may be assigned; a `val`'s `+=` may be a
    // collection's own update.
    let out = printed(
        "",
        "val x = 1\ndef f(): Int = { var x = 2; x = 3; x }\n\
         val buf = mutable.ArrayBuffer(1)\nbuf += 2\nprintln(f() + \" \" + buf)",
    );
    assert_eq!(out.unwrap(), "3 ArrayBuffer(1, 2)\n");
}

#[test]
fn an_object_defined_in_main_is_the_drivers_and_drags_main_into_a_task() {
    // Initialised at its first use, in `main`'s scope (oracle: local_obj_driver).
    let out = printed(
        "",
        "val base = 10\nobject Counter { var n = base; def bump(k: Int): Int = { n += k; n }; \
         println(\"init\") }\nprintln(\"before\")\nprintln(Counter.bump(2) + \" \" + Counter.bump(3))",
    );
    assert_eq!(out.unwrap(), "before\ninit\n12 15\n");
    // A task's function that uses it captures `main`'s object `P`, which does not serialize
    // (Spark 4.3: `Task not serializable`, caused by `java.io.NotSerializableException: P$`).
    let err = printed(
        "",
        "object Conf extends Serializable { val sep = \" \" }\n\
         ssc.socketTextStream(\"localhost\", 9999).flatMap(_.split(Conf.sep)).print()",
    )
    .unwrap_err();
    assert_eq!(
        err,
        "org.apache.spark.SparkException: Task not serializable"
    );
}

#[test]
fn a_class_parameter_not_declared_var_is_a_val() {
    // scalac refuses it where the class is written, called or not.
    let err = printed(
        "class Acc(name: String, var n: Int) { def rename(): Unit = { name = \"x\" } }",
        "println(\"first\")",
    )
    .unwrap_err();
    assert!(
        err.starts_with("ScalaSyntax: ") && err.ends_with(": reassignment to val"),
        "{err}"
    );
    // A `var` parameter and a `var` field are assigned.
    let out = printed(
        "class Acc(name: String, var n: Int) { var total = 0\n  def add(k: Int): Int = { n += k; total = n; total } }",
        "println(new Acc(\"a\", 1).add(2))",
    );
    assert_eq!(out.unwrap(), "3\n");
}
